use std::path::PathBuf;

/// Every failure the library reports. The binary adds nothing but formatting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: invalid UTF-8 at byte {offset}{hint}")]
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
        hint: String,
    },
    #[error("{path}: invalid {encoding} at byte {offset}")]
    InvalidEncoding {
        path: PathBuf,
        encoding: &'static str,
        offset: usize,
    },
    #[error(
        "{path}: binary data, not text (a NUL byte at byte {offset}; if it is UTF-16, \
         convert it to UTF-8)"
    )]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: is a directory, not a file")]
    NotAFile { path: PathBuf },
    #[error("dictionary: {0}")]
    Dictionary(String),
    #[error("lexicon: {0}")]
    Lexicon(String),
    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A document pair that breaks a rule of [`crate::validate::Rules`] (an empty side,
    /// swapped languages, sides of very different size).
    #[error(transparent)]
    Pair(#[from] crate::validate::PairError),
    /// A batch output in a format whose records carry no document id, which cannot be read
    /// back to resume a run (see [`crate::export::Format::resumable`]).
    #[error("{0} output cannot be resumed: its records carry no document id (csv and jsonl do)")]
    NotResumable(crate::export::Format),
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
