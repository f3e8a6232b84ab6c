//! `hashi align` on the bundled corpora, running the real binary.

#[macro_use]
mod common;
use common::{cmd, corpus, s, stderr};

use std::path::PathBuf;

/// Standard output of `hashi align EN JA EXTRA` on a bundled corpus, which must succeed.
fn align(name: &str, extra: &[&str]) -> String {
    let dir = corpus(name);
    cmd(["align", s(&dir.join("en.txt")), s(&dir.join("ja.txt"))])
        .args(extra)
        .stdout()
}

fn lines(path: PathBuf) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

const CORPORA: &[&str] = &["jaxa-launch", "tokyo-budget", "shogi-record"];

#[test]
fn finds_most_gold_beads_of_every_corpus() {
    for name in CORPORA {
        let gold = lines(corpus(name).join("gold.align"));
        let out = align(name, &["--format", "beads"]);
        let found: Vec<&str> = out.lines().collect();
        let hits = gold.iter().filter(|g| found.contains(&g.as_str())).count();
        assert!(
            hits * 10 >= gold.len() * 9,
            "{name}: {hits} of {} gold beads\n{out}",
            gold.len()
        );
    }
}

#[test]
fn pairs_the_quotation_sentences_and_finds_the_added_background_sentence() {
    let out = align("jaxa-launch", &["--format", "beads"]);
    let beads: Vec<&str> = out.lines().collect();
    // Saito's two quoted Japanese sentences are one English sentence; Morita's are two.
    assert!(beads.contains(&"[12]:[13,14]"), "{out}");
    assert!(beads.contains(&"[13]:[15]"), "{out}");
    assert!(beads.contains(&"[14]:[16]"), "{out}");
    assert!(beads.contains(&"[4]:[]"), "{out}");
    assert!(beads.contains(&"[6]:[5,6]"), "{out}");
}

#[test]
fn csv_has_every_sentence_once_in_order_with_its_exact_text() {
    for name in CORPORA {
        let out = align(name, &[]);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(
            reader.headers().unwrap(),
            vec!["en_ids", "ja_ids", "en", "ja", "score", "kind"]
        );
        let en_sent = lines(corpus(name).join("en.sent"));
        let ja_sent = lines(corpus(name).join("ja.sent"));
        let (mut next_en, mut next_ja) = (0usize, 0usize);
        for row in reader.records() {
            let row = row.unwrap();
            let ids = |s: &str| -> Vec<usize> {
                s.split(';')
                    .filter(|x| !x.is_empty())
                    .map(|x| x.parse().unwrap())
                    .collect()
            };
            let (en_ids, ja_ids) = (ids(&row[0]), ids(&row[1]));
            assert!(!en_ids.is_empty() || !ja_ids.is_empty());
            for &i in &en_ids {
                assert_eq!(i, next_en);
                next_en += 1;
            }
            for &j in &ja_ids {
                assert_eq!(j, next_ja);
                next_ja += 1;
            }
            let en: Vec<&str> = en_ids.iter().map(|&i| en_sent[i].as_str()).collect();
            let ja: Vec<&str> = ja_ids.iter().map(|&j| ja_sent[j].as_str()).collect();
            assert_eq!(&row[2], en.join(" "));
            assert_eq!(&row[3], ja.concat());
            let score: f32 = row[4].parse().unwrap();
            assert!((0.0..=1.0).contains(&score));
            assert_eq!(&row[5], format!("{}-{}", en_ids.len(), ja_ids.len()));
        }
        assert_eq!((next_en, next_ja), (en_sent.len(), ja_sent.len()), "{name}");
    }
}

#[test]
fn presegmented_input_gives_the_same_beads_as_running_text() {
    let dir = corpus("tokyo-budget");
    let pre = cmd([
        "align",
        "--presegmented",
        "--format",
        "beads",
        s(&dir.join("en.sent")),
        s(&dir.join("ja.sent")),
    ])
    .stdout();
    let run = align("tokyo-budget", &["--format", "beads"]);
    // Running text has paragraphs, which are soft anchors; beads may differ slightly but
    // both must cover the same sentences.
    assert_eq!(pre.lines().count() > 10, run.lines().count() > 10);
    assert_eq!(pre.lines().last(), run.lines().last());
}

#[test]
fn jsonl_spans_point_into_the_input() {
    let dir = corpus("shogi-record");
    let en_text = std::fs::read_to_string(dir.join("en.txt")).unwrap();
    let ja_text = std::fs::read_to_string(dir.join("ja.txt")).unwrap();
    let out = align("shogi-record", &["--format", "jsonl"]);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for (side, text) in [("en", &en_text), ("ja", &ja_text)] {
            let sents = v[side].as_array().unwrap();
            let spans = v[format!("{side}_spans")].as_array().unwrap();
            assert_eq!(sents.len(), spans.len());
            for (s, sp) in sents.iter().zip(spans) {
                let (a, b) = (
                    sp[0].as_u64().unwrap() as usize,
                    sp[1].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[a..b], s.as_str().unwrap());
            }
        }
    }
}

#[test]
fn tsv_and_min_score_keep_pairs_only() {
    let all = align("jaxa-launch", &["--format", "tsv"]);
    assert!(all
        .lines()
        .all(|l| l.split('\t').count() == 2 && !l.starts_with('\t') && !l.ends_with('\t')));
    let none = align("jaxa-launch", &["--format", "tsv", "--min-score", "1"]);
    assert!(none.lines().count() < all.lines().count());
}

hashi_test!(
    output_file_is_written_and_bad_arguments_fail_clearly,
    |dir, cmd| {
        let c = corpus("jaxa-launch");
        let (en, ja) = (c.join("en.txt"), c.join("ja.txt"));
        cmd.args(["align", s(&en), s(&ja), "-o", "out.csv"])
            .stdout();
        assert!(dir
            .read("out.csv")
            .starts_with("en_ids,ja_ids,en,ja,score,kind\n"));
        let missing = dir
            .command()
            .args(["align", "/nonexistent/en.txt", s(&ja)])
            .assert_err();
        assert!(stderr(&missing).contains("/nonexistent/en.txt"));
        dir.command()
            .args(["align", "--min-score", "2", s(&en), s(&ja)])
            .assert_err();
    }
);

#[test]
fn aligns_without_the_lexicon_too() {
    let out = align("jaxa-launch", &["--format", "beads", "--no-lexicon"]);
    assert!(out.lines().any(|l| l == "[13]:[15]"), "{out}");
    assert!(out.lines().any(|l| l == "[14]:[16]"), "{out}");
}

hashi_test!(an_empty_side_is_an_error_naming_the_file, |dir, cmd| {
    let empty = dir.create("empty.txt", "\n  \n");
    let ja = corpus("jaxa-launch").join("ja.txt");
    let out = cmd.args(["align", s(&empty), s(&ja)]).assert_err();
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("empty.txt: no sentences"), "{err}");
});

/// The README's examples of `hashi align` and `hashi check` on the bundled sample show what
/// the binary prints: every line shown (`...` skips some) is a line of the real output, in order.
#[test]
fn readme_examples_show_the_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for command in [
        "$ hashi align corpora/jaxa-launch/en.txt corpora/jaxa-launch/ja.txt",
        "$ hashi check corpora/jaxa-launch/en.txt corpora/jaxa-launch/ja.txt",
    ] {
        let at = readme
            .find(command)
            .unwrap_or_else(|| panic!("README lacks {command:?}"));
        let shown: Vec<&str> = readme[at..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("    "))
            .map(|l| &l[4..])
            .filter(|l| *l != "...")
            .collect();
        assert!(!shown.is_empty(), "{command}: no output shown");
        let words: Vec<&str> = command.split_whitespace().skip(2).collect();
        let out = cmd(&words).stdout();
        let mut real = out.lines();
        for line in &shown {
            assert!(
                real.any(|r| r.trim_end() == line.trim_end()),
                "{command}: README shows {line:?}, not in the output (or out of order):\n{out}"
            );
        }
    }
}
