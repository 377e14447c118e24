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
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.data_dir.join("loket.sqlite3").display())
        })
    }

    /// The case API's configuration: the configured clients plus the portal's own client,
    /// whose secret is generated once and kept in the data dir (never logged or printed).
    pub fn caseapi_config(&self) -> Result<loket_caseapi::Config, StartError> {
        let mut clients = self.zgw_clients.clone();
        clients.push(ClientCredentials {
            client_id: PORTAL_CLIENT_ID.into(),
            secret: portal_client_secret(&self.data_dir)?,
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

/// Reads the portal client's secret from `<data dir>/zgw-portal-secret`, creating it (random,
/// owner-readable only) on first start.
fn portal_client_secret(data_dir: &Path) -> Result<String, StartError> {
    let path = data_dir.join("zgw-portal-secret");
    let io = |source| StartError::DataDir {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(&path) {
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
    write_private(&path, &secret).map_err(io)?;
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
