//! Staff login with the municipality's own OpenID Connect provider (Entra ID, Keycloak, …):
//! the same code flow as residents' DigiD login (PKCE, state cookie, nonce, checked ID token),
//! with the staff member's roles from a claim (`roles` by default; values `kcc`,
//! `behandelaar`, `auditor`, others ignored). A member without any Loket role is refused.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use loket_api::staff::StaffRole;
use serde::Deserialize;
use serde_json::Value;

use crate::portal::error::PortalError;
use crate::portal::oidc::{begin, callback_redirect, finish, CallbackQuery, Oidc};
use crate::portal::Portal;

/// Where the staff login flow lives (the state cookie is scoped to it).
const PATH: &str = "/api/staff/session/oidc";
/// Where staff land unless they came from a staff page.
const DEFAULT_NEXT: &str = "/medewerker";

/// The provider and which claim carries the roles.
#[derive(Clone)]
pub struct StaffOidc {
    pub oidc: Oidc,
    pub roles_claim: String,
}

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// Only staff pages are a place to go back to.
fn staff_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if (path == DEFAULT_NEXT || path.starts_with("/medewerker/"))
                && !path.contains("//")
                && !path.contains('\\')
                && path.len() <= 500 =>
        {
            path.to_owned()
        }
        _ => DEFAULT_NEXT.to_owned(),
    }
}

/// `GET /api/staff/session/oidc/start?next=/medewerker/…`.
pub async fn start(
    State(portal): State<Portal>,
    Query(query): Query<StartQuery>,
) -> Result<Response, PortalError> {
    let staff_oidc = portal
        .staff_oidc
        .as_ref()
        .ok_or(PortalError::LoginUnavailable)?;
    begin(
        &portal,
        &staff_oidc.oidc,
        PATH,
        &staff_next(query.next.as_deref()),
    )
    .await
}

/// The Loket roles in a roles claim (a list, or one space/comma separated text).
pub fn roles_from(claim: &Value) -> Vec<StaffRole> {
    let texts: Vec<&str> = match claim {
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        Value::String(text) => text.split([' ', ',']).collect(),
        _ => Vec::new(),
    };
    let mut roles: Vec<StaffRole> = texts
        .into_iter()
        .filter_map(|t| StaffRole::parse(t.trim()))
        .collect();
    roles.sort_by_key(|r| r.as_str());
    roles.dedup();
    roles
}

/// `GET /api/staff/session/oidc/callback`: back from the provider. Failures land on the staff
/// login page with `fout=oidc` (or `fout=geen-rol` for a member without a Loket role).
pub async fn callback(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let outcome = login(&portal, &headers, &query)
        .await
        .map_err(|(reason, fout)| {
            tracing::warn!(%reason, "staff login failed");
            format!("{DEFAULT_NEXT}/inloggen?fout={fout}")
        });
    callback_redirect(&portal, PATH, outcome)
}

async fn login(
    portal: &Portal,
    headers: &HeaderMap,
    query: &CallbackQuery,
) -> Result<(HeaderMap, String), (String, &'static str)> {
    let staff_oidc = portal
        .staff_oidc
        .as_ref()
        .ok_or(("staff OIDC not configured".to_owned(), "oidc"))?;
    let (claims, next) = finish(portal, &staff_oidc.oidc, headers, query)
        .await
        .map_err(|e| (e, "oidc"))?;
    let login = claims["preferred_username"]
        .as_str()
        .or_else(|| claims["email"].as_str())
        .or_else(|| claims["sub"].as_str())
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty() && s.len() <= 100)
        .ok_or(("no usable user name claim".to_owned(), "oidc"))?;
    // Kept apart from local accounts: an OIDC login can never take over `kcc` or another
    // local account's name.
    let username = format!("oidc:{login}");
    let roles = roles_from(&claims[staff_oidc.roles_claim.as_str()]);
    if roles.is_empty() {
        return Err((format!("{username} has no Loket role"), "geen-rol"));
    }
    let name = claims["name"].as_str().unwrap_or(&login).to_owned();
    portal
        .staff
        .put_oidc_account(&username, &name, &roles)
        .await
        .map_err(|e| (e.to_string(), "oidc"))?;
    let (cookies, _) = super::session::start_staff_session(portal, headers, &username)
        .await
        .map_err(|e| (e.to_string(), "oidc"))?;
    tracing::info!(%username, "staff logged in with OpenID Connect");
    Ok((cookies, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn roles_come_from_a_list_or_a_text() {
        assert_eq!(
            roles_from(&json!(["kcc", "behandelaar", "other"])),
            [StaffRole::Behandelaar, StaffRole::Kcc]
        );
        assert_eq!(
            roles_from(&json!("auditor kcc")),
            [StaffRole::Auditor, StaffRole::Kcc]
        );
        assert_eq!(roles_from(&json!(null)), []);
    }

    #[test]
    fn only_staff_pages_are_a_way_back() {
        assert_eq!(staff_next(Some("/medewerker/zoeken")), "/medewerker/zoeken");
        assert_eq!(staff_next(Some("/mijn-zaken")), "/medewerker");
        assert_eq!(staff_next(Some("//evil.example/medewerker")), "/medewerker");
        assert_eq!(staff_next(None), "/medewerker");
    }
}
