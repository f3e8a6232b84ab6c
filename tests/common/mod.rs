//! What the command-line tests share: the bundled corpora and running the built binary.
#![allow(dead_code)] // each test file uses a different part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A folder of `corpora/`.
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(name)
}

/// Runs `hashi` with `args`.
pub fn hashi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .output()
        .expect("hashi runs")
}

/// Runs `hashi` with `args`, feeding `input` on standard input from another thread (so a
/// large input cannot deadlock against a full output pipe).
pub fn hashi_stdin(args: &[&str], input: &[u8]) -> Output {
    // hashi may stop reading early (an error); a broken pipe then is expected.
    hashi_stdin_fed(args, input).0
}

/// [`hashi_stdin`], with how writing the input went: an error when hashi did not read all
/// of it.
pub fn hashi_stdin_fed(args: &[&str], input: &[u8]) -> (Output, std::io::Result<()>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hashi runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    let fed = feeder.join().expect("the feeder thread does not panic");
    (out, fed)
}

/// Standard output of a run that must have succeeded.
pub fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}
