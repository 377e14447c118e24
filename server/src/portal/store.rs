//! The portal's own storage: resident sessions and requests (drafts and their submission
//! state), in a database of its own (`portal.sqlite3` by default, or PostgreSQL).

use loket_api::form::{Answers, Contact};
use loket_api::{Draft, Submission};
use loket_caseapi::Db;
use sqlx::Row as _;

use super::error::PortalError;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// RFC 3339 timestamp now (UTC, seconds).
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[derive(Clone)]
pub struct PortalStore {
    db: Db,
}

/// A stored session, looked up by the hash of its cookie token.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub bsn: String,
    pub name: String,
    pub last_seen: i64,
}

/// A DigiD login in progress.
#[derive(Debug, Clone)]
pub struct OidcLogin {
    pub code_verifier: String,
    pub nonce: String,
    pub next_path: String,
    pub created_at: i64,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestState {
    Draft,
    Submitting,
    Submitted,
}

impl RequestState {
    fn as_str(self) -> &'static str {
        match self {
            RequestState::Draft => "draft",
            RequestState::Submitting => "submitting",
            RequestState::Submitted => "submitted",
        }
    }

    fn parse(s: &str) -> RequestState {
        match s {
            "submitting" => RequestState::Submitting,
            "submitted" => RequestState::Submitted,
            _ => RequestState::Draft,
        }
    }
}

/// A request row: the draft plus its submission progress.
#[derive(Debug, Clone)]
pub struct StoredRequest {
    pub draft: Draft,
    pub owner_bsn: String,
    pub owner_name: String,
    /// How the resident reached us: `digitaal` (themselves, online), or the KCC channel
    /// (`telefoon`, `balie`, …) when staff started it on their behalf.
    pub channel: String,
    /// The staff member who started it on the resident's behalf; empty for their own.
    pub started_by: String,
    pub state: RequestState,
    pub claim_until: i64,
    pub startdatum: Option<String>,
    pub zaak_requested: bool,
    pub zaak_url: Option<String>,
    pub identificatie: Option<String>,
    pub submitted_at: Option<String>,
}

impl StoredRequest {
    /// The answer a finished submission gives (again, on every repeat).
    pub fn submission(&self, handling_days: Option<u32>) -> Option<Submission> {
        let zaak_url = self.zaak_url.as_deref()?;
        Some(Submission {
            case_id: zaak_url.rsplit('/').next().unwrap_or_default().to_owned(),
            identificatie: self.identificatie.clone()?,
            product_title: self.draft.product_title.clone(),
            submitted_at: self.submitted_at.clone()?,
            handling_days,
            email: self.draft.contact.email.clone(),
        })
    }
}

const REQUEST_COLUMNS: &str = "id, owner_bsn, owner_name, zaak_requested, channel, started_by, product_id, product_title, answers, contact, step, \
    created_at, updated_at, state, claim_until, startdatum, zaak_url, identificatie, submitted_at";

fn request_from_row(row: &sqlx::any::AnyRow) -> Result<StoredRequest, PortalError> {
    let answers: String = row.try_get("answers")?;
    let contact: String = row.try_get("contact")?;
    Ok(StoredRequest {
        draft: Draft {
            id: row.try_get("id")?,
            product_id: row.try_get("product_id")?,
            product_title: row.try_get("product_title")?,
            answers: serde_json::from_str::<Answers>(&answers)?,
            contact: serde_json::from_str::<Contact>(&contact)?,
            step: row.try_get("step")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        },
        owner_bsn: row.try_get("owner_bsn")?,
        owner_name: row.try_get("owner_name")?,
        channel: row.try_get("channel")?,
        started_by: row.try_get("started_by")?,
        zaak_requested: row.try_get::<i64, _>("zaak_requested")? == 1,
        state: RequestState::parse(&row.try_get::<String, _>("state")?),
        claim_until: row.try_get("claim_until")?,
        startdatum: row.try_get("startdatum")?,
        zaak_url: row.try_get("zaak_url")?,
        identificatie: row.try_get("identificatie")?,
        submitted_at: row.try_get("submitted_at")?,
    })
}

impl PortalStore {
    pub async fn open(database_url: &str) -> Result<PortalStore, PortalError> {
        let db = Db::connect(database_url)
            .await
            .map_err(PortalError::internal)?;
        db.migrate_with(&MIGRATOR)
            .await
            .map_err(PortalError::internal)?;
        Ok(PortalStore { db })
    }

    /// The database, for the staff side's tables (same database, own migrations).
    pub fn db(&self) -> &Db {
        &self.db
    }

    pub async fn ping(&self) -> bool {
        self.db.ping().await.is_ok()
    }

    // ---- sessions --------------------------------------------------------------------------

    pub async fn create_session(
        &self,
        token_hash: &str,
        bsn: &str,
        name: &str,
        login_method: &str,
    ) -> Result<(), PortalError> {
        let now = now();
        sqlx::query(
            "INSERT INTO portal_sessions (token_hash, bsn, name, login_method, created_at, last_seen) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(bsn)
        .bind(name)
        .bind(login_method)
        .bind(now)
        .bind(now)
        .execute(self.db.writer())
        .await?;
        Ok(())
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<StoredSession>, PortalError> {
        let row =
            sqlx::query("SELECT bsn, name, last_seen FROM portal_sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(self.db.reader())
                .await?;
        row.map(|row| {
            Ok(StoredSession {
                bsn: row.try_get("bsn")?,
                name: row.try_get("name")?,
                last_seen: row.try_get("last_seen")?,
            })
        })
        .transpose()
    }

    pub async fn touch_session(&self, token_hash: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE portal_sessions SET last_seen = $1 WHERE token_hash = $2")
            .bind(now())
            .bind(token_hash)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), PortalError> {
        sqlx::query("DELETE FROM portal_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Logout everywhere: every session of this resident.
    pub async fn delete_sessions_of(&self, bsn: &str) -> Result<(), PortalError> {
        sqlx::query("DELETE FROM portal_sessions WHERE bsn = $1")
            .bind(bsn)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Removes sessions idle for longer than `idle_seconds` (housekeeping).
    pub async fn delete_idle_sessions(&self, idle_seconds: i64) -> Result<(), PortalError> {
        sqlx::query("DELETE FROM portal_sessions WHERE last_seen < $1")
            .bind(now() - idle_seconds)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    // ---- DigiD logins in progress -----------------------------------------------------------

    pub async fn create_oidc_login(
        &self,
        state_hash: &str,
        code_verifier: &str,
        nonce: &str,
        next_path: &str,
    ) -> Result<(), PortalError> {
        // Housekeeping on the way: logins older than an hour are dead.
        sqlx::query("DELETE FROM portal_oidc_logins WHERE created_at < $1")
            .bind(now() - 3600)
            .execute(self.db.writer())
            .await?;
        sqlx::query(
            "INSERT INTO portal_oidc_logins (state_hash, code_verifier, nonce, next_path, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(state_hash)
        .bind(code_verifier)
        .bind(nonce)
        .bind(next_path)
        .bind(now())
        .execute(self.db.writer())
        .await?;
        Ok(())
    }

    /// Takes (reads and deletes) a login in progress: a `state` works once.
    pub async fn take_oidc_login(
        &self,
        state_hash: &str,
    ) -> Result<Option<OidcLogin>, PortalError> {
        let mut tx = self.db.begin().await.map_err(PortalError::internal)?;
        let row = sqlx::query(
            "SELECT code_verifier, nonce, next_path, created_at FROM portal_oidc_logins WHERE state_hash = $1",
        )
        .bind(state_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        sqlx::query("DELETE FROM portal_oidc_logins WHERE state_hash = $1")
            .bind(state_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(OidcLogin {
            code_verifier: row.try_get("code_verifier")?,
            nonce: row.try_get("nonce")?,
            next_path: row.try_get("next_path")?,
            created_at: row.try_get("created_at")?,
        }))
    }

    // ---- requests (drafts) -----------------------------------------------------------------

    pub async fn create_draft(
        &self,
        owner_bsn: &str,
        owner_name: &str,
        draft: &Draft,
    ) -> Result<(), PortalError> {
        self.create_draft_via(owner_bsn, owner_name, draft, "digitaal", "")
            .await
    }

    /// A draft started through a channel other than the resident's own login (KCC).
    pub async fn create_draft_via(
        &self,
        owner_bsn: &str,
        owner_name: &str,
        draft: &Draft,
        channel: &str,
        started_by: &str,
    ) -> Result<(), PortalError> {
        sqlx::query(
            "INSERT INTO portal_requests (id, owner_bsn, product_id, product_title, answers, contact, \
             step, created_at, updated_at, state, owner_name, channel, started_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&draft.id)
        .bind(owner_bsn)
        .bind(&draft.product_id)
        .bind(&draft.product_title)
        .bind(serde_json::to_string(&draft.answers)?)
        .bind(serde_json::to_string(&draft.contact)?)
        .bind(&draft.step)
        .bind(&draft.created_at)
        .bind(&draft.updated_at)
        .bind(RequestState::Draft.as_str())
        .bind(owner_name)
        .bind(channel)
        .bind(started_by)
        .execute(self.db.writer())
        .await?;
        Ok(())
    }

    /// A request of this owner; another resident's id is simply not found.
    pub async fn request(
        &self,
        owner_bsn: &str,
        id: &str,
    ) -> Result<Option<StoredRequest>, PortalError> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM portal_requests WHERE id = $1 AND owner_bsn = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(id)
            .bind(owner_bsn)
            .fetch_optional(self.db.reader())
            .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// A request that staff started on a resident's behalf (whoever the resident is).
    pub async fn on_behalf_request(&self, id: &str) -> Result<Option<StoredRequest>, PortalError> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM portal_requests WHERE id = $1 AND started_by <> ''"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(id)
            .fetch_optional(self.db.reader())
            .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// The owner's unsent drafts, newest first.
    pub async fn drafts(&self, owner_bsn: &str) -> Result<Vec<Draft>, PortalError> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM portal_requests WHERE owner_bsn = $1 AND state <> $2 \
             ORDER BY updated_at DESC, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(owner_bsn)
            .bind(RequestState::Submitted.as_str())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|row| request_from_row(row).map(|r| r.draft))
            .collect()
    }

    /// The contact details the resident gave most recently (to prefill a new request).
    pub async fn last_contact(&self, owner_bsn: &str) -> Result<Option<Contact>, PortalError> {
        let rows = sqlx::query(
            "SELECT contact FROM portal_requests WHERE owner_bsn = $1 ORDER BY updated_at DESC LIMIT 20",
        )
        .bind(owner_bsn)
        .fetch_all(self.db.reader())
        .await?;
        for row in rows {
            let contact: Contact = serde_json::from_str(&row.try_get::<String, _>("contact")?)?;
            if !contact.email.trim().is_empty() {
                return Ok(Some(contact));
            }
        }
        Ok(None)
    }

    /// Saves a draft's answers; only while it is still a draft (false otherwise).
    pub async fn update_draft(
        &self,
        owner_bsn: &str,
        id: &str,
        answers: &Answers,
        contact: &Contact,
        step: &str,
    ) -> Result<bool, PortalError> {
        let done = sqlx::query(
            "UPDATE portal_requests SET answers = $1, contact = $2, step = $3, updated_at = $4 \
             WHERE id = $5 AND owner_bsn = $6 AND state = $7",
        )
        .bind(serde_json::to_string(answers)?)
        .bind(serde_json::to_string(contact)?)
        .bind(step)
        .bind(now_rfc3339())
        .bind(id)
        .bind(owner_bsn)
        .bind(RequestState::Draft.as_str())
        .execute(self.db.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes a draft that has not started submitting.
    pub async fn delete_draft(&self, owner_bsn: &str, id: &str) -> Result<bool, PortalError> {
        let done = sqlx::query(
            "DELETE FROM portal_requests WHERE id = $1 AND owner_bsn = $2 AND state = $3 \
             AND zaak_url IS NULL",
        )
        .bind(id)
        .bind(owner_bsn)
        .bind(RequestState::Draft.as_str())
        .execute(self.db.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    // ---- submission ------------------------------------------------------------------------

    /// Claims the request for one submitter for `lease_seconds`: succeeds for a draft, or for a
    /// submission whose previous claimant's lease ran out (it crashed or hung). Exactly one of
    /// any number of concurrent callers gets `true`.
    pub async fn claim_submission(
        &self,
        owner_bsn: &str,
        id: &str,
        idempotency_key: &str,
        startdatum: &str,
        lease_seconds: i64,
    ) -> Result<bool, PortalError> {
        let now = now();
        let done = sqlx::query(
            "UPDATE portal_requests SET state = $1, claim_until = $2, \
             idempotency_key = COALESCE(idempotency_key, $3), startdatum = COALESCE(startdatum, $4) \
             WHERE id = $5 AND owner_bsn = $6 \
             AND (state = $7 OR (state = $1 AND claim_until < $8))",
        )
        .bind(RequestState::Submitting.as_str())
        .bind(now + lease_seconds)
        .bind(idempotency_key)
        .bind(startdatum)
        .bind(id)
        .bind(owner_bsn)
        .bind(RequestState::Draft.as_str())
        .bind(now)
        .execute(self.db.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Notes that a zaak is about to be created (before sending the POST): if we never learn
    /// its URL (crash, timeout), the next attempt searches for it by its kenmerk.
    pub async fn mark_zaak_requested(&self, id: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE portal_requests SET zaak_requested = 1 WHERE id = $1")
            .bind(id)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Records the zaak as soon as it exists, so a retry continues with it instead of
    /// creating another.
    pub async fn record_zaak(
        &self,
        id: &str,
        zaak_url: &str,
        identificatie: &str,
    ) -> Result<(), PortalError> {
        sqlx::query("UPDATE portal_requests SET zaak_url = $1, identificatie = $2 WHERE id = $3")
            .bind(zaak_url)
            .bind(identificatie)
            .bind(id)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    pub async fn finish_submission(&self, id: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE portal_requests SET state = $1, submitted_at = $2, claim_until = 0 WHERE id = $3")
            .bind(RequestState::Submitted.as_str())
            .bind(now_rfc3339())
            .bind(id)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Gives a failed attempt's claim back (the case API was down): the next submit resumes
    /// from the recorded steps. The request stays in 'submitting' so its answers stay frozen.
    pub async fn release_claim(&self, id: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE portal_requests SET claim_until = 0 WHERE id = $1")
            .bind(id)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Submissions whose claimant disappeared (crash, restart): the resumer finishes them.
    pub async fn stalled_submissions(&self) -> Result<Vec<StoredRequest>, PortalError> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM portal_requests WHERE state = $1 AND claim_until < $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)) // built from constants only
            .bind(RequestState::Submitting.as_str())
            .bind(now())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(request_from_row).collect()
    }
}
