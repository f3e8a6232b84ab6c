//! `hashi segment` on the bundled corpora and on awkward input, running the real binary.

#[macro_use]
mod common;
use common::{cmd, corpus, s, stderr};

const CORPORA: &[&str] = &[
    "jaxa-launch",
    "tokyo-budget",
    "shogi-record",
    "drone-rescue",
];

#[test]
fn segments_the_bundled_corpora_as_their_gold() {
    for name in CORPORA {
        for lang in ["en", "ja"] {
            let dir = corpus(name);
            let txt = dir.join(format!("{lang}.txt"));
            let gold = std::fs::read_to_string(dir.join(format!("{lang}.sent"))).unwrap();
            let out = cmd(["segment", "--lang", lang, s(&txt)]).stdout();
            let ours: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
            let gold: Vec<&str> = gold.lines().collect();
            assert_eq!(ours, gold, "{name}/{lang}");
        }
    }
}

#[test]
fn text_output_separates_paragraphs_with_a_blank_line() {
    let input = "Headline without a period\n\nMr. Saito, 45, left at 8 p.m. He returned on Dec. 28.\r\nA second line.\n";
    eqnice!(
        "Headline without a period\n\nMr. Saito, 45, left at 8 p.m.\nHe returned on Dec. 28.\nA second line.\n",
        cmd(["segment", "--lang", "en"]).stdin(input).stdout()
    );
}

#[test]
fn jsonl_gives_byte_offsets_into_the_input_and_tokens() {
    let input = "\u{feff}見出し\n\n斎藤さんは「行く。」と話した。東京に戻った。\n";
    let out = cmd(["segment", "--lang", "ja", "--format", "jsonl", "--tokens"])
        .stdin(input)
        .stdout();
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
    // Every row says whether it is page furniture, false here: a stable schema.
    assert!(rows.iter().all(|r| r["furniture"] == false), "{out}");
    let saito = &rows[1]["tokens"][0];
    assert_eq!(saito["surface"], "斎藤");
    assert_eq!(saito["reading"], "サイトウ");
    assert_eq!(saito["pos"][0], "名詞");
}

/// The ids of a side's sentences that `gold.align` leaves unmatched (`[k]:[]`, `[]:[k]`).
fn unmatched_in_gold(name: &str, lang: &str) -> Vec<usize> {
    let gold = std::fs::read_to_string(corpus(name).join("gold.align")).unwrap();
    let ids = |s: &str| -> Vec<usize> {
        let s = s.trim_matches(['[', ']']);
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().unwrap())
            .collect()
    };
    let mut out = Vec::new();
    for bead in gold.lines() {
        let (en, ja) = bead.split_once(':').unwrap();
        let (mine, other) = if lang == "en" { (en, ja) } else { (ja, en) };
        if ids(other).is_empty() {
            out.extend(ids(mine));
        }
    }
    out
}

#[test]
fn jsonl_marks_the_page_furniture_of_the_sample_page_and_nothing_else() {
    // drone-rescue's page carries furniture on both sides, and its gold leaves exactly the
    // furniture unmatched: print PRINT, the date, `, The Mainichi`, English Press, the
    // credit, Related articles and the menu; 毎日新聞 and its date, 関連記事, the related
    // link, この記事をシェア.
    for lang in ["en", "ja"] {
        let txt = corpus("drone-rescue").join(format!("{lang}.txt"));
        let out = cmd(["segment", "--lang", lang, "--format", "jsonl", s(&txt)]).stdout();
        let marked: Vec<usize> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .enumerate()
            .filter(|(_, r)| r["furniture"].as_bool().expect("furniture is a boolean"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            marked,
            unmatched_in_gold("drone-rescue", lang),
            "{lang}\n{out}"
        );
    }
    // The text output is one sentence a line, furniture included, as before.
    eqnice!(
        "print PRINT\n\nRelated articles\n• Ambassador\n• Ukraine\n",
        cmd(["segment", "--lang", "en"])
            .stdin("print PRINT\n\nRelated articles\n• Ambassador\n• Ukraine\n")
            .stdout()
    );
}

#[test]
fn chat_and_review_text_keeps_faces_names_and_list_items_with_their_sentences() {
    eqnice!(
        "最高！(^o^)\n一瞬どっちにしようか？と迷うのも楽しい。\n全品50%OFF!\n今すぐ。\nYahoo! JAPANで配信。\n",
        cmd(["segment", "--lang", "ja"])
            .stdin("最高！(^o^)一瞬どっちにしようか？と迷うのも楽しい。全品50%OFF!今すぐ。Yahoo! JAPANで配信。")
            .stdout()
    );
    eqnice!(
        "Steps:\n1. Open the box.\n2. Take it out.\nWe use oOh!Media. #URL#\nSee you 😊\nBye.\n",
        cmd(["segment", "--lang", "en"])
            .stdin(
                "Steps: 1. Open the box. 2. Take it out. We use oOh!Media. #URL# See you 😊 Bye.\n"
            )
            .stdout()
    );
}

#[test]
fn language_is_guessed_when_not_given() {
    eqnice!(
        "雨が降った。\n晴れた。\n",
        cmd(["segment"]).stdin("雨が降った。晴れた。").stdout()
    );
}

#[test]
fn empty_input_gives_empty_output() {
    eqnice!("", cmd(["segment", "--lang", "ja"]).stdin("").stdout());
}

hashi_test!(
    invalid_utf8_is_an_error_naming_file_and_offset,
    |dir, cmd| {
        // "日本" in Shift_JIS.
        dir.create("sjis.txt", b"ok \x93\xfa\x96\x7b");
        // Read as UTF-8 explicitly: `auto` would decode it as Shift_JIS.
        let out = cmd
            .args(["segment", "--encoding", "utf-8", "--lang", "ja", "sjis.txt"])
            .assert_err();
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.contains("sjis.txt: invalid UTF-8 at byte 3"), "{err}");
    }
);

#[test]
fn missing_file_is_an_error_naming_it() {
    let out = cmd(["segment", "--lang", "en", "/nonexistent/article.txt"]).assert_err();
    let err = stderr(&out);
    assert!(err.contains("/nonexistent/article.txt"), "{err}");
}

#[test]
fn tokens_without_jsonl_and_a_dictionary_without_tokens_are_refused() {
    let ja = s(&corpus("jaxa-launch").join("ja.txt")).to_string();
    let out = cmd(["segment", "--tokens", &ja]).assert_err();
    assert_eq!(
        stderr(&out),
        "hashi: --tokens adds tokens to --format jsonl only\n"
    );
    let out = cmd(["segment", "--dict", "/nonexistent", &ja]).assert_err();
    assert_eq!(
        stderr(&out),
        "hashi: --dict is the dictionary of --tokens: segmenting needs none\n"
    );
}
