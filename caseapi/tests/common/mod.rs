//! Test harness for the embedded provider: a fresh provider per test on SQLite (temp dir) or
//! PostgreSQL (a fresh database on the server named by `LOKET_TEST_POSTGRES_URL`, which
//! `scripts/test.sh` starts), driven in-process with `tower::ServiceExt::oneshot`.
//!
//! Use [`both_backends!`] so every test runs against both databases.
#![allow(dead_code)]

pub mod fixtures;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use loket_caseapi::{CaseApi, ClientCredentials, Config};
use serde_json::Value;
use tower::ServiceExt;

pub const BASE: &str = "http://testserver";
pub const CLIENT_ID: &str = "test-client";
pub const SECRET: &str = "test-secret";

pub struct TestApi {
    pub api: CaseApi,
    pub app: Router,
    _dir: tempfile::TempDir,
}

/// A response: status, headers and the body parsed as JSON (`Value::Null` when empty or not
/// JSON; the raw bytes are kept too).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The `code`s of the `invalidParams` of a 400, as `name:code` strings.
    pub fn invalid_params(&self) -> Vec<String> {
        self.json["invalidParams"]
            .as_array()
            .map(|params| {
                params
                    .iter()
                    .map(|p| {
                        format!(
                            "{}:{}",
                            p["name"].as_str().unwrap_or_default(),
                            p["code"].as_str().unwrap_or_default()
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn config(database_url: String, dir: &tempfile::TempDir) -> Config {
    Config {
        database_url,
        documents_dir: dir.path().join("documenten"),
        base_url: BASE.into(),
        clients: vec![ClientCredentials {
            client_id: CLIENT_ID.into(),
            secret: SECRET.into(),
        }],
        seed_demo_catalogue: false,
    }
}

impl TestApi {
    pub async fn sqlite() -> TestApi {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("caseapi.sqlite3").display());
        TestApi::open(config(url, &dir), dir).await
    }

    pub async fn postgres() -> TestApi {
        let server = std::env::var("LOKET_TEST_POSTGRES_URL").expect(
            "LOKET_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts \
             PostgreSQL, or point it at a server where the user may CREATE DATABASE",
        );
        let name = format!("loket_test_{}", uuid::Uuid::new_v4().simple());
        sqlx::any::install_default_drivers();
        let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&server)
            .await
            .unwrap();
        let create = format!("CREATE DATABASE {name}");
        sqlx::Executor::execute(&mut admin, sqlx::AssertSqlSafe(create))
            .await
            .unwrap();
        let (prefix, _) = server.rsplit_once('/').expect("URL ends in /database");
        let dir = tempfile::tempdir().unwrap();
        TestApi::open(config(format!("{prefix}/{name}"), &dir), dir).await
    }

    async fn open(config: Config, dir: tempfile::TempDir) -> TestApi {
        let api = CaseApi::open(config).await.expect("provider opens");
        let app = api.router();
        TestApi {
            api,
            app,
            _dir: dir,
        }
    }

    /// A valid token for the test client.
    pub fn token(&self) -> String {
        token_for(CLIENT_ID, SECRET)
    }

    /// Sends a request with the test client's token. `path` is relative to the server
    /// (`/zaken/api/v1/zaken`) or an absolute URL starting with [`BASE`].
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let token = self.token();
        let mut all = vec![("authorization", format!("Bearer {token}"))];
        all.extend(headers.iter().map(|(k, v)| (*k, v.to_string())));
        self.raw(method, path, body.map(|b| b.to_string().into_bytes()), &all)
            .await
    }

    /// Sends a request with exactly these headers (no token added).
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, String)],
    ) -> Reply {
        let path = path.strip_prefix(BASE).unwrap_or(path);
        let mut builder = Request::builder().method(method).uri(path);
        let mut has_content_type = false;
        for (name, value) in headers {
            has_content_type |= name.eq_ignore_ascii_case("content-type");
            builder = builder.header(*name, value);
        }
        if body.is_some() && !has_content_type {
            builder = builder.header("content-type", "application/json");
        }
        let request = builder
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
            bytes,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, &[("accept-crs", "EPSG:4326")])
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(
            Method::POST,
            path,
            Some(body),
            &[("accept-crs", "EPSG:4326"), ("content-crs", "EPSG:4326")],
        )
        .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Reply {
        self.send(
            Method::PUT,
            path,
            Some(body),
            &[("accept-crs", "EPSG:4326"), ("content-crs", "EPSG:4326")],
        )
        .await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Reply {
        self.send(
            Method::PATCH,
            path,
            Some(body),
            &[("accept-crs", "EPSG:4326"), ("content-crs", "EPSG:4326")],
        )
        .await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None, &[]).await
    }
}

/// A fresh HS256 token for `client_id`.
pub fn token_for(client_id: &str, secret: &str) -> String {
    zgw::jwt::sign(
        &zgw::jwt::Claims {
            iss: client_id.into(),
            iat: chrono::Utc::now().timestamp(),
            client_id: client_id.into(),
            user_id: "tester".into(),
            user_representation: "Test Gebruiker".into(),
            exp: None,
        },
        secret.as_bytes(),
    )
}

/// Defines `mod $name { sqlite, postgres }`: the async test body runs once per backend with
/// `api: TestApi` in scope.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$api:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $api = $crate::common::TestApi::sqlite().await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $api = $crate::common::TestApi::postgres().await;
                $body
            }
        }
    };
}
