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
    "order",
    "instruct",
    "direct",
    "command",
];
/// Verbs that advocate only with an object and a `to` infinitive ("warned
/// Baku to stop", "told Israel to allow"); with a `that` clause they report.
const ADVOCATE_XCOMP: &[&str] = &[
    "warn",
    "tell",
    "remind",
    "invite",
    "challenge",
    "pressure",
    "persuade",
];
/// Predicates that judge an act due: "are right to recognize", "would be
/// justified in closing", "sanctions are long overdue".
const ADVOCATE_ADJECTIVES: &[&str] = &[
    "right",
    "justified",
    "overdue",
    "necessary",
    "needed",
    "essential",
    "imperative",
    "vital",
    "urgent",
    "important",
    "obliged",
    "free",
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
    "proposal",
    "recommendation",
    "motion",
    "petition",
    "resolution",
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
    "offer",
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

/// Cues on one clause or noun `i`: its modal auxiliaries (with negation:
/// "will not" denies, "should not" still advocates, "could not" stays
/// hypothetical), negation, hedging adverbs, `if`/`unless`/`without`
/// markers, inverted conditionals ("Had Iran recalled ..."), negative
/// subjects ("none", "no one").
fn own_level(s: &Sentence<'_>, i: usize) -> Option<(Modality, usize, usize)> {
    let mut modal: Option<(Modality, usize)> = None;
    let mut perfect = false;
    let mut neg: Option<usize> = None;
    for c in s.children(i) {
        let rel = s.rel(c);
        let lemma = s.lemma(c);
        let lower = s.lower(c);
        match rel {
            // "Should talks collapse, Israel could act": an inverted
            // condition, wherever the parser hung its "Should".
            "aux" if c == 0 && lower == "should" && !ends_in_question(s) => {
                return Some((Modality::Hypothetical, c, c));
            }
            "aux" => {
                if let Some(m) = modal_of(&lemma).or_else(|| modal_of(&lower)) {
                    modal.get_or_insert((m, c));
                } else if lemma == "have" && modal.is_some() {
                    perfect = true;
                }
            }
            // "did not only strike X but also ...": no denial.
            "advmod" | "neg" | "det"
                if NEGATIVE_WORDS.contains(&lower.as_str()) && s.lower(c + 1) != "only" =>
            {
                neg.get_or_insert(c);
            }
            // "Tehran neither confirmed nor denied it", "nor has he
            // bought": both verbs are denied, wherever the parser hung
            // "neither". A "nor" counts on a coordinated verb or before
            // an inverted auxiliary; elsewhere the parser may have hung
            // a noun's "nor" on a verb ("did not name the countries nor
            // the amount it was willing to supply").
            "cc" | "advmod" | "det" | "mark"
                if (lower == "neither" && c < i)
                    || (lower == "nor"
                        && rel == "cc"
                        && !is_noun(s, i)
                        && (s.rel(i) == "conj"
                            || s.tokens.get(c + 1).is_some_and(|t| t.upos == "AUX"))) =>
            {
                neg.get_or_insert(c);
            }
            // "no longer".
            "advmod" if lower == "longer" && s.children(c).any(|n| s.lower(n) == "no") => {
                neg.get_or_insert(c);
            }
            "advmod" if ALLEGE_ADVERBS.contains(&lower.as_str()) => {
                return Some((Modality::Alleged, c, c))
            }
            "mark" if matches!(lower.as_str(), "if" | "unless" | "whether" | "lest") => {
                return Some((Modality::Hypothetical, c, c))
            }
            "mark" if lower == "without" => return Some((Modality::Negated, c, c)),
            // "fired without warning".
            "case" if lower == "without" && is_noun(s, i) => {
                return Some((Modality::Negated, c, c))
            }
            // "alleged war crimes", "a suspected arson attack".
            "amod"
                if matches!(
                    lower.as_str(),
                    "alleged" | "suspected" | "purported" | "rumoured" | "rumored" | "reported"
                ) =>
            {
                return Some((Modality::Alleged, c, c))
            }
            // "a possible prisoner exchange".
            "amod"
                if matches!(
                    lemma.as_str(),
                    "possible" | "potential" | "prospective" | "hypothetical" | "eventual"
                ) =>
            {
                return Some((Modality::Hypothetical, c, c))
            }
            // "a planned rally", "the upcoming summit", "next week's
            // vote", "tomorrow's talks": an event still to come.
            "amod"
                if matches!(
                    lower.as_str(),
                    "planned" | "upcoming" | "forthcoming" | "scheduled"
                ) =>
            {
                return Some((Modality::Future, c, c))
            }
            "nmod" | "compound"
                if is_noun(s, i)
                    && (lower == "tomorrow"
                        || (matches!(lemma.as_str(), "week" | "month" | "year")
                            && s.children(c).any(|n| s.lower(n) == "next"))) =>
            {
                return Some((Modality::Future, c, c))
            }
            // The consequent of a condition: "If Israel hits ..., Tehran
            // will target ...".
            "advcl" => {
                if let Some(m) = s
                    .children_rel(c, "mark")
                    .find(|&m| matches!(s.lower(m).as_str(), "if" | "unless"))
                {
                    return Some((Modality::Hypothetical, m, m));
                }
            }
            // "according to unconfirmed reports".
            "obl"
                if s.case_of(c).is_some_and(|k| k.starts_with("according"))
                    && (UNNAMED_SOURCES.contains(&s.lemma(c).as_str())
                        || s.children(c).any(|a| {
                            matches!(
                                s.lower(a).as_str(),
                                "unconfirmed" | "unverified" | "unnamed" | "anonymous"
                            )
                        })) =>
            {
                return Some((Modality::Alleged, c, c));
            }
            // "Ukraine to sign minerals deal": a headline's infinitive,
            // read as the root with its subject, or as a clause on a root
            // noun ("Macron to host talks": no verb outside it).
            "mark"
                if lower == "to"
                    && !s.children(i).any(|x| s.rel(x) == "aux")
                    && headline_infinitive(s, i) =>
            {
                return Some((Modality::Future, c, c));
            }
            // "Neither Iran nor Iraq recalled": the cue is "Neither".
            "nsubj" if s.children(c).any(|x| s.lower(x) == "neither") => {
                let cue = s.children(c).find(|&x| s.lower(x) == "neither");
                neg.get_or_insert(cue.unwrap_or(c));
            }
            "nsubj" | "obj" => {
                let negative_det = s
                    .children_rel(c, "det")
                    .any(|d| matches!(s.lower(d).as_str(), "no" | "neither"));
                // "None of them", "no country has", "charged no one".
                if NEGATIVE_SUBJECTS.contains(&lower.as_str())
                    || (negative_det && (rel == "nsubj" || lower == "one"))
                {
                    neg.get_or_insert(c);
                }
            }
            _ => {}
        }
    }
    // "Had Iran recalled its envoy", "Were Baku to attack": an auxiliary
    // opening an adverbial clause before its subject.
    if s.rel(i) == "advcl" {
        let first = s.subtree_span(i).0;
        let opener = s
            .children(i)
            .find(|&c| c == first && matches!(s.rel(c), "aux" | "cop"));
        let subject_after = s.children(i).any(|c| s.rel(c) == "nsubj" && c > first);
        if let Some(o) = opener {
            if subject_after && matches!(s.lower(o).as_str(), "had" | "were" | "should") {
                return Some((Modality::Hypothetical, o, o));
            }
        }
    }
    if let Some((m, c)) = modal {
        let m = match (m, neg.is_some(), perfect) {
            // "may have been hit": a hedge about the past; "could have
            // killed": a counterfactual; "should have": advocacy.
            (_, _, true) if matches!(s.lemma(c).as_str(), "may" | "might") => Modality::Alleged,
            (Modality::Future, true, _) => Modality::Negated,
            (Modality::Hypothetical, true, _) if s.lemma(c) == "would" => Modality::Negated,
            (m, _, _) => m,
        };
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
    if is_noun(s, g) {
        // "no indication that", "no plans to", "no evidence that".
        let denied = s
            .children_rel(g, "det")
            .any(|d| matches!(s.lower(d).as_str(), "no" | "neither"));
        let about_an_act = ADVOCATE_NOUNS.contains(&l)
            || FUTURE_NOUNS.contains(&l)
            || ALLEGE_NOUNS.contains(&l)
            || matches!(l, "evidence" | "sign" | "proof");
        if denied && about_an_act {
            return Some(Modality::Negated);
        }
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
    if s.tokens.get(g).is_some_and(|t| t.upos == "ADJ") && ADVOCATE_ADJECTIVES.contains(&l) {
        return Some(Modality::Advocated);
    }
    // "did not rule out talks": left open.
    if l == "rule"
        && s.children(g).any(|c| s.lower(c) == "out")
        && s.children(g)
            .any(|c| NEGATIVE_WORDS.contains(&s.lower(c).as_str()))
    {
        return Some(Modality::Hypothetical);
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
    // "would be justified in expelling": judged due.
    if passive && l == "justify" {
        return Some(Modality::Advocated);
    }
    if passive && matches!(l, "expect" | "set" | "schedule" | "slate" | "poise") {
        return Some(Modality::Future);
    }
    // "called for talks", "called on Iran to", "called Iran to account"
    // ask; "called the expulsion a hostile act" names, "called a
    // meeting" convenes.
    if l == "call" {
        let asks = s.children(g).any(|c| {
            (s.rel(c) == "obl" && matches!(s.case_of(c).as_deref(), Some("for" | "on" | "upon")))
                || (matches!(s.rel(c), "xcomp" | "advcl")
                    && s.children_rel(c, "mark").any(|m| s.lower(m) == "to"))
                || matches!(s.lower(c).as_str(), "for" | "on" | "upon")
        });
        if !asks {
            return None;
        }
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
    // "appear to have agreed": a hedge.
    if matches!(l, "appear" | "seem") {
        return Some(Modality::Alleged);
    }
    if matches!(l, "likely" | "possible" | "unlikely" | "probable") {
        return Some(Modality::Hypothetical);
    }
    None
}

/// The subject of a clause, for attribution; a conjunct without one
/// shares its first conjunct's ("China did not condemn X but called for
/// talks"), a participle its clause's ("protesters marched, demanding
/// the resignation"). A report closing the sentence with no subject in
/// the parse ("..., its military spokesman said." with the spokesman hung
/// elsewhere) takes the noun right before it.
fn subject(s: &Sentence<'_>, g: usize) -> Option<usize> {
    let mut v = g;
    for _ in 0..8 {
        if let Some(c) = s.subject(v, 0) {
            return Some(c);
        }
        if v == g && is_speech(s, g) {
            let before = g.checked_sub(1).filter(|&b| is_noun(s, b));
            let closing = (g + 1..s.len()).all(|k| {
                s.tokens.get(k).is_some_and(|t| {
                    t.upos == "PUNCT" || matches!(s.rel(k), "obl" | "case" | "det" | "nmod")
                })
            });
            let after_comma = before.is_some_and(|b| comma_in(s, b.saturating_sub(5)..b));
            if let Some(b) = before.filter(|_| closing && after_comma) {
                // The head of that phrase: "the secretary of state", not
                // "state".
                let comma = (b.saturating_sub(5)..b).rev().find(|&k| s.lower(k) == ",");
                let mut top = b;
                while let Some(h) = s.head(top) {
                    let inside = comma.is_some_and(|c| c < h) && h < g && is_noun(s, h);
                    if !inside || !matches!(s.rel(top), "nmod" | "compound" | "flat") {
                        break;
                    }
                    top = h;
                }
                return Some(top);
            }
        }
        let participle = s.rel(v) == "advcl" && s.tokens.get(v).is_some_and(|t| t.xpos == "VBG");
        if s.rel(v) != "conj" && !participle {
            return None;
        }
        v = s.head(v)?;
    }
    None
}

/// Attribution by "according to X" on clause `i`.
fn according_to(s: &Sentence<'_>, i: usize) -> Option<usize> {
    s.children(i)
        .find(|&c| s.rel(c) == "obl" && s.case_of(c).is_some_and(|k| k.starts_with("according")))
}

/// Verbs whose object noun is the event they carry out ("launched
/// strikes", "imposed sanctions"): the noun shares the verb's modality.
pub(crate) const LIGHT: &[&str] = &[
    "launch",
    "carry",
    "conduct",
    "stage",
    "impose",
    "hold",
    "sign",
    "make",
    "issue",
    "lodge",
    "mount",
    "wage",
    "begin",
    "start",
    "continue",
    "resume",
    "order",
    "announce",
    "deliver",
    "provide",
    "send",
    "offer",
    "extend",
    "pay",
    "give",
    "take",
    "file",
    "reach",
    "seek",
    "join",
    "step",
    "escalate",
    "intensify",
    "stop",
    "halt",
    "end",
    "suspend",
    "cancel",
    "postpone",
    "lift",
    "ease",
    "call",
    "demand",
    "urge",
    "plan",
    "threaten",
    "approve",
    "authorize",
    "reject",
    "refuse",
    "deny",
    "propose",
    "agree",
    "allow",
    "permit",
    "block",
    "avoid",
];

/// Verbs whose definite object is an event already under way: "join the
/// invasion", "halt their attacks", "lift the blockade".
const PRESUPPOSING: &[&str] = &[
    "join",
    "step",
    "escalate",
    "intensify",
    "stop",
    "halt",
    "end",
    "suspend",
    "lift",
    "ease",
    "continue",
    "resume",
    "extend",
    "expand",
    "condemn",
    "denounce",
    "criticize",
    "criticise",
    "investigate",
    "survive",
    "avenge",
    "mourn",
    "protest",
];
/// Verbs that only say an event takes place: their subject shares their
/// modality ("talks could begin", "Iran's response will come").
const OCCURRENCE: &[&str] = &[
    "come",
    "happen",
    "occur",
    "take",
    "begin",
    "start",
    "resume",
    "continue",
    "proceed",
    "go",
    "erupt",
    "break",
    "unfold",
    "materialize",
    "materialise",
    "loom",
    "follow",
    "be",
];
/// Sources that "according to" leaves unnamed: "according to sources
/// close to the talks", "according to people familiar with".
const UNNAMED_SOURCES: &[&str] = &["source", "people", "person", "insider", "someone"];
/// Words that open a clause of time, reason or concession.
const SUBORDINATORS: &[&str] = &[
    "after", "before", "since", "when", "while", "because", "as", "until", "although", "though",
    "once", "whereas",
];

fn is_noun(s: &Sentence<'_>, i: usize) -> bool {
    s.tokens
        .get(i)
        .is_some_and(|t| matches!(t.upos, "NOUN" | "PROPN"))
}

fn ends_in_question(s: &Sentence<'_>) -> bool {
    s.tokens.last().is_some_and(|t| t.text == "?")
}

/// Whether a comma stands among tokens `range`.
fn comma_in(s: &Sentence<'_>, range: std::ops::Range<usize>) -> bool {
    range
        .into_iter()
        .any(|k| s.tokens.get(k).is_some_and(|t| t.text == ","))
}

/// Whether clause `v` opens with a subordinator ("after", "because"),
/// also where the parser took it for a preposition on a noun before the
/// verb ("before the militia attacked": "before" on "militia").
fn subordinated(s: &Sentence<'_>, v: usize) -> bool {
    let first = s.subtree_span(v).0;
    if SUBORDINATORS.contains(&s.lower(first).as_str()) {
        return true;
    }
    let nominal = |m: usize| {
        s.tokens
            .get(m)
            .is_some_and(|t| matches!(t.upos, "DET" | "ADJ" | "NOUN" | "PROPN" | "PRON" | "NUM"))
    };
    (v.saturating_sub(5)..first).rev().any(|k| {
        SUBORDINATORS.contains(&s.lower(k).as_str()) && (k + 1..first).all(nominal) && k + 1 < first
    })
}

/// A definite event noun `n` that its governor `g` presupposes: "join
/// the invasion", "stop the fighting", "Israel's strikes did not hit",
/// "retaliate for the killing". Not "the talks will be held" (the verb
/// only says it happens) nor "called for the expulsion" (what is asked).
fn taken_for_granted(s: &Sentence<'_>, n: usize, g: usize) -> bool {
    if !is_noun(s, n) || !definite(s, n) {
        return false;
    }
    let lemma = s.lemma(g);
    let gl = lemma.as_str();
    match s.rel(n) {
        "obj" => PRESUPPOSING.contains(&gl),
        "nsubj" => {
            let happens =
                OCCURRENCE.contains(&gl) || (s.deprel(n) == "nsubj:pass" && LIGHT.contains(&gl));
            !happens
        }
        "obl" | "nmod" => governed(s, g).is_none() && !ADVOCATE.contains(&gl),
        _ => false,
    }
}

/// A noun marked as known: "the", a demonstrative or a possessor.
fn definite(s: &Sentence<'_>, n: usize) -> bool {
    s.children(n).any(|c| {
        (s.rel(c) == "det"
            && matches!(
                s.lower(c).as_str(),
                "the" | "this" | "that" | "these" | "those"
            ))
            || s.deprel(c) == "nmod:poss"
    })
}

/// A clause with tense of its own ("it did not strike", "forces had
/// prevented", "Israel struck"), not a bare subjunctive ("that Israel
/// withdraw").
fn indicative(s: &Sentence<'_>, v: usize) -> bool {
    let finite = |i: usize| {
        s.tokens
            .get(i)
            .is_some_and(|t| matches!(t.xpos, "VBD" | "VBZ"))
    };
    finite(v)
        || s.children(v).any(|c| {
            matches!(s.rel(c), "aux" | "cop")
                && (finite(c) || matches!(s.lower(c).as_str(), "will" | "would" | "'ll"))
        })
}

/// Order of precedence when cues stack: the guide's rule.
fn rank(m: Modality) -> u8 {
    match m {
        Modality::Hypothetical => 0,
        Modality::Advocated => 1,
        Modality::Alleged => 2,
        Modality::Negated => 3,
        Modality::Future => 4,
        Modality::Asserted => 5,
    }
}

/// Whether `v` is a verb of speech ("say", "tell", "add", ...).
pub(crate) fn is_speech(s: &Sentence<'_>, v: usize) -> bool {
    SPEECH.contains(&s.lemma(v).as_str())
}

/// Whether verb `v` reports speech here: a speech verb with a clause
/// ("added that talks would resume") or closing its report ("..., he
/// added").
pub(crate) fn reports(s: &Sentence<'_>, v: usize) -> bool {
    // `He added, "..."`, `but added:`.
    let quote_follows = matches!(s.lower(v + 1).as_str(), ":" | ",")
        && (v + 2 >= s.len() || matches!(s.lower(v + 2).as_str(), "\"" | "“" | "'"));
    is_speech(s, v)
        && (s
            .children(v)
            .any(|c| matches!(s.rel(c), "ccomp" | "parataxis"))
            || quote_follows
            || trailing_report(s, v)
            || closing_report(s, v))
}

/// A report closing the sentence after a comma, however it was parsed:
/// "..., a senior diplomat suggested.", "..., officials said in a
/// statement." Nothing but its own phrases follows it, its subject (or
/// the noun before it) comes after the comma.
fn closing_report(s: &Sentence<'_>, v: usize) -> bool {
    let rest_is_its_own = (v + 1..s.len())
        .all(|k| s.tokens.get(k).is_some_and(|t| t.upos == "PUNCT") || s.dominated_by(k, v));
    let start = subject(s, v).map_or(v, |a| s.subtree_span(a).0.min(a));
    // `..., officials said` or `"...," it added`.
    let is = |k: usize, texts: &[&str]| s.tokens.get(k).is_some_and(|t| texts.contains(&t.text));
    // (The parser may hang the comma on the subject itself, or split the
    // subject's phrase: ", the secretary of state announced." with
    // "state" as the subject found.)
    let in_phrase = |k: usize| {
        s.tokens
            .get(k)
            .is_some_and(|t| matches!(t.upos, "DET" | "ADJ" | "NOUN" | "PROPN" | "ADP" | "NUM"))
    };
    let own_subject = s.children(v).any(|c| s.rel(c) == "nsubj");
    let phrase_start = (start.saturating_sub(6)..start)
        .rev()
        .find(|&k| !in_phrase(k))
        .map_or(start, |k| k + 1);
    let phrase_start = if own_subject { start } else { phrase_start };
    let comma_before = [start, phrase_start].into_iter().any(|start| {
        is(start, &[","])
            || start.checked_sub(1).is_some_and(|k| {
                is(k, &[","]) || (is(k, &["\"", "”", "'"]) && k >= 1 && is(k - 1, &[","]))
            })
    });
    rest_is_its_own && comma_before && start < v
}

/// A reporting clause after its report: "..., officials said", parsed as
/// a conjunct or complement of the reported clause. It follows its head,
/// has its own subject, and a comma comes between.
fn trailing_report(s: &Sentence<'_>, c: usize) -> bool {
    let Some(h) = s.head(c) else { return false };
    if c < h || !matches!(s.rel(c), "conj" | "ccomp" | "parataxis" | "advcl") {
        return false;
    }
    let Some(subj) = s.children(c).find(|&x| s.rel(x) == "nsubj") else {
        return false;
    };
    // The comma may hang on the subject: look between the head and the
    // reporting verb, with the subject after the head.
    subj > h && comma_in(s, h..c)
}

/// "said Israeli drones attacked", "accused Baku of helping": a clause
/// the parser hung on a reporting verb's object belongs to the reporting
/// verb, which this returns.
fn report_behind_object(s: &Sentence<'_>, clause: usize) -> Option<usize> {
    if s.rel(clause) != "acl" {
        return None;
    }
    let object = s.head(clause).filter(|&o| s.rel(o) == "obj")?;
    let verb = s.head(object)?;
    let l = s.lemma(verb);
    (SPEECH.contains(&l.as_str()) || ALLEGE.contains(&l.as_str())).then_some(verb)
}

/// The one a `to` clause was hung on, when that is someone a verb
/// addresses (its object, indirect object or "to"/"on" phrase):
/// "ordered the ambassador to leave", "appealed to the world to release".
fn addressee_of(s: &Sentence<'_>, clause: usize) -> Option<usize> {
    if s.rel(clause) != "acl" || !s.children_rel(clause, "mark").any(|m| s.lower(m) == "to") {
        return None;
    }
    s.head(clause).filter(|&o| match s.rel(o) {
        "obj" | "iobj" => true,
        "obl" => matches!(s.case_of(o).as_deref(), Some("to" | "on" | "upon")),
        _ => false,
    })
}

/// "appealed to the world to release", "called on the army to stop": a
/// `to` clause the parser hung on the one a verb of asking addresses
/// (its object or its "to"/"on" phrase) is what the verb asks for; this
/// returns the verb.
fn demand_behind_addressee(s: &Sentence<'_>, clause: usize) -> Option<usize> {
    let verb = s.head(addressee_of(s, clause)?)?;
    let l = s.lemma(verb);
    (ADVOCATE.contains(&l.as_str()) || ADVOCATE_XCOMP.contains(&l.as_str())).then_some(verb)
}

/// Verbs of thinking, fearing and guessing whose subject is the source of
/// what they introduce ("Ukrainian commanders fear", "experts suggested").
const BELIEF: &[&str] = &[
    "fear",
    "think",
    "expect",
    "speculate",
    "predict",
    "estimate",
    "worry",
    "suppose",
    "assume",
    "doubt",
    "recommend",
    "hope",
    "conclude",
    "find",
    "assess",
];
/// Verbs whose "against" clause is urged not to happen ("warned Israel
/// against striking").
const WARNING_AGAINST: &[&str] = &["warn", "caution", "advise", "urge", "counsel", "lobby"];
/// Verbs whose "against" clause will not happen ("decided against
/// sending troops").
const DECIDING_AGAINST: &[&str] = &["decide", "vote", "opt", "choose", "rule"];

/// Commitments whose subject is the source of the act promised ("vowed
/// to deport", "threatened to strike", "offered to mediate").
const COMMISSIVE: &[&str] = &["vow", "threaten", "pledge", "promise", "offer", "swear"];

/// Whether a verb's subject is the source of what the verb introduces.
/// "need", "have" and "require" state a necessity, not a speaker's.
fn attributes(lemma: &str) -> bool {
    let necessity = matches!(
        lemma,
        "need" | "have" | "require" | "compel" | "oblige" | "obligate"
    );
    !necessity
        && (SPEECH.contains(&lemma)
            || ALLEGE.contains(&lemma)
            || ADVOCATE.contains(&lemma)
            || ADVOCATE_XCOMP.contains(&lemma)
            || BELIEF.contains(&lemma)
            || COMMISSIVE.contains(&lemma))
}

/// A report that follows what it reports ("..., Ankara warned"): an
/// attributing verb with a subject and no complement, object, subordinator
/// or coordinator of its own ("..., but Riyadh says they will" reports its
/// own clause).
fn trailing_speaker(s: &Sentence<'_>, c: usize) -> Option<usize> {
    let own = s.children(c).any(|x| {
        matches!(s.rel(x), "ccomp" | "xcomp" | "obj" | "mark" | "cc")
            || matches!(s.deprel(x), "mark" | "cc")
    });
    let trailing = s.rel(c) == "parataxis" || trailing_report(s, c);
    if own || !trailing || !attributes(&s.lemma(c)) {
        return None;
    }
    subject(s, c)
}

/// The source that closes the whole sentence, however the parser hung
/// it: "..., according to the general staff." or "..., the secretary of
/// state announced." A verb before that closing comma is the source's
/// report; an event noun is not (it may be taken for granted).
fn closing_source(s: &Sentence<'_>, p: usize) -> Option<usize> {
    if is_noun(s, p) {
        return None;
    }
    let end = (0..s.len())
        .rev()
        .find(|&k| s.tokens.get(k).is_some_and(|t| t.upos != "PUNCT"))?;
    let is = |k: usize, w: &str| s.lower(k) == w;
    // "..., according to X.": the phrase runs from the comma to the end.
    let according =
        (1..end).find(|&k| is(k, "according") && is(k + 1, "to") && is(k - 1, ",") && k > p);
    if let Some(k) = according {
        let noun = (k + 2..=end).find(|&n| s.head(n).is_some_and(|h| h < k + 2 || h > end))?;
        return named_source(s, noun);
    }
    // "..., the secretary of state announced.": a closing report of
    // speech, claim or belief with its own subject after the comma, and
    // nothing reported after it ("..., the ministry said foreign
    // services had tried" reports what follows; "..., and aid groups
    // urged an inquiry" is a clause of its own; "told state television"
    // names only whom it told).
    let v = (p + 1..=end).rev().find(|&v| {
        let l = s.lemma(v);
        // ("critics pointed out")
        let points_out = l == "point" && s.children(v).any(|c| s.lower(c) == "out");
        let reporting = SPEECH.contains(&l.as_str())
            || ALLEGE.contains(&l.as_str())
            || BELIEF.contains(&l.as_str())
            || points_out;
        let own = s.children(v).any(|c| {
            matches!(s.rel(c), "ccomp" | "xcomp" | "cc" | "mark")
                || (matches!(s.rel(c), "obj" | "iobj") && l != "tell")
        });
        // A relative clause after a comma needs its pronoun: ", officials
        // confirmed." hung on the noun before it is still the closing
        // report (the pronoun is checked below).
        let relative_clause = s.deprel(v) == "acl:relcl";
        s.tokens.get(v).is_some_and(|t| t.upos == "VERB")
            && reporting
            && !own
            && (s.rel(v) != "acl" || relative_clause)
            && closing_report(s, v)
    })?;
    let relative = |a: usize| matches!(s.lower(a).as_str(), "which" | "who" | "that" | "whose");
    let speaker = subject(s, v).filter(|&a| a > p && a < v && !relative(a))?;
    comma_in(s, p..speaker).then_some(())?;
    named_source(s, speaker)
}

/// "Sources indicate", "according to unconfirmed reports": an unnamed
/// source names no one.
fn named_source(s: &Sentence<'_>, a: usize) -> Option<usize> {
    // "people familiar with the talks", "a person close to him".
    let unnamed = matches!(
        s.lemma(a).as_str(),
        "source" | "report" | "rumor" | "rumour" | "people" | "person"
    ) && !s.children(a).any(|c| {
        matches!(s.rel(c), "compound" | "nmod:poss" | "nmod" | "amod")
            && s.tokens.get(c).is_some_and(|t| t.upos == "PROPN")
    });
    (!unnamed).then_some(a)
}

/// The source whose speech, claim, belief, fear, demand or promise
/// introduces predicate `p`: the subject of the nearest such verb that
/// has `p` in its complement ("Yerevan urged Moscow to reopen", "Trump
/// said he called off the strikes because they could have killed"), a
/// trailing report ("..., Ankara warned") or "according to X". A verb's
/// own adverbial clauses ("said, after meeting Putin") and its sibling
/// conjuncts are not in its complement; an agentless passive ("was urged
/// to") names no one, and the walk goes on above it. An event noun is
/// attributed only as the direct object of the report ("demanded the
/// resignation") or as a clause's subject; one inside another phrase
/// ("the killings in Bucha") is taken for granted.
fn attribution(s: &Sentence<'_>, p: usize) -> Option<usize> {
    let noun = is_noun(s, p);
    let mut cur = p;
    let mut prev: Option<usize> = None;
    // Steps up the tree other than from a conjunct to the one before it:
    // "called for new elections and the release of prisoners" reads the
    // release as the elections are read.
    let mut step = 0;
    for _ in 0..16 {
        let trailing = s
            .children(cur)
            .filter(|&c| Some(c) != prev)
            .find_map(|c| trailing_speaker(s, c));
        if let Some(a) = according_to(s, cur).or(trailing) {
            return named_source(s, a);
        }
        let (g, rel) = match report_behind_object(s, cur) {
            Some(v) => (v, "ccomp"),
            None => (s.head(cur)?, s.rel(cur)),
        };
        // "ordered the ambassador to leave", "appealed to the world to
        // release" with "to ..." hung on the one addressed: the verb's
        // complement all the same (not through an indirect object here).
        let addressed = addressee_of(s, cur)
            .filter(|&o| o == g && rel == "acl" && s.rel(o) != "iobj")
            .and_then(|o| s.head(o));
        let (g, rel) = match addressed {
            Some(v) => (v, "xcomp"),
            None => (g, rel),
        };
        let gl = s.lemma(g);
        // "claimed the attacks", "claimed responsibility for the crash":
        // taking responsibility, not a claim that it happened.
        let responsibility = gl == "claim"
            && (rel == "obj"
                || s.children(g).any(|c| {
                    s.rel(c) == "obj" && matches!(s.lemma(c).as_str(), "responsibility" | "credit")
                }));
        let complement = match rel {
            // Not "demanded a vote after police killed a student", however
            // the parser hung "killed".
            "ccomp" | "xcomp"
                if s.children_rel(cur, "mark").next().is_none() && subordinated(s, cur) =>
            {
                false
            }
            "ccomp" | "xcomp" | "csubj" => true,
            // "demanded the resignation", "denied any involvement".
            "obj" => noun && step == 0,
            // "called for the withdrawal", "accused Baku of involvement".
            "obl" | "nmod" => {
                noun && step == 0 && matches!(s.case_of(cur).as_deref(), Some("for" | "of"))
            }
            // "urged Bree on Monday to help", "accused Baku of helping";
            // "Jets struck Gaza, the army said" where the parser made the
            // report's clause an unmarked adverbial ahead of it.
            "advcl" => {
                let mut marks = s
                    .children(cur)
                    .filter(|&m| matches!(s.deprel(m), "mark" | "case"))
                    .peekable();
                let unmarked_ahead = marks.peek().is_none()
                    && cur < g
                    && SPEECH.contains(&gl.as_str())
                    && comma_in(s, cur..g);
                unmarked_ahead || marks.any(|m| matches!(s.lower(m).as_str(), "to" | "of" | "that"))
            }
            _ => false,
        };
        // ("killed six militants in a raid, the military said": the raid
        // is told as the killing is.)
        let circumstance = rel == "obl"
            && matches!(s.case_of(cur).as_deref(), Some("in" | "during"))
            && s.tokens.get(g).is_some_and(|t| t.upos == "VERB");
        if step == 0
            && noun
            && !complement
            && !circumstance
            && !matches!(rel, "nsubj" | "nsubj:pass" | "conj")
        {
            return None;
        }
        // What the sentence takes for granted as the object of an act is
        // nobody's claim ("investigate the killings", "retaliate for the
        // killing"); a subject inside a report is still the speaker's
        // ("officials said the strikes had hit ...").
        if step == 0 && rel != "nsubj" && taken_for_granted(s, cur, g) {
            return None;
        }
        if complement && !responsibility && attributes(&gl) {
            if let Some(a) = subject(s, g) {
                return named_source(s, a);
            }
        }
        if !(noun && rel == "conj") {
            step += 1;
        }
        prev = Some(cur);
        cur = g;
    }
    None
}

/// Modality of predicate token `p` (a verb, or a noun naming an event):
/// every cue on the way up the tree, the strongest by the guide's order
/// (hypothetical > advocated > alleged > negated > future).
fn headline_infinitive(s: &Sentence<'_>, i: usize) -> bool {
    let subject = s.children(i).any(|x| s.rel(x) == "nsubj");
    match s.head(i) {
        None => subject,
        Some(h) if s.rel(i) == "acl" && is_noun(s, h) && s.head(h).is_none() => true,
        // A headline that closes with its source ("Ukraine to sign
        // minerals deal, officials say", no full stop): the infinitive
        // hangs on the report, or on its subject hung there. The subject
        // stands right before "to".
        Some(h) => {
            let unstopped = s
                .tokens
                .last()
                .is_some_and(|t| !matches!(t.text, "." | "!" | "?" | "\"" | "”"));
            let to = s.children_rel(i, "mark").find(|&m| s.lower(m) == "to");
            let named_before_to = to
                .and_then(|t| t.checked_sub(1))
                .is_some_and(|k| is_noun(s, k));
            let reported = |x: usize| {
                matches!(s.rel(x), "ccomp" | "parataxis")
                    || s.head(x)
                        .is_some_and(|g| g > x && is_speech(s, g) && comma_in(s, x..g))
            };
            let hung =
                (s.rel(i) == "acl" && is_noun(s, h) && reported(h)) || (reported(i) && subject);
            unstopped && named_before_to && hung
        }
    }
}

/// "It is not true that Tehran expelled ...", wherever the parser hung
/// the clause: a "that" clause right after a negated "true"/"correct"/
/// "accurate" is denied.
fn denied_truth(s: &Sentence<'_>, p: usize) -> Option<(Modality, usize, usize)> {
    let that = s.children_rel(p, "mark").find(|&m| s.lower(m) == "that")?;
    let adjective = that.checked_sub(1)?;
    let truth = matches!(s.lemma(adjective).as_str(), "true" | "correct" | "accurate");
    let negated = s
        .children(adjective)
        .any(|c| NEGATIVE_WORDS.contains(&s.lower(c).as_str()));
    (truth && negated).then_some((Modality::Negated, adjective, adjective))
}

pub fn read(s: &Sentence<'_>, p: usize) -> Reading {
    let mut cues: Vec<(Modality, usize, usize)> = Vec::new();
    cues.extend(own_level(s, p));
    cues.extend(denied_truth(s, p));
    let mut cur = p;
    let mut reached_root = false;
    // Under a reporting verb ("said it would release"): "would" there
    // stands for "will".
    let mut reported = false;
    for _ in 0..12 {
        let Some(mut g) = s.head(cur) else {
            reached_root = true;
            break;
        };
        let mut rel = s.rel(cur);
        // A trailing report ("..., a newspaper argued") stands on its own
        // whatever the parser attached it to.
        if cur == p
            && (trailing_report(s, p) || closing_report(s, p))
            && SPEECH.contains(&s.lemma(p).as_str())
        {
            break;
        }
        if let Some(v) = report_behind_object(s, cur) {
            g = v;
            rel = "ccomp";
        }
        // "appealed to the world to release", "urged Iran to stop" with
        // "to ..." hung on the one asked: the demand's complement.
        if let Some(v) = demand_behind_addressee(s, cur) {
            g = v;
            rel = "xcomp";
        }
        let glemma = s.lemma(g);
        let gl = glemma.as_str();
        let noun = is_noun(s, cur);
        match rel {
            "xcomp" | "ccomp" | "csubj" | "advcl" | "acl" => {
                // "It is not true that Tehran expelled ...": a denied
                // truth denies its clause.
                if matches!(gl, "true" | "correct" | "accurate")
                    && matches!(rel, "ccomp" | "csubj" | "advcl")
                {
                    if let Some(c) = own_level(s, g).filter(|c| c.0 == Modality::Negated) {
                        cues.push(c);
                    }
                    break;
                }
                // "demanded a transition after the army removed Bashir",
                // however the parser hung "after": a clause of time or
                // reason is outside what its governor demands or imagines.
                if matches!(rel, "advcl" | "xcomp" | "ccomp")
                    && s.children_rel(cur, "mark").next().is_none()
                    && subordinated(s, cur)
                {
                    break;
                }
                // "ordered RFI off the air, accusing it of ...", "did not
                // retaliate, choosing instead to ...": a participle after a
                // comma is a second act of the subject, outside what its
                // governor orders and what it denies. A hedge or a modal
                // still covers both ("reportedly shelled the camp, killing
                // dozens").
                let comma_participle = rel == "advcl"
                    && cur > g
                    && s.is_comma_participle(cur)
                    && s.children_rel(cur, "mark").next().is_none();
                if comma_participle {
                    cues.extend(own_level(s, g).filter(|c| c.0 != Modality::Negated));
                    cur = g;
                    continue;
                }
                // "the journalist arrested last week", "prisoners who were
                // freed": what a clause on a noun says of it is a fact of
                // its own; the content of "plans to strike", "indications
                // that ..." is not.
                if rel == "acl"
                    && governed(s, g).is_none()
                    && (s.deprel(cur) == "acl:relcl"
                        || s.tokens.get(cur).is_some_and(|t| t.xpos == "VBN"))
                {
                    break;
                }
                // "warned Washington against attacking Iran": what one is
                // warned or advised against is urged not to happen;
                // "decided against sending troops": it will not.
                let against = s
                    .children(cur)
                    .find(|&m| matches!(s.rel(m), "mark" | "case") && s.lower(m) == "against")
                    .filter(|_| matches!(rel, "advcl" | "acl" | "xcomp" | "ccomp"));
                // (The parser may hang it on the one warned.)
                let warned_by = (s.rel(g) == "obj")
                    .then(|| s.head(g))
                    .flatten()
                    .is_some_and(|v| WARNING_AGAINST.contains(&s.lemma(v).as_str()));
                if let Some(a) = against {
                    if WARNING_AGAINST.contains(&gl) || warned_by {
                        cues.push((Modality::Advocated, a, a));
                        break;
                    }
                    if DECIDING_AGAINST.contains(&gl) {
                        cues.push((Modality::Negated, a, a));
                        break;
                    }
                }
                if rel == "advcl" {
                    let mark = s.children_rel(cur, "mark").map(|m| s.lower(m)).next();
                    if mark.as_deref().is_some_and(|m| {
                        !matches!(
                            m,
                            "of" | "to" | "for" | "from" | "into" | "on" | "in" | "if" | "unless"
                        )
                    }) {
                        break;
                    }
                }
                let speech = SPEECH.contains(&gl);
                if speech && rel == "ccomp" {
                    reported = true;
                }
                if rel == "xcomp" && ADVOCATE_XCOMP.contains(&gl) {
                    cues.push((Modality::Advocated, g, g));
                }
                // "insists it did not strike": a claim about what
                // happened, not a demand (that takes the bare verb: "insists
                // that Israel withdraw").
                let claims = gl == "insist" && rel == "ccomp" && indicative(s, cur);
                // "has yet to respond": not done, not a duty.
                let yet = gl == "have" && s.children(g).any(|c| s.lower(c) == "yet");
                // "has not stopped migrants from crossing", "did not
                // prevent them from firing": what an end that did not come
                // would have ended goes on.
                let unended = matches!(gl, "stop" | "halt" | "end" | "cease" | "prevent" | "block")
                    && own_level(s, g).is_some_and(|c| c.0 == Modality::Negated);
                if unended {
                    cur = g;
                    continue;
                }
                if yet {
                    cues.push((Modality::Negated, g, g));
                } else if let Some(m) = governed(s, g).filter(|_| !claims) {
                    cues.push((m, g, g));
                }
                // The governor's own cues scope over its complement, except
                // a reporting verb's ("officials did not say ..." is rare;
                // "X will happen, officials said" must not turn future) and
                // the "would" of "would be justified in", which belongs to
                // the judgement.
                // ("would be justified ... if Ukraine attacked": a
                // condition, wherever the parser hung it, keeps it.)
                let judged = (gl == "justify"
                    || (s.tokens.get(g).is_some_and(|t| t.upos == "ADJ")
                        && ADVOCATE_ADJECTIVES.contains(&gl)))
                    && !s.tokens.iter().any(|t| {
                        t.deprel == "mark"
                            && matches!(t.text.to_lowercase().as_str(), "if" | "unless")
                    });
                if !speech {
                    cues.extend(own_level(s, g).filter(|c| {
                        !(judged && matches!(s.lemma(c.1).as_str(), "would" | "will" | "could"))
                    }));
                }
            }
            "conj" => {
                // "will recall and expel": shared modals; a contrast ("did
                // not condemn but called for") or a conjunct with its own
                // subject shares nothing.
                let contrast = s
                    .children_rel(cur, "cc")
                    .any(|c| matches!(s.lower(c).as_str(), "but" | "yet" | "while"));
                if contrast || s.children(cur).any(|c| s.rel(c) == "nsubj") {
                    break;
                }
                if let Some(c) = own_level(s, g) {
                    if c.0 != Modality::Negated {
                        cues.push(c);
                    }
                }
            }
            "obj" | "nsubj" if noun => {
                // "launched strikes", "demanded the resignation": the act
                // the verb carries out; "No date has been set": a negated
                // subject. Other objects exist on their own.
                // "canceled the summit", "called off the march".
                let cancels = matches!(gl, "cancel" | "scrap" | "abandon" | "scuttle")
                    || (gl == "call" && s.children(g).any(|c| s.lower(c) == "off"));
                if rel == "obj" && cancels {
                    cues.push((Modality::Negated, g, g));
                    break;
                }
                // A definite event the sentence takes for granted keeps its
                // own label: "could join the invasion", "stop the
                // fighting", "If the ceasefire holds", "Israel's strikes
                // did not hit". It still shares its verb's when the verb
                // only says that it happens ("the talks will be held",
                // "Iran's response could come").
                if taken_for_granted(s, cur, g) {
                    break;
                }
                // "could face arrest", "risks sanctions": what may befall.
                let befalls = matches!(gl, "face" | "risk");
                if rel == "obj" && !LIGHT.contains(&gl) && !befalls && governed(s, g).is_none() {
                    break;
                }
                if rel == "obj" {
                    if let Some(m) = governed(s, g) {
                        cues.push((m, g, g));
                    }
                }
                cues.extend(own_level(s, g));
            }
            "obl" | "nmod" if noun => {
                let case = s.case_of(cur);
                // "called for talks", "a call for a truce".
                if case.as_deref() == Some("for")
                    && (ADVOCATE.contains(&gl) || ADVOCATE_NOUNS.contains(&gl))
                {
                    cues.push((Modality::Advocated, g, g));
                    cues.extend(own_level(s, g));
                }
                // "rumours of a coup", "allegations of torture".
                if matches!(case.as_deref(), Some("of" | "about"))
                    && ALLEGE_NOUNS.contains(&gl)
                    && is_noun(s, g)
                {
                    cues.push((Modality::Alleged, g, g));
                }
                // "accused Indian agents of involvement in ...", however
                // the parser hung "of": on the verb or on the one accused.
                let accusing = |v: usize| {
                    matches!(
                        s.lemma(v).as_str(),
                        "accuse" | "suspect" | "charge" | "blame"
                    )
                };
                let of_accused = s.rel(g) == "obj" && s.head(g).is_some_and(accusing);
                if case.as_deref() == Some("of") && (accusing(g) || of_accused) {
                    cues.push((Modality::Alleged, g, g));
                }
                // "in case of an attack", "in the event of renewed fire".
                if case.as_deref() == Some("of")
                    && matches!(gl, "case" | "event")
                    && s.case_of(g).as_deref() == Some("in")
                {
                    cues.push((Modality::Hypothetical, g, g));
                }
                break;
            }
            // "the ceasefire proposal", "a peace plan".
            "compound" if noun => {
                if let Some(m) = governed(s, g) {
                    cues.push((m, g, g));
                }
                break;
            }
            _ => break,
        }
        cur = g;
    }
    // An inverted condition opening the sentence ("Had Iran recalled its
    // envoy, ...", "Should talks collapse, ..."): its clause, up to the
    // first comma, is hypothetical; so is a hedge of the past in its
    // consequent ("might have been contained").
    let opener = s.tokens.first().map(|t| t.text.to_lowercase());
    let question = ends_in_question(s);
    let inverted =
        !question && matches!(opener.as_deref(), Some("had" | "were" | "should")) && s.len() > 2;
    if inverted {
        let comma = s.tokens.iter().position(|t| t.text == ",").unwrap_or(0);
        // ("Had the talks succeeded": the talks themselves took place. A
        // clause with no verb in the parse has its verb tagged a noun:
        // "Should the ceasefire collapse,", "Should the fighting spread".)
        let has_verb = (1..comma).any(|k| s.tokens.get(k).is_some_and(|t| t.upos == "VERB"));
        let granted = is_noun(s, p) && definite(s, p) && has_verb;
        if p < comma && !granted {
            cues.push((Modality::Hypothetical, 0, 0));
        } else {
            for c in cues.iter_mut() {
                if c.0 == Modality::Alleged && matches!(s.lemma(c.1).as_str(), "may" | "might") {
                    c.0 = Modality::Hypothetical;
                }
            }
        }
    }
    // "did not shake hands, let alone negotiate", "let alone a march".
    if let Some(alone) = (p.saturating_sub(3)..p).rev().find(|&k| {
        k >= 1
            && s.lower(k) == "alone"
            && s.lower(k - 1) == "let"
            && (k + 1..p).all(|m| {
                s.tokens
                    .get(m)
                    .is_some_and(|t| matches!(t.upos, "DET" | "ADJ"))
            })
    }) {
        cues.push((Modality::Negated, alone - 1, alone));
    }
    // "Israel needs to allow more aid", however the parser attached it.
    if p >= 2 && s.lower(p - 1) == "to" && matches!(s.lower(p - 2).as_str(), "need" | "needs") {
        cues.push((Modality::Advocated, p - 2, p - 1));
    }
    let conditional = inverted
        || cues.iter().any(|c| {
            c.0 == Modality::Hypothetical
                && matches!(s.lower(c.1).as_str(), "if" | "unless" | "whether")
        });
    if reported && !conditional {
        for c in cues.iter_mut() {
            if c.0 == Modality::Hypothetical && s.lemma(c.1) == "would" {
                c.0 = Modality::Future;
            }
        }
    }
    // A direct question: "Will Iran retaliate?"
    if question && reached_root && !cues.iter().any(|c| c.0 == Modality::Hypothetical) {
        let q = s.len() - 1;
        cues.push((Modality::Hypothetical, q, q));
    }
    let attributed_to = attribution(s, p).or_else(|| closing_source(s, p));
    match cues.into_iter().min_by_key(|c| rank(c.0)) {
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
