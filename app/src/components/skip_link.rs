//! Skip link (NL DS "Skip Link"): lets keyboard and screen-reader users jump past the header.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::MAIN_ID;

/// First focusable element of every page; visible only when focused.
///
/// # Accessibility
/// WCAG 2.4.1 (Bypass Blocks). The click handler moves focus to `<main>` explicitly: the
/// router would otherwise treat `#main` as a client-side navigation and the browser's own
/// "focus the fragment target" behaviour would not happen.
#[component]
pub fn SkipLink() -> impl IntoView {
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id(MAIN_ID) {
            if let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
                let _ = main.focus();
                main.scroll_into_view();
            }
        }
    };
    view! {
        <a class="nl-skip-link nl-skip-link--visible-on-focus" href=format!("#{MAIN_ID}") on:click=on_click>
            {tr(|t| t.skip_link)}
        </a>
    }
}
