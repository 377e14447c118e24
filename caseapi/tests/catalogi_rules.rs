//! Catalogi API: PUT/PATCH/DELETE, concept versus definitief (ztc-009, ztc-010), publishing
//! rules, and the derived fields after changes and deletions.

mod common;

use axum::http::StatusCode;
use common::fixtures::{self, CATALOGI};
use serde_json::{json, Value};

fn sorted(mut params: Vec<String>) -> Vec<String> {
    params.sort();
    params
}

both_backends!(published_types_cannot_change_or_be_deleted, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let served = api.get(&zt.zaaktype).await.json;

    let put = api.put(&zt.zaaktype, &served).await;
    assert_eq!(put.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        put.invalid_params(),
        vec!["nonFieldErrors:non-concept-object"]
    );
    let patch = api
        .patch(&zt.zaaktype, &json!({"omschrijving": "Anders"}))
        .await;
    assert_eq!(
        patch.invalid_params(),
        vec!["nonFieldErrors:non-concept-object"]
    );
    let patch = api
        .patch(
            &zt.zaaktype,
            &json!({"eindeGeldigheid": "2030-01-01", "omschrijving": "Anders"}),
        )
        .await;
    assert_eq!(
        patch.invalid_params(),
        vec!["nonFieldErrors:non-concept-object"]
    );
    let delete = api.delete(&zt.zaaktype).await;
    assert_eq!(
        delete.invalid_params(),
        vec!["nonFieldErrors:non-concept-object"]
    );
    let delete = api.delete(&zt.informatieobjecttype).await;
    assert_eq!(
        delete.invalid_params(),
        vec!["nonFieldErrors:non-concept-object"]
    );
    let patch = api
        .patch(&zt.informatieobjecttype, &json!({"omschrijving": "Anders"}))
        .await;
    assert_eq!(
        patch.invalid_params(),
        vec!["nonFieldErrors:non-concept-object"]
    );
    // Ending the validity is the one change allowed, and it is validated.
    let patch = api
        .patch(
            &zt.informatieobjecttype,
            &json!({"eindeGeldigheid": "2019-01-01"}),
        )
        .await;
    assert_eq!(
        patch.invalid_params(),
        vec!["eindeGeldigheid:date-mismatch"]
    );
    let patch = api
        .patch(
            &zt.informatieobjecttype,
            &json!({"eindeGeldigheid": "2030-01-01"}),
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK);
    assert_eq!(patch.json["eindeGeldigheid"], "2030-01-01");
    assert_eq!(patch.json["concept"], false);
    // Unchanged.
    assert_eq!(api.get(&zt.zaaktype).await.json, served);
});

both_backends!(sub_types_of_a_published_zaaktype_are_frozen, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let code = vec!["nonFieldErrors:non-concept-zaaktype".to_owned()];
    let create = api
        .post(
            &format!("{CATALOGI}/statustypen"),
            &json!({"zaaktype": zt.zaaktype, "omschrijving": "Extra", "volgnummer": 4}),
        )
        .await;
    assert_eq!(create.invalid_params(), code);
    let create = api
        .post(
            &format!("{CATALOGI}/roltypen"),
            &json!({"zaaktype": zt.zaaktype, "omschrijving": "X", "omschrijvingGeneriek": "adviseur"}),
        )
        .await;
    assert_eq!(create.invalid_params(), code);
    for url in [
        &zt.statustypen[0],
        &zt.roltype_initiator,
        &zt.eigenschap_tekst,
        &zt.resultaattype,
        &zt.zaaktype_informatieobjecttype,
    ] {
        let served = api.get(url).await.json;
        assert_eq!(
            api.put(url, &served).await.invalid_params(),
            code,
            "PUT {url}"
        );
        assert_eq!(
            api.patch(url, &json!({})).await.invalid_params(),
            code,
            "PATCH {url}"
        );
        assert_eq!(api.delete(url).await.invalid_params(), code, "DELETE {url}");
        assert_eq!(api.get(url).await.json, served);
    }
    // Moving a concept zaaktype's statustype under the published zaaktype is refused too.
    let concept = fixtures::concept_zaaktype(&api, &zt).await;
    let moved = api
        .patch(
            &concept.statustypen[0],
            &json!({"zaaktype": zt.zaaktype, "volgnummer": 8}),
        )
        .await;
    assert_eq!(moved.invalid_params(), code);
});

both_backends!(concept_zaaktype_put_and_patch, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let concept = fixtures::concept_zaaktype_in(&api, &catalogus, "ZT-C").await;

    // PUT needs every required field.
    let put = api
        .put(&concept.zaaktype, &json!({"omschrijving": "Alleen dit"}))
        .await;
    assert_eq!(put.status, StatusCode::BAD_REQUEST);
    assert!(put
        .invalid_params()
        .contains(&"identificatie:required".to_owned()));

    let mut body = fixtures::zaaktype_body(&catalogus, "ZT-NIEUW");
    body["omschrijving"] = json!("Nieuwe omschrijving");
    body["trefwoorden"] = json!(["nieuw"]);
    let put = api.put(&concept.zaaktype, &body).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.json);
    assert_eq!(put.json["omschrijving"], "Nieuwe omschrijving");
    assert_eq!(put.json["concept"], true);
    // Derived lists survive the PUT, and sub-types follow the new identificatie.
    assert_eq!(put.json["statustypen"], json!(concept.statustypen));
    assert_eq!(
        put.json["informatieobjecttypen"],
        json!([concept.informatieobjecttype])
    );
    let st = api.get(&concept.statustypen[1]).await.json;
    assert_eq!(st["zaaktypeIdentificatie"], "ZT-NIEUW");
    let ziot = api.get(&concept.zaaktype_informatieobjecttype).await.json;
    assert_eq!(ziot["zaaktypeIdentificatie"], "ZT-NIEUW");
    let listed = api
        .get(&format!(
            "{CATALOGI}/statustypen?zaaktypeIdentificatie=ZT-NIEUW&status=concept"
        ))
        .await;
    assert_eq!(listed.json["count"], 3);
    let listed = api
        .get(&format!(
            "{CATALOGI}/zaaktypen?trefwoorden=nieuw&status=concept"
        ))
        .await;
    assert_eq!(listed.json["count"], 1);

    // PATCH is validated as the merged whole.
    let patch = api
        .patch(&concept.zaaktype, &json!({"doorlooptijd": "twee weken"}))
        .await;
    assert_eq!(patch.invalid_params(), vec!["doorlooptijd:invalid"]);
    let patch = api
        .patch(&concept.zaaktype, &json!({"verlengingMogelijk": true}))
        .await;
    assert_eq!(patch.invalid_params(), vec!["verlengingstermijn:required"]);
    let patch = api
        .patch(
            &concept.zaaktype,
            &json!({"verlengingMogelijk": true, "verlengingstermijn": "P14D"}),
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK, "{}", patch.json);
    assert_eq!(patch.json["verlengingstermijn"], "P14D");
    assert_eq!(patch.json["omschrijving"], "Nieuwe omschrijving");
    let other = fixtures::catalogus(&api).await;
    let patch = api
        .patch(&concept.zaaktype, &json!({"catalogus": other}))
        .await;
    assert_eq!(
        patch.invalid_params(),
        vec!["catalogus:wijzigen-niet-toegestaan"]
    );

    // Sub-types: PATCH and PUT.
    let patch = api
        .patch(
            &concept.roltype_initiator,
            &json!({"omschrijving": "Indiener"}),
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK);
    assert_eq!(patch.json["omschrijving"], "Indiener");
    assert_eq!(patch.json["omschrijvingGeneriek"], "initiator");
    let put = api
        .put(
            &concept.eigenschap_tekst,
            &json!({"zaaktype": concept.zaaktype, "naam": "kleur", "definitie": "Kleur",
                    "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1"}}),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.json);
    assert_eq!(put.json["specificatie"]["waardenverzameling"], json!([]));
    let patch = api
        .patch(
            &concept.zaaktype_informatieobjecttype,
            &json!({"richting": "uitgaand"}),
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK);
    let listed = api
        .get(&format!(
            "{CATALOGI}/zaaktype-informatieobjecttypen?richting=uitgaand&status=concept"
        ))
        .await;
    assert_eq!(listed.json["count"], 1);

    // Moving a roltype to another (concept) zaaktype updates both zaaktypen.
    let second = fixtures::concept_zaaktype_in(&api, &catalogus, "ZT-D").await;
    let moved = api
        .patch(
            &concept.roltype_behandelaar,
            &json!({"zaaktype": second.zaaktype}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.json["zaaktypeIdentificatie"], "ZT-D");
    assert_eq!(
        api.get(&concept.zaaktype).await.json["roltypen"],
        json!([concept.roltype_initiator])
    );
    assert_eq!(
        api.get(&second.zaaktype).await.json["roltypen"],
        // Lists keep creation order.
        json!([
            concept.roltype_behandelaar,
            second.roltype_initiator,
            second.roltype_behandelaar
        ])
    );

    let missing = format!("{CATALOGI}/roltypen/{}", uuid::Uuid::new_v4());
    assert_eq!(
        api.patch(&missing, &json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(api.delete(&missing).await.status, StatusCode::NOT_FOUND);
    let missing = format!("{CATALOGI}/zaaktypen/{}/publish", uuid::Uuid::new_v4());
    assert_eq!(
        api.post(&missing, &json!({})).await.status,
        StatusCode::NOT_FOUND
    );
});

both_backends!(publishing_needs_a_complete_zaaktype, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let zaaktype =
        fixtures::create(&api, "zaaktypen", fixtures::zaaktype_body(&catalogus, "ZT")).await;
    let reply = api.post(&format!("{zaaktype}/publish"), &json!({})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "nonFieldErrors:missing-resultaattype",
            "nonFieldErrors:missing-roltype",
            "nonFieldErrors:missing-statustypen",
        ]
    );
    // A concept informatieobjecttype linked to it blocks publication (ztc-012).
    let concept = fixtures::concept_zaaktype_in(&api, &catalogus, "ZT-2").await;
    let iot = fixtures::create(
        &api,
        "informatieobjecttypen",
        fixtures::informatieobjecttype_body(&catalogus, "Concept-document"),
    )
    .await;
    fixtures::create(
        &api,
        "zaaktype-informatieobjecttypen",
        json!({"zaaktype": concept.zaaktype, "informatieobjecttype": iot,
               "volgnummer": 2, "richting": "uitgaand"}),
    )
    .await;
    let reply = api
        .post(&format!("{}/publish", concept.zaaktype), &json!({}))
        .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["nonFieldErrors:concept-relation"]
    );
    assert_eq!(api.get(&concept.zaaktype).await.json["concept"], true);
    fixtures::publish(&api, &iot).await;
    let published = api
        .post(&format!("{}/publish", concept.zaaktype), &json!({}))
        .await;
    assert_eq!(published.status, StatusCode::OK);
    assert_eq!(published.json["concept"], false);
    // Its links are now definitive: both ends are published.
    let links = api
        .get(&format!(
            "{CATALOGI}/zaaktype-informatieobjecttypen?zaaktype={}",
            concept.zaaktype
        ))
        .await;
    assert_eq!(links.json["count"], 2);
    let statustypen = api
        .get(&format!(
            "{CATALOGI}/statustypen?zaaktype={}",
            concept.zaaktype
        ))
        .await;
    assert_eq!(statustypen.json["count"], 3);
});

both_backends!(deleting_a_concept_cleans_up_references, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let zt = fixtures::concept_zaaktype_in(&api, &catalogus, "ZT").await;
    let brief = fixtures::create(
        &api,
        "informatieobjecttypen",
        fixtures::informatieobjecttype_body(&catalogus, "Brief"),
    )
    .await;
    let link = fixtures::create(
        &api,
        "zaaktype-informatieobjecttypen",
        json!({"zaaktype": zt.zaaktype, "informatieobjecttype": brief,
               "volgnummer": 2, "richting": "uitgaand"}),
    )
    .await;
    let besluittype = fixtures::create(
        &api,
        "besluittypen",
        json!({"catalogus": catalogus, "omschrijving": "Besluit", "publicatieIndicatie": false,
               "informatieobjecttypen": [brief], "beginGeldigheid": "2020-01-01"}),
    )
    .await;
    let patched = api
        .patch(&zt.zaaktype, &json!({"besluittypen": [besluittype]}))
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.json);
    assert_eq!(
        api.get(&besluittype).await.json["zaaktypen"],
        json!([zt.zaaktype])
    );

    // Deleting the informatieobjecttype removes its link and its besluittype reference.
    assert_eq!(api.delete(&brief).await.status, StatusCode::NO_CONTENT);
    assert_eq!(api.get(&brief).await.status, StatusCode::NOT_FOUND);
    assert_eq!(api.get(&link).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api.get(&zt.zaaktype).await.json["informatieobjecttypen"],
        json!([zt.informatieobjecttype])
    );
    assert_eq!(
        api.get(&besluittype).await.json["informatieobjecttypen"],
        json!([])
    );

    // Deleting the besluittype removes it from the zaaktype.
    assert_eq!(
        api.delete(&besluittype).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(api.get(&zt.zaaktype).await.json["besluittypen"], json!([]));
    assert_eq!(api.get(&catalogus).await.json["besluittypen"], json!([]));

    // Deleting a sub-type updates the zaaktype's list.
    assert_eq!(
        api.delete(&zt.eigenschap_getal).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.get(&zt.zaaktype).await.json["eigenschappen"],
        json!([zt.eigenschap_tekst, zt.eigenschap_datum])
    );

    // Deleting the zaaktype takes its sub-types along and updates the other ends.
    assert_eq!(
        api.delete(&zt.zaaktype).await.status,
        StatusCode::NO_CONTENT
    );
    for url in [
        &zt.zaaktype,
        &zt.statustypen[0],
        &zt.roltype_initiator,
        &zt.eigenschap_tekst,
        &zt.resultaattype,
        &zt.zaaktype_informatieobjecttype,
    ] {
        assert_eq!(api.get(url).await.status, StatusCode::NOT_FOUND, "{url}");
    }
    assert_eq!(api.get(&catalogus).await.json["zaaktypen"], json!([]));
    let iot: Value = api.get(&zt.informatieobjecttype).await.json;
    assert_eq!(iot["zaaktypen"], json!([]));
    let listed = api
        .get(&format!("{CATALOGI}/statustypen?status=alles"))
        .await;
    assert_eq!(listed.json["count"], 0);
});

both_backends!(name_references_follow_the_current_version, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let v1 = zt.informatieobjecttype.clone();
    let omschrijving = api.get(&v1).await.json["omschrijving"].clone();
    let besluittype = fixtures::create(
        &api,
        "besluittypen",
        json!({"catalogus": zt.catalogus, "omschrijving": "Besluit", "publicatieIndicatie": false,
               "informatieobjecttypen": [v1], "beginGeldigheid": "2020-01-01"}),
    )
    .await;

    // End version 1 and make version 2; while it is a concept, version 1 stays current.
    let ended = api
        .patch(&v1, &json!({"eindeGeldigheid": "2024-12-31"}))
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.json);
    let mut body =
        fixtures::informatieobjecttype_body(&zt.catalogus, omschrijving.as_str().unwrap());
    body["beginGeldigheid"] = json!("2025-01-01");
    let v2 = fixtures::create(&api, "informatieobjecttypen", body).await;
    assert_eq!(
        api.get(&zt.zaaktype_informatieobjecttype).await.json["informatieobjecttype"],
        v1.as_str()
    );

    // Publishing version 2 points every reference by omschrijving at it.
    fixtures::publish(&api, &v2).await;
    assert_eq!(
        api.get(&zt.zaaktype_informatieobjecttype).await.json["informatieobjecttype"],
        v2.as_str()
    );
    assert_eq!(
        api.get(&zt.zaaktype).await.json["informatieobjecttypen"],
        json!([v2])
    );
    assert_eq!(api.get(&v2).await.json["zaaktypen"], json!([zt.zaaktype]));
    assert_eq!(api.get(&v1).await.json["zaaktypen"], json!([]));
    assert_eq!(
        api.get(&besluittype).await.json["informatieobjecttypen"],
        json!([v2])
    );
    assert_eq!(
        api.get(&v2).await.json["besluittypen"],
        json!([besluittype])
    );
    let links = api
        .get(&format!(
            "{CATALOGI}/zaaktype-informatieobjecttypen?informatieobjecttype={v2}"
        ))
        .await;
    assert_eq!(links.json["count"], 1);
});

both_backends!(
    concurrent_sub_type_writes_keep_derived_fields_complete,
    |api| {
        let catalogus = fixtures::catalogus(&api).await;
        let zaaktype =
            fixtures::create(&api, "zaaktypen", fixtures::zaaktype_body(&catalogus, "ZT")).await;
        let api = std::sync::Arc::new(api);
        let mut tasks = tokio::task::JoinSet::new();
        for volgnummer in 1..=12 {
            let api = api.clone();
            let zaaktype = zaaktype.clone();
            tasks.spawn(async move {
                api.post(
                    &format!("{CATALOGI}/statustypen"),
                    &json!({"zaaktype": zaaktype, "omschrijving": format!("Stap {volgnummer}"),
                        "volgnummer": volgnummer}),
                )
                .await
                .status
            });
        }
        while let Some(status) = tasks.join_next().await {
            assert_eq!(status.unwrap(), StatusCode::CREATED);
        }
        let data = api.get(&zaaktype).await.json;
        let statustypen = data["statustypen"].as_array().unwrap();
        assert_eq!(statustypen.len(), 12);
        let mut eind = 0;
        for url in statustypen {
            let st = api.get(url.as_str().unwrap()).await.json;
            if st["isEindstatus"] == true {
                assert_eq!(st["volgnummer"], 12);
                eind += 1;
            }
        }
        assert_eq!(eind, 1);
        assert_eq!(
            api.get(&catalogus).await.json["zaaktypen"],
            json!([zaaktype])
        );
    }
);

both_backends!(
    concurrent_duplicates_get_one_winner_and_unique_errors,
    |api| {
        let catalogus = fixtures::catalogus(&api).await;
        let zaaktype =
            fixtures::create(&api, "zaaktypen", fixtures::zaaktype_body(&catalogus, "ZT")).await;
        let api = std::sync::Arc::new(api);
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..8 {
            let api = api.clone();
            let zaaktype = zaaktype.clone();
            tasks.spawn(async move {
            api.post(
                &format!("{CATALOGI}/statustypen"),
                &json!({"zaaktype": zaaktype, "omschrijving": format!("Poging {i}"), "volgnummer": 1}),
            )
            .await
        });
        }
        let mut created = 0;
        while let Some(reply) = tasks.join_next().await {
            let reply = reply.unwrap();
            match reply.status {
                StatusCode::CREATED => created += 1,
                status => {
                    assert_eq!(status, StatusCode::BAD_REQUEST, "{}", reply.json);
                    assert_eq!(reply.invalid_params(), vec!["nonFieldErrors:unique"]);
                }
            }
        }
        assert_eq!(created, 1);
        assert_eq!(
            api.get(&zaaktype).await.json["statustypen"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
);
