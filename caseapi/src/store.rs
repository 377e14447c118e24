//! The storage rule every resource table follows, and the lookups built on it.
//!
//! Each resource type has its own table named after its collection (`zaken`, `statussen`,
//! `zaaktypen`, `enkelvoudiginformatieobjecten`, …) with at least
//! `uuid TEXT PRIMARY KEY` and `data TEXT NOT NULL`, where **`data` is exactly the JSON the
//! detail endpoint serves** (derived fields such as `zaak.status` or `zaaktype.statustypen`
//! are kept up to date by the writes that change them, in the same transaction). Columns for
//! filtering and ordering sit beside it and are indexed. Reads therefore never join or
//! rebuild: a detail GET is one primary-key lookup and a list is one indexed query.

use serde_json::Value;
use sqlx::{AssertSqlSafe, Row};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::error::ApiError;

fn select(table: &'static str) -> AssertSqlSafe<String> {
    AssertSqlSafe(format!("SELECT data FROM {table} WHERE uuid = $1"))
}

fn parse(row: Option<crate::db::Row>) -> Result<Option<Value>, ApiError> {
    row.map(|row| {
        let data: String = row.try_get(0)?;
        serde_json::from_str(&data).map_err(ApiError::internal)
    })
    .transpose()
}

/// The served JSON of one resource, or `None`.
pub async fn get(db: &Db, table: &'static str, uuid: Uuid) -> Result<Option<Value>, ApiError> {
    let row = sqlx::query(select(table))
        .bind(uuid.to_string())
        .fetch_optional(db.reader())
        .await?;
    parse(row)
}

/// Like [`get`], inside a write transaction (sees its uncommitted writes).
pub async fn get_tx(
    tx: &mut Tx,
    table: &'static str,
    uuid: Uuid,
) -> Result<Option<Value>, ApiError> {
    let row = sqlx::query(select(table))
        .bind(uuid.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    parse(row)
}

/// Replaces the served JSON of an existing resource (for derived-field maintenance).
pub async fn put_data(
    tx: &mut Tx,
    table: &'static str,
    uuid: Uuid,
    data: &Value,
) -> Result<(), ApiError> {
    sqlx::query(AssertSqlSafe(format!(
        "UPDATE {table} SET data = $1 WHERE uuid = $2"
    )))
    .bind(data.to_string())
    .bind(uuid.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
