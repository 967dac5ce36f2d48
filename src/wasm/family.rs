//! JS boundary for `crate::family`: converts values and maps errors only.
//!
//! Two ways in, the same rules: module-level functions use the built-in policy set; a
//! `PolicySet` object (built once with `PolicySet.builtIn()` or `PolicySet.fromJson(text)`)
//! answers the same questions under a set the shell loaded. `fromJson` rejects a malformed set
//! whole (throws `POLICY_SET_INVALID`), so the shell keeps using the set it had.

use wasm_bindgen::prelude::*;

use crate::date::Date;
use crate::family::input::Field;
use crate::family::lifecycle::{binding_states, TransitionOptions, TransitionRequest};
use crate::family::relations;
use crate::family::{
    check_binding, check_quota, check_use, check_wallet_transfer, estimate_monthly_credit, next_binding_state, policy,
    preview_payment, quota_summary, relation_end, release_quota, BindingRequest, CreditRequest, PaymentRequest,
    QuotaRequest, QuotaSummaryRequest, RelationEndRequest, UseRequest, WalletTransferRequest,
};
use crate::messages::Message;
use crate::wasm::{from_js, from_js_or_default, locale, throw, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_IDS: &str = r#"
/** A binding's lifecycle state: 待确认, 审核中, 正常, 已驳回, 已解绑. */
export type BindingStateId = "invited" | "reviewing" | "active" | "rejected" | "unbound";
/** What happens to a binding: the relative confirms, the office approves or rejects, the holder unbinds, or the relation ends by itself (insurance ended or moved). */
export type BindingEventId = "confirm" | "approve" | "reject" | "unbind" | "end";
"#;

/// Reads a JS string argument; anything else becomes an unusable field (reported as data).
fn field_of(value: &JsValue) -> Field {
    if let Some(text) = value.as_string() {
        Field::Text(text)
    } else if value.is_undefined() || value.is_null() {
        Field::Missing
    } else if let Some(number) = value.as_f64() {
        if number.is_finite() {
            // The engine's own number-to-text: Rust's float formatting (core::fmt for f64)
            // would cost the module ~7 KB brotli for this one misuse path (issue #13).
            let text: js_sys::JsString =
                value.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).unwrap_or_default();
            Field::Text(String::from(text))
        } else {
            Field::Invalid
        }
    } else {
        Field::Invalid
    }
}

fn transition(
    set: &policy::PolicySet,
    state: &JsValue,
    event: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options: TransitionOptions = from_js_or_default(options.unwrap_or(JsValue::UNDEFINED), "options")?;
    let request = TransitionRequest { state: field_of(state), event: field_of(event), options };
    to_js(&next_binding_state(&request, set, locale()))
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

    #[wasm_bindgen(js_name = checkBinding, unchecked_return_type = "BindingDecision")]
    pub fn check_binding(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BindingRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: BindingRequest = from_js(input, "input")?;
        to_js(&check_binding(&request, &self.inner, locale()))
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
        let request: UseRequest = from_js(input, "input")?;
        to_js(&check_use(&request, &self.inner, locale()))
    }

    #[wasm_bindgen(js_name = checkWalletTransfer, unchecked_return_type = "WalletDecision")]
    pub fn check_wallet_transfer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WalletTransferRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: WalletTransferRequest = from_js(input, "input")?;
        to_js(&check_wallet_transfer(&request, &self.inner, locale()))
    }

    #[wasm_bindgen(js_name = estimateMonthlyCredit, unchecked_return_type = "CreditEstimate")]
    pub fn estimate_monthly_credit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreditRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: CreditRequest = from_js(input, "input")?;
        to_js(&estimate_monthly_credit(&request, &self.inner, locale()))
    }

    #[wasm_bindgen(js_name = checkQuota, unchecked_return_type = "QuotaDecision")]
    pub fn check_quota(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QuotaRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: QuotaRequest = from_js(input, "input")?;
        to_js(&check_quota(&request, &self.inner, locale()))
    }

    #[wasm_bindgen(js_name = relationEnd, unchecked_return_type = "RelationEnd")]
    pub fn relation_end(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RelationEndRequest")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: RelationEndRequest = from_js(input, "input")?;
        to_js(&relation_end(&request, &self.inner, locale()))
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
    let request: BindingRequest = from_js(input, "input")?;
    to_js(&check_binding(&request, built_in()?, locale()))
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
    let request: UseRequest = from_js(input, "input")?;
    to_js(&check_use(&request, built_in()?, locale()))
}

/// Is this 医保钱包 transfer allowed now? Built-in limits.
#[wasm_bindgen(js_name = checkWalletTransfer, unchecked_return_type = "WalletDecision")]
pub fn check_wallet_transfer_js(
    #[wasm_bindgen(unchecked_param_type = "WalletTransferRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let request: WalletTransferRequest = from_js(input, "input")?;
    to_js(&check_wallet_transfer(&request, built_in()?, locale()))
}

/// The monthly credit to the personal account, where a rule gives it. Built-in policy set.
#[wasm_bindgen(js_name = estimateMonthlyCredit, unchecked_return_type = "CreditEstimate")]
pub fn estimate_monthly_credit_js(
    #[wasm_bindgen(unchecked_param_type = "CreditRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let request: CreditRequest = from_js(input, "input")?;
    to_js(&estimate_monthly_credit(&request, built_in()?, locale()))
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
    let request: QuotaRequest = from_js(input, "input")?;
    to_js(&check_quota(&request, built_in()?, locale()))
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
    let request: RelationEndRequest = from_js(input, "input")?;
    to_js(&relation_end(&request, built_in()?, locale()))
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
