//! The case index: per zaak its current status, whether it is open, and the initiator's BSN,
//! name words and postcode — what staff search and count by but the Zaken API has no filter
//! for. Every ZGW notification about a zaak refreshes its row from the Zaken API (the source of
//! truth), so the index follows changes made anywhere; zaken from before (an existing
//! provider, or before the index) are brought in once by [`backfill`].

use serde_json::Value;
use sqlx::Row as _;

use crate::portal::cases::text;
use crate::portal::error::PortalError;
use crate::portal::Portal;

/// Most zaken one name or postcode search returns (shared with the SPA, which then asks to
/// narrow the search).
pub const MAX_RESULTS: i64 = loket_api::staff::MAX_INDEX_HITS as i64;
/// Most zaken a name search takes from the name index before sorting them (see [`by_name`]).
const MAX_CANDIDATES: i64 = 1000;

/// `1234 ab` → `1234AB`; `None` when it is not a Dutch postcode.
pub fn normalise_postcode(postcode: &str) -> Option<String> {
    let compact: String = postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (digits, letters) = compact.split_at_checked(4)?;
    (digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
        && letters.len() == 2
        && letters.chars().all(|c| c.is_ascii_uppercase()))
    .then_some(compact)
}

/// The words of a name, lower case, for prefix search.
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut tokens: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

fn initiator(zaak: &Value) -> Option<&Value> {
    zaak["_expand"]["rollen"].as_array()?.iter().find(|r| {
        r["omschrijvingGeneriek"] == "initiator" && r["betrokkeneType"] == "natuurlijk_persoon"
    })
}

/// Reads the zaak again and writes its row (or removes it when the zaak is gone). Best effort:
/// a failure is logged and the next notification about the zaak tries again.
pub async fn refresh(portal: &Portal, zaak_url: &str) {
    if let Err(error) = try_refresh(portal, zaak_url).await {
        tracing::warn!(%error, "case index not refreshed");
    }
}

async fn try_refresh(portal: &Portal, zaak_url: &str) -> Result<(), PortalError> {
    let zgw = &portal.zgw;
    if !zgw.is_zaken_url(zaak_url) {
        return Err(PortalError::BadRequest(
            "hoofdObject outside our Zaken API".into(),
        ));
    }
    let zaak = match zgw
        .get(&index_actor(), &format!("{zaak_url}?expand=rollen,status"))
        .await
    {
        Ok(zaak) => zaak,
        Err(zgw::client::ClientError::Problem { status: 404, .. }) => {
            return remove(portal, zaak_url).await;
        }
        Err(error) => return Err(error.into()),
    };
    let mut tx = portal.store.db().writer().begin().await?;
    delete(&mut tx, zaak_url).await?;
    insert(&mut tx, zaak_url, &zaak).await?;
    tx.commit().await?;
    Ok(())
}

/// Who the index is to the Zaken API (its audit trail shows this).
fn index_actor() -> zgw::client::Actor {
    zgw::client::Actor {
        user_id: "loket-index".into(),
        user_representation: "Loket (zoekindex)".into(),
    }
}

/// Adds a zaak (fetched with `expand=rollen,status`) to the index unless it is there already;
/// returns whether it was added.
async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    zaak_url: &str,
    zaak: &Value,
) -> Result<bool, PortalError> {
    let rol = initiator(zaak);
    let bsn = rol
        .map(|r| text(&r["betrokkeneIdentificatie"]["inpBsn"]))
        .unwrap_or_default();
    let mut name = rol
        .map(|r| text(&r["contactpersoonRol"]["naam"]))
        .unwrap_or_default();
    if let Some(r) = rol {
        let person = &r["betrokkeneIdentificatie"];
        name = format!(
            "{name} {} {} {}",
            text(&person["voornamen"]),
            text(&person["voorvoegselGeslachtsnaam"]),
            text(&person["geslachtsnaam"])
        );
    }
    let postcode = rol
        .and_then(|r| r["betrokkeneIdentificatie"]["verblijfsadres"]["aoaPostcode"].as_str())
        .and_then(normalise_postcode)
        .unwrap_or_default();
    let statustype = text(&zaak["_expand"]["status"]["statustype"]);
    let added = sqlx::query(
        "INSERT INTO case_index (zaak_url, identificatie, zaaktype, statustype, is_open, \
         initiator_bsn, postcode, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (zaak_url) DO NOTHING",
    )
    .bind(zaak_url)
    .bind(text(&zaak["identificatie"]))
    .bind(text(&zaak["zaaktype"]))
    .bind(statustype)
    .bind(i64::from(zaak["einddatum"].is_null()))
    .bind(bsn)
    .bind(postcode)
    .bind(chrono::Utc::now().timestamp_millis())
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if added {
        for token in name_tokens(&name) {
            sqlx::query("INSERT INTO case_index_names (token, zaak_url) VALUES ($1, $2)")
                .bind(token)
                .bind(zaak_url)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(added)
}

/// Brings the zaken the index has never heard of into it by walking the Zaken API's list of
/// all zaken, a page per transaction, remembering the next page so that a restart goes on
/// where it stopped. Zaken the notifications already brought are left as they are (those rows
/// are at least as fresh). Returns how many zaken were added; 0 once the walk has been done.
pub async fn backfill(portal: &Portal) -> Result<u64, PortalError> {
    let db = portal.store.db();
    let state = sqlx::query("SELECT next_url, indexed FROM case_index_backfill WHERE id = 1")
        .fetch_optional(db.reader())
        .await?;
    let (mut next, mut indexed) = match state {
        Some(row) => (row.try_get::<String, _>(0)?, row.try_get::<i64, _>(1)?),
        // The provider's own order: an `ordering` would make it sort every zaak for every
        // page (seconds at a million). Zaken created meanwhile come in by notification.
        None => (portal.zgw.zaken("/zaken?expand=rollen,status"), 0),
    };
    let mut added_now = 0;
    let mut pages = 0u64;
    while !next.is_empty() {
        if !portal.zgw.is_zaken_url(&next) {
            return Err(PortalError::BadRequest(format!(
                "zaken list page outside our Zaken API: {next}"
            )));
        }
        let page = portal.zgw.get(&index_actor(), &next).await?;
        let mut tx = db.writer().begin().await?;
        for zaak in page["results"].as_array().into_iter().flatten() {
            let url = text(&zaak["url"]);
            if !url.is_empty() && insert(&mut tx, &url, zaak).await? {
                added_now += 1;
                indexed += 1;
            }
        }
        next = text(&page["next"]);
        sqlx::query(
            "INSERT INTO case_index_backfill (id, next_url, indexed) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET next_url = excluded.next_url, indexed = excluded.indexed",
        )
        .bind(&next)
        .bind(indexed)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        pages += 1;
        if pages.is_multiple_of(100) {
            tracing::info!(indexed, "case index backfill under way");
        }
    }
    if added_now > 0 {
        tracing::info!(indexed, "case index backfill done");
    }
    Ok(added_now)
}

async fn remove(portal: &Portal, zaak_url: &str) -> Result<(), PortalError> {
    let mut tx = portal.store.db().writer().begin().await?;
    delete(&mut tx, zaak_url).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a zaak out of the index.
async fn delete(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    zaak_url: &str,
) -> Result<(), PortalError> {
    for table in ["case_index", "case_index_names"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE zaak_url = $1"
        ))) // table names are constants
        .bind(zaak_url)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Zaken whose initiator has a name word starting with each word of `name` ("de vr" finds
/// "Suzanne de Vries"), newest first by identificatie.
///
/// At most [`MAX_CANDIDATES`] zaken are taken from the name index before sorting: a very
/// common name (every zaak of the benchmark set is "Jan Jansen") or a one-letter prefix can
/// match a large share of a million cases, and sorting all of them took 5 s. Then the newest
/// come from those candidates; staff narrow such a search with more of the name.
pub async fn by_name(portal: &Portal, name: &str) -> Result<Vec<String>, PortalError> {
    let mut tokens = name_tokens(name);
    // The longest word narrows by index range (it matches the fewest names: "de" in "jan de
    // jong" would match a quarter of all); the others are checked per candidate.
    tokens.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let Some((first, rest)) = tokens.split_first() else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query(
        "SELECT c.zaak_url, i.identificatie FROM \
         (SELECT zaak_url FROM case_index_names WHERE token >= $1 AND token < $2 LIMIT $3) c \
         JOIN case_index i ON i.zaak_url = c.zaak_url",
    )
    .bind(first.as_str())
    .bind(format!("{first}\u{10FFFF}"))
    .bind(MAX_CANDIDATES)
    .fetch_all(portal.store.db().reader())
    .await?;
    let mut candidates: Vec<(String, String)> = rows
        .iter()
        .map(|r| Ok((r.try_get(1)?, r.try_get(0)?)))
        .collect::<Result<_, sqlx::Error>>()?;
    // Newest first; one zaak can match twice ("de" and "dekker" both start with "de").
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    candidates.dedup();
    if !rest.is_empty() {
        // The other words: every candidate's name words in one query, not one per candidate.
        let words = name_words(portal, candidates.iter().map(|(_, url)| url.as_str())).await?;
        candidates.retain(|(_, url)| {
            let words = words.get(url).map(Vec::as_slice).unwrap_or_default();
            rest.iter()
                .all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
        });
    }
    Ok(candidates
        .into_iter()
        .take(MAX_RESULTS as usize)
        .map(|(_, url)| url)
        .collect())
}

/// The name words of these zaken.
async fn name_words<'a>(
    portal: &Portal,
    zaak_urls: impl Iterator<Item = &'a str>,
) -> Result<std::collections::HashMap<String, Vec<String>>, PortalError> {
    let zaak_urls: Vec<&str> = zaak_urls.collect();
    let mut words: std::collections::HashMap<String, Vec<String>> = Default::default();
    if zaak_urls.is_empty() {
        return Ok(words);
    }
    let placeholders: Vec<String> = (1..=zaak_urls.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT zaak_url, token FROM case_index_names WHERE zaak_url IN ({})",
        placeholders.join(", ")
    );
    // Only numbered placeholders are put into the text; the URLs are bound.
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for url in &zaak_urls {
        query = query.bind(*url);
    }
    for row in query.fetch_all(portal.store.db().reader()).await? {
        words
            .entry(row.try_get(0)?)
            .or_default()
            .push(row.try_get(1)?);
    }
    Ok(words)
}

/// Zaken whose initiator lives at this (normalised) postcode, newest first.
pub async fn by_postcode(portal: &Portal, postcode: &str) -> Result<Vec<String>, PortalError> {
    let rows = sqlx::query(
        "SELECT zaak_url FROM case_index WHERE postcode = $1 \
         ORDER BY identificatie DESC LIMIT $2",
    )
    .bind(postcode)
    .bind(MAX_RESULTS)
    .fetch_all(portal.store.db().reader())
    .await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map_err(PortalError::from))
        .collect()
}

/// Open zaken of a zaaktype per current statustype URL (`''` = no status yet).
pub async fn open_by_status(
    portal: &Portal,
    zaaktype: &str,
) -> Result<Vec<(String, u64)>, PortalError> {
    let rows = sqlx::query(
        "SELECT statustype, COUNT(*) FROM case_index WHERE is_open = 1 AND zaaktype = $1 \
         GROUP BY statustype",
    )
    .bind(zaaktype)
    .fetch_all(portal.store.db().reader())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)? as u64)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_normalised_or_refused() {
        assert_eq!(normalise_postcode("1234 ab").as_deref(), Some("1234AB"));
        assert_eq!(normalise_postcode(" 3511AX ").as_deref(), Some("3511AX"));
        assert_eq!(normalise_postcode("0123AB"), None);
        assert_eq!(normalise_postcode("1234A"), None);
        assert_eq!(normalise_postcode("12345B"), None);
        assert_eq!(normalise_postcode(""), None);
    }

    #[test]
    fn names_become_lower_case_words() {
        assert_eq!(name_tokens("Suzanne de Vries"), ["de", "suzanne", "vries"]);
        assert_eq!(
            name_tokens("El-Amrani, Mohamed"),
            ["amrani", "el", "mohamed"]
        );
        assert_eq!(name_tokens("  "), Vec::<String>::new());
    }
}
