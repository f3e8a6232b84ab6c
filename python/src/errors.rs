//! The library's failures as Python exceptions. Every error the binding raises on behalf of
//! the library goes through [`Failure::into_pyerr`], so the mapping from the library's error
//! type to `hashi.HashiError` / `hashi.InputError` lives here alone.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

use hashi::validate::PairError;

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
     languages, sides of very different size. `path`, `offset` (a byte offset) and `line` say \
     where, when known."
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
    fn from(e: hashi::Error) -> Self {
        use hashi::Error as E;
        let kind = error_kind(&e);
        let (path, offset, line) = match &e {
            E::Read { path, .. }
            | E::NotAFile { path }
            | E::ManifestKind { path }
            | E::SourceKind { path }
            | E::SameFile { path } => (Some(path.as_path()), None, None),
            E::InvalidUtf8 { path, offset, .. }
            | E::InvalidEncoding { path, offset, .. }
            | E::Binary { path, offset } => (Some(path.as_path()), Some(*offset), None),
            E::Parse { path, line, .. } => (Some(path.as_path()), None, Some(*line)),
            E::Dictionary { path, .. } => (path.as_deref(), None, None),
            E::Lexicon { path, line, .. } => (path.as_deref(), None, *line),
            _ => (None, None, None),
        };
        Failure {
            input: is_input(&e),
            kind,
            message: e.to_string(),
            path: path.map(|p| p.display().to_string()),
            offset,
            line,
        }
    }
}

impl From<PairError> for Failure {
    fn from(e: PairError) -> Self {
        Failure::from(hashi::Error::Pair(e))
    }
}

/// Whether a library error is about the caller's text or files (`InputError`), rather than
/// the resources (dictionary, lexicon), a setting, or something unforeseen (`HashiError`).
fn is_input(e: &hashi::Error) -> bool {
    use hashi::Error as E;
    matches!(
        e,
        E::Read { .. }
            | E::InvalidUtf8 { .. }
            | E::InvalidEncoding { .. }
            | E::Binary { .. }
            | E::NotAFile { .. }
            | E::Parse { .. }
            | E::Pair(_)
            | E::EmptySource { .. }
            | E::SourceKind { .. }
            | E::SameFile { .. }
            | E::OtherLanguage { .. }
    )
}

/// A short, stable name of a library error, for `HashiError.kind`.
fn error_kind(e: &hashi::Error) -> &'static str {
    use hashi::Error as E;
    match e {
        E::Read { .. } => "read",
        E::InvalidUtf8 { .. } => "invalid_utf8",
        E::InvalidEncoding { .. } => "invalid_encoding",
        E::Binary { .. } => "binary",
        E::NotAFile { .. } => "not_a_file",
        E::Parse { .. } => "parse",
        E::Dictionary { .. } => "dictionary",
        E::Lexicon { .. } => "lexicon",
        E::ManifestKind { .. } => "manifest_kind",
        E::UnknownName { .. } => "unknown_name",
        E::NotResumable { .. } => "not_resumable",
        E::InvalidValue { .. } => "invalid_value",
        E::EmptySource { .. } => "empty_source",
        E::SourceKind { .. } => "source_kind",
        E::SameFile { .. } => "same_file",
        E::Threads { .. } => "threads",
        E::OtherLanguage { .. } => "other_language",
        E::Pair(p) => pair_error_kind(p),
        // hashi::Error is #[non_exhaustive]: a variant added later is still a HashiError.
        _ => "other",
    }
}

fn pair_error_kind(e: &PairError) -> &'static str {
    match e {
        PairError::Empty(_) => "empty_side",
        PairError::Swapped { .. } => "swapped_languages",
        PairError::Script { .. } => "wrong_language",
        PairError::OnlyFurniture(_) => "only_furniture",
        PairError::Lopsided { .. } => "lopsided",
        PairError::NotTranslation(_) => "not_translation",
    }
}

/// The kind name of a batch document's failure (`DocResult.error_kind`).
pub fn doc_error_kind(e: &hashi::batch::DocError) -> &'static str {
    use hashi::batch::DocError as D;
    match e {
        D::Input(inner) => error_kind(inner),
        D::Unpaired { .. } => "unpaired",
        D::BadRecord { .. } => "bad_record",
        D::Pair(p) => pair_error_kind(p),
        D::DuplicateId { .. } => "duplicate_id",
        D::Panic(_) => "internal",
    }
}
