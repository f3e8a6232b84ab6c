//! The numbers, dates, times and codes of an English sentence.

use super::{
    ascii_number, clock_hours, code_around, code_value, floor, is_digit, number, other_half_of_day,
    parse_ascii_number, Chars, Class, Half, Reading, Value,
};

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// The weekdays' names (lower case).
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("half", 0.5),
    ("dozen", 12.0),
];
const SCALE_WORDS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mln", 1e6),
    ("bn", 1e9),
    // Indian English news: 4.67 lakh = 467,000 = 46万7,000.
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("crore", 1e7),
    ("crores", 1e7),
];

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

/// The month (1–12) an English month name or its abbreviation names (lower case, no
/// period).
pub(crate) fn month_word(w: &str) -> Option<u8> {
    MONTHS
        .iter()
        .chain(MONTH_ABBR)
        .position(|m| *m == w)
        .map(|p| (p % 12) as u8 + 1)
        .or((w == "sept").then_some(9))
}

/// The half of the day a word after a time names: a.m. or p.m. (lower case, without the
/// last full stop).
fn half_of_day(w: &str) -> Option<Half> {
    match w {
        "am" | "a.m" => Some(Half::Morning),
        "pm" | "p.m" => Some(Half::Afternoon),
        _ => None,
    }
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
            let (mut w, mut e) = word_at(&ch, i);
            // twenty-five, forty-second: tens and units hyphened make one number.
            if ch.get(e) == Some('-') && number_word(&w).is_some_and(|v| (20.0..100.0).contains(&v))
            {
                let (next, next_end) = word_at(&ch, e + 1);
                if number_word(&next).is_some_and(|v| (1.0..10.0).contains(&v)) {
                    w = format!("{w}-{next}");
                    e = next_end;
                }
            }
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
    // The half of the day the time names and where its mark ends: 9pm, 8 p.m.
    let mut mark = None;
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
            mark = half_of_day(&glued).map(|h| (h, glued_end, glued.contains('.')));
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
        if next == "o'clock" {
            readings.extend(other_half_of_day(v));
        }
        mark = half_of_day(&next).map(|h| (h, next_end, next.contains('.')));
    }
    let mut written_end = stop;
    if let Some((half, mark_end, dotted)) = mark {
        // 1.30pm is British for 1:30 p.m.
        let hour = if british_minutes(&run) { v.trunc() } else { v };
        let hours = clock_hours(hour, Some(half));
        if !hours.is_empty() {
            // The mark says which hour it is, so it is not the 8 or the 20 of a time that
            // names no half of the day: 8 p.m. meets 午後8時 and 20時 through the hour alone,
            // and 午前8時 not at all.
            let (written_hour, other_hour) = (number(hour), other_half_of_day(hour));
            readings.retain(|&r| r != written_hour && Some(r) != other_hour);
            readings.extend(hours);
        }
        // p.m.'s last full stop is the mark's, even where it ends the sentence too.
        written_end = mark_end + usize::from(dotted && ch.get(mark_end) == Some('.'));
    }
    // July 24, 24 July.
    let month_near = month_word(&previous_word(ch, start).0).is_some()
        || (glued.is_empty() && month_word(&next).is_some() && next_end > stop);
    if month_near && v.fract() == 0.0 && v < 100.0 {
        class = Class::Day;
    }
    let mut value = Value::new(ch.span(start, stop), class, readings, reportable);
    value.written = ch.span(start, written_end.max(stop));
    out.push(value);
    stop
}

/// Whether a number is written as an hour and its minutes, `1.30`.
fn british_minutes(run: &str) -> bool {
    run.split_once('.').is_some_and(|(h, m)| {
        (1..=2).contains(&h.len())
            && m.len() == 2
            && m.parse::<u8>().is_ok_and(|m| m < 60)
            && h.parse::<u8>().is_ok_and(|h| h <= 12)
    })
}

/// The value of a number word (`five`, `fifth`).
fn number_word(w: &str) -> Option<f64> {
    NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|&(_, v)| v)
}

/// A word of English: a month, a weekday or a number written out.
fn english_word(ch: &Chars, start: usize, end: usize, w: &str, out: &mut Vec<Value>) {
    let capital = ch.get(start).is_some_and(char::is_uppercase);
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
    let mut value = 0.0;
    for p in w.split('-') {
        match number_word(p) {
            Some(v) if v == 100.0 && value > 0.0 => value *= 100.0,
            Some(v) => value += v,
            None => return,
        }
    }
    let mut readings = vec![number(value)];
    // Only a number word looks at the word after it: most words stop above.
    let (next, _) = next_word(ch, end);
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

#[cfg(test)]
mod tests {
    use super::super::Reading::{Hour, Month, Weekday};
    use super::*;

    fn read(text: &str) -> Vec<(&str, Vec<Reading>)> {
        english(text, 0)
            .into_iter()
            .map(|v| (&text[v.span], v.readings))
            .collect()
    }

    #[test]
    fn english_numbers_dates_and_times() {
        let n = number;
        assert_eq!(
            read("on Dec. 28 at 8 p.m."),
            [
                ("Dec", vec![Month(12)]),
                ("28", vec![n(28.0)]),
                ("8", vec![Hour(20)]),
            ]
        );
        assert_eq!(
            read("$1.2 billion and 2,000 people"),
            [("1.2", vec![n(1.2), n(1.2e9)]), ("2,000", vec![n(2000.0)])]
        );
        assert_eq!(
            read("July 24th, 2016"),
            [
                ("July", vec![Month(7)]),
                ("24th", vec![n(24.0)]),
                ("2016", vec![n(2016.0)]),
            ]
        );
        assert_eq!(read("you may go on Monday"), [("Monday", vec![Weekday(1)])]);
        assert_eq!(
            read("three people at 9am"),
            [("three", vec![n(3.0)]), ("9am", vec![Hour(9)])]
        );
        assert_eq!(n(1.2e9), n(12.0 * 1e8));
    }

    #[test]
    fn ordinal_words_read_as_their_numbers() {
        // `in his sixth year` is プロ６年目; hyphened words make one number.
        let n = number;
        assert_eq!(
            read("in his sixth year, the twenty-first of twenty-five, first-half"),
            [
                ("sixth", vec![n(6.0)]),
                ("twenty-first", vec![n(21.0)]),
                ("twenty-five", vec![n(25.0)]),
                ("first", vec![n(1.0)]),
                ("half", vec![n(0.5)]),
            ]
        );
    }
}
