//! "Mijn zaken": the resident's own cases, read from the Zaken API and shaped for the SPA.
//!
//! Ownership is checked on every request: a zaak belongs to the resident only if it has an
//! initiator rol with their BSN. Anything else — another resident's zaak, an unknown or
//! malformed id — is the same 404.

use axum::extract::{Path, State};
use axum::Json;
use loket_api::{
    CaseDetail, CaseDocument, CaseSummary, FieldKind, StepState, SubmittedAnswer, TimelineStep,
};
use serde_json::{json, Value};
use zgw::client::Actor;

use super::catalogue::{uuid_of, ZaaktypeInfo};
use super::error::PortalError;
use super::session::{resident_actor, ResidentSession};
use super::Portal;

/// Upper bound of pages of a resident's zaken (100 per page).
const MAX_PAGES: usize = 20;
/// Documents the portal never shows residents.
pub const HIDDEN_CONFIDENTIALITY: &[&str] = &["intern", "geheim", "zeer_geheim"];

fn actor(portal: &Portal, session: &ResidentSession) -> Actor {
    resident_actor(&portal.pseudonym_salt, &session.bsn)
}

/// Does this zaak (with `_expand.rollen`) have an initiator rol for this BSN?
fn is_initiator(zaak: &Value, bsn: &str) -> bool {
    zaak["_expand"]["rollen"].as_array().is_some_and(|rollen| {
        rollen.iter().any(|rol| {
            rol["omschrijvingGeneriek"] == "initiator"
                && rol["betrokkeneType"] == "natuurlijk_persoon"
                && rol["betrokkeneIdentificatie"]["inpBsn"] == bsn
        })
    })
}

pub fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

pub fn opt_text(value: &Value) -> Option<String> {
    value.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

pub fn summary(zaak: &Value) -> CaseSummary {
    let expand = &zaak["_expand"];
    CaseSummary {
        id: uuid_of(zaak["url"].as_str().unwrap_or_default()).to_owned(),
        identificatie: text(&zaak["identificatie"]),
        product_title: text(&expand["zaaktype"]["omschrijving"]),
        status: text(&expand["status"]["_expand"]["statustype"]["omschrijving"]),
        started_on: text(&zaak["startdatum"]),
        expected_end: opt_text(&zaak["einddatumGepland"])
            .or_else(|| opt_text(&zaak["uiterlijkeEinddatumAfdoening"])),
        closed_on: opt_text(&zaak["einddatum"]),
    }
}

/// The resident's zaken where they are initiator, newest first. The BSN goes in the body of
/// `_zoek`, never in a URL (providers log URLs). Only the BSN filter goes to the provider:
/// the standard evaluates each `rol__` filter on its own, so adding
/// `rol__omschrijvingGeneriek=initiator` would not narrow it to *their* initiator rol anyway
/// and costs a scan of every rol (14 s at 1,000,000 zaken); [`is_initiator`] checks here.
pub async fn my_zaken(
    portal: &Portal,
    session: &ResidentSession,
) -> Result<Vec<Value>, PortalError> {
    let zgw = &portal.zgw;
    let actor = actor(portal, session);
    let body = json!({
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": session.bsn,
    });
    let mut url = Some(zgw.zaken(
        "/zaken/_zoek?expand=zaaktype,status,status.statustype,rollen&ordering=-startdatum",
    ));
    let mut zaken = Vec::new();
    let mut pages = 0;
    while let Some(page_url) = url.take() {
        pages += 1;
        if pages > MAX_PAGES {
            break;
        }
        let mut page = zgw.post(&actor, &page_url, &body).await?;
        if let Some(Value::Array(results)) = page.get_mut("results").map(Value::take) {
            zaken.extend(
                results
                    .into_iter()
                    .filter(|z| is_initiator(z, &session.bsn)),
            );
        }
        url = opt_text(&page["next"]);
    }
    zaken.sort_by(|a, b| {
        (text(&b["startdatum"]), text(&b["identificatie"]))
            .cmp(&(text(&a["startdatum"]), text(&a["identificatie"])))
    });
    Ok(zaken)
}

/// `GET /api/cases`.
pub async fn list(
    State(portal): State<Portal>,
    session: ResidentSession,
) -> Result<Json<Vec<CaseSummary>>, PortalError> {
    let zaken = my_zaken(&portal, &session).await?;
    Ok(Json(zaken.iter().map(summary).collect()))
}

/// One of the resident's zaken (expanded), or NotFound.
pub async fn owned_zaak(
    portal: &Portal,
    session: &ResidentSession,
    id: &str,
) -> Result<Value, PortalError> {
    owned_zaak_of(portal, &session.bsn, id).await
}

/// One of this resident's zaken (expanded), or NotFound.
pub async fn owned_zaak_of(portal: &Portal, bsn: &str, id: &str) -> Result<Value, PortalError> {
    let uuid = uuid::Uuid::parse_str(id).map_err(|_| PortalError::NotFound)?;
    let zgw = &portal.zgw;
    let zaak = zgw
        .get(
            &resident_actor(&portal.pseudonym_salt, bsn),
            &zgw.zaken(&format!(
                "/zaken/{uuid}?expand=zaaktype,status,status.statustype,rollen,eigenschappen"
            )),
        )
        .await?;
    if is_initiator(&zaak, bsn) {
        Ok(zaak)
    } else {
        Err(PortalError::NotFound)
    }
}

fn timeline(zaak: &Value, info: &ZaaktypeInfo, statussen: &[Value]) -> Vec<TimelineStep> {
    let current_url = zaak["_expand"]["status"]["statustype"]
        .as_str()
        .unwrap_or_default();
    let current = info
        .statustypen
        .iter()
        .find(|s| s.url == current_url)
        .map(|s| s.volgnummer);
    let closed = !zaak["einddatum"].is_null();
    info.statustypen
        .iter()
        .map(|st| {
            let state = match current {
                Some(c) if st.volgnummer < c || (closed && st.volgnummer == c) => StepState::Done,
                Some(c) if st.volgnummer == c => StepState::Current,
                _ => StepState::Upcoming,
            };
            let date = (state != StepState::Upcoming)
                .then(|| {
                    statussen
                        .iter()
                        .filter(|s| s["statustype"] == st.url.as_str())
                        .filter_map(|s| s["datumStatusGezet"].as_str())
                        .max()
                        .map(str::to_owned)
                })
                .flatten();
            TimelineStep {
                title: st.omschrijving.clone(),
                text: st.statustekst.clone(),
                state,
                date,
            }
        })
        .collect()
}

fn answers(zaak: &Value, info: &ZaaktypeInfo) -> Vec<SubmittedAnswer> {
    let stored = zaak["_expand"]["eigenschappen"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    info.form
        .fields
        .iter()
        .filter_map(|field| {
            let waarde = stored
                .iter()
                .find(|e| e["naam"] == field.name.as_str())
                .and_then(|e| e["waarde"].as_str())?;
            let value = match field.kind {
                // Stored as YYYYMMDD; show as a date.
                FieldKind::Date if waarde.len() == 8 => {
                    format!("{}-{}-{}", &waarde[..4], &waarde[4..6], &waarde[6..])
                }
                _ => waarde.to_owned(),
            };
            Some(SubmittedAnswer {
                label: field.label.clone(),
                value,
            })
        })
        .collect()
}

async fn documents(
    portal: &Portal,
    actor: &Actor,
    zaak_url: &str,
    info: &ZaaktypeInfo,
) -> Result<Vec<CaseDocument>, PortalError> {
    let zgw = &portal.zgw;
    let q = zgw::client::query_value(zaak_url);
    let links = zgw
        .list_all(
            actor,
            &zgw.zaken(&format!("/zaakinformatieobjecten?zaak={q}")),
            10,
        )
        .await?;
    let mut documents = Vec::new();
    for link in links {
        let Some(url) = link["informatieobject"].as_str() else {
            continue;
        };
        let document = zgw.get(actor, url).await?;
        let confidentiality = document["vertrouwelijkheidaanduiding"]
            .as_str()
            .unwrap_or_default();
        if HIDDEN_CONFIDENTIALITY.contains(&confidentiality) {
            continue;
        }
        let type_url = document["informatieobjecttype"]
            .as_str()
            .unwrap_or_default();
        documents.push(CaseDocument {
            id: uuid_of(url).to_owned(),
            title: text(&document["titel"]),
            file_name: text(&document["bestandsnaam"]),
            type_title: info
                .documenttypen
                .get(type_url)
                .cloned()
                .unwrap_or_default(),
            date: text(&document["creatiedatum"]),
            size_bytes: document["bestandsomvang"].as_u64().unwrap_or_default(),
        });
    }
    Ok(documents)
}

/// Everything the case page shows, for a zaak already read with
/// `expand=zaaktype,status,status.statustype,rollen,eigenschappen` (residents and staff alike:
/// staff see the case exactly as the resident does).
pub async fn build_detail(
    portal: &Portal,
    actor: &Actor,
    zaak: &Value,
) -> Result<(CaseDetail, std::sync::Arc<ZaaktypeInfo>), PortalError> {
    let zgw = &portal.zgw;
    let zaak_url = text(&zaak["url"]);
    let info = portal
        .catalogue
        .zaaktype(zgw, &text(&zaak["zaaktype"]))
        .await?;
    let q = zgw::client::query_value(&zaak_url);
    let statussen = zgw
        .list_all(actor, &zgw.zaken(&format!("/statussen?zaak={q}")), 10)
        .await?;
    let result = match opt_text(&zaak["resultaat"]) {
        Some(url) => {
            let resultaat = zgw.get(actor, &url).await?;
            let resultaattype = zgw.get(actor, &text(&resultaat["resultaattype"])).await?;
            opt_text(&resultaattype["omschrijving"])
        }
        None => None,
    };
    let detail = CaseDetail {
        summary: summary(zaak),
        timeline: timeline(zaak, &info, &statussen),
        result,
        documents: documents(portal, actor, &zaak_url, &info).await?,
        answers: answers(zaak, &info),
        tasks: crate::staff::tasks::tasks_of(&portal.store, &zaak_url).await?,
        document_types: if zaak["einddatum"].is_null() {
            info.product.documents.clone()
        } else {
            Vec::new()
        },
        uploads: Vec::new(),
    };
    Ok((detail, info))
}

/// The resident's own case, for the case page.
pub async fn case_detail(
    portal: &Portal,
    session: &ResidentSession,
    id: &str,
) -> Result<(CaseDetail, Value, std::sync::Arc<ZaaktypeInfo>), PortalError> {
    let zaak = owned_zaak(portal, session, id).await?;
    let (detail, info) = build_detail(portal, &actor(portal, session), &zaak).await?;
    Ok((detail, zaak, info))
}

/// `GET /api/cases/{id}`.
pub async fn detail(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
) -> Result<Json<CaseDetail>, PortalError> {
    let (mut detail, zaak, _) = case_detail(&portal, &session, &id).await?;
    detail.uploads = portal
        .store
        .pending_case_uploads(&text(&zaak["url"]))
        .await?
        .into_iter()
        .filter(|u| u.owner_bsn == session.bsn)
        .map(|u| u.upload)
        .collect();
    Ok(Json(detail))
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "29 november 2026" / "29 November 2026" for a `YYYY-MM-DD` date (as given otherwise).
pub fn display_date(date: &str, lang: loket_receipt::Lang) -> String {
    let Ok(d) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return date.to_owned();
    };
    use chrono::Datelike;
    let months = match lang {
        loket_receipt::Lang::Nl => MONTHS_NL,
        loket_receipt::Lang::En => MONTHS_EN,
    };
    format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
}

#[derive(serde::Deserialize)]
pub struct ReceiptQuery {
    lang: Option<String>,
}

/// `GET /api/cases/{id}/receipt.pdf?lang=nl|en`: the receipt a resident keeps — a tagged,
/// accessible PDF with the case number, the answers and the contact details (no BSN).
pub async fn receipt(
    State(portal): State<Portal>,
    session: ResidentSession,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<ReceiptQuery>,
) -> Result<axum::response::Response, PortalError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let lang = match query.lang.as_deref() {
        Some("en") => loket_receipt::Lang::En,
        _ => loket_receipt::Lang::Nl,
    };
    let (detail, zaak, info) = case_detail(&portal, &session, &id).await?;
    let contact = zaak["_expand"]["rollen"]
        .as_array()
        .and_then(|rollen| {
            rollen
                .iter()
                .find(|r| r["omschrijvingGeneriek"] == "initiator")
        })
        .map(|r| r["contactpersoonRol"].clone())
        .unwrap_or_default();
    let pdf = loket_receipt::render(&loket_receipt::Receipt {
        lang,
        municipality: portal.municipality.clone(),
        identificatie: detail.summary.identificatie.clone(),
        product_title: detail.summary.product_title.clone(),
        submitted_at: display_date(&detail.summary.started_on, lang),
        handling_days: info.product.handling_days,
        answers: detail
            .answers
            .iter()
            .map(|a| (a.label.clone(), a.value.clone()))
            .collect(),
        email: text(&contact["emailadres"]),
        phone: text(&contact["telefoonnummer"]),
    });
    let prefix = match lang {
        loket_receipt::Lang::Nl => "ontvangstbevestiging",
        loket_receipt::Lang::En => "receipt",
    };
    // identificatie is provider data: keep the file name to safe characters.
    let name: String = format!("{prefix}-{}.pdf", detail.summary.identificatie)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}
