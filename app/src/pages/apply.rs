//! The application wizard (`/aanvragen/{draft}/…`): one question per page
//! (`vraag/{n}`), then documents (`documenten`, for products that take documents), then the
//! contact details (`contact`), then check answers (`controleren`).
//!
//! Every "Volgende" validates the page with the same `loket-api` code the server runs, then
//! saves the draft (PUT) with the step the resident goes to, so they can resume anywhere.
//! `?terug=controleren` (from a "Wijzigen" link) returns to the check page after the change.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use loket_api::form::{Answers, Contact};
use loket_api::upload::{display_size, Upload, UploadState, UploadTarget};
use loket_api::{
    Draft, ErrorCode, Field, FieldError, FieldErrorCode, FieldKind, ProductDetail, Submission,
};

use crate::api::{self, ApiResult};
use crate::components::{
    fetch, field_error_text, ErrorSummary, FieldErrorMessage, FileUpload, Load, Loaded,
    PageHeading, SummaryItem, UploadList,
};
use crate::i18n::{fill_in, format_date, tr, tr_signal, use_i18n};
use crate::pages::NotFound;
use crate::session::RequireLogin;

/// A draft with its product and form: what every wizard page needs.
#[derive(Clone, Debug)]
pub struct Wizard {
    pub draft: Draft,
    pub detail: ProductDetail,
    /// The draft's uploads (empty for products without document types).
    pub uploads: Vec<Upload>,
}

impl Wizard {
    /// Whether the product takes documents (then the wizard has a documents step).
    pub fn has_documents(&self) -> bool {
        !self.detail.product.documents.is_empty()
    }
}

thread_local! {
    /// The wizard being filled in, so the next page needs no round trip.
    static WIZARD: RefCell<Option<Wizard>> = const { RefCell::new(None) };
    /// Idempotency key per draft id, reused on retries of the same submission.
    static SUBMIT_KEYS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    /// The last submission, for the confirmation page's "what happens next".
    static LAST_SUBMISSION: RefCell<Option<Submission>> = const { RefCell::new(None) };
}

/// Keeps a wizard for the following pages.
pub fn remember_wizard(wizard: Wizard) {
    WIZARD.with(|w| *w.borrow_mut() = Some(wizard));
}

/// Drops the cached wizard (e.g. when the draft may have changed on another device).
pub fn forget_wizard() {
    WIZARD.with(|w| *w.borrow_mut() = None);
}

/// The submission just made, if it is for this case.
pub fn last_submission(case_id: &str) -> Option<Submission> {
    LAST_SUBMISSION.with(|s| s.borrow().clone().filter(|s| s.case_id == case_id))
}

/// The wizard for a draft: from the cache, else draft + product (+ uploads) from the API.
/// `fresh_uploads`: read the uploads again even when cached (they may have been sent from
/// another device).
async fn load_wizard(id: String, fresh_uploads: bool) -> ApiResult<Wizard> {
    let cached = WIZARD.with(|w| w.borrow().clone().filter(|w| w.draft.id == id));
    let mut wizard = match cached {
        Some(w) if !fresh_uploads || !w.has_documents() => return Ok(w),
        Some(w) => w,
        None => {
            let draft = api::draft(&id).await?;
            let detail = api::product(&draft.product_id).await?;
            Wizard {
                draft,
                detail,
                uploads: Vec::new(),
            }
        }
    };
    if wizard.has_documents() {
        wizard.uploads = api::draft_uploads(&id).await?;
    }
    remember_wizard(wizard.clone());
    Ok(wizard)
}

/// Step name of question `n` (1-based), as saved in the draft and used in the URL.
fn question_step(n: usize) -> String {
    format!("vraag/{n}")
}

/// URL of a step of a draft.
pub fn step_url(draft_id: &str, step: &str) -> String {
    format!("/aanvragen/{}/{step}", api::encode_component(draft_id))
}

/// Where a resumed draft continues: its saved step if it is one we know.
pub fn resume_url(draft: &Draft) -> String {
    let known = draft.step == "contact"
        || draft.step == DOCUMENTS_STEP
        || draft.step == "controleren"
        || draft
            .step
            .strip_prefix("vraag/")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n >= 1);
    step_url(&draft.id, if known { &draft.step } else { "vraag/1" })
}

/// The first page of a new draft.
pub fn first_step_url(draft_id: &str, detail: &ProductDetail) -> String {
    step_url(
        draft_id,
        if !detail.form.fields.is_empty() {
            "vraag/1"
        } else if !detail.product.documents.is_empty() {
            DOCUMENTS_STEP
        } else {
            "contact"
        },
    )
}

/// Step name of the documents page.
const DOCUMENTS_STEP: &str = "documenten";

/// Page-level wrapper: login, then load the wizard, then render `page` with it.
/// `fresh_uploads`: the page shows the draft's uploads, read them again.
fn wizard_page(page: fn(Wizard, bool) -> AnyView, fresh_uploads: bool) -> impl IntoView {
    view! {
        <RequireLogin>
            {move || {
                let params = use_params_map();
                let query = use_query_map();
                // Tracked: a new question number (same route) renders the page again, from
                // the cache.
                let id = params.read().get("id").unwrap_or_default();
                let back = query.read().get("terug").as_deref() == Some("controleren");
                let render = Arc::new(move |loaded: Loaded| match loaded {
                    Loaded::Wizard(w) => {
                        // Pages saved since the load updated the cache: show the latest.
                        let latest = WIZARD.with(|c| c.borrow().clone().filter(|c| c.draft.id == w.draft.id));
                        page(latest.unwrap_or(w), back)
                    }
                    _ => ().into_any(),
                });
                view! { <Load fetch=fetch(move || load_wizard(id.clone(), fresh_uploads), Loaded::Wizard) render=render /> }
            }}
        </RequireLogin>
    }
}

/// `/aanvragen/{id}/vraag/{n}`.
#[component]
pub fn QuestionPage() -> impl IntoView {
    wizard_page(
        |wizard, back| {
            let n = use_params_map()
                .read_untracked()
                .get("n")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            match wizard.detail.form.fields.get(n.wrapping_sub(1)).cloned() {
                Some(field) => {
                    view! { <Question wizard=wizard field=field n=n back_to_check=back /> }
                        .into_any()
                }
                None => view! { <NotFound /> }.into_any(),
            }
        },
        false,
    )
}

/// Saves the draft and goes to `step`; shows a save error otherwise.
fn save_and_go(
    draft_id: String,
    answers: Answers,
    contact: Contact,
    step: String,
    save_failed: RwSignal<bool>,
    navigate: impl Fn(&str, NavigateOptions) + 'static,
) {
    leptos::task::spawn_local(async move {
        match api::save_draft(&draft_id, answers, contact, step.clone()).await {
            Ok(draft) => {
                WIZARD.with(|w| {
                    if let Some(w) = w.borrow_mut().as_mut().filter(|w| w.draft.id == draft.id) {
                        w.draft = draft;
                    }
                });
                navigate(&step_url(&draft_id, &step), NavigateOptions::default());
            }
            Err(e) if e.is_not_authenticated() => {}
            Err(_) => save_failed.set(true),
        }
    });
}

/// Element id of a field's input (its first input for dates and choices).
fn field_id(name: &str) -> String {
    format!("veld-{name}")
}

/// Splits a saved date answer "YYYY-M-D" into (day, month, year).
fn split_date(answer: &str) -> (String, String, String) {
    let mut parts = answer.splitn(3, '-');
    let year = parts.next().unwrap_or_default().to_owned();
    let month = parts.next().unwrap_or_default().to_owned();
    let day = parts.next().unwrap_or_default().to_owned();
    (day, month, year)
}

/// Joins the three date inputs into the answer ("" when all are empty).
fn join_date(day: &str, month: &str, year: &str) -> String {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        String::new()
    } else {
        format!("{y}-{m}-{d}")
    }
}

/// One question page.
#[component]
fn Question(wizard: Wizard, field: Field, n: usize, back_to_check: bool) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let total = wizard.detail.form.fields.len();
    let draft_id = wizard.draft.id.clone();
    let saved = wizard
        .draft
        .answers
        .get(&field.name)
        .cloned()
        .unwrap_or_default();
    let value = RwSignal::new(saved.clone());
    let (d, m, y) = split_date(&saved);
    let (day, month, year) = (RwSignal::new(d), RwSignal::new(m), RwSignal::new(y));
    let error = RwSignal::new(None::<FieldErrorCode>);
    let errors_shown = RwSignal::new(Vec::<SummaryItem>::new());
    let save_failed = RwSignal::new(false);
    let id = field_id(&field.name);
    let is_date = field.kind == FieldKind::Date;

    let next_step = if back_to_check {
        "controleren".to_owned()
    } else if n < total {
        question_step(n + 1)
    } else if wizard.has_documents() {
        DOCUMENTS_STEP.to_owned()
    } else {
        "contact".to_owned()
    };
    let back_href = if back_to_check {
        step_url(&draft_id, "controleren")
    } else if n > 1 {
        step_url(&draft_id, &question_step(n - 1))
    } else {
        format!(
            "/producten/{}",
            api::encode_component(&wizard.draft.product_id)
        )
    };

    let on_submit = {
        let form = wizard.detail.form.clone();
        let field = field.clone();
        let draft = wizard.draft.clone();
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let answer = if is_date {
                join_date(
                    &day.get_untracked(),
                    &month.get_untracked(),
                    &year.get_untracked(),
                )
            } else {
                value.get_untracked()
            };
            let mut answers = draft.answers.clone();
            // Keep the latest answers of other pages from the cache (saved by earlier steps).
            if let Some(w) = WIZARD.with(|w| w.borrow().clone().filter(|w| w.draft.id == draft.id))
            {
                answers = w.draft.answers;
            }
            if answer.trim().is_empty() {
                answers.remove(&field.name);
            } else {
                answers.insert(field.name.clone(), answer);
            }
            let problems = form.validate_fields(&answers, &[field.name.as_str()]);
            if let Some(problem) = problems.first() {
                error.set(Some(problem.code));
                errors_shown.set(vec![SummaryItem {
                    href: format!("#{id}"),
                    text: field_error_text(i18n.t(), problem.code).to_owned(),
                }]);
                return;
            }
            error.set(None);
            errors_shown.set(Vec::new());
            save_failed.set(false);
            let contact = WIZARD
                .with(|w| w.borrow().as_ref().map(|w| w.draft.contact.clone()))
                .unwrap_or_else(|| draft.contact.clone());
            save_and_go(
                draft.id.clone(),
                answers,
                contact,
                next_step.clone(),
                save_failed,
                navigate.clone(),
            );
        }
    };

    let title = fill_in(
        &format!("{} – {}", i18n.t().step_of, wizard.detail.product.title),
        &[("n", &n.to_string()), ("total", &total.to_string())],
    );
    let caption = {
        let product = wizard.detail.product.title.clone();
        move || {
            fill_in(
                &format!("{} – {product}", i18n.t().step_of),
                &[("n", &n.to_string()), ("total", &total.to_string())],
            )
        }
    };
    let label = Signal::stored(field.label.clone());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let hint = (!field.hint.trim().is_empty()).then(|| field.hint.clone());
    let has_hint = hint.is_some() || is_date;
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let count_id = format!("{id}-count");
        let is_long = matches!(field.kind, FieldKind::LongText { .. });
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if is_long {
                ids.push(count_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let hint_view = {
        let hint_id = hint_id.clone();
        move || {
            has_hint.then(|| {
                let hint = hint.clone();
                view! {
                    <p id=hint_id.clone() class="loket-hint">
                        {hint}
                        {is_date.then(|| view! { " " {tr(|t| t.date_hint)} })}
                    </p>
                }
            })
        }
    };
    let error_view = {
        let error_id = error_id.clone();
        move || {
            error.get().map(|code| {
                view! { <FieldErrorMessage id=error_id.clone() text=Signal::derive(move || field_error_text(i18n.t(), code).to_owned()) /> }
            })
        }
    };

    let input = match field.kind.clone() {
        FieldKind::Text { .. } | FieldKind::Number { .. } => {
            let numeric = matches!(field.kind, FieldKind::Number { .. });
            view! {
                <div class="utrecht-form-field loket-field" class:loket-field--invalid=move || error.get().is_some()>
                    {hint_view.clone()}
                    {error_view.clone()}
                    <input
                        class="loket-input"
                        class:loket-input--width-5=numeric
                        id=id.clone()
                        name=field.name.clone()
                        type="text"
                        inputmode=numeric.then_some("decimal")
                        spellcheck=(!numeric).then_some("true")
                        aria-describedby=described_by.clone()
                        aria-invalid=invalid
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </div>
            }
            .into_any()
        }
        FieldKind::LongText { max_length } => {
            let count_id = format!("{id}-count");
            let remaining = move || max_length as i64 - value.with(|v| v.chars().count()) as i64;
            view! {
                <div class="utrecht-form-field loket-field" class:loket-field--invalid=move || error.get().is_some()>
                    {hint_view.clone()}
                    {error_view.clone()}
                    <textarea
                        class="loket-textarea"
                        id=id.clone()
                        name=field.name.clone()
                        rows="6"
                        aria-describedby=described_by.clone()
                        aria-invalid=invalid
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    ></textarea>
                    <p id=count_id class="loket-hint loket-char-count" class:loket-char-count--over=move || remaining() < 0 aria-live="polite">
                        {move || {
                            let left = remaining();
                            let t = i18n.t();
                            if left >= 0 {
                                fill_in(t.chars_left, &[("n", &left.to_string())])
                            } else {
                                fill_in(t.chars_over, &[("n", &(-left).to_string())])
                            }
                        }}
                    </p>
                </div>
            }
            .into_any()
        }
        FieldKind::Date => {
            let id = id.clone();
            let part = move |suffix: &'static str,
                             label: fn(&crate::i18n::Texts) -> &'static str,
                             signal: RwSignal<String>,
                             width: &'static str| {
                let part_id = if suffix.is_empty() {
                    id.clone()
                } else {
                    format!("{id}-{suffix}")
                };
                view! {
                    <div class="loket-date-input__item">
                        <label class="utrecht-form-label loket-label" for=part_id.clone()>{move || label(i18n.t())}</label>
                        <input
                            class=format!("loket-input {width}")
                            id=part_id
                            type="text"
                            inputmode="numeric"
                            aria-invalid=invalid
                            prop:value=move || signal.get()
                            on:input=move |ev| signal.set(event_target_value(&ev))
                        />
                    </div>
                }
            };
            view! {
                <div class="loket-field" class:loket-field--invalid=move || error.get().is_some()>
                    {hint_view.clone()}
                    {error_view.clone()}
                    <div class="loket-date-input">
                        {part("", |t| t.date_day, day, "loket-input--width-2")}
                        {part("maand", |t| t.date_month, month, "loket-input--width-2")}
                        {part("jaar", |t| t.date_year, year, "loket-input--width-4")}
                    </div>
                </div>
            }
            .into_any()
        }
        FieldKind::Choice { options } => {
            let radios = options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let option_id = if i == 0 {
                        id.clone()
                    } else {
                        format!("{id}-{i}")
                    };
                    let checked = option.clone();
                    let chosen = option.clone();
                    view! {
                        <div class="loket-radios__item">
                            <input
                                class="loket-radios__input"
                                type="radio"
                                id=option_id.clone()
                                name=field.name.clone()
                                value=option.clone()
                                prop:checked=move || value.get() == checked
                                on:change=move |_| value.set(chosen.clone())
                            />
                            <label class="loket-radios__label" for=option_id>{option}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="loket-field" class:loket-field--invalid=move || error.get().is_some()>
                    {hint_view.clone()}
                    {error_view.clone()}
                    <div class="loket-radios">{radios}</div>
                </div>
            }
            .into_any()
        }
    };

    let grouped = matches!(field.kind, FieldKind::Date | FieldKind::Choice { .. });
    let heading_title = Signal::stored(title);
    let body = if grouped {
        view! {
            <fieldset class="loket-fieldset" aria-describedby=described_by.clone()>
                <legend class="loket-fieldset__legend loket-fieldset__legend--page">
                    <PageHeading text=label title=heading_title />
                </legend>
                {input}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <PageHeading text=label title=heading_title label_for=id.clone() />
            {input}
        }
        .into_any()
    };

    view! {
        <A href=back_href attr:class="nl-link loket-back-link">{tr(|t| t.back)}</A>
        <p class="loket-caption">{caption}</p>
        <ErrorSummary items=errors_shown />
        {move || save_failed.get().then(|| view! {
            <div class="loket-alert loket-alert--error" role="alert">
                <p class="nl-paragraph">{tr(|t| t.err_save_failed)}</p>
            </div>
        })}
        <form class="loket-form" novalidate on:submit=on_submit>
            {body}
            <button type="submit" class="nl-button nl-button--primary">{tr(|t| t.next)}</button>
        </form>
    }
}

/// `/aanvragen/{id}/documenten`: a file upload per document type the product takes.
/// Documents are optional; "Volgende" waits until nothing is being sent any more.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    wizard_page(
        |wizard, back| view! { <Documents wizard=wizard back_to_check=back /> }.into_any(),
        true,
    )
}

/// Element id of a document type's file input.
fn upload_input_id(document_type_id: &str) -> String {
    format!("document-{document_type_id}")
}

#[component]
fn Documents(wizard: Wizard, back_to_check: bool) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let draft_id = wizard.draft.id.clone();
    let total = wizard.detail.form.fields.len();
    let back_href = if back_to_check {
        step_url(&draft_id, "controleren")
    } else if total == 0 {
        format!(
            "/producten/{}",
            api::encode_component(&wizard.draft.product_id)
        )
    } else {
        step_url(&draft_id, &question_step(total))
    };
    let next_step = if back_to_check {
        "controleren"
    } else {
        "contact"
    };
    let save_failed = RwSignal::new(false);
    // Set by "Volgende" while files are still being sent: the summary and fields say so.
    let waiting = RwSignal::new(false);
    let mut lists = Vec::new();
    let fields = wizard
        .detail
        .product
        .documents
        .iter()
        .map(|doc| {
            let list = UploadList::new();
            let input_id = upload_input_id(&doc.id);
            lists.push((input_id.clone(), list));
            let existing = wizard
                .uploads
                .iter()
                .filter(|u| u.document_type_id == doc.id)
                .cloned()
                .collect::<Vec<_>>();
            view! {
                <FileUpload
                    id=input_id
                    label=doc.title.clone()
                    document_type_id=doc.id.clone()
                    rule=doc.rule.clone()
                    target=UploadTarget::Draft(draft_id.clone())
                    existing=existing
                    list=list
                    waiting=waiting
                />
            }
        })
        .collect_view();
    let lists = StoredValue::new(lists);
    let summary = Signal::derive(move || {
        if !waiting.get() {
            return Vec::new();
        }
        lists.with_value(|lists| {
            lists
                .iter()
                .find(|(_, list)| list.busy())
                .map(|(id, _)| SummaryItem {
                    href: format!("#{id}"),
                    text: i18n.t().err_upload_incomplete.to_owned(),
                })
                .into_iter()
                .collect::<Vec<_>>()
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if lists.with_value(|l| l.iter().any(|(_, list)| list.busy())) {
            // Set anew so the summary takes focus again.
            waiting.set(false);
            waiting.set(true);
            return;
        }
        waiting.set(false);
        save_failed.set(false);
        let uploads = lists.with_value(|l| l.iter().flat_map(|(_, list)| list.uploads()).collect());
        let Some(w) = WIZARD.with(|w| {
            let mut w = w.borrow_mut();
            let w = w.as_mut().filter(|w| w.draft.id == draft_id)?;
            w.uploads = uploads;
            Some(w.draft.clone())
        }) else {
            save_failed.set(true);
            return;
        };
        save_and_go(
            draft_id.clone(),
            w.answers,
            w.contact,
            next_step.to_owned(),
            save_failed,
            navigate.clone(),
        );
    };

    view! {
        <A href=back_href attr:class="nl-link loket-back-link">{tr(|t| t.back)}</A>
        <p class="loket-caption">{wizard.detail.product.title.clone()}</p>
        <PageHeading
            text=tr_signal(|t| t.documents_heading)
            title=tr_signal(|t| t.documents_title)
        />
        <ErrorSummary items=summary />
        {move || save_failed.get().then(|| view! {
            <div class="loket-alert loket-alert--error" role="alert">
                <p class="nl-paragraph">{tr(|t| t.err_save_failed)}</p>
            </div>
        })}
        <p class="nl-paragraph">{tr(|t| t.documents_intro)}</p>
        <form class="loket-form" novalidate on:submit=on_submit>
            {fields}
            <button type="submit" class="nl-button nl-button--primary">{tr(|t| t.next)}</button>
        </form>
    }
}

/// `/aanvragen/{id}/contact`.
#[component]
pub fn ContactPage() -> impl IntoView {
    wizard_page(
        |wizard, _| view! { <ContactForm wizard=wizard /> }.into_any(),
        false,
    )
}

#[component]
fn ContactForm(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let draft = wizard.draft.clone();
    let email = RwSignal::new(draft.contact.email.clone());
    let phone = RwSignal::new(draft.contact.phone.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save_failed = RwSignal::new(false);
    let total = wizard.detail.form.fields.len();
    let back_href = if wizard.has_documents() {
        step_url(&draft.id, DOCUMENTS_STEP)
    } else if total == 0 {
        format!("/producten/{}", api::encode_component(&draft.product_id))
    } else {
        step_url(&draft.id, &question_step(total))
    };
    let summary = Signal::derive(move || {
        errors
            .get()
            .into_iter()
            .map(|e| SummaryItem {
                href: format!("#{}", field_id(&e.field)),
                text: field_error_text(i18n.t(), e.code).to_owned(),
            })
            .collect::<Vec<_>>()
    });
    let error_of = move |name: &'static str| {
        move || errors.with(|e| e.iter().find(|e| e.field == name).map(|e| e.code))
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let contact = Contact {
            email: email.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
        };
        let problems = contact.validate();
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        save_failed.set(false);
        let answers = WIZARD
            .with(|w| {
                w.borrow()
                    .as_ref()
                    .filter(|w| w.draft.id == draft.id)
                    .map(|w| w.draft.answers.clone())
            })
            .unwrap_or_else(|| draft.answers.clone());
        WIZARD.with(|w| {
            if let Some(w) = w.borrow_mut().as_mut().filter(|w| w.draft.id == draft.id) {
                w.draft.contact = contact.clone();
            }
        });
        save_and_go(
            draft.id.clone(),
            answers,
            contact,
            "controleren".to_owned(),
            save_failed,
            navigate.clone(),
        );
    };

    let text_field = move |name: &'static str,
                           label: fn(&crate::i18n::Texts) -> &'static str,
                           hint: Option<fn(&crate::i18n::Texts) -> &'static str>,
                           optional: bool,
                           kind: &'static str,
                           autocomplete: &'static str,
                           signal: RwSignal<String>| {
        let id = field_id(name);
        let error = error_of(name);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = {
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || {
                let mut ids = Vec::new();
                if hint.is_some() {
                    ids.push(hint_id.clone());
                }
                if error().is_some() {
                    ids.push(error_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        view! {
            <div class="utrecht-form-field loket-field" class:loket-field--invalid=move || error().is_some()>
                <label class="utrecht-form-label loket-label" for=id.clone()>
                    {move || label(i18n.t())}
                    {optional.then(|| view! { " " <span class="loket-label__optional">{tr(|t| t.optional)}</span> })}
                </label>
                {hint.map(|h| view! { <p id=hint_id.clone() class="loket-hint">{move || h(i18n.t())}</p> })}
                {move || error().map(|code| view! {
                    <FieldErrorMessage id=error_id.clone() text=Signal::derive(move || field_error_text(i18n.t(), code).to_owned()) />
                })}
                <input
                    class="loket-input"
                    id=id.clone()
                    name=name
                    type=kind
                    autocomplete=autocomplete
                    spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || signal.get()
                    on:input=move |ev| signal.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <A href=back_href attr:class="nl-link loket-back-link">{tr(|t| t.back)}</A>
        <p class="loket-caption">{wizard.detail.product.title.clone()}</p>
        <PageHeading
            text=tr_signal(|t| t.contact_heading)
            title=tr_signal(|t| t.contact_title)
        />
        <ErrorSummary items=summary />
        {move || save_failed.get().then(|| view! {
            <div class="loket-alert loket-alert--error" role="alert">
                <p class="nl-paragraph">{tr(|t| t.err_save_failed)}</p>
            </div>
        })}
        <p class="nl-paragraph">{tr(|t| t.contact_intro)}</p>
        <form class="loket-form" novalidate on:submit=on_submit>
            {text_field("email", |t| t.email_label, None, false, "email", "email", email)}
            {text_field("phone", |t| t.phone_label, Some(|t| t.phone_hint), true, "tel", "tel", phone)}
            <button type="submit" class="nl-button nl-button--primary">{tr(|t| t.next)}</button>
        </form>
    }
}

/// One row of the check-answers list: key, value and a "Wijzigen" link naming the key.
/// Every row (answers, documents, contact) is this one view type: Leptos generates the view
/// code per type, so sharing it keeps the wasm small.
fn summary_row(label: Text, value: Text, href: String) -> impl IntoView {
    let key = label.clone();
    view! {
        <div class="loket-summary-list__row">
            <dt class="loket-summary-list__key">{move || key()}</dt>
            <dd class="loket-summary-list__value">{move || value()}</dd>
            <dd class="loket-summary-list__actions">
                <A href=href attr:class="nl-link">
                    {tr(|t| t.check_change)}
                    <span class="loket-visually-hidden">" " {move || label()}</span>
                </A>
            </dd>
        </div>
    }
}

/// A text computed when shown (reactive to the language), boxed so every use is one type.
type Text = Arc<dyn Fn() -> String + Send + Sync>;

/// `/aanvragen/{id}/controleren`.
#[component]
pub fn CheckPage() -> impl IntoView {
    wizard_page(
        |wizard, _| view! { <CheckAnswers wizard=wizard /> }.into_any(),
        true,
    )
}

/// How an answer reads on the check page.
fn display_answer(t: &crate::i18n::Texts, field: &Field, answer: Option<&String>) -> String {
    match answer.map(|a| a.trim()).filter(|a| !a.is_empty()) {
        None => t.check_not_answered.to_owned(),
        Some(a) if field.kind == FieldKind::Date => format_date(t, &split_date(a).pipe_date()),
        Some(a) => a.to_owned(),
    }
}

/// A saved date "2026-3-7" normalised to "2026-03-07" for [`format_date`].
trait PipeDate {
    fn pipe_date(&self) -> String;
}

impl PipeDate for (String, String, String) {
    fn pipe_date(&self) -> String {
        let (d, m, y) = self;
        match (d.trim().parse::<u32>(), m.trim().parse::<u32>()) {
            (Ok(d), Ok(m)) => format!("{}-{m:02}-{d:02}", y.trim()),
            _ => format!("{y}-{m}-{d}"),
        }
    }
}

/// What the submit attempt ran into.
#[derive(Clone, Copy, PartialEq)]
enum SubmitProblem {
    Unavailable,
    InProgress,
    ProductUnavailable,
    Failed,
}

#[component]
fn CheckAnswers(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let draft = wizard.draft.clone();
    let form = wizard.detail.form.clone();
    let draft_id = draft.id.clone();
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<SubmitProblem>);

    let change_href = {
        let draft_id = draft_id.clone();
        move |step: &str| format!("{}?terug=controleren", step_url(&draft_id, step))
    };
    let fix_href = {
        let form = form.clone();
        let change_href = change_href.clone();
        move |name: &str| match form.fields.iter().position(|f| f.name == name) {
            Some(i) => change_href(&question_step(i + 1)),
            None if name == "documents" => change_href(DOCUMENTS_STEP),
            None => change_href("contact"),
        }
    };
    let summary = {
        let form = form.clone();
        let fix_href = fix_href.clone();
        Signal::derive(move || {
            let t = i18n.t();
            field_errors
                .get()
                .into_iter()
                .map(|e| {
                    let label = match e.field.as_str() {
                        "email" => t.email_label.to_owned(),
                        "phone" => t.phone_label.to_owned(),
                        "documents" => t.documents_label.to_owned(),
                        name => form
                            .field(name)
                            .map(|f| f.label.clone())
                            .unwrap_or_else(|| name.to_owned()),
                    };
                    SummaryItem {
                        href: fix_href(&e.field),
                        text: format!("{label}: {}", field_error_text(t, e.code)),
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    let submit = Action::new_local({
        let navigate = navigate.clone();
        move |id: &String| {
            let id = id.clone();
            let navigate = navigate.clone();
            let key = SUBMIT_KEYS.with(|k| {
                k.borrow_mut()
                    .entry(id.clone())
                    .or_insert_with(api::new_idempotency_key)
                    .clone()
            });
            async move {
                match api::submit_draft(&id, &key).await {
                    Ok(submission) => {
                        SUBMIT_KEYS.with(|k| k.borrow_mut().remove(&id));
                        forget_wizard();
                        let url = format!(
                            "/zaken/{}/bevestiging",
                            api::encode_component(&submission.case_id)
                        );
                        LAST_SUBMISSION.with(|s| *s.borrow_mut() = Some(submission));
                        navigate(&url, NavigateOptions::default());
                    }
                    Err(e) if e.is_not_authenticated() => {}
                    Err(e) => match e.code() {
                        Some(ErrorCode::Invalid) => {
                            // A definitive answer: the next attempt is a new submission.
                            SUBMIT_KEYS.with(|k| k.borrow_mut().remove(&id));
                            field_errors.set(e.field_errors());
                        }
                        Some(ErrorCode::CaseApiUnavailable) => {
                            problem.set(Some(SubmitProblem::Unavailable))
                        }
                        Some(ErrorCode::InProgress) => problem.set(Some(SubmitProblem::InProgress)),
                        Some(ErrorCode::ProductUnavailable) => {
                            problem.set(Some(SubmitProblem::ProductUnavailable))
                        }
                        _ => problem.set(Some(SubmitProblem::Failed)),
                    },
                }
            }
        }
    });
    let pending = submit.pending();

    let send = {
        let form = form.clone();
        let draft = draft.clone();
        move || {
            if pending.get_untracked() {
                return;
            }
            problem.set(None);
            let problems = form.validate(&draft.answers, &draft.contact);
            if !problems.is_empty() {
                field_errors.set(problems);
                return;
            }
            field_errors.set(Vec::new());
            submit.dispatch(draft.id.clone());
        }
    };
    let on_submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            send();
        }
    };

    let rows = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let field = field.clone();
            let answer = draft.answers.get(&field.name).cloned();
            let label = field.label.clone();
            summary_row(
                Arc::new(move || label.clone()),
                Arc::new(move || display_answer(i18n.t(), &field, answer.as_ref())),
                change_href(&question_step(i + 1)),
            )
        })
        .collect_view();
    let contact_href = change_href("contact");
    let contact_row = move |label: fn(&crate::i18n::Texts) -> &'static str, value: String| {
        summary_row(
            Arc::new(move || label(i18n.t()).to_owned()),
            Arc::new(move || {
                if value.is_empty() {
                    i18n.t().check_not_answered.to_owned()
                } else {
                    value.clone()
                }
            }),
            contact_href.clone(),
        )
    };
    let back_href = step_url(&draft_id, "contact");
    let documents_href = change_href(DOCUMENTS_STEP);
    let document_rows = wizard
        .detail
        .product
        .documents
        .iter()
        .map(|doc| {
            let files = wizard
                .uploads
                .iter()
                .filter(|u| u.document_type_id == doc.id)
                .map(|u| {
                    let unfinished = u.state == UploadState::Receiving;
                    (
                        format!("{} ({})", u.file_name, display_size(u.size_bytes)),
                        unfinished,
                    )
                })
                .collect::<Vec<_>>();
            let title = doc.title.clone();
            let value: Text = Arc::new(move || {
                let t = i18n.t();
                if files.is_empty() {
                    return t.check_documents_none.to_owned();
                }
                files
                    .iter()
                    .map(|(file, unfinished)| {
                        if *unfinished {
                            format!("{file}: {}", t.upload_not_sent)
                        } else {
                            file.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            summary_row(
                Arc::new(move || title.clone()),
                value,
                documents_href.clone(),
            )
        })
        .collect_view();
    let has_documents = wizard.has_documents();

    view! {
        <A href=back_href attr:class="nl-link loket-back-link">{tr(|t| t.back)}</A>
        <p class="loket-caption">{wizard.detail.product.title.clone()}</p>
        <PageHeading
            text=tr_signal(|t| t.check_heading)
            title=tr_signal(|t| t.check_title)
        />
        <ErrorSummary items=summary />
        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.check_answers_heading)}</h2>
        <dl class="loket-summary-list">{rows}</dl>
        {has_documents.then(|| view! {
            <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.documents_label)}</h2>
            <dl class="loket-summary-list">{document_rows}</dl>
        })}
        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.check_contact_heading)}</h2>
        <dl class="loket-summary-list">
            {contact_row(|t| t.email_label, draft.contact.email.clone())}
            {contact_row(|t| t.phone_label, draft.contact.phone.clone())}
        </dl>
        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.check_send_heading)}</h2>
        <p class="nl-paragraph">{tr(|t| t.check_declaration)}</p>
        {move || problem.get().map(|p| {
            let send = send.clone();
            let retry = p != SubmitProblem::ProductUnavailable;
            view! {
                <div class="loket-alert loket-alert--error" role="alert">
                    <p class="nl-paragraph">
                        {move || {
                            let t = i18n.t();
                            match p {
                                SubmitProblem::Unavailable => t.submit_unavailable,
                                SubmitProblem::InProgress => t.submit_in_progress,
                                SubmitProblem::ProductUnavailable => t.product_unavailable,
                                SubmitProblem::Failed => t.submit_failed,
                            }
                        }}
                    </p>
                    {retry.then(|| view! {
                        <button type="button" class="nl-button nl-button--secondary" on:click=move |_| send()>
                            {tr(|t| t.retry)}
                        </button>
                    })}
                </div>
            }
        })}
        <form class="loket-form" novalidate on:submit=on_submit>
            <button
                type="submit"
                class="nl-button nl-button--primary"
                aria-disabled=move || pending.get().then_some("true")
            >
                {move || if pending.get() { i18n.t().check_submitting } else { i18n.t().check_submit }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_the_three_inputs() {
        assert_eq!(join_date(" 7", "3 ", "2026"), "2026-3-7");
        assert_eq!(join_date("", "", ""), "");
        assert_eq!(
            split_date("2026-3-7"),
            ("7".into(), "3".into(), "2026".into())
        );
        assert_eq!(split_date("2026-3-7").pipe_date(), "2026-03-07");
    }
}
