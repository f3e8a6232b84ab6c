//! Scores that mean "this is a translation", the verdict on a document pair, half-translated
//! pages and page furniture, through the real binary on the bundled corpora.

#[macro_use]
mod common;
use common::{cmd, corpus, s, stderr};

use std::path::PathBuf;

fn files(name: &str) -> (PathBuf, PathBuf) {
    let dir = corpus(name);
    (dir.join("en.txt"), dir.join("ja.txt"))
}

fn jsonl(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The 1-1 beads' scores of `hashi align --format jsonl [extra] EN JA`.
fn one_to_one_scores(extra: &[&str], en: &str, ja: &str) -> Vec<f64> {
    let out = cmd(["align", "--format", "jsonl"])
        .args(extra)
        .args([en, ja])
        .stdout();
    jsonl(&out)
        .iter()
        .filter(|b| b["kind"] == "1-1")
        .map(|b| b["score"].as_f64().unwrap())
        .collect()
}

#[test]
fn two_unrelated_articles_are_refused_and_score_low_when_forced() {
    // A rocket launch against a shogi title match: both news, similar size, nothing in
    // common.
    let (en, _) = files("jaxa-launch");
    let (_, ja) = files("shogi-record");
    for command in ["align", "check"] {
        let out = cmd([command, s(&en), s(&ja)]).assert_exit_code(2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!(
                "hashi: {} and {} do not look like translations of each other: ",
                s(&en),
                s(&ja)
            )) && err.contains("--force aligns anyway"),
            "{command}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    let scores = one_to_one_scores(&["--force"], s(&en), s(&ja));
    assert!(!scores.is_empty());
    assert!(scores.iter().all(|&x| x < 0.5), "{scores:?}");
    // The same article with its own original keeps its pairs high.
    let (_, own) = files("jaxa-launch");
    let scores = one_to_one_scores(&[], s(&en), s(&own));
    let high = scores.iter().filter(|&&x| x >= 0.8).count();
    assert!(high * 10 >= scores.len() * 9, "{scores:?}");
}

#[test]
fn check_json_carries_the_verdict() {
    let (en, ja) = files("jaxa-launch");
    let out = cmd(["check", "--format", "json", s(&en), s(&ja)]).stdout();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let verdict = &v["verdict"];
    assert_eq!(verdict["kind"], "translation");
    assert_eq!(verdict["judged"], true);
    assert_eq!(verdict["en_sentences"], 16);
    assert!(verdict["probability"].as_f64().unwrap() > 0.99);
    assert!(verdict["en_translated"].as_u64().unwrap() >= 14);
}

hashi_test!(
    a_half_translated_page_is_partial_and_its_untranslated_stretch_one_finding_a_side,
    |dir, cmd| {
        // The first eight sentences of jaxa-launch on each side, then the second half of
        // shogi-record's English and of tokyo-budget's Japanese: a page translated up to a
        // point, with something else run after it.
        let lines = |name: &str, file: &str| -> Vec<String> {
            std::fs::read_to_string(corpus(name).join(file))
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect()
        };
        let (en, ja) = (
            lines("jaxa-launch", "en.sent"),
            lines("jaxa-launch", "ja.sent"),
        );
        let tail_en = lines("shogi-record", "en.sent");
        let tail_ja = lines("tokyo-budget", "ja.sent");
        let en: Vec<String> = en[..8].iter().chain(&tail_en[7..]).cloned().collect();
        let ja: Vec<String> = ja[..8].iter().chain(&tail_ja[8..]).cloned().collect();
        let en_path = dir.create("en.sent", en.join("\n") + "\n");
        let ja_path = dir.create("ja.sent", ja.join("\n") + "\n");
        let out = cmd
            .args(["check", "--presegmented", "--format", "json"])
            .args([&en_path, &ja_path])
            .stdout();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["verdict"]["kind"], "partial", "{out}");
        let stretches: Vec<&serde_json::Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["detail"]
                    .as_str()
                    .unwrap()
                    .contains("untranslated stretch")
            })
            .collect();
        assert_eq!(stretches.len(), 2, "{out}");
        let ids = |f: &serde_json::Value, side: &str| -> Vec<u64> {
            f[side]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect()
        };
        let added = ids(stretches[0], "en_ids");
        let omitted = ids(stretches[1], "ja_ids");
        assert_eq!(stretches[0]["kind"], "addition");
        assert_eq!(stretches[1]["kind"], "omission");
        // The English tail (8..16) and the Japanese tail (8..17), give or take the sentence
        // at the seam.
        assert!(added.first() >= Some(&7) && added.last() == Some(&(en.len() as u64 - 1)));
        assert!(omitted.first() >= Some(&7) && omitted.last() == Some(&(ja.len() as u64 - 1)));
        assert!(
            added.len() >= 7 && omitted.len() >= 8,
            "{added:?} {omitted:?}"
        );
        // And align says so on standard error, with the same counts: a pair has one verdict,
        // whatever check's own search (which leaves doubtful sentences unmatched) pairs.
        let verdict = &v["verdict"];
        let counts = format!(
            "translated in part: {} of {} English sentences and {} of {} Japanese",
            verdict["en_translated"],
            verdict["en_sentences"],
            verdict["ja_translated"],
            verdict["ja_sentences"]
        );
        let out = common::hashi(&["align", "--presegmented", s(&en_path), s(&ja_path)]);
        assert!(out.status.success());
        assert!(stderr(&out).contains(&counts), "{}\n{counts}", stderr(&out));
        // batch names the document and counts it in its summary; the whole pair beside it
        // is not mentioned.
        let whole = corpus("jaxa-launch");
        let manifest = dir.create(
            "pairs.csv",
            format!(
                "id,en,ja\nhalf,{},{}\nwhole,{},{}\n",
                s(&en_path),
                s(&ja_path),
                s(&whole.join("en.sent")),
                s(&whole.join("ja.sent"))
            ),
        );
        let out = common::hashi(&["batch", "--presegmented", "--manifest", s(&manifest)]);
        assert!(out.status.success());
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].starts_with(&format!("hashi: batch: half: {counts} find a counterpart")),
            "{err}"
        );
        assert!(
            lines[1]
                .starts_with("hashi: batch: 2 documents aligned (1 translated in part), 0 failed"),
            "{err}"
        );
    }
);

#[test]
fn a_page_written_half_translated_is_partial_end_to_end() {
    // corpora/library-robot: the English edition translates the headline and the first six
    // sentences of the Japanese article, then runs a snow warning; the Japanese goes on about
    // the library.
    let (en, ja) = files("library-robot");
    let out = common::hashi(&["align", "--format", "jsonl", s(&en), s(&ja)]);
    assert!(out.status.success());
    assert_eq!(
        stderr(&out),
        format!(
            "hashi: {} and {}: translated in part: 7 of 11 English sentences and 7 of 13 \
             Japanese find a counterpart\n",
            s(&en),
            s(&ja)
        )
    );
    let beads = jsonl(&String::from_utf8(out.stdout).unwrap());
    // The translated stretch: seven 1-1 pairs, each sure.
    for (k, b) in beads[..7].iter().enumerate() {
        assert_eq!(b["en_ids"], serde_json::json!([k]), "{b}");
        assert_eq!(b["ja_ids"], serde_json::json!([k]), "{b}");
        assert!(b["score"].as_f64().unwrap() >= 0.8, "{b}");
    }
    // After it, every pair the search made is scored as the chance it is.
    let rest = &beads[7..];
    assert!(rest.iter().any(|b| b["kind"] != "1-1"));
    for b in rest.iter().filter(|b| b["kind"] == "1-1") {
        assert!(b["score"].as_f64().unwrap() < 0.1, "{b}");
    }
    // check reports each side's untranslated stretch as one finding.
    let out = cmd(["check", s(&en), s(&ja)]).stdout();
    assert!(
        out.contains(
            "sentences 7–10 of the English (4 in all) have no counterpart: an untranslated \
             stretch"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "sentences 7–12 of the Japanese (6 in all) have no counterpart: an untranslated \
             stretch"
        ),
        "{out}"
    );
    assert!(out.ends_with("2 findings\n"), "{out}");
}

#[test]
fn page_furniture_is_left_unmatched_at_no_cost_and_never_reported() {
    let (en, ja) = files("drone-rescue");
    let out = cmd(["align", "--format", "jsonl", s(&en), s(&ja)]).stdout();
    let beads = jsonl(&out);
    let furniture_en = [
        "print PRINT",
        "• May 14, 2026",
        "• , The Mainichi",
        "• English Press",
        "Related articles",
        "• Ambassador",
        "• Trending Japan",
    ];
    for text in furniture_en {
        let bead = beads
            .iter()
            .find(|b| b["en"].as_array().unwrap().iter().any(|t| t == text))
            .unwrap_or_else(|| panic!("{text} not in the output"));
        assert_eq!(bead["kind"], "1-0", "{text}: {bead}");
        assert_eq!(bead["score"], 1.0, "{text}: {bead}");
    }
    for text in ["関連記事", "この記事をシェア"] {
        let bead = beads
            .iter()
            .find(|b| b["ja"].as_array().unwrap().iter().any(|t| t == text))
            .unwrap();
        assert_eq!(bead["kind"], "0-1", "{text}: {bead}");
    }
    // Every article sentence is paired, with confidence.
    let pairs: Vec<&serde_json::Value> = beads.iter().filter(|b| b["kind"] == "1-1").collect();
    assert_eq!(pairs.len(), 10);
    assert!(pairs.iter().all(|b| b["score"].as_f64().unwrap() >= 0.8));
    // check reports none of it, and the verdict counts the article alone.
    let out = cmd(["check", "--format", "json", s(&en), s(&ja)]).stdout();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"], serde_json::json!([]), "{out}");
    assert_eq!(v["verdict"]["en_sentences"], 10);
    assert_eq!(v["verdict"]["en_translated"], 10);
}

hashi_test!(
    batch_leaves_out_an_unrelated_document_and_says_why,
    |dir, cmd| {
        let text =
            |name: &str, file: &str| std::fs::read_to_string(corpus(name).join(file)).unwrap();
        let line = |id: &str, en: &str, ja: &str| {
            serde_json::json!({"id": id, "en": en, "ja": ja}).to_string() + "\n"
        };
        let input = line(
            "jaxa",
            &text("jaxa-launch", "en.txt"),
            &text("jaxa-launch", "ja.txt"),
        ) + &line(
            "mixed",
            &text("jaxa-launch", "en.txt"),
            &text("shogi-record", "ja.txt"),
        );
        let out = cmd
            .args([
                "batch",
                "--format",
                "jsonl",
                "-o",
                "out.jsonl",
                "--stdin-jsonl",
            ])
            .stdin(input)
            .assert_exit_code(1);
        let err = stderr(&out);
        assert!(
            err.contains("mixed: the sides do not look like translations of each other"),
            "{err}"
        );
        let written = jsonl(&dir.read("out.jsonl"));
        assert!(!written.is_empty());
        assert!(written.iter().all(|b| b["doc_id"] == "jaxa"));
    }
);

#[test]
fn without_the_lexicon_no_pair_is_judged_or_refused() {
    // Numbers and names alone are too little to tell a translation from an unrelated text.
    let (en, _) = files("jaxa-launch");
    let (_, ja) = files("shogi-record");
    let out = cmd(["check", "--no-lexicon", "--format", "json", s(&en), s(&ja)]).stdout();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"]["judged"], false);
}

#[test]
fn one_line_posts_are_scored_by_their_own_evidence() {
    // Four posts and their translations, written for this test, then the same posts against
    // each other's. A pair of one sentence a side has no neighbours to be set against: its
    // score is its own evidence's (numbers, words, length), and unrelated posts, which scored
    // 0.98 when the edges of the text passed for sure neighbours, are refused.
    let posts = [
        (
            "rocket",
            "The No. 6 rocket is scheduled to be launched on Dec. 10.",
            "6号機は12月10日に打ち上げられる予定だ。",
        ),
        (
            "commute",
            "I use them for about an hour a day on my commute.",
            "通勤中に1日1時間ほど使っています。",
        ),
        (
            "library",
            "The library opens at 9 a.m. on weekdays.",
            "図書館は平日の午前9時に開館する。",
        ),
        (
            "umbrella",
            "You forgot your umbrella!",
            "傘を忘れてますよ！",
        ),
    ];
    let others = [
        "加熱中はランプがオレンジ色に点灯します。",
        "初日は開館前から親子連れなどが列を作った。",
    ];
    let mut input = String::new();
    for (id, en, ja) in posts {
        input += &format!("{}\n", serde_json::json!({"id": id, "en": en, "ja": ja}));
    }
    let mismatched = [
        (0, others[0]),
        (1, others[1]),
        (2, posts[3].2),
        (3, posts[0].2),
    ];
    for (k, ja) in mismatched {
        let id = format!("{}-wrong", posts[k].0);
        input += &format!(
            "{}\n",
            serde_json::json!({"id": id, "en": posts[k].1, "ja": ja})
        );
    }
    let out = cmd(["batch", "-", "--format", "jsonl"])
        .stdin(&input)
        .output();
    assert_eq!(out.status.code(), Some(1), "some documents failed");
    let scores: Vec<(String, f64)> = jsonl(&String::from_utf8_lossy(&out.stdout))
        .iter()
        .map(|b| {
            (
                b["doc_id"].as_str().unwrap().to_string(),
                b["score"].as_f64().unwrap(),
            )
        })
        .collect();
    let ids: Vec<&str> = scores.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["rocket", "commute", "library", "umbrella"]);
    // The commute post matches on its numbers and its length only.
    for (id, score) in &scores {
        let least = if id == "commute" { 0.7 } else { 0.95 };
        assert!(*score >= least, "{id}: {score}");
    }
    let said = String::from_utf8_lossy(&out.stderr);
    for (id, ..) in posts {
        assert!(
            said.contains(&format!(
                "{id}-wrong: the sides do not look like translations of each other: 0 of 1 \
                 English sentence and 0 of 1 Japanese find a counterpart"
            )),
            "{said}"
        );
    }
    // Forced, the mismatched posts' pairs score low.
    let forced = cmd(["batch", "-", "--format", "jsonl", "--force"])
        .stdin(&input)
        .stdout();
    for b in jsonl(&forced) {
        if b["doc_id"].as_str().unwrap().ends_with("-wrong") && b["kind"] == "1-1" {
            assert!(b["score"].as_f64().unwrap() < 0.5, "{b}");
        }
    }
}
