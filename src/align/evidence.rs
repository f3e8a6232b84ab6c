//! What a bead's score means: the probability that the bead is a correct translation unit
//! (for a pair), or that its sentence truly has no counterpart (for an unmatched sentence).
//!
//! The search's margin only says how much better the chosen path is than its alternatives,
//! which stays high on two unrelated texts: some path is always best. So the score is read
//! off the evidence inside the bead and around it, set against what the same sentences show
//! when paired with their neighbours' counterparts (a translation matches its own
//! counterpart far better than the sentences around it; an unrelated text matches both
//! alike). The weights are fitted (`scripts/fit_evidence.py`) on the WMT23 development sets
//! (six genres) with unrelated and half-translated pairs built from them, and with some of
//! their neighbouring sentences joined into one (WMT23's gold hardly ever pairs two
//! sentences with one, which translators of news often do), and reported on the WMT21 sets
//! and on `corpora/`, which the fit never sees.

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
    /// Whether the bead is a sentence of page furniture, which has no counterpart by
    /// definition and parts nothing: the beads on either side of it touch.
    pub furniture: bool,
    /// The length misfit against the ratio of whole articles, not this document's
    /// ([`BeadMatch::length_prior`]; 0 for an unmatched sentence).
    pub length_prior: f32,
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

/// The share of its anchor weight a pair of unrelated sentences matches, about: the shifted
/// pairings' share ([`Evidence::shifted`]) over the development sets' true pairs.
const CHANCE_SHARE: f32 = 0.05;

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
    /// Whether a side has at most [`SHORT`] sentences (page furniture left out): too few for
    /// its pairs to be set against their neighbours, so they are scored by the short
    /// model ([`short_score`]).
    pub short: bool,
}

/// The most sentences a side of a [`DocumentEvidence::short`] document has.
pub const SHORT: usize = 1;

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
            e.length_prior = own.length_prior;
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
            let mut places = 0;
            for k in shifted(j, b, m) {
                add(model.bead_match(i, a, k, b, &mut scratch));
                places += 1;
            }
            for k in shifted(i, a, n) {
                add(model.bead_match(k, a, j, b, &mut scratch));
                places += 1;
            }
            if places == 0 {
                // A bead that takes all of both texts (a post against its translation, one
                // sentence a side) has nothing to be set against: what two unrelated
                // sentences match, by chance, stands in. Without it its share looked
                // infinitely better than chance, and two unrelated one-line texts scored
                // 0.98.
                sm = CHANCE_SHARE * own.offered;
                so = own.offered;
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
            e.furniture = model.furniture(english, k);
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
    let content =
        |english: bool, len: usize| (0..len).filter(|&k| !model.furniture(english, k)).count();
    let doc = DocumentEvidence {
        coverage: coverage(doc_m, doc_o),
        shifted: coverage(null_m, null_o),
        paired: paired as f32 / (n + m).max(1) as f32,
        short: content(true, n) <= SHORT || content(false, m) <= SHORT,
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

/// The inputs of the short model ([`short_score`]): a pair's own evidence, all a document of
/// one sentence on a side has.
pub fn short_inputs(e: &Evidence, merged: bool) -> [f32; SHORT_INPUTS] {
    [
        1.0,
        e.coverage(),
        e.matched.ln_1p(),
        e.offered.ln_1p(),
        e.length_prior.min(8.0),
        f32::from(u8::from(merged)),
    ]
}

/// How many inputs [`short_inputs`] gives.
pub const SHORT_INPUTS: usize = 6;

/// The short model's weights, one per input of [`short_inputs`], fitted by
/// `scripts/fit_short.py`.
const SHORT_WEIGHTS: [f32; SHORT_INPUTS] = [7.1191, 2.3421, 3.8056, -4.5507, -2.1062, 4.4143];

/// The score of a pair of a short document ([`DocumentEvidence::short`]): the probability
/// that it is right from its own evidence alone.
pub fn short_score(e: &Evidence, merged: bool) -> f32 {
    logistic(&SHORT_WEIGHTS, &short_inputs(e, merged))
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
    0.00000, 0.31041, 2.52714, 3.87762, 0.21015, 0.03604, 1.66815, 0.07478, 0.31688, 0.03844,
    5.10721, 0.20931, 1.69655, 0.31584, 0.03868, 1.69868, 0.80594,
];
const PAIR_SCALE: [f32; PAIR_INPUTS] = [
    1.00000, 0.19875, 1.01097, 0.64243, 0.35711, 0.03488, 1.01228, 0.26304, 0.14339, 0.02182,
    0.39510, 0.20518, 0.58608, 0.12862, 0.01936, 0.51864, 0.17635,
];
/// Each hidden unit's weights, one after the other.
const PAIR_HIDDEN: [f32; PAIR_INPUTS * HIDDEN] = [
    0.00055, -0.19478, -0.20190, 0.06813, 0.03281, 0.10615, 0.04279, 0.22586, -0.44433, -0.17621,
    0.07849, -0.06062, -0.27123, 0.17251, 0.08941, 0.04908, -0.38024, -0.00011, 0.09662, 0.05372,
    0.22327, 0.32291, 0.02564, 0.22424, -0.01169, -0.27843, -0.16539, 0.09527, 0.44879, -0.16132,
    0.07591, 0.01187, 0.01968, -0.32035, 0.00103, -0.22009, -0.25073, 0.27284, 0.20266, 0.02707,
    -0.25925, 0.43835, -0.39853, -0.08148, -0.47196, -0.27320, -0.34424, 0.19962, 0.12408, 0.07816,
    0.00680, -0.00004, 0.00967, -0.04949, -0.23166, -0.08373, -0.07582, 0.08134, -0.05184, 0.28813,
    -0.14988, -0.04160, -0.07176, 0.38844, 0.26873, -0.04476, 0.33643, 0.06080, -0.00004, -0.24654,
    -0.14719, 0.20725, 0.04431, 0.03473, 0.13680, 0.51986, -0.34464, 0.00144, -0.05327, 0.00573,
    -0.22800, 1.00916, 0.27242, 0.72596, 0.77860, -0.00135, -0.09354, -0.09622, 0.08936, 0.02808,
    0.03010, 0.07550, 0.14895, -0.34805, -0.12949, 0.01357, -0.01577, -0.22816, 0.10836, 0.07910,
    0.01485, -0.25671, 0.00091, 0.09923, -0.04239, -0.03289, 0.39656, 0.00992, 0.05180, 0.06315,
    -0.12902, -0.16067, 0.12716, 0.65461, 0.00585, -0.00492, -0.03675, 0.03748, -0.42031, 0.00040,
    0.14543, 0.11331, -0.05596, 0.14072, 0.04874, -0.17211, -0.14254, 0.45017, 0.43953, 0.18692,
    -0.03972, 0.25589, -0.25612, -0.00394, -0.07662, 0.30330, 0.00028, 0.48483, 0.32351, -0.18327,
    -0.04804, -0.01058, 0.04214, 0.02006, 0.48489, 0.13853, -0.52228, -0.08158, 0.34411, -0.34941,
    -0.00675, -0.29565, 0.15393, 0.00044, 0.10041, 0.08262, 0.08203, 0.01151, -0.07287, 0.12082,
    0.02924, -0.42315, 0.11055, -0.42490, -0.07504, -0.40943, -0.48081, 0.01155, -0.49821,
    -0.42457, -0.00161, 0.01498, 0.05367, 0.10250, -0.04049, -0.02748, 0.17230, 0.08828, -0.50272,
    -0.13974, -0.27749, 0.00677, -0.37531, -0.07698, -0.04996, -0.08013, -0.20466, 0.00628,
    0.01491, 0.04753, 0.18732, 0.17951, 0.02077, 0.11205, 0.01108, -0.23418, -0.13681, 0.08011,
    0.26235, -0.12827, 0.01266, 0.01745, -0.00821, -0.22344, -0.00064, -0.26291, -0.50006,
    -0.32589, 0.01113, -0.22348, -0.18821, 0.13662, -0.38269, -0.22827, 0.21237, 0.15434, -0.20987,
    0.01160, -0.02968, -0.03599, -0.39974, -0.00001, 0.13848, 0.22776, 0.17338, -0.13093, 0.23316,
    0.14978, 0.05213, -0.15031, -0.08076, 0.33460, -0.13397, -0.19419, 0.12991, 0.10140, 0.00635,
    -0.40697, -0.00141, -0.10577, -0.10800, 0.08760, 0.02499, 0.03886, 0.07767, 0.16598, -0.36838,
    -0.13821, 0.02220, -0.01753, -0.23843, 0.12135, 0.08315, 0.02175, -0.27214, -0.00027, -0.16826,
    -0.17141, 0.07304, 0.02306, 0.08659, 0.05897, 0.21701, -0.42861, -0.16810, 0.06686, -0.03992,
    -0.26451, 0.16257, 0.08953, 0.04349, -0.34540,
];
const PAIR_HIDDEN_BIAS: [f32; HIDDEN] = [
    -0.40436, 0.43670, 0.31278, 1.64733, 0.54255, -0.34553, 0.71282, 0.95638, 1.25440, -2.23780,
    -1.00190, 0.16662, -0.42099, 1.56347, -0.35488, -0.38950,
];
const PAIR_OUT: [f32; HIDDEN] = [
    -0.86500, -0.92025, -1.09616, 0.78536, -1.59180, -0.60874, -1.00107, 0.93052, 1.12332,
    -1.22787, -0.79361, -0.53187, -1.08109, -0.76892, -0.65330, -0.80885,
];
const PAIR_OUT_BIAS: [f32; 1] = [-0.10542];

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
    5.4525, 0.4453, 0.6464, -4.9757, -3.3043, 0.9915, -0.1700, -0.8455, -0.2110, -0.0295, -1.3325,
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

/// Each bead's [`Surroundings`], given its evidence and its first-stage score.
pub fn surroundings(beads: &[Bead], evidence: &[Evidence], first: &[f32]) -> Vec<Surroundings> {
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
            // The nearest pair (or the document's edge) touches the bead when nothing but page
            // furniture lies between.
            let clear = |r: std::ops::Range<usize>| {
                r.into_iter()
                    .all(|i| evidence.get(i).is_some_and(|e| e.furniture))
            };
            let touches_before = clear(before.map_or(0, |o| o + 1)..k);
            let touches_after = clear(k + 1..after.unwrap_or(beads.len()));
            Surroundings {
                first: first[k],
                region: if weight > 0.0 { sum / weight } else { document },
                document,
                confident,
                left: before.map_or(EDGE, |o| first[o]),
                right: after.map_or(EDGE, |o| first[o]),
                held: touches_before && touches_after,
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
    -2.0842, 0.9882, 4.1544, -0.5938, -2.4283, 0.4169, -0.0887, -0.1214, 0.0997, 0.9837, 0.8399,
];
/// The second stage's weights for an unmatched sentence.
// Fitted numbers: one may happen to lie near a mathematical constant (log10 e).
#[allow(clippy::approx_constant)]
const SKIP_SECOND: [f32; SECOND_INPUTS] = [
    2.6152, 0.6237, -3.9418, 0.4343, 1.8528, 0.2630, -0.1557, 0.0359, 0.0926, 0.8216, -0.7259,
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
    let around = surroundings(beads, evidence, &first);
    for ((bead, s), e) in beads.iter_mut().zip(around).zip(evidence) {
        if doc.short && bead.is_pair() {
            bead.score = short_score(e, bead.en.len() + bead.ja.len() > 2);
            continue;
        }
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
