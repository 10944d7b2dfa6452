//! JSON Lines: one document per line with at least `id` and `text`, and
//! optionally `title`, `date`, `time`, `source`, `url`, `author`, `code`,
//! `category`, `tags`, `language`. The schema of the shared news benchmark
//! reads as is. `text` is kept exactly as given, so offsets refer to the
//! caller's own string.

use crate::dates::parse_timestamp;
use crate::{ReadError, ReadErrorKind, ReadOutcome};
use dyad_text::Document;
use serde_json::{Map, Value};

pub fn parse(origin: &str, text: &str, out: &mut ReadOutcome) {
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_origin = format!("{origin}:{}", n + 1);
        match parse_record(line) {
            Ok(mut doc) => {
                doc.origin = line_origin;
                doc.ensure_id();
                out.documents.push(doc);
            }
            Err(kind) => out.errors.push(ReadError {
                origin: line_origin,
                kind,
            }),
        }
    }
}

fn string_field(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_record(line: &str) -> Result<Document, ReadErrorKind> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| ReadErrorKind::Json(e.to_string()))?;
    let Value::Object(obj) = value else {
        return Err(ReadErrorKind::Json("expected an object".into()));
    };
    let Some(Value::String(text)) = obj.get("text") else {
        return Err(ReadErrorKind::MissingField("text"));
    };
    let mut doc = Document {
        id: string_field(&obj, "id").unwrap_or_default(),
        text: text.clone(),
        title: string_field(&obj, "title"),
        source: string_field(&obj, "source"),
        url: string_field(&obj, "url"),
        code: string_field(&obj, "code"),
        category: string_field(&obj, "category"),
        language: string_field(&obj, "language").or_else(|| string_field(&obj, "lang")),
        ..Default::default()
    };
    doc.author = match obj.get("author").or_else(|| obj.get("authors")) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Array(a)) => {
            let names: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            (!names.is_empty()).then(|| names.join(" and "))
        }
        _ => None,
    };
    doc.tags = match obj.get("tags") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    if let Some(date) = string_field(&obj, "date") {
        if let Some((d, t, offset)) = parse_timestamp(&date) {
            doc.date = Some(d);
            doc.time = t;
            doc.utc_offset_minutes = offset;
        }
    }
    if let Some(time) = string_field(&obj, "time") {
        if let Ok(t) = chrono::NaiveTime::parse_from_str(&time, "%H:%M")
            .or_else(|_| chrono::NaiveTime::parse_from_str(&time, "%H:%M:%S"))
        {
            doc.time = Some(t);
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_benchmark_schema_and_reports_bad_lines() {
        let input = concat!(
            "{\"id\": \"reuters-1\", \"source\": \"reuters21578\", \"date\": \"1987-02-26\", \"title\": \"T\", \"text\": \"  Iran said.\\n\\nMore. \", \"license\": \"x\", \"meta\": {}}\n",
            "not json\n",
            "\n",
            "{\"id\": 7, \"text\": 5}\n",
            "{\"text\": \"No id here.\", \"date\": null, \"tags\": [\"a\", \"b\"], \"author\": [\"X\", \"Y\"]}\n"
        );
        let mut out = ReadOutcome::default();
        parse("in.jsonl", input, &mut out);
        assert_eq!(out.documents.len(), 2);
        assert_eq!(out.documents[0].id, "reuters-1");
        assert_eq!(out.documents[0].text, "  Iran said.\n\nMore. ");
        assert_eq!(
            out.documents[0].date.map(|d| d.to_string()).as_deref(),
            Some("1987-02-26")
        );
        assert_eq!(out.documents[0].origin, "in.jsonl:1");
        assert!(out.documents[1].id.starts_with("d-"));
        assert_eq!(out.documents[1].tags, ["a", "b"]);
        assert_eq!(out.documents[1].author.as_deref(), Some("X and Y"));
        assert_eq!(out.errors.len(), 2);
        assert_eq!(out.errors[0].origin, "in.jsonl:2");
        assert_eq!(out.errors[1].kind, ReadErrorKind::MissingField("text"));
    }
}
