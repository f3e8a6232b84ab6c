//! Writing results: standard output, or a file replaced atomically so that an interrupted
//! run never leaves a truncated output behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Runs `write` against standard output, or against a temporary file beside `path` that is
/// renamed over `path` only once everything was written.
pub fn write_atomically(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match write(&mut out).and_then(|_| out.flush()) {
                // A closed pipe (`hashi ... | head`) is the reader's choice, not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            }
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let tmp = dir.join(format!(
                ".{}.{}.tmp",
                name.as_deref().unwrap_or("hashi-output"),
                std::process::id()
            ));
            let result = (|| -> io::Result<()> {
                let mut out = BufWriter::new(File::create(&tmp)?);
                write(&mut out)?;
                out.into_inner().map_err(|e| e.into_error())?.sync_all()
            })();
            if let Err(e) = result.and_then(|_| std::fs::rename(&tmp, path)) {
                let _ = std::fs::remove_file(&tmp);
                return Err(e).with_context(|| format!("{}: cannot write", path.display()));
            }
            Ok(())
        }
    }
}
