//! Writing results: standard output, or a file written through the library's
//! [`hashi::output`] (atomically, links followed, special files in place, locked meanwhile),
//! and the signal handler that removes that module's temporary and lock files.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

pub use hashi::output::{moses_paths, Lock};

/// Runs `write` against standard output, or against `path` as [`hashi::output`] writes it.
pub fn write_atomically(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        // A closed pipe (`hashi ... | head`) comes back as an error too, so that the
        // command stops at once; `main` turns it into a quiet success.
        return write(&mut out)
            .and_then(|_| out.flush())
            .context("cannot write to standard output");
    };
    Ok(hashi::output::write_atomically(path, write)?)
}

/// Two files written together (Moses' `PREFIX.en` and `PREFIX.ja`):
/// [`hashi::output::write_two_atomically`].
pub fn write_two_atomically(
    paths: [&Path; 2],
    write: impl FnOnce(&mut dyn Write, &mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    Ok(hashi::output::write_two_atomically(paths, write)?)
}

/// Locks the output at `path` for a run that appends to it (`batch --resume`):
/// [`hashi::output::lock_output`].
pub fn lock_output(path: &Path) -> Result<Option<Lock>> {
    Ok(hashi::output::lock_output(path)?)
}

/// Makes SIGINT, SIGTERM and SIGHUP remove every registered temporary and lock file
/// ([`hashi::output::remove_registered`]) and exit with 128 + the signal (130, 143, 129), and
/// makes SIGXFSZ (a file-size limit, `ulimit -f`) ignored, so that the write past the limit
/// fails with an error (EFBIG) and the ordinary error path cleans up instead of the signal
/// killing the process.
pub fn install_signal_cleanup() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
        // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code.
        unsafe {
            libc::signal(SIGXFSZ, libc::SIG_IGN);
        }
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                hashi::output::remove_registered();
                std::process::exit(128 + signal);
            }
        });
    }
}
