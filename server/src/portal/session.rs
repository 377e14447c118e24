//! Resident sessions: the session cookie, idle timeout, CSRF protection, the demo DigiD login
//! and logout. The BSN lives only in the server-side session row, never in the cookie, a URL
//! or an answer to the browser.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::{
    DemoLogin, DemoPerson, FieldError, FieldErrorCode, LoginMethods, Logout, Resident, SessionInfo,
    CSRF_HEADER, SESSION_IDLE_SECONDS,
};
use sha2::{Digest, Sha256};

use super::error::PortalError;
use super::store::now;
use super::Portal;

pub const SESSION_COOKIE: &str = "loket_session";
pub const CSRF_COOKIE: &str = "loket_csrf";

/// Don't write `last_seen` on every request: a minute's precision is plenty for a 15-minute
/// idle timeout, and it saves a write per request.
pub(crate) const TOUCH_AFTER_SECONDS: i64 = 30;

/// Test persons offered on the demo login page (valid under the 11-proef; fictitious people).
pub const DEMO_PERSONS: &[(&str, &str)] = &[
    ("999993653", "Suzanne de Vries"),
    ("111222333", "Mohamed El Amrani"),
    ("123456782", "Anna Jansen"),
    ("999990019", "Pieter Bakker"),
];

/// The demo persons' addresses (a stand-in for the BRP, which the embedded default cannot
/// reach): BSN, street, house number, postcode, town. Recorded on the initiator rol as
/// `verblijfsadres`, so staff can find a caller by postcode.
pub const DEMO_ADDRESSES: &[(&str, &str, u32, &str, &str)] = &[
    ("999993653", "Lindenlaan", 12, "3511AX", "Utrecht"),
    ("111222333", "Kerkstraat", 3, "3511AX", "Utrecht"),
    ("123456782", "Stationsweg", 45, "1012AB", "Amsterdam"),
    ("999990019", "Dorpsstraat", 7, "9711LM", "Groningen"),
];

/// The demo BRP's `verblijfsadres` for a demo person (ZGW rol shape).
pub fn demo_verblijfsadres(bsn: &str) -> Option<serde_json::Value> {
    DEMO_ADDRESSES.iter().find(|(b, ..)| *b == bsn).map(
        |(_, straat, huisnummer, postcode, woonplaats)| {
            serde_json::json!({
                "aoaIdentificatie": format!("0000200000{huisnummer:06}"),
                "wplWoonplaatsNaam": woonplaats,
                "gorOpenbareRuimteNaam": straat,
                "aoaPostcode": postcode,
                "aoaHuisnummer": huisnummer,
                "aoaHuisletter": "",
                "aoaHuisnummertoevoeging": "",
                "inpLocatiebeschrijving": "",
            })
        },
    )
}

/// How sessions behave here (from the configuration).
#[derive(Debug, Clone)]
pub struct SessionSettings {
    /// `Secure` cookies (the portal is served over https).
    pub secure_cookies: bool,
    pub demo_login: bool,
    pub digid: bool,
}

/// A random token of 256 bits, hex.
pub fn random_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of one cookie from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

pub(crate) fn set_cookie(
    settings: &SessionSettings,
    name: &str,
    value: &str,
    max_age: Option<i64>,
) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if settings.secure_cookies {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&cookie).expect("cookie values are hex tokens")
}

/// The logged-in resident of this request. Extracting it fails with 401 when there is no
/// live session; it also counts the request as activity for the idle timeout.
#[derive(Debug, Clone)]
pub struct ResidentSession {
    pub bsn: String,
    pub name: String,
    token_hash: String,
}

/// A pseudonym for the resident in the case API's audit trail: stable per resident, but not
/// the BSN (audit trails are read by many).
pub fn resident_pseudonym(salt: &str, bsn: &str) -> String {
    format!("inwoner-{}", &hash_token(&format!("{salt}:{bsn}"))[..16])
}

/// The resident as the case API's audit trail names them when the portal acts for them.
pub fn resident_actor(salt: &str, bsn: &str) -> zgw::client::Actor {
    zgw::client::Actor {
        user_id: resident_pseudonym(salt, bsn),
        user_representation: "Inwoner (via Loket)".into(),
    }
}

pub(crate) async fn live_session(
    portal: &Portal,
    headers: &HeaderMap,
) -> Result<Option<(String, super::store::StoredSession)>, PortalError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let token_hash = hash_token(&token);
    let Some(session) = portal.store.session(&token_hash).await? else {
        return Ok(None);
    };
    if now() - session.last_seen > SESSION_IDLE_SECONDS as i64 {
        portal.store.delete_session(&token_hash).await?;
        return Ok(None);
    }
    Ok(Some((token_hash, session)))
}

impl FromRequestParts<Portal> for ResidentSession {
    type Rejection = PortalError;

    async fn from_request_parts(parts: &mut Parts, portal: &Portal) -> Result<Self, PortalError> {
        let (token_hash, session) = live_session(portal, &parts.headers)
            .await?
            .ok_or(PortalError::NotAuthenticated)?;
        if now() - session.last_seen > TOUCH_AFTER_SECONDS {
            portal.store.touch_session(&token_hash).await?;
        }
        Ok(ResidentSession {
            bsn: session.bsn,
            name: session.name,
            token_hash,
        })
    }
}

/// CSRF protection for every state-changing `/api` request: the `x-csrf-token` header must
/// equal the HttpOnly `loket_csrf` cookie. Another site can make the browser send the cookie
/// but can neither read the token nor set a custom header without a CORS preflight we never
/// allow.
pub async fn csrf_guard(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let header = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let expected = cookie(request.headers(), CSRF_COOKIE);
    match (header, expected) {
        (Some(header), Some(expected)) if constant_time_eq(&header, &expected) => {
            next.run(request).await
        }
        _ => PortalError::Csrf.into_response(),
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn session_info(
    portal: &Portal,
    resident: Option<(&str, &str)>,
    csrf_token: String,
    expires_in: u64,
) -> SessionInfo {
    SessionInfo {
        resident: resident.map(|(bsn, name)| Resident {
            name: name.to_owned(),
            bsn_hint: format!("…{}", &bsn[bsn.len().saturating_sub(3)..]),
        }),
        csrf_token,
        expires_in_seconds: expires_in,
        login: LoginMethods {
            demo: portal.settings.demo_login,
            digid: portal.settings.digid,
        },
    }
}

/// The CSRF token of this browser, minting one (and its cookie) when there is none yet.
pub(crate) fn csrf_token(
    portal: &Portal,
    headers: &HeaderMap,
    response_headers: &mut HeaderMap,
) -> String {
    cookie(headers, CSRF_COOKIE).unwrap_or_else(|| {
        let token = random_token();
        response_headers.append(
            SET_COOKIE,
            set_cookie(&portal.settings, CSRF_COOKIE, &token, None),
        );
        token
    })
}

/// `GET /api/session`: who is logged in (if anyone), the CSRF token and the login methods.
/// Reading it does not count as activity: the SPA polls it for the idle warning.
pub async fn get_session(
    State(portal): State<Portal>,
    headers: HeaderMap,
) -> Result<Response, PortalError> {
    let mut response_headers = HeaderMap::new();
    let csrf = csrf_token(&portal, &headers, &mut response_headers);
    let info = match live_session(&portal, &headers).await? {
        Some((_, s)) => {
            let left = (SESSION_IDLE_SECONDS as i64 - (now() - s.last_seen)).max(0) as u64;
            session_info(&portal, Some((&s.bsn, &s.name)), csrf, left)
        }
        None => session_info(&portal, None, csrf, 0),
    };
    Ok((response_headers, Json(info)).into_response())
}

/// Starts a session for a resident who has proven their BSN (demo page or DigiD): a new token
/// every time (no session fixation), and a fresh CSRF token.
pub async fn start_session(
    portal: &Portal,
    bsn: &str,
    name: &str,
    method: &str,
    old_headers: &HeaderMap,
) -> Result<(HeaderMap, SessionInfo), PortalError> {
    if let Some(old) = cookie(old_headers, SESSION_COOKIE) {
        portal.store.delete_session(&hash_token(&old)).await?;
    }
    let token = random_token();
    portal
        .store
        .create_session(&hash_token(&token), bsn, name, method)
        .await?;
    let csrf = random_token();
    let mut headers = HeaderMap::new();
    headers.append(
        SET_COOKIE,
        set_cookie(&portal.settings, SESSION_COOKIE, &token, None),
    );
    headers.append(
        SET_COOKIE,
        set_cookie(&portal.settings, CSRF_COOKIE, &csrf, None),
    );
    tracing::info!(method, "resident logged in");
    Ok((
        headers,
        session_info(portal, Some((bsn, name)), csrf, SESSION_IDLE_SECONDS),
    ))
}

/// `GET /api/session/demo-persons`.
pub async fn demo_persons(
    State(portal): State<Portal>,
) -> Result<Json<Vec<DemoPerson>>, PortalError> {
    if !portal.settings.demo_login {
        return Err(PortalError::LoginUnavailable);
    }
    Ok(Json(
        DEMO_PERSONS
            .iter()
            .map(|(bsn, name)| DemoPerson {
                bsn: (*bsn).into(),
                name: (*name).into(),
            })
            .collect(),
    ))
}

/// `POST /api/session/demo`: the demo DigiD. Any BSN that passes the 11-proef logs in.
pub async fn demo_login(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Json(body): Json<DemoLogin>,
) -> Result<Response, PortalError> {
    if !portal.settings.demo_login {
        return Err(PortalError::LoginUnavailable);
    }
    let bsn = normalise_bsn(&body.bsn);
    if !is_valid_bsn(&bsn) {
        return Err(PortalError::Invalid(vec![FieldError::new(
            "bsn",
            FieldErrorCode::InvalidBsn,
        )]));
    }
    let name = DEMO_PERSONS
        .iter()
        .find(|(b, _)| *b == bsn)
        .map(|(_, n)| *n)
        .unwrap_or_default();
    let (cookies, info) = start_session(&portal, &bsn, name, "demo", &headers).await?;
    Ok((cookies, Json(info)).into_response())
}

/// `POST /api/session/extend`: "Ingelogd blijven" after the idle warning.
pub async fn extend(
    State(portal): State<Portal>,
    headers: HeaderMap,
    session: ResidentSession,
) -> Result<Json<SessionInfo>, PortalError> {
    portal.store.touch_session(&session.token_hash).await?;
    let csrf = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    Ok(Json(session_info(
        &portal,
        Some((&session.bsn, &session.name)),
        csrf,
        SESSION_IDLE_SECONDS,
    )))
}

/// `POST /api/session/logout`: ends this session, or every session of the resident.
pub async fn logout(
    State(portal): State<Portal>,
    session: Option<ResidentSession>,
    body: Option<Json<Logout>>,
) -> Result<Response, PortalError> {
    let everywhere = body.map(|Json(b)| b.everywhere).unwrap_or_default();
    if let Some(session) = session {
        if everywhere {
            portal.store.delete_sessions_of(&session.bsn).await?;
        } else {
            portal.store.delete_session(&session.token_hash).await?;
        }
    }
    let mut headers = HeaderMap::new();
    headers.append(
        SET_COOKIE,
        set_cookie(&portal.settings, SESSION_COOKIE, "", Some(0)),
    );
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

impl axum::extract::OptionalFromRequestParts<Portal> for ResidentSession {
    type Rejection = PortalError;

    async fn from_request_parts(
        parts: &mut Parts,
        portal: &Portal,
    ) -> Result<Option<Self>, PortalError> {
        match <ResidentSession as FromRequestParts<Portal>>::from_request_parts(parts, portal).await
        {
            Ok(s) => Ok(Some(s)),
            Err(PortalError::NotAuthenticated) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
