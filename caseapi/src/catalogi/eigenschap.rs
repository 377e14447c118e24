//! Eigenschappen: the extra data a zaak of a zaaktype carries; their `specificatie` (formaat,
//! lengte, kardinaliteit, waardenverzameling) drives the portal's form fields.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::parts::{self, Parent};
use super::references::{self, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;
use zgw::catalogi::EIGENSCHAP_FORMAAT;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let naam = f.string("naam", true, 20);
    let definitie = f.string("definitie", true, 255);
    let toelichting = f.string("toelichting", false, 1000);
    let specificatie = match f.object("specificatie", true) {
        Some(object) => {
            let mut s = Fields::nested(object, "specificatie");
            let spec = specificatie(&mut s);
            f.absorb(s);
            spec
        }
        None => Value::Null,
    };
    let parent = Parent::resolve(ctx, &mut f).await?;
    let statustype =
        references::resolve_field(ctx, &mut f, "statustype", Kind::Statustype, false).await?;
    if let (Some((_, statustype)), Some(parent)) = (&statustype, &parent) {
        if statustype["zaaktype"] != Value::String(parent.url(ctx.api)) {
            f.error(
                "statustype",
                "relations-incorrect-zaaktype",
                "Het statustype hoort bij een ander zaaktype.",
            );
        }
    }
    if let (Some(parent), Some(naam)) = (&parent, &naam) {
        parts::check_unique(
            ctx,
            &mut f,
            Kind::Eigenschap,
            parent.uuid,
            "naam",
            Bind::text(naam.clone()),
            "Dit zaaktype heeft al een eigenschap met deze naam.",
        )
        .await?;
    }
    f.finish()?;
    let parent = parent.ok_or_else(|| ApiError::internal("zaaktype resolved"))?;
    let mut data = json!({
        "url": ctx.url(Kind::Eigenschap),
        "naam": text(naam.clone()),
        "definitie": text(definitie),
        "specificatie": specificatie,
        "toelichting": text(toelichting),
        "zaaktype": parent.url(ctx.api),
        "statustype": statustype.map(|(uuid, _)| ctx.url_of(Kind::Statustype, uuid)),
    });
    parts::apply_parent_fields(&parent.data, data.as_object_mut().expect("object"));
    let mut columns =
        parts::parent_columns(ctx.api, parent.uuid, &parent.data, parent.is_concept());
    columns.push(("naam", Bind::text(naam.unwrap_or_default())));
    Ok(Record { data, columns })
}

/// `specificatie`: `lengte` is a number of characters (for `getal` optionally with decimals,
/// `8,2`), `kardinaliteit` a number or `N` (any number of values).
fn specificatie(s: &mut Fields<'_>) -> Value {
    let groep = s.string("groep", false, 32);
    let formaat = s.choice("formaat", true, EIGENSCHAP_FORMAAT);
    let lengte = s.string("lengte", true, 14);
    // Only judged when within its maximum length (which already has its own error).
    if let Some(lengte) = lengte
        .as_deref()
        .filter(|l| !l.is_empty() && l.chars().count() <= 14)
    {
        let (whole, decimals) = match lengte.split_once([',', '.']) {
            Some((w, d)) => (w, Some(d)),
            None => (lengte, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || decimals.is_some_and(|d| !digits(d)) {
            s.error(
                "lengte",
                "invalid",
                "De lengte moet een aantal karakters zijn, eventueel met decimalen (8,2).",
            );
        }
    }
    let kardinaliteit = s.string("kardinaliteit", true, 3);
    if let Some(k) = kardinaliteit
        .as_deref()
        .filter(|k| !k.is_empty() && k.chars().count() <= 3)
    {
        if k != "N" && !k.bytes().all(|b| b.is_ascii_digit()) {
            s.error(
                "kardinaliteit",
                "invalid",
                "De kardinaliteit moet een getal of N zijn.",
            );
        }
    }
    let waardenverzameling = s.string_list("waardenverzameling", 100);
    json!({
        "groep": text(groep),
        "formaat": text(formaat),
        "lengte": text(lengte),
        "kardinaliteit": text(kardinaliteit),
        "waardenverzameling": waardenverzameling,
    })
}

/// Filters of `GET /eigenschappen`.
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
