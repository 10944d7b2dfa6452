//! The `coder` stage: who did what to whom, when, and whether it happened.
//!
//! Over each parsed sentence: find predicates (verbs, multi-word verbs and
//! nouns that name events) in the lexicon's verb dictionary, match their
//! patterns against the dependency tree to pick the CAMEO code and the
//! target slot, take source and target actors from the tree (subjects,
//! objects, passives, prepositions, coordination, control, relative
//! clauses, possessives), resolve them with the lexicon at the event date,
//! and read the modality and attribution of the predicate.

pub mod contract;
mod dates;
pub mod modality;
mod parsed;
mod patterns;
pub mod sentence;

pub use modality::{Modality, Reading};
pub use parsed::{ParsedText, SentenceSpans};
pub use sentence::{Sentence, Token};

use chrono::NaiveDate;
use dyad_lexicon::{ActorKind, Convention, Lexicon, Mention, Place};
use patterns::{Compiled, Element, Item};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A document to code: its text (offsets refer to it), date and parsed
/// sentences.
pub struct DocumentInput<'a> {
    pub doc_id: &'a str,
    pub text: &'a str,
    pub date: Option<NaiveDate>,
    pub sentences: &'a [Sentence<'a>],
}

/// A byte span in the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorRef {
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The dictionary entry's name ("Masoud Pezeshkian", "Iran police").
    pub name: String,
    pub span: Span,
}

/// Where an event happened, from the gazetteer.
#[derive(Clone, Debug, Serialize)]
pub struct Location {
    pub name: String,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub span: Span,
}

/// Who an event is attributed to ("officials said ...").
#[derive(Clone, Debug, Serialize)]
pub struct Attribution {
    pub code: Option<String>,
    pub span: Span,
}

/// One coded event (byte offsets; the CLI converts them to characters).
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub event_id: String,
    pub sentence_index: usize,
    pub date: Option<NaiveDate>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub cameo: String,
    pub cameo_root: String,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub modality: Modality,
    pub modality_cue: Option<Span>,
    pub attributed_to: Option<Attribution>,
    pub trigger: Span,
    pub location: Option<Location>,
    pub sentence: Span,
    pub confidence: f32,
    /// The pattern that gave the code (for `explain`), or "" for a bare
    /// verb or noun.
    pub pattern: String,
    /// Further sentences that told the same event.
    pub evidence: Vec<Span>,
}

/// Document genre from cues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Genre {
    Report,
    Opinion,
    Analysis,
}

impl Genre {
    /// The contract's name: `report`, `opinion` or `analysis`.
    pub fn name(self) -> &'static str {
        match self {
            Genre::Report => "report",
            Genre::Opinion => "opinion",
            Genre::Analysis => "analysis",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct CodedDocument {
    pub genre: Genre,
    pub events: Vec<Event>,
}

/// A trigger word's entries: the code of the bare word and its patterns.
#[derive(Clone)]
struct Trigger {
    /// Other words of a multi-word verb ("for" in "call for").
    extra: Vec<String>,
    code: String,
    patterns: Vec<Compiled>,
}

pub struct Coder<'l> {
    lexicon: &'l Lexicon,
    verbs: HashMap<String, Vec<Trigger>>,
    /// Inflected forms (the dictionary's and the regular ones) to the
    /// verb they inflect, for lemmas the lemmatizer got wrong.
    verb_forms: HashMap<String, String>,
    nouns: HashMap<String, Vec<Trigger>>,
    synsets: HashMap<String, Vec<Vec<String>>>,
    convention: Convention,
}

/// Capitalised words after a country or capital that keep it a place or
/// an institution of it ("Gaza Strip", "Iran Air", "Ukraine Defence
/// Intelligence"), not the first name of a person.
const NAME_CONTINUATIONS: &[&str] = &[
    "city",
    "strip",
    "bank",
    "province",
    "region",
    "state",
    "states",
    "county",
    "district",
    "island",
    "islands",
    "valley",
    "coast",
    "border",
    "republic",
    "kingdom",
    "government",
    "army",
    "navy",
    "air",
    "police",
    "military",
    "forces",
    "force",
    "defence",
    "defense",
    "intelligence",
    "parliament",
    "ministry",
    "minister",
    "president",
    "prime",
    "foreign",
    "interior",
    "national",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "security",
    "special",
    "supreme",
    "state-run",
    "times",
    "daily",
    "news",
    "today",
    "international",
    "federal",
    "guard",
    "guards",
    "embassy",
];

/// Words after a person's surname that keep the person ("the Obama
/// administration", "the Trump campaign").
const PERSON_CONTINUATIONS: &[&str] = &[
    "administration",
    "cabinet",
    "campaign",
    "doctrine",
    "regime",
    "era",
    "family",
    "foundation",
    "plan",
    "team",
];

/// "Jordan Bardella", "Chad Daybell", "Nelson Mandela", "The Washington
/// Post": a one-word country or capital followed by an unknown
/// capitalised name is part of another name, not the place. So is a
/// known person's one-word name before an unknown name ("Gul Rahman" is
/// not Turkey's Abdullah Gul, "Moussa Tchangari" not Egypt's Amr Moussa).
/// Title-case headlines, where every word is capitalised, are left alone.
fn first_name(s: &Sentence<'_>, m: &Mention, mentions: &[Mention]) -> bool {
    let person = m.kind == ActorKind::Person;
    if m.end != m.start + 1
        || !(person || matches!(m.kind, ActorKind::Country | ActorKind::Capital))
    {
        return false;
    }
    let Some(next) = s.tokens.get(m.end) else {
        return false;
    };
    if person
        && (next.upos != "PROPN"
            || s.all_capitals()
            || PERSON_CONTINUATIONS.contains(&next.text.to_lowercase().as_str()))
    {
        return false;
    }
    let capitalised = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    let known = mentions.iter().any(|x| x.start <= m.end && m.end < x.end);
    let next_lower = next.text.to_lowercase();
    // "The Washington Post": a capitalised common noun mid-sentence is
    // part of a name too.
    if !matches!(next.upos, "PROPN" | "NOUN")
        || !capitalised(next.text)
        || known
        || NAME_CONTINUATIONS.contains(&next_lower.as_str())
        // Wire style: "Ukraine Monday accused Russia".
        || dates::is_calendar_name(&next_lower)
    {
        return false;
    }
    !title_case(s)
}

/// "DIAN director Juan Ricardo Ortega", "Carter-Day Industries": a known
/// person's surname after a given name that is not theirs, or joined by a
/// hyphen to another name, names someone or something else. A title
/// ("President Ortega", an actor of its own) or an honorific ("Mr.
/// Ortega") before it does not.
fn other_bearer(s: &Sentence<'_>, m: &Mention, mentions: &[Mention]) -> bool {
    const HONORIFICS: &[&str] = &[
        "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "gen", "col", "lt", "maj",
        "capt", "sgt", "adm", "rev", "prof", "sen", "rep", "gov", "pres", "sheikh", "king",
        "queen", "prince", "princess", "emir", "sultan", "madame", "monsieur", "senor", "senora",
        "herr", "frau",
    ];
    if m.kind != ActorKind::Person || m.end != m.start + 1 || s.all_capitals() {
        return false;
    }
    // "Carter-Day Industries": the start of a name joined to another.
    let joined = s.tokens.get(m.end).is_some_and(|t| t.text == "-")
        && s.tokens
            .get(m.end + 1)
            .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase));
    if joined {
        return true;
    }
    let Some(k) = m.start.checked_sub(1) else {
        return false;
    };
    let Some(prev) = s.tokens.get(k) else {
        return false;
    };
    let given = prev.upos == "PROPN"
        && prev.text.chars().next().is_some_and(char::is_uppercase)
        && prev.text.chars().skip(1).any(char::is_lowercase);
    let titled = mentions.iter().any(|x| x.start <= k && k < x.end);
    let lower = prev.text.trim_end_matches('.').to_lowercase();
    let own = m
        .name
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case(prev.text));
    given && !titled && !own && !HONORIFICS.contains(&lower.as_str())
}

/// "will meet French President Emmanuel Macron in Paris, Netanyahu's
/// office said" with "French" the verb's complement and "Emmanuel" the
/// subject of "said": a name the lexicon knows as one actor but the parser
/// split between two clauses is one phrase, where its first word hangs;
/// the other pieces hang on that word. A first word hung by a relation a
/// name cannot have (`xcomp`, `amod`, ...) after a verb is its object.
/// `None` when no name was split (the usual case: no copy).
fn join_split_names<'a>(s: &Sentence<'a>, mentions: &[Mention]) -> Option<Sentence<'a>> {
    const NOMINAL: &[&str] = &[
        "nsubj",
        "obj",
        "iobj",
        "obl",
        "nmod",
        "appos",
        "conj",
        "compound",
        "flat",
        "list",
        "parataxis",
        "dislocated",
        "vocative",
        "orphan",
        "root",
        "csubj",
        "expl",
    ];
    let mut tokens: Option<Vec<Token<'a>>> = None;
    for m in mentions
        .iter()
        .filter(|m| m.end >= m.start + 2 && m.end <= s.len())
    {
        let inside = |h: Option<usize>| h.is_some_and(|h| (m.start..m.end).contains(&h));
        // Content words only ("the" may hang elsewhere).
        let outside: Vec<usize> = (m.start..m.end)
            .filter(|&k| !inside(s.head(k)))
            .filter(|&k| matches!(s.tokens[k].upos, "PROPN" | "NOUN" | "ADJ" | "NUM"))
            .collect();
        // One piece, pieces on one head (a misplaced phrase, not a split
        // between clauses), or a piece that heads the sentence: left as
        // parsed.
        let heads: Vec<Option<usize>> = outside.iter().map(|&k| s.head(k)).collect();
        if outside.len() < 2
            || heads.iter().any(|h| h.is_none())
            || heads.iter().all(|h| *h == heads[0])
        {
            continue;
        }
        // Only pieces hung on clauses: a piece on a name or noun is a
        // title the name goes on with ("Colombian President Juan Manuel
        // Santos"), read well enough.
        let on_verbs = heads
            .iter()
            .flatten()
            .all(|&h| matches!(s.tokens[h].upos, "VERB" | "AUX"));
        if !on_verbs {
            continue;
        }
        let first = outside[0];
        let t = tokens.get_or_insert_with(|| s.tokens.clone());
        for &k in &outside[1..] {
            t[k].head = first + 1;
            t[k].deprel = "flat";
        }
        let head = s.head(first);
        let verb_before = head.is_some_and(|h| h < first && s.tokens[h].upos == "VERB");
        if verb_before && !NOMINAL.contains(&s.rel(first)) {
            t[first].deprel = "obj";
        }
    }
    tokens.map(|t| Sentence::new(t, s.start, s.end))
}

/// Whether a sentence is in title case, as headlines are: most of its
/// words other than names capitalised, not just the names ("The
/// Washington Post said Iran attacked Iraq").
fn title_case(s: &Sentence<'_>) -> bool {
    let (words, caps) = s
        .tokens
        .iter()
        .skip(1)
        .filter(|t| t.upos != "PROPN")
        .filter_map(|t| t.text.chars().next().filter(|c| c.is_alphabetic()))
        .fold((0usize, 0usize), |(n, caps), c| {
            (n + 1, caps + usize::from(c.is_uppercase()))
        });
    words >= 2 && caps * 10 >= words * 7
}

/// "us" written small is the pronoun; so is "HAVE TOLD US THAT", "CAN
/// HELP US", "LET US RECALL": in text written all in capitals, "US"
/// right after a verb or preposition and not before a noun it modifies ("FOR US TROOPS") is the pronoun, not the
/// United States ("THE US", "US OFFICIALS SAID").
fn shouted_us(s: &Sentence<'_>, m: &Mention) -> bool {
    if m.end != m.start + 1 {
        return false;
    }
    // Written small ("it will allow us"), it is always the pronoun.
    match s.tokens.get(m.start).map(|t| t.text) {
        Some("us") => return true,
        Some("US") => {}
        _ => return false,
    }
    let all_caps = s.all_capitals();
    let after_verb = m
        .start
        .checked_sub(1)
        .and_then(|k| s.tokens.get(k))
        .is_some_and(|t| {
            matches!(t.upos, "VERB" | "AUX" | "ADP" | "SCONJ") || t.text.eq_ignore_ascii_case("let")
        });
    let modifies = s
        .tokens
        .get(m.end)
        .is_some_and(|t| matches!(t.upos, "NOUN" | "PROPN" | "ADJ"));
    all_caps && after_verb && !modifies
}

/// "the Swiss franc", "Saudi riyal bonds", "Treasury securities": a
/// country before its currency, or the treasury or government before
/// the paper it issues, names money, not a party.
fn names_money(s: &Sentence<'_>, m: &Mention) -> bool {
    const CURRENCIES: &[&str] = &[
        "franc",
        "francs",
        "dollar",
        "dollars",
        "dlr",
        "dlrs",
        "yen",
        "mark",
        "marks",
        "pound",
        "pounds",
        "lira",
        "lire",
        "peso",
        "pesos",
        "rupee",
        "rupees",
        "yuan",
        "rouble",
        "roubles",
        "ruble",
        "rubles",
        "krona",
        "kronor",
        "krone",
        "kroner",
        "guilder",
        "guilders",
        "schilling",
        "schillings",
        "rand",
        "riyal",
        "riyals",
        "dinar",
        "dinars",
        "shekel",
        "shekels",
        "escudo",
        "escudos",
        "peseta",
        "pesetas",
        "drachma",
        "drachmas",
        "baht",
        "ringgit",
        "rupiah",
        "euro",
        "euros",
        "sterling",
        "currency",
    ];
    const PAPER: &[&str] = &[
        "bill",
        "bills",
        "bond",
        "bonds",
        "note",
        "notes",
        "security",
        "securities",
        "paper",
        "yield",
        "yields",
    ];
    let Some(next) = s.tokens.get(m.end) else {
        return false;
    };
    // A noun: "Britain marks the day" is a verb.
    if !matches!(next.upos, "NOUN" | "PROPN") {
        return false;
    }
    let word = dyad_lexicon::fold(next.text);
    let issuer = s.tokens.get(m.end - 1).is_some_and(|t| {
        matches!(
            dyad_lexicon::fold(t.text).as_str(),
            "treasury" | "government"
        )
    });
    (m.country.is_some() && CURRENCIES.contains(&word.as_str()))
        || (issuer && PAPER.contains(&word.as_str()))
}

/// "Morgan Stanley", "analyst Jim Victoria", "Mr. Jordan": a one-word
/// country or capital right after an unknown capitalised name ends that
/// name. Compass words ("North", "Western") and title-case headlines are
/// left alone, as in [`first_name`].
fn last_name(s: &Sentence<'_>, m: &Mention, mentions: &[Mention]) -> bool {
    if m.end != m.start + 1 || !matches!(m.kind, ActorKind::Country | ActorKind::Capital) {
        return false;
    }
    let Some(prev) = m.start.checked_sub(1).and_then(|k| s.tokens.get(k)) else {
        return false;
    };
    let capitalised = prev.text.chars().next().is_some_and(char::is_uppercase);
    let known = mentions
        .iter()
        .any(|x| x.start < m.start && m.start <= x.end);
    let prev_lower = prev.text.to_lowercase();
    if prev.upos != "PROPN"
        || !capitalised
        || known
        || NAME_CONTINUATIONS.contains(&prev_lower.as_str())
        || dates::is_calendar_name(&prev_lower)
        // "told Reuters Taiwan would ...".
        || AGENCIES.contains(&prev_lower.as_str())
    {
        return false;
    }
    !title_case(s)
}

/// Wire services whose name in brackets marks a dateline.
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "upi",
    "xinhua",
    "dpa",
    "ansa",
    "efe",
    "bloomberg",
    "cnn",
    "bbc",
];

/// The end (exclusive token index) of a wire dateline opening the
/// sentence ("ABUJA (Reuters) -", "NEW DELHI, 7 September 2004 -",
/// "GAZA CITY, Palestinian Territories:"), or 0. The place there is where
/// the story was filed, not an actor: "ABUJA (Reuters) - Sudan blamed
/// the United States" is Sudan's act. A dateline is a run of at most 12
/// tokens before a dash or colon holding a capitalised place name in
/// capitals or an agency in brackets. A dateline has no verb, and its
/// dash stands apart: the hyphen of "COVID-19" ends none.
fn dateline_end(s: &Sentence<'_>, mentions: &[Mention]) -> usize {
    let organisation = |k: usize| {
        mentions
            .iter()
            .any(|m| m.kind == ActorKind::Organization && m.start <= k && k < m.end)
    };
    let mut end = 0;
    for sep in 1..s.len().min(13) {
        let t = &s.tokens[sep];
        if !matches!(t.text, "-" | "--" | "\u{2013}" | "\u{2014}" | ":") {
            continue;
        }
        let joined = s.tokens[sep - 1].end == t.start
            && s.tokens.get(sep + 1).is_some_and(|n| n.start == t.end);
        if joined {
            continue;
        }
        let prefix = &s.tokens[..sep];
        if prefix.iter().any(|t| t.upos == "VERB") {
            // Nor can any later separator end a dateline.
            break;
        }
        let capitals = prefix.iter().enumerate().any(|(k, t)| {
            t.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && t.text.chars().all(|c| !c.is_lowercase())
                && !organisation(k)
        });
        let agency = prefix.windows(3).any(|w| {
            w[0].text == "("
                && w[2].text == ")"
                && AGENCIES.contains(&w[1].text.to_lowercase().as_str())
        });
        if capitals || agency {
            end = sep + 1;
        }
    }
    end
}

/// Verbs whose object does what their infinitive clause says ("urged
/// Iran to recall", "forced Baku to close").
const OBJECT_CONTROL: &[&str] = &[
    "urge",
    "ask",
    "appeal",
    "call",
    "force",
    "persuade",
    "encourage",
    "invite",
    "order",
    "tell",
    "allow",
    "permit",
    "press",
    "push",
    "pressure",
    "require",
    "advise",
    "help",
    "compel",
    "authorize",
    "instruct",
    "request",
    "want",
    "expect",
    "enable",
    "prompt",
    "lead",
    "get",
    "cause",
];

/// Verbs whose subject undergoes the event they take as object:
/// "survived an attack", "repelled an assault", "foiled a plot".
const UNDERGOING: &[&str] = &[
    "survive",
    "escape",
    "suffer",
    "endure",
    "withstand",
    "repel",
    "repulse",
    "foil",
    "thwart",
];

/// Verbs of harm done to their patient: the one killed or wounded in an
/// attack is its target.
const HARMED: &[&str] = &[
    "kill", "wound", "injure", "hurt", "die", "slay", "maim", "murder", "behead", "kidnap",
    "abduct", "capture", "arrest", "detain",
];

/// Event nouns whose possessor undergoes the event ("his arrest").
const PATIENT_NOUNS: &[&str] = &[
    "arrest",
    "detention",
    "capture",
    "abduction",
    "kidnapping",
    "killing",
    "murder",
    "assassination",
    "execution",
    "release",
    "deportation",
    "expulsion",
    "extradition",
    "trial",
    "imprisonment",
    "torture",
    "ouster",
    "dismissal",
    "removal",
    "rescue",
];

/// Verbs whose subject will be the doer of the event noun they take:
/// "pledged aid", "threatened sanctions", "announced new strikes".
const PROMISING: &[&str] = &[
    "promise", "pledge", "offer", "vow", "plan", "propose", "threaten", "announce", "prepare",
    "order",
];

/// Event nouns of something handed or sent to someone: their "from"
/// phrase names the giver ("assistance from the UN", "a warning from
/// Moscow"), where a removal's names what was left ("withdrawal from
/// Syria").
const GIVEN_FROM: &[&str] = &[
    "aid",
    "assistance",
    "help",
    "support",
    "backing",
    "loan",
    "grant",
    "funding",
    "donation",
    "pressure",
    "threat",
    "warning",
    "criticism",
    "condemnation",
    "praise",
    "appeal",
    "demand",
    "request",
    "offer",
    "proposal",
    "invitation",
    "message",
    "letter",
    "complaint",
    "protest",
];

/// Event nouns whose "of" phrase names the doer, not who underwent it:
/// "the mediation of the United Nations", "with the support of the US".
const DONE_BY_OF: &[&str] = &[
    "mediation",
    "participation",
    "involvement",
    "intervention",
    "support",
    "help",
    "assistance",
    "cooperation",
    "backing",
];

/// Nouns of a writing whose participle ("a statement calling for talks",
/// "a letter urging") says what its writer did.
const WRITINGS: &[&str] = &[
    "statement",
    "letter",
    "resolution",
    "communique",
    "communiqué",
    "declaration",
    "message",
    "note",
    "report",
    "speech",
    "address",
    "tweet",
    "post",
    "editorial",
    "petition",
    "release",
];

/// Participles that tell what a writing says, not what its writer did.
const CONTENTS: &[&str] = &[
    "contain",
    "include",
    "detail",
    "outline",
    "list",
    "cover",
    "relate",
    "concern",
    "describe",
    "summarize",
    "summarise",
    "show",
    "explain",
    "lead",
];

/// Verbs of issuing or saying a writing ([`WRITINGS`]).
const ISSUING: &[&str] = &[
    "issue",
    "release",
    "send",
    "publish",
    "deliver",
    "sign",
    "post",
    "make",
    "adopt",
    "pass",
    "say",
    "write",
    "announce",
    "circulate",
    "submit",
    "give",
    "present",
    "read",
    "table",
];

/// The regular inflections of verb `base` ("concede": "concedes",
/// "conceded", "conceding"; "plan": also "planned", "planning"). A
/// doubled consonant is added as a second spelling wherever it could be
/// one; a spelling no text uses finds nothing.
fn regular_forms(base: &str) -> Vec<String> {
    let chars: Vec<char> = base.chars().collect();
    let Some(&last) = chars.last() else {
        return Vec::new();
    };
    let vowel = |c: char| "aeiou".contains(c);
    let before = chars
        .len()
        .checked_sub(2)
        .and_then(|i| chars.get(i))
        .copied();
    let stem = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let mut out = vec![patterns::s_form(base)];
    if last == 'e' {
        out.push(format!("{base}d"));
        if base.ends_with("ie") {
            out.push(format!("{}ying", stem(2)));
        } else if base.ends_with("ee") || base.ends_with("ye") || base.ends_with("oe") {
            out.push(format!("{base}ing"));
        } else {
            out.push(format!("{}ing", stem(1)));
        }
    } else if last == 'y' && before.is_some_and(|b| !vowel(b)) {
        out.push(format!("{}ied", stem(1)));
        out.push(format!("{base}ing"));
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
        let doubles = !vowel(last)
            && !"wxy".contains(last)
            && before.is_some_and(vowel)
            && chars.len() >= 3
            && chars.get(chars.len() - 3).is_some_and(|&c| !vowel(c));
        if doubles {
            out.push(format!("{base}{last}ed"));
            out.push(format!("{base}{last}ing"));
        }
    }
    out
}

/// Verbs of firing a weapon: what it was fired from says who fired it.
const LAUNCHING: &[&str] = &["fire", "launch", "shoot", "lob"];

/// Participles of [`HARMED`] the tagger reads as adjectives.
const HARMED_ADJECTIVES: &[&str] = &["wounded", "injured", "hurt", "killed", "dead"];

/// Nouns of a relation between two parties: whoever "his counterpart"
/// or "its neighbours" are, they are not the possessor.
const RELATIONAL_NOUNS: &[&str] = &[
    "counterpart",
    "neighbour",
    "neighbor",
    "ally",
    "rival",
    "enemy",
    "foe",
    "opponent",
    "partner",
];

/// Nouns of a boundary two parties share ("its border with Syria").
const BOUNDARIES: &[&str] = &["border", "frontier", "boundary"];

/// Prepositions that mark a target when no pattern says which.
const TARGET_PREPS: &[&str] = &[
    "against", "on", "with", "to", "from", "at", "toward", "towards", "upon", "into", "over",
    "for", "about", "near",
];

impl<'l> Coder<'l> {
    /// The lexicon it codes with (also what names the parser reads as
    /// names: [`ParsedText::new`]).
    pub fn lexicon(&self) -> &'l Lexicon {
        self.lexicon
    }

    pub fn new(lexicon: &'l Lexicon, convention: Convention) -> Coder<'l> {
        let mut verbs: HashMap<String, Vec<Trigger>> = HashMap::new();
        let mut verb_forms: HashMap<String, String> = HashMap::new();
        let mut nouns: HashMap<String, Vec<Trigger>> = HashMap::new();
        for g in &lexicon.verbs().groups {
            let vp: Vec<Compiled> = g
                .patterns
                .iter()
                .map(|p| patterns::compile(&p.text, &p.code))
                .collect();
            for v in &g.verbs {
                let words: Vec<String> = v.lemma.split_whitespace().map(String::from).collect();
                let extra: Vec<String> = words.iter().filter(|w| **w != v.head).cloned().collect();
                let trigger = Trigger {
                    extra,
                    code: v.code.clone().unwrap_or_else(|| g.code.clone()),
                    patterns: vp.clone(),
                };
                // The dictionary's inflected forms, and the regular ones,
                // find the verb when the lemmatizer misses ("expelled" ->
                // "expell", "conceded" -> "conced").
                let listed = v.forms.iter().map(|f| f.to_lowercase());
                let mut forms: Vec<String> = listed.chain(regular_forms(&v.head)).collect();
                forms.sort();
                forms.dedup();
                for form in forms {
                    if form != v.head {
                        verb_forms.entry(form).or_insert_with(|| v.head.clone());
                    }
                }
                verbs.entry(v.head.clone()).or_default().push(trigger);
            }
            let np: Vec<Compiled> = g
                .noun_patterns
                .iter()
                .map(|p| patterns::compile(&p.text, &p.code))
                .collect();
            for n in &g.nouns {
                let words: Vec<String> = n.lemma.split_whitespace().map(String::from).collect();
                let head = words.last().cloned().unwrap_or_default();
                let extra = words[..words.len().saturating_sub(1)].to_vec();
                nouns.entry(head).or_default().push(Trigger {
                    extra,
                    code: n.code.clone().unwrap_or_else(|| g.code.clone()),
                    patterns: np.clone(),
                });
            }
        }
        Coder {
            synsets: patterns::synsets(lexicon.verbs()),
            lexicon,
            verbs,
            verb_forms,
            nouns,
            convention,
        }
    }

    /// Codes every sentence of a document.
    pub fn code(&self, doc: &DocumentInput<'_>) -> CodedDocument {
        let mut events = Vec::new();
        let lookup_date = doc
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        // Actors of earlier sentences, latest last, for pronouns.
        let mut history: Vec<Mention> = Vec::new();
        // Surnames a text gave to someone else ("Juan Ricardo Ortega"):
        // alone later on ("Ortega said") they still name that one.
        let mut other_bearers: Vec<String> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let forms: Vec<&str> = s.tokens.iter().map(|t| t.text).collect();
            let mut mentions = self.lexicon.mentions(&forms, lookup_date);
            for m in &mentions {
                if other_bearer(s, m, &mentions) {
                    other_bearers.push(s.lower(m.start));
                }
            }
            mentions.retain(|m| {
                !(m.kind == ActorKind::Person
                    && m.end == m.start + 1
                    && other_bearers.contains(&s.lower(m.start)))
            });
            let joined = join_split_names(s, &mentions);
            let s = joined.as_ref().unwrap_or(s);
            self.code_sentence(doc, si, s, &mentions, &history, &mut events);
            // Subjects are the likeliest antecedents: keep them last.
            let (subjects, others): (Vec<&Mention>, Vec<&Mention>) = mentions
                .iter()
                .partition(|m| (m.start..m.end).any(|t| s.rel(t) == "nsubj"));
            history.extend(others.into_iter().cloned());
            history.extend(subjects.into_iter().cloned());
            if history.len() > 64 {
                history.drain(..history.len() - 64);
            }
        }
        let events = merge_repeats(events);
        CodedDocument {
            genre: genre(doc),
            events,
        }
    }

    /// The modality of every predicate-like token (verbs, and nouns the
    /// dictionary knows as events) of a sentence; `None` elsewhere.
    pub fn predicate_modalities(&self, s: &Sentence<'_>) -> Vec<Option<Reading>> {
        (0..s.len())
            .map(|i| {
                let t = &s.tokens[i];
                let predicate =
                    t.upos == "VERB" || (t.upos == "NOUN" && self.nouns.contains_key(&s.lemma(i)));
                predicate.then(|| modality::read(s, i))
            })
            .collect()
    }

    fn code_sentence(
        &self,
        doc: &DocumentInput<'_>,
        si: usize,
        s: &Sentence<'_>,
        mentions: &[Mention],
        history: &[Mention],
        out: &mut Vec<Event>,
    ) {
        let mut at: Vec<Option<usize>> = vec![None; s.len()];
        let dateline = dateline_end(s, mentions);
        for (mi, m) in mentions.iter().enumerate() {
            // "an official visit", "military exercises": a sector word used
            // as an adjective is no actor.
            let adjective = m.kind == ActorKind::Agent
                && m.end == m.start + 1
                && s.tokens.get(m.start).is_some_and(|t| t.upos == "ADJ");
            if adjective
                || first_name(s, m, mentions)
                || last_name(s, m, mentions)
                || shouted_us(s, m)
                || names_money(s, m)
                || m.end <= dateline
            {
                continue;
            }
            for slot in at.iter_mut().take(m.end.min(s.len())).skip(m.start) {
                *slot = Some(mi);
            }
        }
        let actors = Actors {
            s,
            mentions,
            at: &at,
            history,
            event_nouns: &self.nouns,
            lexicon: self.lexicon,
            synsets: &self.synsets,
            dateline,
        };
        for (i, t) in s.tokens.iter().enumerate() {
            let lemma = s.lemma(i);
            let (table, is_noun) = match t.upos {
                "VERB" => (&self.verbs, false),
                "NOUN" => (&self.nouns, true),
                _ => continue,
            };
            // An actor phrase is not an event noun ("the Iranian military").
            if is_noun && at[i].is_some() {
                continue;
            }
            let by_form = || {
                (!is_noun)
                    .then(|| self.verb_forms.get(&s.lower(i)))
                    .flatten()
                    .and_then(|head| self.verbs.get(head))
            };
            let Some(triggers) = table.get(&lemma).or_else(by_form) else {
                continue;
            };
            // Every group that has this word (and whose other words are
            // present) contributes its patterns; the bare code comes from
            // the most specific one that codes the bare word.
            let present: Vec<&Trigger> = triggers
                .iter()
                .filter(|tr| tr.extra.iter().all(|w| has_word(s, i, w)))
                .collect();
            if present.is_empty() {
                continue;
            }
            let most_words = present.iter().map(|t| t.extra.len()).max().unwrap_or(0);
            let bare = present
                .iter()
                .filter(|t| t.extra.len() == most_words && !t.code.is_empty() && t.code != "---")
                .map(|t| t.code.clone())
                .next()
                .unwrap_or_default();
            // Best pattern: the one with most elements that matches (ties:
            // the first, in dictionary order).
            let mut best: Option<(usize, &Compiled, Option<usize>)> = None;
            for p in present.iter().flat_map(|t| &t.patterns) {
                if let Some(target) = self.match_pattern(s, i, p, &actors) {
                    if best.as_ref().is_none_or(|(n, _, _)| p.elements.len() > *n) {
                        best = Some((p.elements.len(), p, target));
                    }
                }
            }
            let bare = if !is_noun && no_act_of_its_own(s, i) {
                String::new()
            } else {
                bare
            };
            // "..., he added", "added that talks would resume": a verb the
            // dictionary files under giving (GRANT: "add") reports here.
            let material = bare.starts_with("06") || bare.starts_with("07");
            let bare = if material && !is_noun && modality::reports(s, i) {
                "010".to_string()
            } else {
                bare
            };
            let (code, pattern_text, pattern_target) = match &best {
                Some((_, p, target)) => (p.code.clone(), p.text.clone(), *target),
                None => (bare, String::new(), None),
            };
            if code.is_empty() || code == "---" {
                continue;
            }
            let sources = actors.sources(i, is_noun);
            let targets = match pattern_target {
                Some(tok) => actors.places(
                    actors.at_phrase(tok),
                    s.case_of(tok).as_deref().unwrap_or(""),
                ),
                None => actors.default_targets(i, is_noun),
            };
            // "shelled Kharkiv": a place as the object names its country
            // as the target (the place itself becomes the location).
            let targets = if targets.is_empty() && !is_noun {
                self.place_target(s, i).into_iter().collect()
            } else if targets.is_empty() {
                // "a missile strike on Kharkiv": the place struck.
                let keys = folded(s);
                s.children(i)
                    .filter(|&c| {
                        s.rel(c) == "nmod"
                            && matches!(s.case_of(c).as_deref(), Some("on" | "against"))
                    })
                    .find_map(|c| self.place_target_in(s, &keys, c))
                    .into_iter()
                    .collect()
            } else {
                targets
            };
            // "arrived in Kyiv", "visited troops at Bakhmut": where a
            // visit goes names its host.
            let targets = if targets.is_empty() && !is_noun && code.starts_with("042") {
                let keys = folded(s);
                s.children(i)
                    .filter(|&c| s.rel(c) == "obl")
                    .filter_map(|c| s.case_of(c).map(|case| (c, case)))
                    .filter(|(_, case)| matches!(case.as_str(), "in" | "at" | "to"))
                    .find_map(|(c, case)| {
                        // The place itself, not one named inside it
                        // ("in response to the report on Iran").
                        let named: Vec<Mention> = actors
                            .places(actors.at_phrase(c), &case)
                            .into_iter()
                            .filter(|m| (m.start..m.end).contains(&c))
                            .collect();
                        if named.is_empty() {
                            self.place_target_in(s, &keys, c).map(|m| vec![m])
                        } else {
                            Some(named)
                        }
                    })
                    .unwrap_or_default()
            } else {
                targets
            };
            // "Hutton said the company designs ...": what "say" takes as
            // an object is what was said (or a clause the parser broke),
            // never whom it was said to; only a "to" phrase names that.
            let targets = if !is_noun && best.is_none() && lemma == "say" {
                let to_phrases: Vec<(usize, usize)> = s
                    .children(i)
                    .filter(|&c| s.rel(c) == "obl" && s.case_of(c).as_deref() == Some("to"))
                    .map(|c| s.subtree_span(c))
                    .collect();
                targets
                    .into_iter()
                    .filter(|m| {
                        to_phrases
                            .iter()
                            .any(|&(a, b)| a <= m.start && m.start <= b)
                    })
                    .collect()
            } else {
                targets
            };
            if sources.is_empty() && targets.is_empty() {
                continue;
            }
            // Force is used by actors, people and weapons ("Russian
            // missiles hit Kyiv", "rebels hit back"), not by "reserves"
            // that "hit a new high", "the earthquake which hit Chile" or
            // "falling oil prices" that "hurt" Mexico.
            let force = matches!(code.get(..2), Some("18" | "19" | "20"));
            if !is_noun && force && (!forceful_doer(s, i, &at) || figurative_object(s, i, &at)) {
                continue;
            }
            // Bare "take" seizes something only when what is taken is
            // itself an actor or a place ("took Avdiivka", "took 20
            // soldiers"), not in "take part", "take steps", "took three
            // months", "take the company's capital to ...".
            let bare_take = best.is_none() && !is_noun && lemma == "take";
            if bare_take {
                // The place itself, not one an "of" phrase names ("took
                // pictures of Kyiv").
                let keys = folded(s);
                let taken_actor = s.children(i).filter(|&c| s.rel(c) == "obj").any(|o| {
                    actors.at.get(o).copied().flatten().is_some()
                        || self.place_target_in(s, &keys, o).is_some()
                });
                if !taken_actor {
                    continue;
                }
            }
            // "Gondor and Osgiliath postponed their meeting": with no
            // target, joint subjects act on each other. Where they meet
            // is no target ("held talks in Washington").
            // So for the event noun a light verb carries ("Armenia and
            // Azerbaijan held talks"): the same events as the verb's.
            let carrier = light_verb_carrying(s, i, is_noun);
            // Without an object that says so ("postponed their meeting",
            // "exchanged fire"), only acts two parties do together are
            // joint: they meet, agree, cooperate, cut ties or fight.
            // "Canada, Belgium and Italy contributed to the package" gave
            // nothing to each other.
            let mutual = matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "16" | "19"));
            // A passive's agents act on its subject ("the U.S. was
            // supported by Japan, Australia and New Zealand").
            let joint_at = |v: usize| {
                let passive = s
                    .children(v)
                    .any(|c| matches!(s.deprel(c), "aux:pass" | "nsubj:pass"));
                !passive
                    && joint_action(s, v)
                    && (mutual || s.children(v).any(|c| s.rel(c) == "obj"))
            };
            let joint = sources.len() >= 2
                && match carrier {
                    Some(g) => joint_at(g),
                    None => !is_noun && joint_at(i),
                };
            let targets = if joint && at_venue(s, i, &targets) {
                Vec::new()
            } else {
                targets
            };
            let reciprocal = joint && targets.is_empty();
            let reading = modality::read(s, i);
            // The speaker as an actor, when the lexicon knows it ("Kyiv",
            // "the Iranian foreign ministry", "he" for an earlier name).
            let speaker = reading
                .attributed_to
                .and_then(|h| actors.mention_for(h))
                .map(|m| m.code);
            let future = reading.modality == Modality::Future;
            let date = dates::event_date(s, clause_of(s, i), doc.date, future);
            let (forward, backward) = match code.split_once(':') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (code.clone(), None),
            };
            let srcs: Vec<Option<&Mention>> = if sources.is_empty() {
                vec![None]
            } else {
                sources.iter().map(Some).collect()
            };
            let tgts: Vec<Option<&Mention>> = if targets.is_empty() {
                vec![None]
            } else {
                targets.iter().map(Some).collect()
            };
            let tgts: Vec<Option<&Mention>> = if reciprocal {
                sources.iter().map(Some).collect()
            } else {
                tgts
            };
            for src in &srcs {
                for tgt in &tgts {
                    // An actor does nothing to itself in dyadic data
                    // ("helped win a role for it" with "it" = the helper).
                    if let (Some(a), Some(b)) = (src, tgt) {
                        if a.code == b.code {
                            continue;
                        }
                    }
                    // The reverse reading of a two-sided code ("visit" is
                    // also "host a visit") needs both sides: with one
                    // missing it says again what the forward event says.
                    let both = src.is_some() && tgt.is_some();
                    for (cameo, a, b) in [
                        (forward.as_str(), *src, *tgt),
                        (
                            backward.as_deref().filter(|_| both).unwrap_or(""),
                            *tgt,
                            *src,
                        ),
                    ] {
                        if cameo.is_empty() || cameo == "---" {
                            continue;
                        }
                        if let Some(e) = self.event(
                            doc,
                            si,
                            s,
                            i,
                            cameo,
                            a,
                            b,
                            &reading,
                            speaker.as_deref(),
                            date,
                            &pattern_text,
                            best.is_some(),
                        ) {
                            out.push(e);
                        }
                    }
                }
            }
        }
    }

    /// Matches a compiled pattern at trigger `i`: `Some(target token)` when
    /// every element is present (the target token when the pattern marks
    /// one).
    fn match_pattern(
        &self,
        s: &Sentence<'_>,
        i: usize,
        p: &Compiled,
        actors: &Actors<'_, '_>,
    ) -> Option<Option<usize>> {
        let mut target = None;
        for el in &p.elements {
            match el {
                Element::Before(w) => {
                    let w = w.to_lowercase();
                    // The word is the subject or stands between it and the
                    // verb: a word before the subject opens the sentence,
                    // not the verb phrase ("Neither X nor Y boycotted",
                    // whatever the parser hung "Neither" on).
                    let after = s
                        .subject(i, 0)
                        .filter(|&subj| subj < i)
                        .map_or(0, |subj| s.subtree_span(subj).0);
                    if !s
                        .children(i)
                        .any(|c| c >= after && (s.lemma(c) == w || s.lower(c) == w))
                    {
                        return None;
                    }
                }
                Element::Object(item) => {
                    let obj = object_of(s, i)?;
                    match item {
                        Item::Target => {
                            actors.mention_for(obj)?;
                            target = Some(obj);
                        }
                        Item::Source => {}
                        _ => {
                            if !patterns::matches_item(s, obj, item, &self.synsets) {
                                return None;
                            }
                        }
                    }
                }
                Element::Prep(prep, item) => {
                    // The phrase may hang on the trigger or on its object
                    // ("imposed sanctions on Iran").
                    // ... or one level down a prepositional phrase ("for
                    // the lifting of sanctions on Iran").
                    let mut hosts = vec![i];
                    if let Some(o) = object_of(s, i) {
                        hosts.push(o);
                    }
                    let nested: Vec<usize> = hosts
                        .iter()
                        .flat_map(|&h| {
                            s.children(h)
                                .filter(|&c| matches!(s.rel(c), "obl" | "nmod"))
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    hosts.extend(nested);
                    let found = hosts
                        .iter()
                        .flat_map(|&h| s.children(h).collect::<Vec<_>>())
                        .find(|&c| {
                            matches!(s.rel(c), "obl" | "nmod" | "advcl" | "xcomp" | "ccomp")
                                && s.case_of(c)
                                    .or_else(|| {
                                        s.children_rel(c, "mark").next().map(|m| s.lower(m))
                                    })
                                    .as_deref()
                                    == Some(prep.as_str())
                                && match item {
                                    Item::Target => actors.mention_for(c).is_some(),
                                    Item::Source | Item::Any => true,
                                    _ => patterns::matches_item(s, c, item, &self.synsets),
                                }
                        })?;
                    if *item == Item::Target {
                        target = Some(found);
                    }
                }
            }
        }
        Some(target)
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        doc: &DocumentInput<'_>,
        si: usize,
        s: &Sentence<'_>,
        trigger: usize,
        cameo: &str,
        source: Option<&Mention>,
        target: Option<&Mention>,
        reading: &Reading,
        speaker: Option<&str>,
        date: Option<NaiveDate>,
        pattern: &str,
        matched: bool,
    ) -> Option<Event> {
        let ec = self.lexicon.event(cameo);
        let span_of = |a: usize, b: usize| -> Option<Span> {
            let (x, y) = (s.tokens.get(a)?, s.tokens.get(b)?);
            Some(Span {
                start: x.start,
                end: y.end,
            })
        };
        let actor = |m: &Mention| -> Option<ActorRef> {
            Some(ActorRef {
                code: m.code.clone(),
                country: m.country.clone(),
                sector: m.sector.clone(),
                name: m.name.clone(),
                span: span_of(m.start, m.end.checked_sub(1)?)?,
            })
        };
        let trigger_span = span_of(trigger, trigger)?;
        let hint = target
            .and_then(|m| m.country.clone())
            .or_else(|| source.and_then(|m| m.country.clone()));
        let location = self
            .location(s, trigger, hint.as_deref())
            .and_then(|(a, b, p)| {
                Some(Location {
                    name: p.name,
                    country: p.country,
                    lat: p.lat,
                    lon: p.lon,
                    span: span_of(a, b)?,
                })
            });
        let sentence_span = Span {
            start: s.start,
            end: s.end,
        };
        let source = source.and_then(actor);
        let target = target.and_then(actor);
        let attributed_to = reading.attributed_to.and_then(|h| {
            let (lo, hi) = s.subtree_span(h);
            let (mut lo, mut hi) = (lo.max(h.saturating_sub(6)), hi.min(h + 6));
            // The phrase without the commas the parser hung on it, nor
            // what it hung there before a comma ("by 1995, company
            // officials said").
            if let Some(comma) = (lo..h).rev().find(|&k| s.lower(k) == ",") {
                lo = comma;
            }
            let punct = |k: usize| s.tokens.get(k).is_some_and(|t| t.upos == "PUNCT");
            // Nor its preposition: "according to the general staff" names
            // "the general staff".
            let marker = |k: usize| match s.rel(k) {
                "case" | "cc" => s.head(k) == Some(h),
                // "to" of "according to".
                "fixed" => s.head(k).and_then(|g| s.head(g)) == Some(h),
                _ => false,
            };
            while lo < h && (punct(lo) || marker(lo)) {
                lo += 1;
            }
            while hi > h && punct(hi) {
                hi -= 1;
            }
            Some(Attribution {
                code: speaker.map(str::to_string),
                span: span_of(lo, hi)?,
            })
        });
        let confidence = 0.4
            + if matched { 0.2 } else { 0.0 }
            + if source.is_some() { 0.2 } else { 0.0 }
            + if target.is_some() { 0.2 } else { 0.0 };
        let mut hasher = Sha256::new();
        for part in [
            doc.doc_id,
            &si.to_string(),
            &trigger_span.start.to_string(),
            cameo,
        ] {
            hasher.update(part.as_bytes());
            hasher.update([0u8]);
        }
        for a in [&source, &target] {
            hasher.update(a.as_ref().map_or("", |a| a.code.as_str()).as_bytes());
            hasher.update([0u8]);
        }
        let digest = hasher.finalize();
        let event_id: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        Some(Event {
            event_id: format!("e-{event_id}"),
            sentence_index: si,
            date,
            source,
            target,
            cameo: cameo.to_string(),
            cameo_root: ec.map_or_else(
                || cameo.get(..2).unwrap_or("").to_string(),
                |e| e.root.clone(),
            ),
            quad_class: ec.and_then(|e| e.quad(self.convention)),
            goldstein: ec.and_then(|e| e.goldstein_for(self.convention)),
            plover_event: ec.and_then(|e| e.plover_event.clone()),
            plover_mode: ec.and_then(|e| e.plover_mode.clone()),
            modality: reading.modality,
            modality_cue: reading.cue.and_then(|(a, b)| span_of(a, b)),
            attributed_to,
            trigger: trigger_span,
            location,
            sentence: sentence_span,
            confidence,
            pattern: pattern.to_string(),
            evidence: Vec::new(),
        })
    }
}

impl Coder<'_> {
    /// The country of a gazetteer place that is the trigger's object, or
    /// that an "of" phrase of the object names, two deep at most ("the
    /// city of Mosul", "control of the town of Goma").
    fn place_target(&self, s: &Sentence<'_>, i: usize) -> Option<Mention> {
        let o = s.children(i).find(|&c| s.rel(c) == "obj")?;
        let keys = folded(s);
        // Only through words for a place or for holding one: "the sale
        // of its Des Moines plants" names no target.
        const PLACE_WORDS: &[&str] = &[
            "city",
            "town",
            "village",
            "province",
            "region",
            "district",
            "capital",
            "port",
            "area",
            "outskirts",
            "suburb",
            "part",
            "territory",
            "neighbourhood",
            "neighborhood",
            "county",
            "island",
            "control",
        ];
        let of_phrase = |n: usize| {
            if !PLACE_WORDS.contains(&s.lemma(n).as_str()) {
                return None;
            }
            s.children(n)
                .find(|&c| s.rel(c) == "nmod" && s.case_of(c).as_deref() == Some("of"))
        };
        std::iter::successors(Some(o), |&n| of_phrase(n))
            .take(3)
            .find_map(|n| self.place_target_in(s, &keys, n))
    }

    /// `place_target` for object `o`, with the sentence's folded tokens.
    fn place_target_in(&self, s: &Sentence<'_>, keys: &[String], o: usize) -> Option<Mention> {
        let (lo, hi) = s.subtree_span(o);
        // A short all-capitals word in mixed-case text is an acronym
        // ("control of AMI"), not the place spelled the same.
        (lo..=hi).find_map(|k| {
            let text = s.tokens.get(k).map_or("", |t| t.text);
            let capitalised = text.chars().next().is_some_and(char::is_uppercase);
            let acronym = text.chars().count() <= 4
                && text.chars().all(|c| c.is_ascii_uppercase())
                && !title_case(s);
            let (end, place) = self
                .lexicon
                .place_at(keys, k, None)
                .filter(|&(end, _)| capitalised && !(acronym && end == k + 1))
                .filter(|&(end, p)| named_place(s, k, end, p))?;
            (end <= hi + 1 && (k..end).contains(&o)).then(|| Mention {
                start: k,
                end,
                code: place.country.clone(),
                country: Some(place.country.clone()),
                sector: None,
                name: place.name.clone(),
                kind: ActorKind::Country,
                place_code: None,
                role_start: None,
                role_end: None,
                office: None,
            })
        })
    }

    /// The place of an event: a gazetteer name in a locative phrase ("in
    /// Baku", "near the border town of Kharkiv", "from inside
    /// Azerbaijan") on the trigger's clause, or on the trigger itself for
    /// a noun. Returns token range (inclusive) and place.
    fn location(
        &self,
        s: &Sentence<'_>,
        trigger: usize,
        country: Option<&str>,
    ) -> Option<(usize, usize, Place)> {
        const LOCATIVE: &[&str] = &[
            "in",
            "near",
            "at",
            "inside",
            "outside",
            "around",
            "across",
            "outskirts",
            "into",
            "over",
        ];
        let forms: Vec<&str> = s.tokens.iter().map(|t| t.text).collect();
        let keys = folded(s);
        let clause = clause_of(s, trigger);
        let mut hosts = vec![trigger];
        if clause != trigger {
            hosts.push(clause);
        }
        // "attacked a base in Syria".
        if let Some(o) = object_of(s, trigger) {
            hosts.push(o);
            // "shelled Kharkiv": the object is the place.
            let direct = s.children(trigger).find(|&c| s.rel(c) == "obj");
            if let Some(m) = direct.and_then(|d| self.place_target_in(s, &keys, d)) {
                if let Some((_, p)) = self.lexicon.place_at(&keys, m.start, None) {
                    return Some((m.start, m.end - 1, p.clone()));
                }
            }
        }
        for h in hosts {
            for c in s.children(h) {
                if !matches!(s.rel(c), "obl" | "nmod" | "advmod") {
                    continue;
                }
                let Some(case) = s.case_of(c) else { continue };
                if !case.split(' ').any(|w| LOCATIVE.contains(&w)) {
                    continue;
                }
                let (lo, hi) = s.subtree_span(c);
                for k in lo..=hi {
                    if s.rel(k) == "case" {
                        continue;
                    }
                    // Only a name that starts with a capital is a place.
                    let capitalised = s
                        .tokens
                        .get(k)
                        .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase));
                    if !capitalised {
                        continue;
                    }
                    let gazetteer = self
                        .lexicon
                        .place_at(&keys, k, country)
                        .filter(|&(end, _)| end <= hi + 1)
                        .filter(|&(end, p)| named_place(s, k, end, p));
                    // A place in the country the event is about wins ("in
                    // Atlanta, Georgia"); otherwise a country's own name is
                    // the country, not a town spelled the same ("in southern
                    // Colombia", not the Cuban town). A country has no
                    // single coordinate.
                    let in_country =
                        gazetteer.filter(|(_, p)| country.is_some_and(|c| p.country == c));
                    if let Some((end, place)) = in_country {
                        return Some((k, end - 1, place.clone()));
                    }
                    let today = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
                    let m = self.lexicon.mentions(&forms[k..=hi], today);
                    // (The gazetteer's own entry for a part of that country,
                    // "the Gaza Strip", keeps its coordinates.)
                    let same_country = |m: &Mention| {
                        gazetteer.is_some_and(|(end, p)| {
                            m.country.as_deref() == Some(p.country.as_str()) && end >= k + m.end
                        })
                    };
                    if let Some(m) = m.first().filter(|m| {
                        m.start == 0 && m.kind == ActorKind::Country && !same_country(m)
                    }) {
                        let place = Place {
                            name: m.name.clone(),
                            country: m.code.clone(),
                            kind: "country".into(),
                            lat: None,
                            lon: None,
                            population: 0,
                        };
                        return Some((k, k + m.end - 1, place));
                    }
                    if let Some((end, place)) = gazetteer {
                        return Some((k, end - 1, place.clone()));
                    }
                }
            }
        }
        None
    }
}

/// Whether gazetteer `place` found at words `k..end` can be read as that
/// place. Not a month or a time zone ("March", "EST"), an adjective, nor
/// the start of another name ("Howard Baker", "the Paris Club", "the Bank
/// of Canada").
/// In text written in capitals every word is capitalised: the place must
/// be read as a name or be a city of some size ("IN CARACAS", not "SIGN
/// THE DEAL", "AN OFFICER", "AT THE SAME TIME").
fn named_place(s: &Sentence<'_>, k: usize, end: usize, place: &Place) -> bool {
    let lower = s.lower(k);
    if dates::is_calendar_name(&lower) || matches!(lower.as_str(), "est" | "edt" | "gmt" | "utc") {
        return false;
    }
    let shouting = s.all_capitals();
    let capitalised = |j: usize| {
        s.tokens
            .get(j)
            .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
    };
    let name_goes_on = s.tokens.get(end).is_some_and(|t| {
        t.upos == "PROPN" && capitalised(end) && !dates::is_calendar_name(&s.lower(end))
    }) || (s.lower(end) == "of" && capitalised(end + 1));
    if !shouting && !title_case(s) && name_goes_on {
        return false;
    }
    // One word read as an adjective describes ("West German trade", the
    // Manx village German).
    if end == k + 1 && s.tokens.get(k).is_some_and(|t| t.upos == "ADJ") {
        return false;
    }
    // A point of the compass alone is a direction or a bloc ("accusing
    // the West", "the Midwest"), not the hamlet of that name.
    let compass = matches!(
        lower.as_str(),
        "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "midwest"
    );
    if end == k + 1 && compass {
        return false;
    }
    let name = s.tokens.get(k).is_some_and(|t| t.upos == "PROPN");
    !shouting || name || (place.kind != "region" && place.population >= 100_000)
}

/// A sentence's tokens as lexicon keys.
fn folded(s: &Sentence<'_>) -> Vec<String> {
    s.tokens
        .iter()
        .map(|t| dyad_lexicon::fold(t.text))
        .collect()
}

/// The light verb whose object event noun `i` is ("held talks",
/// "impose sanctions"), if `i` is a noun trigger.
fn light_verb_carrying(s: &Sentence<'_>, i: usize, is_noun: bool) -> Option<usize> {
    s.head(i)
        .filter(|_| is_noun && s.rel(i) == "obj")
        .filter(|&g| modality::LIGHT.contains(&s.lemma(g).as_str()))
}

/// Whether every one of `targets` is named in an "in"/"at" phrase of
/// the shared thing trigger `i` takes as its object: "held talks in
/// Washington", "signed a deal at the Kremlin".
fn at_venue(s: &Sentence<'_>, i: usize, targets: &[Mention]) -> bool {
    let Some(o) = s.children(i).find(|&c| s.rel(c) == "obj") else {
        return false;
    };
    if targets.is_empty() || !SHARED_NOUNS.contains(&s.lemma(o).as_str()) {
        return false;
    }
    let venues: Vec<(usize, usize)> = s
        .children(o)
        .filter(|&c| s.rel(c) == "nmod" && matches!(s.case_of(c).as_deref(), Some("in" | "at")))
        .map(|c| s.subtree_span(c))
        .collect();
    targets.iter().all(|m| {
        venues
            .iter()
            .any(|&(lo, hi)| lo <= m.start && m.start <= hi)
    })
}

/// Objects that joint subjects share ("Gondor and Osgiliath held talks"):
/// the subjects act on each other, and where the thing takes place is no
/// party to it.
const SHARED_NOUNS: &[&str] = &[
    "tie",
    "relation",
    "talk",
    "meeting",
    "agreement",
    "accord",
    "deal",
    "cooperation",
    "dialogue",
    "negotiation",
    "summit",
    "treaty",
    "pact",
    "alliance",
    "partnership",
    "exchange",
    "contact",
];

/// Relational objects that joint subjects share ("their meeting",
/// "diplomatic ties", "talks"), or no object at all.
fn joint_action(s: &Sentence<'_>, i: usize) -> bool {
    // "said they will attack": a report of a clause is no joint act
    // ("agree that ..." is).
    const REPORTS: &[&str] = &[
        "say", "tell", "announce", "claim", "state", "warn", "report", "add", "insist", "argue",
        "deny", "accuse", "want",
    ];
    if REPORTS.contains(&s.lemma(i).as_str())
        && s.children(i).any(|c| matches!(s.rel(c), "ccomp" | "xcomp"))
    {
        return false;
    }
    // "India and Pakistan exchanged fire": done to each other whatever
    // is exchanged.
    const EXCHANGING: &[&str] = &["exchange", "swap", "trade"];
    if EXCHANGING.contains(&s.lemma(i).as_str()) {
        return true;
    }
    match s.children(i).find(|&c| s.rel(c) == "obj") {
        None => true,
        Some(o) => {
            // "each other" (UD: "each" with "other" fixed to it), "one
            // another"; "their" alone is not joint ("warned their
            // citizens").
            let reciprocal_word = |k: usize| matches!(s.lower(k).as_str(), "each" | "one");
            SHARED_NOUNS.contains(&s.lemma(o).as_str())
                || reciprocal_word(o)
                || s.children(o).any(reciprocal_word)
        }
    }
}

/// Whether verb `i` acts on a thing force does not strike, so that its
/// force is a figure of speech: "attacked the profits", "will fight the
/// attempt", "hurt the industry", "damaged the recovery". The object
/// names no actor itself.
fn figurative_object(s: &Sentence<'_>, i: usize, at: &[Option<usize>]) -> bool {
    const NOT_STRUCK: &[&str] = &[
        "profit",
        "earnings",
        "income",
        "revenue",
        "industry",
        "recovery",
        "economy",
        "growth",
        "sale",
        "share",
        "price",
        "margin",
        "demand",
        "export",
        "import",
        "trade",
        "budget",
        "deficit",
        "inflation",
        "rate",
        "currency",
        "dollar",
        "yen",
        "confidence",
        "competitiveness",
        "attempt",
        "effort",
        "plan",
        "proposal",
        "bill",
        "legislation",
        "law",
        "measure",
        "move",
        "policy",
        "chance",
        "prospect",
        "fraud",
        "corruption",
        "protectionism",
        "activity",
        "support",
        "level",
        "record",
        "idea",
        "argument",
        "notion",
        "view",
        "reputation",
        "credibility",
        "morale",
        "hope",
        "ceiling",
        "limit",
        "quota",
        "deadlock",
        "stalemate",
        "silence",
        "taboo",
    ];
    s.children(i).filter(|&c| s.rel(c) == "obj").any(|o| {
        at.get(o).copied().flatten().is_none() && NOT_STRUCK.contains(&s.lemma(o).as_str())
    })
}

/// Whether the doer of force verb `i` can use force: an actor (`at` marks
/// the tokens of actor mentions), a person or a weapon. The doer is the
/// passive agent, the subject, the noun an active participle modifies, or
/// the subject of the clause that controls it; its head word must be the
/// doer itself ("Israeli jets", "the army"), not a thing an actor has
/// ("Taiwan's reserves hit a new high", "the Brazilian debt problem will
/// hang over the banks", "hostile takeovers have hurt workers"). With no
/// doer named ("were killed") the roles decide.
fn forceful_doer(s: &Sentence<'_>, i: usize, at: &[Option<usize>]) -> bool {
    // Weapons, and words for people or units who can wield them.
    const FORCE_USERS: &[&str] = &[
        "missile",
        "rocket",
        "bomb",
        "shell",
        "strike",
        "airstrike",
        "drone",
        "jet",
        "plane",
        "aircraft",
        "warplane",
        "helicopter",
        "artillery",
        "mortar",
        "attack",
        "raid",
        "bullet",
        "shot",
        "grenade",
        "mine",
        "explosion",
        "blast",
        "shelling",
        "gunfire",
        "tank",
        "warship",
        "torpedo",
        "salvo",
        "barrage",
        "projectile",
        "fighter",
        "bomber",
        "gunman",
        "militant",
        "force",
        "troop",
        "man",
        "woman",
        "person",
        "people",
        "assailant",
        "attacker",
        "mob",
        "crowd",
        "youth",
        "group",
        "unit",
        "squad",
        "side",
        "division",
        "brigade",
        "battalion",
        "regiment",
        "corps",
        "platoon",
        "column",
        "contingent",
        "detachment",
        "bombing",
        "bombardment",
        "firebombing",
        "offensive",
        "assault",
        "operation",
        "community",
        "watchman",
        "guard",
        "villager",
        "resident",
        "team",
        "band",
        "gang",
        "cell",
        "individual",
        "elite",
        "personnel",
        "sniper",
        "shooter",
        "raider",
        "kidnapper",
        "hijacker",
        "killer",
        "assassin",
        "suspect",
        "thug",
        "hitman",
        "soldier",
        "policeman",
        "gunboat",
        "frigate",
        "destroyer",
        "submarine",
        "vessel",
        "ship",
        "boat",
        "battery",
        "launcher",
        "commando",
    ];
    // Who dies is not a doer.
    if matches!(s.lemma(i).as_str(), "die" | "perish") {
        return true;
    }
    let passive = s.children(i).any(|c| s.deprel(c) == "aux:pass");
    let agent = s.agent(i);
    let active_participle = s.rel(i) == "acl" && s.tokens.get(i).is_some_and(|t| t.xpos == "VBG");
    // "stormed a base in Herat province, killing 17 soldiers" with the
    // participle hung on the province: the main clause's doer did it (as
    // `sources` reads it).
    if active_participle && s.is_comma_participle(i) {
        let verb = s.verb_above(i);
        // (Once: that verb is no such participle itself.)
        if let Some(v) = verb.filter(|&v| !(s.rel(v) == "acl" && s.is_comma_participle(v))) {
            return forceful_doer(s, v, at);
        }
    }
    // Of two subjects ("Hours before the announcement, Taliban militants
    // stormed"), one that names an actor.
    let subjects: Vec<usize> = s
        .children(i)
        .filter(|&c| !passive && s.deprel(c) == "nsubj")
        .collect();
    let named = subjects
        .iter()
        .copied()
        .find(|&c| at.get(c).copied().flatten().is_some());
    let doer = agent
        .or(named)
        .or_else(|| subjects.first().copied())
        .or_else(|| active_participle.then(|| s.head(i)).flatten())
        // "will continue to hang over the banks": the controller's subject.
        .or_else(|| {
            let g = s.head(i).filter(|_| s.rel(i) == "xcomp")?;
            s.children(g).find(|&c| s.deprel(c) == "nsubj")
        });
    let Some(d) = doer else {
        return true;
    };
    // "the missile which hit Kyiv": the relative stands for its noun.
    // (Its clause may be the controller: "Brunswijk, who is seeking to
    // overthrow the government".)
    let relative = matches!(s.lower(d).as_str(), "which" | "that" | "who");
    let clause = s.head(d).unwrap_or(i);
    let d = if relative && s.rel(clause) == "acl" {
        s.head(clause).unwrap_or(d)
    } else {
        d
    };
    // "Thousands of Spanish farmers battled police": a number stands for
    // what its "of" phrase counts.
    let counted = s.tokens.get(d).is_some_and(|t| t.upos == "NUM")
        || matches!(
            s.lemma(d).as_str(),
            "thousand"
                | "hundred"
                | "dozen"
                | "score"
                | "number"
                | "some"
                | "many"
                | "most"
                | "member"
                | "team"
                | "network"
                | "band"
                | "group"
                | "remnant"
        );
    let d = if counted {
        // A bare number ("two attacked") counts people.
        match s
            .children(d)
            .find(|&c| s.rel(c) == "nmod" && s.case_of(c).as_deref() == Some("of"))
        {
            Some(of) => of,
            None => return true,
        }
    } else {
        d
    };
    let pronoun = s.tokens.get(d).is_some_and(|t| t.upos == "PRON") && !relative;
    let name = s.tokens.get(d).is_some_and(|t| t.upos == "PROPN");
    // Capitals may leave a plural unlemmatized ("FIREBOMBINGS").
    let lower = s.lower(d);
    let user = FORCE_USERS.contains(&s.lemma(d).as_str())
        || FORCE_USERS.contains(&lower.trim_end_matches('s'))
        || lower.ends_with("men");
    pronoun || name || at.get(d).copied().flatten().is_some() || user
}

/// Whether the possessor of event noun `i` is the one who underwent it:
/// "his arrest", "Khashoggi's murder", but not "Russia's arrest of the
/// journalist", whose "of" phrase names that one.
fn patient_possessive(s: &Sentence<'_>, i: usize) -> bool {
    PATIENT_NOUNS.contains(&s.lemma(i).as_str())
        && !s
            .children(i)
            .any(|c| s.rel(c) == "nmod" && s.case_of(c).as_deref() == Some("of"))
}

/// Whether word `w` of a multi-word verb is attached to trigger `i`: a
/// particle, a preposition of one of its phrases, or a word right after.
fn has_word(s: &Sentence<'_>, i: usize, w: &str) -> bool {
    s.children(i)
        .any(|c| s.lemma(c) == w || s.lower(c) == w || s.case_of(c).as_deref() == Some(w))
        || (i + 1..(i + 4).min(s.len())).any(|k| s.lower(k) == w)
}

/// The direct object of a trigger; for a passive verb, its subject.
fn object_of(s: &Sentence<'_>, i: usize) -> Option<usize> {
    s.children(i)
        .find(|&c| s.rel(c) == "obj")
        .or_else(|| s.children(i).find(|&c| s.deprel(c) == "nsubj:pass"))
}

/// The clause a trigger belongs to (a noun's governing verb).
fn clause_of(s: &Sentence<'_>, i: usize) -> usize {
    if s.tokens.get(i).is_some_and(|t| t.upos == "VERB") {
        return i;
    }
    s.head(i).unwrap_or(i)
}

/// A sector word with no country ("officials", "reporters"): an actor
/// only in the weakest sense, which a named one beats.
fn bare_sector(m: &Mention) -> bool {
    m.country.is_none() && m.sector.is_some()
}

/// `base` (its span and name) as the actor of `sector` in `country`'s
/// country: "lawmakers in Arnor" -> ARNLEG, "Iranian and Iraqi
/// officials" -> IRNGOV.
fn composed(base: &Mention, country: &Mention, sector: &str) -> Mention {
    Mention {
        code: format!("{}{sector}", country.code.get(..3).unwrap_or(&country.code)),
        country: country.country.clone(),
        sector: Some(sector.to_string()),
        ..base.clone()
    }
}

/// Verbs that, used so, do nothing themselves: a participle that only
/// describes a noun ("value added tax", "authorised exporters"), and
/// verbs that only frame another clause: "is expected to qualify",
/// "expects revenue to double" (a forecast, not an intent), "is going to
/// resign", "talks have been going on", "declined to comment". The framed
/// clause is coded on its own with the modality the frame gives it.
fn no_act_of_its_own(s: &Sentence<'_>, i: usize) -> bool {
    let participle = s.tokens.get(i).is_some_and(|t| t.xpos == "VBN");
    if participle && s.deprel(i) == "amod" {
        return true;
    }
    let clause = |rels: &[&str]| s.children(i).find(|&c| rels.contains(&s.rel(c)));
    match s.lemma(i).as_str() {
        // "expects profits to double", "expects another gain": always a
        // forecast.
        "expect" => true,
        // "a company called Eurodisplay", "they are called walkaway
        // leases", "police were called": naming or summoning, no call
        // between parties.
        "call" => {
            participle
                && (s.rel(i) == "acl"
                    || s.children(i)
                        .any(|c| matches!(s.deprel(c), "aux:pass" | "nsubj:pass")))
        }
        "go" => {
            s.children(i)
                .any(|c| s.deprel(c) == "compound:prt" && s.lower(c) == "on")
                || clause(&["xcomp", "advcl"])
                    .is_some_and(|c| s.children_rel(c, "mark").any(|m| s.lower(m) == "to"))
        }
        "decline" | "refuse" => clause(&["xcomp"]).is_some_and(|c| {
            matches!(
                s.lemma(c).as_str(),
                "comment"
                    | "elaborate"
                    | "disclose"
                    | "identify"
                    | "say"
                    | "specify"
                    | "confirm"
                    | "discuss"
                    | "name"
                    | "reveal"
                    | "answer"
                    | "detail"
            )
        }),
        // Facing is no meeting (the imported dictionary files it with
        // "meet", bare 040): "faced a dilemma", "faces charges". A pattern
        // may still code it.
        "face" => true,
        _ => false,
    }
}

/// Actor lookups over a sentence's mentions.
struct Actors<'s, 'a> {
    s: &'s Sentence<'a>,
    mentions: &'s [Mention],
    at: &'s [Option<usize>],
    /// Earlier sentences' actors, latest last.
    history: &'s [Mention],
    /// Nouns the dictionary codes as events ("visit", "exercises").
    event_nouns: &'s HashMap<String, Vec<Trigger>>,
    lexicon: &'s Lexicon,
    /// The verb dictionary's synsets (weapons, for instruments).
    synsets: &'s HashMap<String, Vec<Vec<String>>>,
    /// Tokens before this index are the wire dateline.
    dateline: usize,
}

/// The synset of weapons ("with artillery": an instrument, not a party).
const WEAPON: &str = "&weapon";

/// Personal pronouns that can stand for an actor, and whether they name a
/// person (he/she), a thing or body (it), or either (they).
fn pronoun_kind(word: &str) -> Option<u8> {
    match word {
        "he" | "him" | "his" | "she" | "her" | "hers" => Some(0),
        "it" | "its" => Some(1),
        "they" | "them" | "their" | "theirs" => Some(2),
        _ => None,
    }
}

impl Actors<'_, '_> {
    /// The antecedent of pronoun `t`: the nearest earlier actor in the
    /// sentence, else the latest of earlier sentences, that fits (a person
    /// for he/she, not a person for it).
    fn antecedent(&self, t: usize) -> Option<Mention> {
        let kind = pronoun_kind(&self.s.lower(t))?;
        let fits = |m: &Mention| match kind {
            // "he", "she": a person, or a sector word for people
            // ("the minister"), not a body ("the company").
            0 => {
                matches!(m.kind, ActorKind::Person)
                    || (m.kind == ActorKind::Agent
                        && m.sector.is_some()
                        && !self.lexicon.is_body(&m.name))
            }
            1 => !matches!(m.kind, ActorKind::Person),
            _ => true,
        };
        // "it was alleged that ...", "it is impossible to judge": a
        // placeholder subject stands for the clause, not an actor.
        if kind == 1 && self.placeholder_it(t) {
            return None;
        }
        // "Poland says U.S. sanctions have cost it billions and has made
        // clear it wants Washington to act": the subject of a reported
        // clause is the reporter when that fits, whatever actor was named
        // in between.
        if let Some(r) = self.reporter_subject(t).filter(|_| kind != 2) {
            match self.mention_for(r) {
                Some(m) if fits(&m) => {
                    return Some(Mention {
                        start: t,
                        end: t + 1,
                        ..m
                    })
                }
                // "In a filing with the Securities and Exchange
                // Commission, the group said it bought shares": a reporter
                // that names no actor is still who the pronoun stands
                // for; no actor then.
                None if self.s.tokens.get(r).is_some_and(|x| x.upos == "NOUN") => return None,
                _ => {}
            }
        }
        let here = self
            .mentions
            .iter()
            .filter(|m| m.end <= t)
            .rev()
            .find(|m| fits(m));
        let found = here.or_else(|| self.history.iter().rev().find(|m| fits(m)))?;
        Some(Mention {
            start: t,
            end: t + 1,
            ..found.clone()
        })
    }

    /// Whether "it" at `t` only holds the subject's place for a clause
    /// later on: the passive of a verb with a clause ("it was alleged
    /// that"), or an adjective or noun with one ("it is impossible to
    /// judge", "it was a pity that").
    fn placeholder_it(&self, t: usize) -> bool {
        let s = self.s;
        if s.deprel(t) == "expl" {
            return true;
        }
        let Some(v) = s.head(t).filter(|_| s.rel(t) == "nsubj") else {
            return false;
        };
        let clause = |rels: &[&str]| s.children(v).any(|c| c > t && rels.contains(&s.rel(c)));
        let passive = s.deprel(t) == "nsubj:pass";
        let predicative = s
            .tokens
            .get(v)
            .is_some_and(|x| matches!(x.upos, "ADJ" | "NOUN"))
            && s.children(v).any(|c| s.rel(c) == "cop");
        // "it is ready to retaliate" is the actor's own infinitive: only
        // adjectives that judge a clause take one as the placeholder's.
        let judges = matches!(
            s.lemma(v).as_str(),
            "impossible"
                | "possible"
                | "likely"
                | "unlikely"
                | "necessary"
                | "important"
                | "difficult"
                | "easy"
                | "hard"
                | "clear"
                | "unclear"
                | "essential"
                | "vital"
                | "crucial"
                | "premature"
                | "useful"
                | "wrong"
                | "right"
                | "time"
        );
        // "it was alleged", "it is believed": such verbs' passive takes
        // "it" only as a placeholder, however the clause after was hung.
        // ("it was expected to benefit peasants" raises a real subject).
        let raised = s.children(v).any(|c| s.rel(c) == "xcomp");
        let reported = passive
            && !raised
            && (modality::is_speech(s, v)
                || matches!(
                    s.lemma(v).as_str(),
                    "believe"
                        | "expect"
                        | "fear"
                        | "understand"
                        | "learn"
                        | "estimate"
                        | "agree"
                        | "decide"
                        | "feel"
                        | "know"
                        | "hope"
                        | "rumor"
                        | "rumour"
                ));
        reported
            || (passive && clause(&["ccomp", "csubj"]))
            || (predicative && clause(&["ccomp", "csubj"]))
            || (predicative && judges && clause(&["xcomp", "advcl"]))
    }

    /// For a pronoun `t` that is the subject of a clause reported by a
    /// verb before it ("Iran said it would ..."), the actor that verb's
    /// subject names (a verb in a coordination shares its first verb's
    /// subject).
    /// The subject (before `t`) of the verb of saying whose reported
    /// clause has pronoun `t` as its subject.
    fn reporter_subject(&self, t: usize) -> Option<usize> {
        let s = self.s;
        if !matches!(s.deprel(t), "nsubj" | "nsubj:pass") {
            return None;
        }
        let clause = s.head(t).filter(|&v| s.rel(v) == "ccomp")?;
        let verb = s
            .head(clause)
            .filter(|&g| modality::is_speech(s, g) || s.lemma(g) == "make")?;
        let subject = s.subject(verb, self.dateline).or_else(|| {
            s.head(verb)
                .filter(|_| s.rel(verb) == "conj")
                .and_then(|h| s.subject(h, self.dateline))
        })?;
        // Only a subject before the pronoun: that also bounds the
        // recursion when the subject is a pronoun itself.
        (subject < t).then_some(subject)
    }

    /// The actors "they"/"them"/"their" at `t` stands for when its
    /// nearest earlier actor in the sentence is one of a coordination
    /// ("Obama and Putin said they will attack Iraq": both). `None` when
    /// `t` is no plural pronoun or the antecedent stands alone (then the
    /// single antecedent applies).
    fn plural_antecedent(&self, t: usize) -> Option<Vec<Mention>> {
        let s = self.s;
        if pronoun_kind(&s.lower(t)) != Some(2) {
            return None;
        }
        let m = self.mentions.iter().rfind(|m| m.end <= t)?;
        // The mention's head token: the one whose head lies outside it.
        let mut h =
            (m.start..m.end).find(|&k| s.head(k).is_none_or(|g| g < m.start || g >= m.end))?;
        for _ in 0..s.len() {
            match s.head(h) {
                Some(g) if s.rel(h) == "conj" || s.is_list_member(g, h) => h = g,
                _ => break,
            }
        }
        if h >= t || s.dominated_by(t, h) {
            return None;
        }
        let group = self.at_phrase(h);
        (group.len() >= 2).then_some(group)
    }

    /// The earlier actor a definite sector word refers to: "the president"
    /// after "Iran's President Pezeshkian", "the ministry" after "Iran's
    /// foreign ministry". Same sector, a known country, latest first.
    fn definite(&self, t: usize, m: &Mention) -> Option<Mention> {
        let s = self.s;
        if !(m.kind == ActorKind::Agent && m.code.starts_with("---")) {
            return None;
        }
        let definite = s
            .children(t)
            .any(|c| s.rel(c) == "det" && matches!(s.lower(c).as_str(), "the" | "this"));
        if !definite {
            return None;
        }
        let sector = m.sector.as_deref()?;
        let fits = |x: &Mention| {
            x.country.is_some() && x.sector.as_deref() == Some(sector) && !x.code.starts_with("---")
        };
        let here = self
            .mentions
            .iter()
            .filter(|x| x.end <= m.start)
            .rev()
            .find(|x| fits(x));
        let found = here.or_else(|| self.history.iter().rev().find(|x| fits(x)))?;
        Some(Mention {
            start: m.start,
            end: m.end,
            ..found.clone()
        })
    }

    /// A bare sector word takes the actor of its own modifiers: a title
    /// ("Iran Foreign Ministry spokesman Nasser Kanaani") its institution
    /// when that has a sector, else the country; "its warplanes" the
    /// country of what "its" stands for.
    fn qualified(&self, c: usize, m: &Mention) -> Mention {
        let s = self.s;
        if !m.code.starts_with("---") {
            return m.clone();
        }
        let sector = m.code.trim_start_matches('-');
        let named = s
            .children(c)
            .filter(|&k| matches!(s.deprel(k), "compound" | "amod" | "nmod:poss"))
            .filter_map(|k| self.at.get(k).copied().flatten())
            .filter_map(|x| self.mentions.get(x))
            .find(|x| x.country.is_some() && !x.code.starts_with('-') && x.start < m.start)
            .cloned();
        // "Iraq said its warplanes attacked": the possessor's country.
        let owner = named.or_else(|| {
            s.children_rel(c, "nmod:poss")
                .filter(|&k| s.tokens.get(k).is_some_and(|t| t.upos == "PRON"))
                .find_map(|k| self.antecedent(k))
                .filter(|x| x.country.is_some() && !x.code.starts_with('-'))
        });
        let owner = owner.as_ref();
        match owner {
            Some(o) if o.sector.is_some() => o.clone(),
            Some(o) => composed(m, o, sector),
            None => m.clone(),
        }
    }

    /// The actor a nominal headed by `t` names: the mention covering `t`,
    /// else one in its compound/flat/appos/amod/poss modifiers, else the
    /// antecedent of a pronoun.
    fn mention_for(&self, t: usize) -> Option<Mention> {
        self.mention_token(t).map(|(_, m)| m)
    }

    /// `mention_for`, with the token where the actor was found (its
    /// conjuncts are the phrase's other actors: "ties between Gondor and
    /// Osgiliath").
    fn mention_token(&self, t: usize) -> Option<(usize, Mention)> {
        let s = self.s;
        if let Some(m) = self.at.get(t).copied().flatten() {
            let m = self.mentions.get(m).cloned()?;
            // "the president", "the ministry": a definite sector word
            // names an actor already in the text.
            if let Some(d) = self.definite(t, &m) {
                return Some((t, d));
            }
            return Some((t, self.qualified(t, &m)));
        }
        if s.tokens.get(t).is_some_and(|x| x.upos == "PRON") {
            return self.antecedent(t).map(|m| (t, m));
        }
        // Modifiers in reading order, close ones (compound, flat, appos,
        // adjectives, possessors, "by"/"of" phrases) before place phrases
        // ("an attack by Osgiliath soldiers in south Ithilen": Osgiliath).
        let near = |c: usize| {
            matches!(
                s.deprel(c),
                "compound"
                    | "flat"
                    | "flat:name"
                    | "nmod:desc"
                    | "appos"
                    | "amod"
                    | "nmod:poss"
                    | "nmod"
                    | "det:poss"
            )
        };
        let locative = |c: usize| {
            s.rel(c) == "nmod"
                && matches!(s.case_of(c).as_deref(), Some("in" | "at" | "near" | "on"))
        };
        let t_is_event = self.event_nouns.contains_key(&s.lemma(t));
        // The doer of an event hung one word too low is not part of the
        // phrase it hangs on (`misplaced_agent`).
        // "struck a target with artillery": the weapon a thing is struck
        // with is not what it is.
        let instrument = |c: usize| {
            s.rel(c) == "nmod"
                && s.case_of(c).as_deref() == Some("with")
                && patterns::matches_synset(s, c, WEAPON, self.synsets)
        };
        let near = |c: usize| near(c) && !self.misplaced_agent(c) && !instrument(c);
        let mut queue: std::collections::VecDeque<usize> =
            s.children(t).filter(|&c| near(c) && !locative(c)).collect();
        queue.extend(s.children(t).filter(|&c| near(c) && locative(c)));
        let mut steps = 0;
        while let Some(c) = queue.pop_front() {
            steps += 1;
            if steps > 64 {
                break;
            }
            if let Some(m) = self.at.get(c).copied().flatten() {
                let Some(m) = self.mentions.get(m) else {
                    continue;
                };
                // "his official visit", "military exercises": a bare
                // sector word describing an event is no party to it.
                let describes_event = t_is_event
                    && m.code.starts_with("---")
                    && matches!(s.rel(c), "compound" | "amod");
                if describes_event {
                    continue;
                }
                // "six people in Mogadishu": a capital where the phrase's
                // head is is the country as a place, not its government.
                let m = self.qualified(c, m);
                return Some((c, if locative(c) { as_place(m) } else { m }));
            }
            // "US-led coalition aircraft": who leads or runs a body acts
            // for it, however the parser hung the name on the participle.
            let led = s.rel(c) == "amod"
                && matches!(s.lemma(c).as_str(), "lead" | "run")
                && s.tokens.get(c).is_some_and(|t| t.xpos == "VBN");
            queue.extend(
                s.children(c)
                    .filter(|&g| near(g) || (led && matches!(s.rel(g), "obl" | "nsubj"))),
            );
        }
        None
    }

    /// The phrase at `t` and its conjuncts ("Iran and Turkey", "Mordor,
    /// Rohan, Arnor and Bree" however the parser chained them). A sector
    /// word without a country takes the country of an `of`/`in`/`from`
    /// phrase ("lawmakers in Arnor and Gondor": two actors), or of the
    /// conjunct before it ("Danish media and government").
    fn at_phrase(&self, t: usize) -> Vec<Mention> {
        let s = self.s;
        if let Some(group) = self.plural_antecedent(t) {
            return group;
        }
        let conjuncts = |start: usize| {
            let mut heads = vec![start];
            let mut k = 0;
            while k < heads.len() && heads.len() < 32 {
                let h = heads[k];
                for c in s.children(h) {
                    let member = s.rel(c) == "conj" || s.is_list_member(h, c);
                    if member && !heads.contains(&c) {
                        heads.push(c);
                    }
                }
                k += 1;
            }
            heads
        };
        let mut out: Vec<Mention> = Vec::new();
        let mut seen_tokens: Vec<usize> = Vec::new();
        let mut places_before: Vec<Mention> = Vec::new();
        let mut heads = conjuncts(t);
        let mut k = 0;
        while k < heads.len() {
            let c = heads[k];
            k += 1;
            let Some((at, m)) = self.mention_token(c) else {
                continue;
            };
            // The actor sat in a modifier: its own conjuncts join.
            if at != c && !seen_tokens.contains(&at) {
                seen_tokens.push(at);
                for extra in conjuncts(at).into_iter().skip(1) {
                    if !heads.contains(&extra) {
                        heads.push(extra);
                    }
                }
            }
            let mut found = vec![m.clone()];
            if m.code.starts_with("---") {
                let mut places: Vec<Mention> = s
                    .children(c)
                    .filter(|&n| {
                        s.rel(n) == "nmod"
                            && matches!(s.case_of(n).as_deref(), Some("of" | "in" | "from"))
                    })
                    .flat_map(|n| self.at_phrase(n))
                    .filter(|p| p.sector.is_none() && p.code.len() == 3)
                    .collect();
                if places.is_empty() {
                    places = places_before.clone();
                }
                if !places.is_empty() {
                    let sector = m.code.trim_start_matches('-').to_string();
                    places_before = places.clone();
                    found = places
                        .into_iter()
                        .map(|p| composed(&m, &p, &sector))
                        .collect();
                }
            } else if m.code.len() >= 3 {
                // "Danish media and government": the country carries over.
                if let Some(country) = m.code.get(..3).filter(|_| m.country.is_some()) {
                    places_before = vec![Mention {
                        code: country.to_string(),
                        sector: None,
                        ..m.clone()
                    }];
                }
            }
            found.extend(self.shared_head(at, &m));
            for f in found {
                if !out.iter().any(|o| o.start == f.start && o.code == f.code) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// "Iranian and Iraqi officials", "US and British activists", "the
    /// ambassadors of France and Italy": the other countries coordinated
    /// with the one that names the actor at `head` share its sector. Each
    /// comes back as its own actor.
    fn shared_head(&self, head: usize, m: &Mention) -> Vec<Mention> {
        let s = self.s;
        let Some(sector) = m.sector.as_deref() else {
            return Vec::new();
        };
        if m.country.is_none() || m.code.starts_with('-') {
            return Vec::new();
        }
        let mut out = Vec::new();
        for d in s.children(head).filter(|&d| {
            matches!(s.deprel(d), "amod" | "compound" | "nmod:poss")
                || (s.deprel(d) == "nmod" && s.case_of(d).as_deref() == Some("of"))
        }) {
            let mut members: Vec<usize> = vec![d];
            members.extend(s.children_rel(d, "conj"));
            for k in members {
                let Some(other) = self.at.get(k).copied().flatten() else {
                    continue;
                };
                let Some(other) = self.mentions.get(other) else {
                    continue;
                };
                // A bare country, not the phrase's own mention.
                let own = other.start <= head && head < other.end;
                let bare = other.sector.is_none() && other.code.len() == 3 && !own;
                if bare && other.country.is_some() && other.code != m.code.get(..3).unwrap_or("") {
                    out.push(composed(other, other, sector));
                }
            }
        }
        out
    }

    /// Source actors of trigger `i`.
    fn sources(&self, i: usize, is_noun: bool) -> Vec<Mention> {
        let s = self.s;
        // "killed at the hands of Mexican marines", "violence at the hands
        // of security forces": whose hands did it.
        let hands = s
            .children(i)
            .filter(|&c| s.lemma(c) == "hand" && s.case_of(c).as_deref() == Some("at"))
            .flat_map(|c| {
                s.children(c)
                    .filter(|&x| s.rel(x) == "nmod" && s.case_of(x).as_deref() == Some("of"))
            })
            .map(|x| self.at_phrase(x))
            .find(|found| !found.is_empty());
        if let Some(found) = hands {
            return found;
        }
        if is_noun {
            // "Israel's strikes", "strikes by Israel", "Israeli strikes".
            // But "his arrest", "Khashoggi's murder" name who underwent it.
            let patient_poss = patient_possessive(s, i);
            for c in s.children(i) {
                let rel = s.deprel(c);
                if rel == "nmod:poss" && patient_poss {
                    continue;
                }
                let by = rel.starts_with("nmod") && s.case_of(c).as_deref() == Some("by");
                if rel == "nmod:poss" || by || rel == "amod" || rel == "compound" {
                    let mut found = self.at_phrase(c);
                    // "a Baghdad rocket attack", "the Kabul bombing": a
                    // capital before the noun says where, not who.
                    if rel == "compound" {
                        found.retain(|m| m.place_code.is_none());
                    }
                    if !found.is_empty() {
                        return found;
                    }
                }
            }
            // "the killings of four people by Indian troops" with the
            // "by" phrase hung on the people: it names the doer.
            if let Some(found) = self.agent_under_of(i) {
                return found;
            }
            if let Some(found) = self.giver(i) {
                return found;
            }
            // A light verb's subject: "Israel launched strikes on Iran".
            // Other verbs' subjects did something else to the event:
            // "Turkey condemned the attack on Iran" names no attacker.
            if let Some(g) = s.head(i) {
                // "strikes were carried out by Israel": the passive's
                // agent. An active verb's subject is the noun itself
                // ("aid to Tunisia ... told"), which names no doer.
                // So for what the subject promises, plans or threatens to
                // do ("pledged aid to Ukraine", "threatened sanctions"):
                // the modality says it has not happened.
                let carries_out = match s.deprel(i) {
                    "obj" => {
                        let gl = s.lemma(g);
                        modality::LIGHT.contains(&gl.as_ref()) || PROMISING.contains(&gl.as_ref())
                    }
                    "nsubj:pass" => true,
                    _ => false,
                };
                if carries_out && s.tokens.get(g).is_some_and(|t| t.upos == "VERB") {
                    return self.sources(g, false);
                }
            }
            return Vec::new();
        }
        // Passive: the agent ("by Israel"); so for a reduced passive
        // ("five Iraqis killed in a bombing") and a verb whose subject
        // undergoes it ("an Afghan man died in a bomb attack").
        let passive = !s.is_active(i)
            && s.children(i)
                .any(|c| s.deprel(c) == "nsubj:pass" || s.deprel(c) == "aux:pass");
        if passive || self.undergoer(i).is_some() {
            if let Some(c) = s.agent(i) {
                return self.at_phrase(c);
            }
            // "were killed in Israeli tank shelling", "died in a Russian
            // missile strike", "killed during a raid by Ivorian bombers":
            // whoever carried out the event noun.
            let by_event = s
                .children(i)
                .filter(|&c| {
                    s.rel(c) == "obl" && matches!(s.case_of(c).as_deref(), Some("in" | "during"))
                })
                .find(|&c| self.event_nouns.contains_key(&s.lemma(c)))
                .map(|c| self.sources(c, true))
                .unwrap_or_default();
            if !by_event.is_empty() {
                return by_event;
            }
            // "rockets were fired from Lebanon at northern Israel": where
            // a launch came from names who launched it.
            // (Not "who was fired from the Council": a person is dismissed.)
            let person_fired = s.children(i).any(|c| {
                s.deprel(c) == "nsubj:pass" && s.tokens.get(c).is_some_and(|t| t.upos == "PRON")
            });
            if LAUNCHING.contains(&s.lemma(i).as_str()) && !person_fired {
                let from = s
                    .children(i)
                    .filter(|&c| s.rel(c) == "obl" && s.case_of(c).as_deref() == Some("from"))
                    .map(|c| self.at_phrase(c))
                    .find(|found| !found.is_empty());
                if let Some(found) = from {
                    return found;
                }
            }
            // "three soldiers were killed when militants ambushed a
            // patrol": whoever did what the clause of its moment tells
            // ("as" is too often a reason to be read so).
            // ("when they stepped on a mine" names the victims.)
            return s
                .children(i)
                .filter(|&c| {
                    s.rel(c) == "advcl"
                        && s.children(c).any(|m| {
                            // Not "at a time when ...": a clause on a noun.
                            let after_noun = m.checked_sub(1).is_some_and(|k| {
                                matches!(
                                    s.lemma(k).as_str(),
                                    "time" | "day" | "moment" | "period" | "point" | "era" | "hour"
                                )
                            });
                            matches!(s.rel(m), "mark" | "advmod")
                                && s.lower(m) == "when"
                                && !after_noun
                        })
                })
                .filter_map(|c| s.children(c).find(|&k| s.deprel(k) == "nsubj"))
                .filter(|&k| s.tokens.get(k).is_some_and(|t| t.upos != "PRON"))
                .map(|k| self.at_phrase(k))
                .find(|found| !found.is_empty())
                .unwrap_or_default();
        }
        self.subject_sources(i)
    }

    /// Who wrote or issued writing `h` ("a statement", "a letter"): its
    /// possessor ("Iran's statement") or its "from"/"by" phrase ("a letter
    /// from Chrysler"), else the doer of the verb of issuing or saying
    /// whose object or phrase it is ("issued a statement", "said in a
    /// statement"; not "received a letter", "commented on statements").
    fn writer(&self, h: usize) -> Vec<Mention> {
        let s = self.s;
        let named = s
            .children(h)
            .filter(|&c| {
                s.deprel(c) == "nmod:poss"
                    || (s.rel(c) == "nmod"
                        && matches!(s.case_of(c).as_deref(), Some("from" | "by")))
            })
            .map(|c| self.at_phrase(c))
            .find(|found| !found.is_empty());
        if let Some(found) = named {
            return found;
        }
        match s.head(h) {
            Some(g)
                if matches!(s.rel(h), "obj" | "obl")
                    && ISSUING.contains(&s.lemma(g).as_str())
                    && s.tokens.get(g).is_some_and(|t| t.upos == "VERB") =>
            {
                self.sources(g, false)
            }
            _ => Vec::new(),
        }
    }

    /// The actors of the phrase that names who did event noun `i`: its
    /// "from" phrase when `i` is something given ([`GIVEN_FROM`]:
    /// "assistance from OPEC"), its "of" phrase when `i` is done by it
    /// ([`DONE_BY_OF`]: "the mediation of the United Nations").
    fn giver(&self, i: usize) -> Option<Vec<Mention>> {
        let s = self.s;
        let lemma = s.lemma(i);
        let given = GIVEN_FROM.contains(&lemma.as_str());
        let done_by = DONE_BY_OF.contains(&lemma.as_str());
        s.children(i)
            .filter(|&c| {
                s.rel(c) == "nmod"
                    && match s.case_of(c).as_deref() {
                        Some("from") => given,
                        Some("of") => done_by,
                        _ => false,
                    }
            })
            .map(|c| self.at_phrase(c))
            .find(|found| !found.is_empty())
    }

    /// Whether `b` is a "by" phrase the parser hung on the "of" phrase of
    /// an event noun ("the killings of four people by Indian troops"):
    /// the event's doer, not part of the "of" phrase. Not when the "of"
    /// phrase is an event of its own ("allegations of killings by
    /// police": that noun's doer).
    fn misplaced_agent(&self, b: usize) -> bool {
        let s = self.s;
        let event = |k: usize| self.event_nouns.contains_key(&s.lemma(k));
        let of_event = |h: usize| {
            s.rel(h) == "nmod"
                && s.case_of(h).as_deref() == Some("of")
                && !event(h)
                && s.head(h).is_some_and(event)
        };
        s.rel(b) == "nmod"
            && s.case_of(b).as_deref() == Some("by")
            && s.head(b).is_some_and(of_event)
    }

    /// The actors of a "by" phrase hung on event noun `i`'s "of" phrase
    /// (`misplaced_agent`): they did what the noun says.
    fn agent_under_of(&self, i: usize) -> Option<Vec<Mention>> {
        let s = self.s;
        s.children(i)
            .flat_map(|c| s.children(c))
            .filter(|&b| self.misplaced_agent(b))
            .map(|b| self.at_phrase(b))
            .find(|found| !found.is_empty())
    }

    /// The one who undergoes clause `i` when the syntax does not say
    /// passive: the noun a past participle modifies ("Iraqis killed in a
    /// bombing", "journalists held hostage") and the subject of "die".
    fn undergoer(&self, i: usize) -> Option<usize> {
        let s = self.s;
        let t = s.tokens.get(i)?;
        // A passive participle takes no object or complement clause; one
        // with them is a past tense the parser hung on its subject
        // ("Rebels attacked government buildings", "the US leader
        // prepared to attend").
        let complemented = s
            .children(i)
            .any(|c| matches!(s.rel(c), "obj" | "xcomp" | "ccomp" | "nsubj"));
        if s.rel(i) == "acl" && t.xpos == "VBN" && !complemented {
            return s.head(i);
        }
        // "with five Iraqis killed in a car bombing": an absolute
        // participle's subject undergoes it.
        // The parser may hang "with" on the subject instead.
        let with_subject = s.children(i).any(|c| {
            s.deprel(c) == "nsubj" && s.children_rel(c, "case").any(|m| s.lower(m) == "with")
        });
        let absolute = t.xpos == "VBN"
            && (s.children_rel(i, "mark").any(|m| s.lower(m) == "with") || with_subject)
            && !s.children(i).any(|c| s.rel(c) == "aux");
        if absolute {
            return s.children(i).find(|&c| s.deprel(c) == "nsubj");
        }
        if matches!(s.lemma(i).as_str(), "die" | "perish") {
            return s.children(i).find(|&c| s.deprel(c) == "nsubj");
        }
        None
    }

    /// The sources of a clause by its subject, or by the clause that
    /// controls it.
    fn subject_sources(&self, i: usize) -> Vec<Mention> {
        let s = self.s;
        // The parser often makes the dateline ("ABUJA (Reuters) -") a
        // subject too; it never is one.
        let dateline = self.dateline;
        if let Some(subj) = s.subject(i, dateline) {
            // A relative pronoun stands for the noun the clause modifies.
            let is_relative = s.tokens.get(subj).is_some_and(|t| {
                matches!(t.lemma.to_lowercase().as_str(), "which" | "who" | "that")
            });
            if is_relative && s.rel(i) == "acl" {
                if let Some(h) = s.head(i) {
                    return self.at_phrase(h);
                }
            }
            let mut found = self.at_phrase(subj);
            // "GM sales in Europe totalled", "fires in southern China
            // destroyed": a place where a thing is does not act for it
            // ("a director at the bank" acts for his employer).
            let thing = self.at.get(subj).copied().flatten().is_none()
                && s.tokens.get(subj).is_some_and(|t| t.upos == "NOUN")
                && !matches!(s.lemma(subj).as_str(), "people" | "person");
            if thing {
                let places: Vec<(usize, usize)> = s
                    .children(subj)
                    .filter(|&c| {
                        s.rel(c) == "nmod"
                            && matches!(s.case_of(c).as_deref(), Some("in" | "near" | "on"))
                    })
                    .map(|c| s.subtree_span(c))
                    .collect();
                found.retain(|m| {
                    !places
                        .iter()
                        .any(|&(lo, hi)| lo <= m.start && m.start <= hi)
                });
            }
            // A clause has one subject: a second one after a coordinator
            // is a list the parser split ("The US, Russia, and Switzerland
            // met"); without one it is a misread name ("Bree Prime
            // Minister Romendacil").
            // A coordinator between them, or a comma before a subject
            // that heads the rest of the list ("Russia, China, Iran and
            // Syria condemned").
            let first_end = s.subtree_span(subj).1;
            // "Rohingya Muslim insurgents ambushed" with "Rohingya" a
            // subject of its own, "Hours earlier Maduro expelled": a first
            // subject that names no one, before a second one before the
            // verb, is the start of that one's phrase or no subject.
            if found.is_empty() {
                if let Some(rest) = s
                    .children(i)
                    .find(|&m| s.deprel(m) == "nsubj" && m > subj && m < i)
                {
                    found = self.at_phrase(rest);
                }
            }
            let coordinated = |more: usize| {
                let between = first_end + 1..more;
                between
                    .clone()
                    .any(|k| matches!(s.lower(k).as_str(), "and" | "or"))
                    || (between.into_iter().any(|k| s.lower(k) == ",")
                        && s.children_rel(more, "conj").next().is_some())
            };
            let more_subjects = s
                .children(i)
                .filter(|&m| s.deprel(m) == "nsubj" && m > subj && coordinated(m));
            for more in more_subjects {
                for m in self.at_phrase(more) {
                    if !found.iter().any(|f| f.start == m.start && f.code == m.code) {
                        found.push(m);
                    }
                }
            }
            return found;
        }
        // No own subject: control ("Iran refused to recall"), coordination
        // ("attacked and killed"), reduced relatives.
        // "vowed on Thursday to wage war" with "to wage" hung on the day,
        // "was pressured by Congress to help" with it hung on the agent:
        // the clause is the verb's.
        let is_verb = |g: usize| s.tokens.get(g).is_some_and(|t| t.upos == "VERB");
        let verbs_own = |h: usize| {
            s.children_rel(i, "mark").any(|m| s.lower(m) == "to")
                && (crate::dates::is_day_word(&s.lower(h)) || s.deprel(h) == "obl:agent")
                && s.head(h).is_some_and(is_verb)
        };
        let (rel, head) = match (s.rel(i), s.head(i)) {
            ("acl", Some(h)) if verbs_own(h) => ("advcl", s.head(h)),
            other => other,
        };
        match (rel, head) {
            // "Arnor is about to restore": an adjectival predicate controls too.
            ("xcomp" | "conj", Some(g))
                if s.tokens
                    .get(g)
                    .is_some_and(|t| matches!(t.upos, "VERB" | "ADJ" | "AUX")) =>
            {
                // "Obama is scheduled to attend": a passive raising verb's
                // subject is the one who attends.
                let raised = (s.rel(i) == "xcomp")
                    .then(|| s.children(g).find(|&c| s.deprel(c) == "nsubj:pass"))
                    .flatten();
                // "urged Iran to recall", "wants Putin to attack": with an
                // object, the object is the one who acts (object control;
                // "promise" is the rare verb that keeps its subject).
                let object = (s.rel(i) == "xcomp" && s.lemma(g) != "promise")
                    .then(|| {
                        s.children(g)
                            .find(|&c| matches!(s.rel(c), "obj" | "iobj") && c < i)
                    })
                    .flatten();
                match (raised, object) {
                    (Some(subj), _) => self.at_phrase(subj),
                    (None, Some(obj)) => self.at_phrase(obj),
                    (None, None) => self.sources(g, false),
                }
            }
            // "bombarded the city overnight, killing eight": a participle
            // clause set off by a comma tells what the main clause's doer
            // did, even where the parser hung it on a noun.
            ("acl", Some(h)) | ("advcl", Some(h))
                if s.is_comma_participle(i) && (rel == "acl" || !is_verb(h)) =>
            {
                let found = s
                    .verb_above(h)
                    .map(|g| self.sources(g, false))
                    .unwrap_or_default();
                if found.is_empty() {
                    self.at_phrase(h)
                } else {
                    found
                }
            }
            ("acl", Some(h)) => {
                let found = self.at_phrase(h);
                // "a statement calling for", not "a report released" (the
                // report underwent it) nor "a report containing" (what it
                // says).
                let says = s.tokens.get(i).is_some_and(|t| t.xpos == "VBG")
                    && !CONTENTS.contains(&s.lemma(i).as_str());
                if found.is_empty() && says && WRITINGS.contains(&s.lemma(h).as_str()) {
                    self.writer(h)
                } else {
                    found
                }
            }
            // "Israel struck Gaza, killing 20", "after meeting Putin": a
            // participle clause is done by the main clause's doer.
            // "jailed a student for helping militants", "accused Iran of
            // arming": a gerund of reason after an object is the object's;
            // after a passive, its subject's ("the army is accused of
            // killing civilians").
            ("advcl", Some(g))
                if s.tokens.get(i).is_some_and(|t| t.xpos == "VBG") && is_verb(g) =>
            {
                let reason = s.children(i).any(|m| {
                    matches!(s.deprel(m), "mark" | "case")
                        && matches!(s.lower(m).as_str(), "for" | "of")
                });
                let object = reason
                    .then(|| {
                        s.children(g)
                            .find(|&c| (s.rel(c) == "obj" || s.deprel(c) == "nsubj:pass") && c < i)
                    })
                    .flatten();
                match object {
                    Some(o) => self.at_phrase(o),
                    None => self.sources(g, false),
                }
            }
            // "vowed on Thursday to wage war", "launched strikes to
            // destroy": an infinitive clause with no subject of its own
            // is done by the main clause's subject.
            // A verb of asking or making someone do something hands the
            // clause to its object ("urged Bree on Monday to help"), as
            // with a complement.
            ("advcl", Some(g))
                if s.children_rel(i, "mark").any(|m| s.lower(m) == "to") && is_verb(g) =>
            {
                // "was pressured by Congress to help": the one pressured;
                // "called on the army to release": the one called on.
                let addressed = |c: usize| {
                    s.rel(c) == "obl"
                        && matches!(s.case_of(c).as_deref(), Some("on" | "upon" | "to"))
                };
                let controller = OBJECT_CONTROL
                    .contains(&s.lemma(g).as_str())
                    .then(|| {
                        s.children(g).find(|&c| {
                            ((matches!(s.rel(c), "obj" | "iobj") || addressed(c)) && c < i)
                                || s.deprel(c) == "nsubj:pass"
                        })
                    })
                    .flatten();
                match controller {
                    Some(c) => self.at_phrase(c),
                    None => self.sources(g, false),
                }
            }
            _ => Vec::new(),
        }
    }

    /// Targets when no pattern named the slot: an actor object, else an
    /// actor in a prepositional phrase with a target preposition (on the
    /// trigger or on its object: "recalled its ambassador from Baku").
    /// An actor with a country beats a bare sector word, and "its
    /// ambassador" belongs to the source, not the target.
    fn default_targets(&self, i: usize, is_noun: bool) -> Vec<Mention> {
        let s = self.s;
        let mut fallback: Vec<Mention> = Vec::new();
        let consider = |found: Vec<Mention>, fallback: &mut Vec<Mention>| -> Option<Vec<Mention>> {
            if found.is_empty() {
                return None;
            }
            if !found.iter().all(bare_sector) {
                return Some(found);
            }
            if fallback.is_empty() {
                *fallback = found;
            }
            None
        };
        let mut obj = None;
        let mut own_object = false;
        let mut object_is_party = false;
        if !is_noun {
            let passive = s.children(i).any(|c| s.deprel(c) == "aux:pass");
            // "sent Ukraine missiles", "urged Eriador to respond": the
            // indirect object receives. Who a report is told to counts
            // only when it is named ("told Brazil's finance minister", not
            // "told reporters").
            let indirect = s.children(i).find(|&c| s.rel(c) == "iobj");
            if let Some(o) = indirect {
                let found = self.at_phrase(o);
                if !(found.iter().all(bare_sector) && modality::is_speech(s, i)) {
                    if let Some(f) = consider(found, &mut fallback) {
                        return f;
                    }
                }
            }
            obj = if passive {
                s.children(i).find(|&c| s.deprel(c) == "nsubj:pass")
            } else {
                s.children(i)
                    .find(|&c| s.rel(c) == "obj")
                    .or_else(|| self.undergoer(i))
            };
            if let Some(o) = obj {
                // "its ambassador" is the source's own; "his Saudi
                // counterpart", "its Gulf neighbours" name another party.
                let other_party = RELATIONAL_NOUNS.contains(&s.lemma(o).as_ref());
                // "closed Venezuela's borders with Colombia": a border's
                // owner is the one who closes it; the other side is named
                // by "with".
                let shared_with = BOUNDARIES.contains(&s.lemma(o).as_ref())
                    && s.children(o)
                        .any(|c| s.rel(c) == "nmod" && s.case_of(c).as_deref() == Some("with"));
                let own = shared_with
                    || (!other_party
                        && s.children_rel(o, "nmod:poss")
                            .any(|p| s.tokens.get(p).is_some_and(|t| t.upos == "PRON")));
                own_object = own;
                if !own {
                    let found = self.at_phrase(o);
                    object_is_party = !found.is_empty();
                    if let Some(f) = consider(found, &mut fallback) {
                        return f;
                    }
                }
            }
        }
        // "agreed to impose sanctions on Belarus": the phrase may hang on
        // the light verb that carries the event noun.
        let carrier = light_verb_carrying(s, i, is_noun);
        let hosts: Vec<usize> = std::iter::once(i).chain(obj).chain(carrier).collect();
        // A noun's "from"/"of" phrase that names its giver or doer is no
        // target (`giver`), looked up once.
        let named_doer = is_noun && self.giver(i).is_some();
        for h in hosts {
            for c in s.children(h) {
                if !matches!(s.rel(c), "obl" | "nmod") {
                    continue;
                }
                let Some(case) = s.case_of(c) else { continue };
                // An object that is itself a party ("killed 18 soldiers"):
                // where it is ("on Mindanao island", "at the border") is a
                // place, not another target.
                if object_is_party
                    && Some(h) == obj
                    && matches!(case.as_str(), "on" | "at" | "near")
                {
                    continue;
                }
                // "benefit about three million peasants": "about" there
                // is a number's, not a topic.
                let number_after_about = s
                    .children_rel(c, "case")
                    .any(|k| s.tokens.get(k + 1).is_some_and(|t| t.upos == "NUM"));
                if case == "about" && number_after_about {
                    continue;
                }
                // Where a launch came from is its source, not its target;
                // so are the hands it happened at.
                let launched_from = case == "from" && LAUNCHING.contains(&s.lemma(h).as_str());
                if named_doer && h == i && matches!(case.as_str(), "from" | "of") {
                    continue;
                }
                if launched_from || (case == "at" && s.lemma(c) == "hand") {
                    continue;
                }
                if TARGET_PREPS.contains(&case.as_str()) || (is_noun && case == "of") {
                    if let Some(f) = consider(self.places(self.at_phrase(c), &case), &mut fallback)
                    {
                        return f;
                    }
                }
            }
        }
        // "his arrest", "Khashoggi's murder": the possessor underwent it.
        if is_noun && fallback.is_empty() && patient_possessive(s, i) {
            if let Some(p) = s.children_rel(i, "nmod:poss").next() {
                if let Some(f) = consider(self.at_phrase(p), &mut fallback) {
                    return f;
                }
            }
        }
        // What a report's misparsed object names is not its target.
        if fallback.is_empty() && !modality::reports(s, i) {
            if let Some(o) = obj {
                return self.named_inside(o, i, own_object);
            }
        }
        // "Hamas's leader survived an Israeli assassination attempt",
        // "Ukraine repelled a Russian attack": who underwent the event
        // is the subject of the verb that takes it, unless the event
        // says where it was aimed ("foiled an attack on Kirkuk").
        let aimed = || {
            s.children(i).any(|c| {
                s.rel(c) == "nmod"
                    && matches!(
                        s.case_of(c).as_deref(),
                        Some("on" | "against" | "upon" | "at" | "into" | "toward" | "towards")
                    )
            })
        };
        if fallback.is_empty() && is_noun && s.rel(i) == "obj" && !aimed() {
            if let Some(g) = s
                .head(i)
                .filter(|&g| UNDERGOING.contains(&s.lemma(g).as_str()))
            {
                return self.subject_sources(g);
            }
        }
        // "two soldiers were killed in a Taliban attack", "nine
        // peacekeepers died during an air raid": who suffered the harm
        // underwent the event it happened in.
        let harm_in_event = is_noun
            && s.rel(i) == "obl"
            && matches!(s.case_of(i).as_deref(), Some("in" | "during"));
        if fallback.is_empty() && harm_in_event && !aimed() {
            // The tagger may read the participle as an adjective ("were
            // wounded"); its lemma is then the participle itself.
            let harmed = |g: usize, adjective: bool| {
                let lemma = s.lemma(g);
                HARMED.contains(&lemma.as_str())
                    || (adjective
                        && s.children_rel(g, "cop").next().is_some()
                        && HARMED_ADJECTIVES.contains(&lemma.as_str()))
            };
            let head = s.head(i);
            let adjective = head
                .and_then(|g| s.tokens.get(g))
                .is_some_and(|t| t.upos == "ADJ");
            if let Some(g) = head.filter(|&g| harmed(g, adjective)) {
                let sufferer = s
                    .children(g)
                    .find(|&c| matches!(s.deprel(c), "nsubj:pass" | "obj"))
                    .or_else(|| self.undergoer(g))
                    .or_else(|| s.children(g).find(|&c| adjective && s.deprel(c) == "nsubj"));
                if let Some(v) = sufferer {
                    return self.at_phrase(v);
                }
            }
        }
        fallback
    }

    /// The actor named nearest the top of object `o`'s phrase, below its
    /// head: "criticized the closure of guest houses in Bree", "cordoned
    /// off the roads leading into Mordor". What the object is, is done to
    /// the one it belongs to or lies in. Relative and other full clauses
    /// inside the phrase tell something else and are not searched. In a
    /// phrase the source owns (`own`: "their populations in Bree") only the
    /// other party of a relation counts: "welcomed their resumption of
    /// ties with Osgiliath", "its dispute with Eriador".
    ///
    /// The trigger `i` may hang inside that phrase ("Sy, backed by the
    /// government"): its own dependents are not searched.
    fn named_inside(&self, o: usize, i: usize, own: bool) -> Vec<Mention> {
        let s = self.s;
        // Two steps down at most: further in, the phrase is about
        // something else ("a package of cuts after a week marked by
        // protests by farmers").
        const DEPTH: usize = 2;
        let mut queue: std::collections::VecDeque<(usize, usize)> =
            s.children(o).filter(|&c| c != i).map(|c| (c, 1)).collect();
        while let Some((n, depth)) = queue.pop_front() {
            let descend = match s.rel(n) {
                // (An object only under a participle: "the parade
                // supporting Gondor".)
                "nmod" | "obl" | "obj" => {
                    let case = s.case_of(n).unwrap_or_default();
                    let party = matches!(
                        case.as_str(),
                        "with" | "between" | "against" | "toward" | "towards"
                    );
                    let found = if own && !party {
                        Vec::new()
                    } else {
                        self.places(self.at_phrase(n), &case)
                    };
                    // Named, not a pronoun ("its debt") or a bare sector.
                    let pronoun = |m: &Mention| {
                        (m.start..m.end).any(|k| s.tokens.get(k).is_some_and(|t| t.upos == "PRON"))
                    };
                    let named = |m: &Mention| !bare_sector(m) && !pronoun(m);
                    if !found.is_empty() && found.iter().all(named) {
                        return found;
                    }
                    true
                }
                // Participles only: "roads leading into", "memos sent by".
                "acl" => s
                    .tokens
                    .get(n)
                    .is_some_and(|t| matches!(t.xpos, "VBG" | "VBN")),
                _ => false,
            };
            if descend && depth < DEPTH {
                queue.extend(s.children(n).filter(|&c| c != i).map(|c| (c, depth + 1)));
            }
        }
        Vec::new()
    }

    /// A capital after a place preposition is the country as a place
    /// ("from Baku" -> AZE), not its government.
    fn places(&self, found: Vec<Mention>, case: &str) -> Vec<Mention> {
        let locative = matches!(
            case,
            "in" | "from" | "at" | "near" | "to" | "into" | "inside" | "within" | "outside"
        );
        found
            .into_iter()
            .map(|m| if locative { as_place(m) } else { m })
            .collect()
    }
}

/// A capital named as where something is ("in Baku", "people in
/// Mogadishu") is its country as a place, not its government; other
/// actors stay as they are.
fn as_place(mut m: Mention) -> Mention {
    if let Some(p) = m.place_code.take() {
        m.code = p;
        m.sector = None;
    }
    m
}

/// What makes two events the same: source, target, code, modality, date.
type EventKey = (
    Option<String>,
    Option<String>,
    String,
    Modality,
    Option<NaiveDate>,
);

/// The same event told again in a document (same source, target, code,
/// modality and date) becomes one event with more evidence.
fn merge_repeats(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let key = |e: &Event| -> EventKey {
        (
            e.source.as_ref().map(|a| a.code.clone()),
            e.target.as_ref().map(|a| a.code.clone()),
            e.cameo.clone(),
            e.modality,
            e.date,
        )
    };
    let mut seen: HashMap<EventKey, usize> = HashMap::new();
    for e in events {
        let k = key(&e);
        match seen.get(&k) {
            Some(&i) if out[i].trigger != e.trigger => out[i].evidence.push(e.sentence),
            Some(_) => {}
            None => {
                seen.insert(k, out.len());
                out.push(e);
            }
        }
    }
    out
}

/// Genre from cues: op-ed markers and advocacy ("should", "must", first
/// person) make an opinion; analysis markers an analysis; else a report.
fn genre(doc: &DocumentInput<'_>) -> Genre {
    let (mut advocacy, mut first_person, mut analysis, mut words) =
        (0usize, 0usize, 0usize, 0usize);
    for s in doc.sentences {
        for t in &s.tokens {
            words += 1;
            match t.text.to_lowercase().as_str() {
                "should" | "must" | "ought" => advocacy += 1,
                "i" | "my" | "we" | "our" | "us" => first_person += 1,
                "analysis" | "analysts" | "analyst" | "likely" | "scenario" | "implications" => {
                    analysis += 1
                }
                _ => {}
            }
        }
    }
    let head = doc
        .text
        .get(..doc.text.len().min(400))
        .unwrap_or("")
        .to_lowercase();
    let op_ed = ["opinion", "op-ed", "commentary", "editorial", "column"]
        .iter()
        .any(|m| head.contains(m));
    let per_k = |n: usize| n * 1000 / words.max(1);
    if op_ed || per_k(advocacy) >= 6 || (per_k(first_person) >= 15 && advocacy > 0) {
        Genre::Opinion
    } else if per_k(analysis) >= 5 {
        Genre::Analysis
    } else {
        Genre::Report
    }
}

#[cfg(test)]
mod tests {
    use super::regular_forms;

    #[test]
    fn regular_inflections() {
        assert_eq!(
            regular_forms("concede"),
            ["concedes", "conceded", "conceding"]
        );
        assert_eq!(regular_forms("tie"), ["ties", "tied", "tying"]);
        assert_eq!(regular_forms("deny"), ["denies", "denied", "denying"]);
        assert_eq!(regular_forms("push"), ["pushes", "pushed", "pushing"]);
        // Both spellings where the consonant may double.
        assert_eq!(
            regular_forms("plan"),
            ["plans", "planed", "planing", "planned", "planning"]
        );
        assert!(regular_forms("").is_empty());
    }
}
