//! DigiD login through an OpenID Connect broker (as municipalities connect DigiD: via a
//! broker such as Signicat, Keycloak or the VNG's eHerkenning/DigiD brokers): the
//! authorization code flow with PKCE, `state` bound to the browser by a cookie, and `nonce`.
//!
//! The ID token arrives directly from the token endpoint over the back channel, so — as OIDC
//! Core §3.1.3.7 allows — its issuer is vouched for by the TLS connection we opened, not by
//! a signature check; we still check `iss`, `aud`, `exp`, `iat` and `nonce`.

use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use loket_api::validate::is_valid_bsn;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use super::error::PortalError;
use super::session::{cookie, hash_token, random_token, start_session};
use super::store::now;
use super::Portal;

/// Cookie binding a login in progress to this browser (login CSRF protection).
const OIDC_COOKIE: &str = "loket_oidc";
/// How long a resident may take at the broker.
const LOGIN_VALID_SECONDS: i64 = 600;
/// Allowed clock difference with the broker for `iat`/`exp`.
const CLOCK_SKEW_SECONDS: i64 = 120;
/// Where residents land after logging in unless they came from a page.
const DEFAULT_NEXT: &str = "/mijn-zaken";

/// The broker and our registration there.
#[derive(Clone)]
pub struct OidcSettings {
    /// Issuer URL; its `/.well-known/openid-configuration` describes the endpoints.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The claim carrying the BSN (brokers differ: `bsn`, `sub`, `urn:nl:bvn:bsn`, …).
    pub bsn_claim: String,
    /// Scopes to ask for, space separated (always includes `openid`).
    pub scope: String,
    /// Our callback: `<public URL>/api/session/oidc/callback`.
    pub redirect_uri: String,
}

impl std::fmt::Debug for OidcSettings {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("bsn_claim", &self.bsn_claim)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
}

/// The configured broker plus its discovered endpoints (fetched once, on first use, so a
/// broker that is down at start-up does not stop the portal).
#[derive(Clone)]
pub struct Oidc {
    settings: OidcSettings,
    http: reqwest::Client,
    discovery: std::sync::Arc<OnceCell<Discovery>>,
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Result<Oidc, String> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            // The token request must never follow a redirect somewhere else with our secret.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Oidc {
            settings,
            http,
            discovery: Default::default(),
        })
    }

    async fn discovery(&self) -> Result<&Discovery, PortalError> {
        self.discovery
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/.well-known/openid-configuration",
                    self.settings.issuer.trim_end_matches('/')
                );
                let discovery: Discovery = self
                    .http
                    .get(&url)
                    .send()
                    .await
                    .and_then(|r| r.error_for_status())
                    .map_err(|e| PortalError::CaseApi(format!("OIDC discovery: {e}")))?
                    .json()
                    .await
                    .map_err(|e| PortalError::internal(format!("OIDC discovery: {e}")))?;
                if discovery.issuer.trim_end_matches('/')
                    != self.settings.issuer.trim_end_matches('/')
                {
                    return Err(PortalError::internal("OIDC discovery: issuer mismatch"));
                }
                Ok(discovery)
            })
            .await
    }
}

/// PKCE S256: `BASE64URL(SHA256(verifier))`.
pub fn code_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Only local paths are followed after login (no open redirect to another site).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/api/")
                && path.len() <= 500 =>
        {
            path.to_owned()
        }
        _ => DEFAULT_NEXT.to_owned(),
    }
}

/// Checks the ID token's claims; returns the BSN.
pub fn bsn_from_id_token(
    id_token: &str,
    settings: &OidcSettings,
    issuer: &str,
    nonce: &str,
    now: i64,
) -> Result<String, String> {
    let claims = verified_claims(id_token, settings, issuer, nonce, now)?;
    let bsn = match &claims[settings.bsn_claim.as_str()] {
        Value::String(s) => s.clone(),
        Value::Number(n) => format!("{n:0>9}"),
        _ => return Err(format!("no '{}' claim", settings.bsn_claim)),
    };
    if !is_valid_bsn(&bsn) {
        return Err("BSN claim fails the 11-proef".into());
    }
    Ok(bsn)
}

/// Checks an ID token's `iss`, `aud`, `exp`, `iat` and `nonce`; returns its claims.
pub fn verified_claims(
    id_token: &str,
    settings: &OidcSettings,
    issuer: &str,
    nonce: &str,
    now: i64,
) -> Result<Value, String> {
    let payload = id_token.split('.').nth(1).ok_or("ID token is not a JWT")?;
    let claims: Value = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or("ID token payload unreadable")?;
    if claims["iss"].as_str() != Some(issuer) {
        return Err("iss mismatch".into());
    }
    let audience_ok = match &claims["aud"] {
        Value::String(aud) => aud == &settings.client_id,
        Value::Array(auds) => auds.iter().any(|a| a == settings.client_id.as_str()),
        _ => false,
    };
    if !audience_ok {
        return Err("aud mismatch".into());
    }
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    if exp + CLOCK_SKEW_SECONDS < now {
        return Err("ID token expired".into());
    }
    if claims["iat"]
        .as_i64()
        .is_some_and(|iat| iat > now + CLOCK_SKEW_SECONDS)
    {
        return Err("ID token from the future".into());
    }
    if claims["nonce"].as_str() != Some(nonce) {
        return Err("nonce mismatch".into());
    }
    Ok(claims)
}

/// A 303 to `location` that sets `cookies`.
pub fn redirect(location: &str, cookies: HeaderMap) -> Response {
    let mut response = (StatusCode::SEE_OTHER, cookies).into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The state cookie, scoped to one flow's paths (`/api/session/oidc` for residents,
/// `/api/staff/session/oidc` for staff).
pub fn oidc_cookie(portal: &Portal, path: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if portal.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{OIDC_COOKIE}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("hex token")
}

/// Where a resident's login flow lives.
const RESIDENT_PATH: &str = "/api/session/oidc";

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /api/session/oidc/start?next=/path`: off to DigiD.
pub async fn start(
    State(portal): State<Portal>,
    Query(query): Query<StartQuery>,
) -> Result<Response, PortalError> {
    let oidc = portal.oidc.as_ref().ok_or(PortalError::LoginUnavailable)?;
    begin(
        &portal,
        oidc,
        RESIDENT_PATH,
        &safe_next(query.next.as_deref()),
    )
    .await
}

/// Sends the browser to the provider, remembering where to go back to (`next`).
pub async fn begin(
    portal: &Portal,
    oidc: &Oidc,
    cookie_path: &str,
    next: &str,
) -> Result<Response, PortalError> {
    let discovery = oidc.discovery().await?;
    let state = random_token();
    let nonce = random_token();
    let verifier = format!("{}{}", random_token(), random_token());
    portal
        .store
        .create_oidc_login(&hash_token(&state), &verifier, &nonce, next)
        .await?;
    let settings = &oidc.settings;
    let mut url = url::Url::parse(&discovery.authorization_endpoint)
        .map_err(|e| PortalError::internal(format!("authorization_endpoint: {e}")))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &settings.client_id)
        .append_pair("redirect_uri", &settings.redirect_uri)
        .append_pair("scope", &settings.scope)
        .append_pair("state", &state)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &code_challenge(&verifier))
        .append_pair("code_challenge_method", "S256");
    let mut cookies = HeaderMap::new();
    cookies.append(
        SET_COOKIE,
        oidc_cookie(portal, cookie_path, &state, LOGIN_VALID_SECONDS),
    );
    Ok(redirect(url.as_str(), cookies))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    pub error: Option<String>,
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: String,
}

/// `GET /api/session/oidc/callback`: back from DigiD. Every failure lands on the login page
/// with a reason the SPA explains (`fout=digid-geannuleerd` or `fout=digid`); details go to
/// the log, without personal data.
pub async fn callback(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let outcome = finish_login(&portal, &headers, &query)
        .await
        .map_err(|reason| {
            tracing::warn!(%reason, "DigiD login failed");
            let fout = if query.error.as_deref() == Some("access_denied") {
                "digid-geannuleerd"
            } else {
                "digid"
            };
            format!("/inloggen?fout={fout}")
        });
    callback_redirect(&portal, RESIDENT_PATH, outcome)
}

/// The end of a login flow: the state cookie cleared, then either the session's cookies and
/// the way back (`Ok((cookies, next))`) or the failure page (`Err(location)`).
pub fn callback_redirect(
    portal: &Portal,
    cookie_path: &str,
    outcome: Result<(HeaderMap, String), String>,
) -> Response {
    let mut cookies = HeaderMap::new();
    cookies.append(SET_COOKIE, oidc_cookie(portal, cookie_path, "", 0));
    match outcome {
        Ok((session_cookies, next)) => {
            for value in session_cookies.get_all(SET_COOKIE) {
                cookies.append(SET_COOKIE, value.clone());
            }
            redirect(&next, cookies)
        }
        Err(location) => redirect(&location, cookies),
    }
}

async fn finish_login(
    portal: &Portal,
    headers: &HeaderMap,
    query: &CallbackQuery,
) -> Result<(HeaderMap, String), String> {
    let oidc = portal.oidc.as_ref().ok_or("DigiD not configured")?;
    let (id_token, nonce, next) = exchange(portal, oidc, headers, query).await?;
    let discovery = oidc.discovery().await.map_err(|e| e.to_string())?;
    let bsn = bsn_from_id_token(&id_token, &oidc.settings, &discovery.issuer, &nonce, now())?;
    let (cookies, _) = start_session(portal, &bsn, "", "digid", headers)
        .await
        .map_err(|e| e.to_string())?;
    Ok((cookies, next))
}

/// The verified claims of a finished login, and where to go next.
pub async fn finish(
    portal: &Portal,
    oidc: &Oidc,
    headers: &HeaderMap,
    query: &CallbackQuery,
) -> Result<(Value, String), String> {
    let (id_token, nonce, next) = exchange(portal, oidc, headers, query).await?;
    let discovery = oidc.discovery().await.map_err(|e| e.to_string())?;
    let claims = verified_claims(&id_token, &oidc.settings, &discovery.issuer, &nonce, now())?;
    Ok((claims, next))
}

/// Checks the state against this browser's cookie and trades the code for the ID token;
/// returns it with the login's nonce and next path.
async fn exchange(
    portal: &Portal,
    oidc: &Oidc,
    headers: &HeaderMap,
    query: &CallbackQuery,
) -> Result<(String, String, String), String> {
    if let Some(error) = &query.error {
        return Err(format!("broker answered error={error}"));
    }
    let state = query.state.as_deref().ok_or("no state")?;
    let code = query.code.as_deref().ok_or("no code")?;
    // The state must be the one this browser was sent off with.
    if cookie(headers, OIDC_COOKIE).as_deref() != Some(state) {
        return Err("state does not match this browser's login".into());
    }
    let login = portal
        .store
        .take_oidc_login(&hash_token(state))
        .await
        .map_err(|e| e.to_string())?
        .ok_or("unknown or already used state")?;
    if now() - login.created_at > LOGIN_VALID_SECONDS {
        return Err("login took too long".into());
    }
    let discovery = oidc.discovery().await.map_err(|e| e.to_string())?;
    let settings = &oidc.settings;
    let tokens: TokenResponse = oidc
        .http
        .post(&discovery.token_endpoint)
        .basic_auth(&settings.client_id, Some(&settings.client_secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", settings.redirect_uri.as_str()),
            ("code_verifier", login.code_verifier.as_str()),
        ])
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("token request: {}", e.without_url()))?
        .json()
        .await
        .map_err(|e| format!("token response: {e}"))?;
    Ok((tokens.id_token, login.nonce, login.next_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> OidcSettings {
        OidcSettings {
            issuer: "https://broker.example".into(),
            client_id: "loket".into(),
            client_secret: "s".into(),
            bsn_claim: "bsn".into(),
            scope: "openid".into(),
            redirect_uri: "https://loket.example/api/session/oidc/callback".into(),
        }
    }

    fn token(claims: Value) -> String {
        format!("e30.{}.sig", URL_SAFE_NO_PAD.encode(claims.to_string()))
    }

    fn claims() -> Value {
        serde_json::json!({"iss": "https://broker.example", "aud": "loket", "exp": 2000, "iat": 1000, "nonce": "n", "bsn": "999993653"})
    }

    #[test]
    fn pkce_challenge_matches_rfc7636_example() {
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn only_local_next_paths() {
        assert_eq!(safe_next(Some("/zaken/1")), "/zaken/1");
        for bad in [
            None,
            Some("https://evil.example"),
            Some("//evil.example"),
            Some("/\\evil"),
            Some("/api/cases"),
            Some("zaken"),
        ] {
            assert_eq!(safe_next(bad), DEFAULT_NEXT, "{bad:?}");
        }
    }

    #[test]
    fn id_token_claims_are_checked() {
        let s = settings();
        let ok = |c: Value| bsn_from_id_token(&token(c), &s, "https://broker.example", "n", 1500);
        assert_eq!(ok(claims()), Ok("999993653".into()));
        let with = |key: &str, value: Value| {
            let mut c = claims();
            c[key] = value;
            c
        };
        assert!(ok(with("iss", "https://other".into())).is_err());
        assert!(ok(with("aud", "someone-else".into())).is_err());
        assert_eq!(
            ok(with("aud", serde_json::json!(["x", "loket"]))),
            Ok("999993653".into())
        );
        assert!(ok(with("exp", 1000.into())).is_err());
        assert!(ok(with("nonce", "other".into())).is_err());
        assert!(ok(with("bsn", "123456789".into())).is_err(), "11-proef");
        assert!(ok(with("bsn", Value::Null)).is_err());
        assert!(bsn_from_id_token("garbage", &s, "https://broker.example", "n", 1500).is_err());
    }
}
