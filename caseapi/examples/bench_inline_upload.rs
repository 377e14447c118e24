//! Upload throughput and memory of document content (BENCHMARKS.md, "Document upload").
//!
//! ```text
//! cargo run --release -p loket-caseapi --example bench_inline_upload -- [--mib N] [--dir DIR]
//! ```
//!
//! Opens the embedded provider on a fresh SQLite database and documents dir (under `--dir`,
//! default the system temp dir; removed afterwards) with the demo catalogue, then uploads N MiB
//! (default 1024) of pseudo-random content twice, each through the real handlers in-process
//! (`router()` + `oneshot`, no TCP):
//!
//! 1. inline: `POST /enkelvoudiginformatieobjecten` with the content as base64 in `inhoud`;
//! 2. in parts: `POST` with `bestandsomvang`, `PUT` of every bestandsdeel (multipart), `unlock`.
//!
//! Request bodies are generated chunk by chunk (about 1 MB each) while they are sent, so the
//! process never holds the file; base64 encoding of the generator runs on the same cores and
//! is included in the time. For each upload it prints the time, the throughput in MiB of file
//! per second and the growth of the peak RSS (`VmHWM`, reset through `/proc/self/clear_refs`)
//! over the RSS before, then checks the stored file by size and SHA-256 through `/download`.

use std::convert::Infallible;
use std::pin::Pin;
use std::process::ExitCode;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use base64::Engine;
use http_body_util::{BodyExt, Full};
use loket_caseapi::{CaseApi, ClientCredentials, Config};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

const CLIENT_ID: &str = "bench-upload";
const SECRET: &str = "bench-upload-secret";
const MIB: u64 = 1024 * 1024;

/// Deterministic pseudo-random content (xorshift), produced in pieces.
struct Content {
    state: u64,
    left: u64,
}

impl Content {
    fn new(size: u64) -> Content {
        Content {
            state: 0x9E37_79B9_7F4A_7C15,
            left: size,
        }
    }

    fn next(&mut self, max: usize) -> Option<Vec<u8>> {
        if self.left == 0 {
            return None;
        }
        let n = (max as u64).min(self.left) as usize;
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            out.extend_from_slice(&self.state.to_le_bytes());
        }
        out.truncate(n);
        self.left -= n as u64;
        Some(out)
    }

    /// (size, SHA-256) of `size` bytes from offset 0 of the sequence.
    fn digest(size: u64) -> (u64, String) {
        let mut content = Content::new(size);
        let mut hasher = Sha256::new();
        while let Some(piece) = content.next(1 << 20) {
            hasher.update(&piece);
        }
        (size, format!("{:x}", hasher.finalize()))
    }
}

type FrameResult =
    <http_body_util::combinators::Frame<'static, Full<Bytes>> as std::future::Future>::Output;

/// A request body made by a generator, one chunk per poll.
struct Generated(Box<dyn FnMut() -> Option<Bytes> + Send + Sync>);

impl HttpBody for Generated {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<FrameResult> {
        match (self.0)() {
            Some(chunk) => Pin::new(&mut Full::new(chunk)).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }
}

/// `prefix`, then the pieces of `middle`, then `suffix`, as a streamed body.
fn generated(
    prefix: Vec<u8>,
    mut middle: impl FnMut() -> Option<Vec<u8>> + Send + Sync + 'static,
    suffix: Vec<u8>,
) -> Body {
    let mut prefix = Some(prefix);
    let mut suffix = Some(suffix);
    Body::new(Generated(Box::new(move || {
        prefix
            .take()
            .or_else(&mut middle)
            .or_else(|| suffix.take())
            .map(Bytes::from)
    })))
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resets the peak RSS where allowed; the baseline in KiB.
fn peak_baseline() -> u64 {
    if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
        status_kib("VmRSS")
    } else {
        status_kib("VmHWM")
    }
}

struct Client {
    app: Router,
}

impl Client {
    fn token() -> String {
        zgw::jwt::sign(
            &zgw::jwt::Claims {
                iss: CLIENT_ID.into(),
                iat: chrono::Utc::now().timestamp(),
                client_id: CLIENT_ID.into(),
                user_id: "bench".into(),
                user_representation: "Bench".into(),
                exp: None,
            },
            SECRET.as_bytes(),
        )
    }

    async fn send(
        &self,
        method: Method,
        url: &str,
        content_type: &str,
        body: Body,
    ) -> Result<(StatusCode, Value), String> {
        let path = url.strip_prefix("http://bench").unwrap_or(url);
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {}", Client::token()))
            .header("content-type", content_type)
            .header("accept-crs", "EPSG:4326")
            .body(body)
            .map_err(|e| e.to_string())?;
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok((status, serde_json::from_slice(&bytes).unwrap_or_default()))
    }

    async fn json(&self, method: Method, url: &str, body: &Value) -> Result<Value, String> {
        let (status, reply) = self
            .send(
                method,
                url,
                "application/json",
                Body::from(body.to_string()),
            )
            .await?;
        if status.is_success() || status == StatusCode::NO_CONTENT {
            Ok(reply)
        } else {
            Err(format!("{url}: {status} {reply}"))
        }
    }

    async fn download_digest(&self, url: &str) -> Result<(u64, String), String> {
        let path = url.strip_prefix("http://bench").unwrap_or(url);
        let request = Request::builder()
            .uri(path)
            .header("authorization", format!("Bearer {}", Client::token()))
            .body(Body::empty())
            .map_err(|e| e.to_string())?;
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .map_err(|e| e.to_string())?;
        let mut body = response.into_body();
        let mut hasher = Sha256::new();
        let mut size = 0;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.map_err(|e| e.to_string())?.into_data() {
                size += data.len() as u64;
                hasher.update(&data);
            }
        }
        Ok((size, format!("{:x}", hasher.finalize())))
    }
}

fn report(what: &str, size: u64, seconds: f64, baseline: u64) {
    let growth = status_kib("VmHWM").saturating_sub(baseline) as f64 / 1024.0;
    println!(
        "{what}: {} MiB in {seconds:.2} s = {:.0} MiB/s of file; peak RSS growth {growth:.1} MiB \
         (RSS before {:.1} MiB)",
        size / MIB,
        size as f64 / MIB as f64 / seconds,
        baseline as f64 / 1024.0,
    );
}

async fn run(size: u64, dir: &std::path::Path) -> Result<(), String> {
    let api = CaseApi::open(Config {
        database_url: format!("sqlite://{}", dir.join("caseapi.sqlite3").display()),
        documents_dir: dir.join("documenten"),
        base_url: "http://bench".into(),
        clients: vec![ClientCredentials {
            client_id: CLIENT_ID.into(),
            secret: SECRET.into(),
        }],
        seed_demo_catalogue: true,
    })
    .await
    .map_err(|e| e.to_string())?;
    let client = Client { app: api.router() };
    let types = client
        .json(
            Method::GET,
            "/catalogi/api/v1/informatieobjecttypen",
            &Value::Null,
        )
        .await?;
    let iot = types["results"]
        .as_array()
        .and_then(|all| all.iter().find(|t| t["concept"] == json!(false)))
        .and_then(|t| t["url"].as_str())
        .ok_or("no published informatieobjecttype in the demo catalogue")?
        .to_owned();
    let fields = json!({
        "bronorganisatie": "002220647",
        "creatiedatum": "2026-11-29",
        "titel": "Benchmark",
        "auteur": "bench",
        "taal": "dut",
        "informatieobjecttype": iot,
        "bestandsnaam": "bench.bin",
        "formaat": "application/octet-stream",
    });
    let expected = Content::digest(size);
    let collection = "/documenten/api/v1/enkelvoudiginformatieobjecten";

    // 1. Inline.
    let mut content = Content::new(size);
    let rest = fields.to_string();
    let body = generated(
        b"{\"inhoud\": \"".to_vec(),
        move || {
            content.next(3 * 256 * 1024).map(|raw| {
                base64::engine::general_purpose::STANDARD
                    .encode(raw)
                    .into_bytes()
            })
        },
        format!("\", {}", &rest[1..]).into_bytes(),
    );
    let baseline = peak_baseline();
    let started = Instant::now();
    let (status, doc) = client
        .send(Method::POST, collection, "application/json", body)
        .await?;
    let seconds = started.elapsed().as_secs_f64();
    if status != StatusCode::CREATED {
        return Err(format!("inline upload: {status} {doc}"));
    }
    report("inline (base64 in JSON)", size, seconds, baseline);
    let stored = client
        .download_digest(doc["inhoud"].as_str().unwrap_or_default())
        .await?;
    if stored != expected {
        return Err(format!("inline: stored {stored:?}, expected {expected:?}"));
    }

    // 2. In parts.
    let mut create = fields.clone();
    create["bestandsomvang"] = json!(size);
    let baseline = peak_baseline();
    let started = Instant::now();
    let doc = client.json(Method::POST, collection, &create).await?;
    let lock = doc["lock"].as_str().unwrap_or_default().to_owned();
    // One content sequence, continued part after part.
    let content = std::sync::Arc::new(std::sync::Mutex::new(Content::new(size)));
    let boundary = "bench-boundary";
    for part in doc["bestandsdelen"].as_array().cloned().unwrap_or_default() {
        let mut left = part["omvang"].as_u64().unwrap_or_default();
        let content = content.clone();
        let body = generated(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n{lock}\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"deel\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .into_bytes(),
            move || {
                if left == 0 {
                    return None;
                }
                let chunk = content
                    .lock()
                    .expect("content lock")
                    .next((1 << 20).min(left as usize))?;
                left -= chunk.len() as u64;
                Some(chunk)
            },
            format!("\r\n--{boundary}--\r\n").into_bytes(),
        );
        let (status, reply) = client
            .send(
                Method::PUT,
                part["url"].as_str().unwrap_or_default(),
                &format!("multipart/form-data; boundary={boundary}"),
                body,
            )
            .await?;
        if status != StatusCode::OK {
            return Err(format!("part upload: {status} {reply}"));
        }
    }
    let url = doc["url"].as_str().unwrap_or_default().to_owned();
    client
        .json(
            Method::POST,
            &format!("{url}/unlock"),
            &json!({"lock": lock}),
        )
        .await?;
    let seconds = started.elapsed().as_secs_f64();
    report(
        &format!(
            "bestandsdelen ({} parts of ≤ {} MiB, unlock assembles)",
            doc["bestandsdelen"].as_array().map_or(0, Vec::len),
            loket_caseapi::documenten::DEFAULT_PART_SIZE / MIB
        ),
        size,
        seconds,
        baseline,
    );
    let stored = client.download_digest(&format!("{url}/download")).await?;
    if stored != expected {
        return Err(format!("parts: stored {stored:?}, expected {expected:?}"));
    }
    println!(
        "both stored files checked: {} bytes, sha256 {}",
        expected.0, expected.1
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut mib = 1024u64;
    let mut dir = std::env::temp_dir();
    let mut i = 0;
    while i < args.len() {
        match (args[i].as_str(), args.get(i + 1)) {
            ("--mib", Some(value)) => match value.parse() {
                Ok(n) => mib = n,
                Err(_) => {
                    eprintln!("--mib takes a number");
                    return ExitCode::from(2);
                }
            },
            ("--dir", Some(value)) => dir = value.into(),
            _ => {
                eprintln!("usage: bench_inline_upload [--mib N] [--dir DIR]");
                return ExitCode::from(2);
            }
        }
        i += 2;
    }
    let work = match tempfile::tempdir_in(&dir) {
        Ok(work) => work,
        Err(e) => {
            eprintln!("cannot create a work dir in {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match runtime.block_on(run(mib * MIB, work.path())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_inline_upload: {message}");
            ExitCode::FAILURE
        }
    }
}
