//! Shared input handling for commands that read documents: expand paths,
//! read each input, report bad ones on stderr (one line each) and go on.

use dyad_ingest::{expand_inputs, read_input, InputFormat};
use dyad_text::Document;

/// Counts of what happened while reading.
#[derive(Debug, Default)]
pub struct ReadSummary {
    pub inputs: usize,
    pub documents: usize,
    pub failed: usize,
}

/// Calls `sink` with the documents of each input in turn. Errors and
/// warnings go to stderr; `sink` returning `Err` stops the run (e.g. the
/// output pipe closed).
pub fn for_each_input<E>(
    paths: &[String],
    format: InputFormat,
    mut sink: impl FnMut(Vec<Document>) -> Result<(), E>,
) -> Result<ReadSummary, E> {
    let defaults = ["-".to_string()];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let (inputs, errors) = expand_inputs(paths);
    let mut summary = ReadSummary {
        failed: errors.len(),
        ..Default::default()
    };
    for e in &errors {
        eprintln!("dyad: {e}");
    }
    for input in &inputs {
        summary.inputs += 1;
        let outcome = read_input(input, format);
        for w in &outcome.warnings {
            eprintln!("dyad: warning: {w}");
        }
        for e in &outcome.errors {
            eprintln!("dyad: {e}");
        }
        summary.failed += outcome.errors.len();
        summary.documents += outcome.documents.len();
        sink(outcome.documents)?;
    }
    Ok(summary)
}
