//! Parallel CSV: the default output, every bead a row (unmatched sentences included).
//! `doc_id` leads the row only when the documents have ids, so that single-document output
//! keeps the `en_ids,ja_ids,en,ja,score,kind` header scripts already read.

use std::io::{self, Write};

use super::{ids, spreadsheet_safe, Aligned, Options};

const HEADER: [&str; 6] = ["en_ids", "ja_ids", "en", "ja", "score", "kind"];

pub fn header(out: &mut dyn Write, with_doc_id: bool) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let doc_id = with_doc_id.then_some("doc_id");
    w.write_record(doc_id.iter().copied().chain(HEADER))
        .map_err(io_error)?;
    w.flush()
}

pub fn document(
    out: &mut dyn Write,
    aligned: &Aligned<'_>,
    options: &Options,
    with_doc_id: bool,
) -> io::Result<()> {
    let cell = |text: &str| -> String {
        if options.spreadsheet_safe {
            spreadsheet_safe(text).into_owned()
        } else {
            text.to_string()
        }
    };
    let doc_id = with_doc_id.then(|| cell(aligned.doc_id.unwrap_or("")));
    let mut w = csv::Writer::from_writer(out);
    for bead in &aligned.alignment.beads {
        if bead.is_pair() && options.below_min(bead) {
            continue;
        }
        let row = [
            ids(bead.en.clone(), ";"),
            ids(bead.ja.clone(), ";"),
            cell(&aligned.en_text(bead)),
            cell(&aligned.ja_text(bead)),
            format!("{:.4}", bead.score),
            bead.kind(),
        ];
        w.write_record(doc_id.iter().chain(&row))
            .map_err(io_error)?;
    }
    w.flush()
}

/// The `io::Error` behind a csv error, as it was: `csv::Error`'s own conversion wraps it in
/// one of kind `Other`, which would hide a closed pipe (`BrokenPipe`) from the caller.
fn io_error(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}
