//! TSV: `en<TAB>ja`, pairs only (what most MT training pipelines read). A tab inside a
//! sentence would break the columns, so it is written as a space: the one change to the
//! text this format makes.

use std::io::Write;

use super::{Aligned, Options};

pub fn write(out: &mut dyn Write, aligned: &Aligned<'_>, options: &Options) -> std::io::Result<()> {
    for bead in &aligned.alignment.beads {
        if !bead.is_pair() || options.min_score.is_some_and(|m| bead.score < m) {
            continue;
        }
        let en = aligned.en_text(bead).replace('\t', " ");
        let ja = aligned.ja_text(bead).replace('\t', " ");
        writeln!(out, "{en}\t{ja}")?;
    }
    Ok(())
}
