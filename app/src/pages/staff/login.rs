//! `/medewerker/inloggen`: the staff login (user name and password), separate from the
//! resident's DigiD login. In demo mode it lists the demo accounts.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use loket_api::{ErrorCode, FieldErrorCode};

use super::client;
use super::form::{summary, text_field, Busy, Errors, Input, Msg};
use super::texts::{st, st_signal};
use super::{home_path, use_staff, StaffFlash};
use crate::components::{ErrorSummary, PageHeading};
use crate::i18n::use_i18n;

const USERNAME_ID: &str = "veld-gebruikersnaam";
const PASSWORD_ID: &str = "veld-wachtwoord";

#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let staff = use_staff();
    staff.ensure_loaded();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let flash = staff.take_flash();
    let query = use_query_map();
    // Why the organisation's login (OpenID Connect) sent the member back, from `?fout=`.
    let oidc_error = query.with_untracked(|q| match q.get("fout").as_deref() {
        Some("geen-rol") => Some(true),
        Some(_) => Some(false),
        None => None,
    });
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());

    let busy = Busy::new();
    let login = move |(u, p): (String, String)| {
        let navigate = navigate.clone();
        busy.run(async move {
            match client::login(u, p).await {
                Ok(info) => {
                    let target = info.staff.as_ref().map(home_path).unwrap_or("/medewerker");
                    staff.set_info(info);
                    password.set(String::new());
                    navigate(target, NavigateOptions::default());
                }
                Err(e) => {
                    let msg = match e.code() {
                        Some(ErrorCode::InvalidCredentials) => {
                            Msg::Staff(|t| t.err_invalid_credentials)
                        }
                        Some(ErrorCode::TooManyAttempts) => Msg::Staff(|t| t.err_too_many_attempts),
                        _ => Msg::Staff(|t| t.err_try_again),
                    };
                    errors.set(vec![(USERNAME_ID.to_owned(), msg)]);
                }
            }
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (u, p) = (username.get_untracked(), password.get_untracked());
        let mut found = Vec::new();
        if u.trim().is_empty() {
            found.push((USERNAME_ID.to_owned(), Msg::Field(FieldErrorCode::Required)));
        }
        if p.is_empty() {
            found.push((PASSWORD_ID.to_owned(), Msg::Field(FieldErrorCode::Required)));
        }
        errors.set(found);
        if errors.with_untracked(Vec::is_empty) {
            login((u.trim().to_owned(), p));
        }
    };

    let flash_view = flash.map(|f| {
        let text = move || {
            let t = super::texts::staff_texts(i18n.lang());
            match f {
                StaffFlash::LoggedOut => t.flash_logged_out,
                StaffFlash::SessionEnded => t.flash_session_ended,
                StaffFlash::LoginNeeded => t.flash_login_needed,
            }
        };
        view! {
            <div class="loket-alert loket-alert--info" role="status">
                <p class="nl-paragraph">{text}</p>
            </div>
        }
    });
    let demo = move || {
        let accounts = staff.info().map(|i| i.demo_accounts).unwrap_or_default();
        (!accounts.is_empty()).then(|| view! {
            <section class="loket-demo" aria-labelledby="loket-staff-demo-title">
                <h2 id="loket-staff-demo-title" class="nl-heading nl-heading--level-2 loket-demo__banner">{st(|t| t.demo_heading)}</h2>
                <p class="nl-paragraph">{st(|t| t.demo_text)}</p>
                <ul class="utrecht-unordered-list">
                    {accounts.into_iter().map(|a| {
                        let roles = a.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
                        view! { <li class="utrecht-unordered-list__item"><code>{a.username}</code>" / "<code>{a.password}</code>" ("{roles}")"</li> }
                    }).collect_view()}
                </ul>
            </section>
        })
    };

    let oidc_error_view = oidc_error.map(|no_role| {
        view! {
            <div class="loket-alert loket-alert--error" role="alert">
                <p class="nl-paragraph">
                    {st(if no_role { |t| t.err_oidc_no_role } else { |t| t.err_oidc_failed })}
                </p>
            </div>
        }
    });
    let oidc_button = move || {
        staff.info().is_some_and(|i| i.oidc_login).then(|| {
            view! {
                <p class="nl-paragraph">
                    // A full-page navigation to the provider: rel="external" keeps the router out.
                    <a class="nl-button nl-button--primary loket-button-link" rel="external"
                        href="/api/staff/session/oidc/start?next=%2Fmedewerker">
                        {st(|t| t.login_oidc)}
                    </a>
                </p>
                <h2 class="nl-heading nl-heading--level-2">{st(|t| t.login_password_heading)}</h2>
            }
        })
    };

    view! {
        <PageHeading text=st_signal(|t| t.login_title) title=st_signal(|t| t.login_title) />
        {flash_view}
        {oidc_error_view}
        <p class="nl-paragraph">{st(|t| t.login_intro)}</p>
        {oidc_button}
        <ErrorSummary items=summary(errors) />
        <form class="loket-form" novalidate on:submit=on_submit>
            {text_field(USERNAME_ID.to_owned(), st_signal(|t| t.username_label), None, username, errors,
                Input { autocomplete: Some("username"), width: Some("20"), ..Default::default() })}
            {text_field(PASSWORD_ID.to_owned(), st_signal(|t| t.password_label), None, password, errors,
                Input { kind: Some("password"), autocomplete: Some("current-password"), width: Some("20"), ..Default::default() })}
            <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || busy.aria()>
                {st(|t| t.login_submit)}
            </button>
        </form>
        {demo}
    }
}
