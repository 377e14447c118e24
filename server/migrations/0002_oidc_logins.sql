-- DigiD logins in progress (OpenID Connect authorization code flow with PKCE): one row per
-- redirect to the broker, used once by the callback, valid for 10 minutes.
CREATE TABLE portal_oidc_logins (
    -- SHA-256 of the `state` parameter (also in the browser's loket_oidc cookie).
    state_hash TEXT PRIMARY KEY,
    code_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
