//! The KCC desk and case handling: search a resident's cases (by BSN or case number), open a
//! case as the resident sees it plus internal details, register contact notes, set statuses
//! and results. Every read or change of a resident's data is written to the access log first.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use futures_util::StreamExt as _;
use loket_api::staff::{
    AccessLogEntry, AccessLogSearch, AuditEntry, CaseSearch, Choice, ContactNote, NewContactNote,
    SetResult, SetStatus, StaffCaseHit, StaffCaseView, StaffRol, StaffRole, StaffStatus,
};
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::{FieldError, FieldErrorCode};
use serde_json::{json, Value};

use super::session::StaffSession;
use crate::portal::cases::{build_detail, opt_text, summary, text};
use crate::portal::catalogue::uuid_of;
use crate::portal::error::PortalError;
use crate::portal::Portal;

/// Most hits a search returns (a resident rarely has more; a case number has one).
const MAX_HITS: usize = 200;
const EXPAND: &str = "expand=zaaktype,status,status.statustype,rollen,eigenschappen";

fn initiator(zaak: &Value) -> Option<&Value> {
    zaak["_expand"]["rollen"]
        .as_array()?
        .iter()
        .find(|r| r["omschrijvingGeneriek"] == "initiator")
}

pub(crate) fn initiator_bsn(zaak: &Value) -> String {
    initiator(zaak)
        .map(|r| text(&r["betrokkeneIdentificatie"]["inpBsn"]))
        .unwrap_or_default()
}

fn field_error(field: &str, code: FieldErrorCode) -> PortalError {
    PortalError::Invalid(vec![FieldError::new(field, code)])
}

fn check_purpose(purpose: &str) -> Result<String, PortalError> {
    bounded("purpose", purpose, 200, true)
}

/// `POST /api/staff/search` (kcc, behandelaar).
pub async fn search(
    State(portal): State<Portal>,
    staff: StaffSession,
    Json(search): Json<CaseSearch>,
) -> Result<Json<Vec<StaffCaseHit>>, PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    let purpose = check_purpose(&search.purpose)?;
    let bsn = search
        .bsn
        .as_deref()
        .map(normalise_bsn)
        .filter(|b| !b.is_empty());
    let identificatie = search
        .identificatie
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty());
    let name = search
        .name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let postcode = search
        .postcode
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if name.is_some() || postcode.is_some() {
        if bsn.is_some() || identificatie.is_some() || (name.is_some() && postcode.is_some()) {
            return Err(PortalError::BadRequest("search by one criterion".into()));
        }
        return search_index(&portal, &staff, name, postcode, &purpose).await;
    }
    let body = match (&bsn, identificatie) {
        (Some(bsn), None) => {
            if !is_valid_bsn(bsn) {
                return Err(field_error("bsn", FieldErrorCode::InvalidBsn));
            }
            json!({
            "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn,
                })
        }
        (None, Some(identificatie)) => {
            if identificatie.chars().count() > 40 {
                return Err(field_error("identificatie", FieldErrorCode::TooLong));
            }
            json!({ "identificatie": identificatie })
        }
        (None, None) => return Err(field_error("bsn", FieldErrorCode::Required)),
        (Some(_), Some(_)) => {
            return Err(PortalError::BadRequest(
                "search by BSN or by case number, not both".into(),
            ))
        }
    };
    portal
        .staff
        .log_access(
            &staff.member.username,
            "search",
            bsn.as_deref().unwrap_or_default(),
            identificatie.unwrap_or_default(),
            "",
            &purpose,
        )
        .await?;
    let zgw = &portal.zgw;
    let actor = staff.actor();
    let mut url = Some(zgw.zaken(
        "/zaken/_zoek?expand=zaaktype,status,status.statustype,rollen&ordering=-startdatum",
    ));
    let mut hits = Vec::new();
    while let Some(page_url) = url.take() {
        let page = zgw.post(&actor, &page_url, &body).await?;
        for zaak in page["results"].as_array().into_iter().flatten() {
            let initiator = initiator(zaak);
            hits.push(StaffCaseHit {
                summary: summary(zaak),
                initiator_bsn: initiator_bsn(zaak),
                initiator_name: initiator
                    .map(|r| text(&r["contactpersoonRol"]["naam"]))
                    .unwrap_or_default(),
            });
        }
        url = opt_text(&page["next"]).filter(|_| hits.len() < MAX_HITS);
    }
    hits.truncate(MAX_HITS);
    Ok(Json(hits))
}

/// Search by the initiator's name or postcode, through the case index.
async fn search_index(
    portal: &Portal,
    staff: &StaffSession,
    name: Option<&str>,
    postcode: Option<&str>,
    purpose: &str,
) -> Result<Json<Vec<StaffCaseHit>>, PortalError> {
    let (action, urls) = match (name, postcode) {
        (Some(name), _) => {
            if name.chars().count() < 2 {
                return Err(field_error("name", FieldErrorCode::Required));
            }
            if name.chars().count() > 100 {
                return Err(field_error("name", FieldErrorCode::TooLong));
            }
            ("search_name", super::index::by_name(portal, name).await?)
        }
        (None, Some(postcode)) => {
            let postcode = super::index::normalise_postcode(postcode)
                .ok_or_else(|| field_error("postcode", FieldErrorCode::InvalidPostcode))?;
            (
                "search_postcode",
                super::index::by_postcode(portal, &postcode).await?,
            )
        }
        (None, None) => return Err(field_error("bsn", FieldErrorCode::Required)),
    };
    portal
        .staff
        .log_access(&staff.member.username, action, "", "", "", purpose)
        .await?;
    // The hits' zaken from the Zaken API, a few at a time (in order): one after the other,
    // a page of name hits took a quarter of a second at a million cases.
    let actor = staff.actor();
    let fetched: Vec<_> = futures_util::stream::iter(urls)
        .map(|url| {
            let actor = &actor;
            async move { portal.zgw.get(actor, &format!("{url}?{EXPAND}")).await }
        })
        .buffered(8)
        .collect()
        .await;
    let mut hits = Vec::new();
    for answer in fetched {
        let zaak = match answer {
            Ok(zaak) => zaak,
            // Removed since it was indexed.
            Err(zgw::client::ClientError::Problem { status: 404, .. }) => continue,
            Err(error) => return Err(error.into()),
        };
        hits.push(StaffCaseHit {
            summary: summary(&zaak),
            initiator_bsn: initiator_bsn(&zaak),
            initiator_name: initiator(&zaak)
                .map(|r| text(&r["contactpersoonRol"]["naam"]))
                .unwrap_or_default(),
        });
    }
    Ok(Json(hits))
}

#[derive(serde::Deserialize)]
pub struct ViewQuery {
    purpose: Option<String>,
}

pub(crate) async fn zaak(
    portal: &Portal,
    staff: &StaffSession,
    id: &str,
) -> Result<Value, PortalError> {
    let uuid = uuid::Uuid::parse_str(id).map_err(|_| PortalError::NotFound)?;
    Ok(portal
        .zgw
        .get(
            &staff.actor(),
            &portal.zgw.zaken(&format!("/zaken/{uuid}?{EXPAND}")),
        )
        .await?)
}

/// `GET /api/staff/cases/{id}?purpose=…` (kcc, behandelaar).
pub async fn view(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    Query(query): Query<ViewQuery>,
) -> Result<Json<StaffCaseView>, PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    let purpose = check_purpose(query.purpose.as_deref().unwrap_or("Inzage zaak"))?;
    let zaak = zaak(&portal, &staff, &id).await?;
    let zaak_url = text(&zaak["url"]);
    portal
        .staff
        .log_access(
            &staff.member.username,
            "view_case",
            &initiator_bsn(&zaak),
            &text(&zaak["identificatie"]),
            &zaak_url,
            &purpose,
        )
        .await?;
    let actor = staff.actor();
    let zgw = &portal.zgw;
    let (resident_view, info) = build_detail(&portal, &actor, &zaak).await?;
    let q = zgw::client::query_value(&zaak_url);
    let audit = zgw.get(&actor, &format!("{zaak_url}/audittrail")).await?;
    let audit = audit.as_array().cloned().unwrap_or_default();
    let who_made = |resource_url: &str| {
        audit
            .iter()
            .find(|a| a["resourceUrl"] == resource_url && a["actie"] == "create")
            .map(|a| text(&a["gebruikersWeergave"]))
            .unwrap_or_default()
    };
    let mut statussen = zgw
        .list_all(&actor, &zgw.zaken(&format!("/statussen?zaak={q}")), 10)
        .await?;
    statussen.sort_by_key(|s| text(&s["datumStatusGezet"]));
    let statuses = statussen
        .iter()
        .map(|s| StaffStatus {
            title: info
                .statustypen
                .iter()
                .find(|t| s["statustype"] == t.url.as_str())
                .map(|t| t.omschrijving.clone())
                .unwrap_or_default(),
            set_at: text(&s["datumStatusGezet"]),
            set_by: who_made(s["url"].as_str().unwrap_or_default()),
            explanation: text(&s["statustoelichting"]),
        })
        .collect();
    let notes = zgw
        .list_all(&actor, &zgw.zaken(&format!("/klantcontacten?zaak={q}")), 10)
        .await?
        .iter()
        .map(|k| ContactNote {
            at: text(&k["datumtijd"]),
            channel: text(&k["kanaal"]),
            subject: text(&k["onderwerp"]),
            text: text(&k["toelichting"]),
        })
        .collect();
    let rollen = zaak["_expand"]["rollen"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| StaffRol {
            role: text(&r["omschrijvingGeneriek"]),
            description: text(&r["omschrijving"]),
            betrokkene_type: text(&r["betrokkeneType"]),
            bsn: text(&r["betrokkeneIdentificatie"]["inpBsn"]),
            name: text(&r["contactpersoonRol"]["naam"]),
            email: text(&r["contactpersoonRol"]["emailadres"]),
            phone: text(&r["contactpersoonRol"]["telefoonnummer"]),
        })
        .collect();
    Ok(Json(StaffCaseView {
        resident_view,
        rollen,
        statuses,
        notes,
        audit: audit
            .iter()
            .map(|a| AuditEntry {
                at: text(&a["aanmaakdatum"]),
                who: text(&a["gebruikersWeergave"]),
                action: text(&a["actieWeergave"]).chars().take(200).collect(),
                resource: text(&a["resource"]),
                explanation: text(&a["toelichting"]),
            })
            .collect(),
        statustypen: info
            .statustypen
            .iter()
            .map(|t| Choice {
                id: uuid_of(&t.url).to_owned(),
                title: t.omschrijving.clone(),
            })
            .collect(),
        resultaattypen: info
            .resultaattypen
            .iter()
            .map(|t| Choice {
                id: uuid_of(&t.url).to_owned(),
                title: t.omschrijving.clone(),
            })
            .collect(),
    }))
}

pub(super) fn bounded(
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, PortalError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(field_error(field, FieldErrorCode::Required));
    }
    if value.chars().count() > max {
        return Err(field_error(field, FieldErrorCode::TooLong));
    }
    Ok(value.to_owned())
}

/// `POST /api/staff/cases/{id}/notes` (kcc, behandelaar): a contact moment (klantcontact).
pub async fn add_note(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    Json(note): Json<NewContactNote>,
) -> Result<StatusCode, PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    let subject = bounded("subject", &note.subject, 200, true)?;
    let body = bounded("text", &note.text, 1000, true)?;
    let zaak = zaak(&portal, &staff, &id).await?;
    let zaak_url = text(&zaak["url"]);
    portal
        .staff
        .log_access(
            &staff.member.username,
            "add_note",
            &initiator_bsn(&zaak),
            &text(&zaak["identificatie"]),
            &zaak_url,
            "Klantcontact vastleggen",
        )
        .await?;
    portal
        .zgw
        .post(
            &staff.actor(),
            &portal.zgw.zaken("/klantcontacten"),
            &json!({
                "zaak": zaak_url,
                "datumtijd": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "kanaal": note.channel.as_str(),
                "onderwerp": subject,
                "toelichting": body,
            }),
        )
        .await?;
    Ok(StatusCode::CREATED)
}

/// A ZGW refusal of a handler's action (e.g. closing without a result) is the handler's to
/// fix, not a server error.
fn refused(error: zgw::client::ClientError) -> PortalError {
    match &error {
        zgw::client::ClientError::Problem { status: 400, fout } => PortalError::BadRequest(
            fout.as_ref()
                .map(|f| {
                    format!(
                        "{}: {:?}",
                        f.title,
                        f.invalid_params
                            .as_ref()
                            .map(|p| p.iter().map(|i| i.reason.clone()).collect::<Vec<_>>())
                    )
                })
                .unwrap_or_default(),
        ),
        _ => error.into(),
    }
}

async fn post_status(
    portal: &Portal,
    staff: &StaffSession,
    zaak_url: &str,
    statustype: &str,
    explanation: &str,
) -> Result<(), PortalError> {
    let status = portal
        .zgw
        .post(
            &staff.actor(),
            &portal.zgw.zaken("/statussen"),
            &json!({
                "zaak": zaak_url,
                "statustype": statustype,
                "datumStatusGezet": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "statustoelichting": explanation,
            }),
        )
        .await
        .map_err(refused)?;
    crate::notify::record_local(portal, &status).await;
    Ok(())
}

/// `POST /api/staff/cases/{id}/status` (behandelaar).
pub async fn set_status(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    Json(body): Json<SetStatus>,
) -> Result<StatusCode, PortalError> {
    staff.require(&[StaffRole::Behandelaar])?;
    let explanation = bounded("explanation", &body.explanation, 1000, false)?;
    let zaak = zaak(&portal, &staff, &id).await?;
    let info = portal
        .catalogue
        .zaaktype(&portal.zgw, &text(&zaak["zaaktype"]))
        .await?;
    let statustype = info
        .statustypen
        .iter()
        .find(|t| uuid_of(&t.url) == body.statustype_id)
        .ok_or_else(|| field_error("statustype_id", FieldErrorCode::NotAnOption))?;
    let zaak_url = text(&zaak["url"]);
    portal
        .staff
        .log_access(
            &staff.member.username,
            "set_status",
            &initiator_bsn(&zaak),
            &text(&zaak["identificatie"]),
            &zaak_url,
            "Behandeling zaak",
        )
        .await?;
    post_status(&portal, &staff, &zaak_url, &statustype.url, &explanation).await?;
    Ok(StatusCode::CREATED)
}

/// `POST /api/staff/cases/{id}/result` (behandelaar): sets the result and closes the case
/// with the zaaktype's end status.
pub async fn set_result(
    State(portal): State<Portal>,
    staff: StaffSession,
    Path(id): Path<String>,
    Json(body): Json<SetResult>,
) -> Result<StatusCode, PortalError> {
    staff.require(&[StaffRole::Behandelaar])?;
    let explanation = bounded("explanation", &body.explanation, 1000, false)?;
    let zaak = zaak(&portal, &staff, &id).await?;
    if !zaak["einddatum"].is_null() {
        return Err(PortalError::BadRequest("case already closed".into()));
    }
    let info = portal
        .catalogue
        .zaaktype(&portal.zgw, &text(&zaak["zaaktype"]))
        .await?;
    let resultaattype = info
        .resultaattypen
        .iter()
        .find(|t| uuid_of(&t.url) == body.resultaattype_id)
        .ok_or_else(|| field_error("resultaattype_id", FieldErrorCode::NotAnOption))?;
    let eindstatus = info
        .statustypen
        .last()
        .ok_or_else(|| PortalError::internal("zaaktype without statustypen"))?;
    let zaak_url = text(&zaak["url"]);
    portal
        .staff
        .log_access(
            &staff.member.username,
            "set_result",
            &initiator_bsn(&zaak),
            &text(&zaak["identificatie"]),
            &zaak_url,
            "Behandeling zaak",
        )
        .await?;
    if zaak["resultaat"].is_null() {
        portal
            .zgw
            .post(
                &staff.actor(),
                &portal.zgw.zaken("/resultaten"),
                &json!({"zaak": zaak_url, "resultaattype": resultaattype.url, "toelichting": explanation}),
            )
            .await
            .map_err(refused)?;
    }
    post_status(&portal, &staff, &zaak_url, &eindstatus.url, &explanation).await?;
    Ok(StatusCode::CREATED)
}

/// `POST /api/staff/access-log/search` (auditor).
pub async fn access_log(
    State(portal): State<Portal>,
    staff: StaffSession,
    Json(search): Json<AccessLogSearch>,
) -> Result<Json<Vec<AccessLogEntry>>, PortalError> {
    staff.require(&[StaffRole::Auditor])?;
    Ok(Json(portal.staff.search_access_log(&search, 500).await?))
}
