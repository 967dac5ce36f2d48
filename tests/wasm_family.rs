//! JS-visible shapes of the family boundary, run under Node by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
// wasm_bindgen_test functions are tests, but clippy does not know it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::wasm;
use gongji::wasm::family::{self as family, PolicySet};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn codes(list: &JsValue) -> Vec<String> {
    js_sys::Array::from(list).iter().map(|n| field(&n, "code").as_string().unwrap()).collect()
}

const REQUEST: &str = r#"{
  "holder": {"certno": "620102198001011234", "psn_name": "张三", "insutype": "310", "psn_type": "1101",
             "psn_insu_stas": "1", "insuplc_admdvs": "620102", "balc": 1000.5},
  "member": {"certno": "620102195505051213", "psn_name": "张父", "insutype": "390", "psn_type": "1501",
             "psn_insu_stas": "1", "insuplc_admdvs": "621102"},
  "relation": "61", "date": "2025-01-01", "bindings": []
}"#;

#[wasm_bindgen_test]
fn check_binding_returns_plain_objects_with_the_documented_keys() {
    let decision = family::check_binding_js(parse(REQUEST)).unwrap();
    assert_eq!(field(&decision, "eligible").as_bool(), Some(true));
    assert!(js_sys::Array::is_array(&field(&decision, "reasons")));
    assert!(js_sys::Array::is_array(&field(&decision, "warnings")));
    assert_eq!(field(&decision, "needsFaceCheck").as_bool(), Some(true));
    let policy = field(&decision, "policy");
    assert_eq!(field(&policy, "id").as_string().as_deref(), Some("CN-2024"));
    assert_eq!(field(&policy, "document").as_string().as_deref(), Some("国办发〔2024〕38号"));
    assert_eq!(field(&policy, "effective").as_string().as_deref(), Some("2024-08-01"));
    assert_eq!(field(&decision, "channel").as_string().as_deref(), Some("province"));
    assert!(field(&policy, "title").is_string());

    let earlier = REQUEST.replace("2025-01-01", "2023-06-01");
    let decision = family::check_binding_js(parse(&earlier)).unwrap();
    assert_eq!(field(&decision, "eligible").as_bool(), Some(false));
    assert_eq!(codes(&field(&decision, "reasons")), ["BIND_RELATION_NOT_ALLOWED"]);
    let notice = js_sys::Array::from(&field(&decision, "reasons")).get(0);
    assert!(field(&notice, "message").as_string().unwrap().contains("祖父"));
}

#[wasm_bindgen_test]
fn junk_is_data_or_a_coded_error_never_a_trap() {
    let decision = family::check_binding_js(parse(r#"{"holder": 5, "member": null}"#));
    let error = decision.unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("BOUNDARY_BAD_ARGUMENT"));

    let decision = family::check_binding_js(parse(r#"{"relation": [1], "date": 20250101}"#)).unwrap();
    assert_eq!(field(&decision, "eligible").as_bool(), Some(false));
    let reasons = codes(&field(&decision, "reasons"));
    assert!(reasons.iter().all(|c| c.starts_with("FAMILY_FIELD_")), "{reasons:?}");

    let error = family::check_binding_js(JsValue::from_str("nonsense")).unwrap_err();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("BOUNDARY_BAD_ARGUMENT"));
}

#[wasm_bindgen_test]
fn policy_set_from_json_rejects_malformed_sets_whole() {
    let error = PolicySet::from_json(&JsValue::from_str("{\"format\": 1}")).err().unwrap();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("POLICY_SET_INVALID"));
    let error = PolicySet::from_json(&JsValue::from_f64(1.0)).err().unwrap();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("POLICY_SET_INVALID"));

    let set = PolicySet::from_json(&JsValue::from_str(&PolicySet::built_in_json())).unwrap();
    let policies = js_sys::Array::from(&set.policies().unwrap());
    assert_eq!(policies.length(), 4);
    let gansu = policies.get(1);
    assert_eq!(field(&gansu, "region").as_string().as_deref(), Some("62"));
    assert_eq!(field(&gansu, "until").as_string().as_deref(), Some("2024-10-20"));
    assert!(field(&field(&gansu, "limits"), "membersPerHolder").is_null());
    let found = set.policy_for("620102", "2023-06-01").unwrap();
    assert_eq!(field(&found, "id").as_string().as_deref(), Some("GS-2023"));
    assert!(set.policy_for("620102", "2020-01-01").unwrap().is_undefined());
    let error = set.policy_for("620102", "2023-02-30").unwrap_err();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("DATE_INVALID"));
    let decision = set.check_binding(parse(REQUEST)).unwrap();
    assert_eq!(field(&decision, "eligible").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn policy_set_version_and_its_comparison() {
    let set = PolicySet::built_in().unwrap();
    assert_eq!((set.version(), set.issued()), ("2026-12-04.1".to_string(), "2026-12-04".to_string()));
    assert!(js_sys::Array::from(&set.sources().unwrap()).length() > 0);
    let compare = |other: JsValue| set.compare_version(&other);
    assert_eq!(compare(JsValue::from_str("2026-12-04.1")).unwrap(), 0);
    assert_eq!(compare(JsValue::from_str("2026-12-04.2")).unwrap(), -1);
    assert_eq!(compare(JsValue::from_str("2026-11-30.9")).unwrap(), 1);
    for bad in [JsValue::from_str("2026-12-01"), JsValue::from_f64(1.0), JsValue::UNDEFINED, JsValue::NULL] {
        let error = compare(bad).unwrap_err();
        assert_eq!(field(&error, "code").as_string().as_deref(), Some("POLICY_VERSION_INVALID"));
    }
}

#[wasm_bindgen_test]
fn lifecycle_payment_wallet_use_credit_shapes() {
    let t = family::next_binding_state_js(JsValue::from_str("invited"), JsValue::from_str("confirm"), None).unwrap();
    assert_eq!(field(&t, "allowed").as_bool(), Some(true));
    assert_eq!(field(&t, "state").as_string().as_deref(), Some("reviewing"));
    assert_eq!(field(&t, "label").as_string().as_deref(), Some("审核中"));
    assert!(field(&t, "reason").is_null());
    let t = family::next_binding_state_js(JsValue::from_f64(3.0), JsValue::NULL, Some(JsValue::NULL)).unwrap();
    assert_eq!(field(&field(&t, "reason"), "code").as_string().as_deref(), Some("BIND_STATE_UNKNOWN"));

    let split = family::preview_payment_js(parse(
        r#"{"selfPay": "100.00", "ownBalance": "30", "holders": [{"psn_no": "62010000001", "psn_name": "王小明", "balc": "50"}]}"#,
    ))
    .unwrap();
    assert_eq!(field(&split, "ownAccount").as_string().as_deref(), Some("30.00"));
    assert_eq!(field(&split, "cash").as_string().as_deref(), Some("20.00"));
    let draw = js_sys::Array::from(&field(&split, "shared")).get(0);
    assert_eq!(field(&draw, "pay").as_string().as_deref(), Some("50.00"));
    assert_eq!(field(&draw, "psnName").as_string().as_deref(), Some("王*明"));
    let error = family::preview_payment_js(parse(r#"{"selfPay": "-1"}"#)).unwrap_err();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("PAY_AMOUNT_NEGATIVE"));

    let w = family::check_wallet_transfer_js(parse(
        r#"{"amount": "2500", "at": "2025-01-01 23:00:00", "transfersToday": 3, "pending": true}"#,
    ))
    .unwrap();
    assert_eq!(field(&w, "allowed").as_bool(), Some(false));
    assert_eq!(
        codes(&field(&w, "reasons")),
        ["WALLET_OVER_MAX", "WALLET_DAILY_LIMIT", "WALLET_NIGHT", "WALLET_PENDING"]
    );

    let u = family::check_use_js(parse(r#"{"use": "140104", "date": "2025-01-01", "region": "620102"}"#)).unwrap();
    assert_eq!(field(&u, "allowed").as_bool(), Some(true));
    assert_eq!(field(&u, "category").as_string().as_deref(), Some("chronicOutpatient"));

    let c =
        family::estimate_monthly_credit_js(parse(r#"{"psnType": "1201", "date": "2025-01-01", "region": "620102"}"#))
            .unwrap();
    assert_eq!(field(&c, "status").as_string().as_deref(), Some("unknown"));
    assert!(field(&c, "amount").is_null());
    assert_eq!(field(&c, "seeAccountHistory").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn relations_follow_the_locale() {
    wasm::set_locale("zh-Hant").unwrap();
    let name = family::relation_name("52");
    let list = js_sys::Array::from(&family::relations_js().unwrap());
    let states = js_sys::Array::from(&family::binding_states_js().unwrap());
    wasm::set_locale("zh-Hans").unwrap();
    assert_eq!(name.as_deref(), Some("母親"));
    assert_eq!(family::relation_name("52").as_deref(), Some("母亲"));
    assert_eq!(family::relation_name("98"), None);
    assert!(list.length() > 80);
    let first = list.get(0);
    assert_eq!(field(&first, "code").as_string().as_deref(), Some("01"));
    assert!(js_sys::Array::is_array(&field(&first, "groups")));
    assert_eq!(states.length(), 5);
    assert_eq!(field(&states.get(4), "label").as_string().as_deref(), Some("已解綁"));
}

#[wasm_bindgen_test]
fn cross_province_quota_shapes() {
    // 张伟 in 兰州 and his brother insured in 西安, after the 2026 notice: the wallet channel.
    let brother =
        REQUEST.replace("\"621102\"", "\"610113\"").replace("\"61\"", "\"71\"").replace("2025-01-01", "2026-06-01");
    let decision = family::check_binding_js(parse(&brother)).unwrap();
    assert_eq!(field(&decision, "eligible").as_bool(), Some(true));
    assert_eq!(field(&decision, "channel").as_string().as_deref(), Some("wallet"));
    assert_eq!(field(&field(&decision, "policy"), "id").as_string().as_deref(), Some("CN-2026"));

    let quotas = r#"[{"psn_no": "B", "amount": "300.00", "used": 120.5}, {"psn_no": "O", "amount": "200"}]"#;
    let q = family::check_quota_js(parse(&format!(
        r#"{{"balance": "1000.00", "quotas": {quotas}, "psnNo": "N", "amount": "620.51", "date": "2026-06-01", "region": "620102"}}"#
    )))
    .unwrap();
    assert_eq!(field(&q, "allowed").as_bool(), Some(false));
    assert_eq!(codes(&field(&q, "reasons")), ["QUOTA_OVER_AVAILABLE"]);
    assert_eq!(field(&q, "maxAmount").as_string().as_deref(), Some("620.50"));
    assert!(field(&q, "availableAfter").is_null());
    assert_eq!(field(&field(&q, "policy"), "id").as_string().as_deref(), Some("CN-2026"));

    let s = family::quota_summary_js(parse(&format!(r#"{{"balance": 1000, "quotas": {quotas}}}"#))).unwrap();
    assert_eq!(field(&s, "available").as_string().as_deref(), Some("620.50"));
    assert_eq!(field(&s, "unusedTotal").as_string().as_deref(), Some("379.50"));
    let first = js_sys::Array::from(&field(&s, "quotas")).get(0);
    assert_eq!(field(&first, "unused").as_string().as_deref(), Some("179.50"));
    assert_eq!(field(&first, "psnNo").as_string().as_deref(), Some("B"));

    let r = family::release_quota_js(parse(&format!(r#"{{"balance": "1000", "quotas": {quotas}, "psnNo": "B"}}"#)))
        .unwrap();
    assert_eq!(field(&r, "returned").as_string().as_deref(), Some("179.50"));
    assert_eq!(field(&r, "availableAfter").as_string().as_deref(), Some("800.00"));

    let e = family::relation_end_js(parse(
        r#"{"holder": {"insutype": "310", "psn_insu_stas": "1", "insuplc_admdvs": "620102"},
            "member": {"insutype": "310", "psn_insu_stas": "1", "insuplc_admdvs": "610402"},
            "holderRegionAtStart": "620102", "memberRegionAtStart": "610113", "date": "2026-06-01",
            "quota": {"psn_no": "B", "amount": "300", "used": "120.50"}}"#,
    ))
    .unwrap();
    assert_eq!(field(&e, "ends").as_bool(), Some(true));
    assert_eq!(field(&e, "event").as_string().as_deref(), Some("end"));
    assert_eq!(codes(&field(&e, "reasons")), ["BIND_END_MEMBER_MOVED"]);
    assert_eq!(field(&e, "quotaReturned").as_string().as_deref(), Some("179.50"));
    let t = family::next_binding_state_js(JsValue::from_str("active"), JsValue::from_str("end"), None).unwrap();
    assert_eq!(field(&t, "state").as_string().as_deref(), Some("unbound"));

    let split = family::preview_payment_js(parse(
        r#"{"selfPay": "500", "ownBalance": "100", "holders": [{"psn_no": "1", "psn_name": "张伟", "balc": "2000", "quota": "300"}]}"#,
    ))
    .unwrap();
    let draw = js_sys::Array::from(&field(&split, "shared")).get(0);
    assert_eq!(field(&draw, "channel").as_string().as_deref(), Some("wallet"));
    assert_eq!(field(&draw, "quotaAfter").as_string().as_deref(), Some("0.00"));
    assert_eq!(field(&split, "cash").as_string().as_deref(), Some("100.00"));

    // Junk is data or a coded error, never a trap.
    let q = family::check_quota_js(parse(r#"{"balance": [1], "quotas": 5, "amount": {}}"#)).unwrap();
    assert_eq!(field(&q, "allowed").as_bool(), Some(false));
    let error = family::quota_summary_js(JsValue::from_str("nonsense")).unwrap_err();
    assert_eq!(field(&error, "code").as_string().as_deref(), Some("BOUNDARY_BAD_ARGUMENT"));
    // The built-in set's detail texts: POLICY_SET_INVALID in Chinese, never serde's English.
    let error = PolicySet::from_json(&JsValue::from_str("{\"format\": 1,}")).err().unwrap();
    let message = field(&error, "message").as_string().unwrap();
    assert!(message.contains("第 1 行") && !message.contains("line"), "{message}");
}
