//! Compiles the IPADIC 2.7.0 source of the `hashi-ipadic-data` crate into a lindera
//! dictionary under `OUT_DIR/ipadic`.
//!
//! Nothing is downloaded: the source is `hashi_ipadic_data::ARCHIVE`
//! (`crates/ipadic-data/mecab-ipadic-2.7.0.tar.xz`: EUC-JP CSV files, `char.def`, `unk.def`,
//! `matrix.def`, ...). It is decompressed in pure Rust, unpacked into `OUT_DIR`, and handed to
//! `lindera_dictionary`'s `DictionaryBuilder`, which decodes EUC-JP itself. `src/tokenizer.rs`
//! embeds the result with `lindera_dictionary::embedded_dictionary!`, which reads the files
//! from `LINDERA_WORKDIR`.
//!
//! The build script also compiles the lexicon, so it reruns whenever either part changes; a
//! stamp (hash of the archive plus the builder's version) lets this part skip the ~5 s
//! rebuild when its inputs have not changed.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::{Metadata, DICTIONARY_FORMAT_VERSION};
use lindera_dictionary::dictionary::schema::Schema;

use hashi_ipadic_data::{ARCHIVE, ARCHIVE_NAME, ARCHIVE_ROOT};

/// Subdirectory of `OUT_DIR` holding the built dictionary; `src/tokenizer.rs` names it too.
const OUTPUT_SUBDIR: &str = "ipadic";
/// Bump when this file changes what it writes, to invalidate the stamp.
const RECIPE_VERSION: u32 = 1;

pub fn build() {
    if let Err(message) = run() {
        panic!("building the IPADIC dictionary failed: {message}");
    }
}

fn run() -> Result<(), String> {
    let out_dir = env_path("OUT_DIR")?;
    // `lindera_dictionary::embedded_dictionary!` includes the files from this directory.
    println!("cargo:rustc-env=LINDERA_WORKDIR={}", out_dir.display());

    let archive = ARCHIVE;
    let output_dir = out_dir.join(OUTPUT_SUBDIR);
    let stamp_path = out_dir.join(format!("{OUTPUT_SUBDIR}.stamp"));
    let stamp = stamp_for(archive);
    if output_dir.join("metadata.json").is_file()
        && fs::read_to_string(&stamp_path).is_ok_and(|old| old == stamp)
    {
        return Ok(());
    }
    // A failure below must not leave a stamp that vouches for stale files.
    let _ = fs::remove_file(&stamp_path);

    let started = Instant::now();
    let source_dir = out_dir.join("ipadic-src");
    remove_dir_if_present(&source_dir)?;
    unpack(archive, &source_dir)?;
    let unpacked = started.elapsed();

    let tmp_output = out_dir.join(format!("{OUTPUT_SUBDIR}.tmp"));
    remove_dir_if_present(&tmp_output)?;
    DictionaryBuilder::new(metadata())
        .build_dictionary(&source_dir.join(ARCHIVE_ROOT), &tmp_output)
        .map_err(|err| format!("lindera DictionaryBuilder: {err}"))?;
    remove_dir_if_present(&output_dir)?;
    fs::rename(&tmp_output, &output_dir).map_err(|err| {
        format!(
            "cannot rename {} to {}: {err}",
            tmp_output.display(),
            output_dir.display()
        )
    })?;
    // The 52 MB of CSV are not needed once the dictionary is built.
    remove_dir_if_present(&source_dir)?;
    fs::write(&stamp_path, stamp)
        .map_err(|err| format!("cannot write {}: {err}", stamp_path.display()))?;

    eprintln!(
        "ipadic: unpacked in {:.2?}, built in {:.2?}",
        unpacked,
        started.elapsed() - unpacked
    );
    Ok(())
}

fn env_path(name: &str) -> Result<PathBuf, String> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{name} is not set"))
}

/// Identifies one build: the archive's content, this recipe and the builder's format.
fn stamp_for(archive: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    archive.hash(&mut hasher);
    format!(
        "archive {:016x} ({} bytes), recipe {RECIPE_VERSION}, lindera-dictionary {}, format {DICTIONARY_FORMAT_VERSION}\n",
        hasher.finish(),
        archive.len(),
        lindera_dictionary::get_version(),
    )
}

fn remove_dir_if_present(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(format!("cannot remove {}: {err}", dir.display())),
    }
}

/// Decompresses the `.tar.xz` in memory and unpacks it into `dir`.
fn unpack(archive: &[u8], dir: &Path) -> Result<(), String> {
    let mut tar = Vec::with_capacity(64 << 20);
    lzma_rs::xz_decompress(&mut &archive[..], &mut tar)
        .map_err(|err| format!("cannot decompress {ARCHIVE_NAME}: {err}"))?;
    fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    tar::Archive::new(&tar[..])
        .unpack(dir)
        .map_err(|err| format!("cannot unpack {ARCHIVE_NAME}: {err}"))?;
    if !dir.join(ARCHIVE_ROOT).join("matrix.def").is_file() {
        return Err(format!("{ARCHIVE_NAME} has no {ARCHIVE_ROOT}/matrix.def"));
    }
    Ok(())
}

/// The same settings as lindera-ipadic's `metadata.json`, except that the vendored source
/// is the original EUC-JP release rather than lindera's UTF-8 repackaging.
fn metadata() -> Metadata {
    let fields = |names: &[&str]| Schema::new(names.iter().map(|s| s.to_string()).collect());
    Metadata::new(
        "ipadic".to_string(),
        "EUC-JP".to_string(),
        -10000,
        0,
        0,
        "*".to_string(),
        true,
        false,
        true,
        fields(&[
            "surface",
            "left_context_id",
            "right_context_id",
            "cost",
            "part_of_speech",
            "part_of_speech_subcategory_1",
            "part_of_speech_subcategory_2",
            "part_of_speech_subcategory_3",
            "conjugation_type",
            "conjugation_form",
            "base_form",
            "reading",
            "pronunciation",
        ]),
        fields(&["surface", "part_of_speech", "reading"]),
    )
}
