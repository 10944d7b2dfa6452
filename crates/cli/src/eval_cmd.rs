//! `dyad eval ...`: evaluation commands.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Sentence and token F1 against a UD treebank (raw text rebuilt from it).
    Segment(EvalSegmentArgs),
    /// Tagging, lemma and parsing accuracy against a UD treebank (gold tokens).
    Ud(EvalUdArgs),
    /// Event coding against a PETRARCH / UD-PETRARCH validation suite.
    Petrarch(crate::eval_events::EvalPetrarchArgs),
    /// Modality labels against dyad's modality test set.
    Modality(crate::eval_events::EvalModalityArgs),
    /// Source and target roles on real news sentences (Multi-CoPED).
    Roles(crate::eval_events::EvalRolesArgs),
    /// Every evaluation above on the shared data, in one table with targets.
    All(crate::eval_all::EvalAllArgs),
}

#[derive(Args)]
pub struct EvalUdArgs {
    /// Gold CoNLL-U file (e.g. en_ewt-ud-test.conllu).
    #[arg(long)]
    gold: PathBuf,
    /// Model file (default: the bundled model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// End to end from raw text rebuilt from the treebank (our own
    /// segmentation), scored as in the CoNLL 2018 shared task.
    #[arg(long)]
    raw: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
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
        EvalCommand::Ud(args) => eval_ud(args),
        EvalCommand::Petrarch(args) => crate::eval_events::eval_petrarch(args),
        EvalCommand::Modality(args) => crate::eval_events::eval_modality(args),
        EvalCommand::Roles(args) => crate::eval_events::eval_roles(args),
        EvalCommand::All(args) => crate::eval_all::run(args),
    }
}

fn eval_segment(args: &EvalSegmentArgs) -> Result<ExitCode> {
    let gold = read_gold(&args.gold)?;
    let (report, errors) = dyad_eval::segment::evaluate(&gold)
        .with_context(|| format!("parsing {}", args.gold.display()))?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        outln!(
            "gold: {}  documents: {}  characters: {}",
            args.gold.display(),
            report.documents,
            report.characters
        );
        outln!(
            "{:<16} {:>8} {:>8} {:>8} {:>9} {:>7} {:>7}",
            "metric",
            "gold",
            "system",
            "correct",
            "precision",
            "recall",
            "F1"
        );
        for (name, s) in [
            ("sentences", &report.sentences),
            ("tokens (words)", &report.tokens),
            ("surface tokens", &report.surface_tokens),
        ] {
            outln!(
                "{:<16} {:>8} {:>8} {:>8} {:>9.4} {:>7.4} {:>7.4}",
                name,
                s.gold,
                s.system,
                s.correct,
                s.precision,
                s.recall,
                s.f1
            );
        }
    }
    for e in errors.iter().take(args.errors) {
        outln!("{:<16} {:?}  in  {}", e.kind, e.text, e.context);
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads `--model PATH`, or the bundled model.
fn read_gold(path: &PathBuf) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// The model lives as long as the process (one per command run).
pub fn load_model(path: Option<&PathBuf>) -> Result<&'static dyad_nlp::Model> {
    match path {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?;
            let model = dyad_nlp::Model::from_bytes(&bytes)
                .with_context(|| format!("loading model {}", p.display()))?;
            Ok(Box::leak(Box::new(model)))
        }
        None => dyad_nlp::Model::bundled().context("loading the bundled model"),
    }
}

fn eval_ud(args: &EvalUdArgs) -> Result<ExitCode> {
    let model = load_model(args.model.as_ref())?;
    let gold = read_gold(&args.gold)?;
    if args.raw {
        let r = dyad_eval::ud::evaluate_raw(model, &gold)
            .with_context(|| format!("parsing {}", args.gold.display()))?;
        if args.json {
            outln!("{}", serde_json::to_string_pretty(&r)?);
        } else {
            outln!("gold: {} (raw text, end to end; F1)", args.gold.display());
            outln!(
                "sentences {:.2}  words {:.2}  UPOS {:.2}  UAS {:.2}  LAS {:.2}",
                100.0 * r.sentences.f1,
                100.0 * r.words.f1,
                100.0 * r.upos.f1,
                100.0 * r.uas.f1,
                100.0 * r.las.f1
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let r = dyad_eval::ud::evaluate(model, &gold)
        .with_context(|| format!("parsing {}", args.gold.display()))?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        outln!(
            "gold: {}  sentences: {}  words: {}",
            args.gold.display(),
            r.sentences,
            r.words
        );
        outln!(
            "UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  (LAS with subtypes {:.2})",
            r.upos,
            r.xpos,
            r.lemma,
            r.uas,
            r.las,
            r.las_full
        );
    }
    Ok(ExitCode::SUCCESS)
}
