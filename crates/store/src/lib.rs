//! The `store` stage: dyad's embedded event database, one SQLite file
//! (WAL mode). Documents, sentences (with FTS5 full-text search), events
//! with every field of the output contract, evidence spans, the actors
//! seen, and a record of each ingest run. Writes go in whole-document
//! transactions, so a killed writer leaves every document either fully
//! stored or absent. All SQL takes its values as parameters.

mod from_coded;
mod query;
mod schema;

pub use query::{
    ActorRow, DocumentView, DyadRow, EventCursor, EventRow, Filter, FullEvent, Network,
    NetworkEdge, NetworkNode, Period, SearchHit, SentenceSpan, TimelineRow, FULL_EVENT_COLUMNS,
};
pub use schema::VERSION as SCHEMA_VERSION;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: database schema version {found} is newer than this dyad understands ({supported}); upgrade dyad")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// A span of text with character offsets into the document text.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct TextSpan {
    pub text: String,
    pub start: i64,
    pub end: i64,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ActorSpan {
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub span: TextSpan,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct LocationRecord {
    pub name: String,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub start: i64,
    pub end: i64,
}

/// One event as stored (the output contract's fields).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct EventRecord {
    pub id: String,
    pub sentence_idx: i64,
    pub date: Option<String>,
    pub source: Option<ActorSpan>,
    pub target: Option<ActorSpan>,
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    pub cameo: String,
    pub cameo_root: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub modality: String,
    pub cue: Option<TextSpan>,
    pub attributed: Option<TextSpan>,
    pub trigger: TextSpan,
    pub location: Option<LocationRecord>,
    pub sentence_start: i64,
    pub sentence_end: i64,
    pub genre: String,
    pub confidence: f64,
    /// Sentences (start, end) that told the same event again.
    pub evidence: Vec<(i64, i64)>,
}

#[derive(Clone, Debug, Default)]
pub struct SentenceRecord {
    pub start: i64,
    pub end: i64,
    pub text: String,
}

/// One document with its sentences and events, ready to store.
#[derive(Clone, Debug, Default)]
pub struct DocumentRecord {
    pub id: String,
    /// Hash of everything the events were computed from; an unchanged
    /// hash makes a re-ingest a no-op.
    pub content_hash: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub genre: String,
    pub text: String,
    pub sentences: Vec<SentenceRecord>,
    pub events: Vec<EventRecord>,
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct WriteCounts {
    pub stored: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub events: usize,
}

impl std::ops::AddAssign for WriteCounts {
    fn add_assign(&mut self, other: WriteCounts) {
        self.stored += other.stored;
        self.replaced += other.replaced;
        self.unchanged += other.unchanged;
        self.events += other.events;
    }
}

/// Versions recorded with a run.
#[derive(Clone, Debug, Default)]
pub struct RunInfo {
    pub dyad_version: String,
    pub model_version: String,
    pub lexicon_version: String,
    pub started: String,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) a database for writing, and migrates it
    /// to the current schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| sql(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.pragmas(true)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database read-only (queries, the web server).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                message: "no such database (run `dyad ingest` first)".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| sql(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.pragmas(false)?;
        let v = store.schema_version()?;
        if v > schema::VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: v,
                supported: schema::VERSION,
            });
        }
        if v < schema::VERSION {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                message: format!("schema version {v} is older than {}; open it for writing once (e.g. `dyad ingest`) to migrate", schema::VERSION),
            });
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn pragmas(&self, write: bool) -> Result<(), StoreError> {
        let p = &self.path;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| sql(p, e))?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| sql(p, e))?;
        if write {
            // WAL: readers do not block the writer; NORMAL sync keeps every
            // committed transaction across a process kill.
            self.conn
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| sql(p, e))?;
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| sql(p, e))?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| sql(&self.path, e))
    }

    /// Opens (creating if needed) a database and migrates it only up to
    /// `version`: for migration tests and tools that need an older schema.
    pub fn open_at_version(path: &Path, version: i64) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| sql(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.pragmas(true)?;
        store.migrate_to(version.min(schema::VERSION))?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        self.migrate_to(schema::VERSION)
    }

    fn migrate_to(&mut self, target: i64) -> Result<(), StoreError> {
        let v = self.schema_version()?;
        if v > schema::VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: v,
                supported: schema::VERSION,
            });
        }
        for step in v..target {
            let p = self.path.clone();
            let tx = self.conn.transaction().map_err(|e| sql(&p, e))?;
            let script =
                schema::MIGRATIONS
                    .get(step as usize)
                    .ok_or_else(|| StoreError::Invalid {
                        path: p.clone(),
                        message: format!("no migration from schema version {step}"),
                    })?;
            tx.execute_batch(script).map_err(|e| sql(&p, e))?;
            tx.pragma_update(None, "user_version", step + 1)
                .map_err(|e| sql(&p, e))?;
            tx.commit().map_err(|e| sql(&p, e))?;
        }
        Ok(())
    }

    /// Starts a run record; returns its id.
    pub fn begin_run(&mut self, info: &RunInfo) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO runs (dyad_version, model_version, lexicon_version, started) VALUES (?1, ?2, ?3, ?4)",
                params![info.dyad_version, info.model_version, info.lexicon_version, info.started],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Closes a run record with its counts.
    pub fn finish_run(
        &mut self,
        run: i64,
        finished: &str,
        counts: &WriteCounts,
        errors: usize,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE runs SET finished = ?2, documents = ?3, unchanged = ?4, replaced = ?5, events = ?6, errors = ?7 WHERE id = ?1",
                params![run, finished, counts.stored as i64, counts.unchanged as i64, counts.replaced as i64, counts.events as i64, errors as i64],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// Writes documents in one transaction: new ones are stored, changed
    /// ones replace their old rows (events included), unchanged ones are
    /// left alone.
    pub fn write(
        &mut self,
        docs: &[DocumentRecord],
        run: Option<i64>,
    ) -> Result<WriteCounts, StoreError> {
        let p = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&p, e))?;
        let mut counts = WriteCounts::default();
        for d in docs {
            let old: Option<String> = tx
                .query_row(
                    "SELECT content_hash FROM documents WHERE id = ?1",
                    [&d.id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| sql(&p, e))?;
            match old {
                Some(h) if h == d.content_hash => {
                    counts.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    tx.execute("DELETE FROM sentences_fts WHERE doc_id = ?1", [&d.id])
                        .map_err(|e| sql(&p, e))?;
                    tx.execute("DELETE FROM documents WHERE id = ?1", [&d.id])
                        .map_err(|e| sql(&p, e))?;
                    counts.replaced += 1;
                }
                None => {}
            }
            insert_document(&tx, d, run).map_err(|e| sql(&p, e))?;
            counts.stored += 1;
            counts.events += d.events.len();
        }
        tx.commit().map_err(|e| sql(&p, e))?;
        Ok(counts)
    }

    /// (documents, sentences, events) stored.
    pub fn counts(&self) -> Result<(i64, i64, i64), StoreError> {
        let one = |q: &str| -> Result<i64, StoreError> {
            self.conn
                .query_row(q, [], |r| r.get(0))
                .map_err(|e| sql(&self.path, e))
        };
        Ok((
            one("SELECT count(*) FROM documents")?,
            one("SELECT count(*) FROM sentences")?,
            one("SELECT count(*) FROM events")?,
        ))
    }

    /// A number that changes whenever another connection commits to the
    /// database (SQLite's `PRAGMA data_version`): readers use it to know
    /// when what they cached is stale.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| sql(&self.path, e))
    }

    /// Events per modality, most frequent first.
    pub fn modality_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT modality, count(*) AS n FROM events GROUP BY modality ORDER BY n DESC, modality")
            .map_err(|e| sql(&self.path, e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect())
            .map_err(|e| sql(&self.path, e))
    }

    /// SQLite's own consistency check plus dyad's: every event belongs to
    /// a stored document, and the full-text index matches the sentences.
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let p = &self.path;
        let mut problems = Vec::new();
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| sql(p, e))?;
        if ok != "ok" {
            problems.push(format!("integrity_check: {ok}"));
        }
        let orphans: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| sql(p, e))?;
        if orphans > 0 {
            problems.push(format!("{orphans} events without their document"));
        }
        let (s, f): (i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM sentences_fts)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| sql(p, e))?;
        if s != f {
            problems.push(format!("{s} sentences but {f} full-text rows"));
        }
        Ok(problems)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

fn insert_document(
    tx: &rusqlite::Transaction<'_>,
    d: &DocumentRecord,
    run: Option<i64>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO documents (id, content_hash, title, date, source, url, author, genre, text, run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![d.id, d.content_hash, d.title, d.date, d.source, d.url, d.author, d.genre, d.text, run],
    )?;
    {
        let mut s = tx.prepare_cached(
            "INSERT INTO sentences (doc_id, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut f =
            tx.prepare_cached("INSERT INTO sentences_fts (text, doc_id, idx) VALUES (?1, ?2, ?3)")?;
        for (i, st) in d.sentences.iter().enumerate() {
            s.execute(params![d.id, i as i64, st.start, st.end, st.text])?;
            f.execute(params![st.text, d.id, i as i64])?;
        }
    }
    let mut ev = tx.prepare_cached(
        "INSERT OR REPLACE INTO events (id, doc_id, sentence_idx, date,
            source_code, source_country, source_sector, source_text, source_start, source_end,
            target_code, target_country, target_sector, target_text, target_start, target_end,
            cameo, cameo_root, quad_class, goldstein, plover_event, plover_mode, modality,
            cue_text, cue_start, cue_end, attributed_text, attributed_start, attributed_end,
            trigger_text, trigger_start, trigger_end,
            location_name, location_country, lat, lon, location_start, location_end,
            sentence_start, sentence_end, genre, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42)",
    )?;
    let mut evid = tx.prepare_cached("INSERT INTO evidence (event_id, doc_id, sentence_start, sentence_end) VALUES (?1, ?2, ?3, ?4)")?;
    let mut actor = tx.prepare_cached(
        "INSERT INTO actors (code, country, sector, name, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT(code) DO UPDATE SET
           first_seen = CASE WHEN excluded.first_seen IS NOT NULL AND (first_seen IS NULL OR excluded.first_seen < first_seen) THEN excluded.first_seen ELSE first_seen END,
           last_seen = CASE WHEN excluded.last_seen IS NOT NULL AND (last_seen IS NULL OR excluded.last_seen > last_seen) THEN excluded.last_seen ELSE last_seen END,
           name = COALESCE(name, excluded.name)",
    )?;
    for e in &d.events {
        let a = |x: &Option<ActorSpan>| x.clone().unwrap_or_default();
        let (s, t) = (a(&e.source), a(&e.target));
        let opt = |x: &Option<ActorSpan>, v: String| x.as_ref().map(|_| v);
        let span = |x: &Option<TextSpan>| x.clone();
        let (cue, att) = (span(&e.cue), span(&e.attributed));
        let loc = e.location.clone();
        ev.execute(rusqlite::params_from_iter([
            rusqlite::types::Value::from(e.id.clone()),
            d.id.clone().into(),
            e.sentence_idx.into(),
            opt_text(e.date.clone()),
            opt_text(opt(&e.source, s.code.clone())),
            opt_text(s.country.clone()),
            opt_text(s.sector.clone()),
            opt_text(opt(&e.source, s.span.text.clone())),
            opt_int(e.source.as_ref().map(|x| x.span.start)),
            opt_int(e.source.as_ref().map(|x| x.span.end)),
            opt_text(opt(&e.target, t.code.clone())),
            opt_text(t.country.clone()),
            opt_text(t.sector.clone()),
            opt_text(opt(&e.target, t.span.text.clone())),
            opt_int(e.target.as_ref().map(|x| x.span.start)),
            opt_int(e.target.as_ref().map(|x| x.span.end)),
            e.cameo.clone().into(),
            e.cameo_root.clone().into(),
            opt_int(e.quad_class),
            opt_real(e.goldstein),
            opt_text(e.plover_event.clone()),
            opt_text(e.plover_mode.clone()),
            e.modality.clone().into(),
            opt_text(cue.as_ref().map(|c| c.text.clone())),
            opt_int(cue.as_ref().map(|c| c.start)),
            opt_int(cue.as_ref().map(|c| c.end)),
            opt_text(att.as_ref().map(|c| c.text.clone())),
            opt_int(att.as_ref().map(|c| c.start)),
            opt_int(att.as_ref().map(|c| c.end)),
            e.trigger.text.clone().into(),
            e.trigger.start.into(),
            e.trigger.end.into(),
            opt_text(loc.as_ref().map(|l| l.name.clone())),
            opt_text(loc.as_ref().map(|l| l.country.clone())),
            opt_real(loc.as_ref().and_then(|l| l.lat)),
            opt_real(loc.as_ref().and_then(|l| l.lon)),
            opt_int(loc.as_ref().map(|l| l.start)),
            opt_int(loc.as_ref().map(|l| l.end)),
            e.sentence_start.into(),
            e.sentence_end.into(),
            e.genre.clone().into(),
            e.confidence.into(),
        ]))?;
        for (a, b) in &e.evidence {
            evid.execute(params![e.id, d.id, a, b])?;
        }
        for (who, name) in [(&e.source, &e.source_name), (&e.target, &e.target_name)] {
            if let Some(x) = who {
                actor.execute(params![x.code, x.country, x.sector, name, e.date])?;
            }
        }
    }
    Ok(())
}

fn opt_text(v: Option<String>) -> rusqlite::types::Value {
    v.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text)
}

fn opt_int(v: Option<i64>) -> rusqlite::types::Value {
    v.map_or(
        rusqlite::types::Value::Null,
        rusqlite::types::Value::Integer,
    )
}

fn opt_real(v: Option<f64>) -> rusqlite::types::Value {
    v.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Real)
}
