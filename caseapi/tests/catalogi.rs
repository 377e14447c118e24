//! Catalogi API: the shared fixtures, publishing and derived fields.

mod common;

use axum::http::StatusCode;
use common::fixtures::{self, CATALOGI};
use serde_json::json;

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

    let eind: Vec<bool> = futures_eind(&api, &zt.statustypen).await;
    assert_eq!(eind, vec![false, false, true]);

    let st = api.get(&zt.statustypen[0]).await.json;
    assert_eq!(st["zaaktypeIdentificatie"], "ZT-TEST");
    assert_eq!(st["catalogus"], zt.catalogus.as_str());
    assert_eq!(st["statustekst"], "We hebben uw aanvraag ontvangen.");
    assert_eq!(st["informeren"], true);

    let iot = api.get(&zt.informatieobjecttype).await.json;
    assert_eq!(iot["zaaktypen"], json!([zt.zaaktype]));
    let cat = api.get(&zt.catalogus).await.json;
    assert_eq!(cat["zaaktypen"], json!([zt.zaaktype]));
    assert_eq!(
        cat["informatieobjecttypen"],
        json!([zt.informatieobjecttype])
    );

    let list = api.get(&format!("{CATALOGI}/zaaktypen")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json["count"], 1);
});

async fn futures_eind(api: &common::TestApi, urls: &[String]) -> Vec<bool> {
    let mut out = Vec::new();
    for url in urls {
        out.push(api.get(url).await.json["isEindstatus"].as_bool().unwrap());
    }
    out
}
