//! Page header (NL DS / Utrecht "Page Header"): the municipality's logo and name, the main
//! navigation and, when logged in, who is logged in and the logout button.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::i18n::{fill_in, tr, use_i18n};
use crate::municipality::Municipality;
use crate::session::{login_url, logout, use_session};

/// The `banner` landmark. The logo and name link to the start page, the convention residents
/// know from other government sites.
#[component]
pub fn PageHeader() -> impl IntoView {
    let i18n = use_i18n();
    let municipality = expect_context::<Municipality>();
    let session = use_session();
    let navigate = use_navigate();

    let user = move || {
        let navigate = navigate.clone();
        session.logged_in.get().then(|| {
            let name = move || match session.resident_name().filter(|n| !n.trim().is_empty()) {
                Some(name) => fill_in(i18n.t().logged_in_as, &[("naam", &name)]),
                None => i18n.t().logged_in.to_owned(),
            };
            view! {
                <li class="loket-nav__item loket-nav__item--user">
                    <span class="loket-nav__user">{name}</span>
                </li>
                <li class="loket-nav__item">
                    <button
                        type="button"
                        class="loket-nav__button"
                        on:click=move |_| logout(session, navigate.clone())
                    >
                        {tr(|t| t.logout)}
                    </button>
                </li>
            }
        })
    };
    let private_links = move || {
        session.logged_in.get().then(|| {
            view! {
                <li class="loket-nav__item">
                    <A href="/mijn-zaken" attr:class="loket-nav__link">{tr(|t| t.nav_cases)}</A>
                </li>
                <li class="loket-nav__item">
                    <A href="/mijn-aanvragen" attr:class="loket-nav__link">{tr(|t| t.nav_drafts)}</A>
                </li>
                <li class="loket-nav__item">
                    <A href="/mijn-gegevens" attr:class="loket-nav__link">{tr(|t| t.profile_heading)}</A>
                </li>
            }
        })
    };
    let login_link = move || {
        (session.loaded.get() && !session.logged_in.get()).then(|| {
            view! {
                <li class="loket-nav__item">
                    <A href=login_url("/mijn-zaken") attr:class="loket-nav__link">{tr(|t| t.nav_login)}</A>
                </li>
            }
        })
    };

    view! {
        <header class="utrecht-page-header loket-header">
            <div class="utrecht-page-header__content loket-header__content">
                <A href="/" attr:class="loket-header__home">
                    // Decorative: the link's name is the text next to it (alt="" keeps screen
                    // readers from reading the municipality's name twice).
                    <img class="loket-header__logo" src=municipality.logo alt="" width="48" height="48" />
                    <span class="loket-header__name">{municipality.name}</span>
                    <span class="loket-header__service">{tr(|t| t.service_name)}</span>
                </A>
                <nav class="loket-nav" aria-label=move || i18n.t().nav_label>
                    <ul class="loket-nav__list">
                        <li class="loket-nav__item">
                            <A href="/producten" attr:class="loket-nav__link">{tr(|t| t.nav_products)}</A>
                        </li>
                        {private_links}
                        {login_link}
                        {user}
                    </ul>
                </nav>
            </div>
        </header>
    }
}
