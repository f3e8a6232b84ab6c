//! `hashi review` without a browser: the page it writes (self-contained, the document as
//! escaped JSON, the size of a 1,000-row page) and its input errors, which must be
//! `hashi align`'s (same message, exit 2, no page written).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .output()
        .expect("hashi runs")
}

fn scratch(name: &str) -> tempfile::TempDir {
    // Removed when the test ends, whatever it wrote.
    tempfile::Builder::new()
        .prefix(&format!("hashi-cli-review-{name}-"))
        .tempdir()
        .unwrap()
}

fn corpus(file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora/jaxa-launch")
        .join(file)
        .to_str()
        .unwrap()
        .to_string()
}

/// The JSON document a page carries.
fn data(page: &str) -> serde_json::Value {
    let open = r#"<script type="application/json" id="hashi-data">"#;
    let start = page.find(open).expect("the data element") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("the data is JSON")
}

#[test]
fn page_is_self_contained_and_carries_align_rows_and_check_findings() {
    let scratch_dir = scratch("page");
    let dir = scratch_dir.path();
    let page = dir.join("review.html");
    let out = run(&[
        "review",
        "-o",
        page.to_str().unwrap(),
        &corpus("en.txt"),
        &corpus("ja.txt"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let html = fs::read_to_string(&page).unwrap();
    // Nothing fetched: no URL, no external reference of any kind.
    for outside in ["http:", "https:", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(outside), "the page holds {outside:?}");
    }
    assert!(
        html.contains("default-src 'none'"),
        "a policy forbids any fetch"
    );
    let d = data(&html);
    assert_eq!(d["mode"], "review");
    assert!(d["name"]
        .as_str()
        .unwrap()
        .contains("jaxa-launch/en.txt + "));
    // The rows are hashi align's beads and scores.
    let beads = run(&[
        "align",
        "--format",
        "beads",
        &corpus("en.txt"),
        &corpus("ja.txt"),
    ]);
    let beads = String::from_utf8(beads.stdout).unwrap();
    let rows: Vec<String> = d["beads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let ids = |a: u64, z: u64| (a..z).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            let n = |k: usize| b[k].as_u64().unwrap();
            format!("[{}]:[{}]", ids(n(0), n(1)), ids(n(2), n(3)))
        })
        .collect();
    assert_eq!(rows, beads.lines().collect::<Vec<_>>());
    // The scores are align's, as its CSV prints them.
    let csv = run(&["align", &corpus("en.txt"), &corpus("ja.txt")]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let first_score = csv.lines().nth(1).unwrap().rsplit(',').nth(1).unwrap();
    assert_eq!(d["scores"][0], first_score);
    // The findings are hashi check's.
    let check = run(&[
        "check",
        "--format",
        "json",
        &corpus("en.txt"),
        &corpus("ja.txt"),
    ]);
    let check: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let kinds = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["kind"].to_string(),
                    f["en_ids"].to_string(),
                    f["ja_ids"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(kinds(&d["findings"]), kinds(&check["findings"]));
    assert_eq!(d["findings"].as_array().unwrap().len(), 2);
}

#[test]
fn input_errors_are_those_of_align_and_leave_no_page() {
    let scratch_dir = scratch("errors");
    let dir = scratch_dir.path();
    let empty = dir.join("empty.txt");
    fs::write(&empty, "  \n\n").unwrap();
    let surrogate = dir.join("surrogate.txt");
    // A lone surrogate (U+D800) as UTF-8-like bytes: not UTF-8.
    fs::write(&surrogate, b"The text \xed\xa0\x80 here.\n").unwrap();
    let missing = dir.join("missing.txt");
    let (en, ja) = (corpus("en.txt"), corpus("ja.txt"));
    let cases: Vec<[String; 2]> = vec![
        [en.clone(), empty.to_str().unwrap().into()],
        [ja.clone(), en.clone()],
        [surrogate.to_str().unwrap().into(), ja.clone()],
        [missing.to_str().unwrap().into(), ja.clone()],
        [dir.to_str().unwrap().into(), ja.clone()],
    ];
    let page = dir.join("page.html");
    let mut messages = Vec::new();
    for [e, j] in &cases {
        // UTF-8 stated: `auto` would read the surrogate's bytes as Shift_JIS.
        let align = run(&["align", "--encoding", "utf-8", e, j]);
        let review = run(&[
            "review",
            "--encoding",
            "utf-8",
            "-o",
            page.to_str().unwrap(),
            e,
            j,
        ]);
        assert_eq!(align.status.code(), Some(2), "{e} {j}");
        assert_eq!(review.status.code(), Some(2), "{e} {j}");
        assert_eq!(
            String::from_utf8_lossy(&review.stderr),
            String::from_utf8_lossy(&align.stderr)
        );
        assert!(!page.exists(), "a page was left behind for {e} {j}");
        messages.push(String::from_utf8_lossy(&review.stderr).into_owned());
    }
    assert!(messages[0].ends_with("empty.txt: no sentences: the file is empty or blank\n"));
    assert!(messages[1].contains("looks Japanese: are the files swapped?"));
    assert!(
        messages[2].contains("surrogate.txt: invalid UTF-8 at byte 9"),
        "{}",
        messages[2]
    );
    assert!(messages[3].contains("missing.txt: cannot read"));
    assert!(messages[4].contains("is a directory"));
    // An existing page stays as it was.
    fs::write(&page, "before").unwrap();
    let review = run(&[
        "review",
        "-o",
        page.to_str().unwrap(),
        &en,
        empty.to_str().unwrap(),
    ]);
    assert_eq!(review.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&page).unwrap(), "before");
    let names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
}

#[test]
fn a_thousand_row_page_stays_small() {
    let scratch_dir = scratch("size");
    let dir = scratch_dir.path();
    let (mut en, mut ja) = (String::new(), String::new());
    for i in 0..1000 {
        en.push_str(&format!(
            "The city of Sample {i} counted {} visitors.\n",
            i * 7 + 3
        ));
        ja.push_str(&format!("サンプル{i}市の訪問者は{}人だった。\n", i * 7 + 3));
    }
    fs::write(dir.join("en.txt"), en).unwrap();
    fs::write(dir.join("ja.txt"), ja).unwrap();
    let page = dir.join("page.html");
    let out = run(&[
        "review",
        "--presegmented",
        "-o",
        page.to_str().unwrap(),
        dir.join("en.txt").to_str().unwrap(),
        dir.join("ja.txt").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let size = fs::metadata(&page).unwrap().len();
    let text: usize = data(&fs::read_to_string(&page).unwrap())["beads"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(text, 1000);
    // The texts (about 100 KB) plus rows and the page's own 30 KB or so.
    assert!(size < 200_000, "{size} bytes");
    eprintln!("1,000-row page: {size} bytes");
}
