//! Zaakinformatieobjecten: which documents belong to a zaak. Each relation is mirrored in the
//! Documenten API as an objectinformatieobject, in the same transaction.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use sqlx::Row;
use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::documenten;
use crate::error::ApiError;
use crate::fields::{self, Fields};
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
    let informatieobject = f.url("informatieobject", true);
    let titel = f.string("titel", false, 200).unwrap_or_default();
    let beschrijving = f.string("beschrijving", false, 10_000).unwrap_or_default();
    let vernietigingsdatum = f
        .datetime("vernietigingsdatum", false)
        .map(|d| json!(d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
        .unwrap_or(Value::Null);
    let status = f
        .url("status", false)
        .map(Value::String)
        .unwrap_or(Value::Null);
    let document = match &informatieobject {
        Some(url) => documenten::document_for_url(&mut tx, &api, url).await?,
        None => None,
    };
    if informatieobject.is_some() && document.is_none() {
        f.error(
            "informatieobject",
            "bad-url",
            "Het informatieobject bestaat niet in deze Documenten API.",
        );
    }
    if let (Some((zaak_uuid, zaak)), Some((_, document))) = (&zaak, &document) {
        let allowed = zaak_allows_type(&api, zaak, &document["informatieobjecttype"]).await?;
        if !allowed {
            f.non_field_error(
                "missing-zaaktype-informatieobjecttype-relation",
                "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.",
            );
        }
        let exists = sqlx::query(
            "SELECT 1 FROM zaakinformatieobjecten WHERE zaak_uuid = $1 AND informatieobject = $2",
        )
        .bind(zaak_uuid.to_string())
        .bind(informatieobject.clone().unwrap_or_default())
        .fetch_optional(&mut *tx)
        .await?;
        if exists.is_some() {
            f.non_field_error("unique", "Dit document hoort al bij deze zaak.");
        }
    }
    f.finish()?;
    let (zaak_uuid, zaak) = zaak.expect("validated");
    let informatieobject = informatieobject.expect("validated");
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    let uuid = Uuid::new_v4();
    let url = api
        .urls
        .resource(Api::Zaken, "zaakinformatieobjecten", uuid);
    let zio = json!({
        "url": url,
        "uuid": uuid,
        "informatieobject": informatieobject,
        "zaak": zaak_url,
        "aardRelatieWeergave": "Hoort bij, omgekeerd: kent",
        "titel": titel,
        "beschrijving": beschrijving,
        "registratiedatum": super::now(),
        "vernietigingsdatum": vernietigingsdatum,
        "status": status,
    });
    sqlx::query("INSERT INTO zaakinformatieobjecten (uuid, seq, zaak_uuid, zaak, informatieobject, data) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid.to_string())
        .bind(super::seq())
        .bind(zaak_uuid.to_string())
        .bind(zaak_url.clone())
        .bind(informatieobject.clone())
        .bind(zio.to_string())
        .execute(&mut *tx)
        .await?;
    documenten::link_object(&mut tx, &api, &informatieobject, &zaak_url, "zaak").await?;
    let updated =
        super::update_zaak_list(&mut tx, zaak_uuid, "zaakinformatieobjecten", &url, true).await?;
    super::zaak::save(&mut tx, zaak_uuid, &updated).await?;
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &zaak_url,
        "zaakinformatieobject",
        &url,
        &titel,
        None,
        Some(&zio),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&zio))
}

/// True if the document's informatieobjecttype is one of the zaaktype's.
async fn zaak_allows_type(
    api: &CaseApi,
    zaak: &Value,
    informatieobjecttype: &Value,
) -> Result<bool, ApiError> {
    let zaaktype = crate::catalogi::lookup(
        api,
        crate::catalogi::Kind::Zaaktype,
        zaak["zaaktype"].as_str().unwrap_or_default(),
    )
    .await?;
    Ok(zaaktype
        .and_then(|z| z["informatieobjecttypen"].as_array().cloned())
        .is_some_and(|types| types.contains(informatieobjecttype)))
}

pub async fn list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut query = Query::parse(&raw.unwrap_or_default());
    let mut filter = crate::filter::Where::new();
    filter.equals(
        &mut query,
        &[("zaak", "zaak"), ("informatieobject", "informatieobject")],
    );
    query.finish()?;
    super::plain_list(&api, "zaakinformatieobjecten", &filter).await
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let zio = store::get(&api.db, "zaakinformatieobjecten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &zio))
}

async fn update_with(
    api: CaseApi,
    caller: Caller,
    headers: HeaderMap,
    uuid: String,
    body: Map<String, Value>,
    partial: bool,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let old = store::get_tx(&mut tx, "zaakinformatieobjecten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let merged = if partial {
        fields::merge_patch(old.as_object().expect("object"), &body)
    } else {
        body
    };
    let mut f = Fields::new(&merged);
    let titel = f.string("titel", false, 200).unwrap_or_default();
    let beschrijving = f.string("beschrijving", false, 10_000).unwrap_or_default();
    for name in ["zaak", "informatieobject"] {
        if merged.get(name) != old.get(name) {
            f.error(
                name,
                "wijzigen-niet-toegelaten",
                "Dit veld mag niet gewijzigd worden.",
            );
        }
    }
    f.finish()?;
    let mut zio = old.clone();
    zio["titel"] = json!(titel);
    zio["beschrijving"] = json!(beschrijving);
    store::put_data(&mut tx, "zaakinformatieobjecten", uuid, &zio).await?;
    let zaak_url = zio["zaak"].as_str().unwrap_or_default().to_owned();
    let url = zio["url"].as_str().unwrap_or_default().to_owned();
    let actie = if partial {
        Actie::PartialUpdate
    } else {
        Actie::Update
    };
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        actie,
        &zaak_url,
        "zaakinformatieobject",
        &url,
        &titel,
        Some(&old),
        Some(&zio),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &zio))
}

pub async fn update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    update_with(api, caller, headers, uuid, body, false).await
}

pub async fn partial_update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    update_with(api, caller, headers, uuid, body, true).await
}

pub async fn destroy(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let zio = store::get_tx(&mut tx, "zaakinformatieobjecten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    sqlx::query("DELETE FROM zaakinformatieobjecten WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    let zaak_url = zio["zaak"].as_str().unwrap_or_default().to_owned();
    let informatieobject = zio["informatieobject"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    documenten::unlink_object(&mut tx, &api, &informatieobject, &zaak_url).await?;
    let url = zio["url"].as_str().unwrap_or_default().to_owned();
    if let Some(zaak_uuid) = api.urls.parse(&zaak_url, Api::Zaken, "zaken") {
        let updated =
            super::update_zaak_list(&mut tx, zaak_uuid, "zaakinformatieobjecten", &url, false)
                .await?;
        super::zaak::save(&mut tx, zaak_uuid, &updated).await?;
    }
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Destroy,
        &zaak_url,
        "zaakinformatieobject",
        &url,
        "",
        Some(&zio),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Before a zaak is deleted: remove the Documenten mirrors of its relations.
pub async fn unlink_all(
    tx: &mut crate::db::Tx,
    api: &CaseApi,
    zaak_uuid: Uuid,
    zaak_url: &str,
) -> Result<(), ApiError> {
    let rows =
        sqlx::query("SELECT informatieobject FROM zaakinformatieobjecten WHERE zaak_uuid = $1")
            .bind(zaak_uuid.to_string())
            .fetch_all(&mut **tx)
            .await?;
    for row in rows {
        let informatieobject: String = row.try_get(0)?;
        documenten::unlink_object(tx, api, &informatieobject, zaak_url).await?;
    }
    Ok(())
}

/// Documents of the zaak whose `indicatieGebruiksrecht` is not set (closing needs it set).
pub async fn documents_without_gebruiksrecht(
    tx: &mut crate::db::Tx,
    api: &CaseApi,
    zaak_uuid: Uuid,
) -> Result<usize, ApiError> {
    let rows =
        sqlx::query("SELECT informatieobject FROM zaakinformatieobjecten WHERE zaak_uuid = $1")
            .bind(zaak_uuid.to_string())
            .fetch_all(&mut **tx)
            .await?;
    let mut unset = 0;
    for row in rows {
        let url: String = row.try_get(0)?;
        if let Some((_, document)) = documenten::document_for_url(tx, api, &url).await? {
            if document["indicatieGebruiksrecht"].is_null() {
                unset += 1;
            }
        }
    }
    Ok(unset)
}
