//! `dyad-ingest`: readers that turn files, directories and stdin into
//! [`Document`]s: news page text, JSON Lines, HTML pages and RSS/Atom feeds,
//! plain or gzip-compressed.
//!
//! Every byte of input is treated as hostile: a reader never panics, and a
//! bad input yields a [`ReadError`] that names it and says what is wrong,
//! while the other inputs (and the other lines of a JSON Lines file) are
//! still read.
//!
//! ```
//! use dyad_ingest::{parse_bytes, InputFormat};
//! let page = "Iran recalls envoy\nJuly 11, 2025\n\nIran recalled its ambassador.\n";
//! let out = parse_bytes("example.txt", page.as_bytes(), InputFormat::Auto);
//! assert_eq!(out.documents[0].title.as_deref(), Some("Iran recalls envoy"));
//! ```

mod dates;
mod feed;
mod html;
mod htmltext;
mod jsonl;
mod newspage;

use dyad_text::Document;
use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

pub use dates::{find_date_time, parse_timestamp};

/// Largest input accepted, after decompression.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Input formats, chosen by `--input-format` or detected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// Detect from the file name, then from the content.
    #[default]
    Auto,
    NewsPage,
    Jsonl,
    Html,
    /// RSS 2.0, RSS 1.0 or Atom.
    Feed,
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(InputFormat::Auto),
            "text" | "newspage" | "news" | "txt" => Ok(InputFormat::NewsPage),
            "jsonl" | "ndjson" | "json" => Ok(InputFormat::Jsonl),
            "html" | "htm" => Ok(InputFormat::Html),
            "rss" | "atom" | "feed" | "xml" => Ok(InputFormat::Feed),
            other => Err(format!(
                "unknown input format {other:?} (expected auto, text, jsonl, html or feed)"
            )),
        }
    }
}

/// What went wrong with one input.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReadErrorKind {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty input")]
    Empty,
    #[error("binary data, not text ({0})")]
    Binary(&'static str),
    #[error("not UTF-8 text ({0} invalid byte sequences)")]
    NotUtf8(usize),
    #[error("truncated or corrupt gzip data: {0}")]
    Gzip(String),
    #[error("larger than {} bytes", MAX_INPUT_BYTES)]
    TooLarge,
    #[error("no body text after the header lines")]
    NoBody,
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("missing or non-string field {0:?}")]
    MissingField(&'static str),
    #[error("HTML: {0}")]
    Html(String),
    #[error("feed: {0}")]
    Feed(String),
}

/// A bad input: where it was and what is wrong.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{origin}: {kind}")]
pub struct ReadError {
    /// File path, `path:line` for a JSON Lines record, or `<stdin>`.
    pub origin: String,
    pub kind: ReadErrorKind,
}

/// What reading one input produced: documents, errors (the input or some of
/// its records were bad) and warnings (read, but with a caveat).
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub documents: Vec<Document>,
    pub errors: Vec<ReadError>,
    pub warnings: Vec<String>,
}

/// An input named on the command line, after directories are expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn origin(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}

/// File endings read when walking a directory. Files named explicitly are
/// read whatever their ending.
const DIRECTORY_EXTENSIONS: &[&str] = &[
    "txt", "text", "jsonl", "ndjson", "json", "html", "htm", "xhtml", "xml", "rss", "atom", "gz",
];

/// Expands paths: `-` is stdin, directories are walked recursively (sorted,
/// hidden files skipped, known endings only).
pub fn expand_inputs(args: &[String]) -> (Vec<Input>, Vec<ReadError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let known =
                            e.path()
                                .extension()
                                .and_then(|x| x.to_str())
                                .is_some_and(|x| {
                                    DIRECTORY_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str())
                                });
                        if known {
                            inputs.push(Input::Path(e.into_path()));
                        }
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(ReadError {
                        origin: err
                            .path()
                            .map_or_else(|| arg.clone(), |p| p.display().to_string()),
                        kind: ReadErrorKind::Io(err.to_string()),
                    }),
                }
            }
        } else {
            inputs.push(Input::Path(path.to_path_buf()));
        }
    }
    (inputs, errors)
}

/// Reads one input (file or stdin) and parses it.
pub fn read_input(input: &Input, format: InputFormat) -> ReadOutcome {
    let origin = input.origin();
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin().lock()),
        Input::Path(p) => std::fs::File::open(p)
            .map_err(|e| ReadErrorKind::Io(e.to_string()))
            .and_then(read_limited),
    };
    match bytes {
        Ok(bytes) => parse_bytes(&origin, &bytes, format),
        Err(kind) => ReadOutcome {
            errors: vec![ReadError { origin, kind }],
            ..Default::default()
        },
    }
}

fn read_limited<R: Read>(reader: R) -> Result<Vec<u8>, ReadErrorKind> {
    let mut buf = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ReadErrorKind::Io(e.to_string()))?;
    if buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadErrorKind::TooLarge);
    }
    Ok(buf)
}

/// Parses the bytes of one input; `origin` names it in errors and its
/// ending helps detect the format. Does no I/O.
pub fn parse_bytes(origin: &str, bytes: &[u8], format: InputFormat) -> ReadOutcome {
    let mut out = ReadOutcome::default();
    let fail = |out: &mut ReadOutcome, kind| {
        out.errors.push(ReadError {
            origin: origin.to_string(),
            kind,
        })
    };
    let mut name = origin.to_ascii_lowercase();
    let decompressed;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(bytes) {
            Ok(b) => {
                decompressed = b;
                if let Some(stripped) = name.strip_suffix(".gz") {
                    name = stripped.to_string();
                }
                &decompressed[..]
            }
            Err(kind) => {
                fail(&mut out, kind);
                return out;
            }
        }
    } else {
        bytes
    };
    let text = match decode_text(bytes) {
        Ok((text, lossy)) => {
            if lossy > 0 {
                out.warnings.push(format!(
                    "{origin}: {lossy} invalid UTF-8 sequences replaced with U+FFFD"
                ));
            }
            text
        }
        Err(kind) => {
            fail(&mut out, kind);
            return out;
        }
    };
    let format = match format {
        InputFormat::Auto => detect_format(&name, &text),
        f => f,
    };
    match format {
        InputFormat::Jsonl => jsonl::parse(origin, &text, &mut out),
        InputFormat::Feed => match feed::parse(&text) {
            Ok(mut docs) => {
                for (i, d) in docs.iter_mut().enumerate() {
                    d.origin = format!("{origin}#{}", i + 1);
                    d.ensure_id();
                }
                out.documents.extend(docs);
            }
            Err(kind) => fail(&mut out, kind),
        },
        InputFormat::Html => match html::parse(&text) {
            Ok(mut doc) => {
                doc.origin = origin.to_string();
                doc.ensure_id();
                out.documents.push(doc);
            }
            Err(kind) => fail(&mut out, kind),
        },
        InputFormat::NewsPage | InputFormat::Auto => {
            let mut doc = Document {
                origin: origin.to_string(),
                ..Default::default()
            };
            match newspage::parse(&text, &mut doc) {
                Ok(()) => {
                    doc.ensure_id();
                    out.documents.push(doc);
                }
                Err(kind) => fail(&mut out, kind),
            }
        }
    }
    out
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, ReadErrorKind> {
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut buf = Vec::new();
    decoder
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ReadErrorKind::Gzip(e.to_string()))?;
    if buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadErrorKind::TooLarge);
    }
    Ok(buf)
}

/// Decodes text: UTF-8 (BOM stripped), read lossily when only a few bytes
/// are invalid; NUL bytes or mostly invalid data are binary.
fn decode_text(bytes: &[u8]) -> Result<(String, usize), ReadErrorKind> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadErrorKind::Empty);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(ReadErrorKind::Binary("contains NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), 0)),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let invalid = lossy.matches('\u{FFFD}').count() - count_replacement_chars(bytes);
            // More than 1 in 100 bytes invalid: not text in any encoding we read.
            if invalid > 8 && invalid * 100 > bytes.len() {
                return Err(ReadErrorKind::NotUtf8(invalid));
            }
            Ok((lossy.into_owned(), invalid))
        }
    }
}

/// U+FFFD characters genuinely present in the (partly valid) input.
fn count_replacement_chars(bytes: &[u8]) -> usize {
    bytes
        .windows(3)
        .filter(|w| *w == [0xEF, 0xBF, 0xBD])
        .count()
}

fn detect_format(name: &str, text: &str) -> InputFormat {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" | "json" => return InputFormat::Jsonl,
        "html" | "htm" | "xhtml" => return InputFormat::Html,
        "rss" | "atom" => return InputFormat::Feed,
        "txt" | "text" => return InputFormat::NewsPage,
        _ => {}
    }
    let start = text.trim_start();
    if start.starts_with('{') {
        return InputFormat::Jsonl;
    }
    if start.starts_with('<') {
        let head: String = start
            .chars()
            .take(2048)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
            return InputFormat::Feed;
        }
        if ext == "xml" {
            return InputFormat::Feed;
        }
        return InputFormat::Html;
    }
    InputFormat::NewsPage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(detect_format("a.jsonl", ""), InputFormat::Jsonl);
        assert_eq!(
            detect_format("x", "<?xml version='1.0'?><rss>"),
            InputFormat::Feed
        );
        assert_eq!(
            detect_format("x", "<!doctype html><html>"),
            InputFormat::Html
        );
        assert_eq!(detect_format("x", "{\"id\":1}"), InputFormat::Jsonl);
        assert_eq!(detect_format("x", "Title\nbody"), InputFormat::NewsPage);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let out = parse_bytes("bin.dat", &[0, 1, 2, 3, 0xff], InputFormat::Auto);
        assert_eq!(
            out.errors[0].kind,
            ReadErrorKind::Binary("contains NUL bytes")
        );
        assert_eq!(
            out.errors[0].to_string(),
            "bin.dat: binary data, not text (contains NUL bytes)"
        );
        let out = parse_bytes("e.txt", b"", InputFormat::Auto);
        assert_eq!(out.errors[0].kind, ReadErrorKind::Empty);
        let out = parse_bytes("t.gz", &[0x1f, 0x8b, 8, 0, 0, 0], InputFormat::Auto);
        assert!(matches!(out.errors[0].kind, ReadErrorKind::Gzip(_)));
        let noise: Vec<u8> = (0..4000u32)
            .map(|i| (i * 7919 % 251) as u8 | 0x80)
            .collect();
        let out = parse_bytes("noise.txt", &noise, InputFormat::Auto);
        assert!(matches!(out.errors[0].kind, ReadErrorKind::NotUtf8(_)));
    }

    #[test]
    fn lossy_utf8_is_a_warning() {
        let mut bytes = b"Title\n\nIran recalled its envoy from Baku".to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(b" on Monday, officials said in a statement.\n");
        let out = parse_bytes("l.txt", &bytes, InputFormat::Auto);
        assert!(out.errors.is_empty());
        assert_eq!(out.warnings.len(), 1);
        assert!(out.documents[0].text.contains('\u{FFFD}'));
    }

    #[test]
    fn gzip_round_trip() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let wrote = enc.write_all(b"{\"id\":\"a\",\"text\":\"Iran protested.\"}\n");
        assert!(wrote.is_ok());
        let gz = enc.finish().unwrap_or_default();
        let out = parse_bytes("x.jsonl.gz", &gz, InputFormat::Auto);
        assert_eq!(out.documents.len(), 1);
        assert_eq!(out.documents[0].id, "a");
        let truncated = parse_bytes("x.jsonl.gz", &gz[..gz.len() - 6], InputFormat::Auto);
        assert!(matches!(truncated.errors[0].kind, ReadErrorKind::Gzip(_)));
    }
}
