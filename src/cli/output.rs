//! Writing results: standard output, or a file replaced atomically so that an interrupted
//! run never leaves a truncated output behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
            // A closed pipe (`hashi ... | head`) comes back as an error too, so that the
            // command stops at once; `main` turns it into a quiet success.
            write(&mut out)
                .and_then(|_| out.flush())
                .context("cannot write to standard output")
        }
        Some(path) => {
            let tmp = temp_path(path);
            let result = write_file(&tmp, write).and_then(|_| std::fs::rename(&tmp, path));
            if let Err(e) = result {
                let _ = std::fs::remove_file(&tmp);
                return Err(e).with_context(|| format!("{}: cannot write", path.display()));
            }
            Ok(())
        }
    }
}

/// Two files written together (Moses' `PREFIX.en` and `PREFIX.ja`): both go to temporary
/// files, and only when both are complete are they renamed into place, so a failed run
/// leaves neither file replaced by a partial one (a failure between the two renames,
/// unlikely on one file system, can leave the first renamed).
pub fn write_two_atomically(
    paths: [&Path; 2],
    write: impl FnOnce(&mut dyn Write, &mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let tmps = paths.map(temp_path);
    let result = (|| -> Result<()> {
        let mut a = BufWriter::new(create(&tmps[0], paths[0])?);
        let mut b = BufWriter::new(create(&tmps[1], paths[1])?);
        write(&mut a, &mut b)
            .and_then(|_| finish(a))
            .and_then(|_| finish(b))
            .with_context(|| format!("{}: cannot write", paths[0].display()))?;
        for (tmp, path) in tmps.iter().zip(paths) {
            std::fs::rename(tmp, path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for tmp in &tmps {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result
}

/// Moses' two files for `-o PREFIX`: `PREFIX.en` and `PREFIX.ja`, the suffix appended, not
/// substituted (`corpus.v2` gives `corpus.v2.en`).
pub fn moses_paths(prefix: &Path) -> [PathBuf; 2] {
    ["en", "ja"].map(|suffix| {
        let mut name = prefix.as_os_str().to_owned();
        name.push(".");
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// A hidden file beside `path`, named after it and this process.
fn temp_path(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    dir.join(format!(
        ".{}.{}.tmp",
        name.as_deref().unwrap_or("hashi-output"),
        std::process::id()
    ))
}

fn create(tmp: &Path, path: &Path) -> Result<File> {
    File::create(tmp).with_context(|| format!("{}: cannot write", path.display()))
}

fn write_file(tmp: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(tmp)?);
    write(&mut out)?;
    finish(out)
}

/// Flushes and syncs, so that the rename that follows publishes complete data.
fn finish(out: BufWriter<File>) -> io::Result<()> {
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}
