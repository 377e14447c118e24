//! DigiD login through OpenID Connect against a real provider: npm `oidc-provider` (an
//! OpenID-certified implementation) run locally with `end2end/support/oidc-provider.mjs`.
//! Needs `node` and `npm ci` (scripts/setup.sh does both).

mod common;

use std::process::Stdio;

use loket_api::SessionInfo;
use loket_server::config::OidcConfig;
use loket_server::Loket;
use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, BufReader};

struct Provider {
    issuer: String,
    _child: tokio::process::Child,
}

async fn free_port() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().port()
}

/// Starts the provider and waits until it says it listens.
async fn start_provider(redirect_uri: &str) -> Provider {
    let port = free_port().await;
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/support/oidc-provider.mjs"
    );
    let mut child = tokio::process::Command::new("node")
        .arg(script)
        .arg(port.to_string())
        .arg(redirect_uri)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("node must be installed (scripts/setup.sh)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next_line().await.unwrap() {
        if line.contains("listening on") {
            // Keep draining its output: a closed pipe would kill it at its next log line.
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return Provider {
                issuer: format!("http://127.0.0.1:{port}"),
                _child: child,
            };
        }
    }
    panic!("oidc-provider exited before listening (npm ci done?)");
}

/// Loket with resident login through the provider (the DigiD broker).
async fn start_loket(dir: &std::path::Path) -> (String, Provider) {
    start_loket_with(dir, "/api/session/oidc/callback", |config, issuer| {
        config.demo_login = false;
        config.oidc = Some(OidcConfig {
            issuer,
            client_id: "loket".into(),
            client_secret: "loket-oidc-geheim".into(),
            bsn_claim: "bsn".into(),
            scope: "openid".into(),
        });
    })
    .await
}

/// Loket on a free port with a provider whose client returns to `callback`; `configure`
/// gets the config and the provider's issuer.
async fn start_loket_with(
    dir: &std::path::Path,
    callback: &str,
    configure: impl FnOnce(&mut loket_server::config::Config, String),
) -> (String, Provider) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let base = format!("http://{address}");
    let provider = start_provider(&format!("{base}{callback}")).await;
    let mut config = common::config(dir, address);
    configure(&mut config, provider.issuer.clone());
    let loket = Loket::start(&config).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, loket.app()).await.unwrap() });
    (base, provider)
}

fn browser() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

/// The `action` of the (first) form on an HTML page, made absolute.
fn form_action(html: &str, origin: &str) -> String {
    let start = html
        .find("action=\"")
        .unwrap_or_else(|| panic!("no form in: {html}"))
        + "action=\"".len();
    let end = start + html[start..].find('"').unwrap();
    let action = html[start..end].replace("&amp;", "&");
    if action.starts_with("http") {
        action
    } else {
        format!("{origin}{action}")
    }
}

/// The hidden inputs of the page's form (`prompt=login`, `prompt=consent`).
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let start = tag.find(&key)? + key.len();
        Some(tag[start..start + tag[start..].find('"')?].to_owned())
    };
    html.split("<input")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .filter(|tag| tag.contains("type=\"hidden\""))
        .filter_map(|tag| Some((attr(tag, "name")?, attr(tag, "value")?)))
        .collect()
}

/// Submits the page's form with its hidden fields plus `extra`.
async fn submit_form(
    http: &reqwest::Client,
    html: &str,
    origin: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = hidden_fields(html);
    fields.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    http.post(form_action(html, origin))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn digid_login_through_the_oidc_broker_starts_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let (base, provider) = start_loket(dir.path()).await;
    let http = browser();

    let session: SessionInfo = http
        .get(format!("{base}/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(session.login.digid && !session.login.demo);

    // Off to the broker, log in as a test BSN, consent: back at Loket, on the page we came from.
    let landed = login_at_provider(
        &http,
        &format!("{base}/api/session/oidc/start?next=/mijn-aanvragen"),
        &provider,
        "999993653",
    )
    .await;
    assert_eq!(landed.url().as_str(), format!("{base}/mijn-aanvragen"));
    assert_eq!(landed.status(), StatusCode::OK);

    let session: SessionInfo = http
        .get(format!("{base}/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let resident = session.resident.expect("logged in");
    assert_eq!(resident.bsn_hint, "…653");
    let drafts = http.get(format!("{base}/api/drafts")).send().await.unwrap();
    assert_eq!(drafts.status(), StatusCode::OK);

    // The demo login is off when DigiD is configured.
    let demo = http
        .post(format!("{base}/api/session/demo"))
        .header("x-csrf-token", &session.csrf_token)
        .json(&serde_json::json!({"bsn": "999993653"}))
        .send()
        .await
        .unwrap();
    assert_eq!(demo.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_broker_account_without_a_valid_bsn_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (base, provider) = start_loket(dir.path()).await;
    let http = browser();
    let landed = login_at_provider(
        &http,
        &format!("{base}/api/session/oidc/start"),
        &provider,
        "123456789",
    )
    .await;
    assert_eq!(landed.url().as_str(), format!("{base}/inloggen?fout=digid"));
    let session: SessionInfo = http
        .get(format!("{base}/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(session.resident.is_none());
}

#[tokio::test]
async fn a_callback_with_a_foreign_or_replayed_state_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (base, _provider) = start_loket(dir.path()).await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // A callback this browser never started (login CSRF): refused.
    let response = no_redirects
        .get(format!(
            "{base}/api/session/oidc/callback?code=abc&state=forged"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/inloggen?fout=digid");
    // The resident cancelled at DigiD.
    let response = no_redirects
        .get(format!(
            "{base}/api/session/oidc/callback?error=access_denied&state=x"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/inloggen?fout=digid-geannuleerd"
    );
    // A start sets the state cookie and sends PKCE S256 to the broker.
    let response = no_redirects
        .get(format!(
            "{base}/api/session/oidc/start?next=https://evil.example/"
        ))
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.contains("code_challenge_method=S256") && location.contains("nonce="),
        "{location}"
    );
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("loket_oidc=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}

/// Loket with staff login through the provider (residents use the demo login here).
async fn start_loket_for_staff(dir: &std::path::Path) -> (String, Provider) {
    start_loket_with(dir, "/api/staff/session/oidc/callback", |config, issuer| {
        config.staff_oidc = Some(loket_server::config::StaffOidcConfig {
            issuer,
            client_id: "loket".into(),
            client_secret: "loket-oidc-geheim".into(),
            roles_claim: "roles".into(),
            scope: "openid".into(),
        });
    })
    .await
}

/// Follows `start_url` to the provider, logs in there as `account` and consents; returns
/// the page the browser landed on back at Loket.
async fn login_at_provider(
    http: &reqwest::Client,
    start_url: &str,
    provider: &Provider,
    account: &str,
) -> reqwest::Response {
    let page = http.get(start_url).send().await.unwrap();
    assert!(
        page.url().as_str().starts_with(&provider.issuer),
        "{}",
        page.url()
    );
    let html = page.text().await.unwrap();
    let consent = submit_form(
        http,
        &html,
        &provider.issuer,
        &[("login", account), ("password", "test")],
    )
    .await;
    let html = consent.text().await.unwrap();
    submit_form(http, &html, &provider.issuer, &[]).await
}

/// The staff login flow, back to the search page.
async fn staff_login(
    http: &reqwest::Client,
    base: &str,
    provider: &Provider,
    account: &str,
) -> reqwest::Url {
    let start = format!("{base}/api/staff/session/oidc/start?next=/medewerker/zoeken");
    login_at_provider(http, &start, provider, account)
        .await
        .url()
        .clone()
}

#[tokio::test]
async fn staff_log_in_with_the_organisations_provider_and_get_their_roles_from_a_claim() {
    let dir = tempfile::tempdir().unwrap();
    let (base, provider) = start_loket_for_staff(dir.path()).await;
    let http = browser();
    let info: loket_api::staff::StaffSessionInfo = http
        .get(format!("{base}/api/staff/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(info.oidc_login);

    let landed = staff_login(&http, &base, &provider, "j.jansen:kcc,onbekend").await;
    assert_eq!(landed.as_str(), format!("{base}/medewerker/zoeken"));
    let info: loket_api::staff::StaffSessionInfo = http
        .get(format!("{base}/api/staff/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let member = info.staff.expect("logged in as staff");
    assert_eq!(member.username, "oidc:j.jansen");
    assert_eq!(member.roles, [loket_api::staff::StaffRole::Kcc]);
    // The kcc role works; a behandelaar's action does not.
    let search = http
        .post(format!("{base}/api/staff/search"))
        .header("x-csrf-token", &info.csrf_token)
        .json(&serde_json::json!({"bsn": "999993653", "purpose": "Telefonische vraag"}))
        .send()
        .await
        .unwrap();
    assert_eq!(search.status(), StatusCode::OK);
    let work = http
        .post(format!("{base}/api/staff/access-log/search"))
        .header("x-csrf-token", &info.csrf_token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(work.status(), StatusCode::FORBIDDEN);
    // No password login for an OIDC account.
    let password = http
        .post(format!("{base}/api/staff/session"))
        .header("x-csrf-token", &info.csrf_token)
        .json(&serde_json::json!({"username": "oidc:j.jansen", "password": "!oidc"}))
        .send()
        .await
        .unwrap();
    assert_eq!(password.status(), StatusCode::UNAUTHORIZED);

    // Somebody the provider knows but without a Loket role is turned away.
    let other = browser();
    let landed = staff_login(&other, &base, &provider, "p.pietersen:").await;
    assert_eq!(landed.path(), "/medewerker/inloggen");
    assert_eq!(landed.query(), Some("fout=geen-rol"));
    let info: loket_api::staff::StaffSessionInfo = other
        .get(format!("{base}/api/staff/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(info.staff.is_none());
}
