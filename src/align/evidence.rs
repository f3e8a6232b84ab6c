//! What a bead's score means: the probability that the bead is a correct translation unit
//! (for a pair), or that its sentence truly has no counterpart (for an unmatched sentence).
//!
//! The search's margin only says how much better the chosen path is than its alternatives,
//! which stays high on two unrelated texts: some path is always best. So the score is read
//! off the evidence inside the bead and around it, set against what the same sentences show
//! when paired with their neighbours' counterparts (a translation matches its own
//! counterpart far better than the sentences around it; an unrelated text matches both
//! alike). The weights are fitted by logistic regression (`scripts/fit_evidence.py`) on the
//! WMT21 development sets with unrelated pairs added, and reported on the WMT23 sets.

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
    0.00000, 4.17231, 0.30489, 2.89868, 4.33127, 0.18657, 0.05267, 1.41058, 0.13250, 0.31029,
    0.05538, 5.55927, 0.18592, 4.17020, 1.38943, 0.30830, 0.05544, 1.39405, 0.82745,
];
const PAIR_SCALE: [f32; PAIR_INPUTS] = [
    1.00000, 3.00692, 0.19686, 1.00536, 0.55311, 0.32726, 0.04544, 0.87359, 0.33904, 0.15977,
    0.02888, 0.35387, 0.18772, 2.66197, 0.51942, 0.14223, 0.02450, 0.45358, 0.16343,
];
/// Each hidden unit's weights, one after the other.
const PAIR_HIDDEN: [f32; PAIR_INPUTS * HIDDEN] = [
    -0.00252, -0.30705, -0.40709, -0.14268, 0.46631, 0.10017, 0.08183, -0.08291, 0.25466, -0.09925,
    0.04677, 0.16370, -0.01646, -0.04862, -0.14976, 0.15875, -0.03224, 0.09525, 0.02145, -0.00092,
    -0.61875, -0.18704, -0.05252, 0.32322, 0.05932, -0.07313, 0.24020, -0.22502, -0.29691,
    -0.09061, -0.04022, -0.10802, -0.44597, -0.26219, 0.08959, 0.05852, 0.06120, 0.14289, -0.00013,
    -0.22921, -0.68796, -0.74949, -0.15202, -0.04399, -0.29234, -0.28639, 0.26489, -0.17343,
    -0.23709, 0.05001, -0.06585, 0.11819, -0.20140, 0.33616, 0.17422, 0.05320, -0.16746, -0.04254,
    0.23349, -0.17389, -0.25375, 0.15327, 0.01416, -0.02865, -0.05406, 0.14719, -0.61269, -0.21334,
    -0.07915, -0.05085, 0.01088, -0.61170, -0.25662, -0.05978, -0.38065, -0.29286, -0.00067,
    -0.35593, -0.17005, 0.00079, 0.33912, 0.07288, -0.02344, 0.12255, 0.06251, -0.19874, 0.00184,
    0.12522, -0.19272, -0.38136, -0.22915, 0.11012, 0.02052, 0.07710, -0.04449, 0.00022, -0.40631,
    0.44986, 0.31237, -0.18195, 0.26124, 0.18080, -0.05433, -0.28609, 0.57203, 0.34159, 0.14782,
    -0.01495, 0.07094, 0.49124, -0.14842, 0.07504, -0.03245, 0.67723, 0.00329, -0.35326, -0.22591,
    -0.12671, 0.07905, 0.58169, 0.04099, 0.24626, 0.07266, -0.30642, 0.02627, -0.14574, 0.75494,
    -0.32809, -0.27538, 0.06058, 0.03782, 0.09015, -0.19022, -0.00651, -0.60186, -0.25603,
    -0.17072, 0.36197, 0.03126, 0.19309, -0.05546, 0.08823, -0.07324, -0.02388, -0.14664, 0.21483,
    -0.15405, -0.08173, 0.14965, -0.12275, 0.14691, -0.12188,
];
const PAIR_HIDDEN_BIAS: [f32; HIDDEN] = [
    -0.42089, -0.19965, -0.70639, -1.48001, 0.26662, 0.89569, 0.30468, -0.73753,
];
const PAIR_OUT: [f32; HIDDEN] = [
    -0.91968, -1.16748, -1.36304, -1.32030, -0.88820, 1.47511, -1.34926, -1.00333,
];
const PAIR_OUT_BIAS: [f32; 1] = [0.00102];

/// Hidden units of the pair model.
const HIDDEN: usize = 8;

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
    3.7991, 0.5110, 0.4948, -2.5124, -3.3418, -1.3112, -0.2760, -0.4679, 1.0046, -0.1437, 0.1467,
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
}

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
            Surroundings {
                first: first[k],
                region: if weight > 0.0 { sum / weight } else { document },
                document,
                confident,
            }
        })
        .collect()
}

/// The inputs of the second stage, pair or unmatched sentence alike (each has its weights).
pub fn second_inputs(s: &Surroundings, e: &Evidence) -> [f32; SECOND_INPUTS] {
    let p = s.first.clamp(1e-4, 1.0 - 1e-4);
    [
        1.0,
        (p / (1.0 - p)).ln(),
        s.region,
        s.document,
        s.confident,
        e.margin.min(8.0),
    ]
}

/// How many inputs [`second_inputs`] gives.
pub const SECOND_INPUTS: usize = 6;

/// The second stage's weights for a pair, one per input of [`second_inputs`].
const PAIR_SECOND: [f32; SECOND_INPUTS] = [-0.1711, 1.2027, 0.5039, 0.1718, -0.7801, 0.0328];
/// The second stage's weights for an unmatched sentence.
const SKIP_SECOND: [f32; SECOND_INPUTS] = [0.1909, 1.0735, -1.1766, -0.1292, 0.4361, 0.0410];

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
