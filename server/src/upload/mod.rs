//! Document uploads: residents send files (during an application or to an open case); the
//! portal receives them resumably in chunks onto disk, checks them by content, scans them for
//! viruses and streams them into the Documenten API with the large-file flow (bestandsdelen).
//! Downloads stream back through the portal after an ownership check.
//!
//! A file is never held in memory: request bodies are written to disk chunk by chunk, the
//! scanner and the case API read it back from disk in chunks.

pub mod deliver;
pub mod download;
pub mod receive;
pub mod rules;
pub mod scan;
pub mod store;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::routing::{get, post};
use axum::Router;

use crate::portal::Portal;

/// Where uploads are kept while they arrive, and the scanner; shared by all handlers.
#[derive(Clone)]
pub struct Uploads {
    dir: PathBuf,
    scanner: Option<scan::Scanner>,
    /// Uploads a request is writing or delivering right now: one at a time per upload (a
    /// second PATCH of the same upload gets 409 and reads the state again).
    busy: Arc<Mutex<HashSet<String>>>,
}

/// Holds an upload as busy until dropped.
pub struct BusyGuard {
    busy: Arc<Mutex<HashSet<String>>>,
    id: String,
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        if let Ok(mut busy) = self.busy.lock() {
            busy.remove(&self.id);
        }
    }
}

impl Uploads {
    /// `dir` is created when missing; `scanner` = ClamAV, when configured.
    pub fn new(dir: PathBuf, scanner: Option<scan::Scanner>) -> std::io::Result<Uploads> {
        std::fs::create_dir_all(&dir)?;
        Ok(Uploads {
            dir,
            scanner,
            busy: Arc::default(),
        })
    }

    /// The file of an upload (ids are UUIDs the server made, checked by the caller).
    pub fn path(&self, id: &uuid::Uuid) -> PathBuf {
        self.dir.join(id.to_string())
    }

    /// Marks the upload busy, or `None` when another request has it.
    pub fn claim(&self, id: &str) -> Option<BusyGuard> {
        let mut busy = self.busy.lock().ok()?;
        busy.insert(id.to_owned()).then(|| BusyGuard {
            busy: self.busy.clone(),
            id: id.to_owned(),
        })
    }

    pub fn scanner(&self) -> Option<&scan::Scanner> {
        self.scanner.as_ref()
    }

    /// Removes an upload's file (gone already is fine).
    pub async fn remove_file(&self, id: &uuid::Uuid) {
        if let Err(error) = tokio::fs::remove_file(self.path(id)).await {
            if error.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(%error, upload = %id, "could not remove an upload's file");
            }
        }
    }
}

/// The `/api` routes of uploads and downloads.
pub fn routes() -> Router<Portal> {
    Router::new()
        .route("/api/uploads", post(receive::create))
        .route(
            "/api/uploads/{id}",
            get(receive::get)
                .patch(receive::append)
                .delete(receive::delete),
        )
        .route("/api/drafts/{id}/uploads", get(receive::list_for_draft))
        .route(
            "/api/cases/{id}/documents/{document}",
            get(download::download),
        )
        .route("/api/staff/uploads", post(receive::staff_create))
        .route(
            "/api/staff/uploads/{id}",
            get(receive::staff_get)
                .patch(receive::staff_append)
                .delete(receive::staff_delete),
        )
        .route(
            "/api/staff/cases/{id}/documents/{document}",
            get(download::staff_download),
        )
}

/// Background work, once a minute: deliver complete uploads whose case system was down, and
/// drop uploads abandoned halfway for a week.
pub async fn housekeeping(portal: &Portal) {
    deliver::deliver_pending(portal).await;
    let week_ago = (chrono::Utc::now() - chrono::Duration::days(7))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match portal.store.abandoned_uploads(&week_ago).await {
        Ok(ids) => {
            for id in ids {
                if let Ok(uuid) = uuid::Uuid::parse_str(&id) {
                    if portal.store.delete_upload(&id).await.unwrap_or(false) {
                        portal.uploads.remove_file(&uuid).await;
                    }
                }
            }
        }
        Err(error) => tracing::warn!(%error, "could not list abandoned uploads"),
    }
}
