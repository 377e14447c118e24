//! The `zgw` HTTP client against the embedded provider over real HTTP: tokens, problem+json
//! errors, pagination and the demo catalogue.

use loket_caseapi::ClientCredentials;
use loket_server::config::{Config, Municipality};
use loket_server::Loket;
use zgw::client::{Actor, ClientConfig, ClientError, ZgwClient};

/// Starts the whole server on a free loopback port; returns its base URL.
async fn start_server(dir: &std::path::Path) -> String {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for page in ["index.html", "staff.html"] {
        std::fs::write(dist.join(page), "<title>{{MUNICIPALITY_NAME}}</title>").unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let config = Config {
        listen: address,
        data_dir: dir.join("data"),
        assets: dist,
        database_url: None,
        public_url: format!("http://{address}"),
        municipality: Municipality {
            name: "Gemeente Voorbeeld".into(),
            logo_url: "/icons/logo.svg".into(),
        },
        zgw_clients: vec![ClientCredentials {
            client_id: "extern".into(),
            secret: "extern-geheim".into(),
        }],
        demo_catalogue: true,
        portal_database_url: None,
        demo_login: true,
        oidc: None,
        external_zgw: None,
        uploads: Default::default(),
        staff_oidc: None,
    };
    let loket = Loket::start(&config).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, loket.app()).await.unwrap() });
    format!("http://{address}")
}

fn actor() -> Actor {
    Actor {
        user_id: "kcc-1".into(),
        user_representation: "KCC medewerker".into(),
    }
}

#[tokio::test]
async fn reads_the_demo_catalogue_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let base = start_server(dir.path()).await;
    let client = ZgwClient::new(ClientConfig::same_host(&base, "extern", "extern-geheim")).unwrap();

    let zaaktypen = client
        .list_all(&actor(), &client.catalogi("/zaaktypen"), 10)
        .await
        .unwrap();
    assert!(zaaktypen.len() >= 5, "demo catalogue has its zaaktypen");
    let omschrijvingen: Vec<&str> = zaaktypen
        .iter()
        .filter_map(|z| z["omschrijving"].as_str())
        .collect();
    assert!(
        omschrijvingen.iter().any(|o| o.contains("Kapvergunning")),
        "{omschrijvingen:?}"
    );

    let first = zaaktypen[0]["url"].as_str().unwrap();
    let detail = client.get(&actor(), first).await.unwrap();
    assert_eq!(detail["url"], first);
}

#[tokio::test]
async fn provider_errors_arrive_as_problems() {
    let dir = tempfile::tempdir().unwrap();
    let base = start_server(dir.path()).await;

    let wrong = ZgwClient::new(ClientConfig::same_host(&base, "extern", "fout-geheim")).unwrap();
    match wrong.get(&actor(), &wrong.catalogi("/zaaktypen")).await {
        Err(ClientError::Problem { status, fout }) => {
            assert_eq!(status, 403);
            assert_eq!(fout.unwrap().code, "invalid-jwt-signature");
        }
        other => panic!("expected a 403 problem, got {other:?}"),
    }

    let client = ZgwClient::new(ClientConfig::same_host(&base, "extern", "extern-geheim")).unwrap();
    let missing = client
        .get(
            &actor(),
            &client.catalogi("/zaaktypen/00000000-0000-4000-8000-000000000000"),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));

    let invalid = client
        .post(
            &actor(),
            &client.catalogi("/catalogussen"),
            &serde_json::json!({}),
        )
        .await
        .unwrap_err();
    match invalid {
        ClientError::Problem {
            status: 400,
            fout: Some(fout),
        } => {
            let names: Vec<_> = fout
                .invalid_params
                .unwrap()
                .into_iter()
                .map(|p| p.name)
                .collect();
            assert!(names.contains(&"rsin".to_owned()), "{names:?}");
        }
        other => panic!("expected a 400 with invalidParams, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unreachable_provider_is_reported_as_such() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = ZgwClient::new(ClientConfig::same_host(
        &format!("http://127.0.0.1:{port}"),
        "x",
        "y",
    ))
    .unwrap();
    let error = client
        .get(&actor(), &client.catalogi("/zaaktypen"))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Unreachable(_)), "{error:?}");
}
