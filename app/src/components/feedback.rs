//! Feedback blocks: loading text, load errors (with retry), one-off notices, and the
//! GOV.UK-style error summary of a form.

use leptos::html::Div;
use leptos::prelude::*;
use loket_api::{ErrorCode, FieldErrorCode};
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, Texts};
use crate::pages::NotFound;
use crate::session::{use_session, Flash};

/// "Loading…" placeholder for `<Transition fallback>`. A polite status, so screen readers
/// hear that something is happening without losing their place.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="nl-paragraph loket-loading-text" role="status">{tr(|t| t.loading)}</p> }
}

/// The text for a field error code.
pub fn field_error_text(t: &'static Texts, code: FieldErrorCode) -> &'static str {
    match code {
        FieldErrorCode::Required => t.err_required,
        FieldErrorCode::TooLong => t.err_too_long,
        FieldErrorCode::NotANumber => t.err_not_a_number,
        FieldErrorCode::NumberTooLong => t.err_number_too_long,
        FieldErrorCode::InvalidDate => t.err_invalid_date,
        FieldErrorCode::NotAnOption => t.err_not_an_option,
        FieldErrorCode::InvalidEmail => t.err_invalid_email,
        FieldErrorCode::InvalidPhone => t.err_invalid_phone,
        FieldErrorCode::InvalidBsn => t.err_invalid_bsn,
        FieldErrorCode::UnknownField => t.err_unknown_field,
        FieldErrorCode::FileEmpty => t.err_file_empty,
        FieldErrorCode::FileTooLarge => t.err_file_too_large,
        FieldErrorCode::FileTypeNotAllowed => t.err_file_type_not_allowed,
        FieldErrorCode::FileInfected => t.err_file_infected,
        FieldErrorCode::FileScanFailed => t.err_file_scan_failed,
        FieldErrorCode::UploadIncomplete => t.err_upload_incomplete,
        FieldErrorCode::InvalidPostcode => t.err_invalid_postcode,
    }
}

/// What went wrong while loading a page's data, as the `<ErrorBoundary>` fallback:
/// the 404 page for "not found", nothing for "not logged in" (the session redirects to the
/// login page), otherwise an explanation and a retry button.
pub fn load_error_view(
    errors: ArcRwSignal<Errors>,
    retry: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api_error = move || {
        errors.with(|e| {
            e.iter()
                .find_map(|(_, err)| err.downcast_ref::<ApiError>().cloned())
                .unwrap_or(ApiError::Network)
        })
    };
    move || {
        let error = api_error();
        if error.is_not_found() {
            return view! { <NotFound /> }.into_any();
        }
        if error.is_not_authenticated() {
            return ().into_any();
        }
        let unavailable = error.code() == Some(ErrorCode::CaseApiUnavailable);
        let retry = retry.clone();
        view! {
            <div class="loket-alert loket-alert--error" role="alert">
                <p class="nl-paragraph">
                    {move || if unavailable { i18n.t().load_unavailable } else { i18n.t().load_failed }}
                </p>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| retry()>
                    {tr(|t| t.retry)}
                </button>
            </div>
        }
        .into_any()
    }
}

/// A one-off message for this page (set by the page that redirected here), read once.
#[component]
pub fn FlashNotice() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_session().take_flash();
    flash.map(|flash| {
        let text = move || {
            let t = i18n.t();
            match flash {
                Flash::LoggedOut => t.flash_logged_out,
                Flash::SessionEnded => t.flash_session_ended,
                Flash::LoginNeeded => t.flash_login_needed,
            }
        };
        view! {
            <div class="loket-alert loket-alert--info" role="status">
                <p class="nl-paragraph">{text}</p>
            </div>
        }
    })
}

/// One line of an error summary: the message, linking to the field (`#id`) or to the page
/// where it can be fixed (a path).
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryItem {
    /// `#field-id` or `/path`.
    pub href: String,
    pub text: String,
}

/// GOV.UK error summary: shown above the form when it has errors, focused each time the
/// errors are (re)set, with a link per error to the field.
///
/// # Accessibility
/// Focus moves to the summary (`tabindex="-1"`) so screen readers read it out; the
/// `role="alert"` sits inside the focused element (GOV.UK avoids a race that way). Each link
/// moves focus to its field (WCAG 3.3.1 Error Identification, 2.4.3 Focus Order).
#[component]
pub fn ErrorSummary(#[prop(into)] items: Signal<Vec<SummaryItem>>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let has_errors = items.with(|i| !i.is_empty());
        if let (true, Some(el)) = (has_errors, node.get()) {
            request_animation_frame(move || {
                let _ = el.focus();
            });
        }
    });
    move || {
        let list = items.get();
        (!list.is_empty()).then(|| {
            let links = list
                .into_iter()
                .map(|item| {
                    let href = item.href.clone();
                    let on_click = move |ev: leptos::ev::MouseEvent| {
                        if let Some(id) = href.strip_prefix('#') {
                            ev.prevent_default();
                            focus_by_id(id);
                        }
                    };
                    view! {
                        <li class="loket-error-summary__item">
                            <a class="nl-link" href=item.href on:click=on_click>{item.text}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="loket-error-summary" tabindex="-1" node_ref=node>
                    <div role="alert">
                        <h2 id="loket-error-summary-title" class="nl-heading nl-heading--level-2 loket-error-summary__title">
                            {tr(|t| t.error_heading)}
                        </h2>
                        <ul class="loket-error-summary__list">{links}</ul>
                    </div>
                </div>
            }
        })
    }
}

/// Focuses an element by id and scrolls it into view (error summary links, skip links).
pub fn focus_by_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// An inline field error (`utrecht-form-field-error-message`), with a hidden "Error:" prefix
/// so the message is not only conveyed by colour.
#[component]
pub fn FieldErrorMessage(
    /// Element id, referenced by the input's `aria-describedby`.
    #[prop(into)]
    id: String,
    /// The message.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <p id=id class="utrecht-form-field-error-message loket-field-error">
            <span class="loket-visually-hidden">{tr(|t| t.error_prefix)}" "</span>
            {text}
        </p>
    }
}
