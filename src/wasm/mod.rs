//! The one JS boundary. Every `#[wasm_bindgen]` item lives under this folder, one file per
//! core domain; they only convert values and map errors — no rule lives here.
//!
//! Conventions:
//! - amounts cross as decimal strings, never JS numbers; no i64/u64 crosses (BigInt is
//!   missing on old iOS WeChat and in Alipay's simulator);
//! - validation outcomes are returned as data (`{code, message}`); only misuse throws, and
//!   what is thrown is a real JS `Error` with a stable string `code` (see `throw`);
//! - objects are built with serde-wasm-bindgen's JSON-compatible serializer, so maps become
//!   plain objects and the shapes match the TypeScript declarations tsify derives.

// The start module (built without the `full` feature: Cargo.toml) exports identity, money and
// messages only; family and ledger come with the whole module.
#[cfg(feature = "full")]
pub mod family;
pub mod identity;
pub mod interop;
#[cfg(feature = "full")]
pub mod ledger;
pub mod money;
pub mod readers;

use std::cell::Cell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::messages::{Code, Locale, Message, Notice};

#[wasm_bindgen(typescript_custom_section)]
const TS_YUAN: &str = r#"
/** An exact amount of yuan as a decimal string with two decimals, e.g. "1234.50", "-12.30". Never a JS number. */
export type Yuan = string;
"#;

thread_local! {
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::Hans) };
}

/// The locale set by `setLocale`, used for every message text.
pub(crate) fn locale() -> Locale {
    LOCALE.with(Cell::get)
}

/// A JS `Error` whose `name` is "GongjiError", with the stable `code` and the catalog text.
pub(crate) fn throw(message: &Message) -> JsValue {
    let error = js_sys::Error::new(&message.render(locale()));
    error.set_name("GongjiError");
    // Setting a property on a fresh Error cannot fail; if it somehow did, the error still
    // carries its text, so there is nothing better to do than go on.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(message.code.as_str()));
    error.into()
}

/// Converts a core result into what crosses the boundary.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| throw(&Message::new(Code::BoundaryInternal)))
}

/// Chooses the script of every message: "zh-Hans" (default) or "zh-Hant".
#[wasm_bindgen(js_name = setLocale)]
pub fn set_locale(tag: &str) -> Result<(), JsValue> {
    let chosen = Locale::from_tag(tag).ok_or_else(|| throw(&Message::new(Code::BoundaryUnknownLocale)))?;
    LOCALE.with(|cell| cell.set(chosen));
    Ok(())
}

/// The locale in force, as a tag.
#[wasm_bindgen(js_name = getLocale)]
pub fn get_locale() -> String {
    locale().tag().to_string()
}

/// Every stable code this build can report, in catalog order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    Code::ALL.iter().map(|code| code.as_str().to_string()).collect()
}

/// The whole catalog in the locale in force, `{code, message}` per code (slots unfilled):
/// what a shell needs to show a code it received from elsewhere, e.g. its own API client.
#[wasm_bindgen(js_name = messageCatalog, unchecked_return_type = "Notice[]")]
pub fn message_catalog() -> Result<JsValue, JsValue> {
    let catalog: Vec<Notice> = Code::ALL
        .iter()
        .map(|&code| Notice { code: code.as_str().to_string(), message: code.template(locale()).to_string() })
        .collect();
    to_js(&catalog)
}

/// The catalog text for a code in the locale in force (slots left as `{name}`), or
/// `undefined` for an unknown code.
#[wasm_bindgen(js_name = messageFor)]
pub fn message_for(code: &str) -> Option<String> {
    Code::parse(code).map(|code| code.template(locale()).to_string())
}

/// The crate version, for the shells' about page and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
