//! Writing alignments in the formats pipelines read. Every writer takes the same
//! [`Aligned`] view of a document pair; one module a format.

mod beads;
mod csv;
mod jsonl;
mod tsv;

use std::io::Write;

use crate::align::{Alignment, Bead};
use crate::segment::Document;

/// An aligned document pair: the beads and the documents their ids point into.
pub struct Aligned<'a> {
    pub en: &'a Document,
    pub ja: &'a Document,
    pub alignment: &'a Alignment,
}

impl Aligned<'_> {
    /// Texts of a bead's English sentences joined by a space, Japanese ones by nothing.
    pub fn en_text(&self, bead: &Bead) -> String {
        join(self.en, bead.en.clone(), " ")
    }

    pub fn ja_text(&self, bead: &Bead) -> String {
        join(self.ja, bead.ja.clone(), "")
    }
}

fn join(doc: &Document, ids: std::ops::Range<usize>, sep: &str) -> String {
    ids.map(|i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Output formats of `hashi align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `en_ids,ja_ids,en,ja,score,kind`, one bead a row, with a header.
    Csv,
    /// One JSON object a bead with sentences, ids, spans and paragraphs.
    Jsonl,
    /// `en<TAB>ja`, pairs only.
    Tsv,
    /// Vecalign's `[0,1]:[2]` lines.
    Beads,
}

/// What a writer is told besides the alignment.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Pair-only formats leave out pairs scoring below this.
    pub min_score: Option<f32>,
}

/// Writes one document pair's alignment.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    aligned: &Aligned<'_>,
    options: &Options,
) -> std::io::Result<()> {
    match format {
        Format::Csv => csv::write(out, aligned, options),
        Format::Jsonl => jsonl::write(out, aligned, options),
        Format::Tsv => tsv::write(out, aligned, options),
        Format::Beads => beads::write(out, aligned),
    }
}

fn ids(range: std::ops::Range<usize>, sep: &str) -> String {
    range.map(|i| i.to_string()).collect::<Vec<_>>().join(sep)
}
