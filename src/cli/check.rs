//! `hashi check EN_FILE JA_FILE`: align an English article with its Japanese original and
//! report what the English left out, added or changed (numbers, dates, names, length).

use std::collections::HashSet;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use hashi::check::{self, render, FindingKind};
use hashi::export::Options;
use hashi::review::{self, Mode, Page};

use super::{output, PairArgs, ParamsArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: PairArgs,
    /// text: one block a finding, readable (coloured on a terminal); json: {"verdict": {...},
    /// "findings": [...]}.
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Also write a self-contained HTML page with both texts side by side, bead by bead,
    /// findings highlighted (written atomically): `hashi review`'s page, read-only.
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
    match s.trim().parse::<usize>() {
        // Every run has at least no findings: 0 would fail them all.
        Ok(0) => return Err("expected finding kinds or a number of at least 1".to_string()),
        Ok(n) => return Ok(FailOn::AtLeast(n)),
        Err(_) => {}
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
    let texts = args.pair.read()?;
    let mut aligner = args
        .pair
        .aligner(&args.pair.resources.load()?)?
        .for_checking();
    args.tuning.apply(&mut aligner)?;
    let (en, ja) = args.pair.segment(texts, &aligner)?;
    let report = check::check(&en, &ja, &aligner);
    args.pair.accept(&report.alignment)?;

    if let Some(path) = &args.html {
        // The review page in its read-only mode: one page design for reading and correcting.
        let name = args.pair.names();
        output::write_atomically(Some(path), |out| {
            review::write(
                out,
                &Page {
                    en: &en,
                    ja: &ja,
                    alignment: &report.alignment,
                    findings: &report.findings,
                    name: &name,
                    mode: Mode::ReadOnly,
                    options: &Options::default(),
                },
            )
        })?;
    }
    let colour = args.format == CheckFormat::Text && io::stdout().is_terminal();
    output::write_atomically(None, |out| match args.format {
        CheckFormat::Text => render::text(out, &en, &ja, &report, colour),
        CheckFormat::Json => render::json(out, &en, &ja, &report),
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
