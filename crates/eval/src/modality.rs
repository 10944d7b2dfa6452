//! The modality test set (`data/modality.jsonl`, `data/modality_heldout.jsonl`;
//! guide in `data/MODALITY_GUIDE.md`): each sentence's labelled triggers
//! against the coder's reading of the same tokens.

use dyad_coder::{modality, Modality, ParsedText};
use dyad_lexicon::Lexicon;
use dyad_nlp::Model;

/// The development set (tuned against).
pub const DEV_SET: &str = include_str!("../data/modality.jsonl");
/// The held-out set (only ever scored; written from the guide alone,
/// without sight of the coder).
pub const HELDOUT_SET: &str = include_str!("../data/modality_heldout.jsonl");

/// Scores over a test set.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ModalityReport {
    /// confusion[gold][predicted], in `Modality::ALL` order.
    pub confusion: [[usize; 6]; 6],
    pub attribution_total: usize,
    pub attribution_correct: usize,
    /// Triggers the gold attributes to no one that got a source.
    pub attribution_spurious: usize,
    /// Triggers whose word was not found among the sentence's tokens.
    pub missing: usize,
    /// (id, word, gold, predicted, sentence) of each wrong trigger.
    #[serde(skip)]
    pub errors: Vec<(String, String, Modality, Modality, String)>,
    /// (id, word, gold source, source found or "", sentence) of each
    /// trigger whose attribution was missed.
    #[serde(skip)]
    pub attribution_errors: Vec<(String, String, String, String, String)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct LabelScore {
    pub label: &'static str,
    pub gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn idx(m: Modality) -> usize {
    Modality::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

/// Byte offset of the `occurrence`-th (1-based) whole-word `word` in `text`.
fn find_word(text: &str, word: &str, occurrence: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, _) in text.match_indices(word) {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            seen += 1;
            if seen == occurrence.max(1) {
                return Some(i);
            }
        }
    }
    None
}

/// Scores `model` + the coder's modality reader on a JSON Lines test set
/// (parsed knowing `lexicon`'s names, as the coder's input is). Errors
/// name the line.
pub fn evaluate(model: &Model, lexicon: &Lexicon, jsonl: &str) -> Result<ModalityReport, String> {
    let mut report = ModalityReport::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: bad JSON: {e}", n + 1))?;
        let sentence = rec["text"].as_str().unwrap_or("");
        let id = rec["id"].as_str().unwrap_or("").to_string();
        let parsed = ParsedText::new(model, lexicon, sentence);
        let sents = parsed.sentences(model, sentence);
        for trig in rec["triggers"].as_array().into_iter().flatten() {
            let word = trig["word"].as_str().unwrap_or("");
            let occurrence = trig["occurrence"].as_u64().unwrap_or(1) as usize;
            let gold = trig["modality"]
                .as_str()
                .and_then(Modality::parse)
                .ok_or_else(|| format!("line {}: unknown modality {}", n + 1, trig["modality"]))?;
            let at = find_word(sentence, word, occurrence)
                .ok_or_else(|| format!("line {}: trigger {word:?} not in the text", n + 1))?;
            let found = sents.iter().find_map(|s| {
                s.tokens
                    .iter()
                    .position(|t| t.start <= at && at < t.end)
                    .map(|i| (s, i))
            });
            let Some((s, i)) = found else {
                report.missing += 1;
                continue;
            };
            let reading = modality::read(s, i);
            report.confusion[idx(gold)][idx(reading.modality)] += 1;
            if reading.modality != gold {
                report.errors.push((
                    id.clone(),
                    word.to_string(),
                    gold,
                    reading.modality,
                    sentence.to_string(),
                ));
            }
            if let Some(want) = trig["attributed_to"].as_str() {
                report.attribution_total += 1;
                let got = reading
                    .attributed_to
                    .and_then(|h| s.tokens.get(h))
                    .map(|t| t.text);
                if got.is_some_and(|g| want.split_whitespace().any(|w| w == g)) {
                    report.attribution_correct += 1;
                } else {
                    report.attribution_errors.push((
                        id.clone(),
                        word.to_string(),
                        want.to_string(),
                        got.unwrap_or("").to_string(),
                        sentence.to_string(),
                    ));
                }
            } else if let Some(h) = reading.attributed_to {
                report.attribution_spurious += 1;
                report.attribution_errors.push((
                    id.clone(),
                    word.to_string(),
                    String::new(),
                    s.tokens.get(h).map_or("", |t| t.text).to_string(),
                    sentence.to_string(),
                ));
            }
        }
    }
    Ok(report)
}

impl ModalityReport {
    pub fn labels(&self) -> Vec<LabelScore> {
        Modality::ALL
            .iter()
            .enumerate()
            .map(|(g, m)| {
                let tp = self.confusion[g][g];
                let gold: usize = self.confusion[g].iter().sum();
                let predicted: usize = (0..6).map(|k| self.confusion[k][g]).sum();
                let precision = if predicted == 0 {
                    0.0
                } else {
                    tp as f64 / predicted as f64
                };
                let recall = if gold == 0 {
                    0.0
                } else {
                    tp as f64 / gold as f64
                };
                let f1 = if precision + recall == 0.0 {
                    0.0
                } else {
                    2.0 * precision * recall / (precision + recall)
                };
                LabelScore {
                    label: m.name(),
                    gold,
                    precision,
                    recall,
                    f1,
                }
            })
            .collect()
    }

    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..6).map(|k| self.confusion[k][k]).sum();
        right as f64 / self.total().max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_by_occurrence() {
        let t = "Iran recalled; recall it. Recalled? recall";
        assert_eq!(find_word(t, "recall", 1), Some(15));
        assert_eq!(find_word(t, "recall", 2), Some(36));
        assert_eq!(find_word(t, "recall", 3), None);
        assert_eq!(find_word(t, "Iran", 1), Some(0));
    }
}
