//! Page furniture: the lines a news page carries around its article that are not part of it
//! and that no translation renders (`print PRINT`, `• December 28, 2021`, `• , The Mainichi`,
//! `Related articles`, `(Japanese original by …)`, a menu of section names, `関連記事`,
//! `写真拡大`, `（毎日新聞）`).
//!
//! Marking is conservative: a line is furniture only when the whole line is one of the forms
//! below (or, at a line's edge, a sentence that is all a known phrase or a credit, where a
//! page was flattened into running text), so a sentence of the article is never marked (a headline, a bulleted step of a
//! manual, `Trending topics on social media rose 5% in May.`, `関連記事によると、…。` are
//! content). Marking changes nothing else: the sentence keeps its span and paragraph, and
//! nothing is dropped; the aligner decides what to make of the mark.
//!
//! The forms, each decided on the text of a sentence that is its whole line:
//! - a known phrase of page furniture ([`PHRASES`]), in any case, maybe behind a bullet or in
//!   brackets (`【関連記事】`), maybe followed by `:` or `»`;
//! - a line that opens with `Click here` (a link, whatever it asks);
//! - a credit in brackets: `(Japanese original by …)`, `(This is a translation …)`,
//!   `(Mainichi)`, `（毎日新聞）`, `（東京社会部・斎藤文太郎）`, `（ワシントン・鈴木一郎特派員）`;
//!   not a photo's credit, which translations render;
//! - a publisher line: `The Mainichi`, `• , The Mainichi` (a byline with no name),
//!   `Buntaro Saito, The Mainichi`, `毎日新聞 2021/12/28 東京朝刊`;
//! - a byline with a newsroom tail: `By Buntaro Saito, Staff Writer`;
//! - a date line with a year: `• December 28, 2021`, `Updated: Dec. 28, 2021 at 10:30 JST`,
//!   `2021年12月28日 18時02分`;
//! - a copyright line: `© 2021 The Mainichi`, `Copyright 2021 …`;
//! - a link to a gallery or a related article: `【写真特集】…`, `【関連記事】…`;
//! - an item of a menu: a bulleted line of at most four capitalised words with no
//!   punctuation (`• Ukraine`, `• Trending Japan`, `• COVID-19`), or a short Japanese noun
//!   with no kana of grammar (`・国際`), next to another bulleted line that is furniture: one
//!   item alone may be a list's point (`• Lightweight`), a run of them is a menu, unless a
//!   line ending in a colon introduces the run (then it is a list of the article).

use super::{is_space, Lang, Sentence};

/// Phrases that are page furniture when they are a whole line (lower case, single spaces).
/// Only phrases that no article would write as a sentence of its own: no `Next`, `More` or
/// `Video`, which a chat or a heading may be.
const PHRASES: &[&str] = &[
    // Buttons and links.
    "print",
    "print print",
    "print this page",
    "print this article",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share this post",
    "share on facebook",
    "share on twitter",
    "share on x",
    "tweet",
    "email this article",
    "enlarge",
    "click to enlarge",
    "enlarge this photo",
    "read more",
    "continue reading",
    "show more replies",
    "load more",
    "back to top",
    "next article",
    "previous article",
    "was this review helpful?",
    "report abuse",
    "leave a comment",
    "all rights reserved",
    "all rights reserved.",
    // Boxes around the article.
    "related",
    "related articles",
    "related article",
    "related stories",
    "related story",
    "related news",
    "related links",
    "related coverage",
    "trending",
    "trending now",
    "trending stories",
    "most popular",
    "most read",
    "most viewed",
    "recommended",
    "recommended for you",
    "recommended articles",
    "you may also like",
    "you might also like",
    "also read",
    "see also",
    "top stories",
    "latest news",
    "editor's picks",
    "english press",
    "photo gallery",
    // Advertising and subscription.
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "sponsored links",
    "click here to subscribe",
    "subscribe",
    "subscribe now",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    // Japanese pages.
    "関連記事",
    "関連",
    "関連ニュース",
    "関連リンク",
    "この記事をシェア",
    "この記事を印刷",
    "シェア",
    "シェアする",
    "ツイート",
    "ブックマーク",
    "印刷",
    "印刷する",
    "プリント",
    "広告",
    "スポンサーリンク",
    "pr",
    "写真拡大",
    "画像拡大",
    "拡大",
    "拡大する",
    "続きを読む",
    "もっと見る",
    "さらに表示",
    "次の記事",
    "前の記事",
    "トップへ戻る",
    "ページの先頭へ",
    "おすすめ記事",
    "あわせて読みたい",
    "合わせて読みたい",
    "注目記事",
    "注目の記事",
    "アクセスランキング",
    "人気記事",
    "最新記事",
    "有料記事",
    "会員限定有料記事",
    "会員限定記事",
    "写真特集",
    "購読する",
    "会員登録",
];

/// Names of news organisations, as a credit or a publisher line writes them (lower case).
const PUBLISHERS: &[&str] = &[
    "the mainichi",
    "mainichi",
    "mainichi japan",
    "the mainichi shimbun",
    "mainichi shimbun",
    "the asahi shimbun",
    "asahi shimbun",
    "the yomiuri shimbun",
    "yomiuri shimbun",
    "the japan news",
    "the japan times",
    "japan times",
    "kyodo",
    "kyodo news",
    "jiji",
    "jiji press",
    "nikkei",
    "nikkei asia",
    "nhk",
    "nhk world",
    "ap",
    "afp",
    "afp-jiji",
    "reuters",
    "english press",
    "毎日新聞",
    "毎日新聞社",
    "朝日新聞",
    "読売新聞",
    "日本経済新聞",
    "産経新聞",
    "東京新聞",
    "共同",
    "共同通信",
    "時事",
    "時事通信",
    "ロイター",
];

/// How a credit in brackets opens (lower case, after the bracket). Not a photo's credit
/// (`(Photo by …)`, `(Courtesy of …)`, `（…撮影）`, `（…提供）`): translators render those
/// (the eval's news pairs `（西日本新聞社提供）` with `(Courtesy of The Nishinippon Shimbun)`),
/// so they are text of the page like a caption.
const CREDIT_OPENERS: &[&str] = &[
    "japanese original by",
    "this is a translation",
    "translated by",
    "translation by",
    "english translation by",
    "english version by",
];

/// How a Japanese byline in brackets ends: `（ワシントン・鈴木一郎特派員）`, `（斎藤文太郎記者）`.
const CREDIT_ENDINGS: &[&str] = &["記者", "特派員", "通信員"];

/// Words that tell a byline's tail from the rest of a sentence: `By X, Staff Writer`.
const NEWSROOM_WORDS: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "correspondent",
    "reporter",
    "editor",
    "bureau",
    "department",
    "desk",
];

/// Verbs that open a step of a manual or an instruction: a bulleted `Open Lid` is a step, not
/// a menu item, however it is capitalised.
const IMPERATIVES: &[&str] = &[
    "press", "push", "pull", "open", "close", "turn", "remove", "insert", "hold", "select", "tap",
    "check", "set", "fill", "add", "use", "wait", "plug", "unplug", "connect", "place", "put",
    "pour", "lift", "attach", "clean", "rinse", "wipe", "store", "keep", "do", "don't", "make",
    "take", "read", "see", "go", "switch", "enter", "choose", "charge", "install", "mix", "stir",
    "boil", "heat", "cut", "call", "contact", "note", "avoid", "never", "always", "be",
];

/// Small words a capitalised menu item may hold between its capitalised words (`Japan and
/// the World`, `Sci & Tech`).
const MENU_JOINERS: &[&str] = &["&", "and", "of", "the", "in", "for", "on", "at", "to", "a"];

/// Other words a date line may hold besides a weekday's name (lower case, no period).
const DATE_WORDS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "updated",
    "published",
    "posted",
    "last",
    "first",
    "on",
    "at",
    "a.m",
    "p.m",
    "am",
    "pm",
    "jst",
    "gmt",
    "utc",
    "|",
    "-",
    "—",
];

/// Words a Japanese date line may hold besides its digits.
const JA_DATE_WORDS: &[&str] = &[
    "最終更新",
    "更新",
    "配信",
    "公開",
    "掲載",
    "東京朝刊",
    "東京夕刊",
    "大阪朝刊",
    "大阪夕刊",
    "西部朝刊",
    "中部朝刊",
    "北海道朝刊",
    "朝刊",
    "夕刊",
    "午前",
    "午後",
    "令和",
    "平成",
    "JST",
];

/// What one whole line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Part of the article.
    Content,
    /// Furniture whatever stands around it.
    Furniture,
    /// A bulleted item that is furniture only in a run of bulleted furniture (a menu).
    MenuItem,
}

/// Sets [`Sentence::furniture`] on the sentences of `text` (spans and paragraphs untouched).
/// Only a sentence that is its whole line can be furniture.
pub(crate) fn mark(lang: Lang, text: &str, sentences: &mut [Sentence]) {
    let ends = line_ends(text, sentences);
    let kinds: Vec<(Kind, bool)> = sentences
        .iter()
        .zip(ends)
        .map(|(s, (before, after))| {
            let line = &text[s.span.clone()];
            if before && after {
                (line_kind(lang, line), bullet(line).is_some())
            } else if (before || after) && (is_phrase(line) || credit(line)) {
                // A page flattened into running text leaves its furniture at the edge of a
                // line of the article (`… the ferry. Related articles`): a sentence that is
                // all a known phrase or a credit is furniture there too.
                (Kind::Furniture, false)
            } else {
                (Kind::Content, false)
            }
        })
        .collect();
    // Neighbouring sentences that are each their whole line are neighbouring lines (blank
    // lines between them aside): every non-blank line holds at least one sentence. A run of
    // bulleted lines that are furniture or menu items is a menu when it has two lines or
    // more, unless a line ending in a colon introduces it (`The winners were:` before
    // `• Japan`, `• France` is a list of the article).
    let in_run = |i: usize| matches!(kinds[i], (Kind::Furniture | Kind::MenuItem, true));
    let mut i = 0;
    while i < sentences.len() {
        if !in_run(i) {
            sentences[i].furniture = kinds[i].0 == Kind::Furniture;
            i += 1;
            continue;
        }
        let end = (i..sentences.len())
            .find(|&k| !in_run(k))
            .unwrap_or(sentences.len());
        let introduced = i > 0 && {
            let before = &text[sentences[i - 1].span.clone()];
            before.ends_with([':', '：'])
        };
        let menu = end - i >= 2 && !introduced;
        for k in i..end {
            sentences[k].furniture = kinds[k].0 == Kind::Furniture || menu;
        }
        i = end;
    }
}

/// Splits off a known phrase of furniture that closes a line behind the end of its last
/// sentence (`This backpack performs well. print PRINT`): a page flattened into text glues
/// its buttons to the article's lines, and a lower-case `print` does not open a sentence for
/// the splitter. `out` holds the line's sentence ranges (relative to `line`); the tail
/// becomes a sentence of its own, which [`mark`] then marks as furniture. Only a whole
/// phrase after a sentence's closing punctuation and a space is cut: `Press print` stays.
pub(crate) fn split_tail(line: &str, out: &mut Vec<std::ops::Range<usize>>) {
    // Furniture phrases are short: a tail is looked for in a piece's last 40 bytes.
    const LONGEST: usize = 40;
    let Some(last) = out.last().cloned() else {
        return;
    };
    let end = last.end.min(line.len());
    let Some(piece) = line.get(last.start..end) else {
        return;
    };
    let piece = piece.trim_end_matches(is_space);
    // Only the tail is read: a line may be a whole file long.
    let from = (piece.len().saturating_sub(LONGEST)..piece.len())
        .find(|&k| piece.is_char_boundary(k))
        .unwrap_or(piece.len());
    let cut = piece[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .filter(|&(i, c)| i > 0 && is_space(c) && closes_sentence(&piece[..i]))
        .map(|(i, _)| i)
        .find(|&i| is_phrase(piece[i..].trim_matches(is_space)));
    if let Some(cut) = cut {
        out.pop();
        out.push(last.start..last.start + cut);
        out.push(last.start + cut..end);
    }
}

/// Whether `text` ends a sentence: its last character (closing quotes and brackets aside) is
/// a full stop, question or exclamation mark.
fn closes_sentence(text: &str) -> bool {
    let body = text.trim_end_matches(['"', '\'', '”', '’', ')', '）', '」', '』']);
    body.ends_with(['.', '!', '?', '。', '！', '？', '…'])
}

/// For each sentence, whether a line break (or the text's edge) stands before it and after
/// it: both, it is all of its line; either, it opens or closes its line. The gaps between
/// sentences are white space (the splitters leave nothing else out). Linear in the text: a
/// 20 MB line of many sentences costs one pass.
fn line_ends(text: &str, sentences: &[Sentence]) -> Vec<(bool, bool)> {
    // A lone CR ends a line too (old Mac OS files), as `lines_inclusive` reads them.
    let breaks_at = |gap: std::ops::Range<usize>| text[gap].contains(['\n', '\r']);
    (0..sentences.len())
        .map(|i| {
            let span = &sentences[i].span;
            let before = i == 0 || breaks_at(sentences[i - 1].span.end..span.start);
            let after =
                i + 1 == sentences.len() || breaks_at(span.end..sentences[i + 1].span.start);
            (before, after)
        })
        .collect()
}

/// Whether a whole line (trimmed) is page furniture; a menu item counts as furniture here
/// (the tests judge lines alone with it).
#[cfg(test)]
fn is_furniture_line(lang: Lang, line: &str) -> bool {
    line_kind(lang, line.trim_matches(is_space)) != Kind::Content
}

/// What a whole line (trimmed) is.
fn line_kind(lang: Lang, line: &str) -> Kind {
    let (bulleted, body) = match bullet(line) {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    // Furniture is short; a long line (up to a whole file on one line) is not looked at.
    if body.is_empty() || body.len() > 600 {
        return Kind::Content;
    }
    if is_phrase(body)
        || click_here(body)
        || credit(body)
        || publisher_line(body)
        || byline(body)
        || date_line(body)
        || copyright(body)
        || gallery_link(body)
    {
        return Kind::Furniture;
    }
    let item = english_menu_item(body) || (lang == Lang::Ja && japanese_menu_item(body));
    if bulleted && item {
        Kind::MenuItem
    } else {
        Kind::Content
    }
}

/// The rest of a line after its bullet (`•`, `・`, `‣`, `▪`, `■`, `◆`, `►`, or `-`, `*`, `–`
/// before a space), or `None` when it has none. Not `●`/`○`, which mark wins and losses.
fn bullet(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    let rest = &line[first.len_utf8()..];
    let marked = if "•・‣▪■◆◇►▶▸◦".contains(first) {
        true
    } else if matches!(first, '-' | '*' | '–') {
        rest.starts_with(is_space)
    } else {
        false
    };
    marked.then(|| rest.trim_start_matches(is_space))
}

/// `s` in lower case with runs of white space made one space.
fn normalized(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the line is one of [`PHRASES`], maybe in brackets (`【関連記事】`, `[Advertisement]`),
/// behind an arrow (`▼関連記事`, `>> Related`) or before a colon or an arrow.
fn is_phrase(line: &str) -> bool {
    let mut s = line.trim_start_matches(['▼', '▽', '▶', '▷', '>', '＞', '»', '◎', '◇']);
    s = s.trim_end_matches([':', '：', '»', '›', '>', '＞', '→', '▶']);
    s = s.trim_matches(is_space);
    for (open, close) in [
        ('【', '】'),
        ('[', ']'),
        ('［', '］'),
        ('〈', '〉'),
        ('《', '》'),
    ] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            s = inner.trim_matches(is_space);
            break;
        }
    }
    let key = normalized(s);
    PHRASES.contains(&key.as_str())
}

/// `Click here to subscribe`, `Click here for the full story`: a link, whatever it asks.
fn click_here(line: &str) -> bool {
    let key = normalized(line);
    (key == "click here" || key.starts_with("click here ")) && key.split(' ').count() <= 12
}

/// A credit in brackets that is its whole line.
fn credit(line: &str) -> bool {
    let inner = line
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| line.strip_prefix('（').and_then(|r| r.strip_suffix('）')));
    let Some(inner) = inner else {
        return false;
    };
    let inner = inner.trim_matches(is_space);
    // One pair of brackets, not `(a) … (b)`.
    if inner.contains(['(', ')', '（', '）']) {
        return false;
    }
    let key = normalized(inner);
    if CREDIT_OPENERS.iter().any(|o| key.starts_with(o)) || PUBLISHERS.contains(&key.as_str()) {
        return true;
    }
    // Japanese bylines: `（東京社会部・斎藤文太郎）`, `（ワシントン・鈴木一郎特派員）`. No
    // sentence inside them, so no 、 or 。 (a caption's `（写真は…）` is one, and is content).
    if inner.contains(['、', '。', ' ', '　']) || inner.chars().count() > 30 {
        return false;
    }
    CREDIT_ENDINGS.iter().any(|e| inner.ends_with(e))
        || ["部・", "局・", "支局・", "総局・"]
            .iter()
            .any(|d| inner.contains(d))
}

/// A publisher line: the name of a news organisation, maybe after an author and a comma
/// (`Buntaro Saito, The Mainichi`) or a comma with no author before it (`, The Mainichi`, a
/// byline whose name the page left empty), maybe followed by a date.
fn publisher_line(line: &str) -> bool {
    let s = line.trim_start_matches([',', '、', '—', '–', ' ', '\u{3000}']);
    // An author before the comma: at most four capitalised words.
    let s = match s.split_once(", ") {
        Some((author, rest)) if capitalised_words(author, 4) => rest,
        _ => s,
    };
    let key = normalized(s);
    PUBLISHERS.iter().any(|p| match key.strip_prefix(p) {
        None => false,
        Some("") => true,
        // After a Latin name a space or a comma comes first (`the mainichi reported` is not
        // `the mainichi` and a date); a Japanese name may run on into its date.
        Some(rest) => {
            (!p.is_ascii() || rest.starts_with([' ', ',']))
                && date_line(rest.trim_start_matches([',', ' ']))
        }
    })
}

/// Whether `s` is 1 to `max` words, each opening with a capital (`Buntaro Saito`).
fn capitalised_words(s: &str, max: usize) -> bool {
    let words: Vec<&str> = s.split(' ').collect();
    !words.is_empty()
        && words.len() <= max
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "'-.".contains(c))
        })
}

/// `By Buntaro Saito, Staff Writer`, `By Jane Doe, The Mainichi`: a byline, told from a
/// headline (`By Any Means`) by its tail, which names a newsroom.
fn byline(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
    else {
        return false;
    };
    let Some((name, tail)) = rest.split_once(", ") else {
        return false;
    };
    let names = name.split(" and ").all(|n| capitalised_words(n, 4));
    let tail_key = normalized(tail);
    let words: Vec<&str> = tail_key.split(' ').collect();
    names
        && words.len() <= 6
        && !tail.ends_with(['.', '!', '?'])
        && (PUBLISHERS.contains(&tail_key.as_str())
            || words.iter().any(|w| NEWSROOM_WORDS.contains(w)))
}

/// A date line: a year and a month, and nothing else but days, times, weekdays and
/// `Updated`-like words: `December 28, 2021`, `Updated: Dec. 28, 2021 at 10:30 a.m. JST`,
/// `2021/12/28 18:02`, `2021年12月28日（火）`, `最終更新 2021/12/28 18:02`. Without a year it
/// may be a heading of the article (`May 5` in a diary).
fn date_line(line: &str) -> bool {
    let s = line.trim_matches(is_space);
    if s.is_empty() {
        return false;
    }
    if s.is_ascii() {
        english_date(s)
    } else {
        japanese_date(s)
    }
}

fn english_date(s: &str) -> bool {
    let mut year = false;
    let mut month = false;
    for word in s.split(is_space).filter(|w| !w.is_empty()) {
        let w = word
            .trim_matches([',', '(', ')', ':', ';'])
            .trim_end_matches('.')
            .to_lowercase();
        if w.is_empty() {
            continue;
        }
        // A month's name or abbreviation, as the number reader knows them, and `sept`.
        if crate::quantities::month_word(&w).is_some() || w == "sept" {
            month = true;
        } else if w
            .bytes()
            .all(|b| b.is_ascii_digit() || b"/-:.".contains(&b))
            && w.bytes().any(|b| b.is_ascii_digit())
        {
            year |= w.split(['/', '-', '.']).any(is_year);
            month |= numeric_date(&w);
        } else if !DATE_WORDS.contains(&w.as_str())
            && !crate::quantities::WEEKDAYS.contains(&w.as_str())
        {
            return false;
        }
    }
    year && month
}

fn japanese_date(s: &str) -> bool {
    let mut rest = s.to_string();
    for w in JA_DATE_WORDS {
        rest = rest.replace(w, " ");
    }
    let digits: String = rest
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let allowed = |c: char| {
        c.is_ascii_digit()
            || is_space(c)
            || "年月日時分秒曜火水木金土/:：.-()（）,、|～~".contains(c)
    };
    if !digits.chars().all(allowed) {
        return false;
    }
    // A year: four digits, or an era's year (令和3年 left `3年` here).
    let year = digits.split(|c: char| !c.is_ascii_digit()).any(is_year)
        || ((s.contains("令和") || s.contains("平成")) && digits.contains('年'));
    let month = digits.contains('月') || digits.split(is_space).any(numeric_date);
    year && month
}

/// Whether `w` is a date written in numbers, which carries a month of its own: `2021/12/28`,
/// `12/28`, `2021-12-28`, `28.12.2021`; not a span of years (`2019-2020`) or a time
/// (`18:02`).
fn numeric_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts
            .iter()
            .any(|p| !is_year(p) && p.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)))
}

fn is_year(p: &str) -> bool {
    p.len() == 4
        && (p.starts_with("19") || p.starts_with("20"))
        && p.bytes().all(|b| b.is_ascii_digit())
}

/// `© 2021 The Mainichi`, `Copyright 2021 Mainichi Japan`, `Copyright © …`: a copyright
/// line, not a sentence about copyright (`Copyright law changed in 2020.`).
fn copyright(line: &str) -> bool {
    let key = normalized(line);
    let words = key.split(' ').count();
    if words > 14 {
        return false;
    }
    if key.starts_with('©') || key.starts_with("(c) ") {
        return true;
    }
    key.strip_prefix("copyright ").is_some_and(|rest| {
        rest.starts_with('©')
            || rest.starts_with("(c)")
            || rest.split(' ').next().is_some_and(is_year)
    })
}

/// `【写真特集】…`, `【関連記事】…`: a link to a gallery or an article under the article. Only
/// these labels: `【動画】`, `【速報】` or `【良い点】` open content too (`【動画】26日の天気 - …`
/// is the headline of a video article in the eval's news).
fn gallery_link(line: &str) -> bool {
    ["【写真特集】", "【関連記事】", "【関連】"]
        .iter()
        .any(|l| line.starts_with(l))
        && !line.ends_with(['。', '！', '？'])
}

/// An English menu item: one to four words, each opening with a capital or a digit (small
/// joiners inside allowed), no sentence punctuation, not opening with a verb of instruction:
/// `Ukraine`, `Trending Japan`, `COVID-19`, `Sci & Tech`; not `Press the button`, not
/// `Open Lid`, not `Transportation costs`.
fn english_menu_item(s: &str) -> bool {
    let words: Vec<&str> = s.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    if s.contains([
        '.', ',', ':', ';', '!', '?', '"', '“', '”', '(', ')', '。', '、',
    ]) {
        return false;
    }
    if IMPERATIVES.contains(&words[0].to_lowercase().as_str()) {
        return false;
    }
    let last = words.len() - 1;
    words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().next().unwrap_or(' ');
        let capital = (first.is_uppercase() || first.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_alphanumeric() || "-'’&/+".contains(c));
        capital || (i > 0 && i < last && MENU_JOINERS.contains(w))
    }) && s.chars().any(char::is_alphabetic)
}

/// A Japanese menu item: a short noun of kanji, katakana or Latin letters (`国際`,
/// `ウクライナ`, `新型コロナ`, `G7サミット`), with no hiragana, which grammar needs (`重さが約245gと
/// 軽い`, `電源を入れる`), no white space and no number of its own (`卵2個`).
fn japanese_menu_item(s: &str) -> bool {
    let n = s.chars().count();
    if n == 0 || n > 12 {
        return false;
    }
    let mut prev = ' ';
    for c in s.chars() {
        let hiragana = ('\u{3041}'..='\u{309F}').contains(&c);
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if hiragana
            || is_space(c)
            || "。、！？!?「」『』（）()：:,.".contains(c)
            || (digit && !(prev.is_ascii_alphabetic() || prev == '-' || prev.is_ascii_digit()))
        {
            return false;
        }
        prev = c;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Document;

    fn en(line: &str) -> bool {
        is_furniture_line(Lang::En, line)
    }

    fn ja(line: &str) -> bool {
        is_furniture_line(Lang::Ja, line)
    }

    /// The furniture marks of a document, by sentence text.
    fn marked(lang: Lang, text: &str) -> Vec<(String, bool)> {
        let doc = Document::segment(lang, text.to_string());
        doc.sentences
            .iter()
            .map(|s| (s.text(&doc.text).to_string(), s.furniture))
            .collect()
    }

    #[test]
    fn english_page_furniture_is_marked() {
        for line in [
            "print PRINT",
            "Print",
            "• English Press",
            "Related articles",
            "Related Articles:",
            "Trending",
            "Share this article",
            "Advertisement",
            "[Advertisement]",
            "Click here to subscribe",
            "Click here for the full story.",
            "(Japanese original by staff writer)",
            "(Japanese original by Buntaro Saito, Tokyo City News Department)",
            "(This is a translation of the original Japanese article.)",
            "(Mainichi)",
            "• December 28, 2021",
            "December 28, 2021",
            "Dec. 28, 2021",
            "Updated: Dec. 28, 2021 at 10:30 a.m. JST",
            "2021/12/28 18:02",
            "• , The Mainichi",
            ", The Mainichi",
            "The Mainichi",
            "Buntaro Saito, The Mainichi",
            "Mainichi Japan",
            "By Buntaro Saito, Staff Writer",
            "By Jane Doe and John Roe, Kyodo News",
            "© 2021 The Mainichi",
            "Copyright 2021 Mainichi Japan",
            "- Politics",
            "* Related",
            "Kyodo",
            "JIJI",
            "Share this post",
            "Show more replies",
            "Was this review helpful?",
            "Report abuse",
        ] {
            assert!(en(line), "{line:?} is furniture");
        }
    }

    #[test]
    fn japanese_page_furniture_is_marked() {
        for line in [
            "関連記事",
            "【関連記事】",
            "▼関連記事",
            "この記事をシェア",
            "印刷",
            "広告",
            "写真拡大",
            "（毎日新聞）",
            "（共同）",
            "（東京社会部・斎藤文太郎）",
            "（ワシントン・鈴木一郎特派員）",
            "【写真特集】H3ロケット5号機の打ち上げ",
            "【関連記事】H3ロケット、4回連続の成功",
            "2021年12月28日",
            "2021年12月28日（火）18時02分",
            "最終更新 2021/12/28 18:02",
            "毎日新聞 2021/12/28 東京朝刊",
            "毎日新聞2021年12月28日 18時02分",
            "毎日新聞 2021/12/28 18:02（最終更新 12/28 18:02）",
            "・毎日新聞",
            "令和3年12月28日",
        ] {
            assert!(ja(line), "{line:?} is furniture");
        }
    }

    #[test]
    fn content_is_not_marked() {
        for line in [
            "Japan seeks arrest of Chinese ex-student over alleged link to space agency cyberattacks",
            "H3 rocket places rain-observing satellite into orbit",
            "Tokyo Budget Grows",
            "Trending topics on social media rose 5% in May.",
            "Related articles were published the next day.",
            "Print editions will end in March.",
            "Advertisement spending rose 3 percent.",
            "• Press the button to start.",
            "• Press Start",
            "- Remove the filter",
            "• Open the lid",
            "・Transportation costs",
            "- Light, at about 245 g",
            "- Powerful noise cancelling: you barely notice the rumble of the subway",
            "*Keep out of reach of children.",
            "Reviewed by harukaze on March 2, 2026",
            "2019-2020",
            "18:02",
            "By Any Means Necessary",
            "(Photo by Buntaro Saito)",
            "(Courtesy of The Nishinippon Shimbun)",
            "(Photo) A specialized team checks social media posts.",
            "By the end of 2021, the Mainichi had moved.",
            "Copyright law changed in 2020.",
            "(2)",
            "(AP) The summit opened on Monday.",
            "The Mainichi reported the story on Dec. 28, 2021.",
            "The No. 6 rocket is scheduled to be launched on Dec. 10.",
            "May 5",
            "Click",
            "Pros",
            "@kaito_88 Noted",
        ] {
            assert!(!en(line), "{line:?} is content");
        }
        for line in [
            "関連記事によると、打ち上げは成功した。",
            "H3ロケット5号機打ち上げ成功　降水観測衛星「あまつぶ」を軌道に",
            "広告費は前年より3％増えた。",
            "・重さが約245gと軽い",
            "・電源を入れる",
            "【良い点】",
            "【速報】H3ロケット打ち上げ成功",
            "【動画】26日の天気 - 西・東日本の太平洋側で大雨警戒",
            "（写真は記者会見する森田理事長＝東京都内で）",
            "（西日本新聞社提供）",
            "（斎藤文太郎撮影）",
            "12月10日に打ち上げる予定だ。",
            "2019/2020",
            "● 西武 0－5 ロッテ ○",
        ] {
            assert!(!ja(line), "{line:?} is content");
        }
    }

    #[test]
    fn a_menu_is_a_run_of_short_bulleted_items() {
        let page = "(Japanese original by Buntaro Saito, Tokyo City News Department)\n\n  • Ambassador\n  • Ukraine\n  • COVID-19\n  • Trending Japan";
        assert!(marked(Lang::En, page).iter().all(|(_, f)| *f));
        // One short capitalised item among list points is a point of the list.
        let pros = "Pros\n\n• Lightweight\n• Rated at 30 hours of battery life\n";
        assert_eq!(
            marked(Lang::En, pros),
            [
                ("Pros".to_string(), false),
                ("• Lightweight".to_string(), false),
                ("• Rated at 30 hours of battery life".to_string(), false),
            ]
        );
        // A blank line between the items (one paragraph each) keeps them a run.
        let menu = "本文の最後の文。\n\n・国際\n\n・ウクライナ\n\n・新型コロナ\n";
        assert_eq!(
            marked(Lang::Ja, menu),
            [
                ("本文の最後の文。".to_string(), false),
                ("・国際".to_string(), true),
                ("・ウクライナ".to_string(), true),
                ("・新型コロナ".to_string(), true),
            ]
        );
        // A list the article introduces with a colon is the article's.
        let winners = "The winners were:\n\n• Japan\n\n• France\n";
        assert!(marked(Lang::En, winners).iter().all(|(_, f)| !f));
        // A manual's steps are never a menu, whatever their case.
        let steps = "• Press Start\n• Open Lid\n• Remove Filter\n";
        assert!(marked(Lang::En, steps).iter().all(|(_, f)| !f));
    }

    #[test]
    fn only_a_sentence_that_is_its_whole_line_is_marked() {
        // `Trending.` ends a sentence inside a longer line: not a line of its own.
        let text = "Advertisement\nThe show went out. Trending.\nAdvertisement";
        assert_eq!(
            marked(Lang::En, text),
            [
                ("Advertisement".to_string(), true),
                ("The show went out.".to_string(), false),
                ("Trending.".to_string(), false),
                ("Advertisement".to_string(), true),
            ]
        );
    }

    #[test]
    fn the_seed_page_shape_is_marked_and_its_article_is_not() {
        let page = "print PRINT\n\n\nJapan seeks arrest of Chinese ex-student over alleged link to space agency cyberattacks\n\n  • December 28, 2021\n  • , The Mainichi\n  • English Press\n\nTOKYO — The suspect has returned to China, the MPD announced on Dec. 28.\n\n\n(Japanese original by Buntaro Saito, Tokyo City News Department)\n\n  • Ambassador\n  • Ukraine\n  • COVID-19\n  • Trending Japan";
        let got = marked(Lang::En, page);
        let content: Vec<&str> = got
            .iter()
            .filter(|(_, f)| !f)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            content,
            [
                "Japan seeks arrest of Chinese ex-student over alleged link to space agency cyberattacks",
                "TOKYO — The suspect has returned to China, the MPD announced on Dec. 28.",
            ]
        );
        assert_eq!(got.len(), 11);
    }

    #[test]
    fn presegmented_lines_are_marked_the_same_way() {
        let text = "print PRINT\nThe launch succeeded.\n\nRelated articles\n";
        let doc = Document::presegmented(Lang::En, text.to_string());
        let marks: Vec<bool> = doc.sentences.iter().map(|s| s.furniture).collect();
        assert_eq!(marks, [true, false, true]);
    }

    #[test]
    fn a_button_glued_to_the_end_of_a_line_is_split_off_and_marked() {
        let text = "This backpack looks good and performs well. print PRINT
It fits. Related articles. print PRINT
Press print to print. Then wait.
He said \"print\" and left. Press print
";
        let doc = Document::segment(Lang::En, text.to_string());
        let got: Vec<(&str, bool)> = doc
            .sentences
            .iter()
            .map(|s| (&text[s.span.clone()], s.furniture))
            .collect();
        assert_eq!(
            got,
            [
                ("This backpack looks good and performs well.", false),
                ("print PRINT", true),
                ("It fits.", false),
                // A phrase that ends in a full stop is a sentence (`Trending.`).
                ("Related articles.", false),
                ("print PRINT", true),
                ("Press print to print.", false),
                ("Then wait.", false),
                ("He said \"print\" and left.", false),
                ("Press print", false),
            ]
        );
    }

    #[test]
    fn a_known_phrase_at_the_edge_of_an_article_line_is_furniture() {
        let text = "The ferry left at noon. Related articles
            Trending The ferry returned at six.
            The captain said the ferry was \"Related articles\" in the log.
";
        let doc = Document::segment(Lang::En, text.to_string());
        let marked: Vec<&str> = doc
            .sentences
            .iter()
            .filter(|s| s.furniture)
            .map(|s| &text[s.span.clone()])
            .collect();
        assert_eq!(marked, ["Related articles"]);
        let credit = "Police arrested him on Tuesday. (Japanese original by staff writer)
";
        let doc = Document::segment(Lang::En, credit.to_string());
        let marks: Vec<bool> = doc.sentences.iter().map(|s| s.furniture).collect();
        assert_eq!(marks, [false, true]);
    }

    /// Whether the sentence is all of its line, found the slow way: only white space before
    /// it on its line and after it.
    fn whole_line(text: &str, s: &Sentence) -> bool {
        let start = text[..s.span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[s.span.end..]
            .find('\n')
            .map_or(text.len(), |i| s.span.end + i);
        text[start..s.span.start].chars().all(is_space)
            && text[s.span.end..end].chars().all(is_space)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Marking sets a flag and nothing else: the spans and paragraphs are those of the
        /// splitters alone, and a marked sentence is a whole line.
        #[test]
        fn marking_changes_no_span(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("print PRINT".to_string()),
                proptest::strategy::Just("• Ukraine".to_string()),
                proptest::strategy::Just("  • December 28, 2021".to_string()),
                proptest::strategy::Just("関連記事".to_string()),
                proptest::strategy::Just("（毎日新聞）".to_string()),
                proptest::strategy::Just("\n".to_string()),
                proptest::strategy::Just("\n\n".to_string()),
                proptest::strategy::Just("\r\n".to_string()),
                proptest::strategy::Just("\u{3000}".to_string()),
                proptest::strategy::Just(". ".to_string()),
                proptest::strategy::Just("。".to_string()),
                "[a-zA-Z ]{1,8}",
                "[ぁ-んァ-ン一-龥]{1,6}",
            ], 0..30)
        ) {
            let text = pieces.concat();
            for lang in [Lang::En, Lang::Ja] {
                for presegmented in [false, true] {
                    let doc = if presegmented {
                        Document::presegmented(lang, text.clone())
                    } else {
                        Document::segment(lang, text.clone())
                    };
                    let mut cleared = doc.sentences.clone();
                    cleared.iter_mut().for_each(|s| s.furniture = false);
                    proptest::prop_assert_eq!(cleared, super::super::unmarked(lang, &text, presegmented));
                    let ends = line_ends(&text, &doc.sentences);
                    for (s, (before, after)) in doc.sentences.iter().zip(ends) {
                        proptest::prop_assert_eq!(before && after, whole_line(&text, s));
                        // Furniture is a whole line, or a phrase at a line's edge.
                        proptest::prop_assert!(!s.furniture || before || after);
                    }
                }
            }
        }
    }
}
