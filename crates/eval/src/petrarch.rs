//! PETRARCH / UD-PETRARCH validation suites: read the records (leniently:
//! the files are not always well-formed XML) and score produced events
//! against the expected (source, target, event code) triples.

use std::collections::HashMap;

/// What a suite's `<Environment>` names.
#[derive(Debug, Default, Clone)]
pub struct Environment {
    pub verb_files: Vec<String>,
    pub actor_files: Vec<String>,
    pub agent_files: Vec<String>,
    pub discard_files: Vec<String>,
    /// Categories to evaluate (empty: all).
    pub include: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Triple {
    pub source: String,
    pub target: String,
    pub code: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Record {
    pub id: String,
    pub category: String,
    /// `YYYYMMDD` as written.
    pub date: String,
    pub evaluate: bool,
    pub text: String,
    pub expected: Vec<Triple>,
    /// The record expects the program to report an error.
    pub expects_error: bool,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=");
    let at = tag.find(&key)? + key.len();
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let end = rest[1..].find(quote)?;
    Some(rest[1..1 + end].to_string())
}

fn element(text: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let a = text.find(&open)? + open.len();
    let b = text[a..].find(&close)? + a;
    Some(text[a..b].trim().to_string())
}

/// Removes `<!-- ... -->` comments.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(a) = rest.find("<!--") {
        out.push_str(&rest[..a]);
        match rest[a..].find("-->") {
            Some(b) => rest = &rest[a + b + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

fn list(s: Option<String>) -> Vec<String> {
    s.map(|v| {
        v.split([',', ' ', '\t', '\n'])
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    })
    .unwrap_or_default()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Reads a suite. Never fails: a record it cannot read is left out.
pub fn read_suite(text: &str) -> (Environment, Vec<Record>) {
    let text = strip_comments(text);
    let env_text = element(&text, "Environment").unwrap_or_default();
    let env = Environment {
        verb_files: list(element(&env_text, "Verbfile")),
        actor_files: list(element(&env_text, "Actorfile")),
        agent_files: list(element(&env_text, "Agentfile")),
        discard_files: list(element(&env_text, "Discardfile")),
        include: list(element(&env_text, "Include")),
    };
    let mut records = Vec::new();
    let starts: Vec<usize> = text.match_indices("<Sentence ").map(|(i, _)| i).collect();
    for (n, &a) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let chunk = &text[a..end];
        let Some(tag_end) = chunk.find('>') else {
            continue;
        };
        let tag = &chunk[..tag_end];
        let body = &chunk[tag_end + 1..];
        let mut expected = Vec::new();
        let mut expects_error = false;
        for (i, _) in body.match_indices("<EventCoding") {
            let Some(e) = body[i..].find('>') else {
                continue;
            };
            let t = &body[i..i + e];
            if attr(t, "error").is_some() {
                expects_error = true;
            }
            if let (Some(code), Some(source), Some(target)) = (
                attr(t, "eventcode"),
                attr(t, "sourcecode"),
                attr(t, "targetcode"),
            ) {
                expected.push(Triple {
                    source,
                    target,
                    code,
                });
            }
        }
        let Some(sentence) = element(body, "Text") else {
            continue;
        };
        records.push(Record {
            id: attr(tag, "id").unwrap_or_default(),
            category: attr(tag, "category").unwrap_or_default(),
            date: attr(tag, "date").unwrap_or_default(),
            evaluate: attr(tag, "evaluate").is_none_or(|v| !v.eq_ignore_ascii_case("false")),
            text: unescape(&sentence.split_whitespace().collect::<Vec<_>>().join(" ")),
            expected,
            expects_error,
        });
    }
    (env, records)
}

/// Whether a record is scored: marked for evaluation, not an error test,
/// and in an included category.
pub fn scored(env: &Environment, r: &Record) -> bool {
    r.evaluate
        && !r.expects_error
        && (env.include.is_empty() || env.include.iter().any(|c| c == &r.category))
}

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Tally {
    pub records: usize,
    pub expected: usize,
    pub correct: usize,
    pub uncoded: usize,
    pub extra: usize,
    pub produced: usize,
}

impl Tally {
    /// Adds one record: expected and produced triples as multisets.
    pub fn add(&mut self, expected: &[Triple], produced: &[Triple]) -> (usize, usize, usize) {
        let mut left: HashMap<&Triple, usize> = HashMap::new();
        for t in produced {
            *left.entry(t).or_default() += 1;
        }
        let mut correct = 0;
        for t in expected {
            if let Some(n) = left.get_mut(t).filter(|n| **n > 0) {
                *n -= 1;
                correct += 1;
            }
        }
        let extra: usize = left.values().sum();
        let uncoded = expected.len() - correct;
        self.records += 1;
        self.expected += expected.len();
        self.correct += correct;
        self.uncoded += uncoded;
        self.extra += extra;
        self.produced += produced.len();
        (correct, uncoded, extra)
    }

    /// Percent of the expected events produced.
    pub fn correct_percent(&self) -> f64 {
        percent(self.correct, self.expected)
    }

    /// Percent of the produced events not expected.
    pub fn extra_percent(&self) -> f64 {
        percent(self.extra, self.produced)
    }

    /// `correct: N/M (P%)  uncoded: U  extra: X (Q%)`, extra as a share of
    /// the produced events.
    pub fn line(&self) -> String {
        format!(
            "correct: {}/{} ({:.1}%)  uncoded: {}  extra: {} ({:.1}%)",
            self.correct,
            self.expected,
            self.correct_percent(),
            self.uncoded,
            self.extra,
            self.extra_percent()
        )
    }
}

fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lenient_records_and_scores() {
        let xml = r#"<Validation><!-- <Sentence id="no"> --><Environment><Verbfile>v.txt</Verbfile>
<Actorfile>a.txt,b.txt</Actorfile><Include>DEMO AFP</Include></Environment><Sentences>
<Sentence category="AFP" date="20080804" id="A1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>Bush visited
 China &amp; Japan.</Text></Sentence>
<Sentence category="DEMO" date="19950101" id="D2" evaluate="false"><EventCoding noevents="True"/><Text>x</Text></Sentence>
<Sentence category="ERR" id="E3"><EventCoding error="x"/><Text>y</Text></Sentence>
</Sentences></Validation>"#;
        let (env, recs) = read_suite(xml);
        assert_eq!(env.actor_files, ["a.txt", "b.txt"]);
        assert_eq!(env.include, ["DEMO", "AFP"]);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].text, "Bush visited China & Japan.");
        assert_eq!(recs[0].expected.len(), 1);
        assert!(scored(&env, &recs[0]) && !scored(&env, &recs[1]) && !scored(&env, &recs[2]));
        let t = |s: &str, g: &str, c: &str| Triple {
            source: s.into(),
            target: g.into(),
            code: c.into(),
        };
        let mut tally = Tally::default();
        let got = tally.add(
            &[t("USA", "CHN", "042"), t("USA", "JPN", "042")],
            &[t("USA", "CHN", "042"), t("CHN", "USA", "043")],
        );
        assert_eq!(got, (1, 1, 1));
        assert_eq!(
            tally.line(),
            "correct: 1/2 (50.0%)  uncoded: 1  extra: 1 (50.0%)"
        );
    }
}
