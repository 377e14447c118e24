//! `GET/PUT /api/profile`: the resident's notification preference (e-mail on or off; on by
//! default), stored per resident under their pseudonym, not the BSN.

use axum::extract::State;
use axum::Json;
use loket_api::Profile;

use crate::portal::error::PortalError;
use crate::portal::session::{resident_pseudonym, ResidentSession};
use crate::portal::Portal;

/// `GET /api/profile`.
pub async fn get(
    State(portal): State<Portal>,
    session: ResidentSession,
) -> Result<Json<Profile>, PortalError> {
    let resident = resident_pseudonym(&portal.pseudonym_salt, &session.bsn);
    Ok(Json(Profile {
        email_notifications: portal.notify.store().email_wanted(&resident).await?,
    }))
}

/// `PUT /api/profile` (CSRF-guarded like every change).
pub async fn put(
    State(portal): State<Portal>,
    session: ResidentSession,
    Json(profile): Json<Profile>,
) -> Result<Json<Profile>, PortalError> {
    let resident = resident_pseudonym(&portal.pseudonym_salt, &session.bsn);
    portal
        .notify
        .store()
        .set_email_wanted(&resident, profile.email_notifications)
        .await?;
    Ok(Json(profile))
}
