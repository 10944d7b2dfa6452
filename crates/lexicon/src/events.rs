//! The CAMEO event code table (`cameo.tsv`) with Goldstein values, quad
//! classes under several conventions, and the PLOVER mapping.

use crate::tsv::Table;
use crate::LexiconError;
use std::collections::BTreeMap;

/// Which convention to use for quad classes and Goldstein values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Convention {
    #[default]
    Gdelt,
    Icews,
    Phoenix,
}

impl std::str::FromStr for Convention {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "gdelt" => Ok(Convention::Gdelt),
            "icews" => Ok(Convention::Icews),
            "phoenix" => Ok(Convention::Phoenix),
            _ => Err(format!(
                "unknown convention {s:?}: use gdelt, icews or phoenix"
            )),
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct EventCode {
    pub code: String,
    pub name: String,
    pub root: String,
    pub parent: Option<String>,
    pub goldstein: Option<f32>,
    pub goldstein_icews: Option<f32>,
    pub quad_gdelt: Option<u8>,
    pub quad_icews: Option<u8>,
    pub quad_phoenix: Option<u8>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub plover_context: Option<String>,
    pub plover_score: Option<f32>,
    pub sources: Vec<String>,
}

impl EventCode {
    pub fn quad(&self, c: Convention) -> Option<u8> {
        match c {
            Convention::Gdelt => self.quad_gdelt,
            Convention::Icews => self.quad_icews,
            Convention::Phoenix => self.quad_phoenix,
        }
    }

    /// The Goldstein value under a convention (GDELT's where the other has
    /// none).
    pub fn goldstein_for(&self, c: Convention) -> Option<f32> {
        match c {
            Convention::Icews => self.goldstein_icews.or(self.goldstein),
            _ => self.goldstein,
        }
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

pub fn read_event_codes(
    file: &str,
    text: &str,
) -> Result<BTreeMap<String, EventCode>, LexiconError> {
    let t = Table::parse(
        file,
        text,
        &["code", "name", "root", "goldstein", "quad_gdelt"],
    )?;
    let mut out = BTreeMap::new();
    for row in &t.rows {
        let code = t.get(row, "code");
        if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(t.error(row, format!("bad CAMEO code {code:?}")));
        }
        let float = |col: &str| -> Result<Option<f32>, LexiconError> {
            let s = t.get(row, col);
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<f32>()
                .map(Some)
                .map_err(|_| t.error(row, format!("`{col}` is not a number: {s:?}")))
        };
        let quad = |col: &str| -> Result<Option<u8>, LexiconError> {
            let s = t.get(row, col);
            if s.is_empty() {
                return Ok(None);
            }
            match s.parse::<u8>() {
                Ok(q) if q <= 4 => Ok(Some(q)),
                _ => Err(t.error(row, format!("`{col}` is not a quad class 0-4: {s:?}"))),
            }
        };
        let ec = EventCode {
            code: code.to_string(),
            name: t.get(row, "name").to_string(),
            root: t.get(row, "root").to_string(),
            parent: opt(t.get(row, "parent")),
            goldstein: float("goldstein")?,
            goldstein_icews: float("goldstein_icews")?,
            quad_gdelt: quad("quad_gdelt")?,
            quad_icews: quad("quad_icews")?,
            quad_phoenix: quad("quad_phoenix")?,
            plover_event: opt(t.get(row, "plover_event")),
            plover_mode: opt(t.get(row, "plover_mode")),
            plover_context: opt(t.get(row, "plover_context")),
            plover_score: float("plover_score")?,
            sources: t
                .list(row, "sources")
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        if out.insert(code.to_string(), ec).is_some() {
            return Err(t.error(row, format!("code {code} listed twice")));
        }
    }
    Ok(out)
}
