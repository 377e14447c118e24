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
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{gemeente} en {gemeente}", "Gemeente X"),
            "Gemeente X en Gemeente X"
        );
    }
}
