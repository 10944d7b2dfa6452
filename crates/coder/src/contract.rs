//! The output contract: one document in, its events as the JSON records
//! that `dyad code` prints and every downstream tool (store, server,
//! Python) reads. Offsets here become Unicode character offsets.

use crate::{CodedDocument, Coder, DocumentInput, Event, ParsedText};
use dyad_nlp::Model;
use dyad_text::{CharOffsets, Document};
use serde_json::{json, Value};

/// Codes one document; also returns its parse (sentence and token spans
/// for callers that store or count them, so nothing is segmented twice).
pub fn code_document(
    model: &Model,
    coder: &Coder<'_>,
    doc: &Document,
) -> (ParsedText, CodedDocument) {
    let text = doc.text.as_str();
    let parsed = ParsedText::new(model, text);
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
