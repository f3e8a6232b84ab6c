//! The export formats: the real binary on the bundled corpus (TMX, Moses, CSV against JSONL,
//! --spreadsheet-safe), and the library's multi-document writer. Every TMX written here is
//! also validated against the TMX 1.4b DTD with xmllint (`every_tmx_written_is_valid`,
//! ignored without `--include-ignored`: it needs xmllint). `export_golden.rs` holds the
//! byte-for-byte snapshots.

#[macro_use]
mod common;
use common::{cmd, corpus, s, stderr, Dir};

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use hashi::align::{Alignment, Bead};
use hashi::export::{self, Aligned, ExportError, Format, Options, Writer};
use hashi::segment::{Document, Lang};

fn corpus_file(name: &str) -> String {
    s(&corpus("jaxa-launch").join(name)).to_string()
}

/// `hashi align` on the bundled jaxa-launch pair, which must succeed.
fn align_corpus(extra: &[&str]) -> String {
    cmd(["align", &corpus_file("en.txt"), &corpus_file("ja.txt")])
        .args(extra)
        .stdout()
}

/// `hashi align --presegmented` on one-sentence-a-line texts written for the test as
/// `en.sent` and `ja.sent`.
fn align_lines(dir: &Dir, en: &str, ja: &str, extra: &[&str]) -> String {
    dir.create("en.sent", en);
    dir.create("ja.sent", ja);
    dir.command()
        .args(["align", "--presegmented", "en.sent", "ja.sent"])
        .args(extra)
        .stdout()
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

hashi_test!(
    #[ignore = "needs xmllint (libxml2-utils); .ci/run installs it"]
    dtd_rejects_a_header_without_its_required_attributes,
    |dir, cmd| {
        // Shows the validation below is not vacuous.
        let path = dir.create(
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
);

/// `hashi align --format tmx -o DIR/jaxa.tmx` on the bundled pair; asserts it wrote what
/// standard output gets.
fn corpus_tmx(dir: &Dir) -> PathBuf {
    let path = dir.join("jaxa.tmx");
    let printed = align_corpus(&["--format", "tmx"]);
    align_corpus(&["--format", "tmx", "-o", s(&path)]);
    eqnice!(
        printed,
        fs::read_to_string(&path).unwrap(),
        "-o writes what standard output gets"
    );
    path
}

hashi_test!(tmx_of_the_bundled_corpus_holds_every_pair, |dir, cmd| {
    let tmx = fs::read_to_string(corpus_tmx(&dir)).unwrap();

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
});

/// TMX of two sentences with markup and control characters in them.
fn markup_tmx(dir: &Dir) -> String {
    align_lines(
        dir,
        "Sales of <Model X> & \"Model Y\" rose 5%\u{1} in 2024.\nThe company said it was pleased.\n",
        "「モデルX」と「モデルY」の販売は2024年に5%増えた。\u{7}\n同社は満足していると述べた。\n",
        &["--format", "tmx"],
    )
}

hashi_test!(
    tmx_escapes_markup_and_drops_control_characters,
    |dir, cmd| {
        let tmx = markup_tmx(&dir);
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
);

/// TMX with regional language codes.
const REGIONAL_TMX: [&str; 6] = [
    "--format",
    "tmx",
    "--en-lang",
    "en-US",
    "--ja-lang",
    "ja-JP",
];

/// TMX of the bundled pair with regional language codes.
fn regional_tmx() -> String {
    align_corpus(&REGIONAL_TMX)
}

#[test]
fn tmx_language_codes_are_configurable() {
    let tmx = regional_tmx();
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
    let out = cmd(["align", &en, &ja, "-f", "tmx", "--en-lang", "en\"><x"]).assert_err();
    assert!(stderr(&out).contains("language code"));
}

hashi_test!(moses_files_are_the_csv_pairs_line_by_line, |dir, cmd| {
    let prefix = dir.join("jaxa");
    align_corpus(&["--format", "moses", "-o", s(&prefix)]);
    let en = dir.read("jaxa.en");
    let ja = dir.read("jaxa.ja");
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
    assert_eq!(dir.entries(), ["jaxa.en", "jaxa.ja"]);

    // --min-score is honoured.
    let strict = dir.join("strict");
    align_corpus(&["--format", "moses", "--min-score", "0.99", "-o", s(&strict)]);
    let strict_pairs = csv_pairs(&align_corpus(&["--min-score", "0.99"]));
    let strict_en = dir.read("strict.en");
    let strict_ja = dir.read("strict.ja");
    assert_eq!(strict_en.lines().count(), strict_pairs.len());
    assert_eq!(strict_ja.lines().count(), strict_pairs.len());

    // Two files cannot go to standard output.
    let (en_file, ja_file) = (corpus_file("en.txt"), corpus_file("ja.txt"));
    let out = cmd
        .args(["align", &en_file, &ja_file, "--format", "moses"])
        .assert_err();
    let err = stderr(&out);
    assert!(err.contains("moses") && err.contains("-o"), "{err}");
});

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

hashi_test!(
    spreadsheet_safe_quotes_formula_cells_only_when_asked,
    |dir, cmd| {
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
        cmd.args([
            "align",
            "en.sent",
            "ja.sent",
            "--format",
            "jsonl",
            "--spreadsheet-safe",
        ])
        .assert_err();
    }
);

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
        ..Alignment::default()
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

/// The multi-document writer's TMX of both pairs, `a/1` and `b/2`, above a minimum score.
fn writer_tmx() -> String {
    write_all(
        Format::Tmx,
        &Options {
            min_score: Some(0.55),
            ..Options::default()
        },
        [Some("a/1"), Some("b/2")],
    )
}

/// The multi-document writer's TMX of no document.
fn empty_writer_tmx() -> String {
    let mut out = Vec::new();
    Writer::begin(&mut out, Format::Tmx, &Options::default())
        .unwrap()
        .end()
        .unwrap();
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

    let tmx = writer_tmx();
    assert_eq!(count(&tmx, "<header "), 1);
    assert_eq!(count(&tmx, "</tmx>"), 1);
    // min_score leaves out the two 0.5 pairs.
    assert_eq!(count(&tmx, "<tu>"), 1);
    assert!(tmx.contains(
        "    <tu>\n      <prop type=\"x-doc-id\">a/1</prop>\n      <prop type=\"x-score\">0.6000</prop>\n      \
         <tuv xml:lang=\"en\"><seg>A &amp; B &lt;met&gt;.</seg></tuv>\n      \
         <tuv xml:lang=\"ja\"><seg>AとBが会った。</seg></tuv>\n    </tu>\n"
    ), "{tmx}");
}

#[test]
fn writer_without_documents_still_writes_a_whole_file() {
    let tmx = empty_writer_tmx();
    eqnice!(
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
             <tmx version=\"1.4\">\n  \
             <header creationtool=\"hashi\" creationtoolversion=\"{}\" segtype=\"sentence\" \
             o-tmf=\"hashi\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n  \
             <body>\n  </body>\n</tmx>\n",
            env!("CARGO_PKG_VERSION")
        ),
        tmx
    );

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

/// `hashi batch --format tmx` with regional codes and Japanese as the source language, on
/// the bundled pair twice (ids `first` and `second`), written to `DIR/corpus.tmx`.
fn batch_tmx(dir: &Dir) -> PathBuf {
    let mut input = String::new();
    for id in ["first", "second"] {
        let line = serde_json::json!({
            "id": id,
            "en": fs::read_to_string(corpus_file("en.txt")).unwrap(),
            "ja": fs::read_to_string(corpus_file("ja.txt")).unwrap(),
        });
        input.push_str(&format!("{line}\n"));
    }
    let path = dir.join("corpus.tmx");
    dir.command()
        .args(["batch", "--stdin-jsonl"])
        .args(REGIONAL_TMX)
        .args(["--srclang", "ja", "-o", "corpus.tmx"])
        .stdin(input)
        .stdout();
    path
}

hashi_test!(batch_tmx_takes_language_codes, |dir, cmd| {
    let tmx = fs::read_to_string(batch_tmx(&dir)).unwrap();
    let pairs = csv_pairs(&align_corpus(&[])).len();
    assert_eq!(count(&tmx, "<tuv xml:lang=\"en-US\">"), 2 * pairs);
    assert_eq!(count(&tmx, "<tuv xml:lang=\"ja-JP\">"), 2 * pairs);
    assert_eq!(count(&tmx, "<prop type=\"x-doc-id\">second</prop>"), pairs);
    assert!(tmx.contains("srclang=\"ja-JP\""), "{tmx}");
});

hashi_test!(
    #[ignore = "needs xmllint (libxml2-utils); .ci/run installs it"]
    every_tmx_written_is_valid,
    |dir, cmd| {
        let write = |name: &str, tmx: String| dir.create(name, tmx);
        for path in [
            corpus_tmx(&dir),
            write("markup.tmx", markup_tmx(&dir)),
            write("regional.tmx", regional_tmx()),
            write("writer.tmx", writer_tmx()),
            write("empty.tmx", empty_writer_tmx()),
            batch_tmx(&dir),
        ] {
            assert_valid_tmx(&path);
        }
    }
);
