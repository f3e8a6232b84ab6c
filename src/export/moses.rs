//! Moses plain text: two files, one sentence (group) a line, line N of the English file
//! translating line N of the Japanese one; pairs only. Everything hangs on the line count,
//! so a line break inside a text is written as a space. The segmenters split at line ends,
//! so this should never happen, but it costs nothing to guard: `\n` and `\r`, and also the
//! other characters Python's `str.splitlines` breaks at (VT, FF, FS, GS, RS, NEL, U+2028,
//! U+2029), since Python scripts are the usual readers of these files. That is the only
//! change this format makes to the text.

use std::io::Write;

use super::{Aligned, Options};

fn one_line(text: &str) -> String {
    text.replace(
        [
            '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
            '\u{2029}',
        ],
        " ",
    )
}

pub fn document(
    en: &mut dyn Write,
    ja: &mut dyn Write,
    aligned: &Aligned<'_>,
    options: &Options,
) -> std::io::Result<()> {
    for bead in aligned.pairs(options) {
        writeln!(en, "{}", one_line(&aligned.en_text(bead)))?;
        writeln!(ja, "{}", one_line(&aligned.ja_text(bead)))?;
    }
    Ok(())
}
