//! The database schema and its migrations. `PRAGMA user_version` holds the
//! schema version; each migration moves it up by one inside a transaction.

/// The schema version this build writes.
pub const VERSION: i64 = 3;

/// Migrations: `MIGRATIONS[i]` takes version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    r#"
    CREATE TABLE documents (
        id           TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        title        TEXT,
        date         TEXT,
        source       TEXT,
        url          TEXT,
        author       TEXT,
        genre        TEXT,
        text         TEXT NOT NULL,
        run_id       INTEGER
    );
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx    INTEGER NOT NULL,
        start  INTEGER NOT NULL,
        end    INTEGER NOT NULL,
        text   TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE sentences_fts USING fts5(text, doc_id UNINDEXED, idx UNINDEXED);
    CREATE TABLE events (
        id               TEXT PRIMARY KEY,
        doc_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx     INTEGER NOT NULL,
        date             TEXT,
        source_code      TEXT,
        source_country   TEXT,
        source_sector    TEXT,
        source_text      TEXT,
        source_start     INTEGER,
        source_end       INTEGER,
        target_code      TEXT,
        target_country   TEXT,
        target_sector    TEXT,
        target_text      TEXT,
        target_start     INTEGER,
        target_end       INTEGER,
        cameo            TEXT NOT NULL,
        cameo_root       TEXT NOT NULL,
        quad_class       INTEGER,
        goldstein        REAL,
        plover_event     TEXT,
        plover_mode      TEXT,
        modality         TEXT NOT NULL,
        cue_text         TEXT,
        cue_start        INTEGER,
        cue_end          INTEGER,
        attributed_text  TEXT,
        attributed_start INTEGER,
        attributed_end   INTEGER,
        trigger_text     TEXT NOT NULL,
        trigger_start    INTEGER NOT NULL,
        trigger_end      INTEGER NOT NULL,
        location_name    TEXT,
        location_country TEXT,
        lat              REAL,
        lon              REAL,
        location_start   INTEGER,
        location_end     INTEGER,
        sentence_start   INTEGER NOT NULL,
        sentence_end     INTEGER NOT NULL,
        genre            TEXT NOT NULL,
        confidence       REAL NOT NULL
    );
    CREATE INDEX events_dyad ON events (source_code, target_code, date);
    CREATE INDEX events_target ON events (target_code, date);
    CREATE INDEX events_date ON events (date);
    CREATE INDEX events_doc ON events (doc_id);
    CREATE TABLE evidence (
        event_id       TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        doc_id         TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end   INTEGER NOT NULL
    );
    CREATE INDEX evidence_event ON evidence (event_id);
    CREATE TABLE actors (
        code       TEXT PRIMARY KEY,
        country    TEXT,
        sector     TEXT,
        name       TEXT,
        first_seen TEXT,
        last_seen  TEXT
    );
    CREATE TABLE runs (
        id              INTEGER PRIMARY KEY,
        dyad_version    TEXT NOT NULL,
        model_version   TEXT,
        lexicon_version TEXT,
        started         TEXT NOT NULL,
        finished        TEXT,
        documents       INTEGER NOT NULL DEFAULT 0,
        unchanged       INTEGER NOT NULL DEFAULT 0,
        replaced        INTEGER NOT NULL DEFAULT 0,
        events          INTEGER NOT NULL DEFAULT 0,
        errors          INTEGER NOT NULL DEFAULT 0
    );
    "#,
    // 1 -> 2: covering indexes for the dashboard queries (a dyad's
    // timeline, the top dyads) so they read the index, not the table.
    r#"
    DROP INDEX events_dyad;
    CREATE INDEX events_dyad ON events (source_code, target_code, modality, date, quad_class, goldstein, cameo);
    CREATE INDEX events_modality_dyad ON events (modality, source_code, target_code, goldstein);
    "#,
    // 2 -> 3: the whole-database timeline by modality reads an index in
    // date order instead of visiting every event row (5x faster on a
    // million events).
    r#"
    CREATE INDEX events_modality_date ON events (modality, date, quad_class, goldstein, cameo);
    "#,
];
