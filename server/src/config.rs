//! Server configuration: what `loket serve` takes from flags and `LOKET_*` environment
//! variables (see README.md for the reference).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use loket_caseapi::ClientCredentials;

use crate::StartError;

/// Name of the ZGW client the portal itself uses towards the embedded case API.
pub const PORTAL_CLIENT_ID: &str = "loket-portaal";

/// What the header and static shell show.
#[derive(Debug, Clone)]
pub struct Municipality {
    pub name: String,
    pub logo_url: String,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// The built SPA (`dist/`).
    pub assets: PathBuf,
    /// `sqlite://…` or `postgres://…`; default a SQLite file in the data dir.
    pub database_url: Option<String>,
    /// Public base URL (scheme://host[:port]) that resource URLs are built from.
    pub public_url: String,
    pub municipality: Municipality,
    /// Extra ZGW clients (`LOKET_ZGW_CLIENTS`).
    pub zgw_clients: Vec<ClientCredentials>,
    pub demo_catalogue: bool,
    /// The portal's own database (sessions, drafts, submissions): `sqlite://…` or
    /// `postgres://…`; default `portal.sqlite3` in the data dir. Must be a different database
    /// from the case API's.
    pub portal_database_url: Option<String>,
    /// Offer the demo DigiD login (test BSNs). Never in production.
    pub demo_login: bool,
    /// DigiD via an OpenID Connect broker.
    pub oidc: Option<OidcConfig>,
    /// The municipality's ZGW provider; `None` = the embedded case API.
    pub external_zgw: Option<ExternalZgw>,
    /// Document uploads: size limit and virus scanner.
    pub uploads: UploadConfig,
    /// Staff login with the organisation's OpenID Connect provider (roles from a claim).
    pub staff_oidc: Option<StaffOidcConfig>,
}

/// The organisation's OpenID Connect provider for staff.
#[derive(Clone)]
pub struct StaffOidcConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Claim with the roles (`kcc`, `behandelaar`, `auditor`); default `roles`.
    pub roles_claim: String,
    /// Default `openid profile`.
    pub scope: String,
}

impl std::fmt::Debug for StaffOidcConfig {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffOidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("roles_claim", &self.roles_claim)
            .finish_non_exhaustive()
    }
}

/// Document uploads (`LOKET_UPLOAD_MAX_BYTES`, `LOKET_CLAMAV`).
#[derive(Debug, Clone)]
pub struct UploadConfig {
    /// The largest upload any document type accepts.
    pub max_bytes: u64,
    /// ClamAV's daemon; `None` = no scanning.
    pub clamav: Option<crate::upload::scan::ClamdAddress>,
}

impl Default for UploadConfig {
    fn default() -> UploadConfig {
        UploadConfig {
            max_bytes: crate::upload::rules::DEFAULT_MAX_BYTES,
            clamav: None,
        }
    }
}

/// The DigiD broker (OpenID Connect).
#[derive(Clone)]
pub struct OidcConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Claim carrying the BSN (default `bsn`).
    pub bsn_claim: String,
    /// Scopes, space separated (default `openid`).
    pub scope: String,
}

impl std::fmt::Debug for OidcConfig {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// A ZGW provider outside this process (e.g. the municipality's Open Zaak).
#[derive(Clone)]
pub struct ExternalZgw {
    /// Base URL under which `/catalogi/api/v1`, `/zaken/api/v1`, `/documenten/api/v1` live.
    pub base_url: String,
    pub client_id: String,
    pub secret: String,
}

impl std::fmt::Debug for ExternalZgw {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExternalZgw")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// Notifications (issue 7): the receiver's `Authorization` value and e-mail. Not part of
/// [`Config`] so that existing callers of [`crate::Loket::start`] keep the defaults (a
/// generated receiver secret, e-mail off); `main` passes these to `Loket::start_with`.
#[derive(Clone)]
pub struct NotificationsConfig {
    /// `LOKET_NOTIFICATIONS_AUTH`: the exact `Authorization` header the Notificaties API sends
    /// (the abonnement's `auth`). Unset: `Bearer <secret>`, the secret generated into
    /// `notifications-secret` in the data dir.
    pub auth: Option<String>,
    /// `LOKET_SMTP_URL`, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example:465`;
    /// unset = e-mail off (the outbox is kept).
    pub smtp_url: Option<String>,
    /// `LOKET_MAIL_FROM`, e.g. `Gemeente Voorbeeld <noreply@voorbeeld.nl>`.
    pub mail_from: Option<String>,
    /// First retry delay; doubles per attempt.
    pub retry_base: std::time::Duration,
    /// How often the workers look for due work besides being woken.
    pub poll_interval: std::time::Duration,
    /// `LOKET_NOTIFY_URL` + `LOKET_NOTIFY_AUTH`: a Notificaties API (or any receiver) that the
    /// embedded case API also publishes its notifications to, with that `Authorization` value.
    /// Loket's own receiver always gets them.
    pub publish_to: Option<(String, String)>,
}

impl Default for NotificationsConfig {
    fn default() -> NotificationsConfig {
        NotificationsConfig {
            publish_to: None,
            auth: None,
            smtp_url: None,
            mail_from: None,
            retry_base: std::time::Duration::from_secs(30),
            poll_interval: std::time::Duration::from_secs(5),
        }
    }
}

impl std::fmt::Debug for NotificationsConfig {
    // Never print the auth value or SMTP credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotificationsConfig")
            .field("mail", &self.smtp_url.is_some())
            .field("mail_from", &self.mail_from)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// The `Authorization` value the notification receiver accepts.
    pub fn notifications_auth(&self, n: &NotificationsConfig) -> Result<String, StartError> {
        match n.auth.as_deref().map(str::trim) {
            Some(auth) if !auth.is_empty() => Ok(auth.to_owned()),
            _ => Ok(format!(
                "Bearer {}",
                read_or_create_secret(&self.data_dir.join("notifications-secret"))?
            )),
        }
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.data_dir.join("loket.sqlite3").display())
        })
    }

    pub fn portal_database_url(&self) -> String {
        self.portal_database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}",
                self.data_dir.join("portal.sqlite3").display()
            )
        })
    }

    /// The portal's ZGW client: the external provider, or the embedded case API reached over
    /// loopback on our own listener (its resource URLs name the public URL).
    pub fn zgw_client_config(&self) -> Result<zgw::client::ClientConfig, StartError> {
        // A resident waits for these calls: after 15 s "the case system is not reachable, your
        // draft is kept" serves them better than a spinner.
        let timeout = std::time::Duration::from_secs(15);
        if let Some(external) = &self.external_zgw {
            let mut config = zgw::client::ClientConfig::same_host(
                &external.base_url,
                &external.client_id,
                &external.secret,
            );
            config.timeout = timeout;
            return Ok(config);
        }
        let internal = self.internal_base();
        let mut config = zgw::client::ClientConfig::same_host(
            &internal,
            PORTAL_CLIENT_ID,
            &read_or_create_secret(&self.data_dir.join("zgw-portal-secret"))?,
        )
        .with_rewrite(&self.public_url, &internal);
        config.timeout = timeout;
        Ok(config)
    }

    /// How this process reaches itself (the embedded case API, its own notification
    /// receiver): the listen address over loopback, whatever the public URL is.
    pub fn internal_base(&self) -> String {
        let port = self.listen.port();
        if self.listen.ip().is_unspecified() || self.listen.ip().is_loopback() {
            format!("http://127.0.0.1:{port}")
        } else {
            format!("http://{}", self.listen)
        }
    }

    /// Secret salt for residents' pseudonyms in ZGW audit trails (kept in the data dir).
    pub fn pseudonym_salt(&self) -> Result<String, StartError> {
        read_or_create_secret(&self.data_dir.join("pseudonym-salt"))
    }

    /// The case API's configuration: the configured clients plus the portal's own client,
    /// whose secret is generated once and kept in the data dir (never logged or printed).
    pub fn caseapi_config(&self) -> Result<loket_caseapi::Config, StartError> {
        let mut clients = self.zgw_clients.clone();
        clients.push(ClientCredentials {
            client_id: PORTAL_CLIENT_ID.into(),
            secret: read_or_create_secret(&self.data_dir.join("zgw-portal-secret"))?,
        });
        Ok(loket_caseapi::Config {
            database_url: self.database_url(),
            documents_dir: self.data_dir.join("documenten"),
            base_url: self.public_url.clone(),
            clients,
            seed_demo_catalogue: self.demo_catalogue,
        })
    }
}

/// Reads a secret from a file in the data dir (e.g. the portal client's `zgw-portal-secret`),
/// creating it (random, owner-readable only) on first start.
fn read_or_create_secret(path: &Path) -> Result<String, StartError> {
    let io = |source| StartError::DataDir {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(path) {
        Ok(secret) if !secret.trim().is_empty() => return Ok(secret.trim().to_owned()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    write_private(path, &secret).map_err(io)?;
    Ok(secret)
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}
