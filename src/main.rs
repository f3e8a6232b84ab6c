//! The `hashi` command: parse arguments, run one subcommand, report errors. Nothing else.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

#[derive(Parser)]
#[command(
    name = "hashi",
    version,
    about = "Align English news articles with their Japanese originals, sentence by sentence"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split an article into sentences and paragraphs.
    Segment(cli::segment::Args),
    /// Pair the sentences of an English article and its Japanese original.
    Align(cli::align::Args),
    /// Align many document pairs (a manifest, two directories, or JSONL on standard input).
    Batch(cli::batch::Args),
    /// Find which English article translates which Japanese one among many, as a manifest.
    Pair(cli::pair::Args),
    /// Report what the English left out, added or changed (numbers, dates, names, length).
    Check(cli::check::Args),
    /// Write a page to review and correct an alignment in the browser, and export it.
    Review(cli::review::Args),
    /// Score a bead file against a gold one (precision, recall, F1; strict and lax).
    Eval(cli::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::output::install_signal_cleanup();
    let result = match cli.command {
        Command::Segment(args) => cli::segment::run(args),
        Command::Align(args) => cli::align::run(args),
        Command::Batch(args) => cli::batch::run(args),
        Command::Pair(args) => cli::pair::run(args),
        Command::Check(args) => cli::check::run(args),
        Command::Review(args) => cli::review::run(args),
        Command::Eval(args) => cli::eval::run(args),
    };
    match result {
        Ok(code) => code,
        // The reader closed the pipe (`hashi ... | head`): it has what it wanted. As in
        // ripgrep and xsv, that is a quiet success, whatever was being written.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hashi: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// Whether writing failed because the reading end of a pipe was closed.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes, `: `-separated, leaving out a cause whose text the message
/// already ends with (library errors such as "cannot read: {source}" print their source, and
/// anyhow's chain would repeat it).
fn message(err: &anyhow::Error) -> String {
    let mut msg = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !msg.ends_with(&cause) {
            msg.push_str(": ");
            msg.push_str(&cause);
        }
    }
    msg
}
