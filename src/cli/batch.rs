//! `hashi batch`: align many document pairs in one run, listed in a manifest, paired across two
//! directories, or streamed as JSONL on standard input; write every pair's beads, tagged with
//! its id, to one output in input order.

use std::cell::RefCell;
use std::io::{self, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use hashi::batch::resume;
use hashi::batch::{self, sources, Outcome, Settings, Sink, Source, Status};
use hashi::export::{self, Format};
use hashi::Aligner;

use super::{output, ExportArgs, ParamsArgs, ResourceArgs, RulesArgs};

#[derive(clap::Args)]
#[command(group(
    clap::ArgGroup::new("input")
        .required(true)
        .args(["manifest", "en_dir", "stdin_jsonl", "stdin"])
))]
pub struct Args {
    /// A list of document pairs: CSV with a header naming id, en and ja (file paths), or JSONL
    /// lines {"id", "en", "ja"} (.jsonl or .json). Relative paths are taken from the
    /// manifest's folder.
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// English articles, paired with the files of the same name in --ja-dir.
    #[arg(long, value_name = "DIR", requires = "ja_dir")]
    en_dir: Option<PathBuf>,
    /// Japanese articles, paired with the files of the same name in --en-dir.
    #[arg(long, value_name = "DIR", requires = "en_dir")]
    ja_dir: Option<PathBuf>,
    /// Read JSONL documents from standard input, {"id": .., "en": "<text>", "ja": "<text>"}
    /// a line (what Spark's RDD.pipe and Hadoop Streaming feed).
    #[arg(long)]
    stdin_jsonl: bool,
    /// `-`: the same as --stdin-jsonl.
    #[arg(value_name = "-", value_parser = dash)]
    stdin: Option<String>,
    /// The texts are one sentence a line, a blank line between paragraphs.
    #[arg(long)]
    presegmented: bool,
    #[command(flatten)]
    export: ExportArgs,
    /// Write to FILE instead of standard output: as align -o does (atomically, links
    /// followed, another run on FILE refused), or, with --resume, appending.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Continue an interrupted run: skip the documents whose ids FILE (-o, csv or jsonl)
    /// already holds and append the others to it. FILE's last document is done again, since
    /// it may have been cut short.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Documents aligned at once: 0 (the default) is one a core; at most 1024.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    tuning: ParamsArgs,
    #[command(flatten)]
    resources: ResourceArgs,
    /// Documents in flight at most (default: 4 per thread); bounds memory.
    #[arg(long, value_name = "N", hide = true)]
    window: Option<usize>,
}

fn dash(s: &str) -> Result<String, String> {
    if s == "-" {
        Ok(s.into())
    } else {
        Err(
            "the only positional argument is `-` (JSONL on standard input); use --manifest FILE \
             or --en-dir/--ja-dir for files"
                .into(),
        )
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let rules = args.rules.rules()?;
    let format = args.export.format();
    let options = args.export.options(args.output.as_deref())?;
    if args.resume && !format.resumable() {
        bail!("--resume needs --format jsonl or csv, whose records carry doc_id");
    }
    let threads = batch::resolve_threads(args.threads).context("--threads")?;
    let mut settings = Settings::new(threads);
    if let Some(window) = args.window {
        settings.window = batch::resolve_window(window, threads).context("--window")?;
    }
    settings.presegmented = args.presegmented;
    settings.rules = rules;

    let (inputs, total) = open_inputs(&args)?;
    let resources = args.resources.load()?;
    // `batch::run` gives it --threads threads: one pool for the documents and their own work.
    let aligner = args.tuning.aligner(&resources)?;

    let mut report = Report::new(total, format, options.min_score);
    let job = Job {
        inputs,
        aligner: &aligner,
        format,
        options: &options,
    };
    match &args.output {
        Some(path) if args.resume => {
            // Held until the run ends: another run appending to or replacing the file would
            // interleave its documents with these or lose them.
            let _lock = output::lock_output(path)?;
            let mut done = resume::scan(path, format)?;
            if options.spreadsheet_safe {
                done = done.unescape_spreadsheet_ids();
            }
            report.skipped_from = Some(path.clone());
            settings.skip = done.done;
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .with_context(|| format!("{}: cannot open for appending", path.display()))?;
            file.set_len(done.keep)
                .and_then(|_| {
                    use std::io::Seek;
                    (&file).seek(io::SeekFrom::End(0))
                })
                .with_context(|| format!("{}: cannot resume", path.display()))?;
            let mut out: Box<dyn Write> = Box::new(io::BufWriter::new(file));
            if done.has_header {
                // The export writer writes CSV's header with the first document; the file
                // already has it.
                out = Box::new(SkipFirstLine::new(out));
            }
            let result = job.run_one(&mut *out, &settings, &mut report);
            result.with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Some(prefix) if format.writes_two_files() => {
            let [en_path, ja_path] = output::moses_paths(prefix);
            output::write_two_atomically([&en_path, &ja_path], |en, ja| {
                job.run_pair(en, ja, &settings, &mut report)
            })?;
        }
        path => output::write_atomically(path.as_deref(), |out| {
            job.run_one(out, &settings, &mut report)
        })?,
    }
    Ok(report.finish(started.elapsed()))
}

/// The inputs and, when it is known without reading them, how many documents they hold.
fn open_inputs(args: &Args) -> Result<(Inputs, Option<u64>)> {
    let progress = io::stderr().is_terminal();
    if let Some(path) = &args.manifest {
        let total = if progress {
            sources::manifest_len(path).ok().map(|n| n as u64)
        } else {
            None
        };
        return Ok((sources::manifest(path)?, total));
    }
    if let (Some(en), Some(ja)) = (&args.en_dir, &args.ja_dir) {
        let pairs = sources::directories(en, ja)?;
        let total = pairs.len() as u64;
        return Ok((Box::new(pairs.into_iter()), Some(total)));
    }
    // Large reads: a line holds two whole articles.
    let stdin = BufReader::with_capacity(1 << 20, io::stdin());
    Ok((Box::new(sources::inline_jsonl(stdin)), None))
}

type Inputs = Box<dyn Iterator<Item = Source> + Send>;

/// Everything a run needs but the output.
struct Job<'a> {
    inputs: Inputs,
    aligner: &'a Aligner,
    format: Format,
    options: &'a export::Options,
}

impl Job<'_> {
    fn run_one(
        self,
        out: &mut dyn Write,
        settings: &Settings,
        report: &mut Report,
    ) -> io::Result<()> {
        let out = Shared::new(out);
        let mut handle = out.clone();
        let writer = export::Writer::begin(&mut handle, self.format, self.options)?.with_doc_ids();
        self.run(writer, vec![out], settings, report)
    }

    fn run_pair(
        self,
        en: &mut dyn Write,
        ja: &mut dyn Write,
        settings: &Settings,
        report: &mut Report,
    ) -> io::Result<()> {
        let (en, ja) = (Shared::new(en), Shared::new(ja));
        let (mut en_handle, mut ja_handle) = (en.clone(), ja.clone());
        let writer =
            export::Writer::begin_pair(&mut en_handle, &mut ja_handle, self.format, self.options)?;
        self.run(writer, vec![en, ja], settings, report)
    }

    fn run(
        self,
        writer: export::Writer<'_>,
        outs: Vec<Shared<'_>>,
        settings: &Settings,
        report: &mut Report,
    ) -> io::Result<()> {
        let mut sink = Output {
            writer,
            outs,
            report,
        };
        batch::run(self.inputs, self.aligner, settings, &mut sink)?;
        sink.writer.end()
    }
}

/// One output stream shared between the export writer, which borrows it for the whole run,
/// and the sink, which flushes it whenever the run waits (the export writer only flushes at
/// its end), so that a pipe downstream gets each document as soon as it is done.
#[derive(Clone)]
struct Shared<'w>(Rc<RefCell<&'w mut dyn Write>>);

impl<'w> Shared<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        Shared(Rc::new(RefCell::new(out)))
    }
}

impl Write for Shared<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.borrow_mut().write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// Drops everything up to the first line end: CSV's header when appending to a file that
/// has one. (The header is one line: its names hold no quotes or line ends.)
struct SkipFirstLine<W> {
    inner: W,
    skipping: bool,
}

impl<W> SkipFirstLine<W> {
    fn new(inner: W) -> Self {
        SkipFirstLine {
            inner,
            skipping: true,
        }
    }
}

impl<W: Write> Write for SkipFirstLine<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.skipping {
            return self.inner.write(buf);
        }
        if let Some(end) = buf.iter().position(|&b| b == b'\n') {
            self.skipping = false;
            self.inner.write_all(&buf[end + 1..])?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

struct Output<'w, 's, 'r> {
    writer: export::Writer<'w>,
    outs: Vec<Shared<'s>>,
    report: &'r mut Report,
}

impl Sink for Output<'_, '_, '_> {
    type Error = io::Error;

    fn outcome(&mut self, outcome: Outcome) -> io::Result<()> {
        let Outcome { id, status } = outcome;
        match status {
            Status::Aligned(pair) => {
                self.writer.document(&pair.view())?;
                self.report.aligned(&pair.alignment);
                let verdict = &pair.alignment.verdict;
                if verdict.is_partial() {
                    self.report.partial += 1;
                    self.report.say(&format!(
                        "hashi: batch: {id}: translated in part: {}",
                        verdict.coverage()
                    ));
                }
                if pair.alignment.band_capped {
                    self.report
                        .say(&format!("hashi: batch: {id}: {}", super::BAND_CAPPED));
                }
            }
            Status::Skipped => self.report.skipped(),
            Status::Failed(error) => self.report.failed(&id, &error),
        }
        Ok(())
    }

    fn idle(&mut self) -> io::Result<()> {
        self.outs.iter_mut().try_for_each(|out| out.flush())
    }
}

/// Counts, failures and the progress bar, all on standard error.
struct Report {
    aligned: u64,
    /// Of the aligned, those translated only in part (each said as it is written).
    partial: u64,
    failed: u64,
    skipped: u64,
    pairs: u64,
    format: Format,
    min_score: Option<f32>,
    /// The file whose ids were skipped (--resume).
    skipped_from: Option<PathBuf>,
    bar: Option<ProgressBar>,
}

impl Report {
    fn new(total: Option<u64>, format: Format, min_score: Option<f32>) -> Self {
        let bar = io::stderr().is_terminal().then(|| {
            let (bar, template) = match total {
                Some(n) => (
                    ProgressBar::new(n),
                    "{wide_bar} {pos}/{len} documents, {msg}, ETA {eta}",
                ),
                None => (
                    ProgressBar::no_length(),
                    "{spinner} {pos} documents, {msg}, {elapsed}",
                ),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar.set_message("0 pairs");
            output::tick_steadily(&bar);
            bar
        });
        Report {
            aligned: 0,
            partial: 0,
            failed: 0,
            skipped: 0,
            pairs: 0,
            format,
            min_score,
            skipped_from: None,
            bar,
        }
    }

    fn aligned(&mut self, alignment: &hashi::align::Alignment) {
        // The pairs the format wrote: beads files ignore --min-score.
        let min = self.min_score.filter(|_| self.format.honours_min_score());
        let pairs = alignment
            .beads
            .iter()
            .filter(|b| b.is_pair() && !min.is_some_and(|m| b.score < m))
            .count();
        self.aligned += 1;
        self.pairs += pairs as u64;
        self.tick();
    }

    fn skipped(&mut self) {
        self.skipped += 1;
        self.tick();
    }

    fn failed(&mut self, id: &str, error: &batch::DocError) {
        self.failed += 1;
        // A line without an id is reported as `line N` already: its error need not say
        // `(line N)` again.
        let error = match error {
            batch::DocError::BadRecord { line, message } if id == format!("line {line}") => {
                message.clone()
            }
            error => error.to_string(),
        };
        self.say(&format!("hashi: batch: {id}: {error}"));
        self.tick();
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            // indicatif's {per_sec} prints four decimals.
            let rate = bar.position() as f64 / bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{} pairs, {rate:.0} documents/s", self.pairs));
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Prints the summary; exit status 1 when a document failed.
    fn finish(self, elapsed: Duration) -> ExitCode {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let skipped = match (&self.skipped_from, self.skipped) {
            (Some(path), n) if n > 0 => format!(", {n} skipped (already in {})", path.display()),
            _ => String::new(),
        };
        let partial = match self.partial {
            0 => String::new(),
            n => format!(" ({n} translated in part)"),
        };
        eprintln!(
            "hashi: batch: {} aligned{partial}, {} failed{skipped}, {} written, {:.1} s",
            counted(self.aligned, "document", "documents"),
            self.failed,
            counted(self.pairs, "pair", "pairs"),
            elapsed.as_secs_f64()
        );
        if self.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// `n` and the noun `n` takes: `1 document`, `2 documents`.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
