//! The gazetteer (`places.tsv`, derived from GeoNames): cities, capitals
//! and first-level regions with coordinates, for event locations.

use crate::tsv::Table;
use crate::LexiconError;

#[derive(Clone, Debug, serde::Serialize)]
pub struct Place {
    pub name: String,
    /// CAMEO country code.
    pub country: String,
    /// `city`, `capital` or `region`.
    pub kind: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
}

pub fn read_places(file: &str, text: &str) -> Result<Vec<(Place, Vec<String>)>, LexiconError> {
    let t = Table::parse(
        file,
        text,
        &[
            "name",
            "aliases",
            "country",
            "kind",
            "lat",
            "lon",
            "population",
        ],
    )?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let name = t.get(row, "name");
        if name.is_empty() {
            return Err(t.error(row, "empty `name`"));
        }
        let number = |col: &str| -> Result<Option<f64>, LexiconError> {
            let v = t.get(row, col);
            if v.is_empty() {
                return Ok(None);
            }
            v.parse::<f64>()
                .map(Some)
                .map_err(|_| t.error(row, format!("`{col}` is not a number: {v:?}")))
        };
        let place = Place {
            name: name.to_string(),
            country: t.get(row, "country").to_string(),
            kind: t.get(row, "kind").to_string(),
            lat: number("lat")?,
            lon: number("lon")?,
            population: t.get(row, "population").parse().unwrap_or(0),
        };
        let mut names = vec![name.to_string()];
        names.extend(t.list(row, "aliases").iter().map(|a| a.to_string()));
        out.push((place, names));
    }
    Ok(out)
}
