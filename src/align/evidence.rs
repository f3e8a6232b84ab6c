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
/// inputs left a tenth more log loss on held-out sets (session 8, WMT23 held out): whether a
/// bead with few words of its own is right depends on its region's evidence, not on either
/// alone.
const PAIR_MEAN: [f32; PAIR_INPUTS] = [
    0.00000, 4.17576, 0.29858, 2.47648, 3.87830, 0.22124, 0.03529, 1.62875, 0.07367, 0.30474,
    0.03755, 5.10149, 0.22037, 4.17793, 1.66804, 0.30333, 0.03778, 1.67133, 0.79005,
];
const PAIR_SCALE: [f32; PAIR_INPUTS] = [
    1.00000, 2.90758, 0.19984, 1.01585, 0.63565, 0.37141, 0.03456, 1.02545, 0.26124, 0.14490,
    0.02164, 0.39069, 0.21271, 2.47583, 0.59903, 0.12917, 0.01921, 0.53094, 0.17803,
];
/// Each hidden unit's weights, one after the other.
const PAIR_HIDDEN: [f32; PAIR_INPUTS * HIDDEN] = [
    -0.00070, 0.18203, 0.35290, 0.44516, 0.13389, -0.07166, 0.00754, 0.28599, -0.21003, 0.29493,
    -0.01167, 0.17220, 0.24670, 0.19661, 0.23957, -0.13492, 0.02906, -0.09535, 0.07522, -0.00085,
    0.03159, 0.15145, 0.09753, -0.10148, -0.01520, -0.00887, -0.16062, -0.23776, 0.37341, 0.12916,
    -0.03659, 0.02821, 0.24240, 0.25900, -0.26643, -0.08496, -0.09129, 0.17286, 0.00034, -0.17230,
    -0.37480, -0.19256, 0.21630, 0.07336, 0.07762, -0.01202, 0.25849, -0.39297, -0.10432, 0.51415,
    0.06484, -0.31501, -0.28487, 0.38243, 0.03827, 0.35535, 0.17270, 0.00049, 0.05015, -0.21000,
    -0.05880, 0.15597, -0.06184, -0.01710, 0.16526, 0.30286, -0.42333, -0.34216, 0.01727, 0.01769,
    -0.20108, -0.26751, 0.32066, 0.00107, 0.14269, -0.21781, -0.00126, 0.02652, 0.09192, -0.04106,
    -0.20172, -0.12974, -0.00401, -0.22167, -0.13093, 0.29050, 0.10312, -0.19149, -0.46128,
    0.18614, 0.17708, -0.19114, -0.03182, -0.07010, 0.24394, -0.00022, 0.03143, 0.14927, 0.09521,
    -0.10075, -0.01443, -0.00942, -0.15917, -0.23604, 0.36931, 0.12803, -0.03666, 0.02873, 0.23948,
    0.25672, -0.26301, -0.08426, -0.08923, 0.17116, 0.00005, -0.03021, -0.15219, -0.09840, 0.10239,
    0.01576, 0.00971, 0.16287, 0.24100, -0.37672, -0.13046, 0.03712, -0.02906, -0.24366, -0.26162,
    0.27031, 0.08603, 0.09245, -0.17333, 0.00197, -0.06915, 0.12916, 0.24901, 0.18610, -0.06138,
    0.21138, 0.20534, 0.01148, -0.14276, -0.07996, 0.31988, -0.06828, -0.10213, -0.13807, 0.12578,
    0.08711, 0.04074, -0.29809, -0.00955, 0.14415, 0.21933, 0.21984, 0.18394, -0.23060, 0.05463,
    0.06203, -0.24746, 0.15528, 0.10982, -0.08336, -0.43833, 0.32575, 0.02906, -0.01065, 0.04221,
    -0.00006, 0.22797, 0.00180, 0.14785, 0.11108, 0.08797, 0.06258, -0.00642, -0.06471, 0.09634,
    0.05326, -0.35298, 0.06130, -0.37696, -0.02519, -0.24850, -0.36637, -0.42951, -0.03379,
    -0.48122, -0.47276, 0.00536, 0.10603, 0.10594, 0.01589, 0.05857, -0.21997, -0.08395, -0.11378,
    -0.20396, 0.18325, 0.32255, -0.01239, -0.54003, 0.34948, 0.01794, -0.22629, 0.05307, -0.12565,
    0.12630, -0.00245, -0.07201, 0.23486, 0.11008, -0.26006, -0.11288, -0.26180, -0.05750,
    -0.25691, 0.41377, 0.04777, 0.36539, 0.15412, 0.13675, 0.39607, -0.46667, -0.14516, -0.15923,
    0.00135, -0.00059, 0.13150, 0.09829, 0.07960, 0.06129, -0.00342, -0.05504, 0.09506, 0.05784,
    -0.33364, 0.06605, -0.35163, -0.01558, -0.22308, -0.35161, -0.36413, -0.02132, -0.42269,
    -0.40668, -0.00022, -0.19637, -0.31331, -0.40258, -0.13268, 0.03121, -0.02447, -0.25595,
    0.21240, -0.26108, 0.00330, -0.17291, -0.20387, -0.18927, -0.21262, 0.10311, -0.02424, 0.07029,
    -0.04333, 0.00088, -0.02567, -0.16132, -0.10643, 0.10557, 0.01983, 0.01192, 0.17406, 0.25612,
    -0.39865, -0.13632, 0.04212, -0.03077, -0.25581, -0.27595, 0.29254, 0.09298, 0.10173, -0.17856,
    0.00304, 0.03918, 0.06836, 0.03120, -0.06160, 0.00382, 0.00093, -0.06034, -0.10264, 0.16381,
    0.05717, -0.01923, 0.01628, 0.11742, 0.11902, -0.08276, -0.03354, -0.01881, 0.09577,
];
const PAIR_HIDDEN_BIAS: [f32; HIDDEN] = [
    -0.02434, 0.36372, -1.12801, -0.62355, -0.17396, 0.36055, -0.36740, 1.42521, 0.00235, -2.17311,
    -0.01986, -0.29354, -1.96038, 0.08335, -0.38925, 0.14162,
];
const PAIR_OUT: [f32; HIDDEN] = [
    0.99602, 0.78629, -1.18246, -0.93134, 0.85894, 0.77757, -0.79747, -0.70779, 0.85479, -1.08049,
    0.90996, 1.04349, -0.93257, -0.85034, -0.85818, 0.29489,
];
const PAIR_OUT_BIAS: [f32; 1] = [0.15564];

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
    -0.2602, 1.2278, 3.9777, -1.0515, -1.9796, -0.1181, -0.1526, -0.1413, 0.1647, 0.9175, 0.9375,
];
/// The second stage's weights for an unmatched sentence.
const SKIP_SECOND: [f32; SECOND_INPUTS] = [
    2.2757, 0.6935, -4.6144, 0.1990, 3.0934, 0.1412, -0.1030, 0.0932, 0.0240, 1.3644, -0.6324,
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
