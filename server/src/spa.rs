//! Serving the single-page app from the built `dist/` folder.
//!
//! - `/assets/*` holds only content-hashed files: cached for a year as `immutable`, served
//!   from their precompressed `.br`/`.gz` siblings when the browser accepts those.
//! - Other files (manifest, icons) are served `no-cache` so a new deployment shows at once.
//! - Every other path without a file extension is a client-side route (deep link): it gets
//!   the page of the app that owns it — `staff.html` (the staff app) for `/medewerker/…`,
//!   `index.html` (the resident app) for the rest — so residents never download the staff
//!   code. The municipality placeholders are filled in, and the pages compressed, once at
//!   startup.
//! - Unknown `/api/…` paths answer a JSON 404, never the HTML shell.

use std::io::Write;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use loket_api::staff::is_staff_page;
use serde_json::json;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::config::Municipality;
use crate::{Loket, StartError};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

/// The loaded SPA: where its files are and its two ready-to-send pages.
pub struct Spa {
    root: PathBuf,
    resident_page: Page,
    staff_page: Page,
}

impl Spa {
    /// Reads `<assets>/index.html` and `<assets>/staff.html` and fills in the municipality.
    /// Fails with a clear message when the SPA has not been built.
    pub fn load(assets: &Path, municipality: &Municipality) -> Result<Spa, StartError> {
        Ok(Spa {
            root: assets.to_owned(),
            resident_page: Page::load(&assets.join("index.html"), municipality)?,
            staff_page: Page::load(&assets.join("staff.html"), municipality)?,
        })
    }
}

/// An HTML page of the SPA, filled in and precompressed.
struct Page {
    plain: Vec<u8>,
    brotli: Vec<u8>,
    gzip: Vec<u8>,
}

impl Page {
    fn load(path: &Path, municipality: &Municipality) -> Result<Page, StartError> {
        let template = std::fs::read_to_string(path).map_err(|e| {
            StartError::Assets(format!(
                "cannot read {} ({e}); build the app first with scripts/build-web.sh",
                path.display()
            ))
        })?;
        let plain = fill_placeholders(&template, municipality).into_bytes();
        Ok(Page {
            brotli: brotli_compress(&plain),
            gzip: gzip_compress(&plain),
            plain,
        })
    }

    /// The page in the best encoding the request accepts.
    fn response(&self, request_headers: &HeaderMap) -> Response {
        let accepts = |encoding: &str| {
            request_headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|part| {
                    let mut pieces = part.trim().split(';');
                    pieces.next() == Some(encoding)
                        && !pieces.any(|p| p.trim().replace(' ', "") == "q=0")
                })
        };
        let (body, encoding) = if accepts("br") {
            (self.brotli.clone(), Some("br"))
        } else if accepts("gzip") {
            (self.gzip.clone(), Some("gzip"))
        } else {
            (self.plain.clone(), None)
        };
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

/// Replaces `{{MUNICIPALITY_NAME}}` and `{{MUNICIPALITY_LOGO}}` (HTML-escaped: both appear in
/// text and in attributes).
pub fn fill_placeholders(template: &str, municipality: &Municipality) -> String {
    template
        .replace("{{MUNICIPALITY_NAME}}", &escape_html(&municipality.name))
        .replace(
            "{{MUNICIPALITY_LOGO}}",
            &escape_html(&municipality.logo_url),
        )
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn brotli_compress(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(data).expect("writing to memory");
    }
    out
}

fn gzip_compress(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub fn router() -> Router<Loket> {
    Router::new()
        .route("/assets/{*path}", get(asset))
        .fallback(page_or_file)
}

/// A content-hashed asset.
async fn asset(State(loket): State<Loket>, request: Request) -> Response {
    serve_file(&loket.spa.root, request, IMMUTABLE).await
}

/// A client-side route (gets its app's page) or a top-level static file.
async fn page_or_file(State(loket): State<Loket>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"code": "not_found", "message": "Onbekend adres in de portaal-API."})),
        )
            .into_response();
    }
    if path == "/staff.html" || is_staff_page(path) {
        return loket.spa.staff_page.response(request.headers());
    }
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    if path == "/index.html" || !last_segment.contains('.') {
        return loket.spa.resident_page.response(request.headers());
    }
    serve_file(&loket.spa.root, request, NO_CACHE).await
}

async fn serve_file(root: &Path, request: Request, cache_control: &'static str) -> Response {
    let service = ServeDir::new(root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let response = match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(infallible) => match infallible {},
    };
    let mut response = response.into_response();
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
    }
    response
}
