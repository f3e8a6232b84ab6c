//! Reading input: a file or standard input, UTF-8 with or without a byte-order mark, or
//! (when asked, or when `Encoding::Auto` finds the bytes are not UTF-8) Shift_JIS or EUC-JP.
//!
//! UTF-8 text is kept exactly as read (BOM and CRLF included) so that every byte offset the
//! library reports points into the file as it is on disk. Text decoded from Shift_JIS or
//! EUC-JP is converted to UTF-8: offsets then point into the decoded UTF-8 text, not the file.

use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::DecoderResult;

use crate::error::{Error, Result};

/// The encoding of an input file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 when the bytes are UTF-8; otherwise Shift_JIS or EUC-JP when the bytes decode as
    /// only one of them, or when both decode but one text is plainly the Japanese one (see
    /// [`decode_auto`]).
    #[default]
    Auto,
    /// UTF-8, with or without a BOM; anything else is an error.
    Utf8,
    /// Shift_JIS (as Windows writes it); anything else is an error.
    ShiftJis,
    /// EUC-JP; anything else is an error.
    EucJp,
}

impl Encoding {
    /// The name people and `iconv` know it by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS",
            Encoding::EucJp => "EUC-JP",
        }
    }

    fn legacy(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::ShiftJis => Some(encoding_rs::SHIFT_JIS),
            Encoding::EucJp => Some(encoding_rs::EUC_JP),
            Encoding::Auto | Encoding::Utf8 => None,
        }
    }
}

/// Text read from a file, and the encoding it turned out to be in (never `Auto`).
#[derive(Debug)]
pub struct Decoded {
    /// The text, as UTF-8.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: Encoding,
}

/// Where input comes from: a path, or standard input for `None` or `-`.
pub fn display_name(path: Option<&Path>) -> PathBuf {
    match path {
        Some(p) if p != Path::new("-") => p.to_path_buf(),
        _ => PathBuf::from("<stdin>"),
    }
}

/// Reads a whole file (or standard input) as UTF-8 text.
pub fn read_text(path: Option<&Path>) -> Result<String> {
    read_text_with(path, Encoding::Utf8).map(|d| d.text)
}

/// Reads a whole file (or standard input) in `encoding`, returning UTF-8 text and the
/// encoding actually used (what `Auto` chose).
pub fn read_text_with(path: Option<&Path>, encoding: Encoding) -> Result<Decoded> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let res = match path {
        // `fs::read` on a directory fails with a bare "Is a directory" on some systems and
        // succeeds with nothing on others: say what is wrong either way.
        Some(p) if p != Path::new("-") && p.is_dir() => {
            return Err(Error::NotAFile { path: name });
        }
        Some(p) if p != Path::new("-") => std::fs::read(p).map(|b| bytes = b),
        _ => std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ()),
    };
    res.map_err(|source| Error::Read {
        path: name.clone(),
        source,
    })?;
    decode_with(&name, bytes, encoding)
}

/// Turns `bytes` into text in `encoding`. A NUL byte is refused whatever the encoding: no
/// article has one, and a file with one is binary (or UTF-16) that would otherwise be aligned
/// as garbage or reported as an unhelpful decoding error.
pub fn decode_with(name: &Path, bytes: Vec<u8>, encoding: Encoding) -> Result<Decoded> {
    refuse_binary(name, &bytes)?;
    match encoding {
        Encoding::Utf8 => decode(name, bytes).map(|text| Decoded {
            text,
            encoding: Encoding::Utf8,
        }),
        Encoding::Auto => decode_auto(name, bytes),
        Encoding::ShiftJis | Encoding::EucJp => {
            let text =
                decode_legacy(&bytes, encoding).map_err(|offset| Error::InvalidEncoding {
                    path: name.to_path_buf(),
                    encoding: encoding.name(),
                    offset,
                })?;
            Ok(Decoded { text, encoding })
        }
    }
}

/// The check every text passes however it comes (a file, standard input, a text given
/// inline in batch JSONL or from Python): a NUL byte makes it binary data,
/// [`Error::Binary`], with `name` standing for the text.
pub fn refuse_binary(name: &Path, bytes: &[u8]) -> Result<()> {
    match bytes.iter().position(|&b| b == 0) {
        Some(offset) => Err(Error::Binary {
            path: name.to_path_buf(),
            offset,
        }),
        None => Ok(()),
    }
}

/// UTF-8 (BOM or not) when the bytes are UTF-8. Otherwise each of EUC-JP and Shift_JIS is
/// tried without replacement, and a text that is Western text misread is not taken
/// ([`misread`]: an English file in Windows-1252 or Latin-1 often decodes as Shift_JIS
/// without error); when exactly one decodes, it is used. Both often decode,
/// because EUC-JP's byte pairs (0xA1–0xFE) are also valid Shift_JIS, as half-width katakana
/// and kanji; the real one is then the one whose text has no half-width katakana (which
/// Japanese news never uses) and, failing that, the more kana and kanji. When neither
/// decodes, or the rule cannot tell, the error is `InvalidUtf8` with a hint.
pub fn decode_auto(name: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: Encoding::Utf8,
            })
        }
        Err(e) => e.into_bytes(),
    };
    let candidates: Vec<(Encoding, String)> = [Encoding::EucJp, Encoding::ShiftJis]
        .into_iter()
        .filter_map(|enc| decode_legacy(&bytes, enc).ok().map(|text| (enc, text)))
        .filter(|(_, text)| !misread(&bytes, text))
        .collect();
    let chosen = match candidates.len() {
        1 => candidates.into_iter().next(),
        2 => {
            let score = |text: &str| {
                let (kana_kanji, halfwidth) = japanese_counts(text);
                (halfwidth == 0, kana_kanji)
            };
            let (a, b) = (score(&candidates[0].1), score(&candidates[1].1));
            match a.cmp(&b) {
                std::cmp::Ordering::Greater => candidates.into_iter().next(),
                std::cmp::Ordering::Less => candidates.into_iter().nth(1),
                std::cmp::Ordering::Equal => None,
            }
        }
        _ => None,
    };
    match chosen {
        Some((encoding, text)) => Ok(Decoded { text, encoding }),
        None => decode(name, bytes).map(|text| Decoded {
            text,
            encoding: Encoding::Utf8,
        }),
    }
}

/// Whether `text`, decoded from `bytes` as Shift_JIS or EUC-JP, is a Western single-byte
/// text misread: the bytes look it ([`looks_western`]) and the text looks it
/// ([`looks_misdecoded`]). Each alone is met by some Japanese text: katakana in Shift_JIS
/// has its high bytes apart (their second bytes are ASCII), and a one-character word among
/// English ones (`the 町 of`) stands alone; both at once, hardly.
fn misread(bytes: &[u8], text: &str) -> bool {
    looks_western(bytes) && looks_misdecoded(text)
}

/// Whether most of the non-ASCII characters of `text` stand alone between ASCII ones. In
/// Windows-1252 or Latin-1 text each high byte is a character alone between ASCII ones
/// (`It\x92s`, `fianc\xe9e`, `\xa5200`), and as Shift_JIS it joins the ASCII byte after it
/// into a kanji (`It痴 a`) or is a half-width katakana by itself (`･200`); Japanese text runs
/// its characters together.
fn looks_misdecoded(text: &str) -> bool {
    let (mut non_ascii, mut alone) = (0usize, 0usize);
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii() {
            non_ascii += 1;
            let next = chars.peek().copied();
            let by_ascii = |n: Option<char>| n.is_none_or(|n| n.is_ascii());
            if by_ascii(prev) && by_ascii(next) {
                alone += 1;
            }
        }
        prev = Some(c);
    }
    alone * 2 > non_ascii
}

/// Whether `bytes` look like text in a single-byte Western encoding (Windows-1252,
/// Latin-1): mostly ASCII, and most bytes above it standing alone between ASCII ones, as
/// accented letters and curly quotes do, where Japanese double-byte text runs them
/// together. A byte Windows-1252 leaves undefined rules it out: 0x81 is the first byte of
/// Shift_JIS's punctuation (`’` is 0x81 0x66), which an English file in Shift_JIS has.
fn looks_western(bytes: &[u8]) -> bool {
    const UNDEFINED: [u8; 5] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    let high = |i: usize| bytes.get(i).is_some_and(|b| !b.is_ascii());
    let (mut total, mut joined) = (0usize, 0usize);
    for i in (0..bytes.len()).filter(|&i| high(i)) {
        if UNDEFINED.contains(&bytes[i]) {
            return false;
        }
        total += 1;
        if (i > 0 && high(i - 1)) || high(i + 1) {
            joined += 1;
        }
    }
    total > 0 && total * 5 <= bytes.len() && joined * 2 < total
}

/// Kana and kanji (full-width), and half-width katakana, in `text`.
fn japanese_counts(text: &str) -> (usize, usize) {
    let (mut kana_kanji, mut halfwidth) = (0, 0);
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' => kana_kanji += 1,
            '\u{ff61}'..='\u{ff9f}' => halfwidth += 1,
            _ => {}
        }
    }
    (kana_kanji, halfwidth)
}

/// Decodes Shift_JIS or EUC-JP without replacement; the error is the byte offset of the first
/// malformed sequence.
fn decode_legacy(bytes: &[u8], encoding: Encoding) -> Result<String, usize> {
    let encoding = encoding.legacy().expect("a legacy encoding");
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            // The malformed sequence is the `bad` bytes just before the last `after` read.
            DecoderResult::Malformed(bad, after) => {
                return Err(read - after as usize - bad as usize)
            }
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
        }
    }
}

/// Checks that `bytes` are UTF-8 and turns them into a `String` without copying.
pub fn decode(name: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        Error::InvalidUtf8 {
            path: name.to_path_buf(),
            offset,
            hint: encoding_hint(&bytes),
        }
    })
}

/// A guess at what the bytes are, for the error message: Japanese files that are not UTF-8
/// are nearly always Shift_JIS or EUC-JP, and a decoder that meets no error names it.
fn encoding_hint(bytes: &[u8]) -> String {
    if bytes.contains(&0) {
        return " (the file contains NUL bytes: is it binary, or UTF-16?)".into();
    }
    // EUC-JP first: its bytes also decode as Shift_JIS (as half-width kana), not the reverse.
    for (encoding, name, iconv) in [
        (encoding_rs::EUC_JP, "EUC-JP", "EUC-JP"),
        (encoding_rs::SHIFT_JIS, "Shift_JIS", "SHIFT_JIS"),
    ] {
        if encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some_and(|text| !misread(bytes, &text))
        {
            return format!(
                " (it looks like {name}: convert it first, e.g. `iconv -f {iconv} -t UTF-8`)"
            );
        }
    }
    if looks_western(bytes) {
        return " (it looks like Windows-1252 or Latin-1, not Japanese: convert it first, e.g. \
                `iconv -f WINDOWS-1252 -t UTF-8`)"
            .into();
    }
    " (is it Shift_JIS or EUC-JP? convert it to UTF-8 first, e.g. `iconv -f SHIFT_JIS -t UTF-8`)"
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_file_and_offset() {
        let err = decode(Path::new("ja.txt"), b"abc\x82\xa0def".to_vec()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("ja.txt: invalid UTF-8 at byte 3"), "{msg}");
        assert!(msg.contains("looks like Shift_JIS"), "{msg}");
    }

    #[test]
    fn euc_jp_is_named() {
        let (bytes, _, _) = encoding_rs::EUC_JP.encode("東京で雨が降った。");
        let err = decode(Path::new("ja.txt"), bytes.into_owned()).unwrap_err();
        assert!(err.to_string().contains("looks like EUC-JP"), "{err}");
    }

    #[test]
    fn bom_is_kept() {
        let text = decode(Path::new("x"), "\u{feff}hi".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "\u{feff}hi");
    }

    const JA: &str = "東京で雨が降った。気象庁によると、あすは晴れる見込み。";

    #[test]
    fn auto_decodes_shift_jis_and_euc_jp() {
        for (enc, ours) in [
            (encoding_rs::SHIFT_JIS, Encoding::ShiftJis),
            (encoding_rs::EUC_JP, Encoding::EucJp),
        ] {
            let (bytes, _, _) = enc.encode(JA);
            let d = decode_with(Path::new("ja.txt"), bytes.into_owned(), Encoding::Auto).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (JA, ours));
        }
    }

    #[test]
    fn euc_jp_that_also_decodes_as_shift_jis_half_width_kana_is_euc_jp() {
        let text = "ひらがなとカタカナ。";
        let (bytes, _, _) = encoding_rs::EUC_JP.encode(text);
        // The premise: as Shift_JIS these bytes are half-width katakana and kanji.
        assert!(decode_legacy(&bytes, Encoding::ShiftJis).is_ok());
        let d = decode_with(Path::new("x"), bytes.into_owned(), Encoding::Auto).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, Encoding::EucJp));
    }

    #[test]
    fn western_text_is_refused_not_read_as_japanese() {
        for (bytes, offset) in [
            // Each as Shift_JIS decodes without error: `It痴 a rocket`, `fianc軻 r...`, `･200`.
            (&b"It\x92s a rocket that doesn\x92t fail."[..], 2),
            (b"The fianc\xe9e r\xe9novated the \xe9lite hotel.", 9),
            (b"It cost \xa5200 billion.", 8),
            // Shift_JIS fails on this one (0x94 before a space): the hint is the same.
            (b"She said \x93Hello\x94 twice.", 9),
        ] {
            let err = decode_with(Path::new("en.txt"), bytes.to_vec(), Encoding::Auto).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "en.txt: invalid UTF-8 at byte {offset} (it looks like Windows-1252 or \
                     Latin-1, not Japanese: convert it first, e.g. `iconv -f WINDOWS-1252 -t \
                     UTF-8`)"
                )
            );
        }
    }

    #[test]
    fn english_in_shift_jis_is_still_decoded() {
        for text in [
            "It\u{2019}s the \u{201c}best\u{201d} rocket.",
            "The shrine (神社) in Kyoto.",
            "The ア of katakana and the 町 of kanji, in a sentence of English.",
        ] {
            let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
            let d = decode_with(Path::new("en.txt"), bytes.into_owned(), Encoding::Auto).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, Encoding::ShiftJis));
        }
    }

    #[test]
    fn auto_keeps_utf8_and_its_bom() {
        let text = format!("\u{feff}{JA}");
        let d = decode_with(Path::new("x"), text.clone().into_bytes(), Encoding::Auto).unwrap();
        assert_eq!((d.text, d.encoding), (text, Encoding::Utf8));
    }

    #[test]
    fn explicit_encoding_that_fails_gives_the_offset() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(JA);
        let mut bytes = bytes.into_owned();
        bytes.splice(0..0, *b"ok ");
        // A lone lead byte at the end is malformed in Shift_JIS.
        bytes.splice(5..5, [0x81, 0x20]);
        let err = decode_with(Path::new("ja.txt"), bytes, Encoding::ShiftJis).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ja.txt: invalid Shift_JIS at byte 5"),
            "{err}"
        );
        let err =
            decode_with(Path::new("ja.txt"), b"ab\xa4".to_vec(), Encoding::EucJp).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ja.txt: invalid EUC-JP at byte 2"),
            "{err}"
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode_with(Path::new("x.bin"), b"ab\0cd".to_vec(), Encoding::Auto).unwrap_err();
        assert!(err.to_string().contains("x.bin: binary"), "{err}");
        assert!(err.to_string().contains("byte 2"), "{err}");
    }
}
