//! Routed pages, one module per route (the wizard's three steps share `apply`).

pub mod apply;
mod cases;
pub mod catalogue;
mod drafts;
mod login;
mod not_found;
mod product;
mod profile;
pub mod staff;
mod start;

pub use apply::{CheckPage, ContactPage, QuestionPage};
pub use cases::{CaseDetailPage, CasesPage, ConfirmationPage};
pub use catalogue::CataloguePage;
pub use drafts::DraftsPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use product::ProductPage;
pub use profile::ProfilePage;
pub use start::StartPage;
