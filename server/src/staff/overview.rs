//! The work overview ("werkvoorraad"): open, overdue and recently closed cases per product,
//! and the list of open cases with filters and ordering — all through the standard Zaken
//! list filters (`einddatum__isnull`, `einddatumGepland__lt`, `einddatum__gt`) and its `count`,
//! so it works against any ZGW provider. Counts per status come from the case index
//! ([`super::index`], fed by notifications): the Zaken API has no status filter.

use axum::extract::{Query, State};
use axum::Json;
use loket_api::staff::{OverviewRow, StaffRole, StatusCount, WorkOverview, WorkPage, WorkQuery};
use loket_api::{FieldError, FieldErrorCode};

use super::session::StaffSession;
use crate::portal::cases::{opt_text, summary};
use crate::portal::error::PortalError;
use crate::portal::Portal;

/// The `count` of a Zaken list query (one page is fetched; its size does not matter).
async fn count(portal: &Portal, staff: &StaffSession, query: &str) -> Result<u64, PortalError> {
    let page = portal
        .zgw
        .get(
            &staff.actor(),
            &portal.zgw.zaken(&format!("/zaken?{query}")),
        )
        .await?;
    Ok(page["count"].as_u64().unwrap_or_default())
}

/// Open cases per status from the case index, in the zaaktype's status order.
async fn by_status(
    portal: &Portal,
    info: &crate::portal::catalogue::ZaaktypeInfo,
) -> Result<Vec<StatusCount>, PortalError> {
    let counts = super::index::open_by_status(portal, &info.zaaktype.url).await?;
    let mut rows: Vec<StatusCount> = counts
        .iter()
        .filter(|(statustype, _)| statustype.is_empty())
        .map(|(_, count)| StatusCount {
            status: String::new(),
            count: *count,
        })
        .collect();
    for statustype in &info.statustypen {
        if let Some((_, count)) = counts.iter().find(|(url, _)| *url == statustype.url) {
            rows.push(StatusCount {
                status: statustype.omschrijving.clone(),
                count: *count,
            });
        }
    }
    Ok(rows)
}

/// `GET /api/staff/overview` (kcc, behandelaar).
pub async fn overview(
    State(portal): State<Portal>,
    staff: StaffSession,
) -> Result<Json<WorkOverview>, PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    let today = chrono::Utc::now().date_naive();
    let month_ago = today - chrono::Days::new(30);
    let mut rows = Vec::new();
    for info in portal.catalogue.products(&portal.zgw).await? {
        let zaaktype = zgw::client::query_value(&info.zaaktype.url);
        let open = format!("zaaktype={zaaktype}&einddatum__isnull=true");
        rows.push(OverviewRow {
            product_id: info.product.id.clone(),
            title: info.product.title.clone(),
            open: count(&portal, &staff, &open).await?,
            overdue: count(
                &portal,
                &staff,
                &format!("{open}&einddatumGepland__lt={today}"),
            )
            .await?,
            closed_recently: count(
                &portal,
                &staff,
                &format!("zaaktype={zaaktype}&einddatum__gt={month_ago}"),
            )
            .await?,
            by_status: by_status(&portal, &info).await?,
        });
    }
    Ok(Json(WorkOverview {
        rows,
        today: today.to_string(),
    }))
}

/// `GET /api/staff/work` (kcc, behandelaar): open cases, oldest first unless asked
/// otherwise, a page at a time as the provider pages.
pub async fn work(
    State(portal): State<Portal>,
    staff: StaffSession,
    Query(query): Query<WorkQuery>,
) -> Result<Json<WorkPage>, PortalError> {
    staff.require(&[StaffRole::Kcc, StaffRole::Behandelaar])?;
    // The orderings the Zaken API offers (it cannot order by expected end date; the
    // `overdue` filter finds the late ones).
    let ordering = match query.ordering.as_deref().unwrap_or("started") {
        "started" => "startdatum",
        "-started" => "-startdatum",
        "identificatie" => "identificatie",
        "-identificatie" => "-identificatie",
        _ => {
            return Err(PortalError::Invalid(vec![FieldError::new(
                "ordering",
                FieldErrorCode::NotAnOption,
            )]))
        }
    };
    let page = query.page.unwrap_or(1).max(1);
    let mut filters = vec![
        "einddatum__isnull=true".to_owned(),
        format!("ordering={ordering}"),
        "expand=zaaktype,status,status.statustype".to_owned(),
        format!("page={page}"),
    ];
    if let Some(id) = query.product_id.as_deref().filter(|s| !s.is_empty()) {
        let info = portal
            .catalogue
            .product(&portal.zgw, id)
            .await
            .map_err(|_| {
                PortalError::Invalid(vec![FieldError::new(
                    "product_id",
                    FieldErrorCode::NotAnOption,
                )])
            })?;
        filters.push(format!(
            "zaaktype={}",
            zgw::client::query_value(&info.zaaktype.url)
        ));
    }
    if query.overdue {
        filters.push(format!(
            "einddatumGepland__lt={}",
            chrono::Utc::now().date_naive()
        ));
    }
    let answer = portal
        .zgw
        .get(
            &staff.actor(),
            &portal.zgw.zaken(&format!("/zaken?{}", filters.join("&"))),
        )
        .await;
    let answer = match answer {
        // A page past the end.
        Err(zgw::client::ClientError::Problem { status: 404, .. }) => {
            return Ok(Json(WorkPage {
                count: 0,
                page,
                has_next: false,
                cases: vec![],
            }))
        }
        other => other?,
    };
    Ok(Json(WorkPage {
        count: answer["count"].as_u64().unwrap_or_default(),
        page,
        has_next: opt_text(&answer["next"]).is_some(),
        cases: answer["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(summary)
            .collect(),
    }))
}
