//! JSONL: one bead a line, with each side's sentences, ids, byte spans and paragraphs, so
//! that paragraph boundaries and the input positions stay recoverable.

use std::io::Write;

use serde::Serialize;

use super::{Aligned, Options};
use crate::segment::Document;

#[derive(Serialize)]
struct Record<'a> {
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

fn side(
    doc: &Document,
    ids: std::ops::Range<usize>,
) -> (Vec<&str>, Vec<usize>, Vec<[usize; 2]>, Vec<usize>) {
    let texts = ids.clone().map(|i| doc.sentence_text(i)).collect();
    let spans = ids
        .clone()
        .map(|i| [doc.sentences[i].span.start, doc.sentences[i].span.end])
        .collect();
    let paragraphs = ids.clone().map(|i| doc.sentences[i].paragraph).collect();
    (texts, ids.collect(), spans, paragraphs)
}

pub fn write(out: &mut dyn Write, aligned: &Aligned<'_>, options: &Options) -> std::io::Result<()> {
    for bead in &aligned.alignment.beads {
        if bead.is_pair() && options.min_score.is_some_and(|m| bead.score < m) {
            continue;
        }
        let (en, en_ids, en_spans, en_paragraphs) = side(aligned.en, bead.en.clone());
        let (ja, ja_ids, ja_spans, ja_paragraphs) = side(aligned.ja, bead.ja.clone());
        let record = Record {
            en,
            ja,
            en_ids,
            ja_ids,
            en_spans,
            ja_spans,
            en_paragraphs,
            ja_paragraphs,
            score: (bead.score as f64 * 1e4).round() / 1e4,
            kind: bead.kind(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
