//! Loket SPA.
