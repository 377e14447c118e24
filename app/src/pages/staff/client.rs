//! The staff API client (`/api/staff/...`). Kept apart from [`crate::api`] (the resident's
//! client) because staff have their own session: their own CSRF token copy and their own
//! "session ended" handling. Errors are the same [`ApiError`] the resident pages use.
//!
//! BSNs travel in JSON bodies only, never in a URL.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use loket_api::staff::{
    AccessLogEntry, AccessLogSearch, CaseSearch, NewContactNote, NewDocumentRequest, OnBehalfStart,
    SetResult, SetStatus, StaffCaseHit, StaffCaseView, StaffLogin, StaffSessionInfo, WorkOverview,
    WorkPage, WorkQuery,
};
use loket_api::{
    Draft, DraftUpdate, ErrorBody, ErrorCode, Submission, CSRF_HEADER, IDEMPOTENCY_HEADER,
    SESSION_IDLE_SECONDS,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::{encode_component, ApiError, ApiResult, LocalFuture, UploadSession};
use crate::session::SERVER_TOUCH_GRANULARITY;

thread_local! {
    static CSRF_TOKEN: RefCell<String> = const { RefCell::new(String::new()) };
    static ON_ENDED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    static ON_ACTIVITY: RefCell<Option<SecondsLeftHook>> = const { RefCell::new(None) };
}

/// Told how many seconds the staff session has left.
type SecondsLeftHook = Box<dyn Fn(f64)>;

/// Called with the seconds the staff session has left whenever an answer shows it: a session
/// answer says so; any other successful staff call restarted the server's idle clock.
pub fn on_activity(hook: impl Fn(f64) + 'static) {
    ON_ACTIVITY.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
}

fn activity(seconds_left: f64) {
    ON_ACTIVITY.with(|h| {
        if let Some(h) = h.borrow().as_ref() {
            h(seconds_left);
        }
    });
}

/// A staff call succeeded. The server records activity at most every 30 s, so its clock may
/// have started up to 30 s earlier than ours: count from then, to warn and end in time.
fn active() {
    activity(SESSION_IDLE_SECONDS as f64 - SERVER_TOUCH_GRANULARITY);
}

/// Called whenever the server says the staff session has ended (`not_authenticated`).
pub fn on_session_ended(hook: impl Fn() + 'static) {
    ON_ENDED.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
}

fn accept(info: StaffSessionInfo) -> StaffSessionInfo {
    CSRF_TOKEN.with(|t| t.borrow_mut().clone_from(&info.csrf_token));
    activity(info.expires_in_seconds as f64);
    info
}

async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    let request = request.map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        active();
        return Ok(response);
    }
    let status = response.status();
    let body = response.json::<ErrorBody>().await.ok();
    let error = ApiError::Status { status, body };
    if error.is_not_authenticated() {
        session_ended();
    }
    Err(error)
}

fn session_ended() {
    ON_ENDED.with(|h| {
        if let Some(h) = h.borrow().as_ref() {
            h();
        }
    });
}

/// A state-changing call; a stale CSRF token (the resident side or another tab logged in
/// meanwhile) is fetched again once.
async fn send_write(build: impl Fn() -> Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    match send(build()).await {
        Err(e) if e.code() == Some(ErrorCode::CsrfFailed) => {
            session().await?;
            send(build()).await
        }
        other => other,
    }
}

async fn json<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response.json::<T>().await.map_err(|_| ApiError::Network)
}

async fn get<T: DeserializeOwned>(url: &str) -> ApiResult<T> {
    json(send(Request::get(url).build()).await?).await
}

fn csrf_token() -> String {
    CSRF_TOKEN.with(|t| t.borrow().clone())
}

fn write(builder: RequestBuilder) -> RequestBuilder {
    builder.header(CSRF_HEADER, &csrf_token())
}

fn renew() -> LocalFuture<ApiResult<()>> {
    Box::pin(async { session().await.map(drop) })
}

/// Uploads in the staff session (`/api/staff/uploads`: documents received on paper for a
/// resident's case). The staff case view provides it as context, so the resident's
/// [`FileUpload`](crate::components::FileUpload) sends there with the staff CSRF token.
pub const UPLOADS: UploadSession = UploadSession {
    base: "/api/staff/uploads",
    csrf: csrf_token,
    renew,
    active,
    ended: session_ended,
};

async fn post<B: Serialize>(url: &str, body: &B) -> ApiResult<Response> {
    send_write(|| write(Request::post(url)).json(body)).await
}

fn case_url(id: &str, rest: &str) -> String {
    format!("/api/staff/cases/{}{rest}", encode_component(id))
}

fn on_behalf_url(id: &str, rest: &str) -> String {
    format!("/api/staff/on-behalf/{}{rest}", encode_component(id))
}

/// `GET /api/staff/session` (always 200).
pub async fn session() -> ApiResult<StaffSessionInfo> {
    get("/api/staff/session").await.map(accept)
}

/// `POST /api/staff/session`.
pub async fn login(username: String, password: String) -> ApiResult<StaffSessionInfo> {
    let body = StaffLogin { username, password };
    json(post("/api/staff/session", &body).await?)
        .await
        .map(accept)
}

/// `POST /api/staff/session/extend` ("Ingelogd blijven").
pub async fn extend() -> ApiResult<StaffSessionInfo> {
    let build = || write(Request::post("/api/staff/session/extend")).build();
    json(send_write(build).await?).await.map(accept)
}

/// `POST /api/staff/session/logout`.
pub async fn logout() -> ApiResult<()> {
    send_write(|| write(Request::post("/api/staff/session/logout")).build())
        .await
        .map(drop)
}

/// `POST /api/staff/search`.
pub async fn search(search: CaseSearch) -> ApiResult<Vec<StaffCaseHit>> {
    json(post("/api/staff/search", &search).await?).await
}

/// `GET /api/staff/cases/{id}`.
pub async fn case(id: String) -> ApiResult<StaffCaseView> {
    get(&case_url(&id, "")).await
}

/// `POST /api/staff/cases/{id}/notes`.
pub async fn add_note(id: String, note: NewContactNote) -> ApiResult<()> {
    post(&case_url(&id, "/notes"), &note).await.map(drop)
}

/// `POST /api/staff/cases/{id}/status`.
pub async fn set_status(id: String, body: SetStatus) -> ApiResult<()> {
    post(&case_url(&id, "/status"), &body).await.map(drop)
}

/// `POST /api/staff/cases/{id}/result`.
pub async fn set_result(id: String, body: SetResult) -> ApiResult<()> {
    post(&case_url(&id, "/result"), &body).await.map(drop)
}

/// `POST /api/staff/cases/{id}/document-requests`.
pub async fn request_document(id: String, body: NewDocumentRequest) -> ApiResult<()> {
    post(&case_url(&id, "/document-requests"), &body)
        .await
        .map(drop)
}

/// `POST /api/staff/access-log/search`.
pub async fn access_log(search: AccessLogSearch) -> ApiResult<Vec<AccessLogEntry>> {
    json(post("/api/staff/access-log/search", &search).await?).await
}

/// `GET /api/staff/overview`.
pub async fn overview() -> ApiResult<WorkOverview> {
    get("/api/staff/overview").await
}

/// `GET /api/staff/work?…`.
pub async fn work(query: WorkQuery) -> ApiResult<WorkPage> {
    let mut params = vec![format!("page={}", query.page.unwrap_or(1))];
    if let Some(product) = query.product_id.filter(|p| !p.is_empty()) {
        params.push(format!("product_id={}", encode_component(&product)));
    }
    if query.overdue {
        params.push("overdue=true".to_owned());
    }
    if let Some(ordering) = query.ordering {
        params.push(format!("ordering={}", encode_component(&ordering)));
    }
    get(&format!("/api/staff/work?{}", params.join("&"))).await
}

/// `POST /api/staff/on-behalf`.
pub async fn start_on_behalf(start: OnBehalfStart) -> ApiResult<Draft> {
    json(post("/api/staff/on-behalf", &start).await?).await
}

/// `GET /api/staff/on-behalf/{id}`.
pub async fn on_behalf(id: String) -> ApiResult<Draft> {
    get(&on_behalf_url(&id, "")).await
}

/// `PUT /api/staff/on-behalf/{id}`.
pub async fn save_on_behalf(id: String, update: DraftUpdate) -> ApiResult<Draft> {
    let url = on_behalf_url(&id, "");
    json(send_write(|| write(Request::put(&url)).json(&update)).await?).await
}

/// `POST /api/staff/on-behalf/{id}/submit` with an idempotency key (reused on retries).
pub async fn submit_on_behalf(id: String, idempotency_key: String) -> ApiResult<Submission> {
    let url = on_behalf_url(&id, "/submit");
    let build = || {
        write(Request::post(&url))
            .header(IDEMPOTENCY_HEADER, &idempotency_key)
            .build()
    };
    json(send_write(build).await?).await
}
