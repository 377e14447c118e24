//! The demo catalogue seeded on first start (when the config asks and no catalogus exists):
//! "Gemeente Voorbeeld" with published, realistic zaaktypen for residents — a melding
//! openbare ruimte, a parkeervergunning, a Wmo-voorziening, a kapvergunning and a
//! bezwaarschrift — plus one internal zaaktype, so the portal's filtering on
//! `indicatieInternOfExtern` has something to filter.
//!
//! Everything goes through the same validation and storage code as API clients
//! ([`handlers::create_in`], [`handlers::publish_in`]), in one transaction: the catalogue
//! appears complete or not at all.
//!
//! The Selectielijst/Referentielijsten API is external and only checked for URL shape, so the
//! resultaattypen point at `referentielijsten.example.nl` placeholders.

use serde_json::{json, Map, Value};
use sqlx::Row;

use super::handlers;
use super::kind::Kind;
use crate::db::Tx;
use crate::error::ApiError;
use crate::CaseApi;

/// The test RSIN of the Open Zaak documentation (passes the 11-proef).
pub const RSIN: &str = "002220647";
/// The demo catalogue's domein.
pub const DOMEIN: &str = "VBLD";

const REFERENTIELIJSTEN: &str = "https://referentielijsten.example.nl/api/v1";
const PRODUCTEN: &str = "https://www.voorbeeld.nl/producten";

/// Seeds the demo catalogue when no catalogus exists yet.
pub async fn seed_demo_if_empty(api: &CaseApi) -> Result<(), ApiError> {
    let mut tx = api.db.begin().await?;
    let existing: i64 = sqlx::query("SELECT COUNT(*) FROM catalogussen")
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    if existing > 0 {
        return Ok(());
    }
    seed(&mut tx, api).await?;
    tx.commit().await?;
    tracing::info!("demo catalogue 'Gemeente Voorbeeld' seeded");
    Ok(())
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("seed bodies are JSON objects"),
    }
}

async fn create(tx: &mut Tx, api: &CaseApi, kind: Kind, body: Value) -> Result<String, ApiError> {
    let data = handlers::create_in(tx, api, kind, &object(body)).await?;
    Ok(data["url"].as_str().unwrap_or_default().to_owned())
}

async fn publish(tx: &mut Tx, api: &CaseApi, kind: Kind, url: &str) -> Result<(), ApiError> {
    let uuid = super::references::uuid_of(api, url, kind)
        .ok_or_else(|| ApiError::internal("seeded URL is local"))?;
    handlers::publish_in(tx, api, kind, uuid).await?;
    Ok(())
}

/// A document type: omschrijving, vertrouwelijkheid, categorie.
struct Documenttype {
    omschrijving: &'static str,
    vertrouwelijkheid: &'static str,
    categorie: &'static str,
}

const DOCUMENTTYPEN: &[Documenttype] = &[
    Documenttype {
        omschrijving: "Foto",
        vertrouwelijkheid: "openbaar",
        categorie: "Foto",
    },
    Documenttype {
        omschrijving: "Kentekenbewijs",
        vertrouwelijkheid: "vertrouwelijk",
        categorie: "Bewijsstuk",
    },
    Documenttype {
        omschrijving: "Medische verklaring",
        vertrouwelijkheid: "zeer_geheim",
        categorie: "Verklaring",
    },
    Documenttype {
        omschrijving: "Situatietekening",
        vertrouwelijkheid: "openbaar",
        categorie: "Tekening",
    },
    Documenttype {
        omschrijving: "Bezwaarschrift",
        vertrouwelijkheid: "vertrouwelijk",
        categorie: "Brief",
    },
    Documenttype {
        omschrijving: "Besluit",
        vertrouwelijkheid: "vertrouwelijk",
        categorie: "Besluit",
    },
    Documenttype {
        omschrijving: "Adviesnotitie",
        vertrouwelijkheid: "intern",
        categorie: "Notitie",
    },
];

/// A form field of a zaaktype: naam, definitie, formaat, lengte, waardenverzameling.
type Veld = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// One demo zaaktype.
struct Zaaktype {
    identificatie: &'static str,
    omschrijving: &'static str,
    onderwerp: &'static str,
    doel: &'static str,
    aanleiding: &'static str,
    intern_of_extern: &'static str,
    vertrouwelijkheid: &'static str,
    handeling_initiator: &'static str,
    doorlooptijd: &'static str,
    servicenorm: &'static str,
    verlengingstermijn: Option<&'static str>,
    publicatietekst: &'static str,
    trefwoorden: &'static [&'static str],
    product: &'static str,
    initiator: &'static str,
    /// (omschrijving, statustekst for the resident, informeren)
    statussen: &'static [(&'static str, &'static str, bool)],
    velden: &'static [Veld],
    /// (document type omschrijving, richting)
    documenten: &'static [(&'static str, &'static str)],
    /// (omschrijving, archiefnominatie, archiefactietermijn)
    resultaten: &'static [(&'static str, &'static str, &'static str)],
}

const ZAAKTYPEN: &[Zaaktype] = &[
    Zaaktype {
        identificatie: "MELDING-OPENBARE-RUIMTE",
        omschrijving: "Melding openbare ruimte",
        onderwerp: "Openbare ruimte",
        doel: "Problemen in de openbare ruimte (kapotte lantaarnpaal, zwerfvuil, losse tegels) melden zodat de gemeente ze verhelpt.",
        aanleiding: "Een inwoner ziet iets in de buurt dat gerepareerd of opgeruimd moet worden.",
        intern_of_extern: "extern",
        vertrouwelijkheid: "openbaar",
        handeling_initiator: "Melden",
        doorlooptijd: "P14D",
        servicenorm: "P5D",
        verlengingstermijn: None,
        publicatietekst: "Ziet u iets kapot of vies in uw buurt? Meld het hier.",
        trefwoorden: &["melding", "openbare ruimte", "buurt"],
        product: "melding-openbare-ruimte",
        initiator: "Melder",
        statussen: &[
            ("Ontvangen", "We hebben uw melding ontvangen. U hoort binnen 5 werkdagen wat we ermee doen.", true),
            ("In behandeling", "Uw melding is doorgestuurd naar de buitendienst.", false),
            ("Ingepland", "Het herstel is ingepland.", true),
            ("Afgehandeld", "Uw melding is afgehandeld. Bedankt dat u ons hebt geholpen.", true),
        ],
        velden: &[
            ("categorie", "Soort probleem", "tekst", "30", &["Afval", "Straatverlichting", "Bestrating", "Groen", "Overlast", "Anders"]),
            ("locatie", "Waar is het probleem (straat, huisnummer of omschrijving)?", "tekst", "200", &[]),
            ("omschrijving", "Wat is er aan de hand?", "tekst", "1000", &[]),
        ],
        documenten: &[("Foto", "inkomend")],
        resultaten: &[("Opgelost", "vernietigen", "P1Y"), ("Niet opgelost", "vernietigen", "P1Y")],
    },
    Zaaktype {
        identificatie: "PARKEERVERGUNNING-BEWONERS",
        omschrijving: "Aanvraag parkeervergunning bewoners",
        onderwerp: "Parkeren",
        doel: "Bewoners van een betaald-parkeergebied een vergunning geven om in hun eigen buurt te parkeren.",
        aanleiding: "Een bewoner wil een parkeervergunning voor zijn of haar auto.",
        intern_of_extern: "extern",
        vertrouwelijkheid: "vertrouwelijk",
        handeling_initiator: "Aanvragen",
        doorlooptijd: "P56D",
        servicenorm: "P14D",
        verlengingstermijn: None,
        publicatietekst: "Woont u in een gebied met betaald parkeren? Vraag hier een bewonersvergunning aan.",
        trefwoorden: &["parkeren", "vergunning", "auto"],
        product: "parkeervergunning-bewoners",
        initiator: "Aanvrager",
        statussen: &[
            ("Ontvangen", "We hebben uw aanvraag voor een parkeervergunning ontvangen.", true),
            ("In behandeling", "We controleren uw gegevens en kenteken.", false),
            ("Besluit genomen", "Er is een besluit genomen over uw aanvraag. U vindt het besluit bij uw documenten.", true),
        ],
        velden: &[
            ("kenteken", "Kenteken van de auto", "tekst", "8", &[]),
            ("ingangsdatum", "Vanaf wanneer wilt u de vergunning?", "datum", "8", &[]),
            ("aantalAutos", "Aantal auto's op uw adres", "getal", "1", &[]),
        ],
        documenten: &[("Kentekenbewijs", "inkomend"), ("Besluit", "uitgaand")],
        resultaten: &[("Verleend", "vernietigen", "P5Y"), ("Geweigerd", "vernietigen", "P5Y")],
    },
    Zaaktype {
        identificatie: "WMO-VOORZIENING",
        omschrijving: "Aanvraag Wmo-voorziening",
        onderwerp: "Zorg en ondersteuning",
        doel: "Inwoners ondersteunen zodat zij zelfstandig kunnen blijven wonen en meedoen (Wet maatschappelijke ondersteuning).",
        aanleiding: "Een inwoner heeft hulp of een voorziening nodig in en om het huis.",
        intern_of_extern: "extern",
        vertrouwelijkheid: "zaakvertrouwelijk",
        handeling_initiator: "Aanvragen",
        doorlooptijd: "P56D",
        servicenorm: "P42D",
        verlengingstermijn: Some("P14D"),
        publicatietekst: "Heeft u hulp nodig in het huishouden, een woningaanpassing of vervoer? Vraag hier een Wmo-voorziening aan.",
        trefwoorden: &["wmo", "zorg", "ondersteuning"],
        product: "wmo-voorziening",
        initiator: "Aanvrager",
        statussen: &[
            ("Ontvangen", "We hebben uw aanvraag ontvangen. Een consulent neemt binnen 2 weken contact met u op.", true),
            ("Gesprek gepland", "We hebben een keukentafelgesprek met u gepland.", true),
            ("Onderzoek afgerond", "Het onderzoek is afgerond. U ontvangt het verslag.", true),
            ("Besluit genomen", "Er is een besluit genomen over uw aanvraag. U vindt de beschikking bij uw documenten.", true),
        ],
        velden: &[
            ("soortVoorziening", "Welke ondersteuning vraagt u aan?", "tekst", "40", &["Huishoudelijke hulp", "Woningaanpassing", "Vervoersvoorziening", "Rolstoel", "Begeleiding"]),
            ("situatie", "Beschrijf uw situatie", "tekst", "1000", &[]),
        ],
        documenten: &[("Medische verklaring", "inkomend"), ("Besluit", "uitgaand")],
        resultaten: &[("Toegekend", "vernietigen", "P15Y"), ("Afgewezen", "vernietigen", "P15Y")],
    },
    Zaaktype {
        identificatie: "KAPVERGUNNING",
        omschrijving: "Kapvergunning",
        onderwerp: "Bomen",
        doel: "Beoordelen of een boom gekapt mag worden.",
        aanleiding: "Een inwoner wil een boom op eigen terrein kappen.",
        intern_of_extern: "extern",
        vertrouwelijkheid: "openbaar",
        handeling_initiator: "Aanvragen",
        doorlooptijd: "P56D",
        servicenorm: "P42D",
        verlengingstermijn: Some("P42D"),
        publicatietekst: "Wilt u een boom kappen? Voor veel bomen heeft u een vergunning nodig.",
        trefwoorden: &["bomen", "kappen", "vergunning"],
        product: "kapvergunning",
        initiator: "Aanvrager",
        statussen: &[
            ("Ontvangen", "We hebben uw aanvraag voor een kapvergunning ontvangen.", true),
            ("Beoordeling", "Een boomdeskundige beoordeelt uw aanvraag, eventueel ter plekke.", true),
            ("Besluit genomen", "Er is een besluit genomen. U vindt het besluit bij uw documenten; anderen kunnen nog 6 weken bezwaar maken.", true),
        ],
        velden: &[
            ("aantalBomen", "Hoeveel bomen wilt u kappen?", "getal", "3", &[]),
            ("boomsoort", "Welke boomsoort(en)?", "tekst", "100", &[]),
            ("reden", "Waarom wilt u de boom kappen?", "tekst", "30", &["Ziek of dood", "Overlast", "Bouwplannen", "Veiligheid", "Anders"]),
        ],
        documenten: &[("Foto", "inkomend"), ("Situatietekening", "inkomend"), ("Besluit", "uitgaand")],
        resultaten: &[("Verleend", "vernietigen", "P10Y"), ("Geweigerd", "vernietigen", "P10Y")],
    },
    Zaaktype {
        identificatie: "BEZWAARSCHRIFT",
        omschrijving: "Bezwaarschrift",
        onderwerp: "Bezwaar",
        doel: "Een besluit van de gemeente opnieuw beoordelen als een belanghebbende het er niet mee eens is.",
        aanleiding: "Een inwoner is het niet eens met een besluit van de gemeente.",
        intern_of_extern: "extern",
        vertrouwelijkheid: "vertrouwelijk",
        handeling_initiator: "Indienen",
        doorlooptijd: "P84D",
        servicenorm: "P42D",
        verlengingstermijn: Some("P42D"),
        publicatietekst: "Bent u het niet eens met een besluit van de gemeente? Dien binnen 6 weken een bezwaarschrift in.",
        trefwoorden: &["bezwaar", "besluit"],
        product: "bezwaar-maken",
        initiator: "Indiener",
        statussen: &[
            ("Ontvangen", "We hebben uw bezwaarschrift ontvangen.", true),
            ("Hoorzitting gepland", "U bent uitgenodigd voor een hoorzitting om uw bezwaar toe te lichten.", true),
            ("Advies commissie", "De bezwaarcommissie heeft advies uitgebracht.", false),
            ("Beslissing op bezwaar", "Er is op uw bezwaar beslist. U vindt de beslissing bij uw documenten.", true),
        ],
        velden: &[
            ("kenmerkBesluit", "Kenmerk van het besluit waartegen u bezwaar maakt", "tekst", "50", &[]),
            ("datumBesluit", "Datum van dat besluit", "datum", "8", &[]),
            ("gronden", "Waarom bent u het niet eens met het besluit?", "tekst", "4000", &[]),
        ],
        documenten: &[("Bezwaarschrift", "inkomend"), ("Besluit", "uitgaand")],
        resultaten: &[("Gegrond", "blijvend_bewaren", "P10Y"), ("Ongegrond", "vernietigen", "P10Y"), ("Niet-ontvankelijk", "vernietigen", "P10Y")],
    },
    Zaaktype {
        identificatie: "INTERN-ADVIES",
        omschrijving: "Intern juridisch advies",
        onderwerp: "Advies",
        doel: "Afdelingen vragen de juridische afdeling om advies.",
        aanleiding: "Een afdeling heeft een juridische vraag.",
        intern_of_extern: "intern",
        vertrouwelijkheid: "intern",
        handeling_initiator: "Vragen",
        doorlooptijd: "P28D",
        servicenorm: "P14D",
        verlengingstermijn: None,
        publicatietekst: "",
        trefwoorden: &["intern", "advies"],
        product: "intern-advies",
        initiator: "Vragende afdeling",
        statussen: &[
            ("Ontvangen", "De adviesvraag is ontvangen.", false),
            ("Advies uitgebracht", "Het advies is uitgebracht.", false),
        ],
        velden: &[("vraag", "De juridische vraag", "tekst", "2000", &[])],
        documenten: &[("Adviesnotitie", "uitgaand")],
        resultaten: &[("Advies uitgebracht", "vernietigen", "P5Y")],
    },
];

async fn seed(tx: &mut Tx, api: &CaseApi) -> Result<(), ApiError> {
    let begin = "2024-01-01";
    let catalogus = create(
        tx,
        api,
        Kind::Catalogus,
        json!({
            "domein": DOMEIN,
            "rsin": RSIN,
            "naam": "Zaaktypecatalogus Gemeente Voorbeeld",
            "versie": "1",
            "begindatumVersie": begin,
            "contactpersoonBeheerNaam": "Team Zaakgericht Werken",
            "contactpersoonBeheerTelefoonnummer": "14 0000",
            "contactpersoonBeheerEmailadres": "zaakgerichtwerken@voorbeeld.nl",
        }),
    )
    .await?;
    let mut documenttypen = Vec::new();
    for d in DOCUMENTTYPEN {
        let url = create(
            tx,
            api,
            Kind::Informatieobjecttype,
            json!({
                "catalogus": catalogus,
                "omschrijving": d.omschrijving,
                "vertrouwelijkheidaanduiding": d.vertrouwelijkheid,
                "informatieobjectcategorie": d.categorie,
                "beginGeldigheid": begin,
            }),
        )
        .await?;
        publish(tx, api, Kind::Informatieobjecttype, &url).await?;
        documenttypen.push((d.omschrijving, url));
    }
    for z in ZAAKTYPEN {
        seed_zaaktype(tx, api, &catalogus, &documenttypen, z, begin).await?;
    }
    Ok(())
}

async fn seed_zaaktype(
    tx: &mut Tx,
    api: &CaseApi,
    catalogus: &str,
    documenttypen: &[(&str, String)],
    z: &Zaaktype,
    begin: &str,
) -> Result<(), ApiError> {
    let zaaktype = create(
        tx,
        api,
        Kind::Zaaktype,
        json!({
            "identificatie": z.identificatie,
            "omschrijving": z.omschrijving,
            "vertrouwelijkheidaanduiding": z.vertrouwelijkheid,
            "doel": z.doel,
            "aanleiding": z.aanleiding,
            "indicatieInternOfExtern": z.intern_of_extern,
            "handelingInitiator": z.handeling_initiator,
            "onderwerp": z.onderwerp,
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": z.doorlooptijd,
            "servicenorm": z.servicenorm,
            "opschortingEnAanhoudingMogelijk": true,
            "verlengingMogelijk": z.verlengingstermijn.is_some(),
            "verlengingstermijn": z.verlengingstermijn,
            "trefwoorden": z.trefwoorden,
            "publicatieIndicatie": z.intern_of_extern == "extern",
            "publicatietekst": z.publicatietekst,
            "productenOfDiensten": [format!("{PRODUCTEN}/{}", z.product)],
            "referentieproces": {"naam": z.omschrijving},
            "verantwoordelijke": "Gemeente Voorbeeld",
            "catalogus": catalogus,
            "besluittypen": [],
            "deelzaaktypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": begin,
            "versiedatum": begin,
        }),
    )
    .await?;
    for (i, (omschrijving, statustekst, informeren)) in z.statussen.iter().enumerate() {
        create(
            tx,
            api,
            Kind::Statustype,
            json!({
                "zaaktype": zaaktype,
                "omschrijving": omschrijving,
                "statustekst": statustekst,
                "informeren": informeren,
                "volgnummer": i + 1,
            }),
        )
        .await?;
    }
    for (omschrijving, generiek) in [(z.initiator, "initiator"), ("Behandelaar", "behandelaar")] {
        create(
            tx,
            api,
            Kind::Roltype,
            json!({"zaaktype": zaaktype, "omschrijving": omschrijving, "omschrijvingGeneriek": generiek}),
        )
        .await?;
    }
    for (naam, definitie, formaat, lengte, waarden) in z.velden {
        create(
            tx,
            api,
            Kind::Eigenschap,
            json!({
                "zaaktype": zaaktype,
                "naam": naam,
                "definitie": definitie,
                "specificatie": {
                    "formaat": formaat,
                    "lengte": lengte,
                    "kardinaliteit": "1",
                    "waardenverzameling": waarden,
                },
            }),
        )
        .await?;
    }
    for (i, (omschrijving, richting)) in z.documenten.iter().enumerate() {
        let url = documenttypen
            .iter()
            .find(|(name, _)| name == omschrijving)
            .map(|(_, url)| url.clone())
            .ok_or_else(|| ApiError::internal(format!("seed documenttype {omschrijving}")))?;
        create(
            tx,
            api,
            Kind::ZaaktypeInformatieobjecttype,
            json!({
                "zaaktype": zaaktype,
                "informatieobjecttype": url,
                "volgnummer": i + 1,
                "richting": richting,
            }),
        )
        .await?;
    }
    for (i, (omschrijving, nominatie, termijn)) in z.resultaten.iter().enumerate() {
        create(
            tx,
            api,
            Kind::Resultaattype,
            json!({
                "zaaktype": zaaktype,
                "omschrijving": omschrijving,
                "resultaattypeomschrijving": format!("{REFERENTIELIJSTEN}/resultaattypeomschrijvingen/{}", i + 1),
                "selectielijstklasse": format!("{REFERENTIELIJSTEN}/resultaten/{}", i + 1),
                "archiefnominatie": nominatie,
                "archiefactietermijn": termijn,
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
                "besluittypen": [],
            }),
        )
        .await?;
    }
    publish(tx, api, Kind::Zaaktype, &zaaktype).await
}
