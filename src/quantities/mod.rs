//! Every written quantity of a sentence, read once: numbers in every form ("2,000" = ２，０００
//! = 2千 = 二千; "$1.2 billion" = 12億; 令和2年 = 2020; ７割 = 70%), dates (July 24 = 7月24日,
//! Friday = 金曜日), times (8 p.m. = 午後8時 = 20時, never 午前8時) and codes (J1, COVID-19).
//! Each becomes a [`Value`]: where it is written, what kind of thing it is, and every value it
//! can stand for (10m is 10 or 10 million, 午後8時 is 8 or 20 and the hour 20).
//!
//! Both consumers read the same values. The aligner turns each value's readings into the keys
//! of one anchor (`features`): "do these sentences share something?". The checker pairs the
//! values of a bead by maximum matching ([`unmatched`]): "is every number of one side
//! somewhere on the other?", which needs each written number once.

use std::collections::HashMap;
use std::ops::Range;

mod english;
pub(crate) use english::{month_word, WEEKDAYS};
mod japanese;

pub use english::english;
pub use japanese::japanese;

/// What a written number is, for deciding whether a mismatch is worth reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A count, amount, year, score, age.
    Plain,
    /// A day of the month (24日, July 24, the 24th): English often leaves it to the dateline.
    Day,
    /// A month or weekday.
    Date,
    /// Letters and digits together (J1, A4, i30, COVID-19): equal only as a whole.
    Code,
}

/// One value a written number can stand for. Two numbers agree when they share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    /// A number, as the bits of its value rounded to 6 significant digits, so that 1.2e9
    /// computed two ways compares equal (see [`Reading::number`]).
    Number(u64),
    /// A month, January is 1.
    Month(u8),
    /// A day of the week, Monday is 1.
    Weekday(u8),
    /// A code (J1, COVID19), as a hash of its letters and digits upper-cased.
    Code(u64),
    /// An hour of the 24-hour clock (0–23), apart from plain numbers: a time that names its
    /// half of the day (8 p.m., 午後8時) is that hour alone, one that does not (8時) is
    /// either, so that 8 p.m. meets 8時 and 20時 but not 午前8時.
    Hour(u8),
}

impl Reading {
    /// The reading of the number `v`.
    pub fn number(v: f64) -> Reading {
        let rounded: f64 = format!("{v:.5e}").parse().unwrap_or(v);
        Reading::Number(rounded.to_bits())
    }
}

/// A number as written in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Byte span in the document: the number itself, which the aligner keys on. The words
    /// around it (令和, 年, 午後, p.m.) stay words of their own for the aligner.
    pub span: Range<usize>,
    /// Byte span of the whole written form a report shows: the span with what gives the
    /// number its value around it (令和2年, 令和元年, 午前８時, 8 p.m.). An editor reading
    /// `2021 vs 2` cannot tell what the Japanese says.
    pub written: Range<usize>,
    /// What kind of thing it is.
    pub class: Class,
    /// Every value it can stand for, never empty.
    pub readings: Vec<Reading>,
    /// Whether a mismatch of this value is evidence of a change. Words (one, first) and
    /// single kanji (一, 千) are matched but never reported: too often idiom or part of a
    /// name (一部, 千葉).
    pub reportable: bool,
    /// The letters of a code, upper-cased: J1 and J2 are the same kind of code.
    pub prefix: String,
}

impl Value {
    fn new(span: Range<usize>, class: Class, readings: Vec<Reading>, reportable: bool) -> Value {
        Value {
            written: span.clone(),
            span,
            class,
            readings,
            reportable,
            prefix: String::new(),
        }
    }
}

fn number(v: f64) -> Reading {
    Reading::number(v)
}

/// "2,000" → 2000, "3.5" → 3.5; None for anything else.
fn parse_ascii_number(s: &str) -> Option<f64> {
    let s = s.trim_end_matches(['.', ',']);
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    cleaned.parse().ok()
}

/// 8 p.m. is 20時 and 20:00 is 8 p.m.: an hour also reads twelve hours on.
fn other_half_of_day(h: f64) -> Option<Reading> {
    ((0.0..=24.0).contains(&h) && h.fract() == 0.0).then(|| number((h + 12.0) % 24.0))
}

/// The half of the day a time names: a.m. or 午前, p.m. or 午後.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    Morning,
    Afternoon,
}

/// The hours of the 24-hour clock a time at hour `h` can be, given the half of the day it
/// names: 8 p.m. is 20 alone, 8時 is 8 or 20. Noon and midnight are both whatever the mark,
/// since 12 a.m. and 午前12時 are each written for either; an hour past 12 is itself alone,
/// as its mark can only repeat it. Nothing when `h` is no hour.
fn clock_hours(h: f64, half: Option<Half>) -> Vec<Reading> {
    if h.fract() != 0.0 || !(0.0..=24.0).contains(&h) {
        return Vec::new();
    }
    let h = h as u8 % 24;
    let hours: &[u8] = match (h, half) {
        (0 | 12, _) => &[0, 12],
        (13.., _) => &[h],
        (_, Some(Half::Morning)) => &[h],
        (_, Some(Half::Afternoon)) => &[h + 12],
        (_, None) => &[h, h + 12],
    };
    hours.iter().map(|&h| Reading::Hour(h)).collect()
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
}

/// Half-width form of a full-width Latin letter or digit; other characters unchanged.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// A sentence as characters with their byte offsets in the document.
struct Chars {
    c: Vec<char>,
    at: Vec<usize>,
    end: usize,
}

impl Chars {
    fn new(text: &str, offset: usize) -> Chars {
        let (at, c) = text.char_indices().map(|(i, c)| (offset + i, c)).unzip();
        Chars {
            c,
            at,
            end: offset + text.len(),
        }
    }

    fn get(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|k| self.get(k))
    }

    fn span(&self, start: usize, end: usize) -> Range<usize> {
        self.at[start]..self.at.get(end).copied().unwrap_or(self.end)
    }

    /// The end of a run of digits from `i`, with `,` (thousands) and the given decimal marks
    /// inside it when a digit follows.
    fn digit_run(&self, mut i: usize, marks: &[char]) -> usize {
        while let Some(c) = self.get(i) {
            let joins = (c == ',' || c == '，' || marks.contains(&c))
                && self.get(i + 1).is_some_and(is_digit)
                && self.before(i).is_some_and(is_digit);
            if !(is_digit(c) || joins) {
                break;
            }
            i += 1;
        }
        i
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.c[start..end].iter().collect()
    }
}

/// A digit run as ASCII: full-width digits narrowed, `，` and `,` dropped, decimal marks `.`.
fn ascii_number(run: &str) -> String {
    run.chars()
        .filter(|&c| c != ',' && c != '，')
        .map(|c| match c {
            '．' | '・' => '.',
            c => narrow(c),
        })
        .collect()
}

fn code_reading(code: &str) -> Reading {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    code.hash(&mut h);
    Reading::Code(h.finish())
}

/// The code a digit run belongs to when letters are glued before it (J1, COVID-19, Ｊ２),
/// as (start, end, letters, whole code upper-cased).
fn code_around(
    ch: &Chars,
    floor: usize,
    start: usize,
    end: usize,
) -> Option<(usize, usize, String, String)> {
    // Letters before `start` that no value already holds (byte offset `floor` on).
    let letter_before = |k: usize| k > 0 && ch.at[k - 1] >= floor && is_latin_letter(ch.c[k - 1]);
    let mut s = start;
    if ch.before(s) == Some('-') && letter_before(s - 1) {
        s -= 1;
    }
    if !letter_before(s) {
        return None;
    }
    while letter_before(s) {
        s -= 1;
    }
    let mut e = end;
    while ch.get(e).is_some_and(|c| is_latin_letter(c) || is_digit(c)) {
        e += 1;
    }
    let prefix: String = ch.c[s..start]
        .iter()
        .filter(|c| is_latin_letter(**c))
        .map(|&c| narrow(c).to_ascii_uppercase())
        .collect();
    let whole: String = ch.c[s..e]
        .iter()
        .filter(|c| **c != '-')
        .map(|&c| narrow(c).to_ascii_uppercase())
        .collect();
    Some((s, e, prefix, whole))
}

/// Where the last value found ends: a code must not reach back into it.
fn floor(out: &[Value]) -> usize {
    out.last().map_or(0, |v| v.span.end)
}

fn code_value(ch: &Chars, digits: Range<usize>, code: (usize, usize, String, String)) -> Value {
    let (s, e, prefix, whole) = code;
    let run = ascii_number(&ch.text(digits.start, digits.end));
    // T20Is is a T20; ATP1000 is also the 1000 of "Masters 1000".
    let mut readings = vec![
        code_reading(&whole),
        code_reading(&format!("{prefix}{run}")),
    ];
    // Short codes (J1, G7) are names, not amounts.
    if run.len() >= 3 {
        readings.extend(parse_ascii_number(&run).map(number));
    }
    Value {
        span: ch.span(s, e),
        written: ch.span(s, e),
        class: Class::Code,
        readings,
        reportable: true,
        prefix,
    }
}

/// Pairs the values of two sides that share a reading, as many as possible, and returns the
/// indices of those left over on each side. A value is used once: 100, 100, 101 against 100,
/// 100, 100 leaves 101 against 100.
pub fn unmatched(en: &[&Value], ja: &[&Value]) -> (Vec<usize>, Vec<usize>) {
    let mut by_reading: HashMap<Reading, Vec<usize>> = HashMap::new();
    for (j, v) in ja.iter().enumerate() {
        for r in &v.readings {
            by_reading.entry(*r).or_default().push(j);
        }
    }
    let mut owner: Vec<Option<usize>> = vec![None; ja.len()];
    let mut matched_en = vec![false; en.len()];
    // Most values have one obvious partner: take the first free one sharing a reading. Each
    // reading's list is walked once in all, so this stays linear on a line of a million numbers.
    let mut cursor: HashMap<Reading, usize> = HashMap::new();
    for (e, value) in en.iter().enumerate() {
        for r in &value.readings {
            let Some(list) = by_reading.get(r) else {
                continue;
            };
            let at = cursor.entry(*r).or_default();
            while *at < list.len() && owner[list[*at]].is_some() {
                *at += 1;
            }
            if let Some(&j) = list.get(*at) {
                owner[j] = Some(e);
                matched_en[e] = true;
                break;
            }
        }
    }
    // Then Kuhn's augmenting paths for the rest, which can free a value the greedy pass took
    // (16 against 16日 and 16年). Only for pairs of ordinary size: a line of 100 MB of digits
    // must cost neither quadratic time nor a deep recursion.
    fn augment(
        e: usize,
        edges: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &j in &edges[e] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|o| augment(o, edges, owner, seen)) {
                owner[j] = Some(e);
                return true;
            }
        }
        false
    }
    if en.len() <= MAX_AUGMENTED && ja.len() <= MAX_AUGMENTED {
        let edges: Vec<Vec<usize>> = en
            .iter()
            .map(|e| {
                let mut js: Vec<usize> = e
                    .readings
                    .iter()
                    .filter_map(|r| by_reading.get(r))
                    .flatten()
                    .copied()
                    .collect();
                js.sort_unstable();
                js.dedup();
                js
            })
            .collect();
        for (e, matched) in matched_en.iter_mut().enumerate() {
            if !*matched {
                let mut seen = vec![false; ja.len()];
                *matched = augment(e, &edges, &mut owner, &mut seen);
            }
        }
    }
    let en_left = (0..en.len()).filter(|&e| !matched_en[e]).collect();
    let ja_left = (0..ja.len()).filter(|&j| owner[j].is_none()).collect();
    (en_left, ja_left)
}

/// Values a side may hold for the exact matching; beyond it the greedy matching stands.
const MAX_AUGMENTED: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, values: &[Value]) -> Vec<String> {
        values
            .iter()
            .map(|v| text[v.span.clone()].to_string())
            .collect()
    }

    /// The values of each side that the other does not match, as a report shows them.
    fn agree(en: &str, ja: &str) -> (Vec<String>, Vec<String>) {
        let e = english(en, 0);
        let j = japanese(ja, 0);
        let (el, jl) = unmatched(&e.iter().collect::<Vec<_>>(), &j.iter().collect::<Vec<_>>());
        (
            el.iter()
                .map(|&i| en[e[i].written.clone()].to_string())
                .collect(),
            jl.iter()
                .map(|&i| ja[j[i].written.clone()].to_string())
                .collect(),
        )
    }

    fn left(en: &[&str], ja: &[&str]) -> (Vec<String>, Vec<String>) {
        let owned = |side: &[&str]| side.iter().map(|s| s.to_string()).collect();
        (owned(en), owned(ja))
    }

    #[test]
    fn every_written_form_agrees() {
        let none = (vec![], vec![]);
        assert_eq!(agree("36 people", "三十六人"), none);
        assert_eq!(agree("2,000 yen", "２，０００円"), none);
        assert_eq!(agree("$1.2 billion", "12億ドル"), none);
        assert_eq!(agree("4.67 lakh cases", "46万7,000件"), none);
        assert_eq!(
            agree("the Dow fell 182.44 points", "１８２・４４ドル安"),
            none
        );
        assert_eq!(agree("at 8 p.m. on Friday", "金曜日の午後８時"), none);
        assert_eq!(agree("in 2020", "令和2年に"), none);
        assert_eq!(agree("since July", "7月から"), none);
        assert_eq!(
            agree("a Covid-19 test", "コロナの検査"),
            (vec!["Covid-19".into()], vec![])
        );
        assert_eq!(agree("the 9/11 attacks", "９１１テロ"), none);
    }

    #[test]
    fn changed_numbers_are_left_over() {
        assert_eq!(
            agree("36 people", "37人"),
            (vec!["36".into()], vec!["37".into()])
        );
        assert_eq!(
            agree("200 cases", "2,000件"),
            (vec!["200".into()], vec!["2,000".into()])
        );
        assert_eq!(
            agree(
                "300 members: 100, 100 and 101",
                "300人のうち100人、100人、100人"
            ),
            (vec!["101".into()], vec!["100".into()])
        );
        assert_eq!(
            agree("in J1", "Ｊ２で"),
            (vec!["J1".into()], vec!["Ｊ２".into()])
        );
    }

    #[test]
    fn an_era_year_is_shown_whole_and_its_first_year_is_its_start() {
        for (en, ja) in [
            ("in 2019", "令和元年に"),
            ("in 1989", "平成元年に"),
            ("in 1926", "昭和元年に"),
            ("in 1912", "大正元年に"),
            ("in 1868", "明治元年に"),
            ("in 2018", "平成30年に"),
            ("in 1912", "明治45年に"),
            ("in 1925", "大正十四年に"),
            ("in fiscal 2020", "令和２年度に"),
        ] {
            assert_eq!(agree(en, ja), left(&[], &[]), "{en} / {ja}");
        }
        assert_eq!(
            agree("founded in 2021", "令和2年に設立"),
            left(&["2021"], &["令和2年"])
        );
        assert_eq!(
            agree("renovated in 2018", "令和元年に改装"),
            left(&["2018"], &["令和元年"])
        );
        // An era's 30年 is no year of a century, as a bare ３０年 is.
        assert_eq!(
            agree("in 2030", "平成30年に"),
            left(&["2030"], &["平成30年"])
        );
        assert_eq!(agree("in 2030", "30年に"), left(&[], &[]));
        // 元 is a numeral only in an era's first year.
        assert_eq!(japanese("元首相は地元で元年と書いた", 0), []);
    }

    #[test]
    fn a_time_of_one_half_of_the_day_never_matches_the_other() {
        assert_eq!(
            agree("at 8 p.m.", "午前８時に"),
            left(&["8 p.m."], &["午前８時"])
        );
        assert_eq!(
            agree("at 8 a.m. sharp", "午後8時ちょうど"),
            left(&["8 a.m."], &["午後8時"])
        );
        assert_eq!(agree("at 9pm.", "午前9時。"), left(&["9pm"], &["午前9時"]));
        assert_eq!(
            agree("at 1.30am", "午後１時半"),
            left(&["1.30am"], &["午後１時"])
        );
        assert_eq!(
            agree("at 9:22 a.m.", "午後9時22分"),
            left(&["9:22 a.m."], &["午後9時", "22"])
        );
        for (en, ja) in [
            ("at 8 p.m.", "午後８時に"),
            ("at 8 p.m.", "20時に"),
            ("at 8 P.M.", "8時に"),
            ("at 8 a.m.", "午前8時"),
            ("at 8 a.m.", "8時"),
            ("at 1.30pm", "午後１時半"),
            ("from 7 p.m. to 9 p.m.", "午後7～9時"),
            // Noon and midnight are written either way.
            ("at 12 p.m.", "午前0時"),
            ("at 12 a.m.", "午後12時"),
            // A time that names no half of the day may be in either.
            ("at 8", "午後8時"),
            ("at 8", "午前8時"),
            ("at 20:00", "午後8時"),
            ("at 8:00", "午前8時"),
        ] {
            assert_eq!(agree(en, ja), left(&[], &[]), "{en} / {ja}");
        }
        // Japanese minutes are values of their own, left over on one side (never reported).
        assert_eq!(agree("at 9:22 a.m.", "午前9時22分"), left(&[], &["22"]));
        assert_eq!(agree("at 8 p.m.", "20:00に"), left(&[], &["00"]));
        let hours = |ja: &str| -> Vec<Reading> {
            japanese(ja, 0)
                .into_iter()
                .flat_map(|v| v.readings)
                .filter(|r| matches!(r, Reading::Hour(_)))
                .collect()
        };
        // A duration and a ratio are no time of day.
        assert_eq!(hours("3時間かけて1:2の比で"), []);
        assert_eq!(
            hours("午後３時、20:15"),
            [Reading::Hour(15), Reading::Hour(20)]
        );
    }

    #[test]
    fn classes_and_reportability() {
        let en = "On July 24, the 25th, one of 3 km";
        let v = english(en, 0);
        assert_eq!(texts(en, &v), ["July", "24", "25th", "one", "3"]);
        assert_eq!(v[0].class, Class::Date);
        assert_eq!(v[1].class, Class::Day);
        assert_eq!(v[2].class, Class::Day);
        assert!(!v[3].reportable);
        let ja = "２４日（金）、一部の千葉県民3日間";
        let v = japanese(ja, 0);
        // 一部 and 千葉 are words, not numbers; 3日間 is a duration, not a day.
        assert_eq!(texts(ja, &v), ["２４", "金", "3"]);
        assert_eq!(v[0].class, Class::Day);
        assert_eq!(v[1].class, Class::Date);
        assert_eq!(v[2].class, Class::Plain);
        let ja = "一人が三十六回、二度";
        let v = japanese(ja, 0);
        assert_eq!(texts(ja, &v), ["一", "三十六", "二"]);
        assert!(!v[0].reportable && v[1].reportable && !v[2].reportable);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Any text: values in order, disjoint, on character boundaries inside the text, each
        /// with a reading; and matching a side against itself leaves nothing over.
        #[test]
        fn values_are_ordered_spans_of_the_text(
            text in "[0-9０-９a-zA-Z一二三十百千万億日年月時割分厘（）()、,.・:/' 　-]{0,60}",
            offset in 0usize..5,
        ) {
            for values in [english(&text, offset), japanese(&text, offset)] {
                let mut end = offset;
                for v in &values {
                    proptest::prop_assert!(v.span.start >= end && v.span.start < v.span.end);
                    proptest::prop_assert!(v.span.end <= offset + text.len());
                    let local = v.span.start - offset..v.span.end - offset;
                    proptest::prop_assert!(text.get(local).is_some());
                    proptest::prop_assert!(!v.readings.is_empty());
                    end = v.span.end;
                }
                let refs: Vec<&Value> = values.iter().collect();
                let (a, b) = unmatched(&refs, &refs);
                proptest::prop_assert!(a.is_empty() && b.is_empty());
            }
        }
    }
}
