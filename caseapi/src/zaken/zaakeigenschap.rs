//! Zaakeigenschappen: the values of the zaaktype's eigenschappen for one zaak (the answers of
//! a form, for a portal). `waarde` is always a string; it is checked against the eigenschap's
//! specificatie (formaat, lengte, waardenverzameling).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use sqlx::Row;
use uuid::Uuid;

use crate::audit::Actie;
use crate::auth::Caller;
use crate::catalogi::Kind;
use crate::error::ApiError;
use crate::fields::{self, Fields};
use crate::respond::{self, JsonObject};
use crate::{store, CaseApi};

/// Why `waarde` does not fit the specificatie, if it does not.
pub fn check_waarde(waarde: &str, specificatie: &Value) -> Option<String> {
    let formaat = specificatie["formaat"].as_str().unwrap_or("tekst");
    let lengte: usize = specificatie["lengte"]
        .as_str()
        .and_then(|l| l.split([',', '.']).next())
        .and_then(|l| l.parse().ok())
        .unwrap_or(usize::MAX);
    if let Some(values) = specificatie["waardenverzameling"].as_array() {
        if !values.is_empty() && !values.iter().any(|v| v.as_str() == Some(waarde)) {
            return Some("De waarde komt niet voor in de waardenverzameling.".into());
        }
    }
    match formaat {
        "getal" => {
            let normalized = waarde.replace(',', ".");
            if normalized.parse::<f64>().is_err() {
                return Some("De waarde is geen getal.".into());
            }
        }
        "datum" => {
            let ok = chrono::NaiveDate::parse_from_str(waarde, "%Y%m%d").is_ok()
                || chrono::NaiveDate::parse_from_str(waarde, "%Y-%m-%d").is_ok();
            if !ok {
                return Some("De waarde is geen datum (JJJJMMDD).".into());
            }
        }
        "datum_tijd" => {
            let ok = chrono::NaiveDateTime::parse_from_str(waarde, "%Y%m%d%H%M%S").is_ok()
                || chrono::DateTime::parse_from_rfc3339(waarde).is_ok();
            if !ok {
                return Some("De waarde is geen datum-tijd (JJJJMMDDUUmmSS).".into());
            }
        }
        _ => {}
    }
    if formaat == "tekst" && waarde.chars().count() > lengte {
        return Some(format!("De waarde is langer dan {lengte} tekens."));
    }
    None
}

fn eigenschappen_url(zaak_url: &str) -> String {
    format!("{zaak_url}/zaakeigenschappen")
}

async fn validate(
    api: &CaseApi,
    zaak: &Value,
    body: &Map<String, Value>,
) -> Result<(Value, String), ApiError> {
    let mut f = Fields::new(body);
    let zaak_field = f.url("zaak", true);
    if zaak_field
        .as_deref()
        .is_some_and(|z| Some(z) != zaak["url"].as_str())
    {
        f.error("zaak", "invalid", "De zaak moet de zaak uit het pad zijn.");
    }
    let eigenschap =
        super::catalogi_for_field(api, &mut f, "eigenschap", Kind::Eigenschap, true).await?;
    let waarde = f.string("waarde", true, 10_000).unwrap_or_default();
    if let Some(eigenschap) = &eigenschap {
        if eigenschap["zaaktype"] != zaak["zaaktype"] {
            f.error(
                "eigenschap",
                "zaaktype-mismatch",
                "De eigenschap hoort niet bij het zaaktype van de zaak.",
            );
        } else if let Some(reason) = check_waarde(&waarde, &eigenschap["specificatie"]) {
            f.error("waarde", "invalid", reason);
        }
    }
    f.finish()?;
    Ok((eigenschap.expect("validated"), waarde))
}

pub async fn create(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path(zaak_uuid): Path<String>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let zaak_uuid = super::parse_uuid(&zaak_uuid)?;
    let mut tx = api.db.begin().await?;
    let zaak = store::get_tx(&mut tx, "zaken", zaak_uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (eigenschap, waarde) = validate(&api, &zaak, &body).await?;
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    let uuid = Uuid::new_v4();
    let url = format!("{}/{uuid}", eigenschappen_url(&zaak_url));
    let zaakeigenschap = json!({
        "url": url,
        "uuid": uuid,
        "zaak": zaak_url,
        "eigenschap": eigenschap["url"],
        "naam": eigenschap["naam"],
        "waarde": waarde,
    });
    sqlx::query(
        "INSERT INTO zaakeigenschappen (uuid, seq, zaak_uuid, data) VALUES ($1, $2, $3, $4)",
    )
    .bind(uuid.to_string())
    .bind(super::seq())
    .bind(zaak_uuid.to_string())
    .bind(zaakeigenschap.to_string())
    .execute(&mut *tx)
    .await?;
    let updated = super::update_zaak_list(&mut tx, zaak_uuid, "eigenschappen", &url, true).await?;
    super::zaak::save(&mut tx, zaak_uuid, &updated).await?;
    let naam = eigenschap["naam"].as_str().unwrap_or_default().to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Create,
        &zaak_url,
        "zaakeigenschap",
        &url,
        &naam,
        None,
        Some(&zaakeigenschap),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::created(&zaakeigenschap))
}

/// The zaakeigenschap, checked to belong to the zaak in the path.
async fn load(api: &CaseApi, zaak_uuid: &str, uuid: &str) -> Result<(Uuid, Uuid, Value), ApiError> {
    let zaak_uuid = super::parse_uuid(zaak_uuid)?;
    let uuid = super::parse_uuid(uuid)?;
    let row = sqlx::query("SELECT data FROM zaakeigenschappen WHERE uuid = $1 AND zaak_uuid = $2")
        .bind(uuid.to_string())
        .bind(zaak_uuid.to_string())
        .fetch_optional(api.db.reader())
        .await?
        .ok_or(ApiError::NotFound)?;
    let data: String = row.try_get(0)?;
    Ok((
        zaak_uuid,
        uuid,
        serde_json::from_str(&data).map_err(ApiError::internal)?,
    ))
}

pub async fn detail(
    State(api): State<CaseApi>,
    _caller: Caller,
    headers: HeaderMap,
    Path((zaak_uuid, uuid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (_, _, value) = load(&api, &zaak_uuid, &uuid).await?;
    Ok(respond::detail(&headers, &value))
}

/// A plain array (not paginated), as the OAS says.
pub async fn list(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(zaak_uuid): Path<String>,
) -> Result<Response, ApiError> {
    let zaak_uuid = super::parse_uuid(&zaak_uuid)?;
    store::get(&api.db, "zaken", zaak_uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut filter = crate::filter::Where::new();
    filter.add("zaak_uuid = {}", zaak_uuid.to_string());
    super::plain_list(&api, "zaakeigenschappen", &filter).await
}

async fn update_with(
    api: CaseApi,
    caller: Caller,
    headers: HeaderMap,
    zaak_uuid: String,
    uuid: String,
    body: Map<String, Value>,
    partial: bool,
) -> Result<Response, ApiError> {
    let (zaak_uuid, uuid, old) = load(&api, &zaak_uuid, &uuid).await?;
    let mut tx = api.db.begin().await?;
    let zaak = store::get_tx(&mut tx, "zaken", zaak_uuid)
        .await?
        .ok_or(ApiError::NotFound)?;
    let merged = if partial {
        fields::merge_patch(old.as_object().expect("object"), &body)
    } else {
        body
    };
    if merged.get("eigenschap") != old.get("eigenschap") {
        return Err(ApiError::invalid(
            "eigenschap",
            "wijzigen-niet-toegelaten",
            "Dit veld mag niet gewijzigd worden.",
        ));
    }
    let (_, waarde) = validate(&api, &zaak, &merged).await?;
    let mut value = old.clone();
    value["waarde"] = json!(waarde);
    store::put_data(&mut tx, "zaakeigenschappen", uuid, &value).await?;
    let zaak_url = zaak["url"].as_str().unwrap_or_default().to_owned();
    let url = value["url"].as_str().unwrap_or_default().to_owned();
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
        "zaakeigenschap",
        &url,
        value["naam"].as_str().unwrap_or_default(),
        Some(&old),
        Some(&value),
    )
    .await?;
    tx.commit().await?;
    Ok(respond::json(StatusCode::OK, &value))
}

pub async fn update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path((zaak_uuid, uuid)): Path<(String, String)>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    update_with(api, caller, headers, zaak_uuid, uuid, body, false).await
}

pub async fn partial_update(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path((zaak_uuid, uuid)): Path<(String, String)>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    update_with(api, caller, headers, zaak_uuid, uuid, body, true).await
}

pub async fn destroy(
    State(api): State<CaseApi>,
    caller: Caller,
    headers: HeaderMap,
    Path((zaak_uuid, uuid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (zaak_uuid, uuid, old) = load(&api, &zaak_uuid, &uuid).await?;
    let mut tx = api.db.begin().await?;
    sqlx::query("DELETE FROM zaakeigenschappen WHERE uuid = $1")
        .bind(uuid.to_string())
        .execute(&mut *tx)
        .await?;
    let url = old["url"].as_str().unwrap_or_default().to_owned();
    let updated = super::update_zaak_list(&mut tx, zaak_uuid, "eigenschappen", &url, false).await?;
    super::zaak::save(&mut tx, zaak_uuid, &updated).await?;
    let zaak_url = old["zaak"].as_str().unwrap_or_default().to_owned();
    super::audit(
        &api,
        &mut tx,
        &caller,
        &headers,
        Actie::Destroy,
        &zaak_url,
        "zaakeigenschap",
        &url,
        "",
        Some(&old),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::check_waarde;
    use serde_json::json;

    #[test]
    fn waarde_follows_the_specificatie() {
        let kleur =
            json!({"formaat": "tekst", "lengte": "10", "waardenverzameling": ["rood", "groen"]});
        assert_eq!(check_waarde("rood", &kleur), None);
        assert!(check_waarde("paars", &kleur).is_some());
        let getal = json!({"formaat": "getal", "lengte": "5", "waardenverzameling": []});
        assert_eq!(check_waarde("12,5", &getal), None);
        assert!(check_waarde("twaalf", &getal).is_some());
        let datum = json!({"formaat": "datum", "lengte": "8", "waardenverzameling": []});
        assert_eq!(check_waarde("20261128", &datum), None);
        assert!(check_waarde("28-11-2026", &datum).is_some());
        let tekst = json!({"formaat": "tekst", "lengte": "3", "waardenverzameling": []});
        assert!(check_waarde("abcd", &tekst).is_some());
    }
}
