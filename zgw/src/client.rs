//! HTTP client for a ZGW provider (the embedded one or a municipality's Open Zaak): mints a
//! fresh HS256 token per request (tokens cannot be revoked and providers refuse old ones),
//! sends the CRS headers the Zaken API requires, and turns `application/problem+json` answers
//! into [`ClientError::Problem`] with the provider's `Fout`.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::jwt::{self, Claims};
use crate::problem::Fout;

/// Where the three APIs live and how to authenticate.
#[derive(Clone)]
pub struct ClientConfig {
    /// API roots without trailing slash, e.g. `https://openzaak.example.nl/zaken/api/v1`.
    pub catalogi_root: String,
    pub zaken_root: String,
    pub documenten_root: String,
    pub client_id: String,
    pub secret: String,
    /// Per-request timeout.
    pub timeout: Duration,
    /// `(public, internal)`: resource URLs starting with `public` are fetched from `internal`
    /// instead — for a provider in the same process or network, whose URLs name the public
    /// host name that may not resolve (or loop through a proxy) from inside.
    pub rewrite: Option<(String, String)>,
}

impl std::fmt::Debug for ClientConfig {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("catalogi_root", &self.catalogi_root)
            .field("zaken_root", &self.zaken_root)
            .field("documenten_root", &self.documenten_root)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

impl ClientConfig {
    /// The three roots under one base URL, as Open Zaak and the embedded provider mount them.
    pub fn same_host(base_url: &str, client_id: &str, secret: &str) -> ClientConfig {
        let base = base_url.trim_end_matches('/');
        ClientConfig {
            catalogi_root: format!("{base}/catalogi/api/v1"),
            zaken_root: format!("{base}/zaken/api/v1"),
            documenten_root: format!("{base}/documenten/api/v1"),
            client_id: client_id.to_owned(),
            secret: secret.to_owned(),
            timeout: Duration::from_secs(30),
            rewrite: None,
        }
    }

    /// The provider's URLs say `public_base`, but it is reached at `internal_base`.
    pub fn with_rewrite(mut self, public_base: &str, internal_base: &str) -> ClientConfig {
        let public = public_base.trim_end_matches('/');
        let internal = internal_base.trim_end_matches('/');
        if public != internal {
            self.rewrite = Some((format!("{public}/"), format!("{internal}/")));
        }
        self
    }
}

/// A value for a list filter in a query string: ZGW filters take resource URLs as values
/// (`?zaak=https://…`), which must be percent-encoded.
pub fn query_value(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The provider could not be reached or did not answer in time.
    #[error("ZGW provider unreachable: {0}")]
    Unreachable(String),
    /// The provider answered with an error status; `fout` is its problem+json body if it sent one.
    #[error("ZGW provider answered {status}")]
    Problem {
        status: u16,
        fout: Option<Box<Fout>>,
    },
    /// The answer was not the JSON we expected.
    #[error("unexpected answer from the ZGW provider: {0}")]
    Decode(String),
    #[error("ZGW client setup: {0}")]
    Setup(String),
}

impl ClientError {
    /// The HTTP status of a `Problem`.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Problem { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// The end user a call is made for; recorded in the provider's audit trail.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: String,
    pub user_representation: String,
}

#[derive(Clone)]
pub struct ZgwClient {
    http: reqwest::Client,
    config: ClientConfig,
}

impl ZgwClient {
    pub fn new(config: ClientConfig) -> Result<ZgwClient, ClientError> {
        // reqwest is built without a default crypto provider; use ring (installing twice is
        // harmless: the second attempt just reports that one is already there).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        // Required on the /zaken endpoints; providers ignore it elsewhere. Only EPSG:4326 exists.
        headers.insert("accept-crs", HeaderValue::from_static("EPSG:4326"));
        headers.insert("content-crs", HeaderValue::from_static("EPSG:4326"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(config.timeout)
            .build()
            .map_err(|e| ClientError::Setup(e.to_string()))?;
        Ok(ZgwClient { http, config })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// `{catalogi root}{path}`, e.g. `catalogi("/zaaktypen")`.
    pub fn catalogi(&self, path: &str) -> String {
        format!("{}{path}", self.config.catalogi_root)
    }

    pub fn zaken(&self, path: &str) -> String {
        format!("{}{path}", self.config.zaken_root)
    }

    pub fn documenten(&self, path: &str) -> String {
        format!("{}{path}", self.config.documenten_root)
    }

    fn token(&self, actor: &Actor) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        jwt::sign(
            &Claims {
                iss: self.config.client_id.clone(),
                iat: now,
                client_id: self.config.client_id.clone(),
                user_id: actor.user_id.clone(),
                user_representation: actor.user_representation.clone(),
                exp: None,
            },
            self.config.secret.as_bytes(),
        )
    }

    /// Sends one request; `url` is absolute (resource URLs are what ZGW hands out).
    pub async fn request(
        &self,
        actor: &Actor,
        method: Method,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Option<Value>, ClientError> {
        let mut request = self.authorized(actor, method, url);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.without_url().to_string()))?;
        Self::json_answer(response).await
    }

    /// Is `url` a resource of the configured Zaken API (the public or internal address)? A
    /// URL from outside — e.g. in a notification — must be checked before it is fetched:
    /// every request carries our credentials.
    pub fn is_zaken_url(&self, url: &str) -> bool {
        self.internal_url(url).starts_with(&format!(
            "{}/",
            self.config.zaken_root.trim_end_matches('/')
        ))
    }

    fn internal_url(&self, url: &str) -> String {
        match &self.config.rewrite {
            Some((public, internal)) if url.starts_with(public.as_str()) => {
                format!("{internal}{}", &url[public.len()..])
            }
            _ => url.to_owned(),
        }
    }

    /// A request to `url` (rewritten to the internal base when configured) with a fresh token.
    fn authorized(&self, actor: &Actor, method: Method, url: &str) -> reqwest::RequestBuilder {
        let url = self.internal_url(url);
        self.http
            .request(method, &url)
            .header(AUTHORIZATION, format!("Bearer {}", self.token(actor)))
    }

    /// A `multipart/form-data` PUT (a bestandsdeel of the large-file flow) whose parts may be
    /// streams; `timeout` replaces the client's per-request timeout (a 100 MiB part over a slow
    /// link takes longer than a JSON call).
    pub async fn put_multipart(
        &self,
        actor: &Actor,
        url: &str,
        form: reqwest::multipart::Form,
        timeout: Duration,
    ) -> Result<Option<Value>, ClientError> {
        let response = self
            .authorized(actor, Method::PUT, url)
            .multipart(form)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.without_url().to_string()))?;
        Self::json_answer(response).await
    }

    /// A GET whose successful answer is returned unread, for streaming a file through
    /// (`/download`); errors are decoded as usual. `timeout` covers the whole transfer.
    pub async fn get_stream(
        &self,
        actor: &Actor,
        url: &str,
        timeout: Duration,
    ) -> Result<reqwest::Response, ClientError> {
        let response = self
            .authorized(actor, Method::GET, url)
            .header(ACCEPT, "*/*")
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| ClientError::Unreachable(e.without_url().to_string()))?;
        if response.status().is_success() {
            return Ok(response);
        }
        Self::json_answer(response).await?;
        Err(ClientError::Decode("unexpected answer".into()))
    }

    /// Reads a JSON answer: problem+json → [`ClientError::Problem`], 204/empty → `None`.
    async fn json_answer(response: reqwest::Response) -> Result<Option<Value>, ClientError> {
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable(e.without_url().to_string()))?;
        if !status.is_success() {
            let fout = serde_json::from_slice::<Fout>(&bytes).ok().map(Box::new);
            return Err(ClientError::Problem {
                status: status.as_u16(),
                fout,
            });
        }
        if status == StatusCode::NO_CONTENT || bytes.is_empty() {
            return Ok(None);
        }
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| ClientError::Decode(e.to_string()))
    }

    pub async fn get(&self, actor: &Actor, url: &str) -> Result<Value, ClientError> {
        self.request(actor, Method::GET, url, None)
            .await?
            .ok_or_else(|| ClientError::Decode("empty body".into()))
    }

    pub async fn post(&self, actor: &Actor, url: &str, body: &Value) -> Result<Value, ClientError> {
        self.request(actor, Method::POST, url, Some(body))
            .await?
            .ok_or_else(|| ClientError::Decode("empty body".into()))
    }

    pub async fn patch(
        &self,
        actor: &Actor,
        url: &str,
        body: &Value,
    ) -> Result<Value, ClientError> {
        self.request(actor, Method::PATCH, url, Some(body))
            .await?
            .ok_or_else(|| ClientError::Decode("empty body".into()))
    }

    pub async fn delete(&self, actor: &Actor, url: &str) -> Result<(), ClientError> {
        self.request(actor, Method::DELETE, url, None)
            .await
            .map(|_| ())
    }

    /// All results of a paginated list, following `next` links (bounded by `max_pages` so a
    /// misbehaving provider cannot make us loop forever).
    pub async fn list_all(
        &self,
        actor: &Actor,
        url: &str,
        max_pages: usize,
    ) -> Result<Vec<Value>, ClientError> {
        let mut results = Vec::new();
        let mut next = Some(url.to_owned());
        let mut pages = 0;
        while let Some(page_url) = next.take() {
            pages += 1;
            if pages > max_pages {
                return Err(ClientError::Decode(format!("more than {max_pages} pages")));
            }
            let page = self.get(actor, &page_url).await?;
            match page {
                Value::Array(items) => {
                    results.extend(items);
                }
                Value::Object(mut map) => {
                    if let Some(Value::Array(items)) = map.remove("results") {
                        results.extend(items);
                    }
                    next = map
                        .remove("next")
                        .and_then(|n| n.as_str().map(str::to_owned));
                }
                _ => return Err(ClientError::Decode("list is neither array nor page".into())),
            }
        }
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_zaken_urls_are_ours() {
        let client = ZgwClient::new(
            ClientConfig::same_host("http://127.0.0.1:8080", "c", "s")
                .with_rewrite("https://loket.example.nl", "http://127.0.0.1:8080"),
        )
        .unwrap();
        assert!(client.is_zaken_url("http://127.0.0.1:8080/zaken/api/v1/zaken/1"));
        assert!(client.is_zaken_url("https://loket.example.nl/zaken/api/v1/statussen/2"));
        assert!(!client.is_zaken_url("https://evil.example/zaken/api/v1/zaken/1"));
        assert!(!client.is_zaken_url("http://127.0.0.1:8080/zaken/api/v1evil/x"));
        assert!(!client.is_zaken_url("https://loket.example.nl.evil.example/zaken/api/v1/zaken/1"));
        assert!(!client.is_zaken_url("http://127.0.0.1:8080/documenten/api/v1/x"));
    }
}
