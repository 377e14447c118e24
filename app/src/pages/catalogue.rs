//! Catalogue (`/producten`): every product a resident can request, with a search field that
//! filters as you type.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use loket_api::Product;

use crate::api;
use crate::components::{fetch, Load, Loaded, PageHeading};
use crate::i18n::{fill_in, tr, tr_signal, use_i18n, Texts};

/// True if every word of the query occurs in the title, summary or keywords.
pub fn matches(product: &Product, query: &str) -> bool {
    let haystack = format!(
        "{} {} {}",
        product.title,
        product.summary,
        product.keywords.join(" ")
    )
    .to_ascii_lowercase();
    query
        .to_ascii_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// "Behandeltijd: maximaal N dagen", if the product has one.
pub fn handling_text(t: &Texts, days: Option<u32>) -> Option<String> {
    days.map(|n| fill_in(t.handling_days, &[("n", &n.to_string())]))
}

/// The catalogue page.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());

    let list = move |loaded: Loaded| {
        let Loaded::Products(all) = loaded else {
            return ().into_any();
        };
        {
            {
                let found = Memo::new(move |_| {
                    let q = query.get();
                    all.iter()
                        .filter(|p| matches(p, &q))
                        .cloned()
                        .collect::<Vec<_>>()
                });
                let count = move || {
                    let t = i18n.t();
                    match found.with(Vec::len) {
                        0 => t.results_none.to_owned(),
                        1 => t.results_one.to_owned(),
                        n => fill_in(t.results_many, &[("n", &n.to_string())]),
                    }
                };
                view! {
                    <p class="nl-paragraph loket-result-count" role="status" aria-live="polite">{count}</p>
                    <ul class="loket-card-list">
                        <For each=move || found.get() key=|p| p.id.clone() let(p)>
                            <li class="loket-card">
                                <h2 class="nl-heading nl-heading--level-3 loket-card__title">
                                    <A href=format!("/producten/{}", p.id) attr:class="nl-link">{p.title.clone()}</A>
                                </h2>
                                <p class="nl-paragraph">{p.summary.clone()}</p>
                                {move || handling_text(i18n.t(), p.handling_days).map(|text| view! {
                                    <p class="nl-paragraph loket-card__meta">{text}</p>
                                })}
                            </li>
                        </For>
                    </ul>
                }
                .into_any()
            }
        }
    };

    view! {
        <PageHeading
            text=tr_signal(|t| t.catalogue_title)
            title=tr_signal(|t| t.catalogue_title)
        />
        <p class="nl-paragraph nl-paragraph--lead">{tr(|t| t.catalogue_intro)}</p>
        <form class="loket-search" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="utrecht-form-label loket-label" for="zoek-product">{tr(|t| t.search_label)}</label>
            <input
                class="loket-input"
                id="zoek-product"
                type="search"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </form>
        <Load fetch=fetch(api::catalogue, Loaded::Products) render=Arc::new(list) />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product() -> Product {
        Product {
            id: "1".into(),
            title: "Kapvergunning".into(),
            summary: "Een boom kappen".into(),
            description: String::new(),
            action: "Aanvragen".into(),
            handling_days: Some(56),
            keywords: vec!["boom".into(), "hout".into()],
            documents: vec![],
        }
    }

    #[test]
    fn search_matches_every_word_anywhere() {
        assert!(matches(&product(), ""));
        assert!(matches(&product(), "KAP"));
        assert!(matches(&product(), "hout kappen"));
        assert!(!matches(&product(), "parkeren"));
    }
}
