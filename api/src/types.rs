//! Request and response bodies of the portal API (`/api/...`), one section per endpoint
//! group. Field names are the JSON names (snake_case).

use serde::{Deserialize, Serialize};

use crate::form::{Answers, Contact, Form};
use crate::validate::FieldError;

/// Header carrying the CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Header carrying the idempotency key of a submit (one key per draft submission).
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// Idle time after which a resident's session ends (DigiD rule: 15 minutes).
pub const SESSION_IDLE_SECONDS: u64 = 15 * 60;

// ---- errors ----------------------------------------------------------------------------------

/// What went wrong, for the SPA to explain. Every non-2xx answer of `/api` has this body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not logged in, or the session ended (idle timeout, logout elsewhere).
    NotAuthenticated,
    /// The CSRF token is missing or wrong (e.g. an old tab after logging in again).
    CsrfFailed,
    /// Nothing here for you: unknown id, or another resident's case or draft.
    NotFound,
    /// The input has field errors; see `errors`.
    Invalid,
    /// The product cannot be requested (any more).
    ProductUnavailable,
    /// The municipality's case system is down or too slow; the draft is kept.
    CaseApiUnavailable,
    /// The same request is already being processed; try again shortly.
    InProgress,
    /// Malformed request (not the SPA's fault unless a bug).
    BadRequest,
    /// This login method is not available here.
    LoginUnavailable,
    /// Staff login: wrong user name or password (never says which).
    InvalidCredentials,
    /// Too many failed logins; wait a few minutes.
    TooManyAttempts,
    /// Logged in, but this needs a role you don't have (or a resident on a staff endpoint).
    Forbidden,
    /// The case is closed: nothing can be added to it any more.
    CaseClosed,
    /// The request does not fit the current state (e.g. an upload offset that is not what the
    /// server has received): read the state again and continue from there.
    Conflict,
    /// Anything else; details are in the server log under the request.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// Field errors for `invalid`; empty otherwise.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

// ---- session ---------------------------------------------------------------------------------

/// `GET /api/session` (always 200) and the answer of every login/extend call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The logged-in resident, if any.
    pub resident: Option<Resident>,
    /// Send this in [`CSRF_HEADER`] with every POST/PUT/DELETE.
    pub csrf_token: String,
    /// Seconds of inactivity left before the session ends.
    pub expires_in_seconds: u64,
    /// Which login methods this portal offers.
    pub login: LoginMethods,
}

/// The logged-in resident, as the SPA may know them. Never carries the BSN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    /// Display name when known (demo persons; a BRP lookup in production), else empty.
    pub name: String,
    /// The BSN's last three digits, e.g. "…782", so a KCC caller can confirm who is logged in
    /// without the full number ever reaching the browser.
    pub bsn_hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginMethods {
    /// The clearly marked demo DigiD page (embedded default only).
    pub demo: bool,
    /// DigiD through the configured OpenID Connect broker (`GET /api/session/oidc/start`).
    pub digid: bool,
}

/// `POST /api/session/demo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoLogin {
    pub bsn: String,
}

/// A test person offered on the demo login page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoPerson {
    pub bsn: String,
    pub name: String,
}

/// `POST /api/session/logout`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logout {
    /// End the resident's sessions on every device, not just this one.
    #[serde(default)]
    pub everywhere: bool,
}

// ---- catalogue -------------------------------------------------------------------------------

/// A product a resident can request (an external, published zaaktype).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// The zaaktype's UUID.
    pub id: String,
    /// Name, e.g. "Kapvergunning" (zaaktype `omschrijving`).
    pub title: String,
    /// One or two sentences for the list (`publicatietekst`).
    pub summary: String,
    /// What it is for (`doel`).
    pub description: String,
    /// The verb on the start button, e.g. "Aanvragen", "Melden" (`handelingInitiator`).
    pub action: String,
    /// Legal handling time in days (`doorlooptijd`), if it can be expressed in days.
    pub handling_days: Option<u32>,
    /// Search words (`trefwoorden`).
    pub keywords: Vec<String>,
    /// Documents the resident may send (`richting` inkomend).
    pub documents: Vec<DocumentType>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentType {
    /// The informatieobjecttype's UUID.
    pub id: String,
    pub title: String,
    /// What files this type accepts (size, kinds).
    pub rule: crate::upload::UploadRule,
}

/// `GET /api/catalogue/{id}`: the product with its application form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub product: Product,
    pub form: Form,
}

// ---- drafts ----------------------------------------------------------------------------------

/// `POST /api/drafts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDraft {
    pub product_id: String,
}

/// A request being filled in, saved server-side so it can be resumed on any device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub product_id: String,
    pub product_title: String,
    pub answers: Answers,
    pub contact: Contact,
    /// Where the resident was (a step name the SPA chose), for resuming.
    pub step: String,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
}

/// `PUT /api/drafts/{id}`: replaces what the resident filled in so far. Drafts may hold
/// incomplete or invalid answers; only the submit demands a valid application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftUpdate {
    pub answers: Answers,
    pub contact: Contact,
    pub step: String,
}

/// `POST /api/drafts/{id}/submit` (with an [`IDEMPOTENCY_HEADER`]) → 201.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The new case's id (zaak UUID) for `/zaken/{id}`.
    pub case_id: String,
    /// The case number residents quote, e.g. "ZAAK-2026-0000000042".
    pub identificatie: String,
    pub product_title: String,
    /// RFC 3339.
    pub submitted_at: String,
    /// Legal handling time in days, for "what happens next".
    pub handling_days: Option<u32>,
    /// The e-mail address confirmations go to.
    pub email: String,
}

// ---- cases -----------------------------------------------------------------------------------

/// One line of "Mijn zaken".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: String,
    pub identificatie: String,
    pub product_title: String,
    /// Current status name (statustype `omschrijving`), empty before the first status.
    pub status: String,
    /// `YYYY-MM-DD`.
    pub started_on: String,
    /// Expected end (`einddatumGepland`, else start + doorlooptijd), `YYYY-MM-DD`.
    pub expected_end: Option<String>,
    /// `YYYY-MM-DD` when closed.
    pub closed_on: Option<String>,
}

/// `GET /api/cases/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    /// Every status of the zaaktype in order, marked done/current/upcoming.
    pub timeline: Vec<TimelineStep>,
    /// The result's name when closed.
    pub result: Option<String>,
    pub documents: Vec<CaseDocument>,
    /// What the resident answered, in form order.
    pub answers: Vec<SubmittedAnswer>,
    /// What the municipality asks the resident to do (e.g. send a document), open ones first.
    #[serde(default)]
    pub tasks: Vec<CaseTask>,
    /// The document types the resident may add ("Document toevoegen"); empty when closed.
    #[serde(default)]
    pub document_types: Vec<DocumentType>,
    /// The resident's uploads to this case that are not (yet) documents of it: still being
    /// sent, or waiting for the case system.
    #[serde(default)]
    pub uploads: Vec<crate::upload::Upload>,
}

/// A request from the municipality to the resident on a case ("stuur ons …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTask {
    pub id: String,
    /// What is asked, in the handler's words.
    pub text: String,
    /// The document type asked for, if any (title).
    pub document_type: Option<String>,
    /// RFC 3339.
    pub requested_at: String,
    /// RFC 3339, once done.
    pub done_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Current,
    Upcoming,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineStep {
    pub title: String,
    /// The resident-facing explanation (`statustekst`).
    pub text: String,
    pub state: StepState,
    /// When the status was set (RFC 3339), for done and current steps.
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDocument {
    /// The document's UUID: `GET /api/cases/{case}/documents/{id}` downloads it.
    pub id: String,
    pub title: String,
    /// The file name it downloads as.
    #[serde(default)]
    pub file_name: String,
    pub type_title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub size_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedAnswer {
    pub label: String,
    pub value: String,
}

/// `GET/PUT /api/profile`: the resident's notification preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// E-mail when a case gets a new status (default on).
    pub email_notifications: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_snake_case_strings() {
        let body = ErrorBody {
            code: ErrorCode::CaseApiUnavailable,
            errors: vec![FieldError::new(
                "email",
                crate::FieldErrorCode::InvalidEmail,
            )],
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"code": "case_api_unavailable", "errors": [{"field": "email", "code": "invalid_email"}]})
        );
    }
}
