//! Property tests of the ledger: amounts are read exactly whichever JSON form they take, and
//! query sums equal an independent integer-fen computation for any seed and any date range.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod ledger_support;

use gongji::ledger::{Ledger, Query};
use gongji::Locale;
use ledger_support::{generate, group, Plan};
use proptest::prelude::*;

fn fen_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.unsigned_abs() / 100, fen.unsigned_abs() % 100)
}

fn credit_history(amount_json: &str) -> String {
    format!(
        r#"{{"account":{{"psn_no":"P","balc":"0","opening_balc":"0"}},"records":[{{"type":"credit","time":"2024-01-01 00:00:00","amount":{amount_json}}}]}}"#
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn amounts_are_exact_as_strings_and_as_numbers(fen in -9_999_999_999_999_999i64..=9_999_999_999_999_999, trailing in 0usize..3, as_number in any::<bool>()) {
        let text = format!("{}{}", fen_text(fen), "0".repeat(trailing));
        let json = if as_number { text.clone() } else { format!("\"{text}\"") };
        let ledger = Ledger::from_json(&credit_history(&json)).unwrap();
        prop_assert!(ledger.rejected().is_empty());
        let sums = ledger.query(&Query::default(), Locale::Hans).unwrap().sums;
        prop_assert_eq!(sums.credit.to_string(), fen_text(fen));
    }

    #[test]
    fn digit_strings_load_exactly_or_are_rejected(int in "[0-9]{1,40}", frac in proptest::option::of("[0-9]{1,5}")) {
        let text = match &frac { Some(f) => format!("{int}.{f}"), None => int.clone() };
        // As a JSON string: leading zeros are not valid in a JSON number.
        let ledger = Ledger::from_json(&credit_history(&format!("\"{text}\""))).unwrap();
        let significant = match text.trim_start_matches('0') { rest if rest.is_empty() || rest.starts_with('.') => format!("0{rest}"), rest => rest.to_string() };
        let exact = significant.parse::<rust_decimal::Decimal>().ok().and_then(|d| gongji::Yuan::from_decimal_exact(d).ok());
        match exact {
            Some(yuan) => {
                prop_assert!(ledger.rejected().is_empty());
                let sums = ledger.query(&Query::default(), Locale::Hans).unwrap().sums;
                prop_assert_eq!(sums.credit, yuan);
            }
            None => {
                prop_assert_eq!(ledger.rejected().len(), 1);
                prop_assert_eq!(ledger.rejected()[0].code.as_str(), "LEDGER_RECORD_BAD_AMOUNT");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn sums_over_any_day_range_match(seed in 1u64..10_000, start in 0i64..1460, length in 0i64..400) {
        let history = generate(&Plan { seed, records: 300, anomalies: seed % 2 == 0, ..Plan::default() });
        let ledger = Ledger::from_json(&history.json).unwrap();
        let from = ledger_support::date_text(start);
        let to = ledger_support::date_text(start + length);
        let query: Query = serde_json::from_value(serde_json::json!({"from": from, "to": to})).unwrap();
        let result = ledger.query(&query, Locale::Hans).unwrap();
        let matches: Vec<_> = history.counted().filter(|t| t.time[..10] >= *from && t.time[..10] <= *to).collect();
        prop_assert_eq!(result.total as usize, matches.len());
        let medfee: i64 = matches.iter().filter(|t| t.kind == "settlement" || t.kind == "refund").map(|t| t.medfee).sum();
        let credit: i64 = matches.iter().filter(|t| t.kind == "credit").map(|t| t.amount).sum();
        prop_assert_eq!(result.sums.medfee_sumamt.to_string(), fen_text(medfee));
        prop_assert_eq!(result.sums.credit.to_string(), fen_text(credit));
    }
}

const KINDS: [&str; 5] = ["credit", "transfer", "settlement", "refund", "contribution"];
const GROUPS: [&str; 6] = ["11", "13", "14", "21", "41", "other"];
const TEXTS: [&str; 5] = ["定西", "张", "医院", "药", "秀"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any combination of filters: the count and every sum equal an independent fen
    /// computation on the generator's ground truth.
    #[test]
    fn sums_over_any_filter_combination_match(
        seed in 1u64..10_000,
        range in proptest::option::of((0i64..1460, 0i64..700)),
        people in proptest::option::of(proptest::collection::vec(0usize..6, 0..4)),
        kinds in proptest::option::of(proptest::collection::vec(0usize..5, 1..4)),
        groups in proptest::option::of(proptest::collection::vec(0usize..6, 1..3)),
        text in proptest::option::of(0usize..5),
        amounts in proptest::option::of((0i64..200_000, 0i64..200_000)),
    ) {
        let history = generate(&Plan { seed, records: 400, anomalies: seed % 2 == 0, malformed: seed % 3 == 0, ..Plan::default() });
        let ledger = Ledger::from_json(&history.json).unwrap();
        let everyone: Vec<&str> = std::iter::once(ledger_support::HOLDER)
            .chain(ledger_support::MEMBERS.iter().map(|m| m.0))
            .chain(std::iter::once(ledger_support::STRANGER))
            .collect();
        let mut q = serde_json::json!({"limit": 0});
        let days = range.map(|(start, length)| (ledger_support::date_text(start), ledger_support::date_text(start + length)));
        if let Some((from, to)) = &days {
            q["from"] = serde_json::json!(from);
            q["to"] = serde_json::json!(to);
        }
        let people: Option<Vec<&str>> = people.map(|p| p.iter().map(|&i| everyone[i]).collect());
        if let Some(p) = &people { q["members"] = serde_json::json!(p); }
        let kinds: Option<Vec<&str>> = kinds.map(|k| k.iter().map(|&i| KINDS[i]).collect());
        if let Some(k) = &kinds { q["types"] = serde_json::json!(k); }
        let groups: Option<Vec<&str>> = groups.map(|g| g.iter().map(|&i| GROUPS[i]).collect());
        if let Some(g) = &groups { q["medTypes"] = serde_json::json!(g); }
        let text = text.map(|i| TEXTS[i]);
        if let Some(t) = text { q["text"] = serde_json::json!(t); }
        let bounds = amounts.map(|(a, b)| (a.min(b), a.max(b)));
        if let Some((min, max)) = bounds {
            q["minAmount"] = serde_json::json!(fen_text(min));
            q["maxAmount"] = serde_json::json!(fen_text(max));
        }
        let query: Query = serde_json::from_value(q).unwrap();
        let result = ledger.query(&query, Locale::Hans).unwrap();
        let matches: Vec<_> = history
            .counted()
            .filter(|t| days.as_ref().is_none_or(|(from, to)| t.time[..10] >= **from && t.time[..10] <= **to))
            .filter(|t| people.as_ref().is_none_or(|p| p.contains(&t.psn_no.as_str())))
            .filter(|t| kinds.as_ref().is_none_or(|k| k.contains(&t.kind)))
            .filter(|t| groups.as_ref().is_none_or(|g| !t.med_type.is_empty() && g.contains(&group(&t.med_type))))
            .filter(|t| {
                text.is_none_or(|needle| {
                    t.name.contains(needle)
                        || ledger_support::INSTITUTIONS.get(t.institution).is_some_and(|(_, name)| name.contains(needle))
                })
            })
            .filter(|t| bounds.is_none_or(|(min, max)| (min..=max).contains(&t.headline().abs())))
            .collect();
        prop_assert_eq!(result.total as usize, matches.len());
        let sum = |f: &dyn Fn(&ledger_support::Truth) -> i64, kinds: &[&str]| {
            fen_text(matches.iter().filter(|t| kinds.contains(&t.kind)).map(|t| f(t)).sum())
        };
        let s = &result.sums;
        let paid = ["settlement", "refund"];
        prop_assert_eq!(s.credit.to_string(), sum(&|t| t.amount, &["credit"]));
        prop_assert_eq!(s.transfer.to_string(), sum(&|t| t.amount, &["transfer"]));
        prop_assert_eq!(s.contribution.to_string(), sum(&|t| t.amount, &["contribution"]));
        prop_assert_eq!(s.medfee_sumamt.to_string(), sum(&|t| t.medfee, &paid));
        prop_assert_eq!(s.fund_pay_sumamt.to_string(), sum(&|t| t.fund, &paid));
        prop_assert_eq!(s.acct_pay.to_string(), sum(&|t| t.acct, &paid));
        prop_assert_eq!(s.acct_mulaid_pay.to_string(), sum(&|t| t.mulaid, &paid));
        prop_assert_eq!(s.psn_cash_pay.to_string(), sum(&|t| t.cash, &paid));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The crate's one sort is stable and ordered whichever way it sorts (the radix sort for
    /// long inputs, the comparison sort for short ones): the same order as sorting
    /// (key, position) pairs.
    #[test]
    fn the_crate_sort_is_the_stable_order(keys in prop::collection::vec(prop_oneof![0u64..8, any::<u64>(), 1_600_000_000u64..1_800_000_000], 0..2500)) {
        let mut pairs: Vec<(u64, u32)> = keys.iter().copied().zip(0..).collect();
        pairs.sort_unstable();
        let expected: Vec<u32> = pairs.into_iter().map(|(_, p)| p).collect();
        prop_assert_eq!(gongji::order::stable_order(keys.len(), |i| keys[i]), expected);
    }
}
