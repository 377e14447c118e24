//! The Catalogi API.

pub mod seed;

use axum::Router;

use crate::CaseApi;

/// Routes of the Catalogi API, relative to its root.
pub fn router() -> Router<CaseApi> {
    Router::new()
}
