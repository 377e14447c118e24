//! Besluittypen: the kinds of formal decisions, with the informatieobjecttypen their documents
//! have. `zaaktypen`, `resultaattypen` and `resultaattypenOmschrijving` are derived.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::references::{self, date, date_column, nullable, require_array, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let omschrijving = f.string("omschrijving", false, 80);
    let omschrijving_generiek = f.string("omschrijvingGeneriek", false, 80);
    let besluitcategorie = f.string("besluitcategorie", false, 40);
    let reactietermijn = f.duration("reactietermijn", false);
    let publicatie_indicatie = f.boolean("publicatieIndicatie", true);
    let publicatietekst = f.string("publicatietekst", false, usize::MAX);
    let publicatietermijn = f.duration("publicatietermijn", false);
    let toelichting = f.string("toelichting", false, usize::MAX);
    let begin = f.date("beginGeldigheid", true);
    let einde = f.date("eindeGeldigheid", false);
    let begin_object = f.date("beginObject", false);
    let einde_object = f.date("eindeObject", false);
    references::check_period(&mut f, begin, einde);
    let catalogus =
        references::resolve_field(ctx, &mut f, "catalogus", Kind::Catalogus, true).await?;
    let catalogus_uuid = catalogus.as_ref().map(|(uuid, _)| *uuid);
    if let (Some(existing), Some(new)) = (ctx.existing, catalogus_uuid) {
        if references::catalogus_of(ctx.api, existing) != Some(new) {
            f.error(
                "catalogus",
                "wijzigen-niet-toegestaan",
                "De catalogus van een besluittype kan niet gewijzigd worden.",
            );
        }
    }
    require_array(&mut f, body, "informatieobjecttypen");
    let names = f.string_list("informatieobjecttypen", 1000);
    let informatieobjecttypen = references::resolve_names_or_urls(
        ctx,
        &mut f,
        "informatieobjecttypen",
        &names,
        Kind::Informatieobjecttype,
        "omschrijving",
        catalogus_uuid,
    )
    .await?;
    if let (Some(catalogus), Some(omschrijving), Some(begin)) = (
        catalogus_uuid,
        omschrijving.as_deref().filter(|o| !o.is_empty()),
        begin,
    ) {
        references::check_overlap(
            ctx,
            &mut f,
            Kind::Besluittype,
            catalogus,
            "omschrijving",
            omschrijving,
            begin,
            einde,
        )
        .await?;
    }
    f.finish()?;
    let concept = ctx.existing.map(super::rules::is_concept).unwrap_or(true);
    let data = json!({
        "url": ctx.url(Kind::Besluittype),
        "catalogus": catalogus_uuid.map(|u| ctx.url_of(Kind::Catalogus, u)),
        "zaaktypen": [],
        "omschrijving": text(omschrijving.clone()),
        "omschrijvingGeneriek": text(omschrijving_generiek),
        "besluitcategorie": text(besluitcategorie),
        "reactietermijn": nullable(reactietermijn),
        "publicatieIndicatie": publicatie_indicatie.unwrap_or(false),
        "publicatietekst": text(publicatietekst),
        "publicatietermijn": nullable(publicatietermijn),
        "toelichting": text(toelichting),
        "informatieobjecttypen": informatieobjecttypen
            .iter()
            .map(|(uuid, _)| ctx.url_of(Kind::Informatieobjecttype, *uuid))
            .collect::<Vec<_>>(),
        "beginGeldigheid": date(begin),
        "eindeGeldigheid": date(einde),
        "beginObject": date(begin_object),
        "eindeObject": date(einde_object),
        "concept": concept,
        "resultaattypen": [],
        "resultaattypenOmschrijving": [],
        "vastgelegdIn": [],
    });
    Ok(Record {
        columns: vec![
            (
                "catalogus",
                Bind::text(catalogus_uuid.map(|u| u.to_string()).unwrap_or_default()),
            ),
            ("concept", Bind::flag(concept)),
            ("begin_geldigheid", date_column(begin)),
            ("einde_geldigheid", date_column(einde)),
            ("omschrijving", Bind::opt(omschrijving)),
        ],
        data,
    })
}

/// Filters of `GET /besluittypen`: `catalogus`, `zaaktypen`, `informatieobjecttypen`,
/// `status`, `omschrijving`, `datumGeldigheid`. A zaaktype or informatieobjecttype URL occurs
/// in a besluittype's served JSON only in the list of that name, so the relation filters match
/// the quoted URL in `data`.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    if let Some(url) = query.text("catalogus") {
        super::zaaktype::catalogus_filter(api, query, &mut filter, &url);
    }
    if let Some(omschrijving) = query.text("omschrijving") {
        filter.eq("omschrijving", Bind::text(omschrijving));
    }
    for param in ["zaaktypen", "informatieobjecttypen"] {
        if let Some(url) = query.text(param) {
            if crate::fields::is_http_url(&url) {
                filter.contains("data", &format!("\"{url}\""));
            } else {
                query.error(param, "invalid", "Voer een geldige URL in.");
            }
        }
    }
    super::parts::status_filter(query, &mut filter);
    if let Some(date) = query.date("datumGeldigheid") {
        filter.valid_on(date);
    }
    filter
}
