//! A closed pipe is not an error: `hashi ... | head -1` exits 0 and says nothing, for every
//! command and every format that writes to standard output (as ripgrep and xsv do).
//!
//! Each run reads the first line of the output, checks it, and closes the pipe. That only
//! tests something when hashi is still writing at that moment, so the outputs are made far
//! larger than what the pipe (64 KiB on Linux) and the reader's buffer hold: hashi is
//! then certainly blocked on a full pipe when the reader goes, and its next write fails.
//! Outputs too small for that (Vecalign beads, eval's table) get a pipe whose reader is
//! closed before hashi starts, so that their first write fails.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;

use common::corpus;

/// What a pipe on Linux (64 KiB) and the reader's buffer (8 KiB) hold: a test means
/// something only when the output is several times this.
const HELD: usize = (64 + 8) << 10;

/// The jaxa-launch articles repeated 300 times, a blank line between copies: about 0.6 MB
/// a side, 3,600 sentences; written once for every test of this file.
fn big_pair() -> &'static (PathBuf, PathBuf) {
    static PAIR: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    PAIR.get_or_init(|| repeated_pair(300))
}

/// The same, 900 times: `check` writes only the findings.
fn bigger_pair() -> &'static (PathBuf, PathBuf) {
    static PAIR: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    PAIR.get_or_init(|| repeated_pair(900))
}

fn repeated_pair(copies: usize) -> (PathBuf, PathBuf) {
    // In the target's scratch folder, not /tmp: shared by the tests of one run, replaced by
    // the next run's.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_pipes");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |lang: &str| {
        let text =
            std::fs::read_to_string(corpus("jaxa-launch").join(format!("{lang}.txt"))).unwrap();
        let path = dir.join(format!("x{copies}.{lang}"));
        std::fs::write(&path, format!("{}\n\n", text.trim_end()).repeat(copies)).unwrap();
        path
    };
    (write("en"), write("ja"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What a run that lost its reader gave: exit status and standard error.
struct Closed {
    status: ExitStatus,
    stderr: String,
}

impl Closed {
    /// Exit 0, nothing on standard error.
    fn assert_quiet(&self, what: &str) {
        assert_eq!(
            (self.status.code(), self.stderr.as_str()),
            (Some(0), ""),
            "{what}"
        );
    }
}

/// `hashi ARGS | head -1`: returns the first line read and how hashi ended after the pipe
/// was closed.
fn head_1(args: &[&str]) -> (String, Closed) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hashi runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader (and the pipe's only reading end) is dropped here.
    let out = child.wait_with_output().unwrap();
    let closed = Closed {
        status: out.status,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (first, closed)
}

/// `hashi ARGS` writing into a pipe nobody reads any more: the first write fails.
fn no_reader(args: &[&str]) -> Closed {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .stdout(writer)
        .output()
        .expect("hashi runs");
    Closed {
        status: out.status,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The size of the whole output of `hashi ARGS`, which must succeed.
fn full_len(args: &[&str]) -> usize {
    common::stdout(&common::hashi(args)).len()
}

#[test]
fn align_stops_quietly_in_every_format_written_to_standard_output() {
    let (en, ja) = big_pair();
    for (format, first) in [
        ("csv", "en_ids,ja_ids,en,ja,score,kind\n"),
        ("tsv", "H3 rocket places rain-observing satellite into orbit\tH3ロケット5号機打ち上げ成功　降水観測衛星「あまつぶ」を軌道に\n"),
        ("tmx", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        ("jsonl", "{\"en\":[\"H3 rocket places"),
        ("hf-jsonl", "{\"translation\":{\"en\":\"H3 rocket places"),
    ] {
        let args = ["align", "--format", format, s(en), s(ja)];
        let (line, closed) = head_1(&args);
        assert!(line.starts_with(first), "{format}: {line:?}");
        closed.assert_quiet(format);
    }
    // The smallest of them is the premise of the test: far more than a pipe holds.
    let tsv = full_len(&["align", "--format", "tsv", s(en), s(ja)]);
    assert!(tsv > 10 * HELD, "tsv output of {tsv} bytes");
}

#[test]
fn align_beads_stop_quietly() {
    let (en, ja) = big_pair();
    let args = ["align", "--format", "beads", s(en), s(ja)];
    no_reader(&args).assert_quiet("beads");
}

#[test]
fn batch_stops_quietly() {
    let (en, ja) = big_pair();
    let dir = en.parent().unwrap();
    let manifest = dir.join("manifest.csv");
    let rows: String = (0..3)
        .map(|i| format!("big{i},{},{}\n", s(en), s(ja)))
        .collect();
    std::fs::write(&manifest, format!("id,en,ja\n{rows}")).unwrap();
    for (format, first) in [
        ("csv", "doc_id,en_ids,ja_ids,en,ja,score,kind\n"),
        ("jsonl", "{\"doc_id\":\"big0\","),
    ] {
        let args = [
            "batch",
            "--threads",
            "1",
            "--manifest",
            s(&manifest),
            "--format",
            format,
        ];
        let (line, closed) = head_1(&args);
        assert!(line.starts_with(first), "{format}: {line:?}");
        // No summary either: the reader stopped the run, nothing failed.
        closed.assert_quiet(format);
    }
}

#[test]
fn segment_stops_quietly() {
    let (en, ja) = big_pair();
    for (args, first) in [
        (
            vec!["segment", "--lang", "en", s(en)],
            "H3 rocket places rain-observing satellite into orbit\n",
        ),
        (
            vec!["segment", "--lang", "ja", "--format", "jsonl", s(ja)],
            "{\"text\":\"H3ロケット5号機打ち上げ成功",
        ),
    ] {
        let (line, closed) = head_1(&args);
        assert!(line.starts_with(first), "{args:?}: {line:?}");
        closed.assert_quiet(&format!("{args:?}"));
    }
    let text = full_len(&["segment", "--lang", "ja", s(ja)]);
    assert!(text > 5 * HELD, "segment output of {text} bytes");
}

#[test]
fn check_stops_quietly_in_both_formats() {
    let (en, ja) = bigger_pair();
    let (line, closed) = head_1(&["check", s(en), s(ja)]);
    assert_eq!(line, "addition  en 4  ja -\n");
    closed.assert_quiet("text");
    // JSON is one line: its reader has to close before hashi writes.
    no_reader(&["check", "--format", "json", s(en), s(ja)]).assert_quiet("json");
    let text = full_len(&["check", s(en), s(ja)]);
    assert!(text > 4 * HELD, "check output of {text} bytes");
}

#[test]
fn eval_stops_quietly() {
    let gold = corpus("jaxa-launch").join("gold.align");
    for json in [false, true] {
        let mut args = vec!["eval", s(&gold), s(&gold)];
        if json {
            args.push("--json");
        }
        no_reader(&args).assert_quiet(&format!("{args:?}"));
    }
}
