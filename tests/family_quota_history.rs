//! 共济额度 (quota) records in the account history: the data contract (`type: "quota"`, action
//! set | change | release), every ledger view (query items and sums, monthly, byMember, CSV)
//! and reconcile (a quota never changes `balc`; spending from it does), exact to the fen.
//! Expectations are worked out by hand from the 2026 notice's rules, not from the code.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::ledger::{Ledger, Query};
use gongji::Locale;
use proptest::prelude::*;
use serde_json::{json, Value};

const HOLDER: &str = "62010200000000000000233001";
const BROTHER: &str = "61011300000000000000752305";
const SON: &str = "62010200000000000000403707";
const OTHER: &str = "44030000000000000000100101";

fn quota(time: &str, action: &str, who: &str, amount: &str) -> Value {
    json!({"type": "quota", "time": time, "action": action, "psn_no": who, "psn_name": "张强", "amount": amount})
}

fn settlement(id: &str, time: &str, who: &str, mulaid: &str, acct: &str) -> Value {
    json!({"type": "settlement", "setl_id": id, "setl_time": time, "psn_no": who, "psn_name": "张强",
           "fixmedins_code": "P61011300021", "fixmedins_name": "西安市雁塔区惠民大药房", "med_type": "41",
           "medfee_sumamt": add(mulaid, acct), "fund_pay_sumamt": "0.00", "acct_pay": acct,
           "acct_mulaid_pay": mulaid, "psn_cash_pay": "0.00"})
}

fn fen(text: &str) -> i64 {
    let (whole, part) = text.split_once('.').unwrap_or((text, "00"));
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    sign * (whole.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + format!("{part:0<2}")[..2].parse::<i64>().unwrap())
}

fn text(fen: i64) -> String {
    gongji::Yuan::from_fen(fen).unwrap().to_string()
}

fn add(a: &str, b: &str) -> String {
    text(fen(a) + fen(b))
}

/// 张伟's history from March to November 2026: his brother's quota set, spent, raised, a
/// refund, spent again, released; a son bound in the province spends too.
fn history(release: bool, balc_delta: i64) -> Value {
    let mut records = vec![
        json!({"type": "credit", "time": "2026-03-10 02:00:00", "amount": "128.00", "period": "2026-03"}),
        quota("2026-03-02 09:30:00", "set", BROTHER, "600.00"),
        settlement("S1", "2026-04-18 16:20:00", BROTHER, "86.40", "0.00"),
        settlement("S2", "2026-05-03 19:20:00", SON, "33.20", "0.00"),
        quota("2026-07-15 20:10:00", "change", BROTHER, "800.00"),
        settlement("S3", "2026-08-23 10:05:00", BROTHER, "152.00", "0.00"),
        json!({"type": "refund", "setl_id": "S1", "setl_time": "2026-08-30 11:00:00", "medfee_sumamt": "-86.40",
               "fund_pay_sumamt": "0.00", "acct_pay": "0.00", "acct_mulaid_pay": "-86.40", "psn_cash_pay": "0.00"}),
    ];
    if release {
        records.push(quota("2026-11-01 08:00:00", "release", BROTHER, "648.00"));
    }
    // opening 1000.00 + 128.00 − 86.40 − 33.20 − 152.00 + 86.40 = 942.80: quotas do not count.
    json!({
        "account": {"psn_no": HOLDER, "psn_name": "张伟", "insutype": "310", "insuplc_admdvs": "620102",
                    "balc": text(94_280 + balc_delta), "opening_balc": "1000.00", "opening_date": "2026-01-01",
                    "as_of": "2026-12-02 08:00:00", "source": "online"},
        "members": [
            {"psn_no": SON, "psn_name": "张子涵", "relation": "20", "status": "active", "bound_at": "2023-02-10"},
            {"psn_no": BROTHER, "psn_name": "张强", "relation": "73", "status": "active", "bound_at": "2026-03-02", "channel": "wallet"},
        ],
        "records": records,
    })
}

fn load(value: &Value) -> Ledger {
    Ledger::from_json(&value.to_string()).unwrap()
}

fn query(value: Value) -> Query {
    serde_json::from_value(value).unwrap()
}

#[test]
fn quota_records_load_and_show_in_the_list_without_changing_the_balance() {
    let ledger = load(&history(true, 0));
    assert!(ledger.rejected().is_empty(), "{:?}", ledger.rejected());
    let result = ledger.query(&query(json!({"types": ["quota"], "order": "asc"})), Locale::Hans).unwrap();
    let rows: Vec<(String, &str, &str, String, String, String)> = result
        .items
        .iter()
        .map(|i| {
            (
                i.time.clone(),
                i.quota_action.unwrap(),
                i.quota_action_name.unwrap(),
                i.amount.to_string(),
                i.quota_change.unwrap().to_string(),
                i.account_change.to_string(),
            )
        })
        .collect();
    let want = [
        ("2026-03-02 09:30:00", "set", "设置额度", "600.00", "600.00", "0.00"),
        ("2026-07-15 20:10:00", "change", "调整额度", "800.00", "200.00", "0.00"),
        ("2026-11-01 08:00:00", "release", "释放额度", "648.00", "-648.00", "0.00"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(t, a, n, m, c, z)| (t.to_string(), *a, *n, m.to_string(), c.to_string(), z.to_string()))
        .collect();
    assert_eq!(rows, want);
    let first = &result.items[0];
    assert_eq!((first.kind, first.type_name), ("quota", "共济额度"));
    assert_eq!(first.member_id.as_deref(), Some(BROTHER));
    assert_eq!(first.member_name.as_deref(), Some("张*"));
    assert_eq!(first.relation_name.as_deref(), Some("弟"));
    assert_eq!(first.account_change_text, "¥0.00");
    // The sums: quotas net 600 + 200 − 648 = 152.00 (what was spent from them); no debit.
    assert_eq!(result.sums.quota.to_string(), "152.00");
    assert_eq!(
        (result.sums.acct_mulaid_pay.to_string(), result.sums.credit.to_string()),
        ("0.00".into(), "0.00".into())
    );
    let all = ledger.query(&query(json!({})), Locale::Hans).unwrap();
    assert_eq!(
        (all.sums.quota.to_string(), all.sums.acct_mulaid_pay.to_string(), all.total),
        ("152.00".into(), "185.20".into(), 8)
    );
    // A window: March to July holds the set and the raise only.
    let window = ledger.query(&query(json!({"from": "2026-03-01", "to": "2026-07-31"})), Locale::Hans).unwrap();
    assert_eq!(window.sums.quota.to_string(), "800.00");
    let hant = ledger.query(&query(json!({"types": ["quota"], "limit": 1})), Locale::Hant).unwrap();
    assert_eq!((hant.items[0].type_name, hant.items[0].quota_action_name), ("共濟額度", Some("釋放額度")));
}

#[test]
fn monthly_and_by_member_carry_the_quota() {
    let ledger = load(&history(false, 0));
    let months = ledger.monthly(&query(json!({}))).unwrap();
    let got: Vec<(String, String, String, String)> = months
        .iter()
        .map(|m| (m.month.clone(), m.quota.to_string(), m.spent_family.to_string(), m.net.to_string()))
        .collect();
    let want = [
        ("2026-03", "600.00", "0.00", "128.00"),
        ("2026-04", "0.00", "86.40", "-86.40"),
        ("2026-05", "0.00", "33.20", "-33.20"),
        ("2026-07", "200.00", "0.00", "0.00"),
        ("2026-08", "0.00", "65.60", "-65.60"),
    ];
    let want: Vec<_> =
        want.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
    assert_eq!(got, want);

    let members = ledger.by_member(&query(json!({})), Locale::Hans).unwrap();
    let brother = members.iter().find(|m| m.member_id == BROTHER).unwrap();
    assert_eq!(
        (
            brother.quota.to_string(),
            brother.quota_amount.map(|y| y.to_string()),
            brother.quota_used.map(|y| y.to_string()),
            brother.quota_unused.map(|y| y.to_string()),
            brother.acct_mulaid_pay.to_string(),
            brother.count,
        ),
        ("800.00".into(), Some("800.00".into()), Some("152.00".into()), Some("648.00".into()), "152.00".into(), 5)
    );
    let son = members.iter().find(|m| m.member_id == SON).unwrap();
    assert_eq!((son.quota.to_string(), son.quota_unused), ("0.00".into(), None), "no quota for a province binding");
    // Σ over people equals the sums of the match.
    let total: i64 = members.iter().map(|m| m.quota.to_fen()).sum();
    assert_eq!(total, fen("800.00"));
    // Released: nothing is kept any more.
    let released = load(&history(true, 0)).by_member(&query(json!({"members": [BROTHER]})), Locale::Hans).unwrap();
    assert_eq!(
        (released[0].quota_amount.map(|y| y.to_string()), released[0].quota_unused.map(|y| y.to_string())),
        (Some("0.00".into()), Some("0.00".into()))
    );
}

#[test]
fn reconcile_ignores_quotas_in_the_balance_and_keeps_the_unused_aside() {
    // (release?, balc off by, ok, difference, quotaUnused, available)
    let table = [
        (false, 0, true, "0.00", "648.00", "294.80"),
        (true, 0, true, "0.00", "0.00", "942.80"),
        (false, 1, false, "0.01", "648.00", "294.81"),
        (false, -94_280 + 10_000, false, "-842.80", "648.00", "0.00"),
    ];
    for (release, off, ok, difference, unused, available) in table {
        let r = load(&history(release, off)).reconcile(Locale::Hans).unwrap();
        assert_eq!(
            (r.ok, r.difference.to_string(), r.quota_unused.to_string(), r.available.to_string()),
            (ok, difference.to_string(), unused.to_string(), available.to_string()),
            "release {release} off {off}"
        );
        assert!(r.anomalies.is_empty(), "{:?}", r.anomalies);
    }
}

#[test]
fn reconcile_finds_overspent_quotas_and_releases_that_do_not_add_up() {
    let mut value = history(false, 0);
    let records = value["records"].as_array_mut().unwrap();
    records.push(quota("2026-09-01 09:00:00", "set", OTHER, "200.00"));
    records.push(settlement("S4", "2026-09-02 09:00:00", OTHER, "150.00", "0.00"));
    records.push(settlement("S5", "2026-09-03 09:00:00", OTHER, "100.00", "0.00"));
    records.push(settlement("S6", "2026-09-04 09:00:00", OTHER, "1.00", "0.00"));
    // Overspent: nothing is left, yet the release says 10.00 came back.
    records.push(quota("2026-09-05 09:00:00", "release", OTHER, "10.00"));
    value["account"]["balc"] = json!(text(94_280 - 25_100));
    value["members"].as_array_mut().unwrap().push(
        json!({"psn_no": OTHER, "psn_name": "张三", "relation": "75", "status": "active", "bound_at": "2026-09-01"}),
    );
    let ledger = load(&value);
    let r = ledger.reconcile(Locale::Hans).unwrap();
    let found: Vec<(u32, &str, Option<&str>)> =
        r.anomalies.iter().map(|a| (a.index, a.code, a.setl_id.as_deref())).collect();
    assert_eq!(found, [(9, "LEDGER_QUOTA_OVERSPENT", Some("S5")), (11, "LEDGER_QUOTA_RELEASE_MISMATCH", None)]);
    assert!(!r.ok && r.difference.is_zero());
    assert!(r.anomalies[0].message.contains("共济额度"), "{}", r.anomalies[0].message);
    assert_eq!(r.quota_unused.to_string(), "648.00");
}

#[test]
fn malformed_quota_records_are_set_aside_and_the_rest_load() {
    let mut value = history(false, 0);
    let records = value["records"].as_array_mut().unwrap();
    let bad = [
        json!({"type": "quota", "time": "2026-09-01 09:00:00", "psn_no": BROTHER, "amount": "1.00"}),
        json!({"type": "quota", "time": "2026-09-01 09:00:00", "action": "raise", "psn_no": BROTHER, "amount": "1.00"}),
        json!({"type": "quota", "time": "2026-09-01 09:00:00", "action": "set", "psn_no": BROTHER, "amount": "-1.00"}),
        json!({"type": "quota", "time": "2026-09-01 09:00:00", "action": "set", "amount": "1.00"}),
        json!({"type": "quota", "action": "set", "psn_no": BROTHER, "amount": "1.00"}),
        json!({"type": "quota", "time": "2026-09-01 09:00:00", "action": 1, "psn_no": BROTHER, "amount": "1.00"}),
    ];
    let first = records.len() as u32;
    records.extend(bad);
    let ledger = load(&value);
    let rejected: Vec<(u32, &str, Option<&str>)> =
        ledger.rejected().iter().map(|r| (r.index, r.code.as_str(), r.field)).collect();
    assert_eq!(
        rejected,
        [
            (first, "LEDGER_RECORD_MISSING_FIELD", Some("action")),
            (first + 1, "LEDGER_RECORD_BAD_FIELD", Some("action")),
            (first + 2, "LEDGER_RECORD_BAD_AMOUNT", Some("amount")),
            (first + 3, "LEDGER_RECORD_MISSING_FIELD", Some("psn_no")),
            (first + 4, "LEDGER_RECORD_MISSING_FIELD", Some("time")),
            (first + 5, "LEDGER_RECORD_BAD_FIELD", Some("action")),
        ]
    );
    assert_eq!(ledger.len(), 7);
    assert!(ledger.reconcile(Locale::Hans).unwrap().ok);
}

#[test]
fn the_statement_writes_quota_rows_with_their_action_and_amount() {
    let ledger = load(&history(true, 0));
    let csv =
        ledger.to_csv(&query(json!({"types": ["quota"], "order": "asc", "unmasked": true})), Locale::Hans).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "2026-03-02 09:30:00,共济额度·设置额度 600.00,张强,弟,,,,0.00,,,,,",
            "2026-07-15 20:10:00,共济额度·调整额度 800.00,张强,弟,,,,0.00,,,,,",
            "2026-11-01 08:00:00,共济额度·释放额度 648.00,张强,弟,,,,0.00,,,,,",
        ]
    );
}

proptest! {
    #[test]
    fn reconcile_stays_balanced_with_quota_records(
        events in prop::collection::vec((0u8..4, 0i64..50_000, 0usize..3), 0..40),
    ) {
        // Random credits, spending by two wallet relatives and quota actions; the balance is
        // computed without the quotas, as the contract says, so reconcile must balance.
        let people = [BROTHER, OTHER, SON];
        let mut records = Vec::new();
        let mut balance: i64 = 1_000_000;
        let mut state = [(0i64, 0i64); 3]; // (quota, used) per person, a model of the rules
        let mut sum_delta: i64 = 0;
        for (i, (kind, amount, who)) in events.iter().enumerate() {
            let time = format!("2026-{:02}-{:02} 10:{:02}:00", 1 + i / 28 % 12, 1 + i % 28, i % 60);
            let who_no = people[*who];
            match kind {
                0 => {
                    records.push(json!({"type": "credit", "time": time, "amount": text(*amount)}));
                    balance += amount;
                }
                1 => {
                    records.push(settlement(&format!("S{i}"), &time, who_no, &text(*amount), "0.00"));
                    balance -= amount;
                    if state[*who].0 > 0 { state[*who].1 += amount; }
                }
                2 => {
                    let action = if state[*who].0 > 0 { "change" } else { "set" };
                    records.push(quota(&time, action, who_no, &text(*amount)));
                    if state[*who].0 == 0 { state[*who].1 = 0; }
                    sum_delta += amount - state[*who].0;
                    state[*who].0 = *amount;
                }
                _ => {
                    let unused = (state[*who].0 - state[*who].1).max(0);
                    records.push(quota(&time, "release", who_no, &text(unused)));
                    sum_delta -= unused;
                    state[*who] = (0, 0);
                }
            }
        }
        let value = json!({
            "account": {"psn_no": HOLDER, "psn_name": "张伟", "balc": text(balance), "opening_balc": "10000.00"},
            "members": people.iter().map(|p| json!({"psn_no": p, "relation": "73", "status": "active"})).collect::<Vec<_>>(),
            "records": records,
        });
        let ledger = load(&value);
        prop_assert!(ledger.rejected().is_empty());
        let r = ledger.reconcile(Locale::Hans).unwrap();
        prop_assert!(r.difference.is_zero());
        let unused: i64 = state.iter().map(|(q, u)| (q - u).max(0)).sum();
        prop_assert_eq!(r.quota_unused.to_fen(), unused);
        prop_assert_eq!(r.available.to_fen(), (balance - unused).max(0));
        prop_assert!(!r.available.is_negative());
        let all = ledger.query(&query(json!({"limit": 0})), Locale::Hans).unwrap();
        prop_assert_eq!(all.sums.quota.to_fen(), sum_delta);
        let monthly: i64 = ledger.monthly(&query(json!({}))).unwrap().iter().map(|m| m.quota.to_fen()).sum();
        prop_assert_eq!(monthly, sum_delta);
    }
}
