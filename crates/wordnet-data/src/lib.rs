//! English synonyms derived from WordNet 3.0, which hashi's build script adds to its
//! lexicon. WordNet 3.0 Copyright 2006 by Princeton University, used under the WordNet 3.0
//! licence; see `LICENSE` and `README.md` in this crate.

/// `synonyms.xz`: `word<TAB>synonym synonym ...` lines (UTF-8), compressed with xz.
pub static SYNONYMS_XZ: &[u8] = include_bytes!("../synonyms.xz");

/// The name of [`SYNONYMS_XZ`], for messages.
pub const SYNONYMS_XZ_NAME: &str = "synonyms.xz";
