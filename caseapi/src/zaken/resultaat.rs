//! Resultaten: the outcome of a zaak (one per zaak), needed before the zaak can be closed.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::catalogi::Kind;
use crate::error::ApiError;
use crate::fields::{self, Fields};
use crate::filter::Where;
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
    let resultaattype =
        super::catalogi_for_field(&api, &mut f, "resultaattype", Kind::Resultaattype, true).await?;
    let toelichting = f.string("toelichting", false, 1000).unwrap_or_default();
    if let Some((_, zaak)) = &zaak {
        if !zaak["resultaat"].is_null() {
            f.error("zaak", "unique", "Deze zaak heeft al een resultaat.");
        }
        if let Some(rt) = &resultaattype {
            if rt["zaaktype"] != zaak["zaaktype"] {
                f.error(
                    "resultaattype",
                    "zaaktype-mismatch",
                    "Het resultaattype hoort niet bij het zaaktype van de zaak.",
                );
            }
        }
    }
    f.finish()?;
    let (zaak_uuid, zaak) = zaak.expect("validated");
    let resultaattype = resultaattype.expect("validated");
    let uuid = Uuid::new_v4();
    let url = api.urls.resource(Api::Zaken, "resultaten", uuid);
    let resultaat = json!({
        "url": url,
        "uuid": uuid,
        "zaak": zaak["url"],
        "resultaattype": resultaattype["url"],
        "toelichting": toelichting,
    });
    sqlx::query("INSERT INTO resultaten (uuid, seq, zaak_uuid, zaak, resultaattype, data) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid.to_string())
        .bind(super::seq())
        .bind(zaak_uuid.to_string())
        .bind(zaak["url"].as_str().unwrap_or_default().to_owned())
        .bind(resultaattype["url"].as_str().unwrap_or_default().to_owned())
        .bind(resultaat.to_string())
        .execute(&mut *tx)
        .await?;
    let mut zaak = zaak;
    zaak["resultaat"] = json!(url);
    super::zaak::save(&mut tx, zaak_uuid, &zaak).await?;
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    let weergave = resultaattype["omschrijving"]
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
        "resultaat",
        &url,
        &weergave,
        None,
        Some(&resultaat),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&resultaat))
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
    let old = store::get_tx(&mut tx, "resultaten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let merged = if partial {
        fields::merge_patch(old.as_object().expect("object"), &body)
    } else {
        body
    };
    let mut f = Fields::new(&merged);
    let toelichting = f.string("toelichting", false, 1000).unwrap_or_default();
    for name in ["zaak", "resultaattype"] {
        if merged.get(name) != old.get(name) {
            f.error(
                name,
                "wijzigen-niet-toegelaten",
                "Dit veld mag niet gewijzigd worden.",
            );
        }
    }
    f.finish()?;
    let mut resultaat = old.clone();
    resultaat["toelichting"] = json!(toelichting);
    store::put_data(&mut tx, "resultaten", uuid, &resultaat).await?;
    let zaak_url = resultaat["zaak"].as_str().unwrap_or_default().to_owned();
    let url = resultaat["url"].as_str().unwrap_or_default().to_owned();
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
        "resultaat",
        &url,
        "",
        Some(&old),
        Some(&resultaat),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &resultaat))
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
    let resultaat = store::get_tx(&mut tx, "resultaten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    sqlx::query("DELETE FROM resultaten WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    let zaak_url = resultaat["zaak"].as_str().unwrap_or_default().to_owned();
    if let Some(zaak_uuid) = api.urls.parse(&zaak_url, Api::Zaken, "zaken") {
        if let Some(mut zaak) = store::get_tx(&mut tx, "zaken", zaak_uuid).await? {
            zaak["resultaat"] = Value::Null;
            super::zaak::save(&mut tx, zaak_uuid, &zaak).await?;
        }
    }
    let url = resultaat["url"].as_str().unwrap_or_default().to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Destroy,
        &zaak_url,
        "resultaat",
        &url,
        "",
        Some(&resultaat),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let resultaat = store::get(&api.db, "resultaten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &resultaat))
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
    filter.equals(
        &mut query,
        &[("zaak", "zaak"), ("resultaattype", "resultaattype")],
    );
    query.finish()?;
    super::paginated_list(&api, "resultaten", &filter, page, &raw).await
}
