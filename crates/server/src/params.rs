//! Query-string parameters: parsed strictly (unknown names, bad values
//! and out-of-range numbers are errors that name the parameter).

use crate::api::ApiError;
use dyad_coder::Modality;
use dyad_store::{Filter, Period};

/// The filter parameters every event query takes.
pub const FILTER_KEYS: &[&str] = &[
    "source",
    "target",
    "both_directions",
    "modality",
    "code",
    "quad_class",
    "genre",
    "from",
    "to",
    "location",
    "text",
    "known_actors",
];

pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a query string, allowing `keys` (and `token`, which the
    /// security layer reads). `modality` may repeat; nothing else may.
    pub fn parse(raw: Option<&str>, keys: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > crate::MAX_QUERY_BYTES {
            return Err(ApiError::bad_request(format!(
                "query string too long ({} bytes; at most {})",
                raw.len(),
                crate::MAX_QUERY_BYTES
            )));
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            if k == "token" {
                continue;
            }
            if !keys.contains(&k.as_ref()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {k:?}; this endpoint takes: {}",
                    keys.join(", ")
                )));
            }
            if k != "modality" && pairs.iter().any(|(p, _)| *p == k) {
                return Err(ApiError::bad_request(format!(
                    "parameter {k:?} given twice"
                )));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// A parameter's value; empty values count as absent (an empty form
    /// field).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!(
                "{key}={v:?}: use true or false"
            ))),
        }
    }

    /// A count in `1..=max`, `default` when absent.
    pub fn count(&self, key: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "{key}={v:?}: expected a whole number from 1 to {max}"
                ))),
            },
        }
    }

    pub fn period(&self) -> Result<Period, ApiError> {
        self.get("by")
            .unwrap_or("month")
            .parse()
            .map_err(|e: String| ApiError::bad_request(format!("by: {e}")))
    }

    /// The event filter. Modalities: a comma list or repeated values,
    /// `all` for every one; absent means `asserted` (what happened).
    pub fn filter(&self) -> Result<Filter, ApiError> {
        let mut modalities: Vec<String> = Vec::new();
        let mut all = false;
        let mut any = false;
        for (_, v) in self.pairs.iter().filter(|(k, _)| k == "modality") {
            for m in v.split(',').map(str::trim).filter(|m| !m.is_empty()) {
                any = true;
                if m == "all" {
                    all = true;
                } else if let Some(parsed) = Modality::parse(m) {
                    let name = parsed.name().to_string();
                    if !modalities.contains(&name) {
                        modalities.push(name);
                    }
                } else {
                    let names: Vec<&str> = Modality::ALL.iter().map(|m| m.name()).collect();
                    return Err(ApiError::bad_request(format!(
                        "modality={m:?}: use {} or all",
                        names.join(", ")
                    )));
                }
            }
        }
        if all {
            modalities.clear();
        } else if !any {
            modalities.push(Modality::Asserted.name().to_string());
        }
        let date = |key: &str| -> Result<Option<String>, ApiError> {
            match self.get(key) {
                None => Ok(None),
                Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map(|d| Some(d.to_string()))
                    .map_err(|_| {
                        ApiError::bad_request(format!("{key}={v:?}: expected a date YYYY-MM-DD"))
                    }),
            }
        };
        let quad_class = match self.get("quad_class") {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(q) if (1..=4).contains(&q) => Some(q),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "quad_class={v:?}: expected 1, 2, 3 or 4"
                    )))
                }
            },
        };
        let genre = match self.get("genre") {
            None => None,
            Some(g @ ("report" | "opinion" | "analysis")) => Some(g.to_string()),
            Some(g) => {
                return Err(ApiError::bad_request(format!(
                    "genre={g:?}: use report, opinion or analysis"
                )))
            }
        };
        let owned = |key: &str| self.get(key).map(String::from);
        Ok(Filter {
            source: owned("source"),
            target: owned("target"),
            both_directions: self.flag("both_directions")?,
            modalities,
            code: owned("code"),
            quad_class,
            genre,
            from: date("from")?,
            to: date("to")?,
            location_country: owned("location"),
            text: owned("text"),
            known_actors: self.flag("known_actors")?,
        })
    }
}

/// `FILTER_KEYS` plus an endpoint's own keys.
pub fn with_filter(extra: &[&'static str]) -> Vec<&'static str> {
    FILTER_KEYS.iter().chain(extra).copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(q: &str) -> Result<Filter, ApiError> {
        Params::parse(Some(q), &with_filter(&[]))?.filter()
    }

    #[test]
    fn modalities_default_to_asserted_and_accept_lists() {
        assert_eq!(
            filter("").map(|f| f.modalities).ok(),
            Some(vec!["asserted".to_string()])
        );
        assert_eq!(
            filter("modality=negated,advocated&modality=negated")
                .map(|f| f.modalities)
                .ok(),
            Some(vec!["negated".to_string(), "advocated".to_string()])
        );
        assert_eq!(
            filter("modality=all").map(|f| f.modalities).ok(),
            Some(vec![])
        );
        assert!(filter("modality=rumoured").is_err());
    }

    #[test]
    fn bad_values_name_the_parameter() {
        for (q, name) in [
            ("from=2025-13-01", "from"),
            ("quad_class=5", "quad_class"),
            ("genre=poem", "genre"),
            ("known_actors=maybe", "known_actors"),
            ("sauce=IRN", "sauce"),
            ("source=IRN&source=ISR", "source"),
        ] {
            match filter(q) {
                Err(e) => assert!(e.message().contains(name), "{q}: {}", e.message()),
                Ok(_) => panic!("{q} was accepted"),
            }
        }
    }

    #[test]
    fn counts_are_bounded_and_tokens_ignored() {
        let p = Params::parse(Some("top=20&token=abc"), &["top"]).ok();
        assert_eq!(
            p.as_ref().and_then(|p| p.count("top", 5, 100).ok()),
            Some(20)
        );
        let p = Params::parse(Some("top=0"), &["top"]).ok();
        assert!(p.is_some_and(|p| p.count("top", 5, 100).is_err()));
        let p = Params::parse(Some("top=100000"), &["top"]).ok();
        assert!(p.is_some_and(|p| p.count("top", 5, 100).is_err()));
    }
}
