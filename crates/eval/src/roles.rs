//! Roles on real news: the English sentences of Multi-CoPED (Parolin et
//! al. 2022; `../shared/data/eventcoding/multicoped_dev/`), each with one
//! annotated event: the words that name its source and its target (or two
//! reciprocal actors, "X and Y clashed"), and a five-way class (neutral,
//! verbal or material cooperation, verbal or material conflict).
//!
//! The gold spans are phrases ("A car bombing by the Islamic State"),
//! dyad's actors are names inside them ("the Islamic State"), so a role
//! is found when some event's actor overlaps the gold phrase. The gold
//! marks one event a sentence and dyad codes every event it finds, so
//! these are recall figures; `swapped` counts the sentences where an event
//! has the two roles the other way round, an error whatever else is found.
//! A pronoun the coder resolved ("Farc said it will release ...": "it")
//! stands for the gold phrase when it carries the code of an actor the
//! lexicon finds in that phrase.

use dyad_coder::{Coder, DocumentInput, Event, ParsedText};
use dyad_nlp::Model;
use serde::Serialize;

/// The date the sentences are coded at. They carry none; most are news of
/// 2017 and 2018, and a fixed date keeps the figures from moving with the
/// calendar (people's offices are looked up at it).
pub const NEWS_DATE: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2018, 1, 1) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

/// Found / gold counts of one role.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Found {
    pub found: usize,
    pub gold: usize,
}

impl Found {
    fn add(&mut self, hit: bool) {
        self.gold += 1;
        self.found += usize::from(hit);
    }

    pub fn percent(&self) -> f64 {
        100.0 * self.found as f64 / self.gold.max(1) as f64
    }
}

/// Class names of the five-way scheme, in its order.
pub const CLASSES: [&str; 5] = [
    "neutral",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

#[derive(Debug, Default, Clone, Serialize)]
pub struct RolesReport {
    pub sentences: usize,
    /// A gold source phrase overlapped by some event's source.
    pub source: Found,
    /// A gold target phrase overlapped by some event's target.
    pub target: Found,
    /// Both, by one event (sentences with a gold source and target).
    pub pair: Found,
    /// One event between two of the reciprocal actors.
    pub reciprocal: Found,
    /// Sentences with an event whose source is the gold target and whose
    /// target the gold source.
    pub swapped: usize,
    /// class_confusion[gold][predicted] over the sentences with a class.
    pub class_confusion: [[usize; 5]; 5],
    /// Sentences whose source and target were not both found: (id, text,
    /// gold source phrases, gold target phrases, events as
    /// "code source -> target").
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub text: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    pub events: Vec<String>,
}

impl RolesReport {
    pub fn class_accuracy(&self) -> f64 {
        let total: usize = self.class_confusion.iter().flatten().sum();
        let right: usize = (0..5).map(|i| self.class_confusion[i][i]).sum();
        100.0 * right as f64 / total.max(1) as f64
    }
}

/// Gold spans (byte ranges) of one record, by role.
#[derive(Default)]
struct GoldSpans {
    source: Vec<(usize, usize)>,
    target: Vec<(usize, usize)>,
    reciprocal: Vec<(usize, usize)>,
}

/// Finds each token in the text after the one before, and joins the
/// tagged runs (BIO tags: S source, T target, R reciprocal) into byte
/// spans. A token the text does not hold ends the run it is in.
fn gold_spans(text: &str, tokens: &[String], tags: &[String]) -> GoldSpans {
    let mut spans = GoldSpans::default();
    let mut at = 0usize;
    let mut open: Option<(char, usize, usize)> = None;
    let close = |open: &mut Option<(char, usize, usize)>, spans: &mut GoldSpans| {
        if let Some((role, start, end)) = open.take() {
            match role {
                'S' => spans.source.push((start, end)),
                'T' => spans.target.push((start, end)),
                _ => spans.reciprocal.push((start, end)),
            }
        }
    };
    for (token, tag) in tokens.iter().zip(tags) {
        let place = text
            .get(at..)
            .and_then(|rest| rest.find(token.as_str()))
            .map(|i| (at + i, at + i + token.len()));
        let role = tag
            .split_once('-')
            .and_then(|(bio, role)| Some((bio, role.chars().next()?)));
        match (place, role) {
            (Some((start, end)), Some((bio, role))) if "STR".contains(role) => {
                at = end;
                match &mut open {
                    Some((r, _, e)) if *r == role && bio == "I" => *e = end,
                    _ => {
                        close(&mut open, &mut spans);
                        open = Some((role, start, end));
                    }
                }
            }
            (place, _) => {
                if let Some((_, end)) = place {
                    at = end;
                }
                close(&mut open, &mut spans);
            }
        }
    }
    close(&mut open, &mut spans);
    spans
}

fn overlaps(span: Option<(usize, usize)>, gold: &[(usize, usize)]) -> bool {
    span.is_some_and(|(s, e)| gold.iter().any(|&(gs, ge)| s < ge && gs < e))
}

/// Personal pronouns an event's actor may be (resolved by the coder).
const PRONOUNS: &[&str] = &[
    "it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "we", "our", "us",
];

/// Whether actor `a` is a pronoun standing for one of the actors (their
/// codes) named in a gold phrase.
fn stands_for(a: Option<&dyad_coder::ActorRef>, text: &str, codes: &[String]) -> bool {
    a.is_some_and(|a| {
        let words = text.get(a.span.start..a.span.end).unwrap_or("");
        PRONOUNS.contains(&words.to_lowercase().as_str()) && codes.contains(&a.code)
    })
}

fn source_span(e: &Event) -> Option<(usize, usize)> {
    e.source.as_ref().map(|a| (a.span.start, a.span.end))
}

fn target_span(e: &Event) -> Option<(usize, usize)> {
    e.target.as_ref().map(|a| (a.span.start, a.span.end))
}

/// The sentence's class from its events (coded with the Phoenix
/// convention, whose five classes are Multi-CoPED's: statements and
/// appeals neutral, sanctions verbal conflict): that of its first event,
/// in text order, that is not neutral ("a monitor said" carries no
/// cooperation or conflict of its own); neutral without one.
fn predicted_class(events: &[Event]) -> usize {
    events
        .iter()
        .filter(|e| e.quad_class.is_some_and(|q| q > 0))
        .min_by_key(|e| e.trigger.start)
        .and_then(|e| e.quad_class)
        .map_or(0, |q| usize::from(q).min(4))
}

/// Scores `coder` (with `model`'s parses; built with the Phoenix
/// convention for the classes) on Multi-CoPED JSON Lines. Errors name the
/// line.
pub fn evaluate(model: &Model, coder: &Coder<'_>, jsonl: &str) -> Result<RolesReport, String> {
    let mut report = RolesReport::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: bad JSON: {e}", n + 1))?;
        let text = rec["text"]
            .as_str()
            .ok_or_else(|| format!("line {}: no \"text\"", n + 1))?;
        let id = rec["id"].as_str().unwrap_or("").to_string();
        let parsed = ParsedText::new(model, coder.lexicon(), text);
        let sentences = parsed.sentences(model, text);
        let coded = coder.code(&DocumentInput {
            doc_id: &id,
            text,
            date: Some(NEWS_DATE),
            sentences: &sentences,
        });
        let events = &coded.events;
        report.sentences += 1;
        if let Some(gold) = rec["quad_class"].as_u64() {
            let gold = usize::try_from(gold)
                .ok()
                .filter(|&g| g < 5)
                .ok_or_else(|| format!("line {}: class {gold} is not 0-4", n + 1))?;
            report.class_confusion[gold][predicted_class(events)] += 1;
        }
        let strings = |key: &str| -> Vec<String> {
            rec[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let (tokens, tags) = (strings("tokens"), strings("tags"));
        if tokens.is_empty() {
            continue;
        }
        if tokens.len() != tags.len() {
            return Err(format!(
                "line {}: {} tokens but {} tags",
                n + 1,
                tokens.len(),
                tags.len()
            ));
        }
        let gold = gold_spans(text, &tokens, &tags);
        // The codes of the actors each role's phrases name.
        let codes = |spans: &[(usize, usize)]| -> Vec<String> {
            spans
                .iter()
                .filter_map(|&(s, e)| text.get(s..e))
                .flat_map(|phrase| coder.lexicon().lookup(phrase, NEWS_DATE))
                .map(|m| m.code)
                .collect()
        };
        let (source_codes, target_codes) = (codes(&gold.source), codes(&gold.target));
        let is_source = |e: &Event| {
            overlaps(source_span(e), &gold.source)
                || stands_for(e.source.as_ref(), text, &source_codes)
        };
        let is_target = |e: &Event| {
            overlaps(target_span(e), &gold.target)
                || stands_for(e.target.as_ref(), text, &target_codes)
        };
        let has = |f: &dyn Fn(&Event) -> bool| events.iter().any(f);
        if !gold.source.is_empty() {
            report.source.add(has(&is_source));
        }
        if !gold.target.is_empty() {
            report.target.add(has(&is_target));
        }
        if !gold.source.is_empty() && !gold.target.is_empty() {
            let hit = has(&|e| is_source(e) && is_target(e));
            report.pair.add(hit);
            // The reverse half of a two-sided code ("visit" is also "host
            // a visit", "met" goes both ways) is no swap.
            let two_sided = |e: &Event| {
                events.iter().any(|f| {
                    f.trigger == e.trigger
                        && source_span(f) == target_span(e)
                        && target_span(f) == source_span(e)
                })
            };
            if has(&|e| {
                overlaps(source_span(e), &gold.target)
                    && overlaps(target_span(e), &gold.source)
                    && !overlaps(source_span(e), &gold.source)
                    && !two_sided(e)
            }) {
                report.swapped += 1;
            }
            if !hit {
                let phrase = |spans: &[(usize, usize)]| -> Vec<String> {
                    spans
                        .iter()
                        .filter_map(|&(s, e)| text.get(s..e).map(str::to_string))
                        .collect()
                };
                let actor = |a: &Option<dyad_coder::ActorRef>| {
                    a.as_ref().map_or("-".to_string(), |a| {
                        let words = text.get(a.span.start..a.span.end).unwrap_or("");
                        format!("{}<{words}>", a.code)
                    })
                };
                report.misses.push(Miss {
                    id: id.clone(),
                    text: text.to_string(),
                    sources: phrase(&gold.source),
                    targets: phrase(&gold.target),
                    events: events
                        .iter()
                        .map(|e| {
                            format!(
                                "{} {} -> {} ({})",
                                e.cameo,
                                actor(&e.source),
                                actor(&e.target),
                                e.modality.name()
                            )
                        })
                        .collect(),
                });
            }
        }
        // Two reciprocal actors: one event between any two of them.
        if gold.reciprocal.len() >= 2 {
            report.reciprocal.add(has(&|e| {
                let (Some(s), Some(t)) = (source_span(e), target_span(e)) else {
                    return false;
                };
                let which = |span: (usize, usize)| {
                    gold.reciprocal
                        .iter()
                        .position(|&(gs, ge)| span.0 < ge && gs < span.1)
                };
                matches!((which(s), which(t)), (Some(a), Some(b)) if a != b)
            }));
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_resolved_pronoun_stands_for_the_phrase_with_its_code() {
        let text = "Farc has said it will release the sergeant.";
        let actor = |start: usize, end: usize, code: &str| dyad_coder::ActorRef {
            code: code.to_string(),
            country: None,
            sector: None,
            name: String::new(),
            span: dyad_coder::Span { start, end },
        };
        let codes = vec!["COLPTY".to_string()];
        assert!(stands_for(Some(&actor(14, 16, "COLPTY")), text, &codes));
        // Another code, or a word that is no pronoun, stands for nothing.
        assert!(!stands_for(Some(&actor(14, 16, "COLGOV")), text, &codes));
        assert!(!stands_for(Some(&actor(0, 4, "COLPTY")), text, &codes));
        assert!(!stands_for(None, text, &codes));
    }

    #[test]
    fn gold_spans_follow_the_tags_through_the_text() {
        let text = "Iraqi troops attacked the ISIS bastion near Mosul.";
        let tokens = owned(&[
            "Iraqi", "troops", "attacked", "the", "ISIS", "bastion", "near", "Mosul", ".",
        ]);
        let tags = owned(&["B-S", "I-S", "O", "B-T", "I-T", "I-T", "O", "B-T", "O"]);
        let g = gold_spans(text, &tokens, &tags);
        assert_eq!(g.source, vec![(0, 12)]);
        assert_eq!(g.target, vec![(22, 38), (44, 49)]);
        assert!(g.reciprocal.is_empty());
        // A token the text lacks closes the run; the rest still aligns.
        let tags = owned(&["B-R", "O", "O", "O", "O", "O", "O", "B-R", "O"]);
        let mut tokens = tokens;
        tokens[1] = "soldiers".into();
        let g = gold_spans(text, &tokens, &tags);
        assert_eq!(g.reciprocal, vec![(0, 5), (44, 49)]);
    }

    #[test]
    fn overlap_is_any_shared_byte() {
        assert!(overlaps(Some((4, 9)), &[(0, 5)]));
        assert!(!overlaps(Some((5, 9)), &[(0, 5)]));
        assert!(!overlaps(None, &[(0, 5)]));
    }
}
