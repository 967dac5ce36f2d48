//! Who pays what for one self-pay amount, exactly: the patient's own account first, then the
//! shared accounts of the holders in binding order, then cash (the deduction order secondary
//! sources agree on; several holders in binding order as in Hubei). Names are masked on output.

use serde::{Deserialize, Serialize};

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
}

impl std::fmt::Debug for SharedDraw {
    /// Never prints the psn_no: it identifies a person, like an ID number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedDraw")
            .field("psn_no", &"..")
            .field("psn_name", &self.psn_name)
            .field("pay", &self.pay)
            .field("balance_after", &self.balance_after)
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

/// Splits `self_pay`: own account, then each holder in order, then cash.
pub fn preview_payment(request: &PaymentRequest) -> Result<PaymentSplit, Message> {
    let self_pay = amount(&request.self_pay, Code::PayLabelSelfPay.into(), true)?;
    let own_balance = amount(&request.own_balance, Code::PayLabelOwnBalance.into(), false)?;
    let own_account = self_pay.min(own_balance);
    let mut remaining = self_pay.checked_sub(own_account)?;
    let mut shared = Vec::with_capacity(request.holders.len());
    for (index, holder) in request.holders.iter().enumerate() {
        let label = Message::new(Code::PayLabelHolderBalance).with("n", (index + 1).to_string());
        let balance = amount(&holder.balc, label, true)?;
        let pay = remaining.min(balance);
        remaining = remaining.checked_sub(pay)?;
        shared.push(SharedDraw {
            psn_no: display_safe(holder.psn_no.get().unwrap_or_default()).into_owned(),
            psn_name: mask_name(holder.psn_name.get().unwrap_or_default()),
            pay,
            balance_after: balance.checked_sub(pay)?,
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
