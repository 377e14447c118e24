//! The zaak resource: create, read, list (filters, ordering, pagination, expand), `_zoek`,
//! update, partial update, delete, and the zaak's audit trail.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::crs;
use super::expand::{Expand, Expander};
use crate::audit::{self, Actie};
use crate::auth::Caller;
use crate::catalogi::Kind;
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::{self, Fields};
use crate::filter::Where;
use crate::identificatie;
use crate::pagination::Page;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::urls::Api;
use crate::{store, CaseApi};

/// Confidentiality levels from open to secret; the index is the rank used by
/// `maximaleVertrouwelijkheidaanduiding`.
pub const VERTROUWELIJKHEID: [&str; 8] = [
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
];

fn rank(vertrouwelijkheid: &str) -> i64 {
    VERTROUWELIJKHEID
        .iter()
        .position(|v| *v == vertrouwelijkheid)
        .unwrap_or(0) as i64
}

const BETALINGSINDICATIE: [(&str, &str); 5] = [
    ("", ""),
    (
        "nvt",
        "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    ),
    (
        "nog_niet",
        "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    ),
    (
        "gedeeltelijk",
        "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    ),
    (
        "geheel",
        "De met de zaak gemoeide kosten zijn geheel betaald.",
    ),
];

const ARCHIEFSTATUS: [&str; 4] = [
    "nog_te_archiveren",
    "gearchiveerd",
    "gearchiveerd_procestermijn_onbekend",
    "overgedragen",
];

/// Fields a client may not change after creation (reference: `IsImmutableValidator`).
const IMMUTABLE: [&str; 3] = ["identificatie", "bronorganisatie", "zaaktype"];

/// Validates a zaak body (for PUT/PATCH: the merged object) and returns the writable part of
/// the served JSON. `existing` is the stored zaak on update.
async fn validate(
    api: &CaseApi,
    tx: &mut Tx,
    body: &Map<String, Value>,
    existing: Option<&Value>,
) -> Result<Map<String, Value>, ApiError> {
    let mut f = Fields::new(body);
    let identificatie = f.string("identificatie", false, 40).unwrap_or_default();
    let bronorganisatie = f.rsin("bronorganisatie", true);
    let verantwoordelijke = f.rsin("verantwoordelijkeOrganisatie", true);
    let omschrijving = f.string("omschrijving", false, 80).unwrap_or_default();
    let toelichting = f.string("toelichting", false, 1000).unwrap_or_default();
    let zaaktype_url = f.raw("zaaktype").and_then(Value::as_str).map(str::to_owned);
    let zaaktype = super::catalogi_for_field(api, &mut f, "zaaktype", Kind::Zaaktype, true).await?;
    if zaaktype
        .as_ref()
        .is_some_and(|z| z["concept"] == json!(true))
    {
        f.error(
            "zaaktype",
            "not-published",
            "Het zaaktype is nog niet gepubliceerd.",
        );
    }
    let today = chrono::Utc::now().date_naive();
    let registratiedatum = f.date("registratiedatum", false).unwrap_or(today);
    let startdatum = f.date("startdatum", true);
    let date_or_null = |f: &mut Fields, name: &str| {
        f.date(name, false)
            .map(|d| json!(d.to_string()))
            .unwrap_or(Value::Null)
    };
    let einddatum_gepland = date_or_null(&mut f, "einddatumGepland");
    let uiterlijke = date_or_null(&mut f, "uiterlijkeEinddatumAfdoening");
    let publicatiedatum = date_or_null(&mut f, "publicatiedatum");
    let archiefactiedatum = date_or_null(&mut f, "archiefactiedatum");
    let start_bewaartermijn = date_or_null(&mut f, "startdatumBewaartermijn");
    let laatste_betaaldatum = f
        .datetime("laatsteBetaaldatum", false)
        .map(|d| json!(d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
        .unwrap_or(Value::Null);
    let communicatiekanaal = f.url("communicatiekanaal", false).unwrap_or_default();
    let selectielijstklasse = f.url("selectielijstklasse", false).unwrap_or_default();
    let producten = f.url_list("productenOfDiensten");
    if let Some(zaaktype) = &zaaktype {
        let allowed = zaaktype["productenOfDiensten"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if producten.iter().any(|p| !allowed.contains(&json!(p))) {
            f.error(
                "productenOfDiensten",
                "invalid-products-services",
                "Alleen producten en diensten van het zaaktype zijn toegestaan.",
            );
        }
    }
    let vertrouwelijkheid = match f.choice("vertrouwelijkheidaanduiding", false, &VERTROUWELIJKHEID)
    {
        Some(v) => v,
        None => zaaktype
            .as_ref()
            .and_then(|z| z["vertrouwelijkheidaanduiding"].as_str())
            .unwrap_or("openbaar")
            .to_owned(),
    };
    let betaling_codes: Vec<&str> = BETALINGSINDICATIE.iter().map(|(c, _)| *c).collect();
    let betalingsindicatie = f
        .choice("betalingsindicatie", false, &betaling_codes)
        .unwrap_or_default();
    let betaling_weergave = BETALINGSINDICATIE
        .iter()
        .find(|(c, _)| *c == betalingsindicatie)
        .map(|(_, w)| *w)
        .unwrap_or_default();
    let archiefnominatie = f
        .choice(
            "archiefnominatie",
            false,
            &["blijvend_bewaren", "vernietigen"],
        )
        .map(Value::String)
        .unwrap_or(Value::Null);
    let archiefstatus = f
        .choice("archiefstatus", false, &ARCHIEFSTATUS)
        .unwrap_or_else(|| "nog_te_archiveren".into());
    if archiefstatus != "nog_te_archiveren" {
        if archiefnominatie.is_null() {
            f.error(
                "archiefnominatie",
                "archiefnominatie-not-set",
                "Moet gezet zijn als de archiefstatus niet 'nog_te_archiveren' is.",
            );
        }
        if archiefactiedatum.is_null() {
            f.error(
                "archiefactiedatum",
                "archiefactiedatum-not-set",
                "Moet gezet zijn als de archiefstatus niet 'nog_te_archiveren' is.",
            );
        }
    }
    let opdrachtgevende = f
        .string("opdrachtgevendeOrganisatie", false, 9)
        .unwrap_or_default();
    let processobjectaard = f
        .string("processobjectaard", false, 200)
        .map(Value::String)
        .unwrap_or(Value::Null);
    let kenmerken = kenmerken(&mut f);
    let relevante = relevante_andere_zaken(&mut f);
    let verlenging = verlenging(&mut f);
    let opschorting = opschorting(&mut f);
    let zaakgeometrie = geometrie(&mut f);
    let processobject = f
        .object("processobject", false)
        .map(|o| Value::Object(o.clone()))
        .unwrap_or(Value::Null);
    let hoofdzaak = match f.url("hoofdzaak", false) {
        None => Value::Null,
        Some(url) => match api.urls.parse(&url, Api::Zaken, "zaken") {
            Some(uuid) => match store::get_tx(tx, "zaken", uuid).await? {
                Some(hoofd) if !hoofd["hoofdzaak"].is_null() => {
                    f.error(
                        "hoofdzaak",
                        "deelzaak-als-hoofdzaak",
                        "Een deelzaak kan geen hoofdzaak zijn.",
                    );
                    Value::Null
                }
                Some(_) if existing.is_some_and(|e| e["uuid"] == json!(uuid)) => {
                    f.error(
                        "hoofdzaak",
                        "self-forbidden",
                        "Een zaak kan niet zijn eigen hoofdzaak zijn.",
                    );
                    Value::Null
                }
                Some(_) => json!(url),
                None => {
                    f.error("hoofdzaak", "bad-url", "De hoofdzaak bestaat niet.");
                    Value::Null
                }
            },
            None => {
                f.error(
                    "hoofdzaak",
                    "bad-url",
                    "De URL verwijst niet naar een zaak van deze API.",
                );
                Value::Null
            }
        },
    };
    if let Some(existing) = existing {
        for name in IMMUTABLE {
            let new = body.get(name).cloned().unwrap_or(Value::Null);
            let old = &existing[name];
            let changed = match name {
                "identificatie" => !new.is_null() && new != *old,
                _ => new != *old,
            };
            if changed {
                f.error(
                    name,
                    "wijzigen-niet-toegelaten",
                    "Dit veld mag niet gewijzigd worden.",
                );
            }
        }
    }
    f.finish()?;
    let value = json!({
        "identificatie": identificatie,
        "bronorganisatie": bronorganisatie,
        "omschrijving": omschrijving,
        "toelichting": toelichting,
        "zaaktype": zaaktype_url,
        "registratiedatum": registratiedatum.to_string(),
        "verantwoordelijkeOrganisatie": verantwoordelijke,
        "startdatum": startdatum.map(|d| d.to_string()),
        "einddatumGepland": einddatum_gepland,
        "uiterlijkeEinddatumAfdoening": uiterlijke,
        "publicatiedatum": publicatiedatum,
        "communicatiekanaal": communicatiekanaal,
        "productenOfDiensten": producten,
        "vertrouwelijkheidaanduiding": vertrouwelijkheid,
        "betalingsindicatie": betalingsindicatie,
        "betalingsindicatieWeergave": betaling_weergave,
        "laatsteBetaaldatum": laatste_betaaldatum,
        "zaakgeometrie": zaakgeometrie,
        "verlenging": verlenging,
        "opschorting": opschorting,
        "selectielijstklasse": selectielijstklasse,
        "hoofdzaak": hoofdzaak,
        "relevanteAndereZaken": relevante,
        "kenmerken": kenmerken,
        "archiefnominatie": archiefnominatie,
        "archiefstatus": archiefstatus,
        "archiefactiedatum": archiefactiedatum,
        "opdrachtgevendeOrganisatie": opdrachtgevende,
        "processobjectaard": processobjectaard,
        "startdatumBewaartermijn": start_bewaartermijn,
        "processobject": processobject,
    });
    Ok(value.as_object().cloned().unwrap_or_default())
}

fn kenmerken(f: &mut Fields<'_>) -> Value {
    let Some(items) = f.raw("kenmerken").cloned() else {
        return json!([]);
    };
    let Value::Array(items) = items else {
        f.error("kenmerken", "not_a_list", "Verwachtte een lijst.");
        return json!([]);
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(object) = item.as_object() else {
            f.error(
                &format!("kenmerken.{i}"),
                "invalid",
                "Verwachtte een object.",
            );
            continue;
        };
        let mut n = Fields::nested(object, &format!("kenmerken.{i}"));
        let kenmerk = n.string("kenmerk", true, 40);
        let bron = n.string("bron", true, 40);
        f.absorb(n);
        out.push(json!({"kenmerk": kenmerk, "bron": bron}));
    }
    Value::Array(out)
}

fn relevante_andere_zaken(f: &mut Fields<'_>) -> Value {
    let Some(items) = f.raw("relevanteAndereZaken").cloned() else {
        return json!([]);
    };
    let Value::Array(items) = items else {
        f.error(
            "relevanteAndereZaken",
            "not_a_list",
            "Verwachtte een lijst.",
        );
        return json!([]);
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(object) = item.as_object() else {
            f.error(
                &format!("relevanteAndereZaken.{i}"),
                "invalid",
                "Verwachtte een object.",
            );
            continue;
        };
        let mut n = Fields::nested(object, &format!("relevanteAndereZaken.{i}"));
        let url = n.url("url", true);
        let aard = n.choice("aardRelatie", true, &["vervolg", "onderwerp", "bijdrage"]);
        f.absorb(n);
        out.push(json!({"url": url, "aardRelatie": aard}));
    }
    Value::Array(out)
}

fn verlenging(f: &mut Fields<'_>) -> Value {
    let Some(object) = f.object("verlenging", false) else {
        return Value::Null;
    };
    let mut n = Fields::nested(object, "verlenging");
    let reden = n.string("reden", true, 200);
    let duur = n.duration("duur", true);
    f.absorb(n);
    json!({"reden": reden, "duur": duur})
}

fn opschorting(f: &mut Fields<'_>) -> Value {
    let Some(object) = f.object("opschorting", false) else {
        return json!({"indicatie": false, "reden": ""});
    };
    let mut n = Fields::nested(object, "opschorting");
    let indicatie = n.boolean("indicatie", true);
    // Served as "" when not suspended, so an empty reden must round-trip through PATCH/PUT.
    let reden = n.string("reden", false, 200).unwrap_or_default();
    f.absorb(n);
    json!({"indicatie": indicatie, "reden": reden})
}

/// GeoJSON geometry: checked for shape (a known `type` with `coordinates`, or a collection).
fn geometrie(f: &mut Fields<'_>) -> Value {
    let Some(object) = f.object("zaakgeometrie", false) else {
        return Value::Null;
    };
    const TYPES: [&str; 6] = [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
    ];
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let ok = if kind == "GeometryCollection" {
        object.get("geometries").is_some_and(Value::is_array)
    } else {
        TYPES.contains(&kind) && object.get("coordinates").is_some_and(Value::is_array)
    };
    if !ok {
        f.error("zaakgeometrie", "invalid", "Ongeldige GeoJSON-geometrie.");
        return Value::Null;
    }
    Value::Object(object.clone())
}

/// Columns beside `data`, kept equal to the served fields.
async fn write_row(tx: &mut Tx, uuid: Uuid, zaak: &Value, insert: bool) -> Result<(), ApiError> {
    let text = |name: &str| zaak[name].as_str().map(str::to_owned);
    let sql = if insert {
        "INSERT INTO zaken (identificatie, bronorganisatie, zaaktype, startdatum, registratiedatum, \
         einddatum, einddatum_gepland, uiterlijke_einddatum_afdoening, publicatiedatum, archiefnominatie, \
         archiefstatus, archiefactiedatum, vertrouwelijkheid_rank, data, uuid, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
    } else {
        "UPDATE zaken SET identificatie = $1, bronorganisatie = $2, zaaktype = $3, startdatum = $4, \
         registratiedatum = $5, einddatum = $6, einddatum_gepland = $7, uiterlijke_einddatum_afdoening = $8, \
         publicatiedatum = $9, archiefnominatie = $10, archiefstatus = $11, archiefactiedatum = $12, \
         vertrouwelijkheid_rank = $13, data = $14 WHERE uuid = $15"
    };
    let mut query = sqlx::query(sql)
        .bind(text("identificatie"))
        .bind(text("bronorganisatie"))
        .bind(text("zaaktype"))
        .bind(text("startdatum"))
        .bind(text("registratiedatum"))
        .bind(text("einddatum"))
        .bind(text("einddatumGepland"))
        .bind(text("uiterlijkeEinddatumAfdoening"))
        .bind(text("publicatiedatum"))
        .bind(text("archiefnominatie"))
        .bind(text("archiefstatus"))
        .bind(text("archiefactiedatum"))
        .bind(rank(
            zaak["vertrouwelijkheidaanduiding"]
                .as_str()
                .unwrap_or_default(),
        ))
        .bind(zaak.to_string())
        .bind(uuid.to_string());
    if insert {
        query = query.bind(super::seq());
    }
    let result = query.execute(&mut **tx).await;
    match result {
        Ok(_) => Ok(()),
        // The unique index on (bronorganisatie, identificatie) is the final word under races.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(ApiError::invalid(
            "identificatie",
            "identificatie-niet-uniek",
            "Deze identificatie bestaat al binnen de bronorganisatie.",
        )),
        Err(e) => Err(e.into()),
    }
}

/// Rewrites a stored zaak (used by sub-resources that change derived fields).
pub async fn save(tx: &mut Tx, uuid: Uuid, zaak: &Value) -> Result<(), ApiError> {
    write_row(tx, uuid, zaak, false).await
}

async fn identificatie_taken(
    tx: &mut Tx,
    bronorganisatie: &str,
    identificatie: &str,
) -> Result<bool, ApiError> {
    let row = sqlx::query("SELECT 1 FROM zaken WHERE bronorganisatie = $1 AND identificatie = $2")
        .bind(bronorganisatie)
        .bind(identificatie)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.is_some())
}

/// Keeps `hoofdzaak.deelzaken` in step when a zaak's hoofdzaak changes.
async fn move_deelzaak(
    api: &CaseApi,
    tx: &mut Tx,
    url: &str,
    old: &Value,
    new: &Value,
) -> Result<(), ApiError> {
    if old == new {
        return Ok(());
    }
    for (hoofd, add) in [(old, false), (new, true)] {
        if let Some(uuid) = hoofd
            .as_str()
            .and_then(|u| api.urls.parse(u, Api::Zaken, "zaken"))
        {
            let updated = super::update_zaak_list(tx, uuid, "deelzaken", url, add).await?;
            save(tx, uuid, &updated).await?;
        }
    }
    Ok(())
}

pub async fn create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    crs::check(&headers, true)?;
    let mut tx = api.db.begin().await?;
    let mut zaak = validate(&api, &mut tx, &body, None).await?;
    let bronorganisatie = zaak["bronorganisatie"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let given = zaak["identificatie"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if given.is_empty() {
        // Year of the startdatum, as Open Zaak does by default.
        let year = zaak["startdatum"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| d.year())
            .unwrap_or_else(|| chrono::Utc::now().year());
        // A client may have chosen a number the counter will reach later: skip those.
        loop {
            let candidate = identificatie::next(&mut tx, "ZAAK", &bronorganisatie, year).await?;
            if !identificatie_taken(&mut tx, &bronorganisatie, &candidate).await? {
                zaak.insert("identificatie".into(), json!(candidate));
                break;
            }
        }
    } else if identificatie_taken(&mut tx, &bronorganisatie, &given).await? {
        return Err(ApiError::invalid(
            "identificatie",
            "identificatie-niet-uniek",
            "Deze identificatie bestaat al binnen de bronorganisatie.",
        ));
    }
    let uuid = Uuid::new_v4();
    let url = super::zaak_url(&api, uuid);
    zaak.insert("url".into(), json!(url));
    zaak.insert("uuid".into(), json!(uuid));
    for (name, empty) in [
        ("einddatum", Value::Null),
        ("status", Value::Null),
        ("resultaat", Value::Null),
        ("deelzaken", json!([])),
        ("eigenschappen", json!([])),
        ("rollen", json!([])),
        ("zaakinformatieobjecten", json!([])),
        ("zaakobjecten", json!([])),
    ] {
        zaak.insert(name.into(), empty);
    }
    let zaak = Value::Object(zaak);
    write_row(&mut tx, uuid, &zaak, true).await?;
    move_deelzaak(&api, &mut tx, &url, &Value::Null, &zaak["hoofdzaak"]).await?;
    let weergave = zaak["identificatie"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &url,
        "zaak",
        &url,
        &weergave,
        None,
        Some(&zaak),
    )
    .await?;
    tx.commit().await?;
    Ok(crs::mark(respond::created(&zaak)))
}

async fn update_with(
    api: CaseApi,
    caller: Caller,
    headers: HeaderMap,
    uuid: String,
    body: Map<String, Value>,
    partial: bool,
) -> Result<Response, ApiError> {
    crs::check(&headers, true)?;
    let uuid = super::parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let old = store::get_tx(&mut tx, "zaken", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let merged = if partial {
        fields::merge_patch(old.as_object().expect("zaak is an object"), &body)
    } else {
        body
    };
    let writable = validate(&api, &mut tx, &merged, Some(&old)).await?;
    let mut zaak = old.clone();
    for (key, value) in writable {
        if key == "identificatie" && value.as_str().is_some_and(str::is_empty) {
            continue;
        }
        zaak[key] = value;
    }
    save(&mut tx, uuid, &zaak).await?;
    let url = zaak["url"].as_str().unwrap_or_default().to_owned();
    move_deelzaak(&api, &mut tx, &url, &old["hoofdzaak"], &zaak["hoofdzaak"]).await?;
    let actie = if partial {
        Actie::PartialUpdate
    } else {
        Actie::Update
    };
    let weergave = zaak["identificatie"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        actie,
        &url,
        "zaak",
        &url,
        &weergave,
        Some(&old),
        Some(&zaak),
    )
    .await?;
    tx.commit().await?;
    Ok(crs::mark(respond::json(StatusCode::OK, &zaak)))
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

/// Hard delete: the zaak, its sub-resources (foreign keys cascade) and its audit trail.
pub async fn destroy(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let zaak = store::get_tx(&mut tx, "zaken", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    if zaak["deelzaken"].as_array().is_some_and(|d| !d.is_empty()) {
        return Err(ApiError::invalid(
            "nonFieldErrors",
            "pending-relations",
            "Een zaak met deelzaken kan niet verwijderd worden.",
        ));
    }
    let url = zaak["url"].as_str().unwrap_or_default().to_owned();
    move_deelzaak(&api, &mut tx, &url, &zaak["hoofdzaak"], &Value::Null).await?;
    super::zaakinformatieobject::unlink_all(&mut tx, &api, uuid, &url).await?;
    sqlx::query("DELETE FROM zaken WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    audit::delete_all(&mut tx, &url).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    mut query: Query,
) -> Result<Response, ApiError> {
    crs::check(&headers, false)?;
    let expand = Expand::parse(&query.list("expand"))?;
    query.finish()?;
    let uuid = super::parse_uuid(&uuid)?;
    let mut zaak = store::get(&api.db, "zaken", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Expander::new(&api).apply(&mut zaak, &expand).await?;
    Ok(crs::mark(respond::detail(&headers, &zaak)))
}

/// `rol__…` filters: each matches zaken with at least one rol that satisfies it (evaluated
/// independently, as in the reference implementation).
const ROL_FILTERS: [(&str, &str); 11] = [
    ("rol__betrokkeneType", "betrokkene_type"),
    ("rol__betrokkene", "betrokkene"),
    ("rol__omschrijvingGeneriek", "omschrijving_generiek"),
    (
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn",
        "inp_bsn",
    ),
    (
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie",
        "anp_identificatie",
    ),
    (
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer",
        "inp_a_nummer",
    ),
    (
        "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId",
        "inn_nnp_id",
    ),
    (
        "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie",
        "ann_identificatie",
    ),
    (
        "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer",
        "vestigings_nummer",
    ),
    (
        "rol__betrokkeneIdentificatie__medewerker__identificatie",
        "medewerker_identificatie",
    ),
    (
        "rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie",
        "organisatorische_eenheid_identificatie",
    ),
];

/// Date filters: parameter → (column, operator).
const DATE_FILTERS: [(&str, &str, &str); 19] = [
    ("archiefactiedatum", "archiefactiedatum", "="),
    ("archiefactiedatum__lt", "archiefactiedatum", "<"),
    ("archiefactiedatum__gt", "archiefactiedatum", ">"),
    ("startdatum", "startdatum", "="),
    ("startdatum__gt", "startdatum", ">"),
    ("startdatum__gte", "startdatum", ">="),
    ("startdatum__lt", "startdatum", "<"),
    ("startdatum__lte", "startdatum", "<="),
    ("registratiedatum", "registratiedatum", "="),
    ("registratiedatum__gt", "registratiedatum", ">"),
    ("registratiedatum__lt", "registratiedatum", "<"),
    ("einddatum", "einddatum", "="),
    ("einddatum__gt", "einddatum", ">"),
    ("einddatum__lt", "einddatum", "<"),
    ("einddatumGepland", "einddatum_gepland", "="),
    ("einddatumGepland__gt", "einddatum_gepland", ">"),
    ("einddatumGepland__lt", "einddatum_gepland", "<"),
    (
        "uiterlijkeEinddatumAfdoening",
        "uiterlijke_einddatum_afdoening",
        "=",
    ),
    (
        "uiterlijkeEinddatumAfdoening__gt",
        "uiterlijke_einddatum_afdoening",
        ">",
    ),
];

const ORDERING: [(&str, &str); 6] = [
    ("startdatum", "startdatum"),
    ("einddatum", "einddatum"),
    ("publicatiedatum", "publicatiedatum"),
    ("archiefactiedatum", "archiefactiedatum"),
    ("registratiedatum", "registratiedatum"),
    ("identificatie", "identificatie"),
];

fn boolean(query: &mut Query, name: &str) -> Option<bool> {
    match query.get(name)?.as_str() {
        "true" | "True" | "1" => Some(true),
        "false" | "False" | "0" => Some(false),
        _ => {
            query.error(name, "invalid", "Kies true of false.");
            None
        }
    }
}

fn in_list(query: &mut Query, name: &str) -> Option<Vec<String>> {
    query.get(name).map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// Builds the WHERE and ORDER BY of a zaken list from the standard's filters.
fn filters(query: &mut Query) -> (Where, String) {
    let mut filter = Where::new();
    for name in [
        "identificatie",
        "bronorganisatie",
        "zaaktype",
        "archiefnominatie",
        "archiefstatus",
    ] {
        if let Some(value) = query.get(name) {
            filter.add(&format!("{name} = {{}}"), value);
        }
    }
    for (name, column) in [
        ("bronorganisatie__in", "bronorganisatie"),
        ("archiefnominatie__in", "archiefnominatie"),
        ("archiefstatus__in", "archiefstatus"),
        ("uuid__in", "uuid"),
        ("zaaktype__in", "zaaktype"),
    ] {
        if let Some(values) = in_list(query, name) {
            filter.add_in(column, values);
        }
    }
    for (name, column, operator) in DATE_FILTERS {
        if let Some(date) = query.date(name) {
            filter.add(&format!("{column} {operator} {{}}"), date.to_string());
        }
    }
    if let Some(date) = query.date("uiterlijkeEinddatumAfdoening__lt") {
        filter.add("uiterlijke_einddatum_afdoening < {}", date.to_string());
    }
    for (name, column) in [
        ("archiefactiedatum__isnull", "archiefactiedatum"),
        ("einddatum__isnull", "einddatum"),
    ] {
        if let Some(isnull) = boolean(query, name) {
            filter.add_raw(format!(
                "{column} IS {}NULL",
                if isnull { "" } else { "NOT " }
            ));
        }
    }
    if let Some(max) = query.choice("maximaleVertrouwelijkheidaanduiding", &VERTROUWELIJKHEID) {
        filter.add(
            "vertrouwelijkheid_rank <= CAST({} AS INTEGER)",
            rank(&max).to_string(),
        );
    }
    for (name, column) in ROL_FILTERS {
        if let Some(value) = query.get(name) {
            filter.add(
                &format!("uuid IN (SELECT zaak_uuid FROM rollen WHERE {column} = {{}})"),
                value,
            );
        }
    }
    let mut order = Vec::new();
    for item in query.list("ordering") {
        let (descending, name) = match item.strip_prefix('-') {
            Some(name) => (true, name.to_owned()),
            None => (false, item.clone()),
        };
        match ORDERING.iter().find(|(n, _)| *n == name) {
            // NULLs last in both databases (their defaults differ).
            Some((_, column)) => order.push(format!(
                "({column} IS NULL), {column} {}",
                if descending { "DESC" } else { "ASC" }
            )),
            None => query.error(
                "ordering",
                "invalid_choice",
                format!("Onbekend veld om op te sorteren: {item}."),
            ),
        }
    }
    order.push("seq".into());
    order.push("uuid".into());
    (filter, order.join(", "))
}

async fn list_response(
    api: &CaseApi,
    mut query: Query,
    raw_query: &str,
) -> Result<Response, ApiError> {
    let page = Page::new(query.positive_int("page"));
    let expand = Expand::parse(&query.list("expand"));
    let (filter, order) = filters(&mut query);
    query.finish()?;
    let expand = expand?;
    let count = filter.count(&api.db, "zaken").await?;
    if !page.exists(count) {
        return Err(ApiError::NotFound);
    }
    let mut results = filter
        .data(
            &api.db,
            "zaken",
            &order,
            Some((page.limit(), page.offset())),
        )
        .await?;
    let mut expander = Expander::new(api);
    for zaak in &mut results {
        expander.apply(zaak, &expand).await?;
    }
    let body = page.body(
        &api.urls.collection(Api::Zaken, "zaken"),
        raw_query,
        count,
        results,
    );
    Ok(crs::mark(respond::json(StatusCode::OK, &body)))
}

pub async fn list(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    crs::check(&headers, false)?;
    let raw = raw.unwrap_or_default();
    list_response(&api, Query::parse(&raw), &raw).await
}

/// `POST /zaken/_zoek`: the list filters in a JSON body (arrays for the `__in` filters), for
/// when they no longer fit in a URL. Pagination and expand stay query parameters.
pub async fn search(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    crs::check(&headers, true)?;
    let raw = raw.unwrap_or_default();
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for (key, value) in &body {
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| i.to_string())
                })
                .collect::<Vec<_>>()
                .join(","),
            Value::Object(_) => {
                return Err(ApiError::invalid(
                    key,
                    "unsupported",
                    "Dit zoekcriterium wordt niet ondersteund.",
                ))
            }
        };
        pairs.push((key.clone(), text));
    }
    let combined = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    list_response(&api, Query::parse(&combined), &raw).await
}

pub async fn audittrail_list(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    store::get(&api.db, "zaken", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let trail = audit::list(&api.db, &super::zaak_url(&api, uuid)).await?;
    Ok(respond::json(StatusCode::OK, &Value::Array(trail)))
}

pub async fn audittrail_detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path((uuid, audit_uuid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let audit_uuid = super::parse_uuid(&audit_uuid)?;
    let entry = audit::get(&api.db, &super::zaak_url(&api, uuid), audit_uuid).await?;
    Ok(respond::detail(&headers, &entry))
}
