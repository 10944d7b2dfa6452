//! The HTTP API against a small database built here with known events:
//! every endpoint, the token and host rules, limits, and injection
//! strings in every filter.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use dyad_lexicon::{Convention, Lexicon};
use dyad_server::{check_bind, router, AppState, Options, ServerError};
use dyad_store::{ActorSpan, DocumentRecord, EventRecord, SentenceRecord, Store, TextSpan};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

/// (sentence index, source, target, cameo, quad, goldstein, modality, trigger)
type Ev = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    i64,
    f64,
    &'static str,
    &'static str,
);

struct Doc {
    id: &'static str,
    date: &'static str,
    sentences: &'static [&'static str],
    events: &'static [Ev],
}

/// Surface words for the actor codes (spans point at them).
fn surface(code: &str) -> &'static str {
    match code {
        "IRNGOV" => "Tehran",
        "IRN" => "Iran",
        "AZEGOV" => "Baku",
        "AZE" => "Azerbaijan",
        "ISR" => "Israel",
        "TUR" => "Turkey",
        _ => "",
    }
}

const DOCS: &[Doc] = &[
    Doc {
        id: "doc-a",
        date: "2025-07-14",
        sentences: &[
            "Tehran recalled its ambassador from Baku.",
            "Israel struck Iran overnight.",
            "Turkey should condemn Israel, critics said.",
        ],
        events: &[
            (
                0, "IRNGOV", "AZEGOV", "161", 4, -4.0, "asserted", "recalled",
            ),
            (1, "ISR", "IRN", "195", 4, -10.0, "asserted", "struck"),
            (2, "TUR", "ISR", "111", 3, -2.0, "advocated", "condemn"),
        ],
    },
    Doc {
        id: "doc-b",
        date: "2025-08-02",
        sentences: &[
            "Tehran praised Baku for its help — élan and naïveté aside.",
            "Iran did not criticize Azerbaijan.",
        ],
        events: &[
            (0, "IRNGOV", "AZEGOV", "051", 1, 3.4, "asserted", "praised"),
            (1, "IRN", "AZE", "111", 3, -2.0, "negated", "criticize"),
        ],
    },
    Doc {
        id: "doc-c",
        date: "2025-08-20",
        sentences: &[
            "Tehran accused Baku of spying.",
            "Tehran threatened Baku again.",
            "Tehran met Baku envoys.",
            "Tehran thanked Baku.",
        ],
        events: &[
            (0, "IRNGOV", "AZEGOV", "112", 3, -2.0, "asserted", "accused"),
            (
                1,
                "IRNGOV",
                "AZEGOV",
                "130",
                3,
                -4.4,
                "asserted",
                "threatened",
            ),
            (2, "IRNGOV", "AZEGOV", "036", 1, 4.0, "asserted", "met"),
            (3, "IRNGOV", "AZEGOV", "051", 1, 3.4, "alleged", "thanked"),
        ],
    },
];

fn chars(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

fn records() -> Vec<DocumentRecord> {
    DOCS.iter()
        .map(|d| {
            let text = d.sentences.join(" ");
            let mut sentences = Vec::new();
            let mut at = 0usize;
            for s in d.sentences {
                sentences.push(SentenceRecord {
                    start: chars(&text, at),
                    end: chars(&text, at + s.len()),
                    text: s.to_string(),
                });
                at += s.len() + 1;
            }
            let events = d
                .events
                .iter()
                .enumerate()
                .map(
                    |(k, &(si, src, tgt, cameo, quad, gold, modality, trigger))| {
                        let sent = &sentences[si];
                        let sent_byte = text
                            .find(sent.text.as_str())
                            .expect("fixture sentence is in its text");
                        let span = |w: &str| {
                            let b =
                                sent_byte + sent.text.find(w).expect("fixture word in sentence");
                            TextSpan {
                                text: w.to_string(),
                                start: chars(&text, b),
                                end: chars(&text, b + w.len()),
                            }
                        };
                        let actor = |code: &str| ActorSpan {
                            code: code.to_string(),
                            country: Some(code[..3].to_string()),
                            sector: None,
                            span: span(surface(code)),
                        };
                        EventRecord {
                            id: format!("{}-e{k}", d.id),
                            sentence_idx: si as i64,
                            date: Some(d.date.to_string()),
                            source: Some(actor(src)),
                            target: Some(actor(tgt)),
                            cameo: cameo.to_string(),
                            cameo_root: cameo[..2].to_string(),
                            quad_class: Some(quad),
                            goldstein: Some(gold),
                            modality: modality.to_string(),
                            trigger: span(trigger),
                            sentence_start: sent.start,
                            sentence_end: sent.end,
                            genre: "report".to_string(),
                            confidence: 1.0,
                            ..EventRecord::default()
                        }
                    },
                )
                .collect();
            DocumentRecord {
                id: d.id.to_string(),
                content_hash: format!("hash-{}", d.id),
                title: Some(format!("Title of {}", d.id)),
                date: Some(d.date.to_string()),
                genre: "report".to_string(),
                text,
                sentences,
                events,
                ..DocumentRecord::default()
            }
        })
        .collect()
}

/// All fixture events as (doc date, event tuple).
fn fixture_events() -> Vec<(&'static str, &'static str, Ev)> {
    DOCS.iter()
        .flat_map(|d| d.events.iter().map(move |e| (d.id, d.date, *e)))
        .collect()
}

fn database() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dyad-server-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("events.db");
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).expect("create test database");
        store.write(&records(), None).expect("write fixtures");
        path
    })
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::bundled().expect("bundled lexicon"))
}

fn app(token: Option<&str>) -> Router {
    app_on(database(), token)
}

fn state_on(db: &std::path::Path, token: Option<&str>) -> Result<AppState, ServerError> {
    AppState::new(
        Options {
            db: db.to_path_buf(),
            token: token.map(String::from),
            convention: Convention::Gdelt,
            code_workers: 2,
        },
        dyad_nlp::Model::bundled().expect("bundled model"),
        lexicon(),
    )
}

fn app_on(db: &std::path::Path, token: Option<&str>) -> Router {
    router(Arc::new(state_on(db, token).expect("server state")))
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or("").to_string()
    }
}

async fn send(app: &Router, req: Request<Body>) -> Reply {
    let resp = app.clone().oneshot(req).await.expect("router answers");
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

/// The first object of a JSON array whose `key` is `value` (null if none).
fn row_with(rows: &Value, key: &str, value: &str) -> Value {
    rows.as_array()
        .and_then(|rows| rows.iter().find(|r| r[key] == value))
        .cloned()
        .unwrap_or(Value::Null)
}

/// Asserts that `uri` fails with `status` and an error naming `needle`.
async fn assert_error(app: &Router, uri: &str, status: StatusCode, needle: &str) {
    let r = get(app, uri).await;
    assert_eq!(r.status, status, "{uri}");
    assert!(r.error().contains(needle), "{uri}: {}", r.error());
}

fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .expect("request")
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(app, get_req(uri)).await
}

fn post_req(uri: &str, content_type: Option<&str>, body: Vec<u8>) -> Request<Body> {
    let mut b = Request::post(uri).header(header::HOST, "localhost:8080");
    if let Some(ct) = content_type {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    b.body(Body::from(body)).expect("request")
}

#[tokio::test]
async fn health_counts_the_database() {
    let app = app(None);
    let r = get(&app, "/api/health").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let events: usize = DOCS.iter().map(|d| d.events.len()).sum();
    let sentences: usize = DOCS.iter().map(|d| d.sentences.len()).sum();
    assert_eq!(v["documents"], DOCS.len());
    assert_eq!(v["sentences"], sentences);
    assert_eq!(v["events"], events);
    assert_eq!(v["schema_version"], dyad_store::SCHEMA_VERSION);
}

#[tokio::test]
async fn timeline_counts_by_month_quad_and_modality() {
    let app = app(None);
    let r = get(&app, "/api/timeline?source=IRN&target=AZE&by=month").await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    assert_eq!(v["by"], "month");
    // Expected from the fixtures: asserted IRN* -> AZE* events per month.
    let mut expected: std::collections::BTreeMap<String, (i64, [i64; 4], f64)> = Default::default();
    let mut codes: std::collections::BTreeMap<String, std::collections::BTreeMap<&str, i64>> =
        Default::default();
    for (_, date, (_, s, t, cameo, q, g, m, _)) in fixture_events() {
        if s.starts_with("IRN") && t.starts_with("AZE") && m == "asserted" {
            let e = expected.entry(date[..7].to_string()).or_default();
            e.0 += 1;
            e.1[(q - 1) as usize] += 1;
            e.2 += g;
            *codes
                .entry(date[..7].to_string())
                .or_default()
                .entry(cameo)
                .or_default() += 1;
        }
    }
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), expected.len());
    for (row, (period, (n, quads, gold))) in rows.iter().zip(&expected) {
        assert_eq!(row["period"], period.as_str());
        assert_eq!(row["events"], *n);
        assert_eq!(row["verbal_cooperation"], quads[0]);
        assert_eq!(row["material_cooperation"], quads[1]);
        assert_eq!(row["verbal_conflict"], quads[2]);
        assert_eq!(row["material_conflict"], quads[3]);
        let got = row["goldstein_sum"].as_f64().unwrap_or(f64::NAN);
        assert!((got - gold).abs() < 1e-6, "{period}: {got} vs {gold}");
        let mean = row["goldstein_mean"].as_f64().unwrap_or(f64::NAN);
        assert!(
            (mean - gold / *n as f64).abs() < 1e-6,
            "{period}: mean {mean}"
        );
        // Most frequent codes first, ties by code, at most three.
        let mut top: Vec<(&str, i64)> = codes[period].iter().map(|(c, n)| (*c, *n)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let want: Vec<String> = top
            .iter()
            .take(3)
            .map(|(c, n)| format!("{c}:{n}"))
            .collect();
        assert_eq!(row["top_codes"], serde_json::json!(want), "{period}");
    }
    // Every modality: the negated and alleged events count too.
    let all = get(
        &app,
        "/api/timeline?source=IRN&target=AZE&modality=all&by=year",
    )
    .await;
    let total: i64 = all.json()["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["events"].as_i64().unwrap_or(0))
        .sum();
    let want = fixture_events()
        .iter()
        .filter(|(_, _, e)| e.1.starts_with("IRN") && e.2.starts_with("AZE"))
        .count() as i64;
    assert_eq!(total, want);
    let bad = get(&app, "/api/timeline?by=fortnight").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.error().contains("by"), "{}", bad.error());
}

#[tokio::test]
async fn dyads_network_and_actors() {
    let app = app(None);
    let v = get(&app, "/api/dyads?modality=all&top=2").await.json();
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["source"], "IRNGOV");
    assert_eq!(rows[0]["target"], "AZEGOV");
    let want = fixture_events()
        .iter()
        .filter(|(_, _, e)| e.1 == "IRNGOV" && e.2 == "AZEGOV")
        .count();
    assert_eq!(rows[0]["events"], want);

    let net = get(&app, "/api/network?modality=all").await.json();
    let edges = net["edges"].as_array().expect("edges");
    let nodes = net["nodes"].as_array().expect("nodes");
    let pairs: std::collections::BTreeSet<(&str, &str)> = fixture_events()
        .iter()
        .map(|(_, _, e)| (e.1, e.2))
        .collect();
    assert_eq!(edges.len(), pairs.len());
    let codes: std::collections::BTreeSet<&str> =
        pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    assert_eq!(nodes.len(), codes.len());
    let weight_sum: i64 = edges
        .iter()
        .map(|e| e["weight"].as_i64().unwrap_or(0))
        .sum();
    let node_sum: i64 = nodes
        .iter()
        .map(|n| n["events"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(node_sum, 2 * weight_sum, "each edge counts at both ends");

    let actors = get(&app, "/api/actors?modality=all").await.json();
    let irngov = row_with(&actors["rows"], "code", "IRNGOV");
    let as_source = fixture_events()
        .iter()
        .filter(|(_, _, e)| e.1 == "IRNGOV")
        .count();
    assert_eq!(irngov["as_source"], as_source);
}

#[tokio::test]
async fn events_page_with_a_stable_cursor() {
    let app = app(None);
    let all = get(&app, "/api/events?modality=all&limit=500").await.json();
    let every: Vec<String> = all["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(every.len(), fixture_events().len());
    assert!(all["next_cursor"].is_null());
    // Walk in pages of 2: the same events in the same order, once each.
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..20 {
        let uri = match &cursor {
            Some(c) => format!("/api/events?modality=all&limit=2&cursor={c}"),
            None => "/api/events?modality=all&limit=2".to_string(),
        };
        let v = get(&app, &uri).await.json();
        for e in v["events"].as_array().expect("events") {
            walked.push(e["id"].as_str().unwrap_or("").to_string());
        }
        match v["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(walked, every);
    // Highlight offsets: the trigger's offsets select its text in the sentence.
    for e in all["events"].as_array().expect("events") {
        let sentence: Vec<char> = e["sentence"].as_str().unwrap_or("").chars().collect();
        let base = e["sentence_start"].as_i64().unwrap_or(0);
        let a = (e["trigger_start"].as_i64().unwrap_or(0) - base) as usize;
        let b = (e["trigger_end"].as_i64().unwrap_or(0) - base) as usize;
        let got: String = sentence.get(a..b).unwrap_or(&[]).iter().collect();
        assert_eq!(got, e["trigger_text"].as_str().unwrap_or(""), "{e}");
    }
    for bad in ["zz", "abc", "00", &"41".repeat(3000)] {
        let r = get(&app, &format!("/api/events?cursor={bad}")).await;
        assert!(
            r.status == StatusCode::BAD_REQUEST || r.status == StatusCode::URI_TOO_LONG,
            "{bad}: {}",
            r.status
        );
    }
    assert_error(
        &app,
        "/api/events?limit=501",
        StatusCode::BAD_REQUEST,
        "limit",
    )
    .await;
}

#[tokio::test]
async fn search_and_bad_full_text_queries() {
    let app = app(None);
    let v = get(&app, "/api/search?q=threatened").await.json();
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["doc_id"], "doc-c");
    assert_eq!(hits[0]["events"][0]["cameo"], "130");
    for q in [
        "%22unbalanced",
        "AND",
        "nosuchcolumn%3Afoo",
        "(((",
        "NEAR(a",
    ] {
        let r = get(&app, &format!("/api/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(r.error().contains("full-text"), "{q}: {}", r.error());
    }
    let r = get(&app, "/api/search").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn documents_and_cameo() {
    let app = app(None);
    let r = get(&app, "/api/documents/doc-b").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["sentences"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["events"].as_array().map(Vec::len), Some(2));
    // Character offsets survive the accented text: the second sentence's
    // span selects it in the document text.
    let text: Vec<char> = v["text"].as_str().unwrap_or("").chars().collect();
    let s = &v["sentences"][1];
    let (a, b) = (
        s["start"].as_u64().unwrap_or(0) as usize,
        s["end"].as_u64().unwrap_or(0) as usize,
    );
    let got: String = text.get(a..b).unwrap_or(&[]).iter().collect();
    assert_eq!(got, "Iran did not criticize Azerbaijan.");
    for id in ["nope", "doc-a'%20OR%20'1'='1", "..%2F..%2Fetc%2Fpasswd"] {
        let r = get(&app, &format!("/api/documents/{id}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}");
        assert!(r.error().contains("no document"), "{id}");
    }
    let v = get(&app, "/api/cameo").await.json();
    let c161 = row_with(&v["codes"], "code", "161");
    assert_eq!(c161["quad_class"], 4);
    assert!(c161["name"].as_str().is_some_and(|n| !n.is_empty()));
}

#[tokio::test]
async fn code_a_posted_text() {
    let app = app(None);
    let body =
        br#"{"text":"Iran recalled its ambassador from Baku on Monday.","date":"2025-07-14"}"#;
    let r = send(
        &app,
        post_req("/api/code", Some("application/json"), body.to_vec()),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    let events = v["events"].as_array().expect("events");
    assert!(!events.is_empty(), "{v}");
    let e = &events[0];
    assert_eq!(e["trigger"]["text"], "recalled");
    assert_eq!(e["modality"], "asserted");
    assert_eq!(e["source"]["code"].as_str().map(|c| &c[..3]), Some("IRN"));
    assert_eq!(v["sentences"].as_array().map(Vec::len), Some(1));

    let r = send(
        &app,
        post_req("/api/code", Some("text/plain"), body.to_vec()),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = send(&app, post_req("/api/code", None, body.to_vec())).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    for (bad, what) in [
        (&br#"{"text": 5}"#[..], "text"),
        (br#"{"text":"x","date":"14/07/2025"}"#, "date"),
        (br#"{"text":"x","colour":"red"}"#, "colour"),
        (b"not json", "request body"),
    ] {
        let r = send(
            &app,
            post_req("/api/code", Some("application/json"), bad.to_vec()),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.error().contains(what), "{}", r.error());
    }
    let mut big = br#"{"text":""#.to_vec();
    big.extend(std::iter::repeat_n(b'a', dyad_server::MAX_BODY_BYTES + 10));
    big.extend(br#""}"#);
    let r = send(&app, post_req("/api/code", Some("application/json"), big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.error().contains("at most"), "{}", r.error());
    // Hostile text codes without failing.
    let hostile = serde_json::json!({"text": "\u{0}\u{202e}ﷺ🇮🇷 .... ???\n\n\t".repeat(200)});
    let r = send(
        &app,
        post_req(
            "/api/code",
            Some("application/json"),
            hostile.to_string().into_bytes(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn injection_strings_in_every_filter() {
    let app = app(None);
    let before = get(&app, "/api/health").await.json()["events"].clone();
    let attacks = [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "IRN' OR '1'='1",
        "%' UNION SELECT text FROM documents --",
        "1; DELETE FROM events",
        "*",
        "\u{0}",
    ];
    for &key in dyad_server::FILTER_KEYS {
        for attack in attacks {
            let q: String = form_urlencoded_pair(key, attack);
            for endpoint in ["events", "timeline", "dyads", "network", "actors"] {
                let r = get(&app, &format!("/api/{endpoint}?{q}")).await;
                assert!(
                    r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST,
                    "{endpoint}?{key}={attack:?}: {} {}",
                    r.status,
                    String::from_utf8_lossy(&r.body)
                );
                if r.status == StatusCode::OK
                    && ["source", "target", "code", "location"].contains(&key)
                {
                    // Taken as a literal prefix: nothing matches.
                    let v = r.json();
                    let n = v["rows"]
                        .as_array()
                        .or(v["events"].as_array())
                        .or(v["edges"].as_array())
                        .map_or(0, Vec::len);
                    assert_eq!(n, 0, "{endpoint}?{key}={attack:?}");
                }
            }
        }
    }
    for attack in attacks {
        let r = get(
            &app,
            &format!("/api/search?{}", form_urlencoded_pair("q", attack)),
        )
        .await;
        assert!(r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST);
    }
    assert_eq!(get(&app, "/api/health").await.json()["events"], before);
}

fn form_urlencoded_pair(k: &str, v: &str) -> String {
    let enc: String = v
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{k}={enc}")
}

#[tokio::test]
async fn limits_and_unknown_parameters() {
    let app = app(None);
    let long = format!(
        "/api/events?text={}",
        "a".repeat(dyad_server::MAX_QUERY_BYTES + 1)
    );
    assert_eq!(get(&app, &long).await.status, StatusCode::URI_TOO_LONG);
    let r = get(&app, "/api/dyads?top=100000").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_error(
        &app,
        "/api/dyads?colour=red",
        StatusCode::BAD_REQUEST,
        "colour",
    )
    .await;
    assert_error(&app, "/api/nothing-here", StatusCode::NOT_FOUND, "openapi").await;
}

#[tokio::test]
async fn token_rule() {
    let open = app(None);
    // Without a token, only loopback names are answered.
    let evil = Request::get("/api/health")
        .header(header::HOST, "attacker.example:8080")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&open, evil).await.status, StatusCode::FORBIDDEN);

    let app = app(Some(TOKEN));
    let r = get(&app, "/api/health").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.headers.contains_key(header::WWW_AUTHENTICATE));
    assert_eq!(get(&app, "/").await.status, StatusCode::UNAUTHORIZED);
    let with = |auth: &str| {
        Request::get("/api/health")
            .header(header::HOST, "dyad.example.org")
            .header(header::AUTHORIZATION, auth)
            .body(Body::empty())
            .expect("request")
    };
    assert_eq!(
        send(&app, with(&format!("Bearer {TOKEN}"))).await.status,
        StatusCode::OK
    );
    assert_eq!(
        send(&app, with("Bearer wrong-token-0123456789"))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, with(TOKEN)).await.status,
        StatusCode::UNAUTHORIZED
    );
    // The page's address carries the token once; the cookie carries it after.
    let r = get(&app, &format!("/?token={TOKEN}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = r
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let req = Request::get("/app.js")
        .header(header::HOST, "127.0.0.1")
        .header(header::COOKIE, cookie.split(';').next().unwrap_or(""))
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, req).await.status, StatusCode::OK);
    // Binding rules.
    let any: std::net::SocketAddr = "0.0.0.0:8080".parse().expect("addr");
    let lo: std::net::SocketAddr = "127.0.0.1:8080".parse().expect("addr");
    assert!(matches!(
        check_bind(any, None),
        Err(ServerError::NeedsToken(_))
    ));
    assert!(check_bind(any, Some(TOKEN)).is_ok());
    assert!(check_bind(lo, None).is_ok());
    let weak = state_on(database(), Some("short"));
    assert!(matches!(weak, Err(ServerError::WeakToken)));
    let missing = state_on(std::path::Path::new("/nonexistent/dir/events.db"), None);
    assert!(matches!(missing, Err(ServerError::Store(_))));
}

#[tokio::test]
async fn assets_headers_and_openapi() {
    let app = app(None);
    for (path, ct) in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/api/openapi.json", "application/json"),
        ("/api/health", "application/json"),
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        let got = r
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(got.starts_with(ct), "{path}: {got}");
        let csp = r
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert_eq!(
            r.headers
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
    }
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/assets/app.js",
        "/app.js/..%2f..%2fCargo.toml",
        "//etc/passwd",
        "/src/lib.rs",
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = send(&app, post_req("/", Some("text/plain"), b"x".to_vec())).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    // The description names every endpoint, and each one answers.
    let spec = get(&app, "/api/openapi.json").await.json();
    let paths = spec["paths"].as_object().expect("paths");
    for endpoint in [
        "/api/health",
        "/api/timeline",
        "/api/dyads",
        "/api/network",
        "/api/actors",
        "/api/events",
        "/api/search",
        "/api/documents/{id}",
        "/api/cameo",
        "/api/code",
        "/api/openapi.json",
    ] {
        assert!(
            paths.contains_key(endpoint),
            "{endpoint} missing from openapi.json"
        );
    }
    for (path, item) in paths {
        if item.get("get").is_some() {
            let uri = path
                .replace("{id}", "doc-a")
                .replace("/api/search", "/api/search?q=Tehran");
            let r = get(&app, &uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
        }
    }
}

#[tokio::test]
async fn cached_answers_follow_new_data() {
    let dir = std::env::temp_dir().join(format!("dyad-server-cache-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("events.db");
    let _ = std::fs::remove_file(&path);
    let mut writer = Store::open(&path).expect("create database");
    let docs = records();
    writer.write(&docs[..1], None).expect("write");
    let app = app_on(&path, None);
    let total = |v: Value| -> i64 {
        v["rows"].as_array().map_or(0, |rows| {
            rows.iter().map(|r| r["events"].as_i64().unwrap_or(0)).sum()
        })
    };
    let uri = "/api/timeline?modality=all&by=year";
    let first = total(get(&app, uri).await.json());
    assert_eq!(first, DOCS[0].events.len() as i64);
    // Asked again with nothing new: the same answer.
    assert_eq!(total(get(&app, uri).await.json()), first);
    // Another process stores more: the next answer includes it.
    writer.write(&docs[1..], None).expect("write more");
    let after = total(get(&app, uri).await.json());
    assert_eq!(after, fixture_events().len() as i64);
    let _ = std::fs::remove_dir_all(&dir);
}
