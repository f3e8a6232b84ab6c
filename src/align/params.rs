//! The aligner's parameters, in one place, each with where its value comes from today.
//!
//! All fitted values were set on the development documents of `../shared/eval` (WMT21
//! newstest, 146 article pairs in both translation directions; `news` profile for fitting,
//! `clean` and `news-long` to check), so the figures they give are development figures, not
//! held-out ones. Today's figures are in README.md ("Figures" and the `hashi check` section);
//! how the values got here, round by round, is in CHANGELOG.md.
//!
//! The ratio of English to Japanese characters is not a parameter: it is measured on each
//! document pair, since it differs with the direction of translation (median 3.0 when
//! Japanese is the original, 2.3 when English is) and with the writer.

/// Bead shapes the search considers: (English sentences, Japanese sentences).
pub const BEAD_SHAPES: &[(usize, usize)] = &[
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Declares [`Params`] from one table: each field once, with its doc, its type (`f32`, or
/// `usize` for the sizes, which [`Params::set`] gives the value's integer part), its default
/// and the range `set` accepts (`from MIN` includes the least value, `above MIN` excludes
/// it: the parameter divides). From that one table it writes the struct, its `Default`,
/// [`RANGES`], the list of names `set`'s error gives and `set`'s assignment to the field.
macro_rules! params {
    (
        $(#[$attr:meta])*
        pub struct Params {
            $(
                $(#[doc = $doc:literal])*
                pub $name:ident: $ty:ty = $default:expr, $least:ident $min:expr, to $max:expr;
            )*
        }
    ) => {
        $(#[$attr])*
        pub struct Params {
            $(
                $(#[doc = $doc])*
                pub $name: $ty,
            )*
        }

        impl Default for Params {
            fn default() -> Self {
                Params {
                    $($name: $default,)*
                }
            }
        }

        /// Each parameter [`Params::set`] takes, with the least and greatest value it accepts. The
        /// ranges are wide (every fitted value and every value the fitting grids tried lies well
        /// inside) but keep the costs finite and the search's tables of a size memory can hold:
        /// weights and similarities are not negative, shares lie in [0, 1], the clean-document skip
        /// score is not positive (0 turns the adaptation off), `len_sigma` and `skip_rate_ref` are
        /// above 0 (they divide), the band is at least one sentence and a full search at most 10^8
        /// cells (2 GB).
        pub const RANGES: &[(&str, f32, f32)] = &[$((stringify!($name), $min, $max)),*];

        /// The names [`Params::set`] takes, as its error lists them.
        const NAMES: &str = params!(@names $($name)*);

        impl Params {
            /// Sets the field `name` (one of [`RANGES`]) to `value`, already checked.
            fn assign(&mut self, name: &str, value: f32) {
                match name {
                    $(stringify!($name) => self.$name = FromParam::from_param(value),)*
                    _ => unreachable!("every name of RANGES has its field"),
                }
            }

            /// Whether parameter `name` excludes its least value (`above MIN`: it divides).
            fn divides(name: &str) -> bool {
                match name {
                    $(stringify!($name) => params!(@divides $least),)*
                    _ => false,
                }
            }

            /// Every parameter's name and value, in the table's order.
            #[cfg(test)]
            fn values(&self) -> Vec<(&'static str, f32)> {
                vec![$((stringify!($name), self.$name as f32)),*]
            }
        }
    };
    (@divides above) => { true };
    (@divides from) => { false };
    (@names $first:ident $($rest:ident)*) => {
        concat!("one of ", stringify!($first) $(, ", ", stringify!($rest))*)
    };
}

/// How [`Params::set`]'s `f32` becomes a field's value.
trait FromParam {
    fn from_param(value: f32) -> Self;
}

impl FromParam for f32 {
    fn from_param(value: f32) -> f32 {
        value
    }
}

impl FromParam for usize {
    /// The value's integer part (the value is checked to be finite and in range).
    fn from_param(value: f32) -> usize {
        value as usize
    }
}

params! {
    /// The constants of the cost model (`src/align/cost.rs`) and of the search
    /// (`src/align/search.rs`).
    ///
    /// [`Params::default`] is what `align` and `batch` use with the lexicon;
    /// [`Params::without_lexicon`] and [`Params::for_checking`] change a few of them. Any one can
    /// be overridden by name with [`Params::set`] (the CLI's hidden `--params k=v,...`), which is
    /// how the fitting scripts try values.
    ///
    /// Seven of them (`len_sigma`, `len_short_var`, `sim_weight`, `sim_smoothing`, `skip_score`,
    /// `merge_score`, `paragraph_cross`) were fitted by `scripts/fit_params.py`, a coordinate
    /// search for mean strict F1 on pre-segmented nt21-ja-en-news and nt21-en-ja-news, checked on
    /// the clean and news-long sets. That fit ran on the first model, before the missing-evidence
    /// costs and the WordNet keys, and has not been re-run since; with today's model they give the
    /// strict F1 of README.md's alignment table (0.967 ja-en-news, 0.958 en-ja-news, 0.962
    /// news-long, 1.000 and 0.998 on the clean sets).
    #[derive(Debug, Clone)]
    pub struct Params {
        /// Standard deviation of ln(English length / Japanese length) around the document's mean,
        /// for long sentences. Fitted by `scripts/fit_params.py`.
        pub len_sigma: f32 = 0.45, above 0.0, to 100.0;
        /// Extra variance of the log ratio for short sentences, divided by the shorter side's
        /// length in Japanese characters: short sentences vary more in ratio. Fitted by
        /// `scripts/fit_params.py`, which kept its starting value.
        pub len_short_var: f32 = 1.0, from 0.0, to 100.0;
        /// Weight of the length term against the anchor similarity. Fixed at 1 as the unit the
        /// other weights are measured in, not fitted.
        pub len_weight: f32 = 1.0, from 0.0, to 100.0;
        /// Weight of the anchor similarity (0 to 1) in a bead's score. Fitted by
        /// `scripts/fit_params.py`.
        pub sim_weight: f32 = 8.0, from 0.0, to 100.0;
        /// Smoothing added to the anchor weight of a bead, so one shared anchor in a short sentence
        /// pair does not count as certainty. Fitted by `scripts/fit_params.py`.
        pub sim_smoothing: f32 = 1.33, from 0.0, to 100.0;
        /// Score of leaving one sentence unmatched (negative: a cost). The `scripts/fit_params.py`
        /// fit wanted -0.14 for the news sets, which drop about 15% of their sentences, but that
        /// loses strict F1 on the clean sets, which drop none; the value is a middle one, chosen by
        /// hand so that both kinds of translation align well.
        pub skip_score: f32 = -0.375, from -100.0, to 100.0;
        /// Score added for each bead shape other than 1-1 and skips, per extra sentence. Fitted by
        /// `scripts/fit_params.py`.
        pub merge_score: f32 = -0.665, from -100.0, to 100.0;
        /// Bonus for a bead that starts a paragraph on both sides. Set by hand with the first
        /// model, not fitted.
        pub paragraph_bonus: f32 = 0.3, from -100.0, to 100.0;
        /// Cost of a bead whose one side crosses a paragraph break. Fitted by
        /// `scripts/fit_params.py`, which kept its starting value.
        pub paragraph_cross: f32 = 1.0, from -100.0, to 100.0;
        /// Absent evidence: a 1-1 pair whose sentences carry at least `absent_min_weight` times the
        /// document's median sentence weight of matchable anchors (both sides together) but whose
        /// similarity falls short of `absent_sim` loses `absent_weight` × the shortfall. With that
        /// much to match, a translation matches some of it, so a miss is evidence of two unrelated
        /// sentences (an added English sentence beside an omitted Japanese one), not merely a lack
        /// of evidence. The threshold is relative to the median because anchor weights grow with
        /// the document; an absolute one costs news-long strict F1. The three constants were chosen
        /// by a grid on the two WMT21 news sets (run through [`Params::set`] with
        /// `scripts/bench_align.py` and `scripts/check_figures.py`; the grid is not a script of its
        /// own), for strict F1 without loss on the clean sets.
        pub absent_weight: f32 = 8.0, from 0.0, to 100.0;
        /// The similarity below which a pair with much to match pays the absent-evidence cost; see
        /// `absent_weight`.
        pub absent_sim: f32 = 0.4, from 0.0, to 1.0;
        /// How much matchable anchor weight a pair needs, as a multiple of the document's median
        /// sentence weight, before a poor match counts against it; see `absent_weight`.
        pub absent_min_weight: f32 = 1.25, from 0.0, to 100.0;
        /// Exclusive contribution: a sentence merged into a 2-1, 1-2, 2-2, 3-1 or 1-3 bead must
        /// bring anchors of the other side that its companions do not already match (a headline
        /// repeating the lead brings none); each member whose exclusive matched weight falls short
        /// of `exclusive_min` costs `exclusive_weight` × the shortfall / `exclusive_min`. Chosen by
        /// a grid on the WMT21 news sets, fitted on either direction and held out on the other
        /// (both gave the same optimum).
        pub exclusive_weight: f32 = 1.0, from 0.0, to 100.0;
        /// The anchor weight a merged member must match on its own to escape the exclusive cost; an
        /// absolute weight (a relative one was tried and did not help). See `exclusive_weight`.
        pub exclusive_min: f32 = 3.0, from 0.0, to 100.0;
        /// Anchors no sentence of the other side writes weigh in their sentence at this factor
        /// times their rarity, for numbers and dates. A sentence whose numbers the other document
        /// never mentions is the mark of a dropped sentence, and without this it looks as empty as
        /// one with nothing to match. Such numbers count toward `absent_min_weight` only, not
        /// against the similarity: a number changed in translation (36 vs 37) must leave the pair
        /// whole, for `check` to report it as a number. Chosen by a 15-point grid with
        /// `orphan_latin` on the WMT21 news sets (fitted on en-ja-news, held out on ja-en-news, the
        /// same optimum): results are flat over 1 to 2, and the value is the middle of that
        /// plateau. Today `check` reports 309/337 = 0.917 of the gold omissions and additions of
        /// the two news sets with a false share of 0.069 (`scripts/check_figures.py`).
        pub orphan_number: f32 = 1.0, from 0.0, to 100.0;
        /// The same factor for Latin-script words of the Japanese side that the English never
        /// writes; these count toward the threshold and against the similarity. Set on ja-en-news
        /// alone (they change nothing on en-ja-news), from the same grid: flat over 1 to 3, the
        /// middle taken. English words are name and word anchors, so there is no English
        /// counterpart.
        pub orphan_latin: f32 = 2.0, from 0.0, to 100.0;
        /// Skip score of a first pass that takes the document for a clean translation, to measure
        /// how irregular it is; 0 turns the adaptation off. Only the skips and merges the evidence
        /// forces survive that pass; their share (with `skip_prior`) against `skip_rate_ref` sets
        /// the document's shift of the skip and merge scores, between this and `skip_score`. The
        /// three constants were chosen by an 18-point grid (-1.5, -2, -3 × 0.05, 0.1, 0.2 × 0.5, 1)
        /// on gt23-ja-en-clean and gt23-ja-en-news, held out on the gt23 en-ja sets and the nt21
        /// sets (`scripts/eval_sets.py`); -1.5 and -2 tie.
        pub skip_clean: f32 = -2.0, from -100.0, to 0.0;
        /// The share of sentences left out or merged by the first pass at which a document is as
        /// irregular as `skip_score` assumes; see `skip_clean`.
        pub skip_rate_ref: f32 = 0.1, above 0.0, to 1.0;
        /// Prior count of irregular sentences added to the first pass's count, so that a short
        /// document's single pass is not taken at its word; see `skip_clean`.
        pub skip_prior: f32 = 0.5, from 0.0, to 1000.0;
        /// How much of the document's shift applies to the merge score: 1, the same log-odds shift
        /// for leaving out and for merging (0.5 and 1 gave the same figures on every set).
        pub merge_shift: f32 = 1.0, from 0.0, to 100.0;
        /// The share of the absent-evidence cost (`absent_weight`) that applies in a document the
        /// first pass finds as regular as a clean translation; it grows to the whole cost as the
        /// document's shift of the skip score (see `skip_clean`) goes from `skip_clean` to 0. The
        /// cost is evidence against a pair only where pairs can be unrelated: in a document that
        /// drops nothing, a pair that matches little is a free translation far more often than an
        /// omission beside an addition. 1 (the default, which `align` uses) keeps the cost whole in
        /// every document; see [`Params::for_checking`] for `check`'s value.
        pub absent_clean: f32 = 1.0, from 0.0, to 1.0;
        /// Half-width of the search band around the anchor path, in sentences; it doubles until the
        /// best path stays clear of its edges, so it sets speed, not the result. Set by hand.
        pub band: usize = 24, from 1.0, to 100_000.0;
        /// Documents with at most this many cells (n × m) are searched without a band: below this
        /// the full table is cheap. Set by hand.
        pub full_search_cells: usize = 250_000, from 0.0, to 100_000_000.0;
        /// The band may hold at most this many cells per sentence of the pair (n + m), or
        /// `full_search_cells` if more: its widening stops there, and the alignment says so
        /// ([`crate::align::Alignment::band_capped`]). It keeps time and memory linear when both
        /// documents repeat a sentence in unequal numbers, where every band's best path runs along
        /// its edge. Set by hand: the development documents' bands take about 26 cells a sentence
        /// (N = 24 of `make_big.py`), so 64 never binds on them.
        pub band_cells: usize = 64, from 1.0, to 100_000.0;
    }
}

impl Params {
    /// The defaults for aligning without the bilingual lexicon (`--no-lexicon`): the costs on
    /// missing evidence (`absent_*`, `exclusive_*`) are off. They assume most content words
    /// can match; with numbers, names and Latin words alone, sentences carry too few anchors
    /// for an absence to mean much, and the terms cost strict F1 on the WMT21 news sets.
    /// Today's `--no-lexicon` figures are in README.md's alignment table.
    pub fn without_lexicon() -> Params {
        Params {
            absent_weight: 0.0,
            exclusive_weight: 0.0,
            ..Params::default()
        }
    }

    /// The parameters `hashi check` aligns with: a pair that matches little of what it could
    /// match is left as an omission beside an addition more readily (the absent-evidence cost
    /// is 1.5 times as steep, starts at the median sentence weight and reaches up to a
    /// similarity of 0.6), and a merged member that brings nothing of its own costs twice as
    /// much. A checker would rather show a doubtful pair as a gap, to be glanced at, than hide
    /// a dropped sentence inside a pair. Chosen from a 48-point grid over these four constants
    /// as the best point for nt21-en-ja-news (`scripts/check_figures.py`), with ja-en-news
    /// held out.
    ///
    /// That preference only holds where the document gives reason to expect gaps. Of the
    /// gold 1-1 pairs with that much to match, 2 to 7 in 1,000 match less than 0.3 of it (free
    /// renderings, as in the chat of `src/check/mod.rs`'s tests), and the whole cost, up to
    /// 7.2, outweighs even a clean document's skip scores (-2 a sentence): the first pass that
    /// measures how irregular the document is broke such pairs itself, and the gaps it left
    /// then made the document look irregular. `absent_clean` scales the cost with the
    /// document's measured irregularity instead: a fifth of it where the first pass finds the
    /// document as regular as a clean translation, all of it where it drops sentences as news
    /// does (a short document stays between: its prior, `skip_prior`, keeps it from looking
    /// quite clean). Fitted on the gt23 sets (`scripts/check_clean.py`: omission and addition
    /// findings on the clean sets, recall and false share on the news sets), where every value
    /// from 0 to 0.35 gives the same figures and 0.2 is inside that plateau; held out on nt21
    /// (`scripts/check_figures.py`). The figures are in README.md (`hashi check`).
    pub fn for_checking() -> Params {
        Params {
            absent_weight: 12.0,
            absent_min_weight: 1.0,
            absent_sim: 0.6,
            absent_clean: 0.2,
            exclusive_weight: 2.0,
            ..Params::default()
        }
    }

    /// Sets one parameter by name, for experiments and re-estimation (`--params k=v,...`).
    /// The names are the field names; `band`, `full_search_cells` and `band_cells` take the
    /// value's integer part. A value that is not finite or lies outside the parameter's range
    /// (`RANGES`) is refused with [`crate::Error::InvalidValue`] and leaves the parameters as
    /// they were: the search and the bead scores assume finite costs (an infinite skip score
    /// made the search index out of its table, a NaN one left every sentence unmatched).
    pub fn set(&mut self, name: &str, value: f32) -> crate::error::Result<()> {
        let Some(&(_, min, max)) = RANGES.iter().find(|(n, _, _)| *n == name) else {
            return Err(crate::Error::UnknownName {
                what: "parameter",
                name: name.to_owned(),
                expected: NAMES,
            });
        };
        // A parameter that divides (`above MIN` in the table) excludes its least value.
        let divides = Params::divides(name);
        let above_min = if divides { value > min } else { value >= min };
        if !(value.is_finite() && above_min && value <= max) {
            let expected = if divides {
                format!("a finite number above {min}, at most {max}")
            } else {
                format!("a finite number from {min} to {max}")
            };
            return Err(crate::Error::InvalidValue {
                name: name.to_owned(),
                value: value.to_string(),
                expected,
            });
        }
        self.assign(name, value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_changes_the_named_parameter_and_refuses_unknown_names() {
        let mut params = Params::default();
        params.set("skip_score", -0.5).unwrap();
        params.set("band", 12.7).unwrap();
        assert_eq!((params.skip_score, params.band), (-0.5, 12));
        let err = params.set("skip", 1.0).unwrap_err();
        assert!(matches!(err, crate::Error::UnknownName { .. }), "{err:?}");
        assert!(
            matches!(&err, crate::Error::UnknownName { what: "parameter", name, .. } if name == "skip"),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with(r#"unknown parameter "skip" (expected one of len_sigma, "#),
            "{err}"
        );
    }

    #[test]
    fn set_refuses_values_that_are_not_finite_or_out_of_range() {
        let mut params = Params::default();
        for (name, value) in [
            ("skip_score", f32::INFINITY),
            ("len_sigma", f32::NAN),
            ("merge_score", f32::NAN),
            ("len_sigma", 0.0),
            ("absent_sim", 1.5),
            ("band", 0.0),
            ("full_search_cells", 1e12),
        ] {
            let err = params.set(name, value).unwrap_err();
            assert!(
                matches!(&err, crate::Error::InvalidValue { name: n, .. } if n == name),
                "{name}={value}: {err:?}"
            );
        }
        assert_eq!(params.skip_score, Params::default().skip_score);
        assert_eq!(
            params
                .set("skip_score", f32::INFINITY)
                .unwrap_err()
                .to_string(),
            "skip_score = inf: expected a finite number from -100 to 100"
        );
        assert_eq!(
            params.set("len_sigma", 0.0).unwrap_err().to_string(),
            "len_sigma = 0: expected a finite number above 0, at most 100"
        );
        // Every field's default lies in its range.
        let defaults = Params::default().values();
        assert_eq!(defaults.len(), RANGES.len());
        for (name, value) in defaults {
            Params::default().set(name, value).unwrap();
        }
        // The list of names is the one the error gave when it was written by hand.
        assert_eq!(
            NAMES,
            "one of len_sigma, len_short_var, len_weight, sim_weight, sim_smoothing, \
             skip_score, merge_score, paragraph_bonus, paragraph_cross, absent_weight, \
             absent_sim, absent_min_weight, exclusive_weight, exclusive_min, orphan_number, \
             orphan_latin, skip_clean, skip_rate_ref, skip_prior, merge_shift, absent_clean, \
             band, full_search_cells, band_cells"
        );
    }
}
