//! Resource URLs. ZGW identifies resources by absolute URL; this module builds them from the
//! configured base URL and recognises URLs that point at this provider.

use uuid::Uuid;

/// The component APIs this provider serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    Catalogi,
    Zaken,
    Documenten,
}

impl Api {
    /// The API root path, as Open Zaak mounts it.
    pub fn root(self) -> &'static str {
        match self {
            Api::Catalogi => "/catalogi/api/v1",
            Api::Zaken => "/zaken/api/v1",
            Api::Documenten => "/documenten/api/v1",
        }
    }

    /// The version answered in the `API-version` header.
    pub fn version(self) -> &'static str {
        match self {
            Api::Catalogi => "1.3.1",
            Api::Zaken => "1.5.1",
            Api::Documenten => "1.4.3",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Urls {
    base: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        Urls {
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `{base}{root}` of an API.
    pub fn api_root(&self, api: Api) -> String {
        format!("{}{}", self.base, api.root())
    }

    /// URL of a collection, e.g. `…/zaken/api/v1/statussen`.
    pub fn collection(&self, api: Api, collection: &str) -> String {
        format!("{}{}/{}", self.base, api.root(), collection)
    }

    /// URL of one resource, e.g. `…/zaken/api/v1/zaken/{uuid}`.
    pub fn resource(&self, api: Api, collection: &str, uuid: Uuid) -> String {
        format!("{}{}/{}/{}", self.base, api.root(), collection, uuid)
    }

    /// The uuid of a URL that points at a resource of `collection` in this provider's `api`, or
    /// `None` if the URL is not such a local resource URL.
    pub fn parse(&self, url: &str, api: Api, collection: &str) -> Option<Uuid> {
        let rest = url.strip_prefix(&self.base)?.strip_prefix(api.root())?;
        let rest = rest.strip_prefix('/')?.strip_prefix(collection)?;
        let uuid = rest.strip_prefix('/')?.trim_end_matches('/');
        Uuid::parse_str(uuid).ok()
    }

    /// True if the URL points into this provider (any API).
    pub fn is_local(&self, url: &str) -> bool {
        url.strip_prefix(&self.base)
            .is_some_and(|rest| rest.starts_with('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_parses_local_urls() {
        let urls = Urls::new("http://localhost:8080/");
        let id = Uuid::new_v4();
        let url = urls.resource(Api::Zaken, "zaken", id);
        assert_eq!(
            url,
            format!("http://localhost:8080/zaken/api/v1/zaken/{id}")
        );
        assert_eq!(urls.parse(&url, Api::Zaken, "zaken"), Some(id));
        assert_eq!(urls.parse(&url, Api::Zaken, "statussen"), None);
        assert_eq!(urls.parse(&url, Api::Catalogi, "zaken"), None);
        assert_eq!(
            urls.parse(
                &format!("http://elders.nl/zaken/api/v1/zaken/{id}"),
                Api::Zaken,
                "zaken"
            ),
            None
        );
        assert_eq!(
            urls.parse(
                "http://localhost:8080/zaken/api/v1/zaken/xyz",
                Api::Zaken,
                "zaken"
            ),
            None
        );
        assert!(urls.is_local(&url));
        assert!(!urls.is_local("http://localhost:80801/x"));
    }
}
