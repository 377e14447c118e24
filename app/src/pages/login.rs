//! Login (`/inloggen?next=/pad`): DigiD through the OIDC broker, or — only in the embedded
//! demo setup — a clearly marked demo page where a test person is chosen or a BSN typed.
//!
//! The BSN is checked here with the same 11-proef the server uses, and sent only in the
//! POST body: never in the URL, storage or console.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::{DemoPerson, FieldErrorCode, LoginMethods};

use crate::api;
use crate::components::{
    field_error_text, ErrorSummary, FieldErrorMessage, FlashNotice, Loading, PageHeading,
    SummaryItem,
};
use crate::i18n::{tr, tr_signal, use_i18n};
use crate::session::{safe_next, use_session};

/// Radio value for "type another BSN".
const OTHER: &str = "anders";
const BSN_ID: &str = "veld-bsn";
const PERSON_ID: &str = "veld-persoon";

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let next = Memo::new(move |_| safe_next(query.read().get("next")));
    let methods = move || session.info.with(|i| i.as_ref().map(|i| i.login));

    view! {
        <PageHeading
            text=tr_signal(|t| t.login_title)
            title=tr_signal(|t| t.login_title)
        />
        <FlashNotice />
        <DigidError />
        <p class="nl-paragraph">{tr(|t| t.login_intro)}</p>
        {move || match methods() {
            None => view! { <Loading /> }.into_any(),
            Some(LoginMethods { demo: false, digid: false }) => {
                view! { <p class="nl-paragraph">{tr(|t| t.login_none)}</p> }.into_any()
            }
            Some(m) => view! {
                {m.digid.then(|| view! {
                    <p class="nl-paragraph">
                        // A full-page navigation to the broker: rel="external" keeps the router out.
                        <a class="nl-button nl-button--primary loket-button-link" rel="external"
                            href=move || api::oidc_start_url(&next.get())>
                            {tr(|t| t.login_digid)}
                        </a>
                    </p>
                })}
                {m.demo.then(|| view! { <DemoLogin next=next /> })}
            }
            .into_any(),
        }}
    }
}

/// Why the last DigiD login did not work, from `?fout=` (set by the server's OIDC
/// callback): an alert, focused when shown so screen readers read it out at once.
#[component]
fn DigidError() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let node = NodeRef::<Div>::new();
    let error = Memo::new(move |_| match query.read().get("fout").as_deref() {
        Some("digid-geannuleerd") => Some(true),
        Some(_) => Some(false),
        None => None,
    });
    Effect::new(move |_| {
        if let (Some(_), Some(el)) = (error.get(), node.get()) {
            request_animation_frame(move || {
                let _ = el.focus();
            });
        }
    });
    move || {
        error.get().map(|cancelled| {
            let text = move || {
                let t = i18n.t();
                if cancelled {
                    t.login_digid_cancelled
                } else {
                    t.login_digid_failed
                }
            };
            view! {
                <div class="loket-alert loket-alert--error" tabindex="-1" node_ref=node>
                    <div role="alert">
                        <p class="nl-paragraph">{text}</p>
                    </div>
                </div>
            }
        })
    }
}

/// The demo DigiD form.
#[component]
fn DemoLogin(next: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let persons = LocalResource::new(api::demo_persons);
    let choice = RwSignal::new(String::new());
    let bsn = RwSignal::new(String::new());
    // (field, code) of the current error, if any.
    let error = RwSignal::new(None::<(&'static str, FieldErrorCode)>);
    let summary = Signal::derive(move || {
        error
            .get()
            .map(|(target, code)| {
                let t = i18n.t();
                let text = if target == PERSON_ID {
                    t.err_choose_person
                } else {
                    field_error_text(t, code)
                };
                vec![SummaryItem {
                    href: format!("#{target}"),
                    text: text.to_owned(),
                }]
            })
            .unwrap_or_default()
    });
    let error_on =
        move |target: &'static str| move || error.get().is_some_and(|(t, _)| t == target);

    let login = Action::new_local(move |bsn: &String| {
        let bsn = bsn.clone();
        let navigate = navigate.clone();
        async move {
            match api::demo_login(bsn).await {
                Ok(_) => navigate(&next.get_untracked(), NavigateOptions::default()),
                Err(e) => {
                    let target = if choice.get_untracked() == OTHER {
                        BSN_ID
                    } else {
                        PERSON_ID
                    };
                    let code = if e.field_errors().is_empty() {
                        FieldErrorCode::Required
                    } else {
                        FieldErrorCode::InvalidBsn
                    };
                    error.set(Some((target, code)));
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if login.pending().get_untracked() {
            return;
        }
        let chosen = choice.get_untracked();
        let value = if chosen.is_empty() {
            error.set(Some((PERSON_ID, FieldErrorCode::Required)));
            return;
        } else if chosen == OTHER {
            let typed = normalise_bsn(bsn.get_untracked().trim());
            if !is_valid_bsn(&typed) {
                let code = if typed.is_empty() {
                    FieldErrorCode::Required
                } else {
                    FieldErrorCode::InvalidBsn
                };
                error.set(Some((BSN_ID, code)));
                return;
            }
            typed
        } else {
            chosen
        };
        error.set(None);
        login.dispatch(value);
    };

    let radio = move |index: usize, value: String, label: String| {
        let id = if index == 0 {
            PERSON_ID.to_owned()
        } else {
            format!("{PERSON_ID}-{index}")
        };
        let checked_value = value.clone();
        view! {
            <div class="loket-radios__item">
                <input
                    class="loket-radios__input"
                    type="radio"
                    id=id.clone()
                    name="persoon"
                    value=value.clone()
                    prop:checked=move || choice.get() == checked_value
                    on:change=move |_| choice.set(value.clone())
                />
                <label class="loket-radios__label" for=id>{label}</label>
            </div>
        }
    };

    view! {
        <section class="loket-demo" aria-labelledby="loket-demo-title">
            <h2 id="loket-demo-title" class="nl-heading nl-heading--level-2 loket-demo__banner">
                {tr(|t| t.demo_banner)}
            </h2>
            <p class="nl-paragraph">{tr(|t| t.demo_text)}</p>
            <ErrorSummary items=summary />
            <form class="loket-form" novalidate on:submit=on_submit>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        let persons: Vec<DemoPerson> = persons.await.unwrap_or_default();
                        let count = persons.len();
                        let person_error = error_on(PERSON_ID);
                        let bsn_error = error_on(BSN_ID);
                        view! {
                            <fieldset
                                class="loket-fieldset"
                                class:loket-fieldset--invalid=person_error
                                aria-describedby=move || person_error().then_some("veld-persoon-error")
                            >
                                <legend class="loket-fieldset__legend">{tr(|t| t.demo_legend)}</legend>
                                {move || person_error().then(|| view! {
                                    <FieldErrorMessage id="veld-persoon-error" text=tr_signal(|t| t.err_choose_person) />
                                })}
                                <div class="loket-radios">
                                    {persons.into_iter().enumerate().map(|(i, p)| radio(i, p.bsn, p.name)).collect_view()}
                                    {move || radio(count, OTHER.to_owned(), i18n.t().demo_other.to_owned())}
                                </div>
                            </fieldset>
                            <Show when=move || choice.get() == OTHER>
                                <div class="utrecht-form-field loket-field" class:loket-field--invalid=bsn_error>
                                    <label class="utrecht-form-label loket-label" for=BSN_ID>{tr(|t| t.demo_bsn_label)}</label>
                                    <p id="veld-bsn-hint" class="loket-hint">{tr(|t| t.demo_bsn_hint)}</p>
                                    {move || error.get().filter(|(t, _)| *t == BSN_ID).map(|(_, code)| view! {
                                        <FieldErrorMessage id="veld-bsn-error" text=Signal::derive(move || field_error_text(i18n.t(), code).to_owned()) />
                                    })}
                                    <input
                                        class="loket-input loket-input--width-10"
                                        id=BSN_ID
                                        name="bsn"
                                        type="text"
                                        inputmode="numeric"
                                        autocomplete="off"
                                        spellcheck="false"
                                        aria-describedby=move || if bsn_error() { "veld-bsn-hint veld-bsn-error" } else { "veld-bsn-hint" }
                                        aria-invalid=move || bsn_error().then_some("true")
                                        prop:value=move || bsn.get()
                                        on:input=move |ev| bsn.set(event_target_value(&ev))
                                    />
                                </div>
                            </Show>
                        }
                    })}
                </Transition>
                <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || login.pending().get().then_some("true")>
                    {tr(|t| t.demo_submit)}
                </button>
            </form>
        </section>
    }
}
