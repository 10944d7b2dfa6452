//! Actor entries (countries, capitals and seats of government,
//! international bodies and armed groups, people with dated roles) and
//! agents (sector words), read from our TSV files.

use crate::tsv::Table;
use crate::LexiconError;
use chrono::NaiveDate;

/// What kind of thing an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A country by name ("Iran", "Islamic Republic of Iran").
    Country,
    /// A country adjective or demonym ("Iranian", "Azeri").
    Adjective,
    /// A capital: the government when it acts ("Baku said"), the country
    /// when it is a place ("in Baku").
    Capital,
    /// A seat of government or institution used for it ("the Kremlin").
    Seat,
    /// An international organisation, NGO, party or armed group.
    Organization,
    /// A person with dated roles.
    Person,
    /// A sector word that composes with a country ("police", "envoy").
    Agent,
}

/// One dated code of an entry: a person's office, an armed group that
/// became a government.
#[derive(Clone, Debug)]
pub struct Role {
    pub code: String,
    /// Office title for people; empty otherwise.
    pub office: String,
    /// `hos`, `hog`, `fm`, `dm`, `other` for people; empty otherwise.
    pub post: String,
    /// First day (inclusive); `None` = no known start.
    pub start: Option<NaiveDate>,
    /// Last day (inclusive); `None` = still holds.
    pub end: Option<NaiveDate>,
    pub source: String,
}

impl Role {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }
}

/// A dictionary entry.
#[derive(Clone, Debug)]
pub struct Actor {
    pub kind: ActorKind,
    /// Key that a later layer uses to replace this entry: country code,
    /// organisation code, person name, agent or seat term.
    pub key: String,
    pub name: String,
    /// Every string that names the entry (the name included).
    pub aliases: Vec<String>,
    /// CAMEO country code, when the entry belongs to a country.
    pub country: Option<String>,
    /// The code when no role covers the date (a country, a person out of
    /// office: their country; an agent: its sector).
    pub base_code: Option<String>,
    pub roles: Vec<Role>,
    pub sources: Vec<String>,
    /// Overlay layer (0 = shipped); later layers win.
    pub layer: u16,
    /// File and line the entry came from, for `check`.
    pub origin: String,
}

impl Actor {
    /// Another row of the same entry: more aliases, one more role.
    fn add_row(&mut self, aliases: Vec<String>, role: Role, source: String) {
        for al in aliases {
            if !self.aliases.contains(&al) {
                self.aliases.push(al);
            }
        }
        self.roles.push(role);
        if !source.is_empty() && !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }
}

pub(crate) fn parse_date(
    table: &Table<'_>,
    row: &crate::tsv::Row<'_>,
    column: &str,
) -> Result<Option<NaiveDate>, LexiconError> {
    let s = table.get(row, column);
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| table.error(row, format!("`{column}` is not a YYYY-MM-DD date: {s:?}")))
}

fn origin(table: &Table<'_>, row: &crate::tsv::Row<'_>) -> String {
    format!("{}:{}", table.file, row.line)
}

fn check_code(
    table: &Table<'_>,
    row: &crate::tsv::Row<'_>,
    code: &str,
) -> Result<(), LexiconError> {
    // CAMEO codes are three-letter groups (IRNGOV); imported PETRARCH
    // dictionaries also hold a few irregular ones (NGOEEURENV) and
    // PETRARCH's placeholders (`+++`, `***`), so only the alphabet and a
    // sane length are enforced.
    let ok = (3..=18).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-+*/".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(table.error(
            row,
            format!("bad actor code {code:?}: want capitals in three-letter groups (IRNGOV)"),
        ))
    }
}

/// `countries.tsv`: a country row gives a Country entry (names), an
/// Adjective entry and a Capital entry per capital.
pub fn read_countries(file: &str, text: &str, layer: u16) -> Result<Vec<Actor>, LexiconError> {
    let t = Table::parse(
        file,
        text,
        &["code", "name", "names", "adjectives", "capitals"],
    )?;
    let mut out = Vec::new();
    for row in &t.rows {
        let code = t.get(row, "code");
        check_code(&t, row, code)?;
        let name = t.get(row, "name");
        if name.is_empty() {
            return Err(t.error(row, "empty `name`"));
        }
        let sources: Vec<String> = t
            .list(row, "sources")
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut names = vec![name.to_string()];
        names.extend(t.list(row, "names").iter().map(|s| s.to_string()));
        let base = Actor {
            kind: ActorKind::Country,
            key: code.to_string(),
            name: name.to_string(),
            aliases: names,
            country: Some(code.to_string()),
            base_code: Some(code.to_string()),
            roles: Vec::new(),
            sources,
            layer,
            origin: origin(&t, row),
        };
        let adjectives: Vec<String> = t
            .list(row, "adjectives")
            .iter()
            .map(|s| s.to_string())
            .collect();
        if !adjectives.is_empty() {
            out.push(Actor {
                kind: ActorKind::Adjective,
                aliases: adjectives,
                ..base.clone()
            });
        }
        for capital in t.list(row, "capitals") {
            out.push(Actor {
                kind: ActorKind::Capital,
                name: capital.to_string(),
                aliases: vec![capital.to_string()],
                ..base.clone()
            });
        }
        out.push(base);
    }
    Ok(out)
}

/// `international.tsv` / `actors.tsv`: one row per actor or dated span;
/// rows with the same code form one entry.
pub fn read_organizations(file: &str, text: &str, layer: u16) -> Result<Vec<Actor>, LexiconError> {
    let t = Table::parse(
        file,
        text,
        &["code", "name", "aliases", "start", "end", "source"],
    )?;
    let mut out: Vec<Actor> = Vec::new();
    let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for row in &t.rows {
        let code = t.get(row, "code");
        check_code(&t, row, code)?;
        let name = t.get(row, "name");
        if name.is_empty() {
            return Err(t.error(row, "empty `name`"));
        }
        let (start, end) = (parse_date(&t, row, "start")?, parse_date(&t, row, "end")?);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                return Err(t.error(row, format!("`end` {e} is before `start` {s}")));
            }
        }
        let source = t.get(row, "source").to_string();
        let country = Some(t.get(row, "country"))
            .filter(|c| !c.is_empty())
            .map(String::from);
        let role = Role {
            code: code.to_string(),
            office: String::new(),
            post: String::new(),
            start,
            end,
            source: source.clone(),
        };
        let mut aliases = vec![name.to_string()];
        aliases.extend(t.list(row, "aliases").iter().map(|s| s.to_string()));
        // Rows for one organisation share its name; their spans become roles.
        if let Some(&i) = by_name.get(name) {
            out[i].add_row(aliases, role, source);
            continue;
        }
        by_name.insert(name.to_string(), out.len());
        out.push(Actor {
            kind: ActorKind::Organization,
            key: name.to_string(),
            name: name.to_string(),
            aliases,
            country,
            base_code: None,
            roles: vec![role],
            sources: if source.is_empty() {
                Vec::new()
            } else {
                vec![source]
            },
            layer,
            origin: origin(&t, row),
        });
    }
    for a in &mut out {
        // A single undated span is simply the organisation's code.
        if a.roles.len() == 1 && a.roles[0].start.is_none() && a.roles[0].end.is_none() {
            a.base_code = Some(a.roles[0].code.clone());
            a.roles.clear();
        }
    }
    Ok(out)
}

pub const POSTS: [&str; 5] = ["hos", "hog", "fm", "dm", "other"];

/// `people/*.tsv`: one row per role span; rows with the same `person`
/// form one entry.
pub fn read_people(file: &str, text: &str, layer: u16) -> Result<Vec<Actor>, LexiconError> {
    let t = Table::parse(
        file,
        text,
        &[
            "person", "aliases", "country", "post", "code", "office", "start", "end", "source",
        ],
    )?;
    let mut out: Vec<Actor> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for row in &t.rows {
        let person = t.get(row, "person");
        if person.is_empty() {
            return Err(t.error(row, "empty `person`"));
        }
        let code = t.get(row, "code");
        check_code(&t, row, code)?;
        let country = t.get(row, "country");
        check_code(&t, row, country)?;
        let post = t.get(row, "post");
        if !POSTS.contains(&post) {
            return Err(t.error(
                row,
                format!("`post` {post:?} is not one of {}", POSTS.join(", ")),
            ));
        }
        let (start, end) = (parse_date(&t, row, "start")?, parse_date(&t, row, "end")?);
        if start.is_none() {
            return Err(t.error(row, "a role needs a `start` date"));
        }
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                return Err(t.error(row, format!("`end` {e} is before `start` {s}")));
            }
        }
        let source = t.get(row, "source").to_string();
        let role = Role {
            code: code.to_string(),
            office: t.get(row, "office").to_string(),
            post: post.to_string(),
            start,
            end,
            source: source.clone(),
        };
        let mut aliases = vec![person.to_string()];
        aliases.extend(t.list(row, "aliases").iter().map(|s| s.to_string()));
        if let Some(&i) = index.get(person) {
            let a = &mut out[i];
            if a.country.as_deref() != Some(country) {
                return Err(t.error(
                    row,
                    format!(
                        "{person}: country {country} here, {} at {}",
                        a.country.as_deref().unwrap_or(""),
                        a.origin
                    ),
                ));
            }
            a.add_row(aliases, role, source);
            continue;
        }
        index.insert(person.to_string(), out.len());
        out.push(Actor {
            kind: ActorKind::Person,
            key: person.to_string(),
            name: person.to_string(),
            aliases,
            country: Some(country.to_string()),
            base_code: Some(country.to_string()),
            roles: vec![role],
            sources: if source.is_empty() {
                Vec::new()
            } else {
                vec![source]
            },
            layer,
            origin: origin(&t, row),
        });
    }
    Ok(out)
}

/// One entry per `term` row: `agents.tsv` (sector words; the code is a
/// sector without a country, the provenance is `basis`) and `seats.tsv`
/// (places that stand for a government or institution: "the Kremlin",
/// "Downing Street", "Capitol Hill"; with a country and a `source`).
fn read_terms(
    file: &str,
    text: &str,
    layer: u16,
    kind: ActorKind,
) -> Result<Vec<Actor>, LexiconError> {
    let required: &[&str] = match kind {
        ActorKind::Seat => &["term", "code", "country", "source"],
        _ => &["term", "code"],
    };
    terms_of(&Table::parse(file, text, required)?, layer, kind)
}

/// `read_terms` over a parsed table.
fn terms_of(t: &Table<'_>, layer: u16, kind: ActorKind) -> Result<Vec<Actor>, LexiconError> {
    let provenance = match kind {
        ActorKind::Seat => "source",
        _ => "basis",
    };
    let mut out = Vec::new();
    for row in &t.rows {
        let term = t.get(row, "term");
        let code = t.get(row, "code");
        if term.is_empty() {
            return Err(t.error(row, "empty `term`"));
        }
        check_code(t, row, code)?;
        let from = t.get(row, provenance);
        out.push(Actor {
            kind,
            key: term.to_lowercase(),
            name: term.to_string(),
            aliases: vec![term.to_string()],
            country: Some(t.get(row, "country"))
                .filter(|c| !c.is_empty())
                .map(String::from),
            base_code: Some(code.to_string()),
            roles: Vec::new(),
            sources: if from.is_empty() {
                Vec::new()
            } else {
                vec![from.to_string()]
            },
            layer,
            origin: origin(t, row),
        });
    }
    Ok(out)
}

/// `agents.tsv`: sector words, and the terms whose optional `kind` is
/// "body" (a company, a newspaper), lower-cased.
pub fn read_agents(
    file: &str,
    text: &str,
    layer: u16,
) -> Result<(Vec<Actor>, Vec<String>), LexiconError> {
    let t = Table::parse(file, text, &["term", "code"])?;
    let bodies = t
        .rows
        .iter()
        .filter(|row| t.get(row, "kind") == "body")
        .map(|row| t.get(row, "term").to_lowercase())
        .collect();
    Ok((terms_of(&t, layer, ActorKind::Agent)?, bodies))
}

/// `seats.tsv`: seats of government and institutions.
pub fn read_seats(file: &str, text: &str, layer: u16) -> Result<Vec<Actor>, LexiconError> {
    read_terms(file, text, layer, ActorKind::Seat)
}
