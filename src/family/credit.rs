//! The monthly credit to the personal account (每月到账), estimated only where a rule gives
//! the number: on duty (psn_type 11xx) the policy's rate (2%, national since 2021) of the
//! contribution base, rounded 四舍五入; retired (12xx) the region's fixed amount when the
//! policy data has one. Otherwise the answer is an explicit "unknown" pointing the user to the
//! actual credits in the account history — never an invented number.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::input::{Field, FieldProblem};
use crate::family::policy::{Policy, PolicyRef, PolicySet};
use crate::identity::codes::{psn_kind, PsnKind};
use crate::messages::{Code, Locale, Message, Notice};
use crate::money::Yuan;

#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct CreditRequest {
    /// National psn_type ("1101" on duty, "1201" retired …).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub psn_type: Field,
    /// Monthly contribution base (decimal string), needed for on-duty members.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub contribution_base: Field,
    /// The person's insuplc_admdvs (national when absent).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub region: Field,
    /// "yyyy-MM-dd": the month asked about.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub date: Field,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CreditStatus {
    /// `amount` holds the figure a rule gives.
    Estimated,
    /// No rule gives a figure: show the actual credits from the account history.
    Unknown,
    /// 居民医保: there is no personal account.
    NoAccount,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct CreditEstimate {
    pub status: CreditStatus,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub amount: Option<Yuan>,
    /// Why / how: the rule used, or what to look at instead.
    pub basis: Notice,
    /// True when the shell should show the actual 划入 entries from the account history.
    pub see_account_history: bool,
    pub policy: Option<PolicyRef>,
}

/// "2%" from 0.02.
fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

pub fn estimate_monthly_credit(request: &CreditRequest, set: &PolicySet, locale: Locale) -> CreditEstimate {
    let policy = request
        .date
        .get()
        .and_then(|d| Date::parse(d).ok())
        .and_then(|d| set.policy_for(request.region.get().unwrap_or(""), d));
    let answer = |status: CreditStatus, amount: Option<Yuan>, basis: Message| CreditEstimate {
        status,
        amount,
        basis: Notice::from_message(&basis, locale),
        see_account_history: status == CreditStatus::Unknown,
        policy: policy.map(Policy::reference),
    };
    // A whole psn_type code only: an ID number that starts with 11 is no on-duty member.
    let kind = request.psn_type.get().and_then(psn_kind);
    let retired = match kind {
        Some(PsnKind::MinorResident | PsnKind::AdultResident | PsnKind::ElderlyResident) => {
            return answer(CreditStatus::NoAccount, None, Message::new(Code::CreditNoAccount))
        }
        Some(PsnKind::OnDuty) => false,
        Some(PsnKind::Retired) => true,
        Some(PsnKind::Lixiu) | None => {
            return answer(CreditStatus::Unknown, None, Message::new(Code::CreditUnknownType))
        }
    };
    let Some(policy) = policy else {
        let reason = match request.date.required() {
            Err(FieldProblem::Missing) => {
                Message::new(Code::FamilyFieldMissing).with_label("field", Code::FamilyLabelDate)
            }
            Ok(text) if Date::parse(text).is_ok() => Message::new(Code::PolicyNoneInForce),
            _ => Message::new(Code::FamilyFieldInvalid).with_label("field", Code::FamilyLabelDate),
        };
        return answer(CreditStatus::Unknown, None, reason);
    };
    if retired {
        return match policy.retiree_monthly_credit {
            Some(amount) => answer(
                CreditStatus::Estimated,
                Some(amount),
                Message::new(Code::CreditRetireeFixed).with("amount", amount.to_string()),
            ),
            None => answer(CreditStatus::Unknown, None, Message::new(Code::CreditRetireeUnknown)),
        };
    }
    let base = match request.contribution_base.required() {
        Err(FieldProblem::Missing) => {
            return answer(CreditStatus::Unknown, None, Message::new(Code::CreditBaseMissing))
        }
        Err(FieldProblem::Invalid) => None,
        Ok(text) => Yuan::parse_plain(text).ok().filter(|b| !b.is_negative()),
    };
    let amount = base.and_then(|b| {
        b.as_decimal().checked_mul(policy.on_duty_credit_rate).and_then(|v| Yuan::from_decimal_rounded(v).ok())
    });
    match amount {
        Some(amount) => answer(
            CreditStatus::Estimated,
            Some(amount),
            Message::new(Code::CreditOnDuty).with("rate", percent(policy.on_duty_credit_rate)),
        ),
        None => answer(CreditStatus::Unknown, None, Message::new(Code::CreditBaseInvalid)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: psn_type is read as a whole code (4 digits, 11xx–16xx). An ID number that
    /// happens to start with 11 is no on-duty member.
    #[test]
    fn psn_type_is_a_whole_code() {
        use serde_json::json;
        // (psn_type, status, basis)
        let table = [
            (json!("1101"), "estimated", "CREDIT_ON_DUTY"),
            (json!(1102), "estimated", "CREDIT_ON_DUTY"),
            (json!("110105194912310021"), "unknown", "CREDIT_UNKNOWN_TYPE"),
            (json!("11"), "unknown", "CREDIT_UNKNOWN_TYPE"),
            (json!("11011"), "unknown", "CREDIT_UNKNOWN_TYPE"),
            (json!("1201x"), "unknown", "CREDIT_UNKNOWN_TYPE"),
            (json!("150102199001011234"), "unknown", "CREDIT_UNKNOWN_TYPE"),
            (json!("1501"), "noAccount", "CREDIT_NO_ACCOUNT"),
            (json!("1201"), "unknown", "CREDIT_RETIREE_UNKNOWN"),
        ];
        for (psn_type, status, basis) in table {
            let request: CreditRequest = serde_json::from_value(json!({
                "psnType": psn_type, "contributionBase": "5000", "date": "2025-06-01", "region": "620102",
            }))
            .unwrap();
            let e = estimate_monthly_credit(&request, PolicySet::built_in().unwrap(), Locale::Hans);
            assert_eq!(serde_json::to_value(e.status).unwrap(), json!(status), "{psn_type}");
            assert_eq!(e.basis.code, basis, "{psn_type}");
        }
    }

    #[test]
    fn percent_text() {
        assert_eq!(percent("0.02".parse().unwrap()), "2%");
        assert_eq!(percent("0.025".parse().unwrap()), "2.5%");
    }
}
