//! Receiving uploads: announce (`POST`), send bytes from an offset (`PATCH`, resumable), look
//! (`GET`), cancel (`DELETE`). The contract is in `loket_api::upload`.

use std::io::SeekFrom;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use futures_util::StreamExt as _;
use loket_api::upload::{
    sanitise_file_name, NewUpload, Upload, UploadState, UploadTarget, SNIFF_BYTES,
    UPLOAD_OFFSET_HEADER,
};
use loket_api::{DocumentType, FieldError, FieldErrorCode};
use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _, AsyncWriteExt as _};

use super::scan::Verdict;
use super::store::{NewRow, StoredUpload};
use crate::portal::cases::text;
use crate::portal::error::PortalError;
use crate::portal::session::ResidentSession;
use crate::portal::store::RequestState;
use crate::portal::Portal;
use crate::staff::session::StaffSession;
use loket_api::staff::StaffRole;

/// The field errors of an upload belong to its file input.
const FIELD: &str = "file";
/// Most uploads one draft or case may hold at once (a runaway script must not fill the disk).
const MAX_UPLOADS_PER_TARGET: usize = 50;
/// Received bytes are recorded at least this often, so a crash loses little.
const RECORD_EVERY: u64 = 8 * 1024 * 1024;

fn invalid(code: FieldErrorCode) -> PortalError {
    PortalError::Invalid(vec![FieldError::new(FIELD, code)])
}

/// Where an announced upload goes: the draft or zaak, and its document type.
struct Destination {
    draft_id: Option<String>,
    zaak_url: Option<String>,
    document_type: DocumentType,
    informatieobjecttype: String,
    existing: usize,
}

async fn destination(
    portal: &Portal,
    owner_bsn: &str,
    target: &UploadTarget,
    document_type_id: &str,
) -> Result<Destination, PortalError> {
    let (info, draft_id, zaak_url, existing) = match target {
        UploadTarget::Draft(id) => {
            let request = portal
                .store
                .request(owner_bsn, id)
                .await?
                .ok_or(PortalError::NotFound)?;
            if request.state != RequestState::Draft {
                // Being submitted or sent: its documents are fixed now.
                return Err(PortalError::InProgress);
            }
            let info = portal
                .catalogue
                .product(&portal.zgw, &request.draft.product_id)
                .await?;
            let existing = portal.store.draft_uploads(id).await?.len();
            (info, Some(id.clone()), None, existing)
        }
        UploadTarget::Case(id) => {
            let zaak = crate::portal::cases::owned_zaak_of(portal, owner_bsn, id).await?;
            if !zaak["einddatum"].is_null() {
                return Err(PortalError::CaseClosed);
            }
            let info = portal
                .catalogue
                .zaaktype(&portal.zgw, &text(&zaak["zaaktype"]))
                .await?;
            let zaak_url = text(&zaak["url"]);
            let existing = portal.store.pending_case_uploads(&zaak_url).await?.len();
            (info, None, Some(zaak_url), existing)
        }
    };
    let (document_type, informatieobjecttype) = document_type_of(&info, document_type_id)?;
    Ok(Destination {
        draft_id,
        zaak_url,
        document_type,
        informatieobjecttype,
        existing,
    })
}

/// One of the zaaktype's incoming document types, with its informatieobjecttype URL.
fn document_type_of(
    info: &crate::portal::catalogue::ZaaktypeInfo,
    document_type_id: &str,
) -> Result<(DocumentType, String), PortalError> {
    let document_type = info
        .product
        .documents
        .iter()
        .find(|d| d.id == document_type_id)
        .cloned()
        .ok_or_else(|| {
            PortalError::Invalid(vec![FieldError::new(
                "document_type_id",
                FieldErrorCode::NotAnOption,
            )])
        })?;
    let informatieobjecttype = info
        .documenttypen
        .keys()
        .find(|url| crate::portal::catalogue::uuid_of(url) == document_type.id)
        .cloned()
        .ok_or_else(|| PortalError::internal("document type without URL"))?;
    Ok((document_type, informatieobjecttype))
}

/// Who sends an upload: a resident for themselves, or a staff member for a resident (paper
/// received at the desk or by post, scanned in). Each only ever sees their own uploads.
pub enum Uploader {
    Resident(String),
    Staff(String),
}

impl Uploader {
    fn resident(session: &ResidentSession) -> Uploader {
        Uploader::Resident(session.bsn.clone())
    }
}

/// `POST /api/uploads`: checks name, size and type before any byte is sent.
pub async fn create(
    State(portal): State<Portal>,
    session: ResidentSession,
    Json(body): Json<NewUpload>,
) -> Result<(StatusCode, Json<Upload>), PortalError> {
    let destination =
        destination(&portal, &session.bsn, &body.target, &body.document_type_id).await?;
    create_upload(
        &portal,
        &Uploader::resident(&session),
        &session.bsn,
        destination,
        &body,
    )
    .await
}

/// `POST /api/staff/uploads` (kcc, behandelaar): a document for a resident's open case, e.g.
/// received on paper. The resident stays its owner; the staff member is recorded as the one
/// who sent it, in the access log and the case API's audit trail.
pub async fn staff_create(
    State(portal): State<Portal>,
    staff: StaffSession,
    Json(body): Json<NewUpload>,
) -> Result<(StatusCode, Json<Upload>), PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    let UploadTarget::Case(case_id) = &body.target else {
        return Err(PortalError::BadRequest(
            "staff upload to a case only".into(),
        ));
    };
    let zaak = crate::staff::cases::zaak(&portal, &staff, case_id).await?;
    if !zaak["einddatum"].is_null() {
        return Err(PortalError::CaseClosed);
    }
    let owner_bsn = crate::staff::cases::initiator_bsn(&zaak);
    if owner_bsn.is_empty() {
        return Err(PortalError::BadRequest(
            "case without a resident initiator".into(),
        ));
    }
    let zaak_url = text(&zaak["url"]);
    let info = portal
        .catalogue
        .zaaktype(&portal.zgw, &text(&zaak["zaaktype"]))
        .await?;
    let (document_type, informatieobjecttype) = document_type_of(&info, &body.document_type_id)?;
    portal
        .staff
        .log_access(
            &staff.member.username,
            "upload_document",
            &owner_bsn,
            &text(&zaak["identificatie"]),
            &zaak_url,
            "Behandeling zaak",
        )
        .await?;
    let existing = portal.store.pending_case_uploads(&zaak_url).await?.len();
    let destination = Destination {
        draft_id: None,
        zaak_url: Some(zaak_url),
        document_type,
        informatieobjecttype,
        existing,
    };
    let who = Uploader::Staff(staff.member.username.clone());
    create_upload(&portal, &who, &owner_bsn, destination, &body).await
}

async fn create_upload(
    portal: &Portal,
    who: &Uploader,
    owner_bsn: &str,
    destination: Destination,
    body: &NewUpload,
) -> Result<(StatusCode, Json<Upload>), PortalError> {
    let file_name = sanitise_file_name(&body.file_name);
    if let Some(error) =
        destination
            .document_type
            .rule
            .check_announced(FIELD, &body.file_name, body.size_bytes)
    {
        return Err(PortalError::Invalid(vec![error]));
    }
    if destination.existing >= MAX_UPLOADS_PER_TARGET {
        return Err(PortalError::BadRequest("too many uploads".into()));
    }
    let id = uuid::Uuid::new_v4();
    tokio::fs::File::create(portal.uploads.path(&id))
        .await
        .map_err(PortalError::internal)?;
    let id_text = id.to_string();
    let uploaded_by = match who {
        Uploader::Resident(_) => "",
        Uploader::Staff(username) => username.as_str(),
    };
    portal
        .store
        .insert_upload(&NewRow {
            id: &id_text,
            owner_bsn,
            draft_id: destination.draft_id.as_deref(),
            zaak_url: destination.zaak_url.as_deref(),
            document_type_id: &destination.document_type.id,
            document_type_title: &destination.document_type.title,
            informatieobjecttype: &destination.informatieobjecttype,
            file_name: &file_name,
            size_bytes: body.size_bytes,
            uploaded_by,
        })
        .await?;
    tracing::info!(upload = %id, size = body.size_bytes, "upload announced");
    let stored = owned(portal, who, &id_text).await?.1;
    Ok((StatusCode::CREATED, Json(stored.upload)))
}

/// The uploader's own upload, or NotFound (anybody else's id included).
async fn owned(
    portal: &Portal,
    who: &Uploader,
    id: &str,
) -> Result<(uuid::Uuid, StoredUpload), PortalError> {
    let uuid = uuid::Uuid::parse_str(id).map_err(|_| PortalError::NotFound)?;
    let stored = match who {
        Uploader::Resident(bsn) => portal
            .store
            .upload(bsn, &uuid.to_string())
            .await?
            .filter(|u| u.uploaded_by.is_empty()),
        Uploader::Staff(username) => {
            portal
                .store
                .staff_upload(username, &uuid.to_string())
                .await?
        }
    };
    Ok((uuid, stored.ok_or(PortalError::NotFound)?))
}

/// `GET /api/uploads/{id}`: where an upload stands (how much arrived), e.g. to resume.
pub async fn get(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
) -> Result<Json<Upload>, PortalError> {
    Ok(Json(
        owned(&portal, &Uploader::resident(&session), &id)
            .await?
            .1
            .upload,
    ))
}

/// `GET /api/staff/uploads/{id}`.
pub async fn staff_get(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
) -> Result<Json<Upload>, PortalError> {
    let who = Uploader::Staff(staff.member.username.clone());
    Ok(Json(owned(&portal, &who, &id).await?.1.upload))
}

/// `GET /api/drafts/{id}/uploads`.
pub async fn list_for_draft(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
) -> Result<Json<Vec<Upload>>, PortalError> {
    portal
        .store
        .request(&session.bsn, &id)
        .await?
        .ok_or(PortalError::NotFound)?;
    let uploads = portal.store.draft_uploads(&id).await?;
    Ok(Json(uploads.into_iter().map(|u| u.upload).collect()))
}

/// `DELETE /api/uploads/{id}`: cancels an upload or takes it out of a draft. A document already
/// in the case stays (409): the case file is the municipality's record.
pub async fn delete(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
) -> Result<StatusCode, PortalError> {
    delete_upload(&portal, &Uploader::resident(&session), &id).await
}

/// `DELETE /api/staff/uploads/{id}`.
pub async fn staff_delete(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
) -> Result<StatusCode, PortalError> {
    delete_upload(
        &portal,
        &Uploader::Staff(staff.member.username.clone()),
        &id,
    )
    .await
}

async fn delete_upload(
    portal: &Portal,
    who: &Uploader,
    id: &str,
) -> Result<StatusCode, PortalError> {
    let (uuid, stored) = owned(portal, who, id).await?;
    if let Some(draft) = &stored.draft_id {
        let submitting = portal
            .store
            .request(&stored.owner_bsn, draft)
            .await?
            .is_some_and(|r| r.state != RequestState::Draft);
        if submitting {
            return Err(PortalError::InProgress);
        }
    }
    // Wait for nobody: a request writing it gets an error on its next record and stops.
    let _busy = portal
        .uploads
        .claim(&stored.upload.id)
        .ok_or_else(|| PortalError::Conflict("upload busy".into()))?;
    if !portal.store.delete_upload(&stored.upload.id).await? {
        return Err(PortalError::Conflict("already stored in the case".into()));
    }
    portal.uploads.remove_file(&uuid).await;
    tracing::info!(upload = %uuid, "upload cancelled");
    Ok(StatusCode::NO_CONTENT)
}

/// `PATCH /api/uploads/{id}` with `Upload-Offset`: appends the body at that offset. The body
/// is written to disk as it arrives; if the connection drops, what arrived is kept and
/// `GET` tells where to go on. When the last byte is in: content check, virus scan, and for a
/// case, delivery into the case API.
pub async fn append(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Upload>, PortalError> {
    append_bytes(&portal, &Uploader::resident(&session), &id, &headers, body).await
}

/// `PATCH /api/staff/uploads/{id}`.
pub async fn staff_append(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Upload>, PortalError> {
    let who = Uploader::Staff(staff.member.username.clone());
    append_bytes(&portal, &who, &id, &headers, body).await
}

async fn append_bytes(
    portal: &Portal,
    who: &Uploader,
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Json<Upload>, PortalError> {
    let portal = portal.clone();
    let (uuid, _) = owned(&portal, who, id).await?;
    let _busy = portal
        .uploads
        .claim(&uuid.to_string())
        .ok_or_else(|| PortalError::Conflict("upload busy".into()))?;
    // Read again under the claim: another request may just have finished.
    let (_, stored) = owned(&portal, who, id).await?;
    let offset: u64 = headers
        .get(UPLOAD_OFFSET_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| PortalError::BadRequest("Upload-Offset header required".into()))?;
    let upload = &stored.upload;
    if upload.state != UploadState::Receiving {
        // A repeated last chunk whose answer got lost: answer the same again.
        return if offset == upload.size_bytes {
            Ok(Json(stored.upload))
        } else {
            Err(PortalError::Conflict("upload complete".into()))
        };
    }
    if offset != upload.received_bytes {
        return Err(PortalError::Conflict(format!(
            "offset {offset}, received {}",
            upload.received_bytes
        )));
    }
    let path = portal.uploads.path(&uuid);
    let rule = super::rules::rule_for(
        &upload.document_type_title,
        portal.catalogue.upload_max_bytes(),
    );
    let mut file = tokio::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .await
        .map_err(PortalError::internal)?;
    // Bytes past the recorded offset (written just before a crash) are dropped.
    file.set_len(offset).await.map_err(PortalError::internal)?;
    file.seek(SeekFrom::Start(offset))
        .await
        .map_err(PortalError::internal)?;

    let mut received = offset;
    let mut recorded = offset;
    let mut checked = offset >= SNIFF_BYTES as u64;
    let mut interrupted = false;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            interrupted = true;
            break;
        };
        if received + chunk.len() as u64 > upload.size_bytes {
            file.flush().await.map_err(PortalError::internal)?;
            portal
                .store
                .set_received_bytes(&upload.id, received)
                .await?;
            return Err(PortalError::BadRequest(
                "more bytes than the announced size".into(),
            ));
        }
        file.write_all(&chunk)
            .await
            .map_err(PortalError::internal)?;
        received += chunk.len() as u64;
        if !checked && received >= (SNIFF_BYTES as u64).min(upload.size_bytes) {
            file.flush().await.map_err(PortalError::internal)?;
            if let Err(error) = check_head(&path, upload, &rule).await? {
                discard(&portal, &uuid).await?;
                return Err(PortalError::Invalid(vec![error]));
            }
            checked = true;
        }
        if received - recorded >= RECORD_EVERY {
            file.flush().await.map_err(PortalError::internal)?;
            portal
                .store
                .set_received_bytes(&upload.id, received)
                .await?;
            recorded = received;
        }
    }
    file.flush().await.map_err(PortalError::internal)?;
    if received != recorded {
        portal
            .store
            .set_received_bytes(&upload.id, received)
            .await?;
    }
    if interrupted {
        tracing::info!(upload = %uuid, received, "upload interrupted; resumable");
        return Err(PortalError::BadRequest("upload interrupted".into()));
    }
    if received == upload.size_bytes {
        file.sync_all().await.map_err(PortalError::internal)?;
        drop(file);
        finish(&portal, &uuid, &stored, &rule).await?;
    }
    Ok(Json(owned(&portal, who, id).await?.1.upload))
}

/// Reads the first bytes of the file and checks them against the rule.
async fn check_head(
    path: &std::path::Path,
    upload: &Upload,
    rule: &loket_api::upload::UploadRule,
) -> Result<Result<loket_api::upload::FileKind, FieldError>, PortalError> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    tokio::fs::File::open(path)
        .await
        .map_err(PortalError::internal)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .await
        .map_err(PortalError::internal)?;
    Ok(rule.check_content(FIELD, &head, &upload.file_name))
}

async fn discard(portal: &Portal, uuid: &uuid::Uuid) -> Result<(), PortalError> {
    portal.store.delete_upload(&uuid.to_string()).await?;
    portal.uploads.remove_file(uuid).await;
    Ok(())
}

/// The whole file is in: check its kind, scan it, hold it (draft) or deliver it (case).
/// The caller holds the upload's busy claim.
async fn finish(
    portal: &Portal,
    uuid: &uuid::Uuid,
    stored: &StoredUpload,
    rule: &loket_api::upload::UploadRule,
) -> Result<(), PortalError> {
    let path = portal.uploads.path(uuid);
    let kind = match check_head(&path, &stored.upload, rule).await? {
        Ok(kind) => kind,
        Err(error) => {
            discard(portal, uuid).await?;
            return Err(PortalError::Invalid(vec![error]));
        }
    };
    if let Some(scanner) = portal.uploads.scanner() {
        match scanner.scan_file(&path).await {
            Ok(Verdict::Clean) => {}
            Ok(Verdict::Infected(signature)) => {
                tracing::warn!(upload = %uuid, %signature, "infected upload refused and deleted");
                discard(portal, uuid).await?;
                return Err(invalid(FieldErrorCode::FileInfected));
            }
            Err(error) => {
                // Kept as received-but-unchecked: a retry (PATCH at the full size, empty body)
                // scans again, without sending the file again.
                tracing::warn!(upload = %uuid, %error, "virus scan failed");
                return Err(invalid(FieldErrorCode::FileScanFailed));
            }
        }
    }
    portal
        .store
        .mark_upload_received(&stored.upload.id, kind.media_type(&stored.upload.file_name))
        .await?;
    tracing::info!(upload = %uuid, size = stored.upload.size_bytes, "upload received");
    if stored.zaak_url.is_some() {
        // Into the case now; if the case system is down, the upload stays received and the
        // background deliverer retries — the resident's file is not lost either way.
        let stored = portal
            .store
            .upload(&stored.owner_bsn, &stored.upload.id)
            .await?
            .ok_or(PortalError::NotFound)?;
        if let Err(error) = super::deliver::deliver_claimed(portal, &stored).await {
            tracing::warn!(upload = %uuid, %error, "delivery to the case deferred");
        }
    }
    Ok(())
}
