//! JS-visible shapes of the Ledger class, run under Node by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
// wasm_bindgen_test functions are tests, but clippy does not know it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::wasm::ledger::Ledger;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const TEXT: &str = r#"{"account":{"psn_no":"H1","psn_name":"张建国","insuplc_admdvs":"621102","balc":"150.00","opening_balc":"100.00","as_of":"2024-03-01 08:00:00","source":"counter"},
 "members":[{"psn_no":"M1","psn_name":"李秀英","certno":"62110219800101123X","relation":"10","status":"active","bound_at":"2021-01-01"}],
 "records":[
  {"type":"credit","time":"2024-01-05 09:00:00","amount":"200.00","period":"2024-01"},
  {"type":"settlement","setl_id":"S1","setl_time":"2024-01-10 10:00:00","psn_no":"M1","psn_name":"李秀英","fixmedins_code":"H62110200001","fixmedins_name":"定西市人民医院","med_type":"140104","medfee_sumamt":300,"fund_pay_sumamt":200,"acct_pay":0,"acct_mulaid_pay":50.00,"psn_cash_pay":50},
  {"type":"transfer","time":"2024-02-01 09:00:00","amount":"100.00","to_psn_no":"M1"},
  {"type":"credit","time":"not a time","amount":"1"}
 ]}"#;

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

fn query(json: &str) -> Option<JsValue> {
    Some(js_sys::JSON::parse(json).unwrap())
}

#[wasm_bindgen_test]
fn query_returns_plain_objects_with_string_amounts() {
    let ledger = Ledger::from_json(&TEXT.into()).unwrap();
    assert_eq!(ledger.size(), 3);
    let result = ledger.query(None).unwrap();
    assert_eq!(field(&result, "total").as_f64(), Some(3.0));
    let sums = field(&result, "sums");
    assert_eq!(field(&sums, "acctMulaidPay").as_string().as_deref(), Some("50.00"));
    assert_eq!(field(&sums, "credit").as_string().as_deref(), Some("200.00"));
    let items: js_sys::Array = field(&result, "items").into();
    assert_eq!(items.length(), 3);
    let settlement = items.get(1);
    assert_eq!(field(&settlement, "type").as_string().as_deref(), Some("settlement"));
    assert_eq!(field(&settlement, "medTypeName").as_string().as_deref(), Some("门诊慢特病"));
    assert_eq!(field(&settlement, "memberName").as_string().as_deref(), Some("李*英"));
    assert_eq!(field(&settlement, "amountText").as_string().as_deref(), Some("¥300.00"));
    assert_eq!(field(&settlement, "accountChangeText").as_string().as_deref(), Some("-¥50.00"));
    assert!(field(&settlement, "certno").is_undefined());
    let page = ledger.query(query(r#"{"members":["M1"],"types":["transfer"],"order":"asc","limit":5}"#)).unwrap();
    assert_eq!(field(&page, "total").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn errors_are_coded_js_errors() {
    let error = Ledger::from_json(&"{".into()).err().unwrap();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("LEDGER_NOT_JSON"));
    let ledger = Ledger::from_json(&TEXT.into()).unwrap();
    let bad = ledger.query(query(r#"{"from":"2024-02-30"}"#)).unwrap_err();
    assert_eq!(field(&bad, "code").as_string().as_deref(), Some("LEDGER_BAD_QUERY"));
    let rejected: js_sys::Array = ledger.rejected().unwrap().into();
    assert_eq!(rejected.length(), 1);
    assert_eq!(field(&rejected.get(0), "index").as_f64(), Some(3.0));
    assert_eq!(field(&rejected.get(0), "code").as_string().as_deref(), Some("LEDGER_RECORD_BAD_TIME"));
}

#[wasm_bindgen_test]
fn reconcile_freshness_monthly_csv() {
    let ledger = Ledger::from_json(&TEXT.into()).unwrap();
    let report = ledger.reconcile().unwrap();
    assert_eq!(field(&report, "ok").as_bool(), Some(true));
    assert_eq!(field(&report, "difference").as_string().as_deref(), Some("0.00"));
    assert_eq!(field(&report, "hotline").as_string().as_deref(), Some("0932-12393"));
    let fresh = ledger.freshness("2024-03-01 09:00:00".into(), None).unwrap();
    // The same instant as a JS timestamp: 2024-03-01 01:00:00 UTC.
    let by_clock = ledger.freshness(JsValue::from_f64(1_709_254_800_000.0), None).unwrap();
    assert_eq!(field(&by_clock, "ageMinutes").as_f64(), Some(60.0));
    assert_eq!(field(&fresh, "ageMinutes").as_f64(), Some(60.0));
    let bad = ledger.freshness(JsValue::TRUE, None).unwrap_err();
    assert_eq!(field(&bad, "code").as_string().as_deref(), Some("BOUNDARY_BAD_ARGUMENT"));
    let notices: js_sys::Array = field(&fresh, "notices").into();
    assert_eq!(field(&notices.get(0), "code").as_string().as_deref(), Some("LEDGER_COUNTER_LAG"));
    let months: js_sys::Array = ledger.monthly(None).unwrap().into();
    assert_eq!(months.length(), 2);
    assert_eq!(field(&months.get(0), "net").as_string().as_deref(), Some("150.00"));
    let members: js_sys::Array = ledger.by_member(None).unwrap().into();
    assert_eq!(field(&members.get(0), "role").as_string().as_deref(), Some("holder"));
    let csv = ledger.to_csv(None).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    assert_eq!(csv.trim_end().split("\r\n").count(), 4);
}

#[wasm_bindgen_test]
fn long_texts_cross_in_slices_without_cutting_characters() {
    // Surrogate pairs (😀) and 3-byte characters across many 64K-unit slice boundaries.
    for pad in 0..3 {
        let name = format!("{}{}定西", "x".repeat(pad), "😀医".repeat(70_000));
        let text = format!(
            r#"{{"account":{{"psn_no":"H1","balc":"0","opening_balc":"0"}},"records":[{{"type":"settlement","setl_id":"S1","setl_time":"2024-01-10 10:00:00","psn_no":"H1","fixmedins_name":"{name}","med_type":"11","medfee_sumamt":"1","fund_pay_sumamt":"1","acct_pay":"0","acct_mulaid_pay":"0","psn_cash_pay":"0"}}]}}"#
        );
        let ledger = Ledger::from_json(&text.as_str().into()).unwrap();
        let result = ledger.query(None).unwrap();
        let items: js_sys::Array = field(&result, "items").into();
        assert_eq!(field(&items.get(0), "institutionName").as_string(), Some(name));
    }
}
