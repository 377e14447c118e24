//! The notifications the provider publishes (Notificaties API `Notificatie` bodies): every
//! audited write of Zaken and Documenten — a status set, a zaak changed, a document added —
//! is announced to the configured subscribers (Loket's own receiver, a municipality's
//! Notificaties API).
//!
//! Durable: the notification is written to an outbox table in the same transaction as the write
//! itself, so a write never happens without its notification, and a crash or restart before it
//! is delivered only delays it. A background sender posts due rows to their subscriber and
//! retries failures with exponential backoff.

use std::sync::RwLock;
use std::time::Duration;

use serde_json::{json, Map, Value};
use sqlx::Row;
use uuid::Uuid;

use crate::audit::Actie;
use crate::db::Tx;
use crate::error::ApiError;
use crate::CaseApi;

/// How many due notifications one round of the sender takes.
const BATCH: i64 = 100;
/// A sender holds a row this long before another may take it.
const LEASE_MS: i64 = 60_000;
/// Retry delays double from this up to [`MAX_BACKOFF_MS`].
const FIRST_BACKOFF_MS: i64 = 1_000;
const MAX_BACKOFF_MS: i64 = 3_600_000;
/// One delivery attempt may take this long.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Where notifications go: the receiver's URL and the exact `Authorization` value it expects
/// (an abonnement's `auth`).
#[derive(Clone)]
pub struct Subscriber {
    pub url: String,
    pub auth: String,
}

impl std::fmt::Debug for Subscriber {
    // The auth value never goes to a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscriber")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// The configured subscribers (set once at start-up; none = nothing is queued).
#[derive(Default)]
pub struct Subscribers(RwLock<Vec<Subscriber>>);

impl Subscribers {
    fn list(&self) -> Vec<Subscriber> {
        self.0.read().map(|s| s.clone()).unwrap_or_default()
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// One notification as the consumer spec defines it.
pub struct Event<'a> {
    /// `zaken` or `documenten`.
    pub kanaal: &'a str,
    pub hoofd_object: &'a str,
    pub resource: &'a str,
    pub resource_url: &'a str,
    pub actie: Actie,
    /// The main object's kenmerken (zaken: bronorganisatie, zaaktype,
    /// vertrouwelijkheidaanduiding; documenten: bronorganisatie, informatieobjecttype,
    /// vertrouwelijkheidaanduiding), taken from it.
    pub hoofd: Option<&'a Value>,
}

fn kenmerken(kanaal: &str, hoofd: Option<&Value>) -> Value {
    let fields: &[&str] = match kanaal {
        "zaken" => &["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
        _ => &[
            "bronorganisatie",
            "informatieobjecttype",
            "vertrouwelijkheidaanduiding",
        ],
    };
    let mut out = Map::new();
    if let Some(hoofd) = hoofd {
        for field in fields {
            if let Some(value) = hoofd[*field].as_str() {
                out.insert((*field).to_owned(), json!(value));
            }
        }
    }
    Value::Object(out)
}

/// Queues the notification of a write for every subscriber, inside the write's transaction.
pub(crate) async fn enqueue(api: &CaseApi, tx: &mut Tx, event: Event<'_>) -> Result<(), ApiError> {
    let subscribers = api.subscribers.list();
    if subscribers.is_empty() {
        return Ok(());
    }
    let body = json!({
        "kanaal": event.kanaal,
        "hoofdObject": event.hoofd_object,
        "resource": event.resource,
        "resourceUrl": event.resource_url,
        "actie": event.actie.code(),
        "aanmaakdatum": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "kenmerken": kenmerken(event.kanaal, event.hoofd),
    })
    .to_string();
    let now = now_ms();
    for subscriber in subscribers {
        sqlx::query(
            "INSERT INTO notificaties_outbox (id, subscriber, body, created_at, attempts, \
             next_attempt_at) VALUES ($1, $2, $3, $4, 0, $4)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(&subscriber.url)
        .bind(&body)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    api.notifier.notify_one();
    Ok(())
}

/// Delay before attempt `attempts + 1`.
fn backoff_ms(attempts: i64) -> i64 {
    let exponent = attempts.clamp(0, 30) as u32;
    FIRST_BACKOFF_MS
        .saturating_mul(1i64 << exponent)
        .min(MAX_BACKOFF_MS)
}

/// Delivers what is due; returns how many were delivered.
pub async fn deliver_due(api: &CaseApi, http: &reqwest::Client) -> Result<usize, ApiError> {
    let now = now_ms();
    let rows = sqlx::query(
        "SELECT id, subscriber, body, attempts, next_attempt_at FROM notificaties_outbox \
         WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY created_at LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(api.db.reader())
    .await?;
    let subscribers = api.subscribers.list();
    let mut delivered = 0;
    for row in rows {
        let id: String = row.try_get(0)?;
        let url: String = row.try_get(1)?;
        let body: String = row.try_get(2)?;
        let attempts: i64 = row.try_get(3)?;
        let due: i64 = row.try_get(4)?;
        // Lease: only the sender that moves the row forward sends it.
        let leased = sqlx::query(
            "UPDATE notificaties_outbox SET next_attempt_at = $1 WHERE id = $2 \
             AND next_attempt_at = $3 AND sent_at IS NULL",
        )
        .bind(now + LEASE_MS)
        .bind(&id)
        .bind(due)
        .execute(api.db.writer())
        .await?
        .rows_affected()
            == 1;
        if !leased {
            continue;
        }
        let Some(subscriber) = subscribers.iter().find(|s| s.url == url) else {
            // No longer configured: nobody to deliver to.
            settle(
                api,
                &id,
                Err("subscriber no longer configured".into()),
                attempts,
            )
            .await?;
            continue;
        };
        let outcome = http
            .post(&subscriber.url)
            .header("authorization", &subscriber.auth)
            .header("content-type", "application/json")
            .body(body)
            .timeout(SEND_TIMEOUT)
            .send()
            .await
            .map_err(|e| e.without_url().to_string())
            .and_then(|response| {
                if response.status().is_success() {
                    Ok(())
                } else {
                    Err(format!("answered {}", response.status()))
                }
            });
        if outcome.is_ok() {
            delivered += 1;
        }
        settle(api, &id, outcome, attempts).await?;
    }
    Ok(delivered)
}

async fn settle(
    api: &CaseApi,
    id: &str,
    outcome: Result<(), String>,
    attempts: i64,
) -> Result<(), ApiError> {
    match outcome {
        Ok(()) => {
            sqlx::query(
                "UPDATE notificaties_outbox SET sent_at = $1, attempts = $2, last_error = NULL \
                 WHERE id = $3",
            )
            .bind(now_ms())
            .bind(attempts + 1)
            .bind(id)
            .execute(api.db.writer())
            .await?;
        }
        Err(error) => {
            tracing::warn!(notification = %id, %error, attempts = attempts + 1, "notification not delivered; will retry");
            sqlx::query(
                "UPDATE notificaties_outbox SET attempts = $1, next_attempt_at = $2, \
                 last_error = $3 WHERE id = $4",
            )
            .bind(attempts + 1)
            .bind(now_ms() + backoff_ms(attempts))
            .bind(error.chars().take(500).collect::<String>())
            .bind(id)
            .execute(api.db.writer())
            .await?;
        }
    }
    Ok(())
}

/// Counts of the outbox by state (`sent`, `pending`), for tests and monitoring.
pub async fn outbox_counts(api: &CaseApi) -> Result<(i64, i64), ApiError> {
    let row = sqlx::query(
        "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END), 0), \
         COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END), 0) FROM notificaties_outbox",
    )
    .fetch_one(api.db.reader())
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

impl CaseApi {
    /// Are notifications published at all?
    pub fn has_subscribers(&self) -> bool {
        !self.subscribers.list().is_empty()
    }

    /// Sets where notifications go (call before serving; writes made before are not announced).
    pub fn set_subscribers(&self, subscribers: Vec<Subscriber>) {
        if let Ok(mut list) = self.subscribers.0.write() {
            *list = subscribers;
        }
    }

    /// Runs the sender for as long as the process runs: woken by every queued notification,
    /// and at least once a second for retries that have come due.
    pub fn spawn_notifier(&self) {
        let api = self.clone();
        tokio::spawn(async move {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let http = match reqwest::Client::builder().build() {
                Ok(http) => http,
                Err(error) => {
                    tracing::error!(%error, "notification sender could not start");
                    return;
                }
            };
            loop {
                if let Err(error) = deliver_due(&api, &http).await {
                    tracing::warn!(%error, "notification sender round failed");
                }
                let _ = tokio::time::timeout(Duration::from_secs(1), api.notifier.notified()).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff_ms(0), 1_000);
        assert_eq!(backoff_ms(1), 2_000);
        assert_eq!(backoff_ms(5), 32_000);
        assert_eq!(backoff_ms(40), MAX_BACKOFF_MS);
    }

    #[test]
    fn kenmerken_come_from_the_main_object() {
        let zaak = json!({"bronorganisatie": "002220647", "zaaktype": "http://x/zt/1",
                          "vertrouwelijkheidaanduiding": "openbaar", "omschrijving": "niet"});
        assert_eq!(
            kenmerken("zaken", Some(&zaak)),
            json!({"bronorganisatie": "002220647", "zaaktype": "http://x/zt/1",
                   "vertrouwelijkheidaanduiding": "openbaar"})
        );
        assert_eq!(kenmerken("zaken", None), json!({}));
    }
}
