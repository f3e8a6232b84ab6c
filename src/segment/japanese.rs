//! Japanese sentence splitting: a sentence ends after 。！？ (or a run of them), never inside
//! brackets or quotes, and a closing bracket right after the stop stays with its sentence.

use std::ops::Range;

use crate::tokenizer::{JapaneseTokenizer, Token};

const OPENERS: &str = "「『（【〈《〔［｛“‘(";
const CLOSERS: &str = "」』）】〉》〕］｝”’)";

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

/// Pushes the sentence ranges of one line into `out`.
pub fn split_line(line: &str, out: &mut Vec<Range<usize>>) {
    let matched = matched_brackets(line);
    let mut depth = 0usize;
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matched.binary_search(&i).is_ok() {
            if OPENERS.contains(c) {
                depth += 1;
            } else {
                depth = depth.saturating_sub(1);
                // 「……。」 closing at the top level after a stop ends the sentence, unless a
                // quotative particle carries it on.
                let after_stop = line[..i].chars().next_back().is_some_and(is_stop);
                if depth == 0 && after_stop {
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
                        out.push(start..end);
                        start = end;
                    }
                }
            }
            continue;
        }
        // Yahoo!ニュース, Wham!: an ASCII mark glued between Latin letters and more text is
        // part of a name.
        let in_name = matches!(c, '!' | '?')
            && line[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_alphanumeric())
            && line[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| !is_stop(n) && !n.is_whitespace() && !CLOSERS.contains(n));
        if depth == 0 && is_stop(c) && !in_name {
            let mut end = i + c.len_utf8();
            // The whole run of stops (！？, 。。) and any closing brackets after it.
            while let Some(&(j, d)) = chars.peek() {
                if is_stop(d) || (CLOSERS.contains(d) && matched.binary_search(&j).is_err()) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
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
    fn quotations_stay_whole() {
        assert_eq!(
            split("斎藤さんは「うれしい。また来たい」と話した。次の大会は来年だ。"),
            vec![
                "斎藤さんは「うれしい。また来たい」と話した。",
                "次の大会は来年だ。"
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
}
