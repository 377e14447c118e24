//! Memory stays flat while a large document goes through the portal into the case API: the
//! upload arrives in 16 MiB requests (as the SPA sends it), is written to disk, and is sent on
//! in bestandsdelen streamed from disk. Its own test binary, so no other test's allocations
//! count towards the peak.

mod common;

use common::*;
use loket_api::upload::{CHUNK_BYTES, UPLOAD_OFFSET_HEADER};
use loket_api::{CaseDetail, Submission};
use reqwest::{Method, StatusCode};
use serde_json::json;

const MIB: u64 = 1024 * 1024;

/// A field of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} not in /proc/self/status"))
}

/// Resets the peak to the current RSS where the kernel allows (`clear_refs` 5); returns the
/// baseline in KiB.
fn peak_baseline() -> u64 {
    if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
        status_kib("VmRSS")
    } else {
        status_kib("VmHWM")
    }
}

/// Byte `i` of the test file: a PDF header, then a pattern that a misplaced chunk would break.
fn byte_at(i: u64) -> u8 {
    const HEAD: &[u8] = b"%PDF-1.7\n";
    if i < HEAD.len() as u64 {
        HEAD[i as usize]
    } else {
        (i.wrapping_mul(2_654_435_761) >> 13) as u8
    }
}

/// `[start, end)` of the file as a stream of 64 KiB pieces, generated as they are sent.
fn range_body(start: u64, end: u64) -> reqwest::Body {
    let pieces = (start..end).step_by(64 * 1024).map(move |from| {
        let to = (from + 64 * 1024).min(end);
        Ok::<_, std::io::Error>((from..to).map(byte_at).collect::<Vec<u8>>())
    });
    reqwest::Body::wrap_stream(futures::stream::iter(pieces))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_256_mib_upload_into_a_case_keeps_memory_flat() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let resident = Browser::logged_in(&server, BSN_A).await;
    let kap = product(&resident, "Kapvergunning").await;
    let type_id = kap
        .documents
        .iter()
        .find(|d| d.title == "Situatietekening")
        .unwrap()
        .id
        .clone();
    let draft = complete_draft(&resident).await;
    let (status, body) = resident.submit(&draft.id, "k").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let submission: Submission = serde_json::from_value(body).unwrap();

    let size = 256 * MIB + 3;
    let (status, body) = resident
        .send(
            Method::POST,
            "/api/uploads",
            Some(
                json!({"target": {"case": submission.case_id}, "document_type_id": type_id,
                        "file_name": "groot.pdf", "size_bytes": size}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();

    let baseline = peak_baseline();
    let mut offset = 0;
    let mut last = serde_json::Value::Null;
    while offset < size {
        let end = (offset + CHUNK_BYTES).min(size);
        let response = resident
            .http
            .patch(format!("{}/api/uploads/{id}", resident.base))
            .header("x-csrf-token", &resident.csrf)
            .header(UPLOAD_OFFSET_HEADER, offset.to_string())
            .header("content-length", (end - offset).to_string())
            .body(range_body(offset, end))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        last = response.json().await.unwrap();
        offset = end;
    }
    let growth = status_kib("VmHWM").saturating_sub(baseline) as f64 / 1024.0;
    assert_eq!(last["state"], "stored", "{last}");
    println!("256 MiB through the portal into the case: peak RSS growth {growth:.1} MiB");
    assert!(growth < 32.0, "peak RSS grew {growth:.1} MiB");

    // And it arrived whole: downloaded through the portal, byte for byte.
    let detail: CaseDetail = resident
        .get_json(&format!("/api/cases/{}", submission.case_id))
        .await;
    let document = &detail.documents[0];
    assert_eq!(document.size_bytes, size);
    let mut response = resident
        .http
        .get(format!(
            "{}/api/cases/{}/documents/{}",
            resident.base, submission.case_id, document.id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut position = 0u64;
    while let Some(chunk) = response.chunk().await.unwrap() {
        for (k, byte) in chunk.iter().enumerate() {
            assert_eq!(
                *byte,
                byte_at(position + k as u64),
                "byte {}",
                position + k as u64
            );
        }
        position += chunk.len() as u64;
    }
    assert_eq!(position, size);
}
