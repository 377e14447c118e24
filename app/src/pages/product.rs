//! Product page (`/producten/{id}`): what it is, what you need, how long it takes, and the
//! start button of the application.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use loket_api::{ErrorCode, ProductDetail};

use crate::api;
use crate::components::{fetch, Load, Loaded, PageHeading};
use crate::i18n::{tr, use_i18n};
use crate::pages::apply::{first_step_url, remember_wizard, Wizard};
use crate::pages::catalogue::handling_text;
use crate::session::{login_url, use_session};

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        let load = fetch(
            move || {
                let id = id.clone();
                async move { api::product(&id).await }
            },
            Loaded::Product,
        );
        let render = Arc::new(|loaded: Loaded| match loaded {
            Loaded::Product(d) => view! { <ProductView detail=d /> }.into_any(),
            _ => ().into_any(),
        });
        view! { <Load fetch=load render=render /> }
    }
}

#[component]
fn ProductView(detail: ProductDetail) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let product = detail.product.clone();
    let failed = RwSignal::new(None::<Option<ErrorCode>>);

    let start = Action::new_local({
        let navigate = navigate.clone();
        move |detail: &ProductDetail| {
            let detail = detail.clone();
            let navigate = navigate.clone();
            async move {
                match api::create_draft(detail.product.id.clone()).await {
                    Ok(draft) => {
                        let url = first_step_url(&draft.id, &detail);
                        remember_wizard(Wizard {
                            draft,
                            detail,
                            uploads: Vec::new(),
                        });
                        navigate(&url, NavigateOptions::default());
                    }
                    Err(e) if e.is_not_authenticated() => {}
                    Err(e) => failed.set(Some(e.code())),
                }
            }
        }
    });
    let on_start = {
        let detail = detail.clone();
        move |_| {
            if start.pending().get_untracked() {
                return;
            }
            if session.logged_in.get_untracked() {
                failed.set(None);
                start.dispatch(detail.clone());
            } else {
                navigate(
                    &login_url(&format!("/producten/{}", detail.product.id)),
                    NavigateOptions::default(),
                );
            }
        }
    };

    let title = product.title.clone();
    let documents = product.documents.clone();
    let days = product.handling_days;
    view! {
        <PageHeading text=Signal::stored(title.clone()) title=Signal::stored(title) />
        <p class="nl-paragraph nl-paragraph--lead">{product.summary.clone()}</p>
        <p class="nl-paragraph">{product.description.clone()}</p>

        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.product_needed_heading)}</h2>
        {if documents.is_empty() {
            view! { <p class="nl-paragraph">{tr(|t| t.product_needed_none)}</p> }.into_any()
        } else {
            view! {
                <p class="nl-paragraph">{tr(|t| t.product_needed_intro)}</p>
                <ul class="utrecht-unordered-list">
                    {documents.into_iter().map(|d| view! {
                        <li class="utrecht-unordered-list__item">{d.title}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p class="nl-paragraph">{tr(|t| t.product_needed_digid)}</p>

        <h2 class="nl-heading nl-heading--level-2">{tr(|t| t.product_handling_heading)}</h2>
        <p class="nl-paragraph">
            {move || handling_text(i18n.t(), days).unwrap_or_else(|| i18n.t().product_handling_unknown.to_owned())}
        </p>

        {move || failed.get().map(|code| view! {
            <div class="loket-alert loket-alert--error" role="alert">
                <p class="nl-paragraph">
                    {move || if code == Some(ErrorCode::ProductUnavailable) {
                        i18n.t().product_unavailable
                    } else {
                        i18n.t().product_start_failed
                    }}
                </p>
            </div>
        })}
        <button
            type="button"
            class="nl-button nl-button--primary loket-start-button"
            aria-disabled=move || start.pending().get().then_some("true")
            on:click=on_start
        >
            {product.action.clone()}
        </button>
    }
}
