//! Display text is safe text (issue 11): bidi controls, zero-width and other invisible format
//! characters and C0/C1 controls sent in any text field of a history never reach a display
//! field the ledger returns — query items, by-member totals, anomalies, freshness, rejections —
//! nor a CSV cell. The ledger cleans its text once, at load (`gongji::text::display_safe`);
//! these tests plant the characters in one field at a time and look at every output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::ledger::{FreshnessOptions, Ledger, Query};
use gongji::text::is_display_safe;
use gongji::Locale;
use serde_json::{json, Value};

/// What a spoofer would send: an override that reverses what follows, isolates, marks,
/// zero-width characters, a BOM, a C1 control and an escape.
const NASTY: [&str; 10] = [
    "\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{0085}",
    "\u{1B}",
];

/// `clean` with one nasty character planted after each of its characters, in turn.
fn spoiled(clean: &str) -> String {
    clean.chars().enumerate().map(|(i, c)| format!("{c}{}", NASTY[i % NASTY.len()])).collect()
}

/// The clean text a spoiled value loads as (the C1 NEL becomes a space, the rest go).
fn loaded(clean: &str) -> String {
    clean.chars().enumerate().map(|(i, c)| if i % NASTY.len() == 8 { format!("{c} ") } else { c.to_string() }).collect()
}

/// A small history: the holder, one member, a stranger, an institution, each record type,
/// and a refund whose settlement is missing (so reconcile reports an anomaly with its setl_id).
fn history(values: &Value) -> String {
    let v = |key: &str, default: &str| values.get(key).and_then(Value::as_str).unwrap_or(default).to_string();
    json!({
        "account": {"psn_no": v("holder_no", "H1"), "psn_name": v("holder_name", "张建国"), "balc": "-100.00",
                    "opening_balc": "0", "insuplc_admdvs": "621102", "as_of": "2025-03-01 08:00:00", "source": "online"},
        "members": [{"psn_no": v("member_no", "M1"), "psn_name": v("member_name", "李秀英"),
                     "relation": v("relation", "10"), "status": "active"}],
        "records": [
            {"type": "credit", "time": "2025-01-15 08:00:00", "amount": "100.00", "period": "2025-01"},
            {"type": "transfer", "time": "2025-01-16 08:00:00", "amount": "50.00",
             "to_psn_no": v("to_no", "M1"), "to_psn_name": v("to_name", "李秀英")},
            {"type": "settlement", "setl_id": v("setl_id", "S1"), "setl_time": "2025-02-01 10:00:00",
             "psn_no": v("settled_no", "M1"), "psn_name": v("settled_name", "李秀英"),
             "fixmedins_code": v("inst_code", "H62110200001"), "fixmedins_name": v("inst_name", "定西市人民医院"),
             "med_type": v("med_type", "11"), "medfee_sumamt": "150.00", "fund_pay_sumamt": "0",
             "acct_pay": "0", "acct_mulaid_pay": "150.00", "psn_cash_pay": "0"},
            {"type": "refund", "setl_id": v("refund_setl_id", "S9"), "setl_time": "2025-02-03 10:00:00",
             "medfee_sumamt": "-0", "fund_pay_sumamt": "0", "acct_pay": "0", "acct_mulaid_pay": "0", "psn_cash_pay": "0"},
            {"type": "contribution", "time": "2025-02-05 08:00:00", "amount": "0", "psn_no": v("contrib_no", "M1"),
             "psn_name": v("contrib_name", "李秀英"), "year": 2025}
        ]
    })
    .to_string()
}

/// Every string of every output, masked and unmasked, in both scripts, plus every CSV cell.
fn every_display_string(ledger: &Ledger) -> Vec<String> {
    fn strings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
            Value::Object(map) => map.values().for_each(|item| strings(item, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for locale in [Locale::Hans, Locale::Hant] {
        for unmasked in [false, true] {
            let q: Query = serde_json::from_value(json!({"unmasked": unmasked, "order": "asc"})).unwrap();
            strings(&serde_json::to_value(ledger.query(&q, locale).unwrap()).unwrap(), &mut out);
            strings(&serde_json::to_value(ledger.by_member(&q, locale).unwrap()).unwrap(), &mut out);
            strings(&serde_json::to_value(ledger.monthly(&q).unwrap()).unwrap(), &mut out);
            out.extend(
                ledger.to_csv(&q, locale).unwrap().trim_start_matches('\u{FEFF}').split("\r\n").map(str::to_string),
            );
        }
        strings(&serde_json::to_value(ledger.reconcile(locale).unwrap()).unwrap(), &mut out);
        let fresh = ledger.freshness("2025-03-01 09:00:00", &FreshnessOptions::default(), locale).unwrap();
        strings(&serde_json::to_value(fresh).unwrap(), &mut out);
        strings(
            &serde_json::to_value(ledger.rejected().iter().map(|r| r.view(locale)).collect::<Vec<_>>()).unwrap(),
            &mut out,
        );
    }
    out
}

fn item_field(ledger: &Ledger, index: u32, field: &str) -> Value {
    let q: Query = serde_json::from_value(json!({"unmasked": true})).unwrap();
    let items = serde_json::to_value(ledger.query(&q, Locale::Hans).unwrap().items).unwrap();
    let item =
        items.as_array().unwrap().iter().find(|i| i["index"] == index).unwrap_or_else(|| panic!("no item {index}"));
    item[field].clone()
}

fn member_field(ledger: &Ledger, role: &str, field: &str) -> Value {
    let q: Query = serde_json::from_value(json!({"unmasked": true})).unwrap();
    let members = serde_json::to_value(ledger.by_member(&q, Locale::Hans).unwrap()).unwrap();
    members.as_array().unwrap().iter().find(|m| m["role"] == role).unwrap_or_else(|| panic!("no {role}"))[field].clone()
}

#[test]
fn every_text_field_of_a_history_loads_display_safe() {
    type Check = fn(&Ledger, &str);
    // (the input field spoiled, its clean value, where the clean value must show up)
    let table: Vec<(&str, &str, Check)> = vec![
        ("holder_name", "张建国", |l, want| assert_eq!(item_field(l, 0, "memberName"), want)),
        ("member_name", "李秀英", |l, want| assert_eq!(member_field(l, "member", "memberName"), want)),
        // A settlement for someone the members list does not name (X9): its own name is shown.
        ("settled_name", "王小明", |l, want| {
            assert_eq!(item_field(l, 2, "memberName"), want);
            assert_eq!(item_field(l, 2, "role"), "other");
        }),
        ("to_name", "李秀英", |l, want| assert_eq!(item_field(l, 1, "memberName"), want)),
        ("inst_name", "定西市人民医院", |l, want| {
            assert_eq!(item_field(l, 2, "institutionName"), want);
            let csv = l.to_csv(&Query::default(), Locale::Hans).unwrap();
            assert!(csv.contains(&format!(",{want},")), "{csv}");
        }),
        ("inst_code", "H62110200001", |l, want| assert_eq!(item_field(l, 2, "institutionCode"), want)),
        ("med_type", "14", |l, want| {
            assert_eq!(item_field(l, 2, "medType"), want);
            assert_eq!(item_field(l, 2, "medTypeGroup"), "14");
        }),
        ("setl_id", "S1", |l, want| assert_eq!(item_field(l, 2, "setlId"), want)),
        ("refund_setl_id", "S9", |l, want| {
            let report = l.reconcile(Locale::Hans).unwrap();
            let orphan = report.anomalies.iter().find(|a| a.code == "LEDGER_ORPHAN_REFUND").unwrap();
            assert_eq!(orphan.setl_id.as_deref(), Some(want));
        }),
        ("relation", "10", |l, want| {
            assert_eq!(member_field(l, "member", "relation"), want);
            assert_eq!(member_field(l, "member", "relationName"), "配偶");
        }),
        ("holder_no", "H1", |l, want| assert_eq!(member_field(l, "holder", "memberId"), want)),
        ("member_no", "M1", |l, want| {
            // The record's M1 is the member the list names, whichever side carried the characters.
            assert_eq!(member_field(l, "member", "memberId"), want);
            assert_eq!(item_field(l, 2, "role"), "member");
        }),
        ("settled_no", "M1", |l, want| {
            assert_eq!(item_field(l, 2, "memberId"), want);
            assert_eq!(item_field(l, 2, "role"), "member");
        }),
        ("to_no", "M1", |l, want| assert_eq!(item_field(l, 1, "memberId"), want)),
        ("contrib_no", "M1", |l, want| assert_eq!(item_field(l, 4, "memberId"), want)),
        ("contrib_name", "李秀英", |l, want| assert_eq!(item_field(l, 4, "memberName"), want)),
    ];
    for (field, clean, check) in table {
        // Codes and ids carry no C1 NEL in this test: it would load as a space.
        let dirty = if clean.is_ascii() { spoiled(clean).replace('\u{0085}', "") } else { spoiled(clean) };
        assert_ne!(dirty, clean);
        let mut values = json!({ field: dirty });
        if field == "settled_name" {
            values["settled_no"] = json!("X9");
        }
        let ledger = Ledger::from_json(&history(&values)).unwrap();
        assert!(ledger.rejected().is_empty(), "{field}: {:?}", ledger.rejected());
        for text in every_display_string(&ledger) {
            assert!(is_display_safe(&text), "{field}: {text:?}");
        }
        let want = if clean.is_ascii() { clean.to_string() } else { loaded(clean) };
        check(&ledger, &want);
    }
}

#[test]
fn an_invisible_character_cannot_hide_a_formula_from_the_csv_check() {
    for name in ["\u{200B}=HYPERLINK(\"http://x\")", "\u{202E}+1", "\u{FEFF}@SUM(A1)", "\u{0000}-1"] {
        let ledger = Ledger::from_json(&history(&json!({ "inst_name": name }))).unwrap();
        let csv = ledger.to_csv(&Query::default(), Locale::Hans).unwrap();
        let line = csv.split("\r\n").find(|l| l.contains("S1")).unwrap();
        let cell = line.split(',').nth(5).unwrap();
        assert!(cell.starts_with("'") || cell.starts_with("\"'"), "{name:?} → {cell:?}");
    }
}

#[test]
fn queries_match_the_cleaned_text() {
    let ledger =
        Ledger::from_json(&history(&json!({ "settled_no": "M\u{200B}1", "inst_name": "定西\u{202E}市人民医院" })))
            .unwrap();
    let count = |q: Value| ledger.query(&serde_json::from_value(q).unwrap(), Locale::Hans).unwrap().total;
    // What a shell sends, with or without the invisible characters, finds the same rows.
    assert_eq!(count(json!({"members": ["M1"], "types": ["settlement"]})), 1);
    assert_eq!(count(json!({"members": ["M\u{2060}1"], "types": ["settlement"]})), 1);
    assert_eq!(count(json!({"institution": "定西市人民医院"})), 1);
    assert_eq!(count(json!({"institution": "\u{200E}定西市人民医院"})), 1);
    assert_eq!(count(json!({"text": "西市"})), 1);
    assert_eq!(count(json!({"text": "西\u{202E}市"})), 1);
}
