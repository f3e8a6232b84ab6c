//! One module a subcommand: its arguments and a `run` that wires library stages together.

pub mod align;
pub mod batch;
pub mod check;
pub mod eval;
pub mod output;
pub mod pair;
pub mod review;
pub mod segment;

use std::path::Path;

use anyhow::{Context, Result};

use hashi::export::{self, Format};
use hashi::input::Encoding;
use hashi::segment::{Document, Lang};
use hashi::validate::{PairError, Rules, SizeLimit};
use hashi::LexiconChoice;

/// How the exporting commands (align, batch) write: one flag group, flattened into both.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "csv")]
    format: FormatArg,
    /// Leave out pairs whose confidence is below this (0 to 1); beads files keep every bead.
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f32>,
    /// csv and tsv: put ' before a cell starting with =, +, -, @, tab or CR, so spreadsheets
    /// show it as text instead of running it as a formula. Changes those cells' text.
    #[arg(long)]
    spreadsheet_safe: bool,
    #[command(flatten)]
    tmx: TmxArgs,
}

/// The TMX flags: `align` and `batch` take them with the other export flags, `review` alone
/// (its page exports TMX).
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

impl TmxArgs {
    /// The writer's options for TMX, with no score limit and cells left as they are.
    pub fn options(&self) -> export::Options {
        export::Options {
            min_score: None,
            en_lang: self.en_lang.clone(),
            ja_lang: self.ja_lang.clone(),
            srclang: match self.srclang {
                SrcLang::En => Lang::En,
                SrcLang::Ja => Lang::Ja,
            },
            spreadsheet_safe: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum SrcLang {
    En,
    Ja,
}

impl ExportArgs {
    /// The chosen format.
    pub fn format(&self) -> Format {
        self.format.0
    }

    /// The writer's options, once the flags are checked against each other and against
    /// the output (`-o`) the command writes to.
    pub fn options(&self, output: Option<&Path>) -> Result<export::Options> {
        let format = self.format();
        if let Some(s) = self.min_score {
            if !(0.0..=1.0).contains(&s) {
                anyhow::bail!("--min-score must be between 0 and 1, not {s}");
            }
        }
        if self.spreadsheet_safe && !format.has_cells() {
            anyhow::bail!("--spreadsheet-safe applies to --format csv and tsv only");
        }
        if format.writes_two_files() && output.is_none() {
            anyhow::bail!(
                "--format {format} writes two files: name them with -o PREFIX (PREFIX.en and \
                 PREFIX.ja)"
            );
        }
        Ok(export::Options {
            min_score: self.min_score,
            spreadsheet_safe: self.spreadsheet_safe,
            ..self.tmx.options()
        })
    }
}

/// `--format`: the library's [`Format`] as clap parses and lists it. The names and
/// descriptions are the library's; only the wrapping is here, which keeps clap out of the
/// library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatArg(pub Format);

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [FormatArg; Format::ALL.len()] = {
            let mut all = [FormatArg(Format::Csv); Format::ALL.len()];
            let mut i = 0;
            while i < all.len() {
                all[i] = FormatArg(Format::ALL[i]);
                i += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.description()))
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
    /// `base` with these parameters, for commands that give it their own threads (`batch`,
    /// `pair`).
    pub fn aligner(&self, base: &hashi::Aligner) -> Result<hashi::Aligner> {
        let mut aligner = base.clone();
        self.apply(&mut aligner)?;
        Ok(aligner)
    }

    /// Sets the parameters `--params` names on `aligner`.
    pub fn apply(&self, aligner: &mut hashi::Aligner) -> Result<()> {
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
            aligner
                .set_param(k, v)
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

/// The rules a pair must pass before it is aligned (align, check, batch): the flags that
/// set [`Rules`].
#[derive(clap::Args)]
pub struct RulesArgs {
    /// Align even when a side looks like the other language (the files swapped) or the
    /// sides differ too much in size (see --max-ratio).
    #[arg(long)]
    force: bool,
    /// Refuse a pair whose larger side has more than R times the sentences of the smaller
    /// plus --ratio-slack: a wrong or truncated file rather than a translation.
    #[arg(long, value_name = "R", default_value_t = SizeLimit::default().ratio)]
    max_ratio: f64,
    /// See --max-ratio.
    #[arg(long, value_name = "N", default_value_t = SizeLimit::default().slack)]
    ratio_slack: usize,
}

impl RulesArgs {
    /// The rules these flags ask for.
    pub fn rules(&self) -> Result<Rules> {
        if !self.max_ratio.is_finite() || self.max_ratio < 1.0 {
            anyhow::bail!(
                "--max-ratio must be a finite number of at least 1, not {}",
                self.max_ratio
            );
        }
        if self.force {
            return Ok(Rules::forced());
        }
        Ok(Rules {
            size_limit: Some(SizeLimit {
                ratio: self.max_ratio,
                slack: self.ratio_slack,
            }),
            ..Rules::default()
        })
    }
}

/// The input encoding option, shared by `segment`, `align` and `check`.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct EncodingArgs {
    /// Encoding of the input: auto takes UTF-8 (with or without BOM), else Shift_JIS or EUC-JP
    /// when the bytes decode as just one of them (or one text is plainly the Japanese one) and
    /// says so on standard error; Windows-1252 or Latin-1 text is refused, not read as
    /// Shift_JIS. After decoding from Shift_JIS or EUC-JP, byte offsets refer to the decoded
    /// UTF-8 text, not the file.
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

/// The note printed when the search band reached its cap
/// ([`hashi::align::Alignment::band_capped`]).
pub const BAND_CAPPED: &str = "note: the search band reached its cap (the documents repeat \
     sentences in unequal numbers?); the alignment is the best within it, and a wider search \
     might find a better one";

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

impl ResourceArgs {
    /// An aligner with the lexicon and dictionary these options choose, one thread a pair
    /// and the default parameters for its lexicon.
    pub fn load(&self) -> Result<hashi::Aligner> {
        let lexicon = if self.no_lexicon {
            LexiconChoice::None
        } else if let Some(path) = &self.lexicon {
            LexiconChoice::File(path.clone())
        } else {
            LexiconChoice::Bundled
        };
        let mut builder = hashi::Aligner::builder().lexicon(lexicon);
        if let Some(dir) = &self.dict {
            builder = builder.dictionary(dir);
        }
        Ok(builder.build()?)
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
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    pub resources: ResourceArgs,
    /// Threads for feature extraction and the search's bead scores: 0 is one a core; at most
    /// 1024.
    #[arg(long, value_name = "N", default_value_t = 2)]
    threads: usize,
}

impl PairArgs {
    /// Reads both articles, with the rules they are to be held to (checked before anything
    /// is read): an error names the file at fault. [`PairArgs::segment`] makes documents of
    /// them.
    pub fn read(&self) -> Result<(Rules, String, String)> {
        let rules = self.rules.rules()?;
        self.threads()?;
        if is_stdin(&self.en_file) && is_stdin(&self.ja_file) {
            anyhow::bail!(
                "only one of EN_FILE and JA_FILE can be standard input (-, /dev/stdin): it \
                 can be read once"
            );
        }
        let en = self.encoding.read(Some(&self.en_file))?;
        let ja = self.encoding.read(Some(&self.ja_file))?;
        Ok((rules, en, ja))
    }

    /// Segments the articles [`PairArgs::read`] gave, both at once on `aligner`'s threads,
    /// and holds them to the rules (`--force`, `--max-ratio`).
    pub fn segment(
        &self,
        (rules, en, ja): (Rules, String, String),
        aligner: &hashi::Aligner,
    ) -> Result<(Document, Document)> {
        let (en, ja) = aligner.segment(en, ja, self.presegmented);
        rules.check(&en, &ja).map_err(|e| self.explain(e))?;
        Ok((en, ja))
    }

    /// Holds an alignment of the pair [`PairArgs::read`] gave to the rules that need it (its
    /// verdict, unless `--force`): an error names both files.
    /// Says so on standard error when the search band reached its cap.
    pub fn accept(&self, alignment: &hashi::align::Alignment) -> Result<()> {
        if alignment.band_capped {
            let name = |path: &Path| hashi::input::display_name(Some(path)).display().to_string();
            eprintln!(
                "hashi: {} / {}: {}",
                name(&self.en_file),
                name(&self.ja_file),
                BAND_CAPPED
            );
        }
        let rules = self.rules.rules()?;
        rules
            .check_alignment(alignment)
            .map_err(|e| self.explain(e))
    }

    /// Says on standard error when the pair is translated only in part (its verdict
    /// `partial`): the output is right, but much of it is unmatched sentences.
    pub fn note(&self, alignment: &hashi::align::Alignment) {
        let v = &alignment.verdict;
        if v.is_partial() {
            eprintln!(
                "hashi: {} and {}: translated in part: {}",
                hashi::input::display_name(Some(&self.en_file)).display(),
                hashi::input::display_name(Some(&self.ja_file)).display(),
                v.coverage()
            );
        }
    }

    /// A broken rule in the command line's words: which file, which flag.
    fn explain(&self, error: PairError) -> anyhow::Error {
        let name = |lang| {
            let path = match lang {
                Lang::En => &self.en_file,
                Lang::Ja => &self.ja_file,
            };
            hashi::input::display_name(Some(path)).display().to_string()
        };
        match error {
            PairError::Empty(lang) => {
                anyhow::anyhow!("{}: no sentences: the file is empty or blank", name(lang))
            }
            PairError::Swapped { side: Lang::En } => anyhow::anyhow!(
                "{}: the English file (EN_FILE) looks Japanese: are the files swapped? \
                 (--force aligns anyway)",
                name(Lang::En)
            ),
            PairError::Swapped { side: Lang::Ja } => anyhow::anyhow!(
                "{}: the Japanese file (JA_FILE) looks English: are the files swapped? \
                 (--force aligns anyway)",
                name(Lang::Ja)
            ),
            PairError::Script { side, found } => anyhow::anyhow!(
                "{}: the {} file ({}) looks {found}: hashi aligns English with Japanese \
                 (--force aligns anyway)",
                name(side),
                side.name(),
                match side {
                    Lang::En => "EN_FILE",
                    Lang::Ja => "JA_FILE",
                }
            ),
            PairError::OnlyFurniture(side) => anyhow::anyhow!(
                "{}: only page furniture (menus, bylines, share buttons), no article \
                 sentence (--force aligns anyway)",
                name(side)
            ),
            PairError::Lopsided { en, ja, limit } => anyhow::anyhow!(
                "{} and {} differ too much in size: {en} English {} against {ja} \
                 Japanese, more than {} times the smaller plus {} (--max-ratio, \
                 --ratio-slack): is one of them the wrong file? (--force aligns anyway)",
                name(Lang::En),
                name(Lang::Ja),
                hashi::validate::sentence_word(en),
                limit.ratio,
                limit.slack
            ),
            PairError::NotTranslation(coverage) => anyhow::anyhow!(
                "{} and {} do not look like translations of each other: {coverage} (is one \
                 of them the wrong file? --force aligns anyway)",
                name(Lang::En),
                name(Lang::Ja),
            ),
        }
    }

    /// The two files as the page of `hashi review` names the document: `en.txt + ja.txt`.
    pub fn names(&self) -> String {
        format!(
            "{} + {}",
            hashi::input::display_name(Some(&self.en_file)).display(),
            hashi::input::display_name(Some(&self.ja_file)).display()
        )
    }

    /// `--threads`, checked.
    fn threads(&self) -> Result<usize> {
        hashi::batch::resolve_threads(self.threads).context("--threads")
    }

    /// `base` with these arguments' threads.
    pub fn aligner(&self, base: &hashi::Aligner) -> Result<hashi::Aligner> {
        Ok(base.clone().with_threads(self.threads()?))
    }
}

/// Whether `path` names standard input: `-`, or one of the paths the system gives it
/// (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`), which read the same stream.
fn is_stdin(path: &Path) -> bool {
    ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
        .iter()
        .any(|name| path == Path::new(name))
}
