//! Statustypen: the steps of a zaaktype, ordered by `volgnummer`. `statustekst` is what the
//! resident reads when the zaak reaches the step, `informeren` whether they must be told, and
//! `isEindstatus` (derived) marks the step with the highest volgnummer, which closes the zaak.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::parts::{self, Parent};
use super::references::{self, nullable, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let omschrijving = f.string("omschrijving", true, 80);
    let omschrijving_generiek = f.string("omschrijvingGeneriek", false, 80);
    let statustekst = f.string("statustekst", false, 1000);
    let volgnummer = f.integer("volgnummer", true, 1, 9999);
    let informeren = f.boolean("informeren", false);
    let doorlooptijd = f.duration("doorlooptijd", false);
    let toelichting = f.string("toelichting", false, 1000);
    let checklist = checklist_items(&mut f);
    let eigenschap_urls = f.url_list("eigenschappen");
    let parent = Parent::resolve(ctx, &mut f).await?;
    let mut eigenschappen = Vec::new();
    for (i, url) in eigenschap_urls.iter().enumerate() {
        let name = format!("eigenschappen.{i}");
        if let Some((_, eigenschap)) =
            references::resolve(ctx, &mut f, &name, url, Kind::Eigenschap).await?
        {
            let same_zaaktype = parent
                .as_ref()
                .is_some_and(|p| eigenschap["zaaktype"] == Value::String(p.url(ctx.api)));
            if !same_zaaktype {
                f.error(
                    &name,
                    "relations-incorrect-zaaktype",
                    "De eigenschap hoort bij een ander zaaktype.",
                );
            } else if !eigenschappen.contains(url) {
                eigenschappen.push(url.clone());
            }
        }
    }
    if let (Some(parent), Some(volgnummer)) = (&parent, volgnummer) {
        parts::check_unique(
            ctx,
            &mut f,
            Kind::Statustype,
            parent.uuid,
            "volgnummer",
            Bind::Int(volgnummer),
            "Dit zaaktype heeft al een statustype met dit volgnummer.",
        )
        .await?;
    }
    f.finish()?;
    let parent = parent.ok_or_else(|| ApiError::internal("zaaktype resolved"))?;
    let is_eindstatus = ctx
        .existing
        .and_then(|e| e["isEindstatus"].as_bool())
        .unwrap_or(false);
    let mut data = json!({
        "url": ctx.url(Kind::Statustype),
        "omschrijving": text(omschrijving),
        "omschrijvingGeneriek": text(omschrijving_generiek),
        "statustekst": text(statustekst),
        "zaaktype": parent.url(ctx.api),
        "volgnummer": volgnummer,
        "isEindstatus": is_eindstatus,
        "informeren": informeren.unwrap_or(false),
        "doorlooptijd": nullable(doorlooptijd),
        "toelichting": nullable(toelichting),
        "checklistitemStatustype": checklist,
        "eigenschappen": eigenschappen,
    });
    parts::apply_parent_fields(&parent.data, data.as_object_mut().expect("object"));
    let mut columns =
        parts::parent_columns(ctx.api, parent.uuid, &parent.data, parent.is_concept());
    columns.push(("volgnummer", Bind::Int(volgnummer.unwrap_or_default())));
    Ok(Record { data, columns })
}

fn checklist_items(f: &mut Fields<'_>) -> Vec<Value> {
    let Some(items) = f.raw("checklistitemStatustype") else {
        return Vec::new();
    };
    let Some(items) = items.as_array() else {
        f.error(
            "checklistitemStatustype",
            "not_a_list",
            "Verwachtte een lijst.",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("checklistitemStatustype.{i}");
        let Some(object) = item.as_object() else {
            f.error(&prefix, "invalid", "Verwachtte een object.");
            continue;
        };
        let mut c = Fields::nested(object, &prefix);
        let value = json!({
            "itemnaam": text(c.string("itemnaam", true, 30)),
            "toelichting": nullable(c.string("toelichting", false, 1000)),
            "vraagstelling": text(c.string("vraagstelling", true, 255)),
            "verplicht": c.boolean("verplicht", false).unwrap_or(false),
        });
        f.absorb(c);
        out.push(value);
    }
    out
}

/// Filters of `GET /statustypen`.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    parts::filter_common(
        api,
        query,
        &mut filter,
        "zaaktypeIdentificatie",
        "datumGeldigheid",
    );
    filter
}
