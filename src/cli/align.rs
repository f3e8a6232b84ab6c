//! `hashi align EN_FILE JA_FILE`: pair the sentences of an English article and its Japanese
//! original, and write the beads (parallel CSV by default).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use hashi::export::{self, Aligned};

use super::{output, ExportArgs, PairArgs, ParamsArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: PairArgs,
    /// Write to FILE instead of standard output: atomically (a temporary file renamed over
    /// FILE) when FILE is a regular file or new, through a symbolic link to its target, in
    /// place for a device or FIFO; another run writing FILE meanwhile is refused. With
    /// --format moses, a prefix: FILE.en and FILE.ja are written.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    export: ExportArgs,
    #[command(flatten)]
    tuning: ParamsArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let options = args.export.options(args.output.as_deref())?;
    let format = args.export.format();
    let (en, ja) = args.pair.read()?;
    let resources = args.pair.resources.load()?;
    let mut aligner = args.pair.aligner(&resources)?;
    args.tuning.apply(&mut aligner.params)?;
    let alignment = aligner.align(&en, &ja);
    let aligned = Aligned {
        en: &en,
        ja: &ja,
        alignment: &alignment,
        doc_id: None,
    };
    match &args.output {
        Some(prefix) if format.writes_two_files() => {
            let [en_path, ja_path] = output::moses_paths(prefix);
            output::write_two_atomically([&en_path, &ja_path], |en_out, ja_out| {
                let mut w = export::Writer::begin_pair(en_out, ja_out, format, &options)?;
                w.document(&aligned)?;
                w.end()
            })?;
        }
        path => output::write_atomically(path.as_deref(), |out| {
            export::write(out, format, &aligned, &options)
        })?,
    }
    Ok(ExitCode::SUCCESS)
}
