//! Document uploads and downloads (`/api/uploads`, `/api/cases/{id}/documents/{doc}`): limits,
//! recognition by content, sanitised names, ownership, resuming, the virus scan, delivery into
//! the case API with the large-file flow, and documents sent with an application.

mod common;

use std::time::Duration;

use common::*;
use loket_api::upload::{Upload, UploadState, UPLOAD_OFFSET_HEADER};
use loket_api::{CaseDetail, ErrorCode, FieldErrorCode, Product, Submission};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The EICAR anti-virus test string (harmless; every scanner detects it by convention).
const EICAR: &str = r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// A PDF-looking file of `size` bytes with varied content (so a misplaced chunk shows).
fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    while bytes.len() < size {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    bytes.truncate(size);
    bytes
}

fn png(size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.resize(size, 7);
    bytes
}

fn document_type(product: &Product, title: &str) -> String {
    product
        .documents
        .iter()
        .find(|d| d.title == title)
        .unwrap_or_else(|| panic!("{title} not offered"))
        .id
        .clone()
}

async fn announce(
    browser: &Browser,
    target: Value,
    type_id: &str,
    name: &str,
    size: usize,
) -> (StatusCode, Value) {
    browser
        .send(
            Method::POST,
            "/api/uploads",
            Some(json!({"target": target, "document_type_id": type_id, "file_name": name, "size_bytes": size})),
        )
        .await
}

async fn send_bytes(
    browser: &Browser,
    id: &str,
    offset: usize,
    body: impl Into<reqwest::Body>,
) -> (StatusCode, Value) {
    let response = browser
        .http
        .patch(format!("{}/api/uploads/{id}", browser.base))
        .header("x-csrf-token", &browser.csrf)
        .header(UPLOAD_OFFSET_HEADER, offset.to_string())
        .header("content-type", "application/offset+octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Announces and sends a whole file in chunks of `chunk` bytes; returns the last answer.
async fn upload(
    browser: &Browser,
    target: Value,
    type_id: &str,
    name: &str,
    bytes: &[u8],
    chunk: usize,
) -> (StatusCode, Value) {
    let (status, body) = announce(browser, target, type_id, name, bytes.len()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    let mut answer = (status, body);
    for (n, part) in bytes.chunks(chunk).enumerate() {
        answer = send_bytes(browser, &id, n * chunk, part.to_vec()).await;
        if answer.0 != StatusCode::OK {
            return answer;
        }
    }
    answer
}

fn field_codes(body: &Value) -> Vec<(String, FieldErrorCode)> {
    serde_json::from_value::<loket_api::ErrorBody>(body.clone())
        .unwrap()
        .errors
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

/// A PATCH whose body stops after `sent` of the `length` bytes it announced: the client
/// closes its side, as a phone losing its connection does. Returns the raw answer.
async fn broken_patch(
    browser: &Browser,
    id: &str,
    offset: usize,
    length: usize,
    sent: &[u8],
) -> String {
    use reqwest::cookie::CookieStore as _;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url: reqwest::Url = browser.base.parse().unwrap();
    let cookies = browser.jar.cookies(&url).unwrap();
    let mut stream = tokio::net::TcpStream::connect(url.socket_addrs(|| None).unwrap()[0])
        .await
        .unwrap();
    let head = format!(
        "PATCH /api/uploads/{id} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nx-csrf-token: {}\r\n\
         {UPLOAD_OFFSET_HEADER}: {offset}\r\nContent-Type: application/offset+octet-stream\r\n\
         Content-Length: {length}\r\n\r\n",
        url.authority(),
        cookies.to_str().unwrap(),
        browser.csrf,
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(sent).await.unwrap();
    stream.shutdown().await.unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

async fn download(browser: &Browser, case: &str, document: &str) -> reqwest::Response {
    browser
        .http
        .get(format!(
            "{}/api/cases/{case}/documents/{document}",
            browser.base
        ))
        .send()
        .await
        .unwrap()
}

async fn submitted(resident: &Browser, key: &str) -> Submission {
    let draft = complete_draft(resident).await;
    let (status, body) = resident.submit(&draft.id, key).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    serde_json::from_value(body).unwrap()
}

both_backends!(documents_sent_with_an_application_become_documents_of_the_case);
async fn documents_sent_with_an_application_become_documents_of_the_case(server: Server) {
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let draft = complete_draft(&resident).await;
    let target = json!({"draft": draft.id});
    let tekening = pdf(3 * 1024 * 1024 + 17);
    let foto = png(70_000);
    let (status, body) = upload(
        &resident,
        target.clone(),
        &document_type(&kap, "Situatietekening"),
        "../tekening <tuin>.pdf",
        &tekening,
        1024 * 1024,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let first: Upload = serde_json::from_value(body).unwrap();
    assert_eq!(first.state, UploadState::Received, "held until the submit");
    assert_eq!(first.file_name, "tekening _tuin_.pdf", "sanitised");
    let (status, body) = upload(
        &resident,
        target,
        &document_type(&kap, "Foto"),
        "boom.png",
        &foto,
        50_000,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed: Vec<Upload> = resident
        .get_json(&format!("/api/drafts/{}/uploads", draft.id))
        .await;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|u| u.received_bytes == u.size_bytes));

    let (status, body) = resident.submit(&draft.id, "met-documenten").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let submission: Submission = serde_json::from_value(body).unwrap();
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.documents.len(), 2, "{:?}", detail.documents);
    let stored = detail
        .documents
        .iter()
        .find(|d| d.type_title == "Situatietekening")
        .unwrap();
    assert_eq!(stored.file_name, "tekening _tuin_.pdf");
    assert_eq!(stored.size_bytes, tekening.len() as u64);
    assert!(detail.uploads.is_empty());

    let response = download(&resident, &submission.case_id, &stored.id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(response.bytes().await.unwrap().to_vec(), tekening);
    let photo = detail
        .documents
        .iter()
        .find(|d| d.type_title == "Foto")
        .unwrap();
    let response = download(&resident, &submission.case_id, &photo.id).await;
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.bytes().await.unwrap().to_vec(), foto);

    // Submitting again (a retry) adds nothing.
    let (status, _) = resident.submit(&draft.id, "met-documenten").await;
    assert_eq!(status, StatusCode::OK);
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.documents.len(), 2);
}

both_backends!(an_interrupted_upload_to_an_open_case_resumes_where_it_stopped);
async fn an_interrupted_upload_to_an_open_case_resumes_where_it_stopped(server: Server) {
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let submission = submitted(&resident, "k").await;
    // The behandelaar asks for a drawing: the upload fulfils the task.
    let behandelaar = Browser::staff(&server, "behandelaar", "behandelaar-demo-wachtwoord").await;
    let (status, body) = behandelaar
        .send(
            Method::POST,
            &format!("/api/staff/cases/{}/document-requests", submission.case_id),
            Some(json!({"text": "Stuur een situatietekening.", "document_type_id": document_type(&kap, "Situatietekening")})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let file = pdf(3 * 1024 * 1024);
    let (status, body) = announce(
        &resident,
        json!({"case": submission.case_id}),
        &document_type(&kap, "Situatietekening"),
        "tekening.pdf",
        file.len(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();

    let mib = 1024 * 1024;
    let (status, body) = send_bytes(&resident, &id, 0, file[..mib].to_vec()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["received_bytes"], mib);
    assert_eq!(body["state"], "receiving");
    // A wrong offset is refused: the SPA reads the state and goes on from there.
    let (status, body) = send_bytes(&resident, &id, 0, file[..mib].to_vec()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&body), ErrorCode::Conflict);

    // The connection breaks halfway through the next request: what arrived is kept. (Raw
    // TCP, so "halfway" is exact: headers promise 1 MiB, half of it is sent, then the phone's
    // connection is gone.)
    let half = mib / 2;
    let answer = broken_patch(&resident, &id, mib, mib, &file[mib..mib + half]).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let upload: Upload = resident.get_json(&format!("/api/uploads/{id}")).await;
    assert_eq!(
        upload.received_bytes,
        (mib + half) as u64,
        "kept what arrived"
    );
    let offset = upload.received_bytes as usize;
    let (status, body) = send_bytes(&resident, &id, offset, file[offset..].to_vec()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["state"], "stored",
        "delivered into the open case at once"
    );
    // The last chunk again (its answer got lost): the same answer, nothing added.
    let (status, body) = send_bytes(&resident, &id, file.len(), Vec::new()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "stored");

    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.documents.len(), 1);
    let response = download(&resident, &submission.case_id, &detail.documents[0].id).await;
    assert_eq!(
        response.bytes().await.unwrap().to_vec(),
        file,
        "byte for byte"
    );
    assert!(
        detail.tasks[0].done_at.is_some(),
        "the request is fulfilled"
    );
    // A stored document stays: the case file is the municipality's record.
    let (status, _) = resident
        .send(Method::DELETE, &format!("/api/uploads/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

both_backends!(limits_and_content_are_checked_and_refused_files_are_not_kept);
async fn limits_and_content_are_checked_and_refused_files_are_not_kept(server: Server) {
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let draft = complete_draft(&resident).await;
    let target = json!({"draft": draft.id});
    let foto = document_type(&kap, "Foto");
    let tekening = document_type(&kap, "Situatietekening");

    // Announced: size and type checked before any byte is sent.
    let (status, body) = announce(&resident, target.clone(), &foto, "boom.jpg", 60_000_000).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileTooLarge)]
    );
    let (status, body) = announce(&resident, target.clone(), &foto, "leeg.jpg", 0).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileEmpty)]
    );
    let besluit = product(&resident, "Kapvergunning").await;
    let kap_types: Vec<&str> = besluit.documents.iter().map(|d| d.title.as_str()).collect();
    assert!(
        !kap_types.contains(&"Besluit"),
        "outgoing types are not offered"
    );
    let (status, body) = announce(&resident, target.clone(), "onbekend", "a.pdf", 10).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body),
        [("document_type_id".into(), FieldErrorCode::NotAnOption)]
    );

    // By content, not by name: an executable called scan.pdf is refused with the first bytes
    // and not kept.
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    exe.resize(4096, 0);
    let (status, body) = upload(&resident, target.clone(), &tekening, "scan.pdf", &exe, 4096).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileTypeNotAllowed)]
    );
    // A PDF where only photos are allowed; an archive that is no office document.
    let (status, body) = upload(
        &resident,
        target.clone(),
        &foto,
        "foto.jpg",
        &pdf(2000),
        2000,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileTypeNotAllowed)]
    );
    let mut zip = b"PK\x03\x04\x14\0\0\0".to_vec();
    zip.resize(100, 1);
    let (status, _) = upload(
        &resident,
        target.clone(),
        &tekening,
        "bijlagen.zip",
        &zip,
        100,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = upload(&resident, target.clone(), &tekening, "plan.docx", &zip, 100).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a Word document is a ZIP with an office extension"
    );
    // Tiny files are checked too (fewer bytes than the signature needs).
    let (status, _) = upload(&resident, target.clone(), &tekening, "a.pdf", b"%PD", 3).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // More bytes than announced.
    let (status, body) = announce(&resident, target.clone(), &tekening, "a.pdf", 100).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = body["id"].as_str().unwrap();
    let (status, _) = send_bytes(&resident, id, 0, pdf(101)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Refused uploads are gone; only the Word document and the unfinished one remain.
    let listed: Vec<Upload> = resident
        .get_json(&format!("/api/drafts/{}/uploads", draft.id))
        .await;
    let names: Vec<&str> = listed.iter().map(|u| u.file_name.as_str()).collect();
    assert_eq!(names, ["plan.docx", "a.pdf"]);
    let files = std::fs::read_dir(server.data_dir.join("uploads"))
        .unwrap()
        .count();
    assert_eq!(files, 2, "refused files are deleted from disk");

    // An unfinished upload blocks the submit with a clear field error; removing it frees it.
    let (status, body) = resident.submit(&draft.id, "s").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body),
        [("documents".into(), FieldErrorCode::UploadIncomplete)]
    );
    let (status, _) = resident
        .send(Method::DELETE, &format!("/api/uploads/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = resident.submit(&draft.id, "s").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // The draft is submitted: no more uploads to it.
    let (status, _) = announce(&resident, target, &tekening, "laat.pdf", 10).await;
    assert_ne!(status, StatusCode::CREATED);

    // A deleted draft takes its uploads (and their files) with it.
    let other = complete_draft(&resident).await;
    let (status, body) = announce(
        &resident,
        json!({"draft": other.id}),
        &tekening,
        "b.pdf",
        50,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let upload_id = body["id"].as_str().unwrap().to_owned();
    let (status, _) = resident
        .send(Method::DELETE, &format!("/api/drafts/{}", other.id), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        resident
            .send(Method::GET, &format!("/api/uploads/{upload_id}"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert!(!server.data_dir.join("uploads").join(&upload_id).exists());
}

both_backends!(nobody_reaches_another_residents_uploads_or_documents);
async fn nobody_reaches_another_residents_uploads_or_documents(server: Server) {
    let alice = Browser::logged_in(&server, BSN_A).await;
    let bob = Browser::logged_in(&server, BSN_B).await;
    let kap = product(&alice, "Kapvergunning").await;
    let tekening = document_type(&kap, "Situatietekening");
    let alice_case = submitted(&alice, "a").await;
    let bob_case = submitted(&bob, "b").await;
    let (status, body) = upload(
        &alice,
        json!({"case": alice_case.case_id}),
        &tekening,
        "alice.pdf",
        &pdf(5000),
        5000,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = upload(
        &bob,
        json!({"case": bob_case.case_id}),
        &tekening,
        "bob.pdf",
        &pdf(6000),
        6000,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let alice_doc = alice
        .get_json::<CaseDetail>(&format!("/api/cases/{}", alice_case.case_id))
        .await
        .documents[0]
        .id
        .clone();
    let bob_doc = bob
        .get_json::<CaseDetail>(&format!("/api/cases/{}", bob_case.case_id))
        .await
        .documents[0]
        .id
        .clone();
    let (status, body) = announce(
        &alice,
        json!({"case": alice_case.case_id}),
        &tekening,
        "x.pdf",
        10,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let pending = body["id"].as_str().unwrap().to_owned();

    // Bob tries everything with Alice's ids.
    assert_eq!(
        bob.send(Method::GET, &format!("/api/uploads/{pending}"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send_bytes(&bob, &pending, 0, pdf(10)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bob.send(Method::DELETE, &format!("/api/uploads/{pending}"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = announce(
        &bob,
        json!({"case": alice_case.case_id}),
        &tekening,
        "x.pdf",
        10,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "upload to someone else's case"
    );
    let alice_draft = complete_draft(&alice).await;
    let (status, _) = announce(
        &bob,
        json!({"draft": alice_draft.id}),
        &tekening,
        "x.pdf",
        10,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "upload to someone else's draft"
    );
    assert_eq!(
        bob.send(
            Method::GET,
            &format!("/api/drafts/{}/uploads", alice_draft.id),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    for (case, document) in [
        (&alice_case.case_id, &alice_doc),
        // Bob's own case with Alice's document id.
        (&bob_case.case_id, &alice_doc),
        (
            &bob_case.case_id,
            &"6f1c1a52-7c55-4a39-9a38-111111111111".to_owned(),
        ),
        (&bob_case.case_id, &"..%2F..%2Fetc".to_owned()),
    ] {
        let response = download(&bob, case, document).await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "{case} {document}"
        );
    }
    // Alice's own case with Bob's document id is just as unknown.
    let response = download(&alice, &alice_case.case_id, &bob_doc).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // Without a session nothing at all.
    let anonymous = Browser::new(&server).await;
    let response = download(&anonymous, &alice_case.case_id, &alice_doc).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // And Alice still gets hers.
    let response = download(&alice, &alice_case.case_id, &alice_doc).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_closed_case_takes_no_documents() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let submission = submitted(&resident, "k").await;
    let behandelaar = Browser::staff(&server, "behandelaar", "behandelaar-demo-wachtwoord").await;
    staff_close(&behandelaar, &submission.case_id, "Verleend").await;
    let (status, body) = announce(
        &resident,
        json!({"case": submission.case_id}),
        &document_type(&kap, "Situatietekening"),
        "laat.pdf",
        100,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&body), ErrorCode::CaseClosed);
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert!(
        detail.document_types.is_empty(),
        "nothing to add to a closed case"
    );
}

/// A clamd of our own, with a one-signature database that detects the EICAR string anywhere
/// in a file (freshclam's databases can't be downloaded here, and needn't be: the test is
/// about Loket's handling of the verdict).
struct Clamd {
    child: std::process::Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_clamd() -> Clamd {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    std::fs::create_dir_all(&db).unwrap();
    let hex: String = EICAR.bytes().map(|b| format!("{b:02x}")).collect();
    std::fs::write(
        db.join("loket-test.ndb"),
        format!("Loket-Test-Eicar:0:*:{hex}\n"),
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = dir.path().join("clamd.conf");
    std::fs::write(
        &config,
        format!(
            "Foreground yes\nDatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nStreamMaxLength 100M\n",
            db.display()
        ),
    )
    .unwrap();
    let clamd = ["/usr/sbin/clamd", "/usr/bin/clamd"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("clamd not installed: scripts/setup.sh installs clamav-daemon");
    let child = std::process::Command::new(clamd)
        .arg(format!("--config-file={}", config.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for PING → PONG (clamd loads its database first).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let _ = stream.write_all(b"zPING\0").await;
            let mut reply = [0u8; 5];
            if stream.read_exact(&mut reply).await.is_ok() && &reply == b"PONG\0" {
                break;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "clamd did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Clamd {
        child,
        port,
        _dir: dir,
    }
}

#[tokio::test]
async fn infected_files_are_refused_and_never_stored() {
    let clamd = start_clamd().await;
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = common::config(dir.path(), listener.local_addr().unwrap());
    config.uploads.clamav = Some(format!("tcp://127.0.0.1:{}", clamd.port).parse().unwrap());
    let server = serve(config, listener).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let tekening = document_type(&kap, "Situatietekening");
    let submission = submitted(&resident, "k").await;
    let target = json!({"case": submission.case_id});

    // A PDF carrying the EICAR string, past the content check, caught by the scanner.
    let mut infected = b"%PDF-1.4\n".to_vec();
    infected.extend_from_slice(EICAR.as_bytes());
    infected.extend_from_slice(b"\n%%EOF\n");
    let (status, body) = announce(
        &resident,
        target.clone(),
        &tekening,
        "besmet.pdf",
        infected.len(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = body["id"].as_str().unwrap().to_owned();
    let (status, body) = send_bytes(&resident, &id, 0, infected).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileInfected)]
    );
    assert_eq!(
        resident
            .send(Method::GET, &format!("/api/uploads/{id}"), None)
            .await
            .0,
        StatusCode::NOT_FOUND,
        "the upload is gone"
    );
    assert_eq!(
        std::fs::read_dir(server.data_dir.join("uploads"))
            .unwrap()
            .count(),
        0,
        "and so is its file"
    );

    // A clean file passes the same scanner into the case.
    let clean = pdf(200_000);
    let (status, body) = upload(
        &resident,
        target.clone(),
        &tekening,
        "schoon.pdf",
        &clean,
        100_000,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "stored");
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    let names: Vec<&str> = detail
        .documents
        .iter()
        .map(|d| d.file_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["schoon.pdf"],
        "the infected file never reached the case"
    );

    // Scanner down: nothing is stored, the file is kept (not sent again), and a retry — an
    // empty PATCH at the end — scans again.
    drop(clamd);
    let (status, body) = upload(
        &resident,
        target.clone(),
        &tekening,
        "later.pdf",
        &clean,
        200_000,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileScanFailed)]
    );
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    assert_eq!(detail.documents.len(), 1);
    let waiting = &detail.uploads[0];
    assert_eq!(waiting.state, UploadState::Receiving);
    assert_eq!(waiting.received_bytes, waiting.size_bytes);
    let (status, body) = send_bytes(&resident, &waiting.id, clean.len(), Vec::new()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        field_codes(&body),
        [("file".into(), FieldErrorCode::FileScanFailed)]
    );
}

#[tokio::test]
async fn staff_send_paper_documents_for_a_resident_and_every_step_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let submission = submitted(&resident, "k").await;
    let kcc = Browser::staff(&server, "kcc", "kcc-demo-wachtwoord").await;
    let scan = pdf(300_000);
    let target = json!({"case": submission.case_id});
    let (status, body) = kcc
        .send(
            Method::POST,
            "/api/staff/uploads",
            Some(json!({"target": target, "document_type_id": document_type(&kap, "Situatietekening"),
                        "file_name": "tekening (per post).pdf", "size_bytes": scan.len()})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    // Nobody else sees the staff member's upload while it is on its way.
    assert_eq!(
        resident
            .send(Method::GET, &format!("/api/uploads/{id}"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let behandelaar = Browser::staff(&server, "behandelaar", "behandelaar-demo-wachtwoord").await;
    assert_eq!(
        behandelaar
            .send(Method::GET, &format!("/api/staff/uploads/{id}"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let response = kcc
        .http
        .patch(format!("{}/api/staff/uploads/{id}", kcc.base))
        .header("x-csrf-token", &kcc.csrf)
        .header(UPLOAD_OFFSET_HEADER, "0")
        .body(scan.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let upload: Upload = response.json().await.unwrap();
    assert_eq!(upload.state, UploadState::Stored);

    // The resident finds it among their documents and can download it.
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    let document = detail
        .documents
        .iter()
        .find(|d| d.file_name == "tekening (per post).pdf")
        .expect("the paper document is in the case");
    let response = download(&resident, &submission.case_id, &document.id).await;
    assert_eq!(response.bytes().await.unwrap().to_vec(), scan);
    // Staff download it too — logged.
    let response = kcc
        .http
        .get(format!(
            "{}/api/staff/cases/{}/documents/{}",
            kcc.base, submission.case_id, document.id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.bytes().await.unwrap().to_vec(), scan);

    let auditor = Browser::staff(&server, "auditor", "auditor-demo-wachtwoord").await;
    let (status, body) = auditor
        .send(
            Method::POST,
            "/api/staff/access-log/search",
            Some(json!({"staff": "kcc"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let entries: Vec<loket_api::staff::AccessLogEntry> = serde_json::from_value(body).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"upload_document"), "{actions:?}");
    assert!(actions.contains(&"download_document"), "{actions:?}");
    assert!(entries.iter().all(|e| e.bsn == BSN_A));
    // The auditor may not upload.
    let (status, _) = auditor
        .send(
            Method::POST,
            "/api/staff/uploads",
            Some(json!({"target": {"case": submission.case_id}, "document_type_id": document_type(&kap, "Situatietekening"),
                        "file_name": "x.pdf", "size_bytes": 10})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
