//! Japanese morphological analysis with lindera.
//!
//! The IPADIC dictionary is compiled from `crates/ipadic-data/` by the build script (`build/`)
//! and embedded in the binary: loading it copies nothing but the small character and
//! unknown-word tables, since the trie, word records and connection matrix are read in place
//! from the binary's static data. Another compiled lindera dictionary (e.g. UniDic) can be
//! chosen at run time with [`JapaneseTokenizer::from_dir`]; it is memory-mapped.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera_dictionary::dictionary::schema::Schema;
use lindera_dictionary::dictionary::{DetailFields, Dictionary};
#[cfg(target_os = "linux")]
use lindera_dictionary::util::Data;
use lindera_dictionary::viterbi::{Lattice, WordId};

use crate::error::{Error, Result};

/// The IPADIC dictionary built into `OUT_DIR/ipadic` by `build/ipadic.rs`.
#[allow(dead_code)] // the macro also generates a loader type that is not used here
mod embedded {
    lindera_dictionary::embedded_dictionary!("/ipadic", EmbeddedIpadicLoader);
}

/// One morpheme of a tokenized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the tokenized `&str`. The spans of one text's tokens are contiguous and
    /// cover it exactly; whitespace forms tokens of its own (IPADIC: 記号/空白).
    pub span: Range<usize>,
    /// Part of speech, e.g. "名詞"; "*" when the dictionary gives none.
    pub pos: String,
    /// First sub-category, e.g. "固有名詞", or "*".
    pub pos_detail: String,
    /// Second sub-category, e.g. "人名" / "地域" / "組織", or "*".
    pub pos_detail2: String,
    /// Base form (原形), or the surface when the dictionary gives none (unknown words).
    pub base: String,
    /// Katakana reading; `None` for unknown words and dictionaries without readings.
    pub reading: Option<String>,
    /// What the token's part of speech says of it, read by its dictionary's tag set.
    pub class: WordClass,
}

/// The text a dictionary's tag set is told by, and the verb in it whose tags tell it.
const TAG_PROBE: (&str, &str) = ("パンを食べる。", "食べる");

/// The part-of-speech tag set a dictionary writes. IPADIC and UniDic name the same classes
/// differently (IPADIC's 動詞-自立 is UniDic's 動詞-一般, 名詞-数 is 名詞-数詞, 名詞-代名詞 is
/// 代名詞), so the features read a token's [`WordClass`], never its tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagSet {
    /// IPADIC's tags (the embedded dictionary's).
    Ipadic,
    /// UniDic's tags.
    Unidic,
    /// Neither: [`JapaneseTokenizer::from_dir`] refuses such a dictionary.
    Other,
}

impl TagSet {
    /// The class of a word tagged `pos`, `detail` (first sub-category), `detail2` (second).
    pub fn classify(self, pos: &str, detail: &str, detail2: &str) -> WordClass {
        let content = match self {
            TagSet::Ipadic | TagSet::Other => match pos {
                "名詞" => !matches!(
                    detail,
                    "数" | "代名詞" | "非自立" | "接尾" | "特殊" | "副詞可能" | "接続詞的"
                ),
                "動詞" | "形容詞" => detail == "自立",
                "副詞" => true,
                _ => false,
            },
            TagSet::Unidic => match pos {
                "名詞" => match detail {
                    "普通名詞" => detail2 != "副詞可能",
                    "固有名詞" => true,
                    _ => false,
                },
                // UniDic's adjectival nouns are IPADIC's 名詞-形容動詞語幹.
                "形状詞" => detail != "助動詞語幹",
                "動詞" | "形容詞" => detail == "一般",
                "副詞" => true,
                _ => false,
            },
        };
        WordClass {
            content,
            predicate: matches!(pos, "動詞" | "形容詞"),
            number: matches!(detail, "数" | "数詞"),
            proper: detail == "固有名詞",
            interjection: pos == "感動詞",
        }
    }
}

/// What the features need of a token's part of speech, whatever the dictionary's tag set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClass {
    /// A word that carries content worth looking up in the lexicon: a noun other than a
    /// number, pronoun, suffix or adverbial noun; an independent verb or adjective; an adverb.
    pub content: bool,
    /// A verb or an adjective.
    pub predicate: bool,
    /// A numeral.
    pub number: bool,
    /// A proper noun.
    pub proper: bool,
    /// An interjection.
    pub interjection: bool,
}

impl Token {
    /// The token's text within `text`, the string it was tokenized from.
    pub fn surface<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.clone()]
    }
}

/// Where the wanted fields sit among a dictionary's detail fields (the CSV columns after
/// surface, left id, right id and cost), which differs between dictionaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldLayout {
    pos: Option<usize>,
    pos_detail: Option<usize>,
    pos_detail2: Option<usize>,
    base: Option<usize>,
    reading: Option<usize>,
}

impl FieldLayout {
    fn from_schema(schema: &Schema) -> Self {
        let find = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| schema.get_custom_field_index(name))
        };
        FieldLayout {
            pos: find(&["part_of_speech", "major_pos"]),
            pos_detail: find(&["part_of_speech_subcategory_1", "pos_detail_1"]),
            pos_detail2: find(&["part_of_speech_subcategory_2", "pos_detail_2"]),
            // IPADIC: base_form; UniDic: orthographic_base_form (書字形基本形), else lemma.
            base: find(&["base_form", "orthographic_base_form", "lexeme"]),
            reading: find(&["reading"]),
        }
    }
}

/// A Japanese tokenizer over one lindera dictionary. Cloning is cheap (the dictionary data is
/// shared), and it is `Send + Sync`.
#[derive(Clone)]
pub struct JapaneseTokenizer {
    segmenter: Segmenter,
    layout: FieldLayout,
    tags: TagSet,
}

thread_local! {
    /// Reused across calls on one thread: building a lattice per call costs allocations.
    static LATTICE: RefCell<Lattice> = RefCell::new(Lattice::default());
}

/// What lindera says went wrong, without the `LinderaError(kind=Io, source=...)` its
/// `Display` wraps it in.
fn lindera_message(err: &(dyn std::error::Error + 'static)) -> String {
    err.source()
        .map_or_else(|| err.to_string(), |source| source.to_string())
}

impl JapaneseTokenizer {
    /// The IPADIC dictionary compiled from `crates/ipadic-data/` at build time.
    pub fn embedded() -> Result<Self> {
        let dictionary = embedded::load().map_err(|err| Error::Dictionary {
            path: None,
            message: lindera_message(&err),
        })?;
        Ok(Self::with_dictionary(dictionary))
    }

    /// A compiled lindera dictionary directory (with `metadata.json`, `dict.trie`, `matrix.mtx`,
    /// ...), such as one built by `lindera build` from UniDic. Its large files are
    /// memory-mapped.
    pub fn from_dir(path: &Path) -> Result<Self> {
        let dictionary = Dictionary::load_from_path_with_options(path, true).map_err(|err| {
            Error::Dictionary {
                path: Some(path.to_owned()),
                message: lindera_message(&err),
            }
        })?;
        let tokenizer = Self::with_dictionary(dictionary);
        if tokenizer.tags == TagSet::Other {
            return Err(Error::Dictionary {
                path: Some(path.to_owned()),
                message: tokenizer.unknown_tags(),
            });
        }
        Ok(tokenizer)
    }

    /// The dictionary directory `dir` ([`JapaneseTokenizer::from_dir`]), or the built-in
    /// IPADIC ([`JapaneseTokenizer::embedded`]) when there is none.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        match dir {
            Some(dir) => JapaneseTokenizer::from_dir(dir),
            None => JapaneseTokenizer::embedded(),
        }
    }

    fn with_dictionary(dictionary: Dictionary) -> Self {
        let layout = FieldLayout::from_schema(&dictionary.metadata.dictionary_schema);
        let mut tokenizer = JapaneseTokenizer {
            tags: TagSet::Other,
            segmenter: Segmenter::new(Mode::Normal, dictionary, None).keep_whitespace(true),
            layout,
        };
        tokenizer.tags = tokenizer.probe_tags();
        tokenizer
    }

    /// The tag set, told by how the dictionary tags a verb ([`TAG_PROBE`]): IPADIC's 動詞-自立
    /// or UniDic's 動詞-一般. The name in `metadata.json` is not trusted: dictionaries built
    /// from IPADIC go by many names.
    fn probe_tags(&self) -> TagSet {
        match self
            .probe()
            .as_ref()
            .map(|t| (t.pos.as_str(), t.pos_detail.as_str()))
        {
            Some(("動詞", "自立")) => TagSet::Ipadic,
            Some(("動詞", "一般")) => TagSet::Unidic,
            _ => TagSet::Other,
        }
    }

    /// The verb of [`TAG_PROBE`] as this dictionary tokenizes it, if it is a token of its own.
    fn probe(&self) -> Option<Token> {
        let (text, verb) = TAG_PROBE;
        self.tokenize(text)
            .into_iter()
            .find(|t| t.surface(text) == verb)
    }

    /// What is wrong with a dictionary whose tags are neither IPADIC's nor UniDic's.
    fn unknown_tags(&self) -> String {
        let verb = TAG_PROBE.1;
        let seen = match self.probe() {
            Some(t) => format!("tags {verb} as {}-{}", t.pos, t.pos_detail),
            None => format!("has no word {verb}"),
        };
        format!(
            "its part-of-speech tags are neither IPADIC's nor UniDic's: it {seen}, where IPADIC \
             writes 動詞-自立 and UniDic 動詞-一般 (hashi reads content words, numbers and \
             names by these tags)"
        )
    }

    /// The tag set of the dictionary's parts of speech.
    pub fn tag_set(&self) -> TagSet {
        self.tags
    }

    /// Splits `text` into morphemes. The spans are in order, contiguous and cover `text`
    /// exactly (whitespace included).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        if text.is_empty() {
            return Vec::new();
        }
        let normalized = self.normalize(text);
        let segmented = LATTICE.with(|lattice| match lattice.try_borrow_mut() {
            Ok(mut lattice) => self
                .segmenter
                .segment_with_lattice(Cow::Borrowed(&normalized), &mut lattice),
            // Only reachable if tokenize re-entered itself on this thread.
            Err(_) => self.segmenter.segment(Cow::Borrowed(&normalized)),
        });
        // lindera 6.2 never fails here; should that change, the text still gets a covering.
        let raw = segmented.unwrap_or_default();

        let mut tokens = Vec::with_capacity(raw.len());
        let mut end = 0;
        for token in &raw {
            let span = token.byte_start..token.byte_end;
            if span.start > end {
                // lindera skipped something (it does not with keep_whitespace); keep spans
                // contiguous anyway.
                tokens.push(self.unknown_token(text, end..span.start));
            }
            if span.start < end || span.end <= span.start || !text.is_char_boundary(span.end) {
                continue; // never produced by lindera; ignore rather than break the invariant
            }
            end = span.end;
            tokens.push(self.make_token(text, span, token.word_id));
        }
        if end < text.len() {
            tokens.push(self.unknown_token(text, end..text.len()));
        }
        tokens
    }

    /// Hands back to the kernel the pages of the embedded dictionary's word entries and word
    /// details (about 38 of its 46 MB) that tokenizing has read in: they are part of the
    /// binary, never written, so the next read pages them in again from it. Called once a
    /// long document's features are taken, before the search needs memory of its own, so
    /// that the dictionary and the search's tables are not resident at once. Only on Linux,
    /// and only for the embedded dictionary (another's data may be on the heap).
    pub fn release_pages(&self) {
        #[cfg(target_os = "linux")]
        {
            let words = &self.segmenter.dictionary.prefix_dictionary;
            for data in [&words.words_data, &words.words_idx_data, &words.vals_data] {
                if let Data::Static(bytes) = data {
                    release(bytes);
                }
            }
        }
    }

    /// A dictionary built with `normalize_details` (IPADIC here, as in lindera-ipadic) has its
    /// surfaces normalised by lindera's builder: U+FF5E FULLWIDTH TILDE becomes U+301C WAVE
    /// DASH and U+2015 HORIZONTAL BAR becomes U+2014 EM DASH. The text is looked up the same
    /// way; each pair has the same UTF-8 length, so byte spans are unchanged.
    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.segmenter.dictionary.metadata.normalize_details
            && text.contains(['\u{FF5E}', '\u{2015}'])
        {
            Cow::Owned(
                text.replace('\u{FF5E}', "\u{301C}")
                    .replace('\u{2015}', "\u{2014}"),
            )
        } else {
            Cow::Borrowed(text)
        }
    }

    fn make_token(&self, text: &str, span: Range<usize>, word_id: WordId) -> Token {
        let dictionary = &self.segmenter.dictionary;
        let fields: DetailFields<'_> = if word_id.is_unknown() {
            dictionary.unknown_word_details_iter(word_id.id() as usize)
        } else {
            dictionary.word_details_iter(word_id.id() as usize)
        };
        let layout = &self.layout;
        let (mut pos, mut pos_detail, mut pos_detail2) = ("*", "*", "*");
        let (mut base, mut reading) = ("*", "*");
        let last = [
            layout.pos,
            layout.pos_detail,
            layout.pos_detail2,
            layout.base,
            layout.reading,
        ]
        .into_iter()
        .max()
        .flatten();
        let field_count = fields.len();
        for (index, field) in fields.enumerate() {
            let index = Some(index);
            if index == layout.pos {
                pos = field;
            }
            if index == layout.pos_detail {
                pos_detail = field;
            }
            if index == layout.pos_detail2 {
                pos_detail2 = field;
            }
            if index == layout.base {
                base = field;
            }
            if index == layout.reading {
                reading = field;
            }
            if index >= last {
                break;
            }
        }
        // lindera's sentinel for a malformed entry is the single field "UNK".
        if field_count == 1 && pos == "UNK" {
            pos = "*";
        }
        let surface = &text[span.clone()];
        Token {
            class: self.tags.classify(pos, pos_detail, pos_detail2),
            pos: or_star(pos).to_owned(),
            pos_detail: or_star(pos_detail).to_owned(),
            pos_detail2: or_star(pos_detail2).to_owned(),
            base: if is_blank(base) { surface } else { base }.to_owned(),
            reading: (!is_blank(reading)).then(|| reading.to_owned()),
            span,
        }
    }

    fn unknown_token(&self, text: &str, span: Range<usize>) -> Token {
        Token {
            pos: "*".to_owned(),
            pos_detail: "*".to_owned(),
            pos_detail2: "*".to_owned(),
            base: text[span.clone()].to_owned(),
            reading: None,
            class: WordClass::default(),
            span,
        }
    }
}

/// Drops the whole pages inside `bytes` from the process's memory ([`JapaneseTokenizer::release_pages`]).
#[cfg(target_os = "linux")]
fn release(bytes: &'static [u8]) {
    // SAFETY: sysconf has no preconditions.
    let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    let start = bytes.as_ptr() as usize;
    let first = start.next_multiple_of(page);
    let end = (start + bytes.len()) / page * page;
    if end > first {
        // SAFETY: the range lies inside static bytes that nothing writes (the binary's
        // read-only data): without its pages, a read faults them in again from the file,
        // with the same contents. No reference to the bytes is invalidated.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_DONTNEED);
        }
    }
}

fn is_blank(field: &str) -> bool {
    field.is_empty() || field == "*"
}

fn or_star(field: &str) -> &str {
    if field.is_empty() {
        "*"
    } else {
        field
    }
}

/// The embedded IPADIC tokenizer, loaded on first use.
///
/// # Panics
///
/// If the embedded dictionary is corrupt, which a successful build rules out.
pub fn shared() -> &'static JapaneseTokenizer {
    static SHARED: OnceLock<JapaneseTokenizer> = OnceLock::new();
    SHARED.get_or_init(|| JapaneseTokenizer::embedded().unwrap_or_else(|err| panic!("{err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(tokens: &'a [Token], text: &str, surface: &str) -> &'a Token {
        tokens
            .iter()
            .find(|token| token.surface(text) == surface)
            .unwrap_or_else(|| panic!("no token {surface:?} in {:?}", surfaces(tokens, text)))
    }

    fn surfaces<'a>(tokens: &[Token], text: &'a str) -> Vec<&'a str> {
        tokens.iter().map(|token| token.surface(text)).collect()
    }

    fn assert_covers(tokens: &[Token], text: &str) {
        let mut end = 0;
        for token in tokens {
            assert_eq!(token.span.start, end, "gap or overlap in {tokens:?}");
            assert!(
                token.span.end > token.span.start,
                "empty token in {tokens:?}"
            );
            end = token.span.end;
        }
        assert_eq!(end, text.len(), "tokens do not reach the end: {tokens:?}");
        assert_eq!(surfaces(tokens, text).concat(), text);
    }

    #[test]
    fn tokens_are_the_same_after_the_dictionarys_pages_are_released() {
        let text = "斎藤さんは東京に住んでいる。雨が降った。";
        let before = shared().tokenize(text);
        shared().release_pages();
        assert_eq!(shared().tokenize(text), before);
    }

    #[test]
    fn tokenizes_names_places_and_verbs() {
        let text = "斎藤さんは東京に住んでいる。";
        let tokens = shared().tokenize(text);
        assert_covers(&tokens, text);
        assert_eq!(
            surfaces(&tokens, text),
            ["斎藤", "さん", "は", "東京", "に", "住ん", "で", "いる", "。"]
        );

        let saito = find(&tokens, text, "斎藤");
        assert_eq!(
            (
                saito.pos.as_str(),
                saito.pos_detail.as_str(),
                saito.pos_detail2.as_str()
            ),
            ("名詞", "固有名詞", "人名")
        );
        assert_eq!(saito.reading.as_deref(), Some("サイトウ"));
        assert_eq!(saito.span, 0..6);

        let tokyo = find(&tokens, text, "東京");
        assert_eq!(tokyo.pos_detail2, "地域");
        assert_eq!(tokyo.reading.as_deref(), Some("トウキョウ"));

        let sun = find(&tokens, text, "住ん");
        assert_eq!(sun.pos, "動詞");
        assert_eq!(sun.base, "住む");
        assert_eq!(sun.reading.as_deref(), Some("スン"));

        assert_eq!(find(&tokens, text, "。").pos, "記号");
    }

    #[test]
    fn the_embedded_dictionary_reads_ipadic_tags() {
        assert_eq!(shared().tag_set(), TagSet::Ipadic);
        let text = "斎藤さんは東京に住んでいる。";
        let tokens = shared().tokenize(text);
        let class = |s: &str| find(&tokens, text, s).class;
        assert!(class("斎藤").content && class("斎藤").proper);
        assert!(class("住ん").content && class("住ん").predicate);
        assert!(!class("いる").content, "{:?}", class("いる"));
        assert!(!class("は").content);
    }

    #[test]
    fn unidic_tags_name_the_same_classes_as_ipadic() {
        // The same words as each dictionary tags them: 食べる, いる (after て), 三, 彼,
        // 今日, 静か, 東京, さん, ありがとう.
        let pairs = [
            (("動詞", "自立", "*"), ("動詞", "一般", "*")),
            (("動詞", "非自立", "*"), ("動詞", "非自立可能", "*")),
            (("名詞", "数", "*"), ("名詞", "数詞", "*")),
            (("名詞", "代名詞", "一般"), ("代名詞", "*", "*")),
            (("名詞", "副詞可能", "*"), ("名詞", "普通名詞", "副詞可能")),
            (("名詞", "形容動詞語幹", "*"), ("形状詞", "一般", "*")),
            (("名詞", "固有名詞", "地域"), ("名詞", "固有名詞", "地名")),
            (("名詞", "接尾", "人名"), ("接尾辞", "名詞的", "一般")),
            (("感動詞", "*", "*"), ("感動詞", "一般", "*")),
        ];
        for ((p, d, d2), (up, ud, ud2)) in pairs {
            let ipadic = TagSet::Ipadic.classify(p, d, d2);
            let unidic = TagSet::Unidic.classify(up, ud, ud2);
            assert_eq!(
                (
                    ipadic.content,
                    ipadic.number,
                    ipadic.proper,
                    ipadic.interjection
                ),
                (
                    unidic.content,
                    unidic.number,
                    unidic.proper,
                    unidic.interjection
                ),
                "{p}-{d}-{d2} against {up}-{ud}-{ud2}"
            );
        }
        assert!(TagSet::Unidic.classify("動詞", "一般", "*").content);
    }

    #[test]
    fn organisations_and_the_vendored_reiwa_entry() {
        let text = "令和元年、トヨタ自動車が発表した。";
        let tokens = shared().tokenize(text);
        assert_covers(&tokens, text);
        let reiwa = find(&tokens, text, "令和");
        assert_eq!(reiwa.pos_detail, "固有名詞");
        assert_eq!(reiwa.reading.as_deref(), Some("レイワ"));
        let toyota = find(&tokens, text, "トヨタ自動車");
        assert_eq!(toyota.pos_detail2, "組織");
        assert_eq!(find(&tokens, text, "し").base, "する");
    }

    #[test]
    fn unknown_words_have_no_reading_and_keep_their_surface_as_base() {
        let text = "ゔぁゔぁゔぁ語";
        let tokens = shared().tokenize(text);
        assert_covers(&tokens, text);
        let unknown = tokens
            .iter()
            .find(|token| token.reading.is_none())
            .expect("some token is unknown to IPADIC");
        assert_eq!(unknown.base, unknown.surface(text));
        assert_ne!(
            unknown.pos, "*",
            "unk.def gives unknown words a part of speech"
        );
    }

    #[test]
    fn whitespace_and_mixed_scripts_are_covered() {
        let text =
            "  米Apple社の CEO、ティム・クック氏は\n\n\t「ｉＰｈｏｎｅ」を 2024年に発表。\r\n";
        let tokens = shared().tokenize(text);
        assert_covers(&tokens, text);
        let space = find(&tokens, text, "  ");
        assert_eq!(
            (space.pos.as_str(), space.pos_detail.as_str()),
            ("記号", "空白")
        );
        assert!(tokens.iter().any(|token| token.surface(text) == "Apple"));
        assert!(tokens.iter().any(|token| token.surface(text) == "\n"));
    }

    #[test]
    fn tilde_and_dash_variants_match_the_normalised_dictionary() {
        let text = "１０～２０―３０〜４０—";
        let tokens = shared().tokenize(text);
        assert_covers(&tokens, text);
        for variant in ["～", "―", "〜", "—"] {
            let token = find(&tokens, text, variant);
            assert_eq!(token.pos, "記号", "{variant}");
            assert!(token.reading.is_some(), "{variant} is in the dictionary");
        }
    }

    #[test]
    fn empty_text_has_no_tokens() {
        assert!(shared().tokenize("").is_empty());
    }

    #[test]
    fn long_text_without_delimiters_is_covered() {
        // lindera cuts delimiter-free text every 32 KiB; spans must stay absolute.
        let text = "東京都千代田区".repeat(3000) + " end";
        let tokens = shared().tokenize(&text);
        assert_covers(&tokens, &text);
    }

    #[test]
    fn ipadic_layout() {
        let tokenizer = JapaneseTokenizer::embedded().expect("embedded dictionary loads");
        assert_eq!(
            tokenizer.layout,
            FieldLayout {
                pos: Some(0),
                pos_detail: Some(1),
                pos_detail2: Some(2),
                base: Some(6),
                reading: Some(7),
            }
        );
        let tokens = tokenizer.tokenize("日本");
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].reading.as_deref(), Some("ニッポン"));
    }

    #[test]
    fn unidic_layout_is_found_by_name() {
        let names = [
            "surface",
            "left_context_id",
            "right_context_id",
            "cost",
            "part_of_speech",
            "part_of_speech_subcategory_1",
            "part_of_speech_subcategory_2",
            "part_of_speech_subcategory_3",
            "conjugation_type",
            "conjugation_form",
            "reading",
            "lexeme",
            "orthographic_surface_form",
            "phonological_surface_form",
            "orthographic_base_form",
        ];
        let schema = Schema::new(names.iter().map(|s| s.to_string()).collect());
        let layout = FieldLayout::from_schema(&schema);
        assert_eq!(layout.reading, Some(6));
        assert_eq!(layout.base, Some(10));
        let no_reading = Schema::new(
            [
                "surface",
                "left_context_id",
                "right_context_id",
                "cost",
                "pos",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        );
        assert_eq!(FieldLayout::from_schema(&no_reading).reading, None);
    }

    #[test]
    fn from_dir_loads_a_compiled_dictionary_directory() {
        // The build script's output directory is itself a compiled lindera dictionary.
        let dir = Path::new(concat!(env!("OUT_DIR"), "/ipadic"));
        let tokenizer = JapaneseTokenizer::from_dir(dir).expect("built dictionary loads");
        let text = "斎藤さんは東京に住んでいる。";
        assert_eq!(tokenizer.tokenize(text), shared().tokenize(text));
    }

    /// Builds a dictionary of four words into `dir/out`, the verb 食べる tagged `verb` (its
    /// part of speech and first sub-category), IPADIC's field layout.
    fn mini_dictionary(dir: &Path, verb: &str) -> std::path::PathBuf {
        use lindera_dictionary::builder::DictionaryBuilder;
        let src = dir.join("src");
        std::fs::create_dir_all(&src).unwrap();
        let write = |name: &str, text: &str| std::fs::write(src.join(name), text).unwrap();
        write(
            "char.def",
            "DEFAULT 0 1 0\nSPACE 0 1 0\nKANJI 0 0 2\nHIRAGANA 0 1 2\nKATAKANA 1 1 2\n\
             0x0020 SPACE\n0x3041..0x309F HIRAGANA\n0x30A1..0x30FF KATAKANA\n\
             0x4E00..0x9FFF KANJI\n",
        );
        write(
            "unk.def",
            "DEFAULT,0,0,1000,記号,一般,*,*,*,*,*\nSPACE,0,0,1000,記号,空白,*,*,*,*,*\n\
             KANJI,0,0,1000,名詞,一般,*,*,*,*,*\nHIRAGANA,0,0,1000,名詞,一般,*,*,*,*,*\n\
             KATAKANA,0,0,1000,名詞,一般,*,*,*,*,*\n",
        );
        write("matrix.def", "1 1\n0 0 0\n");
        write(
            "mini.csv",
            &format!(
                "パン,0,0,100,名詞,一般,*,*,*,*,パン,パン,パン\n\
                 を,0,0,100,助詞,格助詞,一般,*,*,*,を,ヲ,ヲ\n\
                 食べる,0,0,100,{verb},*,*,一段,基本形,食べる,タベル,タベル\n\
                 。,0,0,100,記号,句点,*,*,*,*,。,。,。\n"
            ),
        );
        // IPADIC's settings and field layout (the embedded dictionary's), UTF-8 sources.
        let mut metadata = (*embedded::load().expect("embedded").metadata).clone();
        metadata.name = "mini".to_string();
        metadata.encoding = "UTF-8".to_string();
        let out = dir.join("out");
        DictionaryBuilder::new(metadata)
            .build_dictionary(&src, &out)
            .expect("the mini dictionary builds");
        out
    }

    #[test]
    fn a_dictionary_is_read_by_its_tag_set_or_refused() {
        let text = "パンを食べる。";
        // IPADIC's tags and UniDic's: the verb is a content word either way.
        for (verb, tags) in [("動詞,自立", TagSet::Ipadic), ("動詞,一般", TagSet::Unidic)] {
            let dir = tempfile::tempdir().unwrap();
            let tokenizer = JapaneseTokenizer::from_dir(&mini_dictionary(dir.path(), verb))
                .expect("a known tag set loads");
            assert_eq!(tokenizer.tag_set(), tags);
            let tokens = tokenizer.tokenize(text);
            assert_eq!(surfaces(&tokens, text), ["パン", "を", "食べる", "。"]);
            let eat = find(&tokens, text, "食べる");
            assert!(eat.class.content && eat.class.predicate, "{verb}: {eat:?}");
            assert!(!find(&tokens, text, "を").class.content);
        }
        // Another tag set is refused, saying what it lacks.
        let dir = tempfile::tempdir().unwrap();
        let path = mini_dictionary(dir.path(), "VERB,*");
        let err = JapaneseTokenizer::from_dir(&path)
            .err()
            .expect("an unknown tag set is refused");
        assert_eq!(
            err.to_string(),
            format!(
                "{}: cannot load the dictionary: its part-of-speech tags are neither IPADIC's \
                 nor UniDic's: it tags 食べる as VERB-*, where IPADIC writes 動詞-自立 and \
                 UniDic 動詞-一般 (hashi reads content words, numbers and names by these tags)",
                path.display()
            )
        );
    }

    #[test]
    fn from_dir_reports_missing_directories() {
        let err = JapaneseTokenizer::from_dir(Path::new("/nonexistent/dictionary"))
            .err()
            .expect("a missing directory is an error");
        assert!(
            matches!(&err, Error::Dictionary { path: Some(p), .. } if p == Path::new("/nonexistent/dictionary")),
            "{err:?}"
        );
        // lindera's own words, not its error's Debug-like wrapping.
        assert_eq!(
            err.to_string(),
            "/nonexistent/dictionary: cannot load the dictionary: Dictionary path does not \
             exist: /nonexistent/dictionary"
        );
    }

    #[test]
    fn tokenizer_is_send_sync_and_usable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<JapaneseTokenizer>();
        let text = "東京に住んでいる。";
        let expected = shared().tokenize(text);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| scope.spawn(|| shared().tokenize(text)))
                .collect();
            for handle in handles {
                assert_eq!(handle.join().expect("no panic"), expected);
            }
        });
    }

    proptest::proptest! {
        #[test]
        fn spans_cover_any_text(text in "[ -~\u{3000}-\u{30ff}\u{4e00}-\u{4e80}\u{ff01}-\u{ff5e}\n\t\r é😀]{0,60}") {
            let tokens = shared().tokenize(&text);
            assert_covers(&tokens, &text);
        }
    }
}
