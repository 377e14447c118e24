//! Page footer (NL DS / Utrecht "Page Footer"): contact, accessibility, privacy, language.

use leptos::prelude::*;

use crate::components::LanguageSwitch;
use crate::i18n::{fill, use_i18n};
use crate::municipality::Municipality;

/// The `contentinfo` landmark. Always says how to reach the municipality without the
/// portal: not every resident can or wants to finish online.
#[component]
pub fn PageFooter() -> impl IntoView {
    let i18n = use_i18n();
    let name = expect_context::<Municipality>().name;
    let section = move |heading: fn(&crate::i18n::Texts) -> &'static str,
                        text: fn(&crate::i18n::Texts) -> &'static str| {
        let name = name.clone();
        view! {
            <section class="loket-footer__section">
                <h2 class="nl-heading nl-heading--level-2 loket-footer__heading">
                    {move || heading(i18n.t())}
                </h2>
                <p class="nl-paragraph">{move || fill(text(i18n.t()), &name)}</p>
            </section>
        }
    };
    view! {
        <footer class="utrecht-page-footer loket-footer">
            <div class="utrecht-page-footer__content loket-footer__content">
                {section(|t| t.footer_contact_heading, |t| t.footer_contact_text)}
                {section(|t| t.footer_accessibility_heading, |t| t.footer_accessibility_text)}
                {section(|t| t.footer_privacy_heading, |t| t.footer_privacy_text)}
                <LanguageSwitch />
            </div>
        </footer>
    }
}
