//! `dyad ingest` (documents in, events stored) and `dyad query` (tables,
//! JSON or CSV out of the store).

use crate::eval_cmd::load_model;
use crate::inputs::for_each_input;
use crate::lexicon_cmd::OverlayArgs;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use dyad_coder::Coder;
use dyad_ingest::InputFormat;
use dyad_lexicon::Convention;
use dyad_store::{DocumentRecord, Filter, Period, RunInfo, Store, WriteCounts};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The database file: `--db`, else `DYAD_DB`, else `dyad.db` here.
#[derive(Args, Clone)]
pub struct DbArgs {
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("DYAD_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("dyad.db"))
    }
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories to read; `-` or nothing reads stdin.
    pub paths: Vec<String>,
    #[arg(long, default_value = "auto")]
    pub input_format: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// No progress line.
    #[arg(long)]
    pub quiet: bool,
    /// Documents per write transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub overlay: OverlayArgs,
}

pub fn ingest(args: &IngestArgs) -> Result<ExitCode> {
    let path = args.db.path();
    let model = load_model(args.model.as_ref())?;
    let lexicon = crate::lexicon_cmd::load(&args.overlay)?;
    let coder = Coder::new(&lexicon, Convention::Gdelt);
    let format: InputFormat = args.input_format.parse().map_err(anyhow::Error::msg)?;
    let mut store = Store::open(&path)?;
    let now = || chrono::Utc::now().to_rfc3339();
    let run = store.begin_run(&RunInfo {
        dyad_version: env!("CARGO_PKG_VERSION").to_string(),
        model_version: "en_ewt (bundled)".into(),
        lexicon_version: format!("{} layer(s)", lexicon.layers().len()),
        started: now(),
    })?;
    // One writer thread; coding runs on all cores meanwhile.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<DocumentRecord>>(4);
    let writer = std::thread::spawn(
        move || -> Result<(Store, WriteCounts), dyad_store::StoreError> {
            let mut total = WriteCounts::default();
            for batch in rx {
                total += store.write(&batch, Some(run))?;
            }
            Ok((store, total))
        },
    );
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut seen = 0usize;
    let mut events = 0usize;
    let mut last = Instant::now();
    let batch = args.batch.max(1);
    let summary = for_each_input(&args.paths, format, |docs| {
        for chunk in docs.chunks(batch) {
            let records: Vec<DocumentRecord> = chunk
                .par_iter()
                .map(|d| {
                    let (parsed, coded) = crate::code_cmd::code_document(model, &coder, d);
                    DocumentRecord::from_coded(d, &parsed, &coded)
                })
                .collect();
            seen += records.len();
            events += records.iter().map(|r| r.events.len()).sum::<usize>();
            if tx.send(records).is_err() {
                return Err(std::io::Error::other("the database writer stopped"));
            }
            if progress && last.elapsed().as_millis() >= 500 {
                last = Instant::now();
                let rate = seen as f64 / started.elapsed().as_secs_f64().max(1e-9);
                eprint!("\r{seen} documents ({rate:.0}/s), {events} events");
            }
        }
        Ok(())
    });
    drop(tx);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))?;
    let (mut store, counts) = written?;
    if progress {
        eprintln!();
    }
    let failed = match &summary {
        Ok(s) => s.failed,
        Err(_) => 0,
    };
    store.finish_run(run, &now(), &counts, failed)?;
    let seconds = started.elapsed().as_secs_f64();
    if let Err(e) = summary {
        return Err(anyhow::anyhow!("{e}"));
    }
    let (docs, _, total_events) = store.counts()?;
    outln!(
        "{}: {} documents read in {:.1} s ({:.0}/s): {} stored, {} replaced, {} unchanged, {} failed; {} events written",
        path.display(),
        seen,
        seconds,
        seen as f64 / seconds.max(1e-9),
        counts.stored,
        counts.replaced,
        counts.unchanged,
        failed,
        counts.events
    );
    outln!("database: {docs} documents, {total_events} events");
    let by_modality = store.modality_counts()?;
    let line: Vec<String> = by_modality
        .iter()
        .map(|(m, n)| format!("{m} {n}"))
        .collect();
    outln!("events by modality: {}", line.join(", "));
    let asserted = Filter {
        modalities: vec!["asserted".into()],
        known_actors: true,
        ..Filter::default()
    };
    outln!("top dyads (asserted events, known actors):");
    for d in store.dyads(&asserted, 5)? {
        outln!(
            "  {:<12} -> {:<12} {:>6} events, net Goldstein {:+.1}",
            d.source,
            d.target,
            d.events,
            d.goldstein_sum
        );
    }
    Ok(crate::exit_status(failed))
}

#[derive(Subcommand)]
pub enum QueryCommand {
    /// Per period: event counts by quad class, Goldstein, top codes.
    Timeline(TimelineArgs),
    /// The most active actor pairs.
    Dyads(TopArgs),
    /// Actors by activity.
    Actors(TopArgs),
    /// Who acts on whom: nodes (actors) and weighted edges for a period.
    Network(TopArgs),
    /// Events with their sentence.
    Events(TopArgs),
    /// Sentences matching a full-text query (FTS5 syntax), with their events.
    Search(SearchArgs),
    /// Counts, schema version, runs and a consistency check of the database.
    Stats(StatsArgs),
}

#[derive(Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args)]
pub struct FilterArgs {
    /// Source actor code prefix (IRN matches IRNGOV).
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub target: Option<String>,
    /// Count both directions of the dyad.
    #[arg(long)]
    pub both_directions: bool,
    /// Modalities to count (repeatable; default asserted; `all` for every one).
    #[arg(long)]
    pub modality: Vec<String>,
    /// CAMEO code prefix.
    #[arg(long)]
    pub code: Option<String>,
    #[arg(long)]
    pub quad_class: Option<i64>,
    #[arg(long)]
    pub genre: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Location country code.
    #[arg(long)]
    pub location: Option<String>,
    /// Full-text query on the event's sentence (FTS5 syntax).
    #[arg(long)]
    pub text: Option<String>,
    /// Leave out actors with no known country or body (`---GOV`).
    #[arg(long)]
    pub known_actors: bool,
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args)]
pub struct TimelineArgs {
    #[arg(long, default_value = "month")]
    pub by: Period,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct TopArgs {
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct SearchArgs {
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        let modalities = if self.modality.iter().any(|m| m == "all") {
            Vec::new()
        } else if self.modality.is_empty() {
            vec!["asserted".to_string()]
        } else {
            self.modality.clone()
        };
        Filter {
            source: self.source.clone(),
            target: self.target.clone(),
            both_directions: self.both_directions,
            modalities,
            code: self.code.clone(),
            quad_class: self.quad_class,
            genre: self.genre.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            location_country: self.location.clone(),
            text: self.text.clone(),
            known_actors: self.known_actors,
        }
    }
}

/// Prints rows as a table, JSON or CSV.
fn print_rows<T: serde::Serialize>(rows: &[T], json: bool, csv: bool) -> Result<()> {
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(());
    }
    let Some(first) = values.first().and_then(|v| v.as_object()) else {
        if !csv {
            outln!("(no rows)");
        }
        return Ok(());
    };
    let columns: Vec<String> = first.keys().cloned().collect();
    let cell = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().map_or(x.to_string(), String::from))
            .collect::<Vec<_>>()
            .join(" "),
        serde_json::Value::Number(n) => n
            .as_f64()
            .filter(|f| f.fract() != 0.0)
            .map_or(n.to_string(), |f| format!("{f:.2}")),
        other => other.to_string(),
    };
    let table: Vec<Vec<String>> = values
        .iter()
        .map(|v| columns.iter().map(|c| cell(&v[c])).collect())
        .collect();
    if csv {
        outln!("{}", columns.join(","));
        for r in &table {
            outln!(
                "{}",
                r.iter()
                    .map(|c| crate::csv_field(c))
                    .collect::<Vec<_>>()
                    .join(",")
            );
        }
        return Ok(());
    }
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            table
                .iter()
                .map(|r| r[i].chars().count().min(60))
                .chain([c.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{:<w$}", c.chars().take(60).collect::<String>(), w = *w))
            .collect::<Vec<_>>()
            .join("  ")
    };
    outln!("{}", line(&columns));
    for r in &table {
        outln!("{}", line(r));
    }
    Ok(())
}

pub fn query(cmd: &QueryCommand) -> Result<ExitCode> {
    let open = |db: &DbArgs| Store::open_read_only(&db.path()).context("opening the database");
    match cmd {
        QueryCommand::Timeline(a) => {
            let store = open(&a.filter.db)?;
            print_rows(
                &store.timeline(&a.filter.filter(), a.by)?,
                a.filter.json,
                a.filter.csv,
            )?;
        }
        QueryCommand::Dyads(a) => {
            let store = open(&a.filter.db)?;
            print_rows(
                &store.dyads(&a.filter.filter(), a.top)?,
                a.filter.json,
                a.filter.csv,
            )?;
        }
        QueryCommand::Actors(a) => {
            let store = open(&a.filter.db)?;
            print_rows(
                &store.actors(&a.filter.filter(), a.top)?,
                a.filter.json,
                a.filter.csv,
            )?;
        }
        QueryCommand::Network(a) => {
            let store = open(&a.filter.db)?;
            let net = store.network(&a.filter.filter(), a.top)?;
            if a.filter.json {
                outln!("{}", serde_json::to_string_pretty(&net)?);
            } else {
                print_rows(&net.edges, false, a.filter.csv)?;
            }
        }
        QueryCommand::Events(a) => {
            let store = open(&a.filter.db)?;
            print_rows(
                &store.events(&a.filter.filter(), a.top)?,
                a.filter.json,
                a.filter.csv,
            )?;
        }
        QueryCommand::Stats(a) => {
            let store = open(&a.db)?;
            let (documents, sentences, events) = store.counts()?;
            let problems = store.check()?;
            let v = serde_json::json!({
                "database": a.db.path().display().to_string(),
                "schema_version": store.schema_version()?,
                "documents": documents,
                "sentences": sentences,
                "events": events,
                "events_by_modality": store.modality_counts()?,
                "problems": problems,
            });
            outln!("{}", serde_json::to_string_pretty(&v)?);
            if !problems.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        QueryCommand::Search(a) => {
            let store = open(&a.db)?;
            let hits = store.search(&a.query, a.top)?;
            if a.json {
                outln!("{}", serde_json::to_string_pretty(&hits)?);
            } else {
                for h in &hits {
                    outln!("{} [{}] {}", h.doc_id, h.sentence_idx, h.text);
                    for e in &h.events {
                        outln!(
                            "    {} {} -> {} ({}) {:?}",
                            e.cameo,
                            e.source.as_deref().unwrap_or("-"),
                            e.target.as_deref().unwrap_or("-"),
                            e.modality,
                            e.trigger
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
