//! Acting on behalf of a caller (kcc): `/medewerker/namens` starts a request for a resident
//! (BSN, product, channel `telefoon`/`balie`); `/medewerker/namens/{id}` is the whole form on
//! one page (the product's questions and the contact details), checked with the shared form
//! validation before it is saved and submitted. The resident stays the initiator.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use loket_api::form::Contact;
use loket_api::staff::{Channel, OnBehalfStart, StaffRole};
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::{
    Draft, DraftUpdate, ErrorCode, Field, FieldErrorCode, FieldKind, ProductDetail, Submission,
};

use super::client;
use super::form::{
    load, radio_field, remote_view, select_field, server_errors, summary, text_field, Busy, Errors,
    Input, Msg,
};
use super::texts::{st, st_signal, staff_texts};
use super::{use_staff, RequireStaff, StaffNav};
use crate::components::{ErrorSummary, PageHeading};
use crate::i18n::use_i18n;

const KCC: &[StaffRole] = &[StaffRole::Kcc];
const BSN_ID: &str = "veld-bsn";
const PRODUCT_ID: &str = "veld-product";
const CHANNEL_ID: &str = "veld-kanaal";
const EMAIL_ID: &str = "veld-email";
const PHONE_ID: &str = "veld-telefoon";

#[component]
pub fn StaffOnBehalfPage() -> impl IntoView {
    view! {
        <StaffNav />
        <PageHeading text=st_signal(|t| t.on_behalf_title) title=st_signal(|t| t.on_behalf_title) />
        <RequireStaff roles=KCC>
            <StartForm />
        </RequireStaff>
    }
}

#[component]
fn StartForm() -> impl IntoView {
    let staff = use_staff();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let bsn = RwSignal::new(staff.caller_bsn.get_untracked());
    let product = RwSignal::new(String::new());
    let channel = RwSignal::new("telefoon".to_owned());
    let errors: Errors = RwSignal::new(Vec::new());
    let (products, reload) = load(crate::api::catalogue);

    let busy = Busy::new();
    let start = move |body: OnBehalfStart| {
        let navigate = navigate.clone();
        busy.run(async move {
            match client::start_on_behalf(body).await {
                Ok(draft) => navigate(
                    &format!(
                        "/medewerker/namens/{}",
                        crate::api::encode_component(&draft.id)
                    ),
                    NavigateOptions::default(),
                ),
                Err(e) => {
                    let mut found = server_errors(&e.field_errors(), |f| {
                        if f == "bsn" { BSN_ID } else { PRODUCT_ID }.to_owned()
                    });
                    if found.is_empty() {
                        found.push((
                            PRODUCT_ID.to_owned(),
                            Msg::Staff(if e.code() == Some(ErrorCode::ProductUnavailable) {
                                |t| t.err_product_unavailable
                            } else {
                                |t| t.err_try_again
                            }),
                        ));
                    }
                    errors.set(found);
                }
            }
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = normalise_bsn(bsn.get_untracked().trim());
        let mut found = Vec::new();
        if typed.is_empty() {
            found.push((BSN_ID.to_owned(), Msg::Field(FieldErrorCode::Required)));
        } else if !is_valid_bsn(&typed) {
            found.push((BSN_ID.to_owned(), Msg::Field(FieldErrorCode::InvalidBsn)));
        }
        if product.get_untracked().is_empty() {
            found.push((PRODUCT_ID.to_owned(), Msg::Staff(|t| t.err_choose_product)));
        }
        errors.set(found);
        if !errors.with_untracked(Vec::is_empty) {
            return;
        }
        staff.caller_bsn.set(typed.clone());
        start(OnBehalfStart {
            bsn: typed,
            product_id: product.get_untracked(),
            channel: if channel.get_untracked() == "balie" {
                Channel::Balie
            } else {
                Channel::Telefoon
            },
        });
    };

    let form = move |list: Vec<loket_api::Product>| {
        let options = Signal::derive(move || {
            let mut all = vec![(String::new(), staff_texts(i18n.lang()).choose.to_owned())];
            all.extend(list.iter().map(|p| (p.id.clone(), p.title.clone())));
            all
        });
        view! {
            <form class="loket-form" novalidate on:submit=on_submit.clone()>
                {text_field(BSN_ID.to_owned(), st_signal(|t| t.bsn_label), Some(st_signal(|t| t.bsn_hint)), bsn, errors,
                    Input { autocomplete: Some("off"), numeric: true, width: Some("10"), ..Default::default() })}
                {select_field(PRODUCT_ID.to_owned(), st_signal(|t| t.product_label), product, options, errors)}
                {radio_field(CHANNEL_ID, st_signal(|t| t.channel_label), channel, vec![
                    ("telefoon", |t| t.channel_phone),
                    ("balie", |t| t.channel_desk),
                ])}
                <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || busy.aria()>
                    {st(|t| t.on_behalf_start)}
                </button>
            </form>
        }
        .into_any()
    };

    view! {
        <p class="nl-paragraph">{st(|t| t.on_behalf_intro)}</p>
        <ErrorSummary items=summary(errors) />
        {remote_view(products, reload, form)}
    }
}

/// Element id of a form field.
fn field_id(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("veld-{safe}")
}

#[component]
pub fn StaffOnBehalfFormPage() -> impl IntoView {
    view! {
        <StaffNav />
        <PageHeading text=st_signal(|t| t.on_behalf_fill_title) title=st_signal(|t| t.on_behalf_fill_title) />
        <RequireStaff roles=KCC>
            {move || {
                let id = use_params_map().read().get("id").unwrap_or_default();
                let (state, reload) = load(move || {
                    let id = id.clone();
                    async move {
                        let draft = client::on_behalf(id).await?;
                        let product = crate::api::product(&draft.product_id).await?;
                        Ok((draft, product))
                    }
                });
                remote_view(state, reload, |(draft, product)| {
                    view! { <FillForm draft=draft product=product /> }.into_any()
                })
            }}
        </RequireStaff>
    }
}

#[component]
fn FillForm(draft: Draft, product: ProductDetail) -> impl IntoView {
    let i18n = use_i18n();
    let form = product.form.clone();
    let answers: Vec<(Field, RwSignal<String>)> = form
        .fields
        .iter()
        .map(|f| {
            (
                f.clone(),
                RwSignal::new(draft.answers.get(&f.name).cloned().unwrap_or_default()),
            )
        })
        .collect();
    let email = RwSignal::new(draft.contact.email.clone());
    let phone = RwSignal::new(draft.contact.phone.clone());
    let errors: Errors = RwSignal::new(Vec::new());
    let submitted = RwSignal::new(None::<Submission>);
    let key = crate::api::new_idempotency_key();
    let draft_id = draft.id.clone();

    let id_of = |name: &str| match name {
        "email" => EMAIL_ID.to_owned(),
        "phone" => PHONE_ID.to_owned(),
        other => field_id(other),
    };
    let busy = Busy::new();
    let send = move |update: DraftUpdate| {
        let (id, key) = (draft_id.clone(), key.clone());
        busy.run(async move {
            let result = match client::save_on_behalf(id.clone(), update).await {
                Ok(_) => client::submit_on_behalf(id, key).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(submission) => {
                    errors.set(Vec::new());
                    submitted.set(Some(submission));
                }
                Err(e) => {
                    let mut found = server_errors(&e.field_errors(), id_of);
                    if found.is_empty() {
                        found.push((EMAIL_ID.to_owned(), Msg::Staff(|t| t.err_try_again)));
                    }
                    errors.set(found);
                }
            }
        });
    };

    let fields = answers.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values: BTreeMap<String, String> = fields
            .iter()
            .map(|(f, v)| (f.name.clone(), v.get_untracked().trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let contact = Contact {
            email: email.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
        };
        let found = form.validate(&values, &contact);
        if !found.is_empty() {
            errors.set(server_errors(&found, id_of));
            return;
        }
        errors.set(Vec::new());
        send(DraftUpdate {
            answers: values,
            contact,
            step: "controleren".to_owned(),
        });
    };

    let inputs = answers
        .into_iter()
        .map(|(field, value)| question(field, value, errors))
        .collect_view();
    let title = product.product.title.clone();

    let done = move || {
        submitted.get().map(|s| view! {
            <div class="loket-panel" role="status">
                <h2 class="nl-heading nl-heading--level-2">{st(|t| t.on_behalf_done)}</h2>
                <p class="loket-panel__body">
                    {st(|t| t.on_behalf_number)}
                    <br />
                    <strong class="loket-panel__number">{s.identificatie.clone()}</strong>
                </p>
            </div>
            <ul class="loket-link-list">
                <li><A href=format!("/medewerker/zaken/{}", crate::api::encode_component(&s.case_id)) attr:class="nl-link">{st(|t| t.on_behalf_open_case)}</A></li>
                <li><A href="/medewerker/namens" attr:class="nl-link">{st(|t| t.on_behalf_another)}</A></li>
            </ul>
    })
    };
    view! {
        {done}
        <div hidden=move || submitted.with(Option::is_some)>
            <p class="nl-paragraph">{move || crate::i18n::fill_in(staff_texts(i18n.lang()).on_behalf_for, &[("product", &title)])}</p>
            <ErrorSummary items=summary(errors) />
            <form class="loket-form" novalidate on:submit=on_submit>
                {inputs}
                <h2 class="nl-heading nl-heading--level-2">{st(|t| t.contact_heading)}</h2>
                {text_field(EMAIL_ID.to_owned(), st_signal(|t| t.email_label), None, email, errors,
                    Input { kind: Some("email"), autocomplete: Some("off"), ..Default::default() })}
                {text_field(PHONE_ID.to_owned(), st_signal(|t| t.phone_label), Some(st_signal(|t| t.phone_hint)), phone, errors,
                    Input { kind: Some("tel"), autocomplete: Some("off"), ..Default::default() })}
                <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || busy.aria()>
                    {st(|t| t.on_behalf_submit)}
                </button>
            </form>
        </div>
    }
}

/// One question of the product's form as a field of the one-page form.
fn question(field: Field, value: RwSignal<String>, errors: Errors) -> AnyView {
    let i18n = use_i18n();
    let id = field_id(&field.name);
    let label = {
        let optional = !field.required;
        let base = field.label.clone();
        Signal::derive(move || {
            if optional {
                format!("{} {}", base, i18n.t().optional)
            } else {
                base.clone()
            }
        })
    };
    let hint = (!field.hint.trim().is_empty()).then(|| Signal::stored(field.hint.clone()));
    match field.kind {
        FieldKind::Choice { options } => {
            let options = Signal::derive(move || {
                let mut all = vec![(String::new(), staff_texts(i18n.lang()).choose.to_owned())];
                all.extend(options.iter().map(|o| (o.clone(), o.clone())));
                all
            });
            select_field(id, label, value, options, errors).into_any()
        }
        FieldKind::Date => text_field(
            id,
            label,
            hint,
            value,
            errors,
            Input {
                kind: Some("date"),
                ..Default::default()
            },
        )
        .into_any(),
        FieldKind::Number { .. } => text_field(
            id,
            label,
            hint,
            value,
            errors,
            Input {
                numeric: true,
                width: Some("10"),
                ..Default::default()
            },
        )
        .into_any(),
        FieldKind::LongText { .. } => text_field(
            id,
            label,
            hint,
            value,
            errors,
            Input {
                multiline: true,
                ..Default::default()
            },
        )
        .into_any(),
        FieldKind::Text { .. } => {
            text_field(id, label, hint, value, errors, Input::default()).into_any()
        }
    }
}
