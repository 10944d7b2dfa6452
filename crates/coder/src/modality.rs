//! Modality: whether the text asserts a predicate, denies it, demands it,
//! imagines it, expects it, or only alleges it; and who it is attributed
//! to. Read off the dependency tree: the predicate's own auxiliaries,
//! negation, adverbs and conditional markers first, then each governing
//! clause or noun up the tree ("urged Iran to recall": recall is
//! advocated; "refused to recall": negated).

use crate::sentence::Sentence;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Negated,
    Advocated,
    Hypothetical,
    Future,
    Alleged,
}

impl Modality {
    pub const ALL: [Modality; 6] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Advocated,
        Modality::Hypothetical,
        Modality::Future,
        Modality::Alleged,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Advocated => "advocated",
            Modality::Hypothetical => "hypothetical",
            Modality::Future => "future",
            Modality::Alleged => "alleged",
        }
    }

    pub fn parse(s: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// The modality of one predicate, the tokens that set it, and the head
/// token of whoever it is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub modality: Modality,
    /// Cue tokens (0-based indices), first to last.
    pub cue: Option<(usize, usize)>,
    pub attributed_to: Option<usize>,
}

const ADVOCATE: &[&str] = &[
    "urge",
    "call",
    "demand",
    "ask",
    "press",
    "appeal",
    "insist",
    "recommend",
    "propose",
    "encourage",
    "need",
    "have",
    "request",
    "implore",
    "exhort",
    "plead",
    "petition",
    "advise",
    "want",
    "push",
    "require",
    "compel",
    "oblige",
    "obligate",
];
const ADVOCATE_NOUNS: &[&str] = &[
    "time",
    "right",
    "call",
    "demand",
    "need",
    "duty",
    "obligation",
    "appeal",
    "plea",
    "request",
    "ultimatum",
];
const FUTURE: &[&str] = &[
    "plan", "intend", "expect", "set", "schedule", "prepare", "aim", "vow", "promise", "pledge",
    "go", "threaten", "poise", "due", "slate", "agree", "decide", "resolve", "hope",
];
const FUTURE_NOUNS: &[&str] = &[
    "plan",
    "intention",
    "threat",
    "promise",
    "pledge",
    "bid",
    "decision",
    "readiness",
];
const NEGATORS: &[&str] = &[
    "refuse", "fail", "decline", "deny", "reject", "avoid", "refrain", "cease", "stop", "neglect",
    "forgo",
];
const ALLEGE: &[&str] = &[
    "claim", "allege", "accuse", "believe", "suspect", "rumor", "rumour", "indicate", "suggest",
    "charge", "blame", "purport",
];
const ALLEGE_NOUNS: &[&str] = &[
    "indication",
    "claim",
    "allegation",
    "accusation",
    "rumor",
    "rumour",
    "suspicion",
    "report",
    "charge",
];
const SPEECH: &[&str] = &[
    "say",
    "tell",
    "announce",
    "state",
    "confirm",
    "add",
    "report",
    "note",
    "write",
    "declare",
    "warn",
    "insist",
    "explain",
    "stress",
    "tweet",
    "acknowledge",
    "admit",
    "reveal",
    "disclose",
    "argue",
    "think",
    "deny",
    "claim",
    "allege",
    "accuse",
];
const HYPOTHETICAL_GOVERNORS: &[&str] = &[
    "consider",
    "mull",
    "weigh",
    "contemplate",
    "debate",
    "discuss",
    "seek",
    "try",
    "attempt",
];
const ALLEGE_ADVERBS: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "supposedly",
    "apparently",
    "seemingly",
    "ostensibly",
    "presumably",
];
const NEGATIVE_WORDS: &[&str] = &["not", "n't", "never", "no", "nt"];
const NEGATIVE_SUBJECTS: &[&str] = &["none", "nobody", "nothing", "noone", "neither"];

fn modal_of(lemma: &str) -> Option<Modality> {
    Some(match lemma {
        "should" | "must" | "ought" | "shall've" => Modality::Advocated,
        "will" | "shall" | "'ll" | "wo" => Modality::Future,
        "would" | "could" | "might" | "may" | "can" | "'d" | "ca" => Modality::Hypothetical,
        _ => return None,
    })
}

/// Cues on one clause or noun `i`: its modal auxiliaries, negation,
/// hedging adverbs, `if`/`unless`/`without` markers, negative subjects.
fn own_level(s: &Sentence<'_>, i: usize) -> Option<(Modality, usize, usize)> {
    let mut modal: Option<(Modality, usize)> = None;
    let mut neg: Option<usize> = None;
    for c in s.children(i) {
        let rel = s.rel(c);
        let lemma = s.lemma(c);
        let lower = s.lower(c);
        match rel {
            "aux" => {
                if let Some(m) = modal_of(&lemma).or_else(|| modal_of(&lower)) {
                    modal.get_or_insert((m, c));
                }
            }
            "advmod" | "neg" | "det" if NEGATIVE_WORDS.contains(&lower.as_str()) => {
                neg.get_or_insert(c);
            }
            "advmod" if ALLEGE_ADVERBS.contains(&lower.as_str()) => {
                return Some((Modality::Alleged, c, c))
            }
            "mark" if matches!(lower.as_str(), "if" | "unless" | "whether" | "lest") => {
                return Some((Modality::Hypothetical, c, c))
            }
            "mark" if lower == "without" => return Some((Modality::Negated, c, c)),
            "nsubj" | "obj" => {
                let negative_det = s.children_rel(c, "det").any(|d| s.lower(d) == "no");
                if NEGATIVE_SUBJECTS.contains(&lower.as_str()) || (negative_det && rel == "nsubj") {
                    neg.get_or_insert(c);
                }
            }
            _ => {}
        }
    }
    // "no longer": `longer` with `no`.
    if let Some((m, c)) = modal {
        return Some((m, c, neg.map_or(c, |n| n.max(c))));
    }
    if let Some(n) = neg {
        // Include a preceding do/have auxiliary in the cue ("did not").
        let start = s
            .children_rel(i, "aux")
            .filter(|&a| a < n)
            .min()
            .unwrap_or(n);
        return Some((Modality::Negated, start, n));
    }
    None
}

/// What a governor `g` (verb or noun) does to a complement below it.
fn governed(s: &Sentence<'_>, g: usize) -> Option<Modality> {
    let lemma = s.lemma(g);
    let l = lemma.as_str();
    let passive = s
        .children(g)
        .any(|c| s.deprel(c) == "nsubj:pass" || s.deprel(c) == "aux:pass");
    let noun = matches!(s.tokens.get(g).map(|t| t.upos), Some("NOUN" | "PROPN"));
    if noun {
        if ADVOCATE_NOUNS.contains(&l) {
            return Some(Modality::Advocated);
        }
        if FUTURE_NOUNS.contains(&l) {
            return Some(Modality::Future);
        }
        if ALLEGE_NOUNS.contains(&l) {
            return Some(Modality::Alleged);
        }
        return None;
    }
    // "is said to", "is believed to", "is reported to": hedged.
    if passive
        && matches!(
            l,
            "say" | "believe" | "report" | "think" | "understand" | "rumor" | "rumour"
        )
    {
        return Some(Modality::Alleged);
    }
    if passive && matches!(l, "expect" | "set" | "schedule" | "slate" | "poise") {
        return Some(Modality::Future);
    }
    if ADVOCATE.contains(&l) {
        // "have to"/"need to" only with `to` infinitives; `want` is an
        // advocacy of the wanted act.
        return Some(Modality::Advocated);
    }
    if NEGATORS.contains(&l) {
        return Some(Modality::Negated);
    }
    if FUTURE.contains(&l) {
        return Some(Modality::Future);
    }
    if ALLEGE.contains(&l) {
        return Some(Modality::Alleged);
    }
    if HYPOTHETICAL_GOVERNORS.contains(&l) {
        return Some(Modality::Hypothetical);
    }
    if matches!(l, "likely" | "possible" | "unlikely" | "probable") {
        return Some(Modality::Hypothetical);
    }
    None
}

/// The subject of a clause, for attribution.
fn subject(s: &Sentence<'_>, g: usize) -> Option<usize> {
    s.children(g).find(|&c| s.deprel(c) == "nsubj")
}

/// Attribution by "according to X" on clause `i`.
fn according_to(s: &Sentence<'_>, i: usize) -> Option<usize> {
    s.children(i)
        .find(|&c| s.rel(c) == "obl" && s.case_of(c).is_some_and(|k| k.starts_with("according")))
}

/// Modality of predicate token `p` (a verb, or a noun naming an event).
pub fn read(s: &Sentence<'_>, p: usize) -> Reading {
    let mut attributed_to: Option<usize> = None;
    let mut found: Option<(Modality, usize, usize)> = None;
    let mut cur = p;
    for _ in 0..12 {
        // Speech verbs in parataxis ("..., officials said") attribute.
        if attributed_to.is_none() {
            attributed_to = according_to(s, cur).or_else(|| {
                s.children_rel(cur, "parataxis")
                    .find(|&c| SPEECH.contains(&s.lemma(c).as_str()))
                    .and_then(|c| subject(s, c))
            });
        }
        if found.is_none() {
            found = own_level(s, cur);
        }
        let Some(mut g) = s.head(cur) else { break };
        let mut rel = s.rel(cur);
        // "said Israeli drones attacked", "accused Baku of helping": a
        // clause parsed as modifying the reporting verb's object belongs
        // to the reporting verb.
        if rel == "acl" && s.rel(g) == "obj" {
            if let Some(v) = s.head(g) {
                let l = s.lemma(v);
                if SPEECH.contains(&l.as_str()) || ALLEGE.contains(&l.as_str()) {
                    g = v;
                    rel = "ccomp";
                }
            }
        }
        let clause = matches!(rel, "xcomp" | "ccomp" | "csubj" | "advcl" | "acl");
        if clause {
            // Temporal or causal adverbial clauses stand on their own.
            if rel == "advcl" {
                let mark = s.children_rel(cur, "mark").map(|m| s.lower(m)).next();
                if mark
                    .as_deref()
                    .is_some_and(|m| !matches!(m, "of" | "to" | "for" | "from" | "into" | "on"))
                {
                    break;
                }
            }
            let glemma = s.lemma(g);
            if SPEECH.contains(&glemma.as_str()) && attributed_to.is_none() {
                attributed_to = subject(s, g);
            }
            if found.is_none() {
                if let Some(m) = governed(s, g) {
                    // "accused Baku of helping": the accuser claims it.
                    if m == Modality::Alleged && attributed_to.is_none() {
                        attributed_to = subject(s, g);
                    }
                    found = Some((m, g, g));
                }
            }
        } else if !matches!(rel, "conj" | "obj" | "obl" | "nsubj" | "nmod" | "xcomp") {
            break;
        }
        // A noun's "for": "called for sanctions" advocates them.
        if found.is_none()
            && rel == "obl"
            && s.case_of(cur).as_deref() == Some("for")
            && s.lemma(g) == "call"
        {
            found = Some((Modality::Advocated, g, g));
        }
        cur = g;
    }
    // A direct question: "Will Iran retaliate?"
    if found.is_none() && s.tokens.last().is_some_and(|t| t.text == "?") {
        let q = s.len() - 1;
        found = Some((Modality::Hypothetical, q, q));
    }
    match found {
        Some((m, a, b)) => Reading {
            modality: m,
            cue: Some((a.min(b), a.max(b))),
            attributed_to,
        },
        None => Reading {
            modality: Modality::Asserted,
            cue: None,
            attributed_to,
        },
    }
}
