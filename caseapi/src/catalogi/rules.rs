//! Concept versus definitive (ztc-009, ztc-010): a published zaaktype, informatieobjecttype or
//! besluittype cannot be changed (except `eindeGeldigheid` by PATCH) or deleted, and the
//! sub-types of a published zaaktype cannot be created, changed or deleted. Publishing a
//! zaaktype needs its related types published and a complete set of sub-types.

use serde_json::{Map, Value};

use crate::error::ApiError;
use zgw::problem::InvalidParam;

/// 400 for a change to a published type.
pub fn non_concept_object(reason: &str) -> ApiError {
    ApiError::invalid("nonFieldErrors", "non-concept-object", reason)
}

/// 400 for a change under a published zaaktype.
pub fn non_concept_zaaktype() -> ApiError {
    ApiError::invalid(
        "nonFieldErrors",
        "non-concept-zaaktype",
        "Objecten gerelateerd aan non-concept zaaktypen kunnen niet aangemaakt, gewijzigd of \
         verwijderd worden.",
    )
}

/// 400 for removing a type that published types still refer to.
pub fn non_concept_relation(reason: &str) -> ApiError {
    ApiError::invalid("nonFieldErrors", "non-concept-relation", reason)
}

/// True if served JSON says the type is a concept.
pub fn is_concept(data: &Value) -> bool {
    data.get("concept").and_then(Value::as_bool).unwrap_or(true)
}

/// May this PUT/PATCH change the published type `existing`? Only a PATCH that sets nothing but
/// `eindeGeldigheid` (ending the version's validity).
pub fn check_update_of_type(
    existing: &Value,
    body: &Map<String, Value>,
    partial: bool,
) -> Result<(), ApiError> {
    if is_concept(existing) {
        return Ok(());
    }
    let only_einde = partial && body.keys().all(|k| k == "eindeGeldigheid");
    if only_einde {
        Ok(())
    } else {
        Err(non_concept_object(
            "Het is niet toegestaan om een non-concept object bij te werken.",
        ))
    }
}

/// A published type cannot be deleted.
pub fn check_delete_of_type(existing: &Value) -> Result<(), ApiError> {
    if is_concept(existing) {
        Ok(())
    } else {
        Err(non_concept_object(
            "Alleen concepten kunnen worden verwijderd.",
        ))
    }
}

/// What stands in the way of publishing a zaaktype, as `nonFieldErrors`.
pub struct PublishCheck {
    pub concept_relations: Vec<String>,
    pub statustypen: usize,
    pub roltypen: usize,
    pub resultaattypen: usize,
}

impl PublishCheck {
    pub fn result(self) -> Result<(), ApiError> {
        let mut errors = Vec::new();
        if !self.concept_relations.is_empty() {
            errors.push(InvalidParam::new(
                "nonFieldErrors",
                "concept-relation",
                format!(
                    "Alle gerelateerde typen moeten gepubliceerd zijn: {}.",
                    self.concept_relations.join(", ")
                ),
            ));
        }
        if self.statustypen < 2 {
            errors.push(InvalidParam::new(
                "nonFieldErrors",
                "missing-statustypen",
                "Een zaaktype moet minstens twee statustypen hebben om gepubliceerd te worden.",
            ));
        }
        if self.roltypen == 0 {
            errors.push(InvalidParam::new(
                "nonFieldErrors",
                "missing-roltype",
                "Een zaaktype moet minstens één roltype hebben om gepubliceerd te worden.",
            ));
        }
        if self.resultaattypen == 0 {
            errors.push(InvalidParam::new(
                "nonFieldErrors",
                "missing-resultaattype",
                "Een zaaktype moet minstens één resultaattype hebben om gepubliceerd te worden.",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(errors))
        }
    }
}
