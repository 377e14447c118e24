//! Processing a stored notification: for a new status of a zaak, find the resident (the
//! initiator rol), tell their open pages (live event) and, when the statustype says the
//! resident is to be informed, queue one e-mail.

use serde_json::Value;
use zgw::client::Actor;

use super::mail::{status_mail, StatusMail};
use super::receiver::Notificatie;
use super::store::NewMail;
use crate::portal::catalogue::uuid_of;
use crate::portal::error::PortalError;
use crate::portal::session::resident_pseudonym;
use crate::portal::Portal;

fn actor() -> Actor {
    Actor {
        user_id: "loket-portaal".into(),
        user_representation: "Loket (notificaties)".into(),
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// The resident behind a zaak: BSN and e-mail address of the natural-person initiator.
fn initiator(rollen: &[Value]) -> Option<(String, String)> {
    rollen
        .iter()
        .filter(|r| r["omschrijvingGeneriek"] == "initiator")
        .filter(|r| r["betrokkeneType"] == "natuurlijk_persoon")
        .find_map(|r| {
            let bsn = text(&r["betrokkeneIdentificatie"]["inpBsn"]);
            (!bsn.is_empty()).then(|| (bsn, text(&r["contactpersoonRol"]["emailadres"])))
        })
}

/// Queues the e-mail that asks the resident for a document (a behandelaar's request on the
/// case), unless they switched e-mail off or left no address. The zaak was read with
/// `expand=rollen`. Returns whether an e-mail was queued.
pub async fn queue_document_request(
    portal: &Portal,
    zaak: &Value,
    task_id: &str,
    request: &str,
    document_type: &str,
) -> Result<bool, PortalError> {
    let rollen = zaak["_expand"]["rollen"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let Some((bsn, email)) = initiator(&rollen) else {
        return Ok(false);
    };
    let resident = resident_pseudonym(&portal.pseudonym_salt, &bsn);
    let recipient = email.trim().to_lowercase();
    if recipient.is_empty() || !portal.notify.store().email_wanted(&resident).await? {
        return Ok(false);
    }
    let zaak_url = text(&zaak["url"]);
    let info = portal
        .catalogue
        .zaaktype(&portal.zgw, &text(&zaak["zaaktype"]))
        .await?;
    let link = format!(
        "{}/zaken/{}",
        portal.notify.settings().public_url,
        uuid_of(&zaak_url)
    );
    let (subject, body) = super::mail::document_request_mail(&super::mail::DocumentRequestMail {
        municipality: &portal.municipality,
        product: &info.product.title,
        identificatie: &text(&zaak["identificatie"]),
        request,
        document_type,
        link: &link,
    });
    let key = format!("document-request:{task_id}|{recipient}");
    let queued = portal
        .notify
        .store()
        .insert_outbox(&NewMail {
            dedupe_key: &key,
            recipient: &recipient,
            zaak_url: &format!("{zaak_url}#document-request:{task_id}"),
            subject: &subject,
            body: &body,
        })
        .await?;
    portal.notify.wake_sender();
    Ok(queued)
}

/// Processes one notification; the answer is the outcome recorded on the inbox row. An
/// `Err` means "try again later" (the case API could not be reached).
pub async fn process(portal: &Portal, n: &Notificatie) -> Result<String, PortalError> {
    // Any change of a zaak: staff's search and counts follow it.
    if n.kanaal == "zaken" {
        crate::staff::index::refresh(portal, &n.hoofd_object).await;
    }
    if n.kanaal != "zaken" || n.resource != "status" || n.actie != "create" {
        return Ok("ignored".into());
    }
    let zgw = &portal.zgw;
    // Our credentials go with every request: only fetch what is ours.
    if !zgw.is_zaken_url(&n.resource_url) {
        return Ok("ignored (not our Zaken API)".into());
    }
    let status = match zgw.get(&actor(), &n.resource_url).await {
        Ok(s) => s,
        Err(zgw::client::ClientError::Problem { status: 404, .. }) => {
            return Ok("status not found".into())
        }
        Err(e) => return Err(e.into()),
    };
    let zaak_url = text(&status["zaak"]);
    let zaak = match zgw
        .get(&actor(), &format!("{zaak_url}?expand=rollen"))
        .await
    {
        Ok(z) => z,
        Err(zgw::client::ClientError::Problem { status: 404, .. }) => {
            return Ok("zaak not found".into())
        }
        Err(e) => return Err(e.into()),
    };
    let rollen = match zaak["_expand"]["rollen"].as_array() {
        Some(rollen) => rollen.clone(),
        // A provider without expand: list them.
        None => {
            let q = zgw::client::query_value(&zaak_url);
            zgw.list_all(&actor(), &zgw.zaken(&format!("/rollen?zaak={q}")), 10)
                .await?
        }
    };
    let Some((bsn, email)) = initiator(&rollen) else {
        return Ok("no resident initiator".into());
    };
    let info = portal
        .catalogue
        .zaaktype(zgw, &text(&zaak["zaaktype"]))
        .await?;
    let statustype_url = text(&status["statustype"]);
    let (omschrijving, statustekst, informeren) =
        match info.statustypen.iter().find(|t| t.url == statustype_url) {
            Some(t) => (t.omschrijving.clone(), t.statustekst.clone(), t.informeren),
            None => {
                let t = zgw.get(&actor(), &statustype_url).await?;
                (
                    text(&t["omschrijving"]),
                    text(&t["statustekst"]),
                    t["informeren"].as_bool().unwrap_or(false),
                )
            }
        };
    let case_id = uuid_of(&zaak_url).to_owned();
    let resident = resident_pseudonym(&portal.pseudonym_salt, &bsn);
    portal.notify.hub().publish(&resident, &case_id);

    if !informeren && statustekst.trim().is_empty() {
        return Ok("live only (statustype does not inform)".into());
    }
    if !portal.notify.store().email_wanted(&resident).await? {
        return Ok("live only (e-mail switched off)".into());
    }
    let email = email.trim();
    if email.is_empty() {
        return Ok("live only (no e-mail address)".into());
    }
    let link = format!("{}/zaken/{case_id}", portal.notify.settings().public_url);
    let (subject, body) = status_mail(&StatusMail {
        municipality: &portal.municipality,
        product: &info.product.title,
        status: &omschrijving,
        statustekst: &statustekst,
        identificatie: &text(&zaak["identificatie"]),
        link: &link,
    });
    // One e-mail per status and recipient, whichever way (and however often) it was notified.
    let recipient = email.to_lowercase();
    let dedupe_key = format!("{}|{recipient}", n.resource_url);
    let queued = portal
        .notify
        .store()
        .insert_outbox(&NewMail {
            dedupe_key: &dedupe_key,
            recipient: &recipient,
            zaak_url: &zaak_url,
            subject: &subject,
            body: &body,
        })
        .await?;
    portal.notify.wake_sender();
    Ok(if queued {
        "mail queued".into()
    } else {
        "mail queued before".into()
    })
}
