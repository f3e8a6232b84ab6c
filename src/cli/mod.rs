//! One module a subcommand: its arguments and a `run` that wires library stages together.

pub mod align;
pub mod batch;
pub mod check;
pub mod eval;
pub mod output;
pub mod review;
pub mod segment;

use std::path::Path;

use anyhow::{Context, Result};

use hashi::export;
use hashi::input::Encoding;
use hashi::lexicon::Lexicon;
use hashi::segment::Lang;
use hashi::tokenizer::JapaneseTokenizer;

/// What a TMX file declares (align, batch).
#[derive(clap::Args)]
pub struct TmxArgs {
    /// Language code of the English side in TMX (xml:lang, srclang); en-US for tools that
    /// want a region.
    #[arg(long, value_name = "CODE", default_value = "en", value_parser = lang_code)]
    en_lang: String,
    /// Language code of the Japanese side in TMX; ja-JP for tools that want a region.
    #[arg(long, value_name = "CODE", default_value = "ja", value_parser = lang_code)]
    ja_lang: String,
    /// The source language a TMX file declares.
    #[arg(long, value_enum, default_value_t = SrcLang::En)]
    srclang: SrcLang,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum SrcLang {
    En,
    Ja,
}

impl TmxArgs {
    /// Export options with these TMX settings.
    pub fn options(&self, min_score: Option<f32>, spreadsheet_safe: bool) -> export::Options {
        export::Options {
            min_score,
            en_lang: self.en_lang.clone(),
            ja_lang: self.ja_lang.clone(),
            srclang: match self.srclang {
                SrcLang::En => Lang::En,
                SrcLang::Ja => Lang::Ja,
            },
            spreadsheet_safe,
        }
    }
}

/// A language tag as BCP 47 writes them (`en`, `en-US`, `zh-Hant-TW`): letters and digits in
/// hyphen-separated subtags. Checked because it lands in XML attributes CAT tools match on.
fn lang_code(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.split('-')
            .all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a language code like en, en-US or ja-JP"
        ))
    }
}

/// The aligner's parameters, for experiments and fitting scripts (align, check, batch).
#[derive(clap::Args)]
pub struct ParamsArgs {
    /// Override aligner parameters, `name=value,...` (see src/align/params.rs).
    #[arg(long, value_name = "LIST", hide = true)]
    params: Option<String>,
}

impl ParamsArgs {
    pub fn apply(&self, params: &mut hashi::align::Params) -> Result<()> {
        for kv in self
            .params
            .iter()
            .flat_map(|p| p.split(','))
            .filter(|kv| !kv.is_empty())
        {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("--params: expected name=value, found {kv:?}"))?;
            let v: f32 = v
                .parse()
                .map_err(|_| anyhow::anyhow!("--params: {k}: not a number: {v:?}"))?;
            params
                .set(k, v)
                .map_err(|e| anyhow::anyhow!("--params: {e}"))?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One sentence a line, a blank line between paragraphs.
    Text,
    /// One JSON object a sentence.
    Jsonl,
}

/// Guesses the language of a text: Japanese when kana or kanji make up a fair share of its
/// letters.
pub fn detect_lang(text: &str) -> Lang {
    let (cjk, letters) = letter_counts(text);
    if cjk * 5 > letters {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// Japanese letters (kana, kanji) and all letters among the first 20,000 characters.
fn letter_counts(text: &str) -> (usize, usize) {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if c.is_alphabetic() {
            letters += 1;
            if matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff66}'..='\u{ff9f}')
            {
                cjk += 1;
            }
        }
    }
    (cjk, letters)
}

/// The input encoding option, shared by `segment`, `align` and `check`.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct EncodingArgs {
    /// Encoding of the input: auto takes UTF-8 (with or without BOM), else Shift_JIS or EUC-JP
    /// when the bytes decode as just one of them (or one text is plainly the Japanese one) and
    /// says so on standard error. After decoding from Shift_JIS or EUC-JP, byte offsets refer
    /// to the decoded UTF-8 text, not the file.
    #[arg(long, value_enum, value_name = "ENCODING", default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "shift_jis", alias = "shift-jis", alias = "sjis")]
    ShiftJis,
    #[value(name = "euc-jp", alias = "euc_jp")]
    EucJp,
}

impl EncodingArgs {
    pub fn encoding(&self) -> Encoding {
        match self.encoding {
            EncodingArg::Auto => Encoding::Auto,
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::ShiftJis => Encoding::ShiftJis,
            EncodingArg::EucJp => Encoding::EucJp,
        }
    }

    /// Reads a file (or standard input) in the chosen encoding. When `auto` found a legacy
    /// encoding, a note says so: the user should know offsets are no longer file offsets.
    pub fn read(&self, path: Option<&Path>) -> Result<String> {
        let requested = self.encoding();
        let decoded = hashi::input::read_text_with(path, requested)?;
        if requested == Encoding::Auto && decoded.encoding != Encoding::Utf8 {
            eprintln!(
                "hashi: {}: decoded as {}",
                hashi::input::display_name(path).display(),
                decoded.encoding.name()
            );
        }
        Ok(decoded.text)
    }
}

/// The options that choose the aligner's resources, shared by every aligning command.
#[derive(clap::Args)]
pub struct ResourceArgs {
    /// An EDICT-format lexicon to use instead of the bundled one.
    #[arg(long, value_name = "PATH", conflicts_with = "no_lexicon")]
    lexicon: Option<std::path::PathBuf>,
    /// Align without the bilingual lexicon (numbers, names, Latin words and length only).
    #[arg(long)]
    no_lexicon: bool,
    /// A compiled lindera dictionary directory to tokenize Japanese with instead of IPADIC.
    #[arg(long, value_name = "DIR")]
    dict: Option<std::path::PathBuf>,
}

/// The tokenizer and lexicon an aligner borrows.
pub struct Resources {
    pub tokenizer: JapaneseTokenizer,
    lexicon: LexiconChoice,
}

enum LexiconChoice {
    None,
    Embedded,
    File(Lexicon),
}

impl ResourceArgs {
    pub fn load(&self) -> Result<Resources> {
        let lexicon = if self.no_lexicon {
            LexiconChoice::None
        } else if let Some(path) = &self.lexicon {
            LexiconChoice::File(Lexicon::from_edict_file(path)?)
        } else {
            LexiconChoice::Embedded
        };
        Ok(Resources {
            tokenizer: load_tokenizer(self.dict.as_deref())?,
            lexicon,
        })
    }
}

impl Resources {
    pub fn lexicon(&self) -> Option<&Lexicon> {
        match &self.lexicon {
            LexiconChoice::None => None,
            LexiconChoice::Embedded => Some(Lexicon::embedded()),
            LexiconChoice::File(l) => Some(l),
        }
    }
}

/// The arguments of every command that aligns one document pair (align, check).
#[derive(clap::Args)]
pub struct PairArgs {
    /// The English article (UTF-8 unless --encoding says otherwise); `-` for standard input.
    en_file: std::path::PathBuf,
    /// The Japanese article (UTF-8, Shift_JIS or EUC-JP: see --encoding); `-` for standard
    /// input.
    ja_file: std::path::PathBuf,
    /// The files are one sentence a line, a blank line between paragraphs (as hunalign,
    /// Vecalign and Bertalign take them) instead of running text; sentence ids are then the
    /// 0-based numbers of the non-blank lines, as gold .align files count them.
    #[arg(long)]
    pub presegmented: bool,
    #[command(flatten)]
    encoding: EncodingArgs,
    /// Align even when the English file looks Japanese or the Japanese file looks English.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    pub resources: ResourceArgs,
    /// Threads for feature extraction.
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

impl PairArgs {
    /// Reads and segments both articles.
    pub fn read(&self) -> Result<(hashi::segment::Document, hashi::segment::Document)> {
        read_pair(
            &self.en_file,
            &self.ja_file,
            self.presegmented,
            &self.encoding,
            self.force,
        )
    }

    /// The two files as the page of `hashi review` names the document: `en.txt + ja.txt`.
    pub fn names(&self) -> String {
        format!(
            "{} + {}",
            hashi::input::display_name(Some(&self.en_file)).display(),
            hashi::input::display_name(Some(&self.ja_file)).display()
        )
    }

    /// An aligner over `resources` with these arguments' threads.
    pub fn aligner<'a>(&self, resources: &'a Resources) -> hashi::Aligner<'a> {
        let mut aligner = hashi::Aligner::new(&resources.tokenizer, resources.lexicon());
        aligner.threads = self.threads.max(1);
        aligner
    }
}

/// Reads the English and the Japanese article of a pair into documents, running text or
/// one sentence a line. A side with no sentence is an error: aligning against nothing would
/// mark every sentence unmatched, which is almost always a wrong file. So is a side in the
/// other language (unless `force`): swapped arguments would otherwise give a confident-looking
/// alignment of nothing but unmatched beads.
pub fn read_pair(
    en_file: &Path,
    ja_file: &Path,
    presegmented: bool,
    encoding: &EncodingArgs,
    force: bool,
) -> Result<(hashi::segment::Document, hashi::segment::Document)> {
    use hashi::segment::Document;
    if en_file.as_os_str() == "-" && ja_file.as_os_str() == "-" {
        anyhow::bail!("only one of EN_FILE and JA_FILE can be standard input (-)");
    }
    let mut docs = Vec::with_capacity(2);
    for (lang, path) in [(Lang::En, en_file), (Lang::Ja, ja_file)] {
        let text = encoding.read(Some(path))?;
        let name = hashi::input::display_name(Some(path));
        if !force {
            // A text without letters (numbers only, say) cannot be told either way.
            let (_, letters) = letter_counts(&text);
            match (lang, detect_lang(&text)) {
                (Lang::En, Lang::Ja) if letters > 0 => anyhow::bail!(
                    "{}: the English file (EN_FILE) looks Japanese: are the files swapped? \
                     (--force aligns anyway)",
                    name.display()
                ),
                (Lang::Ja, Lang::En) if letters > 0 => anyhow::bail!(
                    "{}: the Japanese file (JA_FILE) looks English: are the files swapped? \
                     (--force aligns anyway)",
                    name.display()
                ),
                _ => {}
            }
        }
        let doc = if presegmented {
            Document::presegmented(lang, text)
        } else {
            Document::segment(lang, text)
        };
        if doc.is_empty() {
            anyhow::bail!(
                "{}: no sentences: the file is empty or blank",
                name.display()
            );
        }
        docs.push(doc);
    }
    let ja = docs.pop().expect("two documents");
    let en = docs.pop().expect("two documents");
    Ok((en, ja))
}

/// The built-in IPADIC, or a lindera dictionary directory the user named.
pub fn load_tokenizer(dir: Option<&Path>) -> Result<JapaneseTokenizer> {
    Ok(match dir {
        Some(dir) => JapaneseTokenizer::from_dir(dir)
            .with_context(|| format!("{}: cannot load the dictionary", dir.display()))?,
        None => JapaneseTokenizer::embedded()?,
    })
}
