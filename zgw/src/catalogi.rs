//! Resource types of the Catalogi API 1.3.1, as its OAS spells them.
//!
//! The enumerations are the values the OAS allows, shared by the provider (validation) and the
//! portal (interpreting what it reads).

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
