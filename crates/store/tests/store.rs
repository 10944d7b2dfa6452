//! The store on its own: idempotent writes, replacement, migrations,
//! version checks, full-text search, filters (with hostile strings).

use dyad_store::{
    ActorSpan, DocumentRecord, EventRecord, Filter, Period, SentenceRecord, Store, StoreError,
    TextSpan,
};
use std::path::PathBuf;

fn db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-store-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir.join("t.db")
}

fn actor(code: &str) -> Option<ActorSpan> {
    Some(ActorSpan {
        code: code.into(),
        country: Some(code[..3].into()),
        sector: None,
        span: TextSpan {
            text: code.into(),
            start: 0,
            end: 3,
        },
    })
}

fn event(
    id: &str,
    src: &str,
    tgt: &str,
    cameo: &str,
    modality: &str,
    date: &str,
    goldstein: f64,
) -> EventRecord {
    EventRecord {
        id: id.into(),
        sentence_idx: 0,
        date: Some(date.into()),
        source: actor(src),
        target: actor(tgt),
        cameo: cameo.into(),
        cameo_root: cameo[..2].into(),
        quad_class: Some(if cameo.starts_with('1') { 3 } else { 1 }),
        goldstein: Some(goldstein),
        modality: modality.into(),
        trigger: TextSpan {
            text: "recalled".into(),
            start: 5,
            end: 13,
        },
        sentence_end: 40,
        genre: "report".into(),
        confidence: 0.9,
        ..EventRecord::default()
    }
}

fn doc(id: &str, hash: &str, text: &str, events: Vec<EventRecord>) -> DocumentRecord {
    DocumentRecord {
        id: id.into(),
        content_hash: hash.into(),
        date: Some("2025-07-14".into()),
        genre: "report".into(),
        text: text.into(),
        sentences: vec![SentenceRecord {
            start: 0,
            end: text.chars().count() as i64,
            text: text.into(),
        }],
        events,
        ..DocumentRecord::default()
    }
}

fn open(path: &std::path::Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn writes_are_idempotent_and_changed_documents_replace_their_events() {
    let path = db("idem");
    let mut s = open(&path);
    let d1 = doc(
        "a",
        "h1",
        "Iran recalled its ambassador from Baku.",
        vec![event(
            "e1",
            "IRN",
            "AZE",
            "161",
            "asserted",
            "2025-07-14",
            -4.0,
        )],
    );
    let d2 = doc(
        "b",
        "h2",
        "Iran should expel the envoy.",
        vec![event(
            "e2",
            "IRN",
            "AZE",
            "1741",
            "advocated",
            "2025-07-15",
            -5.0,
        )],
    );
    let c = s
        .write(&[d1.clone(), d2.clone()], None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((c.stored, c.unchanged, c.replaced, c.events), (2, 0, 0, 2));
    let c = s
        .write(&[d1.clone(), d2], None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((c.stored, c.unchanged), (0, 2));
    assert_eq!(s.counts().unwrap_or_else(|e| panic!("{e}")), (2, 2, 2));
    // The same id with new content replaces the old rows.
    let d1b = doc(
        "a",
        "h1b",
        "Iran expelled the ambassador of Azerbaijan.",
        vec![
            event("e3", "IRN", "AZE", "1741", "asserted", "2025-07-16", -5.0),
            event("e4", "IRN", "AZEGOV", "111", "asserted", "2025-07-16", -2.0),
        ],
    );
    let c = s.write(&[d1b], None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((c.stored, c.replaced), (1, 1));
    assert_eq!(s.counts().unwrap_or_else(|e| panic!("{e}")), (2, 2, 3));
    assert!(s.check().unwrap_or_else(|e| panic!("{e}")).is_empty());
    let all = Filter::default();
    let ids: Vec<String> = s
        .events(&all, 10)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert!(
        !ids.contains(&"e1".to_string()) && ids.contains(&"e3".to_string()),
        "{ids:?}"
    );
}

#[test]
fn queries_filter_by_modality_prefix_and_text() {
    let path = db("query");
    let mut s = open(&path);
    let docs = vec![
        doc(
            "a",
            "1",
            "Iran recalled its ambassador from Baku.",
            vec![event(
                "e1",
                "IRNGOV",
                "AZE",
                "161",
                "asserted",
                "2025-06-02",
                -4.0,
            )],
        ),
        doc(
            "b",
            "2",
            "Iran should recall its ambassador.",
            vec![event(
                "e2",
                "IRN",
                "AZE",
                "161",
                "advocated",
                "2025-06-20",
                -4.0,
            )],
        ),
        doc(
            "c",
            "3",
            "Azerbaijan condemned Iran.",
            vec![event(
                "e3",
                "AZE",
                "IRN",
                "111",
                "asserted",
                "2025-07-01",
                -2.0,
            )],
        ),
    ];
    s.write(&docs, None).unwrap_or_else(|e| panic!("{e}"));
    let asserted = Filter {
        source: Some("IRN".into()),
        target: Some("AZE".into()),
        modalities: vec!["asserted".into()],
        ..Filter::default()
    };
    let t = s
        .timeline(&asserted, Period::Month)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.len(), 1);
    assert_eq!(
        (t[0].period.as_str(), t[0].events, t[0].verbal_conflict),
        ("2025-06", 1, 1)
    );
    assert_eq!(t[0].top_codes, ["161:1"]);
    let demanded = Filter {
        modalities: vec!["advocated".into()],
        ..asserted.clone()
    };
    assert_eq!(
        s.events(&demanded, 10)
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        1
    );
    let both = Filter {
        both_directions: true,
        ..asserted.clone()
    };
    assert_eq!(
        s.events(&both, 10).unwrap_or_else(|e| panic!("{e}")).len(),
        2
    );
    let dy = s
        .dyads(&Filter::default(), 10)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dy.len(), 3);
    // Actors without a known country can be left out.
    let police = doc(
        "d",
        "4",
        "Police arrested protesters.",
        vec![event(
            "e4",
            "---COP",
            "---OPP",
            "173",
            "asserted",
            "2025-07-02",
            -5.0,
        )],
    );
    s.write(&[police], None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        s.dyads(&Filter::default(), 10)
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        4
    );
    let known = Filter {
        known_actors: true,
        ..Filter::default()
    };
    assert_eq!(
        s.dyads(&known, 10).unwrap_or_else(|e| panic!("{e}")).len(),
        3
    );
    let by_text = Filter {
        text: Some("condemned".into()),
        ..Filter::default()
    };
    assert_eq!(
        s.events(&by_text, 10)
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        1
    );
    let hits = s.search("ambassador", 10).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.events.len() == 1));
    let actors = s
        .actors(&Filter::default(), 10)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(actors
        .iter()
        .any(|a| a.code == "IRNGOV" && a.as_source == 1));
    // Hostile strings are values, not SQL.
    for evil in [
        "IRN' OR '1'='1",
        "'; DROP TABLE events; --",
        "%",
        "_",
        "\u{0}",
    ] {
        let f = Filter {
            source: Some(evil.into()),
            genre: Some(evil.into()),
            code: Some(evil.into()),
            ..Filter::default()
        };
        assert!(
            s.events(&f, 10)
                .unwrap_or_else(|e| panic!("{e}"))
                .is_empty(),
            "{evil}"
        );
        assert!(s.dyads(&f, 10).unwrap_or_else(|e| panic!("{e}")).is_empty());
        assert!(s
            .timeline(&f, Period::Day)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty());
    }
    assert_eq!(s.counts().unwrap_or_else(|e| panic!("{e}")).2, 4);
    // A malformed FTS query is an error, not a panic.
    assert!(s.search("\"unclosed", 5).is_err());
}

#[test]
fn migrations_and_versions() {
    // A database at version 0 (empty) is migrated on open.
    let path = db("migrate");
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("PRAGMA user_version = 0;")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let s = open(&path);
    assert_eq!(s.schema_version().unwrap_or(0), dyad_store::SCHEMA_VERSION);
    drop(s);
    // A database of the previous schema version keeps its data when
    // migrated.
    let old = db("previous");
    let mut s = Store::open_at_version(&old, dyad_store::SCHEMA_VERSION - 1)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        s.schema_version().unwrap_or(0),
        dyad_store::SCHEMA_VERSION - 1
    );
    let d = doc(
        "a",
        "h",
        "Iran recalled its ambassador.",
        vec![event(
            "e1",
            "IRN",
            "AZE",
            "161",
            "asserted",
            "2025-07-14",
            -4.0,
        )],
    );
    s.write(&[d], None).unwrap_or_else(|e| panic!("{e}"));
    drop(s);
    let s = open(&old);
    assert_eq!(s.schema_version().unwrap_or(0), dyad_store::SCHEMA_VERSION);
    assert_eq!(s.counts().unwrap_or_else(|e| panic!("{e}")), (1, 1, 1));
    let f = Filter {
        source: Some("IRN".into()),
        ..Filter::default()
    };
    assert_eq!(
        s.timeline(&f, Period::Year)
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        1
    );
    assert!(s.check().unwrap_or_else(|e| panic!("{e}")).is_empty());
    drop(s);
    // A newer database is refused with a clear error.
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("PRAGMA user_version = 99;")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    match Store::open(&path) {
        Err(StoreError::TooNew { found, .. }) => assert_eq!(found, 99),
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("a newer schema must not open"),
    }
    assert!(Store::open_read_only(&path).is_err());
    let missing = db("missing");
    assert!(Store::open_read_only(&missing).is_err());
}
