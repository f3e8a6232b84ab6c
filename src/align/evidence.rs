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
pub(crate) fn coverage(matched: f32, offered: f32) -> f32 {
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
            // The same shape moved SHIFT sentences along either side, wrapping round the
            // document's end: a short document (three sentences) has a null too, where
            // without one its bead matched "far better than by chance" against nothing.
            let (mut sm, mut so) = (0.0, 0.0);
            let mut add = |x: BeadMatch| {
                sm += x.matched;
                so += x.offered;
            };
            let (i, j) = (bead.en.start, bead.ja.start);
            for k in shifted(j, b, m) {
                add(model.bead_match(i, a, k, b, &mut scratch));
            }
            for k in shifted(i, a, n) {
                add(model.bead_match(k, a, j, b, &mut scratch));
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

/// The places a stretch of `size` sentences starting at `at` takes when moved [`SHIFT`]
/// sentences back and forth in a document of `len`, wrapping round its end; none when it has
/// nowhere else to go. Away from the ends these are `at - SHIFT` and `at + SHIFT`.
fn shifted(at: usize, size: usize, len: usize) -> impl Iterator<Item = usize> {
    // The places such a stretch can start at: 0..room.
    let room = (len + 1).saturating_sub(size);
    let by = match SHIFT % room.max(1) {
        0 => 1,
        by => by,
    };
    let places = if room < 2 {
        None
    } else {
        Some([(at + room - by) % room, (at + by) % room])
    };
    places.into_iter().flatten().filter(move |&k| k != at)
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
        contrast(e.context, e.context_shifted),
    ]
}

/// The inputs of the pair model: whether a pair is right, given that its region is a
/// translation.
pub fn pair_inputs(e: &Evidence, doc: &DocumentEvidence, merged: bool) -> [f32; PAIR_INPUTS] {
    let region = region_inputs(e);
    [
        1.0,
        // The bead's own evidence. Not its margin, which the second stage reads with its
        // neighbours': a margin depends on how the search cut the text around the bead, which
        // differs by genre (held out, with the margin here, the WMT21 news sets' right beads
        // scored lower: 0.984 and 0.962 of their 1-1 beads 0.8 or more pre-segmented, against
        // 0.989 and 0.969 without).
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
pub const REGION_INPUTS: usize = 6;
/// How many inputs [`pair_inputs`] gives.
pub const PAIR_INPUTS: usize = 17;
/// How many inputs [`skip_inputs`] gives.
pub const SKIP_INPUTS: usize = 11;

/// The pair model: a network of one hidden layer of [`HIDDEN`] tanh units over the inputs of
/// [`pair_inputs`] standardised (less `PAIR_MEAN`, over `PAIR_SCALE`), fitted by
/// `scripts/fit_evidence.py` (see the module's documentation). A linear model over the same
/// inputs left a tenth more log loss on held-out sets (session 8, WMT23 held out): whether a
/// bead with few words of its own is right depends on its region's evidence, not on either
/// alone.
const PAIR_MEAN: [f32; PAIR_INPUTS] = [
    0.00000, 0.29858, 2.47648, 3.87830, 0.22124, 0.03529, 1.62875, 0.07367, 0.30474, 0.03755,
    5.10149, 0.22037, 1.66804, 0.30333, 0.03778, 1.67133, 0.79005,
];
const PAIR_SCALE: [f32; PAIR_INPUTS] = [
    1.00000, 0.19984, 1.01585, 0.63565, 0.37141, 0.03456, 1.02545, 0.26124, 0.14490, 0.02164,
    0.39069, 0.21271, 0.59903, 0.12917, 0.01921, 0.53094, 0.17803,
];
/// Each hidden unit's weights, one after the other.
const PAIR_HIDDEN: [f32; PAIR_INPUTS * HIDDEN] = [
    0.00006, 0.02569, -0.15262, -0.23440, -0.02701, 0.09888, 0.15178, 0.24982, -0.36961, -0.17385,
    0.60282, 0.14857, -0.17841, -0.07503, -0.09309, -0.00786, -0.71517, 0.00031, -0.09000,
    -0.00702, 0.21927, 0.24244, 0.04211, 0.22306, 0.20122, -0.32765, -0.14570, 0.04719, 0.58041,
    -0.19053, 0.21713, 0.03248, 0.01304, -0.29736, 0.00004, -0.32508, -0.38132, -0.01604, 0.12123,
    -0.01005, -0.29918, 0.21876, -0.34816, -0.03731, -0.24193, -0.26567, -0.26485, 0.10263,
    -0.02573, 0.04377, -0.08696, 0.00023, 0.09763, 0.07582, -0.11239, -0.01701, -0.01499, -0.13293,
    -0.26445, 0.40683, 0.15880, -0.00674, 0.00084, 0.27379, -0.19273, -0.07651, -0.01714, 0.24928,
    0.00008, -0.28322, -0.16122, 0.17911, 0.04159, 0.04394, 0.16954, 0.28990, -0.33327, 0.02681,
    -0.02524, 0.01294, -0.23150, 1.03181, 0.22008, 0.74875, 0.80092, -0.00049, -0.09881, -0.08316,
    0.11012, 0.02002, 0.03251, 0.10928, 0.25100, -0.37871, -0.14987, 0.01313, -0.00828, -0.25498,
    0.18391, 0.07559, 0.01467, -0.24946, -0.00177, -0.18866, -0.25546, -0.14991, 0.31918, -0.09667,
    -0.06835, 0.29803, -0.22091, -0.12199, 0.03658, 0.56359, -0.05577, 0.00083, -0.01418, -0.04754,
    -0.36438, 0.00531, -0.11504, -0.06534, -0.10890, -0.02276, 0.06465, -0.07875, -0.06931,
    0.37986, -0.12264, 0.30266, 0.03985, 0.37377, 0.41692, 0.00266, 0.42008, 0.31731, 0.00043,
    0.12395, 0.03636, -0.13185, 0.15932, 0.01400, -0.15857, -0.33383, 0.40703, 0.46980, 0.09494,
    -0.04710, 0.23091, -0.32862, 0.00626, -0.09072, 0.26558, 0.00131, 0.13831, 0.08323, 0.09917,
    0.01014, -0.07829, 0.10213, 0.06354, -0.39710, 0.10725, -0.36647, -0.05711, -0.37957, -0.47094,
    0.00168, -0.47594, -0.39371, -0.00033, -0.09830, -0.07882, 0.11182, 0.01817, 0.02039, 0.12671,
    0.26167, -0.40025, -0.15675, 0.00925, -0.00299, -0.26923, 0.19192, 0.07687, 0.01690, -0.25009,
    -0.00058, -0.08823, -0.06791, 0.10201, 0.01634, 0.02642, 0.07619, 0.20246, -0.30707, -0.11983,
    0.00910, -0.00847, -0.20999, 0.12887, 0.05855, -0.00011, -0.21848, 0.00025, -0.32321, -0.38039,
    -0.01844, 0.11918, -0.00970, -0.29700, 0.21425, -0.34743, -0.03724, -0.23890, -0.26253,
    -0.26331, 0.10162, -0.02562, 0.04358, -0.08806, -0.00012, -0.09286, -0.05881, 0.11333, 0.00955,
    -0.00411, 0.15791, 0.27553, -0.43498, -0.16829, -0.00786, 0.00747, -0.29444, 0.19211, 0.07105,
    0.01744, -0.24561, -0.00023, -0.36495, -0.24324, 0.23456, 0.10145, 0.02494, -0.14981, 0.22808,
    -0.34763, -0.07583, 0.55176, 0.11403, -0.28710, 0.21012, -0.04091, 0.21853, 0.03064, 0.00122,
    -0.13179, -0.12723, 0.14603, 0.04423, 0.18803, 0.04602, 0.28803, -0.39983, -0.17682, -0.02180,
    -0.06940, -0.27700, 0.25466, 0.10601, 0.03607, -0.29232,
];
const PAIR_HIDDEN_BIAS: [f32; HIDDEN] = [
    0.58203, 0.27489, 0.20507, 0.20997, 0.28178, -0.17398, 0.30330, 1.73064, 0.61322, -1.91506,
    -0.19962, -0.14278, 0.20179, -0.25494, -1.06659, -0.02889,
];
const PAIR_OUT: [f32; HIDDEN] = [
    -1.19547, -1.01867, -0.94221, 0.78067, -1.57271, -0.73359, -1.03216, 0.98711, 0.96571,
    -1.13450, -0.77102, -0.56195, -0.93155, -0.81703, -0.98737, -0.86150,
];
const PAIR_OUT_BIAS: [f32; 1] = [0.16248];

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
    5.1394, 0.4047, 0.6336, -4.8458, -2.6280, 1.1381, -0.1003, -0.9595, -0.2238, -0.0704, -0.2542,
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
    -1.5684, 1.0808, 4.1117, -0.9727, -2.0269, 0.3261, -0.1083, -0.1420, 0.1679, 1.0906, 0.8825,
];
/// The second stage's weights for an unmatched sentence.
const SKIP_SECOND: [f32; SECOND_INPUTS] = [
    2.5753, 0.5991, -4.3471, 0.0014, 3.1803, 0.1979, -0.1323, 0.0403, 0.0621, 1.3864, -0.6309,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_wrap_round_a_short_document() {
        let places = |at, size, len| shifted(at, size, len).collect::<Vec<_>>();
        // Away from the ends: SHIFT back and forth.
        assert_eq!(places(5, 1, 20), [2, 8]);
        // Near an end, round it.
        assert_eq!(places(0, 1, 20), [17, 3]);
        assert_eq!(places(18, 2, 20), [15, 2]);
        // A three-sentence document: the other two; two sentences: the other one.
        assert_eq!(places(0, 1, 3), [2, 1]);
        assert_eq!(places(1, 1, 2), [0, 0]);
        // A stretch as long as the document has nowhere else to go.
        assert!(places(0, 3, 3).is_empty());
        assert!(places(0, 1, 1).is_empty());
    }
}
