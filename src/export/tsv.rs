//! TSV: `en<TAB>ja`, pairs only (what most MT training pipelines read). A tab inside a
//! sentence would break the columns, so it is written as a space: the one change to the
//! text this format makes, besides `--spreadsheet-safe`'s `'` before a cell that starts
//! like a formula.

use std::io::Write;

use super::{spreadsheet_safe, Aligned, Options};

pub fn document(
    out: &mut dyn Write,
    aligned: &Aligned<'_>,
    options: &Options,
) -> std::io::Result<()> {
    let cell = |text: String| -> String {
        let text = text.replace('\t', " ");
        if options.spreadsheet_safe {
            spreadsheet_safe(&text).into_owned()
        } else {
            text
        }
    };
    for bead in aligned.pairs(options) {
        let en = cell(aligned.en_text(bead));
        let ja = cell(aligned.ja_text(bead));
        writeln!(out, "{en}\t{ja}")?;
    }
    Ok(())
}
