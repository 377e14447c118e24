//! Statussen: the history of a zaak's progress. The newest status (by `datumStatusGezet`) is
//! the zaak's `status`; the eindstatus (the statustype with the highest volgnummer) closes the
//! zaak, and a later non-final status reopens it.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Months;
use serde_json::{json, Value};
use sqlx::Row;
use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::catalogi::{self, Kind};
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::Fields;
use crate::filter::Where;
use crate::pagination::Page;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::urls::Api;
use crate::{store, CaseApi};

/// Adds an ISO 8601 duration of whole years/months/weeks/days to a date (archiefactietermijn).
fn add_duration(date: chrono::NaiveDate, duration: &str) -> Option<chrono::NaiveDate> {
    let rest = duration.strip_prefix('P')?;
    if rest.contains('T') {
        return None;
    }
    let mut result = date;
    let mut digits = String::new();
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: u32 = digits.parse().ok()?;
        digits.clear();
        result = match c {
            'Y' => result.checked_add_months(Months::new(n * 12))?,
            'M' => result.checked_add_months(Months::new(n))?,
            'W' => result + chrono::Duration::weeks(i64::from(n)),
            'D' => result + chrono::Duration::days(i64::from(n)),
            _ => return None,
        };
    }
    Some(result)
}

/// Closes the zaak (eindstatus) or reopens it, deriving the archive fields from the result.
async fn apply_to_zaak(
    api: &CaseApi,
    tx: &mut Tx,
    zaak: &mut Value,
    statustype: &Value,
    datum: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    if statustype["isEindstatus"] == json!(true) {
        let einddatum = datum.date_naive();
        zaak["einddatum"] = json!(einddatum.to_string());
        if let Some(resultaat_uuid) = zaak["resultaat"]
            .as_str()
            .and_then(|u| api.urls.parse(u, Api::Zaken, "resultaten"))
        {
            let resultaat = store::get_tx(tx, "resultaten", resultaat_uuid).await?;
            let resultaattype = match resultaat {
                Some(r) => {
                    catalogi::lookup(
                        api,
                        Kind::Resultaattype,
                        r["resultaattype"].as_str().unwrap_or_default(),
                    )
                    .await?
                }
                None => None,
            };
            if let Some(rt) = resultaattype {
                if zaak["archiefnominatie"].is_null() {
                    zaak["archiefnominatie"] = rt["archiefnominatie"].clone();
                }
                // Only the `afgehandeld` derivation needs nothing beyond the zaak itself; the
                // other afleidingswijzen depend on data the portal does not keep.
                let afgehandeld =
                    rt["brondatumArchiefprocedure"]["afleidingswijze"] == json!("afgehandeld");
                if afgehandeld && zaak["archiefactiedatum"].is_null() {
                    if let Some(date) = rt["archiefactietermijn"]
                        .as_str()
                        .and_then(|termijn| add_duration(einddatum, termijn))
                    {
                        zaak["archiefactiedatum"] = json!(date.to_string());
                    }
                }
            }
        }
    } else if !zaak["einddatum"].is_null() {
        // Reopening (scope zaken.heropenen, which all our clients have).
        zaak["einddatum"] = Value::Null;
        zaak["archiefnominatie"] = Value::Null;
        zaak["archiefactiedatum"] = Value::Null;
    }
    Ok(())
}

pub async fn create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let mut f = Fields::new(&body);
    let zaak = super::zaak_for_field(&api, &mut tx, &mut f, "zaak").await?;
    let statustype =
        super::catalogi_for_field(&api, &mut f, "statustype", Kind::Statustype, true).await?;
    let datum = f.datetime("datumStatusGezet", true);
    let toelichting = f
        .string("statustoelichting", false, 1000)
        .unwrap_or_default();
    let gezetdoor = f.url("gezetdoor", false).unwrap_or_default();
    if let (Some((_, zaak)), Some(statustype)) = (&zaak, &statustype) {
        if statustype["zaaktype"] != zaak["zaaktype"] {
            f.error(
                "statustype",
                "zaaktype-mismatch",
                "Het statustype hoort niet bij het zaaktype van de zaak.",
            );
        } else if statustype["isEindstatus"] == json!(true) && zaak["resultaat"].is_null() {
            f.non_field_error(
                "resultaat-does-not-exist",
                "De zaak heeft nog geen resultaat; dat is nodig om de zaak af te sluiten.",
            );
        }
    }
    if let (Some((zaak_uuid, _)), Some(statustype)) = (&zaak, &statustype) {
        if statustype["isEindstatus"] == json!(true)
            && super::zaakinformatieobject::documents_without_gebruiksrecht(
                &mut tx, &api, *zaak_uuid,
            )
            .await?
                > 0
        {
            f.non_field_error(
                "indicatiegebruiksrecht-unset",
                "Van alle documenten van de zaak moet indicatieGebruiksrecht gezet zijn voordat de zaak gesloten wordt.",
            );
        }
    }
    f.finish()?;
    let (zaak_uuid, mut zaak) = zaak.expect("validated");
    let statustype = statustype.expect("validated");
    let datum = datum.expect("validated");
    let datum_text = datum.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);

    // Is this the newest status? Then it becomes the zaak's status.
    let newest = sqlx::query("SELECT MAX(datum_status_gezet) FROM statussen WHERE zaak_uuid = $1")
        .bind(zaak_uuid.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get::<Option<String>, _>(0)?;
    let is_latest = newest
        .as_deref()
        .is_none_or(|newest| datum_text.as_str() >= newest);

    let uuid = Uuid::new_v4();
    let url = api.urls.resource(Api::Zaken, "statussen", uuid);
    let status = json!({
        "url": url,
        "uuid": uuid,
        "zaak": zaak["url"],
        "statustype": statustype["url"],
        "datumStatusGezet": datum_text,
        "statustoelichting": toelichting,
        "indicatieLaatstGezetteStatus": is_latest,
        "gezetdoor": gezetdoor,
        "zaakinformatieobjecten": [],
    });
    if is_latest {
        // The previous latest status is no longer the latest.
        if let Some(previous) = zaak["status"]
            .as_str()
            .and_then(|u| api.urls.parse(u, Api::Zaken, "statussen"))
        {
            if let Some(mut old) = store::get_tx(&mut tx, "statussen", previous).await? {
                old["indicatieLaatstGezetteStatus"] = json!(false);
                store::put_data(&mut tx, "statussen", previous, &old).await?;
            }
        }
    }
    sqlx::query(
        "INSERT INTO statussen (uuid, seq, zaak_uuid, zaak, statustype, datum_status_gezet, data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(uuid.to_string())
    .bind(super::seq())
    .bind(zaak_uuid.to_string())
    .bind(zaak["url"].as_str().unwrap_or_default().to_owned())
    .bind(statustype["url"].as_str().unwrap_or_default().to_owned())
    .bind(datum_text.clone())
    .bind(status.to_string())
    .execute(&mut *tx)
    .await?;
    if is_latest {
        let old_zaak = zaak.clone();
        zaak["status"] = json!(url);
        apply_to_zaak(&api, &mut tx, &mut zaak, &statustype, datum).await?;
        super::zaak::save(&mut tx, zaak_uuid, &zaak).await?;
        let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
        if old_zaak["einddatum"] != zaak["einddatum"] {
            super::audit(
                &api,
                &mut tx,
                &caller,
                &headers,
                Actie::PartialUpdate,
                &zaak_url,
                "zaak",
                &zaak_url,
                zaak["identificatie"].as_str().unwrap_or_default(),
                Some(&old_zaak),
                Some(&zaak),
            )
            .await?;
        }
    }
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    let weergave = statustype["omschrijving"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &zaak_url,
        "status",
        &url,
        &weergave,
        None,
        Some(&status),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&status))
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let status = store::get(&api.db, "statussen", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &status))
}

/// The uuids of the latest status of each zaak.
const LATEST: &str = "SELECT uuid FROM statussen s WHERE s.datum_status_gezet = \
    (SELECT MAX(datum_status_gezet) FROM statussen m WHERE m.zaak_uuid = s.zaak_uuid)";

pub async fn list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let raw = raw.unwrap_or_default();
    let mut query = Query::parse(&raw);
    let page = Page::new(query.positive_int("page"));
    let mut filter = Where::new();
    filter.equals(
        &mut query,
        &[("zaak", "zaak"), ("statustype", "statustype")],
    );
    match query.get("indicatieLaatstGezetteStatus").as_deref() {
        None => {}
        Some("true") => filter.add_raw(format!("uuid IN ({LATEST})")),
        Some("false") => filter.add_raw(format!("uuid NOT IN ({LATEST})")),
        Some(_) => query.error(
            "indicatieLaatstGezetteStatus",
            "invalid",
            "Kies true of false.",
        ),
    }
    query.finish()?;
    super::paginated_list(&api, "statussen", &filter, page, &raw).await
}

#[cfg(test)]
mod tests {
    use super::add_duration;
    use chrono::NaiveDate;

    #[test]
    fn archive_terms_add_calendar_units() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(
            add_duration(d, "P10Y"),
            NaiveDate::from_ymd_opt(2036, 1, 31)
        );
        assert_eq!(add_duration(d, "P1M"), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(add_duration(d, "P2W"), NaiveDate::from_ymd_opt(2026, 2, 14));
        assert_eq!(add_duration(d, "PT1H"), None);
    }
}
