//! Downloading a document of one's own case, streamed from the Documenten API through the
//! portal (the browser never talks to the case API and never holds its credentials).
//!
//! Ownership: the case must be the resident's (initiator rol with their BSN) and the document
//! must be linked to that very case and not confidential beyond what residents see. Any other
//! combination — another resident's case, a document of another case, an unknown id — is the
//! same 404.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::Response;
use loket_api::upload::{sanitise_file_name, FileKind, ALL_KINDS};
use zgw::client::query_value;

use crate::portal::cases::{text, HIDDEN_CONFIDENTIALITY};
use crate::portal::error::PortalError;
use crate::portal::session::{resident_actor, ResidentSession};
use crate::portal::Portal;
use crate::staff::session::StaffSession;
use loket_api::staff::StaffRole;

/// A whole download may take this long (2 GiB on a slow phone connection).
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// `GET /api/cases/{id}/documents/{document}`.
pub async fn download(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path((case_id, document_id)): Path<(String, String)>,
) -> Result<Response, PortalError> {
    let zaak = crate::portal::cases::owned_zaak_of(&portal, &session.bsn, &case_id).await?;
    let actor = resident_actor(&portal.pseudonym_salt, &session.bsn);
    stream_document(&portal, &actor, &zaak, &document_id).await
}

/// `GET /api/staff/cases/{id}/documents/{document}` (kcc, behandelaar): the same, for staff
/// helping a caller; every download is in the access log.
pub async fn staff_download(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path((case_id, document_id)): Path<(String, String)>,
) -> Result<Response, PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    let zaak = crate::staff::cases::zaak(&portal, &staff, &case_id).await?;
    portal
        .staff
        .log_access(
            &staff.member.username,
            "download_document",
            &crate::staff::cases::initiator_bsn(&zaak),
            &text(&zaak["identificatie"]),
            &text(&zaak["url"]),
            "Inzage zaak",
        )
        .await?;
    stream_document(&portal, &staff.actor(), &zaak, &document_id).await
}

/// Streams a document of `zaak` — only if it is linked to that zaak and not confidential.
async fn stream_document(
    portal: &Portal,
    actor: &zgw::client::Actor,
    zaak: &serde_json::Value,
    document_id: &str,
) -> Result<Response, PortalError> {
    let document_uuid = uuid::Uuid::parse_str(document_id).map_err(|_| PortalError::NotFound)?;
    let actor = actor.clone();
    let zgw = &portal.zgw;
    let links = zgw
        .list_all(
            &actor,
            &zgw.zaken(&format!(
                "/zaakinformatieobjecten?zaak={}",
                query_value(&text(&zaak["url"]))
            )),
            10,
        )
        .await?;
    let document_url = links
        .iter()
        .map(|link| text(&link["informatieobject"]))
        .find(|url| crate::portal::catalogue::uuid_of(url) == document_uuid.to_string())
        .ok_or(PortalError::NotFound)?;
    let document = zgw.get(&actor, &document_url).await?;
    if HIDDEN_CONFIDENTIALITY.contains(
        &document["vertrouwelijkheidaanduiding"]
            .as_str()
            .unwrap_or_default(),
    ) {
        return Err(PortalError::NotFound);
    }
    let file_name = sanitise_file_name(&text(&document["bestandsnaam"]));
    let upstream = zgw
        .get_stream(
            &actor,
            &format!("{document_url}/download"),
            DOWNLOAD_TIMEOUT,
        )
        .await?;
    let length = upstream.content_length();
    let mut response = Response::builder()
        .header(
            header::CONTENT_TYPE,
            safe_media_type(&text(&document["formaat"])),
        )
        .header(header::CONTENT_DISPOSITION, content_disposition(&file_name))
        .header(header::CACHE_CONTROL, "no-store")
        // Even if a browser were to render it, it runs nothing and reaches nothing.
        .header(
            header::CONTENT_SECURITY_POLICY,
            "sandbox; default-src 'none'",
        );
    if let Some(length) = length {
        response = response.header(header::CONTENT_LENGTH, length);
    }
    tracing::info!(document = %document_uuid, "document downloaded");
    response
        .body(Body::from_stream(upstream.bytes_stream()))
        .map_err(PortalError::internal)
}

/// The stored `formaat` when it is one Loket itself accepts, else a plain byte stream (a
/// provider's document could claim `text/html`; it is never served as such).
fn safe_media_type(formaat: &str) -> &'static str {
    ALL_KINDS
        .iter()
        .flat_map(|kind| office_names(*kind))
        .map(|(kind, name)| kind.media_type(name))
        .find(|media_type| *media_type == formaat)
        .unwrap_or("application/octet-stream")
}

/// Each kind with a file name that yields each of its media types.
fn office_names(kind: FileKind) -> Vec<(FileKind, &'static str)> {
    match kind {
        FileKind::Office => ["a.docx", "a.xlsx", "a.pptx", "a.odt", "a.ods", "a.odp"]
            .into_iter()
            .map(|name| (kind, name))
            .collect(),
        _ => vec![(kind, "")],
    }
}

/// `attachment` with an ASCII fallback name and the real name in RFC 5987 form.
fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_media_types_are_passed_on() {
        assert_eq!(safe_media_type("application/pdf"), "application/pdf");
        assert_eq!(
            safe_media_type("application/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text"
        );
        assert_eq!(safe_media_type("text/html"), "application/octet-stream");
        assert_eq!(safe_media_type(""), "application/octet-stream");
    }

    #[test]
    fn file_names_are_quoted_safely() {
        assert_eq!(
            content_disposition("scan 1.pdf"),
            "attachment; filename=\"scan 1.pdf\"; filename*=UTF-8''scan%201.pdf"
        );
        assert_eq!(
            content_disposition("été.jpg"),
            "attachment; filename=\"_t_.jpg\"; filename*=UTF-8''%C3%A9t%C3%A9.jpg"
        );
    }
}
