//! Shared by the quality-gate tests: where the shared data sits.

use std::path::PathBuf;

/// `../shared/data/<rel>` beside the checkout. CI always has it (a missing
/// file fails there); elsewhere the caller skips its gate.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let found = dyad_eval::shared_data(rel);
    assert!(
        found.is_some() || std::env::var_os("CI").is_none(),
        "CI run without shared data {rel}"
    );
    if found.is_none() {
        eprintln!("skipped: shared data {rel} not found");
    }
    found
}
