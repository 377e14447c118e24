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

    /// A date-time parameter, parsed as the reference implementation's filters do: ISO 8601
    /// with an offset (`2026-11-28T10:00:00+01:00`, `…Z`), without one (taken as UTC, like
    /// date-times in bodies) or a bare date (midnight UTC). A `+` of an offset that arrived
    /// unencoded (and so decoded as a space) is accepted too.
    pub fn datetime(&mut self, name: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        let value = self.get(name)?;
        match parse_datetime(&value) {
            Some(moment) => Some(moment),
            None => {
                self.error(
                    name,
                    "invalid",
                    "Voer een geldige datum/tijd in (ISO 8601, bijvoorbeeld 2026-11-28T10:00:00Z).",
                );
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

/// See [`Query::datetime`].
pub fn parse_datetime(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let value = value.trim();
    let mut candidates = vec![value.to_owned()];
    // `…T10:00:00 01:00`: an unencoded `+` in the query string.
    if value.len() > 6 && value.contains('T') && value.as_bytes()[value.len() - 6] == b' ' {
        let (head, offset) = value.split_at(value.len() - 6);
        candidates.push(format!("{head}+{}", &offset[1..]));
    }
    for candidate in &candidates {
        let candidate = candidate.replacen(' ', "T", 1);
        if let Ok(moment) = chrono::DateTime::parse_from_rfc3339(&candidate) {
            return Some(moment.with_timezone(&chrono::Utc));
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f%:z",
            "%Y-%m-%dT%H:%M%:z",
            "%Y-%m-%dT%H:%M%#z",
        ] {
            if let Ok(moment) = chrono::DateTime::parse_from_str(&candidate, format) {
                return Some(moment.with_timezone(&chrono::Utc));
            }
        }
        for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
            if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(&candidate, format) {
                return Some(naive.and_utc());
            }
        }
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|naive| naive.and_utc())
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

    #[test]
    fn datetimes_parse_like_the_reference_filters() {
        let utc = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc)
        };
        for (input, expected) in [
            ("2026-11-28T10:00:00Z", "2026-11-28T10:00:00Z"),
            ("2026-11-28T10:00:00.250Z", "2026-11-28T10:00:00.250Z"),
            ("2026-11-28T10:00:00+01:00", "2026-11-28T09:00:00Z"),
            ("2026-11-28T10:00:00 01:00", "2026-11-28T09:00:00Z"),
            ("2026-11-28T10:00+01:00", "2026-11-28T09:00:00Z"),
            ("2026-11-28T10:00:00", "2026-11-28T10:00:00Z"),
            ("2026-11-28 10:00:00", "2026-11-28T10:00:00Z"),
            ("2026-11-28T10:00", "2026-11-28T10:00:00Z"),
            ("2026-11-28", "2026-11-28T00:00:00Z"),
        ] {
            assert_eq!(parse_datetime(input), Some(utc(expected)), "{input}");
        }
        for bad in [
            "",
            "gisteren",
            "28-11-2026",
            "2026-13-01",
            "2026-11-28T25:00:00Z",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
        let mut q = Query::parse("startdatum__lt=morgen");
        assert_eq!(q.datetime("startdatum__lt"), None);
        let Err(ApiError::Invalid(errors)) = q.finish() else {
            panic!("expected an error")
        };
        assert_eq!(
            (errors[0].name.as_str(), errors[0].code.as_str()),
            ("startdatum__lt", "invalid")
        );
    }
}
