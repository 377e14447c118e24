//! HTTP-level tests of the server shell: SPA serving, caching, compression, security headers,
//! health probes and the mounted case API. Driven in-process with `oneshot`.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use loket_server::config::{Config, Municipality};
use loket_server::Loket;
use tower::ServiceExt;

struct TestServer {
    app: Router,
    _dir: tempfile::TempDir,
}

/// A fake built SPA: the resident and staff page templates, one hashed asset with its brotli sibling, a wasm file
/// and a manifest.
fn write_dist(dist: &Path) {
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        r#"<!doctype html><html lang="nl"><head><meta name="loket:municipality" content="{{MUNICIPALITY_NAME}}"><meta name="loket:logo" content="{{MUNICIPALITY_LOGO}}"></head><body><header>{{MUNICIPALITY_NAME}}</header><main id="main">Loket wordt geladen…</main></body></html>"#,
    )
    .unwrap();
    std::fs::write(
        dist.join("staff.html"),
        r#"<!doctype html><html lang="nl"><head><title>Medewerkers {{MUNICIPALITY_NAME}}</title></head><body><main id="main">Staff app</main></body></html>"#,
    )
    .unwrap();
    std::fs::write(
        dist.join("assets/app-0123456789abcdef.js"),
        "console.log('plain');",
    )
    .unwrap();
    std::fs::write(
        dist.join("assets/app-0123456789abcdef.js.br"),
        b"BROTLI-BYTES",
    )
    .unwrap();
    std::fs::write(
        dist.join("assets/app-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), r#"{"name":"Loket"}"#).unwrap();
}

async fn server(municipality: &str) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    write_dist(&dist);
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().join("data"),
        assets: dist,
        database_url: None,
        public_url: "http://testserver".into(),
        municipality: Municipality {
            name: municipality.into(),
            logo_url: "/icons/logo.svg".into(),
        },
        zgw_clients: vec![],
        demo_catalogue: false,
        portal_database_url: None,
        demo_login: true,
        oidc: None,
        external_zgw: None,
        uploads: Default::default(),
        staff_oidc: None,
    };
    let loket = Loket::start(&config).await.expect("server starts");
    TestServer {
        app: loket.app(),
        _dir: dir,
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or_default()
    }
}

async fn get(server: &TestServer, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = server
        .app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn deep_links_get_the_shell_with_the_municipality_filled_in() {
    let server = server("Gemeente <Test> & Co").await;
    for path in ["/", "/zaken", "/aanvragen/123/stap-2", "/index.html"] {
        let reply = get(&server, path, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(reply.header("cache-control"), "no-cache");
        let html = reply.text();
        assert!(
            html.contains("<header>Gemeente &lt;Test&gt; &amp; Co</header>"),
            "{html}"
        );
        assert!(html.contains(r#"content="/icons/logo.svg""#));
        assert!(!html.contains("{{"), "placeholders left in {path}");
    }
}

#[tokio::test]
async fn staff_pages_get_the_staff_app_and_the_rest_the_resident_app() {
    let server = server("Gemeente Voorbeeld").await;
    for path in ["/medewerker", "/medewerker/zaken/12", "/staff.html"] {
        let reply = get(&server, path, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("cache-control"), "no-cache");
        let html = reply.text();
        assert!(html.contains("Staff app"), "{path}: {html}");
        assert!(
            html.contains("Medewerkers Gemeente Voorbeeld"),
            "{path}: {html}"
        );
    }
    for path in ["/", "/medewerkers", "/zaken/12", "/index.html"] {
        let html = get(&server, path, &[]).await.text();
        assert!(!html.contains("Staff app"), "{path}: {html}");
        assert!(html.contains("Loket wordt geladen"), "{path}: {html}");
    }
    let br = get(&server, "/medewerker/zoeken", &[("accept-encoding", "br")]).await;
    assert_eq!(br.header("content-encoding"), "br");
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut br.body.as_slice(), &mut decoded).unwrap();
    assert!(String::from_utf8(decoded).unwrap().contains("Staff app"));
}

#[tokio::test]
async fn the_shell_is_compressed_when_the_browser_accepts_it() {
    let server = server("Gemeente Voorbeeld").await;
    let br = get(&server, "/", &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(br.header("content-encoding"), "br");
    assert_eq!(br.header("vary"), "accept-encoding");
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut br.body.as_slice(), &mut decoded).unwrap();
    assert!(String::from_utf8(decoded)
        .unwrap()
        .contains("Gemeente Voorbeeld"));
    let gzip = get(&server, "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.header("content-encoding"), "gzip");
    let plain = get(&server, "/", &[]).await;
    assert_eq!(plain.header("content-encoding"), "");
    assert!(plain.text().contains("Gemeente Voorbeeld"));
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let server = server("Gemeente Voorbeeld").await;
    let br = get(
        &server,
        "/assets/app-0123456789abcdef.js",
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(
        br.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(br.header("content-encoding"), "br");
    assert_eq!(br.body, b"BROTLI-BYTES");
    assert!(br.header("content-type").starts_with("text/javascript"));
    let plain = get(&server, "/assets/app-0123456789abcdef.js", &[]).await;
    assert_eq!(plain.text(), "console.log('plain');");
    let wasm = get(&server, "/assets/app-0123456789abcdef_bg.wasm", &[]).await;
    assert_eq!(wasm.header("content-type"), "application/wasm");
}

#[tokio::test]
async fn missing_files_are_404_not_the_shell() {
    let server = server("Gemeente Voorbeeld").await;
    assert_eq!(
        get(&server, "/assets/bestaat-niet.js", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&server, "/bestaat-niet.png", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let api = get(&server, "/api/bestaat-niet", &[]).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.header("content-type"), "application/json");
}

#[tokio::test]
async fn other_static_files_are_revalidated() {
    let server = server("Gemeente Voorbeeld").await;
    let manifest = get(&server, "/manifest.webmanifest", &[]).await;
    assert_eq!(manifest.status, StatusCode::OK);
    assert_eq!(manifest.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let server = server("Gemeente Voorbeeld").await;
    for path in [
        "/",
        "/assets/app-0123456789abcdef.js",
        "/bestaat-niet.png",
        "/healthz",
        "/zaken/api/v1/openapi.yaml",
    ] {
        let reply = get(&server, path, &[]).await;
        let csp = reply.header("content-security-policy");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(reply.header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{path}");
    }
}

#[tokio::test]
async fn health_and_readiness() {
    let server = server("Gemeente Voorbeeld").await;
    let live = get(&server, "/healthz", &[]).await;
    assert_eq!(live.status, StatusCode::OK);
    let ready = get(&server, "/readyz", &[]).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert!(ready.text().contains("ready"));
}

#[tokio::test]
async fn the_case_api_is_mounted_on_the_same_listener() {
    let server = server("Gemeente Voorbeeld").await;
    for root in ["/catalogi/api/v1", "/zaken/api/v1", "/documenten/api/v1"] {
        let reply = get(&server, &format!("{root}/openapi.yaml"), &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{root}");
        assert!(reply.text().starts_with("openapi:"));
    }
}

#[tokio::test]
async fn a_missing_build_is_a_clear_startup_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().join("data"),
        assets: dir.path().join("geen-dist"),
        database_url: None,
        public_url: "http://testserver".into(),
        municipality: Municipality {
            name: "X".into(),
            logo_url: "/x.svg".into(),
        },
        zgw_clients: vec![],
        demo_catalogue: false,
        portal_database_url: None,
        demo_login: true,
        oidc: None,
        external_zgw: None,
        uploads: Default::default(),
        staff_oidc: None,
    };
    let error = Loket::start(&config).await.err().expect("start fails");
    assert!(
        error.to_string().contains("scripts/build-web.sh"),
        "{error}"
    );
}

#[test]
fn header_value_sanity() {
    // The CSP must be a valid header value (no newlines from the multi-line literal).
    assert!(header::HeaderValue::from_str(loket_server::security::CONTENT_SECURITY_POLICY).is_ok());
}
