//! `dyad lexicon check`: what a dictionary editor must fix.

use crate::{ActorKind, Lexicon, Role};
use chrono::NaiveDate;

#[derive(Clone, Debug, serde::Serialize)]
pub struct CheckIssue {
    /// `conflict`, `overlap`, `duplicate-alias`, `no-source`, `unknown-code`.
    pub check: &'static str,
    pub message: String,
    /// Where: file:line (and the other place, for pairs).
    pub origin: String,
}

/// Closed interval of days an entry is "live" for a reading.
type Span = (NaiveDate, NaiveDate);

fn span(r: &Role) -> Span {
    (
        r.start.unwrap_or(NaiveDate::MIN),
        r.end.unwrap_or(NaiveDate::MAX),
    )
}

/// Overlap of more than a single day: a successor usually starts on the
/// day the predecessor leaves.
fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Office titles that may share a post with its regular holder.
fn shared_office(office: &str) -> bool {
    let o = office.to_ascii_lowercase();
    o.starts_with("acting")
        || o.starts_with("co-")
        || o.starts_with("interim")
        || o.contains("rival")
        || o.contains("member of the presidency")
}

/// The (code, span) pairs during which an entry resolves to a code.
fn readings(a: &crate::Actor) -> Vec<(String, Span)> {
    let all = (NaiveDate::MIN, NaiveDate::MAX);
    match a.kind {
        ActorKind::Person => a.roles.iter().map(|r| (r.code.clone(), span(r))).collect(),
        _ => {
            let mut v: Vec<(String, Span)> =
                a.roles.iter().map(|r| (r.code.clone(), span(r))).collect();
            if let Some(c) = &a.base_code {
                if v.is_empty() {
                    v.push((
                        format!(
                            "{}{}",
                            c,
                            if a.kind == ActorKind::Capital {
                                "GOV"
                            } else {
                                ""
                            }
                        ),
                        all,
                    ));
                }
            }
            v
        }
    }
}

pub fn run(lex: &Lexicon) -> Vec<CheckIssue> {
    let mut out = Vec::new();
    let actors = lex.actors();
    // Entries without sources.
    for a in actors {
        let sourced = match a.kind {
            ActorKind::Person | ActorKind::Organization => {
                a.roles.iter().all(|r| !r.source.is_empty()) && !a.sources.is_empty()
            }
            _ => !a.sources.is_empty(),
        };
        if !sourced {
            out.push(CheckIssue {
                check: "no-source",
                message: format!("{} has no source", a.name),
                origin: a.origin.clone(),
            });
        }
    }
    // Overlapping roles: one entry with two codes at once for one post,
    // and two people holding one post of one country at once.
    for a in actors {
        for (i, r) in a.roles.iter().enumerate() {
            for q in &a.roles[i + 1..] {
                // Resolution prefers roles of the person's own country and
                // then the later start, so only a tie is ambiguous.
                let own = |x: &Role| a.country.as_deref().is_some_and(|c| x.code.starts_with(c));
                if r.code != q.code
                    && r.post == q.post
                    && own(r)
                    && own(q)
                    && r.start == q.start
                    && overlaps(span(r), span(q))
                {
                    out.push(CheckIssue {
                        check: "overlap",
                        message: format!(
                            "{}: {} and {} overlap ({:?}..{:?} / {:?}..{:?})",
                            a.name, r.code, q.code, r.start, r.end, q.start, q.end
                        ),
                        origin: a.origin.clone(),
                    });
                }
            }
        }
    }
    let mut posts: std::collections::HashMap<(String, String), Vec<(usize, &Role)>> =
        Default::default();
    for (i, a) in actors.iter().enumerate() {
        if a.kind != ActorKind::Person {
            continue;
        }
        for r in &a.roles {
            if r.post == "other" {
                continue;
            }
            posts
                .entry((r.code.clone(), r.post.clone()))
                .or_default()
                .push((i, r));
        }
    }
    let mut keys: Vec<_> = posts.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let list = &posts[&k];
        for (n, (i, r)) in list.iter().enumerate() {
            for (j, q) in &list[n + 1..] {
                if i != j
                    && overlaps(span(r), span(q))
                    && !shared_office(&r.office)
                    && !shared_office(&q.office)
                {
                    out.push(CheckIssue {
                        check: "overlap",
                        message: format!(
                            "{} {}: {} ({:?}..{:?}) and {} ({:?}..{:?}) hold it at once",
                            k.0,
                            k.1,
                            actors[*i].name,
                            r.start,
                            r.end,
                            actors[*j].name,
                            q.start,
                            q.end
                        ),
                        origin: format!("{} and {}", actors[*i].origin, actors[*j].origin),
                    });
                }
            }
        }
    }
    // Duplicate aliases: one phrase, two entries of one layer that read as
    // different codes at the same time.
    for vals in lex.trie().all_values() {
        for (n, &x) in vals.iter().enumerate() {
            for &y in &vals[n + 1..] {
                let (Some(a), Some(b)) = (actors.get(x as usize), actors.get(y as usize)) else {
                    continue;
                };
                if a.layer != b.layer {
                    continue;
                }
                let clash = readings(a).iter().any(|(ca, sa)| {
                    readings(b)
                        .iter()
                        .any(|(cb, sb)| ca != cb && overlaps(*sa, *sb))
                });
                if clash {
                    let phrase = a
                        .aliases
                        .iter()
                        .find(|al| {
                            b.aliases
                                .iter()
                                .any(|bl| crate::phrase_keys(bl) == crate::phrase_keys(al))
                        })
                        .cloned()
                        .unwrap_or_default();
                    out.push(CheckIssue {
                        check: "duplicate-alias",
                        message: format!("{phrase:?} names both {} and {}", a.name, b.name),
                        origin: format!("{} and {}", a.origin, b.origin),
                    });
                }
            }
        }
    }
    // Codes: actor country prefixes and verb pattern codes must exist.
    for a in actors {
        if let Some(c) = &a.country {
            if !lex.is_country(c) && c != "EUR" {
                out.push(CheckIssue {
                    check: "unknown-code",
                    message: format!("{}: unknown country {c}", a.name),
                    origin: a.origin.clone(),
                });
            }
        }
    }
    for g in &lex.verbs().groups {
        for p in g.patterns.iter().chain(&g.noun_patterns) {
            for code in p.code.split(':') {
                if !code.is_empty() && code != "---" && lex.event(code).is_none() {
                    out.push(CheckIssue {
                        check: "unknown-code",
                        message: format!(
                            "verb {}: pattern {:?} has unknown CAMEO code {code}",
                            g.name, p.text
                        ),
                        origin: p.origin.clone(),
                    });
                }
            }
            for word in p
                .text
                .split(|c: char| c.is_whitespace() || "{}()".contains(c))
            {
                if word.starts_with('&')
                    && !lex.verbs().synsets.contains_key(word.trim_end_matches('_'))
                {
                    out.push(CheckIssue {
                        check: "unknown-code",
                        message: format!(
                            "verb {}: pattern {:?} uses undefined synset {word}",
                            g.name, p.text
                        ),
                        origin: p.origin.clone(),
                    });
                }
            }
        }
    }
    out
}
