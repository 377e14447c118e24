//! Loket's embedded ZGW provider: the Catalogi, Zaken and Documenten APIs (Catalogi 1.3.1,
//! Zaken 1.5.1, Documenten 1.4.3) on SQLite or PostgreSQL, so that `loket` alone is a complete,
//! standard-conformant system that any ZGW client can use.
//!
//! [`CaseApi::open`] connects storage and runs migrations; [`CaseApi::router`] gives the axum
//! router that mounts the three APIs at `/catalogi/api/v1`, `/zaken/api/v1` and
//! `/documenten/api/v1`, as Open Zaak does.

pub mod audit;
pub mod auth;
pub mod catalogi;
pub mod db;
pub mod documenten;
pub mod error;
pub mod fields;
pub mod filter;
pub mod identificatie;
pub mod notificaties;
pub mod pagination;
pub mod query;
pub mod respond;
pub mod store;
pub mod urls;
pub mod zaken;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::http::{header, HeaderName, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use db::Db;
pub use error::ApiError;
pub use urls::{Api, Urls};

/// A ZGW client that may call the APIs: its `client_id` and shared secret.
#[derive(Clone)]
pub struct ClientCredentials {
    pub client_id: String,
    pub secret: String,
}

impl std::fmt::Debug for ClientCredentials {
    // Never print secrets, not even in debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// Parses `LOKET_ZGW_CLIENTS`: `id=secret` pairs, comma separated.
pub fn parse_clients(spec: &str) -> Result<Vec<ClientCredentials>, String> {
    spec.split(',')
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((id, secret)) if !id.trim().is_empty() && !secret.is_empty() => {
                Ok(ClientCredentials {
                    client_id: id.trim().to_owned(),
                    secret: secret.to_owned(),
                })
            }
            _ => Err(format!(
                "ongeldige ZGW-client '{}': verwacht id=geheim",
                pair.split('=').next().unwrap_or_default()
            )),
        })
        .collect()
}

/// How to run the provider.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Where document contents are stored.
    pub documents_dir: PathBuf,
    /// Public base URL of this server without trailing slash, e.g. `http://127.0.0.1:8080`.
    /// Resource URLs are built from it and URLs starting with it are resolved locally.
    pub base_url: String,
    /// Clients allowed to call the APIs (all have all authorisations for now).
    pub clients: Vec<ClientCredentials>,
    /// Seed the demo catalogue when the database has no catalogus yet.
    pub seed_demo_catalogue: bool,
}

/// The running provider: shared state behind every handler (cheap to clone).
#[derive(Clone)]
pub struct CaseApi(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub urls: Urls,
    pub documents_dir: PathBuf,
    /// Size of the parts (bestandsdelen) a large document is uploaded in. Tests lower it.
    pub document_part_size: std::sync::atomic::AtomicU64,
    secrets: HashMap<String, Vec<u8>>,
    /// Where notifications go, and the sender's wake-up call.
    subscribers: notificaties::Subscribers,
    notifier: tokio::sync::Notify,
}

impl std::ops::Deref for CaseApi {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl CaseApi {
    /// Connects storage, runs migrations and (if asked and empty) seeds the demo catalogue.
    pub async fn open(config: Config) -> Result<CaseApi, ApiError> {
        let db = Db::connect(&config.database_url).await?;
        db.migrate().await?;
        documenten::backfill(&db).await?;
        tokio::fs::create_dir_all(&config.documents_dir)
            .await
            .map_err(ApiError::internal)?;
        // Inline content of requests cut off by a stop (a day old: never one still in progress).
        let stale = documenten::inline::remove_stale_uploads(
            &config.documents_dir.join("tmp"),
            std::time::Duration::from_secs(24 * 3600),
        );
        if stale > 0 {
            tracing::info!(stale, "removed unfinished inline uploads");
        }
        let secrets = config
            .clients
            .iter()
            .map(|c| (c.client_id.clone(), c.secret.clone().into_bytes()))
            .collect();
        let api = CaseApi(Arc::new(Inner {
            db,
            urls: Urls::new(&config.base_url),
            documents_dir: config.documents_dir,
            document_part_size: std::sync::atomic::AtomicU64::new(documenten::DEFAULT_PART_SIZE),
            secrets,
            subscribers: Default::default(),
            notifier: tokio::sync::Notify::new(),
        }));
        if config.seed_demo_catalogue {
            catalogi::seed::seed_demo_if_empty(&api).await?;
        }
        Ok(api)
    }

    /// The secret of a configured client.
    pub fn secret_for(&self, client_id: &str) -> Option<Vec<u8>> {
        self.secrets.get(client_id).cloned()
    }

    /// True when storage answers.
    pub async fn ready(&self) -> bool {
        self.db.ping().await.is_ok()
    }

    /// The three APIs under their standard prefixes.
    pub fn router(&self) -> Router {
        Router::new()
            .nest(
                Api::Catalogi.root(),
                component(Api::Catalogi, catalogi::router()),
            )
            .nest(Api::Zaken.root(), component(Api::Zaken, zaken::router()))
            .nest(
                Api::Documenten.root(),
                component(Api::Documenten, documenten::router()),
            )
            .with_state(self.clone())
    }
}

/// The OAS documents, embedded (YAML as published by VNG, JSON generated from it).
fn openapi(api: Api) -> (&'static str, &'static str) {
    match api {
        Api::Catalogi => (
            include_str!("../openapi/catalogi-1.3.1.yaml"),
            include_str!("../openapi/catalogi-1.3.1.json"),
        ),
        Api::Zaken => (
            include_str!("../openapi/zaken-1.5.1.yaml"),
            include_str!("../openapi/zaken-1.5.1.json"),
        ),
        Api::Documenten => (
            include_str!("../openapi/documenten-1.4.3.yaml"),
            include_str!("../openapi/documenten-1.4.3.json"),
        ),
    }
}

/// What every component API has: its OAS at `/openapi.yaml` and `/openapi.json`, the
/// `API-version` header on every answer, and problem+json 404s for unknown paths.
fn component(api: Api, routes: Router<CaseApi>) -> Router<CaseApi> {
    let (yaml, json) = openapi(api);
    routes
        .route(
            "/openapi.yaml",
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, "application/vnd.oai.openapi")],
                    yaml,
                )
                    .into_response()
            }),
        )
        .route(
            "/openapi.json",
            get(move || async move {
                ([(header::CONTENT_TYPE, "application/json")], json).into_response()
            }),
        )
        .fallback(|| async { ApiError::NotFound })
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(api.version()),
        ))
}
