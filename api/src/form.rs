//! A product's application form and the validation of a resident's answers to it.
//!
//! The server derives the form from the zaaktype's eigenschappen (one field per eigenschap,
//! in catalogue order); both sides then check answers with [`Form::validate`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::validate::{check_number, is_valid_email, is_valid_phone, parse_date};
use crate::{FieldError, FieldErrorCode};

/// Longest single answer a draft may hold, whatever the field (protects storage).
pub const MAX_ANSWER_CHARS: usize = 10_000;

/// Text fields longer than this are shown as a multi-line text area.
const LONG_TEXT_FROM: usize = 201;

/// The questions of one product's application form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub fields: Vec<Field>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Stable key: the eigenschap's `naam`.
    pub name: String,
    /// The question as residents read it (the eigenschap's `definitie`).
    pub label: String,
    /// Extra explanation under the label (the eigenschap's `toelichting`), may be empty.
    #[serde(default)]
    pub hint: String,
    pub kind: FieldKind,
    pub required: bool,
}

/// What kind of input a field takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text { max_length: usize },
    /// Several lines of text.
    LongText { max_length: usize },
    /// A number; `lengte` as ZGW spells it ("3", or "5,2" with decimals).
    Number { lengte: String },
    /// A calendar date, answered as `YYYY-MM-DD`.
    Date,
    /// One of a fixed list of options.
    Choice { options: Vec<String> },
}

impl FieldKind {
    /// The field kind for a ZGW `EigenschapSpecificatie` (`formaat`, `lengte`,
    /// `waardenverzameling`).
    pub fn from_specificatie(formaat: &str, lengte: &str, waardenverzameling: &[String]) -> Self {
        if !waardenverzameling.is_empty() {
            return FieldKind::Choice {
                options: waardenverzameling.to_vec(),
            };
        }
        let max_length = lengte
            .parse()
            .unwrap_or(MAX_ANSWER_CHARS)
            .min(MAX_ANSWER_CHARS);
        match formaat {
            "getal" => FieldKind::Number {
                lengte: lengte.to_owned(),
            },
            "datum" | "datum_tijd" => FieldKind::Date,
            _ if max_length >= LONG_TEXT_FROM => FieldKind::LongText { max_length },
            _ => FieldKind::Text { max_length },
        }
    }
}

impl Field {
    /// Checks one answer (`None` or blank = not answered).
    pub fn check(&self, answer: Option<&str>) -> Result<(), FieldErrorCode> {
        let value = answer.map(str::trim).unwrap_or_default();
        if value.is_empty() {
            return if self.required {
                Err(FieldErrorCode::Required)
            } else {
                Ok(())
            };
        }
        match &self.kind {
            FieldKind::Text { max_length } | FieldKind::LongText { max_length } => {
                if value.chars().count() > *max_length {
                    return Err(FieldErrorCode::TooLong);
                }
            }
            FieldKind::Number { lengte } => check_number(value, lengte)?,
            FieldKind::Date => {
                parse_date(value).ok_or(FieldErrorCode::InvalidDate)?;
            }
            FieldKind::Choice { options } => {
                if !options.iter().any(|o| o == value) {
                    return Err(FieldErrorCode::NotAnOption);
                }
            }
        }
        Ok(())
    }

    /// The answer as the Zaken API stores it in `zaakeigenschap.waarde`: trimmed, dates as
    /// `YYYYMMDD`, decimals with a dot. Only for answers that passed [`Field::check`].
    pub fn zgw_waarde(&self, answer: &str) -> String {
        let value = answer.trim();
        match &self.kind {
            FieldKind::Date => parse_date(value)
                .map(|(y, m, d)| format!("{y:04}{m:02}{d:02}"))
                .unwrap_or_else(|| value.to_owned()),
            FieldKind::Number { .. } => value.replace(',', "."),
            _ => value.to_owned(),
        }
    }
}

/// A resident's answers: field name → value as typed.
pub type Answers = BTreeMap<String, String>;

/// How the municipality can reach the resident about this request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl Contact {
    /// E-mail is required (status updates go there); phone is optional.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.email.trim().is_empty() {
            errors.push(FieldError::new("email", FieldErrorCode::Required));
        } else if !is_valid_email(&self.email) {
            errors.push(FieldError::new("email", FieldErrorCode::InvalidEmail));
        }
        if !self.phone.trim().is_empty() && !is_valid_phone(&self.phone) {
            errors.push(FieldError::new("phone", FieldErrorCode::InvalidPhone));
        }
        errors
    }
}

impl Form {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Checks the answers to the given fields only (one page of the form).
    pub fn validate_fields(&self, answers: &Answers, names: &[&str]) -> Vec<FieldError> {
        self.fields
            .iter()
            .filter(|f| names.contains(&f.name.as_str()))
            .filter_map(|f| {
                f.check(answers.get(&f.name).map(String::as_str))
                    .err()
                    .map(|code| FieldError::new(&f.name, code))
            })
            .collect()
    }

    /// Checks a complete application: every field, no unknown answers, and the contact
    /// details. An empty result means it may be submitted.
    pub fn validate(&self, answers: &Answers, contact: &Contact) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = self
            .fields
            .iter()
            .filter_map(|f| {
                f.check(answers.get(&f.name).map(String::as_str))
                    .err()
                    .map(|code| FieldError::new(&f.name, code))
            })
            .collect();
        errors.extend(
            answers
                .keys()
                .filter(|name| self.field(name).is_none())
                .map(|name| FieldError::new(name, FieldErrorCode::UnknownField)),
        );
        errors.extend(contact.validate());
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form {
            fields: vec![
                Field {
                    name: "kenteken".into(),
                    label: "Kenteken".into(),
                    hint: String::new(),
                    kind: FieldKind::from_specificatie("tekst", "8", &[]),
                    required: true,
                },
                Field {
                    name: "ingangsdatum".into(),
                    label: "Vanaf".into(),
                    hint: String::new(),
                    kind: FieldKind::from_specificatie("datum", "8", &[]),
                    required: true,
                },
                Field {
                    name: "reden".into(),
                    label: "Reden".into(),
                    hint: String::new(),
                    kind: FieldKind::from_specificatie(
                        "tekst",
                        "30",
                        &["Ziek".into(), "Anders".into()],
                    ),
                    required: false,
                },
            ],
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn kinds_follow_the_specificatie() {
        assert_eq!(
            FieldKind::from_specificatie("tekst", "1000", &[]),
            FieldKind::LongText { max_length: 1000 }
        );
        assert_eq!(
            FieldKind::from_specificatie("tekst", "200", &[]),
            FieldKind::Text { max_length: 200 }
        );
        assert_eq!(
            FieldKind::from_specificatie("getal", "3", &[]),
            FieldKind::Number { lengte: "3".into() }
        );
        assert_eq!(
            FieldKind::from_specificatie("datum", "8", &[]),
            FieldKind::Date
        );
    }

    #[test]
    fn a_complete_application_passes() {
        let contact = Contact {
            email: "a@b.nl".into(),
            phone: String::new(),
        };
        let ok = answers(&[("kenteken", "AB-123-C"), ("ingangsdatum", "2026-12-1")]);
        assert_eq!(form().validate(&ok, &contact), vec![]);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let contact = Contact {
            email: "geen-mail".into(),
            phone: "123".into(),
        };
        let bad = answers(&[
            ("kenteken", "ABCDEFGHIJ"),
            ("ingangsdatum", "2026-02-30"),
            ("reden", "Zomaar"),
            ("extra", "x"),
        ]);
        assert_eq!(
            form().validate(&bad, &contact),
            vec![
                FieldError::new("kenteken", FieldErrorCode::TooLong),
                FieldError::new("ingangsdatum", FieldErrorCode::InvalidDate),
                FieldError::new("reden", FieldErrorCode::NotAnOption),
                FieldError::new("extra", FieldErrorCode::UnknownField),
                FieldError::new("email", FieldErrorCode::InvalidEmail),
                FieldError::new("phone", FieldErrorCode::InvalidPhone),
            ]
        );
        let empty = form().validate(&Answers::new(), &Contact::default());
        assert_eq!(
            empty,
            vec![
                FieldError::new("kenteken", FieldErrorCode::Required),
                FieldError::new("ingangsdatum", FieldErrorCode::Required),
                FieldError::new("email", FieldErrorCode::Required),
            ]
        );
    }

    #[test]
    fn one_page_checks_only_its_fields() {
        let errors = form().validate_fields(&Answers::new(), &["kenteken"]);
        assert_eq!(
            errors,
            vec![FieldError::new("kenteken", FieldErrorCode::Required)]
        );
    }

    #[test]
    fn answers_are_stored_the_zgw_way() {
        let f = form();
        assert_eq!(f.fields[1].zgw_waarde("2026-2-3"), "20260203");
        let number = Field {
            kind: FieldKind::Number {
                lengte: "5,2".into(),
            },
            ..f.fields[0].clone()
        };
        assert_eq!(number.zgw_waarde(" 12,5 "), "12.5");
        assert_eq!(f.fields[0].zgw_waarde(" AB "), "AB");
    }
}
