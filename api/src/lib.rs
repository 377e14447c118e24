//! The portal API contract between the SPA (`loket-app`) and the server (`loket-server`):
//! the JSON types of every `/api` endpoint and the validation rules both sides apply.
//!
//! The SPA validates with these functions for instant feedback; the server runs the very
//! same functions again and is the authority. Errors are codes ([`FieldErrorCode`],
//! [`ErrorCode`]), never sentences: the SPA turns them into Dutch or English text.

pub mod form;
pub mod staff;
pub mod types;
pub mod upload;
pub mod validate;

pub use form::{Field, FieldKind, Form};
pub use types::*;
pub use validate::{FieldError, FieldErrorCode};
