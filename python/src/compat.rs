//! What the binding needs that the library does not offer: the CLI keeps its own copies
//! (src/cli/output.rs, src/export, src/check/render), private to it. One small function
//! each, so that a library function replacing one replaces its body by a call.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use hashi::segment::Document;

/// A score as the exports print it (JSONL, HF JSONL): rounded to four decimals.
// The library's rounding (export::score_4) is private; this must stay equal to it, which
// python/tests compares against the CLI's JSONL.
pub fn score_4(score: f32) -> f64 {
    (score as f64 * 1e4).round() / 1e4
}

/// Writes `path` through a temporary file beside it, renamed into place once complete, as
/// the CLI's `-o` does (src/cli/output.rs, which the library does not export).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp: PathBuf = dir.join(format!(
        ".{}.{}.tmp",
        name.as_deref().unwrap_or("hashi-output"),
        std::process::id()
    ));
    let result = (|| {
        let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The texts of sentences `ids`, joined as `hashi check --format json` joins a finding's
/// sentences (check::render's helper is private).
pub fn joined(doc: &Document, ids: &[usize], sep: &str) -> String {
    ids.iter()
        .filter(|&&i| i < doc.len())
        .map(|&i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(sep)
}
