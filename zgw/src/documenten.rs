//! Resource types of the Documenten API 1.4.3, as its OAS spells them.
