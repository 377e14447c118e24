//! Resource types of the Catalogi API 1.3.1, as its OAS spells them.
