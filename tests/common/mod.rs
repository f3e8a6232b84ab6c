//! The harness every command-line test uses: a scratch directory ([`Dir`]), the built binary
//! as a command ([`TestCommand`]), runs that must succeed or fail and say why when they do not,
//! exact comparisons with a readable diff ([`eqnice!`]) and [`hashi_test!`], which gives a test
//! both. After ripgrep's `tests/util.rs` and `tests/macros.rs`.
#![allow(dead_code)] // each test file uses a different part

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A test: `hashi_test!(name, |dir, cmd| { ... })` gives the body a fresh [`Dir`] named after
/// the test and a [`TestCommand`] for `hashi` that runs in it. Attributes (doc comments,
/// `#[ignore = "..."]`) go before the name.
#[allow(unused_macros)]
macro_rules! hashi_test {
    ($(#[$attr:meta])* $name:ident, |$dir:ident, $cmd:ident| $body:block) => {
        $(#[$attr])*
        #[test]
        fn $name() {
            let $dir = crate::common::Dir::new(concat!(module_path!(), "/", stringify!($name)));
            #[allow(unused_mut, unused_variables)]
            let mut $cmd = $dir.command();
            $body
        }
    };
}

/// `assert_eq!` for text: on a difference it shows both sides whole and a line diff, so a
/// changed line in a long output is found at a glance.
#[allow(unused_macros)]
macro_rules! eqnice {
    ($expected:expr, $got:expr $(,)?) => {{
        let expected: &str = &$expected;
        let got: &str = &$got;
        crate::common::assert_same_text(expected, got, "")
    }};
    ($expected:expr, $got:expr, $($what:tt)+) => {{
        let expected: &str = &$expected;
        let got: &str = &$got;
        crate::common::assert_same_text(expected, got, &format!($($what)+))
    }};
}

/// Panics, with a line diff, unless `got` is `expected`.
#[track_caller]
pub fn assert_same_text(expected: &str, got: &str, what: &str) {
    if expected == got {
        return;
    }
    let mut diff = String::new();
    for change in similar::TextDiff::from_lines(expected, got).iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
            similar::ChangeTag::Equal => ' ',
        };
        diff.push(sign);
        diff.push_str(&change.to_string_lossy());
        if change.missing_newline() {
            diff.push_str("\n\\ no newline at the end\n");
        }
    }
    panic!(
        "{what}{}text differs (- expected, + got):\n{diff}\n\
         expected:\n{expected:?}\ngot:\n{got:?}",
        if what.is_empty() { "" } else { ": " }
    );
}

/// A folder of `corpora/`.
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(name)
}

/// A path as the `&str` an argument list takes; test paths are always UTF-8.
pub fn s(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// A scratch directory for one test under cargo's `target/tmp`, emptied when made, removed
/// when the test passes and kept for inspection when it fails.
pub struct Dir {
    path: PathBuf,
}

impl Dir {
    /// `name` is `TESTFILE/TEST`, as [`hashi_test!`] gives it; a folder left by an earlier run
    /// is removed first.
    pub fn new(name: &str) -> Dir {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .unwrap_or_else(|e| panic!("cannot empty {}: {e}", path.display()));
        }
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("cannot make {}: {e}", path.display()));
        Dir { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `name` inside the directory.
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.path.join(name)
    }

    /// Writes `contents` to `name` (its folders made as needed) and returns its path.
    pub fn create(&self, name: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }

    /// Makes the folder `name` (and its parents) and returns its path.
    pub fn create_dir(&self, name: impl AsRef<Path>) -> PathBuf {
        let path = self.join(name);
        std::fs::create_dir_all(&path).unwrap();
        path
    }

    /// The text of `name`.
    pub fn read(&self, name: impl AsRef<Path>) -> String {
        let path = self.join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The names in the directory, sorted (temporary files included: nothing may be left by a
    /// failed run).
    pub fn entries(&self) -> Vec<String> {
        entries(&self.path)
    }

    /// `hashi`, run in this directory.
    pub fn command(&self) -> TestCommand {
        let mut cmd = TestCommand::new();
        cmd.current_dir(&self.path);
        cmd
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// The sorted names in `dir`.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The built `hashi` with its arguments and standard input, run as often as asked.
pub struct TestCommand {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl Default for TestCommand {
    fn default() -> Self {
        TestCommand::new()
    }
}

impl TestCommand {
    pub fn new() -> TestCommand {
        TestCommand {
            cmd: Command::new(env!("CARGO_BIN_EXE_hashi")),
            stdin: None,
        }
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut TestCommand {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, A>(&mut self, args: I) -> &mut TestCommand
    where
        I: IntoIterator<Item = A>,
        A: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut TestCommand {
        self.cmd.current_dir(dir);
        self
    }

    /// Bytes fed on standard input (none: an empty one).
    pub fn stdin(&mut self, input: impl AsRef<[u8]>) -> &mut TestCommand {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// Runs it; standard input, when given, is fed from another thread (so a large input
    /// cannot deadlock against a full output pipe), and how feeding went is returned too:
    /// an error when hashi did not read all of it.
    pub fn output_fed(&mut self) -> (Output, std::io::Result<()>) {
        let input = self.stdin.clone().unwrap_or_default();
        let mut child = self
            .cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", self.cmd));
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let feeder = std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().expect("hashi's output is read");
        let fed = feeder.join().expect("the feeder thread does not panic");
        (out, fed)
    }

    /// Runs it; hashi may stop reading its input early (an error), a broken pipe then is
    /// expected.
    pub fn output(&mut self) -> Output {
        self.output_fed().0
    }

    /// Standard output of a run that must succeed; its standard error is shown when it does
    /// not.
    #[track_caller]
    pub fn stdout(&mut self) -> String {
        let out = self.output();
        stdout(&out)
    }

    /// A run that must fail; returns it. Shows standard output when it succeeds.
    #[track_caller]
    pub fn assert_err(&mut self) -> Output {
        let out = self.output();
        assert!(
            !out.status.success(),
            "{:?} succeeded; its standard output:\n{}",
            self.cmd,
            String::from_utf8_lossy(&out.stdout)
        );
        out
    }

    /// A run that must exit with `code`; returns it. Shows standard error when it does not.
    #[track_caller]
    pub fn assert_exit_code(&mut self, code: i32) -> Output {
        let out = self.output();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{:?}; its standard error:\n{}",
            self.cmd,
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

/// A [`TestCommand`] for `hashi ARGS`.
pub fn cmd<I, A>(args: I) -> TestCommand
where
    I: IntoIterator<Item = A>,
    A: AsRef<OsStr>,
{
    let mut cmd = TestCommand::new();
    cmd.args(args);
    cmd
}

/// Runs `hashi` with `args`.
pub fn hashi(args: &[&str]) -> Output {
    cmd(args).output()
}

/// Runs `hashi` with `args`, feeding `input` on standard input (a broken pipe is expected
/// when hashi stops reading early).
pub fn hashi_stdin(args: &[&str], input: &[u8]) -> Output {
    cmd(args).stdin(input).output()
}

/// [`hashi_stdin`], with how writing the input went: an error when hashi did not read all
/// of it.
pub fn hashi_stdin_fed(args: &[&str], input: &[u8]) -> (Output, std::io::Result<()>) {
    cmd(args).stdin(input).output_fed()
}

/// Standard output of a run that must have succeeded; its standard error is shown when it
/// did not.
#[track_caller]
pub fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {}; stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("standard output is UTF-8")
}

/// Standard error as text (lossy: it only goes into messages and comparisons).
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `command`, a program other than hashi (a browser, python, pip), and returns its
/// output; panics unless it ran and succeeded, saying `what` failed and what it wrote.
#[track_caller]
pub fn run_ok(command: &mut Command, what: &str) -> Output {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run it: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A Python virtual environment under the target folder, `target/NAME`, with `requirement`
/// installed from PyPI (a test that needs it is `#[ignore]`d and run by `.ci/run`); returns
/// its python. Made once and reused while its marker file `MARKER` names the same
/// requirement; made under a name of its own and renamed into place, so that two test runs
/// sharing the target folder never see half of one.
#[allow(dead_code)]
pub fn python_venv(name: &str, marker: &str, requirement: &str) -> PathBuf {
    let target = Path::new(env!("CARGO_BIN_EXE_hashi"))
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in target/PROFILE/");
    let venv = target.join(name);
    let ready = |venv: &Path| {
        std::fs::read_to_string(venv.join(marker)).ok().as_deref() == Some(requirement)
            && venv.join("bin").join("python").exists()
    };
    if !ready(&venv) {
        let fresh = target.join(format!("{name}.{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&fresh);
        run_ok(
            Command::new("python3").args(["-m", "venv"]).arg(&fresh),
            &format!(
                "`python3 -m venv {}` (on Debian's python3, install python3-venv)",
                fresh.display()
            ),
        );
        run_ok(
            Command::new(fresh.join("bin").join("python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .arg(requirement),
            &format!(
                "`pip install {requirement}` into {} (it needs PyPI)",
                fresh.display()
            ),
        );
        std::fs::write(fresh.join(marker), requirement).unwrap();
        if !ready(&venv) {
            // An outdated one goes; a run that finished first wins the rename.
            let _ = std::fs::remove_dir_all(&venv);
            let _ = std::fs::rename(&fresh, &venv);
        }
        let _ = std::fs::remove_dir_all(&fresh);
    }
    assert!(
        ready(&venv),
        "no {requirement} environment in {}",
        venv.display()
    );
    venv.join("bin").join("python")
}
