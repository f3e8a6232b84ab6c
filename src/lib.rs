#![warn(missing_docs)]
//! hashi: align English news articles with their Japanese originals, sentence by sentence.
//!
//! Start with [`Aligner`]: [`Aligner::builder`] chooses the lexicon, the Japanese dictionary,
//! the parameters and the threads, and the aligner it builds owns them (cheap to clone,
//! `Send + Sync`). It aligns running text ([`Aligner::align`]) or text already split one
//! sentence a line ([`Aligner::align_presegmented`]), holding each pair to the [`validate`]
//! rules, and hands back an [`AlignedPair`] that writes itself in any [`export`] format;
//! [`Aligner::check`] reports what the English left out, added or changed ([`check`]).
//!
//! Around it: [`input`] reads and decodes files, [`segment`] splits text into sentences,
//! [`align`] holds the alignment's types (beads, parameters, the verdict), [`output`] writes
//! files atomically, [`batch`] aligns many document pairs in parallel, [`pair`] finds which
//! documents of two collections translate each other, [`review`] writes a page to correct an
//! alignment in the browser, and [`eval`] scores an alignment against a gold one.
//!
//! ```
//! use hashi::export::{Format, Options};
//!
//! let aligner = hashi::Aligner::builder().build()?;
//! let pair = aligner.align(
//!     "JAXA launched the rocket on July 24. About 4,000 people watched. \
//!      Japan's fiscal year starts in April.",
//!     "JAXAは7月24日、ロケットを打ち上げた。見物客は約4千人に上った。",
//! )?;
//! let beads: Vec<String> = pair
//!     .alignment
//!     .beads
//!     .iter()
//!     .map(|b| format!("{:?}:{:?}", b.en, b.ja))
//!     .collect();
//! // The background sentence for foreign readers has no Japanese counterpart.
//! assert_eq!(beads, ["0..1:0..1", "1..2:1..2", "2..3:2..2"]);
//! // Written in any export format: here Vecalign's bead lines.
//! let lines = pair.to_string(Format::Beads, &Options::default())?;
//! assert_eq!(lines, "[0]:[0]\n[1]:[1]\n[2]:[]\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod align;
pub mod batch;
pub mod check;
pub mod error;
mod escape;
pub mod eval;
pub mod export;
pub(crate) mod features;
pub mod input;
mod lang;
pub mod lexicon;
pub mod output;
pub mod pair;
mod pipeline;
pub(crate) mod quantities;
pub mod review;
pub mod segment;
pub mod tokenizer;
pub mod validate;

pub use error::Error;
pub use pipeline::{AlignedPair, Aligner, AlignerBuilder, Checked, LexiconChoice};
