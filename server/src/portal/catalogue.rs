//! The product catalogue: which zaaktypen residents may request, with their forms, steps and
//! document types — read from the Catalogi API and kept in memory for a few minutes (the
//! catalogue changes rarely; every page would otherwise cost a dozen ZGW calls).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::Json;
use loket_api::{DocumentType, Field, FieldKind, Form, Product, ProductDetail};
use tokio::sync::Mutex;
use zgw::catalogi::{
    Eigenschap, Informatieobjecttype, Resultaattype, Roltype, Statustype, Zaaktype,
    ZaaktypeInformatieobjecttype,
};
use zgw::client::{Actor, ZgwClient};

use super::error::PortalError;
use super::Portal;

/// How long a loaded catalogue is used before it is read again.
const CACHE_FOR: Duration = Duration::from_secs(300);
/// Upper bound on list pages followed per catalogue list.
const MAX_PAGES: usize = 50;

/// Everything the portal needs of one zaaktype.
#[derive(Debug, Clone)]
pub struct ZaaktypeInfo {
    pub zaaktype: Zaaktype,
    pub product: Product,
    pub form: Form,
    /// In volgnummer order.
    pub statustypen: Vec<Statustype>,
    pub resultaattypen: Vec<Resultaattype>,
    /// The roltype with omschrijvingGeneriek `initiator`.
    pub initiator_roltype: Option<String>,
    /// informatieobjecttype URL → its omschrijving.
    pub documenttypen: HashMap<String, String>,
    /// Form field name (eigenschap `naam`) → eigenschap URL.
    pub eigenschap_urls: HashMap<String, String>,
    /// RSIN of the catalogue's organisation: the zaak's bronorganisatie.
    pub rsin: String,
}

impl ZaaktypeInfo {
    /// Can a resident request this now? Published, external and valid today.
    pub fn is_requestable(&self, today: &str) -> bool {
        let z = &self.zaaktype;
        !z.concept
            && z.indicatie_intern_of_extern == "extern"
            && z.begin_geldigheid.as_str() <= today
            && z.einde_geldigheid.as_deref().is_none_or(|end| end >= today)
    }
}

#[derive(Default)]
struct Loaded {
    /// zaaktype URL → info.
    by_url: HashMap<String, Arc<ZaaktypeInfo>>,
    /// The requestable products, in catalogue order (by title).
    products: Vec<Arc<ZaaktypeInfo>>,
    at: Option<Instant>,
}

/// The cached catalogue. Cloning shares the cache.
#[derive(Clone)]
pub struct Catalogue {
    loaded: Arc<Mutex<Loaded>>,
    /// The largest upload any document type accepts (`LOKET_UPLOAD_MAX_BYTES`).
    upload_max_bytes: u64,
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue::new(crate::upload::rules::DEFAULT_MAX_BYTES)
    }
}

/// The UUID at the end of a resource URL.
pub fn uuid_of(url: &str) -> &str {
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
}

/// Days in an ISO 8601 duration of days or weeks ("P56D", "P8W"); `None` for anything else
/// (months have no fixed length, and we never guess a legal deadline).
pub fn duration_days(iso: &str) -> Option<u32> {
    let rest = iso.strip_prefix('P')?;
    if let Some(days) = rest.strip_suffix('D') {
        return days.parse().ok();
    }
    rest.strip_suffix('W')?.parse::<u32>().ok().map(|w| w * 7)
}

fn portal_actor() -> Actor {
    Actor {
        user_id: "loket-portaal".into(),
        user_representation: "Loket (catalogus)".into(),
    }
}

async fn list<T: serde::de::DeserializeOwned>(
    client: &ZgwClient,
    url: &str,
) -> Result<Vec<T>, PortalError> {
    let items = client.list_all(&portal_actor(), url, MAX_PAGES).await?;
    items
        .into_iter()
        .map(|v| serde_json::from_value(v).map_err(PortalError::internal))
        .collect()
}

async fn load_zaaktype(
    client: &ZgwClient,
    zaaktype: Zaaktype,
    documenttypen: &HashMap<String, String>,
    upload_max_bytes: u64,
) -> Result<ZaaktypeInfo, PortalError> {
    let q = zgw::client::query_value(&zaaktype.url);
    let mut statustypen: Vec<Statustype> = list(
        client,
        &client.catalogi(&format!("/statustypen?zaaktype={q}")),
    )
    .await?;
    statustypen.sort_by_key(|s| s.volgnummer);
    let eigenschappen: Vec<Eigenschap> = list(
        client,
        &client.catalogi(&format!("/eigenschappen?zaaktype={q}")),
    )
    .await?;
    let roltypen: Vec<Roltype> =
        list(client, &client.catalogi(&format!("/roltypen?zaaktype={q}"))).await?;
    let resultaattypen: Vec<Resultaattype> = list(
        client,
        &client.catalogi(&format!("/resultaattypen?zaaktype={q}")),
    )
    .await?;
    let mut ziots: Vec<ZaaktypeInformatieobjecttype> = list(
        client,
        &client.catalogi(&format!("/zaaktype-informatieobjecttypen?zaaktype={q}")),
    )
    .await?;
    ziots.sort_by_key(|z| z.volgnummer);

    let form = Form {
        fields: eigenschappen
            .iter()
            .map(|e| Field {
                name: e.naam.clone(),
                label: e.definitie.clone(),
                hint: e.toelichting.clone(),
                kind: FieldKind::from_specificatie(
                    &e.specificatie.formaat,
                    &e.specificatie.lengte,
                    &e.specificatie.waardenverzameling,
                ),
                // A zaaktype's eigenschappen are the data its handling needs: all required.
                required: true,
            })
            .collect(),
    };
    let product = Product {
        id: uuid_of(&zaaktype.url).to_owned(),
        title: zaaktype.omschrijving.clone(),
        summary: zaaktype.publicatietekst.clone(),
        description: zaaktype.doel.clone(),
        action: if zaaktype.handeling_initiator.is_empty() {
            "Aanvragen".into()
        } else {
            zaaktype.handeling_initiator.clone()
        },
        handling_days: duration_days(&zaaktype.doorlooptijd),
        keywords: zaaktype.trefwoorden.clone(),
        documents: ziots
            .iter()
            .filter(|z| z.richting == "inkomend")
            .filter_map(|z| {
                documenttypen
                    .get(&z.informatieobjecttype)
                    .map(|title| DocumentType {
                        id: uuid_of(&z.informatieobjecttype).to_owned(),
                        title: title.clone(),
                        rule: crate::upload::rules::rule_for(title, upload_max_bytes),
                    })
            })
            .collect(),
    };
    let catalogus: zgw::catalogi::Catalogus =
        serde_json::from_value(client.get(&portal_actor(), &zaaktype.catalogus).await?)?;
    Ok(ZaaktypeInfo {
        eigenschap_urls: eigenschappen
            .iter()
            .map(|e| (e.naam.clone(), e.url.clone()))
            .collect(),
        rsin: catalogus.rsin,
        resultaattypen,
        initiator_roltype: roltypen
            .iter()
            .find(|r| r.omschrijving_generiek == "initiator")
            .map(|r| r.url.clone()),
        documenttypen: documenttypen.clone(),
        zaaktype,
        product,
        form,
        statustypen,
    })
}

impl Catalogue {
    /// The largest upload any document type accepts.
    pub fn upload_max_bytes(&self) -> u64 {
        self.upload_max_bytes
    }

    pub fn new(upload_max_bytes: u64) -> Catalogue {
        Catalogue {
            loaded: Arc::default(),
            upload_max_bytes,
        }
    }

    async fn ensure_loaded(
        &self,
        client: &ZgwClient,
    ) -> Result<tokio::sync::MutexGuard<'_, Loaded>, PortalError> {
        let mut loaded = self.loaded.lock().await;
        if loaded.at.is_some_and(|at| at.elapsed() < CACHE_FOR) {
            return Ok(loaded);
        }
        let documenttypen: HashMap<String, String> =
            list::<Informatieobjecttype>(client, &client.catalogi("/informatieobjecttypen"))
                .await?
                .into_iter()
                .map(|i| (i.url, i.omschrijving))
                .collect();
        let zaaktypen: Vec<Zaaktype> =
            list(client, &client.catalogi("/zaaktypen?status=definitief")).await?;
        let today = chrono::Utc::now().date_naive().to_string();
        let mut by_url = HashMap::new();
        let mut products = Vec::new();
        for zaaktype in zaaktypen {
            let info = Arc::new(
                load_zaaktype(client, zaaktype, &documenttypen, self.upload_max_bytes).await?,
            );
            if info.is_requestable(&today) {
                products.push(info.clone());
            }
            by_url.insert(info.zaaktype.url.clone(), info);
        }
        products.sort_by(|a, b| a.product.title.cmp(&b.product.title));
        *loaded = Loaded {
            by_url,
            products,
            at: Some(Instant::now()),
        };
        Ok(loaded)
    }

    /// The products residents may request now.
    pub async fn products(
        &self,
        client: &ZgwClient,
    ) -> Result<Vec<Arc<ZaaktypeInfo>>, PortalError> {
        Ok(self.ensure_loaded(client).await?.products.clone())
    }

    /// A requestable product by id (zaaktype UUID).
    pub async fn product(
        &self,
        client: &ZgwClient,
        id: &str,
    ) -> Result<Arc<ZaaktypeInfo>, PortalError> {
        self.ensure_loaded(client)
            .await?
            .products
            .iter()
            .find(|p| p.product.id == id)
            .cloned()
            .ok_or(PortalError::NotFound)
    }

    /// Any zaaktype by URL — also versions no longer requestable, for existing cases.
    pub async fn zaaktype(
        &self,
        client: &ZgwClient,
        url: &str,
    ) -> Result<Arc<ZaaktypeInfo>, PortalError> {
        let mut loaded = self.ensure_loaded(client).await?;
        if let Some(info) = loaded.by_url.get(url) {
            return Ok(info.clone());
        }
        let zaaktype: Zaaktype = serde_json::from_value(client.get(&portal_actor(), url).await?)?;
        let documenttypen = loaded
            .by_url
            .values()
            .next()
            .map(|i| i.documenttypen.clone())
            .unwrap_or_default();
        let info =
            Arc::new(load_zaaktype(client, zaaktype, &documenttypen, self.upload_max_bytes).await?);
        loaded.by_url.insert(url.to_owned(), info.clone());
        Ok(info)
    }
}

/// `GET /api/catalogue`.
pub async fn list_products(
    State(portal): State<Portal>,
) -> Result<Json<Vec<Product>>, PortalError> {
    let products = portal.catalogue.products(&portal.zgw).await?;
    Ok(Json(products.iter().map(|p| p.product.clone()).collect()))
}

/// `GET /api/catalogue/{id}`.
pub async fn product_detail(
    State(portal): State<Portal>,
    Path(id): Path<String>,
) -> Result<Json<ProductDetail>, PortalError> {
    let info = portal.catalogue.product(&portal.zgw, &id).await?;
    Ok(Json(ProductDetail {
        product: info.product.clone(),
        form: info.form.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_days() {
        assert_eq!(duration_days("P56D"), Some(56));
        assert_eq!(duration_days("P8W"), Some(56));
        assert_eq!(duration_days("P2M"), None);
        assert_eq!(duration_days("56"), None);
    }

    #[test]
    fn uuid_is_the_last_segment() {
        assert_eq!(uuid_of("http://h/zaken/api/v1/zaken/abc/"), "abc");
        assert_eq!(uuid_of("http://h/zaken/api/v1/zaken/abc"), "abc");
    }
}
