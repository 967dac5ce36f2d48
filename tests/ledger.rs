//! Ledger integration tests on seeded generated histories: loading and rejection, query sums
//! against an independent integer-fen computation, paging and order, monthly and per-member
//! totals, reconciliation, freshness, CSV, and junk that must never panic.

// Helpers outside #[test] functions may unwrap and index too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod ledger_support;

use gongji::ledger::{FreshnessOptions, Ledger, Query};
use gongji::{Code, Locale};
use ledger_support::{generate, group, History, Plan, Truth, HOLDER, HOLDER_NAME, INSTITUTIONS, MEMBERS};
use serde_json::json;

fn fen_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.unsigned_abs() / 100, fen.unsigned_abs() % 100)
}

fn load(history: &History) -> Ledger {
    Ledger::from_json(&history.json).unwrap_or_else(|e| panic!("load failed: {e}"))
}

fn query(value: serde_json::Value) -> Query {
    serde_json::from_value(value).unwrap()
}

type Predicate = Box<dyn Fn(&Truth) -> bool>;

/// The filter table: (name, query, the same filter written independently on the truth).
fn filter_cases() -> Vec<(&'static str, serde_json::Value, Predicate)> {
    let spouse = MEMBERS[0].0;
    vec![
        ("everything", json!({}), Box::new(|_: &Truth| true)),
        (
            "date range",
            json!({"from": "2022-03-01", "to": "2022-06-30"}),
            Box::new(|t: &Truth| &t.time[..10] >= "2022-03-01" && &t.time[..10] <= "2022-06-30"),
        ),
        (
            "single day",
            json!({"from": "2023-01-15", "to": "2023-01-15"}),
            Box::new(|t: &Truth| &t.time[..10] == "2023-01-15"),
        ),
        ("from only", json!({"from": "2024-07-01"}), Box::new(|t: &Truth| &t.time[..10] >= "2024-07-01")),
        ("to only", json!({"to": "2021-02-28"}), Box::new(|t: &Truth| &t.time[..10] <= "2021-02-28")),
        ("one member", json!({"members": [spouse]}), Box::new(move |t: &Truth| t.psn_no == spouse)),
        (
            "holder and unbound member",
            json!({"members": [HOLDER, MEMBERS[3].0]}),
            Box::new(|t: &Truth| t.psn_no == HOLDER || t.psn_no == MEMBERS[3].0),
        ),
        (
            "types",
            json!({"types": ["credit", "transfer"]}),
            Box::new(|t: &Truth| t.kind == "credit" || t.kind == "transfer"),
        ),
        ("refunds", json!({"types": ["refund"]}), Box::new(|t: &Truth| t.kind == "refund")),
        (
            "med type 14 and its sub-codes",
            json!({"medTypes": ["14"]}),
            Box::new(|t: &Truth| !t.med_type.is_empty() && group(&t.med_type) == "14"),
        ),
        (
            "med type other",
            json!({"medTypes": ["other", "41"]}),
            Box::new(|t: &Truth| !t.med_type.is_empty() && matches!(group(&t.med_type), "other" | "41")),
        ),
        ("institution", json!({"institution": INSTITUTIONS[0].0}), Box::new(|t: &Truth| t.institution == 0)),
        (
            "text: institution",
            json!({"text": "定西"}),
            Box::new(|t: &Truth| t.institution < INSTITUTIONS.len() && INSTITUTIONS[t.institution].1.contains("定西")),
        ),
        (
            "text: member name",
            json!({"text": "张"}),
            Box::new(|t: &Truth| {
                t.name.contains('张')
                    || (t.institution < INSTITUTIONS.len() && INSTITUTIONS[t.institution].1.contains('张'))
            }),
        ),
        (
            "amount range",
            json!({"minAmount": "100", "maxAmount": "500.00"}),
            Box::new(|t: &Truth| (10_000..=50_000).contains(&t.headline().abs())),
        ),
        (
            "range + member (the bench query)",
            json!({"from": "2022-01-01", "to": "2023-12-31", "members": [HOLDER, spouse], "limit": 20}),
            Box::new(move |t: &Truth| {
                &t.time[..10] >= "2022-01-01"
                    && &t.time[..10] <= "2023-12-31"
                    && (t.psn_no == HOLDER || t.psn_no == spouse)
            }),
        ),
        (
            "every filter at once",
            json!({
                "from": "2021-06-01", "to": "2024-06-30",
                "members": [HOLDER, spouse, MEMBERS[1].0],
                "types": ["settlement", "refund", "transfer"],
                "medTypes": ["14", "11", "other"],
                "text": "定西",
                "minAmount": "10", "maxAmount": "1500"
            }),
            Box::new(move |t: &Truth| {
                &t.time[..10] >= "2021-06-01"
                    && &t.time[..10] <= "2024-06-30"
                    && (t.psn_no == HOLDER || t.psn_no == spouse || t.psn_no == MEMBERS[1].0)
                    && matches!(t.kind, "settlement" | "refund" | "transfer")
                    && !t.med_type.is_empty()
                    && matches!(group(&t.med_type), "14" | "11" | "other")
                    && (t.name.contains("定西")
                        || (t.institution < INSTITUTIONS.len() && INSTITUTIONS[t.institution].1.contains("定西")))
                    && (1_000..=150_000).contains(&t.headline().abs())
            }),
        ),
        (
            "members and text on a name",
            json!({"members": [MEMBERS[1].0, MEMBERS[2].0], "text": "张", "types": ["transfer", "contribution", "settlement"]}),
            Box::new(|t: &Truth| {
                (t.psn_no == MEMBERS[1].0 || t.psn_no == MEMBERS[2].0)
                    && matches!(t.kind, "transfer" | "contribution" | "settlement")
                    && (t.name.contains('张')
                        || (t.institution < INSTITUTIONS.len() && INSTITUTIONS[t.institution].1.contains('张')))
            }),
        ),
        ("nothing", json!({"from": "2030-01-01"}), Box::new(|_: &Truth| false)),
        ("reversed range", json!({"from": "2023-01-01", "to": "2022-01-01"}), Box::new(|_: &Truth| false)),
    ]
}

#[derive(Default, Debug, PartialEq)]
struct Expected {
    credit: i64,
    transfer: i64,
    contribution: i64,
    medfee: i64,
    fund: i64,
    acct: i64,
    mulaid: i64,
    cash: i64,
}

fn expected(matches: &[&Truth]) -> Expected {
    let mut e = Expected::default();
    for t in matches {
        match t.kind {
            "credit" => e.credit += t.amount,
            "transfer" => e.transfer += t.amount,
            "contribution" => e.contribution += t.amount,
            _ => {
                e.medfee += t.medfee;
                e.fund += t.fund;
                e.acct += t.acct;
                e.mulaid += t.mulaid;
                e.cash += t.cash;
            }
        }
    }
    e
}

#[test]
fn query_sums_equal_an_independent_fen_computation() {
    for seed in [1, 2, 3, 17] {
        let history = generate(&Plan {
            seed,
            records: 1500,
            anomalies: seed % 2 == 1,
            malformed: seed % 3 == 0,
            ..Plan::default()
        });
        let ledger = load(&history);
        for (name, q, predicate) in filter_cases() {
            let matches: Vec<&Truth> = history.counted().filter(|t| predicate(t)).collect();
            let result = ledger.query(&query(q.clone()), Locale::Hans).unwrap();
            assert_eq!(result.total as usize, matches.len(), "seed {seed} {name}: total");
            let e = expected(&matches);
            let s = &result.sums;
            let got = [
                &s.credit,
                &s.transfer,
                &s.contribution,
                &s.medfee_sumamt,
                &s.fund_pay_sumamt,
                &s.acct_pay,
                &s.acct_mulaid_pay,
                &s.psn_cash_pay,
            ]
            .map(|y| y.to_string());
            let want = [e.credit, e.transfer, e.contribution, e.medfee, e.fund, e.acct, e.mulaid, e.cash].map(fen_text);
            assert_eq!(got, want, "seed {seed} {name}: sums");
        }
    }
}

#[test]
fn pages_follow_the_order_and_carry_the_right_records() {
    let history = generate(&Plan { seed: 5, records: 800, ..Plan::default() });
    let ledger = load(&history);
    let mut all: Vec<&Truth> = history.counted().collect();
    all.sort_by(|a, b| (&a.time, a.index).cmp(&(&b.time, b.index)));
    let table: [(Option<&str>, u32, u32); 5] =
        [(None, 0, 50), (Some("desc"), 40, 25), (Some("asc"), 0, 10), (Some("asc"), 795, 50), (None, 10_000, 5)];
    for (order, offset, limit) in table {
        let mut q = json!({"offset": offset, "limit": limit});
        if let Some(order) = order {
            q["order"] = json!(order);
        }
        let result = ledger.query(&query(q), Locale::Hans).unwrap();
        let ordered: Vec<&Truth> = if order == Some("asc") { all.clone() } else { all.iter().rev().copied().collect() };
        let want: Vec<u32> = ordered.iter().skip(offset as usize).take(limit as usize).map(|t| t.index).collect();
        let got: Vec<u32> = result.items.iter().map(|i| i.index).collect();
        assert_eq!(got, want, "{order:?} {offset} {limit}");
        for (item, truth) in result.items.iter().zip(ordered.iter().skip(offset as usize)) {
            assert_eq!(item.time, truth.time);
            assert_eq!(item.kind, truth.kind);
            assert_eq!(item.amount.to_string(), fen_text(truth.headline()));
            assert_eq!(item.account_change.to_string(), fen_text(truth.change()));
        }
    }
    assert_eq!(ledger.query(&query(json!({"limit": 0})), Locale::Hans).unwrap().items.len(), 0);
}

#[test]
fn items_are_display_ready_and_never_carry_raw_names_or_certno() {
    let history = generate(&Plan { seed: 9, records: 600, anomalies: true, ..Plan::default() });
    let ledger = load(&history);
    let result = ledger.query(&query(json!({"limit": 10_000})), Locale::Hans).unwrap();
    let text = serde_json::to_string(&result).unwrap();
    for name in [HOLDER_NAME, MEMBERS[0].1, MEMBERS[1].1, MEMBERS[2].1, MEMBERS[3].1, "赵某某"] {
        assert!(!text.contains(name), "raw name in items");
    }
    assert!(!text.contains("62110219800101123X"), "certno in items");
    for item in &result.items {
        assert!(item.amount_text.contains('¥'));
        if item.kind == "settlement" {
            // The generator's med_types and their groups' names (national platform med_type table).
            let (group_want, name_want) = match item.med_type.as_deref().unwrap() {
                "11" => ("11", "普通门诊"),
                "13" => ("13", "急诊"),
                "14" | "140104" | "140201" => ("14", "门诊慢特病"),
                "21" => ("21", "普通住院"),
                "41" => ("41", "定点药店购药"),
                "9901" | "77" => ("other", "其他"),
                other => panic!("the generator sent no med_type {other}"),
            };
            assert_eq!(item.med_type_group, Some(group_want));
            assert_eq!(item.med_type_name, Some(name_want));
            assert!(item.member_name.as_deref().unwrap().contains('*'));
            assert!(item.institution_name.is_some() && item.setl_id.is_some() && item.split.is_some());
        }
        if item.role == Some("holder") {
            assert_eq!(item.relation_name.as_deref(), Some("本人"));
        }
        if item.member_id.as_deref() == Some(MEMBERS[0].0) {
            // The relation table may not know the code yet: then the code itself is shown.
            let shown = item.relation_name.as_deref().unwrap();
            assert!(shown == "10" || shown == "配偶", "{shown}");
        }
    }
    let unmasked =
        ledger.query(&query(json!({"members": [HOLDER], "limit": 1, "unmasked": true})), Locale::Hans).unwrap();
    assert_eq!(unmasked.items[0].member_name.as_deref(), Some(HOLDER_NAME));
}

#[test]
fn day_bounds_are_compared_on_the_china_time_strings() {
    // Records at the very edges of days: whatever the device's zone, a record stamped
    // "2024-03-31 23:59:59" belongs to 31 March and "2024-04-01 00:00:00" to 1 April.
    let times = [
        "2024-02-29 23:59:59",
        "2024-03-01 00:00:00",
        "2024-03-15 12:00:00",
        "2024-03-31 23:59:59",
        "2024-04-01 00:00:00",
    ];
    let records: Vec<String> =
        times.iter().map(|t| format!(r#"{{"type":"credit","time":"{t}","amount":"1.00"}}"#)).collect();
    let text = format!(
        r#"{{"account":{{"psn_no":"P1","balc":"5.00","opening_balc":"0"}},"members":[],"records":[{}]}}"#,
        records.join(",")
    );
    let ledger = Ledger::from_json(&text).unwrap();
    let table: [(Option<&str>, Option<&str>, &[usize]); 6] = [
        (Some("2024-03-01"), Some("2024-03-31"), &[1, 2, 3]),
        (Some("2024-02-29"), Some("2024-02-29"), &[0]),
        (Some("2024-04-01"), None, &[4]),
        (None, Some("2024-02-29"), &[0]),
        (Some("2024-03-31"), Some("2024-04-01"), &[3, 4]),
        (None, None, &[0, 1, 2, 3, 4]),
    ];
    for (from, to, want) in table {
        let result = ledger.query(&query(json!({"from": from, "to": to, "order": "asc"})), Locale::Hans).unwrap();
        let got: Vec<usize> = result.items.iter().map(|i| i.index as usize).collect();
        assert_eq!(got, want, "{from:?}..{to:?}");
        assert_eq!(
            result.items.iter().map(|i| i.time.as_str()).collect::<Vec<_>>(),
            want.iter().map(|&i| times[i]).collect::<Vec<_>>()
        );
    }
}

#[test]
fn bad_query_arguments_are_coded() {
    let history = generate(&Plan { seed: 2, records: 50, ..Plan::default() });
    let ledger = load(&history);
    let table = [
        json!({"from": "2024-13-01"}),
        json!({"to": "2024/01/01"}),
        json!({"types": ["credit", "bonus"]}),
        json!({"minAmount": "abc"}),
        json!({"maxAmount": "1.234"}),
    ];
    for q in table {
        let error = ledger.query(&query(q.clone()), Locale::Hans).unwrap_err();
        assert_eq!(error.code, Code::LedgerBadQuery, "{q}");
    }
}

#[test]
fn every_planted_malformed_record_is_rejected_with_its_index_and_code() {
    for seed in [3, 6, 12] {
        let history = generate(&Plan { seed, records: 1200, malformed: true, anomalies: true, ..Plan::default() });
        assert!(history.malformed.len() >= 16, "the plan should plant every kind of fault");
        let ledger = load(&history);
        let got: Vec<(u32, &str, Option<&str>)> =
            ledger.rejected().iter().map(|r| (r.index, r.code.as_str(), r.field)).collect();
        assert_eq!(got, history.malformed, "seed {seed}");
        assert_eq!(ledger.len(), history.counted().count(), "all good records load");
        let rendered = ledger.rejected()[0].view(Locale::Hant);
        assert!(!rendered.message.is_empty());
    }
}

#[test]
fn amounts_sent_as_json_numbers_are_exact() {
    let text = r#"{"account":{"psn_no":"P1","balc":0.3,"opening_balc":0.1},"members":[],
      "records":[{"type":"credit","time":"2024-01-05 09:00:00","amount":0.1},
                 {"type":"credit","time":"2024-01-06 09:00:00","amount":0.1},
                 {"type":"transfer","time":"2024-01-07 09:00:00","amount":1e-2,"to_psn_no":"P2"},
                 {"type":"credit","time":"2024-01-08 09:00:00","amount":12345678901234.50},
                 {"type":"credit","time":"2024-01-09 09:00:00","amount":1.5E1}]}"#;
    let ledger = Ledger::from_json(text).unwrap();
    assert!(ledger.rejected().iter().all(|r| r.index != 0 && r.index != 1 && r.index != 3 && r.index != 4));
    let sums = ledger.query(&Query::default(), Locale::Hans).unwrap().sums;
    assert_eq!(sums.credit.to_string(), "12345678901249.70");
    assert_eq!(sums.transfer.to_string(), "0.01");
}

#[test]
fn reconcile_reports_each_planted_anomaly_and_nothing_else() {
    for seed in [1, 4, 7, 11] {
        let history = generate(&Plan { seed, records: 1000, anomalies: true, malformed: seed == 4, ..Plan::default() });
        let ledger = load(&history);
        let report = ledger.reconcile(Locale::Hans).unwrap();
        let mut got: Vec<(u32, &str)> = report.anomalies.iter().map(|a| (a.index, a.code)).collect();
        got.sort();
        let mut want = history.anomalies.clone();
        want.sort();
        assert_eq!(got, want, "seed {seed}");
        assert_eq!(report.difference.to_string(), "0.00", "seed {seed}");
        assert!(!report.ok);
        assert_eq!(report.hotline, "0932-12393");
    }
    let clean = generate(&Plan { seed: 8, records: 1000, admdvs: "620102", ..Plan::default() });
    let report = load(&clean).reconcile(Locale::Hans).unwrap();
    assert!(report.ok && report.anomalies.is_empty() && report.notice.is_none());
    assert_eq!(report.hotline, "0931-12393");
    assert_eq!(report.balance.to_string(), fen_text(clean.balc));
}

#[test]
fn a_balance_that_does_not_follow_gives_the_exact_difference() {
    let clean = generate(&Plan { seed: 8, records: 400, ..Plan::default() });
    for delta in [1i64, -1, 123_456, -99] {
        let text = clean.json.replacen(
            &format!("\"balc\":\"{}\"", fen_text(clean.balc)),
            &format!("\"balc\":\"{}\"", fen_text(clean.balc + delta)),
            1,
        );
        let report = Ledger::from_json(&text).unwrap().reconcile(Locale::Hans).unwrap();
        assert_eq!(report.difference.to_string(), fen_text(delta));
        assert!(!report.ok);
        let notice = report.notice.unwrap();
        assert_eq!(notice.code, "LEDGER_BALANCE_MISMATCH");
        assert!(notice.message.contains(&fen_text(delta)));
    }
}

#[test]
fn duplicate_settlements_are_counted_once() {
    let history = generate(&Plan { seed: 21, records: 300, anomalies: true, ..Plan::default() });
    let ledger = load(&history);
    assert_eq!(ledger.duplicates().len(), 1);
    let dup = history.truths.iter().find(|t| t.duplicate).unwrap();
    let result = ledger.query(&query(json!({"limit": 10_000})), Locale::Hans).unwrap();
    assert_eq!(
        result
            .items
            .iter()
            .filter(|i| i.setl_id.as_deref() == Some(dup.setl_id.as_str()) && i.kind == "settlement")
            .count(),
        1
    );
    assert!(result.items.iter().all(|i| i.index != dup.index));
}

#[test]
fn monthly_and_by_member_add_up_to_the_query_sums() {
    let history = generate(&Plan { seed: 13, records: 2000, anomalies: true, ..Plan::default() });
    let ledger = load(&history);
    for (name, q, predicate) in filter_cases() {
        let q = query(q);
        let matches: Vec<&Truth> = history.counted().filter(|t| predicate(t)).collect();
        let months = ledger.monthly(&q).unwrap();
        let mut by_month: std::collections::BTreeMap<&str, Vec<&Truth>> = Default::default();
        for t in &matches {
            by_month.entry(&t.time[..7]).or_default().push(t);
        }
        assert_eq!(
            months.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(),
            by_month.keys().copied().collect::<Vec<_>>(),
            "{name}"
        );
        for m in &months {
            let e = expected(&by_month[m.month.as_str()]);
            assert_eq!(m.credited.to_string(), fen_text(e.credit), "{name} {}", m.month);
            assert_eq!(m.spent_own.to_string(), fen_text(e.acct));
            assert_eq!(m.spent_family.to_string(), fen_text(e.mulaid));
            assert_eq!(m.transferred.to_string(), fen_text(e.transfer));
            assert_eq!(m.contributions.to_string(), fen_text(e.contribution));
            assert_eq!(m.net.to_string(), fen_text(e.credit - e.acct - e.mulaid - e.transfer - e.contribution));
        }
        let members = ledger.by_member(&q, Locale::Hans).unwrap();
        for m in &members {
            let mine: Vec<&Truth> = matches.iter().copied().filter(|t| t.psn_no == m.member_id).collect();
            let e = expected(&mine);
            assert_eq!(m.count as usize, mine.len(), "{name}");
            assert_eq!(m.acct_mulaid_pay.to_string(), fen_text(e.mulaid));
            assert_eq!(m.medfee_sumamt.to_string(), fen_text(e.medfee));
            assert_eq!(m.transfer.to_string(), fen_text(e.transfer));
            assert!(m.member_name.contains('*'));
        }
        let attributed: usize = members.iter().map(|m| m.count as usize).sum();
        assert_eq!(attributed, matches.iter().filter(|t| !t.psn_no.is_empty()).count(), "{name}");
        if let Some(first) = members.first() {
            if first.member_id == HOLDER {
                assert_eq!(first.role, "holder");
            }
        }
    }
}

#[test]
fn freshness_notices() {
    let table: [(&str, &str, Option<u32>, &[&str]); 5] = [
        ("online", "2025-01-02 09:00:00", None, &[]),
        ("online", "2025-01-03 08:00:01", None, &["LEDGER_STALE"]),
        ("online", "2025-01-02 11:00:00", Some(2), &["LEDGER_STALE"]),
        ("counter", "2025-01-02 08:30:00", None, &["LEDGER_COUNTER_LAG"]),
        ("counter", "2025-01-09 08:30:00", None, &["LEDGER_COUNTER_LAG", "LEDGER_STALE"]),
    ];
    for (source, now, hours, want) in table {
        let history = generate(&Plan { seed: 1, records: 20, source, ..Plan::default() });
        let fresh = load(&history).freshness(now, &FreshnessOptions { max_age_hours: hours }, Locale::Hans).unwrap();
        assert_eq!(fresh.notices.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), want, "{source} {now}");
        assert_eq!(fresh.as_of.as_deref(), Some("2025-01-02 08:00:00"));
        assert_eq!(fresh.source, source);
    }
    let ledger = load(&generate(&Plan { seed: 1, records: 20, ..Plan::default() }));
    assert_eq!(
        ledger.freshness("yesterday", &FreshnessOptions::default(), Locale::Hans).unwrap_err().code,
        Code::TimeInvalid
    );
}

#[test]
fn csv_statement_is_excel_ready_exact_and_injection_safe() {
    let history = generate(&Plan { seed: 3, records: 700, anomalies: true, ..Plan::default() });
    let ledger = load(&history);
    let q = query(json!({"from": "2021-01-01", "limit": 5}));
    let csv = ledger.to_csv(&q, Locale::Hans).unwrap();
    assert!(csv.starts_with("\u{FEFF}时间,类型,成员,关系,医疗类别,机构,结算编号,账户变动"));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    let total = ledger.query(&q, Locale::Hans).unwrap().total as usize;
    assert_eq!(lines.len(), total + 1, "the whole match, not the page");
    assert!(csv.contains("\"'=惠民药店,东街店\""), "formula-looking institution neutralised and quoted");
    assert!(
        lines.iter().skip(1).any(|l| l.contains(",-") && !l.contains(",'-")),
        "negative amounts stay plain numbers"
    );
    for name in [HOLDER_NAME, MEMBERS[0].1] {
        assert!(!csv.contains(name));
    }
    let sum: i64 = lines
        .iter()
        .skip(1)
        .map(|l| {
            let cells = split_csv(l);
            let change = &cells[7];
            let (int, frac) = change.trim_start_matches('-').split_once('.').unwrap();
            let fen = int.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap();
            if change.starts_with('-') {
                -fen
            } else {
                fen
            }
        })
        .sum();
    assert_eq!(sum, history.counted().map(Truth::change).sum::<i64>());
    let hant = ledger.to_csv(&q, Locale::Hant).unwrap();
    assert!(hant.starts_with("\u{FEFF}時間,"));
}

fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn junk_never_panics_and_gives_coded_errors() {
    let history = generate(&Plan { seed: 4, records: 60, anomalies: true, malformed: true, ..Plan::default() });
    // Every truncation of a real history.
    for cut in (0..history.json.len()).step_by(7) {
        if let Some(prefix) = history.json.get(..cut) {
            let error = Ledger::from_json(prefix).err().unwrap();
            assert!(matches!(error.code, Code::LedgerNotJson | Code::LedgerBadShape), "cut {cut}: {error}");
        }
    }
    let deep_top = "[".repeat(100_000);
    let deep_record =
        format!(r#"{{"account":{{"psn_no":"P","balc":"0","opening_balc":"0"}},"records":[{}]}}"#, "[".repeat(100_000));
    let deep_closed = format!(
        r#"{{"account":{{"psn_no":"P","balc":"0","opening_balc":"0"}},"records":[{}{}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let big_string = format!(
        r#"{{"account":{{"psn_no":"P","balc":"0","opening_balc":"0"}},"records":[{{"type":"credit","time":"{}","amount":"1"}}]}}"#,
        "x".repeat(10 << 20)
    );
    let big_key = format!(
        r#"{{"{}":1,"account":{{"psn_no":"P","balc":"0","opening_balc":"0"}},"records":[]}}"#,
        "k".repeat(10 << 20)
    );
    let huge_numbers = format!(
        r#"{{"account":{{"psn_no":"P","balc":{n},"opening_balc":"0"}},"records":[{{"type":"credit","time":"2024-01-01 00:00:00","amount":{n}}}]}}"#,
        n = "9".repeat(40)
    );
    let huge_record_number = format!(
        r#"{{"account":{{"psn_no":"P","balc":"0","opening_balc":"0"}},"records":[{{"type":"credit","time":"2024-01-01 00:00:00","amount":-{n}.{n}}}]}}"#,
        n = "1".repeat(40)
    );
    let table: Vec<(&str, String, Result<usize, Code>)> = vec![
        ("empty", String::new(), Err(Code::LedgerNotJson)),
        ("not json", "hello".into(), Err(Code::LedgerNotJson)),
        ("array top", "[]".into(), Err(Code::LedgerBadShape)),
        ("number top", "12".into(), Err(Code::LedgerBadShape)),
        ("no records", r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"}}"#.into(), Err(Code::LedgerBadShape)),
        ("records not array", r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"records":{}}"#.into(), Err(Code::LedgerBadShape)),
        ("no account", r#"{"records":[]}"#.into(), Err(Code::LedgerBadShape)),
        ("account not object", r#"{"account":[],"records":[]}"#.into(), Err(Code::LedgerBadShape)),
        ("account without balc", r#"{"account":{"psn_no":"P","opening_balc":"0"},"records":[]}"#.into(), Err(Code::LedgerBadAccount)),
        // An unknown source label loads the history (issue 11): freshness says "unknown".
        ("unknown source", r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0","source":"fax"},"records":[]}"#.into(), Ok(0)),
        ("trailing junk", r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"records":[]} x"#.into(), Err(Code::LedgerNotJson)),
        ("deep top", deep_top, Err(Code::LedgerBadShape)),
        ("deep unclosed record", deep_record, Err(Code::LedgerNotJson)),
        ("deep closed record", deep_closed, Ok(1)),
        ("10 MB string", big_string, Ok(1)),
        ("10 MB key", big_key, Ok(0)),
        ("40-digit balance", huge_numbers, Err(Code::LedgerBadAccount)),
        ("40-digit amount", huge_record_number, Ok(1)),
        ("minimal", r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"records":[]}"#.into(), Ok(0)),
        // A byte order mark before the text (RFC 8259 §8.1: a parser may ignore it).
        ("leading BOM", "\u{FEFF}{\"account\":{\"psn_no\":\"P\",\"balc\":\"0\",\"opening_balc\":\"0\"},\"records\":[]}".into(), Ok(0)),
        ("BOM twice", "\u{FEFF}\u{FEFF}{\"account\":{\"psn_no\":\"P\",\"balc\":\"0\",\"opening_balc\":\"0\"},\"records\":[]}".into(), Err(Code::LedgerNotJson)),
        ("null members", r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"members":null,"records":[]}"#.into(), Ok(0)),
        ("escaped strings", r#"{"account":{"psn_no":"P\u0031","balc":"0","opening_balc":"0"},"records":[{"type":"cr\u0065dit","time":"2024-01-01 00:00:00","amount":"1"}]}"#.into(), Ok(0)),
    ];
    for (name, text, want) in table {
        let got = Ledger::from_json(&text).map(|l| l.rejected().len()).map_err(|e| e.code);
        assert_eq!(got, want, "{name}");
    }
}

/// The same history with every refund's amounts sent as positive numbers (a provincial system
/// that signs refunds by their type, not by their amounts).
fn with_positive_refunds(json: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    for record in value["records"].as_array_mut().unwrap() {
        if record.get("type").and_then(|t| t.as_str()) != Some("refund") {
            continue;
        }
        for field in ["medfee_sumamt", "fund_pay_sumamt", "acct_pay", "acct_mulaid_pay", "psn_cash_pay"] {
            let flipped = match &record[field] {
                serde_json::Value::String(s) => json!(s.trim_start_matches('-')),
                serde_json::Value::Number(n) => {
                    serde_json::Value::Number(n.to_string().trim_start_matches('-').parse().unwrap())
                }
                other => other.clone(),
            };
            record[field] = flipped;
        }
    }
    value.to_string()
}

#[test]
fn refunds_sent_as_positive_amounts_still_give_back() {
    for seed in [1, 4] {
        let history = generate(&Plan { seed, records: 1000, anomalies: true, ..Plan::default() });
        assert!(history.counted().any(|t| t.kind == "refund" && t.medfee < 0));
        let positive = with_positive_refunds(&history.json);
        assert_ne!(positive, history.json);
        let ledger = Ledger::from_json(&positive).unwrap();
        assert!(ledger.rejected().is_empty());
        let report = ledger.reconcile(Locale::Hans).unwrap();
        assert_eq!(report.difference.to_string(), "0.00", "seed {seed}: refunds must reduce the debits");
        let mut got: Vec<(u32, &str)> = report.anomalies.iter().map(|a| (a.index, a.code)).collect();
        got.sort();
        let mut want = history.anomalies.clone();
        want.sort();
        assert_eq!(got, want, "seed {seed}");
        let refunds: Vec<&Truth> = history.counted().filter(|t| t.kind == "refund").collect();
        let result = ledger.query(&query(json!({"types": ["refund"], "limit": 10_000})), Locale::Hans).unwrap();
        let e = expected(&refunds);
        assert_eq!(result.sums.acct_pay.to_string(), fen_text(e.acct), "seed {seed}");
        assert_eq!(result.sums.acct_mulaid_pay.to_string(), fen_text(e.mulaid), "seed {seed}");
        assert_eq!(result.sums.medfee_sumamt.to_string(), fen_text(e.medfee), "seed {seed}");
        assert_eq!(result.items.len(), refunds.len());
        for item in &result.items {
            let truth = refunds.iter().find(|t| t.index == item.index).unwrap();
            assert_eq!(item.account_change.to_string(), fen_text(truth.change()), "seed {seed}");
            assert_eq!(item.amount.to_string(), fen_text(truth.medfee), "seed {seed}");
        }
    }
}

#[test]
fn by_member_lists_the_holder_then_members_in_their_list_order_then_others() {
    // Records name people in another order than the members list does.
    let settlement = |id: &str, psn: &str| {
        format!(
            r#"{{"type":"settlement","setl_id":"{id}","setl_time":"2024-01-10 10:00:00","psn_no":"{psn}","med_type":"11","medfee_sumamt":"10","fund_pay_sumamt":"0","acct_pay":"0","acct_mulaid_pay":"10","psn_cash_pay":"0"}}"#
        )
    };
    let records = [
        settlement("S1", "X9"),
        settlement("S2", "M3"),
        settlement("S3", "M1"),
        settlement("S4", "H1"),
        settlement("S5", "M2"),
    ];
    let text = format!(
        r#"{{"account":{{"psn_no":"H1","balc":"0","opening_balc":"50.00"}},
          "members":[{{"psn_no":"M2","relation":"20","status":"active"}},{{"psn_no":"M1","relation":"10","status":"active"}},{{"psn_no":"M3","relation":"51","status":"unbound"}}],
          "records":[{}]}}"#,
        records.join(",")
    );
    let ledger = Ledger::from_json(&text).unwrap();
    let order: Vec<String> =
        ledger.by_member(&Query::default(), Locale::Hans).unwrap().into_iter().map(|m| m.member_id).collect();
    assert_eq!(order, ["H1", "M2", "M1", "M3", "X9"]);
}

#[test]
fn a_member_bound_again_is_judged_by_the_current_binding_whatever_the_list_order() {
    // M1 was unbound on 2023-01-31 and bound again later; the account lists both bindings.
    let old = r#"{"psn_no":"M1","relation":"10","status":"unbound","bound_at":"2021-01-01","unbound_at":"2023-01-31"}"#;
    let older =
        r#"{"psn_no":"M1","relation":"10","status":"unbound","bound_at":"2019-01-01","unbound_at":"2020-01-31"}"#;
    let current = r#"{"psn_no":"M1","relation":"10","status":"active","bound_at":"2023-06-01"}"#;
    let records = r#"{"type":"settlement","setl_id":"S1","setl_time":"2024-03-10 10:00:00","psn_no":"M1","med_type":"11","medfee_sumamt":"10","fund_pay_sumamt":"0","acct_pay":"0","acct_mulaid_pay":"10","psn_cash_pay":"0"}"#;
    let table: [(&[&str], &[&str]); 5] = [
        (&[old, current], &[]),
        (&[current, old], &[]),
        (&[older, current, old], &[]),
        // Only past bindings: the latest unbinding decides.
        (&[old, older], &["LEDGER_SPENT_AFTER_UNBINDING"]),
        (&[older, old], &["LEDGER_SPENT_AFTER_UNBINDING"]),
    ];
    for (members, want) in table {
        let text = format!(
            r#"{{"account":{{"psn_no":"H1","balc":"0","opening_balc":"10.00"}},"members":[{}],"records":[{records}]}}"#,
            members.join(",")
        );
        let report = Ledger::from_json(&text).unwrap().reconcile(Locale::Hans).unwrap();
        let got: Vec<&str> = report.anomalies.iter().map(|a| a.code).collect();
        assert_eq!(got, want, "{members:?}");
    }
}

#[test]
fn unmasked_names_never_reach_debug_output() {
    let history = generate(&Plan { seed: 9, records: 200, ..Plan::default() });
    let ledger = load(&history);
    let q = query(json!({"limit": 10_000, "unmasked": true}));
    let result = ledger.query(&q, Locale::Hans).unwrap();
    assert!(result.items.iter().any(|i| i.member_name.as_deref() == Some(HOLDER_NAME)), "the page is unmasked");
    let members = ledger.by_member(&q, Locale::Hans).unwrap();
    assert!(members.iter().any(|m| m.member_name == HOLDER_NAME));
    let debug = format!("{result:?} {members:?}");
    for name in [HOLDER_NAME, MEMBERS[0].1, MEMBERS[1].1, MEMBERS[2].1] {
        assert!(!debug.contains(name), "a name in Debug output");
    }
}

#[test]
fn a_settlement_before_the_member_was_bound_is_for_no_bound_member() {
    let settlement = |id: &str, time: &str| {
        format!(
            r#"{{"type":"settlement","setl_id":"{id}","setl_time":"{time}","psn_no":"M1","med_type":"11","medfee_sumamt":"10","fund_pay_sumamt":"0","acct_pay":"0","acct_mulaid_pay":"10","psn_cash_pay":"0"}}"#
        )
    };
    let records = [
        settlement("S0", "2022-05-01 10:00:00"),
        settlement("S1", "2024-01-31 23:59:59"),
        settlement("S2", "2024-02-01 00:00:00"),
    ]
    .join(",");
    let bound = r#"{"psn_no":"M1","relation":"10","status":"active","bound_at":"2024-02-01"}"#;
    let undated = r#"{"psn_no":"M1","relation":"10","status":"active"}"#;
    let earlier =
        r#"{"psn_no":"M1","relation":"10","status":"unbound","bound_at":"2021-01-01","unbound_at":"2022-12-31"}"#;
    let table: [(&[&str], &[u32]); 4] = [
        (&[bound], &[0, 1]),
        // No binding date: nothing can be said.
        (&[undated], &[]),
        // Bound before, unbound, bound again: only the gap is outside every binding, and the
        // binding history is not kept — the earliest binding decides.
        (&[bound, earlier], &[]),
        (&[earlier, bound], &[]),
    ];
    for (members, want) in table {
        let text = format!(
            r#"{{"account":{{"psn_no":"H1","balc":"0","opening_balc":"30.00"}},"members":[{}],"records":[{records}]}}"#,
            members.join(",")
        );
        let report = Ledger::from_json(&text).unwrap().reconcile(Locale::Hans).unwrap();
        let got: Vec<(u32, &str)> = report.anomalies.iter().map(|a| (a.index, a.code)).collect();
        let want: Vec<(u32, &str)> = want.iter().map(|&i| (i, "LEDGER_UNKNOWN_PERSON")).collect();
        assert_eq!(got, want, "{members:?}");
    }
}

/// Issue 11: the account's metadata is read tolerantly. Only what the balance equation needs
/// (balc, opening_balc) and the holder's psn_no refuse the history; any other field that
/// cannot be read is left out and listed (section "account"), and the history loads.
#[test]
fn account_metadata_is_read_tolerantly() {
    let with = |extra: &str| {
        format!(
            r#"{{"account":{{"psn_no":"H1","balc":"10.00","opening_balc":"0","as_of":"2025-01-02 08:00:00"{extra}}},"members":[],
              "records":[{{"type":"credit","time":"2025-01-01 08:00:00","amount":"10.00"}}]}}"#
        )
    };
    // (what the account carries, ignored fields, freshness source, freshness notices)
    let table: [(&str, &[&str], &str, &[&str]); 12] = [
        ("", &[], "online", &[]),
        (r#","source":"counter""#, &[], "counter", &["LEDGER_COUNTER_LAG"]),
        (r#","source":"fax""#, &[], "unknown", &["LEDGER_SOURCE_UNKNOWN"]),
        (r#","source":"窗口""#, &[], "unknown", &["LEDGER_SOURCE_UNKNOWN"]),
        (r#","source":7"#, &["source"], "unknown", &["LEDGER_SOURCE_UNKNOWN"]),
        (r#","source":null"#, &[], "online", &[]),
        (r#","as_of":"yesterday""#, &["as_of"], "online", &["LEDGER_AS_OF_UNKNOWN"]),
        (r#","insutype":{"code":310}"#, &["insutype"], "online", &[]),
        (r#","insuplc_admdvs":[621102]"#, &["insuplc_admdvs"], "online", &[]),
        (r#","psn_name":5"#, &["psn_name"], "online", &[]),
        (r#","opening_date":"2025-02-30""#, &["opening_date"], "online", &[]),
        (
            r#","source":"app","as_of":false,"opening_date":1"#,
            &["opening_date", "as_of"],
            "unknown",
            &["LEDGER_SOURCE_UNKNOWN", "LEDGER_AS_OF_UNKNOWN"],
        ),
    ];
    for (extra, ignored, source, notices) in table {
        // A later key wins in the object, so `as_of` in `extra` replaces the good one.
        let ledger = Ledger::from_json(&with(extra)).unwrap_or_else(|e| panic!("{extra}: {e}"));
        let got: Vec<(&str, u32, &str, Option<&str>)> =
            ledger.rejected().iter().map(|r| (r.section.as_str(), r.index, r.code.as_str(), r.field)).collect();
        let mut want: Vec<(&str, u32, &str, Option<&str>)> =
            ignored.iter().map(|&f| ("account", 0, "LEDGER_ACCOUNT_FIELD_IGNORED", Some(f))).collect();
        want.sort_by_key(|w| {
            w.3.map(|f| {
                ["psn_name", "source", "insutype", "insuplc_admdvs", "opening_date", "as_of"]
                    .iter()
                    .position(|x| *x == f)
            })
        });
        assert_eq!(got, want, "{extra}");
        let fresh = ledger.freshness("2025-01-02 09:00:00", &FreshnessOptions::default(), Locale::Hans).unwrap();
        assert_eq!(fresh.source, source, "{extra}");
        assert_eq!(fresh.notices.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), notices, "{extra}");
        // The balance is still checked, and the records still load.
        assert_eq!(ledger.len(), 1, "{extra}");
        assert!(ledger.reconcile(Locale::Hans).unwrap().ok, "{extra}");
        for r in ledger.rejected() {
            let text = r.view(Locale::Hans).message;
            assert!(text.contains("已忽略") && !text.contains(r.field.unwrap()), "{text}");
        }
    }
    // What the balance equation needs, and the holder, still refuse the history.
    let refused: [(&str, &str); 6] = [
        (r#"{"account":{"psn_no":"H1","opening_balc":"0"},"records":[]}"#, "账户余额"),
        (r#"{"account":{"psn_no":"H1","balc":"x","opening_balc":"0"},"records":[]}"#, "账户余额"),
        (r#"{"account":{"psn_no":"H1","balc":"1"},"records":[]}"#, "期初余额"),
        (r#"{"account":{"psn_no":"H1","balc":"1","opening_balc":[]},"records":[]}"#, "期初余额"),
        (r#"{"account":{"balc":"1","opening_balc":"0"},"records":[]}"#, "人员编号"),
        (r#"{"account":{"psn_no":12,"balc":"1","opening_balc":"0"},"records":[]}"#, "人员编号"),
    ];
    for (text, label) in refused {
        let error = Ledger::from_json(text).err().unwrap();
        assert_eq!(error.code, Code::LedgerBadAccount, "{text}");
        assert!(error.render(Locale::Hans).contains(label), "{text}: {}", error.render(Locale::Hans));
    }
}

/// Issue 16: a message names a field by its Chinese label from the catalog (结算时间 /
/// 結算時間), never by the data contract's key or an English phrase.
#[test]
fn messages_name_fields_in_chinese() {
    let no_latin = |text: &str| !text.chars().any(|c| c.is_ascii_alphabetic() || c == '_' || c == '{');
    for seed in [3, 6] {
        let history = generate(&Plan { seed, records: 600, malformed: true, ..Plan::default() });
        let ledger = load(&history);
        assert!(ledger.rejected().iter().any(|r| r.field.is_some()));
        for r in ledger.rejected() {
            for locale in [Locale::Hans, Locale::Hant] {
                let view = r.view(locale);
                assert!(no_latin(&view.message), "{:?} {}", r.field, view.message);
            }
        }
    }
    let shape_errors = [
        "[]",
        r#"{"records":[]}"#,
        r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"}}"#,
        r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"records":{}}"#,
        r#"{"account":[],"records":[]}"#,
        r#"{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"members":7,"records":[]}"#,
        r#"{"account":{"psn_no":"P","opening_balc":"0"},"records":[]}"#,
    ];
    for text in shape_errors {
        let error = Ledger::from_json(text).err().unwrap();
        for locale in [Locale::Hans, Locale::Hant] {
            assert!(no_latin(&error.render(locale)), "{text}: {}", error.render(locale));
        }
    }
    let ledger = load(&generate(&Plan { seed: 2, records: 20, ..Plan::default() }));
    let bad_queries = [
        (json!({"from": "2024-13-01"}), "开始日期"),
        (json!({"to": "x"}), "结束日期"),
        (json!({"types": ["bonus"]}), "明细类型"),
        (json!({"minAmount": "abc"}), "最低金额"),
        (json!({"maxAmount": "1.234"}), "最高金额"),
    ];
    for (q, label) in bad_queries {
        let error = ledger.query(&query(q.clone()), Locale::Hans).unwrap_err();
        let text = error.render(Locale::Hans);
        assert!(text.contains(label) && no_latin(&text), "{q}: {text}");
        assert!(no_latin(&error.render(Locale::Hant)), "{q}");
    }
}

/// The counter's statement, against the truth: balances at the period's ends from the opening
/// balance and every earlier change, debits by kind, and opening + credits − debits = closing.
#[test]
fn statements_follow_the_truth_for_every_period() {
    use gongji::ledger::IssuedAt;
    let now = IssuedAt::ChinaText("2025-01-03 10:00:00");
    for seed in [2, 5, 9] {
        let history = generate(&Plan { seed, records: 1200, anomalies: seed == 5, ..Plan::default() });
        let ledger = load(&history);
        let periods = [
            (Some("2022-03-01"), Some("2022-06-30")),
            (Some("2023-01-15"), Some("2023-01-15")),
            (None, Some("2021-02-28")),
            (Some("2024-07-01"), None),
            (None, None),
            (Some("2030-01-01"), Some("2030-12-31")),
        ];
        for (from, to) in periods {
            let q = query(json!({"from": from, "to": to, "members": [HOLDER], "types": ["credit"]}));
            let s = ledger.statement(&q, now, Locale::Hans).unwrap();
            let day = |t: &Truth| t.time[..10].to_string();
            let before = |t: &&Truth| from.is_some_and(|f| day(t).as_str() < f);
            let inside = |t: &&Truth| !before(t) && to.is_none_or(|e| day(t).as_str() <= e);
            let opening = history.opening + history.counted().filter(before).map(Truth::change).sum::<i64>();
            let during: Vec<&Truth> = history.counted().filter(inside).collect();
            let e = expected(&during);
            let label = format!("seed {seed} {from:?}..{to:?}");
            assert_eq!(s.opening_balance.to_string(), fen_text(opening), "{label}: opening");
            assert_eq!(s.credits.to_string(), fen_text(e.credit), "{label}: credits (other filters are not read)");
            let debits: Vec<(&str, String)> = s.debits.iter().map(|d| (d.kind, d.amount.to_string())).collect();
            let want = [
                ("ownCare", e.acct),
                ("familyCare", e.mulaid),
                ("transfer", e.transfer),
                ("contribution", e.contribution),
            ];
            assert_eq!(debits, want.map(|(k, fen)| (k, fen_text(fen))), "{label}: debits by kind");
            let total = e.acct + e.mulaid + e.transfer + e.contribution;
            assert_eq!(s.debits_total.to_string(), fen_text(total), "{label}: debits total");
            assert_eq!(s.closing_balance.to_string(), fen_text(opening + e.credit - total), "{label}: closing");
            assert_eq!(s.records as usize, during.len(), "{label}: records");
            assert_eq!(s.issued_at, "2025-01-03 10:00:00");
            assert!(s.notice.is_none(), "{label}: the generated histories add up");
            if to.is_none() {
                assert_eq!(s.closing_balance.to_string(), fen_text(history.balc), "{label}: ends at the balance");
            }
            assert_eq!(
                s.from.as_deref(),
                Some(from.unwrap_or("2021-01-01")),
                "{label}: from (the opening date by default)"
            );
            assert_eq!(
                s.to.as_deref(),
                Some(to.unwrap_or("2025-01-02")),
                "{label}: to (the snapshot's day by default)"
            );
        }
    }
}

#[test]
fn a_statement_names_its_refusals_and_its_clock() {
    use gongji::ledger::IssuedAt;
    let history = generate(&Plan { seed: 3, records: 200, ..Plan::default() });
    let ledger = load(&history);
    let now = IssuedAt::ChinaText("2025-01-03 10:00:00");
    let reversed = ledger.statement(&query(json!({"from": "2024-02-01", "to": "2024-01-31"})), now, Locale::Hans);
    assert_eq!(reversed.unwrap_err().code, Code::LedgerPeriodReversed);
    let bad_day = ledger.statement(&query(json!({"from": "2024-02-30"})), now, Locale::Hans);
    assert_eq!(bad_day.unwrap_err().code, Code::LedgerBadQuery);
    for bad in ["2025-01-03", "2025-13-01 00:00:00", ""] {
        let refused = ledger.statement(&query(json!({})), IssuedAt::ChinaText(bad), Locale::Hans);
        assert_eq!(refused.unwrap_err().code, Code::TimeInvalid, "{bad:?}");
    }
    for bad in [f64::NAN, f64::INFINITY, 2e15] {
        let refused = ledger.statement(&query(json!({})), IssuedAt::EpochMs(bad), Locale::Hans);
        assert_eq!(refused.unwrap_err().code, Code::TimeInvalid, "{bad}");
    }
    // 2024-12-31 16:00:00 UTC is New Year's Day in China.
    let by_clock = ledger.statement(&query(json!({})), IssuedAt::EpochMs(1_735_660_800_000.0), Locale::Hant).unwrap();
    assert_eq!(by_clock.issued_at, "2025-01-01 00:00:00");
    assert_eq!(by_clock.debits[0].name, "本人看病買藥（已扣除退費）");
    // A balance that does not follow from the history is said on the statement too.
    let off = history.json.replacen(
        &format!("\"balc\":\"{}\"", fen_text(history.balc)),
        &format!("\"balc\":\"{}\"", fen_text(history.balc + 7)),
        1,
    );
    let s = Ledger::from_json(&off).unwrap().statement(&query(json!({})), now, Locale::Hans).unwrap();
    assert_eq!(s.notice.map(|n| n.code), Some("LEDGER_BALANCE_MISMATCH".to_string()));
    assert_eq!(
        s.closing_balance.to_string(),
        fen_text(history.balc),
        "the closing balance is the history's, not the account's"
    );
}

/// The statement as a file: its head carries the same figures as `statement`, each with its
/// 大写, the holder masked; then the rows exactly as `to_csv` writes them for the same query.
#[test]
fn the_statement_file_is_the_statement_then_the_rows() {
    use gongji::ledger::IssuedAt;
    let history = generate(&Plan { seed: 6, records: 300, ..Plan::default() });
    let ledger = load(&history);
    let now = IssuedAt::ChinaText("2025-01-03 10:00:00");
    let q = query(json!({"from": "2023-01-01", "to": "2023-12-31", "types": ["settlement"]}));
    let statement = ledger.statement(&q, now, Locale::Hans).unwrap();
    let file = ledger.statement_csv(&q, now, Locale::Hans).unwrap();
    assert!(file.starts_with("\u{FEFF}职工医保个人账户对账单\r\n"));
    let (head, rows) = file.split_once("\r\n\r\n").unwrap();
    assert_eq!(format!("\u{FEFF}{rows}"), ledger.to_csv(&q, Locale::Hans).unwrap(), "the rows are to_csv's");
    let line = |name: &str| {
        head.lines()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("{name} in {head}"))
            .to_string()
    };
    assert_eq!(line("参保人"), format!("参保人,{}", gongji::identity::mask::mask_name(HOLDER_NAME)));
    assert!(!head.contains(HOLDER_NAME), "never the full name");
    assert_eq!(line("对账期间"), "对账期间,2023-01-01 — 2023-12-31");
    assert_eq!(line("打印时间（北京时间）"), "打印时间（北京时间）,2025-01-03 10:00:00");
    let opening = statement.opening_balance.to_string();
    assert!(line("期初余额").starts_with(&format!("期初余额,{opening},")), "{}", line("期初余额"));
    assert_eq!(line("期末余额").split(',').nth(1), Some(statement.closing_balance.to_string().as_str()));
    assert!(
        line("期末余额").ends_with('元')
            || line("期末余额").ends_with('整')
            || line("期末余额").ends_with('分')
            || line("期末余额").ends_with('角')
    );
    let hant = ledger.statement_csv(&q, now, Locale::Hant).unwrap();
    assert!(hant.contains("期初餘額,") && hant.contains("職工醫保個人帳戶對帳單"));
}
