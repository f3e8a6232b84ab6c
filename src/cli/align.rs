//! `hashi align EN_FILE JA_FILE`: pair the sentences of an English article and its Japanese
//! original, and write the beads (parallel CSV by default).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

use hashi::export::{self, Aligned, Format};
use hashi::segment::Lang;

use super::{output, PairArgs};

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
    /// Language code of the English side in TMX (xml:lang, srclang); en-US for tools that
    /// want a region.
    #[arg(long, value_name = "CODE", default_value = "en", value_parser = lang_code)]
    en_lang: String,
    /// Language code of the Japanese side in TMX; ja-JP for tools that want a region.
    #[arg(long, value_name = "CODE", default_value = "ja", value_parser = lang_code)]
    ja_lang: String,
    /// The source language a TMX file declares.
    #[arg(long, value_enum, default_value_t = SrcLang::En)]
    srclang: SrcLang,
    /// csv and tsv: put ' before a cell starting with =, +, -, @, tab or CR, so spreadsheets
    /// show it as text instead of running it as a formula. Changes those cells' text.
    #[arg(long)]
    spreadsheet_safe: bool,
    /// Override aligner parameters, `name=value,...` (see src/align/params.rs).
    #[arg(long, value_name = "LIST", hide = true)]
    params: Option<String>,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum SrcLang {
    En,
    Ja,
}

/// A language tag as BCP 47 writes them (`en`, `en-US`, `zh-Hant-TW`): letters and digits in
/// hyphen-separated subtags. Checked because it lands in XML attributes CAT tools match on.
fn lang_code(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.split('-')
            .all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a language code like en, en-US or ja-JP"
        ))
    }
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
        doc_id: None,
    };
    let options = export::Options {
        min_score: args.min_score,
        en_lang: args.en_lang,
        ja_lang: args.ja_lang,
        srclang: match args.srclang {
            SrcLang::En => Lang::En,
            SrcLang::Ja => Lang::Ja,
        },
        spreadsheet_safe: args.spreadsheet_safe,
    };
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
