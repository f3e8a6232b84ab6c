//! Sentence and paragraph segmentation.
//!
//! Both languages share one frame: the text is cut into lines, a blank line starts a new
//! paragraph, and every line end closes a sentence (headlines, captions and bylines carry no
//! final punctuation). Inside a line a language-specific splitter finds the sentence ends.
//! Spans are byte ranges into the text exactly as given, trimmed of white space, so the
//! sentences and the gaps between them rebuild the input. A sentence that is a whole line of
//! page furniture (`print PRINT`, `Related articles`, `関連記事`) is marked as such
//! (`furniture.rs`), never dropped.

pub(crate) mod english;
mod furniture;
pub mod japanese;

use std::ops::Range;

pub use crate::lang::Lang;

/// Reads `en`/`eng`/`english` and `ja`/`jp`/`jpn`/`japanese`, in any case; anything else is
/// [`crate::Error::UnknownName`].
impl std::str::FromStr for Lang {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "ja" | "jp" | "jpn" | "japanese" => Ok(Lang::Ja),
            other => Err(crate::Error::UnknownName {
                what: "language",
                name: other.to_owned(),
                expected: "en or ja",
            }),
        }
    }
}

/// One sentence: where it stands in the document's text, which paragraph holds it, and
/// whether it is page furniture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range of the sentence in the document's text, trimmed of white space.
    pub span: Range<usize>,
    /// 0-based paragraph number.
    pub paragraph: usize,
    /// Whether the sentence is page furniture rather than part of the article: a whole line
    /// that a news page carries around its text and no translation renders (`print PRINT`,
    /// `• December 28, 2021`, `• , The Mainichi`, `Related articles`, `(Japanese original by
    /// …)`, a menu of section names, `関連記事`, `写真拡大`, `（毎日新聞）`). Marking is
    /// conservative (a sentence that is only part of its line, a headline, a list item of an
    /// article are never marked) and is only a mark: the sentence stays in the document with
    /// its span and paragraph, and nothing is dropped.
    pub furniture: bool,
}

impl Sentence {
    /// The sentence's text, given the text of the document it was found in (any other text
    /// may panic or give an unrelated slice).
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.span.clone()]
    }
}

/// A text and its sentences.
#[derive(Debug, Clone)]
pub struct Document {
    /// The language of the text.
    pub lang: Lang,
    /// The text exactly as given (after decoding), so every span can be shown back.
    pub text: String,
    /// The sentences in order, disjoint, each within one paragraph.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Segments running text with the splitter of its language.
    pub fn segment(lang: Lang, text: String) -> Document {
        Document::from_text(lang, text, false)
    }

    /// Takes text that is already one sentence a line, a blank line between paragraphs
    /// (the input of hunalign, Vecalign and Bertalign). Furniture is marked line by line as
    /// in running text.
    pub fn presegmented(lang: Lang, text: String) -> Document {
        Document::from_text(lang, text, true)
    }

    /// [`Document::presegmented`] when `presegmented`, else [`Document::segment`]: the one
    /// place the command line, `batch` and the Python binding choose between them.
    pub fn from_text(lang: Lang, text: String, presegmented: bool) -> Document {
        let mut sentences = unmarked(lang, &text, presegmented);
        furniture::mark(lang, &text, &mut sentences);
        Document {
            lang,
            text,
            sentences,
        }
    }

    /// The text of sentence `i`; panics when there is no such sentence.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences[i].text(&self.text)
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether the document has no sentence (an empty or blank text).
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Number of paragraphs (0 for an empty document).
    pub fn paragraphs(&self) -> usize {
        self.sentences.last().map_or(0, |s| s.paragraph + 1)
    }
}

/// White space for segmentation purposes: Unicode white space plus the byte-order mark, which
/// stays in the text (so offsets match the file) but belongs to no sentence.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether `c` is a pictograph or a piece of one (variation selector, joiner, skin tone):
/// chat and social posts end sentences with these instead of punctuation.
pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B50 | 0x2B55 | 0xFE0F | 0x200D)
}

/// Characters that only kaomoji faces are drawn with, so a bracket holding one is a face,
/// not an aside: `(^o^)` is a face, `(AP)` and `(2)` are not.
const FACE_MARKS: &str = "^_;´｀`・ω∀Дд≧≦><＾＿；°ﾟ◕‿╯□︵┻━≡ε✧◡﹏⊙☆★♡♥~〜ー=*＊'Ｔ∇▽゜";

/// The byte length of a kaomoji at the start of `s` (`(>_<)`, `＼(^o^)／`, `(T_T)ノ`), or 0.
fn kaomoji_len(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    while chars
        .next_if(|&(_, c)| "＼\\ヽ٩ヾ～~".contains(c))
        .is_some()
    {}
    let Some((_, open)) = chars.next() else {
        return 0;
    };
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return 0,
    };
    let mut marks = 0;
    let mut prev_letter = false;
    let mut end = None;
    for (n, (i, c)) in chars.by_ref().enumerate() {
        if c == close {
            end = Some(i + c.len_utf8());
            break;
        }
        let letter = c.is_ascii_alphabetic();
        // Words, digits, kana and kanji mean an aside in brackets, not a face.
        let wordy = (letter && prev_letter)
            || c.is_numeric()
            || c.is_whitespace()
            || matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF);
        if n >= 12 || wordy {
            return 0;
        }
        marks += usize::from(FACE_MARKS.contains(c));
        prev_letter = letter;
    }
    let (Some(mut end), true) = (end, marks > 0) else {
        return 0;
    };
    for c in s[end..].chars() {
        if !"／/ノﾉゞ✧".contains(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The byte length of an emoticon at the start of `s`, or 0: a kaomoji, a run of emoji, a
/// laugh in brackets (`（笑）`), a run of `ｗ`, or a placeholder left by anonymisation
/// (`#URL#`, `#NAME#`).
pub(crate) fn emoticon_len(s: &str) -> usize {
    // Asked at every character of a line, and most start none of the forms below (a kaomoji
    // starts with its bracket or what kaomoji_len lets come before it).
    let Some(first) = s.chars().next() else {
        return 0;
    };
    let lead = matches!(first, '＼' | '\\' | 'ヽ' | '٩' | 'ヾ' | '～' | '~');
    if !lead && !matches!(first, '(' | '（' | 'ｗ' | '#') && !is_emoji(first) {
        return 0;
    }
    let k = kaomoji_len(s);
    if k > 0 {
        return k;
    }
    let emoji: usize = s
        .chars()
        .take_while(|&c| is_emoji(c))
        .map(char::len_utf8)
        .sum();
    if emoji > 0 {
        return emoji;
    }
    for laugh in ["（笑）", "(笑)", "（汗）", "(汗)", "（泣）", "(泣)"] {
        if s.starts_with(laugh) {
            return laugh.len();
        }
    }
    let ws: usize = s
        .chars()
        .take_while(|&c| c == 'ｗ')
        .map(char::len_utf8)
        .sum();
    if ws > 0 {
        return ws;
    }
    if let Some(rest) = s.strip_prefix('#') {
        let name = rest
            .bytes()
            .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
            .count();
        if name > 0 && rest[name..].starts_with('#') {
            return name + 2;
        }
    }
    0
}

/// The byte length of the emoticons (white space between them allowed) at the start of `s`,
/// up to the end of the last one; 0 if `s` does not start with one. A face or a placeholder
/// after a sentence belongs to it, not to a sentence of its own.
pub(crate) fn trailing_emoticons(s: &str) -> usize {
    let mut end = 0;
    loop {
        let rest = &s[end..];
        let gap = rest.len() - rest.trim_start_matches(is_space).len();
        let n = emoticon_len(&rest[gap..]);
        if n == 0 {
            return end;
        }
        end += gap + n;
    }
}

/// The byte length of a list marker at the start of `s` (`1.`, `2)`, `(3)`, `①`, `•`, `・`),
/// or 0. Digits alone are not a marker: the marker must not run on into more digits (`3.5`).
pub(crate) fn list_marker_len(s: &str) -> usize {
    let Some(first) = s.chars().next() else {
        return 0;
    };
    // Not ○ and ●: they mark wins and losses in sports results (`● 西武 0－5 ロッテ ○`).
    if "•■◆◇▪►・‣".contains(first) || ('①'..='⑳').contains(&first) {
        return first.len_utf8();
    }
    let (body, open) = match s.strip_prefix('(') {
        Some(r) => (r, 1),
        None => (s, 0),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return 0;
    }
    let rest = &body[digits..];
    let close = if open == 1 {
        usize::from(rest.starts_with(')'))
    } else {
        rest.chars()
            .next()
            .filter(|&c| matches!(c, '.' | ')' | '．' | '）'))
            .map_or(0, char::len_utf8)
    };
    if close == 0 || rest[close..].starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    open + digits + close
}

/// Trims white space off a byte range of `text`.
pub(crate) fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let piece = &text[span.clone()];
    let start = span.start + (piece.len() - piece.trim_start_matches(is_space).len());
    let end = span.start + piece.trim_end_matches(is_space).len();
    start..end.max(start)
}

/// The sentences of `text`, none marked as furniture yet: one a line when `presegmented`,
/// else as the splitter of `lang` finds them.
fn unmarked(lang: Lang, text: &str, presegmented: bool) -> Vec<Sentence> {
    match (presegmented, lang) {
        (true, _) => split_lines(text, |_line, out| out.push(0..usize::MAX)),
        (false, lang) => {
            let split = match lang {
                Lang::En => english::split_line,
                Lang::Ja => japanese::split_line,
            };
            split_lines(text, |line, out| {
                split(line, out);
                furniture::split_tail(line, out);
            })
        }
    }
}

/// The lines of `text`, each with its line end: `\n`, `\r\n`, or a lone `\r` (old Mac OS
/// files, which have no other). Slices of `text`, so offsets stay those of the input.
pub(crate) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = match bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            None => bytes.len(),
            Some(i) if bytes[start + i] == b'\r' && bytes.get(start + i + 1) == Some(&b'\n') => {
                start + i + 2
            }
            Some(i) => start + i + 1,
        };
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// Cuts `text` into lines and paragraphs and hands each non-blank line to `split`, which
/// pushes sentence ranges relative to the line (clamped and trimmed here, empty ones dropped).
fn split_lines(text: &str, split: impl Fn(&str, &mut Vec<Range<usize>>)) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut in_paragraph = false;
    let mut pieces = Vec::new();
    let mut line_start = 0;
    for line in lines_inclusive(text) {
        let start = line_start;
        line_start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_matches(is_space).is_empty() {
            if in_paragraph {
                paragraph += 1;
                in_paragraph = false;
            }
            continue;
        }
        in_paragraph = true;
        pieces.clear();
        split(content, &mut pieces);
        for piece in &pieces {
            let end = piece.end.min(content.len());
            let span = trim_span(text, start + piece.start..start + end);
            if !span.is_empty() {
                sentences.push(Sentence {
                    span,
                    paragraph,
                    furniture: false,
                });
            }
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_parse_and_unknown_ones_are_named() {
        assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("jpn".parse::<Lang>().unwrap(), Lang::Ja);
        let err = "Fr".parse::<Lang>().unwrap_err();
        assert!(
            matches!(&err, crate::Error::UnknownName { what: "language", name, .. } if name == "fr"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            r#"unknown language "fr" (expected en or ja)"#
        );
    }

    fn texts(doc: &Document) -> Vec<(&str, usize)> {
        doc.sentences
            .iter()
            .map(|s| (s.text(&doc.text), s.paragraph))
            .collect()
    }

    #[test]
    fn paragraphs_lines_crlf_and_bom() {
        let doc = Document::presegmented(
            Lang::En,
            "\u{feff}First line\r\nSecond line\r\n\r\n  \r\nThird\r\n".into(),
        );
        assert_eq!(
            texts(&doc),
            vec![("First line", 0), ("Second line", 0), ("Third", 1)]
        );
        assert_eq!(doc.sentences[0].span, 3..13);
    }

    #[test]
    fn a_lone_cr_ends_a_line_as_old_mac_files_write_it() {
        let text = "First line\rSecond line\r\rThird\r\nFourth\nFifth\r";
        let doc = Document::presegmented(Lang::En, text.into());
        assert_eq!(
            texts(&doc),
            vec![
                ("First line", 0),
                ("Second line", 0),
                ("Third", 1),
                ("Fourth", 1),
                ("Fifth", 1)
            ]
        );
        // Offsets point into the text as given.
        assert_eq!(doc.sentences[1].span, 11..22);
        let doc = Document::segment(Lang::Ja, "一行目。\r二行目。\r\r三行目。".into());
        assert_eq!(
            texts(&doc),
            vec![("一行目。", 0), ("二行目。", 0), ("三行目。", 1)]
        );
        assert!(doc
            .sentences
            .iter()
            .all(|s| !s.text(&doc.text).contains('\r')));
    }

    #[test]
    fn empty_and_blank_input_give_no_sentences() {
        assert!(Document::segment(Lang::Ja, String::new()).is_empty());
        assert!(Document::segment(Lang::En, "\n \r\n\t\n".into()).is_empty());
    }
}
