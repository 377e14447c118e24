//! Submitting a request: validate again (the server is the authority), then create the zaak
//! and its parts in the case API — exactly once, whatever retries, double clicks, parallel
//! requests or crashes happen.
//!
//! How: one submitter at a time holds a lease on the request row (`claim_submission`); every
//! step's result is recorded or re-discovered before the next, so a retry (or the background
//! resumer after a crash) continues where the last attempt stopped. The initiator rol — which
//! makes the zaak the resident's — is created last, so a half-finished zaak is never shown to
//! the resident, and the resumer completes it.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use loket_api::{Submission, IDEMPOTENCY_HEADER};
use serde_json::{json, Value};
use zgw::client::Actor;

use super::catalogue::ZaaktypeInfo;
use super::error::PortalError;
use super::session::{resident_actor, ResidentSession};
use super::store::{RequestState, StoredRequest};
use super::Portal;

/// How long one attempt may hold a request before another may take over.
const LEASE_SECONDS: i64 = 120;
/// How long a parallel duplicate submit waits for the first one to finish.
const WAIT_FOR_OTHER: Duration = Duration::from_secs(30);
const POLL_EVERY: Duration = Duration::from_millis(100);
/// Zaken of one zaaktype and start date searched when recovering an unrecorded zaak.
const RECOVERY_MAX_PAGES: usize = 100;

/// `POST /api/drafts/{id}/submit`.
pub async fn submit(
    State(portal): State<Portal>,
    session: ResidentSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Submission>), PortalError> {
    submit_request(&portal, &session.bsn, &id, &headers).await
}

/// The submit of a resident's request (their own, or one KCC started for them): validates,
/// claims and completes it, or answers the finished submission again.
pub async fn submit_request(
    portal: &Portal,
    owner_bsn: &str,
    id: &str,
    headers: &HeaderMap,
) -> Result<(StatusCode, Json<Submission>), PortalError> {
    let portal = portal.clone();
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .ok_or_else(|| PortalError::BadRequest("Idempotency-Key header required".into()))?
        .to_owned();
    let request = portal
        .store
        .request(owner_bsn, id)
        .await?
        .ok_or(PortalError::NotFound)?;
    if request.state == RequestState::Submitted {
        return Ok((StatusCode::OK, Json(finished(&portal, &request).await?)));
    }
    let info = match portal
        .catalogue
        .product(&portal.zgw, &request.draft.product_id)
        .await
    {
        Err(PortalError::NotFound) => return Err(PortalError::ProductUnavailable),
        other => other?,
    };
    if request.state == RequestState::Draft {
        let mut errors = info
            .form
            .validate(&request.draft.answers, &request.draft.contact);
        let uploads = portal.store.draft_uploads(id).await?;
        if uploads
            .iter()
            .any(|u| u.upload.state == loket_api::upload::UploadState::Receiving)
        {
            errors.push(loket_api::FieldError::new(
                "documents",
                loket_api::FieldErrorCode::UploadIncomplete,
            ));
        }
        if !errors.is_empty() {
            return Err(PortalError::Invalid(errors));
        }
    }
    let today = chrono::Utc::now().date_naive().to_string();
    if !portal
        .store
        .claim_submission(owner_bsn, id, &key, &today, LEASE_SECONDS)
        .await?
    {
        return wait_for_other(&portal, owner_bsn, id).await;
    }
    // Re-read: the claim may have fixed the startdatum, and a previous attempt's progress counts.
    let request = portal
        .store
        .request(owner_bsn, id)
        .await?
        .ok_or(PortalError::NotFound)?;
    match complete(&portal, &request, &info).await {
        Ok(submission) => Ok((StatusCode::CREATED, Json(submission))),
        Err(error) => {
            portal.store.release_claim(id).await?;
            Err(error)
        }
    }
}

/// Another request holds the claim: wait (bounded) for it to finish and answer the same.
async fn wait_for_other(
    portal: &Portal,
    bsn: &str,
    id: &str,
) -> Result<(StatusCode, Json<Submission>), PortalError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_OTHER;
    loop {
        let request = portal
            .store
            .request(bsn, id)
            .await?
            .ok_or(PortalError::NotFound)?;
        if request.state == RequestState::Submitted {
            return Ok((StatusCode::OK, Json(finished(portal, &request).await?)));
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(PortalError::InProgress);
        }
        tokio::time::sleep(POLL_EVERY).await;
    }
}

async fn finished(portal: &Portal, request: &StoredRequest) -> Result<Submission, PortalError> {
    let handling_days = portal
        .catalogue
        .product(&portal.zgw, &request.draft.product_id)
        .await
        .ok()
        .and_then(|info| info.product.handling_days);
    request
        .submission(handling_days)
        .ok_or_else(|| PortalError::internal("submitted request without zaak"))
}

/// Who the case API's audit trail names: the resident (pseudonymised), or the KCC member who
/// submitted on their behalf, with the channel.
fn actor(portal: &Portal, request: &StoredRequest) -> Actor {
    if request.started_by.is_empty() {
        resident_actor(&portal.pseudonym_salt, &request.owner_bsn)
    } else {
        Actor {
            user_id: format!("medewerker:{}", request.started_by),
            user_representation: format!(
                "{} namens de inwoner ({})",
                request.started_by, request.channel
            ),
        }
    }
}

/// How the submission came in, for toelichtingen.
fn origin_text(request: &StoredRequest) -> String {
    if request.started_by.is_empty() {
        "Ingediend door de inwoner via Loket.".into()
    } else {
        format!(
            "Ingediend namens de inwoner via {} door medewerker {}; de inwoner is initiator.",
            request.channel, request.started_by
        )
    }
}

/// The kenmerk that ties a zaak to the request it came from (≤ 40 characters, as the
/// standard allows).
pub fn marker(request_id: &str) -> String {
    format!("loket:{}", request_id.replace('-', ""))
}

/// Runs (or resumes) every step of a claimed submission and marks it submitted.
pub async fn complete(
    portal: &Portal,
    request: &StoredRequest,
    info: &ZaaktypeInfo,
) -> Result<Submission, PortalError> {
    let zgw = &portal.zgw;
    let actor = actor(portal, request);
    let zaak = ensure_zaak(portal, request, info, &actor).await?;
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();

    // Eigenschappen: skip those a previous attempt already stored.
    let existing = zgw
        .get(&actor, &format!("{zaak_url}/zaakeigenschappen"))
        .await?;
    let stored: Vec<&str> = existing
        .as_array()
        .map(|items| items.iter().filter_map(|e| e["naam"].as_str()).collect())
        .unwrap_or_default();
    for field in &info.form.fields {
        let Some(answer) = request.draft.answers.get(&field.name) else {
            continue;
        };
        if answer.trim().is_empty() || stored.contains(&field.name.as_str()) {
            continue;
        }
        let eigenschap = info
            .eigenschap_urls
            .get(&field.name)
            .ok_or_else(|| PortalError::internal(format!("no eigenschap {}", field.name)))?;
        zgw.post(
            &actor,
            &format!("{zaak_url}/zaakeigenschappen"),
            &json!({"zaak": zaak_url, "eigenschap": eigenschap, "waarde": field.zgw_waarde(answer)}),
        )
        .await?;
    }

    // The documents sent with the request (each found again if an attempt stored it).
    crate::upload::deliver::deliver_draft_uploads(portal, &request.draft.id, &zaak_url).await?;

    // First status ("Ontvangen"), unless a previous attempt set it.
    if zaak["status"].is_null() {
        if let Some(first) = info.statustypen.first() {
            zgw.post(
                &actor,
                &zgw.zaken("/statussen"),
                &json!({
                    "zaak": zaak_url,
                    "statustype": first.url,
                    "datumStatusGezet": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    "statustoelichting": "Aanvraag ontvangen via Loket",
                }),
            )
            .await?;
        }
    }

    // Last: the initiator rol, which makes the zaak the resident's.
    let q = zgw::client::query_value(&zaak_url);
    let rollen = zgw
        .list_all(
            &actor,
            &zgw.zaken(&format!("/rollen?zaak={q}&omschrijvingGeneriek=initiator")),
            10,
        )
        .await?;
    if rollen.is_empty() {
        let roltype = info
            .initiator_roltype
            .as_deref()
            .ok_or_else(|| PortalError::internal("zaaktype has no initiator roltype"))?;
        let contact = &request.draft.contact;
        let mut persoon = json!({"inpBsn": request.owner_bsn});
        // Demo mode only: the demo BRP's address (production would ask the BRP).
        if portal.settings.demo_login {
            if let Some(adres) = super::session::demo_verblijfsadres(&request.owner_bsn) {
                persoon["verblijfsadres"] = adres;
            }
        }
        let naam = if request.owner_name.is_empty() {
            "Aanvrager".to_owned()
        } else {
            request.owner_name.clone()
        };
        zgw.post(
            &actor,
            &zgw.zaken("/rollen"),
            &json!({
                "zaak": zaak_url,
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": roltype,
                "roltoelichting": if request.started_by.is_empty() { "Ingediend via Loket (DigiD)".to_owned() } else { format!("Ingediend namens de inwoner ({})", request.channel) },
                "indicatieMachtiging": "",
                "betrokkeneIdentificatie": persoon,
                "contactpersoonRol": {
                    "emailadres": contact.email.trim(),
                    "telefoonnummer": contact.phone.trim(),
                    "naam": naam,
                },
            }),
        )
        .await?;
    }

    // On behalf of a caller: the contact itself is recorded on the zaak, with its channel.
    if !request.started_by.is_empty() {
        let onderwerp = "Aanvraag ingediend namens de inwoner";
        let contacts = zgw
            .list_all(&actor, &zgw.zaken(&format!("/klantcontacten?zaak={q}")), 10)
            .await?;
        if !contacts.iter().any(|c| c["onderwerp"] == onderwerp) {
            zgw.post(
                &actor,
                &zgw.zaken("/klantcontacten"),
                &json!({
                    "zaak": zaak_url,
                    "datumtijd": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    "kanaal": request.channel,
                    "onderwerp": onderwerp,
                    "toelichting": origin_text(request),
                }),
            )
            .await?;
        }
    }

    portal.store.finish_submission(&request.draft.id).await?;
    let done = portal
        .store
        .request(&request.owner_bsn, &request.draft.id)
        .await?
        .ok_or(PortalError::NotFound)?;
    tracing::info!(request = %request.draft.id, "request submitted");
    done.submission(info.product.handling_days)
        .ok_or_else(|| PortalError::internal("submission lost its zaak"))
}

/// The request's zaak: the recorded one, one a crashed attempt created (found by kenmerk), or
/// a new one.
async fn ensure_zaak(
    portal: &Portal,
    request: &StoredRequest,
    info: &ZaaktypeInfo,
    actor: &Actor,
) -> Result<Value, PortalError> {
    let zgw = &portal.zgw;
    if let Some(url) = &request.zaak_url {
        return Ok(zgw.get(actor, url).await?);
    }
    let startdatum = request
        .startdatum
        .clone()
        .ok_or_else(|| PortalError::internal("claimed request without startdatum"))?;
    let marker = marker(&request.draft.id);
    if request.zaak_requested {
        let candidates = zgw
            .list_all(
                actor,
                &zgw.zaken(&format!(
                    "/zaken?zaaktype={}&startdatum={startdatum}",
                    zgw::client::query_value(&info.zaaktype.url)
                )),
                RECOVERY_MAX_PAGES,
            )
            .await?;
        if let Some(zaak) = candidates.into_iter().find(|z| {
            z["kenmerken"]
                .as_array()
                .is_some_and(|ks| ks.iter().any(|k| k["kenmerk"] == marker.as_str()))
        }) {
            record(portal, request, &zaak).await?;
            return Ok(zaak);
        }
    }
    let start = chrono::NaiveDate::parse_from_str(&startdatum, "%Y-%m-%d")
        .map_err(PortalError::internal)?;
    let end = info
        .product
        .handling_days
        .map(|days| (start + chrono::Days::new(u64::from(days))).to_string());
    let omschrijving: String = info.product.title.chars().take(80).collect();
    portal.store.mark_zaak_requested(&request.draft.id).await?;
    let zaak = zgw
        .post(
            actor,
            &zgw.zaken("/zaken"),
            &json!({
                "bronorganisatie": info.rsin,
                "verantwoordelijkeOrganisatie": info.rsin,
                "zaaktype": info.zaaktype.url,
                "vertrouwelijkheidaanduiding": info.zaaktype.vertrouwelijkheidaanduiding,
                "omschrijving": omschrijving,
                "toelichting": origin_text(request),
                "registratiedatum": startdatum,
                "startdatum": startdatum,
                "uiterlijkeEinddatumAfdoening": end,
                "einddatumGepland": end,
                "kenmerken": [{"kenmerk": marker, "bron": "Loket"}],
            }),
        )
        .await?;
    record(portal, request, &zaak).await?;
    Ok(zaak)
}

async fn record(portal: &Portal, request: &StoredRequest, zaak: &Value) -> Result<(), PortalError> {
    let url = zaak["url"]
        .as_str()
        .ok_or_else(|| PortalError::internal("zaak without url"))?;
    let identificatie = zaak["identificatie"].as_str().unwrap_or_default();
    portal
        .store
        .record_zaak(&request.draft.id, url, identificatie)
        .await
}

/// Finishes submissions whose submitter disappeared (crash, restart, provider outage):
/// run at start-up and every minute. Errors are logged and retried next time.
pub async fn resume_stalled(portal: &Portal) -> usize {
    let stalled = match portal.store.stalled_submissions().await {
        Ok(stalled) => stalled,
        Err(error) => {
            tracing::warn!(%error, "could not list stalled submissions");
            return 0;
        }
    };
    let mut finished = 0;
    for request in stalled {
        let claimed = portal
            .store
            .claim_submission(
                &request.owner_bsn,
                &request.draft.id,
                "resumer",
                request.startdatum.as_deref().unwrap_or_default(),
                LEASE_SECONDS,
            )
            .await
            .unwrap_or(false);
        if !claimed {
            continue;
        }
        let result = async {
            let info = portal
                .catalogue
                .product(&portal.zgw, &request.draft.product_id)
                .await?;
            let request = portal
                .store
                .request(&request.owner_bsn, &request.draft.id)
                .await?
                .ok_or(PortalError::NotFound)?;
            complete(portal, &request, &info).await
        }
        .await;
        match result {
            Ok(_) => finished += 1,
            Err(error) => {
                tracing::warn!(request = %request.draft.id, %error, "resuming a submission failed");
                let _ = portal.store.release_claim(&request.draft.id).await;
            }
        }
    }
    finished
}
