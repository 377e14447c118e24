//! "Mijn aanvragen" (`/mijn-aanvragen`): requests started but not sent, to resume or delete.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use loket_api::Draft;

use crate::api;
use crate::components::{fetch, focus_by_id, Load, Loaded, PageHeading};
use crate::i18n::{fill_in, format_date, tr, tr_signal, use_i18n};
use crate::pages::apply::{forget_wizard, resume_url};
use crate::session::RequireLogin;

/// The drafts page.
#[component]
pub fn DraftsPage() -> impl IntoView {
    // The drafts may have changed on another device: resume from the server's copy.
    forget_wizard();
    view! {
        <PageHeading
            text=tr_signal(|t| t.drafts_heading)
            title=tr_signal(|t| t.drafts_title)
        />
        <RequireLogin>
            <DraftList />
        </RequireLogin>
    }
}

#[component]
fn DraftList() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    // The draft whose delete is being confirmed.
    let confirming = RwSignal::new(None::<String>);
    let deleted = RwSignal::new(false);
    let delete_failed = RwSignal::new(false);

    let delete = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            match api::delete_draft(&id).await {
                Ok(()) => {
                    confirming.set(None);
                    deleted.set(true);
                    version.update(|v| *v += 1);
                    focus_by_id("loket-drafts-status");
                }
                Err(e) if e.is_not_authenticated() => {}
                Err(_) => delete_failed.set(true),
            }
        }
    });

    let item = move |draft: Draft| {
        let id = draft.id.clone();
        let is_confirming = {
            let id = id.clone();
            move || confirming.get().as_deref() == Some(id.as_str())
        };
        let question_id = format!("verwijderen-{}", draft.id);
        let title = draft.product_title.clone();
        let updated = draft.updated_at.clone();
        let ask = {
            let (id, question_id) = (id.clone(), question_id.clone());
            move |_| {
                delete_failed.set(false);
                confirming.set(Some(id.clone()));
                let question_id = question_id.clone();
                request_animation_frame(move || focus_by_id(&question_id));
            }
        };
        let confirm = {
            let id = id.clone();
            move |_| {
                if !delete.pending().get_untracked() {
                    delete.dispatch(id.clone());
                }
            }
        };
        let title_hidden = title.clone();
        view! {
            <li class="loket-card">
                <h2 class="nl-heading nl-heading--level-3 loket-card__title">{title.clone()}</h2>
                <p class="nl-paragraph loket-card__meta">
                    {move || fill_in(i18n.t().drafts_saved, &[("datum", &format_date(i18n.t(), &updated))])}
                </p>
                <Show
                    when=is_confirming.clone()
                    fallback={
                        let href = resume_url(&draft);
                        let ask = ask.clone();
                        let title = title_hidden.clone();
                        move || {
                            let title = title.clone();
                            let title2 = title.clone();
                            view! {
                                <div class="loket-button-group">
                                    <A href=href.clone() attr:class="nl-button nl-button--primary loket-button-link">
                                        {tr(|t| t.drafts_continue)}
                                        <span class="loket-visually-hidden">" – " {title.clone()}</span>
                                    </A>
                                    <button type="button" class="nl-button nl-button--secondary" on:click=ask.clone()>
                                        {tr(|t| t.drafts_delete)}
                                        <span class="loket-visually-hidden">" – " {title2.clone()}</span>
                                    </button>
                                </div>
                            }
                        }
                    }
                >
                    <div class="loket-confirm">
                        <p id=question_id.clone() class="nl-paragraph loket-confirm__question" tabindex="-1">
                            {tr(|t| t.drafts_confirm)}
                        </p>
                        <div class="loket-button-group">
                            <button type="button" class="nl-button nl-button--primary nl-button--negative" on:click=confirm.clone()>
                                {tr(|t| t.drafts_confirm_yes)}
                            </button>
                            <button type="button" class="nl-button nl-button--secondary" on:click=move |_| confirming.set(None)>
                                {tr(|t| t.drafts_confirm_no)}
                            </button>
                        </div>
                        {move || delete_failed.get().then(|| view! {
                            <p class="loket-field-error" role="alert">{tr(|t| t.drafts_delete_failed)}</p>
                        })}
                    </div>
                </Show>
            </li>
        }
    };

    view! {
        <p class="nl-paragraph">{tr(|t| t.drafts_intro)}</p>
        <div id="loket-drafts-status" role="status" tabindex="-1" class="loket-status">
            {move || deleted.get().then(|| view! {
                <div class="loket-alert loket-alert--info"><p class="nl-paragraph">{tr(|t| t.flash_draft_deleted)}</p></div>
            })}
        </div>
        {move || {
            // A new version (after a delete) loads the list again.
            let _ = version.get();
            let render = Arc::new(move |loaded: Loaded| {
                let Loaded::Drafts(list) = loaded else {
                    return ().into_any();
                };
                if list.is_empty() {
                    view! {
                        <p class="nl-paragraph">{tr(|t| t.drafts_empty)}</p>
                        <p class="nl-paragraph">
                            <A href="/producten" attr:class="nl-link">{tr(|t| t.drafts_empty_link)}</A>
                        </p>
                    }
                    .into_any()
                } else {
                    view! { <ul class="loket-card-list">{list.into_iter().map(item).collect_view()}</ul> }.into_any()
                }
            });
            view! { <Load fetch=fetch(api::drafts, Loaded::Drafts) render=render /> }
        }}
    }
}
