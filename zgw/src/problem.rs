//! ZGW error bodies (`Fout` and `ValidatieFout` in the OAS), served as `application/problem+json`.

use serde::{Deserialize, Serialize};

/// One invalid field: `name` is the camelCase path (`betrokkeneIdentificatie.inpBsn`,
/// `nonFieldErrors` for object-level rules), `code` a machine code (`required`, `unique`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidParam {
    pub name: String,
    pub code: String,
    pub reason: String,
}

impl InvalidParam {
    pub fn new(
        name: impl Into<String>,
        code: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        InvalidParam {
            name: name.into(),
            code: code.into(),
            reason: reason.into(),
        }
    }
}

/// The error body of every 4xx/5xx answer. `invalid_params` is present (possibly empty) on
/// every 400, as the OAS `ValidatieFout` requires, and absent otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fout {
    #[serde(rename = "type")]
    pub type_: String,
    pub code: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub instance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid_params: Option<Vec<InvalidParam>>,
}
