//! The `dyad` command line: wiring and presentation over the stage crates.

/// `println!` that ends the process quietly when stdout is closed (as in
/// `dyad ... | head`) instead of panicking, and reports other write
/// errors.
macro_rules! outln {
    () => {
        outln!("")
    };
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("dyad: error: writing output: {e}");
            std::process::exit(1);
        }
    }};
}

mod bench_cmd;
mod code_cmd;
mod eval_all;
mod eval_cmd;
mod eval_events;
mod explain_cmd;
mod export_cmd;
mod inputs;
mod lexicon_cmd;
mod parse_cmd;
mod segment_cmd;
mod serve_cmd;
mod store_cmd;
mod train_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// dyad turns news into political event data: who did what to whom, when,
/// where, and whether it actually happened.
#[derive(Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read documents and write their sentences and tokens as JSON Lines.
    Segment(segment_cmd::SegmentArgs),
    /// Train the tagger, lemmatizer and parser from UD treebanks.
    Train(train_cmd::TrainArgs),
    /// Measure throughput of the stages on a JSON Lines corpus.
    Bench(bench_cmd::BenchArgs),
    /// Segment, tag, lemmatize and parse documents (CoNLL-U or JSON Lines).
    Parse(parse_cmd::ParseArgs),
    /// Measure a stage against gold data.
    #[command(subcommand)]
    Eval(eval_cmd::EvalCommand),
    /// Code documents into events (who did what to whom, and whether it happened).
    Code(code_cmd::CodeArgs),
    /// Show, per sentence, the parse, the actors found and each event with its evidence.
    Explain(explain_cmd::ExplainArgs),
    /// Code documents and store them with their events in the database (default dyad.db).
    Ingest(store_cmd::IngestArgs),
    /// Ask the database: timeline, dyads, actors, events, search.
    #[command(subcommand)]
    Query(store_cmd::QueryCommand),
    /// Write stored events as JSON Lines, CSV, Parquet or PLOVER JSON.
    Export(export_cmd::ExportArgs),
    /// Serve the web page and HTTP API over the database (127.0.0.1:8080).
    Serve(serve_cmd::ServeArgs),
    /// Actor and event dictionaries: lookup, code, check, import.
    #[command(subcommand)]
    Lexicon(lexicon_cmd::LexiconCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Segment(args) => segment_cmd::run(&args),
        Command::Eval(cmd) => eval_cmd::run(&cmd),
        Command::Parse(args) => parse_cmd::run(&args),
        Command::Bench(args) => bench_cmd::run(&args),
        Command::Train(args) => train_cmd::run(&args),
        Command::Lexicon(cmd) => lexicon_cmd::run(&cmd),
        Command::Code(args) => code_cmd::run(&args),
        Command::Explain(args) => explain_cmd::run(&args),
        Command::Ingest(args) => store_cmd::ingest(&args),
        Command::Query(cmd) => store_cmd::query(&cmd),
        Command::Export(args) => export_cmd::run(&args),
        Command::Serve(args) => serve_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("dyad: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// One CSV field, quoted when it holds a comma, quote or line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Exit status for a run that read its inputs: 2 when any input failed.
pub fn exit_status(failed_inputs: usize) -> ExitCode {
    if failed_inputs > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Result of a command that wrote records to stdout: a closed pipe (`| head`)
/// ends it quietly; otherwise 2 when any input failed.
pub fn finish_output(
    result: std::io::Result<usize>,
    flushed: std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    match (result, flushed) {
        (Ok(failed), Ok(())) => Ok(exit_status(failed)),
        (Err(e), _) | (_, Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        (Err(e), _) | (_, Err(e)) => Err(e.into()),
    }
}
