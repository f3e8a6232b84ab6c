//! `hashi align EN_FILE JA_FILE`: pair the sentences of an English article and its Japanese
//! original, and write the beads (parallel CSV by default).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use hashi::AlignedPair;

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
    /// Development: write each bead's score inputs to FILE as JSON lines, for
    /// `scripts/fit_evidence.py`.
    #[arg(long, value_name = "FILE", hide = true)]
    dump_evidence: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let options = args.export.options(args.output.as_deref())?;
    let format = args.export.format();
    let texts = args.pair.read()?;
    let mut aligner = args.pair.aligner(&args.pair.resources.load()?)?;
    args.tuning.apply(&mut aligner)?;
    let (en, ja) = args.pair.segment(texts, &aligner)?;
    let alignment = aligner.alignment(&en, &ja);
    args.pair.accept(&alignment)?;
    args.pair.note(&alignment);
    if let Some(path) = &args.dump_evidence {
        dump_evidence(path, &alignment)?;
    }
    let pair = AlignedPair {
        en,
        ja,
        alignment,
        id: None,
    };
    match &args.output {
        Some(path) => pair.write_file(path, format, &options)?,
        None => output::write_atomically(None, |out| pair.write(out, format, &options))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes each bead's ids and its score model's inputs, a JSON line a bead.
fn dump_evidence(path: &std::path::Path, alignment: &hashi::align::Alignment) -> Result<()> {
    use hashi::align::evidence;
    let mut out = String::new();
    let doc = &alignment.document;
    let first: Vec<f32> = alignment
        .beads
        .iter()
        .zip(&alignment.evidence)
        .map(|(b, e)| evidence::first_score(b, e, doc))
        .collect();
    let around = evidence::surroundings(&alignment.beads, &alignment.evidence, &first);
    for ((bead, e), s) in alignment.beads.iter().zip(&alignment.evidence).zip(&around) {
        let inputs: Vec<f32> = if bead.is_pair() {
            evidence::pair_inputs(e, doc, bead.en.len() + bead.ja.len() > 2).to_vec()
        } else {
            evidence::skip_inputs(e, doc).to_vec()
        };
        let merged = bead.en.len() + bead.ja.len() > 2;
        let line = serde_json::json!({
            "xs": evidence::short_inputs(e, merged).to_vec(),
            "short": doc.short,
            "en": bead.en.clone().collect::<Vec<_>>(),
            "ja": bead.ja.clone().collect::<Vec<_>>(),
            "pair": bead.is_pair(),
            "x": inputs,
            "x2": evidence::second_inputs(s, e).to_vec(),
            "evidence": e,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out)?;
    Ok(())
}
