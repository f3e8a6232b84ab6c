//! The library's failures as Python exceptions. Every error the binding raises on behalf of
//! the library goes through [`Failure::into_pyerr`], so the mapping from the library's error
//! type to `hashi.HashiError` / `hashi.InputError` lives here alone.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    hashi,
    HashiError,
    PyException,
    "Base of every error hashi raises. `kind` names the failure (e.g. \"lexicon\")."
);
create_exception!(
    hashi,
    InputError,
    HashiError,
    "Bad input text or file: unreadable, not text, wrong encoding, an empty side, swapped \
     languages. `path`, `offset` (a byte offset) and `line` say where, when known."
);

/// A failure computed without the GIL, turned into an exception once it is held again.
#[derive(Debug)]
pub struct Failure {
    pub input: bool,
    pub kind: &'static str,
    pub message: String,
    pub path: Option<String>,
    pub offset: Option<usize>,
    pub line: Option<usize>,
}

impl Failure {
    pub fn input(kind: &'static str, message: impl Into<String>) -> Self {
        Failure {
            input: true,
            kind,
            message: message.into(),
            path: None,
            offset: None,
            line: None,
        }
    }

    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        let err = if self.input {
            InputError::new_err(self.message)
        } else {
            HashiError::new_err(self.message)
        };
        let value = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail short of memory
        // exhaustion, in which case the exception itself is still the best thing to raise.
        let _ = value.setattr("kind", self.kind);
        let _ = value.setattr("path", self.path);
        let _ = value.setattr("offset", self.offset);
        let _ = value.setattr("line", self.line);
        err
    }
}

impl From<hashi::Error> for Failure {
    // TODO(issue 12 merge): the library's error gets structured variants and becomes
    // #[non_exhaustive]; map the new variants in `error_kind` and here.
    #[allow(unreachable_patterns)]
    fn from(e: hashi::Error) -> Self {
        use hashi::Error as E;
        let kind = error_kind(&e);
        let (path, offset, line) = match &e {
            E::Read { path, .. } | E::NotAFile { path } => (Some(path), None, None),
            E::InvalidUtf8 { path, offset, .. }
            | E::InvalidEncoding { path, offset, .. }
            | E::Binary { path, offset } => (Some(path), Some(*offset), None),
            E::Parse { path, line, .. } => (Some(path), None, Some(*line)),
            _ => (None, None, None),
        };
        Failure {
            // The resources (dictionary, lexicon) and anything unforeseen are not the
            // caller's text.
            input: !matches!(kind, "dictionary" | "lexicon" | "other"),
            kind,
            message: e.to_string(),
            path: path.map(|p| p.display().to_string()),
            offset,
            line,
        }
    }
}

/// A short, stable name of a library error, for `HashiError.kind`.
#[allow(unreachable_patterns)]
fn error_kind(e: &hashi::Error) -> &'static str {
    use hashi::Error as E;
    match e {
        E::Read { .. } => "read",
        E::InvalidUtf8 { .. } => "invalid_utf8",
        E::InvalidEncoding { .. } => "invalid_encoding",
        E::Binary { .. } => "binary",
        E::NotAFile { .. } => "not_a_file",
        E::Parse { .. } => "parse",
        E::Dictionary(_) => "dictionary",
        E::Lexicon(_) => "lexicon",
        _ => "other",
    }
}

/// The kind name of a batch document's failure (`DocResult.error_kind`).
// TODO(issue 12 merge): follow the library's error kinds once it has them.
#[allow(unreachable_patterns)]
pub fn doc_error_kind(e: &hashi::batch::DocError) -> &'static str {
    use hashi::batch::DocError as D;
    match e {
        D::Input(inner) => error_kind(inner),
        D::Unpaired { .. } => "unpaired",
        D::BadRecord { .. } => "bad_record",
        D::EmptySide(_) => "empty_side",
        D::Lopsided { .. } => "lopsided",
        D::Panic(_) => "internal",
        _ => "other",
    }
}
