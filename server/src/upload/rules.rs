//! Which files each document type accepts. The Catalogi API has no size or format fields on an
//! informatieobjecttype, so this is the portal's policy: every type takes documents and photos
//! up to the configured maximum; photo types take images only, up to 50 MB (a phone photo is a
//! few MB; anything larger is a mistake worth telling the resident about).

use loket_api::upload::{FileKind, UploadRule, ALL_KINDS};

/// The default maximum upload size (`LOKET_UPLOAD_MAX_BYTES`): 2 GiB — forty times what
/// the anchor portals allow; the Documenten API's own ceiling is 4 GiB.
pub const DEFAULT_MAX_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The largest maximum a municipality may configure (the Documenten API's 4 GiB).
pub const CEILING_MAX_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Photo types.
const PHOTO_MAX_BYTES: u64 = 50_000_000;
const PHOTO_KINDS: [FileKind; 4] = [
    FileKind::Jpeg,
    FileKind::Png,
    FileKind::Heic,
    FileKind::Webp,
];

/// The rule for an informatieobjecttype, by its omschrijving.
pub fn rule_for(omschrijving: &str, max_bytes: u64) -> UploadRule {
    let lower = omschrijving.to_lowercase();
    if lower.contains("foto") || lower.contains("pasfoto") || lower.contains("photo") {
        UploadRule {
            max_bytes: PHOTO_MAX_BYTES.min(max_bytes),
            kinds: PHOTO_KINDS.to_vec(),
        }
    } else {
        UploadRule {
            max_bytes,
            kinds: ALL_KINDS.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_types_take_images_only_and_at_most_50_mb() {
        let rule = rule_for("Foto", DEFAULT_MAX_BYTES);
        assert_eq!(rule.max_bytes, 50_000_000);
        assert!(rule.kinds.contains(&FileKind::Heic));
        assert!(!rule.kinds.contains(&FileKind::Pdf));
        assert_eq!(rule_for("Pasfoto", 1000).max_bytes, 1000);
    }

    #[test]
    fn other_types_take_every_kind_up_to_the_configured_maximum() {
        let rule = rule_for("Situatietekening", DEFAULT_MAX_BYTES);
        assert_eq!(rule.max_bytes, DEFAULT_MAX_BYTES);
        assert_eq!(rule.kinds, ALL_KINDS.to_vec());
    }
}
