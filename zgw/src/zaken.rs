//! Resource types of the Zaken API 1.5.1, as its OAS spells them.
//!
//! Conventions as in [`crate::catalogi`]: field names are the OAS's (camelCase on the wire),
//! enumerations are strings with their allowed values as constants, dates `YYYY-MM-DD` and
//! date-times ISO 8601 strings as on the wire. Fields in the OAS `required` list are plain
//! fields (a nullable one is an `Option` that must be present or null); the others have
//! `#[serde(default)]`, so an answer without them still reads. Fields the OAS does not name
//! are ignored.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalogi;

/// `rol.betrokkeneType`.
pub const BETROKKENE_TYPE: &[&str] = &[
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "vestiging",
    "organisatorische_eenheid",
    "medewerker",
];

/// `rol.indicatieMachtiging` (or empty).
pub const INDICATIE_MACHTIGING: &[&str] = &["gemachtigde", "machtiginggever"];

/// `zaak.betalingsindicatie` (or empty).
pub const BETALINGSINDICATIE: &[&str] = &["nvt", "nog_niet", "gedeeltelijk", "geheel"];

/// `zaak.archiefstatus`.
pub const ARCHIEFSTATUS: &[&str] = &[
    "nog_te_archiveren",
    "gearchiveerd",
    "gearchiveerd_procestermijn_onbekend",
    "overgedragen",
];

/// `zaak.relevanteAndereZaken[].aardRelatie`.
pub const AARD_RELATIE: &[&str] = &["vervolg", "onderwerp", "bijdrage"];

/// `zaakinformatieobject.aardRelatieWeergave`.
pub const AARD_RELATIE_WEERGAVE: &[&str] = &[
    "Hoort bij, omgekeerd: kent",
    "Legt vast, omgekeerd: kan vastgelegd zijn als",
];

/// `betrokkeneIdentificatie.geslachtsaanduiding` (or empty).
pub const GESLACHTSAANDUIDING: &[&str] = &["m", "v", "o"];

/// A paginated list (`PaginatedZaakList`, `PaginatedStatusList`, …): `count`, `next`,
/// `previous` (URLs or null) and one page of `results`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paginated<T> {
    pub count: u64,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    pub results: Vec<T>,
}

/// `ZaakKenmerk`: an identifying characteristic of a zaak in another system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaakKenmerk {
    pub kenmerk: String,
    pub bron: String,
}

/// `RelevanteZaak`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelevanteZaak {
    pub url: String,
    pub aard_relatie: String,
}

/// `Verlenging`: `duur` is an ISO 8601 duration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verlenging {
    pub reden: String,
    pub duur: String,
}

/// `Opschorting`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Opschorting {
    pub indicatie: bool,
    pub reden: String,
}

/// `Processobject` (archiving).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Processobject {
    pub datumkenmerk: String,
    pub identificatie: String,
    pub objecttype: String,
    pub registratie: String,
}

/// `Zaak` (and `ZaakExpanded`: with `expand=…` the embedded objects are in [`Zaak::expand`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zaak {
    pub url: String,
    pub uuid: String,
    #[serde(default)]
    pub identificatie: String,
    pub bronorganisatie: String,
    #[serde(default)]
    pub omschrijving: String,
    #[serde(default)]
    pub toelichting: String,
    pub zaaktype: String,
    #[serde(default)]
    pub registratiedatum: Option<String>,
    pub verantwoordelijke_organisatie: String,
    pub startdatum: String,
    pub einddatum: Option<String>,
    #[serde(default)]
    pub einddatum_gepland: Option<String>,
    #[serde(default)]
    pub uiterlijke_einddatum_afdoening: Option<String>,
    #[serde(default)]
    pub publicatiedatum: Option<String>,
    #[serde(default)]
    pub communicatiekanaal: String,
    #[serde(default)]
    pub producten_of_diensten: Vec<String>,
    #[serde(default)]
    pub vertrouwelijkheidaanduiding: String,
    #[serde(default)]
    pub betalingsindicatie: String,
    pub betalingsindicatie_weergave: String,
    #[serde(default)]
    pub laatste_betaaldatum: Option<String>,
    /// GeoJSON geometry.
    #[serde(default)]
    pub zaakgeometrie: Option<Value>,
    #[serde(default)]
    pub verlenging: Option<Verlenging>,
    #[serde(default)]
    pub opschorting: Option<Opschorting>,
    #[serde(default)]
    pub selectielijstklasse: String,
    #[serde(default)]
    pub hoofdzaak: Option<String>,
    pub deelzaken: Vec<String>,
    #[serde(default)]
    pub relevante_andere_zaken: Vec<RelevanteZaak>,
    pub eigenschappen: Vec<String>,
    pub rollen: Vec<String>,
    /// URL of the current status.
    pub status: Option<String>,
    pub zaakinformatieobjecten: Vec<String>,
    pub zaakobjecten: Vec<String>,
    #[serde(default)]
    pub kenmerken: Vec<ZaakKenmerk>,
    #[serde(default)]
    pub archiefnominatie: Option<String>,
    #[serde(default)]
    pub archiefstatus: String,
    #[serde(default)]
    pub archiefactiedatum: Option<String>,
    pub resultaat: Option<String>,
    #[serde(default)]
    pub opdrachtgevende_organisatie: String,
    #[serde(default)]
    pub processobjectaard: Option<String>,
    #[serde(default)]
    pub startdatum_bewaartermijn: Option<String>,
    #[serde(default)]
    pub processobject: Option<Processobject>,
    #[serde(default, rename = "_expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<ZaakExpand>,
}

/// `ZaakEmbedded`: what `expand` put under `_expand` of a zaak (absent when not asked for).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaakExpand {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zaaktype: Option<catalogi::Zaaktype>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Box<Status>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resultaat: Option<Box<Resultaat>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollen: Option<Vec<Rol>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eigenschappen: Option<Vec<ZaakEigenschap>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hoofdzaak: Option<Box<Zaak>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deelzaken: Option<Vec<Zaak>>,
}

/// `Status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub url: String,
    pub uuid: String,
    pub zaak: String,
    pub statustype: String,
    pub datum_status_gezet: String,
    #[serde(default)]
    pub statustoelichting: String,
    pub indicatie_laatst_gezette_status: bool,
    #[serde(default)]
    pub gezetdoor: String,
    pub zaakinformatieobjecten: Vec<String>,
    #[serde(default, rename = "_expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<StatusExpand>,
}

/// `StatusEmbedded` (`expand=status.statustype`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusExpand {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statustype: Option<catalogi::Statustype>,
}

/// `VerblijfsAdres` of a natuurlijk persoon or vestiging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerblijfsAdres {
    #[serde(rename = "aoaIdentificatie")]
    pub aoa_identificatie: String,
    #[serde(rename = "wplWoonplaatsNaam")]
    pub wpl_woonplaats_naam: String,
    #[serde(rename = "gorOpenbareRuimteNaam")]
    pub gor_openbare_ruimte_naam: String,
    #[serde(rename = "aoaPostcode", default)]
    pub aoa_postcode: String,
    #[serde(rename = "aoaHuisnummer")]
    pub aoa_huisnummer: i64,
    #[serde(rename = "aoaHuisletter", default)]
    pub aoa_huisletter: String,
    #[serde(rename = "aoaHuisnummertoevoeging", default)]
    pub aoa_huisnummertoevoeging: String,
    #[serde(rename = "inpLocatiebeschrijving", default)]
    pub inp_locatiebeschrijving: String,
}

/// `SubVerblijfBuitenland`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubVerblijfBuitenland {
    #[serde(rename = "lndLandcode")]
    pub lnd_landcode: String,
    #[serde(rename = "lndLandnaam")]
    pub lnd_landnaam: String,
    #[serde(rename = "subAdresBuitenland_1", default)]
    pub sub_adres_buitenland_1: String,
    #[serde(rename = "subAdresBuitenland_2", default)]
    pub sub_adres_buitenland_2: String,
    #[serde(rename = "subAdresBuitenland_3", default)]
    pub sub_adres_buitenland_3: String,
}

/// `RolNatuurlijkPersoon`: a person (a resident: `inpBsn`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NatuurlijkPersoon {
    #[serde(rename = "inpBsn", default)]
    pub inp_bsn: String,
    #[serde(rename = "anpIdentificatie", default)]
    pub anp_identificatie: String,
    #[serde(rename = "inpA_nummer", default)]
    pub inp_a_nummer: String,
    #[serde(default)]
    pub geslachtsnaam: String,
    #[serde(rename = "voorvoegselGeslachtsnaam", default)]
    pub voorvoegsel_geslachtsnaam: String,
    #[serde(default)]
    pub voorletters: String,
    #[serde(default)]
    pub voornamen: String,
    #[serde(default)]
    pub geslachtsaanduiding: String,
    #[serde(default)]
    pub geboortedatum: String,
    #[serde(default)]
    pub verblijfsadres: Option<VerblijfsAdres>,
    #[serde(rename = "subVerblijfBuitenland", default)]
    pub sub_verblijf_buitenland: Option<SubVerblijfBuitenland>,
}

/// `RolNietNatuurlijkPersoon`: an organisation (`innNnpId` = RSIN).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NietNatuurlijkPersoon {
    #[serde(rename = "innNnpId", default)]
    pub inn_nnp_id: String,
    #[serde(rename = "annIdentificatie", default)]
    pub ann_identificatie: String,
    #[serde(rename = "statutaireNaam", default)]
    pub statutaire_naam: String,
    #[serde(rename = "innRechtsvorm", default)]
    pub inn_rechtsvorm: String,
    #[serde(default)]
    pub bezoekadres: String,
    #[serde(rename = "subVerblijfBuitenland", default)]
    pub sub_verblijf_buitenland: Option<SubVerblijfBuitenland>,
}

/// `RolVestiging`: a branch of a business (KvK).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Vestiging {
    #[serde(rename = "vestigingsNummer", default)]
    pub vestigings_nummer: String,
    #[serde(default)]
    pub handelsnaam: Vec<String>,
    #[serde(default)]
    pub verblijfsadres: Option<VerblijfsAdres>,
    #[serde(rename = "subVerblijfBuitenland", default)]
    pub sub_verblijf_buitenland: Option<SubVerblijfBuitenland>,
    #[serde(rename = "kvkNummer", default)]
    pub kvk_nummer: String,
}

/// `RolOrganisatorischeEenheid`: a department of the municipality.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OrganisatorischeEenheid {
    #[serde(default)]
    pub identificatie: String,
    #[serde(default)]
    pub naam: String,
    #[serde(rename = "isGehuisvestIn", default)]
    pub is_gehuisvest_in: String,
}

/// `RolMedewerker`: an employee (e.g. the behandelaar).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Medewerker {
    #[serde(default)]
    pub identificatie: String,
    #[serde(default)]
    pub achternaam: String,
    #[serde(default)]
    pub voorletters: String,
    #[serde(rename = "voorvoegselAchternaam", default)]
    pub voorvoegsel_achternaam: String,
}

/// `betrokkeneType` with its `betrokkeneIdentificatie` (the OAS's discriminated `Rol`
/// variants). The identification is `None` when the rol points at the betrokkene by URL only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "betrokkeneType",
    content = "betrokkeneIdentificatie",
    rename_all = "snake_case"
)]
pub enum Betrokkene {
    NatuurlijkPersoon(Option<NatuurlijkPersoon>),
    NietNatuurlijkPersoon(Option<NietNatuurlijkPersoon>),
    Vestiging(Option<Vestiging>),
    OrganisatorischeEenheid(Option<OrganisatorischeEenheid>),
    Medewerker(Option<Medewerker>),
}

impl Betrokkene {
    /// The `betrokkeneType` value.
    pub fn betrokkene_type(&self) -> &'static str {
        match self {
            Betrokkene::NatuurlijkPersoon(_) => "natuurlijk_persoon",
            Betrokkene::NietNatuurlijkPersoon(_) => "niet_natuurlijk_persoon",
            Betrokkene::Vestiging(_) => "vestiging",
            Betrokkene::OrganisatorischeEenheid(_) => "organisatorische_eenheid",
            Betrokkene::Medewerker(_) => "medewerker",
        }
    }

    /// The BSN of a natuurlijk persoon, if given.
    pub fn bsn(&self) -> Option<&str> {
        match self {
            Betrokkene::NatuurlijkPersoon(Some(p)) if !p.inp_bsn.is_empty() => Some(&p.inp_bsn),
            _ => None,
        }
    }
}

/// `ContactPersoonRol`: who to contact on behalf of the betrokkene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactpersoonRol {
    #[serde(default)]
    pub emailadres: String,
    #[serde(default)]
    pub functie: String,
    #[serde(default)]
    pub telefoonnummer: String,
    pub naam: String,
}

/// `Rol`: a betrokkene's role in a zaak (initiator, behandelaar, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rol {
    pub url: String,
    pub uuid: String,
    pub zaak: String,
    /// URL of the betrokkene in another registration (BRP, Klantinteracties), if any.
    #[serde(default)]
    pub betrokkene: String,
    /// `betrokkeneType` and `betrokkeneIdentificatie`.
    #[serde(flatten)]
    pub betrokkene_identificatie: Betrokkene,
    #[serde(default)]
    pub afwijkende_naam_betrokkene: String,
    pub roltype: String,
    pub omschrijving: String,
    pub omschrijving_generiek: String,
    pub roltoelichting: String,
    pub registratiedatum: String,
    #[serde(default)]
    pub indicatie_machtiging: String,
    #[serde(default)]
    pub contactpersoon_rol: Option<ContactpersoonRol>,
    pub statussen: Vec<String>,
}

/// `Resultaat`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resultaat {
    pub url: String,
    pub uuid: String,
    pub zaak: String,
    pub resultaattype: String,
    #[serde(default)]
    pub toelichting: String,
}

/// `ZaakEigenschap`: `waarde` is always a string, whatever the eigenschap's formaat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaakEigenschap {
    pub url: String,
    pub uuid: String,
    pub zaak: String,
    pub eigenschap: String,
    pub naam: String,
    pub waarde: String,
}

/// `ZaakInformatieObject`: a document (in the Documenten API) belonging to a zaak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaakInformatieObject {
    pub url: String,
    pub uuid: String,
    pub informatieobject: String,
    pub zaak: String,
    pub aard_relatie_weergave: String,
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub beschrijving: String,
    pub registratiedatum: String,
    #[serde(default)]
    pub vernietigingsdatum: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// `KlantContact`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KlantContact {
    pub url: String,
    pub uuid: String,
    pub zaak: String,
    #[serde(default)]
    pub identificatie: String,
    pub datumtijd: String,
    #[serde(default)]
    pub kanaal: String,
    #[serde(default)]
    pub onderwerp: String,
    #[serde(default)]
    pub toelichting: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An answer of the embedded provider, captured by the caseapi test
    /// `served_zaken_and_documenten_read_as_zgw_types` (`LOKET_DUMP_SERVED`).
    fn served(name: &str) -> Value {
        let text = match name {
            "zaak" => include_str!("../testdata/served/zaak.json"),
            "zaken_list_expanded" => include_str!("../testdata/served/zaken_list_expanded.json"),
            "rol_natuurlijk_persoon" => {
                include_str!("../testdata/served/rol_natuurlijk_persoon.json")
            }
            "rol_medewerker" => include_str!("../testdata/served/rol_medewerker.json"),
            "rollen_list" => include_str!("../testdata/served/rollen_list.json"),
            "statussen_list" => include_str!("../testdata/served/statussen_list.json"),
            "resultaat" => include_str!("../testdata/served/resultaat.json"),
            "zaakeigenschappen_list" => {
                include_str!("../testdata/served/zaakeigenschappen_list.json")
            }
            "zaakinformatieobjecten_list" => {
                include_str!("../testdata/served/zaakinformatieobjecten_list.json")
            }
            "klantcontacten_list" => include_str!("../testdata/served/klantcontacten_list.json"),
            _ => panic!("no fixture {name}"),
        };
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn reads_a_served_zaak() {
        let zaak: Zaak = serde_json::from_value(served("zaak")).unwrap();
        assert_eq!(zaak.omschrijving, "Kapvergunning");
        assert_eq!(zaak.startdatum, "2026-11-28");
        assert_eq!(zaak.einddatum, None);
        assert_eq!(
            zaak.kenmerken,
            vec![ZaakKenmerk {
                kenmerk: "AANVRAAG-1".into(),
                bron: "loket".into()
            }]
        );
        assert_eq!(zaak.rollen.len(), 2);
        assert!(zaak.status.is_some() && zaak.resultaat.is_some());
        assert!(zaak.expand.is_none());
        assert!(ARCHIEFSTATUS.contains(&zaak.archiefstatus.as_str()));
    }

    #[test]
    fn reads_a_served_expanded_zaken_page() {
        let page: Paginated<Zaak> = serde_json::from_value(served("zaken_list_expanded")).unwrap();
        assert_eq!(page.count, 1);
        assert_eq!(
            (page.next.as_deref(), page.previous.as_deref()),
            (None, None)
        );
        let expand = page.results[0].expand.as_ref().unwrap();
        assert!(expand.zaaktype.as_ref().unwrap().concept.eq(&false));
        let status = expand.status.as_ref().unwrap();
        assert_eq!(status.statustoelichting, "Ontvangen");
        let statustype = status.expand.as_ref().unwrap().statustype.as_ref().unwrap();
        assert_eq!(statustype.volgnummer, 1);
        let rollen = expand.rollen.as_ref().unwrap();
        assert_eq!(
            rollen
                .iter()
                .map(|r| r.betrokkene_identificatie.betrokkene_type())
                .collect::<Vec<_>>(),
            vec!["natuurlijk_persoon", "medewerker"]
        );
        assert_eq!(expand.eigenschappen.as_ref().unwrap()[0].naam, "aantal");
        assert_eq!(expand.resultaat.as_ref().unwrap().toelichting, "Verleend");
        assert!(expand.hoofdzaak.is_none() && expand.deelzaken.is_none());
    }

    #[test]
    fn reads_served_rollen_of_each_kind() {
        let rol: Rol = serde_json::from_value(served("rol_natuurlijk_persoon")).unwrap();
        let Betrokkene::NatuurlijkPersoon(Some(persoon)) = &rol.betrokkene_identificatie else {
            panic!("{:?}", rol.betrokkene_identificatie)
        };
        assert_eq!(persoon.inp_bsn, "999993653");
        assert_eq!(persoon.geslachtsaanduiding, "v");
        assert_eq!(persoon.verblijfsadres, None);
        assert_eq!(rol.betrokkene_identificatie.bsn(), Some("999993653"));
        assert_eq!(
            rol.contactpersoon_rol.as_ref().unwrap().telefoonnummer,
            "0612345678"
        );
        // Round trip: what we write is what the OAS names.
        let written = serde_json::to_value(&rol).unwrap();
        let original = served("rol_natuurlijk_persoon");
        assert_eq!(written, original);

        let rol: Rol = serde_json::from_value(served("rol_medewerker")).unwrap();
        assert!(matches!(
            &rol.betrokkene_identificatie,
            Betrokkene::Medewerker(Some(m)) if m.identificatie == "m123" && m.voorvoegsel_achternaam == "de"
        ));
        assert_eq!(rol.betrokkene_identificatie.bsn(), None);
        let page: Paginated<Rol> = serde_json::from_value(served("rollen_list")).unwrap();
        assert_eq!(page.results.len(), 2);
    }

    #[test]
    fn reads_the_other_variants_as_the_oas_has_them() {
        let base = json!({
            "url": "https://zaken.example/api/v1/rollen/1", "uuid": "1",
            "zaak": "https://zaken.example/api/v1/zaken/1", "betrokkene": "",
            "roltype": "https://catalogi.example/api/v1/roltypen/1", "omschrijving": "Belanghebbende",
            "omschrijvingGeneriek": "belanghebbende", "roltoelichting": "",
            "registratiedatum": "2019-08-24T14:15:22Z", "indicatieMachtiging": "gemachtigde",
            "statussen": [],
        });
        let with = |kind: &str, identificatie: Value| {
            let mut rol = base.clone();
            rol["betrokkeneType"] = json!(kind);
            rol["betrokkeneIdentificatie"] = identificatie;
            serde_json::from_value::<Rol>(rol)
        };
        let rol = with(
            "niet_natuurlijk_persoon",
            json!({"innNnpId": "002220647", "statutaireNaam": "Gemeente", "innRechtsvorm": "publiekrechtelijke_rechtspersoon",
                   "subVerblijfBuitenland": {"lndLandcode": "BE", "lndLandnaam": "België", "subAdresBuitenland_1": "Rue 1"}}),
        )
        .unwrap();
        let Betrokkene::NietNatuurlijkPersoon(Some(nnp)) = rol.betrokkene_identificatie else {
            panic!()
        };
        assert_eq!(nnp.inn_nnp_id, "002220647");
        assert_eq!(
            nnp.sub_verblijf_buitenland.unwrap().sub_adres_buitenland_1,
            "Rue 1"
        );
        let rol = with(
            "vestiging",
            json!({"vestigingsNummer": "000012345678", "handelsnaam": ["Bakkerij"], "kvkNummer": "12345678",
                   "verblijfsadres": {"aoaIdentificatie": "0363200000000001", "wplWoonplaatsNaam": "Amsterdam",
                                      "gorOpenbareRuimteNaam": "Dam", "aoaPostcode": "1012JS", "aoaHuisnummer": 1}}),
        )
        .unwrap();
        let Betrokkene::Vestiging(Some(vestiging)) = rol.betrokkene_identificatie else {
            panic!()
        };
        assert_eq!(vestiging.verblijfsadres.unwrap().aoa_huisnummer, 1);
        assert_eq!(vestiging.handelsnaam, vec!["Bakkerij"]);
        let rol = with(
            "organisatorische_eenheid",
            json!({"identificatie": "VTH", "naam": "Vergunningen", "isGehuisvestIn": "Stadhuis"}),
        )
        .unwrap();
        assert!(matches!(
            rol.betrokkene_identificatie,
            Betrokkene::OrganisatorischeEenheid(Some(ref o)) if o.is_gehuisvest_in == "Stadhuis"
        ));
        assert_eq!(rol.indicatie_machtiging, "gemachtigde");
        // A betrokkene by URL only: no identification.
        let rol = with("natuurlijk_persoon", Value::Null).unwrap();
        assert_eq!(
            rol.betrokkene_identificatie,
            Betrokkene::NatuurlijkPersoon(None)
        );
        // Not a betrokkeneType of the OAS, or a required field missing: refused.
        assert!(with("robot", json!({})).is_err());
        let mut missing = base.clone();
        missing.as_object_mut().unwrap().remove("roltype");
        missing["betrokkeneType"] = json!("medewerker");
        assert!(serde_json::from_value::<Rol>(missing).is_err());
    }

    #[test]
    fn reads_served_sub_resources() {
        let page: Paginated<Status> = serde_json::from_value(served("statussen_list")).unwrap();
        assert!(page.results[0].indicatie_laatst_gezette_status);
        assert_eq!(
            page.results[0].datum_status_gezet,
            "2026-11-28T10:00:00.000000Z"
        );
        let resultaat: Resultaat = serde_json::from_value(served("resultaat")).unwrap();
        assert_eq!(resultaat.toelichting, "Verleend");
        let eigenschappen: Vec<ZaakEigenschap> =
            serde_json::from_value(served("zaakeigenschappen_list")).unwrap();
        assert_eq!(eigenschappen[0].waarde, "3");
        let zios: Vec<ZaakInformatieObject> =
            serde_json::from_value(served("zaakinformatieobjecten_list")).unwrap();
        assert_eq!(zios[0].titel, "Foto");
        assert_eq!(zios[0].vernietigingsdatum, None);
        assert!(AARD_RELATIE_WEERGAVE.contains(&zios[0].aard_relatie_weergave.as_str()));
        let contacten: Paginated<KlantContact> =
            serde_json::from_value(served("klantcontacten_list")).unwrap();
        assert_eq!(contacten.results[0].onderwerp, "Vraag");
        assert_eq!(contacten.results[0].datumtijd, "2026-11-28T11:00:00Z");
    }

    #[test]
    fn optional_fields_may_be_absent_and_required_ones_may_not() {
        // The OAS example's minimum: only the required fields.
        let minimal = json!({
            "url": "https://zaken.example/api/v1/zaken/1", "uuid": "1",
            "bronorganisatie": "002220647", "zaaktype": "https://catalogi.example/api/v1/zaaktypen/1",
            "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2019-08-24",
            "einddatum": null, "betalingsindicatieWeergave": "", "deelzaken": [], "eigenschappen": [],
            "rollen": [], "status": null, "zaakinformatieobjecten": [], "zaakobjecten": [], "resultaat": null,
        });
        let zaak: Zaak = serde_json::from_value(minimal.clone()).unwrap();
        assert!(zaak.kenmerken.is_empty() && zaak.verlenging.is_none());
        for required in ["url", "bronorganisatie", "zaaktype", "startdatum", "rollen"] {
            let mut without = minimal.clone();
            without.as_object_mut().unwrap().remove(required);
            assert!(
                serde_json::from_value::<Zaak>(without).is_err(),
                "{required}"
            );
        }
    }
}
