//! Document uploads: the endpoints' bodies, which kinds of file Loket accepts and how it
//! recognises them by content, and the checks the SPA runs before sending a byte and the
//! server runs again on what actually arrives.
//!
//! The flow (resumable, tus-like):
//! 1. `POST /api/uploads` ([`NewUpload`]) → 201 [`Upload`] (`received_bytes` 0): name, size and
//!    document type are checked before any content is sent.
//! 2. `PATCH /api/uploads/{id}` with header [`UPLOAD_OFFSET_HEADER`] = `received_bytes` and the
//!    next bytes as the body (any length up to what is left) → 200 [`Upload`]. The first bytes
//!    are checked by content ([`FileKind::sniff`]). When the last byte arrives the file is
//!    virus-scanned and, for a case, stored in it; the answer then has state `received` or
//!    `stored`. An offset that is not `received_bytes` → 409 `conflict`: `GET` and go on from
//!    there. That is also how an interrupted upload resumes.
//! 3. `GET /api/uploads/{id}` → [`Upload`]; `DELETE /api/uploads/{id}` → 204 (cancel; not once
//!    it is stored in the case).
//!
//! Uploads for a draft are held by the portal and become documents of the zaak when the request
//! is submitted; `GET /api/drafts/{id}/uploads` lists them.

use serde::{Deserialize, Serialize};

use crate::validate::{FieldError, FieldErrorCode};

/// Header with the byte offset a `PATCH /api/uploads/{id}` body starts at.
pub const UPLOAD_OFFSET_HEADER: &str = "upload-offset";
/// Bytes needed to recognise every [`FileKind`].
pub const SNIFF_BYTES: usize = 16;
/// How much the SPA sends per `PATCH` request: small enough that an interruption loses little
/// and progress is smooth; large enough that a 1 GiB file needs only 64 requests.
pub const CHUNK_BYTES: u64 = 16 * 1024 * 1024;
/// Longest file name kept (in characters, extension included).
pub const MAX_FILE_NAME_CHARS: usize = 100;

/// A kind of file Loket accepts, recognised by its first bytes (never by name or declared type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    /// HEIC/HEIF: what iPhones take photos in.
    Heic,
    Webp,
    Tiff,
    /// Word/Excel (OOXML) or OpenDocument: a ZIP container with an office extension.
    Office,
}

/// Every kind, in the order the SPA lists them.
pub const ALL_KINDS: [FileKind; 7] = [
    FileKind::Pdf,
    FileKind::Jpeg,
    FileKind::Png,
    FileKind::Heic,
    FileKind::Webp,
    FileKind::Tiff,
    FileKind::Office,
];

const OFFICE_EXTENSIONS: &[&str] = &["docx", "xlsx", "pptx", "odt", "ods", "odp"];

impl FileKind {
    /// Recognises a file by its first bytes ([`SNIFF_BYTES`] suffice; fewer may not).
    /// `Office` is only a ZIP signature here; [`FileKind::of_file`] also demands an office
    /// extension, so an arbitrary archive is not accepted as a document.
    pub fn sniff(head: &[u8]) -> Option<FileKind> {
        let starts = |magic: &[u8]| head.starts_with(magic);
        if starts(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if starts(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if starts(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileKind::Png)
        } else if head.len() >= 12 && &head[4..8] == b"ftyp" && is_heif_brand(&head[8..12]) {
            Some(FileKind::Heic)
        } else if head.len() >= 12 && starts(b"RIFF") && &head[8..12] == b"WEBP" {
            Some(FileKind::Webp)
        } else if starts(b"II*\0") || starts(b"MM\0*") {
            Some(FileKind::Tiff)
        } else if starts(b"PK\x03\x04") {
            Some(FileKind::Office)
        } else {
            None
        }
    }

    /// The kind of a file from its first bytes and its name, or `None` when it is not one
    /// Loket accepts.
    pub fn of_file(head: &[u8], file_name: &str) -> Option<FileKind> {
        match FileKind::sniff(head)? {
            FileKind::Office if !OFFICE_EXTENSIONS.contains(&extension(file_name).as_str()) => None,
            kind => Some(kind),
        }
    }

    /// The media type stored with the document (`formaat`) and sent on download.
    pub fn media_type(self, file_name: &str) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Heic => "image/heic",
            FileKind::Webp => "image/webp",
            FileKind::Tiff => "image/tiff",
            FileKind::Office => match extension(file_name).as_str() {
                "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "pptx" => {
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                }
                "odt" => "application/vnd.oasis.opendocument.text",
                "ods" => "application/vnd.oasis.opendocument.spreadsheet",
                "odp" => "application/vnd.oasis.opendocument.presentation",
                _ => "application/octet-stream",
            },
        }
    }

    /// For the file picker's `accept` attribute (media types and extensions; phones offer the
    /// camera when images are accepted).
    pub fn accept(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf,.pdf",
            FileKind::Jpeg => "image/jpeg,.jpg,.jpeg",
            FileKind::Png => "image/png,.png",
            FileKind::Heic => "image/heic,image/heif,.heic,.heif",
            FileKind::Webp => "image/webp,.webp",
            FileKind::Tiff => "image/tiff,.tif,.tiff",
            FileKind::Office => ".docx,.xlsx,.pptx,.odt,.ods,.odp",
        }
    }

    /// How residents know the kind ("PDF", "JPG", …), for "Toegestaan: PDF, JPG".
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Jpeg => "JPG",
            FileKind::Png => "PNG",
            FileKind::Heic => "HEIC",
            FileKind::Webp => "WebP",
            FileKind::Tiff => "TIFF",
            FileKind::Office => "Word/Excel/OpenDocument",
        }
    }
}

fn is_heif_brand(brand: &[u8]) -> bool {
    matches!(
        brand,
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"
    )
}

/// The lower-case extension of a file name ("" when none).
pub fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// A file name safe to store, show and send in a `Content-Disposition`: no directories, no
/// control or reserved characters, no leading dots, at most [`MAX_FILE_NAME_CHARS`] characters
/// (the extension kept). Never empty.
pub fn sanitise_file_name(name: &str) -> String {
    // Browsers send a bare name, but some old ones send a whole path (`C:\Users\…\scan.pdf`).
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut clean: String = base
        .chars()
        .map(|c| match c {
            c if c.is_control() => '_',
            '<' | '>' | ':' | '"' | '|' | '?' | '*' | ';' | '%' => '_',
            c => c,
        })
        .collect();
    clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = clean
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let mut clean = clean.to_owned();
    if clean.chars().count() > MAX_FILE_NAME_CHARS {
        let ext = extension(&clean);
        let keep = MAX_FILE_NAME_CHARS.saturating_sub(ext.chars().count() + 1);
        let stem: String = clean.chars().take(keep).collect();
        clean = if ext.is_empty() || ext.chars().count() > 10 {
            clean.chars().take(MAX_FILE_NAME_CHARS).collect()
        } else {
            format!("{}.{ext}", stem.trim_end())
        };
    }
    if clean.is_empty() {
        "document".into()
    } else {
        clean
    }
}

/// What a document type accepts (the portal's rules per informatieobjecttype).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRule {
    /// Largest accepted file in bytes.
    pub max_bytes: u64,
    /// Accepted kinds, never empty.
    pub kinds: Vec<FileKind>,
}

impl UploadRule {
    /// The `accept` attribute for a file input.
    pub fn accept(&self) -> String {
        self.kinds
            .iter()
            .map(|k| k.accept())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Checks what is known before the upload starts: name and size. `field` names the input
    /// the error belongs to.
    pub fn check_announced(&self, field: &str, file_name: &str, size: u64) -> Option<FieldError> {
        let code = if file_name.trim().is_empty() {
            FieldErrorCode::Required
        } else if size == 0 {
            FieldErrorCode::FileEmpty
        } else if size > self.max_bytes {
            FieldErrorCode::FileTooLarge
        } else {
            return None;
        };
        Some(FieldError::new(field, code))
    }

    /// Checks the first bytes ([`SNIFF_BYTES`], or the whole file when smaller) against the
    /// accepted kinds.
    pub fn check_content(
        &self,
        field: &str,
        head: &[u8],
        file_name: &str,
    ) -> Result<FileKind, FieldError> {
        match FileKind::of_file(head, file_name) {
            Some(kind) if self.kinds.contains(&kind) => Ok(kind),
            _ => Err(FieldError::new(field, FieldErrorCode::FileTypeNotAllowed)),
        }
    }
}

/// "50 MB", "2 GB", "900 kB" (decimal units, as phones and operating systems show sizes).
pub fn display_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1_000)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let whole = bytes / size;
            let tenth = (bytes % size) * 10 / size;
            return if whole < 10 && tenth > 0 {
                format!("{whole},{tenth} {unit}")
            } else {
                format!("{whole} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// Where an upload goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadTarget {
    /// A request being filled in (its id): the file is sent with the request.
    Draft(String),
    /// An open case of the resident (its id): the file is added to it.
    Case(String),
}

/// `POST /api/uploads`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUpload {
    pub target: UploadTarget,
    /// The informatieobjecttype's UUID (one of the product's [`crate::DocumentType`]s).
    pub document_type_id: String,
    /// As the browser gives it; sanitised by the server.
    pub file_name: String,
    pub size_bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadState {
    /// Bytes are still expected (`received_bytes` < `size_bytes`).
    Receiving,
    /// Complete and checked; held by the portal until it is stored in the case (a draft's
    /// uploads wait for the submit; a case's go on at once and are retried if the case
    /// system is down).
    Received,
    /// A document of the case.
    Stored,
}

/// An upload as the portal tracks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    pub id: String,
    /// Sanitised.
    pub file_name: String,
    pub document_type_id: String,
    pub document_type_title: String,
    pub size_bytes: u64,
    pub received_bytes: u64,
    pub state: UploadState,
    /// RFC 3339.
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_every_kind_by_its_magic_bytes() {
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n%\xe2\xe3"), Some(FileKind::Pdf));
        assert_eq!(
            FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(
            FileKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(FileKind::Png)
        );
        assert_eq!(
            FileKind::sniff(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Some(FileKind::Heic)
        );
        assert_eq!(
            FileKind::sniff(b"RIFF\x24\0\0\0WEBPVP8 "),
            Some(FileKind::Webp)
        );
        assert_eq!(FileKind::sniff(b"II*\0\x08\0\0\0"), Some(FileKind::Tiff));
        assert_eq!(FileKind::sniff(b"MM\0*\0\0\0\x08"), Some(FileKind::Tiff));
        assert_eq!(FileKind::sniff(b"PK\x03\x04\x14\0"), Some(FileKind::Office));
    }

    #[test]
    fn refuses_what_it_does_not_recognise() {
        assert_eq!(FileKind::sniff(b""), None);
        assert_eq!(FileKind::sniff(b"MZ\x90\0"), None, "Windows executable");
        assert_eq!(
            FileKind::sniff(b"\x7fELF\x02\x01"),
            None,
            "Linux executable"
        );
        assert_eq!(FileKind::sniff(b"<html><script>"), None);
        assert_eq!(FileKind::sniff(b"%PD"), None, "too short to be a PDF");
        assert_eq!(FileKind::sniff(b"\0\0\0\x18ftypmp42"), None, "a video");
        assert_eq!(FileKind::sniff(b"RIFF\x24\0\0\0WAVEfmt "), None, "audio");
    }

    #[test]
    fn a_zip_is_only_a_document_with_an_office_extension() {
        let zip = b"PK\x03\x04\x14\0\x06\0";
        assert_eq!(
            FileKind::of_file(zip, "Verklaring.DOCX"),
            Some(FileKind::Office)
        );
        assert_eq!(FileKind::of_file(zip, "plan.odt"), Some(FileKind::Office));
        assert_eq!(FileKind::of_file(zip, "bijlagen.zip"), None);
        assert_eq!(FileKind::of_file(zip, "setup.exe"), None);
    }

    #[test]
    fn the_name_never_decides_the_kind() {
        // An executable named like a PDF is refused; a PDF named .jpg is a PDF.
        let rule = UploadRule {
            max_bytes: 1000,
            kinds: vec![FileKind::Pdf],
        };
        assert_eq!(
            rule.check_content("f", b"MZ\x90\0\x03\0\0\0", "scan.pdf"),
            Err(FieldError::new("f", FieldErrorCode::FileTypeNotAllowed))
        );
        assert_eq!(
            rule.check_content("f", b"%PDF-1.4\n", "foto.jpg"),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            rule.check_content("f", b"\xFF\xD8\xFF\xE0", "foto.jpg"),
            Err(FieldError::new("f", FieldErrorCode::FileTypeNotAllowed)),
            "a JPEG where only PDF is allowed"
        );
    }

    #[test]
    fn announced_size_and_name_are_checked() {
        let rule = UploadRule {
            max_bytes: 1000,
            kinds: ALL_KINDS.to_vec(),
        };
        assert_eq!(rule.check_announced("f", "a.pdf", 1000), None);
        assert_eq!(
            rule.check_announced("f", "a.pdf", 1001),
            Some(FieldError::new("f", FieldErrorCode::FileTooLarge))
        );
        assert_eq!(
            rule.check_announced("f", "a.pdf", 0),
            Some(FieldError::new("f", FieldErrorCode::FileEmpty))
        );
        assert_eq!(
            rule.check_announced("f", " ", 10),
            Some(FieldError::new("f", FieldErrorCode::Required))
        );
    }

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(sanitise_file_name("scan.pdf"), "scan.pdf");
        assert_eq!(sanitise_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            sanitise_file_name("C:\\Users\\Jan\\Mijn scan.pdf"),
            "Mijn scan.pdf"
        );
        assert_eq!(sanitise_file_name("..hidden.pdf"), "hidden.pdf");
        assert_eq!(
            sanitise_file_name("a\"b<c>d\r\ne;f%g.pdf"),
            "a_b_c_d__e_f_g.pdf"
        );
        assert_eq!(
            sanitise_file_name("  veel    ruimte .pdf "),
            "veel ruimte .pdf"
        );
        assert_eq!(sanitise_file_name(""), "document");
        assert_eq!(sanitise_file_name("..."), "document");
        assert_eq!(sanitise_file_name("foto 📷 été.jpg"), "foto 📷 été.jpg");
        let long = format!("{}.pdf", "x".repeat(300));
        let clean = sanitise_file_name(&long);
        assert_eq!(clean.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(clean.ends_with(".pdf"));
    }

    #[test]
    fn sizes_are_shown_in_decimal_units() {
        assert_eq!(display_size(512), "512 bytes");
        assert_eq!(display_size(900_000), "900 kB");
        assert_eq!(display_size(1_500_000), "1,5 MB");
        assert_eq!(display_size(50_000_000), "50 MB");
        assert_eq!(display_size(2_000_000_000), "2 GB");
        assert_eq!(display_size(1_073_741_824), "1 GB");
    }

    #[test]
    fn targets_and_states_have_stable_json() {
        let body = NewUpload {
            target: UploadTarget::Case("c1".into()),
            document_type_id: "t".into(),
            file_name: "a.pdf".into(),
            size_bytes: 3,
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["target"], serde_json::json!({"case": "c1"}));
        assert_eq!(
            serde_json::to_value(UploadState::Received).unwrap(),
            serde_json::json!("received")
        );
        assert_eq!(
            serde_json::to_value(FileKind::Office).unwrap(),
            serde_json::json!("office")
        );
    }
}
