//! Golden files of the export formats, and one end-to-end check of the pipeline's output.
//!
//! The golden files render a fixed, hand-built aligned pair (`fixed_pair`: documents and
//! beads with their scores written out here, built through the library's public types), not
//! the aligner's output, so that a snapshot changes when a format changes and never because
//! the score model moved. The pair has every bead shape the formats treat differently (1-1,
//! 1-2, 2-1, 0-1, 1-0, a furniture line), scores that need rounding, and texts with what each
//! format must escape or flatten: quotes, `&`, `<`, `>`, an apostrophe, a tab and a `\r\n`
//! inside a sentence. The batch variants write two such pairs with document ids (one needing
//! escapes) through one [`Writer`], as `hashi batch` does.
//!
//! Each is compared byte for byte with the reviewed file in `tests/snapshots/` (insta's binary
//! snapshots: `NAME.snap` holds the metadata, `NAME.snap.EXT` the output itself). A changed
//! output fails here. When the change is meant, `cargo insta test --accept` (or
//! `INSTA_UPDATE=always cargo test --test export_golden`) rewrites the files: read their diff
//! before committing them. With `CI=true` (as `.ci/run` runs) insta writes nothing, and a
//! missing snapshot fails like a different one.
//!
//! The pipeline's own output is checked by `align_csv_end_to_end` and
//! `batch_csv_end_to_end`: `hashi align` and `hashi batch` on the bundled jaxa-launch pair,
//! asserting the structure (bead count, every sentence once and in order, texts exact, scores
//! in range) and no score, so that they too survive a change of the score model.

mod common;
use common::{cmd, corpus};

use hashi::align::{Alignment, Bead};
use hashi::export::{Format, Options, Writer};
use hashi::segment::{Document, Lang, Sentence};
use hashi::AlignedPair;

/// A document built from its paragraphs' sentences: sentences joined by a space (English) or
/// nothing (Japanese), paragraphs by a blank line; the sentences numbered in `furniture`
/// marked as page furniture.
fn document(lang: Lang, paragraphs: &[&[&str]], furniture: &[usize]) -> Document {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for (paragraph, texts) in paragraphs.iter().enumerate() {
        if paragraph > 0 {
            text.push_str("\n\n");
        }
        for (i, sentence) in texts.iter().enumerate() {
            if i > 0 && lang == Lang::En {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(sentence);
            sentences.push(Sentence {
                span: start..text.len(),
                paragraph,
                furniture: furniture.contains(&sentences.len()),
            });
        }
    }
    Document {
        lang,
        text,
        sentences,
    }
}

/// A bead of English sentences `en` and Japanese sentences `ja` scoring `score`.
fn bead(en: std::ops::Range<usize>, ja: std::ops::Range<usize>, score: f32) -> Bead {
    Bead { en, ja, score }
}

/// An aligned pair of the given documents and beads (which must cover them), with `id`.
fn aligned(en: Document, ja: Document, beads: Vec<Bead>, id: Option<&str>) -> AlignedPair {
    let alignment = Alignment {
        beads,
        ..Alignment::default()
    };
    assert!(
        alignment.covers(en.len(), ja.len()),
        "the beads cover both documents"
    );
    AlignedPair {
        en,
        ja,
        alignment,
        id: id.map(str::to_string),
    }
}

/// The fixed pair the golden files render: every bead shape, and texts to escape.
fn fixed_pair(id: Option<&str>) -> AlignedPair {
    let en = document(
        Lang::En,
        &[
            &[r#""H3" rocket & <Amatsubu> satellite reach orbit"#],
            &[
                "JAXA launched the rocket on July 24, and about 4,000 people watched.",
                "Tanegashima has been Japan's main launch site since 1969.",
            ],
            &["The budget was\t38 billion yen,\r\nofficials said."],
            &["It was the fifth H3.", "The next launch is in March."],
            &["print PRINT"],
        ],
        &[6],
    );
    let ja = document(
        Lang::Ja,
        &[
            &["H3ロケット5号機打ち上げ成功　「あまつぶ」を軌道に"],
            &[
                "JAXAは7月24日、ロケットを打ち上げた。",
                "見物客は約4千人に上った。",
                "衛星の開発費は約380億円。",
            ],
            &["予算は380億円だったと<担当者>が話した。"],
            &["5機目のH3で、次は3月に打ち上げる。"],
        ],
        &[],
    );
    let beads = vec![
        bead(0..1, 0..1, 0.9876),   // 1-1, quotes, & and <>
        bead(1..2, 1..3, 0.81234),  // 1-2, rounded
        bead(2..3, 3..3, 0.95),     // 1-0
        bead(3..3, 3..4, 0.7),      // 0-1
        bead(3..4, 4..5, 0.456_78), // 1-1, a tab and \r\n inside the English
        bead(4..6, 5..6, 0.333_33), // 2-1
        bead(6..7, 6..6, 1.0),      // 1-0, page furniture
    ];
    aligned(en, ja, beads, id)
}

/// A second, one-bead pair for the batch outputs, with an id that needs escaping.
fn second_pair() -> AlignedPair {
    let en = document(Lang::En, &[&["Rain fell on \"Tokyo\"."]], &[]);
    let ja = document(Lang::Ja, &[&["東京で雨が降った。"]], &[]);
    aligned(
        en,
        ja,
        vec![bead(0..1, 0..1, 0.5)],
        Some(r#"q&a/"rain" <2>"#),
    )
}

/// The fixed pair in `format` (any but Moses), with the default options.
fn single(format: &str) -> Vec<u8> {
    let format = format_named(format);
    let mut out = Vec::new();
    fixed_pair(None)
        .write(&mut out, format, &Options::default())
        .unwrap();
    out
}

/// The fixed pair as document `jaxa-launch` then the second pair, written to one output in
/// `format`, as a batch writes them.
fn batch(format: &str) -> Vec<u8> {
    let format = format_named(format);
    let (first, second) = (fixed_pair(Some("jaxa-launch")), second_pair());
    let mut out = Vec::new();
    let mut writer = Writer::begin(&mut out, format, &Options::default()).unwrap();
    writer.document(&first.view()).unwrap();
    writer.document(&second.view()).unwrap();
    writer.end().unwrap();
    out
}

fn format_named(name: &str) -> Format {
    *Format::ALL
        .iter()
        .find(|f| f.name() == name)
        .expect("a format")
}

/// One test a snapshot: `NAME: OUTPUT => "FILE.EXT";` compares OUTPUT with
/// `snapshots/export_golden__FILE.snap.EXT`.
macro_rules! golden {
    ($($name:ident: $output:expr => $file:literal;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_binary_snapshot!($file, $output);
        }
    )*};
}

golden! {
    csv: single("csv") => "csv.csv";
    jsonl: single("jsonl") => "jsonl.jsonl";
    tsv: single("tsv") => "tsv.tsv";
    beads: single("beads") => "beads.txt";
    tmx: single("tmx") => "tmx.tmx";
    hf_jsonl: single("hf-jsonl") => "hf_jsonl.jsonl";
    batch_csv: batch("csv") => "batch_csv.csv";
    batch_jsonl: batch("jsonl") => "batch_jsonl.jsonl";
    batch_tmx: batch("tmx") => "batch_tmx.tmx";
    batch_hf_jsonl: batch("hf-jsonl") => "batch_hf_jsonl.jsonl";
}

// Moses writes two files.
#[test]
fn moses() {
    let (mut en, mut ja) = (Vec::new(), Vec::new());
    fixed_pair(None)
        .write_two(&mut en, &mut ja, &Options::default())
        .unwrap();
    insta::assert_binary_snapshot!("moses_en.en", en);
    insta::assert_binary_snapshot!("moses_ja.ja", ja);
}

/// The bundled pair's texts.
fn corpus_texts() -> (String, String) {
    let dir = corpus("jaxa-launch");
    (
        std::fs::read_to_string(dir.join("en.txt")).unwrap(),
        std::fs::read_to_string(dir.join("ja.txt")).unwrap(),
    )
}

/// How many beads the aligner makes of the bundled pair. A change here is a change of the
/// alignment itself, not of a score: read the new output before changing it.
const CORPUS_BEADS: usize = 17;

/// Checks the rows (`en_ids, ja_ids, en, ja, score, kind`, the header and any doc_id column
/// taken off) of a CSV written for the bundled pair: the bead count, every sentence of each
/// side once and in order, each row's texts exactly its sentences', its kind its shape, its
/// score a probability.
fn assert_corpus_rows(rows: &[Vec<String>]) {
    let (en, ja) = corpus_texts();
    let (en, ja) = (
        Document::segment(Lang::En, en),
        Document::segment(Lang::Ja, ja),
    );
    assert_eq!(rows.len(), CORPUS_BEADS, "beads");
    let ids = |cell: &str| -> Vec<usize> {
        match cell {
            "" => vec![],
            _ => cell.split(';').map(|i| i.parse().unwrap()).collect(),
        }
    };
    let (mut next_en, mut next_ja) = (0, 0);
    for row in rows {
        let (en_ids, ja_ids) = (ids(&row[0]), ids(&row[1]));
        assert!(
            !en_ids.is_empty() || !ja_ids.is_empty(),
            "an empty bead: {row:?}"
        );
        assert_eq!(
            en_ids,
            (next_en..next_en + en_ids.len()).collect::<Vec<_>>(),
            "English ids in order, none left out: {row:?}"
        );
        assert_eq!(
            ja_ids,
            (next_ja..next_ja + ja_ids.len()).collect::<Vec<_>>(),
            "Japanese ids in order, none left out: {row:?}"
        );
        next_en += en_ids.len();
        next_ja += ja_ids.len();
        let en_text: Vec<&str> = en_ids.iter().map(|&i| en.sentence_text(i)).collect();
        let ja_text: Vec<&str> = ja_ids.iter().map(|&i| ja.sentence_text(i)).collect();
        assert_eq!(row[2], en_text.join(" "));
        assert_eq!(row[3], ja_text.concat());
        let score: f32 = row[4].parse().unwrap();
        assert!((0.0..=1.0).contains(&score), "score {score} in [0, 1]");
        assert_eq!(row[5], format!("{}-{}", en_ids.len(), ja_ids.len()));
    }
    assert_eq!((next_en, next_ja), (en.len(), ja.len()), "every sentence");
}

/// The rows of a CSV text, header checked and taken off.
fn csv_rows(text: &str, header: &[&str]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), header);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

const CSV_HEADER: [&str; 6] = ["en_ids", "ja_ids", "en", "ja", "score", "kind"];

#[test]
fn align_csv_end_to_end() {
    let dir = corpus("jaxa-launch");
    let out = cmd(["align", "--format", "csv"])
        .arg(dir.join("en.txt"))
        .arg(dir.join("ja.txt"))
        .stdout();
    assert_corpus_rows(&csv_rows(&out, &CSV_HEADER));
}

#[test]
fn batch_csv_end_to_end() {
    let (en, ja) = corpus_texts();
    let line = serde_json::json!({"id": "jaxa-launch", "en": en, "ja": ja});
    let out = cmd(["batch", "--stdin-jsonl", "--format", "csv"])
        .stdin(format!("{line}\n"))
        .stdout();
    let header: Vec<&str> = ["doc_id"].into_iter().chain(CSV_HEADER).collect();
    let rows = csv_rows(&out, &header);
    assert!(rows.iter().all(|r| r[0] == "jaxa-launch"), "doc ids");
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r[1..].to_vec()).collect();
    assert_corpus_rows(&rows);
}
