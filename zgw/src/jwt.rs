//! ZGW client authentication: `Authorization: Bearer <JWT>` signed with HS256 and a per-client
//! shared secret (see `shared/docs/zgw.md` §3). Small enough to implement directly, which keeps
//! the crate free of a general JWT library and lets us report the reference error codes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The claims a ZGW token carries. `iss`, `iat` and `client_id` are required by the standard;
/// `user_id`/`user_representation` end up in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub iat: i64,
    pub client_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user_representation: String,
    /// Not part of the standard but common; honoured when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
}

/// Why a token was refused. `code()` gives the reference implementation's error code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("Authorization header ontbreekt of is geen Bearer-token.")]
    Missing,
    #[error("Het JWT kon niet gedecodeerd worden.")]
    Decode,
    #[error("Het JWT bevat geen client_id.")]
    MissingClientId,
    #[error("De client_id is onbekend.")]
    UnknownClient,
    #[error("De handtekening van het JWT is ongeldig.")]
    Signature,
    #[error("Het JWT is verlopen.")]
    Expired,
    #[error("Het JWT is uitgegeven in de toekomst (iat).")]
    NotYetValid,
}

impl JwtError {
    /// The machine-readable code the reference implementation (vng-api-common) answers with.
    pub fn code(&self) -> &'static str {
        match self {
            JwtError::Missing => "permission_denied",
            JwtError::Decode => "jwt-decode-error",
            JwtError::MissingClientId => "missing-client-identifier",
            JwtError::UnknownClient => "invalid-client-identifier",
            JwtError::Signature => "invalid-jwt-signature",
            JwtError::Expired => "jwt-expired",
            JwtError::NotYetValid => "jwt-immature-signature",
        }
    }
}

const HEADER_HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Signs `claims` with HS256.
pub fn sign(claims: &Claims, secret: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(HEADER_HS256);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialise"));
    let signing_input = format!("{header}.{payload}");
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// Rules for accepting a token.
#[derive(Debug, Clone, Copy)]
pub struct Validation {
    /// The current time (seconds since the epoch).
    pub now: i64,
    /// Clock skew allowed for `iat` in the future (third-party tokens often carry one).
    pub leeway_seconds: i64,
    /// Tokens whose `iat` is older than this are refused (tokens cannot be revoked).
    pub max_age_seconds: i64,
}

/// Verifies a token: decodes it without trusting it to learn `client_id`, asks `secret_for`
/// for that client's secret, then checks the HS256 signature and the time claims.
pub fn verify(
    token: &str,
    validation: Validation,
    secret_for: impl FnOnce(&str) -> Option<Vec<u8>>,
) -> Result<Claims, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Decode);
    };
    let header_json: serde_json::Value = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(JwtError::Decode)?;
    if header_json.get("alg").and_then(|alg| alg.as_str()) != Some("HS256") {
        return Err(JwtError::Decode);
    }
    let payload_json: serde_json::Value = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(JwtError::Decode)?;
    let client_id = payload_json
        .get("client_id")
        .and_then(|id| id.as_str())
        .filter(|id| !id.is_empty())
        .ok_or(JwtError::MissingClientId)?;
    let secret = secret_for(client_id).ok_or(JwtError::UnknownClient)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| JwtError::Decode)?;
    let mut mac = HmacSha256::new_from_slice(&secret).expect("HMAC accepts any key length");
    mac.update(header.as_bytes());
    mac.update(b".");
    mac.update(payload.as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| JwtError::Signature)?;
    let claims: Claims = serde_json::from_value(payload_json).map_err(|_| JwtError::Decode)?;
    if claims.iat > validation.now + validation.leeway_seconds {
        return Err(JwtError::NotYetValid);
    }
    if validation.now - claims.iat > validation.max_age_seconds + validation.leeway_seconds {
        return Err(JwtError::Expired);
    }
    if let Some(exp) = claims.exp {
        if exp + validation.leeway_seconds < validation.now {
            return Err(JwtError::Expired);
        }
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(iat: i64) -> Claims {
        Claims {
            iss: "portal".into(),
            iat,
            client_id: "portal".into(),
            user_id: "u1".into(),
            user_representation: "Test".into(),
            exp: None,
        }
    }

    const V: Validation = Validation {
        now: 1_000_000,
        leeway_seconds: 300,
        max_age_seconds: 3600,
    };

    fn secret(id: &str) -> Option<Vec<u8>> {
        (id == "portal").then(|| b"geheim".to_vec())
    }

    #[test]
    fn round_trip() {
        let token = sign(&claims(V.now), b"geheim");
        assert_eq!(verify(&token, V, secret).unwrap(), claims(V.now));
    }

    #[test]
    fn wrong_secret_is_a_signature_error() {
        let token = sign(&claims(V.now), b"anders");
        assert_eq!(verify(&token, V, secret), Err(JwtError::Signature));
    }

    #[test]
    fn unknown_client() {
        let mut c = claims(V.now);
        c.client_id = "onbekend".into();
        let token = sign(&c, b"geheim");
        assert_eq!(verify(&token, V, secret), Err(JwtError::UnknownClient));
    }

    #[test]
    fn clock_skew_is_tolerated_up_to_the_leeway() {
        let ok = sign(&claims(V.now + 200), b"geheim");
        assert!(verify(&ok, V, secret).is_ok());
        let future = sign(&claims(V.now + 400), b"geheim");
        assert_eq!(verify(&future, V, secret), Err(JwtError::NotYetValid));
    }

    #[test]
    fn old_tokens_expire() {
        let old = sign(&claims(V.now - 3600 - 301), b"geheim");
        assert_eq!(verify(&old, V, secret), Err(JwtError::Expired));
    }

    #[test]
    fn garbage_is_a_decode_error() {
        assert_eq!(verify("abc", V, secret), Err(JwtError::Decode));
        assert_eq!(verify("a.b.c", V, secret), Err(JwtError::Decode));
    }

    #[test]
    fn tampered_payload_fails_the_signature() {
        let token = sign(&claims(V.now), b"geheim");
        let mut parts: Vec<&str> = token.split('.').collect();
        let mut other = claims(V.now);
        other.user_id = "iemand-anders".into();
        let forged = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&other).unwrap());
        parts[1] = &forged;
        assert_eq!(
            verify(&parts.join("."), V, secret),
            Err(JwtError::Signature)
        );
    }
}
