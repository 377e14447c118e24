//! Staff storage (in the portal's database): accounts with Argon2id hashes, sessions, failed
//! logins for the rate limit, and the append-only access log.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use loket_api::staff::{AccessLogEntry, AccessLogSearch, StaffMember, StaffRole};
use sqlx::Row as _;

use crate::portal::error::PortalError;
use crate::portal::store::{now, now_rfc3339, PortalStore};

/// The password hash of accounts that log in with the organisation's provider: no valid
/// hash, so a password login always fails.
const OIDC_HASH: &str = "!oidc";

/// When writing an account ends its sessions.
enum EndSessions {
    Always,
    /// An OIDC login: only when the claims gave other roles than before.
    IfRolesChanged,
}

/// A stored account.
#[derive(Debug, Clone)]
pub struct Account {
    pub member: StaffMember,
    password_hash: String,
}

pub fn hash_password(password: &str) -> Result<String, PortalError> {
    // 16 random bytes (UUID v4 draws them from the OS's generator).
    let salt =
        SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes()).map_err(PortalError::internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(PortalError::internal)
}

/// Verifies against the stored hash; with no account, verifies against a fixed dummy hash so
/// that "no such user" takes as long as "wrong password" (no user enumeration by timing).
pub fn verify_password(account: Option<&Account>, password: &str) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("dummy-password").unwrap_or_default());
    let hash = account.map_or(dummy.as_str(), |a| a.password_hash.as_str());
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && account.is_some()
}

fn roles_text(roles: &[StaffRole]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_roles(text: &str) -> Vec<StaffRole> {
    text.split(',').filter_map(StaffRole::parse).collect()
}

/// Staff tables on the portal store's database.
#[derive(Clone)]
pub struct StaffStore {
    store: PortalStore,
}

impl StaffStore {
    pub fn new(store: PortalStore) -> StaffStore {
        StaffStore { store }
    }

    fn writer(&self) -> &sqlx::AnyPool {
        self.store.db().writer()
    }

    fn reader(&self) -> &sqlx::AnyPool {
        self.store.db().reader()
    }

    /// Creates or replaces an account (the `loket staff add` command, demo accounts). Its
    /// sessions end (the password or the roles may have changed).
    pub async fn put_account(
        &self,
        username: &str,
        name: &str,
        password: &str,
        roles: &[StaffRole],
    ) -> Result<(), PortalError> {
        let hash = hash_password(password)?;
        self.replace_account(username, name, &hash, roles, EndSessions::Always)
            .await
    }

    /// Creates or updates the account of a staff member who logs in with the organisation's
    /// OpenID Connect provider: name and roles come from its claims at every login; there is
    /// no password ([`OIDC_HASH`]).
    pub async fn put_oidc_account(
        &self,
        username: &str,
        name: &str,
        roles: &[StaffRole],
    ) -> Result<(), PortalError> {
        self.replace_account(
            username,
            name,
            OIDC_HASH,
            roles,
            EndSessions::IfRolesChanged,
        )
        .await
    }

    /// Writes the account in one transaction, ending its sessions as `end` says.
    async fn replace_account(
        &self,
        username: &str,
        name: &str,
        password_hash: &str,
        roles: &[StaffRole],
        end: EndSessions,
    ) -> Result<(), PortalError> {
        let mut tx = self
            .store
            .db()
            .begin()
            .await
            .map_err(PortalError::internal)?;
        let end_sessions =
            match end {
                EndSessions::Always => true,
                EndSessions::IfRolesChanged => sqlx::query(
                    "SELECT roles FROM staff_accounts WHERE username = $1 AND password_hash = $2",
                )
                .bind(username)
                .bind(password_hash)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get::<String, _>(0))
                .transpose()?
                    != Some(roles_text(roles)),
            };
        sqlx::query("DELETE FROM staff_accounts WHERE username = $1")
            .bind(username)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO staff_accounts (username, name, password_hash, roles, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(username)
        .bind(name)
        .bind(password_hash)
        .bind(roles_text(roles))
        .bind(now())
        .execute(&mut *tx)
        .await?;
        if end_sessions {
            sqlx::query("DELETE FROM staff_sessions WHERE username = $1")
                .bind(username)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn account(&self, username: &str) -> Result<Option<Account>, PortalError> {
        let row = sqlx::query(
            "SELECT username, name, password_hash, roles FROM staff_accounts WHERE username = $1",
        )
        .bind(username)
        .fetch_optional(self.reader())
        .await?;
        row.map(|row| {
            Ok(Account {
                member: StaffMember {
                    username: row.try_get("username")?,
                    name: row.try_get("name")?,
                    roles: parse_roles(&row.try_get::<String, _>("roles")?),
                },
                password_hash: row.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    // ---- rate limit ------------------------------------------------------------------------

    pub async fn recent_failures(&self, username: &str, window: i64) -> Result<i64, PortalError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM staff_login_failures WHERE username = $1 AND at > $2",
        )
        .bind(username)
        .bind(now() - window)
        .fetch_one(self.reader())
        .await?;
        Ok(row.try_get("n")?)
    }

    pub async fn record_failure(&self, username: &str) -> Result<(), PortalError> {
        sqlx::query("INSERT INTO staff_login_failures (username, at) VALUES ($1, $2)")
            .bind(username)
            .bind(now())
            .execute(self.writer())
            .await?;
        Ok(())
    }

    pub async fn clear_failures(&self, username: &str) -> Result<(), PortalError> {
        sqlx::query("DELETE FROM staff_login_failures WHERE username = $1")
            .bind(username)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    // ---- sessions --------------------------------------------------------------------------

    pub async fn create_session(
        &self,
        token_hash: &str,
        username: &str,
    ) -> Result<(), PortalError> {
        sqlx::query(
            "INSERT INTO staff_sessions (token_hash, username, created_at, last_seen) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(username)
        .bind(now())
        .bind(now())
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// The session's account and its last activity.
    pub async fn session(
        &self,
        token_hash: &str,
    ) -> Result<Option<(StaffMember, i64)>, PortalError> {
        let row = sqlx::query(
            "SELECT a.username, a.name, a.roles, s.last_seen FROM staff_sessions s \
             JOIN staff_accounts a ON a.username = s.username WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.reader())
        .await?;
        row.map(|row| {
            Ok((
                StaffMember {
                    username: row.try_get("username")?,
                    name: row.try_get("name")?,
                    roles: parse_roles(&row.try_get::<String, _>("roles")?),
                },
                row.try_get("last_seen")?,
            ))
        })
        .transpose()
    }

    pub async fn touch_session(&self, token_hash: &str) -> Result<(), PortalError> {
        sqlx::query("UPDATE staff_sessions SET last_seen = $1 WHERE token_hash = $2")
            .bind(now())
            .bind(token_hash)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), PortalError> {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    // ---- access log ------------------------------------------------------------------------

    /// Appends one access ("verwerking") to the log.
    pub async fn log_access(
        &self,
        staff: &str,
        action: &str,
        bsn: &str,
        identificatie: &str,
        zaak_url: &str,
        purpose: &str,
    ) -> Result<(), PortalError> {
        sqlx::query(
            "INSERT INTO staff_access_log (id, seq, at, staff, action, bsn, identificatie, zaak_url, purpose) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(chrono::Utc::now().timestamp_micros())
        .bind(now_rfc3339())
        .bind(staff)
        .bind(action)
        .bind(bsn)
        .bind(identificatie)
        .bind(zaak_url)
        .bind(purpose)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// Newest first, at most `limit`, matching every given criterion.
    pub async fn search_access_log(
        &self,
        search: &AccessLogSearch,
        limit: i64,
    ) -> Result<Vec<AccessLogEntry>, PortalError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let rows = sqlx::query(
            "SELECT at, staff, action, bsn, identificatie, purpose FROM staff_access_log \
             WHERE ($1 = '' OR staff = $1) AND ($2 = '' OR bsn = $2) AND ($3 = '' OR identificatie = $3) \
             ORDER BY seq DESC LIMIT $4",
        )
        .bind(given(&search.staff).unwrap_or_default())
        .bind(given(&search.bsn).unwrap_or_default())
        .bind(given(&search.identificatie).unwrap_or_default())
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AccessLogEntry {
                    at: row.try_get("at")?,
                    staff: row.try_get("staff")?,
                    action: row.try_get("action")?,
                    bsn: row.try_get("bsn")?,
                    identificatie: row.try_get("identificatie")?,
                    purpose: row.try_get("purpose")?,
                })
            })
            .collect()
    }
}
