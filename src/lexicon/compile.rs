//! The lexicon compiler is the `hashi-lexicon` crate (`crates/lexicon/`), which the build
//! script uses too; this gives its errors the library's type, [`Error::Lexicon`] without a
//! path.

use super::Error;

#[cfg(test)]
pub use hashi_lexicon::compile::supplement_to_edict;
pub use hashi_lexicon::compile::{
    Artefacts, EXPRESSION_BIT, KEYS_PER_ENTRY, KEYS_PER_HEADWORD, POSTING_LEN_BITS, START_SHIFT,
    SUPPLEMENT_BIT,
};

/// [`hashi_lexicon::compile()`], its error an [`Error::Lexicon`] without a path.
pub fn compile(text: &str, synonyms: &str, supplement: &str) -> Result<Artefacts, Error> {
    hashi_lexicon::compile(text, synonyms, supplement).map_err(|e| Error::Lexicon {
        path: None,
        line: e.line,
        problem: e.problem,
    })
}
