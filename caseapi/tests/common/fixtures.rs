//! Catalogue fixtures for tests of all three APIs: a catalogus with published (and concept)
//! zaaktypen, complete with sub-types, built through the Catalogi API itself.
//!
//! ```ignore
//! let zt = fixtures::published_zaaktype(&api).await;
//! api.post("/zaken/api/v1/zaken", &json!({"zaaktype": zt.zaaktype, …})).await;
//! ```

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::TestApi;

pub const CATALOGI: &str = "/catalogi/api/v1";

/// URLs of a zaaktype and everything hanging under it.
#[derive(Debug, Clone)]
pub struct ZaaktypeFixture {
    pub catalogus: String,
    pub zaaktype: String,
    pub identificatie: String,
    /// Volgnummer 1..=3; the last is the eindstatus.
    pub statustypen: Vec<String>,
    pub roltype_initiator: String,
    pub roltype_behandelaar: String,
    /// `tekst` with waardenverzameling (`kleur`), `getal` (`aantal`), `datum` (`datum`).
    pub eigenschap_tekst: String,
    pub eigenschap_getal: String,
    pub eigenschap_datum: String,
    pub resultaattype: String,
    /// Published, linked with richting `inkomend`.
    pub informatieobjecttype: String,
    pub zaaktype_informatieobjecttype: String,
}

/// POSTs `body` to `{CATALOGI}/{collection}` and returns the created resource's URL; panics
/// with the answer if it was not 201.
pub async fn create(api: &TestApi, collection: &str, body: Value) -> String {
    let reply = api.post(&format!("{CATALOGI}/{collection}"), &body).await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "POST {collection}: {}",
        reply.json
    );
    reply.json["url"].as_str().expect("url").to_owned()
}

/// POSTs `{url}/publish`, panicking unless 200.
pub async fn publish(api: &TestApi, url: &str) {
    let reply = api.post(&format!("{url}/publish"), &json!({})).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "publish {url}: {}",
        reply.json
    );
}

/// A new catalogus with the test RSIN `000000000` and a random domein (domein + RSIN must be
/// unique, so every call gets its own).
pub async fn catalogus(api: &TestApi) -> String {
    let domein: String = uuid::Uuid::new_v4()
        .simple()
        .to_string()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(5)
        .collect::<String>()
        .to_ascii_uppercase();
    let domein = if domein.is_empty() {
        "TEST".to_owned()
    } else {
        domein
    };
    create(
        api,
        "catalogussen",
        json!({
            "domein": domein,
            "rsin": "000000000",
            "contactpersoonBeheerNaam": "Beheerder",
        }),
    )
    .await
}

/// A valid body for `POST /zaaktypen` (concept) in `catalogus`.
pub fn zaaktype_body(catalogus: &str, identificatie: &str) -> Value {
    json!({
        "identificatie": identificatie,
        "omschrijving": format!("Testzaaktype {identificatie}"),
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Testen",
        "aanleiding": "Een test",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "aanvragen",
        "onderwerp": "Test",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P30D",
        "servicenorm": "P14D",
        "opschortingEnAanhoudingMogelijk": false,
        "verlengingMogelijk": false,
        "trefwoorden": ["test"],
        "publicatieIndicatie": false,
        "productenOfDiensten": ["https://example.com/producten/1"],
        "referentieproces": {"naam": "Testproces"},
        "verantwoordelijke": "Team Test",
        "catalogus": catalogus,
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2020-01-01",
        "versiedatum": "2020-01-01",
    })
}

/// A valid body for `POST /informatieobjecttypen` (concept).
pub fn informatieobjecttype_body(catalogus: &str, omschrijving: &str) -> Value {
    json!({
        "catalogus": catalogus,
        "omschrijving": omschrijving,
        "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2020-01-01",
        "informatieobjectcategorie": "Bijlage",
    })
}

/// A concept zaaktype with all sub-types and a linked, published informatieobjecttype; the
/// zaaktype itself is not published.
pub async fn concept_zaaktype_in(
    api: &TestApi,
    catalogus: &str,
    identificatie: &str,
) -> ZaaktypeFixture {
    let zaaktype = create(api, "zaaktypen", zaaktype_body(catalogus, identificatie)).await;
    let mut statustypen = Vec::new();
    for (volgnummer, omschrijving, tekst) in [
        (1, "Ontvangen", "We hebben uw aanvraag ontvangen."),
        (2, "In behandeling", "Uw aanvraag is in behandeling."),
        (3, "Afgehandeld", "Uw aanvraag is afgehandeld."),
    ] {
        statustypen.push(
            create(
                api,
                "statustypen",
                json!({
                    "zaaktype": zaaktype,
                    "omschrijving": omschrijving,
                    "statustekst": tekst,
                    "volgnummer": volgnummer,
                    "informeren": true,
                }),
            )
            .await,
        );
    }
    let roltype = |omschrijving: &str, generiek: &str| json!({"zaaktype": zaaktype, "omschrijving": omschrijving, "omschrijvingGeneriek": generiek});
    let roltype_initiator = create(api, "roltypen", roltype("Aanvrager", "initiator")).await;
    let roltype_behandelaar = create(api, "roltypen", roltype("Behandelaar", "behandelaar")).await;
    let eigenschap = |naam: &str, formaat: &str, lengte: &str, waarden: Value| {
        json!({
            "zaaktype": zaaktype,
            "naam": naam,
            "definitie": format!("De {naam}"),
            "specificatie": {
                "formaat": formaat,
                "lengte": lengte,
                "kardinaliteit": "1",
                "waardenverzameling": waarden,
            },
        })
    };
    let eigenschap_tekst = create(
        api,
        "eigenschappen",
        eigenschap("kleur", "tekst", "10", json!(["rood", "groen", "blauw"])),
    )
    .await;
    let eigenschap_getal = create(
        api,
        "eigenschappen",
        eigenschap("aantal", "getal", "3", json!([])),
    )
    .await;
    let eigenschap_datum = create(
        api,
        "eigenschappen",
        eigenschap("datum", "datum", "8", json!([])),
    )
    .await;
    let resultaattype = create(
        api,
        "resultaattypen",
        json!({
            "zaaktype": zaaktype,
            "omschrijving": "Toegekend",
            "resultaattypeomschrijving": "https://referentielijsten.example/api/v1/resultaattypeomschrijvingen/1",
            "selectielijstklasse": "https://selectielijst.example/api/v1/resultaten/1",
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P5Y",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            "besluittypen": [],
        }),
    )
    .await;
    let informatieobjecttype = create(
        api,
        "informatieobjecttypen",
        informatieobjecttype_body(catalogus, &format!("Bijlage {identificatie}")),
    )
    .await;
    publish(api, &informatieobjecttype).await;
    let zaaktype_informatieobjecttype = create(
        api,
        "zaaktype-informatieobjecttypen",
        json!({
            "zaaktype": zaaktype,
            "informatieobjecttype": informatieobjecttype,
            "volgnummer": 1,
            "richting": "inkomend",
        }),
    )
    .await;
    ZaaktypeFixture {
        catalogus: catalogus.to_owned(),
        zaaktype,
        identificatie: identificatie.to_owned(),
        statustypen,
        roltype_initiator,
        roltype_behandelaar,
        eigenschap_tekst,
        eigenschap_getal,
        eigenschap_datum,
        resultaattype,
        informatieobjecttype,
        zaaktype_informatieobjecttype,
    }
}

/// A published zaaktype (identificatie `ZT-TEST`) in a fresh catalogus.
pub async fn published_zaaktype(api: &TestApi) -> ZaaktypeFixture {
    let catalogus = catalogus(api).await;
    published_zaaktype_in(api, &catalogus, "ZT-TEST").await
}

/// A published zaaktype with this identificatie in `catalogus`.
pub async fn published_zaaktype_in(
    api: &TestApi,
    catalogus: &str,
    identificatie: &str,
) -> ZaaktypeFixture {
    let fixture = concept_zaaktype_in(api, catalogus, identificatie).await;
    publish(api, &fixture.zaaktype).await;
    fixture
}

/// A second published zaaktype (`ZT-TWEEDE`) in the catalogus of `first`.
pub async fn second_zaaktype(api: &TestApi, first: &ZaaktypeFixture) -> ZaaktypeFixture {
    published_zaaktype_in(api, &first.catalogus, "ZT-TWEEDE").await
}

/// A concept (unpublished) zaaktype (`ZT-CONCEPT`) with all sub-types, in the catalogus of
/// `first`; zaken cannot be created with it.
pub async fn concept_zaaktype(api: &TestApi, first: &ZaaktypeFixture) -> ZaaktypeFixture {
    concept_zaaktype_in(api, &first.catalogus, "ZT-CONCEPT").await
}
