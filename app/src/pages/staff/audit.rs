//! `/medewerker/toegangslog` (auditor): search the access log ("verwerkingenlogging") by
//! staff member, BSN and/or case number; every search, case view and change shows with who,
//! when, what and why.

use leptos::prelude::*;
use loket_api::staff::{AccessLogEntry, AccessLogSearch, StaffRole};
use loket_api::validate::{is_valid_bsn, normalise_bsn};
use loket_api::FieldErrorCode;

use super::client;
use super::form::{failed_view, summary, text_field, Errors, Input, Msg, Remote};
use super::parts::{data_table, Cell};
use super::texts::{st, st_signal, staff_texts};
use super::{RequireStaff, StaffNav};
use crate::components::{ErrorSummary, Loading, PageHeading};
use crate::i18n::use_i18n;

const AUDITOR: &[StaffRole] = &[StaffRole::Auditor];
const STAFF_ID: &str = "veld-medewerker";
const BSN_ID: &str = "veld-log-bsn";
const NUMBER_ID: &str = "veld-log-zaaknummer";

#[component]
pub fn StaffAccessLogPage() -> impl IntoView {
    view! {
        <StaffNav />
        <PageHeading text=st_signal(|t| t.log_title) title=st_signal(|t| t.log_title) />
        <RequireStaff roles=AUDITOR>
            <LogSearch />
        </RequireStaff>
    }
}

#[component]
fn LogSearch() -> impl IntoView {
    let i18n = use_i18n();
    let staff = RwSignal::new(String::new());
    let bsn = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let results = RwSignal::new(None::<Remote<Vec<AccessLogEntry>>>);
    let last = StoredValue::new(AccessLogSearch::default());

    let run = move || {
        let search = last.get_value();
        results.set(Some(Remote::Loading));
        leptos::task::spawn_local(async move {
            let answer = match client::access_log(search).await {
                Ok(entries) => Remote::Ready(entries),
                Err(e) => Remote::Failed(e),
            };
            let _ = results.try_set(Some(answer));
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = normalise_bsn(bsn.get_untracked().trim());
        if !typed.is_empty() && !is_valid_bsn(&typed) {
            errors.set(vec![(
                BSN_ID.to_owned(),
                Msg::Field(FieldErrorCode::InvalidBsn),
            )]);
            return;
        }
        errors.set(Vec::new());
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
        };
        last.set_value(AccessLogSearch {
            staff: text(staff),
            bsn: Some(typed).filter(|s| !s.is_empty()),
            identificatie: text(number),
        });
        run();
    };

    view! {
        <p class="nl-paragraph">{st(|t| t.log_intro)}</p>
        <ErrorSummary items=summary(errors) />
        <form class="loket-form" novalidate on:submit=on_submit>
            {text_field(STAFF_ID.to_owned(), st_signal(|t| t.log_staff_label), None, staff, errors,
                Input { autocomplete: Some("off"), width: Some("20"), ..Default::default() })}
            {text_field(BSN_ID.to_owned(), st_signal(|t| t.bsn_label), None, bsn, errors,
                Input { autocomplete: Some("off"), numeric: true, width: Some("10"), ..Default::default() })}
            {text_field(NUMBER_ID.to_owned(), st_signal(|t| t.search_number_label), None, number, errors,
                Input { autocomplete: Some("off"), width: Some("20"), ..Default::default() })}
            <button type="submit" class="nl-button nl-button--primary">{st(|t| t.log_submit)}</button>
        </form>
        <div role="status" class="loket-staff-status">
            {move || results.with(|r| r.as_ref().and_then(|r| r.ready().map(Vec::len))).map(|n| view! {
                <p class="nl-paragraph">{move || super::texts::count(staff_texts(i18n.lang()), n as u64, |t| t.log_count_one, |t| t.log_count)}</p>
            })}
        </div>
        {move || results.get().map(|r| match r {
            Remote::Loading => view! { <Loading /> }.into_any(),
            Remote::Failed(e) => failed_view(e, run),
            Remote::Ready(entries) => log_table(entries),
        })}
    }
}

fn log_table(entries: Vec<AccessLogEntry>) -> AnyView {
    if entries.is_empty() {
        return ().into_any();
    }
    let rows = entries
        .into_iter()
        .map(|e| {
            vec![
                Cell::Moment(e.at),
                Cell::Text(e.staff),
                Cell::Text(e.action),
                Cell::Text(e.bsn),
                Cell::Text(e.identificatie),
                Cell::Text(e.purpose),
            ]
        })
        .collect();
    data_table(
        "loket-log-caption",
        st_signal(|t| t.log_caption),
        vec![
            (|t| t.col_when, false),
            (|t| t.col_staff, false),
            (|t| t.col_action, false),
            (|t| t.col_bsn, false),
            (|t| t.col_number, false),
            (|t| t.col_purpose, false),
        ],
        rows,
    )
}
