//! Invariants of segmentation over arbitrary text: sentences are ordered, disjoint, trimmed
//! and non-empty, every non-space character belongs to a sentence, and paragraphs only grow.

use hashi::segment::{Document, Lang};
use proptest::prelude::*;

fn check(doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let mut covered = vec![false; text.len()];
    let mut prev_end = 0;
    let mut prev_para = 0;
    for s in &doc.sentences {
        prop_assert!(
            s.span.start >= prev_end && s.span.start < s.span.end && s.span.end <= text.len()
        );
        prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        let t = &text[s.span.clone()];
        prop_assert!(!t.starts_with(char::is_whitespace) && !t.ends_with(char::is_whitespace));
        prop_assert!(!t.contains('\n'));
        prop_assert!(s.paragraph >= prev_para);
        covered[s.span.clone()].iter_mut().for_each(|c| *c = true);
        prev_end = s.span.end;
        prev_para = s.paragraph;
    }
    for (i, c) in text.char_indices() {
        if !covered[i] {
            prop_assert!(
                c.is_whitespace() || c == '\u{feff}',
                "lost {:?} at {}",
                c,
                i
            );
        }
    }
    Ok(())
}

fn news_like() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("。".to_string()),
            Just("「".to_string()),
            Just("」".to_string()),
            Just("（".to_string()),
            Just("）".to_string()),
            Just("！？".to_string()),
            Just(". ".to_string()),
            Just("Mr. ".to_string()),
            Just("U.S. ".to_string()),
            Just("\n".to_string()),
            Just("\r\n\r\n".to_string()),
            Just("\"".to_string()),
            Just("3.5".to_string()),
            Just(" ".to_string()),
            Just("\u{feff}".to_string()),
            Just("(^o^)".to_string()),
            Just("＼(^o^)／".to_string()),
            Just("😊".to_string()),
            Just("ｗｗ".to_string()),
            Just("（笑）".to_string()),
            Just("…".to_string()),
            Just("#URL#".to_string()),
            Just("？と".to_string()),
            Just(" 1. ".to_string()),
            Just(" • ".to_string()),
            Just("Yahoo!".to_string()),
            Just("etc. ".to_string()),
            "[a-zA-Z]{1,8}",
            "[ぁ-んァ-ン一-龥]{1,6}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..60,
    );
    pieces.prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn english_segmentation_loses_nothing(text in news_like()) {
        check(&Document::segment(Lang::En, text))?;
    }

    #[test]
    fn japanese_segmentation_loses_nothing(text in news_like()) {
        check(&Document::segment(Lang::Ja, text))?;
    }

    #[test]
    fn arbitrary_unicode_loses_nothing(text in any::<String>()) {
        check(&Document::segment(Lang::En, text.clone()))?;
        check(&Document::segment(Lang::Ja, text.clone()))?;
        check(&Document::presegmented(Lang::Ja, text))?;
    }
}
