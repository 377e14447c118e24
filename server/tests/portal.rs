//! The portal API (`/api`) over real HTTP against a whole `loket` (embedded case API, demo
//! catalogue): login, catalogue, drafts, submission (validation, idempotency, recovery),
//! the resident's cases, and that no resident ever reaches another's data.

use loket_api::{
    CaseDetail, CaseSummary, Draft, ErrorBody, ErrorCode, FieldErrorCode, Product, ProductDetail,
    SessionInfo, StepState, Submission,
};
use loket_server::config::ExternalZgw;
use reqwest::{Method, StatusCode};
use serde_json::json;

mod common;

use common::*;

#[tokio::test]
async fn demo_login_validates_the_bsn_and_never_returns_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let mut browser = Browser::new(&server).await;
    let info: SessionInfo = browser.get_json("/api/session").await;
    assert!(info.resident.is_none());
    assert!(info.login.demo && !info.login.digid);

    let (status, body) = browser
        .send(
            Method::POST,
            "/api/session/demo",
            Some(json!({"bsn": "123456789"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["errors"],
        json!([{"field": "bsn", "code": "invalid_bsn"}])
    );

    // Without the CSRF header: refused before anything happens.
    let response = browser
        .http
        .post(format!("{}/api/session/demo", browser.base))
        .json(&json!({"bsn": BSN_A}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        error_code(&response.json().await.unwrap()),
        ErrorCode::CsrfFailed
    );

    let response = browser
        .http
        .post(format!("{}/api/session/demo", browser.base))
        .header("x-csrf-token", &browser.csrf)
        .json(&json!({"bsn": "9999 936 53"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session_cookie = cookies
        .iter()
        .find(|c| c.starts_with("loket_session="))
        .unwrap();
    assert!(session_cookie.contains("HttpOnly") && session_cookie.contains("SameSite=Lax"));
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("no-store"));
    let text = response.text().await.unwrap();
    assert!(
        !text.contains(BSN_A),
        "the BSN never goes back to the browser: {text}"
    );
    let info: SessionInfo = serde_json::from_str(&text).unwrap();
    let resident = info.resident.unwrap();
    assert_eq!(resident.name, "Suzanne de Vries");
    assert_eq!(resident.bsn_hint, "…653");
    browser.csrf = info.csrf_token;
    let info: SessionInfo = browser.get_json("/api/session").await;
    assert!(info.resident.is_some());
    assert!(info.expires_in_seconds > 14 * 60 && info.expires_in_seconds <= 15 * 60);
}

#[tokio::test]
async fn every_resident_endpoint_needs_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let browser = Browser::new(&server).await;
    let id = "6f1c1a52-7c55-4a39-9a38-111111111111";
    for (method, path) in [
        (Method::GET, "/api/drafts".to_owned()),
        (Method::POST, "/api/drafts".to_owned()),
        (Method::GET, format!("/api/drafts/{id}")),
        (Method::PUT, format!("/api/drafts/{id}")),
        (Method::DELETE, format!("/api/drafts/{id}")),
        (Method::POST, format!("/api/drafts/{id}/submit")),
        (Method::GET, "/api/cases".to_owned()),
        (Method::GET, format!("/api/cases/{id}")),
        (Method::GET, format!("/api/cases/{id}/receipt.pdf")),
        (Method::POST, "/api/uploads".to_owned()),
        (Method::GET, format!("/api/uploads/{id}")),
        (Method::PATCH, format!("/api/uploads/{id}")),
        (Method::DELETE, format!("/api/uploads/{id}")),
        (Method::GET, format!("/api/drafts/{id}/uploads")),
        (Method::GET, format!("/api/cases/{id}/documents/{id}")),
        (Method::POST, "/api/session/extend".to_owned()),
    ] {
        let body = matches!(method, Method::POST | Method::PUT).then(|| json!({}));
        // The session is checked before the body is read: even a body the handler would
        // refuse gets "log in", never a validation answer about someone's data.
        let (status, body) = browser.send(method.clone(), &path, body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(
            error_code(&body),
            ErrorCode::NotAuthenticated,
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn catalogue_offers_external_published_products_with_their_forms() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let browser = Browser::new(&server).await;
    let products: Vec<Product> = browser.get_json("/api/catalogue").await;
    let titles: Vec<&str> = products.iter().map(|p| p.title.as_str()).collect();
    for expected in [
        "Melding openbare ruimte",
        "Aanvraag parkeervergunning bewoners",
        "Aanvraag Wmo-voorziening",
        "Kapvergunning",
        "Bezwaarschrift",
    ] {
        assert!(titles.contains(&expected), "{expected} in {titles:?}");
    }
    assert!(
        !titles.contains(&"Intern juridisch advies"),
        "internal zaaktypen are not for residents"
    );
    let kap = products
        .iter()
        .find(|p| p.title == "Kapvergunning")
        .unwrap();
    assert_eq!(kap.handling_days, Some(56));
    assert_eq!(kap.action, "Aanvragen");
    let documents: Vec<&str> = kap.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        documents,
        ["Foto", "Situatietekening"],
        "only inkomend document types"
    );

    let detail: ProductDetail = browser
        .get_json(&format!("/api/catalogue/{}", kap.id))
        .await;
    let names: Vec<&str> = detail.form.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["aantalBomen", "boomsoort", "reden"]);
    assert_eq!(
        detail.form.fields[0].kind,
        loket_api::FieldKind::Number { lengte: "3".into() }
    );
    let (status, body) = browser
        .send(
            Method::GET,
            "/api/catalogue/00000000-0000-0000-0000-000000000000",
            None,
        )
        .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::NOT_FOUND, ErrorCode::NotFound)
    );
}

both_backends!(drafts_are_saved_resumed_and_private);
async fn drafts_are_saved_resumed_and_private(server: Server) {
    let phone = Browser::logged_in(&server, BSN_A).await;
    let draft = complete_draft(&phone).await;

    // The same resident on another device sees and resumes it.
    let laptop = Browser::logged_in(&server, BSN_A).await;
    let drafts: Vec<Draft> = laptop.get_json("/api/drafts").await;
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].answers["boomsoort"], "Eik en beuk");
    assert_eq!(drafts[0].step, "controleren");

    // Another resident: nothing, and every draft endpoint says 404.
    let other = Browser::logged_in(&server, BSN_B).await;
    let drafts: Vec<Draft> = other.get_json("/api/drafts").await;
    assert!(drafts.is_empty());
    let path = format!("/api/drafts/{}", draft.id);
    let update = json!({"answers": {}, "contact": {}, "step": ""});
    for (method, body) in [
        (Method::GET, None),
        (Method::PUT, Some(update)),
        (Method::DELETE, None),
    ] {
        let (status, _) = other.send(method.clone(), &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method}");
    }
    let (status, _) = other.submit(&draft.id, "k1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Unknown product; oversized answers.
    let (status, body) = phone
        .send(
            Method::POST,
            "/api/drafts",
            Some(json!({"product_id": "nope"})),
        )
        .await;
    assert_eq!(
        (status, error_code(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ProductUnavailable
        )
    );
    let huge = "x".repeat(10_001);
    let (status, body) = phone
        .send(
            Method::PUT,
            &path,
            Some(json!({"answers": {"boomsoort": huge}, "contact": {}, "step": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "too_long");

    // The next request starts with the contact details given last time.
    let kap = product(&phone, "Kapvergunning").await;
    let (_, body) = phone
        .send(
            Method::POST,
            "/api/drafts",
            Some(json!({"product_id": kap.id})),
        )
        .await;
    let second: Draft = serde_json::from_value(body).unwrap();
    assert_eq!(second.contact.email, "suzanne@example.nl");
    assert_eq!(second.contact.phone, "06-12345678");
    assert!(second.answers.is_empty());
    let (_, body) = other
        .send(
            Method::POST,
            "/api/drafts",
            Some(json!({"product_id": kap.id})),
        )
        .await;
    assert_eq!(
        body["contact"]["email"], "",
        "never another resident's details"
    );
    let (status, _) = phone
        .send(Method::DELETE, &format!("/api/drafts/{}", second.id), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Delete.
    let (status, _) = laptop.send(Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let drafts: Vec<Draft> = phone.get_json("/api/drafts").await;
    assert!(drafts.is_empty());
}

both_backends!(submit_validates_then_creates_one_zaak_the_resident_can_follow);
async fn submit_validates_then_creates_one_zaak_the_resident_can_follow(server: Server) {
    let browser = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&browser, "Kapvergunning").await;
    let (_, body) = browser
        .send(
            Method::POST,
            "/api/drafts",
            Some(json!({"product_id": kap.id})),
        )
        .await;
    let draft: Draft = serde_json::from_value(body).unwrap();

    // Invalid: field errors, nothing created.
    let bad = json!({
        "answers": {"aantalBomen": "veel", "reden": "Zomaar"},
        "contact": {"email": "geen-adres", "phone": ""},
        "step": "controleren",
    });
    browser
        .send(Method::PUT, &format!("/api/drafts/{}", draft.id), Some(bad))
        .await;
    let (status, body) = browser.submit(&draft.id, "key-1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors: Vec<(String, FieldErrorCode)> = serde_json::from_value::<ErrorBody>(body)
        .unwrap()
        .errors
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
    assert_eq!(
        errors,
        [
            ("aantalBomen".to_owned(), FieldErrorCode::NotANumber),
            ("boomsoort".to_owned(), FieldErrorCode::Required),
            ("reden".to_owned(), FieldErrorCode::NotAnOption),
            ("email".to_owned(), FieldErrorCode::InvalidEmail),
        ]
    );
    let cases: Vec<CaseSummary> = browser.get_json("/api/cases").await;
    assert!(cases.is_empty());

    // Missing idempotency key.
    let response = browser
        .http
        .post(format!("{}/api/drafts/{}/submit", browser.base, draft.id))
        .header("x-csrf-token", &browser.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // Valid.
    let draft = complete_draft(&browser).await;
    let (status, body) = browser.submit(&draft.id, "key-2").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let submission: Submission = serde_json::from_value(body).unwrap();
    assert!(
        submission.identificatie.starts_with("ZAAK-"),
        "{}",
        submission.identificatie
    );
    assert_eq!(submission.product_title, "Kapvergunning");
    assert_eq!(submission.handling_days, Some(56));
    assert_eq!(submission.email, "suzanne@example.nl");

    // A repeat (retry, double click, reload) answers the same and creates nothing.
    let (status, body) = browser.submit(&draft.id, "key-2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_value::<Submission>(body).unwrap(),
        submission
    );
    // The submitted request left the drafts list and cannot be edited or deleted.
    let drafts: Vec<Draft> = browser.get_json("/api/drafts").await;
    assert!(drafts.iter().all(|d| d.id != draft.id));
    let (status, _) = browser
        .send(Method::DELETE, &format!("/api/drafts/{}", draft.id), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Mijn zaken.
    let cases: Vec<CaseSummary> = browser.get_json("/api/cases").await;
    assert_eq!(cases.len(), 1);
    let case = &cases[0];
    assert_eq!(case.id, submission.case_id);
    assert_eq!(case.identificatie, submission.identificatie);
    assert_eq!(case.product_title, "Kapvergunning");
    assert_eq!(case.status, "Ontvangen");
    assert!(case.closed_on.is_none());
    let start = chrono::NaiveDate::parse_from_str(&case.started_on, "%Y-%m-%d").unwrap();
    assert_eq!(
        case.expected_end.as_deref(),
        Some((start + chrono::Days::new(56)).to_string().as_str())
    );

    // Case detail: timeline, answers.
    let detail: CaseDetail = browser.get_json(&format!("/api/cases/{}", case.id)).await;
    let states: Vec<(&str, StepState)> = detail
        .timeline
        .iter()
        .map(|s| (s.title.as_str(), s.state))
        .collect();
    assert_eq!(
        states,
        [
            ("Ontvangen", StepState::Current),
            ("Beoordeling", StepState::Upcoming),
            ("Besluit genomen", StepState::Upcoming)
        ]
    );
    assert!(detail.timeline[0].text.contains("ontvangen"));
    assert!(detail.timeline[0].date.is_some() && detail.timeline[1].date.is_none());
    let answers: Vec<(&str, &str)> = detail
        .answers
        .iter()
        .map(|a| (a.label.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        answers,
        [
            ("Hoeveel bomen wilt u kappen?", "2"),
            ("Welke boomsoort(en)?", "Eik en beuk"),
            ("Waarom wilt u de boom kappen?", "Ziek of dood")
        ]
    );
    assert!(detail.result.is_none());

    // Nobody else sees it; nonsense ids are the same 404.
    let other = Browser::logged_in(&server, BSN_B).await;
    let cases: Vec<CaseSummary> = other.get_json("/api/cases").await;
    assert!(cases.is_empty());
    for id in [
        case.id.as_str(),
        "not-a-uuid",
        "..%2F..%2Fzaken",
        "00000000-0000-0000-0000-000000000000",
    ] {
        let (status, body) = other
            .send(Method::GET, &format!("/api/cases/{id}"), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(error_code(&body), ErrorCode::NotFound);
    }
}

both_backends!(fifty_parallel_identical_submits_create_exactly_one_zaak);
async fn fifty_parallel_identical_submits_create_exactly_one_zaak(server: Server) {
    let browser = Browser::logged_in(&server, BSN_A).await;
    let draft = complete_draft(&browser).await;
    let results =
        futures::future::join_all((0..50).map(|_| browser.submit(&draft.id, "same-key"))).await;
    let mut identificaties = std::collections::BTreeSet::new();
    for (status, body) in &results {
        assert!(status.is_success(), "{status}: {body}");
        identificaties.insert(body["identificatie"].as_str().unwrap().to_owned());
    }
    assert_eq!(identificaties.len(), 1, "every answer names the same zaak");
    assert_eq!(
        results
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .count(),
        1
    );

    // Count at the source: the case API has exactly one zaak for this resident.
    let zgw = zgw::client::ZgwClient::new(zgw::client::ClientConfig::same_host(
        &server.base,
        "test",
        "test-geheim",
    ))
    .unwrap();
    let actor = zgw::client::Actor::default();
    let zaken = zgw
        .post(
            &actor,
            &zgw.zaken("/zaken/_zoek"),
            &json!({"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN_A}),
        )
        .await
        .unwrap();
    assert_eq!(zaken["count"], 1, "{zaken}");
    let zaak = &zaken["results"][0];
    let rollen = zgw
        .list_all(
            &actor,
            &format!(
                "{}?zaak={}",
                zgw.zaken("/rollen"),
                urlencode(zaak["url"].as_str().unwrap())
            ),
            5,
        )
        .await
        .unwrap();
    assert_eq!(rollen.len(), 1, "one initiator rol");
    let eigenschappen = zgw
        .get(
            &actor,
            &format!("{}/zaakeigenschappen", zaak["url"].as_str().unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(
        eigenschappen.as_array().unwrap().len(),
        3,
        "each answer stored once"
    );
}

fn urlencode(s: &str) -> String {
    s.replace(':', "%3A").replace('/', "%2F")
}

both_backends!(a_crash_after_the_zaak_was_created_is_finished_without_a_duplicate);
async fn a_crash_after_the_zaak_was_created_is_finished_without_a_duplicate(server: Server) {
    let browser = Browser::logged_in(&server, BSN_A).await;
    let draft = complete_draft(&browser).await;
    let portal = &server.loket.portal;

    // Simulate an attempt that claimed the request, sent POST /zaken and died before it could
    // record the answer: the zaak exists (with our kenmerk), the request row does not know it.
    let today = chrono::Utc::now().date_naive().to_string();
    assert!(portal
        .store
        .claim_submission(BSN_A, &draft.id, "crashed", &today, -1)
        .await
        .unwrap());
    portal.store.mark_zaak_requested(&draft.id).await.unwrap();
    let info = portal
        .catalogue
        .product(&portal.zgw, &draft.product_id)
        .await
        .unwrap();
    let orphan = portal
        .zgw
        .post(
            &zgw::client::Actor::default(),
            &portal.zgw.zaken("/zaken"),
            &json!({
                "bronorganisatie": info.rsin, "verantwoordelijkeOrganisatie": info.rsin,
                "zaaktype": info.zaaktype.url, "startdatum": today,
                "kenmerken": [{"kenmerk": loket_server::portal::submit::marker(&draft.id), "bron": "Loket"}],
            }),
        )
        .await
        .unwrap();
    // Not yet the resident's: no initiator rol, so not in Mijn zaken.
    let cases: Vec<CaseSummary> = browser.get_json("/api/cases").await;
    assert!(cases.is_empty());

    // The background resumer finds the zaak by its kenmerk and finishes it.
    assert_eq!(
        loket_server::portal::submit::resume_stalled(portal).await,
        1
    );
    let cases: Vec<CaseSummary> = browser.get_json("/api/cases").await;
    assert_eq!(cases.len(), 1);
    assert_eq!(
        cases[0].identificatie,
        orphan["identificatie"].as_str().unwrap()
    );
    assert_eq!(cases[0].status, "Ontvangen");
    // And the resident's retry answers with that same zaak.
    let (status, body) = browser.submit(&draft.id, "retry").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["identificatie"], orphan["identificatie"]);
}

#[tokio::test]
async fn case_api_down_keeps_the_draft_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let browser = Browser::logged_in(&server, BSN_A).await;
    let draft = complete_draft(&browser).await;

    // A second portal on the same data, whose ZGW provider is down (a port nobody listens on).
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = config(dir.path(), listener.local_addr().unwrap());
    config.external_zgw = Some(ExternalZgw {
        base_url: dead_url,
        client_id: "x".into(),
        secret: "y".into(),
    });
    let down = serve(config, listener).await;
    let browser_down = Browser::logged_in(&down, BSN_A).await;
    let (status, body) = browser_down.submit(&draft.id, "k").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(error_code(&body), ErrorCode::CaseApiUnavailable);
    let (status, body) = browser_down.send(Method::GET, "/api/cases", None).await;
    assert_eq!(
        (status, error_code(&body)),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::CaseApiUnavailable
        )
    );
    let kept: Draft = browser_down
        .get_json(&format!("/api/drafts/{}", draft.id))
        .await;
    assert_eq!(kept.answers, draft.answers);

    // Once the provider is back, the same draft goes through.
    let (status, _) = browser.submit(&draft.id, "k").await;
    assert_eq!(status, StatusCode::CREATED);
}

both_backends!(logout_ends_the_session_here_or_everywhere);
async fn logout_ends_the_session_here_or_everywhere(server: Server) {
    let phone = Browser::logged_in(&server, BSN_A).await;
    let laptop = Browser::logged_in(&server, BSN_A).await;
    let tablet = Browser::logged_in(&server, BSN_A).await;

    let (status, _) = phone
        .send(
            Method::POST,
            "/api/session/logout",
            Some(json!({"everywhere": false})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = phone.send(Method::GET, "/api/drafts", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = laptop.send(Method::GET, "/api/drafts", None).await;
    assert_eq!(status, StatusCode::OK, "other devices stay logged in");

    let (status, _) = laptop
        .send(
            Method::POST,
            "/api/session/logout",
            Some(json!({"everywhere": true})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = tablet.send(Method::GET, "/api/drafts", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "logout everywhere");
}

#[tokio::test]
async fn sessions_end_after_fifteen_idle_minutes_unless_extended() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let browser = Browser::logged_in(&server, BSN_A).await;
    // 14 minutes idle: still in, and extending resets the clock.
    age_sessions(&server, "portal_sessions", 14 * 60).await;
    let info: SessionInfo = browser.get_json("/api/session").await;
    assert!(info.expires_in_seconds <= 60, "{}", info.expires_in_seconds);
    let (status, body) = browser
        .send(Method::POST, "/api/session/extend", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["expires_in_seconds"], 900);
    // 16 minutes idle: out.
    age_sessions(&server, "portal_sessions", 16 * 60).await;
    let (status, body) = browser.send(Method::GET, "/api/cases", None).await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::UNAUTHORIZED, ErrorCode::NotAuthenticated)
    );
    let info: SessionInfo = browser.get_json("/api/session").await;
    assert!(info.resident.is_none());
}

#[tokio::test]
async fn demo_login_can_be_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = config(dir.path(), listener.local_addr().unwrap());
    config.demo_login = false;
    let server = serve(config, listener).await;
    let browser = Browser::new(&server).await;
    let info: SessionInfo = browser.get_json("/api/session").await;
    assert!(!info.login.demo);
    let (status, body) = browser
        .send(
            Method::POST,
            "/api/session/demo",
            Some(json!({"bsn": BSN_A})),
        )
        .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::NOT_FOUND, ErrorCode::LoginUnavailable)
    );
}

both_backends!(the_receipt_is_a_pdf_of_the_residents_own_case);
async fn the_receipt_is_a_pdf_of_the_residents_own_case(server: Server) {
    let browser = Browser::logged_in(&server, BSN_A).await;
    let draft = complete_draft(&browser).await;
    let (_, body) = browser.submit(&draft.id, "k").await;
    let submission: Submission = serde_json::from_value(body).unwrap();

    let response = browser
        .http
        .get(format!(
            "{}/api/cases/{}/receipt.pdf",
            browser.base, submission.case_id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(
        response.headers()["content-disposition"],
        format!(
            "attachment; filename=\"ontvangstbevestiging-{}.pdf\"",
            submission.identificatie
        )
        .as_str()
    );
    let pdf = response.bytes().await.unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc
        .extract_text(&pages)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        submission.identificatie.as_str(),
        "Kapvergunning",
        "Eik en beuk",
        "suzanne@example.nl",
        "Ontvangstbevestiging",
        "Gemeente Voorbeeld",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains(BSN_A), "no BSN on the receipt");

    let english = browser
        .http
        .get(format!(
            "{}/api/cases/{}/receipt.pdf?lang=en",
            browser.base, submission.case_id
        ))
        .send()
        .await
        .unwrap();
    assert!(english.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("receipt-ZAAK-"));

    let other = Browser::logged_in(&server, BSN_B).await;
    let (status, _) = other
        .send(
            Method::GET,
            &format!("/api/cases/{}/receipt.pdf", submission.case_id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
