//! Escaping text for markup, in the two policies hashi writes markup with.
//!
//! **XML** ([`xml_text`], [`xml_attr`]; the TMX exporter). Markup characters become
//! entities: `&` `<` `>` `"` (the last so that the same text may also stand in a
//! double-quoted attribute). XML 1.0 cannot carry every character a text may hold: control
//! characters other than tab, line feed and carriage return, and U+FFFE and U+FFFF, are not
//! allowed even as character references, so they are dropped; that is the one change to
//! the text. A carriage return is written as `&#13;`, since parsers turn a literal one into
//! a line feed; in an attribute, tab and line feed are written as `&#9;` and `&#10;` too,
//! since attribute-value normalisation would turn them into spaces. What a parser reads
//! back is then the text as it was, less the dropped characters.
//!
//! **HTML** ([`html`]; the review page and `check --html`). `&` `<` `>` `"` `'` become
//! entities, so the result is safe in element content and in attribute values quoted either
//! way; every other character passes through unchanged. HTML has no character it cannot hold in
//! text: a control character is a parse error that browsers show as it is (NUL, which browsers
//! drop, never reaches here: input with a NUL byte is refused as binary). Nothing is dropped,
//! since a checker must show the text exactly as it is.

/// Text as XML element content (see the module's XML policy).
pub fn xml_text(s: &str) -> String {
    xml(s, false)
}

/// Text as an XML attribute value in double quotes (see the module's XML policy).
pub fn xml_attr(s: &str) -> String {
    xml(s, true)
}

fn xml(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (markup(c), c) {
            (Some(entity), _) => out.push_str(entity),
            (None, '\r') => out.push_str("&#13;"),
            (None, '\t') if in_attribute => out.push_str("&#9;"),
            (None, '\n') if in_attribute => out.push_str("&#10;"),
            (None, c) if allowed_in_xml(c) => out.push(c),
            (None, _) => {}
        }
    }
    out
}

/// XML 1.0's `Char` production (Rust strings hold no surrogates).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text as HTML element content or a quoted attribute value (see the module's HTML policy):
/// the review page's title (the page puts every other text in with `textContent`).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (markup(c), c) {
            (Some(entity), _) => out.push_str(entity),
            (None, '\'') => out.push_str("&#39;"),
            (None, c) => out.push(c),
        }
    }
    out
}

/// The entity both policies write for a markup character.
fn markup(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_text("a<b & \"c\">\u{1}\u{7f}\u{fffe}\r\n\tz"),
            "a&lt;b &amp; &quot;c&quot;&gt;\u{7f}&#13;\n\tz"
        );
        assert_eq!(xml_attr("x\ty\nz"), "x&#9;y&#10;z");
    }

    #[test]
    fn html_escapes_markup_and_keeps_everything_else() {
        assert_eq!(
            html("<b class='x'>\"A&B\"</b>\u{1}\r\n"),
            "&lt;b class=&#39;x&#39;&gt;&quot;A&amp;B&quot;&lt;/b&gt;\u{1}\r\n"
        );
    }
}
