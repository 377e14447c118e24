//! `/medewerker/zaken/{id}` (kcc, behandelaar): the case exactly as the resident sees it
//! (the resident's own case components), then what only staff see: adding documents received
//! on paper (the resident's upload component, sent in the staff session), contact notes (and
//! a form to add one), the handler's actions (behandelaar), the people involved, every status with
//! who set it, and the case's audit trail.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use loket_api::staff::{
    Channel, Choice, NewContactNote, NewDocumentRequest, SetResult, SetStatus, StaffCaseView,
    StaffRole,
};
use loket_api::{DocumentType, FieldErrorCode, StepState};

use super::client;
use super::form::{
    done_notice, failed_view, load, select_field, server_errors, summary, text_field, Errors,
    Input, Msg, Remote,
};
use super::parts::{card_list, Card, Cell};
use super::texts::{st, st_signal, staff_texts, StaffTextFn};
use super::{use_staff, RequireStaff, StaffNav, DESK};
use crate::components::{CaseDocumentUploads, ErrorSummary, Loading};
use crate::i18n::use_i18n;
use crate::pages::cases::case_detail;

#[component]
pub fn StaffCasePage() -> impl IntoView {
    view! {
        <StaffNav />
        <RequireStaff roles=DESK>
            {move || {
                let id = use_params_map().read().get("id").unwrap_or_default();
                view! { <CaseView id=id /> }
            }}
        </RequireStaff>
    }
}

#[component]
fn CaseView(id: String) -> impl IntoView {
    let staff = use_staff();
    let (state, reload) = {
        let id = id.clone();
        load(move || client::case(id.clone()))
    };
    // The resident's part is drawn again only when it changed (a note leaves it alone).
    let resident = Memo::new(move |_| state.with(|s| s.ready().map(|v| v.resident_view.clone())));
    let first = Memo::new(move |_| state.with(|s| s.ready().is_some()));
    let errors: Errors = RwSignal::new(Vec::new());
    let (id_for_notes, reload_for_notes) = (id.clone(), reload.clone());
    let id_for_paper = id.clone();

    let notes = move || {
        state
            .with(|s| s.ready().map(|v| v.notes.clone()))
            .map(|notes| {
                if notes.is_empty() {
                    return view! { <p class="nl-paragraph">{st(|t| t.notes_none)}</p> }.into_any();
                }
                card_list(
                    notes
                        .into_iter()
                        .rev()
                        .map(|n| Card {
                            title: Cell::Text(n.subject),
                            hint: Some(Cell::Moment(n.at)),
                            rows: vec![(|t| t.channel_label, Cell::Text(n.channel))],
                            text: Some(n.text),
                        })
                        .collect(),
                    false,
                )
            })
    };

    // Drawn once the case is there, and again only when it gets closed.
    let closed = Memo::new(move |_| {
        state.with(|s| {
            s.ready()
                .map(|v| v.resident_view.summary.closed_on.is_some())
        })
    });
    let reload_for_forms = reload.clone();
    let forms = move || {
        let reload = reload_for_forms.clone();
        closed.get().map(|closed| {
            let view = state.with_untracked(|s| s.ready().cloned());
            view.map(|view| {
                view! {
                    {(staff.has_any(&[StaffRole::Behandelaar])).then(|| view! {
                        <section class="loket-staff-section" aria-labelledby="loket-handle-title">
                            <h2 id="loket-handle-title" class="nl-heading nl-heading--level-2">{st(|t| t.handle_heading)}</h2>
                            {if closed {
                                view! { <p class="nl-paragraph">{st(|t| t.handle_closed)}</p> }.into_any()
                            } else {
                                view! {
                                    <StatusForm id=id.clone() view=view.clone() errors=errors reload=reload.clone() />
                                    <ResultForm id=id.clone() choices=view.resultaattypen.clone() errors=errors reload=reload.clone() />
                                    <DocumentRequestForm id=id.clone() view=view.clone() errors=errors reload=reload.clone() />
                                }.into_any()
                            }}
                        </section>
                    })}
                }
            })
        })
    };

    // Documents received on paper. Drawn again only when the case closes or its document
    // types change: reloading the case after an upload must not take away files being sent.
    let paper = Memo::new(move |_| {
        state.with(|s| {
            s.ready().map(|v| {
                let case = &v.resident_view;
                (
                    case.summary.closed_on.is_some(),
                    case.document_types.clone(),
                )
            })
        })
    });
    let uploaded = RwSignal::new(0u32);
    Effect::watch(
        move || uploaded.get(),
        {
            let reload = reload.clone();
            move |_, _, _| reload()
        },
        false,
    );

    provide_context(crate::api::StaffDownloads);
    // The resident's upload component sends in the staff session here.
    provide_context(client::UPLOADS);
    view! {
        <div class="loket-staff-case">
            {move || resident.get().map(case_detail)}
        </div>
        {move || paper.get().map(|(closed, types)| paper_documents(id_for_paper.clone(), closed, types, uploaded))}
        {move || match state.get() {
            Remote::Ready(_) => None,
            Remote::Loading => Some(view! { <Loading /> }.into_any()),
            Remote::Failed(e) => Some(failed_view(e, reload.clone())),
        }}
        {move || first.get().then(|| view! {
            <ErrorSummary items=summary(errors) />
        })}
        {move || first.get().then(|| {
            let id = id_for_notes.clone();
            let reload = reload_for_notes.clone();
            view! {
                <section class="loket-staff-section" aria-labelledby="loket-notes-title">
                    <h2 id="loket-notes-title" class="nl-heading nl-heading--level-2">{st(|t| t.notes_heading)}</h2>
                    {notes}
                    <NoteForm id=id errors=errors reload=reload />
                </section>
            }
        })}
        {forms}
        {move || state.with(|s| s.ready().map(|v| details(v.rollen.clone(), v.statuses.clone(), v.audit.clone())))}
    }
}

/// "Document toevoegen (ontvangen op papier)": the resident's file upload per document type
/// of the case, sent to `/api/staff/uploads` (the view provides [`client::UPLOADS`]). Each
/// sent file bumps `uploaded`; the view then reloads the case, which lists the document.
fn paper_documents(
    case_id: String,
    closed: bool,
    types: Vec<DocumentType>,
    uploaded: RwSignal<u32>,
) -> Option<impl IntoView> {
    if !closed && types.is_empty() {
        return None;
    }
    let body = if closed {
        view! { <p class="nl-paragraph">{st(|t| t.paper_closed)}</p> }.into_any()
    } else {
        view! {
            <p class="nl-paragraph">{st(|t| t.paper_intro)}</p>
            <CaseDocumentUploads id_prefix="papier" case_id document_types=types done=uploaded />
        }
        .into_any()
    };
    Some(view! {
        <section class="loket-staff-section loket-add-document" aria-labelledby="loket-paper-title">
            <h2 id="loket-paper-title" class="nl-heading nl-heading--level-2">{st(|t| t.paper_heading)}</h2>
            {body}
        </section>
    })
}

/// The people involved, the status history and the audit trail.
fn details(
    rollen: Vec<loket_api::staff::StaffRol>,
    statuses: Vec<loket_api::staff::StaffStatus>,
    audit: Vec<loket_api::staff::AuditEntry>,
) -> AnyView {
    let filled = |rows: Vec<(StaffTextFn, String)>| {
        rows.into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, Cell::Text(v)))
            .collect::<Vec<_>>()
    };
    let rollen = rollen
        .into_iter()
        .map(|r| Card {
            title: Cell::Text(if r.description.is_empty() {
                r.role
            } else {
                r.description
            }),
            hint: None,
            rows: filled(vec![
                (|t| t.col_name, r.name),
                (|t| t.col_bsn, r.bsn),
                (|t| t.col_email, r.email),
                (|t| t.col_phone, r.phone),
                (|t| t.col_type, r.betrokkene_type),
            ]),
            text: None,
        })
        .collect();
    let statuses = statuses
        .into_iter()
        .map(|s| Card {
            title: Cell::Text(s.title),
            hint: Some(Cell::Moment(s.set_at)),
            rows: filled(vec![
                (|t| t.col_set_by, s.set_by),
                (|t| t.col_explanation, s.explanation),
            ]),
            text: None,
        })
        .collect();
    let audit = audit
        .into_iter()
        .map(|a| Card {
            title: Cell::Moment(a.at),
            hint: None,
            rows: filled(vec![
                (|t| t.col_staff, a.who),
                (|t| t.col_action, a.action),
                (|t| t.col_resource, a.resource),
                (|t| t.col_explanation, a.explanation),
            ]),
            text: None,
        })
        .collect();
    view! {
        <h2 class="nl-heading nl-heading--level-2">{st(|t| t.roles_heading)}</h2>
        {card_list(rollen, false)}
        <h2 class="nl-heading nl-heading--level-2">{st(|t| t.statuses_heading)}</h2>
        {card_list(statuses, true)}
        <h2 class="nl-heading nl-heading--level-2">{st(|t| t.audit_heading)}</h2>
        {card_list(audit, true)}
    }
    .into_any()
}

/// Options of a select from a choice list.
fn choice_options(choices: &[Choice]) -> Signal<Vec<(String, String)>> {
    let options: Vec<(String, String)> = choices
        .iter()
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect();
    Signal::stored(options)
}

/// Checks a bounded text: required and/or at most `max` characters.
fn check_text(value: &str, max: usize, required: bool) -> Option<FieldErrorCode> {
    let value = value.trim();
    if required && value.is_empty() {
        Some(FieldErrorCode::Required)
    } else if value.chars().count() > max {
        Some(FieldErrorCode::TooLong)
    } else {
        None
    }
}

/// What a form says after its call: `success`, or the server's field errors (API field
/// name → element id by `id_of`), else a general message on the `fallback` field.
struct Outcome {
    success: StaffTextFn,
    id_of: fn(&str) -> &'static str,
    fallback: &'static str,
}

/// Runs `call`; on success clears the errors, says `done` and reloads the case; on failure
/// shows the server's field errors (mapped by `id_of`) or a general message on `fallback`.
fn submit<F>(
    call: F,
    errors: Errors,
    done: RwSignal<Option<StaffTextFn>>,
    outcome: Outcome,
    reload: impl Fn() + 'static,
    after: impl Fn() + 'static,
) where
    F: std::future::Future<Output = Result<(), crate::api::ApiError>> + 'static,
{
    leptos::task::spawn_local(async move {
        match call.await {
            Ok(()) => {
                errors.set(Vec::new());
                after();
                done.set(Some(outcome.success));
                reload();
            }
            Err(e) => {
                let mut found = server_errors(&e.field_errors(), |f| (outcome.id_of)(f).to_owned());
                if found.is_empty() {
                    let msg: StaffTextFn = match e.code() {
                        Some(loket_api::ErrorCode::Forbidden) => |t| t.no_access,
                        Some(loket_api::ErrorCode::BadRequest) => |t| t.err_refused,
                        _ => |t| t.err_try_again,
                    };
                    found.push((outcome.fallback.to_owned(), Msg::Staff(msg)));
                }
                done.set(None);
                errors.set(found);
            }
        }
    });
}

const CHANNELS: [(Channel, StaffTextFn); 4] = [
    (Channel::Telefoon, |t| t.channel_phone),
    (Channel::Balie, |t| t.channel_desk),
    (Channel::Email, |t| t.channel_email),
    (Channel::Post, |t| t.channel_post),
];

#[component]
fn NoteForm(
    id: String,
    errors: Errors,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    const CHANNEL_ID: &str = "veld-notitie-kanaal";
    const SUBJECT_ID: &str = "veld-notitie-onderwerp";
    const TEXT_ID: &str = "veld-notitie-tekst";
    let i18n = use_i18n();
    let channel = RwSignal::new("telefoon".to_owned());
    let subject = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let done = RwSignal::new(None);
    let channels = Signal::derive(move || {
        let t = staff_texts(i18n.lang());
        CHANNELS
            .iter()
            .map(|(c, label)| (c.as_str().to_owned(), label(t).to_owned()))
            .collect()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        if let Some(code) = check_text(&subject.get_untracked(), 200, true) {
            found.push((SUBJECT_ID.to_owned(), Msg::Field(code)));
        }
        if let Some(code) = check_text(&text.get_untracked(), 1000, true) {
            found.push((TEXT_ID.to_owned(), Msg::Field(code)));
        }
        if !found.is_empty() {
            done.set(None);
            errors.set(found);
            return;
        }
        let channel = CHANNELS
            .iter()
            .map(|(c, _)| *c)
            .find(|c| c.as_str() == channel.get_untracked())
            .unwrap_or(Channel::Telefoon);
        let note = NewContactNote {
            channel,
            subject: subject.get_untracked().trim().to_owned(),
            text: text.get_untracked().trim().to_owned(),
        };
        submit(
            client::add_note(id.clone(), note),
            errors,
            done,
            Outcome {
                success: |t| t.note_saved,
                id_of: |f| if f == "text" { TEXT_ID } else { SUBJECT_ID },
                fallback: SUBJECT_ID,
            },
            reload.clone(),
            move || {
                subject.set(String::new());
                text.set(String::new());
            },
        );
    };
    view! {
        <form class="loket-form loket-staff-form" novalidate on:submit=on_submit aria-labelledby="loket-note-title">
            <h3 id="loket-note-title" class="nl-heading nl-heading--level-3">{st(|t| t.note_form_heading)}</h3>
            {select_field(CHANNEL_ID.to_owned(), st_signal(|t| t.channel_label), channel, channels, errors)}
            {text_field(SUBJECT_ID.to_owned(), st_signal(|t| t.subject_label), None, subject, errors, Input::default())}
            {text_field(TEXT_ID.to_owned(), st_signal(|t| t.note_text_label), None, text, errors,
                Input { multiline: true, ..Default::default() })}
            <button type="submit" class="nl-button nl-button--primary">{st(|t| t.note_submit)}</button>
            {done_notice(done)}
        </form>
    }
}

#[component]
fn StatusForm(
    id: String,
    view: StaffCaseView,
    errors: Errors,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    const STATUS_ID: &str = "veld-status";
    const EXPLANATION_ID: &str = "veld-status-toelichting";
    // Suggest the step after the current one.
    let current = view
        .resident_view
        .timeline
        .iter()
        .position(|s| s.state == StepState::Current);
    let next = current
        .map(|i| i + 1)
        .unwrap_or(0)
        .min(view.statustypen.len().saturating_sub(1));
    let status = RwSignal::new(
        view.statustypen
            .get(next)
            .map(|c| c.id.clone())
            .unwrap_or_default(),
    );
    let explanation = RwSignal::new(String::new());
    let done = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(code) = check_text(&explanation.get_untracked(), 1000, false) {
            errors.set(vec![(EXPLANATION_ID.to_owned(), Msg::Field(code))]);
            return;
        }
        let body = SetStatus {
            statustype_id: status.get_untracked(),
            explanation: explanation.get_untracked().trim().to_owned(),
        };
        submit(
            client::set_status(id.clone(), body),
            errors,
            done,
            Outcome {
                success: |t| t.status_saved,
                id_of: |f| {
                    if f == "explanation" {
                        EXPLANATION_ID
                    } else {
                        STATUS_ID
                    }
                },
                fallback: STATUS_ID,
            },
            reload.clone(),
            move || explanation.set(String::new()),
        );
    };
    view! {
        <form class="loket-form loket-staff-form" novalidate on:submit=on_submit aria-labelledby="loket-status-title">
            <h3 id="loket-status-title" class="nl-heading nl-heading--level-3">{st(|t| t.status_form_heading)}</h3>
            {select_field(STATUS_ID.to_owned(), st_signal(|t| t.status_label), status, choice_options(&view.statustypen), errors)}
            {text_field(EXPLANATION_ID.to_owned(), st_signal(|t| t.explanation_label), Some(st_signal(|t| t.explanation_hint)), explanation, errors,
                Input { multiline: true, ..Default::default() })}
            <button type="submit" class="nl-button nl-button--primary">{st(|t| t.status_submit)}</button>
            {done_notice(done)}
        </form>
    }
}

#[component]
fn ResultForm(
    id: String,
    choices: Vec<Choice>,
    errors: Errors,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    const RESULT_ID: &str = "veld-resultaat";
    const EXPLANATION_ID: &str = "veld-resultaat-toelichting";
    let result = RwSignal::new(choices.first().map(|c| c.id.clone()).unwrap_or_default());
    let explanation = RwSignal::new(String::new());
    let done = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(code) = check_text(&explanation.get_untracked(), 1000, false) {
            errors.set(vec![(EXPLANATION_ID.to_owned(), Msg::Field(code))]);
            return;
        }
        let body = SetResult {
            resultaattype_id: result.get_untracked(),
            explanation: explanation.get_untracked().trim().to_owned(),
        };
        submit(
            client::set_result(id.clone(), body),
            errors,
            done,
            Outcome {
                success: |t| t.result_saved,
                id_of: |f| {
                    if f == "explanation" {
                        EXPLANATION_ID
                    } else {
                        RESULT_ID
                    }
                },
                fallback: RESULT_ID,
            },
            reload.clone(),
            || {},
        );
    };
    view! {
        <form class="loket-form loket-staff-form" novalidate on:submit=on_submit aria-labelledby="loket-result-title">
            <h3 id="loket-result-title" class="nl-heading nl-heading--level-3">{st(|t| t.result_form_heading)}</h3>
            <p class="loket-hint">{st(|t| t.result_form_hint)}</p>
            {select_field(RESULT_ID.to_owned(), st_signal(|t| t.result_label), result, choice_options(&choices), errors)}
            {text_field(EXPLANATION_ID.to_owned(), st_signal(|t| t.explanation_label), Some(st_signal(|t| t.explanation_hint)), explanation, errors,
                Input { multiline: true, ..Default::default() })}
            <button type="submit" class="nl-button nl-button--secondary">{st(|t| t.result_submit)}</button>
            {done_notice(done)}
        </form>
    }
}

#[component]
fn DocumentRequestForm(
    id: String,
    view: StaffCaseView,
    errors: Errors,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    const TYPE_ID: &str = "veld-verzoek-type";
    const TEXT_ID: &str = "veld-verzoek-tekst";
    let i18n = use_i18n();
    let doc_type = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let done = RwSignal::new(None);
    let types: Vec<(String, String)> = view
        .resident_view
        .document_types
        .iter()
        .map(|d| (d.id.clone(), d.title.clone()))
        .collect();
    let options = Signal::derive(move || {
        let mut all = vec![(
            String::new(),
            staff_texts(i18n.lang()).doc_type_any.to_owned(),
        )];
        all.extend(types.iter().cloned());
        all
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(code) = check_text(&text.get_untracked(), 1000, true) {
            errors.set(vec![(TEXT_ID.to_owned(), Msg::Field(code))]);
            return;
        }
        let body = NewDocumentRequest {
            document_type_id: Some(doc_type.get_untracked()).filter(|t| !t.is_empty()),
            text: text.get_untracked().trim().to_owned(),
        };
        submit(
            client::request_document(id.clone(), body),
            errors,
            done,
            Outcome {
                success: |t| t.doc_request_saved,
                id_of: |f| if f == "text" { TEXT_ID } else { TYPE_ID },
                fallback: TEXT_ID,
            },
            reload.clone(),
            move || text.set(String::new()),
        );
    };
    view! {
        <form class="loket-form loket-staff-form" novalidate on:submit=on_submit aria-labelledby="loket-docreq-title">
            <h3 id="loket-docreq-title" class="nl-heading nl-heading--level-3">{st(|t| t.doc_request_heading)}</h3>
            {select_field(TYPE_ID.to_owned(), st_signal(|t| t.doc_type_label), doc_type, options, errors)}
            {text_field(TEXT_ID.to_owned(), st_signal(|t| t.doc_request_text_label), Some(st_signal(|t| t.doc_request_text_hint)), text, errors,
                Input { multiline: true, ..Default::default() })}
            <button type="submit" class="nl-button nl-button--secondary">{st(|t| t.doc_request_submit)}</button>
            {done_notice(done)}
        </form>
    }
}
