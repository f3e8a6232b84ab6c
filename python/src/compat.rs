//! What the binding needs that today lives only in the CLI (src/cli/), which a library user
//! cannot call. Issue 12 moves each of these into the library; until that merge they are
//! here, one small function each, so that the merge replaces each body by a library call.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use hashi::check::{Finding, Report};
use hashi::export::Format;
use hashi::segment::{Document, Lang};

use crate::errors::Failure;

/// The export format a name chooses, named as `hashi align --format` names them.
// TODO(issue 12 merge): use the library's export-format enum (and its parsing), which
// replaces the CLI's AlignFormat/BatchFormat.
pub fn export_format(name: &str) -> Option<Format> {
    Some(match name.to_ascii_lowercase().replace('_', "-").as_str() {
        "csv" => Format::Csv,
        "jsonl" => Format::Jsonl,
        "tsv" => Format::Tsv,
        "beads" => Format::Beads,
        "tmx" => Format::Tmx,
        "moses" => Format::Moses,
        "hf-jsonl" => Format::HfJsonl,
        _ => return None,
    })
}

pub const EXPORT_FORMATS: &str = "csv, jsonl, tsv, beads, tmx, moses, hf-jsonl";

/// A score as the exports print it (JSONL, HF JSONL): rounded to four decimals.
// TODO(issue 12 merge): use the library's rounding if it exports one (export::score_4 is
// private today).
pub fn score_4(score: f32) -> f64 {
    (score as f64 * 1e4).round() / 1e4
}

/// Guesses the language of a text, as `hashi segment` does without `--lang`.
// TODO(issue 12 merge): use the library's language detection (src/cli/mod.rs detect_lang
// today).
pub fn detect_lang(text: &str) -> Lang {
    let (cjk, letters) = letter_counts(text);
    if cjk * 5 > letters {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// Japanese letters (kana, kanji) and all letters among the first 20,000 characters.
fn letter_counts(text: &str) -> (usize, usize) {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if c.is_alphabetic() {
            letters += 1;
            if matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff66}'..='\u{ff9f}')
            {
                cjk += 1;
            }
        }
    }
    (cjk, letters)
}

/// The checks `hashi align` and `hashi check` make on a document pair before aligning it: a
/// side in the other language (unless `force`) and a side with no sentence are errors.
// TODO(issue 12 merge): use the library's input validation (src/cli/mod.rs read_pair today).
pub fn validate_pair(en: &Document, ja: &Document, force: bool) -> Result<(), Failure> {
    for doc in [en, ja] {
        let (name, other) = match doc.lang {
            Lang::En => ("English", "Japanese"),
            Lang::Ja => ("Japanese", "English"),
        };
        if !force && letter_counts(&doc.text).1 > 0 && detect_lang(&doc.text) != doc.lang {
            return Err(Failure::input(
                "swapped_languages",
                format!(
                    "the {name} text looks {other}: are en and ja swapped? (force=True aligns \
                     anyway)"
                ),
            ));
        }
    }
    for doc in [en, ja] {
        if doc.is_empty() {
            let name = if doc.lang == Lang::En {
                "English"
            } else {
                "Japanese"
            };
            return Err(Failure::input(
                "empty_side",
                format!("the {name} text has no sentences: it is empty or blank"),
            ));
        }
    }
    Ok(())
}

/// Writes `path` through a temporary file beside it, renamed into place once complete, as
/// the CLI's `-o` does.
// TODO(issue 12 merge): use the library's atomic output if it gets one (src/cli/output.rs).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp: PathBuf = dir.join(format!(
        ".{}.{}.tmp",
        name.as_deref().unwrap_or("hashi-output"),
        std::process::id()
    ));
    let result = (|| {
        let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The texts of sentences `ids`, joined as the CLI's check output joins them.
pub fn joined(doc: &Document, ids: &[usize], sep: &str) -> String {
    ids.iter()
        .filter(|&&i| i < doc.len())
        .map(|&i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(sep)
}

/// `hashi check --html`'s page: both texts side by side, bead by bead, findings highlighted.
// TODO(issue 12 merge): use the library's check rendering (moving out of src/cli/check.rs);
// this is a copy of the CLI's write_html until then.
pub fn check_html(en: &Document, ja: &Document, report: &Report) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_html(&mut out, en, ja, report);
    String::from_utf8_lossy(&out).into_owned()
}

fn ids(ids: &[usize]) -> String {
    if ids.is_empty() {
        "-".to_string()
    } else {
        ids.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "body{font-family:sans-serif;margin:1.5em}\
table{border-collapse:collapse;width:100%;table-layout:fixed}th:nth-child(2),th:nth-child(4){width:38%}th:nth-child(1),th:nth-child(3){width:3.5em}\
td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}\
td.id{color:#777;white-space:nowrap;font-size:.85em}\
.detail{font-size:.85em;color:#333}\
.detail b{text-transform:uppercase;font-size:.8em}\
tr.omission{background:#fdd}tr.addition{background:#fde}\
tr.number,tr.date{background:#ffd}tr.name{background:#dff}tr.length{background:#def}";

fn write_html(
    out: &mut dyn Write,
    en: &Document,
    ja: &Document,
    report: &Report,
) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<title>hashi check</title><style>{CSS}</style></head><body>"
    )?;
    writeln!(
        out,
        "<h1>hashi check</h1><p>{} findings, {} beads.</p>",
        report.findings.len(),
        report.alignment.beads.len()
    )?;
    writeln!(
        out,
        "<table><thead><tr><th>en</th><th>English</th><th>ja</th><th>Japanese</th>\
         <th>findings</th></tr></thead><tbody>"
    )?;
    for (b, bead) in report.alignment.beads.iter().enumerate() {
        let findings: Vec<&Finding> = report.findings.iter().filter(|f| f.bead == b).collect();
        let mut classes: Vec<&str> = findings.iter().map(|f| f.kind.name()).collect();
        classes.dedup();
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let en_ids: Vec<usize> = bead.en.clone().collect();
        let ja_ids: Vec<usize> = bead.ja.clone().collect();
        write!(
            out,
            "<tr{class}><td class=\"id\">{}</td><td lang=\"en\">{}</td><td class=\"id\">{}</td>\
             <td lang=\"ja\">{}</td><td class=\"detail\">",
            ids(&en_ids),
            escape(&joined(en, &en_ids, " ")),
            ids(&ja_ids),
            escape(&joined(ja, &ja_ids, "")),
        )?;
        for f in findings {
            write!(out, "<div><b>{}</b> {}</div>", f.kind, escape(&f.detail))?;
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</tbody></table></body></html>")
}
