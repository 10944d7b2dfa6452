//! The document model: one article with its metadata. The body `text` is the
//! reference for every offset any later stage reports.

use chrono::{NaiveDate, NaiveTime};
use sha2::{Digest, Sha256};

/// One news article (or feed item, or JSON Lines record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable id: given by the input, else derived by [`Document::derive_id`].
    pub id: String,
    pub title: Option<String>,
    /// The body text, exactly as every offset refers to it.
    pub text: String,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    /// Offset from UTC in minutes when the input gives a time zone.
    pub utc_offset_minutes: Option<i32>,
    pub author: Option<String>,
    /// Outlet or corpus name.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The outlet's article code (e.g. "Code : 2033885").
    pub code: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// BCP 47 language tag when the input declares one.
    pub language: Option<String>,
    /// Where the document came from (file path, "path:line", "<stdin>").
    pub origin: String,
}

impl Document {
    /// A stable id: the outlet and URL (or article code) when known, else a
    /// hash of title and body. Same input, same id, on every run and machine.
    pub fn derive_id(&self) -> String {
        let mut hasher = Sha256::new();
        match (&self.source, &self.url, &self.code) {
            (_, Some(url), _) => {
                hasher.update(b"url\0");
                hasher.update(self.source.as_deref().unwrap_or("").as_bytes());
                hasher.update(b"\0");
                hasher.update(url.as_bytes());
            }
            (Some(source), None, Some(code)) => {
                hasher.update(b"code\0");
                hasher.update(source.as_bytes());
                hasher.update(b"\0");
                hasher.update(code.as_bytes());
            }
            _ => {
                hasher.update(b"content\0");
                hasher.update(self.title.as_deref().unwrap_or("").as_bytes());
                hasher.update(b"\0");
                hasher.update(self.text.as_bytes());
            }
        }
        let digest = hasher.finalize();
        let mut id = String::with_capacity(18);
        id.push_str("d-");
        for b in &digest[..8] {
            id.push_str(&format!("{b:02x}"));
        }
        id
    }

    /// Sets `id` from [`Document::derive_id`] when it is empty.
    pub fn ensure_id(&mut self) {
        if self.id.is_empty() {
            self.id = self.derive_id();
        }
    }
}

/// Maps byte offsets in a text to Unicode character offsets (what every
/// output reports). Built once per document; O(1) per lookup.
pub struct CharOffsets {
    /// `None` when the text is ASCII and byte offsets are char offsets.
    table: Option<Vec<u32>>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharOffsets { table: None };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut chars = 0u32;
        for (i, c) in text.char_indices() {
            for slot in &mut table[i..i + c.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        table[text.len()] = chars;
        CharOffsets { table: Some(table) }
    }

    /// The char offset of byte offset `byte` (which must be a char boundary
    /// within the text; other values map to the char that contains them).
    pub fn char_at(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(t) => t.get(byte).or(t.last()).copied().unwrap_or(0) as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_depend_on_content() {
        let mut a = Document {
            text: "Iran recalled its envoy.".into(),
            ..Default::default()
        };
        let mut b = a.clone();
        a.ensure_id();
        b.ensure_id();
        assert_eq!(a.id, b.id);
        assert!(a.id.starts_with("d-") && a.id.len() == 18);
        let c = Document {
            text: "Iran recalled its ambassador.".into(),
            ..Default::default()
        };
        assert_ne!(a.id, c.derive_id());
        let with_url = Document {
            url: Some("https://example.org/a".into()),
            text: "changed text".into(),
            ..Default::default()
        };
        let with_url2 = Document {
            url: Some("https://example.org/a".into()),
            text: "other text".into(),
            ..Default::default()
        };
        assert_eq!(with_url.derive_id(), with_url2.derive_id());
    }

    #[test]
    fn char_offsets() {
        let text = "Bakı – Tehran";
        let map = CharOffsets::new(text);
        let t = text.find("Tehran").unwrap_or(0);
        assert_eq!(map.char_at(t), 7);
        assert_eq!(map.char_at(text.len()), text.chars().count());
        assert_eq!(CharOffsets::new("abc").char_at(2), 2);
    }
}
