//! JS-visible shapes of the common boundary items, run under Node by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
// wasm_bindgen_test functions are tests, but clippy does not know it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

#[wasm_bindgen_test]
fn unknown_locale_throws_a_real_error_with_a_code() {
    let error = wasm::set_locale("fr").unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("BOUNDARY_UNKNOWN_LOCALE"));
    assert_eq!(field(&error, "name").as_string().as_deref(), Some("GongjiError"));
    assert!(field(&error, "message").as_string().unwrap().contains("简体"));
}

#[wasm_bindgen_test]
fn locale_switch_changes_catalog_text() {
    wasm::set_locale("zh-Hant").unwrap();
    let text = wasm::message_for("BOUNDARY_UNKNOWN_LOCALE").unwrap();
    wasm::set_locale("zh-Hans").unwrap();
    assert!(text.contains("簡體"), "{text}");
    assert_eq!(wasm::message_for("NO_SUCH_CODE"), None);
}

#[wasm_bindgen_test]
fn catalog_is_an_array_of_plain_objects() {
    let catalog = wasm::message_catalog().unwrap();
    let array: js_sys::Array = catalog.into();
    assert_eq!(array.length() as usize, wasm::error_codes().len());
    let first = array.get(0);
    assert!(field(&first, "code").is_string());
    assert!(field(&first, "message").is_string());
}
