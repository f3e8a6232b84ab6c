//! What a document pair must be before it is aligned: the rules every way in (`hashi align`,
//! `check`, `batch`, and any other caller of the library) applies the same way.
//!
//! The aligner accepts any pair and always returns a complete alignment, so a wrong input
//! does not fail: it gives a confident-looking result of nothing but unmatched sentences.
//! These rules catch the usual wrong inputs before that happens:
//!
//! - a side with no sentence (an empty or blank file): aligning against nothing marks every
//!   sentence unmatched;
//! - a side in the other language (the files or columns swapped);
//! - sides of very different size (a wrong or truncated file rather than a translation),
//!   judged by a [`SizeLimit`].
//!
//! The last two can be wrong about a real pair (an article that is mostly numbers and
//! English names, a digest of a long original), so [`Rules`] can waive them; an empty side
//! is always refused.

use crate::align::Alignment;
#[cfg(doc)]
use crate::align::Verdict;
pub use crate::error::{sentence_word, Coverage, PairError, SizeLimit};
use crate::segment::{Document, Lang};

/// Which rules a pair is held to. [`Rules::default`] applies all of them; [`Rules::forced`]
/// only refuses an empty side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// Refuse a side whose text looks like the other language ([`detect_lang`]). A text
    /// without letters (numbers only, say) cannot be told either way and passes.
    pub languages: bool,
    /// Refuse sides of very different size; `None` allows any.
    pub size_limit: Option<SizeLimit>,
    /// Refuse a pair whose alignment finds too little translated for the two to be
    /// translations of each other ([`Rules::check_alignment`], the alignment's [`Verdict`]).
    pub translation: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            languages: true,
            size_limit: Some(SizeLimit::default()),
            translation: true,
        }
    }
}

impl Rules {
    /// The rules with everything that can be waived waived (`--force`): only an empty side
    /// is refused.
    pub fn forced() -> Self {
        Rules {
            languages: false,
            size_limit: None,
            translation: false,
        }
    }

    /// Checks a pair: each side (English, then Japanese) in the right language and not
    /// empty, then the sizes. Returns the first rule broken.
    pub fn check(&self, en: &Document, ja: &Document) -> Result<(), PairError> {
        for (side, doc) in [(Lang::En, en), (Lang::Ja, ja)] {
            if self.languages {
                match looks_like_other_language(side, &doc.text) {
                    Some(found) if found == side.other().name() => {
                        return Err(PairError::Swapped { side })
                    }
                    Some(found) => return Err(PairError::Script { side, found }),
                    None => {}
                }
            }
            if doc.is_empty() {
                return Err(PairError::Empty(side));
            }
            // A page of menus, bylines and buttons only has no article to be a translation
            // of; its verdict would count nothing and pass.
            if self.translation && doc.sentences.iter().all(|s| s.furniture) {
                return Err(PairError::OnlyFurniture(side));
            }
        }
        match self.size_limit {
            Some(limit) if !limit.allows(en.len(), ja.len()) => Err(PairError::Lopsided {
                en: en.len(),
                ja: ja.len(),
                limit,
            }),
            _ => Ok(()),
        }
    }
}

impl Rules {
    /// Checks a pair once aligned: whether its [`Verdict`] finds the two translations of
    /// each other, in whole or in part ([`Rules::translation`]).
    pub fn check_alignment(&self, alignment: &Alignment) -> Result<(), PairError> {
        if self.translation && !alignment.verdict.is_translation() {
            return Err(PairError::NotTranslation(alignment.verdict.coverage()));
        }
        Ok(())
    }
}

/// Guesses the language of a text: Japanese when kana or kanji make up more than a fifth of
/// its letters (among its first 20,000 characters), English otherwise (a text without
/// letters included).
pub fn detect_lang(text: &str) -> Lang {
    let counts = letter_counts(text);
    if counts.japanese * 5 > counts.letters {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// What a text given as `side` is plainly written in instead, when it is not `side`'s
/// language: `English` or `Japanese` (then the sides are probably swapped), or the script
/// most of its letters are in (`Korean (Hangul)`, `Cyrillic`, ...). A text without letters
/// is in none.
pub(crate) fn looks_like_other_language(side: Lang, text: &str) -> Option<&'static str> {
    let counts = letter_counts(text);
    if counts.letters == 0 {
        return None;
    }
    let found = if counts.japanese * 5 > counts.letters {
        "Japanese"
    } else if counts.latin * 2 >= counts.letters {
        "English"
    } else {
        counts.script
    };
    (found != side.name()).then_some(found)
}

/// What the letters among a text's first 20,000 characters are written in.
struct LetterCounts {
    /// Kana and kanji.
    japanese: usize,
    /// Latin letters.
    latin: usize,
    /// All letters.
    letters: usize,
    /// The script most of the letters that are neither are in.
    script: &'static str,
}

/// A script a text given for either side may turn out to be in: its name and its letters'
/// ranges.
type Script = (&'static str, &'static [(char, char)]);

const OTHER_SCRIPTS: [Script; 7] = [
    (
        "Korean (Hangul)",
        &[
            ('\u{1100}', '\u{11ff}'),
            ('\u{3130}', '\u{318f}'),
            ('\u{ac00}', '\u{d7af}'),
        ],
    ),
    ("Cyrillic", &[('\u{0400}', '\u{04ff}')]),
    ("Greek", &[('\u{0370}', '\u{03ff}')]),
    ("Arabic", &[('\u{0600}', '\u{06ff}')]),
    ("Hebrew", &[('\u{0590}', '\u{05ff}')]),
    ("Thai", &[('\u{0e00}', '\u{0e7f}')]),
    ("Devanagari", &[('\u{0900}', '\u{097f}')]),
];

fn letter_counts(text: &str) -> LetterCounts {
    let (mut japanese, mut latin, mut letters) = (0usize, 0usize, 0usize);
    let mut others = [0usize; OTHER_SCRIPTS.len()];
    for c in text.chars().take(20_000) {
        if !c.is_alphabetic() {
            continue;
        }
        letters += 1;
        if matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff66}'..='\u{ff9f}')
        {
            japanese += 1;
        } else if c.is_ascii_alphabetic()
            || matches!(c, '\u{00c0}'..='\u{024f}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}')
        {
            latin += 1;
        } else if let Some(k) = OTHER_SCRIPTS
            .iter()
            .position(|(_, ranges)| ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)))
        {
            others[k] += 1;
        }
    }
    let most = (0..OTHER_SCRIPTS.len())
        .max_by_key(|&k| others[k])
        .unwrap_or(0);
    let script = if others[most] > 0 {
        OTHER_SCRIPTS[most].0
    } else {
        "another script"
    };
    LetterCounts {
        japanese,
        latin,
        letters,
        script,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: Lang, text: &str) -> Document {
        Document::segment(lang, text.into())
    }

    #[test]
    fn size_limit_allows_slack_then_ratio() {
        let limit = SizeLimit::default();
        assert!(limit.allows(1, 15));
        assert!(!limit.allows(1, 16));
        assert!(limit.allows(30, 3));
        assert!(!limit.allows(36, 3));
        assert!(limit.allows(0, 5));
    }

    #[test]
    fn each_rule_in_order_and_what_forcing_waives() {
        let en = doc(Lang::En, "It rained. Then it stopped.");
        let ja = doc(Lang::Ja, "雨が降った。やんだ。");
        let rules = Rules::default();
        assert_eq!(rules.check(&en, &ja), Ok(()));
        let swapped_en = doc(Lang::En, "雨が降った。");
        assert_eq!(
            rules.check(&swapped_en, &ja),
            Err(PairError::Swapped { side: Lang::En })
        );
        assert_eq!(
            rules.check(&en, &doc(Lang::Ja, "It rained.")),
            Err(PairError::Swapped { side: Lang::Ja })
        );
        // Digits only: no letters, so no language to judge; the side still aligns.
        assert_eq!(rules.check(&en, &doc(Lang::Ja, "2024")), Ok(()));
        // Neither language: the script is named, not the other side's language.
        let korean = doc(Lang::Ja, "H3 로켓 5호기 발사 성공.");
        let script = PairError::Script {
            side: Lang::Ja,
            found: "Korean (Hangul)",
        };
        assert_eq!(rules.check(&en, &korean), Err(script.clone()));
        assert_eq!(
            script.to_string(),
            "the Japanese side looks Korean (Hangul), not Japanese"
        );
        let russian = doc(Lang::En, "Ракета стартовала утром.");
        assert!(matches!(
            rules.check(&russian, &ja),
            Err(PairError::Script {
                side: Lang::En,
                found: "Cyrillic"
            })
        ));
        // A page of furniture only: no article.
        let furniture = doc(Lang::En, "Related articles\nShare this article\n");
        assert_eq!(
            rules.check(&furniture, &ja),
            Err(PairError::OnlyFurniture(Lang::En))
        );
        let blank = doc(Lang::Ja, " \n\n");
        assert_eq!(rules.check(&en, &blank), Err(PairError::Empty(Lang::Ja)));
        let many = doc(Lang::Ja, &"雨が降った。".repeat(26));
        let lopsided = PairError::Lopsided {
            en: 2,
            ja: 26,
            limit: SizeLimit::default(),
        };
        assert_eq!(rules.check(&en, &many), Err(lopsided.clone()));
        assert_eq!(
            lopsided.to_string(),
            "the sides differ too much in size: 2 English sentences, 26 Japanese \
             (the larger may be at most 10 times the smaller plus 5)"
        );
        let one = PairError::Lopsided {
            en: 1,
            ja: 26,
            limit: SizeLimit::default(),
        };
        assert!(
            one.to_string()
                .contains(": 1 English sentence, 26 Japanese"),
            "{one}"
        );

        let forced = Rules::forced();
        assert_eq!(forced.check(&swapped_en, &ja), Ok(()));
        assert_eq!(forced.check(&en, &korean), Ok(()));
        assert_eq!(forced.check(&furniture, &ja), Ok(()));
        assert_eq!(forced.check(&en, &many), Ok(()));
        assert_eq!(forced.check(&en, &blank), Err(PairError::Empty(Lang::Ja)));
        assert!(!PairError::Empty(Lang::En).can_be_forced());
        assert!(lopsided.can_be_forced());
        assert_eq!(
            PairError::Swapped { side: Lang::Ja }.to_string(),
            "the Japanese side looks English: are the sides swapped?"
        );
    }

    #[test]
    fn detects_japanese_by_its_share_of_letters() {
        assert_eq!(
            detect_lang("JAXAは7月24日、ロケットを打ち上げた。"),
            Lang::Ja
        );
        assert_eq!(detect_lang("JAXA launched the H3 rocket."), Lang::En);
        // A Japanese name in an English sentence does not make it Japanese.
        assert_eq!(detect_lang("The satellite is called あまつぶ."), Lang::En);
        assert_eq!(detect_lang("2024 12 31"), Lang::En);
    }
}
