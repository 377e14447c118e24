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

/// A document and a gebruiksrecht on it; returns (document, gebruiksrecht).
async fn document_with_recht(api: &TestApi, zt: &ZaaktypeFixture) -> (Value, Value) {
    let doc = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(zt, Some(b"x")),
        )
        .await
        .json;
    let recht = api
        .post(
            &format!("{DOCS}/gebruiksrechten"),
            &json!({"informatieobject": doc["url"], "startdatum": "2026-11-28T00:00:00Z", "omschrijvingVoorwaarden": "Alleen intern"}),
        )
        .await;
    assert_eq!(recht.status, StatusCode::CREATED, "{}", recht.json);
    (doc, recht.json)
}

both_backends!(gebruiksrechten_put_and_patch_with_audit_trail, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let (doc, recht) = document_with_recht(&api, &zt).await;
    let url = recht["url"].as_str().unwrap();
    let put = api
        .put(
            url,
            &json!({
                "informatieobject": doc["url"],
                "startdatum": "2026-12-01T09:30:00+01:00",
                "einddatum": "2027-12-01T00:00:00Z",
                "omschrijvingVoorwaarden": "Publiceren toegestaan",
            }),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.json);
    assert_eq!(
        put.json,
        json!({
            "url": url,
            "informatieobject": doc["url"],
            "startdatum": "2026-12-01T08:30:00Z",
            "einddatum": "2027-12-01T00:00:00Z",
            "omschrijvingVoorwaarden": "Publiceren toegestaan",
        })
    );
    assert_eq!(api.get(url).await.json, put.json);

    // PATCH changes only what it names; einddatum may be set back to null.
    let patched = api.patch(url, &json!({"einddatum": null})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.json);
    assert_eq!(patched.json["einddatum"], Value::Null);
    assert_eq!(patched.json["startdatum"], "2026-12-01T08:30:00Z");
    assert_eq!(
        patched.json["omschrijvingVoorwaarden"],
        "Publiceren toegestaan"
    );
    let patched = api
        .patch(
            url,
            &json!({"omschrijvingVoorwaarden": "Alleen intern gebruik"}),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.json);
    assert_eq!(
        patched.json["omschrijvingVoorwaarden"],
        "Alleen intern gebruik"
    );
    assert_eq!(api.get(url).await.json, patched.json);
    // The document keeps its indicatie and gets no new version.
    let stored_doc = api.get(doc["url"].as_str().unwrap()).await.json;
    assert_eq!(stored_doc["indicatieGebruiksrecht"], true);
    assert_eq!(stored_doc["versie"], 1);

    assert_eq!(api.delete(url).await.status, StatusCode::NO_CONTENT);
    let trail = api
        .get(&format!("{}/audittrail", doc["url"].as_str().unwrap()))
        .await
        .json;
    let entries: Vec<(&str, &str)> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["resource"].as_str().unwrap(),
                t["actie"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("enkelvoudiginformatieobject", "create"),
            ("gebruiksrechten", "create"),
            ("gebruiksrechten", "update"),
            ("gebruiksrechten", "partial_update"),
            ("gebruiksrechten", "partial_update"),
            ("gebruiksrechten", "destroy"),
        ]
    );
    let update = &trail[2];
    assert_eq!(update["resourceUrl"], url);
    assert_eq!(update["hoofdObject"], doc["url"]);
    assert_eq!(update["resultaat"], 200);
    assert_eq!(update["wijzigingen"]["oud"], recht);
    assert_eq!(update["wijzigingen"]["nieuw"], put.json);
    assert_eq!(trail[3]["wijzigingen"]["nieuw"]["einddatum"], Value::Null);
});

both_backends!(gebruiksrechten_updates_are_validated, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let (doc, recht) = document_with_recht(&api, &zt).await;
    let (other_doc, _) = document_with_recht(&api, &zt).await;
    let url = recht["url"].as_str().unwrap();

    let empty = api.put(url, &json!({})).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let mut params = empty.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "informatieobject:required",
            "omschrijvingVoorwaarden:required",
            "startdatum:required"
        ]
    );
    // PUT is the whole resource: startdatum is required even though one is stored.
    let no_start = api
        .put(
            url,
            &json!({"informatieobject": doc["url"], "omschrijvingVoorwaarden": "x"}),
        )
        .await;
    assert_eq!(no_start.invalid_params(), vec!["startdatum:required"]);
    let backwards = api
        .put(
            url,
            &json!({"informatieobject": doc["url"], "startdatum": "2026-12-01T00:00:00Z", "einddatum": "2026-11-30T23:59:59Z", "omschrijvingVoorwaarden": "x"}),
        )
        .await;
    assert_eq!(backwards.invalid_params(), vec!["einddatum:invalid"]);
    // PATCH is checked merged over the stored one: an einddatum before the stored startdatum.
    let backwards = api
        .patch(url, &json!({"einddatum": "2026-11-27T00:00:00Z"}))
        .await;
    assert_eq!(backwards.invalid_params(), vec!["einddatum:invalid"]);
    let moved = api
        .patch(url, &json!({"informatieobject": other_doc["url"]}))
        .await;
    assert_eq!(
        moved.invalid_params(),
        vec!["informatieobject:wijzigen-niet-toegelaten"]
    );
    let moved = api
        .put(
            url,
            &json!({"informatieobject": other_doc["url"], "startdatum": "2026-11-28T00:00:00Z", "omschrijvingVoorwaarden": "x"}),
        )
        .await;
    assert_eq!(
        moved.invalid_params(),
        vec!["informatieobject:wijzigen-niet-toegelaten"]
    );
    let mut params = api
        .patch(
            url,
            &json!({"startdatum": "gisteren", "omschrijvingVoorwaarden": "", "informatieobject": "geen url"}),
        )
        .await
        .invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "informatieobject:invalid",
            "omschrijvingVoorwaarden:blank",
            "startdatum:invalid"
        ]
    );
    let null_start = api.patch(url, &json!({"startdatum": null})).await;
    assert_eq!(null_start.invalid_params(), vec!["startdatum:required"]);
    let not_json = api
        .raw(
            Method::PATCH,
            url,
            Some(b"{niet json".to_vec()),
            &[("authorization", format!("Bearer {}", api.token()))],
        )
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_json.json["code"], "parse_error");
    let missing = api
        .patch(
            &format!("{DOCS}/gebruiksrechten/{}", uuid::Uuid::new_v4()),
            &json!({"omschrijvingVoorwaarden": "x"}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Nothing of the refused changes was stored or audited.
    assert_eq!(api.get(url).await.json, recht);
    let trail = api
        .get(&format!("{}/audittrail", doc["url"].as_str().unwrap()))
        .await
        .json;
    assert_eq!(trail.as_array().unwrap().len(), 2);
});

both_backends!(gebruiksrechten_list_filters_on_dates, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let doc = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(b"x")),
        )
        .await
        .json;
    let mut urls = Vec::new();
    for (start, eind, voorwaarden) in [
        ("2026-01-01T00:00:00Z", Some("2026-06-30T23:59:59Z"), "a"),
        ("2026-07-01T12:00:00+02:00", None, "b"),
        ("2027-01-01T00:00:00Z", Some("2028-01-01T00:00:00Z"), "c"),
    ] {
        let reply = api
            .post(
                &format!("{DOCS}/gebruiksrechten"),
                &json!({"informatieobject": doc["url"], "startdatum": start, "einddatum": eind, "omschrijvingVoorwaarden": voorwaarden}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
        urls.push(reply.json["url"].as_str().unwrap().to_owned());
    }
    let names = |reply: &common::Reply| -> Vec<String> {
        reply
            .json
            .as_array()
            .unwrap_or_else(|| panic!("{}", reply.json))
            .iter()
            .map(|r| r["omschrijvingVoorwaarden"].as_str().unwrap().to_owned())
            .collect()
    };
    for (query, expected) in [
        ("", vec!["a", "b", "c"]),
        ("startdatum__lt=2026-07-01T10:00:00Z", vec!["a"]),
        ("startdatum__lte=2026-07-01T10:00:00Z", vec!["a", "b"]),
        ("startdatum__gt=2026-07-01T10:00:00Z", vec!["c"]),
        ("startdatum__gte=2026-07-01T10:00:00Z", vec!["b", "c"]),
        // The same moment with an offset (encoded +, and unencoded: decoded as a space).
        (
            "startdatum__gte=2026-07-01T12:00:00%2B02:00",
            vec!["b", "c"],
        ),
        ("startdatum__gte=2026-07-01T12:00:00+02:00", vec!["b", "c"]),
        // A bare date is midnight UTC; a date-time without offset is UTC.
        ("startdatum__gte=2026-07-01", vec!["b", "c"]),
        ("startdatum__lt=2026-07-01T10:00:01", vec!["a", "b"]),
        // A null einddatum matches no einddatum comparison.
        ("einddatum__lt=2030-01-01", vec!["a", "c"]),
        ("einddatum__lte=2026-06-30T23:59:59Z", vec!["a"]),
        ("einddatum__gt=2026-06-30T23:59:59Z", vec!["c"]),
        ("einddatum__gte=2026-06-30T23:59:59Z", vec!["a", "c"]),
        (
            "startdatum__gte=2026-01-01&einddatum__lt=2027-01-01",
            vec!["a"],
        ),
    ] {
        let reply = api.get(&format!("{DOCS}/gebruiksrechten?{query}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.json);
        assert_eq!(names(&reply), expected, "{query}");
    }
    let with_document = api
        .get(&format!(
            "{DOCS}/gebruiksrechten?informatieobject={}&startdatum__gt=2026-12-31",
            doc["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(names(&with_document), vec!["c"]);
    // After an update the filters see the new dates.
    let moved = api
        .patch(&urls[2], &json!({"startdatum": "2025-01-01T00:00:00Z"}))
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.json);
    let early = api
        .get(&format!("{DOCS}/gebruiksrechten?startdatum__lt=2026-01-01"))
        .await;
    assert_eq!(names(&early), vec!["c"]);

    let invalid = api
        .get(&format!(
            "{DOCS}/gebruiksrechten?startdatum__lt=morgen&einddatum__gte=2026-13-01"
        ))
        .await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST);
    let mut params = invalid.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec!["einddatum__gte:invalid", "startdatum__lt:invalid"]
    );
    for unknown in [
        "startdatum=2026-01-01",
        "einddatum__isnull=true",
        "startdatum__lt_=2026-01-01",
    ] {
        let reply = api.get(&format!("{DOCS}/gebruiksrechten?{unknown}")).await;
        assert_eq!(
            reply.invalid_params(),
            vec!["nonFieldErrors:unknown-parameters"],
            "{unknown}"
        );
    }

    // expand=informatieobject embeds the document, on the list and the detail.
    let expanded = api
        .get(&format!(
            "{DOCS}/gebruiksrechten?expand=informatieobject&startdatum__lt=2026-01-01"
        ))
        .await;
    assert_eq!(expanded.status, StatusCode::OK, "{}", expanded.json);
    assert_eq!(
        expanded.json[0]["_expand"]["informatieobject"]["url"],
        doc["url"]
    );
    let detail = api
        .get(&format!(
            "{}?expand=informatieobject.informatieobjecttype",
            urls[0]
        ))
        .await;
    assert_eq!(
        detail.json["_expand"]["informatieobject"]["_expand"]["informatieobjecttype"]["url"],
        zt.informatieobjecttype.as_str()
    );
    let bad = api
        .get(&format!("{DOCS}/gebruiksrechten?expand=zaak"))
        .await;
    assert_eq!(bad.invalid_params(), vec!["expand:invalid-expand"]);
});

both_backends!(
    gebruiksrechten_stored_before_the_date_columns_are_backfilled,
    |api| {
        let zt = fixtures::published_zaaktype(&api).await;
        let (_, recht) = document_with_recht(&api, &zt).await;
        // As rows written before migration 0006 look.
        sqlx::query("UPDATE gebruiksrechten SET startdatum = NULL, einddatum = NULL")
            .execute(api.api.db.writer())
            .await
            .unwrap();
        let before = api
            .get(&format!(
                "{DOCS}/gebruiksrechten?startdatum__gte=2026-01-01"
            ))
            .await;
        assert_eq!(before.json, json!([]));
        assert_eq!(
            loket_caseapi::documenten::backfill(&api.api.db)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            loket_caseapi::documenten::backfill(&api.api.db)
                .await
                .unwrap(),
            0
        );
        let after = api
            .get(&format!(
                "{DOCS}/gebruiksrechten?startdatum__gte=2026-01-01"
            ))
            .await;
        assert_eq!(after.json, json!([recht]));
    }
);

// ---------------------------------------------------------------------------------------------
// Large inline content and parts, streamed: request bodies generated chunk by chunk (never a
// whole Vec), contents checked by size and SHA-256 through /download, memory by peak RSS.

mod streamed {
    use std::convert::Infallible;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use axum::body::{Body, Bytes, HttpBody};
    use axum::http::{Request, StatusCode};
    use base64::Engine;
    use http_body_util::{BodyExt, Full};
    use sha2::{Digest, Sha256};
    use tower::ServiceExt;

    use crate::common::TestApi;

    /// The heavy tests run one at a time: peak RSS is per process.
    pub static HEAVY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

    pub const MIB: u64 = 1024 * 1024;

    /// Deterministic pseudo-random content (xorshift), produced in pieces.
    pub struct Content {
        state: u64,
        left: u64,
    }

    impl Content {
        pub fn new(size: u64) -> Content {
            Content {
                state: 0x9E37_79B9_7F4A_7C15,
                left: size,
            }
        }

        /// Up to `max` more bytes (`max` a multiple of 8), or `None` at the end.
        pub fn next(&mut self, max: usize) -> Option<Vec<u8>> {
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

        /// Size and SHA-256 of the whole content, computed piece by piece.
        pub fn digest(size: u64) -> (u64, String) {
            let mut content = Content::new(size);
            let mut hasher = Sha256::new();
            while let Some(piece) = content.next(1 << 20) {
                hasher.update(&piece);
            }
            (size, format!("{:x}", hasher.finalize()))
        }
    }

    /// `Frame<Bytes>` as `http_body` names it (not a direct dependency here).
    type FrameResult =
        <http_body_util::combinators::Frame<'static, Full<Bytes>> as std::future::Future>::Output;

    /// A request body made by a generator, one chunk per poll.
    pub struct Generated(Box<dyn FnMut() -> Option<Bytes> + Send + Sync>);

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

    /// Chunks `source` into pieces of `piece` bytes (an odd size, so base64 quads and the
    /// JSON around them straddle chunk boundaries), holding at most about two pieces.
    fn rechunk(
        mut source: impl FnMut() -> Option<Vec<u8>> + Send + Sync + 'static,
        piece: usize,
    ) -> Body {
        let mut pending: Vec<u8> = Vec::new();
        let mut done = false;
        Body::new(Generated(Box::new(move || {
            while !done && pending.len() < piece {
                match source() {
                    Some(more) => pending.extend_from_slice(&more),
                    None => done = true,
                }
            }
            if pending.is_empty() {
                return None;
            }
            let n = pending.len().min(piece);
            Some(Bytes::from(pending.drain(..n).collect::<Vec<u8>>()))
        })))
    }

    /// A JSON document body `{"inhoud": "<base64 of size bytes>", …other fields}`, streamed.
    pub fn inline_body(other_fields: &serde_json::Value, size: u64) -> Body {
        let rest = other_fields.to_string();
        let mut prefix = Some(b"{\"inhoud\": \"".to_vec());
        let mut suffix = Some(format!("\", {}", &rest[1..]).into_bytes());
        let mut content = Content::new(size);
        rechunk(
            move || {
                prefix.take().or_else(|| {
                    content
                        .next(3 * 256 * 1024)
                        .map(|raw| {
                            base64::engine::general_purpose::STANDARD
                                .encode(raw)
                                .into_bytes()
                        })
                        .or_else(|| suffix.take())
                })
            },
            1_000_003,
        )
    }

    pub const BOUNDARY: &str = "loket-streamed-boundary";

    /// A multipart part upload (`lock`, then `inhoud` of size bytes), streamed.
    pub fn multipart_body(lock: &str, size: u64) -> Body {
        let mut prefix = Some(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n{lock}\r\n\
                 --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"deel\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .into_bytes(),
        );
        let mut suffix = Some(format!("\r\n--{BOUNDARY}--\r\n").into_bytes());
        let mut content = Content::new(size);
        rechunk(
            move || {
                prefix
                    .take()
                    .or_else(|| content.next(1 << 20).or_else(|| suffix.take()))
            },
            999_983,
        )
    }

    /// Sends a request with a streamed body through the router (in-process).
    pub async fn send(
        api: &TestApi,
        method: axum::http::Method,
        path: &str,
        content_type: &str,
        body: Body,
    ) -> (StatusCode, serde_json::Value) {
        let path = path.strip_prefix(crate::common::BASE).unwrap_or(path);
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {}", api.token()))
            .header("content-type", content_type)
            .body(body)
            .unwrap();
        let response = api.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    /// Size and SHA-256 of a download, hashed as it streams.
    pub async fn download_digest(api: &TestApi, url: &str) -> (u64, String) {
        let path = url.strip_prefix(crate::common::BASE).unwrap_or(url);
        let request = Request::builder()
            .uri(path)
            .header("authorization", format!("Bearer {}", api.token()))
            .body(Body::empty())
            .unwrap();
        let response = api.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let mut body = response.into_body();
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.unwrap().into_data() {
                size += data.len() as u64;
                hasher.update(&data);
            }
        }
        (size, format!("{:x}", hasher.finalize()))
    }

    /// A field of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`).
    pub fn status_kib(field: &str) -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("{field} not in /proc/self/status"))
    }

    /// Starts a peak measurement: resets the peak to the current RSS where the kernel allows
    /// (`clear_refs` 5), and returns the baseline in KiB.
    pub fn peak_baseline() -> u64 {
        if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
            status_kib("VmRSS")
        } else {
            status_kib("VmHWM")
        }
    }

    /// Growth of the peak RSS over `baseline`, in MiB.
    pub fn peak_growth_mib(baseline: u64) -> f64 {
        status_kib("VmHWM").saturating_sub(baseline) as f64 / 1024.0
    }
}

fn document_fields(zt: &ZaaktypeFixture) -> Value {
    let mut body = document_body(zt, None);
    body.as_object_mut().unwrap().remove("inhoud");
    body
}

both_backends!(inline_content_of_64_mib_streams_in, |api| {
    let _heavy = streamed::HEAVY.lock().await;
    let zt = fixtures::published_zaaktype(&api).await;
    let size = 64 * streamed::MIB + 5; // not a multiple of 3: the base64 ends padded
    let (status, doc) = streamed::send(
        &api,
        Method::POST,
        &format!("{DOCS}/enkelvoudiginformatieobjecten"),
        "application/json",
        streamed::inline_body(&document_fields(&zt), size),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    assert_eq!(doc["bestandsomvang"], size);
    assert_eq!(doc["titel"], "Foto van de boom");
    let expected = streamed::Content::digest(size);
    assert_eq!(
        streamed::download_digest(&api, doc["inhoud"].as_str().unwrap()).await,
        expected
    );
    // No temporary file is left behind.
    let tmp = api.api.documents_dir.join("tmp");
    assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0);

    // A new version through PUT, streamed the same way.
    let url = doc["url"].as_str().unwrap();
    let lock = api.post(&format!("{url}/lock"), &json!({})).await.json["lock"].clone();
    let mut fields = document_fields(&zt);
    fields["lock"] = lock;
    fields["titel"] = json!("Tweede versie");
    let size = 3 * streamed::MIB + 1;
    let (status, updated) = streamed::send(
        &api,
        Method::PUT,
        url,
        "application/json",
        streamed::inline_body(&fields, size),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["versie"], 2);
    assert_eq!(updated["bestandsomvang"], size);
    assert_eq!(updated["titel"], "Tweede versie");
    assert_eq!(
        streamed::download_digest(&api, &format!("{url}/download")).await,
        streamed::Content::digest(size)
    );
    assert_eq!(
        streamed::download_digest(&api, &format!("{url}/download?versie=1")).await,
        expected
    );
});

both_backends!(inline_upload_memory_stays_flat, |api| {
    let _heavy = streamed::HEAVY.lock().await;
    let zt = fixtures::published_zaaktype(&api).await;
    // Warm up (pools, catalogue lookups, first file) before measuring.
    let warm = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(b"warm")),
        )
        .await;
    assert_eq!(warm.status, StatusCode::CREATED);
    let size = 256 * streamed::MIB;
    let baseline = streamed::peak_baseline();
    let (status, doc) = streamed::send(
        &api,
        Method::POST,
        &format!("{DOCS}/enkelvoudiginformatieobjecten"),
        "application/json",
        streamed::inline_body(&document_fields(&zt), size),
    )
    .await;
    let growth = streamed::peak_growth_mib(baseline);
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    assert_eq!(doc["bestandsomvang"], size);
    println!(
        "inline upload of {} MiB: peak RSS growth {growth:.1} MiB",
        size / streamed::MIB
    );
    assert!(
        growth < 64.0,
        "peak RSS grew {growth:.1} MiB uploading {size} bytes inline"
    );
    let uuid = doc["url"].as_str().unwrap().rsplit('/').next().unwrap();
    let stored = std::fs::metadata(api.api.documents_dir.join(uuid).join("1")).unwrap();
    assert_eq!(stored.len(), size);
});

both_backends!(part_upload_memory_stays_flat, |api| {
    let _heavy = streamed::HEAVY.lock().await;
    let zt = fixtures::published_zaaktype(&api).await;
    let size = 64 * streamed::MIB + 3;
    let mut body = document_body(&zt, None);
    body["inhoud"] = Value::Null;
    body["bestandsomvang"] = json!(size);
    let created = api
        .post(&format!("{DOCS}/enkelvoudiginformatieobjecten"), &body)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    let doc = created.json;
    let parts = doc["bestandsdelen"].as_array().unwrap().clone();
    assert_eq!(parts.len(), 1, "one part at the default part size");
    let lock = doc["lock"].as_str().unwrap();
    let baseline = streamed::peak_baseline();
    let (status, part) = streamed::send(
        &api,
        Method::PUT,
        parts[0]["url"].as_str().unwrap(),
        &format!("multipart/form-data; boundary={}", streamed::BOUNDARY),
        streamed::multipart_body(lock, size),
    )
    .await;
    let growth = streamed::peak_growth_mib(baseline);
    assert_eq!(status, StatusCode::OK, "{part}");
    assert_eq!(part["voltooid"], true);
    println!(
        "part upload of {} MiB: peak RSS growth {growth:.1} MiB",
        size / streamed::MIB
    );
    assert!(
        growth < 64.0,
        "peak RSS grew {growth:.1} MiB uploading a {size} byte part"
    );
    let url = doc["url"].as_str().unwrap();
    let unlocked = api
        .post(&format!("{url}/unlock"), &json!({"lock": lock}))
        .await;
    assert_eq!(unlocked.status, StatusCode::NO_CONTENT, "{}", unlocked.json);
    assert_eq!(
        streamed::download_digest(&api, &format!("{url}/download")).await,
        streamed::Content::digest(size)
    );
});

both_backends!(inline_bodies_keep_their_errors, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let collection = format!("{DOCS}/enkelvoudiginformatieobjecten");
    let auth = ("authorization", format!("Bearer {}", api.token()));
    // Truncated in the middle of inhoud, and malformed after it: 400 parse_error.
    let full = document_body(&zt, Some(b"inhoud van het bestand")).to_string();
    let cut = full.find("\"inhoud\"").unwrap() + 15;
    for body in [
        full[..cut].to_owned(),
        full.replace("\"titel\":", "\"titel\""),
    ] {
        let reply = api
            .raw(
                Method::POST,
                &collection,
                Some(body.into_bytes()),
                std::slice::from_ref(&auth),
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.json);
        assert_eq!(reply.json["code"], "parse_error");
        assert_eq!(reply.headers["content-type"], zgw::PROBLEM_JSON);
    }
    let reply = api
        .raw(
            Method::POST,
            &collection,
            Some(b"[1, 2]".to_vec()),
            std::slice::from_ref(&auth),
        )
        .await;
    assert_eq!(reply.json["code"], "parse_error");
    // Another content type: 415.
    let reply = api
        .raw(
            Method::POST,
            &collection,
            Some(full.clone().into_bytes()),
            &[auth.clone(), ("content-type", "text/plain".into())],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // inhoud that is not a string, or not base64, next to other invalid fields.
    let mut body = document_body(&zt, None);
    body["inhoud"] = json!(12);
    body["titel"] = json!("");
    let reply = api.post(&collection, &body).await;
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(params, vec!["inhoud:invalid", "titel:blank"]);
    // Line-wrapped base64 (an escaped newline in the JSON) is whitespace: skipped.
    body["inhoud"] = json!("YWJj\nZGVm");
    body["titel"] = json!("Regels");
    let reply = api.post(&collection, &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    assert_eq!(reply.json["bestandsomvang"], 6);
    let (_, bytes) = download(&api, reply.json["inhoud"].as_str().unwrap()).await;
    assert_eq!(bytes, b"abcdef");
    body["inhoud"] = json!("YWJj=ZGVm");
    let reply = api.post(&collection, &body).await;
    assert_eq!(reply.invalid_params(), vec!["inhoud:invalid"]);
    // An empty string is an empty file.
    body["inhoud"] = json!("");
    let reply = api.post(&collection, &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    assert_eq!(reply.json["bestandsomvang"], 0);
    assert_eq!(reply.json["locked"], false);
    // inhoud null with bestandsomvang is the large-file flow, as before.
    body["inhoud"] = Value::Null;
    body["bestandsomvang"] = json!(10);
    let reply = api.post(&collection, &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    assert_eq!(reply.json["locked"], true);
    body["bestandsomvang"] = json!(-1);
    let reply = api.post(&collection, &body).await;
    assert_eq!(reply.invalid_params(), vec!["bestandsomvang:min_value"]);
    // Over the limit: refused by its declared length before anything is read.
    let reply = api
        .raw(
            Method::POST,
            &collection,
            Some(b"{}".to_vec()),
            &[
                auth.clone(),
                (
                    "content-length",
                    (loket_caseapi::documenten::MAX_INLINE_BODY + 1).to_string(),
                ),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.headers["content-type"], zgw::PROBLEM_JSON);
    // Other fields beyond their budget: 413 as well.
    let mut body = document_body(&zt, Some(b"x"));
    body["beschrijving"] = json!("x".repeat(loket_caseapi::documenten::MAX_METADATA + 1));
    let reply = api.post(&collection, &body).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Nothing of the refused bodies stayed on disk.
    let tmp = api.api.documents_dir.join("tmp");
    assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0);
});

/// Reads `value` as `T` (a zgw type), panicking with the JSON when it does not fit; writes the
/// JSON to `$LOKET_DUMP_SERVED/<name>.json` when that is set (how the zgw crate's fixtures
/// were captured).
fn read_as<T: serde::de::DeserializeOwned>(name: &str, value: &Value) -> T {
    if let Ok(dir) = std::env::var("LOKET_DUMP_SERVED") {
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.json")),
            serde_json::to_string_pretty(value).unwrap(),
        )
        .unwrap();
    }
    serde_json::from_value(value.clone()).unwrap_or_else(|e| {
        panic!(
            "{name} does not read as {}: {e}\n{value:#}",
            std::any::type_name::<T>()
        )
    })
}

both_backends!(served_zaken_and_documenten_read_as_zgw_types, |api| {
    use zgw::{documenten as drc, zaken as zrc};
    let zt = fixtures::published_zaaktype(&api).await;
    let zaak = api
        .post(
            "/zaken/api/v1/zaken",
            &json!({
                "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647",
                "zaaktype": zt.zaaktype, "startdatum": "2026-11-28", "omschrijving": "Kapvergunning",
                "kenmerken": [{"kenmerk": "AANVRAAG-1", "bron": "loket"}],
            }),
        )
        .await;
    assert_eq!(zaak.status, StatusCode::CREATED, "{}", zaak.json);
    let zaak_url = zaak.json["url"].as_str().unwrap().to_owned();
    let initiator = api
        .post(
            "/zaken/api/v1/rollen",
            &json!({
                "zaak": zaak_url, "betrokkeneType": "natuurlijk_persoon", "roltype": zt.roltype_initiator,
                "roltoelichting": "Aanvrager",
                "betrokkeneIdentificatie": {"inpBsn": "999993653", "geslachtsnaam": "Jansen", "voorletters": "J", "geslachtsaanduiding": "v"},
                "contactpersoonRol": {"naam": "J. Jansen", "emailadres": "j@example.org", "telefoonnummer": "0612345678"},
            }),
        )
        .await;
    assert_eq!(initiator.status, StatusCode::CREATED, "{}", initiator.json);
    let behandelaar = api
        .post(
            "/zaken/api/v1/rollen",
            &json!({
                "zaak": zaak_url, "betrokkeneType": "medewerker", "roltype": zt.roltype_behandelaar,
                "roltoelichting": "Behandelaar",
                "betrokkeneIdentificatie": {"identificatie": "m123", "achternaam": "Vries", "voorvoegselAchternaam": "de", "voorletters": "A"},
            }),
        )
        .await;
    assert_eq!(
        behandelaar.status,
        StatusCode::CREATED,
        "{}",
        behandelaar.json
    );
    let status = api
        .post(
            "/zaken/api/v1/statussen",
            &json!({"zaak": zaak_url, "statustype": zt.statustypen[0], "datumStatusGezet": "2026-11-28T10:00:00Z", "statustoelichting": "Ontvangen"}),
        )
        .await;
    assert_eq!(status.status, StatusCode::CREATED, "{}", status.json);
    let eigenschap = api
        .post(
            &format!("{zaak_url}/zaakeigenschappen"),
            &json!({"zaak": zaak_url, "eigenschap": zt.eigenschap_getal, "waarde": "3"}),
        )
        .await;
    assert_eq!(
        eigenschap.status,
        StatusCode::CREATED,
        "{}",
        eigenschap.json
    );
    let resultaat = api
        .post(
            "/zaken/api/v1/resultaten",
            &json!({"zaak": zaak_url, "resultaattype": zt.resultaattype, "toelichting": "Verleend"}),
        )
        .await;
    assert_eq!(resultaat.status, StatusCode::CREATED, "{}", resultaat.json);
    let klantcontact = api
        .post(
            "/zaken/api/v1/klantcontacten",
            &json!({"zaak": zaak_url, "datumtijd": "2026-11-28T11:00:00Z", "kanaal": "telefoon", "onderwerp": "Vraag"}),
        )
        .await;
    assert_eq!(
        klantcontact.status,
        StatusCode::CREATED,
        "{}",
        klantcontact.json
    );
    let document = api
        .post(
            &format!("{DOCS}/enkelvoudiginformatieobjecten"),
            &document_body(&zt, Some(b"foto")),
        )
        .await;
    assert_eq!(document.status, StatusCode::CREATED, "{}", document.json);
    let doc_url = document.json["url"].as_str().unwrap().to_owned();
    let zio = api
        .post(
            "/zaken/api/v1/zaakinformatieobjecten",
            &json!({"zaak": zaak_url, "informatieobject": doc_url, "titel": "Foto"}),
        )
        .await;
    assert_eq!(zio.status, StatusCode::CREATED, "{}", zio.json);
    let recht = api
        .post(
            &format!("{DOCS}/gebruiksrechten"),
            &json!({"informatieobject": doc_url, "startdatum": "2026-11-28T00:00:00Z", "omschrijvingVoorwaarden": "Alleen intern"}),
        )
        .await;
    assert_eq!(recht.status, StatusCode::CREATED, "{}", recht.json);
    let mut large = document_body(&zt, None);
    large["inhoud"] = Value::Null;
    large["bestandsomvang"] = json!(10);
    let large = api
        .post(&format!("{DOCS}/enkelvoudiginformatieobjecten"), &large)
        .await;
    assert_eq!(large.status, StatusCode::CREATED, "{}", large.json);

    // Zaken, read back as served (with expand where the portal uses it).
    let list = api
        .get("/zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=999993653&expand=zaaktype,status.statustype,rollen,resultaat,eigenschappen")
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.json);
    let list: zrc::Paginated<zrc::Zaak> = read_as("zaken_list_expanded", &list.json);
    assert_eq!(list.count, 1);
    let listed = &list.results[0];
    assert_eq!(listed.url, zaak_url);
    assert_eq!(
        listed.kenmerken,
        vec![zrc::ZaakKenmerk {
            kenmerk: "AANVRAAG-1".into(),
            bron: "loket".into()
        }]
    );
    let expand = listed.expand.as_ref().expect("_expand");
    assert_eq!(expand.zaaktype.as_ref().unwrap().url, zt.zaaktype);
    let current = expand.status.as_ref().unwrap();
    assert!(current.indicatie_laatst_gezette_status);
    assert_eq!(
        current
            .expand
            .as_ref()
            .unwrap()
            .statustype
            .as_ref()
            .unwrap()
            .url,
        zt.statustypen[0]
    );
    assert_eq!(expand.rollen.as_ref().unwrap().len(), 2);
    assert_eq!(expand.resultaat.as_ref().unwrap().toelichting, "Verleend");
    assert_eq!(expand.eigenschappen.as_ref().unwrap()[0].waarde, "3");
    let detail: zrc::Zaak = read_as("zaak", &api.get(&zaak_url).await.json);
    assert_eq!(detail.status.as_deref(), status.json["url"].as_str());
    assert_eq!(detail.resultaat.as_deref(), resultaat.json["url"].as_str());
    assert_eq!(
        detail.zaakinformatieobjecten,
        vec![zio.json["url"].as_str().unwrap().to_owned()]
    );
    assert!(detail.expand.is_none());

    let rol: zrc::Rol = read_as(
        "rol_natuurlijk_persoon",
        &api.get(initiator.json["url"].as_str().unwrap()).await.json,
    );
    assert_eq!(rol.betrokkene_identificatie.bsn(), Some("999993653"));
    assert_eq!(
        rol.betrokkene_identificatie.betrokkene_type(),
        "natuurlijk_persoon"
    );
    assert_eq!(rol.omschrijving_generiek, "initiator");
    assert_eq!(rol.contactpersoon_rol.as_ref().unwrap().naam, "J. Jansen");
    let rol: zrc::Rol = read_as(
        "rol_medewerker",
        &api.get(behandelaar.json["url"].as_str().unwrap())
            .await
            .json,
    );
    let zrc::Betrokkene::Medewerker(Some(medewerker)) = &rol.betrokkene_identificatie else {
        panic!("{:?}", rol.betrokkene_identificatie)
    };
    assert_eq!(medewerker.achternaam, "Vries");
    assert_eq!(rol.contactpersoon_rol, None);
    // Serialising gives the OAS shape back.
    let written = serde_json::to_value(&rol).unwrap();
    assert_eq!(written["betrokkeneType"], "medewerker");
    assert_eq!(
        written["betrokkeneIdentificatie"]["voorvoegselAchternaam"],
        "de"
    );
    let rollen: zrc::Paginated<zrc::Rol> = read_as(
        "rollen_list",
        &api.get(&format!("/zaken/api/v1/rollen?zaak={zaak_url}"))
            .await
            .json,
    );
    assert_eq!(rollen.count, 2);
    let statussen: zrc::Paginated<zrc::Status> = read_as(
        "statussen_list",
        &api.get(&format!("/zaken/api/v1/statussen?zaak={zaak_url}"))
            .await
            .json,
    );
    assert_eq!(statussen.results[0].statustoelichting, "Ontvangen");
    let _: zrc::Resultaat = read_as("resultaat", &resultaat.json);
    let _: zrc::Resultaat = read_as(
        "resultaat_detail",
        &api.get(resultaat.json["url"].as_str().unwrap()).await.json,
    );
    let eigenschappen: Vec<zrc::ZaakEigenschap> = read_as(
        "zaakeigenschappen_list",
        &api.get(&format!("{zaak_url}/zaakeigenschappen")).await.json,
    );
    assert_eq!(eigenschappen[0].naam, "aantal");
    let zios: Vec<zrc::ZaakInformatieObject> = read_as(
        "zaakinformatieobjecten_list",
        &api.get(&format!(
            "/zaken/api/v1/zaakinformatieobjecten?zaak={zaak_url}"
        ))
        .await
        .json,
    );
    assert_eq!(zios[0].informatieobject, doc_url);
    assert_eq!(zios[0].aard_relatie_weergave, zrc::AARD_RELATIE_WEERGAVE[0]);
    let contacten: zrc::Paginated<zrc::KlantContact> = read_as(
        "klantcontacten_list",
        &api.get(&format!("/zaken/api/v1/klantcontacten?zaak={zaak_url}"))
            .await
            .json,
    );
    assert_eq!(contacten.results[0].kanaal, "telefoon");

    // Documenten.
    let doc: drc::EnkelvoudigInformatieObject = read_as(
        "enkelvoudiginformatieobject",
        &api.get(&format!("{doc_url}?expand=informatieobjecttype"))
            .await
            .json,
    );
    assert_eq!(doc.bestandsomvang, Some(4));
    assert_eq!(doc.indicatie_gebruiksrecht, Some(true));
    assert_eq!(
        doc.expand.unwrap().informatieobjecttype.unwrap().url,
        zt.informatieobjecttype
    );
    let docs: zrc::Paginated<drc::EnkelvoudigInformatieObject> = read_as(
        "enkelvoudiginformatieobjecten_list",
        &api.get(&format!("{DOCS}/enkelvoudiginformatieobjecten"))
            .await
            .json,
    );
    assert_eq!(docs.count, 2);
    let large: drc::EnkelvoudigInformatieObject =
        read_as("enkelvoudiginformatieobject_in_delen", &large.json);
    assert!(large.locked && large.inhoud.is_none() && large.lock.is_some());
    assert_eq!(large.bestandsdelen.len(), 1);
    let deel: &drc::BestandsDeel = &large.bestandsdelen[0];
    assert_eq!(
        (deel.volgnummer, deel.omvang, deel.voltooid),
        (1, 10, false)
    );
    let rechten: Vec<drc::Gebruiksrechten> = read_as(
        "gebruiksrechten_list_expanded",
        &api.get(&format!(
            "{DOCS}/gebruiksrechten?informatieobject={doc_url}&expand=informatieobject"
        ))
        .await
        .json,
    );
    assert_eq!(rechten[0].einddatum, None);
    assert_eq!(
        rechten[0]
            .expand
            .as_ref()
            .unwrap()
            .informatieobject
            .as_ref()
            .unwrap()
            .url,
        doc_url
    );
    let oios: Vec<drc::ObjectInformatieObject> = read_as(
        "objectinformatieobjecten_list",
        &api.get(&format!(
            "{DOCS}/objectinformatieobjecten?object={zaak_url}"
        ))
        .await
        .json,
    );
    assert_eq!(oios[0].object_type, "zaak");
});
