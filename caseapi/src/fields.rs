//! Field-by-field validation of request bodies, collecting every problem as a ZGW
//! `invalidParams` entry (`name` = camelCase field path, reference codes such as `required`,
//! `max_length`, `invalid`, `bad-url`, `invalid_choice`) instead of stopping at the first.
//!
//! PATCH is validated by merging the patch over the stored resource and validating the result
//! like a PUT (see [`merge_patch`]), so both share one set of rules.

use serde_json::{Map, Value};
use zgw::problem::InvalidParam;

use crate::error::ApiError;

/// Reads and checks the fields of one JSON object.
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    prefix: String,
    errors: Vec<InvalidParam>,
}

impl<'a> Fields<'a> {
    pub fn new(object: &'a Map<String, Value>) -> Fields<'a> {
        Fields {
            object,
            prefix: String::new(),
            errors: Vec::new(),
        }
    }

    /// Checks a nested object; its errors are named `prefix.field`.
    pub fn nested(object: &'a Map<String, Value>, prefix: &str) -> Fields<'a> {
        Fields {
            object,
            prefix: format!("{prefix}."),
            errors: Vec::new(),
        }
    }

    fn path(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name)
    }

    /// Records an error on `name`.
    pub fn error(&mut self, name: &str, code: &str, reason: impl Into<String>) {
        let path = self.path(name);
        self.errors.push(InvalidParam::new(path, code, reason));
    }

    /// Records an object-level error (`nonFieldErrors`).
    pub fn non_field_error(&mut self, code: &str, reason: impl Into<String>) {
        self.errors
            .push(InvalidParam::new("nonFieldErrors", code, reason));
    }

    /// Takes over the errors of a nested check.
    pub fn absorb(&mut self, nested: Fields<'_>) {
        self.errors.extend(nested.errors);
    }

    /// The raw value, `None` when absent or null.
    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        self.object.get(name).filter(|v| !v.is_null())
    }

    fn required_missing(&mut self, name: &str) {
        self.error(name, "required", "Dit veld is vereist.");
    }

    /// A string field. `required`: absent/null/empty is an error. `max_len`: in characters.
    pub fn string(&mut self, name: &str, required: bool, max_len: usize) -> Option<String> {
        match self.raw(name) {
            None => {
                if required {
                    self.required_missing(name);
                }
                None
            }
            Some(Value::String(s)) if s.is_empty() => {
                if required {
                    self.error(name, "blank", "Dit veld mag niet leeg zijn.");
                }
                Some(String::new())
            }
            Some(Value::String(s)) => {
                if s.chars().count() > max_len {
                    self.error(
                        name,
                        "max_length",
                        format!(
                            "Zorg ervoor dat dit veld niet meer dan {max_len} karakters bevat."
                        ),
                    );
                }
                Some(s.clone())
            }
            Some(_) => {
                self.error(name, "invalid", "Geen geldige string.");
                None
            }
        }
    }

    /// A string that must be one of `allowed` (ZGW enums are snake_case strings).
    pub fn choice(&mut self, name: &str, required: bool, allowed: &[&str]) -> Option<String> {
        let value = self.string(name, required, 255)?;
        if value.is_empty() && !required {
            return None;
        }
        if allowed.contains(&value.as_str()) {
            Some(value)
        } else {
            self.error(
                name,
                "invalid_choice",
                format!("\"{value}\" is een ongeldige keuze."),
            );
            None
        }
    }

    /// An absolute http(s) URL (max 1000 characters, as the OAS says for references).
    pub fn url(&mut self, name: &str, required: bool) -> Option<String> {
        let value = self.string(name, required, 1000)?;
        if value.is_empty() {
            return None;
        }
        if is_http_url(&value) {
            Some(value)
        } else {
            self.error(name, "invalid", "Voer een geldige URL in.");
            None
        }
    }

    /// A date `YYYY-MM-DD`.
    pub fn date(&mut self, name: &str, required: bool) -> Option<chrono::NaiveDate> {
        let value = self.string(name, required, 10)?;
        if value.is_empty() {
            return None;
        }
        match chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.error(
                    name,
                    "invalid",
                    "Datum heeft het verkeerde formaat, gebruik YYYY-MM-DD.",
                );
                None
            }
        }
    }

    /// An ISO 8601 date-time (with offset; a naive one is taken as UTC).
    pub fn datetime(
        &mut self,
        name: &str,
        required: bool,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        let value = self.string(name, required, 64)?;
        if value.is_empty() {
            return None;
        }
        if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(&value) {
            return Some(dt.with_timezone(&chrono::Utc));
        }
        match chrono::NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M:%S%.f") {
            Ok(naive) => Some(naive.and_utc()),
            Err(_) => {
                self.error(name, "invalid", "Datetime heeft een ongeldig formaat.");
                None
            }
        }
    }

    /// An ISO 8601 duration such as `P14D` or `P1Y6M`.
    pub fn duration(&mut self, name: &str, required: bool) -> Option<String> {
        let value = self.string(name, required, 64)?;
        if value.is_empty() {
            return None;
        }
        if is_iso8601_duration(&value) {
            Some(value)
        } else {
            self.error(
                name,
                "invalid",
                "Ongeldige duur (ISO 8601, bijvoorbeeld P14D).",
            );
            None
        }
    }

    /// A boolean.
    pub fn boolean(&mut self, name: &str, required: bool) -> Option<bool> {
        match self.raw(name) {
            None => {
                if required {
                    self.required_missing(name);
                }
                None
            }
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.error(name, "invalid", "Moet een geldige boolean zijn.");
                None
            }
        }
    }

    /// An integer within `min..=max`.
    pub fn integer(&mut self, name: &str, required: bool, min: i64, max: i64) -> Option<i64> {
        match self.raw(name) {
            None => {
                if required {
                    self.required_missing(name);
                }
                None
            }
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => Some(i),
                Some(_) => {
                    self.error(
                        name,
                        if n.as_i64().is_some_and(|i| i < min) {
                            "min_value"
                        } else {
                            "max_value"
                        },
                        format!("Moet tussen {min} en {max} liggen."),
                    );
                    None
                }
                None => {
                    self.error(name, "invalid", "Een geldig geheel getal is vereist.");
                    None
                }
            },
            Some(_) => {
                self.error(name, "invalid", "Een geldig geheel getal is vereist.");
                None
            }
        }
    }

    /// An array of strings, each at most `max_len` characters.
    pub fn string_list(&mut self, name: &str, max_len: usize) -> Vec<String> {
        match self.raw(name) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) if s.chars().count() <= max_len => out.push(s.to_owned()),
                        Some(_) => self.error(
                            &format!("{name}.{i}"),
                            "max_length",
                            format!(
                                "Zorg ervoor dat dit veld niet meer dan {max_len} karakters bevat."
                            ),
                        ),
                        None => {
                            self.error(&format!("{name}.{i}"), "invalid", "Geen geldige string.")
                        }
                    }
                }
                out
            }
            Some(_) => {
                self.error(name, "not_a_list", "Verwachtte een lijst.");
                Vec::new()
            }
        }
    }

    /// An array of URLs.
    pub fn url_list(&mut self, name: &str) -> Vec<String> {
        let items = self.string_list(name, 1000);
        items
            .into_iter()
            .enumerate()
            .filter_map(|(i, url)| {
                if is_http_url(&url) {
                    Some(url)
                } else {
                    self.error(
                        &format!("{name}.{i}"),
                        "invalid",
                        "Voer een geldige URL in.",
                    );
                    None
                }
            })
            .collect()
    }

    /// A nested object (returned for a [`Fields::nested`] check).
    pub fn object(&mut self, name: &str, required: bool) -> Option<&'a Map<String, Value>> {
        match self.raw(name) {
            None => {
                if required {
                    self.required_missing(name);
                }
                None
            }
            Some(Value::Object(map)) => Some(map),
            Some(_) => {
                self.error(name, "invalid", "Verwachtte een object.");
                None
            }
        }
    }

    /// An RSIN/BSN: nine digits that pass the 11-proef.
    pub fn rsin(&mut self, name: &str, required: bool) -> Option<String> {
        let value = self.string(name, required, 9)?;
        if value.is_empty() {
            return None;
        }
        if passes_elfproef(&value) {
            Some(value)
        } else {
            self.error(
                name,
                "invalid",
                "Onjuist RSIN/BSN: 9 cijfers die voldoen aan de elfproef.",
            );
            None
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// `Ok` if nothing was wrong, else a 400 with every problem.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.errors))
        }
    }
}

/// True for an absolute `http://` or `https://` URL with a host.
pub fn is_http_url(value: &str) -> bool {
    url::Url::parse(value)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// ISO 8601 duration: `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one component.
pub fn is_iso8601_duration(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    fn components(part: &str, units: &str) -> Option<usize> {
        let mut count = 0;
        let mut digits = String::new();
        let mut last_unit = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || (c == '.' && !digits.is_empty()) {
                digits.push(c);
            } else {
                let pos = units.find(c)? + 1;
                if digits.is_empty() || pos <= last_unit {
                    return None;
                }
                last_unit = pos;
                digits.clear();
                count += 1;
            }
        }
        digits.is_empty().then_some(count)
    }
    let Some(date_count) = components(date, "YMWD") else {
        return false;
    };
    match time {
        None => date_count > 0,
        Some(t) => components(t, "HMS").is_some_and(|n| n > 0),
    }
}

/// The Dutch 11-proef for BSN and RSIN: nine digits d1..d9 with
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11. `000000000` passes (it is the test RSIN).
pub fn passes_elfproef(value: &str) -> bool {
    if value.len() != 9 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: i64 = value
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let digit = i64::from(b - b'0');
            if i == 8 {
                -digit
            } else {
                digit * (9 - i as i64)
            }
        })
        .sum();
    sum % 11 == 0
}

/// RFC 7396-style merge used for PATCH: keys in `patch` replace those in `base`.
pub fn merge_patch(base: &Map<String, Value>, patch: &Map<String, Value>) -> Map<String, Value> {
    let mut merged = base.clone();
    for (key, value) in patch {
        merged.insert(key.clone(), value.clone());
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn elfproef() {
        assert!(passes_elfproef("999993653"));
        assert!(passes_elfproef("111222333"));
        assert!(passes_elfproef("000000000"));
        assert!(!passes_elfproef("999993654"));
        assert!(!passes_elfproef("12345678"));
        assert!(!passes_elfproef("12345678a"));
    }

    #[test]
    fn durations() {
        for ok in ["P14D", "P1Y6M", "P2W", "PT8H", "P1DT2H30M", "P0D"] {
            assert!(is_iso8601_duration(ok), "{ok}");
        }
        for bad in ["14D", "P", "PT", "P1H", "PD", "P1D2Y", "P1DT"] {
            assert!(!is_iso8601_duration(bad), "{bad}");
        }
    }

    #[test]
    fn collects_every_error_with_paths() {
        let body = json!({"omschrijving": "x".repeat(81), "startdatum": "28-11-2026", "nested": {"inpBsn": "123"}});
        let map = body.as_object().unwrap();
        let mut f = Fields::new(map);
        f.string("omschrijving", false, 80);
        f.date("startdatum", true);
        f.url("zaaktype", true);
        let nested = f.object("nested", true).unwrap();
        let mut n = Fields::nested(nested, "nested");
        n.rsin("inpBsn", true);
        f.absorb(n);
        let Err(ApiError::Invalid(errors)) = f.finish() else {
            panic!()
        };
        let names: Vec<_> = errors
            .iter()
            .map(|e| (e.name.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("omschrijving", "max_length"),
                ("startdatum", "invalid"),
                ("zaaktype", "required"),
                ("nested.inpBsn", "invalid"),
            ]
        );
    }
}
