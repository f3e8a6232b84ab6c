//! The fuzz targets' invariants under plain `cargo test`: each target's check, the very code
//! libFuzzer runs (`fuzz/src/invariants.rs`, included by path), over every file in
//! `fuzz/seeds/TARGET/`, `fuzz/regressions/TARGET/` (minimised crashes, committed) and
//! `fuzz/artifacts/TARGET/` (crashes libFuzzer saved on this machine; git ignores them).

#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use hashi::segment::{Document, Lang};

/// The inputs of a fuzz target, sorted: its seeds (which must exist) and the crashes saved
/// for it.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for kind in ["seeds", "regressions", "artifacts"] {
        let dir = fuzz.join(kind).join(target);
        let listing = match fs::read_dir(&dir) {
            Ok(listing) => listing,
            Err(_) if kind != "seeds" => continue,
            Err(e) => panic!("{}: {e}", dir.display()),
        };
        files.extend(listing.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

/// Runs `check` on every input of `target` and fails naming each input it panics on.
fn replay(target: &str, check: fn(&[u8])) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no seeds for {target}");
    let failed: Vec<String> = inputs
        .iter()
        .filter(|path| {
            let data = fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: invariants broken on {failed:#?}"
    );
}

/// One test a fuzz target: `replays! { TEST: TARGET, ... }` runs `invariants::TARGET` over
/// the inputs of `TARGET`.
macro_rules! replays {
    ($($test:ident: $target:ident),* $(,)?) => {$(
        #[test]
        fn $test() {
            replay(stringify!($target), invariants::$target);
        }
    )*};
}

replays! {
    segment_en_seeds_keep_the_invariants: segment_en,
    segment_ja_seeds_keep_the_invariants: segment_ja,
    align_seeds_keep_the_invariants: align,
    check_seeds_keep_the_invariants: check,
}

/// The replay above is only worth something if a broken invariant fails it: a document whose
/// sentences overlap, or leave text out, or are untrimmed, must be caught.
#[test]
fn a_broken_segmentation_fails_the_document_check() {
    let good = Document::segment(
        Lang::En,
        "Rain fell on Tokyo. Trains stopped.\n\nThey ran again at noon.\n".to_string(),
    );
    assert_eq!(good.len(), 3);
    invariants::check_document(&good);

    type Break = fn(&mut Document);
    let broken: [(&str, Break); 4] = [
        ("overlap", |d| d.sentences[1].span.start -= 2),
        ("text left out", |d| {
            d.sentences.remove(1);
        }),
        ("untrimmed", |d| d.sentences[0].span.end += 1),
        ("paragraph skipped", |d| d.sentences[2].paragraph = 2),
    ];
    for (what, breaks) in broken {
        let mut doc = good.clone();
        breaks(&mut doc);
        assert!(
            catch_unwind(AssertUnwindSafe(|| invariants::check_document(&doc))).is_err(),
            "{what} passed the check: {:?}",
            doc.sentences
        );
    }
}
