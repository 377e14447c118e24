//! Notifications (issue 7): status changes reach the resident.
//!
//! ```text
//!  NRC ──POST /api/notificaties──► inbox (table) ──worker──► process: status, statustype,
//!  portal/staff set a status ──record_local──┘                zaak + initiator rol
//!                                                              ├─► live event (SSE, /api/events)
//!                                                              └─► outbox (table) ──sender──► SMTP
//! ```
//!
//! - [`receiver`]: the ZGW webhook; stores, then answers 204.
//! - [`process`]: what a `zaken`/`status`/`create` notification means for the resident.
//! - [`mail`]: the e-mail text and the SMTP sender (once, retries, throttling).
//! - [`events`]: Server-Sent Events per resident, with replay after a reconnect.
//! - [`profile`]: the resident's e-mail preference.
//!
//! Both queues are tables, so a crash or restart loses nothing: whatever is unprocessed or
//! unsent when the workers start is picked up.

pub mod events;
pub mod mail;
pub mod process;
pub mod profile;
pub mod receiver;
pub mod store;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

use self::receiver::Notificatie;
use self::store::{now_ms, NotifyStore};
use crate::portal::error::PortalError;
use crate::portal::store::PortalStore;
use crate::portal::Portal;

/// How notifications behave here (from [`crate::config::NotificationsConfig`]).
#[derive(Clone)]
pub struct Settings {
    /// The exact `Authorization` value the NRC must send.
    pub auth: String,
    /// Base of the links in e-mails.
    pub public_url: String,
    /// `smtp://…` / `smtps://…`; `None` = e-mail off (the outbox is kept).
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// First retry delay (doubles per attempt) for e-mails and for notifications whose case
    /// API was unreachable.
    pub retry_base: Duration,
    /// How often the workers look for due work besides being woken.
    pub poll_interval: Duration,
}

impl std::fmt::Debug for Settings {
    // The auth value and SMTP credentials never go to a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("public_url", &self.public_url)
            .field("mail", &self.smtp_url.is_some())
            .finish_non_exhaustive()
    }
}

struct Inner {
    store: NotifyStore,
    settings: Settings,
    hub: events::Hub,
    inbox_wake: tokio::sync::Notify,
    outbox_wake: tokio::sync::Notify,
    spawned: AtomicBool,
}

/// The notification machinery one server shares. Cloning shares it.
#[derive(Clone)]
pub struct Notify {
    inner: Arc<Inner>,
}

/// Attempts at processing a notification before it is given up (case API unreachable).
const MAX_PROCESS_ATTEMPTS: i64 = 12;
/// A worker's lease on an inbox row while it processes it.
const LEASE_MS: i64 = 60_000;
/// Processed notifications and finished e-mails (which hold e-mail addresses) are kept this
/// long, for operators and to recognise late redeliveries, then deleted.
const KEEP_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// How often the inbox worker purges.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

impl Notify {
    pub fn new(store: PortalStore, settings: Settings) -> Notify {
        Notify {
            inner: Arc::new(Inner {
                store: NotifyStore::new(store),
                settings,
                hub: events::Hub::default(),
                inbox_wake: tokio::sync::Notify::new(),
                outbox_wake: tokio::sync::Notify::new(),
                spawned: AtomicBool::new(false),
            }),
        }
    }

    pub fn store(&self) -> &NotifyStore {
        &self.inner.store
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn hub(&self) -> &events::Hub {
        &self.inner.hub
    }

    pub(crate) fn wake_sender(&self) {
        self.inner.outbox_wake.notify_one();
    }

    /// Stores a notification in the inbox (once per dedupe key) and wakes the worker.
    pub async fn store_notification(
        &self,
        notificatie: &Notificatie,
        source: &str,
    ) -> Result<bool, PortalError> {
        let body = serde_json::to_string(notificatie)?;
        let new = self
            .store()
            .insert_inbox(&notificatie.dedupe_key(), &body, source)
            .await?;
        self.inner.inbox_wake.notify_one();
        Ok(new)
    }

    /// Starts the inbox worker and (when SMTP is configured) the e-mail sender; once per
    /// server, however often it is called.
    pub fn spawn_workers(&self, portal: &Portal) {
        if self.inner.spawned.swap(true, Ordering::SeqCst) {
            return;
        }
        let inbox_portal = portal.clone();
        tokio::spawn(async move { inbox_worker(inbox_portal).await });
        match &self.settings().smtp_url {
            Some(url) => match mail::Sender::new(url, &self.settings().mail_from) {
                Ok(sender) => {
                    tracing::info!("e-mail notifications on");
                    let notify = self.clone();
                    tokio::spawn(async move { outbox_worker(notify, sender).await });
                }
                Err(error) => {
                    tracing::error!(%error, "e-mail notifications OFF: bad configuration; the outbox is kept")
                }
            },
            None => tracing::info!(
                "e-mail notifications off (LOKET_SMTP_URL not set); status e-mails stay in the outbox"
            ),
        }
    }
}

async fn inbox_worker(portal: Portal) {
    let notify = portal.notify.clone();
    let mut last_purge: Option<std::time::Instant> = None;
    loop {
        if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
            last_purge = Some(std::time::Instant::now());
            if let Err(error) = notify.store().purge_before(now_ms() - KEEP_MS).await {
                tracing::warn!(%error, "notifications: purge failed");
            }
        }
        let rows = match notify.store().due_inbox(20).await {
            Ok(rows) => rows,
            Err(error) => {
                tracing::warn!(%error, "inbox: cannot read");
                Vec::new()
            }
        };
        let busy = !rows.is_empty();
        for row in rows {
            if let Err(error) = process_row(&portal, &row).await {
                tracing::warn!(%error, "inbox: bookkeeping failed");
            }
        }
        if !busy {
            let _ = tokio::time::timeout(
                notify.settings().poll_interval,
                notify.inner.inbox_wake.notified(),
            )
            .await;
        }
    }
}

async fn process_row(portal: &Portal, row: &store::InboxRow) -> Result<(), PortalError> {
    let store = portal.notify.store();
    if !store.lease_inbox(row, LEASE_MS).await? {
        return Ok(());
    }
    let notificatie: Notificatie = match serde_json::from_str(&row.body) {
        Ok(n) => n,
        Err(_) => return store.finish_inbox(&row.id, "unreadable").await,
    };
    let attempts = row.attempts + 1;
    match process::process(portal, &notificatie).await {
        Ok(outcome) => store.finish_inbox(&row.id, &outcome).await,
        Err(error) if attempts < MAX_PROCESS_ATTEMPTS => {
            tracing::warn!(%error, attempts, "notification not processed; will retry");
            let at = now_ms() + mail::backoff_ms(portal.notify.settings().retry_base, attempts);
            store
                .retry_inbox_at(&row.id, at, &format!("retrying: {error}"))
                .await
        }
        Err(error) => {
            tracing::error!(%error, attempts, "notification given up");
            store
                .finish_inbox(&row.id, &format!("gave up: {error}"))
                .await
        }
    }
}

async fn outbox_worker(notify: Notify, sender: mail::Sender) {
    match notify.store().orphaned_sends_to_unknown().await {
        Ok(0) => {}
        Ok(n) => tracing::error!(
            count = n,
            "e-mails interrupted while sending in an earlier run: marked unknown, not re-sent"
        ),
        Err(error) => tracing::warn!(%error, "outbox: startup check failed"),
    }
    loop {
        let handled = mail::send_due(&notify, &sender).await;
        if handled == 0 {
            let _ = tokio::time::timeout(
                notify.settings().poll_interval,
                notify.inner.outbox_wake.notified(),
            )
            .await;
        }
    }
}

/// Feeds the inbox with a status the portal itself just created (staff setting a status):
/// the embedded case API does not publish notifications (yet), and an external provider's
/// own notification about the same status will not mail twice (the outbox is keyed by status
/// and recipient). Failures are logged, not returned: the status was set.
pub async fn record_local(portal: &Portal, status: &Value) {
    let (Some(zaak), Some(url)) = (status["zaak"].as_str(), status["url"].as_str()) else {
        tracing::warn!("status without zaak or url: no notification recorded");
        return;
    };
    let notificatie = Notificatie {
        kanaal: "zaken".into(),
        hoofd_object: zaak.to_owned(),
        resource: "status".into(),
        resource_url: url.to_owned(),
        actie: "create".into(),
        aanmaakdatum: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        kenmerken: Default::default(),
    };
    if let Err(error) = portal
        .notify
        .store_notification(&notificatie, "local")
        .await
    {
        tracing::error!(%error, "status notification could not be recorded");
    }
}

/// `/api/events` and `/api/profile`: resident routes, inside the portal router (session,
/// CSRF guard, `no-store`).
pub fn routes() -> Router<Portal> {
    Router::new()
        .route("/api/events", get(events::events))
        .route("/api/profile", get(profile::get).put(profile::put))
}

/// `POST /api/notificaties`: server to server, outside the CSRF guard.
pub fn receiver_router(portal: &Portal) -> Router {
    Router::new()
        .route("/api/notificaties", post(receiver::receive))
        .with_state(portal.clone())
}
