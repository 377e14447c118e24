//! Live updates: `GET /api/events`, a Server-Sent Events stream of `case-updated` events for
//! the logged-in resident's own cases.
//!
//! The processor publishes into a [`Hub`]: one `tokio::sync::broadcast` channel plus a small
//! ring buffer of recent events with increasing ids. Every stream filters on the resident
//! key (a salted hash of the BSN, never the BSN itself), so a resident only ever sees their
//! own cases. A browser that lost the connection reconnects by itself (`retry:`) and sends
//! `Last-Event-ID`; the stream then first replays the resident's events after that id that
//! are still in the ring. Event ids start at the server's start time in microseconds, so an
//! id from before a restart is lower than every id after it (the client gets everything the
//! new process has for it). The stream ends when the session ends (logout, idle timeout).
//!
//! Events live in this process only: with several replicas behind a load balancer a resident
//! gets live events from the replica that processed the notification (see `docs/architecture.md`).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use crate::portal::error::PortalError;
use crate::portal::session::{live_session, resident_pseudonym};
use crate::portal::store::now;
use crate::portal::Portal;

/// Events kept for replay after a reconnect.
const RING: usize = 4096;
/// Keep-alive comment interval (proxies close idle connections after 30–60 s).
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a browser waits before reconnecting.
const RETRY: Duration = Duration::from_secs(3);
/// How often an open stream checks that its session still lives.
const SESSION_CHECK: Duration = Duration::from_secs(60);

/// One case change for one resident.
#[derive(Debug, Clone)]
pub struct CaseEvent {
    pub id: u64,
    /// [`resident_pseudonym`] of the resident.
    pub resident: String,
    pub case_id: String,
}

struct Ring {
    next_id: u64,
    events: VecDeque<Arc<CaseEvent>>,
}

/// Fan-out of case events to open streams.
pub struct Hub {
    ring: Mutex<Ring>,
    tx: broadcast::Sender<Arc<CaseEvent>>,
}

impl Default for Hub {
    fn default() -> Hub {
        let start = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros() as u64)
            .unwrap_or(1);
        Hub {
            ring: Mutex::new(Ring {
                next_id: start,
                events: VecDeque::with_capacity(RING),
            }),
            tx: broadcast::channel(RING).0,
        }
    }
}

impl Hub {
    /// Publishes a change of `case_id` to the streams of `resident`; returns the event id.
    pub fn publish(&self, resident: &str, case_id: &str) -> u64 {
        let mut ring = self.ring.lock().unwrap_or_else(|e| e.into_inner());
        let event = Arc::new(CaseEvent {
            id: ring.next_id,
            resident: resident.to_owned(),
            case_id: case_id.to_owned(),
        });
        ring.next_id += 1;
        if ring.events.len() == RING {
            ring.events.pop_front();
        }
        ring.events.push_back(event.clone());
        // Sent under the lock: a subscriber that read the ring under the lock sees each event
        // either in the ring or on the channel, never both or neither.
        let _ = self.tx.send(event);
        ring.next_id - 1
    }

    /// A receiver for new events plus the resident's ring events after `last_id`.
    fn subscribe(
        &self,
        resident: &str,
        last_id: Option<u64>,
    ) -> (
        broadcast::Receiver<Arc<CaseEvent>>,
        VecDeque<Arc<CaseEvent>>,
    ) {
        let ring = self.ring.lock().unwrap_or_else(|e| e.into_inner());
        let rx = self.tx.subscribe();
        let replay = match last_id {
            Some(last) => ring
                .events
                .iter()
                .filter(|e| e.id > last && e.resident == resident)
                .cloned()
                .collect(),
            None => VecDeque::new(),
        };
        (rx, replay)
    }

    /// The resident's ring events after `last_id` (after the stream fell behind).
    fn since(&self, resident: &str, last_id: u64) -> VecDeque<Arc<CaseEvent>> {
        let ring = self.ring.lock().unwrap_or_else(|e| e.into_inner());
        ring.events
            .iter()
            .filter(|e| e.id > last_id && e.resident == resident)
            .cloned()
            .collect()
    }

    /// Number of open streams (for the benchmark and health checks).
    pub fn receivers(&self) -> usize {
        self.tx.receiver_count()
    }
}

fn sse_event(event: &CaseEvent) -> Event {
    Event::default()
        .event("case-updated")
        .id(event.id.to_string())
        .data(serde_json::json!({ "case_id": event.case_id }).to_string())
}

struct StreamState {
    portal: Portal,
    token_hash: String,
    resident: String,
    rx: broadcast::Receiver<Arc<CaseEvent>>,
    pending: VecDeque<Arc<CaseEvent>>,
    last_id: u64,
    hello: bool,
}

/// Is the session behind this stream still alive (not logged out, not idle too long)?
async fn session_alive(portal: &Portal, token_hash: &str) -> bool {
    match portal.store.session(token_hash).await {
        Ok(Some(s)) => now() - s.last_seen <= loket_api::SESSION_IDLE_SECONDS as i64,
        Ok(None) => false,
        // A database hiccup does not end the stream; the next check decides.
        Err(_) => true,
    }
}

async fn next_event(mut s: StreamState) -> Option<(Result<Event, Infallible>, StreamState)> {
    if !s.hello {
        s.hello = true;
        return Some((Ok(Event::default().retry(RETRY).comment("verbonden")), s));
    }
    loop {
        if let Some(event) = s.pending.pop_front() {
            if event.id <= s.last_id {
                continue;
            }
            s.last_id = event.id;
            return Some((Ok(sse_event(&event)), s));
        }
        match tokio::time::timeout(SESSION_CHECK, s.rx.recv()).await {
            Ok(Ok(event)) => {
                if event.resident == s.resident {
                    s.pending.push_back(event);
                }
            }
            Ok(Err(broadcast::error::RecvError::Lagged(_))) => {
                // Fell behind a burst: take the rest from the ring.
                s.pending = s.portal.notify.hub().since(&s.resident, s.last_id);
            }
            Ok(Err(broadcast::error::RecvError::Closed)) => return None,
            Err(_) => {
                if !session_alive(&s.portal, &s.token_hash).await {
                    return None;
                }
            }
        }
    }
}

/// The SSE stream for one resident session.
pub fn case_events(
    portal: Portal,
    token_hash: String,
    resident: String,
    last_event_id: Option<u64>,
) -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
    let (rx, pending) = portal.notify.hub().subscribe(&resident, last_event_id);
    let state = StreamState {
        portal,
        token_hash,
        resident,
        rx,
        pending,
        last_id: last_event_id.unwrap_or(0),
        hello: false,
    };
    stream::unfold(state, next_event)
}

/// `GET /api/events` (resident session): `text/event-stream` of `case-updated` events.
pub async fn events(
    State(portal): State<Portal>,
    headers: HeaderMap,
) -> Result<Response, PortalError> {
    let (token_hash, session) = live_session(&portal, &headers)
        .await?
        .ok_or(PortalError::NotAuthenticated)?;
    let resident = resident_pseudonym(&portal.pseudonym_salt, &session.bsn);
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let stream = case_events(portal, token_hash, resident, last_event_id);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive"))
        .into_response();
    // Tell nginx-style proxies not to buffer the stream.
    response.headers_mut().insert(
        "x-accel-buffering",
        axum::http::HeaderValue::from_static("no"),
    );
    Ok(response)
}
