//! The `uploads` table: one row per upload, owned by a resident (by BSN, like requests).

use loket_api::upload::{Upload, UploadState};
use sqlx::Row as _;

use crate::portal::error::PortalError;
use crate::portal::store::{now_rfc3339, PortalStore};

/// An upload with what only the server needs.
#[derive(Debug, Clone)]
pub struct StoredUpload {
    pub upload: Upload,
    pub owner_bsn: String,
    pub draft_id: Option<String>,
    pub zaak_url: Option<String>,
    pub informatieobjecttype: String,
    pub formaat: String,
    pub document_url: Option<String>,
    pub document_lock: Option<String>,
    pub uploaded_by: String,
}

/// Columns in the order [`from_row`] reads them.
const COLUMNS: &str = "id, file_name, document_type_id, document_type_title, size_bytes, \
    received_bytes, state, created_at, owner_bsn, draft_id, zaak_url, informatieobjecttype, \
    formaat, document_url, document_lock, uploaded_by";

fn from_row(row: &sqlx::any::AnyRow) -> Result<StoredUpload, PortalError> {
    let state: String = row.try_get("state")?;
    Ok(StoredUpload {
        upload: Upload {
            id: row.try_get("id")?,
            file_name: row.try_get("file_name")?,
            document_type_id: row.try_get("document_type_id")?,
            document_type_title: row.try_get("document_type_title")?,
            size_bytes: row.try_get::<i64, _>("size_bytes")? as u64,
            received_bytes: row.try_get::<i64, _>("received_bytes")? as u64,
            state: match state.as_str() {
                "receiving" => UploadState::Receiving,
                "received" => UploadState::Received,
                "stored" => UploadState::Stored,
                other => return Err(PortalError::internal(format!("upload state {other}"))),
            },
            created_at: row.try_get("created_at")?,
        },
        owner_bsn: row.try_get("owner_bsn")?,
        draft_id: row.try_get("draft_id")?,
        zaak_url: row.try_get("zaak_url")?,
        informatieobjecttype: row.try_get("informatieobjecttype")?,
        formaat: row.try_get("formaat")?,
        document_url: row.try_get("document_url")?,
        document_lock: row.try_get("document_lock")?,
        uploaded_by: row.try_get("uploaded_by")?,
    })
}

/// A new upload (state receiving, nothing received).
pub struct NewRow<'a> {
    pub id: &'a str,
    pub owner_bsn: &'a str,
    pub draft_id: Option<&'a str>,
    pub zaak_url: Option<&'a str>,
    pub document_type_id: &'a str,
    pub document_type_title: &'a str,
    pub informatieobjecttype: &'a str,
    pub file_name: &'a str,
    pub size_bytes: u64,
    pub uploaded_by: &'a str,
}

impl PortalStore {
    pub async fn insert_upload(&self, row: &NewRow<'_>) -> Result<(), PortalError> {
        // Microseconds: lists show uploads in the order they were added.
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        sqlx::query(
            "INSERT INTO uploads (id, owner_bsn, target, draft_id, zaak_url, document_type_id, \
             document_type_title, informatieobjecttype, file_name, size_bytes, received_bytes, \
             formaat, state, uploaded_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, '', 'receiving', $11, $12, $12)",
        )
        .bind(row.id)
        .bind(row.owner_bsn)
        .bind(if row.draft_id.is_some() {
            "draft"
        } else {
            "case"
        })
        .bind(row.draft_id)
        .bind(row.zaak_url)
        .bind(row.document_type_id)
        .bind(row.document_type_title)
        .bind(row.informatieobjecttype)
        .bind(row.file_name)
        .bind(row.size_bytes as i64)
        .bind(row.uploaded_by)
        .bind(now)
        .execute(self.db().writer())
        .await?;
        Ok(())
    }

    /// An upload of this owner; another resident's id is not found.
    pub async fn upload(
        &self,
        owner_bsn: &str,
        id: &str,
    ) -> Result<Option<StoredUpload>, PortalError> {
        let sql = format!("SELECT {COLUMNS} FROM uploads WHERE id = $1 AND owner_bsn = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(id)
            .bind(owner_bsn)
            .fetch_optional(self.db().reader())
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// An upload a staff member sent for a resident.
    pub async fn staff_upload(
        &self,
        username: &str,
        id: &str,
    ) -> Result<Option<StoredUpload>, PortalError> {
        let sql = format!("SELECT {COLUMNS} FROM uploads WHERE id = $1 AND uploaded_by = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(id)
            .bind(username)
            .fetch_optional(self.db().reader())
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// The uploads of a draft, oldest first.
    pub async fn draft_uploads(&self, draft_id: &str) -> Result<Vec<StoredUpload>, PortalError> {
        let sql =
            format!("SELECT {COLUMNS} FROM uploads WHERE draft_id = $1 ORDER BY created_at, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(draft_id)
            .fetch_all(self.db().reader())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// Uploads for a zaak that are not documents of it yet, oldest first.
    pub async fn pending_case_uploads(
        &self,
        zaak_url: &str,
    ) -> Result<Vec<StoredUpload>, PortalError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM uploads WHERE zaak_url = $1 AND state <> 'stored' \
             ORDER BY created_at, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(zaak_url)
            .fetch_all(self.db().reader())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// Complete uploads to a zaak (not a draft's, whose submission sends them) that have not
    /// reached it yet, for the background deliverer.
    pub async fn undelivered_uploads(&self) -> Result<Vec<StoredUpload>, PortalError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM uploads WHERE state = 'received' AND zaak_url IS NOT NULL \
             ORDER BY updated_at LIMIT 100"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .fetch_all(self.db().reader())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// Uploads still receiving that nobody touched since `before` (RFC 3339): abandoned.
    pub async fn abandoned_uploads(&self, before: &str) -> Result<Vec<String>, PortalError> {
        let rows = sqlx::query(
            "SELECT id FROM uploads WHERE state = 'receiving' AND updated_at < $1 LIMIT 1000",
        )
        .bind(before)
        .fetch_all(self.db().reader())
        .await?;
        rows.iter()
            .map(|r| r.try_get::<String, _>(0).map_err(PortalError::from))
            .collect()
    }

    pub async fn set_received_bytes(&self, id: &str, received: u64) -> Result<(), PortalError> {
        sqlx::query("UPDATE uploads SET received_bytes = $1, updated_at = $2 WHERE id = $3")
            .bind(received as i64)
            .bind(now_rfc3339())
            .bind(id)
            .execute(self.db().writer())
            .await?;
        Ok(())
    }

    pub async fn mark_upload_received(&self, id: &str, formaat: &str) -> Result<(), PortalError> {
        sqlx::query(
            "UPDATE uploads SET state = 'received', formaat = $1, updated_at = $2 WHERE id = $3",
        )
        .bind(formaat)
        .bind(now_rfc3339())
        .bind(id)
        .execute(self.db().writer())
        .await?;
        Ok(())
    }

    /// The zaak a draft's uploads go to, once the submission created it.
    pub async fn set_upload_zaak(&self, id: &str, zaak_url: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE uploads SET zaak_url = $1, updated_at = $2 WHERE id = $3")
            .bind(zaak_url)
            .bind(now_rfc3339())
            .bind(id)
            .execute(self.db().writer())
            .await?;
        Ok(())
    }

    pub async fn set_upload_document(
        &self,
        id: &str,
        document_url: &str,
        lock: &str,
    ) -> Result<(), PortalError> {
        sqlx::query(
            "UPDATE uploads SET document_url = $1, document_lock = $2, updated_at = $3 \
             WHERE id = $4",
        )
        .bind(document_url)
        .bind(lock)
        .bind(now_rfc3339())
        .bind(id)
        .execute(self.db().writer())
        .await?;
        Ok(())
    }

    pub async fn mark_upload_stored(&self, id: &str) -> Result<(), PortalError> {
        sqlx::query(
            "UPDATE uploads SET state = 'stored', document_lock = NULL, updated_at = $1 \
             WHERE id = $2",
        )
        .bind(now_rfc3339())
        .bind(id)
        .execute(self.db().writer())
        .await?;
        Ok(())
    }

    /// Deletes an upload that is not stored in a case; false when there was none.
    pub async fn delete_upload(&self, id: &str) -> Result<bool, PortalError> {
        let done = sqlx::query("DELETE FROM uploads WHERE id = $1 AND state <> 'stored'")
            .bind(id)
            .execute(self.db().writer())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Marks the oldest open task on the zaak that asks for this document type as done.
    pub async fn complete_document_task(
        &self,
        zaak_url: &str,
        document_type_title: &str,
    ) -> Result<(), PortalError> {
        let open = sqlx::query(
            "SELECT id FROM case_tasks WHERE zaak_url = $1 AND document_type = $2 \
             AND done_at IS NULL ORDER BY requested_at LIMIT 1",
        )
        .bind(zaak_url)
        .bind(document_type_title)
        .fetch_optional(self.db().reader())
        .await?;
        if let Some(row) = open {
            let id: String = row.try_get(0)?;
            sqlx::query("UPDATE case_tasks SET done_at = $1 WHERE id = $2 AND done_at IS NULL")
                .bind(now_rfc3339())
                .bind(id)
                .execute(self.db().writer())
                .await?;
        }
        Ok(())
    }
}
