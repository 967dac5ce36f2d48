//! gongji (共济): the exact core behind the WeChat mini-program, the Alipay 市民中心 service
//! page and the web portal for 职工医保个人账户家庭共济 in Gansu.
//!
//! Everything but `wasm` is a pure domain core that builds and tests natively: money,
//! validation of what users type, the family-binding rules, and the account history. The
//! `wasm` module is the one JS boundary; it only converts values and maps errors.

pub mod date;
pub mod family;
pub mod identity;
pub mod ledger;
pub mod messages;
pub mod money;
pub mod order;
pub mod text;

/// The JS boundary; public so the wasm tests can check the JS-visible shapes.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use messages::{Code, Locale, Message, Notice};
pub use money::Yuan;
