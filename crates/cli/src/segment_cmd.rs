//! `dyad segment`: documents in, sentences and tokens out, as JSON Lines.

use crate::inputs::for_each_input;
use anyhow::Result;
use clap::Args;
use dyad_ingest::InputFormat;
use dyad_text::{CharOffsets, Document};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args)]
pub struct SegmentArgs {
    /// Files or directories to read (recursively); `-` or nothing reads stdin.
    /// Gzip-compressed files are read transparently.
    pub paths: Vec<String>,
    /// Input format: auto, text (news page), jsonl, html or feed (RSS/Atom).
    #[arg(long, default_value = "auto")]
    pub input_format: InputFormat,
}

/// One output record. Offsets are Unicode character offsets into `text`.
#[derive(Serialize)]
pub struct DocumentRecord<'a> {
    pub doc_id: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<String>,
    pub time: Option<String>,
    pub author: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub code: Option<&'a str>,
    pub category: Option<&'a str>,
    pub tags: &'a [String],
    pub language: Option<&'a str>,
    pub text: &'a str,
    pub sentences: Vec<SentenceRecord<'a>>,
}

#[derive(Serialize)]
pub struct SentenceRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<TokenRecord<'a>>,
}

#[derive(Serialize)]
pub struct TokenRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

pub fn document_record(doc: &Document) -> DocumentRecord<'_> {
    let text = doc.text.as_str();
    let seg = dyad_text::segment(text);
    let chars = CharOffsets::new(text);
    let sentences = seg
        .sentences
        .iter()
        .map(|s| SentenceRecord {
            start: chars.char_at(s.start),
            end: chars.char_at(s.end),
            tokens: seg
                .sentence_tokens(s)
                .iter()
                .map(|t| TokenRecord {
                    start: chars.char_at(t.start),
                    end: chars.char_at(t.end),
                    text: &text[t.start..t.end],
                })
                .collect(),
        })
        .collect();
    DocumentRecord {
        doc_id: &doc.id,
        title: doc.title.as_deref(),
        date: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
        time: doc.time.map(|t| t.format("%H:%M").to_string()),
        author: doc.author.as_deref(),
        source: doc.source.as_deref(),
        url: doc.url.as_deref(),
        code: doc.code.as_deref(),
        category: doc.category.as_deref(),
        tags: &doc.tags,
        language: doc.language.as_deref(),
        text,
        sentences,
    }
}

pub fn run(args: &SegmentArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = for_each_input(&args.paths, args.input_format, |docs| {
        let lines: Vec<String> = docs
            .par_iter()
            .map(|d| serde_json::to_string(&document_record(d)).unwrap_or_default())
            .collect();
        for line in lines {
            writeln!(out, "{line}")?;
        }
        Ok::<(), std::io::Error>(())
    });
    crate::finish_output(summary.map(|s| s.failed), out.flush())
}
