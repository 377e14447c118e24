//! Shared harness of the server's HTTP tests: a whole `loket` on a loopback port (SQLite or
//! PostgreSQL), and a "browser" with a cookie jar and the CSRF token.
#![allow(dead_code)]

use std::path::Path;

use loket_api::{Draft, DraftUpdate, ErrorBody, ErrorCode, Product, SessionInfo};
use loket_server::config::{Config, Municipality};
use loket_server::Loket;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const BSN_A: &str = "999993653";
pub const BSN_B: &str = "111222333";

pub struct Server {
    pub base: String,
    pub loket: Loket,
    pub data_dir: std::path::PathBuf,
}

pub fn config(dir: &Path, address: std::net::SocketAddr) -> Config {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for page in ["index.html", "staff.html"] {
        std::fs::write(dist.join(page), "<title>{{MUNICIPALITY_NAME}}</title>").unwrap();
    }
    Config {
        listen: address,
        data_dir: dir.join("data"),
        assets: dist,
        database_url: None,
        public_url: format!("http://{address}"),
        municipality: Municipality {
            name: "Gemeente Voorbeeld".into(),
            logo_url: "/icons/logo.svg".into(),
        },
        zgw_clients: vec![loket_caseapi::ClientCredentials {
            client_id: "test".into(),
            secret: "test-geheim".into(),
        }],
        demo_catalogue: true,
        portal_database_url: None,
        demo_login: true,
        oidc: None,
        external_zgw: None,
        uploads: Default::default(),
        staff_oidc: None,
    }
}

pub async fn serve(config: Config, listener: tokio::net::TcpListener) -> Server {
    // The server's log, shown with a failing test's output (captured otherwise).
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn,loket_server=info")
        .with_test_writer()
        .try_init();
    let base = config.public_url.clone();
    let loket = Loket::start(&config).await.unwrap();
    let app = loket.app();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        base,
        loket,
        data_dir: config.data_dir.clone(),
    }
}

pub async fn start(dir: &Path) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = config(dir, listener.local_addr().unwrap());
    serve(config, listener).await
}

/// Like [`start`], with all of `loket serve`'s background work (notifications published by the
/// embedded case API and processed, resumers).
pub async fn start_with_background(dir: &Path) -> Server {
    let server = start(dir).await;
    server.loket.spawn_background();
    server
}

/// A fresh database on the PostgreSQL server that `scripts/test.sh` starts.
pub async fn fresh_postgres_database() -> String {
    let server = std::env::var("LOKET_TEST_POSTGRES_URL").expect(
        "LOKET_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL",
    );
    let name = format!("loket_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&server)
        .await
        .unwrap();
    sqlx::Executor::execute(
        &mut admin,
        sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")),
    )
    .await
    .unwrap();
    let (prefix, _) = server.rsplit_once('/').expect("URL ends in /database");
    format!("{prefix}/{name}")
}

/// The whole server with the case API and the portal each on their own PostgreSQL database.
pub async fn start_postgres(dir: &Path) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = config(dir, listener.local_addr().unwrap());
    config.database_url = Some(fresh_postgres_database().await);
    config.portal_database_url = Some(fresh_postgres_database().await);
    serve(config, listener).await
}

/// Runs a test against a server on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let dir = tempfile::tempdir().unwrap();
                super::$name($crate::common::start(dir.path()).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let dir = tempfile::tempdir().unwrap();
                super::$name($crate::common::start_postgres(dir.path()).await).await;
            }
        }
    };
}

/// A browser: cookie jar plus the CSRF token from the last SessionInfo.
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
    pub csrf: String,
    /// The cookie jar, for requests made by hand (raw TCP).
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl Browser {
    pub async fn new(server: &Server) -> Browser {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .build()
            .unwrap();
        let mut browser = Browser {
            http,
            base: server.base.clone(),
            csrf: String::new(),
            jar,
        };
        let info: SessionInfo = browser.get_json("/api/session").await;
        browser.csrf = info.csrf_token;
        browser
    }

    pub async fn logged_in(server: &Server, bsn: &str) -> Browser {
        let mut browser = Browser::new(server).await;
        let (status, body) = browser
            .send(Method::POST, "/api/session/demo", Some(json!({"bsn": bsn})))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let info: SessionInfo = serde_json::from_value(body).unwrap();
        browser.csrf = info.csrf_token;
        browser
    }

    /// A browser logged in as staff.
    pub async fn staff(server: &Server, username: &str, password: &str) -> Browser {
        let mut browser = Browser::new(server).await;
        let (status, body) = browser
            .send(
                Method::POST,
                "/api/staff/session",
                Some(json!({"username": username, "password": password})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let info: loket_api::staff::StaffSessionInfo = serde_json::from_value(body).unwrap();
        browser.csrf = info.csrf_token;
        browser
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let (status, body) = self.send(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        serde_json::from_value(body).unwrap()
    }

    pub async fn submit(&self, draft: &str, key: &str) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!("{}/api/drafts/{draft}/submit", self.base))
            .header("x-csrf-token", &self.csrf)
            .header("idempotency-key", key)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// A behandelaar moves the case to the step called `title`.
pub async fn staff_set_status(
    behandelaar: &Browser,
    case_id: &str,
    title: &str,
    explanation: &str,
) {
    let case = format!("/api/staff/cases/{case_id}");
    let view: loket_api::staff::StaffCaseView = behandelaar.get_json(&case).await;
    let id = &view
        .statustypen
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no step {title}"))
        .id;
    let (status, body) = behandelaar
        .send(
            Method::POST,
            &format!("{case}/status"),
            Some(json!({"statustype_id": id, "explanation": explanation})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// A behandelaar sets the result called `title`, which closes the case.
pub async fn staff_close(behandelaar: &Browser, case_id: &str, title: &str) {
    let case = format!("/api/staff/cases/{case_id}");
    let view: loket_api::staff::StaffCaseView = behandelaar.get_json(&case).await;
    let id = &view
        .resultaattypen
        .iter()
        .find(|r| r.title == title)
        .unwrap_or_else(|| panic!("no result {title}"))
        .id;
    let (status, body) = behandelaar
        .send(
            Method::POST,
            &format!("{case}/result"),
            Some(json!({"resultaattype_id": id, "explanation": title})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// Polls `check` every 50 ms until it holds (background work is asynchronous); fails after
/// `timeout`.
pub async fn wait_until<F, Fut>(what: &str, timeout: std::time::Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = std::time::Instant::now();
    while !check().await {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

pub fn error_code(body: &Value) -> ErrorCode {
    serde_json::from_value::<ErrorBody>(body.clone())
        .unwrap()
        .code
}

pub async fn product(browser: &Browser, title: &str) -> Product {
    let products: Vec<Product> = browser.get_json("/api/catalogue").await;
    products.into_iter().find(|p| p.title == title).unwrap()
}

/// A draft for a Kapvergunning with valid answers and contact details.
pub async fn complete_draft(browser: &Browser) -> Draft {
    let kap = product(browser, "Kapvergunning").await;
    let (status, body) = browser
        .send(
            Method::POST,
            "/api/drafts",
            Some(json!({"product_id": kap.id})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let draft: Draft = serde_json::from_value(body).unwrap();
    let update = DraftUpdate {
        answers: [
            ("aantalBomen", "2"),
            ("boomsoort", "Eik en beuk"),
            ("reden", "Ziek of dood"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
        contact: loket_api::form::Contact {
            email: "suzanne@example.nl".into(),
            phone: "06-12345678".into(),
        },
        step: "controleren".into(),
    };
    let (status, body) = browser
        .send(
            Method::PUT,
            &format!("/api/drafts/{}", draft.id),
            Some(serde_json::to_value(&update).unwrap()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

/// Makes every session in `table` (`portal_sessions`, `staff_sessions`) look `seconds` older,
/// as if that long had passed without a request.
pub async fn age_sessions(server: &Server, table: &str, seconds: i64) {
    let url = format!(
        "sqlite://{}",
        server.data_dir.join("portal.sqlite3").display()
    );
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let sql = format!("UPDATE {table} SET last_seen = last_seen - $1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(seconds)
        .execute(&pool)
        .await
        .unwrap();
}
