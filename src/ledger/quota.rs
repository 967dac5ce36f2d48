//! The 共济额度 (quota) records of the history (国家医保局、财政部 2026-01-09 notice): a `quota`
//! row sets, changes or releases the quota the holder keeps for a relative insured in another
//! province. A quota is virtual — it never changes the balance (`balc`); the relative's
//! spending from it does, through their settlements' `acct_mulaid_pay`.
//!
//! Replaying the rows in time order gives:
//! - each quota row's signed change of the amount kept aside for relatives (set: + the quota;
//!   change: new − old; release: − the part returned), which `query` sums and `monthly` and
//!   `byMember` show;
//! - each relative's quota at the end of the history (size, used, unused), hence what the holder
//!   can still use himself (balance − Σ unused, never negative) in `reconcile`;
//! - two anomalies for `reconcile`: a relative spending beyond the quota, and a release that
//!   returned a different amount than the unused part.
//!
//! The record's `amount` is the quota after the action for `set` and `change`, and the part
//! returned for `release`. A `change` with no earlier quota in the history (set before the
//! history starts) counts as a new quota of that size. Amounts are integer fen.

use foldhash::{HashMap, HashMapExt};

use super::record::{Columns, Kind, NONE};
use crate::messages::{Code, Locale};

/// What a quota record did (stored in the row's period/year column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaAction {
    Set = 1,
    Change = 2,
    Release = 3,
}

impl QuotaAction {
    pub const ALL: [QuotaAction; 3] = [QuotaAction::Set, QuotaAction::Change, QuotaAction::Release];

    /// The contract's `action` string.
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaAction::Set => "set",
            QuotaAction::Change => "change",
            QuotaAction::Release => "release",
        }
    }

    pub fn parse(text: &str) -> Option<QuotaAction> {
        QuotaAction::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// From the stored column value.
    pub fn from_stored(value: u32) -> Option<QuotaAction> {
        QuotaAction::ALL.into_iter().find(|&a| a as u32 == value)
    }

    /// 设置额度 / 调整额度 / 释放额度, from the catalog.
    pub fn label(self, locale: Locale) -> &'static str {
        let code = match self {
            QuotaAction::Set => Code::LedgerQuotaSet,
            QuotaAction::Change => Code::LedgerQuotaChange,
            QuotaAction::Release => Code::LedgerQuotaRelease,
        };
        code.template(locale)
    }
}

/// A relative's quota at the end of the history, in fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuotaState {
    /// The quota in force (0 after a release).
    pub amount: i64,
    /// Spent from it since it was set.
    pub used: i64,
}

impl QuotaState {
    /// What is kept aside for the relative: never negative, even when overspent.
    pub fn unused(self) -> i64 {
        self.amount.saturating_sub(self.used).max(0)
    }
}

/// One anomaly the replay found, at a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QuotaFinding {
    pub row: usize,
    pub code: Code,
}

/// The replayed quotas of one ledger.
#[derive(Clone, Debug, Default)]
pub(crate) struct QuotaBook {
    /// Signed change of the amount kept aside, per quota row.
    deltas: HashMap<u32, i64>,
    /// Per person id who ever had a quota.
    states: HashMap<u32, QuotaState>,
    pub findings: Vec<QuotaFinding>,
}

impl QuotaBook {
    /// Replays the rows, which are in time order. A history without quota rows (all of them
    /// before 2026) costs one scan of the type column.
    pub fn replay(rows: &Columns) -> QuotaBook {
        let mut book = QuotaBook { deltas: HashMap::new(), states: HashMap::new(), findings: Vec::new() };
        if !rows.kind.contains(&Kind::Quota) {
            return book;
        }
        let mut overspent: Vec<u32> = Vec::new();
        for row in 0..rows.len() {
            let person = rows.person.get(row).copied().unwrap_or(NONE);
            match rows.kind.get(row) {
                Some(Kind::Quota) => {
                    let amount = rows.amount.get(row).copied().unwrap_or(0);
                    let action = rows.kind_detail.get(row).copied().and_then(QuotaAction::from_stored);
                    let state = book.states.entry(person).or_default();
                    let delta = match action {
                        Some(QuotaAction::Set | QuotaAction::Change) => {
                            if state.amount == 0 {
                                // A new quota starts unused.
                                state.used = 0;
                            }
                            let delta = amount.saturating_sub(state.amount);
                            state.amount = amount;
                            delta
                        }
                        Some(QuotaAction::Release) => {
                            if amount != state.unused() {
                                book.findings.push(QuotaFinding { row, code: Code::LedgerQuotaReleaseMismatch });
                            }
                            *state = QuotaState::default();
                            amount.saturating_neg()
                        }
                        None => 0,
                    };
                    if let Ok(row) = u32::try_from(row) {
                        book.deltas.insert(row, delta);
                    }
                }
                Some(Kind::Settlement | Kind::Refund) => {
                    let Some(state) = book.states.get_mut(&person).filter(|s| s.amount > 0) else { continue };
                    // Refunds are kept negative: they give back to the quota.
                    let spent = rows.split.get(row).map_or(0, |s| s.acct_mulaid_pay);
                    state.used = state.used.saturating_add(spent);
                    if state.used > state.amount && !overspent.contains(&person) {
                        overspent.push(person);
                        book.findings.push(QuotaFinding { row, code: Code::LedgerQuotaOverspent });
                    }
                }
                _ => {}
            }
        }
        book
    }

    /// The signed change a quota row made to the amount kept aside (0 for other rows).
    pub fn delta(&self, row: usize) -> i64 {
        u32::try_from(row).ok().and_then(|row| self.deltas.get(&row)).copied().unwrap_or(0)
    }

    /// The quota of a person at the end of the history, if they ever had one.
    pub fn state(&self, person: u32) -> Option<QuotaState> {
        self.states.get(&person).copied()
    }

    /// Σ unused quotas at the end of the history.
    pub fn unused_total(&self) -> i128 {
        self.states.values().map(|s| i128::from(s.unused())).sum()
    }
}
