//! The routes and their handlers. Every response is JSON; errors are
//! `{"error": "..."}` with a 4xx/5xx status.

use crate::params::{with_filter, Params};
use crate::{assets, security, AppState, MAX_BODY_BYTES};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_coder::contract::{code_document, event_json};
use dyad_store::{EventCursor, StoreError};
use dyad_text::{CharOffsets, Document};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

/// Most rows a top-N list returns.
const MAX_TOP: usize = 1000;
/// Most events on one page.
const MAX_PAGE: usize = 500;
/// How long a posted text may wait for a coding slot.
const CODE_QUEUE_WAIT: Duration = Duration::from_secs(30);

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    #[cfg(test)]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The only SQL text a client controls is a full-text query, so an
    /// FTS5 complaint is the client's error; anything else is ours.
    pub fn from_store(e: StoreError) -> ApiError {
        let text = e.to_string();
        let fts = [
            "fts5",
            "no such column",
            "unterminated string",
            "unknown special query",
        ];
        if let StoreError::Sqlite { source, .. } = &e {
            let own = source.to_string();
            if fts.iter().any(|m| own.contains(m)) {
                return ApiError::bad_request(format!("invalid full-text query: {own}"));
            }
        }
        eprintln!("dyad serve: error: {text}");
        ApiError::internal("the database query failed (the server log has the details)")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// The application: API routes, assets, and the security layer.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/timeline", get(timeline))
        .route("/api/dyads", get(dyads))
        .route("/api/network", get(network))
        .route("/api/actors", get(actors))
        .route("/api/events", get(events))
        .route("/api/search", get(search))
        .route("/api/documents/{id}", get(document))
        .route("/api/cameo", get(cameo))
        .route("/api/code", post(code))
        .route("/api/openapi.json", get(openapi))
        .fallback(assets::serve)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            security::guard,
        ))
        .with_state(state)
}

async fn health(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let (counts, version) = st
        .with_store(|s| Ok((s.counts()?, s.schema_version()?)))
        .await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "schema_version": version,
        "documents": counts.0,
        "sentences": counts.1,
        "events": counts.2,
    })))
}

/// A cached JSON body as a response.
fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn timeline(
    State(st): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &with_filter(&["by"]))?;
    let (filter, by) = (p.filter()?, p.period()?);
    let by_name = p.get("by").unwrap_or("month").to_string();
    let key = format!("timeline {by:?} {filter:?}");
    let body = st
        .cached(key, move |s| {
            Ok(json!({ "by": by_name, "rows": s.timeline(&filter, by)? }))
        })
        .await?;
    Ok(json_bytes(body))
}

async fn dyads(
    State(st): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &with_filter(&["top"]))?;
    let (filter, top) = (p.filter()?, p.count("top", 20, MAX_TOP)?);
    let key = format!("dyads {top} {filter:?}");
    let body = st
        .cached(key, move |s| Ok(json!({ "rows": s.dyads(&filter, top)? })))
        .await?;
    Ok(json_bytes(body))
}

async fn network(
    State(st): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &with_filter(&["top"]))?;
    let (filter, top) = (p.filter()?, p.count("top", 50, MAX_TOP)?);
    let key = format!("network {top} {filter:?}");
    let body = st
        .cached(key, move |s| Ok(json!(s.network(&filter, top)?)))
        .await?;
    Ok(json_bytes(body))
}

async fn actors(
    State(st): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &with_filter(&["top"]))?;
    let (filter, top) = (p.filter()?, p.count("top", 50, MAX_TOP)?);
    let key = format!("actors {top} {filter:?}");
    let body = st
        .cached(key, move |s| Ok(json!({ "rows": s.actors(&filter, top)? })))
        .await?;
    Ok(json_bytes(body))
}

async fn events(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &with_filter(&["limit", "cursor"]))?;
    let (filter, limit) = (p.filter()?, p.count("limit", 50, MAX_PAGE)?);
    let after = match p.get("cursor") {
        None => None,
        Some(c) => Some(EventCursor::decode(c).ok_or_else(|| {
            ApiError::bad_request("cursor: not a cursor this server gave out (use next_cursor)")
        })?),
    };
    let (events, next) = st
        .with_store(move |s| s.events_page(&filter, after.as_ref(), limit))
        .await?;
    Ok(Json(json!({
        "events": events,
        "next_cursor": next.map(|c| c.encode()),
    })))
}

async fn search(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["q", "limit"])?;
    let Some(query) = p.get("q").map(String::from) else {
        return Err(ApiError::bad_request("q: the search text is missing"));
    };
    let limit = p.count("limit", 20, MAX_PAGE)?;
    let hits = st.with_store(move |s| s.search(&query, limit)).await?;
    Ok(Json(json!({ "hits": hits })))
}

async fn document(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let key = id.clone();
    match st.with_store(move |s| s.document(&key)).await? {
        Some(doc) => Ok(Json(json!(doc))),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no document with id {id:?}"),
        )),
    }
}

async fn cameo(State(st): State<Arc<AppState>>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let codes: Vec<Value> = st
        .lexicon
        .events()
        .map(|e| {
            json!({
                "code": e.code,
                "name": e.name,
                "quad_class": e.quad(st.convention),
                "goldstein": e.goldstein_for(st.convention),
            })
        })
        .collect();
    Ok(Json(json!({ "codes": codes })))
}

/// `POST /api/code`'s body, checked field by field so that an error
/// names the field.
struct CodeRequest {
    text: String,
    date: Option<String>,
    title: Option<String>,
    doc_id: Option<String>,
}

impl CodeRequest {
    fn parse(body: &[u8]) -> Result<CodeRequest, ApiError> {
        let v: Value = serde_json::from_slice(body)
            .map_err(|e| ApiError::bad_request(format!("request body: not JSON: {e}")))?;
        let Value::Object(fields) = v else {
            return Err(ApiError::bad_request(
                "request body: expected an object like {\"text\": \"...\"}",
            ));
        };
        const KEYS: [&str; 4] = ["text", "date", "title", "doc_id"];
        if let Some(k) = fields.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(ApiError::bad_request(format!(
                "request body: unknown field {k:?}; fields: {}",
                KEYS.join(", ")
            )));
        }
        let text_field = |k: &str| -> Result<Option<String>, ApiError> {
            match fields.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ApiError::bad_request(format!(
                    "request body: {k} must be a string"
                ))),
            }
        };
        Ok(CodeRequest {
            text: text_field("text")?
                .ok_or_else(|| ApiError::bad_request("request body: text is missing"))?,
            date: text_field("date")?,
            title: text_field("title")?,
            doc_id: text_field("doc_id")?,
        })
    }
}

async fn code(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !json_body {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the text as JSON with Content-Type: application/json",
        ));
    }
    let body = body.map_err(|e| {
        ApiError::new(
            e.status(),
            format!(
                "request body: {} (at most {MAX_BODY_BYTES} bytes)",
                e.body_text()
            ),
        )
    })?;
    let req = CodeRequest::parse(&body)?;
    let date = match req.date.as_deref().filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(format!("date {d:?}: expected a date YYYY-MM-DD"))
            })?,
        ),
    };
    let mut doc = Document {
        id: req.doc_id.unwrap_or_default(),
        title: req.title,
        text: req.text,
        date,
        origin: "POST /api/code".to_string(),
        ..Document::default()
    };
    doc.ensure_id();
    let _permit = tokio::time::timeout(CODE_QUEUE_WAIT, st.code_permits.acquire())
        .await
        .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy: try again"))?
        .map_err(|_| ApiError::internal("coding is shut down"))?;
    let worker = Arc::clone(&st);
    let coded = tokio::task::spawn_blocking(move || {
        let (parsed, coded) = code_document(worker.model, &worker.coder, &doc);
        let chars = CharOffsets::new(&doc.text);
        let genre = coded.genre.name();
        json!({
            "doc_id": doc.id,
            "genre": genre,
            "sentences": parsed.spans.iter().map(|s| json!({
                "start": chars.char_at(s.start), "end": chars.char_at(s.end),
            })).collect::<Vec<_>>(),
            "events": coded.events.iter().map(|e| event_json(&doc, genre, e)).collect::<Vec<_>>(),
        })
    })
    .await
    .map_err(|e| ApiError::internal(format!("coding failed: {e}")))?;
    Ok(Json(coded))
}

async fn openapi(RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        assets::OPENAPI,
    )
        .into_response())
}
