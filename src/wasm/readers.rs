//! Hand-written readers for the arguments of the start module's exports (identity, money):
//! a list of texts, a form's values and the money options. They replace serde's derive and
//! serde-wasm-bindgen's deserializer for these inputs, whose error formatting alone (serde's
//! "invalid type: floating point `1.5`", through Rust's float printing) cost the start module
//! about 13 KB of its 100 KB brotli (issue #13); the whole module uses them too, so the two
//! read the same input the same way.
//!
//! Each reads what serde read before: a missing or `undefined` field is its default, a wrong
//! type is misuse (`BOUNDARY_BAD_ARGUMENT`, by the parameter's label). The boundary layer
//! (scripts/boundary/guard.js) has already copied the argument into plain data, so reading a
//! property runs no user code.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::identity::forms::{FormKind, FormValues};
use crate::money::{ChineseUppercaseOptions, FormatOptions, ParseYuanOptions};
use crate::wasm::interop::bad_argument;

/// A plain object (not an array, not a function); anything else is misuse.
fn object(value: &JsValue, name: &'static str) -> Result<js_sys::Object, JsValue> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(bad_argument(name))
    }
}

fn property(object: &js_sys::Object, key: &str, name: &'static str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).map_err(|_| bad_argument(name))
}

/// A field that may be absent: `undefined` and `null` give `None`, a string `Some`.
fn optional_text(object: &js_sys::Object, key: &str, name: &'static str) -> Result<Option<String>, JsValue> {
    let value = property(object, key, name)?;
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        value.as_string().map(Some).ok_or_else(|| bad_argument(name))
    }
}

/// A flag: absent or `undefined` gives the default, a boolean itself; `null` and other
/// types are misuse, as serde read them.
fn flag(object: &js_sys::Object, key: &str, default: bool, name: &'static str) -> Result<bool, JsValue> {
    let value = property(object, key, name)?;
    if value.is_undefined() {
        Ok(default)
    } else {
        value.as_bool().ok_or_else(|| bad_argument(name))
    }
}

/// An array of texts, where `null`/`undefined` elements stand for empty entries.
pub(crate) fn texts(value: &JsValue, name: &'static str) -> Result<Vec<Option<String>>, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(bad_argument(name));
    }
    let array: &js_sys::Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for element in array.iter() {
        if element.is_undefined() || element.is_null() {
            out.push(None);
        } else {
            out.push(Some(element.as_string().ok_or_else(|| bad_argument(name))?));
        }
    }
    Ok(out)
}

/// A form's values: the fields `kind` has, of {certno, phone, smsCode, name, relation, cardNo,
/// captcha}. Other keys, and the fields another kind of form has, are not read (each read is
/// a crossing into JS, ~2 µs without a JIT), so their types are not checked either.
pub(crate) fn form_values(value: &JsValue, name: &'static str, kind: FormKind) -> Result<FormValues, JsValue> {
    let values = object(value, name)?;
    let field = |key: &str, in_form: bool| if in_form { optional_text(&values, key, name) } else { Ok(None) };
    let (login, card, bind) = (kind == FormKind::Login, kind == FormKind::CardLogin, kind == FormKind::Bind);
    Ok(FormValues {
        certno: field("certno", true)?,
        phone: field("phone", !card)?,
        sms_code: field("smsCode", login)?,
        name: field("name", bind)?,
        relation: field("relation", bind)?,
        card_no: field("cardNo", card)?,
        captcha: field("captcha", card)?,
    })
}

/// An options argument that may be left out: `undefined` and `null` give the defaults.
fn options<T: Default>(
    value: Option<JsValue>,
    name: &'static str,
    read: impl FnOnce(&js_sys::Object) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    match value {
        None => Ok(T::default()),
        Some(value) if value.is_undefined() || value.is_null() => Ok(T::default()),
        Some(value) => read(&object(&value, name)?),
    }
}

/// parseYuan/checkYuan's {allowNegative}.
pub(crate) fn parse_options(value: Option<JsValue>, name: &'static str) -> Result<ParseYuanOptions, JsValue> {
    options(value, name, |o| Ok(ParseYuanOptions { allow_negative: flag(o, "allowNegative", false, name)? }))
}

/// formatYuan's {symbol, unit, grouping, masked}.
pub(crate) fn format_options(value: Option<JsValue>, name: &'static str) -> Result<FormatOptions, JsValue> {
    let defaults = FormatOptions::default();
    options(value, name, |o| {
        Ok(FormatOptions {
            symbol: flag(o, "symbol", defaults.symbol, name)?,
            unit: flag(o, "unit", defaults.unit, name)?,
            grouping: flag(o, "grouping", defaults.grouping, name)?,
            masked: flag(o, "masked", defaults.masked, name)?,
        })
    })
}

/// toChineseUppercase's {prefix, zhengAfterJiao}.
pub(crate) fn uppercase_options(
    value: Option<JsValue>,
    name: &'static str,
) -> Result<ChineseUppercaseOptions, JsValue> {
    options(value, name, |o| {
        Ok(ChineseUppercaseOptions {
            prefix: flag(o, "prefix", false, name)?,
            zheng_after_jiao: flag(o, "zhengAfterJiao", false, name)?,
        })
    })
}
