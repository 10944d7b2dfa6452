//! The verb dictionary in our format (`verbs.tsv`, `synsets.tsv`): verb
//! groups (verbs that share patterns), their verbs with irregular forms,
//! and patterns with CAMEO codes. See lexicon/README.md for the pattern
//! syntax.

use crate::tsv::Table;
use crate::LexiconError;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, Default)]
pub struct VerbGroup {
    pub name: String,
    /// The group's own code: "---" when the bare verb is no event.
    pub code: String,
    pub verbs: Vec<Verb>,
    pub patterns: Vec<Pattern>,
    /// Nouns that name the event ("attack", "airstrike", "sanction").
    pub nouns: Vec<Verb>,
    /// Patterns for the nouns ("* (on +)").
    pub noun_patterns: Vec<Pattern>,
    pub layer: u16,
}

#[derive(Clone, Debug)]
pub struct Verb {
    /// Lemma, or a multi-word verb ("cordon off", "get hold of").
    pub lemma: String,
    /// The word that inflects ("get" in "+get hold of"; the first word
    /// unless `+` marks another).
    pub head: String,
    pub forms: Vec<String>,
    /// Code of the bare verb when it differs from the group's.
    pub code: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub text: String,
    pub code: String,
    pub note: String,
    pub origin: String,
}

#[derive(Default)]
pub struct VerbDictionary {
    pub groups: Vec<VerbGroup>,
    /// Synset name (`&currency`) -> phrases.
    pub synsets: BTreeMap<String, Vec<String>>,
    by_lemma: HashMap<String, Vec<usize>>,
}

/// Brackets must balance and the trigger `*` must appear once.
pub(crate) fn check_pattern(text: &str) -> Result<(), String> {
    let mut depth: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            '(' | '{' => depth.push(c),
            ')' if depth.pop() != Some('(') => {
                return Err(format!("unbalanced `)` in pattern {text:?}"))
            }
            '}' if depth.pop() != Some('{') => {
                return Err(format!("unbalanced `}}` in pattern {text:?}"))
            }
            _ => {}
        }
    }
    if !depth.is_empty() {
        return Err(format!("unclosed bracket in pattern {text:?}"));
    }
    if text.split_whitespace().filter(|w| *w == "*").count() != 1 {
        return Err(format!(
            "pattern {text:?} needs exactly one `*` (the trigger)"
        ));
    }
    Ok(())
}

impl VerbDictionary {
    /// Adds the groups of a `verbs.tsv`; a group a later layer defines
    /// replaces the earlier one of the same name. `recode` rows change the
    /// code of a group read before (empty `text`) or of one of its verbs,
    /// and keep the rest of it.
    pub fn read(&mut self, file: &str, text: &str, layer: u16) -> Result<(), LexiconError> {
        let t = Table::parse(file, text, &["group", "kind", "text", "code"])?;
        let mut current: BTreeMap<String, VerbGroup> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut recodes = Vec::new();
        for row in &t.rows {
            let name = t.get(row, "group").to_string();
            if name.is_empty() {
                return Err(t.error(row, "empty `group`"));
            }
            if t.get(row, "kind") == "recode" {
                recodes.push(row);
                continue;
            }
            let g = current.entry(name.clone()).or_insert_with(|| {
                order.push(name.clone());
                VerbGroup {
                    name: name.clone(),
                    code: "---".into(),
                    layer,
                    ..VerbGroup::default()
                }
            });
            let code = t.get(row, "code");
            let text = t.get(row, "text");
            let forms: Vec<String> = t
                .list(row, "forms")
                .iter()
                .map(|f| f.to_lowercase())
                .collect();
            let own_code = (!code.is_empty()).then(|| code.to_string());
            match t.get(row, "kind") {
                "group" => {
                    g.code = if code.is_empty() {
                        "---".into()
                    } else {
                        code.into()
                    }
                }
                "verb" => g.verbs.push(Verb {
                    lemma: text.replace('+', "").to_lowercase(),
                    head: text
                        .split_whitespace()
                        .find(|w| w.starts_with('+'))
                        .or_else(|| text.split_whitespace().next())
                        .unwrap_or("")
                        .trim_start_matches('+')
                        .to_lowercase(),
                    forms,
                    code: own_code,
                }),
                "noun" => g.nouns.push(Verb {
                    lemma: text.to_lowercase(),
                    head: text.split_whitespace().last().unwrap_or("").to_lowercase(),
                    forms,
                    code: own_code,
                }),
                kind @ ("pattern" | "npattern") => {
                    if code.is_empty() {
                        return Err(t.error(row, "pattern without a code"));
                    }
                    check_pattern(text).map_err(|m| t.error(row, m))?;
                    let p = Pattern {
                        text: text.to_string(),
                        code: code.to_string(),
                        note: t.get(row, "note").to_string(),
                        origin: format!("{}:{}", t.file, row.line),
                    };
                    if kind == "pattern" {
                        g.patterns.push(p);
                    } else {
                        g.noun_patterns.push(p);
                    }
                }
                "transform" => {}
                other => return Err(t.error(row, format!("unknown `kind` {other:?}"))),
            }
        }
        for name in order {
            if let Some(g) = current.remove(&name) {
                if let Some(i) = self.groups.iter().position(|x| x.name == name) {
                    self.groups[i] = g;
                } else {
                    self.groups.push(g);
                }
            }
        }
        for row in recodes {
            let name = t.get(row, "group");
            let code = t.get(row, "code");
            if code.is_empty() {
                return Err(t.error(row, "recode without a code"));
            }
            let Some(g) = self.groups.iter_mut().find(|g| g.name == name) else {
                return Err(t.error(row, format!("recode of unknown group {name:?}")));
            };
            let verb = t.get(row, "text").replace('+', "").to_lowercase();
            if verb.is_empty() {
                g.code = code.to_string();
            } else {
                let Some(v) = g.verbs.iter_mut().find(|v| v.lemma == verb) else {
                    return Err(t.error(row, format!("group {name:?} has no verb {verb:?}")));
                };
                v.code = Some(code.to_string());
            }
        }
        self.reindex();
        Ok(())
    }

    pub fn read_synsets(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        let t = Table::parse(file, text, &["name", "phrase"])?;
        for row in &t.rows {
            let name = t.get(row, "name");
            if !name.starts_with('&') {
                return Err(t.error(row, format!("synset name {name:?} must start with &")));
            }
            self.synsets
                .entry(name.to_lowercase())
                .or_default()
                .push(t.get(row, "phrase").to_lowercase());
        }
        Ok(())
    }

    fn reindex(&mut self) {
        self.by_lemma.clear();
        for (i, g) in self.groups.iter().enumerate() {
            for v in &g.verbs {
                self.by_lemma.entry(v.lemma.clone()).or_default().push(i);
            }
        }
    }

    /// Groups that contain the verb `lemma`.
    pub fn groups_of(&self, lemma: &str) -> impl Iterator<Item = &VerbGroup> {
        self.by_lemma
            .get(lemma)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.groups.get(i))
    }

    /// Verb and noun patterns.
    pub fn n_patterns(&self) -> usize {
        self.groups
            .iter()
            .map(|g| g.patterns.len() + g.noun_patterns.len())
            .sum()
    }

    pub fn n_nouns(&self) -> usize {
        self.groups.iter().map(|g| g.nouns.len()).sum()
    }

    pub fn n_verbs(&self) -> usize {
        self.groups.iter().map(|g| g.verbs.len()).sum()
    }
}
