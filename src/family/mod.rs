//! The heart of 家庭共济: relations (GB/T 4761), regional policies as data, binding
//! eligibility and its lifecycle, payment splits, the 医保钱包 rules, allowed uses and the
//! monthly credit estimate.

pub mod relations;
