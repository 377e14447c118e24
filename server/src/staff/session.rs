//! Staff sessions: login with user name and password (Argon2id; a rate limit on failures),
//! the `loket_staff_session` cookie, role checks. Residents' sessions never open staff
//! endpoints: a resident who tries gets 403.

use axum::extract::{FromRequestParts, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use loket_api::staff::{DemoStaffAccount, StaffLogin, StaffMember, StaffRole, StaffSessionInfo};
use loket_api::SESSION_IDLE_SECONDS;

use crate::portal::error::PortalError;
use crate::portal::session::{
    cookie, csrf_token, hash_token, live_session, random_token, set_cookie, TOUCH_AFTER_SECONDS,
};
use crate::portal::store::now;
use crate::portal::Portal;

pub const STAFF_COOKIE: &str = "loket_staff_session";
/// Failed logins per user name within [`FAILURE_WINDOW_SECONDS`] before logins are refused.
const MAX_FAILURES: i64 = 5;
const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// Demo accounts (demo mode only): user name, password, display name, roles.
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, &[StaffRole])] = &[
    (
        "kcc",
        "kcc-demo-wachtwoord",
        "Karin (KCC)",
        &[StaffRole::Kcc],
    ),
    (
        "behandelaar",
        "behandelaar-demo-wachtwoord",
        "Bas (behandelaar)",
        &[StaffRole::Behandelaar],
    ),
    (
        "auditor",
        "auditor-demo-wachtwoord",
        "Anouk (auditor)",
        &[StaffRole::Auditor],
    ),
];

/// Creates the demo accounts when missing (demo mode).
pub async fn ensure_demo_accounts(portal: &Portal) -> Result<(), PortalError> {
    for (username, password, name, roles) in DEMO_ACCOUNTS {
        if portal.staff.account(username).await?.is_none() {
            portal
                .staff
                .put_account(username, name, password, roles)
                .await?;
        }
    }
    Ok(())
}

/// The logged-in staff member of this request.
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub member: StaffMember,
    /// SHA-256 of the session cookie (the session's key in storage).
    pub token_hash: String,
}

impl StaffSession {
    /// 403 unless the member has one of `roles`.
    pub fn require(&self, roles: &[StaffRole]) -> Result<(), PortalError> {
        if self.member.roles.iter().any(|r| roles.contains(r)) {
            Ok(())
        } else {
            Err(PortalError::Forbidden)
        }
    }

    /// How the case API's audit trail names this member.
    pub fn actor(&self) -> zgw::client::Actor {
        zgw::client::Actor {
            user_id: format!("medewerker:{}", self.member.username),
            user_representation: self.member.name.clone(),
        }
    }
}

async fn live_staff(
    portal: &Portal,
    headers: &HeaderMap,
) -> Result<Option<(String, StaffMember, i64)>, PortalError> {
    let Some(token) = cookie(headers, STAFF_COOKIE) else {
        return Ok(None);
    };
    let token_hash = hash_token(&token);
    let Some((member, last_seen)) = portal.staff.session(&token_hash).await? else {
        return Ok(None);
    };
    if now() - last_seen > SESSION_IDLE_SECONDS as i64 {
        portal.staff.delete_session(&token_hash).await?;
        return Ok(None);
    }
    Ok(Some((token_hash, member, last_seen)))
}

impl FromRequestParts<Portal> for StaffSession {
    type Rejection = PortalError;

    async fn from_request_parts(parts: &mut Parts, portal: &Portal) -> Result<Self, PortalError> {
        match live_staff(portal, &parts.headers).await? {
            Some((token_hash, member, last_seen)) => {
                if now() - last_seen > TOUCH_AFTER_SECONDS {
                    portal.staff.touch_session(&token_hash).await?;
                }
                if member.roles.is_empty() {
                    return Err(PortalError::Forbidden);
                }
                Ok(StaffSession { member, token_hash })
            }
            // A resident (or anyone with a resident session) knocking on a staff door.
            None if live_session(portal, &parts.headers).await?.is_some() => {
                Err(PortalError::Forbidden)
            }
            None => Err(PortalError::NotAuthenticated),
        }
    }
}

fn info(
    portal: &Portal,
    member: Option<StaffMember>,
    csrf: String,
    expires: u64,
) -> StaffSessionInfo {
    StaffSessionInfo {
        staff: member,
        csrf_token: csrf,
        expires_in_seconds: expires,
        oidc_login: portal.staff_oidc.is_some(),
        demo_accounts: if portal.settings.demo_login {
            DEMO_ACCOUNTS
                .iter()
                .map(|(username, password, _, roles)| DemoStaffAccount {
                    username: (*username).into(),
                    password: (*password).into(),
                    roles: roles.to_vec(),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// `GET /api/staff/session`.
pub async fn get_session(
    State(portal): State<Portal>,
    headers: HeaderMap,
) -> Result<Response, PortalError> {
    let mut response_headers = HeaderMap::new();
    let csrf = csrf_token(&portal, &headers, &mut response_headers);
    let body = match live_staff(&portal, &headers).await? {
        Some((_, member, last_seen)) => {
            let left = (SESSION_IDLE_SECONDS as i64 - (now() - last_seen)).max(0) as u64;
            info(&portal, Some(member), csrf, left)
        }
        None => info(&portal, None, csrf, 0),
    };
    Ok((response_headers, Json(body)).into_response())
}

/// `POST /api/staff/session`: log in. Wrong name or password is one answer (no user
/// enumeration); after five failures in 15 minutes the account refuses logins for a while.
pub async fn login(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Json(body): Json<StaffLogin>,
) -> Result<Response, PortalError> {
    let username = body.username.trim().to_lowercase();
    if username.is_empty() || username.len() > 100 || body.password.len() > 1000 {
        return Err(PortalError::InvalidCredentials);
    }
    if portal
        .staff
        .recent_failures(&username, FAILURE_WINDOW_SECONDS)
        .await?
        >= MAX_FAILURES
    {
        tracing::warn!(%username, "staff login refused: too many failures");
        return Err(PortalError::TooManyAttempts);
    }
    let account = portal.staff.account(&username).await?;
    let password = body.password.clone();
    let account_for_check = account.clone();
    // Argon2 takes tens of milliseconds of CPU: off the async workers.
    let ok = tokio::task::spawn_blocking(move || {
        super::store::verify_password(account_for_check.as_ref(), &password)
    })
    .await
    .map_err(PortalError::internal)?;
    let Some(account) = account.filter(|_| ok) else {
        portal.staff.record_failure(&username).await?;
        tracing::info!(%username, "staff login failed");
        return Err(PortalError::InvalidCredentials);
    };
    portal.staff.clear_failures(&username).await?;
    let (response_headers, csrf) = start_staff_session(&portal, &headers, &username).await?;
    tracing::info!(%username, "staff logged in");
    Ok((
        response_headers,
        Json(info(
            &portal,
            Some(account.member),
            csrf,
            SESSION_IDLE_SECONDS,
        )),
    )
        .into_response())
}

/// A new staff session for `username` (an old one in this browser ends): the cookies to set
/// and the CSRF token.
pub async fn start_staff_session(
    portal: &Portal,
    headers: &HeaderMap,
    username: &str,
) -> Result<(HeaderMap, String), PortalError> {
    if let Some(old) = cookie(headers, STAFF_COOKIE) {
        portal.staff.delete_session(&hash_token(&old)).await?;
    }
    let token = random_token();
    portal
        .staff
        .create_session(&hash_token(&token), username)
        .await?;
    let csrf = random_token();
    let mut response_headers = HeaderMap::new();
    response_headers.append(
        SET_COOKIE,
        set_cookie(&portal.settings, STAFF_COOKIE, &token, None),
    );
    response_headers.append(
        SET_COOKIE,
        set_cookie(
            &portal.settings,
            crate::portal::session::CSRF_COOKIE,
            &csrf,
            None,
        ),
    );
    Ok((response_headers, csrf))
}

/// `POST /api/staff/session/extend`: "Ingelogd blijven" after the idle warning.
pub async fn extend(
    State(portal): State<Portal>,
    headers: HeaderMap,
    session: StaffSession,
) -> Result<Json<StaffSessionInfo>, PortalError> {
    portal.staff.touch_session(&session.token_hash).await?;
    let csrf = cookie(&headers, crate::portal::session::CSRF_COOKIE).unwrap_or_default();
    Ok(Json(info(
        &portal,
        Some(session.member),
        csrf,
        SESSION_IDLE_SECONDS,
    )))
}

/// `POST /api/staff/session/logout`.
pub async fn logout(
    State(portal): State<Portal>,
    headers: HeaderMap,
) -> Result<Response, PortalError> {
    if let Some(token) = cookie(&headers, STAFF_COOKIE) {
        portal.staff.delete_session(&hash_token(&token)).await?;
    }
    let mut response_headers = HeaderMap::new();
    response_headers.append(
        SET_COOKIE,
        set_cookie(&portal.settings, STAFF_COOKIE, "", Some(0)),
    );
    Ok((StatusCode::NO_CONTENT, response_headers).into_response())
}
