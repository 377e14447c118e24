//! Acting on behalf of a caller (KCC): start, fill in and submit a request for a resident who
//! phones or comes to the desk. The request is the resident's own — it uses the same drafts
//! and the same exactly-once submission — with the channel and the staff member recorded.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use loket_api::staff::{OnBehalfStart, StaffRole};
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::{Draft, DraftUpdate, FieldError, FieldErrorCode, Submission};

use super::session::StaffSession;
use crate::portal::error::PortalError;
use crate::portal::store::{RequestState, StoredRequest};
use crate::portal::Portal;

/// An on-behalf request, or 404.
async fn request(portal: &Portal, id: &str) -> Result<StoredRequest, PortalError> {
    portal
        .store
        .on_behalf_request(id)
        .await?
        .ok_or(PortalError::NotFound)
}

/// `POST /api/staff/on-behalf`.
pub async fn start(
    State(portal): State<Portal>,
    staff: StaffSession,
    Json(body): Json<OnBehalfStart>,
) -> Result<(StatusCode, Json<Draft>), PortalError> {
    staff.require(&[StaffRole::Kcc])?;
    let bsn = normalise_bsn(&body.bsn);
    if !is_valid_bsn(&bsn) {
        return Err(PortalError::Invalid(vec![FieldError::new(
            "bsn",
            FieldErrorCode::InvalidBsn,
        )]));
    }
    let info = match portal
        .catalogue
        .product(&portal.zgw, &body.product_id)
        .await
    {
        Err(PortalError::NotFound) => return Err(PortalError::ProductUnavailable),
        other => other?,
    };
    let draft = crate::portal::drafts::new_draft(&portal, &info, &bsn).await?;
    portal
        .staff
        .log_access(
            &staff.member.username,
            "start_on_behalf",
            &bsn,
            "",
            "",
            &format!("Aanvraag namens inwoner ({})", body.channel.as_str()),
        )
        .await?;
    portal
        .store
        .create_draft_via(
            &bsn,
            "",
            &draft,
            body.channel.as_str(),
            &staff.member.username,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

/// `GET /api/staff/on-behalf/{id}`.
pub async fn get(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
) -> Result<Json<Draft>, PortalError> {
    staff.require(&[StaffRole::Kcc])?;
    let request = request(&portal, &id).await?;
    if request.state == RequestState::Submitted {
        return Err(PortalError::NotFound);
    }
    Ok(Json(request.draft))
}

/// `PUT /api/staff/on-behalf/{id}`.
pub async fn update(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    Json(update): Json<DraftUpdate>,
) -> Result<Json<Draft>, PortalError> {
    staff.require(&[StaffRole::Kcc])?;
    let existing = request(&portal, &id).await?;
    crate::portal::drafts::check_update(&update)?;
    if !portal
        .store
        .update_draft(
            &existing.owner_bsn,
            &id,
            &update.answers,
            &update.contact,
            &update.step,
        )
        .await?
    {
        return Err(PortalError::InProgress);
    }
    Ok(Json(request(&portal, &id).await?.draft))
}

/// `POST /api/staff/on-behalf/{id}/submit` (with an Idempotency-Key).
pub async fn submit(
    State(portal): State<Portal>,
    staff: StaffSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Submission>), PortalError> {
    staff.require(&[StaffRole::Kcc])?;
    let existing = request(&portal, &id).await?;
    let (status, submission) =
        crate::portal::submit::submit_request(&portal, &existing.owner_bsn, &id, &headers).await?;
    portal
        .staff
        .log_access(
            &staff.member.username,
            "submit_on_behalf",
            &existing.owner_bsn,
            &submission.identificatie,
            "",
            &format!("Aanvraag namens inwoner ({})", existing.channel),
        )
        .await?;
    Ok((status, submission))
}
