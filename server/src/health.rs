//! Probes for orchestrators: `/healthz` (the process answers) and `/readyz` (storage answers
//! too, so traffic may be sent).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::Loket;

pub fn router() -> Router<Loket> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

async fn readyz(State(loket): State<Loket>) -> (StatusCode, Json<Value>) {
    let caseapi_ready = match &loket.caseapi {
        Some(caseapi) => caseapi.ready().await,
        None => true,
    };
    if caseapi_ready && loket.portal.store.ping().await {
        (StatusCode::OK, Json(json!({"status": "ready"})))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "reason": "storage"})),
        )
    }
}
