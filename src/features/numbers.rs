//! Numbers, dates and times in both languages, reduced to values that compare across them:
//! "2,000" = ２０００ = 2千 = 二千; "$1.2 billion" = 12億; "July 24" = 7月24日; "8 p.m." = 午後8時.

/// What an anchor of this module stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    Number(f64),
    Month(u8),
    Weekday(u8),
    /// Hour of the day, 0 to 23.
    Hour(u8),
}

impl Quantity {
    /// A stable key: numbers are rounded to 6 significant digits so that 1.2e9 computed two
    /// ways compares equal.
    pub fn key(self) -> (u8, u64) {
        match self {
            Quantity::Number(v) => {
                let rounded: f64 = format!("{v:.5e}").parse().unwrap_or(v);
                (0, rounded.to_bits())
            }
            Quantity::Month(m) => (1, m as u64),
            Quantity::Weekday(d) => (2, d as u64),
            Quantity::Hour(h) => (3, h as u64),
        }
    }
}

pub(crate) const MONTHS: &[&str] = &[
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
pub(crate) const MONTH_ABBR: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub(crate) const NUMBER_WORDS: &[(&str, f64)] = &[
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
    ("half", 0.5),
    ("dozen", 12.0),
];
pub(crate) const SCALE_WORDS: &[(&str, f64)] = &[
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

/// One English word (as `unicode_words` gives it) and the words after it, turned into
/// quantities. `next` lets "1.2 billion" and "8 p.m." read their second word.
pub fn english_word(word: &str, next: Option<&str>, next2: Option<&str>, out: &mut Vec<Quantity>) {
    let lower = word.to_ascii_lowercase();
    if let Some(m) = MONTHS.iter().position(|&m| m == lower) {
        // "May" is also a verb: only a month before a number.
        if lower != "may" || next.is_some_and(starts_with_digit) {
            out.push(Quantity::Month(m as u8 + 1));
        }
        return;
    }
    if let Some(m) = MONTH_ABBR.iter().position(|&m| m == lower) {
        if word.starts_with(char::is_uppercase) && next.is_some_and(starts_with_digit) {
            out.push(Quantity::Month(m as u8 + 1));
        }
        return;
    }
    if lower == "sept" && next.is_some_and(starts_with_digit) {
        out.push(Quantity::Month(9));
        return;
    }
    if let Some(d) = WEEKDAYS.iter().position(|&d| d == lower) {
        out.push(Quantity::Weekday(d as u8 + 1));
        return;
    }
    let scale = next
        .and_then(|n| {
            let n = n.to_ascii_lowercase();
            SCALE_WORDS.iter().find(|(s, _)| *s == n).map(|&(_, v)| v)
        })
        .unwrap_or(1.0);
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        out.push(Quantity::Number(v * scale));
        return;
    }
    if !starts_with_digit(word) {
        return;
    }
    // 8pm, 24th, 1960s, 3.5, 2,000, 8:30
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == ':'))
        .unwrap_or(word.len());
    let (num, suffix) = word.split_at(digits_end);
    let suffix = suffix.to_ascii_lowercase();
    let mut parts = num.split(':');
    let Some(value) = parts.next().and_then(parse_ascii_number) else {
        return;
    };
    let minutes = parts.next().and_then(parse_ascii_number);
    let meridiem = match suffix.as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => match (next.map(|n| n.to_ascii_lowercase()), next2) {
            (Some(n), _) if n == "a.m" || n == "am" => Some(false),
            (Some(n), _) if n == "p.m" || n == "pm" => Some(true),
            (Some(n), Some(n2)) if n == "a" && n2.eq_ignore_ascii_case("m") => Some(false),
            (Some(n), Some(n2)) if n == "p" && n2.eq_ignore_ascii_case("m") => Some(true),
            _ => None,
        },
    };
    out.push(Quantity::Number(value * scale));
    if let Some(m) = minutes {
        out.push(Quantity::Number(m));
    }
    if let Some(pm) = meridiem {
        if (0.0..=12.0).contains(&value) && value.fract() == 0.0 {
            let h = value as u8 % 12 + if pm { 12 } else { 0 };
            out.push(Quantity::Hour(h));
        }
    }
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// "2,000" → 2000, "3.5" → 3.5; None for anything else.
pub fn parse_ascii_number(s: &str) -> Option<f64> {
    let s = s.trim_end_matches(['.', ',']);
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    cleaned.parse().ok()
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

/// Whether `c` can be part of a Japanese number as written (after NFKC).
pub fn is_japanese_number_char(c: char) -> bool {
    c.is_ascii_digit()
        || kanji_digit(c).is_some()
        || small_unit(c).is_some()
        || big_unit(c).is_some()
}

/// Parses a Japanese number as written after NFKC: 三十六, 2万, 1億2千万, 1,200, 3.5, 二〇一六.
pub fn parse_japanese_number(s: &str) -> Option<f64> {
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

    fn en(text: &str) -> Vec<Quantity> {
        let words: Vec<&str> =
            unicode_segmentation::UnicodeSegmentation::unicode_words(text).collect();
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            english_word(
                w,
                words.get(i + 1).copied(),
                words.get(i + 2).copied(),
                &mut out,
            );
        }
        out
    }

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

    #[test]
    fn english_numbers_dates_and_times() {
        use Quantity::*;
        assert_eq!(
            en("on Dec. 28 at 8 p.m."),
            vec![Month(12), Number(28.0), Number(8.0), Hour(20)]
        );
        assert_eq!(
            en("$1.2 billion and 2,000 people"),
            vec![Number(1.2e9), Number(2000.0)]
        );
        assert_eq!(
            en("July 24th, 2016"),
            vec![Month(7), Number(24.0), Number(2016.0)]
        );
        assert_eq!(en("you may go on Monday"), vec![Weekday(1)]);
        assert_eq!(
            en("three people at 9am"),
            vec![Number(3.0), Number(9.0), Hour(9)]
        );
        assert_eq!(Number(1.2e9).key(), Number(12.0 * 1e8).key());
    }
}
