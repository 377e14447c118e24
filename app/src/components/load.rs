//! One loader for every page's data: a `LocalResource` inside `<Transition>` and
//! `<ErrorBoundary>`, instantiated ONCE for the whole app.
//!
//! Each page used to have its own resource type, and Leptos generates the resource, suspense
//! and error-boundary machinery per type (about 120 KB of raw wasm for eight pages). Here all
//! pages load a [`Loaded`] through a boxed future and render it through a boxed function, so
//! that machinery exists once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use loket_api::{CaseDetail, CaseSummary, Draft, Product, ProductDetail, Profile};

use crate::api::ApiResult;
use crate::components::{load_error_view, Loading};
use crate::pages::apply::Wizard;

/// Everything a page may load.
#[derive(Clone, Debug)]
pub enum Loaded {
    Products(Vec<Product>),
    Product(ProductDetail),
    Wizard(Wizard),
    Drafts(Vec<Draft>),
    Cases(Vec<CaseSummary>),
    Case(CaseDetail),
    Profile(Profile),
}

/// A page's fetch, boxed.
pub type LoadFuture = Pin<Box<dyn Future<Output = ApiResult<Loaded>>>>;

/// Boxes a fetch that answers one kind of [`Loaded`].
pub fn fetch<T: 'static, F>(
    make: impl Fn() -> F + Send + Sync + 'static,
    wrap: fn(T) -> Loaded,
) -> Arc<dyn Fn() -> LoadFuture + Send + Sync>
where
    F: Future<Output = ApiResult<T>> + 'static,
{
    Arc::new(move || {
        let future = make();
        Box::pin(async move { future.await.map(wrap) }) as LoadFuture
    })
}

/// Loads with `fetch` and shows `render(data)`; "Laden…" meanwhile; on failure the
/// not-found page, nothing (not logged in: the session redirects) or a retry.
#[component]
pub fn Load(
    /// Fetches the page's data.
    fetch: Arc<dyn Fn() -> LoadFuture + Send + Sync>,
    /// Renders it (a wrong variant renders nothing).
    render: Arc<dyn Fn(Loaded) -> AnyView + Send + Sync>,
    /// Fetches again (keeping the current content meanwhile) whenever this changes.
    #[prop(optional)]
    refresh: Option<RwSignal<u32>>,
) -> impl IntoView {
    let resource = LocalResource::new(move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        fetch()
    });
    view! {
        <Transition fallback=Loading>
            <ErrorBoundary fallback=move |errors| load_error_view(errors, move || resource.refetch())>
                {move || {
                    let render = render.clone();
                    Suspend::new(async move { resource.await.map(|data| render(data)) })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
