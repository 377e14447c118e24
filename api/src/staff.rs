//! The staff side of the portal API (`/api/staff/...`): KCC employees, case handlers
//! (behandelaars) and auditors. Unlike residents, staff see BSNs — in JSON bodies only, never
//! in URLs — and every read or change of a resident's data is written to the access log.

use serde::{Deserialize, Serialize};

use crate::types::{CaseDetail, CaseSummary};

/// Where the staff pages live. The server answers these paths with the staff app's page
/// and every other page path with the resident app's, so residents never download the staff
/// code; both apps use this one rule to know which pages are theirs.
pub const STAFF_PAGES: &str = "/medewerker";

/// Whether a page path belongs to the staff app (`/medewerker` and everything below it).
pub fn is_staff_page(path: &str) -> bool {
    path.strip_prefix(STAFF_PAGES)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Most cases one search by name or postcode returns (the newest): enough for a caller's
/// cases; when a search reaches it, staff narrow it (first name, postcode, BSN).
pub const MAX_INDEX_HITS: usize = 50;

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Klantcontactcentrum: search, view, contact notes, act on behalf of a caller.
    Kcc,
    /// Case handler: set statuses and results, ask for documents.
    Behandelaar,
    /// Reads the access log.
    Auditor,
}

impl StaffRole {
    pub const ALL: [StaffRole; 3] = [StaffRole::Kcc, StaffRole::Behandelaar, StaffRole::Auditor];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Kcc => "kcc",
            StaffRole::Behandelaar => "behandelaar",
            StaffRole::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// `POST /api/staff/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLogin {
    pub username: String,
    pub password: String,
}

/// `GET /api/staff/session` (always 200) and the answer of a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSessionInfo {
    pub staff: Option<StaffMember>,
    pub csrf_token: String,
    pub expires_in_seconds: u64,
    /// Demo accounts to try (demo mode only; empty in production).
    pub demo_accounts: Vec<DemoStaffAccount>,
    /// The organisation's login (OpenID Connect) is available:
    /// `GET /api/staff/session/oidc/start?next=/medewerker`.
    #[serde(default)]
    pub oidc_login: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub username: String,
    pub name: String,
    pub roles: Vec<StaffRole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoStaffAccount {
    pub username: String,
    pub password: String,
    pub roles: Vec<StaffRole>,
}

/// `POST /api/staff/search`: exactly one of `bsn` / `identificatie` / `name` / `postcode`,
/// plus why (doelbinding: the purpose is written to the access log).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSearch {
    #[serde(default)]
    pub bsn: Option<String>,
    #[serde(default)]
    pub identificatie: Option<String>,
    /// The initiator's name, or the start of its words ("de vr" finds "Suzanne de Vries").
    #[serde(default)]
    pub name: Option<String>,
    /// The initiator's postcode ("1234 AB").
    #[serde(default)]
    pub postcode: Option<String>,
    pub purpose: String,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseHit {
    pub summary: CaseSummary,
    /// The initiator's BSN (staff only).
    pub initiator_bsn: String,
    pub initiator_name: String,
}

/// `GET /api/staff/cases/{id}`: the case as the resident sees it, plus internal details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseView {
    /// Exactly what the resident's case page shows.
    pub resident_view: CaseDetail,
    pub rollen: Vec<StaffRol>,
    /// Every status set, oldest first, with who set it.
    pub statuses: Vec<StaffStatus>,
    pub notes: Vec<ContactNote>,
    pub audit: Vec<AuditEntry>,
    /// The zaaktype's steps, for "set the next status".
    pub statustypen: Vec<Choice>,
    /// The zaaktype's results, for "set the result and close".
    pub resultaattypen: Vec<Choice>,
}

/// A choice offered to the handler: a statustype or resultaattype.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The catalogue resource's UUID.
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRol {
    /// `initiator`, `behandelaar`, …
    pub role: String,
    pub description: String,
    pub betrokkene_type: String,
    /// BSN for a natuurlijk_persoon; empty otherwise.
    pub bsn: String,
    pub name: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffStatus {
    pub title: String,
    /// RFC 3339.
    pub set_at: String,
    /// Who set it (the audit trail's `gebruikersWeergave`), when known.
    pub set_by: String,
    pub explanation: String,
}

/// A registered contact moment (ZGW klantcontact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactNote {
    pub at: String,
    pub channel: String,
    pub subject: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub who: String,
    pub action: String,
    pub resource: String,
    pub explanation: String,
}

/// How a contact with the resident took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Telefoon,
    Balie,
    Email,
    Post,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Telefoon => "telefoon",
            Channel::Balie => "balie",
            Channel::Email => "email",
            Channel::Post => "post",
        }
    }
}

/// `POST /api/staff/cases/{id}/notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewContactNote {
    pub channel: Channel,
    pub subject: String,
    pub text: String,
}

/// `POST /api/staff/cases/{id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStatus {
    pub statustype_id: String,
    pub explanation: String,
}

/// `POST /api/staff/cases/{id}/result`: sets the result and closes the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetResult {
    pub resultaattype_id: String,
    pub explanation: String,
}

/// `POST /api/staff/access-log/search` (auditor): any combination; BSN in the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogSearch {
    #[serde(default)]
    pub staff: Option<String>,
    #[serde(default)]
    pub bsn: Option<String>,
    #[serde(default)]
    pub identificatie: Option<String>,
}

/// One line of the access log ("verwerkingenlogging").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogEntry {
    pub at: String,
    pub staff: String,
    /// `search`, `view_case`, `add_note`, `set_status`, `set_result`, …
    pub action: String,
    pub bsn: String,
    pub identificatie: String,
    pub purpose: String,
}

/// `POST /api/staff/on-behalf` (kcc): start a request for a caller. The resident (by BSN)
/// becomes the initiator; the channel and the staff member are recorded on the zaak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnBehalfStart {
    pub bsn: String,
    pub product_id: String,
    pub channel: Channel,
}

/// `GET /api/staff/overview`: the work in stock ("werkvoorraad") per product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOverview {
    pub rows: Vec<OverviewRow>,
    /// The date "overdue" was measured against (`YYYY-MM-DD`).
    pub today: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub product_id: String,
    pub title: String,
    pub open: u64,
    /// Open and past their expected end date (`einddatumGepland`).
    pub overdue: u64,
    /// Closed in the last 30 days.
    pub closed_recently: u64,
    /// Open cases per current status, in the zaaktype's order ("" = no status yet).
    #[serde(default)]
    pub by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    /// The statustype's omschrijving; empty for cases without a status yet.
    pub status: String,
    pub count: u64,
}

/// `GET /api/staff/work?product_id=…&overdue=true&ordering=started&page=1`: open cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkQuery {
    #[serde(default)]
    pub product_id: Option<String>,
    #[serde(default)]
    pub overdue: bool,
    /// `started` (default: oldest first), `-started`, `identificatie`, `-identificatie`.
    #[serde(default)]
    pub ordering: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkPage {
    pub count: u64,
    pub page: u32,
    pub has_next: bool,
    pub cases: Vec<crate::types::CaseSummary>,
}

/// `POST /api/staff/cases/{id}/document-requests` (behandelaar): ask the resident for a
/// document; they see it as a task on their case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDocumentRequest {
    /// An informatieobjecttype UUID the zaaktype accepts from residents, or none.
    #[serde(default)]
    pub document_type_id: Option<String>,
    pub text: String,
}

#[cfg(test)]
mod page_tests {
    use super::is_staff_page;

    #[test]
    fn staff_pages_are_medewerker_and_below() {
        for path in ["/medewerker", "/medewerker/", "/medewerker/zaken/12"] {
            assert!(is_staff_page(path), "{path}");
        }
        for path in [
            "/",
            "/medewerkers",
            "/medewerker.html",
            "/zaken/medewerker",
            "/api/staff",
        ] {
            assert!(!is_staff_page(path), "{path}");
        }
    }
}
