//! Start page (`/`): what a resident can do here and how to get help otherwise.
//!
//! Links only to pages that exist: uploading documents has no page yet, so that task has
//! no link (a "coming soon" teaser would only frustrate residents).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{FlashNotice, PageHeading};
use crate::i18n::{fill, tr, tr_signal, use_i18n};
use crate::municipality::Municipality;

/// The portal's home page.
#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let name = expect_context::<Municipality>().name;
    let lead = {
        let name = name.clone();
        move || fill(i18n.t().start_lead, &name)
    };
    let help = move || fill(i18n.t().start_help_text, &name);
    view! {
        <PageHeading
            text=tr_signal(|t| t.start_heading)
            title=tr_signal(|t| t.start_title)
        />
        <FlashNotice />
        <p class="nl-paragraph nl-paragraph--lead">{lead}</p>

        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.start_tasks_heading)}</h2>
        <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
                {tr(|t| t.start_task_apply)}" "
                <A href="/producten" attr:class="nl-link">{tr(|t| t.start_task_apply_link)}</A>
            </li>
            <li class="utrecht-unordered-list__item">
                {tr(|t| t.start_task_follow)}" "
                <A href="/mijn-zaken" attr:class="nl-link">{tr(|t| t.start_task_follow_link)}</A>
            </li>
            <li class="utrecht-unordered-list__item">{tr(|t| t.start_task_upload)}</li>
        </ul>

        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.start_help_heading)}</h2>
        <p class="nl-paragraph">{help}</p>
    }
}
