//! Parallel CSV: the default output, every bead a row (unmatched sentences included).

use std::io::Write;

use super::{ids, Aligned, Options};

#[derive(serde::Serialize)]
struct Row<'a> {
    en_ids: String,
    ja_ids: String,
    en: &'a str,
    ja: &'a str,
    score: String,
    kind: String,
}

pub fn write(out: &mut dyn Write, aligned: &Aligned<'_>, options: &Options) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for bead in &aligned.alignment.beads {
        if bead.is_pair() && options.min_score.is_some_and(|m| bead.score < m) {
            continue;
        }
        let en = aligned.en_text(bead);
        let ja = aligned.ja_text(bead);
        w.serialize(Row {
            en_ids: ids(bead.en.clone(), ";"),
            ja_ids: ids(bead.ja.clone(), ";"),
            en: &en,
            ja: &ja,
            score: format!("{:.4}", bead.score),
            kind: bead.kind(),
        })?;
    }
    w.flush()
}
