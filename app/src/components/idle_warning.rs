//! The idle-timeout warning: two minutes before a session ends, a modal dialog offers to
//! stay logged in. [`IdleDialog`] is the dialog; [`IdleWarning`] is the resident's, the staff
//! app has its own around the same dialog (`pages::staff::StaffIdleWarning`).

use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::i18n::{tr, tr_signal};
use crate::session::{logout, use_session};

/// The resident's idle warning, opened by the session's idle timer.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    view! {
        <IdleDialog
            id="loket-idle"
            open=session.warning_open
            heading=tr_signal(|t| t.idle_heading)
            text=tr_signal(|t| t.idle_text)
            on_stay=Callback::new(|()| {
                leptos::task::spawn_local(async {
                    let _ = api::extend().await;
                });
            })
            on_logout=Callback::new(move |()| logout(session, navigate.clone()))
        />
    }
}

/// A modal `<dialog role="alertdialog">`, rendered while `open` is true: "stay logged in"
/// or "log out now". Either choice closes it first.
///
/// # Accessibility
/// `showModal()` makes the rest of the page inert and traps focus; focus goes to "Ingelogd
/// blijven". Escape counts as "stay logged in" (the user clearly is there).
/// WCAG 2.2.1 Timing Adjustable: the user is warned and can extend with one action.
#[component]
pub fn IdleDialog(
    /// Prefix of the ids that name and describe the dialog.
    id: &'static str,
    open: RwSignal<bool>,
    heading: Signal<String>,
    text: Signal<String>,
    on_stay: Callback<()>,
    on_logout: Callback<()>,
) -> impl IntoView {
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
        open.set(false);
        on_stay.run(());
    };
    let title_id = format!("{id}-title");
    let text_id = format!("{id}-text");

    move || {
        let (labelled_by, described_by) = (title_id.clone(), text_id.clone());
        let (title_id, text_id) = (title_id.clone(), text_id.clone());
        open.get().then(|| view! {
        <dialog
            class="loket-dialog"
            node_ref=dialog
            role="alertdialog"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                stay();
            }
        >
            <h2 id=title_id class="nl-heading nl-heading--level-2">{heading}</h2>
            <p id=text_id class="nl-paragraph">{text}</p>
            <div class="loket-button-group">
                <button type="button" class="nl-button nl-button--primary" node_ref=stay_button on:click=move |_| stay()>
                    {tr(|t| t.idle_stay)}
                </button>
                <button
                    type="button"
                    class="nl-button nl-button--secondary"
                    on:click=move |_| {
                        open.set(false);
                        on_logout.run(());
                    }
                >
                    {tr(|t| t.idle_logout)}
                </button>
            </div>
        </dialog>
        })
    }
}
