//! The HTTP side of every catalogi resource: list (paginated, filtered), create, retrieve (with
//! ETag; HEAD answers the same headers), update (PUT), partial update (PATCH, validated as the
//! merged whole), destroy and publish. Each write is one transaction that also brings the
//! derived fields up to date.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::kind::Kind;
use super::references::{self, Ctx};
use super::rules;
use super::storage::{self, Bind, Filter, Record};
use super::{
    besluittype, catalogus, derived, eigenschap, informatieobjecttype, resultaattype, roltype,
    statustype, zaakobjecttype, zaaktype, ziot,
};
use crate::auth::Caller;
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::merge_patch;
use crate::pagination::Page;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::store;
use crate::urls::Api;
use crate::CaseApi;

/// The routes of one kind.
pub fn routes(kind: Kind) -> Router<CaseApi> {
    let collection = format!("/{}", kind.collection());
    let detail = format!("/{}/{{uuid}}", kind.collection());
    let mut router = Router::new().route(
        &collection,
        get(
            move |_: Caller, State(api): State<CaseApi>, query: Query, RawQuery(raw): RawQuery| {
                list(kind, api, query, raw)
            },
        )
        .post(
            move |_: Caller, State(api): State<CaseApi>, JsonObject(body): JsonObject| {
                create(kind, api, body)
            },
        ),
    );
    let retrieve = get(
        move |_: Caller,
              State(api): State<CaseApi>,
              Path(uuid): Path<String>,
              query: Query,
              headers: HeaderMap| { retrieve(kind, api, uuid, query, headers) },
    );
    router = if kind.is_writable_after_create() {
        router.route(
            &detail,
            retrieve
                .put(
                    move |_: Caller,
                          State(api): State<CaseApi>,
                          Path(uuid): Path<String>,
                          JsonObject(body): JsonObject| {
                        update(kind, api, uuid, body, false)
                    },
                )
                .patch(
                    move |_: Caller,
                          State(api): State<CaseApi>,
                          Path(uuid): Path<String>,
                          JsonObject(body): JsonObject| {
                        update(kind, api, uuid, body, true)
                    },
                )
                .delete(
                    move |_: Caller, State(api): State<CaseApi>, Path(uuid): Path<String>| {
                        destroy(kind, api, uuid)
                    },
                ),
        )
    } else {
        router.route(&detail, retrieve)
    };
    if kind.is_publishable() {
        router = router.route(
            &format!("/{}/{{uuid}}/publish", kind.collection()),
            post(
                move |_: Caller, State(api): State<CaseApi>, Path(uuid): Path<String>| {
                    publish(kind, api, uuid)
                },
            ),
        );
    }
    router
}

/// A malformed uuid in the path is simply a resource that does not exist.
fn parse_uuid(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::NotFound)
}

fn filter(kind: Kind, api: &CaseApi, query: &mut Query) -> Filter {
    match kind {
        Kind::Catalogus => catalogus::filter(query),
        Kind::Zaaktype => zaaktype::filter(api, query),
        Kind::Informatieobjecttype => informatieobjecttype::filter(api, query),
        Kind::Besluittype => besluittype::filter(api, query),
        Kind::Statustype => statustype::filter(api, query),
        Kind::Roltype => roltype::filter(api, query),
        Kind::Eigenschap => eigenschap::filter(api, query),
        Kind::Resultaattype => resultaattype::filter(api, query),
        Kind::ZaaktypeInformatieobjecttype => ziot::filter(api, query),
        Kind::Zaakobjecttype => zaakobjecttype::filter(api, query),
    }
}

/// Validates a body (for PATCH: the merged whole) into what is stored.
pub async fn build(
    kind: Kind,
    ctx: &mut Ctx<'_>,
    body: &Map<String, Value>,
) -> Result<Record, ApiError> {
    match kind {
        Kind::Catalogus => catalogus::build(ctx, body).await,
        Kind::Zaaktype => zaaktype::build(ctx, body).await,
        Kind::Informatieobjecttype => informatieobjecttype::build(ctx, body).await,
        Kind::Besluittype => besluittype::build(ctx, body).await,
        Kind::Statustype => statustype::build(ctx, body).await,
        Kind::Roltype => roltype::build(ctx, body).await,
        Kind::Eigenschap => eigenschap::build(ctx, body).await,
        Kind::Resultaattype => resultaattype::build(ctx, body).await,
        Kind::ZaaktypeInformatieobjecttype => ziot::build(ctx, body).await,
        Kind::Zaakobjecttype => zaakobjecttype::build(ctx, body).await,
    }
}

async fn list(
    kind: Kind,
    api: CaseApi,
    mut query: Query,
    raw: Option<String>,
) -> Result<Response, ApiError> {
    let page = Page::new(query.positive_int("page"));
    let filter = filter(kind, &api, &mut query);
    query.finish()?;
    let (count, results) = storage::list(&api.db, kind.table(), &filter, page).await?;
    if !page.exists(count) {
        return Err(ApiError::NotFound);
    }
    let collection = api.urls.collection(Api::Catalogi, kind.collection());
    let body = page.body(
        &collection,
        raw.as_deref().unwrap_or_default(),
        count,
        results,
    );
    Ok(respond::json(StatusCode::OK, &body))
}

async fn retrieve(
    kind: Kind,
    api: CaseApi,
    uuid: String,
    mut query: Query,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if kind == Kind::Zaaktype {
        // The OAS lists `datumGeldigheid` on the zaaktype detail; a zaaktype URL names one
        // version, so it does not change the answer.
        query.date("datumGeldigheid");
    }
    query.finish()?;
    let uuid = parse_uuid(&uuid)?;
    let data = store::get(&api.db, kind.table(), uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &data))
}

/// Validates and stores a new resource in an open transaction; returns its served JSON. The
/// seed uses this too, so the demo catalogue passes the same rules as API clients.
pub async fn create_in(
    tx: &mut Tx,
    api: &CaseApi,
    kind: Kind,
    body: &Map<String, Value>,
) -> Result<Value, ApiError> {
    let uuid = Uuid::new_v4();
    let record = {
        let mut ctx = Ctx {
            api,
            tx,
            uuid,
            existing: None,
        };
        build(kind, &mut ctx, body).await?
    };
    storage::insert(tx, kind.table(), uuid, &record).await?;
    derived::after_write(tx, api, kind, uuid, None, Some(&record.data)).await?;
    store::get_tx(tx, kind.table(), uuid)
        .await?
        .ok_or_else(|| ApiError::internal("created row is readable"))
}

async fn create(kind: Kind, api: CaseApi, body: Map<String, Value>) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let data = create_in(&mut tx, &api, kind, &body).await?;
    tx.commit().await?;
    Ok(respond::created(&data))
}

async fn update(
    kind: Kind,
    api: CaseApi,
    uuid: String,
    body: Map<String, Value>,
    partial: bool,
) -> Result<Response, ApiError> {
    let uuid = parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let existing = store::get_tx(&mut tx, kind.table(), uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    if kind.is_publishable() {
        rules::check_update_of_type(&existing, &body, partial)?;
    }
    let merged = if partial {
        merge_patch(
            existing.as_object().expect("served JSON is an object"),
            &body,
        )
    } else {
        body
    };
    let record = {
        let mut ctx = Ctx {
            api: &api,
            tx: &mut tx,
            uuid,
            existing: Some(&existing),
        };
        build(kind, &mut ctx, &merged).await?
    };
    storage::update(&mut tx, kind.table(), uuid, &record).await?;
    derived::after_write(
        &mut tx,
        &api,
        kind,
        uuid,
        Some(&existing),
        Some(&record.data),
    )
    .await?;
    let data = store::get_tx(&mut tx, kind.table(), uuid)
        .await?
        .ok_or_else(|| ApiError::internal("updated row is readable"))?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &data))
}

async fn destroy(kind: Kind, api: CaseApi, uuid: String) -> Result<Response, ApiError> {
    let uuid = parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let existing = store::get_tx(&mut tx, kind.table(), uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    if kind.is_publishable() {
        rules::check_delete_of_type(&existing)?;
    }
    if kind.is_zaaktype_part() {
        if let Some(zt) = references::uuid_in(&api, &existing, "zaaktype", Kind::Zaaktype) {
            if let Some(zt) = store::get_tx(&mut tx, "zaaktypen", zt).await? {
                if !rules::is_concept(&zt) {
                    return Err(rules::non_concept_zaaktype());
                }
            }
        }
    }
    match kind {
        Kind::Zaaktype => delete_zaaktype_parts(&mut tx, &api, uuid).await?,
        Kind::Informatieobjecttype => {
            let url = existing["url"].clone();
            unlink_links_to_iot(&mut tx, &api, uuid).await?;
            strip_reference(
                &mut tx,
                &api,
                &existing,
                "besluittypen",
                "informatieobjecttypen",
                &url,
            )
            .await?;
            strip_reference(
                &mut tx,
                &api,
                &existing,
                "resultaattypen",
                "informatieobjecttypen",
                &url,
            )
            .await?;
        }
        Kind::Besluittype => {
            let url = existing["url"].clone();
            strip_reference(&mut tx, &api, &existing, "zaaktypen", "besluittypen", &url).await?;
            strip_reference(
                &mut tx,
                &api,
                &existing,
                "resultaattypen",
                "besluittypen",
                &url,
            )
            .await?;
        }
        _ => {}
    }
    storage::delete(&mut tx, kind.table(), uuid).await?;
    derived::after_write(&mut tx, &api, kind, uuid, Some(&existing), None).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A deleted (concept) zaaktype takes its sub-types with it.
async fn delete_zaaktype_parts(tx: &mut Tx, api: &CaseApi, uuid: Uuid) -> Result<(), ApiError> {
    let mut filter = Filter::default();
    filter.eq("zaaktype", Bind::text(uuid.to_string()));
    let links = storage::select_tx(tx, "zaaktype_informatieobjecttypen", &filter, "seq").await?;
    for kind in [
        Kind::Statustype,
        Kind::Roltype,
        Kind::Eigenschap,
        Kind::Resultaattype,
        Kind::ZaaktypeInformatieobjecttype,
        Kind::Zaakobjecttype,
    ] {
        let rows = storage::select_tx(tx, kind.table(), &filter, "seq").await?;
        for (part, data) in rows {
            storage::delete(tx, kind.table(), part).await?;
            if kind == Kind::Resultaattype {
                for b in references::uuids_in(api, &data, "besluittypen", Kind::Besluittype) {
                    derived::besluittype(tx, api, b).await?;
                }
            }
        }
    }
    for (_, link) in links {
        if let Some(iot) = references::uuid_in(
            api,
            &link,
            "informatieobjecttype",
            Kind::Informatieobjecttype,
        ) {
            derived::informatieobjecttype(tx, api, iot).await?;
        }
    }
    Ok(())
}

/// Deleting a (concept) informatieobjecttype removes its zaaktype links, unless a published
/// zaaktype still uses it.
async fn unlink_links_to_iot(tx: &mut Tx, api: &CaseApi, uuid: Uuid) -> Result<(), ApiError> {
    let mut filter = Filter::default();
    filter.eq("informatieobjecttype", Bind::text(uuid.to_string()));
    let links = storage::select_tx(tx, "zaaktype_informatieobjecttypen", &filter, "seq").await?;
    let mut zaaktypen = Vec::new();
    for (_, link) in &links {
        if let Some(zt) = references::uuid_in(api, link, "zaaktype", Kind::Zaaktype) {
            if let Some(data) = store::get_tx(tx, "zaaktypen", zt).await? {
                if !rules::is_concept(&data) {
                    return Err(rules::non_concept_relation(
                        "Het informatieobjecttype wordt gebruikt door een gepubliceerd zaaktype.",
                    ));
                }
            }
            zaaktypen.push(zt);
        }
    }
    for (link, _) in links {
        storage::delete(tx, "zaaktype_informatieobjecttypen", link).await?;
    }
    for zt in zaaktypen {
        derived::zaaktype(tx, zt).await?;
    }
    Ok(())
}

/// Removes `url` from the array `field` of the rows of `table` in `owner`'s catalogus that
/// contain it, unless such a row is (or belongs to) a published type.
async fn strip_reference(
    tx: &mut Tx,
    api: &CaseApi,
    owner: &Value,
    table: &'static str,
    field: &str,
    url: &Value,
) -> Result<(), ApiError> {
    let Some(catalogus) = references::catalogus_of(api, owner) else {
        return Ok(());
    };
    let mut filter = Filter::default();
    filter.eq("catalogus", Bind::text(catalogus.to_string()));
    filter.eq("concept", Bind::flag(false));
    let published = storage::select_tx(tx, table, &filter, "seq").await?;
    if published
        .iter()
        .any(|(_, d)| d[field].as_array().is_some_and(|items| items.contains(url)))
    {
        return Err(rules::non_concept_relation(
            "Het object wordt gebruikt door een gepubliceerd type.",
        ));
    }
    let mut filter = Filter::default();
    filter.eq("catalogus", Bind::text(catalogus.to_string()));
    for (uuid, mut data) in storage::select_tx(tx, table, &filter, "seq").await? {
        let Some(items) = data[field].as_array_mut() else {
            continue;
        };
        if let Some(position) = items.iter().position(|item| item == url) {
            items.remove(position);
            if let Some(names) = data
                .get_mut(match field {
                    "besluittypen" => "besluittypeOmschrijving",
                    _ => "informatieobjecttypeOmschrijving",
                })
                .and_then(Value::as_array_mut)
            {
                if position < names.len() {
                    names.remove(position);
                }
            }
            store::put_data(tx, table, uuid, &data).await?;
        }
    }
    Ok(())
}

/// Publishes a concept in an open transaction; returns the served JSON.
pub async fn publish_in(
    tx: &mut Tx,
    api: &CaseApi,
    kind: Kind,
    uuid: Uuid,
) -> Result<Value, ApiError> {
    let mut data = store::get_tx(tx, kind.table(), uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    if kind == Kind::Zaaktype {
        check_zaaktype_publishable(tx, api, &data).await?;
    }
    data["concept"] = Value::Bool(false);
    store::put_data(tx, kind.table(), uuid, &data).await?;
    storage::set_columns(tx, kind.table(), uuid, &[("concept", Bind::flag(false))]).await?;
    derived::after_write(tx, api, kind, uuid, None, Some(&data)).await?;
    store::get_tx(tx, kind.table(), uuid)
        .await?
        .ok_or_else(|| ApiError::internal("published row is readable"))
}

async fn publish(kind: Kind, api: CaseApi, uuid: String) -> Result<Response, ApiError> {
    let uuid = parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let data = publish_in(&mut tx, &api, kind, uuid).await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &data))
}

/// ztc-012 (related besluittypen, informatieobjecttypen and deelzaaktypen must be published)
/// plus the completeness Open Zaak checks: two statustypen, a roltype, a resultaattype.
async fn check_zaaktype_publishable(
    tx: &mut Tx,
    api: &CaseApi,
    zaaktype: &Value,
) -> Result<(), ApiError> {
    let mut concept_relations = Vec::new();
    for (field, kind) in [
        ("besluittypen", Kind::Besluittype),
        ("informatieobjecttypen", Kind::Informatieobjecttype),
        ("deelzaaktypen", Kind::Zaaktype),
    ] {
        for related in references::uuids_in(api, zaaktype, field, kind) {
            if let Some(data) = store::get_tx(tx, kind.table(), related).await? {
                if rules::is_concept(&data) {
                    concept_relations.push(data["url"].as_str().unwrap_or_default().to_owned());
                }
            }
        }
    }
    let count = |field: &str| zaaktype[field].as_array().map_or(0, Vec::len);
    rules::PublishCheck {
        concept_relations,
        statustypen: count("statustypen"),
        roltypen: count("roltypen"),
        resultaattypen: count("resultaattypen"),
    }
    .result()
}
