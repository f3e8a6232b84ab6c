//! Texts as Python gives them (str, bytes, a path) turned into the library's documents, and
//! the library's byte offsets turned into Python string indices.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use hashi::input::Encoding;
use hashi::segment::Document;

/// A text argument before it is read: `str` is the text itself; `bytes` are decoded as
/// `hashi` decodes a file (UTF-8, else Shift_JIS or EUC-JP); a path (`os.PathLike`) is a file
/// to read. A `str` is never taken for a path; one that looks like a mistaken path (a single
/// line naming an existing file) is refused with a `ValueError` saying to pass a
/// `pathlib.Path`, since aligning the file's name would only fail later with a puzzling
/// refusal (an empty or lopsided side).
pub enum TextArg {
    Text(String),
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl<'py> FromPyObject<'_, 'py> for TextArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if obj.cast::<PyString>().is_ok() {
            let text: String = obj.extract()?;
            if names_a_file(&text) {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "{text:?} is a str, which hashi takes as the text itself, but it names a \
                     file: pass pathlib.Path({text:?}) to read the file"
                )));
            }
            return Ok(TextArg::Text(text));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(TextArg::Bytes(b.as_bytes().to_vec()));
        }
        let os = obj.py().import("os")?;
        if obj.is_instance(&os.getattr("PathLike")?)? {
            return Ok(TextArg::Path(obj.extract()?));
        }
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a text (str), encoded text (bytes) or a path (os.PathLike), not {}",
            obj.get_type().name()?
        )))
    }
}

/// Whether a `str` given as a text is more likely a file's name: one short line that names
/// an existing file.
fn names_a_file(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 4096
        && !text.contains(['\n', '\r'])
        && std::path::Path::new(text).is_file()
}

impl TextArg {
    /// How the text is named in a report: a file by its path, a text by `inline`.
    pub fn name(&self, inline: &str) -> String {
        match self {
            TextArg::Path(p) => hashi::input::display_name(Some(p)).display().to_string(),
            TextArg::Text(_) | TextArg::Bytes(_) => inline.to_string(),
        }
    }

    /// The text, read and decoded; `name` stands for it in messages when it is not a file.
    pub fn read(self, name: &str) -> Result<String, hashi::Error> {
        match self {
            TextArg::Text(t) => {
                // The check a file's text passes: a NUL makes it binary.
                hashi::input::refuse_binary(std::path::Path::new(name), t.as_bytes())?;
                Ok(t)
            }
            TextArg::Bytes(b) => {
                hashi::input::decode_with(std::path::Path::new(name), b, Encoding::Auto)
                    .map(|d| d.text)
            }
            TextArg::Path(p) => {
                hashi::input::read_text_with(Some(&p), Encoding::Auto).map(|d| d.text)
            }
        }
    }
}

/// Each sentence's span in characters (Python string indices) instead of bytes.
pub fn char_spans(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut advance = |to: usize| {
        // Sentences come in order and do not overlap, so one pass counts every character
        // once; `get` keeps a malformed span from panicking (it then counts nothing).
        if to >= byte {
            chars += doc.text.get(byte..to).map_or(0, |s| s.chars().count());
            byte = to;
        }
        chars
    };
    for s in &doc.sentences {
        let start = advance(s.span.start);
        let end = advance(s.span.end);
        out.push((start, end));
    }
    out
}

/// Character offset of each byte offset in `offsets` (ascending) within `text`.
pub fn chars_at(text: &str, offsets: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let (mut byte, mut chars) = (0usize, 0usize);
    offsets
        .into_iter()
        .map(|to| {
            if to >= byte {
                chars += text.get(byte..to).map_or(0, |s| s.chars().count());
                byte = to;
            }
            chars
        })
        .collect()
}
