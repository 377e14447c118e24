//! What hangs on a document besides its versions: objectinformatieobjecten (the Documenten
//! side of a zaak–document relation, kept by the Zaken API through [`link_object`] and
//! [`unlink_object`]) and gebruiksrechten (which set `indicatieGebruiksrecht`).

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::urls::Api;
use crate::{store, CaseApi};

/// The document a URL points at, inside `tx`; `None` if it is not a document here.
pub async fn document_for_url(
    tx: &mut Tx,
    api: &CaseApi,
    url: &str,
) -> Result<Option<(Uuid, Value)>, ApiError> {
    match api
        .urls
        .parse(url, Api::Documenten, "enkelvoudiginformatieobjecten")
    {
        Some(uuid) => Ok(store::get_tx(tx, "enkelvoudiginformatieobjecten", uuid)
            .await?
            .map(|d| (uuid, d))),
        None => Ok(None),
    }
}

/// Records that `object` (a zaak or besluit URL) has the document. 400 `bad-url` on
/// `informatieobject` when the document does not exist here.
pub async fn link_object(
    tx: &mut Tx,
    api: &CaseApi,
    informatieobject_url: &str,
    object_url: &str,
    object_type: &str,
) -> Result<(), ApiError> {
    if document_for_url(tx, api, informatieobject_url)
        .await?
        .is_none()
    {
        return Err(ApiError::invalid(
            "informatieobject",
            "bad-url",
            "Het informatieobject bestaat niet.",
        ));
    }
    let uuid = Uuid::new_v4();
    let oio = json!({
        "url": api.urls.resource(Api::Documenten, "objectinformatieobjecten", uuid),
        "informatieobject": informatieobject_url,
        "object": object_url,
        "objectType": object_type,
    });
    let result = sqlx::query("INSERT INTO objectinformatieobjecten (uuid, seq, informatieobject, object, object_type, data) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid.to_string())
        .bind(chrono::Utc::now().timestamp_micros())
        .bind(informatieobject_url.to_owned())
        .bind(object_url.to_owned())
        .bind(object_type.to_owned())
        .bind(oio.to_string())
        .execute(&mut **tx)
        .await;
    match result {
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(ApiError::invalid(
            "nonFieldErrors",
            "unique",
            "Deze relatie bestaat al.",
        )),
        other => other.map(|_| ()).map_err(ApiError::from),
    }
}

/// Removes the relation between `object` and the document (if there is one).
pub async fn unlink_object(
    tx: &mut Tx,
    _api: &CaseApi,
    informatieobject_url: &str,
    object_url: &str,
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM objectinformatieobjecten WHERE informatieobject = $1 AND object = $2")
        .bind(informatieobject_url.to_owned())
        .bind(object_url.to_owned())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn plain_list(
    api: &CaseApi,
    table: &'static str,
    filters: &[(&str, &str)],
    raw: &str,
) -> Result<Response, ApiError> {
    let mut query = Query::parse(raw);
    let mut filter = crate::filter::Where::new();
    filter.equals(&mut query, filters);
    query.finish()?;
    let items = filter.data(&api.db, table, "seq, uuid", None).await?;
    Ok(respond::json(StatusCode::OK, &Value::Array(items)))
}

/// Plain array (not paginated), as the OAS says.
pub async fn oio_list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    plain_list(
        &api,
        "objectinformatieobjecten",
        &[
            ("object", "object"),
            ("informatieobject", "informatieobject"),
        ],
        &raw.unwrap_or_default(),
    )
    .await
}

pub async fn oio_detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let oio = store::get(&api.db, "objectinformatieobjecten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &oio))
}

pub async fn gebruiksrechten_list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    plain_list(
        &api,
        "gebruiksrechten",
        &[("informatieobject", "informatieobject")],
        &raw.unwrap_or_default(),
    )
    .await
}

pub async fn gebruiksrechten_detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let recht = store::get(&api.db, "gebruiksrechten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &recht))
}

/// Sets the document's `indicatieGebruiksrecht` without creating a version (it describes the
/// rights, not the content).
async fn set_indicatie(
    tx: &mut Tx,
    uuid: Uuid,
    document: &mut Value,
    value: Value,
) -> Result<(), ApiError> {
    document["indicatieGebruiksrecht"] = value;
    let versie = document["versie"].as_i64().unwrap_or(1);
    sqlx::query("UPDATE eio_versies SET data = $1 WHERE document_uuid = $2 AND versie = $3")
        .bind(document.to_string())
        .bind(uuid.to_string())
        .bind(versie)
        .execute(&mut **tx)
        .await?;
    store::put_data(tx, "enkelvoudiginformatieobjecten", uuid, document).await
}

pub async fn gebruiksrechten_create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let mut f = Fields::new(&body);
    let informatieobject = f.url("informatieobject", true);
    let startdatum = f.datetime("startdatum", true);
    let einddatum = f.datetime("einddatum", false);
    let voorwaarden = f.string("omschrijvingVoorwaarden", true, 10_000);
    let document = match &informatieobject {
        Some(url) => {
            let found = document_for_url(&mut tx, &api, url).await?;
            if found.is_none() {
                f.error(
                    "informatieobject",
                    "bad-url",
                    "Het informatieobject bestaat niet.",
                );
            }
            found
        }
        None => None,
    };
    if let (Some(start), Some(eind)) = (startdatum, einddatum) {
        if eind < start {
            f.error(
                "einddatum",
                "invalid",
                "De einddatum ligt voor de startdatum.",
            );
        }
    }
    f.finish()?;
    let (document_uuid, mut document) = document.expect("validated");
    let uuid = Uuid::new_v4();
    let url = api.urls.resource(Api::Documenten, "gebruiksrechten", uuid);
    let format =
        |d: chrono::DateTime<chrono::Utc>| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let recht = json!({
        "url": url,
        "informatieobject": informatieobject,
        "startdatum": startdatum.map(format),
        "einddatum": einddatum.map(format),
        "omschrijvingVoorwaarden": voorwaarden,
    });
    sqlx::query(
        "INSERT INTO gebruiksrechten (uuid, seq, informatieobject, data) VALUES ($1, $2, $3, $4)",
    )
    .bind(uuid.to_string())
    .bind(chrono::Utc::now().timestamp_micros())
    .bind(informatieobject.clone().unwrap_or_default())
    .bind(recht.to_string())
    .execute(&mut *tx)
    .await?;
    set_indicatie(&mut tx, document_uuid, &mut document, json!(true)).await?;
    super::document::audit(
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &document,
        "gebruiksrechten",
        &url,
        None,
        Some(&recht),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&recht))
}

pub async fn gebruiksrechten_destroy(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let mut tx = api.db.begin().await?;
    let recht = store::get_tx(&mut tx, "gebruiksrechten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    sqlx::query("DELETE FROM gebruiksrechten WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    let io_url = recht["informatieobject"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if let Some((document_uuid, mut document)) = document_for_url(&mut tx, &api, &io_url).await? {
        let remaining = sqlx::query("SELECT 1 FROM gebruiksrechten WHERE informatieobject = $1")
            .bind(io_url.clone())
            .fetch_optional(&mut *tx)
            .await?;
        if remaining.is_none() {
            // The last one gone: the rights are unknown again, not "none".
            set_indicatie(&mut tx, document_uuid, &mut document, Value::Null).await?;
        }
        let url = recht["url"].as_str().unwrap_or_default().to_owned();
        super::document::audit(
            &mut tx,
            &caller,
            &headers,
            Actie::Destroy,
            &document,
            "gebruiksrechten",
            &url,
            Some(&recht),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
