//! Japanese sentence splitting: a sentence ends after 。！？ (or a run of them), never inside
//! brackets, and a closing bracket right after the stop stays with its sentence. Inside a
//! quotation (「」『』“”) a stop that more quoted text follows does end a sentence: a long
//! quotation holds sentences of its own, which translators render one by one.

use std::ops::Range;

use crate::tokenizer::{JapaneseTokenizer, Token};

const OPENERS: &str = "「『（【〈《〔［｛“‘(";
const CLOSERS: &str = "」』）】〉》〕］｝”’)";
/// Openers of quotations, inside which sentences still end.
const QUOTES: &str = "「『“";

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '｡' | '！' | '？' | '!' | '?')
}

/// Particles and words that continue a sentence after a quotation closed by 。」:
/// 「行く。」と話した is one sentence.
fn continues_quote(next: &str) -> bool {
    const QUOTATIVE: &[&str] = &[
        "と",
        "って",
        "っ",
        "など",
        "とか",
        "という",
        "との",
        "の",
        "を",
        "が",
        "は",
        "も",
        "に",
        "で",
        "や",
        "、",
        "。",
    ];
    QUOTATIVE.iter().any(|q| next.starts_with(q))
}

/// Whether a quotative follows a `？` or `！`: 「どっちにしようか？と迷う」 is one sentence.
fn quotative_after_mark(next: &str) -> bool {
    const NOT_QUOTATIVE: &[&str] = &["とても", "ところ", "とにかく", "ともかく", "とりあえず"];
    ["と", "って", "などと"].iter().any(|q| next.starts_with(q))
        && !NOT_QUOTATIVE.iter().any(|w| next.starts_with(w))
}

/// Names with an exclamation mark that a space may follow inside a sentence ("Yahoo! JAPAN").
const BANG_NAMES: &[&str] = &["Yahoo!", "Jeopardy!", "Wham!"];

/// The byte length of a soft sentence end at the start of `s`: marks that end sentences in
/// chat, reviews and fiction where news would put 。 — emoticons, `♪`, an ellipsis, a laugh
/// (`笑`, `www`). 0 if none. The second value says whether the end may be glued to the next
/// sentence without a space (an ellipsis or a bare 笑 glued to text is a pause, not an end).
fn soft_end_len(s: &str, prev: Option<char>) -> (usize, bool) {
    let e = super::emoticon_len(s);
    if e > 0 {
        return (e, true);
    }
    // Asked at every character: the ends below all start with one of these.
    if !s.starts_with(['…', '‥', '．', '.', '笑', 'w']) {
        return (0, false);
    }
    let dots = s
        .chars()
        .take_while(|&c| matches!(c, '…' | '‥' | '．' | '.'))
        .map(char::len_utf8)
        .sum::<usize>();
    let is_ellipsis = s.starts_with('…') || s.starts_with('‥') || s[..dots].chars().count() >= 3;
    // A pause before a clause that goes on in kana (`品質... ...このような`) is not an end.
    let kana_next = s[dots..]
        .trim_start_matches(|c: char| super::is_space(c) || matches!(c, '…' | '‥' | '．' | '.'))
        .starts_with(|c: char| matches!(c as u32, 0x3040..=0x309F));
    if dots > 0 && is_ellipsis && !kana_next {
        return (dots, false);
    }
    let kana_before = prev.is_some_and(|p| matches!(p as u32, 0x3040..=0x30FF));
    if kana_before && s.starts_with('笑') {
        return ('笑'.len_utf8(), false);
    }
    let ws = s.bytes().take_while(|&b| b == b'w').count();
    if ws > 0
        && prev.is_some_and(|p| !p.is_ascii())
        && !s[ws..].starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return (ws, true);
    }
    (0, false)
}

/// Pushes the sentence ranges of one line into `out`.
pub fn split_line(line: &str, out: &mut Vec<Range<usize>>) {
    let matched = matched_brackets(line);
    // The open brackets around the current character, innermost last.
    let mut open: Vec<char> = Vec::new();
    // How many of them are not quotations (kept apart so a deep line stays linear).
    let mut open_other = 0usize;
    let mut start = 0;
    let mut skip_to = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i < skip_to {
            continue;
        }
        // A kaomoji's brackets are drawing, not nesting: look at faces before brackets.
        if open.is_empty() && !matches!(c, '。' | '｡' | '！' | '？' | '!' | '?') {
            let prev = line[..i].chars().next_back();
            // ｗ after a full-width capital is a letter (ＦＷ, Ｗ杯), not a laugh.
            let letter_before = prev.is_some_and(|p| matches!(p as u32, 0xFF21..=0xFF5A));
            let (n, glued_ok) = if letter_before {
                (0, false)
            } else {
                soft_end_len(&line[i..], prev)
            };
            if n > 0 {
                let mut end = i + n;
                // `品質... ...この`: a run of soft ends is one end.
                loop {
                    let rest = &line[end..];
                    let gap = rest.len() - rest.trim_start_matches(super::is_space).len();
                    let more = soft_end_len(&rest[gap..], line[..end].chars().next_back()).0;
                    if more == 0 {
                        break;
                    }
                    end += gap + more;
                }
                end += super::trailing_emoticons(&line[end..]);
                skip_to = end;
                let rest = &line[end..];
                let spaced = rest.starts_with(super::is_space);
                let next = rest.trim_start_matches(super::is_space);
                let ends = !next.is_empty()
                    && start < i
                    && (spaced || glued_ok)
                    && !next.starts_with(|c: char| is_stop(c) || CLOSERS.contains(c) || c == '、')
                    && !continues_quote(next);
                if ends {
                    out.push(start..end);
                    start = end;
                }
                continue;
            }
            // A list item inside a line (`手順は 1.開ける 2.取る`) is a sentence of its own.
            let after_space = line[..i].ends_with(super::is_space);
            let marker = super::list_marker_len(&line[i..]);
            // `◇ ◇ ◇` is a rule, not three items: an item needs text on both sides.
            let item = marker > 0
                && super::list_marker_len(line[i + marker..].trim_start_matches(super::is_space))
                    == 0
                && line[start..i]
                    .chars()
                    .any(|c| !super::is_space(c) && super::list_marker_len(&c.to_string()) == 0);
            if after_space && start < i && item {
                out.push(start..i);
                start = i;
            }
        }
        if matched.binary_search(&i).is_ok() {
            if OPENERS.contains(c) {
                open.push(c);
                open_other += usize::from(!QUOTES.contains(c));
            } else {
                if open.pop().is_some_and(|o| !QUOTES.contains(o)) {
                    open_other -= 1;
                }
                // 「……。」 closing at the top level after a stop ends the sentence, unless a
                // quotative particle carries it on.
                let after_stop = line[..i].chars().next_back().is_some_and(is_stop);
                if open.is_empty() && after_stop {
                    let mut end = i + c.len_utf8();
                    while let Some(&(j, d)) = chars.peek() {
                        if matched.binary_search(&j).is_ok() && CLOSERS.contains(d) {
                            end = j + d.len_utf8();
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if !continues_quote(&line[end..]) {
                        end += super::trailing_emoticons(&line[end..]);
                        skip_to = end;
                        out.push(start..end);
                        start = end;
                    }
                }
            }
            continue;
        }
        // Yahoo!ニュース, oOh!Media: an ASCII mark glued between Latin letters, or ending a
        // known name, is part of the name; `50%OFF!今すぐ` ends a sentence.
        let prev_alnum = line[..i]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_alphanumeric());
        let rest = &line[i + c.len_utf8()..];
        let in_name = matches!(c, '!' | '?')
            && prev_alnum
            && !rest.is_empty()
            && (rest.starts_with(|n: char| n.is_ascii_alphanumeric())
                || (c == '!' && BANG_NAMES.iter().any(|n| line[..=i].ends_with(n))));
        let in_quotes = !open.is_empty() && open_other == 0;
        if (open.is_empty() || in_quotes) && is_stop(c) && !in_name {
            let mut end = i + c.len_utf8();
            let mut marks = c != '。' && c != '｡';
            // The whole run of stops (！？, 。。) and any closing brackets after it.
            while let Some(&(j, d)) = chars.peek() {
                if is_stop(d) || (CLOSERS.contains(d) && matched.binary_search(&j).is_err()) {
                    marks &= d != '。' && d != '｡';
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if marks && quotative_after_mark(&line[end..]) {
                continue;
            }
            // 「……。」: the stop that closes a quotation is decided at its closing bracket; a
            // ！ or ？ inside one is the speaker's tone (「傘！　傘忘れてますよ！」).
            let rest = &line[end..];
            let closing = rest.is_empty() || rest.starts_with(|d: char| CLOSERS.contains(d));
            if in_quotes && (marks || closing) {
                continue;
            }
            end += super::trailing_emoticons(&line[end..]);
            skip_to = end;
            out.push(start..end);
            start = end;
        }
    }
    if start < line.len() {
        out.push(start..line.len());
    }
}

const MAX_NESTING: usize = 16;

/// Byte offsets of the brackets in `line` that have a partner: an opener left unclosed, or
/// a stray closer, must not swallow the rest of the line.
fn matched_brackets(line: &str) -> Vec<usize> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut matched = Vec::new();
    for (i, c) in line.char_indices() {
        if let Some(k) = OPENERS.chars().position(|o| o == c) {
            let closer = CLOSERS.chars().nth(k).expect("same length");
            stack.push((i, closer));
        } else if CLOSERS.contains(c) {
            // Look only a little way down the stack: brackets nest shallowly, and a line of
            // thousands of stray openers must not make every closer scan them all.
            let floor = stack.len().saturating_sub(MAX_NESTING);
            if let Some(pos) = stack[floor..]
                .iter()
                .rposition(|&(_, want)| want == c)
                .map(|p| p + floor)
            {
                matched.push(stack[pos].0);
                matched.push(i);
                stack.truncate(pos);
            }
        }
    }
    matched.sort_unstable();
    matched
}

/// The lindera tokens of one sentence, with spans into the document's text.
pub fn sentence_tokens(
    tokenizer: &JapaneseTokenizer,
    doc_text: &str,
    span: Range<usize>,
) -> Vec<Token> {
    let mut tokens = tokenizer.tokenize(&doc_text[span.clone()]);
    for t in &mut tokens {
        t.span = t.span.start + span.start..t.span.end + span.start;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_line(line, &mut out);
        out.into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn stops_and_runs_of_stops() {
        assert_eq!(
            split("雨が降った。本当か！？まさか!晴れる｡"),
            vec!["雨が降った。", "本当か！？", "まさか!", "晴れる｡"]
        );
    }

    #[test]
    fn a_quotation_ends_with_its_sentence_and_holds_sentences_of_its_own() {
        assert_eq!(
            split("斎藤さんは「うれしい。また来たい」と話した。次の大会は来年だ。"),
            vec![
                "斎藤さんは「うれしい。",
                "また来たい」と話した。",
                "次の大会は来年だ。"
            ]
        );
        assert_eq!(
            split("「本当か？」と聞いた。『だめよ。絶対だめ。』「傘！　傘忘れてますよ！」"),
            vec![
                "「本当か？」と聞いた。",
                "『だめよ。",
                "絶対だめ。』",
                "「傘！　傘忘れてますよ！」"
            ]
        );
        assert_eq!(
            split("「ありがとうございました。」会場は拍手に包まれた。"),
            vec!["「ありがとうございました。」", "会場は拍手に包まれた。"]
        );
        assert_eq!(
            split("「よかった。」と笑った（写真は会見。）。"),
            vec!["「よかった。」と笑った（写真は会見。）。"]
        );
    }

    #[test]
    fn exclamation_inside_a_latin_name_is_not_a_stop() {
        assert_eq!(
            split("（東スポWeb）-Yahoo!ニュース今季は好調だ。"),
            vec!["（東スポWeb）-Yahoo!ニュース今季は好調だ。"]
        );
    }

    #[test]
    fn unbalanced_brackets_do_not_swallow_the_line() {
        assert_eq!(
            split("「閉じない引用。次の文。"),
            vec!["「閉じない引用。", "次の文。"]
        );
        assert_eq!(split("終わり。」次。"), vec!["終わり。」", "次。"]);
    }
    #[test]
    fn chat_sentences_end_in_faces_laughs_notes_and_ellipses() {
        assert_eq!(
            split("楽しかった😊また行きたい 美味しかったｗｗ次は夜に行く 最高♪また来ます 疲れた… 明日も早い 面白い笑 また見る"),
            vec![
                "楽しかった😊",
                "また行きたい 美味しかったｗｗ",
                "次は夜に行く 最高♪",
                "また来ます 疲れた…",
                " 明日も早い 面白い笑",
                " また見る"
            ]
        );
        assert_eq!(split("それは…その…好きだ。"), vec!["それは…その…好きだ。"]);
    }

    #[test]
    fn a_face_or_placeholder_after_a_sentence_belongs_to_it() {
        assert_eq!(
            split("最高！(^o^)次も行く。ありがとう＼(^o^)／ 届きました。#URL# 助かった（笑）"),
            vec![
                "最高！(^o^)",
                "次も行く。",
                "ありがとう＼(^o^)／",
                " 届きました。#URL#",
                " 助かった（笑）"
            ]
        );
        assert_eq!(
            split("失敗した(>_<)次は勝つ。"),
            vec!["失敗した(>_<)", "次は勝つ。"]
        );
    }

    #[test]
    fn a_mark_before_a_quotative_stays_in_its_sentence() {
        assert_eq!(
            split("一瞬どっちにしようか？と迷うのも楽しい。本当！って思った。すごい！とても良い。"),
            vec![
                "一瞬どっちにしようか？と迷うのも楽しい。",
                "本当！って思った。",
                "すごい！",
                "とても良い。"
            ]
        );
    }

    #[test]
    fn half_width_exclamation_ends_a_sentence_unless_inside_a_name() {
        assert_eq!(
            split("全品50%OFF!今すぐチェック。oOh!Mediaと提携。Yahoo! JAPANで配信。"),
            vec![
                "全品50%OFF!",
                "今すぐチェック。",
                "oOh!Mediaと提携。",
                "Yahoo! JAPANで配信。"
            ]
        );
    }

    #[test]
    fn list_items_inside_a_line_are_sentences() {
        assert_eq!(
            split("手順は次の通り 1.箱を開ける 2.取り出す ・水 ・タオル 約 3.5倍"),
            vec![
                "手順は次の通り ",
                "1.箱を開ける ",
                "2.取り出す ",
                "・水 ",
                "・タオル 約 3.5倍"
            ]
        );
    }
}
