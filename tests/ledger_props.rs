//! Property tests of the ledger: amounts are read exactly whichever JSON form they take, and
//! query sums equal an independent integer-fen computation for any seed and any date range.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod ledger_support;

use gongji::ledger::{Ledger, Query};
use gongji::Locale;
use ledger_support::{generate, Plan};
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
