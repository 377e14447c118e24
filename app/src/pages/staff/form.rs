//! Building blocks of the staff pages: loading data into a signal (no per-type suspense
//! machinery in the wasm), form errors with the shared error summary, and labelled fields.

use std::future::Future;

use leptos::prelude::*;
use loket_api::{ErrorCode, FieldError, FieldErrorCode};

use super::texts::{st, staff_texts, StaffTextFn};
use crate::api::ApiError;
use crate::components::{field_error_text, FieldErrorMessage, Loading, SummaryItem};
use crate::i18n::{tr, use_i18n};
use crate::pages::NotFound;

/// Data a page loads: still loading, failed, or there (kept while it is fetched again).
#[derive(Clone, Debug)]
pub enum Remote<T> {
    Loading,
    Failed(ApiError),
    Ready(T),
}

impl<T> Remote<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Remote::Ready(t) => Some(t),
            _ => None,
        }
    }
}

/// Fetches with `make` now and every time the returned `reload` is called. A reload keeps
/// the shown data until the new answer is there.
pub fn load<T, F>(
    make: impl Fn() -> F + Send + Sync + 'static,
) -> (
    RwSignal<Remote<T>>,
    impl Fn() + Clone + Send + Sync + 'static,
)
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Remote::Loading);
    let make = std::sync::Arc::new(make);
    let reload = move || {
        let future = make();
        leptos::task::spawn_local(async move {
            let answer = match future.await {
                Ok(data) => Remote::Ready(data),
                Err(e) => Remote::Failed(e),
            };
            // The page may have gone meanwhile.
            let _ = state.try_set(answer);
        });
    };
    reload();
    (state, reload)
}

/// What a failed load shows: the 404 page, nothing (session ended: the login page takes
/// over), "no access", or an explanation with a retry button.
pub fn failed_view(error: ApiError, retry: impl Fn() + Send + Sync + 'static) -> AnyView {
    if error.is_not_found() {
        return view! { <NotFound /> }.into_any();
    }
    if error.is_not_authenticated() {
        return ().into_any();
    }
    if error.code() == Some(ErrorCode::Forbidden) {
        return view! { <p class="nl-paragraph">{st(|t| t.no_access)}</p> }.into_any();
    }
    let i18n = use_i18n();
    let unavailable = error.code() == Some(ErrorCode::CaseApiUnavailable);
    view! {
        <div class="loket-alert loket-alert--error" role="alert">
            <p class="nl-paragraph">
                {move || if unavailable { i18n.t().load_unavailable } else { i18n.t().load_failed }}
            </p>
            <button type="button" class="nl-button nl-button--secondary" on:click=move |_| retry()>
                {tr(|t| t.retry)}
            </button>
        </div>
    }
    .into_any()
}

/// Renders `state`: "Laden…", the failure, or `render(data)`.
pub fn remote_view<T: Clone + Send + Sync + 'static>(
    state: RwSignal<Remote<T>>,
    reload: impl Fn() + Clone + Send + Sync + 'static,
    render: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match state.get() {
        Remote::Loading => view! { <Loading /> }.into_any(),
        Remote::Failed(e) => failed_view(e, reload.clone()),
        Remote::Ready(data) => render(data),
    }
}

/// A form's call in flight. Used instead of an `Action`, whose generic machinery would be
/// compiled into the wasm once per input type.
#[derive(Clone, Copy)]
pub struct Busy(RwSignal<bool>);

impl Busy {
    pub fn new() -> Busy {
        Busy(RwSignal::new(false))
    }

    /// `aria-disabled` of the submit button while busy (tracked).
    pub fn aria(&self) -> Option<&'static str> {
        self.0.get().then_some("true")
    }

    /// Runs `task` unless one is still running (a double click sends once).
    pub fn run(self, task: impl Future<Output = ()> + 'static) {
        if self.0.get_untracked() {
            return;
        }
        self.0.set(true);
        leptos::task::spawn_local(async move {
            task.await;
            // The page may have gone (a successful call navigates).
            let _ = self.0.try_set(false);
        });
    }
}

/// A message for a field: one of the shared field error texts, or a staff text.
#[derive(Clone, Copy, Debug)]
pub enum Msg {
    Field(FieldErrorCode),
    Staff(StaffTextFn),
}

/// The errors of a form: (field element id, message), in the order of the form.
pub type Errors = RwSignal<Vec<(String, Msg)>>;

/// The error summary's lines, in the current language.
pub fn summary(errors: Errors) -> Signal<Vec<SummaryItem>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let lang = i18n.lang();
        errors
            .get()
            .into_iter()
            .map(|(id, msg)| SummaryItem {
                href: format!("#{id}"),
                text: msg_text(lang, msg).to_owned(),
            })
            .collect()
    })
}

fn msg_text(lang: crate::i18n::Lang, msg: Msg) -> &'static str {
    match msg {
        Msg::Field(code) => field_error_text(lang.texts(), code),
        Msg::Staff(text) => text(staff_texts(lang)),
    }
}

/// Maps the server's field errors (by API field name) to element ids of this form.
pub fn server_errors(errors: &[FieldError], id_of: impl Fn(&str) -> String) -> Vec<(String, Msg)> {
    errors
        .iter()
        .map(|e| (id_of(&e.field), Msg::Field(e.code)))
        .collect()
}

/// How an input looks and behaves.
#[derive(Clone, Copy, Default)]
pub struct Input {
    /// `text` unless set (`password`, `date`, `email`, `tel`).
    pub kind: Option<&'static str>,
    pub multiline: bool,
    pub autocomplete: Option<&'static str>,
    pub numeric: bool,
    /// `loket-input--width-N` class suffix.
    pub width: Option<&'static str>,
}

/// A labelled text input (or text area) bound to `value`, with its error from `errors`.
pub fn text_field(
    id: String,
    label: Signal<String>,
    hint: Option<Signal<String>>,
    value: RwSignal<String>,
    errors: Errors,
    input: Input,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-fout");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let error = {
        let id = id.clone();
        Signal::derive(move || errors.with(|e| e.iter().find(|(f, _)| *f == id).map(|(_, m)| *m)))
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let class = match input.width {
        Some(w) => format!("loket-input loket-input--width-{w}"),
        None => "loket-input".to_owned(),
    };
    let control = if input.multiline {
        view! {
            <textarea
                class="loket-textarea"
                id=id.clone()
                rows="4"
                aria-describedby=described_by.clone()
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class=class
                id=id.clone()
                type=input.kind.unwrap_or("text")
                autocomplete=input.autocomplete
                inputmode=input.numeric.then_some("numeric")
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="utrecht-form-field loket-field" class:loket-field--invalid=move || error.get().is_some()>
            <label class="utrecht-form-label loket-label" for=id>{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="loket-hint">{h}</p> })}
            {move || error.get().map(|m| view! {
                <FieldErrorMessage id=error_id.clone() text=Signal::derive(move || msg_text(i18n.lang(), m).to_owned()) />
            })}
            {control}
        </div>
    }
}

/// A labelled `<select>` of (value, text) options bound to `value`.
pub fn select_field(
    id: String,
    label: Signal<String>,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
    errors: Errors,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-fout");
    let error = {
        let id = id.clone();
        Signal::derive(move || errors.with(|e| e.iter().find(|(f, _)| *f == id).map(|(_, m)| *m)))
    };
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="utrecht-form-field loket-field" class:loket-field--invalid=move || error.get().is_some()>
            <label class="utrecht-form-label loket-label" for=id.clone()>{label}</label>
            {move || error.get().map(|m| view! {
                <FieldErrorMessage id=error_id.clone() text=Signal::derive(move || msg_text(i18n.lang(), m).to_owned()) />
            })}
            <select
                class="loket-input loket-select"
                id=id
                aria-describedby=described_by
                aria-invalid=move || error.get().map(|_| "true")
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || options.get().into_iter().map(|(v, text)| {
                    let selected = value.get_untracked() == v;
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Radio buttons in a fieldset whose legend is `legend`.
pub fn radio_field(
    id: &'static str,
    legend: Signal<String>,
    value: RwSignal<String>,
    options: Vec<(&'static str, StaffTextFn)>,
) -> impl IntoView {
    view! {
        <fieldset class="loket-fieldset">
            <legend class="loket-fieldset__legend">{legend}</legend>
            <div class="loket-radios">
                {options.into_iter().enumerate().map(|(i, (v, text))| {
                    let item_id = if i == 0 { id.to_owned() } else { format!("{id}-{i}") };
                    view! {
                        <div class="loket-radios__item">
                            <input
                                class="loket-radios__input"
                                type="radio"
                                id=item_id.clone()
                                name=id
                                value=v
                                prop:checked=move || value.get() == v
                                on:change=move |_| value.set(v.to_owned())
                            />
                            <label class="loket-radios__label" for=item_id>{st(text)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A polite confirmation ("Notitie opgeslagen"), shown after a successful action.
pub fn done_notice(done: RwSignal<Option<StaffTextFn>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="status" class="loket-staff-status">
            {move || done.get().map(|text| view! {
                <p class="loket-alert loket-alert--info nl-paragraph">{move || text(staff_texts(i18n.lang()))}</p>
            })}
        </div>
    }
}
