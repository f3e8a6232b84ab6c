//! Where the documents of one side of a pairing come from: a folder of `.txt` files (searched
//! recursively), a CSV manifest of paths, or JSONL with a path or the text inline on each
//! line.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::Doc;
use crate::batch::sources::{csv_columns, header_error, json_error, strip_bom};
use crate::error::{Error, Result};

/// A side's documents as its source lists them, and the entries that name no usable
/// document (a manifest row without a path, a JSONL line that is not an object, an id seen
/// before), each reported and left out.
#[derive(Debug, Default)]
pub struct Listing {
    /// The documents, in the source's order (a folder's: by path).
    pub docs: Vec<Doc>,
    /// The entries left out: an id to report them under (`line N` without one) and why.
    pub problems: Vec<(String, Error)>,
}

/// Lists the documents of `source`:
///
/// - a folder: every `.txt` file under it (any depth; hidden files and folders, and links to
///   folders, left out), in path order, each id its path within the folder without `.txt`
///   (`2024/0131-tokyo`);
/// - a `.csv` file: a manifest with a header naming a `path` column (paths relative to the
///   manifest's folder) and optionally an `id` column (default: the path as written);
/// - a `.jsonl`, `.ndjson` or `.json` file: one object a line, `{"id": .., "text": ".."}`
///   with the text inline or `{"id": .., "path": ".."}` naming a file (relative to the
///   JSONL file's folder); a path line may leave out the id.
///
/// Fails when the source cannot be read, is none of these, or lists no document at all
/// ([`Error::EmptySource`]).
pub fn list(source: &Path, side: &'static str) -> Result<Listing> {
    let listing = if source.is_dir() {
        folder(source)?
    } else {
        let ext = source
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let file = File::open(source).map_err(|e| Error::Read {
            path: source.to_path_buf(),
            source: e,
        })?;
        let base = match source.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        match ext.as_deref() {
            Some("csv") => csv_manifest(source, file, &base)?,
            Some("jsonl" | "ndjson" | "json") => jsonl(source, file, &base)?,
            _ => {
                return Err(Error::SourceKind {
                    path: source.to_path_buf(),
                })
            }
        }
    };
    if listing.docs.is_empty() && listing.problems.is_empty() {
        return Err(Error::EmptySource {
            path: Some(source.to_path_buf()),
            side,
        });
    }
    Ok(listing)
}

fn folder(dir: &Path) -> Result<Listing> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    let docs = files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let id = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Doc::file(id, path)
        })
        .collect();
    Ok(Listing {
        docs,
        problems: Vec::new(),
    })
}

/// Every `.txt` file under `dir`, hidden entries and linked folders left out.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // A linked folder is not entered (a link to a parent would never end); a linked
        // file is read.
        let is_link = entry.file_type().map_err(read_err)?.is_symlink();
        if path.is_dir() {
            if !is_link {
                walk(&path, out)?;
            }
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Collects entries, refusing an id seen before.
struct Collector {
    listing: Listing,
    seen: HashSet<String>,
}

impl Collector {
    fn new() -> Self {
        Collector {
            listing: Listing::default(),
            seen: HashSet::new(),
        }
    }

    fn doc(&mut self, path: &Path, line: usize, doc: Doc) {
        if self.seen.insert(doc.id.clone()) {
            self.listing.docs.push(doc);
        } else {
            let message = format!("the id {:?} is listed twice", doc.id);
            self.problem(path, line, message);
        }
    }

    fn problem(&mut self, path: &Path, line: usize, message: String) {
        self.listing.problems.push((
            format!("line {line}"),
            Error::Parse {
                path: path.to_path_buf(),
                line,
                message,
            },
        ));
    }
}

fn csv_manifest(path: &Path, file: File, base: &Path) -> Result<Listing> {
    let (reader, [path_col, id_col]) = csv_columns(path, file, ["path", "id"])?;
    let path_col = path_col.ok_or_else(|| {
        header_error(
            path,
            "the header has no \"path\" column (it names path and, optionally, id)".into(),
        )
    })?;
    let mut out = Collector::new();
    for record in reader.into_records() {
        match record {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                out.problem(path, line, e.to_string());
            }
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let field = |i: usize| record.get(i).map(str::trim).filter(|s| !s.is_empty());
                match field(path_col) {
                    None => out.problem(path, line, "no path".into()),
                    Some(file) => {
                        let id = id_col.and_then(field).unwrap_or(file).to_string();
                        out.doc(path, line, Doc::file(id, base.join(file)));
                    }
                }
            }
        }
    }
    Ok(out.listing)
}

fn jsonl(path: &Path, file: File, base: &Path) -> Result<Listing> {
    let mut out = Collector::new();
    let mut reader = BufReader::new(file);
    let mut line = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        line += 1;
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::Read {
                path: path.to_path_buf(),
                source: e,
            })?;
        if n == 0 {
            break;
        }
        if line == 1 {
            strip_bom(&mut buf);
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let object = match serde_json::from_slice::<Map<String, Value>>(&buf) {
            Ok(object) => object,
            Err(e) => {
                out.problem(path, line, format!("not a JSON object: {}", json_error(&e)));
                continue;
            }
        };
        let id = match object.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        match (object.get("text"), object.get("path"), id) {
            (Some(Value::String(text)), None, Some(id)) => {
                out.doc(path, line, Doc::inline(id, text.clone()))
            }
            (None, Some(Value::String(file)), id) => {
                let id = id.unwrap_or_else(|| file.clone());
                out.doc(path, line, Doc::file(id, base.join(file)))
            }
            (Some(_), Some(_), _) => out.problem(
                path,
                line,
                "both \"text\" and \"path\": a line gives one".into(),
            ),
            (Some(Value::String(_)), None, None) => out.problem(
                path,
                line,
                "no \"id\" (a string or a number) for the inline text".into(),
            ),
            _ => out.problem(
                path,
                line,
                "expected {\"id\", \"text\"} or {\"id\", \"path\"} with a string".into(),
            ),
        }
    }
    Ok(out.listing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::Origin;

    fn jsonl_listing(text: &str) -> Listing {
        let dir = std::env::temp_dir().join(format!("hashi-pair-sources-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("docs.jsonl");
        std::fs::write(&path, text).unwrap();
        let listing = list(&path, "English").unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        listing
    }

    #[test]
    fn jsonl_lines_give_texts_and_paths_and_bad_lines_are_reported() {
        let listing = jsonl_listing(
            "{\"id\": \"a\", \"text\": \"Hello.\"}\n\n{\"path\": \"x/b.txt\"}\n\
             {\"id\": 7, \"text\": \"Hi.\"}\nnot json\n{\"id\": \"a\", \"text\": \"again\"}\n\
             {\"text\": \"no id\"}\n",
        );
        let ids: Vec<&str> = listing.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "x/b.txt", "7"]);
        assert!(matches!(&listing.docs[0].origin, Origin::Inline(t) if t == "Hello."));
        assert!(listing.docs[1]
            .path()
            .is_some_and(|p| p.ends_with("x/b.txt")));
        let problems: Vec<String> = listing
            .problems
            .iter()
            .map(|(id, e)| format!("{id}: {e}"))
            .collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("line 5: "), "{problems:?}");
        assert!(problems[1].contains("listed twice"), "{problems:?}");
        assert!(problems[2].contains("no \"id\""), "{problems:?}");
    }

    #[test]
    fn an_unknown_kind_of_source_is_refused() {
        let err = list(Path::new("Cargo.toml"), "English").unwrap_err();
        assert!(matches!(err, Error::SourceKind { .. }), "{err}");
    }
}
