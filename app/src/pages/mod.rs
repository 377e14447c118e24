//! Routed pages, one module per route.

mod not_found;
mod start;

pub use not_found::NotFound;
pub use start::StartPage;
