//! Writing alignments in the formats pipelines read. Every writer takes the same
//! [`Aligned`] view of a document pair; one module a format.
//!
//! Two ways in:
//!
//! - [`write()`]: one document pair to one output, the whole file (header, rows, footer).
//! - [`Writer`]: one output fed many document pairs. Formats with a header or a footer (CSV's
//!   header row, TMX's `<header>` and closing tags) need them once per output, not once per
//!   document, so a writer is opened with [`Writer::begin`], given documents with
//!   [`Writer::document`], and closed with [`Writer::end`].
//!
//! Moses writes two files, one a language, so it is only available through
//! [`Writer::begin_pair`]; every other format writes one stream.
//!
//! Errors are [`std::io::Error`]s, because that is what the sinks return. The ones this
//! module raises itself (a format given the wrong number of outputs, a CSV doc id column
//! that appears after the header was written) are of kind `InvalidInput` and carry an
//! [`ExportError`], which `io::Error::get_ref` and `downcast_ref` recover.

mod beads;
mod csv;
mod hf;
mod jsonl;
mod moses;
mod tmx;
mod tsv;

use std::io::{self, Write};

use crate::align::{Alignment, Bead};
use crate::segment::{Document, Lang};

/// An aligned document pair: the beads and the documents their ids point into.
pub struct Aligned<'a> {
    /// The English document the beads' `en` ranges point into.
    pub en: &'a Document,
    /// The Japanese document the beads' `ja` ranges point into.
    pub ja: &'a Document,
    /// The beads to write.
    pub alignment: &'a Alignment,
    /// Which document pair this is when one output holds several (`hashi batch`); `None`
    /// for a single pair. Formats with room for it carry it: CSV as a leading `doc_id`
    /// column, JSONL and HF JSONL as a `"doc_id"` field, TMX as `<prop type="x-doc-id">`.
    pub doc_id: Option<&'a str>,
}

impl Aligned<'_> {
    /// Texts of a bead's English sentences joined by a space, Japanese ones by nothing.
    pub fn en_text(&self, bead: &Bead) -> String {
        join(self.en, bead.en.clone(), " ")
    }

    /// Texts of a bead's Japanese sentences joined by nothing, as Japanese writes them.
    pub fn ja_text(&self, bead: &Bead) -> String {
        join(self.ja, bead.ja.clone(), "")
    }

    /// The beads a pair-only format writes: pairs, without those below `min_score`.
    fn pairs<'s>(&'s self, options: &'s Options) -> impl Iterator<Item = &'s Bead> + 's {
        self.alignment
            .beads
            .iter()
            .filter(move |b| b.is_pair() && !options.below_min(b))
    }
}

fn join(doc: &Document, ids: std::ops::Range<usize>, sep: &str) -> String {
    ids.map(|i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The output formats, one for every way in (`hashi align`, `hashi batch`, resuming a
/// batch): what a format can do is asked of it ([`Format::writes_two_files`],
/// [`Format::resumable`] ...), never listed again elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `en_ids,ja_ids,en,ja,score,kind`, one bead a row, with a header; a leading `doc_id`
    /// column when the documents have ids.
    Csv,
    /// One JSON object a bead with sentences, ids, spans and paragraphs.
    Jsonl,
    /// `en<TAB>ja`, pairs only.
    Tsv,
    /// Vecalign's `[0,1]:[2]` lines.
    Beads,
    /// TMX 1.4b translation memory, pairs only.
    Tmx,
    /// Moses plain text: two files, line N of one translating line N of the other; pairs
    /// only. Needs two outputs ([`Writer::begin_pair`]).
    Moses,
    /// Hugging Face `datasets` translation JSONL, `{"translation": {"en": .., "ja": ..}}`
    /// a pair, with `score` (and `doc_id`) beside it; pairs only.
    HfJsonl,
}

impl Format {
    /// Every format, in the order a listing shows them.
    pub const ALL: [Format; 7] = [
        Format::Csv,
        Format::Jsonl,
        Format::Tsv,
        Format::Beads,
        Format::Tmx,
        Format::Moses,
        Format::HfJsonl,
    ];

    /// The format's name, as `--format` takes it: `csv`, `hf-jsonl` ...
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Tsv => "tsv",
            Format::Beads => "beads",
            Format::Tmx => "tmx",
            Format::Moses => "moses",
            Format::HfJsonl => "hf-jsonl",
        }
    }

    /// What the format writes, in a few words (for help texts).
    pub fn description(self) -> &'static str {
        match self {
            Format::Csv => {
                "every bead a row, unmatched sentences included (with a doc_id column in batch)"
            }
            Format::Jsonl => {
                "every bead a JSON line, with ids, spans, paragraphs, score (and doc_id)"
            }
            Format::Tsv => "en<TAB>ja pairs only",
            Format::Beads => "Vecalign's [0,1]:[2] bead lines",
            Format::Tmx => "TMX 1.4b translation memory, pairs only",
            Format::Moses => "PREFIX.en and PREFIX.ja, line N translating line N (needs -o PREFIX)",
            Format::HfJsonl => "Hugging Face datasets {\"translation\": {\"en\", \"ja\"}} lines",
        }
    }

    /// Whether it writes two files, one a language (Moses): through [`Writer::begin_pair`].
    pub fn writes_two_files(self) -> bool {
        self == Format::Moses
    }

    /// Whether it writes spreadsheet cells, which [`Options::spreadsheet_safe`] guards.
    pub fn has_cells(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv)
    }

    /// Whether [`Options::min_score`] applies: every format but Vecalign's beads, whose
    /// lines must cover both documents.
    pub fn honours_min_score(self) -> bool {
        self != Format::Beads
    }

    /// Whether every record carries its document id, so that an interrupted batch output
    /// can be read back and continued ([`crate::batch::resume`]): CSV and JSONL.
    pub fn resumable(self) -> bool {
        matches!(self, Format::Csv | Format::Jsonl)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a writer is told besides the alignment.
///
/// Build it with `Options { min_score: .., ..Default::default() }`: fields may be added.
#[derive(Debug, Clone)]
pub struct Options {
    /// Leave out pairs scoring below this (unmatched sentences, having no pair score to
    /// judge, stay in the formats that write them).
    pub min_score: Option<f32>,
    /// Language code of the English side where a format names languages (TMX `xml:lang`
    /// and `srclang`). "en" by default; CAT tools differ on whether they want "en-US".
    pub en_lang: String,
    /// Language code of the Japanese side, "ja" by default ("ja-JP" for some CAT tools).
    pub ja_lang: String,
    /// The source language a TMX header declares: English by default.
    pub srclang: Lang,
    /// CSV and TSV only: prefix `'` to a cell starting with `=`, `+`, `-`, `@`, tab or
    /// carriage return, so that a spreadsheet shows it as text instead of running it as a
    /// formula (OWASP's CSV injection advice). This changes the text: off by default.
    pub spreadsheet_safe: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            min_score: None,
            en_lang: "en".into(),
            ja_lang: "ja".into(),
            srclang: Lang::En,
            spreadsheet_safe: false,
        }
    }
}

impl Options {
    fn below_min(&self, bead: &Bead) -> bool {
        self.min_score.is_some_and(|m| bead.score < m)
    }

    fn lang_code(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en_lang,
            Lang::Ja => &self.ja_lang,
        }
    }
}

/// Failures of the export layer itself, carried inside `io::Error`s of kind `InvalidInput`.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The Moses format was asked to write to one output; it writes a file a language.
    #[error("the moses format writes two files, one a language: it needs two outputs")]
    NeedsTwoOutputs,
    /// A one-file format was given two outputs.
    #[error("the {0} format writes one output, not two")]
    NeedsOneOutput(Format),
    /// A CSV stream begun without a `doc_id` column was given a document with an id.
    #[error(
        "CSV: document {0:?} has an id, but the header written for the first document, \
         which had none, has no doc_id column"
    )]
    UnexpectedDocId(String),
}

impl From<ExportError> for io::Error {
    fn from(e: ExportError) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, e)
    }
}

/// Writes one document pair's alignment: the whole output, header and footer included.
/// (For Moses, which needs two outputs, this fails with [`ExportError::NeedsTwoOutputs`].)
pub fn write(
    out: &mut dyn Write,
    format: Format,
    aligned: &Aligned<'_>,
    options: &Options,
) -> io::Result<()> {
    let mut writer = Writer::begin(out, format, options)?;
    writer.document(aligned)?;
    writer.end()
}

/// Where a writer writes.
enum Outputs<'w> {
    One(&'w mut dyn Write),
    Pair {
        en: &'w mut dyn Write,
        ja: &'w mut dyn Write,
    },
}

/// An open output that takes any number of document pairs: [`Writer::begin`] writes what
/// comes once before them (CSV's header is the exception, see [`Writer::document`]),
/// [`Writer::document`] a pair's beads, [`Writer::end`] what comes once after them. A writer
/// dropped without `end` leaves an unfinished output (a TMX file without its closing
/// tags).
pub struct Writer<'w> {
    format: Format,
    options: Options,
    out: Outputs<'w>,
    /// CSV: whether the header has a doc_id column, decided by [`Writer::with_doc_ids`] or
    /// else by the first document.
    csv_doc_id: Option<bool>,
    /// CSV: whether the header is written.
    csv_header: bool,
}

impl<'w> Writer<'w> {
    /// Opens a one-stream output (every format but Moses) and writes its preamble.
    pub fn begin(out: &'w mut dyn Write, format: Format, options: &Options) -> io::Result<Self> {
        if format == Format::Moses {
            return Err(ExportError::NeedsTwoOutputs.into());
        }
        Writer::open(Outputs::One(out), format, options)
    }

    /// Opens a two-stream output, English and Japanese (Moses only).
    pub fn begin_pair(
        en: &'w mut dyn Write,
        ja: &'w mut dyn Write,
        format: Format,
        options: &Options,
    ) -> io::Result<Self> {
        if format != Format::Moses {
            return Err(ExportError::NeedsOneOutput(format).into());
        }
        Writer::open(Outputs::Pair { en, ja }, format, options)
    }

    fn open(mut out: Outputs<'w>, format: Format, options: &Options) -> io::Result<Self> {
        if let (Format::Tmx, Outputs::One(o)) = (format, &mut out) {
            tmx::begin(*o, options)?;
        }
        Ok(Writer {
            format,
            options: options.clone(),
            out,
            csv_doc_id: None,
            csv_header: false,
        })
    }

    /// Declares that the documents have ids (a batch), so that a CSV header has its doc_id
    /// column even when no document comes: an output's columns do not depend on whether any
    /// document was aligned. A document without an id then gets an empty doc_id cell.
    pub fn with_doc_ids(mut self) -> Self {
        self.csv_doc_id = Some(true);
        self
    }

    /// Writes one document pair's beads. CSV writes its header with the first document,
    /// with a doc_id column if [`Writer::with_doc_ids`] said so or that document has an id;
    /// later documents without an id get an empty doc_id cell, and a later document with an
    /// id when the header has no such column is an [`ExportError::UnexpectedDocId`].
    pub fn document(&mut self, aligned: &Aligned<'_>) -> io::Result<()> {
        let options = &self.options;
        match &mut self.out {
            Outputs::Pair { en, ja } => moses::document(*en, *ja, aligned, options),
            Outputs::One(out) => {
                let out: &mut dyn Write = *out;
                match self.format {
                    Format::Csv => {
                        let with_id = *self.csv_doc_id.get_or_insert(aligned.doc_id.is_some());
                        if !self.csv_header {
                            csv::header(out, with_id)?;
                            self.csv_header = true;
                        }
                        if let (false, Some(id)) = (with_id, aligned.doc_id) {
                            return Err(ExportError::UnexpectedDocId(id.to_string()).into());
                        }
                        csv::document(out, aligned, options, with_id)
                    }
                    Format::Jsonl => jsonl::document(out, aligned, options),
                    Format::Tsv => tsv::document(out, aligned, options),
                    Format::Beads => beads::document(out, aligned),
                    Format::Tmx => tmx::document(out, aligned, options),
                    Format::HfJsonl => hf::document(out, aligned, options),
                    // `begin` refuses Moses with one output.
                    Format::Moses => Err(ExportError::NeedsTwoOutputs.into()),
                }
            }
        }
    }

    /// Writes what closes the output (a CSV with no document still gets its header) and
    /// flushes. The sinks stay the caller's to sync or rename.
    pub fn end(mut self) -> io::Result<()> {
        match &mut self.out {
            Outputs::One(out) => {
                match self.format {
                    Format::Csv if !self.csv_header => {
                        csv::header(*out, self.csv_doc_id.unwrap_or(false))?
                    }
                    Format::Tmx => tmx::end(*out)?,
                    _ => {}
                }
                out.flush()
            }
            Outputs::Pair { en, ja } => {
                en.flush()?;
                ja.flush()
            }
        }
    }
}

fn ids(range: std::ops::Range<usize>, sep: &str) -> String {
    range.map(|i| i.to_string()).collect::<Vec<_>>().join(sep)
}

/// A bead's score as the text formats (JSONL, HF JSONL) and the Python binding give it:
/// rounded to four decimals, more than the model's precision.
///
/// ```
/// assert_eq!(hashi::export::round_score(0.123_456), 0.1235);
/// ```
pub fn round_score(score: f32) -> f64 {
    (score as f64 * 1e4).round() / 1e4
}

/// What `--spreadsheet-safe` escapes: a cell starting with one of these gets a leading `'`.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `--spreadsheet-safe`: a cell a spreadsheet would read as a formula gets a leading `'`.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The cell `--spreadsheet-safe` escaped as `cell`: the leading `'` it put before a cell
/// starting like a formula taken off (what reading back a batch output to resume it needs,
/// the ids being escaped too). Any other cell is returned as it is.
pub fn spreadsheet_unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// The header of a CSV batch output, line end included: what a batch's file starts with.
pub(crate) fn batch_csv_header() -> Vec<u8> {
    let mut header = Vec::new();
    csv::header(&mut header, true).expect("writing to memory does not fail");
    header
}
