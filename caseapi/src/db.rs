//! Storage: one portable SQL schema on SQLite (default, WAL) or PostgreSQL, through sqlx's `Any`
//! driver. All queries use `$1`-style parameters, which both databases accept.
//!
//! SQLite allows one writer at a time. Rather than let concurrent write transactions fail with
//! `SQLITE_BUSY`, writes go through a pool of exactly one connection (they queue), and reads use
//! a separate pool (WAL lets them run alongside the writer). PostgreSQL gets two pools as well.

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Transaction};

use crate::error::ApiError;

/// Which database is behind the `Any` pools (for the few places SQL differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub backend: Backend,
    read: AnyPool,
    write: AnyPool,
}

/// A row type alias so modules need not import sqlx's `Any` names.
pub type Row = AnyRow;
/// A write transaction.
pub type Tx = Transaction<'static, Any>;

impl Db {
    /// Connects to `sqlite://…` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, ApiError> {
        sqlx::any::install_default_drivers();
        if url.starts_with("sqlite:") {
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            let options = || {
                AnyPoolOptions::new()
                    .acquire_timeout(Duration::from_secs(60))
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
            };
            // Open the writer first so the database file and WAL mode exist before readers come.
            let write = options().max_connections(1).connect(&url).await?;
            let read = options().max_connections(8).connect(&url).await?;
            Ok(Db {
                backend: Backend::Sqlite,
                read,
                write,
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            // Separate pools here too: a write transaction that reads through the read pool
            // (e.g. a catalogue lookup) must never wait for a connection that other writers,
            // queued behind its row locks, are holding — that would deadlock until timeout.
            let options = || {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(60))
            };
            let write = options().connect(url).await?;
            let read = options().connect(url).await?;
            Ok(Db {
                backend: Backend::Postgres,
                read,
                write,
            })
        } else {
            Err(ApiError::internal(format!(
                "database URL must start with sqlite: or postgres: (got '{}')",
                url.split(':').next().unwrap_or_default()
            )))
        }
    }

    /// Applies the migrations in `caseapi/migrations` (embedded at compile time).
    pub async fn migrate(&self) -> Result<(), ApiError> {
        sqlx::migrate!("./migrations").run(&self.write).await?;
        Ok(())
    }

    /// Applies another component's migrations (the portal's) to this database. Its tables must
    /// not clash with the case API's; keep one database per migrator, since sqlx records
    /// applied migrations in one table per database.
    pub async fn migrate_with(&self, migrator: &sqlx::migrate::Migrator) -> Result<(), ApiError> {
        migrator.run(&self.write).await?;
        Ok(())
    }

    /// The pool for writes that need no transaction (single statements).
    pub fn writer(&self) -> &AnyPool {
        &self.write
    }

    /// The pool for reads.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// Starts a write transaction. Every API write is exactly one transaction, so a crash or an
    /// error never leaves half a resource visible.
    pub async fn begin(&self) -> Result<Tx, ApiError> {
        Ok(self.write.begin().await?)
    }

    /// Cheap liveness query for `/readyz`.
    pub async fn ping(&self) -> Result<(), ApiError> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }
}
