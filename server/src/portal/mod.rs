//! The portal API (backend-for-frontend) under `/api`: resident sessions, the product
//! catalogue, drafts, submission and the resident's cases. The browser talks only to this;
//! this talks ZGW (with the portal's own credentials) to the case API.

pub mod cases;
pub mod catalogue;
pub mod drafts;
pub mod error;
pub mod oidc;
pub mod session;
pub mod store;
pub mod submit;

use axum::routing::{get, post};
use axum::Router;
use zgw::client::ZgwClient;

use self::catalogue::Catalogue;
use self::session::SessionSettings;
use self::store::PortalStore;

/// Everything the portal API's handlers share.
#[derive(Clone)]
pub struct Portal {
    pub store: PortalStore,
    /// Staff accounts, sessions and the access log (same database).
    pub staff: crate::staff::store::StaffStore,
    pub zgw: ZgwClient,
    pub catalogue: Catalogue,
    pub settings: SessionSettings,
    /// DigiD through an OpenID Connect broker, when configured.
    pub oidc: Option<oidc::Oidc>,
    /// Staff login with the organisation's OpenID Connect provider, when configured.
    pub staff_oidc: Option<crate::staff::oidc::StaffOidc>,
    /// The municipality's name (receipts, e-mails).
    pub municipality: String,
    /// Secret salt for residents' pseudonyms in the case API's audit trail.
    pub pseudonym_salt: String,
    /// Status notifications: inbox, e-mail outbox, live events.
    pub notify: crate::notify::Notify,
    /// Uploads being received, and the virus scanner.
    pub uploads: crate::upload::Uploads,
}

impl Portal {
    /// The `/api` routes. Every state-changing request passes the CSRF guard; every answer
    /// is `no-store` (personal data must not sit in shared caches or the back button).
    pub fn router(&self) -> Router {
        Router::new()
            .route("/api/session", get(session::get_session))
            .route("/api/session/demo-persons", get(session::demo_persons))
            .route("/api/session/demo", post(session::demo_login))
            .route("/api/session/extend", post(session::extend))
            .route("/api/session/logout", post(session::logout))
            .route("/api/session/oidc/start", get(oidc::start))
            .route("/api/session/oidc/callback", get(oidc::callback))
            .route("/api/catalogue", get(catalogue::list_products))
            .route("/api/catalogue/{id}", get(catalogue::product_detail))
            .route("/api/drafts", get(drafts::list).post(drafts::create))
            .route(
                "/api/drafts/{id}",
                get(drafts::get).put(drafts::update).delete(drafts::delete),
            )
            .route("/api/drafts/{id}/submit", post(submit::submit))
            .route("/api/cases", get(cases::list))
            .route("/api/cases/{id}", get(cases::detail))
            .route("/api/cases/{id}/receipt.pdf", get(cases::receipt))
            .merge(crate::staff::routes())
            .merge(crate::upload::routes())
            .merge(crate::notify::routes())
            .layer(axum::middleware::from_fn(session::csrf_guard))
            .layer(
                tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                    axum::http::header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("no-store"),
                ),
            )
            .with_state(self.clone())
    }

    /// Background work: the notification workers, the case index backfill, and housekeeping
    /// (finish stalled submissions, drop idle sessions) once a minute while the server runs.
    pub fn spawn_background(&self) {
        self.notify.spawn_workers(self);
        // The case index learns of new changes from notifications; the zaken from before are
        // walked once (resuming after a restart; retried while the case API is unreachable).
        let portal = self.clone();
        tokio::spawn(async move {
            while let Err(error) = crate::staff::index::backfill(&portal).await {
                tracing::warn!(%error, "case index backfill failed; trying again in a minute");
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            }
        });
        let portal = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                tick.tick().await;
                submit::resume_stalled(&portal).await;
                crate::upload::housekeeping(&portal).await;
                if let Err(error) = portal
                    .store
                    .delete_idle_sessions(loket_api::SESSION_IDLE_SECONDS as i64)
                    .await
                {
                    tracing::warn!(%error, "session housekeeping failed");
                }
            }
        });
    }
}
