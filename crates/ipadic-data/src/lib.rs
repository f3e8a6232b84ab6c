//! The IPADIC 2.7.0 source archive that hashi's build script compiles into its tokenizer's
//! dictionary. Licence: NAIST-2003, see `COPYING` in this crate.

/// `mecab-ipadic-2.7.0.tar.xz`: the IPADIC 2.7.0 source (EUC-JP), a tar archive compressed
/// with xz.
pub static ARCHIVE: &[u8] = include_bytes!("../mecab-ipadic-2.7.0.tar.xz");

/// The name of [`ARCHIVE`], for messages.
pub const ARCHIVE_NAME: &str = "mecab-ipadic-2.7.0.tar.xz";

/// The archive's top-level folder, which holds `matrix.def` and the CSV files.
pub const ARCHIVE_ROOT: &str = "ipadic";
