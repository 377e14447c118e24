//! Behaviour every component API shares: authentication, OAS documents, API-version,
//! problem+json for unknown paths.

mod common;

use axum::http::{Method, StatusCode};
use common::{token_for, TestApi, CLIENT_ID};

both_backends!(serves_openapi_documents_with_api_version, |api| {
    for (root, version) in [
        ("/catalogi/api/v1", "1.3.1"),
        ("/zaken/api/v1", "1.5.1"),
        ("/documenten/api/v1", "1.4.3"),
    ] {
        let reply = api.get(&format!("{root}/openapi.yaml")).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.headers["api-version"], version);
        assert!(String::from_utf8_lossy(&reply.bytes).starts_with("openapi: 3"));
        let reply = api.get(&format!("{root}/openapi.json")).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.json["info"]["version"], version);
    }
});

both_backends!(unknown_paths_are_problem_json_404, |api| {
    let reply = api.get("/zaken/api/v1/bestaat-niet").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.headers["content-type"], "application/problem+json");
    assert_eq!(reply.json["code"], "not_found");
    assert!(reply.json["instance"]
        .as_str()
        .unwrap()
        .starts_with("urn:uuid:"));
});

/// Token failures answer 403 with the reference error codes. Probed on a real endpoint of
/// each API (the zaaktypen list needs auth like every other).
#[tokio::test]
async fn bad_tokens_are_refused_with_reference_codes() {
    let api = TestApi::sqlite().await;
    let path = "/catalogi/api/v1/zaaktypen";
    let cases = [
        (None, "permission_denied"),
        (Some("Bearer nonsense".to_owned()), "jwt-decode-error"),
        (
            Some(format!("Bearer {}", token_for("onbekend", "x"))),
            "invalid-client-identifier",
        ),
        (
            Some(format!(
                "Bearer {}",
                token_for(CLIENT_ID, "verkeerd-geheim")
            )),
            "invalid-jwt-signature",
        ),
    ];
    for (authorization, code) in cases {
        let headers: Vec<(&str, String)> = authorization
            .map(|a| vec![("authorization", a)])
            .unwrap_or_default();
        let reply = api.raw(Method::GET, path, None, &headers).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{code}");
        assert_eq!(reply.json["code"], code);
        assert_eq!(reply.headers["content-type"], "application/problem+json");
    }
}

both_backends!(
    a_body_that_is_not_json_is_a_400_with_invalid_params,
    |api| {
        let reply = api
            .raw(
                Method::POST,
                "/catalogi/api/v1/catalogussen",
                Some(b"{niet json".to_vec()),
                &[
                    ("authorization", format!("Bearer {}", api.token())),
                    ("content-type", "application/json".to_owned()),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.json["code"], "parse_error");
        assert_eq!(reply.json["invalidParams"], serde_json::json!([]));
        let not_found = api.get("/zaken/api/v1/bestaat-niet").await;
        assert!(not_found.json.get("invalidParams").is_none());
    }
);
