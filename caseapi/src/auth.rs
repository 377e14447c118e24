//! Who is calling: the `Caller` extractor verifies the ZGW JWT on every request.
//!
//! ZGW authorises applications, not people: the token names the client application
//! (`client_id`) and, for the audit trail, the end user it acts for (`user_id`,
//! `user_representation`). All configured clients currently have all authorisations (the
//! Autorisaties API comes later).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use zgw::jwt::{self, JwtError, Validation};

use crate::error::ApiError;
use crate::CaseApi;

/// Clock skew allowed on `iat` (seconds).
pub const LEEWAY_SECONDS: i64 = 300;
/// Tokens older than this are refused, as Open Zaak does with its default `JWT_EXPIRY`.
pub const MAX_TOKEN_AGE_SECONDS: i64 = 3600;

/// An authenticated API client.
#[derive(Debug, Clone)]
pub struct Caller {
    pub client_id: String,
    pub user_id: String,
    pub user_representation: String,
}

impl FromRequestParts<CaseApi> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, api: &CaseApi) -> Result<Caller, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(JwtError::Missing)?;
        let validation = Validation {
            now: chrono::Utc::now().timestamp(),
            leeway_seconds: LEEWAY_SECONDS,
            max_age_seconds: MAX_TOKEN_AGE_SECONDS,
        };
        let claims = jwt::verify(token, validation, |id| api.secret_for(id))?;
        Ok(Caller {
            client_id: claims.client_id,
            user_id: claims.user_id,
            user_representation: claims.user_representation,
        })
    }
}
