//! `POST /api/notificaties`: the webhook a Notificaties API (NRC) calls, per the ZGW
//! consumer spec (`notificaties-consumer-1.0.0-rc1.yaml`). Server to server, so outside the
//! CSRF guard; authorised by the exact `Authorization` value registered with the NRC's
//! abonnement (`LOKET_NOTIFICATIONS_AUTH`). Answers 204 only after the notification is stored
//! in the inbox; a worker processes it afterwards.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::portal::Portal;

/// The consumer spec's version, sent as `API-version`.
const API_VERSION: &str = "1.0.0-rc1";

/// A notification (`Notificatie` in the consumer spec).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notificatie {
    pub kanaal: String,
    pub hoofd_object: String,
    pub resource: String,
    pub resource_url: String,
    pub actie: String,
    pub aanmaakdatum: String,
    #[serde(default)]
    pub kenmerken: BTreeMap<String, String>,
}

impl Notificatie {
    /// The same notification delivered twice has the same key.
    pub fn dedupe_key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.kanaal, self.resource_url, self.actie, self.aanmaakdatum
        )
    }

    /// Problems with the fields, as `(name, code, reason)`.
    pub fn invalid_params(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut problems = Vec::new();
        let mut text = |name: &'static str, value: &str, max: usize| {
            if value.trim().is_empty() {
                problems.push((name, "required", "Dit veld is vereist.".to_owned()));
            } else if value.chars().count() > max {
                problems.push((name, "max_length", format!("Maximaal {max} tekens.")));
            }
        };
        text("kanaal", &self.kanaal, 50);
        text("resource", &self.resource, 100);
        text("actie", &self.actie, 100);
        text("hoofdObject", &self.hoofd_object, 1000);
        text("resourceUrl", &self.resource_url, 1000);
        for (name, value) in [
            ("hoofdObject", &self.hoofd_object),
            ("resourceUrl", &self.resource_url),
        ] {
            if !value.is_empty()
                && !url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
            {
                problems.push((name, "invalid", "Geen geldige URL.".to_owned()));
            }
        }
        if chrono::DateTime::parse_from_rfc3339(&self.aanmaakdatum).is_err() {
            problems.push((
                "aanmaakdatum",
                "invalid",
                "Geen geldige datum-tijd (RFC 3339).".to_owned(),
            ));
        }
        for (key, value) in &self.kenmerken {
            if value.is_empty() || value.chars().count() > 1000 || key.is_empty() {
                problems.push(("kenmerken", "invalid", format!("Kenmerk '{key}' ongeldig.")));
            }
        }
        problems
    }
}

fn problem(status: StatusCode, code: &str, title: &str, extra: serde_json::Value) -> Response {
    let mut body = json!({
        "type": format!("https://loket.invalid/fouten/{code}"),
        "code": code,
        "title": title,
        "status": status.as_u16(),
        "detail": title,
        "instance": format!("urn:uuid:{}", uuid::Uuid::new_v4()),
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    headers.insert("api-version", HeaderValue::from_static(API_VERSION));
    response
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /api/notificaties`.
pub async fn receive(State(portal): State<Portal>, headers: HeaderMap, body: Bytes) -> Response {
    let authorised = headers
        .get(axum::http::header::AUTHORIZATION)
        .is_some_and(|v| constant_time_eq(v.as_bytes(), portal.notify.settings().auth.as_bytes()));
    if !authorised {
        return problem(
            StatusCode::FORBIDDEN,
            "permission_denied",
            "U heeft geen toestemming om deze actie uit te voeren.",
            json!({}),
        );
    }
    let notificatie: Notificatie = match serde_json::from_slice(&body) {
        Ok(n) => n,
        Err(error) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "invalid",
                "Invalid input.",
                json!({"invalid-params": [{"name": "nonFieldErrors", "code": "parse_error", "reason": error.to_string()}]}),
            )
        }
    };
    let invalid = notificatie.invalid_params();
    if !invalid.is_empty() {
        let params: Vec<_> = invalid
            .into_iter()
            .map(|(name, code, reason)| json!({"name": name, "code": code, "reason": reason}))
            .collect();
        return problem(
            StatusCode::BAD_REQUEST,
            "invalid",
            "Invalid input.",
            json!({ "invalid-params": params }),
        );
    }
    match portal.notify.store_notification(&notificatie, "nrc").await {
        Ok(_) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            response
                .headers_mut()
                .insert("api-version", HeaderValue::from_static(API_VERSION));
            response
        }
        Err(error) => {
            tracing::error!(%error, "notification could not be stored");
            // Not stored: the NRC must try again.
            problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "De notificatie kon niet worden opgeslagen; probeer het later opnieuw.",
                json!({}),
            )
        }
    }
}
