//! Page header (NL DS / Utrecht "Page Header"): the municipality's logo and name.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::municipality::Municipality;

/// The `banner` landmark. The logo and name link to the start page, the convention residents
/// know from other government sites.
#[component]
pub fn PageHeader() -> impl IntoView {
    let i18n = use_i18n();
    let municipality = expect_context::<Municipality>();
    view! {
        <header class="utrecht-page-header loket-header">
            <div class="utrecht-page-header__content loket-header__content">
                <A href="/" attr:class="loket-header__home">
                    // Decorative: the link's name is the text next to it (alt="" keeps screen
                    // readers from reading the municipality's name twice).
                    <img class="loket-header__logo" src=municipality.logo alt="" width="48" height="48" />
                    <span class="loket-header__name">{municipality.name}</span>
                    <span class="loket-header__service">{move || i18n.t().service_name}</span>
                </A>
            </div>
        </header>
    }
}
