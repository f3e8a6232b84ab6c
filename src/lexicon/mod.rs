//! Japanese→English lexicon from EDICT, for finding content-word overlap between a Japanese
//! sentence and an English one.
//!
//! A Japanese key (an EDICT headword or reading, e.g. `発表`, `住む`, `すむ`) maps to a set of
//! English key ids; an English key is a normalised gloss word (see `en_key`). The aligner
//! turns an English sentence into ids with [`Lexicon::en_ids`] and asks, for each Japanese
//! content token (surface for nouns, base form for verbs and adjectives), whether one of its
//! [`Lexicon::translations`] is among them ([`Lexicon::matches`]).
//!
//! The built-in lexicon's English side is widened with WordNet: each gloss key is followed
//! by the synonyms and derived forms of its most frequent sense (`state` → `say`, `tell`;
//! `decision` → `decide`), from `crates/wordnet-data/synonyms.xz`, since an article rarely uses
//! the gloss's own word.
//!
//! The built-in lexicon is compiled from the vendored EDICT by the build script (see
//! `build/lexicon.rs` and the `hashi-lexicon` crate) into two finite-state transducers and an
//! array of ids, embedded in the binary and used in place: [`Lexicon::embedded`] costs
//! microseconds.
//!
//! EDICT is © the Electronic Dictionary Research and Development Group, used under its
//! licence (CC BY-SA); see `crates/edict-data/README.md`. WordNet 3.0 is © Princeton
//! University, used under its licence; see `crates/wordnet-data/README.md`.

mod compile;
use hashi_lexicon::normalize;

pub use hashi_lexicon::LexiconProblem;

pub use compile::{KEYS_PER_ENTRY, KEYS_PER_HEADWORD};
pub(crate) use normalize::{
    en_key, en_words, ja_key, phrase_key, phrase_part_and_key, PHRASE_WORDS,
};

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

static JA_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_ja.fst"));
static EN_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_en.fst"));
/// `crates/wordnet-data/synonyms.xz`, decompressed by the build script.
static SYNONYMS: &str = include_str!(concat!(env!("OUT_DIR"), "/wordnet_synonyms.txt"));
/// The project's supplement (chat shorthand, everyday set phrases), added to every lexicon:
/// the built-in one at build time, a user's EDICT file when it is loaded.
static SUPPLEMENT: &str = include_str!("../../lexicon/supplement.tsv");
/// Little-endian `u32`s, aligned so that they can be used in place.
static POSTINGS: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/lexicon_postings.bin"
)));

#[repr(C, align(4))]
struct Aligned<T: ?Sized>(T);

type Bytes = Cow<'static, [u8]>;

/// A Japanese→English lexicon. Cheap to query from many threads at once.
pub struct Lexicon {
    /// Japanese key → `start << START_SHIFT | EXPRESSION_BIT | len` of its posting list in
    /// `postings`, the bit set for set phrases.
    ja: fst::Map<Bytes>,
    postings: Cow<'static, [u32]>,
    /// English key → id (its rank in byte order).
    en: fst::Map<Bytes>,
}

impl Lexicon {
    /// The lexicon compiled from the vendored EDICT at build time, loaded on first use.
    pub fn embedded() -> &'static Lexicon {
        static EMBEDDED: OnceLock<Lexicon> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Lexicon::from_parts(
                Cow::Borrowed(JA_FST),
                postings_from_le_bytes(&POSTINGS.0),
                Cow::Borrowed(EN_FST),
            )
            .expect("the embedded lexicon is built by build/lexicon.rs and must be valid")
        })
    }

    /// Build a lexicon from an EDICT-format file (one entry a line, `KANJI [KANA] /gloss/.../`
    /// or `KANA /gloss/.../`; EDICT2's `A;B [a;b]` lists are accepted too), in UTF-8 or EUC-JP.
    pub fn from_edict_file(path: &Path) -> Result<Lexicon> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let text = decode(&bytes).ok_or_else(|| Error::Lexicon {
            path: Some(path.to_owned()),
            line: None,
            problem: LexiconProblem::NotText,
        })?;
        Lexicon::from_edict_str(&text).map_err(|e| match e {
            Error::Lexicon {
                path: None,
                line,
                problem,
            } => Error::Lexicon {
                path: Some(path.to_owned()),
                line,
                problem,
            },
            other => other,
        })
    }

    /// Build a lexicon from EDICT-format text already in memory, its glosses widened with the
    /// WordNet synonyms the built-in lexicon has, and the project's supplement
    /// (`lexicon/supplement.tsv`: chat shorthand and everyday set phrases) added, as in the
    /// built-in lexicon. Errors are [`Error::Lexicon`] without a path.
    pub fn from_edict_str(text: &str) -> Result<Lexicon> {
        let artefacts = compile::compile(text, SYNONYMS, SUPPLEMENT)?;
        Lexicon::from_parts(
            Cow::Owned(artefacts.ja_fst),
            Cow::Owned(artefacts.postings),
            Cow::Owned(artefacts.en_fst),
        )
    }

    fn from_parts(ja: Bytes, postings: Cow<'static, [u32]>, en: Bytes) -> Result<Lexicon> {
        let corrupt = |e: fst::Error| Error::Lexicon {
            path: None,
            line: None,
            problem: LexiconProblem::Index(e.to_string()),
        };
        Ok(Lexicon {
            ja: fst::Map::new(ja).map_err(corrupt)?,
            postings,
            en: fst::Map::new(en).map_err(corrupt)?,
        })
    }

    /// The id of an English word's key (normalised with `en_key` first), if the lexicon
    /// has that key.
    pub fn en_id(&self, english_word: &str) -> Option<u32> {
        let key = en_key(english_word)?;
        self.en.get(key.as_bytes()).map(|id| id as u32)
    }

    /// The English key with this id (a stem such as `announc`, see `en_key`).
    pub fn en_word(&self, id: u32) -> Option<String> {
        let bytes = self.en.as_fst().get_key(u64::from(id))?;
        String::from_utf8(bytes).ok()
    }

    /// The id of the set phrase these English words make ("thank", "you"; see
    /// `phrase_key`), if the lexicon has it as a gloss of an expression.
    pub fn phrase_id(&self, english_words: &[&str]) -> Option<u32> {
        let key = phrase_key(english_words.iter().copied())?;
        self.en.get(key.as_bytes()).map(|id| id as u32)
    }

    /// The id of an English key already normalised: a word's `en_key`, or a `phrase_key`
    /// put together from its words' `phrase_part`s, so that a sentence normalises each word
    /// once for its own key and all the runs it is in.
    pub fn id_of_key(&self, key: &str) -> Option<u32> {
        self.en.get(key.as_bytes()).map(|id| id as u32)
    }

    /// The id of the longest set phrase (`PHRASE_WORDS` words) that a run of words begins
    /// with, the words already turned into their `phrase_part`s: what [`Lexicon::id_of_key`]
    /// gives for the longest of their `phrase_key`s that the lexicon has, in one walk of the
    /// index for all lengths, which stops at the first word no phrase continues with.
    pub fn longest_phrase_id(&self, parts: &[&str]) -> Option<u32> {
        self.key_and_phrase_ids(parts).1
    }

    /// [`Lexicon::id_of_key`] of the first part (the first word's key, when its phrase part
    /// is its key) and [`Lexicon::longest_phrase_id`] of them all, from the same walk.
    pub fn key_and_phrase_ids(&self, parts: &[&str]) -> (Option<u32>, Option<u32>) {
        let fst = self.en.as_fst();
        let (mut node, mut out) = (fst.root(), fst::raw::Output::zero());
        let (mut first, mut found) = (None, None);
        for (n, part) in parts.iter().take(*PHRASE_WORDS.end()).enumerate() {
            let sep: &[u8] = if n == 0 { b"" } else { b" " };
            let Some((next, o)) = walk(fst, node, out, sep)
                .and_then(|(node, out)| walk(fst, node, out, part.as_bytes()))
            else {
                break;
            };
            (node, out) = (next, o);
            if node.is_final() {
                let id = Some(out.cat(node.final_output()).value() as u32);
                if n == 0 {
                    first = id;
                } else if PHRASE_WORDS.contains(&(n + 1)) {
                    found = id;
                }
            }
        }
        (first, found)
    }

    /// The ids of the English keys of a text (split with `en_words`) and of the set phrases
    /// its runs of words make, sorted, without repeats: the set to pass to
    /// [`Lexicon::matches`].
    pub fn en_ids(&self, english_text: &str) -> Vec<u32> {
        let words: Vec<&str> = en_words(english_text).collect();
        let mut ids: Vec<u32> = words.iter().filter_map(|w| self.en_id(w)).collect();
        for n in PHRASE_WORDS {
            ids.extend(words.windows(n).filter_map(|run| self.phrase_id(run)));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The ids of the English keys glossing a Japanese headword or reading (normalised with
    /// `ja_key`), ascending, at most [`KEYS_PER_HEADWORD`]; empty when the word is unknown.
    pub fn translations(&self, japanese_word: &str) -> &[u32] {
        match self.ja.get(ja_key(japanese_word).as_bytes()) {
            Some(value) => self.posting(value),
            None => &[],
        }
    }

    /// The Japanese set phrase this word is (an EDICT expression or interjection, or a
    /// supplement entry: ありがとう, すみません, （笑）), if it is one.
    pub fn expression(&self, japanese_word: &str) -> Option<Expression<'_>> {
        let value = self.ja.get(ja_key(japanese_word).as_bytes())?;
        self.expression_of(value, 1)
    }

    /// Whether the project's supplement writes this Japanese form. A lookup in a short sorted
    /// list, so that callers can ask it of every particle and auxiliary before asking the
    /// index.
    pub fn in_supplement(japanese_word: &str) -> bool {
        let key = ja_key(japanese_word);
        supplement_forms()
            .binary_search_by(|f| f.as_str().cmp(key.as_ref()))
            .is_ok()
    }

    /// Whether a form the project's supplement writes starts with this Japanese text: where
    /// none does, no set phrase of the supplement starts with a token of that surface.
    pub fn supplement_starts_with(japanese_text: &str) -> bool {
        let forms = supplement_forms();
        let prefix = ja_key(japanese_text);
        // Most tokens start with a character no form starts with: a few comparisons of
        // characters tell.
        if let Some(c) = prefix.chars().next() {
            if supplement_initials().binary_search(&c).is_err() {
                return false;
            }
        }
        // Forms starting with the prefix come first among those not below it.
        let at = forms.partition_point(|f| f.as_str() < prefix.as_ref());
        forms
            .get(at)
            .is_some_and(|f| f.starts_with(prefix.as_ref()))
    }

    /// The longest set phrase that a run of at least two tokens starting at the first of
    /// `tokens` writes and that `accept` takes, each token given as `(surface, base form)`:
    /// the tokens' surfaces in a row, or the last one in its base form
    /// (よろしく+お願い+し+ます, ありがとう+ござい+ます).
    pub fn longest_expression(
        &self,
        tokens: &[(&str, &str)],
        accept: impl Fn(&Expression<'_>) -> bool,
    ) -> Option<Expression<'_>> {
        let fst = self.ja.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        let mut found = Vec::new();
        for (n, &(surface, base)) in tokens.iter().enumerate() {
            // The surface's walk both ends a phrase here and goes on to the next token.
            let by_surface = walk(fst, node, out, ja_key(surface).as_bytes());
            if n >= 1 {
                let ends = |reached: Option<(fst::raw::Node<'_>, fst::raw::Output)>| {
                    let (end, o) = reached.filter(|(end, _)| end.is_final())?;
                    self.expression_of(o.cat(end.final_output()).value(), n + 1)
                };
                let e = ends(by_surface).or_else(|| {
                    (base != surface)
                        .then(|| ends(walk(fst, node, out, ja_key(base).as_bytes())))
                        .flatten()
                });
                found.extend(e);
            }
            match by_surface {
                Some((next, o)) => (node, out) = (next, o),
                None => break,
            }
        }
        found.into_iter().rev().find(|e| accept(e))
    }

    /// The longest word of the lexicon that two or more of `parts` make written together
    /// from the first (関係+者, 新型+コロナ), as how many parts it takes and its translations
    /// (as [`Lexicon::translations`] gives them): one walk of the index for all lengths.
    pub fn longest_compound(&self, parts: &[&str]) -> Option<(usize, &[u32])> {
        let fst = self.ja.as_fst();
        let (mut node, mut out) = (fst.root(), fst::raw::Output::zero());
        let mut found = None;
        for (n, part) in parts.iter().enumerate() {
            match walk(fst, node, out, ja_key(part).as_bytes()) {
                Some(next) => (node, out) = next,
                None => break,
            }
            if n >= 1 && node.is_final() {
                let ids = self.posting(out.cat(node.final_output()).value());
                if !ids.is_empty() {
                    found = Some((n + 1, ids));
                }
            }
        }
        found
    }

    fn expression_of(&self, value: u64, tokens: usize) -> Option<Expression<'_>> {
        (value & compile::EXPRESSION_BIT != 0).then(|| Expression {
            tokens,
            translations: self.posting(value),
            supplement: value & compile::SUPPLEMENT_BIT != 0,
        })
    }

    fn posting(&self, value: u64) -> &[u32] {
        let start = (value >> compile::START_SHIFT) as usize;
        let len = (value & ((1 << compile::POSTING_LEN_BITS) - 1)) as usize;
        self.postings.get(start..start + len).unwrap_or_default()
    }

    /// Whether one of the translations of `japanese_word` is in `sorted_en_ids` (as returned by
    /// [`Lexicon::en_ids`]).
    pub fn matches(&self, japanese_word: &str, sorted_en_ids: &[u32]) -> bool {
        self.translations(japanese_word)
            .iter()
            .any(|id| sorted_en_ids.binary_search(id).is_ok())
    }

    /// Whether the lexicon knows this Japanese word.
    pub fn contains(&self, japanese_word: &str) -> bool {
        self.ja.contains_key(ja_key(japanese_word).as_bytes())
    }

    /// The number of Japanese keys (headwords and readings).
    pub fn len(&self) -> usize {
        self.ja.len()
    }

    /// Whether the lexicon has no Japanese key (never, for one that compiled).
    pub fn is_empty(&self) -> bool {
        self.ja.is_empty()
    }

    /// The number of English keys.
    pub fn en_len(&self) -> usize {
        self.en.len()
    }

    /// The size in bytes of the lexicon's data.
    pub fn size_in_bytes(&self) -> usize {
        self.ja.as_fst().as_bytes().len()
            + std::mem::size_of_val(&*self.postings)
            + self.en.as_fst().as_bytes().len()
    }
}

/// The Japanese forms the project's supplement writes, as `ja_key`s, sorted.
fn supplement_forms() -> &'static [String] {
    static FORMS: OnceLock<Vec<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms: Vec<String> = SUPPLEMENT
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .flat_map(|forms| forms.split(';'))
            .map(|f| ja_key(f.trim()).into_owned())
            .collect();
        forms.sort_unstable();
        forms.dedup();
        forms
    })
}

/// The first characters of [`supplement_forms`], sorted, without repeats.
fn supplement_initials() -> &'static [char] {
    static INITIALS: OnceLock<Vec<char>> = OnceLock::new();
    INITIALS.get_or_init(|| {
        let mut initials: Vec<char> = supplement_forms()
            .iter()
            .filter_map(|f| f.chars().next())
            .collect();
        initials.sort_unstable();
        initials.dedup();
        initials
    })
}

/// A set phrase found in Japanese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expression<'a> {
    /// How many tokens it spans.
    pub tokens: usize,
    /// Its English ids, as [`Lexicon::translations`] gives them.
    pub translations: &'a [u32],
    /// Written by the project's supplement (chosen by hand), not only by EDICT.
    pub supplement: bool,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("japanese_keys", &self.len())
            .field("english_keys", &self.en_len())
            .field("bytes", &self.size_in_bytes())
            .finish()
    }
}

/// Follow `bytes` from `node` in `fst`: the node reached and the output gathered, or `None`
/// when no key continues that way.
fn walk<'f>(
    fst: &'f fst::raw::Fst<Bytes>,
    mut node: fst::raw::Node<'f>,
    mut out: fst::raw::Output,
    bytes: &[u8],
) -> Option<(fst::raw::Node<'f>, fst::raw::Output)> {
    for &b in bytes {
        let t = node.transition(node.find_input(b)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// Little-endian `u32`s: borrowed in place when aligned on a little-endian machine (as the
/// embedded postings are), copied otherwise.
fn postings_from_le_bytes(bytes: &[u8]) -> Cow<'_, [u32]> {
    if cfg!(target_endian = "little") {
        if let Ok(ids) = bytemuck::try_cast_slice(bytes) {
            return Cow::Borrowed(ids);
        }
    }
    Cow::Owned(
        bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
    )
}

/// Decode a dictionary file: UTF-8 (with or without BOM) if valid, else EUC-JP if valid.
fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(Cow::Borrowed(text));
    }
    encoding_rs::EUC_JP.decode_without_bom_handling_and_without_replacement(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ids(lexicon: &Lexicon, japanese: &str) -> Vec<u32> {
        lexicon.translations(japanese).to_vec()
    }

    #[test]
    fn the_longest_compound_of_two_or_more_parts_is_found() {
        let lex = Lexicon::embedded();
        let found = |parts: &[&str]| {
            lex.longest_compound(parts)
                .map(|(n, ids)| (n, ids.to_vec()))
        };
        assert_eq!(found(&["関係", "者", "が"]), Some((2, ids(lex, "関係者"))));
        assert_eq!(
            found(&["医療", "関係", "者"]),
            Some((3, ids(lex, "医療関係者")))
        );
        // One part is a word, not a compound; parts that make no word make none.
        assert_eq!(found(&["関係"]), None);
        assert_eq!(found(&["関係", "が"]), None);
    }

    /// A lexicon compiled from EDICT text with the given synonym list and supplement.
    fn compiled(edict: &str, synonyms: &str, supplement: &str) -> Lexicon {
        let a = compile::compile(edict, synonyms, supplement).unwrap();
        Lexicon::from_parts(
            Cow::Owned(a.ja_fst),
            Cow::Owned(a.postings),
            Cow::Owned(a.en_fst),
        )
        .unwrap()
    }

    fn words(lexicon: &Lexicon, japanese: &str) -> Vec<String> {
        lexicon
            .translations(japanese)
            .iter()
            .map(|&id| lexicon.en_word(id).unwrap())
            .collect()
    }

    /// The number of distinct Japanese keys the project's supplement writes.
    fn supplement_forms() -> usize {
        let edict = compile::supplement_to_edict(SUPPLEMENT).unwrap();
        let mut forms: Vec<String> = edict
            .lines()
            .filter_map(|line| line.split_once(' '))
            .map(|(form, _)| ja_key(form).into_owned())
            .collect();
        forms.sort_unstable();
        forms.dedup();
        forms.len()
    }

    /// A file in the temporary directory, removed on drop.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(contents: &[u8]) -> TempFile {
            static COUNT: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "hashi-lexicon-test-{}-{}.txt",
                std::process::id(),
                COUNT.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::write(&path, contents).unwrap();
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    const SAMPLE: &str = "\
住む [すむ] /(v5m,vi) to live (of humans)/to reside/to inhabit/(P)/
発表 [はっぴょう] /(n,vs) announcement/publication/(P)/
分かる [わかる] /(v5r,vi) (uk) to understand/to comprehend/(P)/
澄む [すむ] /(v5m,vi) to become clear/
ニュース /(n) news/(P)/
を /(prt) indicates direct object of action/
";

    #[test]
    fn embedded_lexicon_translates_news_vocabulary() {
        let lex = Lexicon::embedded();
        assert!(lex.len() > 200_000, "{lex:?}");
        assert!(lex.en_len() > 30_000, "{lex:?}");
        assert!(!lex.is_empty());

        let announce = ids(lex, "発表");
        assert!(
            announce.contains(&lex.en_id("announcement").unwrap())
                || announce.contains(&lex.en_id("announce").unwrap())
        );
        assert!(ids(lex, "住む").contains(&lex.en_id("live").unwrap()));
        assert!(ids(lex, "住む").contains(&lex.en_id("resides").unwrap()));
        assert!(ids(lex, "政府").contains(&lex.en_id("Governments").unwrap()));
        assert!(ids(lex, "増加").contains(&lex.en_id("increased").unwrap()));
        assert!(ids(lex, "首相").contains(&lex.en_id("minister").unwrap()));
        assert!(ids(lex, "米国").contains(&lex.en_id("U.S.").unwrap()));
        assert!(ids(lex, "ニュース").contains(&lex.en_id("news").unwrap()));
        assert!(!ids(lex, "ニュース").contains(&lex.en_id("new").unwrap()));
        // Readings of common or usually-kana entries, and full-width letters.
        assert!(ids(lex, "すむ").contains(&lex.en_id("live").unwrap()));
        assert!(ids(lex, "わかる").contains(&lex.en_id("understand").unwrap()));
        assert!(ids(lex, "ＣＤ").contains(&lex.en_id("CD").unwrap()));
        assert_eq!(ids(lex, "ＣＤ"), ids(lex, "CD"));
    }

    #[test]
    fn embedded_lexicon_matches_a_sentence_pair() {
        let lex = Lexicon::embedded();
        let en = lex.en_ids("The government announced on Monday that prices increased.");
        assert!(en.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for ja in ["政府", "発表", "増加", "月曜日", "価格"] {
            assert!(lex.matches(ja, &en), "{ja}: {:?}", words(lex, ja));
        }
        for ja in ["住む", "首相", "東京"] {
            assert!(!lex.matches(ja, &en), "{ja}: {:?}", words(lex, ja));
        }
    }

    #[test]
    fn embedded_glosses_are_widened_with_wordnet_synonyms() {
        let lex = Lexicon::embedded();
        // EDICT glosses 述べる "to state", 検査 "inspection/examination", 商品 "merchandise";
        // WordNet's synonyms reach the words an English article uses.
        for (ja, en) in [
            ("述べる", "He said the plan would fail."),
            ("検査", "Doctors examined the patients."),
            ("商品", "The shop sells its products online."),
        ] {
            assert!(
                lex.matches(ja, &lex.en_ids(en)),
                "{ja}: {:?}",
                words(lex, ja)
            );
        }
        // A synonym of a rarer sense is not added: 商品 is not a toilet.
        assert!(!lex.matches("商品", &lex.en_ids("a toilet")));
    }

    #[test]
    fn synonyms_follow_their_gloss_key() {
        let edict = "述べる [のべる] /(v1,vt) to state/to express/(P)/\n";
        let plain = compiled(edict, "", "");
        assert_eq!(words(&plain, "述べる"), ["express", "state"]);
        assert!(!plain.matches("述べる", &plain.en_ids("He said so.")));
        let widened = compiled(edict, "state\tsay tell\nexpress\tstate\n", "");
        assert_eq!(
            words(&widened, "述べる"),
            ["express", "say", "state", "tell"]
        );
        assert!(widened.matches("述べる", &widened.en_ids("He said so.")));
        // A user's EDICT file gets the built-in synonyms too.
        let user = Lexicon::from_edict_str(edict).unwrap();
        assert!(user.matches("述べる", &user.en_ids("He said so.")));
    }

    #[test]
    fn translations_are_ascending_and_unknown_words_empty() {
        let lex = Lexicon::embedded();
        for ja in ["発表", "すむ", "する", "上手", "米"] {
            let list = ids(lex, ja);
            assert!(!list.is_empty(), "{ja}");
            assert!(list.len() <= KEYS_PER_HEADWORD, "{ja}");
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{ja}: {list:?}");
            assert!(list.iter().all(|&id| (id as usize) < lex.en_len()));
            assert!(lex.contains(ja));
        }
        for unknown in ["", "ほげほげふが", "xyzzy", "を", "は"] {
            assert!(lex.translations(unknown).is_empty(), "{unknown:?}");
            assert!(!lex.contains(unknown));
        }
        assert_eq!(lex.en_id("the"), None);
        assert_eq!(lex.en_id("qwertyuiopasdf"), None);
        assert_eq!(lex.en_word(u32::MAX), None);
        let id = lex.en_id("Tokyo").unwrap();
        assert_eq!(lex.en_word(id).as_deref(), Some("tokyo"));
    }

    #[test]
    fn embedded_is_loaded_once_and_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Lexicon>();
        let a = Lexicon::embedded() as *const Lexicon;
        let b = std::thread::spawn(|| Lexicon::embedded() as *const Lexicon as usize)
            .join()
            .unwrap();
        assert_eq!(a as usize, b);
    }

    #[test]
    fn builds_from_a_utf8_file() {
        let file = TempFile::new(SAMPLE.as_bytes());
        let lex = Lexicon::from_edict_file(&file.0).unwrap();
        // 住む すむ 発表 はっぴょう 分かる わかる 澄む ニュース; を is a single kana. The
        // supplement's forms come on top.
        assert_eq!(compiled(SAMPLE, "", "").len(), 8);
        assert_eq!(lex.len(), 8 + supplement_forms(), "{lex:?}");
        // The glosses' own keys, among the WordNet synonyms the lexicon adds.
        let has = |ja: &str, en: &[&str]| {
            let w = words(&lex, ja);
            assert!(en.iter().all(|e| w.iter().any(|x| x == e)), "{ja}: {w:?}");
            w
        };
        has("住む", &["inhabit", "live", "resid"]);
        has("発表", &["announc", "public"]);
        assert!(lex.matches("発表", &lex.en_ids("It was announced.")));
        // The reading of a common entry maps to it; the uncommon homophone's does not.
        assert_eq!(
            has("すむ", &["inhabit", "live", "resid"]),
            words(&lex, "住む")
        );
        assert!(!words(&lex, "すむ").contains(&"clear".to_string()));
        has("澄む", &["becom", "clear"]);
        has("わかる", &["comprehend", "understand"]);
        assert!(lex.translations("を").is_empty());
        assert_eq!(lex.en_id("indicates"), None);
        // Without synonyms, exactly the glosses.
        let plain = compiled(SAMPLE, "", "");
        assert_eq!(words(&plain, "住む"), ["inhabit", "live", "resid"]);
        assert_eq!(words(&plain, "すむ"), ["inhabit", "live", "resid"]);
        assert_eq!(words(&plain, "澄む"), ["becom", "clear"]);
    }

    #[test]
    fn builds_from_an_euc_jp_file_with_the_same_result() {
        let (euc, _, unmappable) = encoding_rs::EUC_JP.encode(SAMPLE);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&euc).is_err());
        let from_euc = Lexicon::from_edict_file(&TempFile::new(&euc).0).unwrap();
        let from_utf8 = Lexicon::from_edict_str(SAMPLE).unwrap();
        assert_eq!(from_euc.len(), from_utf8.len());
        assert_eq!(from_euc.size_in_bytes(), from_utf8.size_in_bytes());
        assert_eq!(words(&from_euc, "住む"), words(&from_utf8, "住む"));
        // A UTF-8 byte-order mark is accepted.
        let bom = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        assert_eq!(
            Lexicon::from_edict_file(&TempFile::new(&bom).0)
                .unwrap()
                .len(),
            8 + supplement_forms()
        );
    }

    #[test]
    fn bad_files_are_errors() {
        let missing = Path::new("/nonexistent/hashi/edict");
        assert!(matches!(
            Lexicon::from_edict_file(missing),
            Err(Error::Read { path, .. }) if path == missing
        ));
        for (contents, line, problem, message) in [
            (
                b"this is not a dictionary\n".as_slice(),
                Some(1),
                LexiconProblem::Entry("expected `/` to open the glosses".into()),
                ":1: not an EDICT entry: expected `/` to open the glosses",
            ),
            (
                "住む [すむ] /to live/\n漢字 [かんじ\n".as_bytes(),
                Some(2),
                LexiconProblem::Entry("unclosed `[` in the reading".into()),
                ":2: not an EDICT entry: unclosed `[` in the reading",
            ),
            (
                b"".as_slice(),
                None,
                LexiconProblem::NoEntries,
                ": no EDICT entries found",
            ),
            (
                "# only a comment\n".as_bytes(),
                None,
                LexiconProblem::NoEntries,
                ": no EDICT entries found",
            ),
            (
                b"\xFF\xFE\x00\x01\x80\x81binary".as_slice(),
                None,
                LexiconProblem::NotText,
                ": neither UTF-8 nor EUC-JP text, as an EDICT lexicon must be",
            ),
        ] {
            let file = TempFile::new(contents);
            match Lexicon::from_edict_file(&file.0) {
                Err(err @ Error::Lexicon { .. }) => {
                    assert_eq!(err.to_string(), format!("{}{message}", file.0.display()));
                    let Error::Lexicon {
                        path: Some(path),
                        line: l,
                        problem: p,
                    } = err
                    else {
                        panic!("{contents:?}: no path in {err:?}");
                    };
                    assert_eq!((path, l, p), (file.0.clone(), line, problem));
                }
                other => panic!("{contents:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn text_errors_say_lexicon_and_line() {
        let err = Lexicon::from_edict_str("住む [すむ] /to live/\n漢字\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "lexicon line 2: not an EDICT entry: expected `headword [reading] /gloss/`: no \
             space after the headword"
        );
        assert_eq!(
            Lexicon::from_edict_str("").unwrap_err().to_string(),
            "lexicon: no EDICT entries found"
        );
    }

    #[test]
    fn set_phrases_are_keyed_as_phrases() {
        let edict = "\
有難う [ありがとう] /(int) (uk) thank you/thanks/(P)/
明けましておめでとうございます [あけましておめでとうございます] /(exp) Happy New Year/
新年 [しんねん] /(n) new year/(P)/
";
        let lex = compiled(edict, "", "");
        // An expression's 2-3 word gloss is one key; a noun's gloss stays words.
        assert_eq!(words(&lex, "ありがとう"), ["thank", "thank you"]);
        assert_eq!(
            words(&lex, "明けましておめでとうございます"),
            ["happi new year"]
        );
        assert_eq!(
            words(&lex, "あけましておめでとうございます"),
            ["happi new year"]
        );
        assert_eq!(words(&lex, "新年"), ["new", "year"]);
        let phrase = lex.phrase_id(&["Happy", "New", "Year"]).unwrap();
        assert_eq!(lex.en_word(phrase).as_deref(), Some("happi new year"));
        assert_eq!(lex.phrase_id(&["new", "year"]), None);
        assert!(lex.matches(
            "あけましておめでとうございます",
            &lex.en_ids("Happy New Year!")
        ));
        assert!(!lex.matches("あけましておめでとうございます", &lex.en_ids("A new year.")));
        // Expressions are flagged; other words are not.
        let thanks = lex.expression("ありがとう").unwrap();
        assert_eq!(thanks.translations, lex.translations("ありがとう"));
        assert_eq!((thanks.tokens, thanks.supplement), (1, false));
        assert_eq!(lex.expression("新年"), None);
        assert!(!lex.translations("新年").is_empty());
    }

    #[test]
    fn the_longest_expression_over_tokens() {
        let lex = Lexicon::embedded();
        let run = [
            ("よろしく", "よろしく"),
            ("お願い", "お願い"),
            ("し", "する"),
            ("ます", "ます"),
            ("。", "。"),
        ];
        let all = |_: &Expression| true;
        let e = lex.longest_expression(&run, all).unwrap();
        assert_eq!(e.tokens, 4);
        assert_eq!(e.translations, lex.translations("よろしくお願いします"));
        assert!(e.supplement);
        let thanks = [
            ("ありがとう", "ありがとう"),
            ("ござい", "ござる"),
            ("ます", "ます"),
        ];
        assert_eq!(lex.longest_expression(&thanks, all).unwrap().tokens, 3);
        // Refused, and no shorter one.
        assert_eq!(lex.longest_expression(&thanks, |e| !e.supplement), None);
        // A single token, or a run that is no set phrase, is not one.
        assert_eq!(lex.longest_expression(&thanks[..1], all), None);
        let news = [("政府", "政府"), ("は", "は"), ("発表", "発表")];
        assert_eq!(lex.longest_expression(&news, all), None);
        assert_eq!(lex.longest_expression(&[], all), None);
    }

    #[test]
    fn the_supplement_adds_chat_shorthand_to_every_lexicon() {
        let supplement = "\
# a comment
ありがとう;ｗ;（笑）\tty/thx/thank you\tchat shorthand, written by the project
";
        let lex = compiled("新年 [しんねん] /(n) new year/(P)/\n", "", supplement);
        assert_eq!(words(&lex, "ありがとう"), ["thank you", "thx", "ty"]);
        assert_eq!(words(&lex, "w"), words(&lex, "ありがとう"));
        assert_eq!(words(&lex, "(笑)"), words(&lex, "ありがとう"));
        let laugh = lex.expression("（笑）").unwrap();
        assert_eq!(laugh.translations, lex.translations("ありがとう"));
        assert!(laugh.supplement);
        assert!(lex.matches("ありがとう", &lex.en_ids("ty!")));
        // The built-in supplement is in the embedded lexicon and in a user's.
        let user = Lexicon::from_edict_str(SAMPLE).unwrap();
        for lex in [Lexicon::embedded(), &user] {
            for (ja, en) in [
                ("ありがとう", "thx"),
                ("ありがとう", "ty"),
                ("ｗｗｗ", "lol"),
                ("（笑）", "lmao"),
                ("ちなみに", "btw"),
            ] {
                assert!(lex.matches(ja, &lex.en_ids(en)), "{ja} {en}");
                assert!(lex.expression(ja).is_some_and(|e| e.supplement), "{ja}");
            }
        }
        // The supplement alone is no EDICT file.
        assert!(matches!(
            Lexicon::from_edict_str("# nothing\n"),
            Err(Error::Lexicon {
                problem: LexiconProblem::NoEntries,
                ..
            })
        ));
    }

    #[test]
    fn bad_supplement_lines_are_errors() {
        for (supplement, expected) in [
            ("ありがとう\tty\n", "supplement line 1: expected"),
            ("# c\nありがとう\tty\t \n", "supplement line 2: no source"),
            ("ありがとう\tty//thx\tsrc\n", "empty gloss"),
            ("(笑)\tlol\tsrc\n", "`(`"),
            ("あり がとう\tty\tsrc\n", "white space"),
        ] {
            match compile::compile("新年 [しんねん] /(n) new year/\n", "", supplement) {
                Err(err) => assert!(err.to_string().contains(expected), "{err}"),
                Ok(_) => panic!("{supplement:?} was accepted"),
            }
        }
        // The project's own supplement is valid.
        assert!(compile::supplement_to_edict(SUPPLEMENT).is_ok());
    }

    #[test]
    fn truncated_postings_do_not_panic() {
        let mut lex = Lexicon::from_edict_str(SAMPLE).unwrap();
        lex.postings = Cow::Owned(lex.postings[..3].to_vec());
        for ja in ["住む", "発表", "ニュース", "わかる"] {
            assert!(lex.translations(ja).len() <= 3);
        }
    }

    #[test]
    fn embedded_postings_are_used_in_place() {
        let lex = Lexicon::embedded();
        assert_eq!(
            matches!(lex.postings, Cow::Borrowed(_)),
            cfg!(target_endian = "little")
        );
        let bytes: Vec<u8> = [1u32, 70_000]
            .iter()
            .flat_map(|i| i.to_le_bytes())
            .collect();
        assert_eq!(*postings_from_le_bytes(&bytes), [1, 70_000]);
        assert_eq!(*postings_from_le_bytes(&bytes[1..]), [0x7000_0000]);
    }
}
