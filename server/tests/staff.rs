//! The staff side (`/api/staff`): login and rate limit, roles, residents kept out, search by
//! BSN and case number, the case as the resident sees it plus internals, contact notes,
//! status and result by a behandelaar (which the resident then sees), and the access log.

mod common;

use common::*;
use loket_api::staff::{AccessLogEntry, StaffCaseHit, StaffCaseView, StaffSessionInfo};
use loket_api::{CaseDetail, ErrorCode, StepState, Submission};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// A browser logged in as staff (demo account).
async fn staff(server: &Server, username: &str, password: &str) -> Browser {
    Browser::staff(server, username, password).await
}

async fn kcc(server: &Server) -> Browser {
    staff(server, "kcc", "kcc-demo-wachtwoord").await
}

async fn behandelaar(server: &Server) -> Browser {
    staff(server, "behandelaar", "behandelaar-demo-wachtwoord").await
}

async fn auditor(server: &Server) -> Browser {
    staff(server, "auditor", "auditor-demo-wachtwoord").await
}

/// A resident submits a Kapvergunning; returns their browser and the submission.
async fn submitted_case(server: &Server) -> (Browser, Submission) {
    let resident = Browser::logged_in(server, BSN_A).await;
    let draft = complete_draft(&resident).await;
    let (status, body) = resident.submit(&draft.id, "k").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (resident, serde_json::from_value(body).unwrap())
}

const STAFF_ENDPOINTS: &[(&str, &str)] = &[
    ("POST", "/api/staff/session/extend"),
    ("POST", "/api/staff/search"),
    (
        "GET",
        "/api/staff/cases/6f1c1a52-7c55-4a39-9a38-111111111111",
    ),
    (
        "POST",
        "/api/staff/cases/6f1c1a52-7c55-4a39-9a38-111111111111/notes",
    ),
    (
        "POST",
        "/api/staff/cases/6f1c1a52-7c55-4a39-9a38-111111111111/status",
    ),
    (
        "POST",
        "/api/staff/cases/6f1c1a52-7c55-4a39-9a38-111111111111/result",
    ),
    ("POST", "/api/staff/access-log/search"),
    ("POST", "/api/staff/uploads"),
    ("GET", "/api/staff/uploads/6f1c1a52-7c55-4a39-9a38-111111111111"),
    (
        "PATCH",
        "/api/staff/uploads/6f1c1a52-7c55-4a39-9a38-111111111111",
    ),
    (
        "DELETE",
        "/api/staff/uploads/6f1c1a52-7c55-4a39-9a38-111111111111",
    ),
    (
        "GET",
        "/api/staff/cases/6f1c1a52-7c55-4a39-9a38-111111111111/documents/6f1c1a52-7c55-4a39-9a38-111111111111",
    ),
];

#[tokio::test]
async fn residents_and_strangers_never_reach_staff_endpoints() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let anonymous = Browser::new(&server).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    for (method, path) in STAFF_ENDPOINTS {
        let method: Method = method.parse().unwrap();
        let body = (method == Method::POST).then(|| json!({"purpose": "x", "bsn": BSN_A}));
        let (status, answer) = resident.send(method.clone(), path, body.clone()).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "resident {method} {path}: {answer}"
        );
        assert_eq!(answer["code"], "forbidden");
        let (status, _) = anonymous.send(method.clone(), path, body).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
    }
}

#[tokio::test]
async fn roles_decide_what_staff_may_do() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let (_, submission) = submitted_case(&server).await;
    let case = format!("/api/staff/cases/{}", submission.case_id);
    let kcc = kcc(&server).await;
    let auditor = auditor(&server).await;
    let behandelaar = behandelaar(&server).await;
    // The auditor reads the log, nothing else; KCC may not set statuses; only auditors read the log.
    let (status, _) = auditor
        .send(
            Method::POST,
            "/api/staff/search",
            Some(json!({"bsn": BSN_A, "purpose": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = auditor.send(Method::GET, &case, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = kcc
        .send(
            Method::POST,
            &format!("{case}/status"),
            Some(json!({"statustype_id": "x", "explanation": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = kcc
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = behandelaar
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A staff member without any role: 403 everywhere.
    let portal = &server.loket.portal;
    portal
        .staff
        .put_account("zonderrol", "Zonder Rol", "een-lang-wachtwoord", &[])
        .await
        .unwrap();
    let nobody = staff(&server, "zonderrol", "een-lang-wachtwoord").await;
    for (method, path) in STAFF_ENDPOINTS {
        let method: Method = method.parse().unwrap();
        let body = (method == Method::POST).then(|| json!({}));
        let (status, _) = nobody.send(method.clone(), path, body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}");
    }
}

#[tokio::test]
async fn staff_sessions_end_after_fifteen_idle_minutes_unless_extended() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let kcc = kcc(&server).await;
    // 14 minutes idle: still in, one minute left; "Ingelogd blijven" resets the clock.
    age_sessions(&server, "staff_sessions", 14 * 60).await;
    let info: StaffSessionInfo = kcc.get_json("/api/staff/session").await;
    assert!(info.staff.is_some());
    assert!(info.expires_in_seconds <= 60, "{}", info.expires_in_seconds);
    let (status, body) = kcc
        .send(Method::POST, "/api/staff/session/extend", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["expires_in_seconds"], 900);
    assert_eq!(body["staff"]["username"], "kcc");
    let info: StaffSessionInfo = kcc.get_json("/api/staff/session").await;
    assert!(info.expires_in_seconds > 850, "{}", info.expires_in_seconds);
    // 16 minutes idle: out, and extending no longer helps.
    age_sessions(&server, "staff_sessions", 16 * 60).await;
    let (status, body) = kcc
        .send(Method::POST, "/api/staff/session/extend", None)
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("not_authenticated"))
    );
    let info: StaffSessionInfo = kcc.get_json("/api/staff/session").await;
    assert!(info.staff.is_none());
}

#[tokio::test]
async fn staff_login_refuses_wrong_passwords_and_rate_limits() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let browser = Browser::new(&server).await;
    let info: StaffSessionInfo = browser.get_json("/api/staff/session").await;
    assert!(info.staff.is_none());
    assert_eq!(
        info.demo_accounts.len(),
        3,
        "demo mode offers the demo accounts"
    );
    let attempt = |password: &'static str| {
        browser.send(
            Method::POST,
            "/api/staff/session",
            Some(json!({"username": "kcc", "password": password})),
        )
    };
    for _ in 0..5 {
        let (status, body) = attempt("fout").await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials)
        );
    }
    // Unknown users get the same answer (no enumeration).
    let (status, body) = browser
        .send(
            Method::POST,
            "/api/staff/session",
            Some(json!({"username": "onbekend", "password": "x"})),
        )
        .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials)
    );
    // Sixth try on the account, even with the right password: refused for now.
    let (status, body) = attempt("kcc-demo-wachtwoord").await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyAttempts)
    );
    // Another account is unaffected.
    behandelaar(&server).await;
}

#[tokio::test]
async fn kcc_finds_a_callers_cases_and_sees_them_as_the_resident_does() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let (resident, submission) = submitted_case(&server).await;
    let kcc = kcc(&server).await;

    // Search: the BSN is checked (11-proef) and a purpose is required.
    let (status, body) = kcc
        .send(
            Method::POST,
            "/api/staff/search",
            Some(json!({"bsn": "123456789", "purpose": "Telefoon"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["errors"][0],
        json!({"field": "bsn", "code": "invalid_bsn"})
    );
    let (status, body) = kcc
        .send(
            Method::POST,
            "/api/staff/search",
            Some(json!({"bsn": BSN_A, "purpose": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "purpose");

    let (status, body) = kcc
        .send(
            Method::POST,
            "/api/staff/search",
            Some(json!({"bsn": BSN_A, "purpose": "Vraag van inwoner (telefoon)"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits: Vec<StaffCaseHit> = serde_json::from_value(body).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].summary.identificatie, submission.identificatie);
    assert_eq!(hits[0].initiator_bsn, BSN_A);
    let (_, body) = kcc
        .send(
            Method::POST,
            "/api/staff/search",
            Some(json!({"identificatie": submission.identificatie, "purpose": "Telefoon"})),
        )
        .await;
    assert_eq!(
        serde_json::from_value::<Vec<StaffCaseHit>>(body)
            .unwrap()
            .len(),
        1
    );
    let (_, body) = kcc
        .send(
            Method::POST,
            "/api/staff/search",
            Some(json!({"bsn": BSN_B, "purpose": "Telefoon"})),
        )
        .await;
    assert!(serde_json::from_value::<Vec<StaffCaseHit>>(body)
        .unwrap()
        .is_empty());

    // The case: exactly the resident's view, plus internals.
    let view: StaffCaseView = kcc
        .get_json(&format!(
            "/api/staff/cases/{}?purpose=Telefoon",
            submission.case_id
        ))
        .await;
    let own: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(view.resident_view, own);
    assert_eq!(view.rollen.len(), 1);
    assert_eq!(view.rollen[0].role, "initiator");
    assert_eq!(view.rollen[0].bsn, BSN_A);
    assert_eq!(view.rollen[0].email, "suzanne@example.nl");
    assert_eq!(view.statuses.len(), 1);
    assert_eq!(view.statuses[0].title, "Ontvangen");
    assert_eq!(view.statuses[0].set_by, "Inwoner (via Loket)");
    assert!(
        view.audit.len() >= 4,
        "zaak, eigenschappen, status, rol: {:?}",
        view.audit
    );
    assert_eq!(view.statustypen.len(), 3);
    assert_eq!(view.resultaattypen.len(), 2);

    // A contact note.
    let (status, body) = kcc
        .send(Method::POST, &format!("/api/staff/cases/{}/notes", submission.case_id), Some(json!({"channel": "telefoon", "subject": "Vraag over status", "text": "Inwoner belde; uitgelegd dat de beoordeling loopt."})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _) = kcc
        .send(
            Method::POST,
            &format!("/api/staff/cases/{}/notes", submission.case_id),
            Some(json!({"channel": "telefoon", "subject": "", "text": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let view: StaffCaseView = kcc
        .get_json(&format!("/api/staff/cases/{}", submission.case_id))
        .await;
    assert_eq!(view.notes.len(), 1);
    assert_eq!(view.notes[0].channel, "telefoon");
    assert_eq!(view.notes[0].subject, "Vraag over status");
}

#[tokio::test]
async fn a_behandelaar_moves_the_case_on_and_closes_it_and_the_resident_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let (resident, submission) = submitted_case(&server).await;
    let behandelaar = behandelaar(&server).await;
    let case = format!("/api/staff/cases/{}", submission.case_id);
    let view: StaffCaseView = behandelaar.get_json(&case).await;
    let beoordeling = view
        .statustypen
        .iter()
        .find(|s| s.title == "Beoordeling")
        .unwrap()
        .id
        .clone();

    let (status, _) = behandelaar
        .send(
            Method::POST,
            &format!("{case}/status"),
            Some(json!({"statustype_id": "not-one", "explanation": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = behandelaar
        .send(
            Method::POST,
            &format!("{case}/status"),
            Some(
                json!({"statustype_id": beoordeling, "explanation": "Boomdeskundige komt kijken"}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.summary.status, "Beoordeling");
    let states: Vec<StepState> = detail.timeline.iter().map(|s| s.state).collect();
    assert_eq!(
        states,
        [StepState::Done, StepState::Current, StepState::Upcoming]
    );

    // Result and close.
    let verleend = view
        .resultaattypen
        .iter()
        .find(|r| r.title == "Verleend")
        .unwrap()
        .id
        .clone();
    let (status, body) = behandelaar
        .send(
            Method::POST,
            &format!("{case}/result"),
            Some(json!({"resultaattype_id": verleend, "explanation": "Vergunning verleend"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.result.as_deref(), Some("Verleend"));
    assert!(detail.summary.closed_on.is_some());
    assert!(detail.timeline.iter().all(|s| s.state == StepState::Done));
    let view: StaffCaseView = behandelaar.get_json(&case).await;
    assert_eq!(view.statuses.last().unwrap().set_by, "Bas (behandelaar)");
    // Closing twice is refused clearly.
    let (status, _) = behandelaar
        .send(
            Method::POST,
            &format!("{case}/result"),
            Some(json!({"resultaattype_id": verleend, "explanation": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_staff_access_to_resident_data_is_in_the_access_log() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let (_, submission) = submitted_case(&server).await;
    let kcc = kcc(&server).await;
    kcc.send(
        Method::POST,
        "/api/staff/search",
        Some(json!({"bsn": BSN_A, "purpose": "Vraag van inwoner (telefoon)"})),
    )
    .await;
    let _: StaffCaseView = kcc
        .get_json(&format!(
            "/api/staff/cases/{}?purpose=Baliebezoek",
            submission.case_id
        ))
        .await;
    kcc.send(
        Method::POST,
        &format!("/api/staff/cases/{}/notes", submission.case_id),
        Some(json!({"channel": "balie", "subject": "Bezoek", "text": "Langs geweest"})),
    )
    .await;

    let auditor = auditor(&server).await;
    let (status, body) = auditor
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({"bsn": BSN_A})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let entries: Vec<AccessLogEntry> = serde_json::from_value(body).unwrap();
    let lines: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.staff.as_str(), e.action.as_str(), e.purpose.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("kcc", "add_note", "Klantcontact vastleggen"),
            ("kcc", "view_case", "Baliebezoek"),
            ("kcc", "search", "Vraag van inwoner (telefoon)"),
        ],
        "newest first"
    );
    assert!(entries.iter().all(|e| e.bsn == BSN_A));
    assert_eq!(entries[0].identificatie, submission.identificatie);
    let (_, body) = auditor
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({"bsn": BSN_B})),
        )
        .await;
    assert!(body.as_array().unwrap().is_empty());
    let (_, body) = auditor
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({"identificatie": submission.identificatie})),
        )
        .await;
    assert_eq!(
        body.as_array().unwrap().len(),
        2,
        "view and note name the case"
    );
}

#[tokio::test]
async fn kcc_submits_a_request_for_a_caller_who_stays_the_initiator() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let kcc = kcc(&server).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;

    let (status, body) = kcc
        .send(
            Method::POST,
            "/api/staff/on-behalf",
            Some(json!({"bsn": "123456789", "product_id": kap.id, "channel": "telefoon"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = resident
        .send(
            Method::POST,
            "/api/staff/on-behalf",
            Some(json!({"bsn": BSN_A, "product_id": kap.id, "channel": "telefoon"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let behandelaar = behandelaar(&server).await;
    let (status, _) = behandelaar
        .send(
            Method::POST,
            "/api/staff/on-behalf",
            Some(json!({"bsn": BSN_A, "product_id": kap.id, "channel": "telefoon"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) = kcc
        .send(
            Method::POST,
            "/api/staff/on-behalf",
            Some(json!({"bsn": BSN_A, "product_id": kap.id, "channel": "telefoon"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let draft: loket_api::Draft = serde_json::from_value(body).unwrap();
    let (status, body) = kcc
        .send(
            Method::PUT,
            &format!("/api/staff/on-behalf/{}", draft.id),
            Some(json!({
                "answers": {"aantalBomen": "1", "boomsoort": "Wilg", "reden": "Veiligheid"},
                "contact": {"email": "suzanne@example.nl", "phone": ""},
                "step": "controleren",
            })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let response = kcc
        .http
        .post(format!(
            "{}/api/staff/on-behalf/{}/submit",
            kcc.base, draft.id
        ))
        .header("x-csrf-token", &kcc.csrf)
        .header("idempotency-key", "kcc-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let submission: Submission = response.json().await.unwrap();

    // The resident's own case: in Mijn zaken, with the answers KCC gave.
    let cases: Vec<loket_api::CaseSummary> = resident.get_json("/api/cases").await;
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].identificatie, submission.identificatie);
    // The channel and the staff member are on record: a klantcontact and the audit trail.
    let view: StaffCaseView = kcc
        .get_json(&format!("/api/staff/cases/{}", submission.case_id))
        .await;
    assert_eq!(view.rollen[0].bsn, BSN_A);
    assert_eq!(view.notes.len(), 1);
    assert_eq!(view.notes[0].channel, "telefoon");
    assert!(
        view.audit
            .iter()
            .any(|a| a.who == "kcc namens de inwoner (telefoon)"),
        "{:?}",
        view.audit
    );
    let auditor = auditor(&server).await;
    let (_, body) = auditor
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({"staff": "kcc"})),
        )
        .await;
    let actions: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"start_on_behalf") && actions.contains(&"submit_on_behalf"),
        "{actions:?}"
    );
}

#[tokio::test]
async fn the_work_overview_counts_open_overdue_and_closed_cases() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let (_, first) = submitted_case(&server).await;
    let (_, second) = submitted_case(&server).await;
    // An overdue one, created directly in the case API (expected end long past).
    let portal = &server.loket.portal;
    let kap = portal
        .catalogue
        .products(&portal.zgw)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.product.title == "Kapvergunning")
        .unwrap();
    let zgw = zgw::client::ZgwClient::new(zgw::client::ClientConfig::same_host(
        &server.base,
        "test",
        "test-geheim",
    ))
    .unwrap();
    let overdue = zgw
        .post(
            &zgw::client::Actor::default(),
            &zgw.zaken("/zaken"),
            &json!({"bronorganisatie": kap.rsin, "verantwoordelijkeOrganisatie": kap.rsin, "zaaktype": kap.zaaktype.url,
                    "startdatum": "2020-01-01", "einddatumGepland": "2020-03-01"}),
        )
        .await
        .unwrap();
    // Close the second.
    let behandelaar = behandelaar(&server).await;
    let view: StaffCaseView = behandelaar
        .get_json(&format!("/api/staff/cases/{}", second.case_id))
        .await;
    let (status, _) = behandelaar
        .send(
            Method::POST,
            &format!("/api/staff/cases/{}/result", second.case_id),
            Some(json!({"resultaattype_id": view.resultaattypen[0].id, "explanation": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let overview: loket_api::staff::WorkOverview =
        behandelaar.get_json("/api/staff/overview").await;
    let row = overview
        .rows
        .iter()
        .find(|r| r.title == "Kapvergunning")
        .unwrap();
    assert_eq!((row.open, row.overdue, row.closed_recently), (2, 1, 1));
    let melding = overview
        .rows
        .iter()
        .find(|r| r.title == "Melding openbare ruimte")
        .unwrap();
    assert_eq!(
        (melding.open, melding.overdue, melding.closed_recently),
        (0, 0, 0)
    );

    let all: loket_api::staff::WorkPage = behandelaar.get_json("/api/staff/work").await;
    assert_eq!(all.count, 2);
    let ids: Vec<&str> = all.cases.iter().map(|c| c.identificatie.as_str()).collect();
    assert_eq!(
        ids,
        [
            overdue["identificatie"].as_str().unwrap(),
            first.identificatie.as_str()
        ],
        "oldest first"
    );
    let late: loket_api::staff::WorkPage =
        behandelaar.get_json("/api/staff/work?overdue=true").await;
    assert_eq!(late.count, 1);
    let newest: loket_api::staff::WorkPage = behandelaar
        .get_json("/api/staff/work?ordering=-started")
        .await;
    assert_eq!(newest.cases[0].identificatie, first.identificatie);
    let other: loket_api::staff::WorkPage = behandelaar
        .get_json(&format!(
            "/api/staff/work?product_id={}",
            melding.product_id
        ))
        .await;
    assert_eq!(other.count, 0);
    let (status, _) = behandelaar
        .send(Method::GET, "/api/staff/work?ordering=nonsense", None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let resident = Browser::logged_in(&server, BSN_B).await;
    for path in ["/api/staff/overview", "/api/staff/work"] {
        let (status, _) = resident.send(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn a_behandelaar_asks_for_a_document_and_the_resident_sees_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let (resident, submission) = submitted_case(&server).await;
    let behandelaar = behandelaar(&server).await;
    let path = format!("/api/staff/cases/{}/document-requests", submission.case_id);
    let kap = product(&resident, "Kapvergunning").await;
    let foto = kap.documents.iter().find(|d| d.title == "Foto").unwrap();

    let (status, _) = behandelaar
        .send(Method::POST, &path, Some(json!({"text": ""})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = behandelaar
        .send(
            Method::POST,
            &path,
            Some(json!({"text": "x", "document_type_id": "onbekend"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let kcc = kcc(&server).await;
    let (status, _) = kcc
        .send(Method::POST, &path, Some(json!({"text": "x"})))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "asking for documents is the behandelaar's"
    );
    let (status, body) = behandelaar
        .send(Method::POST, &path, Some(json!({"text": "Stuur een foto van de boom vanaf de straat.", "document_type_id": foto.id})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.tasks.len(), 1);
    assert_eq!(
        detail.tasks[0].text,
        "Stuur een foto van de boom vanaf de straat."
    );
    assert_eq!(detail.tasks[0].document_type.as_deref(), Some("Foto"));
    assert!(detail.tasks[0].done_at.is_none());
    // Another resident's case page never shows it (their own cases only).
    let other = Browser::logged_in(&server, BSN_B).await;
    let (status, _) = other
        .send(
            Method::GET,
            &format!("/api/cases/{}", submission.case_id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn search_hits(kcc: &Browser, query: serde_json::Value) -> (StatusCode, serde_json::Value) {
    kcc.send(Method::POST, "/api/staff/search", Some(query))
        .await
}

#[tokio::test]
async fn the_case_index_takes_in_the_zaken_from_before_it_once() {
    // Without the background work no notification reaches the index: the case is one "from
    // before" (as with an existing provider).
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let suzanne = Browser::logged_in(&server, BSN_A).await; // Suzanne de Vries, 3511 AX
    let draft = complete_draft(&suzanne).await;
    let (status, body) = suzanne.submit(&draft.id, "a").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let submission: Submission = serde_json::from_value(body).unwrap();
    let kcc = kcc(&server).await;
    let by_postcode = json!({"postcode": "3511AX", "purpose": "Telefonische vraag"});
    let (status, hits) = search_hits(&kcc, by_postcode.clone()).await;
    assert_eq!((status, hits), (StatusCode::OK, json!([])));

    let portal = &server.loket.portal;
    let added = loket_server::staff::index::backfill(portal).await.unwrap();
    assert_eq!(added, 1);
    let (_, body) = search_hits(&kcc, by_postcode).await;
    let hits: Vec<StaffCaseHit> = serde_json::from_value(body).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].summary.id, submission.case_id);
    let (_, body) = search_hits(&kcc, json!({"name": "de vr", "purpose": "Bezoek"})).await;
    let hits: Vec<StaffCaseHit> = serde_json::from_value(body).unwrap();
    assert_eq!(hits.len(), 1);
    // The open case counts in the work overview per status, too.
    let overview: serde_json::Value = kcc.get_json("/api/staff/overview").await;
    let counted: u64 = overview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["by_status"].as_array().unwrap().clone())
        .map(|s| s["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 1, "{overview}");

    // Done once: the walk is remembered, a second call adds nothing.
    assert_eq!(
        loket_server::staff::index::backfill(portal).await.unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_find_callers_by_name_or_postcode_and_count_cases_per_status() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with_background(dir.path()).await;
    let suzanne = Browser::logged_in(&server, BSN_A).await; // Suzanne de Vries, 3511 AX
    let mohamed = Browser::logged_in(&server, BSN_B).await; // Mohamed El Amrani, 3511 AX
    let draft = complete_draft(&suzanne).await;
    let (status, body) = suzanne.submit(&draft.id, "a").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let submission: Submission = serde_json::from_value(body).unwrap();
    let draft = complete_draft(&mohamed).await;
    assert_eq!(mohamed.submit(&draft.id, "b").await.0, StatusCode::CREATED);
    let kcc = kcc(&server).await;

    // The index follows the case API's notifications.
    wait_until(
        "both cases in the index",
        std::time::Duration::from_secs(20),
        || async {
            let (status, hits) = search_hits(
                &kcc,
                json!({"postcode": "3511 ax", "purpose": "Telefonische vraag"}),
            )
            .await;
            status == StatusCode::OK && hits.as_array().map(Vec::len) == Some(2)
        },
    )
    .await;
    let (status, body) = search_hits(
        &kcc,
        json!({"name": "de vr", "purpose": "Telefonische vraag"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits: Vec<StaffCaseHit> = serde_json::from_value(body).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].summary.id, submission.case_id);
    assert_eq!(hits[0].initiator_bsn, BSN_A);
    let (_, body) = search_hits(
        &kcc,
        json!({"name": "amrani", "purpose": "Telefonische vraag"}),
    )
    .await;
    let hits: Vec<StaffCaseHit> = serde_json::from_value(body).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].initiator_bsn, BSN_B);
    let (_, body) = search_hits(
        &kcc,
        json!({"name": "jansen", "purpose": "Telefonische vraag"}),
    )
    .await;
    assert_eq!(body, json!([]));
    // Every word must match one name: "el am" finds Mohamed, "de am" (Suzanne has "de",
    // Mohamed "amrani") nobody.
    let (_, body) = search_hits(
        &kcc,
        json!({"name": "el am", "purpose": "Telefonische vraag"}),
    )
    .await;
    let hits: Vec<StaffCaseHit> = serde_json::from_value(body).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].initiator_bsn, BSN_B);
    let (_, body) = search_hits(
        &kcc,
        json!({"name": "de am", "purpose": "Telefonische vraag"}),
    )
    .await;
    assert_eq!(body, json!([]));

    // Bad input: a clear field error, or one criterion at a time.
    let (status, body) = search_hits(
        &kcc,
        json!({"postcode": "12AB", "purpose": "Telefonische vraag"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "invalid_postcode");
    let (status, _) =
        search_hits(&kcc, json!({"name": "x", "purpose": "Telefonische vraag"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = search_hits(
        &kcc,
        json!({"name": "vries", "bsn": BSN_A, "purpose": "Telefonische vraag"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Counts per status follow a status change.
    let behandelaar = behandelaar(&server).await;
    staff_set_status(
        &behandelaar,
        &submission.case_id,
        "Beoordeling",
        "Beoordelen",
    )
    .await;
    wait_until(
        "the count per status",
        std::time::Duration::from_secs(20),
        || async {
            let overview: loket_api::staff::WorkOverview =
                behandelaar.get_json("/api/staff/overview").await;
            let kap = overview
                .rows
                .iter()
                .find(|r| r.title == "Kapvergunning")
                .unwrap();
            let counts: Vec<(&str, u64)> = kap
                .by_status
                .iter()
                .map(|c| (c.status.as_str(), c.count))
                .collect();
            counts == [("Ontvangen", 1), ("Beoordeling", 1)]
        },
    )
    .await;

    // Name searches are logged without a BSN, with their purpose.
    let auditor = auditor(&server).await;
    let (_, body) = auditor
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({"staff": "kcc"})),
        )
        .await;
    let entries: Vec<AccessLogEntry> = serde_json::from_value(body).unwrap();
    assert!(entries.iter().any(|e| e.action == "search_name"
        && e.bsn.is_empty()
        && e.purpose == "Telefonische vraag"));
    assert!(entries.iter().any(|e| e.action == "search_postcode"));
}
