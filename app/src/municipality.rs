//! The municipality this Loket belongs to.
//!
//! The server writes the name and logo URL into `<meta>` tags of `index.html` at startup, so
//! one build serves every municipality without a rebuild or an extra API call.

use leptos::prelude::document;

/// Used when `index.html` was served without the server's substitution (e.g. a plain
/// static file server during development).
const FALLBACK_NAME: &str = "Gemeente";
const FALLBACK_LOGO: &str = "/icons/logo.svg";

/// Name and logo of the municipality, provided as context.
#[derive(Clone, Debug)]
pub struct Municipality {
    /// Display name, e.g. "Gemeente Voorbeeld".
    pub name: String,
    /// URL of the logo image.
    pub logo: String,
}

impl Municipality {
    /// Reads `<meta name="loket:municipality">` and `<meta name="loket:logo">`.
    pub fn from_document() -> Self {
        Self {
            name: meta_content("loket:municipality").unwrap_or_else(|| FALLBACK_NAME.into()),
            logo: meta_content("loket:logo").unwrap_or_else(|| FALLBACK_LOGO.into()),
        }
    }
}

/// The `content` of a named `<meta>`, if present, non-empty and actually filled in: an
/// unreplaced `{{…}}` placeholder must never be shown to a resident.
fn meta_content(name: &str) -> Option<String> {
    let meta = document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?;
    let content = meta.get_attribute("content")?;
    let content = content.trim();
    (!content.is_empty() && !content.contains("{{")).then(|| content.to_owned())
}
