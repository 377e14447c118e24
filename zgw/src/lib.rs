//! ZGW types.
