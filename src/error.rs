//! The one error type of the library, [`Error`].
//!
//! Every fallible function of the library returns it. Each variant says when it occurs and
//! carries where the fault is (the file, and the byte offset or line when one part of the
//! file is at fault), so a caller can match on what went wrong and a user reads one sentence
//! that names the file, what is wrong and where. The binary only prefixes `hashi: `.
//!
//! It depends on no module above it: the pair rules' errors ([`PairError`], with the
//! [`SizeLimit`] and [`Coverage`] it reports) are defined here and re-exported by
//! [`crate::validate`], and a language is a [`Lang`] of the leaf module `lang`. (What is wrong
//! with a lexicon, [`LexiconProblem`], is the lexicon compiler's, which the build script
//! compiles too.)

use std::fmt;
use std::path::{Path, PathBuf};

use crate::lang::Lang;
pub use crate::lexicon::LexiconProblem;

/// Every failure the library reports.
///
/// New variants may be added, so a `match` needs a catch-all arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read: it is missing, unreadable, or reading it failed part way.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A text that must be UTF-8 is not (after any decoding `--encoding auto` could do).
    #[error("{path}: invalid UTF-8 at byte {offset}{hint}")]
    InvalidUtf8 {
        /// The file, or `-` for standard input.
        path: PathBuf,
        /// 0-based byte offset of the first invalid byte in the file.
        offset: usize,
        /// A guess at what the file is instead, with what to do (" (it looks like EUC-JP:
        /// convert it first, ...)"), starting with its own space; may be empty.
        hint: String,
    },
    /// A text read with an explicit `--encoding` (Shift_JIS or EUC-JP) is not valid in it.
    #[error("{path}: invalid {encoding} at byte {offset}")]
    InvalidEncoding {
        /// The file, or `-` for standard input.
        path: PathBuf,
        /// The encoding's name, as the user would write it (`Shift_JIS`, `EUC-JP`).
        encoding: &'static str,
        /// 0-based byte offset of the first invalid byte in the file.
        offset: usize,
    },
    /// A file holds a NUL byte, so it is binary data (or UTF-16), not text hashi can read.
    #[error(
        "{path}: binary data, not text (a NUL byte at byte {offset}; if it is UTF-16, \
         convert it to UTF-8)"
    )]
    Binary {
        /// The file, or `-` for standard input.
        path: PathBuf,
        /// 0-based byte offset of the first NUL byte.
        offset: usize,
    },
    /// A path given as an input file is a directory.
    #[error("{path}: is a directory, not a file")]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The Japanese dictionary could not be loaded: a `--dict DIR` that is missing or is not
    /// a compiled lindera dictionary, or (with no path) the embedded IPADIC, which only a
    /// broken build can cause.
    #[error("{}: cannot load the dictionary: {message}", dictionary_name(path.as_deref()))]
    Dictionary {
        /// The dictionary directory; `None` for the embedded IPADIC.
        path: Option<PathBuf>,
        /// What lindera reported.
        message: String,
    },
    /// A lexicon (an EDICT-format file given with `--lexicon`, or EDICT text given to
    /// [`Lexicon::from_edict_str`](crate::lexicon::Lexicon::from_edict_str)) cannot be
    /// compiled.
    #[error("{}{problem}", Place(path.as_deref(), *line, "lexicon"))]
    Lexicon {
        /// The file; `None` for text given in memory.
        path: Option<PathBuf>,
        /// The 1-based line at fault, when one line is.
        line: Option<usize>,
        /// What is wrong.
        problem: LexiconProblem,
    },
    /// A line of a structured input does not have the expected form: a CSV manifest's
    /// header, a bead line of an alignment file given to `eval`, a record of an output read
    /// back by `--resume`. (A bad line of a batch's document list fails that document only.)
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file, or `-` for standard input.
        path: PathBuf,
        /// The 1-based line at fault.
        line: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// A batch manifest's file name does not tell its format: it must end in `.csv`,
    /// `.jsonl` or `.json`.
    #[error("{path}: a manifest is .csv, .jsonl or .json (the extension tells which)")]
    ManifestKind {
        /// The manifest.
        path: PathBuf,
    },
    /// A name given as a setting is not one hashi knows: a language code
    /// ([`Lang`]), a finding kind
    /// ([`FindingKind`](crate::check::FindingKind)) or a parameter
    /// ([`Params::set`](crate::align::Params::set)).
    #[error("unknown {what} {name:?} (expected {expected})")]
    UnknownName {
        /// What the name should have named: `language`, `finding kind`, `parameter`.
        what: &'static str,
        /// The name as given.
        name: String,
        /// The names accepted.
        expected: &'static str,
    },
    /// A number given as a setting is not finite or out of its range: a parameter
    /// ([`Params::set`](crate::align::Params::set)), a thread count
    /// ([`crate::batch::resolve_threads`]), a window of documents in flight.
    #[error("{name} = {value}: expected {expected}")]
    InvalidValue {
        /// The setting, as the library names it (`skip_score`, `threads`).
        name: String,
        /// The value as given.
        value: String,
        /// What the setting takes (`a finite number from -100 to 100`).
        expected: String,
    },
    /// A document pair that breaks a rule of [`crate::validate::Rules`] (an empty side,
    /// swapped languages, sides of very different size).
    #[error(transparent)]
    Pair(#[from] PairError),
    /// A side of a pairing (`hashi pair`) with no document: an empty folder or manifest, or
    /// no document given at all.
    #[error("{}no {side} documents", Place(path.as_deref(), None, "source"))]
    EmptySource {
        /// The folder or manifest; `None` for documents given in memory.
        path: Option<PathBuf>,
        /// The side: `English` or `Japanese`.
        side: &'static str,
    },
    /// A source of documents to pair that is neither a folder nor a manifest the extension
    /// names.
    #[error(
        "{path}: a source is a folder of .txt files, a .csv manifest (a path column, an id \
         column optional) or JSONL ({{\"id\", \"text\"}} or {{\"id\", \"path\"}} a line)"
    )]
    SourceKind {
        /// The path given.
        path: PathBuf,
    },
    /// One file listed as both an English and a Japanese document of a pairing.
    #[error("{path}: the same file is listed as an English and as a Japanese document")]
    SameFile {
        /// The file.
        path: PathBuf,
    },
    /// A batch output in a format whose records carry no document id, which cannot be read
    /// back to resume a run (see [`crate::export::Format::resumable`]).
    #[error(
        "{format} output cannot be resumed: its records carry no document id (csv and jsonl do)"
    )]
    NotResumable {
        /// The format's name ([`crate::export::Format::name`]).
        format: &'static str,
    },
    /// An output file could not be written ([`crate::output`]).
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file as it was named (a symbolic link is written through to its target).
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Another run holds the lock on an output file ([`crate::output`]): two runs must not
    /// write one file at once.
    #[error(
        "{path}: another hashi run is writing this output (it holds {lock}): wait for it to \
         end, or write elsewhere"
    )]
    Locked {
        /// The output, as it was named.
        path: PathBuf,
        /// The lock file beside it.
        lock: PathBuf,
    },
    /// A document of `hashi pair` whose text is in the other side's language (an English
    /// file among the Japanese articles): it could only pair with a copy of itself, which
    /// `batch` would then refuse as swapped, so it is left out.
    #[error("{name}: among the {} articles but it looks {found}: left out", side.name())]
    OtherLanguage {
        /// The document: its file, or its id.
        name: String,
        /// The side it was given as.
        side: Lang,
        /// What it is written in (`English`, `Korean (Hangul)`, ...).
        found: &'static str,
    },
    /// The system would not start the threads a run asked for (a limit on processes or
    /// threads reached, or memory short).
    #[error("cannot start {}: {message}{}", threads_named(*threads), fewer_hint(*threads))]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// What the system said.
        message: String,
    },
    /// The lock on an output file could not be taken for a reason other than another run
    /// holding it.
    #[error("{path}: cannot lock: {source}")]
    Lock {
        /// The output, as it was named.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// The outcome of a fallible library function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn threads_named(threads: usize) -> String {
    match threads {
        1 => "a thread".into(),
        n => format!("{n} threads"),
    }
}

fn fewer_hint(threads: usize) -> &'static str {
    match threads {
        1 => " (the limit on processes is reached)",
        _ => " (ask for fewer with --threads, or raise the limit on processes)",
    }
}

fn dictionary_name(path: Option<&Path>) -> std::borrow::Cow<'_, str> {
    match path {
        Some(path) => path.to_string_lossy(),
        None => "embedded IPADIC".into(),
    }
}

/// Where in an input a fault is, as a message prefix: `FILE:LINE: `, `FILE: `, or, for text
/// without a file, `WHAT line LINE: ` or `WHAT: `.
struct Place<'a>(Option<&'a Path>, Option<usize>, &'static str);

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0, self.1) {
            (Some(path), Some(line)) => write!(f, "{}:{line}: ", path.display()),
            (Some(path), None) => write!(f, "{}: ", path.display()),
            (None, Some(line)) => write!(f, "{} line {line}: ", self.2),
            (None, None) => write!(f, "{}: ", self.2),
        }
    }
}

/// How far the two sides' sentence counts may differ before a pair is taken for a mismatch
/// (a wrong file, a truncated article) rather than a translation: the larger count may be at
/// most `ratio` times the smaller plus `slack`. The slack keeps short articles (a headline
/// and two sentences against six) from being refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeLimit {
    /// How many times the smaller side's sentences the larger side may have (10 by default).
    pub ratio: f64,
    /// Sentences the larger side may have beyond `ratio` times the smaller's (5 by default).
    pub slack: usize,
}

impl Default for SizeLimit {
    fn default() -> Self {
        SizeLimit {
            ratio: 10.0,
            slack: 5,
        }
    }
}

impl SizeLimit {
    /// Whether `en` sentences against `ja` (or the other way round) are within the limit.
    pub fn allows(&self, en: usize, ja: usize) -> bool {
        let (small, large) = (en.min(ja), en.max(ja));
        large as f64 <= self.ratio * small as f64 + self.slack as f64
    }
}

/// How much of each side of a pair found a counterpart: what [`PairError::NotTranslation`]
/// reports, taken from the alignment's [`Verdict`](crate::align::Verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// English sentences, page furniture left out.
    pub en_sentences: usize,
    /// English sentences in pairs scored as translated.
    pub en_translated: usize,
    /// Japanese sentences, page furniture left out.
    pub ja_sentences: usize,
    /// Japanese sentences in pairs scored as translated.
    pub ja_translated: usize,
}

/// `2 of 41 English sentences and 3 of 40 Japanese find a counterpart`: the words every
/// front end uses for a pair's coverage, refused or translated in part.
impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} English {} and {} of {} Japanese find a counterpart",
            self.en_translated,
            self.en_sentences,
            sentence_word(self.en_sentences),
            self.ja_translated,
            self.ja_sentences
        )
    }
}

/// Why a document pair is not aligned. The messages name the sides, not files: a caller
/// that knows the files (the command line) says which file it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PairError {
    /// A side has no sentence: an empty or blank text. Never waived.
    #[error("the {} side has no sentence", .0.name())]
    Empty(Lang),
    /// The text given for `side` looks like the other language: the sides are probably
    /// swapped ([`crate::validate::Rules::languages`]).
    #[error(
        "the {} side looks {}: are the sides swapped?",
        side.name(),
        side.other().name()
    )]
    Swapped {
        /// The side whose text is in the other language.
        side: Lang,
    },
    /// The text given for `side` is written in neither language: most of its letters are
    /// in `found` (`Korean (Hangul)`, `Cyrillic`, ...) ([`crate::validate::Rules::languages`]).
    #[error("the {} side looks {found}, not {}", side.name(), side.name())]
    Script {
        /// The side.
        side: Lang,
        /// What its letters are written in.
        found: &'static str,
    },
    /// Every sentence of `side` is page furniture (menus, bylines, share buttons): there is
    /// no article to be a translation of ([`crate::validate::Rules::translation`]).
    #[error(
        "the {} side has page furniture only (menus, bylines, buttons), no article",
        .0.name()
    )]
    OnlyFurniture(Lang),
    /// The sides' sentence counts break the [`SizeLimit`]
    /// ([`crate::validate::Rules::size_limit`]).
    #[error(
        "the sides differ too much in size: {en} English {}, {ja} Japanese \
         (the larger may be at most {} times the smaller plus {})",
        sentence_word(*en),
        limit.ratio,
        limit.slack
    )]
    Lopsided {
        /// English sentences.
        en: usize,
        /// Japanese sentences.
        ja: usize,
        /// The limit they break.
        limit: SizeLimit,
    },
    /// The alignment finds too little translated for the sides to be translations of each
    /// other ([`crate::validate::Rules::translation`]).
    #[error("the sides do not look like translations of each other: {0}")]
    NotTranslation(Coverage),
}

/// "sentence" or "sentences", as `n` asks: `1 English sentence`, `2 English sentences`.
pub fn sentence_word(n: usize) -> &'static str {
    if n == 1 {
        "sentence"
    } else {
        "sentences"
    }
}

impl PairError {
    /// Whether [`crate::validate::Rules::forced`] lets such a pair through: every error but
    /// an empty side.
    pub fn can_be_forced(&self) -> bool {
        !matches!(self, PairError::Empty(_))
    }
}
