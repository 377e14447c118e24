//! The Documenten API.

use axum::Router;

use crate::CaseApi;

/// Routes of the Documenten API, relative to its root.
pub fn router() -> Router<CaseApi> {
    Router::new()
}
