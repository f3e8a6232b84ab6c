//! The export formats: the real binary on the bundled corpus (TMX validated against the
//! TMX 1.4b DTD with xmllint, Moses, CSV against JSONL, --spreadsheet-safe), and the
//! library's multi-document writer.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hashi::align::{Alignment, Bead};
use hashi::export::{self, Aligned, ExportError, Format, Options, Writer};
use hashi::segment::{Document, Lang};

fn corpus_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora/jaxa-launch")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("export_formats")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn hashi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args(args)
        .output()
        .expect("hashi runs")
}

fn success(out: Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `hashi align` on the bundled jaxa-launch pair.
fn align_corpus(extra: &[&str]) -> String {
    let (en, ja) = (corpus_file("en.txt"), corpus_file("ja.txt"));
    let mut args = vec!["align", en.as_str(), ja.as_str()];
    args.extend_from_slice(extra);
    success(hashi(&args))
}

/// `hashi align --presegmented` on one-sentence-a-line texts written for the test.
fn align_lines(dir: &Path, en: &str, ja: &str, extra: &[&str]) -> String {
    let (en_path, ja_path) = (dir.join("en.sent"), dir.join("ja.sent"));
    fs::write(&en_path, en).unwrap();
    fs::write(&ja_path, ja).unwrap();
    let mut args = vec![
        "align",
        "--presegmented",
        en_path.to_str().unwrap(),
        ja_path.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    success(hashi(&args))
}

/// Validates a TMX file against tests/data/tmx14.dtd, which is copied beside it because the
/// file names its DTD `tmx14.dtd`.
fn assert_valid_tmx(path: &Path) {
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx14.dtd");
    fs::copy(dtd, path.parent().unwrap().join("tmx14.dtd")).unwrap();
    let out = match Command::new("xmllint")
        .args(["--noout", "--valid"])
        .arg(path)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "xmllint not found: the TMX tests need it; install libxml2-utils \
             (apt-get install libxml2-utils)"
        ),
        Err(e) => panic!("xmllint: {e}"),
    };
    assert!(
        out.status.success(),
        "{} is not valid TMX 1.4b:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write_tmx(dir: &Path, name: &str, tmx: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, tmx).unwrap();
    path
}

/// CSV rows as records (header excluded).
fn csv_rows(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("the CSV parses")
}

fn csv_pairs(csv_text: &str) -> Vec<(String, String)> {
    csv_rows(csv_text)
        .iter()
        .filter(|r| !r[0].is_empty() && !r[1].is_empty())
        .map(|r| (r[2].to_string(), r[3].to_string()))
        .collect()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn dtd_rejects_a_header_without_its_required_attributes() {
    // Shows the validation below is not vacuous.
    let dir = scratch("dtd_rejects");
    let path = write_tmx(
        &dir,
        "bad.tmx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
         <tmx version=\"1.4\"><header creationtool=\"x\"/><body/></tmx>\n",
    );
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx14.dtd");
    fs::copy(dtd, dir.join("tmx14.dtd")).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--valid"])
        .arg(&path)
        .output()
        .expect("xmllint runs (install libxml2-utils)");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("srclang"));
}

#[test]
fn tmx_of_the_bundled_corpus_is_valid_and_holds_every_pair() {
    let dir = scratch("tmx_corpus");
    let path = dir.join("jaxa.tmx");
    let printed = align_corpus(&["--format", "tmx"]);
    align_corpus(&["--format", "tmx", "-o", path.to_str().unwrap()]);
    let tmx = fs::read_to_string(&path).unwrap();
    assert_eq!(tmx, printed, "-o writes what standard output gets");
    assert_valid_tmx(&path);

    assert!(tmx.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n"
    ));
    let header = format!(
        "<header creationtool=\"hashi\" creationtoolversion=\"{}\" segtype=\"sentence\" \
         o-tmf=\"hashi\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>",
        env!("CARGO_PKG_VERSION")
    );
    assert!(tmx.contains(&header), "{tmx}");
    assert!(tmx.ends_with("  </body>\n</tmx>\n"));

    let pairs = csv_pairs(&align_corpus(&[]));
    assert!(pairs.len() >= 10, "{pairs:?}");
    assert_eq!(count(&tmx, "<tu>"), pairs.len());
    assert_eq!(count(&tmx, "<prop type=\"x-score\">"), pairs.len());
    assert_eq!(count(&tmx, "<tuv xml:lang=\"en\">"), pairs.len());
    assert_eq!(count(&tmx, "<tuv xml:lang=\"ja\">"), pairs.len());
    // No document id for a single `align`.
    assert_eq!(count(&tmx, "x-doc-id"), 0);
    // The first pair, in order, as segments.
    let (en, ja) = &pairs[0];
    let first_tu = format!(
        "<tuv xml:lang=\"en\"><seg>{en}</seg></tuv>\n      <tuv xml:lang=\"ja\"><seg>{ja}</seg></tuv>"
    );
    assert!(tmx.contains(&first_tu), "{first_tu}\n{tmx}");

    // --min-score leaves pairs out of TMX as it does of CSV.
    let strict_pairs = csv_pairs(&align_corpus(&["--min-score", "0.99"]));
    let strict = align_corpus(&["--format", "tmx", "--min-score", "0.99"]);
    assert!(strict_pairs.len() < pairs.len());
    assert_eq!(count(&strict, "<tu>"), strict_pairs.len());
}

#[test]
fn tmx_escapes_markup_and_drops_control_characters() {
    let dir = scratch("tmx_escape");
    let tmx = align_lines(
        &dir,
        "Sales of <Model X> & \"Model Y\" rose 5%\u{1} in 2024.\nThe company said it was pleased.\n",
        "「モデルX」と「モデルY」の販売は2024年に5%増えた。\u{7}\n同社は満足していると述べた。\n",
        &["--format", "tmx"],
    );
    let path = write_tmx(&dir, "escape.tmx", &tmx);
    assert_valid_tmx(&path);
    assert!(
        tmx.contains(
            "<seg>Sales of &lt;Model X&gt; &amp; &quot;Model Y&quot; rose 5% in 2024.</seg>"
        ),
        "{tmx}"
    );
    assert!(
        tmx.contains("<seg>「モデルX」と「モデルY」の販売は2024年に5%増えた。</seg>"),
        "{tmx}"
    );
    assert!(!tmx.contains('\u{1}') && !tmx.contains('\u{7}'));
}

#[test]
fn tmx_language_codes_are_configurable() {
    let dir = scratch("tmx_langs");
    let tmx = align_corpus(&[
        "--format",
        "tmx",
        "--en-lang",
        "en-US",
        "--ja-lang",
        "ja-JP",
    ]);
    let path = write_tmx(&dir, "langs.tmx", &tmx);
    assert_valid_tmx(&path);
    let tus = count(&tmx, "<tu>");
    assert!(tus > 0);
    assert_eq!(count(&tmx, "<tuv xml:lang=\"en-US\">"), tus);
    assert_eq!(count(&tmx, "<tuv xml:lang=\"ja-JP\">"), tus);
    assert_eq!(count(&tmx, "xml:lang=\"en\""), 0);
    assert!(tmx.contains("srclang=\"en-US\""));

    let ja_source = align_corpus(&["--format", "tmx", "--ja-lang", "ja-JP", "--srclang", "ja"]);
    assert!(ja_source.contains("srclang=\"ja-JP\""));

    // A code that is not a language tag would land in an attribute: refused.
    let (en, ja) = (corpus_file("en.txt"), corpus_file("ja.txt"));
    let out = hashi(&["align", &en, &ja, "-f", "tmx", "--en-lang", "en\"><x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("language code"));
}

#[test]
fn moses_files_are_the_csv_pairs_line_by_line() {
    let dir = scratch("moses");
    let prefix = dir.join("jaxa");
    align_corpus(&["--format", "moses", "-o", prefix.to_str().unwrap()]);
    let en = fs::read_to_string(dir.join("jaxa.en")).unwrap();
    let ja = fs::read_to_string(dir.join("jaxa.ja")).unwrap();
    let (en, ja): (Vec<&str>, Vec<&str>) = (en.lines().collect(), ja.lines().collect());
    assert_eq!(en.len(), ja.len());
    let pairs = csv_pairs(&align_corpus(&[]));
    assert_eq!(en.len(), pairs.len());
    for (n, (e, j)) in en.iter().zip(&ja).enumerate() {
        assert_eq!(
            (*e, *j),
            (pairs[n].0.as_str(), pairs[n].1.as_str()),
            "line {n}"
        );
    }
    // No temporary file is left behind.
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["jaxa.en", "jaxa.ja"]);

    // --min-score is honoured.
    let strict = dir.join("strict");
    align_corpus(&[
        "--format",
        "moses",
        "--min-score",
        "0.99",
        "-o",
        strict.to_str().unwrap(),
    ]);
    let strict_pairs = csv_pairs(&align_corpus(&["--min-score", "0.99"]));
    let strict_en = fs::read_to_string(dir.join("strict.en")).unwrap();
    let strict_ja = fs::read_to_string(dir.join("strict.ja")).unwrap();
    assert_eq!(strict_en.lines().count(), strict_pairs.len());
    assert_eq!(strict_ja.lines().count(), strict_pairs.len());

    // Two files cannot go to standard output.
    let (en_file, ja_file) = (corpus_file("en.txt"), corpus_file("ja.txt"));
    let out = hashi(&["align", &en_file, &ja_file, "--format", "moses"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("moses") && stderr.contains("-o"),
        "{stderr}"
    );
}

#[test]
fn csv_rows_read_back_to_the_jsonl_beads() {
    let csv_text = align_corpus(&[]);
    assert!(csv_text.starts_with("en_ids,ja_ids,en,ja,score,kind\n"));
    let rows = csv_rows(&csv_text);
    let beads: Vec<serde_json::Value> = align_corpus(&["--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), beads.len());
    assert!(rows.len() > 10);
    let ids = |cell: &str| -> Vec<u64> {
        cell.split(';')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect()
    };
    let texts = |v: &serde_json::Value, sep: &str| -> String {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let numbers = |v: &serde_json::Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect()
    };
    for (row, bead) in rows.iter().zip(&beads) {
        assert_eq!(row.len(), 6);
        assert_eq!(ids(&row[0]), numbers(&bead["en_ids"]), "{row:?}");
        assert_eq!(ids(&row[1]), numbers(&bead["ja_ids"]), "{row:?}");
        assert_eq!(&row[2], texts(&bead["en"], " "), "{row:?}");
        assert_eq!(&row[3], texts(&bead["ja"], ""), "{row:?}");
        let score: f64 = row[4].parse().unwrap();
        assert!((score - bead["score"].as_f64().unwrap()).abs() < 1e-9);
        assert_eq!(&row[5], bead["kind"].as_str().unwrap());
        assert!(bead.get("doc_id").is_none());
    }
}

#[test]
fn hf_jsonl_has_one_translation_object_a_pair() {
    let pairs = csv_pairs(&align_corpus(&[]));
    let lines: Vec<serde_json::Value> = align_corpus(&["--format", "hf-jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), pairs.len());
    for (line, (en, ja)) in lines.iter().zip(&pairs) {
        assert_eq!(line["translation"]["en"], en.as_str());
        assert_eq!(line["translation"]["ja"], ja.as_str());
        assert!(line["score"].as_f64().unwrap() > 0.0);
        let mut keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort();
        assert_eq!(keys, ["score", "translation"]);
    }
}

#[test]
fn spreadsheet_safe_quotes_formula_cells_only_when_asked() {
    let dir = scratch("spreadsheet");
    let en = "Tokyo approved the budget on Friday.\n=SUM(1)\n+81 is the country code.\n";
    let ja = "東京都は金曜日に予算を承認した。\n=SUM(1)\n+81は国番号だ。\n";
    let plain = align_lines(&dir, en, ja, &[]);
    let safe = align_lines(&dir, en, ja, &["--spreadsheet-safe"]);
    let cells = |csv_text: &str| -> Vec<(String, String)> {
        csv_rows(csv_text)
            .iter()
            .map(|r| (r[2].to_string(), r[3].to_string()))
            .collect()
    };
    let pair = |e: &str, j: &str| (e.to_string(), j.to_string());
    assert_eq!(
        cells(&plain),
        [
            pair(
                "Tokyo approved the budget on Friday.",
                "東京都は金曜日に予算を承認した。"
            ),
            pair("=SUM(1)", "=SUM(1)"),
            pair("+81 is the country code.", "+81は国番号だ。"),
        ]
    );
    assert_eq!(
        cells(&safe),
        [
            pair(
                "Tokyo approved the budget on Friday.",
                "東京都は金曜日に予算を承認した。"
            ),
            pair("'=SUM(1)", "'=SUM(1)"),
            pair("'+81 is the country code.", "'+81は国番号だ。"),
        ]
    );
    let tsv = align_lines(&dir, en, ja, &["--format", "tsv", "--spreadsheet-safe"]);
    assert!(tsv.lines().any(|l| l == "'=SUM(1)\t'=SUM(1)"), "{tsv}");
    let tsv_plain = align_lines(&dir, en, ja, &["--format", "tsv"]);
    assert!(
        tsv_plain.lines().any(|l| l == "=SUM(1)\t=SUM(1)"),
        "{tsv_plain}"
    );

    // It only means something for the spreadsheet formats.
    let en_path = dir.join("en.sent");
    let ja_path = dir.join("ja.sent");
    let out = hashi(&[
        "align",
        en_path.to_str().unwrap(),
        ja_path.to_str().unwrap(),
        "--format",
        "jsonl",
        "--spreadsheet-safe",
    ]);
    assert!(!out.status.success());
}

// The library's multi-document writer, as `hashi batch` uses it.

fn doc(lang: Lang, lines: &str) -> Document {
    Document::presegmented(lang, lines.to_string())
}

fn one_to_one(n: usize) -> Alignment {
    Alignment {
        beads: (0..n)
            .map(|i| Bead {
                en: i..i + 1,
                ja: i..i + 1,
                score: 0.5 + i as f32 / 10.0,
            })
            .collect(),
    }
}

struct Pair {
    en: Document,
    ja: Document,
    alignment: Alignment,
}

fn pairs() -> [Pair; 2] {
    [
        Pair {
            en: doc(Lang::En, "Rain fell.\nA & B <met>.\n"),
            ja: doc(Lang::Ja, "雨が降った。\nAとBが会った。\n"),
            alignment: one_to_one(2),
        },
        Pair {
            en: doc(Lang::En, "Snow fell.\n"),
            ja: doc(Lang::Ja, "雪が降った。\n"),
            alignment: one_to_one(1),
        },
    ]
}

fn write_all(format: Format, options: &Options, ids: [Option<&str>; 2]) -> String {
    let docs = pairs();
    let mut out = Vec::new();
    let mut w = Writer::begin(&mut out, format, options).unwrap();
    for (p, id) in docs.iter().zip(ids) {
        w.document(&Aligned {
            en: &p.en,
            ja: &p.ja,
            alignment: &p.alignment,
            doc_id: id,
        })
        .unwrap();
    }
    w.end().unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn writer_puts_header_and_footer_once_around_many_documents() {
    let options = Options::default();
    let ids = [Some("a/1"), Some("b/2")];
    assert_eq!(
        write_all(Format::Csv, &options, ids),
        "doc_id,en_ids,ja_ids,en,ja,score,kind\n\
         a/1,0,0,Rain fell.,雨が降った。,0.5000,1-1\n\
         a/1,1,1,A & B <met>.,AとBが会った。,0.6000,1-1\n\
         b/2,0,0,Snow fell.,雪が降った。,0.5000,1-1\n"
    );
    assert_eq!(
        write_all(Format::HfJsonl, &options, ids),
        "{\"translation\":{\"en\":\"Rain fell.\",\"ja\":\"雨が降った。\"},\"doc_id\":\"a/1\",\"score\":0.5}\n\
         {\"translation\":{\"en\":\"A & B <met>.\",\"ja\":\"AとBが会った。\"},\"doc_id\":\"a/1\",\"score\":0.6}\n\
         {\"translation\":{\"en\":\"Snow fell.\",\"ja\":\"雪が降った。\"},\"doc_id\":\"b/2\",\"score\":0.5}\n"
    );
    let jsonl = write_all(Format::Jsonl, &options, ids);
    let doc_ids: Vec<String> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc_id"].to_string())
        .collect();
    assert_eq!(doc_ids, ["\"a/1\"", "\"a/1\"", "\"b/2\""]);
    assert!(jsonl.starts_with("{\"doc_id\":\"a/1\",\"en\":[\"Rain fell.\"]"));

    let tmx = write_all(
        Format::Tmx,
        &Options {
            min_score: Some(0.55),
            ..Options::default()
        },
        ids,
    );
    assert_eq!(count(&tmx, "<header "), 1);
    assert_eq!(count(&tmx, "</tmx>"), 1);
    // min_score leaves out the two 0.5 pairs.
    assert_eq!(count(&tmx, "<tu>"), 1);
    assert!(tmx.contains(
        "    <tu>\n      <prop type=\"x-doc-id\">a/1</prop>\n      <prop type=\"x-score\">0.6000</prop>\n      \
         <tuv xml:lang=\"en\"><seg>A &amp; B &lt;met&gt;.</seg></tuv>\n      \
         <tuv xml:lang=\"ja\"><seg>AとBが会った。</seg></tuv>\n    </tu>\n"
    ), "{tmx}");
    let dir = scratch("writer_tmx");
    assert_valid_tmx(&write_tmx(&dir, "multi.tmx", &tmx));
}

#[test]
fn writer_without_documents_still_writes_a_whole_file() {
    let dir = scratch("writer_empty");
    let mut out = Vec::new();
    Writer::begin(&mut out, Format::Tmx, &Options::default())
        .unwrap()
        .end()
        .unwrap();
    let tmx = String::from_utf8(out).unwrap();
    assert_valid_tmx(&write_tmx(&dir, "empty.tmx", &tmx));

    let mut out = Vec::new();
    Writer::begin(&mut out, Format::Csv, &Options::default())
        .unwrap()
        .end()
        .unwrap();
    assert_eq!(out, b"en_ids,ja_ids,en,ja,score,kind\n");
}

#[test]
fn moses_needs_two_outputs_and_csv_ids_must_be_consistent() {
    let docs = pairs();
    let aligned = |i: usize, id: Option<&'static str>| Aligned {
        en: &docs[i].en,
        ja: &docs[i].ja,
        alignment: &docs[i].alignment,
        doc_id: id,
    };
    let export_error = |e: std::io::Error| -> String {
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        let inner = e.get_ref().and_then(|e| e.downcast_ref::<ExportError>());
        format!("{:?}", inner.expect("an ExportError"))
    };

    let mut out = Vec::new();
    let e = export::write(
        &mut out,
        Format::Moses,
        &aligned(0, None),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(export_error(e), "NeedsTwoOutputs");

    let (mut en, mut ja) = (Vec::new(), Vec::new());
    let mut w = Writer::begin_pair(&mut en, &mut ja, Format::Moses, &Options::default()).unwrap();
    w.document(&aligned(0, Some("a"))).unwrap();
    w.document(&aligned(1, Some("b"))).unwrap();
    w.end().unwrap();
    assert_eq!(
        String::from_utf8(en).unwrap(),
        "Rain fell.\nA & B <met>.\nSnow fell.\n"
    );
    assert_eq!(
        String::from_utf8(ja).unwrap(),
        "雨が降った。\nAとBが会った。\n雪が降った。\n"
    );

    let (mut en, mut ja) = (Vec::new(), Vec::new());
    let e = Writer::begin_pair(&mut en, &mut ja, Format::Csv, &Options::default())
        .err()
        .unwrap();
    assert_eq!(export_error(e), "NeedsOneOutput(Csv)");

    // A header written without a doc_id column cannot take a document with an id...
    let mut out = Vec::new();
    let mut w = Writer::begin(&mut out, Format::Csv, &Options::default()).unwrap();
    w.document(&aligned(0, None)).unwrap();
    let e = w.document(&aligned(1, Some("b"))).unwrap_err();
    assert_eq!(export_error(e), "UnexpectedDocId(\"b\")");
    // ...but one with the column takes a document without (an empty cell).
    assert_eq!(
        write_all(Format::Csv, &Options::default(), [Some("a"), None]),
        "doc_id,en_ids,ja_ids,en,ja,score,kind\n\
         a,0,0,Rain fell.,雨が降った。,0.5000,1-1\n\
         a,1,1,A & B <met>.,AとBが会った。,0.6000,1-1\n\
         ,0,0,Snow fell.,雪が降った。,0.5000,1-1\n"
    );
}

#[test]
fn batch_tmx_takes_language_codes_and_stays_valid() {
    let dir = scratch("batch_tmx");
    let mut input = String::new();
    for id in ["first", "second"] {
        let line = serde_json::json!({
            "id": id,
            "en": fs::read_to_string(corpus_file("en.txt")).unwrap(),
            "ja": fs::read_to_string(corpus_file("ja.txt")).unwrap(),
        });
        input.push_str(&format!("{line}\n"));
    }
    let input_path = dir.join("docs.jsonl");
    fs::write(&input_path, input).unwrap();
    let path = dir.join("corpus.tmx");
    let out = Command::new(env!("CARGO_BIN_EXE_hashi"))
        .args([
            "batch",
            "--stdin-jsonl",
            "--format",
            "tmx",
            "--en-lang",
            "en-US",
            "--ja-lang",
            "ja-JP",
            "--srclang",
            "ja",
            "-o",
            path.to_str().unwrap(),
        ])
        .stdin(fs::File::open(&input_path).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_valid_tmx(&path);
    let tmx = fs::read_to_string(&path).unwrap();
    let pairs = csv_pairs(&align_corpus(&[])).len();
    assert_eq!(count(&tmx, "<tuv xml:lang=\"en-US\">"), 2 * pairs);
    assert_eq!(count(&tmx, "<tuv xml:lang=\"ja-JP\">"), 2 * pairs);
    assert_eq!(count(&tmx, "<prop type=\"x-doc-id\">second</prop>"), pairs);
    assert!(tmx.contains("srclang=\"ja-JP\""), "{tmx}");
}
