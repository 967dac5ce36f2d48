//! Summaries of a query's match: per month (credited, spent from the own account, spent for
//! family through 共济, transferred, contributions, net, and the net change of the 共济额度 kept
//! for relatives) and per person (with their quota at the end of the history).

use serde::Serialize;

use super::query::{FenSums, Order, Query};
use super::record::{Role, NONE};
use super::{yuan, Ledger};
use crate::identity::mask::mask_name;
use crate::messages::{Locale, Message};
use crate::Yuan;

/// One month of the holder's account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MonthSummary {
    /// "yyyy-MM".
    pub month: String,
    /// Records of the month in the match.
    pub count: u32,
    /// Credits (每月划入).
    pub credited: Yuan,
    /// acct_pay: spent from the own account (refunds deducted).
    pub spent_own: Yuan,
    /// acct_mulaid_pay: spent for family through 共济 (refunds deducted).
    pub spent_family: Yuan,
    pub transferred: Yuan,
    pub contributions: Yuan,
    /// credited − spentOwn − spentFamily − transferred − contributions.
    pub net: Yuan,
    /// Net change of the 共济额度 kept for relatives (not in `net`: a quota never changes the
    /// balance; spending from it is in `spentFamily`).
    pub quota: Yuan,
}

/// Totals for one person over the match. `Debug` masks the name even when unmasked.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MemberTotals {
    /// psn_no.
    pub member_id: String,
    /// Masked unless the query said `unmasked`.
    pub member_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_name: Option<String>,
    /// "holder" | "member" | "other".
    pub role: &'static str,
    pub count: u32,
    pub credit: Yuan,
    pub transfer: Yuan,
    pub contribution: Yuan,
    pub medfee_sumamt: Yuan,
    pub fund_pay_sumamt: Yuan,
    pub acct_pay: Yuan,
    pub acct_mulaid_pay: Yuan,
    pub psn_cash_pay: Yuan,
    /// Net change of this relative's 共济额度 over the match (see `Sums.quota`).
    pub quota: Yuan,
    /// A relative who ever had a quota: its size, what was spent from it and what is left, at
    /// the end of the loaded history (whatever the query's dates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_amount: Option<Yuan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_used: Option<Yuan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_unused: Option<Yuan>,
}

impl std::fmt::Debug for MemberTotals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemberTotals")
            .field("member_id", &self.member_id)
            .field("member_name", &mask_name(&self.member_name))
            .field("relation", &self.relation)
            .field("role", &self.role)
            .field("count", &self.count)
            .field("credit", &self.credit)
            .field("transfer", &self.transfer)
            .field("contribution", &self.contribution)
            .field("medfee_sumamt", &self.medfee_sumamt)
            .field("fund_pay_sumamt", &self.fund_pay_sumamt)
            .field("acct_pay", &self.acct_pay)
            .field("acct_mulaid_pay", &self.acct_mulaid_pay)
            .field("psn_cash_pay", &self.psn_cash_pay)
            .field("quota", &self.quota)
            .field("quota_unused", &self.quota_unused)
            .finish_non_exhaustive()
    }
}

/// Rows counted and summed while walking the match: one per month or per person.
#[derive(Clone, Copy, Default)]
struct Tally {
    count: u32,
    sums: FenSums,
}

impl Tally {
    fn add(&mut self, ledger: &Ledger, row: usize) {
        self.count += 1;
        self.sums.add(ledger, row);
    }
}

/// yyyymm → its month's summary.
fn month_view(month: u32, tally: &Tally) -> Result<MonthSummary, Message> {
    let sums = &tally.sums;
    Ok(MonthSummary {
        month: format!("{:04}-{:02}", month / 100, month % 100),
        count: tally.count,
        credited: yuan(sums.credit)?,
        spent_own: yuan(sums.acct_pay)?,
        spent_family: yuan(sums.acct_mulaid_pay)?,
        transferred: yuan(sums.transfer)?,
        contributions: yuan(sums.contribution)?,
        net: yuan(sums.credit - sums.debits())?,
        quota: yuan(sums.quota)?,
    })
}

impl Ledger {
    /// Per month of the match, oldest first (`order`, `offset`, `limit` are ignored).
    pub fn monthly(&self, query: &Query) -> Result<Vec<MonthSummary>, Message> {
        let mut filter = self.compile(query)?;
        filter.order = Order::Asc;
        // (yyyymm, its tally); rows are in time order, so a month's rows are contiguous.
        let mut months: Vec<(u32, Tally)> = Vec::new();
        self.each_match(&filter, |row| {
            let month = self.rows.month.get(row).copied().unwrap_or(0);
            if months.last().is_none_or(|(m, _)| *m != month) {
                months.push((month, Tally::default()));
            }
            if let Some((_, tally)) = months.last_mut() {
                tally.add(self, row);
            }
        });
        months.iter().map(|(month, tally)| month_view(*month, tally)).collect()
    }

    /// Per person of the match: the holder first, then members in their list order, then
    /// anyone else; people with no matching record are left out.
    pub fn by_member(&self, query: &Query, locale: Locale) -> Result<Vec<MemberTotals>, Message> {
        let filter = self.compile(query)?;
        // One tally per person id.
        let mut totals: Vec<Tally> = vec![Tally::default(); self.people.len()];
        self.each_match(&filter, |row| {
            let person = self.rows.person.get(row).copied().unwrap_or(NONE);
            if let Some(tally) = totals.get_mut(person as usize) {
                tally.add(self, row);
            }
        });
        let unmasked = query.unmasked.unwrap_or(false);
        let rank = |role: Role| match role {
            Role::Holder => 0,
            Role::Member => 1,
            Role::Stranger => 2,
        };
        let order = crate::order::stable_order(self.people.len(), |id| {
            let role: u64 = self.people.get(id).map_or(3, |p| rank(p.role));
            (role << 32) | u64::from(self.member_order.get(id).copied().unwrap_or(u32::MAX))
        });
        order
            .into_iter()
            .map(|id| id as usize)
            .filter_map(|id| Some((id, self.people.get(id)?, totals.get(id)?)))
            .filter(|(_, _, tally)| tally.count > 0)
            .map(|(id, person, Tally { count, sums })| {
                let id = u32::try_from(id).unwrap_or(NONE);
                let state = self.quota.state(id);
                let fen = |value: i64| Yuan::from_fen(value);
                Ok(MemberTotals {
                    member_id: person.psn_no.clone(),
                    member_name: self.person_name(id, unmasked).unwrap_or_default(),
                    relation: (person.role == Role::Member).then(|| person.relation.clone()),
                    relation_name: self.relation_name(id, locale),
                    role: person.role.as_str(),
                    count: *count,
                    credit: yuan(sums.credit)?,
                    transfer: yuan(sums.transfer)?,
                    contribution: yuan(sums.contribution)?,
                    medfee_sumamt: yuan(sums.medfee_sumamt)?,
                    fund_pay_sumamt: yuan(sums.fund_pay_sumamt)?,
                    acct_pay: yuan(sums.acct_pay)?,
                    acct_mulaid_pay: yuan(sums.acct_mulaid_pay)?,
                    psn_cash_pay: yuan(sums.psn_cash_pay)?,
                    quota: yuan(sums.quota)?,
                    quota_amount: state.map(|s| fen(s.amount)).transpose()?,
                    quota_used: state.map(|s| fen(s.used)).transpose()?,
                    quota_unused: state.map(|s| fen(s.unused())).transpose()?,
                })
            })
            .collect()
    }
}
