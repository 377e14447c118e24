//! 404 page: the router's fallback for any path no route matches.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeading;
use crate::i18n::{fill, tr, tr_signal, use_i18n};
use crate::municipality::Municipality;

/// Shown for unknown URLs. The server answers SPA deep links with `index.html`, so "not
/// found" is decided here, and the page must offer a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let name = expect_context::<Municipality>().name;
    view! {
        <PageHeading
            text=tr_signal(|t| t.not_found_heading)
            title=tr_signal(|t| t.not_found_title)
        />
        <p class="nl-paragraph">{tr(|t| t.not_found_text)}</p>
        <p class="nl-paragraph">
            <A href="/" attr:class="nl-link">{tr(|t| t.not_found_home_link)}</A>
        </p>
        <p class="nl-paragraph">{move || fill(i18n.t().not_found_help_text, &name)}</p>
    }
}
