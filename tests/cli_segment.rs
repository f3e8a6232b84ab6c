//! `hashi segment` on the bundled corpora and on awkward input, running the real binary.

mod common;
use common::{hashi_stdin, stdout};

use std::path::Path;

const CORPORA: &[&str] = &["jaxa-launch", "tokyo-budget", "shogi-record"];

#[test]
fn segments_the_bundled_corpora_as_their_gold() {
    for name in CORPORA {
        for lang in ["en", "ja"] {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpora")
                .join(name);
            let txt = dir.join(format!("{lang}.txt"));
            let gold = std::fs::read_to_string(dir.join(format!("{lang}.sent"))).unwrap();
            let out = stdout(&hashi_stdin(
                &["segment", "--lang", lang, txt.to_str().unwrap()],
                b"",
            ));
            let ours: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
            let gold: Vec<&str> = gold.lines().collect();
            assert_eq!(ours, gold, "{name}/{lang}");
        }
    }
}

#[test]
fn text_output_separates_paragraphs_with_a_blank_line() {
    let input = "Headline without a period\n\nMr. Saito, 45, left at 8 p.m. He returned on Dec. 28.\r\nA second line.\n";
    let out = stdout(&hashi_stdin(&["segment", "--lang", "en"], input.as_bytes()));
    assert_eq!(
        out,
        "Headline without a period\n\nMr. Saito, 45, left at 8 p.m.\nHe returned on Dec. 28.\nA second line.\n"
    );
}

#[test]
fn jsonl_gives_byte_offsets_into_the_input_and_tokens() {
    let input = "\u{feff}見出し\n\n斎藤さんは「行く。」と話した。東京に戻った。\n";
    let out = stdout(&hashi_stdin(
        &["segment", "--lang", "ja", "--format", "jsonl", "--tokens"],
        input.as_bytes(),
    ));
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["見出し", "斎藤さんは「行く。」と話した。", "東京に戻った。"]
    );
    for r in &rows {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], r["text"].as_str().unwrap());
    }
    assert_eq!(rows[0]["paragraph"], 0);
    assert_eq!(rows[1]["paragraph"], 1);
    let saito = &rows[1]["tokens"][0];
    assert_eq!(saito["surface"], "斎藤");
    assert_eq!(saito["reading"], "サイトウ");
    assert_eq!(saito["pos"][0], "名詞");
}

#[test]
fn language_is_guessed_when_not_given() {
    let out = stdout(&hashi_stdin(
        &["segment"],
        "雨が降った。晴れた。".as_bytes(),
    ));
    assert_eq!(out, "雨が降った。\n晴れた。\n");
}

#[test]
fn empty_input_gives_empty_output() {
    let out = stdout(&hashi_stdin(&["segment", "--lang", "ja"], b""));
    assert_eq!(out, "");
}

#[test]
fn invalid_utf8_is_an_error_naming_file_and_offset() {
    let dir = std::env::temp_dir().join(format!("hashi-seg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sjis.txt");
    // "日本" in Shift_JIS.
    std::fs::write(&path, b"ok \x93\xfa\x96\x7b").unwrap();
    // Read as UTF-8 explicitly: `auto` would decode it as Shift_JIS.
    let out = hashi_stdin(
        &[
            "segment",
            "--encoding",
            "utf-8",
            "--lang",
            "ja",
            path.to_str().unwrap(),
        ],
        b"",
    );
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sjis.txt: invalid UTF-8 at byte 3"), "{err}");
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let out = hashi_stdin(
        &["segment", "--lang", "en", "/nonexistent/article.txt"],
        b"",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/article.txt"), "{err}");
}
