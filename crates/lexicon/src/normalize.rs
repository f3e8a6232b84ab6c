//! Normalisation shared by hashi's build script (on EDICT glosses) and the library (on English
//! sentences), so that both sides produce identical lexicon keys.

use std::borrow::Cow;

/// Whether `word` (already lowercase) is a stopword: function words, auxiliaries, pronouns
/// and EDICT's gloss placeholders ("one's", "someone", "etc."). "why" is not one: a question
/// is rare in running text and its Japanese (なぜ, どうして) is a lexicon word.
#[rustfmt::skip]
pub fn is_stopword(word: &str) -> bool {
    matches!(
        word,
        "a" | "about" | "above" | "after" | "again" | "against" | "all" | "also" | "am" |
        "among" | "an" | "and" | "any" | "are" | "as" | "at" | "be" | "been" | "before" |
        "being" | "below" | "between" | "both" | "but" | "by" | "can" | "could" | "did" | "do" |
        "does" | "doing" | "done" | "down" | "during" | "each" | "eg" | "either" | "esp" |
        "etc" | "every" | "for" | "from" | "further" | "had" | "has" | "have" | "having" |
        "he" | "her" | "here" | "hers" | "herself" | "him" | "himself" | "his" | "how" |
        "however" | "ie" | "if" | "in" | "into" | "is" | "it" | "its" | "itself" | "just" |
        "may" | "me" | "might" | "more" | "most" | "must" | "my" | "myself" | "neither" | "no" |
        "nor" | "not" | "of" | "off" | "on" | "once" | "one" | "oneself" | "only" | "onto" |
        "or" | "other" | "our" | "ours" | "ourselves" | "out" | "over" | "own" | "per" |
        "same" | "shall" | "she" | "should" | "so" | "some" | "somebody" | "someone" |
        "something" | "somewhere" | "such" | "than" | "that" | "the" | "their" | "theirs" |
        "them" | "themselves" | "then" | "there" | "these" | "they" | "this" | "those" |
        "through" | "thus" | "to" | "too" | "under" | "until" | "up" | "upon" | "us" | "very" |
        "via" | "was" | "we" | "were" | "what" | "when" | "where" | "whether" | "which" |
        "while" | "who" | "whom" | "whose" | "will" | "with" | "within" | "without" |
        "would" | "yet" | "you" | "your" | "yours" | "yourself" | "yourselves"
    )
}

/// Normalise one English word into a lexicon key, or `None` when it carries no content.
///
/// Steps, in order:
/// 1. trim non-alphanumeric characters from both ends (quotes, brackets, full stops);
/// 2. strip a possessive `'s` / `’s`; drop inner full stops (`U.S` → `US`);
/// 3. `None` for words without a letter (numbers such as `1,000` or `3.5`), decades and
///    ordinals (`1990s`, `3rd`), words of one character and negated auxiliaries (`don't`);
/// 4. upper-case `US`/`USA` become `usa` (so "U.S." is not the stopword "us");
/// 5. lowercase; `None` for stopwords;
/// 6. irregular forms to their word (`held` → `hold`, `said` → `say`, `children` → `child`),
///    then Porter's (1980) stemmer for ASCII words, with Porter2's safer plural rules:
///    plurals (`countries` → `countri`), `-ed`/`-ing` (`lived`, `living`, `lives` → `live`),
///    derivational suffixes (`announced`, `announcement` → `announc`; `confirmation`,
///    `confirmed` → `confirm`; `governments` → `govern`). Keys are therefore stems, not always
///    dictionary words;
/// 7. `None` when the stem is a stopword, shorter than two characters or has no letter.
pub fn en_key(word: &str) -> Option<Cow<'_, str>> {
    // Fast path for the common case, with the same result as the general one below.
    if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_lowercase()) {
        if is_stopword(word) {
            return None;
        }
        return finish_key(stem(word).map_or(Cow::Borrowed(word), Cow::Owned));
    }
    let mut w = word.trim_matches(|c: char| !c.is_alphanumeric());
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stripped) = w.strip_suffix(suffix) {
            w = stripped;
            break;
        }
    }
    if w.chars().nth(1).is_none() || !w.chars().any(char::is_alphabetic) {
        return None;
    }
    // Decades and ordinals: 1990s, 3rd, 20th.
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if w.len() - digits.len() <= 2
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let mut word: Cow<'_, str> = Cow::Borrowed(w);
    if w.contains(['.', '’']) {
        word = Cow::Owned(w.replace('.', "").replace('’', "'"));
    }
    if word == "US" || word == "USA" {
        return Some(Cow::Borrowed("usa"));
    }
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        let lower = word.to_lowercase();
        if lower != word {
            word = Cow::Owned(lower);
        }
    }
    if word.ends_with("n't") || is_stopword(&word) {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        if let Some(stem) = stem(&word) {
            word = Cow::Owned(stem);
        }
    }
    finish_key(word)
}

/// Set phrases have this many words: "thank you", "excuse me", "happy new year".
pub const PHRASE_WORDS: std::ops::RangeInclusive<usize> = 2..=3;

/// The key of an English set phrase, `words` in order (2 to 3 of them, see [`PHRASE_WORDS`]):
/// each word's [`en_key`], or for a word that has none (a stopword such as "you", "of",
/// "that's") the word itself, lowercased, joined by spaces: "Thank you" → `thank you`,
/// "Happy New Year" → `happi new year`. A phrase key holds a space, so no single word's key
/// equals it. `None` for a wrong number of words or a word without letters or with digits.
pub fn phrase_key<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut key = String::new();
    let mut n = 0;
    for word in words {
        let part = phrase_part(word)?;
        n += 1;
        if n > *PHRASE_WORDS.end() {
            return None;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&part);
    }
    PHRASE_WORDS.contains(&n).then_some(key)
}

/// One word as a part of a [`phrase_key`]: its key, or the lowercased word for a stopword
/// ("of course"); `None` for a word with no letter or with a digit, which no phrase holds.
/// Computed once a word, so that a sentence's runs of words share the work.
pub fn phrase_part(word: &str) -> Option<String> {
    phrase_part_and_key(word).map(|(part, _)| part)
}

/// [`phrase_part`], and whether that part is the word's [`en_key`] (else the word has no
/// key): a caller that needs both normalises the word once.
pub fn phrase_part_and_key(word: &str) -> Option<(String, bool)> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if !w.chars().any(char::is_alphabetic) || w.chars().any(|c| c.is_numeric()) {
        return None;
    }
    Some(match en_key(w) {
        Some(k) => (k.into_owned(), true),
        None => (
            w.chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    '’' => '\'',
                    c => c,
                })
                .collect(),
            false,
        ),
    })
}

/// Whether an EDICT gloss field has a sense tagged as an expression `(exp)` or an
/// interjection `(int)`: set phrases, greetings, thanks, apologies.
pub fn is_expression(glosses: &str) -> bool {
    glosses
        .split('/')
        .any(|gloss| leading_tags(gloss).any(is_expression_tag))
}

fn is_expression_tag(tag: &str) -> bool {
    tag.split(',').any(|t| matches!(t, "exp" | "int"))
}

fn finish_key(word: Cow<'_, str>) -> Option<Cow<'_, str>> {
    if word.len() < 2 || !word.chars().any(char::is_alphabetic) || is_stopword(&word) {
        return None;
    }
    Some(word)
}

/// Split English text into words, the way the lexicon was built: runs of alphanumeric
/// characters, where an apostrophe or a full stop between two alphanumerics stays inside the
/// word (`Japan's`, `U.S`, `3.5`) and anything else (spaces, hyphens, slashes) separates.
/// Feed each word to [`en_key`].
pub fn en_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        let s = &rest[start..];
        let mut end = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
            } else if matches!(c, '\'' | '’' | '.')
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
            {
                continue;
            } else {
                break;
            }
        }
        rest = &s[end..];
        Some(&s[..end])
    })
}

/// Normalise a Japanese word into a lexicon key: full-width ASCII (`ＣＤ`, `２`) becomes
/// half-width; everything else is kept as is (kana are not folded).
pub fn ja_key(word: &str) -> Cow<'_, str> {
    if !word.chars().any(is_fullwidth_ascii) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .map(|c| {
                if is_fullwidth_ascii(c) {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn is_fullwidth_ascii(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// Whether `c` is a hiragana or katakana letter (including the prolonged sound mark).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}')
}

// ---------------------------------------------------------------------------------------
// Stemming: Porter (1980), with Porter2's safer plural rules and a table of irregular forms.

fn is_vowel_at(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => true,
        b'y' => i > 0 && !is_vowel_at(w, i - 1),
        _ => false,
    }
}

/// Porter's measure: the number of vowel-consonant sequences in `w`.
fn measure(w: &[u8]) -> usize {
    let mut m = 0;
    let mut prev_vowel = false;
    for i in 0..w.len() {
        let v = is_vowel_at(w, i);
        if prev_vowel && !v {
            m += 1;
        }
        prev_vowel = v;
    }
    m
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| is_vowel_at(w, i))
}

/// Ends consonant-vowel-consonant, the last consonant not w, x or y (`hop`, `liv`).
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && !is_vowel_at(w, n - 3)
        && is_vowel_at(w, n - 2)
        && !is_vowel_at(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

/// Porter's step 2: (suffix, replacement) where the rest has a measure above 0.
const STEP2: &[(&[u8], &[u8])] = &[
    (b"ational", b"ate"),
    (b"tional", b"tion"),
    (b"enci", b"ence"),
    (b"anci", b"ance"),
    (b"izer", b"ize"),
    (b"bli", b"ble"),
    (b"alli", b"al"),
    (b"entli", b"ent"),
    (b"eli", b"e"),
    (b"ousli", b"ous"),
    (b"ization", b"ize"),
    (b"ation", b"ate"),
    (b"ator", b"ate"),
    (b"alism", b"al"),
    (b"iveness", b"ive"),
    (b"fulness", b"ful"),
    (b"ousness", b"ous"),
    (b"aliti", b"al"),
    (b"iviti", b"ive"),
    (b"biliti", b"ble"),
    (b"logi", b"log"),
];

/// Porter's step 3.
const STEP3: &[(&[u8], &[u8])] = &[
    (b"icate", b"ic"),
    (b"ative", b""),
    (b"alize", b"al"),
    (b"iciti", b"ic"),
    (b"ical", b"ic"),
    (b"ful", b""),
    (b"ness", b""),
];

/// Porter's step 4, removed where the rest has a measure above 1 (`-ion` after s or t is
/// handled beside it).
const STEP4: &[(&[u8], &[u8])] = &[
    (b"al", b""),
    (b"ance", b""),
    (b"ence", b""),
    (b"er", b""),
    (b"ic", b""),
    (b"able", b""),
    (b"ible", b""),
    (b"ant", b""),
    (b"ement", b""),
    (b"ment", b""),
    (b"ent", b""),
    (b"ou", b""),
    (b"ism", b""),
    (b"ate", b""),
    (b"iti", b""),
    (b"ous", b""),
    (b"ive", b""),
    (b"ize", b""),
];

/// Replace the longest suffix of the table that `w` ends with, when the rest has a measure
/// above `min_measure`. Whether a suffix of the table was found (replaced or not).
fn replace_suffix(w: &mut Vec<u8>, table: &[(&[u8], &[u8])], min_measure: usize) -> bool {
    let Some(&(suffix, replacement)) = table
        .iter()
        .filter(|(s, _)| w.len() > s.len() && w.ends_with(s))
        .max_by_key(|(s, _)| s.len())
    else {
        return false;
    };
    let rest = w.len() - suffix.len();
    if measure(&w[..rest]) > min_measure {
        w.truncate(rest);
        w.extend_from_slice(replacement);
    }
    true
}

/// Irregular English forms and the word their key is made from, sorted by form: "held" meets
/// the gloss "to hold", "told" meets "to tell". An ambiguous form (found, saw) is conflated
/// with its verb on gloss and sentence alike, since both go through this function; forms
/// whose other reading is too common to conflate (lives, leaves, left) are not here.
const IRREGULAR: &[(&str, &str)] = &[
    ("arisen", "arise"),
    ("arose", "arise"),
    ("ate", "eat"),
    ("awoke", "awake"),
    ("beaten", "beat"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bent", "bend"),
    ("best", "good"),
    ("better", "good"),
    ("bit", "bite"),
    ("bitten", "bite"),
    ("bled", "bleed"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("bought", "buy"),
    ("bred", "breed"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("burnt", "burn"),
    ("came", "come"),
    ("caught", "catch"),
    ("children", "child"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("clung", "cling"),
    ("crept", "creep"),
    ("dealt", "deal"),
    ("drank", "drink"),
    ("drawn", "draw"),
    ("dreamt", "dream"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("drunk", "drink"),
    ("dug", "dig"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("feet", "foot"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("fought", "fight"),
    ("found", "find"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("gave", "give"),
    ("geese", "goose"),
    ("given", "give"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("halves", "half"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("hung", "hang"),
    ("kept", "keep"),
    ("knew", "know"),
    ("knives", "knife"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("men", "man"),
    ("met", "meet"),
    ("mice", "mouse"),
    ("mistaken", "mistake"),
    ("mistook", "mistake"),
    ("overcame", "overcome"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rang", "ring"),
    ("ridden", "ride"),
    ("risen", "rise"),
    ("rode", "ride"),
    ("rose", "rise"),
    ("rung", "ring"),
    ("said", "say"),
    ("sang", "sing"),
    ("sank", "sink"),
    ("sat", "sit"),
    ("saw", "see"),
    ("seen", "see"),
    ("sent", "send"),
    ("shaken", "shake"),
    ("shelves", "shelf"),
    ("shone", "shine"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("shown", "show"),
    ("shrank", "shrink"),
    ("slept", "sleep"),
    ("slid", "slide"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("sped", "speed"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("sprang", "spring"),
    ("spun", "spin"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("stricken", "strike"),
    ("strove", "strive"),
    ("struck", "strike"),
    ("stuck", "stick"),
    ("stung", "sting"),
    ("sung", "sing"),
    ("sunk", "sink"),
    ("swam", "swim"),
    ("swept", "sweep"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("swum", "swim"),
    ("swung", "swing"),
    ("taken", "take"),
    ("taught", "teach"),
    ("teeth", "tooth"),
    ("thieves", "thief"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("understood", "understand"),
    ("undertaken", "undertake"),
    ("undertook", "undertake"),
    ("went", "go"),
    ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"),
    ("wives", "wife"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("wolves", "wolf"),
    ("women", "woman"),
    ("won", "win"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("worse", "bad"),
    ("worst", "bad"),
    ("written", "write"),
    ("wrote", "write"),
];

fn irregular_base(word: &str) -> Option<&'static str> {
    IRREGULAR
        .binary_search_by(|(form, _)| form.cmp(&word))
        .ok()
        .map(|i| IRREGULAR[i].1)
}

/// Stem a lowercase ASCII word; `None` when it is unchanged.
fn stem(word: &str) -> Option<String> {
    if let Some(base) = irregular_base(word) {
        return Some(stem(base).unwrap_or_else(|| base.to_owned()));
    }
    if word.len() <= 2 || word == "news" {
        return None;
    }
    let mut w = word.as_bytes().to_vec();

    // Step 1a: plurals.
    if w.ends_with(b"sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"ies") || w.ends_with(b"ied") {
        // ties → tie, countries → countri, studied → studi
        let keep = if w.len() > 4 { 1 } else { 2 };
        w.truncate(w.len() - 3 + keep);
    } else if w.ends_with(b"uses") {
        // buses → bus, focuses → focus (as the -us rule below keeps bus and focus whole);
        // causes → caus, like cause after step 5a.
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"s") && !w.ends_with(b"us") && !w.ends_with(b"ss") {
        // Delete the s if a vowel occurs before the letter preceding it: gas, this, bus stay.
        let n = w.len();
        if n >= 3 && has_vowel(&w[..n - 2]) {
            w.truncate(n - 1);
        }
    }

    // Step 1b: -eed, -ed, -ing.
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
    } else {
        let suffix = if w.ends_with(b"ed") {
            2
        } else if w.ends_with(b"ing") {
            3
        } else {
            0
        };
        if suffix > 0 && has_vowel(&w[..w.len() - suffix]) {
            w.truncate(w.len() - suffix);
            let n = w.len();
            if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
                w.push(b'e');
            } else if n >= 2
                && w[n - 1] == w[n - 2]
                && !is_vowel_at(&w, n - 1)
                && !matches!(w[n - 1], b'l' | b's' | b'z')
            {
                w.pop();
            } else if measure(&w) == 1 && ends_cvc(&w) {
                w.push(b'e');
            }
        }
    }

    // Step 1c: y → i after a consonant that is not the first letter (cry → cri, day stays).
    let n = w.len();
    if n > 2 && w[n - 1] == b'y' && !is_vowel_at(&w, n - 2) {
        w[n - 1] = b'i';
    }

    // Steps 2 to 4: derivational suffixes, so that the noun in a gloss meets the verb in a
    // sentence (confirmation, confirmed → confirm; infection, infected → infect).
    replace_suffix(&mut w, STEP2, 0);
    replace_suffix(&mut w, STEP3, 0);
    if !replace_suffix(&mut w, STEP4, 1)
        && w.ends_with(b"ion")
        && measure(&w[..w.len() - 3]) > 1
        && matches!(w[w.len() - 4], b's' | b't')
    {
        w.truncate(w.len() - 3);
    }

    // Step 5a: drop a final e (announce → announc), except after a short syllable (live).
    if w.last() == Some(&b'e') {
        let base = &w[..w.len() - 1];
        let m = measure(base);
        if m > 1 || (m == 1 && !ends_cvc(base)) {
            w.pop();
        }
    }
    // Step 5b: -ll → -l in long words (controll → control).
    if w.ends_with(b"ll") && measure(&w) > 1 {
        w.pop();
    }

    // use, used, using all reduce to the stopword "us".
    if w == b"us" {
        w.push(b'e');
    }

    if w == word.as_bytes() {
        None
    } else {
        // Only ASCII bytes were removed or substituted.
        String::from_utf8(w).ok()
    }
}

// ---------------------------------------------------------------------------------------
// EDICT line parsing.

/// One parsed EDICT line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EdictEntry<'a> {
    /// Written forms (kanji, or kana for kana-only entries), tags like `(P)` removed.
    pub headwords: Vec<&'a str>,
    /// Readings in brackets (empty for kana-only entries).
    pub readings: Vec<&'a str>,
    /// The gloss field between the first and the last `/`.
    pub glosses: &'a str,
    /// Marked `(P)`: a common word.
    pub common: bool,
    /// Marked `(uk)`: usually written in kana, so the reading is the usual surface.
    pub usually_kana: bool,
}

/// Parse one EDICT (or EDICT2) line: `KANJI [KANA] /gloss/gloss/.../`, `KANA /gloss/.../`.
/// `Ok(None)` for lines that carry no entry: blank lines, `#` comments and the header line
/// (which starts with an ideographic space).
pub fn parse_edict_line(line: &str) -> Result<Option<EdictEntry<'_>>, String> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() || line.starts_with('#') || line.starts_with(char::is_whitespace) {
        return Ok(None);
    }
    let (head, rest) = line
        .split_once(' ')
        .ok_or("expected `headword [reading] /gloss/`: no space after the headword")?;
    let mut rest = rest.trim_start();
    let mut reading = "";
    if let Some(r) = rest.strip_prefix('[') {
        let (inside, after) = r.split_once(']').ok_or("unclosed `[` in the reading")?;
        reading = inside;
        rest = after.trim_start();
    }
    let body = rest
        .strip_prefix('/')
        .ok_or("expected `/` to open the glosses")?;
    let body = body.strip_suffix('/').unwrap_or(body);
    let headwords = split_forms(head);
    if headwords.is_empty() {
        return Err("empty headword".into());
    }
    Ok(Some(EdictEntry {
        headwords,
        readings: split_forms(reading),
        glosses: body,
        common: body.split('/').any(|g| g == "(P)") || head.contains("(P)"),
        usually_kana: body.contains("(uk)"),
    }))
}

/// Split an EDICT2 form list `A(P);B(iK)` into `["A", "B"]`.
fn split_forms(field: &str) -> Vec<&str> {
    field
        .split(';')
        .map(|f| f.split('(').next().unwrap_or("").trim())
        .filter(|f| !f.is_empty())
        .collect()
}

/// The content-word keys of an EDICT gloss field, in order of appearance, without repeats,
/// at most `cap` of them. Parenthesised and braced text (`(n)`, `(P)`, `(uk)`, `{comp}`,
/// `(of humans)`, sense numbers) is dropped, as are EDICT2 `EntL…` sequence numbers and the
/// senses marked archaic `(arch)` or obsolete `(obs)`.
///
/// In an entry whose every sense is tagged `(exp)` or `(int)`, a gloss of 2 to 3 words is a
/// set phrase and gives its [`phrase_key`] instead of its words' keys: ありがとう is "thank
/// you", not "thank", and あけましておめでとう is "happy new year", not "new" or "year". A
/// word with other senses too (後, 草) keeps word keys, so that its phrases do not reach
/// the English of ordinary sentences.
pub fn gloss_keys(glosses: &str, cap: usize) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut clean = String::new();
    let mut skip_sense = false;
    let mut phrase_sense = false;
    let only_phrases = glosses
        .split('/')
        .enumerate()
        .filter(|(n, gloss)| {
            *n == 0 || leading_tags(gloss).any(|t| t.bytes().all(|b| b.is_ascii_digit()))
        })
        .all(|(_, gloss)| leading_tags(gloss).any(is_expression_tag));
    for (n, gloss) in glosses.split('/').enumerate() {
        if gloss.starts_with("EntL") {
            continue;
        }
        // A sense starts at the first gloss and wherever a sense number such as `(2)` leads.
        let mut tags = leading_tags(gloss);
        if n == 0 || tags.clone().any(|t| t.bytes().all(|b| b.is_ascii_digit())) {
            skip_sense = tags
                .clone()
                .any(|t| t.split(',').any(|t| matches!(t, "arch" | "obs")));
            phrase_sense = only_phrases && tags.any(is_expression_tag);
        }
        if skip_sense {
            continue;
        }
        // Drop parenthesised and braced text, nested or not; the brackets are ASCII.
        let text = if gloss.contains(['(', '{']) {
            clean.clear();
            let mut depth = 0usize;
            let mut start = 0;
            for (i, b) in gloss.bytes().enumerate() {
                match b {
                    b'(' | b'{' => {
                        if depth == 0 {
                            clean.push_str(&gloss[start..i]);
                            clean.push(' ');
                        }
                        depth += 1;
                    }
                    b')' | b'}' if depth > 0 => {
                        depth -= 1;
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if depth == 0 {
                clean.push_str(&gloss[start..]);
            }
            clean.as_str()
        } else {
            gloss
        };
        if phrase_sense {
            let words = en_words(text).count();
            if PHRASE_WORDS.contains(&words) {
                if let Some(key) = phrase_key(en_words(text)) {
                    if !keys.contains(&key) {
                        keys.push(key);
                        if keys.len() >= cap {
                            return keys;
                        }
                    }
                    continue;
                }
            }
        }
        for word in en_words(text) {
            if let Some(key) = en_key(word) {
                if !keys.iter().any(|k| *k == key) {
                    keys.push(key.into_owned());
                    if keys.len() >= cap {
                        return keys;
                    }
                }
            }
        }
    }
    keys
}

/// The parenthesised tags that open a gloss: `(adv) (3) (arch) perhaps` → adv, 3, arch.
fn leading_tags(gloss: &str) -> impl Iterator<Item = &str> + Clone {
    let mut rest = gloss;
    std::iter::from_fn(move || {
        let (tag, after) = rest.trim_start().strip_prefix('(')?.split_once(')')?;
        rest = after;
        Some(tag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> Option<String> {
        en_key(word).map(Cow::into_owned)
    }

    #[test]
    fn inflections_share_a_key() {
        for group in [
            &["Governments", "government", "governments", "government's"][..],
            &["live", "lives", "lived", "living"],
            &[
                "announce",
                "announced",
                "announces",
                "announcing",
                "announcement",
            ],
            &["increase", "increased", "increases", "increasing"],
            &["country", "countries", "country's"],
            &["study", "studies", "studied", "studying"],
            &["reside", "resides", "resided", "residing"],
            &["control", "controls", "controlled", "controlling"],
            &["agree", "agreed", "agrees"],
            &["develop", "developed", "development", "developments"],
            &["stop", "stopped", "stopping", "stops"],
            &["make", "making", "makes"],
            &["rise", "rising", "rises"],
            &["use", "uses", "used", "using"],
            &["bus", "buses"],
            &["focus", "focuses", "focused", "focusing"],
            &["cause", "causes", "caused", "causing"],
            &["status", "statuses"],
            // Derivational suffixes (Porter's steps 2 to 4): a gloss noun meets a verb.
            &["confirm", "confirmed", "confirmation", "confirming"],
            &["infect", "infected", "infection", "infections"],
            &["generally", "general"],
            // Irregular forms.
            &["hold", "held", "holding", "holds"],
            &["say", "said", "says"],
            &["tell", "told", "telling"],
            &["child", "children"],
        ] {
            let first = key(group[0]);
            assert!(first.is_some(), "{group:?}");
            for word in group {
                assert_eq!(key(word), first, "{word} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn irregular_forms_are_sorted_and_lead_to_regular_words() {
        for pair in IRREGULAR.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{pair:?}");
        }
        // A base that is itself a listed form would send stem() round in circles.
        for (form, base) in IRREGULAR {
            assert_eq!(irregular_base(base), None, "{form} → {base}");
        }
    }

    #[test]
    fn distinct_words_stay_distinct() {
        for (a, b) in [
            ("news", "new"),
            ("bus", "bu"),
            ("gas", "ga"),
            ("status", "statu"),
            ("sing", "s"),
            ("comment", "com"),
            ("lives", "life"),
            ("left", "leave"),
        ] {
            assert_ne!(key(a), key(b), "{a} {b}");
        }
        assert_eq!(key("news").as_deref(), Some("news"));
        assert_eq!(key("status").as_deref(), Some("status"));
        assert_eq!(key("thing").as_deref(), Some("thing"));
    }

    #[test]
    fn non_content_words_have_no_key() {
        for word in [
            "the", "The", "THE", "of", "to", "a", "A", "be", "is", "was", "being", "it's", "don't",
            "isn’t", "1", "2021", "1,000", "3.5", "x", "--", "", "  ", "1990s", "e.g.", "etc.",
            "one's", "someone", "us", "I", "3rd", "20th", "1,000th",
        ] {
            assert_eq!(key(word), None, "{word:?}");
        }
    }

    #[test]
    fn surface_noise_is_removed() {
        assert_eq!(key("\"Tokyo,\"").as_deref(), Some("tokyo"));
        assert_eq!(key("Japan's"), key("Japan"));
        assert_eq!(key("Japan’s"), key("japan"));
        assert_eq!(key("students'"), key("student"));
        assert_eq!(key("U.S.").as_deref(), Some("usa"));
        assert_eq!(key("US").as_deref(), Some("usa"));
        assert_eq!(key("USA").as_deref(), Some("usa"));
        assert_eq!(key("G7").as_deref(), Some("g7"));
        assert_eq!(key("Café").as_deref(), Some("café"));
        assert_eq!(key("ÉLYSÉE").as_deref(), Some("élysée"));
    }

    #[test]
    fn fast_path_agrees_with_general_path() {
        // Capitalised words take the general path; their keys must equal the lowercase ones.
        for word in [
            "living",
            "announcement",
            "countries",
            "the",
            "news",
            "agreed",
            "controlling",
            "hopping",
            "hoping",
            "filing",
            "sky",
            "says",
            "onto",
            "ing",
        ] {
            let capitalised = word[..1].to_uppercase() + &word[1..];
            assert_eq!(key(word), key(&capitalised), "{word}");
        }
    }

    #[test]
    fn words_are_split_like_the_build() {
        let words: Vec<&str> =
            en_words("The U.S. government's long-term plan (2021), \"Abe’s\" 3.5% rise.").collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S",
                "government's",
                "long",
                "term",
                "plan",
                "2021",
                "Abe’s",
                "3.5",
                "rise"
            ]
        );
        assert_eq!(en_words("").count(), 0);
        assert_eq!(en_words(" -- ").count(), 0);
        assert_eq!(
            en_words("日本語 text").collect::<Vec<_>>(),
            ["日本語", "text"]
        );
    }

    #[test]
    fn gloss_tags_and_parentheses_are_dropped() {
        let keys = gloss_keys(
            "(v5m,vi) (1) (uk) to live (of humans)/to reside/{comp} dwelling/(P)/EntL1234567X",
            24,
        );
        assert_eq!(keys, ["live", "resid", "dwell"]);
        assert_eq!(gloss_keys("(n) (husked grains of) rice/(P)", 24), ["rice"]);
        assert_eq!(gloss_keys("a (b (c) d) e/word", 24), ["word"]);
        assert_eq!(gloss_keys("unbalanced (tag/word", 24), ["unbalanc", "word"]);
        assert_eq!(gloss_keys("apple/pear/plum/fig", 2), ["appl", "pear"]);
        assert!(gloss_keys("(n) (P)", 24).is_empty());
        // Archaic and obsolete senses are dropped, up to the next numbered sense.
        assert_eq!(
            gloss_keys(
                "(adv) (1) or/otherwise/(adv) (2) (arch) perhaps/possibly/(adv) (3) really",
                24
            ),
            ["otherwis", "realli"]
        );
        assert_eq!(
            gloss_keys("(n) (obs) lamp/lantern", 24),
            Vec::<String>::new()
        );
        assert_eq!(gloss_keys("(n) (sl,arch) fool/(n) (2) day", 24), ["day"]);
    }

    #[test]
    fn edict_lines_parse() {
        let e = parse_edict_line("住む [すむ] /(v5m,vi) to live/(P)/")
            .unwrap()
            .unwrap();
        assert_eq!(e.headwords, ["住む"]);
        assert_eq!(e.readings, ["すむ"]);
        assert!(e.common && !e.usually_kana);
        let e = parse_edict_line("ニュース /(n) news/(P)/")
            .unwrap()
            .unwrap();
        assert_eq!(e.headwords, ["ニュース"]);
        assert!(e.readings.is_empty());
        let e = parse_edict_line("分る;分かる(P) [わかる(P);わかる] /(v5r) (uk) to understand/")
            .unwrap()
            .unwrap();
        assert_eq!(e.headwords, ["分る", "分かる"]);
        assert!(e.common && e.usually_kana);
        assert_eq!(
            parse_edict_line("４° [しど] /").unwrap().unwrap().glosses,
            ""
        );
        for skipped in ["", "   ", "# comment", "\u{3000}？？？ /EDICT header/"] {
            assert_eq!(parse_edict_line(skipped), Ok(None), "{skipped:?}");
        }
        for bad in [
            "nospace",
            "漢字 [かんじ /x/",
            "漢字 かんじ /x/",
            "漢字 [かんじ] x/",
        ] {
            assert!(parse_edict_line(bad).is_err(), "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn keys_are_lowercase_content_words(word in "\\PC{0,12}") {
            if let Some(key) = en_key(&word) {
                proptest::prop_assert!(key.chars().nth(1).is_some(), "{key:?}");
                proptest::prop_assert!(!is_stopword(&key), "{key:?}");
                proptest::prop_assert_eq!(key.to_lowercase(), key.as_ref());
            }
        }

        #[test]
        fn words_are_trimmed_substrings(text in "\\PC{0,40}") {
            for word in en_words(&text) {
                proptest::prop_assert!(word.starts_with(char::is_alphanumeric), "{word:?}");
                proptest::prop_assert!(word.ends_with(char::is_alphanumeric), "{word:?}");
                proptest::prop_assert!(text.contains(word));
            }
        }

        #[test]
        fn gloss_parsing_is_total(glosses in "[ -~]{0,60}") {
            proptest::prop_assert!(gloss_keys(&glosses, 5).len() <= 5);
        }
    }

    #[test]
    fn japanese_keys_fold_full_width_ascii() {
        assert_eq!(ja_key("ＣＤ"), "CD");
        assert_eq!(ja_key("ｇ７サミット"), "g7サミット");
        assert!(matches!(ja_key("発表"), Cow::Borrowed("発表")));
        assert!(is_kana('を') && is_kana('ー') && is_kana('ヴ') && !is_kana('漢'));
    }
}
