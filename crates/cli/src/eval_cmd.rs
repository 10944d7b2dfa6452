//! `dyad eval ...`: evaluation commands.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Sentence and token F1 against a UD treebank (raw text rebuilt from it).
    Segment(EvalSegmentArgs),
}

#[derive(Args)]
pub struct EvalSegmentArgs {
    /// Gold CoNLL-U file (e.g. en_ewt-ud-test.conllu).
    #[arg(long)]
    gold: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also print up to N wrongly segmented spans with context.
    #[arg(long, default_value_t = 0)]
    errors: usize,
}

pub fn run(cmd: &EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Segment(args) => eval_segment(args),
    }
}

fn eval_segment(args: &EvalSegmentArgs) -> Result<ExitCode> {
    let gold = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let (report, errors) = dyad_eval::segment::evaluate(&gold)
        .with_context(|| format!("parsing {}", args.gold.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "gold: {}  documents: {}  characters: {}",
            args.gold.display(),
            report.documents,
            report.characters
        );
        println!(
            "{:<16} {:>8} {:>8} {:>8} {:>9} {:>7} {:>7}",
            "metric", "gold", "system", "correct", "precision", "recall", "F1"
        );
        for (name, s) in [
            ("sentences", &report.sentences),
            ("tokens (words)", &report.tokens),
            ("surface tokens", &report.surface_tokens),
        ] {
            println!(
                "{:<16} {:>8} {:>8} {:>8} {:>9.4} {:>7.4} {:>7.4}",
                name, s.gold, s.system, s.correct, s.precision, s.recall, s.f1
            );
        }
    }
    for e in errors.iter().take(args.errors) {
        println!("{:<16} {:?}  in  {}", e.kind, e.text, e.context);
    }
    Ok(ExitCode::SUCCESS)
}
