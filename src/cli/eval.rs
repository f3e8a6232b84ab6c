//! `hashi eval`: score bead files against gold ones, like the shared `score.py`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use hashi::eval::{count, read_beads, Counts, Scores};

use super::output::write_atomically;

#[derive(clap::Args)]
#[command(
    override_usage = "hashi eval [--json] GOLD TEST\n       hashi eval [--json] --cases DIR NAME",
    after_help = "Precision counts every distinct non-empty test bead (deletions included); recall \
                  counts the gold beads that pair both sides. Strict: exactly a gold bead. Lax: \
                  shares an English and a Japanese sentence with one gold link. With --cases the \
                  counts of all cases are summed before dividing."
)]
pub struct Args {
    /// Gold bead file; with --cases, the folder whose */gold.align files are the gold.
    #[arg(value_name = "GOLD|DIR")]
    gold: PathBuf,
    /// Bead file to score; with --cases, its file name inside every case folder.
    #[arg(value_name = "TEST|NAME")]
    test: PathBuf,
    /// Score every DIR/*/gold.align against DIR/*/NAME and sum the counts.
    #[arg(long)]
    cases: bool,
    /// Print score.py's JSON line (same keys, figures rounded to 4 decimals).
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (counts, n_cases) = if args.cases {
        score_cases(&args.gold, &args.test)?
    } else {
        let gold = read_beads(&args.gold)?;
        let test = read_beads(&args.test)?;
        (count(&gold, &test), None)
    };
    let report = if args.json {
        json_line(&counts.scores().rounded(4))
    } else {
        table(&counts, n_cases)
    };
    write_atomically(None, |out| out.write_all(report.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

/// Sums the counts of every `dir/*/gold.align` against `dir/*/name`; returns them and the
/// number of cases.
fn score_cases(dir: &Path, name: &Path) -> Result<(Counts, Option<usize>)> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the cases folder", dir.display()))?;
    let mut cases = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot read the folder", dir.display()))?;
        // Like the glob `*`, skip hidden entries.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let case = entry.path();
        if case.join("gold.align").is_file() {
            cases.push(case);
        }
    }
    if cases.is_empty() {
        bail!("{}: no case folders (no {0}/*/gold.align)", dir.display());
    }
    cases.sort();
    let mut total = Counts::default();
    for case in &cases {
        let test_path = case.join(name);
        if !test_path.exists() {
            bail!(
                "{}: missing (case {} has a gold.align but no {})",
                test_path.display(),
                case.display(),
                name.display()
            );
        }
        let gold = read_beads(&case.join("gold.align"))?;
        let test = read_beads(&test_path)?;
        total.add(&count(&gold, &test));
    }
    Ok((total, Some(cases.len())))
}

/// `score.py`'s output: `json.dumps` of its dict, keys in its order, `", "` and `": "` between.
fn json_line(scores: &Scores) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, PythonFormatter);
    scores.serialize(&mut ser).expect("scores serialize");
    buf.push(b'\n');
    String::from_utf8(buf).expect("JSON is UTF-8")
}

/// The separators of Python's `json.dumps` defaults.
struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        separator(writer, first)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        separator(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

/// `, ` before every element of an array or object but the first, as Python writes them.
fn separator<W: ?Sized + std::io::Write>(writer: &mut W, first: bool) -> std::io::Result<()> {
    if first {
        Ok(())
    } else {
        writer.write_all(b", ")
    }
}

fn table(counts: &Counts, n_cases: Option<usize>) -> String {
    let s = counts.scores().rounded(4);
    let mut out = String::new();
    if let Some(n) = n_cases {
        let _ = writeln!(out, "cases        {n}");
    }
    let _ = writeln!(
        out,
        "gold beads   {} ({} distinct pairing both sides)",
        counts.gold_beads, counts.gold_pairs
    );
    let _ = writeln!(
        out,
        "test beads   {} (distinct, non-empty)",
        counts.test_beads
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "        precision  recall      F1");
    let _ = writeln!(
        out,
        "strict  {:>9.4}  {:>6.4}  {:>6.4}",
        s.precision_strict, s.recall_strict, s.f1_strict
    );
    let _ = writeln!(
        out,
        "lax     {:>9.4}  {:>6.4}  {:>6.4}",
        s.precision_lax, s.recall_lax, s.f1_lax
    );
    out
}
