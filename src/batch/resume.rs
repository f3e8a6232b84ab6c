//! Picking up an interrupted batch: which documents an earlier run's output already holds.
//!
//! An output written by `hashi batch` holds each document's records together, in a run. The
//! last run may be cut short (the process was killed while writing it), and nothing in the
//! file tells a complete last document from a truncated one, so the last document is always
//! done again: [`Resume::keep`] is the length to truncate the file to, which ends just before
//! it. Every other id in the file is complete and is skipped. Appending after `keep` then
//! leaves every id's records exactly once.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::error::{Error, Result};
use crate::export::Format;

/// What an earlier output holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resume {
    /// Ids whose records are all in the file.
    pub done: HashSet<String>,
    /// Bytes of the file to keep; the rest (the last document, maybe partial) is to be cut.
    pub keep: u64,
    /// CSV: whether the kept part starts with the header, so it must not be written again.
    pub has_header: bool,
}

/// Reads the output at `path`, written in `format`; a missing file is an empty output. Only
/// [`Format::resumable`] formats can be read back (JSONL, one object a line with a `doc_id`
/// field; CSV under batch's header, `doc_id` first): any other is [`Error::NotResumable`].
/// A file that is not such an output, however short, is an [`Error::Parse`]: appending to
/// it would corrupt it, cutting it would destroy it.
pub fn scan(path: &Path, format: Format) -> Result<Resume> {
    if !format.resumable() {
        return Err(Error::NotResumable {
            format: format.name(),
        });
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Resume::default()),
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    match format {
        Format::Jsonl => scan_jsonl(path, BufReader::new(file)),
        _ => scan_csv(path, file),
    }
}

impl Resume {
    /// The ids as a run with `--spreadsheet-safe` wrote them: a CSV cell starting like a
    /// formula (`=A0`) got a leading `'` (`'=A0`), the document id too; this takes it off
    /// again so that the ids compare equal to the input's.
    pub fn unescape_spreadsheet_ids(mut self) -> Resume {
        self.done = self
            .done
            .into_iter()
            .map(|id| crate::export::spreadsheet_unescape(&id).to_string())
            .collect();
        self
    }
}

/// Ids in the order their records come, grouped into runs.
#[derive(Default)]
struct Runs {
    done: HashSet<String>,
    /// The run being read: its id and where its first record starts.
    last: Option<(String, u64)>,
}

impl Runs {
    fn record(&mut self, id: &str, start: u64) {
        match &self.last {
            Some((last, _)) if last == id => {}
            _ => {
                if let Some((last, _)) = self.last.take() {
                    self.done.insert(last);
                }
                self.last = Some((id.to_string(), start));
            }
        }
    }

    /// Everything before the last run is kept; the last run (and anything after it that did
    /// not parse) is cut.
    fn finish(self, end: u64, has_header: bool) -> Resume {
        Resume {
            done: self.done,
            keep: self.last.map_or(end, |(_, start)| start),
            has_header,
        }
    }
}

fn scan_jsonl(path: &Path, mut reader: impl BufRead) -> Result<Resume> {
    #[derive(serde::Deserialize)]
    struct Record {
        doc_id: Option<String>,
    }
    let parse_err = |line: usize, message: String| Error::Parse {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut runs = Runs::default();
    let (mut offset, mut line) = (0u64, 0usize);
    // A line that did not parse is tolerated only as the file's last (a partial write):
    // remember it and fail if another line follows.
    let mut broken: Option<(usize, u64, String)> = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
        if n == 0 {
            break;
        }
        line += 1;
        let start = offset;
        offset += n as u64;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some((line, _, message)) = broken.take() {
            return Err(parse_err(line, message));
        }
        match serde_json::from_slice::<Record>(&buf) {
            Ok(Record { doc_id: Some(id) }) => runs.record(&id, start),
            Ok(Record { doc_id: None }) => {
                return Err(parse_err(
                    line,
                    "a record without \"doc_id\": not an output of hashi batch".into(),
                ))
            }
            // A record cut by an interruption is the start of one of ours; any other line
            // is someone else's text, which cutting would destroy.
            Err(e) if is_record_start(&buf) => {
                broken = Some((line, start, format!("not a JSON record: {e}")))
            }
            Err(e) => {
                return Err(parse_err(
                    line,
                    format!("not a JSON record ({e}): not an output of hashi batch"),
                ))
            }
        }
    }
    let end = broken.map_or(offset, |(_, start, _)| start);
    let mut resume = runs.finish(end, false);
    resume.keep = resume.keep.min(end);
    Ok(resume)
}

/// Whether `line` starts as every record of a batch's JSONL does, `{"doc_id":`, or is cut
/// before that much of it was written.
fn is_record_start(line: &[u8]) -> bool {
    const START: &[u8] = b"{\"doc_id\":";
    line.starts_with(START) || START.starts_with(line)
}

fn scan_csv(path: &Path, mut file: impl Read) -> Result<Resume> {
    let parse_err = |line: u64, message: String| Error::Parse {
        path: path.to_path_buf(),
        line: line as usize,
        message,
    };
    // A file cut inside its header (killed while writing it) holds a proper prefix of the
    // header and nothing else: it holds no document, and the whole header is to be written
    // again. (Reading it as a header would take the cut name for a column and keep it, and
    // the next record would be glued onto it.)
    let header = crate::export::batch_csv_header();
    let mut start = Vec::with_capacity(header.len());
    (&mut file)
        .take(header.len() as u64)
        .read_to_end(&mut start)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if start.len() < header.len() && header.starts_with(&start) {
        return Ok(Resume::default());
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(start.as_slice().chain(file));
    let mut records = reader.byte_records();
    let ours: Vec<&[u8]> = header.trim_ascii_end().split(|&b| b == b',').collect();
    let found = match records.next() {
        None => return Ok(Resume::default()),
        Some(found) => found.map_err(|e| parse_err(1, format!("cannot read the header: {e}")))?,
    };
    // Anything else than hashi's own header is someone else's file, which appending would
    // corrupt and truncating would destroy, whatever columns it shares with ours.
    if !found.iter().eq(ours.iter().copied()) {
        // Before session 16, `Writer::end` wrote the header without doc_id when no document
        // was aligned at all; such a file holds nothing to keep.
        if found.iter().eq(ours[1..].iter().copied()) && records.next().is_none() {
            return Ok(Resume::default());
        }
        return Err(parse_err(
            1,
            format!(
                "the first line is not hashi batch's header ({}): not an output of hashi batch",
                String::from_utf8_lossy(header.trim_ascii_end())
            ),
        ));
    }
    let header_end = records.reader().position().byte();
    let mut runs = Runs::default();
    let mut broken: Option<(u64, u64, String)> = None;
    let mut end = header_end;
    loop {
        let start = records.reader().position().byte();
        let Some(record) = records.next() else { break };
        let line = records.reader().position().line();
        if let Some((line, _, message)) = broken.take() {
            return Err(parse_err(line, message));
        }
        match record {
            Ok(record) if record.len() == ours.len() => {
                let id = String::from_utf8_lossy(record.get(0).unwrap_or_default());
                runs.record(&id, start);
                end = records.reader().position().byte();
            }
            Ok(_) => broken = Some((line, start, "a row of the wrong length".into())),
            Err(e) => broken = Some((line, start, e.to_string())),
        }
    }
    let end = broken.map_or(end, |(_, start, _)| start);
    let mut resume = runs.finish(end, true);
    resume.keep = resume.keep.min(end).max(header_end);
    Ok(resume)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(text: &str) -> Result<Resume> {
        scan_jsonl(Path::new("out.jsonl"), text.as_bytes())
    }

    #[test]
    fn jsonl_last_document_is_cut_even_when_complete() {
        let text =
            "{\"doc_id\":\"a\"}\n{\"doc_id\":\"a\"}\n{\"doc_id\":\"b\"}\n{\"doc_id\":\"b\"}\n";
        let r = jsonl(text).unwrap();
        assert_eq!(r.done, HashSet::from(["a".to_string()]));
        assert_eq!(r.keep, 30);
    }

    #[test]
    fn jsonl_partial_last_line_is_cut_and_a_broken_middle_line_is_an_error() {
        let r = jsonl("{\"doc_id\":\"a\"}\n{\"doc_id\":\"b\"}\n{\"doc_id\":\"c\",\"en\":[\"Hal")
            .unwrap();
        assert_eq!(r.done, HashSet::from(["a".to_string()]));
        assert_eq!(r.keep, 15);
        assert!(jsonl("{\"doc_id\":\"a\"}\n{\"doc\n{\"doc_id\":\"b\"}\n").is_err());
    }

    #[test]
    fn csv_keeps_header_and_complete_documents() {
        let text = "doc_id,en_ids,ja_ids,en,ja,score,kind\n\
                    a,0,0,Hi.,やあ。,0.9,1-1\n\
                    b,0,0,\"Two\nlines\",二行,0.9,1-1\n\
                    c,0,0,Cut";
        let r = scan_csv(Path::new("out.csv"), text.as_bytes()).unwrap();
        // b is complete, but cutting the last whole document too is always safe.
        assert_eq!(r.done, HashSet::from(["a".to_string()]));
        assert_eq!(r.keep, text.find("b,0").unwrap() as u64);
        assert!(r.has_header);
        let header_only = "doc_id,en_ids,ja_ids,en,ja,score,kind\n";
        let r = scan_csv(Path::new("out.csv"), header_only.as_bytes()).unwrap();
        assert_eq!((r.keep, r.has_header), (header_only.len() as u64, true));
    }

    #[test]
    fn csv_cut_inside_its_header_is_written_again() {
        let header = "doc_id,en_ids,ja_ids,en,ja,score,kind\n";
        for cut in 1..header.len() {
            let r = scan_csv(Path::new("out.csv"), &header.as_bytes()[..cut]).unwrap();
            assert_eq!(r, Resume::default(), "cut after {cut} bytes");
        }
    }

    #[test]
    fn csv_that_hashi_did_not_write_is_refused_whatever_its_length() {
        for text in [
            "my notes, important\n",
            "my notes, important",
            "my notes, important\nsecond line\n",
            "doc_id,en_ids\n",
            "doc_id,en_ids,ja_ids,en,ja,score,kind,notes\n",
            "en_ids,ja_ids,en,ja,score,kind\n0,0,Hi.,やあ。,0.9,1-1\n",
        ] {
            let err = scan_csv(Path::new("notes.csv"), text.as_bytes()).unwrap_err();
            assert_eq!(
                err.to_string(),
                "notes.csv:1: the first line is not hashi batch's header \
                 (doc_id,en_ids,ja_ids,en,ja,score,kind): not an output of hashi batch",
                "{text:?}"
            );
        }
    }

    #[test]
    fn csv_of_an_older_batch_that_aligned_nothing_is_written_again() {
        let r = scan_csv(
            Path::new("out.csv"),
            &b"en_ids,ja_ids,en,ja,score,kind\n"[..],
        )
        .unwrap();
        assert_eq!(r, Resume::default());
    }

    #[test]
    fn jsonl_line_that_hashi_did_not_write_is_refused_even_last() {
        for text in ["my notes\n", "my notes", "{\"doc_id\":\"a\"}\nmy notes"] {
            let err = jsonl(text).unwrap_err().to_string();
            assert!(
                err.ends_with(": not an output of hashi batch"),
                "{text:?}: {err}"
            );
        }
        for cut in ["{", "{\"doc_", "{\"doc_id\":\"b"] {
            let r = jsonl(&format!("{{\"doc_id\":\"a\"}}\n{cut}")).unwrap();
            assert_eq!(r.keep, 0, "{cut:?}");
        }
    }

    #[test]
    fn spreadsheet_safe_ids_are_unescaped() {
        let text = "doc_id,en_ids,ja_ids,en,ja,score,kind\n\
                    '=A0,0,0,Hi.,やあ。,0.9,1-1\n\
                    '-b,0,0,Hi.,やあ。,0.9,1-1\n\
                    'c,0,0,Hi.,やあ。,0.9,1-1\n\
                    d,0,0,Hi.,やあ。,0.9,1-1\n";
        let r = scan_csv(Path::new("out.csv"), text.as_bytes())
            .unwrap()
            .unescape_spreadsheet_ids();
        let expected = ["=A0", "-b", "'c"].map(String::from);
        assert_eq!(r.done, HashSet::from(expected));
    }
}
