//! E-mail to residents: the text of a status e-mail, and the sender that works through the
//! outbox over SMTP (`lettre`; `smtp://host:port` plain or `?tls=required` for STARTTLS,
//! `smtps://` for TLS, credentials in the URL).
//!
//! **Once, and never blindly twice.** A sender claims a row (`pending` → `sending`, one more
//! attempt) before talking SMTP, and marks it `sent` in one update right after the server
//! accepted the message. A failed attempt is retried with exponential backoff (base
//! `retry_base`, doubling per attempt, at most an hour apart, given up after
//! [`MAX_ATTEMPTS`]) only when the message certainly was not accepted:
//! the connection or TLS handshake failed (nothing was sent yet) or the server answered a
//! temporary 4xx. A permanent 5xx marks it `failed`. Any other failure — the connection broke
//! or timed out mid-conversation — leaves the result unknown: the server may have accepted
//! the message just before the connection dropped (RFC 1047). Such a row becomes `unknown`
//! and is *not* re-sent automatically (an operator may requeue it:
//! `UPDATE notify_outbox SET state = 'pending' WHERE state = 'unknown'`); the same holds for
//! rows found `sending` at startup (the process stopped mid-send). We prefer a rare missing
//! e-mail — the case page always shows the status — over a duplicate.
//!
//! **Bursts.** At most [`MAX_PER_WINDOW`] e-mails per recipient per [`WINDOW_MS`] (10
//! minutes); further e-mails wait until the window has room. While an e-mail waits (throttled
//! or SMTP down), a newer status e-mail for the same case replaces it (`superseded`): the
//! resident gets one e-mail with the current status instead of a stream of outdated ones, and
//! the case page has the full timeline. (Open Inwoner records one notification per user,
//! case and status, and *skips* a case's e-mail when the user already had one about that case
//! within `ZGW_LIMIT_NOTIFICATIONS_FREQUENCY` — so a later status can go unmailed. We delay
//! instead of dropping, so the latest status always arrives, and also cap e-mails across
//! cases.)

use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::store::{now_ms, OutboxRow};
use super::Notify;

/// E-mails per recipient per window.
pub const MAX_PER_WINDOW: usize = 3;
/// The throttle window: 10 minutes.
pub const WINDOW_MS: i64 = 10 * 60 * 1000;
/// Attempts before an e-mail that keeps failing temporarily is given up (`failed`).
pub const MAX_ATTEMPTS: i64 = 12;
/// Longest wait between attempts.
const MAX_BACKOFF_MS: i64 = 60 * 60 * 1000;

/// What a status e-mail says.
pub struct StatusMail<'a> {
    pub municipality: &'a str,
    pub product: &'a str,
    pub status: &'a str,
    pub statustekst: &'a str,
    pub identificatie: &'a str,
    pub link: &'a str,
}

/// Subject and plain-text body: Dutch first, English below. Only what the resident needs to
/// recognise the case — no BSN, no name, no answers, no handler's notes.
pub fn status_mail(m: &StatusMail<'_>) -> (String, String) {
    let subject = format!(
        "Nieuwe status van uw zaak {} ({}) / New status of your case",
        m.identificatie, m.product
    );
    let text = if m.statustekst.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n", m.statustekst.trim())
    };
    let body = format!(
        "Beste inwoner,\n\n\
         Uw zaak {product} (zaaknummer {id}) heeft een nieuwe status.\n\n\
         Status: {status}\n{text}\n\
         Bekijk uw zaak (inloggen met DigiD):\n{link}\n\n\
         Wilt u deze e-mails niet meer ontvangen? Zet ze uit bij Mijn gegevens in het portaal.\n\n\
         Met vriendelijke groet,\n{municipality}\n\n\
         Dit is een automatisch bericht; u kunt er niet op antwoorden.\n\n\
         ----------------------------------------------------------------\n\
         (English)\n\n\
         Dear resident,\n\n\
         Your case {product} (case number {id}) has a new status.\n\n\
         Status: {status}\n{text}\n\
         View your case (log in with DigiD):\n{link}\n\n\
         To stop these e-mails, switch them off under My details in the portal.\n\n\
         Kind regards,\n{municipality}\n\n\
         This is an automatic message; replies are not read.\n",
        product = m.product,
        id = m.identificatie,
        status = m.status,
        link = m.link,
        municipality = m.municipality,
    );
    (subject, body)
}

/// What a document-request e-mail says.
pub struct DocumentRequestMail<'a> {
    pub municipality: &'a str,
    pub product: &'a str,
    pub identificatie: &'a str,
    /// The handler's words.
    pub request: &'a str,
    /// The document type asked for, if any.
    pub document_type: &'a str,
    pub link: &'a str,
}

/// Subject and plain-text body of "we need a document from you": Dutch first, English below.
/// The handler's request text is included (it is addressed to the resident); nothing else
/// about the case.
pub fn document_request_mail(m: &DocumentRequestMail<'_>) -> (String, String) {
    let subject = format!(
        "Wij hebben een document van u nodig voor zaak {} / We need a document from you",
        m.identificatie
    );
    let (type_nl, type_en) = if m.document_type.trim().is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("Soort document: {}\n", m.document_type),
            format!("Type of document: {}\n", m.document_type),
        )
    };
    let body = format!(
        "Beste inwoner,\n\n\
         Voor uw zaak {product} (zaaknummer {id}) hebben wij een document van u nodig.\n\n\
         {type_nl}{request}\n\n\
         Stuur het document via uw zaak in het portaal (inloggen met DigiD), bij \"Document toevoegen\":\n{link}\n\n\
         Met vriendelijke groet,\n{municipality}\n\n\
         Dit is een automatisch bericht; u kunt er niet op antwoorden.\n\n\
         ----------------------------------------------------------------\n\
         (English)\n\n\
         Dear resident,\n\n\
         For your case {product} (case number {id}) we need a document from you.\n\n\
         {type_en}{request}\n\n\
         Send it through your case in the portal (log in with DigiD), under \"Add a document\":\n{link}\n\n\
         Kind regards,\n{municipality}\n\n\
         This is an automatic message; replies are not read.\n",
        product = m.product,
        id = m.identificatie,
        request = m.request.trim(),
        link = m.link,
        municipality = m.municipality,
    );
    (subject, body)
}

/// Exponential backoff after `attempts` failed attempts.
pub fn backoff_ms(base: Duration, attempts: i64) -> i64 {
    let base = base.as_millis().max(1) as i64;
    let factor = 1i64 << attempts.clamp(1, 20).saturating_sub(1);
    base.saturating_mul(factor).min(MAX_BACKOFF_MS)
}

/// How an attempt ended.
enum Outcome {
    Sent,
    /// Certainly not accepted; try again later.
    Retry(String),
    /// Refused for good.
    Failed(String),
    /// May or may not have been accepted.
    Unknown(String),
}

fn classify(error: &lettre::transport::smtp::Error) -> Outcome {
    let text = error.to_string();
    if error.is_permanent() {
        Outcome::Failed(text)
    } else if error.is_transient() || error.is_tls() || text.starts_with("Connection error") {
        Outcome::Retry(text)
    } else if error.is_client() {
        Outcome::Failed(text)
    } else {
        Outcome::Unknown(text)
    }
}

pub(crate) struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Sender {
    pub(crate) fn new(smtp_url: &str, from: &str) -> Result<Sender, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("LOKET_SMTP_URL: {e}"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("LOKET_MAIL_FROM: {e}"))?;
        Ok(Sender { transport, from })
    }

    async fn send(&self, row: &OutboxRow) -> Outcome {
        let to = match row.recipient.parse::<Mailbox>() {
            Ok(to) => to,
            Err(e) => return Outcome::Failed(format!("recipient: {e}")),
        };
        let message = match Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(row.body.clone())
        {
            Ok(m) => m,
            Err(e) => return Outcome::Failed(format!("message: {e}")),
        };
        match self.transport.send(message).await {
            Ok(_) => Outcome::Sent,
            Err(e) => classify(&e),
        }
    }
}

/// One pass over the due outbox rows. Returns how many were handled.
pub(crate) async fn send_due(notify: &Notify, sender: &Sender) -> usize {
    let store = notify.store();
    let rows = match store.due_outbox(50).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::warn!(%error, "outbox: cannot read");
            return 0;
        }
    };
    let count = rows.len();
    for row in rows {
        if let Err(error) = send_one(notify, sender, &row).await {
            tracing::warn!(%error, "outbox: bookkeeping failed");
        }
    }
    count
}

async fn send_one(
    notify: &Notify,
    sender: &Sender,
    row: &OutboxRow,
) -> Result<(), crate::portal::error::PortalError> {
    let store = notify.store();
    if store.has_newer_pending(row).await? {
        store.settle_outbox(&row.id, "superseded", None).await?;
        return Ok(());
    }
    let now = now_ms();
    let recent = store.sent_since(&row.recipient, now - WINDOW_MS).await?;
    if recent.len() >= MAX_PER_WINDOW {
        let free_at = recent[recent.len() - MAX_PER_WINDOW] + WINDOW_MS + 1;
        store.postpone_outbox(&row.id, free_at).await?;
        return Ok(());
    }
    if !store.claim_outbox(&row.id).await? {
        return Ok(());
    }
    let attempts = row.attempts + 1;
    let started = std::time::Instant::now();
    match sender.send(row).await {
        Outcome::Sent => {
            store.settle_outbox(&row.id, "sent", None).await?;
            tracing::info!(
                attempts,
                ms = started.elapsed().as_millis() as u64,
                "status e-mail sent"
            );
        }
        Outcome::Retry(error) if attempts < MAX_ATTEMPTS => {
            let at = now_ms() + backoff_ms(notify.settings().retry_base, attempts);
            tracing::warn!(%error, attempts, "status e-mail not sent; will retry");
            store.retry_outbox_at(&row.id, at, &error).await?;
        }
        Outcome::Retry(error) | Outcome::Failed(error) => {
            tracing::warn!(%error, attempts, "status e-mail failed for good");
            store.settle_outbox(&row.id, "failed", Some(&error)).await?;
        }
        Outcome::Unknown(error) => {
            tracing::error!(%error, attempts, "status e-mail result unknown; not re-sent automatically");
            store
                .settle_outbox(&row.id, "unknown", Some(&error))
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff_ms(base, 1), 30_000);
        assert_eq!(backoff_ms(base, 2), 60_000);
        assert_eq!(backoff_ms(base, 3), 120_000);
        assert_eq!(backoff_ms(base, 30), MAX_BACKOFF_MS);
    }

    #[test]
    fn the_mail_has_both_languages_and_the_link() {
        let (subject, body) = status_mail(&StatusMail {
            municipality: "Gemeente Voorbeeld",
            product: "Kapvergunning",
            status: "Beoordeling",
            statustekst: "Een boomdeskundige beoordeelt uw aanvraag.",
            identificatie: "ZAAK-2026-0000000001",
            link: "https://loket.example/zaken/abc",
        });
        assert!(subject.contains("ZAAK-2026-0000000001"));
        assert!(body.contains("Status: Beoordeling"));
        assert!(body.contains("(English)"));
        assert_eq!(body.matches("https://loket.example/zaken/abc").count(), 2);
    }
}
