//! HTTP-level tests of the Documenten API (and the zaak–document relation) on SQLite and
//! PostgreSQL: inline content and download, validation, locking and versions, the large-file
//! flow with resume, gebruiksrechten, relations with zaken, delete rules and the audit trail.

mod common;

use std::sync::atomic::Ordering;

use axum::http::{Method, StatusCode};
use base64::Engine;
use common::fixtures::{self, ZaaktypeFixture};
use common::TestApi;
use serde_json::{json, Value};

const DOCS: &str = "/documenten/api/v1";

fn document_body(zt: &ZaaktypeFixture, content: Option<&[u8]>) -> Value {
    json!({
        "bronorganisatie": "002220647",
        "creatiedatum": "2026-11-28",
        "titel": "Foto van de boom",
        "auteur": "J. Jansen",
        "taal": "dut",
        "informatieobjecttype": zt.informatieobjecttype,
        "bestandsnaam": "boom.jpg",
        "formaat": "image/jpeg",
        "inhoud": content.map(|c| base64::engine::general_purpose::STANDARD.encode(c)),
    })
}

async fn download(api: &TestApi, url: &str) -> (StatusCode, Vec<u8>) {
    let reply = api.send(Method::GET, url, None, &[]).await;
    (reply.status, reply.bytes)
}

/// A multipart/form-data body with the part's bytes and lock.
fn multipart(content: &[u8], lock: &str) -> (Vec<u8>, String) {
    let boundary = "loket-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n{lock}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"deel\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={boundary}"))
}

async fn put_part(api: &TestApi, url: &str, content: &[u8], lock: &str) -> common::Reply {
    let (body, content_type) = multipart(content, lock);
    api.raw(
        Method::PUT,
        url,
        Some(body),
        &[
            ("authorization", format!("Bearer {}", api.token())),
            ("content-type", content_type),
        ],
    )
    .await
}

both_backends!(inline_content_round_trips_through_download, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let content = b"\xff\xd8\xff\xe0 een echte foto".to_vec();
    let reply = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(&content)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    let doc = reply.json;
    assert!(doc["identificatie"]
        .as_str()
        .unwrap()
        .starts_with("DOCUMENT-2026-"));
    assert_eq!(doc["versie"], 1);
    assert_eq!(doc["bestandsomvang"], content.len());
    assert_eq!(doc["locked"], false);
    assert_eq!(doc["vertrouwelijkheidaanduiding"], "openbaar");
    let (status, bytes) = download(&api, doc["inhoud"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, content);
    let detail = api.get(doc["url"].as_str().unwrap()).await;
    assert_eq!(detail.json, doc);
    let list = api
        .get(&format!(
            "{DOCS}/enkelvoudiginformatieobjecten?identificatie={}",
            doc["identificatie"].as_str().unwrap()
        ))
        .await;
    assert_eq!(list.json["count"], 1);
});

both_backends!(invalid_documents_are_refused_with_codes, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let reply = api
        .post(&format!("{DOCS}/enkelvoudiginformatieobjecten"), &json!({}))
        .await;
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "auteur:required",
            "bronorganisatie:required",
            "creatiedatum:required",
            "informatieobjecttype:required",
            "taal:required",
            "titel:required"
        ]
    );
    let mut body = document_body(&zt, None);
    body["inhoud"] = json!("!!geen base64!!");
    body["taal"] = json!("nl");
    body["status"] = json!("in_bewerking");
    body["ontvangstdatum"] = json!("2026-11-27");
    let reply = api
        .post(&format!("{DOCS}/enkelvoudiginformatieobjecten"), &body)
        .await;
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "inhoud:invalid",
            "status:invalid_for_received",
            "taal:min_length"
        ]
    );
});

both_backends!(updates_need_the_lock_and_make_versions, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let doc = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(b"versie een")),
        )
        .await
        .json;
    let url = doc["url"].as_str().unwrap();
    let unlocked = api.patch(url, &json!({"titel": "Nieuw"})).await;
    assert_eq!(unlocked.invalid_params(), vec!["nonFieldErrors:unlocked"]);
    let lock = api.post(&format!("{url}/lock"), &json!({})).await;
    assert_eq!(lock.status, StatusCode::OK);
    let token = lock.json["lock"].as_str().unwrap().to_owned();
    let again = api.post(&format!("{url}/lock"), &json!({})).await;
    assert_eq!(again.invalid_params(), vec!["nonFieldErrors:existing-lock"]);
    let missing = api.patch(url, &json!({"titel": "Nieuw"})).await;
    assert_eq!(
        missing.invalid_params(),
        vec!["nonFieldErrors:missing-lock-id"]
    );
    let wrong = api
        .patch(url, &json!({"titel": "Nieuw", "lock": "fout"}))
        .await;
    assert_eq!(
        wrong.invalid_params(),
        vec!["nonFieldErrors:incorrect-lock-id"]
    );
    let new_content = base64::engine::general_purpose::STANDARD.encode(b"versie twee");
    let updated = api
        .patch(
            url,
            &json!({"titel": "Nieuw", "lock": token, "inhoud": new_content}),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.json);
    assert_eq!(updated.json["versie"], 2);
    assert_eq!(updated.json["titel"], "Nieuw");
    let (_, current) = download(&api, &format!("{url}/download")).await;
    assert_eq!(current, b"versie twee");
    let (_, first) = download(&api, &format!("{url}/download?versie=1")).await;
    assert_eq!(first, b"versie een");
    let old = api.get(&format!("{url}?versie=1")).await;
    assert_eq!(old.json["titel"], "Foto van de boom");
    let unlock = api
        .post(&format!("{url}/unlock"), &json!({"lock": token}))
        .await;
    assert_eq!(unlock.status, StatusCode::NO_CONTENT);
    assert_eq!(api.get(url).await.json["locked"], false);
    let trail = api.get(&format!("{url}/audittrail")).await.json;
    let acties: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["actie"].as_str().unwrap())
        .collect();
    assert_eq!(acties, vec!["create", "partial_update"]);
    assert_eq!(trail[0]["bron"], "drc");
});

both_backends!(large_files_arrive_in_parts_and_resume, |api| {
    api.api.document_part_size.store(1000, Ordering::Relaxed);
    let zt = fixtures::published_zaaktype(&api).await;
    let content: Vec<u8> = (0..2500u32).map(|i| (i % 251) as u8).collect();
    let mut body = document_body(&zt, None);
    body["inhoud"] = Value::Null;
    body["bestandsomvang"] = json!(content.len());
    let created = api
        .post(&format!("{DOCS}/enkelvoudiginformatieobjecten"), &body)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    let doc = created.json;
    assert_eq!(doc["locked"], true);
    assert_eq!(doc["inhoud"], Value::Null);
    let lock = doc["lock"].as_str().unwrap().to_owned();
    let parts = doc["bestandsdelen"].as_array().unwrap().clone();
    let sizes: Vec<i64> = parts
        .iter()
        .map(|p| p["omvang"].as_i64().unwrap())
        .collect();
    assert_eq!(sizes, vec![1000, 1000, 500]);
    let url = doc["url"].as_str().unwrap();

    let first = put_part(
        &api,
        parts[0]["url"].as_str().unwrap(),
        &content[..1000],
        &lock,
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.json);
    assert_eq!(first.json["voltooid"], true);
    let wrong_size = put_part(
        &api,
        parts[1]["url"].as_str().unwrap(),
        &content[1000..1500],
        &lock,
    )
    .await;
    assert_eq!(wrong_size.invalid_params(), vec!["inhoud:file-size"]);
    let wrong_lock = put_part(
        &api,
        parts[1]["url"].as_str().unwrap(),
        &content[1000..2000],
        "fout",
    )
    .await;
    assert_eq!(wrong_lock.invalid_params(), vec!["lock:incorrect-lock-id"]);
    let incomplete = api
        .post(&format!("{url}/unlock"), &json!({"lock": lock}))
        .await;
    assert_eq!(
        incomplete.invalid_params(),
        vec!["nonFieldErrors:incomplete-upload"]
    );
    // Resume: the remaining parts, and part 1 sent again (it replaces the first copy).
    put_part(
        &api,
        parts[1]["url"].as_str().unwrap(),
        &content[1000..2000],
        &lock,
    )
    .await;
    put_part(
        &api,
        parts[2]["url"].as_str().unwrap(),
        &content[2000..],
        &lock,
    )
    .await;
    let resent = put_part(
        &api,
        parts[0]["url"].as_str().unwrap(),
        &content[..1000],
        &lock,
    )
    .await;
    assert_eq!(resent.status, StatusCode::OK);
    let unlocked = api
        .post(&format!("{url}/unlock"), &json!({"lock": lock}))
        .await;
    assert_eq!(unlocked.status, StatusCode::NO_CONTENT, "{}", unlocked.json);
    let stored = api.get(url).await.json;
    assert_eq!(stored["locked"], false);
    assert_eq!(stored["bestandsdelen"], json!([]));
    let (status, bytes) = download(&api, stored["inhoud"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, content);
});

both_backends!(gebruiksrechten_set_and_reset_the_indicatie, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let doc = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(b"x")),
        )
        .await
        .json;
    assert_eq!(doc["indicatieGebruiksrecht"], Value::Null);
    let recht = api
        .post(
            &format!("{DOCS}/gebruiksrechten"),
            &json!({"informatieobject": doc["url"], "startdatum": "2026-11-28T00:00:00Z", "omschrijvingVoorwaarden": "Alleen intern"}),
        )
        .await;
    assert_eq!(recht.status, StatusCode::CREATED, "{}", recht.json);
    assert_eq!(
        api.get(doc["url"].as_str().unwrap()).await.json["indicatieGebruiksrecht"],
        true
    );
    let list = api
        .get(&format!(
            "{DOCS}/gebruiksrechten?informatieobject={}",
            doc["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(list.json.as_array().unwrap().len(), 1);
    assert_eq!(
        api.delete(recht.json["url"].as_str().unwrap()).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.get(doc["url"].as_str().unwrap()).await.json["indicatieGebruiksrecht"],
        Value::Null
    );
});

both_backends!(documents_belong_to_zaken_through_both_apis, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let zaak = api
        .post(
            "/zaken/api/v1/zaken",
            &json!({"bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "zaaktype": zt.zaaktype, "startdatum": "2026-11-28"}),
        )
        .await
        .json;
    let doc = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(b"bijlage")),
        )
        .await
        .json;
    let zio = api
        .post(
            "/zaken/api/v1/zaakinformatieobjecten",
            &json!({"zaak": zaak["url"], "informatieobject": doc["url"], "titel": "Foto"}),
        )
        .await;
    assert_eq!(zio.status, StatusCode::CREATED, "{}", zio.json);
    assert_eq!(
        zio.json["aardRelatieWeergave"],
        "Hoort bij, omgekeerd: kent"
    );
    let twice = api
        .post(
            "/zaken/api/v1/zaakinformatieobjecten",
            &json!({"zaak": zaak["url"], "informatieobject": doc["url"]}),
        )
        .await;
    assert_eq!(twice.invalid_params(), vec!["nonFieldErrors:unique"]);
    let mirror = api
        .get(&format!(
            "{DOCS}/objectinformatieobjecten?object={}",
            zaak["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(mirror.json.as_array().unwrap().len(), 1);
    assert_eq!(mirror.json[0]["informatieobject"], doc["url"]);
    assert_eq!(mirror.json[0]["objectType"], "zaak");
    let stored = api.get(zaak["url"].as_str().unwrap()).await.json;
    assert_eq!(stored["zaakinformatieobjecten"], json!([zio.json["url"]]));

    // Closing needs indicatieGebruiksrecht on every document of the zaak.
    api.post(
        "/zaken/api/v1/resultaten",
        &json!({"zaak": zaak["url"], "resultaattype": zt.resultaattype}),
    )
    .await;
    let close = api
        .post("/zaken/api/v1/statussen", &json!({"zaak": zaak["url"], "statustype": zt.statustypen[2], "datumStatusGezet": "2026-11-29T10:00:00Z"}))
        .await;
    assert_eq!(
        close.invalid_params(),
        vec!["nonFieldErrors:indicatiegebruiksrecht-unset"]
    );

    // A document with relations cannot be deleted; after unlinking it can.
    let refused = api.delete(doc["url"].as_str().unwrap()).await;
    assert_eq!(
        refused.invalid_params(),
        vec!["nonFieldErrors:pending-relations"]
    );
    assert_eq!(
        api.delete(zio.json["url"].as_str().unwrap()).await.status,
        StatusCode::NO_CONTENT
    );
    let mirror = api
        .get(&format!(
            "{DOCS}/objectinformatieobjecten?object={}",
            zaak["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(mirror.json, json!([]));
    assert_eq!(
        api.delete(doc["url"].as_str().unwrap()).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.get(doc["url"].as_str().unwrap()).await.status,
        StatusCode::NOT_FOUND
    );
});

#[tokio::test]
async fn documenten_endpoints_need_a_token() {
    let api = TestApi::sqlite().await;
    for path in [
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        "/documenten/api/v1/gebruiksrechten",
        "/documenten/api/v1/objectinformatieobjecten",
    ] {
        let reply = api.raw(Method::GET, path, None, &[]).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
}
