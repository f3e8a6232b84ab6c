//! Writing an output file so that an interrupted run never leaves a truncated one behind:
//! what `hashi -o PATH` does, and [`crate::AlignedPair::write_file`] and the Python
//! binding's `write` with it.
//!
//! PATH is written atomically (a temporary file beside it, renamed over it at the end)
//! only when PATH is a regular file or does not exist yet. A symbolic link is followed, so
//! the file it points to is replaced and the link stays a link; a device, FIFO or socket is
//! written in place, since renaming over it would replace the node with a regular file.
//!
//! Every temporary file (and every lock file, see [`Lock`]) is registered while it exists,
//! so that it is removed on every exit the process controls: an error, a panic (the guard's
//! `Drop` runs while unwinding), and a signal whose handler calls [`remove_registered`] (the
//! command line's, for SIGINT, SIGTERM and SIGHUP).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Runs `write` against `path` as the module says (atomically, or in place for a device,
/// FIFO or socket), holding a [`Lock`] on it meanwhile. Fails with [`Error::Write`], or
/// [`Error::Locked`] when another run holds the lock.
///
/// # Examples
///
/// ```
/// use std::io::Write;
///
/// let dir = std::env::temp_dir().join(format!("hashi-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("out.txt");
/// hashi::output::write_atomically(&path, |out| out.write_all(b"done\n"))?;
/// assert_eq!(std::fs::read_to_string(&path)?, "done\n");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let target = Target::of(path);
    let _lock = target.lock(path)?;
    let mut out = target.open().map_err(|e| cannot_write(path, e))?;
    write(&mut out.writer)
        .and_then(|_| out.finish())
        .map_err(|e| cannot_write(path, e))
}

/// Two files written together (Moses' `PREFIX.en` and `PREFIX.ja`): both go to temporary
/// files, and only when both are complete are they renamed into place, so a failed run
/// leaves neither file replaced. Both are opened before either is written (a directory in
/// the way fails then), and should the second rename fail, the first file is put back as it
/// was. An error names the file that failed.
pub fn write_two_atomically(
    paths: [&Path; 2],
    write: impl FnOnce(&mut dyn Write, &mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let targets = paths.map(Target::of);
    let _locks = [targets[0].lock(paths[0])?, targets[1].lock(paths[1])?];
    let mut a = targets[0].open().map_err(|e| cannot_write(paths[0], e))?;
    let mut b = targets[1].open().map_err(|e| cannot_write(paths[1], e))?;
    // The writer gets both streams at once, so its error alone does not tell which file
    // refused the bytes (a full disk, a device): each stream notes its own failure.
    let failed = std::cell::Cell::new(None);
    let written = write(
        &mut Watched {
            inner: &mut a.writer,
            index: 0,
            failed: &failed,
        },
        &mut Watched {
            inner: &mut b.writer,
            index: 1,
            failed: &failed,
        },
    );
    written.map_err(|e| cannot_write(paths[failed.get().unwrap_or(0)], e))?;
    a.sync().map_err(|e| cannot_write(paths[0], e))?;
    b.sync().map_err(|e| cannot_write(paths[1], e))?;
    let first = a
        .publish_undoably()
        .map_err(|e| cannot_write(paths[0], e))?;
    if let Err(e) = b.publish() {
        first.undo();
        return Err(cannot_write(paths[1], e));
    }
    Ok(())
}

/// One of two streams written together, noting in `failed` which failed first.
struct Watched<'a> {
    inner: &'a mut BufWriter<File>,
    index: usize,
    failed: &'a std::cell::Cell<Option<usize>>,
}

impl Watched<'_> {
    fn note<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if result.is_err() && self.failed.get().is_none() {
            self.failed.set(Some(self.index));
        }
        result
    }
}

impl Write for Watched<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let result = self.inner.write_all(buf);
        self.note(result)
    }
    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
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

fn cannot_write(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// What `-o PATH` writes to.
enum Target {
    /// A regular file, a new path or anything not a special file (a directory fails at the
    /// rename, as it should): replaced atomically. The path is the link's target for a
    /// symbolic link.
    Replace(PathBuf),
    /// A device, FIFO or socket: opened and written as it is.
    InPlace(PathBuf),
}

impl Target {
    fn of(path: &Path) -> Target {
        let real = follow_links(path);
        match std::fs::metadata(&real) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => Target::InPlace(real),
            _ => Target::Replace(real),
        }
    }

    /// The lock on a file to be replaced; none on a special file, which has no content to
    /// corrupt and no folder of its own to put a lock file in (`/dev`).
    fn lock(&self, shown: &Path) -> Result<Option<Lock>> {
        match self {
            Target::Replace(real) => lock(real, shown),
            Target::InPlace(_) => Ok(None),
        }
    }

    fn open(&self) -> io::Result<Opened> {
        match self {
            // Else the rename at the end would fail, after the work and, for two files
            // written together, perhaps after the other was replaced.
            Target::Replace(real) if real.is_dir() => Err(io::ErrorKind::IsADirectory.into()),
            Target::Replace(real) => {
                let tmp = TempFile::create(temp_path(real))?;
                let file = tmp.file.try_clone()?;
                Ok(Opened {
                    writer: BufWriter::new(file),
                    publish: Some((tmp, real.clone())),
                })
            }
            Target::InPlace(real) => Ok(Opened {
                writer: BufWriter::new(OpenOptions::new().write(true).open(real)?),
                publish: None,
            }),
        }
    }
}

/// An open output: a temporary file to rename when complete, or a special file.
struct Opened {
    writer: BufWriter<File>,
    publish: Option<(TempFile, PathBuf)>,
}

impl Opened {
    /// Flushes, and syncs a temporary file, so that the rename publishes complete data.
    fn sync(&mut self) -> io::Result<()> {
        self.writer.flush()?;
        if self.publish.is_some() {
            self.writer.get_ref().sync_all()?;
        }
        Ok(())
    }

    /// Renames a temporary file into place.
    fn publish(mut self) -> io::Result<()> {
        match self.publish.take() {
            Some((tmp, real)) => tmp.persist(&real),
            None => Ok(()),
        }
    }

    /// [`Opened::publish`], keeping the file it replaces (a hard link beside it) until the
    /// result is dropped, so that [`Published::undo`] can put it back.
    fn publish_undoably(mut self) -> io::Result<Published> {
        let Some((tmp, real)) = self.publish.take() else {
            return Ok(Published {
                real: None,
                before: Before::Lost,
            });
        };
        let kept = beside(&real, &format!(".{}.old", std::process::id()));
        // Registered first, as a temporary file is: a signal must not leave the link behind.
        register(&kept);
        // One left by a run of the same id that was killed would refuse the link.
        let _ = std::fs::remove_file(&kept);
        let before = match std::fs::hard_link(&real, &kept) {
            Ok(()) => Before::File(Backup {
                path: kept,
                restored: false,
            }),
            Err(e) => {
                unregister(&kept);
                match e.kind() {
                    io::ErrorKind::NotFound => Before::Nothing,
                    // A file system without hard links: replaced with no way back.
                    _ => Before::Lost,
                }
            }
        };
        tmp.persist(&real)?;
        Ok(Published {
            real: Some(real),
            before,
        })
    }

    fn finish(mut self) -> io::Result<()> {
        self.sync()?;
        self.publish()
    }
}

/// A file renamed into place, with what was there before.
struct Published {
    /// The file replaced; `None` for a special file written in place, which cannot be undone.
    real: Option<PathBuf>,
    before: Before,
}

/// What was at a path before it was replaced.
enum Before {
    /// A file, kept.
    File(Backup),
    /// Nothing.
    Nothing,
    /// A file that could not be kept.
    Lost,
}

impl Published {
    /// Puts back what the file replaced: the old file, or no file where there was none. Best
    /// effort: this runs on the way out of an error, which is what gets reported.
    fn undo(self) {
        let Some(real) = self.real else { return };
        match self.before {
            Before::File(backup) => backup.restore(&real),
            Before::Nothing => {
                let _ = std::fs::remove_file(&real);
            }
            Before::Lost => {}
        }
    }
}

/// A hard link to a file about to be replaced, registered for removal like a temporary
/// file, and removed when dropped unless restored.
struct Backup {
    path: PathBuf,
    restored: bool,
}

impl Backup {
    fn restore(mut self, to: &Path) {
        self.restored = std::fs::rename(&self.path, to).is_ok();
    }
}

impl Drop for Backup {
    fn drop(&mut self) {
        if !self.restored {
            let _ = std::fs::remove_file(&self.path);
        }
        unregister(&self.path);
    }
}

/// Follows symbolic links from `path` (relative targets from the link's folder) to what is
/// not a link: an existing file or a path that does not exist yet. Gives up after 40 links
/// (a loop), leaving the path to fail when it is opened.
fn follow_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return path;
        }
        let Ok(target) = std::fs::read_link(&path) else {
            return path;
        };
        path = match path.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    path
}

/// A hidden file beside `path`, named after it, this process and `suffix`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    dir.join(format!(
        ".{}{suffix}",
        name.as_deref().unwrap_or("hashi-output")
    ))
}

/// The temporary file beside `path`: `.NAME.PID.tmp`.
fn temp_path(path: &Path) -> PathBuf {
    beside(path, &format!(".{}.tmp", std::process::id()))
}

/// The lock file beside an output: `.NAME.lock`.
fn lock_path(path: &Path) -> PathBuf {
    beside(path, ".lock")
}

/// Files to remove if the process is stopped by a signal.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(path: &Path) {
    REGISTERED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.to_path_buf());
}

fn unregister(path: &Path) {
    let mut registered = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = registered.iter().rposition(|p| p == path) {
        registered.remove(i);
    }
}

/// A temporary file, registered for removal while it exists: removed when dropped unless
/// [`TempFile::persist`] renamed it into place.
struct TempFile {
    path: PathBuf,
    file: File,
    persisted: bool,
}

impl TempFile {
    fn create(path: PathBuf) -> io::Result<TempFile> {
        // Registered first: a signal between the two must not leave the file behind.
        register(&path);
        match File::create(&path) {
            Ok(file) => Ok(TempFile {
                path,
                file,
                persisted: false,
            }),
            Err(e) => {
                unregister(&path);
                Err(e)
            }
        }
    }

    fn persist(mut self, to: &Path) -> io::Result<()> {
        std::fs::rename(&self.path, to)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = std::fs::remove_file(&self.path);
        }
        unregister(&self.path);
    }
}

/// An advisory lock held on an output for the length of a run, so that two runs writing
/// one output (two `batch --resume`, or a `--resume` and a plain `-o`) cannot interleave:
/// the second is refused. It is an exclusive `flock` on a lock file beside the output,
/// `.NAME.lock`, which is removed when the lock is released (and registered like a
/// temporary file meanwhile).
pub struct Lock {
    path: PathBuf,
    _file: File,
}

/// Locks the output at `path` for a run that writes it otherwise than through
/// [`write_atomically`] (`batch --resume`, which appends): links followed, no lock on a
/// special file.
pub fn lock_output(path: &Path) -> Result<Option<Lock>> {
    Target::of(path).lock(path)
}

/// Locks the output `real` (the file itself, links followed); `shown` is the path as the
/// user gave it, for the message when another run holds the lock. `None` when no lock file
/// can be made beside it (a missing or read-only folder): the write that follows fails then,
/// with its own message.
fn lock(real: &Path, shown: &Path) -> Result<Option<Lock>> {
    let path = lock_path(real);
    // The file that is locked must still be the one at `path`: a run that released its lock
    // removes the file, and one that opened it before that would otherwise lock a file no
    // longer there while a third locks a new one. Try again then.
    loop {
        register(&path);
        let opened = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path);
        let file = match opened {
            Ok(file) => file,
            Err(e) => {
                unregister(&path);
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied
                ) {
                    return Ok(None);
                }
                return Err(cannot_write(shown, e));
            }
        };
        match file.try_lock() {
            Ok(()) if same_file(&file, &path) => return Ok(Some(Lock { path, _file: file })),
            Ok(()) => unregister(&path),
            Err(std::fs::TryLockError::WouldBlock) => {
                unregister(&path);
                return Err(Error::Locked {
                    path: shown.to_path_buf(),
                    lock: path,
                });
            }
            Err(std::fs::TryLockError::Error(e)) => {
                unregister(&path);
                return Err(Error::Lock {
                    path: shown.to_path_buf(),
                    source: e,
                });
            }
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    true
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked (the file is closed after this), so that no run can
        // lock it in between and then find it gone.
        let _ = std::fs::remove_file(&self.path);
        unregister(&self.path);
    }
}

/// Removes every temporary and lock file this module has made and not yet removed: for a
/// signal handler, which ends the process without running destructors. The command line's
/// handler for SIGINT, SIGTERM and SIGHUP calls it.
pub fn remove_registered() {
    let registered = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    for path in registered.iter() {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether no file under `dir` is registered for removal (tests run at once, each in a
    /// folder of its own, so only its own can be asked about).
    fn nothing_registered_in(dir: &Path) -> bool {
        let registered = REGISTERED.lock().unwrap();
        !registered.iter().any(|p| p.starts_with(dir))
    }

    #[test]
    fn a_failed_second_rename_puts_the_first_file_back() {
        let dir = tempfile::tempdir().unwrap();
        let [en, ja] = moses_paths(&dir.path().join("corpus"));
        std::fs::write(&en, "old\n").unwrap();
        // A directory appearing where the second file goes, after both were opened, fails
        // only its rename, once the first file is in place.
        let result = write_two_atomically([&en, &ja], |a, b| {
            std::fs::create_dir(&ja)?;
            a.write_all(b"new\n")?;
            b.write_all(b"new\n")
        });
        let err = result.unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}: cannot write: ", ja.display())),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&en).unwrap(), "old\n");
        // Where there was no first file, there is none again.
        std::fs::remove_file(&en).unwrap();
        std::fs::remove_dir(&ja).unwrap();
        let result = write_two_atomically([&en, &ja], |a, _| {
            std::fs::create_dir(&ja)?;
            a.write_all(b"new\n")
        });
        assert!(result.is_err());
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["corpus.ja"]);
        assert!(nothing_registered_in(dir.path()));
    }

    #[test]
    fn a_panic_while_writing_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let result = std::panic::catch_unwind(|| {
            write_atomically(&path, |out| {
                out.write_all(b"partial")?;
                panic!("a bug while writing");
            })
        });
        assert!(result.is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(nothing_registered_in(dir.path()));
    }
}
