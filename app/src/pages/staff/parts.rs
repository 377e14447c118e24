//! Display parts the staff pages share: one table and one card, both built from data
//! ([`Cell`]s) rather than written out per page. Each distinct view shape costs its own
//! generated code in the wasm; these two serve every list of the staff side.

use leptos::prelude::*;
use leptos_router::components::A;

use super::texts::{st, StaffTextFn};
use crate::i18n::{format_date, use_i18n, Texts};

/// Date and time of an RFC 3339 timestamp ("29 november 2026 09:41", UTC as stored).
pub fn format_moment(t: &Texts, value: &str) -> String {
    match value.get(11..16) {
        Some(time) => format!("{} {time}", format_date(t, value)),
        None => format_date(t, value),
    }
}

/// One value in a table cell, a card title or a card row.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    /// A link inside the SPA: (href, text).
    Link(String, String),
    /// A `YYYY-MM-DD` date, shown in the current language.
    Date(String),
    /// A date that has passed ("te laat" after it).
    Late(String),
    /// An RFC 3339 timestamp: date and time.
    Moment(String),
    /// A staff text.
    Label(StaffTextFn),
}

/// Renders a cell's value.
pub fn cell_view(cell: Cell) -> AnyView {
    let i18n = use_i18n();
    match cell {
        Cell::Text(text) => text.into_any(),
        Cell::Link(href, text) => view! { <A href=href attr:class="nl-link">{text}</A> }.into_any(),
        Cell::Date(date) => (move || format_date(i18n.t(), &date)).into_any(),
        Cell::Late(date) => view! {
            {move || format_date(i18n.t(), &date)}
            " "
            <strong class="loket-tag">{st(|t| t.overdue_tag)}</strong>
        }
        .into_any(),
        Cell::Moment(at) => (move || format_moment(i18n.t(), &at)).into_any(),
        Cell::Label(text) => st(text).into_any(),
    }
}

/// A column: its header and whether it holds numbers (right-aligned).
pub type Column = (StaffTextFn, bool);

fn column_class(numeric: bool) -> &'static str {
    if numeric {
        "loket-table__number"
    } else {
        ""
    }
}

/// A data table whose first cell per row is the row header, in a focusable region that
/// scrolls by itself on narrow screens (the page reflows; WCAG 1.4.10 exempts the table).
pub fn data_table(
    id: &'static str,
    caption: Signal<String>,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
) -> AnyView {
    let numeric: Vec<bool> = columns.iter().map(|c| c.1).collect();
    let body = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(i, cell)| {
                    let class = column_class(numeric.get(i).copied().unwrap_or(false));
                    if i == 0 {
                        view! { <th scope="row" class=class>{cell_view(cell)}</th> }.into_any()
                    } else {
                        view! { <td class=class>{cell_view(cell)}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="loket-table-wrap" role="region" aria-labelledby=id tabindex="0">
            <table class="loket-table">
                <caption id=id class="loket-table__caption">{caption}</caption>
                <thead>
                    <tr>
                        {columns.into_iter().map(|(header, numeric)| view! {
                            <th scope="col" class=column_class(numeric)>{st(header)}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A `dt`/`dd` row of a summary list.
pub fn summary_row(key: StaffTextFn, value: Cell) -> impl IntoView {
    view! {
        <div class="loket-summary-list__row">
            <dt class="loket-summary-list__key">{st(key)}</dt>
            <dd class="loket-summary-list__value">{cell_view(value)}</dd>
        </div>
    }
}

/// A card of a list: a title (level 3), an optional hint line, facts, an optional text.
pub struct Card {
    pub title: Cell,
    pub hint: Option<Cell>,
    pub rows: Vec<(StaffTextFn, Cell)>,
    pub text: Option<String>,
}

/// Renders a [`Card`] as a list item.
pub fn card(card: Card) -> AnyView {
    let rows = (!card.rows.is_empty()).then(|| {
        view! {
            <dl class="loket-summary-list loket-summary-list--compact">
                {card.rows.into_iter().map(|(key, value)| summary_row(key, value)).collect_view()}
            </dl>
        }
    });
    view! {
        <li class="loket-card">
            <h3 class="nl-heading nl-heading--level-3 loket-card__title">{cell_view(card.title)}</h3>
            {card.hint.map(|hint| view! { <p class="loket-hint">{cell_view(hint)}</p> })}
            {rows}
            {card.text.map(|text| view! { <p class="nl-paragraph loket-staff-text">{text}</p> })}
        </li>
    }
    .into_any()
}

/// Cards as a list (`ul`, or `ol` when the order means something).
pub fn card_list(cards: Vec<Card>, ordered: bool) -> AnyView {
    let items = cards.into_iter().map(card).collect_view();
    if ordered {
        view! { <ol class="loket-card-list">{items}</ol> }.into_any()
    } else {
        view! { <ul class="loket-card-list">{items}</ul> }.into_any()
    }
}
