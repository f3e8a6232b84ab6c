//! English sentence splitting: Unicode sentence boundaries (UAX #29), corrected for news
//! English, where a period after a title, an initial or an abbreviation rarely ends a sentence.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Titles and abbreviations that are followed by a name or a number, never by a new sentence.
const ALWAYS_CONTINUE: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mmes", "dr", "prof", "gov", "sen", "sens", "rep", "reps", "gen",
    "lt", "col", "maj", "sgt", "capt", "cmdr", "adm", "cpl", "pvt", "rev", "hon", "pres", "supt",
    "det", "insp", "mt", "ft", "vs", "v", "cf", "e.g", "i.e", "approx", "dept", "univ", "assn",
    "bros", "atty", "gens", "sr", "fig", "figs", "ch", "art", "para", "sec", "nos", "vol", "pp",
    "ed", "eds", "op", "est", "calif", "conn", "fla", "ill", "mass", "mich", "minn", "pa", "tenn",
    "tex", "wash", "wis", "ariz", "colo", "okla", "ore", "va",
];

/// Abbreviations that continue only before a number ("No. 4", "Dec. 28", "p. 12").
const BEFORE_NUMBER: &[&str] = &[
    "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "p",
    "tel", "rs", "ver",
];

/// The abbreviations of [`ALWAYS_CONTINUE`] that are written in lower case. The others are
/// titles and names written with a capital; in lower case the same letters are an ordinary
/// word that may end a sentence ("when he first discovered art. When").
const LOWER_CASE_ABBREVIATIONS: &[&str] = &[
    "vs", "v", "cf", "e.g", "i.e", "approx", "pp", "fig", "figs", "vol", "nos", "ch", "sec",
    "para", "dept", "univ", "assn", "bros", "atty", "eds",
];

/// Abbreviations that may end a sentence as well as stand inside one ("U.S.", "Inc.", "a.m."):
/// they continue unless the next word looks like the start of a new sentence.
const AMBIGUOUS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "inc", "co", "corp", "ltd", "llc", "plc", "jr", "etc", "u.s.a",
    "d.c", "n.y", "l.a", "st", "ave", "blvd", "rd",
];

/// Words that follow a time of day inside a sentence.
const TIME_FOLLOWERS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "JST",
    "GMT",
    "UTC",
    "EST",
    "EDT",
    "PST",
    "PDT",
    "CST",
    "CDT",
    "BST",
    "CET",
    "Japan",
    "Tokyo",
    "local",
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Words that usually open a sentence; after an ambiguous abbreviation they mean a new one.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "In",
    "On",
    "At",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "As",
    "After",
    "According",
    "Meanwhile",
    "However",
    "Some",
    "Many",
    "Most",
    "If",
    "When",
    "While",
    "Since",
    "For",
    "To",
    "With",
    "By",
    "From",
    "Last",
    "Earlier",
    "Later",
    "Now",
    "Still",
    "So",
    "Other",
    "Officials",
    "Police",
    "What",
    "Who",
    "Why",
    "How",
    "Yet",
    "Also",
    "Both",
    "Each",
    "Such",
    "One",
    "Two",
    "Three",
    "Under",
    "Over",
    "Before",
    "During",
    "Although",
    "Though",
];

/// Pushes the sentence ranges of one line (no line break inside) into `out`.
pub fn split_line(line: &str, out: &mut Vec<Range<usize>>) {
    let faces = emoticons(line);
    let quotes = quotations(line);
    let mut ends: Vec<usize> = line
        .split_sentence_bound_indices()
        .map(|(at, piece)| at + piece.len())
        .collect();
    // Chat and social posts end sentences with a face or an emoji instead of a stop.
    for f in &faces {
        let rest = &line[f.end..];
        let next = rest.trim_start_matches(super::is_space);
        if next.len() < rest.len() && next.starts_with(|c: char| c.is_uppercase() || !c.is_ascii())
        {
            ends.push(f.end);
        }
    }
    // An inline bullet after a stop or a colon opens a list item of its own; between two
    // names it stands for Japanese ・ ("Hanshin • Oyama").
    for (i, c) in line.char_indices() {
        if !matches!(c, '•' | '■' | '◆' | '▪' | '►' | '‣') {
            continue;
        }
        let head = line[..i].trim_end_matches(super::is_space);
        if head.len() < i && head.ends_with(['.', '!', '?', ':', ';']) {
            ends.push(i);
        }
    }
    ends.extend(unmarked_openings(line));
    ends.sort_unstable();
    ends.dedup();
    let mut start = 0;
    for end in ends {
        if end <= start || end >= line.len() {
            continue;
        }
        let in_face = faces.iter().any(|f| f.start < end && end < f.end);
        let exclaimed = line[start..end].trim_end().ends_with(['!', '?']);
        if in_face
            || (exclaimed && inside(&quotes, end))
            || continues(&line[start..end], &line[end..])
        {
            continue;
        }
        let Some(end) = list_item_start(&line[start..end])
            .map_or(Some(end + super::trailing_emoticons(&line[end..])), |cut| {
                (cut > 0).then_some(start + cut)
            })
        else {
            // A bare list number ("2.") opens the next sentence.
            continue;
        };
        out.push(start..end);
        start = end;
    }
    if start < line.len() {
        out.push(start..line.len());
    }
}

/// Boundaries that UAX #29 does not offer because the next sentence starts with a number or
/// a lower-case letter: "won 11-0. 151 km pitcher", "upgraded. oOh! Media declined", "said.
/// iPhone sales". Only a number, or a name with a capital inside (iPhone, eBay), may open a
/// sentence in lower case; [`continues`] still decides each.
fn unmarked_openings(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let stem = &line[..i];
        let rest = &line[i + 1..];
        let next = rest.trim_start_matches(super::is_space);
        if next.len() == rest.len() {
            continue;
        }
        let word = last_word(stem.trim_end_matches('.')).to_lowercase();
        let opens = match next.chars().next() {
            // "in the U.S. 10-year bonds": after an abbreviation a number goes on.
            Some(d) if d.is_ascii_digit() => {
                !word.is_empty() && !AMBIGUOUS.contains(&word.as_str()) && list_marker_free(next)
            }
            Some(l) if l.is_lowercase() => capital_inside(next),
            _ => false,
        };
        if opens {
            out.push(line.len() - next.len());
        }
    }
    out
}

/// Whether `text` does not start with a list number ("2. Take it out"): those UAX #29
/// already offers, and [`list_item_start`] places.
fn list_marker_free(text: &str) -> bool {
    super::list_marker_len(text) == 0
}

/// Whether the first word of `text` has a capital after its first letter: iPhone, eBay, oOh.
fn capital_inside(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase))
}

/// Byte ranges of the emoticons of a line (kaomoji, emoji, `#URL#`): boundaries inside
/// them are false, and one after a sentence belongs to it.
fn emoticons(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for (i, _) in line.char_indices() {
        if i < skip_to {
            continue;
        }
        let n = super::emoticon_len(&line[i..]);
        if n > 0 {
            out.push(i..i + n);
            skip_to = i + n;
        }
    }
    out
}

/// Where a numbered list item starts at the end of `piece` ("Steps: 1." or "box. 2."), as
/// an offset into it: the sentence must end before the number, not after it. `Some(0)` if
/// the piece is nothing but the number, `None` if it holds no such number.
fn list_item_start(piece: &str) -> Option<usize> {
    let trimmed = piece.trim_end();
    let at = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| super::is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = &trimmed[at..];
    if tail.is_empty() || super::list_marker_len(tail) != tail.len() {
        return None;
    }
    let head = trimmed[..at].trim_end();
    if head.is_empty() {
        return Some(0);
    }
    // "No. 1." is a rank, not a list number.
    if let Some(stem) = head.strip_suffix('.') {
        let word = last_word(stem).to_lowercase();
        if ALWAYS_CONTINUE.contains(&word.as_str()) || BEFORE_NUMBER.contains(&word.as_str()) {
            return None;
        }
    }
    head.ends_with([':', '.', '!', '?', ';']).then_some(at)
}

/// Byte ranges of the quotations of a line that close on it: inside one, `!` and `?` are the
/// speaker's tone ("Miss, your umbrella! You forgot it!" is one sentence), while a period
/// ends a quoted sentence as anywhere else. A quote left open (news style for quotes running
/// over paragraphs) protects nothing.
fn quotations(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        // A straight quote opens after a space or bracket and before a letter; otherwise it
        // closes. Pairing by position alone would turn every quote inside out after one stray.
        let opens = match c {
            '\u{201c}' => true,
            '"' => (prev.is_whitespace() || "([{".contains(prev)) && !next.is_whitespace(),
            _ => false,
        };
        let closes = match c {
            '\u{201d}' => true,
            '"' => !opens,
            _ => false,
        };
        if opens {
            open = Some((i, c));
        } else if closes {
            if let Some((o, _)) = open.take() {
                out.push(o..i);
            }
        }
        prev = c;
    }
    out
}

/// Whether a boundary at byte `at` falls strictly inside one of `quotes` (disjoint, in
/// order), found by binary search so that a huge line stays linear.
fn inside(quotes: &[Range<usize>], at: usize) -> bool {
    let k = quotes.partition_point(|q| q.end < at);
    quotes.get(k).is_some_and(|q| q.start < at && at <= q.end)
}

/// Names that end in an exclamation mark inside a sentence ("Yahoo! News").
const BANG_NAMES: &[&str] = &["Yahoo!", "Jeopardy!", "Wham!"];

/// Whether a UAX #29 boundary between `before` (the sentence so far) and `after` is false.
fn continues(before: &str, after: &str) -> bool {
    // oOh!Media, Go!Go!: a mark glued between letters is part of a name.
    let mut tail = before.chars().rev();
    if matches!(tail.next(), Some('!' | '?'))
        && tail.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && after.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return true;
    }
    let before = before.trim_end();
    // `"...Thank you," she said`: an opening quote and an ellipsis are no sentence.
    if before
        .chars()
        .all(|c| c.is_ascii_punctuation() || "…“‘".contains(c) || c.is_whitespace())
    {
        return true;
    }
    let next = after.trim_start();
    let Some(first) = next.chars().next() else {
        return false;
    };
    // "Why?" he asked. / the U.S. economy: a lowercase word opens a sentence only as a name
    // with a capital inside (iPhone).
    if first.is_lowercase() && !capital_inside(next) {
        return true;
    }
    if BANG_NAMES.iter().any(|n| before.ends_with(n)) {
        return true;
    }
    // Opening punctuation or a closing quote before the next word keeps UAX #29's break.
    let Some(stem) = before.strip_suffix('.') else {
        return false;
    };
    let word = last_word(stem);
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let next_word: &str = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let next_is_number = first.is_ascii_digit();
    if ALWAYS_CONTINUE.contains(&lower.as_str()) {
        let written_lower = word.starts_with(char::is_lowercase);
        return !written_lower
            || LOWER_CASE_ABBREVIATIONS.contains(&lower.as_str())
            || next_is_number;
    }
    if BEFORE_NUMBER.contains(&lower.as_str()) {
        return next_is_number;
    }
    // An initial: "J. R. R. Tolkien", "George W. Bush".
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return first.is_uppercase() && !SENTENCE_STARTERS.contains(&next_word);
        }
    }
    // "8 p.m. Wednesday" and "9 a.m. JST" go on; "after 8 p.m. Mizuno took" does not.
    if lower == "a.m" || lower == "p.m" {
        return TIME_FOLLOWERS.contains(&next_word);
    }
    if AMBIGUOUS.contains(&lower.as_str()) {
        // "pens, etc. Prices rose": a list's etc. is followed by a name only rarely, and a
        // capitalised word and a comma ("Co., Ltd. Today, it") open a sentence.
        let comma_follows = next[next_word.len()..].starts_with(',');
        return !(lower == "etc"
            || comma_follows
            || SENTENCE_STARTERS.contains(&next_word)
            || next_is_number);
    }
    false
}

/// The word before a final period, keeping inner periods ("U.S" from "the U.S").
fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_line(line, &mut out);
        out.into_iter().map(|r| line[r].trim()).collect()
    }

    #[test]
    fn titles_initials_and_abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Abe met Dr. J. R. Smith of Acme Inc. in the U.S. capital on Dec. 28. He left at 8 a.m. on Friday."),
            vec![
                "Mr. Abe met Dr. J. R. Smith of Acme Inc. in the U.S. capital on Dec. 28.",
                "He left at 8 a.m. on Friday."
            ]
        );
    }

    #[test]
    fn ambiguous_abbreviation_before_a_sentence_starter_ends_the_sentence() {
        assert_eq!(
            split("The talks were held in the U.S. The next round is in Tokyo."),
            vec![
                "The talks were held in the U.S.",
                "The next round is in Tokyo."
            ]
        );
    }

    #[test]
    fn time_of_day_ends_a_sentence_unless_a_day_or_zone_follows() {
        assert_eq!(
            split("He resigned after 8 p.m. Mizuno won. It began at 9:22 a.m. Wednesday in Tokyo."),
            vec![
                "He resigned after 8 p.m.",
                "Mizuno won.",
                "It began at 9:22 a.m. Wednesday in Tokyo."
            ]
        );
    }

    #[test]
    fn numbers_decimals_and_quotes() {
        assert_eq!(
            split("Prices rose 3.5 percent, the No. 4 item said. \"We are pleased,\" he said. \"Why?\" she asked."),
            vec![
                "Prices rose 3.5 percent, the No. 4 item said.",
                "\"We are pleased,\" he said.",
                "\"Why?\" she asked."
            ]
        );
        assert_eq!(
            split("He said, \u{201c}It was luck. The bullets missed me.\u{201d} Then he left. \"It hurt. A lot."),
            vec![
                "He said, \u{201c}It was luck.",
                "The bullets missed me.\u{201d}",
                "Then he left.",
                "\"It hurt.",
                "A lot."
            ]
        );
        assert_eq!(
            split("It ended. (The rest was cut.) Then it rained."),
            vec!["It ended.", "(The rest was cut.)", "Then it rained."]
        );
    }

    #[test]
    fn sentences_that_open_with_a_number_or_a_name_in_lower_case() {
        assert_eq!(
            split("It won 11-0. 151 km pitcher Nakamori threw. It was upgraded. oOh!Media declined. The U.S. 10-year yield rose. Steps: 1. Open it."),
            vec![
                "It won 11-0.",
                "151 km pitcher Nakamori threw.",
                "It was upgraded.",
                "oOh!Media declined.",
                "The U.S. 10-year yield rose.",
                "Steps:",
                "1. Open it."
            ]
        );
        assert_eq!(
            split("\"...Thank you,\" she said. \u{201c}\u{2026}Yes.\u{201d}"),
            vec![
                "\"...Thank you,\" she said.",
                "\u{201c}\u{2026}Yes.\u{201d}"
            ]
        );
    }

    #[test]
    fn titles_written_in_lower_case_are_ordinary_words() {
        assert_eq!(
            split("He discovered art. When he was ten, Sen. Abe met him at the mass. Cf. Smith vs. Jones. He lives on Yard St. The man went to St. Louis."),
            vec![
                "He discovered art.",
                "When he was ten, Sen. Abe met him at the mass.",
                "Cf. Smith vs. Jones.",
                "He lives on Yard St.",
                "The man went to St. Louis."
            ]
        );
    }

    #[test]
    fn month_abbreviation_ends_a_sentence_when_no_number_follows() {
        assert_eq!(
            split("The vote is on Dec. 4 in Tokyo."),
            vec!["The vote is on Dec. 4 in Tokyo."]
        );
        assert_eq!(split("No. That is wrong."), vec!["No.", "That is wrong."]);
    }
    #[test]
    fn marks_inside_names_are_decided_by_what_follows() {
        assert_eq!(
            split("We use oOh!Media and Yahoo! Japan. Try Node.js today. We sell pens, etc. Prices rose. It is Acme Co., Ltd. Today, it grew. Acme Co., Ltd. said so."),
            vec![
                "We use oOh!Media and Yahoo! Japan.",
                "Try Node.js today.",
                "We sell pens, etc.",
                "Prices rose.",
                "It is Acme Co., Ltd.",
                "Today, it grew.",
                "Acme Co., Ltd. said so."
            ]
        );
    }

    #[test]
    fn list_numbers_open_their_items() {
        assert_eq!(
            split("Steps: 1. Open the box. 2. Take it out. He was ranked No. 1. It was 5. Bring: • water. • a towel. Hanshin • Oyama won."),
            vec![
                "Steps:",
                "1. Open the box.",
                "2. Take it out.",
                "He was ranked No. 1.",
                "It was 5.",
                "Bring:",
                "• water.",
                "• a towel.",
                "Hanshin • Oyama won."
            ]
        );
    }

    #[test]
    fn faces_emoji_and_placeholders_end_or_join_sentences() {
        assert_eq!(
            split("Loved it! (^o^) See you soon 😊 Great day... Really!? Check this out! #URL# Bye (T_T)"),
            vec![
                "Loved it! (^o^)",
                "See you soon 😊",
                "Great day...",
                "Really!?",
                "Check this out! #URL#",
                "Bye (T_T)"
            ]
        );
    }
}
