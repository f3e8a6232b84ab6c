//! `hashi.Aligner` and `hashi.segment`: the library's pipeline, run with the GIL released.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyTuple};

use hashi::batch::{self, DocError, Outcome, Settings, Source, Status};
use hashi::segment::{japanese, Document, Lang};
use hashi::tokenizer::JapaneseTokenizer;
use hashi::validate::{self, Rules, SizeLimit};
use hashi::LexiconChoice;

use crate::errors::{doc_error_kind, Failure};
use crate::text::{char_spans, chars_at, TextArg};
use crate::types::{AlignedDoc, Alignment, DocResult, Report, Sentence, Token};

fn lang_arg(lang: Option<&str>, text: &str) -> PyResult<Lang> {
    match lang {
        Some(l) => l
            .parse()
            .map_err(|e: hashi::Error| PyValueError::new_err(e.to_string())),
        None => Ok(validate::detect_lang(text)),
    }
}

/// Splits a text into sentences (and, asked, a Japanese text's sentences into tokens).
#[pyfunction]
#[pyo3(signature = (text, lang=None, tokens=false, *, presegmented=false, dict=None))]
pub fn segment(
    py: Python<'_>,
    text: TextArg,
    lang: Option<&str>,
    tokens: bool,
    presegmented: bool,
    dict: Option<std::path::PathBuf>,
) -> PyResult<Vec<Sentence>> {
    let text = py
        .detach(|| text.read("<text>"))
        .map_err(|e| Failure::from(e).into_pyerr(py))?;
    let lang = lang_arg(lang, &text)?;
    let result = py.detach(move || -> Result<Vec<Sentence>, Failure> {
        let tokenizer = if tokens && lang == Lang::Ja {
            Some(JapaneseTokenizer::load(dict.as_deref())?)
        } else {
            None
        };
        let doc = Document::from_text(lang, text, presegmented);
        let spans = char_spans(&doc);
        Ok(doc
            .sentences
            .iter()
            .zip(spans)
            .map(|(s, (start, end))| Sentence {
                text: s.text(&doc.text).to_string(),
                start,
                end,
                paragraph: s.paragraph,
                furniture: s.furniture,
                tokens: tokenizer.as_ref().map(|t| {
                    let toks = japanese::sentence_tokens(t, &doc.text, s.span.clone());
                    // Token offsets are string indices too: count from the sentence start.
                    let sentence = &doc.text[s.span.clone()];
                    let at = chars_at(
                        sentence,
                        toks.iter()
                            .flat_map(|t| [t.span.start - s.span.start, t.span.end - s.span.start]),
                    );
                    toks.into_iter()
                        .enumerate()
                        .map(|(k, tok)| Token {
                            surface: doc.text[tok.span.clone()].to_string(),
                            pos: vec![tok.pos, tok.pos_detail, tok.pos_detail2],
                            base: tok.base,
                            reading: tok.reading,
                            start: start + at[2 * k],
                            end: start + at[2 * k + 1],
                        })
                        .collect()
                }),
            })
            .collect())
    });
    result.map_err(|f| f.into_pyerr(py))
}

/// `Aligner(lexicon=...)`: True is the built-in lexicon; None or False, none; a path, an
/// EDICT file.
pub enum LexiconArg {
    None,
    Builtin,
    File(std::path::PathBuf),
}

impl<'py> FromPyObject<'_, 'py> for LexiconArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            return Ok(LexiconArg::None);
        }
        if let Ok(b) = obj.cast::<pyo3::types::PyBool>() {
            return Ok(if b.is_true() {
                LexiconArg::Builtin
            } else {
                LexiconArg::None
            });
        }
        obj.extract().map(LexiconArg::File).map_err(|_| {
            PyValueError::new_err(
                "lexicon: expected True (the built-in lexicon), None (no lexicon) or the path \
                 of an EDICT file",
            )
        })
    }
}

/// An aligner: the library's, which loads the dictionary and lexicon once, for any number of
/// documents (cloning it shares them).
#[pyclass(frozen, module = "hashi")]
pub struct Aligner {
    aligner: hashi::Aligner,
    /// The lexicon as `__repr__` names it: `None`, `built-in` or `file`.
    lexicon: &'static str,
}

#[pymethods]
impl Aligner {
    #[new]
    #[pyo3(signature = (lexicon=LexiconArg::Builtin, dict=None, *, threads=None))]
    fn new(
        py: Python<'_>,
        lexicon: LexiconArg,
        dict: Option<std::path::PathBuf>,
        threads: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let threads = match threads {
            Some(threads) => threads_arg("threads", threads)?,
            None => 2,
        };
        let (choice, name) = match lexicon {
            LexiconArg::None => (LexiconChoice::None, "None"),
            LexiconArg::Builtin => (LexiconChoice::Bundled, "built-in"),
            LexiconArg::File(path) => (LexiconChoice::File(path), "file"),
        };
        let mut builder = hashi::Aligner::builder().lexicon(choice).threads(threads);
        if let Some(dir) = dict {
            builder = builder.dictionary(dir);
        }
        let aligner = py
            .detach(move || builder.build())
            .map_err(|e| Failure::from(e).into_pyerr(py))?;
        Ok(Aligner {
            aligner,
            lexicon: name,
        })
    }

    /// Whether the aligner has a lexicon.
    #[getter]
    fn has_lexicon(&self) -> bool {
        self.aligner.has_lexicon()
    }

    fn __repr__(&self) -> String {
        format!(
            "<hashi.Aligner lexicon={} threads={}>",
            self.lexicon,
            self.aligner.threads()
        )
    }

    /// Aligns the sentences of an English text with those of its Japanese original.
    #[pyo3(signature = (en, ja, *, presegmented=false, force=false, max_ratio=10.0, ratio_slack=5))]
    #[allow(clippy::too_many_arguments)]
    fn align(
        &self,
        py: Python<'_>,
        en: TextArg,
        ja: TextArg,
        presegmented: bool,
        force: bool,
        max_ratio: f64,
        ratio_slack: usize,
    ) -> PyResult<Alignment> {
        let aligner = self
            .aligner
            .clone()
            .with_rules(rules(force, max_ratio, ratio_slack)?);
        py.detach(move || -> Result<Alignment, Failure> {
            let (en, ja, _) = read_pair(en, ja)?;
            let pair = aligner.align_text(en, ja, presegmented).map_err(refused)?;
            Ok(Alignment {
                inner: Arc::new(AlignedDoc::new(pair)),
            })
        })
        .map_err(|f| f.into_pyerr(py))
    }

    /// Aligns as `hashi check` does and reports omissions, additions, changed numbers, dates
    /// and names, and odd lengths.
    #[pyo3(signature = (en, ja, *, presegmented=false, force=false, max_ratio=10.0, ratio_slack=5))]
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        py: Python<'_>,
        en: TextArg,
        ja: TextArg,
        presegmented: bool,
        force: bool,
        max_ratio: f64,
        ratio_slack: usize,
    ) -> PyResult<Report> {
        let aligner =
            self.aligner
                .clone()
                .for_checking()
                .with_rules(rules(force, max_ratio, ratio_slack)?);
        py.detach(move || -> Result<Report, Failure> {
            let (en, ja, name) = read_pair(en, ja)?;
            let checked = aligner
                .check(
                    Document::from_text(Lang::En, en, presegmented),
                    Document::from_text(Lang::Ja, ja, presegmented),
                )
                .map_err(refused)?;
            Ok(Report {
                doc: Arc::new(AlignedDoc::new(checked.pair)),
                findings: checked.findings,
                name,
            })
        })
        .map_err(|f| f.into_pyerr(py))
    }

    /// Aligns many documents on several threads, yielding a `DocResult` for each in input
    /// order.
    #[pyo3(signature = (docs, threads=None, *, presegmented=false, force=false, max_ratio=10.0, ratio_slack=5, window=None))]
    #[allow(clippy::too_many_arguments)]
    fn align_many(
        &self,
        docs: &Bound<'_, PyAny>,
        threads: Option<&Bound<'_, PyAny>>,
        presegmented: bool,
        force: bool,
        max_ratio: f64,
        ratio_slack: usize,
        window: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<AlignMany> {
        let rules = rules(force, max_ratio, ratio_slack)?;
        let threads = match threads {
            Some(threads) => threads_arg("threads", threads)?,
            None => batch::resolve_threads(0).map_err(value_error)?,
        };
        let mut settings = Settings::new(threads);
        if let Some(window) = window {
            let window = count_arg("window", window)?;
            settings.window = batch::resolve_window(window, threads).map_err(value_error)?;
        }
        settings.presegmented = presegmented;
        settings.rules = rules;
        let window = settings.window;
        // The documents go to the library's feeder through this channel, read from `docs` by
        // the thread that consumes the results (`AlignMany.__next__`, holding the GIL), never
        // by a thread of the library's: a thread that took the GIL on its own could be doing
        // so while the interpreter shuts down, and panic.
        let (jobs, feed) = mpsc::channel::<Source>();
        // Outcomes wait here for Python to take them; with the window this bounds the
        // documents held at once.
        let (tx, rx) = mpsc::sync_channel(threads);
        // `batch::run` gives it `threads` threads: one pool for the documents and their own
        // work.
        let aligner = self.aligner.clone();
        // Where the system will not start a thread this raises HashiError (kind "threads");
        // `batch::run` itself aligns on this thread if it cannot start its pool.
        std::thread::Builder::new()
            .name("hashi-align-many".into())
            .spawn(move || {
                let _ = batch::run(feed.into_iter(), &aligner, &settings, &mut ChannelSink(tx));
            })
            .map_err(|e| {
                let error = hashi::Error::Threads {
                    threads: 1,
                    message: e.to_string(),
                };
                Failure::from(error).into_pyerr(docs.py())
            })?;
        Ok(AlignMany {
            state: Mutex::new(Some(Feeding {
                docs: Some(docs.try_iter()?.unbind()),
                jobs: Some(jobs),
                rx,
                seq: 0,
                in_flight: 0,
                window,
                error: None,
            })),
        })
    }
}

/// A count argument (`threads`, `window`): a Python int that is not negative. Anything else
/// is a `ValueError` (a negative or huge int, where PyO3 would raise a bare
/// `OverflowError`) or a `TypeError` (not an int).
fn count_arg(name: &str, value: &Bound<'_, PyAny>) -> PyResult<usize> {
    if value.cast::<pyo3::types::PyInt>().is_err() || value.cast::<pyo3::types::PyBool>().is_ok() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{name} must be an int, not {}",
            value.get_type().name()?
        )));
    }
    value.extract::<usize>().map_err(|_| {
        PyValueError::new_err(format!(
            "{name} must be 0 or more, not {}",
            value.str().map_or_else(|_| "?".into(), |s| s.to_string())
        ))
    })
}

/// `threads`: 0 for every core, 1 to [`batch::MAX_THREADS`] that many, as the command's
/// `--threads`; anything else a `ValueError`.
fn threads_arg(name: &str, value: &Bound<'_, PyAny>) -> PyResult<usize> {
    let invalid = || {
        PyValueError::new_err(format!(
            "{name} must be 0 (every core) or 1 to {}, not {}",
            batch::MAX_THREADS,
            value.str().map_or_else(|_| "?".into(), |s| s.to_string())
        ))
    };
    let n = count_arg(name, value).map_err(|e| {
        if e.is_instance_of::<PyValueError>(value.py()) {
            invalid()
        } else {
            e
        }
    })?;
    batch::resolve_threads(n).map_err(|_| invalid())
}

fn value_error(e: hashi::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn size_limit(max_ratio: f64, ratio_slack: usize) -> PyResult<SizeLimit> {
    if !max_ratio.is_finite() || max_ratio < 1.0 {
        return Err(PyValueError::new_err(format!(
            "max_ratio must be a finite number of at least 1, not {max_ratio}"
        )));
    }
    Ok(SizeLimit {
        ratio: max_ratio,
        slack: ratio_slack,
    })
}

/// The rules `align` and `check` hold a pair to: `hashi align`'s, `--force` and
/// `--max-ratio`/`--ratio-slack` included.
fn rules(force: bool, max_ratio: f64, ratio_slack: usize) -> PyResult<Rules> {
    let size_limit = size_limit(max_ratio, ratio_slack)?;
    Ok(if force {
        Rules::forced()
    } else {
        Rules {
            size_limit: Some(size_limit),
            ..Rules::default()
        }
    })
}

/// Reads a document pair's texts. Also returns the pair's name as `hashi check --html` shows
/// it: `EN + JA`, a file by its path, a text given inline as `<en>`/`<ja>`.
fn read_pair(en: TextArg, ja: TextArg) -> Result<(String, String, String), Failure> {
    let name = format!("{} + {}", en.name("<en>"), ja.name("<ja>"));
    Ok((en.read("<en>")?, ja.read("<ja>")?, name))
}

/// A library failure as the error Python sees; a broken pair rule says how to waive it
/// where it can be.
fn refused(e: hashi::Error) -> Failure {
    let forced = matches!(&e, hashi::Error::Pair(p) if p.can_be_forced());
    let mut failure = Failure::from(e);
    if forced {
        failure.message.push_str(" (force=True aligns anyway)");
    }
    failure
}

struct ChannelSink(SyncSender<Outcome>);

impl batch::Sink for ChannelSink {
    /// Python dropped the iterator: stop.
    type Error = ();

    fn outcome(&mut self, outcome: Outcome) -> Result<(), ()> {
        self.0.send(outcome).map_err(|_| ())
    }
}

/// One item of `align_many`'s input: `(id, en, ja)` or `{"id", "en", "ja"}`, the texts as
/// `str`, `bytes` or paths. Anything else is that document's failure, not the run's.
fn source(item: &Bound<'_, PyAny>, seq: usize) -> Source {
    let fallback = format!("document {seq}");
    // An item that is no document is reported as a bad record of the input, numbered as
    // the input gave it (DocResult.error leaves the number out: the id says it).
    let invalid = |id: String, message: String| Source::Invalid {
        id,
        error: DocError::BadRecord { line: seq, message },
    };
    let fields = if let Ok(d) = item.cast::<PyDict>() {
        let get = |k: &str| d.get_item(k).ok().flatten();
        (get("id"), get("en"), get("ja"))
    } else if item.cast::<PyTuple>().is_ok() || item.cast::<PyList>().is_ok() {
        match item.len() {
            Ok(3) => {
                let at = |i: usize| item.get_item(i).ok();
                (at(0), at(1), at(2))
            }
            _ => {
                return invalid(
                    fallback,
                    "a document is (id, en, ja): this one has not three items".into(),
                )
            }
        }
    } else {
        let type_name = item
            .get_type()
            .name()
            .map_or_else(|_| "?".into(), |n| n.to_string());
        return invalid(
            fallback,
            format!("a document is (id, en, ja) or a dict with id, en and ja, not {type_name}"),
        );
    };
    let id = match &fields.0 {
        Some(id) if !id.is_none() => match id.str() {
            Ok(s) => s.to_string(),
            Err(_) => fallback,
        },
        _ => fallback,
    };
    let text = |side: &str, obj: Option<Bound<'_, PyAny>>| -> Result<TextArg, String> {
        let obj = obj.ok_or_else(|| format!("no {side} text"))?;
        obj.extract::<TextArg>()
            .map_err(|e| format!("{side}: {}", e.value(item.py())))
    };
    match (text("en", fields.1), text("ja", fields.2)) {
        (Ok(TextArg::Path(en)), Ok(TextArg::Path(ja))) => Source::Files { id, en, ja },
        (Ok(en), Ok(ja)) => {
            // Texts given inline are decoded here, so that a bad one fails alone.
            match (en.read("<en>"), ja.read("<ja>")) {
                (Ok(en), Ok(ja)) => Source::Inline { id, en, ja },
                (Err(e), _) | (_, Err(e)) => Source::Invalid {
                    id,
                    error: DocError::Input(e),
                },
            }
        }
        (Err(m), _) | (_, Err(m)) => invalid(id, m),
    }
}

/// The iterator `align_many` returns.
#[pyclass(frozen, module = "hashi")]
pub struct AlignMany {
    /// `None` once every result was yielded.
    state: Mutex<Option<Feeding>>,
}

/// Where an `align_many` run stands.
struct Feeding {
    /// The Python iterable, read only by `__next__`, with the GIL; `None` once it ended or
    /// raised.
    docs: Option<Py<PyIterator>>,
    /// The documents, to the library's feeder; dropped (the input ends) with `docs`.
    jobs: Option<mpsc::Sender<Source>>,
    /// The outcomes, in input order.
    rx: Receiver<Outcome>,
    /// Documents read so far.
    seq: usize,
    /// Documents sent and not yet yielded.
    in_flight: usize,
    /// How many documents may be in flight: read this far ahead of the results.
    window: usize,
    /// An exception the iterable raised: raised after the documents before it.
    error: Option<PyErr>,
}

impl Feeding {
    /// Reads documents from the iterable until `window` are in flight or it ends.
    fn fill(&mut self, py: Python<'_>) {
        while self.in_flight < self.window {
            let Some(docs) = &self.docs else { return };
            let next = docs.bind(py).clone().next();
            match next {
                Some(Ok(item)) => {
                    self.seq += 1;
                    let sent = self
                        .jobs
                        .as_ref()
                        .is_some_and(|jobs| jobs.send(source(&item, self.seq)).is_ok());
                    if sent {
                        self.in_flight += 1;
                    }
                }
                Some(Err(e)) => {
                    self.error = Some(e);
                    self.end_input();
                }
                None => self.end_input(),
            }
        }
    }

    fn end_input(&mut self) {
        self.docs = None;
        self.jobs = None;
    }
}

#[pymethods]
impl AlignMany {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<DocResult>> {
        let mut guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let Some(mut state) = guard.take() else {
            return Ok(None);
        };
        state.fill(py);
        if state.in_flight == 0 {
            return state.error.take().map_or(Ok(None), Err);
        }
        // The state goes into the GIL-free wait and comes back: its receiver may not be
        // shared, and its Python objects are not touched there.
        let (mut state, outcome) = py.detach(move || {
            let outcome = state.rx.recv();
            (state, outcome)
        });
        match outcome {
            Ok(outcome) => {
                state.in_flight -= 1;
                *guard = Some(state);
                Ok(Some(doc_result(outcome)))
            }
            // The library's run ended early (it cannot, short of a bug): nothing more comes.
            Err(_) => state.error.take().map_or(Ok(None), Err),
        }
    }
}

fn doc_result(outcome: Outcome) -> DocResult {
    let Outcome { id, status } = outcome;
    match status {
        Status::Aligned(pair) => {
            let doc = AlignedDoc::new(*pair);
            DocResult {
                id,
                alignment: Some(Alignment {
                    inner: Arc::new(doc),
                }),
                error: None,
            }
        }
        Status::Failed(e) => {
            let message = match &e {
                DocError::BadRecord { message, .. } => message.clone(),
                e => e.to_string(),
            };
            DocResult {
                id,
                alignment: None,
                error: Some((message, doc_error_kind(&e))),
            }
        }
        Status::Skipped => DocResult {
            id,
            alignment: None,
            error: Some(("skipped".into(), "skipped")),
        },
    }
}
