//! The search: dynamic programming over beads inside a band that follows the anchor path,
//! so a long document pair costs time and memory in proportion to its length, not its square.

use std::cell::Cell;

use super::cost::{FixedScore, Link, Model, PairMatch};
use super::evidence;
use super::params::BEAD_SHAPES;
use super::{Alignment, Bead, Params};

/// For each DP row i (0..=n English sentences consumed), the columns j in `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Offset of row i in the flat cell arrays.
    start: Vec<usize>,
}

impl Band {
    fn full(n: usize, m: usize) -> Band {
        Band::from_bounds(vec![0; n + 1], vec![m; n + 1])
    }

    fn from_bounds(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut start = Vec::with_capacity(lo.len() + 1);
        let mut total = 0;
        for (l, h) in lo.iter().zip(&hi) {
            start.push(total);
            total += h + 1 - l;
        }
        start.push(total);
        Band { lo, hi, start }
    }

    /// Band of half-width `w` around the path through `anchors` (sorted, increasing).
    fn around(anchors: &[Link], n: usize, m: usize, w: usize) -> Band {
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        let mut k = 0;
        for i in 0..=n {
            while k + 1 < anchors.len() && anchors[k + 1].en <= i {
                k += 1;
            }
            let Link { en: i0, ja: j0 } = anchors[k];
            let Link { en: i1, ja: j1 } = anchors[(k + 1).min(anchors.len() - 1)];
            let c = if i1 > i0 {
                j0 as f64 + (j1 as f64 - j0 as f64) * (i - i0) as f64 / (i1 - i0) as f64
            } else {
                j0 as f64
            };
            let c = c.round() as usize;
            lo.push(c.saturating_sub(w));
            hi.push((c + w).min(m));
        }
        // Monotone bounds keep every cell reachable.
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        lo[0] = 0;
        hi[n] = m;
        for i in 0..=n {
            if lo[i] > hi[i] {
                lo[i] = hi[i];
            }
        }
        // Where the path climbs more columns in a row than the band is wide (one English
        // sentence against thousands of Japanese ones), no bead reaches the next row's band:
        // the row runs on to where that band starts, so that a path through it exists.
        for i in (0..n).rev() {
            if lo[i + 1] > hi[i] + MAX_JA {
                hi[i] = lo[i + 1];
            }
        }
        Band::from_bounds(lo, hi)
    }

    /// This band widened by `by` columns on both sides over the rows within `by` of each of
    /// `rows` (where the best path ran along an edge), kept monotone so that every cell stays
    /// reachable. Widening only there keeps a long document's band narrow elsewhere: one
    /// stretch that strays from the anchor path must not double the whole table.
    fn widened(&self, rows: &[usize], by: usize) -> Band {
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        let n = lo.len() - 1;
        let m = hi[n];
        let mut done = 0; // rows below this are widened already (`rows` comes in order)
        for &t in rows {
            for i in t.saturating_sub(by).max(done)..=(t + by).min(n) {
                lo[i] = lo[i].saturating_sub(by);
                hi[i] = (hi[i] + by).min(m);
            }
            done = done.max((t + by).min(n) + 1);
        }
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        Band::from_bounds(lo, hi)
    }

    /// The number of cells of the band.
    fn cells(&self) -> usize {
        *self.start.last().unwrap_or(&0)
    }

    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.start[i] + j - self.lo[i])
    }
}

/// The longest chain of anchor pairs increasing on both sides, with both documents' ends.
fn anchor_path(pairs: &[Link], n: usize, m: usize) -> Vec<Link> {
    // Longest strictly increasing subsequence in j over pairs sorted by i (ties by j desc
    // so that two pairs of one row are not both taken).
    let mut sorted: Vec<Link> = pairs.to_vec();
    sorted.sort_unstable_by(|a, b| a.en.cmp(&b.en).then(b.ja.cmp(&a.ja)));
    let mut tails: Vec<usize> = Vec::new(); // index into sorted
    let mut prev = vec![usize::MAX; sorted.len()];
    for (idx, &Link { ja: j, .. }) in sorted.iter().enumerate() {
        let pos = tails.partition_point(|&t| sorted[t].ja < j);
        if pos > 0 {
            prev[idx] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(idx);
        } else {
            tails[pos] = idx;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied().unwrap_or(usize::MAX);
    while cur != usize::MAX {
        chain.push(sorted[cur]);
        cur = prev[cur];
    }
    chain.reverse();
    let mut path = vec![Link { en: 0, ja: 0 }];
    path.extend(
        chain
            .into_iter()
            .filter(|l| l.en > 0 && l.ja > 0 && l.en < n && l.ja < m),
    );
    path.push(Link { en: n, ja: m });
    path
}

/// The fixed scores ([`Model::bead_fixed`]) of the beads with both ends in the band, which
/// every pass of the search takes. A band of at most [`KEPT_CELLS`] cells keeps them, one
/// for each pairing shape from each cell (24 bytes a cell, 28 with `check`'s absent cost),
/// worked out once for all the passes, and their exclusive costs as the passes need them.
/// A band of at most [`BOUNDED_CELLS`] keeps the 1-1 bead's and a bound on the merged
/// beads' ([`BoundedScores`], 8 bytes a cell) beside the pair matches ([`Model::pair`])
/// they are made from ([`PairMatches`], about 5 bytes a cell): a pass makes a merged bead's
/// fixed score from the pair matches only where the bound says that the bead could win,
/// and costs about what a kept band's does. A larger band keeps only the pair matches and a
/// pass makes every bead's fixed score from them when it needs it: three passes or more
/// work each one out again, which costs time (at N = 24 of `make_big.py`, 2.1 million
/// cells, about 0.5 s of CPU a pass, against 0.2 s with bounds) but keeps a long
/// document's band small.
struct BeadScores {
    scores: Scores,
    /// Whether the absent-evidence cost applies whole in every pass
    /// ([`Model::absent_always_whole`]): the 1-1 bead's fixed score then has it subtracted.
    folded: bool,
}

/// What [`BeadScores`] keeps for every cell of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Every bead's fixed score ([`Scores::Kept`]).
    All,
    /// The 1-1 bead's and a bound on the others' ([`Scores::Bounded`]).
    Bounds,
    /// Only the pair matches ([`Scores::Made`]).
    Matches,
}

/// How [`BeadScores`] has a bead's fixed score.
enum Scores {
    /// Kept for every cell.
    Kept(KeptScores),
    /// The 1-1 bead's kept for every cell, a merged bead's made from the pair matches when
    /// asked, and passed over unmade where a bound kept for every cell says it cannot win.
    Bounded(BoundedScores),
    /// Made from the pair matches when asked.
    Made(PairMatches),
}

/// The most cells of a band whose fixed scores [`BeadScores`] keeps: 48 bytes a cell with
/// the exclusive costs ([`KeptScores`]), 36 MB at most. What a larger band would take grows
/// with the documents (N = 24 of `make_big.py`, about 2.1 million cells, would take 100 MB);
/// a band this size belongs to documents of up to about 12,000 sentences a side (N = 6,
/// 10,140, takes 532,186 cells), whose peak is the tokenizer's dictionary, handed back before
/// the search (`JapaneseTokenizer::release_pages`): the search's tables stay about as large
/// (N = 6: 78 MB while tokenizing, 74 MB in the search).
const KEPT_CELLS: usize = 3 << 18;

/// Each band cell's fixed scores, [`PAIRINGS`] of them from `fixed[cell * PAIRINGS]`: the
/// bead of each pairing shape that starts there (NaN, never read, for one that ends outside
/// the band); and unless [`BeadScores::folded`], the absent-evidence cost of its 1-1 bead.
struct KeptScores {
    fixed: Vec<f32>,
    absent: Vec<f32>,
    /// The exclusive cost ([`Model::exclusive_cost`]) of each bead of `fixed`, NaN until a
    /// pass first needs it: it too stays the same in every pass, but is only worked out for
    /// a merged bead that could still win, so it is kept as it is worked out (another 24
    /// bytes a cell; the 1-1 bead's, always 0, is never asked for).
    exclusive: Vec<Cell<f32>>,
}

/// Each band cell's 1-1 bead's fixed score and a bound on its merged beads', with the pair
/// matches the merged beads' own are made from: 8 bytes a cell (12 with `check`'s absent
/// cost) and the pair matches' 5. Of every 20 merged beads a pass asks about, the bound
/// (the highest of a cell's merged beads' fixed scores) lets it pass over 19 without making
/// their scores (`make_big.py` N = 24).
struct BoundedScores {
    /// Each cell's 1-1 bead's fixed score (NaN, never read, where it ends outside the band).
    one_one: Vec<f32>,
    /// Unless [`BeadScores::folded`], each cell's 1-1 bead's absent-evidence cost.
    absent: Vec<f32>,
    /// The highest fixed score of the merged beads from each cell that end in the band (−∞
    /// when none does): a merged bead's score with this for its fixed score
    /// ([`BeadScores::upper`]) is at least its own, since every term after the fixed score
    /// only adds or takes away the same amount whatever that score is.
    merged: Vec<f32>,
    matches: PairMatches,
}

/// Where a pairing shape's entry sits among a cell's [`KeptScores::fixed`]: `SLOT[a][b]`.
const SLOT: [[usize; MAX_JA + 1]; MAX_EN + 1] = {
    let mut slot = [[usize::MAX; MAX_JA + 1]; MAX_EN + 1];
    let (mut s, mut k) = (0, 0);
    while s < BEAD_SHAPES.len() {
        let (a, b) = BEAD_SHAPES[s];
        if a > 0 && b > 0 {
            slot[a][b] = k;
            k += 1;
        }
        s += 1;
    }
    slot
};

/// The number of pairing shapes (both sides non-empty) in [`BEAD_SHAPES`].
const PAIRINGS: usize = {
    let (mut s, mut k) = (0, 0);
    while s < BEAD_SHAPES.len() {
        if BEAD_SHAPES[s].0 > 0 && BEAD_SHAPES[s].1 > 0 {
            k += 1;
        }
        s += 1;
    }
    k
};

/// The pair matches ([`Model::pair`]) that the beads with both ends in the band take, each
/// worked out once for all the passes of the search. About half the pairs share no key: a
/// row keeps one byte a pair, 0 for those and else where the pair's match is among the
/// row's others (a row with more than 255 such, or where that saves nothing, keeps every
/// match instead): about 5 bytes a band cell in all.
struct PairMatches {
    /// Each English sentence's row.
    rows: Vec<PairRow>,
    /// The rows' slots: 0 a pair that shares no key, k the row's k-th entry of `matches`.
    slots: Vec<u8>,
    matches: Vec<PairMatch>,
    /// The match of two sentences that share no key ([`Model::pair`]'s sums of nothing).
    none: PairMatch,
}

/// Where an English sentence's pair matches are in [`PairMatches`]: with the Japanese
/// sentences `first..first + len`, from `matches[matches..]`, and when the row is sparse,
/// its slots from `slots[slots..]` (`usize::MAX`: every match is kept).
struct PairRow {
    first: usize,
    len: usize,
    slots: usize,
    matches: usize,
}

/// The most sentences a bead holds of English (`english`) or of Japanese.
const fn most_held(english: bool) -> usize {
    let (mut s, mut most) = (0, 0);
    while s < BEAD_SHAPES.len() {
        let (a, b) = BEAD_SHAPES[s];
        let held = if english { a } else { b };
        if held > most {
            most = held;
        }
        s += 1;
    }
    most
}

/// The most English sentences a bead holds.
const MAX_EN: usize = most_held(true);

/// The most Japanese sentences a bead holds.
const MAX_JA: usize = most_held(false);

impl BeadScores {
    /// The fixed scores of `band`'s beads, kept as the band's size allows ([`KEPT_CELLS`],
    /// [`BOUNDED_CELLS`]).
    fn new(model: &Model, band: &Band, threads: usize) -> BeadScores {
        let keep = match band.cells() {
            cells if cells <= KEPT_CELLS => Keep::All,
            cells if cells <= BOUNDED_CELLS => Keep::Bounds,
            _ => Keep::Matches,
        };
        BeadScores::keeping(model, band, threads, keep)
    }

    /// The fixed scores of `band`'s beads, kept as `keep` says. What is kept for every cell
    /// is worked out on two threads when `threads` allows (it is most of what the search
    /// does once, and the search runs alone, after the features): the rows from the one
    /// where the second half of the cells starts go to another thread, each half written
    /// apart, the same as one thread would.
    fn keeping(model: &Model, band: &Band, threads: usize, keep: Keep) -> BeadScores {
        let folded = model.absent_always_whole();
        let (n, cells) = (model.n_en(), band.cells());
        let split = threads > 1 && cells >= SPLIT_CELLS;
        let half = band.start.partition_point(|&s| s < cells / 2).min(n);
        let at = band.start[half];
        let (lo, hi) = (0..half, half..n + 1);
        let absent_at = if folded { 0 } else { at };
        let scores = match keep {
            Keep::All => {
                let mut fixed = vec![f32::NAN; cells * PAIRINGS];
                let mut absent = vec![0.0; if folded { 0 } else { cells }];
                if split {
                    let (fixed_lo, fixed_hi) = fixed.split_at_mut(at * PAIRINGS);
                    let (absent_lo, absent_hi) = absent.split_at_mut(absent_at);
                    // On the rayon pool the caller runs on (the aligner's: see
                    // `Aligner::on_pool`).
                    rayon::join(
                        || fill_kept(model, band, hi, folded, fixed_hi, absent_hi),
                        || fill_kept(model, band, lo, folded, fixed_lo, absent_lo),
                    );
                } else {
                    fill_kept(model, band, 0..n + 1, folded, &mut fixed, &mut absent);
                }
                Scores::Kept(KeptScores {
                    fixed,
                    absent,
                    exclusive: (0..cells * PAIRINGS).map(|_| Cell::new(f32::NAN)).collect(),
                })
            }
            Keep::Bounds => {
                let matches = PairMatches::new(model, band);
                let mut one_one = vec![f32::NAN; cells];
                let mut absent = vec![0.0; if folded { 0 } else { cells }];
                let mut merged = vec![f32::NEG_INFINITY; cells];
                if split {
                    let (one_one_lo, one_one_hi) = one_one.split_at_mut(at);
                    let (absent_lo, absent_hi) = absent.split_at_mut(absent_at);
                    let (merged_lo, merged_hi) = merged.split_at_mut(at);
                    let matches = &matches;
                    rayon::join(
                        || {
                            let out = (one_one_hi, absent_hi, merged_hi);
                            fill_bounded(model, band, matches, hi, folded, out)
                        },
                        || {
                            let out = (one_one_lo, absent_lo, merged_lo);
                            fill_bounded(model, band, matches, lo, folded, out)
                        },
                    );
                } else {
                    let out = (&mut one_one[..], &mut absent[..], &mut merged[..]);
                    fill_bounded(model, band, &matches, 0..n + 1, folded, out);
                }
                Scores::Bounded(BoundedScores {
                    one_one,
                    absent,
                    merged,
                    matches,
                })
            }
            Keep::Matches => Scores::Made(PairMatches::new(model, band)),
        };
        BeadScores { scores, folded }
    }

    /// The fixed score of the bead of shape `(a, b)` (both ≥ 1) from DP cell `(i, j)`, band
    /// cell `from`, which ends in the band.
    fn get(
        &self,
        model: &Model,
        from: usize,
        i: usize,
        j: usize,
        a: usize,
        b: usize,
    ) -> FixedScore {
        match &self.scores {
            Scores::Kept(kept) => FixedScore {
                score: kept.fixed[from * PAIRINGS + SLOT[a][b]],
                absent: if (a, b) == (1, 1) && !self.folded {
                    kept.absent[from]
                } else {
                    0.0
                },
            },
            Scores::Bounded(bounded) if (a, b) == (1, 1) => FixedScore {
                score: bounded.one_one[from],
                absent: if self.folded {
                    0.0
                } else {
                    bounded.absent[from]
                },
            },
            Scores::Bounded(BoundedScores { matches, .. }) | Scores::Made(matches) => {
                matches.fixed(model, i, j, a, b, self.folded)
            }
        }
    }

    /// A bound on the gain ([`gain_over`]) of the bead of shape `(a, b)` (both ≥ 1) from DP
    /// cell `(i, j)`, band cell `from`, which ends in the band, when it is cheaper than the
    /// gain itself: a bounded band's merged bead's. The search passes over a bead whose bound
    /// cannot beat the best it has, which is what the bead itself would come to.
    #[allow(clippy::too_many_arguments)]
    fn upper(
        &self,
        model: &Model,
        from: usize,
        i: usize,
        j: usize,
        a: usize,
        b: usize,
    ) -> Option<f32> {
        match &self.scores {
            Scores::Bounded(bounded) if a + b > 2 => {
                let bound = FixedScore {
                    score: bounded.merged[from],
                    absent: 0.0,
                };
                Some(model.shifted(bound, i, a, j, b) + model.paragraph_start(i, j))
            }
            _ => None,
        }
    }

    /// The exclusive cost ([`Model::exclusive_cost`]) of the bead of shape `(a, b)` from DP
    /// cell `(i, j)`, band cell `from`, which ends in the band.
    fn exclusive(&self, model: &Model, from: usize, i: usize, j: usize, a: usize, b: usize) -> f32 {
        match &self.scores {
            Scores::Kept(kept) if a + b > 2 => {
                let memo = &kept.exclusive[from * PAIRINGS + SLOT[a][b]];
                if memo.get().is_nan() {
                    memo.set(model.exclusive_cost(i, a, j, b));
                }
                memo.get()
            }
            _ => model.exclusive_cost(i, a, j, b),
        }
    }
}

/// The fewest cells of a kept band whose fixed scores are worked out on two threads: a
/// smaller band's take a few milliseconds at most, not worth a thread.
const SPLIT_CELLS: usize = 50_000;

/// The most cells of a band that keeps bounds ([`BoundedScores`]): 8 bytes a cell more than
/// the pair matches alone (12 with `check`'s absent cost), 32 MB at most, about twice what
/// N = 24 of `make_big.py` takes (2.1 million cells: its peak goes from 104 MB to 122 MB).
/// N = 118 (10.5 million cells), whose peak is 379 MB with the pair matches alone, keeps
/// them alone.
const BOUNDED_CELLS: usize = 4 << 20;

/// Fills [`KeptScores::fixed`] and `absent` for the cells of DP rows `rows`: `fixed` and
/// `absent` are their parts from the first of those rows' cells on.
fn fill_kept(
    model: &Model,
    band: &Band,
    rows: std::ops::Range<usize>,
    folded: bool,
    fixed: &mut [f32],
    absent: &mut [f32],
) {
    let (n, m) = (model.n_en(), model.n_ja());
    let (top, base) = (rows.start, band.start[rows.start]);
    // The pair matches of the English sentences the beads from DP row i take, i..i + 3,
    // each whole ([`row_span`]): sentence e's, with its first Japanese sentence, are
    // `matches[e % MAX_EN]`, made as row i reaches them.
    let ens = rows.start..(rows.end + MAX_EN - 1).min(n);
    let mut pairs = model.pair_rows(ens, |e| row_span(band, n, m, e));
    let mut matches: [(usize, Vec<PairMatch>); MAX_EN] = Default::default();
    for e in rows.start..(rows.start + MAX_EN).min(n) {
        let (first, row) = &mut matches[e % MAX_EN];
        *first = row_span(band, n, m, e).start;
        pairs.row(e, row);
    }
    for i in rows {
        if i > top && i + MAX_EN - 1 < n {
            let e = i + MAX_EN - 1;
            let (first, row) = &mut matches[e % MAX_EN];
            *first = row_span(band, n, m, e).start;
            pairs.row(e, row);
        }
        let pair = |x: usize, y: usize| {
            let (first, row) = &matches[x % MAX_EN];
            y.checked_sub(*first)
                .and_then(|k| row.get(k).copied())
                .unwrap_or_default()
        };
        for j in band.lo[i]..=band.hi[i] {
            let from = band.start[i] + j - band.lo[i] - base;
            cell_fixed(model, band, i, j, folded, pair, |a, b, f| {
                fixed[from * PAIRINGS + SLOT[a][b]] = f.score;
                if (a, b) == (1, 1) && !folded {
                    absent[from] = f.absent;
                }
            });
        }
    }
}

/// Fills [`BoundedScores`]'s `one_one`, `absent` and `merged` (`out`, in that order) for the
/// cells of DP rows `rows`: each is its part from the first of those rows' cells on.
fn fill_bounded(
    model: &Model,
    band: &Band,
    matches: &PairMatches,
    rows: std::ops::Range<usize>,
    folded: bool,
    (one_one, absent, merged): (&mut [f32], &mut [f32], &mut [f32]),
) {
    let base = band.start[rows.start];
    let pair = |x: usize, y: usize| matches.pair(x, y);
    for i in rows {
        for j in band.lo[i]..=band.hi[i] {
            let from = band.start[i] + j - band.lo[i] - base;
            cell_fixed(model, band, i, j, folded, pair, |a, b, f| {
                if (a, b) == (1, 1) {
                    one_one[from] = f.score;
                    if !folded {
                        absent[from] = f.absent;
                    }
                } else {
                    merged[from] = merged[from].max(f.score);
                }
            });
        }
    }
}

/// Calls `store(a, b, f)` with the fixed score `f`, as the search takes it ([`folding`]), of
/// each pairing bead of shape `(a, b)` from DP cell `(i, j)` that ends in the band; `pair`
/// gives the pair matches.
fn cell_fixed(
    model: &Model,
    band: &Band,
    i: usize,
    j: usize,
    folded: bool,
    pair: impl Fn(usize, usize) -> PairMatch + Copy,
    mut store: impl FnMut(usize, usize, FixedScore),
) {
    let (n, m) = (model.n_en(), model.n_ja());
    for &(a, b) in BEAD_SHAPES {
        if a == 0 || b == 0 || i + a > n || j + b > m {
            continue;
        }
        if band.cell(i + a, j + b).is_some() {
            store(
                a,
                b,
                folding(model.bead_fixed(i, a, j, b, pair), a, b, folded),
            );
        }
    }
}

/// The Japanese sentences whose matches ([`Model::pair`]) with English sentence `e` a band
/// bead can take. They are consumed by beads starting in DP rows e-2..=e and ending in rows
/// e+1..=e+3: from where the band starts in row e-2, which a steep band puts further left
/// than row e's. A pair outside these is never read (it counts as no match).
fn row_span(band: &Band, n: usize, m: usize, e: usize) -> std::ops::Range<usize> {
    let first = band.lo[(e + 1).saturating_sub(MAX_EN)].min(band.lo[e].saturating_sub(3));
    let end = band.hi[(e + 3).min(n)].min(m);
    first..end.max(first)
}

impl PairMatches {
    fn new(model: &Model, band: &Band) -> PairMatches {
        let (n, m) = (model.n_en(), model.n_ja());
        let none = Model::no_match();
        let is_none = |p: &PairMatch| {
            p.en.to_bits() == none.en.to_bits() && p.ja.to_bits() == none.ja.to_bits()
        };
        let mut pairs = model.pair_rows(0..n, |e| row_span(band, n, m, e));
        let mut rows = Vec::with_capacity(n);
        let (mut slots, mut matches) = (Vec::new(), Vec::new());
        let mut here = Vec::new();
        for e in 0..n {
            let first = row_span(band, n, m, e).start;
            pairs.row(e, &mut here);
            let kept = here.iter().filter(|p| !is_none(p)).count();
            let sparse = kept <= usize::from(u8::MAX)
                && here.len() + kept * std::mem::size_of::<PairMatch>()
                    < here.len() * std::mem::size_of::<PairMatch>();
            rows.push(PairRow {
                first,
                len: here.len(),
                slots: if sparse { slots.len() } else { usize::MAX },
                matches: matches.len(),
            });
            if sparse {
                let mut k = 0u8;
                for p in &here {
                    if is_none(p) {
                        slots.push(0);
                    } else {
                        k += 1;
                        slots.push(k);
                        matches.push(*p);
                    }
                }
            } else {
                matches.extend_from_slice(&here);
            }
        }
        slots.shrink_to_fit();
        matches.shrink_to_fit();
        PairMatches {
            rows,
            slots,
            matches,
            none,
        }
    }

    /// The match of English sentence `x` with Japanese sentence `y` as the band keeps it (no
    /// match outside its row).
    fn pair(&self, x: usize, y: usize) -> PairMatch {
        let row = &self.rows[x];
        let Some(k) = y.checked_sub(row.first).filter(|&k| k < row.len) else {
            return PairMatch::default();
        };
        if row.slots == usize::MAX {
            return self.matches[row.matches + k];
        }
        match self.slots[row.slots + k] {
            0 => self.none,
            s => self.matches[row.matches + usize::from(s) - 1],
        }
    }

    /// The fixed score of the bead of shape `(a, b)` (both ≥ 1) from DP cell `(i, j)`, made
    /// from the pair matches; `folded`: [`BeadScores::folded`].
    fn fixed(
        &self,
        model: &Model,
        i: usize,
        j: usize,
        a: usize,
        b: usize,
        folded: bool,
    ) -> FixedScore {
        let f = model.bead_fixed(i, a, j, b, |x, y| self.pair(x, y));
        folding(f, a, b, folded)
    }
}

/// The fixed score `f` of a bead of shape `(a, b)` as the search takes it: when `folded`
/// ([`BeadScores::folded`]) with its absent-evidence cost subtracted, else with that cost
/// apart for the 1-1 bead only.
fn folding(f: FixedScore, a: usize, b: usize, folded: bool) -> FixedScore {
    if folded {
        FixedScore {
            // What `Model::shifted` would subtract, at a scale of 1.
            score: f.score - 1.0 * f.absent,
            absent: 0.0,
        }
    } else {
        FixedScore {
            score: f.score,
            absent: if (a, b) == (1, 1) { f.absent } else { 0.0 },
        }
    }
}

/// The best alignment of the model's two documents, every bead with its confidence. Searches
/// the whole table for small pairs (`params.full_search_cells`), else a band of
/// `params.band` sentences around the anchor path, widened where the best path runs along
/// its edges (by twice as much each time) until it stays clear of them. When one side is empty, every sentence of the other is a skip.
/// `threads`: how many threads it may take (it takes two at most).
pub fn search(model: &mut Model, params: &Params, threads: usize) -> Alignment {
    search_in(model, params, threads).0
}

/// [`search`], with the band it searched last.
fn search_in(model: &mut Model, params: &Params, threads: usize) -> (Alignment, Band) {
    let (n, m) = (model.n_en(), model.n_ja());
    if n == 0 || m == 0 {
        let beads = (0..n)
            .map(|i| Bead {
                en: i..i + 1,
                ja: m..m,
                score: 1.0,
            })
            .chain((0..m).map(|j| Bead {
                en: n..n,
                ja: j..j + 1,
                score: 1.0,
            }))
            .collect::<Vec<_>>();
        let margins = vec![f32::INFINITY; beads.len()];
        return (scored(model, beads, &margins), Band::full(n, m));
    }
    if n == 1 && m == 1 && !model.furniture(true, 0) && !model.furniture(false, 0) {
        // One sentence given for each side is given as a pair: its score (the short model's)
        // says whether it is one, and `check` compares its numbers. Left as two unmatched
        // sentences, a translation that changed its one number came out as an omission and
        // an addition.
        let beads = vec![Bead {
            en: 0..1,
            ja: 0..1,
            score: 1.0,
        }];
        return (scored(model, beads, &[f32::INFINITY]), Band::full(n, m));
    }
    let full = n.saturating_mul(m) <= params.full_search_cells;
    let anchors = if full {
        Vec::new()
    } else {
        anchor_path(&model.anchor_pairs(), n, m)
    };
    let mut w = params.band.max(4);
    // The most cells the band may take: time and memory in proportion to n + m whatever the
    // documents hold (two documents repeating one sentence in unequal numbers would widen
    // it to the whole table), never less than a full search would take.
    let most = params
        .full_search_cells
        .max(params.band_cells.saturating_mul(n + m + 2));
    let mut band = if full || (w >= m.max(n) && n.saturating_mul(m) <= most) {
        Band::full(n, m)
    } else {
        Band::around(&anchors, n, m, w)
    };
    while band.cells() > most && w > 1 {
        w /= 2;
        band = Band::around(&anchors, n, m, w);
    }
    loop {
        let beads = BeadScores::new(model, &band, threads);
        let clean_shift = (params.skip_clean - params.skip_score).min(0.0);
        if params.skip_clean < 0.0 {
            model.set_irregularity(clean_shift);
        }
        let mut forward = run_dp(model, &band, &beads);
        if params.skip_clean < 0.0 {
            // How often this document leaves sentences out or merges them, judged by a first
            // pass that takes it for a clean translation: only what the evidence forces
            // survives that pass.
            let irregular: usize = forward
                .path
                .iter()
                .map(|b| match (b.en.len(), b.ja.len()) {
                    (1, 1) => 0,
                    (a, 0) | (0, a) => a,
                    (a, b) => a + b - 2,
                })
                .sum();
            let rate = (irregular as f32 + params.skip_prior) / ((n + m) as f32 / 2.0 + 1.0);
            let shift = (rate / params.skip_rate_ref).ln().clamp(clean_shift, 0.0);
            if shift != clean_shift {
                model.set_irregularity(shift);
                // The first pass's table goes before the second's is made: one at a time.
                // Where its path ran along the band's edge, the band widens too: a wider
                // band might find another first path, and so another shift.
                let first = std::mem::take(&mut forward.touched);
                drop(forward);
                forward = run_dp(model, &band, &beads);
                forward.touched = merged(&first, &forward.touched);
            }
        }
        let is_full = band.lo.iter().all(|&l| l == 0) && band.hi.iter().all(|&h| h == m);
        if forward.touched.is_empty() || is_full {
            return (finish(model, &band, beads, forward), band);
        }
        let wider = band.widened(&forward.touched, w);
        if wider.cells() > most {
            // The band may grow no further: its best path is the answer, and the caller is
            // told that a wider search might have found a better one.
            let mut alignment = finish(model, &band, beads, forward);
            alignment.band_capped = true;
            return (alignment, band);
        }
        band = wider;
        w *= 2;
    }
}

/// The rows of two increasing lists, increasing, each once.
fn merged(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut rows: Vec<usize> = a.iter().chain(b).copied().collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// What the forward DP found.
struct Forward {
    /// The best path's beads, in order (scores not yet set).
    path: Vec<Bead>,
    /// Best score from the start to each cell of the band.
    best: Vec<f32>,
    /// The rows where the path ran along the band's edge, where a wider band might do better,
    /// in increasing order.
    touched: Vec<usize>,
}

/// Runs the DP.
fn run_dp(model: &Model, band: &Band, beads: &BeadScores) -> Forward {
    let (n, m) = (model.n_en(), model.n_ja());
    let cells = *band.start.last().unwrap_or(&0);
    let mut best = vec![f32::NEG_INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    best[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = band.start[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let mut top = f32::NEG_INFINITY;
            let mut arg = u8::MAX;
            for (s, &(a, b)) in BEAD_SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(from) = band.cell(i - a, j - b) else {
                    continue;
                };
                let base = best[from];
                if base == f32::NEG_INFINITY {
                    continue;
                }
                if let Some(upper) = beads.upper(model, from, i - a, j - b, a, b) {
                    if base + upper <= top {
                        continue;
                    }
                }
                let gain = gain_over(model, beads, from, i - a, j - b, a, b, top - base);
                if base + gain > top {
                    top = base + gain;
                    arg = s as u8;
                }
            }
            best[here] = top;
            back[here] = arg;
        }
    }
    // Walk back from the end.
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut touched = Vec::new();
    while i > 0 || j > 0 {
        let here = band.cell(i, j).expect("path stays in band");
        if (j == band.lo[i] && j > 0 && band.lo[i] > 0) || (j == band.hi[i] && j < m) {
            touched.push(i);
        }
        let (a, b) = BEAD_SHAPES[back[here] as usize];
        beads.push(Bead {
            en: i - a..i,
            ja: j - b..j,
            score: 0.0,
        });
        i -= a;
        j -= b;
    }
    beads.reverse();
    touched.reverse();
    Forward {
        path: beads,
        best,
        touched,
    }
}

/// Score of the bead that covers `a` English sentences from `i` and `b` Japanese from `j`
/// (band cell `from`) when it exceeds `floor`, else anything not above `floor`: the
/// exclusive cost of a merged bead is only worked out for beads that could still win.
#[allow(clippy::too_many_arguments)]
fn gain_over(
    model: &Model,
    beads: &BeadScores,
    from: usize,
    i: usize,
    j: usize,
    a: usize,
    b: usize,
    floor: f32,
) -> f32 {
    let upper = gain_before_exclusive(model, beads, from, i, j, a, b);
    if upper <= floor {
        upper
    } else {
        less_exclusive(model, beads, upper, from, i, j, a, b)
    }
}

/// [`gain_over`]'s score of its bead but for the bead's exclusive cost, if any: a bound on
/// the score, since that cost is never negative.
fn gain_before_exclusive(
    model: &Model,
    beads: &BeadScores,
    from: usize,
    i: usize,
    j: usize,
    a: usize,
    b: usize,
) -> f32 {
    if a == 0 || b == 0 {
        return model.skips(i, a, j, b);
    }
    model.shifted(beads.get(model, from, i, j, a, b), i, a, j, b) + model.paragraph_start(i, j)
}

/// The score of the bead [`gain_before_exclusive`] gave `upper` for: `upper` less the bead's
/// exclusive cost when it pairs sentences.
#[allow(clippy::too_many_arguments)]
fn less_exclusive(
    model: &Model,
    beads: &BeadScores,
    upper: f32,
    from: usize,
    i: usize,
    j: usize,
    a: usize,
    b: usize,
) -> f32 {
    if a == 0 || b == 0 {
        upper
    } else {
        upper - beads.exclusive(model, from, i, j, a, b)
    }
}

/// What the margins need of the best scores from the cells to the end, for each bead of the
/// path: the score from its first cell, and from each cell a bead of another shape starting
/// there would end in (`None` outside the band).
struct RestAround {
    from_start: f32,
    after: [Option<f32>; BEAD_SHAPES.len()],
}

/// The best score from each cell to the end (the forward DP run backwards), kept for the last
/// [`MAX_EN`] + 1 rows only: what the margins need of it ([`RestAround`], one a bead of
/// `path`) is taken as each row is done, so the table costs no memory per band cell.
fn backward(model: &Model, band: &Band, beads: &BeadScores, path: &[Bead]) -> Vec<RestAround> {
    let (n, m) = (model.n_en(), model.n_ja());
    // Row i's scores are `rows[i % ROWS]`, from column `band.lo[i]`.
    const ROWS: usize = MAX_EN + 1;
    let widest = (0..=n)
        .map(|i| band.hi[i] + 1 - band.lo[i])
        .max()
        .unwrap_or(0);
    let mut rows: [Vec<f32>; ROWS] = std::array::from_fn(|_| Vec::with_capacity(widest));
    let rest = |rows: &[Vec<f32>; ROWS], i: usize, j: usize| -> Option<f32> {
        (j >= band.lo[i] && j <= band.hi[i]).then(|| rows[i % ROWS][j - band.lo[i]])
    };
    let mut around: Vec<RestAround> = Vec::with_capacity(path.len());
    // The beads whose first row is below this are not taken yet (the path's first rows
    // only grow along it).
    let mut next = path.len();
    for i in (0..=n).rev() {
        let mut row = std::mem::take(&mut rows[i % ROWS]);
        row.clear();
        row.resize(band.hi[i] + 1 - band.lo[i], f32::NEG_INFINITY);
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let k = j - band.lo[i];
            let start = band.start[i] + k;
            if i == n && j == m {
                row[k] = 0.0;
                continue;
            }
            let mut top = f32::NEG_INFINITY;
            for &(a, b) in BEAD_SHAPES {
                if i + a > n || j + b > m {
                    continue;
                }
                let to = if a == 0 {
                    (j + b <= band.hi[i]).then(|| row[k + b])
                } else {
                    rest(&rows, i + a, j + b)
                };
                let Some(to) = to else {
                    continue;
                };
                if to > f32::NEG_INFINITY {
                    if let Some(upper) = beads.upper(model, start, i, j, a, b) {
                        // Passed over only strictly below `top`: one that comes to `top`
                        // exactly might be 0 where `top` is -0, which `max` may take.
                        if upper + to < top {
                            continue;
                        }
                    }
                    let gain = gain_over(model, beads, start, i, j, a, b, top - to);
                    top = top.max(gain + to);
                }
            }
            row[k] = top;
        }
        rows[i % ROWS] = row;
        while next > 0 && path[next - 1].en.start == i {
            next -= 1;
            let (i0, j0) = (i, path[next].ja.start);
            let mut after = [None; BEAD_SHAPES.len()];
            for (s, &(a, b)) in BEAD_SHAPES.iter().enumerate() {
                if i0 + a <= n && j0 + b <= m {
                    after[s] = rest(&rows, i0 + a, j0 + b);
                }
            }
            around.push(RestAround {
                from_start: rest(&rows, i0, j0).expect("path stays in band"),
                after,
            });
        }
    }
    around.reverse();
    around
}

/// Sets each bead's score from the evidence in and around it ([`evidence`]), given its margin:
/// how much worse the best alignment is that does not take this bead, but takes another bead
/// ending where it ends or starting where it starts.
fn finish(model: &Model, band: &Band, beads: BeadScores, forward: Forward) -> Alignment {
    let (n, m) = (model.n_en(), model.n_ja());
    let Forward {
        path,
        best: forward,
        ..
    } = forward;
    let rest = backward(model, band, &beads, &path);
    let total = forward[band.cell(n, m).expect("end in band")];
    let margins: Vec<f32> = path
        .iter()
        .enumerate()
        .map(|(k, bead)| {
            let (i0, j0, i1, j1) = (bead.en.start, bead.ja.start, bead.en.end, bead.ja.end);
            let shape = (i1 - i0, j1 - j0);
            // The best score from the bead's last cell to the end: the next bead's first
            // cell, or the end of both documents.
            let rest_end = rest.get(k + 1).map_or(0.0, |r| r.from_start);
            let mut alt = f32::NEG_INFINITY;
            // `alt` raised to the score of the bead of shape (a, b) from DP cell (i, j), band
            // cell `from`, with the best score `after` it. Its exclusive cost, the dearest
            // part of its gain, is only worked out when it could raise `alt` without it (one
            // that comes to `alt` exactly is not passed over: it might be 0 where `alt` is -0).
            let mut raise = |from: usize, i: usize, j: usize, a: usize, b: usize, after: f32| {
                let upper = gain_before_exclusive(model, &beads, from, i, j, a, b);
                if forward[from] + upper + after < alt {
                    return;
                }
                let gain = less_exclusive(model, &beads, upper, from, i, j, a, b);
                alt = alt.max(forward[from] + gain + after);
            };
            for (s, &(a, b)) in BEAD_SHAPES.iter().enumerate() {
                if (a, b) == shape {
                    continue;
                }
                // Another bead ending at (i1, j1).
                if a <= i1 && b <= j1 {
                    if let Some(from) = band.cell(i1 - a, j1 - b) {
                        raise(from, i1 - a, j1 - b, a, b, rest_end);
                    }
                }
                // Another bead starting at (i0, j0).
                if let Some(to) = rest[k].after[s] {
                    let from = band.cell(i0, j0).expect("path stays in band");
                    raise(from, i0, j0, a, b, to);
                }
            }
            (total - alt).max(0.0)
        })
        .collect();
    // The search's tables go before the evidence is gathered.
    drop(rest);
    drop(forward);
    drop(beads);
    scored(model, path, &margins)
}

/// `path` with every bead scored from its evidence ([`evidence::gather`]).
fn scored(model: &Model, mut path: Vec<Bead>, margins: &[f32]) -> Alignment {
    let (evidence, document) = evidence::gather(model, &path, margins);
    evidence::score_all(&mut path, &evidence, &document);
    for bead in path.iter_mut().filter(|b| !b.is_pair()) {
        // Page furniture has no counterpart by definition.
        let (english, k) = if bead.ja.is_empty() {
            (true, bead.en.start)
        } else {
            (false, bead.ja.start)
        };
        if model.furniture(english, k) {
            bead.score = 1.0;
        }
    }
    Alignment {
        beads: path,
        evidence,
        document,
        ..Alignment::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::cost::Scratch;
    use crate::align::{Layout, Side};
    use crate::features::{AnchorKind, Item, SentenceFeatures};
    use proptest::prelude::*;

    /// A sentence of length `len` whose items hold one key each.
    fn sentence(len: u8, keys: &[u64]) -> SentenceFeatures {
        SentenceFeatures {
            len: f32::from(len),
            items: keys
                .iter()
                .map(|&k| Item {
                    kind: AnchorKind::Word,
                    keys: vec![k],
                    span: 0..0,
                })
                .collect(),
        }
    }

    fn align(en: &[SentenceFeatures], ja: &[SentenceFeatures], params: &Params) -> Alignment {
        let (ep, jp) = (vec![0; en.len()], vec![0; ja.len()]);
        let side = |features, paragraphs| Side {
            features,
            layout: Layout {
                paragraphs,
                furniture: &[],
            },
        };
        crate::align::align(side(en, &ep), side(ja, &jp), params, 1)
    }

    /// Two documents translating one: each sentence of the source has a length and a few
    /// keys, of its own or shared with others, and either side may leave it out or write it
    /// at another length. The shared keys come from a large alphabet: few are written by as
    /// many sentences on each side, since a key that is makes a link of the band's line,
    /// and a wrong link can lead the band away from the best path without its ever touching
    /// the band's edge (the widening's rule is a heuristic: with keys from 6 shared by many
    /// sentences, a band of 4 misses the full search's path in about one case in ten).
    fn translation() -> impl Strategy<Value = (Vec<SentenceFeatures>, Vec<SentenceFeatures>)> {
        let source = (
            (5u8..60, 1u8..4),
            prop::collection::vec(0u64..400, 0..3),
            prop::collection::vec(400u64..406, 0..1),
            (prop::bool::weighted(0.12), prop::bool::weighted(0.12)),
        );
        prop::collection::vec(source, 1..60).prop_map(|v| {
            let (mut en, mut ja) = (Vec::new(), Vec::new());
            for ((len, ratio), own, shared) in v.iter().map(|(l, o, s, _)| (l, o, s)) {
                let keys: Vec<u64> = own.iter().chain(shared).copied().collect();
                en.push((len.saturating_mul(*ratio), keys.clone()));
                ja.push((*len, keys));
            }
            let drop = |side: Vec<(u8, Vec<u64>)>, pick: fn(&(bool, bool)) -> bool| {
                side.into_iter()
                    .zip(&v)
                    .filter(|(_, (_, _, _, d))| !pick(d))
                    .map(|((len, keys), _)| sentence(len.max(1), &keys))
                    .collect::<Vec<_>>()
            };
            (drop(en, |d| d.0), drop(ja, |d| d.1))
        })
    }

    /// `f` of the cost model of `en` against `ja` (one paragraph a side, no furniture).
    fn with_model<R>(
        en: &[SentenceFeatures],
        ja: &[SentenceFeatures],
        params: &Params,
        f: impl FnOnce(&mut Model) -> R,
    ) -> R {
        let (ep, jp) = (vec![0; en.len()], vec![0; ja.len()]);
        let tables = crate::align::PairTables::new(
            crate::align::AnchorTable::from_features(en),
            crate::align::AnchorTable::from_features(ja),
        );
        let layout = |paragraphs| Layout {
            paragraphs,
            furniture: &[],
        };
        let mut model = Model::new(&tables, layout(&ep), layout(&jp), params);
        f(&mut model)
    }

    /// The search's alignment of `en` with `ja` and the band it searched last.
    fn search_with_band(
        en: &[SentenceFeatures],
        ja: &[SentenceFeatures],
        params: &Params,
    ) -> (Alignment, Band) {
        with_model(en, ja, params, |model| search_in(model, params, 1))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// A band of 4 finds the full search's beads whenever the full search's path lies in
        /// the band it ends with. When it does not, the band can miss that path without its
        /// own best path ever touching the band's edge (the widening's rule is a heuristic;
        /// random cases like these find such near ties now and then).
        #[test]
        fn a_banded_search_finds_the_full_searchs_beads((en, ja) in translation()) {
            prop_assume!(!en.is_empty() && !ja.is_empty());
            let full = Params {
                full_search_cells: usize::MAX,
                ..Params::default()
            };
            let banded = Params {
                full_search_cells: 0,
                band: 4,
                band_cells: usize::MAX,
                ..full.clone()
            };
            let ranges = |a: &Alignment| {
                a.beads
                    .iter()
                    .map(|b| (b.en.clone(), b.ja.clone()))
                    .collect::<Vec<_>>()
            };
            let (f, _) = search_with_band(&en, &ja, &full);
            let (b, band) = search_with_band(&en, &ja, &banded);
            prop_assert!(!f.band_capped && !b.band_capped);
            prop_assert!(b.covers(en.len(), ja.len()));
            let inside = f
                .beads
                .iter()
                .all(|bead| band.cell(bead.en.end, bead.ja.end).is_some());
            if inside {
                prop_assert_eq!(ranges(&f), ranges(&b));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// However much of the fixed scores a band keeps, the passes of the search and the
        /// margins come out the same, bit for bit: with `align`'s parameters and `check`'s
        /// (which keep the absent-evidence cost apart), at no shift of the skip scores and at
        /// a clean translation's.
        #[test]
        fn what_a_band_keeps_changes_no_score((en, ja) in translation()) {
            prop_assume!(!en.is_empty() && !ja.is_empty());
            for params in [Params::default(), Params::for_checking()] {
                with_model(&en, &ja, &params, |model| {
                    let (n, m) = (model.n_en(), model.n_ja());
                    let band = Band::around(&anchor_path(&model.anchor_pairs(), n, m), n, m, 4);
                    for shift in [0.0, params.skip_clean - params.skip_score] {
                        model.set_irregularity(shift);
                        let run = |keep| {
                            let beads = BeadScores::keeping(model, &band, 1, keep);
                            let forward = run_dp(model, &band, &beads);
                            let best: Vec<u32> = forward.best.iter().map(|f| f.to_bits()).collect();
                            let alignment = finish(model, &band, beads, forward);
                            let beads: Vec<_> = (alignment.beads.iter())
                                .map(|b| (b.en.clone(), b.ja.clone(), b.score.to_bits()))
                                .collect();
                            (best, beads)
                        };
                        let all = run(Keep::All);
                        assert_eq!(run(Keep::Bounds), all);
                        assert_eq!(run(Keep::Matches), all);
                    }
                });
            }
        }
    }

    /// Pair matches as the bits of their two sums.
    type MatchBits = Vec<(u32, u32)>;

    /// Every pair match of every row of `en` against `ja` in a band of 4 around their
    /// anchors, from [`Model::pair_rows`] and from [`Model::pair`].
    fn rows_both_ways(en: &[SentenceFeatures], ja: &[SentenceFeatures]) -> (MatchBits, MatchBits) {
        with_model(en, ja, &Params::default(), |model| {
            let (n, m) = (model.n_en(), model.n_ja());
            let band = Band::around(&anchor_path(&model.anchor_pairs(), n, m), n, m, 4);
            let bits = |p: PairMatch| (p.en.to_bits(), p.ja.to_bits());
            let mut rows = model.pair_rows(0..n, |e| row_span(&band, n, m, e));
            let (mut scratch, mut row) = (Scratch::default(), Vec::new());
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            for e in 0..n {
                rows.row(e, &mut row);
                fast.extend(row.iter().map(|&p| bits(p)));
                let span = row_span(&band, n, m, e);
                slow.extend(span.map(|j| bits(model.pair(e, j, &mut scratch))));
            }
            (fast, slow)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        #[test]
        fn pair_rows_are_the_pairs_matches((en, ja) in translation()) {
            prop_assume!(!en.is_empty() && !ja.is_empty());
            let (fast, slow) = rows_both_ways(&en, &ja);
            prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn pair_rows_are_the_pairs_matches_over_many_blocks() {
        // Keys shared by neighbours and by every 7th and 11th sentence, some sentences
        // without any: rows that share many keys and rows that share none.
        let keys = |k: u64, step: u64| match k % 13 {
            0 => vec![],
            _ => vec![k, k / step + 10_000, (k % 7) + 20_000, (k % 11) + 30_000],
        };
        let en: Vec<_> = (0..3000u64)
            .map(|k| sentence(20 + (k % 30) as u8, &keys(k, 3)))
            .collect();
        let ja: Vec<_> = (0..2900u64)
            .map(|k| sentence(10 + (k % 20) as u8, &keys(k, 5)))
            .collect();
        let (fast, slow) = rows_both_ways(&en, &ja);
        assert!(fast.len() > 3000);
        assert_eq!(fast, slow);
    }

    /// 400 English and 380 Japanese sentences, each sharing a key with its counterpart and
    /// one with a few neighbours: a full band large enough to be split between two threads.
    fn split_sized() -> (Vec<SentenceFeatures>, Vec<SentenceFeatures>) {
        let en = (0..400u64)
            .map(|k| sentence(20 + (k % 30) as u8, &[k, k / 3 + 1000]))
            .collect();
        let ja = (0..380u64)
            .map(|k| sentence(10 + (k % 20) as u8, &[k, k / 5 + 1000]))
            .collect();
        (en, ja)
    }

    #[test]
    fn bounded_scores_made_on_two_threads_are_those_made_on_one() {
        let (en, ja) = split_sized();
        let band = Band::full(en.len(), ja.len());
        assert!(band.cells() >= SPLIT_CELLS);
        with_model(&en, &ja, &Params::for_checking(), |model| {
            let bits =
                |threads| match BeadScores::keeping(model, &band, threads, Keep::Bounds).scores {
                    Scores::Bounded(b) => (b.one_one.iter().chain(&b.absent).chain(&b.merged))
                        .map(|f| f.to_bits())
                        .collect::<Vec<_>>(),
                    _ => panic!("bounds were asked for"),
                };
            assert_eq!(bits(1), bits(2));
        });
    }

    #[test]
    fn kept_scores_made_on_two_threads_are_those_made_on_one() {
        let (en, ja) = split_sized();
        let band = Band::full(en.len(), ja.len());
        assert!((SPLIT_CELLS..=KEPT_CELLS).contains(&band.cells()));
        with_model(&en, &ja, &Params::default(), |model| {
            let bits = |threads| match BeadScores::new(model, &band, threads).scores {
                Scores::Kept(kept) => (kept.fixed.iter().chain(&kept.absent))
                    .map(|f| f.to_bits())
                    .collect::<Vec<_>>(),
                _ => panic!("a band this small keeps its scores"),
            };
            assert_eq!(bits(1), bits(2));
        });
    }

    #[test]
    fn the_cap_binds_on_repeated_sentences_and_every_sentence_is_still_covered() {
        // One sentence 300 times against its translation 200 times: every band's best path
        // runs along its edge, and the band would widen to the whole table.
        let en = vec![sentence(30, &[1, 2, 3]); 300];
        let ja = vec![sentence(12, &[1, 2, 3]); 200];
        let params = Params {
            full_search_cells: 0,
            band_cells: 8,
            ..Params::default()
        };
        let alignment = align(&en, &ja, &params);
        assert!(alignment.band_capped);
        assert!(alignment.covers(300, 200));
        // With room enough, the same search is not capped.
        let roomy = Params {
            band_cells: 1000,
            ..params
        };
        let alignment = align(&en, &ja, &roomy);
        assert!(!alignment.band_capped);
        assert!(alignment.covers(300, 200));
    }

    #[test]
    fn one_sentence_against_thousands_has_a_path_through_its_band() {
        // The anchor line climbs 3,000 columns in one row, far more than the band is wide.
        let en = vec![sentence(30, &[1])];
        let ja: Vec<_> = (0..3000).map(|k| sentence(12, &[k + 2])).collect();
        let params = Params {
            full_search_cells: 0,
            ..Params::default()
        };
        let alignment = align(&en, &ja, &params);
        assert!(alignment.covers(1, 3000));
    }

    #[test]
    fn a_band_widens_only_around_the_rows_where_the_path_touched_it() {
        let diagonal = [Link { en: 0, ja: 0 }, Link { en: 200, ja: 200 }];
        let band = Band::around(&diagonal, 200, 200, 4);
        let wide = band.widened(&[100], 4);
        // Far from row 100 the band is as it was; at row 100 it is 4 wider on each side.
        for i in [0, 10, 50, 150, 190, 200] {
            assert_eq!(
                (wide.lo[i], wide.hi[i]),
                (band.lo[i], band.hi[i]),
                "row {i}"
            );
        }
        assert_eq!((band.lo[100], band.hi[100]), (96, 104));
        assert_eq!((wide.lo[100], wide.hi[100]), (92, 108));
        // Still monotone, so every cell stays reachable.
        assert!(wide.lo.windows(2).all(|w| w[0] <= w[1]));
        assert!(wide.hi.windows(2).all(|w| w[0] <= w[1]));
        assert!(wide.start.last() > band.start.last());
    }
}
