//! Embedded ZGW provider.
