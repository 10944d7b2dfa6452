use std::path::PathBuf;

/// Why a lexicon could not be loaded or imported. Every variant names the
/// file (and line, where there is one) so the user can fix it.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Format {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
}

impl LexiconError {
    pub(crate) fn format(file: &str, line: usize, message: impl Into<String>) -> Self {
        LexiconError::Format {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}
