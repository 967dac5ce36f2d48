//! Who pays what for one self-pay amount, exactly: the patient's own account first, then the
//! shared accounts of the holders in binding order, then cash (the deduction order secondary
//! sources agree on; several holders in binding order as in Hubei). Names are masked on output.
//!
//! A holder may have set 共济额度 (quotas, 2026 national notice): money kept for relatives in
//! other provinces. A holder entry with `quota` is such a wallet relation, and draws at most the
//! quota's unused part; every draw leaves the quotas the holder keeps for *other* relatives
//! (`reserved`) untouched, and the patient's own account leaves aside what the patient keeps
//! for others (`ownReserved`) — the holder's own available amount is balance − unused quotas.

use serde::{Deserialize, Serialize};

use crate::family::binding::Channel;
use crate::family::input::{Field, FieldProblem};
use crate::identity::mask::mask_name;
use crate::messages::{Code, Message};
use crate::money::Yuan;
use crate::text::display_safe;

#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default)]
pub struct HolderBalance {
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub psn_no: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub psn_name: Field,
    /// The holder's account balance (decimal string, or a number as the endpoint sends it).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub balc: Field,
    /// Cross-province (wallet) relation: the unused part of the quota this holder set for the
    /// patient. Absent for a binding within the province.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub quota: Field,
    /// Unused quotas this holder keeps for other relatives (absent: none); never drawn here.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub reserved: Field,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct PaymentRequest {
    /// The self-borne amount to pay (decimal string).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub self_pay: Field,
    /// The patient's own account balance; absent for a 居民医保 member (no account).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub own_balance: Field,
    /// Unused quotas the patient (as a holder) keeps for relatives: his own account leaves them.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub own_reserved: Field,
    /// Holders in binding order.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub holders: Vec<HolderBalance>,
}

#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SharedDraw {
    pub psn_no: String,
    /// Masked (张*三).
    pub psn_name: String,
    pub pay: Yuan,
    pub balance_after: Yuan,
    /// "wallet" when drawn from a quota (the holder entry had `quota`), else "province".
    pub channel: Channel,
    /// The quota's unused part after this draw (wallet only).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub quota_after: Option<Yuan>,
}

impl std::fmt::Debug for SharedDraw {
    /// Never prints the psn_no: it identifies a person, like an ID number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedDraw")
            .field("psn_no", &"..")
            .field("psn_name", &self.psn_name)
            .field("pay", &self.pay)
            .field("balance_after", &self.balance_after)
            .field("channel", &self.channel)
            .field("quota_after", &self.quota_after)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PaymentSplit {
    pub self_pay: Yuan,
    pub own_account: Yuan,
    /// One entry per holder, in binding order (zero draws included, so the shell can show them).
    pub shared: Vec<SharedDraw>,
    pub shared_total: Yuan,
    pub cash: Yuan,
}

/// An amount of the request; `label` names it in the message (个人自付金额, never selfPay).
fn amount(field: &Field, label: Message, required: bool) -> Result<Yuan, Message> {
    let text = match field.required() {
        Ok(text) => text,
        Err(FieldProblem::Missing) if !required => return Ok(Yuan::ZERO),
        Err(_) => return Err(Message::new(Code::PayAmountInvalid).with_label("field", label)),
    };
    let value =
        Yuan::parse_plain(text).map_err(|_| Message::new(Code::PayAmountInvalid).with_label("field", label.clone()))?;
    if value.is_negative() {
        return Err(Message::new(Code::PayAmountNegative).with_label("field", label));
    }
    Ok(value)
}

/// What may be drawn from a balance that keeps `reserved` aside: never below zero.
fn spendable(balance: Yuan, reserved: Yuan) -> Result<Yuan, Message> {
    Ok(balance.checked_sub(reserved)?.max_of(Yuan::ZERO))
}

/// Splits `self_pay`: own account, then each holder in order (a wallet holder within the
/// patient's quota), then cash.
pub fn preview_payment(request: &PaymentRequest) -> Result<PaymentSplit, Message> {
    let self_pay = amount(&request.self_pay, Code::PayLabelSelfPay.into(), true)?;
    let own_balance = amount(&request.own_balance, Code::PayLabelOwnBalance.into(), false)?;
    let own_reserved = amount(&request.own_reserved, Code::PayLabelOwnReserved.into(), false)?;
    let own_account = self_pay.min(spendable(own_balance, own_reserved)?);
    let mut remaining = self_pay.checked_sub(own_account)?;
    let mut shared = Vec::with_capacity(request.holders.len());
    for (index, holder) in request.holders.iter().enumerate() {
        let n = (index + 1).to_string();
        let balance = amount(&holder.balc, Message::new(Code::PayLabelHolderBalance).with("n", n.clone()), true)?;
        let reserved =
            amount(&holder.reserved, Message::new(Code::PayLabelHolderReserved).with("n", n.clone()), false)?;
        let quota = if holder.quota.is_missing() {
            None
        } else {
            Some(amount(&holder.quota, Message::new(Code::PayLabelHolderQuota).with("n", n), true)?)
        };
        let mut limit = spendable(balance, reserved)?;
        if let Some(quota) = quota {
            limit = limit.min(quota);
        }
        let pay = remaining.min(limit);
        remaining = remaining.checked_sub(pay)?;
        shared.push(SharedDraw {
            psn_no: display_safe(holder.psn_no.get().unwrap_or_default()).into_owned(),
            psn_name: mask_name(holder.psn_name.get().unwrap_or_default()),
            pay,
            balance_after: balance.checked_sub(pay)?,
            channel: if quota.is_some() { Channel::Wallet } else { Channel::Province },
            quota_after: quota.map(|q| q.checked_sub(pay)).transpose()?,
        });
    }
    let shared_total = Yuan::sum(shared.iter().map(|d| d.pay))?;
    Ok(PaymentSplit { self_pay, own_account, shared, shared_total, cash: remaining })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of a payment preview are masked by identity's one rule (one star per hidden
    /// character: 欧**娜, where this module's own copy used to write 欧*娜).
    #[test]
    fn masks_names() {
        for (name, want) in [
            ("张三丰", "张*丰"),
            ("王五", "王*"),
            ("李", "李*"),
            ("", ""),
            ("欧阳娜娜", "欧**娜"),
            ("王\u{202E}五", "王*"),
        ] {
            assert_eq!(mask_name(name), want);
        }
    }
}
