//! Romanization of katakana readings (Hepburn, long vowels folded) and a phonetic skeleton
//! shared by romanized Japanese and English spelling, so that サイトウ meets "Saito",
//! トウキョウ meets "Tokyo" and サイバー meets "cyber".

/// Hepburn romanization of a katakana (or hiragana) string, lowercase. Characters that are
/// not kana are passed through lowercased.
pub fn romanize(kana: &str) -> String {
    let chars: Vec<char> = kana.chars().map(to_katakana).collect();
    let mut out = String::with_capacity(chars.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Small ャュョァィゥェォ after a consonant syllable: キャ → kya, シャ → sha, ティ → ti.
        if let Some(&next) = chars.get(i + 1) {
            if let Some(v) = small_vowel(next) {
                if let Some(base) = syllable(c) {
                    let stem = base.trim_end_matches(['a', 'i', 'u', 'e', 'o']);
                    let stem = if stem.is_empty() { base } else { stem };
                    let glide = match (stem, next) {
                        ("sh" | "ch" | "j", 'ャ' | 'ュ' | 'ョ') => "",
                        (_, 'ャ' | 'ュ' | 'ョ') => "y",
                        _ => "",
                    };
                    out.push_str(stem);
                    out.push_str(glide);
                    out.push_str(v);
                    i += 2;
                    continue;
                }
            }
        }
        match c {
            'ッ' => {
                // Doubles the next consonant: ッテ → tte.
                if let Some(next) = chars.get(i + 1).and_then(|&n| syllable(n)) {
                    if let Some(first) = next.chars().next().filter(|f| !"aiueo".contains(*f)) {
                        out.push(if first == 'c' { 't' } else { first });
                    }
                }
            }
            'ー' => {
                if let Some(last) = out.chars().last().filter(|l| "aiueo".contains(*l)) {
                    out.push(last);
                }
            }
            _ => match syllable(c) {
                Some(s) => out.push_str(s),
                None => out.extend(c.to_lowercase()),
            },
        }
        i += 1;
    }
    out
}

/// Folds long vowels the way English spellings of Japanese names do: ou, oo, uu, aa, ii, ee
/// become one vowel (saitou → saito, oono → ono), and "oh" before a consonant too (Ohno).
pub fn fold_long_vowels(s: &str) -> String {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        out.push(c);
        let next = b.get(i + 1).copied();
        let after = b.get(i + 2).copied();
        let skip = match (c, next) {
            ('o', Some('u' | 'o'))
            | ('u', Some('u'))
            | ('a', Some('a'))
            | ('e', Some('e'))
            | ('i', Some('i')) => true,
            ('o', Some('h')) => after.is_some_and(|a| !"aiueoy".contains(a)),
            _ => false,
        };
        i += if skip { 2 } else { 1 };
    }
    out
}

/// A consonant skeleton that English spelling and Japanese transcription tend to share:
/// vowels, h, w and y dropped, voiced and voiceless consonants merged, l = r, v = b,
/// a syllable-final r (silent in English loans: "cyber" → サイバー) dropped. A syllable-final
/// l is kept: Japanese gives it a syllable of its own (ホテル, ダニエル, ミルク).
pub fn skeleton(word: &str) -> String {
    skeleton_of(word, false)
}

/// The skeletons of an English word: [`skeleton`]'s, and, when the word has a syllable-final
/// r, a second one with that r pronounced, as names from Spanish or Italian are transcribed
/// (Barcelona → バルセロナ, Martinez → マルティネス). The features take the second for a
/// capitalised word only.
pub fn english_skeletons(word: &str) -> (String, Option<String>) {
    let plain = skeleton(word);
    // Without an r there is nothing to keep: most words take one pass.
    if !word.contains(['r', 'R']) {
        return (plain, None);
    }
    let kept = skeleton_of(word, true);
    let kept = (kept != plain).then_some(kept);
    (plain, kept)
}

fn skeleton_of(word: &str, keep_final_r: bool) -> String {
    let w: Vec<char> = word.chars().flat_map(|c| c.to_lowercase()).collect();
    let is_vowel = |c: Option<&char>| matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    let mut out = String::new();
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1);
        let mapped = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' => None,
            'c' | 's' | 't' | 'p' if next == Some(&'h') => {
                // The digraphs ch, sh, th and ph: one consonant, the h taken with it.
                i += 1;
                Some(match c {
                    'c' => 't',
                    'p' => 'f',
                    _ => 's',
                })
            }
            'c' if matches!(next, Some('e' | 'i' | 'y')) => Some('s'),
            'c' | 'q' | 'g' => Some('k'),
            'k' => Some('k'),
            'x' => Some('k'),
            'b' | 'p' | 'v' => Some('b'),
            'd' | 't' => Some('t'),
            'z' | 's' => Some('s'),
            'j' => Some('t'),
            'f' => Some('f'),
            'r' if !is_vowel(next) && !keep_final_r => None,
            'l' | 'r' => Some('r'),
            'm' if matches!(next, Some('b' | 'p')) => Some('n'),
            'm' => Some('m'),
            'n' => Some('n'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        };
        if let Some(m) = mapped {
            if !out.ends_with(m) {
                out.push(m);
            }
        }
        i += 1;
    }
    out
}

fn to_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

fn small_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'ャ' => "a",
        'ュ' => "u",
        'ョ' => "o",
        'ァ' => "a",
        'ィ' => "i",
        'ゥ' => "u",
        'ェ' => "e",
        'ォ' => "o",
        _ => return None,
    })
}

fn syllable(c: char) -> Option<&'static str> {
    Some(match c {
        'ア' | 'ァ' => "a",
        'イ' | 'ィ' => "i",
        'ウ' | 'ゥ' => "u",
        'エ' | 'ェ' => "e",
        'オ' | 'ォ' => "o",
        'カ' => "ka",
        'キ' => "ki",
        'ク' => "ku",
        'ケ' => "ke",
        'コ' => "ko",
        'ガ' => "ga",
        'ギ' => "gi",
        'グ' => "gu",
        'ゲ' => "ge",
        'ゴ' => "go",
        'サ' => "sa",
        'シ' => "shi",
        'ス' => "su",
        'セ' => "se",
        'ソ' => "so",
        'ザ' => "za",
        'ジ' | 'ヂ' => "ji",
        'ズ' | 'ヅ' => "zu",
        'ゼ' => "ze",
        'ゾ' => "zo",
        'タ' => "ta",
        'チ' => "chi",
        'ツ' => "tsu",
        'テ' => "te",
        'ト' => "to",
        'ダ' => "da",
        'デ' => "de",
        'ド' => "do",
        'ナ' => "na",
        'ニ' => "ni",
        'ヌ' => "nu",
        'ネ' => "ne",
        'ノ' => "no",
        'ハ' => "ha",
        'ヒ' => "hi",
        'フ' => "fu",
        'ヘ' => "he",
        'ホ' => "ho",
        'バ' => "ba",
        'ビ' => "bi",
        'ブ' => "bu",
        'ベ' => "be",
        'ボ' => "bo",
        'パ' => "pa",
        'ピ' => "pi",
        'プ' => "pu",
        'ペ' => "pe",
        'ポ' => "po",
        'マ' => "ma",
        'ミ' => "mi",
        'ム' => "mu",
        'メ' => "me",
        'モ' => "mo",
        'ヤ' | 'ャ' => "ya",
        'ユ' | 'ュ' => "yu",
        'ヨ' | 'ョ' => "yo",
        'ラ' => "ra",
        'リ' => "ri",
        'ル' => "ru",
        'レ' => "re",
        'ロ' => "ro",
        'ワ' => "wa",
        'ヰ' => "i",
        'ヱ' => "e",
        'ヲ' => "o",
        'ン' => "n",
        'ヴ' => "vu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hepburn_with_folding() {
        assert_eq!(romanize("サイトウ"), "saitou");
        assert_eq!(fold_long_vowels(&romanize("サイトウ")), "saito");
        assert_eq!(fold_long_vowels(&romanize("トウキョウ")), "tokyo");
        assert_eq!(romanize("シャチョウ"), "shachou");
        assert_eq!(romanize("ホッカイドウ"), "hokkaidou");
        assert_eq!(romanize("マッチ"), "matchi");
        assert_eq!(romanize("サイバー"), "saibaa");
        assert_eq!(fold_long_vowels("ohno"), "ono");
        assert_eq!(fold_long_vowels(&romanize("オオノ")), "ono");
    }

    #[test]
    fn skeletons_meet_across_spellings() {
        assert_eq!(skeleton(&romanize("サイバー")), skeleton("cyber"));
        assert_eq!(skeleton(&romanize("コンピューター")), skeleton("computer"));
        assert_eq!(skeleton(&romanize("テロ")), skeleton("terror"));
        assert_ne!(skeleton("tokyo"), skeleton("kyoto"));
        assert_eq!(skeleton(&romanize("ダニエル")), skeleton("Daniel"));
        assert_eq!(skeleton(&romanize("ホテル")), skeleton("hotel"));
        assert_eq!(
            english_skeletons("cyber"),
            ("sb".to_string(), Some("sbr".to_string()))
        );
        assert_eq!(
            english_skeletons("barcelona").1,
            Some(skeleton(&romanize("バルセロナ")))
        );
        assert_eq!(
            english_skeletons("Martinez").1,
            Some(skeleton(&romanize("マルティネス")))
        );
        assert_eq!(english_skeletons("tokyo"), (skeleton("tokyo"), None));
        assert_eq!(english_skeletons("Ruby").1, None);
    }
}
