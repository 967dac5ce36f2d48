//! Does the balance follow from the history, and does anything in it look wrong? Plus how
//! fresh the snapshot is. 共济额度 records never enter the balance equation (a quota is
//! virtual); the quotas left unused are kept aside from what the holder can use himself.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::query::{seconds_to_text, FenSums};
use super::record::{Kind, Role};
use super::reference::hotline_for;
use super::{yuan, Ledger, Source};
use crate::date::DateTime;
use crate::messages::{Code, Locale, Message, Notice};
use crate::Yuan;

/// One coded anomaly, pointing at the record (index in the input's `records`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Anomaly {
    pub code: &'static str,
    pub message: String,
    pub index: u32,
    pub time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setl_id: Option<String>,
}

/// An anomaly while it is being collected: the record's index and time, its code.
struct Finding {
    index: u32,
    secs: i64,
    code: Code,
    setl_id: Option<String>,
}

/// `reconcile`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reconciliation {
    /// The balance follows from the history and nothing looks wrong.
    pub ok: bool,
    /// balc − (opening_balc + credits − debits), exact.
    pub difference: Yuan,
    /// opening_balc + credits − debits.
    pub expected_balance: Yuan,
    /// balc as sent.
    pub balance: Yuan,
    /// LEDGER_BALANCE_MISMATCH when the difference is not zero.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    /// In input order.
    pub anomalies: Vec<Anomaly>,
    /// The holder's region's medical-insurance hotline (0932-12393 for 定西, else 12393).
    pub hotline: &'static str,
    /// Σ 共济额度 left unused at the end of the history (kept for relatives in other provinces).
    pub quota_unused: Yuan,
    /// What the holder can still use himself: balance − quotaUnused, never negative.
    pub available: Yuan,
}

/// Options of `freshness`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct FreshnessOptions {
    /// Older than this many hours is stale (default 24).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_age_hours: Option<u32>,
}

/// Default staleness threshold: a day-old snapshot no longer shows today's spending.
pub const DEFAULT_MAX_AGE_HOURS: u32 = 24;

/// `freshness`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Freshness {
    /// account.as_of, "yyyy-MM-dd HH:mm:ss", when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// "online" | "counter" | "unknown" (a source label this build does not know).
    pub source: &'static str,
    /// Whole minutes between as_of and now (0 when as_of is in the future or missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_minutes: Option<u32>,
    /// LEDGER_COUNTER_LAG or LEDGER_SOURCE_UNKNOWN; LEDGER_STALE or LEDGER_AS_OF_UNKNOWN.
    pub notices: Vec<Notice>,
}

impl Ledger {
    /// Balance check and anomalies.
    pub fn reconcile(&self, locale: Locale) -> Result<Reconciliation, Message> {
        let rows = &self.rows;
        let mut sums = FenSums::default();
        for row in 0..rows.len() {
            sums.add(self, row);
        }
        let expected = i128::from(self.account.opening_balc) + sums.credit - sums.debits();
        let difference = i128::from(self.account.balc) - expected;
        let mut found: Vec<Finding> = Vec::new();
        let settled: HashSet<&str> = (0..rows.len())
            .filter(|&row| rows.kind.get(row) == Some(&Kind::Settlement))
            .map(|row| self.setl_id(row))
            .collect();
        for row in 0..rows.len() {
            let kind = rows.kind.get(row).copied();
            let source = rows.source.get(row).copied().unwrap_or(0);
            let secs = rows.secs.get(row).copied().unwrap_or(0);
            let setl = || Some(self.setl_id(row).to_string());
            let split_ok = rows.split.get(row).is_none_or(|s| s.adds_up());
            match kind {
                Some(Kind::Settlement) => {
                    let id = rows.person.get(row).copied().unwrap_or(super::record::NONE);
                    let person = self.people.get(id as usize);
                    // Before their first binding a member was not a bound member either.
                    let before_binding = self
                        .member_since
                        .get(id as usize)
                        .copied()
                        .flatten()
                        .is_some_and(|day| secs < day.to_days() * 86_400);
                    match person {
                        Some(p) if p.role == Role::Stranger || (p.role == Role::Member && before_binding) => found
                            .push(Finding { index: source, secs, code: Code::LedgerUnknownPerson, setl_id: setl() }),
                        Some(p) if p.role == Role::Member && p.unbound => {
                            let after = p.unbound_at.is_some_and(|day| secs >= (day.to_days() + 1) * 86_400);
                            if after {
                                found.push(Finding {
                                    index: source,
                                    secs,
                                    code: Code::LedgerSpentAfterUnbinding,
                                    setl_id: setl(),
                                });
                            }
                        }
                        _ => {}
                    }
                    if !split_ok {
                        found.push(Finding { index: source, secs, code: Code::LedgerSplitMismatch, setl_id: setl() });
                    }
                }
                Some(Kind::Refund) => {
                    if !settled.contains(self.setl_id(row)) {
                        found.push(Finding { index: source, secs, code: Code::LedgerOrphanRefund, setl_id: setl() });
                    }
                    if !split_ok {
                        found.push(Finding { index: source, secs, code: Code::LedgerSplitMismatch, setl_id: setl() });
                    }
                }
                _ => {}
            }
        }
        for quota_finding in &self.quota.findings {
            let row = quota_finding.row;
            found.push(Finding {
                index: rows.source.get(row).copied().unwrap_or(0),
                secs: rows.secs.get(row).copied().unwrap_or(0),
                code: quota_finding.code,
                setl_id: matches!(rows.kind.get(row), Some(Kind::Settlement | Kind::Refund))
                    .then(|| self.setl_id(row).to_string()),
            });
        }
        for duplicate in &self.duplicates {
            found.push(Finding {
                index: duplicate.source,
                secs: duplicate.secs,
                code: Code::LedgerDuplicateSettlement,
                setl_id: Some(duplicate.setl_id.clone()),
            });
        }
        found.sort_by_key(|finding| (finding.index, finding.code.as_str()));
        let anomalies: Vec<Anomaly> = found
            .into_iter()
            .map(|finding| Anomaly {
                code: finding.code.as_str(),
                message: Message::new(finding.code).render(locale),
                index: finding.index,
                time: seconds_to_text(finding.secs),
                setl_id: finding.setl_id,
            })
            .collect();
        let difference = yuan(difference)?;
        let notice = (!difference.is_zero()).then(|| {
            Notice::from_message(
                &Message::new(Code::LedgerBalanceMismatch).with("difference", difference.to_string()),
                locale,
            )
        });
        let quota_unused = self.quota.unused_total();
        Ok(Reconciliation {
            quota_unused: yuan(quota_unused)?,
            available: yuan((i128::from(self.account.balc) - quota_unused).max(0))?,
            ok: difference.is_zero() && anomalies.is_empty(),
            difference,
            expected_balance: yuan(expected)?,
            balance: Yuan::from_fen(self.account.balc)?,
            notice,
            anomalies,
            hotline: hotline_for(&self.account.insuplc_admdvs),
        })
    }

    /// How fresh the snapshot is at `now` (China time, "yyyy-MM-dd HH:mm:ss").
    pub fn freshness(&self, now: &str, options: &FreshnessOptions, locale: Locale) -> Result<Freshness, Message> {
        self.freshness_at(DateTime::parse(now)?, options, locale)
    }

    /// The same at an instant given as milliseconds since the Unix epoch (JS `Date.now()`):
    /// China time is UTC+8 all year (no daylight saving), so the device's zone never enters.
    pub fn freshness_at_epoch_ms(
        &self,
        epoch_ms: f64,
        options: &FreshnessOptions,
        locale: Locale,
    ) -> Result<Freshness, Message> {
        let china_seconds = super::statement::china_seconds_from_epoch_ms(epoch_ms)?;
        let now = DateTime::parse(&seconds_to_text(china_seconds))?;
        self.freshness_at(now, options, locale)
    }

    fn freshness_at(&self, now: DateTime, options: &FreshnessOptions, locale: Locale) -> Result<Freshness, Message> {
        let max_age_hours = options.max_age_hours.unwrap_or(DEFAULT_MAX_AGE_HOURS);
        let mut notices = Vec::new();
        match self.account.source {
            Source::Online => {}
            Source::Counter => notices.push(Notice::from_message(&Message::new(Code::LedgerCounterLag), locale)),
            Source::Unknown => notices.push(Notice::from_message(&Message::new(Code::LedgerSourceUnknown), locale)),
        }
        if self.account.as_of_unreadable {
            notices.push(Notice::from_message(&Message::new(Code::LedgerAsOfUnknown), locale));
        }
        let age_seconds = self.account.as_of.map(|as_of| (now.to_seconds() - as_of.to_seconds()).max(0));
        let age_minutes = age_seconds.map(|age| u32::try_from(age / 60).unwrap_or(u32::MAX));
        if age_seconds.is_some_and(|age| age > i64::from(max_age_hours) * 3600) {
            notices.push(Notice::from_message(
                &Message::new(Code::LedgerStale).with("hours", max_age_hours.to_string()),
                locale,
            ));
        }
        Ok(Freshness {
            as_of: self.account.as_of.map(|t| t.to_string()),
            source: self.account.source.as_str(),
            age_minutes,
            notices,
        })
    }
}
