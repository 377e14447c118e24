//! Loket SPA: the resident-facing portal, rendered client-side with Leptos.
//!
//! `index.html` ships a static shell (header, skip link, loading message, `<noscript>`)
//! inside `#app`; [`start`] replaces it with [`App`] once the wasm has loaded.

mod api;
mod components;
mod i18n;
mod municipality;
mod pages;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::prelude::*;
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

/// The application: page layout around the routed content.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Municipality::from_document());
    provide_i18n();
    provide_context(RouteFocus::default());

    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Everything inside the router (the session needs the router's navigation).
#[component]
fn Shell() -> impl IntoView {
    provide_session();
    pages::staff::provide_staff();
    view! {
            <SkipLink />
            <div class="utrecht-page-layout loket-page">
                <PageHeader />
                // tabindex="-1": the skip link moves focus here, so the next Tab continues
                // inside the content instead of back at the top.
                <main id=MAIN_ID class="utrecht-page-body loket-main" tabindex="-1">
                    <div class="utrecht-page-body__content">
                        <Routes fallback=NotFound>
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
                            <Route path=path!("/medewerker") view=staff::StaffHomePage />
                            <Route path=path!("/medewerker/inloggen") view=staff::StaffLoginPage />
                            <Route path=path!("/medewerker/zoeken") view=staff::StaffSearchPage />
                            <Route path=path!("/medewerker/zaken/:id") view=staff::StaffCasePage />
                            <Route path=path!("/medewerker/namens") view=staff::StaffOnBehalfPage />
                            <Route path=path!("/medewerker/namens/:id") view=staff::StaffOnBehalfFormPage />
                            <Route path=path!("/medewerker/werkvoorraad") view=staff::StaffOverviewPage />
                            <Route path=path!("/medewerker/toegangslog") view=staff::StaffAccessLogPage />
                        </Routes>
                    </div>
                </main>
                <PageFooter />
            </div>
            <IdleWarning />
    }
}

/// Entry point, run by wasm-bindgen's `init()` from the boot script.
///
/// Mounts into `#app`, replacing the static loading shell, rather than appending to
/// `<body>`: the shell is what residents see (and what `<noscript>` users keep) until now.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(root) = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::error!("Loket: #app placeholder missing from index.html");
        return;
    };
    root.set_text_content(None);
    leptos::mount::mount_to(root, App).forget();
}
