//! Tasks for residents: a behandelaar asks for an extra document; the resident sees the
//! request on the case page (stored by the portal, keyed by the zaak URL).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use loket_api::staff::{NewDocumentRequest, StaffRole};
use loket_api::{CaseTask, FieldError, FieldErrorCode};
use sqlx::Row as _;

use super::session::StaffSession;
use crate::portal::cases::text;
use crate::portal::catalogue::uuid_of;
use crate::portal::error::PortalError;
use crate::portal::store::{now_rfc3339, PortalStore};
use crate::portal::Portal;

/// The tasks on a zaak, open ones first, then by date.
pub async fn tasks_of(store: &PortalStore, zaak_url: &str) -> Result<Vec<CaseTask>, PortalError> {
    let rows = sqlx::query(
        "SELECT id, text, document_type, requested_at, done_at FROM case_tasks \
         WHERE zaak_url = $1 ORDER BY requested_at",
    )
    .bind(zaak_url)
    .fetch_all(store.db().reader())
    .await?;
    let mut tasks = rows
        .iter()
        .map(|row| {
            let document_type: String = row.try_get("document_type")?;
            Ok(CaseTask {
                id: row.try_get("id")?,
                text: row.try_get("text")?,
                document_type: (!document_type.is_empty()).then_some(document_type),
                requested_at: row.try_get("requested_at")?,
                done_at: row.try_get("done_at")?,
            })
        })
        .collect::<Result<Vec<_>, PortalError>>()?;
    tasks.sort_by_key(|t| t.done_at.is_some());
    Ok(tasks)
}

/// `POST /api/staff/cases/{id}/document-requests` (behandelaar).
pub async fn request_document(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    Json(body): Json<NewDocumentRequest>,
) -> Result<StatusCode, PortalError> {
    staff.require(&[StaffRole::Behandelaar])?;
    let request_text = super::cases::bounded("text", &body.text, 1000, true)?;
    let zaak = super::cases::zaak(&portal, &staff, &id).await?;
    if !zaak["einddatum"].is_null() {
        return Err(PortalError::BadRequest("case is closed".into()));
    }
    let info = portal
        .catalogue
        .zaaktype(&portal.zgw, &text(&zaak["zaaktype"]))
        .await?;
    let document_type = match body.document_type_id.as_deref().filter(|s| !s.is_empty()) {
        Some(type_id) => info
            .product
            .documents
            .iter()
            .find(|d| d.id == type_id)
            .map(|d| d.title.clone())
            .ok_or_else(|| {
                PortalError::Invalid(vec![FieldError::new(
                    "document_type_id",
                    FieldErrorCode::NotAnOption,
                )])
            })?,
        None => String::new(),
    };
    let zaak_url = text(&zaak["url"]);
    let bsn = super::cases::initiator_bsn(&zaak);
    portal
        .staff
        .log_access(
            &staff.member.username,
            "request_document",
            &bsn,
            &text(&zaak["identificatie"]),
            &zaak_url,
            "Behandeling zaak",
        )
        .await?;
    let task_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO case_tasks (id, zaak_url, text, document_type, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&task_id)
    .bind(&zaak_url)
    .bind(&request_text)
    .bind(&document_type)
    .bind(&staff.member.username)
    .bind(now_rfc3339())
    .execute(portal.store.db().writer())
    .await?;
    tracing::info!(
        zaak = uuid_of(&zaak_url),
        "document requested from resident"
    );
    // The task is recorded; the e-mail about it is best effort (the case page shows it).
    if let Err(error) = crate::notify::process::queue_document_request(
        &portal,
        &zaak,
        &task_id,
        &request_text,
        &document_type,
    )
    .await
    {
        tracing::warn!(%error, "document request e-mail not queued");
    }
    Ok(StatusCode::CREATED)
}
