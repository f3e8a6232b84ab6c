//! A check [`Report`] as people and programs read it: [`text`] (one block a finding, for a
//! terminal) and [`json`] (`{"findings": [...]}`, for scripts). The HTML page is the review
//! page's read-only mode ([`crate::review`]), so reading and correcting share one design.
//! Every renderer takes the documents the report's sentence ids point into and writes to any
//! [`Write`]; none knows where it goes.

use std::io::{self, Write};

use serde::Serialize;

use super::{Finding, FindingKind, Report};
use crate::segment::Document;

/// The findings, one block each: the kind and the sentence ids, both texts, the detail;
/// then their count (or `no findings`). With `colour`, the kind is set in an ANSI colour
/// (red for what is missing, yellow for changed values): for a terminal only.
pub fn text(
    out: &mut dyn Write,
    en: &Document,
    ja: &Document,
    report: &Report,
    colour: bool,
) -> io::Result<()> {
    // A pair translated whole needs no word on it; one that is not says so first, since it
    // is the finding that matters most.
    let verdict = &report.alignment.verdict;
    if verdict.kind != crate::align::verdict::Kind::Translation {
        writeln!(out, "verdict: {}\n", verdict.describe())?;
    }
    if report.findings.is_empty() {
        return writeln!(out, "no findings");
    }
    for (n, f) in report.findings.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let (on, off) = if colour {
            (ansi(f.kind), "\x1b[0m")
        } else {
            ("", "")
        };
        writeln!(
            out,
            "{on}{}{off}  en {}  ja {}",
            f.kind,
            ids(&f.en_ids),
            ids(&f.ja_ids)
        )?;
        writeln!(out, "  en: {}", f.en_text(en))?;
        writeln!(out, "  ja: {}", f.ja_text(ja))?;
        writeln!(out, "  {}", f.detail)?;
    }
    writeln!(out)?;
    let n = report.findings.len();
    writeln!(out, "{n} finding{}", if n == 1 { "" } else { "s" })
}

/// ANSI colour of a kind: red for what is missing, yellow for changes.
fn ansi(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Omission => "\x1b[1;31m",
        FindingKind::Addition => "\x1b[1;35m",
        FindingKind::Number | FindingKind::Date => "\x1b[1;33m",
        FindingKind::Name => "\x1b[1;36m",
        FindingKind::Length => "\x1b[1;34m",
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    kind: FindingKind,
    en_ids: &'a [usize],
    ja_ids: &'a [usize],
    en: String,
    ja: String,
    detail: &'a str,
}

/// `{"findings": [{"kind", "en_ids", "ja_ids", "en", "ja", "detail"}, ...]}` on one line:
/// each finding with the texts of its sentences (English joined by a space, Japanese by
/// nothing).
pub fn json(out: &mut dyn Write, en: &Document, ja: &Document, report: &Report) -> io::Result<()> {
    let findings: Vec<JsonFinding<'_>> = report
        .findings
        .iter()
        .map(|f: &Finding| JsonFinding {
            kind: f.kind,
            en_ids: &f.en_ids,
            ja_ids: &f.ja_ids,
            en: f.en_text(en),
            ja: f.ja_text(ja),
            detail: &f.detail,
        })
        .collect();
    let verdict = &report.alignment.verdict;
    serde_json::to_writer(
        &mut *out,
        &serde_json::json!({ "verdict": verdict, "findings": findings }),
    )?;
    writeln!(out)
}

/// Sentence ids as `0,1`, or `-` for none.
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
