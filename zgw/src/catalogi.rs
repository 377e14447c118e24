//! Resource types of the Catalogi API 1.3.1, as its OAS spells them.
//!
//! The enumerations are the values the OAS allows, shared by the provider (validation) and the
//! portal (interpreting what it reads).

use serde::{Deserialize, Serialize};

/// `vertrouwelijkheidaanduiding`, from least to most confidential (the order matters: a
/// maximum confidentiality filters everything above it).
pub const VERTROUWELIJKHEIDAANDUIDING: &[&str] = &[
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
];

/// `zaaktype.indicatieInternOfExtern`: whether residents (extern) start zaken of this type.
pub const INDICATIE_INTERN_OF_EXTERN: &[&str] = &["intern", "extern"];

/// `roltype.omschrijvingGeneriek`.
pub const ROLTYPE_OMSCHRIJVING_GENERIEK: &[&str] = &[
    "adviseur",
    "behandelaar",
    "belanghebbende",
    "beslisser",
    "initiator",
    "klantcontacter",
    "zaakcoordinator",
    "mede_initiator",
];

/// `zaaktype-informatieobjecttype.richting`: `inkomend` are documents the initiator supplies.
pub const RICHTING: &[&str] = &["inkomend", "intern", "uitgaand"];

/// `eigenschap.specificatie.formaat`.
pub const EIGENSCHAP_FORMAAT: &[&str] = &["tekst", "getal", "datum", "datum_tijd"];

/// `zaaktype.gerelateerdeZaaktypen.aardRelatie`.
pub const AARD_RELATIE: &[&str] = &["vervolg", "bijdrage", "onderwerp"];

/// `resultaattype.archiefnominatie`.
pub const ARCHIEFNOMINATIE: &[&str] = &["blijvend_bewaren", "vernietigen"];

/// `resultaattype.brondatumArchiefprocedure.afleidingswijze`.
pub const AFLEIDINGSWIJZE: &[&str] = &[
    "afgehandeld",
    "ander_datumkenmerk",
    "eigenschap",
    "gerelateerde_zaak",
    "hoofdzaak",
    "ingangsdatum_besluit",
    "termijn",
    "vervaldatum_besluit",
    "zaakobject",
];

/// `resultaattype.brondatumArchiefprocedure.objecttype`.
pub const OBJECTTYPE: &[&str] = &[
    "adres",
    "besluit",
    "buurt",
    "enkelvoudig_document",
    "gemeente",
    "gemeentelijke_openbare_ruimte",
    "huishouden",
    "inrichtingselement",
    "kadastrale_onroerende_zaak",
    "kunstwerkdeel",
    "maatschappelijke_activiteit",
    "medewerker",
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "openbare_ruimte",
    "organisatorische_eenheid",
    "pand",
    "spoorbaandeel",
    "status",
    "terreindeel",
    "terrein_gebouwd_object",
    "vestiging",
    "waterdeel",
    "wegdeel",
    "wijk",
    "woonplaats",
    "woz_deelobject",
    "woz_object",
    "woz_waarde",
    "zakelijk_recht",
    "overige",
];

/// The `status` list filter: `definitief` (the default) shows published types only.
pub const STATUS_FILTER: &[&str] = &["concept", "definitief", "alles"];

// The resources as served (what a client reads). Only what a reader needs is typed; fields
// the portal does not use are left out and ignored when deserialising. Dates are
// `YYYY-MM-DD` and durations ISO 8601 strings, as on the wire.

/// `Catalogus`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalogus {
    pub url: String,
    pub domein: String,
    pub rsin: String,
    #[serde(default)]
    pub naam: Option<String>,
    #[serde(default)]
    pub zaaktypen: Vec<String>,
    #[serde(default)]
    pub informatieobjecttypen: Vec<String>,
    #[serde(default)]
    pub besluittypen: Vec<String>,
}

/// `ZaakType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zaaktype {
    pub url: String,
    pub identificatie: String,
    pub omschrijving: String,
    pub vertrouwelijkheidaanduiding: String,
    /// `intern` or `extern`: only `extern` zaaktypen are for residents.
    pub indicatie_intern_of_extern: String,
    #[serde(default)]
    pub publicatie_indicatie: bool,
    #[serde(default)]
    pub publicatietekst: String,
    /// What the zaaktype is for; shown to residents as the product description.
    #[serde(default)]
    pub doel: String,
    /// The initiator's action ("Aanvragen", "Melden"): the verb on the portal's start button.
    #[serde(default)]
    pub handeling_initiator: String,
    pub doorlooptijd: String,
    #[serde(default)]
    pub servicenorm: Option<String>,
    #[serde(default)]
    pub trefwoorden: Vec<String>,
    #[serde(default)]
    pub producten_of_diensten: Vec<String>,
    pub catalogus: String,
    #[serde(default)]
    pub statustypen: Vec<String>,
    #[serde(default)]
    pub roltypen: Vec<String>,
    #[serde(default)]
    pub eigenschappen: Vec<String>,
    #[serde(default)]
    pub informatieobjecttypen: Vec<String>,
    #[serde(default)]
    pub resultaattypen: Vec<String>,
    pub begin_geldigheid: String,
    #[serde(default)]
    pub einde_geldigheid: Option<String>,
    pub concept: bool,
}

/// `StatusType`: a step of a zaaktype.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statustype {
    pub url: String,
    pub zaaktype: String,
    pub omschrijving: String,
    /// The text meant for the initiator (the resident) when the zaak reaches this step.
    #[serde(default)]
    pub statustekst: String,
    pub volgnummer: u32,
    /// Whether the initiator must be informed when the zaak reaches this step.
    #[serde(default)]
    pub informeren: bool,
    /// The step with the highest volgnummer: reaching it closes the zaak.
    pub is_eindstatus: bool,
}

/// `RolType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Roltype {
    pub url: String,
    pub zaaktype: String,
    pub omschrijving: String,
    /// One of [`ROLTYPE_OMSCHRIJVING_GENERIEK`]; `initiator` for the resident's own role.
    pub omschrijving_generiek: String,
}

/// `EigenschapSpecificatie`: how a form field for the eigenschap looks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EigenschapSpecificatie {
    #[serde(default)]
    pub groep: String,
    /// One of [`EIGENSCHAP_FORMAAT`].
    pub formaat: String,
    pub lengte: String,
    pub kardinaliteit: String,
    /// When not empty: the only allowed values (a choice field).
    #[serde(default)]
    pub waardenverzameling: Vec<String>,
}

/// `Eigenschap`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Eigenschap {
    pub url: String,
    pub zaaktype: String,
    pub naam: String,
    pub definitie: String,
    pub specificatie: EigenschapSpecificatie,
    #[serde(default)]
    pub toelichting: String,
}

/// `InformatieObjectType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Informatieobjecttype {
    pub url: String,
    pub catalogus: String,
    pub omschrijving: String,
    pub vertrouwelijkheidaanduiding: String,
    #[serde(default)]
    pub informatieobjectcategorie: String,
    pub begin_geldigheid: String,
    #[serde(default)]
    pub einde_geldigheid: Option<String>,
    pub concept: bool,
}

/// `ZaakTypeInformatieObjectType`: a document type of a zaaktype and its direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZaaktypeInformatieobjecttype {
    pub url: String,
    pub zaaktype: String,
    pub informatieobjecttype: String,
    pub volgnummer: u32,
    /// One of [`RICHTING`]; `inkomend` documents are the ones a resident may upload.
    pub richting: String,
    #[serde(default)]
    pub statustype: Option<String>,
}

/// `ResultaatType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resultaattype {
    pub url: String,
    pub zaaktype: String,
    pub omschrijving: String,
    #[serde(default)]
    pub archiefnominatie: String,
    #[serde(default)]
    pub archiefactietermijn: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_served_statustype() {
        let served = serde_json::json!({
            "url": "http://h/catalogi/api/v1/statustypen/1",
            "zaaktype": "http://h/catalogi/api/v1/zaaktypen/1",
            "omschrijving": "Ontvangen",
            "statustekst": "We hebben uw aanvraag ontvangen.",
            "volgnummer": 1,
            "informeren": true,
            "isEindstatus": false,
            "zaaktypeIdentificatie": "ZT",
            "checklistitemStatustype": [],
        });
        let st: Statustype = serde_json::from_value(served).unwrap();
        assert_eq!(st.statustekst, "We hebben uw aanvraag ontvangen.");
        assert!(st.informeren && !st.is_eindstatus);
    }
}
