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
        // The handlers are registered on the thread that waits for the signals, so that where
        // no thread can start none is registered and a signal ends the run the default way
        // (leaving a partial output's temporary file behind) rather than being held for a
        // thread that is not there. The caller waits until they are in place.
        let (registered, ready) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("hashi-signals".into())
            .spawn(move || {
                let signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]);
                let _ = registered.send(());
                if let Some(signal) = signals.ok().and_then(|mut s| s.forever().next()) {
                    hashi::output::remove_registered();
                    std::process::exit(128 + signal);
                }
            });
        if started.is_ok() {
            let _ = ready.recv();
        }
    }
}

/// Redraws `bar` every quarter second (its spinner, elapsed time and ETA move while a large
/// document keeps every thread busy) until it is finished or dropped. indicatif's own
/// `enable_steady_tick` panics where no thread can start; here the bar then only moves when
/// the work does.
pub fn tick_steadily(bar: &indicatif::ProgressBar) {
    let weak = bar.downgrade();
    let _ = std::thread::Builder::new()
        .name("hashi-progress".into())
        .spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_millis(250));
            match weak.upgrade() {
                Some(bar) if !bar.is_finished() => bar.tick(),
                _ => return,
            }
        });
}
