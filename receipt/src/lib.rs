//! Loket's receipt: turns a submitted request into the accessible PDF
//! "ontvangstbevestiging" the resident downloads and keeps. That is its one job.
//!
//! The PDF is real, tagged text (PDF/UA-1 validated by `krilla` where the input allows it):
//! a structure tree with `H1`/`H2`/`P`/`Table` (row-header `TH` + `TD`), `/MarkInfo`,
//! the document `/Lang`, a `/Title` shown as the window title, an outline, and an embedded,
//! subsetted Liberation Sans so Dutch characters (é, ë, ü, €, ’) survive. A4, long texts
//! wrap and flow onto further pages; page numbers are marked as artifacts.
//!
//! ```
//! use loket_receipt::{render, Lang, Receipt};
//! let pdf = render(&Receipt {
//!     lang: Lang::Nl,
//!     municipality: "Gemeente Voorbeeld".into(),
//!     identificatie: "ZAAK-2026-0000000042".into(),
//!     product_title: "Kapvergunning".into(),
//!     submitted_at: "29 november 2026, 10:42".into(),
//!     handling_days: Some(56),
//!     answers: vec![("Welke boom?".into(), "Eén oude eik".into())],
//!     email: "jan@example.nl".into(),
//!     phone: String::new(),
//! });
//! assert!(pdf.starts_with(b"%PDF-"));
//! ```

mod layout;
mod text;

/// The language the receipt is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Dutch (the default).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl-NL",
            Lang::En => "en-GB",
        }
    }
}

/// Everything shown on a receipt. Never put a BSN in here: it is not printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Receipt {
    /// Language of all fixed texts (headings, sentences, labels).
    pub lang: Lang,
    /// E.g. "Gemeente Voorbeeld".
    pub municipality: String,
    /// The case number, e.g. "ZAAK-2026-0000000042".
    pub identificatie: String,
    /// The product requested, e.g. "Kapvergunning".
    pub product_title: String,
    /// Already formatted for display, e.g. "29 november 2026, 10:42".
    pub submitted_at: String,
    /// Legal handling time in days, if the product has one.
    pub handling_days: Option<u32>,
    /// (question, answer) pairs in form order.
    pub answers: Vec<(String, String)>,
    /// Where the municipality will send updates.
    pub email: String,
    /// May be empty; then no phone row is shown.
    pub phone: String,
}

/// Renders the receipt as PDF bytes.
///
/// Infallible for any input: characters the embedded font cannot show are replaced by `?`,
/// control characters are dropped (newlines in answers start a new line), long words are
/// broken, and many or long answers continue on further pages.
pub fn render(receipt: &Receipt) -> Vec<u8> {
    layout::render(receipt)
}
