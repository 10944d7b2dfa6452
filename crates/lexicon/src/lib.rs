//! The `lexicon` stage: who is who (countries, capitals and seats of
//! government, international bodies and armed groups, people with dated
//! roles, sector words) and what codes mean (the CAMEO table with
//! Goldstein values, quad classes and PLOVER, and the verb dictionary).
//!
//! The shipped dictionaries are TSV files under `lexicon/` at the
//! repository root, compiled into the binary; `--lexicon DIR` overlays
//! add to and replace them at run time (later wins). Lookups scan a
//! token trie, O(tokens), and resolve people by the event's date.

mod actors;
mod check;
mod error;
mod events;
mod normalize;
pub mod petrarch;
mod places;
mod trie;
mod tsv;
mod verbs;

pub use actors::{Actor, ActorKind, Role};
pub use check::CheckIssue;
pub use error::LexiconError;
pub use events::{Convention, EventCode};
pub use normalize::{fold, phrase_key_forms, phrase_keys};
pub use places::Place;
pub use verbs::{Pattern, Verb, VerbDictionary, VerbGroup};

use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use trie::PhraseTrie;

/// The shipped dictionary files: (name, contents).
const BUNDLED: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../../lexicon/countries.tsv"),
    ),
    ("regions.tsv", include_str!("../../../lexicon/regions.tsv")),
    ("seats.tsv", include_str!("../../../lexicon/seats.tsv")),
    (
        "international.tsv",
        include_str!("../../../lexicon/international.tsv"),
    ),
    ("agents.tsv", include_str!("../../../lexicon/agents.tsv")),
    (
        "people/g20_west.tsv",
        include_str!("../../../lexicon/people/g20_west.tsv"),
    ),
    (
        "people/g20_east.tsv",
        include_str!("../../../lexicon/people/g20_east.tsv"),
    ),
    (
        "people/mideast_caucasus.tsv",
        include_str!("../../../lexicon/people/mideast_caucasus.tsv"),
    ),
    (
        "people/mideast_ministers_extra.tsv",
        include_str!("../../../lexicon/people/mideast_ministers_extra.tsv"),
    ),
    (
        "people/heads_africa_americas.tsv",
        include_str!("../../../lexicon/people/heads_africa_americas.tsv"),
    ),
    (
        "people/heads_europe_asia_oceania.tsv",
        include_str!("../../../lexicon/people/heads_europe_asia_oceania.tsv"),
    ),
    (
        "people/heads_2000_2019.tsv",
        include_str!("../../../lexicon/people/heads_2000_2019.tsv"),
    ),
    (
        "people/heads_2000_2019_gaps.tsv",
        include_str!("../../../lexicon/people/heads_2000_2019_gaps.tsv"),
    ),
    ("cameo.tsv", include_str!("../../../lexicon/cameo.tsv")),
    ("synsets.tsv", include_str!("../../../lexicon/synsets.tsv")),
    ("verbs.tsv", include_str!("../../../lexicon/verbs.tsv")),
    (
        "verbs_dyad.tsv",
        include_str!("../../../lexicon/verbs_dyad.tsv"),
    ),
    ("places.tsv", include_str!("../../../lexicon/places.tsv")),
];

/// An actor found in text, resolved at a date.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Mention {
    /// Token range in the scanned tokens.
    pub start: usize,
    pub end: usize,
    /// The actor code at the date (`IRNGOV`, `AZE`, `IGOUNO`, `---COP`).
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The entry's name.
    pub name: String,
    pub kind: ActorKind,
    /// For a capital: the code when it is a place ("in Baku" -> AZE);
    /// `code` is its metonymic reading ("Baku said" -> AZEGOV).
    pub place_code: Option<String>,
    /// The dated role that gave the code, if any.
    pub role_start: Option<NaiveDate>,
    pub role_end: Option<NaiveDate>,
    pub office: Option<String>,
}

/// Loaded dictionaries.
pub struct Lexicon {
    places: Vec<Place>,
    place_trie: PhraseTrie<u32>,
    actors: Vec<Actor>,
    trie: PhraseTrie<u32>,
    events: BTreeMap<String, EventCode>,
    verbs: VerbDictionary,
    countries: HashMap<String, usize>,
    /// Agent terms that name bodies, not people (`kind` "body" in
    /// `agents.tsv`: "company", "newspaper"), lower-cased.
    bodies: HashSet<String>,
    /// Problems found while merging layers (reported by `check`).
    merge_issues: Vec<CheckIssue>,
    layers: Vec<String>,
}

/// Counts for reports.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Stats {
    pub countries: usize,
    pub organizations: usize,
    pub people: usize,
    pub roles: usize,
    pub agents: usize,
    pub seats: usize,
    pub phrases: usize,
    pub event_codes: usize,
    pub verbs: usize,
    pub patterns: usize,
    pub places: usize,
}

/// The kind of a dictionary file, by its name.
fn file_role(name: &str) -> Option<&'static str> {
    let base = name.rsplit('/').next().unwrap_or(name);
    Some(match base {
        "countries.tsv" | "regions.tsv" => "countries",
        "seats.tsv" => "seats",
        "international.tsv" | "actors.tsv" => "organizations",
        "agents.tsv" => "agents",
        "cameo.tsv" => "cameo",
        "verbs.tsv" | "verbs_dyad.tsv" => "verbs",
        "synsets.tsv" => "synsets",
        "places.tsv" => "places",
        "people.tsv" => "people",
        _ if name.starts_with("people/") && base.ends_with(".tsv") => "people",
        _ => return None,
    })
}

struct Builder {
    places: Vec<(Place, Vec<String>)>,
    actors: Vec<Option<Actor>>,
    /// (kind class, key) -> index in `actors`.
    keys: HashMap<(u8, String), usize>,
    events: BTreeMap<String, EventCode>,
    verbs: VerbDictionary,
    issues: Vec<CheckIssue>,
    bodies: HashSet<String>,
}

fn kind_class(a: &Actor) -> (u8, String) {
    let c = match a.kind {
        ActorKind::Country => 0,
        ActorKind::Adjective => 1,
        ActorKind::Capital => 2,
        ActorKind::Seat => 3,
        ActorKind::Organization => 4,
        ActorKind::Person => 5,
        ActorKind::Agent => 6,
    };
    let key = if a.kind == ActorKind::Capital {
        format!("{}\t{}", a.key, a.name)
    } else {
        a.key.clone()
    };
    (c, key)
}

impl Builder {
    fn new() -> Builder {
        Builder {
            places: Vec::new(),
            actors: Vec::new(),
            keys: HashMap::new(),
            events: BTreeMap::new(),
            verbs: VerbDictionary::default(),
            issues: Vec::new(),
            bodies: HashSet::new(),
        }
    }

    fn add_actors(&mut self, list: Vec<Actor>) {
        for a in list {
            let k = kind_class(&a);
            match self.keys.get(&k).copied() {
                Some(i) => {
                    let Some(old) = self.actors[i].as_mut() else {
                        continue;
                    };
                    if old.layer == a.layer {
                        merge_same_layer(old, a, &mut self.issues);
                    } else {
                        // A later layer replaces the entry.
                        self.actors[i] = Some(a);
                    }
                }
                None => {
                    self.keys.insert(k, self.actors.len());
                    self.actors.push(Some(a));
                }
            }
        }
    }

    /// Reads one file; `kind_name` is its name in a lexicon directory
    /// (`people/x.tsv`), `name` what messages call it.
    fn add_file(
        &mut self,
        kind_name: &str,
        name: &str,
        text: &str,
        layer: u16,
    ) -> Result<(), LexiconError> {
        match file_role(kind_name) {
            Some("countries") => self.add_actors(actors::read_countries(name, text, layer)?),
            Some("seats") => self.add_actors(actors::read_seats(name, text, layer)?),
            Some("organizations") => {
                self.add_actors(actors::read_organizations(name, text, layer)?)
            }
            Some("agents") => {
                let (agents, bodies) = actors::read_agents(name, text, layer)?;
                self.bodies.extend(bodies);
                self.add_actors(agents)
            }
            Some("people") => self.add_actors(actors::read_people(name, text, layer)?),
            Some("cameo") => {
                for (code, ec) in events::read_event_codes(name, text)? {
                    self.events.insert(code, ec);
                }
            }
            Some("verbs") => self.verbs.read(name, text, layer)?,
            Some("synsets") => self.verbs.read_synsets(name, text)?,
            Some("places") => self.places.extend(places::read_places(name, text)?),
            _ => {}
        }
        Ok(())
    }
}

fn merge_same_layer(old: &mut Actor, new: Actor, issues: &mut Vec<CheckIssue>) {
    let same = old.country == new.country && old.base_code == new.base_code;
    if !same {
        issues.push(CheckIssue {
            check: "conflict",
            message: format!(
                "{} is defined twice with different codes or countries ({} / {})",
                new.key,
                old.base_code.as_deref().unwrap_or("-"),
                new.base_code.as_deref().unwrap_or("-")
            ),
            origin: format!("{} and {}", old.origin, new.origin),
        });
        return;
    }
    for al in new.aliases {
        if !old.aliases.contains(&al) {
            old.aliases.push(al);
        }
    }
    old.roles.extend(new.roles);
    for s in new.sources {
        if !old.sources.contains(&s) {
            old.sources.push(s);
        }
    }
}

impl Lexicon {
    /// The shipped dictionaries.
    pub fn bundled() -> Result<Lexicon, LexiconError> {
        Self::load(&[])
    }

    /// The shipped dictionaries with overlay directories on top, in order
    /// (later wins). An overlay holds any of the shipped file names
    /// (`countries.tsv`, `seats.tsv`, `international.tsv` or `actors.tsv`,
    /// `agents.tsv`, `people.tsv` or `people/*.tsv`, `cameo.tsv`,
    /// `verbs.tsv`, `synsets.tsv`).
    pub fn load(overlays: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::new();
        let mut layers = vec!["shipped".to_string()];
        for (name, text) in BUNDLED {
            b.add_file(name, name, text, 0)?;
        }
        for (i, dir) in overlays.iter().enumerate() {
            let layer = u16::try_from(i + 1).unwrap_or(u16::MAX);
            let files = overlay_files(dir)?;
            if files.is_empty() {
                return Err(LexiconError::Input {
                    path: dir.clone(),
                    message: "no dictionary files here (want countries.tsv, international.tsv, actors.tsv, agents.tsv, seats.tsv, people/*.tsv, cameo.tsv, verbs.tsv or synsets.tsv)".into(),
                });
            }
            for (name, path) in files {
                let text = std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                    path: path.clone(),
                    source,
                })?;
                b.add_file(&name, &path.display().to_string(), &text, layer)?;
            }
            layers.push(dir.display().to_string());
        }
        Ok(Self::finish(b, layers))
    }

    /// A lexicon from in-memory files (`(file name, contents)`, named as in
    /// a lexicon directory: `actors.tsv`, `agents.tsv`, `verbs.tsv`, ...)
    /// on top of the shipped event-code table alone: for running a
    /// dictionary set such as a PETRARCH validation suite's on its own.
    pub fn from_files_with_event_codes(
        files: &[(String, String)],
    ) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::new();
        for (name, text) in BUNDLED {
            if *name == "cameo.tsv" || *name == "countries.tsv" {
                // Countries are kept for code splitting (country, sector),
                // but their names are not matched: see below.
                b.add_file(name, name, text, 0)?;
            }
        }
        // The caller's dictionaries alone name actors.
        for a in b.actors.iter_mut().flatten() {
            a.aliases.clear();
        }
        for (name, text) in files {
            b.add_file(name, name, text, 1)?;
        }
        Ok(Self::finish(
            b,
            vec!["event codes".into(), "given files".into()],
        ))
    }

    fn finish(b: Builder, layers: Vec<String>) -> Lexicon {
        let actors: Vec<Actor> = b.actors.into_iter().flatten().collect();
        let mut trie = PhraseTrie::new();
        let mut countries = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            if a.kind == ActorKind::Country {
                countries.insert(a.key.clone(), i);
            }
            let mut seen: Vec<Vec<String>> = Vec::new();
            for keys in a.aliases.iter().flat_map(|al| phrase_key_forms(al)) {
                if !keys.is_empty() && !seen.contains(&keys) {
                    trie.insert(&keys, i as u32);
                    seen.push(keys);
                }
            }
        }
        let mut place_trie = PhraseTrie::new();
        let mut places = Vec::with_capacity(b.places.len());
        for (i, (p, names)) in b.places.into_iter().enumerate() {
            let mut seen: Vec<Vec<String>> = Vec::new();
            for keys in names.iter().flat_map(|n| phrase_key_forms(n)) {
                if !keys.is_empty() && !seen.contains(&keys) {
                    place_trie.insert(&keys, i as u32);
                    seen.push(keys);
                }
            }
            places.push(p);
        }
        Lexicon {
            places,
            place_trie,
            actors,
            trie,
            events: b.events,
            verbs: b.verbs,
            countries,
            bodies: b.bodies,
            merge_issues: b.issues,
            layers,
        }
    }

    /// Whether an agent term (or its last word: "Iraq officials" ->
    /// "officials") names a body rather than a person ("company",
    /// "newspaper"), so "he" or "she" cannot stand for it.
    pub fn is_body(&self, term: &str) -> bool {
        let term = term.to_lowercase();
        let last = term.split_whitespace().last().unwrap_or("");
        self.bodies.contains(&term) || self.bodies.contains(last)
    }

    pub fn layers(&self) -> &[String] {
        &self.layers
    }

    pub fn stats(&self) -> Stats {
        let count = |k: ActorKind| self.actors.iter().filter(|a| a.kind == k).count();
        Stats {
            countries: count(ActorKind::Country),
            organizations: count(ActorKind::Organization),
            people: count(ActorKind::Person),
            roles: self.actors.iter().map(|a| a.roles.len()).sum(),
            agents: count(ActorKind::Agent),
            seats: count(ActorKind::Seat),
            phrases: self.trie.all_values().count(),
            event_codes: self.events.len(),
            verbs: self.verbs.n_verbs(),
            patterns: self.verbs.n_patterns(),
            places: self.places.len(),
        }
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The longest place name starting at `tokens[start]`: (end, place).
    /// Among places of one name, one in `country` if given, else the most
    /// populous (Tripoli: Libya's capital before Lebanon's city).
    ///
    /// `keys` are the sentence's tokens through [`fold`], folded once by the
    /// caller (this runs for several positions of a sentence).
    pub fn place_at(
        &self,
        keys: &[String],
        start: usize,
        country: Option<&str>,
    ) -> Option<(usize, &Place)> {
        let found = self.place_trie.matches_at(keys, start);
        let (end, ids) = found.last()?;
        let candidates = || ids.iter().filter_map(|&i| self.places.get(i as usize));
        let rank = |p: &&Place| (p.kind != "region", p.population);
        let top = candidates().max_by_key(rank)?;
        // The place in the country the text is about, unless that is a
        // town and the name belongs first to a national capital or a city
        // twenty times its size elsewhere ("agreed in Paris" by the United
        // States is not Paris, Texas).
        let hinted = country.and_then(|c| candidates().filter(|p| p.country == c).max_by_key(rank));
        let best = match hinted {
            // A region of that country (a state, a province) stays.
            Some(h) if h.kind == "region" => h,
            Some(h) => {
                let capital = top.kind == "capital" && h.kind != "capital";
                let dwarfed = top.population >= h.population.saturating_mul(20);
                if capital || dwarfed {
                    top
                } else {
                    h
                }
            }
            None => top,
        };
        Some((*end, best))
    }

    /// A CAMEO event code's entry.
    pub fn event(&self, code: &str) -> Option<&EventCode> {
        self.events.get(code)
    }

    pub fn events(&self) -> impl Iterator<Item = &EventCode> {
        self.events.values()
    }

    pub fn verbs(&self) -> &VerbDictionary {
        &self.verbs
    }

    /// Whether `code` starts with a known country code: (country, sector).
    pub fn split_code<'a>(&self, code: &'a str) -> (Option<&'a str>, Option<&'a str>) {
        let country = code.get(..3).filter(|c| self.countries.contains_key(*c));
        let sector = match country {
            Some(_) => code.get(3..).filter(|s| !s.is_empty()),
            None => code.strip_prefix("---").filter(|s| !s.is_empty()),
        };
        (country, sector)
    }

    /// The code of an actor at `date`, with the role that gave it.
    pub fn resolve<'a>(
        &self,
        actor: &'a Actor,
        date: NaiveDate,
    ) -> (Option<String>, Option<&'a Role>) {
        // Highest post first (head of state, of government, foreign,
        // defence, other), then the person's own country's role (the
        // Queen is GBRGOV before CANGOV), then the latest start.
        // Dictionary organisations (and PETRARCH imports) read like
        // PETRARCH: the first dated code that covers the date, in file
        // order, then an undated one.
        if actor.kind == ActorKind::Organization {
            let dated = actor
                .roles
                .iter()
                .find(|r| (r.start.is_some() || r.end.is_some()) && r.covers(date));
            let undated = actor
                .roles
                .iter()
                .find(|r| r.start.is_none() && r.end.is_none());
            if let Some(r) = dated.or(undated) {
                return (Some(r.code.clone()).filter(|c| c != "---"), Some(r));
            }
            return (actor.base_code.clone().filter(|c| c != "---"), None);
        }
        let rank = |r: &Role| {
            actors::POSTS
                .iter()
                .position(|p| *p == r.post)
                .unwrap_or(actors::POSTS.len())
        };
        let foreign = |r: &Role| {
            !actor
                .country
                .as_deref()
                .is_some_and(|c| r.code.starts_with(c))
        };
        let best = actor
            .roles
            .iter()
            .filter(|r| r.covers(date) && r.code != "---")
            .min_by(|a, b| {
                rank(a)
                    .cmp(&rank(b))
                    .then(foreign(a).cmp(&foreign(b)))
                    .then(b.start.cmp(&a.start))
            });
        match best {
            Some(r) => (Some(r.code.clone()), Some(r)),
            None => (actor.base_code.clone().filter(|c| c != "---"), None),
        }
    }

    /// Actors in a sentence's tokens at `date`: longest match at each
    /// position, then composition of neighbours ("Iranian" + "police" ->
    /// IRNCOP, "President" + "Pezeshkian" -> the person, "police of Iran").
    pub fn mentions(&self, tokens: &[&str], date: NaiveDate) -> Vec<Mention> {
        let keys: Vec<String> = tokens.iter().map(|t| fold(t)).collect();
        let mut raw = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let found = self.trie.matches_at(&keys, i);
            let Some((end, candidates)) = found.last() else {
                i += 1;
                continue;
            };
            // A name whose every code has ended by `date` still names its
            // actor, by the last code it had: "the Revolutionary Armed
            // Forces of Colombia" in a text of today is the guerrilla, not
            // the "Armed Forces of Colombia" inside its name.
            let found = self.best_candidate(candidates, i, *end, date).or_else(|| {
                let last = self.last_day(candidates)?;
                self.best_candidate(candidates, i, *end, last)
            });
            if let Some(m) = found {
                raw.push(m);
                i = *end;
            } else {
                i += 1;
            }
        }
        compose(raw, &keys)
    }

    /// Token ranges of the multi-word names the dictionary holds for
    /// countries, capitals, seats, organisations and people ("Human
    /// Rights Watch", "Free Syrian Army", "Donald Trump"), longest first
    /// and not overlapping: what a tagger should read as proper nouns.
    /// Titles and other sector words are no names.
    pub fn name_spans(&self, tokens: &[&str]) -> Vec<(usize, usize)> {
        let keys: Vec<String> = tokens.iter().map(|t| fold(t)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let found = self.trie.matches_at(&keys, i);
            let named = found.iter().rev().find(|(end, candidates)| {
                *end >= i + 2
                    && candidates.iter().any(|&c| {
                        self.actors.get(c as usize).is_some_and(|a| {
                            !matches!(a.kind, ActorKind::Agent | ActorKind::Adjective)
                        })
                    })
            });
            match named {
                Some(&(end, _)) => {
                    out.push((i, end));
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// `mentions` over a text tokenized here (for lookups).
    pub fn lookup(&self, text: &str, date: NaiveDate) -> Vec<Mention> {
        let spans = dyad_text::tokenize(text);
        let tokens: Vec<&str> = spans.iter().map(|t| &text[t.start..t.end]).collect();
        self.mentions(&tokens, date)
    }

    /// The last day any dated code of `candidates` covers. People are
    /// left out: someone out of office is not the office.
    fn last_day(&self, candidates: &[u32]) -> Option<NaiveDate> {
        candidates
            .iter()
            .filter_map(|&c| self.actors.get(c as usize))
            .filter(|a| a.kind != ActorKind::Person)
            .flat_map(|a| a.roles.iter().filter_map(|r| r.end))
            .max()
    }

    fn best_candidate(
        &self,
        candidates: &[u32],
        start: usize,
        end: usize,
        date: NaiveDate,
    ) -> Option<Mention> {
        let top_layer = candidates
            .iter()
            .filter_map(|&c| self.actors.get(c as usize))
            .map(|a| a.layer)
            .max()?;
        let mut best: Option<(u8, Mention)> = None;
        for &c in candidates {
            let Some(a) = self.actors.get(c as usize) else {
                continue;
            };
            if a.layer != top_layer {
                continue;
            }
            let (code, role) = self.resolve(a, date);
            let Some(code) = code else { continue };
            // People in office and dated organisations first; then places
            // and bodies; people out of office last.
            // A dated code that covers the date beats a default one (two
            // "President Bush" entries: the one in office that year).
            let dated = role.is_some_and(|r| r.start.is_some() || r.end.is_some());
            let score = match (a.kind, role.is_some()) {
                (ActorKind::Person, true) => 0,
                (ActorKind::Organization, _) if dated => 1,
                (ActorKind::Organization, _) => 2,
                (
                    ActorKind::Country
                    | ActorKind::Adjective
                    | ActorKind::Seat
                    | ActorKind::Capital,
                    _,
                ) => 3,
                (ActorKind::Agent, _) => 4,
                (ActorKind::Person, false) => 5,
            };
            if best.as_ref().is_some_and(|(s, _)| *s <= score) {
                continue;
            }
            let (code, place_code) = match a.kind {
                ActorKind::Capital => (format!("{code}GOV"), Some(code)),
                ActorKind::Agent => (format!("---{code}"), None),
                _ => (code, None),
            };
            let (country, sector) = self.split_code(&code);
            let m = Mention {
                start,
                end,
                country: country.map(String::from).or_else(|| a.country.clone()),
                sector: sector.map(String::from),
                code,
                name: a.name.clone(),
                kind: a.kind,
                place_code,
                role_start: role.and_then(|r| r.start),
                role_end: role.and_then(|r| r.end),
                office: role.map(|r| r.office.clone()).filter(|o| !o.is_empty()),
            };
            best = Some((score, m));
        }
        best.map(|(_, m)| m)
    }

    /// Dictionary problems: conflicts, overlapping dates, duplicate
    /// aliases, entries without sources, unknown codes.
    pub fn check(&self) -> Vec<CheckIssue> {
        let mut out = self.merge_issues.clone();
        out.extend(check::run(self));
        out
    }

    pub(crate) fn trie(&self) -> &PhraseTrie<u32> {
        &self.trie
    }

    pub(crate) fn is_country(&self, code: &str) -> bool {
        self.countries.contains_key(code)
    }
}

/// The dictionary files of an overlay directory.
fn overlay_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, LexiconError> {
    let io = |source| LexiconError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    // Shipped order matters: cameo before verbs (checks), countries first.
    for p in entries {
        let Some(name) = p.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if p.is_dir() && name == "people" {
            let mut people: Vec<PathBuf> = std::fs::read_dir(&p)
                .map_err(|source| LexiconError::Io {
                    path: p.clone(),
                    source,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|q| q.extension().is_some_and(|e| e == "tsv"))
                .collect();
            people.sort();
            for q in people {
                let n = format!(
                    "people/{}",
                    q.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                );
                out.push((n, q));
            }
        } else if file_role(&name).is_some() {
            out.push((name, p));
        }
    }
    Ok(out)
}

/// Joins neighbouring mentions: country + agent, agent + "of" + country,
/// titles before a person, an organisation + its agent.
fn compose(raw: Vec<Mention>, keys: &[String]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(raw.len());
    for m in raw {
        let Some(prev) = out.last_mut() else {
            out.push(m);
            continue;
        };
        let gap: Vec<&str> = keys[prev.end..m.start].iter().map(String::as_str).collect();
        let adjacent = gap.is_empty() || gap == ["'s"] || gap == ["'"];
        // A country, or a dictionary actor with a bare three-letter code
        // (PETRARCH actor files name countries that way), takes agents.
        let nation = matches!(prev.kind, ActorKind::Country | ActorKind::Adjective)
            || (matches!(prev.kind, ActorKind::Organization | ActorKind::Seat)
                && prev.code.len() == 3);
        match (prev.kind, m.kind) {
            // "Iranian police", "Iran's foreign minister".
            (_, ActorKind::Agent) if nation && adjacent => {
                let country = prev.code.clone();
                let sector = m.sector.clone().unwrap_or_default();
                prev.code = format!("{country}{sector}");
                prev.sector = Some(sector);
                prev.end = m.end;
                prev.kind = ActorKind::Agent;
                prev.name = format!("{} {}", prev.name, m.name);
            }
            // "UN troops", "EU foreign policy chief": the body's code with
            // the sector appended, as PETRARCH composes it (IGOUNOMIL).
            (ActorKind::Organization, ActorKind::Agent) if adjacent => {
                let sector = m.sector.clone().unwrap_or_default();
                if !prev.code.ends_with(&sector) {
                    prev.code = format!("{}{sector}", prev.code);
                }
                prev.sector = Some(sector);
                prev.end = m.end;
                prev.name = format!("{} {}", prev.name, m.name);
            }
            // "police of Iran", "foreign minister of Azerbaijan".
            (ActorKind::Agent, ActorKind::Country | ActorKind::Organization)
                if prev.country.is_none()
                    && prev.code.starts_with("---")
                    && (m.kind == ActorKind::Country || m.code.len() == 3)
                    && (gap == ["of"] || gap == ["of", "the"]) =>
            {
                let sector = prev.sector.clone().unwrap_or_default();
                prev.code = format!("{}{sector}", m.code);
                prev.country = Some(m.code.clone());
                prev.end = m.end;
            }
            // "President Pezeshkian", "Iran's President Masoud Pezeshkian".
            // A title of another country names someone else of the same
            // name ("Ukrainian President Petro Poroshenko" is not
            // Colombia's Gustavo Petro): the title stands, over the name.
            (ActorKind::Agent, ActorKind::Person) if gap.is_empty() => {
                let foreign = prev
                    .country
                    .as_ref()
                    .zip(m.country.as_ref())
                    .is_some_and(|(title, person)| title != person);
                // "Peruvian President Alan Garcia" in 1987, a term the
                // dictionary lacks: the office the text names stands over
                // a person it has out of office ("former" titles aside).
                let former = (prev.start.saturating_sub(1)..prev.end)
                    .filter_map(|k| keys.get(k))
                    .any(|k| matches!(k.as_str(), "former" | "ex") || k.starts_with("ex-"));
                let out_of_office = m.office.is_none() && m.role_start.is_none();
                let titled = prev.sector.is_some() && !former;
                if foreign {
                    prev.end = m.end;
                } else if out_of_office && titled {
                    // "President Alan Garcia": the person's country, the
                    // title's office.
                    if prev.country.is_none() {
                        if let Some(country) = m.country.clone() {
                            let sector = prev.sector.clone().unwrap_or_default();
                            prev.code = format!("{country}{sector}");
                            prev.country = Some(country);
                        }
                    }
                    prev.end = m.end;
                } else {
                    let start = prev.start;
                    *prev = m;
                    prev.start = start;
                }
            }
            _ => out.push(m),
        }
    }
    out
}
