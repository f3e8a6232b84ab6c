//! JSONL: one bead a line, with each side's sentences, ids, byte spans and paragraphs, so
//! that paragraph boundaries and the input positions stay recoverable. `doc_id` leads the
//! object when the document has one.

use std::io::Write;

use serde::Serialize;

use super::{round_score, Aligned, Options};
use crate::segment::Document;

#[derive(Serialize)]
struct Record<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_id: Option<&'a str>,
    en: Vec<&'a str>,
    ja: Vec<&'a str>,
    en_ids: Vec<usize>,
    ja_ids: Vec<usize>,
    en_spans: Vec<[usize; 2]>,
    ja_spans: Vec<[usize; 2]>,
    en_paragraphs: Vec<usize>,
    ja_paragraphs: Vec<usize>,
    score: f64,
    kind: String,
}

/// One side of a bead, column by column.
struct SideColumns<'a> {
    texts: Vec<&'a str>,
    ids: Vec<usize>,
    spans: Vec<[usize; 2]>,
    paragraphs: Vec<usize>,
}

fn side(doc: &Document, ids: std::ops::Range<usize>) -> SideColumns<'_> {
    let sentences = &doc.sentences[ids.clone()];
    SideColumns {
        texts: sentences.iter().map(|s| s.text(&doc.text)).collect(),
        ids: ids.collect(),
        spans: sentences
            .iter()
            .map(|s| [s.span.start, s.span.end])
            .collect(),
        paragraphs: sentences.iter().map(|s| s.paragraph).collect(),
    }
}

pub fn document(
    out: &mut dyn Write,
    aligned: &Aligned<'_>,
    options: &Options,
) -> std::io::Result<()> {
    for bead in &aligned.alignment.beads {
        if bead.is_pair() && options.below_min(bead) {
            continue;
        }
        let en = side(aligned.en, bead.en.clone());
        let ja = side(aligned.ja, bead.ja.clone());
        let record = Record {
            doc_id: aligned.doc_id,
            en: en.texts,
            ja: ja.texts,
            en_ids: en.ids,
            ja_ids: ja.ids,
            en_spans: en.spans,
            ja_spans: ja.spans,
            en_paragraphs: en.paragraphs,
            ja_paragraphs: ja.paragraphs,
            score: round_score(bead.score),
            kind: bead.kind(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
