//! `hashi.pair`: which English document translates which Japanese one, among many (the
//! library's `pair`, as `hashi pair` runs it), with the GIL released.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use hashi::pair::{Doc, Settings};
use hashi::LexiconChoice;

use crate::errors::Failure;
use crate::text::TextArg;

/// One document as Python gives it: `(id, text)`, the text a `str`, `bytes` or a path; or a
/// path alone (`str` or `os.PathLike`), its id the path as given.
fn doc_of(item: &Bound<'_, PyAny>, side: &str) -> PyResult<Doc> {
    if let Ok(t) = item.cast::<PyTuple>() {
        if t.len() != 2 {
            return Err(PyTypeError::new_err(format!(
                "a {side} document is (id, text) or a path; got a tuple of {}",
                t.len()
            )));
        }
        let id: String = t.get_item(0)?.str()?.extract()?;
        return Ok(match t.get_item(1)?.extract::<TextArg>()? {
            TextArg::Text(text) => Doc::inline(id, text),
            TextArg::Path(path) => Doc::file(id, path),
            TextArg::Bytes(bytes) => {
                let text = hashi::input::decode_with(
                    std::path::Path::new(&id),
                    bytes,
                    hashi::input::Encoding::Auto,
                )
                .map_err(|e| Failure::from(e).into_pyerr(item.py()))?
                .text;
                Doc::inline(id, text)
            }
        });
    }
    let os = item.py().import("os")?;
    if item.cast::<PyString>().is_ok() || item.is_instance(&os.getattr("PathLike")?)? {
        let path: std::path::PathBuf = item.extract()?;
        return Ok(Doc::file(path.to_string_lossy().into_owned(), path));
    }
    Err(PyTypeError::new_err(format!(
        "a {side} document is (id, text) or a path, not {}",
        item.get_type().name()?
    )))
}

fn docs_of(docs: &Bound<'_, PyAny>, side: &str) -> PyResult<Vec<Doc>> {
    docs.try_iter()?.map(|item| doc_of(&item?, side)).collect()
}

/// Pairs English documents with the Japanese documents they translate: a list of
/// `(en_id, ja_id, score)` in the English documents' order.
#[pyfunction]
#[pyo3(signature = (en_docs, ja_docs, *, min_score=0.5, candidates=4, threads=None, presegmented=false, lexicon=true, errors="raise"))]
#[allow(clippy::too_many_arguments)]
pub fn pair(
    py: Python<'_>,
    en_docs: &Bound<'_, PyAny>,
    ja_docs: &Bound<'_, PyAny>,
    min_score: f32,
    candidates: usize,
    threads: Option<usize>,
    presegmented: bool,
    lexicon: bool,
    errors: &str,
) -> PyResult<Vec<(String, String, f32)>> {
    if !(0.0..=1.0).contains(&min_score) {
        return Err(PyValueError::new_err(format!(
            "min_score must be between 0 and 1, not {min_score}"
        )));
    }
    if errors != "raise" && errors != "skip" {
        return Err(PyValueError::new_err(format!(
            "errors must be \"raise\" or \"skip\", not {errors:?}"
        )));
    }
    let en = docs_of(en_docs, "English")?;
    let ja = docs_of(ja_docs, "Japanese")?;
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let mut settings = Settings::new(threads);
    settings.min_score = min_score;
    settings.candidates = candidates.max(1);
    settings.presegmented = presegmented;
    let choice = if lexicon {
        LexiconChoice::Bundled
    } else {
        LexiconChoice::None
    };
    let result = py.detach(|| {
        let aligner = hashi::Aligner::builder().lexicon(choice).build()?;
        hashi::pair::pair(&en, &ja, &aligner, &settings, &())
    });
    let pairing = result.map_err(|e| Failure::from(e).into_pyerr(py))?;
    if errors == "raise" {
        if let Some(f) = pairing.failures.into_iter().next() {
            return Err(Failure::from(f.error).into_pyerr(py));
        }
    }
    Ok(pairing
        .pairs
        .iter()
        .map(|f| {
            (
                en[f.en].id.clone(),
                ja[f.ja].id.clone(),
                (f.score * 1e4).round() / 1e4,
            )
        })
        .collect())
}
