//! The plain "news page" layout that news sites print and people paste into
//! files: a title line; a date line such as
//! `11 July 2025 | 06:15 Code : 2033885 Middle East General category`
//! (date, time, article code and category each optional, in common orders
//! and styles); an optional `By NAME` byline; body paragraphs; an optional
//! trailing `tags: a, b` line.

use crate::dates::find_date_time;
use crate::ReadErrorKind;
use dyad_text::Document;
use regex::Regex;
use std::sync::OnceLock;

/// Lines longer than this are body text, never a title or header line.
const MAX_HEADER_LINE: usize = 300;

struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn lines(input: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for piece in input.split_inclusive('\n') {
        let end = start + piece.len();
        let text = piece.trim_end_matches(['\n', '\r']);
        if !text.trim().is_empty() {
            out.push(Line {
                start,
                end: start + text.len(),
                text,
            });
        }
        start = end;
    }
    out
}

fn code_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)\b(?:article\s+)?(?:code|id|no\.?)\s*[:#]\s*([A-Za-z0-9][A-Za-z0-9_-]*)")
            .unwrap_or_else(|e| unreachable!("static pattern: {e}"))
    })
}

fn byline(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() > 120 {
        return None;
    }
    let prefix_len = ["by:", "by ", "author:"]
        .iter()
        .find(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))?
        .len();
    let rest = &t[prefix_len..];
    let name = rest.trim().trim_end_matches([',', '|']).trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn tags_line(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    let rest = ["tags:", "tags :", "keywords:", "topics:"]
        .iter()
        .find_map(|p| {
            let head = t.get(..p.len())?;
            head.eq_ignore_ascii_case(p).then(|| &t[p.len()..])
        })?;
    Some(
        rest.split([',', ';', '|'])
            .map(|s| s.trim().trim_start_matches('#').to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

const DATE_LABELS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last updated",
    "first published",
    "date",
    "category",
    "section",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Parses a date line into the document; returns false when `text` is not
/// one (no date in it, or too long to be a header).
fn apply_date_line(text: &str, doc: &mut Document) -> bool {
    if text.len() > MAX_HEADER_LINE {
        return false;
    }
    let found = find_date_time(text);
    let Some(date) = found.date else {
        return false;
    };
    doc.date = Some(date);
    doc.time = found.time;
    doc.utc_offset_minutes = found.utc_offset_minutes;
    // Blank out what was consumed; what is left is code and category.
    let mut rest: Vec<u8> = text.as_bytes().to_vec();
    let mut blank = |s: usize, e: usize| {
        for b in &mut rest[s..e] {
            *b = b' ';
        }
    };
    for &(s, e) in &found.spans {
        blank(s, e);
    }
    if let Some(c) = code_pattern().captures(text) {
        if let (Some(all), Some(code)) = (c.get(0), c.get(1)) {
            doc.code = Some(code.as_str().to_string());
            blank(all.start(), all.end());
        }
    }
    let rest = String::from_utf8_lossy(&rest).into_owned();
    let mut parts: Vec<String> = Vec::new();
    for field in rest.split(['|', '•', '·', '\t']) {
        let mut words: Vec<&str> = field
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        // Drop labels ("Updated:"), weekdays, zone names and lone dashes.
        words.retain(|w| {
            let lw = w.trim_end_matches(':').to_lowercase();
            !(WEEKDAYS.contains(&lw.as_str())
                || DATE_LABELS.contains(&lw.as_str())
                || matches!(
                    lw.as_str(),
                    "-" | "–" | "—" | "gmt" | "utc" | "at" | "on" | ":" | "last" | "first"
                ))
        });
        if words
            .last()
            .is_some_and(|w| w.eq_ignore_ascii_case("category"))
        {
            words.pop();
        }
        let part = words.join(" ");
        if !part.is_empty() {
            parts.push(part);
        }
    }
    if !parts.is_empty() {
        doc.category = Some(parts.join(" "));
    }
    true
}

/// Parses one article in the news page layout.
pub fn parse(input: &str, doc: &mut Document) -> Result<(), ReadErrorKind> {
    let lines = lines(input);
    if lines.is_empty() {
        return Err(ReadErrorKind::Empty);
    }
    let mut idx = 0usize;
    // Title: the first line, unless it is too long to be one.
    if lines[0].text.len() <= MAX_HEADER_LINE && lines.len() > 1 {
        doc.title = Some(lines[0].text.trim().to_string());
        idx = 1;
    }
    // Header lines after the title: date line and byline, in either order.
    let mut seen_date = false;
    let mut seen_byline = false;
    while idx < lines.len() && idx <= 3 {
        let text = lines[idx].text;
        // A lone remaining line is body text unless it is a short date line.
        let last_line = lines.len() - idx == 1;
        if last_line && text.len() > 80 {
            break;
        }
        if !seen_byline && !last_line {
            if let Some(author) = byline(text) {
                doc.author = Some(author);
                seen_byline = true;
                idx += 1;
                continue;
            }
        }
        if !seen_date && apply_date_line(text, doc) {
            seen_date = true;
            idx += 1;
            continue;
        }
        break;
    }
    let mut last = lines.len();
    if last > idx + 1 {
        if let Some(tags) = tags_line(lines[last - 1].text) {
            doc.tags = tags;
            last -= 1;
        }
    }
    if idx >= last {
        return Err(ReadErrorKind::NoBody);
    }
    doc.text = input[lines[idx].start..lines[last - 1].end].to_string();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_layout() {
        let input = "Iran recalls envoy\n11 July 2025 | 06:15 Code : 2033885 Middle East General category\nBy Jane Doe\n\nFirst paragraph.\n\nSecond paragraph.\ntags: Iran, Azerbaijan\n";
        let mut doc = Document::default();
        assert_eq!(parse(input, &mut doc), Ok(()));
        assert_eq!(doc.title.as_deref(), Some("Iran recalls envoy"));
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2025-07-11")
        );
        assert_eq!(doc.time.map(|t| t.to_string()).as_deref(), Some("06:15:00"));
        assert_eq!(doc.code.as_deref(), Some("2033885"));
        assert_eq!(doc.category.as_deref(), Some("Middle East General"));
        assert_eq!(doc.author.as_deref(), Some("Jane Doe"));
        assert_eq!(doc.tags, ["Iran", "Azerbaijan"]);
        assert_eq!(doc.text, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn body_only_and_errors() {
        let mut doc = Document::default();
        assert_eq!(parse("  \n\n", &mut doc), Err(ReadErrorKind::Empty));
        let mut doc = Document::default();
        assert_eq!(
            parse("Only a title\n11 July 2025\n", &mut doc),
            Err(ReadErrorKind::NoBody)
        );
        let long = "x".repeat(400);
        let mut doc = Document::default();
        assert_eq!(parse(&long, &mut doc), Ok(()));
        assert_eq!(doc.title, None);
        assert_eq!(doc.text.len(), 400);
    }
}
