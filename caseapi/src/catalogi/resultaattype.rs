//! Resultaattypen: the possible outcomes of a zaak of a zaaktype, with the archiving rules that
//! follow from them (archiefnominatie, archiefactietermijn, brondatumArchiefprocedure).
//!
//! The Referentielijsten/Selectielijst API is external: `resultaattypeomschrijving`,
//! `selectielijstklasse` are checked for URL shape only, so `omschrijvingGeneriek` (which the
//! reference implementation reads from the resultaattypeomschrijving) is served empty.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::parts::{self, Parent};
use super::references::{self, nullable, require_array, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;
use zgw::catalogi::{AFLEIDINGSWIJZE, ARCHIEFNOMINATIE, OBJECTTYPE};

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let omschrijving = f.string("omschrijving", true, 30);
    let resultaattypeomschrijving = f.url("resultaattypeomschrijving", true);
    let selectielijstklasse = f.url("selectielijstklasse", true);
    let toelichting = f.string("toelichting", false, usize::MAX);
    let archiefnominatie = f.choice("archiefnominatie", false, ARCHIEFNOMINATIE);
    let archiefactietermijn = f.duration("archiefactietermijn", false);
    let brondatum = match f.object("brondatumArchiefprocedure", false) {
        Some(object) => {
            let mut b = Fields::nested(object, "brondatumArchiefprocedure");
            let value = brondatum_archiefprocedure(&mut b);
            f.absorb(b);
            value
        }
        None => Value::Null,
    };
    let procesobjectaard = f.string("procesobjectaard", false, 200);
    let indicatie_specifiek = f.boolean("indicatieSpecifiek", false);
    let procestermijn = f.duration("procestermijn", false);
    require_array(&mut f, body, "besluittypen");
    let besluittype_names = f.string_list("besluittypen", 1000);
    let iot_urls = f.url_list("informatieobjecttypen");
    let parent = Parent::resolve(ctx, &mut f).await?;
    let catalogus = parent.as_ref().and_then(|p| p.catalogus(ctx.api));
    let besluittypen = references::resolve_names_or_urls(
        ctx,
        &mut f,
        "besluittypen",
        &besluittype_names,
        Kind::Besluittype,
        "omschrijving",
        catalogus,
    )
    .await?;
    let informatieobjecttypen = references::resolve_names_or_urls(
        ctx,
        &mut f,
        "informatieobjecttypen",
        &iot_urls,
        Kind::Informatieobjecttype,
        "omschrijving",
        catalogus,
    )
    .await?;
    if let (Some(parent), Some(omschrijving)) = (&parent, &omschrijving) {
        parts::check_unique(
            ctx,
            &mut f,
            Kind::Resultaattype,
            parent.uuid,
            "omschrijving",
            Bind::text(omschrijving.clone()),
            "Dit zaaktype heeft al een resultaattype met deze omschrijving.",
        )
        .await?;
    }
    f.finish()?;
    let parent = parent.ok_or_else(|| ApiError::internal("zaaktype resolved"))?;
    let omschrijving_of = |items: &[(uuid::Uuid, Value)]| -> Vec<Value> {
        items
            .iter()
            .map(|(_, d)| d["omschrijving"].clone())
            .collect()
    };
    let mut data = json!({
        "url": ctx.url(Kind::Resultaattype),
        "zaaktype": parent.url(ctx.api),
        "omschrijving": text(omschrijving.clone()),
        "resultaattypeomschrijving": text(resultaattypeomschrijving),
        "omschrijvingGeneriek": "",
        "selectielijstklasse": text(selectielijstklasse),
        "toelichting": text(toelichting),
        "archiefnominatie": text(archiefnominatie),
        "archiefactietermijn": nullable(archiefactietermijn),
        "brondatumArchiefprocedure": brondatum,
        "procesobjectaard": text(procesobjectaard),
        "indicatieSpecifiek": indicatie_specifiek,
        "procestermijn": nullable(procestermijn),
        "besluittypen": besluittypen.iter().map(|(u, _)| ctx.url_of(Kind::Besluittype, *u)).collect::<Vec<_>>(),
        "besluittypeOmschrijving": omschrijving_of(&besluittypen),
        "informatieobjecttypen": informatieobjecttypen.iter().map(|(u, _)| ctx.url_of(Kind::Informatieobjecttype, *u)).collect::<Vec<_>>(),
        "informatieobjecttypeOmschrijving": omschrijving_of(&informatieobjecttypen),
    });
    parts::apply_parent_fields(&parent.data, data.as_object_mut().expect("object"));
    let mut columns =
        parts::parent_columns(ctx.api, parent.uuid, &parent.data, parent.is_concept());
    columns.push(("omschrijving", Bind::text(omschrijving.unwrap_or_default())));
    Ok(Record { data, columns })
}

/// `brondatumArchiefprocedure` with the rules ztc-003…008: which parameters an
/// `afleidingswijze` needs (`required`) and which it must leave empty (`must-be-empty`).
fn brondatum_archiefprocedure(b: &mut Fields<'_>) -> Value {
    let afleidingswijze = b.choice("afleidingswijze", true, AFLEIDINGSWIJZE);
    let datumkenmerk = b.string("datumkenmerk", false, 80);
    let einddatum_bekend = b.boolean("einddatumBekend", false);
    let objecttype = b.choice("objecttype", false, OBJECTTYPE);
    let registratie = b.string("registratie", false, 80);
    let procestermijn = b.duration("procestermijn", false);
    if let Some(wijze) = afleidingswijze.as_deref() {
        // (procestermijn, datumkenmerk, objecttype, registratie): Some(true) = required,
        // Some(false) = must be empty.
        let (p, d, o, r) = match wijze {
            "termijn" => (true, false, false, false),
            "eigenschap" => (false, true, false, false),
            "zaakobject" => (false, true, true, false),
            "ander_datumkenmerk" => (false, true, true, true),
            _ => (false, false, false, false),
        };
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
        for (name, required, present) in [
            ("procestermijn", p, filled(&procestermijn)),
            ("datumkenmerk", d, filled(&datumkenmerk)),
            ("objecttype", o, filled(&objecttype)),
            ("registratie", r, filled(&registratie)),
        ] {
            if required && !present {
                b.error(
                    name,
                    "required",
                    format!("Dit veld is vereist bij afleidingswijze `{wijze}`."),
                );
            } else if !required && present {
                b.error(
                    name,
                    "must-be-empty",
                    format!("Dit veld moet leeg zijn bij afleidingswijze `{wijze}`."),
                );
            }
        }
        if matches!(wijze, "afgehandeld" | "termijn") && einddatum_bekend == Some(true) {
            b.error(
                "einddatumBekend",
                "must-be-empty",
                format!("Dit veld moet leeg zijn bij afleidingswijze `{wijze}`."),
            );
        }
    }
    json!({
        "afleidingswijze": text(afleidingswijze),
        "datumkenmerk": text(datumkenmerk),
        "einddatumBekend": einddatum_bekend.unwrap_or(false),
        "objecttype": text(objecttype),
        "registratie": text(registratie),
        "procestermijn": nullable(procestermijn),
    })
}

/// Filters of `GET /resultaattypen`. The OAS spells two of them in snake_case
/// (`zaaktype_identificatie`, `datum_geldigheid`); the camelCase spelling of the other lists
/// is accepted too.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    parts::filter_common(
        api,
        query,
        &mut filter,
        "zaaktype_identificatie",
        "datum_geldigheid",
    );
    if let Some(identificatie) = query.text("zaaktypeIdentificatie") {
        filter.eq("identificatie", Bind::text(identificatie));
    }
    if let Some(date) = query.date("datumGeldigheid") {
        filter.valid_on(date);
    }
    filter
}
