//! `dyad parse`: the text stage plus tagging, lemmatization and dependency
//! parsing, written as CoNLL-U or JSON Lines.

use crate::eval_cmd::load_model;
use crate::inputs::for_each_input;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dyad_coder::contract::parse_json;
use dyad_coder::Coder;
use dyad_ingest::InputFormat;
use dyad_lexicon::{Convention, Lexicon};
use dyad_nlp::{Analysis, Model};
use dyad_text::Document;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Conllu,
    Jsonl,
}

#[derive(Args)]
pub struct ParseArgs {
    /// Files or directories to read; `-` or nothing reads stdin.
    pub paths: Vec<String>,
    /// Input format: auto, text, jsonl, html, feed, or conllu (pre-tokenized
    /// sentences, parsed with their own tokens).
    #[arg(long, default_value = "auto")]
    pub input_format: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "conllu")]
    pub format: OutputFormat,
    /// Model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

fn conllu_sentence(
    out: &mut String,
    model: &Model,
    sent_id: &str,
    text: &str,
    forms: &[&str],
    a: &Analysis,
    spaces: &[bool],
) {
    let _ = writeln!(out, "# sent_id = {sent_id}");
    let _ = writeln!(out, "# text = {}", text.replace('\n', " "));
    for (i, form) in forms.iter().enumerate() {
        let misc = if spaces.get(i).copied().unwrap_or(true) {
            "_"
        } else {
            "SpaceAfter=No"
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            form,
            a.lemmas[i],
            model.upos(a.tags[i]),
            model.xpos(a.tags[i]),
            a.heads[i],
            model.deprel(a.labels[i]),
            misc
        );
    }
    out.push('\n');
}

/// Parses one document into its output text (one CoNLL-U block per
/// sentence, or one JSON line).
fn render(model: &Model, coder: &Coder<'_>, doc: &Document, format: OutputFormat) -> String {
    if let OutputFormat::Jsonl = format {
        let mut out = parse_json(model, coder, doc).to_string();
        out.push('\n');
        return out;
    }
    let text = doc.text.as_str();
    let seg = dyad_text::segment(text);
    let mut out = String::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        let toks = seg.sentence_tokens(s);
        let forms: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        // The parse the coder reads (and `--format jsonl` prints): names
        // the lexicon knows are read as names.
        let a = model.analyze_names(&forms, &coder.lexicon().name_spans(&forms));
        let spaces: Vec<bool> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| toks.get(i + 1).is_none_or(|n| n.start > t.end))
            .collect();
        if si == 0 {
            let _ = writeln!(out, "# newdoc id = {}", doc.id);
        }
        conllu_sentence(
            &mut out,
            model,
            &format!("{}-{}", doc.id, si + 1),
            &text[s.start..s.end],
            &forms,
            &a,
            &spaces,
        );
    }
    out
}

pub fn run(args: &ParseArgs) -> Result<ExitCode> {
    let model = load_model(args.model.as_ref())?;
    let lexicon = Lexicon::bundled().context("loading the lexicon")?;
    let coder = Coder::new(&lexicon, Convention::Gdelt);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.input_format == "conllu" {
        return parse_conllu(args, model, &mut out);
    }
    let format: InputFormat = args.input_format.parse().map_err(anyhow::Error::msg)?;
    let summary = for_each_input(&args.paths, format, |docs| {
        let rendered: Vec<String> = docs
            .par_iter()
            .map(|d| render(model, &coder, d, args.format))
            .collect();
        for r in rendered {
            out.write_all(r.as_bytes())?;
        }
        Ok::<(), std::io::Error>(())
    });
    crate::finish_output(summary.map(|s| s.failed), out.flush())
}

/// Pre-tokenized CoNLL-U in, same tokens parsed out.
fn parse_conllu(args: &ParseArgs, model: &Model, out: &mut impl Write) -> Result<ExitCode> {
    let mut failed = 0usize;
    let paths: Vec<String> = if args.paths.is_empty() {
        vec!["-".into()]
    } else {
        args.paths.clone()
    };
    for path in &paths {
        let text = if path == "-" {
            std::io::read_to_string(std::io::stdin()).context("reading stdin")?
        } else {
            match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("dyad: {path}: cannot read: {e}");
                    failed += 1;
                    continue;
                }
            }
        };
        let sentences = match dyad_text::conllu::parse(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("dyad: {path}: {e}");
                failed += 1;
                continue;
            }
        };
        let rendered: Vec<String> = sentences
            .par_iter()
            .enumerate()
            .map(|(i, s)| {
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let a = model.analyze(&forms);
                let spaces: Vec<bool> = s
                    .words
                    .iter()
                    .map(|w| !w.misc.split('|').any(|f| f == "SpaceAfter=No"))
                    .collect();
                let mut o = String::new();
                let id = s.sent_id.clone().unwrap_or_else(|| (i + 1).to_string());
                let text = s.text.clone().unwrap_or_else(|| forms.join(" "));
                conllu_sentence(&mut o, model, &id, &text, &forms, &a, &spaces);
                o
            })
            .collect();
        let written = rendered
            .iter()
            .try_for_each(|r| out.write_all(r.as_bytes()));
        if let Err(e) = written {
            return crate::finish_output(Err(e), Ok(()));
        }
    }
    crate::finish_output(Ok(failed), out.flush())
}
