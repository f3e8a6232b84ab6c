//! `hashi check EN_FILE JA_FILE`: align an English article with its Japanese original and
//! report what the English left out, added or changed (numbers, dates, names, length).

use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use hashi::check::{self, Finding, FindingKind, Report};
use hashi::segment::Document;

use super::{output, PairArgs, ParamsArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: PairArgs,
    /// text: one block a finding, readable (coloured on a terminal); json: {"findings": [...]}.
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Also write a self-contained HTML page with both texts side by side, bead by bead,
    /// findings highlighted (written atomically).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Exit with status 1 when a finding of these kinds exists (omission, addition, number,
    /// date, name, length; comma-separated), or, given a number N, when there are at least N
    /// findings. Without it the status is 0 whatever is found; errors give 2.
    #[arg(long, value_name = "KIND[,KIND]|N", value_parser = fail_on)]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    tuning: ParamsArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Debug)]
enum FailOn {
    Kinds(HashSet<FindingKind>),
    AtLeast(usize),
}

fn fail_on(s: &str) -> Result<FailOn, String> {
    if let Ok(n) = s.trim().parse::<usize>() {
        return Ok(FailOn::AtLeast(n));
    }
    s.split(',')
        .filter(|k| !k.trim().is_empty())
        .map(|k| k.parse::<FindingKind>().map_err(|e| e.to_string()))
        .collect::<Result<HashSet<_>, _>>()
        .and_then(|kinds| {
            if kinds.is_empty() {
                Err("expected finding kinds or a number".to_string())
            } else {
                Ok(FailOn::Kinds(kinds))
            }
        })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (en, ja) = args.pair.read()?;
    let resources = args.pair.resources.load()?;
    let mut aligner = args.pair.aligner(&resources).for_checking();
    args.tuning.apply(&mut aligner.params)?;
    let report = check::check(&en, &ja, &aligner);

    if let Some(path) = &args.html {
        output::write_atomically(Some(path), |out| write_html(out, &en, &ja, &report))?;
    }
    let colour = args.format == CheckFormat::Text && io::stdout().is_terminal();
    output::write_atomically(None, |out| match args.format {
        CheckFormat::Text => write_text(out, &en, &ja, &report, colour),
        CheckFormat::Json => write_json(out, &en, &ja, &report),
    })?;
    let fail = match &args.fail_on {
        None => false,
        Some(FailOn::AtLeast(n)) => report.findings.len() >= *n,
        Some(FailOn::Kinds(kinds)) => report.findings.iter().any(|f| kinds.contains(&f.kind)),
    };
    Ok(if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn joined(doc: &Document, ids: &[usize], sep: &str) -> String {
    ids.iter()
        .filter(|&&i| i < doc.len())
        .map(|&i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(sep)
}

fn en_text(en: &Document, f: &Finding) -> String {
    joined(en, &f.en_ids, " ")
}

fn ja_text(ja: &Document, f: &Finding) -> String {
    joined(ja, &f.ja_ids, "")
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

/// ANSI colour of a kind on a terminal: red for what is missing, yellow for changes.
fn ansi(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Omission => "\x1b[1;31m",
        FindingKind::Addition => "\x1b[1;35m",
        FindingKind::Number | FindingKind::Date => "\x1b[1;33m",
        FindingKind::Name => "\x1b[1;36m",
        FindingKind::Length => "\x1b[1;34m",
    }
}

fn write_text(
    out: &mut dyn Write,
    en: &Document,
    ja: &Document,
    report: &Report,
    colour: bool,
) -> io::Result<()> {
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
        writeln!(out, "  en: {}", en_text(en, f))?;
        writeln!(out, "  ja: {}", ja_text(ja, f))?;
        writeln!(out, "  {}", f.detail)?;
    }
    writeln!(out)?;
    writeln!(out, "{} findings", report.findings.len())
}

#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    kind: FindingKind,
    en_ids: &'a [usize],
    ja_ids: &'a [usize],
    en: String,
    ja: String,
    detail: &'a str,
}

fn write_json(
    out: &mut dyn Write,
    en: &Document,
    ja: &Document,
    report: &Report,
) -> io::Result<()> {
    let findings: Vec<JsonFinding<'_>> = report
        .findings
        .iter()
        .map(|f| JsonFinding {
            kind: f.kind,
            en_ids: &f.en_ids,
            ja_ids: &f.ja_ids,
            en: en_text(en, f),
            ja: ja_text(ja, f),
            detail: &f.detail,
        })
        .collect();
    serde_json::to_writer(&mut *out, &serde_json::json!({ "findings": findings }))?;
    writeln!(out)
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
