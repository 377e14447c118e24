//! Coordinate reference system negotiation on the `/zaken` endpoints (zaak.zaakgeometrie is
//! GeoJSON): `Accept-Crs` on every request and `Content-Crs` on requests with a body must be
//! `EPSG:4326`, the only system the standard knows. Missing → 412, another system → 406
//! (`Accept-Crs`) or 415 (`Content-Crs`), as the reference implementation answers.

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;

use crate::error::ApiError;

const EPSG_4326: &str = "EPSG:4326";

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// Checks `Accept-Crs` (and `Content-Crs` when the request has a body).
pub fn check(headers: &HeaderMap, with_body: bool) -> Result<(), ApiError> {
    match header(headers, "accept-crs") {
        None => {
            return Err(ApiError::PreconditionFailed(
                "'Accept-Crs' header ontbreekt".into(),
            ))
        }
        Some(EPSG_4326) => {}
        Some(_) => {
            return Err(ApiError::NotAcceptable(
                "CRS-negotiatie niet mogelijk: alleen EPSG:4326 wordt ondersteund.".into(),
            ))
        }
    }
    if with_body {
        match header(headers, "content-crs") {
            None => {
                return Err(ApiError::PreconditionFailed(
                    "'Content-Crs' header ontbreekt".into(),
                ))
            }
            Some(EPSG_4326) => {}
            Some(_) => {
                return Err(ApiError::UnsupportedMediaType(
                    "CRS niet ondersteund: alleen EPSG:4326.".into(),
                ))
            }
        }
    }
    Ok(())
}

/// Marks a `/zaken` answer with the CRS its geometry is in.
pub fn mark(mut response: Response) -> Response {
    response.headers_mut().insert(
        HeaderName::from_static("content-crs"),
        HeaderValue::from_static(EPSG_4326),
    );
    response
}
