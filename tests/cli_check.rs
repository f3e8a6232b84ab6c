//! `hashi check` on the bundled corpora, running the real binary.

#[macro_use]
mod common;
use common::{cmd, corpus, s, Dir};

use std::path::{Path, PathBuf};

fn check_json(en: &Path, ja: &Path) -> Vec<serde_json::Value> {
    check_json_with(&[], en, ja)
}

/// The findings of `hashi check --format json [extra] EN JA`, which must succeed.
fn check_json_with(extra: &[&str], en: &Path, ja: &Path) -> Vec<serde_json::Value> {
    let out = cmd(["check", "--format", "json"])
        .args(extra)
        .args([en, ja])
        .stdout();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["findings"].as_array().unwrap().clone()
}

#[test]
fn gold_omissions_and_additions_are_reported() {
    let dir = corpus("jaxa-launch");
    let gold = std::fs::read_to_string(dir.join("gold.align")).unwrap();
    assert!(gold.contains("[4]:[]") && gold.contains("[]:[11]"));
    let f = check_json(&dir.join("en.txt"), &dir.join("ja.txt"));
    let kinds: Vec<(String, String, String)> = f
        .iter()
        .map(|x| {
            (
                x["kind"].to_string(),
                x["en_ids"].to_string(),
                x["ja_ids"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("\"addition\"".into(), "[4]".into(), "[]".into()),
            ("\"omission\"".into(), "[]".into(), "[11]".into()),
        ]
    );
    for x in &f {
        let keys: Vec<&String> = x.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["detail", "en", "en_ids", "ja", "ja_ids", "kind"]);
    }
    assert!(f[1]["detail"].as_str().unwrap().contains("probability"));
    assert_eq!(f[1]["ja"], "衛星の開発費は約380億円。");
}

hashi_test!(a_changed_number_is_reported_on_its_pair, |tmp, cmd| {
    let dir = corpus("jaxa-launch");
    let ja = std::fs::read_to_string(dir.join("ja.txt")).unwrap();
    assert!(ja.contains("約4千人"));
    let ja_path = tmp.create("ja.txt", ja.replace("約4千人", "約5千人"));
    let f = check_json(&dir.join("en.txt"), &ja_path);
    let numbers: Vec<_> = f.iter().filter(|x| x["kind"] == "number").collect();
    assert_eq!(numbers.len(), 1, "{f:?}");
    assert_eq!(numbers[0]["en_ids"], serde_json::json!([11]));
    assert_eq!(numbers[0]["ja_ids"], serde_json::json!([12]));
    let detail = numbers[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("4,000") && detail.contains("5千"),
        "{detail}"
    );

    let en = dir.join("en.txt");
    let code = |ja: &Path| {
        common::cmd(["check", "--fail-on", "number", s(&en), s(ja)])
            .output()
            .status
            .code()
    };
    assert_eq!(code(&ja_path), Some(1));
    assert_eq!(code(&dir.join("ja.txt")), Some(0));
});

hashi_test!(
    one_sentence_a_side_is_one_pair_and_its_number_compared,
    |tmp, cmd| {
        // A sentence checked on its own: its one number disagrees, so the pair looks unrelated
        // and is refused; forced, it is compared as the pair it was given as, not left as an
        // omission and an addition.
        let en = tmp.create("en.txt", "He is 18 years old.\n");
        let ja = tmp.create("ja.txt", "彼は19歳だ。\n");
        let refused = common::cmd(["check", s(&en), s(&ja)]).output();
        assert_eq!(refused.status.code(), Some(2));
        let out = common::cmd(["check", "--force", s(&en), s(&ja)]).stdout();
        assert_eq!(
            out,
            "verdict: unrelated: 0 of 1 English sentence and 0 of 1 Japanese find a \
         counterpart\n\nnumber  en 0  ja 0\n  en: He is 18 years old.\n  ja: 彼は19歳だ。\n  \
         18 vs 19\n\n1 finding\n"
        );
    }
);

hashi_test!(era_years_and_hours_are_read_as_written, |tmp, cmd| {
    let en = tmp.create(
        "en.txt",
        "The city council approved the new budget on Tuesday.\n\
         The library was opened in 2021 to mark the anniversary.\n\
         The museum was renovated in 2018 after a long debate.\n\
         The festival begins at 8 p.m. in front of the station.\n\
         The old hall was built in 1989 and closes at 9 p.m.\n\
         The mayor said he expects many visitors this year.\n",
    );
    let ja = tmp.create(
        "ja.txt",
        "市議会は火曜日、新しい予算を承認した。\n\
         図書館は記念事業として令和2年に開館した。\n\
         博物館は長い議論の末、令和元年に改装された。\n\
         祭りは駅前で午前８時に始まる。\n\
         旧会館は平成元年に建てられ、午後９時に閉まる。\n\
         市長は今年多くの来場者を見込んでいると述べた。\n",
    );
    let f = check_json_with(&["--presegmented"], &en, &ja);
    let got: Vec<(&str, String, String, &str)> = f
        .iter()
        .map(|x| {
            (
                x["kind"].as_str().unwrap(),
                x["en_ids"].to_string(),
                x["ja_ids"].to_string(),
                x["detail"].as_str().unwrap(),
            )
        })
        .collect();
    // 令和2年 is 2020 and shown as written; 令和元年 is 2019; 午前８時 is 8 a.m. The fifth
    // pair's values agree: 平成元年 is 1989, 午後９時 is 9 p.m.
    let number = |id: &str, detail| ("number", format!("[{id}]"), format!("[{id}]"), detail);
    assert_eq!(
        got,
        [
            number("1", "2021 vs 令和2年"),
            number("2", "2018 vs 令和元年"),
            number("3", "8 p.m. vs 午前８時"),
        ]
    );
});

#[test]
fn kanji_numerals_agree_with_digits() {
    let dir = corpus("shogi-record");
    let f = check_json(&dir.join("en.txt"), &dir.join("ja.txt"));
    assert!(f.iter().all(|x| x["kind"] != "number"), "{f:?}");
}

#[test]
fn fail_on_counts_and_errors() {
    let dir = corpus("jaxa-launch");
    let (en, ja) = (dir.join("en.txt"), dir.join("ja.txt"));
    let run = |fail: &str| {
        cmd(["check", "--fail-on", fail, s(&en), s(&ja)])
            .output()
            .status
            .code()
    };
    assert_eq!(run("2"), Some(1));
    assert_eq!(run("3"), Some(0));
    assert_eq!(run("omission,date"), Some(1));
    assert_eq!(run("typo"), Some(2));
}

#[test]
fn fail_on_0_is_refused_since_every_run_would_fail() {
    let dir = corpus("jaxa-launch");
    let out = cmd([
        "check",
        "--fail-on",
        "0",
        s(&dir.join("en.txt")),
        s(&dir.join("ja.txt")),
    ])
    .assert_exit_code(2);
    let err = common::stderr(&out);
    assert!(
        err.starts_with(
            "error: invalid value '0' for '--fail-on <KIND[,KIND]|N>': expected finding kinds \
             or a number of at least 1\n"
        ),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn help_gives_the_json_verdict_and_findings() {
    let help = cmd(["check", "--help"]).stdout();
    assert!(
        help.contains(r#"json: {"verdict": {...}, "findings": [...]}"#),
        "{help}"
    );
}

hashi_test!(html_page_shows_both_texts_escaped, |tmp, cmd| {
    let dir = corpus("jaxa-launch");
    let en = std::fs::read_to_string(dir.join("en.txt")).unwrap();
    tmp.create("en.txt", en.replace("About 4,000", "About <4,000> & more"));
    cmd.args([
        "check",
        "--html",
        "out.html",
        "en.txt",
        s(&dir.join("ja.txt")),
    ])
    .stdout();
    let page = tmp.read("out.html");
    // The texts are data (JSON that no text can close the script element of), never markup.
    assert!(page.contains(r"About \u003c4,000\u003e \u0026 more"));
    assert!(!page.contains("<4,000>"));
    assert!(page.contains("衛星の開発費は約380億円。"));
    assert!(page.contains(r#""kind":"omission""#));
    assert!(page.contains(r#""kind":"addition""#));
    assert!(!page.contains("http://") && !page.contains("https://"));
});

/// Writes a four-sentence English and Japanese article (pre-segmented) whose third sentences
/// are unrelated: the English one is `third`, the Japanese one an added remark.
fn unrelated_third(tmp: &Dir, third: &str) -> (PathBuf, PathBuf) {
    let en = tmp.create(
        "en.txt",
        format!(
            "JAXA launched its H3 rocket from the Tanegashima Space Center on Sunday morning.\n\
             About 4,000 people watched the launch from the coast.\n\
             {third}\n\
             The next launch is planned for March.\n"
        ),
    );
    let ja = tmp.create(
        "ja.txt",
        "JAXAは日曜日の朝、種子島宇宙センターからH3ロケットを打ち上げた。\n\
         海岸では約4千人が打ち上げを見守った。\n\
         見物に来た人の多くは地元の住民で、朝早くから海岸に集まった。\n\
         次の打ち上げは3月に予定されている。\n",
    );
    (en, ja)
}

fn beads(en: &Path, ja: &Path) -> String {
    let out = cmd(["align", "--presegmented", "--format", "beads", s(en), s(ja)]).output();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn gap_findings(en: &Path, ja: &Path) -> Vec<String> {
    check_json_with(&["--presegmented"], en, ja)
        .iter()
        .map(|x| format!("{} {} {}", x["kind"], x["en_ids"], x["ja_ids"]))
        .collect()
}

hashi_test!(
    /// An added English sentence beside an omitted Japanese one, sharing no anchor and carrying
    /// none of its own: `align` pairs them (their lengths fit and neither carries much), `check`,
    /// which would rather show a gap than hide one, reports both.
    check_leaves_an_unrelated_pair_as_omission_and_addition,
    |tmp, cmd| {
    let (en, ja) = unrelated_third(
        &tmp,
        "The rocket's engine was developed by a large team of engineers.",
    );
    assert_eq!(beads(&en, &ja), "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n");
    assert_eq!(
        gap_findings(&en, &ja),
        ["\"omission\" [] [2]", "\"addition\" [2] []"]
    );
});

hashi_test!(
    /// The same pair when the English sentence writes a number the Japanese article never does
    /// ("ten years"): that number is content a translation would have matched, so `align` too
    /// leaves the two unpaired.
    a_number_the_other_article_never_writes_unpairs_an_unrelated_pair,
    |tmp, cmd| {
    let (en, ja) = unrelated_third(
        &tmp,
        "The rocket's engine was developed over ten years.",
    );
    assert_eq!(
        beads(&en, &ja),
        "[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n"
    );
    assert_eq!(
        gap_findings(&en, &ja),
        ["\"omission\" [] [2]", "\"addition\" [2] []"]
    );
});
