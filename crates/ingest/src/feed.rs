//! RSS 2.0, RSS 1.0 and Atom feeds (through feed-rs): one document per item,
//! with title, link, published date, authors, categories and the content
//! (or summary) as plain text.
//!
//! feed-rs normalises dates to UTC; to keep each item's date and time as
//! the feed wrote them (with their offset), the raw date elements are read
//! back from the XML when they line up one per item.

use crate::htmltext::html_to_text;
use crate::ReadErrorKind;
use dyad_text::Document;

pub fn parse(xml: &str) -> Result<Vec<Document>, ReadErrorKind> {
    let feed =
        feed_rs::parser::parse(xml.as_bytes()).map_err(|e| ReadErrorKind::Feed(e.to_string()))?;
    let source = feed
        .title
        .as_ref()
        .map(|t| html_to_text(&t.content))
        .filter(|t| !t.is_empty());
    let language = feed.language.clone();
    let raw_dates = raw_item_dates(xml);
    let raw_dates = (raw_dates.len() == feed.entries.len()).then_some(raw_dates);
    let mut docs = Vec::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(html_to_text)
            .filter(|t| !t.is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| html_to_text(&s.content)))
            .unwrap_or_default();
        let title = entry
            .title
            .as_ref()
            .map(|t| html_to_text(&t.content))
            .filter(|t| !t.is_empty());
        if body.is_empty() && title.is_none() {
            continue;
        }
        let when = entry.published.or(entry.updated);
        let local = raw_dates
            .as_ref()
            .and_then(|r| r.get(i).cloned().flatten())
            .filter(|(d, t, o)| {
                // Only trust the raw value when it is the same instant.
                let utc =
                    t.map(|t| d.and_time(t) - chrono::Duration::minutes(i64::from(o.unwrap_or(0))));
                utc.is_some() && utc == when.map(|w| w.naive_utc())
            });
        let authors: Vec<String> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(person_name))
            .filter(|n| !n.is_empty())
            .collect();
        let mut categories = entry
            .categories
            .iter()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
            .filter(|c| !c.trim().is_empty());
        let category = categories.next();
        let tags: Vec<String> = categories.collect();
        docs.push(Document {
            title,
            text: body,
            date: local.map(|l| l.0).or(when.map(|w| w.date_naive())),
            time: local.and_then(|l| l.1).or(when.map(|w| w.time())),
            utc_offset_minutes: local.and_then(|l| l.2).or(when.map(|_| 0)),
            author: (!authors.is_empty()).then(|| authors.join(" and ")),
            source: source.clone(),
            url: entry.links.first().map(|l| l.href.clone()),
            category,
            tags,
            language: entry.language.clone().or_else(|| language.clone()),
            ..Default::default()
        });
    }
    if docs.is_empty() {
        return Err(ReadErrorKind::Feed("no items with text".into()));
    }
    Ok(docs)
}

/// RSS `<author>` is "email (Name)" by the spec; keep the name.
fn person_name(raw: &str) -> String {
    let t = raw.trim();
    if let (Some(open), Some(close)) = (t.find('('), t.rfind(')')) {
        if open < close {
            return t[open + 1..close].trim().to_string();
        }
    }
    if t.contains('@') && !t.contains(' ') {
        return String::new();
    }
    t.to_string()
}

type RawDate = Option<(chrono::NaiveDate, Option<chrono::NaiveTime>, Option<i32>)>;

/// The first date element of each `<item>`/`<entry>`, parsed with its offset.
fn raw_item_dates(xml: &str) -> Vec<RawDate> {
    let mut out = Vec::new();
    for (open, close) in [("<item", "</item>"), ("<entry", "</entry>")] {
        let mut rest = xml;
        while let Some(pos) = rest.find(open) {
            let after = &rest[pos + open.len()..];
            // "<items>" or "<entryList>" are other elements.
            if !after.starts_with(['>', ' ', '\n', '\t', '\r', '/']) {
                rest = after;
                continue;
            }
            let end = after.find(close).unwrap_or(after.len());
            let block = &after[..end];
            let date = ["pubDate", "published", "dc:date", "updated"]
                .iter()
                .find_map(|tag| {
                    let start = block.find(&format!("<{tag}>"))? + tag.len() + 2;
                    let stop = block[start..].find('<')? + start;
                    crate::dates::parse_timestamp(&block[start..stop])
                });
            out.push(date);
            rest = &after[end..];
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>World News</title><link>https://n.example</link>
<item><title>Iran recalls envoy</title><link>https://n.example/a</link><pubDate>Fri, 11 Jul 2025 06:15:00 +0330</pubDate>
<category>Politics</category><description>&lt;p&gt;Iran &lt;b&gt;recalled&lt;/b&gt; its envoy.&lt;/p&gt;&lt;p&gt;Baku protested.&lt;/p&gt;</description></item>
</channel></rss>"#;
        let docs = parse(xml).unwrap_or_default();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].title.as_deref(), Some("Iran recalls envoy"));
        assert_eq!(docs[0].text, "Iran recalled its envoy.\n\nBaku protested.");
        assert_eq!(
            docs[0].date.map(|d| d.to_string()).as_deref(),
            Some("2025-07-11")
        );
        assert_eq!(
            docs[0].time.map(|t| t.to_string()).as_deref(),
            Some("06:15:00")
        );
        assert_eq!(docs[0].utc_offset_minutes, Some(210));
        assert_eq!(docs[0].source.as_deref(), Some("World News"));
        assert_eq!(docs[0].category.as_deref(), Some("Politics"));
    }

    #[test]
    fn malformed_feed_is_an_error() {
        assert!(matches!(
            parse("<rss><channel><item><title>x</item>"),
            Err(ReadErrorKind::Feed(_))
        ));
    }
}
