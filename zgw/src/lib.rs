//! The VNG "API's voor Zaakgericht Werken" (ZGW) as Rust: the wire types as the OAS spells them,
//! the JWT scheme clients authenticate with, and the `application/problem+json` error bodies.
//!
//! Used by both sides: the embedded provider (`loket-caseapi`) and the portal's client.

pub mod catalogi;
pub mod client;
pub mod documenten;
pub mod jwt;
pub mod problem;
pub mod zaken;

/// Media type of every ZGW error body.
pub const PROBLEM_JSON: &str = "application/problem+json";
