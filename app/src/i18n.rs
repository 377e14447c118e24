//! Translations: Dutch first, English as the alternative.
//!
//! Every UI string is a field of [`Texts`], with one `const` table per language. Adding a
//! string means adding a field, and the compiler then refuses to build until both tables
//! have it, so a missing translation can never reach a resident. The tables are plain
//! `&'static str` data: no runtime parser, no extra crate in the wasm.
//!
//! Strings that mention the municipality carry the `{gemeente}` placeholder, filled in by
//! [`fill`] with the name the server put in `index.html`.

use leptos::prelude::*;

/// `localStorage` key for the resident's explicit language choice.
const STORAGE_KEY: &str = "loket.lang";

/// Placeholder for the municipality's name inside a text.
const MUNICIPALITY_PLACEHOLDER: &str = "{gemeente}";

/// A language the portal is available in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Dutch, the default.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// All languages, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// BCP 47 code, used for `<html lang>`, `lang` attributes and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The language's name in that language itself ("Nederlands", "English"), so a
    /// resident who can't read the current language still recognises their own.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// Parses a stored code; anything unknown yields `None` (and thus the default).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text table for this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// Replaces `{gemeente}` in a text with the municipality's name.
pub fn fill(text: &str, municipality: &str) -> String {
    text.replace(MUNICIPALITY_PLACEHOLDER, municipality)
}

/// Picks one text out of the table.
pub type TextFn = fn(&Texts) -> &'static str;

/// A text in the current language, for `view!`: `{tr(|t| t.logout)}`. Every call returns the
/// same closure type (it holds a plain `fn`), so a hundred texts cost the wasm one renderer
/// instead of a hundred.
pub fn tr(text: TextFn) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(i18n.t())
}

/// A text in the current language as a signal (for component props).
pub fn tr_signal(text: TextFn) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || text(i18n.t()).to_owned())
}

/// Replaces `{name}` placeholders in a text, e.g. `fill_in(t.step_of, &[("n", "2")])`.
pub fn fill_in(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

/// A `YYYY-MM-DD` date (or an RFC 3339 timestamp: its date part) as "28 november 2026".
/// Anything unreadable is shown as it came.
pub fn format_date(t: &Texts, value: &str) -> String {
    let date = value.get(..10).unwrap_or(value);
    match loket_api::validate::parse_date(date) {
        Some((y, m, d)) => format!("{d} {} {y}", t.months[(m - 1) as usize]),
        None => value.to_owned(),
    }
}

/// One field per UI string. Field names say where the string is used.
pub struct Texts {
    /// Skip link at the very top of every page.
    pub skip_link: &'static str,
    /// Product name shown after the municipality's name in the header and the tab title.
    pub service_name: &'static str,
    /// Visible label of the language switch.
    pub language_label: &'static str,
    // Footer: how to reach the municipality, accessibility and privacy in brief.
    pub footer_contact_heading: &'static str,
    pub footer_contact_text: &'static str,
    pub footer_accessibility_heading: &'static str,
    pub footer_accessibility_text: &'static str,
    pub footer_privacy_heading: &'static str,
    pub footer_privacy_text: &'static str,
    // Start page.
    pub start_title: &'static str,
    pub start_heading: &'static str,
    pub start_lead: &'static str,
    pub start_tasks_heading: &'static str,
    pub start_task_apply: &'static str,
    pub start_task_follow: &'static str,
    pub start_task_upload: &'static str,
    pub start_help_heading: &'static str,
    pub start_help_text: &'static str,
    // 404 page.
    pub not_found_title: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub not_found_home_link: &'static str,
    pub not_found_help_text: &'static str,
    /// Month names for dates ("28 november 2026").
    pub months: [&'static str; 12],
    // Resident journey (header, login, catalogue, application, cases).
    pub nav_label: &'static str,
    pub nav_products: &'static str,
    pub nav_cases: &'static str,
    pub nav_drafts: &'static str,
    // "Mijn gegevens" (`/mijn-gegevens`): the e-mail preference. `profile_heading` is also
    // the menu link and the tab title; the e-mails point residents to it by that name.
    pub profile_heading: &'static str,
    pub profile_intro: &'static str,
    pub profile_email_legend: &'static str,
    pub profile_yes: &'static str,
    pub profile_no: &'static str,
    pub profile_save: &'static str,
    pub profile_saved: &'static str,
    pub nav_login: &'static str,
    pub logged_in_as: &'static str,
    pub logged_in: &'static str,
    pub logout: &'static str,
    pub loading: &'static str,
    pub error_heading: &'static str,
    pub error_prefix: &'static str,
    pub load_unavailable: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub optional: &'static str,
    pub flash_logged_out: &'static str,
    pub flash_session_ended: &'static str,
    pub flash_login_needed: &'static str,
    pub flash_draft_deleted: &'static str,
    pub err_required: &'static str,
    pub err_too_long: &'static str,
    pub err_not_a_number: &'static str,
    pub err_number_too_long: &'static str,
    pub err_invalid_date: &'static str,
    pub err_not_an_option: &'static str,
    pub err_invalid_email: &'static str,
    pub err_invalid_phone: &'static str,
    pub err_invalid_bsn: &'static str,
    pub err_unknown_field: &'static str,
    pub err_file_empty: &'static str,
    pub err_file_too_large: &'static str,
    pub err_file_type_not_allowed: &'static str,
    pub err_file_infected: &'static str,
    pub err_file_scan_failed: &'static str,
    pub err_upload_incomplete: &'static str,
    pub err_invalid_postcode: &'static str,
    pub err_choose_person: &'static str,
    pub err_save_failed: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub login_digid: &'static str,
    pub login_none: &'static str,
    pub case_updated: &'static str,
    pub case_tasks_heading: &'static str,
    pub case_tasks_done_heading: &'static str,
    pub case_task_document_type: &'static str,
    pub case_task_requested: &'static str,
    pub case_task_done: &'static str,
    pub login_digid_failed: &'static str,
    pub login_digid_cancelled: &'static str,
    pub demo_banner: &'static str,
    pub demo_text: &'static str,
    pub demo_legend: &'static str,
    pub demo_other: &'static str,
    pub demo_bsn_label: &'static str,
    pub demo_bsn_hint: &'static str,
    pub demo_submit: &'static str,
    pub start_task_apply_link: &'static str,
    pub start_task_follow_link: &'static str,
    pub catalogue_title: &'static str,
    pub catalogue_intro: &'static str,
    pub search_label: &'static str,
    pub results_many: &'static str,
    pub results_one: &'static str,
    pub results_none: &'static str,
    pub handling_days: &'static str,
    pub product_needed_heading: &'static str,
    pub product_needed_intro: &'static str,
    pub product_needed_none: &'static str,
    pub product_needed_digid: &'static str,
    pub product_handling_heading: &'static str,
    pub product_handling_unknown: &'static str,
    pub product_start_failed: &'static str,
    pub product_unavailable: &'static str,
    pub step_of: &'static str,
    pub date_day: &'static str,
    pub date_month: &'static str,
    pub date_year: &'static str,
    pub date_hint: &'static str,
    pub chars_left: &'static str,
    pub chars_over: &'static str,
    pub contact_title: &'static str,
    pub contact_heading: &'static str,
    pub contact_intro: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub check_title: &'static str,
    pub check_heading: &'static str,
    pub check_answers_heading: &'static str,
    pub check_contact_heading: &'static str,
    pub check_change: &'static str,
    pub check_not_answered: &'static str,
    pub check_send_heading: &'static str,
    pub check_declaration: &'static str,
    pub check_submit: &'static str,
    pub check_submitting: &'static str,
    pub submit_unavailable: &'static str,
    pub submit_in_progress: &'static str,
    pub submit_failed: &'static str,
    pub confirm_title: &'static str,
    pub confirm_number: &'static str,
    pub confirm_next_heading: &'static str,
    pub confirm_next_handling: &'static str,
    pub confirm_next_expected: &'static str,
    pub confirm_next_email: &'static str,
    pub confirm_next_track: &'static str,
    pub receipt_link: &'static str,
    pub confirm_case_link: &'static str,
    pub drafts_title: &'static str,
    pub drafts_heading: &'static str,
    pub drafts_intro: &'static str,
    pub drafts_saved: &'static str,
    pub drafts_continue: &'static str,
    pub drafts_delete: &'static str,
    pub drafts_confirm: &'static str,
    pub drafts_confirm_yes: &'static str,
    pub drafts_confirm_no: &'static str,
    pub drafts_delete_failed: &'static str,
    pub drafts_empty: &'static str,
    pub drafts_empty_link: &'static str,
    pub cases_title: &'static str,
    pub cases_open_heading: &'static str,
    pub cases_closed_heading: &'static str,
    pub cases_none_open: &'static str,
    pub cases_number: &'static str,
    pub cases_status: &'static str,
    pub cases_started: &'static str,
    pub cases_expected: &'static str,
    pub cases_closed_on: &'static str,
    pub cases_status_none: &'static str,
    pub cases_empty: &'static str,
    pub cases_empty_link: &'static str,
    pub case_timeline_heading: &'static str,
    pub step_done: &'static str,
    pub step_current: &'static str,
    pub step_upcoming: &'static str,
    pub case_result_heading: &'static str,
    pub case_documents_heading: &'static str,
    pub case_documents_none: &'static str,
    pub case_document_meta: &'static str,
    pub case_answers_heading: &'static str,
    pub case_back: &'static str,
    pub upload_hint: &'static str,
    pub upload_drop: &'static str,
    pub upload_files_label: &'static str,
    pub upload_progress_label: &'static str,
    pub upload_checking: &'static str,
    pub upload_sending: &'static str,
    pub upload_sent: &'static str,
    pub upload_stored: &'static str,
    pub upload_processing: &'static str,
    pub upload_not_sent: &'static str,
    pub upload_failed: &'static str,
    pub upload_unfinished: &'static str,
    pub upload_cancel: &'static str,
    pub upload_remove: &'static str,
    pub upload_remove_failed: &'static str,
    pub upload_announce: &'static str,
    pub upload_cancelled: &'static str,
    pub upload_removed: &'static str,
    pub documents_title: &'static str,
    pub documents_heading: &'static str,
    pub documents_intro: &'static str,
    pub documents_label: &'static str,
    pub check_documents_none: &'static str,
    pub case_add_heading: &'static str,
    pub case_add_intro: &'static str,
    pub case_closed_no_documents: &'static str,
    pub case_document_processing: &'static str,
    pub idle_heading: &'static str,
    pub idle_text: &'static str,
    pub idle_stay: &'static str,
    pub idle_logout: &'static str,
}

/// Dutch: the default language. B1 level, addressing the resident as "u".
pub const NL: Texts = Texts {
    skip_link: "Naar de inhoud",
    service_name: "Loket",
    language_label: "Taal",
    footer_contact_heading: "Contact",
    footer_contact_text: "Bel {gemeente} op 14 + netnummer, of kom langs bij het gemeentehuis.",
    footer_accessibility_heading: "Toegankelijkheid",
    footer_accessibility_text: "Iedereen moet het Loket kunnen gebruiken. Werkt iets niet voor u? \
        Laat het ons weten via 14 + netnummer, dan helpen we u verder.",
    footer_privacy_heading: "Privacy",
    footer_privacy_text: "{gemeente} gebruikt uw gegevens alleen om uw aanvraag te behandelen. \
        Het Loket plaatst geen tracking-cookies. Alleen uw taalkeuze wordt in uw browser bewaard.",
    start_title: "Start",
    start_heading: "Welkom bij het Loket",
    start_lead: "Bij het Loket regelt u online zaken met {gemeente}.",
    start_tasks_heading: "Wat kunt u hier doen?",
    start_task_apply: "Een product of dienst van de gemeente aanvragen.",
    start_task_follow:
        "Uw zaken volgen: zien hoe het met uw aanvraag staat en wat de volgende stap is.",
    start_task_upload: "Documenten toevoegen die de gemeente voor uw aanvraag nodig heeft.",
    start_help_heading: "Hulp nodig?",
    start_help_text: "Regelt u iets liever per telefoon of aan de balie? Bel {gemeente} op \
        14 + netnummer. U kunt ook langskomen bij het gemeentehuis.",
    not_found_title: "Pagina niet gevonden",
    not_found_heading: "Deze pagina bestaat niet",
    not_found_text: "Misschien is het adres niet goed getypt, of bestaat de pagina niet meer.",
    not_found_home_link: "Naar de startpagina",
    not_found_help_text: "Vindt u niet wat u zoekt? Bel {gemeente} op 14 + netnummer.",
    months: [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ],
    nav_label: "Hoofdmenu",
    nav_products: "Producten",
    nav_cases: "Mijn zaken",
    nav_drafts: "Mijn aanvragen",
    profile_heading: "Mijn gegevens",
    profile_intro: "Wij sturen u een e-mail als uw zaak een nieuwe status krijgt of als wij een \
        document van u nodig hebben, naar het e-mailadres dat u bij uw aanvraag heeft opgegeven. \
        Wilt u dat niet? Dan ziet u het nieuws alleen bij Mijn zaken.",
    profile_email_legend: "E-mail bij een nieuwe status van mijn zaak of een verzoek om een document",
    profile_yes: "Ja",
    profile_no: "Nee",
    profile_save: "Opslaan",
    profile_saved: "Uw keuze is opgeslagen.",
    nav_login: "Inloggen",
    logged_in_as: "Ingelogd als {naam}",
    logged_in: "Ingelogd",
    logout: "Uitloggen",
    loading: "Laden…",
    error_heading: "Er is een probleem",
    error_prefix: "Fout:",
    load_unavailable: "Het zaaksysteem is even niet bereikbaar. Probeer het later opnieuw.",
    load_failed: "Het ophalen van de gegevens is niet gelukt. Controleer uw internetverbinding en probeer het opnieuw.",
    retry: "Opnieuw proberen",
    back: "Vorige",
    next: "Volgende",
    optional: "(niet verplicht)",
    flash_logged_out: "U bent uitgelogd.",
    flash_session_ended: "U bent uitgelogd, omdat u een tijd niets heeft gedaan of omdat uw sessie is beëindigd. Log opnieuw in om verder te gaan.",
    flash_login_needed: "Log in om deze pagina te bekijken.",
    flash_draft_deleted: "De aanvraag is verwijderd.",
    err_required: "Dit is verplicht. Vul een antwoord in.",
    err_too_long: "Het antwoord is te lang.",
    err_not_a_number: "Vul een getal in, bijvoorbeeld 12.",
    err_number_too_long: "Het getal heeft te veel cijfers.",
    err_invalid_date: "Vul een datum in die bestaat, bijvoorbeeld 28 11 2026.",
    err_not_an_option: "Kies een van de antwoorden.",
    err_invalid_email: "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
    err_invalid_phone: "Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.",
    err_invalid_bsn: "Vul een geldig burgerservicenummer in: 9 cijfers.",
    err_unknown_field: "Deze vraag hoort niet bij dit formulier.",
    err_file_empty: "Dit bestand is leeg. Kies een ander bestand.",
    err_file_too_large: "Dit bestand is te groot.",
    err_file_type_not_allowed: "Dit soort bestand kunnen we niet aannemen.",
    err_file_infected: "In dit bestand is een virus gevonden. Het is niet opgeslagen.",
    err_file_scan_failed: "We konden dit bestand nu niet controleren op virussen. Het is niet opgeslagen; probeer het later opnieuw.",
    err_invalid_postcode: "Vul een postcode in zoals 1234 AB.",
    err_upload_incomplete: "Een document wordt nog verstuurd. Wacht tot alle documenten verstuurd zijn.",
    err_choose_person: "Kies een testpersoon of vul een burgerservicenummer in.",
    err_save_failed: "Opslaan is niet gelukt. Probeer het opnieuw.",
    login_title: "Inloggen",
    login_intro: "Log in om een aanvraag te doen en uw zaken te bekijken.",
    login_digid: "Inloggen met DigiD",
    login_none: "Inloggen is op dit moment niet mogelijk. Probeer het later opnieuw.",
    case_updated: "De status van uw zaak is bijgewerkt.",
    case_tasks_heading: "Wat wij van u nodig hebben",
    case_tasks_done_heading: "Afgehandelde verzoeken",
    case_task_document_type: "Soort document: {type}",
    case_task_requested: "Gevraagd op {datum}",
    case_task_done: "Afgehandeld op {datum}",
    login_digid_failed: "Inloggen met DigiD is niet gelukt. Probeer het opnieuw.",
    login_digid_cancelled: "U heeft het inloggen met DigiD geannuleerd.",
    demo_banner: "Demo-omgeving: dit is geen echte DigiD",
    demo_text: "Kies een testpersoon, of vul het burgerservicenummer (BSN) van een testpersoon in. Vul nooit uw eigen BSN in.",
    demo_legend: "Als wie wilt u inloggen?",
    demo_other: "Een ander burgerservicenummer",
    demo_bsn_label: "Burgerservicenummer (BSN)",
    demo_bsn_hint: "9 cijfers, bijvoorbeeld 999993653.",
    demo_submit: "Inloggen",
    start_task_apply_link: "Bekijk de producten",
    start_task_follow_link: "Naar Mijn zaken",
    catalogue_title: "Producten",
    catalogue_intro: "Wat wilt u aanvragen of melden?",
    search_label: "Zoek een product",
    results_many: "{n} producten gevonden",
    results_one: "1 product gevonden",
    results_none: "Geen producten gevonden. Probeer een ander zoekwoord.",
    handling_days: "Behandeltijd: maximaal {n} dagen",
    product_needed_heading: "Wat heeft u nodig?",
    product_needed_intro: "Houd deze documenten bij de hand:",
    product_needed_none: "U heeft geen documenten nodig.",
    product_needed_digid: "Voor het aanvragen logt u in met DigiD.",
    product_handling_heading: "Hoe lang duurt het?",
    product_handling_unknown: "De gemeente laat u weten hoe lang de behandeling duurt.",
    product_start_failed: "Het starten van de aanvraag is niet gelukt. Probeer het opnieuw.",
    product_unavailable: "Dit product kan op dit moment niet online worden aangevraagd.",
    step_of: "Vraag {n} van {total}",
    date_day: "Dag",
    date_month: "Maand",
    date_year: "Jaar",
    date_hint: "Bijvoorbeeld 28 11 2026.",
    chars_left: "U kunt nog {n} tekens gebruiken.",
    chars_over: "U heeft {n} tekens te veel.",
    contact_title: "Contactgegevens",
    contact_heading: "Hoe kunnen we u bereiken?",
    contact_intro: "We sturen u een e-mail als er iets verandert aan uw aanvraag.",
    email_label: "E-mailadres",
    phone_label: "Telefoonnummer",
    phone_hint: "Voor als we u iets willen vragen over uw aanvraag.",
    check_title: "Controleren",
    check_heading: "Controleer uw antwoorden",
    check_answers_heading: "Uw antwoorden",
    check_contact_heading: "Contactgegevens",
    check_change: "Wijzigen",
    check_not_answered: "Niet ingevuld",
    check_send_heading: "Aanvraag versturen",
    check_declaration: "Door uw aanvraag te versturen verklaart u dat u de vragen naar waarheid heeft beantwoord.",
    check_submit: "Versturen",
    check_submitting: "Bezig met versturen…",
    submit_unavailable: "Het zaaksysteem is even niet bereikbaar. Uw aanvraag is bewaard; probeer het later opnieuw.",
    submit_in_progress: "Uw aanvraag wordt al verwerkt. Probeer het over een paar seconden opnieuw.",
    submit_failed: "Het versturen is niet gelukt. Uw aanvraag is bewaard; probeer het opnieuw.",
    confirm_title: "Aanvraag verstuurd",
    confirm_number: "Uw zaaknummer",
    confirm_next_heading: "Wat gebeurt er nu?",
    confirm_next_handling: "De gemeente behandelt uw aanvraag binnen {n} dagen.",
    confirm_next_expected: "U hoort uiterlijk {datum} van ons.",
    confirm_next_email: "We sturen een bevestiging naar {email}.",
    confirm_next_track: "In Mijn zaken ziet u hoe het met uw aanvraag staat.",
    receipt_link: "Ontvangstbevestiging downloaden (PDF)",
    confirm_case_link: "Bekijk uw zaak",
    drafts_title: "Mijn aanvragen",
    drafts_heading: "Mijn aanvragen in behandeling",
    drafts_intro: "Aanvragen die u nog niet heeft verstuurd. U gaat verder waar u gebleven was.",
    drafts_saved: "Laatst opgeslagen: {datum}",
    drafts_continue: "Verder gaan",
    drafts_delete: "Verwijderen",
    drafts_confirm: "Weet u zeker dat u deze aanvraag wilt verwijderen? Wat u heeft ingevuld gaat dan verloren.",
    drafts_confirm_yes: "Ja, verwijderen",
    drafts_confirm_no: "Nee, bewaren",
    drafts_delete_failed: "Verwijderen is niet gelukt. Probeer het opnieuw.",
    drafts_empty: "U heeft geen aanvragen die nog niet verstuurd zijn.",
    drafts_empty_link: "Bekijk wat u kunt aanvragen",
    cases_title: "Mijn zaken",
    cases_open_heading: "Lopende zaken",
    cases_closed_heading: "Afgeronde zaken",
    cases_none_open: "U heeft geen lopende zaken.",
    cases_number: "Zaaknummer",
    cases_status: "Status",
    cases_started: "Gestart op",
    cases_expected: "Verwachte einddatum",
    cases_closed_on: "Afgerond op",
    cases_status_none: "Nog geen status",
    cases_empty: "U heeft nog geen zaken bij de gemeente.",
    cases_empty_link: "Bekijk wat u kunt aanvragen",
    case_timeline_heading: "Voortgang",
    step_done: "Afgerond",
    step_current: "Huidige stap",
    step_upcoming: "Nog niet",
    case_result_heading: "Resultaat",
    case_documents_heading: "Documenten",
    case_documents_none: "Er zijn nog geen documenten bij deze zaak.",
    case_document_meta: "{type}, {datum}, {grootte}",
    case_answers_heading: "Uw antwoorden",
    case_back: "Terug naar Mijn zaken",
    upload_hint: "Toegestaan: {soorten}. Maximaal {grootte} per bestand. U kunt meer bestanden tegelijk kiezen.",
    upload_drop: "U kunt bestanden ook naar dit vak slepen.",
    upload_files_label: "Bestanden: {type}",
    upload_progress_label: "Voortgang van {naam}",
    upload_checking: "Wordt gecontroleerd",
    upload_sending: "Wordt verstuurd",
    upload_sent: "Verstuurd",
    upload_stored: "Verstuurd en toegevoegd aan de zaak",
    upload_processing: "Verstuurd, wordt verwerkt",
    upload_not_sent: "Niet verstuurd",
    upload_failed: "Het versturen is niet gelukt. Controleer uw internetverbinding en probeer het opnieuw.",
    upload_unfinished: "Dit bestand is niet helemaal verstuurd. Kies hetzelfde bestand opnieuw om verder te gaan, of verwijder het.",
    upload_cancel: "Annuleren",
    upload_remove: "Verwijderen",
    upload_remove_failed: "Verwijderen is niet gelukt. Probeer het opnieuw.",
    upload_announce: "{naam}: {status}",
    upload_cancelled: "Het versturen van {naam} is geannuleerd.",
    upload_removed: "{naam} is verwijderd.",
    documents_title: "Documenten",
    documents_heading: "Documenten meesturen",
    documents_intro: "U kunt documenten meesturen met uw aanvraag, bijvoorbeeld een foto. Dit is niet verplicht: u kunt documenten ook later toevoegen bij uw zaak.",
    documents_label: "Documenten",
    check_documents_none: "Geen documenten meegestuurd",
    case_add_heading: "Document toevoegen",
    case_add_intro: "Stuur een document naar de gemeente. Het wordt toegevoegd aan uw zaak.",
    case_closed_no_documents: "Deze zaak is afgesloten. U kunt geen documenten meer toevoegen.",
    case_document_processing: "Wordt verwerkt",
    idle_heading: "U wordt over 2 minuten automatisch uitgelogd",
    idle_text: "Dit is voor uw veiligheid. Wat u heeft ingevuld is bewaard.",
    idle_stay: "Ingelogd blijven",
    idle_logout: "Nu uitloggen",
};

/// English: for residents who don't read Dutch well.
pub const EN: Texts = Texts {
    skip_link: "Skip to content",
    service_name: "Loket",
    language_label: "Language",
    footer_contact_heading: "Contact",
    footer_contact_text: "Call {gemeente} on 14 followed by the area code, or visit the town hall.",
    footer_accessibility_heading: "Accessibility",
    footer_accessibility_text: "Everyone should be able to use the Loket. Is something not \
        working for you? Let us know on 14 followed by the area code and we will help you.",
    footer_privacy_heading: "Privacy",
    footer_privacy_text: "{gemeente} only uses your data to handle your request. The Loket sets \
        no tracking cookies. Only your choice of language is kept in your browser.",
    start_title: "Home",
    start_heading: "Welcome to the Loket",
    start_lead: "The Loket is where you arrange things online with {gemeente}.",
    start_tasks_heading: "What can you do here?",
    start_task_apply: "Apply for a product or service from the municipality.",
    start_task_follow:
        "Follow your cases: see how your request is progressing and what happens next.",
    start_task_upload: "Add documents the municipality needs for your request.",
    start_help_heading: "Need help?",
    start_help_text: "Would you rather arrange something by phone or at the desk? Call {gemeente} \
        on 14 followed by the area code. You can also visit the town hall.",
    not_found_title: "Page not found",
    not_found_heading: "This page does not exist",
    not_found_text: "The address may be mistyped, or the page no longer exists.",
    not_found_home_link: "Go to the home page",
    not_found_help_text: "Can't find what you are looking for? Call {gemeente} on 14 followed \
        by the area code.",
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ],
    nav_label: "Main menu",
    nav_products: "Products",
    nav_cases: "My cases",
    nav_drafts: "My requests",
    profile_heading: "My details",
    profile_intro: "We send you an e-mail when your case gets a new status or when we need a \
        document from you, to the e-mail address you gave with your application. \
        Don't want that? Then you only see the news under My cases.",
    profile_email_legend: "E-mail when my case gets a new status or a document is requested",
    profile_yes: "Yes",
    profile_no: "No",
    profile_save: "Save",
    profile_saved: "Your choice has been saved.",
    nav_login: "Log in",
    logged_in_as: "Logged in as {naam}",
    logged_in: "Logged in",
    logout: "Log out",
    loading: "Loading…",
    error_heading: "There is a problem",
    error_prefix: "Error:",
    load_unavailable: "The case system cannot be reached at the moment. Please try again later.",
    load_failed: "The information could not be loaded. Check your internet connection and try again.",
    retry: "Try again",
    back: "Back",
    next: "Continue",
    optional: "(optional)",
    flash_logged_out: "You have been logged out.",
    flash_session_ended: "You have been logged out, because you were inactive for a while or your session ended. Log in again to continue.",
    flash_login_needed: "Log in to see this page.",
    flash_draft_deleted: "The request has been deleted.",
    err_required: "This is required. Please give an answer.",
    err_too_long: "The answer is too long.",
    err_not_a_number: "Enter a number, for example 12.",
    err_number_too_long: "The number has too many digits.",
    err_invalid_date: "Enter a real date, for example 28 11 2026.",
    err_not_an_option: "Choose one of the answers.",
    err_invalid_email: "Enter a valid email address, for example name@example.com.",
    err_invalid_phone: "Enter a valid phone number, for example 06 12345678.",
    err_invalid_bsn: "Enter a valid citizen service number: 9 digits.",
    err_unknown_field: "This question is not part of this form.",
    err_file_empty: "This file is empty. Choose another file.",
    err_file_too_large: "This file is too large.",
    err_file_type_not_allowed: "We cannot accept this kind of file.",
    err_file_infected: "A virus was found in this file. It has not been stored.",
    err_file_scan_failed: "We could not check this file for viruses just now. It has not been stored; please try again later.",
    err_invalid_postcode: "Enter a postcode like 1234 AB.",
    err_upload_incomplete: "A document is still being sent. Wait until all documents have been sent.",
    err_choose_person: "Choose a test person or enter a citizen service number.",
    err_save_failed: "Saving did not work. Please try again.",
    login_title: "Log in",
    login_intro: "Log in to make a request and see your cases.",
    login_digid: "Log in with DigiD",
    login_none: "Logging in is not possible at the moment. Please try again later.",
    case_updated: "The status of your case has been updated.",
    case_tasks_heading: "What we need from you",
    case_tasks_done_heading: "Completed requests",
    case_task_document_type: "Type of document: {type}",
    case_task_requested: "Requested on {datum}",
    case_task_done: "Completed on {datum}",
    login_digid_failed: "Logging in with DigiD did not work. Please try again.",
    login_digid_cancelled: "You cancelled logging in with DigiD.",
    demo_banner: "Demo environment: this is not the real DigiD",
    demo_text: "Choose a test person, or enter the citizen service number (BSN) of a test person. Never enter your own BSN.",
    demo_legend: "Who do you want to log in as?",
    demo_other: "Another citizen service number",
    demo_bsn_label: "Citizen service number (BSN)",
    demo_bsn_hint: "9 digits, for example 999993653.",
    demo_submit: "Log in",
    start_task_apply_link: "See the products",
    start_task_follow_link: "Go to My cases",
    catalogue_title: "Products",
    catalogue_intro: "What would you like to apply for or report?",
    search_label: "Search for a product",
    results_many: "{n} products found",
    results_one: "1 product found",
    results_none: "No products found. Try another search word.",
    handling_days: "Handling time: at most {n} days",
    product_needed_heading: "What do you need?",
    product_needed_intro: "Keep these documents at hand:",
    product_needed_none: "You do not need any documents.",
    product_needed_digid: "To apply you log in with DigiD.",
    product_handling_heading: "How long does it take?",
    product_handling_unknown: "The municipality will tell you how long it takes.",
    product_start_failed: "Starting the request did not work. Please try again.",
    product_unavailable: "This product cannot be requested online at the moment.",
    step_of: "Question {n} of {total}",
    date_day: "Day",
    date_month: "Month",
    date_year: "Year",
    date_hint: "For example 28 11 2026.",
    chars_left: "You have {n} characters remaining.",
    chars_over: "You have {n} characters too many.",
    contact_title: "Contact details",
    contact_heading: "How can we reach you?",
    contact_intro: "We will email you when something changes in your request.",
    email_label: "Email address",
    phone_label: "Phone number",
    phone_hint: "In case we have a question about your request.",
    check_title: "Check",
    check_heading: "Check your answers",
    check_answers_heading: "Your answers",
    check_contact_heading: "Contact details",
    check_change: "Change",
    check_not_answered: "Not answered",
    check_send_heading: "Send your request",
    check_declaration: "By sending your request you declare that you have answered the questions truthfully.",
    check_submit: "Send",
    check_submitting: "Sending…",
    submit_unavailable: "The case system cannot be reached at the moment. Your request has been saved; please try again later.",
    submit_in_progress: "Your request is already being processed. Please try again in a few seconds.",
    submit_failed: "Sending did not work. Your request has been saved; please try again.",
    confirm_title: "Request sent",
    confirm_number: "Your case number",
    confirm_next_heading: "What happens next?",
    confirm_next_handling: "The municipality handles your request within {n} days.",
    confirm_next_expected: "You will hear from us by {datum} at the latest.",
    confirm_next_email: "We will send a confirmation to {email}.",
    confirm_next_track: "In My cases you can see how your request is progressing.",
    receipt_link: "Download the receipt (PDF)",
    confirm_case_link: "View your case",
    drafts_title: "My requests",
    drafts_heading: "My requests in progress",
    drafts_intro: "Requests you have not sent yet. You continue where you left off.",
    drafts_saved: "Last saved: {datum}",
    drafts_continue: "Continue",
    drafts_delete: "Delete",
    drafts_confirm: "Are you sure you want to delete this request? What you filled in will be lost.",
    drafts_confirm_yes: "Yes, delete",
    drafts_confirm_no: "No, keep it",
    drafts_delete_failed: "Deleting did not work. Please try again.",
    drafts_empty: "You have no requests that have not been sent yet.",
    drafts_empty_link: "See what you can apply for",
    cases_title: "My cases",
    cases_open_heading: "Open cases",
    cases_closed_heading: "Closed cases",
    cases_none_open: "You have no open cases.",
    cases_number: "Case number",
    cases_status: "Status",
    cases_started: "Started on",
    cases_expected: "Expected end date",
    cases_closed_on: "Closed on",
    cases_status_none: "No status yet",
    cases_empty: "You have no cases with the municipality yet.",
    cases_empty_link: "See what you can apply for",
    case_timeline_heading: "Progress",
    step_done: "Done",
    step_current: "Current step",
    step_upcoming: "Not yet",
    case_result_heading: "Result",
    case_documents_heading: "Documents",
    case_documents_none: "There are no documents with this case yet.",
    case_document_meta: "{type}, {datum}, {grootte}",
    case_answers_heading: "Your answers",
    case_back: "Back to My cases",
    upload_hint: "Allowed: {soorten}. At most {grootte} per file. You can choose several files at once.",
    upload_drop: "You can also drag files into this box.",
    upload_files_label: "Files: {type}",
    upload_progress_label: "Progress of {naam}",
    upload_checking: "Being checked",
    upload_sending: "Being sent",
    upload_sent: "Sent",
    upload_stored: "Sent and added to the case",
    upload_processing: "Sent, being processed",
    upload_not_sent: "Not sent",
    upload_failed: "Sending failed. Check your internet connection and try again.",
    upload_unfinished: "This file was not sent completely. Choose the same file again to continue, or remove it.",
    upload_cancel: "Cancel",
    upload_remove: "Remove",
    upload_remove_failed: "Removing failed. Please try again.",
    upload_announce: "{naam}: {status}",
    upload_cancelled: "Sending {naam} was cancelled.",
    upload_removed: "{naam} has been removed.",
    documents_title: "Documents",
    documents_heading: "Send documents",
    documents_intro: "You can send documents with your application, for example a photo. This is optional: you can also add documents to your case later.",
    documents_label: "Documents",
    check_documents_none: "No documents sent",
    case_add_heading: "Add a document",
    case_add_intro: "Send a document to the municipality. It is added to your case.",
    case_closed_no_documents: "This case is closed. You can no longer add documents.",
    case_document_processing: "Being processed",
    idle_heading: "You will be logged out automatically in 2 minutes",
    idle_text: "This is for your security. What you filled in has been saved.",
    idle_stay: "Stay logged in",
    idle_logout: "Log out now",
};

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The current language (tracked: call it inside a reactive closure).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The current text table (tracked).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// The current text table, untracked (for async tasks, which have no reactive owner).
    pub fn t_untracked(&self) -> &'static Texts {
        self.lang.get_untracked().texts()
    }

    /// Switches language and remembers the choice for the next visit. Storage failures
    /// (private mode, storage disabled) are ignored: the switch still works for this visit.
    pub fn set(&self, lang: Lang) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        self.lang.set(lang);
    }
}

/// Creates the language signal (stored choice, else Dutch), keeps `<html lang>` in step
/// with it so screen readers pronounce the text correctly, and provides it as context.
pub fn provide_i18n() {
    let stored = local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code));
    let lang = RwSignal::new(stored.unwrap_or(Lang::Nl));
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.get().code());
        }
    });
    provide_context(I18n { lang });
}

/// The [`I18n`] provided by [`provide_i18n`].
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    /// Pairs (field name, Dutch, English) for every text.
    macro_rules! pairs {
        ($($field:ident),* $(,)?) => {
            [$((stringify!($field), NL.$field, EN.$field)),*]
        };
    }

    #[test]
    fn translations_are_filled_and_agree_on_placeholders() {
        let pairs = pairs!(
            skip_link,
            service_name,
            language_label,
            footer_contact_heading,
            footer_contact_text,
            footer_accessibility_heading,
            footer_accessibility_text,
            footer_privacy_heading,
            footer_privacy_text,
            start_title,
            start_heading,
            start_lead,
            start_tasks_heading,
            start_task_apply,
            start_task_follow,
            start_task_upload,
            start_help_heading,
            start_help_text,
            not_found_title,
            not_found_heading,
            not_found_text,
            not_found_home_link,
            not_found_help_text,
            nav_label,
            nav_products,
            nav_cases,
            nav_drafts,
            profile_heading,
            profile_intro,
            profile_email_legend,
            profile_yes,
            profile_no,
            profile_save,
            profile_saved,
            nav_login,
            logged_in_as,
            logged_in,
            logout,
            loading,
            error_heading,
            error_prefix,
            load_unavailable,
            load_failed,
            retry,
            back,
            next,
            optional,
            flash_logged_out,
            flash_session_ended,
            flash_login_needed,
            flash_draft_deleted,
            err_required,
            err_too_long,
            err_not_a_number,
            err_number_too_long,
            err_invalid_date,
            err_not_an_option,
            err_invalid_email,
            err_invalid_phone,
            err_invalid_bsn,
            err_unknown_field,
            err_file_empty,
            err_file_too_large,
            err_file_type_not_allowed,
            err_file_infected,
            err_file_scan_failed,
            err_upload_incomplete,
            err_invalid_postcode,
            err_choose_person,
            err_save_failed,
            login_title,
            login_intro,
            login_digid,
            login_none,
            case_updated,
            case_tasks_heading,
            case_tasks_done_heading,
            case_task_document_type,
            case_task_requested,
            case_task_done,
            login_digid_failed,
            login_digid_cancelled,
            demo_banner,
            demo_text,
            demo_legend,
            demo_other,
            demo_bsn_label,
            demo_bsn_hint,
            demo_submit,
            start_task_apply_link,
            start_task_follow_link,
            catalogue_title,
            catalogue_intro,
            search_label,
            results_many,
            results_one,
            results_none,
            handling_days,
            product_needed_heading,
            product_needed_intro,
            product_needed_none,
            product_needed_digid,
            product_handling_heading,
            product_handling_unknown,
            product_start_failed,
            product_unavailable,
            step_of,
            date_day,
            date_month,
            date_year,
            date_hint,
            chars_left,
            chars_over,
            contact_title,
            contact_heading,
            contact_intro,
            email_label,
            phone_label,
            phone_hint,
            check_title,
            check_heading,
            check_answers_heading,
            check_contact_heading,
            check_change,
            check_not_answered,
            check_send_heading,
            check_declaration,
            check_submit,
            check_submitting,
            submit_unavailable,
            submit_in_progress,
            submit_failed,
            confirm_title,
            confirm_number,
            confirm_next_heading,
            confirm_next_handling,
            confirm_next_expected,
            confirm_next_email,
            confirm_next_track,
            receipt_link,
            confirm_case_link,
            drafts_title,
            drafts_heading,
            drafts_intro,
            drafts_saved,
            drafts_continue,
            drafts_delete,
            drafts_confirm,
            drafts_confirm_yes,
            drafts_confirm_no,
            drafts_delete_failed,
            drafts_empty,
            drafts_empty_link,
            cases_title,
            cases_open_heading,
            cases_closed_heading,
            cases_none_open,
            cases_number,
            cases_status,
            cases_started,
            cases_expected,
            cases_closed_on,
            cases_status_none,
            cases_empty,
            cases_empty_link,
            case_timeline_heading,
            step_done,
            step_current,
            step_upcoming,
            case_result_heading,
            case_documents_heading,
            case_documents_none,
            case_document_meta,
            case_answers_heading,
            case_back,
            upload_hint,
            upload_drop,
            upload_files_label,
            upload_progress_label,
            upload_checking,
            upload_sending,
            upload_sent,
            upload_stored,
            upload_processing,
            upload_not_sent,
            upload_failed,
            upload_unfinished,
            upload_cancel,
            upload_remove,
            upload_remove_failed,
            upload_announce,
            upload_cancelled,
            upload_removed,
            documents_title,
            documents_heading,
            documents_intro,
            documents_label,
            check_documents_none,
            case_add_heading,
            case_add_intro,
            case_closed_no_documents,
            case_document_processing,
            idle_heading,
            idle_text,
            idle_stay,
            idle_logout,
        );
        for (field, nl, en) in pairs {
            assert!(
                !nl.trim().is_empty() && !en.trim().is_empty(),
                "{field} is empty"
            );
            assert_eq!(
                nl.contains(MUNICIPALITY_PLACEHOLDER),
                en.contains(MUNICIPALITY_PLACEHOLDER),
                "{field}: only one language mentions the municipality"
            );
            // Line continuations in the literals must not leave double spaces behind.
            assert!(
                !nl.contains("  ") && !en.contains("  "),
                "{field} has a double space"
            );
        }
    }

    #[test]
    fn dates_are_written_out() {
        assert_eq!(format_date(&NL, "2026-11-28"), "28 november 2026");
        assert_eq!(format_date(&EN, "2026-03-07T10:00:00Z"), "7 March 2026");
        assert_eq!(format_date(&NL, "onbekend"), "onbekend");
        assert_eq!(
            fill_in("Vraag {n} van {total}", &[("n", "2"), ("total", "3")]),
            "Vraag 2 van 3"
        );
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{gemeente} en {gemeente}", "Gemeente X"),
            "Gemeente X en Gemeente X"
        );
    }
}
