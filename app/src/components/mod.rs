//! Layout components, named after their NL Design System counterparts. Each renders the
//! BEM classes of the NL DS component CSS (`nl-*`, `utrecht-*`) plus our own `loket-*`
//! layout classes; the look comes from `style/`, never from inline styles (CSP `style-src 'self'`).

mod feedback;
mod idle_warning;
mod language_switch;
mod load;
mod page_footer;
mod page_header;
mod page_heading;
mod skip_link;
mod upload;

pub use feedback::{
    field_error_text, focus_by_id, load_error_view, ErrorSummary, FieldErrorMessage, FlashNotice,
    Loading, SummaryItem,
};
pub use idle_warning::{IdleDialog, IdleWarning};
pub use language_switch::LanguageSwitch;
pub use load::{fetch, Load, Loaded};
pub use page_footer::PageFooter;
pub use page_header::PageHeader;
pub use page_heading::{PageHeading, RouteFocus};
pub use skip_link::SkipLink;
pub use upload::{CaseDocumentUploads, FileUpload, UploadList};
