//! The review page: one self-contained HTML file showing an alignment as rows, English and
//! Japanese side by side, each bead's score and the `check` findings on the rows they
//! concern. In [`Mode::Review`] a person corrects it in the browser (merge, split, move a
//! sentence, approve, reject, undo) and exports CSV, TMX and a bead file; in
//! [`Mode::ReadOnly`] the same page only shows (what `check --html` is meant to become, so
//! that there is one page design, not two).
//!
//! The page is `page.html` with the stylesheet, the script and the document data put in its
//! placeholders. The document is data, never markup: it travels as JSON inside a
//! `<script type="application/json">` element with `<`, `>`, `&`, U+2028 and U+2029 written
//! as `\u` escapes, so no text can close that element, and the script puts every text into
//! the page with `textContent`.

use std::io::{self, Write};

use serde::Serialize;

use crate::align::Alignment;
use crate::check::Finding;
use crate::escape;
use crate::export::Options;
use crate::segment::{Document, Lang};

const PAGE: &str = include_str!("page.html");
const CSS: &str = include_str!("review.css");
const JS: &str = include_str!("review.js");

/// What the page lets a person do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Rows can be edited, approved and rejected; work is kept in the browser's storage.
    Review,
    /// Rows, scores and findings are shown, navigated, filtered and exported, not changed.
    ReadOnly,
}

/// Everything a page shows.
pub struct Page<'a> {
    /// The English document, segmented.
    pub en: &'a Document,
    /// The Japanese document, segmented.
    pub ja: &'a Document,
    /// The rows the page opens with.
    pub alignment: &'a Alignment,
    /// Findings to show; each is shown on every row holding one of its sentences, so that
    /// findings of another alignment (`check`'s parameters) land on the rows they concern
    /// and follow their sentences through edits.
    pub findings: &'a [Finding],
    /// The document's name as the page shows it (file names, say).
    pub name: &'a str,
    /// Whether the page edits or only shows.
    pub mode: Mode,
    /// The TMX export's language codes and source language, as `hashi align --format tmx`
    /// takes them.
    pub options: &'a Options,
}

#[derive(Serialize)]
struct Data<'a> {
    name: &'a str,
    /// The storage key of work in progress: the same texts and starting rows give the same
    /// key, so a page regenerated from changed input does not pick up stale edits.
    id: String,
    mode: Mode,
    version: &'static str,
    tmx: Tmx<'a>,
    en: Vec<&'a str>,
    ja: Vec<&'a str>,
    /// `[en_start, en_end, ja_start, ja_end]` a row.
    beads: Vec<[usize; 4]>,
    /// Each bead's score as `hashi align` prints it (four decimals), so the exports write
    /// exactly the same text.
    scores: Vec<String>,
    findings: Vec<JsonFinding<'a>>,
    /// The verdict on the pair, shown as a banner when it is not a whole translation.
    verdict: Option<String>,
}

#[derive(Serialize)]
struct Tmx<'a> {
    en_lang: &'a str,
    ja_lang: &'a str,
    srclang: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    kind: &'static str,
    en_ids: &'a [usize],
    ja_ids: &'a [usize],
    detail: &'a str,
}

/// Writes the page.
pub fn write(out: &mut dyn Write, page: &Page<'_>) -> io::Result<()> {
    let data = data(page);
    let json = script_safe_json(&serde_json::to_string(&data).map_err(io::Error::other)?);
    let title = match page.mode {
        Mode::Review => "hashi review",
        Mode::ReadOnly => "hashi check",
    };
    // Placeholders are replaced one after another in the template only: a value that happens
    // to contain a placeholder's text is never searched again.
    let mut html = String::with_capacity(PAGE.len() + CSS.len() + JS.len() + json.len());
    let mut rest = PAGE;
    while let Some(at) = rest.find("{{") {
        html.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find("}}") else {
            html.push_str(&rest[at..]);
            rest = "";
            break;
        };
        match &after[..end] {
            "TITLE" => html.push_str(&escape::html(&format!("{title}: {}", page.name))),
            "CSS" => html.push_str(CSS),
            "JS" => html.push_str(JS),
            "DATA" => html.push_str(&json),
            other => {
                html.push_str("{{");
                html.push_str(other);
                html.push_str("}}");
            }
        }
        rest = &after[end + 2..];
    }
    html.push_str(rest);
    out.write_all(html.as_bytes())
}

fn data<'a>(page: &Page<'a>) -> Data<'a> {
    let texts = |doc: &'a Document| -> Vec<&'a str> {
        (0..doc.len()).map(|i| doc.sentence_text(i)).collect()
    };
    let (en, ja) = (texts(page.en), texts(page.ja));
    let beads: Vec<[usize; 4]> = page
        .alignment
        .beads
        .iter()
        .map(|b| [b.en.start, b.en.end, b.ja.start, b.ja.end])
        .collect();
    let scores = page
        .alignment
        .beads
        .iter()
        .map(|b| format!("{:.4}", b.score))
        .collect();
    let findings = page
        .findings
        .iter()
        .map(|f| JsonFinding {
            kind: f.kind.name(),
            en_ids: &f.en_ids,
            ja_ids: &f.ja_ids,
            detail: &f.detail,
        })
        .collect();
    let srclang = match page.options.srclang {
        Lang::En => &page.options.en_lang,
        Lang::Ja => &page.options.ja_lang,
    };
    Data {
        name: page.name,
        id: identity(&en, &ja, &beads),
        mode: page.mode,
        version: env!("CARGO_PKG_VERSION"),
        tmx: Tmx {
            en_lang: &page.options.en_lang,
            ja_lang: &page.options.ja_lang,
            srclang,
        },
        en,
        ja,
        beads,
        scores,
        findings,
        verdict: (page.alignment.verdict.kind != crate::align::verdict::Kind::Translation)
            .then(|| page.alignment.verdict.describe()),
    }
}

/// FNV-1a (64-bit, `fnv`) over the sentences and the starting rows, in hex: stable across
/// runs and builds (unlike std's hasher), which a key kept in the browser needs.
fn identity(en: &[&str], ja: &[&str], beads: &[[usize; 4]]) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    for (side, texts) in [(b"E", en), (b"J", ja)] {
        h.write(side);
        for t in texts {
            h.write(&(t.len() as u64).to_le_bytes());
            h.write(t.as_bytes());
        }
    }
    for b in beads {
        for n in b {
            h.write(&(*n as u64).to_le_bytes());
        }
    }
    format!("{:016x}", h.finish())
}

/// JSON that can sit inside a `<script>` element whatever its strings hold: `<`, `>` and
/// `&` (which could close the element or start a comment) and U+2028/U+2029 (line breaks
/// to older JavaScript) as `\u` escapes. They only ever occur inside JSON strings, where
/// the escape means the same character.
fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;

    fn page_for(en: &str, ja: &str, name: &str, mode: Mode) -> String {
        let en = Document::presegmented(Lang::En, en.into());
        let ja = Document::presegmented(Lang::Ja, ja.into());
        let alignment = Alignment {
            beads: vec![Bead {
                en: 0..en.len(),
                ja: 0..ja.len(),
                score: 0.5,
            }],
            ..Alignment::default()
        };
        let mut out = Vec::new();
        write(
            &mut out,
            &Page {
                en: &en,
                ja: &ja,
                alignment: &alignment,
                findings: &[],
                name,
                mode,
                options: &Options::default(),
            },
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_cannot_close_the_data_element_or_the_title() {
        let hostile = "</script><script>alert(1)</script> <!-- & \u{2028}\u{2029} {{JS}}";
        let page = page_for(hostile, "日本語。", "<b>{{CSS}}</b>", Mode::Review);
        // The template's own elements, and nothing the text brought.
        assert_eq!(page.matches("</script>").count(), 2);
        assert_eq!(page.matches("<script").count(), 2);
        assert!(!page.contains("<!--"));
        assert!(page.contains(
            r#""en":["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u003c!-- \u0026 \u2028\u2029 {{JS}}"]"#
        ));
        assert!(page.contains("<title>hashi review: &lt;b&gt;{{CSS}}&lt;/b&gt;</title>"));
        // The escaped JSON reads back as the same text.
        let start = page
            .find(r#"<script type="application/json" id="hashi-data">"#)
            .unwrap();
        let body = &page[start..];
        let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["en"][0], hostile);
        assert_eq!(v["scores"][0], "0.5000");
        assert_eq!(v["mode"], "review");
    }

    #[test]
    fn identity_follows_the_texts_and_rows() {
        let a = identity(&["a"], &["b"], &[[0, 1, 0, 1]]);
        assert_eq!(a, identity(&["a"], &["b"], &[[0, 1, 0, 1]]));
        assert_ne!(a, identity(&["a"], &["c"], &[[0, 1, 0, 1]]));
        assert_ne!(a, identity(&["ab"], &[""], &[[0, 1, 0, 1]]));
        assert_ne!(a, identity(&["a"], &["b"], &[[0, 1, 0, 0], [1, 1, 0, 1]]));
        // The values of the hand-written FNV-1a this replaced: a review page saved in a
        // browser keeps its key.
        assert_eq!(a, "223562a61aa3a047");
        let jaxa = ["JAXA launched the rocket."];
        let ja = ["JAXAはロケットを打ち上げた。"];
        assert_eq!(identity(&jaxa, &ja, &[[0, 1, 0, 1]]), "ad55c7992303b281");
    }

    #[test]
    fn read_only_mode_is_in_the_data_and_the_title() {
        let page = page_for("A.", "あ。", "doc", Mode::ReadOnly);
        assert!(page.contains("<title>hashi check: doc</title>"));
        assert!(page.contains(r#""mode":"read-only""#));
    }
}
