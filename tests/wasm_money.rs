//! JS-visible shapes of the money boundary, run under Node by wasm-bindgen-test: strings in,
//! strings out, options objects, arrays for the batch functions, and real Errors with a
//! stable `code` for misuse and for amounts that cannot be read.
#![cfg(target_arch = "wasm32")]
// wasm_bindgen_test functions are tests, but clippy does not know it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::wasm::money as m;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn options(json: &str) -> Option<JsValue> {
    Some(js_sys::JSON::parse(json).unwrap())
}

fn texts(array: js_sys::Array) -> Vec<String> {
    array.iter().map(|item| item.as_string().unwrap()).collect()
}

fn strings(items: &[&str]) -> JsValue {
    items.iter().map(|item| JsValue::from_str(item)).collect::<js_sys::Array>().into()
}

/// The `code` of a thrown GongjiError (asserting it is a real Error).
fn code_of<T: std::fmt::Debug>(result: Result<T, JsValue>) -> String {
    let error = result.unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(field(&error, "name").as_string().as_deref(), Some("GongjiError"));
    assert!(!field(&error, "message").as_string().unwrap().is_empty());
    field(&error, "code").as_string().unwrap()
}

#[wasm_bindgen_test]
fn parse_returns_the_canonical_string_or_throws_the_reason() {
    assert_eq!(m::parse_yuan(s("¥1,234.5"), None).unwrap(), "1234.50");
    assert_eq!(m::parse_yuan(s("１２３．４５元"), None).unwrap(), "123.45");
    assert_eq!(m::parse_yuan(s("-12"), options(r#"{"allowNegative":true}"#)).unwrap(), "-12.00");
    let table = [
        ("-12", "MONEY_NEGATIVE_NOT_ALLOWED"),
        ("", "MONEY_EMPTY"),
        ("1.234", "MONEY_TOO_MANY_DECIMALS"),
        ("1e3", "MONEY_EXPONENT"),
        ("NaN", "MONEY_NOT_A_NUMBER"),
        ("--1", "MONEY_SEVERAL_SIGNS"),
        ("1.2.3", "MONEY_SEVERAL_POINTS"),
        ("12,34", "MONEY_MISPLACED_SEPARATOR"),
        ("€1", "MONEY_INVALID_CHARACTER"),
        ("100000000000000", "MONEY_OVERFLOW"),
    ];
    for (text, code) in table {
        assert_eq!(code_of(m::parse_yuan(s(text), None)), code, "{text:?}");
    }
}

#[wasm_bindgen_test]
fn check_is_data_with_optional_fields() {
    let ok = m::check_yuan(s("12"), None).unwrap();
    assert_eq!(field(&ok, "valid"), JsValue::TRUE);
    assert_eq!(field(&ok, "value").as_string().as_deref(), Some("12.00"));
    assert!(field(&ok, "code").is_undefined());
    let bad = m::check_yuan(s("12,34"), None).unwrap();
    assert_eq!(field(&bad, "valid"), JsValue::FALSE);
    assert_eq!(field(&bad, "code").as_string().as_deref(), Some("MONEY_MISPLACED_SEPARATOR"));
    assert!(field(&bad, "message").is_string());
    assert!(field(&bad, "value").is_undefined());
}

#[wasm_bindgen_test]
fn a_js_number_or_a_wrong_options_object_is_misuse() {
    let number = JsValue::from_f64(12.3);
    assert_eq!(code_of(m::parse_yuan(number.clone(), None)), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(code_of(m::check_yuan(number.clone(), None)), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(code_of(m::format_yuan(number.clone(), None)), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(code_of(m::to_chinese_uppercase(number.clone(), None)), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(code_of(m::to_spoken_chinese(number.clone())), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(code_of(m::add_yuan(s("1"), number.clone())), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(code_of(m::sum_yuan(s("1"))), "BOUNDARY_BAD_ARGUMENT");
    assert_eq!(
        code_of(m::sum_yuan(
            strings(&["1"]).dyn_into::<js_sys::Array>().unwrap().concat(&js_sys::Array::of1(&number)).into()
        )),
        "BOUNDARY_BAD_ARGUMENT"
    );
    assert_eq!(code_of(m::format_yuan(s("1"), options(r#"{"symbol":"no"}"#))), "BOUNDARY_BAD_ARGUMENT");
    let error = m::parse_yuan(number, None).unwrap_err();
    // The parameter is named by its catalog label, never by its JS name (issue 11).
    let message = field(&error, "message").as_string().unwrap();
    assert!(message.contains("输入的文字") && !message.contains("text"), "{message}");
}

#[wasm_bindgen_test]
fn format_uppercase_and_spoken_take_strings_and_options() {
    assert_eq!(m::format_yuan(s("1234.565"), None).unwrap(), "¥1,234.57");
    assert_eq!(m::format_yuan(s("-12.3"), Some(JsValue::UNDEFINED)).unwrap(), "-¥12.30");
    assert_eq!(
        m::format_yuan(s("1234.5"), options(r#"{"symbol":false,"unit":true,"grouping":false}"#)).unwrap(),
        "1234.50元"
    );
    assert_eq!(m::format_yuan(s("1234.5"), options(r#"{"masked":true}"#)).unwrap(), "¥****");
    assert_eq!(m::to_chinese_uppercase(s("1004.05"), None).unwrap(), "壹仟零肆元零伍分");
    assert_eq!(m::to_chinese_uppercase(s("100"), options(r#"{"prefix":true}"#)).unwrap(), "人民币壹佰元整");
    assert_eq!(m::to_chinese_uppercase(s("1.5"), options(r#"{"zhengAfterJiao":true}"#)).unwrap(), "壹元伍角整");
    assert_eq!(m::to_spoken_chinese(s("2000")).unwrap(), "两千元");
    assert_eq!(m::round_yuan(s("-0.005")).unwrap(), "-0.01");
    for junk in ["", " ", "3²", "ⅷ", "€", "１２", "\u{FFFD}"] {
        assert_eq!(code_of(m::format_yuan(s(junk), None)), "MONEY_INVALID", "{junk:?}");
        assert_eq!(code_of(m::to_chinese_uppercase(s(junk), None)), "MONEY_INVALID", "{junk:?}");
        assert_eq!(code_of(m::to_spoken_chinese(s(junk))), "MONEY_INVALID", "{junk:?}");
    }
}

#[wasm_bindgen_test]
fn batch_functions_return_arrays_of_strings() {
    let shown = m::format_yuan_many(strings(&["1", "-2.345", "1000000"]), options(r#"{"symbol":false}"#)).unwrap();
    assert!(js_sys::Array::is_array(&shown));
    assert_eq!(texts(shown), vec!["1.00", "-2.35", "1,000,000.00"]);
    let capitals = m::to_chinese_uppercase_many(strings(&["100", "0"]), None).unwrap();
    assert_eq!(texts(capitals), vec!["壹佰元整", "零元整"]);
    assert_eq!(texts(m::format_yuan_many(strings(&["7"]), None).unwrap()), vec!["¥7.00"]);
    assert_eq!(code_of(m::format_yuan_many(strings(&["1", "x"]), None)), "MONEY_INVALID");
    assert_eq!(code_of(m::format_yuan_many(strings(&["1", ""]), None)), "MONEY_INVALID");
    // An element holding the batch separator cannot pass for two amounts.
    assert_eq!(code_of(m::format_yuan_many(strings(&["1\n2"]), None)), "MONEY_INVALID");
    assert_eq!(code_of(m::sum_yuan(strings(&["1\n2"]))), "MONEY_INVALID");
    assert_eq!(m::format_yuan_many(strings(&[]), None).unwrap().length(), 0);
}

#[wasm_bindgen_test]
fn exact_arithmetic_over_strings() {
    assert_eq!(m::add_yuan(s("0.1"), s("0.2")).unwrap(), "0.30");
    assert_eq!(m::subtract_yuan(s("1"), s("1.01")).unwrap(), "-0.01");
    assert_eq!(m::compare_yuan(s("1.10"), s("1.1")).unwrap(), 0);
    assert_eq!(m::compare_yuan(s("-1"), s("0.01")).unwrap(), -1);
    assert_eq!(m::compare_yuan(s("10"), s("2")).unwrap(), 1);
    assert_eq!(m::compare_yuan(s("2"), s("10")).unwrap(), -1);
    assert_eq!(m::negate_yuan(s("0")).unwrap(), "0.00");
    assert_eq!(m::negate_yuan(s("12.3")).unwrap(), "-12.30");
    assert_eq!(m::abs_yuan(s("-12.3")).unwrap(), "12.30");
    assert_eq!(m::sum_yuan(strings(&["0.1", "0.2", "-0.3"])).unwrap(), "0.00");
    assert_eq!(m::sum_yuan(strings(&[])).unwrap(), "0.00");
    assert_eq!(code_of(m::add_yuan(s("99999999999999.99"), s("0.01"))), "MONEY_OVERFLOW");
    assert_eq!(code_of(m::sum_yuan(strings(&["99999999999999.99", "0.01"]))), "MONEY_OVERFLOW");
    assert_eq!(code_of(m::add_yuan(s("1.234"), s("1"))), "MONEY_TOO_MANY_DECIMALS");
    assert_eq!(code_of(m::add_yuan(s("¥1"), s("1"))), "MONEY_INVALID");
}
