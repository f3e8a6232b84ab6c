//! What can be wrong with a lexicon.

/// What is wrong with a lexicon: the `problem` of a [`CompileError`](crate::CompileError),
/// and of the hashi library's `Error::Lexicon`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconProblem {
    /// The file is neither UTF-8 (with or without a BOM) nor EUC-JP, the two encodings EDICT
    /// files come in.
    #[error("neither UTF-8 nor EUC-JP text, as an EDICT lexicon must be")]
    NotText,
    /// A line is not an EDICT entry (`KANJI [KANA] /gloss/.../` or `KANA /gloss/.../`).
    #[error("not an EDICT entry: {0}")]
    Entry(String),
    /// The text holds no EDICT entry at all (only blank lines and comments, or nothing).
    #[error("no EDICT entries found")]
    NoEntries,
    /// The lexicon's finite-state index could not be built or opened. The compiler's own
    /// output always opens, so this is a bug in hashi, not a fault of the input.
    #[error("cannot build the lexicon's index: {0}")]
    Index(String),
}
