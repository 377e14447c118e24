//! Zaakobjecttypen: the kinds of objects (from an objecttype registration, e.g. a tree or a
//! parking zone) that zaken of a zaaktype can be about.
//!
//! `statustypen` and `resultaattypen` are served empty: Catalogi 1.3 offers no way to write
//! those relations (VNG-Realisatie/gemma-zaken#2501).

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::parts::{self, Parent};
use super::references::{self, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let ander_objecttype = f.boolean("anderObjecttype", true);
    let objecttype = f.url("objecttype", true);
    if objecttype
        .as_deref()
        .is_some_and(|o| o.chars().count() > 200)
    {
        f.error(
            "objecttype",
            "max_length",
            "Zorg ervoor dat dit veld niet meer dan 200 karakters bevat.",
        );
    }
    let relatie_omschrijving = f.string("relatieOmschrijving", true, 80);
    // The validity dates are the zaaktype's; given ones are checked for shape only.
    f.date("beginGeldigheid", false);
    f.date("eindeGeldigheid", false);
    let parent = Parent::resolve(ctx, &mut f).await?;
    let catalogus = f.url("catalogus", false);
    if let (Some(catalogus), Some(parent)) = (&catalogus, &parent) {
        if references::uuid_of(ctx.api, catalogus, Kind::Catalogus) != parent.catalogus(ctx.api) {
            f.error(
                "catalogus",
                "relations-incorrect-catalogus",
                "De catalogus is niet die van het zaaktype.",
            );
        }
    }
    f.finish()?;
    let parent = parent.ok_or_else(|| ApiError::internal("zaaktype resolved"))?;
    let mut data = json!({
        "url": ctx.url(Kind::Zaakobjecttype),
        "anderObjecttype": ander_objecttype.unwrap_or(false),
        "objecttype": text(objecttype.clone()),
        "relatieOmschrijving": text(relatie_omschrijving.clone()),
        "zaaktype": parent.url(ctx.api),
        "resultaattypen": [],
        "statustypen": [],
    });
    parts::apply_parent_fields(&parent.data, data.as_object_mut().expect("object"));
    let mut columns =
        parts::parent_columns(ctx.api, parent.uuid, &parent.data, parent.is_concept());
    columns.push((
        "ander_objecttype",
        Bind::flag(ander_objecttype.unwrap_or(false)),
    ));
    columns.push(("objecttype", Bind::text(objecttype.unwrap_or_default())));
    columns.push((
        "relatie_omschrijving",
        Bind::text(relatie_omschrijving.unwrap_or_default()),
    ));
    Ok(Record { data, columns })
}

/// Filters of `GET /zaakobjecttypen`: `anderObjecttype`, `catalogus`,
/// `datumBeginGeldigheid`, `datumEindeGeldigheid`, `datumGeldigheid`, `objecttype`,
/// `relatieOmschrijving`, `zaaktype`, `zaaktypeIdentificatie`. The OAS has no `status`
/// filter here, so concepts are included.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    if let Some(ander) = query.choice("anderObjecttype", &["true", "false"]) {
        filter.eq("ander_objecttype", Bind::flag(ander == "true"));
    }
    if let Some(url) = query.text("catalogus") {
        super::zaaktype::catalogus_filter(api, query, &mut filter, &url);
    }
    if let Some(date) = query.date("datumBeginGeldigheid") {
        filter.eq(
            "begin_geldigheid",
            Bind::text(date.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(date) = query.date("datumEindeGeldigheid") {
        filter.eq(
            "einde_geldigheid",
            Bind::text(date.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(date) = query.date("datumGeldigheid") {
        filter.valid_on(date);
    }
    if let Some(objecttype) = query.text("objecttype") {
        filter.eq("objecttype", Bind::text(objecttype));
    }
    if let Some(omschrijving) = query.text("relatieOmschrijving") {
        filter.eq("relatie_omschrijving", Bind::text(omschrijving));
    }
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
    if let Some(identificatie) = query.text("zaaktypeIdentificatie") {
        filter.eq("identificatie", Bind::text(identificatie));
    }
    filter
}
