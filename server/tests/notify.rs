//! Notifications (issue 7): the ZGW notification receiver, e-mail to the resident through a
//! real local SMTP server (`scripts/smtp-sink.py`, aiosmtpd), the e-mail preference, retries
//! when SMTP is down, a restart between storing and processing, and live updates (SSE)
//! scoped to the resident.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use loket_api::staff::StaffSessionInfo;
use loket_api::{Profile, Submission};
use loket_server::config::NotificationsConfig;
use loket_server::Loket;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;

const AUTH: &str = "Token nrc-geheim-voor-de-test";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The venv with aiosmtpd (scripts/setup.sh makes it; made here too when missing).
fn smtp_python() -> PathBuf {
    static READY: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut ready = READY.lock().unwrap_or_else(|e| e.into_inner());
    let venv = workspace().join("target/smtp-venv");
    let python = venv.join("bin/python");
    if !*ready {
        let ok = std::process::Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let status = std::process::Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .unwrap();
            assert!(status.success(), "python3 -m venv failed");
            let status = std::process::Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "aiosmtpd==1.4.6"])
                .status()
                .unwrap();
            assert!(status.success(), "pip install aiosmtpd failed");
        }
        *ready = true;
    }
    python
}

/// A local SMTP server writing every message to `dir/<n>.eml`; stops when dropped.
struct Sink {
    _child: tokio::process::Child,
    dir: PathBuf,
}

impl Sink {
    async fn start(port: u16, dir: &Path) -> Sink {
        let mut child = tokio::process::Command::new(smtp_python())
            .arg(workspace().join("scripts/smtp-sink.py"))
            .args(["--port", &port.to_string(), "--dir"])
            .arg(dir)
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .expect("SMTP sink did not start")
            .unwrap()
            .unwrap_or_default();
        assert!(line.starts_with("ready"), "{line}");
        Sink {
            _child: child,
            dir: dir.to_owned(),
        }
    }

    /// The messages received so far, headers unfolded.
    fn mails(&self) -> Vec<String> {
        mails_in(&self.dir)
    }
}

fn mails_in(dir: &Path) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    files.sort();
    files
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .replace("\r\n ", " ")
                .replace("\r\n\t", " ")
        })
        .collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn settings(smtp_port: Option<u16>) -> NotificationsConfig {
    NotificationsConfig {
        auth: Some(AUTH.into()),
        smtp_url: smtp_port.map(|p| format!("smtp://127.0.0.1:{p}")),
        mail_from: Some("Gemeente Voorbeeld <noreply@voorbeeld.nl>".into()),
        retry_base: Duration::from_millis(300),
        poll_interval: Duration::from_millis(100),
        publish_to: None,
    }
}

/// A whole server with the notification settings; `workers` starts the background work
/// (as `loket serve` does).
async fn start_server(dir: &Path, smtp_port: Option<u16>, workers: bool) -> Server {
    start_on(dir, smtp_port, workers, false).await
}

/// [`start_server`] on SQLite or (`postgres`) on fresh PostgreSQL databases.
async fn start_on(dir: &Path, smtp_port: Option<u16>, workers: bool, postgres: bool) -> Server {
    start_at(dir, smtp_port, workers, postgres, None).await
}

/// [`start_on`], optionally under the public URL of an earlier server on the same data (a
/// restart keeps its public address; this one listens on another port behind it).
async fn start_at(
    dir: &Path,
    smtp_port: Option<u16>,
    workers: bool,
    postgres: bool,
    public_url: Option<&str>,
) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = config(dir, listener.local_addr().unwrap());
    if let Some(public_url) = public_url {
        config.public_url = public_url.to_owned();
    }
    if postgres {
        config.database_url = Some(fresh_postgres_database().await);
        config.portal_database_url = Some(fresh_postgres_database().await);
    }
    let base = config.public_url.clone();
    let loket = Loket::start_with(&config, &settings(smtp_port))
        .await
        .unwrap();
    if workers {
        loket.portal.spawn_background();
    }
    let app = loket.app();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        base,
        loket,
        data_dir: config.data_dir.clone(),
    }
}

async fn submitted_case(server: &Server, bsn: &str) -> (Browser, Submission) {
    let resident = Browser::logged_in(server, bsn).await;
    let draft = complete_draft(&resident).await;
    let (status, body) = resident.submit(&draft.id, "k").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (resident, serde_json::from_value(body).unwrap())
}

/// The zaak URL and its current status URL, read with the portal's own ZGW client.
async fn zaak_and_status(server: &Server, case_id: &str) -> (String, String) {
    let zgw = &server.loket.portal.zgw;
    let zaak = zgw
        .get(
            &Default::default(),
            &zgw.zaken(&format!("/zaken/{case_id}")),
        )
        .await
        .unwrap();
    (
        zaak["url"].as_str().unwrap().to_owned(),
        zaak["status"].as_str().unwrap().to_owned(),
    )
}

fn notificatie(zaak: &str, status: &str, aanmaakdatum: &str) -> Value {
    json!({
        "kanaal": "zaken",
        "hoofdObject": zaak,
        "resource": "status",
        "resourceUrl": status,
        "actie": "create",
        "aanmaakdatum": aanmaakdatum,
        "kenmerken": {"bronorganisatie": "002220647", "vertrouwelijkheidaanduiding": "openbaar"}
    })
}

async fn post_notification(server: &Server, auth: Option<&str>, body: &str) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/notificaties", server.base))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(auth) = auth {
        request = request.header("authorization", auth);
    }
    request.send().await.unwrap()
}

async fn behandelaar(server: &Server) -> Browser {
    let mut browser = Browser::new(server).await;
    let (status, body) = browser
        .send(
            Method::POST,
            "/api/staff/session",
            Some(json!({"username": "behandelaar", "password": "behandelaar-demo-wachtwoord"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let info: StaffSessionInfo = serde_json::from_value(body).unwrap();
    browser.csrf = info.csrf_token;
    browser
}

/// A behandelaar moves the case to the step called `title`.
async fn set_status(behandelaar: &Browser, case_id: &str, title: &str) {
    staff_set_status(behandelaar, case_id, title, "Interne notitie 999993653").await;
}

async fn outcomes(server: &Server) -> Vec<String> {
    server.loket.portal.notify.store().outcomes().await.unwrap()
}

async fn outbox(server: &Server) -> Vec<(String, i64)> {
    server
        .loket
        .portal
        .notify
        .store()
        .outbox_states()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receiver_checks_authorization_and_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), None, false).await;
    let (_, submission) = submitted_case(&server, BSN_A).await;
    let (zaak, status) = zaak_and_status(&server, &submission.case_id).await;
    let valid = notificatie(&zaak, &status, "2026-11-29T06:00:00Z").to_string();

    for auth in [
        None,
        Some("Token verkeerd"),
        Some("Bearer nrc-geheim-voor-de-test"),
    ] {
        let response = post_notification(&server, auth, &valid).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{auth:?}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], 403);
    }
    let mut missing = notificatie(&zaak, &status, "2026-11-29T06:00:00Z");
    missing.as_object_mut().unwrap().remove("resourceUrl");
    let mut bad_date = notificatie(&zaak, &status, "gisteren");
    bad_date["kenmerken"] = json!({});
    let not_a_url = notificatie(&zaak, "statussen/1", "2026-11-29T06:00:00Z");
    for body in [
        "{not json".to_owned(),
        missing.to_string(),
        bad_date.to_string(),
        not_a_url.to_string(),
    ] {
        let response = post_notification(&server, Some(AUTH), &body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let problem: Value = response.json().await.unwrap();
        assert!(!problem["invalid-params"].as_array().unwrap().is_empty());
    }
    // Nothing stored so far; a valid one is stored (204) even without workers running.
    assert_eq!(
        server
            .loket
            .portal
            .notify
            .store()
            .unprocessed_count()
            .await
            .unwrap(),
        0
    );
    let response = post_notification(&server, Some(AUTH), &valid).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        server
            .loket
            .portal
            .notify
            .store()
            .unprocessed_count()
            .await
            .unwrap(),
        1
    );
    // No CSRF token needed (server to server), but the resident API still guards changes.
    let anonymous = reqwest::Client::new();
    let response = anonymous
        .put(format!("{}/api/profile", server.base))
        .json(&json!({"email_notifications": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// Runs `$name(postgres: bool)` on SQLite and on PostgreSQL (started by scripts/test.sh).
macro_rules! sqlite_and_postgres {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(false).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(true).await;
            }
        }
    };
}

sqlite_and_postgres!(a_status_notification_sends_one_email_even_when_delivered_twice);
sqlite_and_postgres!(no_email_when_the_resident_switched_it_off_but_still_a_live_update);

async fn a_status_notification_sends_one_email_even_when_delivered_twice(postgres: bool) {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    let server = start_on(dir.path(), Some(port), true, postgres).await;
    let (_, submission) = submitted_case(&server, BSN_A).await;
    let (zaak, status) = zaak_and_status(&server, &submission.case_id).await;

    let body = notificatie(&zaak, &status, "2026-11-29T06:00:00Z").to_string();
    for _ in 0..2 {
        let response = post_notification(&server, Some(AUTH), &body).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    // A redelivery with another aanmaakdatum is another notification, but the same status.
    let again = notificatie(&zaak, &status, "2026-11-29T06:00:05Z").to_string();
    let response = post_notification(&server, Some(AUTH), &again).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    wait_until("the e-mail", Duration::from_secs(10), || async {
        sink.mails().len() == 1
    })
    .await;
    wait_until("processing", Duration::from_secs(10), || async {
        outcomes(&server).await.len() == 2
    })
    .await;
    assert_eq!(
        outcomes(&server).await,
        ["mail queued", "mail queued before"]
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "exactly one e-mail");
    let mail = &mails[0];
    assert!(
        mail.contains("X-Sink-Rcpt-To: suzanne@example.nl"),
        "{mail}"
    );
    assert!(mail.contains("To: suzanne@example.nl"), "{mail}");
    assert!(
        mail.contains("From: \"Gemeente Voorbeeld\" <noreply@voorbeeld.nl>")
            || mail.contains("From: Gemeente Voorbeeld <noreply@voorbeeld.nl>"),
        "{mail}"
    );
    assert!(
        mail.contains(&format!(
            "Subject: Nieuwe status van uw zaak {} (Kapvergunning)",
            submission.identificatie
        )),
        "{mail}"
    );
    assert!(mail.contains("Status: Ontvangen"), "{mail}");
    assert!(
        mail.contains("We hebben uw aanvraag voor een kapvergunning ontvangen."),
        "{mail}"
    );
    assert!(
        mail.contains(&format!("{}/zaken/{}", server.base, submission.case_id)),
        "{mail}"
    );
    assert!(mail.contains("(English)"), "{mail}");
    assert!(!mail.contains(BSN_A), "no BSN in the e-mail");
    assert!(!mail.contains("Suzanne"), "no name in the e-mail");
    assert_eq!(outbox(&server).await, [("sent".to_owned(), 1)]);
}

async fn no_email_when_the_resident_switched_it_off_but_still_a_live_update(postgres: bool) {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    let server = start_on(dir.path(), Some(port), true, postgres).await;
    let (resident, submission) = submitted_case(&server, BSN_A).await;

    let anonymous = Browser::new(&server).await;
    let (status, _) = anonymous.send(Method::GET, "/api/profile", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let profile: Profile = resident.get_json("/api/profile").await;
    assert!(profile.email_notifications, "on by default");
    let without_csrf = reqwest::Client::builder().build().unwrap();
    let response = without_csrf
        .put(format!("{}/api/profile", server.base))
        .json(&json!({"email_notifications": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (status, body) = resident
        .send(
            Method::PUT,
            "/api/profile",
            Some(json!({"email_notifications": false})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let profile: Profile = resident.get_json("/api/profile").await;
    assert!(!profile.email_notifications);
    // Another resident's preference is their own.
    let other = Browser::logged_in(&server, BSN_B).await;
    let profile: Profile = other.get_json("/api/profile").await;
    assert!(profile.email_notifications);

    let behandelaar = behandelaar(&server).await;
    set_status(&behandelaar, &submission.case_id, "Beoordeling").await;
    wait_until("processing", Duration::from_secs(10), || async {
        outcomes(&server).await.len() == 1
    })
    .await;
    assert_eq!(outcomes(&server).await, ["live only (e-mail switched off)"]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(sink.mails().is_empty());
    assert!(outbox(&server).await.is_empty());

    // Switched on again: the next status is mailed (with its statustekst).
    let (status, _) = resident
        .send(
            Method::PUT,
            "/api/profile",
            Some(json!({"email_notifications": true})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    set_status(&behandelaar, &submission.case_id, "Ontvangen").await;
    wait_until("the e-mail", Duration::from_secs(10), || async {
        sink.mails().len() == 1
    })
    .await;
    let mail = &sink.mails()[0];
    assert!(mail.contains("Status: Ontvangen"), "{mail}");
    assert!(
        !mail.contains(BSN_A),
        "no BSN, not even from the handler's note"
    );
    assert!(!mail.contains("Interne notitie"), "no handler's notes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_smtp_is_down_the_email_is_retried_and_sent_once_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = start_server(dir.path(), Some(port), true).await;
    let (_, submission) = submitted_case(&server, BSN_A).await;
    let behandelaar = behandelaar(&server).await;
    set_status(&behandelaar, &submission.case_id, "Beoordeling").await;

    wait_until("failed attempts", Duration::from_secs(10), || async {
        matches!(outbox(&server).await.as_slice(), [(state, n)] if state == "pending" && *n >= 2)
    })
    .await;
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    wait_until("the e-mail", Duration::from_secs(20), || async {
        sink.mails().len() == 1
    })
    .await;
    wait_until("sent", Duration::from_secs(5), || async {
        matches!(outbox(&server).await.as_slice(), [(state, _)] if state == "sent")
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sink.mails().len(), 1, "sent once");
    assert!(sink.mails()[0].contains("Status: Beoordeling"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notification_stored_before_a_restart_is_processed_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    // The first server stores the notification but "crashes" before processing it (no
    // workers), then a new server starts on the same data dir.
    let first = start_server(dir.path(), Some(port), false).await;
    let (_, submission) = submitted_case(&first, BSN_A).await;
    let (zaak, status) = zaak_and_status(&first, &submission.case_id).await;
    let body = notificatie(&zaak, &status, "2026-11-29T06:00:00Z").to_string();
    let response = post_notification(&first, Some(AUTH), &body).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        first
            .loket
            .portal
            .notify
            .store()
            .unprocessed_count()
            .await
            .unwrap(),
        1
    );
    assert!(sink.mails().is_empty());

    let second = start_at(dir.path(), Some(port), true, false, Some(&first.base)).await;
    wait_until("the e-mail", Duration::from_secs(10), || async {
        sink.mails().len() == 1
    })
    .await;
    assert_eq!(
        second
            .loket
            .portal
            .notify
            .store()
            .unprocessed_count()
            .await
            .unwrap(),
        0
    );
    assert!(sink.mails()[0].contains(&submission.identificatie));
}

/// One parsed SSE message.
#[derive(Debug, Clone, Default)]
struct SseMessage {
    event: String,
    id: String,
    data: String,
    retry: bool,
}

/// Opens `/api/events` in `browser`'s session and forwards every message to a channel.
async fn open_stream(
    browser: &Browser,
    last_event_id: Option<&str>,
) -> tokio::sync::mpsc::UnboundedReceiver<SseMessage> {
    let mut request = browser.http.get(format!("{}/api/events", browser.base));
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let mut response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut buffer = String::new();
        while let Ok(Some(chunk)) = response.chunk().await {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                let mut message = SseMessage::default();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        message.event = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        message.id = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        message.data = v.trim().to_owned();
                    } else if line.starts_with("retry:") {
                        message.retry = true;
                    }
                }
                if tx.send(message).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// The next `case-updated` message within `timeout`.
async fn next_case_update(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<SseMessage>,
    timeout: Duration,
) -> Option<SseMessage> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, rx.recv()).await {
            Ok(Some(m)) if m.event == "case-updated" => return Some(m),
            Ok(Some(_)) => continue,
            _ => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_updates_reach_the_residents_own_pages_only_and_replay_after_a_reconnect() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), None, true).await;
    let (resident, submission) = submitted_case(&server, BSN_A).await;
    let other = Browser::logged_in(&server, BSN_B).await;

    let anonymous = Browser::new(&server).await;
    let response = anonymous
        .http
        .get(format!("{}/api/events", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let mut mine = open_stream(&resident, None).await;
    let hello = tokio::time::timeout(Duration::from_secs(2), mine.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(
        hello.retry,
        "the stream tells the browser when to reconnect"
    );
    let mut theirs = open_stream(&other, None).await;

    let behandelaar = behandelaar(&server).await;
    let started = Instant::now();
    set_status(&behandelaar, &submission.case_id, "Beoordeling").await;
    let event = next_case_update(&mut mine, Duration::from_secs(1))
        .await
        .expect("case-updated within a second");
    println!("case-updated after {:?}", started.elapsed());
    let data: Value = serde_json::from_str(&event.data).unwrap();
    assert_eq!(data, json!({"case_id": submission.case_id}));
    assert!(!event.id.is_empty());
    assert!(
        next_case_update(&mut theirs, Duration::from_millis(1500))
            .await
            .is_none(),
        "another resident hears nothing"
    );

    // The page lost its connection before the next change; on reconnect with the last id it
    // saw, the missed event is replayed.
    drop(mine);
    set_status(&behandelaar, &submission.case_id, "Ontvangen").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut again = open_stream(&resident, Some(&event.id)).await;
    let missed = next_case_update(&mut again, Duration::from_secs(1))
        .await
        .expect("replayed");
    assert!(missed.id.parse::<u64>().unwrap() > event.id.parse::<u64>().unwrap());
    assert_eq!(
        serde_json::from_str::<Value>(&missed.data).unwrap(),
        json!({"case_id": submission.case_id})
    );
    // Replay starts after the given id: nothing seen before comes again.
    let mut from_latest = open_stream(&resident, Some(&missed.id)).await;
    assert!(
        next_case_update(&mut from_latest, Duration::from_millis(500))
            .await
            .is_none()
    );
    // The other resident's reconnect with an old id replays nothing of ours either.
    let mut theirs_again = open_stream(&other, Some("0")).await;
    assert!(
        next_case_update(&mut theirs_again, Duration::from_millis(500))
            .await
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_to_one_recipient_is_throttled_to_three_per_ten_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    let server = start_server(dir.path(), Some(port), true).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    let mut cases = Vec::new();
    for i in 0..4 {
        let draft = complete_draft(&resident).await;
        let (status, body) = resident.submit(&draft.id, &format!("k{i}")).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        cases.push(serde_json::from_value::<Submission>(body).unwrap());
    }
    let behandelaar = behandelaar(&server).await;
    for case in &cases {
        set_status(&behandelaar, &case.case_id, "Beoordeling").await;
    }
    wait_until("three e-mails", Duration::from_secs(10), || async {
        sink.mails().len() == 3
    })
    .await;
    wait_until("processing", Duration::from_secs(10), || async {
        outbox(&server).await.len() == 4
    })
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.mails().len(), 3, "the fourth waits for the window");
    let mut states: Vec<String> = outbox(&server).await.into_iter().map(|(s, _)| s).collect();
    states.sort();
    assert_eq!(states, ["pending", "sent", "sent", "sent"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_status_replaces_a_waiting_email_about_the_same_case() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = start_server(dir.path(), Some(port), true).await;
    let (_, submission) = submitted_case(&server, BSN_A).await;
    let behandelaar = behandelaar(&server).await;
    // SMTP is down while the case moves on twice.
    set_status(&behandelaar, &submission.case_id, "Beoordeling").await;
    wait_until("a failed attempt", Duration::from_secs(10), || async {
        matches!(outbox(&server).await.as_slice(), [(state, n)] if state == "pending" && *n >= 1)
    })
    .await;
    set_status(&behandelaar, &submission.case_id, "Ontvangen").await;
    wait_until(
        "the second e-mail queued",
        Duration::from_secs(10),
        || async { outbox(&server).await.len() == 2 },
    )
    .await;
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    wait_until("the e-mail", Duration::from_secs(20), || async {
        sink.mails().len() == 1
    })
    .await;
    wait_until("settled", Duration::from_secs(10), || async {
        outbox(&server)
            .await
            .iter()
            .all(|(s, _)| s == "sent" || s == "superseded")
    })
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "one e-mail with the current status");
    assert!(mails[0].contains("Status: Ontvangen"), "{}", mails[0]);
    let states: Vec<String> = outbox(&server).await.into_iter().map(|(s, _)| s).collect();
    assert_eq!(states, ["superseded", "sent"]);
}

/// Like [`start_on`] on SQLite, with all of `loket serve`'s background work — including the
/// embedded case API publishing its own notifications.
async fn start_publishing(dir: &Path, smtp_port: u16) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = config(dir, listener.local_addr().unwrap());
    let loket = Loket::start_with(&config, &settings(Some(smtp_port)))
        .await
        .unwrap();
    loket.spawn_background();
    let app = loket.app();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        base: config.public_url.clone(),
        loket,
        data_dir: config.data_dir.clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_case_api_publishes_status_changes_made_by_any_zgw_client() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    let server = start_publishing(dir.path(), port).await;

    // Submitting sets the first status: its notification brings the confirmation e-mail.
    let (_, submission) = submitted_case(&server, BSN_A).await;
    wait_until(
        "the confirmation e-mail",
        Duration::from_secs(15),
        || async { sink.mails().len() == 1 },
    )
    .await;
    assert!(
        sink.mails()[0].contains("Status: Ontvangen"),
        "{}",
        sink.mails()[0]
    );

    // A municipality's back office (another ZGW client, not Loket) sets the next status
    // straight on the case API: the resident hears of it all the same.
    let backoffice = zgw::client::ZgwClient::new(zgw::client::ClientConfig::same_host(
        &server.base,
        "test",
        "test-geheim",
    ))
    .unwrap();
    let actor = zgw::client::Actor::default();
    let (zaak, _) = zaak_and_status(&server, &submission.case_id).await;
    let zaak_json = backoffice.get(&actor, &zaak).await.unwrap();
    let statustypen = backoffice
        .list_all(
            &actor,
            &backoffice.catalogi(&format!(
                "/statustypen?zaaktype={}",
                zgw::client::query_value(zaak_json["zaaktype"].as_str().unwrap())
            )),
            5,
        )
        .await
        .unwrap();
    let beoordeling = statustypen
        .iter()
        .find(|s| s["omschrijving"] == "Beoordeling")
        .unwrap();
    backoffice
        .post(
            &actor,
            &backoffice.zaken("/statussen"),
            &json!({
                "zaak": zaak,
                "statustype": beoordeling["url"],
                "datumStatusGezet": chrono::Utc::now().to_rfc3339(),
            }),
        )
        .await
        .unwrap();
    wait_until("the status e-mail", Duration::from_secs(15), || async {
        sink.mails().len() == 2
    })
    .await;
    assert!(
        sink.mails()[1].contains("Status: Beoordeling"),
        "{}",
        sink.mails()[1]
    );
    // Everything the case API queued was delivered.
    let caseapi = server.loket.caseapi.as_ref().unwrap();
    wait_until("an empty outbox", Duration::from_secs(15), || async {
        loket_caseapi::notificaties::outbox_counts(caseapi)
            .await
            .unwrap()
            .1
            == 0
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_request_is_mailed_to_the_resident_once() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, &dir.path().join("mail")).await;
    let server = start_on(dir.path(), Some(port), true, false).await;
    let (resident, submission) = submitted_case(&server, BSN_A).await;
    let behandelaar = behandelaar(&server).await;
    let kap: Vec<loket_api::Product> = resident.get_json("/api/catalogue").await;
    let foto = kap
        .iter()
        .find(|p| p.title == "Kapvergunning")
        .unwrap()
        .documents
        .iter()
        .find(|d| d.title == "Foto")
        .unwrap()
        .id
        .clone();
    let (status, body) = behandelaar
        .send(
            Method::POST,
            &format!("/api/staff/cases/{}/document-requests", submission.case_id),
            Some(json!({"text": "Stuur een foto van de boom, van dichtbij.", "document_type_id": foto})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    wait_until("the e-mail", Duration::from_secs(10), || async {
        sink.mails().len() == 1
    })
    .await;
    let mail = &sink.mails()[0];
    assert!(
        mail.contains(&format!(
            "Subject: Wij hebben een document van u nodig voor zaak {}",
            submission.identificatie
        )),
        "{mail}"
    );
    assert!(
        mail.contains("Stuur een foto van de boom, van dichtbij."),
        "{mail}"
    );
    assert!(mail.contains("Soort document: Foto"), "{mail}");
    assert!(
        mail.contains(&format!("{}/zaken/{}", server.base, submission.case_id)),
        "{mail}"
    );
    assert!(!mail.contains(BSN_A), "no BSN in the e-mail");
    wait_until("the outbox to settle", Duration::from_secs(10), || async {
        outbox(&server).await == [("sent".to_owned(), 1)]
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_about_foreign_urls_are_never_fetched_with_our_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), None, true).await;
    // A listener standing in for somebody else's server: nothing may ever connect to it.
    let foreign = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", foreign.local_addr().unwrap());
    let body = notificatie(
        &format!("{origin}/zaken/api/v1/zaken/1"),
        &format!("{origin}/zaken/api/v1/statussen/1"),
        "2026-11-29T06:00:00Z",
    )
    .to_string();
    let response = post_notification(&server, Some(AUTH), &body).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    wait_until("processing", Duration::from_secs(10), || async {
        outcomes(&server).await.len() == 1
    })
    .await;
    assert_eq!(outcomes(&server).await, ["ignored (not our Zaken API)"]);
    let connected = tokio::time::timeout(Duration::from_millis(1), foreign.accept()).await;
    assert!(connected.is_err(), "nobody connected to the foreign server");
}
