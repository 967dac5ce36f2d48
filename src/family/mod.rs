//! The heart of 家庭共济: relations (GB/T 4761), regional policies as data, binding
//! eligibility (and its channel: a binding in the province, or the 医保钱包 across provinces)
//! and its lifecycle, the 共济额度 of cross-province sharing, payment splits, the 医保钱包 rules,
//! allowed uses and the monthly credit estimate.
//!
//! Every decision names the policy it applied (`PolicyRef`: id, title, document, effective
//! date), because users read contradictory advice online and the rules changed by date and
//! region. The policies live in `data/policies/builtin.json`, loaded through the same parser a
//! shell uses for an updated set (`PolicySet::from_json`).
//!
//! Decisions taken where the sources are silent (all data, so changeable without code):
//! - effective dates: 国办发〔2021〕14号 from its document date 2021-04-13; 国办发〔2024〕38号
//!   from the day it was made public, 2024-08-01 (signed in July 2024, day not found); the
//!   2026 cross-province notice from its publication, 2026-01-09 (sources in the data's notes);
//! - precedence: the most specific region in force wins, then the latest effective date; the
//!   Gansu 2023 rule (配偶、父母、子女) ends by its `until` = 2024-10-20 (Gansu had widened by
//!   then; the exact day is UNVERIFIED), after which the national 近亲属 rule applies in Gansu;
//! - cross-province (the 2026 notice): a relative insured in another province is `channel:
//!   "wallet"` in every decision; eligible only under a policy with `crossProvince`; a relation
//!   ends by itself when either side's insurance ends (status 0 or 4, or the holder leaves
//!   职工医保) or moves to another 统筹地区 (the first `autoEnd.poolDigits` digits of the
//!   admdvs: 4, the city); a paused insurance (status 2) does not end it;
//! - the "其他…" codes need review only where the policy covers their kind: 59 under the 2021
//!   set, 49/59/69/79 under 近亲属 — review makes a binding not eligible, with its own code;
//! - limits (members per holder, holders per member, unbind cool-down, no mutual binding) and
//!   paying relatives' 居民医保 contributions before 2024 are off (UNVERIFIED for Gansu);
//! - the policy is chosen by the holder's insuplc_admdvs; a member whose birth date cannot be
//!   read from the ID number is treated as needing the face check (with a warning).

pub mod binding;
pub mod credit;
pub mod input;
pub mod lifecycle;
pub mod payment;
pub mod policy;
pub mod quota;
pub mod relations;
pub mod uses;
pub mod wallet;

pub use binding::{check_binding, BindingDecision, BindingRequest, Channel, ExistingBinding, InsuredPerson};
pub use credit::{estimate_monthly_credit, CreditEstimate, CreditRequest};
pub use input::Field;
pub use lifecycle::{
    next_binding_state, BindingEvent, BindingState, BindingTransition, TransitionOptions, TransitionRequest,
};
pub use payment::{preview_payment, HolderBalance, PaymentRequest, PaymentSplit, SharedDraw};
pub use policy::{Policy, PolicyRef, PolicySet, SetVersion};
pub use quota::{
    check_quota, quota_summary, relation_end, release_quota, QuotaDecision, QuotaEntry, QuotaRelease, QuotaRequest,
    QuotaSummary, QuotaSummaryRequest, RelationEnd, RelationEndRequest,
};
pub use uses::{check_use, UseDecision, UseRequest};
pub use wallet::{check_wallet_transfer, WalletDecision, WalletTransferRequest};
