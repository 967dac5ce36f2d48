//! The 医保钱包 rules for cross-province transfers (national platform; limits confirmed on a
//! Gansu county page): per-transfer cap, transfers per day, the night block (China time) and
//! no new transfer while one is pending. Every broken rule is reported, not just the first.
//! The limits come from the policy set's `wallet` entry.

use serde::{Deserialize, Serialize};

use crate::date::DateTime;
use crate::family::input::{Field, FieldProblem};
use crate::family::policy::{PolicySet, WalletRules};
use crate::messages::{Code, Locale, Message, Notice};
use crate::money::Yuan;

#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct WalletTransferRequest {
    /// Decimal string.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub amount: Field,
    /// "yyyy-MM-dd HH:mm:ss", China time (whatever the device's zone).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub at: Field,
    /// Transfers already made today (absent: 0).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number"))]
    pub transfers_today: Field,
    /// Whether a transfer is still waiting to be accepted (absent: false).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pending: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WalletDecision {
    pub allowed: bool,
    pub reasons: Vec<Notice>,
    /// Where the limits come from.
    pub document: String,
}

fn hh_mm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn in_night_block(rules: &WalletRules, at: DateTime) -> bool {
    let minute = u32::from(at.hour()) * 60 + u32::from(at.minute());
    let (from, until) = (rules.blocked_from_minute, rules.blocked_until_minute);
    if from <= until {
        (from..until).contains(&minute)
    } else {
        minute >= from || minute < until
    }
}

fn rule_breaks(rules: &WalletRules, request: &WalletTransferRequest) -> Vec<Message> {
    let mut reasons = Vec::new();
    match request.amount.required() {
        Err(_) => reasons.push(Message::new(Code::WalletAmountInvalid)),
        Ok(text) => match Yuan::parse_plain(text) {
            Err(_) => reasons.push(Message::new(Code::WalletAmountInvalid)),
            Ok(amount) if amount.is_negative() || amount.is_zero() => {
                reasons.push(Message::new(Code::WalletAmountNotPositive));
            }
            Ok(amount) if amount > rules.max_per_transfer => {
                reasons.push(Message::new(Code::WalletOverMax).with("max", rules.max_per_transfer.to_string()));
            }
            Ok(_) => {}
        },
    }
    let count = match request.transfers_today.required() {
        Err(FieldProblem::Missing) => Some(0),
        Err(FieldProblem::Invalid) => None,
        Ok(text) => text.parse::<u32>().ok(),
    };
    match count {
        None => reasons.push(Message::new(Code::WalletCountInvalid)),
        Some(count) if count >= rules.max_per_day => {
            reasons.push(Message::new(Code::WalletDailyLimit).with("max", rules.max_per_day.to_string()));
        }
        Some(_) => {}
    }
    match request.at.get().map(DateTime::parse) {
        Some(Ok(at)) => {
            if in_night_block(rules, at) {
                reasons.push(
                    Message::new(Code::WalletNight)
                        .with("from", hh_mm(rules.blocked_from_minute))
                        .with("until", hh_mm(rules.blocked_until_minute)),
                );
            }
        }
        _ => reasons.push(Message::new(Code::WalletTimeInvalid)),
    }
    if request.pending == Some(true) {
        reasons.push(Message::new(Code::WalletPending));
    }
    reasons
}

pub fn check_wallet_transfer(request: &WalletTransferRequest, set: &PolicySet, locale: Locale) -> WalletDecision {
    let reasons = rule_breaks(&set.wallet, request);
    WalletDecision {
        allowed: reasons.is_empty(),
        reasons: reasons.iter().map(|m| Notice::from_message(m, locale)).collect(),
        document: set.wallet.document.clone(),
    }
}
