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

/// Date-time filters of the gebruiksrechten list: parameter → (column, operator).
const RECHT_DATE_FILTERS: [(&str, &str, &str); 8] = [
    ("startdatum__lt", "startdatum", "<"),
    ("startdatum__lte", "startdatum", "<="),
    ("startdatum__gt", "startdatum", ">"),
    ("startdatum__gte", "startdatum", ">="),
    ("einddatum__lt", "einddatum", "<"),
    ("einddatum__lte", "einddatum", "<="),
    ("einddatum__gt", "einddatum", ">"),
    ("einddatum__gte", "einddatum", ">="),
];

/// The sortable text form of a date-time in the `startdatum`/`einddatum` columns: UTC, fixed
/// width, so text comparison is time comparison on both databases.
fn date_key(moment: chrono::DateTime<chrono::Utc>) -> String {
    moment.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The column value for a served date-time (`None` for null or absent).
fn served_date_key(value: &Value) -> Option<String> {
    value
        .as_str()
        .and_then(crate::query::parse_datetime)
        .map(date_key)
}

/// Fills the filter columns of gebruiksrechten stored before they existed (migration 0006),
/// from the served JSON. Runs when the provider opens; does nothing once every row has them.
pub async fn backfill_gebruiksrechten(db: &crate::db::Db) -> Result<u64, ApiError> {
    use sqlx::Row;
    let rows = sqlx::query("SELECT uuid, data FROM gebruiksrechten WHERE startdatum IS NULL")
        .fetch_all(db.writer())
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    for row in &rows {
        let uuid: String = row.try_get(0)?;
        let data: String = row.try_get(1)?;
        let recht: Value = serde_json::from_str(&data).map_err(ApiError::internal)?;
        sqlx::query("UPDATE gebruiksrechten SET startdatum = $1, einddatum = $2 WHERE uuid = $3")
            // An unreadable startdatum (never written by us) still gets a value, so the
            // backfill does not run again for it.
            .bind(served_date_key(&recht["startdatum"]).unwrap_or_default())
            .bind(served_date_key(&recht["einddatum"]))
            .bind(uuid)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len() as u64)
}

/// `expand=informatieobject` (and `informatieobject.informatieobjecttype`) on gebruiksrechten.
fn recht_expand(query: &mut Query) -> Result<Vec<String>, ApiError> {
    let expand = query.list("expand");
    if expand
        .iter()
        .any(|e| e != "informatieobject" && e != "informatieobject.informatieobjecttype")
    {
        return Err(ApiError::invalid(
            "expand",
            "invalid-expand",
            "Alleen informatieobject en informatieobject.informatieobjecttype kunnen ge-expand \
             worden.",
        ));
    }
    Ok(expand)
}

async fn expand_recht(api: &CaseApi, recht: &mut Value, expand: &[String]) -> Result<(), ApiError> {
    if expand.is_empty() {
        return Ok(());
    }
    let url = recht["informatieobject"].as_str().unwrap_or_default();
    let mut document = match api
        .urls
        .parse(url, Api::Documenten, "enkelvoudiginformatieobjecten")
    {
        Some(uuid) => store::get(&api.db, "enkelvoudiginformatieobjecten", uuid).await?,
        None => None,
    };
    if let Some(document) = document.as_mut() {
        if expand
            .iter()
            .any(|e| e == "informatieobject.informatieobjecttype")
        {
            super::document::expand_type(api, document, &["informatieobjecttype".to_owned()])
                .await?;
        }
    }
    recht["_expand"] = json!({"informatieobject": document});
    Ok(())
}

/// Plain array (not paginated), as the OAS says, with its date-time filters.
pub async fn gebruiksrechten_list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut query = Query::parse(&raw.unwrap_or_default());
    let mut filter = crate::filter::Where::new();
    filter.equals(&mut query, &[("informatieobject", "informatieobject")]);
    for (name, column, operator) in RECHT_DATE_FILTERS {
        if let Some(moment) = query.datetime(name) {
            filter.add(&format!("{column} {operator} {{}}"), date_key(moment));
        }
    }
    let expand = recht_expand(&mut query)?;
    query.finish()?;
    let mut items = filter
        .data(&api.db, "gebruiksrechten", "seq, uuid", None)
        .await?;
    for recht in &mut items {
        expand_recht(&api, recht, &expand).await?;
    }
    Ok(respond::json(StatusCode::OK, &Value::Array(items)))
}

pub async fn gebruiksrechten_detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    mut query: Query,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let expand = recht_expand(&mut query)?;
    query.finish()?;
    let mut recht = store::get(&api.db, "gebruiksrechten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    expand_recht(&api, &mut recht, &expand).await?;
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

/// A validated gebruiksrecht body: the served fields (without `url`) and its document.
struct ValidRecht {
    informatieobject: String,
    startdatum: chrono::DateTime<chrono::Utc>,
    einddatum: Option<chrono::DateTime<chrono::Utc>>,
    voorwaarden: String,
    document_uuid: Uuid,
    document: Value,
}

/// The rules of create and update (PUT, and PATCH merged over the stored one): every required
/// field, einddatum not before startdatum, the document exists here, and on an update the
/// document stays the same (the reference implementation's `IsImmutableValidator`:
/// `wijzigen-niet-toegelaten`).
async fn validate_recht(
    tx: &mut Tx,
    api: &CaseApi,
    body: &serde_json::Map<String, Value>,
    existing: Option<&Value>,
) -> Result<ValidRecht, ApiError> {
    let mut f = Fields::new(body);
    let informatieobject = f.url("informatieobject", true);
    let startdatum = f.datetime("startdatum", true);
    let einddatum = f.datetime("einddatum", false);
    let voorwaarden = f.string("omschrijvingVoorwaarden", true, 10_000);
    let mut document = None;
    if let Some(url) = &informatieobject {
        match existing {
            Some(old) if old["informatieobject"].as_str() != Some(url.as_str()) => f.error(
                "informatieobject",
                "wijzigen-niet-toegelaten",
                "Dit veld mag niet gewijzigd worden.",
            ),
            _ => {
                document = document_for_url(tx, api, url).await?;
                if document.is_none() {
                    f.error(
                        "informatieobject",
                        "bad-url",
                        "Het informatieobject bestaat niet.",
                    );
                }
            }
        }
    }
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
    let (document_uuid, document) = document.expect("validated");
    // Served (and filtered) to the second, as created.
    let whole_seconds = |d: chrono::DateTime<chrono::Utc>| {
        chrono::DateTime::from_timestamp(d.timestamp(), 0).unwrap_or(d)
    };
    Ok(ValidRecht {
        informatieobject: informatieobject.expect("validated"),
        startdatum: whole_seconds(startdatum.expect("validated")),
        einddatum: einddatum.map(whole_seconds),
        voorwaarden: voorwaarden.expect("validated"),
        document_uuid,
        document,
    })
}

impl ValidRecht {
    fn served(&self, url: &str) -> Value {
        let format =
            |d: chrono::DateTime<chrono::Utc>| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        json!({
            "url": url,
            "informatieobject": self.informatieobject,
            "startdatum": format(self.startdatum),
            "einddatum": self.einddatum.map(format),
            "omschrijvingVoorwaarden": self.voorwaarden,
        })
    }
}

pub async fn gebruiksrechten_create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let valid = validate_recht(&mut tx, &api, &body, None).await?;
    let uuid = Uuid::new_v4();
    let url = api.urls.resource(Api::Documenten, "gebruiksrechten", uuid);
    let recht = valid.served(&url);
    sqlx::query(
        "INSERT INTO gebruiksrechten (uuid, seq, informatieobject, startdatum, einddatum, data) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid.to_string())
    .bind(chrono::Utc::now().timestamp_micros())
    .bind(valid.informatieobject.clone())
    .bind(date_key(valid.startdatum))
    .bind(valid.einddatum.map(date_key))
    .bind(recht.to_string())
    .execute(&mut *tx)
    .await?;
    let mut document = valid.document;
    set_indicatie(&mut tx, valid.document_uuid, &mut document, json!(true)).await?;
    super::document::audit(
        &api,
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

/// PUT (`partial` false: the body is the whole resource) and PATCH (merged over the stored one,
/// then validated like a PUT). The document's `indicatieGebruiksrecht` stays `true`.
async fn gebruiksrechten_update_with(
    api: CaseApi,
    caller: Caller,
    headers: HeaderMap,
    uuid: String,
    body: serde_json::Map<String, Value>,
    partial: bool,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let mut tx = api.db.begin().await?;
    let old = store::get_tx(&mut tx, "gebruiksrechten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let merged = if partial {
        crate::fields::merge_patch(old.as_object().expect("stored object"), &body)
    } else {
        body
    };
    let valid = validate_recht(&mut tx, &api, &merged, Some(&old)).await?;
    let url = old["url"].as_str().unwrap_or_default().to_owned();
    let recht = valid.served(&url);
    sqlx::query(
        "UPDATE gebruiksrechten SET startdatum = $1, einddatum = $2, data = $3 WHERE uuid = $4",
    )
    .bind(date_key(valid.startdatum))
    .bind(valid.einddatum.map(date_key))
    .bind(recht.to_string())
    .bind(uuid.to_string())
    .execute(&mut *tx)
    .await?;
    let actie = if partial {
        Actie::PartialUpdate
    } else {
        Actie::Update
    };
    super::document::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        actie,
        &valid.document,
        "gebruiksrechten",
        &url,
        Some(&old),
        Some(&recht),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &recht))
}

pub async fn gebruiksrechten_update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    gebruiksrechten_update_with(api, caller, headers, uuid, body, false).await
}

pub async fn gebruiksrechten_partial_update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    gebruiksrechten_update_with(api, caller, headers, uuid, body, true).await
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
            &api,
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
