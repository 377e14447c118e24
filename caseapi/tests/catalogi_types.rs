//! Catalogi API: the sub-types of a zaaktype, informatieobjecttypen and besluittypen —
//! validation rules and list filters.

mod common;

use axum::http::StatusCode;
use common::fixtures::{self, CATALOGI};
use serde_json::{json, Value};

fn sorted(mut params: Vec<String>) -> Vec<String> {
    params.sort();
    params
}

async fn urls(api: &common::TestApi, path: &str) -> Vec<String> {
    let reply = api.get(&format!("{CATALOGI}/{path}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.json);
    reply.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_owned())
        .collect()
}

both_backends!(statustype_rules_and_eindstatus, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let zaaktype =
        fixtures::create(&api, "zaaktypen", fixtures::zaaktype_body(&catalogus, "ZT")).await;
    let post = |body: Value| {
        let api = &api;
        async move { api.post(&format!("{CATALOGI}/statustypen"), &body).await }
    };
    let reply = post(json!({})).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "omschrijving:required",
            "volgnummer:required",
            "zaaktype:required"
        ]
    );
    let reply = post(json!({
        "zaaktype": zaaktype, "omschrijving": "X", "volgnummer": 0,
        "statustekst": "x".repeat(1001), "doorlooptijd": "morgen",
        "checklistitemStatustype": [{"itemnaam": "Controle"}],
        "eigenschappen": ["https://elders.example.com/eigenschappen/1"],
    }))
    .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "checklistitemStatustype.0.vraagstelling:required",
            "doorlooptijd:invalid",
            "eigenschappen.0:bad-url",
            "statustekst:max_length",
            "volgnummer:min_value",
        ]
    );

    let first =
        post(json!({"zaaktype": zaaktype, "omschrijving": "Ontvangen", "volgnummer": 1})).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.json["isEindstatus"], true);
    let first_url = first.json["url"].as_str().unwrap().to_owned();
    let duplicate =
        post(json!({"zaaktype": zaaktype, "omschrijving": "Dubbel", "volgnummer": 1})).await;
    assert_eq!(duplicate.invalid_params(), vec!["nonFieldErrors:unique"]);
    let last = post(json!({"zaaktype": zaaktype, "omschrijving": "Klaar", "volgnummer": 9})).await;
    let last_url = last.json["url"].as_str().unwrap().to_owned();
    assert_eq!(last.json["isEindstatus"], true);
    // The former highest step is no longer the eindstatus.
    assert_eq!(api.get(&first_url).await.json["isEindstatus"], false);
    let middle =
        post(json!({"zaaktype": zaaktype, "omschrijving": "Bezig", "volgnummer": 5})).await;
    let middle_url = middle.json["url"].as_str().unwrap().to_owned();
    // zaaktype.statustypen is ordered by volgnummer.
    assert_eq!(
        api.get(&zaaktype).await.json["statustypen"],
        json!([first_url, middle_url, last_url])
    );
    // Deleting the last step makes the middle one the eindstatus.
    assert_eq!(api.delete(&last_url).await.status, StatusCode::NO_CONTENT);
    assert_eq!(api.get(&middle_url).await.json["isEindstatus"], true);
    assert_eq!(
        api.get(&zaaktype).await.json["statustypen"],
        json!([first_url, middle_url])
    );
    // Renumbering by PATCH moves the eindstatus too.
    let patched = api.patch(&first_url, &json!({"volgnummer": 7})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.json);
    assert_eq!(patched.json["isEindstatus"], true);
    assert_eq!(api.get(&middle_url).await.json["isEindstatus"], false);

    // An eigenschap of another zaaktype cannot be required by this statustype.
    let other = fixtures::create(
        &api,
        "zaaktypen",
        fixtures::zaaktype_body(&catalogus, "ANDER"),
    )
    .await;
    let eigenschap = fixtures::create(
        &api,
        "eigenschappen",
        json!({"zaaktype": other, "naam": "x", "definitie": "x",
               "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1"}}),
    )
    .await;
    let reply = post(
        json!({"zaaktype": zaaktype, "omschrijving": "Y", "volgnummer": 2,
                            "eigenschappen": [eigenschap]}),
    )
    .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["eigenschappen.0:relations-incorrect-zaaktype"]
    );
});

both_backends!(sub_type_filters, |api| {
    let first = fixtures::published_zaaktype(&api).await;
    let second = fixtures::second_zaaktype(&api, &first).await;
    let concept = fixtures::concept_zaaktype(&api, &first).await;

    assert_eq!(
        urls(&api, &format!("statustypen?zaaktype={}", first.zaaktype)).await,
        first.statustypen
    );
    // Default status=definitief hides the concept zaaktype's sub-types.
    assert_eq!(urls(&api, "statustypen").await.len(), 6);
    assert_eq!(urls(&api, "statustypen?status=alles").await.len(), 9);
    assert_eq!(
        urls(&api, "statustypen?status=concept").await,
        concept.statustypen
    );
    assert_eq!(
        urls(&api, "statustypen?zaaktypeIdentificatie=ZT-TWEEDE").await,
        second.statustypen
    );
    assert_eq!(
        urls(&api, "roltypen?omschrijvingGeneriek=initiator").await,
        vec![
            first.roltype_initiator.clone(),
            second.roltype_initiator.clone()
        ]
    );
    assert_eq!(
        urls(
            &api,
            &format!(
                "roltypen?zaaktype={}&omschrijvingGeneriek=behandelaar",
                second.zaaktype
            )
        )
        .await,
        vec![second.roltype_behandelaar.clone()]
    );
    let reply = api
        .get(&format!("{CATALOGI}/roltypen?omschrijvingGeneriek=baas"))
        .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["omschrijvingGeneriek:invalid_choice"]
    );
    assert_eq!(
        urls(&api, "eigenschappen?zaaktypeIdentificatie=ZT-TEST").await,
        vec![
            first.eigenschap_tekst.clone(),
            first.eigenschap_getal.clone(),
            first.eigenschap_datum.clone()
        ]
    );
    assert_eq!(
        urls(&api, "eigenschappen?datumGeldigheid=2019-01-01").await,
        Vec::<String>::new()
    );
    assert_eq!(
        urls(&api, "eigenschappen?datumGeldigheid=2026-01-01")
            .await
            .len(),
        6
    );
    // Resultaattypen: the OAS spells these two filters in snake_case.
    assert_eq!(
        urls(&api, "resultaattypen?zaaktype_identificatie=ZT-TWEEDE").await,
        vec![second.resultaattype.clone()]
    );
    assert_eq!(
        urls(&api, "resultaattypen?datum_geldigheid=2026-01-01")
            .await
            .len(),
        2
    );
    assert_eq!(
        urls(
            &api,
            &format!(
                "resultaattypen?zaaktype={}&status=concept",
                concept.zaaktype
            )
        )
        .await,
        vec![concept.resultaattype.clone()]
    );
    let reply = api
        .get(&format!("{CATALOGI}/statustypen?zaaktype=geen-url"))
        .await;
    assert_eq!(reply.invalid_params(), vec!["zaaktype:invalid"]);

    // Zaaktype-informatieobjecttypen.
    assert_eq!(
        urls(
            &api,
            &format!("zaaktype-informatieobjecttypen?zaaktype={}", first.zaaktype)
        )
        .await,
        vec![first.zaaktype_informatieobjecttype.clone()]
    );
    assert_eq!(
        urls(
            &api,
            &format!(
                "zaaktype-informatieobjecttypen?informatieobjecttype={}",
                second.informatieobjecttype
            )
        )
        .await,
        vec![second.zaaktype_informatieobjecttype.clone()]
    );
    assert_eq!(
        urls(&api, "zaaktype-informatieobjecttypen?richting=inkomend")
            .await
            .len(),
        2
    );
    assert!(
        urls(&api, "zaaktype-informatieobjecttypen?richting=uitgaand")
            .await
            .is_empty()
    );
    assert_eq!(
        urls(&api, "zaaktype-informatieobjecttypen?status=concept").await,
        vec![concept.zaaktype_informatieobjecttype.clone()]
    );
    let reply = api
        .get(&format!(
            "{CATALOGI}/zaaktype-informatieobjecttypen?richting=omhoog"
        ))
        .await;
    assert_eq!(reply.invalid_params(), vec!["richting:invalid_choice"]);
});

both_backends!(roltype_and_eigenschap_rules, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let zaaktype =
        fixtures::create(&api, "zaaktypen", fixtures::zaaktype_body(&catalogus, "ZT")).await;
    let reply = api
        .post(
            &format!("{CATALOGI}/roltypen"),
            &json!({"zaaktype": zaaktype, "omschrijving": "Baas", "omschrijvingGeneriek": "baas"}),
        )
        .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["omschrijvingGeneriek:invalid_choice"]
    );
    let reply = api
        .post(
            &format!("{CATALOGI}/roltypen"),
            &json!({"zaaktype": catalogus, "omschrijving": "X", "omschrijvingGeneriek": "initiator"}),
        )
        .await;
    assert_eq!(reply.invalid_params(), vec!["zaaktype:invalid-resource"]);

    let eigenschap = |naam: &str, specificatie: Value| json!({"zaaktype": zaaktype, "naam": naam, "definitie": "Iets", "specificatie": specificatie});
    let reply = api
        .post(
            &format!("{CATALOGI}/eigenschappen"),
            &eigenschap("a", json!({})),
        )
        .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "specificatie.formaat:required",
            "specificatie.kardinaliteit:required",
            "specificatie.lengte:required",
        ]
    );
    let reply = api
        .post(
            &format!("{CATALOGI}/eigenschappen"),
            &eigenschap(
                "een-veel-te-lange-naam",
                json!({"formaat": "kleur", "lengte": "tien", "kardinaliteit": "1x",
                       "waardenverzameling": ["x".repeat(101)]}),
            ),
        )
        .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "naam:max_length",
            "specificatie.formaat:invalid_choice",
            "specificatie.kardinaliteit:invalid",
            "specificatie.lengte:invalid",
            "specificatie.waardenverzameling.0:max_length",
        ]
    );
    let ok = api
        .post(
            &format!("{CATALOGI}/eigenschappen"),
            &eigenschap(
                "bedrag",
                json!({"formaat": "getal", "lengte": "8,2", "kardinaliteit": "N", "groep": "Kosten"}),
            ),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.json);
    assert_eq!(ok.json["specificatie"]["waardenverzameling"], json!([]));
    assert_eq!(ok.json["zaaktypeIdentificatie"], "ZT");
    assert_eq!(ok.json["statustype"], Value::Null);
    let duplicate = api
        .post(
            &format!("{CATALOGI}/eigenschappen"),
            &eigenschap(
                "bedrag",
                json!({"formaat": "tekst", "lengte": "5", "kardinaliteit": "1"}),
            ),
        )
        .await;
    assert_eq!(duplicate.invalid_params(), vec!["nonFieldErrors:unique"]);
});

both_backends!(resultaattype_archiving_rules, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let zaaktype =
        fixtures::create(&api, "zaaktypen", fixtures::zaaktype_body(&catalogus, "ZT")).await;
    let body = |brondatum: Value| {
        json!({
            "zaaktype": zaaktype,
            "omschrijving": "Verleend",
            "resultaattypeomschrijving": "https://referentielijsten.example/omschrijvingen/1",
            "selectielijstklasse": "https://referentielijsten.example/resultaten/1",
            "archiefnominatie": "blijvend_bewaren",
            "brondatumArchiefprocedure": brondatum,
            "besluittypen": [],
        })
    };
    let post = |b: Value| {
        let api = &api;
        async move { api.post(&format!("{CATALOGI}/resultaattypen"), &b).await }
    };
    let reply = post(json!({"zaaktype": zaaktype})).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "besluittypen:required",
            "omschrijving:required",
            "resultaattypeomschrijving:required",
            "selectielijstklasse:required",
        ]
    );
    // termijn needs a procestermijn and nothing else.
    let reply = post(body(
        json!({"afleidingswijze": "termijn", "datumkenmerk": "x"}),
    ))
    .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "brondatumArchiefprocedure.datumkenmerk:must-be-empty",
            "brondatumArchiefprocedure.procestermijn:required",
        ]
    );
    // ander_datumkenmerk needs datumkenmerk, objecttype and registratie.
    let reply = post(body(json!({"afleidingswijze": "ander_datumkenmerk"}))).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "brondatumArchiefprocedure.datumkenmerk:required",
            "brondatumArchiefprocedure.objecttype:required",
            "brondatumArchiefprocedure.registratie:required",
        ]
    );
    let reply = post(body(
        json!({"afleidingswijze": "afgehandeld", "einddatumBekend": true}),
    ))
    .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["brondatumArchiefprocedure.einddatumBekend:must-be-empty"]
    );
    let reply = post(body(
        json!({"afleidingswijze": "zaakobject", "datumkenmerk": "datum",
                                 "objecttype": "pand"}),
    ))
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    assert_eq!(reply.json["archiefnominatie"], "blijvend_bewaren");
    assert_eq!(reply.json["catalogus"], catalogus.as_str());
    let mut bad = body(json!({"afleidingswijze": "afgehandeld"}));
    bad["archiefnominatie"] = json!("bewaren");
    bad["archiefactietermijn"] = json!("5 jaar");
    bad["selectielijstklasse"] = json!("geen url");
    bad["omschrijving"] = json!("Anders");
    let reply = post(bad).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "archiefactietermijn:invalid",
            "archiefnominatie:invalid_choice",
            "selectielijstklasse:invalid",
        ]
    );
    let duplicate = post(body(json!({"afleidingswijze": "afgehandeld"}))).await;
    assert_eq!(duplicate.invalid_params(), vec!["nonFieldErrors:unique"]);
});

both_backends!(zaaktype_informatieobjecttype_rules, |api| {
    let zt = fixtures::published_zaaktype(&api).await;
    let catalogus = zt.catalogus.clone();
    let zaaktype = fixtures::create(
        &api,
        "zaaktypen",
        fixtures::zaaktype_body(&catalogus, "ZT-2"),
    )
    .await;
    let iot = fixtures::create(
        &api,
        "informatieobjecttypen",
        fixtures::informatieobjecttype_body(&catalogus, "Besluit"),
    )
    .await;
    let post = |body: Value| {
        let api = &api;
        async move {
            api.post(&format!("{CATALOGI}/zaaktype-informatieobjecttypen"), &body)
                .await
        }
    };
    let reply = post(json!({})).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "informatieobjecttype:required",
            "richting:required",
            "volgnummer:required",
            "zaaktype:required",
        ]
    );
    // Catalogi 1.3 links by omschrijving; served as the URL.
    let by_name = post(
        json!({"zaaktype": zaaktype, "informatieobjecttype": "Besluit",
                              "volgnummer": 1, "richting": "uitgaand"}),
    )
    .await;
    assert_eq!(by_name.status, StatusCode::CREATED, "{}", by_name.json);
    assert_eq!(by_name.json["informatieobjecttype"], iot.as_str());
    assert_eq!(by_name.json["zaaktypeIdentificatie"], "ZT-2");
    assert_eq!(by_name.json["catalogus"], catalogus.as_str());
    assert_eq!(
        api.get(&zaaktype).await.json["informatieobjecttypen"],
        json!([iot])
    );
    assert_eq!(api.get(&iot).await.json["zaaktypen"], json!([zaaktype]));
    // A published informatieobjecttype may be linked too (ztc-011 was dropped in 1.3).
    let published = post(
        json!({"zaaktype": zaaktype, "informatieobjecttype": zt.informatieobjecttype,
                                "volgnummer": 2, "richting": "inkomend"}),
    )
    .await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.json);
    assert_eq!(
        api.get(&zt.informatieobjecttype).await.json["zaaktypen"],
        json!([zt.zaaktype, zaaktype])
    );

    let duplicate = post(json!({"zaaktype": zaaktype, "informatieobjecttype": iot,
                                "volgnummer": 1, "richting": "intern"}))
    .await;
    assert_eq!(duplicate.invalid_params(), vec!["nonFieldErrors:unique"]);
    let unknown = post(
        json!({"zaaktype": zaaktype, "informatieobjecttype": "Onbekend",
                              "volgnummer": 3, "richting": "intern"}),
    )
    .await;
    assert_eq!(
        unknown.invalid_params(),
        vec!["informatieobjecttype:bad-url"]
    );
    // Another catalogus' informatieobjecttype.
    let elders = fixtures::catalogus(&api).await;
    let foreign = fixtures::create(
        &api,
        "informatieobjecttypen",
        fixtures::informatieobjecttype_body(&elders, "Vreemd"),
    )
    .await;
    let reply = post(
        json!({"zaaktype": zaaktype, "informatieobjecttype": foreign,
                            "volgnummer": 3, "richting": "intern"}),
    )
    .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["informatieobjecttype:relations-incorrect-catalogus"]
    );
    // The statustype must be one of the zaaktype's.
    let reply = post(json!({"zaaktype": zaaktype, "informatieobjecttype": iot,
                            "volgnummer": 3, "richting": "intern", "statustype": zt.statustypen[0]}))
    .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["statustype:relations-incorrect-zaaktype"]
    );
});

both_backends!(informatieobjecttype_and_besluittype, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let reply = api
        .post(
            &format!("{CATALOGI}/informatieobjecttypen"),
            &json!({"catalogus": catalogus}),
        )
        .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "beginGeldigheid:required",
            "informatieobjectcategorie:required",
            "omschrijving:required",
            "vertrouwelijkheidaanduiding:required",
        ]
    );
    let mut body = fixtures::informatieobjecttype_body(&catalogus, "Brief");
    body["vertrouwelijkheidaanduiding"] = json!("heel_geheim");
    body["trefwoord"] = json!(["x".repeat(31)]);
    body["omschrijvingGeneriek"] = json!({"informatieobjecttypeOmschrijvingGeneriek": "Brief"});
    let reply = api
        .post(&format!("{CATALOGI}/informatieobjecttypen"), &body)
        .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "omschrijvingGeneriek.definitieInformatieobjecttypeOmschrijvingGeneriek:required",
            "omschrijvingGeneriek.herkomstInformatieobjecttypeOmschrijvingGeneriek:required",
            "omschrijvingGeneriek.hierarchieInformatieobjecttypeOmschrijvingGeneriek:required",
            "trefwoord.0:max_length",
            "vertrouwelijkheidaanduiding:invalid_choice",
        ]
    );
    let brief = fixtures::create(
        &api,
        "informatieobjecttypen",
        fixtures::informatieobjecttype_body(&catalogus, "Brief"),
    )
    .await;
    let created = api.get(&brief).await.json;
    assert_eq!(created["concept"], true);
    assert_eq!(created["zaaktypen"], json!([]));
    let overlap = api
        .post(
            &format!("{CATALOGI}/informatieobjecttypen"),
            &fixtures::informatieobjecttype_body(&catalogus, "Brief"),
        )
        .await;
    assert_eq!(overlap.invalid_params(), vec!["beginGeldigheid:overlap"]);
    assert_eq!(
        urls(
            &api,
            "informatieobjecttypen?omschrijving=Brief&status=concept"
        )
        .await,
        vec![brief.clone()]
    );
    assert!(urls(&api, "informatieobjecttypen?omschrijving=Brief")
        .await
        .is_empty());
    let published = api.post(&format!("{brief}/publish"), &json!({})).await;
    assert_eq!(published.status, StatusCode::OK);
    assert_eq!(published.json["concept"], false);
    assert_eq!(
        urls(
            &api,
            &format!("informatieobjecttypen?catalogus={catalogus}")
        )
        .await,
        vec![brief.clone()]
    );

    // Besluittypen relate to informatieobjecttypen by omschrijving (served as URLs).
    let reply = api
        .post(
            &format!("{CATALOGI}/besluittypen"),
            &json!({"catalogus": catalogus}),
        )
        .await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "beginGeldigheid:required",
            "informatieobjecttypen:required",
            "publicatieIndicatie:required",
        ]
    );
    let besluittype = fixtures::create(
        &api,
        "besluittypen",
        json!({
            "catalogus": catalogus,
            "omschrijving": "Vergunning",
            "publicatieIndicatie": false,
            "reactietermijn": "P6W",
            "informatieobjecttypen": ["Brief"],
            "beginGeldigheid": "2020-01-01",
        }),
    )
    .await;
    let data = api.get(&besluittype).await.json;
    assert_eq!(data["informatieobjecttypen"], json!([brief]));
    assert_eq!(data["reactietermijn"], "P6W");
    assert_eq!(
        api.get(&brief).await.json["besluittypen"],
        json!([besluittype])
    );
    assert_eq!(
        api.get(&catalogus).await.json["besluittypen"],
        json!([besluittype])
    );

    // A zaaktype and a resultaattype referring to the besluittype show up in its lists.
    let mut body = fixtures::zaaktype_body(&catalogus, "ZT");
    body["besluittypen"] = json!(["Vergunning"]);
    let zaaktype = fixtures::create(&api, "zaaktypen", body).await;
    assert_eq!(
        api.get(&zaaktype).await.json["besluittypen"],
        json!([besluittype])
    );
    let resultaattype = fixtures::create(
        &api,
        "resultaattypen",
        json!({
            "zaaktype": zaaktype,
            "omschrijving": "Verleend",
            "resultaattypeomschrijving": "https://referentielijsten.example/omschrijvingen/1",
            "selectielijstklasse": "https://referentielijsten.example/resultaten/1",
            "besluittypen": [besluittype],
            "informatieobjecttypen": [brief],
        }),
    )
    .await;
    let rt = api.get(&resultaattype).await.json;
    assert_eq!(rt["besluittypeOmschrijving"], json!(["Vergunning"]));
    assert_eq!(rt["informatieobjecttypeOmschrijving"], json!(["Brief"]));
    let data = api.get(&besluittype).await.json;
    assert_eq!(data["zaaktypen"], json!([zaaktype]));
    assert_eq!(data["resultaattypen"], json!([resultaattype]));
    assert_eq!(data["resultaattypenOmschrijving"], json!(["Verleend"]));

    assert_eq!(
        urls(
            &api,
            &format!("besluittypen?zaaktypen={zaaktype}&status=alles")
        )
        .await,
        vec![besluittype.clone()]
    );
    assert_eq!(
        urls(
            &api,
            &format!("besluittypen?informatieobjecttypen={brief}&status=concept")
        )
        .await,
        vec![besluittype.clone()]
    );
    assert!(urls(&api, "besluittypen?omschrijving=Anders&status=alles")
        .await
        .is_empty());

    // Publishing the zaaktype needs its besluittype published (ztc-012).
    for (kind, body) in [
        (
            "statustypen",
            json!({"zaaktype": zaaktype, "omschrijving": "Start", "volgnummer": 1}),
        ),
        (
            "statustypen",
            json!({"zaaktype": zaaktype, "omschrijving": "Eind", "volgnummer": 2}),
        ),
        (
            "roltypen",
            json!({"zaaktype": zaaktype, "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}),
        ),
    ] {
        fixtures::create(&api, kind, body).await;
    }
    let reply = api.post(&format!("{zaaktype}/publish"), &json!({})).await;
    assert_eq!(
        reply.invalid_params(),
        vec!["nonFieldErrors:concept-relation"]
    );
    fixtures::publish(&api, &besluittype).await;
    fixtures::publish(&api, &zaaktype).await;
});

both_backends!(zaakobjecttypen, |api| {
    let catalogus = fixtures::catalogus(&api).await;
    let zt = fixtures::concept_zaaktype_in(&api, &catalogus, "ZT-OBJ").await;
    let post = |body: Value| {
        let api = &api;
        async move {
            api.post(&format!("{CATALOGI}/zaakobjecttypen"), &body)
                .await
        }
    };
    let reply = post(json!({})).await;
    assert_eq!(
        sorted(reply.invalid_params()),
        vec![
            "anderObjecttype:required",
            "objecttype:required",
            "relatieOmschrijving:required",
            "zaaktype:required",
        ]
    );
    let elders = fixtures::catalogus(&api).await;
    let reply = post(json!({"zaaktype": zt.zaaktype, "anderObjecttype": false,
                            "objecttype": "https://objecttypen.example/api/v2/objecttypes/boom",
                            "relatieOmschrijving": "Te kappen boom", "catalogus": elders}))
    .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["catalogus:relations-incorrect-catalogus"]
    );
    let created = post(json!({"zaaktype": zt.zaaktype, "anderObjecttype": false,
                              "objecttype": "https://objecttypen.example/api/v2/objecttypes/boom",
                              "relatieOmschrijving": "Te kappen boom",
                              "beginGeldigheid": "2020-01-01"}))
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    let url = created.json["url"].as_str().unwrap().to_owned();
    assert_eq!(created.json["catalogus"], catalogus.as_str());
    assert_eq!(created.json["zaaktypeIdentificatie"], "ZT-OBJ");
    assert_eq!(created.json["statustypen"], json!([]));
    assert_eq!(
        api.get(&zt.zaaktype).await.json["zaakobjecttypen"],
        json!([url])
    );
    assert_eq!(
        urls(
            &api,
            "zaakobjecttypen?relatieOmschrijving=Te%20kappen%20boom"
        )
        .await,
        vec![url.clone()]
    );
    assert_eq!(
        urls(
            &api,
            "zaakobjecttypen?anderObjecttype=false&zaaktypeIdentificatie=ZT-OBJ"
        )
        .await,
        vec![url.clone()]
    );
    assert_eq!(
        urls(&api, "zaakobjecttypen?datumBeginGeldigheid=2020-01-01").await,
        vec![url.clone()]
    );
    assert!(urls(&api, "zaakobjecttypen?anderObjecttype=true")
        .await
        .is_empty());
    let reply = api
        .get(&format!("{CATALOGI}/zaakobjecttypen?anderObjecttype=ja"))
        .await;
    assert_eq!(
        reply.invalid_params(),
        vec!["anderObjecttype:invalid_choice"]
    );
    // Part of the zaaktype: deleted with it, frozen once it is published.
    fixtures::publish(&api, &zt.zaaktype).await;
    assert_eq!(
        api.delete(&url).await.invalid_params(),
        vec!["nonFieldErrors:non-concept-zaaktype"]
    );
});
