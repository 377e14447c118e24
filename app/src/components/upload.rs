//! File upload, built like the GOV.UK Frontend / NL Design System file upload: a label, a
//! hint with the allowed kinds and the largest size, an error message wired up with
//! `aria-describedby`, and a real `<input type=file multiple>` (the keyboard and phone path:
//! phones offer the camera because images are in `accept`). Dragging files onto the box is an
//! extra for mouse users.
//!
//! Every chosen file gets a row with its name, size, a `<progress>`, a state text and its
//! actions. Files are checked in the browser first (name, size, first bytes: the same
//! `loket-api` rules the server runs again), then announced (`POST /api/uploads`; staff send
//! to `/api/staff/uploads`, see [`UploadSession`]) and sent in parts of [`CHUNK_BYTES`] with
//! `XMLHttpRequest` (the only browser API with upload progress). An interrupted upload
//! resumes where the server stopped ("Opnieuw proberen" reads the upload first); it never
//! starts over while the server holds bytes.
//!
//! All rows live in ONE signal of plain data (`Vec<Row>`) and are drawn by one closure:
//! Leptos generates its reactive and view machinery per signal and per view type, so this
//! keeps the component small in the wasm. Re-drawing updates the rows' DOM in place, so
//! focus stays on a row's button while its progress changes.
//!
//! # Accessibility
//! One polite live region per component says when a file is sent or refused (never every
//! percent). Buttons name their file (visually hidden), and after a row disappears focus
//! returns to the file input.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use loket_api::upload::{
    display_size, sanitise_file_name, NewUpload, Upload, UploadRule, UploadState, UploadTarget,
    CHUNK_BYTES, SNIFF_BYTES,
};
use loket_api::{DocumentType, ErrorCode, FieldErrorCode};
use wasm_bindgen::JsCast;

use crate::api::{ApiError, ApiResult, ChunkRequest, UploadSession};
use crate::components::{field_error_text, focus_by_id};
use crate::i18n::{fill_in, tr, use_i18n, Texts};

/// Why a file was not sent.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Problem {
    /// Refused for good (kind, size, virus): only removing helps.
    Refused(FieldErrorCode),
    /// The case was closed meanwhile.
    CaseClosed,
    /// No (usable) answer, or the server could not finish now: "Opnieuw proberen".
    Failed(Option<FieldErrorCode>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    Checking,
    Sending,
    Sent(UploadState),
    NotSent(Problem),
    /// Known to the server but incomplete, and this browser does not have the file.
    Unfinished,
}

/// One file row, as plain data.
#[derive(Clone, Debug)]
pub struct Row {
    key: u64,
    name: String,
    size: u64,
    /// Bytes the server has, plus those of the part being sent.
    sent: u64,
    phase: Phase,
    /// The server's view of the upload, once announced.
    upload: Option<Upload>,
    remove_failed: bool,
}

/// A component's rows. Create it in the page to see them ([`UploadList::busy`],
/// [`UploadList::uploads`]); the component makes its own otherwise.
#[derive(Clone, Copy)]
pub struct UploadList {
    rows: RwSignal<Vec<Row>>,
}

impl UploadList {
    pub fn new() -> Self {
        UploadList {
            rows: RwSignal::new(Vec::new()),
        }
    }

    /// Whether a file is still being checked or sent (tracked).
    pub fn busy(&self) -> bool {
        self.rows.with(|rows| {
            rows.iter()
                .any(|r| matches!(r.phase, Phase::Checking | Phase::Sending))
        })
    }

    /// The uploads the server has (untracked).
    pub fn uploads(&self) -> Vec<Upload> {
        self.rows
            .with_untracked(|rows| rows.iter().filter_map(|r| r.upload.clone()).collect())
    }
}

/// What a browser keeps per row that cannot live in a signal: the file and the request.
struct Local {
    key: u64,
    file: web_sys::File,
    request: Option<ChunkRequest>,
}

thread_local! {
    static NEXT_KEY: Cell<u64> = const { Cell::new(1) };
    static LOCAL: RefCell<Vec<Local>> = const { RefCell::new(Vec::new()) };
}

fn next_key() -> u64 {
    NEXT_KEY.with(|k| {
        let key = k.get();
        k.set(key + 1);
        key
    })
}

fn local_file(key: u64) -> Option<web_sys::File> {
    LOCAL.with(|l| {
        l.borrow()
            .iter()
            .find(|l| l.key == key)
            .map(|l| l.file.clone())
    })
}

fn set_request(key: u64, request: Option<ChunkRequest>) {
    LOCAL.with(|l| {
        if let Some(l) = l.borrow_mut().iter_mut().find(|l| l.key == key) {
            l.request = request;
        }
    });
}

/// Forgets a row's file, aborting its request.
fn drop_local(key: u64) {
    let gone = LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let i = l.iter().position(|l| l.key == key)?;
        Some(l.swap_remove(i))
    });
    if let Some(request) = gone.and_then(|g| g.request) {
        request.abort();
    }
}

/// What the component was given, in one place.
struct Config {
    target: UploadTarget,
    document_type_id: String,
    rule: UploadRule,
    input_id: String,
}

/// Everything the upload tasks of one component share (`Copy` handles).
#[derive(Clone, Copy)]
struct Uploader {
    list: UploadList,
    config: StoredValue<Config>,
    announcement: RwSignal<String>,
    /// Bumped when an upload is done (the case page fetches the case again).
    done: Option<RwSignal<u32>>,
    /// The language, read in async tasks (which cannot look up context).
    i18n: crate::i18n::I18n,
    /// Where the files go: the resident's uploads, or staff's (see [`UploadSession`]).
    session: UploadSession,
}

impl Uploader {
    fn t(&self) -> &'static Texts {
        self.i18n.t_untracked()
    }

    /// Changes row `key`; false when it is gone (cancelled, removed, component unmounted).
    fn edit(&self, key: u64, change: &mut dyn FnMut(&mut Row)) -> bool {
        self.list
            .rows
            .try_update(|rows| match rows.iter_mut().find(|r| r.key == key) {
                Some(row) => {
                    change(row);
                    true
                }
                None => false,
            })
            .unwrap_or(false)
    }

    fn row(&self, key: u64) -> Option<Row> {
        self.list
            .rows
            .try_with_untracked(|rows| rows.iter().find(|r| r.key == key).cloned())
            .flatten()
    }

    fn announce(&self, name: &str, status: &str) {
        let text = fill_in(
            self.t().upload_announce,
            &[("naam", name), ("status", status)],
        );
        self.announcement.try_set(text);
    }

    /// Rows for newly chosen files, each started at once. A file that is the one of an
    /// unfinished upload (same name and size; the page was reloaded meanwhile) continues it.
    fn add_files(&self, files: web_sys::FileList) {
        let mut added = Vec::new();
        let mut resumed = Vec::new();
        for i in 0..files.length() {
            let Some(file) = files.item(i) else { continue };
            let (name, size) = (sanitise_file_name(&file.name()), file.size() as u64);
            let unfinished = self.list.rows.with_untracked(|rows| {
                rows.iter()
                    .find(|r| r.phase == Phase::Unfinished && r.size == size && r.name == name)
                    .map(|r| r.key)
            });
            if let Some(key) = unfinished {
                LOCAL.with(|l| {
                    l.borrow_mut().push(Local {
                        key,
                        file,
                        request: None,
                    })
                });
                resumed.push(key);
                continue;
            }
            let key = next_key();
            added.push(Row {
                key,
                name: file.name(),
                size: file.size() as u64,
                sent: 0,
                phase: Phase::Checking,
                upload: None,
                remove_failed: false,
            });
            LOCAL.with(|l| {
                l.borrow_mut().push(Local {
                    key,
                    file,
                    request: None,
                })
            });
        }
        let keys = added.iter().map(|r| r.key).collect::<Vec<_>>();
        self.list.rows.update(|rows| rows.extend(added));
        for key in keys {
            let this = *self;
            leptos::task::spawn_local(async move { this.start(key).await });
        }
        for key in resumed {
            self.retry(key);
        }
    }

    /// Checks a new file in the browser, then sends it.
    async fn start(self, key: u64) {
        let (Some(file), Some(row)) = (local_file(key), self.row(key)) else {
            return;
        };
        let rule = self.config.with_value(|c| c.rule.clone());
        if let Some(problem) = rule.check_announced("file", &row.name, row.size) {
            self.finish(key, Err(Problem::Refused(problem.code)));
            return;
        }
        let head = first_bytes(&file).await;
        if let Err(problem) = rule.check_content("file", &head, &row.name) {
            self.finish(key, Err(Problem::Refused(problem.code)));
            return;
        }
        self.send(key).await;
    }

    /// Announces the file if the server does not know it yet, then sends what is left.
    async fn send(self, key: u64) {
        let alive = self.edit(key, &mut |r| {
            r.phase = Phase::Sending;
            r.remove_failed = false;
        });
        if !alive {
            return;
        }
        let result = self.send_rest(key).await;
        if self.row(key).is_some() {
            self.finish(key, result.map_err(problem_of));
        }
    }

    async fn send_rest(&self, key: u64) -> ApiResult<Upload> {
        let (Some(file), Some(row)) = (local_file(key), self.row(key)) else {
            return Err(ApiError::Network);
        };
        let mut upload = row.upload;
        // Resuming: ask the server how far it got (an upload it no longer has starts anew).
        if let Some(known) = upload.take() {
            match self.session.get(&known.id).await {
                Ok(now) => upload = Some(now),
                Err(e) if e.is_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        let mut upload = match upload {
            Some(upload) => upload,
            None => {
                let (target, document_type_id) = self
                    .config
                    .with_value(|c| (c.target.clone(), c.document_type_id.clone()));
                let upload = self
                    .session
                    .create(NewUpload {
                        target,
                        document_type_id,
                        file_name: file.name(),
                        size_bytes: row.size,
                    })
                    .await?;
                let name = upload.file_name.clone();
                let kept = upload.clone();
                if !self.edit(key, &mut |r| {
                    r.name.clone_from(&name);
                    r.upload = Some(kept.clone());
                }) {
                    // Cancelled while the server answered: remove what it just made.
                    let _ = self.session.delete(&upload.id).await;
                    return Err(ApiError::Network);
                }
                upload
            }
        };
        let mut conflicts = 0;
        while upload.state == UploadState::Receiving && upload.received_bytes < row.size {
            let start = upload.received_bytes;
            let end = (start + CHUNK_BYTES).min(row.size);
            let part = file
                .slice_with_f64_and_f64(start as f64, end as f64)
                .map_err(|_| ApiError::Network)?;
            let this = *self;
            let answer = self
                .session
                .send_chunk(
                    &upload.id,
                    start,
                    &part,
                    move |loaded| {
                        let sent = start + (loaded as u64).min(end - start);
                        this.edit(key, &mut |r| r.sent = sent);
                    },
                    move |request| set_request(key, Some(request)),
                )
                .await;
            set_request(key, None);
            let next = match answer {
                Ok(next) => next,
                // The server has a different offset (e.g. a part arrived but its answer was
                // lost): read where it is and go on from there.
                Err(e) if e.code() == Some(ErrorCode::Conflict) && conflicts < 3 => {
                    conflicts += 1;
                    self.session.get(&upload.id).await?
                }
                Err(e) => return Err(e),
            };
            let kept = next.clone();
            if !self.edit(key, &mut |r| {
                r.sent = kept.received_bytes;
                r.upload = Some(kept.clone());
            }) {
                return Err(ApiError::Network);
            }
            upload = next;
        }
        Ok(upload)
    }

    /// Shows the outcome of a file and tells the page.
    fn finish(&self, key: u64, result: Result<Upload, Problem>) {
        let t = self.t();
        let mut name = String::new();
        let phase = match &result {
            Ok(upload) => Phase::Sent(upload.state),
            Err(problem) => Phase::NotSent(*problem),
        };
        self.edit(key, &mut |r| {
            r.phase = phase;
            match &result {
                Ok(upload) => {
                    r.sent = r.size;
                    r.upload = Some(upload.clone());
                }
                // The server deletes what it refuses (a virus, a wrong kind).
                Err(Problem::Refused(_)) => {
                    r.upload = None;
                    r.sent = 0;
                }
                // The bar goes back to what the server has (a part cut off midway is lost).
                Err(_) => r.sent = r.upload.as_ref().map_or(0, |u| u.received_bytes),
            }
            name.clone_from(&r.name);
        });
        match result {
            Ok(upload) => {
                self.announce(&name, sent_text(t, upload.state));
                if let Some(done) = self.done {
                    done.try_update(|n| *n += 1);
                }
            }
            Err(problem) => self.announce(&name, problem_text(t, problem)),
        }
    }

    /// "Annuleren": stop sending, forget the row, remove what the server has.
    fn cancel(&self, key: u64) {
        let Some(row) = self.row(key) else { return };
        drop_local(key);
        self.drop_row(key);
        self.announcement
            .set(fill_in(self.t().upload_cancelled, &[("naam", &row.name)]));
        if let Some(upload) = row.upload {
            let session = self.session;
            leptos::task::spawn_local(async move {
                let _ = session.delete(&upload.id).await;
            });
        }
    }

    /// "Verwijderen": remove a sent (or refused) file.
    fn remove(&self, key: u64) {
        let Some(row) = self.row(key) else { return };
        let this = *self;
        leptos::task::spawn_local(async move {
            if let Some(upload) = &row.upload {
                match this.session.delete(&upload.id).await {
                    Ok(()) => {}
                    Err(e) if e.is_not_found() => {}
                    Err(_) => {
                        this.edit(key, &mut |r| r.remove_failed = true);
                        return;
                    }
                }
            }
            drop_local(key);
            if this.row(key).is_some() {
                this.drop_row(key);
                this.announcement
                    .set(fill_in(this.t().upload_removed, &[("naam", &row.name)]));
            }
        });
    }

    /// "Opnieuw proberen": resume from what the server has.
    fn retry(&self, key: u64) {
        let this = *self;
        leptos::task::spawn_local(async move { this.send(key).await });
    }

    fn drop_row(&self, key: u64) {
        self.list.rows.update(|rows| rows.retain(|r| r.key != key));
        self.config.with_value(|c| focus_by_id(&c.input_id));
    }
}

/// The first [`SNIFF_BYTES`] of a file (fewer when it is smaller; none if unreadable).
async fn first_bytes(file: &web_sys::File) -> Vec<u8> {
    let end = (SNIFF_BYTES as f64).min(file.size());
    let Ok(head) = file.slice_with_f64_and_f64(0.0, end) else {
        return Vec::new();
    };
    match wasm_bindgen_futures::JsFuture::from(head.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

fn problem_of(error: ApiError) -> Problem {
    match error.code() {
        Some(ErrorCode::CaseClosed) => Problem::CaseClosed,
        Some(ErrorCode::Invalid) => match error.field_errors().first().map(|e| e.code) {
            Some(FieldErrorCode::FileScanFailed) => {
                Problem::Failed(Some(FieldErrorCode::FileScanFailed))
            }
            Some(code) => Problem::Refused(code),
            None => Problem::Failed(None),
        },
        _ => Problem::Failed(None),
    }
}

fn sent_text(t: &'static Texts, state: UploadState) -> &'static str {
    match state {
        UploadState::Stored => t.upload_stored,
        _ => t.upload_sent,
    }
}

fn problem_text(t: &'static Texts, problem: Problem) -> &'static str {
    match problem {
        Problem::Refused(code) | Problem::Failed(Some(code)) => field_error_text(t, code),
        Problem::CaseClosed => t.case_closed_no_documents,
        Problem::Failed(None) => t.upload_failed,
    }
}

/// The hint under the label: allowed kinds and largest size.
fn hint_text(t: &'static Texts, rule: &UploadRule) -> String {
    let kinds = rule
        .kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ");
    fill_in(
        t.upload_hint,
        &[
            ("soorten", &kinds),
            ("grootte", &display_size(rule.max_bytes)),
        ],
    )
}

/// One file upload per document type a case takes, each adding its files to the case (the
/// resident's case page and the staff case page).
#[component]
pub fn CaseDocumentUploads(
    /// Prefix of each input's id.
    id_prefix: &'static str,
    case_id: String,
    document_types: Vec<DocumentType>,
    /// Bumped when an upload is done.
    done: RwSignal<u32>,
) -> impl IntoView {
    document_types
        .into_iter()
        .map(|doc| {
            view! {
                <FileUpload
                    id=format!("{id_prefix}-{}", doc.id)
                    label=doc.title
                    document_type_id=doc.id
                    rule=doc.rule
                    target=UploadTarget::Case(case_id.clone())
                    done=done
                />
            }
        })
        .collect_view()
}

/// A file upload for one document type.
#[component]
pub fn FileUpload(
    /// The input's id (error summary links point here).
    #[prop(into)]
    id: String,
    /// The label: the document type's title.
    #[prop(into)]
    label: String,
    /// The document type's UUID.
    #[prop(into)]
    document_type_id: String,
    /// What this document type accepts.
    rule: UploadRule,
    /// Where the files go.
    target: UploadTarget,
    /// Uploads the server already has for this document type (a draft opened again).
    #[prop(optional)]
    existing: Vec<Upload>,
    /// The rows, when the page wants to see them.
    #[prop(optional)]
    list: Option<UploadList>,
    /// Set by the page when it cannot go on while files are being sent: then the field says
    /// so (`err_upload_incomplete`) as long as that is true.
    #[prop(optional)]
    waiting: Option<RwSignal<bool>>,
    /// Bumped when an upload is done.
    #[prop(optional)]
    done: Option<RwSignal<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let list = list.unwrap_or_else(UploadList::new);
    let is_case = matches!(target, UploadTarget::Case(_));
    list.rows.set(
        existing
            .into_iter()
            .map(|u| Row {
                key: next_key(),
                name: u.file_name.clone(),
                size: u.size_bytes,
                sent: u.received_bytes,
                phase: match u.state {
                    UploadState::Receiving => Phase::Unfinished,
                    state => Phase::Sent(state),
                },
                upload: Some(u),
                remove_failed: false,
            })
            .collect(),
    );
    let accept = rule.accept();
    let uploader = Uploader {
        list,
        config: StoredValue::new(Config {
            target,
            document_type_id,
            rule,
            input_id: id.clone(),
        }),
        announcement: RwSignal::new(String::new()),
        done,
        i18n,
        session: UploadSession::current(),
    };
    // Leaving the page stops what is being sent (the server keeps what it got).
    let hint = move || uploader.config.with_value(|c| hint_text(i18n.t(), &c.rule));
    let rows = list.rows;
    on_cleanup(move || {
        for row in rows.try_get_untracked().unwrap_or_default() {
            drop_local(row.key);
        }
    });

    let has_error = move || waiting.is_some_and(|w| w.get()) && list.busy();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if has_error() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            uploader.add_files(files);
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            uploader.add_files(files);
        }
        // Choosing the same file again (after removing it) must fire `change` again.
        input.set_value("");
    };
    let rows_view = {
        let label = label.clone();
        move || {
            let t = i18n.t();
            rows.with(|rows| {
                (!rows.is_empty()).then(|| {
                    let items = rows
                        .iter()
                        .map(|row| file_row(t, uploader, is_case, row))
                        .collect::<Vec<_>>();
                    view! {
                        <ul class="loket-upload__list" aria-label=fill_in(t.upload_files_label, &[("type", &label)])>
                            {items}
                        </ul>
                    }
                })
            })
        }
    };

    view! {
        <div class="utrecht-form-field loket-field loket-upload" class:loket-field--invalid=has_error>
            <label class="utrecht-form-label loket-label" for=id.clone()>{label}</label>
            <p id=hint_id class="loket-hint">{hint}</p>
            {move || has_error().then(|| view! {
                <p id=error_id.clone() class="utrecht-form-field-error-message loket-field-error">
                    <span class="loket-visually-hidden">{tr(|t| t.error_prefix)}" "</span>
                    {tr(|t| t.err_upload_incomplete)}
                </p>
            })}
            <div
                class="loket-upload__dropzone"
                class:loket-upload__dropzone--active=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <input
                    class="loket-upload__input"
                    type="file"
                    id=id.clone()
                    name=id
                    multiple
                    accept=accept
                    aria-describedby=described_by
                    aria-invalid=move || has_error().then_some("true")
                    on:change=on_change
                />
                <p class="loket-upload__drop-hint">{tr(|t| t.upload_drop)}</p>
            </div>
            <p class="loket-visually-hidden" role="status">{move || uploader.announcement.get()}</p>
            {rows_view}
        </div>
    }
}

/// One file: name, size, progress, state, error and actions.
fn file_row(t: &'static Texts, uploader: Uploader, is_case: bool, row: &Row) -> impl IntoView {
    let key = row.key;
    let percent = (row.sent.min(row.size) * 100 / row.size.max(1)).to_string();
    let state = match row.phase {
        Phase::Checking => t.upload_checking,
        Phase::Sending => t.upload_sending,
        Phase::Sent(UploadState::Received) if is_case => t.upload_processing,
        Phase::Sent(state) => sent_text(t, state),
        Phase::NotSent(_) | Phase::Unfinished => t.upload_not_sent,
    };
    let error = match row.phase {
        Phase::NotSent(problem) => Some(problem_text(t, problem)),
        Phase::Unfinished => Some(t.upload_unfinished),
        _ => None,
    };
    let error = row
        .remove_failed
        .then_some(t.upload_remove_failed)
        .or(error);
    let sending = matches!(row.phase, Phase::Checking | Phase::Sending);
    let retry = matches!(row.phase, Phase::NotSent(Problem::Failed(_)));
    // A case's files go into the case: once sent, there is nothing to remove here.
    let removable = match row.phase {
        Phase::Sent(_) => !is_case,
        Phase::NotSent(_) | Phase::Unfinished => true,
        Phase::Checking | Phase::Sending => false,
    };
    let button = |text: &'static str, action: fn(&Uploader, u64)| {
        view! {
            <button type="button" class="nl-button nl-button--secondary" on:click=move |_| action(&uploader, key)>
                {text}<span class="loket-visually-hidden">" " {row.name.clone()}</span>
            </button>
        }
    };
    view! {
        <li class="loket-upload__item">
            <p class="loket-upload__file">
                <span class="loket-upload__name">{row.name.clone()}</span>
                " "
                <span class="loket-upload__size">"(" {display_size(row.size)} ")"</span>
            </p>
            <div class="loket-upload__progress">
                <progress
                    class="loket-upload__bar"
                    max="100"
                    value=percent.clone()
                    aria-label=fill_in(t.upload_progress_label, &[("naam", &row.name)])
                ></progress>
                <span class="loket-upload__percent" aria-hidden="true">{percent} "%"</span>
            </div>
            <p class="loket-upload__state">{state}</p>
            {error.map(|text| view! {
                <p class="utrecht-form-field-error-message loket-field-error">
                    <span class="loket-visually-hidden">{t.error_prefix}" "</span>
                    {text}
                </p>
            })}
            <div class="loket-button-group loket-upload__actions">
                {sending.then(|| button(t.upload_cancel, Uploader::cancel))}
                {retry.then(|| button(t.retry, Uploader::retry))}
                {removable.then(|| button(t.upload_remove, Uploader::remove))}
            </div>
        </li>
    }
}
