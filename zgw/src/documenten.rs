//! Resource types of the Documenten API 1.4.3, as its OAS spells them.
//!
//! Conventions as in [`crate::zaken`]: OAS field names, enumerations as strings with their
//! values as constants, `required` fields plain (nullable ones `Option`), the others
//! `#[serde(default)]`.

use serde::{Deserialize, Serialize};

use crate::catalogi;

/// `enkelvoudiginformatieobject.status` (or empty).
pub const STATUS: &[&str] = &[
    "in_bewerking",
    "ter_vaststelling",
    "definitief",
    "gearchiveerd",
];

/// `ondertekening.soort` (or empty).
pub const ONDERTEKENING_SOORT: &[&str] = &["analoog", "digitaal", "pki"];

/// `integriteit.algoritme` (or empty).
pub const INTEGRITEIT_ALGORITME: &[&str] = &[
    "crc_16",
    "crc_32",
    "crc_64",
    "fletcher_4",
    "fletcher_8",
    "fletcher_16",
    "fletcher_32",
    "hmac",
    "md5",
    "sha_1",
    "sha_256",
    "sha_512",
    "sha_3",
];

/// `objectinformatieobject.objectType`.
pub const OBJECT_TYPE: &[&str] = &["besluit", "zaak", "verzoek"];

/// `Ondertekening`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ondertekening {
    pub soort: String,
    pub datum: Option<String>,
}

/// `Integriteit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Integriteit {
    pub algoritme: String,
    pub waarde: String,
    pub datum: Option<String>,
}

/// `BestandsDeel`: one part of a large upload (its `url` takes a multipart `PUT`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BestandsDeel {
    pub url: String,
    pub volgnummer: u32,
    pub omvang: u64,
    pub voltooid: bool,
    pub lock: String,
}

/// `EnkelvoudigInformatieObject`: a document (one version of it: `versie`). `inhoud` is the
/// download URL of the content (null while a large upload is in progress).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnkelvoudigInformatieObject {
    pub url: String,
    #[serde(default)]
    pub identificatie: String,
    pub bronorganisatie: String,
    pub creatiedatum: String,
    pub titel: String,
    #[serde(default)]
    pub vertrouwelijkheidaanduiding: String,
    pub auteur: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub formaat: String,
    pub taal: String,
    pub versie: u32,
    pub begin_registratie: String,
    #[serde(default)]
    pub bestandsnaam: String,
    #[serde(default)]
    pub inhoud: Option<String>,
    #[serde(default)]
    pub bestandsomvang: Option<u64>,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub beschrijving: String,
    #[serde(default)]
    pub ontvangstdatum: Option<String>,
    #[serde(default)]
    pub verzenddatum: Option<String>,
    /// `None`: not known yet (closing a zaak needs true or false on each of its documents).
    #[serde(default)]
    pub indicatie_gebruiksrecht: Option<bool>,
    #[serde(default)]
    pub verschijningsvorm: String,
    #[serde(default)]
    pub ondertekening: Option<Ondertekening>,
    #[serde(default)]
    pub integriteit: Option<Integriteit>,
    pub informatieobjecttype: String,
    pub locked: bool,
    pub bestandsdelen: Vec<BestandsDeel>,
    #[serde(default)]
    pub trefwoorden: Vec<String>,
    /// Only in the answer that created a document for the large-file flow: the lock to upload
    /// the parts with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<String>,
    #[serde(default, rename = "_expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<EnkelvoudigInformatieObjectExpand>,
}

/// `expand=informatieobjecttype` on a document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnkelvoudigInformatieObjectExpand {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informatieobjecttype: Option<catalogi::Informatieobjecttype>,
}

/// `Gebruiksrechten`: conditions of use of a document (date-times, ISO 8601).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gebruiksrechten {
    pub url: String,
    pub informatieobject: String,
    pub startdatum: String,
    #[serde(default)]
    pub einddatum: Option<String>,
    pub omschrijving_voorwaarden: String,
    #[serde(default, rename = "_expand", skip_serializing_if = "Option::is_none")]
    pub expand: Option<GebruiksrechtenExpand>,
}

/// `GebruiksrechtenEmbedded` (`expand=informatieobject`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GebruiksrechtenExpand {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informatieobject: Option<Box<EnkelvoudigInformatieObject>>,
}

/// `ObjectInformatieObject`: the Documenten side of a zaak's (or besluit's) document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectInformatieObject {
    pub url: String,
    pub informatieobject: String,
    pub object: String,
    pub object_type: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Answers of the embedded provider, captured by the caseapi test
    /// `served_zaken_and_documenten_read_as_zgw_types` (`LOKET_DUMP_SERVED`).
    fn served(name: &str) -> Value {
        let text = match name {
            "enkelvoudiginformatieobject" => {
                include_str!("../testdata/served/enkelvoudiginformatieobject.json")
            }
            "enkelvoudiginformatieobject_in_delen" => {
                include_str!("../testdata/served/enkelvoudiginformatieobject_in_delen.json")
            }
            "enkelvoudiginformatieobjecten_list" => {
                include_str!("../testdata/served/enkelvoudiginformatieobjecten_list.json")
            }
            "gebruiksrechten_list_expanded" => {
                include_str!("../testdata/served/gebruiksrechten_list_expanded.json")
            }
            "objectinformatieobjecten_list" => {
                include_str!("../testdata/served/objectinformatieobjecten_list.json")
            }
            _ => panic!("no fixture {name}"),
        };
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn reads_a_served_document() {
        let doc: EnkelvoudigInformatieObject =
            serde_json::from_value(served("enkelvoudiginformatieobject")).unwrap();
        assert_eq!(doc.versie, 1);
        assert_eq!(doc.bestandsomvang, Some(4));
        assert_eq!(doc.indicatie_gebruiksrecht, Some(true));
        assert!(doc
            .inhoud
            .as_deref()
            .unwrap()
            .ends_with("/download?versie=1"));
        assert!(!doc.locked && doc.bestandsdelen.is_empty() && doc.lock.is_none());
        assert_eq!(doc.ontvangstdatum, None);
        let iot = doc.expand.unwrap().informatieobjecttype.unwrap();
        assert_eq!(iot.url, doc.informatieobjecttype);
        let page: crate::zaken::Paginated<EnkelvoudigInformatieObject> =
            serde_json::from_value(served("enkelvoudiginformatieobjecten_list")).unwrap();
        assert_eq!(page.count, 2);
    }

    #[test]
    fn reads_a_document_waiting_for_its_parts() {
        let doc: EnkelvoudigInformatieObject =
            serde_json::from_value(served("enkelvoudiginformatieobject_in_delen")).unwrap();
        assert!(doc.locked);
        assert_eq!(doc.inhoud, None);
        assert_eq!(doc.indicatie_gebruiksrecht, None);
        assert!(doc.lock.as_deref().is_some_and(|l| !l.is_empty()));
        assert_eq!(
            doc.bestandsdelen,
            vec![BestandsDeel {
                url: doc.bestandsdelen[0].url.clone(),
                volgnummer: 1,
                omvang: 10,
                voltooid: false,
                lock: String::new(),
            }]
        );
    }

    #[test]
    fn reads_served_gebruiksrechten_and_relations() {
        let rechten: Vec<Gebruiksrechten> =
            serde_json::from_value(served("gebruiksrechten_list_expanded")).unwrap();
        assert_eq!(rechten[0].startdatum, "2026-11-28T00:00:00Z");
        assert_eq!(rechten[0].einddatum, None);
        assert_eq!(rechten[0].omschrijving_voorwaarden, "Alleen intern");
        let document = rechten[0]
            .expand
            .as_ref()
            .unwrap()
            .informatieobject
            .as_ref()
            .unwrap();
        assert_eq!(document.url, rechten[0].informatieobject);
        let oios: Vec<ObjectInformatieObject> =
            serde_json::from_value(served("objectinformatieobjecten_list")).unwrap();
        assert_eq!(oios[0].object_type, "zaak");
        assert!(OBJECT_TYPE.contains(&oios[0].object_type.as_str()));
    }

    #[test]
    fn the_oas_example_with_ondertekening_and_integriteit() {
        let doc: EnkelvoudigInformatieObject = serde_json::from_value(json!({
            "url": "https://documenten.example/api/v1/enkelvoudiginformatieobjecten/1",
            "identificatie": "DOC-1", "bronorganisatie": "002220647", "creatiedatum": "2019-08-24",
            "titel": "Besluit", "vertrouwelijkheidaanduiding": "openbaar", "auteur": "A",
            "status": "definitief", "formaat": "application/pdf", "taal": "dut", "versie": 3,
            "beginRegistratie": "2019-08-24T14:15:22Z", "bestandsnaam": "besluit.pdf",
            "inhoud": "https://documenten.example/api/v1/enkelvoudiginformatieobjecten/1/download?versie=3",
            "bestandsomvang": 5_000_000_000_u64, "link": "", "beschrijving": "",
            "ontvangstdatum": null, "verzenddatum": "2019-08-25", "indicatieGebruiksrecht": false,
            "verschijningsvorm": "", "ondertekening": {"soort": "digitaal", "datum": "2019-08-24"},
            "integriteit": {"algoritme": "sha_256", "waarde": "abc", "datum": "2019-08-24"},
            "informatieobjecttype": "https://catalogi.example/api/v1/informatieobjecttypen/1",
            "locked": false, "bestandsdelen": [], "trefwoorden": ["besluit"],
        }))
        .unwrap();
        assert_eq!(doc.bestandsomvang, Some(5_000_000_000));
        assert!(STATUS.contains(&doc.status.as_str()));
        assert_eq!(doc.ondertekening.unwrap().soort, "digitaal");
        assert!(INTEGRITEIT_ALGORITME.contains(&doc.integriteit.unwrap().algoritme.as_str()));
        // Required fields (here `locked`) may not be missing.
        let missing = json!({"url": "u", "bronorganisatie": "b", "creatiedatum": "d", "titel": "t",
            "auteur": "a", "taal": "dut", "versie": 1, "beginRegistratie": "r",
            "informatieobjecttype": "i", "bestandsdelen": []});
        assert!(serde_json::from_value::<EnkelvoudigInformatieObject>(missing).is_err());
    }
}
