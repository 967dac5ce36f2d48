//! The heart of 家庭共济: relations (GB/T 4761), regional policies as data, binding
//! eligibility and its lifecycle, payment splits, the 医保钱包 rules, allowed uses and the
//! monthly credit estimate.
//!
//! Every decision names the policy it applied (`PolicyRef`: id, title, document, effective
//! date), because users read contradictory advice online and the rules changed by date and
//! region. The policies live in `data/policies/builtin.json`, loaded through the same parser a
//! shell uses for an updated set (`PolicySet::from_json`).

pub mod binding;
pub mod credit;
pub mod input;
pub mod lifecycle;
pub mod payment;
pub mod policy;
pub mod relations;
pub mod uses;
pub mod wallet;

pub use binding::{check_binding, BindingDecision, BindingRequest, ExistingBinding, InsuredPerson};
pub use credit::{estimate_monthly_credit, CreditEstimate, CreditRequest};
pub use input::Field;
pub use lifecycle::{
    next_binding_state, BindingEvent, BindingState, BindingTransition, TransitionOptions, TransitionRequest,
};
pub use payment::{preview_payment, HolderBalance, PaymentRequest, PaymentSplit, SharedDraw};
pub use policy::{Policy, PolicyRef, PolicySet};
pub use uses::{check_use, UseDecision, UseRequest};
pub use wallet::{check_wallet_transfer, WalletDecision, WalletTransferRequest};
