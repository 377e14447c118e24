//! The Documenten API 1.4.3: enkelvoudiginformatieobjecten (documents with versions, locking,
//! inline base64 content or the large-file `bestandsdelen` flow, streamed downloads),
//! objectinformatieobjecten (the mirror of relations kept by the Zaken API), gebruiksrechten
//! and the audit trail.
//!
//! Contents are files under the documents dir, never database rows: `<uuid>/<versie>` for
//! versions, `parts/<uuid>` for parts of an upload in progress and `tmp/<random>.upload` for
//! inline content while its request is being read (renamed to its version once valid; see
//! [`inline`]). A file is written (and synced) before the transaction that makes it visible
//! commits, so a crash leaves at worst an unreferenced file, never metadata without content.

mod bestandsdeel;
mod document;
pub mod inline;
mod relations;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use axum::Router;

pub use relations::{document_for_url, link_object, unlink_object};

/// Brings rows written before a migration up to date (see `relations::backfill_gebruiksrechten`);
/// [`crate::CaseApi::open`] runs it after the migrations. Returns how many rows it changed.
pub async fn backfill(db: &crate::db::Db) -> Result<u64, crate::ApiError> {
    relations::backfill_gebruiksrechten(db).await
}

use crate::CaseApi;

/// Part size of the large-file flow (Open Zaak defaults to one 4 GiB part; smaller parts let
/// an interrupted upload resume with less to send again).
pub const DEFAULT_PART_SIZE: u64 = 100 * 1024 * 1024;

/// Largest body of the JSON endpoints that never carry file content (`_zoek`, `lock`,
/// `unlock`), which are read whole. Document bodies (POST, PUT, PATCH of
/// enkelvoudiginformatieobjecten) are streamed instead, up to [`MAX_INLINE_BODY`].
pub const MAX_JSON_BODY: usize = 16 * 1024 * 1024;

pub use inline::{MAX_INLINE_BODY, MAX_INLINE_FILE, MAX_METADATA};

/// Routes of the Documenten API, relative to its root.
pub fn router() -> Router<CaseApi> {
    Router::new()
        .route(
            "/enkelvoudiginformatieobjecten",
            get(document::list).post(document::create),
        )
        .route(
            "/enkelvoudiginformatieobjecten/_zoek",
            post(document::search),
        )
        .route(
            "/enkelvoudiginformatieobjecten/{uuid}",
            get(document::detail)
                .put(document::update)
                .patch(document::partial_update)
                .delete(document::destroy),
        )
        .route(
            "/enkelvoudiginformatieobjecten/{uuid}/download",
            get(document::download),
        )
        .route(
            "/enkelvoudiginformatieobjecten/{uuid}/lock",
            post(document::lock),
        )
        .route(
            "/enkelvoudiginformatieobjecten/{uuid}/unlock",
            post(document::unlock),
        )
        .route(
            "/enkelvoudiginformatieobjecten/{uuid}/audittrail",
            get(document::audittrail_list),
        )
        .route(
            "/enkelvoudiginformatieobjecten/{uuid}/audittrail/{audit_uuid}",
            get(document::audittrail_detail),
        )
        // Document bodies are not buffered: their extractor (`inline::DocumentBody`) reads the
        // body as a stream and applies MAX_INLINE_BODY itself; this limit is for the others.
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
        .route(
            "/bestandsdelen/{uuid}",
            // The part is streamed to disk and its size checked against `omvang` as it arrives.
            put(bestandsdeel::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/objectinformatieobjecten", get(relations::oio_list))
        .route(
            "/objectinformatieobjecten/{uuid}",
            get(relations::oio_detail),
        )
        .route(
            "/gebruiksrechten",
            get(relations::gebruiksrechten_list).post(relations::gebruiksrechten_create),
        )
        .route(
            "/gebruiksrechten/{uuid}",
            get(relations::gebruiksrechten_detail)
                .put(relations::gebruiksrechten_update)
                .patch(relations::gebruiksrechten_partial_update)
                .delete(relations::gebruiksrechten_destroy),
        )
}
