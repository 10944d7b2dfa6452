//! From the coder's output to the store's records: character offsets (as
//! in the output contract) and the content hash that makes re-ingesting
//! an unchanged document a no-op.

use crate::{ActorSpan, DocumentRecord, EventRecord, LocationRecord, SentenceRecord, TextSpan};
use dyad_coder::{CodedDocument, Event, ParsedText};
use dyad_text::{CharOffsets, Document};
use sha2::{Digest, Sha256};

impl DocumentRecord {
    /// Converts a coded document and the parse it was coded from into the
    /// store's record (character offsets, as in the output contract).
    pub fn from_coded(
        doc: &Document,
        parsed: &ParsedText,
        coded: &CodedDocument,
    ) -> DocumentRecord {
        let text = doc.text.as_str();
        let chars = CharOffsets::new(text);
        let span = |a: usize, b: usize| TextSpan {
            text: text.get(a..b).unwrap_or("").to_string(),
            start: chars.char_at(a) as i64,
            end: chars.char_at(b) as i64,
        };
        let genre = coded.genre.name();
        let actor = |a: &Option<dyad_coder::ActorRef>| {
            a.as_ref().map(|a| ActorSpan {
                code: a.code.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                span: span(a.span.start, a.span.end),
            })
        };
        let event = |e: &Event| EventRecord {
            id: e.event_id.clone(),
            sentence_idx: e.sentence_index as i64,
            date: e.date.map(|d| d.to_string()),
            source: actor(&e.source),
            target: actor(&e.target),
            source_name: e.source.as_ref().map(|a| a.name.clone()),
            target_name: e.target.as_ref().map(|a| a.name.clone()),
            cameo: e.cameo.clone(),
            cameo_root: e.cameo_root.clone(),
            quad_class: e.quad_class.map(i64::from),
            // Goldstein values have at most two decimals; f32 -> f64 would add noise digits.
            goldstein: e.goldstein.map(|g| (f64::from(g) * 100.0).round() / 100.0),
            plover_event: e.plover_event.clone(),
            plover_mode: e.plover_mode.clone(),
            modality: e.modality.name().to_string(),
            cue: e.modality_cue.map(|c| span(c.start, c.end)),
            attributed: e
                .attributed_to
                .as_ref()
                .map(|a| span(a.span.start, a.span.end)),
            trigger: span(e.trigger.start, e.trigger.end),
            location: e.location.as_ref().map(|l| LocationRecord {
                name: l.name.clone(),
                country: l.country.clone(),
                lat: l.lat,
                lon: l.lon,
                start: chars.char_at(l.span.start) as i64,
                end: chars.char_at(l.span.end) as i64,
            }),
            sentence_start: chars.char_at(e.sentence.start) as i64,
            sentence_end: chars.char_at(e.sentence.end) as i64,
            genre: genre.to_string(),
            confidence: f64::from(e.confidence),
            evidence: e
                .evidence
                .iter()
                .map(|s| (chars.char_at(s.start) as i64, chars.char_at(s.end) as i64))
                .collect(),
        };
        let mut hasher = Sha256::new();
        for part in [
            text,
            doc.title.as_deref().unwrap_or(""),
            &doc.date.map(|d| d.to_string()).unwrap_or_default(),
            doc.source.as_deref().unwrap_or(""),
            doc.url.as_deref().unwrap_or(""),
        ] {
            hasher.update(part.as_bytes());
            hasher.update([0u8]);
        }
        let content_hash: String = hasher
            .finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect();
        DocumentRecord {
            id: doc.id.clone(),
            content_hash,
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
            source: doc.source.clone(),
            url: doc.url.clone(),
            author: doc.author.clone(),
            genre: genre.to_string(),
            text: doc.text.clone(),
            sentences: parsed
                .spans
                .iter()
                .map(|s| (s.start, s.end))
                .map(|(a, b)| SentenceRecord {
                    start: chars.char_at(a) as i64,
                    end: chars.char_at(b) as i64,
                    text: text.get(a..b).unwrap_or("").to_string(),
                })
                .collect(),
            events: coded.events.iter().map(event).collect(),
        }
    }
}
