//! Roltypen: the roles people and organisations play in zaken of a zaaktype; the portal looks
//! for the one with `omschrijvingGeneriek: initiator` to register the resident.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::parts::{self, Parent};
use super::references::{text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;
use zgw::catalogi::ROLTYPE_OMSCHRIJVING_GENERIEK;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let omschrijving = f.string("omschrijving", true, 100);
    let generiek = f.choice("omschrijvingGeneriek", true, ROLTYPE_OMSCHRIJVING_GENERIEK);
    let parent = Parent::resolve(ctx, &mut f).await?;
    f.finish()?;
    let parent = parent.ok_or_else(|| ApiError::internal("zaaktype resolved"))?;
    let mut data = json!({
        "url": ctx.url(Kind::Roltype),
        "zaaktype": parent.url(ctx.api),
        "omschrijving": text(omschrijving),
        "omschrijvingGeneriek": text(generiek.clone()),
    });
    parts::apply_parent_fields(&parent.data, data.as_object_mut().expect("object"));
    let mut columns =
        parts::parent_columns(ctx.api, parent.uuid, &parent.data, parent.is_concept());
    columns.push((
        "omschrijving_generiek",
        Bind::text(generiek.unwrap_or_default()),
    ));
    Ok(Record { data, columns })
}

/// Filters of `GET /roltypen`: the common ones plus `omschrijvingGeneriek`.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    parts::filter_common(
        api,
        query,
        &mut filter,
        "zaaktypeIdentificatie",
        "datumGeldigheid",
    );
    if let Some(generiek) = query.choice("omschrijvingGeneriek", ROLTYPE_OMSCHRIJVING_GENERIEK) {
        filter.eq("omschrijving_generiek", Bind::text(generiek));
    }
    filter
}
