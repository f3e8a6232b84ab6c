//! The whole pipeline for one document pair: features for every sentence, then alignment,
//! behind [`Aligner`], which owns what it needs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::align::{self, Alignment, AnchorTable, Layout, PairTables, Params, Side, Verdict};
use crate::check::{self, Finding};
use crate::error::Result;
use crate::export::{self, Format, Options};
use crate::features::{self, SentenceFeatures};
use crate::lexicon::Lexicon;
use crate::segment::{japanese, Document, Lang, Sentence};
use crate::tokenizer::JapaneseTokenizer;
use crate::validate::{PairError, Rules};

/// Sentences (both sides) from which [`Aligner::alignment`] hands the dictionary's pages
/// back once the features are taken ([`JapaneseTokenizer::release_pages`]): where the
/// search's tables are large enough to matter, and reading the pages in again for the next
/// document costs little beside its alignment.
const RELEASE_DICTIONARY_AT: usize = 4000;

/// Sentences from which a document's work is shared out between threads: a side with this
/// many has its sentences split in runs, a pair with this many on its two sides together has
/// them made side by side. Below it, the work is done in turn on the calling thread: sharing
/// out a small document costs more (passing the work and its results between threads, and in
/// a batch a thread that waits for another's half of a document) than it saves.
const SHARE_FROM: usize = 64;

/// Aligns English documents with the Japanese ones they translate.
///
/// An aligner owns its tokenizer and lexicon, shared behind an [`Arc`]: cloning one is cheap,
/// and it is `Send + Sync`, so one aligner serves many document pairs and threads without
/// reloading anything. Make one with [`Aligner::builder`].
///
/// # Examples
///
/// ```
/// let aligner = hashi::Aligner::builder().build()?;
/// let pair = aligner.align(
///     "JAXA launched the rocket on July 24. About 4,000 people watched.",
///     "JAXAは7月24日、ロケットを打ち上げた。見物客は約4千人に上った。",
/// )?;
/// assert_eq!(pair.alignment.beads.len(), 2);
/// assert!(pair.alignment.beads.iter().all(|b| b.is_pair()));
/// # Ok::<(), hashi::Error>(())
/// ```
#[derive(Clone)]
pub struct Aligner {
    resources: Arc<Resources>,
    params: Params,
    threads: usize,
    rules: Rules,
    /// The parameters the pair's verdict is judged with when they differ from `params`
    /// ([`Aligner::for_checking`]): a pair has one verdict, `align`'s.
    verdict_params: Option<Params>,
    /// The rayon pool of `threads` threads that a pair's work runs on when the caller is not
    /// on a rayon pool's thread already ([`Aligner::on_pool`]) and that a batch's documents
    /// run on ([`crate::batch::run`]): made when first needed (`None` when the system would
    /// not start the threads), shared by the clones with the same thread count.
    pool: Arc<OnceLock<std::result::Result<rayon::ThreadPool, String>>>,
}

/// What an aligner loads once and its clones share.
struct Resources {
    tokenizer: JapaneseTokenizer,
    lexicon: Loaded,
}

/// The lexicon an aligner holds.
enum Loaded {
    None,
    Bundled(&'static Lexicon),
    Own(Lexicon),
}

// An aligner is handed to threads (`batch`, `pair`, the Python binding): it must stay so.
const _: () = {
    const fn send_sync<T: Send + Sync + Clone>() {}
    send_sync::<Aligner>();
};

/// Which bilingual lexicon an aligner uses; see [`AlignerBuilder::lexicon`].
pub enum LexiconChoice {
    /// The lexicon built into hashi (EDICT, widened with WordNet): the default.
    Bundled,
    /// None: align on numbers, names, Latin words and length alone.
    None,
    /// An EDICT-format file, loaded by [`AlignerBuilder::build`].
    File(PathBuf),
    /// A lexicon already loaded, such as one from [`Lexicon::from_edict_str`].
    Loaded(Lexicon),
}

/// Sets up an [`Aligner`]: the lexicon, the Japanese dictionary, the parameters, the threads
/// and the rules a pair must pass. [`AlignerBuilder::build`] loads what it names.
///
/// # Examples
///
/// ```
/// use hashi::{Aligner, LexiconChoice};
///
/// let aligner = Aligner::builder()
///     .lexicon(LexiconChoice::None)
///     .threads(1)
///     .build()?;
/// assert!(!aligner.has_lexicon());
/// # Ok::<(), hashi::Error>(())
/// ```
pub struct AlignerBuilder {
    lexicon: LexiconChoice,
    dictionary: Option<PathBuf>,
    params: Option<Params>,
    threads: usize,
    rules: Rules,
}

impl AlignerBuilder {
    /// The lexicon to align with: [`LexiconChoice::Bundled`] unless told otherwise.
    pub fn lexicon(mut self, choice: LexiconChoice) -> Self {
        self.lexicon = choice;
        self
    }

    /// A compiled lindera dictionary directory to tokenize Japanese with instead of the
    /// built-in IPADIC (`hashi --dict DIR`); see [`JapaneseTokenizer::from_dir`].
    pub fn dictionary(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dictionary = Some(dir.into());
        self
    }

    /// The cost model's and the search's constants. Without this call they are
    /// [`Params::default`] with a lexicon, [`Params::without_lexicon`] without.
    pub fn params(mut self, params: Params) -> Self {
        self.params = Some(params);
        self
    }

    /// Threads for one document pair's feature extraction: 0 is one a core, at most
    /// [`crate::batch::MAX_THREADS`]. 1 by default. Called on a thread of a rayon pool (as
    /// [`crate::batch::run`] calls it), an aligner of more than one thread shares that pool's
    /// threads instead of starting its own.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// The rules a pair must pass to be aligned by [`Aligner::align`] and its kin:
    /// [`Rules::default`] unless told otherwise, [`Rules::forced`] to align anything.
    pub fn rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    /// Loads the dictionary and the lexicon. Fails when a file named cannot be read or is
    /// not what it should be ([`crate::Error::Dictionary`], [`crate::Error::Lexicon`], [`crate::Error::Read`]),
    /// or when the thread count is out of range ([`crate::Error::InvalidValue`]).
    pub fn build(self) -> Result<Aligner> {
        let threads = crate::batch::resolve_threads(self.threads)?;
        let lexicon = match self.lexicon {
            LexiconChoice::Bundled => Loaded::Bundled(Lexicon::embedded()),
            LexiconChoice::None => Loaded::None,
            LexiconChoice::File(path) => Loaded::Own(Lexicon::from_edict_file(&path)?),
            LexiconChoice::Loaded(lexicon) => Loaded::Own(lexicon),
        };
        let tokenizer = JapaneseTokenizer::load(self.dictionary.as_deref())?;
        let params = self.params.unwrap_or(match lexicon {
            Loaded::None => Params::without_lexicon(),
            _ => Params::default(),
        });
        Ok(Aligner {
            resources: Arc::new(Resources { tokenizer, lexicon }),
            params,
            threads,
            rules: self.rules,
            verdict_params: None,
            pool: Arc::default(),
        })
    }
}

/// An aligned document pair, owned: both documents, segmented, and their alignment. It
/// writes itself in any export format.
///
/// # Examples
///
/// ```
/// use hashi::export::{Format, Options};
///
/// let aligner = hashi::Aligner::builder().build()?;
/// let pair = aligner.align("About 4,000 people watched.", "見物客は約4千人に上った。")?;
/// let tsv = pair.to_string(Format::Tsv, &Options::default())?;
/// assert_eq!(tsv, "About 4,000 people watched.\t見物客は約4千人に上った。\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct AlignedPair {
    /// The English document, segmented.
    pub en: Document,
    /// The Japanese document, segmented.
    pub ja: Document,
    /// Their alignment: the beads' ranges are sentence numbers of `en` and `ja`.
    pub alignment: Alignment,
    /// Which document pair this is when it is one of several (a batch's); `None` for a
    /// single pair. Formats with room for it write it ([`export::Aligned::doc_id`]).
    pub id: Option<String>,
}

impl AlignedPair {
    /// The borrowed view the export writers take ([`export::Writer::document`]).
    pub fn view(&self) -> export::Aligned<'_> {
        export::Aligned {
            en: &self.en,
            ja: &self.ja,
            alignment: &self.alignment,
            doc_id: self.id.as_deref(),
        }
    }

    /// Writes the pair in `format`, header and footer included, to one stream: every format
    /// but [`Format::Moses`], which needs two ([`AlignedPair::write_two`]).
    pub fn write(
        &self,
        out: &mut dyn std::io::Write,
        format: Format,
        options: &Options,
    ) -> std::io::Result<()> {
        export::write(out, format, &self.view(), options)
    }

    /// Writes the pair in [`Format::Moses`], the English side to `en`, the Japanese to `ja`.
    pub fn write_two(
        &self,
        en: &mut dyn std::io::Write,
        ja: &mut dyn std::io::Write,
        options: &Options,
    ) -> std::io::Result<()> {
        let mut w = export::Writer::begin_pair(en, ja, Format::Moses, options)?;
        w.document(&self.view())?;
        w.end()
    }

    /// The pair in `format` as a string: every format but [`Format::Moses`].
    pub fn to_string(&self, format: Format, options: &Options) -> std::io::Result<String> {
        let mut out = Vec::new();
        self.write(&mut out, format, options)?;
        String::from_utf8(out).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// Writes the pair in `format` to the file `path`, atomically, as `hashi align -o` does
    /// ([`crate::output::write_atomically`]); for [`Format::Moses`] `path` is a prefix, and
    /// `PATH.en` and `PATH.ja` are written ([`crate::output::moses_paths`]).
    pub fn write_file(&self, path: &Path, format: Format, options: &Options) -> Result<()> {
        if format.writes_two_files() {
            let [en, ja] = crate::output::moses_paths(path);
            crate::output::write_two_atomically([&en, &ja], |e, j| self.write_two(e, j, options))
        } else {
            crate::output::write_atomically(path, |out| self.write(out, format, options))
        }
    }
}

/// What [`Aligner::check`] found: the pair as the check aligned it, and the findings.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The documents and the alignment the findings refer to.
    pub pair: AlignedPair,
    /// The findings, in document order.
    pub findings: Vec<Finding>,
}

impl Aligner {
    /// A builder with the defaults: the bundled lexicon, the built-in IPADIC, the default
    /// parameters for the lexicon, one thread, the default rules.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder {
            lexicon: LexiconChoice::Bundled,
            dictionary: None,
            params: None,
            threads: 1,
            rules: Rules::default(),
        }
    }

    /// The Japanese tokenizer.
    pub fn tokenizer(&self) -> &JapaneseTokenizer {
        &self.resources.tokenizer
    }

    /// The bilingual lexicon; `None` when the aligner has none.
    pub fn lexicon(&self) -> Option<&Lexicon> {
        match &self.resources.lexicon {
            Loaded::None => None,
            Loaded::Bundled(lexicon) => Some(lexicon),
            Loaded::Own(lexicon) => Some(lexicon),
        }
    }

    /// Whether the aligner has a lexicon.
    pub fn has_lexicon(&self) -> bool {
        self.lexicon().is_some()
    }

    /// The cost model's and the search's constants.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// This aligner with other parameters (the tokenizer and lexicon still shared).
    pub fn with_params(mut self, params: Params) -> Self {
        self.params = params;
        self
    }

    /// Sets one parameter by name, as `hashi --params name=value` does ([`Params::set`]).
    pub fn set_param(&mut self, name: &str, value: f32) -> Result<()> {
        self.params.set(name, value)
    }

    /// Threads for one document pair's feature extraction.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// This aligner with `threads` threads a pair (at least one).
    pub fn with_threads(mut self, threads: usize) -> Self {
        let threads = threads.max(1);
        if threads != self.threads {
            self.threads = threads;
            self.pool = Arc::default();
        }
        self
    }

    /// The aligner's rayon pool of [`Aligner::threads`] threads, started when first asked for;
    /// `None` when the system will not start them.
    pub(crate) fn pool(&self) -> Option<&rayon::ThreadPool> {
        self.started().as_ref().ok()
    }

    /// The aligner's pool, or what the system said when it would not start its threads.
    fn started(&self) -> &std::result::Result<rayon::ThreadPool, String> {
        self.pool.get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .thread_name(|i| format!("hashi-{i}"))
                .build()
                .map_err(|e| e.to_string())
        })
    }

    /// Runs `f` where a pair's work can be shared out, telling it how many threads there are
    /// to share it with: on the rayon pool whose thread calls it (a batch's: see
    /// [`crate::batch::run`]), else on the aligner's own pool ([`Aligner::pool`]). With one
    /// thread, or no pool, `f` runs on the caller's thread and is told 1.
    fn on_pool<R: Send>(&self, f: impl FnOnce(usize) -> R + Send) -> R {
        if self.threads <= 1 {
            return f(1);
        }
        if rayon::current_thread_index().is_some() {
            return f(rayon::current_num_threads());
        }
        match self.pool() {
            Some(pool) => pool.install(|| f(rayon::current_num_threads())),
            None => f(1),
        }
    }

    /// Runs `f` on the aligner's own pool ([`Aligner::pool`]), with one thread too, for a
    /// caller whose work is rayon's parallel iterators (`pair`): run anywhere else they would
    /// spill onto rayon's global pool, a thread a core whatever [`Aligner::threads`] says.
    /// A pair's work that `f` asks of this aligner is shared out on the same pool
    /// ([`Aligner::on_pool`]). [`crate::Error::Threads`] when the system will not start the pool's
    /// threads: `f`'s parallel iterators would otherwise fall back on rayon's global pool,
    /// which would not start either.
    pub(crate) fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> Result<R> {
        match self.started() {
            Ok(pool) => Ok(pool.install(f)),
            Err(message) => Err(crate::Error::Threads {
                threads: self.threads,
                message: message.clone(),
            }),
        }
    }

    /// The rules a pair must pass to be aligned.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// This aligner with other rules.
    pub fn with_rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    /// This aligner with the parameters `hashi check` uses ([`Params::for_checking`]) when
    /// it has a lexicon; without one, the lexicon-free parameters stay.
    pub fn for_checking(mut self) -> Self {
        if self.has_lexicon() {
            let standard = std::mem::replace(&mut self.params, Params::for_checking());
            self.verdict_params = Some(standard);
        }
        self
    }

    /// Segments two running texts into sentences and aligns them: [`Aligner::align_documents`]
    /// of [`Document::segment`]ed texts.
    pub fn align(&self, en: impl Into<String>, ja: impl Into<String>) -> Result<AlignedPair> {
        self.align_text(en.into(), ja.into(), false)
    }

    /// Aligns two texts given one sentence a line, a blank line between paragraphs
    /// ([`Document::presegmented`]).
    ///
    /// ```
    /// let aligner = hashi::Aligner::builder().build()?;
    /// let pair = aligner.align_presegmented(
    ///     "JAXA launched the rocket.\nAbout 4,000 people watched.\n",
    ///     "JAXAはロケットを打ち上げた。\n見物客は約4千人に上った。\n",
    /// )?;
    /// assert_eq!(pair.en.len(), 2);
    /// # Ok::<(), hashi::Error>(())
    /// ```
    pub fn align_presegmented(
        &self,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> Result<AlignedPair> {
        self.align_text(en.into(), ja.into(), true)
    }

    /// [`Aligner::align`] or [`Aligner::align_presegmented`], as `presegmented` says.
    pub fn align_text(&self, en: String, ja: String, presegmented: bool) -> Result<AlignedPair> {
        let (en, ja) = self.segment(en, ja, presegmented);
        self.align_documents(en, ja)
    }

    /// Segments an English and a Japanese text ([`Document::segment`], or
    /// [`Document::presegmented`] as `presegmented` says), both at once on the aligner's
    /// threads: the two are independent, and segmenting is the one step of a pair that would
    /// otherwise run alone.
    ///
    /// ```
    /// let aligner = hashi::Aligner::builder().build()?;
    /// let (en, ja) = aligner.segment(
    ///     "JAXA launched the rocket. About 4,000 people watched.".into(),
    ///     "JAXAはロケットを打ち上げた。見物客は約4千人に上った。".into(),
    ///     false,
    /// );
    /// assert_eq!((en.sentences.len(), ja.sentences.len()), (2, 2));
    /// # Ok::<(), hashi::Error>(())
    /// ```
    pub fn segment(&self, en: String, ja: String, presegmented: bool) -> (Document, Document) {
        self.both(
            true,
            || Document::from_text(Lang::En, en, presegmented),
            || Document::from_text(Lang::Ja, ja, presegmented),
        )
    }

    /// Aligns two segmented documents. Fails with [`crate::Error::Pair`] when the pair breaks one of
    /// the aligner's [`Rules`]: before aligning (an empty side, swapped languages, sides of
    /// very different size) or after (no translation found).
    pub fn align_documents(&self, en: Document, ja: Document) -> Result<AlignedPair> {
        Ok(self.align_ruled(en, ja, &self.rules)?)
    }

    /// [`Aligner::align_documents`] held to `rules`.
    pub(crate) fn align_ruled(
        &self,
        en: Document,
        ja: Document,
        rules: &Rules,
    ) -> std::result::Result<AlignedPair, PairError> {
        rules.check(&en, &ja)?;
        let alignment = self.alignment(&en, &ja);
        rules.check_alignment(&alignment)?;
        Ok(AlignedPair {
            en,
            ja,
            alignment,
            id: None,
        })
    }

    /// Aligns as `hashi check` does and reports what the English left out, added or
    /// changed ([`crate::check`]). The aligner is used as it is: [`Aligner::for_checking`]
    /// gives it the parameters `hashi check` uses. Fails as [`Aligner::align_documents`]
    /// does.
    pub fn check(&self, en: Document, ja: Document) -> Result<Checked> {
        self.rules.check(&en, &ja)?;
        let report = check::check(&en, &ja, self);
        self.rules.check_alignment(&report.alignment)?;
        Ok(Checked {
            pair: AlignedPair {
                en,
                ja,
                alignment: report.alignment,
                id: None,
            },
            findings: report.findings,
        })
    }

    /// The features of every sentence of an English document, in order.
    pub(crate) fn english_features(&self, doc: &Document) -> Vec<SentenceFeatures> {
        self.per_sentence(doc, |s, out| self.english_sentence(doc, s, out), collect())
    }

    /// The features of every sentence of a Japanese document, in order (tokenizing each).
    pub(crate) fn japanese_features(&self, doc: &Document) -> Vec<SentenceFeatures> {
        self.per_sentence(doc, |s, out| self.japanese_sentence(doc, s, out), collect())
    }

    /// What the aligner needs of the English document's features, each sentence's features
    /// dropped as soon as they are stored there.
    pub(crate) fn english_anchors(&self, doc: &Document) -> AnchorTable {
        self.per_sentence(doc, |s, out| self.english_sentence(doc, s, out), tabulate())
    }

    /// [`Aligner::english_anchors`] for the Japanese document.
    pub(crate) fn japanese_anchors(&self, doc: &Document) -> AnchorTable {
        self.per_sentence(
            doc,
            |s, out| self.japanese_sentence(doc, s, out),
            tabulate(),
        )
    }

    fn english_sentence(
        &self,
        doc: &Document,
        s: &Sentence,
        out: &mut dyn FnMut(SentenceFeatures),
    ) {
        for_pieces(&doc.text, s.span.clone(), out, |piece| {
            features::english(&doc.text, piece, self.lexicon())
        });
    }

    fn japanese_sentence(
        &self,
        doc: &Document,
        s: &Sentence,
        out: &mut dyn FnMut(SentenceFeatures),
    ) {
        for_pieces(&doc.text, s.span.clone(), out, |piece| {
            let tokens = japanese::sentence_tokens(self.tokenizer(), &doc.text, piece.clone());
            features::japanese(&doc.text, piece, &tokens, self.lexicon())
        });
    }

    /// The features of every sentence of `doc`, gathered by `gather` in sentence order. On
    /// the pool ([`Aligner::on_pool`]), a side of [`SHARE_FROM`] sentences or more offers its
    /// later runs of sentences to a free thread ([`gather_runs`]); those no thread took up
    /// are gathered in turn by the calling thread, as if nothing were shared. The tables and
    /// the features are the same however the runs fall.
    /// `f` gives a sentence's features in one or more parts ([`for_pieces`]).
    fn per_sentence<T: Send + Default>(
        &self,
        doc: &Document,
        f: impl Fn(&Sentence, &mut dyn FnMut(SentenceFeatures)) + Sync,
        gather: Gather<T>,
    ) -> T {
        let run = |part: &[Sentence], out: &mut T| {
            for s in part {
                let mut first = true;
                f(s, &mut |features| {
                    if std::mem::take(&mut first) {
                        (gather.add)(out, features);
                    } else {
                        (gather.more)(out, features);
                    }
                });
            }
        };
        let mut out = T::default();
        if doc.sentences.len() < SHARE_FROM {
            run(&doc.sentences, &mut out);
            return out;
        }
        self.on_pool(|threads| {
            if threads <= 1 {
                run(&doc.sentences, &mut out);
            } else {
                gather_runs(&doc.sentences, &mut out, &run, gather.join);
            }
            out
        })
    }

    /// Aligns the sentences of `en` with those of `ja` as they are, holding them to no rule.
    /// Unlike `Aligner::align_with_features`, it keeps no sentence's features past storing
    /// what the aligner needs of them.
    pub fn alignment(&self, en: &Document, ja: &Document) -> Alignment {
        let (et, jt) = self.both(
            shares(en, ja),
            || self.english_anchors(en),
            || self.japanese_anchors(ja),
        );
        if en.sentences.len() + ja.sentences.len() >= RELEASE_DICTIONARY_AT {
            // The dictionary is done with: its pages make room for the search's tables.
            self.tokenizer().release_pages();
        }
        let (ep, jp) = (paragraphs(en), paragraphs(ja));
        let (efu, jfu) = (furniture(en), furniture(ja));
        self.align_anchors(
            PairTables::new(et, jt),
            Layout {
                paragraphs: &ep,
                furniture: &efu,
            },
            Layout {
                paragraphs: &jp,
                furniture: &jfu,
            },
        )
    }

    /// Aligns two documents given their anchor tables ([`Aligner::english_anchors`],
    /// [`Aligner::japanese_anchors`]) and where their sentences stand, and judges the pair,
    /// as [`Aligner::align`] does: for a caller that keeps tables to align a document with
    /// several others (`pair`).
    pub(crate) fn align_anchors(
        &self,
        tables: PairTables,
        en: Layout<'_>,
        ja: Layout<'_>,
    ) -> Alignment {
        let alignment =
            self.on_pool(|threads| align::align_tables(tables, en, ja, &self.params, threads));
        self.judged(alignment, en.furniture, ja.furniture)
    }

    /// `alignment` with its verdict ([`Verdict`]), page furniture left out: judged when there
    /// is a lexicon.
    fn judged(&self, mut alignment: Alignment, efu: &[bool], jfu: &[bool]) -> Alignment {
        let verdict = Verdict::of(&alignment, efu, jfu);
        alignment.verdict = match self.lexicon() {
            Some(_) => verdict,
            None => verdict.unjudged(),
        };
        alignment
    }

    /// Runs `english` and `japanese`: side by side when `share` (for a pair's features,
    /// [`shares`]) and a thread of the pool is free ([`Aligner::on_pool`]), else one after the
    /// other on the calling thread.
    fn both<E: Send, J: Send>(
        &self,
        share: bool,
        english: impl FnOnce() -> E + Send,
        japanese: impl FnOnce() -> J + Send,
    ) -> (E, J) {
        if !share {
            return (english(), japanese());
        }
        self.on_pool(|threads| {
            if threads > 1 {
                // Japanese tokenizing dominates: it starts here, and English waits for a
                // free thread (or for this one).
                let (j, e) = rayon::join(japanese, english);
                (e, j)
            } else {
                (english(), japanese())
            }
        })
    }

    /// Aligns as [`Aligner::align`] does and also hands back the per-sentence features it
    /// computed, so that a caller looking into the pairs (`check`) need not tokenize again.
    pub(crate) fn align_with_features(
        &self,
        en: &Document,
        ja: &Document,
    ) -> (Alignment, Vec<SentenceFeatures>, Vec<SentenceFeatures>) {
        let (ef, jf) = self.both(
            shares(en, ja),
            || self.english_features(en),
            || self.japanese_features(ja),
        );
        let (ep, jp) = (paragraphs(en), paragraphs(ja));
        let (efu, jfu) = (furniture(en), furniture(ja));
        let sides = || {
            (
                Side {
                    features: &ef,
                    layout: Layout {
                        paragraphs: &ep,
                        furniture: &efu,
                    },
                },
                Side {
                    features: &jf,
                    layout: Layout {
                        paragraphs: &jp,
                        furniture: &jfu,
                    },
                },
            )
        };
        let (e, j) = sides();
        let search = |e, j, params| self.on_pool(|threads| align::align(e, j, params, threads));
        let mut alignment = self.judged(search(e, j, &self.params), &efu, &jfu);
        if let Some(params) = &self.verdict_params {
            // One verdict a pair: the one `align` gives, whatever this search prefers.
            let (e, j) = sides();
            let standard = self.judged(search(e, j, params), &efu, &jfu);
            alignment.verdict = standard.verdict;
        }
        (alignment, ef, jf)
    }
}

/// How [`Aligner::per_sentence`] gathers features: `add` takes one sentence's, `more` the
/// next part of the last sentence's ([`for_pieces`]), `join` appends a later run of
/// sentences to an earlier one.
struct Gather<T> {
    add: fn(&mut T, SentenceFeatures),
    more: fn(&mut T, SentenceFeatures),
    join: fn(&mut T, T),
}

/// Whether the work of the pair `en`, `ja` is worth sharing out between threads: it holds
/// [`SHARE_FROM`] sentences or more on its two sides together.
fn shares(en: &Document, ja: &Document) -> bool {
    en.sentences.len() + ja.sentences.len() >= SHARE_FROM
}

/// Sentences a run of [`gather_runs`] is not split below.
const RUN_SENTENCES: usize = 16;

/// Gathers `sentences` into `out` with `run`, in order, offering work to the pool's free
/// threads: the second half is offered while the first is gathered (each half split again
/// the same way, down to [`RUN_SENTENCES`]); a half another thread took up is gathered into
/// a table of its own and `join`ed after the first, a half none took is gathered into `out`
/// by this thread. Nothing is made twice and, when no thread is free, nothing is joined: the
/// work is what one thread gathering every sentence does.
fn gather_runs<T: Send + Default>(
    sentences: &[Sentence],
    out: &mut T,
    run: &(impl Fn(&[Sentence], &mut T) + Sync),
    join: fn(&mut T, T),
) {
    if sentences.len() < 2 * RUN_SENTENCES {
        run(sentences, out);
        return;
    }
    let (first, second) = sentences.split_at(sentences.len() / 2);
    let ((), taken) = rayon::join_context(
        |_| gather_runs(first, out, run, join),
        |context| {
            context.migrated().then(|| {
                let mut part = T::default();
                gather_runs(second, &mut part, run, join);
                part
            })
        },
    );
    match taken {
        Some(part) => join(out, part),
        None => gather_runs(second, out, run, join),
    }
}

/// Gathers the features themselves.
fn collect() -> Gather<Vec<SentenceFeatures>> {
    Gather {
        add: |all, f| all.push(f),
        more: |all, f| {
            let last = all.last_mut().expect("a sentence's first part came first");
            last.len += f.len;
            last.items.extend(f.items);
        },
        join: |all, more| all.extend(more),
    }
}

/// Gathers only what the aligner needs of them.
fn tabulate() -> Gather<AnchorTable> {
    Gather {
        add: |table, f| table.push(&f),
        more: |table, f| table.extend_last(&f),
        join: |table, more| table.append(more),
    }
}

/// A sentence longer than this (in bytes) has its features made a piece at a time.
const PIECE_BYTES: usize = 1 << 16;

/// Calls `out` with the features `features` makes of the sentence at `span` of `text`: of
/// the whole sentence in one call when it is at most [`PIECE_BYTES`] long (every sentence of
/// a real document), else of one piece after another, each at most that long and cut after
/// white space or a comma where there is one in its second half, so that the sentence's
/// tokens, words and their features never all exist at once (a 20 MB line of one sentence
/// took 2.4 GB). The pieces' lengths add up to the sentence's; a word or a number cut by a
/// piece's end is read as two, and only the last piece's end can be the sentence's mood.
fn for_pieces(
    text: &str,
    span: std::ops::Range<usize>,
    out: &mut dyn FnMut(SentenceFeatures),
    features: impl Fn(std::ops::Range<usize>) -> SentenceFeatures,
) {
    if span.len() <= PIECE_BYTES {
        out(features(span));
        return;
    }
    let mut start = span.start;
    while start < span.end {
        let end = piece_end(text, start, span.end);
        let mut f = features(start..end);
        if end < span.end {
            f.items
                .retain(|item| item.kind != features::AnchorKind::Mood);
        }
        out(f);
        start = end;
    }
}

/// Where the piece of `text` from `start` ends, for [`for_pieces`]: at `end` when that is
/// within [`PIECE_BYTES`], else after the last white space or comma of the piece's second
/// half, else at the last character boundary within it.
fn piece_end(text: &str, start: usize, end: usize) -> usize {
    if end - start <= PIECE_BYTES {
        return end;
    }
    let mut limit = start + PIECE_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut half = start + PIECE_BYTES / 2;
    while !text.is_char_boundary(half) {
        half += 1;
    }
    text[half..limit]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, ',' | '、' | '，' | '。'))
        .map(|(at, c)| half + at + c.len_utf8())
        .unwrap_or(limit)
}

/// Whether each sentence of `doc` is page furniture.
fn furniture(doc: &Document) -> Vec<bool> {
    doc.sentences.iter().map(|s| s.furniture).collect()
}

/// The paragraph number of each sentence of `doc`.
fn paragraphs(doc: &Document) -> Vec<usize> {
    doc.sentences.iter().map(|s| s.paragraph).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;

    fn beads(en: &str, ja: &str, params: Params) -> Vec<String> {
        let en = Document::presegmented(Lang::En, en.into());
        let ja = Document::presegmented(Lang::Ja, ja.into());
        let aligner = Aligner::builder().build().unwrap().with_params(params);
        aligner
            .alignment(&en, &ja)
            .beads
            .iter()
            .map(|b| format!("{:?}:{:?}", b.en, b.ja))
            .collect()
    }

    #[test]
    fn tables_built_on_two_threads_align_as_the_features_do() {
        // 30 × 4 sentences a side, past the 64 below which one thread does all: each
        // thread numbers the keys of its run in its own order, renumbered when they join.
        let en: String = (0..30)
            .map(|k| {
                format!(
                    "JAXA launched rocket H{k} from the Tanegashima Space Center on Sunday.\n\
                    About {} people watched the launch from the coast.\n\
                    The satellite it carried cost about {} billion yen.\n\
                    The next launch is planned for March.\n",
                    4000 + k * 7,
                    38 + k
                )
            })
            .collect();
        let ja: String = (0..30)
            .map(|k| {
                format!(
                    "JAXAは日曜日、種子島宇宙センターからH{k}ロケットを打ち上げた。\n\
                    海岸では約{}人が打ち上げを見守った。\n\
                    搭載した衛星の開発費は約{}億円。\n\
                    次の打ち上げは3月に予定されている。\n",
                    4000 + k * 7,
                    (38 + k) * 10
                )
            })
            .collect();
        let en = Document::presegmented(Lang::En, en);
        let ja = Document::presegmented(Lang::Ja, ja);
        let aligner = Aligner::builder().threads(2).build().unwrap();
        let tabled = aligner.alignment(&en, &ja);
        let (from_features, _, _) = aligner.align_with_features(&en, &ja);
        assert_eq!(tabled.beads.len(), 120);
        assert!(tabled
            .beads
            .iter()
            .all(|b| b.en.len() == 1 && b.ja.len() == 1));
        assert_eq!(tabled.beads, from_features.beads);
    }

    #[test]
    fn a_headline_repeating_the_lead_is_not_merged_into_it() {
        let en = "JAXA launches H3 rocket from Tanegashima\n\
            JAXA launched its H3 rocket from the Tanegashima Space Center in Kagoshima on Sunday morning.\n\
            About 4,000 people watched the launch from the coast.\n\
            The satellite it carried cost about 38 billion yen.\n";
        let ja = "JAXAは日曜日の朝、鹿児島県の種子島宇宙センターからH3ロケットを打ち上げた。\n\
            海岸では約4千人が打ち上げを見守った。\n\
            搭載した衛星の開発費は約380億円。\n";
        assert_eq!(
            beads(en, ja, Params::default()),
            ["0..1:0..0", "1..2:0..1", "2..3:1..2", "3..4:2..3"]
        );
        // Without the cost on members that bring nothing of their own, it is merged.
        let merging = Params {
            exclusive_weight: 0.0,
            ..Params::default()
        };
        assert_eq!(
            beads(en, ja, merging),
            ["0..2:0..1", "2..3:1..2", "3..4:2..3"]
        );
    }

    #[test]
    fn latin_words_the_english_never_writes_unpair_an_added_sentence() {
        let en =
            "JAXA launched its H3 rocket from the Tanegashima Space Center on Sunday morning.\n\
            About 4,000 people watched the launch from the coast.\n\
            The rocket's engine was developed by a large team of engineers.\n\
            The next launch is planned for March.\n";
        let ja = "JAXAは日曜日の朝、種子島宇宙センターからH3ロケットを打ち上げた。\n\
            海岸では約4千人が打ち上げを見守った。\n\
            打ち上げの様子はYouTubeとNHKで生中継された。\n\
            次の打ち上げは3月に予定されている。\n";
        assert_eq!(
            beads(en, ja, Params::default()),
            [
                "0..1:0..1",
                "1..2:1..2",
                "2..2:2..3",
                "2..3:3..3",
                "3..4:3..4"
            ]
        );
        // Counted as nothing, as they were, YouTube and NHK leave the sentences to pair on
        // their fitting lengths.
        let ignoring = Params {
            orphan_latin: 0.0,
            ..Params::default()
        };
        assert_eq!(
            beads(en, ja, ignoring),
            ["0..1:0..1", "1..2:1..2", "2..3:2..3", "3..4:3..4"]
        );
    }

    #[test]
    fn a_sentence_longer_than_a_piece_has_the_features_of_its_pieces_together() {
        // Three pieces of English and of Japanese, each cut after white space or 、.
        let en = "The rocket launched on Wednesday and ".repeat(5000) + "landed?";
        let ja = "ロケットは水曜日に打ち上げられ、".repeat(3000) + "着陸した？";
        assert!(en.len() > 2 * PIECE_BYTES && ja.len() > 2 * PIECE_BYTES);
        let aligner = Aligner::builder().build().unwrap();
        let en_doc = Document::presegmented(Lang::En, en.clone());
        let ja_doc = Document::presegmented(Lang::Ja, ja.clone());
        let whole_en = features::english(&en, 0..en.len(), aligner.lexicon());
        let tokens = japanese::sentence_tokens(aligner.tokenizer(), &ja, 0..ja.len());
        let whole_ja = features::japanese(&ja, 0..ja.len(), &tokens, aligner.lexicon());
        for (pieces, whole) in [
            (aligner.english_features(&en_doc), whole_en),
            (aligner.japanese_features(&ja_doc), whole_ja),
        ] {
            assert_eq!(pieces.len(), 1);
            let (pieces, whole) = (&pieces[0], &whole);
            assert_eq!(pieces.len, whole.len);
            let spans = |f: &SentenceFeatures| {
                f.items
                    .iter()
                    .map(|i| (i.span.clone(), i.keys.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(spans(pieces), spans(whole));
            // The question mark at the end is the last piece's.
            assert_eq!(
                pieces
                    .items
                    .iter()
                    .filter(|i| i.kind == features::AnchorKind::Mood)
                    .count(),
                1
            );
        }
        // And the aligner's tables hold the same.
        let alignment = aligner.alignment(&en_doc, &ja_doc);
        assert_eq!(alignment.beads.len(), 1);
        assert!(alignment.beads[0].is_pair());
    }
}
