//! Zaaktype-informatieobjecttypen: which document types belong to a zaaktype and in which
//! direction (`inkomend`: the initiator supplies them — what a resident may upload; `uitgaand`:
//! the municipality sends them).
//!
//! Catalogi 1.3 relates them by informatieobjecttype `omschrijving`; a URL is accepted too.
//! Either is stored and served as the URL of the matching version.

use serde_json::{json, Map, Value};

use super::kind::Kind;
use super::parts::{self, Parent};
use super::references::{self, text, Ctx};
use super::storage::{Bind, Filter, Record};
use crate::error::ApiError;
use crate::fields::Fields;
use crate::query::Query;
use crate::CaseApi;
use zgw::catalogi::RICHTING;

pub async fn build(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Record, ApiError> {
    let mut f = Fields::new(body);
    let volgnummer = f.integer("volgnummer", true, 1, 999);
    let richting = f.choice("richting", true, RICHTING);
    let iot_ref = f.string("informatieobjecttype", true, 1000);
    let parent = Parent::resolve(ctx, &mut f).await?;
    let catalogus = parent.as_ref().and_then(|p| p.catalogus(ctx.api));
    let mut informatieobjecttype = None;
    if let Some(reference) = iot_ref.filter(|r| !r.is_empty()) {
        if !crate::fields::is_http_url(&reference) && reference.chars().count() > 100 {
            f.error(
                "informatieobjecttype",
                "max_length",
                "Zorg ervoor dat dit veld niet meer dan 100 karakters bevat.",
            );
        } else {
            informatieobjecttype = references::resolve_name_or_url(
                ctx,
                &mut f,
                "informatieobjecttype",
                &reference,
                Kind::Informatieobjecttype,
                "omschrijving",
                catalogus,
            )
            .await?;
        }
    }
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
    if let (Some(parent), Some(volgnummer)) = (&parent, volgnummer) {
        parts::check_unique(
            ctx,
            &mut f,
            Kind::ZaaktypeInformatieobjecttype,
            parent.uuid,
            "volgnummer",
            Bind::Int(volgnummer),
            "Dit zaaktype heeft al een informatieobjecttype met dit volgnummer.",
        )
        .await?;
    }
    f.finish()?;
    let parent = parent.ok_or_else(|| ApiError::internal("zaaktype resolved"))?;
    let (iot_uuid, iot) =
        informatieobjecttype.ok_or_else(|| ApiError::internal("informatieobjecttype resolved"))?;
    let mut data = json!({
        "url": ctx.url(Kind::ZaaktypeInformatieobjecttype),
        "zaaktype": parent.url(ctx.api),
        "informatieobjecttype": ctx.url_of(Kind::Informatieobjecttype, iot_uuid),
        "volgnummer": volgnummer,
        "richting": text(richting.clone()),
        "statustype": statustype.map(|(uuid, _)| ctx.url_of(Kind::Statustype, uuid)),
    });
    let object = data.as_object_mut().expect("object");
    parts::apply_parent_fields(&parent.data, object);
    // Served like the OAS: no validity dates on this resource.
    for field in [
        "beginGeldigheid",
        "eindeGeldigheid",
        "beginObject",
        "eindeObject",
    ] {
        object.remove(field);
    }
    let concept = parent.is_concept() || super::rules::is_concept(&iot);
    let mut columns = parts::parent_columns(ctx.api, parent.uuid, &parent.data, concept);
    columns.push(("informatieobjecttype", Bind::text(iot_uuid.to_string())));
    columns.push(("richting", Bind::text(richting.unwrap_or_default())));
    columns.push(("volgnummer", Bind::Int(volgnummer.unwrap_or_default())));
    Ok(Record { data, columns })
}

/// Filters of `GET /zaaktype-informatieobjecttypen`: `zaaktype`, `informatieobjecttype`,
/// `richting`, `status` (definitief: both the zaaktype and the informatieobjecttype published).
pub fn filter(api: &CaseApi, query: &mut Query) -> Filter {
    let mut filter = Filter::default();
    if let Some(url) = query.text("zaaktype") {
        url_filter(api, query, &mut filter, "zaaktype", &url, Kind::Zaaktype);
    }
    if let Some(url) = query.text("informatieobjecttype") {
        url_filter(
            api,
            query,
            &mut filter,
            "informatieobjecttype",
            &url,
            Kind::Informatieobjecttype,
        );
    }
    if let Some(richting) = query.choice("richting", RICHTING) {
        filter.eq("richting", Bind::text(richting));
    }
    parts::status_filter(query, &mut filter);
    filter
}

fn url_filter(
    api: &CaseApi,
    query: &mut Query,
    filter: &mut Filter,
    name: &str,
    url: &str,
    kind: Kind,
) {
    if !crate::fields::is_http_url(url) {
        query.error(name, "invalid", "Voer een geldige URL in.");
        return;
    }
    match references::uuid_of(api, url, kind) {
        Some(uuid) => filter.eq(name, Bind::text(uuid.to_string())),
        None => filter.nothing(),
    }
}
