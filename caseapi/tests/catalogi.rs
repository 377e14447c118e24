//! Catalogi API: catalogussen and zaaktypen (validation, filters, pagination, ETag, auth), and
//! the shared fixtures with their derived fields.

mod common;

use axum::http::{Method, StatusCode};
use common::fixtures::{self, CATALOGI};
use serde_json::{json, Value};

async fn is_eindstatus(api: &common::TestApi, urls: &[String]) -> Vec<bool> {
    let mut out = Vec::new();
    for url in urls {
        out.push(api.get(url).await.json["isEindstatus"].as_bool().unwrap());
    }
    out
}

both_backends!(fixture_builds_a_complete_published_zaaktype, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let reply = api.get(&zt.zaaktype).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    let data = reply.json;
    assert_eq!(data["concept"], false);
    assert_eq!(data["catalogus"], zt.catalogus.as_str());
    assert_eq!(data["statustypen"], json!(zt.statustypen));
    assert_eq!(
        data["roltypen"],
        json!([zt.roltype_initiator, zt.roltype_behandelaar])
    );
    assert_eq!(
        data["eigenschappen"],
        json!([
            zt.eigenschap_tekst,
            zt.eigenschap_getal,
            zt.eigenschap_datum
        ])
    );
    assert_eq!(data["resultaattypen"], json!([zt.resultaattype]));
    assert_eq!(
        data["informatieobjecttypen"],
        json!([zt.informatieobjecttype])
    );
    assert_eq!(
        is_eindstatus(&api, &zt.statustypen).await,
        vec![false, false, true]
    );

    let st = api.get(&zt.statustypen[0]).await.json;
    assert_eq!(st["zaaktypeIdentificatie"], "ZT-TEST");
    assert_eq!(st["catalogus"], zt.catalogus.as_str());
    assert_eq!(st["statustekst"], "We hebben uw aanvraag ontvangen.");
    assert_eq!(st["informeren"], true);
    assert_eq!(st["beginGeldigheid"], "2020-01-01");

    let iot = api.get(&zt.informatieobjecttype).await.json;
    assert_eq!(iot["zaaktypen"], json!([zt.zaaktype]));
    let cat = api.get(&zt.catalogus).await.json;
    assert_eq!(cat["zaaktypen"], json!([zt.zaaktype]));
    assert_eq!(
        cat["informatieobjecttypen"],
        json!([zt.informatieobjecttype])
    );

    // Other APIs read types through `catalogi::lookup`.
    let served = loket_caseapi::catalogi::lookup(
        &api.api,
        loket_caseapi::catalogi::Kind::Zaaktype,
        &zt.zaaktype,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(served, data);
    assert!(loket_caseapi::catalogi::lookup(
        &api.api,
        loket_caseapi::catalogi::Kind::Statustype,
        &zt.zaaktype
    )
    .await
    .unwrap()
    .is_none());
});

both_backends!(catalogus_validation_and_filters, |api| {
    let reply = api
        .post(
            &format!("{CATALOGI}/catalogussen"),
            &json!({"domein": "abc", "rsin": "123456789"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "contactpersoonBeheerNaam:required",
            "domein:invalid",
            "rsin:invalid"
        ]
    );
    let long = api
        .post(
            &format!("{CATALOGI}/catalogussen"),
            &json!({"domein": "ABCDEF", "rsin": "000000000", "contactpersoonBeheerNaam": "X",
                    "contactpersoonBeheerEmailadres": "geen-email"}),
        )
        .await;
    let mut params = long.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "contactpersoonBeheerEmailadres:invalid",
            "domein:max_length"
        ]
    );

    let body = json!({"domein": "VBLD", "rsin": "002220647", "contactpersoonBeheerNaam": "Beheer"});
    let created = api.post(&format!("{CATALOGI}/catalogussen"), &body).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let url = created.json["url"].as_str().unwrap().to_owned();
    assert_eq!(created.headers["location"], url.as_str());
    assert_eq!(created.json["zaaktypen"], json!([]));
    let duplicate = api.post(&format!("{CATALOGI}/catalogussen"), &body).await;
    assert_eq!(duplicate.invalid_params(), vec!["nonFieldErrors:unique"]);
    fixtures::catalogus(&api).await;

    let all = api.get(&format!("{CATALOGI}/catalogussen")).await;
    assert_eq!(all.json["count"], 2);
    let by_domein = api
        .get(&format!("{CATALOGI}/catalogussen?domein=VBLD"))
        .await;
    assert_eq!(by_domein.json["count"], 1);
    assert_eq!(by_domein.json["results"][0]["url"], url.as_str());
    let by_rsin = api
        .get(&format!(
            "{CATALOGI}/catalogussen?rsin__in=002220647,111222333"
        ))
        .await;
    assert_eq!(by_rsin.json["count"], 1);
    let none = api
        .get(&format!("{CATALOGI}/catalogussen?domein__in=XYZ"))
        .await;
    assert_eq!(none.json["count"], 0);

    // Catalogussen cannot be changed or deleted (not in the OAS).
    let put = api.put(&url, &body).await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
});

both_backends!(zaaktype_validation, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let empty = api.post(&format!("{CATALOGI}/zaaktypen"), &json!({})).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let mut params = empty.invalid_params();
    params.sort();
    let mut expected = vec![
        "aanleiding:required",
        "beginGeldigheid:required",
        "besluittypen:required",
        "catalogus:required",
        "doel:required",
        "doorlooptijd:required",
        "gerelateerdeZaaktypen:required",
        "handelingBehandelaar:required",
        "handelingInitiator:required",
        "identificatie:required",
        "indicatieInternOfExtern:required",
        "omschrijving:required",
        "onderwerp:required",
        "opschortingEnAanhoudingMogelijk:required",
        "productenOfDiensten:required",
        "publicatieIndicatie:required",
        "referentieproces:required",
        "verantwoordelijke:required",
        "verlengingMogelijk:required",
        "versiedatum:required",
        "vertrouwelijkheidaanduiding:required",
    ];
    expected.sort();
    assert_eq!(params, expected);

    let mut body = fixtures::zaaktype_body(&catalogus, "ZT-1");
    body["vertrouwelijkheidaanduiding"] = json!("topgeheim");
    body["indicatieInternOfExtern"] = json!("beide");
    body["doorlooptijd"] = json!("14 dagen");
    body["servicenorm"] = json!("P");
    body["verlengingMogelijk"] = json!(true);
    body["omschrijving"] = json!("x".repeat(81));
    body["productenOfDiensten"] = json!(["geen url"]);
    body["eindeGeldigheid"] = json!("2019-01-01");
    body["referentieproces"] = json!({"link": "ook geen url"});
    let reply = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    let mut params = reply.invalid_params();
    params.sort();
    assert_eq!(
        params,
        vec![
            "doorlooptijd:invalid",
            "eindeGeldigheid:date-mismatch",
            "indicatieInternOfExtern:invalid_choice",
            "omschrijving:max_length",
            "productenOfDiensten.0:invalid",
            "referentieproces.link:invalid",
            "referentieproces.naam:required",
            "servicenorm:invalid",
            "verlengingstermijn:required",
            "vertrouwelijkheidaanduiding:invalid_choice",
        ]
    );

    // References must be catalogi resources of this provider, of the right kind.
    let mut body = fixtures::zaaktype_body(&catalogus, "ZT-1");
    body["catalogus"] = json!("https://elders.example.com/catalogi/api/v1/catalogussen/1");
    let reply = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    assert_eq!(reply.invalid_params(), vec!["catalogus:bad-url"]);
    let zt = fixtures::create(
        &api,
        "zaaktypen",
        fixtures::zaaktype_body(&catalogus, "ZT-1"),
    )
    .await;
    body["catalogus"] = json!(zt);
    let reply = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    assert_eq!(reply.invalid_params(), vec!["catalogus:invalid-resource"]);
    body["catalogus"] = json!(format!("{CATALOGI}/catalogussen/{}", uuid::Uuid::new_v4()));
    body["catalogus"] = json!(format!(
        "{}{}",
        common::BASE,
        body["catalogus"].as_str().unwrap()
    ));
    let reply = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    assert_eq!(reply.invalid_params(), vec!["catalogus:bad-url"]);

    // Same identificatie with an overlapping validity period in the same catalogus.
    let reply = api
        .post(
            &format!("{CATALOGI}/zaaktypen"),
            &fixtures::zaaktype_body(&catalogus, "ZT-1"),
        )
        .await;
    assert_eq!(reply.invalid_params(), vec!["beginGeldigheid:overlap"]);
    // A besluittype that does not exist in the catalogus.
    let mut body = fixtures::zaaktype_body(&catalogus, "ZT-2");
    body["besluittypen"] = json!(["Bestaat niet"]);
    let reply = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    assert_eq!(reply.invalid_params(), vec!["besluittypen.0:bad-url"]);
});

both_backends!(zaaktype_versions_and_filters, |api| {
    let first = fixtures::published_zaaktype(&api).await;
    let second = fixtures::second_zaaktype(&api, &first).await;
    let concept = fixtures::concept_zaaktype(&api, &first).await;
    let other_catalogus = fixtures::catalogus(&api).await;
    fixtures::published_zaaktype_in(&api, &other_catalogus, "ZT-TEST").await;

    let list = |query: String| {
        let api = &api;
        async move {
            let reply = api.get(&format!("{CATALOGI}/zaaktypen{query}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.json);
            reply.json["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|z| z["url"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    // Default: published only.
    assert_eq!(list(String::new()).await.len(), 3);
    assert_eq!(
        list("?status=concept".into()).await,
        vec![concept.zaaktype.clone()]
    );
    assert_eq!(list("?status=alles".into()).await.len(), 4);
    assert_eq!(
        list(format!("?catalogus={}", first.catalogus)).await,
        vec![first.zaaktype.clone(), second.zaaktype.clone()]
    );
    assert_eq!(
        list(format!(
            "?catalogus={}&identificatie=ZT-TWEEDE",
            first.catalogus
        ))
        .await,
        vec![second.zaaktype.clone()]
    );
    assert_eq!(list("?identificatie=ZT-TEST".into()).await.len(), 2);
    assert_eq!(list("?trefwoorden=test".into()).await.len(), 3);
    assert_eq!(list("?trefwoorden=tes".into()).await.len(), 0);

    // A new version: end the old one, publish a successor starting the next day.
    let ended = api
        .patch(&first.zaaktype, &json!({"eindeGeldigheid": "2024-12-31"}))
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.json);
    assert_eq!(ended.json["eindeGeldigheid"], "2024-12-31");
    // The sub-types take the validity over.
    let st = api.get(&first.statustypen[0]).await.json;
    assert_eq!(st["eindeGeldigheid"], "2024-12-31");
    let mut body = fixtures::zaaktype_body(&first.catalogus, "ZT-TEST");
    body["beginGeldigheid"] = json!("2025-01-01");
    body["trefwoorden"] = json!(["nieuw", "test"]);
    let v2 = fixtures::create(&api, "zaaktypen", body).await;

    let on = |date: &str| {
        format!(
            "?catalogus={}&identificatie=ZT-TEST&status=alles&datumGeldigheid={date}",
            first.catalogus
        )
    };
    assert_eq!(list(on("2024-06-01")).await, vec![first.zaaktype.clone()]);
    assert_eq!(list(on("2024-12-31")).await, vec![first.zaaktype.clone()]);
    assert_eq!(list(on("2025-01-01")).await, vec![v2.clone()]);
    assert_eq!(list(on("2019-12-31")).await, Vec::<String>::new());
    assert_eq!(
        list("?trefwoorden=nieuw,test&status=alles".into()).await,
        vec![v2.clone()]
    );

    // Bad filter values and unknown parameters are refused.
    let reply = api.get(&format!("{CATALOGI}/zaaktypen?status=klaar")).await;
    assert_eq!(reply.invalid_params(), vec!["status:invalid_choice"]);
    let reply = api
        .get(&format!("{CATALOGI}/zaaktypen?datumGeldigheid=gisteren"))
        .await;
    assert_eq!(reply.invalid_params(), vec!["datumGeldigheid:invalid"]);
    let reply = api
        .get(&format!("{CATALOGI}/zaaktypen?catalogus=geen-url"))
        .await;
    assert_eq!(reply.invalid_params(), vec!["catalogus:invalid"]);
    let reply = api.get(&format!("{CATALOGI}/zaaktypen?zaaktype=x")).await;
    assert_eq!(
        reply.invalid_params(),
        vec!["nonFieldErrors:unknown-parameters"]
    );
    // An URL that is not a catalogus here matches nothing.
    assert!(list("?catalogus=https://elders.example.com/c/1".into())
        .await
        .is_empty());
});

both_backends!(lists_are_paginated, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    for i in 0..102 {
        let body = fixtures::informatieobjecttype_body(&catalogus, &format!("Type {i:03}"));
        fixtures::create(&api, "informatieobjecttypen", body).await;
    }
    let first = api
        .get(&format!("{CATALOGI}/informatieobjecttypen?status=concept"))
        .await;
    assert_eq!(first.json["count"], 102);
    assert_eq!(first.json["results"].as_array().unwrap().len(), 100);
    assert_eq!(first.json["previous"], Value::Null);
    let next = first.json["next"].as_str().unwrap().to_owned();
    assert_eq!(
        next,
        format!(
            "{}{CATALOGI}/informatieobjecttypen?status=concept&page=2",
            common::BASE
        )
    );
    let second = api.get(&next).await;
    assert_eq!(second.json["results"].as_array().unwrap().len(), 2);
    assert_eq!(second.json["results"][1]["omschrijving"], "Type 101");
    assert_eq!(second.json["next"], Value::Null);
    assert!(second.json["previous"]
        .as_str()
        .unwrap()
        .ends_with("page=1"));
    let beyond = api
        .get(&format!(
            "{CATALOGI}/informatieobjecttypen?status=concept&page=3"
        ))
        .await;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);
    let zero = api
        .get(&format!("{CATALOGI}/informatieobjecttypen?page=0"))
        .await;
    assert_eq!(zero.invalid_params(), vec!["page:invalid"]);
});

both_backends!(details_have_etags_and_answer_head, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    for url in [
        zt.catalogus.as_str(),
        zt.zaaktype.as_str(),
        zt.statustypen[0].as_str(),
        zt.roltype_initiator.as_str(),
        zt.eigenschap_tekst.as_str(),
        zt.resultaattype.as_str(),
        zt.informatieobjecttype.as_str(),
        zt.zaaktype_informatieobjecttype.as_str(),
    ] {
        let reply = api.get(url).await;
        assert_eq!(reply.status, StatusCode::OK, "{url}");
        let etag = reply.headers["etag"].to_str().unwrap().to_owned();
        let cached = api
            .send(Method::GET, url, None, &[("if-none-match", etag.as_str())])
            .await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED, "{url}");
        assert!(cached.bytes.is_empty());
        let other = api
            .send(Method::GET, url, None, &[("if-none-match", "\"anders\"")])
            .await;
        assert_eq!(other.status, StatusCode::OK);
        let head = api.send(Method::HEAD, url, None, &[]).await;
        assert_eq!(head.status, StatusCode::OK);
        assert_eq!(head.headers["etag"], etag.as_str());
        assert!(head.bytes.is_empty());
    }
    // The ETag follows the content: it changes when a derived field changes.
    let before = api.get(&zt.catalogus).await.headers["etag"].clone();
    fixtures::create(
        &api,
        "informatieobjecttypen",
        fixtures::informatieobjecttype_body(&zt.catalogus, "Nog een"),
    )
    .await;
    let after = api.get(&zt.catalogus).await.headers["etag"].clone();
    assert_ne!(before, after);

    let missing = api
        .get(&format!("{CATALOGI}/zaaktypen/{}", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json["code"], "not_found");
    let garbage = api
        .get(&format!("{CATALOGI}/zaaktypen/niet-een-uuid"))
        .await;
    assert_eq!(garbage.status, StatusCode::NOT_FOUND);
});

both_backends!(every_endpoint_needs_a_token, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let mut paths: Vec<(Method, String)> = Vec::new();
    for collection in [
        "catalogussen",
        "zaaktypen",
        "informatieobjecttypen",
        "besluittypen",
        "statustypen",
        "roltypen",
        "eigenschappen",
        "resultaattypen",
        "zaaktype-informatieobjecttypen",
        "zaakobjecttypen",
    ] {
        paths.push((Method::GET, format!("{CATALOGI}/{collection}")));
        paths.push((Method::POST, format!("{CATALOGI}/{collection}")));
    }
    for url in [&zt.zaaktype, &zt.statustypen[0], &zt.informatieobjecttype] {
        paths.push((Method::GET, url.clone()));
        paths.push((Method::PUT, url.clone()));
        paths.push((Method::PATCH, url.clone()));
        paths.push((Method::DELETE, url.clone()));
    }
    paths.push((Method::GET, zt.catalogus.clone()));
    paths.push((Method::POST, format!("{}/publish", zt.zaaktype)));
    paths.push((Method::POST, format!("{}/publish", zt.informatieobjecttype)));
    for (method, path) in paths {
        let reply = api
            .raw(
                method.clone(),
                &path,
                Some(b"{}".to_vec()),
                &[("content-type", "application/json".into())],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path}");
        assert_eq!(reply.json["code"], "permission_denied");
    }
});

both_backends!(bodies_must_be_json_objects, |api| {
    let reply = api
        .raw(
            Method::POST,
            &format!("{CATALOGI}/zaaktypen"),
            Some(b"<xml/>".to_vec()),
            &[
                ("authorization", format!("Bearer {}", api.token())),
                ("content-type", "application/xml".into()),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let reply = api
        .raw(
            Method::POST,
            &format!("{CATALOGI}/zaaktypen"),
            Some(b"[1]".to_vec()),
            &[("authorization", format!("Bearer {}", api.token()))],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["code"], "parse_error");
});

both_backends!(served_json_reads_as_zgw_types, |api| {
    use zgw::catalogi as types;
    let zt = fixtures::published_zaaktype(&api).await;
    let catalogus: types::Catalogus =
        serde_json::from_value(api.get(&zt.catalogus).await.json).unwrap();
    assert_eq!(catalogus.zaaktypen, vec![zt.zaaktype.clone()]);
    let zaaktype: types::Zaaktype =
        serde_json::from_value(api.get(&zt.zaaktype).await.json).unwrap();
    assert_eq!(zaaktype.indicatie_intern_of_extern, "extern");
    assert_eq!(zaaktype.servicenorm.as_deref(), Some("P14D"));
    assert!(!zaaktype.concept);
    let statustype: types::Statustype =
        serde_json::from_value(api.get(&zt.statustypen[2]).await.json).unwrap();
    assert!(statustype.is_eindstatus);
    let roltype: types::Roltype =
        serde_json::from_value(api.get(&zt.roltype_initiator).await.json).unwrap();
    assert_eq!(roltype.omschrijving_generiek, "initiator");
    let eigenschap: types::Eigenschap =
        serde_json::from_value(api.get(&zt.eigenschap_tekst).await.json).unwrap();
    assert_eq!(
        eigenschap.specificatie.waardenverzameling,
        vec!["rood", "groen", "blauw"]
    );
    let iot: types::Informatieobjecttype =
        serde_json::from_value(api.get(&zt.informatieobjecttype).await.json).unwrap();
    assert!(!iot.concept);
    let link: types::ZaaktypeInformatieobjecttype =
        serde_json::from_value(api.get(&zt.zaaktype_informatieobjecttype).await.json).unwrap();
    assert_eq!(link.richting, "inkomend");
    let resultaattype: types::Resultaattype =
        serde_json::from_value(api.get(&zt.resultaattype).await.json).unwrap();
    assert_eq!(resultaattype.archiefnominatie, "vernietigen");
});

both_backends!(optional_zaaktype_fields_are_absent_or_valid, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    // The OAS has these as optional, non-nullable URIs/objects: absent when not given.
    let plain = api
        .post(
            &format!("{CATALOGI}/zaaktypen"),
            &fixtures::zaaktype_body(&catalogus, "ZT-1"),
        )
        .await
        .json;
    for field in ["selectielijstProcestype", "broncatalogus", "bronzaaktype"] {
        assert!(plain.get(field).is_none(), "{field}: {plain}");
    }
    assert_eq!(plain["referentieproces"], json!({"naam": "Testproces"}));

    let mut body = fixtures::zaaktype_body(&catalogus, "ZT-2");
    body["selectielijstProcestype"] = json!("https://selectielijst.example/api/v1/procestypen/1");
    body["referentieproces"] = json!({"naam": "Proces", "link": "https://example.com/proces"});
    body["broncatalogus"] = json!({"url": "https://elders.example/catalogussen/1", "domein": "ELD", "rsin": "000000000"});
    body["bronzaaktype"] = json!({"url": "https://elders.example/zaaktypen/1", "identificatie": "B", "omschrijving": "Bron"});
    let full = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    assert_eq!(full.status, StatusCode::CREATED, "{}", full.json);
    for field in [
        "selectielijstProcestype",
        "referentieproces",
        "broncatalogus",
        "bronzaaktype",
    ] {
        assert_eq!(full.json[field], body[field], "{field}");
    }
    body["identificatie"] = json!("ZT-3");
    body["broncatalogus"] = json!({"url": "geen url"});
    let reply = api.post(&format!("{CATALOGI}/zaaktypen"), &body).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "broncatalogus.domein:required",
            "broncatalogus.rsin:required",
            "broncatalogus.url:invalid",
        ]
    );
});

fn sorted(mut params: Vec<String>) -> Vec<String> {
    params.sort();
    params
}
