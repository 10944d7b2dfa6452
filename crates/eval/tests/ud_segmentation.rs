//! Quality gate: segmentation on the UD English test sets (from ../shared,
//! which CI provides) must stay at or above the levels issue #2 sets.

mod common;
use common::shared;

fn gate(rel: &str, min_token_f1: f64, min_sentence_f1: f64) {
    let Some(path) = shared(rel) else { return };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (report, _) =
        dyad_eval::segment::evaluate(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eprintln!(
        "{rel}: token F1 {:.4}, sentence F1 {:.4}",
        report.tokens.f1, report.sentences.f1
    );
    assert!(
        report.tokens.f1 >= min_token_f1,
        "{rel}: token F1 {:.4} < {min_token_f1}",
        report.tokens.f1
    );
    assert!(
        report.sentences.f1 >= min_sentence_f1,
        "{rel}: sentence F1 {:.4} < {min_sentence_f1}",
        report.sentences.f1
    );
}

#[test]
fn ewt_test() {
    gate("ud/en_ewt/en_ewt-ud-test.conllu", 0.99, 0.75);
}

#[test]
fn gum_test() {
    gate("ud/en_gum/en_gum-ud-test.conllu", 0.99, 0.88);
}
