//! The score of a bead: anchor similarity weighted by rarity, a length model fitted to
//! Japanese–English, and priors on the bead's shape and its place among paragraphs.

use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::anchors::{AnchorTable, PairTables};
use super::{Layout, Params};
use crate::features::AnchorKind;

/// One sentence reduced to what scoring needs; its keys and item weights sit in its
/// side's [`Sentences`] arrays.
struct Compact {
    /// Its entries in [`Sentences::keys`].
    keys: Range<u32>,
    /// Its items' weights in [`Sentences::weights`].
    weights: Range<u32>,
    total: f32,
    /// Weight of its numbers and dates that no sentence of the other side writes: content
    /// a translation would have matched, counted toward the absent-evidence threshold only.
    orphan_numbers: f32,
    /// Weight of its Latin-script words that the other side never writes: counted against
    /// every pairing of the sentence, as if unmatched.
    orphan_latin: f32,
    /// Weight of all its items, whether the other document writes them or not (each at the
    /// rarity of its rarest key): what a translation of it could match, for the evidence
    /// behind a bead's score (`evidence`), not for the search.
    offered: f32,
    len: f32,
    paragraph: usize,
    /// Page furniture: never paired, left out at no cost.
    furniture: bool,
}

/// A key of a sentence and the item holding it (the item's index among the sentence's
/// weighted items). Ordered by key, then item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct KeyItem {
    key: u32,
    item: u32,
}

/// An entry of a side's key array: a key of a sentence and the item holding it, ordered by
/// key, then item.
trait Entry: Copy + Ord {
    fn new(key: u32, item: u32) -> Self;
    fn key(self) -> u32;
    fn item(self) -> u32;
}

impl Entry for KeyItem {
    fn new(key: u32, item: u32) -> Self {
        KeyItem { key, item }
    }

    fn key(self) -> u32 {
        self.key
    }

    fn item(self) -> u32 {
        self.item
    }
}

/// A [`KeyItem`] in 4 bytes instead of 8: the key above the item's [`NARROW_ITEM_BITS`]
/// bits, so that the order is the same. For document pairs whose keys and items fit, all
/// but freak ones: a long document's key arrays are most of its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Narrow(u32);

/// The bits of a [`Narrow`] entry that hold the item.
const NARROW_ITEM_BITS: u32 = 8;

impl Entry for Narrow {
    fn new(key: u32, item: u32) -> Self {
        Narrow(key << NARROW_ITEM_BITS | item)
    }

    fn key(self) -> u32 {
        self.0 >> NARROW_ITEM_BITS
    }

    fn item(self) -> u32 {
        self.0 & ((1 << NARROW_ITEM_BITS) - 1)
    }
}

/// A side's (key, item) entries: narrow when the pair's keys and items fit, wide otherwise;
/// both sides of a pair alike.
enum Keys {
    Narrow(Vec<Narrow>),
    Wide(Vec<KeyItem>),
}

/// `$body` with `$en` and `$ja` bound to the two sides' key arrays of `$model`, of whichever
/// width it was built with: each arm is compiled for its own entry type, so the generic inner
/// functions stay monomorphic in the hot loops.
macro_rules! with_keys {
    ($model:expr, |$en:ident, $ja:ident| $body:expr) => {
        match (&$model.en.keys, &$model.ja.keys) {
            (Keys::Narrow($en), Keys::Narrow($ja)) => $body,
            (Keys::Wide($en), Keys::Wide($ja)) => $body,
            _ => unreachable!("both sides' keys are narrow or both wide"),
        }
    };
}

/// Sentence `c`'s entries of its side's key array `keys`.
fn keys_of<'a, E>(keys: &'a [E], c: &Compact) -> &'a [E] {
    &keys[c.keys.start as usize..c.keys.end as usize]
}

/// One side of the document pair: its sentences, and their keys and weights one after the
/// other (two arrays for all, not two per sentence).
struct Sentences {
    compact: Vec<Compact>,
    /// Each sentence's (key, item) entries sorted by key; only keys seen on the other side
    /// of the document.
    keys: Keys,
    /// Weight of each item: the rarity of its rarest key that the other side also has.
    weights: Vec<f32>,
}

impl Sentences {
    fn len(&self) -> usize {
        self.compact.len()
    }

    fn weights(&self, i: usize) -> &[f32] {
        let r = &self.compact[i].weights;
        &self.weights[r.start as usize..r.end as usize]
    }
}

/// The pair matches ([`Model::pair`]) of English sentences with runs of Japanese ones
/// ([`Model::pair_rows`]), row after row, as the search asks for them. Most pairs of a row
/// share no key or few, and a sentence has many (`make_big.py`'s Japanese, 83 on average):
/// instead of a look at every key of every Japanese sentence of the row, an index of the
/// keys of the Japanese sentences that a block of rows reaches ([`ROWS_A_BLOCK`]) gives each
/// key of the English sentence the Japanese sentences of its row that hold it, and a pair
/// that shares none costs nothing more. The shared keys found are the same as
/// [`Model::pair`]'s, and so are the marks they set and their sums.
pub struct PairRows<'m, S> {
    model: &'m Model,
    /// The Japanese sentences of each English sentence's row.
    span: S,
    /// The end of the English sentences asked for.
    end: usize,
    /// The English sentences `index` is made for.
    block: Range<usize>,
    /// Each key of each Japanese sentence that the block's rows reach, once, sorted.
    index: Vec<Posting>,
    /// Where each key's postings are in `index`.
    runs: FxHashMap<u32, Range<u32>>,
    /// The keys the row being made shares with its Japanese sentences, as found.
    found: Vec<Posting>,
    /// `found` by sentence, and where each sentence's start in `hits` (from the row's
    /// first, and the end of the last).
    hits: Vec<Posting>,
    starts: Vec<u32>,
    scratch: Scratch,
}

/// A key of a Japanese sentence ([`PairRows::index`]) and where its run of entries starts
/// among the sentence's. Ordered by key, then sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Posting {
    key: u32,
    ja: u32,
    entry: u32,
}

/// The English sentences whose rows [`PairRows`] finds through one index: the index holds
/// the keys of their rows' Japanese sentences, a band's width more than the block (about
/// 90,000 postings, 1 MB, at N = 24 of `make_big.py`).
const ROWS_A_BLOCK: usize = 1024;

impl<S: Fn(usize) -> Range<usize>> PairRows<'_, S> {
    /// English sentence `e`'s pair matches with the Japanese sentences of its span, in
    /// order, into `out` (cleared first); `e` grows from one call to the next.
    pub fn row(&mut self, e: usize, out: &mut Vec<PairMatch>) {
        let model = self.model;
        with_keys!(model, |en, ja| {
            if !self.block.contains(&e) {
                self.index_block(e, ja);
            }
            self.row_in(e, en, ja, out)
        })
    }

    /// Makes the index of the block of rows from `e`.
    fn index_block<E: Entry>(&mut self, e: usize, ja: &[E]) {
        self.block = e..(e + ROWS_A_BLOCK).min(self.end).max(e + 1);
        let (mut first, mut end) = (usize::MAX, 0);
        for x in self.block.clone() {
            let span = (self.span)(x);
            first = first.min(span.start);
            end = end.max(span.end);
        }
        self.index.clear();
        for j in first..end.max(first) {
            let theirs = keys_of(ja, &self.model.ja.compact[j]);
            let mut b = 0;
            while b < theirs.len() {
                let key = theirs[b].key();
                self.index.push(Posting {
                    key,
                    ja: j as u32,
                    entry: b as u32,
                });
                b += theirs[b..].iter().take_while(|x| x.key() == key).count();
            }
        }
        // Each key once a sentence: by key, then sentence, compared as one number.
        self.index
            .sort_unstable_by_key(|q| u64::from(q.key) << 32 | u64::from(q.ja));
        self.runs.clear();
        let mut p = 0;
        while p < self.index.len() {
            let key = self.index[p].key;
            let n = self.index[p..].iter().take_while(|q| q.key == key).count();
            self.runs.insert(key, p as u32..(p + n) as u32);
            p += n;
        }
    }

    /// [`PairRows::row`] given both sides' key arrays, the block's index made.
    fn row_in<E: Entry>(&mut self, e: usize, en: &[E], ja: &[E], out: &mut Vec<PairMatch>) {
        let model = self.model;
        let js = (self.span)(e);
        let mine = keys_of(en, &model.en.compact[e]);
        // The keys of the row's Japanese sentences that `e` holds.
        self.found.clear();
        let mut a = 0;
        while a < mine.len() {
            let key = mine[a].key();
            if let Some(run) = self.runs.get(&key) {
                let run = &self.index[run.start as usize..run.end as usize];
                let p = run.partition_point(|q| (q.ja as usize) < js.start);
                let held = run[p..].iter().take_while(|q| (q.ja as usize) < js.end);
                self.found.extend(held);
            }
            a += mine[a..].iter().take_while(|x| x.key() == key).count();
        }
        // The same by sentence, a counting sort: sentence `js.start + k`'s are
        // `hits[starts[k]..starts[k + 1]]`.
        self.starts.clear();
        self.starts.resize(js.len() + 1, 0);
        for q in &self.found {
            self.starts[q.ja as usize - js.start] += 1;
        }
        for k in 1..self.starts.len() {
            self.starts[k] += self.starts[k - 1];
        }
        self.hits.clear();
        self.hits.resize(self.found.len(), Posting::default());
        for q in &self.found {
            // Each sentence's end moves back to its start as its hits are placed.
            let at = &mut self.starts[q.ja as usize - js.start];
            *at -= 1;
            self.hits[*at as usize] = *q;
        }
        out.clear();
        for (k, j) in js.enumerate() {
            let hits = &self.hits[self.starts[k] as usize..self.starts[k + 1] as usize];
            let theirs = keys_of(ja, &model.ja.compact[j]);
            out.push(model.pair_in(e, j, &mut self.scratch, |f| {
                for q in hits {
                    // The run of `keys`' entries with the hit's key from `from`.
                    let run = |keys: &[E], from: usize| {
                        let n = keys[from..].iter().take_while(|x| x.key() == q.key);
                        from..from + n.count()
                    };
                    let a = mine.partition_point(|x| x.key() < q.key);
                    let b = q.entry as usize;
                    f(&mine[run(mine, a)], &theirs[run(theirs, b)]);
                }
            }));
        }
    }
}

/// Which document of the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doc {
    En,
    Ja,
}

/// In how many sentences of each document a key occurs.
#[derive(Debug, Clone, Copy, Default)]
struct DocFreq {
    en: u32,
    ja: u32,
}

impl DocFreq {
    fn of(&self, doc: Doc) -> u32 {
        match doc {
            Doc::En => self.en,
            Doc::Ja => self.ja,
        }
    }

    fn of_mut(&mut self, doc: Doc) -> &mut u32 {
        match doc {
            Doc::En => &mut self.en,
            Doc::Ja => &mut self.ja,
        }
    }
}

/// Everything fixed about a document pair once its features are known.
pub struct Model {
    en: Sentences,
    ja: Sentences,
    /// Mean ln(English length / Japanese length) of the document.
    mu: f32,
    /// Median matchable anchor weight of a sentence with any: the document's unit of weight,
    /// which grows with its length (rarity is counted against all its sentences).
    unit: f32,
    /// Every key id is below this.
    key_space: usize,
    params: Params,
    /// Log-odds shift of the skip and merge scores for this document, set by the search.
    irregularity: f32,
    /// The share of the absent-evidence cost that applies to this document, which follows
    /// its irregularity (`Params::absent_clean`).
    absent_scale: f32,
}

/// The part of a bead's score that stays the same in every pass of the search
/// ([`Model::bead_fixed`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct FixedScore {
    /// Length and similarity terms.
    pub score: f32,
    /// The absent-evidence cost of a 1-1 pair that matches too little, at full weight (≥ 0;
    /// 0 for other beads): the document's irregularity decides how much of it applies.
    pub absent: f32,
}

/// How much of each side of a sentence pair the other side's anchors match.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairMatch {
    /// Weight of the English sentence's anchors that the Japanese one matches.
    pub en: f32,
    /// Weight of the Japanese sentence's anchors that the English one matches.
    pub ja: f32,
}

/// What a bead's sentences show of translating each other ([`Model::bead_match`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct BeadMatch {
    /// Rarity-weighted anchors of each side that the other side matches, both sides summed.
    pub matched: f32,
    /// Rarity-weighted anchors the bead's sentences hold, both sides summed (≥ `matched`).
    pub offered: f32,
    /// The length ratio's misfit, d² / 2σ² of the length model.
    pub length: f32,
    /// The same against the ratio of English to Japanese text over whole articles
    /// ([`PRIOR_LOG_RATIO`]) instead of this document's, with the spread of articles'
    /// ratios added: all there is to go on in a document of one sentence a side, whose own
    /// ratio is its only sentence's.
    pub length_prior: f32,
}

/// The natural log of the ratio of English to Japanese characters (NFKC, white space left
/// out) over the development sets' articles (975 of them; median 0.74, a ratio of 2.1).
pub const PRIOR_LOG_RATIO: f32 = 0.74;

/// The standard deviation of articles' log length ratios around [`PRIOR_LOG_RATIO`].
const PRIOR_LOG_RATIO_SD: f32 = 0.23;

/// Scratch space reused across pair computations.
#[derive(Default)]
pub struct Scratch {
    en_marks: Vec<bool>,
    ja_marks: Vec<bool>,
}

impl Model {
    /// The model of a document pair, given both sides' anchors and where each sentence
    /// stands.
    pub fn new(tables: &PairTables, en: Layout<'_>, ja: Layout<'_>, params: &Params) -> Model {
        // Document frequency of every key on each side: a key in one sentence is telling,
        // a key in half of them says little.
        let mut df = vec![DocFreq::default(); tables.key_space()];
        // The last sentence (+ 1) each key was counted for, so a key counts once a sentence.
        let mut seen = vec![0u32; tables.key_space()];
        for (doc, table) in [(Doc::En, &tables.en), (Doc::Ja, &tables.ja)] {
            seen.fill(0);
            for i in 0..table.len() {
                let stamp = i as u32 + 1;
                for item in table.items(i) {
                    for &k in table.keys(item) {
                        if seen[k as usize] != stamp {
                            seen[k as usize] = stamp;
                            *df[k as usize].of_mut(doc) += 1;
                        }
                    }
                }
            }
        }
        drop(seen);
        let n = (tables.en.len() + tables.ja.len()) as f32 / 2.0;
        // A key's rarity, and whether document `other` writes it at all.
        let key_stats = |k: u32, other: Doc| -> (f32, bool) {
            let d = df[k as usize];
            let written = d.of(other) > 0;
            ((1.0 + n / d.en.max(d.ja) as f32).ln(), written)
        };
        // Narrow entries when every key and every sentence's items fit them.
        let fits =
            |t: &AnchorTable| (0..t.len()).all(|i| t.items(i).count() <= 1 << NARROW_ITEM_BITS);
        let narrow = tables.key_space() <= 1 << (32 - NARROW_ITEM_BITS)
            && fits(&tables.en)
            && fits(&tables.ja);
        let compact = |table: &AnchorTable, layout: Layout<'_>, other: Doc| -> Sentences {
            if narrow {
                let (out, keys) = compact_side::<Narrow>(table, layout, other, &key_stats, params);
                Sentences {
                    keys: Keys::Narrow(keys),
                    ..out
                }
            } else {
                let (out, keys) = compact_side::<KeyItem>(table, layout, other, &key_stats, params);
                Sentences {
                    keys: Keys::Wide(keys),
                    ..out
                }
            }
        };
        let en_c = compact(&tables.en, en, Doc::Ja);
        let ja_c = compact(&tables.ja, ja, Doc::En);
        drop(df);
        let le: f32 = en_c.compact.iter().map(|c| c.len).sum();
        let lj: f32 = ja_c.compact.iter().map(|c| c.len).sum();
        let mu = if le > 0.0 && lj > 0.0 {
            (le / lj).ln()
        } else {
            1.0
        };
        let mut totals: Vec<f32> = en_c
            .compact
            .iter()
            .chain(&ja_c.compact)
            .map(|c| c.total)
            .filter(|&t| t > 0.0)
            .collect();
        totals.sort_unstable_by(f32::total_cmp);
        let unit = totals.get(totals.len() / 2).copied().unwrap_or(1.0);
        Model {
            en: en_c,
            ja: ja_c,
            mu,
            unit,
            key_space: tables.key_space(),
            params: params.clone(),
            irregularity: 0.0,
            absent_scale: 1.0,
        }
    }

    /// Number of English sentences.
    pub fn n_en(&self) -> usize {
        self.en.len()
    }

    /// Number of Japanese sentences.
    pub fn n_ja(&self) -> usize {
        self.ja.len()
    }

    /// Matched anchor weight of English sentence `i` and Japanese sentence `j`.
    pub fn pair(&self, i: usize, j: usize, scratch: &mut Scratch) -> PairMatch {
        with_keys!(self, |en, ja| {
            let e = keys_of(en, &self.en.compact[i]);
            let k = keys_of(ja, &self.ja.compact[j]);
            self.pair_in(i, j, scratch, |f| shared_keys(e, k, f))
        })
    }

    /// [`PairRows`] for English sentences `ens`, in increasing order: sentence e's row is
    /// its pair matches with the Japanese sentences `span(e)`.
    pub fn pair_rows<S: Fn(usize) -> Range<usize>>(
        &self,
        ens: Range<usize>,
        span: S,
    ) -> PairRows<'_, S> {
        PairRows {
            model: self,
            span,
            end: ens.end,
            block: ens.start..ens.start,
            index: Vec::new(),
            runs: FxHashMap::default(),
            found: Vec::new(),
            hits: Vec::new(),
            starts: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// [`Model::pair`], given `shared(f)`, which calls `f` with the runs of entries of
    /// English sentence `i`'s keys and of Japanese sentence `j`'s for each key both hold.
    fn pair_in<E: Entry>(
        &self,
        i: usize,
        j: usize,
        scratch: &mut Scratch,
        shared_keys: impl FnOnce(&mut dyn FnMut(&[E], &[E])),
    ) -> PairMatch {
        let (ew, kw) = (self.en.weights(i), self.ja.weights(j));
        let (e, k) = (&self.en.compact[i].keys, &self.ja.compact[j].keys);
        if e.is_empty() || k.is_empty() {
            return PairMatch::default();
        }
        // Every item on either side holding a shared key is matched. Most pairs the search
        // asks about share none: the marks are only cleared once a shared key turns up.
        let mut shared = false;
        shared_keys(&mut |mine, theirs| {
            if !std::mem::replace(&mut shared, true) {
                scratch.en_marks.clear();
                scratch.en_marks.resize(ew.len(), false);
                scratch.ja_marks.clear();
                scratch.ja_marks.resize(kw.len(), false);
            }
            for x in mine {
                scratch.en_marks[x.item() as usize] = true;
            }
            for x in theirs {
                scratch.ja_marks[x.item() as usize] = true;
            }
        });
        let sum = |marks: &[bool], w: &[f32]| -> f32 {
            marks
                .iter()
                .zip(w)
                .filter(|(m, _)| **m)
                .map(|(_, w)| *w)
                .sum()
        };
        if !shared {
            return Self::no_match();
        }
        PairMatch {
            en: sum(&scratch.en_marks, ew),
            ja: sum(&scratch.ja_marks, kw),
        }
    }

    /// What [`Model::pair`] gives two sentences that share no key (though each has some):
    /// its sums of nothing.
    pub fn no_match() -> PairMatch {
        let nothing = || std::iter::empty::<f32>().sum();
        PairMatch {
            en: nothing(),
            ja: nothing(),
        }
    }

    /// Score of leaving one sentence unmatched, shifted by the document's irregularity.
    pub fn skip(&self) -> f32 {
        self.params.skip_score + self.irregularity
    }

    /// Score of leaving out English `ei..ei+a` and Japanese `ji..ji+b` (one side empty): a
    /// sentence of page furniture costs nothing, any other [`Model::skip`].
    pub fn skips(&self, ei: usize, a: usize, ji: usize, b: usize) -> f32 {
        let content = (ei..ei + a)
            .filter(|&i| !self.en.compact[i].furniture)
            .count()
            + (ji..ji + b)
                .filter(|&j| !self.ja.compact[j].furniture)
                .count();
        self.skip() * content as f32
    }

    /// Whether sentence `i` of one side is page furniture.
    pub fn furniture(&self, english: bool, i: usize) -> bool {
        if english {
            self.en.compact[i].furniture
        } else {
            self.ja.compact[i].furniture
        }
    }

    /// Whether the absent-evidence cost applies whole whatever the document's irregularity
    /// (`Params::absent_clean` = 1, as `align` has it): then a bead's fixed score can carry
    /// the cost, subtracted once ([`Model::shifted`] subtracts 1 × it).
    pub fn absent_always_whole(&self) -> bool {
        self.params.absent_clean == 1.0
    }

    /// Sets how much less likely than the parameters assume this document is to leave a
    /// sentence out or merge sentences: a log-odds shift (≤ 0) of the skip and merge scores.
    /// The absent-evidence cost follows: `Params::absent_clean` of it at the shift of a clean
    /// translation (`skip_clean` - `skip_score`), all of it at no shift, linear between.
    pub fn set_irregularity(&mut self, shift: f32) {
        self.irregularity = shift;
        let p = &self.params;
        let clean_shift = (p.skip_clean - p.skip_score).min(0.0);
        let regular = if clean_shift < 0.0 {
            (shift / clean_shift).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.absent_scale = 1.0 - regular * (1.0 - p.absent_clean);
    }

    /// The part of the score of the bead pairing English `ei..ei+a` with Japanese `ji..ji+b`
    /// (a, b ≥ 1), given the matches of its sentence pairs, that the document's irregularity
    /// does not move: the search works it out once for all its passes, then adds the terms
    /// that it does move (a merge's prior, and the share of the absent-evidence cost,
    /// `Params::absent_clean`) with [`Model::shifted`].
    pub fn bead_fixed(
        &self,
        ei: usize,
        a: usize,
        ji: usize,
        b: usize,
        pair: impl Fn(usize, usize) -> PairMatch,
    ) -> FixedScore {
        let p = &self.params;
        if (ei..ei + a).any(|i| self.en.compact[i].furniture)
            || (ji..ji + b).any(|j| self.ja.compact[j].furniture)
        {
            // Page furniture is never part of a pair.
            return FixedScore {
                score: f32::NEG_INFINITY,
                absent: 0.0,
            };
        }
        let (mut le, mut lj, mut we, mut wj, mut me, mut mj) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut orphan_numbers = 0.0;
        for i in ei..ei + a {
            le += self.en.compact[i].len;
            we += self.en.compact[i].total + self.en.compact[i].orphan_latin;
            orphan_numbers += self.en.compact[i].orphan_numbers;
        }
        for j in ji..ji + b {
            lj += self.ja.compact[j].len;
            wj += self.ja.compact[j].total + self.ja.compact[j].orphan_latin;
            orphan_numbers += self.ja.compact[j].orphan_numbers;
        }
        if a == 1 && b == 1 {
            let m = pair(ei, ji);
            me = m.en;
            mj = m.ja;
        } else {
            // An item matched from two sentences still counts once: clamp to its sentence.
            let mut ja_m = [0.0f32; 3];
            for i in ei..ei + a {
                let mut en_m = 0.0;
                for (jj, j) in (ji..ji + b).enumerate() {
                    let m = pair(i, j);
                    en_m += m.en;
                    ja_m[jj] += m.ja;
                }
                me += en_m.min(self.en.compact[i].total);
            }
            for (jj, j) in (ji..ji + b).enumerate() {
                mj += ja_m[jj].min(self.ja.compact[j].total);
            }
        }
        let sim = (me + mj) / (we + wj + p.sim_smoothing);
        let d = ((le + 1.0) / (lj + 1.0)).ln() - self.mu;
        let var = p.len_sigma * p.len_sigma + p.len_short_var / (lj + 1.0);
        let score = p.sim_weight * sim - p.len_weight * d * d / (2.0 * var);
        let absent = if a == 1
            && b == 1
            && we + wj + orphan_numbers >= p.absent_min_weight * self.unit
            && sim < p.absent_sim
        {
            p.absent_weight * (p.absent_sim - sim)
        } else {
            0.0
        };
        FixedScore { score, absent }
    }

    /// What the bead pairing English `ei..ei+a` with Japanese `ji..ji+b` (a, b ≥ 1) shows of
    /// being a translation: the weight its two sides match of each other, the weight they
    /// hold, and how far its length ratio strays from the document's.
    pub fn bead_match(
        &self,
        ei: usize,
        a: usize,
        ji: usize,
        b: usize,
        scratch: &mut Scratch,
    ) -> BeadMatch {
        let (mut matched, mut offered, mut le, mut lj) = (0.0, 0.0, 0.0, 0.0);
        let mut ja_m = [0.0f32; MAX_MEMBERS];
        for i in ei..ei + a {
            let mut en_m = 0.0;
            for (jj, j) in (ji..ji + b).enumerate() {
                let m = self.pair(i, j, scratch);
                en_m += m.en;
                ja_m[jj] += m.ja;
            }
            let c = &self.en.compact[i];
            matched += en_m.min(c.total);
            offered += c.offered;
            le += c.len;
        }
        for (jj, j) in (ji..ji + b).enumerate() {
            let c = &self.ja.compact[j];
            matched += ja_m[jj].min(c.total);
            offered += c.offered;
            lj += c.len;
        }
        BeadMatch {
            matched,
            offered: offered.max(matched),
            length: self.length_misfit(le, lj),
            length_prior: self.length_misfit_prior(le, lj),
        }
    }

    /// The weight sentence `i` of one side holds (see [`BeadMatch::offered`]).
    pub fn offered(&self, english: bool, i: usize) -> f32 {
        if english {
            self.en.compact[i].offered
        } else {
            self.ja.compact[i].offered
        }
    }

    /// How far `le` English characters against `lj` Japanese stray from the document's
    /// ratio: the length model's cost before its weight, (d² / 2σ²).
    fn length_misfit(&self, le: f32, lj: f32) -> f32 {
        self.misfit_around(le, lj, self.mu, 0.0)
    }

    /// [`BeadMatch::length_prior`] of `le` English characters against `lj` Japanese.
    fn length_misfit_prior(&self, le: f32, lj: f32) -> f32 {
        let spread = PRIOR_LOG_RATIO_SD * PRIOR_LOG_RATIO_SD;
        self.misfit_around(le, lj, PRIOR_LOG_RATIO, spread)
    }

    /// The length model's d² / 2σ² of `le` against `lj` characters around the log ratio
    /// `mu`, with `spread` added to its variance.
    fn misfit_around(&self, le: f32, lj: f32, mu: f32, spread: f32) -> f32 {
        let p = &self.params;
        let d = ((le + 1.0) / (lj + 1.0)).ln() - mu;
        let var = p.len_sigma * p.len_sigma + p.len_short_var / (lj + 1.0) + spread;
        d * d / (2.0 * var)
    }

    /// Score of the bead whose [`Model::bead_fixed`] is `fixed`, before
    /// [`Model::exclusive_cost`] is taken off: a bound on the full score that is cheap to
    /// compute, so the search can skip the exclusive cost of a bead that cannot win anyway.
    pub fn shifted(&self, fixed: FixedScore, ei: usize, a: usize, ji: usize, b: usize) -> f32 {
        let p = &self.params;
        let mut score = fixed.score - self.absent_scale * fixed.absent;
        if a + b > 2 {
            score += (p.merge_score + self.irregularity * p.merge_shift) * (a + b - 2) as f32;
            let (en, ja) = (&self.en.compact, &self.ja.compact);
            if en[ei].paragraph != en[ei + a - 1].paragraph
                || ja[ji].paragraph != ja[ji + b - 1].paragraph
            {
                score -= p.paragraph_cross;
            }
        }
        score
    }

    /// Cost (≥ 0) of the members of a merged bead that bring too little of their own: each
    /// member whose exclusive matched weight falls short of `exclusive_min` costs
    /// `exclusive_weight` × the shortfall / `exclusive_min`.
    pub fn exclusive_cost(&self, ei: usize, a: usize, ji: usize, b: usize) -> f32 {
        let p = &self.params;
        if a + b <= 2 || p.exclusive_weight <= 0.0 || p.exclusive_min <= 0.0 {
            return 0.0;
        }
        with_keys!(self, |en, ja| self.exclusive_cost_in(en, ja, ei, a, ji, b))
    }

    /// [`Model::exclusive_cost`] given both sides' key arrays.
    fn exclusive_cost_in<E: Entry>(
        &self,
        en_keys: &[E],
        ja_keys: &[E],
        ei: usize,
        a: usize,
        ji: usize,
        b: usize,
    ) -> f32 {
        let p = &self.params;
        let (en, ja) = ((&self.en, en_keys), (&self.ja, ja_keys));
        let shortfall = |ex: f32| (p.exclusive_min - ex).max(0.0) / p.exclusive_min;
        let mut cost = 0.0;
        if a > 1 {
            cost += exclusive(en, ei..ei + a, ja, ji..ji + b)[..a]
                .iter()
                .map(|&ex| shortfall(ex))
                .sum::<f32>();
        }
        if b > 1 {
            cost += exclusive(ja, ji..ji + b, en, ei..ei + a)[..b]
                .iter()
                .map(|&ex| shortfall(ex))
                .sum::<f32>();
        }
        p.exclusive_weight * cost
    }

    /// Bonus for a bead starting at English `i` and Japanese `j` when both start paragraphs.
    pub fn paragraph_start(&self, i: usize, j: usize) -> f32 {
        let starts = |c: &[Compact], k: usize| {
            k == 0 || (k < c.len() && c[k].paragraph != c[k - 1].paragraph)
        };
        let (en, ja) = (&self.en.compact, &self.ja.compact);
        if i < en.len() && j < ja.len() && starts(en, i) && starts(ja, j) {
            self.params.paragraph_bonus
        } else {
            0.0
        }
    }

    /// Pairs of sentences that share a key both documents write in the same number of
    /// sentences, paired by rank (see `rank_pairs`): the skeleton the search band follows,
    /// sorted.
    pub fn anchor_pairs(&self) -> Vec<Link> {
        with_keys!(self, |en, ja| self.anchor_pairs_in(en, ja))
    }

    /// [`Model::anchor_pairs`] given both sides' key arrays.
    fn anchor_pairs_in<E: Entry>(&self, en: &[E], ja: &[E]) -> Vec<Link> {
        // Each sentence's distinct keys, once (a sentence's keys come sorted by key).
        let each_key = |sentences: &Sentences, keys: &[E], i: usize, f: &mut dyn FnMut(u32)| {
            let mut last = None;
            for e in keys_of(keys, &sentences.compact[i]) {
                if last != Some(e.key()) {
                    last = Some(e.key());
                    f(e.key());
                }
            }
        };
        rank_pairs(
            (self.en.len(), self.ja.len()),
            self.key_space,
            |i, f| each_key(&self.en, en, i, f),
            |j, f| each_key(&self.ja, ja, j, f),
        )
    }
}

/// One side's [`Sentences`] (its key array left empty) and key array, as [`Model::new`]
/// makes them: `key_stats(k, other)` gives key k's rarity and whether document `other`
/// writes it.
fn compact_side<E: Entry>(
    table: &AnchorTable,
    layout: Layout<'_>,
    other: Doc,
    key_stats: &impl Fn(u32, Doc) -> (f32, bool),
    params: &Params,
) -> (Sentences, Vec<E>) {
    let mut out = Sentences {
        compact: Vec::with_capacity(table.len()),
        keys: Keys::Wide(Vec::new()),
        weights: Vec::new(),
    };
    let mut keys: Vec<E> = Vec::new();
    for (i, &paragraph) in (0..table.len()).zip(layout.paragraphs) {
        let (key_start, weight_start) = (keys.len(), out.weights.len());
        let (mut orphan_numbers, mut orphan_latin) = (0.0f32, 0.0f32);
        let mut offered = 0.0f32;
        for item in table.items(i) {
            let idx = (out.weights.len() - weight_start) as u32;
            let (mut w, mut orphan) = (0.0f32, 0.0f32);
            for &k in table.keys(item) {
                let (rarity, written) = key_stats(k, other);
                if written {
                    w = w.max(rarity);
                    keys.push(E::new(k, idx));
                } else {
                    orphan = orphan.max(rarity);
                }
            }
            offered += w.max(orphan);
            if w > 0.0 {
                out.weights.push(w);
                continue;
            }
            match table.kind(item) {
                AnchorKind::Number | AnchorKind::Date => {
                    orphan_numbers += params.orphan_number * orphan
                }
                AnchorKind::Latin => orphan_latin += params.orphan_latin * orphan,
                AnchorKind::Name
                | AnchorKind::Word
                | AnchorKind::Web
                | AnchorKind::Mood
                | AnchorKind::Mark => {}
            }
        }
        let mine = &mut keys[key_start..];
        mine.sort_unstable();
        let kept = dedup_len(mine);
        keys.truncate(key_start + kept);
        out.compact.push(Compact {
            total: out.weights[weight_start..].iter().sum(),
            orphan_numbers,
            orphan_latin,
            offered,
            keys: offset(key_start)..offset(keys.len()),
            weights: offset(weight_start)..offset(out.weights.len()),
            len: table.sentence_len(i),
            paragraph,
            furniture: layout.furniture.get(i).copied().unwrap_or(false),
        });
    }
    keys.shrink_to_fit();
    out.weights.shrink_to_fit();
    (out, keys)
}

/// Sentence pairs from the keys that both documents write in the same number of sentences,
/// at most [`RANK_PAIRED`] each: the r-th sentence of one side with the r-th of the other,
/// sorted. `en_keys(i, f)` calls `f` once with each distinct key of English sentence `i`
/// (keys below `key_space`), `ja_keys` the same for Japanese. A key in one sentence a side is
/// the plainest anchor; counting further lets a name or a number that a long document
/// repeats anchor it too, as in a document made of several articles (the search keeps the
/// longest chain of pairs that never crosses, so a wrong one costs little).
fn rank_pairs(
    (n_en, n_ja): (usize, usize),
    key_space: usize,
    en_keys: impl Fn(usize, &mut dyn FnMut(u32)),
    ja_keys: impl Fn(usize, &mut dyn FnMut(u32)),
) -> Vec<Link> {
    let mut counts = vec![(0u32, 0u32); key_space];
    for i in 0..n_en {
        en_keys(i, &mut |k| counts[k as usize].0 += 1);
    }
    for j in 0..n_ja {
        ja_keys(j, &mut |k| counts[k as usize].1 += 1);
    }
    let paired = |k: u32| {
        let (e, j) = counts[k as usize];
        e == j && (1..=RANK_PAIRED).contains(&e)
    };
    // For each paired key, the sentences of each side that write it, in order.
    let mut en_at: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut ja_at: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..n_en {
        en_keys(i, &mut |k| {
            if paired(k) {
                en_at.entry(k).or_default().push(i as u32);
            }
        });
    }
    for j in 0..n_ja {
        ja_keys(j, &mut |k| {
            if paired(k) {
                ja_at.entry(k).or_default().push(j as u32);
            }
        });
    }
    let mut pairs: Vec<Link> = en_at
        .iter()
        .filter_map(|(k, en)| ja_at.get(k).map(|ja| (en, ja)))
        .flat_map(|(en, ja)| {
            en.iter().zip(ja).map(|(&e, &j)| Link {
                en: e as usize,
                ja: j as usize,
            })
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// How many sentences of each side may write a key for [`rank_pairs`] to pair its occurrences
/// by rank.
const RANK_PAIRED: u32 = 32;

/// An English sentence and a Japanese sentence taken to translate each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// The English sentence's index.
    pub en: usize,
    /// The Japanese sentence's index.
    pub ja: usize,
}

/// The most sentences on one side of a bead.
const MAX_MEMBERS: usize = 3;
const _: () = {
    let mut i = 0;
    while i < super::params::BEAD_SHAPES.len() {
        let (a, b) = super::params::BEAD_SHAPES[i];
        assert!(a <= MAX_MEMBERS && b <= MAX_MEMBERS);
        i += 1;
    }
};

/// For each member (`members`, sentences of one side) of a merged bead, the anchor weight
/// of the `others`' items (sentences of the other side) that it matches and no other member
/// does: what it brings that its companions do not. Entries past the members' count are 0.
fn exclusive<E: Entry>(
    (side, side_keys): (&Sentences, &[E]),
    members: Range<usize>,
    (other, other_keys): (&Sentences, &[E]),
    others: Range<usize>,
) -> [f32; MAX_MEMBERS] {
    thread_local! {
        static MASK: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    MASK.with(|mask| {
        let mut mask = mask.borrow_mut();
        let mut total = [0.0; MAX_MEMBERS];
        for o in others {
            let weights = other.weights(o);
            // Bit x of an item's mask: member x matches it.
            mask.clear();
            mask.resize(weights.len(), 0);
            for (bit, m) in members.clone().enumerate() {
                mark(
                    keys_of(side_keys, &side.compact[m]),
                    keys_of(other_keys, &other.compact[o]),
                    bit as u8,
                    &mut mask,
                );
            }
            for (x, sum) in total.iter_mut().enumerate().take(members.len()) {
                let only = 1u8 << x;
                *sum += mask
                    .iter()
                    .zip(weights)
                    .filter(|(m, _)| **m == only)
                    .map(|(_, w)| *w)
                    .sum::<f32>();
            }
        }
        total
    })
}

/// Sets bit `bit` of `mask[k]` for every item k of `theirs` that shares a key with `mine`.
fn mark<E: Entry>(mine: &[E], theirs: &[E], bit: u8, mask: &mut [u8]) {
    shared_keys(mine, theirs, |_, items| {
        for x in items {
            mask[x.item() as usize] |= 1 << bit;
        }
    });
}

/// Calls `f` with the runs of entries of `x` and of `y` for every key both hold (both
/// sorted by key).
fn shared_keys<E: Entry>(x: &[E], y: &[E], mut f: impl FnMut(&[E], &[E])) {
    let (mut a, mut b) = (0, 0);
    while a < x.len() && b < y.len() {
        let (ka, kb) = (x[a].key(), y[b].key());
        if ka != kb {
            // Most keys are on one side only, the smaller one on either side as often as
            // not: stepping past it without a branch on which side saves the processor a
            // wrong guess about every other step (the search's pair matches spend most of
            // their time here).
            a += usize::from(ka < kb);
            b += usize::from(kb < ka);
        } else {
            let a2 = a + x[a..].iter().take_while(|e| e.key() == ka).count();
            let b2 = b + y[b..].iter().take_while(|e| e.key() == kb).count();
            f(&x[a..a2], &y[b..b2]);
            a = a2;
            b = b2;
        }
    }
}

/// The length of `sorted` once consecutive duplicates are removed, which it moves to the
/// front (as [`Vec::dedup`] does, on a slice).
fn dedup_len<T: PartialEq + Copy>(sorted: &mut [T]) -> usize {
    let mut kept = 0;
    for r in 0..sorted.len() {
        if kept == 0 || sorted[r] != sorted[kept - 1] {
            sorted[kept] = sorted[r];
            kept += 1;
        }
    }
    kept
}

/// An offset into a side's arrays; they never hold 2^32 entries (each comes from a key of
/// the text, which would have to be larger still).
fn offset(len: usize) -> u32 {
    len as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(en: &[&[u32]], ja: &[&[u32]]) -> Vec<(usize, usize)> {
        rank_pairs(
            (en.len(), ja.len()),
            16,
            |i, f| en[i].iter().for_each(|&k| f(k)),
            |j, f| ja[j].iter().for_each(|&k| f(k)),
        )
        .into_iter()
        .map(|l| (l.en, l.ja))
        .collect()
    }

    #[test]
    fn keys_written_equally_often_pair_their_sentences_by_rank() {
        // Key 1 once a side, key 2 twice a side (a name two articles share), key 3 twice in
        // English but once in Japanese (no telling which), key 4 in every sentence.
        let en: &[&[u32]] = &[&[2, 4], &[1, 4], &[3, 4], &[2, 3, 4]];
        let ja: &[&[u32]] = &[&[4], &[2, 4], &[1, 3, 4], &[4], &[2, 4]];
        assert_eq!(pairs(en, ja), vec![(0, 1), (1, 2), (3, 4)]);
    }
}
