//! TSV: `en<TAB>ja`, pairs only (what most MT training pipelines read). A tab inside a
//! sentence would break the columns and a line end (`\n` or `\r`, which pandas and most
//! readers also take for one) the rows, so each is written as a space: the one change to
//! the text this format makes, besides `--spreadsheet-safe`'s `'` before a cell that starts
//! like a formula. (Segmenting ends sentences at every line end, so only a text given
//! otherwise can hold one.)

use std::io::Write;

use super::{spreadsheet_safe, Aligned, Options};

pub fn document(
    out: &mut dyn Write,
    aligned: &Aligned<'_>,
    options: &Options,
) -> std::io::Result<()> {
    let cell = |text: String| -> String {
        let text = text.replace(['\t', '\n', '\r'], " ");
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
