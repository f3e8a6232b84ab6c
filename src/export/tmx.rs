//! TMX 1.4b, the translation memory exchange format CAT tools import: one `<tu>` a pair
//! (pairs only), its two `<tuv>`s tagged with the language codes from [`Options`], the
//! score (and the document id, when there is one) as `<prop>`s.
//!
//! Texts are escaped by [`crate::escape`]'s XML policy: control characters XML 1.0 cannot
//! hold (other than tab, line feed and carriage return) are dropped, the one change to the
//! text this format makes; a carriage return is kept as `&#13;`.

use std::io::{self, Write};

use super::{Aligned, Options};
use crate::escape;

pub fn begin(out: &mut dyn Write, options: &Options) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<!DOCTYPE tmx SYSTEM "tmx14.dtd">"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    writeln!(
        out,
        r#"  <header creationtool="hashi" creationtoolversion="{}" segtype="sentence" o-tmf="hashi" adminlang="en" srclang="{}" datatype="plaintext"/>"#,
        escape::xml_attr(env!("CARGO_PKG_VERSION")),
        escape::xml_attr(options.lang_code(options.srclang)),
    )?;
    writeln!(out, "  <body>")
}

pub fn document(out: &mut dyn Write, aligned: &Aligned<'_>, options: &Options) -> io::Result<()> {
    let (en_lang, ja_lang) = (
        escape::xml_attr(&options.en_lang),
        escape::xml_attr(&options.ja_lang),
    );
    let doc_id = aligned.doc_id.map(escape::xml_text);
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
            escape::xml_text(&aligned.en_text(bead))
        )?;
        writeln!(
            out,
            r#"      <tuv xml:lang="{ja_lang}"><seg>{}</seg></tuv>"#,
            escape::xml_text(&aligned.ja_text(bead))
        )?;
        writeln!(out, "    </tu>")?;
    }
    Ok(())
}

pub fn end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")
}
