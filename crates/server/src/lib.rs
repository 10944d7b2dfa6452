//! The `server` stage: `dyad serve`. An HTTP JSON API over the event
//! store (read-only) plus a web page embedded in the binary: a dyad's
//! timeline, the actor network, the evidence behind every count,
//! full-text search, and a paste box that codes text on the fly.
//!
//! Security model: loopback only unless a token is set; with a token every
//! request must carry it. Requests whose `Host` is not a loopback name are
//! refused when no token is set (DNS rebinding). Every value reaches SQL as
//! a parameter (the store's rule); assets come from a fixed in-memory
//! table, so no request path ever touches the file system.

mod api;
mod assets;
mod params;
mod security;

use dyad_coder::Coder;
use dyad_lexicon::{Convention, Lexicon};
use dyad_nlp::Model;
use dyad_store::{Store, StoreError};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

pub use api::router;
pub use params::FILTER_KEYS;

/// Largest request body (`POST /api/code`).
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Longest query string accepted.
pub const MAX_QUERY_BYTES: usize = 8 << 10;
/// Idle read-only connections kept for reuse.
const POOL_SIZE: usize = 16;
/// Bytes of cached responses kept before the cache starts over.
const CACHE_BYTES: usize = 64 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("refusing to listen on {0} without a token: other machines could read the database; set --token (or DYAD_TOKEN), or bind 127.0.0.1")]
    NeedsToken(SocketAddr),
    #[error("the token must be at least 16 characters long")]
    WeakToken,
    #[error("listening on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("serving: {0}")]
    Serve(std::io::Error),
}

/// How to serve.
pub struct Options {
    pub db: PathBuf,
    pub token: Option<String>,
    /// Quad classes and Goldstein values for `POST /api/code`, `/api/cameo`.
    pub convention: Convention,
    /// Texts coded at once by `POST /api/code`; more wait their turn.
    pub code_workers: usize,
}

/// What every request handler shares.
pub struct AppState {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    token: Option<String>,
    model: &'static Model,
    lexicon: &'static Lexicon,
    coder: Coder<'static>,
    convention: Convention,
    code_permits: Semaphore,
    /// A connection that only asks whether anyone committed since.
    version: Mutex<Store>,
    cache: Mutex<ResponseCache>,
}

/// Aggregate responses (timeline, dyads, network, actors) by request,
/// valid while the database's data version is unchanged: a dashboard's
/// repeated requests cost one query per change of the data.
#[derive(Default)]
struct ResponseCache {
    entries: std::collections::HashMap<String, (i64, axum::body::Bytes)>,
    bytes: usize,
}

impl AppState {
    /// Checks that the database opens read-only and builds the coder.
    pub fn new(
        options: Options,
        model: &'static Model,
        lexicon: &'static Lexicon,
    ) -> Result<AppState, ServerError> {
        if options
            .token
            .as_ref()
            .is_some_and(|t| t.chars().count() < 16)
        {
            return Err(ServerError::WeakToken);
        }
        let first = Store::open_read_only(&options.db)?;
        let version = Store::open_read_only(&options.db)?;
        Ok(AppState {
            db: options.db,
            pool: Mutex::new(vec![first]),
            token: options.token,
            model,
            lexicon,
            coder: Coder::new(lexicon, options.convention),
            convention: options.convention,
            code_permits: Semaphore::new(options.code_workers.max(1)),
            version: Mutex::new(version),
            cache: Mutex::new(ResponseCache::default()),
        })
    }

    /// Runs a store query on the blocking pool with a pooled read-only
    /// connection (SQLite calls block; the async workers must not).
    async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, api::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let state = Arc::clone(self);
        blocking(move || state.query(f).map_err(api::ApiError::from_store)).await
    }

    /// The JSON of `compute`, from the cache when the data has not changed
    /// since it was computed; one trip to the blocking pool either way.
    async fn cached<F>(
        self: &Arc<Self>,
        key: String,
        compute: F,
    ) -> Result<axum::body::Bytes, api::ApiError>
    where
        F: FnOnce(&Store) -> Result<serde_json::Value, StoreError> + Send + 'static,
    {
        let state = Arc::clone(self);
        blocking(move || state.cached_now(key, compute)).await
    }

    /// `f` with a pooled read-only connection (opened when none is idle).
    fn query<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let pooled = self.pool.lock().ok().and_then(|mut p| p.pop());
        let store = match pooled {
            Some(s) => s,
            None => Store::open_read_only(&self.db)?,
        };
        let out = f(&store);
        if let Ok(mut p) = self.pool.lock() {
            if p.len() < POOL_SIZE {
                p.push(store);
            }
        }
        out
    }

    /// The body of [`AppState::cached`]. The version is read before the
    /// query, so an entry is never older than the version it is filed
    /// under.
    fn cached_now(
        &self,
        key: String,
        compute: impl FnOnce(&Store) -> Result<serde_json::Value, StoreError>,
    ) -> Result<axum::body::Bytes, api::ApiError> {
        let version = match self.version.lock() {
            Ok(v) => Some(v.data_version().map_err(api::ApiError::from_store)?),
            Err(_) => None,
        };
        if let (Some(v), Ok(c)) = (version, self.cache.lock()) {
            if let Some((at, body)) = c.entries.get(&key) {
                if *at == v {
                    return Ok(body.clone());
                }
            }
        }
        let value = self.query(compute).map_err(api::ApiError::from_store)?;
        let body = axum::body::Bytes::from(
            serde_json::to_vec(&value)
                .map_err(|e| api::ApiError::internal(format!("encoding the response: {e}")))?,
        );
        if let (Some(v), Ok(mut c)) = (version, self.cache.lock()) {
            if c.bytes + body.len() > CACHE_BYTES {
                c.entries.clear();
                c.bytes = 0;
            }
            c.bytes += body.len();
            if let Some((_, old)) = c.entries.insert(key, (v, body.clone())) {
                c.bytes -= old.len();
            }
        }
        Ok(body)
    }
}

/// Runs `f` on tokio's blocking threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, api::ApiError> + Send + 'static,
) -> Result<T, api::ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| api::ApiError::internal(format!("query task failed: {e}")))?
}

/// Refuses a non-loopback address without a token.
pub fn check_bind(addr: SocketAddr, token: Option<&str>) -> Result<(), ServerError> {
    if !addr.ip().is_loopback() && token.is_none() {
        return Err(ServerError::NeedsToken(addr));
    }
    Ok(())
}

/// Binds `addr` (after [`check_bind`]), then calls `ready` with the bound
/// address (port 0 picks a free port) and serves until Ctrl-C.
pub async fn serve(
    addr: SocketAddr,
    state: AppState,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    check_bind(addr, state.token.as_deref())?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| ServerError::Bind { addr, source })?;
    ready(local);
    let app = router(Arc::new(state));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .map_err(ServerError::Serve)
}

/// [`serve`] on a runtime of its own (one worker thread per core), for
/// callers without one.
pub fn serve_blocking(
    addr: SocketAddr,
    state: AppState,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::Serve)?;
    runtime.block_on(serve(addr, state, ready))
}
