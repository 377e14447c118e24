//! Language switch: a group of toggle buttons, one per language.

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Lang};

/// Shows every language by its own name, with the current one marked as pressed.
///
/// # Accessibility
/// Buttons, not links: switching changes this page in place, it does not navigate.
/// `aria-pressed` tells which language is active; `lang` on each button makes screen
/// readers pronounce "English" and "Nederlands" correctly (WCAG 3.1.2 Language of Parts).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let buttons = Lang::ALL.map(|lang| {
        let pressed = move || i18n.lang() == lang;
        view! {
            <button
                type="button"
                class="nl-button nl-button--secondary loket-language-switch__button"
                class:nl-button--pressed=pressed
                lang=lang.code()
                aria-pressed=move || if pressed() { "true" } else { "false" }
                on:click=move |_| i18n.set(lang)
            >
                {lang.native_name()}
            </button>
        }
    });
    view! {
        <div class="loket-language-switch" role="group" aria-labelledby="loket-language-switch-label">
            <span id="loket-language-switch-label" class="loket-language-switch__label">
                {tr(|t| t.language_label)}
            </span>
            {buttons}
        </div>
    }
}
