//! The numbers, dates, times and codes of a Japanese sentence.

use super::{
    ascii_number, clock_hours, code_around, code_value, digit_value, floor, is_digit, number,
    other_half_of_day, parse_ascii_number, Chars, Class, Half, Reading, Value,
};

const KANJI_NUMERALS: &str = "〇一二三四五六七八九十百千万億兆";

fn is_kanji_numeral(c: char) -> bool {
    KANJI_NUMERALS.contains(c)
}

/// Start year minus one of the Japanese eras news still writes: 令和2年 is 2020, and the
/// era's first year, 元年, is its start (令和元年 is 2019).
const ERAS: &[(&str, f64)] = &[
    ("令和", 2018.0),
    ("平成", 1988.0),
    ("昭和", 1925.0),
    ("大正", 1911.0),
    ("明治", 1867.0),
];

/// The year before the first of the era whose name ends just before `at` (every era name
/// is two characters).
fn era_before(ch: &Chars, at: usize) -> Option<f64> {
    let name: String = ch.c.get(at.checked_sub(2)?..at)?.iter().collect();
    ERAS.iter().find(|(e, _)| *e == name).map(|&(_, base)| base)
}

/// The half of the day 午前 or 午後 just before `at` names.
fn half_before(ch: &Chars, at: usize) -> Option<Half> {
    let mark: String = ch.c.get(at.checked_sub(2)?..at)?.iter().collect();
    match mark.as_str() {
        "午前" => Some(Half::Morning),
        "午後" => Some(Half::Afternoon),
        _ => None,
    }
}

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
        } else if let Some(base) = first_year_of_era(&ch, i) {
            // 元 is no numeral anywhere else (元首相, 地元): only an era's 元年 is a year.
            let mut value = Value::new(
                ch.span(i, i + 1),
                Class::Plain,
                vec![number(1.0), number(base + 1.0)],
                true,
            );
            value.written = ch.span(i - 2, i + 2);
            out.push(value);
            i += 2;
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

/// The year before the era's first when 元年 after an era's name starts at `i`.
fn first_year_of_era(ch: &Chars, i: usize) -> Option<f64> {
    if ch.get(i)? == '元' && ch.get(i + 1)? == '年' {
        era_before(ch, i)
    } else {
        None
    }
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
    let mut written = start..end;
    let suffix = list_suffix(ch, end);
    // An hour: 8時, both of 午後7～9時, 20:00 (two digits after the colon: 1:2 is a ratio),
    // not the duration 3時間. 午前 or 午後 before it names its half of the day; without
    // either it may be in both.
    let clock = suffix.is_some_and(|(c, k)| c == '時' && ch.get(k + 1) != Some('間'))
        || minutes_after(ch, end);
    if clock {
        let half = half_before(ch, start);
        readings.extend(clock_hours(v, half));
        if half.is_some() {
            written.start = start - 2;
        }
        if ch.get(end) == Some('時') {
            written.end = end + 1;
        }
    }
    let era = era_before(ch, start).filter(|_| ch.get(end) == Some('年'));
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
            if let Some(base) = era {
                readings.push(number(base + v));
                written = start - 2..end + 1;
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
    // 平成30年 is 2018, not a year of any century as a bare 30年 is.
    if let Some(year) = abbreviated_year(ch, start, end, v).filter(|_| era.is_none()) {
        readings.extend(year);
    }
    let span = ch.span(start, stop);
    let mut value = Value::new(span, class, readings, reportable);
    value.written = ch.span(written.start, written.end.max(stop));
    out.push(value);
    stop
}

/// Whether `:` and two digits, the minutes of a clock, follow `at`.
fn minutes_after(ch: &Chars, at: usize) -> bool {
    matches!(ch.get(at), Some(':' | '：'))
        && (1..3).all(|k| ch.get(at + k).is_some_and(is_digit))
        && !ch.get(at + 3).is_some_and(is_digit)
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

fn kanji_digit(c: char) -> Option<f64> {
    Some(match c {
        '〇' | '零' => 0.0,
        '一' => 1.0,
        '二' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' => 1e4,
        '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

/// Parses a Japanese number with ASCII digits: 三十六, 2万, 1億2千万, 1,200, 3.5, 二〇一六.
fn parse_japanese_number(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().collect();
    let (mut total, mut section) = (0.0f64, 0.0f64);
    let mut current: Option<f64> = None;
    let mut seen = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == ',' || chars[i] == '.')
                        && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
            {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            current = Some(parse_ascii_number(&run)?);
            seen = true;
            continue;
        }
        if let Some(d) = kanji_digit(c) {
            // Positional kanji (二〇一六) continue the current number; otherwise start one.
            current = Some(match current {
                Some(v) if i > 0 && kanji_digit(chars[i - 1]).is_some() => v * 10.0 + d,
                _ => d,
            });
            seen = true;
        } else if let Some(u) = small_unit(c) {
            section += current.take().unwrap_or(1.0) * u;
            seen = true;
        } else if let Some(u) = big_unit(c) {
            let n = section + current.take().unwrap_or(0.0);
            total += if n == 0.0 { 1.0 } else { n } * u;
            section = 0.0;
            seen = true;
        } else {
            return None;
        }
        i += 1;
    }
    seen.then(|| total + section + current.unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_numbers_in_every_form() {
        assert_eq!(parse_japanese_number("三十六"), Some(36.0));
        assert_eq!(parse_japanese_number("2万"), Some(20000.0));
        assert_eq!(parse_japanese_number("1億2千万"), Some(120_000_000.0));
        assert_eq!(parse_japanese_number("1,200"), Some(1200.0));
        assert_eq!(parse_japanese_number("3.5"), Some(3.5));
        assert_eq!(parse_japanese_number("二〇一六"), Some(2016.0));
        assert_eq!(parse_japanese_number("百"), Some(100.0));
        assert_eq!(parse_japanese_number("1200万"), Some(12_000_000.0));
        assert_eq!(parse_japanese_number("年"), None);
    }
}
