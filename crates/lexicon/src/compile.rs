//! Compile EDICT text into the lexicon's artefacts. Used by hashi's build script (for the
//! embedded lexicon) and by the hashi library (for user-supplied files).
//!
//! Artefacts:
//! - `en_fst`: an `fst::Map` from every English key to its id, the key's rank in byte order
//!   (so `fst::raw::Fst::get_key` inverts it);
//! - `ja_fst`: an `fst::Map` from every Japanese key (headword or reading, through `ja_key`)
//!   to its posting list in `postings`, as `start << START_SHIFT | bits | len` (in ids), the
//!   bits saying whether the key is a set phrase and whether the supplement writes it (see
//!   [`EXPRESSION_BIT`], [`SUPPLEMENT_BIT`]);
//! - `postings`: the posting lists, each the ascending English ids of one Japanese key, as
//!   little-endian `u32`s, so that the embedded copy can be used in place as a `&[u32]`.

use crate::normalize::{en_key, gloss_keys, is_expression, is_kana, ja_key, parse_edict_line};
use crate::LexiconProblem;
use std::collections::HashMap;

/// At most this many English keys are taken from one EDICT entry (the first senses first).
pub const KEYS_PER_ENTRY: usize = 24;
/// At most this many synonyms are added for one gloss key.
pub const SYNONYMS_PER_KEY: usize = 6;
/// At most this many English keys are kept for one Japanese key, over all its entries.
pub const KEYS_PER_HEADWORD: usize = 48;
/// The low bits of a `ja_fst` value hold the length of the posting list.
pub const POSTING_LEN_BITS: u32 = 6;
const _: () = assert!(KEYS_PER_HEADWORD < 1 << POSTING_LEN_BITS);
/// Set in a `ja_fst` value when one of the key's entries is an expression or interjection
/// (EDICT's `(exp)`, `(int)`, every supplement entry): a set phrase, looked up over a run of
/// tokens and whatever its parts of speech.
pub const EXPRESSION_BIT: u64 = 1 << POSTING_LEN_BITS;
/// Set in a `ja_fst` value when the project's supplement writes the key: a set phrase chosen
/// by hand, trusted whatever its tokens (へへ is two particles to IPADIC).
pub const SUPPLEMENT_BIT: u64 = 2 << POSTING_LEN_BITS;
/// The start of the posting list sits above the length and the two bits.
pub const START_SHIFT: u32 = POSTING_LEN_BITS + 2;

/// The compiled lexicon, ready to be written to disk or wrapped by `fst::Map::new`.
pub struct Artefacts {
    /// Japanese key → posting list, as `start << POSTING_LEN_BITS | len`.
    pub ja_fst: Vec<u8>,
    /// The posting lists, one after another.
    pub postings: Vec<u32>,
    /// English key → id.
    pub en_fst: Vec<u8>,
}

/// What [`compile`] found wrong: no file name (the caller adds it, as the hashi library's
/// `Error::Lexicon` does), the 1-based line when one line is at fault, and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line:?}: {problem}")]
pub struct CompileError {
    /// The 1-based line of the EDICT text at fault, if one is.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: LexiconProblem,
}

fn error(line: Option<usize>, problem: LexiconProblem) -> CompileError {
    CompileError { line, problem }
}

/// An `fst` build error: keys out of order or a write failure, a bug rather than bad input.
fn index_error(e: fst::Error) -> CompileError {
    error(None, LexiconProblem::Index(e.to_string()))
}

/// English synonyms by key: `word<TAB>synonym synonym ...` lines, both sides stemmed.
fn parse_synonyms(text: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines() {
        let Some((word, list)) = line.split_once('\t') else {
            continue;
        };
        let Some(key) = en_key(word) else { continue };
        let entry = map.entry(key.into_owned()).or_default();
        for s in list.split(' ') {
            if let Some(k) = en_key(s) {
                if !entry.iter().any(|e| *e == *k) {
                    entry.push(k.into_owned());
                }
            }
        }
    }
    map
}

/// Compile EDICT-format text (already decoded). An error is a [`CompileError`]: a line that
/// is not an entry ([`LexiconProblem::Entry`], with its 1-based line) or text without entries
/// ([`LexiconProblem::NoEntries`]).
///
/// Each entry links its written forms to its gloss keys; its readings are linked too when
/// the entry is common `(P)` or usually written in kana `(uk)` (rarer homophones would only
/// add noise to a kana token). A Japanese key's entries are merged in priority order: common
/// direct entries (and common `(uk)` readings), then the other direct entries (and `(uk)`
/// readings), then common readings. Single-kana keys are skipped as too ambiguous.
///
/// Each gloss key is followed by its synonyms (at most [`SYNONYMS_PER_KEY`]) from `synonyms`,
/// `word<TAB>synonym synonym ...` lines (empty for none).
///
/// `supplement` is the project's own supplement (`lexicon/supplement.tsv`, see
/// [`supplement_to_edict`]), added to `text`'s entries; an error in it names
/// `supplement line N`.
///
/// An expression's readings are linked even when it is neither common nor usually kana: a
/// set phrase is long enough that its reading has no homophones to fear, and chat writes
/// it in kana (あけましておめでとうございます).
pub fn compile(text: &str, synonyms: &str, supplement: &str) -> Result<Artefacts, CompileError> {
    let supplement =
        supplement_to_edict(supplement).map_err(|m| error(None, LexiconProblem::Entry(m)))?;
    let synonyms = parse_synonyms(synonyms);
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut entry_keys: Vec<u32> = Vec::new();
    let mut entries: Vec<(u32, u32)> = Vec::new();
    // Per entry: EXPRESSION_BIT, SUPPLEMENT_BIT or neither.
    let mut expression: Vec<u64> = Vec::new();
    let mut links: Vec<(String, u8, u32)> = Vec::new();
    let mut from_text = 0usize;

    let lines = text
        .lines()
        .enumerate()
        .map(|(n, line)| (line, false, n))
        .chain(supplement.lines().map(|line| (line, true, 0)));
    for (line, supplemented, n) in lines {
        let entry = match parse_edict_line(line) {
            Ok(Some(entry)) => entry,
            Ok(None) => continue,
            Err(message) => return Err(error(Some(n + 1), LexiconProblem::Entry(message))),
        };
        if !supplemented {
            from_text += 1;
        }
        let mut keys = gloss_keys(entry.glosses, KEYS_PER_ENTRY);
        if keys.is_empty() {
            continue;
        }
        for k in 0..keys.len() {
            if let Some(list) = synonyms.get(&keys[k]) {
                for syn in list.iter().take(SYNONYMS_PER_KEY) {
                    if !keys.contains(syn) {
                        keys.push(syn.clone());
                    }
                }
            }
        }
        let index = entries.len() as u32;
        let start = entry_keys.len() as u32;
        for key in keys {
            let id = match vocab.get(&key) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    words.push(key.clone());
                    vocab.insert(key, id);
                    id
                }
            };
            entry_keys.push(id);
        }
        entries.push((start, entry_keys.len() as u32));
        let set_phrase = is_expression(entry.glosses);
        expression.push(match (set_phrase, supplemented) {
            (_, true) => EXPRESSION_BIT | SUPPLEMENT_BIT,
            (true, false) => EXPRESSION_BIT,
            (false, false) => 0,
        });

        let direct = if entry.common { 0 } else { 1 };
        let mut link = |form: &str, priority: u8| {
            let mut chars = form.chars();
            let single_kana = chars.next().is_some_and(is_kana) && chars.next().is_none();
            if !single_kana {
                links.push((ja_key(form).into_owned(), priority, index));
            }
        };
        for form in &entry.headwords {
            link(form, direct);
        }
        if entry.usually_kana || entry.common || set_phrase {
            let priority = if entry.usually_kana { direct } else { 2 };
            for form in &entry.readings {
                link(form, priority);
            }
        }
    }
    links.sort_unstable();

    if from_text == 0 {
        return Err(error(None, LexiconProblem::NoEntries));
    }

    // Merge the entries of each Japanese key, in priority order, capped.
    let mut groups: Vec<(String, u64, Vec<u32>)> = Vec::new();
    let mut used = vec![false; words.len()];
    let mut i = 0;
    while i < links.len() {
        let mut j = i;
        let mut ids: Vec<u32> = Vec::new();
        let mut bits = 0;
        while j < links.len() && links[j].0 == links[i].0 {
            bits |= expression[links[j].2 as usize];
            let (start, end) = entries[links[j].2 as usize];
            for &id in &entry_keys[start as usize..end as usize] {
                if ids.len() < KEYS_PER_HEADWORD && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            j += 1;
        }
        for &id in &ids {
            used[id as usize] = true;
        }
        if !ids.is_empty() {
            groups.push((std::mem::take(&mut links[i].0), bits, ids));
        }
        i = j;
    }
    if groups.is_empty() {
        return Err(error(None, LexiconProblem::NoEntries));
    }

    // English ids: rank among the used keys in byte order.
    let mut order: Vec<u32> = (0..words.len() as u32)
        .filter(|&id| used[id as usize])
        .collect();
    order.sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    let mut final_id = vec![u32::MAX; words.len()];
    let mut en = fst::MapBuilder::memory();
    for (rank, &id) in order.iter().enumerate() {
        final_id[id as usize] = rank as u32;
        en.insert(&words[id as usize], rank as u64)
            .map_err(index_error)?;
    }

    let mut ja = fst::MapBuilder::memory();
    let mut postings = Vec::new();
    let mut start = 0u64;
    for (key, bits, ids) in &mut groups {
        for id in ids.iter_mut() {
            *id = final_id[*id as usize];
        }
        ids.sort_unstable();
        ja.insert(
            key.as_bytes(),
            start << START_SHIFT | *bits | ids.len() as u64,
        )
        .map_err(index_error)?;
        start += ids.len() as u64;
        postings.extend_from_slice(ids);
    }

    Ok(Artefacts {
        ja_fst: ja.into_inner().map_err(index_error)?,
        postings,
        en_fst: en.into_inner().map_err(index_error)?,
    })
}

/// Turn the supplement's lines into EDICT lines, one per Japanese form, each an expression
/// `(exp)` marked common `(P)`.
///
/// A supplement line is `FORMS<TAB>GLOSSES<TAB>SOURCE`: Japanese forms separated by `;`,
/// English glosses separated by `/` (a gloss of 2 to 3 words is a set phrase), and where the
/// entry comes from. Blank lines and lines starting with `#` are skipped.
pub fn supplement_to_edict(supplement: &str) -> Result<String, String> {
    let mut edict = String::new();
    for (n, line) in supplement.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: &str| format!("supplement line {}: {message}", n + 1);
        let mut fields = line.split('\t');
        let (Some(forms), Some(glosses), Some(source), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(error("expected `forms<TAB>glosses<TAB>source`"));
        };
        if source.trim().is_empty() {
            return Err(error("no source"));
        }
        let glosses: Vec<&str> = glosses.split('/').map(str::trim).collect();
        if glosses
            .iter()
            .any(|g| g.is_empty() || g.contains(['(', ')', '{', '}']))
        {
            return Err(error("empty gloss, or a bracket in one"));
        }
        for form in forms.split(';').map(str::trim) {
            // EDICT reads `(` in a headword as a tag: brackets are written full-width (（笑）),
            // which `ja_key` folds to the half-width the tokens' NFKC surfaces have.
            if form.is_empty()
                || form.contains(char::is_whitespace)
                || form.contains(['[', '/', '(', ')'])
            {
                return Err(error(
                    "empty form, or white space, `[`, `/`, `(` or `)` in one",
                ));
            }
            edict.push_str(form);
            edict.push_str(" /(exp) ");
            edict.push_str(&glosses.join("/"));
            edict.push_str("/(P)/\n");
        }
    }
    Ok(edict)
}
