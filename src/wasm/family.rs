//! JS boundary for `crate::family`: converts values and maps errors only.
//!
//! Two ways in, the same rules: module-level functions use the built-in policy set; a
//! `PolicySet` object (built once with `PolicySet.builtIn()` or `PolicySet.fromJson(text)`)
//! answers the same questions under a set the shell loaded. `fromJson` rejects a malformed set
//! whole (throws `POLICY_SET_INVALID`), so the shell keeps using the set it had.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::date::Date;
use crate::family::lifecycle::{binding_states, TransitionOptions, TransitionRequest};
use crate::family::relations;
use crate::family::{
    check_binding, check_quota, check_use, check_wallet_transfer, estimate_monthly_credit, next_binding_state, policy,
    preview_payment, quota_summary, relation_end, release_quota, BindingRequest, CreditRequest, PaymentRequest,
    QuotaRequest, QuotaSummaryRequest, RelationEndRequest, UseRequest, WalletTransferRequest,
};
use crate::messages::{Locale, Message};
use crate::wasm::interop::{code_field, from_js, optional_object};
use crate::wasm::{locale, throw, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_IDS: &str = r#"
/** A binding's lifecycle state: 待确认, 审核中, 正常, 已驳回, 已解绑. */
export type BindingStateId = "invited" | "reviewing" | "active" | "rejected" | "unbound";
/** What happens to a binding: the relative confirms, the office approves or rejects, the holder unbinds, or the relation ends by itself (insurance ended or moved). */
export type BindingEventId = "confirm" | "approve" | "reject" | "unbind" | "end";
"#;

fn transition(
    set: &policy::PolicySet,
    state: &JsValue,
    event: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options: TransitionOptions = optional_object(options, "options")?;
    let request = TransitionRequest { state: code_field(state), event: code_field(event), options };
    to_js(&next_binding_state(&request, set, locale()))
}

/// One question to the family rules under `set`, the one path for the `PolicySet` methods and
/// the module-level functions alike (those ask the built-in set): reads the request object,
/// applies the rule in the locale in force, converts the answer.
fn ask<R: DeserializeOwned, A: Serialize>(
    set: &policy::PolicySet,
    input: JsValue,
    rule: fn(&R, &policy::PolicySet, Locale) -> A,
) -> Result<JsValue, JsValue> {
    let request: R = from_js(input, "input")?;
    to_js(&rule(&request, set, locale()))
}

/// A policy set, built once and then queried.
#[wasm_bindgen(js_name = PolicySet)]
pub struct PolicySet {
    inner: policy::PolicySet,
}

#[wasm_bindgen(js_class = PolicySet)]
impl PolicySet {
    /// The set compiled into this build (national 2021, Gansu 2023, national 2024 and 2026).
    /// Throws `POLICY_SET_INVALID` if that set were broken (the test suite makes sure it is not).
    #[wasm_bindgen(js_name = builtIn)]
    pub fn built_in() -> Result<PolicySet, JsValue> {
        Ok(PolicySet { inner: built_in()?.clone() })
    }

    /// Parses an updated set (same format as the built-in one, see `builtInJson`); a malformed
    /// set throws `POLICY_SET_INVALID` and nothing changes.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<PolicySet, JsValue> {
        let text = text.as_string().ok_or_else(|| {
            let detail = Message::new(crate::Code::PolicyDetailNotText);
            throw(&Message::new(crate::Code::PolicySetInvalid).with_label("detail", detail))
        })?;
        policy::PolicySet::from_json(&text).map(|inner| PolicySet { inner }).map_err(|e| throw(&e))
    }

    /// The built-in set as JSON text: the format `fromJson` reads.
    #[wasm_bindgen(js_name = builtInJson)]
    pub fn built_in_json() -> String {
        policy::PolicySet::built_in_json().to_string()
    }

    /// The set's version, "issue date.serial" ("2026-12-01.1"); see `compareVersion`.
    pub fn version(&self) -> String {
        self.inner.version.to_string()
    }

    /// The day the set was issued ("yyyy-MM-dd").
    pub fn issued(&self) -> String {
        self.inner.issued.to_string()
    }

    /// Where the set's rules come from (documents, offices), for 关于.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn sources(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.sources)
    }

    /// How this set's version compares with another's ("2026-12-01.1", e.g. from
    /// `other.version()`): 1 newer, 0 the same, -1 older. A version that does not read
    /// throws `POLICY_VERSION_INVALID`.
    #[wasm_bindgen(js_name = compareVersion)]
    pub fn compare_version(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] other: &JsValue,
    ) -> Result<i32, JsValue> {
        let other = other
            .as_string()
            .and_then(|text| policy::SetVersion::parse(&text))
            .ok_or_else(|| throw(&Message::new(crate::Code::PolicyVersionInvalid)))?;
        Ok(match self.inner.version.cmp(&other) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        })
    }

    /// Every policy version of the set.
    #[wasm_bindgen(unchecked_return_type = "Policy[]")]
    pub fn policies(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.policies)
    }

    /// The policy in force for an insured region (insuplc_admdvs; "" national) on a date
    /// ("yyyy-MM-dd"), or `undefined`. A malformed date throws `DATE_INVALID`.
    #[wasm_bindgen(js_name = policyFor, unchecked_return_type = "PolicyRef | undefined")]
    pub fn policy_for(&self, region: &str, date: &str) -> Result<JsValue, JsValue> {
        let date = Date::parse(date).map_err(|e| throw(&e))?;
        match self.inner.policy_for(region, date) {
            Some(p) => to_js(&p.reference()),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The 医保钱包 limits of this set.
    #[wasm_bindgen(js_name = walletRules, unchecked_return_type = "WalletRules")]
    pub fn wallet_rules(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.wallet)
    }

    /// The use categories (med_type prefixes and named uses) of this set.
    #[wasm_bindgen(js_name = useCategories, unchecked_return_type = "UseCategory[]")]
    pub fn use_categories(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.use_categories)
    }

    /// What a shell shows beside the rules (the card rule, 亲情账户 and 家庭共济, 提取), in the
    /// current script, each with its sources and whether it is verified.
    #[wasm_bindgen(unchecked_return_type = "GuidanceView[]")]
    pub fn guidance(&self) -> Result<JsValue, JsValue> {
        let views: Vec<_> = self.inner.guidance.iter().map(|g| g.view(locale())).collect();
        to_js(&views)
    }

    #[wasm_bindgen(js_name = checkBinding, unchecked_return_type = "BindingDecision")]
    pub fn check_binding(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BindingRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        ask::<BindingRequest, _>(&self.inner, input, check_binding)
    }

    #[wasm_bindgen(js_name = nextBindingState, unchecked_return_type = "BindingTransition")]
    pub fn next_binding_state(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BindingStateId")] state: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BindingEventId")] event: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TransitionOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        transition(&self.inner, &state, &event, options)
    }

    #[wasm_bindgen(js_name = checkUse, unchecked_return_type = "UseDecision")]
    pub fn check_use(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UseRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        ask::<UseRequest, _>(&self.inner, input, check_use)
    }

    #[wasm_bindgen(js_name = checkWalletTransfer, unchecked_return_type = "WalletDecision")]
    pub fn check_wallet_transfer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WalletTransferRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        ask::<WalletTransferRequest, _>(&self.inner, input, check_wallet_transfer)
    }

    #[wasm_bindgen(js_name = estimateMonthlyCredit, unchecked_return_type = "CreditEstimate")]
    pub fn estimate_monthly_credit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreditRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        ask::<CreditRequest, _>(&self.inner, input, estimate_monthly_credit)
    }

    #[wasm_bindgen(js_name = checkQuota, unchecked_return_type = "QuotaDecision")]
    pub fn check_quota(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QuotaRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        ask::<QuotaRequest, _>(&self.inner, input, check_quota)
    }

    #[wasm_bindgen(js_name = relationEnd, unchecked_return_type = "RelationEnd")]
    pub fn relation_end(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RelationEndRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        ask::<RelationEndRequest, _>(&self.inner, input, relation_end)
    }
}

/// The built-in set; a broken one throws `POLICY_SET_INVALID` (never an empty set).
fn built_in() -> Result<&'static policy::PolicySet, JsValue> {
    policy::PolicySet::built_in().map_err(|e| throw(&e))
}

/// May this holder bind this member? Under the built-in policy set.
#[wasm_bindgen(js_name = checkBinding, unchecked_return_type = "BindingDecision")]
pub fn check_binding_js(
    #[wasm_bindgen(unchecked_param_type = "BindingRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    ask::<BindingRequest, _>(built_in()?, input, check_binding)
}

/// The binding's next state after an event, under the built-in policy set.
#[wasm_bindgen(js_name = nextBindingState, unchecked_return_type = "BindingTransition")]
pub fn next_binding_state_js(
    #[wasm_bindgen(unchecked_param_type = "BindingStateId")] state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BindingEventId")] event: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TransitionOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    transition(built_in()?, &state, &event, options)
}

/// May the shared account pay for this use (med_type or named use)? Built-in policy set.
#[wasm_bindgen(js_name = checkUse, unchecked_return_type = "UseDecision")]
pub fn check_use_js(#[wasm_bindgen(unchecked_param_type = "UseRequest")] input: JsValue) -> Result<JsValue, JsValue> {
    ask::<UseRequest, _>(built_in()?, input, check_use)
}

/// Is this 医保钱包 transfer allowed now? Built-in limits.
#[wasm_bindgen(js_name = checkWalletTransfer, unchecked_return_type = "WalletDecision")]
pub fn check_wallet_transfer_js(
    #[wasm_bindgen(unchecked_param_type = "WalletTransferRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    ask::<WalletTransferRequest, _>(built_in()?, input, check_wallet_transfer)
}

/// The monthly credit to the personal account, where a rule gives it. Built-in policy set.
#[wasm_bindgen(js_name = estimateMonthlyCredit, unchecked_return_type = "CreditEstimate")]
pub fn estimate_monthly_credit_js(
    #[wasm_bindgen(unchecked_param_type = "CreditRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    ask::<CreditRequest, _>(built_in()?, input, estimate_monthly_credit)
}

/// Who pays what: own account, then holders in binding order, then cash. A malformed or
/// negative amount throws `PAY_AMOUNT_INVALID` / `PAY_AMOUNT_NEGATIVE` naming the field.
#[wasm_bindgen(js_name = previewPayment, unchecked_return_type = "PaymentSplit")]
pub fn preview_payment_js(
    #[wasm_bindgen(unchecked_param_type = "PaymentRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let request: PaymentRequest = from_js(input, "input")?;
    let split = preview_payment(&request).map_err(|e| throw(&e))?;
    to_js(&split)
}

/// May the holder set or change this relative's 共济额度? Built-in policy set.
#[wasm_bindgen(js_name = checkQuota, unchecked_return_type = "QuotaDecision")]
pub fn check_quota_js(
    #[wasm_bindgen(unchecked_param_type = "QuotaRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    ask::<QuotaRequest, _>(built_in()?, input, check_quota)
}

/// Each quota's unused part and what the holder can still use himself (balance − unused quotas).
#[wasm_bindgen(js_name = quotaSummary, unchecked_return_type = "QuotaSummary")]
pub fn quota_summary_js(
    #[wasm_bindgen(unchecked_param_type = "QuotaSummaryRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let request: QuotaSummaryRequest = from_js(input, "input")?;
    to_js(&quota_summary(&request, locale()))
}

/// What returns to the holder when he releases a relative's quota (`psnNo`).
#[wasm_bindgen(js_name = releaseQuota, unchecked_return_type = "QuotaRelease")]
pub fn release_quota_js(
    #[wasm_bindgen(unchecked_param_type = "QuotaSummaryRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let request: QuotaSummaryRequest = from_js(input, "input")?;
    to_js(&release_quota(&request, locale()))
}

/// Does a relation end by itself (insurance ended or moved to another 统筹地区)? Built-in set.
#[wasm_bindgen(js_name = relationEnd, unchecked_return_type = "RelationEnd")]
pub fn relation_end_js(
    #[wasm_bindgen(unchecked_param_type = "RelationEndRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    ask::<RelationEndRequest, _>(built_in()?, input, relation_end)
}

/// Every GB/T 4761 relation with its name in the locale in force and its groups.
#[wasm_bindgen(js_name = relations, unchecked_return_type = "RelationInfo[]")]
pub fn relations_js() -> Result<JsValue, JsValue> {
    let list: Vec<_> = relations::all().iter().map(|r| r.info(locale())).collect();
    to_js(&list)
}

/// The name of a relation code in the locale in force, or `undefined`.
#[wasm_bindgen(js_name = relationName)]
pub fn relation_name(code: &str) -> Option<String> {
    relations::name_of(code, locale()).map(str::to_string)
}

/// The binding states with their labels in the locale in force.
#[wasm_bindgen(js_name = bindingStates, unchecked_return_type = "BindingStateInfo[]")]
pub fn binding_states_js() -> Result<JsValue, JsValue> {
    to_js(&binding_states(locale()))
}
