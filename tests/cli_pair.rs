//! `hashi pair` on a few short invented article pairs and articles without a counterpart,
//! running the real binary: the exact pairs, the unpaired articles, the sources it reads,
//! the manifest `hashi batch` reads back, and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

const EN: &[(&str, &str)] = &[
    (
        "launch.txt",
        "JAXA launched its H3 rocket from the Tanegashima Space Center on Sunday morning. \
         About 4,000 people watched the launch from the coast. The satellite it carried cost \
         about 38 billion yen. The next launch is planned for March.\n",
    ),
    (
        "budget.txt",
        "The Tokyo Metropolitan Government approved a budget of 8.5 trillion yen for fiscal \
         2025 on Friday. Spending on child care rose by 12 percent from last year. Governor \
         Yuriko Koike said the city would also build 20 new parks. The assembly will vote on \
         the plan in March.\n",
    ),
    (
        "ohtani.txt",
        "Shohei Ohtani hit his 50th home run of the season against the Miami Marlins on \
         Thursday. The Dodgers won the game 20-4. Ohtani also stole two bases, reaching 51 for \
         the year. No player in Major League history had hit 50 home runs and stolen 50 bases \
         in one season.\n",
    ),
    (
        "bakery.txt",
        "A new bakery opened in Kyoto's Gion district last week. Its owner trained in Paris \
         for seven years. The shop sells 30 kinds of bread and closes on Mondays.\n",
    ),
];

const JA: &[(&str, &str)] = &[
    (
        "k1.txt",
        "北海道で今年初めての雪が観測された。札幌の気温は氷点下2度まで下がった。\
         気象台は週末にかけて大雪に注意するよう呼びかけている。\n",
    ),
    (
        "k2.txt",
        "大谷翔平は木曜日、マイアミ・マーリンズ戦で今季50本目の本塁打を放った。\
         ドジャースは20対4で勝利した。大谷は2盗塁も決め、今季51盗塁とした。\
         大リーグの歴史で1シーズンに50本塁打、50盗塁を達成した選手はいない。\n",
    ),
    (
        "k3.txt",
        "JAXAは日曜日の朝、種子島宇宙センターからH3ロケットを打ち上げた。\
         海岸では約4千人が打ち上げを見守った。搭載した衛星の開発費は約380億円。\
         次の打ち上げは3月に予定されている。\n",
    ),
    (
        "k4.txt",
        "横浜市の図書館では、蔵書は約15万冊で、カフェも併設されている。\
         週末には家族連れでにぎわい、1日に1,200人が訪れることもある。\n",
    ),
    (
        "k5.txt",
        "東京都は金曜日、2025年度の予算8兆5千億円を承認した。\
         子育て関連の支出は前年より12％増えた。\
         小池百合子知事は、新たに20の公園を整備すると述べた。議会は3月に計画を採決する。\n",
    ),
];

/// The pairs every test expects, as (id, English file, Japanese file).
const PAIRS: &[(&str, &str, &str)] = &[
    ("budget_k5", "budget.txt", "k5.txt"),
    ("launch_k3", "launch.txt", "k3.txt"),
    ("ohtani_k2", "ohtani.txt", "k2.txt"),
];

fn hashi(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("hashi runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Standard error of a run in `dir` that must be refused: exit code 2, nothing on standard
/// output.
fn refused(args: &[&str], dir: &Path) -> String {
    let out = hashi(args, dir);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    stderr
}

/// A temporary folder with `en/` and `ja/` holding the articles.
fn corpus() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (side, docs) in [("en", EN), ("ja", JA)] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
        for (name, body) in docs {
            std::fs::write(dir.path().join(side).join(name), body).unwrap();
        }
    }
    dir
}

/// The rows of a CSV manifest as (id, English file name, Japanese file name), checking the
/// header, that the paths are absolute, and that each score is a probability above 0.5.
fn csv_pairs(csv: &str) -> Vec<(String, String, String)> {
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,en,ja,score"));
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), 4, "{line}");
            let score: f32 = cells[3].parse().unwrap();
            assert!((0.5..=1.0).contains(&score), "{line}");
            let name = |p: &str| {
                let p = PathBuf::from(p);
                assert!(p.is_absolute(), "{line}");
                p.file_name().unwrap().to_string_lossy().into_owned()
            };
            (cells[0].to_string(), name(cells[1]), name(cells[2]))
        })
        .collect()
}

fn expected() -> Vec<(String, String, String)> {
    PAIRS
        .iter()
        .map(|(id, en, ja)| (id.to_string(), en.to_string(), ja.to_string()))
        .collect()
}

/// The pairs sorted by id (CSV is in English-document order: the folder's, by path).
fn sorted(mut pairs: Vec<(String, String, String)>) -> Vec<(String, String, String)> {
    pairs.sort();
    pairs
}

#[test]
fn folders_give_the_exact_pairs_and_leave_the_others_unpaired() {
    let dir = corpus();
    let out = hashi(&["pair", "en", "ja"], dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(sorted(csv_pairs(&text(&out.stdout))), expected());
    assert!(
        stderr.contains("3 pairs, 1 English and 2 Japanese articles unpaired"),
        "{stderr}"
    );
}

#[test]
fn the_manifest_is_what_batch_reads() {
    let dir = corpus();
    let out = hashi(&["pair", "en", "ja", "-o", "pairs.csv"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let batch = hashi(
        &["batch", "--manifest", "pairs.csv", "--format", "jsonl"],
        dir.path(),
    );
    let stderr = text(&batch.stderr);
    assert!(batch.status.success(), "{stderr}");
    assert!(stderr.contains("3 documents aligned, 0 failed"), "{stderr}");
    let mut ids: Vec<String> = text(&batch.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["doc_id"].as_str().unwrap().to_string()
        })
        .collect();
    ids.dedup();
    assert_eq!(ids, ["budget_k5", "launch_k3", "ohtani_k2"]);
}

#[test]
fn inline_jsonl_sources_and_jsonl_output() {
    let dir = corpus();
    let jsonl = |docs: &[(&str, &str)]| -> String {
        docs.iter()
            .map(|(name, body)| {
                let id = name.trim_end_matches(".txt");
                format!("{}\n", serde_json::json!({"id": id, "text": body}))
            })
            .collect()
    };
    std::fs::write(dir.path().join("en.jsonl"), jsonl(EN)).unwrap();
    std::fs::write(dir.path().join("ja.jsonl"), jsonl(JA)).unwrap();
    let out = hashi(
        &[
            "pair", "en.jsonl", "ja.jsonl", "--format", "jsonl", "-o", "p.jsonl",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("p.jsonl")).unwrap();
    let mut got: Vec<(String, String, String)> = written
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let f = |k: &str| v[k].as_str().unwrap().to_string();
            (f("id"), f("en"), f("ja"))
        })
        .collect();
    got.sort();
    // Inline documents are named by their ids.
    assert_eq!(
        got,
        [
            ("budget_k5", "budget", "k5"),
            ("launch_k3", "launch", "k3"),
            ("ohtani_k2", "ohtani", "k2")
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
}

#[test]
fn jsonl_sources_with_a_byte_order_mark_are_read() {
    let dir = corpus();
    let jsonl = |docs: &[(&str, &str)], side: &str| -> String {
        let lines: String = docs
            .iter()
            .map(|(name, _)| {
                let id = name.trim_end_matches(".txt");
                format!(
                    "{}\n",
                    serde_json::json!({"id": id, "path": format!("{side}/{name}")})
                )
            })
            .collect();
        format!("\u{feff}{lines}")
    };
    std::fs::write(dir.path().join("en.jsonl"), jsonl(EN, "en")).unwrap();
    std::fs::write(dir.path().join("ja.jsonl"), jsonl(JA, "ja")).unwrap();
    let out = hashi(&["pair", "en.jsonl", "ja.jsonl"], dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(sorted(csv_pairs(&text(&out.stdout))), expected());
    assert!(
        stderr.starts_with("hashi: pair: 3 pairs, 1 English and 2 Japanese articles unpaired, "),
        "{stderr}"
    );
}

#[test]
fn a_bad_manifest_line_is_placed_once_and_a_source_of_bad_lines_named() {
    let dir = corpus();
    std::fs::write(
        dir.path().join("dup.csv"),
        "id,path\na,en/launch.txt\na,en/budget.txt\n",
    )
    .unwrap();
    let out = hashi(&["pair", "dup.csv", "ja"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("hashi: pair: dup.csv:3: the id \"a\" is listed twice\n"),
        "{stderr}"
    );

    std::fs::write(dir.path().join("bad.jsonl"), "\ngarbage\n").unwrap();
    let stderr = refused(&["pair", "en", "bad.jsonl"], dir.path());
    assert_eq!(
        stderr,
        "hashi: pair: bad.jsonl:2: not a JSON object: expected value at column 1\n\
         hashi: bad.jsonl: no Japanese documents\n"
    );
}

#[test]
fn csv_manifests_recursive_folders_and_tsv() {
    let dir = corpus();
    // The Japanese side from a manifest (paths relative to it), the English from a folder
    // with a subfolder.
    std::fs::create_dir(dir.path().join("en/sport")).unwrap();
    std::fs::rename(
        dir.path().join("en/ohtani.txt"),
        dir.path().join("en/sport/ohtani.txt"),
    )
    .unwrap();
    let rows: String = JA
        .iter()
        .map(|(name, _)| format!("{},ja/{name}\n", name.trim_end_matches(".txt")))
        .collect();
    std::fs::write(dir.path().join("ja.csv"), format!("id,path\n{rows}")).unwrap();
    let out = hashi(&["pair", "en", "ja.csv", "--format", "tsv"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("id\ten\tja\tscore"));
    let mut ids: Vec<&str> = lines.map(|l| l.split('\t').next().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["budget_k5", "launch_k3", "sport/ohtani_k2"]);
}

#[test]
fn a_missing_or_empty_source_exits_2() {
    let dir = corpus();
    let stderr = refused(&["pair", "en", "nowhere"], dir.path());
    assert!(stderr.contains("nowhere: cannot read"), "{stderr}");

    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let stderr = refused(&["pair", "empty", "ja"], dir.path());
    assert!(stderr.contains("empty: no English documents"), "{stderr}");
}

#[test]
fn the_same_file_on_both_sides_is_refused() {
    let dir = corpus();
    let stderr = refused(&["pair", "ja", "ja"], dir.path());
    assert!(
        stderr.contains("the same file is listed as an English and as a Japanese document"),
        "{stderr}"
    );
    // Named differently, still one file.
    std::fs::write(
        dir.path().join("en.csv"),
        "path\nen/launch.txt\n./ja/k3.txt\n",
    )
    .unwrap();
    let stderr = refused(&["pair", "en.csv", "ja"], dir.path());
    assert!(stderr.contains("k3.txt"), "{stderr}");
}

#[test]
fn an_undecodable_file_is_reported_and_left_out_with_exit_1() {
    let dir = corpus();
    // Bytes that are neither UTF-8, Shift_JIS nor EUC-JP, and a binary file.
    std::fs::write(
        dir.path().join("ja/broken.txt"),
        b"\xff\xfe\xfd\x80\x80 abc",
    )
    .unwrap();
    std::fs::write(dir.path().join("en/binary.txt"), b"abc\0def").unwrap();
    let out = hashi(&["pair", "en", "ja", "-o", "pairs.csv"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.txt"), "{stderr}");
    assert!(stderr.contains("binary.txt: binary data"), "{stderr}");
    assert!(
        stderr.contains(
            "3 pairs, 1 English and 2 Japanese articles unpaired, 2 left out (unreadable, \
             malformed or in the other language)"
        ),
        "{stderr}"
    );
    let written = std::fs::read_to_string(dir.path().join("pairs.csv")).unwrap();
    assert_eq!(sorted(csv_pairs(&written)), expected());
}

#[test]
fn an_article_in_the_other_language_is_left_out_and_batch_accepts_every_pair() {
    let dir = corpus();
    // An English article copied among the Japanese ones would pair with its original.
    let en = std::fs::read(
        dir.path().join("en").join(
            std::fs::read_dir(dir.path().join("en"))
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .file_name(),
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("ja/copy.txt"), en).unwrap();
    let out = hashi(&["pair", "en", "ja", "-o", "pairs.csv"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("ja/copy.txt: among the Japanese articles but it looks English: left out"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(dir.path().join("pairs.csv")).unwrap();
    assert_eq!(sorted(csv_pairs(&written)), expected());
    let batch = hashi(
        &["batch", "--manifest", "pairs.csv", "-o", "out.csv"],
        dir.path(),
    );
    assert_eq!(batch.status.code(), Some(0), "{}", text(&batch.stderr));
}

#[test]
fn the_highest_min_score_keeps_no_false_pair_and_one_above_1_is_refused() {
    let dir = corpus();
    let out = hashi(&["pair", "en", "ja", "--min-score", "1"], dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // Scores are below 1 unless every sentence pairs with certainty; at most the three
    // true pairs remain, never another.
    let got = csv_pairs(&text(&out.stdout));
    assert!(got.iter().all(|p| expected().contains(p)), "{got:?}");
    refused(&["pair", "en", "ja", "--min-score", "1.5"], dir.path());
}

#[test]
fn a_shift_jis_file_is_read_and_named_since_batch_reads_utf8_only() {
    let dir = corpus();
    let (k3, _, _) = encoding_rs::SHIFT_JIS.encode(JA[2].1);
    std::fs::write(dir.path().join("ja").join(JA[2].0), k3).unwrap();
    let out = hashi(&["pair", "en", "ja"], dir.path());
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(sorted(csv_pairs(&text(&out.stdout))), expected());
    assert!(stderr.contains("k3.txt: decoded as Shift_JIS"), "{stderr}");
    assert!(
        stderr.contains("1 file decoded from Shift_JIS or EUC-JP: hashi batch reads UTF-8 only"),
        "{stderr}"
    );
}
