//! The `check` report as one self-contained HTML page (no script, no external file): a
//! table with a row a bead, in document order, and the findings of each bead beside it.
//!
//! The page's whole design is here, so that a page built on it (an interactive review) has
//! one place to start from:
//!
//! - `<table>` with columns `en` (English sentence ids), `English`, `ja`, `Japanese`,
//!   `findings`; ids are 0-based, `-` for a side with no sentence;
//! - each `<tr>` has the names of its findings' kinds as classes (`omission`, `addition`,
//!   `number`, `date`, `name`, `length`), which [`CSS`] colours; a bead without finding has
//!   no class;
//! - the text cells carry `lang="en"` / `lang="ja"` (fonts and line breaking follow it), the
//!   id cells `class="id"`, the findings cell `class="detail"` with one `<div>` a finding:
//!   `<b>kind</b> detail`.
//!
//! Texts are escaped by [`crate::escape::html`]: shown exactly as they are.

use std::io::{self, Write};

use super::{ids, joined, Finding, Report};
use crate::escape;
use crate::segment::Document;

/// The page's style sheet: a fixed-layout table, the text columns wide, rows coloured by
/// the kind of their findings (reds for omissions and additions, yellow for numbers and
/// dates, cyan for names, blue for length).
pub const CSS: &str = "body{font-family:sans-serif;margin:1.5em}\
table{border-collapse:collapse;width:100%;table-layout:fixed}th:nth-child(2),th:nth-child(4){width:38%}th:nth-child(1),th:nth-child(3){width:3.5em}\
td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}\
td.id{color:#777;white-space:nowrap;font-size:.85em}\
.detail{font-size:.85em;color:#333}\
.detail b{text-transform:uppercase;font-size:.8em}\
tr.omission{background:#fdd}tr.addition{background:#fde}\
tr.number,tr.date{background:#ffd}tr.name{background:#dff}tr.length{background:#def}";

/// Writes the whole page for `report`, whose sentence ids point into `en` and `ja`.
pub fn page(out: &mut dyn Write, en: &Document, ja: &Document, report: &Report) -> io::Result<()> {
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
            escape::html(&joined(en, &en_ids, " ")),
            ids(&ja_ids),
            escape::html(&joined(ja, &ja_ids, "")),
        )?;
        for f in findings {
            write!(
                out,
                "<div><b>{}</b> {}</div>",
                f.kind,
                escape::html(&f.detail)
            )?;
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</tbody></table></body></html>")
}
