//! Informatieobjecttypen: the kinds of documents (an uploaded photo, a decision letter), with
//! their confidentiality. `zaaktypen` and `besluittypen` are derived from the types that link
//! to them.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::references::{self, date, date_column, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;
use zgw::catalogi::VERTROUWELIJKHEIDAANDUIDING;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let omschrijving = f.string("omschrijving", true, 80);
    let vertrouwelijkheid = f.choice(
        "vertrouwelijkheidaanduiding",
        true,
        VERTROUWELIJKHEIDAANDUIDING,
    );
    let begin = f.date("beginGeldigheid", true);
    let einde = f.date("eindeGeldigheid", false);
    let begin_object = f.date("beginObject", false);
    let einde_object = f.date("eindeObject", false);
    references::check_period(&mut f, begin, einde);
    let categorie = f.string("informatieobjectcategorie", true, 80);
    let trefwoord = f.string_list("trefwoord", 30);
    // Served as an object of empty strings when not given, so a PATCH that merges it back
    // must count that as "not given".
    let given = f.object("omschrijvingGeneriek", false).filter(|object| {
        object
            .values()
            .any(|v| !v.is_null() && v.as_str() != Some(""))
    });
    let generiek = match given {
        Some(object) => {
            let mut g = Fields::nested(object, "omschrijvingGeneriek");
            let value = json!({
                "informatieobjecttypeOmschrijvingGeneriek": text(g.string("informatieobjecttypeOmschrijvingGeneriek", true, 80)),
                "definitieInformatieobjecttypeOmschrijvingGeneriek": text(g.string("definitieInformatieobjecttypeOmschrijvingGeneriek", true, 255)),
                "herkomstInformatieobjecttypeOmschrijvingGeneriek": text(g.string("herkomstInformatieobjecttypeOmschrijvingGeneriek", true, 12)),
                "hierarchieInformatieobjecttypeOmschrijvingGeneriek": text(g.string("hierarchieInformatieobjecttypeOmschrijvingGeneriek", true, 80)),
                "opmerkingInformatieobjecttypeOmschrijvingGeneriek": text(g.string("opmerkingInformatieobjecttypeOmschrijvingGeneriek", false, 255)),
            });
            f.absorb(g);
            value
        }
        None => json!({
            "informatieobjecttypeOmschrijvingGeneriek": "",
            "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
            "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
            "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
            "opmerkingInformatieobjecttypeOmschrijvingGeneriek": "",
        }),
    };
    let catalogus =
        references::resolve_field(ctx, &mut f, "catalogus", Kind::Catalogus, true).await?;
    let catalogus_uuid = catalogus.as_ref().map(|(uuid, _)| *uuid);
    if let (Some(existing), Some(new)) = (ctx.existing, catalogus_uuid) {
        if references::catalogus_of(ctx.api, existing) != Some(new) {
            f.error(
                "catalogus",
                "wijzigen-niet-toegestaan",
                "De catalogus van een informatieobjecttype kan niet gewijzigd worden.",
            );
        }
    }
    if let (Some(catalogus), Some(omschrijving), Some(begin)) =
        (catalogus_uuid, omschrijving.as_deref(), begin)
    {
        references::check_overlap(
            ctx,
            &mut f,
            Kind::Informatieobjecttype,
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
        "url": ctx.url(Kind::Informatieobjecttype),
        "catalogus": catalogus_uuid.map(|u| ctx.url_of(Kind::Catalogus, u)),
        "omschrijving": text(omschrijving.clone()),
        "vertrouwelijkheidaanduiding": text(vertrouwelijkheid),
        "beginGeldigheid": date(begin),
        "eindeGeldigheid": date(einde),
        "beginObject": date(begin_object),
        "eindeObject": date(einde_object),
        "concept": concept,
        "zaaktypen": [],
        "besluittypen": [],
        "informatieobjectcategorie": text(categorie),
        "trefwoord": trefwoord,
        "omschrijvingGeneriek": generiek,
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
            ("omschrijving", Bind::text(omschrijving.unwrap_or_default())),
        ],
        data,
    })
}

/// Filters of `GET /informatieobjecttypen`: `catalogus`, `status`, `datumGeldigheid`,
/// `omschrijving`.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    if let Some(url) = query.text("catalogus") {
        super::zaaktype::catalogus_filter(api, query, &mut filter, &url);
    }
    if let Some(omschrijving) = query.text("omschrijving") {
        filter.eq("omschrijving", Bind::text(omschrijving));
    }
    super::parts::status_filter(query, &mut filter);
    if let Some(date) = query.date("datumGeldigheid") {
        filter.valid_on(date);
    }
    filter
}
