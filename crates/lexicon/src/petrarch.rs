//! Importer for PETRARCH / TABARI dictionaries: actors (with synonyms and
//! dated codes on their own lines or inline, 6- and 8-digit dates, `<` and
//! `>`), agents (plurals, `{}` forms, `!MACRO!` substitutions, `~`
//! placement), verbs (synsets, blocks, irregular forms, patterns, paired
//! codes, transformations), discards, issues, prepositions and the PICO
//! ontology. Each file becomes rows of our TSV formats; every line that
//! cannot be read is reported with its file and line, and the rest goes on.

use crate::tsv;
use chrono::NaiveDate;

/// Which dictionary a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictKind {
    Actors,
    Agents,
    Verbs,
    Discards,
    Issues,
    Prepositions,
    Ontology,
}

impl std::str::FromStr for DictKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "actors" => DictKind::Actors,
            "agents" => DictKind::Agents,
            "verbs" => DictKind::Verbs,
            "discards" => DictKind::Discards,
            "issues" => DictKind::Issues,
            "prepositions" => DictKind::Prepositions,
            "ontology" | "pico" => DictKind::Ontology,
            _ => {
                return Err(format!(
                    "unknown dictionary kind {s:?}: use actors, agents, verbs, discards, issues, prepositions or ontology"
                ))
            }
        })
    }
}

impl DictKind {
    /// Guesses the kind from a PETRARCH file name (`Phoenix.agents.txt`,
    /// `CAMEO.2.0.txt`, ...).
    pub fn from_file_name(name: &str) -> Option<DictKind> {
        let n = name.to_ascii_lowercase();
        Some(if n.contains("actor") {
            DictKind::Actors
        } else if n.contains("agent") {
            DictKind::Agents
        } else if n.contains("discard") {
            DictKind::Discards
        } else if n.contains("issue") {
            DictKind::Issues
        } else if n.contains("preposition") {
            DictKind::Prepositions
        } else if n.contains("ontology") || n.contains("pico") {
            DictKind::Ontology
        } else if n.contains("verb") || n.starts_with("cameo") {
            DictKind::Verbs
        } else {
            return None;
        })
    }

    pub fn output_file(self) -> &'static str {
        match self {
            DictKind::Actors => "actors.tsv",
            DictKind::Agents => "agents.tsv",
            DictKind::Verbs => "verbs.tsv",
            DictKind::Discards => "discards.tsv",
            DictKind::Issues => "issues.tsv",
            DictKind::Prepositions => "prepositions.tsv",
            DictKind::Ontology => "pico.tsv",
        }
    }

    pub fn header(self) -> &'static str {
        match self {
            DictKind::Actors => "code\tname\taliases\tkind\tcountry\tstart\tend\tbasis\tsource\n",
            DictKind::Agents => "term\tcode\tkind\tbasis\n",
            DictKind::Verbs => "group\tkind\ttext\tcode\tforms\tbasis\tnote\n",
            DictKind::Discards => "phrase\tscope\twhole_word\tbasis\n",
            DictKind::Issues => "category\tphrase\tcode\tbasis\n",
            DictKind::Prepositions => "preposition\tbasis\n",
            DictKind::Ontology => "cameo\tpico\tnote\tbasis\n",
        }
    }
}

/// One problem in an input line.
#[derive(Debug, Clone)]
pub struct ImportIssue {
    pub line: usize,
    pub message: String,
}

/// The result of importing one file: TSV rows (no header) in our format,
/// counts of what was read, and the lines that could not be read.
#[derive(Debug, Default)]
pub struct Imported {
    pub rows: String,
    /// (what, how many), e.g. ("entries", 18390).
    pub counts: Vec<(&'static str, usize)>,
    pub issues: Vec<ImportIssue>,
    /// Synonym sets of a verb file, as rows of `synsets.tsv`.
    pub synsets: String,
}

pub const SYNSET_HEADER: &str = "name\tphrase\tplurals\tbasis\n";

/// Imports `text` (the contents of `file`) as a dictionary of `kind`.
pub fn import(kind: DictKind, file: &str, text: &str) -> Imported {
    let base = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    match kind {
        DictKind::Actors => actors(&base, text),
        DictKind::Agents => agents(text),
        DictKind::Verbs => verbs(text),
        DictKind::Discards => discards(text),
        DictKind::Issues => issues(text),
        DictKind::Prepositions => prepositions(text),
        DictKind::Ontology => ontology(text),
    }
}

/// Text before a `#` comment (TABARI also used `;`), trimmed at the end.
fn strip_comment(line: &str) -> &str {
    let cut = line.find('#').unwrap_or(line.len());
    line[..cut].trim_end()
}

/// Dictionary words: `_` and spaces separate words; a trailing `_` (no
/// plural / exact) is dropped.
fn words(phrase: &str) -> String {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A PETRARCH date: YYYYMMDD, or YYMMDD with years < 30 read as 20YY and
/// the rest as 19YY.
fn petrarch_date(s: &str) -> Option<NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, md) = match s.len() {
        8 => (s[..4].parse::<i32>().ok()?, &s[4..]),
        6 => {
            let yy = s[..2].parse::<i32>().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        _ => return None,
    };
    let m = md[..2].parse::<u32>().ok()?;
    let d = md[2..].parse::<u32>().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A code restriction `[CODE]`, `[CODE >date]`, `[CODE <date]`,
/// `[CODE date-date]`: (code, start, end).
type Restriction = (String, Option<NaiveDate>, Option<NaiveDate>);

fn restriction(inner: &str) -> Result<Restriction, String> {
    let mut parts = inner.split_whitespace();
    // Codes are upper case; a few dictionary lines have `[pse]`.
    let code = parts.next().ok_or("empty [ ]")?.to_ascii_uppercase();
    // The rest is the restriction; PETRARCH files write it with and
    // without spaces (`> 140608`, `19950601 - 19990815`).
    let range: String = parts.collect::<Vec<_>>().concat();
    if range.is_empty() {
        return Ok((code, None, None));
    }
    let range = range.as_str();
    let bad = || format!("bad date restriction {range:?}");
    if let Some(d) = range.strip_prefix('>') {
        let d = petrarch_date(d).ok_or_else(bad)?;
        return Ok((code, Some(d), None));
    }
    if let Some(d) = range.strip_prefix('<') {
        let d = petrarch_date(d).ok_or_else(bad)?;
        return Ok((code, None, Some(d)));
    }
    let (a, b) = range.split_once('-').ok_or_else(bad)?;
    let (a, b) = (
        petrarch_date(a).ok_or_else(bad)?,
        petrarch_date(b).ok_or_else(bad)?,
    );
    if b < a {
        return Err(format!("date range {range:?} ends before it starts"));
    }
    Ok((code, Some(a), Some(b)))
}

/// Every `[...]` group in `s`, and `s` without them.
fn brackets(s: &str) -> Result<(String, Vec<&str>), String> {
    let mut rest = String::new();
    let mut groups = Vec::new();
    let mut i = 0;
    while let Some(open) = s[i..].find('[') {
        rest.push_str(&s[i..i + open]);
        let from = i + open + 1;
        // `[~ENV}`: TABARI files sometimes close with a brace.
        let close = s[from..].find([']', '}']).ok_or("`[` without `]`")?;
        groups.push(s[from..from + close].trim());
        i = from + close + 1;
    }
    rest.push_str(&s[i..]);
    if rest.contains(']') {
        return Err("`]` without `[`".into());
    }
    Ok((rest.trim().to_string(), groups))
}

fn country_of(code: &str) -> &str {
    code.get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()))
        .unwrap_or("")
}

struct ActorEntry {
    line: usize,
    name: String,
    synonyms: Vec<String>,
    codes: Vec<Restriction>,
}

fn actors(file: &str, text: &str) -> Imported {
    let mut out = Imported::default();
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut dated_lines = 0usize;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let indented = raw.starts_with('\t') || raw.starts_with(' ');
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let (rest, groups) = match brackets(line) {
            Ok(x) => x,
            Err(e) => {
                out.issues.push(ImportIssue {
                    line: line_no,
                    message: e,
                });
                continue;
            }
        };
        let mut codes = Vec::new();
        let mut failed = false;
        for g in groups {
            match restriction(g) {
                Ok(r) => codes.push(r),
                Err(e) => {
                    out.issues.push(ImportIssue {
                        line: line_no,
                        message: e,
                    });
                    failed = true;
                }
            }
        }
        if failed {
            continue;
        }
        if indented && rest.is_empty() {
            // A date restriction line for the current entry.
            let Some(e) = entries.last_mut() else {
                out.issues.push(ImportIssue {
                    line: line_no,
                    message: "code line before any entry".into(),
                });
                continue;
            };
            dated_lines += codes.len();
            e.codes.extend(codes);
        } else if let Some(syn) = rest.strip_prefix('+') {
            let Some(e) = entries.last_mut() else {
                out.issues.push(ImportIssue {
                    line: line_no,
                    message: "synonym before any entry".into(),
                });
                continue;
            };
            let w = words(syn);
            if !w.is_empty() {
                e.synonyms.push(w);
            }
            e.codes.extend(codes);
        } else {
            let name = words(&rest);
            if name.is_empty() {
                out.issues.push(ImportIssue {
                    line: line_no,
                    message: "a code with no phrase".into(),
                });
                continue;
            }
            dated_lines += codes
                .iter()
                .filter(|c| c.1.is_some() || c.2.is_some())
                .count();
            entries.push(ActorEntry {
                line: line_no,
                name,
                synonyms: Vec::new(),
                codes,
            });
        }
    }
    let mut null_coded = 0usize;
    let mut rows = 0usize;
    for e in &entries {
        let source = format!("{file}:{}", e.line);
        let aliases = e.synonyms.join("|");
        if e.codes.is_empty() {
            null_coded += 1;
        }
        let codes: Vec<Restriction> = if e.codes.is_empty() {
            vec![("---".to_string(), None, None)]
        } else {
            e.codes.clone()
        };
        for (code, start, end) in codes {
            let (s, en) = (
                start.map(|d| d.to_string()).unwrap_or_default(),
                end.map(|d| d.to_string()).unwrap_or_default(),
            );
            out.rows.push_str(&tsv::line(&[
                &code,
                &e.name,
                &aliases,
                "actor",
                country_of(&code),
                &s,
                &en,
                "petrarch",
                &source,
            ]));
            rows += 1;
        }
    }
    let synonyms = entries.iter().map(|e| e.synonyms.len()).sum();
    out.counts = vec![
        ("entries", entries.len()),
        ("synonyms", synonyms),
        ("dated codes", dated_lines),
        ("entries without a code", null_coded),
        ("rows", rows),
    ];
    out
}

/// Regular English plural of the last word, PETRARCH's rules.
fn plural(phrase: &str) -> String {
    let upper = phrase.to_ascii_uppercase();
    if upper.ends_with("SS")
        || upper.ends_with("CH")
        || upper.ends_with("SH")
        || upper.ends_with('X')
    {
        format!("{phrase}ES")
    } else if upper.ends_with('Y')
        && !upper.ends_with("AY")
        && !upper.ends_with("EY")
        && !upper.ends_with("OY")
    {
        format!("{}IES", &phrase[..phrase.len() - 1])
    } else {
        format!("{phrase}S")
    }
}

fn agents(text: &str) -> Imported {
    let mut out = Imported::default();
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let (mut entries, mut terms) = (0usize, 0usize);
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        // `!NAME! = A, B, C` defines a substitution set.
        if line.starts_with('!') {
            if let Some((name, list)) = line.split_once('=') {
                let items = list
                    .split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect();
                macros.push((name.trim().to_string(), items));
                continue;
            }
        }
        let (rest, groups) = match brackets(line) {
            Ok(x) => x,
            Err(e) => {
                out.issues.push(ImportIssue {
                    line: line_no,
                    message: e,
                });
                continue;
            }
        };
        let Some(code) = groups.first() else {
            out.issues.push(ImportIssue {
                line: line_no,
                message: "agent without a [code]".into(),
            });
            continue;
        };
        // `~COP`: the agent code follows the actor's; `NGO~`: it leads.
        let upper = code.to_ascii_uppercase();
        let code = upper.as_str();
        let (code, kind) = if let Some(c) = code.strip_prefix('~') {
            (c.trim(), "")
        } else if let Some(c) = code.strip_suffix('~') {
            (c.trim(), "prefix")
        } else {
            (code.trim(), "")
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.issues.push(ImportIssue {
                line: line_no,
                message: format!("bad agent code {code:?}"),
            });
            continue;
        }
        // Phrase and optional {plural forms}.
        let (phrase, plural_forms) = match rest.find('{') {
            Some(open) => {
                let close = rest[open..].find('}').map(|c| open + c);
                let Some(close) = close else {
                    out.issues.push(ImportIssue {
                        line: line_no,
                        message: "`{` without `}`".into(),
                    });
                    continue;
                };
                (
                    rest[..open].trim().to_string(),
                    Some(rest[open + 1..close].trim().to_string()),
                )
            }
            None => (rest.clone(), None),
        };
        let phrase = phrase.trim_start_matches('+').to_string();
        if phrase.is_empty() {
            out.issues.push(ImportIssue {
                line: line_no,
                message: "a code with no phrase".into(),
            });
            continue;
        }
        // Expand macros: every item replaces the marker, no plural added.
        let mut forms: Vec<String> = Vec::new();
        if let Some((name, items)) = macros.iter().find(|(n, _)| phrase.contains(n.as_str())) {
            for it in items {
                forms.push(phrase.replace(name.as_str(), it));
            }
        } else if phrase.contains('!') {
            out.issues.push(ImportIssue {
                line: line_no,
                message: format!("undefined substitution marker in {phrase:?}"),
            });
            continue;
        } else {
            let no_plural = phrase.ends_with('_');
            forms.push(phrase.clone());
            match plural_forms {
                Some(p) => forms.extend(p.split_whitespace().map(String::from)),
                None if !no_plural => forms.push(plural(phrase.trim_end_matches('_'))),
                None => {}
            }
        }
        entries += 1;
        for f in forms {
            let term = words(&f).to_lowercase();
            if term.is_empty() {
                continue;
            }
            out.rows
                .push_str(&tsv::line(&[&term, code, kind, "petrarch"]));
            terms += 1;
        }
    }
    out.counts = vec![
        ("entries", entries),
        ("terms", terms),
        ("substitution sets", macros.len()),
    ];
    out
}

/// Splits a verb line into its phrase, `{irregular forms}` and `[code]`.
fn verb_line(line: &str) -> Result<(String, Vec<String>, Option<String>), String> {
    let (rest, groups) = brackets(line)?;
    let code = groups.first().map(|c| c.to_string());
    let (phrase, forms) = match rest.find('{') {
        Some(open) => {
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or("`{` without `}`")?;
            let forms = rest[open + 1..close]
                .split_whitespace()
                .map(|f| words(f).to_lowercase())
                .collect();
            (rest[..open].trim().to_string(), forms)
        }
        None => (rest, Vec::new()),
    };
    Ok((words(&phrase).to_lowercase(), forms, code))
}

fn check_event_code(code: &str) -> Result<(), String> {
    let ok = |c: &str| {
        c == "---" || (c.len() >= 2 && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit()))
    };
    // Paired `[042:043]`; an empty side (`[:173]`) codes only the other.
    let valid = match code.split_once(':') {
        Some((a, b)) => {
            (a.is_empty() || ok(a)) && (b.is_empty() || ok(b)) && !(a.is_empty() && b.is_empty())
        }
        None => ok(code),
    };
    if valid {
        Ok(())
    } else {
        Err(format!("bad event code {code:?}"))
    }
}

fn verbs(text: &str) -> Imported {
    let mut out = Imported::default();
    let (mut blocks, mut verb_count, mut patterns, mut transforms, mut synsets) =
        (0, 0, 0usize, 0, 0);
    let mut group = String::new();
    let mut synset: Option<String> = None;
    // Input line of each output row, for messages.
    let mut row_lines: Vec<usize> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = raw.trim();
        // Block headers look like comments: `---  VERB   [code]  ---`.
        if trimmed.starts_with("---") {
            synset = None;
            let inner = trimmed.trim_matches('-').trim();
            match brackets(inner) {
                Ok((desc, codes)) => {
                    let code = codes.first().copied().unwrap_or("---");
                    if let Err(e) = check_event_code(code) {
                        out.issues.push(ImportIssue {
                            line: line_no,
                            message: e,
                        });
                        continue;
                    }
                    group = words(&desc).to_lowercase();
                    blocks += 1;
                    out.rows.push_str(&tsv::line(&[
                        &group, "group", &desc, code, "", "petrarch", "",
                    ]));
                    row_lines.push(line_no);
                }
                Err(e) => out.issues.push(ImportIssue {
                    line: line_no,
                    message: e,
                }),
            }
            continue;
        }
        let comment = raw.find('#').map(|c| raw[c + 1..].trim()).unwrap_or("");
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            synset = Some(name.trim().to_string());
            continue;
        }
        if let Some(member) = line.strip_prefix('+') {
            if let Some(name) = &synset {
                let plurals = if name.ends_with('_') || member.ends_with('_') {
                    "no"
                } else {
                    "yes"
                };
                let phrase = words(member).to_lowercase();
                out.synsets.push_str(&tsv::line(&[
                    &format!("&{}", name.trim_end_matches('_').to_lowercase()),
                    &phrase,
                    plurals,
                    "petrarch",
                ]));
                synsets += 1;
                continue;
            }
        }
        synset = None;
        if group.is_empty() {
            out.issues.push(ImportIssue {
                line: line_no,
                message: "verb or pattern before the first `--- VERB [code] ---` block".into(),
            });
            continue;
        }
        if let Some(p) = line.strip_prefix('-') {
            match brackets(p) {
                Ok((pattern, codes)) => {
                    let Some(code) = codes.first() else {
                        out.issues.push(ImportIssue {
                            line: line_no,
                            message: "pattern without a [code]".into(),
                        });
                        continue;
                    };
                    if let Err(e) = check_event_code(code) {
                        out.issues.push(ImportIssue {
                            line: line_no,
                            message: e,
                        });
                        continue;
                    }
                    // `*SCEPTICAL`, `*_LAWS`: the trigger glued to a word.
                    let pattern = pattern
                        .replace("*_", "* ")
                        .replace("_*", " *")
                        .replace('*', " * ");
                    let pattern = pattern
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    if let Err(e) = crate::verbs::check_pattern(&pattern) {
                        out.issues.push(ImportIssue {
                            line: line_no,
                            message: e,
                        });
                        continue;
                    }
                    out.rows.push_str(&tsv::line(&[
                        &group, "pattern", &pattern, code, "", "petrarch", comment,
                    ]));
                    row_lines.push(line_no);
                    patterns += 1;
                }
                Err(e) => out.issues.push(ImportIssue {
                    line: line_no,
                    message: e,
                }),
            }
            continue;
        }
        if let Some(t) = line.strip_prefix('~') {
            let t = t
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            out.rows.push_str(&tsv::line(&[
                &group,
                "transform",
                &t,
                "",
                "",
                "petrarch",
                comment,
            ]));
            row_lines.push(line_no);
            transforms += 1;
            continue;
        }
        match verb_line(line) {
            Ok((phrase, forms, code)) => {
                let code = code.unwrap_or_default();
                if !code.is_empty() {
                    if let Err(e) = check_event_code(&code) {
                        out.issues.push(ImportIssue {
                            line: line_no,
                            message: e,
                        });
                        continue;
                    }
                }
                if phrase.is_empty() {
                    out.issues.push(ImportIssue {
                        line: line_no,
                        message: "empty verb".into(),
                    });
                    continue;
                }
                out.rows.push_str(&tsv::line(&[
                    &group,
                    "verb",
                    &phrase,
                    &code,
                    &forms.join("|"),
                    "petrarch",
                    comment,
                ]));
                row_lines.push(line_no);
                verb_count += 1;
            }
            Err(e) => out.issues.push(ImportIssue {
                line: line_no,
                message: e,
            }),
        }
    }
    // PETRARCH ignores a pattern that uses an undefined synset; so do we,
    // and say which.
    let defined: std::collections::HashSet<String> = out
        .synsets
        .lines()
        .filter_map(|l| l.split('\t').next().map(String::from))
        .collect();
    let mut kept = String::with_capacity(out.rows.len());
    for (row, line_no) in out.rows.lines().zip(row_lines.iter()) {
        let text = row.split('\t').nth(2).unwrap_or("");
        let undefined = row.split('\t').nth(1) == Some("pattern")
            && text
                .split(|c: char| c.is_whitespace() || "{}()".contains(c))
                .any(|w| w.starts_with('&') && !defined.contains(w.trim_end_matches('_')));
        if undefined {
            out.issues.push(ImportIssue {
                line: *line_no,
                message: format!("pattern {text:?} uses an undefined synset; skipped"),
            });
            patterns -= 1;
        } else {
            kept.push_str(row);
            kept.push('\n');
        }
    }
    out.rows = kept;
    out.counts = vec![
        ("verb blocks", blocks),
        ("verbs", verb_count),
        ("patterns", patterns),
        ("transformations", transforms),
        ("synset members", synsets),
    ];
    out
}

fn discards(text: &str) -> Imported {
    let mut out = Imported::default();
    let (mut sentence, mut story) = (0, 0);
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        let (scope, phrase) = match line.strip_prefix('+') {
            Some(p) => {
                story += 1;
                ("story", p.trim())
            }
            None => {
                sentence += 1;
                ("sentence", line)
            }
        };
        let whole = if phrase.ends_with('_') { "yes" } else { "no" };
        out.rows.push_str(&tsv::line(&[
            &words(phrase).to_lowercase(),
            scope,
            whole,
            "petrarch",
        ]));
    }
    out.counts = vec![("sentence discards", sentence), ("story discards", story)];
    out
}

/// Issue phrase expansions: `n:` noun singular and plural, `v:` regular
/// verb forms, `+` joins with a space and with a hyphen.
fn expand_issue(phrase: &str) -> Vec<String> {
    let mut forms = vec![String::new()];
    for (wi, word) in phrase.split_whitespace().enumerate() {
        let mut variants: Vec<String> = Vec::new();
        let (prefix_n, w) = match word.strip_prefix("n:") {
            Some(w) => (1, w),
            None => match word.strip_prefix("v:") {
                Some(w) => (2, w),
                None => (0, word),
            },
        };
        let base: Vec<String> = if w.contains('+') {
            vec![w.replace('+', " "), w.replace('+', "-")]
        } else {
            vec![w.to_string()]
        };
        for b in base {
            variants.push(b.clone());
            match prefix_n {
                1 => variants.push(plural(&b)),
                2 => {
                    let stem = b.trim_end_matches('e');
                    variants.push(format!("{b}s"));
                    variants.push(format!("{stem}ed"));
                    variants.push(format!("{stem}ing"));
                }
                _ => {}
            }
        }
        let mut next = Vec::new();
        for f in &forms {
            for v in &variants {
                next.push(if wi == 0 {
                    v.clone()
                } else {
                    format!("{f} {v}")
                });
            }
        }
        forms = next;
    }
    forms.into_iter().map(|f| f.to_lowercase()).collect()
}

fn issues(text: &str) -> Imported {
    let mut out = Imported::default();
    let mut category = String::new();
    let (mut categories, mut phrases, mut ignores) = (0, 0, 0);
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        if let Some(tag) = line.strip_prefix("<ISSUE") {
            category = tag
                .split("CATEGORY=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("")
                .to_string();
            if category.is_empty() {
                out.issues.push(ImportIssue {
                    line: line_no,
                    message: "<ISSUE> without CATEGORY".into(),
                });
            }
            categories += 1;
            continue;
        }
        if line.starts_with("</ISSUE") {
            category.clear();
            continue;
        }
        if let Some(p) = line.strip_prefix('~') {
            for f in expand_issue(p.trim()) {
                out.rows
                    .push_str(&tsv::line(&[&category, &f, "~", "petrarch"]));
            }
            ignores += 1;
            continue;
        }
        match brackets(line) {
            // A phrase without a code counts for its category (the
            // COUNTEVENT blocks have none).
            Ok((phrase, codes))
                if !phrase.is_empty() && (!codes.is_empty() || !category.is_empty()) =>
            {
                let code = codes.first().copied().unwrap_or(category.as_str());
                for f in expand_issue(&phrase) {
                    out.rows
                        .push_str(&tsv::line(&[&category, &f, code, "petrarch"]));
                }
                phrases += 1;
            }
            Ok(_) => out.issues.push(ImportIssue {
                line: line_no,
                message: "issue phrase needs `phrase [CODE]` or an enclosing <ISSUE CATEGORY>"
                    .into(),
            }),
            Err(e) => out.issues.push(ImportIssue {
                line: line_no,
                message: e,
            }),
        }
    }
    out.counts = vec![
        ("categories", categories),
        ("phrases", phrases),
        ("ignore phrases", ignores),
    ];
    out
}

fn prepositions(text: &str) -> Imported {
    let mut out = Imported::default();
    let mut n = 0;
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        out.rows
            .push_str(&tsv::line(&[&words(line).to_lowercase(), "petrarch"]));
        n += 1;
    }
    out.counts = vec![("prepositions", n)];
    out
}

/// PICO lines: `CAMEO:0xHHHH` optionally followed by `#note`; a range
/// `0xA-0xB` is kept as written.
fn ontology(text: &str) -> Imported {
    let mut out = Imported::default();
    let mut n = 0;
    for (i, raw) in text.lines().enumerate() {
        let note = raw.find('#').map(|c| raw[c + 1..].trim()).unwrap_or("");
        let line = strip_comment(raw).trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        let Some((cameo, pico)) = line.split_once(':') else {
            out.issues.push(ImportIssue {
                line: i + 1,
                message: "want CAMEO:PICO".into(),
            });
            continue;
        };
        out.rows
            .push_str(&tsv::line(&[cameo.trim(), pico.trim(), note, "petrarch"]));
        n += 1;
    }
    out.counts = vec![("codes", n)];
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_and_restrictions() {
        assert_eq!(petrarch_date("450703"), NaiveDate::from_ymd_opt(1945, 7, 3));
        assert_eq!(petrarch_date("030101"), NaiveDate::from_ymd_opt(2003, 1, 1));
        assert_eq!(
            petrarch_date("20130804"),
            NaiveDate::from_ymd_opt(2013, 8, 4)
        );
        assert_eq!(petrarch_date("20131304"), None);
        let (c, s, e) = restriction("IRNGOV >20130804").unwrap_or_default();
        assert_eq!(
            (c.as_str(), s, e),
            ("IRNGOV", NaiveDate::from_ymd_opt(2013, 8, 4), None)
        );
        let (_, s, e) = restriction("USAELI 18970101-450703").unwrap_or_default();
        assert_eq!(s, NaiveDate::from_ymd_opt(1897, 1, 1));
        assert_eq!(e, NaiveDate::from_ymd_opt(1945, 7, 3));
        assert!(restriction("X 2001-1999").is_err());
        assert!(restriction("X >2001").is_err());
    }

    #[test]
    fn actors_with_synonyms_dates_and_inline_codes() {
        let text = "# comment\nHASSAN_ROUHANI_  # CountryInfo\n+ROUHANI\n\t#[IRNGOV >20130804] old\n\t[IRNGOVLEG 19800528-20000526]\n\t[IRNGOV >20130803]\nJAMES_BYRNES_ [USAELI 18970101-450703] [USAGOV 450703-470121]\nUN_ [IGOUNO]\nU.N._\n\t[BAD 2001]\n";
        let got = import(DictKind::Actors, "x.actors.txt", text);
        assert_eq!(got.issues.len(), 1, "{:?}", got.issues);
        assert_eq!(got.issues[0].line, 10);
        let rows: Vec<&str> = got.rows.lines().collect();
        assert_eq!(rows.len(), 6, "{rows:?}");
        assert!(rows[0].starts_with(
            "IRNGOVLEG\tHASSAN ROUHANI\tROUHANI\tactor\tIRN\t1980-05-28\t2000-05-26\t"
        ));
        assert!(rows[1].starts_with("IRNGOV\tHASSAN ROUHANI\tROUHANI\tactor\tIRN\t2013-08-03\t\t"));
        assert!(rows[3].starts_with("USAGOV\tJAMES BYRNES\t\tactor\tUSA\t1945-07-03\t1947-01-21\t"));
        assert!(rows[5].starts_with("---\tU.N.\t"), "{}", rows[5]);
    }

    #[test]
    fn agents_plurals_macros_and_placement() {
        let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nARMY [~MIL]\nHUMAN_RIGHTS_BODY [NGO~]\nSPY [~SPY]\nNOCODE\n";
        let got = import(DictKind::Agents, "a.txt", text);
        let terms: Vec<&str> = got.rows.lines().collect();
        assert!(terms.contains(&"congressman\tLEG\t\tpetrarch"));
        assert!(terms.contains(&"congressmen\tLEG\t\tpetrarch"));
        assert!(terms.contains(&"police\tCOP\t\tpetrarch"));
        assert!(!terms.iter().any(|t| t.starts_with("polices")));
        assert!(terms.contains(&"attorneys general\tGOVATG\t\tpetrarch"));
        assert!(terms.contains(&"armies\tMIL\t\tpetrarch"));
        assert!(terms.contains(&"spies\tSPY\t\tpetrarch"));
        assert!(terms.contains(&"human rights body\tNGO\tprefix\tpetrarch"));
        assert_eq!(got.issues.len(), 1);
        assert_eq!(got.issues[0].line, 8);
    }

    #[test]
    fn verbs_blocks_synsets_patterns_and_paired_codes() {
        let text = "&CURRENCY\n+DOLLAR\n+CASH_\n&WEAPON\n+GUN\n---  RESIST   [---]  ---\nRESIST\nSHAKE {SHOOK SHAKEN SHAKES SHAKING} [0]\n- * {&WEAPON ATTACK}   [190:194]  # RESIST\n- * TRADE [1621]\n- * BROKEN\n~ a (a b ATTACK) SAY = a b 015\n";
        let got = import(DictKind::Verbs, "v.txt", text);
        assert_eq!(got.issues.len(), 2, "{:?}", got.issues); // code "0", no code
        let rows: Vec<&str> = got.rows.lines().collect();
        assert!(rows.contains(&"resist\tgroup\tRESIST\t---\t\tpetrarch\t"));
        assert!(rows.contains(&"resist\tpattern\t* {&weapon attack}\t190:194\t\tpetrarch\tRESIST"));
        assert!(rows
            .iter()
            .any(|r| r.starts_with("resist\ttransform\ta (a b attack) say = a b 015")));
        assert!(got.synsets.contains("&currency\tcash\tno\tpetrarch"));
        assert!(got.synsets.contains("&currency\tdollar\tyes\tpetrarch"));
    }

    #[test]
    fn issues_expand() {
        assert_eq!(expand_issue("n:teacher"), vec!["teacher", "teachers"]);
        assert_eq!(expand_issue("pre+k"), vec!["pre k", "pre-k"]);
        let got = import(
            DictKind::Issues,
            "i.txt",
            "<ISSUE CATEGORY=\"EDU\" TYPE=\"ALL\">\nn:school [SCHOOLS]\n~a head start\n</ISSUE>\n",
        );
        assert!(got.issues.is_empty());
        assert!(got.rows.contains("EDU\tschools\tSCHOOLS\tpetrarch"));
        assert!(got.rows.contains("EDU\ta head start\t~\tpetrarch"));
    }
}
