//! The Zaken API.

use axum::Router;

use crate::CaseApi;

/// Routes of the Zaken API, relative to its root.
pub fn router() -> Router<CaseApi> {
    Router::new()
}
