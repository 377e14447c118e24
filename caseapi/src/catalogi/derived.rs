//! Derived fields kept in the served JSON, recomputed inside the write transaction by every
//! write that can change them: the sub-type URL lists of a zaaktype and `isEindstatus` of its
//! statustypen, the fields sub-types take over from their zaaktype, the relation lists of
//! informatieobjecttypen and besluittypen, and the type lists of a catalogus.

use std::collections::BTreeSet;

use serde_json::Value;
use uuid::Uuid;

use super::kind::Kind;
use super::parts;
use super::references;
use super::rules;
use super::storage::{self, Bind, Filter};
use crate::db::Tx;
use crate::error::ApiError;
use crate::store;
use crate::CaseApi;

fn by(column: &str, uuid: Uuid) -> Filter {
    let mut filter = Filter::default();
    filter.eq(column, Bind::text(uuid.to_string()));
    filter
}

fn urls(rows: &[(Uuid, Value)]) -> Vec<Value> {
    rows.iter().map(|(_, data)| data["url"].clone()).collect()
}

async fn save_if_changed(
    tx: &mut Tx,
    table: &'static str,
    uuid: Uuid,
    before: &Value,
    after: &Value,
) -> Result<(), ApiError> {
    if before != after {
        store::put_data(tx, table, uuid, after).await?;
    }
    Ok(())
}

/// The sub-type lists of a zaaktype and `isEindstatus` of its statustypen.
pub async fn zaaktype(tx: &mut Tx, uuid: Uuid) -> Result<(), ApiError> {
    storage::lock(tx, "zaaktypen", uuid).await?;
    let Some(before) = store::get_tx(tx, "zaaktypen", uuid).await? else {
        return Ok(());
    };
    let mut data = before.clone();
    let statustypen =
        storage::select_tx(tx, "statustypen", &by("zaaktype", uuid), "volgnummer, seq").await?;
    let highest = statustypen
        .iter()
        .filter_map(|(_, d)| d["volgnummer"].as_i64())
        .max();
    for (st_uuid, st) in &statustypen {
        let eind = st["volgnummer"].as_i64() == highest;
        if st["isEindstatus"].as_bool() != Some(eind) {
            let mut updated = st.clone();
            updated["isEindstatus"] = Value::Bool(eind);
            store::put_data(tx, "statustypen", *st_uuid, &updated).await?;
        }
    }
    data["statustypen"] = Value::Array(urls(&statustypen));
    for (field, table) in [
        ("roltypen", "roltypen"),
        ("eigenschappen", "eigenschappen"),
        ("resultaattypen", "resultaattypen"),
        ("zaakobjecttypen", "zaakobjecttypen"),
    ] {
        let rows = storage::select_tx(tx, table, &by("zaaktype", uuid), "seq").await?;
        data[field] = Value::Array(urls(&rows));
    }
    let links = storage::select_tx(
        tx,
        "zaaktype_informatieobjecttypen",
        &by("zaaktype", uuid),
        "volgnummer, seq",
    )
    .await?;
    let mut iots: Vec<Value> = Vec::new();
    for (_, link) in &links {
        let iot = link["informatieobjecttype"].clone();
        if !iots.contains(&iot) {
            iots.push(iot);
        }
    }
    data["informatieobjecttypen"] = Value::Array(iots);
    save_if_changed(tx, "zaaktypen", uuid, &before, &data).await
}

/// Copies a zaaktype's identificatie, catalogus, validity and concept state into its sub-types.
pub async fn zaaktype_parts(tx: &mut Tx, api: &CaseApi, uuid: Uuid) -> Result<(), ApiError> {
    storage::lock(tx, "zaaktypen", uuid).await?;
    let Some(zaaktype) = store::get_tx(tx, "zaaktypen", uuid).await? else {
        return Ok(());
    };
    let zaaktype_concept = rules::is_concept(&zaaktype);
    for kind in [
        Kind::Statustype,
        Kind::Roltype,
        Kind::Eigenschap,
        Kind::Resultaattype,
        Kind::ZaaktypeInformatieobjecttype,
        Kind::Zaakobjecttype,
    ] {
        let rows = storage::select_tx(tx, kind.table(), &by("zaaktype", uuid), "seq").await?;
        for (part_uuid, before) in rows {
            let mut data = before.clone();
            let object = data.as_object_mut().expect("served JSON is an object");
            let mut concept = zaaktype_concept;
            if kind == Kind::ZaaktypeInformatieobjecttype {
                object.insert("catalogus".into(), zaaktype["catalogus"].clone());
                object.insert(
                    "zaaktypeIdentificatie".into(),
                    zaaktype["identificatie"].clone(),
                );
                if let Some(iot) = references::uuid_in(
                    api,
                    &before,
                    "informatieobjecttype",
                    Kind::Informatieobjecttype,
                ) {
                    if let Some(iot) = store::get_tx(tx, "informatieobjecttypen", iot).await? {
                        concept |= rules::is_concept(&iot);
                    }
                }
            } else {
                parts::apply_parent_fields(&zaaktype, object);
            }
            save_if_changed(tx, kind.table(), part_uuid, &before, &data).await?;
            let columns = parts::parent_columns(api, uuid, &zaaktype, concept);
            storage::set_columns(tx, kind.table(), part_uuid, &columns).await?;
        }
    }
    Ok(())
}

/// `zaaktypen` and `besluittypen` of an informatieobjecttype, and the concept column of its
/// zaaktype links (a link is definitive once both ends are).
pub async fn informatieobjecttype(tx: &mut Tx, api: &CaseApi, uuid: Uuid) -> Result<(), ApiError> {
    storage::lock(tx, "informatieobjecttypen", uuid).await?;
    let Some(before) = store::get_tx(tx, "informatieobjecttypen", uuid).await? else {
        return Ok(());
    };
    let mut data = before.clone();
    let iot_concept = rules::is_concept(&before);
    let links = storage::select_tx(
        tx,
        "zaaktype_informatieobjecttypen",
        &by("informatieobjecttype", uuid),
        "seq",
    )
    .await?;
    let mut zaaktypen: Vec<Value> = Vec::new();
    for (link_uuid, link) in &links {
        let zaaktype_url = link["zaaktype"].clone();
        let zaaktype_concept = match references::uuid_in(api, link, "zaaktype", Kind::Zaaktype) {
            Some(zt) => store::get_tx(tx, "zaaktypen", zt)
                .await?
                .is_none_or(|zt| rules::is_concept(&zt)),
            None => true,
        };
        storage::set_columns(
            tx,
            "zaaktype_informatieobjecttypen",
            *link_uuid,
            &[("concept", Bind::flag(zaaktype_concept || iot_concept))],
        )
        .await?;
        if !zaaktypen.contains(&zaaktype_url) {
            zaaktypen.push(zaaktype_url);
        }
    }
    data["zaaktypen"] = Value::Array(zaaktypen);
    let url = before["url"].clone();
    let besluittypen = in_catalogus_referring(
        tx,
        api,
        &before,
        "besluittypen",
        "informatieobjecttypen",
        &url,
    )
    .await?;
    data["besluittypen"] = Value::Array(urls(&besluittypen));
    save_if_changed(tx, "informatieobjecttypen", uuid, &before, &data).await
}

/// `zaaktypen`, `resultaattypen` and `resultaattypenOmschrijving` of a besluittype.
pub async fn besluittype(tx: &mut Tx, api: &CaseApi, uuid: Uuid) -> Result<(), ApiError> {
    storage::lock(tx, "besluittypen", uuid).await?;
    let Some(before) = store::get_tx(tx, "besluittypen", uuid).await? else {
        return Ok(());
    };
    let mut data = before.clone();
    let url = before["url"].clone();
    let zaaktypen =
        in_catalogus_referring(tx, api, &before, "zaaktypen", "besluittypen", &url).await?;
    data["zaaktypen"] = Value::Array(urls(&zaaktypen));
    let resultaattypen =
        in_catalogus_referring(tx, api, &before, "resultaattypen", "besluittypen", &url).await?;
    data["resultaattypen"] = Value::Array(urls(&resultaattypen));
    data["resultaattypenOmschrijving"] = Value::Array(
        resultaattypen
            .iter()
            .map(|(_, d)| d["omschrijving"].clone())
            .collect(),
    );
    save_if_changed(tx, "besluittypen", uuid, &before, &data).await
}

/// Rows of `table` in the catalogus of `owner` whose array `field` contains `url`.
async fn in_catalogus_referring(
    tx: &mut Tx,
    api: &CaseApi,
    owner: &Value,
    table: &str,
    field: &str,
    url: &Value,
) -> Result<Vec<(Uuid, Value)>, ApiError> {
    let Some(catalogus) = references::catalogus_of(api, owner) else {
        return Ok(Vec::new());
    };
    let rows = storage::select_tx(tx, table, &by("catalogus", catalogus), "seq").await?;
    Ok(rows
        .into_iter()
        .filter(|(_, d)| d[field].as_array().is_some_and(|items| items.contains(url)))
        .collect())
}

/// The `zaaktypen`, `besluittypen` and `informatieobjecttypen` of a catalogus.
pub async fn catalogus(tx: &mut Tx, uuid: Uuid) -> Result<(), ApiError> {
    storage::lock(tx, "catalogussen", uuid).await?;
    let Some(before) = store::get_tx(tx, "catalogussen", uuid).await? else {
        return Ok(());
    };
    let mut data = before.clone();
    for table in ["zaaktypen", "besluittypen", "informatieobjecttypen"] {
        let rows = storage::select_tx(tx, table, &by("catalogus", uuid), "seq").await?;
        data[table] = Value::Array(urls(&rows));
    }
    save_if_changed(tx, "catalogussen", uuid, &before, &data).await
}

/// Recomputes everything a write of `kind` (served JSON `old` before, `new` after; `None` for
/// creation/deletion) can have changed.
pub async fn after_write(
    tx: &mut Tx,
    api: &CaseApi,
    kind: Kind,
    uuid: Uuid,
    old: Option<&Value>,
    new: Option<&Value>,
) -> Result<(), ApiError> {
    let both: Vec<&Value> = old.into_iter().chain(new).collect();
    let collect = |field: &str, of: Kind| -> BTreeSet<Uuid> {
        both.iter()
            .flat_map(|data| match &data[field] {
                Value::Array(_) => references::uuids_in(api, data, field, of),
                _ => references::uuid_in(api, data, field, of)
                    .into_iter()
                    .collect(),
            })
            .collect()
    };
    let catalogussen = collect("catalogus", Kind::Catalogus);
    let zaaktypen = collect("zaaktype", Kind::Zaaktype);
    let iots_single = collect("informatieobjecttype", Kind::Informatieobjecttype);
    let besluittypen = collect("besluittypen", Kind::Besluittype);
    let iots_list = collect("informatieobjecttypen", Kind::Informatieobjecttype);
    match kind {
        Kind::Catalogus => catalogus(tx, uuid).await?,
        Kind::Zaaktype => {
            zaaktype(tx, uuid).await?;
            zaaktype_parts(tx, api, uuid).await?;
            for c in catalogussen {
                catalogus(tx, c).await?;
            }
            for b in besluittypen {
                besluittype(tx, api, b).await?;
            }
        }
        Kind::Informatieobjecttype => {
            if let Some(data) = new.or(old) {
                repoint_to_current_version(tx, api, Kind::Informatieobjecttype, data).await?;
            }
            informatieobjecttype(tx, api, uuid).await?;
            for c in catalogussen {
                catalogus(tx, c).await?;
            }
        }
        Kind::Besluittype => {
            if let Some(data) = new.or(old) {
                repoint_to_current_version(tx, api, Kind::Besluittype, data).await?;
            }
            besluittype(tx, api, uuid).await?;
            for c in catalogussen {
                catalogus(tx, c).await?;
            }
            for iot in iots_list {
                informatieobjecttype(tx, api, iot).await?;
            }
        }
        Kind::Statustype | Kind::Roltype | Kind::Eigenschap | Kind::Zaakobjecttype => {
            for zt in zaaktypen {
                zaaktype(tx, zt).await?;
            }
        }
        Kind::Resultaattype => {
            for zt in zaaktypen {
                zaaktype(tx, zt).await?;
            }
            for b in besluittypen {
                besluittype(tx, api, b).await?;
            }
        }
        Kind::ZaaktypeInformatieobjecttype => {
            for zt in zaaktypen {
                zaaktype(tx, zt).await?;
            }
            for iot in iots_single {
                informatieobjecttype(tx, api, iot).await?;
            }
        }
    }
    Ok(())
}

/// Catalogi 1.3 relates informatieobjecttypen and besluittypen by `omschrijving` and serves the
/// URL of the current version (published and valid today, see [`references::version_by_name`]).
/// After a write to one version of `kind` (served JSON `version`), every reference in its
/// catalogus to any version with that omschrijving is pointed at the current one: the
/// `informatieobjecttype` of zaaktype-informatieobjecttypen and the `informatieobjecttypen` /
/// `besluittypen` lists of besluittypen, zaaktypen and resultaattypen.
pub async fn repoint_to_current_version(
    tx: &mut Tx,
    api: &CaseApi,
    kind: Kind,
    version: &Value,
) -> Result<(), ApiError> {
    let (Some(catalogus), Some(omschrijving)) = (
        references::catalogus_of(api, version),
        version["omschrijving"].as_str().filter(|o| !o.is_empty()),
    ) else {
        return Ok(());
    };
    let mut filter = by("catalogus", catalogus);
    filter.eq("omschrijving", Bind::text(omschrijving));
    let versions = storage::select_tx(tx, kind.table(), &filter, "seq").await?;
    if versions.len() < 2 {
        return Ok(());
    }
    let Some((current_uuid, current)) =
        references::version_by_name(tx, kind, catalogus, "omschrijving", omschrijving).await?
    else {
        return Ok(());
    };
    let current_url = current["url"].clone();
    let old_urls: Vec<Value> = versions
        .iter()
        .filter(|(uuid, _)| *uuid != current_uuid)
        .map(|(_, data)| data["url"].clone())
        .collect();
    let (list_field, referrers): (&str, &[&'static str]) = match kind {
        Kind::Informatieobjecttype => (
            "informatieobjecttypen",
            &["besluittypen", "zaaktypen", "resultaattypen"],
        ),
        _ => ("besluittypen", &["zaaktypen", "resultaattypen"]),
    };
    let mut touched_zaaktypen = BTreeSet::new();
    for table in referrers {
        for (uuid, before) in
            storage::select_tx(tx, table, &by("catalogus", catalogus), "seq").await?
        {
            let Some(items) = before[list_field].as_array() else {
                continue;
            };
            if !items.iter().any(|item| old_urls.contains(item)) {
                continue;
            }
            // Resultaattypen carry the omschrijvingen beside the URLs; keep them aligned.
            let names_field = match list_field {
                "besluittypen" => "besluittypeOmschrijving",
                _ => "informatieobjecttypeOmschrijving",
            };
            let names = before[names_field].as_array().cloned();
            let mut repointed: Vec<Value> = Vec::new();
            let mut kept_names: Vec<Value> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let item = if old_urls.contains(item) {
                    current_url.clone()
                } else {
                    item.clone()
                };
                if !repointed.contains(&item) {
                    repointed.push(item);
                    if let Some(name) = names.as_ref().and_then(|n| n.get(i)) {
                        kept_names.push(name.clone());
                    }
                }
            }
            let mut data = before.clone();
            data[list_field] = Value::Array(repointed);
            if names.is_some() {
                data[names_field] = Value::Array(kept_names);
            }
            save_if_changed(tx, table, uuid, &before, &data).await?;
        }
    }
    if kind == Kind::Informatieobjecttype {
        let links = storage::select_tx(
            tx,
            "zaaktype_informatieobjecttypen",
            &by("catalogus", catalogus),
            "seq",
        )
        .await?;
        for (uuid, before) in links {
            if !old_urls.contains(&before["informatieobjecttype"]) {
                continue;
            }
            let mut data = before.clone();
            data["informatieobjecttype"] = current_url.clone();
            store::put_data(tx, "zaaktype_informatieobjecttypen", uuid, &data).await?;
            storage::set_columns(
                tx,
                "zaaktype_informatieobjecttypen",
                uuid,
                &[("informatieobjecttype", Bind::text(current_uuid.to_string()))],
            )
            .await?;
            if let Some(zt) = references::uuid_in(api, &data, "zaaktype", Kind::Zaaktype) {
                touched_zaaktypen.insert(zt);
            }
        }
    }
    for zt in touched_zaaktypen {
        zaaktype(tx, zt).await?;
    }
    for (uuid, _) in &versions {
        match kind {
            Kind::Informatieobjecttype => informatieobjecttype(tx, api, *uuid).await?,
            _ => besluittype(tx, api, *uuid).await?,
        }
    }
    Ok(())
}
