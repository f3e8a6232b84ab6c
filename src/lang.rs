//! The two languages, a type of its own below every other module: [`crate::Error`] names a
//! side by it. It is re-exported as [`crate::segment::Lang`], where it is read from text
//! (`FromStr`).

use serde::Serialize;

/// The language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// The ISO 639-1 code, `en` or `ja`, as the outputs write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's name, `English` or `Japanese`, as messages write it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "Japanese",
        }
    }

    /// The other side's language.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ja,
            Lang::Ja => Lang::En,
        }
    }
}
