//! Catalogussen: the owner (RSIN) and domain of a set of types.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::references::{text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let domein = f.string("domein", true, 5);
    if let Some(d) = &domein {
        if !d.is_empty() && !d.chars().all(|c| c.is_ascii_uppercase()) {
            f.error(
                "domein",
                "invalid",
                "Het domein mag alleen hoofdletters bevatten.",
            );
        }
    }
    let rsin = f.rsin("rsin", true);
    let naam_contact = f.string("contactpersoonBeheerNaam", true, 40);
    let telefoon = f.string("contactpersoonBeheerTelefoonnummer", false, 20);
    let email = f.string("contactpersoonBeheerEmailadres", false, 254);
    if let Some(email) = email.as_deref().filter(|e| !e.is_empty()) {
        let valid = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if !valid {
            f.error(
                "contactpersoonBeheerEmailadres",
                "invalid",
                "Voer een geldig e-mailadres in.",
            );
        }
    }
    let naam = f.string("naam", false, 200);
    let versie = f.string("versie", false, 20);
    let begindatum_versie = f.date("begindatumVersie", false);
    if let (Some(domein), Some(rsin)) = (&domein, &rsin) {
        let mut filter = Filter::default();
        filter.eq("domein", Bind::text(domein.clone()));
        filter.eq("rsin", Bind::text(rsin.clone()));
        let taken = super::storage::select_tx(ctx.tx, "catalogussen", &filter, "seq").await?;
        if taken.iter().any(|(uuid, _)| *uuid != ctx.uuid) {
            f.non_field_error(
                "unique",
                "Er bestaat al een catalogus met dit domein en RSIN.",
            );
        }
    }
    f.finish()?;
    let domein = domein.unwrap_or_default();
    let rsin = rsin.unwrap_or_default();
    let data = json!({
        "url": ctx.url(Kind::Catalogus),
        "domein": domein,
        "rsin": rsin,
        "contactpersoonBeheerNaam": text(naam_contact),
        "contactpersoonBeheerTelefoonnummer": text(telefoon),
        "contactpersoonBeheerEmailadres": text(email),
        "zaaktypen": [],
        "besluittypen": [],
        "informatieobjecttypen": [],
        "naam": text(naam),
        "versie": text(versie),
        "begindatumVersie": super::references::date(begindatum_versie),
    });
    Ok(Record {
        data,
        columns: vec![("domein", Bind::text(domein)), ("rsin", Bind::text(rsin))],
    })
}

/// Filters of `GET /catalogussen`: `domein`, `domein__in`, `rsin`, `rsin__in`.
pub fn filter(query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    if let Some(domein) = query.text("domein") {
        filter.eq("domein", Bind::text(domein));
    }
    if query.get("domein__in").is_some() {
        filter.any_of("domein", query.list("domein__in"));
    }
    if let Some(rsin) = query.text("rsin") {
        filter.eq("rsin", Bind::text(rsin));
    }
    if query.get("rsin__in").is_some() {
        filter.any_of("rsin", query.list("rsin__in"));
    }
    filter
}
