//! `hashi eval` end to end: small bead files written here, figures worked out by hand (and
//! checked against the shared score.py, whose JSON line `--json` reproduces byte for byte).

#[macro_use]
mod common;
use common::{stderr, Dir, TestCommand};

// gold: 0-0, 1,2-1, 3 dropped, Japanese 2 added, 4-3.
const GOLD: &str = "[0]:[0]\n[1,2]:[1]\n[3]:[]\n[]:[2]\n[4]:[3]\n";
// test: 0-0 exact, 1-1 lax (shares 1-1 with gold 1,2-1), 2 dropped (miss), 3-2 (miss), 4-3
// exact; a repeated 0-0, an empty bead and a blank line, which scoring ignores.
const TEST: &str = "[0]:[0]\n[1]:[1]\n\n[2]:[]\n[3]:[2]\n[4]:[3]\n[0]:[0]\n[]:[]\n";

/// The line score.py prints (`json.dumps` of its dict: its keys in its order, `", "` and `": "`
/// between), given each figure as it writes it: precision, recall and F1, strict then lax; and
/// the number of gold beads.
fn score_py_line(strict: [&str; 3], lax: [&str; 3], gold_beads: usize) -> String {
    let [ps, rs, fs] = strict;
    let [pl, rl, fl] = lax;
    format!(
        "{{\"precision_strict\": {ps}, \"recall_strict\": {rs}, \"f1_strict\": {fs}, \
         \"precision_lax\": {pl}, \"recall_lax\": {rl}, \"f1_lax\": {fl}, \"gold_beads\": {gold_beads}}}\n"
    )
}

/// `hashi eval` of GOLD against `test`, written into `dir` as gold.align and out.align, `more`
/// arguments after the two files; its standard output.
fn eval_gold(dir: &Dir, cmd: &mut TestCommand, test: &str, more: &[&str]) -> String {
    dir.create("gold.align", GOLD);
    dir.create("out.align", test);
    cmd.args(["eval", "gold.align", "out.align"])
        .args(more)
        .stdout()
}

hashi_test!(one_pair_json_equals_score_py, |dir, cmd| {
    // Precision over the 5 distinct non-empty test beads: strict 2/5, lax 3/5.
    // Recall over the 3 gold beads pairing both sides (0-0, 1,2-1, 4-3) against the test
    // pairs: strict 2/3, lax 3/3. F1 strict 2*.4*.6667/1.0667 = .5, lax 2*.6*1/1.6 = .75.
    // gold_beads counts gold lines as read: 5.
    eqnice!(
        score_py_line(["0.4", "0.6667", "0.5"], ["0.6", "1.0", "0.75"], 5),
        eval_gold(&dir, &mut cmd, TEST, &["--json"])
    );
});

hashi_test!(one_pair_table, |dir, cmd| {
    let text = eval_gold(&dir, &mut cmd, TEST, &[]);
    assert!(text.contains("strict     0.4000  0.6667  0.5000"), "{text}");
    assert!(text.contains("lax        0.6000  1.0000  0.7500"), "{text}");
    assert!(
        text.contains("gold beads   5 (3 distinct pairing both sides)"),
        "{text}"
    );
    assert!(text.contains("test beads   5 "), "{text}");
});

hashi_test!(perfect_alignment_scores_one, |dir, cmd| {
    dir.create("gold.align", GOLD);
    eqnice!(
        score_py_line(["1.0", "1.0", "1.0"], ["1.0", "1.0", "1.0"], 5),
        cmd.args(["eval", "gold.align", "gold.align", "--json"])
            .stdout()
    );
});

hashi_test!(empty_test_file_scores_zero, |dir, cmd| {
    eqnice!(
        score_py_line(["0.0", "0.0", "0.0"], ["0.0", "0.0", "0.0"], 5),
        eval_gold(&dir, &mut cmd, "", &["--json"])
    );
});

hashi_test!(cases_are_summed_before_dividing, |dir, cmd| {
    // Case a: one bead, found. Case b: three beads, the one test bead is wrong.
    dir.create("set/a/gold.align", "[0]:[0]\n");
    dir.create("set/a/out.align", "[0]:[0]\n");
    dir.create("set/b/gold.align", "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    dir.create("set/b/out.align", "[0]:[1]\n");
    // Hidden folders are not cases (score.py's glob skips them), even without out.align.
    dir.create("set/.hidden/gold.align", "[0]:[0]\n");
    // Summed: precision 1/2, recall 1/4, F1 2*.5*.25/.75 = .3333 (a mean of the per-case
    // figures would give precision .5, recall .5).
    eqnice!(
        score_py_line(["0.5", "0.25", "0.3333"], ["0.5", "0.25", "0.3333"], 4),
        cmd.args(["eval", "--cases", "set", "out.align", "--json"])
            .stdout()
    );
    let table = dir
        .command()
        .args(["eval", "--cases", "set", "out.align"])
        .stdout();
    assert!(table.contains("cases        2"), "{table}");
});

hashi_test!(case_without_the_test_file_is_an_error, |dir, cmd| {
    dir.create("set/a/gold.align", "[0]:[0]\n");
    dir.create("set/a/out.align", "[0]:[0]\n");
    dir.create("set/b/gold.align", "[0]:[0]\n");
    let out = cmd
        .args(["eval", "--cases", "set", "out.align"])
        .assert_err();
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("set{0}b{0}out.align", std::path::MAIN_SEPARATOR)),
        "{err}"
    );
    assert!(err.contains("missing"), "{err}");
});

hashi_test!(folder_without_cases_is_an_error, |dir, cmd| {
    dir.create_dir("set/a");
    let out = cmd
        .args(["eval", "--cases", "set", "out.align"])
        .assert_err();
    assert!(stderr(&out).contains("no case folders"), "{}", stderr(&out));
});

hashi_test!(malformed_line_names_file_and_line, |dir, cmd| {
    dir.create("gold.align", GOLD);
    dir.create("out.align", "[0]:[0]\n\n0:1\n[2]:[2]\n");
    let out = cmd
        .args(["eval", "gold.align", "out.align"])
        .assert_exit_code(2);
    assert!(out.stdout.is_empty());
    eqnice!(
        "hashi: out.align:3: expected '[ids]:[ids]', found \"0:1\"\n",
        stderr(&out)
    );
});

hashi_test!(bad_id_names_file_and_line, |dir, cmd| {
    dir.create("gold.align", "[0]:[0]\n[1]:[x]\n");
    dir.create("out.align", "[0]:[0]\n");
    let out = cmd
        .args(["eval", "gold.align", "out.align", "--json"])
        .assert_exit_code(2);
    let err = stderr(&out);
    assert!(err.starts_with("hashi: gold.align:2: "), "{err}");
    assert!(err.contains("\"x\" is not a sentence id"), "{err}");
});

hashi_test!(missing_file_is_an_error, |dir, cmd| {
    dir.create("gold.align", GOLD);
    let out = cmd
        .args(["eval", "gold.align", "nope.align"])
        .assert_exit_code(2);
    assert!(
        stderr(&out).contains("nope.align: cannot read"),
        "{}",
        stderr(&out)
    );
});
