//! The verdict on a document pair: how much of each side the alignment found translated, and
//! whether the two look like translations of each other at all.

use serde::Serialize;

use super::Alignment;
use crate::error::Coverage;

/// A pair scoring at least this counts its sentences as translated.
pub const TRANSLATED_SCORE: f32 = 0.5;

/// The share of the smaller side that must be translated for the pair to count as a
/// translation in part. Unrelated articles of the development sets (each English article
/// against another's Japanese, `../shared/eval/mismatch.py`) reach at most 0.23 of their
/// smaller side; true pairs, even of news pages with dropped sentences and page furniture,
/// at least 0.25 in 99 of 100.
pub const PARTIAL_SHARE: f32 = 0.25;

/// The share of the smaller side above which a pair counts as translated whole.
pub const WHOLE_SHARE: f32 = 0.6;

/// What a document pair is, judged by its alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Most of the smaller side is translated.
    Translation,
    /// A stretch is translated, the rest has no counterpart (a half-translated page).
    Partial,
    /// Too little pairs with confidence for the two to be translations of each other.
    Unrelated,
}

impl Kind {
    /// The kind's name as the outputs write it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Translation => "translation",
            Kind::Partial => "partial",
            Kind::Unrelated => "unrelated",
        }
    }
}

/// The verdict on a document pair ([`Verdict::of`]). Page furniture counts on neither side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Verdict {
    /// What the pair is.
    pub kind: Kind,
    /// The probability that the two are translations of each other, in whole or in part.
    pub probability: f32,
    /// English sentences, page furniture left out.
    pub en_sentences: usize,
    /// English sentences in pairs scoring at least [`TRANSLATED_SCORE`].
    pub en_translated: usize,
    /// Japanese sentences, page furniture left out.
    pub ja_sentences: usize,
    /// Japanese sentences in pairs scoring at least [`TRANSLATED_SCORE`].
    pub ja_translated: usize,
    /// Whether the pair was judged at all: without the bilingual lexicon most sentences
    /// hold too little to match (a number, a name) for their scores to tell a translation
    /// from an unrelated text, so no pair is judged, and none refused, then.
    pub judged: bool,
}

impl Default for Verdict {
    fn default() -> Self {
        Verdict {
            kind: Kind::Translation,
            probability: 1.0,
            en_sentences: 0,
            en_translated: 0,
            ja_sentences: 0,
            ja_translated: 0,
            judged: false,
        }
    }
}

impl Verdict {
    /// The verdict on an alignment whose beads are scored, `en_furniture[i]` (and
    /// `ja_furniture[j]`) telling whether a sentence is page furniture (empty slices: none is).
    pub fn of(alignment: &Alignment, en_furniture: &[bool], ja_furniture: &[bool]) -> Verdict {
        let content = |furniture: &[bool], r: std::ops::Range<usize>| {
            r.filter(|&k| !furniture.get(k).copied().unwrap_or(false))
                .count()
        };
        let (mut v, mut n_en, mut n_ja) = (
            Verdict {
                judged: true,
                ..Verdict::default()
            },
            0,
            0,
        );
        for b in &alignment.beads {
            let (e, j) = (
                content(en_furniture, b.en.clone()),
                content(ja_furniture, b.ja.clone()),
            );
            v.en_sentences += e;
            v.ja_sentences += j;
            n_en = n_en.max(b.en.end);
            n_ja = n_ja.max(b.ja.end);
            if b.is_pair() && b.score >= TRANSLATED_SCORE {
                v.en_translated += e;
                v.ja_translated += j;
            }
        }
        let share = v.share();
        // A logistic around the partial-translation threshold: 0.5 there, 0.1 at the most
        // unrelated articles reach, 0.99 at twice the threshold.
        v.probability = 1.0 / (1.0 + (-20.0 * (share - PARTIAL_SHARE)).exp());
        v.kind = if share >= WHOLE_SHARE {
            Kind::Translation
        } else if share >= PARTIAL_SHARE {
            Kind::Partial
        } else {
            Kind::Unrelated
        };
        v
    }

    /// How many sentences of each side find a counterpart.
    pub fn coverage(&self) -> Coverage {
        Coverage {
            en_sentences: self.en_sentences,
            en_translated: self.en_translated,
            ja_sentences: self.ja_sentences,
            ja_translated: self.ja_translated,
        }
    }

    /// The translated share of the side that has less of it translated.
    pub fn share(&self) -> f32 {
        let part = |t: usize, n: usize| if n == 0 { 1.0 } else { t as f32 / n as f32 };
        part(self.en_translated, self.en_sentences).min(part(self.ja_translated, self.ja_sentences))
    }

    /// Whether the two look like translations of each other, in whole or in part.
    pub fn is_translation(&self) -> bool {
        !self.judged || self.kind != Kind::Unrelated
    }

    /// Whether the pair was judged to be translated only in part: the output is right, but
    /// much of it is unmatched sentences, which the front ends say.
    pub fn is_partial(&self) -> bool {
        self.judged && self.kind == Kind::Partial
    }

    /// This verdict marked as not judged (see [`Verdict::judged`]): the counts stay, the
    /// kind says translation and nothing is refused.
    pub fn unjudged(self) -> Verdict {
        Verdict {
            kind: Kind::Translation,
            probability: 1.0,
            judged: false,
            ..self
        }
    }

    /// The verdict in words: `translation: 38 of 41 English sentences and 40 of 44
    /// Japanese find a counterpart`, the counts as every front end says them
    /// ([`Coverage`]'s `Display`).
    pub fn describe(&self) -> String {
        format!("{}: {}", self.kind.name(), self.coverage())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;

    fn alignment(beads: &[(std::ops::Range<usize>, std::ops::Range<usize>, f32)]) -> Alignment {
        Alignment {
            beads: beads
                .iter()
                .map(|(en, ja, score)| Bead {
                    en: en.clone(),
                    ja: ja.clone(),
                    score: *score,
                })
                .collect(),
            ..Alignment::default()
        }
    }

    #[test]
    fn the_kind_follows_the_translated_share_of_the_smaller_side() {
        // Four sure pairs of ten: partial; furniture (English 0 and 9) counts on neither side.
        let a = alignment(&[
            (0..1, 0..0, 1.0),
            (1..2, 0..1, 0.9),
            (2..3, 1..2, 0.95),
            (3..5, 2..3, 0.7),
            (5..6, 3..4, 0.3),
            (6..7, 4..5, 0.1),
            (7..8, 5..6, 0.2),
            (8..9, 6..6, 0.9),
            (9..10, 6..6, 1.0),
        ]);
        let mut furniture = vec![false; 10];
        furniture[0] = true;
        furniture[9] = true;
        let v = Verdict::of(&a, &furniture, &[]);
        assert_eq!((v.en_sentences, v.en_translated), (8, 4));
        assert_eq!((v.ja_sentences, v.ja_translated), (6, 3));
        assert_eq!(v.kind, Kind::Partial);
        assert!(v.judged && v.is_translation());
        assert!((v.probability - 0.993).abs() < 0.01, "{}", v.probability);
        // Nothing sure: unrelated, and refused unless unjudged.
        let none = alignment(&[(0..3, 0..3, 0.1), (3..4, 3..4, 0.4)]);
        let v = Verdict::of(&none, &[], &[]);
        assert_eq!(v.kind, Kind::Unrelated);
        assert!(!v.is_translation());
        assert!(v.unjudged().is_translation());
        assert_eq!(
            v.describe(),
            "unrelated: 0 of 4 English sentences and 0 of 4 Japanese find a counterpart"
        );
    }
}
