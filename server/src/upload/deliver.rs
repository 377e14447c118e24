//! Delivering a received upload into the case: an enkelvoudiginformatieobject created with the
//! large-file flow (bestandsdelen, each streamed from disk), unlocked, and linked to the zaak.
//!
//! Every step is recorded or found again, so a crash, a timeout or a provider outage never
//! leaves a duplicate document: the document carries the identificatie `LOKET-<upload id>`
//! and is looked up by it before one is created; parts already `voltooid` are not sent again;
//! the link is looked for before it is made.

use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};
use zgw::client::{query_value, Actor};

use super::store::StoredUpload;
use crate::portal::cases::text;
use crate::portal::error::PortalError;
use crate::portal::session::resident_actor;
use crate::portal::Portal;

/// One bestandsdeel may take this long (100 MiB over a slow link to the provider).
const PART_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// The document's identificatie: unique per upload, ≤ 40 characters.
pub fn identificatie(upload_id: &str) -> String {
    format!("LOKET-{}", upload_id.replace('-', ""))
}

/// Who the case API's audit trail names for an upload.
fn actor(portal: &Portal, upload: &StoredUpload) -> Actor {
    if upload.uploaded_by.is_empty() {
        resident_actor(&portal.pseudonym_salt, &upload.owner_bsn)
    } else {
        Actor {
            user_id: format!("medewerker:{}", upload.uploaded_by),
            user_representation: format!("{} namens de inwoner", upload.uploaded_by),
        }
    }
}

/// Delivers one received upload whose zaak is known; marks it stored and removes the file.
pub async fn deliver(portal: &Portal, upload: &StoredUpload) -> Result<(), PortalError> {
    let _busy = portal
        .uploads
        .claim(&upload.upload.id)
        .ok_or_else(|| PortalError::Conflict("upload busy".into()))?;
    deliver_claimed(portal, upload).await
}

/// [`deliver`] for a caller that already holds the upload's busy claim.
pub async fn deliver_claimed(portal: &Portal, upload: &StoredUpload) -> Result<(), PortalError> {
    let zaak_url = upload
        .zaak_url
        .clone()
        .ok_or_else(|| PortalError::internal("upload without zaak"))?;
    let uuid = uuid::Uuid::parse_str(&upload.upload.id).map_err(PortalError::internal)?;
    let zgw = &portal.zgw;
    let actor = actor(portal, upload);
    let zaak = zgw.get(&actor, &zaak_url).await?;
    let bronorganisatie = text(&zaak["bronorganisatie"]);

    let (document_url, lock) = match &upload.document_url {
        Some(url) => (
            url.clone(),
            upload.document_lock.clone().unwrap_or_default(),
        ),
        None => ensure_document(portal, upload, &actor, &bronorganisatie).await?,
    };

    let document = zgw.get(&actor, &document_url).await?;
    if document["locked"].as_bool().unwrap_or(false) {
        if lock.is_empty() {
            return Err(PortalError::internal(
                "document locked by an attempt whose lock was not recorded",
            ));
        }
        send_parts(portal, &actor, &uuid, upload, &document, &lock).await?;
        // 204 No Content.
        zgw.request(
            &actor,
            reqwest::Method::POST,
            &format!("{document_url}/unlock"),
            Some(&json!({ "lock": lock })),
        )
        .await?;
    }

    let links = zgw
        .list_all(
            &actor,
            &zgw.zaken(&format!(
                "/zaakinformatieobjecten?zaak={}&informatieobject={}",
                query_value(&zaak_url),
                query_value(&document_url)
            )),
            2,
        )
        .await?;
    if links.is_empty() {
        zgw.post(
            &actor,
            &zgw.zaken("/zaakinformatieobjecten"),
            &json!({
                "zaak": zaak_url,
                "informatieobject": document_url,
                "titel": upload.upload.file_name.chars().take(200).collect::<String>(),
                "beschrijving": format!("{} (ingestuurd via Loket)", upload.upload.document_type_title),
            }),
        )
        .await?;
    }
    portal.store.mark_upload_stored(&upload.upload.id).await?;
    portal.uploads.remove_file(&uuid).await;
    portal
        .store
        .complete_document_task(&zaak_url, &upload.upload.document_type_title)
        .await?;
    tracing::info!(upload = %uuid, "upload stored in the case");
    Ok(())
}

/// The upload's document: found by its identificatie (a crashed attempt made it), or new.
async fn ensure_document(
    portal: &Portal,
    upload: &StoredUpload,
    actor: &Actor,
    bronorganisatie: &str,
) -> Result<(String, String), PortalError> {
    let zgw = &portal.zgw;
    let identificatie = identificatie(&upload.upload.id);
    let found = zgw
        .list_all(
            actor,
            &zgw.documenten(&format!(
                "/enkelvoudiginformatieobjecten?bronorganisatie={}&identificatie={identificatie}",
                query_value(bronorganisatie)
            )),
            2,
        )
        .await?;
    if let Some(document) = found.first() {
        let url = text(&document["url"]);
        portal
            .store
            .set_upload_document(&upload.upload.id, &url, "")
            .await?;
        return Ok((url, String::new()));
    }
    let today = chrono::Utc::now().date_naive().to_string();
    let created = zgw
        .post(
            actor,
            &zgw.documenten("/enkelvoudiginformatieobjecten"),
            &json!({
                "identificatie": identificatie,
                "bronorganisatie": bronorganisatie,
                "creatiedatum": today,
                "ontvangstdatum": today,
                "titel": upload.upload.file_name.chars().take(200).collect::<String>(),
                "vertrouwelijkheidaanduiding": "vertrouwelijk",
                "auteur": "Inwoner (via Loket)",
                "formaat": upload.formaat,
                "taal": "nld",
                "bestandsnaam": upload.upload.file_name,
                "bestandsomvang": upload.upload.size_bytes,
                "inhoud": Value::Null,
                "informatieobjecttype": upload.informatieobjecttype,
                "beschrijving": upload.upload.document_type_title,
                // Residents grant no re-use rights; the field must be set before a zaak can close.
                "indicatieGebruiksrecht": false,
            }),
        )
        .await?;
    let url = text(&created["url"]);
    let lock = text(&created["lock"]);
    portal
        .store
        .set_upload_document(&upload.upload.id, &url, &lock)
        .await?;
    Ok((url, lock))
}

/// Sends every part that is not complete yet, each streamed from its place in the file.
async fn send_parts(
    portal: &Portal,
    actor: &Actor,
    uuid: &uuid::Uuid,
    upload: &StoredUpload,
    document: &Value,
    lock: &str,
) -> Result<(), PortalError> {
    let mut parts: Vec<&Value> = document["bestandsdelen"]
        .as_array()
        .map(|parts| parts.iter().collect())
        .unwrap_or_default();
    parts.sort_by_key(|p| p["volgnummer"].as_u64().unwrap_or_default());
    let path = portal.uploads.path(uuid);
    let mut offset = 0u64;
    for part in parts {
        let omvang = part["omvang"].as_u64().unwrap_or_default();
        if !part["voltooid"].as_bool().unwrap_or(false) {
            let mut file = tokio::fs::File::open(&path)
                .await
                .map_err(PortalError::internal)?;
            file.seek(std::io::SeekFrom::Start(offset))
                .await
                .map_err(PortalError::internal)?;
            let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::with_capacity(
                file.take(omvang),
                64 * 1024,
            ));
            let form = reqwest::multipart::Form::new()
                .text("lock", lock.to_owned())
                .part(
                    "inhoud",
                    reqwest::multipart::Part::stream_with_length(body, omvang)
                        .file_name(upload.upload.file_name.clone())
                        .mime_str("application/octet-stream")
                        .map_err(PortalError::internal)?,
                );
            portal
                .zgw
                .put_multipart(actor, &text(&part["url"]), form, PART_TIMEOUT)
                .await?;
        }
        offset += omvang;
    }
    Ok(())
}

/// A submitted request's uploads go into its zaak (called by the submission, before the
/// initiator rol makes the zaak the resident's). Uploads still receiving are left out — the
/// submit refuses while any is, so only an abandoned one can be.
pub async fn deliver_draft_uploads(
    portal: &Portal,
    draft_id: &str,
    zaak_url: &str,
) -> Result<(), PortalError> {
    for upload in portal.store.draft_uploads(draft_id).await? {
        if upload.upload.state != loket_api::upload::UploadState::Received {
            continue;
        }
        if upload.zaak_url.is_none() {
            portal
                .store
                .set_upload_zaak(&upload.upload.id, zaak_url)
                .await?;
        }
        let upload = portal
            .store
            .upload(&upload.owner_bsn, &upload.upload.id)
            .await?
            .ok_or(PortalError::NotFound)?;
        deliver(portal, &upload).await?;
    }
    Ok(())
}

/// Background: delivers complete case uploads that could not be delivered at once.
pub async fn deliver_pending(portal: &Portal) {
    let pending = match portal.store.undelivered_uploads().await {
        Ok(pending) => pending,
        Err(error) => {
            tracing::warn!(%error, "could not list undelivered uploads");
            return;
        }
    };
    for upload in pending {
        // A draft's uploads wait for their submission, which delivers them itself.
        if upload.draft_id.is_some() {
            continue;
        }
        if let Err(error) = deliver(portal, &upload).await {
            tracing::warn!(upload = %upload.upload.id, %error, "delivering an upload failed; retrying later");
        }
    }
}
