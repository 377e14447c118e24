//! "Mijn zaken" (`/mijn-zaken`), a case's detail (`/zaken/{id}`) and the confirmation after
//! a submission (`/zaken/{id}/bevestiging`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use loket_api::upload::{display_size, Upload, UploadState};
use loket_api::{CaseDetail, CaseDocument, CaseSummary, CaseTask, DocumentType, StepState};

use crate::api;
use crate::components::{fetch, CaseDocumentUploads, Load, Loaded, PageHeading};
use crate::i18n::{fill_in, format_date, tr, tr_signal, use_i18n, Texts};
use crate::pages::apply::last_submission;
use crate::session::RequireLogin;

/// `/mijn-zaken`: open cases first, then closed ones, each newest first.
#[component]
pub fn CasesPage() -> impl IntoView {
    view! {
        <PageHeading
            text=tr_signal(|t| t.cases_title)
            title=tr_signal(|t| t.cases_title)
        />
        <p id=UPDATE_STATUS_ID class="loket-visually-hidden" role="status"></p>
        <RequireLogin>
            <CaseList />
        </RequireLogin>
    }
}

#[component]
fn CaseList() -> impl IntoView {
    let render = Arc::new(|loaded: Loaded| {
        let Loaded::Cases(all) = loaded else {
            return ().into_any();
        };
        {
            {
                {
                    if all.is_empty() {
                        return view! {
                                <p class="nl-paragraph">{tr(|t| t.cases_empty)}</p>
                                <p class="nl-paragraph">
                                    <A href="/producten" attr:class="nl-link">{tr(|t| t.cases_empty_link)}</A>
                                </p>
                            }
                            .into_any();
                    }
                    let (closed, open): (Vec<_>, Vec<_>) =
                        all.into_iter().partition(|c| c.closed_on.is_some());
                    let open_view = if open.is_empty() {
                        view! { <p class="nl-paragraph">{tr(|t| t.cases_none_open)}</p> }.into_any()
                    } else {
                        view! { <ul class="loket-card-list">{open.into_iter().map(case_card).collect_view()}</ul> }.into_any()
                    };
                    let closed_view = (!closed.is_empty()).then(|| view! {
                            <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.cases_closed_heading)}</h2>
                            <ul class="loket-card-list">{closed.into_iter().map(case_card).collect_view()}</ul>
                        });
                    view! {
                            <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.cases_open_heading)}</h2>
                            {open_view}
                            {closed_view}
                        }
                        .into_any()
                }
            }
        }
    });
    let refresh = live_updates(None);
    view! { <Load fetch=fetch(api::cases, Loaded::Cases) render=render refresh=refresh /> }
}

/// The facts of a case as a summary list (used in the list and on the detail page).
fn case_facts(case: &CaseSummary) -> impl IntoView {
    let i18n = use_i18n();
    let row = |label: fn(&Texts) -> &'static str,
               value: Box<dyn Fn(&'static Texts) -> String + Send + Sync>| {
        view! {
            <div class="loket-summary-list__row">
                <dt class="loket-summary-list__key">{move || label(i18n.t())}</dt>
                <dd class="loket-summary-list__value">{move || value(i18n.t())}</dd>
            </div>
        }
    };
    let c = case.clone();
    let status = c.status.clone();
    let started = c.started_on.clone();
    let end = c.closed_on.clone().or(c.expected_end.clone());
    let closed = c.closed_on.is_some();
    view! {
        <dl class="loket-summary-list loket-summary-list--compact">
            {row(|t| t.cases_number, Box::new(move |_| c.identificatie.clone()))}
            {row(|t| t.cases_status, Box::new(move |t| if status.is_empty() { t.cases_status_none.to_owned() } else { status.clone() }))}
            {row(|t| t.cases_started, Box::new(move |t| format_date(t, &started)))}
            {end.map(|end| row(
                if closed { |t: &Texts| t.cases_closed_on } else { |t: &Texts| t.cases_expected },
                Box::new(move |t| format_date(t, &end)),
            ))}
        </dl>
    }
}

fn case_card(case: CaseSummary) -> impl IntoView {
    let facts = case_facts(&case);
    view! {
        <li class="loket-card">
            <h3 class="nl-heading nl-heading--level-3 loket-card__title">
                <A href=format!("/zaken/{}", api::encode_component(&case.id)) attr:class="nl-link">
                    {case.product_title.clone()}
                </A>
            </h3>
            {facts}
        </li>
    }
}

/// Live updates while the page is shown: an `EventSource` on `/api/events` (closed when the
/// page goes); a `case-updated` event for `case_id` (any case when `None`) bumps the returned
/// counter, which makes the page's [`Load`] fetch again, and a polite status says so.
fn live_updates(case_id: Option<String>) -> RwSignal<u32> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let refresh = RwSignal::new(0u32);
    let Ok(source) = web_sys::EventSource::new(api::EVENTS_URL) else {
        return refresh;
    };
    let on_event =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let updated = ev
                .data()
                .as_string()
                .and_then(|data| js_sys::JSON::parse(&data).ok())
                .and_then(|json| js_sys::Reflect::get(&json, &"case_id".into()).ok())
                .and_then(|id| id.as_string());
            let shown = match (&case_id, updated) {
                (None, _) => true,
                (Some(want), Some(got)) => *want == got,
                (Some(_), None) => false,
            };
            if shown {
                refresh.update(|n| *n += 1);
                announce_update();
            }
        });
    let _ =
        source.add_event_listener_with_callback("case-updated", on_event.as_ref().unchecked_ref());
    let held = StoredValue::new_local(Some((source, on_event)));
    on_cleanup(move || {
        if let Some(Some((source, _on_event))) = held.try_update_value(|h| h.take()) {
            source.close();
        }
    });
    refresh
}

/// Says politely that the case changed, in the page's live region.
fn announce_update() {
    if let Some(el) = document().get_element_by_id(UPDATE_STATUS_ID) {
        let t = use_i18n_untracked();
        el.set_text_content(Some(t.case_updated));
    }
}

/// Id of the polite live region that announces live updates.
const UPDATE_STATUS_ID: &str = "loket-case-update-status";

fn use_i18n_untracked() -> &'static Texts {
    use_context::<crate::i18n::I18n>()
        .map(|i| i.t())
        .unwrap_or(&crate::i18n::NL)
}

/// What the "Document toevoegen" section needs from a case.
#[derive(Clone, Debug, PartialEq)]
struct AddDocuments {
    case_id: String,
    closed: bool,
    document_types: Vec<DocumentType>,
}

/// Loads one case for a page below `/zaken/{id}` and renders it with `page`; with
/// `add_documents`, the "Document toevoegen" section follows. That section sits outside the
/// reloading part, so a refetch (after an upload, on a live update) never interrupts a file
/// being sent.
fn case_page(page: fn(CaseDetail) -> AnyView, add_documents: bool) -> impl IntoView {
    view! {
        <p id=UPDATE_STATUS_ID class="loket-visually-hidden" role="status"></p>
        <RequireLogin>
            {move || {
                let id = use_params_map().read().get("id").unwrap_or_default();
                let id_for_events = id.clone();
                let load = fetch(
                    move || {
                        let id = id.clone();
                        async move { api::case(&id).await }
                    },
                    Loaded::Case,
                );
                let shown = RwSignal::new(None::<AddDocuments>);
                let render = Arc::new(move |loaded: Loaded| match loaded {
                    Loaded::Case(case) => {
                        let add = AddDocuments {
                            case_id: case.summary.id.clone(),
                            closed: case.summary.closed_on.is_some(),
                            document_types: case.document_types.clone(),
                        };
                        // Only a change draws the section again (a refetch after an upload
                        // must not take away the rows being sent).
                        if add_documents && shown.with_untracked(|s| s.as_ref() != Some(&add)) {
                            shown.set(Some(add));
                        }
                        page(case)
                    }
                    _ => ().into_any(),
                });
                let refresh = live_updates(Some(id_for_events.clone()));
                view! {
                    <Load fetch=load render=render refresh=refresh />
                    {move || shown.get().map(|s| add_documents_section(s, refresh))}
                }
            }}
        </RequireLogin>
    }
}

/// "Document toevoegen": a file upload per document type the case takes; a closed case
/// takes none and says so. A stored upload makes the page fetch the case again, so the
/// document shows in the list (and a request for it as done).
fn add_documents_section(add: AddDocuments, refresh: RwSignal<u32>) -> impl IntoView {
    let shown = add.closed || !add.document_types.is_empty();
    let body = if add.closed {
        view! { <p class="nl-paragraph">{tr(|t| t.case_closed_no_documents)}</p> }.into_any()
    } else if add.document_types.is_empty() {
        ().into_any()
    } else {
        view! {
            <p class="nl-paragraph">{tr(|t| t.case_add_intro)}</p>
            <CaseDocumentUploads
                id_prefix="document"
                case_id=add.case_id.clone()
                document_types=add.document_types
                done=refresh
            />
        }
        .into_any()
    };
    shown.then(|| {
        view! {
            <section class="loket-add-document" aria-labelledby="loket-add-document-title">
                <h2 id="loket-add-document-title" class="nl-heading nl-heading--level-2">{tr(|t| t.case_add_heading)}</h2>
                {body}
            </section>
        }
    })
}

fn receipt_link(case_id: &str) -> impl IntoView {
    view! {
        <a class="nl-link" href=api::receipt_url(case_id) download="">{tr(|t| t.receipt_link)}</a>
    }
}

/// `/zaken/{id}/bevestiging`: the case number and what happens next. Works on reload too:
/// it reads the case, and uses the submission (e-mail, handling days) when just made.
#[component]
pub fn ConfirmationPage() -> impl IntoView {
    case_page(|case| confirmation(case).into_any(), false)
}

fn confirmation(case: CaseDetail) -> impl IntoView {
    let i18n = use_i18n();
    let submission = last_submission(&case.summary.id);
    let s = case.summary.clone();
    let handling = submission.as_ref().and_then(|s| s.handling_days);
    let email = submission.map(|s| s.email);
    let expected = s.expected_end.clone();
    view! {
        <div class="loket-panel">
            <PageHeading
                text=tr_signal(|t| t.confirm_title)
                title=tr_signal(|t| t.confirm_title)
            />
            <p class="loket-panel__body">
                {tr(|t| t.confirm_number)}
                <br />
                <strong class="loket-panel__number">{s.identificatie.clone()}</strong>
            </p>
        </div>
        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.confirm_next_heading)}</h2>
        {handling.map(|n| view! {
            <p class="nl-paragraph">{move || fill_in(i18n.t().confirm_next_handling, &[("n", &n.to_string())])}</p>
        })}
        {expected.map(|date| view! {
            <p class="nl-paragraph">{move || fill_in(i18n.t().confirm_next_expected, &[("datum", &format_date(i18n.t(), &date))])}</p>
        })}
        {email.filter(|e| !e.is_empty()).map(|email| view! {
            <p class="nl-paragraph">{move || fill_in(i18n.t().confirm_next_email, &[("email", &email)])}</p>
        })}
        <p class="nl-paragraph">{tr(|t| t.confirm_next_track)}</p>
        <ul class="loket-link-list">
            <li>{receipt_link(&s.id)}</li>
            <li><A href=format!("/zaken/{}", api::encode_component(&s.id)) attr:class="nl-link">{tr(|t| t.confirm_case_link)}</A></li>
            <li><A href="/mijn-zaken" attr:class="nl-link">{tr(|t| t.nav_cases)}</A></li>
        </ul>
    }
}

/// A document of the case (its title downloads it), or a file the resident sent that is not
/// a document of the case yet (`href` none). One view for both keeps the wasm small.
fn document_item(
    title: String,
    href: Option<String>,
    meta: Arc<dyn Fn() -> String + Send + Sync>,
) -> impl IntoView {
    let plain = href.is_none().then(|| title.clone());
    view! {
        <li class="utrecht-unordered-list__item loket-document">
            {href.map(|href| view! { <a class="nl-link loket-document__title" href=href download="">{title}</a> })}
            {plain.map(|title| view! { <span class="loket-document__title">{title}</span> })}
            <br />
            <span class="loket-hint">{move || meta()}</span>
        </li>
    }
}

fn case_document(case_id: &str, doc: CaseDocument) -> impl IntoView {
    let i18n = use_i18n();
    let href = api::document_url(case_id, &doc.id);
    let meta = Arc::new(move || {
        let t = i18n.t();
        fill_in(
            t.case_document_meta,
            &[
                ("type", &doc.type_title),
                ("datum", &format_date(t, &doc.date)),
                ("grootte", &display_size(doc.size_bytes)),
            ],
        )
    });
    document_item(doc.title.clone(), Some(href), meta)
}

fn pending_upload(upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let title = upload.file_name.clone();
    let meta = Arc::new(move || {
        let t = i18n.t();
        let state = match upload.state {
            UploadState::Receiving => t.upload_not_sent,
            _ => t.case_document_processing,
        };
        format!(
            "{}, {}, {state}",
            upload.document_type_title,
            display_size(upload.size_bytes)
        )
    });
    document_item(title, None, meta)
}

/// An open request from the municipality: what is asked, the document type, since when.
fn task_item(task: CaseTask) -> impl IntoView {
    let i18n = use_i18n();
    let requested = task.requested_at.clone();
    let document_type = task.document_type.clone();
    view! {
        <li class="loket-card loket-task">
            <p class="nl-paragraph loket-task__text">{task.text.clone()}</p>
            {document_type.map(|d| view! {
                <p class="loket-hint">{move || fill_in(i18n.t().case_task_document_type, &[("type", &d)])}</p>
            })}
            <p class="loket-hint">{move || fill_in(i18n.t().case_task_requested, &[("datum", &format_date(i18n.t(), &requested))])}</p>
        </li>
    }
}

/// A request already done, in a short list.
fn done_task_item(task: CaseTask) -> impl IntoView {
    let i18n = use_i18n();
    let done = task.done_at.clone().unwrap_or_default();
    view! {
        <li class="utrecht-unordered-list__item">
            {task.text.clone()}
            <br />
            <span class="loket-hint">{move || fill_in(i18n.t().case_task_done, &[("datum", &format_date(i18n.t(), &done))])}</span>
        </li>
    }
}

/// `/zaken/{id}`: summary, status timeline, result, documents and the submitted answers.
#[component]
pub fn CaseDetailPage() -> impl IntoView {
    case_page(|case| case_detail(case).into_any(), true)
}

pub fn case_detail(case: CaseDetail) -> impl IntoView {
    let i18n = use_i18n();
    let s = case.summary.clone();
    let title = s.product_title.clone();
    let steps = case
            .timeline
            .into_iter()
            .map(|step| {
                let state = step.state;
                let date = step.date.clone();
                view! {
                    <li class=format!("loket-timeline__step loket-timeline__step--{}", match state {
                        StepState::Done => "done",
                        StepState::Current => "current",
                        StepState::Upcoming => "upcoming",
                    })
                        aria-current=(state == StepState::Current).then_some("step")>
                        <h3 class="nl-heading nl-heading--level-3 loket-timeline__title">{step.title.clone()}</h3>
                        <p class="loket-timeline__state">
                            {move || {
                                let t = i18n.t();
                                match state {
                                    StepState::Done => t.step_done,
                                    StepState::Current => t.step_current,
                                    StepState::Upcoming => t.step_upcoming,
                                }
                            }}
                            {date.map(|d| view! { " · " {move || format_date(i18n.t(), &d)} })}
                        </p>
                        {(!step.text.trim().is_empty()).then(|| view! { <p class="nl-paragraph loket-timeline__text">{step.text.clone()}</p> })}
                    </li>
                }
            })
            .collect_view();
    let documents = case.documents;
    let uploads = case.uploads;
    let case_id = s.id.clone();
    let answers = case.answers;
    let (done_tasks, open_tasks): (Vec<_>, Vec<_>) =
        case.tasks.into_iter().partition(|t| t.done_at.is_some());
    view! {
        <A href="/mijn-zaken" attr:class="nl-link loket-back-link">{tr(|t| t.case_back)}</A>
        <PageHeading text=Signal::stored(title.clone()) title=Signal::stored(title) />
        {(!open_tasks.is_empty()).then(|| view! {
            <section class="loket-tasks" aria-labelledby="loket-tasks-title">
                <h2 id="loket-tasks-title" class="nl-heading nl-heading--level-2">{tr(|t| t.case_tasks_heading)}</h2>
                <ul class="loket-card-list loket-tasks__list">{open_tasks.into_iter().map(task_item).collect_view()}</ul>
            </section>
        })}
        {case_facts(&s)}
        <p class="nl-paragraph">{receipt_link(&s.id)}</p>
        {(!done_tasks.is_empty()).then(|| view! {
            <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.case_tasks_done_heading)}</h2>
            <ul class="utrecht-unordered-list">{done_tasks.into_iter().map(done_task_item).collect_view()}</ul>
        })}

        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.case_timeline_heading)}</h2>
        <ol class="loket-timeline">{steps}</ol>

        {case.result.map(|result| view! {
            <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.case_result_heading)}</h2>
            <p class="nl-paragraph">{result}</p>
        })}


        {(!answers.is_empty()).then(|| view! {
            <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.case_answers_heading)}</h2>
            <dl class="loket-summary-list">
                {answers.into_iter().map(|a| view! {
                    <div class="loket-summary-list__row">
                        <dt class="loket-summary-list__key">{a.label}</dt>
                        <dd class="loket-summary-list__value">{a.value}</dd>
                    </div>
                }).collect_view()}
            </dl>
        })}

        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.case_documents_heading)}</h2>
        {if documents.is_empty() && uploads.is_empty() {
            view! { <p class="nl-paragraph">{tr(|t| t.case_documents_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="utrecht-unordered-list loket-documents">
                    {documents.into_iter().map(|d| case_document(&case_id, d)).collect_view()}
                    {uploads.into_iter().map(pending_upload).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
