//! The staff side of the portal API (`/api/staff/...`): KCC desk, case handling and the
//! access log. Shares the portal's state, CSRF guard and ZGW client; has its own sessions.

pub mod cases;
pub mod index;
pub mod oidc;
pub mod on_behalf;
pub mod overview;
pub mod session;
pub mod store;
pub mod tasks;

use axum::routing::{get, post};
use axum::Router;

use crate::portal::Portal;

/// The `/api/staff` routes (the caller adds the CSRF guard and `no-store`).
pub fn routes() -> Router<Portal> {
    Router::new()
        .route(
            "/api/staff/session",
            get(session::get_session).post(session::login),
        )
        .route("/api/staff/session/extend", post(session::extend))
        .route("/api/staff/session/logout", post(session::logout))
        .route("/api/staff/session/oidc/start", get(oidc::start))
        .route("/api/staff/session/oidc/callback", get(oidc::callback))
        .route("/api/staff/search", post(cases::search))
        .route("/api/staff/cases/{id}", get(cases::view))
        .route("/api/staff/cases/{id}/notes", post(cases::add_note))
        .route("/api/staff/cases/{id}/status", post(cases::set_status))
        .route("/api/staff/cases/{id}/result", post(cases::set_result))
        .route("/api/staff/access-log/search", post(cases::access_log))
        .route(
            "/api/staff/cases/{id}/document-requests",
            post(tasks::request_document),
        )
        .route("/api/staff/overview", get(overview::overview))
        .route("/api/staff/work", get(overview::work))
        .route("/api/staff/on-behalf", post(on_behalf::start))
        .route(
            "/api/staff/on-behalf/{id}",
            get(on_behalf::get).put(on_behalf::update),
        )
        .route("/api/staff/on-behalf/{id}/submit", post(on_behalf::submit))
}
