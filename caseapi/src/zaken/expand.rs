//! `expand` (Zaken 1.5): embeds referenced objects under `_expand`, keyed by field name, with
//! dots for depth (`status.statustype`). Only objects of this API and its Catalogi types can be
//! expanded; anything else is a 400 on `expand`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::catalogi::{self, Kind};
use crate::error::ApiError;
use crate::urls::Api;
use crate::{store, CaseApi};

/// A parsed `expand` value: field → what to expand inside it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Expand(BTreeMap<String, Expand>);

/// What can be expanded on a zaak, and below each field.
fn allowed(path: &[&str]) -> bool {
    matches!(
        path,
        ["zaaktype"]
            | ["status"]
            | ["status", "statustype"]
            | ["rollen"]
            | ["rollen", "roltype"]
            | ["resultaat"]
            | ["resultaat", "resultaattype"]
            | ["eigenschappen"]
            | ["eigenschappen", "eigenschap"]
            | ["hoofdzaak"]
            | ["deelzaken"]
    )
}

impl Expand {
    /// Parses `zaaktype,status.statustype`; an unknown path is a 400.
    pub fn parse(items: &[String]) -> Result<Expand, ApiError> {
        let mut root = Expand::default();
        for item in items {
            let path: Vec<&str> = item.split('.').collect();
            if !allowed(&path) {
                return Err(ApiError::invalid(
                    "expand",
                    "invalid-expand",
                    format!("'{item}' kan niet ge-expand worden."),
                ));
            }
            let mut node = &mut root;
            for part in path {
                node = node.0.entry(part.to_owned()).or_default();
            }
        }
        Ok(root)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Fetches referenced objects once per request (a list of zaken of one zaaktype repeats it).
pub struct Expander<'a> {
    api: &'a CaseApi,
    cache: HashMap<String, Option<Value>>,
}

impl<'a> Expander<'a> {
    pub fn new(api: &'a CaseApi) -> Expander<'a> {
        Expander {
            api,
            cache: HashMap::new(),
        }
    }

    async fn fetch(&mut self, url: &str) -> Result<Option<Value>, ApiError> {
        if let Some(hit) = self.cache.get(url) {
            return Ok(hit.clone());
        }
        let found = self.resolve(url).await?;
        self.cache.insert(url.to_owned(), found.clone());
        Ok(found)
    }

    async fn resolve(&self, url: &str) -> Result<Option<Value>, ApiError> {
        for (collection, table) in [
            ("zaken", "zaken"),
            ("statussen", "statussen"),
            ("rollen", "rollen"),
            ("resultaten", "resultaten"),
        ] {
            if let Some(uuid) = self.api.urls.parse(url, Api::Zaken, collection) {
                return store::get(&self.api.db, table, uuid).await;
            }
        }
        if let Some(uuid) = zaakeigenschap_uuid(url) {
            return store::get(&self.api.db, "zaakeigenschappen", uuid).await;
        }
        for kind in [
            Kind::Zaaktype,
            Kind::Statustype,
            Kind::Roltype,
            Kind::Resultaattype,
            Kind::Eigenschap,
        ] {
            if let Some(found) = catalogi::lookup(self.api, kind, url).await? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// Expands `object` in place along `expand`.
    pub async fn apply(&mut self, object: &mut Value, expand: &Expand) -> Result<(), ApiError> {
        if expand.is_empty() {
            return Ok(());
        }
        let mut embedded = Map::new();
        for (field, below) in &expand.0 {
            let value = match &object[field] {
                Value::String(url) if !url.is_empty() => match self.fetch(url).await? {
                    Some(mut child) => {
                        Box::pin(self.apply(&mut child, below)).await?;
                        child
                    }
                    None => Value::Null,
                },
                Value::Array(urls) => {
                    let mut children = Vec::with_capacity(urls.len());
                    for url in urls.clone() {
                        if let Some(url) = url.as_str() {
                            if let Some(mut child) = self.fetch(url).await? {
                                Box::pin(self.apply(&mut child, below)).await?;
                                children.push(child);
                            }
                        }
                    }
                    Value::Array(children)
                }
                _ => Value::Null,
            };
            embedded.insert(field.clone(), value);
        }
        object["_expand"] = Value::Object(embedded);
        Ok(())
    }
}

/// Zaakeigenschap URLs are nested: `…/zaken/{zaak}/zaakeigenschappen/{uuid}`.
fn zaakeigenschap_uuid(url: &str) -> Option<Uuid> {
    let (_, rest) = url.split_once("/zaken/api/v1/zaken/")?;
    let (_, eigenschap) = rest.split_once("/zaakeigenschappen/")?;
    Uuid::parse_str(eigenschap.trim_end_matches('/')).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths_and_refuses_unknown_ones() {
        let expand = Expand::parse(&["status.statustype".into(), "zaaktype".into()]).unwrap();
        assert_eq!(expand.0.len(), 2);
        assert_eq!(expand.0["status"].0.len(), 1);
        assert!(Expand::parse(&["zaaktype.catalogus".into()]).is_err());
        assert!(Expand::parse(&["onbekend".into()]).is_err());
    }
}
