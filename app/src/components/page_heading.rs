//! The page's `<h1>` (NL DS "Heading", level 1), which also owns the per-page document title
//! and the focus move after client-side navigation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::html::H1;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::municipality::Municipality;

/// Remembers whether a page has been shown yet, so the first page after loading keeps the
/// browser's normal focus (top of the document) and only later navigations move focus.
#[derive(Clone, Default)]
///
/// (An atomic only because context values must be `Send + Sync`; the app is single-threaded.)
pub struct RouteFocus(Arc<AtomicBool>);

impl RouteFocus {
    /// True for every page shown after the first one.
    fn is_navigation(&self) -> bool {
        self.0.swap(true, Ordering::Relaxed)
    }
}

/// Heading level 1 for a page. `title` is the short page name for `document.title`
/// ("<title> – <municipality> Loket"); `text` is the visible heading.
///
/// # Accessibility
/// After a client-side route change, focus moves to this heading (`tabindex="-1"`), so a
/// screen reader announces the new page and keyboard users continue from its top, as with
/// a full page load (WCAG 2.4.3 Focus Order). The unique title per page serves WCAG 2.4.2.
#[component]
pub fn PageHeading(
    /// Visible heading text.
    #[prop(into)]
    text: Signal<String>,
    /// Short page name for the document title.
    #[prop(into)]
    title: Signal<String>,
    /// Id of the page's only input, when the heading is also its label (GOV.UK "question
    /// pages": the question is the `<h1>` and the label at once).
    #[prop(optional, into)]
    label_for: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let municipality = expect_context::<Municipality>().name;
    Effect::new(move |_| {
        let service = i18n.t().service_name;
        document().set_title(&format!("{} – {municipality} {service}", title.get()));
    });

    let heading = NodeRef::<H1>::new();
    // `use_context` rather than `expect_context`: the component stays usable outside the
    // App shell (e.g. in a component test) and then simply never moves focus.
    let is_navigation = use_context::<RouteFocus>().is_some_and(|f| f.is_navigation());
    if is_navigation {
        Effect::new(move |_| {
            if let Some(h1) = heading.get() {
                // Wait a frame: the router may still be attaching the new page to the DOM,
                // and focus() on a detached element does nothing.
                request_animation_frame(move || {
                    let _ = h1.focus();
                });
            }
        });
    }

    let content = match label_for {
        Some(id) => {
            view! { <label class="loket-page-heading__label" for=id>{text}</label> }.into_any()
        }
        None => text.into_any(),
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1 loket-page-heading" tabindex="-1" node_ref=heading>
            {content}
        </h1>
    }
}
