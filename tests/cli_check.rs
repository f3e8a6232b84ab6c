//! `hashi check` on the bundled corpora, running the real binary.

mod common;
use common::{corpus, hashi};

use std::path::{Path, PathBuf};
use std::process::Command;

fn check_json(en: &Path, ja: &Path) -> Vec<serde_json::Value> {
    check_json_with(&[], en, ja)
}

/// The findings of `hashi check --format json [extra] EN JA`, which must succeed.
fn check_json_with(extra: &[&str], en: &Path, ja: &Path) -> Vec<serde_json::Value> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend([en.to_str().unwrap(), ja.to_str().unwrap()]);
    let out = hashi(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hashi-check-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
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
    assert!(f[1]["detail"].as_str().unwrap().contains("confidence"));
    assert_eq!(f[1]["ja"], "衛星の開発費は約380億円。");
}

#[test]
fn a_changed_number_is_reported_on_its_pair() {
    let dir = corpus("jaxa-launch");
    let tmp = temp_dir("number");
    let ja = std::fs::read_to_string(dir.join("ja.txt")).unwrap();
    assert!(ja.contains("約4千人"));
    let ja_path = tmp.join("ja.txt");
    std::fs::write(&ja_path, ja.replace("約4千人", "約5千人")).unwrap();
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
    let args = |p: &Path| {
        vec![
            "check".to_string(),
            "--fail-on".into(),
            "number".into(),
            en.to_str().unwrap().into(),
            p.to_str().unwrap().into(),
        ]
    };
    let code = |a: Vec<String>| {
        Command::new(env!("CARGO_BIN_EXE_hashi"))
            .args(a)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(args(&ja_path)), Some(1));
    assert_eq!(code(args(&dir.join("ja.txt"))), Some(0));
    let _ = std::fs::remove_dir_all(tmp);
}

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
        hashi(&[
            "check",
            "--fail-on",
            fail,
            en.to_str().unwrap(),
            ja.to_str().unwrap(),
        ])
        .status
        .code()
    };
    assert_eq!(run("2"), Some(1));
    assert_eq!(run("3"), Some(0));
    assert_eq!(run("omission,date"), Some(1));
    assert_eq!(run("typo"), Some(2));
}

#[test]
fn html_page_shows_both_texts_escaped() {
    let dir = corpus("jaxa-launch");
    let tmp = temp_dir("html");
    let en_path = tmp.join("en.txt");
    let en = std::fs::read_to_string(dir.join("en.txt")).unwrap();
    std::fs::write(&en_path, en.replace("About 4,000", "About <4,000> & more")).unwrap();
    let html = tmp.join("out.html");
    let out = hashi(&[
        "check",
        "--html",
        html.to_str().unwrap(),
        en_path.to_str().unwrap(),
        dir.join("ja.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("About &lt;4,000&gt; &amp; more"));
    assert!(page.contains("衛星の開発費は約380億円。"));
    assert!(page.contains("<tr class=\"omission\">"));
    assert!(page.contains("<tr class=\"addition\">"));
    assert!(!page.contains("<script") && !page.contains("http"));
    let _ = std::fs::remove_dir_all(tmp);
}

/// Writes a four-sentence English and Japanese article (pre-segmented) whose third sentences
/// are unrelated: the English one is `third`, the Japanese one an added remark.
fn unrelated_third(name: &str, third: &str) -> (PathBuf, PathBuf, PathBuf) {
    let tmp = temp_dir(name);
    let en = tmp.join("en.txt");
    let ja = tmp.join("ja.txt");
    std::fs::write(
        &en,
        format!(
            "JAXA launched its H3 rocket from the Tanegashima Space Center on Sunday morning.\n\
             About 4,000 people watched the launch from the coast.\n\
             {third}\n\
             The next launch is planned for March.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &ja,
        "JAXAは日曜日の朝、種子島宇宙センターからH3ロケットを打ち上げた。\n\
         海岸では約4千人が打ち上げを見守った。\n\
         見物に来た人の多くは地元の住民で、朝早くから海岸に集まった。\n\
         次の打ち上げは3月に予定されている。\n",
    )
    .unwrap();
    (tmp, en, ja)
}

fn beads(en: &Path, ja: &Path) -> String {
    let (e, j) = (en.to_str().unwrap(), ja.to_str().unwrap());
    let out = hashi(&["align", "--presegmented", "--format", "beads", e, j]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn gap_findings(en: &Path, ja: &Path) -> Vec<String> {
    check_json_with(&["--presegmented"], en, ja)
        .iter()
        .map(|x| format!("{} {} {}", x["kind"], x["en_ids"], x["ja_ids"]))
        .collect()
}

/// An added English sentence beside an omitted Japanese one, sharing no anchor and carrying
/// none of its own: `align` pairs them (their lengths fit and neither carries much), `check`,
/// which would rather show a gap than hide one, reports both.
#[test]
fn check_leaves_an_unrelated_pair_as_omission_and_addition() {
    let (tmp, en, ja) = unrelated_third(
        "unrelated",
        "The rocket's engine was developed by a large team of engineers.",
    );
    assert_eq!(beads(&en, &ja), "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n");
    assert_eq!(
        gap_findings(&en, &ja),
        ["\"omission\" [] [2]", "\"addition\" [2] []"]
    );
    let _ = std::fs::remove_dir_all(tmp);
}

/// The same pair when the English sentence writes a number the Japanese article never does
/// ("ten years"): that number is content a translation would have matched, so `align` too
/// leaves the two unpaired.
#[test]
fn a_number_the_other_article_never_writes_unpairs_an_unrelated_pair() {
    let (tmp, en, ja) = unrelated_third(
        "orphan-number",
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
    let _ = std::fs::remove_dir_all(tmp);
}
