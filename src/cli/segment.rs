//! `hashi segment`: split an article into sentences and paragraphs.
//!
//! Text output is one sentence a line with a blank line between paragraphs (the input
//! `hashi align --presegmented` takes); JSONL output gives one object a sentence with its
//! paragraph, byte offsets into the input and whether it is page furniture, and with
//! `--tokens` the Japanese tokens.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use hashi::segment::{japanese, Document, Lang};
use hashi::tokenizer::JapaneseTokenizer;

use hashi::validate::detect_lang;

use super::{output, EncodingArgs, OutputFormat};

#[derive(clap::Args)]
pub struct Args {
    /// The article (UTF-8, Shift_JIS or EUC-JP: see --encoding); standard input when absent
    /// or `-`.
    file: Option<PathBuf>,
    /// Language of the text: en or ja (guessed from the text when absent).
    #[arg(long, short)]
    lang: Option<Lang>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// With --format jsonl, add each Japanese sentence's tokens (surface, part of speech, reading, offsets).
    #[arg(long)]
    tokens: bool,
    /// The text is one sentence a line already (as `align --presegmented` takes it): only
    /// the paragraphs, offsets, furniture marks and tokens are added.
    #[arg(long)]
    presegmented: bool,
    /// A compiled lindera dictionary directory to tokenize with instead of the built-in IPADIC.
    #[arg(long, value_name = "DIR")]
    dict: Option<PathBuf>,
    #[command(flatten)]
    encoding: EncodingArgs,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    text: &'a str,
    paragraph: usize,
    start: usize,
    end: usize,
    /// Always written, true or false, so the schema does not depend on the page.
    furniture: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenRecord<'a>>>,
}

#[derive(Serialize)]
struct TokenRecord<'a> {
    surface: &'a str,
    pos: Vec<String>,
    base: String,
    reading: Option<String>,
    start: usize,
    end: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    // Tokens are written in JSONL only, and --dict is only read for them: either alone
    // would be ignored without a word.
    if args.tokens && args.format != OutputFormat::Jsonl {
        anyhow::bail!("--tokens adds tokens to --format jsonl only");
    }
    if args.dict.is_some() && !args.tokens {
        anyhow::bail!("--dict is the dictionary of --tokens: segmenting needs none");
    }
    let text = args.encoding.read(args.file.as_deref())?;
    let lang = args.lang.unwrap_or_else(|| detect_lang(&text));
    let doc = Document::from_text(lang, text, args.presegmented);
    let tokenizer: Option<JapaneseTokenizer> = if args.tokens && lang == Lang::Ja {
        Some(JapaneseTokenizer::load(args.dict.as_deref())?)
    } else {
        None
    };
    output::write_atomically(args.output.as_deref(), |out| {
        write_doc(out, &doc, args.format, tokenizer.as_ref())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn write_doc(
    out: &mut dyn Write,
    doc: &Document,
    format: OutputFormat,
    tokenizer: Option<&JapaneseTokenizer>,
) -> std::io::Result<()> {
    let mut paragraph = 0;
    for s in &doc.sentences {
        let text = s.text(&doc.text);
        match format {
            OutputFormat::Text => {
                if s.paragraph != paragraph {
                    writeln!(out)?;
                    paragraph = s.paragraph;
                }
                writeln!(out, "{text}")?;
            }
            OutputFormat::Jsonl => {
                let tokens = tokenizer.map(|t| {
                    japanese::sentence_tokens(t, &doc.text, s.span.clone())
                        .into_iter()
                        .map(|tok| TokenRecord {
                            surface: &doc.text[tok.span.clone()],
                            pos: vec![tok.pos, tok.pos_detail, tok.pos_detail2],
                            base: tok.base,
                            reading: tok.reading,
                            start: tok.span.start,
                            end: tok.span.end,
                        })
                        .collect()
                });
                let record = SentenceRecord {
                    text,
                    paragraph: s.paragraph,
                    start: s.span.start,
                    end: s.span.end,
                    furniture: s.furniture,
                    tokens,
                };
                serde_json::to_writer(&mut *out, &record)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}
