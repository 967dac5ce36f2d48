//! JS-visible shapes of the identity boundary, run under Node by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
// wasm_bindgen_test functions are tests, but clippy does not know it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::wasm;
use gongji::wasm::identity as id;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const AS_OF: &str = "2026-11-23";

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

#[wasm_bindgen_test]
fn valid_number_is_a_plain_object_with_string_and_number_fields() {
    let report = id::validate_resident_id(text("11010519491231002X"), Some(text(AS_OF))).unwrap();
    assert_eq!(field(&report, "valid").as_bool(), Some(true));
    assert_eq!(field(&report, "kind").as_string().as_deref(), Some("resident"));
    assert_eq!(field(&report, "sex").as_string().as_deref(), Some("female"));
    assert_eq!(field(&report, "birthDate").as_string().as_deref(), Some("1949-12-31"));
    assert_eq!(field(&report, "age").as_f64(), Some(76.0));
    assert_eq!(field(&report, "regionCode").as_string().as_deref(), Some("110105"));
    assert!(field(&report, "region").is_object());
    // Absent optional fields are absent, not null.
    assert!(field(&report, "code").is_undefined());
}

#[wasm_bindgen_test]
fn invalid_number_is_data_not_an_exception() {
    for input in [JsValue::UNDEFINED, JsValue::NULL, text(""), text("\u{FFFD}"), text("110105194912310021")] {
        let report = id::validate_resident_id(input, Some(text(AS_OF))).unwrap();
        assert_eq!(field(&report, "valid").as_bool(), Some(false));
        assert!(field(&report, "code").as_string().unwrap().starts_with("ID_"));
        assert!(field(&report, "message").is_string());
        assert!(field(&report, "normalized").is_undefined());
    }
}

#[wasm_bindgen_test]
fn as_of_may_be_left_out() {
    for as_of in [None, Some(JsValue::UNDEFINED), Some(JsValue::NULL)] {
        let report = id::validate_resident_id(text("11010519491231002X"), as_of).unwrap();
        assert_eq!(field(&report, "valid").as_bool(), Some(true));
    }
    let flags = id::resident_id_validity(js_sys::Array::of1(&text("11010519491231002X")).into(), None).unwrap();
    assert_eq!(flags, vec![1]);
}

#[wasm_bindgen_test]
fn misuse_throws_an_error_with_a_code() {
    let error = id::validate_resident_id(JsValue::from_f64(110105.0), Some(text(AS_OF))).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("BOUNDARY_BAD_ARGUMENT"));
    let error = id::validate_form("signup", js_sys::Object::new().into(), None).unwrap_err();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("FORM_UNKNOWN_KIND"));
}

#[wasm_bindgen_test]
fn batch_returns_an_array_of_reports() {
    let texts = js_sys::Array::of2(&text("11010519491231002X"), &text("1"));
    let reports: js_sys::Array = id::validate_resident_ids(texts.clone().into(), Some(text(AS_OF))).unwrap().into();
    assert_eq!(reports.length(), 2);
    assert_eq!(field(&reports.get(1), "code").as_string().as_deref(), Some("ID_LENGTH"));
    assert_eq!(id::resident_id_validity(texts.into(), Some(text(AS_OF))).unwrap(), vec![1, 0]);
}

#[wasm_bindgen_test]
fn form_report_shape() {
    let values = js_sys::Object::new();
    js_sys::Reflect::set(&values, &text("certno"), &text("11010519491231002X")).unwrap();
    js_sys::Reflect::set(&values, &text("smsCode"), &text("12")).unwrap();
    let report = id::validate_form("login", values.into(), Some(text(AS_OF))).unwrap();
    assert_eq!(field(&report, "ok").as_bool(), Some(false));
    let errors: js_sys::Array = field(&report, "errors").into();
    let fields: Vec<String> = errors.iter().map(|e| field(&e, "field").as_string().unwrap()).collect();
    assert_eq!(fields, ["phone", "smsCode"]);
}

#[wasm_bindgen_test]
fn check_reports_and_masks() {
    let phone = id::validate_phone(text("+86 138 1234 1234")).unwrap();
    assert_eq!(field(&phone, "normalized").as_string().as_deref(), Some("13812341234"));
    let name = id::validate_name(text("买买提•艾力")).unwrap();
    assert_eq!(field(&name, "normalized").as_string().as_deref(), Some("买买提·艾力"));
    assert_eq!(id::mask_resident_id(text("11010519491231002X")).unwrap(), "1101**********002X");
    assert_eq!(id::mask_phone(text("13812341234")).unwrap(), "138****1234");
    assert_eq!(id::mask_name(text("张小三")).unwrap(), "张*三");
}

#[wasm_bindgen_test]
fn traditional_text_on_request() {
    wasm::set_locale("zh-Hant").unwrap();
    let report = id::validate_resident_id(text("110105194912310021"), Some(text(AS_OF))).unwrap();
    wasm::set_locale("zh-Hans").unwrap();
    assert!(field(&report, "message").as_string().unwrap().contains("號碼"));
}
