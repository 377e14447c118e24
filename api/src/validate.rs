//! Validation of single values: BSN (11-proef), e-mail, phone number, dates, numbers.
//! Pure functions over strings, shared by the SPA and the server.

use serde::{Deserialize, Serialize};

/// Why a field's value was refused. The SPA has a Dutch and an English text for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// Nothing filled in where an answer is needed.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// Not a whole number (or not a number with the allowed decimals).
    NotANumber,
    /// More digits than the field allows.
    NumberTooLong,
    /// Not a real calendar date.
    InvalidDate,
    /// Not one of the offered options.
    NotAnOption,
    /// Not a plausible e-mail address.
    InvalidEmail,
    /// Not a plausible Dutch or international phone number.
    InvalidPhone,
    /// Not 9 digits, or fails the 11-proef.
    InvalidBsn,
    /// A question the form does not have.
    UnknownField,
    /// An upload of zero bytes.
    FileEmpty,
    /// Larger than the document type allows.
    FileTooLarge,
    /// Not one of the kinds the document type accepts (judged by content, not by name).
    FileTypeNotAllowed,
    /// The virus scanner found something; the file was not stored.
    FileInfected,
    /// The file could not be checked for viruses right now; nothing was stored, try again.
    FileScanFailed,
    /// A document is still being uploaded (submit waits until every upload is complete).
    UploadIncomplete,
    /// Not a Dutch postcode (four digits, two letters).
    InvalidPostcode,
}

/// One refused field: `field` is the field's name (an eigenschap `naam`, or `email`,
/// `phone`, `bsn`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: FieldErrorCode) -> FieldError {
        FieldError {
            field: field.into(),
            code,
        }
    }
}

/// The BSN 11-proef: 9 digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11
/// (and not all zeros).
pub fn is_valid_bsn(bsn: &str) -> bool {
    let digits: Vec<u32> = bsn.chars().filter_map(|c| c.to_digit(10)).collect();
    if bsn.len() != 9 || digits.len() != 9 || digits.iter().all(|&d| d == 0) {
        return false;
    }
    let sum: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let weight = if i == 8 { -1 } else { 9 - i as i64 };
            weight * i64::from(d)
        })
        .sum();
    sum % 11 == 0
}

/// Removes spaces, dots and dashes people type inside a BSN ("1234 56 782").
pub fn normalise_bsn(input: &str) -> String {
    input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect()
}

/// A plausible e-mail address: one `@`, a non-empty local part, a domain with a dot, no
/// spaces. Deliberately lenient (GOV.UK advice): the only real check is whether mail arrives.
pub fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    if email.len() > 254 || email.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A plausible phone number: digits with optional spaces, dashes, brackets and a leading
/// `+`; 10 digits for Dutch numbers (`06…`, `020…`), 8–15 for international ones.
pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    if phone
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+')))
    {
        return false;
    }
    if phone.rfind('+').is_some_and(|i| i != 0) {
        return false;
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.starts_with('+') || phone.starts_with("00") {
        (8..=15).contains(&digits)
    } else {
        digits == 10 && phone.starts_with('0')
    }
}

/// Parses `YYYY-MM-DD` (month and day may have one digit, as typed in three boxes) into a
/// real calendar date.
pub fn parse_date(input: &str) -> Option<(u32, u32, u32)> {
    let mut parts = input.trim().split('-');
    let year: u32 = parse_digits(parts.next()?, 4, 4)?;
    let month: u32 = parse_digits(parts.next()?, 1, 2)?;
    let day: u32 = parse_digits(parts.next()?, 1, 2)?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days_in_month)
        .contains(&day)
        .then_some((year, month, day))
}

fn parse_digits(part: &str, min: usize, max: usize) -> Option<u32> {
    let part = part.trim();
    (part.len() >= min && part.len() <= max && part.chars().all(|c| c.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

/// Checks a number against a ZGW `lengte`: `"3"` allows a whole number of at most 3 digits,
/// `"5,2"` at most 5 digits of which 2 decimals (comma or dot as separator).
pub fn check_number(input: &str, lengte: &str) -> Result<(), FieldErrorCode> {
    let input = input.trim();
    let (max_digits, max_decimals) = match lengte.split_once(',') {
        Some((total, decimals)) => (total.parse().unwrap_or(18), decimals.parse().unwrap_or(0)),
        None => (lengte.parse().unwrap_or(18), 0usize),
    };
    let unsigned = input.strip_prefix('-').unwrap_or(input);
    let (whole, fraction) = match unsigned.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (unsigned, ""),
    };
    let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !digits_only(whole)
        || !digits_only(fraction)
        || (unsigned.contains([',', '.']) && fraction.is_empty())
        || fraction.len() > max_decimals
    {
        return Err(FieldErrorCode::NotANumber);
    }
    if whole.len() + fraction.len() > max_digits {
        return Err(FieldErrorCode::NumberTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_eleven_proof() {
        // Known-good test BSNs (RvIG test sets) and their one-digit-off neighbours.
        for good in ["999993653", "111222333", "123456782", "999990019"] {
            assert!(is_valid_bsn(good), "{good}");
        }
        for bad in [
            "123456789",
            "999993654",
            "00000000",
            "000000000",
            "12345678a",
            "1234567820",
        ] {
            assert!(!is_valid_bsn(bad), "{bad}");
        }
        assert_eq!(normalise_bsn(" 1234.56-782 "), "123456782");
    }

    #[test]
    fn email_is_checked_leniently() {
        for good in ["a@b.nl", "jan.de.vries+loket@gemeente.example.nl"] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.nl", "a@@b.nl", "a b@c.nl", "a@.nl", "a@b.", "a@b..nl",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        for good in [
            "0612345678",
            "06-12345678",
            "020 123 4567",
            "+31 6 12345678",
            "0031612345678",
        ] {
            assert!(is_valid_phone(good), "{good}");
        }
        for bad in [
            "",
            "12345",
            "061234567",
            "06123456789",
            "+3",
            "06-1234abcd",
            "06+12345678",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2026-02-28"), Some((2026, 2, 28)));
        assert_eq!(parse_date("2024-2-29"), Some((2024, 2, 29)));
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "26-01-01",
            "2026-01-01-1",
            "",
            "2026--1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
    }

    #[test]
    fn numbers_respect_lengte() {
        assert_eq!(check_number("12", "3"), Ok(()));
        assert_eq!(
            check_number("1234", "3"),
            Err(FieldErrorCode::NumberTooLong)
        );
        assert_eq!(check_number("1,5", "3"), Err(FieldErrorCode::NotANumber));
        assert_eq!(check_number("12,50", "5,2"), Ok(()));
        assert_eq!(check_number("12.5", "5,2"), Ok(()));
        assert_eq!(
            check_number("12,505", "5,2"),
            Err(FieldErrorCode::NotANumber)
        );
        for bad in ["", "abc", "1,", ",5", "1 2", "--1"] {
            assert_eq!(
                check_number(bad, "5,2"),
                Err(FieldErrorCode::NotANumber),
                "{bad}"
            );
        }
    }
}
