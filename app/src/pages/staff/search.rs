//! `/medewerker/zoeken` (kcc, behandelaar): find a caller's cases by BSN (11-proef checked
//! here first, with the validator the server uses), by case number, or by the applicant's
//! name or postcode, with a stated purpose for the access log.

use leptos::prelude::*;
use loket_api::staff::{CaseSearch, StaffCaseHit, MAX_INDEX_HITS};
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::FieldErrorCode;

use super::client;
use super::form::{
    radio_field, select_field, server_errors, summary, text_field, Busy, Errors, Input, Msg,
};
use super::parts::{card_list, Card, Cell};
use super::texts::{st, st_signal, staff_texts, StaffTextFn};
use super::{use_staff, RequireStaff, StaffNav, DESK};
use crate::components::{ErrorSummary, PageHeading};
use crate::i18n::{fill_in, use_i18n};

const KIND_ID: &str = "veld-zoeken-op";
const QUERY_ID: &str = "veld-zoekterm";
const PURPOSE_ID: &str = "veld-doel";

/// Purposes offered for the access log (stored in Dutch, the log's language).
pub const PURPOSES: [(&str, StaffTextFn); 3] = [
    ("Vraag van inwoner (telefoon)", |t| t.purpose_phone),
    ("Vraag van inwoner (balie)", |t| t.purpose_desk),
    ("Behandeling zaak", |t| t.purpose_handling),
];

#[component]
pub fn StaffSearchPage() -> impl IntoView {
    view! {
        <StaffNav />
        <PageHeading text=st_signal(|t| t.search_title) title=st_signal(|t| t.search_title) />
        <RequireStaff roles=DESK>
            <SearchForm />
        </RequireStaff>
    }
}

#[component]
fn SearchForm() -> impl IntoView {
    let staff = use_staff();
    let i18n = use_i18n();
    let kind = RwSignal::new("bsn".to_owned());
    let query = RwSignal::new(staff.caller_bsn.get_untracked());
    let purpose = RwSignal::new(PURPOSES[0].0.to_owned());
    let errors: Errors = RwSignal::new(Vec::new());
    let searched = RwSignal::new(false);
    // The last search went through the case index (name or postcode): capped results.
    let by_index = RwSignal::new(false);

    let busy = Busy::new();
    let search = move |body: CaseSearch| {
        busy.run(async move {
            match client::search(body.clone()).await {
                Ok(hits) => {
                    by_index.set(body.name.is_some() || body.postcode.is_some());
                    staff.caller_bsn.set(body.bsn.unwrap_or_default());
                    staff.hits.set(Some(hits));
                    searched.set(true);
                }
                Err(e) => {
                    let mut found = server_errors(&e.field_errors(), |f| {
                        if f == "purpose" { PURPOSE_ID } else { QUERY_ID }.to_owned()
                    });
                    if found.is_empty() {
                        found.push((QUERY_ID.to_owned(), Msg::Staff(|t| t.err_try_again)));
                    }
                    errors.set(found);
                }
            }
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = query.get_untracked().trim().to_owned();
        let kind = kind.get_untracked();
        let error = check_query(&kind, &typed);
        if let Some(code) = error {
            errors.set(vec![(QUERY_ID.to_owned(), Msg::Field(code))]);
            return;
        }
        errors.set(Vec::new());
        let mut body = CaseSearch {
            purpose: purpose.get_untracked(),
            ..Default::default()
        };
        match kind.as_str() {
            "bsn" => body.bsn = Some(normalise_bsn(&typed)),
            "naam" => body.name = Some(typed),
            "postcode" => body.postcode = Some(typed),
            _ => body.identificatie = Some(typed),
        }
        search(body);
    };

    let purposes = Signal::derive(move || {
        let t = staff_texts(i18n.lang());
        PURPOSES
            .iter()
            .map(|(v, text)| ((*v).to_owned(), text(t).to_owned()))
            .collect()
    });
    let query_label = Signal::derive(move || {
        let t = staff_texts(i18n.lang());
        match kind.get().as_str() {
            "bsn" => t.search_bsn_label,
            "naam" => t.search_name_label,
            "postcode" => t.search_postcode_label,
            _ => t.search_number_label,
        }
        .to_owned()
    });

    view! {
        <ErrorSummary items=summary(errors) />
        <form class="loket-form" novalidate on:submit=on_submit>
            {radio_field(KIND_ID, st_signal(|t| t.search_by), kind, vec![
                ("bsn", |t| t.search_by_bsn),
                ("zaaknummer", |t| t.search_by_number),
                ("naam", |t| t.search_by_name),
                ("postcode", |t| t.search_by_postcode),
            ])}
            {text_field(QUERY_ID.to_owned(), query_label, None, query, errors,
                Input { autocomplete: Some("off"), width: Some("20"), ..Default::default() })}
            {select_field(PURPOSE_ID.to_owned(), st_signal(|t| t.purpose_label), purpose, purposes, errors)}
            <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || busy.aria()>
                {st(|t| t.search_submit)}
            </button>
        </form>
        <div role="status" class="loket-staff-status">
            {move || searched.get().then(|| {
                let n = staff.hits.with(|h| h.as_ref().map_or(0, Vec::len));
                // Name and postcode searches stop at the newest MAX_INDEX_HITS: say so.
                let capped = (by_index.get() && n >= MAX_INDEX_HITS).then(|| view! {
                    <p class="nl-paragraph">{move || fill_in(staff_texts(i18n.lang()).search_capped, &[("n", &n.to_string())])}</p>
                });
                view! {
                    <p class="nl-paragraph">{move || super::texts::count(staff_texts(i18n.lang()), n as u64, |t| t.search_count_one, |t| t.search_count)}</p>
                    {capped}
                }
            })}
        </div>
        {move || staff.hits.get().filter(|h| !h.is_empty()).map(|hits| view! {
            <h2 class="nl-heading nl-heading--level-2">{st(|t| t.search_results)}</h2>
            {card_list(hits.into_iter().map(hit_card).collect(), false)}
        })}
    }
}

/// The browser's check of a search term, with the rules the server applies.
fn check_query(kind: &str, typed: &str) -> Option<FieldErrorCode> {
    let chars = typed.chars().count();
    match kind {
        _ if typed.is_empty() => Some(FieldErrorCode::Required),
        "bsn" if !is_valid_bsn(&normalise_bsn(typed)) => Some(FieldErrorCode::InvalidBsn),
        "naam" if chars < 2 => Some(FieldErrorCode::Required),
        "naam" if chars > 100 => Some(FieldErrorCode::TooLong),
        "postcode" if !is_postcode(typed) => Some(FieldErrorCode::InvalidPostcode),
        "zaaknummer" if chars > 40 => Some(FieldErrorCode::TooLong),
        _ => None,
    }
}

/// Four digits (not starting with 0) and two letters, spaces anywhere ("1234 AB").
fn is_postcode(typed: &str) -> bool {
    let compact: Vec<char> = typed.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() == 6
        && compact[0] != '0'
        && compact[..4].iter().all(char::is_ascii_digit)
        && compact[4..].iter().all(char::is_ascii_alphabetic)
}

fn hit_card(hit: StaffCaseHit) -> Card {
    let s = hit.summary;
    let initiator = if hit.initiator_name.is_empty() {
        hit.initiator_bsn.clone()
    } else {
        format!("{} ({})", hit.initiator_name, hit.initiator_bsn)
    };
    Card {
        title: Cell::Link(
            format!("/medewerker/zaken/{}", crate::api::encode_component(&s.id)),
            format!("{} – {}", s.product_title, s.identificatie),
        ),
        hint: None,
        rows: vec![
            (|t| t.col_status, Cell::Text(s.status)),
            (|t| t.col_started, Cell::Date(s.started_on)),
            (|t| t.col_initiator, Cell::Text(initiator)),
        ],
        text: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_are_checked_as_the_server_does() {
        assert_eq!(check_query("bsn", ""), Some(FieldErrorCode::Required));
        assert_eq!(
            check_query("bsn", "123456789"),
            Some(FieldErrorCode::InvalidBsn)
        );
        assert_eq!(check_query("bsn", "999993653"), None);
        assert_eq!(check_query("naam", "d"), Some(FieldErrorCode::Required));
        assert_eq!(check_query("naam", "de vr"), None);
        assert_eq!(check_query("postcode", "1234 ab"), None);
        assert_eq!(
            check_query("postcode", "0123AB"),
            Some(FieldErrorCode::InvalidPostcode)
        );
        assert_eq!(
            check_query("postcode", "12345"),
            Some(FieldErrorCode::InvalidPostcode)
        );
        assert_eq!(check_query("zaaknummer", "ZAAK-2026-0000000001"), None);
    }
}
