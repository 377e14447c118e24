//! `/medewerker/werkvoorraad` (kcc, behandelaar): the work in stock per product (open,
//! overdue, closed in the last 30 days) and the list of open cases, filtered by product and
//! "overdue only", sorted by start date or case number, a page at a time. Tables scroll
//! inside their own focusable region on narrow screens, so the page itself reflows.

use leptos::prelude::*;
use leptos_router::components::A;
use loket_api::staff::{WorkOverview, WorkPage, WorkQuery};
use loket_api::CaseSummary;

use super::client;
use super::form::{load, remote_view, select_field, Errors, Remote};
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
        <h2 id="loket-counts-title" class="nl-heading nl-heading--level-2">{st(|t| t.counts_heading)}</h2>
        {remote_view(overview, reload, counts_table)}

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
                <p class="nl-paragraph">{move || fill_in(staff_texts(i18n.lang()).work_count, &[("n", &n.to_string())])}</p>
            })}
        </div>
        {move || match work.get() {
            Remote::Loading => view! { <Loading /> }.into_any(),
            Remote::Failed(e) => super::form::failed_view(e, move || page.update(|_| {})),
            Remote::Ready(p) => work_table(p, page).into_any(),
        }}
    }
}

fn counts_table(overview: WorkOverview) -> AnyView {
    let i18n = use_i18n();
    let today = overview.today.clone();
    view! {
        <div class="loket-table-wrap" role="region" aria-labelledby="loket-counts-title" tabindex="0">
            <table class="loket-table">
                <caption class="loket-table__caption">
                    {move || fill_in(staff_texts(i18n.lang()).counts_caption, &[("datum", &format_date(i18n.t(), &today))])}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{st(|t| t.col_product)}</th>
                        <th scope="col" class="loket-table__number">{st(|t| t.col_open)}</th>
                        <th scope="col" class="loket-table__number">{st(|t| t.col_overdue)}</th>
                        <th scope="col" class="loket-table__number">{st(|t| t.col_closed_recently)}</th>
                    </tr>
                </thead>
                <tbody>
                    {overview.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.title}</th>
                            <td class="loket-table__number">{r.open}</td>
                            <td class="loket-table__number">{r.overdue}</td>
                            <td class="loket-table__number">{r.closed_recently}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn case_row(case: CaseSummary, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let started = case.started_on.clone();
    let expected = case.expected_end.clone().unwrap_or_default();
    let late = !expected.is_empty() && expected < today;
    view! {
        <tr>
            <th scope="row">
                <A href=format!("/medewerker/zaken/{}", crate::api::encode_component(&case.id)) attr:class="nl-link">{case.identificatie.clone()}</A>
            </th>
            <td>{case.product_title.clone()}</td>
            <td>{case.status.clone()}</td>
            <td>{move || format_date(i18n.t(), &started)}</td>
            <td>
                {let e = expected.clone(); move || if e.is_empty() { String::new() } else { format_date(i18n.t(), &e) }}
                {late.then(|| view! { " " <strong class="loket-tag">{st(|t| t.overdue_tag)}</strong> })}
            </td>
        </tr>
    }
}

fn work_table(work: WorkPage, page: RwSignal<u32>) -> impl IntoView {
    let today = today();
    let (has_prev, has_next) = (work.page > 1, work.has_next);
    view! {
        {if work.cases.is_empty() {
            view! { <p class="nl-paragraph">{st(|t| t.work_empty)}</p> }.into_any()
        } else {
            view! {
                <div class="loket-table-wrap" role="region" aria-labelledby="loket-work-caption" tabindex="0">
                    <table class="loket-table">
                        <caption id="loket-work-caption" class="loket-table__caption">{st(|t| t.work_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{st(|t| t.col_number)}</th>
                                <th scope="col">{st(|t| t.col_product)}</th>
                                <th scope="col">{st(|t| t.col_status)}</th>
                                <th scope="col">{st(|t| t.col_started)}</th>
                                <th scope="col">{st(|t| t.col_expected)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {work.cases.into_iter().map(|c| case_row(c, today.clone())).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {(has_prev || has_next).then(|| view! {
            <nav class="loket-pagination" aria-label=move || staff_texts(use_i18n().lang()).pages_label>
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
