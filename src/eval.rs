//! Scoring bead files against gold ones: precision, recall and F1, strict and lax.
//!
//! The definitions are those of the shared `score.py` (Vecalign and Bertalign report the same):
//!
//! - **Precision** judges every distinct non-empty test bead, deletions (`[2]:[]`) and
//!   insertions (`[]:[3]`) included, against the distinct non-empty gold beads.
//! - **Recall** judges every distinct gold bead that pairs something on both sides against the
//!   test beads that pair something on both sides.
//! - **Strict**: the bead is exactly a bead of the other side. Ids are compared as written, in
//!   order: `[1,0]:[0]` is not `[0,1]:[0]`.
//! - **Lax**: a strict hit, or the bead shares an English and a Japanese sentence with one link of
//!   the other side (a link joins every English id of a bead to every Japanese id of it). A
//!   deletion or insertion bead is only ever a strict hit or a miss.
//!
//! Over many documents the counts are summed and the figures computed once from the sums
//! (micro-averaged over beads), as `score.py --cases` does: add up [`Counts`], then call
//! [`Counts::scores`].

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::error::{Error, Result};

/// One bead line of a bead file: the 0-based sentence ids of each side, English first.
/// Unlike [`crate::align::Bead`] (ranges and a score, what the aligner produces), this is
/// what a `.align` file holds, gold or test, with the ids exactly as written.
///
/// Written `[0,1]:[0]`, `[2]:[]`, `[]:[3]`. The ids are kept as written (order and repeats
/// included) because the strict comparison in `score.py` compares them that way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct IndexBead {
    /// English sentence ids, as written.
    pub en: Vec<usize>,
    /// Japanese sentence ids, as written.
    pub ja: Vec<usize>,
}

impl IndexBead {
    /// A bead of these ids.
    pub fn new(en: Vec<usize>, ja: Vec<usize>) -> Self {
        Self { en, ja }
    }

    /// True for `[]:[]`, which scoring ignores.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ja.is_empty()
    }

    /// True when both sides have a sentence (the beads recall is measured over).
    pub fn pairs_both(&self) -> bool {
        !self.en.is_empty() && !self.ja.is_empty()
    }
}

impl fmt::Display for IndexBead {
    /// The bead-file form, `[0,1]:[2]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn side(f: &mut fmt::Formatter<'_>, ids: &[usize]) -> fmt::Result {
            f.write_str("[")?;
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{id}")?;
            }
            f.write_str("]")
        }
        side(f, &self.en)?;
        f.write_str(":")?;
        side(f, &self.ja)
    }
}

/// A malformed line of a bead file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, e.g. `expected '[ids]:[ids]', found "0:1"`.
    pub message: String,
}

impl ParseError {
    /// The crate error for this line of the file at `path`.
    pub fn into_error(self, path: &Path) -> Error {
        Error::Parse {
            path: path.to_path_buf(),
            line: self.line,
            message: self.message,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a bead file: one `[ids]:[ids]` bead a line, ids comma-separated, English side first.
///
/// Blank lines are skipped; white space around a line and around each id is allowed, and a
/// leading byte-order mark is ignored. Anything else `score.py` would read differently or not
/// at all (a missing `]:[`, an id that is not a non-negative decimal number, an empty id
/// between commas, a stray bracket) is an error naming the line.
pub fn parse_beads(text: &str) -> std::result::Result<Vec<IndexBead>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut beads = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let bead = parse_line(line).map_err(|message| ParseError {
            line: i + 1,
            message,
        })?;
        beads.push(bead);
    }
    Ok(beads)
}

/// Reads and parses a bead file; errors name the file (and the line).
pub fn read_beads(path: &Path) -> Result<Vec<IndexBead>> {
    let text = crate::input::read_text(Some(path))?;
    parse_beads(&text).map_err(|e| e.into_error(&crate::input::display_name(Some(path))))
}

fn parse_line(line: &str) -> std::result::Result<IndexBead, String> {
    let expected = || format!("expected '[ids]:[ids]', found {}", quote(line));
    let inner = line
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
        .ok_or_else(expected)?;
    let (en, ja) = inner.split_once("]:[").ok_or_else(expected)?;
    if en.contains(['[', ']']) || ja.contains(['[', ']']) {
        return Err(expected());
    }
    let side = |s: &str| -> std::result::Result<Vec<usize>, String> {
        if s.trim().is_empty() {
            return Ok(Vec::new());
        }
        s.split(',')
            .map(|id| {
                let id = id.trim();
                if id.is_empty() {
                    return Err(format!("empty sentence id in {}", quote(line)));
                }
                if !id.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "{} is not a sentence id (a number from 0) in {}",
                        quote(id),
                        quote(line)
                    ));
                }
                id.parse::<usize>()
                    .map_err(|_| format!("sentence id {id} is too large in {}", quote(line)))
            })
            .collect()
    };
    Ok(IndexBead {
        en: side(en)?,
        ja: side(ja)?,
    })
}

/// The line quoted for a message, shortened if long.
fn quote(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}...", &s[..cut]),
        None => format!("{s:?}"),
    }
}

/// Raw counts for one document or, summed with [`Counts::add`], for many.
///
/// `test_*` are the precision side, `gold_*` the recall side (`score.py`'s `p` and `r` lists).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Distinct non-empty test beads: the precision denominator.
    pub test_beads: usize,
    /// Of those, beads that are exactly a gold bead.
    pub test_strict: usize,
    /// Of those, strict hits plus beads sharing an English and a Japanese sentence with a gold link.
    pub test_lax: usize,
    /// Distinct gold beads with both sides non-empty: the recall denominator.
    pub gold_pairs: usize,
    /// Of those, beads that are exactly a test bead.
    pub gold_strict: usize,
    /// Of those, strict hits plus beads sharing an English and a Japanese sentence with a test link.
    pub gold_lax: usize,
    /// Gold bead lines as read, `[]:[]` and repeats included (`score.py`'s `gold_beads`).
    pub gold_beads: usize,
}

/// Counts the beads of one document's test alignment against its gold one.
pub fn count(gold: &[IndexBead], test: &[IndexBead]) -> Counts {
    let gold_all: Vec<&IndexBead> = gold.iter().collect();
    let test_all: Vec<&IndexBead> = test.iter().collect();
    let gold_both: Vec<&IndexBead> = gold.iter().filter(|b| b.pairs_both()).collect();
    let test_both: Vec<&IndexBead> = test.iter().filter(|b| b.pairs_both()).collect();
    let p = judge(&gold_all, &test_all);
    let r = judge(&test_both, &gold_both);
    Counts {
        test_beads: p.judged,
        test_strict: p.strict,
        test_lax: p.lax,
        gold_pairs: r.judged,
        gold_strict: r.strict,
        gold_lax: r.lax,
        gold_beads: gold.len(),
    }
}

struct Judged {
    judged: usize,
    strict: usize,
    lax: usize,
}

/// `score.py`'s `counts(reference, judged)`: every distinct non-empty bead of `judged`, checked
/// against the distinct non-empty beads of `reference` and the links they make.
fn judge(reference: &[&IndexBead], judged: &[&IndexBead]) -> Judged {
    let reference: HashSet<&IndexBead> = reference
        .iter()
        .copied()
        .filter(|b| !b.is_empty())
        .collect();
    let mut links: HashMap<usize, HashSet<usize>> = HashMap::new();
    for bead in &reference {
        for &en in &bead.en {
            links.entry(en).or_default().extend(bead.ja.iter().copied());
        }
    }
    let judged: HashSet<&IndexBead> = judged.iter().copied().filter(|b| !b.is_empty()).collect();
    let mut out = Judged {
        judged: judged.len(),
        strict: 0,
        lax: 0,
    };
    for bead in judged {
        if reference.contains(bead) {
            out.strict += 1;
            out.lax += 1;
        } else if bead.en.iter().any(|en| {
            links
                .get(en)
                .is_some_and(|reach| bead.ja.iter().any(|ja| reach.contains(ja)))
        }) {
            out.lax += 1;
        }
    }
    out
}

impl Counts {
    /// Adds another document's counts to these.
    pub fn add(&mut self, other: &Counts) {
        self.test_beads += other.test_beads;
        self.test_strict += other.test_strict;
        self.test_lax += other.test_lax;
        self.gold_pairs += other.gold_pairs;
        self.gold_strict += other.gold_strict;
        self.gold_lax += other.gold_lax;
        self.gold_beads += other.gold_beads;
    }

    /// Precision, recall and F1 from the counts; 0 where a denominator is 0.
    pub fn scores(&self) -> Scores {
        let precision_strict = ratio(self.test_strict, self.test_beads);
        let precision_lax = ratio(self.test_lax, self.test_beads);
        let recall_strict = ratio(self.gold_strict, self.gold_pairs);
        let recall_lax = ratio(self.gold_lax, self.gold_pairs);
        Scores {
            precision_strict,
            recall_strict,
            f1_strict: f1(precision_strict, recall_strict),
            precision_lax,
            recall_lax,
            f1_lax: f1(precision_lax, recall_lax),
            gold_beads: self.gold_beads,
        }
    }
}

impl std::ops::AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, other: &Counts) {
        self.add(other);
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(iter: I) -> Counts {
        iter.fold(Counts::default(), |mut acc, c| {
            acc.add(&c);
            acc
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    // Same operation order as score.py, so the floats agree bit for bit.
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The figures, with `score.py`'s JSON keys in its order.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Share of the distinct non-empty test beads (skips included) that are exactly a gold
    /// bead.
    pub precision_strict: f64,
    /// Share of the distinct gold beads with both sides non-empty that are exactly a test
    /// bead.
    pub recall_strict: f64,
    /// Harmonic mean of the strict precision and recall.
    pub f1_strict: f64,
    /// As `precision_strict`, but a test bead also counts when it shares an English and a
    /// Japanese sentence with a gold link (a merge that is nearly right).
    pub precision_lax: f64,
    /// As `recall_strict`, but a gold bead also counts when it shares an English and a
    /// Japanese sentence with a test link.
    pub recall_lax: f64,
    /// Harmonic mean of the lax precision and recall.
    pub f1_lax: f64,
    /// Gold bead lines read, `[]:[]` and repeats included.
    pub gold_beads: usize,
}

impl Scores {
    /// Every figure rounded to `digits` decimals the way Python's `round` does (to the nearest,
    /// ties to even on the exact binary value), as `score.py` prints them with 4.
    pub fn rounded(&self, digits: usize) -> Scores {
        let r = |x: f64| round_decimal(x, digits);
        Scores {
            precision_strict: r(self.precision_strict),
            recall_strict: r(self.recall_strict),
            f1_strict: r(self.f1_strict),
            precision_lax: r(self.precision_lax),
            recall_lax: r(self.recall_lax),
            f1_lax: r(self.f1_lax),
            gold_beads: self.gold_beads,
        }
    }
}

/// Python's `round(x, digits)` for finite `x`: Rust's fixed-precision formatting is exact and
/// rounds ties to even, like CPython's correctly rounded `round`.
fn round_decimal(x: f64, digits: usize) -> f64 {
    format!("{x:.digits$}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(text: &str) -> Vec<IndexBead> {
        parse_beads(text).unwrap()
    }

    #[test]
    fn parses_sides_and_skips_blank_lines() {
        let b = beads("\u{feff}[0,1]:[0]\r\n\n  [2]:[]  \n[]:[3]\n[ 4 , 5 ]:[ ]\n");
        assert_eq!(
            b,
            vec![
                IndexBead::new(vec![0, 1], vec![0]),
                IndexBead::new(vec![2], vec![]),
                IndexBead::new(vec![], vec![3]),
                IndexBead::new(vec![4, 5], vec![]),
            ]
        );
        assert_eq!(b[0].to_string(), "[0,1]:[0]");
        assert_eq!(b[1].to_string(), "[2]:[]");
        assert!(beads("").is_empty());
        assert!(beads("\n \n").is_empty());
    }

    #[test]
    fn malformed_lines_name_the_line() {
        for (text, line, needle) in [
            (
                "[0]:[0]\n\n0:1\n",
                3,
                "expected '[ids]:[ids]', found \"0:1\"",
            ),
            ("[0]:[0]\n[0] : [1]", 2, "expected '[ids]:[ids]'"),
            ("[0]:[1]:[2]", 1, "expected '[ids]:[ids]'"),
            ("[[0]]:[[1]]", 1, "expected '[ids]:[ids]'"),
            ("[0,,1]:[2]", 1, "empty sentence id"),
            ("[0,]:[2]", 1, "empty sentence id"),
            ("[a]:[2]", 1, "\"a\" is not a sentence id"),
            ("[-1]:[2]", 1, "\"-1\" is not a sentence id"),
            ("[99999999999999999999999]:[2]", 1, "too large"),
        ] {
            let err = parse_beads(text).unwrap_err();
            assert_eq!(err.line, line, "{text:?}");
            assert!(err.message.contains(needle), "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn error_converts_with_path() {
        let err = parse_beads("x")
            .unwrap_err()
            .into_error(Path::new("out.align"));
        assert_eq!(
            err.to_string(),
            "out.align:1: expected '[ids]:[ids]', found \"x\""
        );
    }

    #[test]
    fn perfect_alignment_scores_one() {
        let gold = beads("[0]:[0]\n[1,2]:[1]\n[3]:[]\n[]:[2]\n");
        let c = count(&gold, &gold);
        assert_eq!(
            c,
            Counts {
                test_beads: 4,
                test_strict: 4,
                test_lax: 4,
                gold_pairs: 2,
                gold_strict: 2,
                gold_lax: 2,
                gold_beads: 4,
            }
        );
        let s = c.scores();
        assert_eq!(
            (s.precision_strict, s.recall_strict, s.f1_strict),
            (1.0, 1.0, 1.0)
        );
        assert_eq!((s.precision_lax, s.recall_lax, s.f1_lax), (1.0, 1.0, 1.0));
    }

    #[test]
    fn strict_and_lax_by_hand() {
        // gold: 0-0, 1,2-1, 3-(deleted), ()-2, 4-3
        let gold = beads("[0]:[0]\n[1,2]:[1]\n[3]:[]\n[]:[2]\n[4]:[3]\n");
        // test: 0-0 (strict), 1-1 (lax), 2-(deleted) (miss), 3-2 (miss), 4-3 (strict), dup 0-0
        let test = beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n[4]:[3]\n[0]:[0]\n[]:[]\n");
        let c = count(&gold, &test);
        assert_eq!((c.test_beads, c.test_strict, c.test_lax), (5, 2, 3));
        // recall over gold pairs 0-0, 1,2-1, 4-3 against test pairs 0-0, 1-1, 3-2, 4-3
        assert_eq!((c.gold_pairs, c.gold_strict, c.gold_lax), (3, 2, 3));
        assert_eq!(c.gold_beads, 5);
        let s = c.scores();
        assert_eq!(s.precision_strict, 0.4);
        assert_eq!(s.recall_strict, 2.0 / 3.0);
        assert_eq!(s.precision_lax, 0.6);
        assert_eq!(s.recall_lax, 1.0);
        assert_eq!(s.f1_lax, 2.0 * 0.6 * 1.0 / (0.6 + 1.0));
    }

    #[test]
    fn order_of_ids_matters_for_strict_only() {
        let gold = beads("[0,1]:[0]");
        let test = beads("[1,0]:[0]");
        let c = count(&gold, &test);
        assert_eq!((c.test_strict, c.test_lax), (0, 1));
    }

    #[test]
    fn counts_sum_before_dividing() {
        let a = count(&beads("[0]:[0]"), &beads("[0]:[0]"));
        let b = count(&beads("[0]:[0]\n[1]:[1]\n[2]:[2]"), &beads("[0]:[1]"));
        let mut total = a;
        total.add(&b);
        let s = total.scores();
        assert_eq!(s.precision_strict, 0.5);
        assert_eq!(s.recall_strict, 0.25);
        assert_eq!([a, b].into_iter().sum::<Counts>(), total);
    }

    #[test]
    fn empty_everything_is_zero() {
        let s = count(&[], &[]).scores();
        assert_eq!(s.f1_strict, 0.0);
        assert_eq!(s.f1_lax, 0.0);
        assert_eq!(s.gold_beads, 0);
    }

    #[test]
    fn rounds_like_python() {
        assert_eq!(round_decimal(0.03125, 4), 0.0312);
        assert_eq!(round_decimal(0.09375, 4), 0.0938);
        assert_eq!(round_decimal(2.0 / 3.0, 4), 0.6667);
        assert_eq!(round_decimal(1.0, 4), 1.0);
    }
}
