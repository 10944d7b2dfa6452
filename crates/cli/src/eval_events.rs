//! `dyad eval petrarch` and `dyad eval modality`: the coder against the
//! PETRARCH validation suites and against dyad's modality test set.

use anyhow::{bail, Context, Result};
use clap::Args;
use dyad_coder::ParsedText;
use dyad_coder::{Coder, DocumentInput, Modality};
use dyad_eval::petrarch::{read_suite, scored, Tally, Triple};
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
    args: &EvalPetrarchArgs,
    env: &dyad_eval::petrarch::Environment,
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
            let path = find_dict(name, &args.suite, args.dicts.as_ref())?;
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let got = import(
                kind,
                &path.display().to_string(),
                &String::from_utf8_lossy(&bytes),
            );
            for issue in &got.issues {
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

pub fn eval_petrarch(args: &EvalPetrarchArgs) -> Result<ExitCode> {
    let bytes =
        std::fs::read(&args.suite).with_context(|| format!("reading {}", args.suite.display()))?;
    let (env, records) = read_suite(&String::from_utf8_lossy(&bytes));
    if records.is_empty() {
        bail!("{}: no <Sentence> records found", args.suite.display());
    }
    let lexicon = suite_lexicon(args, &env)?;
    let model = crate::eval_cmd::load_model(args.model.as_ref())?;
    let coder = Coder::new(&lexicon, Convention::Gdelt);
    let mut tally = Tally::default();
    let mut details = Vec::new();
    for r in records.iter().filter(|r| scored(&env, r)) {
        let date = chrono::NaiveDate::parse_from_str(&r.date, "%Y%m%d").ok();
        let parsed = ParsedText::new(model, &r.text);
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
        if args.json {
            details.push(json!({
                "id": r.id, "category": r.category, "text": r.text,
                "expected": r.expected, "produced": produced,
                "correct": correct, "uncoded": uncoded, "extra": extra,
            }));
        }
    }
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
    /// Print every wrong trigger.
    #[arg(long)]
    pub errors: bool,
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Byte offset of the `occurrence`-th (1-based) whole-word `word` in `text`.
fn find_word(text: &str, word: &str, occurrence: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, _) in text.match_indices(word) {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            seen += 1;
            if seen == occurrence.max(1) {
                return Some(i);
            }
        }
    }
    None
}

pub fn eval_modality(args: &EvalModalityArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let model = crate::eval_cmd::load_model(args.model.as_ref())?;
    let lexicon = Lexicon::bundled()?;
    let coder = Coder::new(&lexicon, Convention::Gdelt);
    // confusion[gold][predicted]
    let mut confusion = [[0usize; 6]; 6];
    let idx = |m: Modality| Modality::ALL.iter().position(|x| *x == m).unwrap_or(0);
    let (mut attr_total, mut attr_right) = (0usize, 0usize);
    let mut missing = 0usize;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: bad JSON", args.gold.display(), n + 1))?;
        let sentence = rec["text"].as_str().unwrap_or("");
        let parsed = ParsedText::new(model, sentence);
        let sents = parsed.sentences(model, sentence);
        for trig in rec["triggers"].as_array().into_iter().flatten() {
            let word = trig["word"].as_str().unwrap_or("");
            let occurrence = trig["occurrence"].as_u64().unwrap_or(1) as usize;
            let Some(gold) = trig["modality"].as_str().and_then(Modality::parse) else {
                bail!(
                    "{}:{}: unknown modality {}",
                    args.gold.display(),
                    n + 1,
                    trig["modality"]
                );
            };
            let Some(at) = find_word(sentence, word, occurrence) else {
                bail!(
                    "{}:{}: trigger {word:?} not in the text",
                    args.gold.display(),
                    n + 1
                );
            };
            // The token at that offset, in whichever sentence holds it.
            let found = sents.iter().find_map(|s| {
                s.tokens
                    .iter()
                    .position(|t| t.start <= at && at < t.end)
                    .map(|i| (s, i))
            });
            let Some((s, i)) = found else {
                missing += 1;
                continue;
            };
            let reading = dyad_coder::modality::read(s, i);
            confusion[idx(gold)][idx(reading.modality)] += 1;
            if args.errors && reading.modality != gold {
                outln!(
                    "{}\t{word}\tgold {}\tgot {}\t{sentence}",
                    rec["id"].as_str().unwrap_or(""),
                    gold.name(),
                    reading.modality.name()
                );
            }
            if let Some(want) = trig["attributed_to"].as_str() {
                attr_total += 1;
                let got = reading
                    .attributed_to
                    .and_then(|h| s.tokens.get(h))
                    .map(|t| t.text);
                if got.is_some_and(|g| want.split_whitespace().any(|w| w == g)) {
                    attr_right += 1;
                }
            }
        }
    }
    let _ = &coder;
    let mut rows = Vec::new();
    for (g, m) in Modality::ALL.iter().enumerate() {
        let tp = confusion[g][g];
        let gold_n: usize = confusion[g].iter().sum();
        let pred_n: usize = (0..6).map(|k| confusion[k][g]).sum();
        let p = if pred_n == 0 {
            0.0
        } else {
            tp as f64 / pred_n as f64
        };
        let r = if gold_n == 0 {
            0.0
        } else {
            tp as f64 / gold_n as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        rows.push((m.name(), gold_n, p, r, f));
    }
    let total: usize = confusion.iter().flatten().sum();
    let right: usize = (0..6).map(|k| confusion[k][k]).sum();
    if args.json {
        let labels: Vec<_> = rows.iter().map(|(n, g, p, r, f)| json!({"label": n, "gold": g, "precision": p, "recall": r, "f1": f})).collect();
        outln!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "triggers": total, "accuracy": right as f64 / total.max(1) as f64, "labels": labels,
                "attribution": {"total": attr_total, "correct": attr_right}, "triggers_not_found": missing,
                "confusion": confusion,
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
        for (n, g, p, r, f) in &rows {
            outln!("{n:<13} {g:>6} {p:>9.3} {r:>7.3} {f:>6.3}");
        }
        outln!("accuracy {:.3} over {total} triggers; attribution {attr_right}/{attr_total}; triggers not found {missing}", right as f64 / total.max(1) as f64);
    }
    Ok(ExitCode::SUCCESS)
}
