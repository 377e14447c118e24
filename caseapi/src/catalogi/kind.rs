//! The resource kinds of the Catalogi API and where each lives.

/// A Catalogi resource kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Catalogus,
    Zaaktype,
    Informatieobjecttype,
    Besluittype,
    Statustype,
    Roltype,
    Eigenschap,
    Resultaattype,
    ZaaktypeInformatieobjecttype,
    Zaakobjecttype,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Catalogus,
        Kind::Zaaktype,
        Kind::Informatieobjecttype,
        Kind::Besluittype,
        Kind::Statustype,
        Kind::Roltype,
        Kind::Eigenschap,
        Kind::Resultaattype,
        Kind::ZaaktypeInformatieobjecttype,
        Kind::Zaakobjecttype,
    ];

    /// The collection segment of the URL, e.g. `zaaktype-informatieobjecttypen`.
    pub fn collection(self) -> &'static str {
        match self {
            Kind::Catalogus => "catalogussen",
            Kind::Zaaktype => "zaaktypen",
            Kind::Informatieobjecttype => "informatieobjecttypen",
            Kind::Besluittype => "besluittypen",
            Kind::Statustype => "statustypen",
            Kind::Roltype => "roltypen",
            Kind::Eigenschap => "eigenschappen",
            Kind::Resultaattype => "resultaattypen",
            Kind::ZaaktypeInformatieobjecttype => "zaaktype-informatieobjecttypen",
            Kind::Zaakobjecttype => "zaakobjecttypen",
        }
    }

    /// The storage table (the collection name; SQL identifiers cannot contain `-`).
    pub fn table(self) -> &'static str {
        match self {
            Kind::ZaaktypeInformatieobjecttype => "zaaktype_informatieobjecttypen",
            other => other.collection(),
        }
    }

    /// Versioned types with their own `concept` flag and `publish` operation.
    pub fn is_publishable(self) -> bool {
        matches!(
            self,
            Kind::Zaaktype | Kind::Informatieobjecttype | Kind::Besluittype
        )
    }

    /// Types that belong to one zaaktype (their table has a `zaaktype` column).
    pub fn is_zaaktype_part(self) -> bool {
        matches!(
            self,
            Kind::Statustype
                | Kind::Roltype
                | Kind::Eigenschap
                | Kind::Resultaattype
                | Kind::ZaaktypeInformatieobjecttype
                | Kind::Zaakobjecttype
        )
    }

    /// The OAS has no PUT/PATCH/DELETE for catalogussen.
    pub fn is_writable_after_create(self) -> bool {
        self != Kind::Catalogus
    }
}
