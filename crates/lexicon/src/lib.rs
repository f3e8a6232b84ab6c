//! The lexicon compiler of hashi: shared by hashi's build script (which compiles the lexicon
//! embedded in the binary from the `hashi-edict-data` and `hashi-wordnet-data` crates) and the
//! hashi library (which normalises English sentences with the same functions, and compiles a
//! user's EDICT file at run time), so that build time and run time agree on every key.
//!
//! - [`normalize`]: English keys ([`normalize::en_key`]), Japanese keys
//!   ([`normalize::ja_key`]), set-phrase keys and the EDICT line parser;
//! - [`compile`](mod@compile): EDICT text, synonyms and the supplement to the lexicon's artefacts;
//! - [`LexiconProblem`]: what can be wrong with a lexicon.

pub mod compile;
pub mod normalize;
mod problem;

pub use compile::{compile, Artefacts, CompileError};
pub use problem::LexiconProblem;
