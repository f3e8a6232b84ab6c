//! Compiles EDICT (the `hashi-edict-data` crate, EUC-JP) and the project's supplement
//! (`lexicon/supplement.tsv`: chat shorthand, everyday set phrases), its glosses widened with
//! WordNet synonyms (the `hashi-wordnet-data` crate), into the lexicon artefacts
//! `lexicon_ja.fst`, `lexicon_postings.bin` and `lexicon_en.fst` in OUT_DIR, embedded by
//! `src/lexicon/mod.rs`. The parsing, key normalisation and compilation are the
//! `hashi-lexicon` crate's, which the library uses too, so build time and run time agree on
//! every key.
//!
//! The build script also builds IPADIC, so it reruns when either part changes; a stamp (hash
//! of the data, of the supplement and of the build script's own executable, which holds the
//! compiler) lets this part skip its ~1.5 s of work when its own inputs have not changed.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use hashi_edict_data::{EDICT_XZ, EDICT_XZ_NAME};
use hashi_lexicon::compile;

use hashi_wordnet_data::{SYNONYMS_XZ, SYNONYMS_XZ_NAME};

/// The supplement, relative to the package root (the library includes it too).
const SUPPLEMENT: &str = "lexicon/supplement.tsv";
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
    println!("cargo:rerun-if-changed={SUPPLEMENT}");
    let supplement_path = manifest.join(SUPPLEMENT);
    let supplement = read(&supplement_path);
    // The compiler and the data are compiled into this executable: its hash covers them.
    let exe = std::env::current_exe().expect("the build script's executable");
    let mut hasher = DefaultHasher::new();
    for input in [&supplement, &read(&exe)] {
        input.hash(&mut hasher);
    }
    let stamp = format!("{:016x}\n", hasher.finish());
    let stamp_path = out.join(STAMP);
    let fresh = std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp)
        && OUTPUTS.iter().all(|name| out.join(name).is_file());
    if fresh {
        return;
    }

    let raw = read_xz(EDICT_XZ, EDICT_XZ_NAME);
    let (text, _, had_errors) = encoding_rs::EUC_JP.decode(&raw);
    if had_errors {
        println!("cargo:warning={EDICT_XZ_NAME}: invalid EUC-JP sequences replaced");
    }

    let synonyms = String::from_utf8(read_xz(SYNONYMS_XZ, SYNONYMS_XZ_NAME))
        .unwrap_or_else(|e| panic!("{SYNONYMS_XZ_NAME}: not UTF-8: {e}"));
    let supplement = String::from_utf8(supplement)
        .unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", supplement_path.display()));
    let artefacts =
        compile(&text, &synonyms, &supplement).unwrap_or_else(|e| panic!("{EDICT_XZ_NAME}: {e}"));
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

fn read_xz(compressed: &[u8], name: &str) -> Vec<u8> {
    let mut raw = Vec::with_capacity(compressed.len() * 5);
    lzma_rs::xz_decompress(&mut &compressed[..], &mut raw)
        .unwrap_or_else(|e| panic!("{name}: cannot decompress: {e}"));
    raw
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: cannot write: {e}", path.display()));
}
