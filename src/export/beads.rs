//! Vecalign's bead lines, `[0,1]:[2]`, every bead including unmatched sentences (`[3]:[]`).
//! The format has no room for a document id or a score.

use std::io::Write;

use super::{ids, Aligned};

pub fn document(out: &mut dyn Write, aligned: &Aligned<'_>) -> std::io::Result<()> {
    for bead in &aligned.alignment.beads {
        writeln!(
            out,
            "[{}]:[{}]",
            ids(bead.en.clone(), ","),
            ids(bead.ja.clone(), ",")
        )?;
    }
    Ok(())
}
