//! Lemmatizer: a lexicon of (form, XPOS) -> lemma learned from the treebank,
//! an irregular-verb table, and suffix rewrite rules learned per XPOS
//! ("-ied" -> "-y" for VBD, "-ing" -> "" ...) for words never seen.

use crate::codec::{Reader, Writer};
use crate::perceptron::string_atom;
use crate::ModelError;
use std::collections::HashMap;

/// A suffix rewrite: drop `strip` chars from the end, then append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Rule {
    strip: u8,
    add: String,
}

/// The best rule for a suffix context, and whether it is reliable (at
/// least 70% of the training words with that suffix follow it).
#[derive(Clone, Debug)]
struct ContextRule {
    rule: Rule,
    reliable: bool,
}

/// Past tense and past participle share their morphology: learn and look up
/// their rules together.
fn morph_class(xpos: &str) -> &str {
    match xpos {
        "VBD" | "VBN" => "VBD/VBN",
        other => other,
    }
}

/// Longest form suffix used as rule context.
const MAX_CONTEXT: usize = 5;

pub struct Lemmatizer {
    /// "lowercase form\tXPOS" -> lemma.
    lexicon: HashMap<String, String>,
    /// "XPOS class\tsuffix" -> rule.
    rules: HashMap<String, ContextRule>,
    irregular: HashMap<&'static str, &'static str>,
    /// Hashes of words seen written in lower case: an all-caps word that is
    /// one of these is shouted ("TERRIBLE"), not an acronym ("HPL").
    known_lower: std::collections::HashSet<u64>,
}

fn irregular_table() -> HashMap<&'static str, &'static str> {
    include_str!("../data/irregular_verbs.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

fn rule_for(form: &str, lemma: &str) -> Option<Rule> {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let strip = f.len() - common;
    if strip > 8 || common == 0 {
        return None;
    }
    Some(Rule {
        strip: strip as u8,
        add: l[common..].iter().collect(),
    })
}

fn apply(form: &str, rule: &Rule) -> Option<String> {
    let n = form.chars().count();
    let keep = n.checked_sub(rule.strip as usize)?;
    if keep == 0 {
        return None;
    }
    let mut s: String = form.chars().take(keep).collect();
    s.push_str(&rule.add);
    Some(s)
}

fn suffix(form: &str, k: usize) -> Option<&str> {
    let n = form.chars().count();
    if n <= k {
        return None;
    }
    let start = form.char_indices().nth(n - k).map(|(i, _)| i)?;
    Some(&form[start..])
}

/// Verbs ending in "-re" lose the "e" before "-ed" and "-ing", and the
/// suffix rules learned from "ignored" and "scored" then strip one letter
/// too few ("massacred" -> "massacr"). No English verb ends in a stop
/// consonant and "r", so such a stem gets its "e" back: "massacre",
/// "centre", "sabre".
fn restore_final_re(lemma: String, class: &str, known: impl Fn(&str) -> bool) -> String {
    let verb_form = matches!(class, "VBD/VBN" | "VBG");
    let mut last_two = lemma.chars().rev().take(2);
    let (Some('r'), Some(before)) = (last_two.next(), last_two.next()) else {
        return lemma;
    };
    if verb_form && matches!(before, 'b' | 'c' | 'd' | 'g' | 'k' | 'p' | 't') && !known(&lemma) {
        format!("{lemma}e")
    } else {
        lemma
    }
}

/// "expelled" -> "expel", "patrolling" -> "patrol": a verb of two or more
/// syllables ending in one vowel and "l" doubles the "l" before "-ed" and
/// "-ing", which suffix rules learned from "killed" and "called" keep.
/// One-syllable stems ("fill", "roll") keep their "ll", and so does a stem
/// the treebank showed with it ("recall", "install").
fn undouble_final_l(
    lower: &str,
    lemma: String,
    class: &str,
    known: impl Fn(&str) -> bool,
) -> String {
    let verb_form = matches!(class, "VBD/VBN" | "VBG");
    if !verb_form || !(lower.ends_with("lled") || lower.ends_with("lling")) {
        return lemma;
    }
    let Some(stem) = lemma.strip_suffix('l').filter(|s| s.ends_with('l')) else {
        return lemma;
    };
    if known(&lemma) {
        return lemma;
    }
    if known(stem) {
        return stem.to_string();
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    let single_vowel = n >= 3 && is_vowel(chars[n - 2]) && !is_vowel(chars[n - 3]);
    let syllables = chars
        .iter()
        .zip(std::iter::once(&'_').chain(chars.iter()))
        .filter(|&(&c, &before)| is_vowel(c) && !is_vowel(before))
        .count();
    if single_vowel && syllables >= 2 {
        stem.to_string()
    } else {
        lemma
    }
}

fn is_proper(xpos: &str) -> bool {
    xpos == "NNP" || xpos == "NNPS"
}

impl Lemmatizer {
    /// Learns from (form, XPOS, lemma) triples.
    pub fn train<'a>(examples: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut seen: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let mut known_lower = std::collections::HashSet::new();
        let mut rule_counts: HashMap<String, HashMap<Rule, u32>> = HashMap::new();
        for (form, xpos, lemma) in examples {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let lower = form.to_lowercase();
            if lower == form {
                known_lower.insert(string_atom(form));
            }
            for key in [format!("{lower}\t{xpos}"), format!("={form}\t{xpos}")] {
                *seen
                    .entry(key)
                    .or_default()
                    .entry(lemma.to_string())
                    .or_insert(0) += 1;
            }
            if is_proper(xpos) {
                continue;
            }
            if let Some(rule) = rule_for(&lower, &lemma.to_lowercase()) {
                for k in 1..=MAX_CONTEXT {
                    if let Some(sfx) = suffix(&lower, k) {
                        *rule_counts
                            .entry(format!("{}\t{sfx}", morph_class(xpos)))
                            .or_default()
                            .entry(rule.clone())
                            .or_insert(0) += 1;
                    }
                }
            }
        }
        let mut rules = HashMap::new();
        for (ctx, counts) in rule_counts {
            let total: u32 = counts.values().sum();
            if let Some((rule, n)) = counts.into_iter().max_by(|a, b| {
                // Ties go to the smaller rule, so training is deterministic.
                a.1.cmp(&b.1)
                    .then(b.0.strip.cmp(&a.0.strip))
                    .then(b.0.add.cmp(&a.0.add))
            }) {
                if total >= 2 {
                    let reliable = n * 10 >= total * 7;
                    rules.insert(ctx, ContextRule { rule, reliable });
                }
            }
        }
        let mut lemmatizer = Lemmatizer {
            lexicon: HashMap::new(),
            rules,
            irregular: irregular_table(),
            known_lower,
        };
        // Keep lexicon entries only where the rules would get them wrong;
        // lowercase entries first, then exact-case ones against them.
        let mut seen: Vec<(String, HashMap<String, u32>)> = seen.into_iter().collect();
        seen.sort_by(|a, b| {
            a.0.starts_with('=')
                .cmp(&b.0.starts_with('='))
                .then(a.0.cmp(&b.0))
        });
        for (key, lemmas) in seen {
            let Some((lemma, _)) = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            else {
                continue;
            };
            let (word, xpos) = key.split_once('\t').unwrap_or((&key, ""));
            let predicted = match word.strip_prefix('=') {
                // Exact-case entries matter only where they differ from
                // what the lowercase entry and the rules give.
                Some(form) => {
                    let lower = form.to_lowercase();
                    lemmatizer
                        .lexicon
                        .get(&format!("{lower}\t{xpos}"))
                        .cloned()
                        .unwrap_or_else(|| lemmatizer.by_rules(form, &lower, xpos))
                }
                None => lemmatizer.by_rules(word, word, xpos),
            };
            if predicted != lemma {
                lemmatizer.lexicon.insert(key, lemma);
            }
        }
        lemmatizer
    }

    fn by_rules(&self, form: &str, lower: &str, xpos: &str) -> String {
        if xpos == "NNP" {
            return form.to_string();
        }
        if xpos == "NNPS" {
            // Plural names keep their case: "Scholars" -> "Scholar".
            let base = self.by_rules(lower, lower, "NNS");
            let mut chars = form.chars();
            return match chars.next() {
                Some(first)
                    if first.is_uppercase()
                        && base.starts_with(first.to_lowercase().next().unwrap_or(first)) =>
                {
                    let rest: String = base.chars().skip(1).collect();
                    format!("{first}{rest}")
                }
                _ => base,
            };
        }
        // Codes and acronyms keep their form: "EB3326", "HPL", "P".
        let open_class =
            xpos.starts_with("NN") || xpos.starts_with("JJ") || xpos == "CD" || xpos == "ADD";
        let has_digit = form.bytes().any(|b| b.is_ascii_digit());
        let all_caps =
            form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase);
        let acronym = all_caps && !self.known_lower.contains(&string_atom(lower));
        if open_class && (has_digit || acronym) {
            return form.to_string();
        }
        if xpos.starts_with("VB") {
            if let Some(base) = self.irregular.get(lower) {
                return (*base).to_string();
            }
        }
        if xpos == "CD"
            && form.contains(',')
            && form
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            // UD writes number lemmas without group separators: "1,100" -> "1100".
            return form.replace(',', "");
        }
        // The longest suffix with a reliable rule; failing that, the
        // longest suffix with any rule.
        let class = morph_class(xpos);
        for reliable_only in [true, false] {
            for k in (1..=MAX_CONTEXT).rev() {
                let Some(sfx) = suffix(lower, k) else {
                    continue;
                };
                if let Some(cr) = self.rules.get(&format!("{class}\t{sfx}")) {
                    if reliable_only && !cr.reliable {
                        continue;
                    }
                    if let Some(l) = apply(lower, &cr.rule) {
                        let known = |w: &str| self.known_lower.contains(&string_atom(w));
                        let l = restore_final_re(l, class, known);
                        return undouble_final_l(lower, l, class, known);
                    }
                }
            }
        }
        lower.to_string()
    }

    /// Whether lower-case `form` is an irregular verb's past tense or
    /// participle ("shot", "fought", "hit"; not "is").
    pub fn is_irregular_past(&self, form: &str) -> bool {
        self.irregular.contains_key(form) && !form.ends_with('s')
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        // "420,588" -> "420588": the treebanks' convention for numbers with
        // thousands separators (every one in EWT's training data), which
        // suffix rules cannot learn.
        if is_grouped_number(form) {
            return form.replace(',', "");
        }
        if let Some(l) = self.lexicon.get(&format!("={form}\t{xpos}")) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        if let Some(l) = self.lexicon.get(&format!("{lower}\t{xpos}")) {
            return l.clone();
        }
        self.by_rules(form, &lower, xpos)
    }

    pub fn write(&self, w: &mut Writer) {
        let mut lex: Vec<(&String, &String)> = self.lexicon.iter().collect();
        lex.sort();
        w.u32(lex.len() as u32);
        for (k, v) in lex {
            w.str(k);
            w.str(v);
        }
        let mut rules: Vec<(&String, &ContextRule)> = self.rules.iter().collect();
        rules.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(rules.len() as u32);
        for (k, r) in rules {
            w.str(k);
            w.u8(r.rule.strip);
            w.str(&r.rule.add);
            w.u8(u8::from(r.reliable));
        }
        let mut known: Vec<u64> = self.known_lower.iter().copied().collect();
        known.sort_unstable();
        w.u32(known.len() as u32);
        for k in known {
            w.u64(k);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, ModelError> {
        let n = r.u32()? as usize;
        let mut lexicon = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let k = r.str()?;
            lexicon.insert(k, r.str()?);
        }
        let n = r.u32()? as usize;
        let mut rules = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let k = r.str()?;
            let strip = r.u8()?;
            let add = r.str()?;
            let reliable = r.u8()? != 0;
            rules.insert(
                k,
                ContextRule {
                    rule: Rule { strip, add },
                    reliable,
                },
            );
        }
        let n = r.u32()? as usize;
        let mut known_lower = std::collections::HashSet::with_capacity(n.min(1 << 22));
        for _ in 0..n {
            known_lower.insert(r.u64()?);
        }
        Ok(Lemmatizer {
            lexicon,
            rules,
            irregular: irregular_table(),
            known_lower,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_is_deterministic() {
        // Ties between rules with equal counts ("-ied" -> "y" vs "-d" -> "").
        let data = [
            ("carried", "VBD", "carry"),
            ("worried", "VBD", "worry"),
            ("agreed", "VBD", "agree"),
            ("freed", "VBD", "free"),
            ("opened", "VBD", "open"),
            ("moved", "VBD", "move"),
        ];
        let bytes = |l: &Lemmatizer| {
            let mut w = Writer::default();
            l.write(&mut w);
            w.into_bytes()
        };
        let first = bytes(&Lemmatizer::train(data.iter().copied()));
        for _ in 0..20 {
            assert_eq!(bytes(&Lemmatizer::train(data.iter().copied())), first);
        }
    }

    #[test]
    fn learns_rules_and_generalises() {
        let data = [
            ("carried", "VBD", "carry"),
            ("worried", "VBD", "worry"),
            ("tried", "VBD", "try"),
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("recalled", "VBD", "recall"),
            ("called", "VBD", "call"),
            ("opened", "VBD", "open"),
            ("happened", "VBD", "happen"),
            ("warned", "VBD", "warn"),
            ("returned", "VBD", "return"),
            ("stopped", "VBD", "stop"),
            ("went", "VBD", "go"),
            ("sanctioning", "VBG", "sanction"),
            ("running", "VBG", "run"),
            ("talking", "VBG", "talk"),
            ("walking", "VBG", "walk"),
            ("Google", "NNP", "Google"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("summoned", "VBD"), "summon");
        assert_eq!(lem.lemma("married", "VBD"), "marry");
        // A doubled final "l" of a longer stem is undoubled; "fill" keeps it.
        assert_eq!(lem.lemma("patrolled", "VBD"), "patrol");
        assert_eq!(lem.lemma("expelled", "VBN"), "expel");
        assert_eq!(lem.lemma("spilled", "VBD"), "spill");
        // A stem ending in a stop and "r" gets back its final "e".
        assert_eq!(lem.lemma("massacred", "VBD"), "massacre");
        assert_eq!(lem.lemma("centred", "VBN"), "centre");
        assert_eq!(lem.lemma("shook", "VBD"), "shake");
        assert_eq!(lem.lemma("went", "VBD"), "go");
        assert_eq!(lem.lemma("Baku", "NNP"), "Baku");
        assert_eq!(lem.lemma("Tanks", "NNS"), "tanks");
        let mut w = Writer::default();
        lem.write(&mut w);
        let bytes = w.into_bytes();
        let back = Lemmatizer::read(&mut Reader::new(&bytes));
        assert!(back.is_ok_and(|b| b.lemma("married", "VBD") == "marry"));
    }
}

/// A number written with thousands separators: `1,000`, `6,363,217.50`.
fn is_grouped_number(form: &str) -> bool {
    let (int, frac) = match form.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (form, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut groups = int.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let mut rest = 0usize;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        rest += 1;
    }
    first_ok && rest > 0
}

#[cfg(test)]
mod grouped_number_tests {
    use super::is_grouped_number;

    #[test]
    fn thousands_separators() {
        for yes in ["1,000", "420,588", "6,363,217", "12,345.67"] {
            assert!(is_grouped_number(yes), "{yes}");
        }
        for no in [
            "1000", "1,00", "1234,567", ",123", "1,000.", "1,000.5a", "a,123", "1.000", "",
        ] {
            assert!(!is_grouped_number(no), "{no}");
        }
    }
}
