//! HTTP-level tests of the Zaken API on SQLite and PostgreSQL: zaken (validation, CRS,
//! identificatie, filters, ordering, pagination, expand, `_zoek`, updates, delete), rollen,
//! statussen (closing and reopening), resultaten, zaakeigenschappen and the audit trail.

mod common;

use axum::http::{Method, StatusCode};
use common::fixtures::{self, ZaaktypeFixture};
use common::TestApi;
use serde_json::{json, Value};

const ZAKEN: &str = "/zaken/api/v1";
const BSN_A: &str = "999993653";
const BSN_B: &str = "111222333";

fn zaak_body(zt: &ZaaktypeFixture) -> Value {
    json!({
        "bronorganisatie": "002220647",
        "verantwoordelijkeOrganisatie": "002220647",
        "zaaktype": zt.zaaktype,
        "startdatum": "2026-11-28",
        "omschrijving": "Kapvergunning voor een eik",
    })
}

async fn create_zaak(api: &TestApi, body: &Value) -> Value {
    let reply = api.post(&format!("{ZAKEN}/zaken"), body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    reply.json
}

async fn add_initiator(api: &TestApi, zt: &ZaaktypeFixture, zaak: &Value, bsn: &str) -> Value {
    let reply = api
        .post(
            &format!("{ZAKEN}/rollen"),
            &json!({
                "zaak": zaak["url"],
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": zt.roltype_initiator,
                "roltoelichting": "Aanvrager via portaal",
                "betrokkeneIdentificatie": {"inpBsn": bsn, "geslachtsnaam": "Jansen", "voorletters": "J"},
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    reply.json
}

async fn set_status(api: &TestApi, zaak: &Value, statustype: &str, datum: &str) -> common::Reply {
    api.post(
        &format!("{ZAKEN}/statussen"),
        &json!({"zaak": zaak["url"], "statustype": statustype, "datumStatusGezet": datum}),
    )
    .await
}

both_backends!(
    creates_a_zaak_with_generated_identificatie_and_defaults,
    |api| {
        let zt = fixtures::published_zaaktype(&api).await;
        let reply = api.post(&format!("{ZAKEN}/zaken"), &zaak_body(&zt)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
        let zaak = &reply.json;
        assert_eq!(reply.headers["location"], zaak["url"].as_str().unwrap());
        assert_eq!(reply.headers["content-crs"], "EPSG:4326");
        assert_eq!(reply.headers["api-version"], "1.5.1");
        let identificatie = zaak["identificatie"].as_str().unwrap();
        assert!(identificatie.starts_with("ZAAK-2026-"), "{identificatie}");
        assert_eq!(identificatie.len(), "ZAAK-2026-".len() + 10);
        assert_eq!(
            zaak["vertrouwelijkheidaanduiding"], "openbaar",
            "copied from the zaaktype"
        );
        assert_eq!(zaak["archiefstatus"], "nog_te_archiveren");
        assert_eq!(zaak["status"], Value::Null);
        assert_eq!(zaak["einddatum"], Value::Null);
        assert_eq!(zaak["rollen"], json!([]));
        let detail = api.get(zaak["url"].as_str().unwrap()).await;
        assert_eq!(detail.status, StatusCode::OK);
        assert_eq!(&detail.json, zaak);
        let second = create_zaak(&api, &zaak_body(&zt)).await;
        let n = |z: &Value| {
            z["identificatie"].as_str().unwrap()[10..]
                .parse::<u64>()
                .unwrap()
        };
        assert_eq!(n(&second), n(zaak) + 1);
    }
);

both_backends!(refuses_invalid_zaken_with_field_codes, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let reply = api.post(&format!("{ZAKEN}/zaken"), &json!({})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "bronorganisatie:required",
            "startdatum:required",
            "verantwoordelijkeOrganisatie:required",
            "zaaktype:required"
        ]
    );
    let mut body = zaak_body(&zt);
    body["bronorganisatie"] = json!("123456789");
    body["omschrijving"] = json!("x".repeat(81));
    body["productenOfDiensten"] = json!(["https://example.com/producten/onbekend"]);
    body["vertrouwelijkheidaanduiding"] = json!("supergeheim");
    let reply = api.post(&format!("{ZAKEN}/zaken"), &body).await;
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "bronorganisatie:invalid",
            "omschrijving:max_length",
            "productenOfDiensten:invalid-products-services",
            "vertrouwelijkheidaanduiding:invalid_choice"
        ]
    );
    let concept = fixtures::concept_zaaktype(&api, &zt).await;
    let reply = api
        .post(&format!("{ZAKEN}/zaken"), &zaak_body(&concept))
        .await;
    assert_eq!(reply.invalid_params(), vec!["zaaktype:not-published"]);
    let mut elsewhere = zaak_body(&zt);
    elsewhere["zaaktype"] = json!("https://elders.example.com/catalogi/api/v1/zaaktypen/1");
    let reply = api.post(&format!("{ZAKEN}/zaken"), &elsewhere).await;
    assert_eq!(reply.invalid_params(), vec!["zaaktype:bad-url"]);
});

both_backends!(crs_headers_are_required_on_zaken, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let body = zaak_body(&zt);
    let no_accept = api
        .send(Method::GET, &format!("{ZAKEN}/zaken"), None, &[])
        .await;
    assert_eq!(no_accept.status, StatusCode::PRECONDITION_FAILED);
    let wrong = api
        .send(
            Method::GET,
            &format!("{ZAKEN}/zaken"),
            None,
            &[("accept-crs", "EPSG:28992")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_ACCEPTABLE);
    let no_content = api
        .send(
            Method::POST,
            &format!("{ZAKEN}/zaken"),
            Some(&body),
            &[("accept-crs", "EPSG:4326")],
        )
        .await;
    assert_eq!(no_content.status, StatusCode::PRECONDITION_FAILED);
    // Sub-resources do not negotiate CRS.
    let statussen = api
        .send(Method::GET, &format!("{ZAKEN}/statussen"), None, &[])
        .await;
    assert_eq!(statussen.status, StatusCode::OK);
});

both_backends!(a_given_identificatie_must_be_unique, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let mut body = zaak_body(&zt);
    body["identificatie"] = json!("EIGEN-1");
    let first = create_zaak(&api, &body).await;
    assert_eq!(first["identificatie"], "EIGEN-1");
    let again = api.post(&format!("{ZAKEN}/zaken"), &body).await;
    assert_eq!(
        again.invalid_params(),
        vec!["identificatie:identificatie-niet-uniek"]
    );
});

both_backends!(lists_the_zaken_of_one_bsn_with_expand, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let mine = create_zaak(&api, &zaak_body(&zt)).await;
    add_initiator(&api, &zt, &mine, BSN_A).await;
    let theirs = create_zaak(&api, &zaak_body(&zt)).await;
    add_initiator(&api, &zt, &theirs, BSN_B).await;
    let reply = set_status(&api, &mine, &zt.statustypen[0], "2026-11-28T10:00:00Z").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);

    let list = api
        .get(&format!(
            "{ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN_A}&expand=zaaktype,status.statustype,rollen"
        ))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.json);
    assert_eq!(list.json["count"], 1);
    let zaak = &list.json["results"][0];
    assert_eq!(zaak["url"], mine["url"]);
    assert_eq!(zaak["_expand"]["zaaktype"]["url"], zt.zaaktype);
    assert_eq!(zaak["_expand"]["status"]["statustype"], zt.statustypen[0]);
    assert_eq!(
        zaak["_expand"]["status"]["_expand"]["statustype"]["url"],
        zt.statustypen[0]
    );
    assert_eq!(
        zaak["_expand"]["rollen"][0]["betrokkeneIdentificatie"]["inpBsn"],
        BSN_A
    );
    assert_eq!(
        zaak["_expand"]["rollen"][0]["omschrijvingGeneriek"],
        "initiator"
    );

    let initiators = api
        .get(&format!(
            "{ZAKEN}/zaken?rol__omschrijvingGeneriek=initiator"
        ))
        .await;
    assert_eq!(initiators.json["count"], 2);
    let nobody = api
        .get(&format!(
            "{ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=123456782"
        ))
        .await;
    assert_eq!(nobody.json["count"], 0);
    let bad_expand = api
        .get(&format!("{ZAKEN}/zaken?expand=zaaktype.catalogus"))
        .await;
    assert_eq!(bad_expand.invalid_params(), vec!["expand:invalid-expand"]);
    let unknown = api.get(&format!("{ZAKEN}/zaken?rol__bsn={BSN_A}")).await;
    assert_eq!(
        unknown.invalid_params(),
        vec!["nonFieldErrors:unknown-parameters"]
    );
    let detail = api
        .get(&format!("{}?expand=rollen", mine["url"].as_str().unwrap()))
        .await;
    assert_eq!(
        detail.json["_expand"]["rollen"].as_array().unwrap().len(),
        1
    );
});

both_backends!(rollen_are_validated_and_kept_on_the_zaak, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let other = fixtures::second_zaaktype(&api, &zt).await;
    let zaak = create_zaak(&api, &zaak_body(&zt)).await;
    let bad = api
        .post(
            &format!("{ZAKEN}/rollen"),
            &json!({
                "zaak": zaak["url"],
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": other.roltype_initiator,
                "roltoelichting": "x",
                "betrokkeneIdentificatie": {"inpBsn": "123456789"},
            }),
        )
        .await;
    let mut params = bad.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "betrokkeneIdentificatie.inpBsn:invalid",
            "roltype:zaaktype-mismatch"
        ]
    );
    let rol = add_initiator(&api, &zt, &zaak, BSN_A).await;
    let stored = api.get(zaak["url"].as_str().unwrap()).await;
    assert_eq!(stored.json["rollen"], json!([rol["url"]]));
    let by_bsn = api
        .get(&format!(
            "{ZAKEN}/rollen?betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN_A}"
        ))
        .await;
    assert_eq!(by_bsn.json["count"], 1);
    let deleted = api.delete(rol["url"].as_str().unwrap()).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let stored = api.get(zaak["url"].as_str().unwrap()).await;
    assert_eq!(stored.json["rollen"], json!([]));
    let by_bsn = api
        .get(&format!(
            "{ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN_A}"
        ))
        .await;
    assert_eq!(by_bsn.json["count"], 0);
});

both_backends!(the_eindstatus_closes_and_a_later_status_reopens, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let zaak = create_zaak(&api, &zaak_body(&zt)).await;
    let eind = &zt.statustypen[2];
    let too_early = set_status(&api, &zaak, eind, "2026-11-29T10:00:00Z").await;
    assert_eq!(
        too_early.invalid_params(),
        vec!["nonFieldErrors:resultaat-does-not-exist"]
    );
    let first = set_status(&api, &zaak, &zt.statustypen[0], "2026-11-28T09:00:00Z").await;
    assert_eq!(first.json["indicatieLaatstGezetteStatus"], true);
    let resultaat = api
        .post(
            &format!("{ZAKEN}/resultaten"),
            &json!({"zaak": zaak["url"], "resultaattype": zt.resultaattype}),
        )
        .await;
    assert_eq!(resultaat.status, StatusCode::CREATED, "{}", resultaat.json);
    let twice = api
        .post(
            &format!("{ZAKEN}/resultaten"),
            &json!({"zaak": zaak["url"], "resultaattype": zt.resultaattype}),
        )
        .await;
    assert_eq!(twice.invalid_params(), vec!["zaak:unique"]);
    let closed = set_status(&api, &zaak, eind, "2026-11-29T10:00:00Z").await;
    assert_eq!(closed.status, StatusCode::CREATED, "{}", closed.json);
    let stored = api.get(zaak["url"].as_str().unwrap()).await.json;
    assert_eq!(stored["status"], closed.json["url"]);
    assert_eq!(stored["einddatum"], "2026-11-29");
    assert_eq!(stored["resultaat"], resultaat.json["url"]);
    assert_eq!(stored["archiefnominatie"], "vernietigen");
    assert_eq!(
        stored["archiefactiedatum"], "2031-11-29",
        "einddatum + P5Y (afgehandeld)"
    );
    let earlier = api.get(first.json["url"].as_str().unwrap()).await;
    assert_eq!(earlier.json["indicatieLaatstGezetteStatus"], false);
    let closed_list = api
        .get(&format!("{ZAKEN}/zaken?einddatum__isnull=false"))
        .await;
    assert_eq!(closed_list.json["count"], 1);

    let reopened = set_status(&api, &zaak, &zt.statustypen[1], "2026-11-30T10:00:00Z").await;
    assert_eq!(reopened.status, StatusCode::CREATED);
    let stored = api.get(zaak["url"].as_str().unwrap()).await.json;
    assert_eq!(stored["einddatum"], Value::Null);
    assert_eq!(stored["archiefactiedatum"], Value::Null);
    let history = api
        .get(&format!(
            "{ZAKEN}/statussen?zaak={}",
            zaak["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(history.json["count"], 3);
    let other = fixtures::second_zaaktype(&api, &zt).await;
    let mismatch = set_status(&api, &zaak, &other.statustypen[0], "2026-12-01T10:00:00Z").await;
    assert_eq!(
        mismatch.invalid_params(),
        vec!["statustype:zaaktype-mismatch"]
    );
});

both_backends!(zaakeigenschappen_follow_the_specificatie, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let zaak = create_zaak(&api, &zaak_body(&zt)).await;
    let path = format!("{}/zaakeigenschappen", zaak["url"].as_str().unwrap());
    let ok = api
        .post(
            &path,
            &json!({"zaak": zaak["url"], "eigenschap": zt.eigenschap_tekst, "waarde": "groen"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.json);
    assert_eq!(ok.json["naam"], "kleur");
    let bad = api
        .post(
            &path,
            &json!({"zaak": zaak["url"], "eigenschap": zt.eigenschap_tekst, "waarde": "paars"}),
        )
        .await;
    assert_eq!(bad.invalid_params(), vec!["waarde:invalid"]);
    let list = api.get(&path).await;
    assert_eq!(list.json.as_array().unwrap().len(), 1, "a plain array");
    let stored = api.get(zaak["url"].as_str().unwrap()).await;
    assert_eq!(stored.json["eigenschappen"], json!([ok.json["url"]]));
    let expanded = api
        .get(&format!(
            "{}?expand=eigenschappen",
            zaak["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        expanded.json["_expand"]["eigenschappen"][0]["waarde"],
        "groen"
    );
    let patched = api
        .patch(ok.json["url"].as_str().unwrap(), &json!({"waarde": "rood"}))
        .await;
    assert_eq!(patched.json["waarde"], "rood");
    let deleted = api.delete(ok.json["url"].as_str().unwrap()).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(
        api.get(zaak["url"].as_str().unwrap()).await.json["eigenschappen"],
        json!([])
    );
});

both_backends!(
    updates_keep_immutable_fields_and_write_the_audit_trail,
    |api| {
        let zt = fixtures::published_zaaktype(&api).await;
        let zaak = create_zaak(&api, &zaak_body(&zt)).await;
        let url = zaak["url"].as_str().unwrap();
        let patched = api
            .send(
                Method::PATCH,
                url,
                Some(&json!({"omschrijving": "Kapvergunning voor twee eiken"})),
                &[
                    ("accept-crs", "EPSG:4326"),
                    ("content-crs", "EPSG:4326"),
                    ("x-audit-toelichting", "Op verzoek van de aanvrager"),
                ],
            )
            .await;
        assert_eq!(patched.status, StatusCode::OK, "{}", patched.json);
        assert_eq!(
            patched.json["omschrijving"],
            "Kapvergunning voor twee eiken"
        );
        assert_eq!(patched.json["identificatie"], zaak["identificatie"]);
        let other = fixtures::second_zaaktype(&api, &zt).await;
        let moved = api.patch(url, &json!({"zaaktype": other.zaaktype})).await;
        assert_eq!(
            moved.invalid_params(),
            vec!["zaaktype:wijzigen-niet-toegelaten"]
        );
        let mut full = zaak_body(&zt);
        full["toelichting"] = json!("Volledig vervangen");
        let put = api.put(url, &full).await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.json);
        assert_eq!(put.json["toelichting"], "Volledig vervangen");
        assert_eq!(put.json["omschrijving"], "Kapvergunning voor een eik");

        let trail = api.get(&format!("{url}/audittrail")).await;
        let trail = trail.json.as_array().unwrap().clone();
        let acties: Vec<&str> = trail.iter().map(|t| t["actie"].as_str().unwrap()).collect();
        assert_eq!(acties, vec!["create", "partial_update", "update"]);
        assert_eq!(trail[1]["toelichting"], "Op verzoek van de aanvrager");
        assert_eq!(trail[1]["bron"], "zrc");
        assert_eq!(trail[1]["applicatieId"], common::CLIENT_ID);
        assert_eq!(trail[1]["gebruikersWeergave"], "Test Gebruiker");
        assert_eq!(
            trail[1]["wijzigingen"]["oud"]["omschrijving"],
            "Kapvergunning voor een eik"
        );
        assert_eq!(
            trail[1]["wijzigingen"]["nieuw"]["omschrijving"],
            "Kapvergunning voor twee eiken"
        );
        let one = api.get(trail[0]["url"].as_str().unwrap()).await;
        assert_eq!(one.json["uuid"], trail[0]["uuid"]);
    }
);

both_backends!(deleting_a_zaak_removes_everything_under_it, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let zaak = create_zaak(&api, &zaak_body(&zt)).await;
    let rol = add_initiator(&api, &zt, &zaak, BSN_A).await;
    let url = zaak["url"].as_str().unwrap();
    assert_eq!(api.delete(url).await.status, StatusCode::NO_CONTENT);
    assert_eq!(api.get(url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api.get(rol["url"].as_str().unwrap()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api.get(&format!("{url}/audittrail")).await.status,
        StatusCode::NOT_FOUND
    );
});

both_backends!(lists_paginate_order_and_cache, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    for day in 1..=105 {
        let mut body = zaak_body(&zt);
        body["startdatum"] = json!(format!(
            "2026-{:02}-{:02}",
            1 + (day - 1) / 28,
            1 + (day - 1) % 28
        ));
        create_zaak(&api, &body).await;
    }
    let first = api
        .get(&format!("{ZAKEN}/zaken?ordering=-startdatum"))
        .await;
    assert_eq!(first.json["count"], 105);
    assert_eq!(first.json["results"].as_array().unwrap().len(), 100);
    assert_eq!(first.json["results"][0]["startdatum"], "2026-04-21");
    assert_eq!(first.json["previous"], Value::Null);
    let next = first.json["next"].as_str().unwrap();
    assert!(
        next.contains("ordering=-startdatum") && next.contains("page=2"),
        "{next}"
    );
    let second = api.get(next).await;
    assert_eq!(second.json["results"].as_array().unwrap().len(), 5);
    assert_eq!(second.json["results"][4]["startdatum"], "2026-01-01");
    assert_eq!(
        api.get(&format!("{ZAKEN}/zaken?page=3")).await.status,
        StatusCode::NOT_FOUND
    );
    let range = api
        .get(&format!(
            "{ZAKEN}/zaken?startdatum__gte=2026-04-01&startdatum__lt=2026-04-03"
        ))
        .await;
    assert_eq!(range.json["count"], 2);

    let url = first.json["results"][0]["url"].as_str().unwrap().to_owned();
    let detail = api.get(&url).await;
    let etag = detail.headers["etag"].to_str().unwrap().to_owned();
    let cached = api
        .send(
            Method::GET,
            &url,
            None,
            &[("accept-crs", "EPSG:4326"), ("if-none-match", &etag)],
        )
        .await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);

    let uuids: Vec<Value> = first.json["results"].as_array().unwrap()[..3]
        .iter()
        .map(|z| z["uuid"].clone())
        .collect();
    let zoek = api
        .post(
            &format!("{ZAKEN}/zaken/_zoek"),
            &json!({"uuid__in": uuids, "zaaktype__in": [zt.zaaktype]}),
        )
        .await;
    assert_eq!(zoek.status, StatusCode::OK, "{}", zoek.json);
    assert_eq!(zoek.json["count"], 3);
});

both_backends!(parallel_creations_get_distinct_consecutive_numbers, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let api = std::sync::Arc::new(api);
    let mut tasks = Vec::new();
    for _ in 0..200 {
        let api = api.clone();
        let body = zaak_body(&zt);
        tasks.push(tokio::spawn(async move {
            let reply = api.post(&format!("{ZAKEN}/zaken"), &body).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
            reply.json["identificatie"].as_str().unwrap()[10..]
                .parse::<u64>()
                .unwrap()
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap());
    }
    numbers.sort();
    assert_eq!(numbers, (1..=200).collect::<Vec<u64>>());
});

#[tokio::test]
async fn zaken_endpoints_need_a_token() {
    let api = TestApi::sqlite().await;
    for (method, path) in [
        (Method::GET, "/zaken/api/v1/zaken"),
        (Method::POST, "/zaken/api/v1/zaken"),
        (Method::GET, "/zaken/api/v1/rollen"),
        (Method::GET, "/zaken/api/v1/statussen"),
        (Method::GET, "/zaken/api/v1/resultaten"),
    ] {
        let reply = api
            .raw(
                method.clone(),
                path,
                None,
                &[("accept-crs", "EPSG:4326".into())],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path}");
    }
}

both_backends!(klantcontacten_record_contact_moments, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let zaak = create_zaak(&api, &zaak_body(&zt)).await;
    let reply = api
        .post(
            &format!("{ZAKEN}/klantcontacten"),
            &json!({"zaak": zaak["url"], "datumtijd": "2026-11-28T14:30:00Z", "kanaal": "telefoon", "onderwerp": "Vraag over de status"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    let identificatie = reply.json["identificatie"].as_str().unwrap();
    assert!(
        identificatie.starts_with("KC") && identificatie.len() == 14,
        "{identificatie}"
    );
    let missing = api
        .post(
            &format!("{ZAKEN}/klantcontacten"),
            &json!({"zaak": zaak["url"], "kanaal": "x".repeat(21)}),
        )
        .await;
    let mut params = missing.invalid_params();
    params.sort();
    assert_eq!(params, vec!["datumtijd:required", "kanaal:max_length"]);
    let list = api
        .get(&format!(
            "{ZAKEN}/klantcontacten?zaak={}",
            zaak["url"].as_str().unwrap()
        ))
        .await;
    assert_eq!(list.json["count"], 1);
    assert_eq!(list.json["results"][0]["onderwerp"], "Vraag over de status");
    let trail = api
        .get(&format!("{}/audittrail", zaak["url"].as_str().unwrap()))
        .await
        .json;
    assert_eq!(trail[1]["resource"], "klantcontact");
});
