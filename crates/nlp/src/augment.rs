//! News-style copies of training sentences. Wire copy puts the report
//! first and its source last ("Talks will resume next week, the ministry
//! said."), which the web text of EWT does a few dozen times; without
//! examples the parser hangs the closing "the ministry said" on whatever
//! noun precedes it. Copies of "X said (that) Y." turned into "Y, X
//! said.", with the same relations, teach the order.

use dyad_text::conllu::{ConlluSentence, Word};

/// Verbs that close a report in news ("..., the ministry said").
const REPORTING: &[&str] = &[
    "say",
    "tell",
    "announce",
    "warn",
    "add",
    "report",
    "claim",
    "state",
    "insist",
    "argue",
    "confirm",
    "note",
    "explain",
    "write",
    "acknowledge",
    "admit",
    "allege",
    "deny",
    "predict",
    "suggest",
    "believe",
    "think",
];

/// For each sentence "[X] V [Z] [that] Y [.]" whose root V is a reporting
/// verb with its subject before it and its clausal complement Y running
/// to the end, the copy "Y, [X] V [Z] [.]" (without "that"), annotated
/// with the same heads and relations.
pub fn report_last_variants(sentences: &[&ConlluSentence]) -> Vec<ConlluSentence> {
    sentences.iter().filter_map(|s| report_last(s)).collect()
}

fn report_last(s: &ConlluSentence) -> Option<ConlluSentence> {
    let w = &s.words;
    let n = w.len();
    let head = |i: usize| w.get(i).and_then(|x| x.head);
    // 0-based index of the root.
    let v = w.iter().position(|x| x.head == Some(0))?;
    let verb = &w[v];
    if verb.upos != "VERB" || !REPORTING.contains(&verb.lemma.as_str()) {
        return None;
    }
    let kids = |h: usize| (0..n).filter(move |&k| head(k) == Some(h + 1));
    let subject = kids(v).find(|&k| w[k].deprel.starts_with("nsubj"))?;
    let clause = kids(v).find(|&k| w[k].deprel == "ccomp")?;
    if subject > v || clause < v {
        return None;
    }
    // The clause's span: every word it dominates.
    let dominated = |k: usize, root: usize| {
        let mut cur = k;
        for _ in 0..=n {
            if cur == root {
                return true;
            }
            match head(cur) {
                Some(h) if h > 0 => cur = h - 1,
                _ => return false,
            }
        }
        false
    };
    let in_clause: Vec<usize> = (0..n).filter(|&k| dominated(k, clause)).collect();
    let (&first, &last) = (in_clause.first()?, in_clause.last()?);
    // Contiguous, right after the verb, and nothing after it but one
    // closing punctuation mark of the verb's.
    let tail: Vec<usize> = (last + 1..n).collect();
    let closing = match tail.as_slice() {
        [] => None,
        // Not a question: "Do you think he is ..." turns on its auxiliary.
        [p] if w[*p].upos == "PUNCT" && head(*p) == Some(v + 1) && w[*p].form != "?" => Some(*p),
        _ => return None,
    };
    // "But he said", "If asked, he said": the report must stand alone.
    let alone = !kids(v).any(|k| {
        matches!(
            w[k].deprel.as_str(),
            "cc" | "mark" | "advcl" | "discourse" | "vocative" | "parataxis" | "conj"
        )
    });
    // The verb's own phrases may stand between it and the clause ("told
    // reporters", "said on Monday"); they go with it.
    if first <= v || !alone {
        return None;
    }
    // The clause must not carry the sentence's own closing mark.
    if in_clause.len() != last - first + 1 || in_clause.len() < 3 || w[last].upos == "PUNCT" {
        return None;
    }
    // Quoted speech is already common in the treebank; leave it.
    if w.iter()
        .any(|x| matches!(x.form.as_str(), "\"" | "“" | "”" | "'" | ":"))
    {
        return None;
    }
    let that = kids(clause)
        .find(|&k| w[k].deprel == "mark" && w[k].form.eq_ignore_ascii_case("that") && k == first);
    // New order: clause (without "that"), a comma, the report, the
    // closing mark.
    let mut order: Vec<Option<usize>> = Vec::with_capacity(n + 1);
    order.extend((first..=last).filter(|&k| Some(k) != that).map(Some));
    order.push(None);
    order.extend((0..first).map(Some));
    order.extend(closing.map(Some));
    // Old 0-based index -> new 1-based position.
    let mut position = vec![0usize; n];
    for (new, old) in order.iter().enumerate() {
        if let Some(o) = old {
            position[*o] = new + 1;
        }
    }
    let mut words: Vec<Word> = Vec::with_capacity(order.len());
    for old in &order {
        let word = match old {
            Some(o) => {
                let mut x = w[*o].clone();
                x.head = match x.head {
                    Some(0) => Some(0),
                    Some(h) => Some(*position.get(h - 1).filter(|&&p| p > 0)?),
                    None => return None,
                };
                x
            }
            None => Word {
                form: ",".into(),
                lemma: ",".into(),
                upos: "PUNCT".into(),
                xpos: ",".into(),
                feats: String::new(),
                head: Some(position[v]),
                deprel: "punct".into(),
                misc: String::new(),
            },
        };
        words.push(word);
    }
    // The report no longer opens the sentence: lower its first word
    // unless it is a name ("He said" -> "..., he said"); the clause
    // opens it now.
    if let Some(x) = words.get_mut(position[0].checked_sub(1)?) {
        if !matches!(x.upos.as_str(), "PROPN") && x.form != "I" {
            x.form = x.form.to_lowercase();
        }
    }
    if let Some(x) = words.first_mut() {
        let mut chars = x.form.chars();
        if let Some(c) = chars.next() {
            x.form = c.to_uppercase().chain(chars).collect();
        }
    }
    // Spacing marks no longer fit the new order.
    for x in &mut words {
        x.misc.clear();
    }
    Some(ConlluSentence {
        sent_id: s.sent_id.as_ref().map(|id| format!("{id}-report-last")),
        text: None,
        newdoc: None,
        newpar: false,
        words,
        multiword: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(rows: &[(&str, &str, usize, &str)]) -> ConlluSentence {
        ConlluSentence {
            sent_id: Some("t".into()),
            text: None,
            newdoc: None,
            newpar: false,
            words: rows
                .iter()
                .map(|&(form, upos, head, deprel)| Word {
                    form: form.into(),
                    lemma: match form {
                        "said" => "say".into(),
                        "told" => "tell".into(),
                        _ => form.to_lowercase(),
                    },
                    upos: upos.into(),
                    xpos: "_".into(),
                    feats: String::new(),
                    head: Some(head),
                    deprel: deprel.into(),
                    misc: String::new(),
                })
                .collect(),
            multiword: Vec::new(),
        }
    }

    fn forms(s: &ConlluSentence) -> String {
        s.words
            .iter()
            .map(|w| w.form.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn moves_the_report_after_its_clause() {
        let s = sentence(&[
            ("He", "PRON", 2, "nsubj"),
            ("said", "VERB", 0, "root"),
            ("that", "SCONJ", 6, "mark"),
            ("talks", "NOUN", 6, "nsubj"),
            ("would", "AUX", 6, "aux"),
            ("resume", "VERB", 2, "ccomp"),
            (".", "PUNCT", 2, "punct"),
        ]);
        let out = report_last_variants(&[&s]);
        assert_eq!(out.len(), 1);
        let c = &out[0];
        assert_eq!(forms(c), "Talks would resume , he said .");
        let by_form = |f: &str| c.words.iter().find(|w| w.form == f).and_then(|w| w.head);
        // "said" (6) is still the root and governs the clause, the
        // comma, its subject and the full stop.
        assert_eq!(by_form("said"), Some(0));
        assert_eq!(by_form("resume"), Some(6));
        assert_eq!(by_form(","), Some(6));
        assert_eq!(by_form("he"), Some(6));
        assert_eq!(by_form("."), Some(6));
        assert_eq!(by_form("Talks"), Some(3));
        assert_eq!(by_form("would"), Some(3));
    }

    #[test]
    fn the_verbs_own_phrases_go_with_it() {
        let s = sentence(&[
            ("Officials", "NOUN", 2, "nsubj"),
            ("told", "VERB", 0, "root"),
            ("reporters", "NOUN", 2, "obj"),
            ("talks", "NOUN", 5, "nsubj"),
            ("resumed", "VERB", 2, "ccomp"),
            ("today", "NOUN", 5, "obl:tmod"),
            (".", "PUNCT", 2, "punct"),
        ]);
        let out = report_last_variants(&[&s]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            forms(&out[0]),
            "Talks resumed today , officials told reporters ."
        );
        let heads: Vec<Option<usize>> = out[0].words.iter().map(|w| w.head).collect();
        assert_eq!(
            heads,
            [
                Some(2),
                Some(6),
                Some(2),
                Some(6),
                Some(6),
                Some(0),
                Some(6),
                Some(6)
            ]
        );
    }

    #[test]
    fn leaves_other_sentences_alone() {
        // Not a reporting verb.
        let s = sentence(&[
            ("He", "PRON", 2, "nsubj"),
            ("hoped", "VERB", 0, "root"),
            ("talks", "NOUN", 4, "nsubj"),
            ("resume", "VERB", 2, "ccomp"),
        ]);
        assert!(report_last_variants(&[&s]).is_empty());
        // Something after the clause that is not its closing mark.
        let s = sentence(&[
            ("He", "PRON", 2, "nsubj"),
            ("said", "VERB", 0, "root"),
            ("talks", "NOUN", 4, "nsubj"),
            ("resume", "VERB", 2, "ccomp"),
            ("today", "ADV", 2, "advmod"),
        ]);
        assert!(report_last_variants(&[&s]).is_empty());
    }
}
