//! Every command meets bad input with a clear error (the file, what is wrong, where), a
//! non-zero exit and no output file left behind, or, where the input is merely unusual
//! (legacy encodings, a 20 MB line, lopsided sides when forced), with a complete result.

#[macro_use]
mod common;
use common::{entries, hashi, s, stderr, Dir};

use std::path::{Path, PathBuf};

/// A file of the bundled jaxa-launch pair.
fn corpus(file: &str) -> PathBuf {
    common::corpus("jaxa-launch").join(file)
}

/// Standard error of `hashi ARGS`, which must exit with 2.
fn refused(args: &[&str]) -> String {
    stderr(&common::cmd(args).assert_exit_code(2))
}

/// Runs segment, align and check on `bad` (as the Japanese side of a pair; segment on its
/// own), each writing into an output directory, and asserts that each fails with status 2,
/// stderr naming the file and containing `what`, and no file written.
fn assert_refused_everywhere(dir: &Dir, bad: &Path, what: &str) {
    let out_dir = dir.create_dir("out");
    let en = corpus("en.txt");
    let o = |name: &str| out_dir.join(name).to_str().unwrap().to_string();
    let (seg, csv, corpus, html) = (o("seg.txt"), o("a.csv"), o("corpus"), o("c.html"));
    let (en, bad) = (s(&en), s(bad));
    let runs = [
        vec!["segment", "--lang", "ja", bad, "-o", &seg],
        vec!["align", en, bad, "-o", &csv],
        vec!["align", "--format", "moses", en, bad, "-o", &corpus],
        vec!["check", en, bad, "--html", &html],
    ];
    for args in runs {
        let out = common::cmd(&args).assert_exit_code(2);
        let err = stderr(&out);
        assert!(err.contains(bad), "{args:?} does not name the file: {err}");
        assert!(err.contains(what), "{args:?} does not say {what:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            entries(&out_dir),
            Vec::<String>::new(),
            "{args:?} left output"
        );
    }
}

hashi_test!(invalid_utf8_gives_the_byte_offset, |dir, cmd| {
    // 0xFF is no lead byte in UTF-8, Shift_JIS or EUC-JP: auto cannot decode it.
    let bad = dir.create("bad.txt", b"\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7 \xff rain");
    assert_refused_everywhere(&dir, &bad, "invalid UTF-8 at byte 10");
});

hashi_test!(
    an_explicit_encoding_that_fails_gives_the_byte_offset,
    |dir, cmd| {
        // Shift_JIS "日本" after "ok ": 0x93 is no EUC-JP byte.
        let bad = dir.create("ja.txt", b"ok \x93\xfa\x96\x7b");
        for cmd in ["segment", "align", "check"] {
            let en = corpus("en.txt");
            let args: Vec<&str> = if cmd == "segment" {
                vec![cmd, "--encoding", "euc-jp", s(&bad)]
            } else {
                vec![cmd, "--encoding", "euc-jp", s(&en), s(&bad)]
            };
            let out = common::cmd(&args).assert_exit_code(2);
            let err = stderr(&out);
            assert!(
                err.contains(&format!("{}: invalid EUC-JP at byte 3", s(&bad))),
                "{cmd}: {err}"
            );
        }
        // The same file read as what it is.
        let out = hashi(&[
            "segment",
            "--encoding",
            "shift_jis",
            "--lang",
            "ja",
            s(&bad),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "ok 日本\n");
        assert!(stderr(&out).is_empty(), "no note for an explicit encoding");
    }
);

hashi_test!(
    shift_jis_and_euc_jp_are_decoded_and_aligned_as_the_utf8_original,
    |dir, cmd| {
        let (en, ja) = (corpus("en.txt"), corpus("ja.txt"));
        let utf8 = hashi(&["align", "--format", "beads", s(&en), s(&ja)]);
        assert!(utf8.status.success(), "{}", stderr(&utf8));
        assert!(stderr(&utf8).is_empty(), "{}", stderr(&utf8));
        let utf8_check = hashi(&["check", "--format", "json", s(&en), s(&ja)]);
        let utf8_segment = hashi(&["segment", "--lang", "ja", s(&ja)]);
        let text = std::fs::read_to_string(&ja).unwrap();
        for (encoding, name) in [
            (encoding_rs::SHIFT_JIS, "Shift_JIS"),
            (encoding_rs::EUC_JP, "EUC-JP"),
        ] {
            let (bytes, _, unmappable) = encoding.encode(&text);
            assert!(!unmappable, "{name} cannot hold the article");
            let legacy = dir.create(format!("ja.{name}.txt"), &bytes);
            let note = format!("hashi: {}: decoded as {name}", s(&legacy));

            let out = hashi(&["align", "--format", "beads", s(&en), s(&legacy)]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert_eq!(stderr(&out).trim_end(), note);
            assert_eq!(out.stdout, utf8.stdout, "{name} beads differ from UTF-8's");

            let out = hashi(&["check", "--format", "json", s(&en), s(&legacy)]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert_eq!(stderr(&out).trim_end(), note);
            assert_eq!(out.stdout, utf8_check.stdout, "{name} findings differ");

            let out = hashi(&["segment", "--lang", "ja", s(&legacy)]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert_eq!(stderr(&out).trim_end(), note);
            assert_eq!(out.stdout, utf8_segment.stdout, "{name} sentences differ");
        }
    }
);

hashi_test!(
    an_english_file_in_windows_1252_is_refused_not_read_as_shift_jis,
    |dir, cmd| {
        // As Shift_JIS these bytes decode without error, into `It痴 a rocket that doesn稚`.
        let bad = dir.create(
            "en.txt",
            b"It\x92s a rocket that doesn\x92t fail.\n\nThe agency\x92s chief said it \
              wasn\x92t late.\n",
        );
        let what = "invalid UTF-8 at byte 2 (it looks like Windows-1252 or Latin-1, not \
                    Japanese: convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8`)";
        assert_refused_everywhere(&dir, &bad, what);
        let ja = dir.create(
            "ja.txt",
            "失敗しないロケットだ。\n\n機関のトップは遅れていないと述べた。\n",
        );
        for command in ["align", "check"] {
            let err = refused(&[command, s(&bad), s(&ja)]);
            eqnice!(format!("hashi: {}: {what}\n", s(&bad)), err, "{command}");
        }
        // Latin-1 the same; é before a letter is a kanji in Shift_JIS.
        let latin1 = dir.create(
            "latin1.txt",
            b"The fianc\xe9e r\xe9novated the \xe9lite hotel.\n",
        );
        let err = refused(&["segment", s(&latin1)]);
        assert!(
            err.contains("latin1.txt: invalid UTF-8 at byte 9 (it looks like Windows-1252"),
            "{err}"
        );
    }
);

hashi_test!(empty_and_blank_files, |dir, cmd| {
    for (name, content) in [("empty.txt", ""), ("blank.txt", " \n\n\t\r\n　\n")] {
        let path = dir.create(name, content);
        let (en, ja) = (corpus("en.txt"), corpus("ja.txt"));
        for args in [
            vec!["align", s(&path), s(&ja)],
            vec!["align", s(&en), s(&path)],
            vec!["check", s(&path), s(&ja)],
            vec!["check", s(&en), s(&path)],
        ] {
            let out = common::cmd(&args).assert_exit_code(2);
            let err = stderr(&out);
            assert!(
                err.contains(&format!("{}: no sentences", s(&path))),
                "{args:?}: {err}"
            );
            assert!(out.stdout.is_empty());
        }
        // segment: nothing to split is no error, and gives nothing.
        let seg = dir.join(format!("{name}.seg"));
        let out = hashi(&["segment", s(&path), "-o", s(&seg)]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(std::fs::read(&seg).unwrap(), b"");
    }
});

hashi_test!(binary_data_is_refused_as_binary, |dir, cmd| {
    // Pseudo-random bytes (a fixed LCG, so failures reproduce) with NULs among them.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|i| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            if i % 97 == 50 {
                0
            } else {
                (x >> 16) as u8
            }
        })
        .collect();
    let bin = dir.create("image.bin", &bytes);
    assert_refused_everywhere(&dir, &bin, "binary");
});

hashi_test!(a_20_mb_line_is_segmented_and_aligned_whole, |dir, cmd| {
    // English sentences on one line: segment must split all of it and lose nothing.
    let sentence = "The rocket lifted off from the island on Wednesday. ";
    let line = sentence.repeat(20_000_000 / sentence.len());
    let en = dir.create("en.txt", &line);
    let seg = dir.join("en.seg");
    let out = hashi(&["segment", "--lang", "en", s(&en), "-o", s(&seg)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sentences = std::fs::read_to_string(&seg).unwrap();
    assert_eq!(sentences.lines().count(), 20_000_000 / sentence.len());
    assert_eq!(
        sentences.lines().collect::<Vec<_>>().join(" "),
        line.trim_end()
    );

    // Japanese sentences on one line.
    let ja_sentence = "ロケットは水曜日に島から打ち上げられた。";
    let ja_line = ja_sentence.repeat(20_000_000 / ja_sentence.len());
    let ja = dir.create("ja.txt", &ja_line);
    let out = hashi(&["segment", "--lang", "ja", s(&ja), "-o", s(&seg)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sentences = std::fs::read_to_string(&seg).unwrap();
    assert_eq!(sentences.lines().collect::<String>(), ja_line);

    // One 20 MB English sentence (no full stop) against a real article: one bead holds it,
    // and every Japanese sentence is in exactly one bead. (1 sentence against 16 is beyond
    // the size limit: --force.)
    let words = "the rocket lifted off from the island and ";
    let huge = dir.create("huge.txt", words.repeat(20_000_000 / words.len()));
    let ja = corpus("ja.txt");
    let out = hashi(&["align", "--force", "--format", "beads", s(&huge), s(&ja)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let n_ja = hashi(&["segment", "--lang", "ja", s(&ja)]);
    let n_ja = String::from_utf8_lossy(&n_ja.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .count();
    assert_covers(&String::from_utf8_lossy(&out.stdout), 1, n_ja);
});

/// Asserts that Vecalign bead lines (`[0,1]:[2]`) put each of `n_en` and `n_ja` sentences in
/// exactly one bead, in order.
fn assert_covers(beads: &str, n_en: usize, n_ja: usize) {
    let ids = |side: &str| -> Vec<usize> {
        let side = side.trim().trim_start_matches('[').trim_end_matches(']');
        side.split(',')
            .filter(|t| !t.is_empty())
            .map(|t| t.trim().parse().unwrap())
            .collect()
    };
    let (mut en, mut ja) = (Vec::new(), Vec::new());
    for line in beads.lines() {
        let (e, j) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("bad bead {line:?}"));
        en.extend(ids(e));
        ja.extend(ids(j));
    }
    assert_eq!(en, (0..n_en).collect::<Vec<_>>());
    assert_eq!(ja, (0..n_ja).collect::<Vec<_>>());
}

#[test]
fn swapped_languages_are_refused_unless_forced() {
    let (en, ja) = (corpus("en.txt"), corpus("ja.txt"));
    for cmd in ["align", "check"] {
        let out = common::cmd([cmd, s(&ja), s(&en)]).assert_exit_code(2);
        let err = stderr(&out);
        let said = format!("{}: the English file (EN_FILE) looks Japanese", s(&ja));
        assert!(err.contains(&said), "{err}");
        assert!(out.stdout.is_empty());

        // Only the Japanese side wrong.
        let out = common::cmd([cmd, s(&en), s(&en)]).assert_exit_code(2);
        let err = stderr(&out);
        let said = format!("{}: the Japanese file (JA_FILE) looks English", s(&en));
        assert!(err.contains(&said), "{err}");

        let out = hashi(&[cmd, "--force", s(&ja), s(&en)]);
        assert!(out.status.success(), "{cmd} --force: {}", stderr(&out));
    }
}

hashi_test!(
    sides_of_wildly_different_size_are_refused_unless_forced_then_aligned_completely,
    |dir, cmd| {
        let one_en = dir.create("one.en", "The rocket lifted off on Wednesday.\n");
        let ja: String = (0..5000)
            .map(|i| format!("ロケットは{i}回目の打ち上げに成功した。\n"))
            .collect();
        let many_ja = dir.create("many.ja", ja);
        let one_ja = dir.create("one.ja", "ロケットが水曜日に打ち上げられた。\n");
        let en: String = (0..5000)
            .map(|i| format!("The rocket made launch number {i}.\n"))
            .collect();
        let many_en = dir.create("many.en", en);

        for (en, ja, n_en, n_ja) in [(&one_en, &many_ja, 1, 5000), (&many_en, &one_ja, 5000, 1)] {
            // Refused by default, as batch refuses such a pair: more likely a wrong file than a
            // translation.
            for cmd in ["align", "check"] {
                let out = common::cmd([cmd, s(en), s(ja)]).assert_exit_code(2);
                let err = stderr(&out);
                assert_eq!(
                    err,
                    format!(
                        "hashi: {} and {} differ too much in size: {n_en} English {} \
                     against {n_ja} Japanese, more than 10 times the smaller plus 5 \
                     (--max-ratio, --ratio-slack): is one of them the wrong file? \
                     (--force aligns anyway)\n",
                        s(en),
                        s(ja),
                        if n_en == 1 { "sentence" } else { "sentences" }
                    )
                );
                assert!(out.stdout.is_empty());
            }
            // A looser limit lets the pair past the size rule, to the verdict, which finds
            // no translation in it.
            let out = hashi(&[
                "align",
                "--max-ratio",
                "5000",
                "--format",
                "beads",
                s(en),
                s(ja),
            ]);
            assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
            assert_eq!(
                stderr(&out),
                format!(
                    "hashi: {} and {} do not look like translations of each other: 0 of \
                     {n_en} English {} and 0 of {n_ja} Japanese find a counterpart (is one of \
                     them the wrong file? --force aligns anyway)\n",
                    s(en),
                    s(ja),
                    if n_en == 1 { "sentence" } else { "sentences" }
                )
            );
            assert!(out.stdout.is_empty());
            // Forced, it is aligned completely.
            let out = hashi(&["align", "--force", "--format", "beads", s(en), s(ja)]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert_covers(&String::from_utf8_lossy(&out.stdout), n_en, n_ja);
            let out = hashi(&["check", "--force", "--format", "json", s(en), s(ja)]);
            assert!(out.status.success(), "{}", stderr(&out));
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            // Nearly every sentence of the long side is unmatched, and reported so, as one
            // untranslated stretch.
            let findings = report["findings"].as_array().unwrap();
            let ids = if n_en > n_ja { "en_ids" } else { "ja_ids" };
            let unmatched: usize = findings
                .iter()
                .map(|f| f[ids].as_array().unwrap().len())
                .sum();
            assert!(unmatched >= 4999, "{unmatched}");
            assert!(findings.len() <= 3, "{}", findings.len());
            assert_eq!(report["verdict"]["kind"], "unrelated");
        }
    }
);

hashi_test!(a_directory_is_not_a_file, |dir, cmd| {
    let sub = dir.create_dir("articles");
    assert_refused_everywhere(&dir, &sub, "is a directory");
});

hashi_test!(a_missing_file_is_named, |dir, cmd| {
    let missing = dir.join("no-such-article.txt");
    assert_refused_everywhere(&dir, &missing, "cannot read: No such file or directory");
    // The reason is said once, not repeated by the error chain.
    let out = hashi(&["segment", s(&missing)]);
    assert_eq!(
        stderr(&out).matches("No such file").count(),
        1,
        "{}",
        stderr(&out)
    );
});

hashi_test!(
    an_output_in_a_missing_directory_is_an_error_naming_it,
    |dir, cmd| {
        let (en, ja) = (corpus("en.txt"), corpus("ja.txt"));
        let target = dir.join("no-such-dir").join("out");
        let t = s(&target);
        for args in [
            vec!["segment", s(&en), "-o", t],
            vec!["align", s(&en), s(&ja), "-o", t],
            vec!["align", "--format", "moses", s(&en), s(&ja), "-o", t],
            vec!["check", s(&en), s(&ja), "--html", t],
        ] {
            let err = refused(&args);
            assert!(
                err.contains(t) && err.contains("cannot write"),
                "{args:?}: {err}"
            );
            assert!(!dir.join("no-such-dir").exists());
            assert_eq!(dir.entries(), Vec::<String>::new(), "{args:?}");
        }
    }
);

hashi_test!(an_unwritable_output_leaves_no_partial_file, |dir, cmd| {
    let (en, ja) = (corpus("en.txt"), corpus("ja.txt"));
    // A directory where the output file should go: the temporary file is written, and the
    // rename over the directory fails (permissions would not stop root).
    let target = dir.create_dir("taken");
    let t = s(&target);
    for args in [
        vec!["segment", s(&en), "-o", t],
        vec!["align", s(&en), s(&ja), "-o", t],
        vec!["check", s(&en), s(&ja), "--html", t],
    ] {
        let err = refused(&args);
        assert!(
            err.contains(t) && err.contains("cannot write"),
            "{args:?}: {err}"
        );
        assert_eq!(
            dir.entries(),
            vec!["taken".to_string()],
            "{args:?} left a file"
        );
        assert_eq!(entries(&target), Vec::<String>::new());
    }
});

hashi_test!(
    a_failing_run_leaves_an_existing_output_untouched,
    |dir, cmd| {
        let bad = dir.create("bad.txt", b"\xff\xfe\xfd");
        let en = corpus("en.txt");
        let keep = |name: &str| dir.create(name, "earlier results\n");
        let (seg, csv, html) = (keep("seg.txt"), keep("a.csv"), keep("c.html"));
        let (moses_en, moses_ja) = (keep("corpus.en"), keep("corpus.ja"));
        let prefix = dir.join("corpus");
        for args in [
            vec!["segment", s(&bad), "-o", s(&seg)],
            vec!["align", s(&en), s(&bad), "-o", s(&csv)],
            vec![
                "align",
                "--format",
                "moses",
                s(&en),
                s(&bad),
                "-o",
                s(&prefix),
            ],
            vec!["check", s(&en), s(&bad), "--html", s(&html)],
        ] {
            common::cmd(&args).assert_exit_code(2);
        }
        for p in [&seg, &csv, &html, &moses_en, &moses_ja] {
            assert_eq!(
                std::fs::read_to_string(p).unwrap(),
                "earlier results\n",
                "{p:?}"
            );
        }
        assert_eq!(dir.entries().len(), 6, "{:?}", dir.entries());
    }
);
