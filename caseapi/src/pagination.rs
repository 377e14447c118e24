//! Paginated list answers: `{count, next, previous, results}` with 1-based `?page=`, as the
//! ZGW lists that the OAS marks paginated. Other lists are plain arrays.

use serde_json::{json, Value};

/// Results per page (what Open Zaak uses by default).
pub const PAGE_SIZE: u64 = 100;

/// Which rows a page covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: u64,
    pub size: u64,
}

impl Page {
    pub fn new(number: Option<u64>) -> Page {
        Page {
            number: number.unwrap_or(1),
            size: PAGE_SIZE,
        }
    }

    pub fn offset(&self) -> i64 {
        ((self.number - 1) * self.size) as i64
    }

    pub fn limit(&self) -> i64 {
        self.size as i64
    }

    /// A page past the last one is a 404, as in the reference implementation (page 1 of an
    /// empty list is fine).
    pub fn exists(&self, count: u64) -> bool {
        self.number == 1 || self.offset() < count as i64
    }

    /// The paginated body. `collection_url` is the list's absolute URL and `query` the request's
    /// raw query string, whose `page` parameter is replaced for `next`/`previous`.
    pub fn body(
        &self,
        collection_url: &str,
        query: &str,
        count: u64,
        results: Vec<Value>,
    ) -> Value {
        let link = |number: u64| -> String {
            let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                .filter(|(k, _)| k != "page")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            pairs.push(("page".into(), number.to_string()));
            let encoded = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            format!("{collection_url}?{encoded}")
        };
        let has_next = self.number * self.size < count;
        json!({
            "count": count,
            "next": if has_next { Value::String(link(self.number + 1)) } else { Value::Null },
            "previous": if self.number > 1 { Value::String(link(self.number - 1)) } else { Value::Null },
            "results": results,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_filters_and_replace_page() {
        let page = Page::new(Some(2));
        let body = page.body(
            "http://h/zaken/api/v1/zaken",
            "zaaktype=x&page=2",
            250,
            vec![],
        );
        assert_eq!(body["count"], 250);
        assert_eq!(
            body["next"],
            "http://h/zaken/api/v1/zaken?zaaktype=x&page=3"
        );
        assert_eq!(
            body["previous"],
            "http://h/zaken/api/v1/zaken?zaaktype=x&page=1"
        );
        let last = Page::new(Some(3)).body("http://h/l", "", 250, vec![]);
        assert_eq!(last["next"], Value::Null);
        assert!(Page::new(Some(3)).exists(250));
        assert!(!Page::new(Some(4)).exists(250));
        assert!(Page::new(None).exists(0));
    }
}
