//! "Mijn gegevens" (`/mijn-gegevens`): whether the resident wants an e-mail when a case gets
//! a new status or the municipality asks for a document (issue 7). Those e-mails end with
//! "Zet ze uit bij Mijn gegevens", so the page keeps that name in the menu.

use std::sync::Arc;

use leptos::prelude::*;
use loket_api::Profile;

use crate::api;
use crate::components::{fetch, Load, Loaded, PageHeading};
use crate::i18n::{tr, tr_signal, TextFn};
use crate::session::RequireLogin;

/// The profile page. Not logged in: [`RequireLogin`] sends the resident to the login page,
/// which returns here.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let render = Arc::new(|loaded: Loaded| match loaded {
        Loaded::Profile(profile) => {
            view! { <EmailForm initial=profile.email_notifications /> }.into_any()
        }
        _ => ().into_any(),
    });
    view! {
        <PageHeading text=tr_signal(|t| t.profile_heading) title=tr_signal(|t| t.profile_heading) />
        <RequireLogin>
            <p class="nl-paragraph">{tr(|t| t.profile_intro)}</p>
            <Load fetch=fetch(api::profile, Loaded::Profile) render=render.clone() />
        </RequireLogin>
    }
}

/// The Ja/Nee question (GOV.UK radios in a fieldset whose legend is the question) and its
/// save button.
///
/// # Accessibility
/// The legend names the group, each radio has its own label (a 44 px target); arrow keys
/// move between the radios, Tab reaches the button. "Saved" appears in a `role="status"`
/// region that exists before it is filled, so screen readers announce it without moving
/// focus (WCAG 4.1.3 Status Messages); a failure is an alert.
#[component]
fn EmailForm(initial: bool) -> impl IntoView {
    let wanted = RwSignal::new(initial);
    let saved = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let save = Action::new_local(move |on: &bool| {
        let body = Profile {
            email_notifications: *on,
        };
        async move {
            match api::save_profile(body).await {
                Ok(profile) => {
                    wanted.set(profile.email_notifications);
                    saved.set(true);
                }
                // The session has ended: the API client already sends them to the login page.
                Err(e) if e.is_not_authenticated() => {}
                Err(_) => failed.set(true),
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        saved.set(false);
        failed.set(false);
        save.dispatch(wanted.get_untracked());
    };

    let radio = move |id: &'static str, value: bool, label: TextFn| {
        view! {
            <div class="loket-radios__item">
                <input
                    class="loket-radios__input"
                    type="radio"
                    id=id
                    name="email"
                    value=if value { "ja" } else { "nee" }
                    prop:checked=move || wanted.get() == value
                    on:change=move |_| {
                        wanted.set(value);
                        saved.set(false);
                    }
                />
                <label class="loket-radios__label" for=id>{tr(label)}</label>
            </div>
        }
    };

    view! {
        <form class="loket-form" novalidate on:submit=on_submit>
            <div class="loket-field">
                <fieldset class="loket-fieldset">
                    <legend class="loket-fieldset__legend">{tr(|t| t.profile_email_legend)}</legend>
                    <div class="loket-radios">
                        {radio("veld-email", true, |t| t.profile_yes)}
                        {radio("veld-email-nee", false, |t| t.profile_no)}
                    </div>
                </fieldset>
            </div>
            {move || failed.get().then(|| view! {
                <p class="loket-field-error" role="alert">{tr(|t| t.err_save_failed)}</p>
            })}
            <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || save.pending().get().then_some("true")>
                {tr(|t| t.profile_save)}
            </button>
        </form>
        <div class="loket-form__status" role="status">
            {move || saved.get().then(|| view! {
                <div class="loket-alert loket-alert--info"><p class="nl-paragraph">{tr(|t| t.profile_saved)}</p></div>
            })}
        </div>
    }
}
