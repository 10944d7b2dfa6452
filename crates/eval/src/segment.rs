//! Segmentation against a UD treebank: rebuild each document's raw text,
//! segment it, and compare sentence and token spans with the gold ones.
//!
//! Spans must match exactly (same start and end). Tokens are compared as
//! syntactic words, since that is what the tagger and parser consume:
//! "Iran's" must come out as "Iran" + "'s". Surface-token F1 (multiword
//! tokens counted once, as the CoNLL 2018 shared task's "Tokens") is also
//! given: a system token matches a surface token when they cover the same
//! span, and a run of system tokens that exactly tiles one gold multiword
//! token counts as that token.

use crate::{matched_spans, Score};
use dyad_text::conllu::{self, ConlluError};
use serde::Serialize;

#[derive(Clone, Debug, Default, Serialize)]
pub struct SegmentReport {
    pub documents: usize,
    pub characters: usize,
    pub sentences: Score,
    /// Syntactic words (UD words).
    pub tokens: Score,
    /// Surface tokens (multiword tokens counted once).
    pub surface_tokens: Score,
}

/// A span the segmenter got wrong, for inspecting errors.
#[derive(Clone, Debug, Serialize)]
pub struct SpanError {
    pub document: String,
    pub kind: &'static str,
    pub text: String,
    pub context: String,
}

pub fn evaluate(conllu_text: &str) -> Result<(SegmentReport, Vec<SpanError>), ConlluError> {
    let sentences = conllu::parse(conllu_text)?;
    let docs = conllu::rebuild_documents(&sentences);
    let mut report = SegmentReport::default();
    let mut errors = Vec::new();
    for doc in &docs {
        let seg = dyad_text::segment(&doc.text);
        let sys_sents: Vec<(usize, usize)> =
            seg.sentences.iter().map(|s| (s.start, s.end)).collect();
        let sys_toks: Vec<(usize, usize)> = seg.tokens.iter().map(|t| (t.start, t.end)).collect();
        let gold_sents = sorted(&doc.sentences);
        let gold_words = sorted(&doc.words);
        let gold_surface = sorted(&doc.tokens);

        let s = Score::new(
            gold_sents.len(),
            sys_sents.len(),
            matched_spans(&gold_sents, &sys_sents),
        );
        let w = Score::new(
            gold_words.len(),
            sys_toks.len(),
            matched_spans(&gold_words, &sys_toks),
        );
        let surface_sys = merge_into_surface(&sys_toks, &gold_surface);
        let t = Score::new(
            gold_surface.len(),
            surface_sys.len(),
            matched_spans(&gold_surface, &surface_sys),
        );
        report.sentences = report.sentences.merge(s);
        report.tokens = report.tokens.merge(w);
        report.surface_tokens = report.surface_tokens.merge(t);
        report.documents += 1;
        report.characters += doc.text.chars().count();
        collect_errors(
            &doc.id,
            &doc.text,
            &gold_sents,
            &sys_sents,
            "sentence",
            &mut errors,
        );
        collect_errors(
            &doc.id,
            &doc.text,
            &gold_words,
            &sys_toks,
            "token",
            &mut errors,
        );
    }
    Ok((report, errors))
}

fn sorted(spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut v = spans.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// System tokens, with each run that exactly tiles a gold surface token
/// merged into that token.
fn merge_into_surface(
    sys: &[(usize, usize)],
    gold_surface: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sys.len());
    let mut g = 0usize;
    let mut i = 0usize;
    while i < sys.len() {
        let (s, _) = sys[i];
        while g < gold_surface.len() && gold_surface[g].0 < s {
            g += 1;
        }
        if let Some(&(gs, ge)) = gold_surface.get(g) {
            if gs == s {
                let mut j = i;
                while j < sys.len()
                    && sys[j].1 < ge
                    && sys.get(j + 1).is_some_and(|n| n.0 == sys[j].1)
                {
                    j += 1;
                }
                if sys[j].1 == ge {
                    out.push((gs, ge));
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push(sys[i]);
        i += 1;
    }
    out
}

fn collect_errors(
    doc: &str,
    text: &str,
    gold: &[(usize, usize)],
    system: &[(usize, usize)],
    kind: &'static str,
    out: &mut Vec<SpanError>,
) {
    let gold_set: std::collections::HashSet<_> = gold.iter().collect();
    let sys_set: std::collections::HashSet<_> = system.iter().collect();
    for (label, spans, other) in [("missed ", gold, &sys_set), ("extra ", system, &gold_set)] {
        for span in spans {
            if other.contains(span) {
                continue;
            }
            let (s, e) = *span;
            let cs = floor_boundary(text, s.saturating_sub(30));
            let ce = ceil_boundary(text, (e + 30).min(text.len()));
            out.push(SpanError {
                document: doc.to_string(),
                kind: if label == "missed " {
                    if kind == "sentence" {
                        "missed sentence"
                    } else {
                        "missed token"
                    }
                } else if kind == "sentence" {
                    "extra sentence"
                } else {
                    "extra token"
                },
                text: text[s..e].to_string(),
                context: text[cs..ce].replace('\n', "⏎"),
            });
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_imperfect_segmentation() {
        let gold = "# newdoc id = a\n# newpar\n# text = Iran's envoy left.\n\
1-2\tIran's\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tIran\t_\t_\t_\t_\t3\t_\t_\t_\n\
2\t's\t_\t_\t_\t_\t1\t_\t_\t_\n\
3\tenvoy\t_\t_\t_\t_\t4\t_\t_\t_\n\
4\tleft\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n\
5\t.\t_\t_\t_\t_\t4\t_\t_\t_\n\n\
# text = Ok thanks\n\
1\tOk\t_\t_\t_\t_\t2\t_\t_\t_\n\
2\tthanks\t_\t_\t_\t_\t0\t_\t_\t_\n\n";
        let (r, errors) = evaluate(gold).unwrap_or_default();
        assert_eq!(r.tokens.gold, 7);
        assert_eq!(r.tokens.correct, 7);
        assert_eq!(r.surface_tokens.gold, 6);
        assert_eq!(r.surface_tokens.correct, 6);
        // "left." is followed by "Ok": that one boundary is found.
        assert_eq!(r.sentences.gold, 2);
        assert_eq!(r.sentences.correct, 2);
        assert!(errors.is_empty());
    }
}
