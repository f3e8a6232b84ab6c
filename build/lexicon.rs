//! Compiles the vendored EDICT (`vendor/edict/edict.xz`, EUC-JP) and the project's supplement
//! (`lexicon/supplement.tsv`: chat shorthand, everyday set phrases) into the lexicon artefacts
//! `lexicon_ja.fst`, `lexicon_postings.bin` and `lexicon_en.fst` in OUT_DIR, embedded by
//! `src/lexicon/mod.rs`. The parsing and key normalisation are the library's own source files
//! (included below with `#[path]`), so build time and run time agree on every key.
//!
//! The build script also builds IPADIC, so it reruns when either part changes; a stamp (hash
//! of the archive and of the sources below) lets this part skip its ~1.5 s of work when its
//! own inputs have not changed.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[allow(dead_code)]
#[path = "../src/lexicon/normalize.rs"]
mod normalize;

#[allow(dead_code)]
#[path = "../src/lexicon/compile.rs"]
mod compile;

#[allow(dead_code)]
#[path = "../src/lexicon/problem.rs"]
mod problem;
use problem::LexiconProblem;

/// The one variant of the library's `Error` that `compile` builds (it finds it as
/// `super::Error`); the library's own enum names modules the build script does not have.
#[derive(Debug, thiserror::Error)]
enum Error {
    #[error("line {line:?}: {problem}")]
    Lexicon {
        #[allow(dead_code)]
        path: Option<PathBuf>,
        line: Option<usize>,
        problem: LexiconProblem,
    },
}

/// The inputs, relative to the package root: the stamp hashes all of them.
const INPUTS: [&str; 7] = [
    "vendor/edict/edict.xz",
    "vendor/wordnet/synonyms.xz",
    "lexicon/supplement.tsv",
    "build/lexicon.rs",
    "src/lexicon/normalize.rs",
    "src/lexicon/compile.rs",
    "src/lexicon/problem.rs",
];
/// The artefacts written to OUT_DIR; `src/lexicon/mod.rs` includes them by these names. The
/// synonym list goes along decompressed, so that lexicons built at run time from a user's
/// EDICT file are widened as the built-in one is.
const OUTPUTS: [&str; 4] = [
    "lexicon_ja.fst",
    "lexicon_postings.bin",
    "lexicon_en.fst",
    "wordnet_synonyms.txt",
];
const STAMP: &str = "lexicon.stamp";

pub fn build() {
    let started = Instant::now();
    let manifest = env_path("CARGO_MANIFEST_DIR");
    let out = env_path("OUT_DIR");
    let mut hasher = DefaultHasher::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        read(&manifest.join(input)).hash(&mut hasher);
    }
    let stamp = format!("{:016x}\n", hasher.finish());
    let stamp_path = out.join(STAMP);
    let fresh = std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp)
        && OUTPUTS.iter().all(|name| out.join(name).is_file());
    if fresh {
        return;
    }

    let source = manifest.join(INPUTS[0]);
    let raw = read_xz(&source);
    let (text, _, had_errors) = encoding_rs::EUC_JP.decode(&raw);
    if had_errors {
        println!(
            "cargo:warning={}: invalid EUC-JP sequences replaced",
            source.display()
        );
    }

    let synonyms_path = manifest.join(INPUTS[1]);
    let synonyms = String::from_utf8(read_xz(&synonyms_path))
        .unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", synonyms_path.display()));
    let supplement_path = manifest.join(INPUTS[2]);
    let supplement = String::from_utf8(read(&supplement_path))
        .unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", supplement_path.display()));
    let artefacts = compile::compile(&text, &synonyms, &supplement)
        .unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let contents = [
        artefacts.ja_fst.as_slice(),
        &artefacts
            .postings
            .iter()
            .flat_map(|id| id.to_le_bytes())
            .collect::<Vec<u8>>(),
        &artefacts.en_fst,
        synonyms.as_bytes(),
    ];
    for (name, bytes) in OUTPUTS.iter().zip(contents) {
        write(&out.join(name), bytes);
    }
    write(&stamp_path, stamp.as_bytes());
    if std::env::var_os("HASHI_BUILD_VERBOSE").is_some() {
        println!(
            "cargo:warning=lexicon: {} bytes of EDICT -> {} + {} + {} bytes in {:.2?}",
            raw.len(),
            artefacts.ja_fst.len(),
            artefacts.postings.len() * 4,
            artefacts.en_fst.len(),
            started.elapsed(),
        );
    }
}

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var_os(name).unwrap_or_else(|| panic!("{name} is not set")))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()))
}

fn read_xz(path: &Path) -> Vec<u8> {
    let compressed = read(path);
    let mut raw = Vec::with_capacity(compressed.len() * 5);
    lzma_rs::xz_decompress(&mut compressed.as_slice(), &mut raw)
        .unwrap_or_else(|e| panic!("{}: cannot decompress: {e}", path.display()));
    raw
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: cannot write: {e}", path.display()));
}
