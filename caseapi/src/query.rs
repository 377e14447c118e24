//! Query-string filters, validated like input: a malformed value is a 400 and so is an unknown
//! parameter (the ZGW rule), so a typo in a filter never silently returns everything.

use axum::extract::{FromRequestParts, RawQuery};
use axum::http::request::Parts;
use zgw::problem::InvalidParam;

use crate::error::ApiError;

/// The request's query parameters; take the ones you support, then call [`Query::finish`].
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
    taken: Vec<bool>,
    errors: Vec<InvalidParam>,
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Query, ApiError> {
        let RawQuery(raw) = RawQuery::from_request_parts(parts, state)
            .await
            .map_err(ApiError::internal)?;
        Ok(Query::parse(raw.as_deref().unwrap_or_default()))
    }
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let taken = vec![false; pairs.len()];
        Query {
            pairs,
            taken,
            errors: Vec::new(),
        }
    }

    /// The value of `name` (the last one if repeated); marks it as supported.
    pub fn get(&mut self, name: &str) -> Option<String> {
        let mut found = None;
        for (i, (key, value)) in self.pairs.iter().enumerate() {
            if key == name {
                self.taken[i] = true;
                found = Some(value.clone());
            }
        }
        found
    }

    /// A supported parameter that must not be empty when present.
    pub fn text(&mut self, name: &str) -> Option<String> {
        let value = self.get(name)?;
        if value.is_empty() {
            self.error(name, "blank", "Dit veld mag niet leeg zijn.");
            return None;
        }
        Some(value)
    }

    /// A positive integer parameter (e.g. `page`).
    pub fn positive_int(&mut self, name: &str) -> Option<u64> {
        let value = self.get(name)?;
        match value.parse::<u64>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                self.error(name, "invalid", "Voer een geheel getal groter dan 0 in.");
                None
            }
        }
    }

    /// A date parameter `YYYY-MM-DD`.
    pub fn date(&mut self, name: &str) -> Option<chrono::NaiveDate> {
        let value = self.get(name)?;
        match chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.error(name, "invalid", "Voer een geldige datum in (JJJJ-MM-DD).");
                None
            }
        }
    }

    /// One of a fixed set of values.
    pub fn choice(&mut self, name: &str, allowed: &[&str]) -> Option<String> {
        let value = self.get(name)?;
        if allowed.contains(&value.as_str()) {
            Some(value)
        } else {
            self.error(
                name,
                "invalid_choice",
                format!("Kies uit: {}.", allowed.join(", ")),
            );
            None
        }
    }

    /// A comma-separated list (e.g. `expand=zaaktype,status`).
    pub fn list(&mut self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Records a validation error on a parameter.
    pub fn error(&mut self, name: &str, code: &str, reason: impl Into<String>) {
        self.errors.push(InvalidParam::new(name, code, reason));
    }

    /// Fails with 400 if any value was invalid or any parameter was not taken.
    pub fn finish(self) -> Result<(), ApiError> {
        let mut errors = self.errors;
        let unknown: Vec<&str> = self
            .pairs
            .iter()
            .zip(&self.taken)
            .filter(|(_, taken)| !**taken)
            .map(|((key, _), _)| key.as_str())
            .collect();
        if !unknown.is_empty() {
            errors.push(InvalidParam::new(
                "nonFieldErrors",
                "unknown-parameters",
                format!("Onbekende query parameters: {}", unknown.join(", ")),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_parameters_are_refused() {
        let mut q = Query::parse("zaaktype=x&zaaktpye=y");
        assert_eq!(q.get("zaaktype").as_deref(), Some("x"));
        let Err(ApiError::Invalid(errors)) = q.finish() else {
            panic!("expected an error")
        };
        assert_eq!(errors[0].code, "unknown-parameters");
        assert!(errors[0].reason.contains("zaaktpye"));
    }

    #[test]
    fn page_must_be_positive() {
        let mut q = Query::parse("page=0");
        assert_eq!(q.positive_int("page"), None);
        assert!(q.finish().is_err());
        let mut q = Query::parse("page=2&expand=a,b");
        assert_eq!(q.positive_int("page"), Some(2));
        assert_eq!(q.list("expand"), vec!["a", "b"]);
        assert!(q.finish().is_ok());
    }
}
