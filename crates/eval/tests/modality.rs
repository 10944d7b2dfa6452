//! Quality gate: modality on dyad's own test sets (in the repository).
//! The development set is the one the rules were tuned on; the held-out
//! set was written separately and is only scored. Floors sit just under
//! the measured figures so a regression fails CI.

use dyad_eval::modality::{evaluate, ModalityReport};

fn run(file: &str) -> ModalityReport {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let model = dyad_nlp::Model::bundled().unwrap_or_else(|e| panic!("bundled model: {e}"));
    let lexicon = dyad_lexicon::Lexicon::bundled().unwrap_or_else(|e| panic!("lexicon: {e}"));
    evaluate(model, &lexicon, &text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn check(file: &str, accuracy: f64, f1: f64) {
    let r = run(file);
    assert_eq!(r.missing, 0, "{file}: triggers not found");
    assert!(r.total() >= 500, "{file}: {} triggers", r.total());
    for l in r.labels() {
        eprintln!(
            "{file} {} gold {} P {:.3} R {:.3} F1 {:.3}",
            l.label, l.gold, l.precision, l.recall, l.f1
        );
        assert!(l.f1 >= f1, "{file}: {} F1 {:.3} < {f1}", l.label, l.f1);
    }
    eprintln!("{file} accuracy {:.3}", r.accuracy());
    assert!(
        r.accuracy() >= accuracy,
        "{file}: accuracy {:.3} < {accuracy}",
        r.accuracy()
    );
}

#[test]
fn modality_development_set() {
    check("modality.jsonl", 0.915, 0.895);
}

#[test]
fn modality_heldout_set() {
    check("modality_heldout.jsonl", 0.875, 0.86);
}
