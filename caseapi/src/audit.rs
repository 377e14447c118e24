//! The audit trail of Zaken and Documenten: every write on a main object (zaak, document) or
//! one of its sub-resources is recorded in the same transaction as the write itself, with the
//! caller from the JWT and the full before/after JSON (`wijzigingen`).

use serde_json::{json, Value};
use sqlx::Row;
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::{Db, Tx};
use crate::error::ApiError;

/// The standard's actions and how they are shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actie {
    Create,
    Update,
    PartialUpdate,
    Destroy,
}

impl Actie {
    pub fn code(self) -> &'static str {
        match self {
            Actie::Create => "create",
            Actie::Update => "update",
            Actie::PartialUpdate => "partial_update",
            Actie::Destroy => "destroy",
        }
    }

    pub fn weergave(self) -> &'static str {
        match self {
            Actie::Create => "Object aangemaakt",
            Actie::Update => "Object bijgewerkt",
            Actie::PartialUpdate => "Object deels bijgewerkt",
            Actie::Destroy => "Object verwijderd",
        }
    }

    /// The HTTP status the write answered with (`resultaat`).
    pub fn resultaat(self) -> u16 {
        match self {
            Actie::Create => 201,
            Actie::Update | Actie::PartialUpdate => 200,
            Actie::Destroy => 204,
        }
    }
}

/// One audit record to write.
pub struct Entry<'a> {
    /// `zrc` (Zaken) or `drc` (Documenten).
    pub bron: &'a str,
    pub caller: &'a Caller,
    pub actie: Actie,
    /// URL of the main object (zaak or document) the trail belongs to.
    pub hoofd_object: &'a str,
    /// Resource name, e.g. `zaak`, `status`, `rol`.
    pub resource: &'a str,
    pub resource_url: &'a str,
    /// A short human description, e.g. the zaak identificatie.
    pub resource_weergave: &'a str,
    /// From the `X-Audit-Toelichting` request header.
    pub toelichting: &'a str,
    pub oud: Option<&'a Value>,
    pub nieuw: Option<&'a Value>,
}

/// Writes the record inside the caller's transaction.
pub async fn record(
    tx: &mut Tx,
    entry: Entry<'_>,
    audittrail_url: impl Fn(Uuid) -> String,
) -> Result<(), ApiError> {
    let uuid = Uuid::new_v4();
    let now = chrono::Utc::now();
    let data = json!({
        "uuid": uuid,
        "url": audittrail_url(uuid),
        "bron": entry.bron,
        "applicatieId": entry.caller.client_id,
        "applicatieWeergave": entry.caller.client_id,
        "gebruikersId": entry.caller.user_id,
        "gebruikersWeergave": entry.caller.user_representation,
        "actie": entry.actie.code(),
        "actieWeergave": entry.actie.weergave(),
        "resultaat": entry.actie.resultaat(),
        "hoofdObject": entry.hoofd_object,
        "resource": entry.resource,
        "resourceUrl": entry.resource_url,
        "toelichting": entry.toelichting,
        "resourceWeergave": entry.resource_weergave,
        "aanmaakdatum": now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "wijzigingen": {"oud": entry.oud, "nieuw": entry.nieuw},
    });
    sqlx::query(
        "INSERT INTO audittrail (uuid, seq, bron, hoofd_object, data) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(uuid.to_string())
    .bind(now.timestamp_micros())
    .bind(entry.bron)
    .bind(entry.hoofd_object)
    .bind(data.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The trail of one main object, oldest first.
pub async fn list(db: &Db, hoofd_object: &str) -> Result<Vec<Value>, ApiError> {
    let rows =
        sqlx::query("SELECT data FROM audittrail WHERE hoofd_object = $1 ORDER BY seq, uuid")
            .bind(hoofd_object)
            .fetch_all(db.reader())
            .await?;
    rows.iter()
        .map(|row| {
            let data: String = row.try_get(0)?;
            serde_json::from_str(&data).map_err(ApiError::internal)
        })
        .collect()
}

/// One record of a main object's trail.
pub async fn get(db: &Db, hoofd_object: &str, uuid: Uuid) -> Result<Value, ApiError> {
    let row = sqlx::query("SELECT data FROM audittrail WHERE hoofd_object = $1 AND uuid = $2")
        .bind(hoofd_object)
        .bind(uuid.to_string())
        .fetch_optional(db.reader())
        .await?
        .ok_or(ApiError::NotFound)?;
    let data: String = row.try_get(0)?;
    serde_json::from_str(&data).map_err(ApiError::internal)
}

/// Removes a main object's trail (a hard delete of a zaak removes its trail, per the standard).
pub async fn delete_all(tx: &mut Tx, hoofd_object: &str) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM audittrail WHERE hoofd_object = $1")
        .bind(hoofd_object)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
