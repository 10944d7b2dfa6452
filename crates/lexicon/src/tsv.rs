//! Our TSV files: a header line naming the columns, then rows. Lists inside
//! a field are `|`-separated. Lines starting with `#` and blank lines are
//! comments.

use crate::LexiconError;

pub struct Table<'a> {
    pub file: String,
    columns: Vec<&'a str>,
    pub rows: Vec<Row<'a>>,
}

pub struct Row<'a> {
    pub line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Table<'a> {
    /// Parses `text`, requiring every column in `required` to be present
    /// in the header (other columns are allowed and ignored).
    pub fn parse(file: &str, text: &'a str, required: &[&str]) -> Result<Table<'a>, LexiconError> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let Some((_, header)) = lines.next() else {
            return Err(LexiconError::format(file, 1, "empty file: no header line"));
        };
        let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
        for want in required {
            if !columns.contains(want) {
                return Err(LexiconError::format(
                    file,
                    1,
                    format!(
                        "missing column `{want}` (header has: {})",
                        columns.join(", ")
                    ),
                ));
            }
        }
        let mut rows = Vec::new();
        for (line, l) in lines {
            let fields: Vec<&str> = l.split('\t').map(str::trim).collect();
            if fields.len() > columns.len() {
                return Err(LexiconError::format(
                    file,
                    line,
                    format!("{} fields, header has {}", fields.len(), columns.len()),
                ));
            }
            rows.push(Row { line, fields });
        }
        Ok(Table {
            file: file.to_string(),
            columns,
            rows,
        })
    }

    /// The value of `column` in `row` ("" when the row is short).
    pub fn get(&self, row: &Row<'a>, column: &str) -> &'a str {
        self.columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| row.fields.get(i).copied())
            .unwrap_or("")
    }

    /// A `|`-separated list field, empty items dropped.
    pub fn list(&self, row: &Row<'a>, column: &str) -> Vec<&'a str> {
        split_list(self.get(row, column))
    }

    pub fn error(&self, row: &Row<'_>, message: impl Into<String>) -> LexiconError {
        LexiconError::format(&self.file, row.line, message)
    }
}

pub fn split_list(s: &str) -> Vec<&str> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

/// Writes one TSV line; tabs and newlines inside fields become spaces.
pub fn line(fields: &[&str]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.extend(f.chars().map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        }));
    }
    out.push('\n');
    out
}
