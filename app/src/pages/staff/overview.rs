//! `/medewerker/werkvoorraad` (kcc, behandelaar): the work in stock per product (open,
//! overdue, closed in the last 30 days) and the list of open cases, filtered by product and
//! "overdue only", sorted by start date or case number, a page at a time. Tables scroll
//! inside their own focusable region on narrow screens, so the page itself reflows.

use leptos::prelude::*;
use loket_api::staff::{WorkOverview, WorkPage, WorkQuery};
use loket_api::CaseSummary;

use super::client;
use super::form::{load, remote_view, select_field, Errors, Remote};
use super::parts::{data_table, Cell};
use super::texts::{st, st_signal, staff_texts, StaffTextFn};
use super::{RequireStaff, StaffNav, DESK};
use crate::components::{Loading, PageHeading};
use crate::i18n::{fill_in, format_date, use_i18n};

const ORDERINGS: [(&str, StaffTextFn); 4] = [
    ("started", |t| t.order_oldest),
    ("-started", |t| t.order_newest),
    ("identificatie", |t| t.order_number_up),
    ("-identificatie", |t| t.order_number_down),
];

#[component]
pub fn StaffOverviewPage() -> impl IntoView {
    view! {
        <StaffNav />
        <PageHeading text=st_signal(|t| t.overview_title) title=st_signal(|t| t.overview_title) />
        <RequireStaff roles=DESK>
            <Overview />
        </RequireStaff>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let (overview, reload) = load(client::overview);
    let product = RwSignal::new(String::new());
    let ordering = RwSignal::new("started".to_owned());
    let overdue = RwSignal::new(false);
    let page = RwSignal::new(1u32);
    let no_errors: Errors = RwSignal::new(Vec::new());
    let work = RwSignal::new(Remote::<WorkPage>::Loading);
    // The list follows the filters (back to page 1 when they change) and the page; only the
    // newest answer is shown.
    let latest = StoredValue::new(0u32);
    Effect::new(move |previous: Option<(String, bool, String)>| {
        let filters = (product.get(), overdue.get(), ordering.get());
        let changed = previous.as_ref().is_some_and(|p| *p != filters);
        if changed && page.get() != 1 {
            page.set(1);
            return filters;
        }
        let query = WorkQuery {
            product_id: Some(filters.0.clone()).filter(|p| !p.is_empty()),
            overdue: filters.1,
            ordering: Some(filters.2.clone()),
            page: Some(page.get()),
        };
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        leptos::task::spawn_local(async move {
            let answer = match client::work(query).await {
                Ok(p) => Remote::Ready(p),
                Err(e) => Remote::Failed(e),
            };
            if latest.try_get_value() == Some(mine) {
                let _ = work.try_set(answer);
            }
        });
        filters
    });

    let products = Signal::derive(move || {
        let mut all = vec![(
            String::new(),
            staff_texts(i18n.lang()).all_products.to_owned(),
        )];
        overview.with(|o| {
            if let Some(o) = o.ready() {
                all.extend(
                    o.rows
                        .iter()
                        .map(|r| (r.product_id.clone(), r.title.clone())),
                );
            }
        });
        all
    });
    let orderings = Signal::derive(move || {
        let t = staff_texts(i18n.lang());
        ORDERINGS
            .iter()
            .map(|(v, text)| ((*v).to_owned(), text(t).to_owned()))
            .collect()
    });
    view! {
        <h2 class="nl-heading nl-heading--level-2">{st(|t| t.counts_heading)}</h2>
        {remote_view(overview, reload, counts_tables)}

        <h2 class="nl-heading nl-heading--level-2">{st(|t| t.work_heading)}</h2>
        <form class="loket-form loket-staff-filters" on:submit=|ev| ev.prevent_default()>
            {select_field("veld-filter-product".to_owned(), st_signal(|t| t.filter_product), product, products, no_errors)}
            {select_field("veld-sortering".to_owned(), st_signal(|t| t.sort_label), ordering, orderings, no_errors)}
            <div class="loket-checkbox">
                <input
                    class="loket-checkbox__input"
                    type="checkbox"
                    id="veld-te-laat"
                    prop:checked=move || overdue.get()
                    on:change=move |ev| overdue.set(event_target_checked(&ev))
                />
                <label class="loket-checkbox__label" for="veld-te-laat">{st(|t| t.filter_overdue)}</label>
            </div>
        </form>
        <div role="status" class="loket-staff-status">
            {move || work.with(|w| w.ready().map(|p| p.count)).map(|n| view! {
                <p class="nl-paragraph">{move || super::texts::count(staff_texts(i18n.lang()), n, |t| t.work_count_one, |t| t.work_count)}</p>
            })}
        </div>
        {move || match work.get() {
            Remote::Loading => view! { <Loading /> }.into_any(),
            Remote::Failed(e) => super::form::failed_view(e, move || page.update(|_| {})),
            Remote::Ready(p) => work_table(p, page).into_any(),
        }}
    }
}

/// The counts per product, then the open cases per product and current status.
fn counts_tables(overview: WorkOverview) -> AnyView {
    let per_status: Vec<Vec<Cell>> = overview
        .rows
        .iter()
        .flat_map(|r| {
            r.by_status.iter().filter(|s| s.count > 0).map(|s| {
                vec![
                    Cell::Text(r.title.clone()),
                    if s.status.is_empty() {
                        Cell::Label(|t| t.status_none)
                    } else {
                        Cell::Text(s.status.clone())
                    },
                    Cell::Text(s.count.to_string()),
                ]
            })
        })
        .collect();
    let status_table = (!per_status.is_empty()).then(|| {
        data_table(
            "loket-status-caption",
            st_signal(|t| t.status_counts_caption),
            vec![
                (|t| t.col_product, false),
                (|t| t.col_status, false),
                (|t| t.col_open, true),
            ],
            per_status,
        )
    });
    view! {
        {counts_table(overview)}
        {status_table}
    }
    .into_any()
}

fn counts_table(overview: WorkOverview) -> AnyView {
    let i18n = use_i18n();
    let today = overview.today.clone();
    let caption = Signal::derive(move || {
        fill_in(
            staff_texts(i18n.lang()).counts_caption,
            &[("datum", &format_date(i18n.t(), &today))],
        )
    });
    let rows = overview
        .rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::Text(r.title),
                Cell::Text(r.open.to_string()),
                Cell::Text(r.overdue.to_string()),
                Cell::Text(r.closed_recently.to_string()),
            ]
        })
        .collect();
    data_table(
        "loket-counts-caption",
        caption,
        vec![
            (|t| t.col_product, false),
            (|t| t.col_open, true),
            (|t| t.col_overdue, true),
            (|t| t.col_closed_recently, true),
        ],
        rows,
    )
}

fn case_row(case: CaseSummary, today: &str) -> Vec<Cell> {
    let expected = match case.expected_end {
        Some(e) if e.as_str() < today => Cell::Late(e),
        Some(e) => Cell::Date(e),
        None => Cell::Text(String::new()),
    };
    vec![
        Cell::Link(
            format!(
                "/medewerker/zaken/{}",
                crate::api::encode_component(&case.id)
            ),
            case.identificatie,
        ),
        Cell::Text(case.product_title),
        Cell::Text(case.status),
        Cell::Date(case.started_on),
        expected,
    ]
}

fn work_table(work: WorkPage, page: RwSignal<u32>) -> impl IntoView {
    let today = today();
    let (has_prev, has_next) = (work.page > 1, work.has_next);
    let i18n = use_i18n();
    view! {
        {if work.cases.is_empty() {
            view! { <p class="nl-paragraph">{st(|t| t.work_empty)}</p> }.into_any()
        } else {
            data_table(
                "loket-work-caption",
                st_signal(|t| t.work_caption),
                vec![
                    (|t| t.col_number, false),
                    (|t| t.col_product, false),
                    (|t| t.col_status, false),
                    (|t| t.col_started, false),
                    (|t| t.col_expected, false),
                ],
                work.cases.into_iter().map(|c| case_row(c, &today)).collect(),
            )
        }}
        {(has_prev || has_next).then(|| view! {
            <nav class="loket-pagination" aria-label=move || staff_texts(i18n.lang()).pages_label>
                {has_prev.then(|| view! {
                    <button type="button" class="nl-button nl-button--secondary" on:click=move |_| page.update(|p| *p -= 1)>{st(|t| t.page_previous)}</button>
                })}
                {has_next.then(|| view! {
                    <button type="button" class="nl-button nl-button--secondary" on:click=move |_| page.update(|p| *p += 1)>{st(|t| t.page_next)}</button>
                })}
            </nav>
        })}
    }
}

/// Today as `YYYY-MM-DD` (the browser's local date).
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
