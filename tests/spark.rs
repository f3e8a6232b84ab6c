//! hashi on Apache Spark, local mode: `examples/spark/align_corpus.py` pipes the partitions of
//! a JSONL corpus through the real binary with `RDD.pipe`; its beads must equal those of one
//! `hashi batch --stdin-jsonl --format jsonl` run on the same input, byte for byte.
//!
//! It needs Java, python3 with venv and PyPI, so a plain `cargo test` leaves it out (it is
//! `#[ignore]`d) and `.ci/run`, which installs them, runs it with `--include-ignored`; without
//! them it fails, saying which is missing. PySpark is installed from PyPI into a virtual
//! environment kept in the target folder (`target/spark-venv`) on the first run (a 318 MB
//! download: the first run took 30 s here), reused after: then the test takes about 6 s.

#[macro_use]
mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Works with Java 8, 11 and 17 and Python 3.8 to 3.11.
const PYSPARK: &str = "pyspark==3.5.3";
const CORPORA: &[&str] = &["jaxa-launch", "tokyo-budget", "shogi-record"];
const DOCUMENTS: usize = 12;
const PARTITIONS: usize = 4;
/// The id of a document with an empty Japanese side, which hashi reports and leaves out.
const BAD_ID: &str = "bad-empty-ja";

fn hashi_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_hashi"))
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `cmd` with its output in `dir/NAME.{out,err}`, killing it after `limit`; returns its
/// exit code (None if killed by a signal), standard output and standard error.
fn run_logged(
    mut cmd: Command,
    dir: &Path,
    name: &str,
    limit: Duration,
) -> (Option<i32>, Vec<u8>, String) {
    let (out, err) = (
        dir.join(format!("{name}.out")),
        dir.join(format!("{name}.err")),
    );
    cmd.stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("{name}: cannot start {cmd:?}: {e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{name}: still running after {limit:?}, killed; its standard error:\n{}",
                fs::read_to_string(&err).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    (
        status.code(),
        fs::read(&out).unwrap(),
        fs::read_to_string(&err).unwrap(),
    )
}

/// Fails, saying what is missing, unless `program --version`-like `args` runs.
fn require(program: &str, args: &[&str], what: &str) {
    match Command::new(program).args(args).output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "{what}: `{program} {}` failed ({}): {}",
            args.join(" "),
            o.status,
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!("{what}: cannot run `{program}`: {e}"),
    }
}

/// The virtual environment with PySpark (`common::python_venv`); returns its python.
fn venv() -> PathBuf {
    common::python_venv("spark-venv", "hashi-pyspark", PYSPARK)
}

/// `s` as a JSON string.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// DOCUMENTS documents made of the bundled corpora, each opening with a paragraph of its own
/// number so that no two have the same beads, and a bad one among them; returns the JSONL and
/// the ids that should be aligned, in input order.
fn corpus_jsonl() -> (String, Vec<String>) {
    let mut jsonl = String::new();
    let mut ids = Vec::new();
    for i in 0..DOCUMENTS {
        let name = CORPORA[i % CORPORA.len()];
        let dir = repo().join("corpora").join(name);
        let en = fs::read_to_string(dir.join("en.txt")).unwrap();
        let ja = fs::read_to_string(dir.join("ja.txt")).unwrap();
        let id = format!("{name}-{i:02}");
        let en = format!("Report number {}.\n\n{en}", i + 1);
        let ja = format!("報告第{}号。\n\n{ja}", i + 1);
        jsonl += &format!(
            "{{\"id\":{},\"en\":{},\"ja\":{}}}\n",
            json_string(&id),
            json_string(&en),
            json_string(&ja)
        );
        ids.push(id);
        if i == DOCUMENTS / 2 {
            jsonl += &format!("{{\"id\":\"{BAD_ID}\",\"en\":\"A lone sentence.\",\"ja\":\"\"}}\n");
        }
    }
    (jsonl, ids)
}

/// The doc_id a JSONL bead starts with, as written (escapes kept).
fn doc_id(line: &str) -> &str {
    let rest = line
        .strip_prefix("{\"doc_id\":\"")
        .unwrap_or_else(|| panic!("a bead without a leading doc_id: {line}"));
    let bytes = rest.as_bytes();
    let mut i = 0;
    while bytes[i] != b'"' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    &rest[..i]
}

/// The lines of `text` sorted by doc_id, stable: each document's beads keep their order.
fn by_document(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_by_key(|l| doc_id(l));
    lines
}

/// The ids of `text`'s documents in the order they come, each once; fails if a document's
/// beads are not together.
fn documents(text: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for line in text.lines() {
        let id = doc_id(line);
        if ids.last() != Some(&id) {
            assert!(!ids.contains(&id), "{id}'s beads are split: {text}");
            ids.push(id);
        }
    }
    ids
}

hashi_test!(
    #[ignore = "needs Java, python3 with venv and PyPI; .ci/run installs them"]
    spark_pipe_equals_one_batch_run,
    |dir, cmd| {
        require(
            "java",
            &["-version"],
            "the Spark test needs Java 8/11/17 on PATH",
        );
        require(
            "python3",
            &["--version"],
            "the Spark test needs python3 on PATH",
        );
        let python = venv();

        let (jsonl, ids) = corpus_jsonl();
        let input = dir.create("docs.jsonl", &jsonl);

        // One hashi batch run on the whole input.
        let direct = cmd
            .args(["batch", "--stdin-jsonl", "--format", "jsonl"])
            .stdin(&jsonl)
            .assert_exit_code(1);
        let err = common::stderr(&direct);
        assert!(err.contains(&format!("hashi: batch: {BAD_ID}: ")), "{err}");
        let expected = String::from_utf8(direct.stdout).unwrap();
        assert_eq!(documents(&expected), ids, "hashi batch's documents");

        // The same input on Spark, in PARTITIONS partitions or more, two local cores.
        let output = dir.join("beads");
        let failures = dir.join("failures.txt");
        let mut spark = Command::new(&python);
        spark
            .arg(repo().join("examples/spark/align_corpus.py"))
            .arg("--input")
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .arg("--hashi")
            .arg(hashi_bin())
            .args([
                "--partitions",
                &PARTITIONS.to_string(),
                "--master",
                "local[2]",
            ])
            .arg("--failures")
            .arg(&failures)
            .env("PYSPARK_PYTHON", &python)
            .env("SPARK_LOCAL_IP", "127.0.0.1")
            .stdin(Stdio::null());
        let started = Instant::now();
        let (code, _, err) = run_logged(spark, dir.path(), "spark", Duration::from_secs(600));
        eprintln!("Spark job: {:.1} s", started.elapsed().as_secs_f64());
        assert_eq!(
            code,
            Some(1),
            "align_corpus.py exits 1 for the bad document, not failing the job: {err}"
        );
        let failed = fs::read_to_string(&failures).unwrap();
        assert!(
            failed.lines().count() == 1 && failed.starts_with(&format!("hashi: batch: {BAD_ID}: ")),
            "the one failure reported: {failed:?}"
        );
        let summary = format!("hashi: spark: {} documents aligned, 1 failed, ", ids.len());
        assert!(err.contains(&summary), "{summary:?} in: {err}");
        assert!(
            output.join("_SUCCESS").exists(),
            "no _SUCCESS in {output:?}"
        );

        // The part files in name order: their partitions, in input order.
        let mut parts: Vec<PathBuf> = fs::read_dir(&output)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("part-")
            })
            .collect();
        parts.sort();
        let parts: Vec<String> = parts
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        let used = parts.iter().filter(|p| !p.is_empty()).count();
        assert!(
            parts.len() >= PARTITIONS && used >= 3,
            "{} part files, {used} not empty: the documents were not spread over partitions",
            parts.len()
        );
        let actual = parts.concat();

        // Exact: the beads of every document, in their order, byte for byte, whatever the order
        // of the documents.
        assert_eq!(documents(&actual).len(), ids.len(), "Spark's documents");
        let (want, got) = (by_document(&expected), by_document(&actual));
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(g, w, "the first differing bead");
        }
        assert_eq!(got.len(), want.len(), "beads");
        // And the documents' order: the part files, read in order, are the input's order.
        assert_eq!(actual, expected, "the part files concatenated");
    }
);
