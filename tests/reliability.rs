//! Issue 22's reproductions, kept as tests of the real binary: what `-o` writes onto (links,
//! FIFOs), temporary files on signals and on a file-size limit, the lock on a batch output,
//! numbers that are out of range, `--resume` with escaped, repeated or cut ids and headers,
//! old Mac line ends, binary texts inline, and the wording of a few messages. Each test
//! works in a `tempfile` folder, removed when it ends.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[macro_use]
mod common;
use common::{cmd, corpus, s, stderr, stdout};

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a scratch folder")
}

fn names(dir: &Path) -> Vec<String> {
    common::entries(dir)
}

fn jaxa() -> (PathBuf, PathBuf) {
    let dir = corpus("jaxa-launch");
    (dir.join("en.txt"), dir.join("ja.txt"))
}

/// One inline JSONL document of batch's standard input.
fn inline(id: &str, en: &str, ja: &str) -> String {
    format!("{}\n", serde_json::json!({"id": id, "en": en, "ja": ja}))
}

/// A few inline documents made of the corpora.
fn corpus_docs(ids: &[&str]) -> String {
    let names = ["jaxa-launch", "tokyo-budget", "shogi-record"];
    ids.iter()
        .zip(names.iter().cycle())
        .map(|(id, name)| {
            let read = |side| std::fs::read_to_string(corpus(name).join(side)).unwrap();
            inline(id, &read("en.txt"), &read("ja.txt"))
        })
        .collect()
}

/// `hashi ARGS` started in `dir` with standard input a pipe the test holds.
fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hashi starts")
}

/// Waits until a file whose name `wanted` accepts is in `dir` (the run got that far); gives
/// up after two minutes, which only a broken build takes.
fn wait_for(dir: &Path, wanted: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        if let Some(name) = names(dir).into_iter().find(|n| wanted(n)) {
            return name;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no such file in {}: {:?}",
            dir.display(),
            names(dir)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn rows_of_csv(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The doc_id of every record of a batch output in CSV, in order, one per document run.
fn csv_doc_runs(text: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    for row in rows_of_csv(text) {
        if runs.last() != Some(&row[0]) {
            runs.push(row[0].clone());
        }
    }
    runs
}

// Item 1: what -o writes onto.

#[test]
fn output_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let dir = scratch();
    let (en, ja) = jaxa();
    std::fs::write(dir.path().join("real.csv"), "old\n").unwrap();
    std::os::unix::fs::symlink("real.csv", dir.path().join("link.csv")).unwrap();
    let expected = cmd(["align", s(&en), s(&ja)]).stdout();
    cmd(["align", s(&en), s(&ja), "-o", "link.csv"])
        .current_dir(dir.path())
        .stdout();
    let link = std::fs::symlink_metadata(dir.path().join("link.csv")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    eqnice!(
        expected,
        std::fs::read_to_string(dir.path().join("real.csv")).unwrap()
    );
    assert_eq!(names(dir.path()), ["link.csv", "real.csv"]);
}

#[test]
fn output_onto_a_fifo_is_written_in_place() {
    let dir = scratch();
    let (en, ja) = jaxa();
    let fifo = dir.path().join("pipe");
    let path = std::ffi::CString::new(s(&fifo)).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    // Opened for reading without waiting for a writer, so that a build that replaced the
    // FIFO instead of writing it fails here rather than blocking for ever. The output (4 KB)
    // fits in the pipe's buffer, so hashi ends before it is read.
    use std::os::unix::fs::OpenOptionsExt;
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let expected = cmd(["align", s(&en), s(&ja)]).stdout();
    cmd(["align", s(&en), s(&ja), "-o", s(&fifo)]).stdout();
    let mut got = String::new();
    std::io::Read::read_to_string(&mut reader, &mut got).unwrap();
    eqnice!(expected, got);
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO became {kind:?}");
    assert_eq!(names(dir.path()), ["pipe"]);
}

// Items 1 and 8: temporary files on every exit the process controls.

fn interrupted_run_leaves_nothing(signal: i32, code: i32) {
    let dir = scratch();
    let mut child = spawn(
        dir.path(),
        &["batch", "-", "--format", "jsonl", "-o", "out.jsonl"],
    );
    let mut input = child.stdin.take().unwrap();
    input.write_all(corpus_docs(&["a"]).as_bytes()).unwrap();
    input.flush().unwrap();
    wait_for(dir.path(), |n| {
        n.starts_with(".out.jsonl.") && n.ends_with(".tmp")
    });
    // SAFETY: signalling a child this test started and has not waited for yet.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let out = child.wait_with_output().unwrap();
    drop(input);
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn sigterm_removes_the_temporary_file_and_exits_143() {
    interrupted_run_leaves_nothing(libc::SIGTERM, 143);
}

#[test]
fn ctrl_c_removes_the_temporary_file_and_exits_130() {
    interrupted_run_leaves_nothing(libc::SIGINT, 130);
}

#[test]
fn a_file_size_limit_is_an_error_that_leaves_nothing() {
    let dir = scratch();
    let (en, ja) = jaxa();
    // `ulimit -f 1`: at most one block; the output is several.
    let out = Command::new("sh")
        .args(["-c", "ulimit -f 1; exec \"$@\"", "sh"])
        .arg(env!("CARGO_BIN_EXE_hashi"))
        .args(["align", s(&en), s(&ja), "-o", "out.csv"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("out.csv: cannot write: File too large"),
        "{}",
        stderr(&out)
    );
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

// Item 4: one run at a time on an output.

#[test]
fn a_second_run_on_a_locked_output_is_refused() {
    let dir = scratch();
    let args = [
        "batch",
        "-",
        "--format",
        "jsonl",
        "--resume",
        "-o",
        "out.jsonl",
    ];
    let mut first = spawn(dir.path(), &args);
    let mut input = first.stdin.take().unwrap();
    input.write_all(corpus_docs(&["a"]).as_bytes()).unwrap();
    input.flush().unwrap();
    wait_for(dir.path(), |n| n == ".out.jsonl.lock");

    let docs = corpus_docs(&["b"]);
    let plain = ["batch", "-", "--format", "jsonl", "-o", "out.jsonl"];
    for second in [&args[..], &plain[..]] {
        let out = cmd(second)
            .current_dir(dir.path())
            .stdin(docs.as_bytes())
            .assert_exit_code(2);
        assert!(
            stderr(&out).contains("out.jsonl: another hashi run is writing this output"),
            "{}",
            stderr(&out)
        );
    }

    drop(input);
    let out = first.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The lock file went with the run.
    assert_eq!(names(dir.path()), ["out.jsonl"]);
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert!(written.lines().all(|l| l.contains(r#""doc_id":"a""#)));
}

// Item 5: numbers.

#[test]
fn parameters_out_of_range_are_refused_naming_them() {
    let (en, ja) = jaxa();
    for (params, message) in [
        (
            "skip_score=inf",
            "hashi: --params: skip_score = inf: expected a finite number from -100 to 100\n",
        ),
        (
            "len_sigma=nan",
            "hashi: --params: len_sigma = NaN: expected a finite number above 0, at most 100\n",
        ),
        (
            "merge_score=nan",
            "hashi: --params: merge_score = NaN: expected a finite number from -100 to 100\n",
        ),
    ] {
        let out = cmd(["align", "--params", params, s(&en), s(&ja)]).assert_exit_code(2);
        eqnice!(message, stderr(&out), "{params}");
    }
    let out = cmd(["align", "--max-ratio", "inf", s(&en), s(&ja)]).assert_exit_code(2);
    assert!(stderr(&out).contains("--max-ratio must be a finite number"));
}

#[test]
fn thread_counts_are_checked_and_zero_is_every_core() {
    let dir = scratch();
    let docs = corpus_docs(&["a"]);
    for threads in ["18446744073709551615", "1000000000", "1025"] {
        let out = cmd(["batch", "-", "--threads", threads, "-o", "out.csv"])
            .current_dir(dir.path())
            .stdin(docs.as_bytes())
            .assert_exit_code(2);
        eqnice!(
            format!(
                "hashi: --threads: threads = {threads}: expected 0 (every core) or 1 to 1024\n"
            ),
            stderr(&out)
        );
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }
    let out = cmd(["batch", "-", "--threads", "0", "--format", "jsonl"])
        .stdin(docs.as_bytes())
        .output();
    assert!(stdout(&out).contains(r#""doc_id":"a""#));
    let (en, ja) = jaxa();
    cmd(["align", "--threads", "0", s(&en), s(&ja)]).stdout();
    cmd(["align", "--threads", "5000", s(&en), s(&ja)]).assert_exit_code(2);
    let help = cmd(["batch", "--help"]).stdout();
    assert!(help.contains("0 (the default) is one a core"), "{help}");
}

// Item 6: resuming with escaped and repeated ids.

#[test]
fn resume_recognises_ids_escaped_by_spreadsheet_safe() {
    let dir = scratch();
    let docs = corpus_docs(&["=A0", "-b", "c"]);
    let args = [
        "batch",
        "-",
        "--spreadsheet-safe",
        "--resume",
        "-o",
        "out.csv",
    ];
    for _ in 0..2 {
        cmd(args)
            .current_dir(dir.path())
            .stdin(docs.as_bytes())
            .stdout();
        let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
        assert_eq!(csv_doc_runs(&written), ["'=A0", "'-b", "c"]);
    }
}

#[test]
fn a_repeated_id_is_reported_and_left_out() {
    let dir = scratch();
    let docs = corpus_docs(&["a", "b", "a"]);
    for args in [
        &["batch", "-", "-o", "out.csv"][..],
        &["batch", "-", "--resume", "-o", "out.csv"][..],
    ] {
        let out = cmd(args)
            .current_dir(dir.path())
            .stdin(docs.as_bytes())
            .assert_exit_code(1);
        assert!(
            stderr(&out).contains(
                "hashi: batch: a: the id is repeated: document 1 of the input has it already\n"
            ),
            "{}",
            stderr(&out)
        );
        let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
        assert_eq!(csv_doc_runs(&written), ["a", "b"], "{args:?}");
    }
}

// Item 7: a CSV cut inside its header.

#[test]
fn resume_rewrites_a_header_cut_short() {
    let dir = scratch();
    let docs = corpus_docs(&["a", "b"]);
    let expected = cmd(["batch", "-"]).stdin(docs.as_bytes()).stdout();
    std::fs::write(dir.path().join("out.csv"), "doc_id,en_i").unwrap();
    cmd(["batch", "-", "--resume", "-o", "out.csv"])
        .current_dir(dir.path())
        .stdin(docs.as_bytes())
        .stdout();
    eqnice!(
        expected,
        std::fs::read_to_string(dir.path().join("out.csv")).unwrap()
    );
}

// Session 16: a file that is not hashi's is refused, however short.

#[test]
fn resume_refuses_a_file_hashi_did_not_write_and_leaves_it_as_it_was() {
    let dir = scratch();
    let docs = corpus_docs(&["a", "b"]);
    for (name, text) in [
        ("notes.csv", "my notes, important\n"),
        ("header.csv", "doc_id,en_ids\n"),
        ("two.csv", "my notes, important\nsecond line\n"),
        ("notes.jsonl", "my notes, important\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let format = if name.ends_with(".csv") {
            "csv"
        } else {
            "jsonl"
        };
        let out = cmd(["batch", "-", "--format", format, "--resume", "-o", name])
            .current_dir(dir.path())
            .stdin(docs.as_bytes())
            .assert_exit_code(2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("hashi: {name}:1: "))
                && err.ends_with(": not an output of hashi batch\n"),
            "{name}: {err}"
        );
        eqnice!(text, std::fs::read_to_string(&path).unwrap(), "{name}");
    }
    assert_eq!(
        names(dir.path()),
        ["header.csv", "notes.csv", "notes.jsonl", "two.csv"]
    );
}

// Session 16: Moses' two files are both ready before either is replaced.

#[test]
fn moses_output_names_the_file_that_failed_and_replaces_neither() {
    let dir = scratch();
    let (en, ja) = jaxa();
    std::os::unix::fs::symlink("/dev/full", dir.path().join("full.ja")).unwrap();
    let out = cmd(["align", "--format", "moses", "-o", "full", s(&en), s(&ja)])
        .current_dir(dir.path())
        .assert_exit_code(2);
    eqnice!(
        "hashi: full.ja: cannot write: No space left on device (os error 28)\n",
        stderr(&out)
    );
    assert_eq!(names(dir.path()), ["full.ja"], "full.en was written");

    std::fs::write(dir.path().join("dir.en"), "old\n").unwrap();
    std::fs::create_dir(dir.path().join("dir.ja")).unwrap();
    for args in [
        &["align", "--format", "moses", "-o", "dir", s(&en), s(&ja)][..],
        &["batch", "--format", "moses", "-o", "dir", "-"][..],
    ] {
        let out = cmd(args)
            .current_dir(dir.path())
            .stdin(corpus_docs(&["a"]))
            .assert_exit_code(2);
        eqnice!(
            "hashi: dir.ja: cannot write: is a directory\n",
            stderr(&out),
            "{args:?}"
        );
        eqnice!(
            "old\n",
            std::fs::read_to_string(dir.path().join("dir.en")).unwrap()
        );
        assert_eq!(names(dir.path()), ["dir.en", "dir.ja", "full.ja"]);
    }
}

// Item 9: old Mac line ends, and NUL in inline texts.

#[test]
fn cr_only_files_are_lines_and_no_cell_holds_a_line_end() {
    let dir = scratch();
    let (en, ja) = jaxa();
    let mac = |from: &Path, name: &str| {
        let text = std::fs::read_to_string(from).unwrap().replace('\n', "\r");
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let (mac_en, mac_ja) = (mac(&en, "en.txt"), mac(&ja, "ja.txt"));
    for format in ["tsv", "csv", "jsonl"] {
        let unix = cmd(["align", "--format", format, s(&en), s(&ja)]).stdout();
        let old_mac = cmd(["align", "--format", format, s(&mac_en), s(&mac_ja)]).stdout();
        // JSONL's spans are the same too: a line end is one byte either way.
        eqnice!(unix, old_mac, "{format}");
        assert!(!old_mac.contains('\r'), "{format}");
    }
    let tsv = cmd(["align", "--format", "tsv", s(&mac_en), s(&mac_ja)]).stdout();
    let pairs = cmd(["align", "--format", "hf-jsonl", s(&en), s(&ja)]).stdout();
    assert_eq!(tsv.lines().count(), pairs.lines().count());

    let segmented = cmd(["segment", "--lang", "en", s(&mac_en)]).stdout();
    assert!(!segmented.contains('\r'));
    eqnice!(cmd(["segment", "--lang", "en", s(&en)]).stdout(), segmented);
    let jsonl = cmd(["segment", "--lang", "ja", "--format", "jsonl", s(&mac_ja)]).stdout();
    let bytes = std::fs::read(&mac_ja).unwrap();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        assert_eq!(
            &bytes[start as usize..end as usize],
            v["text"].as_str().unwrap().as_bytes()
        );
    }
}

#[test]
fn a_nul_inline_in_batch_jsonl_is_binary_as_in_a_file() {
    let docs = format!(
        "{}{}",
        inline(
            "bad",
            "It rained.\0 Then it stopped.",
            "雨が降った。やんだ。"
        ),
        corpus_docs(&["good"])
    );
    let out = cmd(["batch", "-"])
        .stdin(docs.as_bytes())
        .assert_exit_code(1);
    assert!(
        stderr(&out)
            .contains("hashi: batch: bad: <en>: binary data, not text (a NUL byte at byte 10;"),
        "{}",
        stderr(&out)
    );
    assert!(!out.stdout.contains(&0));
    assert_eq!(
        csv_doc_runs(&String::from_utf8(out.stdout).unwrap()),
        ["good"]
    );
}

// Item 10: messages.

#[test]
fn a_line_that_is_not_json_is_placed_once() {
    let docs = format!("{}{{x\n", corpus_docs(&["a"]));
    let out = cmd(["batch", "-"])
        .stdin(docs.as_bytes())
        .assert_exit_code(1);
    let err = stderr(&out);
    assert!(
        err.contains("hashi: batch: line 2: not a JSON object: key must be a string at column 2\n"),
        "{err}"
    );
}

#[test]
fn one_sentence_is_singular_and_dev_stdin_is_standard_input() {
    let dir = scratch();
    let one = dir.path().join("one.txt");
    std::fs::write(&one, "It rained.\n").unwrap();
    let many = dir.path().join("many.txt");
    std::fs::write(&many, "雨が降った。\n".repeat(30)).unwrap();
    let out = cmd(["align", s(&one), s(&many)]).assert_exit_code(2);
    assert!(
        stderr(&out).contains(": 1 English sentence against 30 Japanese,"),
        "{}",
        stderr(&out)
    );
    let out: Output = cmd(["align", "/dev/stdin", "-"])
        .stdin("It rained.")
        .assert_exit_code(2);
    assert!(
        stderr(&out).contains("only one of EN_FILE and JA_FILE can be standard input"),
        "{}",
        stderr(&out)
    );
}

/// Runs the binary, copied into `dir`, with `args` where no new thread or process can start
/// (`prlimit --nproc=1`; as root, whom the limit does not bind, as the user nobody through
/// `setpriv`), in `dir`.
fn without_threads(dir: &Path, args: &[&str]) -> Output {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("hashi");
    std::fs::copy(env!("CARGO_BIN_EXE_hashi"), &bin).expect("a copy of the binary");
    // nobody reads the inputs and writes the outputs here.
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let mode = if entry.path().is_dir() || entry.path() == bin {
            0o777
        } else {
            0o666
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut command = Command::new("prlimit");
    command.arg("--nproc=1");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        command.args([
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]);
    }
    command
        .arg(&bin)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("prlimit runs (util-linux)")
}

#[test]
#[ignore = "needs prlimit and setpriv (util-linux); .ci/run installs them"]
fn where_no_thread_can_start_every_command_still_runs_or_says_why() {
    let dir = scratch();
    let (en, ja) = jaxa();
    std::fs::copy(&en, dir.path().join("en.txt")).unwrap();
    std::fs::copy(&ja, dir.path().join("ja.txt")).unwrap();
    for side in ["en", "ja"] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
        std::fs::copy(
            dir.path().join(format!("{side}.txt")),
            dir.path().join(side).join("a.txt"),
        )
        .unwrap();
    }
    // What each command writes with threads, to compare.
    let with = |args: &[&str]| cmd(args).current_dir(dir.path()).stdout();
    let runs: [&[&str]; 3] = [
        &["align", "en.txt", "ja.txt"],
        &["check", "en.txt", "ja.txt"],
        &[
            "batch",
            "--threads",
            "2",
            "--en-dir",
            "en",
            "--ja-dir",
            "ja",
            "-f",
            "jsonl",
        ],
    ];
    for args in runs {
        let out = without_threads(dir.path(), args);
        assert!(
            out.status.success(),
            "{args:?}: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        assert_eq!(String::from_utf8_lossy(&out.stdout), with(args), "{args:?}");
    }
    // `pair`'s stages are rayon's parallel iterators, which need a pool: it says so.
    let out = without_threads(dir.path(), &["pair", "--threads", "2", "en", "ja"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("hashi: cannot start 2 threads: ")
            && said.contains("(ask for fewer with --threads, or raise the limit on processes)"),
        "{said}"
    );
}
