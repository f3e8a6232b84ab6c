//! Aligning many document pairs in one run, in parallel, streaming, in input order.
//!
//! A feeder thread pulls [`Source`]s from the input lazily; the threads of one rayon pool, the
//! [`Aligner`]'s ([`Settings::threads`] of them), read, segment and align them, one document
//! a thread, sharing the aligner (so one tokenizer and one lexicon). A large document's own
//! work (its two sides, runs of its sentences) goes to the same pool: a thread takes it up
//! once the input has run out and it has no document of its own, so the last documents of a
//! run are shared out, not left to one thread each. The calling thread puts the outcomes
//! back in input order and hands each to a [`Sink`] as soon as every document before it is
//! done. At most [`Settings::window`] documents are between the feeder and the sink at any
//! time, so memory follows the work in flight, never the corpus size.
//!
//! A document that cannot be aligned (unreadable, not UTF-8, a malformed input line, or a
//! pair that breaks [`Settings::rules`]: an empty side, swapped sides, sides of very
//! different size) becomes an [`Outcome`] with a [`DocError`] in its
//! place; the run goes on.
//!
//! The inputs are in [`sources`]; reading back what an earlier, interrupted run wrote is in
//! [`resume`].

pub mod resume;
pub mod sources;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::sync::Mutex;
use std::time::Duration;

use crate::segment::{Document, Lang};
use crate::validate::{PairError, Rules};
use crate::Aligner;

/// One document pair as the input names it. Texts are read by the workers, not the feeder,
/// so that reading files runs in parallel too.
#[derive(Debug)]
pub enum Source {
    /// Two files (manifest rows, paired directories).
    Files {
        /// The document's id, as the output tags its records.
        id: String,
        /// The English file.
        en: PathBuf,
        /// The Japanese file.
        ja: PathBuf,
    },
    /// Both texts given inline.
    Inline {
        /// The document's id.
        id: String,
        /// The English text.
        en: String,
        /// The Japanese text.
        ja: String,
    },
    /// A raw line of JSONL with inline texts, `{"id", "en", "ja"}`; `line` is 1-based.
    /// Parsing it is left to the workers since a line holds two whole articles.
    JsonLine {
        /// The line's number in the input, for reports.
        line: usize,
        /// The line as read, without its line break.
        bytes: Vec<u8>,
    },
    /// A document the input already shows to be unusable (a row without a path, a file on one
    /// side only); it keeps its place in the order so that it is reported there.
    Invalid {
        /// The document's id, or `line N` when the input gave none.
        id: String,
        /// Why it cannot be aligned.
        error: DocError,
    },
}

/// Why one document of a batch was not aligned.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// Reading or decoding a file (the message names the file).
    #[error(transparent)]
    Input(#[from] crate::Error),
    /// A file present in one of the paired directories only.
    #[error("no {missing} counterpart: {} does not exist", expected.display())]
    Unpaired {
        /// The side without a file: `English` or `Japanese`.
        missing: &'static str,
        /// The path the counterpart would have.
        expected: PathBuf,
    },
    /// An input line (manifest row, JSONL line) that does not describe a document.
    #[error("{message} (line {line})")]
    BadRecord {
        /// The 1-based line of the input.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A pair that breaks a rule of [`Settings::rules`].
    #[error(transparent)]
    Pair(#[from] PairError),
    /// A document whose id an earlier document of the input already has: ids tag the
    /// output's records and are what `--resume` skips by, so the later one is left out.
    #[error("the id is repeated: document {first} of the input has it already")]
    DuplicateId {
        /// The 1-based position in the input of the first document with the id.
        first: usize,
    },
    /// The aligner panicked on this document: a bug, but one that costs one document, not the
    /// run.
    #[error("internal error while aligning: {0}")]
    Panic(String),
}

/// The most threads a caller may ask for ([`resolve_threads`]): more would only cost memory
/// (each worker holds documents; a window is 4 documents a thread) on any machine hashi runs
/// on today.
pub const MAX_THREADS: usize = 1024;

/// The most documents in flight a caller may ask for ([`Settings::window`]).
pub const MAX_WINDOW: usize = 64 * MAX_THREADS;

/// A thread count as a caller asks for it (`batch --threads`, `align --threads`, Python's
/// `threads=`): 0 is every core ([`std::thread::available_parallelism`]), 1 to
/// [`MAX_THREADS`] that many; more is [`crate::Error::InvalidValue`].
pub fn resolve_threads(requested: usize) -> crate::error::Result<usize> {
    match requested {
        0 => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        n if n <= MAX_THREADS => Ok(n),
        n => Err(crate::Error::InvalidValue {
            name: "threads".into(),
            value: n.to_string(),
            expected: format!("0 (every core) or 1 to {MAX_THREADS}"),
        }),
    }
}

/// A window of documents in flight as a caller asks for it (the hidden `--window`, Python's
/// `window=`): at least `threads` (a smaller one is raised to it), at most [`MAX_WINDOW`].
pub fn resolve_window(requested: usize, threads: usize) -> crate::error::Result<usize> {
    if requested > MAX_WINDOW {
        return Err(crate::Error::InvalidValue {
            name: "window".into(),
            value: requested.to_string(),
            expected: format!("at most {MAX_WINDOW} documents"),
        });
    }
    Ok(requested.max(threads))
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Threads of the run's pool, for documents and for a large document's own work: [`run`]
    /// aligns with the [`Aligner`] it is given set to this many ([`Aligner::with_threads`])
    /// and runs on its pool. [`run`] takes at least 1 and at most [`MAX_THREADS`].
    pub threads: usize,
    /// Documents in flight at most (read, being aligned, or waiting for an earlier one to be
    /// written). [`run`] takes at least `threads` and at most [`MAX_WINDOW`].
    pub window: usize,
    /// The texts are one sentence a line (as `hashi align --presegmented`).
    pub presegmented: bool,
    /// What a pair must be to be aligned: [`Rules::default`] refuses an empty side, swapped
    /// sides and sides of very different size.
    pub rules: Rules,
    /// Ids to pass over (already written by an earlier run).
    pub skip: HashSet<String>,
}

impl Settings {
    /// The defaults for `threads` workers (at least one): a window of four documents a
    /// thread, running text, the default size limit, nothing skipped.
    pub fn new(threads: usize) -> Self {
        let threads = threads.clamp(1, MAX_THREADS);
        Settings {
            threads,
            window: 4 * threads,
            presegmented: false,
            rules: Rules::default(),
            skip: HashSet::new(),
        }
    }
}

/// A document pair and its alignment.
pub type Pair = crate::AlignedPair;

/// Whether a document was aligned, passed over or failed.
#[derive(Debug)]
pub enum Status {
    /// Aligned; the pair is ready to be written.
    Aligned(Box<Pair>),
    /// The id was in [`Settings::skip`].
    Skipped,
    /// Not aligned, for this reason; the rest of the batch goes on.
    Failed(DocError),
}

/// What became of one document.
#[derive(Debug)]
pub struct Outcome {
    /// The document's id; `line N` for an input line that had none.
    pub id: String,
    /// What became of it.
    pub status: Status,
}

/// Where the outcomes go, in input order.
pub trait Sink {
    /// A failure of the sink itself (an unwritable output), which stops the run.
    type Error;
    /// Takes the next document's outcome; called in input order, from one thread.
    fn outcome(&mut self, outcome: Outcome) -> Result<(), Self::Error>;
    /// Called when nothing is ready to be handed over and the run is about to wait: the time
    /// to flush buffered output, so that a reader downstream (a Spark or Hadoop pipe) gets
    /// each document when it is done rather than when a buffer fills.
    fn idle(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Aligns every document of `sources`, handing the outcomes to `sink` in input order. Stops
/// at the first error of the sink and returns it.
///
/// The source iterator runs on a thread of its own that is not waited for when the sink
/// fails, since it may be blocked reading a pipe that never ends; hence `'static`. Where the
/// system will not start threads (a process limit reached), the documents are aligned one
/// after the other on the calling thread instead: slower, but every one is aligned.
pub fn run<I, S>(
    sources: I,
    aligner: &Aligner,
    settings: &Settings,
    sink: &mut S,
) -> Result<(), S::Error>
where
    I: Iterator<Item = Source> + Send + 'static,
    S: Sink,
{
    let threads = settings.threads.clamp(1, MAX_THREADS);
    let window = settings.window.clamp(threads, MAX_WINDOW);
    let aligner = aligner.clone().with_threads(threads);
    let Some(pool) = aligner.pool() else {
        return run_here(sources, &aligner, settings, sink);
    };
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Source)>(window);
    // One token a free place in the window: the feeder takes one before each document, the
    // sink side gives it back once the document is handed over.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.try_send(());
    }
    // The sources stay reachable from here in case the feeder's thread does not start.
    let shared = std::sync::Arc::new(Mutex::new(Some(sources)));
    let feeder_sources = std::sync::Arc::clone(&shared);
    let feeder = std::thread::Builder::new()
        .name("hashi-feeder".into())
        .spawn(move || {
            let taken = feeder_sources
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            for (seq, source) in taken.into_iter().flatten().enumerate() {
                if token_rx.recv().is_err() || job_tx.send((seq, source)).is_err() {
                    return;
                }
            }
        });
    if feeder.is_err() {
        let sources = shared.lock().unwrap_or_else(|e| e.into_inner()).take();
        return run_here(sources.into_iter().flatten(), &aligner, settings, sink);
    }
    let job_rx = Mutex::new(job_rx);
    let stop = AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Outcome)>();
    // Each of the pool's threads takes documents from the feeder until there are none; the
    // calling thread, not one of the pool's, puts them in order. A thread waiting for part of
    // its document finds no other document on the pool to take up in the meantime (they are
    // in the feeder's channel), so a document is never held up behind another.
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (job_rx, stop, aligner) = (&job_rx, &stop, &aligner);
            scope.spawn(move |_| loop {
                let job = {
                    let rx = job_rx.lock().unwrap_or_else(|e| e.into_inner());
                    // Wake now and then to see whether the sink gave up while the feeder
                    // waits on its input.
                    match rx.recv_timeout(Duration::from_millis(100)) {
                        Ok(job) => job,
                        Err(RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => continue,
                        Err(_) => return,
                    }
                };
                let (seq, source) = job;
                // `process` catches the aligner's panics itself; `guarded` is for anything
                // else, so that a lost document cannot stall the ordering.
                let outcome = guarded(seq, source, aligner, settings);
                if done_tx.send((seq, outcome)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Owned here so that they are dropped when the sink gives up, before the scope waits
        // for the workers: the workers then stop at their next send, the feeder at its next
        // token.
        let (done_rx, token_tx) = (done_rx, token_tx);
        let result = reorder(&done_rx, &token_tx, sink);
        stop.store(true, Ordering::Relaxed);
        drop((done_rx, token_tx));
        result
    })
}

/// Receives outcomes in completion order and hands them to the sink in input order.
///
/// A document whose id an earlier one has is handed over as failed with
/// [`DocError::DuplicateId`], whatever became of it: every id the sink sees aligned or
/// skipped is the first document with that id.
fn reorder<S: Sink>(
    done_rx: &mpsc::Receiver<(usize, Outcome)>,
    token_tx: &mpsc::SyncSender<()>,
    sink: &mut S,
) -> Result<(), S::Error> {
    let mut waiting = BTreeMap::new();
    let mut next = 0usize;
    // Each id seen, with the 1-based position of its first document.
    let mut seen: HashMap<String, usize> = HashMap::new();
    loop {
        let (seq, outcome) = match done_rx.try_recv() {
            Ok(done) => done,
            Err(TryRecvError::Empty) => {
                sink.idle()?;
                match done_rx.recv() {
                    Ok(done) => done,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        waiting.insert(seq, outcome);
        while let Some(outcome) = waiting.remove(&next) {
            next += 1;
            hand_over(outcome, next, &mut seen, sink)?;
            let _ = token_tx.try_send(());
        }
    }
    sink.idle()
}

/// Hands the outcome of the `position`th document (1-based) of the input to the sink, as
/// failed with [`DocError::DuplicateId`] when an earlier document (in `seen`, each id with
/// the position of its first document) has its id.
fn hand_over<S: Sink>(
    mut outcome: Outcome,
    position: usize,
    seen: &mut HashMap<String, usize>,
    sink: &mut S,
) -> Result<(), S::Error> {
    match seen.get(&outcome.id) {
        Some(&first) => outcome.status = Status::Failed(DocError::DuplicateId { first }),
        None => {
            seen.insert(outcome.id.clone(), position);
        }
    }
    sink.outcome(outcome)
}

/// [`run`] where no thread can be started: each document aligned in turn on the calling
/// thread (the aligner's own work too: `aligner` has one thread), and handed over as it is
/// done.
fn run_here<I, S>(
    sources: I,
    aligner: &Aligner,
    settings: &Settings,
    sink: &mut S,
) -> Result<(), S::Error>
where
    I: Iterator<Item = Source>,
    S: Sink,
{
    let aligner = aligner.clone().with_threads(1);
    let mut seen = HashMap::new();
    for (seq, source) in sources.enumerate() {
        let outcome = guarded(seq, source, &aligner, settings);
        hand_over(outcome, seq + 1, &mut seen, sink)?;
    }
    sink.idle()
}

/// [`process`], with any panic that escapes it the document's failure, so that a lost
/// document cannot stall the run.
fn guarded(seq: usize, source: Source, aligner: &Aligner, settings: &Settings) -> Outcome {
    panic::catch_unwind(AssertUnwindSafe(|| process(source, aligner, settings))).unwrap_or_else(
        |payload| Outcome {
            id: format!("document {}", seq + 1),
            status: Status::Failed(DocError::Panic(panic_message(payload))),
        },
    )
}

/// Reads, checks and aligns one document. Never panics: a panic of the aligner is caught and
/// becomes this document's failure.
pub fn process(source: Source, aligner: &Aligner, settings: &Settings) -> Outcome {
    let (id, texts) = match source {
        Source::Invalid { id, error } => return failed(id, error),
        Source::Files { id, en, ja } => {
            if settings.skip.contains(&id) {
                return skipped(id);
            }
            let read = |path: &PathBuf| crate::input::read_text(Some(path));
            let texts = read(&en).and_then(|en| Ok((en, read(&ja)?)));
            (id, texts.map_err(DocError::from))
        }
        Source::Inline { id, en, ja } => (id, inline_texts(en, ja)),
        Source::JsonLine { line, bytes } => match sources::parse_inline(line, &bytes) {
            Ok((id, en, ja)) => (id, inline_texts(en, ja)),
            Err((id, error)) => return failed(id, error),
        },
    };
    if settings.skip.contains(&id) {
        return skipped(id);
    }
    let status = match texts.and_then(|(en, ja)| align_texts(en, ja, aligner, settings)) {
        Ok(mut pair) => {
            pair.id = Some(id.clone());
            Status::Aligned(Box::new(pair))
        }
        Err(error) => Status::Failed(error),
    };
    Outcome { id, status }
}

/// Texts given inline pass the check a file's text does ([`crate::input::refuse_binary`]),
/// named `<en>` and `<ja>` in the message.
fn inline_texts(en: String, ja: String) -> Result<(String, String), DocError> {
    crate::input::refuse_binary(std::path::Path::new("<en>"), en.as_bytes())?;
    crate::input::refuse_binary(std::path::Path::new("<ja>"), ja.as_bytes())?;
    Ok((en, ja))
}

fn failed(id: String, error: DocError) -> Outcome {
    Outcome {
        id,
        status: Status::Failed(error),
    }
}

fn skipped(id: String) -> Outcome {
    Outcome {
        id,
        status: Status::Skipped,
    }
}

fn align_texts(
    en: String,
    ja: String,
    aligner: &Aligner,
    settings: &Settings,
) -> Result<Pair, DocError> {
    let caught = panic::catch_unwind(AssertUnwindSafe(|| {
        let en = Document::from_text(Lang::En, en, settings.presegmented);
        let ja = Document::from_text(Lang::Ja, ja, settings.presegmented);
        Ok(aligner.align_ruled(en, ja, &settings.rules)?)
    }));
    caught.unwrap_or_else(|payload| Err(DocError::Panic(panic_message(payload))))
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An aligner without the lexicon: what these tests check does not need it.
    fn plain_aligner() -> Aligner {
        Aligner::builder()
            .lexicon(crate::LexiconChoice::None)
            .build()
            .unwrap()
    }

    struct Collect(Vec<Outcome>);

    impl Sink for Collect {
        type Error = std::convert::Infallible;
        fn outcome(&mut self, outcome: Outcome) -> Result<(), Self::Error> {
            self.0.push(outcome);
            Ok(())
        }
    }

    #[test]
    fn outcomes_come_in_input_order_and_failures_keep_their_place() {
        let aligner = plain_aligner();
        let mut settings = Settings::new(3);
        settings.window = 3;
        let sources: Vec<Source> = (0..30)
            .map(|i| match i % 5 {
                0 => Source::JsonLine {
                    line: i + 1,
                    bytes: b"{not json".to_vec(),
                },
                1 => Source::Inline {
                    id: format!("d{i}"),
                    en: String::new(),
                    ja: "一。".into(),
                },
                _ => Source::Inline {
                    id: format!("d{i}"),
                    en: "It rained. Then it stopped.".repeat(i % 4 + 1),
                    ja: "雨が降った。やんだ。".repeat(i % 4 + 1),
                },
            })
            .collect();
        let mut sink = Collect(Vec::new());
        run(sources.into_iter(), &aligner, &settings, &mut sink).unwrap();
        let ids: Vec<String> = sink.0.iter().map(|o| o.id.clone()).collect();
        let expected: Vec<String> = (0..30)
            .map(|i| {
                if i % 5 == 0 {
                    format!("line {}", i + 1)
                } else {
                    format!("d{i}")
                }
            })
            .collect();
        assert_eq!(ids, expected);
        for (i, o) in sink.0.iter().enumerate() {
            match (i % 5, &o.status) {
                (0, Status::Failed(DocError::BadRecord { .. })) => {}
                (1, Status::Failed(DocError::Pair(PairError::Empty(Lang::En)))) => {}
                (2.., Status::Aligned(pair)) => {
                    assert!(pair.alignment.covers(pair.en.len(), pair.ja.len()))
                }
                (_, status) => panic!("document {i}: {status:?}"),
            }
        }
    }

    #[test]
    fn without_threads_the_documents_are_aligned_in_turn_as_with_them() {
        let aligner = plain_aligner();
        let sources = || {
            let doc = |id: &str, en: &str, ja: &str| Source::Inline {
                id: id.into(),
                en: en.into(),
                ja: ja.into(),
            };
            vec![
                doc("a", "It rained. Then it stopped.", "雨が降った。やんだ。"),
                doc("b", "", "一。"),
                doc("a", "It rained.", "雨が降った。"),
                Source::JsonLine {
                    line: 4,
                    bytes: b"{not json".to_vec(),
                },
                doc(
                    "c",
                    "The 3 cats slept. Tom woke up at 7.",
                    "3匹の猫が寝た。トムは7時に起きた。",
                ),
            ]
            .into_iter()
        };
        // What became of each document: its id and its beads, or its error.
        let told = |outcomes: &[Outcome]| -> Vec<String> {
            outcomes
                .iter()
                .map(|o| match &o.status {
                    Status::Aligned(pair) => format!("{} {:?}", o.id, pair.alignment.beads),
                    Status::Skipped => format!("{} skipped", o.id),
                    Status::Failed(error) => format!("{} {error}", o.id),
                })
                .collect()
        };
        let mut here = Collect(Vec::new());
        run_here(sources(), &aligner, &Settings::new(2), &mut here).unwrap();
        let mut pooled = Collect(Vec::new());
        run(sources(), &aligner, &Settings::new(2), &mut pooled).unwrap();
        let here = told(&here.0);
        assert_eq!(here, told(&pooled.0));
        assert_eq!(here.len(), 5);
        assert!(here[0].starts_with("a [Bead"), "{here:?}");
        assert!(
            here[2].starts_with("a the id is repeated: document 1"),
            "{here:?}"
        );
        assert!(here[3].starts_with("line 4 "), "{here:?}");
        assert!(here[4].starts_with("c [Bead"), "{here:?}");
    }

    #[test]
    fn a_repeated_id_fails_the_later_document() {
        let aligner = plain_aligner();
        let doc = |id: &str| Source::Inline {
            id: id.into(),
            en: "It rained.".into(),
            ja: "雨が降った。".into(),
        };
        let sources = vec![doc("a"), doc("b"), doc("a"), doc("c"), doc("b")];
        let mut sink = Collect(Vec::new());
        run(sources.into_iter(), &aligner, &Settings::new(2), &mut sink).unwrap();
        let firsts: Vec<(&str, Option<usize>)> = sink
            .0
            .iter()
            .map(|o| match &o.status {
                Status::Aligned(_) => (o.id.as_str(), None),
                Status::Failed(DocError::DuplicateId { first }) => (o.id.as_str(), Some(*first)),
                status => panic!("{}: {status:?}", o.id),
            })
            .collect();
        assert_eq!(
            firsts,
            [
                ("a", None),
                ("b", None),
                ("a", Some(1)),
                ("c", None),
                ("b", Some(2))
            ]
        );
    }

    #[test]
    fn documents_split_on_the_pool_come_out_as_on_one_thread() {
        // Past the 64 sentences from which a document's sentences are split in runs.
        let en: String = (0..80)
            .map(|k| format!("About {} people watched launch {k}.\n", 4000 + k))
            .collect();
        let ja: String = (0..80)
            .map(|k| format!("約{}人が打ち上げ{k}を見守った。\n", 4000 + k))
            .collect();
        let aligner = Aligner::builder().build().unwrap();
        let beads = |threads: usize| {
            let mut settings = Settings::new(threads);
            settings.presegmented = true;
            let sources: Vec<Source> = (0..6)
                .map(|i| Source::Inline {
                    id: format!("d{i}"),
                    en: en.repeat(i % 3 + 1),
                    ja: ja.repeat(i % 3 + 1),
                })
                .collect();
            let mut sink = Collect(Vec::new());
            run(sources.into_iter(), &aligner, &settings, &mut sink).unwrap();
            sink.0
                .into_iter()
                .map(|o| match o.status {
                    Status::Aligned(pair) => (o.id, pair.alignment.beads),
                    status => panic!("{}: {status:?}", o.id),
                })
                .collect::<Vec<_>>()
        };
        let one = beads(1);
        assert_eq!(one.len(), 6);
        assert_eq!(one[0].1.len(), 80);
        assert_eq!(beads(3), one);
    }

    /// Takes one outcome, then fails.
    struct GivesUp(usize);

    impl Sink for GivesUp {
        type Error = ();
        fn outcome(&mut self, _: Outcome) -> Result<(), ()> {
            self.0 += 1;
            Err(())
        }
    }

    #[test]
    fn a_sink_that_gives_up_ends_the_run_though_the_input_does_not() {
        let aligner = plain_aligner();
        let sources = (0..).map(|i| Source::Inline {
            id: format!("d{i}"),
            en: "It rained.".into(),
            ja: "雨が降った。".into(),
        });
        let mut sink = GivesUp(0);
        assert_eq!(
            run(sources, &aligner, &Settings::new(2), &mut sink),
            Err(())
        );
        assert_eq!(sink.0, 1);
    }

    #[test]
    fn skipped_ids_are_not_aligned() {
        let aligner = plain_aligner();
        let mut settings = Settings::new(1);
        settings.skip.insert("a".into());
        let outcome = process(
            Source::Files {
                id: "a".into(),
                en: "/nonexistent/en".into(),
                ja: "/nonexistent/ja".into(),
            },
            &aligner,
            &settings,
        );
        assert!(matches!(outcome.status, Status::Skipped));
    }
}
