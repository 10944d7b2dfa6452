//! The output contract: one document in, its events as the JSON records
//! that `dyad code` prints and every downstream tool (store, server,
//! Python) reads. Offsets here become Unicode character offsets.

use crate::{CodedDocument, Coder, DocumentInput, Event, ParsedText};
use chrono::NaiveDate;
use dyad_lexicon::{Lexicon, Mention};
use dyad_nlp::Model;
use dyad_text::{CharOffsets, Document};
use serde::Serialize;
use serde_json::{json, Value};

/// Codes one document; also returns its parse (sentence and token spans
/// for callers that store or count them, so nothing is segmented twice).
pub fn code_document(
    model: &Model,
    coder: &Coder<'_>,
    doc: &Document,
) -> (ParsedText, CodedDocument) {
    let text = doc.text.as_str();
    let parsed = ParsedText::new(model, coder.lexicon(), text);
    let sents = parsed.sentences(model, text);
    let coded = coder.code(&DocumentInput {
        doc_id: &doc.id,
        text,
        date: doc.date,
        sentences: &sents,
    });
    (parsed, coded)
}

fn span_json(chars: &CharOffsets, text: &str, start: usize, end: usize) -> Value {
    json!({"text": text.get(start..end).unwrap_or(""), "start": chars.char_at(start), "end": chars.char_at(end)})
}

/// The output contract record of one event.
pub fn event_json(doc: &Document, genre: &str, e: &Event) -> Value {
    let text = doc.text.as_str();
    let chars = CharOffsets::new(text);
    let actor = |a: &Option<crate::ActorRef>| match a {
        Some(a) => json!({
            "code": a.code, "country": a.country, "sector": a.sector,
            "text": text.get(a.span.start..a.span.end).unwrap_or(""),
            "start": chars.char_at(a.span.start), "end": chars.char_at(a.span.end),
        }),
        None => Value::Null,
    };
    json!({
        "doc_id": doc.id,
        "event_id": e.event_id,
        "sentence_index": e.sentence_index,
        "date": e.date.map(|d| d.to_string()),
        "source": actor(&e.source),
        "target": actor(&e.target),
        "cameo": e.cameo,
        "cameo_root": e.cameo_root,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "plover": e.plover_event.as_ref().map(|p| json!({"event": p, "mode": e.plover_mode})),
        "modality": e.modality,
        "modality_cue": e.modality_cue.map(|c| span_json(&chars, text, c.start, c.end)),
        "attributed_to": e.attributed_to.as_ref().map(|a| {
            let mut v = span_json(&chars, text, a.span.start, a.span.end);
            v["code"] = json!(a.code);
            v
        }),
        "trigger": span_json(&chars, text, e.trigger.start, e.trigger.end),
        "location": e.location.as_ref().map(|l| json!({
            "name": l.name, "country": l.country, "lat": l.lat, "lon": l.lon,
            "start": chars.char_at(l.span.start), "end": chars.char_at(l.span.end),
        })),
        "sentence": {"start": chars.char_at(e.sentence.start), "end": chars.char_at(e.sentence.end)},
        "genre": genre,
        "confidence": (e.confidence * 100.0).round() / 100.0,
        "evidence": e.evidence.iter().map(|s| json!({"start": chars.char_at(s.start), "end": chars.char_at(s.end)})).collect::<Vec<_>>(),
    })
}
#[derive(Serialize)]
struct WordRecord<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    lemma: &'a str,
    upos: &'a str,
    xpos: &'a str,
    head: usize,
    deprel: &'a str,
    /// Modality of a predicate (verb or event noun); null elsewhere.
    modality: Option<&'static str>,
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    start: usize,
    end: usize,
    tokens: Vec<WordRecord<'a>>,
}

#[derive(Serialize)]
struct ParsedDocument<'a> {
    doc_id: &'a str,
    title: Option<&'a str>,
    date: Option<String>,
    text: &'a str,
    sentences: Vec<SentenceRecord<'a>>,
}

/// The `dyad parse --format jsonl` record of one document: its sentences
/// and tokens (character offsets), each with lemma, tags, head, relation
/// and, on predicates, the modality the coder reads.
pub fn parse_json(model: &Model, coder: &Coder<'_>, doc: &Document) -> Value {
    let text = doc.text.as_str();
    let chars = CharOffsets::new(text);
    let parsed = ParsedText::new(model, coder.lexicon(), text);
    let sentences = parsed.sentences(model, text);
    let record = ParsedDocument {
        doc_id: &doc.id,
        title: doc.title.as_deref(),
        date: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
        text,
        sentences: sentences
            .iter()
            .map(|s| {
                let modalities = coder.predicate_modalities(s);
                SentenceRecord {
                    start: chars.char_at(s.start),
                    end: chars.char_at(s.end),
                    tokens: s
                        .tokens
                        .iter()
                        .zip(modalities)
                        .map(|(t, m)| WordRecord {
                            start: chars.char_at(t.start),
                            end: chars.char_at(t.end),
                            text: t.text,
                            lemma: t.lemma,
                            upos: t.upos,
                            xpos: t.xpos,
                            head: t.head,
                            deprel: t.deprel,
                            modality: m.map(|r| r.modality.name()),
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    serde_json::to_value(&record).unwrap_or(Value::Null)
}

/// The actors the lexicon finds in `text` at `date`, each with the words
/// of `text` that named it.
pub fn lookup<'t>(lexicon: &Lexicon, text: &'t str, date: NaiveDate) -> Vec<(Mention, &'t str)> {
    let spans = dyad_text::tokenize(text);
    lexicon
        .lookup(text, date)
        .into_iter()
        .map(|m| {
            let matched = match (spans.get(m.start), spans.get(m.end.saturating_sub(1))) {
                (Some(s), Some(e)) => text.get(s.start..e.end).unwrap_or(""),
                _ => "",
            };
            (m, matched)
        })
        .collect()
}

/// One mention as `dyad lexicon lookup --json` prints it.
pub fn mention_json(m: &Mention, matched: &str) -> Value {
    json!({
        "code": m.code,
        "country": m.country,
        "sector": m.sector,
        "name": m.name,
        "matched": matched,
        "role_start": m.role_start.map(|d| d.to_string()),
        "role_end": m.role_end.map(|d| d.to_string()),
        "kind": m.kind,
        "office": m.office,
        "place_code": m.place_code,
    })
}

/// [`lookup`] as JSON records, one per mention.
pub fn lookup_json(lexicon: &Lexicon, text: &str, date: NaiveDate) -> Vec<Value> {
    lookup(lexicon, text, date)
        .iter()
        .map(|(m, matched)| mention_json(m, matched))
        .collect()
}

/// The contract record with nested objects spread into columns
/// (`source.code` -> `source_code`, `trigger.start` -> `trigger_start`):
/// the shape of tables (Arrow, Parquet, Spark). Lists stay lists; nulls
/// are left out (an absent object's columns are all missing).
pub fn flatten_event(event: &Value) -> Value {
    let Value::Object(fields) = event else {
        return event.clone();
    };
    let mut flat = serde_json::Map::with_capacity(fields.len() * 2);
    for (k, v) in fields {
        match v {
            Value::Object(inner) => {
                for (j, w) in inner.iter().filter(|(_, w)| !w.is_null()) {
                    flat.insert(format!("{k}_{j}"), w.clone());
                }
            }
            Value::Null => {}
            other => {
                flat.insert(k.clone(), other.clone());
            }
        }
    }
    Value::Object(flat)
}
