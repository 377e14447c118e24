//! What the sub-types of a zaaktype (statustypen, roltypen, eigenschappen, resultaattypen,
//! zaaktype-informatieobjecttypen) share: their `zaaktype` reference, the fields they take over
//! from it (`catalogus`, `zaaktypeIdentificatie`, the validity dates) and the filter columns.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::kind::Kind;
use super::references::{self, Ctx};
use super::rules;
use super::storage::{self, Bind, Filter};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::urls::Api;
use crate::CaseApi;

/// The zaaktype a sub-type belongs to.
pub struct Parent {
    pub uuid: Uuid,
    pub data: Value,
}

impl Parent {
    /// Resolves the `zaaktype` field. A published zaaktype cannot get new or changed sub-types;
    /// on update, neither can the zaaktype the sub-type belonged to.
    pub async fn resolve(
        ctx: &mut Ctx<'_>,
        fields: &mut Fields<'_>,
    ) -> Result<Option<Parent>, ApiError> {
        if let Some(existing) = ctx.existing {
            if let Some(old) = references::uuid_in(ctx.api, existing, "zaaktype", Kind::Zaaktype) {
                if let Some(old) = crate::store::get_tx(ctx.tx, "zaaktypen", old).await? {
                    if !rules::is_concept(&old) {
                        return Err(rules::non_concept_zaaktype());
                    }
                }
            }
        }
        let found =
            references::resolve_field(ctx, fields, "zaaktype", Kind::Zaaktype, true).await?;
        match found {
            Some((uuid, data)) => {
                if !rules::is_concept(&data) {
                    return Err(rules::non_concept_zaaktype());
                }
                Ok(Some(Parent { uuid, data }))
            }
            None => Ok(None),
        }
    }

    pub fn url(&self, api: &CaseApi) -> String {
        api.urls.resource(Api::Catalogi, "zaaktypen", self.uuid)
    }

    pub fn catalogus(&self, api: &CaseApi) -> Option<Uuid> {
        references::catalogus_of(api, &self.data)
    }

    pub fn is_concept(&self) -> bool {
        rules::is_concept(&self.data)
    }
}

/// Copies the fields a sub-type takes over from its zaaktype into its served JSON.
pub fn apply_parent_fields(zaaktype: &Value, data: &mut Map<String, Value>) {
    data.insert("catalogus".into(), zaaktype["catalogus"].clone());
    data.insert(
        "zaaktypeIdentificatie".into(),
        zaaktype["identificatie"].clone(),
    );
    for field in [
        "beginGeldigheid",
        "eindeGeldigheid",
        "beginObject",
        "eindeObject",
    ] {
        data.insert(field.into(), zaaktype[field].clone());
    }
}

/// The filter columns every sub-type has, from its zaaktype.
pub fn parent_columns(
    api: &CaseApi,
    zaaktype_uuid: Uuid,
    zaaktype: &Value,
    concept: bool,
) -> Vec<(&'static str, Bind)> {
    vec![
        (
            "catalogus",
            Bind::text(
                references::catalogus_of(api, zaaktype)
                    .map(|u| u.to_string())
                    .unwrap_or_default(),
            ),
        ),
        ("zaaktype", Bind::text(zaaktype_uuid.to_string())),
        (
            "identificatie",
            Bind::text(zaaktype["identificatie"].as_str().unwrap_or_default()),
        ),
        ("concept", Bind::flag(concept)),
        (
            "begin_geldigheid",
            Bind::text(zaaktype["beginGeldigheid"].as_str().unwrap_or_default()),
        ),
        (
            "einde_geldigheid",
            Bind::opt(zaaktype["eindeGeldigheid"].as_str()),
        ),
    ]
}

/// The common list filters of sub-types: `zaaktype`, `zaaktypeIdentificatie` (or its OAS
/// spelling for resultaattypen), `status`, `datumGeldigheid`.
pub fn filter_common(
    api: &CaseApi,
    query: &mut crate::query::Query,
    filter: &mut Filter,
    identificatie_param: &str,
    datum_param: &str,
) {
    if let Some(url) = query.text("zaaktype") {
        if !crate::fields::is_http_url(&url) {
            query.error("zaaktype", "invalid", "Voer een geldige URL in.");
        } else {
            match references::uuid_of(api, &url, Kind::Zaaktype) {
                Some(uuid) => filter.eq("zaaktype", Bind::text(uuid.to_string())),
                None => filter.nothing(),
            }
        }
    }
    if let Some(identificatie) = query.text(identificatie_param) {
        filter.eq("identificatie", Bind::text(identificatie));
    }
    status_filter(query, filter);
    if let Some(date) = query.date(datum_param) {
        filter.valid_on(date);
    }
}

/// `status=concept|definitief|alles`, default `definitief` (published only).
pub fn status_filter(query: &mut crate::query::Query, filter: &mut Filter) {
    let status = query
        .choice("status", zgw::catalogi::STATUS_FILTER)
        .unwrap_or_else(|| "definitief".into());
    match status.as_str() {
        "concept" => filter.eq("concept", Bind::flag(true)),
        "alles" => {}
        _ => filter.eq("concept", Bind::flag(false)),
    }
}

/// A unique-together rule among the sub-types of one zaaktype (e.g. statustype `volgnummer`):
/// another row of `zaaktype` with `column = value` → `unique` on `nonFieldErrors`.
pub async fn check_unique(
    ctx: &mut Ctx<'_>,
    fields: &mut Fields<'_>,
    kind: Kind,
    zaaktype: Uuid,
    column: &str,
    value: Bind,
    reason: &str,
) -> Result<(), ApiError> {
    let mut filter = Filter::default();
    filter.eq("zaaktype", Bind::text(zaaktype.to_string()));
    filter.eq(column, value);
    let rows = storage::select_tx(ctx.tx, kind.table(), &filter, "seq").await?;
    if rows.iter().any(|(uuid, _)| *uuid != ctx.uuid) {
        fields.non_field_error("unique", reason);
    }
    Ok(())
}
