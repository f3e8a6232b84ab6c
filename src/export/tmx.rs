//! TMX 1.4b, the translation memory exchange format CAT tools import: one `<tu>` a pair
//! (pairs only), its two `<tuv>`s tagged with the language codes from [`Options`], the
//! score (and the document id, when there is one) as `<prop>`s.
//!
//! XML 1.0 cannot carry every character a text may hold: control characters other than
//! tab, line feed and carriage return (and U+FFFE, U+FFFF) are not allowed even as
//! character references, so they are dropped; the one change to the text this format
//! makes. A carriage return is written as `&#13;` so that parsers, which turn a literal one
//! into a line feed, give it back as it was.

use std::io::{self, Write};

use super::{Aligned, Options};

pub fn begin(out: &mut dyn Write, options: &Options) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<!DOCTYPE tmx SYSTEM "tmx14.dtd">"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    writeln!(
        out,
        r#"  <header creationtool="hashi" creationtoolversion="{}" segtype="sentence" o-tmf="hashi" adminlang="en" srclang="{}" datatype="plaintext"/>"#,
        attr(env!("CARGO_PKG_VERSION")),
        attr(options.lang_code(options.srclang)),
    )?;
    writeln!(out, "  <body>")
}

pub fn document(out: &mut dyn Write, aligned: &Aligned<'_>, options: &Options) -> io::Result<()> {
    let (en_lang, ja_lang) = (attr(&options.en_lang), attr(&options.ja_lang));
    let doc_id = aligned.doc_id.map(text);
    for bead in aligned.pairs(options) {
        writeln!(out, "    <tu>")?;
        if let Some(id) = &doc_id {
            writeln!(out, r#"      <prop type="x-doc-id">{id}</prop>"#)?;
        }
        writeln!(
            out,
            r#"      <prop type="x-score">{:.4}</prop>"#,
            bead.score
        )?;
        // No whitespace inside <seg>: it would be part of the segment.
        writeln!(
            out,
            r#"      <tuv xml:lang="{en_lang}"><seg>{}</seg></tuv>"#,
            text(&aligned.en_text(bead))
        )?;
        writeln!(
            out,
            r#"      <tuv xml:lang="{ja_lang}"><seg>{}</seg></tuv>"#,
            text(&aligned.ja_text(bead))
        )?;
        writeln!(out, "    </tu>")?;
    }
    Ok(())
}

pub fn end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")
}

/// Element content.
fn text(s: &str) -> String {
    escape(s, false)
}

/// An attribute value in double quotes.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            // Attribute value normalization would turn these into spaces.
            '\t' if in_attribute => out.push_str("&#9;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            c if !allowed_in_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// XML 1.0's `Char` production (Rust strings hold no surrogates).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            text("a<b & \"c\">\u{1}\u{7f}\u{fffe}\r\n\tz"),
            "a&lt;b &amp; &quot;c&quot;&gt;\u{7f}&#13;\n\tz"
        );
        assert_eq!(attr("x\ty\nz"), "x&#9;y&#10;z");
    }
}
