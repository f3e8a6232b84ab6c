//! `hashi eval` end to end: small bead files written here, figures worked out by hand (and
//! checked against the shared score.py, whose JSON line `--json` reproduces byte for byte).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh, empty folder for one test under cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_eval")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

fn hashi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hashi"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

// gold: 0-0, 1,2-1, 3 dropped, Japanese 2 added, 4-3.
const GOLD: &str = "[0]:[0]\n[1,2]:[1]\n[3]:[]\n[]:[2]\n[4]:[3]\n";
// test: 0-0 exact, 1-1 lax (shares 1-1 with gold 1,2-1), 2 dropped (miss), 3-2 (miss), 4-3
// exact; a repeated 0-0, an empty bead and a blank line, which scoring ignores.
const TEST: &str = "[0]:[0]\n[1]:[1]\n\n[2]:[]\n[3]:[2]\n[4]:[3]\n[0]:[0]\n[]:[]\n";

#[test]
fn one_pair_json_equals_score_py() {
    let dir = scratch("one_pair_json");
    write(&dir.join("gold.align"), GOLD);
    write(&dir.join("out.align"), TEST);
    let out = hashi(&dir, &["eval", "gold.align", "out.align", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Precision over the 5 distinct non-empty test beads: strict 2/5, lax 3/5.
    // Recall over the 3 gold beads pairing both sides (0-0, 1,2-1, 4-3) against the test
    // pairs: strict 2/3, lax 3/3. F1 strict 2*.4*.6667/1.0667 = .5, lax 2*.6*1/1.6 = .75.
    // gold_beads counts gold lines as read: 5.
    assert_eq!(
        stdout(&out),
        "{\"precision_strict\": 0.4, \"recall_strict\": 0.6667, \"f1_strict\": 0.5, \
         \"precision_lax\": 0.6, \"recall_lax\": 1.0, \"f1_lax\": 0.75, \"gold_beads\": 5}\n"
    );
}

#[test]
fn one_pair_table() {
    let dir = scratch("one_pair_table");
    write(&dir.join("gold.align"), GOLD);
    write(&dir.join("out.align"), TEST);
    let out = hashi(&dir, &["eval", "gold.align", "out.align"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("strict     0.4000  0.6667  0.5000"), "{text}");
    assert!(text.contains("lax        0.6000  1.0000  0.7500"), "{text}");
    assert!(
        text.contains("gold beads   5 (3 distinct pairing both sides)"),
        "{text}"
    );
    assert!(text.contains("test beads   5 "), "{text}");
}

#[test]
fn perfect_alignment_scores_one() {
    let dir = scratch("perfect");
    write(&dir.join("gold.align"), GOLD);
    let out = hashi(&dir, &["eval", "gold.align", "gold.align", "--json"]);
    assert_eq!(
        stdout(&out),
        "{\"precision_strict\": 1.0, \"recall_strict\": 1.0, \"f1_strict\": 1.0, \
         \"precision_lax\": 1.0, \"recall_lax\": 1.0, \"f1_lax\": 1.0, \"gold_beads\": 5}\n"
    );
}

#[test]
fn empty_test_file_scores_zero() {
    let dir = scratch("empty_test");
    write(&dir.join("gold.align"), GOLD);
    write(&dir.join("out.align"), "");
    let out = hashi(&dir, &["eval", "gold.align", "out.align", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"precision_strict\": 0.0, \"recall_strict\": 0.0, \"f1_strict\": 0.0, \
         \"precision_lax\": 0.0, \"recall_lax\": 0.0, \"f1_lax\": 0.0, \"gold_beads\": 5}\n"
    );
}

#[test]
fn cases_are_summed_before_dividing() {
    let dir = scratch("cases_micro");
    // Case a: one bead, found. Case b: three beads, the one test bead is wrong.
    write(&dir.join("set/a/gold.align"), "[0]:[0]\n");
    write(&dir.join("set/a/out.align"), "[0]:[0]\n");
    write(&dir.join("set/b/gold.align"), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    write(&dir.join("set/b/out.align"), "[0]:[1]\n");
    // Hidden folders are not cases (score.py's glob skips them), even without out.align.
    write(&dir.join("set/.hidden/gold.align"), "[0]:[0]\n");
    let out = hashi(&dir, &["eval", "--cases", "set", "out.align", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Summed: precision 1/2, recall 1/4, F1 2*.5*.25/.75 = .3333 (a mean of the per-case
    // figures would give precision .5, recall .5).
    assert_eq!(
        stdout(&out),
        "{\"precision_strict\": 0.5, \"recall_strict\": 0.25, \"f1_strict\": 0.3333, \
         \"precision_lax\": 0.5, \"recall_lax\": 0.25, \"f1_lax\": 0.3333, \"gold_beads\": 4}\n"
    );
    let table = hashi(&dir, &["eval", "--cases", "set", "out.align"]);
    assert!(
        stdout(&table).contains("cases        2"),
        "{}",
        stdout(&table)
    );
}

#[test]
fn case_without_the_test_file_is_an_error() {
    let dir = scratch("cases_missing");
    write(&dir.join("set/a/gold.align"), "[0]:[0]\n");
    write(&dir.join("set/a/out.align"), "[0]:[0]\n");
    write(&dir.join("set/b/gold.align"), "[0]:[0]\n");
    let out = hashi(&dir, &["eval", "--cases", "set", "out.align"]);
    assert!(!out.status.success());
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("set{0}b{0}out.align", std::path::MAIN_SEPARATOR)),
        "{err}"
    );
    assert!(err.contains("missing"), "{err}");
}

#[test]
fn folder_without_cases_is_an_error() {
    let dir = scratch("cases_none");
    fs::create_dir_all(dir.join("set/a")).unwrap();
    let out = hashi(&dir, &["eval", "--cases", "set", "out.align"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no case folders"), "{}", stderr(&out));
}

#[test]
fn malformed_line_names_file_and_line() {
    let dir = scratch("malformed");
    write(&dir.join("gold.align"), GOLD);
    write(&dir.join("out.align"), "[0]:[0]\n\n0:1\n[2]:[2]\n");
    let out = hashi(&dir, &["eval", "gold.align", "out.align"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert_eq!(
        stderr(&out),
        "hashi: out.align:3: expected '[ids]:[ids]', found \"0:1\"\n"
    );
}

#[test]
fn bad_id_names_file_and_line() {
    let dir = scratch("bad_id");
    write(&dir.join("gold.align"), "[0]:[0]\n[1]:[x]\n");
    write(&dir.join("out.align"), "[0]:[0]\n");
    let out = hashi(&dir, &["eval", "gold.align", "out.align", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("hashi: gold.align:2: "), "{err}");
    assert!(err.contains("\"x\" is not a sentence id"), "{err}");
}

#[test]
fn missing_file_is_an_error() {
    let dir = scratch("missing_file");
    write(&dir.join("gold.align"), GOLD);
    let out = hashi(&dir, &["eval", "gold.align", "nope.align"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nope.align: cannot read"),
        "{}",
        stderr(&out)
    );
}
