//! The idle-timeout warning: two minutes before the session ends, a modal dialog offers to
//! stay logged in.

use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::i18n::tr;
use crate::session::{logout, use_session};

/// A modal `<dialog role="alertdialog">` opened by the session's idle timer.
///
/// # Accessibility
/// `showModal()` makes the rest of the page inert and traps focus; focus goes to "Ingelogd
/// blijven". Escape counts as "stay logged in" (the resident clearly is there).
/// WCAG 2.2.1 Timing Adjustable: the resident is warned and can extend with one action.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let dialog = NodeRef::<Dialog>::new();
    let stay_button = NodeRef::<Button>::new();

    // The dialog exists only while open (a closed one would still hold two buttons that
    // keyboard users can't reach); once rendered, open it as a modal and focus "stay".
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            if !el.open() {
                let _ = el.show_modal();
                if let Some(b) = stay_button.get_untracked() {
                    let _ = b.focus();
                }
            }
        }
    });

    let stay = move || {
        session.warning_open.set(false);
        leptos::task::spawn_local(async {
            let _ = api::extend().await;
        });
    };
    let stay_on_cancel = stay;

    move || {
        let navigate = navigate.clone();
        session.warning_open.get().then(|| view! {
        <dialog
            class="loket-dialog"
            node_ref=dialog
            role="alertdialog"
            aria-labelledby="loket-idle-title"
            aria-describedby="loket-idle-text"
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                stay_on_cancel();
            }
        >
            <h2 id="loket-idle-title" class="nl-heading nl-heading--level-2">{tr(|t| t.idle_heading)}</h2>
            <p id="loket-idle-text" class="nl-paragraph">{tr(|t| t.idle_text)}</p>
            <div class="loket-button-group">
                <button type="button" class="nl-button nl-button--primary" node_ref=stay_button on:click=move |_| stay()>
                    {tr(|t| t.idle_stay)}
                </button>
                <button
                    type="button"
                    class="nl-button nl-button--secondary"
                    on:click=move |_| {
                        session.warning_open.set(false);
                        logout(session, navigate.clone());
                    }
                >
                    {tr(|t| t.idle_logout)}
                </button>
            </div>
        </dialog>
        })
    }
}
