//! The provider's one error type. Every failure becomes an `application/problem+json` body in
//! the shape of the OAS `Fout`/`ValidatieFout`, with the reference implementation's codes.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use zgw::jwt::JwtError;
use zgw::problem::{Fout, InvalidParam};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 with `invalidParams` (`ValidatieFout`).
    #[error("Invalid input.")]
    Invalid(Vec<InvalidParam>),
    /// Another 400, e.g. a body that is not JSON (`parse_error`).
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    /// 403 for a refused token.
    #[error(transparent)]
    Token(#[from] JwtError),
    /// 403 for an operation the client may not do.
    #[error("{0}")]
    Forbidden(String),
    /// 404.
    #[error("Niet gevonden.")]
    NotFound,
    /// 406 (e.g. an unsupported `Accept-Crs`).
    #[error("{0}")]
    NotAcceptable(String),
    /// 409.
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// 412 (e.g. a missing `Accept-Crs`/`Content-Crs` header).
    #[error("{0}")]
    PreconditionFailed(String),
    /// 413: a body over the limit of its endpoint.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 415.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 500: the cause is logged with the response's `instance`, never sent to the client.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Wraps any error as a 500 (`?`-friendly: `.map_err(ApiError::internal)`).
    pub fn internal(error: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(error.to_string())
    }

    /// One invalid field.
    pub fn invalid(name: &str, code: &str, reason: impl Into<String>) -> ApiError {
        ApiError::Invalid(vec![InvalidParam::new(name, code, reason)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Invalid(_) | ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Token(_) | ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The `Fout` body for this error.
    pub fn to_fout(&self) -> Fout {
        let instance = format!("urn:uuid:{}", uuid::Uuid::new_v4());
        let (kind, code, title, detail, invalid_params) = match self {
            ApiError::Invalid(params) => (
                "ValidationError",
                "invalid",
                "Invalid input.",
                "Een of meer velden zijn ongeldig.".to_owned(),
                params.clone(),
            ),
            ApiError::BadRequest { code, detail } => (
                "ParseError",
                *code,
                "Ongeldige aanvraag.",
                detail.clone(),
                vec![],
            ),
            ApiError::Token(e) => (
                "PermissionDenied",
                e.code(),
                "Je hebt geen toestemming om deze actie uit te voeren.",
                e.to_string(),
                vec![],
            ),
            ApiError::Forbidden(detail) => (
                "PermissionDenied",
                "permission_denied",
                "Je hebt geen toestemming om deze actie uit te voeren.",
                detail.clone(),
                vec![],
            ),
            ApiError::NotFound => (
                "NotFound",
                "not_found",
                "Niet gevonden.",
                "Niet gevonden.".to_owned(),
                vec![],
            ),
            ApiError::NotAcceptable(detail) => (
                "NotAcceptable",
                "not_acceptable",
                "Kan niet voldoen aan de opgegeven Accept header.",
                detail.clone(),
                vec![],
            ),
            ApiError::Conflict { code, detail } => {
                ("Conflict", *code, "Conflict.", detail.clone(), vec![])
            }
            ApiError::PreconditionFailed(detail) => (
                "PreconditionFailed",
                "precondition_failed",
                "Precondition failed.",
                detail.clone(),
                vec![],
            ),
            ApiError::PayloadTooLarge(detail) => (
                "PayloadTooLarge",
                "payload_too_large",
                "De aanvraag is te groot.",
                detail.clone(),
                vec![],
            ),
            ApiError::UnsupportedMediaType(detail) => (
                "UnsupportedMediaType",
                "unsupported_media_type",
                "Niet-ondersteund mediatype in aanvraag.",
                detail.clone(),
                vec![],
            ),
            ApiError::Internal(_) => (
                "APIException",
                "error",
                "Er is een serverfout opgetreden.",
                "Er is een serverfout opgetreden.".to_owned(),
                vec![],
            ),
        };
        Fout {
            // A relative URI reference (RFC 7807 allows it), as vng-api-common's `/ref/fouten/…/`.
            type_: format!("/ref/fouten/{kind}/"),
            code: code.to_owned(),
            title: title.to_owned(),
            status: self.status().as_u16(),
            detail,
            instance,
            // Every 400 is a `ValidatieFout` in the OAS, which requires the field.
            invalid_params: (self.status() == StatusCode::BAD_REQUEST).then_some(invalid_params),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> ApiError {
        ApiError::internal(error)
    }
}

impl From<sqlx::migrate::MigrateError> for ApiError {
    fn from(error: sqlx::migrate::MigrateError) -> ApiError {
        ApiError::internal(error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let fout = self.to_fout();
        if let ApiError::Internal(cause) = &self {
            tracing::error!(instance = %fout.instance, %cause, "case API internal error");
        }
        let body = serde_json::to_vec(&fout).expect("Fout serialises");
        let mut response = (self.status(), body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(zgw::PROBLEM_JSON),
        );
        response
    }
}
