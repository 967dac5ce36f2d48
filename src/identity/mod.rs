//! What users type to identify themselves and their relatives: resident ID numbers, phones,
//! SMS codes, names, institution and region codes, the two forms every shell shows, and the
//! masking that keeps personal data off shared screens and out of logs.

pub mod mask;
pub mod resident_id;
