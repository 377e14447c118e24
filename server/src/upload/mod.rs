//! Document uploads: residents send files (during an application or to an open case); the
//! portal receives them resumably in chunks onto disk, checks them by content, scans them for
//! viruses and streams them into the Documenten API with the large-file flow (bestandsdelen).
//! Downloads stream back through the portal after an ownership check.

pub mod rules;
