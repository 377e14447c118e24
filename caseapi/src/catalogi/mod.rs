//! The Catalogi API 1.3.1: catalogussen and the types zaken and documents are made of
//! (zaaktypen with their statustypen, roltypen, eigenschappen, resultaattypen and
//! zaakobjecttypen;
//! informatieobjecttypen and the zaaktype-informatieobjecttype links; besluittypen).
//!
//! Every resource is stored by the storage rule (see `store.rs`): its table row's `data` is the
//! served JSON, with derived fields (`zaaktype.statustypen`, `statustype.isEindstatus`,
//! `catalogus.zaaktypen`, …) rewritten by the writes that change them, in the same
//! transaction ([`derived`]). Other modules can therefore read a type with
//! `store::get(&api.db, "zaaktypen", uuid)` or, with URL parsing included, [`lookup`].
//!
//! Zaaktypen, informatieobjecttypen and besluittypen are versioned and start as concepts;
//! `POST /{type}/{uuid}/publish` makes them definitive, after which they and the sub-types of a
//! published zaaktype can no longer be changed or deleted ([`rules`]).
//!
//! Deliberate differences from the letter of the 1.3.1 OAS, all as Open Zaak behaves:
//! `zaaktype.informatieobjecttypen` and `informatieobjecttype.zaaktypen` are arrays of URLs
//! (the OAS says `string`: VNG-Realisatie/gemma-zaken#2521, #2522);
//! `zaaktype-informatieobjecttype.informatieobjecttype` accepts an omschrijving or a URL and is
//! served as the URL of the current version; DELETE answers 204 everywhere; references to the
//! external Selectielijst/Referentielijsten API are checked for URL shape only, so
//! `resultaattype.omschrijvingGeneriek` is served empty.

mod besluittype;
mod catalogus;
mod derived;
mod eigenschap;
mod handlers;
mod informatieobjecttype;
mod kind;
mod parts;
mod references;
mod resultaattype;
mod roltype;
mod rules;
pub mod seed;
mod statustype;
mod storage;
mod zaakobjecttype;
mod zaaktype;
mod ziot;

use axum::Router;
use serde_json::Value;

pub use kind::Kind;

use crate::error::ApiError;
use crate::urls::Api;
use crate::CaseApi;

/// Routes of the Catalogi API, relative to its root.
pub fn router() -> Router<CaseApi> {
    Kind::ALL.iter().fold(Router::new(), |router, kind| {
        router.merge(handlers::routes(*kind))
    })
}

/// The served JSON of the catalogi resource that `url` points at, if `url` is a URL of this
/// provider's Catalogi API for a resource of `kind` that exists. For the Zaken and Documenten
/// APIs, which reference types by URL: check `concept` (must be `false` for use) yourself.
pub async fn lookup(api: &CaseApi, kind: Kind, url: &str) -> Result<Option<Value>, ApiError> {
    match api.urls.parse(url, Api::Catalogi, kind.collection()) {
        Some(uuid) => crate::store::get(&api.db, kind.table(), uuid).await,
        None => Ok(None),
    }
}
