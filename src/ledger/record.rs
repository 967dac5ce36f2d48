//! The loaded history in a compact struct-of-arrays store: one column per field, rows sorted
//! by time so a date range is a binary search, amounts as integer fen (i64 sums are exact and
//! fast), people and institutions interned to small ids. Names stay inside the store; what
//! leaves it is masked unless a caller asks otherwise.

use crate::date::Date;
use crate::messages::Code;

/// The six record types of the data contract (`quota`: a 共济额度 set, changed or released).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    Credit = 0,
    Transfer = 1,
    Settlement = 2,
    Refund = 3,
    Contribution = 4,
    Quota = 5,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::Credit, Kind::Transfer, Kind::Settlement, Kind::Refund, Kind::Contribution, Kind::Quota];

    /// The contract's `type` string.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Credit => "credit",
            Kind::Transfer => "transfer",
            Kind::Settlement => "settlement",
            Kind::Refund => "refund",
            Kind::Contribution => "contribution",
            Kind::Quota => "quota",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The bit of this kind in a type mask.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The Chinese label for lists and statements, from the message catalog.
    pub fn label(self, locale: crate::Locale) -> &'static str {
        let code = match self {
            Kind::Credit => Code::LedgerTypeCredit,
            Kind::Transfer => Code::LedgerTypeTransfer,
            Kind::Settlement => Code::LedgerTypeSettlement,
            Kind::Refund => Code::LedgerTypeRefund,
            Kind::Contribution => Code::LedgerTypeContribution,
            Kind::Quota => Code::LedgerTypeQuota,
        };
        code.template(locale)
    }
}

/// Who a person is in this ledger, decided by `account.psn_no` and the `members` list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The account holder (`account.psn_no`).
    Holder,
    /// A family member in `members` (bound now or before).
    Member,
    /// Neither: someone the history names but the account does not know.
    Stranger,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Holder => "holder",
            Role::Member => "member",
            Role::Stranger => "other",
        }
    }
}

/// A person named by the history. Deliberately no `Debug`: the name is personal data.
#[derive(Clone)]
pub struct Person {
    pub psn_no: String,
    pub name: String,
    /// GB/T 4761 code from `members`; empty for the holder and strangers.
    pub relation: String,
    pub role: Role,
    /// Unbound members: the day the binding ended, if given.
    pub unbound_at: Option<Date>,
    pub unbound: bool,
}

/// No person (credits name none).
pub const NONE: u32 = u32::MAX;

/// One settlement amount set, in fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub medfee_sumamt: i64,
    pub fund_pay_sumamt: i64,
    pub acct_pay: i64,
    pub acct_mulaid_pay: i64,
    pub psn_cash_pay: i64,
}

impl Split {
    /// fund + acct + mulaid + cash = medfee.
    pub fn adds_up(&self) -> bool {
        i128::from(self.fund_pay_sumamt)
            + i128::from(self.acct_pay)
            + i128::from(self.acct_mulaid_pay)
            + i128::from(self.psn_cash_pay)
            == i128::from(self.medfee_sumamt)
    }
}

/// The columns. Row `r` of every column is one record; rows are sorted by (time, source).
#[derive(Default)]
pub struct Columns {
    pub kind: Vec<Kind>,
    /// China-local seconds since 1970-01-01 (`DateTime::to_seconds`).
    pub secs: Vec<i64>,
    /// yyyy * 100 + MM of the record's time.
    pub month: Vec<u32>,
    /// Index in the source `records` array.
    pub source: Vec<u32>,
    /// Interned person (settlement/contribution: psn_no; transfer: to_psn_no; credit: the
    /// holder; refund: the person of its settlement, when found).
    pub person: Vec<u32>,
    /// Interned institution or `NONE`.
    pub institution: Vec<u32>,
    /// Interned raw med_type code or `NONE`.
    pub med_type: Vec<u32>,
    /// credit / transfer / contribution amount in fen (0 for settlements and refunds).
    pub amount: Vec<i64>,
    /// Settlement and refund amounts (zeros for the other kinds).
    pub split: Vec<Split>,
    /// Byte span of setl_id in `Store::setl_ids` (empty for other kinds).
    pub setl: Vec<(u32, u32)>,
    /// What the record's kind adds, one number per row: credit — the period it is for, as
    /// yyyymm; contribution — the insurance year; quota — its `QuotaAction`; else 0.
    pub kind_detail: Vec<u32>,
}

impl Columns {
    pub fn len(&self) -> usize {
        self.kind.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kind.is_empty()
    }

    /// Room for `additional` more rows in every column.
    pub fn reserve(&mut self, additional: usize) {
        self.kind.reserve_exact(additional);
        self.secs.reserve_exact(additional);
        self.month.reserve_exact(additional);
        self.source.reserve_exact(additional);
        self.person.reserve_exact(additional);
        self.institution.reserve_exact(additional);
        self.med_type.reserve_exact(additional);
        self.amount.reserve_exact(additional);
        self.split.reserve_exact(additional);
        self.setl.reserve_exact(additional);
        self.kind_detail.reserve_exact(additional);
    }

    /// Reorders every column by `order` (a permutation of row numbers).
    pub fn permute(&mut self, order: &[u32]) {
        fn apply<T: Copy>(column: &mut Vec<T>, order: &[u32]) {
            let permuted: Vec<T> = order.iter().filter_map(|&row| column.get(row as usize).copied()).collect();
            *column = permuted;
        }
        apply(&mut self.kind, order);
        apply(&mut self.secs, order);
        apply(&mut self.month, order);
        apply(&mut self.source, order);
        apply(&mut self.person, order);
        apply(&mut self.institution, order);
        apply(&mut self.med_type, order);
        apply(&mut self.amount, order);
        apply(&mut self.split, order);
        apply(&mut self.setl, order);
        apply(&mut self.kind_detail, order);
    }

    /// The signed change this row made to the holder's account, in fen: credits add;
    /// transfers, contributions and account payments subtract; refunds (kept negative
    /// by `parse`, whichever sign convention the sender used) give back; a quota never changes
    /// it (it is virtual: only the relative's spending from it does).
    pub fn account_change(&self, row: usize) -> i64 {
        let kind = self.kind.get(row).copied().unwrap_or(Kind::Credit);
        let amount = self.amount.get(row).copied().unwrap_or(0);
        let split = self.split.get(row).copied().unwrap_or_default();
        match kind {
            Kind::Credit => amount,
            Kind::Transfer | Kind::Contribution => amount.saturating_neg(),
            Kind::Settlement | Kind::Refund => split.acct_pay.saturating_add(split.acct_mulaid_pay).saturating_neg(),
            Kind::Quota => 0,
        }
    }

    /// The amount a list shows first: medfee_sumamt for settlements and refunds, the record's
    /// amount otherwise.
    pub fn headline(&self, row: usize) -> i64 {
        match self.kind.get(row) {
            Some(Kind::Settlement | Kind::Refund) => self.split.get(row).map_or(0, |s| s.medfee_sumamt),
            _ => self.amount.get(row).copied().unwrap_or(0),
        }
    }
}

/// Interned institutions.
#[derive(Clone, Default)]
pub struct Institution {
    pub code: String,
    pub name: String,
}
