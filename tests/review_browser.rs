//! `hashi review` pages in a real browser: headless Chromium (Debian's `chromium` and
//! `chromium-driver`) driven by `tests/review/drive.py` through Selenium, installed from PyPI
//! into `target/review-venv` on the first run (nothing downloads a browser or a driver).
//! Ignored in a plain `cargo test`; `.ci/run` installs what they need and runs them.
//!
//! - the scripted edits (merge, split, move, approve, reject, undo, redo, filters, next
//!   unreviewed; by key and by click) on the jaxa-launch pair give exactly the committed
//!   `tests/review/expected/*` exports, whose unchanged rows are also `hashi align`'s;
//! - hostile text shows as text and runs nothing; its CSV and TMX exports are `hashi align`'s;
//! - the low-confidence filter shows the rows scoring below 0.90, on an unrelated pair;
//! - 5,000 rows: time to first render, to the last row, and scrolling, as Chromium measures;
//! - a 1,000-row page opens with the network off.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SELENIUM: &str = "selenium==4.27.1";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn hashi(args: &[&str]) -> String {
    common::cmd(args).stdout()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> tempfile::TempDir {
    // Removed when the test ends, whatever it wrote.
    tempfile::Builder::new()
        .prefix(&format!("hashi-review-{name}-"))
        .tempdir()
        .unwrap()
}

/// The virtual environment with Selenium, made once in the target folder under a name of its
/// own and renamed into place (as tests/spark.rs makes PySpark's); returns its python. The
/// tests of this file run in threads of one process: one makes it, the others wait.
fn python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON.get_or_init(make_venv).clone()
}

fn make_venv() -> PathBuf {
    for program in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
        assert!(
            Path::new(program).exists(),
            "{program} is missing: install Debian's chromium and chromium-driver (.ci/run does)"
        );
    }
    common::python_venv("review-venv", "hashi-selenium", SELENIUM)
}

/// Runs one mode of drive.py; returns the JSON it prints last.
fn drive(args: &[&Path], mode: &str) -> serde_json::Value {
    let out = common::run_ok(
        Command::new(python())
            .arg(repo().join("tests/review/drive.py"))
            .arg(mode)
            .args(args)
            // Selenium must use Debian's driver, never fetch one.
            .env("SE_OFFLINE", "true"),
        &format!("drive.py {mode}"),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let result: serde_json::Value = serde_json::from_str(last).expect("drive.py prints JSON");
    eprintln!("drive.py {mode}: {result}");
    result
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected(name: &str) -> String {
    read(&repo().join("tests/review/expected").join(name))
}

/// The `<tu>` blocks of a TMX file.
fn units(tmx: &str) -> Vec<String> {
    tmx.split("    <tu>\n")
        .skip(1)
        .map(|u| {
            u.split("    </tu>\n")
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

#[test]
#[ignore = "needs chromium, chromium-driver and python3; .ci/run installs them"]
fn scripted_edits_export_exactly_the_expected_files() {
    let scratch_dir = scratch("edits");
    let dir = scratch_dir.path();
    let corpus = repo().join("corpora/jaxa-launch");
    let (en, ja) = (corpus.join("en.txt"), corpus.join("ja.txt"));
    let (en, ja) = (en.to_str().unwrap(), ja.to_str().unwrap());
    let page = dir.join("review.html");
    hashi(&[
        "review",
        "--name",
        "jaxa-launch",
        "-o",
        page.to_str().unwrap(),
        en,
        ja,
    ]);
    let (downloads, shots) = (dir.join("downloads"), dir.join("shots"));
    fs::create_dir_all(&downloads).unwrap();
    fs::create_dir_all(&shots).unwrap();
    let result = drive(&[&page, &downloads, &shots], "edits");
    assert_eq!(result["rows_after_edits"], 16);

    let csv = read(&downloads.join("jaxa-launch.reviewed.csv"));
    let tmx = read(&downloads.join("jaxa-launch.approved.tmx"));
    let beads = read(&downloads.join("jaxa-launch.reviewed.align"));
    assert_eq!(csv, expected("jaxa-launch.reviewed.csv"));
    assert_eq!(tmx, expected("jaxa-launch.approved.tmx"));
    assert_eq!(beads, expected("jaxa-launch.reviewed.align"));
    // The CSV downloaded after a reload is the same.
    assert_eq!(
        read(Path::new(result["reloaded_csv"].as_str().unwrap())),
        csv
    );

    // Rows nobody changed are hashi align's, byte for byte: CSV rows (plus the status), TMX
    // header and units.
    let align_csv = hashi(&["align", en, ja]);
    let align_lines: Vec<&str> = align_csv.lines().collect();
    let mut unchanged = 0;
    for line in csv.lines().skip(1) {
        let (row, _status) = line.rsplit_once(',').unwrap();
        if align_lines.contains(&row) {
            unchanged += 1;
        }
    }
    assert_eq!(
        unchanged, 12,
        "rows of hashi align kept as they were:\n{csv}"
    );
    assert_eq!(
        csv.lines().next(),
        Some("en_ids,ja_ids,en,ja,score,kind,status")
    );
    let align_tmx = hashi(&["align", "--format", "tmx", en, ja]);
    let head = |t: &str| t.split("  <body>").next().unwrap_or_default().to_string();
    assert_eq!(head(&tmx), head(&align_tmx));
    let align_units = units(&align_tmx);
    let scored: Vec<String> = units(&tmx)
        .into_iter()
        .filter(|u| u.contains("x-score"))
        .collect();
    assert_eq!(scored.len(), 5);
    for u in &scored {
        assert!(
            align_units.contains(u),
            "not one of hashi align's units: {u}"
        );
    }
    // What hashi eval makes of the person's corrections against hashi's own alignment.
    let gold = dir.join("reviewed.align");
    fs::write(&gold, &beads).unwrap();
    let test = dir.join("hashi.align");
    fs::write(&test, hashi(&["align", "--format", "beads", en, ja])).unwrap();
    let eval = hashi(&["eval", gold.to_str().unwrap(), test.to_str().unwrap()]);
    assert!(eval.contains("strict"), "{eval}");
    eprintln!("hashi eval reviewed.align hashi.align:\n{eval}");
    eprintln!("screenshots in {}", shots.display());
}

#[test]
#[ignore = "needs chromium, chromium-driver and python3; .ci/run installs them"]
fn hostile_text_is_shown_as_text_and_exported_as_align_does() {
    let scratch_dir = scratch("hostile");
    let dir = scratch_dir.path();
    let en = dir.join("en.txt");
    let ja = dir.join("ja.txt");
    fs::write(
        &en,
        "The page said <script>window.pwned=1;alert(1)</script> to its readers.\n\
         An image <img src=x onerror=\"window.pwned=1;alert(2)\"> was in the story.\n\
         The form ended with </textarea> and </script><!-- in the text.\n\
         He said \"yes, it's over\", and left & closed it; a, b.\n\
         The escape \\ud800 and a lone surrogate \\uDC00 stay as written {{JS}}.\n\
         A control \u{1} character, a tab\there, U+2028 \u{2028} and U+2029 \u{2029} end here.\n",
    )
    .unwrap();
    fs::write(
        &ja,
        "ページには<script>window.pwned=1;alert(1)</script>と書かれていた。\n\
         記事には<img src=x onerror=\"window.pwned=1;alert(2)\">という画像があった。\n\
         フォームは</textarea>と</script><!--で終わっていた。\n\
         彼は「はい、終わりだ」と言い、\"去った\"＆閉じた。\n\
         エスケープ\\ud800と\\uDC00はそのままだ{{CSS}}。\n\
         制御文字\u{1}とタブ\tが\u{2028}ここで終わる。\n",
    )
    .unwrap();
    let args = ["--presegmented", en.to_str().unwrap(), ja.to_str().unwrap()];
    let page = dir.join("hostile.html");
    let mut review = vec!["review", "--name", "hostile", "-o", page.to_str().unwrap()];
    review.extend(args);
    hashi(&review);
    let downloads = dir.join("downloads");
    fs::create_dir_all(&downloads).unwrap();
    let result = drive(&[&page, &downloads], "hostile");
    assert_eq!(result["sentences_checked"], 12);

    // Every row approved: the CSV is hashi align's with a status column, the TMX is its TMX.
    let mut align = vec!["align"];
    align.extend(args);
    let align_csv = hashi(&align);
    let want: String = align_csv
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "status" } else { "approved" }))
        .collect();
    assert_eq!(read(&downloads.join("hostile.reviewed.csv")), want);
    align.extend(["--format", "tmx"]);
    assert_eq!(read(&downloads.join("hostile.approved.tmx")), hashi(&align));
}

#[test]
#[ignore = "needs chromium, chromium-driver and python3; .ci/run installs them"]
fn read_only_mode_shows_check_rows_and_changes_nothing() {
    use hashi::export::{self, Aligned, Format, Options};
    use hashi::review::{Mode, Page};
    use hashi::segment::{Document, Lang};
    let scratch_dir = scratch("read-only");
    let dir = scratch_dir.path();
    let corpus = repo().join("corpora/jaxa-launch");
    let en = Document::segment(Lang::En, read(&corpus.join("en.txt")));
    let ja = Document::segment(Lang::Ja, read(&corpus.join("ja.txt")));
    let aligner = hashi::Aligner::builder().build().unwrap().for_checking();
    let report = hashi::check::check(&en, &ja, &aligner);
    let options = Options::default();
    let page = dir.join("check.html");
    let mut html = Vec::new();
    hashi::review::write(
        &mut html,
        &Page {
            en: &en,
            ja: &ja,
            alignment: &report.alignment,
            findings: &report.findings,
            name: "jaxa-check",
            mode: Mode::ReadOnly,
            options: &options,
        },
    )
    .unwrap();
    fs::write(&page, html).unwrap();
    let downloads = dir.join("downloads");
    fs::create_dir_all(&downloads).unwrap();
    let result = drive(&[&page, &downloads], "read-only");
    assert_eq!(result["rows"], report.alignment.beads.len());
    assert_eq!(result["rows_with_findings"], 2);
    // Its CSV is the library's CSV of check's alignment, every row unreviewed.
    let mut csv = Vec::new();
    let aligned = Aligned {
        en: &en,
        ja: &ja,
        alignment: &report.alignment,
        doc_id: None,
    };
    export::write(&mut csv, Format::Csv, &aligned, &options).unwrap();
    let want: String = String::from_utf8(csv)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "status" } else { "unreviewed" }))
        .collect();
    assert_eq!(read(&downloads.join("jaxa-check.reviewed.csv")), want);
}

/// `n` presegmented sentence pairs that align one to one.
fn synthetic(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let mut en = String::new();
    let mut ja = String::new();
    for i in 0..n {
        en.push_str(&format!(
            "In {}, the city of Sample {i} counted {} visitors and {} new homes.\n",
            1900 + i % 120,
            i * 7 + 3,
            i % 50 + 1
        ));
        ja.push_str(&format!(
            "{}年、サンプル{i}市の訪問者は{}人、新しい住宅は{}戸だった。\n",
            1900 + i % 120,
            i * 7 + 3,
            i % 50 + 1
        ));
    }
    let (e, j) = (dir.join("en.txt"), dir.join("ja.txt"));
    fs::write(&e, en).unwrap();
    fs::write(&j, ja).unwrap();
    (e, j)
}

/// The review page of a synthetic pre-segmented pair of `rows` sentences a side, in a
/// scratch folder `name` (removed when the folder returned with it is dropped).
fn synthetic_page(name: &str, rows: usize) -> (tempfile::TempDir, PathBuf) {
    let scratch_dir = scratch(name);
    let dir = scratch_dir.path();
    let (en, ja) = synthetic(dir, rows);
    let page = dir.join(format!("{name}.html"));
    hashi(&[
        "review",
        "--presegmented",
        "-o",
        page.to_str().unwrap(),
        en.to_str().unwrap(),
        ja.to_str().unwrap(),
    ]);
    (scratch_dir, page)
}

#[test]
#[ignore = "needs chromium, chromium-driver and python3; .ci/run installs them"]
fn the_low_confidence_filter_shows_the_doubtful_rows() {
    // The bundled sample's pairs all score 0.90 or more, so the filter is tried on an
    // article against an unrelated one, aligned anyway: its pairs are doubtful.
    let scratch_dir = scratch("low");
    let page = scratch_dir.path().join("low.html");
    let corpora = repo().join("corpora");
    hashi(&[
        "review",
        "--force",
        "-o",
        page.to_str().unwrap(),
        corpora.join("jaxa-launch/en.txt").to_str().unwrap(),
        corpora.join("shogi-record/ja.txt").to_str().unwrap(),
    ]);
    let result = drive(&[&page], "low");
    let low = result["low"].as_u64().unwrap();
    assert!(low >= 5, "{result}");
    assert!(low < result["rows"].as_u64().unwrap(), "{result}");
}

#[test]
#[ignore = "needs chromium, chromium-driver and python3; .ci/run installs them"]
fn large_documents_open_and_work_offline() {
    let (_scratch, page) = synthetic_page("big", 5000);
    let result = drive(&[&page], "big");
    assert_eq!(result["rows"], 5000);
    // How fast is a benchmark's figure, not a test's: a loaded machine must not fail it.
    // drive.py checks that End shows the last row; the timings are printed.
    eprintln!(
        "5,000 rows: first render {} ms, End key {} ms",
        result["first_render_ms"], result["end_key_ms"]
    );

    let (_scratch, page) = synthetic_page("thousand", 1000);
    let size = fs::metadata(&page).unwrap().len();
    eprintln!("1,000-row page: {size} bytes");
    let result = drive(&[&page], "offline");
    assert_eq!(result["rows"], 1000);
}
