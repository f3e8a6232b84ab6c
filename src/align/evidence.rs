//! What a bead's score means: the probability that the bead is a correct translation unit
//! (for a pair), or that its sentence truly has no counterpart (for an unmatched sentence).
//!
//! The search's margin only says how much better the chosen path is than its alternatives,
//! which stays high on two unrelated texts: some path is always best. So the score is read
//! off the evidence inside the bead and around it, set against what the same sentences show
//! when paired with their neighbours' counterparts (a translation matches its own
//! counterpart far better than the sentences around it; an unrelated text matches both
//! alike). The weights are fitted (`scripts/fit_evidence.py`) on the WMT23 development sets
//! (six genres) with unrelated and half-translated pairs built from them, and reported on
//! the WMT21 sets and on `corpora/`, which the fit never sees.

use serde::Serialize;

use super::cost::{BeadMatch, Model, Scratch};
use super::Bead;

/// What a bead's score was computed from. Weights are anchor weights (each anchor counts the
/// rarity of its key in the document pair, `ln(1 + n / df)`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// Anchor weight of the bead's sentences that the other side matches, both sides summed.
    pub matched: f32,
    /// Anchor weight the bead's sentences hold, matched or not.
    pub offered: f32,
    /// How far the bead's length ratio strays from the document's (d² / 2σ²; 0 for an
    /// unmatched sentence).
    pub length: f32,
    /// How much the best alignment loses without this bead (the search's margin).
    pub margin: f32,
    /// The share of their anchor weight that the pairs around the bead (itself included, or
    /// for an unmatched sentence those nearest its place) match: the region's evidence.
    pub context: f32,
    /// The same share for the region's pairs shifted (see `shifted`): what the region's
    /// sentences match by chance.
    pub context_shifted: f32,
    /// Anchor weight the region's pairs hold.
    pub context_offered: f32,
    /// The share the bead's sentences match when paired with their neighbours' counterparts
    /// instead (3 sentences off on either side): what unrelated sentences of the same two
    /// texts match.
    pub shifted: f32,
    /// For an unmatched sentence, the best share it matches with a sentence of the other
    /// side near its place; for a pair, the bead's own share.
    pub nearby: f32,
    /// The mean length misfit of the region's pairs: a run of pairs whose lengths keep
    /// fitting is a translation even where words are few (chat, short lines).
    pub context_length: f32,
    /// The mean margin (at most 8) of the region's pairs.
    pub context_margin: f32,
}

impl Evidence {
    /// The share of the offered weight that is matched.
    pub fn coverage(&self) -> f32 {
        coverage(self.matched, self.offered)
    }
}

/// The share of `offered` weight that `matched` covers, with a little smoothing so that a
/// sentence holding almost nothing shows almost nothing.
fn coverage(matched: f32, offered: f32) -> f32 {
    matched / (offered + SMOOTHING)
}

/// Anchor weight added to what a bead offers before its share is taken: about one rare word.
const SMOOTHING: f32 = 1.0;

/// How far, in sentences, the shifted pairings of [`Evidence::shifted`] move each side.
const SHIFT: usize = 3;

/// Pairs on each side of a bead that make its region ([`Evidence::context`]).
const CONTEXT: usize = 5;

/// How much less each pair one further from a bead counts in its region.
const DECAY: f32 = 0.6;

/// The document as a whole: the share its pairs match against the share the same sentences
/// match shifted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DocumentEvidence {
    /// Matched over offered weight, over all pairs.
    pub coverage: f32,
    /// The same over the shifted pairings.
    pub shifted: f32,
    /// The share of both documents' sentences that the alignment pairs.
    pub paired: f32,
}

/// The evidence of every bead of `beads` (the search's path), given each bead's margin.
pub fn gather(model: &Model, beads: &[Bead], margins: &[f32]) -> (Vec<Evidence>, DocumentEvidence) {
    let (n, m) = (model.n_en(), model.n_ja());
    let mut scratch = Scratch::default();
    let mut out: Vec<Evidence> = Vec::with_capacity(beads.len());
    // Each bead's shifted pairings' matched and offered weight.
    let mut null_sums: Vec<(f32, f32)> = Vec::with_capacity(beads.len());
    let (mut doc_m, mut doc_o, mut null_m, mut null_o) = (0.0, 0.0, 0.0, 0.0);
    for (bead, &margin) in beads.iter().zip(margins) {
        let (a, b) = (bead.en.len(), bead.ja.len());
        let mut e = Evidence {
            margin,
            ..Evidence::default()
        };
        if a > 0 && b > 0 {
            let own = model.bead_match(bead.en.start, a, bead.ja.start, b, &mut scratch);
            e.matched = own.matched;
            e.offered = own.offered;
            e.length = own.length;
            e.nearby = coverage(own.matched, own.offered);
            // The same shape moved SHIFT sentences along either side, where it fits.
            let (mut sm, mut so) = (0.0, 0.0);
            let mut add = |x: BeadMatch| {
                sm += x.matched;
                so += x.offered;
            };
            let (i, j) = (bead.en.start, bead.ja.start);
            if j >= SHIFT {
                add(model.bead_match(i, a, j - SHIFT, b, &mut scratch));
            }
            if j + SHIFT + b <= m {
                add(model.bead_match(i, a, j + SHIFT, b, &mut scratch));
            }
            if i >= SHIFT {
                add(model.bead_match(i - SHIFT, a, j, b, &mut scratch));
            }
            if i + SHIFT + a <= n {
                add(model.bead_match(i + SHIFT, a, j, b, &mut scratch));
            }
            e.shifted = coverage(sm, so);
            null_sums.push((sm, so));
            doc_m += own.matched;
            doc_o += own.offered;
            null_m += sm;
            null_o += so;
        } else {
            // An unmatched sentence: the best it matches with any sentence of the other side
            // within two of its place.
            let english = a > 0;
            let (k, at, len) = if english {
                (bead.en.start, bead.ja.start, m)
            } else {
                (bead.ja.start, bead.en.start, n)
            };
            e.offered = model.offered(english, k);
            let mut best = 0.0f32;
            for o in at.saturating_sub(2)..(at + 2).min(len) {
                let x = if english {
                    model.bead_match(k, 1, o, 1, &mut scratch)
                } else {
                    model.bead_match(o, 1, k, 1, &mut scratch)
                };
                best = best.max(coverage(x.matched, x.offered));
            }
            e.nearby = best;
            null_sums.push((0.0, 0.0));
        }
        out.push(e);
    }
    let paired: usize = beads
        .iter()
        .filter(|b| b.is_pair())
        .map(|b| b.en.len() + b.ja.len())
        .sum();
    let doc = DocumentEvidence {
        coverage: coverage(doc_m, doc_o),
        shifted: coverage(null_m, null_o),
        paired: paired as f32 / (n + m).max(1) as f32,
    };
    // Each bead's region: the pairs nearest it on either side, itself included, or for an
    // unmatched sentence the pairs nearest its place.
    let pairs: Vec<usize> = (0..beads.len()).filter(|&k| beads[k].is_pair()).collect();
    for k in 0..beads.len() {
        let (mut cm, mut co, mut sm, mut so) = (0.0, 0.0, 0.0, 0.0);
        let (mut cl, mut cg, mut count) = (0.0, 0.0, 0.0f32);
        for (o, w) in region(beads, &pairs, k) {
            cm += w * out[o].matched;
            co += w * out[o].offered;
            sm += w * null_sums[o].0;
            so += w * null_sums[o].1;
            cl += w * out[o].length.min(8.0);
            cg += w * out[o].margin.min(8.0);
            count += w;
        }
        let e = &mut out[k];
        e.context_offered = co;
        if count > 0.0 {
            e.context = coverage(cm, co);
            e.context_shifted = coverage(sm, so);
            e.context_length = cl / count;
            e.context_margin = cg / count;
        } else {
            e.context_length = 8.0;
        }
    }
    (out, doc)
}

/// The region of bead `k`: the pairs (`pairs`, the indices of the pair beads in order)
/// within [`CONTEXT`] of it on either side, itself included when it is a pair, or for an
/// unmatched sentence the pairs nearest its place; each with its weight, [`DECAY`] to the
/// power of its distance. Nearer pairs count more: a region is what surrounds the bead, and
/// where a translated stretch ends the pairs past its end must not drown it.
fn region<'a>(
    beads: &'a [Bead],
    pairs: &'a [usize],
    k: usize,
) -> impl Iterator<Item = (usize, f32)> + 'a {
    let at = pairs.partition_point(|&p| p < k);
    let lo = at.saturating_sub(CONTEXT);
    let hi = (at + CONTEXT + usize::from(beads[k].is_pair())).min(pairs.len());
    pairs[lo..hi].iter().enumerate().map(move |(i, &o)| {
        let idx = lo + i;
        let dist = if idx < at {
            at - idx
        } else {
            idx - at + usize::from(!beads[k].is_pair())
        };
        (o, DECAY.powi(dist as i32))
    })
}

/// The inputs of the region model: whether the stretch of the two texts around a bead is a
/// translation, from what its pairs match against what they match shifted and how their
/// lengths fit.
pub fn region_inputs(e: &Evidence) -> [f32; REGION_INPUTS] {
    [
        1.0,
        e.context,
        e.context_shifted,
        e.context_offered.ln_1p(),
        e.context_length,
        e.context_margin,
        contrast(e.context, e.context_shifted),
    ]
}

/// The inputs of the pair model: whether a pair is right, given that its region is a
/// translation.
pub fn pair_inputs(e: &Evidence, doc: &DocumentEvidence, merged: bool) -> [f32; PAIR_INPUTS] {
    let region = region_inputs(e);
    [
        1.0,
        // The bead's own evidence.
        e.margin.min(8.0),
        e.coverage(),
        e.matched.ln_1p(),
        e.offered.ln_1p(),
        e.length.min(8.0),
        e.shifted,
        contrast(e.coverage(), e.shifted),
        f32::from(u8::from(merged)),
        // Its region's.
        region[1],
        region[2],
        region[3],
        region[4],
        region[5],
        region[6],
        // The document's.
        doc.coverage,
        doc.shifted,
        contrast(doc.coverage, doc.shifted),
        doc.paired,
    ]
}

/// How many times better the sentences match their own counterparts than their neighbours',
/// as a logarithm: near 0 for two unrelated texts, however much vocabulary they share.
fn contrast(own: f32, shifted: f32) -> f32 {
    ((own + 0.02) / (shifted + 0.02)).ln()
}

/// The inputs of the model of an unmatched sentence.
pub fn skip_inputs(e: &Evidence, doc: &DocumentEvidence) -> [f32; SKIP_INPUTS] {
    [
        1.0,
        e.offered.ln_1p(),
        e.margin.min(8.0),
        e.context,
        e.nearby,
        doc.coverage,
        doc.shifted,
        contrast(doc.coverage, doc.shifted),
        e.context_length,
        e.context_margin,
        doc.paired,
    ]
}

/// How many inputs [`region_inputs`] gives.
pub const REGION_INPUTS: usize = 7;
/// How many inputs [`pair_inputs`] gives.
pub const PAIR_INPUTS: usize = 19;
/// How many inputs [`skip_inputs`] gives.
pub const SKIP_INPUTS: usize = 11;

/// The pair model: a network of one hidden layer of [`HIDDEN`] tanh units over the inputs of
/// [`pair_inputs`] standardised (less `PAIR_MEAN`, over `PAIR_SCALE`), fitted by
/// `scripts/fit_evidence.py` (see the module's documentation). A linear model over the same
/// inputs left a tenth more log loss on the held-out WMT23 sets: whether a bead with few words
/// of its own is right depends on its region's evidence, not on either alone.
const PAIR_MEAN: [f32; PAIR_INPUTS] = [
    0.00000, 4.17576, 0.29858, 2.47648, 3.87830, 0.22124, 0.03770, 1.64692, 0.07367, 0.30474,
    0.03978, 5.10149, 0.22037, 4.17793, 1.64870, 0.30333, 0.04004, 1.64497, 0.79005,
];
const PAIR_SCALE: [f32; PAIR_INPUTS] = [
    1.00000, 2.90758, 0.19984, 1.01585, 0.63565, 0.37141, 0.04358, 1.06816, 0.26124, 0.14490,
    0.02569, 0.39069, 0.21271, 2.47583, 0.60450, 0.12917, 0.02197, 0.52664, 0.17803,
];
/// Each hidden unit's weights, one after the other.
const PAIR_HIDDEN: [f32; PAIR_INPUTS * HIDDEN] = [
    -0.00003, 0.15290, 0.35207, 0.41383, 0.08615, -0.07566, 0.03763, 0.30489, -0.27584, 0.26968,
    -0.02150, 0.22291, 0.26617, 0.18723, 0.27029, -0.18308, 0.03859, -0.08881, 0.02553, 0.00022,
    0.01946, 0.12542, 0.06436, -0.10935, -0.02734, -0.02285, -0.11819, -0.22558, 0.38321, 0.15961,
    -0.02091, 0.03638, 0.24389, 0.22896, -0.25904, -0.10000, -0.08357, 0.14861, 0.00033, -0.00992,
    -0.13824, -0.07555, 0.11398, 0.03486, 0.02432, 0.13327, 0.24845, -0.41868, -0.17531, 0.02951,
    -0.03717, -0.26191, -0.24879, 0.29160, 0.10999, 0.09656, -0.15725, -0.00032, 0.05908, -0.20287,
    -0.05824, 0.14143, -0.03490, 0.00397, 0.14553, 0.30075, -0.45096, -0.39400, -0.00453, 0.01394,
    -0.19250, -0.22861, 0.33029, 0.01875, 0.15730, -0.21356, 0.00023, 0.01431, 0.04303, -0.06058,
    -0.19580, -0.16652, -0.04239, -0.18515, -0.13401, 0.30655, 0.13300, -0.15373, -0.51529,
    0.19975, 0.15386, -0.21038, -0.04918, -0.07227, 0.22826, 0.00056, 0.02042, 0.12404, 0.06321,
    -0.10888, -0.02659, -0.02277, -0.11657, -0.22311, 0.37936, 0.15805, -0.02008, 0.03635, 0.24191,
    0.22684, -0.25565, -0.09900, -0.08221, 0.14765, -0.00071, -0.01869, -0.12628, -0.06531,
    0.10975, 0.02791, 0.02335, 0.11948, 0.22767, -0.38649, -0.16102, 0.02147, -0.03661, -0.24557,
    -0.23092, 0.26215, 0.10106, 0.08467, -0.14946, 0.00019, -0.01877, 0.13377, 0.28878, 0.24915,
    -0.06666, 0.24560, 0.17723, 0.01447, -0.15616, -0.06778, 0.23501, -0.12662, -0.07653, -0.16419,
    0.18668, 0.12447, 0.06591, -0.22334, -0.00143, 0.19912, 0.29433, 0.35122, 0.14990, -0.09379,
    0.00412, 0.22911, -0.17851, 0.21585, 0.04859, 0.11579, -0.16744, 0.23483, 0.12550, -0.08089,
    0.03722, -0.02845, 0.12443, -0.00339, 0.15278, 0.08195, 0.09127, 0.07209, 0.01178, -0.06169,
    0.11495, 0.05217, -0.39524, 0.02212, -0.36840, -0.01820, -0.23841, -0.36802, -0.36603,
    -0.08538, -0.38307, -0.40759, 0.00117, 0.10944, 0.12656, 0.08546, 0.09537, -0.29661, -0.07667,
    -0.01667, -0.22938, 0.20023, 0.14696, -0.05582, -0.62183, 0.36886, -0.00409, -0.12429,
    -0.01515, -0.05127, 0.23723, 0.00013, 0.17792, 0.35146, 0.18336, -0.22473, -0.06078, -0.07300,
    -0.01832, -0.26206, 0.41973, 0.17611, -0.43741, -0.04611, 0.30348, 0.23993, -0.45602, -0.14518,
    -0.34734, -0.14336, 0.00011, 0.15014, 0.08567, 0.09493, 0.07023, 0.00911, -0.06281, 0.11064,
    0.04789, -0.39645, 0.02155, -0.37311, -0.01979, -0.24567, -0.36716, -0.39490, -0.09150,
    -0.40518, -0.43454, -0.00046, -0.15017, -0.32749, -0.38593, -0.09095, 0.05038, -0.03922,
    -0.27909, 0.24307, -0.24707, 0.01545, -0.21007, -0.23519, -0.16768, -0.24510, 0.15911,
    -0.02784, 0.07302, -0.01257, 0.00006, -0.01073, -0.13701, -0.07464, 0.11357, 0.03413, 0.02458,
    0.13199, 0.24657, -0.41638, -0.17411, 0.02863, -0.03721, -0.26073, -0.24714, 0.28930, 0.10943,
    0.09542, -0.15673, 0.00356, 0.03247, 0.04783, 0.01202, -0.06109, -0.00029, -0.00535, -0.03610,
    -0.08256, 0.14170, 0.05997, -0.00784, 0.02049, 0.10166, 0.09017, -0.06950, -0.03132, -0.01659,
    0.07096,
];
const PAIR_HIDDEN_BIAS: [f32; HIDDEN] = [
    -0.15915, 0.34939, -0.38466, -0.63387, -0.20214, 0.34489, -0.35090, 1.52098, 0.04674, -1.93601,
    -0.08448, 1.00281, -2.02658, 0.18636, -0.38126, 0.08330,
];
const PAIR_OUT: [f32; HIDDEN] = [
    1.01243, 0.75188, -0.84126, -0.94355, 0.89627, 0.74303, -0.76064, -0.71002, 0.77387, -0.96788,
    1.00431, 1.17219, -1.00038, -0.87141, -0.83427, 0.24012,
];
const PAIR_OUT_BIAS: [f32; 1] = [0.04931];

/// Hidden units of the pair model.
const HIDDEN: usize = 16;

/// The pair model's probability for inputs `x`.
fn pair_network(x: &[f32; PAIR_INPUTS]) -> f32 {
    let mut z = PAIR_OUT_BIAS[0];
    for (w, (b, out)) in PAIR_HIDDEN
        .chunks_exact(PAIR_INPUTS)
        .zip(PAIR_HIDDEN_BIAS.iter().zip(&PAIR_OUT))
    {
        let a: f32 = w
            .iter()
            .zip(x.iter().zip(PAIR_MEAN.iter().zip(&PAIR_SCALE)))
            .map(|(w, (x, (m, s)))| w * (x - m) / s)
            .sum();
        z += out * (a + b).tanh();
    }
    1.0 / (1.0 + (-z).exp())
}
/// The unmatched-sentence model's weights, one per input of [`skip_inputs`].
const SKIP_WEIGHTS: [f32; SKIP_INPUTS] = [
    5.0573, 0.4066, 0.6374, -4.9289, -2.6119, 0.7738, -0.2578, -0.8032, -0.2247, -0.0825, -0.3263,
];

fn logistic<const K: usize>(w: &[f32; K], x: &[f32; K]) -> f32 {
    let z: f32 = w.iter().zip(x).map(|(w, x)| w * x).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The first stage's score of a bead with evidence `e` in a document with evidence `doc`:
/// from the bead's own evidence and its region's alone.
pub fn first_score(bead: &Bead, e: &Evidence, doc: &DocumentEvidence) -> f32 {
    if bead.is_pair() {
        let merged = bead.en.len() + bead.ja.len() > 2;
        pair_network(&pair_inputs(e, doc, merged))
    } else {
        logistic(&SKIP_WEIGHTS, &skip_inputs(e, doc))
    }
}

/// What the second stage reads of the first stage's scores around each bead: how sure the
/// pairs around it are, and how much of the document pairs with confidence. A pair whose own
/// words are few (a short chat line) is right when the pairs around it are; a pair among
/// pairs that are all doubtful is likely a chance match of two unrelated texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Surroundings {
    /// The first stage's score of the bead.
    pub first: f32,
    /// The mean first-stage score of the pairs around the bead (itself left out), nearer
    /// ones counting more.
    pub region: f32,
    /// The mean first-stage score of all pairs of the document.
    pub document: f32,
    /// The share of both documents' sentences in pairs that the first stage scores 0.5 or
    /// more.
    pub confident: f32,
    /// The first-stage score of the nearest pair before the bead ([`EDGE`] at the start).
    pub left: f32,
    /// The first-stage score of the nearest pair after the bead ([`EDGE`] at the end).
    pub right: f32,
    /// Whether the pairs on both sides of the bead touch it, with no unmatched sentence
    /// between: a bead held between two sure pairs has nowhere else to go.
    pub held: bool,
}

/// The score [`Surroundings::left`] and [`Surroundings::right`] take past the first or last
/// pair: a document's edge bounds a bead about as a sure pair does.
pub const EDGE: f32 = 0.9;

/// Each bead's [`Surroundings`], given its first-stage score.
pub fn surroundings(beads: &[Bead], first: &[f32]) -> Vec<Surroundings> {
    let pairs: Vec<usize> = (0..beads.len()).filter(|&k| beads[k].is_pair()).collect();
    let (mut total, mut sure, mut all) = (0.0f32, 0usize, 0usize);
    for (b, &p) in beads.iter().zip(first) {
        all += b.en.len() + b.ja.len();
        if b.is_pair() {
            total += p;
            if p >= 0.5 {
                sure += b.en.len() + b.ja.len();
            }
        }
    }
    let document = if pairs.is_empty() {
        0.0
    } else {
        total / pairs.len() as f32
    };
    let confident = sure as f32 / all.max(1) as f32;
    (0..beads.len())
        .map(|k| {
            let (mut sum, mut weight) = (0.0f32, 0.0f32);
            for (o, w) in region(beads, &pairs, k).filter(|&(o, _)| o != k) {
                sum += w * first[o];
                weight += w;
            }
            // The nearest pair on each side and whether it touches the bead.
            let at = pairs.partition_point(|&p| p < k);
            let before = at.checked_sub(1).map(|i| pairs[i]);
            let after = pairs[at..].iter().copied().find(|&p| p > k);
            // A document's edge touches the bead when nothing lies between.
            let touches =
                |o: Option<usize>, edge: usize| o.map_or(k == edge, |o| o.abs_diff(k) == 1);
            Surroundings {
                first: first[k],
                region: if weight > 0.0 { sum / weight } else { document },
                document,
                confident,
                left: before.map_or(EDGE, |o| first[o]),
                right: after.map_or(EDGE, |o| first[o]),
                held: touches(before, 0) && touches(after, beads.len() - 1),
            }
        })
        .collect()
}

/// The inputs of the second stage, pair or unmatched sentence alike (each has its weights).
pub fn second_inputs(s: &Surroundings, e: &Evidence) -> [f32; SECOND_INPUTS] {
    let (left, right) = (log_odds(s.left), log_odds(s.right));
    let held = f32::from(u8::from(s.held));
    [
        1.0,
        log_odds(s.first),
        s.region,
        s.document,
        s.confident,
        e.margin.min(8.0),
        left,
        right,
        left.min(right),
        held * s.left.min(s.right),
        held,
    ]
}

/// `ln(p / (1 - p))`, `p` kept off 0 and 1.
fn log_odds(p: f32) -> f32 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// How many inputs [`second_inputs`] gives.
pub const SECOND_INPUTS: usize = 11;

/// The second stage's weights for a pair, one per input of [`second_inputs`].
const PAIR_SECOND: [f32; SECOND_INPUTS] = [
    -0.3503, 1.2023, 4.0560, -1.2609, -1.8373, -0.1025, -0.1427, -0.1307, 0.1544, 0.8876, 0.9375,
];
/// The second stage's weights for an unmatched sentence.
const SKIP_SECOND: [f32; SECOND_INPUTS] = [
    2.4131, 0.6721, -4.7528, 0.1885, 3.1088, 0.1530, -0.1006, 0.0951, 0.0268, 1.3442, -0.6171,
];

/// Scores every bead: for a pair, the probability that it is a correct translation unit; for
/// an unmatched sentence, the probability that it truly has no counterpart. Two stages: the
/// bead's own evidence and its region's ([`first_score`]), then that score read with the
/// first-stage scores around it ([`surroundings`]).
pub fn score_all(beads: &mut [Bead], evidence: &[Evidence], doc: &DocumentEvidence) {
    let first: Vec<f32> = beads
        .iter()
        .zip(evidence)
        .map(|(b, e)| first_score(b, e, doc))
        .collect();
    let around = surroundings(beads, &first);
    for ((bead, s), e) in beads.iter_mut().zip(around).zip(evidence) {
        let weights = if bead.is_pair() {
            &PAIR_SECOND
        } else {
            &SKIP_SECOND
        };
        bead.score = logistic(weights, &second_inputs(&s, e));
    }
}
