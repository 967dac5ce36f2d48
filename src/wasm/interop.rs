//! Every reader from a JS value into Rust that the boundary files share, in one place, each
//! named for what it does with `undefined`, `null` and a wrong type — the question a caller
//! gets wrong when two readers share a name and differ. Domain readers (an amount, a date, a
//! query) are built on these in their own file.
//!
//! Misuse (a wrong type where the TypeScript declaration allows none) throws
//! `BOUNDARY_BAD_ARGUMENT` naming the parameter by its catalog label, never its value.

#[cfg(feature = "full")]
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[cfg(feature = "full")]
use crate::family::input::Field;
use crate::messages::{Code, Message};
use crate::wasm::throw;

/// The catalog label that names a parameter to a user: Chinese text, never the JS name.
/// The JS boundary layer (scripts/boundary/spec.js) names parameters with the same labels.
fn parameter_label(name: &str) -> Code {
    match name {
        "text" => Code::BoundaryLabelText,
        "texts" => Code::BoundaryLabelTexts,
        "amount" => Code::BoundaryLabelAmount,
        "amounts" => Code::BoundaryLabelAmounts,
        "a" => Code::BoundaryLabelFirstAmount,
        "b" => Code::BoundaryLabelSecondAmount,
        "options" => Code::BoundaryLabelOptions,
        "query" => Code::BoundaryLabelQuery,
        "now" => Code::BoundaryLabelNow,
        "asOf" => Code::BoundaryLabelDate,
        "values" => Code::BoundaryLabelFormValues,
        "history" => Code::BoundaryLabelHistory,
        "region" => Code::BoundaryLabelRegion,
        _ => Code::BoundaryLabelInput,
    }
}

/// `BOUNDARY_BAD_ARGUMENT` naming the parameter by its catalog label (never its value,
/// which may be personal data).
pub(crate) fn bad_argument(name: &'static str) -> JsValue {
    throw(&Message::new(Code::BoundaryBadArgument).with_label("name", Message::new(parameter_label(name))))
}

/// A string, as is; anything else (`undefined` and `null` included) is misuse.
pub(crate) fn required_text(value: &JsValue, name: &'static str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| bad_argument(name))
}

/// A form field's text: `undefined`/`null` (a field never filled) read as "", a string as
/// is; anything else (a number, an object) is misuse.
pub(crate) fn text_or_empty(value: &JsValue, name: &'static str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(String::new());
    }
    required_text(value, name)
}

#[cfg(feature = "full")] // the family and ledger exports' readers
/// A code given to a family rule (a state, an event), never misuse: a string as is, a finite
/// number as its text (the national platform sends codes as numbers at times), `undefined`/
/// `null` as missing, anything else as an unusable field — each reported as data by the rule.
pub(crate) fn code_field(value: &JsValue) -> Field {
    if let Some(text) = value.as_string() {
        Field::Text(text)
    } else if value.is_undefined() || value.is_null() {
        Field::Missing
    } else if let Some(number) = value.as_f64() {
        if number.is_finite() {
            // The engine's own number-to-text: Rust's float formatting (core::fmt for f64)
            // would cost the module ~7 KB brotli for this one misuse path (issue #13).
            let text: js_sys::JsString =
                value.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).unwrap_or_default();
            Field::Text(String::from(text))
        } else {
            Field::Invalid
        }
    } else {
        Field::Invalid
    }
}

#[cfg(feature = "full")] // the family and ledger exports' readers
/// An argument object in the shape `T` declares; a wrong shape is misuse.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, name: &'static str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|_| bad_argument(name))
}

#[cfg(feature = "full")] // the family and ledger exports' readers
/// An argument object that may be `undefined` or `null`, which give the default.
pub(crate) fn from_js_or_default<T: DeserializeOwned + Default>(
    value: JsValue,
    name: &'static str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        from_js(value, name)
    }
}

#[cfg(feature = "full")] // the family and ledger exports' readers
/// An optional trailing parameter (`options?: T`): left out, `undefined` or `null` give the
/// default.
pub(crate) fn optional_object<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    name: &'static str,
) -> Result<T, JsValue> {
    from_js_or_default(value.unwrap_or(JsValue::UNDEFINED), name)
}
