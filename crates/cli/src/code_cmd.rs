//! `dyad code`: documents in, coded events out (JSON Lines, one event per
//! line, or CSV).

use crate::eval_cmd::load_model;
use crate::inputs::for_each_input;
use crate::lexicon_cmd::OverlayArgs;
use anyhow::Result;
use clap::{Args, ValueEnum};
pub use dyad_coder::contract::{code_document, event_json};
use dyad_coder::{Coder, Event};
use dyad_ingest::InputFormat;
use dyad_lexicon::Convention;
use dyad_text::Document;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum CodeFormat {
    Jsonl,
    Csv,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Files or directories to read; `-` or nothing reads stdin.
    pub paths: Vec<String>,
    /// Input format: auto, text, jsonl, html, feed.
    #[arg(long, default_value = "auto")]
    pub input_format: String,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: CodeFormat,
    /// Keep only events the text asserts as having happened.
    #[arg(long)]
    pub asserted_only: bool,
    /// Quad class and Goldstein convention: gdelt, icews or phoenix.
    #[arg(long, default_value = "gdelt")]
    pub convention: Convention,
    /// Model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub overlay: OverlayArgs,
}

const CSV_HEADER: &str = "doc_id,event_id,date,source,target,cameo,cameo_root,quad_class,goldstein,modality,genre,trigger,confidence";

fn csv_row(doc: &Document, genre: &str, e: &Event) -> String {
    let code =
        |a: &Option<dyad_coder::ActorRef>| a.as_ref().map_or(String::new(), |a| a.code.clone());
    let fields = [
        doc.id.clone(),
        e.event_id.clone(),
        e.date.map_or(String::new(), |d| d.to_string()),
        code(&e.source),
        code(&e.target),
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.quad_class.map_or(String::new(), |q| q.to_string()),
        e.goldstein.map_or(String::new(), |g| format!("{g:.1}")),
        e.modality.name().to_string(),
        genre.to_string(),
        doc.text
            .get(e.trigger.start..e.trigger.end)
            .unwrap_or("")
            .to_string(),
        format!("{:.2}", e.confidence),
    ];
    let mut line = fields
        .iter()
        .map(|f| crate::csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

pub fn run(args: &CodeArgs) -> Result<ExitCode> {
    let model = load_model(args.model.as_ref())?;
    let lexicon = crate::lexicon_cmd::load(&args.overlay)?;
    let coder = Coder::new(&lexicon, args.convention);
    let format: InputFormat = args.input_format.parse().map_err(anyhow::Error::msg)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let CodeFormat::Csv = args.format {
        writeln!(out, "{CSV_HEADER}")?;
    }
    let summary = for_each_input(&args.paths, format, |docs| {
        let rendered: Vec<String> = docs
            .par_iter()
            .map(|d| {
                let (_, coded) = code_document(model, &coder, d);
                let genre = coded.genre.name();
                let mut s = String::new();
                for e in &coded.events {
                    if args.asserted_only && e.modality != dyad_coder::Modality::Asserted {
                        continue;
                    }
                    match args.format {
                        CodeFormat::Jsonl => {
                            s.push_str(&event_json(d, genre, e).to_string());
                            s.push('\n');
                        }
                        CodeFormat::Csv => s.push_str(&csv_row(d, genre, e)),
                    }
                }
                s
            })
            .collect();
        for r in rendered {
            out.write_all(r.as_bytes())?;
        }
        Ok::<(), std::io::Error>(())
    });
    crate::finish_output(summary.map(|s| s.failed), out.flush())
}
