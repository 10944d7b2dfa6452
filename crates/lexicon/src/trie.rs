//! A trie over token keys: finds every dictionary phrase starting at a
//! position in time proportional to the phrase length, so scanning a
//! sentence is O(tokens x longest phrase).

use std::collections::HashMap;

#[derive(Default)]
pub struct PhraseTrie<T> {
    /// (parent node, hash of the token key) -> child node. Node 0 is the
    /// root. A 64-bit hash keeps lookups allocation-free; two keys sharing
    /// a hash (odds about 1e-19 per pair) would only merge two edges.
    edges: HashMap<(u32, u64), u32>,
    /// Values of the phrase ending at each node.
    values: Vec<Vec<T>>,
}

impl<T> PhraseTrie<T> {
    pub fn new() -> Self {
        PhraseTrie {
            edges: HashMap::new(),
            values: vec![Vec::new()],
        }
    }

    /// Adds `value` under the phrase `keys` (ignored when empty).
    pub fn insert(&mut self, keys: &[String], value: T) {
        if keys.is_empty() {
            return;
        }
        let mut node = 0u32;
        for k in keys {
            let next = self.values.len() as u32;
            node = *self.edges.entry((node, key_hash(k))).or_insert(next);
            if node == next {
                self.values.push(Vec::new());
            }
        }
        self.values[node as usize].push(value);
    }

    /// Every phrase that starts at `tokens[start]`: (end, values), shortest
    /// first.
    pub fn matches_at<'a>(&'a self, tokens: &[String], start: usize) -> Vec<(usize, &'a [T])> {
        let mut out = Vec::new();
        let mut node = 0u32;
        for (i, tok) in tokens.iter().enumerate().skip(start) {
            let Some(&next) = self.edges.get(&(node, key_hash(tok))) else {
                break;
            };
            node = next;
            let vals = &self.values[node as usize];
            if !vals.is_empty() {
                out.push((i + 1, vals.as_slice()));
            }
        }
        out
    }

    /// Every stored phrase's values, for checks.
    pub fn all_values(&self) -> impl Iterator<Item = &[T]> {
        self.values
            .iter()
            .map(Vec::as_slice)
            .filter(|v| !v.is_empty())
    }
}

/// FNV-1a over the key's bytes.
fn key_hash(key: &str) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn finds_nested_phrases() {
        let mut t = PhraseTrie::new();
        t.insert(&keys("white house"), 1);
        t.insert(&keys("white"), 2);
        t.insert(&keys("house of commons"), 3);
        let text = keys("the white house said");
        assert!(t.matches_at(&text, 0).is_empty());
        let m = t.matches_at(&text, 1);
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].0, m[0].1), (2, &[2][..]));
        assert_eq!((m[1].0, m[1].1), (3, &[1][..]));
        assert!(t.matches_at(&text, 2).is_empty());
    }
}
