//! `dyad-text`: the document model, sentence splitting and tokenization, and
//! CoNLL-U reading.
//!
//! This crate does no I/O: it takes text and returns typed values. Every span
//! it returns is a byte range into the text it was given; [`CharOffsets`]
//! converts to the Unicode character offsets that dyad's outputs report.
//!
//! ```
//! let text = "Iran's envoy left Baku. Azerbaijan protested.";
//! let seg = dyad_text::segment(text);
//! assert_eq!(seg.sentences.len(), 2);
//! let first: Vec<&str> = seg.sentence_tokens(&seg.sentences[0])
//!     .iter().map(|t| &text[t.start..t.end]).collect();
//! assert_eq!(first, ["Iran", "'s", "envoy", "left", "Baku", "."]);
//! ```

pub mod conllu;
mod document;
mod segment;

pub use document::{CharOffsets, Document};
pub use segment::{segment, tokenize, Segmentation, SentenceSpan, TokenSpan};
