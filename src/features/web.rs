//! Anchors of text written for the web: @handles, #hashtags, URLs, e-mail addresses, codes
//! mixing letters and digits (PERSON2, RTX4090, A4, Ver.2.1) and emoji.
//!
//! Both languages write these the same way, but the two sides' word breakers cut them
//! differently: lindera splits `@user26` into `@`, `user` and `26`, and `PERSON2` into a word
//! and a number, while English word breaking keeps them whole. So they are read here, from the
//! sentence's characters, by one scanner for both languages, and the word-level features leave
//! alone whatever a token found here covers. Full-width forms (＠ｕｓｅｒ２６) are read as their
//! ASCII twins, so a Japanese writer's choice of width does not change the key.

use std::ops::Range;

/// What a web token is; the key says which token it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebKind {
    /// `https://…`, `www.…`.
    Url,
    /// `name@host.tld`.
    Email,
    /// `@user26`.
    Handle,
    /// `#dart`, `#URL#`: ASCII only. Its word is also a word of the sentence (#rat is a rat).
    Hashtag,
    /// A word that starts with a letter and holds a digit: `PERSON2`, `RTX4090`, `A4`,
    /// `COVID-19`, `Ver.2.1`.
    Code,
    /// A pictograph and its modifiers: 👍, ❤️, 👨‍👩‍👧.
    Emoji,
    /// Three or more symbols in a row, spaces aside: a kaomoji `(;_;)`, a separator `× × ×`,
    /// `◇ ◇ ◇`, `＊＊＊`. Translators copy them as they are.
    Symbols,
}

/// One web token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebToken {
    /// Byte span in the text given to [`scan`], shifted by its `offset`.
    pub span: Range<usize>,
    /// What it is.
    pub kind: WebKind,
    /// The token as both languages key it: ASCII, lower case, URLs without their scheme.
    pub key: String,
}

/// The ASCII twin of a full-width ASCII character, or the character itself.
fn narrow(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1f300..=0x1f5ff | 0x1f600..=0x1f64f | 0x1f680..=0x1f6ff | 0x1f900..=0x1f9ff
        | 0x1fa70..=0x1faff | 0x2600..=0x26ff | 0x2700..=0x27bf | 0x1f1e6..=0x1f1ff)
}

/// Joiners and modifiers that belong to the emoji before them.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0x200d | 0xfe0f | 0x1f3fb..=0x1f3ff | 0x20e3)
}

/// A character of a kaomoji or a separator line: punctuation and symbols, ASCII or not, other
/// than the letters, digits and the marks that start web tokens.
fn is_symbol(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !c.is_control()
        && !matches!(c, '@' | '#' | '_')
        && !is_emoji(c)
        && !is_emoji_modifier(c)
        && !matches!(c as u32, 0x3040..=0x30ff | 0x4e00..=0x9fff | 0xff66..=0xff9f)
}

/// Marks that end or space out any sentence (…, ?!, 」。): a run of these says nothing.
fn is_plain_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | '!'
            | '?'
            | ':'
            | ';'
            | '\''
            | '"'
            | '('
            | ')'
            | '-'
            | '…'
            | '。'
            | '、'
            | '・'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '【'
            | '】'
            | '〜'
            | '~'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '—'
            | '–'
            | 'ー'
            | '/'
    )
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters a URL or address may hold; what ends it is anything else.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// The web tokens of `text`, in order, not overlapping; spans are shifted by `offset`.
pub fn scan(text: &str, offset: usize) -> Vec<WebToken> {
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, narrow(c))).collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let token = |kind, e, key| WebToken {
            span: offset + at..offset + end_of(e),
            kind,
            key,
        };
        let prev_word = k > 0 && is_word(chars[k - 1].1);
        let take = |from: usize, pred: &dyn Fn(char) -> bool| {
            let mut e = from;
            while e < chars.len() && pred(chars[e].1) {
                e += 1;
            }
            e
        };
        let text_of =
            |a: usize, b: usize| -> String { chars[a..b].iter().map(|&(_, c)| c).collect() };
        // URLs first: they hold everything else.
        let starts = |prefix: &str| {
            prefix.len() <= chars.len() - k
                && prefix
                    .chars()
                    .zip(&chars[k..])
                    .all(|(p, &(_, c))| c.to_ascii_lowercase() == p)
        };
        if !prev_word && (starts("http://") || starts("https://") || starts("www.")) {
            let mut e = take(k, &is_url_char);
            // Trailing punctuation is the sentence's, not the address's.
            while e > k
                && matches!(
                    chars[e - 1].1,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\''
                )
            {
                e -= 1;
            }
            let url = text_of(k, e).to_ascii_lowercase();
            let key = url
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .trim_end_matches('/')
                .to_string();
            out.push(token(WebKind::Url, e, key));
            k = e;
            continue;
        }
        if c == '@' && !prev_word {
            let e = take(k + 1, &is_word);
            if e > k + 1 {
                out.push(token(
                    WebKind::Handle,
                    e,
                    text_of(k, e).to_ascii_lowercase(),
                ));
                k = e;
                continue;
            }
        }
        if c == '#' && !prev_word {
            // Japanese runs on without spaces, so a tag there ends where its ASCII ends
            // (#Mastodonの設定 is #Mastodon); a tag in Japanese script is left to the words.
            let e = take(k + 1, &is_word);
            if e > k + 1 {
                // A placeholder closes with a second # (#URL#).
                let e = if chars.get(e).is_some_and(|&(_, c)| c == '#') {
                    e + 1
                } else {
                    e
                };
                out.push(token(WebKind::Hashtag, e, text_of(k, e).to_lowercase()));
                k = e;
                continue;
            }
        }
        if is_emoji(c) {
            let e = take(k + 1, &is_emoji_modifier);
            let e = {
                // A ZWJ sequence continues with another pictograph.
                let mut e = e;
                while e < chars.len() && chars[e - 1].1 == '\u{200d}' && is_emoji(chars[e].1) {
                    e = take(e + 1, &is_emoji_modifier);
                }
                e
            };
            let key: String = chars[k..e]
                .iter()
                .map(|&(_, c)| c)
                .filter(|&c| c != '\u{fe0f}')
                .collect();
            out.push(token(WebKind::Emoji, e, key));
            k = e;
            continue;
        }
        if is_symbol(c) {
            let mut e = k + 1;
            let mut last = k;
            while e < chars.len() && (is_symbol(chars[e].1) || matches!(chars[e].1, ' ' | '_')) {
                if chars[e].1 != ' ' {
                    last = e;
                }
                e += 1;
            }
            let e = last + 1;
            let symbols = || chars[k..e].iter().map(|&(_, c)| c).filter(|&c| c != ' ');
            // Most runs are one or two marks of punctuation: nothing to allocate for them.
            if symbols().nth(2).is_some() && !symbols().all(is_plain_punctuation) {
                out.push(token(WebKind::Symbols, e, symbols().collect()));
            }
            k = e;
            continue;
        }
        if is_word(c) && !prev_word {
            // A word of ASCII letters and digits, with inner . - _ between them.
            let mut e = take(k, &is_word);
            while e + 1 < chars.len() && matches!(chars[e].1, '.' | '-') && is_word(chars[e + 1].1)
            {
                e = take(e + 1, &is_word);
            }
            if chars.get(e).is_some_and(|&(_, c)| c == '@') {
                let host = take(e + 1, &|c: char| is_word(c) || c == '.' || c == '-');
                let mut h = host;
                while h > e + 1 && chars[h - 1].1 == '.' {
                    h -= 1;
                }
                if text_of(e + 1, h).contains('.') {
                    out.push(token(WebKind::Email, h, text_of(k, h).to_ascii_lowercase()));
                    k = h;
                    continue;
                }
            }
            // A word that starts with a digit (10m, 5G, 2nd) is a number with a unit: the
            // number reader's.
            let starts_with_letter = chars[k].1.is_ascii_alphabetic();
            let digits = chars[k..e].iter().any(|&(_, c)| c.is_ascii_digit());
            if starts_with_letter && digits {
                out.push(token(WebKind::Code, e, text_of(k, e).to_ascii_lowercase()));
            }
            k = e;
            continue;
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(WebKind, String)> {
        scan(text, 0).into_iter().map(|t| (t.kind, t.key)).collect()
    }

    #[test]
    fn both_languages_key_handles_and_codes_alike() {
        assert_eq!(
            keys("@user27 hehe ty user26"),
            keys("@user27 へへ　ありがとう  user26")
        );
        assert_eq!(
            keys("@user27 hehe ty user26"),
            [
                (WebKind::Handle, "@user27".into()),
                (WebKind::Code, "user26".into())
            ]
        );
        for (text, kind, key) in [
            ("(PERSON2) So again", WebKind::Code, "person2"),
            ("(PERSON2) 繰り返すけど", WebKind::Code, "person2"),
            ("＠ｕｓｅｒ２６さん", WebKind::Handle, "@user26"),
        ] {
            assert_eq!(keys(text), [(kind, key.into())], "{text}");
        }
    }

    #[test]
    fn urls_mails_tags_and_emoji() {
        assert_eq!(
            keys("See https://Example.com/a?b=1. Mail me@host.co.jp #dart #URL# 👍🏻!"),
            [
                (WebKind::Url, "example.com/a?b=1".into()),
                (WebKind::Email, "me@host.co.jp".into()),
                (WebKind::Hashtag, "#dart".into()),
                (WebKind::Hashtag, "#url#".into()),
                (WebKind::Emoji, "👍🏻".into()),
            ]
        );
        for (text, kind, key) in [
            (
                "詳しくはwww.example.com/を見て",
                WebKind::Url,
                "example.com",
            ),
            ("#Mastodonの設定", WebKind::Hashtag, "#mastodon"),
        ] {
            assert_eq!(keys(text), [(kind, key.into())], "{text}");
        }
        assert!(keys("#ネズミのキャスパー").is_empty());
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "ＲＴＸ４０９０を買った、RTX4090.";
        let found = scan(text, 10);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].span.start - 10..found[0].span.end - 10],
            "ＲＴＸ４０９０"
        );
        assert_eq!(
            &text[found[1].span.start - 10..found[1].span.end - 10],
            "RTX4090"
        );
        assert_eq!(found[0].key, found[1].key);
    }

    #[test]
    fn kaomoji_and_separators_key_as_written() {
        assert_eq!(keys("(;_;)Even if"), keys("(;_;)私みたいな"));
        assert_eq!(keys("(;_;)Even if"), [(WebKind::Symbols, "(;_;)".into())]);
        assert_eq!(keys("× × ×"), [(WebKind::Symbols, "×××".into())]);
        assert_eq!(keys("＊＊＊＊"), [(WebKind::Symbols, "****".into())]);
        assert!(keys("Really?!... \"Yes.\"").is_empty());
        assert!(keys("本当？！…」。").is_empty());
    }

    #[test]
    fn plain_words_and_numbers_are_not_web_tokens() {
        assert!(keys("The 3 rockets flew on July 24, 2024.").is_empty());
        assert!(keys("a 10m drop, 5G phones, the 2nd time").is_empty());
        assert!(keys("東京で3人が").is_empty());
    }
}
