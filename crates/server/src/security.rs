//! The layer every request passes: query-size limit, loopback `Host`
//! check (DNS rebinding), the token rule, and the security headers on
//! every response.

use crate::api::ApiError;
use crate::{AppState, MAX_QUERY_BYTES};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The page loads only its own script and style, talks only to its own
/// origin, and may not be framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const COOKIE: &str = "dyad_token";

pub async fn guard(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let query_len = req.uri().query().map_or(0, str::len);
    if query_len > MAX_QUERY_BYTES {
        return with_headers(
            ApiError::new(
                StatusCode::URI_TOO_LONG,
                format!("query string too long ({query_len} bytes; at most {MAX_QUERY_BYTES})"),
            )
            .into_response(),
        );
    }
    let mut set_cookie = false;
    match st.token.as_deref() {
        None => {
            if !host_is_loopback(req.headers()) {
                return with_headers(
                    ApiError::new(
                        StatusCode::FORBIDDEN,
                        "this server answers only requests addressed to localhost or 127.0.0.1",
                    )
                    .into_response(),
                );
            }
        }
        Some(token) => {
            let by_header = bearer(req.headers()).is_some_and(|t| same(t, token))
                || cookie(req.headers(), COOKIE).is_some_and(|t| same(t, token));
            let by_query = !by_header
                && req
                    .uri()
                    .query()
                    .and_then(query_token)
                    .is_some_and(|t| same(&t, token));
            if !by_header && !by_query {
                let mut resp = ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "missing or wrong token: send Authorization: Bearer <token>, or open the page as /?token=<token>",
                )
                .into_response();
                resp.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return with_headers(resp);
            }
            // A token in the page's address becomes a cookie, so the
            // page's own script and style requests carry it too.
            set_cookie = by_query;
        }
    }
    let is_api = req.uri().path().starts_with("/api/");
    let mut resp = with_headers(next.run(req).await);
    if is_api {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if set_cookie {
        if let Some(t) = st.token.as_deref() {
            let c = format!("{COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/");
            if let Ok(v) = HeaderValue::from_str(&c) {
                resp.headers_mut().insert(header::SET_COOKIE, v);
            }
        }
    }
    resp
}

fn with_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

/// Whether the `Host` header names this machine's loopback (a page on
/// another site that rebinds its name to 127.0.0.1 still sends its own
/// name). Requests without a `Host` (HTTP/1.0 tools) are let through:
/// browsers always send one.
fn host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:port
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn query_token(q: &str) -> Option<String> {
    form_urlencoded::parse(q.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

/// Compares in time that depends only on the lengths, not on where the
/// strings first differ.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(h: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_str(h) {
            m.insert(header::HOST, v);
        }
        m
    }

    #[test]
    fn loopback_hosts_only() {
        for h in [
            "localhost:8080",
            "127.0.0.1:3000",
            "127.0.0.1",
            "[::1]:80",
            "LOCALHOST",
        ] {
            assert!(host_is_loopback(&host(h)), "{h}");
        }
        for h in [
            "evil.example:8080",
            "10.0.0.2:80",
            "localhost.evil.example",
            "[2001:db8::1]:80",
        ] {
            assert!(!host_is_loopback(&host(h)), "{h}");
        }
    }

    #[test]
    fn token_comparison() {
        assert!(same("0123456789abcdef", "0123456789abcdef"));
        assert!(!same("0123456789abcdef", "0123456789abcdeg"));
        assert!(!same("0123456789abcdef", "0123456789abcde"));
    }
}
