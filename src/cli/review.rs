//! `hashi review EN_FILE JA_FILE -o review.html`: align an article pair and write a page on
//! which a person corrects the alignment in the browser and exports it (CSV, TMX, beads).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use hashi::check;
use hashi::review::{self, Mode, Page};

use super::{output, PairArgs, ParamsArgs, TmxArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: PairArgs,
    /// The page to write (atomically): one self-contained HTML file.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// The document's name on the page and in the names of exported files (default: the two
    /// file names).
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    #[command(flatten)]
    tmx: TmxArgs,
    #[command(flatten)]
    tuning: ParamsArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let texts = args.pair.read()?;
    let resources = args.pair.resources.load()?;
    let mut aligner = args.pair.aligner(&resources)?;
    args.tuning.apply(&mut aligner)?;
    let (en, ja) = args.pair.segment(texts, &aligner)?;
    // The rows are align's; the findings are check's, found on its own alignment and shown
    // on the rows holding their sentences.
    let alignment = aligner.alignment(&en, &ja);
    args.pair.accept(&alignment)?;
    let mut checker = args.pair.aligner(&resources)?.for_checking();
    args.tuning.apply(&mut checker)?;
    let report = check::check(&en, &ja, &checker);
    let name = args.name.unwrap_or_else(|| args.pair.names());
    let options = args.tmx.options();
    output::write_atomically(Some(&args.output), |out| {
        review::write(
            out,
            &Page {
                en: &en,
                ja: &ja,
                alignment: &alignment,
                findings: &report.findings,
                name: &name,
                mode: Mode::Review,
                options: &options,
            },
        )
    })?;
    Ok(ExitCode::SUCCESS)
}
