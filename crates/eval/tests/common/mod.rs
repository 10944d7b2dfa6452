//! Shared by the quality-gate tests: where the shared data sits.

use std::path::PathBuf;

/// `../shared/data/<rel>` beside the checkout. CI always has it (a missing
/// file fails there); elsewhere the caller skips its gate.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI run without {}",
        path.display()
    );
    eprintln!("skipped: {} not found", path.display());
    None
}
