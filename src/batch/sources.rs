//! Where a batch's document pairs come from: a manifest of paths (CSV or JSONL), two
//! directories paired by file name, or JSONL with the texts inline (what Spark's `RDD.pipe`
//! and Hadoop Streaming feed on standard input). Every source is read lazily, one record at
//! a time, except the directory listings.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{DocError, Source};
use crate::error::{Error, Result};

/// The kinds of manifest, told apart by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestKind {
    /// A header naming `id`, `en` and `ja` (in any order, other columns ignored).
    Csv,
    /// One `{"id", "en", "ja"}` object a line.
    Jsonl,
}

impl ManifestKind {
    /// The kind a manifest's extension names (`.csv`; `.jsonl`, `.json`, `.ndjson`), in any
    /// case; `None` for any other.
    pub fn of(path: &Path) -> Option<ManifestKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(ManifestKind::Csv),
            "jsonl" | "json" | "ndjson" => Some(ManifestKind::Jsonl),
            _ => None,
        }
    }
}

/// The document pairs a manifest lists, paths relative to the manifest's folder resolved.
/// Fails only when the manifest itself cannot be read (or a CSV one has no usable header);
/// a bad row is a failed document.
pub fn manifest(path: &Path) -> Result<Box<dyn Iterator<Item = Source> + Send>> {
    let kind = ManifestKind::of(path).ok_or_else(|| Error::ManifestKind {
        path: path.to_path_buf(),
    })?;
    let file = File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let base = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(match kind {
        ManifestKind::Csv => Box::new(csv_manifest(path, file, base)?),
        ManifestKind::Jsonl => Box::new(jsonl_manifest(path, file, base)),
    })
}

/// How many records a manifest has (for a progress bar's total): one more pass over it.
pub fn manifest_len(path: &Path) -> Result<usize> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(read_err)?;
    Ok(match ManifestKind::of(path) {
        Some(ManifestKind::Csv) => csv::Reader::from_reader(file).byte_records().count(),
        _ => BufReader::new(file)
            .split(b'\n')
            .filter(|line| line.as_ref().map_or(true, |l| !is_blank(l)))
            .count(),
    })
}

fn csv_manifest(
    path: &Path,
    file: File,
    base: PathBuf,
) -> Result<impl Iterator<Item = Source> + Send> {
    let (reader, [id_col, en_col, ja_col]) = csv_columns(path, file, ["id", "en", "ja"])?;
    let column = |col: Option<usize>, name: &str| {
        col.ok_or_else(|| {
            header_error(
                path,
                format!("the header has no {name:?} column (it must name id, en and ja)"),
            )
        })
    };
    let (id_col, en_col, ja_col) = (
        column(id_col, "id")?,
        column(en_col, "en")?,
        column(ja_col, "ja")?,
    );
    let mut records = reader.into_records();
    Ok(std::iter::from_fn(move || {
        let record = records.next()?;
        Some(match record {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                Source::Invalid {
                    id: format!("line {line}"),
                    error: DocError::BadRecord {
                        line,
                        message: format!("manifest: {e}"),
                    },
                }
            }
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let field = |i: usize| record.get(i).map(str::trim).filter(|s| !s.is_empty());
                files_source(
                    line,
                    field(id_col).map(String::from),
                    field(en_col),
                    field(ja_col),
                    &base,
                )
            }
        })
    }))
}

/// A CSV file's reader (rows of any length) and where each of `names` is in its header
/// (`None` for a name it lacks; a byte-order mark and spaces around a name are ignored).
/// Fails when the header cannot be read.
pub(crate) fn csv_columns<const N: usize>(
    path: &Path,
    file: File,
    names: [&str; N],
) -> Result<(csv::Reader<File>, [Option<usize>; N])> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let headers = reader
        .headers()
        .map_err(|e| header_error(path, format!("cannot read the header: {e}")))?
        .clone();
    let columns = names.map(|name| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
    });
    Ok((reader, columns))
}

/// What is wrong with a CSV file's header (its line 1).
pub(crate) fn header_error(path: &Path, message: String) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: 1,
        message,
    }
}

fn jsonl_manifest(path: &Path, file: File, base: PathBuf) -> impl Iterator<Item = Source> + Send {
    let path = path.to_path_buf();
    numbered_lines(BufReader::new(file)).map(move |(line, bytes)| {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(source) => {
                return read_failure(
                    line,
                    Error::Read {
                        path: path.clone(),
                        source,
                    },
                )
            }
        };
        match serde_json::from_slice::<Map<String, Value>>(&bytes) {
            Err(e) => bad_line(
                line,
                format!("manifest: not a JSON object: {}", json_error(&e)),
            ),
            Ok(object) => {
                let path_field = |key: &str| object.get(key).and_then(Value::as_str);
                files_source(
                    line,
                    object.get("id").and_then(id_of),
                    path_field("en"),
                    path_field("ja"),
                    &base,
                )
            }
        }
    })
}

fn files_source(
    line: usize,
    id: Option<String>,
    en: Option<&str>,
    ja: Option<&str>,
    base: &Path,
) -> Source {
    let missing: Vec<&str> = [
        ("id", id.is_some()),
        ("en", en.is_some()),
        ("ja", ja.is_some()),
    ]
    .iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| *name)
    .collect();
    match (id, en, ja) {
        (Some(id), Some(en), Some(ja)) => Source::Files {
            id,
            en: base.join(en),
            ja: base.join(ja),
        },
        (id, _, _) => Source::Invalid {
            id: id.unwrap_or_else(|| line_id(line)),
            error: DocError::BadRecord {
                line,
                message: format!("manifest: no {}", missing.join(", no ")),
            },
        },
    }
}

/// The pairs of files with the same name in `en_dir` and `ja_dir`, in name order; a file in
/// one only is a failed document, so that a missing translation is reported, not lost. The
/// id is the file name. Hidden files (`.name`) and subdirectories are left out.
pub fn directories(en_dir: &Path, ja_dir: &Path) -> Result<Vec<Source>> {
    let en = file_names(en_dir)?;
    let ja = file_names(ja_dir)?;
    Ok(en
        .union(&ja)
        .map(|name| {
            let id = name.to_string_lossy().into_owned();
            let (en_path, ja_path) = (en_dir.join(name), ja_dir.join(name));
            let (missing, expected) = match (en.contains(name), ja.contains(name)) {
                (true, true) => {
                    return Source::Files {
                        id,
                        en: en_path,
                        ja: ja_path,
                    }
                }
                (true, false) => ("Japanese", ja_path),
                _ => ("English", en_path),
            };
            Source::Invalid {
                id,
                error: DocError::Unpaired { missing, expected },
            }
        })
        .collect())
}

fn file_names(dir: &Path) -> Result<BTreeSet<OsString>> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || !entry.path().is_file() {
            continue;
        }
        names.insert(name);
    }
    Ok(names)
}

/// JSONL documents with inline texts, one `{"id", "en", "ja"}` a line, from any reader
/// (standard input, typically). Lines are handed over raw and parsed by the workers; blank
/// lines are passed over. A read error ends the input after a failed document saying so.
pub fn inline_jsonl<R: BufRead + Send + 'static>(reader: R) -> impl Iterator<Item = Source> + Send {
    let mut failed = false;
    numbered_lines(reader).map_while(move |(line, bytes)| {
        if failed {
            return None;
        }
        Some(match bytes {
            Ok(bytes) => Source::JsonLine { line, bytes },
            Err(source) => {
                failed = true;
                read_failure(
                    line,
                    Error::Read {
                        path: PathBuf::from("<stdin>"),
                        source,
                    },
                )
            }
        })
    })
}

/// Parses one line of inline JSONL into (id, English text, Japanese text). On failure, the
/// id to report it under: the line's own if it has one, else `line N`.
pub fn parse_inline(
    line: usize,
    bytes: &[u8],
) -> std::result::Result<(String, String, String), (String, DocError)> {
    let mut object = match serde_json::from_slice::<Map<String, Value>>(bytes) {
        Ok(object) => object,
        Err(e) => {
            let message = format!("not a JSON object: {}", json_error(&e));
            return Err((line_id(line), DocError::BadRecord { line, message }));
        }
    };
    let id = object.get("id").and_then(id_of);
    let mut text = |key: &str| match object.remove(key) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("\"{key}\" is not a string")),
        None => Err(format!("no \"{key}\"")),
    };
    let (en, ja) = (text("en"), text("ja"));
    match (id, en, ja) {
        (Some(id), Ok(en), Ok(ja)) => Ok((id, en, ja)),
        (id, en, ja) => {
            let mut problems = Vec::new();
            if id.is_none() {
                problems.push("no \"id\" (a string or a number)".to_string());
            }
            problems.extend(en.err());
            problems.extend(ja.err());
            let message = problems.join(", ");
            Err((
                id.unwrap_or_else(|| line_id(line)),
                DocError::BadRecord { line, message },
            ))
        }
    }
}

/// serde_json's message for one line of JSONL, which names the place as `at line 1 column
/// N`: the line is always 1 within the line, and the report names the input's line itself,
/// so only the column is kept.
pub(crate) fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&place) {
        Some(what) if e.line() == 1 && e.column() > 0 => format!("{what} at column {}", e.column()),
        Some(what) if e.line() == 1 => what.to_string(),
        _ => message,
    }
}

/// An id may be written as a string or a number; an empty one counts as none.
fn id_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn line_id(line: usize) -> String {
    format!("line {line}")
}

fn bad_line(line: usize, message: String) -> Source {
    Source::Invalid {
        id: line_id(line),
        error: DocError::BadRecord { line, message },
    }
}

fn read_failure(line: usize, error: Error) -> Source {
    Source::Invalid {
        id: line_id(line),
        error: DocError::Input(error),
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Takes a UTF-8 byte-order mark off the start of a file's first line: editors on Windows
/// write one, and JSON parsers refuse it (a CSV manifest's is passed over too).
pub(crate) fn strip_bom(line: &mut Vec<u8>) {
    if line.starts_with(b"\xef\xbb\xbf") {
        line.drain(..3);
    }
}

/// Non-blank lines with their 1-based numbers, without the line end (nor the first line's
/// byte-order mark).
fn numbered_lines<R: BufRead>(
    reader: R,
) -> impl Iterator<Item = (usize, std::io::Result<Vec<u8>>)> {
    let mut reader = reader;
    let mut number = 0;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let mut buf = Vec::new();
        number += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {
                if number == 1 {
                    strip_bom(&mut buf);
                }
                if is_blank(&buf) {
                    continue;
                }
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                return Some((number, Ok(buf)));
            }
            Err(e) => {
                done = true;
                return Some((number, Err(e)));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_line_keeps_its_id_when_a_field_is_missing() {
        let (id, err) = parse_inline(3, br#"{"id": "a7", "en": "Hi."}"#).unwrap_err();
        assert_eq!(id, "a7");
        assert_eq!(err.to_string(), "no \"ja\" (line 3)");
        let (id, err) = parse_inline(4, b"{\"id\": ").unwrap_err();
        assert_eq!(id, "line 4");
        assert_eq!(
            err.to_string(),
            "not a JSON object: EOF while parsing a value at column 7 (line 4)"
        );
        let (id, en, ja) = parse_inline(5, br#"{"id": 12, "en": "a", "ja": "b"}"#).unwrap();
        assert_eq!((id.as_str(), en.as_str(), ja.as_str()), ("12", "a", "b"));
    }

    #[test]
    fn a_byte_order_mark_is_taken_off_the_first_line_only() {
        let input: &[u8] = b"\xef\xbb\xbfa\n\xef\xbb\xbfb\n";
        let lines: Vec<Vec<u8>> = numbered_lines(input).map(|(_, l)| l.unwrap()).collect();
        assert_eq!(lines, vec![b"a".to_vec(), b"\xef\xbb\xbfb".to_vec()]);
        // A mark on a line of its own leaves it blank.
        let lines: Vec<usize> = numbered_lines(&b"\xef\xbb\xbf\nc\n"[..])
            .map(|(n, _)| n)
            .collect();
        assert_eq!(lines, vec![2]);
    }

    #[test]
    fn blank_lines_are_passed_over_and_numbers_kept() {
        let input: &[u8] = b"a\n\n  \r\nb\r\nc";
        let lines: Vec<(usize, Vec<u8>)> = numbered_lines(input)
            .map(|(n, l)| (n, l.unwrap()))
            .collect();
        assert_eq!(
            lines,
            vec![(1, b"a".to_vec()), (4, b"b".to_vec()), (5, b"c".to_vec())]
        );
    }
}
