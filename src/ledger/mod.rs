//! The account history (交易明细): load, filter, sum and reconcile.
//!
//! `Ledger::from_json` parses the JSON text once (`parse`) into a columnar store (`record`);
//! `query` filters and sums it, `summary` groups it by month and by member, `reconcile`
//! checks the balance and finds anomalies, `statement` makes the counter's 对账单 for a period,
//! `csv` writes the rows; `quota` replays the
//! 共济额度 records (which never change the balance). Amounts are integer fen
//! inside and `Yuan` at the edges; times are China-local strings compared as such, so the
//! device's time zone never matters.

pub mod columns;
pub mod csv;
pub mod parse;
pub mod query;
pub mod quota;
pub mod reconcile;
pub mod record;
pub mod reference;
pub mod statement;
pub mod summary;

use crate::date::{Date, DateTime};
use crate::messages::{Code, Locale, Message};

pub use query::{LedgerItem, Order, Query, QueryResult, Sums};
pub use reconcile::{Anomaly, Freshness, FreshnessOptions, Reconciliation};
pub use record::{Kind, Role};
pub use statement::{IssuedAt, Statement, StatementDebit};
pub use summary::{MemberTotals, MonthSummary};

/// Where the snapshot came from: online channels are real time, counter queries may lag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Online,
    Counter,
    /// A source label this build does not know (a new provincial channel): the history loads,
    /// and freshness says it cannot tell how current the data is.
    Unknown,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Online => "online",
            Source::Counter => "counter",
            Source::Unknown => "unknown",
        }
    }
}

/// The account part of the history (no personal data beyond the holder's person id).
#[derive(Clone, Debug)]
pub struct Account {
    /// The holder's id among `Ledger` people.
    pub holder: u32,
    pub insutype: String,
    pub insuplc_admdvs: String,
    /// Balance in fen.
    pub balc: i64,
    /// Opening balance in fen.
    pub opening_balc: i64,
    pub opening_date: Option<Date>,
    pub as_of: Option<DateTime>,
    /// `as_of` was sent but could not be read (so `as_of` is `None`).
    pub as_of_unreadable: bool,
    pub source: Source,
}

/// Which part of the input a rejection points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// An optional account field that could not be read (index 0); the history still loaded.
    Account,
    Members,
    Records,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Account => "account",
            Section::Members => "members",
            Section::Records => "records",
        }
    }
}

/// A record or member set aside (or an account field left out), with its index in its array
/// and the coded reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub section: Section,
    pub index: u32,
    pub code: Code,
    /// The contract field at fault, when one is.
    pub field: Option<&'static str>,
}

impl Rejection {
    pub fn new(section: Section, index: u32, code: Code, field: Option<&'static str>) -> Rejection {
        Rejection { section, index, code, field }
    }

    /// The coded reason; the field is named by its Chinese label (结算时间), never its key.
    pub fn message(&self) -> Message {
        let message = Message::new(self.code);
        match self.field.and_then(parse::field_label) {
            Some(label) => message.with_label("field", label),
            None => message,
        }
    }

    pub fn view(&self, locale: Locale) -> RejectionView {
        RejectionView {
            section: self.section.as_str(),
            index: self.index,
            code: self.code.as_str(),
            message: self.message().render(locale),
            field: self.field,
        }
    }
}

/// A rejection as the shells see it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RejectionView {
    /// "records", "members" or "account".
    pub section: &'static str,
    /// Index in that array of the input (0 for the account).
    pub index: u32,
    pub code: &'static str,
    pub message: String,
    /// The data contract's key of the field at fault (for programs; `message` names it in
    /// Chinese).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

/// A second settlement with a setl_id already seen: kept out of every sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub source: u32,
    pub secs: i64,
    pub setl_id: String,
}

/// The loaded history. Build once with `from_json`, then query as often as needed.
pub struct Ledger {
    pub(crate) account: Account,
    pub(crate) people: Vec<record::Person>,
    /// Per person id: the place in the input's `members` list (u32::MAX for the holder and
    /// people the list does not name).
    pub(crate) member_order: Vec<u32>,
    /// Per person id: the day a member was first bound, when every entry gave one.
    pub(crate) member_since: Vec<Option<Date>>,
    pub(crate) institutions: Vec<record::Institution>,
    pub(crate) med_types: Vec<String>,
    pub(crate) rows: record::Columns,
    pub(crate) setl_ids: String,
    pub(crate) rejected: Vec<Rejection>,
    pub(crate) duplicates: Vec<Duplicate>,
    /// The 共济额度 rows replayed (per-row changes, each relative's quota, anomalies).
    pub(crate) quota: quota::QuotaBook,
}

impl Ledger {
    /// Parses the history's JSON text: `LEDGER_NOT_JSON` when it is not JSON,
    /// `LEDGER_BAD_SHAPE` / `LEDGER_BAD_ACCOUNT` when the top level is wrong.
    pub fn from_json(text: &str) -> Result<Ledger, Message> {
        parse::load(text)
    }

    /// Builds the same ledger from the columns a shell packed after the host's `JSON.parse`
    /// (see `columns`); columns that do not follow the layout are `BOUNDARY_BAD_ARGUMENT`.
    pub fn from_columns(bytes: &[u8], ends: &[u32], words: &[u32], fens: &[f64]) -> Result<Ledger, Message> {
        columns::load(bytes, ends, words, fens)
    }

    /// Account fields left out, then records and members set aside, in input order.
    pub fn rejected(&self) -> &[Rejection] {
        &self.rejected
    }

    /// Second settlements with an already-seen setl_id (not counted).
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Records loaded (duplicates not included).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The holder's psn_no.
    pub fn holder_psn_no(&self) -> &str {
        self.people.get(self.account.holder as usize).map_or("", |p| p.psn_no.as_str())
    }

    pub(crate) fn setl_id(&self, row: usize) -> &str {
        self.rows.setl.get(row).and_then(|&(start, end)| self.setl_ids.get(start as usize..end as usize)).unwrap_or("")
    }
}

/// A fen total as `Yuan`; a total outside numeric(16,2) is `MONEY_OVERFLOW`.
pub(crate) fn yuan(fen: i128) -> Result<crate::Yuan, Message> {
    i64::try_from(fen).map_err(|_| Message::new(Code::MoneyOverflow)).and_then(crate::Yuan::from_fen)
}
