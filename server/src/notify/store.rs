//! The notification tables (`migrations/0005_notifications.sql`): the inbox of received
//! notifications, the outbox of e-mails and residents' preferences. Portable SQL (SQLite and
//! PostgreSQL through sqlx `Any`); times are Unix milliseconds.

use sqlx::Row as _;

use crate::portal::error::PortalError;
use crate::portal::store::PortalStore;

/// Unix milliseconds now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// A received notification waiting to be processed.
#[derive(Debug, Clone)]
pub struct InboxRow {
    pub id: String,
    pub body: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
}

/// An e-mail waiting to be sent.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: String,
    pub recipient: String,
    pub zaak_url: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub attempts: i64,
}

/// An e-mail to queue.
pub struct NewMail<'a> {
    pub dedupe_key: &'a str,
    pub recipient: &'a str,
    /// The group in which a newer waiting e-mail replaces an older one: the zaak URL for
    /// status e-mails (only the latest status matters); unique for e-mails that must never be
    /// replaced (document requests).
    pub zaak_url: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

#[derive(Clone)]
pub struct NotifyStore {
    store: PortalStore,
}

impl NotifyStore {
    pub fn new(store: PortalStore) -> NotifyStore {
        NotifyStore { store }
    }

    fn writer(&self) -> &sqlx::AnyPool {
        self.store.db().writer()
    }

    fn reader(&self) -> &sqlx::AnyPool {
        self.store.db().reader()
    }

    // ---- inbox -------------------------------------------------------------------------------

    /// Stores a notification; `false` when the same one (dedupe key) was stored before.
    pub async fn insert_inbox(
        &self,
        dedupe_key: &str,
        body: &str,
        source: &str,
    ) -> Result<bool, PortalError> {
        let now = now_ms();
        let done = sqlx::query(
            "INSERT INTO notify_inbox (id, dedupe_key, body, source, received_at, attempts, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(dedupe_key)
        .bind(body)
        .bind(source)
        .bind(now)
        .bind(now)
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Unprocessed notifications that are due, oldest first.
    pub async fn due_inbox(&self, limit: i64) -> Result<Vec<InboxRow>, PortalError> {
        let rows = sqlx::query(
            "SELECT id, body, attempts, next_attempt_at FROM notify_inbox \
             WHERE processed_at IS NULL AND next_attempt_at <= $1 \
             ORDER BY received_at, id LIMIT $2",
        )
        .bind(now_ms())
        .bind(limit)
        .fetch_all(self.writer())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(InboxRow {
                    id: row.try_get("id")?,
                    body: row.try_get("body")?,
                    attempts: row.try_get("attempts")?,
                    next_attempt_at: row.try_get("next_attempt_at")?,
                })
            })
            .collect()
    }

    /// Leases a row for `lease_ms` (so another replica's worker leaves it alone); `false` when
    /// someone else got it first.
    pub async fn lease_inbox(&self, row: &InboxRow, lease_ms: i64) -> Result<bool, PortalError> {
        let done = sqlx::query(
            "UPDATE notify_inbox SET next_attempt_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND next_attempt_at = $3 AND processed_at IS NULL",
        )
        .bind(now_ms() + lease_ms)
        .bind(&row.id)
        .bind(row.next_attempt_at)
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn finish_inbox(&self, id: &str, outcome: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE notify_inbox SET processed_at = $1, outcome = $2 WHERE id = $3")
            .bind(now_ms())
            .bind(outcome)
            .bind(id)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    pub async fn retry_inbox_at(
        &self,
        id: &str,
        at: i64,
        outcome: &str,
    ) -> Result<(), PortalError> {
        sqlx::query("UPDATE notify_inbox SET next_attempt_at = $1, outcome = $2 WHERE id = $3")
            .bind(at)
            .bind(outcome)
            .bind(id)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    /// How many notifications are not processed yet.
    pub async fn unprocessed_count(&self) -> Result<i64, PortalError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM notify_inbox WHERE processed_at IS NULL")
            .fetch_one(self.reader())
            .await?;
        Ok(row.try_get("n")?)
    }

    /// The outcomes of processed notifications, oldest first (for tests and operators).
    pub async fn outcomes(&self) -> Result<Vec<String>, PortalError> {
        let rows = sqlx::query(
            "SELECT outcome FROM notify_inbox WHERE processed_at IS NOT NULL ORDER BY processed_at, id",
        )
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(r.try_get::<Option<String>, _>("outcome")?
                    .unwrap_or_default())
            })
            .collect()
    }

    // ---- outbox ------------------------------------------------------------------------------

    /// Queues an e-mail; `false` when one with this dedupe key exists already.
    pub async fn insert_outbox(&self, mail: &NewMail<'_>) -> Result<bool, PortalError> {
        let now = now_ms();
        let done = sqlx::query(
            "INSERT INTO notify_outbox (id, dedupe_key, recipient, zaak_url, subject, body, created_at, state, attempts, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(mail.dedupe_key)
        .bind(mail.recipient)
        .bind(mail.zaak_url)
        .bind(mail.subject)
        .bind(mail.body)
        .bind(now)
        .bind(now)
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Pending e-mails that are due, oldest first.
    pub async fn due_outbox(&self, limit: i64) -> Result<Vec<OutboxRow>, PortalError> {
        let rows = sqlx::query(
            "SELECT id, recipient, zaak_url, subject, body, created_at, attempts FROM notify_outbox \
             WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY created_at, id LIMIT $2",
        )
        .bind(now_ms())
        .bind(limit)
        .fetch_all(self.writer())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OutboxRow {
                    id: row.try_get("id")?,
                    recipient: row.try_get("recipient")?,
                    zaak_url: row.try_get("zaak_url")?,
                    subject: row.try_get("subject")?,
                    body: row.try_get("body")?,
                    created_at: row.try_get("created_at")?,
                    attempts: row.try_get("attempts")?,
                })
            })
            .collect()
    }

    /// Is there a newer unsent e-mail to the same recipient about the same case?
    pub async fn has_newer_pending(&self, row: &OutboxRow) -> Result<bool, PortalError> {
        let found = sqlx::query(
            "SELECT id FROM notify_outbox WHERE recipient = $1 AND zaak_url = $2 AND state = 'pending' \
             AND (created_at > $3 OR (created_at = $3 AND id > $4)) LIMIT 1",
        )
        .bind(&row.recipient)
        .bind(&row.zaak_url)
        .bind(row.created_at)
        .bind(&row.id)
        .fetch_optional(self.writer())
        .await?;
        Ok(found.is_some())
    }

    /// Send times of e-mails to `recipient` since `since`, oldest first.
    pub async fn sent_since(&self, recipient: &str, since: i64) -> Result<Vec<i64>, PortalError> {
        let rows = sqlx::query(
            "SELECT sent_at FROM notify_outbox WHERE recipient = $1 AND state = 'sent' AND sent_at > $2 \
             ORDER BY sent_at",
        )
        .bind(recipient)
        .bind(since)
        .fetch_all(self.writer())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("sent_at")?)).collect()
    }

    /// Moves a pending e-mail to `state` (e.g. `superseded`) or just to a later time.
    pub async fn postpone_outbox(&self, id: &str, at: i64) -> Result<(), PortalError> {
        sqlx::query(
            "UPDATE notify_outbox SET next_attempt_at = $1 WHERE id = $2 AND state = 'pending'",
        )
        .bind(at)
        .bind(id)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// Claims a pending e-mail for sending (`pending` → `sending`, one more attempt); `false`
    /// when another sender got it.
    pub async fn claim_outbox(&self, id: &str) -> Result<bool, PortalError> {
        let done = sqlx::query(
            "UPDATE notify_outbox SET state = 'sending', attempts = attempts + 1 \
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(id)
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends a claimed or pending e-mail in `state` (`sent`, `failed`, `unknown`, `superseded`).
    pub async fn settle_outbox(
        &self,
        id: &str,
        state: &str,
        error: Option<&str>,
    ) -> Result<(), PortalError> {
        let sent_at = (state == "sent").then(now_ms);
        sqlx::query(
            "UPDATE notify_outbox SET state = $1, sent_at = $2, last_error = COALESCE($3, last_error) \
             WHERE id = $4",
        )
        .bind(state)
        .bind(sent_at)
        .bind(error)
        .bind(id)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// Back to `pending` after a failed attempt that certainly did not deliver.
    pub async fn retry_outbox_at(&self, id: &str, at: i64, error: &str) -> Result<(), PortalError> {
        sqlx::query(
            "UPDATE notify_outbox SET state = 'pending', next_attempt_at = $1, last_error = $2 WHERE id = $3",
        )
        .bind(at)
        .bind(error)
        .bind(id)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// At startup: e-mails left `sending` by a previous run may or may not have gone out;
    /// they become `unknown` (see [`crate::notify::mail`]). Returns how many.
    pub async fn orphaned_sends_to_unknown(&self) -> Result<u64, PortalError> {
        let done = sqlx::query(
            "UPDATE notify_outbox SET state = 'unknown', last_error = 'interrupted while sending' \
             WHERE state = 'sending'",
        )
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected())
    }

    /// `(state, attempts)` of every e-mail, oldest first (for tests and operators).
    pub async fn outbox_states(&self) -> Result<Vec<(String, i64)>, PortalError> {
        let rows = sqlx::query("SELECT state, attempts FROM notify_outbox ORDER BY created_at, id")
            .fetch_all(self.reader())
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("state")?, r.try_get("attempts")?)))
            .collect()
    }

    /// Deletes processed notifications and finished e-mails (with their addresses) older than
    /// `before`; e-mails still pending or of unknown fate stay. Returns rows deleted.
    pub async fn purge_before(&self, before: i64) -> Result<u64, PortalError> {
        let inbox = sqlx::query(
            "DELETE FROM notify_inbox WHERE processed_at IS NOT NULL AND processed_at < $1",
        )
        .bind(before)
        .execute(self.writer())
        .await?;
        let outbox = sqlx::query(
            "DELETE FROM notify_outbox WHERE state IN ('sent', 'superseded', 'failed') AND created_at < $1",
        )
        .bind(before)
        .execute(self.writer())
        .await?;
        Ok(inbox.rows_affected() + outbox.rows_affected())
    }

    // ---- preferences -------------------------------------------------------------------------

    /// Does this resident (by pseudonym) want e-mail? Default yes.
    pub async fn email_wanted(&self, resident: &str) -> Result<bool, PortalError> {
        let row =
            sqlx::query("SELECT email_notifications FROM notify_preferences WHERE resident = $1")
                .bind(resident)
                .fetch_optional(self.writer())
                .await?;
        Ok(match row {
            Some(row) => row.try_get::<i64, _>("email_notifications")? != 0,
            None => true,
        })
    }

    pub async fn set_email_wanted(&self, resident: &str, wanted: bool) -> Result<(), PortalError> {
        sqlx::query(
            "INSERT INTO notify_preferences (resident, email_notifications, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (resident) DO UPDATE SET email_notifications = $2, updated_at = $3",
        )
        .bind(resident)
        .bind(i64::from(wanted))
        .bind(now_ms())
        .execute(self.writer())
        .await?;
        Ok(())
    }
}
