//! The EDICT dictionary file that hashi's build script compiles into its lexicon. EDICT is
//! the property of the Electronic Dictionary Research and Development Group, used under the
//! Group's licence (CC BY-SA 3.0); see `README.md` and `COPYING` in this crate.

/// `edict.xz`: the EDICT file (EUC-JP, one entry a line), compressed with xz.
pub static EDICT_XZ: &[u8] = include_bytes!("../edict.xz");

/// The name of [`EDICT_XZ`], for messages.
pub const EDICT_XZ_NAME: &str = "edict.xz";
