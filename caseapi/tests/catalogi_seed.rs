//! The demo catalogue: seeded on first start when the config asks, complete and published,
//! and not seeded twice.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loket_caseapi::{CaseApi, ClientCredentials, Config};
use serde_json::Value;
use tower::ServiceExt;

fn config(database_url: String, dir: &tempfile::TempDir) -> Config {
    Config {
        database_url,
        documents_dir: dir.path().join("documenten"),
        base_url: common::BASE.into(),
        clients: vec![ClientCredentials {
            client_id: common::CLIENT_ID.into(),
            secret: common::SECRET.into(),
        }],
        seed_demo_catalogue: true,
    }
}

async fn get(api: &CaseApi, path: &str) -> Value {
    let path = path.strip_prefix(common::BASE).unwrap_or(path);
    let token = common::token_for(common::CLIENT_ID, common::SECRET);
    let request = Request::get(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = api.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

async fn postgres_url() -> String {
    let server = std::env::var("LOKET_TEST_POSTGRES_URL").expect(
        "LOKET_TEST_POSTGRES_URL is not set: start PostgreSQL with scripts/test-postgres.sh",
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
    let (prefix, _) = server.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}

const EXTERN: [&str; 5] = [
    "MELDING-OPENBARE-RUIMTE",
    "PARKEERVERGUNNING-BEWONERS",
    "WMO-VOORZIENING",
    "KAPVERGUNNING",
    "BEZWAARSCHRIFT",
];

async fn assert_demo_catalogue(api: &CaseApi) {
    let catalogussen = get(api, "/catalogi/api/v1/catalogussen").await;
    assert_eq!(catalogussen["count"], 1);
    let catalogus = &catalogussen["results"][0];
    assert_eq!(catalogus["rsin"], "002220647");
    assert_eq!(catalogus["domein"], "VBLD");

    // Published: the default list (status=definitief) shows all six.
    let zaaktypen = get(api, "/catalogi/api/v1/zaaktypen").await;
    assert_eq!(zaaktypen["count"], 6);
    assert_eq!(catalogus["zaaktypen"].as_array().unwrap().len(), 6);
    let results = zaaktypen["results"].as_array().unwrap();
    for identificatie in EXTERN {
        let zt = results
            .iter()
            .find(|z| z["identificatie"] == identificatie)
            .unwrap_or_else(|| panic!("{identificatie} seeded"));
        assert_eq!(zt["concept"], false);
        assert_eq!(zt["indicatieInternOfExtern"], "extern");
        assert!(zt["statustypen"].as_array().unwrap().len() >= 3);
        assert_eq!(zt["roltypen"].as_array().unwrap().len(), 2);
        assert!(!zt["eigenschappen"].as_array().unwrap().is_empty());
        assert!(!zt["resultaattypen"].as_array().unwrap().is_empty());
        assert!(!zt["informatieobjecttypen"].as_array().unwrap().is_empty());
        assert!(!zt["productenOfDiensten"].as_array().unwrap().is_empty());

        // Every step has text for the resident; the last one is the eindstatus.
        let statustypen = get(
            api,
            &format!(
                "/catalogi/api/v1/statustypen?zaaktype={}",
                zt["url"].as_str().unwrap()
            ),
        )
        .await;
        let steps = statustypen["results"].as_array().unwrap();
        assert!(steps
            .iter()
            .all(|s| !s["statustekst"].as_str().unwrap().is_empty()));
        assert_eq!(steps.last().unwrap()["isEindstatus"], true);
        assert_eq!(
            steps.iter().filter(|s| s["isEindstatus"] == true).count(),
            1
        );

        // The initiator roltype the portal registers the resident with.
        let initiators = get(
            api,
            &format!(
                "/catalogi/api/v1/roltypen?zaaktype={}&omschrijvingGeneriek=initiator",
                zt["url"].as_str().unwrap()
            ),
        )
        .await;
        assert_eq!(initiators["count"], 1);

        // Residents can upload something for each zaaktype.
        let inkomend = get(
            api,
            &format!(
                "/catalogi/api/v1/zaaktype-informatieobjecttypen?zaaktype={}&richting=inkomend",
                zt["url"].as_str().unwrap()
            ),
        )
        .await;
        assert!(inkomend["count"].as_u64().unwrap() >= 1);
    }
    let intern: Vec<&Value> = results
        .iter()
        .filter(|z| z["indicatieInternOfExtern"] == "intern")
        .collect();
    assert_eq!(intern.len(), 1);

    // A form field with a value list.
    let wmo = results
        .iter()
        .find(|z| z["identificatie"] == "WMO-VOORZIENING")
        .unwrap();
    let eigenschappen = get(
        api,
        &format!(
            "/catalogi/api/v1/eigenschappen?zaaktype={}",
            wmo["url"].as_str().unwrap()
        ),
    )
    .await;
    assert!(eigenschappen["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| !e["specificatie"]["waardenverzameling"]
            .as_array()
            .unwrap()
            .is_empty()));

    // Document types are published too.
    let iots = get(api, "/catalogi/api/v1/informatieobjecttypen").await;
    assert!(iots["count"].as_u64().unwrap() >= 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_demo_catalogue_once_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("seed.sqlite3").display());
    let api = CaseApi::open(config(url.clone(), &dir)).await.unwrap();
    assert_demo_catalogue(&api).await;
    drop(api);
    // Second start on the same database: nothing is added.
    let again = CaseApi::open(config(url, &dir)).await.unwrap();
    assert_demo_catalogue(&again).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_demo_catalogue_once_on_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let url = postgres_url().await;
    let api = CaseApi::open(config(url.clone(), &dir)).await.unwrap();
    assert_demo_catalogue(&api).await;
    let again = CaseApi::open(config(url, &dir)).await.unwrap();
    assert_demo_catalogue(&again).await;
}
