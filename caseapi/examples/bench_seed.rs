//! Seeds the embedded case API with a benchmark data set and mints tokens for the load tool
//! (`scripts/bench-caseapi.sh` drives it; see BENCHMARKS.md, "Case API at 1,000,000 zaken").
//!
//! ```text
//! bench_seed seed  --data-dir DIR --base-url URL [--database-url URL] [--zaken N]
//!                  [--bsns M] [--concurrency C]
//! bench_seed token --client ID --secret SECRET
//! bench_seed bsns  --bsns M [--zaken N]          (prints the seeded BSNs, one a line)
//! bench_seed zaaktype --data-dir DIR --base-url URL   (prints a published zaaktype URL)
//! ```
//!
//! `seed` opens the provider exactly as `loket serve` does for that data dir (same database
//! file, same base URL, demo catalogue seeded when empty) and creates, for zaak number `i`, a
//! zaak, its initiator rol (`natuurlijk_persoon` with BSN number `i % M`) and its first status,
//! each through the real API handlers in-process (`router()` + `oneshot`) with a JWT of a
//! configured client. Going through the handlers rather than writing rows keeps every rule the
//! API enforces (validation, derived fields, identificatie counter, audit trail) in the cost we
//! measure and in the data we query afterwards.
//!
//! It is resumable: `bench-seed.progress` in the data dir holds the number below which every
//! zaak is complete and the number of the next zaak not yet started; on restart the numbers
//! between the two (those that may have been in flight or done) are checked through the BSN
//! filter before being created again. `bench-seed.done` is written
//! when the whole set exists, so a second run returns at once. Timing per request type is
//! printed with the progress, so a slow phase shows where the time goes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use loket_caseapi::{CaseApi, ClientCredentials, Config};
use serde_json::{json, Value};
use tower::ServiceExt;

/// The client the seeder calls the API as (any configured client may write).
const CLIENT_ID: &str = "bench-seed";
/// RSIN of the demo catalogue's municipality (passes the 11-proef).
const RSIN: &str = "002220647";
/// First 8-digit BSN prefix; the check digit is the ninth. Deterministic, so the load tool can
/// list the same set without reading the database.
const FIRST_BSN_PREFIX: u64 = 10_000_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first().cloned() else {
        eprintln!("usage: bench_seed seed|token|bsns|zaaktype [--flag value]…");
        return ExitCode::from(2);
    };
    let flags = match Flags::parse(&args[1..]) {
        Ok(flags) => flags,
        Err(message) => {
            eprintln!("bench_seed: {message}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "token" => token_command(&flags),
        "bsns" => bsns_command(&flags),
        "seed" | "zaaktype" => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|runtime| {
                runtime.block_on(async {
                    if command == "seed" {
                        seed_command(&flags).await
                    } else {
                        zaaktype_command(&flags).await
                    }
                })
            }),
        other => Err(format!("unknown command '{other}'")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_seed: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs.
struct Flags(Vec<(String, String)>);

impl Flags {
    fn parse(args: &[String]) -> Result<Flags, String> {
        let mut pairs = Vec::new();
        let mut iter = args.iter();
        while let Some(name) = iter.next() {
            let name = name
                .strip_prefix("--")
                .ok_or_else(|| format!("expected --flag, got '{name}'"))?;
            let value = iter
                .next()
                .ok_or_else(|| format!("--{name} needs a value"))?;
            pairs.push((name.to_owned(), value.clone()));
        }
        Ok(Flags(pairs))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        self.get(name)
            .ok_or_else(|| format!("--{name} is required"))
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .replace('_', "")
                .parse()
                .map_err(|_| format!("--{name} must be a number, got '{v}'")),
        }
    }
}

/// A fresh HS256 token; the provider refuses tokens older than an hour, so long runs mint
/// new ones rather than reuse one.
fn token(client_id: &str, secret: &str) -> String {
    zgw::jwt::sign(
        &zgw::jwt::Claims {
            iss: client_id.into(),
            iat: chrono::Utc::now().timestamp(),
            client_id: client_id.into(),
            user_id: "bench".into(),
            user_representation: "Benchmark".into(),
            exp: None,
        },
        secret.as_bytes(),
    )
}

fn token_command(flags: &Flags) -> Result<(), String> {
    println!(
        "{}",
        token(flags.required("client")?, flags.required("secret")?)
    );
    Ok(())
}

/// The `n`-th valid BSN (0-based): 8-digit prefixes from [`FIRST_BSN_PREFIX`] upward, each
/// completed with the check digit of the 11-proef; prefixes whose check digit would be 10 are
/// skipped. Sequential, so numbers are distinct.
fn bsns(count: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(count);
    let mut prefix = FIRST_BSN_PREFIX;
    while out.len() < count {
        let digits: Vec<u64> = format!("{prefix:08}")
            .bytes()
            .map(|b| u64::from(b - b'0'))
            .collect();
        // 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11), so d9 = weighted sum mod 11.
        let sum: u64 = digits.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
        let check = sum % 11;
        if check < 10 {
            out.push(format!("{prefix:08}{check}"));
        }
        prefix += 1;
    }
    out
}

fn valid_bsn(bsn: &str) -> bool {
    let digits: Vec<i64> = bsn.bytes().map(|b| i64::from(b - b'0')).collect();
    digits.len() == 9
        && bsn.bytes().all(|b| b.is_ascii_digit())
        && digits
            .iter()
            .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
            .map(|(d, w)| d * w)
            .sum::<i64>()
            % 11
            == 0
}

fn bsns_command(flags: &Flags) -> Result<(), String> {
    let bsn_count = flags.number("bsns", 200_000)?;
    let zaken = flags.number("zaken", u64::MAX)?;
    // Only BSNs that own at least one zaak: zaak i belongs to BSN i % M.
    let count = bsn_count.min(zaken) as usize;
    let mut out = String::with_capacity(count * 10);
    for bsn in bsns(count) {
        out.push_str(&bsn);
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// The provider, opened as `loket serve` opens it for the same data dir.
struct Provider {
    app: Router,
    secret: String,
    base_url: String,
}

impl Provider {
    async fn open(flags: &Flags) -> Result<(Provider, PathBuf), String> {
        let data_dir = PathBuf::from(flags.required("data-dir")?);
        std::fs::create_dir_all(&data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
        let base_url = flags.required("base-url")?.trim_end_matches('/').to_owned();
        let database_url = flags.get("database-url").map_or_else(
            // The server's default (server/src/config.rs): a SQLite file in the data dir.
            || format!("sqlite://{}", data_dir.join("loket.sqlite3").display()),
            str::to_owned,
        );
        // The secret only lives in this process: the seeder calls the handlers in-process.
        let secret = uuid::Uuid::new_v4().simple().to_string();
        let api = CaseApi::open(Config {
            database_url,
            documents_dir: data_dir.join("documenten"),
            base_url: base_url.clone(),
            clients: vec![ClientCredentials {
                client_id: CLIENT_ID.into(),
                secret: secret.clone(),
            }],
            // As `loket serve` does by default, so the server later finds the same catalogue.
            seed_demo_catalogue: true,
        })
        .await
        .map_err(|e| format!("opening the provider: {e}"))?;
        Ok((
            Provider {
                app: api.router(),
                secret,
                base_url,
            },
            data_dir,
        ))
    }

    /// One request through the real router; `Err` carries status and body when the answer is
    /// not `expect`.
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        expect: StatusCode,
    ) -> Result<Value, String> {
        let path = path.strip_prefix(&self.base_url).unwrap_or(path);
        let mut request = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(
                "authorization",
                format!("Bearer {}", token(CLIENT_ID, &self.secret)),
            )
            .header("accept-crs", "EPSG:4326");
        if body.is_some() {
            request = request
                .header("content-type", "application/json")
                .header("content-crs", "EPSG:4326");
        }
        let request = request
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
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
        let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status == expect {
            Ok(json)
        } else {
            Err(format!(
                "{method} {path}: {status} {}",
                String::from_utf8_lossy(&bytes)
            ))
        }
    }

    async fn get(&self, path: &str) -> Result<Value, String> {
        self.call(Method::GET, path, None, StatusCode::OK).await
    }

    async fn create(&self, path: &str, body: &Value) -> Result<Value, String> {
        self.call(Method::POST, path, Some(body), StatusCode::CREATED)
            .await
    }
}

/// A published, external zaaktype with what a zaak of it needs.
#[derive(Debug, Clone)]
struct Zaaktype {
    url: String,
    initiator_roltype: String,
    first_statustype: String,
}

/// The published zaaktypen meant for residents (`indicatieInternOfExtern = extern`), as the
/// portal would pick them, with their initiator roltype and first statustype.
async fn zaaktypen(provider: &Provider) -> Result<Vec<Zaaktype>, String> {
    let list = provider.get("/catalogi/api/v1/zaaktypen").await?;
    let mut out = Vec::new();
    for zaaktype in list["results"].as_array().into_iter().flatten() {
        if zaaktype["indicatieInternOfExtern"] != "extern" {
            continue;
        }
        let url = zaaktype["url"].as_str().unwrap_or_default().to_owned();
        let roltypen = provider
            .get(&format!(
                "/catalogi/api/v1/roltypen?zaaktype={url}&omschrijvingGeneriek=initiator"
            ))
            .await?;
        let statustypen = provider
            .get(&format!("/catalogi/api/v1/statustypen?zaaktype={url}"))
            .await?;
        let initiator = roltypen["results"][0]["url"].as_str();
        let first = statustypen["results"]
            .as_array()
            .into_iter()
            .flatten()
            .min_by_key(|s| s["volgnummer"].as_i64().unwrap_or(i64::MAX))
            .and_then(|s| s["url"].as_str());
        if let (Some(initiator), Some(first)) = (initiator, first) {
            out.push(Zaaktype {
                url,
                initiator_roltype: initiator.to_owned(),
                first_statustype: first.to_owned(),
            });
        }
    }
    if out.is_empty() {
        return Err(
            "no published external zaaktype with an initiator roltype and statustypen; \
                    is the demo catalogue there?"
                .into(),
        );
    }
    Ok(out)
}

async fn zaaktype_command(flags: &Flags) -> Result<(), String> {
    let (provider, _) = Provider::open(flags).await?;
    let zaaktypen = zaaktypen(&provider).await?;
    println!("{}", zaaktypen[0].url);
    Ok(())
}

/// What zaak number `i` looks like: deterministic, so a resumed run recreates the same set.
struct Plan<'a> {
    bsns: &'a [String],
    zaaktypen: &'a [Zaaktype],
}

impl Plan<'_> {
    fn bsn(&self, i: u64) -> &str {
        &self.bsns[(i % self.bsns.len() as u64) as usize]
    }

    fn zaaktype(&self, i: u64) -> &Zaaktype {
        &self.zaaktypen[(i % self.zaaktypen.len() as u64) as usize]
    }

    /// Spread over 2024-01-01 … 2026-09-26, so `ordering=-startdatum` has something to sort.
    fn startdatum(i: u64) -> String {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date")
            + chrono::Days::new((i * 7919) % 1000);
        day.format("%Y-%m-%d").to_string()
    }

    fn omschrijving(i: u64) -> String {
        format!("Benchmarkzaak {i}")
    }
}

/// Accumulated time and count per request type, to see where seeding time goes.
#[derive(Default)]
struct Phase {
    nanos: AtomicU64,
    count: AtomicU64,
}

impl Phase {
    fn add(&self, took: Duration) {
        self.nanos
            .fetch_add(took.as_nanos() as u64, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    fn mean_ms(&self) -> f64 {
        let count = self.count.load(Ordering::Relaxed).max(1);
        self.nanos.load(Ordering::Relaxed) as f64 / count as f64 / 1e6
    }
}

#[derive(Default)]
struct Phases {
    zaak: Phase,
    rol: Phase,
    status: Phase,
    check: Phase,
}

/// Which zaak numbers are complete (everything below `watermark`, plus `above`) and which may
/// have been started (everything below `reserved`). `reserved` is saved before any number
/// below it is handed out, so after a crash the saved pair brackets every zaak that may exist
/// beyond the watermark.
struct Progress {
    file: PathBuf,
    total: u64,
    next: u64,
    reserved: u64,
    watermark: u64,
    above: BTreeSet<u64>,
}

/// How many numbers are reserved at a time (one small file write per block).
const RESERVE_BLOCK: u64 = 1_000;

impl Progress {
    /// The next zaak number to seed, or `None` when all are handed out.
    fn take(&mut self) -> Result<Option<u64>, String> {
        if self.next >= self.total {
            return Ok(None);
        }
        if self.next >= self.reserved {
            self.reserved = (self.next + RESERVE_BLOCK).min(self.total);
            self.save()?;
        }
        self.next += 1;
        Ok(Some(self.next - 1))
    }

    fn complete(&mut self, i: u64) {
        self.above.insert(i);
        while self.above.remove(&self.watermark) {
            self.watermark += 1;
        }
    }

    fn save(&self) -> Result<(), String> {
        std::fs::write(&self.file, format!("{} {}", self.watermark, self.reserved))
            .map_err(|e| format!("{}: {e}", self.file.display()))
    }
}

fn read_number(path: &Path) -> u64 {
    read_numbers(path).first().copied().unwrap_or(0)
}

/// The whitespace-separated numbers in a small state file (none when it is missing).
fn read_numbers(path: &Path) -> Vec<u64> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect()
}

async fn timed<T>(
    phase: &Phase,
    work: impl std::future::Future<Output = Result<T, String>>,
) -> Result<T, String> {
    let start = Instant::now();
    let result = work.await;
    phase.add(start.elapsed());
    result
}

/// Creates zaak `i` with its initiator rol and first status. With `check`, first looks for it
/// through the BSN filter (it may exist from an interrupted run) and only adds what is missing.
async fn seed_one(
    provider: &Provider,
    plan: &Plan<'_>,
    phases: &Phases,
    i: u64,
    check: bool,
) -> Result<(), String> {
    let bsn = plan.bsn(i);
    let zaaktype = plan.zaaktype(i);
    let omschrijving = Plan::omschrijving(i);
    let startdatum = Plan::startdatum(i);
    if check {
        // A zaak found by BSN already has its rol; it may lack only its status. A crash between
        // the zaak and its rol leaves a zaak without rol, which no BSN query returns: harmless
        // for the benchmark, and counted in the final total.
        let found = timed(
            &phases.check,
            provider.get(&format!(
                "/zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={bsn}"
            )),
        )
        .await?;
        let existing = found["results"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|z| z["omschrijving"] == omschrijving.as_str());
        if let Some(zaak) = existing {
            if zaak["status"].is_null() {
                let url = zaak["url"].as_str().unwrap_or_default();
                add_status(provider, phases, zaaktype, url, &startdatum).await?;
            }
            return Ok(());
        }
    }
    let zaak = timed(
        &phases.zaak,
        provider.create(
            "/zaken/api/v1/zaken",
            &json!({
                "bronorganisatie": RSIN,
                "verantwoordelijkeOrganisatie": RSIN,
                "zaaktype": zaaktype.url,
                "startdatum": startdatum,
                "omschrijving": omschrijving,
                "toelichting": "Aangemaakt door bench_seed",
            }),
        ),
    )
    .await?;
    let url = zaak["url"]
        .as_str()
        .ok_or("zaak answer without url")?
        .to_owned();
    timed(
        &phases.rol,
        provider.create(
            "/zaken/api/v1/rollen",
            &json!({
                "zaak": url,
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": zaaktype.initiator_roltype,
                "roltoelichting": "Aanvrager via portaal",
                "betrokkeneIdentificatie": {
                    "inpBsn": bsn,
                    "geslachtsnaam": "Jansen",
                    "voorletters": "J",
                    "voornamen": "Jan",
                    "voorvoegselGeslachtsnaam": "",
                },
            }),
        ),
    )
    .await?;
    add_status(provider, phases, zaaktype, &url, &startdatum).await
}

async fn add_status(
    provider: &Provider,
    phases: &Phases,
    zaaktype: &Zaaktype,
    zaak: &str,
    startdatum: &str,
) -> Result<(), String> {
    timed(
        &phases.status,
        provider.create(
            "/zaken/api/v1/statussen",
            &json!({
                "zaak": zaak,
                "statustype": zaaktype.first_statustype,
                "datumStatusGezet": format!("{startdatum}T09:00:00Z"),
                "statustoelichting": "Aanvraag ontvangen",
            }),
        ),
    )
    .await
    .map(drop)
}

async fn seed_command(flags: &Flags) -> Result<(), String> {
    let total = flags.number("zaken", 1_000_000)?;
    let bsn_count = flags.number("bsns", 200_000)?.max(1);
    let concurrency = flags.number("concurrency", 16)?.max(1);
    let (provider, data_dir) = Provider::open(flags).await?;
    let done_file = data_dir.join("bench-seed.done");
    let progress_file = data_dir.join("bench-seed.progress");

    let already = read_number(&done_file);
    if already >= total {
        println!(
            "bench_seed: {already} zaken already seeded in {}",
            data_dir.display()
        );
        return Ok(());
    }
    // `watermark reserved`: below the watermark all is complete; from `reserved` on nothing
    // was started; between them a previous run may have left zaken, so those are checked first.
    let saved = read_numbers(&progress_file);
    let start_at = saved.first().copied().unwrap_or(0).min(total);
    let uncertain_until = saved.get(1).copied().unwrap_or(start_at).min(total);

    let bsns = bsns(bsn_count as usize);
    debug_assert!(bsns.iter().all(|b| valid_bsn(b)));
    let zaaktypen = zaaktypen(&provider).await?;
    println!(
        "bench_seed: zaken {start_at}..{total} over {bsn_count} BSNs and {} zaaktypen, {concurrency} tasks{}",
        zaaktypen.len(),
        if start_at > 0 { " (resuming)" } else { "" }
    );

    let provider = Arc::new(provider);
    let plan_bsns = Arc::new(bsns);
    let plan_zaaktypen = Arc::new(zaaktypen);
    let phases = Arc::new(Phases::default());
    let failed = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(Mutex::new(Progress {
        file: progress_file.clone(),
        total,
        next: start_at,
        reserved: start_at,
        watermark: start_at,
        above: BTreeSet::new(),
    }));
    let started = Instant::now();

    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (provider, plan_bsns, plan_zaaktypen) =
            (provider.clone(), plan_bsns.clone(), plan_zaaktypen.clone());
        let (phases, failed, progress) = (phases.clone(), failed.clone(), progress.clone());
        tasks.push(tokio::spawn(async move {
            let plan = Plan {
                bsns: &plan_bsns,
                zaaktypen: &plan_zaaktypen,
            };
            while !failed.load(Ordering::Relaxed) {
                let taken = progress.lock().expect("not poisoned").take();
                let i = match taken {
                    Ok(Some(i)) => i,
                    Ok(None) => break,
                    Err(message) => {
                        failed.store(true, Ordering::Relaxed);
                        return Err(message);
                    }
                };
                let check = i < uncertain_until;
                if let Err(message) = seed_one(&provider, &plan, &phases, i, check).await {
                    failed.store(true, Ordering::Relaxed);
                    return Err(format!("zaak {i}: {message}"));
                }
                progress.lock().expect("not poisoned").complete(i);
            }
            Ok(())
        }));
    }

    // Progress reporter: prints rate and per-request means, and saves the watermark.
    let reporter = {
        let (phases, progress) = (phases.clone(), progress.clone());
        tokio::spawn(async move {
            let mut last = (Instant::now(), start_at);
            loop {
                tokio::time::sleep(Duration::from_secs(10)).await;
                let watermark = {
                    let progress = progress.lock().expect("not poisoned");
                    // Best effort: the reservation write in `take` is the one that must succeed.
                    let _ = progress.save();
                    progress.watermark
                };
                let now = Instant::now();
                let rate = (watermark - last.1) as f64 / now.duration_since(last.0).as_secs_f64();
                let overall =
                    (watermark - start_at) as f64 / started.elapsed().as_secs_f64().max(1e-9);
                let eta = (total - watermark) as f64 / overall.max(1e-9);
                println!(
                    "bench_seed: {watermark}/{total} zaken, {rate:.0}/s now, {overall:.0}/s overall, \
                     ETA {:.0} min; mean ms per request: zaak {:.2}, rol {:.2}, status {:.2}",
                    eta / 60.0,
                    phases.zaak.mean_ms(),
                    phases.rol.mean_ms(),
                    phases.status.mean_ms(),
                );
                last = (now, watermark);
            }
        })
    };

    let mut first_error = None;
    for task in tasks {
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err(message)) => {
                first_error.get_or_insert(message);
            }
            Err(join) => {
                first_error.get_or_insert(join.to_string());
            }
        }
    }
    reporter.abort();
    let watermark = {
        let progress = progress.lock().expect("not poisoned");
        progress.save()?;
        progress.watermark
    };
    let elapsed = started.elapsed().as_secs_f64();
    let seeded = watermark - start_at;
    println!(
        "bench_seed: {seeded} zaken (each with rol and status) in {elapsed:.1} s = {:.0} zaken/s \
         = {:.0} requests/s; mean ms per request: zaak {:.2}, rol {:.2}, status {:.2}, \
         resume check {:.2} ({} checks)",
        seeded as f64 / elapsed.max(1e-9),
        3.0 * seeded as f64 / elapsed.max(1e-9),
        phases.zaak.mean_ms(),
        phases.rol.mean_ms(),
        phases.status.mean_ms(),
        phases.check.mean_ms(),
        phases.check.count.load(Ordering::Relaxed),
    );
    if let Some(message) = first_error {
        return Err(format!(
            "stopped at {watermark} complete zaken (run again to resume): {message}"
        ));
    }
    let count = provider.get("/zaken/api/v1/zaken").await?["count"].clone();
    std::fs::write(&done_file, total.to_string())
        .map_err(|e| format!("{}: {e}", done_file.display()))?;
    println!(
        "bench_seed: done: {total} zaken seeded; the Zaken API counts {count} zaken in {}",
        data_dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsns_are_distinct_and_pass_the_11_proef() {
        let list = bsns(20_000);
        assert!(list.iter().all(|b| valid_bsn(b)));
        let distinct: BTreeSet<&String> = list.iter().collect();
        assert_eq!(distinct.len(), list.len());
        assert!(valid_bsn("999993653"));
        assert!(!valid_bsn("999993654"));
    }
}
