//! The score of a bead: anchor similarity weighted by rarity, a length model fitted to
//! Japanese–English, and priors on the bead's shape and its place among paragraphs.

use std::collections::HashMap;

use super::{Params, Side};
use crate::features::AnchorKind;

/// One sentence reduced to what scoring needs.
struct Compact {
    /// (key, item index) sorted by key; only keys seen on the other side of the document.
    keys: Vec<(u64, u32)>,
    /// Weight of each item: the rarity of its rarest key that the other side also has.
    weights: Vec<f32>,
    total: f32,
    /// Weight of its numbers and dates that no sentence of the other side writes: content
    /// a translation would have matched, counted toward the absent-evidence threshold only.
    orphan_numbers: f32,
    /// Weight of its Latin-script words that the other side never writes: counted against
    /// every pairing of the sentence, as if unmatched.
    orphan_latin: f32,
    len: f32,
    paragraph: usize,
}

/// Everything fixed about a document pair once its features are known.
pub struct Model {
    en: Vec<Compact>,
    ja: Vec<Compact>,
    /// Mean ln(English length / Japanese length) of the document.
    mu: f32,
    /// Median matchable anchor weight of a sentence with any: the document's unit of weight,
    /// which grows with its length (rarity is counted against all its sentences).
    unit: f32,
    params: Params,
    /// Log-odds shift of the skip and merge scores for this document, set by the search.
    irregularity: f32,
}

/// How much of each side of a sentence pair the other side's anchors match.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairMatch {
    /// Weight of the English sentence's anchors that the Japanese one matches.
    pub en: f32,
    /// Weight of the Japanese sentence's anchors that the English one matches.
    pub ja: f32,
}

/// Scratch space reused across pair computations.
#[derive(Default)]
pub struct Scratch {
    en_marks: Vec<bool>,
    ja_marks: Vec<bool>,
}

impl Model {
    /// The model of one document pair: each anchor key weighted by how rare it is in the
    /// document, the length ratio measured on the pair, and the parameters to score with.
    pub fn new(en: &Side<'_>, ja: &Side<'_>, params: &Params) -> Model {
        // Document frequency of every key on each side: a key in one sentence is telling,
        // a key in half of them says little.
        let mut df: HashMap<u64, (u32, u32)> = HashMap::new();
        for (side, features) in [(0, en.features), (1, ja.features)] {
            let mut seen = Vec::new();
            for f in features {
                seen.clear();
                seen.extend(f.items.iter().flat_map(|it| it.keys.iter().copied()));
                seen.sort_unstable();
                seen.dedup();
                for &k in &seen {
                    let e = df.entry(k).or_default();
                    if side == 0 {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
            }
        }
        let n = (en.features.len() + ja.features.len()) as f32 / 2.0;
        // A key's rarity, and whether side `other` writes it at all.
        let key_stats = |k: u64, other: usize| -> (f32, bool) {
            let (de, dj) = df[&k];
            let written = if other == 0 { de > 0 } else { dj > 0 };
            ((1.0 + n / de.max(dj) as f32).ln(), written)
        };
        let compact = |side: &Side<'_>, other: usize| -> Vec<Compact> {
            side.features
                .iter()
                .zip(side.paragraphs)
                .map(|(f, &paragraph)| {
                    let mut keys = Vec::new();
                    let mut weights = Vec::new();
                    let (mut orphan_numbers, mut orphan_latin) = (0.0f32, 0.0f32);
                    for item in &f.items {
                        let idx = weights.len() as u32;
                        let (mut w, mut orphan) = (0.0f32, 0.0f32);
                        for &k in &item.keys {
                            let (rarity, written) = key_stats(k, other);
                            if written {
                                w = w.max(rarity);
                                keys.push((k, idx));
                            } else {
                                orphan = orphan.max(rarity);
                            }
                        }
                        if w > 0.0 {
                            weights.push(w);
                            continue;
                        }
                        match item.kind {
                            AnchorKind::Number | AnchorKind::Date => {
                                orphan_numbers += params.orphan_number * orphan
                            }
                            AnchorKind::Latin => orphan_latin += params.orphan_latin * orphan,
                            AnchorKind::Name | AnchorKind::Word | AnchorKind::Web | AnchorKind::Mood => {}
                        }
                    }
                    keys.sort_unstable();
                    keys.dedup();
                    Compact {
                        total: weights.iter().sum(),
                        orphan_numbers,
                        orphan_latin,
                        keys,
                        weights,
                        len: f.len,
                        paragraph,
                    }
                })
                .collect()
        };
        let en_c = compact(en, 1);
        let ja_c = compact(ja, 0);
        let le: f32 = en_c.iter().map(|c| c.len).sum();
        let lj: f32 = ja_c.iter().map(|c| c.len).sum();
        let mu = if le > 0.0 && lj > 0.0 {
            (le / lj).ln()
        } else {
            1.0
        };
        let mut totals: Vec<f32> = en_c
            .iter()
            .chain(&ja_c)
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
            irregularity: 0.0,
            params: params.clone(),
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
        let (e, k) = (&self.en[i], &self.ja[j]);
        if e.keys.is_empty() || k.keys.is_empty() {
            return PairMatch::default();
        }
        scratch.en_marks.clear();
        scratch.en_marks.resize(e.weights.len(), false);
        scratch.ja_marks.clear();
        scratch.ja_marks.resize(k.weights.len(), false);
        // Every item on either side holding a shared key is matched.
        shared_keys(e, k, |mine, theirs| {
            for &(_, x) in mine {
                scratch.en_marks[x as usize] = true;
            }
            for &(_, x) in theirs {
                scratch.ja_marks[x as usize] = true;
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
        PairMatch {
            en: sum(&scratch.en_marks, &e.weights),
            ja: sum(&scratch.ja_marks, &k.weights),
        }
    }

    /// Score of leaving one sentence unmatched.
    pub fn skip(&self) -> f32 {
        self.params.skip_score + self.irregularity
    }

    /// Sets how much less likely than the parameters assume this document is to leave a
    /// sentence out or merge sentences: a log-odds shift (≤ 0) of the skip and merge scores.
    pub fn set_irregularity(&mut self, shift: f32) {
        self.irregularity = shift;
    }

    /// Score of the bead pairing English `ei..ei+a` with Japanese `ji..ji+b` (a, b ≥ 1), given
    /// the matches of its sentence pairs, before [`Model::exclusive_cost`] is taken off: a bound on
    /// the full score that is cheap to compute, so the search can skip the exclusive cost of a
    /// bead that cannot win anyway.
    pub fn bead_base(
        &self,
        ei: usize,
        a: usize,
        ji: usize,
        b: usize,
        pair: impl Fn(usize, usize) -> PairMatch,
    ) -> f32 {
        let p = &self.params;
        let (mut le, mut lj, mut we, mut wj, mut me, mut mj) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut orphan_numbers = 0.0;
        for i in ei..ei + a {
            le += self.en[i].len;
            we += self.en[i].total + self.en[i].orphan_latin;
            orphan_numbers += self.en[i].orphan_numbers;
        }
        for j in ji..ji + b {
            lj += self.ja[j].len;
            wj += self.ja[j].total + self.ja[j].orphan_latin;
            orphan_numbers += self.ja[j].orphan_numbers;
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
                me += en_m.min(self.en[i].total);
            }
            for (jj, j) in (ji..ji + b).enumerate() {
                mj += ja_m[jj].min(self.ja[j].total);
            }
        }
        let sim = (me + mj) / (we + wj + p.sim_smoothing);
        let d = ((le + 1.0) / (lj + 1.0)).ln() - self.mu;
        let var = p.len_sigma * p.len_sigma + p.len_short_var / (lj + 1.0);
        let mut score = p.sim_weight * sim - p.len_weight * d * d / (2.0 * var);
        if a == 1
            && b == 1
            && we + wj + orphan_numbers >= p.absent_min_weight * self.unit
            && sim < p.absent_sim
        {
            score -= p.absent_weight * (p.absent_sim - sim);
        }
        if a + b > 2 {
            score += (p.merge_score + self.irregularity * p.merge_shift) * (a + b - 2) as f32;
            if self.en[ei].paragraph != self.en[ei + a - 1].paragraph
                || self.ja[ji].paragraph != self.ja[ji + b - 1].paragraph
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
        let (en, ja) = (&self.en[ei..ei + a], &self.ja[ji..ji + b]);
        let shortfall = |ex: f32| (p.exclusive_min - ex).max(0.0) / p.exclusive_min;
        let mut cost = 0.0;
        if a > 1 {
            cost += exclusive(en, ja)[..a]
                .iter()
                .map(|&ex| shortfall(ex))
                .sum::<f32>();
        }
        if b > 1 {
            cost += exclusive(ja, en)[..b]
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
        if i < self.en.len() && j < self.ja.len() && starts(&self.en, i) && starts(&self.ja, j) {
            self.params.paragraph_bonus
        } else {
            0.0
        }
    }

    /// Pairs of sentences that share a key found in no other sentence of either document:
    /// the skeleton the search band follows.
    pub fn unique_pairs(&self) -> Vec<(usize, usize)> {
        let mut first: HashMap<u64, (u32, u32, usize, usize)> = HashMap::new();
        for (i, c) in self.en.iter().enumerate() {
            let mut last = None;
            for &(k, _) in &c.keys {
                if last == Some(k) {
                    continue;
                }
                last = Some(k);
                let e = first.entry(k).or_insert((0, 0, i, 0));
                e.0 += 1;
            }
        }
        for (j, c) in self.ja.iter().enumerate() {
            let mut last = None;
            for &(k, _) in &c.keys {
                if last == Some(k) {
                    continue;
                }
                last = Some(k);
                if let Some(e) = first.get_mut(&k) {
                    e.1 += 1;
                    e.3 = j;
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = first
            .values()
            .filter(|e| e.0 == 1 && e.1 == 1)
            .map(|e| (e.2, e.3))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
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

/// For each member of a merged bead, the anchor weight of the `others`' items that it matches
/// and no other member does: what it brings that its companions do not. Entries past
/// `members.len()` are 0.
fn exclusive(members: &[Compact], others: &[Compact]) -> [f32; MAX_MEMBERS] {
    thread_local! {
        static MASK: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    MASK.with(|mask| {
        let mut mask = mask.borrow_mut();
        let mut total = [0.0; MAX_MEMBERS];
        for o in others {
            // Bit x of an item's mask: member x matches it.
            mask.clear();
            mask.resize(o.weights.len(), 0);
            for (bit, m) in members.iter().enumerate() {
                mark(m, o, bit as u8, &mut mask);
            }
            for (x, sum) in total.iter_mut().enumerate().take(members.len()) {
                let only = 1u8 << x;
                *sum += mask
                    .iter()
                    .zip(&o.weights)
                    .filter(|(m, _)| **m == only)
                    .map(|(_, w)| *w)
                    .sum::<f32>();
            }
        }
        total
    })
}

/// Sets bit `bit` of `mask[k]` for every item k of `theirs` that shares a key with `mine`.
fn mark(mine: &Compact, theirs: &Compact, bit: u8, mask: &mut [u8]) {
    shared_keys(mine, theirs, |_, items| {
        for &(_, x) in items {
            mask[x as usize] |= 1 << bit;
        }
    });
}

/// Calls `f` with the runs of (key, item) entries of `x` and of `y` for every key both hold.
fn shared_keys(x: &Compact, y: &Compact, mut f: impl FnMut(&[(u64, u32)], &[(u64, u32)])) {
    let (mut a, mut b) = (0, 0);
    while a < x.keys.len() && b < y.keys.len() {
        let (ka, kb) = (x.keys[a].0, y.keys[b].0);
        if ka < kb {
            a += 1;
        } else if kb < ka {
            b += 1;
        } else {
            let a2 = a + x.keys[a..].iter().take_while(|e| e.0 == ka).count();
            let b2 = b + y.keys[b..].iter().take_while(|e| e.0 == kb).count();
            f(&x.keys[a..a2], &y.keys[b..b2]);
            a = a2;
            b = b2;
        }
    }
}
