//! Zaaktypen: what kind of case a zaak is — its confidentiality, lead times, whether residents
//! start it (`indicatieInternOfExtern`), and (derived) the URLs of its sub-types.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::kind::Kind;
use super::references::{self, date, date_column, nullable, require_array, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;
use zgw::catalogi::{AARD_RELATIE, INDICATIE_INTERN_OF_EXTERN, VERTROUWELIJKHEIDAANDUIDING};

/// Separator of the `trefwoorden` column (a control character no trefwoord contains).
const SEP: char = '\u{1f}';

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let identificatie = f.string("identificatie", true, 50);
    let omschrijving = f.string("omschrijving", true, 80);
    let omschrijving_generiek = f.string("omschrijvingGeneriek", false, 80);
    let vertrouwelijkheid = f.choice(
        "vertrouwelijkheidaanduiding",
        true,
        VERTROUWELIJKHEIDAANDUIDING,
    );
    let doel = f.string("doel", true, usize::MAX);
    let aanleiding = f.string("aanleiding", true, usize::MAX);
    let toelichting = f.string("toelichting", false, usize::MAX);
    let intern_extern = f.choice("indicatieInternOfExtern", true, INDICATIE_INTERN_OF_EXTERN);
    let handeling_initiator = f.string("handelingInitiator", true, 20);
    let onderwerp = f.string("onderwerp", true, 80);
    let handeling_behandelaar = f.string("handelingBehandelaar", true, 20);
    let doorlooptijd = f.duration("doorlooptijd", true);
    let servicenorm = f.duration("servicenorm", false);
    let opschorting = f.boolean("opschortingEnAanhoudingMogelijk", true);
    let verlenging = f.boolean("verlengingMogelijk", true);
    let verlengingstermijn = f.duration("verlengingstermijn", false);
    if verlenging == Some(true) && verlengingstermijn.is_none() {
        f.error(
            "verlengingstermijn",
            "required",
            "Verlengingstermijn moet ingevuld zijn als verlenging mogelijk is.",
        );
    }
    let trefwoorden = f.string_list("trefwoorden", 30);
    let publicatie_indicatie = f.boolean("publicatieIndicatie", true);
    let publicatietekst = f.string("publicatietekst", false, usize::MAX);
    let verantwoordingsrelatie = f.string_list("verantwoordingsrelatie", 40);
    require_array(&mut f, body, "productenOfDiensten");
    let producten = f.url_list("productenOfDiensten");
    let selectielijst_procestype = f.url("selectielijstProcestype", false);
    let referentieproces = match f.object("referentieproces", true) {
        Some(object) => {
            let mut r = Fields::nested(object, "referentieproces");
            let naam = r.string("naam", true, 80);
            let link = r.url("link", false);
            f.absorb(r);
            let mut proces = json!({"naam": text(naam)});
            if let Some(link) = link {
                proces["link"] = Value::String(link);
            }
            proces
        }
        None => json!({"naam": ""}),
    };
    let verantwoordelijke = f.string("verantwoordelijke", true, 50);
    let broncatalogus = match f.object("broncatalogus", false) {
        Some(object) => {
            let mut b = Fields::nested(object, "broncatalogus");
            let url = b.url("url", true);
            let domein = b.string("domein", true, 5);
            let rsin = b.string("rsin", true, 9);
            f.absorb(b);
            json!({"url": text(url), "domein": text(domein), "rsin": text(rsin)})
        }
        None => Value::Null,
    };
    let bronzaaktype = match f.object("bronzaaktype", false) {
        Some(object) => {
            let mut b = Fields::nested(object, "bronzaaktype");
            let url = b.url("url", true);
            let identificatie = b.string("identificatie", true, 50);
            let omschrijving = b.string("omschrijving", true, 80);
            f.absorb(b);
            json!({"url": text(url), "identificatie": text(identificatie), "omschrijving": text(omschrijving)})
        }
        None => Value::Null,
    };
    let begin = f.date("beginGeldigheid", true);
    let einde = f.date("eindeGeldigheid", false);
    let begin_object = f.date("beginObject", false);
    let einde_object = f.date("eindeObject", false);
    let versiedatum = f.date("versiedatum", true);
    references::check_period(&mut f, begin, einde);

    let catalogus =
        references::resolve_field(ctx, &mut f, "catalogus", Kind::Catalogus, true).await?;
    let catalogus_uuid = catalogus.as_ref().map(|(uuid, _)| *uuid);
    if let (Some(existing), Some(new)) = (ctx.existing, catalogus_uuid) {
        if references::catalogus_of(ctx.api, existing) != Some(new) {
            f.error(
                "catalogus",
                "wijzigen-niet-toegestaan",
                "De catalogus van een zaaktype kan niet gewijzigd worden.",
            );
        }
    }

    require_array(&mut f, body, "besluittypen");
    let besluittype_names = f.string_list("besluittypen", 1000);
    let besluittypen = references::resolve_names_or_urls(
        ctx,
        &mut f,
        "besluittypen",
        &besluittype_names,
        Kind::Besluittype,
        "omschrijving",
        catalogus_uuid,
    )
    .await?;
    let deelzaaktype_names = f.string_list("deelzaaktypen", 1000);
    let deelzaaktypen = references::resolve_names_or_urls(
        ctx,
        &mut f,
        "deelzaaktypen",
        &deelzaaktype_names,
        Kind::Zaaktype,
        "identificatie",
        catalogus_uuid,
    )
    .await?;
    require_array(&mut f, body, "gerelateerdeZaaktypen");
    let gerelateerde = gerelateerde_zaaktypen(ctx, &mut f, catalogus_uuid).await?;

    if let (Some(catalogus), Some(identificatie), Some(begin)) =
        (catalogus_uuid, identificatie.as_deref(), begin)
    {
        references::check_overlap(
            ctx,
            &mut f,
            Kind::Zaaktype,
            catalogus,
            "identificatie",
            identificatie,
            begin,
            einde,
        )
        .await?;
    }
    f.finish()?;

    let concept = ctx.existing.map(super::rules::is_concept).unwrap_or(true);
    let url_of = |kind: Kind, uuid: Uuid| ctx.url_of(kind, uuid);
    // Two halves: one `json!` this size exceeds the macro recursion limit.
    let mut data = json!({
        "url": ctx.url(Kind::Zaaktype),
        "identificatie": text(identificatie.clone()),
        "omschrijving": text(omschrijving.clone()),
        "omschrijvingGeneriek": text(omschrijving_generiek),
        "vertrouwelijkheidaanduiding": text(vertrouwelijkheid),
        "doel": text(doel),
        "aanleiding": text(aanleiding),
        "toelichting": text(toelichting),
        "indicatieInternOfExtern": text(intern_extern),
        "handelingInitiator": text(handeling_initiator),
        "onderwerp": text(onderwerp),
        "handelingBehandelaar": text(handeling_behandelaar),
        "doorlooptijd": text(doorlooptijd),
        "servicenorm": nullable(servicenorm),
        "opschortingEnAanhoudingMogelijk": opschorting.unwrap_or(false),
        "verlengingMogelijk": verlenging.unwrap_or(false),
        "verlengingstermijn": nullable(verlengingstermijn),
        "trefwoorden": trefwoorden,
        "publicatieIndicatie": publicatie_indicatie.unwrap_or(false),
        "publicatietekst": text(publicatietekst),
        "verantwoordingsrelatie": verantwoordingsrelatie,
        "productenOfDiensten": producten,
        "referentieproces": referentieproces,
        "verantwoordelijke": text(verantwoordelijke),
    });
    let second = json!({
        "zaakobjecttypen": [],
        "catalogus": catalogus.as_ref().map(|(uuid, _)| url_of(Kind::Catalogus, *uuid)),
        "statustypen": [],
        "resultaattypen": [],
        "eigenschappen": [],
        "informatieobjecttypen": [],
        "roltypen": [],
        "besluittypen": besluittypen.iter().map(|(uuid, _)| url_of(Kind::Besluittype, *uuid)).collect::<Vec<_>>(),
        "deelzaaktypen": deelzaaktypen.iter().map(|(uuid, _)| url_of(Kind::Zaaktype, *uuid)).collect::<Vec<_>>(),
        "gerelateerdeZaaktypen": gerelateerde,
        "beginGeldigheid": date(begin),
        "eindeGeldigheid": date(einde),
        "beginObject": date(begin_object),
        "eindeObject": date(einde_object),
        "versiedatum": date(versiedatum),
        "concept": concept,
    });
    if let (Some(object), Value::Object(rest)) = (data.as_object_mut(), second) {
        object.extend(rest);
        // Optional and not nullable in the OAS: absent rather than `""`/`null` when not given.
        for (field, value) in [
            (
                "selectielijstProcestype",
                selectielijst_procestype.map(Value::String),
            ),
            (
                "broncatalogus",
                Some(broncatalogus).filter(|v| !v.is_null()),
            ),
            ("bronzaaktype", Some(bronzaaktype).filter(|v| !v.is_null())),
        ] {
            if let Some(value) = value {
                object.insert(field.into(), value);
            }
        }
    }
    let trefwoorden_column = data["trefwoorden"]
        .as_array()
        .map(|items| {
            let words: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            format!("{SEP}{}{SEP}", words.join(&SEP.to_string()))
        })
        .unwrap_or_default();
    Ok(Record {
        columns: vec![
            (
                "catalogus",
                Bind::text(catalogus_uuid.map(|u| u.to_string()).unwrap_or_default()),
            ),
            (
                "identificatie",
                Bind::text(identificatie.unwrap_or_default()),
            ),
            ("concept", Bind::flag(concept)),
            ("begin_geldigheid", date_column(begin)),
            ("einde_geldigheid", date_column(einde)),
            ("omschrijving", Bind::opt(omschrijving)),
            ("trefwoorden", Bind::text(trefwoorden_column)),
        ],
        data,
    })
}

/// `gerelateerdeZaaktypen`: `{zaaktype, aardRelatie, toelichting}`; `zaaktype` is an
/// identificatie in this catalogus (Catalogi 1.3) or a URL (served as a URL).
async fn gerelateerde_zaaktypen(
    ctx: &mut Ctx<'_>,
    f: &mut Fields<'_>,
    catalogus: Option<Uuid>,
) -> Result<Vec<Value>, ApiError> {
    let Some(items) = f.raw("gerelateerdeZaaktypen") else {
        return Ok(Vec::new());
    };
    let Some(items) = items.as_array() else {
        f.error(
            "gerelateerdeZaaktypen",
            "not_a_list",
            "Verwachtte een lijst.",
        );
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("gerelateerdeZaaktypen.{i}");
        let Some(object) = item.as_object() else {
            f.error(&prefix, "invalid", "Verwachtte een object.");
            continue;
        };
        let mut r = Fields::nested(object, &prefix);
        let zaaktype = r.string("zaaktype", true, 1000);
        let aard = r.choice("aardRelatie", true, AARD_RELATIE);
        let toelichting = r.string("toelichting", false, 255);
        f.absorb(r);
        let Some(zaaktype) = zaaktype.filter(|z| !z.is_empty()) else {
            continue;
        };
        let url = if crate::fields::is_http_url(&zaaktype) {
            Some(zaaktype)
        } else if let Some(catalogus) = catalogus {
            match references::version_by_name(
                ctx.tx,
                Kind::Zaaktype,
                catalogus,
                "identificatie",
                &zaaktype,
            )
            .await?
            {
                Some((uuid, _)) => Some(ctx.url_of(Kind::Zaaktype, uuid)),
                None => {
                    f.error(
                        &format!("{prefix}.zaaktype"),
                        "bad-url",
                        format!("Er bestaat geen zaaktype '{zaaktype}' in deze catalogus."),
                    );
                    None
                }
            }
        } else {
            None
        };
        if let Some(url) = url {
            out.push(json!({"zaaktype": url, "aardRelatie": text(aard), "toelichting": text(toelichting)}));
        }
    }
    Ok(out)
}

/// Filters of `GET /zaaktypen`.
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    if let Some(url) = query.text("catalogus") {
        catalogus_filter(api, query, &mut filter, &url);
    }
    if let Some(identificatie) = query.text("identificatie") {
        filter.eq("identificatie", Bind::text(identificatie));
    }
    for trefwoord in query.list("trefwoorden") {
        filter.contains("trefwoorden", &format!("{SEP}{trefwoord}{SEP}"));
    }
    super::parts::status_filter(query, &mut filter);
    if let Some(date) = query.date("datumGeldigheid") {
        filter.valid_on(date);
    }
    filter
}

/// The `catalogus` URL filter shared by the versioned types.
pub fn catalogus_filter(api: &CaseApi, query: &mut Query, filter: &mut Filter, url: &str) {
    if !crate::fields::is_http_url(url) {
        query.error("catalogus", "invalid", "Voer een geldige URL in.");
        return;
    }
    match references::uuid_of(api, url, Kind::Catalogus) {
        Some(uuid) => filter.eq("catalogus", Bind::text(uuid.to_string())),
        None => filter.nothing(),
    }
}
