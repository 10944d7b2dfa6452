//! `dyad bench`: throughput of the pipeline stages on a JSON Lines corpus.

use anyhow::{bail, Context, Result};
use clap::Args;
use dyad_ingest::{parse_bytes, InputFormat};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The shared news corpus, when the repository sits beside `shared/`.
const DEFAULT_CORPUS: &str = "../shared/data/news/news_benchmark.jsonl";

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
        tokens: usize,
        sentences: usize,
    ) -> Self {
        StageFigures {
            stage,
            threads,
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

pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    if let Some(n) = args.store_events {
        return bench_store(n, args.db.as_ref());
    }
    let path = match &args.corpus {
        Some(p) => p.clone(),
        None if std::path::Path::new(DEFAULT_CORPUS).exists() => PathBuf::from(DEFAULT_CORPUS),
        None => bail!("no corpus: pass --corpus FILE.jsonl (the shared news benchmark is not beside this checkout)"),
    };
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let t0 = Instant::now();
    let outcome = parse_bytes(&path.display().to_string(), &bytes, InputFormat::Jsonl);
    let read_s = t0.elapsed().as_secs_f64();
    let limit = args.limit.unwrap_or(usize::MAX);
    let texts: Vec<&str> = outcome
        .documents
        .iter()
        .take(limit)
        .map(|d| d.text.as_str())
        .collect();
    let total_bytes: usize = texts.iter().map(|t| t.len()).sum();
    let megabytes = total_bytes as f64 / 1e6;

    let mut figures = Vec::new();
    let threads = rayon::current_num_threads();
    for n in [1usize, threads] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
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
            "segment", n, seconds, megabytes, tokens, sentences,
        ));
        if threads == 1 {
            break;
        }
    }
    // Tagging + parsing, on the segmenter's sentences (not timed).
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
    for n in [1usize, threads] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
        let t = Instant::now();
        let tokens: usize = pool.install(|| {
            sentences
                .par_iter()
                .map(|forms| {
                    let a = model.analyze(forms);
                    a.heads.len()
                })
                .sum()
        });
        let seconds = t.elapsed().as_secs_f64();
        figures.push(StageFigures::new(
            "tag+parse",
            n,
            seconds,
            megabytes,
            tokens,
            sentences.len(),
        ));
        if threads == 1 {
            break;
        }
    }
    // End to end: raw text to coded events (segment, tag, parse, actors,
    // events), per document.
    let t = Instant::now();
    let lexicon = dyad_lexicon::Lexicon::bundled().context("loading the lexicon")?;
    let lexicon_load_s = t.elapsed().as_secs_f64();
    let coder = dyad_coder::Coder::new(&lexicon, dyad_lexicon::Convention::Gdelt);
    let docs: Vec<dyad_text::Document> = outcome.documents.iter().take(limit).cloned().collect();
    let mut events_total = 0usize;
    for n in [1usize, threads] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
        let t = Instant::now();
        let (tokens, sents, events) = pool.install(|| {
            docs.par_iter()
                .map(|d| {
                    let (parsed, coded) = crate::code_cmd::code_document(model, &coder, d);
                    let tokens = parsed.spans.iter().map(|s| s.tokens.len()).sum::<usize>();
                    (tokens, parsed.spans.len(), coded.events.len())
                })
                .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
        });
        let seconds = t.elapsed().as_secs_f64();
        events_total = events;
        figures.push(StageFigures::new(
            "code", n, seconds, megabytes, tokens, sents,
        ));
        if threads == 1 {
            break;
        }
    }
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
        tokens,
        sentences.len(),
    ));
    let peak = peak_memory_mb();
    if args.json {
        let report = serde_json::json!({
            "corpus": path.display().to_string(),
            "documents": texts.len(),
            "read_seconds": read_s,
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
            "corpus: {}  documents: {}  body text: {:.1} MB  (JSON read+parse: {:.2} s)",
            path.display(),
            texts.len(),
            megabytes,
            read_s
        );
        outln!(
            "{:<10} {:>7} {:>8} {:>9} {:>12} {:>12} {:>14}",
            "stage",
            "threads",
            "seconds",
            "MB/s",
            "tokens",
            "tokens/s",
            "sentences/s"
        );
        for f in &figures {
            outln!(
                "{:<10} {:>7} {:>8.3} {:>9.1} {:>12} {:>12.0} {:>14.0}",
                f.stage,
                f.threads,
                f.seconds,
                f.mb_per_s,
                f.tokens,
                f.tokens_per_s,
                f.sentences_per_s
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
