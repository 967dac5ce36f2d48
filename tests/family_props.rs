//! Property tests of the family rules: a payment split always sums exactly to the self-pay
//! amount and never draws more than any balance; binding checks never panic on junk.
#![cfg(not(target_arch = "wasm32"))]
// Helpers beside the tests may unwrap too; decision tables are wide tuples on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::type_complexity)]

use gongji::family::{check_binding, preview_payment, BindingRequest, PaymentRequest, PolicySet};
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
        let decision = check_binding(&request, PolicySet::built_in(), Locale::Hant);
        prop_assert_eq!(decision.eligible, decision.reasons.is_empty());
    }
}
