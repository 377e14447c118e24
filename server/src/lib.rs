//! The `loket` server: one axum application that serves the SPA, the portal's own API
//! (backend-for-frontend) and the embedded ZGW case API.
//!
//! [`Loket::start`] prepares everything that touches the outside world (storage, secrets,
//! assets); [`Loket::app`] is the pure router that `main` serves and tests drive with
//! `oneshot`.

pub mod config;
pub mod health;
pub mod notify;
pub mod portal;
pub mod security;
pub mod spa;
pub mod staff;
pub mod upload;

use std::sync::Arc;

use axum::Router;
use loket_caseapi::CaseApi;

pub use config::Config;

/// Everything the handlers share.
#[derive(Clone)]
pub struct Loket {
    /// The embedded case API; `None` when the portal uses an external ZGW provider.
    pub caseapi: Option<CaseApi>,
    pub portal: portal::Portal,
    pub spa: Arc<spa::Spa>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("case API: {0}")]
    CaseApi(#[from] loket_caseapi::ApiError),
    #[error("{0}")]
    Assets(String),
    #[error("data dir {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Config(String),
}

impl Loket {
    /// Opens storage (running migrations, seeding the demo catalogue when asked), loads the
    /// SPA and prepares the internal ZGW client.
    pub async fn start(config: &Config) -> Result<Loket, StartError> {
        Loket::start_with(config, &config::NotificationsConfig::default()).await
    }

    /// [`Loket::start`] with the notification settings (receiver auth, e-mail).
    pub async fn start_with(
        config: &Config,
        notifications: &config::NotificationsConfig,
    ) -> Result<Loket, StartError> {
        if config.uploads.max_bytes > upload::rules::CEILING_MAX_BYTES {
            return Err(StartError::Config(format!(
                "LOKET_UPLOAD_MAX_BYTES may be at most {} (4 GiB, the Documenten API's limit)",
                upload::rules::CEILING_MAX_BYTES
            )));
        }
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
            path: config.data_dir.display().to_string(),
            source,
        })?;
        let spa = spa::Spa::load(&config.assets, &config.municipality)?;
        let caseapi = match config.external_zgw {
            Some(_) => None,
            None => Some(CaseApi::open(config.caseapi_config()?).await?),
        };
        let store = portal::store::PortalStore::open(&config.portal_database_url())
            .await
            .map_err(|e| StartError::Config(format!("portal database: {e}")))?;
        let zgw = zgw::client::ZgwClient::new(config.zgw_client_config()?)
            .map_err(|e| StartError::Config(e.to_string()))?;
        let receiver_auth = config.notifications_auth(notifications)?;
        if let Some(caseapi) = &caseapi {
            // The embedded provider publishes like any ZGW provider: to Loket's own receiver
            // (over loopback, with its auth) and to an external Notificaties API if configured.
            let mut subscribers = vec![loket_caseapi::notificaties::Subscriber {
                url: format!("{}/api/notificaties", config.internal_base()),
                auth: receiver_auth.clone(),
            }];
            if let Some((url, auth)) = &notifications.publish_to {
                subscribers.push(loket_caseapi::notificaties::Subscriber {
                    url: url.clone(),
                    auth: auth.clone(),
                });
            }
            caseapi.set_subscribers(subscribers);
        }
        let notify = notify::Notify::new(
            store.clone(),
            notify::Settings {
                auth: receiver_auth,
                public_url: config.public_url.clone(),
                smtp_url: notifications.smtp_url.clone(),
                mail_from: notifications
                    .mail_from
                    .clone()
                    .unwrap_or_else(|| format!("{} <noreply@localhost>", config.municipality.name)),
                retry_base: notifications.retry_base,
                poll_interval: notifications.poll_interval,
            },
        );
        let portal = portal::Portal {
            notify,
            staff: staff::store::StaffStore::new(store.clone()),
            store,
            zgw,
            catalogue: portal::catalogue::Catalogue::new(config.uploads.max_bytes),
            uploads: upload::Uploads::new(
                config.data_dir.join("uploads"),
                config
                    .uploads
                    .clamav
                    .clone()
                    .map(upload::scan::Scanner::new),
            )
            .map_err(|source| StartError::DataDir {
                path: config.data_dir.join("uploads").display().to_string(),
                source,
            })?,
            settings: portal::session::SessionSettings {
                secure_cookies: config.public_url.starts_with("https://"),
                demo_login: config.demo_login,
                digid: config.oidc.is_some(),
            },
            oidc: config
                .oidc
                .as_ref()
                .map(|o| {
                    oidc_client(
                        config,
                        (&o.issuer, &o.client_id, &o.client_secret, &o.scope),
                        &o.bsn_claim,
                        "/api/session/oidc/callback",
                    )
                })
                .transpose()?,
            staff_oidc: config
                .staff_oidc
                .as_ref()
                .map(|o| {
                    oidc_client(
                        config,
                        (&o.issuer, &o.client_id, &o.client_secret, &o.scope),
                        "",
                        "/api/staff/session/oidc/callback",
                    )
                    .map(|oidc| staff::oidc::StaffOidc {
                        oidc,
                        roles_claim: o.roles_claim.clone(),
                    })
                })
                .transpose()?,
            pseudonym_salt: config.pseudonym_salt()?,
            municipality: config.municipality.name.clone(),
        };
        if config.demo_login {
            staff::session::ensure_demo_accounts(&portal)
                .await
                .map_err(|e| StartError::Config(format!("demo staff accounts: {e}")))?;
        }
        Ok(Loket {
            caseapi,
            portal,
            spa: Arc::new(spa),
        })
    }

    /// Background work for as long as the server runs: the portal's (submissions, sessions,
    /// notifications, uploads) and the embedded case API's notification sender.
    pub fn spawn_background(&self) {
        self.portal.spawn_background();
        if let Some(caseapi) = &self.caseapi {
            caseapi.spawn_notifier();
        }
    }

    /// The whole application. Layers wrap from the inside out: security headers apply to
    /// every answer, including errors and static files.
    pub fn app(&self) -> Router {
        let portal = Router::new()
            .merge(health::router())
            .merge(spa::router())
            .with_state(self.clone());
        let mut app = Router::new()
            .merge(self.portal.router())
            .merge(notify::receiver_router(&self.portal));
        if let Some(caseapi) = &self.caseapi {
            app = app.merge(caseapi.router());
        }
        security::with_security_headers(app.merge(portal))
    }
}

/// An OpenID Connect client: `(issuer, client id, secret, scope)` at the provider, our
/// callback path under the public URL.
fn oidc_client(
    config: &Config,
    (issuer, client_id, client_secret, scope): (&str, &str, &str, &str),
    bsn_claim: &str,
    callback_path: &str,
) -> Result<portal::oidc::Oidc, StartError> {
    portal::oidc::Oidc::new(portal::oidc::OidcSettings {
        issuer: issuer.to_owned(),
        client_id: client_id.to_owned(),
        client_secret: client_secret.to_owned(),
        bsn_claim: bsn_claim.to_owned(),
        scope: scope.to_owned(),
        redirect_uri: format!("{}{callback_path}", config.public_url),
    })
    .map_err(StartError::Config)
}

/// Wraps the app in request logging. Only the method, the path and the status are logged —
/// never the query string, because ZGW filters carry personal data such as a BSN
/// (`?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=…`).
pub fn with_request_logging(app: Router) -> Router {
    use tower_http::trace::{DefaultOnResponse, TraceLayer};
    app.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &axum::http::Request<_>| {
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
    )
}
