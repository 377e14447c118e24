//! References between catalogi resources: resolving URLs (and, since Catalogi 1.3, names such
//! as a besluittype `omschrijving`) to resources of this catalogue, inside the write
//! transaction, with the reference error codes (`bad-url`, `invalid-resource`,
//! `relations-incorrect-catalogus`).

use serde_json::{Map, Value};
use uuid::Uuid;

use super::kind::Kind;
use super::storage::{self, Bind, Filter};
use crate::db::Tx;
use crate::error::ApiError;
use crate::fields::Fields;
use crate::urls::Api;
use crate::CaseApi;

/// What a write works with: the provider, its transaction, the resource's uuid and (for
/// PUT/PATCH) its current served JSON.
pub struct Ctx<'a> {
    pub api: &'a CaseApi,
    pub tx: &'a mut Tx,
    pub uuid: Uuid,
    pub existing: Option<&'a Value>,
}

impl Ctx<'_> {
    pub fn url(&self, kind: Kind) -> String {
        self.api
            .urls
            .resource(Api::Catalogi, kind.collection(), self.uuid)
    }

    pub fn url_of(&self, kind: Kind, uuid: Uuid) -> String {
        self.api
            .urls
            .resource(Api::Catalogi, kind.collection(), uuid)
    }
}

/// The uuid in a URL of this Catalogi API for `kind`, if it is one.
pub fn uuid_of(api: &CaseApi, url: &str, kind: Kind) -> Option<Uuid> {
    api.urls.parse(url, Api::Catalogi, kind.collection())
}

/// The uuids of the `kind` URLs in an array field of served JSON.
pub fn uuids_in(api: &CaseApi, data: &Value, field: &str, kind: Kind) -> Vec<Uuid> {
    data.get(field)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .filter_map(|url| uuid_of(api, url, kind))
                .collect()
        })
        .unwrap_or_default()
}

/// The uuid of the `kind` URL in a string field of served JSON.
pub fn uuid_in(api: &CaseApi, data: &Value, field: &str, kind: Kind) -> Option<Uuid> {
    data.get(field)
        .and_then(Value::as_str)
        .and_then(|url| uuid_of(api, url, kind))
}

/// Resolves `url` (already checked to be an http URL) to an existing resource of `kind`,
/// recording `bad-url` / `invalid-resource` on `name` otherwise.
pub async fn resolve(
    ctx: &mut Ctx<'_>,
    fields: &mut Fields<'_>,
    name: &str,
    url: &str,
    kind: Kind,
) -> Result<Option<(Uuid, Value)>, ApiError> {
    let Some(uuid) = uuid_of(ctx.api, url, kind) else {
        if ctx.api.urls.is_local(url) {
            fields.error(
                name,
                "invalid-resource",
                format!("De URL verwijst niet naar een {}.", kind_name(kind)),
            );
        } else {
            fields.error(name, "bad-url", "De URL is ongeldig.");
        }
        return Ok(None);
    };
    match crate::store::get_tx(ctx.tx, kind.table(), uuid).await? {
        Some(data) => Ok(Some((uuid, data))),
        None => {
            fields.error(name, "bad-url", "De URL is ongeldig.");
            Ok(None)
        }
    }
}

/// Like [`resolve`] for an optional URL field.
pub async fn resolve_field(
    ctx: &mut Ctx<'_>,
    fields: &mut Fields<'_>,
    name: &str,
    kind: Kind,
    required: bool,
) -> Result<Option<(Uuid, Value)>, ApiError> {
    match fields.url(name, required) {
        Some(url) => resolve(ctx, fields, name, &url, kind).await,
        None => Ok(None),
    }
}

/// The version of a named type in a catalogus: the published version valid today if there is
/// one, else the latest published, else the latest concept. `column` is the naming column
/// (`omschrijving` for informatieobjecttypen/besluittypen, `identificatie` for zaaktypen).
pub async fn version_by_name(
    tx: &mut Tx,
    kind: Kind,
    catalogus: Uuid,
    column: &str,
    name: &str,
) -> Result<Option<(Uuid, Value)>, ApiError> {
    let mut filter = Filter::default();
    filter.eq("catalogus", Bind::text(catalogus.to_string()));
    filter.eq(column, Bind::text(name));
    let versions = storage::select_tx(tx, kind.table(), &filter, "seq").await?;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let is_published = |data: &Value| data["concept"] == Value::Bool(false);
    let valid_today = |data: &Value| {
        data["beginGeldigheid"]
            .as_str()
            .is_some_and(|b| *b <= *today)
            && data["eindeGeldigheid"]
                .as_str()
                .is_none_or(|e| *e >= *today)
    };
    let pick = versions
        .iter()
        .rev()
        .find(|(_, d)| is_published(d) && valid_today(d))
        .or_else(|| versions.iter().rev().find(|(_, d)| is_published(d)))
        .or_else(|| versions.last());
    Ok(pick.cloned())
}

/// Resolves a list of references that may be URLs or names (Catalogi 1.3 relates zaaktypen,
/// besluittypen and informatieobjecttypen by `omschrijving`/`identificatie`), all in
/// `catalogus`. Returns the resolved resources in input order, without duplicates.
pub async fn resolve_names_or_urls(
    ctx: &mut Ctx<'_>,
    fields: &mut Fields<'_>,
    name: &str,
    items: &[String],
    kind: Kind,
    name_column: &str,
    catalogus: Option<Uuid>,
) -> Result<Vec<(Uuid, Value)>, ApiError> {
    let mut out: Vec<(Uuid, Value)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("{name}.{i}");
        let found =
            resolve_name_or_url(ctx, fields, &path, item, kind, name_column, catalogus).await?;
        if let Some((uuid, data)) = found {
            if !out.iter().any(|(u, _)| *u == uuid) {
                out.push((uuid, data));
            }
        }
    }
    Ok(out)
}

/// One reference that may be a URL or a name in `catalogus`; errors are recorded on `path`.
pub async fn resolve_name_or_url(
    ctx: &mut Ctx<'_>,
    fields: &mut Fields<'_>,
    path: &str,
    item: &str,
    kind: Kind,
    name_column: &str,
    catalogus: Option<Uuid>,
) -> Result<Option<(Uuid, Value)>, ApiError> {
    let found = if crate::fields::is_http_url(item) {
        resolve(ctx, fields, path, item, kind).await?
    } else if let Some(catalogus) = catalogus {
        let found = version_by_name(ctx.tx, kind, catalogus, name_column, item).await?;
        if found.is_none() {
            fields.error(
                path,
                "bad-url",
                format!(
                    "Er bestaat geen {} '{item}' in deze catalogus.",
                    kind_name(kind)
                ),
            );
        }
        found
    } else {
        None
    };
    match found {
        Some((_, data)) if catalogus.is_some() && catalogus_of(ctx.api, &data) != catalogus => {
            fields.error(
                path,
                "relations-incorrect-catalogus",
                format!("De {} hoort bij een andere catalogus.", kind_name(kind)),
            );
            Ok(None)
        }
        found => Ok(found),
    }
}

/// The catalogus uuid of a type's served JSON.
pub fn catalogus_of(api: &CaseApi, data: &Value) -> Option<Uuid> {
    uuid_in(api, data, "catalogus", Kind::Catalogus)
}

/// Dutch name of a kind for error texts.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Catalogus => "catalogus",
        Kind::Zaaktype => "zaaktype",
        Kind::Informatieobjecttype => "informatieobjecttype",
        Kind::Besluittype => "besluittype",
        Kind::Statustype => "statustype",
        Kind::Roltype => "roltype",
        Kind::Eigenschap => "eigenschap",
        Kind::Resultaattype => "resultaattype",
        Kind::ZaaktypeInformatieobjecttype => "zaaktype-informatieobjecttype",
        Kind::Zaakobjecttype => "zaakobjecttype",
    }
}

/// A required array field that is absent → `required` (an empty array is fine).
pub fn require_array(fields: &mut Fields<'_>, body: &Map<String, Value>, name: &str) {
    if body.get(name).is_none_or(Value::is_null) {
        fields.error(name, "required", "Dit veld is vereist.");
    }
}

/// A string field served as `""` when absent (how the reference implementation serves blank
/// optional strings).
pub fn text(value: Option<String>) -> Value {
    Value::String(value.unwrap_or_default())
}

/// A nullable field: `null` when absent or blank.
pub fn nullable(value: Option<String>) -> Value {
    value
        .filter(|v| !v.is_empty())
        .map(Value::String)
        .unwrap_or(Value::Null)
}

/// A date as served (`YYYY-MM-DD`) or `null`.
pub fn date(value: Option<chrono::NaiveDate>) -> Value {
    value
        .map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
        .unwrap_or(Value::Null)
}

/// A date column value.
pub fn date_column(value: Option<chrono::NaiveDate>) -> Bind {
    Bind::opt(value.map(|d| d.format("%Y-%m-%d").to_string()))
}

/// `eindeGeldigheid` before `beginGeldigheid` is refused.
pub fn check_period(
    fields: &mut Fields<'_>,
    begin: Option<chrono::NaiveDate>,
    einde: Option<chrono::NaiveDate>,
) {
    if let (Some(begin), Some(einde)) = (begin, einde) {
        if einde < begin {
            fields.error(
                "eindeGeldigheid",
                "date-mismatch",
                "'Einde geldigheid' moet na 'Begin geldigheid' liggen.",
            );
        }
    }
}

/// Another version with the same name in the catalogus whose validity overlaps
/// `begin..=einde` → `overlap` on `beginGeldigheid` (versions follow each other in time).
#[allow(clippy::too_many_arguments)]
pub async fn check_overlap(
    ctx: &mut Ctx<'_>,
    fields: &mut Fields<'_>,
    kind: Kind,
    catalogus: Uuid,
    column: &str,
    name: &str,
    begin: chrono::NaiveDate,
    einde: Option<chrono::NaiveDate>,
) -> Result<(), ApiError> {
    let mut filter = Filter::default();
    filter.eq("catalogus", Bind::text(catalogus.to_string()));
    filter.eq(column, Bind::text(name));
    let versions = storage::select_tx(ctx.tx, kind.table(), &filter, "seq").await?;
    let begin_s = begin.format("%Y-%m-%d").to_string();
    let einde_s = einde.map(|e| e.format("%Y-%m-%d").to_string());
    let overlaps = versions.iter().any(|(uuid, data)| {
        if *uuid == ctx.uuid {
            return false;
        }
        let other_begin = data["beginGeldigheid"].as_str().unwrap_or_default();
        let other_einde = data["eindeGeldigheid"].as_str();
        let starts_before_other_ends = other_einde.is_none_or(|e| begin_s.as_str() <= e);
        let other_starts_before_end = einde_s.as_deref().is_none_or(|e| other_begin <= e);
        starts_before_other_ends && other_starts_before_end
    });
    if overlaps {
        fields.error(
            "beginGeldigheid",
            "overlap",
            format!(
                "Dit {} komt al voor binnen de catalogus en opgegeven geldigheidsperiode.",
                kind_name(kind)
            ),
        );
    }
    Ok(())
}
