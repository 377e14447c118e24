//! Start page (`/`): what a resident can do here and how to get help otherwise.
//!
//! Deliberately no links yet: the feature pages arrive in later issues, and a link to a
//! page that doesn't exist (or a "coming soon" teaser) would only frustrate residents.

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::{fill, use_i18n};
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
            text=Signal::derive(move || i18n.t().start_heading.to_owned())
            title=Signal::derive(move || i18n.t().start_title.to_owned())
        />
        <p class="nl-paragraph nl-paragraph--lead">{lead}</p>

        <h2 class="nl-heading nl-heading--level-2">{move || i18n.t().start_tasks_heading}</h2>
        <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">{move || i18n.t().start_task_apply}</li>
            <li class="utrecht-unordered-list__item">{move || i18n.t().start_task_follow}</li>
            <li class="utrecht-unordered-list__item">{move || i18n.t().start_task_upload}</li>
        </ul>

        <h2 class="nl-heading nl-heading--level-2">{move || i18n.t().start_help_heading}</h2>
        <p class="nl-paragraph">{help}</p>
    }
}
