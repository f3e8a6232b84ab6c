//! `hashi pair`: find which English article translates which Japanese original among two
//! collections, and write the pairs as a manifest `hashi batch --manifest` reads.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use hashi::pair::{self, Format, Stage};
use hashi::segment::Lang;

use super::{output, EncodingArgs, ParamsArgs, ResourceArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The English articles: a folder of .txt files (searched recursively), a CSV manifest
    /// (a path column, an id column optional) or JSONL ({"id", "text"} or {"id", "path"} a
    /// line).
    en_source: PathBuf,
    /// The Japanese articles, in any of the same forms.
    ja_source: PathBuf,
    /// Output format: a manifest of the pairs, id,en,ja,score.
    #[arg(long, short, value_enum, default_value = "csv")]
    format: FormatArg,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave unpaired an article whose best remaining pair scores below this (0 to 1; the
    /// score is the probability that the two are translations of each other).
    #[arg(long, value_name = "SCORE", default_value_t = 0.5)]
    min_score: f32,
    /// Candidates aligned for each article of the side with fewer articles: its K most
    /// similar articles of the other side.
    #[arg(long, value_name = "K", default_value_t = pair::Settings::new(1).candidates)]
    candidates: usize,
    /// Candidates aligned for each article of the larger side besides.
    #[arg(long, value_name = "K", default_value_t = pair::Settings::new(1).reverse_candidates, hide = true)]
    reverse_candidates: usize,
    /// Threads (default, or 0: the number of cores; at most 1024).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// The texts are one sentence a line, a blank line between paragraphs.
    #[arg(long)]
    presegmented: bool,
    #[command(flatten)]
    encoding: EncodingArgs,
    #[command(flatten)]
    tuning: ParamsArgs,
    /// Write every candidate pair aligned to FILE (TSV: en id, ja id, similarity, share,
    /// score), for tuning.
    #[arg(long, value_name = "FILE", hide = true)]
    dump_candidates: Option<PathBuf>,
    /// Say on standard error when each stage starts, for timing.
    #[arg(long, hide = true)]
    timings: bool,
    #[command(flatten)]
    resources: ResourceArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    /// id,en,ja,score with a header (what hashi batch --manifest reads).
    Csv,
    /// The same columns, tab-separated.
    Tsv,
    /// {"id", "en", "ja", "score"} a line (what hashi batch --manifest reads as .jsonl).
    Jsonl,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    if !(0.0..=1.0).contains(&args.min_score) {
        anyhow::bail!(
            "--min-score must be between 0 and 1, not {}",
            args.min_score
        );
    }
    if args.candidates == 0 {
        anyhow::bail!("--candidates must be at least 1");
    }
    let en = pair::list(&args.en_source, "English")?;
    let ja = pair::list(&args.ja_source, "Japanese")?;
    let mut problems = 0;
    for (source, listing, side) in [
        (&args.en_source, &en, "English"),
        (&args.ja_source, &ja, "Japanese"),
    ] {
        // The error names the file and the line already.
        for (_, error) in &listing.problems {
            problems += 1;
            eprintln!("hashi: pair: {error}");
        }
        if listing.docs.is_empty() {
            return Err(hashi::Error::EmptySource {
                path: Some(source.clone()),
                side,
            }
            .into());
        }
    }
    let resources = args.resources.load()?;
    let aligner = args.tuning.aligner(&resources)?;
    let threads = hashi::batch::resolve_threads(args.threads.unwrap_or(0)).context("--threads")?;
    let mut settings = pair::Settings::new(threads);
    settings.candidates = args.candidates;
    settings.reverse_candidates = args.reverse_candidates;
    settings.min_score = args.min_score;
    settings.presegmented = args.presegmented;
    settings.encoding = args.encoding.encoding();

    let bar = Bar::new(args.timings.then_some(started));
    let pairing = pair::pair(&en.docs, &ja.docs, &aligner, &settings, &bar)?;
    bar.finish();
    for f in &pairing.failures {
        eprintln!("hashi: pair: {}", f.error);
    }
    // As align says it, but a collection may hold thousands of such files: the first few.
    const SHOWN: usize = 5;
    for &(side, i, encoding) in pairing.decoded.iter().take(SHOWN) {
        let docs = if side == Lang::En { &en.docs } else { &ja.docs };
        if let Some(path) = docs[i].path() {
            eprintln!(
                "hashi: pair: {}: decoded as {}",
                path.display(),
                encoding.name()
            );
        }
    }
    if !pairing.decoded.is_empty() {
        let more = pairing.decoded.len().saturating_sub(SHOWN);
        let more = if more > 0 {
            format!(" ({more} more not named)")
        } else {
            String::new()
        };
        let n = pairing.decoded.len();
        eprintln!(
            "hashi: pair: {n} file{} decoded from Shift_JIS or EUC-JP{more}: hashi batch reads \
             UTF-8 only, so convert {} (iconv -f SHIFT_JIS -t UTF-8) before aligning",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
        );
    }
    if let Some(path) = &args.dump_candidates {
        output::write_atomically(Some(path), |out| {
            for f in &pairing.candidates {
                writeln!(
                    out,
                    "{}\t{}\t{:.4}\t{:.4}\t{:.4}",
                    en.docs[f.en].id,
                    ja.docs[f.ja].id,
                    f.similarity,
                    f.verdict.share(),
                    f.score
                )?;
            }
            Ok(())
        })?;
    }
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
    };
    output::write_atomically(args.output.as_deref(), |out| {
        pair::write(out, format, &pairing, &en.docs, &ja.docs)
    })?;
    let failed = pairing.failures.len() + problems;
    let failed_note = match failed {
        0 => String::new(),
        n => format!(", {n} left out (unreadable, malformed or in the other language)"),
    };
    eprintln!(
        "hashi: pair: {} pair{}, {} English and {} Japanese articles unpaired{failed_note}, \
         {:.1} s",
        pairing.pairs.len(),
        if pairing.pairs.len() == 1 { "" } else { "s" },
        pairing.en_unpaired.len(),
        pairing.ja_unpaired.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on standard error when it is a terminal; nothing otherwise.
struct Bar(Option<ProgressBar>, Option<Instant>);

impl Bar {
    fn new(timings: Option<Instant>) -> Bar {
        let bar = io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_draw_target(ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len}, ETA {eta}")
            {
                bar.set_style(style);
            }
            output::tick_steadily(&bar);
            bar
        });
        Bar(bar, timings)
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl pair::Progress for Bar {
    fn stage(&self, stage: Stage, total: usize) {
        if let Some(started) = self.1 {
            eprintln!(
                "hashi: pair: {:.1} s: {stage:?}, {total} steps",
                started.elapsed().as_secs_f64()
            );
        }
        if let Some(bar) = &self.0 {
            // The count first, then the name: a redraw between the two would show the new
            // name with the old stage's count.
            bar.set_length(total as u64);
            bar.set_position(0);
            bar.reset_eta();
            bar.set_message(match stage {
                Stage::English => "reading English",
                Stage::Japanese => "reading Japanese",
                Stage::Aligning => "aligning candidates",
            });
        }
    }

    fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}
