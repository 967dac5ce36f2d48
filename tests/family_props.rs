//! Property tests of the family rules: a payment split always sums exactly to the self-pay
//! amount and never draws more than any balance (or quota); binding checks never panic on junk;
//! what the holder can use himself is the balance minus the unused quotas, never negative; a
//! quota check allows exactly up to its `maxAmount`.
#![cfg(not(target_arch = "wasm32"))]
// Helpers beside the tests may unwrap too; decision tables are wide tuples on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::type_complexity)]

use gongji::family::{
    check_binding, check_quota, preview_payment, quota_summary, BindingRequest, PaymentRequest, PolicySet,
    QuotaRequest, QuotaSummaryRequest,
};
use gongji::{Locale, Yuan};
use proptest::prelude::*;
use serde_json::json;

fn fen_text(fen: i64) -> String {
    Yuan::from_fen(fen).unwrap().to_string()
}

proptest! {
    #[test]
    fn split_sums_exactly_and_respects_balances(
        self_pay in 0i64..10_000_000,
        own in prop::option::of(0i64..5_000_000),
        holders in prop::collection::vec(0i64..5_000_000, 0..6),
    ) {
        let request: PaymentRequest = serde_json::from_value(json!({
            "selfPay": fen_text(self_pay),
            "ownBalance": own.map(fen_text),
            "holders": holders.iter().map(|b| json!({"psn_no": "1", "psn_name": "李四", "balc": fen_text(*b)})).collect::<Vec<_>>(),
        })).unwrap();
        let split = preview_payment(&request).unwrap();
        let total = Yuan::sum([split.own_account, split.shared_total, split.cash]).unwrap();
        prop_assert_eq!(total.to_fen(), self_pay);
        prop_assert!(split.own_account.to_fen() <= own.unwrap_or(0));
        prop_assert!(!split.cash.is_negative());
        for (draw, balance) in split.shared.iter().zip(&holders) {
            prop_assert!(!draw.pay.is_negative());
            prop_assert!(draw.pay.to_fen() <= *balance);
            prop_assert_eq!(draw.balance_after.to_fen(), balance - draw.pay.to_fen());
        }
        // Order: a holder pays only when everyone before (and the own account) is exhausted.
        let mut before_exhausted = split.own_account.to_fen() == own.unwrap_or(0);
        for draw in &split.shared {
            if !draw.pay.is_zero() {
                prop_assert!(before_exhausted);
            }
            before_exhausted = before_exhausted && draw.balance_after.is_zero();
        }
        if !split.cash.is_zero() {
            prop_assert!(before_exhausted);
        }
    }

    #[test]
    fn binding_check_never_panics_on_junk(
        certno in ".{0,20}", insutype in ".{0,4}", stas in ".{0,2}", admdvs in ".{0,7}",
        relation in ".{0,3}", date in ".{0,11}",
    ) {
        let request: BindingRequest = serde_json::from_value(json!({
            "holder": {"certno": certno, "insutype": insutype, "psn_insu_stas": stas, "insuplc_admdvs": admdvs},
            "member": {"certno": date, "insutype": stas, "psn_insu_stas": insutype, "insuplc_admdvs": relation},
            "relation": relation, "date": date,
        })).unwrap();
        let decision = check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hant);
        prop_assert_eq!(decision.eligible, decision.reasons.is_empty());
    }

    #[test]
    fn available_is_balance_minus_unused_quotas_never_negative(
        balance in 0i64..10_000_000,
        quotas in prop::collection::vec((0i64..3_000_000, 0u8..=100), 0..6),
    ) {
        // (amount, percent used) per quota.
        let entries: Vec<(i64, i64)> = quotas.iter().map(|&(amount, pct)| (amount, amount * i64::from(pct) / 100)).collect();
        let request: QuotaSummaryRequest = serde_json::from_value(json!({
            "balance": fen_text(balance),
            "quotas": entries.iter().enumerate().map(|(i, (a, u))| json!({"psn_no": format!("p{i}"), "amount": fen_text(*a), "used": fen_text(*u)})).collect::<Vec<_>>(),
        })).unwrap();
        let summary = quota_summary(&request, Locale::Hans);
        let unused: i64 = entries.iter().map(|(a, u)| a - u).sum();
        prop_assert_eq!(summary.unused_total.unwrap().to_fen(), unused);
        let available = summary.available.unwrap().to_fen();
        prop_assert_eq!(available, (balance - unused).max(0));
        prop_assert!(available >= 0);
        prop_assert_eq!(summary.problems.is_empty(), unused <= balance);
    }

    #[test]
    fn a_quota_is_allowed_exactly_up_to_its_max(
        balance in 0i64..10_000_000,
        others in prop::collection::vec((0i64..3_000_000, 0u8..=100), 0..4),
        own in prop::option::of((0i64..3_000_000, 0u8..=100)),
        wanted in 1i64..12_000_000,
    ) {
        let set = PolicySet::built_in().unwrap();
        let mut list: Vec<(String, i64, i64)> =
            others.iter().enumerate().map(|(i, &(a, pct))| (format!("o{i}"), a, a * i64::from(pct) / 100)).collect();
        if let Some((a, pct)) = own {
            list.push(("me".into(), a, a * i64::from(pct) / 100));
        }
        let ask = |amount: i64| {
            let request: QuotaRequest = serde_json::from_value(json!({
                "balance": fen_text(balance), "psnNo": "me", "amount": fen_text(amount), "date": "2026-06-01",
                "quotas": list.iter().map(|(p, a, u)| json!({"psn_no": p, "amount": fen_text(*a), "used": fen_text(*u)})).collect::<Vec<_>>(),
            })).unwrap();
            check_quota(&request, set, Locale::Hans)
        };
        let decision = ask(wanted);
        let unused_all: i64 = list.iter().map(|(_, a, u)| a - u).sum();
        let consistent = unused_all <= balance;
        let used = list.iter().find(|(p, ..)| p == "me").map_or(0, |(_, _, u)| *u);
        let max = decision.max_amount.unwrap().to_fen();
        prop_assert_eq!(decision.allowed, consistent && wanted >= used && wanted <= max);
        if decision.allowed {
            // After the change the holder keeps exactly balance − every unused quota, ≥ 0.
            let after = decision.available_after.unwrap().to_fen();
            let others_unused: i64 = list.iter().filter(|(p, ..)| p != "me").map(|(_, a, u)| a - u).sum();
            prop_assert_eq!(after, balance - others_unused - (wanted - used));
            prop_assert!(after >= 0);
        }
        if consistent && max > used.max(0) && max > 0 {
            prop_assert!(ask(max).allowed);
            prop_assert!(!ask(max + 1).allowed);
        }
    }

    #[test]
    fn split_with_quotas_sums_exactly_and_respects_quotas_and_reserves(
        self_pay in 0i64..10_000_000,
        holders in prop::collection::vec((0i64..5_000_000, prop::option::of(0i64..5_000_000), prop::option::of(0i64..5_000_000)), 0..5),
    ) {
        let request: PaymentRequest = serde_json::from_value(json!({
            "selfPay": fen_text(self_pay),
            "holders": holders.iter().map(|(b, q, r)| json!({"psn_no": "1", "balc": fen_text(*b), "quota": q.map(fen_text), "reserved": r.map(fen_text)})).collect::<Vec<_>>(),
        })).unwrap();
        let split = preview_payment(&request).unwrap();
        let total = Yuan::sum([split.own_account, split.shared_total, split.cash]).unwrap();
        prop_assert_eq!(total.to_fen(), self_pay);
        for (draw, (balance, quota, reserved)) in split.shared.iter().zip(&holders) {
            let pay = draw.pay.to_fen();
            prop_assert!(pay >= 0 && pay <= (balance - reserved.unwrap_or(0)).max(0));
            if let Some(quota) = quota {
                prop_assert!(pay <= *quota);
                prop_assert_eq!(draw.quota_after.unwrap().to_fen(), quota - pay);
            } else {
                prop_assert!(draw.quota_after.is_none());
            }
        }
    }
}
