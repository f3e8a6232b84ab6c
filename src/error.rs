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
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
