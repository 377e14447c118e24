//! The real `loket` binary: it honours LOKET_LISTEN / LOKET_DATA_DIR, prints its URL, serves,
//! and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn http_get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// A `dist/` with minimal page templates (resident and staff app).
fn dist(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for page in ["index.html", "staff.html"] {
        std::fs::write(dist.join(page), "<title>{{MUNICIPALITY_NAME}}</title>").unwrap();
    }
    dist
}

/// Starts `loket serve` on a free port with these extra environment variables; returns the
/// process and the base URL it printed ("Loket draait op <url>/").
fn serve(dist: &Path, data_dir: &Path, env: &[(&str, &str)], stderr: Stdio) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .args(["serve", "--assets"])
        .arg(dist)
        .env("LOKET_LISTEN", "127.0.0.1:0")
        .env("LOKET_DATA_DIR", data_dir)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let base = first_line
        .trim()
        .strip_prefix("Loket draait op ")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line:?}"))
        .trim_end_matches('/')
        .to_owned();
    (child, base)
}

/// SIGTERM, as an orchestrator stops it; returns how it exited.
fn stop(mut child: Child) -> std::process::ExitStatus {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait().unwrap()
}

#[test]
fn serves_from_env_config_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    let data_dir = dir.path().join("data");
    let (child, base) = serve(
        &dist,
        &data_dir,
        &[
            ("LOKET_MUNICIPALITY_NAME", "Gemeente Proef"),
            ("LOKET_DEMO_CATALOGUE", "false"),
        ],
        Stdio::null(),
    );
    let address = base.trim_start_matches("http://").to_owned();
    assert!(
        !address.ends_with(":0"),
        "the printed URL names the real port"
    );

    let page = http_get(&address, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<title>Gemeente Proef</title>"));
    let ready = http_get(&address, "/readyz");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(
        data_dir.join("loket.sqlite3").exists(),
        "SQLite file in LOKET_DATA_DIR"
    );

    let status = stop(child);
    assert!(
        status.success(),
        "graceful shutdown exits 0, got {status:?}"
    );
}

/// Rule: BSNs never reach the logs. Runs the binary with debug logging through a whole
/// resident journey (login, draft, submit, Mijn zaken, case page, a failed login) and searches
/// everything it wrote for the BSN.
#[tokio::test]
async fn a_whole_journey_logs_no_bsn_even_at_debug_level() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    let log_path = dir.path().join("server.log");
    let (child, base) = serve(
        &dist,
        &dir.path().join("data"),
        &[("LOKET_LOG", "debug")],
        std::fs::File::create(&log_path).unwrap().into(),
    );

    let bsn = "999993653";
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let session: serde_json::Value = http
        .get(format!("{base}/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    let post = |path: &str, body: serde_json::Value| {
        http.post(format!("{base}{path}"))
            .header("x-csrf-token", &csrf)
            .json(&body)
    };
    // A refused login (typo in the BSN) must not be logged either.
    let refused = post("/api/session/demo", serde_json::json!({"bsn": "999993654"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let login: serde_json::Value = post("/api/session/demo", serde_json::json!({"bsn": bsn}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = login["csrf_token"].as_str().unwrap().to_owned();
    let products: serde_json::Value = http
        .get(format!("{base}/api/catalogue"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let melding = products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Melding openbare ruimte")
        .unwrap();
    let draft: serde_json::Value = http
        .post(format!("{base}/api/drafts"))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({"product_id": melding["id"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = draft["id"].as_str().unwrap();
    let saved = http
        .put(format!("{base}/api/drafts/{id}"))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({
            "answers": {"categorie": "Afval", "locatie": "Dorpsstraat 1", "omschrijving": "Volle container"},
            "contact": {"email": "a@example.nl", "phone": ""},
            "step": "controleren",
        }))
        .send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let submitted: serde_json::Value = http
        .post(format!("{base}/api/drafts/{id}/submit"))
        .header("x-csrf-token", &csrf)
        .header("idempotency-key", "log-test")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case_id = submitted["case_id"].as_str().expect("submitted").to_owned();
    assert_eq!(
        http.get(format!("{base}/api/cases"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        http.get(format!("{base}/api/cases/{case_id}"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    stop(child);
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.contains("request submitted"),
        "the journey was logged at all"
    );
    assert!(log.lines().count() > 20, "debug logging was on");
    for secret in [bsn, "999993654"] {
        assert!(
            !log.contains(secret),
            "a BSN appears in the log:\n{}",
            log.lines()
                .filter(|l| l.contains(secret))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// `loket staff add` creates an account (password from standard input, Argon2id-hashed) that
/// can then log in; short passwords and unknown roles are refused.
#[tokio::test]
async fn staff_add_creates_an_account_that_can_log_in() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let add = |password: &str, role: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
            .args([
                "staff",
                "add",
                "--username",
                "Jan.KCC",
                "--name",
                "Jan de Vries",
                "--role",
                role,
                "--data-dir",
            ])
            .arg(&data_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let short = add("kort", "kcc");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("too short"));
    let bad_role = add("een-voldoende-lang-wachtwoord", "baas");
    assert!(!bad_role.status.success());
    let ok = add("een-voldoende-lang-wachtwoord", "kcc");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let (child, base) = serve(
        &dist(dir.path()),
        &data_dir,
        &[("LOKET_DEMO_LOGIN", "false")],
        Stdio::null(),
    );
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let session: serde_json::Value = http
        .get(format!("{base}/api/staff/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        session["demo_accounts"],
        serde_json::json!([]),
        "no demo accounts outside demo mode"
    );
    let login = http
        .post(format!("{base}/api/staff/session"))
        .header("x-csrf-token", session["csrf_token"].as_str().unwrap())
        .json(&serde_json::json!({"username": "jan.kcc", "password": "een-voldoende-lang-wachtwoord"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let info: serde_json::Value = login.json().await.unwrap();
    assert_eq!(info["staff"]["name"], "Jan de Vries");
    assert_eq!(info["staff"]["roles"], serde_json::json!(["kcc"]));
    stop(child);
}
