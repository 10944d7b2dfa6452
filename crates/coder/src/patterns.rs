//! Verb and noun patterns (lexicon/README.md has the syntax) parsed once
//! into elements, and matched against a trigger's dependents.

use crate::sentence::Sentence;
use dyad_lexicon::VerbDictionary;
use std::collections::HashMap;

/// What a pattern slot matches.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A head lemma (and optional modifiers before it, from `{a b}`).
    Words(Vec<String>),
    /// `&name`: any phrase of a synset.
    Synset(String),
    /// `+`: the target actor.
    Target,
    /// `$`: the source actor.
    Source,
    /// Anything (`^`, `%`).
    Any,
}

#[derive(Clone, Debug)]
pub enum Element {
    /// The direct object.
    Object(Item),
    /// A prepositional dependent: preposition, then its object.
    Prep(String, Item),
    /// A word before the trigger that must modify it ("strongly").
    Before(String),
}

#[derive(Clone, Debug)]
pub struct Compiled {
    pub elements: Vec<Element>,
    pub code: String,
    pub text: String,
}

fn item(tok: &str) -> Item {
    let t = tok.trim_matches(|c| c == '{' || c == '}');
    match t {
        "+" => Item::Target,
        "$" => Item::Source,
        "^" | "%" | "" => Item::Any,
        // A lone synset; one inside a phrase ("{&tietypes ties}") is a
        // word of that phrase.
        _ if t.starts_with('&') && !t.trim_end_matches('_').contains([' ', '_']) => {
            Item::Synset(t.trim_end_matches('_').to_string())
        }
        _ => Item::Words(
            t.split([' ', '_'])
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
        ),
    }
}

/// Splits a pattern into top-level pieces: words, `{...}`, `(...)`.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' | '{' => {
                if depth == 0 && !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                    cur.clear();
                }
                depth += 1;
                cur.push(c);
            }
            ')' | '}' => {
                depth -= 1;
                cur.push(c);
                if depth <= 0 {
                    out.push(cur.trim().to_string());
                    cur.clear();
                    depth = 0;
                }
            }
            ' ' if depth == 0 => {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                }
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

pub fn compile(text: &str, code: &str) -> Compiled {
    let mut elements = Vec::new();
    let mut after = false;
    for p in pieces(text) {
        if p == "*" {
            after = true;
            continue;
        }
        if let Some(inner) = p.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
            let inner = inner.trim();
            let (prep, rest) = inner.split_once(' ').unwrap_or((inner, "^"));
            elements.push(Element::Prep(prep.replace('_', " "), item(rest.trim())));
        } else if after {
            elements.push(Element::Object(item(&p)));
        } else if p != "$" && p != "+" && p != "^" && p != "%" {
            elements.push(Element::Before(
                p.trim_matches(|c| c == '{' || c == '}').to_string(),
            ));
        }
    }
    Compiled {
        elements,
        code: code.to_string(),
        text: text.to_string(),
    }
}

/// Does token `i`'s lemma (or a phrase ending at it) match `item`?
pub fn matches_item(
    s: &Sentence<'_>,
    i: usize,
    item: &Item,
    synsets: &HashMap<String, Vec<Vec<String>>>,
) -> bool {
    match item {
        Item::Any | Item::Target | Item::Source => true,
        Item::Words(words) => words_match(s, i, words, synsets, 0),
        Item::Synset(name) => matches_synset(s, i, name, synsets),
    }
}

/// Does a phrase of synset `name` ("&weapon") end at token `i`?
pub fn matches_synset(
    s: &Sentence<'_>,
    i: usize,
    name: &str,
    synsets: &HashMap<String, Vec<Vec<String>>>,
) -> bool {
    synset_match(s, i, name, synsets, 0)
}

/// Synsets may name other synsets; this deep and no further (a cycle in
/// a dictionary must not loop).
const MAX_SYNSET_DEPTH: usize = 4;

/// Does a phrase of synset `name` end at token `i`?
fn synset_match(
    s: &Sentence<'_>,
    i: usize,
    name: &str,
    synsets: &HashMap<String, Vec<Vec<String>>>,
    depth: usize,
) -> bool {
    depth < MAX_SYNSET_DEPTH
        && synsets.get(name).is_some_and(|phrases| {
            phrases
                .iter()
                .any(|w| words_match(s, i, w, synsets, depth + 1))
        })
}

/// The last word must be the head lemma (or form); earlier words must be
/// among the head's modifiers or the tokens right before it. Any word may
/// be a synset (`{&tietypes ties}`: "economic ties", "military ties").
fn words_match(
    s: &Sentence<'_>,
    i: usize,
    words: &[String],
    synsets: &HashMap<String, Vec<Vec<String>>>,
    depth: usize,
) -> bool {
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    let word_at = |k: usize, w: &str| {
        if w.starts_with('&') {
            synset_match(s, k, w.trim_end_matches('_'), synsets, depth)
        } else {
            s.lemma(k) == w || s.lower(k) == w || is_plural_of(&s.lower(k), w)
        }
    };
    if !word_at(i, last) {
        return false;
    }
    before.iter().all(|w| {
        s.children(i).any(|c| word_at(c, w))
            || (i > 0 && (i.saturating_sub(3)..i).any(|k| word_at(k, w)))
    })
}

/// Whether `form` is the regular plural of `word` ("supplies" of
/// "supply", "taxes" of "tax"): the treebank keeps some plurals as their
/// own lemma ("supplies"), and a pattern names the singular.
fn is_plural_of(form: &str, word: &str) -> bool {
    !word.is_empty() && form == s_form(word)
}

/// The regular -s form of an English word, a noun's plural or a verb's
/// third person: "taxes", "supplies", "days", "tents".
pub(crate) fn s_form(word: &str) -> String {
    let consonant_y = word
        .strip_suffix('y')
        .and_then(|stem| stem.chars().last())
        .is_some_and(|c| !"aeiou".contains(c));
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}es")
    } else if consonant_y {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// Synset phrases split into words.
pub fn synsets(verbs: &VerbDictionary) -> HashMap<String, Vec<Vec<String>>> {
    verbs
        .synsets
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.iter()
                    .map(|p| {
                        p.split([' ', '_'])
                            .filter(|w| !w.is_empty())
                            .map(String::from)
                            .collect()
                    })
                    .collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_plural_matches_its_singular() {
        assert!(is_plural_of("supplies", "supply"));
        assert!(is_plural_of("taxes", "tax"));
        assert!(is_plural_of("tents", "tent"));
        assert!(!is_plural_of("tent", "tent"));
        assert!(!is_plural_of("toes", "to"));
        assert!(!is_plural_of("days", "dai"));
    }

    fn object(pattern: &str) -> Option<Item> {
        match compile(pattern, "080").elements.first() {
            Some(Element::Object(item)) => Some(item.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_synset_inside_a_phrase_is_one_of_its_words() {
        assert_eq!(
            object("* {&tietypes ties}"),
            Some(Item::Words(vec!["&tietypes".into(), "ties".into()]))
        );
        assert_eq!(
            object("* &tietypes"),
            Some(Item::Synset("&tietypes".into()))
        );
        assert_eq!(
            object("* &tietypes_"),
            Some(Item::Synset("&tietypes".into()))
        );
        assert_eq!(
            object("* {diplomatic ties}"),
            Some(Item::Words(vec!["diplomatic".into(), "ties".into()]))
        );
    }
}
