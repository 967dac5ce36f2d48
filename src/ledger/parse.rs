//! Loading the history from the JSON text the shell received. One pass of serde_json over
//! the text, borrowing from it: each object's fields are taken as raw JSON slices
//! (`&RawValue`) and checked here, so amounts given as JSON numbers are read exactly from
//! their digits (never through f64), a malformed record is set aside with its index and a
//! coded reason while the others load, and records stream straight into the columnar store
//! without an intermediate tree.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::quota::{QuotaAction, QuotaBook};
use super::record::{Columns, Institution, Kind, Person, Role, Split, NONE};
use super::{Account, Duplicate, Ledger, Rejection, Section, Source};
use crate::date::{Date, DateTime};
use crate::messages::{Code, Message};
use crate::money::Yuan;
use crate::text::{display_safe, display_safe_cow};

/// What a field holds, which decides how it is read. Every text the ledger stores and shows
/// is cleaned at load by `text::display_safe`, so no output built from the store carries a
/// bidi or invisible control character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holds {
    /// Shown text read once per record (setl_id, relation, the account's codes): cleaned as
    /// it is read.
    Shown,
    /// Shown text the store keeps once per person, institution or med_type (psn_no, names,
    /// institution codes and names, med_type): cleaned when the store first meets a spelling
    /// (`intern`, `Builder::person`, the institution list), not on every record that repeats
    /// it — which cost ~5% of a load in V8 and more without a JIT. An id that differs from a
    /// known one only by invisible characters is that id.
    ShownOnceStored,
    /// A value parsed into a number, a time or a label; never shown as sent.
    Parsed,
}

/// One field of the data contract: its JSON key, the catalog label a message shows for it
/// (a user reads 结算时间, never setl_time), and what it holds.
struct FieldSpec {
    key: &'static str,
    label: Code,
    holds: Holds,
}

/// Declares every field this loader reads, once: the constant the code uses, the JSON key,
/// the label and what it holds. From that one list come `FIELDS`, the constants and
/// `field_index` — a `match` on the keys, which compiles to a length switch plus one
/// comparison, because a linear search over the names per key dominated the load time.
/// Every other key (`certno`, `psn_part_amt`, …) is skipped unread.
macro_rules! contract_fields {
    ($($constant:ident = $key:literal, $label:ident, $holds:ident;)*) => {
        /// Positions in `FIELDS`.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum Position { $($constant,)* Count }

        $(const $constant: F = F(Position::$constant as usize);)*

        const FIELD_COUNT: usize = Position::Count as usize;

        /// The contract's fields, in `Position` order.
        const FIELDS: [FieldSpec; FIELD_COUNT] = [
            $(FieldSpec { key: $key, label: Code::$label, holds: Holds::$holds },)*
        ];

        /// The position of a key in `FIELDS`.
        fn field_index(key: &str) -> Option<usize> {
            match key {
                $($key => Some(Position::$constant as usize),)*
                _ => None,
            }
        }
    };
}

contract_fields! {
    TYPE = "type", LedgerLabelType, Parsed;
    TIME = "time", LedgerLabelTime, Parsed;
    AMOUNT = "amount", LedgerLabelAmount, Parsed;
    PERIOD = "period", LedgerLabelPeriod, Parsed;
    TO_PSN_NO = "to_psn_no", LedgerLabelToPsnNo, ShownOnceStored;
    TO_PSN_NAME = "to_psn_name", LedgerLabelToPsnName, ShownOnceStored;
    SETL_ID = "setl_id", LedgerLabelSetlId, Shown;
    SETL_TIME = "setl_time", LedgerLabelSetlTime, Parsed;
    PSN_NO = "psn_no", LedgerLabelPsnNo, ShownOnceStored;
    PSN_NAME = "psn_name", LedgerLabelPsnName, ShownOnceStored;
    FIXMEDINS_CODE = "fixmedins_code", LedgerLabelFixmedinsCode, ShownOnceStored;
    FIXMEDINS_NAME = "fixmedins_name", LedgerLabelFixmedinsName, ShownOnceStored;
    MED_TYPE = "med_type", LedgerLabelMedType, ShownOnceStored;
    MEDFEE_SUMAMT = "medfee_sumamt", LedgerLabelMedfeeSumamt, Parsed;
    FUND_PAY_SUMAMT = "fund_pay_sumamt", LedgerLabelFundPaySumamt, Parsed;
    ACCT_PAY = "acct_pay", LedgerLabelAcctPay, Parsed;
    ACCT_MULAID_PAY = "acct_mulaid_pay", LedgerLabelAcctMulaidPay, Parsed;
    PSN_CASH_PAY = "psn_cash_pay", LedgerLabelPsnCashPay, Parsed;
    YEAR = "year", LedgerLabelYear, Parsed;
    RELATION = "relation", LedgerLabelRelation, Shown;
    STATUS = "status", LedgerLabelStatus, Parsed;
    BOUND_AT = "bound_at", LedgerLabelBoundAt, Parsed;
    UNBOUND_AT = "unbound_at", LedgerLabelUnboundAt, Parsed;
    INSUTYPE = "insutype", LedgerLabelInsutype, Shown;
    INSUPLC_ADMDVS = "insuplc_admdvs", LedgerLabelInsuplcAdmdvs, Shown;
    BALC = "balc", LedgerLabelBalc, Parsed;
    OPENING_BALC = "opening_balc", LedgerLabelOpeningBalc, Parsed;
    OPENING_DATE = "opening_date", LedgerLabelOpeningDate, Parsed;
    AS_OF = "as_of", LedgerLabelAsOf, Parsed;
    SOURCE = "source", LedgerLabelSource, Parsed;
    ACTION = "action", LedgerLabelAction, Parsed;
}

/// A field of the contract, by its position in `FIELDS`.
#[derive(Clone, Copy, PartialEq, Eq)]
struct F(usize);

impl F {
    fn spec(self) -> Option<&'static FieldSpec> {
        FIELDS.get(self.0)
    }

    fn name(self) -> &'static str {
        self.spec().map_or("", |spec| spec.key)
    }

    /// Cleaned as it is read (see `Holds::Shown`).
    fn cleaned_when_read(self) -> bool {
        self.spec().is_some_and(|spec| spec.holds == Holds::Shown)
    }
}

/// The catalog label of a contract field named by its JSON key (for `Rejection::message`).
pub(crate) fn field_label(key: &str) -> Option<Code> {
    field_index(key).and_then(|i| FIELDS.get(i)).map(|spec| spec.label)
}

/// Why one record (or member) was set aside.
struct Reject {
    code: Code,
    field: Option<&'static str>,
}

impl Reject {
    fn new(code: Code, field: F) -> Reject {
        Reject { code, field: Some(field.name()) }
    }
}

/// A JSON value classified from its raw text.
enum Raw<'a> {
    Str(Cow<'a, str>),
    Number(&'a str),
    /// From the column path only, in amount fields (see `Cell::Fen`).
    Fen(i64),
    Null,
    Other,
}

/// A field's value as the loader met it: a raw slice of the JSON text (`load`), or a value
/// the host's `JSON.parse` already tokenised (`columns`, which proves before it hands one over
/// that a number's text is the token that was sent). Both classify to the same `Raw`, so
/// every rule below reads both alike.
#[derive(Clone, Copy)]
pub(crate) enum Cell<'a> {
    Json(&'a RawValue),
    Str(&'a str),
    Number(&'a str),
    /// An amount the packer proved exact in fen (only in `READ_AS_AMOUNT` fields).
    Fen(i64),
    /// true, false, an object or an array.
    Other,
}

/// How many contract fields an object's `Slots` has.
pub(crate) const FIELD_SLOTS: usize = FIELD_COUNT;

/// The known fields of one object, in `FIELDS` order (absent and null alike are `None`).
pub(crate) type Slots<'a> = [Option<Cell<'a>>; FIELD_COUNT];

/// The fields `Fields::code` reads: a JSON number there is kept as its text, so the column
/// packer must be sure of the token's spelling, not only of its value.
const READ_AS_CODE: [F; 6] = [SETL_ID, MED_TYPE, RELATION, YEAR, INSUTYPE, INSUPLC_ADMDVS];

/// The fields `Fields::amount` reads (and no other reader): the only ones where the column
/// packer may send an amount already in fen (`Cell::Fen`).
const READ_AS_AMOUNT: [F; 8] =
    [AMOUNT, MEDFEE_SUMAMT, FUND_PAY_SUMAMT, ACCT_PAY, ACCT_MULAID_PAY, PSN_CASH_PAY, BALC, OPENING_BALC];

/// The contract's keys in `Slots` order, for the column path's packer, each with a mark: "#"
/// read as a code (`READ_AS_CODE`), "$" read as an amount (`READ_AS_AMOUNT`), "*" stored once
/// per spelling (`Holds::ShownOnceStored`: worth sending once), "" otherwise.
pub(crate) fn field_keys() -> impl Iterator<Item = String> {
    FIELDS.iter().enumerate().map(|(i, spec)| {
        let mark = if READ_AS_CODE.contains(&F(i)) {
            "#"
        } else if READ_AS_AMOUNT.contains(&F(i)) {
            "$"
        } else if spec.holds == Holds::ShownOnceStored {
            "*"
        } else {
            ""
        };
        format!("{}{mark}", spec.key)
    })
}

fn classify_cell(cell: Cell<'_>) -> Raw<'_> {
    match cell {
        Cell::Json(raw) => classify(raw),
        Cell::Str(text) => Raw::Str(Cow::Borrowed(text)),
        Cell::Number(text) => Raw::Number(text),
        Cell::Fen(fen) => Raw::Fen(fen),
        Cell::Other => Raw::Other,
    }
}

fn classify(raw: &RawValue) -> Raw<'_> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') if !text.contains('\\') => match text.get(1..text.len().saturating_sub(1)) {
            Some(inner) => Raw::Str(Cow::Borrowed(inner)),
            None => Raw::Other,
        },
        Some(b'"') => serde_json::from_str::<String>(text).map_or(Raw::Other, |s| Raw::Str(Cow::Owned(s))),
        Some(b'-' | b'0'..=b'9') => Raw::Number(text),
        Some(b'n') => Raw::Null,
        _ => Raw::Other,
    }
}

/// Reads an amount in fen exactly from its decimal digits: optional '-', digits, optionally
/// '.' and digits (extra decimals must be zeros), within numeric(16,2). A JSON number with an
/// exponent is read exactly through rust_decimal.
pub(crate) fn parse_fen(text: &str, json_number: bool) -> Option<i64> {
    let bytes = text.as_bytes();
    let (negative, unsigned) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if json_number && unsigned.iter().any(|b| matches!(b, b'e' | b'E')) {
        let value = rust_decimal::Decimal::from_scientific(text).ok()?;
        return Yuan::from_decimal_exact(value).ok().map(Yuan::to_fen);
    }
    let (int_part, frac_part) = match unsigned.iter().position(|&b| b == b'.') {
        Some(dot) => (unsigned.get(..dot)?, Some(unsigned.get(dot + 1..)?)),
        None => (unsigned, None),
    };
    if int_part.is_empty() || frac_part.is_some_and(<[u8]>::is_empty) {
        return None;
    }
    let mut fen: i64 = 0;
    for &b in int_part {
        if !b.is_ascii_digit() {
            return None;
        }
        fen = fen.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let frac = frac_part.unwrap_or_default();
    let mut cents = 0i64;
    for (i, &b) in frac.iter().enumerate() {
        if !b.is_ascii_digit() || (i >= 2 && b != b'0') {
            return None;
        }
        if i < 2 {
            cents += i64::from(b - b'0') * if i == 0 { 10 } else { 1 };
        }
    }
    let fen = fen.checked_mul(100)?.checked_add(cents)?;
    if fen > Yuan::max().to_fen() {
        return None;
    }
    Some(if negative { -fen } else { fen })
}

/// One JSON object's known fields as raw slices, or `None` when the value was no object.
pub(crate) struct Obj<'a> {
    pub(crate) fields: Option<Slots<'a>>,
}

struct FieldKey(Option<usize>);

impl<'de> Deserialize<'de> for FieldKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = FieldKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<FieldKey, E> {
                Ok(FieldKey(field_index(key)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct ObjVisitor;

impl<'de> Visitor<'de> for ObjVisitor {
    type Value = Obj<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Obj<'de>, A::Error> {
        let mut fields: Slots<'de> = [None; FIELD_COUNT];
        while let Some(FieldKey(slot)) = map.next_key()? {
            match slot.and_then(|i| fields.get_mut(i)) {
                Some(slot) => *slot = Some(Cell::Json(map.next_value()?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Obj { fields: Some(fields) })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Obj<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Obj { fields: None })
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Obj<'de>, E> {
        Ok(Obj { fields: None })
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Obj<'de>, E> {
        Ok(Obj { fields: None })
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Obj<'de>, E> {
        Ok(Obj { fields: None })
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Obj<'de>, E> {
        Ok(Obj { fields: None })
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Obj<'de>, E> {
        Ok(Obj { fields: None })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Obj<'de>, E> {
        Ok(Obj { fields: None })
    }
}

impl<'de> Deserialize<'de> for Obj<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Obj<'de>, D::Error> {
        deserializer.deserialize_any(ObjVisitor)
    }
}

/// Field access with the coded reasons of the data contract.
struct Fields<'f, 'a>(&'f Slots<'a>);

impl<'a> Fields<'_, 'a> {
    /// The field's value classified; text the ledger shows comes back display-safe.
    fn raw(&self, field: F) -> Raw<'a> {
        match self.0.get(field.0).copied().flatten().map_or(Raw::Null, classify_cell) {
            Raw::Str(text) if field.cleaned_when_read() => Raw::Str(display_safe_cow(text)),
            other => other,
        }
    }

    /// A required, non-empty string.
    fn string(&self, field: F) -> Result<Cow<'a, str>, Reject> {
        match self.raw(field) {
            Raw::Str(s) if !s.is_empty() => Ok(s),
            Raw::Str(_) | Raw::Null => Err(Reject::new(Code::LedgerRecordMissingField, field)),
            _ => Err(Reject::new(Code::LedgerRecordBadField, field)),
        }
    }

    fn optional_string(&self, field: F) -> Result<Option<Cow<'a, str>>, Reject> {
        match self.raw(field) {
            Raw::Str(s) => Ok(Some(s)),
            Raw::Null => Ok(None),
            _ => Err(Reject::new(Code::LedgerRecordBadField, field)),
        }
    }

    /// A code the provincial system may send as a string or a number (med_type, relation).
    /// The only reader that keeps a number's text as text, so the only fields where "12" and
    /// "12.0" differ: listed in `READ_AS_CODE` for the column packer.
    fn code(&self, field: F) -> Result<Cow<'a, str>, Reject> {
        debug_assert!(READ_AS_CODE.contains(&field), "{} is read as a code: add it to READ_AS_CODE", field.name());
        match self.raw(field) {
            Raw::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => Ok(Cow::Borrowed(n)),
            Raw::Str(s) if !s.is_empty() => Ok(s),
            Raw::Str(_) | Raw::Null => Err(Reject::new(Code::LedgerRecordMissingField, field)),
            _ => Err(Reject::new(Code::LedgerRecordBadField, field)),
        }
    }

    fn optional_code(&self, field: F) -> Result<Option<Cow<'a, str>>, Reject> {
        match self.raw(field) {
            Raw::Null => Ok(None),
            _ => self.code(field).map(Some),
        }
    }

    fn amount(&self, field: F) -> Result<i64, Reject> {
        debug_assert!(
            READ_AS_AMOUNT.contains(&field),
            "{} is read as an amount: add it to READ_AS_AMOUNT",
            field.name()
        );
        let fen = match self.raw(field) {
            Raw::Null => return Err(Reject::new(Code::LedgerRecordMissingField, field)),
            Raw::Str(s) => parse_fen(&s, false),
            Raw::Number(n) => parse_fen(n, true),
            Raw::Fen(fen) => Some(fen),
            Raw::Other => None,
        };
        fen.ok_or_else(|| Reject::new(Code::LedgerRecordBadAmount, field))
    }

    fn time(&self, field: F) -> Result<DateTime, Reject> {
        match self.raw(field) {
            Raw::Null => Err(Reject::new(Code::LedgerRecordMissingField, field)),
            Raw::Str(s) => DateTime::parse(&s).map_err(|_| Reject::new(Code::LedgerRecordBadTime, field)),
            _ => Err(Reject::new(Code::LedgerRecordBadTime, field)),
        }
    }

    /// An optional day: "yyyy-MM-dd", or a full time of which the day is kept.
    fn optional_date(&self, field: F) -> Result<Option<Date>, Reject> {
        match self.raw(field) {
            Raw::Null => Ok(None),
            Raw::Str(s) if s.is_empty() => Ok(None),
            Raw::Str(s) => Date::parse(&s)
                .or_else(|_| DateTime::parse(&s).map(DateTime::date))
                .map(Some)
                .map_err(|_| Reject::new(Code::LedgerRecordBadTime, field)),
            _ => Err(Reject::new(Code::LedgerRecordBadTime, field)),
        }
    }

    fn optional_time(&self, field: F) -> Result<Option<DateTime>, Reject> {
        match self.raw(field) {
            Raw::Null => Ok(None),
            _ => self.time(field).map(Some),
        }
    }

    /// credit.period "yyyy-MM" → yyyymm.
    fn optional_period(&self, field: F) -> Result<u32, Reject> {
        let text = match self.optional_string(field)? {
            None => return Ok(0),
            Some(text) => text,
        };
        let bad = || Reject::new(Code::LedgerRecordBadField, field);
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        let digits = |s: &str, n: usize| {
            (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
        };
        match (digits(year, 4), digits(month, 2)) {
            (Some(y), Some(m)) if (1..=12).contains(&m) && y >= 1 => Ok(y * 100 + m),
            _ => Err(bad()),
        }
    }

    /// contribution.year, as a string or a number.
    fn optional_year(&self, field: F) -> Result<u32, Reject> {
        match self.optional_code(field)? {
            None => Ok(0),
            Some(text) => match text.parse::<u32>() {
                Ok(year) if text.len() == 4 => Ok(year),
                _ => Err(Reject::new(Code::LedgerRecordBadField, field)),
            },
        }
    }

    fn split(&self) -> Result<Split, Reject> {
        Ok(Split {
            medfee_sumamt: self.amount(MEDFEE_SUMAMT)?,
            fund_pay_sumamt: self.amount(FUND_PAY_SUMAMT)?,
            acct_pay: self.amount(ACCT_PAY)?,
            acct_mulaid_pay: self.amount(ACCT_MULAID_PAY)?,
            psn_cash_pay: self.amount(PSN_CASH_PAY)?,
        })
    }
}

/// A person as a record or the account names them: psn_no and, when sent, the name.
struct PersonDraft<'a> {
    psn_no: Cow<'a, str>,
    name: Option<Cow<'a, str>>,
}

/// An institution as a settlement names it; the pair is its identity in the store.
#[derive(Clone, PartialEq, Eq, Hash)]
struct InstitutionKey<'a> {
    code: Cow<'a, str>,
    name: Cow<'a, str>,
}

/// A validated record before interning.
struct Draft<'a> {
    kind: Kind,
    time: DateTime,
    person: Option<PersonDraft<'a>>,
    institution: Option<InstitutionKey<'a>>,
    med_type: Option<Cow<'a, str>>,
    setl_id: Option<Cow<'a, str>>,
    amount: i64,
    split: Split,
    /// See `Columns::kind_detail`: the credit's period, the contribution's year, the quota's action.
    kind_detail: u32,
}

impl<'a> Fields<'_, 'a> {
    fn person(&self, psn_no: F, name: F) -> Result<PersonDraft<'a>, Reject> {
        Ok(PersonDraft { psn_no: self.string(psn_no)?, name: self.optional_string(name)? })
    }
}

fn validate<'a>(fields: &Fields<'_, 'a>) -> Result<Draft<'a>, Reject> {
    let kind = match fields.raw(TYPE) {
        Raw::Null => return Err(Reject::new(Code::LedgerRecordMissingField, TYPE)),
        Raw::Str(s) => Kind::parse(&s).ok_or(Reject { code: Code::LedgerRecordUnknownType, field: None })?,
        _ => return Err(Reject::new(Code::LedgerRecordBadField, TYPE)),
    };
    let time = match kind {
        Kind::Settlement | Kind::Refund => fields.time(SETL_TIME)?,
        Kind::Credit | Kind::Transfer | Kind::Contribution | Kind::Quota => fields.time(TIME)?,
    };
    let mut draft = Draft {
        kind,
        time,
        person: None,
        institution: None,
        med_type: None,
        setl_id: None,
        amount: 0,
        split: Split::default(),
        kind_detail: 0,
    };
    match kind {
        Kind::Credit => {
            draft.amount = fields.amount(AMOUNT)?;
            draft.kind_detail = fields.optional_period(PERIOD)?;
        }
        Kind::Transfer => {
            draft.amount = fields.amount(AMOUNT)?;
            draft.person = Some(fields.person(TO_PSN_NO, TO_PSN_NAME)?);
        }
        Kind::Settlement => {
            draft.setl_id = Some(fields.code(SETL_ID)?);
            draft.person = Some(fields.person(PSN_NO, PSN_NAME)?);
            let code = fields.optional_string(FIXMEDINS_CODE)?.unwrap_or_default();
            let name = fields.optional_string(FIXMEDINS_NAME)?.unwrap_or_default();
            draft.institution = (!code.is_empty() || !name.is_empty()).then_some(InstitutionKey { code, name });
            draft.med_type = Some(fields.code(MED_TYPE)?);
            draft.split = fields.split()?;
        }
        Kind::Refund => {
            draft.setl_id = Some(fields.code(SETL_ID)?);
            draft.split = refund_split(fields.split()?);
        }
        Kind::Contribution => {
            draft.amount = fields.amount(AMOUNT)?;
            draft.person = Some(fields.person(PSN_NO, PSN_NAME)?);
            draft.kind_detail = fields.optional_year(YEAR)?;
        }
        Kind::Quota => {
            // The quota after the action (set, change) or the part returned (release): never
            // negative.
            draft.amount = fields.amount(AMOUNT)?;
            if draft.amount < 0 {
                return Err(Reject::new(Code::LedgerRecordBadAmount, AMOUNT));
            }
            draft.person = Some(fields.person(PSN_NO, PSN_NAME)?);
            let action = fields.string(ACTION)?;
            draft.kind_detail =
                QuotaAction::parse(&action).ok_or_else(|| Reject::new(Code::LedgerRecordBadField, ACTION))? as u32;
        }
    }
    Ok(draft)
}

/// A refund's amounts as the ledger keeps them: negative, so a refund always gives back.
/// The contract sends refunds negative; a provincial system that signs them by their type
/// instead sends them positive. The convention is read per record: a refund with no negative
/// amount is taken as positive-signed and negated whole; one with any negative amount is kept
/// as sent (its mixed signs, if any, are then the sender's and the split check shows them).
fn refund_split(split: Split) -> Split {
    let amounts =
        [split.medfee_sumamt, split.fund_pay_sumamt, split.acct_pay, split.acct_mulaid_pay, split.psn_cash_pay];
    if amounts.iter().any(|&fen| fen < 0) {
        return split;
    }
    // Amounts are within numeric(16,2), so negating cannot overflow.
    Split {
        medfee_sumamt: -split.medfee_sumamt,
        fund_pay_sumamt: -split.fund_pay_sumamt,
        acct_pay: -split.acct_pay,
        acct_mulaid_pay: -split.acct_mulaid_pay,
        psn_cash_pay: -split.psn_cash_pay,
    }
}

/// Builds the store while serde_json walks the text.
#[derive(Default)]
pub(crate) struct Builder<'a> {
    /// The label of the top-level part being read, for the shape error.
    current: Option<Code>,
    people: Vec<PersonDraft<'a>>,
    people_index: HashMap<Cow<'a, str>, u32>,
    institutions: Vec<Institution>,
    institution_index: HashMap<InstitutionKey<'a>, u32>,
    med_types: Vec<String>,
    med_type_index: HashMap<Cow<'a, str>, u32>,
    /// The ids of keys seen before at the same place in the input (see `SeenAt`).
    people_seen: SeenAt<(usize, usize)>,
    institutions_seen: SeenAt<(usize, usize, usize, usize)>,
    med_types_seen: SeenAt<(usize, usize)>,
    rows: Columns,
    setl_ids: String,
    settled: HashSet<Cow<'a, str>>,
    rejected: Vec<Rejection>,
    duplicates: Vec<Duplicate>,
}

/// A small direct-mapped memo from where a borrowed key lies in the input to its id: the column
/// path hands every spelling of a shown-once field (psn_no, med_type, an institution) as the
/// same slice of its texts, so a repeat is found by its address without hashing the text —
/// about a fifth of `Ledger.fromColumns` in interpreted wasm went to hashing and comparing
/// those keys. Only `Cow::Borrowed` keys are remembered: they point into the input, which
/// outlives the builder unchanged, so one address and length is always one text (an owned
/// key's address could be freed and reused). The text path's keys never repeat an address
/// and simply miss.
struct SeenAt<K> {
    entries: [(K, u32); SEEN_AT_SLOTS],
}

const SEEN_AT_SLOTS: usize = 32;

impl<K: Copy + Default + PartialEq> Default for SeenAt<K> {
    fn default() -> Self {
        SeenAt { entries: [(K::default(), NONE); SEEN_AT_SLOTS] }
    }
}

/// Where a borrowed, non-empty text lies: (address, length); None for an owned or empty one.
#[allow(clippy::ptr_arg)] // the variant is the point: only a borrowed text has a stable place
fn place(text: &Cow<'_, str>) -> Option<(usize, usize)> {
    match text {
        Cow::Borrowed(s) if !s.is_empty() => Some((s.as_ptr() as usize, s.len())),
        _ => None,
    }
}

impl<K: Copy + PartialEq> SeenAt<K> {
    fn slot(address: usize) -> usize {
        (address ^ (address >> 5)) % SEEN_AT_SLOTS
    }

    /// The id remembered for `seen` (the key and the address its slot is chosen by), else
    /// `find()`'s, remembered from now on; `None` (an owned or empty key) always finds.
    fn id_or(&mut self, seen: Option<(K, usize)>, find: impl FnOnce() -> u32) -> u32 {
        let Some((key, address)) = seen else { return find() };
        let slot = Self::slot(address);
        if let Some(&(known, id)) = self.entries.get(slot) {
            if known == key && id != NONE {
                return id;
            }
        }
        let id = find();
        if let Some(entry) = self.entries.get_mut(slot) {
            *entry = (key, id);
        }
        id
    }
}

/// The id of `key` in `index`, adding it (through `add`, with its display-safe form) when new.
/// Text is cleaned once per spelling, not per record: a spelling seen before is one hash
/// lookup; a new one is cleaned, and when it differs from its clean form only by invisible
/// characters it gets the clean form's id — "M1" and "M\u{200B}1" are one person.
fn intern<'a>(
    index: &mut HashMap<Cow<'a, str>, u32>,
    key: Cow<'a, str>,
    next: usize,
    add: impl FnOnce(&Cow<'a, str>),
) -> u32 {
    if let Some(&id) = index.get(&key) {
        return id;
    }
    let clean = display_safe_cow(key.clone());
    if clean != key {
        if let Some(&id) = index.get(&clean) {
            index.insert(key, id);
            return id;
        }
    }
    let id = u32::try_from(next).unwrap_or(NONE);
    add(&clean);
    if clean != key {
        index.insert(clean, id);
    }
    index.insert(key, id);
    id
}

impl<'a> Builder<'a> {
    fn person(&mut self, person: PersonDraft<'a>) -> u32 {
        let PersonDraft { psn_no, name } = person;
        let people = &mut self.people;
        let seen = place(&psn_no).map(|at| (at, at.0));
        let people_index = &mut self.people_index;
        let id = self.people_seen.id_or(seen, || {
            intern(people_index, psn_no, people.len(), |key| {
                people.push(PersonDraft { psn_no: key.clone(), name: None })
            })
        });
        if let Some(draft) = people.get_mut(id as usize) {
            if draft.name.is_none() {
                // Cleaned here, once per person (`Holds::ShownOnceStored`).
                draft.name = name.map(display_safe_cow).filter(|n| !n.is_empty());
            }
        }
        id
    }

    pub(crate) fn add_record(&mut self, index: u32, fields: Option<&Slots<'a>>) {
        let result = match fields {
            None => Err(Reject { code: Code::LedgerRecordNotObject, field: None }),
            Some(fields) => validate(&Fields(fields)),
        };
        match result {
            Ok(draft) => self.push(index, draft),
            Err(reject) => self.rejected.push(Rejection::new(Section::Records, index, reject.code, reject.field)),
        }
    }

    fn push(&mut self, index: u32, draft: Draft<'a>) {
        let secs = draft.time.to_seconds();
        if draft.kind == Kind::Settlement {
            if let Some(setl_id) = &draft.setl_id {
                // One hash per settlement: insert says whether the id was there already.
                if !self.settled.insert(setl_id.clone()) {
                    self.duplicates.push(Duplicate { source: index, secs, setl_id: setl_id.to_string() });
                    return;
                }
            }
        }
        let person = match draft.person {
            Some(person) => self.person(person),
            None => NONE,
        };
        let institution = match draft.institution {
            Some(key) => {
                let list = &mut self.institutions;
                let index = &mut self.institution_index;
                let seen = place(&key.code).zip(place(&key.name)).map(|((a, b), (c, d))| ((a, b, c, d), a ^ c));
                self.institutions_seen.id_or(seen, || match index.get(&key) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(list.len()).unwrap_or(NONE);
                        // Cleaned here, once per institution (`Holds::ShownOnceStored`); two
                        // spellings that differ only in invisible characters stay two entries
                        // with the same shown text, which every filter matches alike.
                        list.push(Institution {
                            code: display_safe(&key.code).into_owned(),
                            name: display_safe(&key.name).into_owned(),
                        });
                        index.insert(key, id);
                        id
                    }
                })
            }
            None => NONE,
        };
        let med_type = match draft.med_type {
            Some(code) => {
                let list = &mut self.med_types;
                let index = &mut self.med_type_index;
                let seen = place(&code).map(|at| (at, at.0));
                self.med_types_seen.id_or(seen, || intern(index, code, list.len(), |key| list.push(key.to_string())))
            }
            None => NONE,
        };
        let setl = match &draft.setl_id {
            Some(id) => {
                let start = u32::try_from(self.setl_ids.len()).unwrap_or(u32::MAX);
                self.setl_ids.push_str(id);
                (start, u32::try_from(self.setl_ids.len()).unwrap_or(u32::MAX))
            }
            None => (0, 0),
        };
        let date = draft.time.date();
        let rows = &mut self.rows;
        rows.kind.push(draft.kind);
        rows.secs.push(secs);
        rows.month.push(u32::from(date.year()) * 100 + u32::from(date.month()));
        rows.source.push(index);
        rows.person.push(person);
        rows.institution.push(institution);
        rows.med_type.push(med_type);
        rows.amount.push(draft.amount);
        rows.split.push(draft.split);
        rows.setl.push(setl);
        rows.kind_detail.push(draft.kind_detail);
    }
}

/// Fills a record's slots in place; `false` when the value is not an object.
struct SlotsSeed<'s, 'de> {
    slots: &'s mut Slots<'de>,
}

impl<'de> DeserializeSeed<'de> for SlotsSeed<'_, 'de> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SlotsSeed<'_, 'de> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        *self.slots = [None; FIELD_COUNT];
        while let Some(FieldKey(slot)) = map.next_key()? {
            match slot.and_then(|i| self.slots.get_mut(i)) {
                Some(slot) => *slot = Some(Cell::Json(map.next_value()?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(true)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        ObjVisitor.visit_seq(seq).map(|_| false)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

struct RecordsSeed<'b, 'a> {
    builder: &'b mut Builder<'a>,
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index: u32 = 0;
        // One scratch array filled in place for every record: returning a 31-slot object by
        // value through serde's layers showed up as memmove in profiles.
        let mut slots: Slots<'de> = [None; FIELD_COUNT];
        while let Some(is_object) = seq.next_element_seed(SlotsSeed { slots: &mut slots })? {
            self.builder.add_record(index, is_object.then_some(&slots));
            index = index.saturating_add(1);
        }
        Ok(())
    }
}

/// What the top level holds once read.
#[derive(Default)]
pub(crate) struct Top<'a> {
    pub(crate) account: Option<Obj<'a>>,
    pub(crate) members: Vec<Obj<'a>>,
    pub(crate) records_seen: bool,
}

struct TopVisitor<'b, 'a> {
    builder: &'b mut Builder<'a>,
}

impl<'de> Visitor<'de> for TopVisitor<'_, 'de> {
    type Value = Top<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with account, members and records")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
        let mut top = Top::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "account" => {
                    self.builder.current = Some(Code::LedgerLabelAccount);
                    top.account = Some(map.next_value()?);
                }
                "members" => {
                    self.builder.current = Some(Code::LedgerLabelMembers);
                    top.members = map.next_value::<Option<Vec<Obj<'de>>>>()?.unwrap_or_default();
                }
                "records" => {
                    self.builder.current = Some(Code::LedgerLabelRecords);
                    map.next_value_seed(RecordsSeed { builder: self.builder })?;
                    top.records_seen = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            self.builder.current = None;
        }
        Ok(top)
    }
}

fn bad_account(field: F) -> Message {
    bad_shape(Code::LedgerBadAccount, field_label(field.name()).unwrap_or(Code::LedgerLabelAccount))
}

/// `LEDGER_BAD_SHAPE` / `LEDGER_BAD_ACCOUNT` naming the part or field by its label.
fn bad_shape(code: Code, label: Code) -> Message {
    Message::new(code).with_label("field", label)
}

/// Where the snapshot came from, read tolerantly: a source label this build does not know
/// (a new provincial channel) is `Unknown`, not a reason to refuse the history.
fn read_source(text: Option<&str>) -> Source {
    match text {
        None | Some("online") => Source::Online,
        Some("counter") => Source::Counter,
        Some(_) => Source::Unknown,
    }
}

/// The account part of the history, read tolerantly. Only what the balance equation needs
/// (balc, opening_balc) and the holder's psn_no (without which no record can be told to be
/// the holder's) are required: a problem there is `LEDGER_BAD_ACCOUNT`. Every other field
/// that is unreadable is left out and listed in `ignored`, and the history loads.
struct AccountRead<'a> {
    account: Account,
    holder: PersonDraft<'a>,
    ignored: Vec<F>,
}

/// An optional account field: unreadable is as if absent, and noted in `ignored`.
fn tolerate<T>(ignored: &mut Vec<F>, field: F, read: Result<Option<T>, Reject>) -> Option<T> {
    read.unwrap_or_else(|_| {
        ignored.push(field);
        None
    })
}

fn read_account(obj: Option<Obj<'_>>) -> Result<AccountRead<'_>, Message> {
    let shape = || bad_shape(Code::LedgerBadShape, Code::LedgerLabelAccount);
    let fields = obj.and_then(|o| o.fields).ok_or_else(shape)?;
    let fields = Fields(&fields);
    let mut ignored = Vec::new();
    let psn_no = fields.string(PSN_NO).map_err(|_| bad_account(PSN_NO))?;
    let name = tolerate(&mut ignored, PSN_NAME, fields.optional_string(PSN_NAME));
    let source = match fields.optional_string(SOURCE) {
        Ok(text) => read_source(text.as_deref()),
        Err(_) => {
            ignored.push(SOURCE);
            Source::Unknown
        }
    };
    let insutype = tolerate(&mut ignored, INSUTYPE, fields.optional_code(INSUTYPE));
    let insuplc_admdvs = tolerate(&mut ignored, INSUPLC_ADMDVS, fields.optional_code(INSUPLC_ADMDVS));
    let opening_date = tolerate(&mut ignored, OPENING_DATE, fields.optional_date(OPENING_DATE));
    let as_of = tolerate(&mut ignored, AS_OF, fields.optional_time(AS_OF));
    let account = Account {
        holder: 0,
        insutype: insutype.map(String::from).unwrap_or_default(),
        insuplc_admdvs: insuplc_admdvs.map(String::from).unwrap_or_default(),
        balc: fields.amount(BALC).map_err(|_| bad_account(BALC))?,
        opening_balc: fields.amount(OPENING_BALC).map_err(|_| bad_account(OPENING_BALC))?,
        opening_date,
        as_of,
        as_of_unreadable: ignored.contains(&AS_OF),
        source,
    };
    Ok(AccountRead { account, holder: PersonDraft { psn_no, name }, ignored })
}

struct MemberDraft<'a> {
    person: PersonDraft<'a>,
    binding: Binding,
    bound_at: Option<Date>,
}

/// A member's binding as the ledger judges spending by it.
#[derive(Clone, Default)]
struct Binding {
    /// GB/T 4761 code.
    relation: String,
    unbound: bool,
    unbound_at: Option<Date>,
}

fn read_member<'a>(obj: &Obj<'a>) -> Result<MemberDraft<'a>, Reject> {
    let fields = obj.fields.as_ref().ok_or(Reject { code: Code::LedgerRecordNotObject, field: None })?;
    let fields = Fields(fields);
    let person = fields.person(PSN_NO, PSN_NAME)?;
    let relation = fields.code(RELATION)?;
    let unbound = match fields.string(STATUS)?.as_ref() {
        "active" => false,
        "unbound" => true,
        _ => return Err(Reject::new(Code::LedgerRecordBadField, STATUS)),
    };
    let bound_at = fields.optional_date(BOUND_AT)?;
    let unbound_at = fields.optional_date(UNBOUND_AT)?;
    Ok(MemberDraft { person, binding: Binding { relation: relation.into_owned(), unbound, unbound_at }, bound_at })
}

/// A member listed more than once (unbound, then bound again): whichever order the list
/// uses, the active binding is the current one; among past bindings the latest unbinding
/// counts, an unknown date counting as the latest (no spending is then called late).
fn current_binding_wins(seen: &Binding, next: &Binding) -> bool {
    let ended = |binding: &Binding| binding.unbound_at.map_or(i64::MAX, Date::to_days);
    match (seen.unbound, next.unbound) {
        (false, _) => false,
        (true, false) => true,
        (true, true) => ended(next) > ended(seen),
    }
}

/// Loads a history from its JSON text. Text that is not JSON, or whose top level is not
/// `{account, members, records}`, is an error; malformed records and members are set aside
/// in `Ledger::rejected`, and so are account fields that could not be read (the history
/// loads as long as the balance can be checked).
pub fn load(text: &str) -> Result<Ledger, Message> {
    // A byte order mark some servers put before the text: RFC 8259 §8.1 lets a parser ignore it.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Rough records-per-byte of real histories (~300 bytes a record): sized up front, the
    // columns and the setl_id set are not regrown and rehashed while loading.
    let mut builder = builder_for(text.len() / 320);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let top = deserializer
        .deserialize_map(TopVisitor { builder: &mut builder })
        .and_then(|top| deserializer.end().map(|()| top))
        .map_err(|error| match error.classify() {
            serde_json::error::Category::Data => {
                bad_shape(Code::LedgerBadShape, builder.current.unwrap_or(Code::LedgerLabelWhole))
            }
            _ => Message::new(Code::LedgerNotJson),
        })?;
    finish(builder, top)
}

/// A builder sized for about `records` records.
pub(crate) fn builder_for<'a>(records: usize) -> Builder<'a> {
    let mut builder = Builder::default();
    builder.rows.reserve(records);
    builder.settled.reserve(records);
    // Most records are settlements with a setl_id of about 13 bytes: growing the string by
    // doubling would copy it ~15 times over, byte by byte where wasm is interpreted.
    builder.setl_ids.reserve(records.saturating_mul(16));
    builder
}

/// The rest of a load once every record went through `Builder::add_record`: the account,
/// the members, the people's roles, the refunds' owners and the time order. Shared by the
/// text path (`load`) and the column path (`columns`), so both build the same `Ledger`.
pub(crate) fn finish<'a>(mut builder: Builder<'a>, top: Top<'a>) -> Result<Ledger, Message> {
    if !top.records_seen {
        return Err(bad_shape(Code::LedgerBadShape, Code::LedgerLabelRecords));
    }
    let AccountRead { mut account, holder, ignored } = read_account(top.account)?;
    for field in ignored {
        builder.rejected.push(Rejection::new(Section::Account, 0, Code::LedgerAccountFieldIgnored, Some(field.name())));
    }
    // The holder and members join the people the records named.
    let holder = builder.person(holder);
    account.holder = holder;
    let mut binding_of: HashMap<u32, Binding> = HashMap::new();
    // Each member's place in the members list (people are interned in order of first
    // appearance in the records, which is not the order the account lists them in).
    let mut list_position: HashMap<u32, u32> = HashMap::new();
    // The day each member was first bound: the earliest bound_at of their entries, unknown
    // (no check) when any entry lacks one.
    let mut bound_since: HashMap<u32, Option<Date>> = HashMap::new();
    for (index, obj) in top.members.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        match read_member(obj) {
            Ok(member) => {
                let id = builder.person(member.person);
                if id != holder {
                    let binding = member.binding;
                    match binding_of.get_mut(&id) {
                        Some(seen) => {
                            if current_binding_wins(seen, &binding) {
                                *seen = binding;
                            }
                        }
                        None => {
                            binding_of.insert(id, binding);
                        }
                    }
                    list_position.entry(id).or_insert(index);
                    let since = bound_since.entry(id).or_insert(member.bound_at);
                    *since = match (*since, member.bound_at) {
                        (Some(seen), Some(next)) => Some(seen.min(next)),
                        _ => None,
                    };
                }
            }
            Err(reject) => builder.rejected.push(Rejection::new(Section::Members, index, reject.code, reject.field)),
        }
    }
    let Builder { people, institutions, med_types, mut rows, setl_ids, mut rejected, duplicates, .. } = builder;
    let people: Vec<Person> = people
        .into_iter()
        .enumerate()
        .map(|(id, draft)| {
            let id = u32::try_from(id).unwrap_or(NONE);
            let member = binding_of.remove(&id);
            let role = if id == holder {
                Role::Holder
            } else if member.is_some() {
                Role::Member
            } else {
                Role::Stranger
            };
            let Binding { relation, unbound, unbound_at } = member.unwrap_or_default();
            Person {
                psn_no: draft.psn_no.into_owned(),
                name: draft.name.map(Cow::into_owned).unwrap_or_default(),
                relation,
                role,
                unbound,
                unbound_at,
            }
        })
        .collect();
    let member_order = (0..people.len())
        .map(|id| u32::try_from(id).ok().and_then(|id| list_position.get(&id)).copied().unwrap_or(u32::MAX))
        .collect();
    let member_since = (0..people.len())
        .map(|id| u32::try_from(id).ok().and_then(|id| bound_since.get(&id)).copied().flatten())
        .collect();
    resolve_rows(&mut rows, &setl_ids, holder);
    let quota = QuotaBook::replay(&rows);
    crate::order::sort_by_key(&mut rejected, |r| ((r.section as u64) << 32) | u64::from(r.index));
    Ok(Ledger {
        account,
        people,
        member_order,
        member_since,
        institutions,
        med_types,
        rows,
        setl_ids,
        rejected,
        duplicates,
        quota,
    })
}

/// Credits belong to the holder; refunds take the person, institution and med_type of their
/// settlement; rows are put in time order.
fn resolve_rows(rows: &mut Columns, setl_ids: &str, holder: u32) {
    let setl_text = |span: (u32, u32)| setl_ids.get(span.0 as usize..span.1 as usize).unwrap_or("");
    let settlements: HashMap<&str, usize> = (0..rows.len())
        .filter(|&row| rows.kind.get(row) == Some(&Kind::Settlement))
        .filter_map(|row| rows.setl.get(row).map(|&span| (setl_text(span), row)))
        .collect();
    for row in 0..rows.len() {
        match rows.kind.get(row) {
            Some(Kind::Credit) => {
                if let Some(person) = rows.person.get_mut(row) {
                    *person = holder;
                }
            }
            Some(Kind::Refund) => {
                let original = rows.setl.get(row).and_then(|&span| settlements.get(setl_text(span))).copied();
                if let Some(original) = original {
                    let person = rows.person.get(original).copied().unwrap_or(NONE);
                    let institution = rows.institution.get(original).copied().unwrap_or(NONE);
                    let med_type = rows.med_type.get(original).copied().unwrap_or(NONE);
                    if let (Some(p), Some(i), Some(m)) =
                        (rows.person.get_mut(row), rows.institution.get_mut(row), rows.med_type.get_mut(row))
                    {
                        (*p, *i, *m) = (person, institution, med_type);
                    }
                }
            }
            _ => {}
        }
    }
    let sorted = rows.secs.windows(2).all(|pair| matches!(pair, [a, b] if a <= b));
    if !sorted {
        // Stable: equal times keep their source order.
        let order = crate::order::stable_order(rows.len(), |row| {
            crate::order::ordered_i64(rows.secs.get(row).copied().unwrap_or(i64::MAX))
        });
        rows.permute(&order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_index_agrees_with_the_names() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(field_index(spec.key), Some(i), "{}", spec.key);
            assert_eq!(F(i).name(), spec.key);
            assert_eq!(field_label(spec.key), Some(spec.label));
        }
        // Read by no rule, so skipped unread: certno (an ID number the ledger has no use for
        // and should not hold) and psn_part_amt.
        for skipped in ["certno", "psn_part_amt", ""] {
            assert_eq!(field_index(skipped), None, "{skipped}");
        }
    }

    #[test]
    fn every_field_has_its_own_chinese_label() {
        let mut seen = std::collections::HashSet::new();
        for spec in &FIELDS {
            for locale in [crate::Locale::Hans, crate::Locale::Hant] {
                let label = spec.label.template(locale);
                assert!(!label.is_empty() && !label.is_ascii(), "{}: {label}", spec.key);
            }
            assert!(seen.insert(spec.label.template(crate::Locale::Hans)), "{}: label used twice", spec.key);
        }
    }

    #[test]
    fn refund_signs_table() {
        let split = |m, f, a, x, c| Split {
            medfee_sumamt: m,
            fund_pay_sumamt: f,
            acct_pay: a,
            acct_mulaid_pay: x,
            psn_cash_pay: c,
        };
        let table = [
            (split(-100, -50, -30, 0, -20), split(-100, -50, -30, 0, -20)),
            (split(100, 50, 30, 0, 20), split(-100, -50, -30, 0, -20)),
            (split(0, 0, 0, 0, 0), split(0, 0, 0, 0, 0)),
            (split(-100, -60, -50, 0, 10), split(-100, -60, -50, 0, 10)),
        ];
        for (sent, kept) in table {
            assert_eq!(refund_split(sent), kept, "{sent:?}");
        }
    }

    #[test]
    fn fen_parsing_table() {
        let table: &[(&str, bool, Option<i64>)] = &[
            ("0", false, Some(0)),
            ("12.3", false, Some(1230)),
            ("12.30", false, Some(1230)),
            ("12.300", true, Some(1230)),
            ("12.301", true, None),
            ("-0.01", false, Some(-1)),
            ("99999999999999.99", false, Some(9_999_999_999_999_999)),
            ("100000000000000", false, None),
            ("1234567890123456789012345678901234567890", true, None),
            ("0.1", true, Some(10)),
            ("1.5e2", true, Some(15_000)),
            ("1e-3", true, None),
            ("1e400", true, None),
            ("1e2", false, None),
            ("", false, None),
            ("-", false, None),
            ("1.", false, None),
            (".5", false, None),
            ("+1", false, None),
            ("1_000", false, None),
            ("１２", false, None),
        ];
        for &(text, number, want) in table {
            assert_eq!(parse_fen(text, number), want, "{text:?}");
        }
    }
}
