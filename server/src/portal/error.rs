//! The portal API's one error type: every failure becomes an [`ErrorBody`] with a code the SPA
//! can explain in the resident's language. Internal details go to the log, never to the browser.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use loket_api::{ErrorBody, ErrorCode, FieldError};
use zgw::client::ClientError;

#[derive(Debug, thiserror::Error)]
pub enum PortalError {
    #[error("not authenticated")]
    NotAuthenticated,
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("product unavailable")]
    ProductUnavailable,
    #[error("case API unavailable: {0}")]
    CaseApi(String),
    #[error("submission in progress")]
    InProgress,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("login method unavailable")]
    LoginUnavailable,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("forbidden")]
    Forbidden,
    #[error("case closed")]
    CaseClosed,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl PortalError {
    pub fn internal(error: impl std::fmt::Display) -> PortalError {
        PortalError::Internal(error.to_string())
    }

    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            PortalError::NotAuthenticated => {
                (StatusCode::UNAUTHORIZED, ErrorCode::NotAuthenticated)
            }
            PortalError::Csrf => (StatusCode::FORBIDDEN, ErrorCode::CsrfFailed),
            PortalError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            PortalError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Invalid),
            PortalError::ProductUnavailable => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ProductUnavailable,
            ),
            PortalError::CaseApi(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::CaseApiUnavailable,
            ),
            PortalError::InProgress => (StatusCode::CONFLICT, ErrorCode::InProgress),
            PortalError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest),
            PortalError::LoginUnavailable => (StatusCode::NOT_FOUND, ErrorCode::LoginUnavailable),
            PortalError::InvalidCredentials => {
                (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials)
            }
            PortalError::TooManyAttempts => {
                (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyAttempts)
            }
            PortalError::Forbidden => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            PortalError::CaseClosed => (StatusCode::CONFLICT, ErrorCode::CaseClosed),
            PortalError::Conflict(_) => (StatusCode::CONFLICT, ErrorCode::Conflict),
            PortalError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

impl IntoResponse for PortalError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match &self {
            PortalError::Internal(detail) => tracing::error!(%detail, "portal API error"),
            PortalError::CaseApi(detail) => tracing::warn!(%detail, "case API unavailable"),
            _ => {}
        }
        let errors = match self {
            PortalError::Invalid(errors) => errors,
            _ => Vec::new(),
        };
        let mut response = (status, Json(ErrorBody { code, errors })).into_response();
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        response
    }
}

impl From<sqlx::Error> for PortalError {
    fn from(error: sqlx::Error) -> PortalError {
        PortalError::internal(error)
    }
}

impl From<serde_json::Error> for PortalError {
    fn from(error: serde_json::Error) -> PortalError {
        PortalError::internal(error)
    }
}

/// A ZGW failure: unreachable, timeouts and server errors mean "case API unavailable" (the
/// resident may retry); anything else is our bug or a provider rejecting our request.
impl From<ClientError> for PortalError {
    fn from(error: ClientError) -> PortalError {
        match &error {
            ClientError::Unreachable(_) => PortalError::CaseApi(error.to_string()),
            ClientError::Problem { status, .. } if *status >= 500 || *status == 429 => {
                PortalError::CaseApi(error.to_string())
            }
            ClientError::Problem { status: 404, .. } => PortalError::NotFound,
            _ => PortalError::Internal(format!("{error}: {error:?}")),
        }
    }
}
