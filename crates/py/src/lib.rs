//! `dyad._dyad`: the native half of the `dyad` Python package. Functions
//! take and return plain strings and bytes (JSON, JSON Lines); the Python
//! half (`python/dyad/`) turns them into dicts, Arrow tables and pandas
//! frames. Work runs with the GIL released.

use dyad_coder::contract::{code_document, event_json, flatten_event, lookup_json, parse_json};
use dyad_coder::Coder;
use dyad_ingest::{InputFormat, ReadOutcome};
use dyad_lexicon::{Convention, Lexicon};
use dyad_nlp::Model;
use dyad_store::{DocumentRecord, Filter, Period};
use dyad_text::Document;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// The bundled model, lexicon and a coder over them, loaded once per
/// process.
struct Engine {
    model: &'static Model,
    coder: Coder<'static>,
    lexicon: &'static Lexicon,
}

fn engine() -> PyResult<&'static Engine> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    let loaded = ENGINE.get_or_init(|| {
        let model = Model::bundled().map_err(|e| format!("loading the bundled model: {e}"))?;
        let lexicon: &'static Lexicon = Box::leak(Box::new(
            Lexicon::bundled().map_err(|e| format!("loading the lexicon: {e}"))?,
        ));
        Ok(Engine {
            model,
            coder: Coder::new(lexicon, Convention::Gdelt),
            lexicon,
        })
    });
    loaded
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(e.clone()))
}

/// A date as `dyad` reads one (`2025-07-14`, `2025-07-14T10:00:00Z`, ...).
fn parse_date(d: &str) -> PyResult<chrono::NaiveDate> {
    dyad_ingest::parse_timestamp(d)
        .map(|(date, _, _)| date)
        .ok_or_else(|| PyValueError::new_err(format!("date {d:?} is not a date (use YYYY-MM-DD)")))
}

/// Reads JSON Lines documents exactly as `dyad code --input-format jsonl`
/// does (ids derived when missing, dates in any supported style).
fn read_jsonl(bytes: &[u8]) -> ReadOutcome {
    dyad_ingest::parse_bytes("<python>", bytes, InputFormat::Jsonl)
}

fn errors_of(outcome: &ReadOutcome) -> Vec<String> {
    outcome
        .errors
        .iter()
        .map(|e| e.to_string())
        .chain(outcome.warnings.iter().cloned())
        .collect()
}

/// Runs `f` on a pool of `threads` workers (default: rayon's global pool,
/// one per core).
fn on_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        None => Ok(f()),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| PyRuntimeError::new_err(format!("starting {n} threads: {e}"))),
    }
}

/// Events of one document as contract records (flattened for tables).
fn events_of(e: &Engine, doc: &Document, flat: bool) -> Vec<Value> {
    let (_, coded) = code_document(e.model, &e.coder, doc);
    let genre = coded.genre.name();
    coded
        .events
        .iter()
        .map(|ev| {
            let v = event_json(doc, genre, ev);
            if flat {
                flatten_event(&v)
            } else {
                v
            }
        })
        .collect()
}

#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// One text's events as a JSON array (the contract of `dyad code`).
#[pyfunction]
#[pyo3(signature = (text, date=None, title=None, doc_id=None))]
fn code_text(
    py: Python<'_>,
    text: String,
    date: Option<String>,
    title: Option<String>,
    doc_id: Option<String>,
) -> PyResult<String> {
    let e = engine()?;
    let date = date.as_deref().map(parse_date).transpose()?;
    let mut doc = Document {
        id: doc_id.unwrap_or_default(),
        title,
        text,
        date,
        origin: "<python>".into(),
        ..Document::default()
    };
    doc.ensure_id();
    Ok(py.detach(|| Value::Array(events_of(e, &doc, false)).to_string()))
}

/// Codes JSON Lines documents in parallel: (events as JSON Lines, the
/// problems of records that could not be read).
#[pyfunction]
#[pyo3(signature = (jsonl, threads=None, flat=false))]
fn code_jsonl<'py>(
    py: Python<'py>,
    jsonl: &[u8],
    threads: Option<usize>,
    flat: bool,
) -> PyResult<(Bound<'py, PyBytes>, Vec<String>)> {
    let e = engine()?;
    let (out, errors) = py.detach(|| {
        let outcome = read_jsonl(jsonl);
        let errors = errors_of(&outcome);
        let lines = on_pool(threads, || {
            outcome
                .documents
                .par_iter()
                .map(|d| {
                    let mut s = String::new();
                    for v in events_of(e, d, flat) {
                        s.push_str(&v.to_string());
                        s.push('\n');
                    }
                    s
                })
                .collect::<Vec<String>>()
        });
        (lines.map(|l| l.concat()), errors)
    });
    Ok((PyBytes::new(py, out?.as_bytes()), errors))
}

/// The `dyad parse --format jsonl` record of a text.
#[pyfunction]
fn parse_text(py: Python<'_>, text: String) -> PyResult<String> {
    let e = engine()?;
    let mut doc = Document {
        text,
        origin: "<python>".into(),
        ..Document::default()
    };
    doc.ensure_id();
    Ok(py.detach(|| parse_json(e.model, &e.coder, &doc).to_string()))
}

/// Actors named in `text` at `date` (default today), as a JSON array.
#[pyfunction]
#[pyo3(signature = (text, date=None))]
fn lookup(text: &str, date: Option<&str>) -> PyResult<String> {
    let e = engine()?;
    let date = match date {
        Some(d) => parse_date(d)?,
        None => chrono::Local::now().date_naive(),
    };
    Ok(Value::Array(lookup_json(e.lexicon, text, date)).to_string())
}

fn store_err(e: dyad_store::StoreError) -> PyErr {
    PyOSError::new_err(e.to_string())
}

/// The filter of the query functions, from a JSON object with the API's
/// parameter names.
fn filter_from(json_text: &str) -> PyResult<Filter> {
    let v: Value = serde_json::from_str(json_text)
        .map_err(|e| PyValueError::new_err(format!("filter: {e}")))?;
    let text = |k: &str| -> PyResult<Option<String>> {
        match v.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(PyValueError::new_err(format!(
                "{k}={other}: expected a string"
            ))),
        }
    };
    let date = |k: &str| -> PyResult<Option<String>> {
        text(k)?
            .map(|d| {
                chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map(|d| d.to_string())
                    .map_err(|_| PyValueError::new_err(format!("{k}={d:?}: expected YYYY-MM-DD")))
            })
            .transpose()
    };
    let modalities = match v.get("modality") {
        None | Some(Value::Null) => vec!["asserted".to_string()],
        Some(Value::String(s)) if s == "all" => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .map(|m| m.as_str().map(String::from))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| PyValueError::new_err("modality: expected strings"))?,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "modality={other}: expected a name, a list of names or \"all\""
            )))
        }
    };
    for m in &modalities {
        if dyad_coder::Modality::parse(m).is_none() {
            return Err(PyValueError::new_err(format!(
                "modality {m:?}: use asserted, negated, advocated, hypothetical, future, alleged or all"
            )));
        }
    }
    let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    Ok(Filter {
        source: text("source")?,
        target: text("target")?,
        both_directions: flag("both_directions"),
        modalities,
        code: text("code")?,
        quad_class: v.get("quad_class").and_then(Value::as_i64),
        genre: text("genre")?,
        from: date("from")?,
        to: date("to")?,
        location_country: text("location")?,
        text: text("text")?,
        known_actors: flag("known_actors"),
    })
}

/// An event database (the SQLite file `dyad ingest` writes).
#[pyclass(module = "dyad._dyad")]
struct Store {
    path: PathBuf,
    store: Mutex<dyad_store::Store>,
}

impl Store {
    fn with<T>(&self, f: impl FnOnce(&mut dyad_store::Store) -> PyResult<T>) -> PyResult<T> {
        let mut guard = self
            .store
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the store was poisoned by an earlier panic"))?;
        f(&mut guard)
    }

    /// Codes documents in parallel and writes them in batches; returns the
    /// summary as JSON.
    fn ingest_documents(
        &self,
        docs: &[Document],
        errors: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<String> {
        let e = engine()?;
        // One pool for the whole call: each batch is coded in parallel,
        // then written.
        let totals = on_pool(threads, || -> PyResult<dyad_store::WriteCounts> {
            let mut totals = dyad_store::WriteCounts::default();
            for chunk in docs.chunks(256) {
                let records: Vec<DocumentRecord> = chunk
                    .par_iter()
                    .map(|d| {
                        let (parsed, coded) = code_document(e.model, &e.coder, d);
                        DocumentRecord::from_coded(d, &parsed, &coded)
                    })
                    .collect();
                totals += self.with(|s| s.write(&records, None).map_err(store_err))?;
            }
            Ok(totals)
        })??;
        Ok(json!({
            "documents": docs.len(),
            "stored": totals.stored,
            "replaced": totals.replaced,
            "unchanged": totals.unchanged,
            "events": totals.events,
            "errors": errors,
        })
        .to_string())
    }
}

#[pymethods]
impl Store {
    #[new]
    fn new(path: PathBuf) -> PyResult<Store> {
        let store = dyad_store::Store::open(&path).map_err(store_err)?;
        Ok(Store {
            path,
            store: Mutex::new(store),
        })
    }

    #[getter]
    fn path(&self) -> String {
        self.path.display().to_string()
    }

    /// Codes and stores JSON Lines documents.
    #[pyo3(signature = (jsonl, threads=None))]
    fn ingest_jsonl(
        &self,
        py: Python<'_>,
        jsonl: &[u8],
        threads: Option<usize>,
    ) -> PyResult<String> {
        py.detach(|| {
            let outcome = read_jsonl(jsonl);
            let errors = errors_of(&outcome);
            self.ingest_documents(&outcome.documents, errors, threads)
        })
    }

    /// Reads files or directories as `dyad ingest` does, codes and stores them.
    #[pyo3(signature = (paths, threads=None))]
    fn ingest_paths(
        &self,
        py: Python<'_>,
        paths: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<String> {
        py.detach(|| {
            let (inputs, read_errors) = dyad_ingest::expand_inputs(&paths);
            let mut errors: Vec<String> = read_errors.iter().map(|e| e.to_string()).collect();
            let mut docs = Vec::new();
            for input in &inputs {
                let outcome = dyad_ingest::read_input(input, InputFormat::Auto);
                errors.extend(errors_of(&outcome));
                docs.extend(outcome.documents);
            }
            self.ingest_documents(&docs, errors, threads)
        })
    }

    /// Timeline rows as JSON.
    #[pyo3(signature = (filter="{}", by="month"))]
    fn timeline(&self, py: Python<'_>, filter: &str, by: &str) -> PyResult<String> {
        let f = filter_from(filter)?;
        let by: Period = by.parse().map_err(PyValueError::new_err)?;
        py.detach(|| {
            self.with(|s| {
                let rows = s.timeline(&f, by).map_err(store_err)?;
                serde_json::to_string(&rows).map_err(|e| PyRuntimeError::new_err(e.to_string()))
            })
        })
    }

    /// Events (every stored field) as JSON, in date order.
    #[pyo3(signature = (filter="{}", limit=None))]
    fn events(&self, py: Python<'_>, filter: &str, limit: Option<usize>) -> PyResult<String> {
        let f = filter_from(filter)?;
        py.detach(|| {
            self.with(|s| {
                let mut rows = Vec::new();
                s.for_each_event(&f, |ev| -> Result<(), dyad_store::StoreError> {
                    if limit.is_none_or(|l| rows.len() < l) {
                        rows.push(ev.clone());
                    }
                    Ok(())
                })
                .map_err(store_err)?;
                serde_json::to_string(&rows).map_err(|e| PyRuntimeError::new_err(e.to_string()))
            })
        })
    }

    /// The most active dyads as JSON.
    #[pyo3(signature = (filter="{}", top=20))]
    fn dyads(&self, py: Python<'_>, filter: &str, top: usize) -> PyResult<String> {
        let f = filter_from(filter)?;
        py.detach(|| {
            self.with(|s| {
                let rows = s.dyads(&f, top).map_err(store_err)?;
                serde_json::to_string(&rows).map_err(|e| PyRuntimeError::new_err(e.to_string()))
            })
        })
    }
}

#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(code_text, m)?)?;
    m.add_function(wrap_pyfunction!(code_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(parse_text, m)?)?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_class::<Store>()?;
    Ok(())
}
