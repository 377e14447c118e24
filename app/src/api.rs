//! The portal API client: the ONLY module that calls `/api`.
//!
//! Every call returns `Result<T, ApiError>`; the error carries the server's
//! [`ErrorBody`] so pages can tell a field error from "log in again" or "case system down".
//! The module keeps the CSRF token of the latest [`SessionInfo`] and sends it with every
//! POST/PUT/DELETE, and tells the session (through [`set_hooks`]) about every successful call
//! (the server resets its idle timer then) and every `not_authenticated` answer.
//!
//! The BSN only ever travels in the body of [`demo_login`]; it is never put in a URL, in
//! storage or in a log line.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use gloo_net::http::{Request, RequestBuilder, Response};
use loket_api::form::Contact;
use loket_api::upload::{NewUpload, Upload, UPLOAD_OFFSET_HEADER};
use loket_api::{
    CaseDetail, CaseSummary, DemoLogin, DemoPerson, Draft, DraftUpdate, ErrorBody, ErrorCode,
    FieldError, Logout, NewDraft, Product, ProductDetail, Profile, SessionInfo, Submission,
    CSRF_HEADER, IDEMPOTENCY_HEADER,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a non-2xx status and (normally) an [`ErrorBody`].
    Status {
        /// HTTP status code.
        status: u16,
        /// The parsed body; `None` if it was not the portal's error body (e.g. a proxy page).
        body: Option<ErrorBody>,
    },
    /// No answer: offline, DNS, connection reset, or an unreadable success body.
    Network,
}

impl ApiError {
    /// The portal's error code, if the server sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Status { body: Some(b), .. } => Some(b.code),
            _ => None,
        }
    }

    /// The field errors of an `invalid` answer (empty otherwise).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Status { body: Some(b), .. } => b.errors.clone(),
            _ => Vec::new(),
        }
    }

    /// True for "nothing here for you" (unknown id or someone else's).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Status { status: 404, .. })
            || self.code() == Some(ErrorCode::NotFound)
    }

    /// True when the session has ended.
    pub fn is_not_authenticated(&self) -> bool {
        self.code() == Some(ErrorCode::NotAuthenticated)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Status { status, body } => match body {
                Some(b) => write!(f, "HTTP {status}: {:?}", b.code),
                None => write!(f, "HTTP {status}"),
            },
            ApiError::Network => f.write_str("network error"),
        }
    }
}

impl std::error::Error for ApiError {}

/// Result of an API call.
pub type ApiResult<T> = Result<T, ApiError>;

/// Callbacks into the session state, set once by the app shell.
struct Hooks {
    /// A call to an authenticated endpoint succeeded: the server's idle timer restarted.
    activity: Box<dyn Fn()>,
    /// A fresh [`SessionInfo`] arrived (session load, login, extend).
    session: Box<dyn Fn(SessionInfo)>,
    /// The server said `not_authenticated`: the session has ended.
    unauthenticated: Box<dyn Fn()>,
}

thread_local! {
    static CSRF_TOKEN: RefCell<String> = const { RefCell::new(String::new()) };
    static HOOKS: RefCell<Option<Hooks>> = const { RefCell::new(None) };
}

/// Connects the client to the session state (see the module docs).
pub fn set_hooks(
    activity: impl Fn() + 'static,
    session: impl Fn(SessionInfo) + 'static,
    unauthenticated: impl Fn() + 'static,
) {
    HOOKS.with(|h| {
        *h.borrow_mut() = Some(Hooks {
            activity: Box::new(activity),
            session: Box::new(session),
            unauthenticated: Box::new(unauthenticated),
        })
    });
}

fn notify_activity() {
    HOOKS.with(|h| {
        if let Some(h) = h.borrow().as_ref() {
            (h.activity)();
        }
    });
}

fn notify_unauthenticated() {
    HOOKS.with(|h| {
        if let Some(h) = h.borrow().as_ref() {
            (h.unauthenticated)();
        }
    });
}

/// Stores the CSRF token and hands the session to the app.
fn accept_session(info: SessionInfo) -> SessionInfo {
    CSRF_TOKEN.with(|t| t.borrow_mut().clone_from(&info.csrf_token));
    HOOKS.with(|h| {
        if let Some(h) = h.borrow().as_ref() {
            (h.session)(info.clone());
        }
    });
    info
}

fn csrf() -> String {
    CSRF_TOKEN.with(|t| t.borrow().clone())
}

/// Whether a call counts as resident activity (authenticated endpoints only).
#[derive(Clone, Copy, PartialEq)]
enum Auth {
    Public,
    Resident,
}

/// Sends a request and turns non-2xx answers into [`ApiError`], telling nobody.
async fn fetch(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    let request = request.map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.json::<ErrorBody>().await.ok();
    Err(ApiError::Status { status, body })
}

/// Sends a request and tells the session about activity and a session that ended.
async fn send(request: Result<Request, gloo_net::Error>, auth: Auth) -> ApiResult<Response> {
    let result = fetch(request).await;
    match &result {
        Ok(_) if auth == Auth::Resident => notify_activity(),
        Err(e) if e.is_not_authenticated() => notify_unauthenticated(),
        _ => {}
    }
    result
}

/// Sends a state-changing request. A `csrf_failed` answer means our token is stale (e.g. the
/// resident logged in again in another tab): fetch the current one and try once more.
async fn send_write(
    build: impl Fn() -> Result<Request, gloo_net::Error>,
    auth: Auth,
) -> ApiResult<Response> {
    match send(build(), auth).await {
        Err(e) if e.code() == Some(ErrorCode::CsrfFailed) => {
            session().await?;
            send(build(), auth).await
        }
        other => other,
    }
}

async fn json<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response.json::<T>().await.map_err(|_| ApiError::Network)
}

async fn get<T: DeserializeOwned>(url: &str, auth: Auth) -> ApiResult<T> {
    json(send(Request::get(url).build(), auth).await?).await
}

/// A state-changing request with the CSRF header.
fn write(builder: RequestBuilder) -> RequestBuilder {
    builder.header(CSRF_HEADER, &csrf())
}

fn with_body<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    write(builder).json(body)
}

// ---- session -------------------------------------------------------------------------------

/// `GET /api/session` (always 200).
pub async fn session() -> ApiResult<SessionInfo> {
    get::<SessionInfo>("/api/session", Auth::Public)
        .await
        .map(accept_session)
}

/// `GET /api/session/demo-persons`.
pub async fn demo_persons() -> ApiResult<Vec<DemoPerson>> {
    get("/api/session/demo-persons", Auth::Public).await
}

/// `POST /api/session/demo`: the BSN goes in the body only.
pub async fn demo_login(bsn: String) -> ApiResult<SessionInfo> {
    let body = DemoLogin { bsn };
    let response = send_write(
        || with_body(Request::post("/api/session/demo"), &body),
        Auth::Public,
    )
    .await?;
    json::<SessionInfo>(response).await.map(accept_session)
}

/// `POST /api/session/extend`.
pub async fn extend() -> ApiResult<SessionInfo> {
    let response = send_write(
        || write(Request::post("/api/session/extend")).build(),
        Auth::Public,
    )
    .await?;
    json::<SessionInfo>(response).await.map(accept_session)
}

/// `POST /api/session/logout`.
pub async fn logout(everywhere: bool) -> ApiResult<()> {
    let body = Logout { everywhere };
    send_write(
        || with_body(Request::post("/api/session/logout"), &body),
        Auth::Public,
    )
    .await
    .map(drop)
}

/// Where the DigiD button sends the browser (a full-page navigation, not a fetch).
/// Server-Sent Events about the logged-in resident's cases (`event: case-updated`).
pub const EVENTS_URL: &str = "/api/events";

pub fn oidc_start_url(next: &str) -> String {
    format!("/api/session/oidc/start?next={}", encode_component(next))
}

// ---- catalogue -----------------------------------------------------------------------------

/// `GET /api/catalogue`.
pub async fn catalogue() -> ApiResult<Vec<Product>> {
    get("/api/catalogue", Auth::Public).await
}

/// `GET /api/catalogue/{id}`.
pub async fn product(id: &str) -> ApiResult<ProductDetail> {
    get(
        &format!("/api/catalogue/{}", encode_component(id)),
        Auth::Public,
    )
    .await
}

// ---- drafts --------------------------------------------------------------------------------

/// `GET /api/drafts`.
pub async fn drafts() -> ApiResult<Vec<Draft>> {
    get("/api/drafts", Auth::Resident).await
}

/// `POST /api/drafts`.
pub async fn create_draft(product_id: String) -> ApiResult<Draft> {
    let body = NewDraft { product_id };
    json(
        send_write(
            || with_body(Request::post("/api/drafts"), &body),
            Auth::Resident,
        )
        .await?,
    )
    .await
}

/// `GET /api/drafts/{id}`.
pub async fn draft(id: &str) -> ApiResult<Draft> {
    get(
        &format!("/api/drafts/{}", encode_component(id)),
        Auth::Resident,
    )
    .await
}

/// `PUT /api/drafts/{id}`.
pub async fn save_draft(
    id: &str,
    answers: loket_api::form::Answers,
    contact: Contact,
    step: String,
) -> ApiResult<Draft> {
    let body = DraftUpdate {
        answers,
        contact,
        step,
    };
    let url = format!("/api/drafts/{}", encode_component(id));
    json(send_write(|| with_body(Request::put(&url), &body), Auth::Resident).await?).await
}

/// `DELETE /api/drafts/{id}`.
pub async fn delete_draft(id: &str) -> ApiResult<()> {
    let url = format!("/api/drafts/{}", encode_component(id));
    send_write(|| write(Request::delete(&url)).build(), Auth::Resident)
        .await
        .map(drop)
}

/// `POST /api/drafts/{id}/submit` with an idempotency key (reuse it on retries).
pub async fn submit_draft(id: &str, idempotency_key: &str) -> ApiResult<Submission> {
    let url = format!("/api/drafts/{}/submit", encode_component(id));
    let build = || {
        write(Request::post(&url))
            .header(IDEMPOTENCY_HEADER, idempotency_key)
            .build()
    };
    json(send_write(build, Auth::Resident).await?).await
}

// ---- cases ---------------------------------------------------------------------------------

/// `GET /api/cases`.
pub async fn cases() -> ApiResult<Vec<CaseSummary>> {
    get("/api/cases", Auth::Resident).await
}

/// `GET /api/cases/{id}`.
pub async fn case(id: &str) -> ApiResult<CaseDetail> {
    get(
        &format!("/api/cases/{}", encode_component(id)),
        Auth::Resident,
    )
    .await
}

/// The receipt download link (a plain `<a download>`, not a fetch).
pub fn receipt_url(case_id: &str) -> String {
    format!("/api/cases/{}/receipt.pdf", encode_component(case_id))
}

/// Provided by the staff case view: the resident's case components then link documents to
/// the staff download (checked by role and written to the access log) instead of the
/// resident's own.
#[derive(Clone, Copy)]
pub struct StaffDownloads;

/// A document's download link (a plain `<a download>`, a same-origin GET with the cookie).
pub fn document_url(case_id: &str, document_id: &str) -> String {
    let base = if leptos::prelude::use_context::<StaffDownloads>().is_some() {
        "/api/staff/cases"
    } else {
        "/api/cases"
    };
    format!(
        "{base}/{}/documents/{}",
        encode_component(case_id),
        encode_component(document_id)
    )
}

// ---- profile -------------------------------------------------------------------------------

/// `GET /api/profile`: the resident's e-mail preference.
pub async fn profile() -> ApiResult<Profile> {
    get("/api/profile", Auth::Resident).await
}

/// `PUT /api/profile`.
pub async fn save_profile(body: Profile) -> ApiResult<Profile> {
    json(
        send_write(
            || with_body(Request::put("/api/profile"), &body),
            Auth::Resident,
        )
        .await?,
    )
    .await
}

// ---- uploads -------------------------------------------------------------------------------

/// A boxed future of this (single-threaded) browser.
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// The session uploads are sent in. [`FileUpload`](crate::components::FileUpload) sends to
/// the resident's `/api/uploads` with the resident's CSRF token and session hooks, unless the
/// page provides another `UploadSession` as context: the staff case view provides the staff
/// session's, so the same component sends documents received on paper to
/// `/api/staff/uploads`. The calls are the same; only these differ.
#[derive(Clone, Copy)]
pub struct UploadSession {
    /// `/api/uploads` or `/api/staff/uploads`.
    pub base: &'static str,
    /// That session's current CSRF token.
    pub csrf: fn() -> String,
    /// Fetches that session again, with a fresh CSRF token (after `csrf_failed`).
    pub renew: fn() -> LocalFuture<ApiResult<()>>,
    /// A call succeeded (the server restarted the session's idle timer).
    pub active: fn(),
    /// The server said `not_authenticated`: that session has ended.
    pub ended: fn(),
}

fn renew_resident() -> LocalFuture<ApiResult<()>> {
    Box::pin(async { session().await.map(drop) })
}

impl UploadSession {
    /// The resident's own uploads.
    pub const RESIDENT: UploadSession = UploadSession {
        base: "/api/uploads",
        csrf,
        renew: renew_resident,
        active: notify_activity,
        ended: notify_unauthenticated,
    };

    /// The page's upload session: the one provided as context, else the resident's.
    pub fn current() -> UploadSession {
        leptos::prelude::use_context().unwrap_or(UploadSession::RESIDENT)
    }

    fn url(&self, id: &str) -> String {
        format!("{}/{}", self.base, encode_component(id))
    }

    /// Makes `call` with the session's CSRF token. A `csrf_failed` answer means the token is
    /// stale (e.g. a login in another tab): renew it and call once more. Then tells the
    /// session how it went.
    async fn call<T, F>(&self, call: impl Fn(String) -> F) -> ApiResult<T>
    where
        F: Future<Output = ApiResult<T>>,
    {
        let mut result = call((self.csrf)()).await;
        if matches!(&result, Err(e) if e.code() == Some(ErrorCode::CsrfFailed)) {
            (self.renew)().await?;
            result = call((self.csrf)()).await;
        }
        match &result {
            Ok(_) => (self.active)(),
            Err(e) if e.is_not_authenticated() => (self.ended)(),
            Err(_) => {}
        }
        result
    }

    /// `POST {base}`: announces a file (name, size, type); no content yet.
    pub async fn create(&self, body: NewUpload) -> ApiResult<Upload> {
        let body = &body;
        self.call(|token| async move {
            let request = Request::post(self.base)
                .header(CSRF_HEADER, &token)
                .json(body);
            json(fetch(request).await?).await
        })
        .await
    }

    /// `GET {base}/{id}`: how far the server got.
    pub async fn get(&self, id: &str) -> ApiResult<Upload> {
        let url = &self.url(id);
        self.call(|_| async move { json(fetch(Request::get(url).build()).await?).await })
            .await
    }

    /// `DELETE {base}/{id}`: cancel an upload or take it out of a draft.
    pub async fn delete(&self, id: &str) -> ApiResult<()> {
        let url = &self.url(id);
        self.call(|token| async move {
            let request = Request::delete(url).header(CSRF_HEADER, &token).build();
            fetch(request).await.map(drop)
        })
        .await
    }

    /// Sends `body` (the bytes from `offset` on) as the next part of upload `id`, reporting
    /// the bytes of this body sent so far to `progress`. `started` receives the request so
    /// the caller can abort it.
    pub async fn send_chunk(
        &self,
        id: &str,
        offset: u64,
        body: &web_sys::Blob,
        progress: impl Fn(f64) + Clone + 'static,
        started: impl Fn(ChunkRequest),
    ) -> ApiResult<Upload> {
        let (url, started) = (&self.url(id), &started);
        self.call(|token| {
            let progress = progress.clone();
            async move {
                let (status, text) =
                    xhr_patch(url, &token, offset, body, progress, started).await?;
                if (200..300).contains(&status) {
                    serde_json::from_str(&text).map_err(|_| ApiError::Network)
                } else {
                    Err(ApiError::Status {
                        status,
                        body: serde_json::from_str::<ErrorBody>(&text).ok(),
                    })
                }
            }
        })
        .await
    }
}

/// `GET /api/drafts/{id}/uploads`.
pub async fn draft_uploads(draft_id: &str) -> ApiResult<Vec<Upload>> {
    get(
        &format!("/api/drafts/{}/uploads", encode_component(draft_id)),
        Auth::Resident,
    )
    .await
}

/// One `PATCH` of an upload being sent: abort it with [`ChunkRequest::abort`].
///
/// Sent with `XMLHttpRequest` rather than fetch: only XHR reports upload progress.
#[derive(Clone)]
pub struct ChunkRequest {
    xhr: web_sys::XmlHttpRequest,
}

impl ChunkRequest {
    /// Stops sending; the pending [`UploadSession::send_chunk`] then answers
    /// [`ApiError::Network`].
    pub fn abort(&self) {
        let _ = self.xhr.abort();
    }
}

/// One XHR PATCH: its status and response text (status 0: no answer or aborted).
async fn xhr_patch(
    url: &str,
    csrf: &str,
    offset: u64,
    body: &web_sys::Blob,
    progress: impl Fn(f64) + 'static,
    started: &impl Fn(ChunkRequest),
) -> ApiResult<(u16, String)> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("PATCH", url).map_err(|_| ApiError::Network)?;
    for (name, value) in [
        (CSRF_HEADER, csrf.to_owned()),
        (UPLOAD_OFFSET_HEADER, offset.to_string()),
        ("content-type", "application/offset+octet-stream".to_owned()),
    ] {
        xhr.set_request_header(name, &value)
            .map_err(|_| ApiError::Network)?;
    }
    let on_progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            progress(ev.loaded())
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // `loadend` follows success, error and abort alike: the promise's resolve is the handler.
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send_with_opt_blob(Some(body))
        .map_err(|_| ApiError::Network)?;
    started(ChunkRequest { xhr: xhr.clone() });
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    drop(on_progress);
    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        return Err(ApiError::Network);
    }
    Ok((
        status,
        xhr.response_text().ok().flatten().unwrap_or_default(),
    ))
}

/// A random idempotency key (UUID v4 from the browser's crypto).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}{:x}", js_sys::Date::now() as u64, random_u64()))
}

fn random_u64() -> u64 {
    (js_sys::Math::random() * (u64::MAX as f64)) as u64
}

/// Percent-encodes a URL path segment or query value.
pub fn encode_component(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}
