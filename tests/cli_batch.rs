//! `hashi batch` on the bundled corpora, running the real binary: the beads of every document
//! equal `hashi align`'s, in input order, with failures reported and skipped.

use std::collections::BTreeMap;
use std::process::Output;

#[macro_use]
mod common;
use common::{cmd, corpus, hashi as run, Dir};

const CORPORA: &[&str] = &["jaxa-launch", "tokyo-budget", "shogi-record"];

/// `hashi ARGS` with `input` on standard input, all of which batch must read: a broken pipe
/// fails.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let (out, fed) = cmd(args).stdin(input).output_fed();
    fed.expect("batch reads all of its input");
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Copies the corpora into a test's folder as `NAME/{en,ja}.txt`.
fn with_corpora(dir: &Dir) {
    for name in CORPORA {
        for side in ["en.txt", "ja.txt"] {
            let text = std::fs::read(corpus(name).join(side)).unwrap();
            dir.create(format!("{name}/{side}"), text);
        }
    }
}

/// `hashi align --format beads` on one corpus: the reference every batch output must match.
fn align_beads(name: &str) -> Vec<String> {
    let dir = corpus(name);
    let out = run(&[
        "align",
        "--format",
        "beads",
        dir.join("en.txt").to_str().unwrap(),
        dir.join("ja.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout).lines().map(String::from).collect()
}

fn pairs_in(beads: &[String]) -> usize {
    beads
        .iter()
        .filter(|b| !b.starts_with("[]") && !b.ends_with("[]"))
        .count()
}

/// JSONL output as (doc_id, beads) in the order the documents come; a document's records
/// must be together.
fn jsonl_docs(out: &str) -> Vec<(String, Vec<String>)> {
    let mut docs: Vec<(String, Vec<String>)> = Vec::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["doc_id"].as_str().expect("doc_id").to_string();
        let ids = |k: &str| {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let bead = format!("[{}]:[{}]", ids("en_ids"), ids("ja_ids"));
        match docs.last_mut() {
            Some((last, beads)) if *last == id => beads.push(bead),
            _ => docs.push((id, vec![bead])),
        }
    }
    docs
}

fn csv_manifest(rows: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("id,en,ja\n");
    for (id, en, ja) in rows {
        s.push_str(&format!("{id},{en},{ja}\n"));
    }
    s
}

fn corpus_rows() -> Vec<(String, String, String)> {
    CORPORA
        .iter()
        .map(|n| (n.to_string(), format!("{n}/en.txt"), format!("{n}/ja.txt")))
        .collect()
}

hashi_test!(
    csv_and_jsonl_manifests_give_align_beads_per_id,
    |dir, cmd| {
        with_corpora(&dir);
        let rows = corpus_rows();
        let borrowed: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        dir.create("m.csv", csv_manifest(&borrowed));
        let jsonl: String = rows
            .iter()
            .map(|(id, en, ja)| format!("{}\n", serde_json::json!({"id": id, "en": en, "ja": ja})))
            .collect();
        dir.create("m.jsonl", jsonl);
        let expected: Vec<(String, Vec<String>)> = CORPORA
            .iter()
            .map(|n| (n.to_string(), align_beads(n)))
            .collect();
        for manifest in ["m.csv", "m.jsonl"] {
            // Relative paths are the manifest's folder's, not the working directory's.
            let out = run(&[
                "batch",
                "--manifest",
                dir.join(manifest).to_str().unwrap(),
                "--format",
                "jsonl",
            ]);
            assert!(out.status.success(), "{manifest}: {}", text(&out.stderr));
            assert_eq!(jsonl_docs(&text(&out.stdout)), expected, "{manifest}");
            let pairs: usize = expected.iter().map(|(_, b)| pairs_in(b)).sum();
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains(&format!(
                    "hashi: batch: 3 documents aligned, 0 failed, {pairs} pairs written, "
                )),
                "{stderr}"
            );
        }
        // CSV output: a doc_id column, each document's rows together, as many rows as beads.
        let out = run(&[
            "batch",
            "--manifest",
            dir.join("m.csv").to_str().unwrap(),
            "--threads",
            "2",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            ["doc_id", "en_ids", "ja_ids", "en", "ja", "score", "kind"]
        );
        let mut ids: Vec<String> = Vec::new();
        for record in reader.records() {
            ids.push(record.unwrap()[0].to_string());
        }
        let want: Vec<String> = expected
            .iter()
            .flat_map(|(id, beads)| std::iter::repeat_n(id.clone(), beads.len()))
            .collect();
        assert_eq!(ids, want);
        // Beads format has no room for ids: the documents' beads one after the other.
        let out = run(&[
            "batch",
            "--manifest",
            dir.join("m.csv").to_str().unwrap(),
            "--format",
            "beads",
        ]);
        let all: Vec<String> = expected.iter().flat_map(|(_, b)| b.clone()).collect();
        assert_eq!(
            text(&out.stdout)
                .lines()
                .map(String::from)
                .collect::<Vec<_>>(),
            all
        );
    }
);

hashi_test!(
    many_documents_on_two_threads_come_out_in_input_order,
    |dir, cmd| {
        with_corpora(&dir);
        let reference: BTreeMap<&str, Vec<String>> =
            CORPORA.iter().map(|n| (*n, align_beads(n))).collect();
        let mut manifest = String::from("id,en,ja\n");
        let mut want = Vec::new();
        for i in 0..60 {
            // Alternating sizes, so that documents finish out of order.
            let name = CORPORA[(i * 7) % 3];
            let id = format!("doc-{i:02}-{name}");
            manifest.push_str(&format!("{id},{name}/en.txt,{name}/ja.txt\n"));
            want.push((id, reference[name].clone()));
        }
        dir.create("many.csv", manifest);
        let out_path = dir.join("out.jsonl");
        let out = run(&[
            "batch",
            "--manifest",
            dir.join("many.csv").to_str().unwrap(),
            "--threads",
            "2",
            "--format",
            "jsonl",
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty());
        let got = jsonl_docs(&std::fs::read_to_string(&out_path).unwrap());
        assert_eq!(got, want);
        // Written atomically: no temporary file left beside the output.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
);

hashi_test!(
    bad_documents_are_reported_by_id_and_the_rest_written,
    |dir, cmd| {
        with_corpora(&dir);
        dir.create(
            "sjis.txt",
            b"\x93\x8c\x8b\x9e\x82\xc5\x89\x4a\x82\xb3\x82\xea\x82\xbd\x81\x42",
        );
        dir.create("blank.txt", "\n  \n");
        dir.create("one.txt", "One sentence only.\n");
        let manifest = csv_manifest(&[
            ("jaxa-launch", "jaxa-launch/en.txt", "jaxa-launch/ja.txt"),
            ("not-utf8", "tokyo-budget/en.txt", "sjis.txt"),
            ("tokyo-budget", "tokyo-budget/en.txt", "tokyo-budget/ja.txt"),
            ("missing", "nowhere/en.txt", "tokyo-budget/ja.txt"),
            ("empty-ja", "shogi-record/en.txt", "blank.txt"),
            ("lopsided", "one.txt", "shogi-record/ja.txt"),
            ("shogi-record", "shogi-record/en.txt", "shogi-record/ja.txt"),
        ]);
        dir.create("m.csv", manifest);
        let out = run(&[
            "batch",
            "--manifest",
            dir.join("m.csv").to_str().unwrap(),
            "--format",
            "jsonl",
            "--max-ratio",
            "3",
            "--ratio-slack",
            "2",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        let reports: Vec<&str> = stderr.lines().collect();
        assert!(
            reports[0].starts_with("hashi: batch: not-utf8: ")
                && reports[0].contains("sjis.txt: invalid UTF-8 at byte 0"),
            "{stderr}"
        );
        assert!(
            reports[1].starts_with("hashi: batch: missing: ")
                && reports[1].contains("nowhere/en.txt: cannot read"),
            "{stderr}"
        );
        assert_eq!(
            reports[2], "hashi: batch: empty-ja: the Japanese side has no sentence",
            "{stderr}"
        );
        assert!(
            reports[3].starts_with(
                "hashi: batch: lopsided: the sides differ too much in size: 1 English sentence,"
            ),
            "{stderr}"
        );
        let good = ["jaxa-launch", "tokyo-budget", "shogi-record"];
        let pairs: usize = good.iter().map(|n| pairs_in(&align_beads(n))).sum();
        assert!(
            reports[4].starts_with(&format!(
                "hashi: batch: 3 documents aligned, 4 failed, {pairs} pairs written, "
            )),
            "{stderr}"
        );
        assert_eq!(reports.len(), 5, "{stderr}");
        let docs = jsonl_docs(&text(&out.stdout));
        let want: Vec<(String, Vec<String>)> = good
            .iter()
            .map(|n| (n.to_string(), align_beads(n)))
            .collect();
        assert_eq!(docs, want);
    }
);

hashi_test!(
    paired_directories_report_a_file_on_one_side_only,
    |dir, cmd| {
        with_corpora(&dir);
        let (en_dir, ja_dir) = (dir.join("en"), dir.join("ja"));
        std::fs::create_dir_all(&en_dir).unwrap();
        std::fs::create_dir_all(&ja_dir).unwrap();
        for name in ["jaxa-launch", "shogi-record"] {
            std::fs::copy(
                corpus(name).join("en.txt"),
                en_dir.join(format!("{name}.txt")),
            )
            .unwrap();
            std::fs::copy(
                corpus(name).join("ja.txt"),
                ja_dir.join(format!("{name}.txt")),
            )
            .unwrap();
        }
        std::fs::copy(
            corpus("tokyo-budget").join("en.txt"),
            en_dir.join("only-en.txt"),
        )
        .unwrap();
        std::fs::copy(
            corpus("tokyo-budget").join("ja.txt"),
            ja_dir.join("only-ja.txt"),
        )
        .unwrap();
        let out = run(&[
            "batch",
            "--en-dir",
            en_dir.to_str().unwrap(),
            "--ja-dir",
            ja_dir.to_str().unwrap(),
            "--format",
            "jsonl",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines[0],
            format!(
                "hashi: batch: only-en.txt: no Japanese counterpart: {} does not exist",
                ja_dir.join("only-en.txt").display()
            )
        );
        assert_eq!(
            lines[1],
            format!(
                "hashi: batch: only-ja.txt: no English counterpart: {} does not exist",
                en_dir.join("only-ja.txt").display()
            )
        );
        assert!(
            lines[2].starts_with("hashi: batch: 2 documents aligned, 2 failed, "),
            "{stderr}"
        );
        let docs = jsonl_docs(&text(&out.stdout));
        assert_eq!(
            docs,
            vec![
                ("jaxa-launch.txt".to_string(), align_beads("jaxa-launch")),
                ("shogi-record.txt".to_string(), align_beads("shogi-record")),
            ]
        );
    }
);

fn inline_line(id: &str, name: &str) -> String {
    let read = |side: &str| std::fs::read_to_string(corpus(name).join(side)).unwrap();
    format!(
        "{}\n",
        serde_json::json!({"id": id, "en": read("en.txt"), "ja": read("ja.txt")})
    )
}

#[test]
fn stdin_jsonl_with_malformed_lines() {
    let mut input = inline_line("a", "jaxa-launch");
    input.push_str("{\"id\": \"broken\", \"en\": \"x\n");
    input.push('\n');
    input.push_str(&inline_line("b", "tokyo-budget"));
    input.push_str("{\"id\": \"no-ja\", \"en\": \"Hello.\"}\n");
    input.push_str(&inline_line("c", "shogi-record"));
    for flag in ["--stdin-jsonl", "-"] {
        let out = run_stdin(&["batch", flag, "--format", "jsonl"], input.as_bytes());
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert!(
            lines[0].starts_with("hashi: batch: line 2: not a JSON object"),
            "{stderr}"
        );
        assert_eq!(
            lines[1], "hashi: batch: no-ja: no \"ja\" (line 5)",
            "{stderr}"
        );
        assert!(
            lines[2].starts_with("hashi: batch: 3 documents aligned, 2 failed, "),
            "{stderr}"
        );
        let docs = jsonl_docs(&text(&out.stdout));
        assert_eq!(
            docs,
            vec![
                ("a".to_string(), align_beads("jaxa-launch")),
                ("b".to_string(), align_beads("tokyo-budget")),
                ("c".to_string(), align_beads("shogi-record")),
            ]
        );
    }
}

#[test]
fn swapped_columns_are_reported_per_document_unless_forced() {
    let read = |name: &str, side: &str| std::fs::read_to_string(corpus(name).join(side)).unwrap();
    let line = |id: &str, en: String, ja: String| {
        format!("{}\n", serde_json::json!({"id": id, "en": en, "ja": ja}))
    };
    let input = [
        inline_line("a", "jaxa-launch"),
        line(
            "swapped",
            read("tokyo-budget", "ja.txt"),
            read("tokyo-budget", "en.txt"),
        ),
        line(
            "both-en",
            read("shogi-record", "en.txt"),
            read("shogi-record", "en.txt"),
        ),
        inline_line("c", "shogi-record"),
    ]
    .concat();
    let out = run_stdin(&["batch", "-", "--format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "hashi: batch: swapped: the English side looks Japanese: are the sides swapped?",
            "hashi: batch: both-en: the Japanese side looks English: are the sides swapped?",
        ],
        "{stderr}"
    );
    assert!(
        lines[2].starts_with("hashi: batch: 2 documents aligned, 2 failed, "),
        "{stderr}"
    );
    assert_eq!(lines.len(), 3, "{stderr}");
    let ids: Vec<String> = jsonl_docs(&text(&out.stdout))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["a", "c"]);

    // --force aligns them all, as align --force does.
    let out = run_stdin(
        &["batch", "-", "--format", "jsonl", "--force"],
        input.as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ids: Vec<String> = jsonl_docs(&text(&out.stdout))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["a", "swapped", "both-en", "c"]);
}

hashi_test!(resume_skips_done_ids_and_leaves_each_once, |dir, cmd| {
    with_corpora(&dir);
    let rows = corpus_rows();
    let all: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    dir.create("first.csv", csv_manifest(&all[..2]));
    dir.create("all.csv", csv_manifest(&all));
    let want: Vec<(String, Vec<String>)> = CORPORA
        .iter()
        .map(|n| (n.to_string(), align_beads(n)))
        .collect();
    for format in ["jsonl", "csv"] {
        let out_path = dir.join(format!("out.{format}"));
        let out_str = out_path.to_str().unwrap();
        let batch = |manifest: &str, resume: bool| {
            let m = dir.join(manifest);
            let mut args = vec![
                "batch",
                "--manifest",
                m.to_str().unwrap(),
                "--format",
                format,
            ];
            args.extend(["-o", out_str]);
            if resume {
                args.push("--resume");
            }
            run(&args)
        };
        let out = batch("first.csv", false);
        assert!(out.status.success(), "{}", text(&out.stderr));
        // An interrupted run: the last document cut in the middle of a record.
        let mut written = std::fs::read(&out_path).unwrap();
        written.truncate(written.len() - 40);
        std::fs::write(&out_path, &written).unwrap();
        let out = batch("all.csv", true);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!(
                "hashi: batch: 2 documents aligned, 0 failed, 1 skipped (already in {out_str}), "
            )),
            "{stderr}"
        );
        // Resuming a finished output does nothing but the last document again.
        let out = batch("all.csv", true);
        assert!(
            text(&out.stderr).starts_with("hashi: batch: 1 document aligned, 0 failed, 2 skipped")
        );
        let final_text = std::fs::read_to_string(&out_path).unwrap();
        let docs = if format == "jsonl" {
            jsonl_docs(&final_text)
        } else {
            let mut reader = csv::Reader::from_reader(final_text.as_bytes());
            assert_eq!(&reader.headers().unwrap()[0], "doc_id");
            let mut docs: Vec<(String, Vec<String>)> = Vec::new();
            for r in reader.records() {
                let r = r.unwrap();
                let bead = format!("[{}]:[{}]", r[1].replace(';', ","), r[2].replace(';', ","));
                match docs.last_mut() {
                    Some((id, beads)) if id == &r[0] => beads.push(bead),
                    _ => docs.push((r[0].to_string(), vec![bead])),
                }
            }
            assert_eq!(final_text.matches("doc_id,").count(), 1, "one header");
            docs
        };
        assert_eq!(docs, want, "{format}");
    }
});

hashi_test!(
    csv_has_the_doc_id_column_when_no_document_is_aligned,
    |dir, cmd| {
        with_corpora(&dir);
        const HEADER: &str = "doc_id,en_ids,ja_ids,en,ja,score,kind\n";
        let missing = dir.create("missing.csv", "id,en,ja\nx,nope_en.txt,nope_ja.txt\n");
        let out = run(&["batch", "--manifest", missing.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        eqnice!(HEADER, text(&out.stdout), "all failed");
        let out = run_stdin(&["batch", "-"], b"");
        assert!(out.status.success(), "{}", text(&out.stderr));
        eqnice!(HEADER, text(&out.stdout), "no input");

        // Such an output resumes into the whole run's, its header once.
        let out_path = dir.join("out.csv");
        let out_str = out_path.to_str().unwrap();
        let run_out = run_stdin(&["batch", "-", "-o", out_str], b"");
        assert!(run_out.status.success(), "{}", text(&run_out.stderr));
        eqnice!(HEADER, std::fs::read_to_string(&out_path).unwrap());
        let rows = corpus_rows();
        let all: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        let manifest = dir.create("all.csv", csv_manifest(&all));
        let manifest = manifest.to_str().unwrap();
        let whole = run(&["batch", "--manifest", manifest]);
        assert!(whole.status.success(), "{}", text(&whole.stderr));
        let out = run(&["batch", "--manifest", manifest, "--resume", "-o", out_str]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        eqnice!(
            text(&whole.stdout),
            std::fs::read_to_string(&out_path).unwrap()
        );
    }
);

hashi_test!(jsonl_with_a_byte_order_mark_is_read, |dir, cmd| {
    with_corpora(&dir);
    const BOM: &str = "\u{feff}";
    let rows: String = CORPORA
        .iter()
        .map(|n| {
            let row = serde_json::json!({"id": n, "en": format!("{n}/en.txt"), "ja": format!("{n}/ja.txt")});
            format!("{row}\n")
        })
        .collect();
    let manifest = dir.create("m.jsonl", format!("{BOM}{rows}"));
    let want: Vec<(String, Vec<String>)> = CORPORA
        .iter()
        .map(|n| (n.to_string(), align_beads(n)))
        .collect();
    let out = run(&[
        "batch",
        "--manifest",
        manifest.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(jsonl_docs(&text(&out.stdout)), want, "manifest");

    let inline: String = CORPORA
        .iter()
        .map(|n| {
            let read = |side: &str| std::fs::read_to_string(corpus(n).join(side)).unwrap();
            let row = serde_json::json!({"id": n, "en": read("en.txt"), "ja": read("ja.txt")});
            format!("{row}\n")
        })
        .collect();
    let out = run_stdin(
        &["batch", "-", "--format", "jsonl"],
        format!("{BOM}{inline}").as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(jsonl_docs(&text(&out.stdout)), want, "standard input");
});

#[test]
fn usage_errors_exit_2() {
    let out = run(&["batch", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["batch", "--stdin-jsonl", "--resume"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["batch", "--manifest", "/nonexistent/m.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/m.csv"));
    let out = run_stdin(
        &[
            "batch",
            "-",
            "--resume",
            "-o",
            "/tmp/x.tsv",
            "--format",
            "tsv",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
}
