//! hashi: align English news articles with their Japanese originals, sentence by sentence.
//!
//! The pipeline: [`input`] reads and checks text, [`segment`] splits it into sentences,
//! [`features`] finds lengths and anchors, [`align`] pairs the sentences, [`export`] writes
//! the beads. [`Aligner`] runs the middle of it for one document pair.

pub mod align;
pub mod aligner;
pub mod dictionary;
pub mod error;
pub mod eval;
pub mod export;
pub mod features;
pub mod input;
pub mod lexicon;
pub mod segment;

pub use aligner::Aligner;
pub use error::Error;
