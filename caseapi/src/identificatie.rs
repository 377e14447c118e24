//! Identificatie generation: `ZAAK-<year>-<10 digits>`, `DOCUMENT-<year>-<10 digits>`.
//!
//! The counter is incremented with one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING`
//! inside the creating transaction, so parallel creations never get the same number (Open Zaak
//! once failed 75 % of concurrent creations on this) and a rolled-back creation does not burn
//! a visible gap in a committed sequence.

use crate::db::Tx;
use crate::error::ApiError;
use sqlx::Row;

/// The next number for `kind` (e.g. `"ZAAK"`) within `bronorganisatie` and `year`, formatted as
/// `ZAAK-2026-0000000001`. Callers that also accept client-chosen identificaties must check the
/// result is not taken and call again if it is.
pub async fn next(
    tx: &mut Tx,
    kind: &str,
    bronorganisatie: &str,
    year: i32,
) -> Result<String, ApiError> {
    let row = sqlx::query(
        "INSERT INTO identificatie_counter (kind, bronorganisatie, year, value) \
         VALUES ($1, $2, $3, 1) \
         ON CONFLICT (kind, bronorganisatie, year) \
         DO UPDATE SET value = identificatie_counter.value + 1 \
         RETURNING value",
    )
    .bind(kind)
    .bind(bronorganisatie)
    .bind(year)
    .fetch_one(&mut **tx)
    .await?;
    let value: i64 = row.try_get(0)?;
    Ok(format(kind, year, value))
}

/// `ZAAK-2026-0000000042`.
pub fn format(kind: &str, year: i32, value: i64) -> String {
    format!("{kind}-{year}-{value:010}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_with_ten_digits() {
        assert_eq!(super::format("ZAAK", 2026, 42), "ZAAK-2026-0000000042");
    }
}
