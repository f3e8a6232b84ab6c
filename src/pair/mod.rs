//! Pairing documents: which English article translates which Japanese original, among many
//! on each side, either side holding articles with no counterpart (`hashi pair`).
//!
//! 1. Every document is read, segmented and turned into the anchor table the aligner uses
//!    (the aligner's `english_anchors`, `japanese_anchors`); the tables are kept in
//!    one store in which each distinct key and key list is held once, whatever the number
//!    of documents writing it.
//! 2. Each document's distinct keys that the other side writes too, weighted by their
//!    rarity on both sides (`ln(N_en/df_en) + ln(N_ja/df_ja) + 1`, the surprise of seeing
//!    the key on both sides of an unrelated pair), go into an inverted index. A document's
//!    similarity to another is the weight of the keys they share over the geometric mean of
//!    their own; keys in more than [`Settings::max_df_share`] of a side's documents (and
//!    more than [`Settings::min_df_cap`]) are left out of the index, so the work grows about
//!    linearly with the collection.
//! 3. The [`Settings::candidates`] most similar documents of the other side of each document
//!    of the smaller side are aligned (the larger side's own, [`Settings::reverse_candidates`],
//!    only when asked), and the alignment's [`Verdict`] decides: a pair's score is its
//!    probability of being a translation.
//! 4. Pairs are taken greedily, best first (by translated share, then similarity), each
//!    document once; those scoring below [`Settings::min_score`] are left out.

pub mod sources;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::align::{self, AnchorTable, PairTables, Verdict};
use crate::error::{Error, Result};
use crate::features::AnchorKind;
use crate::input::{self, Encoding};
use crate::segment::{Document, Lang};
use crate::validate::SizeLimit;
use crate::Aligner;

pub use sources::{list, Listing};

/// One document of a side: its id and where its text is.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The id: a file's path within its folder, a manifest's id.
    pub id: String,
    /// The text, or the file holding it.
    pub origin: Origin,
}

/// Where a document's text is.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A file, read when the document is.
    File(PathBuf),
    /// The text itself.
    Inline(String),
}

impl Doc {
    /// A document read from `path`.
    pub fn file(id: impl Into<String>, path: impl Into<PathBuf>) -> Doc {
        Doc {
            id: id.into(),
            origin: Origin::File(path.into()),
        }
    }

    /// A document given as its text.
    pub fn inline(id: impl Into<String>, text: impl Into<String>) -> Doc {
        Doc {
            id: id.into(),
            origin: Origin::Inline(text.into()),
        }
    }

    /// The file, for a document read from one.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(p) => Some(p),
            Origin::Inline(_) => None,
        }
    }
}

/// How a pairing runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Threads of the aligner's rayon pool that every stage runs on (documents are read,
    /// looked up and aligned in parallel), a large document's own work too.
    pub threads: usize,
    /// How many candidates of each document of the smaller side (the one with fewer
    /// documents; English on a tie) are aligned.
    pub candidates: usize,
    /// How many candidates of each document of the larger side are aligned besides: none by
    /// default, since on the development tasks they found no pair the smaller side's missed,
    /// and the larger side is where the documents without a counterpart are.
    pub reverse_candidates: usize,
    /// Pairs scoring below this are left out (the score is [`Verdict::probability`]: 0.5
    /// where the verdict turns from unrelated to partial translation).
    pub min_score: f32,
    /// The texts are one sentence a line (as `hashi align --presegmented`).
    pub presegmented: bool,
    /// The encoding files are read in.
    pub encoding: Encoding,
    /// Sides of very different size are never paired (`hashi batch` would refuse them).
    pub size_limit: Option<SizeLimit>,
    /// A key in more than this share of a side's documents, and in more than
    /// [`Settings::min_df_cap`] of them, is left out of the index: it tells documents apart
    /// poorly, and its long list of documents would cost more than all the others.
    pub max_df_share: f32,
    /// See [`Settings::max_df_share`]: a key in this many documents or fewer stays, however
    /// small the collection (in 460 documents, 5% would leave out a key in 24 of them).
    pub min_df_cap: usize,
}

impl Settings {
    /// The defaults for `threads` workers.
    pub fn new(threads: usize) -> Settings {
        Settings {
            threads: threads.max(1),
            candidates: 4,
            reverse_candidates: 0,
            min_score: 0.5,
            presegmented: false,
            encoding: Encoding::Auto,
            size_limit: Some(SizeLimit::default()),
            max_df_share: 0.05,
            min_df_cap: 100,
        }
    }
}

/// A pair found: indices into the English and Japanese documents given.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// The English document.
    pub en: usize,
    /// The Japanese document.
    pub ja: usize,
    /// The probability that the two are translations of each other ([`Verdict::probability`]).
    pub score: f32,
    /// The verdict on their alignment.
    pub verdict: Verdict,
    /// Their similarity in the index (0 to 1).
    pub similarity: f32,
}

/// A document that could not be read, left out of the pairing.
#[derive(Debug)]
pub struct Failure {
    /// Its side.
    pub side: Lang,
    /// Its index among that side's documents.
    pub index: usize,
    /// Why (the message names the file).
    pub error: Error,
}

/// What a pairing found.
#[derive(Debug, Default)]
pub struct Pairing {
    /// The pairs, in the English documents' order.
    pub pairs: Vec<Found>,
    /// English documents left unpaired (those that failed excluded), in order.
    pub en_unpaired: Vec<usize>,
    /// Japanese documents left unpaired (those that failed excluded), in order.
    pub ja_unpaired: Vec<usize>,
    /// Documents that could not be read.
    pub failures: Vec<Failure>,
    /// Files read from Shift_JIS or EUC-JP (`Encoding::Auto` found them so): `hashi batch`
    /// reads UTF-8 only, so their pairs need the files converted first.
    pub decoded: Vec<(Lang, usize, Encoding)>,
    /// Every candidate pair aligned, with its verdict, by English then Japanese document (for
    /// inspection and tuning).
    pub candidates: Vec<Found>,
}

/// A stage of the work, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and analysing the English documents.
    English,
    /// Reading and analysing the Japanese documents.
    Japanese,
    /// Aligning the candidate pairs.
    Aligning,
}

/// Follows a pairing's progress; every method may be called from any thread of the pool the
/// pairing runs on ([`Settings::threads`]), hence `Sync`.
pub trait Progress: Sync {
    /// A stage begins, with this many steps.
    fn stage(&self, _stage: Stage, _total: usize) {}
    /// One step of the current stage is done.
    fn step(&self) {}
}

impl Progress for () {}

/// Finds which of `en` translates which of `ja`. Documents that cannot be read are reported
/// in [`Pairing::failures`] and left out. Fails when a side is empty or one file is listed on
/// both sides ([`Error::SameFile`]).
///
/// Runs on a rayon pool of [`Settings::threads`] threads: `aligner`'s own when it has that
/// many ([`Aligner::threads`]), so that pairing again does not start another, else one
/// started for the call.
///
/// [`Error::Threads`] when the system will not start them.
pub fn pair(
    en: &[Doc],
    ja: &[Doc],
    aligner: &Aligner,
    settings: &Settings,
    progress: &dyn Progress,
) -> Result<Pairing> {
    for (docs, side) in [(en, "English"), (ja, "Japanese")] {
        if docs.is_empty() {
            return Err(Error::EmptySource { path: None, side });
        }
    }
    refuse_shared_files(en, ja)?;
    // One pool of `settings.threads` threads for the stages and for each document's own
    // work, as `batch` has: a thread free at the end of a stage takes up part of a large
    // document instead of waiting.
    let aligner = aligner.clone().with_threads(settings.threads);
    let (en_docs, ja_docs, verified, notes) = aligner.install(|| {
        let mut store = Store::default();
        let mut notes = Notes::default();
        progress.stage(Stage::English, en.len());
        let en_docs = store.read(Lang::En, en, &aligner, settings, progress, &mut notes);
        progress.stage(Stage::Japanese, ja.len());
        let ja_docs = store.read(Lang::Ja, ja, &aligner, settings, progress, &mut notes);
        store.freeze();

        let index = Index::new(
            &store,
            &en_docs,
            &ja_docs,
            settings.max_df_share,
            settings.min_df_cap,
        );
        let (en_k, ja_k) = if en.len() <= ja.len() {
            (settings.candidates, settings.reverse_candidates)
        } else {
            (settings.reverse_candidates, settings.candidates)
        };
        let mut candidates = index.candidates(en_k, ja_k);
        if let Some(limit) = settings.size_limit {
            candidates.retain(|c| {
                let (e, j) = (&en_docs[c.en], &ja_docs[c.ja]);
                e.as_ref()
                    .zip(j.as_ref())
                    .is_some_and(|(e, j)| limit.allows(e.len(), j.len()))
            });
        }
        progress.stage(Stage::Aligning, candidates.len());
        let verified = verify(&store, &en_docs, &ja_docs, &candidates, &aligner, progress);
        (en_docs, ja_docs, verified, notes)
    })?;
    // Greedy one-to-one: the best-translated pair first.
    let mut order: Vec<Found> = verified
        .iter()
        .filter(|f| f.score >= settings.min_score)
        .copied()
        .collect();
    order.sort_by(|a, b| {
        b.verdict
            .share()
            .total_cmp(&a.verdict.share())
            .then(b.similarity.total_cmp(&a.similarity))
            .then((a.en, a.ja).cmp(&(b.en, b.ja)))
    });
    let mut en_taken = vec![false; en.len()];
    let mut ja_taken = vec![false; ja.len()];
    let mut pairs = Vec::new();
    for f in order {
        if !en_taken[f.en] && !ja_taken[f.ja] {
            en_taken[f.en] = true;
            ja_taken[f.ja] = true;
            pairs.push(f);
        }
    }
    pairs.sort_by_key(|f| (f.en, f.ja));
    let unpaired = |docs: &[Option<Stored>], taken: &[bool]| {
        (0..docs.len())
            .filter(|&i| docs[i].is_some() && !taken[i])
            .collect()
    };
    let Notes {
        mut failures,
        mut decoded,
    } = notes;
    failures.sort_by_key(|f: &Failure| (f.side != Lang::En, f.index));
    decoded.sort_by_key(|&(side, i, _)| (side != Lang::En, i));
    Ok(Pairing {
        pairs,
        en_unpaired: unpaired(&en_docs, &en_taken),
        ja_unpaired: unpaired(&ja_docs, &ja_taken),
        failures,
        decoded,
        candidates: verified,
    })
}

/// Refuses a file listed on both sides (by its canonical path, so `a/x.txt` and `./a/x.txt`
/// are one file).
fn refuse_shared_files(en: &[Doc], ja: &[Doc]) -> Result<()> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let en_files: std::collections::HashSet<PathBuf> =
        en.iter().filter_map(Doc::path).map(canonical).collect();
    match ja
        .iter()
        .filter_map(Doc::path)
        .find(|p| en_files.contains(&canonical(p)))
    {
        Some(path) => Err(Error::SameFile {
            path: path.to_path_buf(),
        }),
        None => Ok(()),
    }
}

/// Reads and segments a document.
fn read_doc(lang: Lang, doc: &Doc, settings: &Settings) -> Result<(Document, Encoding)> {
    let (text, encoding) = match &doc.origin {
        Origin::File(path) => {
            let decoded = input::read_text_with(Some(path), settings.encoding)?;
            (decoded.text, decoded.encoding)
        }
        Origin::Inline(text) => (text.clone(), Encoding::Utf8),
    };
    // The rule align and batch apply to a pair's sides, applied to each document: a text
    // in the other language would pair with its own copy and be refused by batch.
    if let Some(found) = crate::validate::looks_like_other_language(lang, &text) {
        let name = match &doc.origin {
            Origin::File(path) => path.display().to_string(),
            Origin::Inline(_) => doc.id.clone(),
        };
        return Err(Error::OtherLanguage {
            name,
            side: lang,
            found,
        });
    }
    let doc = if settings.presegmented {
        Document::presegmented(lang, text)
    } else {
        Document::segment(lang, text)
    };
    Ok((doc, encoding))
}

/// A document read: its table and the encoding of its file.
type Read = (Unstored, Encoding);

/// A document's table as the thread that read it leaves it for the store: a [`Stored`]
/// whose `lists` number the table's own key lists, their keys in `keys`, one list after the
/// other, each ending where `ends` says. It is what the store needs of an [`AnchorTable`],
/// a few times smaller: the table's maps, which only building it needs, are most of its
/// size, and a chunk of documents waits to be stored.
struct Unstored {
    doc: Stored,
    keys: Vec<u64>,
    ends: Vec<u32>,
}

impl Unstored {
    fn new(table: &AnchorTable, layout: Layout) -> Unstored {
        let mut keys = Vec::new();
        let ends = (0..table.list_count() as u32)
            .map(|list| {
                keys.extend(table.list_keys(list));
                keys.len() as u32
            })
            .collect();
        keys.shrink_to_fit();
        let mut doc = Stored {
            lens: table.sentence_lens().to_vec(),
            paragraphs: layout.paragraphs,
            furniture: layout.furniture,
            ..Stored::default()
        };
        for i in 0..table.len() {
            for (kind, list) in table.sentence_items(i) {
                doc.kinds.push(kind);
                doc.lists.push(list);
            }
            doc.item_ends.push(doc.kinds.len() as u32);
        }
        doc.kinds.shrink_to_fit();
        doc.lists.shrink_to_fit();
        Unstored { doc, keys, ends }
    }
}

/// Documents a chunk of [`Store::read`] holds: at least [`READ_CHUNK`], and this many a
/// thread. A chunk ends with its threads idle until its slowest document is done, about
/// half a document's time each, under 2% of a chunk of 32 a thread; two chunks are in
/// flight at once, at a few kilobytes a document waiting to be stored ([`Unstored`]).
const READ_CHUNK_PER_THREAD: usize = 32;

/// See [`READ_CHUNK_PER_THREAD`].
const READ_CHUNK: usize = 128;

/// What reading the documents found besides their tables.
#[derive(Debug, Default)]
struct Notes {
    failures: Vec<Failure>,
    decoded: Vec<(Lang, usize, Encoding)>,
}

/// One document's anchor table in a [`Store`]: each sentence's length, paragraph and items,
/// each item its kind and the number of its key list in the store.
#[derive(Debug, Default)]
struct Stored {
    lens: Vec<f32>,
    paragraphs: Vec<u32>,
    /// Whether each sentence is page furniture.
    furniture: Vec<bool>,
    item_ends: Vec<u32>,
    kinds: Vec<AnchorKind>,
    lists: Vec<u32>,
}

impl Stored {
    fn len(&self) -> usize {
        self.lens.len()
    }

    fn items(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.item_ends[i - 1] };
        start as usize..self.item_ends[i] as usize
    }
}

/// The anchor tables of every document, each distinct key and key list held once.
#[derive(Debug, Default)]
struct Store {
    /// The 64-bit key of each key number.
    keys: Vec<u64>,
    key_ids: FxHashMap<u64, u32>,
    /// Every key list's key numbers, one after the other, and where each ends.
    list_keys: Vec<u32>,
    list_ends: Vec<u32>,
    list_ids: FxHashMap<Box<[u32]>, u32>,
}

impl Store {
    /// Reads, segments and analyses `docs` on the current rayon pool and stores their
    /// tables in the documents' order; a document that cannot be read is `None`, its failure
    /// noted in `notes`, as is a file decoded from a legacy encoding.
    ///
    /// The documents are read a chunk at a time, each chunk stored while the next is read,
    /// so that the tables waiting to be stored are those of two chunks at most, however
    /// many documents there are.
    fn read(
        &mut self,
        lang: Lang,
        docs: &[Doc],
        aligner: &Aligner,
        settings: &Settings,
        progress: &dyn Progress,
        notes: &mut Notes,
    ) -> Vec<Option<Stored>> {
        let read = |doc: &Doc| {
            let result = read_doc(lang, doc, settings).map(|(doc, encoding)| {
                let table = match lang {
                    Lang::En => aligner.english_anchors(&doc),
                    Lang::Ja => aligner.japanese_anchors(&doc),
                };
                (Unstored::new(&table, Layout::of(&doc)), encoding)
            });
            progress.step();
            result
        };
        let chunk = (READ_CHUNK_PER_THREAD * rayon::current_num_threads()).max(READ_CHUNK);
        let mut out = Vec::with_capacity(docs.len());
        let mut pending = Vec::new();
        for part in docs.chunks(chunk).map(Some).chain([None]) {
            let done = std::mem::take(&mut pending);
            let ((), next) = rayon::join(
                || self.add_read(lang, done, &mut out, notes),
                || part.map_or_else(Vec::new, |part| part.par_iter().map(read).collect()),
            );
            pending = next;
        }
        out
    }

    /// Stores the tables of documents read ([`Store::read`]), the next of `out`'s documents
    /// first, or notes why one could not be read.
    fn add_read(
        &mut self,
        lang: Lang,
        read: Vec<Result<Read>>,
        out: &mut Vec<Option<Stored>>,
        notes: &mut Notes,
    ) {
        for result in read {
            let index = out.len();
            out.push(match result {
                Ok((table, encoding)) => {
                    if encoding != Encoding::Utf8 {
                        notes.decoded.push((lang, index, encoding));
                    }
                    Some(self.add(table))
                }
                Err(error) => {
                    notes.failures.push(Failure {
                        side: lang,
                        index,
                        error,
                    });
                    None
                }
            });
        }
    }

    /// Stores a document's table, its keys and key lists numbered as the store numbers them.
    fn add(&mut self, table: Unstored) -> Stored {
        let Unstored {
            mut doc,
            keys,
            ends,
        } = table;
        let mut scratch = Vec::new();
        let mut start = 0;
        let lists: Vec<u32> = ends
            .iter()
            .map(|&end| {
                scratch.clear();
                for &key in &keys[start..end as usize] {
                    let next = self.keys.len() as u32;
                    let id = *self.key_ids.entry(key).or_insert(next);
                    if id == next {
                        self.keys.push(key);
                    }
                    scratch.push(id);
                }
                start = end as usize;
                self.list_id(&scratch)
            })
            .collect();
        for list in &mut doc.lists {
            *list = lists[*list as usize];
        }
        doc
    }

    fn list_id(&mut self, keys: &[u32]) -> u32 {
        if let Some(&id) = self.list_ids.get(keys) {
            return id;
        }
        let id = self.list_ends.len() as u32;
        self.list_keys.extend_from_slice(keys);
        self.list_ends.push(self.list_keys.len() as u32);
        self.list_ids.insert(keys.into(), id);
        id
    }

    /// Frees what only storing needs.
    fn freeze(&mut self) {
        self.key_ids = FxHashMap::default();
        self.list_ids = FxHashMap::default();
    }

    /// The key numbers of list `list`.
    fn list(&self, list: u32) -> &[u32] {
        let list = list as usize;
        let start = if list == 0 {
            0
        } else {
            self.list_ends[list - 1]
        };
        &self.list_keys[start as usize..self.list_ends[list] as usize]
    }

    /// The anchor table of a stored document, as the aligner takes it.
    fn table(&self, doc: &Stored) -> AnchorTable {
        let mut table = AnchorTable::default();
        for i in 0..doc.len() {
            table.push_items(
                doc.lens[i],
                doc.items(i).map(|item| {
                    let keys = self.list(doc.lists[item]).iter();
                    (doc.kinds[item], keys.map(|&k| self.keys[k as usize]))
                }),
            );
        }
        table
    }

    /// A document's distinct key numbers, sorted.
    fn distinct_keys(&self, doc: &Stored, out: &mut Vec<u32>) {
        out.clear();
        let mut lists = doc.lists.clone();
        lists.sort_unstable();
        lists.dedup();
        for list in lists {
            out.extend_from_slice(self.list(list));
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// A candidate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    en: usize,
    ja: usize,
    /// The similarity, as the bits of a non-negative f32 (so that candidates sort and
    /// deduplicate as integers).
    similarity: u32,
}

/// Each side's documents by the keys both sides write, weighted by rarity.
struct Index {
    /// Each key's weight; 0 for a key left out.
    weights: Vec<f32>,
    /// Each side's documents as rows of their weighted keys.
    en: Rows,
    ja: Rows,
    /// Each document's total weight.
    en_norms: Vec<f32>,
    ja_norms: Vec<f32>,
}

/// Rows of numbers, one after the other in one vector (compressed sparse rows): each
/// document's keys, or each key's documents.
#[derive(Default)]
struct Rows {
    ends: Vec<usize>,
    items: Vec<u32>,
}

impl Rows {
    fn row(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.items[start..self.ends[i]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The rows turned round: for each of `columns` numbers, the rows holding it.
    fn transpose(&self, columns: usize) -> Rows {
        let mut ends = vec![0usize; columns];
        for &c in &self.items {
            ends[c as usize] += 1;
        }
        let mut total = 0;
        for e in &mut ends {
            total += *e;
            *e = total;
        }
        // Fill each column from its end backwards, rows in descending order, so that each
        // column lists its rows ascending.
        let mut fill = ends.clone();
        let mut items = vec![0u32; total];
        for r in (0..self.len()).rev() {
            for &c in self.row(r) {
                fill[c as usize] -= 1;
                items[fill[c as usize]] = r as u32;
            }
        }
        Rows { ends, items }
    }
}

impl Index {
    /// The index of both sides. Each document's distinct keys are worked out twice, once
    /// to count how many documents write each key and once to keep those with a weight,
    /// so that only the kept ones are ever stored.
    fn new(
        store: &Store,
        en_docs: &[Option<Stored>],
        ja_docs: &[Option<Stored>],
        max_df_share: f32,
        min_df_cap: usize,
    ) -> Index {
        let n_keys = store.keys.len();
        let mut scratch = Vec::new();
        let mut df = |docs: &[Option<Stored>]| -> Vec<u32> {
            let mut df = vec![0u32; n_keys];
            for d in docs.iter().flatten() {
                store.distinct_keys(d, &mut scratch);
                for &k in &scratch {
                    df[k as usize] += 1;
                }
            }
            df
        };
        let (en_df, ja_df) = (df(en_docs), df(ja_docs));
        let n_en = en_docs.iter().filter(|d| d.is_some()).count().max(1) as f32;
        let n_ja = ja_docs.iter().filter(|d| d.is_some()).count().max(1) as f32;
        // A key's weight: how surprising it is to find it on both sides of an unrelated
        // pair. Keys one side never writes, and keys too common to tell documents apart,
        // weigh nothing and stay out of the index.
        let max_en = (max_df_share * n_en).max(min_df_cap as f32);
        let max_ja = (max_df_share * n_ja).max(min_df_cap as f32);
        let weights: Vec<f32> = (0..n_keys)
            .map(|k| {
                let (e, j) = (en_df[k] as f32, ja_df[k] as f32);
                if e == 0.0 || j == 0.0 || e > max_en || j > max_ja {
                    0.0
                } else {
                    (n_en / e).ln() + (n_ja / j).ln() + 1.0
                }
            })
            .collect();
        let mut rows = |docs: &[Option<Stored>]| -> (Rows, Vec<f32>) {
            let mut rows = Rows::default();
            let mut norms = Vec::with_capacity(docs.len());
            for d in docs {
                let mut norm = 0.0;
                if let Some(d) = d {
                    store.distinct_keys(d, &mut scratch);
                    for &k in &scratch {
                        let w = weights[k as usize];
                        if w > 0.0 {
                            rows.items.push(k);
                            norm += w;
                        }
                    }
                }
                rows.ends.push(rows.items.len());
                norms.push(norm);
            }
            rows.items.shrink_to_fit();
            (rows, norms)
        };
        let (en, en_norms) = rows(en_docs);
        let (ja, ja_norms) = rows(ja_docs);
        Index {
            weights,
            en,
            ja,
            en_norms,
            ja_norms,
        }
    }

    /// The `en_k` most similar Japanese documents of every English document and the `ja_k`
    /// most similar English documents of every Japanese one, as one sorted list of pairs.
    /// A side's rows are dropped once they are no longer needed.
    fn candidates(mut self, en_k: usize, ja_k: usize) -> Vec<Candidate> {
        let n_keys = self.weights.len();
        let mut all = Vec::new();
        if en_k > 0 {
            let ja_by_key = self.ja.transpose(n_keys);
            if ja_k == 0 {
                self.ja = Rows::default();
            }
            all.extend(self.side(
                &self.en,
                &ja_by_key,
                Norms(&self.en_norms, &self.ja_norms),
                en_k,
                false,
            ));
        }
        if ja_k > 0 {
            let en_by_key = self.en.transpose(n_keys);
            self.en = Rows::default();
            all.extend(self.side(
                &self.ja,
                &en_by_key,
                Norms(&self.ja_norms, &self.en_norms),
                ja_k,
                true,
            ));
        }
        all.sort_unstable();
        all.dedup_by_key(|c| (c.en, c.ja));
        all
    }

    /// The `k` best documents of the other side for each document of `from` (its keys),
    /// looked up in `to` (the other side's documents by key), on the current rayon pool.
    fn side(
        &self,
        from: &Rows,
        to: &Rows,
        norms: Norms<'_>,
        k: usize,
        swapped: bool,
    ) -> Vec<Candidate> {
        let Norms(from_norms, to_norms) = norms;
        // A document's shared weights add up in an accumulator over the whole other side,
        // reset through the documents it touched: one a job, so a job takes at least
        // SCORE_CHUNK documents to spread the cost of making it.
        (0..from.len())
            .into_par_iter()
            .with_min_len(SCORE_CHUNK)
            .map_init(
                || (vec![0f32; to_norms.len()], Vec::<u32>::new()),
                |(acc, touched), d| {
                    for &key in from.row(d) {
                        let w = self.weights[key as usize];
                        for &o in to.row(key as usize) {
                            if acc[o as usize] == 0.0 {
                                touched.push(o);
                            }
                            acc[o as usize] += w;
                        }
                    }
                    let mut best: Vec<(f32, u32)> = touched
                        .iter()
                        .map(|&o| {
                            let norm = (from_norms[d] * to_norms[o as usize]).sqrt();
                            (acc[o as usize] / norm.max(1e-6), o)
                        })
                        .collect();
                    for &o in touched.iter() {
                        acc[o as usize] = 0.0;
                    }
                    touched.clear();
                    let k = k.min(best.len());
                    if k > 0 {
                        best.select_nth_unstable_by(k - 1, |a, b| {
                            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
                        });
                    }
                    best.truncate(k);
                    best.into_iter().map(move |(s, o)| {
                        let (en, ja) = if swapped {
                            (o as usize, d)
                        } else {
                            (d, o as usize)
                        };
                        Candidate {
                            en,
                            ja,
                            similarity: s.clamp(0.0, 1.0).to_bits(),
                        }
                    })
                },
            )
            .flatten_iter()
            .collect()
    }
}

/// Documents a job of [`Index::side`] looks up at least.
const SCORE_CHUNK: usize = 64;

/// Where each sentence of a document stands, as the store keeps it.
struct Layout {
    paragraphs: Vec<u32>,
    furniture: Vec<bool>,
}

impl Layout {
    fn of(doc: &crate::segment::Document) -> Layout {
        Layout {
            paragraphs: doc.sentences.iter().map(|s| s.paragraph as u32).collect(),
            furniture: doc.sentences.iter().map(|s| s.furniture).collect(),
        }
    }
}

impl Store {
    /// Aligns two stored documents and judges the pair, as [`Aligner::align`] does.
    fn align(&self, aligner: &Aligner, e: &Stored, j: &Stored) -> crate::align::Alignment {
        let to_usize = |p: &[u32]| p.iter().map(|&x| x as usize).collect::<Vec<_>>();
        let (ep, jp) = (to_usize(&e.paragraphs), to_usize(&j.paragraphs));
        aligner.align_anchors(
            PairTables::new(self.table(e), self.table(j)),
            align::Layout {
                paragraphs: &ep,
                furniture: &e.furniture,
            },
            align::Layout {
                paragraphs: &jp,
                furniture: &j.furniture,
            },
        )
    }
}

/// The total weights of the documents searched from and of those searched in.
#[derive(Clone, Copy)]
struct Norms<'a>(&'a [f32], &'a [f32]);

/// Aligns every candidate pair on the current rayon pool and returns it with its verdict,
/// in the candidates' order.
fn verify(
    store: &Store,
    en_docs: &[Option<Stored>],
    ja_docs: &[Option<Stored>],
    candidates: &[Candidate],
    aligner: &Aligner,
    progress: &dyn Progress,
) -> Vec<Found> {
    candidates
        .par_iter()
        .filter_map(|c| {
            let (Some(e), Some(j)) = (&en_docs[c.en], &ja_docs[c.ja]) else {
                return None;
            };
            let verdict = store.align(aligner, e, j).verdict;
            progress.step();
            Some(Found {
                en: c.en,
                ja: c.ja,
                score: verdict.probability,
                verdict,
                similarity: f32::from_bits(c.similarity),
            })
        })
        .collect()
}

/// The formats a pairing is written in: each a manifest `hashi batch --manifest` reads
/// (CSV and JSONL; TSV for other tools), one pair a record: `id`, `en`, `ja`, `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A header `id,en,ja,score`, then one row a pair.
    Csv,
    /// The same, tab-separated.
    Tsv,
    /// One `{"id", "en", "ja", "score"}` object a line.
    Jsonl,
}

/// The id of a pair: the two ids joined by `_`.
pub fn pair_id(en: &Doc, ja: &Doc) -> String {
    format!("{}_{}", en.id, ja.id)
}

/// The ids of `pairing`'s pairs, in order: each [`pair_id`], made unique where two pairs
/// join to the same (`a_b` with `c`, `a` with `b_c`) by `~2`, `~3` after the later ones:
/// `batch` fails a document whose id an earlier one has.
pub fn pair_ids(pairing: &Pairing, en: &[Doc], ja: &[Doc]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    pairing
        .pairs
        .iter()
        .map(|f| {
            let id = pair_id(&en[f.en], &ja[f.ja]);
            let mut unique = id.clone();
            let mut n = 1;
            while !taken.insert(unique.clone()) {
                n += 1;
                unique = format!("{id}~{n}");
            }
            unique
        })
        .collect()
}

/// How a manifest names a document: its file as an absolute path (so the manifest reads
/// the same from any folder), or its id for a text given inline.
pub fn manifest_name(doc: &Doc) -> String {
    match &doc.origin {
        Origin::File(p) => std::path::absolute(p)
            .unwrap_or_else(|_| p.clone())
            .to_string_lossy()
            .into_owned(),
        Origin::Inline(_) => doc.id.clone(),
    }
}

/// Writes the pairs of `pairing` (over the documents `en` and `ja`) as a manifest.
pub fn write(
    out: &mut dyn std::io::Write,
    format: Format,
    pairing: &Pairing,
    en: &[Doc],
    ja: &[Doc],
) -> std::io::Result<()> {
    let score = |f: &Found| format!("{:.4}", f.score);
    let ids = pair_ids(pairing, en, ja);
    match format {
        Format::Csv | Format::Tsv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == Format::Csv { b',' } else { b'\t' })
                .from_writer(out);
            w.write_record(["id", "en", "ja", "score"])?;
            for (f, id) in pairing.pairs.iter().zip(ids) {
                let (e, j) = (&en[f.en], &ja[f.ja]);
                w.write_record([id, manifest_name(e), manifest_name(j), score(f)])?;
            }
            w.flush()
        }
        Format::Jsonl => {
            for (f, id) in pairing.pairs.iter().zip(ids) {
                let (e, j) = (&en[f.en], &ja[f.ja]);
                let line = serde_json::json!({
                    "id": id,
                    "en": manifest_name(e),
                    "ja": manifest_name(j),
                    "score": (f.score as f64 * 1e4).round() / 1e4,
                });
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(name: &str, side: &str) -> String {
        let path = format!("{}/corpora/{name}/{side}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn two_pairs_that_join_to_one_id_get_ids_of_their_own() {
        let doc = |id: &str| Doc {
            id: id.into(),
            origin: Origin::Inline(String::new()),
        };
        let en = [doc("a_b"), doc("a"), doc("x")];
        let ja = [doc("c"), doc("b_c"), doc("y")];
        let found = |en, ja| Found {
            en,
            ja,
            score: 0.9,
            verdict: Verdict::default(),
            similarity: 0.5,
        };
        let pairing = Pairing {
            pairs: vec![found(0, 0), found(1, 1), found(2, 2)],
            ..Pairing::default()
        };
        assert_eq!(pair_ids(&pairing, &en, &ja), ["a_b_c", "a_b_c~2", "x_y"]);
    }

    #[test]
    fn a_stored_table_aligns_as_the_aligner_does() {
        let aligner = Aligner::builder().build().unwrap();
        let mut store = Store::default();
        let mut stored = Vec::new();
        let mut docs = Vec::new();
        for name in ["jaxa-launch", "tokyo-budget"] {
            let en = Document::segment(Lang::En, corpus(name, "en"));
            let ja = Document::segment(Lang::Ja, corpus(name, "ja"));
            let e = store.add(Unstored::new(
                &aligner.english_anchors(&en),
                Layout::of(&en),
            ));
            let j = store.add(Unstored::new(
                &aligner.japanese_anchors(&ja),
                Layout::of(&ja),
            ));
            stored.push((e, j));
            docs.push((en, ja));
        }
        store.freeze();
        for ((e, j), (en, ja)) in stored.iter().zip(&docs) {
            let direct = aligner.alignment(en, ja);
            let from_store = store.align(&aligner, e, j);
            assert_eq!(direct.beads, from_store.beads);
            assert_eq!(direct.verdict, from_store.verdict);
        }
    }

    #[test]
    fn pairs_are_found_among_unrelated_documents_and_a_side_may_not_be_empty() {
        let aligner = Aligner::builder().build().unwrap();
        let names = ["jaxa-launch", "tokyo-budget", "shogi-record"];
        let en: Vec<Doc> = names[..2]
            .iter()
            .map(|n| Doc::inline(*n, corpus(n, "en")))
            .collect();
        // The Japanese in another order, one without its English.
        let ja: Vec<Doc> = [names[2], names[0], names[1]]
            .iter()
            .map(|n| Doc::inline(*n, corpus(n, "ja")))
            .collect();
        let pairing = pair(&en, &ja, &aligner, &Settings::new(2), &()).unwrap();
        let found: Vec<(usize, usize)> = pairing.pairs.iter().map(|f| (f.en, f.ja)).collect();
        assert_eq!(found, [(0, 1), (1, 2)]);
        assert!(pairing.pairs.iter().all(|f| f.score > 0.9));
        assert_eq!(pairing.ja_unpaired, [0]);
        assert!(pairing.en_unpaired.is_empty() && pairing.failures.is_empty());
        let err = pair(&[], &ja, &aligner, &Settings::new(1), &()).unwrap_err();
        assert!(matches!(
            err,
            Error::EmptySource {
                path: None,
                side: "English"
            }
        ));
    }

    #[test]
    fn progress_sees_every_step_of_every_stage_from_the_pool() {
        /// Each stage begun, with its total and the steps seen.
        #[derive(Default)]
        struct Counted(std::sync::Mutex<Vec<(Stage, usize, usize)>>);
        impl Progress for Counted {
            fn stage(&self, stage: Stage, total: usize) {
                self.0.lock().unwrap().push((stage, total, 0));
            }
            fn step(&self) {
                assert!(
                    rayon::current_thread_index().is_some(),
                    "a step off the pool"
                );
                self.0.lock().unwrap().last_mut().unwrap().2 += 1;
            }
        }
        let aligner = Aligner::builder().build().unwrap();
        let names = ["jaxa-launch", "tokyo-budget", "shogi-record"];
        let docs = |side| -> Vec<Doc> {
            names
                .iter()
                .map(|n| Doc::inline(*n, corpus(n, side)))
                .collect()
        };
        let progress = Counted::default();
        pair(
            &docs("en"),
            &docs("ja"),
            &aligner,
            &Settings::new(2),
            &progress,
        )
        .unwrap();
        let seen = progress.0.into_inner().unwrap();
        let stages: Vec<Stage> = seen.iter().map(|s| s.0).collect();
        assert_eq!(stages, [Stage::English, Stage::Japanese, Stage::Aligning]);
        assert_eq!(seen[0].1, 3);
        assert!(seen[2].1 > 0);
        assert!(
            seen.iter().all(|&(_, total, steps)| steps == total),
            "{seen:?}"
        );
    }
}
