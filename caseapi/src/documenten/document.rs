//! Enkelvoudiginformatieobjecten: documents, their versions, locking and content.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde_json::{json, Map, Value};
use sqlx::Row;
use tokio::io::AsyncWriteExt;
use tower::ServiceExt;
use uuid::Uuid;

use crate::audit::{self, Actie};
use crate::auth::Caller;
use crate::catalogi::{self, Kind};
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::{self, Fields};
use crate::identificatie;
use crate::pagination::Page;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::urls::Api;
use crate::{store, CaseApi};

use super::inline::{DocumentBody, Inhoud, Upload};

const VERTROUWELIJKHEID: [&str; 8] = [
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
];
const STATUS: [&str; 5] = [
    "",
    "in_bewerking",
    "ter_vaststelling",
    "definitief",
    "gearchiveerd",
];

pub(super) fn document_url(api: &CaseApi, uuid: Uuid) -> String {
    api.urls
        .resource(Api::Documenten, "enkelvoudiginformatieobjecten", uuid)
}

/// Where a version's content lives, relative to the documents dir.
fn version_file(uuid: Uuid, versie: i64) -> String {
    format!("{uuid}/{versie}")
}

pub(super) fn absolute(api: &CaseApi, relative: &str) -> PathBuf {
    api.documents_dir.join(relative)
}

/// Writes content and syncs it before any metadata points at it.
async fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), ApiError> {
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(ApiError::internal)?;
    }
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(ApiError::internal)?;
    file.write_all(bytes).await.map_err(ApiError::internal)?;
    file.sync_all().await.map_err(ApiError::internal)?;
    Ok(())
}

/// What a body's `inhoud` was, for validation (the content itself is already in a file).
enum Content {
    /// Absent or null.
    None,
    /// Valid base64 of this many bytes.
    Size(u64),
    /// Not a valid base64 string.
    Invalid(&'static str),
}

/// Splits a read body's `inhoud` into the file (if any) and what validation needs to know.
fn split_inhoud(inhoud: Inhoud) -> (Option<Upload>, Content) {
    match inhoud {
        Inhoud::Absent => (None, Content::None),
        Inhoud::File(upload) => {
            let size = upload.size();
            (Some(upload), Content::Size(size))
        }
        Inhoud::Invalid(reason) => (None, Content::Invalid(reason)),
    }
}

/// The result of validating a document body.
struct Valid {
    fields: Map<String, Value>,
    /// Size of the inline content, when `inhoud` was given.
    content: Option<u64>,
    /// `bestandsomvang` when given without inline content (the large-file flow).
    bestandsomvang: Option<i64>,
}

async fn validate(
    api: &CaseApi,
    body: &Map<String, Value>,
    content: Content,
    existing: Option<&Value>,
) -> Result<Valid, ApiError> {
    let mut f = Fields::new(body);
    let identificatie = f.string("identificatie", false, 40).unwrap_or_default();
    let bronorganisatie = f.rsin("bronorganisatie", true);
    let creatiedatum = f.date("creatiedatum", true);
    let titel = f.string("titel", true, 200);
    let auteur = f.string("auteur", true, 200);
    let taal = f.string("taal", true, 3);
    if taal.as_deref().is_some_and(|t| t.chars().count() != 3) {
        f.error(
            "taal",
            "min_length",
            "Gebruik een taalcode van drie letters (ISO 639-2/B), bijvoorbeeld dut.",
        );
    }
    let status = f.choice("status", false, &STATUS).unwrap_or_default();
    let formaat = f.string("formaat", false, 255).unwrap_or_default();
    let bestandsnaam = f.string("bestandsnaam", false, 255).unwrap_or_default();
    let link = f.url("link", false).unwrap_or_default();
    let beschrijving = f.string("beschrijving", false, 1000).unwrap_or_default();
    let ontvangstdatum = f.date("ontvangstdatum", false);
    let verzenddatum = f.date("verzenddatum", false);
    if ontvangstdatum.is_some() && matches!(status.as_str(), "in_bewerking" | "ter_vaststelling") {
        f.error("status", "invalid_for_received", "De status mag niet in_bewerking of ter_vaststelling zijn als er een ontvangstdatum is.");
    }
    let indicatie = f.boolean("indicatieGebruiksrecht", false);
    if existing.is_none() && indicatie == Some(true) {
        f.error(
            "indicatieGebruiksrecht",
            "existing-gebruiksrechten",
            "Maak gebruiksrechten aan om deze indicatie te zetten.",
        );
    }
    let verschijningsvorm = f
        .string("verschijningsvorm", false, 255)
        .unwrap_or_default();
    let trefwoorden = f.string_list("trefwoorden", 100);
    let ondertekening = match f.object("ondertekening", false) {
        Some(o) => {
            let mut n = Fields::nested(o, "ondertekening");
            let soort = n
                .choice("soort", false, &["", "analoog", "digitaal", "pki"])
                .unwrap_or_default();
            let datum = n
                .date("datum", false)
                .map(|d| json!(d.to_string()))
                .unwrap_or(Value::Null);
            f.absorb(n);
            json!({"soort": soort, "datum": datum})
        }
        None => Value::Null,
    };
    let integriteit = match f.object("integriteit", false) {
        Some(o) => {
            let mut n = Fields::nested(o, "integriteit");
            let algoritme = n
                .choice(
                    "algoritme",
                    false,
                    &[
                        "",
                        "crc_16",
                        "crc_32",
                        "crc_64",
                        "fletcher_4",
                        "fletcher_8",
                        "fletcher_16",
                        "fletcher_32",
                        "hmac",
                        "md5",
                        "sha_1",
                        "sha_256",
                        "sha_512",
                        "sha_3",
                    ],
                )
                .unwrap_or_default();
            let waarde = n.string("waarde", false, 128).unwrap_or_default();
            let datum = n
                .date("datum", false)
                .map(|d| json!(d.to_string()))
                .unwrap_or(Value::Null);
            f.absorb(n);
            json!({"algoritme": algoritme, "waarde": waarde, "datum": datum})
        }
        None => Value::Null,
    };
    let iot_url = f
        .raw("informatieobjecttype")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let iot = match f.url("informatieobjecttype", true) {
        Some(url) => match catalogi::lookup(api, Kind::Informatieobjecttype, &url).await? {
            Some(iot) if iot["concept"] == json!(true) => {
                f.error(
                    "informatieobjecttype",
                    "not-published",
                    "Het informatieobjecttype is nog niet gepubliceerd.",
                );
                None
            }
            Some(iot) => Some(iot),
            None => {
                f.error(
                    "informatieobjecttype",
                    "bad-url",
                    "De URL verwijst niet naar een informatieobjecttype van deze catalogus.",
                );
                None
            }
        },
        None => None,
    };
    let vertrouwelijkheid = f
        .choice("vertrouwelijkheidaanduiding", false, &VERTROUWELIJKHEID)
        .or_else(|| {
            iot.as_ref()
                .and_then(|i| i["vertrouwelijkheidaanduiding"].as_str().map(str::to_owned))
        })
        .unwrap_or_else(|| "openbaar".into());
    let content = match content {
        Content::None => None,
        Content::Size(size) => Some(size),
        Content::Invalid(reason) => {
            f.error("inhoud", "invalid", reason);
            None
        }
    };
    let bestandsomvang = if content.is_none() {
        f.integer("bestandsomvang", false, 0, i64::MAX)
    } else {
        None
    };
    if let Some(existing) = existing {
        if body.get("informatieobjecttype").and_then(Value::as_str)
            != existing["informatieobjecttype"].as_str()
            && body.get("bronorganisatie") != existing.get("bronorganisatie")
        {
            // 1.3+ allows changing the informatieobjecttype; the bronorganisatie stays.
        }
        if body.get("bronorganisatie") != existing.get("bronorganisatie") {
            f.error(
                "bronorganisatie",
                "wijzigen-niet-toegelaten",
                "Dit veld mag niet gewijzigd worden.",
            );
        }
    }
    f.finish()?;
    let value = json!({
        "identificatie": identificatie,
        "bronorganisatie": bronorganisatie,
        "creatiedatum": creatiedatum.map(|d| d.to_string()),
        "titel": titel,
        "vertrouwelijkheidaanduiding": vertrouwelijkheid,
        "auteur": auteur,
        "status": status,
        "formaat": formaat,
        "taal": taal,
        "bestandsnaam": bestandsnaam,
        "link": link,
        "beschrijving": beschrijving,
        "ontvangstdatum": ontvangstdatum.map(|d| d.to_string()),
        "verzenddatum": verzenddatum.map(|d| d.to_string()),
        "indicatieGebruiksrecht": indicatie,
        "verschijningsvorm": verschijningsvorm,
        "ondertekening": ondertekening,
        "integriteit": integriteit,
        "informatieobjecttype": iot_url,
        "trefwoorden": trefwoorden,
    });
    Ok(Valid {
        fields: value.as_object().cloned().unwrap_or_default(),
        content,
        bestandsomvang,
    })
}

/// Records the served JSON of a version (and the file it has) and makes it current.
pub(super) async fn save_version(
    tx: &mut Tx,
    uuid: Uuid,
    document: &Value,
    file: Option<&str>,
) -> Result<(), ApiError> {
    let versie = document["versie"].as_i64().unwrap_or(1);
    sqlx::query("DELETE FROM eio_versies WHERE document_uuid = $1 AND versie = $2")
        .bind(uuid.to_string())
        .bind(versie)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO eio_versies (document_uuid, versie, begin_registratie, file, data) VALUES ($1, $2, $3, $4, $5)")
        .bind(uuid.to_string())
        .bind(versie)
        .bind(document["beginRegistratie"].as_str().unwrap_or_default().to_owned())
        .bind(file.map(str::to_owned))
        .bind(document.to_string())
        .execute(&mut **tx)
        .await?;
    store::put_data(tx, "enkelvoudiginformatieobjecten", uuid, document).await
}

/// The file of a version, if it has content.
pub(super) async fn version_file_of(
    api: &CaseApi,
    uuid: Uuid,
    versie: i64,
) -> Result<Option<String>, ApiError> {
    let row = sqlx::query("SELECT file FROM eio_versies WHERE document_uuid = $1 AND versie = $2")
        .bind(uuid.to_string())
        .bind(versie)
        .fetch_optional(api.db.reader())
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<Option<String>, _>(0)?,
        None => None,
    })
}

#[expect(
    clippy::too_many_arguments,
    reason = "one audit record has this many parts"
)]
pub(super) async fn audit(
    api: &CaseApi,
    tx: &mut Tx,
    caller: &Caller,
    headers: &HeaderMap,
    actie: Actie,
    document: &Value,
    resource: &str,
    resource_url: &str,
    oud: Option<&Value>,
    nieuw: Option<&Value>,
) -> Result<(), ApiError> {
    let hoofd = document["url"].as_str().unwrap_or_default().to_owned();
    let toelichting = headers
        .get("x-audit-toelichting")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let base = format!("{hoofd}/audittrail");
    audit::record(
        tx,
        audit::Entry {
            bron: "drc",
            caller,
            actie,
            hoofd_object: &hoofd,
            resource,
            resource_url,
            resource_weergave: document["identificatie"].as_str().unwrap_or_default(),
            toelichting,
            oud,
            nieuw,
        },
        |uuid| format!("{base}/{uuid}"),
    )
    .await?;
    crate::notificaties::enqueue(
        api,
        tx,
        crate::notificaties::Event {
            kanaal: "documenten",
            hoofd_object: &hoofd,
            resource,
            resource_url,
            actie,
            hoofd: Some(document),
        },
    )
    .await
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub async fn create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    DocumentBody {
        fields: body,
        inhoud,
    }: DocumentBody,
) -> Result<Response, ApiError> {
    let (upload, content) = split_inhoud(inhoud);
    let valid = validate(&api, &body, content, None).await?;
    let uuid = Uuid::new_v4();
    let url = document_url(&api, uuid);
    let mut document = valid.fields;
    let part_size = api
        .document_part_size
        .load(std::sync::atomic::Ordering::Relaxed)
        .max(1);
    // Content first (outside the transaction), then the metadata that points at it.
    let (file, bestandsomvang, parts) = match (upload, valid.bestandsomvang) {
        (Some(upload), _) => {
            let file = version_file(uuid, 1);
            let size = upload.size() as i64;
            upload.persist(&absolute(&api, &file)).await?;
            (Some(file), size, 0)
        }
        (None, Some(size)) if size > 0 => {
            (None, size, (size + part_size as i64 - 1) / part_size as i64)
        }
        (None, _) => {
            let file = version_file(uuid, 1);
            write_file(&absolute(&api, &file), &[]).await?;
            (Some(file), 0, 0)
        }
    };
    let lock = (parts > 0).then(|| Uuid::new_v4().simple().to_string());
    let mut tx = api.db.begin().await?;
    let bronorganisatie = document["bronorganisatie"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if document["identificatie"]
        .as_str()
        .is_some_and(str::is_empty)
    {
        let year = document["creatiedatum"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| d.year())
            .unwrap_or_else(|| chrono::Utc::now().year());
        loop {
            let candidate =
                identificatie::next(&mut tx, "DOCUMENT", &bronorganisatie, year).await?;
            if !identificatie_taken(&mut tx, &bronorganisatie, &candidate).await? {
                document.insert("identificatie".into(), json!(candidate));
                break;
            }
        }
    } else if identificatie_taken(
        &mut tx,
        &bronorganisatie,
        document["identificatie"].as_str().unwrap_or_default(),
    )
    .await?
    {
        return Err(ApiError::invalid(
            "identificatie",
            "identificatie-niet-uniek",
            "Deze identificatie bestaat al binnen de bronorganisatie.",
        ));
    }
    // Parts are planned here and inserted after the document row they reference.
    let mut bestandsdelen = Vec::new();
    let mut part_rows = Vec::new();
    for volgnummer in 1..=parts {
        let part_uuid = Uuid::new_v4();
        let omvang = (bestandsomvang - (volgnummer - 1) * part_size as i64).min(part_size as i64);
        part_rows.push((part_uuid, volgnummer, omvang));
        bestandsdelen.push(json!({
            "url": api.urls.resource(Api::Documenten, "bestandsdelen", part_uuid),
            "volgnummer": volgnummer,
            "omvang": omvang,
            "voltooid": false,
            "lock": "",
        }));
    }
    document.insert("url".into(), json!(url));
    document.insert("versie".into(), json!(1));
    document.insert("beginRegistratie".into(), json!(now()));
    document.insert("bestandsomvang".into(), json!(bestandsomvang));
    document.insert(
        "inhoud".into(),
        if file.is_some() {
            json!(format!("{url}/download?versie=1"))
        } else {
            Value::Null
        },
    );
    document.insert("locked".into(), json!(lock.is_some()));
    document.insert("bestandsdelen".into(), Value::Array(bestandsdelen));
    let document = Value::Object(document);
    let inserted = sqlx::query("INSERT INTO enkelvoudiginformatieobjecten (uuid, seq, identificatie, bronorganisatie, lock_token, data) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid.to_string())
        .bind(chrono::Utc::now().timestamp_micros())
        .bind(document["identificatie"].as_str().unwrap_or_default().to_owned())
        .bind(bronorganisatie)
        .bind(lock.clone())
        .bind(document.to_string())
        .execute(&mut *tx)
        .await;
    if let Err(sqlx::Error::Database(e)) = &inserted {
        if e.is_unique_violation() {
            return Err(ApiError::invalid(
                "identificatie",
                "identificatie-niet-uniek",
                "Deze identificatie bestaat al binnen de bronorganisatie.",
            ));
        }
    }
    inserted?;
    for (part_uuid, volgnummer, omvang) in part_rows {
        sqlx::query("INSERT INTO bestandsdelen (uuid, document_uuid, volgnummer, omvang, voltooid) VALUES ($1, $2, $3, $4, $5)")
            .bind(part_uuid.to_string())
            .bind(uuid.to_string())
            .bind(volgnummer)
            .bind(omvang)
            .bind(0_i32)
            .execute(&mut *tx)
            .await?;
    }
    save_version(&mut tx, uuid, &document, file.as_deref()).await?;
    audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &document,
        "enkelvoudiginformatieobject",
        &url,
        None,
        Some(&document),
    )
    .await?;
    tx.commit().await?;
    let mut served = document.clone();
    if let Some(lock) = lock {
        // The lock is handed out once, to the creator who uploads the parts.
        served["lock"] = json!(lock);
    }
    Ok(respond::created(&served))
}

async fn identificatie_taken(
    tx: &mut Tx,
    bronorganisatie: &str,
    identificatie: &str,
) -> Result<bool, ApiError> {
    Ok(sqlx::query("SELECT 1 FROM enkelvoudiginformatieobjecten WHERE bronorganisatie = $1 AND identificatie = $2")
        .bind(bronorganisatie)
        .bind(identificatie)
        .fetch_optional(&mut **tx)
        .await?
        .is_some())
}

pub(super) async fn load_tx(
    tx: &mut Tx,
    uuid: &str,
) -> Result<(Uuid, Value, Option<String>), ApiError> {
    let uuid = Uuid::parse_str(uuid).map_err(|_| ApiError::NotFound)?;
    let row =
        sqlx::query("SELECT data, lock_token FROM enkelvoudiginformatieobjecten WHERE uuid = $1")
            .bind(uuid.to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(ApiError::NotFound)?;
    let data: String = row.try_get(0)?;
    let lock: Option<String> = row.try_get(1)?;
    Ok((
        uuid,
        serde_json::from_str(&data).map_err(ApiError::internal)?,
        lock,
    ))
}

pub(super) async fn set_lock(tx: &mut Tx, uuid: Uuid, lock: Option<&str>) -> Result<(), ApiError> {
    sqlx::query("UPDATE enkelvoudiginformatieobjecten SET lock_token = $1 WHERE uuid = $2")
        .bind(lock.map(str::to_owned))
        .bind(uuid.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The served JSON of a version: the current one, `?versie=N`, or the one registered at
/// `?registratieOp=…`.
async fn versioned(api: &CaseApi, uuid: Uuid, query: &mut Query) -> Result<Value, ApiError> {
    let versie = query.positive_int("versie");
    let registratie_op = query.get("registratieOp");
    let row = if let Some(versie) = versie {
        sqlx::query("SELECT data FROM eio_versies WHERE document_uuid = $1 AND versie = $2")
            .bind(uuid.to_string())
            .bind(versie as i64)
            .fetch_optional(api.db.reader())
            .await?
    } else if let Some(moment) = registratie_op {
        let parsed = chrono::DateTime::parse_from_rfc3339(&moment)
            .map(|d| d.with_timezone(&chrono::Utc))
            .map_err(|_| ApiError::invalid("registratieOp", "invalid", "Ongeldige datum-tijd."))?;
        sqlx::query("SELECT data FROM eio_versies WHERE document_uuid = $1 AND begin_registratie <= $2 ORDER BY versie DESC LIMIT 1")
            .bind(uuid.to_string())
            .bind(parsed.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
            .fetch_optional(api.db.reader())
            .await?
    } else {
        return store::get(&api.db, "enkelvoudiginformatieobjecten", uuid)
            .await?
            .ok_or(ApiError::NotFound);
    };
    let row = row.ok_or(ApiError::NotFound)?;
    let data: String = row.try_get(0)?;
    serde_json::from_str(&data).map_err(ApiError::internal)
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    mut query: Query,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let expand = query.list("expand");
    let mut document = versioned(&api, uuid, &mut query).await?;
    query.finish()?;
    expand_type(&api, &mut document, &expand).await?;
    Ok(respond::detail(&headers, &document))
}

/// `expand=informatieobjecttype` (the only expandable field of a document).
pub(super) async fn expand_type(
    api: &CaseApi,
    document: &mut Value,
    expand: &[String],
) -> Result<(), ApiError> {
    if expand.is_empty() {
        return Ok(());
    }
    if expand.iter().any(|e| e != "informatieobjecttype") {
        return Err(ApiError::invalid(
            "expand",
            "invalid-expand",
            "Alleen informatieobjecttype kan ge-expand worden.",
        ));
    }
    let iot = catalogi::lookup(
        api,
        Kind::Informatieobjecttype,
        document["informatieobjecttype"]
            .as_str()
            .unwrap_or_default(),
    )
    .await?;
    document["_expand"] = json!({"informatieobjecttype": iot});
    Ok(())
}

async fn list_with(api: &CaseApi, mut query: Query, raw: &str) -> Result<Response, ApiError> {
    let page = Page::new(query.positive_int("page"));
    let expand = query.list("expand");
    let mut filter = crate::filter::Where::new();
    filter.equals(
        &mut query,
        &[
            ("identificatie", "identificatie"),
            ("bronorganisatie", "bronorganisatie"),
        ],
    );
    for trefwoord in query.list("trefwoorden") {
        // An exact array element in the served JSON: "…","trefwoord",…
        filter.add("data LIKE {}", format!("%{}%", json!(trefwoord)));
    }
    if let Some(uuids) = query.get("uuid__in") {
        let uuids = uuids
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
            .collect();
        filter.add_in("uuid", uuids);
    }
    query.finish()?;
    let table = "enkelvoudiginformatieobjecten";
    let count = filter.count(&api.db, table).await?;
    if !page.exists(count) {
        return Err(ApiError::NotFound);
    }
    let mut results = filter
        .data(
            &api.db,
            table,
            "seq, uuid",
            Some((page.limit(), page.offset())),
        )
        .await?;
    for document in &mut results {
        expand_type(api, document, &expand).await?;
    }
    let body = page.body(
        &api.urls.collection(Api::Documenten, table),
        raw,
        count,
        results,
    );
    Ok(respond::json(StatusCode::OK, &body))
}

pub async fn list(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let raw = raw.unwrap_or_default();
    list_with(&api, Query::parse(&raw), &raw).await
}

/// `POST /_zoek` with `{"uuid__in": [...]}`: bulk fetch.
pub async fn search(
    State(api): State<CaseApi>,
    _caller: Caller,
    RawQuery(raw): RawQuery,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let raw = raw.unwrap_or_default();
    let mut f = Fields::new(&body);
    let uuids = f.string_list("uuid__in", 36);
    if body.get("uuid__in").is_none() {
        f.error("uuid__in", "required", "Dit veld is vereist.");
    }
    f.finish()?;
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.push(("uuid__in".into(), uuids.join(",")));
    let combined = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    list_with(&api, Query::parse(&combined), &raw).await
}

async fn update_with(
    api: CaseApi,
    caller: Caller,
    headers: HeaderMap,
    uuid: String,
    DocumentBody {
        fields: body,
        inhoud,
    }: DocumentBody,
    partial: bool,
) -> Result<Response, ApiError> {
    let (upload, content) = split_inhoud(inhoud);
    let mut tx = api.db.begin().await?;
    let (uuid, old, lock) = load_tx(&mut tx, &uuid).await?;
    check_lock(&body, lock.as_deref())?;
    let merged = if partial {
        let mut base = old.as_object().cloned().unwrap_or_default();
        // The served inhoud is a download URL; only a new base64 value in the patch counts.
        base.remove("inhoud");
        base.remove("bestandsomvang");
        fields::merge_patch(&base, &body)
    } else {
        body
    };
    // Validation reads the catalogue through the read pool; finish it before writing.
    let valid = validate(&api, &merged, content, Some(&old)).await?;
    let versie = old["versie"].as_i64().unwrap_or(1) + 1;
    let url = old["url"].as_str().unwrap_or_default().to_owned();
    let file = match upload {
        Some(upload) => {
            let file = version_file(uuid, versie);
            upload.persist(&absolute(&api, &file)).await?;
            Some(file)
        }
        None => version_file_of(&api, uuid, versie - 1).await?,
    };
    let mut document = old.clone();
    for (key, value) in valid.fields {
        if key == "identificatie" && value.as_str().is_some_and(str::is_empty) {
            continue;
        }
        document[key] = value;
    }
    document["versie"] = json!(versie);
    document["beginRegistratie"] = json!(now());
    if let Some(size) = valid.content {
        document["bestandsomvang"] = json!(size);
    }
    document["inhoud"] = if file.is_some() {
        json!(format!("{url}/download?versie={versie}"))
    } else {
        Value::Null
    };
    save_version(&mut tx, uuid, &document, file.as_deref()).await?;
    let actie = if partial {
        Actie::PartialUpdate
    } else {
        Actie::Update
    };
    audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        actie,
        &document,
        "enkelvoudiginformatieobject",
        &url,
        Some(&old),
        Some(&document),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &document))
}

/// Changes need the lock the document was locked with.
fn check_lock(body: &Map<String, Value>, lock: Option<&str>) -> Result<(), ApiError> {
    let given = body.get("lock").and_then(Value::as_str).unwrap_or_default();
    match lock {
        None => Err(ApiError::invalid(
            "nonFieldErrors",
            "unlocked",
            "Het document is niet vergrendeld; vergrendel het eerst (lock).",
        )),
        Some(_) if given.is_empty() => Err(ApiError::invalid(
            "nonFieldErrors",
            "missing-lock-id",
            "Geef de lock-waarde mee.",
        )),
        Some(lock) if lock != given => Err(ApiError::invalid(
            "nonFieldErrors",
            "incorrect-lock-id",
            "De lock-waarde is onjuist.",
        )),
        Some(_) => Ok(()),
    }
}

pub async fn update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    body: DocumentBody,
) -> Result<Response, ApiError> {
    update_with(api, caller, headers, uuid, body, false).await
}

pub async fn partial_update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    body: DocumentBody,
) -> Result<Response, ApiError> {
    update_with(api, caller, headers, uuid, body, true).await
}

pub async fn lock(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let (uuid, mut document, lock) = load_tx(&mut tx, &uuid).await?;
    if lock.is_some() {
        return Err(ApiError::invalid(
            "nonFieldErrors",
            "existing-lock",
            "Het document is al vergrendeld.",
        ));
    }
    let token = Uuid::new_v4().simple().to_string();
    set_lock(&mut tx, uuid, Some(&token)).await?;
    document["locked"] = json!(true);
    store::put_data(&mut tx, "enkelvoudiginformatieobjecten", uuid, &document).await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &json!({"lock": token})))
}

/// Unlocks. With the large-file flow this is where the parts become the document: all parts
/// must be complete; they are concatenated (streamed) into the version file first, then the
/// metadata is switched over in one transaction. Without a `lock` value it is a forced
/// unlock, which our all-scopes clients may do (`documenten.geforceerd-unlock`).
pub async fn unlock(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Response, ApiError> {
    // The body is optional (a forced unlock has none).
    let body: Map<String, Value> = if bytes.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else {
        serde_json::from_slice(&bytes).map_err(|e| ApiError::BadRequest {
            code: "parse_error",
            detail: format!("JSON parse error - {e}"),
        })?
    };
    let (uuid, document, lock) = {
        let mut tx = api.db.begin().await?;
        let loaded = load_tx(&mut tx, &uuid).await?;
        tx.commit().await?;
        loaded
    };
    let given = body.get("lock").and_then(Value::as_str).unwrap_or_default();
    if !given.is_empty() && lock.as_deref() != Some(given) {
        return Err(ApiError::invalid(
            "nonFieldErrors",
            "incorrect-lock-id",
            "De lock-waarde is onjuist.",
        ));
    }
    let parts = super::bestandsdeel::parts_of(&api, uuid).await?;
    let assembled = if parts.is_empty() {
        None
    } else {
        if parts.iter().any(|p| !p.voltooid) {
            return Err(ApiError::invalid(
                "nonFieldErrors",
                "incomplete-upload",
                "Nog niet alle bestandsdelen zijn geüpload.",
            ));
        }
        let versie = document["versie"].as_i64().unwrap_or(1);
        let file = version_file(uuid, versie);
        super::bestandsdeel::assemble(&api, &parts, &absolute(&api, &file)).await?;
        Some(file)
    };
    let mut tx = api.db.begin().await?;
    let (_, mut current, _) = load_tx(&mut tx, &uuid.to_string()).await?;
    set_lock(&mut tx, uuid, None).await?;
    current["locked"] = json!(false);
    if let Some(file) = &assembled {
        let url = current["url"].as_str().unwrap_or_default().to_owned();
        let versie = current["versie"].as_i64().unwrap_or(1);
        current["bestandsdelen"] = json!([]);
        current["inhoud"] = json!(format!("{url}/download?versie={versie}"));
        sqlx::query("DELETE FROM bestandsdelen WHERE document_uuid = $1")
            .bind(uuid.to_string())
            .execute(&mut *tx)
            .await?;
        save_version(&mut tx, uuid, &current, Some(file)).await?;
        audit(
            &api,
            &mut tx,
            &caller,
            &headers,
            Actie::PartialUpdate,
            &current,
            "enkelvoudiginformatieobject",
            &url,
            Some(&document),
            Some(&current),
        )
        .await?;
    } else {
        store::put_data(&mut tx, "enkelvoudiginformatieobjecten", uuid, &current).await?;
    }
    tx.commit().await?;
    if assembled.is_some() {
        super::bestandsdeel::remove_part_files(&api, &parts).await;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Streams a version's content from disk (never read whole into memory).
pub async fn download(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(uuid): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let mut query = Query::parse(request.uri().query().unwrap_or_default());
    let document = store::get(&api.db, "enkelvoudiginformatieobjecten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let versie = query
        .positive_int("versie")
        .map(|v| v as i64)
        .unwrap_or_else(|| document["versie"].as_i64().unwrap_or(1));
    query.finish()?;
    let file = version_file_of(&api, uuid, versie)
        .await?
        .ok_or(ApiError::NotFound)?;
    let path = absolute(&api, &file);
    let served = tower_http::services::ServeFile::new(path)
        .oneshot(Request::new(Body::empty()))
        .await
        .map_err(ApiError::internal)?;
    if served.status() != StatusCode::OK {
        return Err(ApiError::internal(format!(
            "content of document {uuid} versie {versie} unreadable"
        )));
    }
    let mut response = served.map(Body::new).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok(response)
}

pub async fn destroy(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let (uuid, document, lock) = load_tx(&mut tx, &uuid).await?;
    if lock.is_some() {
        return Err(ApiError::invalid(
            "nonFieldErrors",
            "locked",
            "Een vergrendeld document kan niet verwijderd worden.",
        ));
    }
    let url = document["url"].as_str().unwrap_or_default().to_owned();
    let related = sqlx::query("SELECT 1 FROM objectinformatieobjecten WHERE informatieobject = $1")
        .bind(url.clone())
        .fetch_optional(&mut *tx)
        .await?;
    if related.is_some() {
        return Err(ApiError::invalid(
            "nonFieldErrors",
            "pending-relations",
            "Het document hoort nog bij een zaak of besluit.",
        ));
    }
    sqlx::query("DELETE FROM gebruiksrechten WHERE informatieobject = $1")
        .bind(url.clone())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM enkelvoudiginformatieobjecten WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    audit::delete_all(&mut tx, &url).await?;
    let _ = (&caller, &headers);
    tx.commit().await?;
    // Files go after the commit: a crash in between leaves only unreferenced files.
    let _ = tokio::fs::remove_dir_all(api.documents_dir.join(uuid.to_string())).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn audittrail_list(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    store::get(&api.db, "enkelvoudiginformatieobjecten", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let trail = audit::list(&api.db, &document_url(&api, uuid)).await?;
    Ok(respond::json(StatusCode::OK, &Value::Array(trail)))
}

pub async fn audittrail_detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path((uuid, audit_uuid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let audit_uuid = Uuid::parse_str(&audit_uuid).map_err(|_| ApiError::NotFound)?;
    let entry = audit::get(&api.db, &document_url(&api, uuid), audit_uuid).await?;
    Ok(respond::detail(&headers, &entry))
}
