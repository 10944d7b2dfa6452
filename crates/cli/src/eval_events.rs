//! `dyad eval petrarch`, `dyad eval modality` and `dyad eval roles`: the
//! coder against the PETRARCH validation suites, dyad's modality test set
//! and the roles of real news sentences (Multi-CoPED).

use anyhow::{bail, Context, Result};
use clap::Args;
use dyad_coder::ParsedText;
use dyad_coder::{Coder, DocumentInput};
use dyad_eval::petrarch::{read_suite, scored, Environment, Record, Tally, Triple};
use dyad_lexicon::petrarch::{import, DictKind, SYNSET_HEADER};
use dyad_lexicon::{Convention, Lexicon};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalPetrarchArgs {
    /// Validation suite (PETRARCH / UD-PETRARCH records XML).
    pub suite: PathBuf,
    /// Directory to look for the dictionaries the suite names, besides the
    /// suite's own directory and ../../petrarch_dicts next to it.
    #[arg(long)]
    pub dicts: Option<PathBuf>,
    /// List every record's expected and produced events as JSON.
    #[arg(long)]
    pub json: bool,
    /// Model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

fn find_dict(name: &str, suite: &Path, extra: Option<&PathBuf>) -> Result<PathBuf> {
    let dir = suite.parent().unwrap_or(Path::new("."));
    let mut places: Vec<PathBuf> = Vec::new();
    if let Some(e) = extra {
        places.push(e.join(name));
    }
    places.push(dir.join(name));
    places.push(dir.join("../../petrarch_dicts").join(name));
    places.push(dir.join("../petrarch_dicts").join(name));
    places.into_iter().find(|p| p.exists()).with_context(|| {
        format!(
            "{}: dictionary {name} not found beside the suite (use --dicts DIR)",
            suite.display()
        )
    })
}

/// The suite's dictionaries, imported into our format in memory.
fn suite_lexicon(
    suite: &Path,
    dicts: Option<&PathBuf>,
    env: &Environment,
    report_skipped: bool,
) -> Result<Lexicon> {
    let mut files: Vec<(String, String)> = Vec::new();
    let groups: [(&[String], DictKind); 3] = [
        (&env.actor_files, DictKind::Actors),
        (&env.agent_files, DictKind::Agents),
        (&env.verb_files, DictKind::Verbs),
    ];
    for (names, kind) in groups {
        if names.is_empty() {
            continue;
        }
        let mut rows = String::from(kind.header());
        let mut synsets = String::from(SYNSET_HEADER);
        for name in names {
            let path = find_dict(name, suite, dicts)?;
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let got = import(
                kind,
                &path.display().to_string(),
                &String::from_utf8_lossy(&bytes),
            );
            for issue in got.issues.iter().filter(|_| report_skipped) {
                eprintln!(
                    "dyad: {}:{}: {} (skipped)",
                    path.display(),
                    issue.line,
                    issue.message
                );
            }
            rows.push_str(&got.rows);
            synsets.push_str(&got.synsets);
        }
        files.push((kind.output_file().to_string(), rows));
        if kind == DictKind::Verbs {
            files.push(("synsets.tsv".to_string(), synsets));
        }
    }
    Lexicon::from_files_with_event_codes(&files).context("loading the suite's dictionaries")
}

/// The lexicon a validation suite's `<Environment>` names (for `dyad
/// explain --suite`, to see a record coded as the evaluation codes it).
pub fn lexicon_of_suite(suite: &Path) -> Result<Lexicon> {
    let (env, _) = read_suite_file(suite)?;
    suite_lexicon(suite, None, &env, false)
}

fn read_suite_file(suite: &Path) -> Result<(Environment, Vec<Record>)> {
    let bytes = std::fs::read(suite).with_context(|| format!("reading {}", suite.display()))?;
    Ok(read_suite(&String::from_utf8_lossy(&bytes)))
}

/// Codes a validation suite's records with its own dictionaries: the
/// tally, and (with `details`) each record's expected and produced events.
/// `report_skipped` prints the dictionary lines the importer skipped.
pub fn run_suite(
    suite: &Path,
    dicts: Option<&PathBuf>,
    model: &dyad_nlp::Model,
    details: bool,
    report_skipped: bool,
) -> Result<(Tally, Vec<serde_json::Value>)> {
    let (env, records) = read_suite_file(suite)?;
    if records.is_empty() {
        bail!("{}: no <Sentence> records found", suite.display());
    }
    let lexicon = suite_lexicon(suite, dicts, &env, report_skipped)?;
    let coder = Coder::new(&lexicon, Convention::Gdelt);
    let mut tally = Tally::default();
    let mut listed = Vec::new();
    for r in records.iter().filter(|r| scored(&env, r)) {
        let date = chrono::NaiveDate::parse_from_str(&r.date, "%Y%m%d").ok();
        let parsed = ParsedText::new(model, &lexicon, &r.text);
        let sents = parsed.sentences(model, &r.text);
        let coded = coder.code(&DocumentInput {
            doc_id: &r.id,
            text: &r.text,
            date,
            sentences: &sents,
        });
        // PETRARCH codes an event only with both actors; so do we here.
        let mut produced: Vec<Triple> = coded
            .events
            .iter()
            .filter_map(|e| {
                Some(Triple {
                    source: e.source.as_ref()?.code.clone(),
                    target: e.target.as_ref()?.code.clone(),
                    code: e.cameo.clone(),
                })
            })
            .collect();
        produced.sort();
        produced.dedup();
        let (correct, uncoded, extra) = tally.add(&r.expected, &produced);
        if details {
            listed.push(json!({
                "id": r.id, "category": r.category, "text": r.text,
                "expected": r.expected, "produced": produced,
                "correct": correct, "uncoded": uncoded, "extra": extra,
            }));
        }
    }
    Ok((tally, listed))
}

pub fn eval_petrarch(args: &EvalPetrarchArgs) -> Result<ExitCode> {
    let model = crate::eval_cmd::load_model(args.model.as_ref())?;
    let (tally, details) = run_suite(&args.suite, args.dicts.as_ref(), model, args.json, true)?;
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"suite": args.suite.display().to_string(), "tally": tally, "records": details})
            )?
        );
    } else {
        outln!("{}: {} records", args.suite.display(), tally.records);
        outln!("{}", tally.line());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct EvalModalityArgs {
    /// Test set (JSON Lines; default crates/eval/data/modality.jsonl).
    #[arg(long, default_value = "crates/eval/data/modality.jsonl")]
    pub gold: PathBuf,
    #[arg(long)]
    pub json: bool,
    /// Print every wrong trigger and every missed attribution.
    #[arg(long)]
    pub errors: bool,
    #[arg(long)]
    pub model: Option<PathBuf>,
}

pub fn eval_modality(args: &EvalModalityArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let model = crate::eval_cmd::load_model(args.model.as_ref())?;
    let lexicon = Lexicon::load(&[]).context("loading the lexicon")?;
    let report = dyad_eval::modality::evaluate(model, &lexicon, &text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.gold.display()))?;
    if args.errors {
        for (id, word, gold, got, sentence) in &report.errors {
            outln!(
                "{id}\t{word}\tgold {}\tgot {}\t{sentence}",
                gold.name(),
                got.name()
            );
        }
        for (id, word, want, got, sentence) in &report.attribution_errors {
            outln!("{id}\t{word}\tsource {want:?}\tgot {got:?}\t{sentence}");
        }
    }
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "gold": args.gold.display().to_string(),
                "triggers": report.total(),
                "accuracy": report.accuracy(),
                "labels": report.labels(),
                "attribution": {"total": report.attribution_total, "correct": report.attribution_correct, "spurious": report.attribution_spurious},
                "triggers_not_found": report.missing,
                "confusion": report.confusion,
            }))?
        );
    } else {
        outln!(
            "{:<13} {:>6} {:>9} {:>7} {:>6}",
            "label",
            "gold",
            "precision",
            "recall",
            "F1"
        );
        for l in report.labels() {
            outln!(
                "{:<13} {:>6} {:>9.3} {:>7.3} {:>6.3}",
                l.label,
                l.gold,
                l.precision,
                l.recall,
                l.f1
            );
        }
        outln!(
            "accuracy {:.3} over {} triggers; attribution {}/{} (spurious {}); triggers not found {}",
            report.accuracy(),
            report.total(),
            report.attribution_correct,
            report.attribution_total,
            report.attribution_spurious,
            report.missing
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The Multi-CoPED file under the shared data folder.
pub const COPED: &str = "eventcoding/multicoped_dev/multicoped_train.jsonl";

#[derive(Args)]
pub struct EvalRolesArgs {
    /// Multi-CoPED JSON Lines (default: the shared data's copy).
    #[arg(long)]
    pub gold: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// Print every sentence whose source and target no one event found.
    #[arg(long)]
    pub errors: bool,
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Scores the bundled lexicon and `model` on Multi-CoPED text.
pub fn roles_report(model: &dyad_nlp::Model, gold: &Path) -> Result<dyad_eval::roles::RolesReport> {
    let text =
        std::fs::read_to_string(gold).with_context(|| format!("reading {}", gold.display()))?;
    let lexicon = Lexicon::load(&[]).context("loading the lexicon")?;
    // Phoenix's five classes are Multi-CoPED's.
    let coder = Coder::new(&lexicon, Convention::Phoenix);
    dyad_eval::roles::evaluate(model, &coder, &text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))
}

pub fn eval_roles(args: &EvalRolesArgs) -> Result<ExitCode> {
    let gold = match &args.gold {
        Some(p) => p.clone(),
        None => Some(PathBuf::from("../shared/data").join(COPED))
            .filter(|p| p.exists())
            .or_else(|| dyad_eval::shared_data(COPED))
            .ok_or_else(|| {
                anyhow::anyhow!("{COPED} not found under ../shared/data; name the file with --gold")
            })?,
    };
    let model = crate::eval_cmd::load_model(args.model.as_ref())?;
    let report = roles_report(model, &gold)?;
    if args.errors {
        for m in &report.misses {
            outln!("{}\t{}", m.id, m.text);
            outln!("    gold source {:?} target {:?}", m.sources, m.targets);
            for e in &m.events {
                outln!("    got {e}");
            }
        }
    }
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "gold": gold.display().to_string(),
                "report": report,
                "class_accuracy": report.class_accuracy(),
            }))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}: {} sentences", gold.display(), report.sentences);
    for (name, f) in [
        ("source", report.source),
        ("target", report.target),
        ("source and target", report.pair),
        ("reciprocal pair", report.reciprocal),
    ] {
        outln!(
            "{name:<18} found {:>5}/{:<5} {:>6.2} %",
            f.found,
            f.gold,
            f.percent()
        );
    }
    outln!(
        "roles swapped in {} of {} sentences",
        report.swapped,
        report.pair.gold
    );
    let total: usize = report.class_confusion.iter().flatten().sum();
    outln!(
        "class (Phoenix convention; first event that is not neutral): {:.2} % of {total}",
        report.class_accuracy()
    );
    outln!(
        "{:<22} {}",
        "gold \\ predicted",
        (0..5).map(|i| format!("{i:>6}")).collect::<String>()
    );
    for (i, row) in report.class_confusion.iter().enumerate() {
        let name = format!("{i} {}", dyad_eval::roles::CLASSES[i]);
        outln!(
            "{name:<22} {}",
            row.iter().map(|v| format!("{v:>6}")).collect::<String>()
        );
    }
    Ok(ExitCode::SUCCESS)
}
