//! Rollen: who is involved in a zaak and how (initiator, behandelaar, …). Created and deleted,
//! never changed (the standard has no update). The identifiers the `rol__…` zaak filters use
//! are kept as indexed columns.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::catalogi::Kind;
use crate::error::ApiError;
use crate::fields::Fields;
use crate::filter::Where;
use crate::pagination::Page;
use crate::query::Query;
use crate::respond::{self, JsonObject};
use crate::urls::Api;
use crate::{store, CaseApi};

pub const BETROKKENE_TYPES: [&str; 6] = [
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "vestiging",
    "organisatorische_eenheid",
    "medewerker",
    "",
];

/// Validates the inline `betrokkeneIdentificatie` for its `betrokkeneType` and returns it with
/// the identifier columns (inp_bsn, …) it fills.
fn identificatie(
    f: &mut Fields<'_>,
    betrokkene_type: &str,
) -> (Value, Vec<(&'static str, String)>) {
    let Some(object) = f.object("betrokkeneIdentificatie", false) else {
        return (Value::Null, Vec::new());
    };
    let mut n = Fields::nested(object, "betrokkeneIdentificatie");
    let mut columns = Vec::new();
    let take =
        |n: &mut Fields, name: &str, max: usize| n.string(name, false, max).unwrap_or_default();
    let value = match betrokkene_type {
        "natuurlijk_persoon" => {
            let bsn = match n.raw("inpBsn") {
                Some(Value::String(s)) if !s.is_empty() => {
                    n.rsin("inpBsn", false).unwrap_or_default()
                }
                _ => take(&mut n, "inpBsn", 9),
            };
            let anp = take(&mut n, "anpIdentificatie", 17);
            let a_nummer = take(&mut n, "inpA_nummer", 10);
            for (column, value) in [
                ("inp_bsn", &bsn),
                ("anp_identificatie", &anp),
                ("inp_a_nummer", &a_nummer),
            ] {
                if !value.is_empty() {
                    columns.push((column, value.clone()));
                }
            }
            let geslacht = n
                .choice("geslachtsaanduiding", false, &["m", "v", "o", ""])
                .unwrap_or_default();
            json!({
                "inpBsn": bsn,
                "anpIdentificatie": anp,
                "inpA_nummer": a_nummer,
                "geslachtsnaam": take(&mut n, "geslachtsnaam", 200),
                "voorvoegselGeslachtsnaam": take(&mut n, "voorvoegselGeslachtsnaam", 80),
                "voorletters": take(&mut n, "voorletters", 20),
                "voornamen": take(&mut n, "voornamen", 200),
                "geslachtsaanduiding": geslacht,
                "geboortedatum": take(&mut n, "geboortedatum", 18),
                "verblijfsadres": object.get("verblijfsadres").cloned().unwrap_or(Value::Null),
                "subVerblijfBuitenland": object.get("subVerblijfBuitenland").cloned().unwrap_or(Value::Null),
            })
        }
        "niet_natuurlijk_persoon" => {
            let inn = take(&mut n, "innNnpId", 9);
            let ann = take(&mut n, "annIdentificatie", 17);
            if !inn.is_empty() {
                columns.push(("inn_nnp_id", inn.clone()));
            }
            if !ann.is_empty() {
                columns.push(("ann_identificatie", ann.clone()));
            }
            json!({
                "innNnpId": inn,
                "annIdentificatie": ann,
                "statutaireNaam": take(&mut n, "statutaireNaam", 500),
                "innRechtsvorm": take(&mut n, "innRechtsvorm", 50),
                "bezoekadres": take(&mut n, "bezoekadres", 1000),
                "subVerblijfBuitenland": object.get("subVerblijfBuitenland").cloned().unwrap_or(Value::Null),
            })
        }
        "vestiging" => {
            let nummer = take(&mut n, "vestigingsNummer", 24);
            if !nummer.is_empty() {
                columns.push(("vestigings_nummer", nummer.clone()));
            }
            json!({
                "vestigingsNummer": nummer,
                "handelsnaam": n.string_list("handelsnaam", 625),
                "verblijfsadres": object.get("verblijfsadres").cloned().unwrap_or(Value::Null),
                "subVerblijfBuitenland": object.get("subVerblijfBuitenland").cloned().unwrap_or(Value::Null),
                "kvkNummer": take(&mut n, "kvkNummer", 8),
            })
        }
        "organisatorische_eenheid" => {
            let id = take(&mut n, "identificatie", 24);
            if !id.is_empty() {
                columns.push(("organisatorische_eenheid_identificatie", id.clone()));
            }
            json!({
                "identificatie": id,
                "naam": take(&mut n, "naam", 50),
                "isGehuisvestIn": take(&mut n, "isGehuisvestIn", 24),
            })
        }
        "medewerker" => {
            let id = take(&mut n, "identificatie", 24);
            if !id.is_empty() {
                columns.push(("medewerker_identificatie", id.clone()));
            }
            json!({
                "identificatie": id,
                "achternaam": take(&mut n, "achternaam", 200),
                "voorletters": take(&mut n, "voorletters", 20),
                "voorvoegselAchternaam": take(&mut n, "voorvoegselAchternaam", 10),
            })
        }
        _ => Value::Object(object.clone()),
    };
    f.absorb(n);
    (value, columns)
}

fn contactpersoon(f: &mut Fields<'_>) -> Value {
    let Some(object) = f.object("contactpersoonRol", false) else {
        return Value::Null;
    };
    let mut n = Fields::nested(object, "contactpersoonRol");
    let email = n.string("emailadres", false, 254).unwrap_or_default();
    if !email.is_empty() && !email.contains('@') {
        n.error("emailadres", "invalid", "Voer een geldig e-mailadres in.");
    }
    let value = json!({
        "emailadres": email,
        "functie": n.string("functie", false, 50).unwrap_or_default(),
        "telefoonnummer": n.string("telefoonnummer", false, 20).unwrap_or_default(),
        "naam": n.string("naam", true, 200),
    });
    f.absorb(n);
    value
}

const COLUMNS: [&str; 8] = [
    "inp_bsn",
    "anp_identificatie",
    "inp_a_nummer",
    "inn_nnp_id",
    "ann_identificatie",
    "vestigings_nummer",
    "medewerker_identificatie",
    "organisatorische_eenheid_identificatie",
];

pub async fn create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut tx = api.db.begin().await?;
    let mut f = Fields::new(&body);
    let zaak = super::zaak_for_field(&api, &mut tx, &mut f, "zaak").await?;
    let roltype = super::catalogi_for_field(&api, &mut f, "roltype", Kind::Roltype, true).await?;
    if let (Some((_, zaak)), Some(roltype)) = (&zaak, &roltype) {
        if roltype["zaaktype"] != zaak["zaaktype"] {
            f.error(
                "roltype",
                "zaaktype-mismatch",
                "Het roltype hoort niet bij het zaaktype van de zaak.",
            );
        }
    }
    let betrokkene = f.url("betrokkene", false).unwrap_or_default();
    let betrokkene_type = f
        .choice("betrokkeneType", true, &BETROKKENE_TYPES)
        .unwrap_or_default();
    let (identificatie, columns) = identificatie(&mut f, &betrokkene_type);
    if betrokkene.is_empty() && identificatie.is_null() {
        f.non_field_error(
            "invalid-betrokkene",
            "betrokkene of betrokkeneIdentificatie moet gegeven zijn.",
        );
    }
    let roltoelichting = f.string("roltoelichting", true, 1000);
    let afwijkende_naam = f
        .string("afwijkendeNaamBetrokkene", false, 625)
        .unwrap_or_default();
    let machtiging = f
        .choice(
            "indicatieMachtiging",
            false,
            &["gemachtigde", "machtiginggever", ""],
        )
        .unwrap_or_default();
    let contact = contactpersoon(&mut f);
    f.finish()?;
    let (zaak_uuid, zaak) = zaak.expect("validated");
    let roltype = roltype.expect("validated");
    let uuid = Uuid::new_v4();
    let url = api.urls.resource(Api::Zaken, "rollen", uuid);
    let rol = json!({
        "url": url,
        "uuid": uuid,
        "zaak": zaak["url"],
        "betrokkene": betrokkene,
        "betrokkeneType": betrokkene_type,
        "afwijkendeNaamBetrokkene": afwijkende_naam,
        "roltype": roltype["url"],
        "omschrijving": roltype["omschrijving"],
        "omschrijvingGeneriek": roltype["omschrijvingGeneriek"],
        "roltoelichting": roltoelichting,
        "registratiedatum": super::now(),
        "indicatieMachtiging": machtiging,
        "contactpersoonRol": contact,
        "statussen": [],
        "betrokkeneIdentificatie": identificatie,
    });
    let column_names: Vec<&str> = COLUMNS.to_vec();
    let sql = format!(
        "INSERT INTO rollen (uuid, seq, zaak_uuid, zaak, roltype, betrokkene, betrokkene_type, \
         omschrijving_generiek, omschrijving, data, {}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, {})",
        column_names.join(", "),
        (11..11 + column_names.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
    );
    let mut insert = sqlx::query(AssertSqlSafe(sql))
        .bind(uuid.to_string())
        .bind(super::seq())
        .bind(zaak_uuid.to_string())
        .bind(zaak["url"].as_str().unwrap_or_default().to_owned())
        .bind(roltype["url"].as_str().unwrap_or_default().to_owned())
        .bind(rol["betrokkene"].as_str().unwrap_or_default().to_owned())
        .bind(
            rol["betrokkeneType"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
        .bind(
            rol["omschrijvingGeneriek"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
        .bind(rol["omschrijving"].as_str().unwrap_or_default().to_owned())
        .bind(rol.to_string());
    for column in COLUMNS {
        let value = columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.clone());
        insert = insert.bind(value);
    }
    insert.execute(&mut *tx).await?;
    let updated = super::update_zaak_list(&mut tx, zaak_uuid, "rollen", &url, true).await?;
    super::zaak::save(&mut tx, zaak_uuid, &updated).await?;
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    let weergave = format!(
        "{} ({})",
        rol["omschrijving"].as_str().unwrap_or_default(),
        betrokkene_type
    );
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &zaak_url,
        "rol",
        &url,
        &weergave,
        None,
        Some(&rol),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&rol))
}

pub async fn destroy(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let uuid = super::parse_uuid(&uuid)?;
    let mut tx = api.db.begin().await?;
    let rol = store::get_tx(&mut tx, "rollen", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    sqlx::query("DELETE FROM rollen WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    let zaak_url = rol["zaak"].as_str().unwrap_or_default().to_owned();
    if let Some(zaak_uuid) = api.urls.parse(&zaak_url, Api::Zaken, "zaken") {
        let url = rol["url"].as_str().unwrap_or_default();
        let updated = super::update_zaak_list(&mut tx, zaak_uuid, "rollen", url, false).await?;
        super::zaak::save(&mut tx, zaak_uuid, &updated).await?;
    }
    let url = rol["url"].as_str().unwrap_or_default().to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Destroy,
        &zaak_url,
        "rol",
        &url,
        "",
        Some(&rol),
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
    let rol = store::get(&api.db, "rollen", uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(respond::detail(&headers, &rol))
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
        &[
            ("zaak", "zaak"),
            ("betrokkene", "betrokkene"),
            ("betrokkeneType", "betrokkene_type"),
            ("roltype", "roltype"),
            ("omschrijvingGeneriek", "omschrijving_generiek"),
            ("omschrijving", "omschrijving"),
            (
                "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn",
                "inp_bsn",
            ),
            (
                "betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie",
                "anp_identificatie",
            ),
            (
                "betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer",
                "inp_a_nummer",
            ),
            (
                "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId",
                "inn_nnp_id",
            ),
            (
                "betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie",
                "ann_identificatie",
            ),
            (
                "betrokkeneIdentificatie__vestiging__vestigingsNummer",
                "vestigings_nummer",
            ),
            (
                "betrokkeneIdentificatie__organisatorischeEenheid__identificatie",
                "organisatorische_eenheid_identificatie",
            ),
            (
                "betrokkeneIdentificatie__medewerker__identificatie",
                "medewerker_identificatie",
            ),
        ],
    );
    query.finish()?;
    super::paginated_list(&api, "rollen", &filter, page, &raw).await
}
