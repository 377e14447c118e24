//! Rows of the catalogi tables: the served JSON plus the filter columns beside it, written and
//! listed generically (each kind names its own columns).

use serde_json::Value;
use sqlx::{AssertSqlSafe, Row};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::error::ApiError;
use crate::pagination::Page;

/// A value bound to a column or a filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Text(Option<String>),
    Int(i64),
}

impl Bind {
    pub fn text(value: impl Into<String>) -> Bind {
        Bind::Text(Some(value.into()))
    }

    pub fn opt(value: Option<impl Into<String>>) -> Bind {
        Bind::Text(value.map(Into::into))
    }

    pub fn flag(value: bool) -> Bind {
        Bind::Int(i64::from(value))
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

fn bind_all<'q>(mut query: AnyQuery<'q>, binds: &'q [Bind]) -> AnyQuery<'q> {
    for bind in binds {
        query = match bind {
            Bind::Text(value) => query.bind(value.clone()),
            Bind::Int(value) => query.bind(*value),
        };
    }
    query
}

/// What a write stores: the served JSON and the filter columns.
#[derive(Debug, Clone)]
pub struct Record {
    pub data: Value,
    pub columns: Vec<(&'static str, Bind)>,
}

pub async fn insert(tx: &mut Tx, table: &str, uuid: Uuid, record: &Record) -> Result<(), ApiError> {
    let seq: i64 = sqlx::query(AssertSqlSafe(format!(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}"
    )))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let names: Vec<&str> = record.columns.iter().map(|(name, _)| *name).collect();
    let placeholders: Vec<String> = (4..4 + names.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} (uuid, data, seq{}{}) VALUES ($1, $2, $3{}{})",
        if names.is_empty() { "" } else { ", " },
        names.join(", "),
        if names.is_empty() { "" } else { ", " },
        placeholders.join(", ")
    );
    let mut binds = vec![
        Bind::text(uuid.to_string()),
        Bind::text(record.data.to_string()),
        Bind::Int(seq),
    ];
    binds.extend(record.columns.iter().map(|(_, bind)| bind.clone()));
    bind_all(sqlx::query(AssertSqlSafe(sql)), &binds)
        .execute(&mut **tx)
        .await
        .map_err(unique_violation_is_invalid)?;
    Ok(())
}

/// A unique index refusing a row is the API's `unique` rule, checked beforehand with a readable
/// message; only a concurrent write can get here.
fn unique_violation_is_invalid(error: sqlx::Error) -> ApiError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => ApiError::invalid(
            "nonFieldErrors",
            "unique",
            "Dit object bestaat al (gelijktijdig aangemaakt).",
        ),
        _ => ApiError::from(error),
    }
}

pub async fn update(tx: &mut Tx, table: &str, uuid: Uuid, record: &Record) -> Result<(), ApiError> {
    let mut sets = vec!["data = $1".to_owned()];
    let mut binds = vec![Bind::text(record.data.to_string())];
    for (name, bind) in &record.columns {
        binds.push(bind.clone());
        sets.push(format!("{name} = ${}", binds.len()));
    }
    binds.push(Bind::text(uuid.to_string()));
    let sql = format!(
        "UPDATE {table} SET {} WHERE uuid = ${}",
        sets.join(", "),
        binds.len()
    );
    bind_all(sqlx::query(AssertSqlSafe(sql)), &binds)
        .execute(&mut **tx)
        .await
        .map_err(unique_violation_is_invalid)?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, table: &str, uuid: Uuid) -> Result<(), ApiError> {
    sqlx::query(AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE uuid = $1"
    )))
    .bind(uuid.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `WHERE` conditions with their bound values, built up filter by filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    conditions: Vec<String>,
    binds: Vec<Bind>,
}

impl Filter {
    fn placeholder(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    /// `column = value`.
    pub fn eq(&mut self, column: &str, bind: Bind) {
        let p = self.placeholder(bind);
        self.conditions.push(format!("{column} = {p}"));
    }

    /// `column IN (values)`; an empty list matches nothing.
    pub fn any_of(&mut self, column: &str, values: Vec<String>) {
        if values.is_empty() {
            self.conditions.push("1 = 0".into());
            return;
        }
        let ps: Vec<String> = values
            .into_iter()
            .map(|v| self.placeholder(Bind::text(v)))
            .collect();
        self.conditions
            .push(format!("{column} IN ({})", ps.join(", ")));
    }

    /// Matches nothing (e.g. a filter URL that cannot point at anything here).
    pub fn nothing(&mut self) {
        self.conditions.push("1 = 0".into());
    }

    /// `column LIKE pattern ESCAPE '\'` with `fragment` matched literally between `prefix` and
    /// `suffix`.
    pub fn contains(&mut self, column: &str, fragment: &str) {
        let escaped: String = fragment
            .chars()
            .flat_map(|c| match c {
                '\\' | '%' | '_' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let p = self.placeholder(Bind::text(format!("%{escaped}%")));
        self.conditions
            .push(format!("{column} LIKE {p} ESCAPE '\\'"));
    }

    /// The version valid on `date`: `begin_geldigheid <= date <= einde_geldigheid` (open end).
    pub fn valid_on(&mut self, date: chrono::NaiveDate) {
        let day = date.format("%Y-%m-%d").to_string();
        let p1 = self.placeholder(Bind::text(day.clone()));
        let p2 = self.placeholder(Bind::text(day));
        self.conditions.push(format!(
            "begin_geldigheid <= {p1} AND (einde_geldigheid IS NULL OR einde_geldigheid >= {p2})"
        ));
    }

    fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }
}

fn parse_data(row: &crate::db::Row) -> Result<Value, ApiError> {
    let data: String = row.try_get(0)?;
    serde_json::from_str(&data).map_err(ApiError::internal)
}

/// One page of served JSON, oldest first, and the total count.
pub async fn list(
    db: &Db,
    table: &str,
    filter: &Filter,
    page: Page,
) -> Result<(u64, Vec<Value>), ApiError> {
    let where_clause = filter.where_clause();
    let count: i64 = bind_all(
        sqlx::query(AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table}{where_clause}"
        ))),
        &filter.binds,
    )
    .fetch_one(db.reader())
    .await?
    .try_get(0)?;
    let sql = format!(
        "SELECT data FROM {table}{where_clause} ORDER BY seq, uuid LIMIT {} OFFSET {}",
        page.limit(),
        page.offset()
    );
    let rows = bind_all(sqlx::query(AssertSqlSafe(sql)), &filter.binds)
        .fetch_all(db.reader())
        .await?;
    let results = rows.iter().map(parse_data).collect::<Result<_, _>>()?;
    Ok((count.max(0) as u64, results))
}

/// `(uuid, served JSON)` of all rows matching `filter` inside a write transaction, in `order`.
pub async fn select_tx(
    tx: &mut Tx,
    table: &str,
    filter: &Filter,
    order: &str,
) -> Result<Vec<(Uuid, Value)>, ApiError> {
    let sql = format!(
        "SELECT data, uuid FROM {table}{} ORDER BY {order}",
        filter.where_clause()
    );
    let rows = bind_all(sqlx::query(AssertSqlSafe(sql)), &filter.binds)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| {
            let uuid: String = row.try_get(1)?;
            Ok((
                Uuid::parse_str(&uuid).map_err(ApiError::internal)?,
                parse_data(row)?,
            ))
        })
        .collect()
}

/// Sets filter columns of one row without touching `data`.
pub async fn set_columns(
    tx: &mut Tx,
    table: &str,
    uuid: Uuid,
    columns: &[(&'static str, Bind)],
) -> Result<(), ApiError> {
    if columns.is_empty() {
        return Ok(());
    }
    let mut sets = Vec::new();
    let mut binds = Vec::new();
    for (name, bind) in columns {
        binds.push(bind.clone());
        sets.push(format!("{name} = ${}", binds.len()));
    }
    binds.push(Bind::text(uuid.to_string()));
    let sql = format!(
        "UPDATE {table} SET {} WHERE uuid = ${}",
        sets.join(", "),
        binds.len()
    );
    bind_all(sqlx::query(AssertSqlSafe(sql)), &binds)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Takes the row lock of one row for the rest of the transaction (a no-op update: portable,
/// unlike `SELECT … FOR UPDATE`). Derived fields are recomputed under this lock, so on
/// PostgreSQL two transactions changing sub-types of the same resource recompute one after
/// the other and the second sees the first's rows; SQLite serialises writers anyway.
pub async fn lock(tx: &mut Tx, table: &str, uuid: Uuid) -> Result<(), ApiError> {
    sqlx::query(AssertSqlSafe(format!(
        "UPDATE {table} SET seq = seq WHERE uuid = $1"
    )))
    .bind(uuid.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
