//! The statement a counter hands out (对账单) for a period: the balance at its start, what came
//! in, what went out by kind, the balance at its end, and when it was issued (China time).
//!
//! A statement is about the account, not about a selection of rows: only the period (`from`,
//! `to` of a `Query`) is read, and every balance-moving record of the period counts, whatever
//! member, type or institution filter the history screen has. 共济额度 records never move
//! the balance (`quota`), so they are not in it. The balances follow from the history's own
//! opening balance (`opening_balc`) and its records, so that opening + credits − debits =
//! closing holds on the paper by construction; when the history does not add up to the
//! account's balance, the statement carries the reconciliation's notice instead of hiding it.

use serde::Serialize;

use super::csv::text_cell;
use super::query::{seconds_to_text, FenSums, Query};
use super::record::Kind;
use super::{yuan, Ledger};
use crate::date::{Date, DateTime};
use crate::messages::{Code, Locale, Message, Notice};
use crate::money::script::in_script;
use crate::money::uppercase::{to_chinese_uppercase, ChineseUppercaseOptions};
use crate::Yuan;

/// One kind of money going out of the account over the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StatementDebit {
    /// "ownCare" (the holder's own care, refunds deducted) | "familyCare" (relatives' care
    /// through 共济, refunds deducted) | "transfer" | "contribution" (代缴居民医保).
    pub kind: &'static str,
    /// The kind in words, in the caller's script.
    pub name: String,
    pub amount: Yuan,
}

/// `Ledger::statement`'s answer: decimal strings, China-local dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Statement {
    /// First day of the period, "yyyy-MM-dd": the query's, else the history's opening date or
    /// first record; absent for an empty history asked for no period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day of the period: the query's, else the snapshot's day or the last record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// When the statement was made, China time "yyyy-MM-dd HH:mm:ss".
    pub issued_at: String,
    /// The balance when the period began (before its first day).
    pub opening_balance: Yuan,
    /// 划入 over the period.
    pub credits: Yuan,
    /// What went out, by kind, in a fixed order (kinds with nothing are listed too, as 0.00).
    pub debits: Vec<StatementDebit>,
    pub debits_total: Yuan,
    /// The balance at the end of the period's last day.
    pub closing_balance: Yuan,
    /// Balance-moving records in the period.
    pub records: u32,
    /// LEDGER_BALANCE_MISMATCH when the history does not add up to the account's balance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// "Now" as the shell gives it: China-time text, or a JS timestamp (ms since the epoch).
#[derive(Clone, Copy, Debug)]
pub enum IssuedAt<'a> {
    ChinaText(&'a str),
    EpochMs(f64),
}

impl IssuedAt<'_> {
    fn to_china_text(self) -> Result<String, Message> {
        match self {
            IssuedAt::ChinaText(text) => DateTime::parse(text).map(|t| t.to_string()),
            IssuedAt::EpochMs(ms) => Ok(seconds_to_text(china_seconds_from_epoch_ms(ms)?)),
        }
    }
}

/// China-local seconds (UTC+8 all year: China has kept no daylight saving time since 1991)
/// from a JS timestamp; `TIME_INVALID` for one no calendar here can hold.
pub(crate) fn china_seconds_from_epoch_ms(epoch_ms: f64) -> Result<i64, Message> {
    if !epoch_ms.is_finite() || epoch_ms.abs() > 1e15 {
        return Err(Message::new(Code::TimeInvalid));
    }
    // Bounded above, so the conversion is exact to the second.
    Ok((epoch_ms / 1000.0).floor() as i64 + 8 * 3600)
}

fn period_day(text: Option<&str>, label: Code) -> Result<Option<Date>, Message> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Date::parse(t).map_err(|_| Message::new(Code::LedgerBadQuery).with_label("field", label)))
        .transpose()
}

impl Ledger {
    /// The statement for the query's period (its other filters are not read: see the module).
    /// `LEDGER_PERIOD_REVERSED` when `to` is before `from`.
    pub fn statement(&self, query: &Query, now: IssuedAt<'_>, locale: Locale) -> Result<Statement, Message> {
        let from = period_day(query.from.as_deref(), Code::LedgerLabelQueryFrom)?;
        let to = period_day(query.to.as_deref(), Code::LedgerLabelQueryTo)?;
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                return Err(Message::new(Code::LedgerPeriodReversed));
            }
        }
        let issued_at = now.to_china_text()?;
        let starts = from.map_or(i64::MIN, |day| day.to_days() * 86_400);
        let ends = to.map_or(i64::MAX, |day| (day.to_days() + 1) * 86_400);
        let rows = &self.rows;
        let (mut before, mut during) = (FenSums::default(), FenSums::default());
        let mut records = 0u32;
        for row in 0..rows.len() {
            let secs = rows.secs.get(row).copied().unwrap_or(0);
            if matches!(rows.kind.get(row), Some(Kind::Quota) | None) || secs >= ends {
                continue;
            }
            if secs < starts {
                before.add(self, row);
            } else {
                during.add(self, row);
                records = records.saturating_add(1);
            }
        }
        let opening = i128::from(self.account.opening_balc) + before.credit - before.debits();
        let closing = opening + during.credit - during.debits();
        let debit = |kind, code: Code, fen: i128| -> Result<StatementDebit, Message> {
            Ok(StatementDebit { kind, name: Message::new(code).render(locale), amount: yuan(fen)? })
        };
        let debits = vec![
            debit("ownCare", Code::LedgerStatementOwnCare, during.acct_pay)?,
            debit("familyCare", Code::LedgerStatementFamilyCare, during.acct_mulaid_pay)?,
            debit("transfer", Code::LedgerTypeTransfer, during.transfer)?,
            debit("contribution", Code::LedgerTypeContribution, during.contribution)?,
        ];
        let notice = self.reconcile(locale)?.notice;
        Ok(Statement {
            from: from.or_else(|| self.first_day()).map(|d| d.to_string()),
            to: to.or_else(|| self.last_day()).map(|d| d.to_string()),
            issued_at,
            opening_balance: yuan(opening)?,
            credits: yuan(during.credit)?,
            debits,
            debits_total: yuan(during.debits())?,
            closing_balance: yuan(closing)?,
            records,
            notice,
        })
    }

    /// The history's first day: its opening date, else its first record's.
    fn first_day(&self) -> Option<Date> {
        let first_record = self.rows.secs.first().and_then(|&s| Date::from_days(s.div_euclid(86_400)));
        self.account.opening_date.or(first_record)
    }

    /// The history's last day: the snapshot's, else its last record's.
    fn last_day(&self) -> Option<Date> {
        let last_record = self.rows.secs.last().and_then(|&s| Date::from_days(s.div_euclid(86_400)));
        self.account.as_of.map(DateTime::date).or(last_record)
    }
}

impl Ledger {
    /// The statement as a file a user can keep or send (the mini-programs' 对账单): the head
    /// — title, holder (masked), period, issue time, each balance and total as a plain amount
    /// and in 大写 — then an empty line and the rows the query selects (`to_csv`, its filters
    /// included). UTF-8 with a BOM; every text cell through the CSV module's injection rule.
    pub fn statement_csv(&self, query: &Query, now: IssuedAt<'_>, locale: Locale) -> Result<String, Message> {
        let statement = self.statement(query, now, locale)?;
        let label = |code: Code| text_cell(code.template(locale));
        let upper = |amount: Yuan| {
            let options = ChineseUppercaseOptions { prefix: false, ..ChineseUppercaseOptions::default() };
            text_cell(&in_script(to_chinese_uppercase(amount, &options), locale))
        };
        let holder = self.person_name(self.account.holder, false).unwrap_or_default();
        let period = format!("{} — {}", statement.from.as_deref().unwrap_or(""), statement.to.as_deref().unwrap_or(""));
        let mut lines = vec![
            label(Code::LedgerStatementTitle),
            format!("{},{}", label(Code::LedgerStatementHolder), text_cell(&holder)),
            format!("{},{}", label(Code::LedgerStatementPeriod), text_cell(&period)),
            format!("{},{}", label(Code::LedgerStatementIssued), text_cell(&statement.issued_at)),
        ];
        let mut amount_line = |name: String, amount: Yuan| lines.push(format!("{name},{amount},{}", upper(amount)));
        amount_line(label(Code::LedgerStatementOpening), statement.opening_balance);
        amount_line(label(Code::LedgerStatementCredits), statement.credits);
        for debit in &statement.debits {
            amount_line(text_cell(&debit.name), debit.amount);
        }
        amount_line(label(Code::LedgerStatementDebitsTotal), statement.debits_total);
        amount_line(label(Code::LedgerStatementClosing), statement.closing_balance);
        if let Some(notice) = &statement.notice {
            lines.push(text_cell(&notice.message));
        }
        let rows = self.to_csv(query, locale)?;
        let mut out = String::from("\u{FEFF}");
        for line in lines {
            out.push_str(&line);
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
        out.push_str(rows.trim_start_matches('\u{FEFF}'));
        Ok(out)
    }
}
