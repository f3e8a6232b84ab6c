//! The numbers, dates and codes of a sentence as a checker compares them. The aligner's
//! anchors answer "do these sentences share something?"; a checker must answer "is every
//! number of one side somewhere on the other?", which needs each written number once, with
//! every value it can stand for (10m is 10 or 10 million, 午後8時 is 8 or 20) and what kind of
//! thing it is (a day of the month, a code like J1).

use std::collections::HashMap;
use std::ops::Range;

use crate::features::numbers::{
    parse_ascii_number, parse_japanese_number, Quantity, MONTHS, MONTH_ABBR, NUMBER_WORDS,
    SCALE_WORDS, WEEKDAYS,
};

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
    Number(u64),
    Month(u8),
    Weekday(u8),
    Code(u64),
}

/// A number as written in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Byte span in the document.
    pub span: Range<usize>,
    pub class: Class,
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
            span,
            class,
            readings,
            reportable,
            prefix: String::new(),
        }
    }
}

fn number(v: f64) -> Reading {
    Reading::Number(Quantity::Number(v).key().1)
}

/// 8 p.m. is 20時 and 20:00 is 8 p.m.: an hour also reads twelve hours on.
fn other_half_of_day(h: f64) -> Option<Reading> {
    ((0.0..=24.0).contains(&h) && h.fract() == 0.0).then(|| number((h + 12.0) % 24.0))
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
        class: Class::Code,
        readings,
        reportable: true,
        prefix,
    }
}

/// Lower-cased word starting at `i` (letters and `.` inside, as in p.m.) and its end.
fn word_at(ch: &Chars, i: usize) -> (String, usize) {
    let mut e = i;
    while ch.get(e).is_some_and(|c| {
        c.is_alphabetic() || (c == '.' && ch.get(e + 1).is_some_and(char::is_alphabetic))
    }) {
        e += 1;
    }
    (ch.text(i, e).to_lowercase(), e)
}

fn next_word(ch: &Chars, mut i: usize) -> (String, usize) {
    while ch.get(i).is_some_and(|c| c == ' ' || c == '\u{a0}') {
        i += 1;
    }
    word_at(ch, i)
}

/// The lower-cased word before `end` (spaces and a full stop between) and where it starts.
fn previous_word(ch: &Chars, end: usize) -> (String, usize) {
    let mut e = end;
    while e > 0
        && ch
            .get(e - 1)
            .is_some_and(|c| c == ' ' || c == '\u{a0}' || c == '.')
    {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && ch.get(s - 1).is_some_and(char::is_alphabetic) {
        s -= 1;
    }
    (ch.text(s, e).to_lowercase(), s)
}

/// "postponed to the 25th": a preposition and "the" before an ordinal make it a day.
const DAY_PREPOSITIONS: &[&str] = &[
    "on", "by", "until", "till", "since", "from", "to", "before", "after", "through",
];

fn month_word(w: &str) -> Option<u8> {
    MONTHS
        .iter()
        .chain(MONTH_ABBR)
        .position(|m| *m == w)
        .map(|p| (p % 12) as u8 + 1)
        .or((w == "sept").then_some(9))
}

fn scale_word(w: &str) -> Option<f64> {
    SCALE_WORDS.iter().find(|(s, _)| *s == w).map(|&(_, v)| v)
}

/// Numbers, dates and codes of an English sentence.
pub fn english(text: &str, offset: usize) -> Vec<Value> {
    let mut out = english_values(text, offset);
    // August 9 and 10, July 24-25: the days of a list are all days.
    for k in 1..out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        if a.class == Class::Day && b.class == Class::Plain {
            let between = &text[a.span.end - offset..b.span.start - offset];
            let joiner = between.trim().trim_matches(',').trim();
            if matches!(joiner, "" | "and" | "-" | "–" | "to" | "&" | "or") {
                out[k].class = Class::Day;
            }
        }
    }
    out
}

fn english_values(text: &str, offset: usize) -> Vec<Value> {
    let ch = Chars::new(text, offset);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ch.c.len() {
        let c = ch.c[i];
        if is_digit(c) {
            let end = ch.digit_run(i, &['.', '．']);
            if let Some(code) = code_around(&ch, floor(&out), i, end) {
                let e = code.1;
                out.push(code_value(&ch, i..end, code));
                i = e;
                continue;
            }
            i = english_number(&ch, i, end, &mut out);
        } else if c.is_alphabetic() {
            let (w, e) = word_at(&ch, i);
            english_word(&ch, i, e, &w, &mut out);
            i = e.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// A digit run of English from `start` to `end` and what follows it; returns where to go on.
fn english_number(ch: &Chars, start: usize, end: usize, out: &mut Vec<Value>) -> usize {
    let run = ascii_number(&ch.text(start, end));
    let Some(v) = parse_ascii_number(&run) else {
        return end;
    };
    let mut readings = vec![number(v)];
    let mut class = Class::Plain;
    let mut reportable = true;
    let mut stop = end;
    // .182, a batting average.
    if ch.before(start) == Some('.') && !ch.before(start - 1).is_some_and(is_digit) {
        if let Some(d) = parse_ascii_number(&format!("0.{run}")) {
            readings.push(number(d));
        }
    }
    // 3:48, one time: 3, 15, and 3.48 as Japanese TV listings write it (３・４８).
    if ch.get(end) == Some(':') && ch.get(end + 1).is_some_and(is_digit) {
        let e2 = ch.digit_run(end + 1, &[]);
        let minutes = ascii_number(&ch.text(end + 1, e2));
        for h in [Some(v), other_half_of_day(v).map(|_| (v + 12.0) % 24.0)]
            .into_iter()
            .flatten()
        {
            readings.push(number(h));
            readings.extend(parse_ascii_number(&format!("{h}.{minutes}")).map(number));
        }
        stop = e2;
    }
    // 9/11, 24/7: one written thing; 911 in Japanese.
    if ch.get(end) == Some('/') && ch.get(end + 1).is_some_and(is_digit) {
        let e2 = ch.digit_run(end + 1, &[]);
        let second = ascii_number(&ch.text(end + 1, e2));
        if let Some(joined) = parse_ascii_number(&format!("{run}{second}")) {
            readings.push(number(joined));
        }
        if let Some(w) = parse_ascii_number(&second) {
            readings.push(number(w));
        }
        reportable = false;
        stop = e2;
    }
    // ’06: a year.
    if matches!(ch.before(start), Some('\'' | '’')) && end - start == 2 {
        readings.push(number(1900.0 + v));
        readings.push(number(2000.0 + v));
    }
    let (glued, glued_end) = word_at(ch, stop);
    let (next, next_end) = next_word(ch, stop);
    match glued.as_str() {
        "st" | "nd" | "rd" | "th" => {
            // "on the 25th," is a day; "the 21st anniversary", "the 3rd inning" are not.
            let (after, _) = next_word(ch, glued_end);
            let (the, the_start) = previous_word(ch, start);
            let (preposition, _) = previous_word(ch, the_start);
            if after.is_empty()
                || after == "of"
                || month_word(&after).is_some()
                || (the == "the" && DAY_PREPOSITIONS.contains(&preposition.as_str()))
            {
                class = Class::Day;
            }
            stop = glued_end;
        }
        "am" | "pm" | "a.m" | "p.m" => {
            readings.extend(other_half_of_day(v));
            stop = glued_end;
        }
        "" => {}
        // 0200GMT: two o'clock.
        "gmt" | "utc" | "bst" | "jst" | "est" | "edt" | "pst" | "pdt" | "hrs" | "h"
            if end - start == 4 =>
        {
            let h = (v / 100.0).floor();
            readings.push(number(h));
            readings.push(number((h + 12.0) % 24.0));
            stop = glued_end;
        }
        w => {
            // 10m, $1.2bn, 3k: a scale or a unit (10m may be metres); both readings.
            let scale = match w {
                "m" | "mn" => Some(1e6),
                "b" => Some(1e9),
                "k" => Some(1e3),
                w => scale_word(w),
            };
            if let Some(s) = scale {
                readings.push(number(v * s));
            }
            stop = glued_end;
        }
    }
    if glued.is_empty() {
        if let Some(s) = scale_word(&next) {
            readings.push(number(v * s));
        }
        if matches!(next.as_str(), "am" | "pm" | "a.m" | "p.m" | "o'clock") {
            readings.extend(other_half_of_day(v));
        }
    }
    // July 24, 24 July.
    let month_near = month_word(&previous_word(ch, start).0).is_some()
        || (glued.is_empty() && month_word(&next).is_some() && next_end > stop);
    if month_near && v.fract() == 0.0 && v < 100.0 {
        class = Class::Day;
    }
    out.push(Value::new(
        ch.span(start, stop),
        class,
        readings,
        reportable,
    ));
    stop
}

/// A word of English: a month, a weekday or a number written out.
fn english_word(ch: &Chars, start: usize, end: usize, w: &str, out: &mut Vec<Value>) {
    let capital = ch.get(start).is_some_and(char::is_uppercase);
    let (next, _) = next_word(ch, end);
    let digit_next = {
        let mut k = end;
        while ch.get(k).is_some_and(|c| c == ' ' || c == '.') {
            k += 1;
        }
        ch.get(k).is_some_and(is_digit)
    };
    let date = |readings| Value::new(ch.span(start, end), Class::Date, readings, true);
    if let Some(m) = MONTHS.iter().position(|m| *m == w) {
        // "may" is a verb unless a number is next to it.
        if w != "may" || (capital && digit_next) {
            out.push(date(vec![Reading::Month(m as u8 + 1)]));
        }
        return;
    }
    if capital && digit_next {
        if let Some(m) = month_word(w) {
            out.push(date(vec![Reading::Month(m)]));
            return;
        }
    }
    if let Some(d) = WEEKDAYS.iter().position(|d| *d == w) {
        out.push(date(vec![Reading::Weekday(d as u8 + 1)]));
        return;
    }
    // twenty-five, five hundred: matched, never reported.
    let parts: Vec<&str> = w.split('-').collect();
    let mut value = 0.0;
    for p in &parts {
        match NUMBER_WORDS.iter().find(|(n, _)| n == p) {
            Some(&(_, v)) if v == 100.0 && value > 0.0 => value *= 100.0,
            Some(&(_, v)) => value += v,
            None => return,
        }
    }
    let mut readings = vec![number(value)];
    if let Some(s) = scale_word(&next) {
        readings.push(number(value * s));
    }
    out.push(Value::new(
        ch.span(start, end),
        Class::Plain,
        readings,
        false,
    ));
}

const KANJI_NUMERALS: &str = "〇一二三四五六七八九十百千万億兆";

fn is_kanji_numeral(c: char) -> bool {
    KANJI_NUMERALS.contains(c)
}

/// Start year minus one of the Japanese eras news still writes: 令和2年 is 2020.
const ERAS: &[(&str, f64)] = &[
    ("令和", 2018.0),
    ("平成", 1988.0),
    ("昭和", 1925.0),
    ("大正", 1911.0),
];

const WEEKDAY_KANJI: &str = "月火水木金土日";

/// Numbers, dates and codes of a Japanese sentence.
pub fn japanese(text: &str, offset: usize) -> Vec<Value> {
    let ch = Chars::new(text, offset);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ch.c.len() {
        let c = ch.c[i];
        if is_digit(c) || is_kanji_numeral(c) {
            if is_digit(c) {
                let end = ch.digit_run(i, &['.', '．', '・']);
                if let Some(code) = code_around(&ch, floor(&out), i, end) {
                    let e = code.1;
                    out.push(code_value(&ch, i..end, code));
                    i = e;
                    continue;
                }
            }
            i = japanese_number(&ch, i, &mut out);
        } else if let Some(d) = weekday_at(&ch, i) {
            out.push(Value::new(
                ch.span(i, i + 1),
                Class::Date,
                vec![Reading::Weekday(d)],
                true,
            ));
            i += 1;
        } else {
            i += 1;
        }
    }
    out
}

/// 金曜日, 金曜, （金）: Monday is 1.
fn weekday_at(ch: &Chars, i: usize) -> Option<u8> {
    let c = ch.get(i)?;
    let pos = WEEKDAY_KANJI.chars().position(|k| k == c)?;
    let bracketed =
        matches!(ch.before(i), Some('(' | '（')) && matches!(ch.get(i + 1), Some(')' | '）'));
    (ch.get(i + 1) == Some('曜') || bracketed).then_some(pos as u8 + 1)
}

/// A Japanese number from `start` (digits and kanji numerals) and the counter after it;
/// returns where to go on.
fn japanese_number(ch: &Chars, start: usize, out: &mut Vec<Value>) -> usize {
    let mut end = start;
    loop {
        let prev = ch.before(end).filter(|_| end > start);
        match ch.get(end) {
            // ７三振 is seven strikeouts: a kanji digit does not continue Arabic digits.
            Some(c) if is_digit(c) => end = ch.digit_run(end, &['.', '．', '・']),
            Some(c) if is_kanji_numeral(c) && (is_unit(c) || !prev.is_some_and(is_digit)) => {
                end += 1
            }
            // 1,000 万: a space before the unit.
            Some(' ' | '　')
                if prev.is_some_and(is_digit) && ch.get(end + 1).is_some_and(is_big_unit) =>
            {
                end += 1
            }
            _ => break,
        }
    }
    let raw: String = ch
        .text(start, end)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let has_digit = raw.chars().any(is_digit);
    if !has_digit
        && ch
            .get(end)
            .is_some_and(|c| is_han(c) && !COUNTERS.contains(c))
    {
        return end;
    }
    let Some(v) = parse_japanese_number(&ascii_number(&raw)) else {
        return end;
    };
    let first = ch.c[start];
    // 一部, 千葉, 万一: single kanji and runs opening on 万/億/兆 are not quantities to report.
    let mut reportable = has_digit || (end - start >= 2 && !is_big_unit(first));
    let mut readings = vec![number(v)];
    let mut class = Class::Plain;
    let mut stop = end;
    let suffix = list_suffix(ch, end);
    match ch.get(end) {
        _ if suffix.is_some_and(|(c, k)| c == '日' && ch.get(k + 1) != Some('間')) => {
            class = Class::Day
        }
        Some('時') => readings.extend(other_half_of_day(v)),
        // A month, even a wrong one: ３０月 against March is a changed date.
        Some('月') => {
            if (1.0..=12.0).contains(&v) && v.fract() == 0.0 {
                readings.push(Reading::Month(v as u8));
            }
            class = Class::Date;
        }
        // 令和2年 is 2020.
        Some('年') => {
            let era: String = ch.c[start.saturating_sub(2)..start].iter().collect();
            if let Some(&(_, base)) = ERAS.iter().find(|(e, _)| *e == era) {
                readings.push(number(base + v));
            }
        }
        // ７割 is 70%; １割８分２厘 is .182 (a batting average).
        Some('割') => {
            let (fraction, e, simple) = wari(ch, end, v);
            readings.push(number(fraction));
            readings.push(number(fraction * 100.0));
            reportable &= simple;
            stop = e;
        }
        _ => {}
    }
    if let Some(year) = abbreviated_year(ch, start, end, v) {
        readings.extend(year);
    }
    out.push(Value::new(
        ch.span(start, stop),
        class,
        readings,
        reportable,
    ));
    stop
}

fn is_big_unit(c: char) -> bool {
    "万億兆".contains(c)
}

fn is_unit(c: char) -> bool {
    "十百千万億兆".contains(c)
}

/// `v`割 at `at`, with the 分 and 厘 digits after it: the fraction, where it ends, and whether
/// it read simply (２割４～５分 is a range, not one value).
fn wari(ch: &Chars, at: usize, v: f64) -> (f64, usize, bool) {
    let mut fraction = v / 10.0;
    let mut e = at + 1;
    for (unit, scale) in [('分', 100.0), ('厘', 1000.0)] {
        match (ch.get(e).and_then(digit_value), ch.get(e + 1)) {
            (Some(d), Some(u)) if u == unit => {
                fraction += d as f64 / scale;
                e += 2;
            }
            (Some(_), _) => {
                let mut k = e;
                while ch
                    .get(k)
                    .is_some_and(|c| is_digit(c) || "～〜-－分厘".contains(c))
                {
                    k += 1;
                }
                return (fraction, k, false);
            }
            _ => break,
        }
    }
    (fraction, e, true)
}

/// The character that ends the list or range a number stands in: ９、１０日 and ０４～０５年
/// end in 日 and 年, so each member is a day or a year. Brackets are passed over:
/// ２３（大正１２）年.
fn list_suffix(ch: &Chars, end: usize) -> Option<(char, usize)> {
    let mut depth = 0;
    for k in end..end + 16 {
        match ch.get(k)? {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            c if depth > 0 || is_digit(c) || "～〜-－、，,・".contains(c) => {}
            c => return Some((c, k)),
        }
    }
    None
}

/// Japanese news writes years in two digits when the century is plain: １９年 for 2019,
/// （１８６９～９５年）, ０４～０５年. Such a number reads as a year of any recent century.
fn abbreviated_year(ch: &Chars, start: usize, end: usize, v: f64) -> Option<Vec<Reading>> {
    let two_digits = end - start <= 2 && ch.c[start..end].iter().all(|&c| is_digit(c));
    if !two_digits || v.fract() != 0.0 || list_suffix(ch, end)?.0 != '年' {
        return None;
    }
    Some(
        [1800.0, 1900.0, 2000.0]
            .iter()
            .map(|c| number(c + v))
            .collect(),
    )
}

/// Counters and units a kanji numeral stands before when it is a number (三人, 一回, 二十日);
/// before any other kanji it is part of a word (九州, 千葉, 一緒, 三重).
const COUNTERS: &str =
    "人回度つ件本個台位点年月日時分秒歳割倍枚匹頭番号階社軒冊杯隻機名戦勝敗期週周世代";

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '々'
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

    fn agree(en: &str, ja: &str) -> (Vec<String>, Vec<String>) {
        let e = english(en, 0);
        let j = japanese(ja, 0);
        let (el, jl) = unmatched(&e.iter().collect::<Vec<_>>(), &j.iter().collect::<Vec<_>>());
        (
            el.iter()
                .map(|&i| en[e[i].span.clone()].to_string())
                .collect(),
            jl.iter()
                .map(|&i| ja[j[i].span.clone()].to_string())
                .collect(),
        )
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
