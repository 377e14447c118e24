//! List queries built from validated filters: a WHERE clause with numbered parameters, and the
//! reads every list endpoint shares (count, the served JSON of a page, a plain array).

use serde_json::Value;
use sqlx::{AssertSqlSafe, Row};

use crate::db::Db;
use crate::error::ApiError;
use crate::query::Query;

/// Conditions joined with AND, each with its bound text parameters.
#[derive(Debug, Default)]
pub struct Where {
    conditions: Vec<String>,
    binds: Vec<String>,
}

impl Where {
    pub fn new() -> Where {
        Where::default()
    }

    /// A condition with `{}` where the parameter goes, e.g. `startdatum >= {}`.
    pub fn add(&mut self, condition: &str, value: String) {
        self.binds.push(value);
        let placeholder = format!("${}", self.binds.len());
        self.conditions.push(condition.replace("{}", &placeholder));
    }

    /// `column IN (…)`; an empty list matches nothing.
    pub fn add_in(&mut self, column: &str, values: Vec<String>) {
        let mut placeholders = Vec::new();
        for value in values {
            self.binds.push(value);
            placeholders.push(format!("${}", self.binds.len()));
        }
        if placeholders.is_empty() {
            self.conditions.push("1 = 0".into());
        } else {
            self.conditions
                .push(format!("{column} IN ({})", placeholders.join(", ")));
        }
    }

    /// A condition without parameters (code-defined SQL only).
    pub fn add_raw(&mut self, condition: impl Into<String>) {
        self.conditions.push(condition.into());
    }

    /// `column = value` for each `(parameter, column)` the query has.
    pub fn equals(&mut self, query: &mut Query, pairs: &[(&str, &str)]) {
        for (name, column) in pairs {
            if let Some(value) = query.get(name) {
                self.add(&format!("{column} = {{}}"), value);
            }
        }
    }

    fn sql(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }

    /// Number of matching rows of `table`.
    pub async fn count(&self, db: &Db, table: &str) -> Result<u64, ApiError> {
        let sql = format!("SELECT COUNT(*) FROM {table}{}", self.sql());
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for bind in &self.binds {
            query = query.bind(bind.clone());
        }
        let count: i64 = query.fetch_one(db.reader()).await?.try_get(0)?;
        Ok(count as u64)
    }

    /// The served JSON of the matching rows, in `order`, optionally one page (limit, offset).
    pub async fn data(
        &self,
        db: &Db,
        table: &str,
        order: &str,
        page: Option<(i64, i64)>,
    ) -> Result<Vec<Value>, ApiError> {
        let n = self.binds.len();
        let mut sql = format!("SELECT data FROM {table}{} ORDER BY {order}", self.sql());
        if page.is_some() {
            sql.push_str(&format!(" LIMIT ${} OFFSET ${}", n + 1, n + 2));
        }
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for bind in &self.binds {
            query = query.bind(bind.clone());
        }
        if let Some((limit, offset)) = page {
            query = query.bind(limit).bind(offset);
        }
        let rows = query.fetch_all(db.reader()).await?;
        rows.iter()
            .map(|row| {
                let data: String = row.try_get(0)?;
                serde_json::from_str(&data).map_err(ApiError::internal)
            })
            .collect()
    }
}
