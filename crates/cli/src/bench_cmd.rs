//! `dyad bench`: throughput of the pipeline stages on a JSON Lines corpus.

use anyhow::{bail, Context, Result};
use clap::Args;
use dyad_ingest::InputFormat;
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The shared news corpus, when the repository sits beside `shared/`.
const DEFAULT_CORPUS: &str = "../shared/data/news/news_benchmark.jsonl";
/// Without it: the bundled sample articles.
const FALLBACK_CORPUS: &str = "samples";

#[derive(Args)]
pub struct BenchArgs {
    /// JSON Lines corpus (default: the shared news benchmark, else the bundled samples).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Use only the first N documents.
    #[arg(long)]
    limit: Option<usize>,
    /// Model file for tagging and parsing (default: the bundled model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Instead of the pipeline: fill a database with this many synthetic
    /// events through the store API, then time `timeline` (one dyad, by
    /// month) and `dyads --top 20` on it.
    #[arg(long, value_name = "N")]
    store_events: Option<usize>,
    /// Database for --store-events (default: a new file in the temp dir).
    #[arg(long)]
    db: Option<PathBuf>,
}

/// `--store-events`: write N synthetic events (deterministic), time the
/// two dashboard queries.
fn bench_store(n: usize, db: Option<&PathBuf>) -> Result<ExitCode> {
    use dyad_store::{
        ActorSpan, DocumentRecord, EventRecord, Filter, Period, SentenceRecord, Store, TextSpan,
    };
    let path = db.cloned().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("dyad-bench-{}.db", std::process::id()))
    });
    let mut store = Store::open(&path)?;
    let countries = [
        "IRN", "AZE", "TUR", "ISR", "RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "EGY", "SAU",
        "SYR", "IRQ", "ARM", "GEO", "IND", "PAK", "AFG",
    ];
    let sectors = ["", "GOV", "MIL", "COP", "OPP"];
    let codes = [
        "010", "036", "040", "042", "051", "057", "111", "112", "130", "161", "163", "173", "190",
        "193", "195",
    ];
    let modalities = [
        "asserted",
        "asserted",
        "asserted",
        "advocated",
        "negated",
        "future",
        "hypothetical",
        "alleged",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let per_doc = 10usize;
    let t = Instant::now();
    let mut written = 0usize;
    let mut doc_no = 0usize;
    while written < n {
        let mut batch = Vec::with_capacity(100);
        for _ in 0..100 {
            if written >= n {
                break;
            }
            let day = 15 + (next() % 4000) as i64;
            let date = chrono::NaiveDate::from_ymd_opt(2014, 1, 1).unwrap_or_default()
                + chrono::Duration::days(day);
            let events: Vec<EventRecord> = (0..per_doc.min(n - written))
                .map(|k| {
                    let pick =
                        |r: u64, list: &[&str]| list[(r % list.len() as u64) as usize].to_string();
                    let a = format!("{}{}", pick(next(), &countries), pick(next(), &sectors));
                    let b = format!("{}{}", pick(next(), &countries), pick(next(), &sectors));
                    let code = pick(next(), &codes);
                    let actor = |c: String| {
                        Some(ActorSpan {
                            country: Some(c[..3].to_string()),
                            code: c,
                            sector: None,
                            span: TextSpan::default(),
                        })
                    };
                    EventRecord {
                        id: format!("s{doc_no}-{k}"),
                        date: Some(date.to_string()),
                        source: actor(a),
                        target: actor(b),
                        cameo_root: code[..2].to_string(),
                        quad_class: Some(if code.as_str() < "060" {
                            1
                        } else if code.as_str() < "100" {
                            2
                        } else if code.as_str() < "150" {
                            3
                        } else {
                            4
                        }),
                        goldstein: Some((next() % 200) as f64 / 10.0 - 10.0),
                        cameo: code,
                        modality: pick(next(), &modalities),
                        trigger: TextSpan {
                            text: "x".into(),
                            start: 0,
                            end: 1,
                        },
                        genre: "report".into(),
                        confidence: 0.8,
                        ..EventRecord::default()
                    }
                })
                .collect();
            written += events.len();
            batch.push(DocumentRecord {
                id: format!("s{doc_no}"),
                content_hash: format!("{doc_no}"),
                date: Some(date.to_string()),
                genre: "report".into(),
                text: "synthetic".into(),
                sentences: vec![SentenceRecord {
                    start: 0,
                    end: 9,
                    text: "synthetic".into(),
                }],
                events,
                ..DocumentRecord::default()
            });
            doc_no += 1;
        }
        store.write(&batch, None)?;
    }
    let write_s = t.elapsed().as_secs_f64();
    let (_, _, total) = store.counts()?;
    drop(store);
    let store = Store::open_read_only(&path)?;
    let dyad = Filter {
        source: Some("IRN".into()),
        target: Some("AZE".into()),
        modalities: vec!["asserted".into()],
        ..Filter::default()
    };
    let t = Instant::now();
    let timeline = store.timeline(&dyad, Period::Month)?;
    let timeline_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let top = store.dyads(
        &Filter {
            modalities: vec!["asserted".into()],
            ..Filter::default()
        },
        20,
    )?;
    let dyads_ms = t.elapsed().as_secs_f64() * 1000.0;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    outln!(
        "{}: {total} events written in {write_s:.1} s ({:.0} events/s), {size:.0} MB",
        path.display(),
        written as f64 / write_s.max(1e-9)
    );
    outln!(
        "timeline IRN -> AZE by month: {} periods in {timeline_ms:.1} ms",
        timeline.len()
    );
    outln!("dyads --top 20: {} rows in {dyads_ms:.1} ms", top.len());
    Ok(ExitCode::SUCCESS)
}

/// Peak resident memory of this process, from /proc (Linux), in MB.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[derive(Serialize)]
struct StageFigures {
    stage: &'static str,
    threads: usize,
    documents: usize,
    documents_per_s: f64,
    seconds: f64,
    megabytes: f64,
    mb_per_s: f64,
    tokens: usize,
    tokens_per_s: f64,
    sentences: usize,
    sentences_per_s: f64,
}

impl StageFigures {
    fn new(
        stage: &'static str,
        threads: usize,
        seconds: f64,
        megabytes: f64,
        (documents, tokens, sentences): (usize, usize, usize),
    ) -> Self {
        let seconds = seconds.max(1e-9);
        StageFigures {
            stage,
            threads,
            documents,
            documents_per_s: documents as f64 / seconds,
            seconds,
            megabytes,
            mb_per_s: megabytes / seconds,
            tokens,
            tokens_per_s: tokens as f64 / seconds,
            sentences,
            sentences_per_s: sentences as f64 / seconds,
        }
    }
}

/// Calls `f` with a pool of 1 thread, then with one of every core.
fn on_pools<T>(
    threads: usize,
    mut f: impl FnMut(usize, &rayon::ThreadPool) -> Result<T>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for n in [1usize, threads] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
        out.push(f(n, &pool)?);
        if threads == 1 {
            break;
        }
    }
    Ok(out)
}

pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    if let Some(n) = args.store_events {
        return bench_store(n, args.db.as_ref());
    }
    let path = match &args.corpus {
        Some(p) => p.clone(),
        None if std::path::Path::new(DEFAULT_CORPUS).exists() => PathBuf::from(DEFAULT_CORPUS),
        None => PathBuf::from(FALLBACK_CORPUS),
    };
    // Read: files to documents (JSON Lines parsing, or whatever format
    // the corpus is in), one core.
    let t0 = Instant::now();
    let (inputs, missing) = dyad_ingest::expand_inputs(&[path.display().to_string()]);
    if let Some(e) = missing.first() {
        bail!("{e}");
    }
    let mut documents = Vec::new();
    for input in &inputs {
        let outcome = dyad_ingest::read_input(input, InputFormat::Auto);
        if let Some(e) = outcome.errors.first() {
            eprintln!("dyad: {e} (skipped)");
        }
        documents.extend(outcome.documents);
    }
    let read_s = t0.elapsed().as_secs_f64();
    let read_docs = documents.len();
    let read_mb = documents.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
    if documents.is_empty() {
        bail!("{}: no documents", path.display());
    }
    documents.truncate(args.limit.unwrap_or(usize::MAX));
    let docs = documents;
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let total_bytes: usize = texts.iter().map(|t| t.len()).sum();
    let megabytes = total_bytes as f64 / 1e6;
    let threads = rayon::current_num_threads();
    let mut figures = Vec::new();

    on_pools(threads, |n, pool| {
        let t = Instant::now();
        let (tokens, sentences) = pool.install(|| {
            texts
                .par_iter()
                .map(|t| {
                    let s = dyad_text::segment(t);
                    (s.tokens.len(), s.sentences.len())
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        let seconds = t.elapsed().as_secs_f64();
        figures.push(StageFigures::new(
            "segment",
            n,
            seconds,
            megabytes,
            (texts.len(), tokens, sentences),
        ));
        Ok(())
    })?;
    // Read covers the whole corpus (before --limit); its token and
    // sentence counts are not known without segmenting, so they are 0.
    figures.insert(
        0,
        StageFigures::new("read", 1, read_s, read_mb, (read_docs, 0, 0)),
    );

    // Tagging alone, then tagging + lemmas + parsing, on the segmenter's
    // sentences (segmentation not timed).
    let t = Instant::now();
    let model = crate::eval_cmd::load_model(args.model.as_ref())?;
    let load_s = t.elapsed().as_secs_f64();
    let (classes, tfeats, labels, pfeats) = model.sizes();
    let sentences: Vec<Vec<&str>> = texts
        .par_iter()
        .flat_map_iter(|text| {
            let seg = dyad_text::segment(text);
            seg.sentences
                .iter()
                .map(|s| {
                    seg.sentence_tokens(s)
                        .iter()
                        .map(|t| &text[t.start..t.end])
                        .collect::<Vec<&str>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    type Nlp = fn(&dyad_nlp::Model, &[&str]) -> usize;
    let nlp_stages: [(&'static str, Nlp); 2] = [
        ("tag", |m, forms| m.tag(forms).len()),
        ("tag+parse", |m, forms| m.analyze(forms).heads.len()),
    ];
    for (stage, f) in nlp_stages {
        on_pools(threads, |n, pool| {
            let t = Instant::now();
            let tokens: usize =
                pool.install(|| sentences.par_iter().map(|forms| f(model, forms)).sum());
            let seconds = t.elapsed().as_secs_f64();
            figures.push(StageFigures::new(
                stage,
                n,
                seconds,
                megabytes,
                (texts.len(), tokens, sentences.len()),
            ));
            Ok(())
        })?;
    }

    // End to end: raw text to coded events (segment, tag, parse, actors,
    // events), per document; the last run's records go to the store stage.
    let t = Instant::now();
    let lexicon = dyad_lexicon::Lexicon::bundled().context("loading the lexicon")?;
    let lexicon_load_s = t.elapsed().as_secs_f64();
    let coder = dyad_coder::Coder::new(&lexicon, dyad_lexicon::Convention::Gdelt);
    let mut events_total = 0usize;
    let mut records: Vec<dyad_store::DocumentRecord> = Vec::new();
    on_pools(threads, |n, pool| {
        let t = Instant::now();
        let coded: Vec<(usize, usize, dyad_store::DocumentRecord)> = pool.install(|| {
            docs.par_iter()
                .map(|d| {
                    let (parsed, coded) = crate::code_cmd::code_document(model, &coder, d);
                    let tokens = parsed.spans.iter().map(|s| s.tokens.len()).sum::<usize>();
                    let record = dyad_store::DocumentRecord::from_coded(d, &parsed, &coded);
                    (tokens, parsed.spans.len(), record)
                })
                .collect()
        });
        let seconds = t.elapsed().as_secs_f64();
        let tokens = coded.iter().map(|c| c.0).sum();
        let sents = coded.iter().map(|c| c.1).sum();
        records = coded.into_iter().map(|c| c.2).collect();
        events_total = records.iter().map(|r| r.events.len()).sum();
        figures.push(StageFigures::new(
            "code",
            n,
            seconds,
            megabytes,
            (docs.len(), tokens, sents),
        ));
        Ok(())
    })?;

    // Store: the coded documents written to a new database in batches, as
    // `dyad ingest` writes them (one writer).
    let db_dir = std::env::temp_dir().join(format!("dyad-bench-store-{}", std::process::id()));
    std::fs::create_dir_all(&db_dir).with_context(|| format!("creating {}", db_dir.display()))?;
    let t = Instant::now();
    {
        let mut store = dyad_store::Store::open(&db_dir.join("bench.db"))?;
        for batch in records.chunks(256) {
            store.write(batch, None)?;
        }
    }
    let store_s = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&db_dir);
    let (code_tokens, code_sents) = figures
        .iter()
        .rev()
        .find(|f| f.stage == "code")
        .map_or((0, 0), |f| (f.tokens, f.sentences));
    figures.push(StageFigures::new(
        "store",
        1,
        store_s,
        megabytes,
        (records.len(), code_tokens, code_sents),
    ));

    // Actor lookup over the same sentences (one core; date fixed).
    let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let t = Instant::now();
    let (mut tokens, mut mentions) = (0usize, 0usize);
    for forms in &sentences {
        tokens += forms.len();
        mentions += lexicon.mentions(forms, date).len();
    }
    let seconds = t.elapsed().as_secs_f64();
    figures.push(StageFigures::new(
        "lexicon",
        1,
        seconds,
        megabytes,
        (texts.len(), tokens, sentences.len()),
    ));
    let peak = peak_memory_mb();
    if args.json {
        let report = serde_json::json!({
            "corpus": path.display().to_string(),
            "documents": texts.len(),
            "threads": threads,
            "model_load_seconds": load_s,
            "lexicon_load_seconds": lexicon_load_s,
            "lexicon_mentions": mentions,
            "events": events_total,
            "model": {"tag_classes": classes, "tagger_features": tfeats, "labels": labels, "parser_features": pfeats},
            "peak_memory_mb": peak,
            "stages": figures,
        });
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        outln!(
            "corpus: {}  documents: {}  body text: {:.1} MB",
            path.display(),
            texts.len(),
            megabytes
        );
        outln!(
            "{:<10} {:>7} {:>8} {:>9} {:>12} {:>12} {:>14} {:>10}",
            "stage",
            "threads",
            "seconds",
            "MB/s",
            "tokens",
            "tokens/s",
            "sentences/s",
            "docs/s"
        );
        for f in &figures {
            outln!(
                "{:<10} {:>7} {:>8.3} {:>9.1} {:>12} {:>12.0} {:>14.0} {:>10.0}",
                f.stage,
                f.threads,
                f.seconds,
                f.mb_per_s,
                f.tokens,
                f.tokens_per_s,
                f.sentences_per_s,
                f.documents_per_s
            );
        }
        outln!(
            "model: {classes} tag classes, {tfeats} tagger features, {labels} labels, {pfeats} parser features"
        );
        outln!(
            "lexicon: {mentions} actor mentions, load {:.0} ms; code: {events_total} events",
            lexicon_load_s * 1000.0
        );
        outln!(
            "model load: {:.0} ms   peak memory: {}",
            load_s * 1000.0,
            peak.map_or("unknown".to_string(), |p| format!("{p:.0} MB"))
        );
    }
    Ok(ExitCode::SUCCESS)
}
