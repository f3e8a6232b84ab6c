//! Golden files: every export format of the bundled jaxa-launch pair, from `hashi align` and,
//! with a document id, from `hashi batch`, compared byte for byte with the reviewed files in
//! `tests/snapshots/` (insta's binary snapshots: `NAME.snap` holds the metadata, `NAME.snap.EXT`
//! the output itself).
//!
//! A changed output fails here. When the change is meant, `cargo insta test --accept` (or
//! `INSTA_UPDATE=always cargo test --test export_golden`) rewrites the files: read their diff
//! before committing them. With `CI=true` (as `.ci/run` runs) insta writes nothing, and a
//! missing snapshot fails like a different one.

#[macro_use]
mod common;
use common::{cmd, corpus, s};

/// The English and Japanese articles of the bundled pair.
fn pair() -> (String, String) {
    let dir = corpus("jaxa-launch");
    (
        s(&dir.join("en.txt")).to_string(),
        s(&dir.join("ja.txt")).to_string(),
    )
}

/// `hashi align --format FORMAT` on the bundled pair.
fn align(format: &str) -> Vec<u8> {
    let (en, ja) = pair();
    cmd(["align", "--format", format, &en, &ja])
        .stdout()
        .into_bytes()
}

/// `hashi batch --stdin-jsonl --format FORMAT` on the bundled pair as document `jaxa-launch`.
fn batch(format: &str) -> Vec<u8> {
    let dir = corpus("jaxa-launch");
    let line = serde_json::json!({
        "id": "jaxa-launch",
        "en": std::fs::read_to_string(dir.join("en.txt")).unwrap(),
        "ja": std::fs::read_to_string(dir.join("ja.txt")).unwrap(),
    });
    cmd(["batch", "--stdin-jsonl", "--format", format])
        .stdin(format!("{line}\n"))
        .stdout()
        .into_bytes()
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
    align_csv: align("csv") => "align_csv.csv";
    align_jsonl: align("jsonl") => "align_jsonl.jsonl";
    align_tsv: align("tsv") => "align_tsv.tsv";
    align_beads: align("beads") => "align_beads.txt";
    align_tmx: align("tmx") => "align_tmx.tmx";
    align_hf_jsonl: align("hf-jsonl") => "align_hf_jsonl.jsonl";
    batch_csv: batch("csv") => "batch_csv.csv";
    batch_jsonl: batch("jsonl") => "batch_jsonl.jsonl";
    batch_tmx: batch("tmx") => "batch_tmx.tmx";
    batch_hf_jsonl: batch("hf-jsonl") => "batch_hf_jsonl.jsonl";
}

// Moses writes two files, so the test names its output.
hashi_test!(align_moses, |dir, cmd| {
    let (en, ja) = pair();
    cmd.args(["align", "--format", "moses", &en, &ja, "-o", "jaxa"])
        .stdout();
    assert_eq!(dir.entries(), ["jaxa.en", "jaxa.ja"]);
    insta::assert_binary_snapshot!("align_moses_en.en", dir.read("jaxa.en").into_bytes());
    insta::assert_binary_snapshot!("align_moses_ja.ja", dir.read("jaxa.ja").into_bytes());
});
