//! The invariants the fuzz targets check. Every check panics with a message on failure, so
//! libFuzzer records the input as a crash.
//!
//! This file depends on nothing but `hashi` and std: `tests/fuzz_regressions.rs` at the
//! repository root includes it with `#[path]` to replay saved inputs under `cargo test`.

use hashi::segment::{japanese, Document, Lang};
use hashi::tokenizer::JapaneseTokenizer;
use hashi::Aligner;

/// The byte that splits an `align` input into its English and Japanese halves. It never
/// occurs in UTF-8, so a valid-UTF-8 seed is unaffected by it.
pub const ALIGN_MARKER: u8 = 0xFF;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Checks the sentences of `doc`: ordered, disjoint, on char boundaries, trimmed, non-empty,
/// within one line, paragraphs numbered 0, 1, 2... in order, and nothing but white space
/// (BOM included) outside them.
pub fn check_document(doc: &Document) {
    let text = &doc.text;
    let mut prev_end = 0;
    let mut prev_paragraph = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        let span = s.span.clone();
        assert!(
            span.start < span.end,
            "sentence {i} empty or reversed: {span:?}"
        );
        assert!(
            span.end <= text.len(),
            "sentence {i} {span:?} past the end {}",
            text.len()
        );
        assert!(
            span.start >= prev_end,
            "sentence {i} {span:?} overlaps or precedes the previous one (end {prev_end})"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "sentence {i} {span:?} not on char boundaries"
        );
        let gap = &text[prev_end..span.start];
        assert!(
            gap.chars().all(is_space),
            "non-space text {gap:?} between sentences {} and {i}",
            i as isize - 1
        );
        let sentence = &text[span.clone()];
        assert!(
            !sentence.starts_with(is_space) && !sentence.ends_with(is_space),
            "sentence {i} {sentence:?} not trimmed"
        );
        assert!(
            !sentence.contains('\n'),
            "sentence {i} {sentence:?} spans lines"
        );
        if i == 0 {
            assert_eq!(s.paragraph, 0, "first sentence not in paragraph 0");
        } else {
            assert!(
                s.paragraph == prev_paragraph || s.paragraph == prev_paragraph + 1,
                "sentence {i} paragraph {} after {prev_paragraph}",
                s.paragraph
            );
            if s.paragraph == prev_paragraph + 1 {
                let between = &text[prev_end..span.start];
                assert!(
                    between.matches('\n').count() >= 2,
                    "paragraph break without a blank line before sentence {i}"
                );
            }
        }
        prev_end = span.end;
        prev_paragraph = s.paragraph;
    }
    let tail = &text[prev_end..];
    assert!(
        tail.chars().all(is_space),
        "non-space text {tail:?} after the last sentence"
    );
}

/// The bytes as text, invalid UTF-8 replaced by U+FFFD (`hashi::input` rejects such files,
/// but the library must survive whatever text it is handed).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Segments `text` both ways (running text and one sentence a line) and checks both.
pub fn check_segment(lang: Lang, text: &str) -> (Document, Document) {
    let doc = Document::segment(lang, text.to_owned());
    check_document(&doc);
    let pre = Document::presegmented(lang, text.to_owned());
    check_document(&pre);
    let lines = text
        .split('\n')
        .filter(|l| !l.trim_end_matches('\r').chars().all(is_space))
        .count();
    assert_eq!(
        pre.len(),
        lines,
        "presegmented: not one sentence a non-blank line"
    );
    // Segmenting never joins lines, so running text has at least as many sentences.
    assert!(
        doc.len() >= pre.len(),
        "segment gave fewer sentences than lines"
    );
    (doc, pre)
}

/// Tokenizes every sentence of `doc` and checks that the token spans are non-empty, on char
/// boundaries and cover the sentence contiguously.
pub fn check_tokens(tokenizer: &JapaneseTokenizer, doc: &Document) {
    for (i, s) in doc.sentences.iter().enumerate() {
        let tokens = japanese::sentence_tokens(tokenizer, &doc.text, s.span.clone());
        let mut at = s.span.start;
        for (k, t) in tokens.iter().enumerate() {
            assert_eq!(t.span.start, at, "sentence {i} token {k}: gap or overlap");
            assert!(t.span.start < t.span.end, "sentence {i} token {k} empty");
            assert!(
                doc.text.is_char_boundary(t.span.start) && doc.text.is_char_boundary(t.span.end),
                "sentence {i} token {k} {:?} not on char boundaries",
                t.span
            );
            at = t.span.end;
        }
        assert_eq!(at, s.span.end, "sentence {i}: tokens do not reach its end");
    }
}

/// The whole `segment_en` target.
pub fn segment_en(data: &[u8]) {
    check_segment(Lang::En, &text(data));
}

/// The whole `segment_ja` target.
pub fn segment_ja(data: &[u8]) {
    let (doc, pre) = check_segment(Lang::Ja, &text(data));
    let tokenizer = hashi::tokenizer::shared();
    check_tokens(tokenizer, &doc);
    check_tokens(tokenizer, &pre);
}

/// English before the first [`ALIGN_MARKER`], Japanese after it: both segmented.
fn documents(data: &[u8]) -> (Document, Document) {
    let (en, ja) = match data.iter().position(|&b| b == ALIGN_MARKER) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &data[data.len()..]),
    };
    (
        Document::segment(Lang::En, text(en)),
        Document::segment(Lang::Ja, text(ja)),
    )
}

/// The whole `align` target.
pub fn align(data: &[u8]) {
    let (en, ja) = documents(data);
    let aligner = Aligner::builder().build().unwrap();
    let alignment = aligner.alignment(&en, &ja);
    assert!(
        alignment.covers(en.len(), ja.len()),
        "alignment does not cover {} x {}: {:?}",
        en.len(),
        ja.len(),
        alignment.beads
    );
    for bead in &alignment.beads {
        assert!(
            (0.0..=1.0).contains(&bead.score),
            "bead {bead:?}: score out of [0, 1]"
        );
        assert!(
            bead.en.len() <= 3 && bead.ja.len() <= 3,
            "bead {bead:?}: a side longer than 3"
        );
    }
}

/// `hashi check` on any pair: no panic, every finding names sentences of one bead of the
/// alignment it reports, omissions and additions name one side only, and says why.
pub fn check(data: &[u8]) {
    let (en, ja) = documents(data);
    let aligner = Aligner::builder().build().unwrap();
    let report = hashi::check::check(&en, &ja, &aligner);
    assert!(report.alignment.covers(en.len(), ja.len()));
    for f in &report.findings {
        let bead = &report.alignment.beads[f.bead];
        assert_eq!(f.en_ids, bead.en.clone().collect::<Vec<_>>(), "{f:?}");
        assert_eq!(f.ja_ids, bead.ja.clone().collect::<Vec<_>>(), "{f:?}");
        assert!(!f.detail.is_empty(), "{f:?}");
        match f.kind {
            hashi::check::FindingKind::Omission => assert!(f.en_ids.is_empty()),
            hashi::check::FindingKind::Addition => assert!(f.ja_ids.is_empty()),
            _ => assert!(!f.en_ids.is_empty() && !f.ja_ids.is_empty(), "{f:?}"),
        }
    }
}
