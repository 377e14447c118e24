//! `loket`: the command line of the Loket server.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use loket_server::config::{
    Config, ExternalZgw, Municipality, OidcConfig, StaffOidcConfig, UploadConfig,
};
use loket_server::Loket;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "loket",
    version,
    about = "Loket: het zaakportaal van de gemeente"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal, its API and the embedded ZGW case API.
    Serve(Box<ServeArgs>),
    /// Manage staff accounts (KCC, behandelaars, auditors) of the embedded login.
    #[command(subcommand)]
    Staff(StaffCommand),
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create or replace an account. The password is read from the first line of standard
    /// input (or LOKET_STAFF_PASSWORD), never from a flag: flags end up in shell history.
    Add(StaffAddArgs),
}

#[derive(Args)]
struct StaffAddArgs {
    /// Login name (stored in lower case).
    #[arg(long)]
    username: String,
    /// Name shown in the portal and in audit trails.
    #[arg(long)]
    name: String,
    /// Role: kcc, behandelaar or auditor (repeat for several).
    #[arg(long = "role", required = true)]
    roles: Vec<String>,
    #[arg(long, env = "LOKET_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    #[arg(long, env = "LOKET_PORTAL_DATABASE_URL", hide_env_values = true)]
    portal_database_url: Option<String>,
}

/// Shortest staff password accepted.
const MIN_PASSWORD_CHARS: usize = 12;

async fn staff_add(args: StaffAddArgs) -> Result<(), String> {
    let roles = args
        .roles
        .iter()
        .map(|r| {
            loket_api::staff::StaffRole::parse(r)
                .ok_or_else(|| format!("unknown role '{r}' (kcc, behandelaar, auditor)"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let password = match std::env::var("LOKET_STAFF_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!(
                "Wachtwoord voor {} (één regel op standaardinvoer):",
                args.username
            );
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "password too short (at least {MIN_PASSWORD_CHARS} characters)"
        ));
    }
    std::fs::create_dir_all(&args.data_dir).map_err(|e| e.to_string())?;
    let url = args.portal_database_url.unwrap_or_else(|| {
        format!(
            "sqlite://{}",
            args.data_dir.join("portal.sqlite3").display()
        )
    });
    let store = loket_server::portal::store::PortalStore::open(&url)
        .await
        .map_err(|e| e.to_string())?;
    let username = args.username.trim().to_lowercase();
    loket_server::staff::store::StaffStore::new(store)
        .put_account(&username, args.name.trim(), &password, &roles)
        .await
        .map_err(|e| e.to_string())?;
    println!("Medewerker {username} opgeslagen.");
    Ok(())
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "LOKET_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Folder for the database, documents and generated secrets.
    #[arg(long, env = "LOKET_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// The built SPA (output of scripts/build-web.sh).
    #[arg(long, env = "LOKET_ASSETS", default_value = "./dist")]
    assets: PathBuf,
    /// Database: sqlite://FILE or postgres://USER@HOST/DB (default: SQLite in the data dir).
    #[arg(long, env = "LOKET_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Public base URL (default: http://<listen address>).
    #[arg(long, env = "LOKET_PUBLIC_URL")]
    public_url: Option<String>,
    /// Municipality name shown in the header.
    #[arg(
        long,
        env = "LOKET_MUNICIPALITY_NAME",
        default_value = "Gemeente Voorbeeld"
    )]
    municipality_name: String,
    /// Logo URL shown in the header.
    #[arg(
        long,
        env = "LOKET_MUNICIPALITY_LOGO",
        default_value = "/icons/logo.svg"
    )]
    municipality_logo: String,
    /// Extra ZGW API clients as id=secret pairs, comma separated.
    #[arg(
        long,
        env = "LOKET_ZGW_CLIENTS",
        hide_env_values = true,
        default_value = ""
    )]
    zgw_clients: String,
    /// Seed the demo catalogue on first start.
    #[arg(long, env = "LOKET_DEMO_CATALOGUE", default_value_t = true, action = clap::ArgAction::Set)]
    demo_catalogue: bool,
    /// Staff login: issuer of the organisation's OpenID Connect provider.
    #[arg(long, env = "LOKET_STAFF_OIDC_ISSUER")]
    staff_oidc_issuer: Option<String>,
    /// Staff login: the portal's client id there.
    #[arg(long, env = "LOKET_STAFF_OIDC_CLIENT_ID")]
    staff_oidc_client_id: Option<String>,
    /// Staff login: its secret.
    #[arg(long, env = "LOKET_STAFF_OIDC_CLIENT_SECRET", hide_env_values = true)]
    staff_oidc_client_secret: Option<String>,
    /// Staff login: the ID-token claim with the roles (kcc, behandelaar, auditor).
    #[arg(long, env = "LOKET_STAFF_OIDC_ROLES_CLAIM", default_value = "roles")]
    staff_oidc_roles_claim: String,
    /// Staff login: scopes to request.
    #[arg(long, env = "LOKET_STAFF_OIDC_SCOPE", default_value = "openid profile")]
    staff_oidc_scope: String,
    /// Largest document upload in bytes (at most 4 GiB, the Documenten API's limit).
    #[arg(long, env = "LOKET_UPLOAD_MAX_BYTES", default_value_t = loket_server::upload::rules::DEFAULT_MAX_BYTES)]
    upload_max_bytes: u64,
    /// ClamAV daemon for virus scanning uploads: tcp://host:port or unix:/path (default: no
    /// scanning).
    #[arg(long, env = "LOKET_CLAMAV")]
    clamav: Option<String>,
    /// Offer the demo DigiD login with test BSNs (never in production). Default: on unless
    /// DigiD (LOKET_OIDC_ISSUER) is configured.
    #[arg(long, env = "LOKET_DEMO_LOGIN", action = clap::ArgAction::Set)]
    demo_login: Option<bool>,
    /// DigiD: issuer URL of the OpenID Connect broker.
    #[arg(long, env = "LOKET_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret"])]
    oidc_issuer: Option<String>,
    /// DigiD: the portal's client id at the broker.
    #[arg(long, env = "LOKET_OIDC_CLIENT_ID")]
    oidc_client_id: Option<String>,
    /// DigiD: the portal's client secret at the broker.
    #[arg(long, env = "LOKET_OIDC_CLIENT_SECRET", hide_env_values = true)]
    oidc_client_secret: Option<String>,
    /// DigiD: the ID token claim that carries the BSN.
    #[arg(long, env = "LOKET_OIDC_BSN_CLAIM", default_value = "bsn")]
    oidc_bsn_claim: String,
    /// DigiD: scopes to request, space separated.
    #[arg(long, env = "LOKET_OIDC_SCOPE", default_value = "openid")]
    oidc_scope: String,
    /// The portal's own database (sessions, drafts): sqlite://FILE or postgres://… (default:
    /// portal.sqlite3 in the data dir).
    #[arg(long, env = "LOKET_PORTAL_DATABASE_URL", hide_env_values = true)]
    portal_database_url: Option<String>,
    /// Use the municipality's ZGW provider at this base URL instead of the embedded one.
    #[arg(long, env = "LOKET_ZGW_URL", requires_all = ["zgw_client_id", "zgw_secret"])]
    zgw_url: Option<String>,
    /// Client id of the portal at the external ZGW provider.
    #[arg(long, env = "LOKET_ZGW_CLIENT_ID")]
    zgw_client_id: Option<String>,
    /// Secret of the portal at the external ZGW provider.
    #[arg(long, env = "LOKET_ZGW_SECRET", hide_env_values = true)]
    zgw_secret: Option<String>,
    /// Exact Authorization header value the Notificaties API sends to /api/notificaties
    /// (default: "Bearer " + a secret generated into notifications-secret in the data dir).
    #[arg(long, env = "LOKET_NOTIFICATIONS_AUTH", hide_env_values = true)]
    notifications_auth: Option<String>,
    /// A Notificaties API (or other receiver) the embedded case API also publishes its
    /// notifications to (Loket's own receiver always gets them).
    #[arg(long, env = "LOKET_NOTIFY_URL", requires = "notify_auth")]
    notify_url: Option<String>,
    /// The `Authorization` value for LOKET_NOTIFY_URL.
    #[arg(long, env = "LOKET_NOTIFY_AUTH", hide_env_values = true)]
    notify_auth: Option<String>,
    /// SMTP server for status e-mails, e.g. smtp://127.0.0.1:2525, smtp://host:587?tls=required
    /// or smtps://user:password@host:465. Unset: e-mail off (kept in the outbox).
    #[arg(long, env = "LOKET_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of status e-mails (default "<municipality> <noreply@localhost>").
    #[arg(long, env = "LOKET_MAIL_FROM")]
    mail_from: Option<String>,
    /// First retry delay in seconds for e-mails that could not be sent (doubles per attempt).
    #[arg(long, env = "LOKET_MAIL_RETRY_SECONDS", default_value_t = 30)]
    mail_retry_seconds: u64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    init_tracing();
    let result = match Cli::parse().command {
        Command::Serve(args) => serve(*args).await,
        Command::Staff(StaffCommand::Add(args)) => staff_add(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!(%message, "loket stopped");
            eprintln!("loket: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr; `LOKET_LOG` filters (default `info`), `LOKET_LOG_FORMAT=json` gives
/// one JSON object per line for log collectors.
fn init_tracing() {
    let filter = EnvFilter::try_from_env("LOKET_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("LOKET_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.compact().init();
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    // Bind first: with port 0 the public URL must name the port actually chosen.
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let listen = listener.local_addr().map_err(|e| e.to_string())?;
    let public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{listen}"))
        .trim_end_matches('/')
        .to_owned();
    let config = Config {
        listen,
        data_dir: args.data_dir,
        assets: args.assets,
        database_url: args.database_url,
        public_url: public_url.clone(),
        municipality: Municipality {
            name: args.municipality_name,
            logo_url: args.municipality_logo,
        },
        zgw_clients: loket_caseapi::parse_clients(&args.zgw_clients)?,
        demo_catalogue: args.demo_catalogue,
        portal_database_url: args.portal_database_url,
        staff_oidc: match (
            args.staff_oidc_issuer,
            args.staff_oidc_client_id,
            args.staff_oidc_client_secret,
        ) {
            (Some(issuer), Some(client_id), Some(client_secret)) => Some(StaffOidcConfig {
                issuer,
                client_id,
                client_secret,
                roles_claim: args.staff_oidc_roles_claim,
                scope: args.staff_oidc_scope,
            }),
            _ => None,
        },
        uploads: UploadConfig {
            max_bytes: args.upload_max_bytes,
            clamav: args.clamav.map(|a| a.parse()).transpose()?,
        },
        demo_login: args.demo_login.unwrap_or(args.oidc_issuer.is_none()),
        oidc: match (
            args.oidc_issuer,
            args.oidc_client_id,
            args.oidc_client_secret,
        ) {
            (Some(issuer), Some(client_id), Some(client_secret)) => Some(OidcConfig {
                issuer,
                client_id,
                client_secret,
                bsn_claim: args.oidc_bsn_claim,
                scope: args.oidc_scope,
            }),
            _ => None,
        },
        external_zgw: match (args.zgw_url, args.zgw_client_id, args.zgw_secret) {
            (Some(base_url), Some(client_id), Some(secret)) => Some(ExternalZgw {
                base_url,
                client_id,
                secret,
            }),
            _ => None,
        },
    };
    let notifications = loket_server::config::NotificationsConfig {
        auth: args.notifications_auth,
        smtp_url: args.smtp_url,
        mail_from: args.mail_from,
        retry_base: std::time::Duration::from_secs(args.mail_retry_seconds.max(1)),
        publish_to: args.notify_url.zip(args.notify_auth),
        ..Default::default()
    };
    let loket = Loket::start_with(&config, &notifications)
        .await
        .map_err(|e| e.to_string())?;
    loket.spawn_background();
    let app = loket_server::with_request_logging(loket.app());
    tracing::info!(%listen, url = %public_url, "loket is listening");
    println!("Loket draait op {public_url}/");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("loket stopped gracefully");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (what orchestrators send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing open requests");
}
