//! The Python-facing result types. They hold the library's results as they are (documents,
//! alignment, findings) and build Python objects only when asked.

use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyImportError, PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PySlice};

use hashi::export;
use hashi::review::{self, Mode, Page};
use hashi::segment::Lang;
use hashi::AlignedPair;

use crate::text::char_spans;

/// An aligned document pair (the library's, `en`, `ja`, `alignment` and `id` reached through
/// it), with each sentence's span in characters worked out when first asked for.
pub struct AlignedDoc {
    pair: AlignedPair,
    en_chars: OnceLock<Vec<(usize, usize)>>,
    ja_chars: OnceLock<Vec<(usize, usize)>>,
}

impl std::ops::Deref for AlignedDoc {
    type Target = AlignedPair;

    fn deref(&self) -> &AlignedPair {
        &self.pair
    }
}

impl AlignedDoc {
    pub fn new(pair: AlignedPair) -> Self {
        AlignedDoc {
            pair,
            en_chars: OnceLock::new(),
            ja_chars: OnceLock::new(),
        }
    }

    fn bead(&self, i: usize) -> Bead {
        let b = &self.alignment.beads[i];
        let aligned = self.view();
        let en_chars = self.en_chars.get_or_init(|| char_spans(&self.en));
        let ja_chars = self.ja_chars.get_or_init(|| char_spans(&self.ja));
        Bead {
            en: aligned.en_text(b),
            ja: aligned.ja_text(b),
            en_ids: b.en.clone().collect(),
            ja_ids: b.ja.clone().collect(),
            en_spans: en_chars[b.en.clone()].to_vec(),
            ja_spans: ja_chars[b.ja.clone()].to_vec(),
            en_paragraphs: b
                .en
                .clone()
                .map(|i| self.en.sentences[i].paragraph)
                .collect(),
            ja_paragraphs: b
                .ja
                .clone()
                .map(|i| self.ja.sentences[i].paragraph)
                .collect(),
            score: export::round_score(b.score),
            kind: b.kind(),
        }
    }

    /// Beads a CSV or JSONL export keeps: every bead, less the pairs below `min_score`.
    fn kept(&self, min_score: Option<f32>) -> impl Iterator<Item = usize> + '_ {
        self.alignment
            .beads
            .iter()
            .enumerate()
            .filter(move |(_, b)| !(b.is_pair() && min_score.is_some_and(|m| b.score < m)))
            .map(|(i, _)| i)
    }
}

/// One bead: consecutive English sentences aligned with consecutive Japanese ones (either
/// side may be empty: a sentence without counterpart).
#[pyclass(frozen, get_all, skip_from_py_object, module = "hashi")]
#[derive(Clone)]
pub struct Bead {
    pub en: String,
    pub ja: String,
    pub en_ids: Vec<usize>,
    pub ja_ids: Vec<usize>,
    pub en_spans: Vec<(usize, usize)>,
    pub ja_spans: Vec<(usize, usize)>,
    pub en_paragraphs: Vec<usize>,
    pub ja_paragraphs: Vec<usize>,
    pub score: f64,
    pub kind: String,
}

#[pymethods]
impl Bead {
    /// Whether both sides have a sentence.
    #[getter]
    fn is_pair(&self) -> bool {
        !self.en_ids.is_empty() && !self.ja_ids.is_empty()
    }

    fn __repr__(&self) -> String {
        format!(
            "Bead(en_ids={:?}, ja_ids={:?}, score={}, kind={:?}, en={:?}, ja={:?})",
            self.en_ids, self.ja_ids, self.score, self.kind, self.en, self.ja
        )
    }
}

enum Pick {
    One(usize),
    Many(Vec<usize>),
}

/// What a sequence index (an int, negative counting from the end, or a slice) picks out of
/// `len` items; a slice gives a list, as it does on a list.
fn pick(index: &Bound<'_, PyAny>, len: usize, what: &str) -> PyResult<Pick> {
    if let Ok(slice) = index.cast::<PySlice>() {
        let ind = slice.indices(len as isize)?;
        let ids = (0..ind.slicelength)
            .map(|k| (ind.start + k as isize * ind.step) as usize)
            .collect();
        return Ok(Pick::Many(ids));
    }
    let i: isize = index.extract()?;
    let n = len as isize;
    let i = if i < 0 { i + n } else { i };
    if !(0..n).contains(&i) {
        return Err(PyIndexError::new_err(format!("{what} index out of range")));
    }
    Ok(Pick::One(i as usize))
}

fn check_min_score(min_score: Option<f32>) -> PyResult<()> {
    match min_score {
        Some(s) if !(0.0..=1.0).contains(&s) => Err(PyValueError::new_err(format!(
            "min_score must be between 0 and 1, not {s}"
        ))),
        _ => Ok(()),
    }
}

/// Imports an optional dependency, or says how to install it.
pub fn import_optional<'py>(
    py: Python<'py>,
    module: &str,
    package: &str,
    what: &str,
) -> PyResult<Bound<'py, PyModule>> {
    py.import(module).map_err(|e| {
        PyImportError::new_err(format!(
            "{what} needs the {package} package, which is not installed: pip install {package} \
             ({e})"
        ))
    })
}

/// The beads of one document pair, in order; a sequence of `Bead`.
#[pyclass(frozen, sequence, skip_from_py_object, module = "hashi")]
#[derive(Clone)]
pub struct Alignment {
    pub inner: Arc<AlignedDoc>,
}

#[pymethods]
impl Alignment {
    fn __len__(&self) -> usize {
        self.inner.alignment.beads.len()
    }

    fn __getitem__<'py>(&self, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = index.py();
        let picked = pick(index, self.inner.alignment.beads.len(), "bead")?;
        match picked {
            Pick::One(i) => Ok(self.inner.bead(i).into_pyobject(py)?.into_any()),
            Pick::Many(ids) => Ok(ids
                .into_iter()
                .map(|i| self.inner.bead(i))
                .collect::<Vec<_>>()
                .into_pyobject(py)?
                .into_any()),
        }
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let beads = self.beads();
        Ok(beads.into_pyobject(py)?.try_iter()?.into_any().unbind())
    }

    fn __repr__(&self) -> String {
        let pairs = self
            .inner
            .alignment
            .beads
            .iter()
            .filter(|b| b.is_pair())
            .count();
        format!(
            "<hashi.Alignment{}: {} beads, {} pairs, {} English and {} Japanese sentences>",
            self.inner
                .id
                .as_ref()
                .map_or(String::new(), |id| format!(" {id:?}")),
            self.inner.alignment.beads.len(),
            pairs,
            self.inner.en.len(),
            self.inner.ja.len()
        )
    }

    /// The verdict on the document pair: a dict with `kind` ("translation", "partial" or
    /// "unrelated"), `probability` (that the two translate each other, in whole or in part),
    /// `en_sentences`, `en_translated`, `ja_sentences`, `ja_translated` (page furniture left
    /// out; translated: in a pair scoring at least 0.5), `judged` (False without a lexicon:
    /// then nothing is refused).
    #[getter]
    fn verdict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let v = &self.inner.alignment.verdict;
        let d = pyo3::types::PyDict::new(py);
        d.set_item("kind", v.kind.name())?;
        d.set_item("probability", v.probability)?;
        d.set_item("en_sentences", v.en_sentences)?;
        d.set_item("en_translated", v.en_translated)?;
        d.set_item("ja_sentences", v.ja_sentences)?;
        d.set_item("ja_translated", v.ja_translated)?;
        d.set_item("judged", v.judged)?;
        Ok(d)
    }

    /// The document's id (`align_many`), or None.
    #[getter]
    fn doc_id(&self) -> Option<String> {
        self.inner.id.clone()
    }

    /// The English sentences, in order (bead ids index this list).
    #[getter]
    fn en_sentences(&self) -> Vec<&str> {
        let doc = &self.inner.en;
        (0..doc.len()).map(|i| doc.sentence_text(i)).collect()
    }

    /// The Japanese sentences, in order.
    #[getter]
    fn ja_sentences(&self) -> Vec<&str> {
        let doc = &self.inner.ja;
        (0..doc.len()).map(|i| doc.sentence_text(i)).collect()
    }

    /// Every bead, as a list.
    fn beads(&self) -> Vec<Bead> {
        (0..self.inner.alignment.beads.len())
            .map(|i| self.inner.bead(i))
            .collect()
    }

    /// The beads with a sentence on both sides, without those scoring below `min_score`.
    #[pyo3(signature = (min_score=None))]
    fn pairs(&self, min_score: Option<f32>) -> PyResult<Vec<Bead>> {
        check_min_score(min_score)?;
        Ok(self
            .inner
            .alignment
            .beads
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_pair() && !min_score.is_some_and(|m| b.score < m))
            .map(|(i, _)| self.inner.bead(i))
            .collect())
    }

    /// One dict a bead with the columns of `hashi align`'s CSV.
    #[pyo3(signature = (min_score=None))]
    fn to_records<'py>(
        &self,
        py: Python<'py>,
        min_score: Option<f32>,
    ) -> PyResult<Vec<Bound<'py, PyDict>>> {
        check_min_score(min_score)?;
        self.inner
            .kept(min_score)
            .map(|i| {
                let b = self.inner.bead(i);
                let d = PyDict::new(py);
                if let Some(id) = &self.inner.id {
                    d.set_item("doc_id", id)?;
                }
                d.set_item("en_ids", b.en_ids)?;
                d.set_item("ja_ids", b.ja_ids)?;
                d.set_item("en", b.en)?;
                d.set_item("ja", b.ja)?;
                d.set_item("score", b.score)?;
                d.set_item("kind", b.kind)?;
                Ok(d)
            })
            .collect()
    }

    /// The records of `to_records` as a pandas DataFrame (pandas is imported here).
    #[pyo3(signature = (min_score=None))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        min_score: Option<f32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let pd = import_optional(py, "pandas", "pandas", "Alignment.to_pandas()")?;
        let records = self.to_records(py, min_score)?;
        let columns: Vec<&str> = self
            .inner
            .id
            .iter()
            .map(|_| "doc_id")
            .chain(["en_ids", "ja_ids", "en", "ja", "score", "kind"])
            .collect();
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", columns)?;
        pd.getattr("DataFrame")?.call((records,), Some(&kwargs))
    }

    /// Writes the alignment in one of `hashi align`'s formats (moses: `path` is a prefix,
    /// PATH.en and PATH.ja are written).
    #[pyo3(signature = (path, format="csv", *, min_score=None, en_lang="en", ja_lang="ja", srclang="en", spreadsheet_safe=false))]
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        format: &str,
        min_score: Option<f32>,
        en_lang: &str,
        ja_lang: &str,
        srclang: &str,
        spreadsheet_safe: bool,
    ) -> PyResult<()> {
        let (format, options) = export_options(
            format,
            min_score,
            en_lang,
            ja_lang,
            srclang,
            spreadsheet_safe,
        )?;
        let inner = self.inner.clone();
        py.detach(move || inner.write_file(&path, format, &options))
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
    }

    /// The alignment in one of `hashi align`'s one-stream formats, as a string.
    #[pyo3(signature = (format="csv", *, min_score=None, en_lang="en", ja_lang="ja", srclang="en", spreadsheet_safe=false))]
    #[allow(clippy::too_many_arguments)]
    fn dumps(
        &self,
        py: Python<'_>,
        format: &str,
        min_score: Option<f32>,
        en_lang: &str,
        ja_lang: &str,
        srclang: &str,
        spreadsheet_safe: bool,
    ) -> PyResult<String> {
        let (format, options) = export_options(
            format,
            min_score,
            en_lang,
            ja_lang,
            srclang,
            spreadsheet_safe,
        )?;
        if format == export::Format::Moses {
            return Err(PyValueError::new_err(
                "the moses format is two files: use write(prefix, format=\"moses\")",
            ));
        }
        let inner = self.inner.clone();
        py.detach(move || inner.to_string(format, &options))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

/// The export format a name chooses, as `hashi align --format` takes it (`hf_jsonl` too, a
/// Python spelling of `hf-jsonl`).
fn export_format(name: &str) -> PyResult<export::Format> {
    let wanted = name.to_ascii_lowercase().replace('_', "-");
    export::Format::ALL
        .into_iter()
        .find(|f| f.name() == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = export::Format::ALL.iter().map(|f| f.name()).collect();
            PyValueError::new_err(format!(
                "unknown format {name:?} (expected {})",
                names.join(", ")
            ))
        })
}

fn export_options(
    format: &str,
    min_score: Option<f32>,
    en_lang: &str,
    ja_lang: &str,
    srclang: &str,
    spreadsheet_safe: bool,
) -> PyResult<(export::Format, export::Options)> {
    check_min_score(min_score)?;
    let format = export_format(format)?;
    if spreadsheet_safe && !format.has_cells() {
        return Err(PyValueError::new_err(
            "spreadsheet_safe applies to the csv and tsv formats only",
        ));
    }
    let srclang: Lang = srclang
        .parse()
        .map_err(|e: hashi::Error| PyValueError::new_err(e.to_string()))?;
    Ok((
        format,
        export::Options {
            min_score,
            en_lang: en_lang.to_string(),
            ja_lang: ja_lang.to_string(),
            srclang,
            spreadsheet_safe,
        },
    ))
}

/// One sentence of `hashi.segment`: its text, its place in the input (string indices) and
/// its paragraph, whether it is page furniture; with `tokens=True`, a Japanese sentence's
/// tokens.
#[pyclass(frozen, get_all, skip_from_py_object, module = "hashi")]
#[derive(Clone)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub furniture: bool,
    pub tokens: Option<Vec<Token>>,
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!(
            "Sentence(text={:?}, start={}, end={}, paragraph={}, furniture={})",
            self.text,
            self.start,
            self.end,
            self.paragraph,
            if self.furniture { "True" } else { "False" }
        )
    }
}

/// One morpheme of a Japanese sentence.
#[pyclass(frozen, get_all, skip_from_py_object, module = "hashi")]
#[derive(Clone)]
pub struct Token {
    pub surface: String,
    pub pos: Vec<String>,
    pub base: String,
    pub reading: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[pymethods]
impl Token {
    fn __repr__(&self) -> String {
        format!(
            "Token(surface={:?}, pos={:?}, base={:?}, reading={:?}, start={}, end={})",
            self.surface, self.pos, self.base, self.reading, self.start, self.end
        )
    }
}

/// One thing `check` found for an editor to look at.
#[pyclass(frozen, get_all, skip_from_py_object, module = "hashi")]
#[derive(Clone)]
pub struct Finding {
    pub kind: String,
    pub en_ids: Vec<usize>,
    pub ja_ids: Vec<usize>,
    pub en: String,
    pub ja: String,
    pub detail: String,
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(kind={:?}, en_ids={:?}, ja_ids={:?}, detail={:?})",
            self.kind, self.en_ids, self.ja_ids, self.detail
        )
    }
}

/// What `Aligner.check` found: a sequence of `Finding`, with the alignment it ran on and the
/// HTML report.
#[pyclass(frozen, sequence, module = "hashi")]
pub struct Report {
    /// The documents and the alignment the check ran on.
    pub doc: Arc<AlignedDoc>,
    pub findings: Vec<hashi::check::Finding>,
    /// The pair's name on the HTML page: `EN + JA` (see `read_pair`).
    pub name: String,
}

impl Report {
    fn finding(&self, f: &hashi::check::Finding) -> Finding {
        Finding {
            kind: f.kind.name().to_string(),
            en_ids: f.en_ids.clone(),
            ja_ids: f.ja_ids.clone(),
            en: f.en_text(&self.doc.en),
            ja: f.ja_text(&self.doc.ja),
            detail: f.detail.clone(),
        }
    }
}

#[pymethods]
impl Report {
    fn __len__(&self) -> usize {
        self.findings.len()
    }

    fn __getitem__<'py>(&self, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = index.py();
        let findings = &self.findings;
        match pick(index, findings.len(), "finding")? {
            Pick::One(i) => Ok(self.finding(&findings[i]).into_pyobject(py)?.into_any()),
            Pick::Many(ids) => Ok(ids
                .into_iter()
                .map(|i| self.finding(&findings[i]))
                .collect::<Vec<_>>()
                .into_pyobject(py)?
                .into_any()),
        }
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self
            .findings()
            .into_pyobject(py)?
            .try_iter()?
            .into_any()
            .unbind())
    }

    fn __repr__(&self) -> String {
        format!("<hashi.Report: {} findings>", self.findings.len())
    }

    /// The findings, as a list.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.findings.iter().map(|f| self.finding(f)).collect()
    }

    /// The alignment the check ran on.
    #[getter]
    fn alignment(&self) -> Alignment {
        Alignment {
            inner: self.doc.clone(),
        }
    }

    /// The HTML report (`hashi check --html`): `hashi review`'s page in its read-only mode,
    /// both texts side by side, findings highlighted. `name` is the title the page shows
    /// (by default the files' paths, `<en>`/`<ja>` for texts given inline).
    #[pyo3(signature = (name=None))]
    fn html(&self, name: Option<&str>) -> PyResult<String> {
        let mut out = Vec::new();
        review::write(
            &mut out,
            &Page {
                en: &self.doc.en,
                ja: &self.doc.ja,
                alignment: &self.doc.alignment,
                findings: &self.findings,
                name: name.unwrap_or(&self.name),
                mode: Mode::ReadOnly,
                options: &export::Options::default(),
            },
        )
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Writes the HTML report to `path`.
    #[pyo3(signature = (path, name=None))]
    fn write_html(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        name: Option<&str>,
    ) -> PyResult<()> {
        let html = self.html(name)?;
        py.detach(|| hashi::output::write_atomically(&path, |out| out.write_all(html.as_bytes())))
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
    }
}

/// What became of one document of `align_many`: its alignment, or why it has none.
#[pyclass(frozen, module = "hashi")]
pub struct DocResult {
    pub id: String,
    pub alignment: Option<Alignment>,
    pub error: Option<(String, &'static str)>,
}

#[pymethods]
impl DocResult {
    /// The document's id (`line N`/`document N` when the input gave none).
    #[getter]
    fn id(&self) -> &str {
        &self.id
    }

    #[getter]
    fn ok(&self) -> bool {
        self.alignment.is_some()
    }

    #[getter]
    fn alignment(&self) -> Option<Alignment> {
        self.alignment.clone()
    }

    /// Why the document was not aligned, or None.
    #[getter]
    fn error(&self) -> Option<&str> {
        self.error.as_ref().map(|(m, _)| m.as_str())
    }

    /// The failure's kind (`empty_side`, `lopsided`, `invalid_utf8`, ...), or None.
    #[getter]
    fn error_kind(&self) -> Option<&str> {
        self.error.as_ref().map(|(_, k)| *k)
    }

    fn __repr__(&self) -> String {
        match &self.error {
            None => format!("DocResult(id={:?}, ok=True)", self.id),
            Some((m, k)) => format!(
                "DocResult(id={:?}, ok=False, error_kind={k:?}, error={m:?})",
                self.id
            ),
        }
    }
}
