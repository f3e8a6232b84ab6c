//! Hugging Face `datasets` JSONL: `{"translation": {"en": "...", "ja": "..."}, "score": ..}`
//! a pair, pairs only: the shape `load_dataset("json", ...)` turns into a `Translation`
//! column that the translation examples and trainers read as they are. The keys inside
//! `translation` are always `en` and `ja` (the names those scripts are given as
//! `--source_lang`/`--target_lang`), whatever `--en-lang`/`--ja-lang` say. `doc_id` is
//! added beside `score` when the document has one.

use std::io::Write;

use serde::Serialize;

use super::{round_score, Aligned, Options};

#[derive(Serialize)]
struct Translation<'a> {
    en: &'a str,
    ja: &'a str,
}

#[derive(Serialize)]
struct Record<'a> {
    translation: Translation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_id: Option<&'a str>,
    score: f64,
}

pub fn document(
    out: &mut dyn Write,
    aligned: &Aligned<'_>,
    options: &Options,
) -> std::io::Result<()> {
    for bead in aligned.pairs(options) {
        let (en, ja) = (aligned.en_text(bead), aligned.ja_text(bead));
        let record = Record {
            translation: Translation { en: &en, ja: &ja },
            doc_id: aligned.doc_id,
            score: round_score(bead.score),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
