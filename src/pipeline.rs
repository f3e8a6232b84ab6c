//! The whole pipeline for one document pair: features for every sentence, then alignment.

use crate::align::{self, Alignment, AnchorTable, Layout, PairTables, Params, Side, Verdict};
use crate::features::{self, SentenceFeatures};
use crate::lexicon::Lexicon;
use crate::segment::{japanese, Document, Sentence};
use crate::tokenizer::JapaneseTokenizer;

/// Sentences (both sides) from which [`Aligner::align`] hands the dictionary's pages back
/// once the features are taken ([`JapaneseTokenizer::release_pages`]): where the search's
/// tables are large enough to matter, and reading the pages in again for the next document
/// costs little beside its alignment.
const RELEASE_DICTIONARY_AT: usize = 4000;

/// Aligns English documents with Japanese ones. Holds borrowed resources, so one aligner can
/// serve many document pairs (and threads) without reloading anything.
pub struct Aligner<'a> {
    /// Tokenizes the Japanese side, for its lexicon words and names.
    pub tokenizer: &'a JapaneseTokenizer,
    /// The bilingual lexicon; `None` aligns on numbers, names and length alone.
    pub lexicon: Option<&'a Lexicon>,
    /// The cost model's and the search's constants; [`Aligner::new`] picks them by whether
    /// there is a lexicon.
    pub params: Params,
    /// Threads for feature extraction (tokenizing is most of the work on long documents).
    pub threads: usize,
}

impl<'a> Aligner<'a> {
    /// An aligner with the default parameters for its lexicon: [`Params::default`] with one,
    /// [`Params::without_lexicon`] without; one feature thread.
    pub fn new(tokenizer: &'a JapaneseTokenizer, lexicon: Option<&'a Lexicon>) -> Self {
        Aligner {
            tokenizer,
            lexicon,
            params: match lexicon {
                Some(_) => Params::default(),
                None => Params::without_lexicon(),
            },
            threads: 1,
        }
    }

    /// This aligner with the parameters `hashi check` uses ([`Params::for_checking`]) when
    /// it has a lexicon; without one, the lexicon-free parameters [`Aligner::new`] chose stay.
    pub fn for_checking(mut self) -> Self {
        if self.lexicon.is_some() {
            self.params = Params::for_checking();
        }
        self
    }

    /// The features of every sentence of an English document, in order.
    pub fn english_features(&self, doc: &Document) -> Vec<SentenceFeatures> {
        self.per_sentence(doc, |s, out| self.english_sentence(doc, s, out), collect())
    }

    /// The features of every sentence of a Japanese document, in order (tokenizing each).
    pub fn japanese_features(&self, doc: &Document) -> Vec<SentenceFeatures> {
        self.per_sentence(doc, |s, out| self.japanese_sentence(doc, s, out), collect())
    }

    /// What the aligner needs of the English document's features, each sentence's features
    /// dropped as soon as they are stored there.
    pub fn english_anchors(&self, doc: &Document) -> AnchorTable {
        self.per_sentence(doc, |s, out| self.english_sentence(doc, s, out), tabulate())
    }

    /// [`Aligner::english_anchors`] for the Japanese document.
    pub fn japanese_anchors(&self, doc: &Document) -> AnchorTable {
        self.per_sentence(
            doc,
            |s, out| self.japanese_sentence(doc, s, out),
            tabulate(),
        )
    }

    fn english_sentence(
        &self,
        doc: &Document,
        s: &Sentence,
        out: &mut dyn FnMut(SentenceFeatures),
    ) {
        for_pieces(&doc.text, s.span.clone(), out, |piece| {
            features::english(&doc.text, piece, self.lexicon)
        });
    }

    fn japanese_sentence(
        &self,
        doc: &Document,
        s: &Sentence,
        out: &mut dyn FnMut(SentenceFeatures),
    ) {
        for_pieces(&doc.text, s.span.clone(), out, |piece| {
            let tokens = japanese::sentence_tokens(self.tokenizer, &doc.text, piece.clone());
            features::japanese(&doc.text, piece, &tokens, self.lexicon)
        });
    }

    /// The features of every sentence of `doc`, gathered by `gather` in sentence order, on
    /// [`Aligner::threads`] threads (each gathers a run of sentences, then the runs join).
    /// `f` gives a sentence's features in one or more parts ([`for_pieces`]).
    fn per_sentence<T: Send + Default>(
        &self,
        doc: &Document,
        f: impl Fn(&Sentence, &mut dyn FnMut(SentenceFeatures)) + Sync,
        gather: Gather<T>,
    ) -> T {
        let run = |part: &[Sentence]| {
            let mut out = T::default();
            for s in part {
                let mut first = true;
                f(s, &mut |features| {
                    if std::mem::take(&mut first) {
                        (gather.add)(&mut out, features);
                    } else {
                        (gather.more)(&mut out, features);
                    }
                });
            }
            out
        };
        let threads = self.threads.max(1);
        if threads == 1 || doc.sentences.len() < 64 {
            return run(&doc.sentences);
        }
        let chunk = doc.sentences.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = doc
                .sentences
                .chunks(chunk)
                .map(|part| {
                    let run = &run;
                    scope.spawn(move || run(part))
                })
                .collect();
            let mut all = T::default();
            for h in handles {
                (gather.join)(
                    &mut all,
                    h.join().expect("feature extraction does not panic"),
                );
            }
            all
        })
    }

    /// Aligns the sentences of `en` with those of `ja`. Unlike
    /// [`Aligner::align_with_features`], it keeps no sentence's features past storing what
    /// the aligner needs of them.
    pub fn align(&self, en: &Document, ja: &Document) -> Alignment {
        let (et, jt) = self.both(|| self.english_anchors(en), || self.japanese_anchors(ja));
        if en.sentences.len() + ja.sentences.len() >= RELEASE_DICTIONARY_AT {
            // The dictionary is done with: its pages make room for the search's tables.
            self.tokenizer.release_pages();
        }
        let (ep, jp) = (paragraphs(en), paragraphs(ja));
        let (efu, jfu) = (furniture(en), furniture(ja));
        self.align_anchors(
            PairTables::new(et, jt),
            Layout {
                paragraphs: &ep,
                furniture: &efu,
            },
            Layout {
                paragraphs: &jp,
                furniture: &jfu,
            },
        )
    }

    /// Aligns two documents given their anchor tables ([`Aligner::english_anchors`],
    /// [`Aligner::japanese_anchors`]) and where their sentences stand, and judges the pair,
    /// as [`Aligner::align`] does: for a caller that keeps tables to align a document with
    /// several others (`pair`).
    pub fn align_anchors(&self, tables: PairTables, en: Layout<'_>, ja: Layout<'_>) -> Alignment {
        let alignment = align::align_tables(tables, en, ja, &self.params);
        self.judged(alignment, en.furniture, ja.furniture)
    }

    /// `alignment` with its verdict ([`Verdict`]), page furniture left out: judged when there
    /// is a lexicon.
    fn judged(&self, mut alignment: Alignment, efu: &[bool], jfu: &[bool]) -> Alignment {
        let verdict = Verdict::of(&alignment, efu, jfu);
        alignment.verdict = match self.lexicon {
            Some(_) => verdict,
            None => verdict.unjudged(),
        };
        alignment
    }

    /// Runs `english` and `japanese`, side by side when there are threads to spare.
    fn both<E: Send, J>(
        &self,
        english: impl FnOnce() -> E + Send,
        japanese: impl FnOnce() -> J,
    ) -> (E, J) {
        if self.threads > 1 {
            // Japanese tokenizing dominates; let English run beside it.
            std::thread::scope(|scope| {
                let e = scope.spawn(english);
                let j = japanese();
                (e.join().expect("feature extraction does not panic"), j)
            })
        } else {
            (english(), japanese())
        }
    }

    /// Aligns as [`Aligner::align`] does and also hands back the per-sentence features it
    /// computed, so that a caller looking into the pairs (`check`) need not tokenize again.
    pub fn align_with_features(
        &self,
        en: &Document,
        ja: &Document,
    ) -> (Alignment, Vec<SentenceFeatures>, Vec<SentenceFeatures>) {
        let (ef, jf) = self.both(|| self.english_features(en), || self.japanese_features(ja));
        let (ep, jp) = (paragraphs(en), paragraphs(ja));
        let (efu, jfu) = (furniture(en), furniture(ja));
        let alignment = align::align(
            Side {
                features: &ef,
                layout: Layout {
                    paragraphs: &ep,
                    furniture: &efu,
                },
            },
            Side {
                features: &jf,
                layout: Layout {
                    paragraphs: &jp,
                    furniture: &jfu,
                },
            },
            &self.params,
        );
        (self.judged(alignment, &efu, &jfu), ef, jf)
    }
}

/// How [`Aligner::per_sentence`] gathers features: `add` takes one sentence's, `more` the
/// next part of the last sentence's ([`for_pieces`]), `join` appends a later run of
/// sentences to an earlier one.
struct Gather<T> {
    add: fn(&mut T, SentenceFeatures),
    more: fn(&mut T, SentenceFeatures),
    join: fn(&mut T, T),
}

/// Gathers the features themselves.
fn collect() -> Gather<Vec<SentenceFeatures>> {
    Gather {
        add: |all, f| all.push(f),
        more: |all, f| {
            let last = all.last_mut().expect("a sentence's first part came first");
            last.len += f.len;
            last.items.extend(f.items);
        },
        join: |all, more| all.extend(more),
    }
}

/// Gathers only what the aligner needs of them.
fn tabulate() -> Gather<AnchorTable> {
    Gather {
        add: |table, f| table.push(&f),
        more: |table, f| table.extend_last(&f),
        join: |table, more| table.append(more),
    }
}

/// A sentence longer than this (in bytes) has its features made a piece at a time.
const PIECE_BYTES: usize = 1 << 16;

/// Calls `out` with the features `features` makes of the sentence at `span` of `text`: of
/// the whole sentence in one call when it is at most [`PIECE_BYTES`] long (every sentence of
/// a real document), else of one piece after another, each at most that long and cut after
/// white space or a comma where there is one in its second half, so that the sentence's
/// tokens, words and their features never all exist at once (a 20 MB line of one sentence
/// took 2.4 GB). The pieces' lengths add up to the sentence's; a word or a number cut by a
/// piece's end is read as two, and only the last piece's end can be the sentence's mood.
fn for_pieces(
    text: &str,
    span: std::ops::Range<usize>,
    out: &mut dyn FnMut(SentenceFeatures),
    features: impl Fn(std::ops::Range<usize>) -> SentenceFeatures,
) {
    if span.len() <= PIECE_BYTES {
        out(features(span));
        return;
    }
    let mut start = span.start;
    while start < span.end {
        let end = piece_end(text, start, span.end);
        let mut f = features(start..end);
        if end < span.end {
            f.items
                .retain(|item| item.kind != features::AnchorKind::Mood);
        }
        out(f);
        start = end;
    }
}

/// Where the piece of `text` from `start` ends, for [`for_pieces`]: at `end` when that is
/// within [`PIECE_BYTES`], else after the last white space or comma of the piece's second
/// half, else at the last character boundary within it.
fn piece_end(text: &str, start: usize, end: usize) -> usize {
    if end - start <= PIECE_BYTES {
        return end;
    }
    let mut limit = start + PIECE_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut half = start + PIECE_BYTES / 2;
    while !text.is_char_boundary(half) {
        half += 1;
    }
    text[half..limit]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, ',' | '、' | '，' | '。'))
        .map(|(at, c)| half + at + c.len_utf8())
        .unwrap_or(limit)
}

/// Whether each sentence of `doc` is page furniture.
fn furniture(doc: &Document) -> Vec<bool> {
    doc.sentences.iter().map(|s| s.furniture).collect()
}

/// The paragraph number of each sentence of `doc`.
fn paragraphs(doc: &Document) -> Vec<usize> {
    doc.sentences.iter().map(|s| s.paragraph).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;

    fn beads(en: &str, ja: &str, params: Params) -> Vec<String> {
        let en = Document::presegmented(Lang::En, en.into());
        let ja = Document::presegmented(Lang::Ja, ja.into());
        let mut aligner = Aligner::new(
            crate::tokenizer::shared(),
            Some(crate::lexicon::Lexicon::embedded()),
        );
        aligner.params = params;
        aligner
            .align(&en, &ja)
            .beads
            .iter()
            .map(|b| format!("{:?}:{:?}", b.en, b.ja))
            .collect()
    }

    #[test]
    fn tables_built_on_two_threads_align_as_the_features_do() {
        // 30 × 4 sentences a side, past the 64 below which one thread does all: each
        // thread numbers the keys of its run in its own order, renumbered when they join.
        let en: String = (0..30)
            .map(|k| {
                format!(
                    "JAXA launched rocket H{k} from the Tanegashima Space Center on Sunday.\n\
                    About {} people watched the launch from the coast.\n\
                    The satellite it carried cost about {} billion yen.\n\
                    The next launch is planned for March.\n",
                    4000 + k * 7,
                    38 + k
                )
            })
            .collect();
        let ja: String = (0..30)
            .map(|k| {
                format!(
                    "JAXAは日曜日、種子島宇宙センターからH{k}ロケットを打ち上げた。\n\
                    海岸では約{}人が打ち上げを見守った。\n\
                    搭載した衛星の開発費は約{}億円。\n\
                    次の打ち上げは3月に予定されている。\n",
                    4000 + k * 7,
                    (38 + k) * 10
                )
            })
            .collect();
        let en = Document::presegmented(Lang::En, en);
        let ja = Document::presegmented(Lang::Ja, ja);
        let mut aligner = Aligner::new(
            crate::tokenizer::shared(),
            Some(crate::lexicon::Lexicon::embedded()),
        );
        aligner.threads = 2;
        let tabled = aligner.align(&en, &ja);
        let (from_features, _, _) = aligner.align_with_features(&en, &ja);
        assert_eq!(tabled.beads.len(), 120);
        assert!(tabled
            .beads
            .iter()
            .all(|b| b.en.len() == 1 && b.ja.len() == 1));
        assert_eq!(tabled.beads, from_features.beads);
    }

    #[test]
    fn a_headline_repeating_the_lead_is_not_merged_into_it() {
        let en = "JAXA launches H3 rocket from Tanegashima\n\
            JAXA launched its H3 rocket from the Tanegashima Space Center in Kagoshima on Sunday morning.\n\
            About 4,000 people watched the launch from the coast.\n\
            The satellite it carried cost about 38 billion yen.\n";
        let ja = "JAXAは日曜日の朝、鹿児島県の種子島宇宙センターからH3ロケットを打ち上げた。\n\
            海岸では約4千人が打ち上げを見守った。\n\
            搭載した衛星の開発費は約380億円。\n";
        assert_eq!(
            beads(en, ja, Params::default()),
            ["0..1:0..0", "1..2:0..1", "2..3:1..2", "3..4:2..3"]
        );
        // Without the cost on members that bring nothing of their own, it is merged.
        let merging = Params {
            exclusive_weight: 0.0,
            ..Params::default()
        };
        assert_eq!(
            beads(en, ja, merging),
            ["0..2:0..1", "2..3:1..2", "3..4:2..3"]
        );
    }

    #[test]
    fn latin_words_the_english_never_writes_unpair_an_added_sentence() {
        let en =
            "JAXA launched its H3 rocket from the Tanegashima Space Center on Sunday morning.\n\
            About 4,000 people watched the launch from the coast.\n\
            The rocket's engine was developed by a large team of engineers.\n\
            The next launch is planned for March.\n";
        let ja = "JAXAは日曜日の朝、種子島宇宙センターからH3ロケットを打ち上げた。\n\
            海岸では約4千人が打ち上げを見守った。\n\
            打ち上げの様子はYouTubeとNHKで生中継された。\n\
            次の打ち上げは3月に予定されている。\n";
        assert_eq!(
            beads(en, ja, Params::default()),
            [
                "0..1:0..1",
                "1..2:1..2",
                "2..2:2..3",
                "2..3:3..3",
                "3..4:3..4"
            ]
        );
        // Counted as nothing, as they were, YouTube and NHK leave the sentences to pair on
        // their fitting lengths.
        let ignoring = Params {
            orphan_latin: 0.0,
            ..Params::default()
        };
        assert_eq!(
            beads(en, ja, ignoring),
            ["0..1:0..1", "1..2:1..2", "2..3:2..3", "3..4:3..4"]
        );
    }

    #[test]
    fn a_sentence_longer_than_a_piece_has_the_features_of_its_pieces_together() {
        // Three pieces of English and of Japanese, each cut after white space or 、.
        let en = "The rocket launched on Wednesday and ".repeat(5000) + "landed?";
        let ja = "ロケットは水曜日に打ち上げられ、".repeat(3000) + "着陸した？";
        assert!(en.len() > 2 * PIECE_BYTES && ja.len() > 2 * PIECE_BYTES);
        let aligner = Aligner::new(
            crate::tokenizer::shared(),
            Some(crate::lexicon::Lexicon::embedded()),
        );
        let en_doc = Document::presegmented(Lang::En, en.clone());
        let ja_doc = Document::presegmented(Lang::Ja, ja.clone());
        let whole_en = features::english(&en, 0..en.len(), aligner.lexicon);
        let tokens = japanese::sentence_tokens(aligner.tokenizer, &ja, 0..ja.len());
        let whole_ja = features::japanese(&ja, 0..ja.len(), &tokens, aligner.lexicon);
        for (pieces, whole) in [
            (aligner.english_features(&en_doc), whole_en),
            (aligner.japanese_features(&ja_doc), whole_ja),
        ] {
            assert_eq!(pieces.len(), 1);
            let (pieces, whole) = (&pieces[0], &whole);
            assert_eq!(pieces.len, whole.len);
            let spans = |f: &SentenceFeatures| {
                f.items
                    .iter()
                    .map(|i| (i.span.clone(), i.keys.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(spans(pieces), spans(whole));
            // The question mark at the end is the last piece's.
            assert_eq!(
                pieces
                    .items
                    .iter()
                    .filter(|i| i.kind == features::AnchorKind::Mood)
                    .count(),
                1
            );
        }
        // And the aligner's tables hold the same.
        let alignment = aligner.align(&en_doc, &ja_doc);
        assert_eq!(alignment.beads.len(), 1);
        assert!(alignment.beads[0].is_pair());
    }
}
