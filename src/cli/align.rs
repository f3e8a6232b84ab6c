//! `hashi align EN_FILE JA_FILE`: pair the sentences of an English article and its Japanese
//! original, and write the beads (parallel CSV by default).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use hashi::export::{self, Aligned, Format};
use hashi::lexicon::Lexicon;
use hashi::segment::{Document, Lang};
use hashi::Aligner;

use super::{load_tokenizer, output};

#[derive(clap::Args)]
pub struct Args {
    /// The English article (UTF-8); `-` for standard input.
    en_file: PathBuf,
    /// The Japanese article (UTF-8); `-` for standard input.
    ja_file: PathBuf,
    /// The files are one sentence a line, a blank line between paragraphs (as hunalign,
    /// Vecalign and Bertalign take them), instead of running text.
    #[arg(long)]
    presegmented: bool,
    /// Output format: csv (every bead), jsonl (every bead, with ids, spans and paragraphs),
    /// tsv (pairs only), beads (Vecalign's [0,1]:[2] lines).
    #[arg(long, short, value_enum, default_value_t = AlignFormat::Csv)]
    format: AlignFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave out pairs whose confidence is below this (0 to 1) from pair-only outputs and CSV/JSONL.
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f32>,
    /// An EDICT-format lexicon to use instead of the bundled one.
    #[arg(long, value_name = "PATH", conflicts_with = "no_lexicon")]
    lexicon: Option<PathBuf>,
    /// Align without the bilingual lexicon (numbers, names, Latin words and length only).
    #[arg(long)]
    no_lexicon: bool,
    /// A compiled lindera dictionary directory to tokenize Japanese with instead of IPADIC.
    #[arg(long, value_name = "DIR")]
    dict: Option<PathBuf>,
    /// Override aligner parameters, `name=value,...` (see src/align/params.rs).
    #[arg(long, value_name = "LIST", hide = true)]
    params: Option<String>,
    /// Threads for feature extraction.
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum AlignFormat {
    Csv,
    Jsonl,
    Tsv,
    Beads,
}

impl From<AlignFormat> for Format {
    fn from(f: AlignFormat) -> Format {
        match f {
            AlignFormat::Csv => Format::Csv,
            AlignFormat::Jsonl => Format::Jsonl,
            AlignFormat::Tsv => Format::Tsv,
            AlignFormat::Beads => Format::Beads,
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.en_file.as_os_str() == "-" && args.ja_file.as_os_str() == "-" {
        bail!("only one of EN_FILE and JA_FILE can be standard input (-)");
    }
    if let Some(s) = args.min_score {
        if !(0.0..=1.0).contains(&s) {
            bail!("--min-score must be between 0 and 1, not {s}");
        }
    }
    let en_text = hashi::input::read_text(Some(&args.en_file))?;
    let ja_text = hashi::input::read_text(Some(&args.ja_file))?;
    let make = |lang, text| {
        if args.presegmented {
            Document::presegmented(lang, text)
        } else {
            Document::segment(lang, text)
        }
    };
    let en = make(Lang::En, en_text);
    let ja = make(Lang::Ja, ja_text);
    let tokenizer = load_tokenizer(args.dict.as_deref())?;
    let owned_lexicon;
    let lexicon: Option<&Lexicon> = if args.no_lexicon {
        None
    } else if let Some(path) = &args.lexicon {
        owned_lexicon = Lexicon::from_edict_file(path)?;
        Some(&owned_lexicon)
    } else {
        Some(Lexicon::embedded())
    };
    let mut aligner = Aligner::new(&tokenizer, lexicon);
    aligner.threads = args.threads.max(1);
    for kv in args
        .params
        .iter()
        .flat_map(|p| p.split(','))
        .filter(|kv| !kv.is_empty())
    {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--params: expected name=value, found {kv:?}"))?;
        let v: f32 = v
            .parse()
            .map_err(|_| anyhow::anyhow!("--params: {k}: not a number: {v:?}"))?;
        aligner
            .params
            .set(k, v)
            .map_err(|e| anyhow::anyhow!("--params: {e}"))?;
    }
    let alignment = aligner.align(&en, &ja);
    let aligned = Aligned {
        en: &en,
        ja: &ja,
        alignment: &alignment,
    };
    let options = export::Options {
        min_score: args.min_score,
    };
    output::write_atomically(args.output.as_deref(), |out| {
        export::write(out, args.format.into(), &aligned, &options)
    })?;
    Ok(ExitCode::SUCCESS)
}
