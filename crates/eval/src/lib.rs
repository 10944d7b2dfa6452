//! `dyad-eval`: measures dyad's stages against gold data. No I/O: callers
//! pass file contents in and print the reports that come out.

/// `<rel>` under the shared data checkout beside the repository
/// (`../shared/data`), when it is there. Tests and evaluations that read
/// gold data use it; CI always has the folder.
pub fn shared_data(rel: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    path.exists().then_some(path)
}

pub mod modality;
pub mod petrarch;
pub mod roles;
pub mod segment;
pub mod ud;

use serde::Serialize;

/// Precision, recall and F1 over matched items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub gold: usize,
    pub system: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    pub fn new(gold: usize, system: usize, correct: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, system);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            gold,
            system,
            correct,
            precision,
            recall,
            f1,
        }
    }

    /// Adds counts and recomputes the ratios.
    pub fn merge(self, other: Score) -> Score {
        Score::new(
            self.gold + other.gold,
            self.system + other.system,
            self.correct + other.correct,
        )
    }
}

/// Counts spans present in both sorted, duplicate-free lists.
pub(crate) fn matched_spans(gold: &[(usize, usize)], system: &[(usize, usize)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < gold.len() && j < system.len() {
        match gold[i].cmp(&system[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_math() {
        let s = Score::new(10, 8, 6);
        assert!((s.precision - 0.75).abs() < 1e-9);
        assert!((s.recall - 0.6).abs() < 1e-9);
        assert!((s.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
        assert_eq!(Score::new(0, 0, 0).f1, 0.0);
        assert_eq!(
            matched_spans(&[(0, 1), (2, 3), (4, 5)], &[(0, 1), (2, 4), (4, 5)]),
            2
        );
    }
}
