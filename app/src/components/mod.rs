//! Layout components, named after their NL Design System counterparts. Each renders the
//! BEM classes of the NL DS component CSS (`nl-*`, `utrecht-*`) plus our own `loket-*`
//! layout classes; the look comes from `style/`, never from inline styles (CSP `style-src 'self'`).

mod language_switch;
mod page_footer;
mod page_header;
mod page_heading;
mod skip_link;

pub use language_switch::LanguageSwitch;
pub use page_footer::PageFooter;
pub use page_header::PageHeader;
pub use page_heading::{PageHeading, RouteFocus};
pub use skip_link::SkipLink;
