//! Alignment invariants over arbitrary document pairs: every sentence of each side lands in
//! exactly one bead, in order, and every score is in [0, 1].

use hashi::segment::{Document, Lang};
use hashi::{Aligner, LexiconChoice};
use proptest::prelude::*;

fn english() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        Just("Mr. Saito, 45, said the budget rose 3.5 percent to ¥120 million.".to_string()),
        Just("JAXA launched the rocket at 9:22 a.m. on July 24.".to_string()),
        Just("Trending".to_string()),
        Just("\"It was luck. Pure luck,\" he said.".to_string()),
        "[A-Za-z0-9 ,.]{0,40}",
        any::<String>(),
    ];
    document(sentence, [" ", "\n", "\n\n"])
}

fn japanese() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        Just("斎藤健一さん（４５）は予算が3.5％増の1億2千万円になったと話した。".to_string()),
        Just("JAXAは7月24日午前9時22分、ロケットを打ち上げた。".to_string()),
        Just("「運が良かった。本当に」と語った。".to_string()),
        Just("見出し".to_string()),
        "[ぁ-んァ-ン一-龥０-９。、]{0,30}",
        any::<String>(),
    ];
    document(sentence, ["", "\n", "\n\n"])
}

/// Up to 24 of `sentence`, each followed by one of `separators`: within a paragraph, a new
/// line, a new paragraph.
fn document(
    sentence: impl Strategy<Value = String>,
    separators: [&'static str; 3],
) -> impl Strategy<Value = String> {
    let [within, line, paragraph] = separators;
    prop::collection::vec(
        (
            sentence,
            prop_oneof![Just(within), Just(line), Just(paragraph)],
        ),
        0..25,
    )
    .prop_map(|v| v.into_iter().map(|(s, sep)| s + sep).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn every_sentence_in_exactly_one_bead_in_order(en in english(), ja in japanese(), lexicon in any::<bool>()) {
        let en = Document::segment(Lang::En, en);
        let ja = Document::segment(Lang::Ja, ja);
        let choice = if lexicon { LexiconChoice::Bundled } else { LexiconChoice::None };
        let aligner = Aligner::builder().lexicon(choice).build().unwrap();
        let alignment = aligner.alignment(&en, &ja);
        prop_assert!(alignment.covers(en.len(), ja.len()));
        for bead in &alignment.beads {
            prop_assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
            prop_assert!(bead.en.len() <= 3 && bead.ja.len() <= 3);
        }
    }
}

#[test]
fn long_lopsided_documents_are_covered_without_a_quadratic_table() {
    // 3,000 English sentences against 40 Japanese: the band must widen, not break.
    let en: String = (0..3000)
        .map(|i| format!("Sentence number {i} is here.\n"))
        .collect();
    let ja: String = (0..40).map(|i| format!("第{i}文です。\n")).collect();
    let en = Document::segment(Lang::En, en);
    let ja = Document::segment(Lang::Ja, ja);
    let alignment = Aligner::builder().build().unwrap().alignment(&en, &ja);
    assert!(alignment.covers(3000, 40));
}
