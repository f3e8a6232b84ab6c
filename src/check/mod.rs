//! Translation checking: what the alignment says the English edition left out, added or
//! changed. The aligner already pairs the sentences and knows their anchors; a sentence with
//! no counterpart, or an anchor inside a pair that matches nothing on the other side, is what
//! an editor wants to look at.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

pub mod render;

use crate::align::{Alignment, Bead};
use crate::features::{AnchorKind, Item, SentenceFeatures};
use crate::lexicon::Lexicon;
use crate::quantities::{self, Class, Value};
use crate::segment::Document;
use crate::Aligner;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A Japanese sentence with no English counterpart.
    Omission,
    /// An English sentence with no Japanese source.
    Addition,
    /// A number of a pair that differs between the sides.
    Number,
    /// A month, weekday or hour of a pair that differs between the sides.
    Date,
    /// A name on one side of a pair that the other side lacks.
    Name,
    /// A pair far longer or shorter on one side than the document's usual ratio.
    Length,
}

impl FindingKind {
    /// Every kind, once each.
    pub const ALL: [FindingKind; 6] = [
        FindingKind::Omission,
        FindingKind::Addition,
        FindingKind::Number,
        FindingKind::Date,
        FindingKind::Name,
        FindingKind::Length,
    ];

    /// The kind's name in reports, JSON and `--fail-on`: `omission`, `addition`...
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Omission => "omission",
            FindingKind::Addition => "addition",
            FindingKind::Number => "number",
            FindingKind::Date => "date",
            FindingKind::Name => "name",
            FindingKind::Length => "length",
        }
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for FindingKind {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let s = s.trim().to_ascii_lowercase();
        FindingKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or(crate::Error::UnknownName {
                what: "finding kind",
                name: s,
                expected: "omission, addition, number, date, name or length",
            })
    }
}

/// One thing an editor should look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What kind of difference it is.
    pub kind: FindingKind,
    /// Index of the bead in the alignment the finding is about.
    #[serde(skip)]
    pub bead: usize,
    /// 0-based English sentence numbers.
    pub en_ids: Vec<usize>,
    /// 0-based Japanese sentence numbers.
    pub ja_ids: Vec<usize>,
    /// What differs, in words: "4,000 vs 5千".
    pub detail: String,
}

impl Finding {
    /// The texts of the finding's English sentences in `en` (the document it was found in),
    /// joined by a space, as `hashi check` shows them.
    pub fn en_text(&self, en: &Document) -> String {
        joined(en, &self.en_ids, " ")
    }

    /// The texts of the finding's Japanese sentences in `ja`, joined by nothing.
    pub fn ja_text(&self, ja: &Document) -> String {
        joined(ja, &self.ja_ids, "")
    }
}

/// The texts of `doc`'s sentences `ids` joined by `sep`, ids past its end left out.
fn joined(doc: &Document, ids: &[usize], sep: &str) -> String {
    ids.iter()
        .filter(|&&i| i < doc.len())
        .map(|&i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The alignment a check ran on and what it found, in document order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The alignment the findings refer to (bead indices, sentence ids), as the given
    /// aligner made it.
    pub alignment: Alignment,
    /// The findings, in document order.
    pub findings: Vec<Finding>,
}

/// Aligns `en` with `ja` and checks every bead. The aligner is used as given;
/// [`Aligner::for_checking`] gives it the parameters `hashi check` uses.
pub fn check(en: &Document, ja: &Document, aligner: &Aligner) -> Report {
    let (alignment, ef, jf) = aligner.align_with_features(en, ja);
    let findings = findings(en, ja, &alignment, &ef, &jf, aligner.lexicon());
    Report {
        alignment,
        findings,
    }
}

/// The findings of an alignment, given the features its sentences were aligned on and the
/// lexicon they were found with.
pub(crate) fn findings(
    en: &Document,
    ja: &Document,
    alignment: &Alignment,
    ef: &[SentenceFeatures],
    jf: &[SentenceFeatures],
    lexicon: Option<&Lexicon>,
) -> Vec<Finding> {
    let en_values: Vec<Vec<Value>> = en
        .sentences
        .iter()
        .map(|s| quantities::english(s.text(&en.text), s.span.start))
        .collect();
    let ja_values: Vec<Vec<Value>> = ja
        .sentences
        .iter()
        .map(|s| quantities::japanese(s.text(&ja.text), s.span.start))
        .collect();
    let length = LengthModel::new(alignment, ef, jf);
    let mut out = Vec::new();
    let stretches = untranslated_stretches(alignment, en, ja);
    for (b, bead) in alignment.beads.iter().enumerate() {
        let finding = |kind, detail: String| Finding {
            kind,
            bead: b,
            en_ids: bead.en.clone().collect(),
            ja_ids: bead.ja.clone().collect(),
            detail,
        };
        let furniture =
            |doc: &Document, r: &Range<usize>| r.clone().all(|i| doc.sentences[i].furniture);
        if !bead.is_pair() && furniture(en, &bead.en) && furniture(ja, &bead.ja) {
            // Page furniture has no counterpart by nature: nothing to report.
            continue;
        }
        if let Some(stretch) = stretches.iter().find(|s| s.beads.contains(&b)) {
            // One finding a side for the whole stretch, at its first bead.
            if b == stretch.beads.start {
                out.extend(stretch.findings(b));
            }
            continue;
        }
        let one_sided = match (bead.en.is_empty(), bead.ja.is_empty()) {
            (true, false) => Some((
                FindingKind::Omission,
                "no English counterpart: the English edition leaves it out",
            )),
            (false, true) => Some((
                FindingKind::Addition,
                "no Japanese source: added in the English edition",
            )),
            _ => None,
        };
        if let Some((kind, what)) = one_sided {
            out.push(finding(
                kind,
                format!("{what} (probability {:.2})", bead.score),
            ));
            continue;
        }
        let e = BeadItems::new(ef, bead.en.clone());
        let j = BeadItems::new(jf, bead.ja.clone());
        let ev: Vec<&Value> = bead.en.clone().flat_map(|i| &en_values[i]).collect();
        let jv: Vec<&Value> = bead.ja.clone().flat_map(|i| &ja_values[i]).collect();
        for (kind, detail) in quantity_findings(&ev, &jv, en, ja) {
            out.push(finding(kind, detail));
        }
        let en_text: String = bead.en.clone().map(|i| en.sentence_text(i)).collect();
        let names = unmatched_names(&e, &j, en, ja, lexicon, &en_text);
        if !names.is_empty() {
            out.push(finding(FindingKind::Name, names.join("; ")));
        }
        if let Some(detail) = length.flag(bead, ef, jf) {
            out.push(finding(FindingKind::Length, detail));
        }
    }
    out
}

/// A run of beads where the two texts stop translating each other: unmatched sentences and
/// pairs too weak to count as translated, holding at least [`STRETCH_MIN`] sentences of a
/// side with no counterpart. `check` reports it as one region a side ("English sentences
/// 14–31 have no counterpart"), not a finding a sentence.
struct Stretch {
    beads: Range<usize>,
    /// The stretch's sentences of each side that have no counterpart, page furniture left
    /// out.
    en: Vec<usize>,
    ja: Vec<usize>,
}

/// Sentences of one side without a counterpart from which a run is a stretch of its own.
const STRETCH_MIN: usize = 6;

/// A pair scoring below this may be part of an untranslated stretch: well below the 0.5 at
/// which a pair counts as translated, since a true translation's pairs that are merely
/// doubtful (a free rendering, few words in common) must not make a stretch of it.
const STRETCH_PAIR: f32 = 0.2;

impl Stretch {
    fn findings(&self, bead: usize) -> Vec<Finding> {
        let range = |ids: &[usize]| match ids {
            [one] => format!("sentence {one}"),
            [first, .., last] => format!("sentences {first}–{last}"),
            [] => String::new(),
        };
        let mut out = Vec::new();
        if !self.en.is_empty() {
            out.push(Finding {
                kind: FindingKind::Addition,
                bead,
                en_ids: self.en.clone(),
                ja_ids: Vec::new(),
                detail: format!(
                    "{} of the English ({} in all) have no counterpart: an untranslated stretch",
                    range(&self.en),
                    self.en.len()
                ),
            });
        }
        if !self.ja.is_empty() {
            out.push(Finding {
                kind: FindingKind::Omission,
                bead,
                en_ids: Vec::new(),
                ja_ids: self.ja.clone(),
                detail: format!(
                    "{} of the Japanese ({} in all) have no counterpart: an untranslated stretch",
                    range(&self.ja),
                    self.ja.len()
                ),
            });
        }
        out
    }
}

/// The untranslated stretches of an alignment of `en` with `ja`, in order.
fn untranslated_stretches(
    alignment: &Alignment,
    en_doc: &Document,
    ja_doc: &Document,
) -> Vec<Stretch> {
    let weak = |b: &crate::align::Bead| !b.is_pair() || b.score < STRETCH_PAIR;
    let beads = &alignment.beads;
    let mut out = Vec::new();
    let mut k = 0;
    while k < beads.len() {
        if !weak(&beads[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < beads.len() && weak(&beads[k]) {
            k += 1;
        }
        let run = &beads[start..k];
        if matches_better_than_chance(alignment, start..k) {
            // Pairs that are merely doubtful (a free rendering with few words in common, a
            // search unsure where to cut) in a stretch that is a translation all the same.
            continue;
        }
        let content = |doc: &Document, r: Range<usize>| -> Vec<usize> {
            r.filter(|&i| !doc.sentences[i].furniture).collect()
        };
        let en = content(en_doc, run[0].en.start..run[run.len() - 1].en.end);
        let ja = content(ja_doc, run[0].ja.start..run[run.len() - 1].ja.end);
        if en.len().max(ja.len()) >= STRETCH_MIN {
            out.push(Stretch {
                beads: start..k,
                en,
                ja,
            });
        }
    }
    out
}

/// Whether the run of beads `run` is a translation whose pairs are merely doubtful (a free
/// rendering, a search unsure where to cut) rather than an untranslated stretch: nearly all
/// of its sentences are paired ([`STRETCH_PAIRED`]) and its pairs match well beyond what
/// their sentences match with their neighbours' counterparts ([`Evidence::shifted`]). The
/// search leaves much of an untranslated stretch unmatched, and pairs the rest where they
/// happen to match best, so its pairs alone match above chance too: on the development sets'
/// half-translated pairs, half of the untranslated runs' pairs match more than 2.8 times
/// chance, but 1 in 100 runs is paired this densely as well.
///
/// [`Evidence::shifted`]: crate::align::evidence::Evidence::shifted
fn matches_better_than_chance(alignment: &Alignment, run: Range<usize>) -> bool {
    let (mut matched, mut offered, mut chance) = (0.0f32, 0.0f32, 0.0f32);
    let (mut paired, mut all) = (0usize, 0usize);
    for k in run {
        let (Some(b), Some(e)) = (alignment.beads.get(k), alignment.evidence.get(k)) else {
            continue;
        };
        let size = b.en.len() + b.ja.len();
        all += size;
        if b.is_pair() {
            paired += size;
            matched += e.matched;
            offered += e.offered;
            chance += e.shifted * e.offered;
        }
    }
    if offered <= 0.0 || (paired as f32) < STRETCH_PAIRED * all as f32 {
        return false;
    }
    let own = crate::align::evidence::coverage(matched, offered);
    let chance = chance / offered;
    own + STRETCH_FLOOR >= STRETCH_CHANCE * (chance + STRETCH_FLOOR)
}

/// The share of a run's sentences (both sides) that must be in pairs for it to count as a
/// translation whose pairs are doubtful.
const STRETCH_PAIRED: f32 = 0.8;

/// How many times what a run's pairs match by chance they must match to count as
/// translated.
const STRETCH_CHANCE: f32 = 2.5;

/// Added to both shares before they are compared: two texts that share next to nothing
/// (chat, short lines) are not told apart by a ratio of small shares.
const STRETCH_FLOOR: f32 = 0.01;

/// The anchors of a bead's sentences on one side.
struct BeadItems<'a> {
    items: Vec<&'a Item>,
    keys: HashSet<u64>,
}

impl<'a> BeadItems<'a> {
    fn new(features: &'a [SentenceFeatures], ids: Range<usize>) -> Self {
        let items: Vec<&Item> = ids
            .filter_map(|i| features.get(i))
            .flat_map(|f| f.items.iter())
            .collect();
        let keys = items
            .iter()
            .flat_map(|it| it.keys.iter().copied())
            .collect();
        BeadItems { items, keys }
    }
}

fn surface<'d>(doc: &'d Document, span: &Range<usize>) -> &'d str {
    doc.text.get(span.clone()).unwrap_or("")
}

/// Number, code and date mismatches of a pair, given its values on each side. A value of one
/// side that matches nothing on the other is usually context the translator added or dropped
/// ("since 1969"); strays on both sides are a changed value. A day of the month (２４日, the
/// 24th, July 24) counts only against a day: English news often gives a weekday instead, and
/// "September 11" is ９１１ in Japanese.
fn quantity_findings(
    ev: &[&Value],
    jv: &[&Value],
    en: &Document,
    ja: &Document,
) -> Vec<(FindingKind, String)> {
    let (el, jl) = quantities::unmatched(ev, jv);
    let en_stray: Vec<&Value> = el.iter().map(|&i| ev[i]).filter(|v| v.reportable).collect();
    let ja_stray: Vec<&Value> = jl.iter().map(|&i| jv[i]).filter(|v| v.reportable).collect();
    fn of<'v>(side: &[&'v Value], keep: impl Fn(&Value) -> bool) -> Vec<&'v Value> {
        side.iter().copied().filter(|v| keep(v)).collect()
    }
    let mut out = Vec::new();
    let mut en_num = Vec::new();
    let mut ja_num = Vec::new();
    for class in [Class::Plain, Class::Day] {
        let e = of(&en_stray, |v| v.class == class);
        let j = of(&ja_stray, |v| v.class == class);
        if !e.is_empty() && !j.is_empty() {
            en_num.extend(e);
            ja_num.extend(j);
        }
    }
    let en_codes = of(&en_stray, |v| {
        v.class == Class::Code
            && ja_stray
                .iter()
                .any(|j| j.class == Class::Code && j.prefix == v.prefix)
    });
    let ja_codes = of(&ja_stray, |v| {
        v.class == Class::Code
            && en_stray
                .iter()
                .any(|e| e.class == Class::Code && e.prefix == v.prefix)
    });
    let mut en_changed = Vec::new();
    let mut ja_changed = Vec::new();
    en_changed.extend(en_num);
    ja_changed.extend(ja_num);
    en_changed.extend(en_codes);
    ja_changed.extend(ja_codes);
    let words = |doc: &Document, vals: &[&Value]| -> String {
        vals.iter()
            .map(|v| surface(doc, &v.written))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !en_changed.is_empty() {
        out.push((
            FindingKind::Number,
            format!("{} vs {}", words(en, &en_changed), words(ja, &ja_changed)),
        ));
    }
    let en_dates = of(&en_stray, |v| v.class == Class::Date);
    let ja_dates = of(&ja_stray, |v| v.class == Class::Date);
    if !en_dates.is_empty() && !ja_dates.is_empty() {
        out.push((
            FindingKind::Date,
            format!("{} vs {}", words(en, &en_dates), words(ja, &ja_dates)),
        ));
    }
    out
}

/// Names of a pair that the other side lacks. Conservative, since a false alarm costs an
/// editor's time, and translations drop and add names all the time (a pronoun for 水野, Tokyo
/// for 都内): a Japanese name is reported only when it is Latin script (JAXA, iPS) and the
/// English neither writes nor spells it out. Changed names (a Japanese name the English
/// renders elsewhere, another English name in its place) were tried and left out: 135 false
/// alarms on the 146 WMT21 clean documents, since katakana and kanji names (赤坂, 浜松)
/// often fail to match their romanization.
fn unmatched_names(
    e: &BeadItems<'_>,
    j: &BeadItems<'_>,
    en: &Document,
    ja: &Document,
    lexicon: Option<&Lexicon>,
    en_text: &str,
) -> Vec<String> {
    let en_letters = letters(en_text);
    let en_words: Vec<&str> = e.items.iter().map(|it| surface(en, &it.span)).collect();
    let mut out: Vec<String> = Vec::new();
    for item in &j.items {
        if !matches!(item.kind, AnchorKind::Name | AnchorKind::Latin) {
            continue;
        }
        if item.keys.iter().any(|k| e.keys.contains(k)) {
            continue;
        }
        let text = surface(ja, &item.span);
        if text.chars().count() < 2 {
            continue;
        }
        // A term the lexicon knows (SNS, EU, PR) is Japanese usage that English translates
        // into words; one written inside an English word (SPORT of SPORT.es) is there.
        let translated = lexicon.is_some_and(|l| l.contains(text)) || SPORTS_USAGE.contains(&text);
        let inside = letters(text).len() >= 3 && en_letters.contains(&letters(text));
        if item.kind != AnchorKind::Latin
            || translated
            || inside
            || !is_reportable_latin(text, &en_words)
        {
            continue;
        }
        let line = format!("{text} not in the English");
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

/// Abbreviations of Japanese sports news that English writes out or leaves out, which EDICT
/// lacks: a footballer's position before the name (日本代表MF中島翔哉: Nakajima Shoya, a
/// midfielder on the Japanese national team) and a club's FC (チェルシーFC: Chelsea).
const SPORTS_USAGE: &[&str] = &["MF", "FW", "DF", "FC"];

/// Lower-cased ASCII letters of `text`, nothing else: A_ListMGMT → alistmgmt.
fn letters(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A Latin word of a Japanese sentence worth reporting when the English pair lacks it: two
/// letters or more with a capital (units like km are translated, not copied), and not an
/// acronym the English spells out (NASA: National Aeronautics and Space Administration).
fn is_reportable_latin(text: &str, en_words: &[&str]) -> bool {
    let letters: Vec<char> = text
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    if letters.len() < 2 || !text.chars().any(|c| c.is_uppercase()) {
        return false;
    }
    const GLUE: &[&str] = &["of", "and", "the", "for", "&", "on", "in"];
    let initials: Vec<char> = en_words
        .iter()
        .filter(|w| !GLUE.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    !initials
        .windows(letters.len())
        .any(|w| w == letters.as_slice())
}

/// The document's usual ln(English length / Japanese length) over its pairs and its spread.
struct LengthModel {
    mean: f32,
    spread: f32,
    usable: bool,
}

/// Fewer pairs than this give no trustworthy spread.
const MIN_PAIRS_FOR_LENGTH: usize = 8;
/// A floor on the spread: a very regular document would otherwise flag ordinary pairs.
const MIN_SPREAD: f32 = 0.15;

impl LengthModel {
    fn new(alignment: &Alignment, ef: &[SentenceFeatures], jf: &[SentenceFeatures]) -> Self {
        let ratios: Vec<f32> = alignment
            .beads
            .iter()
            .filter(|b| b.is_pair())
            .filter_map(|b| log_ratio(b, ef, jf))
            .collect();
        let n = ratios.len() as f32;
        if ratios.len() < MIN_PAIRS_FOR_LENGTH {
            return LengthModel {
                mean: 0.0,
                spread: 0.0,
                usable: false,
            };
        }
        let mean = ratios.iter().sum::<f32>() / n;
        let var = ratios.iter().map(|r| (r - mean).powi(2)).sum::<f32>() / (n - 1.0);
        LengthModel {
            mean,
            spread: var.sqrt().max(MIN_SPREAD),
            usable: true,
        }
    }

    fn flag(
        &self,
        bead: &Bead,
        ef: &[SentenceFeatures],
        jf: &[SentenceFeatures],
    ) -> Option<String> {
        if !self.usable || !bead.is_pair() {
            return None;
        }
        let r = log_ratio(bead, ef, jf)?;
        let z = (r - self.mean) / self.spread;
        if z.abs() <= 3.0 {
            return None;
        }
        let side = if z > 0.0 {
            "the English is much longer than usual for its Japanese"
        } else {
            "the English is much shorter than usual for its Japanese"
        };
        Some(format!(
            "{side}: length ratio {:.2}, document usual {:.2} (ln ratio {r:.2}, mean {:.2}, \
             spread {:.2})",
            r.exp(),
            self.mean.exp(),
            self.mean,
            self.spread
        ))
    }
}

fn log_ratio(bead: &Bead, ef: &[SentenceFeatures], jf: &[SentenceFeatures]) -> Option<f32> {
    let length = |ids: &Range<usize>, f: &[SentenceFeatures]| -> f32 {
        ids.clone().filter_map(|i| f.get(i)).map(|f| f.len).sum()
    };
    let (le, lj) = (length(&bead.en, ef), length(&bead.ja, jf));
    (le > 0.0 && lj > 0.0).then(|| (le / lj).ln())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Params;

    #[test]
    fn acronyms_spelled_out_in_english_are_not_reported() {
        let words = [
            "U.S",
            "National",
            "Aeronautics",
            "and",
            "Space",
            "Administration",
        ];
        assert!(!is_reportable_latin("NASA", &words));
        assert!(is_reportable_latin("JAXA", &words));
        assert!(!is_reportable_latin("km", &words));
    }

    #[test]
    fn a_footballers_position_is_not_a_missing_name() {
        use crate::segment::Lang;
        let (en, ja) = (
            "It appears that Nakajima Shoya, a midfielder on the Japanese national team, is leaning toward leaving Porto.\n",
            "日本代表MF中島翔哉が、ポルト退団に向かっているようだ。\n",
        );
        let names = |ja: &str| -> Vec<String> {
            let en = Document::presegmented(Lang::En, en.into());
            let ja = Document::presegmented(Lang::Ja, ja.into());
            let aligner = Aligner::builder().build().unwrap();
            check(&en, &ja, &aligner.for_checking())
                .findings
                .into_iter()
                .filter(|f| f.kind == FindingKind::Name)
                .map(|f| f.detail)
                .collect()
        };
        assert!(names(ja).is_empty());
        assert_eq!(
            names("日本代表XY中島翔哉が、ポルト退団に向かっているようだ。\n"),
            ["XY not in the English"]
        );
    }

    /// A chat translated line by line. Its first line is rendered freely: the weekday and the
    /// week are there on both sides, but no anchor of one matches the other (the quantity
    /// reader takes the plural `Mondays` for no weekday, 月曜日 for one), so the pair matches
    /// nothing while the Japanese weekday, which the English never writes, counts as content
    /// a translation would have matched.
    const CHAT_EN: &str = "Ugh, Mondays, what a week it has been.\n\
        Are you free for lunch tomorrow?\n\
        Sure, what time is good for you?\n\
        How about noon at the station?\n\
        Sounds good to me.\n\
        I'm starving already, to be honest.\n\
        Should we try the new ramen shop?\n\
        I heard the line is really long.\n\
        Then let's meet ten minutes early.\n\
        Okay, see you there.\n\
        Don't be late this time!\n\
        By the way, did you finish the report?\n\
        Almost, just the charts are left.\n\
        Nice, the manager wants it by Friday.\n\
        I know, I'll send it tonight.\n\
        Also, it's Ken's birthday next week.\n\
        Oh right, should we get him a present?\n\
        Maybe a scarf, he's always cold.\n\
        Good idea, I'll look for one this weekend.\n";
    const CHAT_JA: [&str; 19] = [
        "月曜日はだるいね、今週は本当に疲れた。",
        "明日のお昼、空いてる？",
        "いいよ、何時がいい？",
        "正午に駅でどう？",
        "いいね。",
        "正直、もうお腹ぺこぺこだよ。",
        "新しいラーメン屋に行ってみる？",
        "すごく並ぶって聞いたよ。",
        "じゃあ十分早く集合しよう。",
        "了解、現地でね。",
        "今度は遅刻しないでね！",
        "ところで、報告書は終わった？",
        "ほぼね、あとはグラフだけ。",
        "よかった、部長が金曜までに欲しいって。",
        "わかってる、今夜送るよ。",
        "あと、来週ケンの誕生日だよ。",
        "そうだった、プレゼント買う？",
        "マフラーはどうかな、いつも寒がってるし。",
        "いいね、週末に探してみる。",
    ];

    /// The omissions and additions `check` finds, as "kind en_ids ja_ids", with `params`.
    fn gaps(en: &str, ja: &[&str], params: Params) -> Vec<String> {
        use crate::segment::Lang;
        let en = Document::presegmented(Lang::En, en.into());
        let ja = Document::presegmented(Lang::Ja, ja.iter().map(|s| format!("{s}\n")).collect());
        let aligner = Aligner::builder().build().unwrap().with_params(params);
        check(&en, &ja, &aligner)
            .findings
            .into_iter()
            .filter(|f| matches!(f.kind, FindingKind::Omission | FindingKind::Addition))
            .map(|f| format!("{} {:?} {:?}", f.kind, f.en_ids, f.ja_ids))
            .collect()
    }

    #[test]
    fn a_freely_rendered_line_of_a_clean_chat_stays_paired() {
        assert!(gaps(CHAT_EN, &CHAT_JA, Params::for_checking()).is_empty());
        // With the whole absent-evidence cost in a document that drops nothing, the pair
        // that matches nothing is taken apart, and the gap it leaves makes the document look
        // irregular enough to keep it apart.
        let whole = Params {
            absent_clean: 1.0,
            ..Params::for_checking()
        };
        assert_eq!(
            gaps(CHAT_EN, &CHAT_JA, whole),
            ["omission [] [0]", "addition [0] []"]
        );
    }

    #[test]
    fn a_chat_line_the_english_leaves_out_is_one_omission() {
        let en: String = CHAT_EN.lines().skip(1).map(|l| format!("{l}\n")).collect();
        let mut ja = CHAT_JA[1..].to_vec();
        ja.insert(9, "改札の前で待ってるね。");
        assert_eq!(gaps(&en, &ja, Params::for_checking()), ["omission [] [9]"]);
    }

    /// Runs of doubtful pairs: `pairs` pairs and then an unmatched sentence, each pair with
    /// the share `own` of its offered weight matched and the share `chance` matched shifted.
    fn run(pairs: usize, own: f32, chance: f32) -> Alignment {
        let pair = |k: usize| Bead {
            en: k..k + 1,
            ja: k..k + 1,
            score: 0.05,
        };
        let mut beads: Vec<Bead> = (0..pairs).map(pair).collect();
        beads.push(Bead {
            en: pairs..pairs + 1,
            ja: pairs..pairs,
            score: 0.9,
        });
        let evidence = beads
            .iter()
            .map(|b| crate::align::evidence::Evidence {
                matched: if b.is_pair() { own * 41.0 } else { 0.0 },
                offered: 40.0,
                shifted: if b.is_pair() { chance } else { 0.0 },
                ..Default::default()
            })
            .collect();
        Alignment {
            beads,
            evidence,
            ..Alignment::default()
        }
    }

    #[test]
    fn doubtful_pairs_that_match_far_beyond_chance_are_translated() {
        // A free rendering: a fifth of the words matched, against a twentieth by chance,
        // and every sentence but one paired.
        assert!(matches_better_than_chance(&run(6, 0.2, 0.05), 0..7));
        // Unrelated texts: their pairs match a little more than they match shifted.
        assert!(!matches_better_than_chance(&run(6, 0.1, 0.05), 0..7));
        // Next to nothing in common either way: a ratio of small shares tells nothing.
        assert!(!matches_better_than_chance(&run(6, 0.015, 0.002), 0..7));
        // Much of the run unmatched: an untranslated stretch whose few pairs the search
        // put where they happen to match.
        assert!(!matches_better_than_chance(&run(2, 0.2, 0.05), 1..3));
        // No pair: nothing to judge by.
        assert!(!matches_better_than_chance(&run(6, 0.2, 0.05), 6..7));
    }

    #[test]
    fn kinds_parse_by_name() {
        for k in FindingKind::ALL {
            assert_eq!(k.name().parse::<FindingKind>().unwrap(), k);
        }
        assert!("typo".parse::<FindingKind>().is_err());
    }
}
