//! The large-file flow: a document created with `bestandsomvang` and no `inhoud` gets parts
//! (bestandsdelen) that are uploaded one by one as `multipart/form-data` (`inhoud`, `lock`).
//! Each part is streamed to its own file while its size is checked; sending a part again
//! replaces it, which is how an interrupted upload resumes. `unlock` assembles the parts.

use std::path::{Path as FsPath, PathBuf};

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};
use sqlx::Row;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::respond;
use crate::urls::Api;
use crate::{store, CaseApi};

/// One part as stored (its order is the order [`parts_of`] returns).
pub(super) struct Part {
    pub uuid: Uuid,
    pub voltooid: bool,
}

fn part_path(api: &CaseApi, uuid: Uuid) -> PathBuf {
    api.documents_dir.join("parts").join(uuid.to_string())
}

/// The parts of a document in volgnummer order.
pub(super) async fn parts_of(api: &CaseApi, document: Uuid) -> Result<Vec<Part>, ApiError> {
    let rows = sqlx::query(
        "SELECT uuid, voltooid FROM bestandsdelen WHERE document_uuid = $1 ORDER BY volgnummer",
    )
    .bind(document.to_string())
    .fetch_all(api.db.reader())
    .await?;
    rows.iter()
        .map(|row| {
            let uuid: String = row.try_get(0)?;
            Ok(Part {
                uuid: Uuid::parse_str(&uuid).map_err(ApiError::internal)?,
                voltooid: row.try_get::<i32, _>(1)? != 0,
            })
        })
        .collect()
}

/// Concatenates the part files into `target`, streaming.
pub(super) async fn assemble(
    api: &CaseApi,
    parts: &[Part],
    target: &FsPath,
) -> Result<(), ApiError> {
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(ApiError::internal)?;
    }
    let mut out = tokio::fs::File::create(target)
        .await
        .map_err(ApiError::internal)?;
    for part in parts {
        let mut input = tokio::fs::File::open(part_path(api, part.uuid))
            .await
            .map_err(ApiError::internal)?;
        tokio::io::copy(&mut input, &mut out)
            .await
            .map_err(ApiError::internal)?;
    }
    out.sync_all().await.map_err(ApiError::internal)?;
    Ok(())
}

pub(super) async fn remove_part_files(api: &CaseApi, parts: &[Part]) {
    for part in parts {
        let _ = tokio::fs::remove_file(part_path(api, part.uuid)).await;
    }
}

/// What polling a body yields (`http_body::Frame`, named through a type that returns it).
type FrameResult =
    <http_body_util::combinators::Frame<'static, Body> as std::future::Future>::Output;

/// A request body that hands out one frame per poll and then yields (`Pending` with an
/// immediate wake-up). The multipart parser reads everything a body has ready into its buffer
/// before it hands out field data; from a fast sender that is the whole part, held in memory.
/// One frame at a time keeps its buffer at a frame or two, whatever the part size.
struct OneFrameAtATime {
    inner: Body,
    yield_next: bool,
}

impl HttpBody for OneFrameAtATime {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<FrameResult> {
        let this = self.get_mut();
        if this.yield_next {
            this.yield_next = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        if polled.is_ready() {
            this.yield_next = true;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }
}

/// `PUT /bestandsdelen/{uuid}`.
pub async fn upload(
    State(api): State<CaseApi>,
    _caller: Caller,
    Path(uuid): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let body = Body::new(OneFrameAtATime {
        inner: body,
        yield_next: false,
    });
    let mut multipart = Multipart::from_request(Request::from_parts(parts, body), &api)
        .await
        .map_err(|e| ApiError::BadRequest {
            code: "parse_error",
            detail: e.body_text(),
        })?;
    let part_uuid = Uuid::parse_str(&uuid).map_err(|_| ApiError::NotFound)?;
    let row =
        sqlx::query("SELECT document_uuid, volgnummer, omvang FROM bestandsdelen WHERE uuid = $1")
            .bind(part_uuid.to_string())
            .fetch_optional(api.db.reader())
            .await?
            .ok_or(ApiError::NotFound)?;
    let document_uuid: String = row.try_get(0)?;
    let omvang: i64 = row.try_get(2)?;
    let path = part_path(&api, part_uuid);
    tokio::fs::create_dir_all(path.parent().expect("parts dir"))
        .await
        .map_err(ApiError::internal)?;
    // Written next to the part file and renamed over it at the end, so a broken resend never
    // destroys a part that was complete.
    let partial = path.with_extension("upload");
    let mut lock = None;
    let mut received: Option<i64> = None;
    let bad = |detail: String| ApiError::BadRequest {
        code: "parse_error",
        detail,
    };
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(e.body_text()))?
    {
        match field.name() {
            Some("lock") => lock = Some(field.text().await.map_err(|e| bad(e.body_text()))?),
            Some("inhoud") => {
                let mut file = tokio::fs::File::create(&partial)
                    .await
                    .map_err(ApiError::internal)?;
                let mut size: i64 = 0;
                while let Some(chunk) = field.chunk().await.map_err(|e| bad(e.body_text()))? {
                    size += chunk.len() as i64;
                    if size > omvang {
                        drop(file);
                        let _ = tokio::fs::remove_file(&partial).await;
                        return Err(ApiError::invalid(
                            "inhoud",
                            "file-size",
                            format!("Het bestandsdeel is groter dan de omvang ({omvang} bytes)."),
                        ));
                    }
                    file.write_all(&chunk).await.map_err(ApiError::internal)?;
                }
                file.sync_all().await.map_err(ApiError::internal)?;
                received = Some(size);
            }
            _ => {}
        }
    }
    let cleanup = || async {
        let _ = tokio::fs::remove_file(&partial).await;
    };
    let mut errors = Vec::new();
    match received {
        None => errors.push(zgw::problem::InvalidParam::new(
            "inhoud",
            "required",
            "Dit veld is vereist.",
        )),
        Some(size) if size != omvang => errors.push(zgw::problem::InvalidParam::new(
            "inhoud",
            "file-size",
            format!("Het bestandsdeel moet precies {omvang} bytes zijn (ontvangen: {size})."),
        )),
        Some(_) => {}
    }
    let mut tx = api.db.begin().await?;
    let (document_uuid, mut document, current_lock) =
        super::document::load_tx(&mut tx, &document_uuid).await?;
    match (&lock, &current_lock) {
        (None, _) => errors.push(zgw::problem::InvalidParam::new(
            "lock",
            "required",
            "Dit veld is vereist.",
        )),
        (Some(given), Some(current)) if given == current => {}
        _ => errors.push(zgw::problem::InvalidParam::new(
            "lock",
            "incorrect-lock-id",
            "De lock-waarde is onjuist.",
        )),
    }
    if !errors.is_empty() {
        cleanup().await;
        return Err(ApiError::Invalid(errors));
    }
    tokio::fs::rename(&partial, &path)
        .await
        .map_err(ApiError::internal)?;
    sqlx::query("UPDATE bestandsdelen SET voltooid = $1 WHERE uuid = $2")
        .bind(1_i32)
        .bind(part_uuid.to_string())
        .execute(&mut *tx)
        .await?;
    let url = api
        .urls
        .resource(Api::Documenten, "bestandsdelen", part_uuid);
    if let Some(parts) = document["bestandsdelen"].as_array_mut() {
        for part in parts.iter_mut().filter(|p| p["url"] == json!(url)) {
            part["voltooid"] = json!(true);
        }
    }
    store::put_data(
        &mut tx,
        "enkelvoudiginformatieobjecten",
        document_uuid,
        &document,
    )
    .await?;
    tx.commit().await?;
    let served: Value = document["bestandsdelen"]
        .as_array()
        .and_then(|parts| parts.iter().find(|p| p["url"] == json!(url)).cloned())
        .unwrap_or_else(|| json!({"url": url, "voltooid": true}));
    Ok(respond::json(StatusCode::OK, &served))
}
