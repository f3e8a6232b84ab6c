//! Reading input: a file or standard input, UTF-8 with or without a byte-order mark.
//!
//! The text is kept exactly as read (BOM and CRLF included) so that every byte offset the
//! library reports points into the file as it is on disk.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where input comes from: a path, or standard input for `None` or `-`.
pub fn display_name(path: Option<&Path>) -> PathBuf {
    match path {
        Some(p) if p != Path::new("-") => p.to_path_buf(),
        _ => PathBuf::from("<stdin>"),
    }
}

/// Reads a whole file (or standard input) as UTF-8 text.
pub fn read_text(path: Option<&Path>) -> Result<String> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let res = match path {
        Some(p) if p != Path::new("-") => std::fs::read(p).map(|b| bytes = b),
        _ => std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ()),
    };
    res.map_err(|source| Error::Read {
        path: name.clone(),
        source,
    })?;
    decode(&name, bytes)
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
            .is_some()
        {
            return format!(
                " (it looks like {name}: convert it first, e.g. `iconv -f {iconv} -t UTF-8`)"
            );
        }
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
}
