//! Queries over the store: timelines, dyads, actors, events, full-text
//! search. Filters become parameterised SQL (no value is ever pasted into
//! a statement).

use crate::{sql, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

/// Which events a query counts. Actor codes match by prefix (`IRN`
/// matches `IRNGOV`); `modalities` empty means every modality.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub source: Option<String>,
    pub target: Option<String>,
    pub both_directions: bool,
    pub modalities: Vec<String>,
    /// CAMEO code prefix (`19` matches 190..196).
    pub code: Option<String>,
    pub quad_class: Option<i64>,
    pub genre: Option<String>,
    /// Inclusive date bounds, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub location_country: Option<String>,
    /// FTS5 query on the event's sentence.
    pub text: Option<String>,
    /// Leave out events whose source or target has no known country or
    /// body (`---GOV`, `---REB`).
    pub known_actors: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            _ => Err(format!(
                "unknown period {s:?}: use day, week, month or year"
            )),
        }
    }
}

impl Period {
    fn expr(self) -> &'static str {
        match self {
            Period::Day => "date",
            Period::Week => "strftime('%Y-W%W', date)",
            Period::Month => "substr(date, 1, 7)",
            Period::Year => "substr(date, 1, 4)",
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct TimelineRow {
    pub period: String,
    pub events: i64,
    pub verbal_cooperation: i64,
    pub material_cooperation: i64,
    pub verbal_conflict: i64,
    pub material_conflict: i64,
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    /// The most frequent CAMEO codes, "code:count", most frequent first.
    pub top_codes: Vec<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DyadRow {
    pub source: String,
    pub target: String,
    pub events: i64,
    pub goldstein_sum: f64,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ActorRow {
    pub code: String,
    pub name: Option<String>,
    pub as_source: i64,
    pub as_target: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct EventRow {
    pub id: String,
    pub doc_id: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub cameo: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub modality: String,
    pub genre: String,
    pub trigger: String,
    pub location: Option<String>,
    pub sentence: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SearchHit {
    pub doc_id: String,
    pub sentence_idx: i64,
    pub text: String,
    pub events: Vec<EventRow>,
}

/// The first string after every string that starts with `p` (for an
/// index-friendly prefix range).
fn after_prefix(p: &str) -> String {
    let mut s = p.to_string();
    s.push(char::MAX);
    s
}

impl Filter {
    /// `WHERE` clause (without the keyword) and its parameters.
    fn clause(&self) -> (String, Vec<Value>) {
        let mut parts: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let mut prefix = |col: &str, p: &str, params: &mut Vec<Value>| -> String {
            params.push(Value::Text(p.to_string()));
            params.push(Value::Text(after_prefix(p)));
            format!(
                "({col} >= ?{} AND {col} < ?{})",
                params.len() - 1,
                params.len()
            )
        };
        let directed =
            |src: Option<&str>,
             tgt: Option<&str>,
             params: &mut Vec<Value>,
             prefix: &mut dyn FnMut(&str, &str, &mut Vec<Value>) -> String| {
                let mut v = Vec::new();
                if let Some(s) = src {
                    v.push(prefix("source_code", s, params));
                }
                if let Some(t) = tgt {
                    v.push(prefix("target_code", t, params));
                }
                if v.is_empty() {
                    "1".to_string()
                } else {
                    v.join(" AND ")
                }
            };
        if self.source.is_some() || self.target.is_some() {
            let a = directed(
                self.source.as_deref(),
                self.target.as_deref(),
                &mut params,
                &mut prefix,
            );
            if self.both_directions {
                let b = directed(
                    self.target.as_deref(),
                    self.source.as_deref(),
                    &mut params,
                    &mut prefix,
                );
                parts.push(format!("(({a}) OR ({b}))"));
            } else {
                parts.push(format!("({a})"));
            }
        }
        if !self.modalities.is_empty() {
            let marks: Vec<String> = self
                .modalities
                .iter()
                .map(|m| {
                    params.push(Value::Text(m.clone()));
                    format!("?{}", params.len())
                })
                .collect();
            parts.push(format!("modality IN ({})", marks.join(", ")));
        }
        if let Some(c) = &self.code {
            parts.push(prefix("cameo", c, &mut params));
        }
        let eq = |col: &str, v: Value, params: &mut Vec<Value>| {
            params.push(v);
            format!("{col} = ?{}", params.len())
        };
        if let Some(q) = self.quad_class {
            parts.push(eq("quad_class", Value::Integer(q), &mut params));
        }
        if let Some(g) = &self.genre {
            parts.push(eq("genre", Value::Text(g.clone()), &mut params));
        }
        if let Some(c) = &self.location_country {
            parts.push(eq("location_country", Value::Text(c.clone()), &mut params));
        }
        if let Some(f) = &self.from {
            params.push(Value::Text(f.clone()));
            parts.push(format!("date >= ?{}", params.len()));
        }
        if let Some(t) = &self.to {
            params.push(Value::Text(t.clone()));
            parts.push(format!("date <= ?{}", params.len()));
        }
        if let Some(q) = &self.text {
            params.push(Value::Text(q.clone()));
            parts.push(format!(
                "(doc_id, sentence_idx) IN (SELECT doc_id, CAST(idx AS INTEGER) FROM sentences_fts WHERE sentences_fts MATCH ?{})",
                params.len()
            ));
        }
        if self.known_actors {
            parts.push("coalesce(substr(source_code, 1, 3), '') <> '---' AND coalesce(substr(target_code, 1, 3), '') <> '---'".to_string());
        }
        if parts.is_empty() {
            ("1".to_string(), params)
        } else {
            (parts.join(" AND "), params)
        }
    }
}

const EVENT_COLUMNS: &str =
    "e.id, e.doc_id, e.date, e.source_code, e.target_code, e.cameo, e.quad_class, e.goldstein, \
     e.modality, e.genre, e.trigger_text, e.location_name, coalesce(s.text, '')";

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        date: r.get(2)?,
        source: r.get(3)?,
        target: r.get(4)?,
        cameo: r.get(5)?,
        quad_class: r.get(6)?,
        goldstein: r.get(7)?,
        modality: r.get(8)?,
        genre: r.get(9)?,
        trigger: r.get(10)?,
        location: r.get(11)?,
        sentence: r.get(12)?,
    })
}

impl Store {
    /// Per period: counts by quad class, summed and mean Goldstein, top
    /// codes. One pass over the events, grouped by period and code; the
    /// periods are summed up here.
    pub fn timeline(&self, f: &Filter, by: Period) -> Result<Vec<TimelineRow>, StoreError> {
        let (w, params) = f.clause();
        let p = by.expr();
        let q = format!(
            "SELECT {p} AS period, cameo, count(*), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4),
                    coalesce(sum(goldstein), 0), count(goldstein)
             FROM events WHERE date IS NOT NULL AND {w} GROUP BY period, cameo ORDER BY period"
        );
        let mut stmt = self.conn().prepare(&q).map_err(|e| sql(self.path(), e))?;
        let mut rows: Vec<TimelineRow> = Vec::new();
        // Per period: (code, count) for the top-codes list, and the number
        // of events with a Goldstein value (for the mean).
        let mut codes: Vec<(String, i64)> = Vec::new();
        let mut scored = 0i64;
        let finish = |row: &mut TimelineRow, codes: &mut Vec<(String, i64)>, scored: i64| {
            codes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            row.top_codes = codes
                .iter()
                .take(3)
                .map(|(c, n)| format!("{c}:{n}"))
                .collect();
            row.goldstein_mean = if scored > 0 {
                row.goldstein_sum / scored as f64
            } else {
                0.0
            };
            codes.clear();
        };
        let mut it = stmt
            .query(rusqlite::params_from_iter(params.iter()))
            .map_err(|e| sql(self.path(), e))?;
        while let Some(r) = it.next().map_err(|e| sql(self.path(), e))? {
            let get = |i: usize| -> Result<i64, StoreError> {
                r.get::<_, Option<i64>>(i)
                    .map(Option::unwrap_or_default)
                    .map_err(|e| sql(self.path(), e))
            };
            let period: String = r.get(0).map_err(|e| sql(self.path(), e))?;
            let code: String = r.get(1).map_err(|e| sql(self.path(), e))?;
            let gsum: f64 = r.get(7).map_err(|e| sql(self.path(), e))?;
            if rows.last().is_none_or(|row| row.period != period) {
                if let Some(row) = rows.last_mut() {
                    finish(row, &mut codes, scored);
                }
                scored = 0;
                rows.push(TimelineRow {
                    period,
                    events: 0,
                    verbal_cooperation: 0,
                    material_cooperation: 0,
                    verbal_conflict: 0,
                    material_conflict: 0,
                    goldstein_sum: 0.0,
                    goldstein_mean: 0.0,
                    top_codes: Vec::new(),
                });
            }
            let n = get(2)?;
            if let Some(row) = rows.last_mut() {
                row.events += n;
                row.verbal_cooperation += get(3)?;
                row.material_cooperation += get(4)?;
                row.verbal_conflict += get(5)?;
                row.material_conflict += get(6)?;
                row.goldstein_sum += gsum;
            }
            scored += get(8)?;
            codes.push((code, n));
        }
        if let Some(row) = rows.last_mut() {
            finish(row, &mut codes, scored);
        }
        Ok(rows)
    }

    /// The most active actor pairs.
    pub fn dyads(&self, f: &Filter, top: usize) -> Result<Vec<DyadRow>, StoreError> {
        let (w, mut params) = f.clause();
        params.push(Value::Integer(top as i64));
        let q = format!(
            "SELECT source_code, target_code, count(*) AS n, coalesce(sum(goldstein), 0) FROM events
             WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND {w}
             GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code LIMIT ?{}",
            params.len()
        );
        let mut stmt = self.conn().prepare(&q).map_err(|e| sql(self.path(), e))?;
        stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(DyadRow {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get(2)?,
                goldstein_sum: r.get(3)?,
            })
        })
        .and_then(|it| it.collect())
        .map_err(|e| sql(self.path(), e))
    }

    /// Actors with how often they act and are acted on.
    pub fn actors(&self, f: &Filter, top: usize) -> Result<Vec<ActorRow>, StoreError> {
        let (w, params) = f.clause();
        let n = params.len();
        // The filter's parameters appear twice (?1.. and ?n+1..).
        let w2 = (1..=n).rev().fold(w.clone(), |acc, i| {
            acc.replace(&format!("?{i}"), &format!("?{}", i + n))
        });
        let mut all = params.clone();
        all.extend(params);
        all.push(Value::Integer(top as i64));
        let q = format!(
            "WITH s AS (SELECT source_code AS c, count(*) AS n FROM events WHERE source_code IS NOT NULL AND {w} GROUP BY 1),
                  t AS (SELECT target_code AS c, count(*) AS n FROM events WHERE target_code IS NOT NULL AND {w2} GROUP BY 1)
             SELECT a.code, a.name, coalesce(s.n, 0), coalesce(t.n, 0), a.first_seen, a.last_seen
             FROM actors a LEFT JOIN s ON s.c = a.code LEFT JOIN t ON t.c = a.code
             WHERE coalesce(s.n, 0) + coalesce(t.n, 0) > 0
             ORDER BY coalesce(s.n, 0) + coalesce(t.n, 0) DESC, a.code LIMIT ?{}",
            all.len()
        );
        let mut stmt = self.conn().prepare(&q).map_err(|e| sql(self.path(), e))?;
        stmt.query_map(rusqlite::params_from_iter(all.iter()), |r| {
            Ok(ActorRow {
                code: r.get(0)?,
                name: r.get(1)?,
                as_source: r.get(2)?,
                as_target: r.get(3)?,
                first_seen: r.get(4)?,
                last_seen: r.get(5)?,
            })
        })
        .and_then(|it| it.collect())
        .map_err(|e| sql(self.path(), e))
    }

    /// Events with their sentence, in date order.
    pub fn events(&self, f: &Filter, limit: usize) -> Result<Vec<EventRow>, StoreError> {
        let (w, mut params) = f.clause();
        params.push(Value::Integer(limit as i64));
        let q = format!(
            "SELECT {EVENT_COLUMNS} FROM (SELECT * FROM events WHERE {w}) e
             LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx
             ORDER BY e.date, e.doc_id, e.trigger_start, e.id LIMIT ?{}",
            params.len()
        );
        let mut stmt = self.conn().prepare(&q).map_err(|e| sql(self.path(), e))?;
        stmt.query_map(rusqlite::params_from_iter(params.iter()), event_row)
            .and_then(|it| it.collect())
            .map_err(|e| sql(self.path(), e))
    }

    /// Sentences matching an FTS5 query, best first, with their events.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT doc_id, CAST(idx AS INTEGER), text FROM sentences_fts WHERE sentences_fts MATCH ?1 ORDER BY rank LIMIT ?2")
            .map_err(|e| sql(self.path(), e))?;
        let hits: Vec<(String, i64, String)> = stmt
            .query_map(rusqlite::params![query, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .and_then(|it| it.collect())
            .map_err(|e| sql(self.path(), e))?;
        let q = format!(
            "SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx
             WHERE e.doc_id = ?1 AND e.sentence_idx = ?2 ORDER BY e.trigger_start"
        );
        let mut ev = self.conn().prepare(&q).map_err(|e| sql(self.path(), e))?;
        let mut out = Vec::with_capacity(hits.len());
        for (doc_id, idx, text) in hits {
            let events = ev
                .query_map(rusqlite::params![doc_id, idx], event_row)
                .and_then(|it| it.collect())
                .map_err(|e| sql(self.path(), e))?;
            out.push(SearchHit {
                doc_id,
                sentence_idx: idx,
                text,
                events,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_parameters_not_text() {
        let f = Filter {
            source: Some("IRN'; DROP TABLE events; --".into()),
            modalities: vec!["asserted".into()],
            text: Some("\"recall\"".into()),
            ..Filter::default()
        };
        let (w, params) = f.clause();
        assert!(!w.contains("DROP"), "{w}");
        assert_eq!(params.len(), 4);
    }
}

/// Every stored field of an event, with its sentence's text (exports).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct FullEvent {
    pub id: String,
    pub doc_id: String,
    pub sentence_idx: i64,
    pub date: Option<String>,
    pub source_code: Option<String>,
    pub source_country: Option<String>,
    pub source_sector: Option<String>,
    pub source_text: Option<String>,
    pub source_start: Option<i64>,
    pub source_end: Option<i64>,
    pub target_code: Option<String>,
    pub target_country: Option<String>,
    pub target_sector: Option<String>,
    pub target_text: Option<String>,
    pub target_start: Option<i64>,
    pub target_end: Option<i64>,
    pub cameo: String,
    pub cameo_root: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub modality: String,
    pub cue_text: Option<String>,
    pub cue_start: Option<i64>,
    pub cue_end: Option<i64>,
    pub attributed_text: Option<String>,
    pub attributed_start: Option<i64>,
    pub attributed_end: Option<i64>,
    pub trigger_text: String,
    pub trigger_start: i64,
    pub trigger_end: i64,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location_start: Option<i64>,
    pub location_end: Option<i64>,
    pub sentence_start: i64,
    pub sentence_end: i64,
    pub genre: String,
    pub confidence: f64,
    pub sentence: String,
}

/// The stored columns in `FullEvent` order (the sentence text comes last,
/// from the sentences table).
pub const FULL_EVENT_COLUMNS: &[&str] = &[
    "id",
    "doc_id",
    "sentence_idx",
    "date",
    "source_code",
    "source_country",
    "source_sector",
    "source_text",
    "source_start",
    "source_end",
    "target_code",
    "target_country",
    "target_sector",
    "target_text",
    "target_start",
    "target_end",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "modality",
    "cue_text",
    "cue_start",
    "cue_end",
    "attributed_text",
    "attributed_start",
    "attributed_end",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "location_start",
    "location_end",
    "sentence_start",
    "sentence_end",
    "genre",
    "confidence",
];

fn full_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<FullEvent> {
    Ok(FullEvent {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        sentence_idx: r.get(2)?,
        date: r.get(3)?,
        source_code: r.get(4)?,
        source_country: r.get(5)?,
        source_sector: r.get(6)?,
        source_text: r.get(7)?,
        source_start: r.get(8)?,
        source_end: r.get(9)?,
        target_code: r.get(10)?,
        target_country: r.get(11)?,
        target_sector: r.get(12)?,
        target_text: r.get(13)?,
        target_start: r.get(14)?,
        target_end: r.get(15)?,
        cameo: r.get(16)?,
        cameo_root: r.get(17)?,
        quad_class: r.get(18)?,
        goldstein: r.get(19)?,
        plover_event: r.get(20)?,
        plover_mode: r.get(21)?,
        modality: r.get(22)?,
        cue_text: r.get(23)?,
        cue_start: r.get(24)?,
        cue_end: r.get(25)?,
        attributed_text: r.get(26)?,
        attributed_start: r.get(27)?,
        attributed_end: r.get(28)?,
        trigger_text: r.get(29)?,
        trigger_start: r.get(30)?,
        trigger_end: r.get(31)?,
        location_name: r.get(32)?,
        location_country: r.get(33)?,
        lat: r.get(34)?,
        lon: r.get(35)?,
        location_start: r.get(36)?,
        location_end: r.get(37)?,
        sentence_start: r.get(38)?,
        sentence_end: r.get(39)?,
        genre: r.get(40)?,
        confidence: r.get(41)?,
        sentence: r.get(42)?,
    })
}

/// A position in the event order (date, document, trigger, id) for
/// paging: the next page starts after it. Sent to clients as an opaque
/// hex string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCursor {
    date: String,
    doc_id: String,
    trigger_start: i64,
    id: String,
}

impl EventCursor {
    fn after(e: &FullEvent) -> EventCursor {
        EventCursor {
            date: e.date.clone().unwrap_or_default(),
            doc_id: e.doc_id.clone(),
            trigger_start: e.trigger_start,
            id: e.id.clone(),
        }
    }

    /// The opaque form: hex of the fields joined by U+001F.
    pub fn encode(&self) -> String {
        let joined = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.date, self.doc_id, self.trigger_start, self.id
        );
        joined.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads what `encode` wrote; `None` for anything else.
    pub fn decode(s: &str) -> Option<EventCursor> {
        if s.len() % 2 != 0 || s.len() > 4096 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..s.len())
            .step_by(2)
            .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect();
        let text = String::from_utf8(bytes?).ok()?;
        let mut parts = text.split('\u{1f}');
        let date = parts.next()?.to_string();
        let doc_id = parts.next()?.to_string();
        let trigger_start = parts.next()?.parse().ok()?;
        let id = parts.next()?.to_string();
        if parts.next().is_some() {
            return None;
        }
        Some(EventCursor {
            date,
            doc_id,
            trigger_start,
            id,
        })
    }
}

/// The actor network: nodes with their activity, edges with weights.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct NetworkNode {
    pub code: String,
    /// Events on the node's edges (as source or target).
    pub events: i64,
    pub goldstein_sum: f64,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    pub weight: i64,
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
}

/// A stored document with its sentences and events.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DocumentView {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub genre: Option<String>,
    pub text: String,
    pub sentences: Vec<SentenceSpan>,
    pub events: Vec<FullEvent>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SentenceSpan {
    pub idx: i64,
    pub start: i64,
    pub end: i64,
}

/// The full-event query: filter, then optionally start after a cursor and
/// stop at a limit; always in the cursor's total order.
fn full_event_query(
    filter: &Filter,
    after: Option<&EventCursor>,
    limit: Option<usize>,
) -> (String, Vec<Value>) {
    let (mut w, mut params) = filter.clause();
    if let Some(c) = after {
        let n = params.len();
        w = format!(
            "({w}) AND (coalesce(date, ''), doc_id, trigger_start, id) > (?{}, ?{}, ?{}, ?{})",
            n + 1,
            n + 2,
            n + 3,
            n + 4
        );
        params.push(Value::Text(c.date.clone()));
        params.push(Value::Text(c.doc_id.clone()));
        params.push(Value::Integer(c.trigger_start));
        params.push(Value::Text(c.id.clone()));
    }
    let cols: Vec<String> = FULL_EVENT_COLUMNS
        .iter()
        .map(|c| format!("e.{c}"))
        .collect();
    let mut q = format!(
        "SELECT {}, coalesce(s.text, '') FROM (SELECT * FROM events WHERE {w}) e
         LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx
         ORDER BY coalesce(e.date, ''), e.doc_id, e.trigger_start, e.id",
        cols.join(", ")
    );
    if let Some(l) = limit {
        params.push(Value::Integer(l as i64));
        q.push_str(&format!(" LIMIT ?{}", params.len()));
    }
    (q, params)
}

impl Store {
    /// Calls `f` with every event the filter selects, in date order,
    /// streaming (no whole result in memory). `f` may stop the walk with
    /// an error of its own.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &Filter,
        mut f: impl FnMut(&FullEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let (q, params) = full_event_query(filter, None, None);
        let mut stmt = self
            .conn()
            .prepare(&q)
            .map_err(|e| E::from(sql(self.path(), e)))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params.iter()))
            .map_err(|e| E::from(sql(self.path(), e)))?;
        while let Some(r) = rows.next().map_err(|e| E::from(sql(self.path(), e)))? {
            let ev = full_event(r).map_err(|e| E::from(sql(self.path(), e)))?;
            f(&ev)?;
        }
        Ok(())
    }

    /// One page of events in date order, starting after `after`; the
    /// cursor of the next page is `None` on the last one.
    pub fn events_page(
        &self,
        filter: &Filter,
        after: Option<&EventCursor>,
        limit: usize,
    ) -> Result<(Vec<FullEvent>, Option<EventCursor>), StoreError> {
        // One extra row tells whether another page follows.
        let (q, params) = full_event_query(filter, after, Some(limit + 1));
        let mut stmt = self.conn().prepare(&q).map_err(|e| sql(self.path(), e))?;
        let mut events: Vec<FullEvent> = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), full_event)
            .and_then(|it| it.collect())
            .map_err(|e| sql(self.path(), e))?;
        let next = if events.len() > limit {
            events.truncate(limit);
            events.last().map(EventCursor::after)
        } else {
            None
        };
        Ok((events, next))
    }

    /// The most active dyads as a graph.
    pub fn network(&self, f: &Filter, top: usize) -> Result<Network, StoreError> {
        let rows = self.dyads(f, top)?;
        let mut nodes: std::collections::BTreeMap<&str, (i64, f64)> =
            std::collections::BTreeMap::new();
        for e in &rows {
            for code in [e.source.as_str(), e.target.as_str()] {
                let n = nodes.entry(code).or_default();
                n.0 += e.events;
                n.1 += e.goldstein_sum;
            }
        }
        Ok(Network {
            nodes: nodes
                .iter()
                .map(|(code, (events, g))| NetworkNode {
                    code: code.to_string(),
                    events: *events,
                    goldstein_sum: *g,
                })
                .collect(),
            edges: rows
                .iter()
                .map(|e| NetworkEdge {
                    source: e.source.clone(),
                    target: e.target.clone(),
                    weight: e.events,
                    goldstein_sum: e.goldstein_sum,
                    goldstein_mean: e.goldstein_sum / (e.events.max(1) as f64),
                })
                .collect(),
        })
    }

    /// A stored document, its sentences and its events; `None` if absent.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>, StoreError> {
        let p = self.path();
        let head = self
            .conn()
            .query_row(
                "SELECT id, title, date, source, url, author, genre, text FROM documents WHERE id = ?1",
                [id],
                |r| {
                    Ok(DocumentView {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        source: r.get(3)?,
                        url: r.get(4)?,
                        author: r.get(5)?,
                        genre: r.get(6)?,
                        text: r.get(7)?,
                        sentences: Vec::new(),
                        events: Vec::new(),
                    })
                },
            )
            .optional()
            .map_err(|e| sql(p, e))?;
        let Some(mut doc) = head else {
            return Ok(None);
        };
        let mut stmt = self
            .conn()
            .prepare("SELECT idx, start, end FROM sentences WHERE doc_id = ?1 ORDER BY idx")
            .map_err(|e| sql(p, e))?;
        doc.sentences = stmt
            .query_map([id], |r| {
                Ok(SentenceSpan {
                    idx: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                })
            })
            .and_then(|it| it.collect())
            .map_err(|e| sql(p, e))?;
        let cols: Vec<String> = FULL_EVENT_COLUMNS
            .iter()
            .map(|c| format!("e.{c}"))
            .collect();
        let q = format!(
            "SELECT {}, coalesce(s.text, '') FROM events e
             LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx
             WHERE e.doc_id = ?1 ORDER BY e.trigger_start, e.id",
            cols.join(", ")
        );
        let mut stmt = self.conn().prepare(&q).map_err(|e| sql(p, e))?;
        doc.events = stmt
            .query_map([id], full_event)
            .and_then(|it| it.collect())
            .map_err(|e| sql(p, e))?;
        Ok(Some(doc))
    }
}
