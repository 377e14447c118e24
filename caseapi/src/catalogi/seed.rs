//! The demo catalogue seeded on first start.

use crate::error::ApiError;
use crate::CaseApi;

/// Seeds the demo catalogue when no catalogus exists yet.
pub async fn seed_demo_if_empty(_api: &CaseApi) -> Result<(), ApiError> {
    Ok(())
}
