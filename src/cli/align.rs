//! `hashi align EN_FILE JA_FILE`: pair the sentences of an English article and its Japanese
//! original, and write the beads (parallel CSV by default).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

use hashi::export::{self, Aligned, Format};

use super::{output, PairArgs, ParamsArgs, TmxArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: PairArgs,
    /// Output format: csv (every bead), jsonl (every bead, with ids, spans and paragraphs),
    /// tsv (pairs only), beads (Vecalign's [0,1]:[2] lines), tmx (TMX 1.4b translation
    /// memory, pairs only), moses (PREFIX.en and PREFIX.ja, line N translating line N;
    /// needs -o PREFIX), hf-jsonl (Hugging Face datasets {"translation": {"en", "ja"}} lines).
    #[arg(long, short, value_enum, default_value_t = AlignFormat::Csv)]
    format: AlignFormat,
    /// Write to FILE (atomically) instead of standard output. With --format moses, a prefix:
    /// FILE.en and FILE.ja are written.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave out pairs whose confidence is below this (0 to 1) from pair-only outputs and CSV/JSONL.
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f32>,
    #[command(flatten)]
    tmx: TmxArgs,
    /// csv and tsv: put ' before a cell starting with =, +, -, @, tab or CR, so spreadsheets
    /// show it as text instead of running it as a formula. Changes those cells' text.
    #[arg(long)]
    spreadsheet_safe: bool,
    #[command(flatten)]
    tuning: ParamsArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum AlignFormat {
    Csv,
    Jsonl,
    Tsv,
    Beads,
    Tmx,
    Moses,
    HfJsonl,
}

impl From<AlignFormat> for Format {
    fn from(f: AlignFormat) -> Format {
        match f {
            AlignFormat::Csv => Format::Csv,
            AlignFormat::Jsonl => Format::Jsonl,
            AlignFormat::Tsv => Format::Tsv,
            AlignFormat::Beads => Format::Beads,
            AlignFormat::Tmx => Format::Tmx,
            AlignFormat::Moses => Format::Moses,
            AlignFormat::HfJsonl => Format::HfJsonl,
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(s) = args.min_score {
        if !(0.0..=1.0).contains(&s) {
            bail!("--min-score must be between 0 and 1, not {s}");
        }
    }
    if args.spreadsheet_safe && !matches!(args.format, AlignFormat::Csv | AlignFormat::Tsv) {
        bail!("--spreadsheet-safe applies to --format csv and tsv only");
    }
    let moses_prefix = match (args.format, &args.output) {
        (AlignFormat::Moses, None) => bail!(
            "--format moses writes two files: name them with -o PREFIX (PREFIX.en and PREFIX.ja)"
        ),
        (AlignFormat::Moses, Some(prefix)) => Some(prefix.clone()),
        _ => None,
    };
    let (en, ja) = args.pair.read()?;
    let resources = args.pair.resources.load()?;
    let mut aligner = args.pair.aligner(&resources);
    args.tuning.apply(&mut aligner.params)?;
    let alignment = aligner.align(&en, &ja);
    let aligned = Aligned {
        en: &en,
        ja: &ja,
        alignment: &alignment,
        doc_id: None,
    };
    let options = args.tmx.options(args.min_score, args.spreadsheet_safe);
    if let Some(prefix) = moses_prefix {
        let paths = [with_suffix(&prefix, "en"), with_suffix(&prefix, "ja")];
        output::write_two_atomically([&paths[0], &paths[1]], |en_out, ja_out| {
            let mut w = export::Writer::begin_pair(en_out, ja_out, Format::Moses, &options)?;
            w.document(&aligned)?;
            w.end()
        })?;
    } else {
        output::write_atomically(args.output.as_deref(), |out| {
            export::write(out, args.format.into(), &aligned, &options)
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `PREFIX.en`: the suffix appended, not substituted (`corpus.v2` gives `corpus.v2.en`).
fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut name = prefix.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}
