//! Loket SPA: the resident-facing portal, rendered client-side with Leptos.
//!
//! Two apps share these pages and components: [`ResidentApp`] and [`StaffApp`] (the pages
//! under `/medewerker`), each compiled into its own wasm bundle by a thin crate
//! (`app/resident`, `app/staff`) so each downloads only its own code.
//!
//! `index.html` / `staff.html` ship a static shell (header, skip link, loading message,
//! `<noscript>`) inside `#app`; [`start`] replaces it once the wasm has loaded.

mod api;
mod components;
mod i18n;
mod municipality;
mod pages;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use loket_api::staff::is_staff_page;
use wasm_bindgen::JsCast;

use crate::components::{IdleWarning, PageFooter, PageHeader, RouteFocus, SkipLink};
use crate::i18n::provide_i18n;
use crate::municipality::Municipality;
use crate::pages::staff;
use crate::pages::{
    CaseDetailPage, CasesPage, CataloguePage, CheckPage, ConfirmationPage, ContactPage, DraftsPage,
    LoginPage, NotFound, ProductPage, QuestionPage, StartPage,
};
use crate::session::provide_session;

/// Id of the `<main>` element; the skip link's target.
pub(crate) const MAIN_ID: &str = "main";

/// The resident app: everything outside `/medewerker`. Built as its own wasm bundle
/// (`app/resident`), so a resident's phone never downloads the staff pages.
#[component]
pub fn ResidentApp() -> impl IntoView {
    view! {
        <Portal>
            <Routes fallback=|| other_app_or_not_found(false)>
                <Route path=path!("/") view=StartPage />
                <Route path=path!("/inloggen") view=LoginPage />
                <Route path=path!("/producten") view=CataloguePage />
                <Route path=path!("/producten/:id") view=ProductPage />
                <Route path=path!("/aanvragen/:id/vraag/:n") view=QuestionPage />
                <Route path=path!("/aanvragen/:id/documenten") view=crate::pages::apply::DocumentsPage />
                <Route path=path!("/aanvragen/:id/contact") view=ContactPage />
                <Route path=path!("/aanvragen/:id/controleren") view=CheckPage />
                <Route path=path!("/mijn-aanvragen") view=DraftsPage />
                <Route path=path!("/mijn-zaken") view=CasesPage />
                <Route path=path!("/mijn-gegevens") view=crate::pages::ProfilePage />
                <Route path=path!("/zaken/:id") view=CaseDetailPage />
                <Route path=path!("/zaken/:id/bevestiging") view=ConfirmationPage />
            </Routes>
        </Portal>
    }
}

/// The staff app: the pages under `/medewerker` (`loket_api::staff::STAFF_PAGES`), its own
/// wasm bundle (`app/staff`).
#[component]
pub fn StaffApp() -> impl IntoView {
    view! {
        <Portal>
            <staff::StaffSession>
            <Routes fallback=|| other_app_or_not_found(true)>
                <Route path=path!("/medewerker") view=staff::StaffHomePage />
                <Route path=path!("/medewerker/inloggen") view=staff::StaffLoginPage />
                <Route path=path!("/medewerker/zoeken") view=staff::StaffSearchPage />
                <Route path=path!("/medewerker/zaken/:id") view=staff::StaffCasePage />
                <Route path=path!("/medewerker/namens") view=staff::StaffOnBehalfPage />
                <Route path=path!("/medewerker/namens/:id") view=staff::StaffOnBehalfFormPage />
                <Route path=path!("/medewerker/werkvoorraad") view=staff::StaffOverviewPage />
                <Route path=path!("/medewerker/toegangslog") view=staff::StaffAccessLogPage />
            </Routes>
            </staff::StaffSession>
        </Portal>
    }
}

/// Page layout and contexts shared by both apps, around their routes. (Nothing here may
/// depend on which app it is: what only one app needs goes in that app's routes, or the
/// other app's bundle would carry it too.)
#[component]
fn Portal(children: Children) -> impl IntoView {
    provide_context(Municipality::from_document());
    provide_i18n();
    provide_context(RouteFocus::default());
    view! {
        <Router>
            <Shell>{children()}</Shell>
        </Router>
    }
}

/// Everything inside the router (the session needs the router's navigation).
#[component]
fn Shell(children: Children) -> impl IntoView {
    provide_session();
    // From the first paint on, a route the other app owns is reached by navigating inside
    // this one (a link); see `other_app_or_not_found`.
    request_animation_frame(|| APP_SHOWN.with(|shown| shown.set(true)));
    view! {
            <SkipLink />
            <div class="utrecht-page-layout loket-page">
                <PageHeader />
                // tabindex="-1": the skip link moves focus here, so the next Tab continues
                // inside the content instead of back at the top.
                <main id=MAIN_ID class="utrecht-page-body loket-main" tabindex="-1">
                    <div class="utrecht-page-body__content">{children()}</div>
                </main>
                <PageFooter />
            </div>
            <IdleWarning />
    }
}

thread_local! {
    /// Whether this page load has rendered its first route.
    static APP_SHOWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The fallback of both apps. A link to a page of the other app (the staff side's header
/// links to the start page; a resident's link to `/medewerker`) is loaded from the server,
/// which sends that app. A path that is nobody's, or one the server sent here on the first
/// load, is the 404 page — so a wrong page can never reload in a loop. Reactive on the path:
/// the router keeps one fallback view from one unknown path to the next.
fn other_app_or_not_found(staff_app: bool) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || {
        let path = location.pathname.get();
        let shown = APP_SHOWN.with(|shown| shown.get());
        if shown && is_staff_page(&path) != staff_app {
            let mut href = path;
            let (search, hash) = (
                location.search.get_untracked(),
                location.hash.get_untracked(),
            );
            if !search.is_empty() {
                href = format!("{href}?{search}");
            }
            if !hash.is_empty() {
                href = format!("{href}#{}", hash.trim_start_matches('#'));
            }
            // After the router has put the new address in the history (it does so after
            // rendering); `replace` keeps that one entry rather than adding a second.
            request_animation_frame(move || {
                let _ = window().location().replace(&href);
            });
            return ().into_any();
        }
        view! { <NotFound /> }.into_any()
    }
}

/// Entry point of either bundle (`app/resident`, `app/staff`): mounts `app` into `#app`.
///
/// Mounts into `#app`, replacing the static loading shell, rather than appending to
/// `<body>`: the shell is what residents see (and what `<noscript>` users keep) until now.
pub fn start<V: IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    let Some(root) = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::error!("Loket: #app placeholder missing from index.html");
        return;
    };
    root.set_text_content(None);
    leptos::mount::mount_to(root, app).forget();
}
