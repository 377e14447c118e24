//! The Zaken API 1.5.1: zaken and what hangs under them (statussen, rollen, resultaten,
//! zaakeigenschappen, zaakinformatieobjecten, klantcontacten), the audit trail, CRS negotiation and `expand`.
//!
//! Storage follows `store.rs`: each table's `data` is the served JSON, and the derived fields
//! of a zaak (`status`, `resultaat`, `rollen`, `eigenschappen`, `deelzaken`, `einddatum`, …)
//! are rewritten by the sub-resource writes that change them, in the same transaction.
//!
//! Authorisation: every configured client currently has all scopes, including
//! `zaken.geforceerd-bijwerken` and `zaken.heropenen`, so changes to a closed zaak are allowed
//! (the reference refuses them only for clients without those scopes). When the Autorisaties
//! API arrives, [`zaak::ensure_open_or_forced`] is where that check lives.

mod crs;
mod expand;
mod klantcontact;
mod resultaat;
mod rol;
mod status;
mod zaak;
mod zaakeigenschap;
mod zaakinformatieobject;

use axum::http::HeaderMap;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::audit::{self, Actie};
use crate::auth::Caller;
use crate::catalogi::{self, Kind};
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::Fields;
use crate::urls::Api;
use crate::{store, CaseApi};

/// Routes of the Zaken API, relative to its root.
pub fn router() -> Router<CaseApi> {
    Router::new()
        .route("/zaken", get(zaak::list).post(zaak::create))
        .route("/zaken/_zoek", axum::routing::post(zaak::search))
        .route(
            "/zaken/{uuid}",
            get(zaak::detail)
                .put(zaak::update)
                .patch(zaak::partial_update)
                .delete(zaak::destroy),
        )
        .route("/zaken/{uuid}/audittrail", get(zaak::audittrail_list))
        .route(
            "/zaken/{uuid}/audittrail/{audit_uuid}",
            get(zaak::audittrail_detail),
        )
        .route(
            "/zaken/{uuid}/zaakeigenschappen",
            get(zaakeigenschap::list).post(zaakeigenschap::create),
        )
        .route(
            "/zaken/{uuid}/zaakeigenschappen/{eigenschap_uuid}",
            get(zaakeigenschap::detail)
                .put(zaakeigenschap::update)
                .patch(zaakeigenschap::partial_update)
                .delete(zaakeigenschap::destroy),
        )
        .route(
            "/zaakinformatieobjecten",
            get(zaakinformatieobject::list).post(zaakinformatieobject::create),
        )
        .route(
            "/zaakinformatieobjecten/{uuid}",
            get(zaakinformatieobject::detail)
                .put(zaakinformatieobject::update)
                .patch(zaakinformatieobject::partial_update)
                .delete(zaakinformatieobject::destroy),
        )
        .route(
            "/klantcontacten",
            get(klantcontact::list).post(klantcontact::create),
        )
        .route("/klantcontacten/{uuid}", get(klantcontact::detail))
        .route("/statussen", get(status::list).post(status::create))
        .route("/statussen/{uuid}", get(status::detail))
        .route("/rollen", get(rol::list).post(rol::create))
        .route("/rollen/{uuid}", get(rol::detail).delete(rol::destroy))
        .route("/resultaten", get(resultaat::list).post(resultaat::create))
        .route(
            "/resultaten/{uuid}",
            get(resultaat::detail)
                .put(resultaat::update)
                .patch(resultaat::partial_update)
                .delete(resultaat::destroy),
        )
}

/// The current time as the API writes date-times.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A monotonic-enough ordering key for rows (creation time in microseconds).
fn seq() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

fn zaak_url(api: &CaseApi, uuid: Uuid) -> String {
    api.urls.resource(Api::Zaken, "zaken", uuid)
}

/// The served zaak a `zaak` field points at, read inside the write transaction. Records a
/// field error (`bad-url` for a URL that is not a zaak here) and returns `None` when invalid.
async fn zaak_for_field(
    api: &CaseApi,
    tx: &mut Tx,
    fields: &mut Fields<'_>,
    name: &str,
) -> Result<Option<(Uuid, Value)>, ApiError> {
    let Some(url) = fields.url(name, true) else {
        return Ok(None);
    };
    let Some(uuid) = api.urls.parse(&url, Api::Zaken, "zaken") else {
        fields.error(
            name,
            "bad-url",
            "De URL verwijst niet naar een zaak van deze API.",
        );
        return Ok(None);
    };
    match store::get_tx(tx, "zaken", uuid).await? {
        Some(zaak) => Ok(Some((uuid, zaak))),
        None => {
            fields.error(name, "bad-url", "De zaak bestaat niet.");
            Ok(None)
        }
    }
}

/// The served catalogi resource of `kind` a field points at; records `bad-url` when the URL
/// is not such a resource of this provider's catalogue.
async fn catalogi_for_field(
    api: &CaseApi,
    fields: &mut Fields<'_>,
    name: &str,
    kind: Kind,
    required: bool,
) -> Result<Option<Value>, ApiError> {
    let Some(url) = fields.url(name, required) else {
        return Ok(None);
    };
    match catalogi::lookup(api, kind, &url).await? {
        Some(resource) => Ok(Some(resource)),
        None => {
            fields.error(
                name,
                "bad-url",
                "De URL verwijst niet naar een bestaand object van het juiste type.",
            );
            Ok(None)
        }
    }
}

/// Writes an audit record in the zaak's trail (`bron` zrc).
#[expect(
    clippy::too_many_arguments,
    reason = "one audit record has this many parts"
)]
async fn audit(
    api: &CaseApi,
    tx: &mut Tx,
    caller: &Caller,
    headers: &HeaderMap,
    actie: Actie,
    zaak_url: &str,
    resource: &str,
    resource_url: &str,
    weergave: &str,
    oud: Option<&Value>,
    nieuw: Option<&Value>,
) -> Result<(), ApiError> {
    let toelichting = headers
        .get("x-audit-toelichting")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let audittrail_base = format!("{zaak_url}/audittrail");
    audit::record(
        tx,
        audit::Entry {
            bron: "zrc",
            caller,
            actie,
            hoofd_object: zaak_url,
            resource,
            resource_url,
            resource_weergave: weergave,
            toelichting,
            oud,
            nieuw,
        },
        |uuid| format!("{audittrail_base}/{uuid}"),
    )
    .await?;
    if api.has_subscribers() {
        let zaak = if resource == "zaak" {
            nieuw.or(oud).cloned()
        } else {
            match api.urls.parse(zaak_url, Api::Zaken, "zaken") {
                Some(uuid) => store::get_tx(tx, "zaken", uuid).await?,
                None => None,
            }
        };
        crate::notificaties::enqueue(
            api,
            tx,
            crate::notificaties::Event {
                kanaal: "zaken",
                hoofd_object: zaak_url,
                resource,
                resource_url,
                actie,
                hoofd: zaak.as_ref(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Adds `url` to (or removes it from) the zaak's array field `field`, e.g. `rollen`.
async fn update_zaak_list(
    tx: &mut Tx,
    zaak_uuid: Uuid,
    field: &str,
    url: &str,
    add: bool,
) -> Result<Value, ApiError> {
    let mut zaak = store::get_tx(tx, "zaken", zaak_uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let list = zaak[field].as_array_mut().ok_or_else(|| {
        ApiError::internal(format!("zaak {zaak_uuid} has no array field {field}"))
    })?;
    list.retain(|item| item.as_str() != Some(url));
    if add {
        list.push(json!(url));
    }
    store::put_data(tx, "zaken", zaak_uuid, &zaak).await?;
    Ok(zaak)
}

/// The uuid path parameter, 404 when it is not a uuid.
fn parse_uuid(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::NotFound)
}

/// A paginated list of a sub-resource table, in creation order.
async fn paginated_list(
    api: &CaseApi,
    table: &'static str,
    filter: &crate::filter::Where,
    page: crate::pagination::Page,
    raw_query: &str,
) -> Result<axum::response::Response, ApiError> {
    let count = filter.count(&api.db, table).await?;
    if !page.exists(count) {
        return Err(ApiError::NotFound);
    }
    let results = filter
        .data(
            &api.db,
            table,
            "seq, uuid",
            Some((page.limit(), page.offset())),
        )
        .await?;
    let body = page.body(
        &api.urls.collection(Api::Zaken, table),
        raw_query,
        count,
        results,
    );
    Ok(crate::respond::json(axum::http::StatusCode::OK, &body))
}

/// A plain (unpaginated) array answer of a table's matching rows, in creation order.
async fn plain_list(
    api: &CaseApi,
    table: &'static str,
    filter: &crate::filter::Where,
) -> Result<axum::response::Response, ApiError> {
    let items = filter.data(&api.db, table, "seq, uuid", None).await?;
    Ok(crate::respond::json(
        axum::http::StatusCode::OK,
        &Value::Array(items),
    ))
}
