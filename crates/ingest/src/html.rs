//! HTML pages: the article's main text (navigation, scripts, ads and comments
//! dropped, by dom_smoothie's readability port), and title, author, date,
//! outlet, section and tags from the usual meta tags (Open Graph,
//! `article:*`, schema.org JSON-LD, `<time datetime>`).

use crate::dates::parse_timestamp;
use crate::htmltext::{decode_entities, normalize_paragraphs};
use crate::ReadErrorKind;
use dom_smoothie::{Config, Readability, TextMode};
use dyad_text::Document;
use serde_json::Value;

/// Pages nested deeper than this are refused before parsing: the HTML parser
/// and extractor walk the tree recursively.
const MAX_DEPTH: usize = 512;
/// Element count the extractor will take on.
const MAX_ELEMENTS: usize = 200_000;

pub fn parse(html: &str) -> Result<Document, ReadErrorKind> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(ReadErrorKind::Html(format!(
            "elements nested more than {MAX_DEPTH} deep"
        )));
    }
    let page = dom_query::Document::from(html);
    let meta = PageMeta::read(&page);
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let mut reader = Readability::with_document(page, None, Some(config))
        .map_err(|e| ReadErrorKind::Html(e.to_string()))?;
    let article = reader
        .parse()
        .map_err(|e| ReadErrorKind::Html(format!("no article text found ({e})")))?;
    let text = drop_header_paragraphs(&normalize_paragraphs(
        &article.text_content.replace('\n', "\n\n"),
    ));
    if text.is_empty() {
        return Err(ReadErrorKind::Html("no article text found".into()));
    }
    let mut doc = Document {
        text,
        ..Default::default()
    };
    let title = meta.headline.clone().or_else(|| non_empty(&article.title));
    doc.title = title.map(|t| decode_entities(&t));
    doc.author = meta
        .author
        .clone()
        .or_else(|| article.byline.as_deref().and_then(non_empty))
        .map(|a| strip_by(&a));
    let timestamp = meta
        .published
        .clone()
        .or_else(|| article.published_time.clone());
    if let Some((d, t, offset)) = timestamp.as_deref().and_then(parse_timestamp) {
        doc.date = Some(d);
        doc.time = t;
        doc.utc_offset_minutes = offset.filter(|_| t.is_some());
    }
    doc.source = meta.site.clone().or_else(|| article.site_name.clone());
    doc.url = meta.url.clone().or_else(|| article.url.clone());
    doc.category = meta.section.clone();
    doc.tags = meta.tags.clone();
    doc.language = article
        .lang
        .clone()
        .or(meta.lang.clone())
        .and_then(|l| non_empty(&l));
    Ok(doc)
}

/// Drops leading paragraphs that are a byline or dateline block the
/// extractor kept ("By Tom Reed · November 5, 2024"), not article text.
fn drop_header_paragraphs(text: &str) -> String {
    let mut rest = text;
    for _ in 0..2 {
        let (first, after) = match rest.split_once("\n\n") {
            Some((f, a)) => (f, a),
            None => break,
        };
        let words = first.split_whitespace().count();
        let is_header = first.len() < 100
            && words < 12
            && !first.ends_with(['.', '!', '?', '"', '”'])
            && (first.to_lowercase().starts_with("by ")
                || crate::dates::find_date_time(first).date.is_some());
        if !is_header {
            break;
        }
        rest = after;
    }
    rest.to_string()
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn strip_by(name: &str) -> String {
    let t = name.trim();
    let has_by = t
        .get(..3)
        .is_some_and(|h| h.eq_ignore_ascii_case("by ") || h.eq_ignore_ascii_case("by:"));
    let t = if has_by { t[3..].trim() } else { t };
    t.to_string()
}

/// Metadata read from meta tags and JSON-LD before extraction (which
/// rewrites the tree).
#[derive(Default)]
struct PageMeta {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    site: Option<String>,
    url: Option<String>,
    section: Option<String>,
    tags: Vec<String>,
    lang: Option<String>,
}

impl PageMeta {
    fn read(page: &dom_query::Document) -> PageMeta {
        let first = |sel: &str, attr: &str| -> Option<String> {
            page.select(sel)
                .nodes()
                .iter()
                .find_map(|n| n.attr(attr).and_then(|v| non_empty(&v)))
        };
        let mut meta = PageMeta {
            headline: first("meta[property='og:title']", "content")
                .or_else(|| first("meta[name='twitter:title']", "content")),
            author: first("meta[name='author']", "content")
                .or_else(|| first("meta[property='article:author']", "content"))
                .filter(|a| !a.starts_with("http")),
            published: first("meta[property='article:published_time']", "content")
                .or_else(|| first("meta[itemprop='datePublished']", "content"))
                .or_else(|| first("meta[name='date']", "content"))
                .or_else(|| first("time[datetime]", "datetime")),
            site: first("meta[property='og:site_name']", "content"),
            url: first("meta[property='og:url']", "content")
                .or_else(|| first("link[rel='canonical']", "href")),
            section: first("meta[property='article:section']", "content"),
            tags: Vec::new(),
            lang: first("html", "lang"),
        };
        for node in page.select("meta[property='article:tag']").nodes() {
            if let Some(tag) = node.attr("content").and_then(|v| non_empty(&v)) {
                meta.tags.push(tag);
            }
        }
        if meta.tags.is_empty() {
            if let Some(keywords) = first("meta[name='keywords']", "content") {
                meta.tags = split_list(&keywords);
            }
        }
        for node in page.select("script[type='application/ld+json']").nodes() {
            if let Ok(value) = serde_json::from_str::<Value>(&node.text()) {
                meta.merge_json_ld(&value);
            }
        }
        if meta.author.is_none() {
            meta.author = page
                .select("[rel='author'], .byline, .author, [itemprop='author']")
                .nodes()
                .iter()
                .find_map(|n| non_empty(&n.text()))
                .map(|a| strip_by(&a));
        }
        meta
    }

    /// Fills what is still missing from a schema.org NewsArticle/Article.
    fn merge_json_ld(&mut self, value: &Value) {
        let items: Vec<&Value> = match value {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => match o.get("@graph") {
                Some(Value::Array(g)) => g.iter().collect(),
                _ => vec![value],
            },
            _ => return,
        };
        for item in items {
            let kind = item.get("@type").map(|t| t.to_string()).unwrap_or_default();
            if !kind.contains("Article") && !kind.contains("Posting") && !kind.contains("Report") {
                continue;
            }
            let str_of = |v: Option<&Value>| -> Option<String> {
                match v? {
                    Value::String(s) => non_empty(s),
                    Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(non_empty),
                    Value::Array(a) => {
                        let names: Vec<String> = a
                            .iter()
                            .filter_map(|x| match x {
                                Value::String(s) => non_empty(s),
                                Value::Object(o) => {
                                    o.get("name").and_then(Value::as_str).and_then(non_empty)
                                }
                                _ => None,
                            })
                            .collect();
                        (!names.is_empty()).then(|| names.join(" and "))
                    }
                    _ => None,
                }
            };
            self.headline = self
                .headline
                .take()
                .or_else(|| str_of(item.get("headline")));
            self.author = self.author.take().or_else(|| str_of(item.get("author")));
            self.published = self
                .published
                .take()
                .or_else(|| str_of(item.get("datePublished")));
            self.site = self.site.take().or_else(|| str_of(item.get("publisher")));
            self.url = self.url.take().or_else(|| str_of(item.get("url")));
            self.section = self
                .section
                .take()
                .or_else(|| str_of(item.get("articleSection")));
            if self.tags.is_empty() {
                self.tags = match item.get("keywords") {
                    Some(Value::String(s)) => split_list(s),
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(Value::as_str)
                        .filter_map(non_empty)
                        .collect(),
                    _ => Vec::new(),
                };
            }
        }
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';']).filter_map(non_empty).collect()
}

/// The deepest element nesting in `html`, by a linear scan of its tags
/// (void elements and self-closing tags do not nest).
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "option", "td", "tr", "th",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0usize;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        let tag_end = bytes[i..].iter().position(|&b| b == b'>').map(|p| i + p);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_nesting() {
        let html =
            "<html><body>".to_string() + &"<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000);
        assert!(matches!(parse(&html), Err(ReadErrorKind::Html(m)) if m.contains("nested")));
        assert_eq!(
            nesting_depth("<html><body><p>a<p>b<br><img src=x/></body></html>"),
            2
        );
    }

    #[test]
    fn extracts_article_and_meta() {
        let para = "Iran recalled its ambassador from Baku on Monday after a dispute over drone flights near the border, officials said.";
        let html = format!(
            "<html lang=\"en\"><head><title>Iran recalls envoy | Daily</title>\
<meta property=\"og:title\" content=\"Iran recalls envoy\">\
<meta property=\"article:published_time\" content=\"2025-07-11T06:15:00+03:30\">\
<meta property=\"article:tag\" content=\"Iran\"><meta property=\"article:tag\" content=\"Azerbaijan\">\
<meta name=\"author\" content=\"Jane Doe\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>\
<article><h1>Iran recalls envoy</h1><p>{para}</p><p>{para}</p><p>{para}</p><p>{para}</p></article>\
<footer>Copyright</footer></body></html>"
        );
        let doc = parse(&html);
        assert!(doc.is_ok(), "{doc:?}");
        let doc = doc.unwrap_or_default();
        assert_eq!(doc.title.as_deref(), Some("Iran recalls envoy"));
        assert_eq!(doc.author.as_deref(), Some("Jane Doe"));
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2025-07-11")
        );
        assert_eq!(doc.utc_offset_minutes, Some(210));
        assert_eq!(doc.tags, ["Iran", "Azerbaijan"]);
        assert!(doc.text.starts_with("Iran recalled"));
        assert!(!doc.text.contains("Home"));
        assert!(!doc.text.contains("Copyright"));
    }
}
