//! Notifications benchmark (not a test): notification → e-mail accepted by a local SMTP
//! server, and notification → `case-updated` on SSE streams with 1,000 connections open.
//!
//! ```sh
//! scripts/setup.sh   # once: target/smtp-venv with aiosmtpd
//! cargo run --release -p loket-server --example notify_bench
//! ```
//!
//! Everything runs in this process on loopback (server, 1,000 SSE clients) plus the aiosmtpd
//! sink (`scripts/smtp-sink.py`); the SQLite databases live in a temporary directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use loket_server::config::{Config, Municipality, NotificationsConfig};
use loket_server::Loket;
use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;
use tokio::sync::mpsc;

const AUTH: &str = "Token bench";
const RESIDENTS: usize = 100;
const STREAMS_PER_RESIDENT: usize = 10;
const MAIL_SAMPLES: usize = 30;
const SSE_ROUNDS: usize = 100;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `n`-th BSN that passes the 11-proef (fictitious).
fn bsn(n: usize) -> String {
    let mut candidate = 100_000_000 + n * 97;
    loop {
        let digits: Vec<u32> = format!("{candidate:09}")
            .chars()
            .map(|c| c.to_digit(10).unwrap())
            .collect();
        let sum: i64 = digits[..8]
            .iter()
            .enumerate()
            .map(|(i, d)| (9 - i as i64) * *d as i64)
            .sum::<i64>()
            - digits[8] as i64;
        if sum % 11 == 0 {
            return format!("{candidate:09}");
        }
        candidate += 1;
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn summary(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{name}: n={} p50={:.1} ms p90={:.1} ms p99={:.1} ms max={:.1} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.9),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

struct Resident {
    http: reqwest::Client,
    case_id: String,
}

async fn json_of(response: reqwest::Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// A resident logs in (demo), fills in a Kapvergunning with their own e-mail and submits it.
async fn resident(base: &str, n: usize, kap: &str) -> Resident {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let session = json_of(
        http.get(format!("{base}/api/session"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    let info = json_of(
        http.post(format!("{base}/api/session/demo"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"bsn": bsn(n)}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let csrf = info["csrf_token"].as_str().unwrap().to_owned();
    let draft = json_of(
        http.post(format!("{base}/api/drafts"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"product_id": kap}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = draft["id"].as_str().unwrap().to_owned();
    json_of(
        http.put(format!("{base}/api/drafts/{id}"))
            .header("x-csrf-token", &csrf)
            .json(&json!({
                "answers": {"aantalBomen": "1", "boomsoort": "Eik", "reden": "Ziek of dood"},
                "contact": {"email": format!("inwoner{n}@example.nl"), "phone": "06-12345678"},
                "step": "controleren"
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let submission = json_of(
        http.post(format!("{base}/api/drafts/{id}/submit"))
            .header("x-csrf-token", &csrf)
            .header("idempotency-key", format!("bench-{n}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    Resident {
        http,
        case_id: submission["case_id"].as_str().unwrap().to_owned(),
    }
}

async fn notify(base: &str, zaak: &str, status: &str, aanmaakdatum: &str) {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/notificaties"))
        .header("authorization", AUTH)
        .json(&json!({
            "kanaal": "zaken", "hoofdObject": zaak, "resource": "status",
            "resourceUrl": status, "actie": "create", "aanmaakdatum": aanmaakdatum,
            "kenmerken": {}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let mail_dir = dir.path().join("mail");
    let smtp_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut sink = tokio::process::Command::new(workspace().join("target/smtp-venv/bin/python"))
        .arg(workspace().join("scripts/smtp-sink.py"))
        .args(["--port", &smtp_port.to_string(), "--dir"])
        .arg(&mail_dir)
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("run scripts/setup.sh first (target/smtp-venv)");
    let mut lines = tokio::io::BufReader::new(sink.stdout.take().unwrap()).lines();
    lines.next_line().await.unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for page in ["index.html", "staff.html"] {
        std::fs::write(dist.join(page), "<title>x</title>").unwrap();
    }
    let config = Config {
        listen: address,
        data_dir: dir.path().join("data"),
        assets: dist,
        database_url: None,
        public_url: format!("http://{address}"),
        municipality: Municipality {
            name: "Gemeente Voorbeeld".into(),
            logo_url: "/icons/logo.svg".into(),
        },
        zgw_clients: Vec::new(),
        demo_catalogue: true,
        portal_database_url: None,
        demo_login: true,
        oidc: None,
        external_zgw: None,
        uploads: Default::default(),
        staff_oidc: None,
    };
    let notifications = NotificationsConfig {
        auth: Some(AUTH.into()),
        smtp_url: Some(format!("smtp://127.0.0.1:{smtp_port}")),
        mail_from: Some("Gemeente Voorbeeld <noreply@voorbeeld.nl>".into()),
        ..Default::default()
    };
    let loket = Loket::start_with(&config, &notifications).await.unwrap();
    loket.portal.spawn_background();
    let app = loket.app();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let base = config.public_url.clone();

    let catalogue: Value = reqwest::get(format!("{base}/api/catalogue"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kap = catalogue
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Kapvergunning")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    println!("setting up {RESIDENTS} residents with a submitted case …");
    let mut residents = Vec::new();
    for n in 0..RESIDENTS {
        residents.push(resident(&base, n, &kap).await);
    }
    let zgw = loket.portal.zgw.clone();
    let mut cases = Vec::new();
    for r in &residents {
        let zaak = zgw
            .get(
                &Default::default(),
                &zgw.zaken(&format!("/zaken/{}", r.case_id)),
            )
            .await
            .unwrap();
        cases.push((
            zaak["url"].as_str().unwrap().to_owned(),
            zaak["status"].as_str().unwrap().to_owned(),
        ));
    }

    // ---- notification → e-mail accepted by the SMTP server ---------------------------------
    let mut mail_ms = Vec::new();
    for (i, (zaak, status)) in cases.iter().take(MAIL_SAMPLES).enumerate() {
        let before = std::fs::read_dir(&mail_dir).unwrap().count();
        let t0 = std::time::SystemTime::now();
        notify(&base, zaak, status, "2026-11-29T06:00:00Z").await;
        let deadline = Instant::now() + Duration::from_secs(30);
        let received = loop {
            let mut files: Vec<_> = std::fs::read_dir(&mail_dir)
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                .collect();
            if files.len() > before {
                files.sort();
                let text = std::fs::read_to_string(files.last().unwrap()).unwrap();
                assert!(text.contains(&format!("inwoner{i}@example.nl")));
                let at: f64 = text
                    .lines()
                    .find_map(|l| l.strip_prefix("X-Sink-Received-At: "))
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap();
                break at;
            }
            assert!(Instant::now() < deadline, "no e-mail");
            tokio::time::sleep(Duration::from_millis(1)).await;
        };
        let sent = t0
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        mail_ms.push((received - sent) * 1000.0);
    }
    summary("notification -> e-mail accepted by SMTP", mail_ms);

    // ---- SSE: 1,000 open streams -----------------------------------------------------------
    let (tx, mut rx) = mpsc::unbounded_channel::<(String, Instant)>();
    for r in &residents {
        for _ in 0..STREAMS_PER_RESIDENT {
            let mut response = r
                .http
                .get(format!("{base}/api/events"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut buffer = String::new();
                while let Ok(Some(chunk)) = response.chunk().await {
                    buffer.push_str(&String::from_utf8_lossy(&chunk));
                    while let Some(end) = buffer.find("\n\n") {
                        let block: String = buffer.drain(..end + 2).collect();
                        if block.contains("event: case-updated") {
                            let data = block
                                .lines()
                                .find_map(|l| l.strip_prefix("data: "))
                                .unwrap_or_default();
                            let v: Value = serde_json::from_str(data).unwrap();
                            let _ = tx
                                .send((v["case_id"].as_str().unwrap().to_owned(), Instant::now()));
                        }
                    }
                }
            });
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    println!("{} SSE streams open", loket.portal.notify.hub().receivers());
    let mut sse_ms = Vec::new();
    let mut foreign = 0usize;
    let by_case: Arc<HashMap<String, usize>> = Arc::new(
        residents
            .iter()
            .enumerate()
            .map(|(i, r)| (r.case_id.clone(), i))
            .collect(),
    );
    for round in 0..SSE_ROUNDS {
        let target = round % RESIDENTS;
        let (zaak, status) = &cases[target];
        let t0 = Instant::now();
        notify(
            &base,
            zaak,
            status,
            &format!("2026-11-29T07:{:02}:{:02}Z", round / 60, round % 60),
        )
        .await;
        let mut got = 0;
        while got < STREAMS_PER_RESIDENT {
            let (case_id, at) = tokio::time::timeout(Duration::from_secs(10), rx.recv())
                .await
                .expect("SSE event")
                .unwrap();
            if by_case.get(&case_id) == Some(&target) {
                got += 1;
                sse_ms.push(at.duration_since(t0).as_secs_f64() * 1000.0);
            } else {
                foreign += 1;
            }
        }
    }
    summary(
        &format!(
            "notification -> case-updated on each of the resident's {STREAMS_PER_RESIDENT} streams ({} open)",
            RESIDENTS * STREAMS_PER_RESIDENT
        ),
        sse_ms,
    );
    println!("events delivered for another resident's case: {foreign}");
}
