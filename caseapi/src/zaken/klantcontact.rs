//! Klantcontacten: contact moments about a zaak (a phone call, a visit to the desk). Created
//! and read; the standard has no update or delete.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Datelike;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::fields::Fields;
use crate::filter::Where;
use crate::identificatie;
use crate::pagination::Page;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::urls::Api;
use crate::{store, CaseApi};

pub async fn create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let mut f = Fields::new(&body);
    let zaak = super::zaak_for_field(&api, &mut tx, &mut f, "zaak").await?;
    let given = f.string("identificatie", false, 14).unwrap_or_default();
    let datumtijd = f.datetime("datumtijd", true);
    let kanaal = f.string("kanaal", false, 20).unwrap_or_default();
    let onderwerp = f.string("onderwerp", false, 200).unwrap_or_default();
    let toelichting = f.string("toelichting", false, 1000).unwrap_or_default();
    f.finish()?;
    let (zaak_uuid, zaak) = zaak.expect("validated");
    let identificatie = if given.is_empty() {
        // 14 characters at most: KC, the year and eight digits of a counter per year.
        let year = chrono::Utc::now().year();
        let next = identificatie::next(&mut tx, "KC", "", year).await?;
        let number: u64 = next
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_default();
        format!("KC{year}{number:08}")
    } else {
        given
    };
    let uuid = Uuid::new_v4();
    let url = api.urls.resource(Api::Zaken, "klantcontacten", uuid);
    let contact = json!({
        "url": url,
        "uuid": uuid,
        "zaak": zaak["url"],
        "identificatie": identificatie,
        "datumtijd": datumtijd.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        "kanaal": kanaal,
        "onderwerp": onderwerp,
        "toelichting": toelichting,
    });
    let inserted = sqlx::query("INSERT INTO klantcontacten (uuid, seq, zaak_uuid, zaak, identificatie, data) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid.to_string())
        .bind(super::seq())
        .bind(zaak_uuid.to_string())
        .bind(zaak["url"].as_str().unwrap_or_default().to_owned())
        .bind(identificatie.clone())
        .bind(contact.to_string())
        .execute(&mut *tx)
        .await;
    match inserted {
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(ApiError::invalid(
                "identificatie",
                "unique",
                "Deze identificatie bestaat al.",
            ))
        }
        other => other?,
    };
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &zaak_url,
        "klantcontact",
        &url,
        &identificatie,
        None,
        Some(&contact),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&contact))
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let contact = store::get(&api.db, "klantcontacten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &contact))
}

pub async fn list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let raw = raw.unwrap_or_default();
    let mut query = Query::parse(&raw);
    let page = Page::new(query.positive_int("page"));
    let mut filter = Where::new();
    filter.equals(&mut query, &[("zaak", "zaak")]);
    query.finish()?;
    super::paginated_list(&api, "klantcontacten", &filter, page, &raw).await
}
