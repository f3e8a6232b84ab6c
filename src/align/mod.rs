//! Sentence alignment: a cost model over beads (`cost`) and a banded dynamic programme
//! (`search`), kept apart so that either can change alone.

pub(crate) mod anchors;
// The model's constructor is `pub` inside this crate-private module, and takes the
// crate-private `Layout`: nothing outside the crate reaches either.
#[allow(private_interfaces)]
pub(crate) mod cost;
pub mod evidence;
mod params;
pub(crate) mod search;
pub mod verdict;

use std::ops::Range;

use crate::features::SentenceFeatures;
pub(crate) use anchors::{AnchorTable, PairTables};
pub use params::Params;
pub use verdict::Verdict;

/// A group of consecutive English sentences aligned with a group of consecutive Japanese
/// sentences. Either side may be empty: a sentence with no counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// English sentence indices; empty for a Japanese sentence with no counterpart.
    pub en: Range<usize>,
    /// Japanese sentence indices; empty for an English sentence with no counterpart.
    pub ja: Range<usize>,
    /// Confidence in [0, 1]: higher is more likely right.
    pub score: f32,
}

impl Bead {
    /// "1-1", "2-1", "0-1": English count first.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.en.len(), self.ja.len())
    }

    /// Whether both sides have a sentence: a translation pair, not a skip.
    pub fn is_pair(&self) -> bool {
        !self.en.is_empty() && !self.ja.is_empty()
    }
}

/// Beads covering both documents in order, with no gap and no overlap.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// The beads in document order.
    pub beads: Vec<Bead>,
    /// What each bead's score was computed from, one per bead (empty for an alignment not
    /// made by the search, such as one read back from a file).
    pub evidence: Vec<evidence::Evidence>,
    /// The document pair's evidence as a whole.
    pub document: evidence::DocumentEvidence,
    /// What the document pair is: translated whole, in part, or not at all. The search
    /// leaves it unjudged; [`crate::Aligner`] judges it, knowing which sentences are page
    /// furniture and whether it has a lexicon.
    pub verdict: verdict::Verdict,
    /// Whether the search band reached its most cells ([`Params::band_cells`]) before the
    /// best path stayed clear of its edges: the alignment is the best within that band, and
    /// a wider search might have found a better one. Happens where both documents repeat
    /// sentences in unequal numbers; the command line says so on standard error.
    pub band_capped: bool,
}

impl Alignment {
    /// Checks the invariant every consumer relies on: both sides covered exactly, in order.
    pub fn covers(&self, n_en: usize, n_ja: usize) -> bool {
        let (mut e, mut j) = (0, 0);
        for b in &self.beads {
            if b.en.start != e || b.ja.start != j || (b.en.is_empty() && b.ja.is_empty()) {
                return false;
            }
            e = b.en.end;
            j = b.ja.end;
        }
        e == n_en && j == n_ja
    }
}

/// What the aligner needs of one side of a document pair.
pub(crate) struct Side<'a> {
    /// The features of each sentence, in order.
    pub features: &'a [SentenceFeatures],
    /// Where each sentence stands.
    pub layout: Layout<'a>,
}

/// Where each sentence of one side stands on its page.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Layout<'a> {
    /// Paragraph number of each sentence.
    pub paragraphs: &'a [usize],
    /// Whether each sentence is page furniture ([`crate::segment::Sentence::furniture`]),
    /// which is left unmatched at no cost; empty when none is.
    pub furniture: &'a [bool],
}

/// Aligns two documents' sentences, on as many as `threads` threads ([`search::search`]).
pub(crate) fn align(en: Side<'_>, ja: Side<'_>, params: &Params, threads: usize) -> Alignment {
    let tables = PairTables::new(
        AnchorTable::from_features(en.features),
        AnchorTable::from_features(ja.features),
    );
    align_tables(tables, en.layout, ja.layout, params, threads)
}

/// Aligns two documents' sentences given their anchors and where each sentence stands. The
/// anchors are dropped once the cost model holds what it needs of them, before the search.
pub(crate) fn align_tables(
    tables: PairTables,
    en: Layout<'_>,
    ja: Layout<'_>,
    params: &Params,
    threads: usize,
) -> Alignment {
    let mut model = cost::Model::new(&tables, en, ja, params);
    let (n_en, n_ja) = (tables.en.len(), tables.ja.len());
    drop(tables);
    let alignment = search::search(&mut model, params, threads);
    debug_assert!(alignment.covers(n_en, n_ja));
    alignment
}
