//! Response helpers shared by all three APIs: JSON bodies, `ETag`/`If-None-Match` on detail
//! endpoints, `Location` on creation, and the JSON body extractor whose rejections are
//! problem+json like every other error.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// A JSON answer with the given status.
pub fn json(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).expect("JSON value serialises");
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// 201 with `Location` set to the new resource's `url`.
pub fn created(value: &Value) -> Response {
    let mut response = json(StatusCode::CREATED, value);
    if let Some(location) = value
        .get("url")
        .and_then(Value::as_str)
        .and_then(|url| HeaderValue::from_str(url).ok())
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// A detail answer with an `ETag`; 304 when the request's `If-None-Match` matches.
pub fn detail(request_headers: &HeaderMap, value: &Value) -> Response {
    let body = serde_json::to_vec(value).expect("JSON value serialises");
    let etag = format!("\"{:x}\"", Sha256::digest(&body));
    let matches = request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|candidate| candidate == etag || candidate == "*" || candidate == format!("W/{etag}"));
    let etag_value = HeaderValue::from_str(&etag).expect("hex is a valid header value");
    if matches {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(header::ETAG, etag_value);
        return response;
    }
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response.headers_mut().insert(header::ETAG, etag_value);
    response
}

/// True if buffering failed because the body passed the endpoint's size limit.
fn over_limit(rejection: &axum::extract::rejection::BytesRejection) -> bool {
    rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
}

/// A request body parsed as a JSON object. Wrong content type → 415, malformed JSON or not an
/// object → 400 `parse_error`, both as problem+json.
pub struct JsonObject(pub serde_json::Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<JsonObject, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType(
                "Verwacht Content-Type: application/json.".into(),
            ));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|e| {
            if over_limit(&e) {
                ApiError::PayloadTooLarge(
                    "De body is groter dan dit endpoint toestaat; stuur grote bestanden \
                             in bestandsdelen."
                        .into(),
                )
            } else {
                ApiError::BadRequest {
                    code: "parse_error",
                    detail: e.body_text(),
                }
            }
        })?;
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonObject(map)),
            Ok(_) => Err(ApiError::BadRequest {
                code: "parse_error",
                detail: "De body moet een JSON-object zijn.".into(),
            }),
            Err(e) => Err(ApiError::BadRequest {
                code: "parse_error",
                detail: format!("JSON parse error - {e}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::DefaultBodyLimit;
    use axum::routing::post;
    use axum::Router;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_body_over_the_limit_is_a_413_problem() {
        let app = Router::new()
            .route("/", post(|JsonObject(_): JsonObject| async { "ok" }))
            .layer(DefaultBodyLimit::max(16));
        let request = axum::http::Request::post("/")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(format!(
                "{{\"inhoud\": \"{}\"}}",
                "A".repeat(64)
            )))
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE].clone();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body:?}");
        assert_eq!(content_type, zgw::PROBLEM_JSON);
    }
}
