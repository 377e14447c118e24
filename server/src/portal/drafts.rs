//! Drafts ("Mijn aanvragen in behandeling"): requests being filled in, stored server-side as
//! the resident goes, so they survive a closed tab and can be resumed on another device.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use loket_api::form::MAX_ANSWER_CHARS;
use loket_api::{Draft, DraftUpdate, FieldError, FieldErrorCode, NewDraft};

use super::catalogue::ZaaktypeInfo;
use super::error::PortalError;
use super::session::ResidentSession;
use super::store::now_rfc3339;
use super::Portal;

/// A draft holds at most this many answers (a form has a handful; this stops abuse).
const MAX_ANSWERS: usize = 200;
/// Longest step name the SPA may store.
const MAX_STEP_CHARS: usize = 100;

/// `GET /api/drafts`: the resident's unsent requests, newest first.
pub async fn list(
    State(portal): State<Portal>,
    session: ResidentSession,
) -> Result<Json<Vec<Draft>>, PortalError> {
    Ok(Json(portal.store.drafts(&session.bsn).await?))
}

/// `POST /api/drafts`: starts a request for a product, with the contact details the resident
/// gave last time already filled in.
pub async fn create(
    State(portal): State<Portal>,
    session: ResidentSession,
    Json(body): Json<NewDraft>,
) -> Result<(StatusCode, Json<Draft>), PortalError> {
    let info = match portal
        .catalogue
        .product(&portal.zgw, &body.product_id)
        .await
    {
        Err(PortalError::NotFound) => return Err(PortalError::ProductUnavailable),
        other => other?,
    };
    let draft = new_draft(&portal, &info, &session.bsn).await?;
    portal
        .store
        .create_draft(&session.bsn, &session.name, &draft)
        .await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

/// A fresh, empty request for a product, with the contact details this resident gave last
/// time (their own start, or KCC starting one for them).
pub async fn new_draft(
    portal: &Portal,
    info: &ZaaktypeInfo,
    owner_bsn: &str,
) -> Result<Draft, PortalError> {
    let now = now_rfc3339();
    Ok(Draft {
        id: uuid::Uuid::new_v4().to_string(),
        product_id: info.product.id.clone(),
        product_title: info.product.title.clone(),
        answers: Default::default(),
        contact: portal
            .store
            .last_contact(owner_bsn)
            .await?
            .unwrap_or_default(),
        step: String::new(),
        created_at: now.clone(),
        updated_at: now,
    })
}

/// `GET /api/drafts/{id}`.
pub async fn get(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
) -> Result<Json<Draft>, PortalError> {
    let request = portal
        .store
        .request(&session.bsn, &id)
        .await?
        .filter(|r| r.state != super::store::RequestState::Submitted)
        .ok_or(PortalError::NotFound)?;
    Ok(Json(request.draft))
}

/// Bounds on what a draft may hold; the form's own rules are only demanded at submit.
pub fn check_update(update: &DraftUpdate) -> Result<(), PortalError> {
    let mut errors: Vec<FieldError> = update
        .answers
        .iter()
        .filter(|(_, v)| v.chars().count() > MAX_ANSWER_CHARS)
        .map(|(k, _)| FieldError::new(k, FieldErrorCode::TooLong))
        .collect();
    for (field, value) in [
        ("email", &update.contact.email),
        ("phone", &update.contact.phone),
    ] {
        if value.chars().count() > 254 {
            errors.push(FieldError::new(field, FieldErrorCode::TooLong));
        }
    }
    if update.step.chars().count() > MAX_STEP_CHARS {
        errors.push(FieldError::new("step", FieldErrorCode::TooLong));
    }
    if update.answers.len() > MAX_ANSWERS {
        return Err(PortalError::BadRequest("too many answers".into()));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(PortalError::Invalid(errors))
    }
}

/// `PUT /api/drafts/{id}`: saves what the resident filled in so far.
pub async fn update(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
    Json(update): Json<DraftUpdate>,
) -> Result<Json<Draft>, PortalError> {
    check_update(&update)?;
    let saved = portal
        .store
        .update_draft(
            &session.bsn,
            &id,
            &update.answers,
            &update.contact,
            &update.step,
        )
        .await?;
    let request = portal
        .store
        .request(&session.bsn, &id)
        .await?
        .ok_or(PortalError::NotFound)?;
    if !saved {
        // It exists but is being (or has been) submitted: its answers are frozen.
        return Err(if request.state == super::store::RequestState::Submitted {
            PortalError::NotFound
        } else {
            PortalError::InProgress
        });
    }
    Ok(Json(request.draft))
}

/// `DELETE /api/drafts/{id}`.
pub async fn delete(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
) -> Result<StatusCode, PortalError> {
    if portal.store.delete_draft(&session.bsn, &id).await? {
        // Its uploads go with it.
        for upload in portal.store.draft_uploads(&id).await? {
            if portal.store.delete_upload(&upload.upload.id).await? {
                if let Ok(uuid) = uuid::Uuid::parse_str(&upload.upload.id) {
                    portal.uploads.remove_file(&uuid).await;
                }
            }
        }
        Ok(StatusCode::NO_CONTENT)
    } else if portal
        .store
        .request(&session.bsn, &id)
        .await?
        .is_some_and(|r| r.state != super::store::RequestState::Submitted)
    {
        Err(PortalError::InProgress)
    } else {
        Err(PortalError::NotFound)
    }
}
