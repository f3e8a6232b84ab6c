#![warn(missing_docs)]
//! hashi: align English news articles with their Japanese originals, sentence by sentence.
//!
//! The pipeline: [`input`] reads and checks text, [`segment`] splits it into sentences,
//! [`features`] finds lengths and anchors (numbers, dates and codes read once by
//! [`quantities`], which `check` compares too), [`align`] pairs the sentences, [`export`]
//! writes the beads. [`Aligner`] runs the middle of it for one document pair; [`validate`]
//! holds the rules a pair must pass before it is aligned, [`check`] reads findings off an
//! alignment and renders them ([`check::render`]). [`batch`] aligns many document pairs in
//! parallel; [`pair`] finds which documents of two collections are translations of each
//! other.
//!
//! ```
//! use hashi::segment::{Document, Lang};
//! use hashi::{lexicon::Lexicon, tokenizer, Aligner};
//!
//! let en = Document::segment(Lang::En, "JAXA launched the rocket on July 24. \
//!     About 4,000 people watched. Japan's fiscal year starts in April.".into());
//! let ja = Document::segment(Lang::Ja, "JAXAは7月24日、ロケットを打ち上げた。\
//!     見物客は約4千人に上った。".into());
//! let aligner = Aligner::new(tokenizer::shared(), Some(Lexicon::embedded()));
//! let beads: Vec<String> = aligner
//!     .align(&en, &ja)
//!     .beads
//!     .iter()
//!     .map(|b| format!("{:?}:{:?}", b.en, b.ja))
//!     .collect();
//! // The background sentence for foreign readers has no Japanese counterpart.
//! assert_eq!(beads, ["0..1:0..1", "1..2:1..2", "2..3:2..2"]);
//! ```

pub mod align;
pub mod batch;
pub mod check;
pub mod error;
pub mod escape;
pub mod eval;
pub mod export;
pub mod features;
pub mod input;
pub mod lexicon;
pub mod pair;
pub mod pipeline;
pub mod quantities;
pub mod review;
pub mod segment;
pub mod tokenizer;
pub mod validate;

pub use error::Error;
pub use pipeline::Aligner;
