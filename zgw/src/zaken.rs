//! Resource types of the Zaken API 1.5.1, as its OAS spells them.
