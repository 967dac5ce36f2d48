//! Filtering and summing the history: `Query` (what the shells send), the compiled `Filter`
//! (per-id lookup tables, so each row costs a few array reads), the page of display-ready
//! `LedgerItem`s and the exact `Sums` over the whole match.
//!
//! `from`/`to` are whole China-local days compared on the record's own clock: the row range
//! is a binary search on the time-sorted column, so the device's time zone never enters.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::quota::QuotaAction;
use super::record::{Kind, Role, NONE};
use super::reference::{med_type_group, med_type_name};
use super::{yuan, Ledger};
use crate::date::Date;
use crate::identity::mask::mask_name;
use crate::messages::{Code, Locale, Message};
use crate::money::format::{format_yuan, FormatOptions};
use crate::text::display_safe;
use crate::Yuan;

/// Rows per page when `limit` is not given.
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest page: what one screen or one boundary crossing should carry.
pub const MAX_LIMIT: u32 = 10_000;

/// Newest first (default) or oldest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    #[default]
    Desc,
}

/// What to show. Every field is optional; an empty query matches everything.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct Query {
    /// First day, "yyyy-MM-dd", inclusive.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Option<String>,
    /// Last day, "yyyy-MM-dd", inclusive.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Option<String>,
    /// psn_no of the people to include (holder or members; transfers match their recipient).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub members: Option<Vec<String>>,
    /// "credit" | "transfer" | "settlement" | "refund" | "contribution" | "quota".
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub types: Option<Vec<String>>,
    /// med_type groups ("11", "14", … or "other"); provincial sub-codes match their group.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub med_types: Option<Vec<String>>,
    /// fixmedins_code (or the exact fixmedins_name).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub institution: Option<String>,
    /// Substring of an institution name or a person's name.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
    /// Decimal string; compared with the absolute headline amount (`LedgerItem.amount`).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_amount: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_amount: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub order: Option<Order>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub offset: Option<u32>,
    /// Page size, default 50, at most 10000; 0 gives totals and sums only.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub limit: Option<u32>,
    /// Show full names instead of masked ones (only on the holder's explicit request).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unmasked: Option<bool>,
}

/// `LEDGER_BAD_QUERY` naming the query field by its Chinese label.
fn bad_query(label: Code) -> Message {
    Message::new(Code::LedgerBadQuery).with_label("field", label)
}

/// Rows whose person's name, or whose institution's name, contains the query's text.
struct TextHits {
    people: Vec<bool>,
    institutions: Vec<bool>,
}

/// A query compiled against one ledger.
pub(crate) struct Filter {
    pub lo: usize,
    pub hi: usize,
    kinds: u8,
    people: Option<Vec<bool>>,
    med_types: Option<Vec<bool>>,
    institutions: Option<Vec<bool>>,
    text: Option<TextHits>,
    min: Option<i64>,
    max: Option<i64>,
    pub order: Order,
}

fn amount_bound(text: Option<&str>, field: Code) -> Result<Option<i64>, Message> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| Yuan::parse_plain(t.trim()).map(Yuan::to_fen).map_err(|_| bad_query(field)))
        .transpose()
}

impl Ledger {
    pub(crate) fn compile(&self, query: &Query) -> Result<Filter, Message> {
        let day = |text: &Option<String>, field| {
            text.as_deref()
                .filter(|t| !t.is_empty())
                .map(|t| Date::parse(t).map(|d| d.to_days() * 86_400).map_err(|_| bad_query(field)))
                .transpose()
        };
        let secs = &self.rows.secs;
        let lo = day(&query.from, Code::LedgerLabelQueryFrom)?.map_or(0, |from| secs.partition_point(|&s| s < from));
        let hi = day(&query.to, Code::LedgerLabelQueryTo)?
            .map_or(secs.len(), |to| secs.partition_point(|&s| s < to + 86_400));
        let kinds = match &query.types {
            None => 0xff,
            Some(types) => types.iter().try_fold(0u8, |mask, t| {
                Kind::parse(t).map(|k| mask | k.bit()).ok_or_else(|| bad_query(Code::LedgerLabelQueryTypes))
            })?,
        };
        // The store holds display-safe text (see `parse`): what the shell sends is compared in
        // the same form, so an id or a name copied with an invisible character still matches.
        let people = query.members.as_ref().map(|wanted| {
            let wanted: Vec<Cow<'_, str>> = wanted.iter().map(|w| display_safe(w)).collect();
            self.people.iter().map(|p| wanted.iter().any(|w| *w == p.psn_no)).collect()
        });
        let med_types = query.med_types.as_ref().map(|wanted| {
            self.med_types.iter().map(|code| wanted.iter().any(|w| w == code || w == med_type_group(code))).collect()
        });
        let institutions =
            query.institution.as_deref().map(display_safe).filter(|i| !i.is_empty()).map(|wanted| {
                self.institutions.iter().map(|inst| inst.code == wanted || inst.name == wanted).collect()
            });
        let needle = query.text.as_deref().map(display_safe);
        let text = needle.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|needle| TextHits {
            people: self.people.iter().map(|p| p.name.contains(needle)).collect(),
            institutions: self.institutions.iter().map(|inst| inst.name.contains(needle)).collect(),
        });
        Ok(Filter {
            lo,
            hi: hi.max(lo),
            kinds,
            people,
            med_types,
            institutions,
            text,
            min: amount_bound(query.min_amount.as_deref(), Code::LedgerLabelQueryMinAmount)?,
            max: amount_bound(query.max_amount.as_deref(), Code::LedgerLabelQueryMaxAmount)?,
            order: query.order.unwrap_or_default(),
        })
    }

    fn matches(&self, filter: &Filter, row: usize) -> bool {
        let rows = &self.rows;
        let kind = match rows.kind.get(row) {
            Some(&kind) => kind,
            None => return false,
        };
        if filter.kinds & kind.bit() == 0 {
            return false;
        }
        let lookup = |table: &Option<Vec<bool>>, id: Option<&u32>| match (table, id) {
            (None, _) => true,
            (Some(table), Some(&id)) if id != NONE => table.get(id as usize).copied().unwrap_or(false),
            (Some(_), _) => false,
        };
        if !lookup(&filter.people, rows.person.get(row)) {
            return false;
        }
        if !lookup(&filter.med_types, rows.med_type.get(row)) {
            return false;
        }
        if !lookup(&filter.institutions, rows.institution.get(row)) {
            return false;
        }
        if let Some(hits) = &filter.text {
            let hit = |table: &Vec<bool>, id: Option<&u32>| {
                id.and_then(|&id| table.get(id as usize)).copied().unwrap_or(false)
            };
            if !hit(&hits.people, rows.person.get(row)) && !hit(&hits.institutions, rows.institution.get(row)) {
                return false;
            }
        }
        if filter.min.is_some() || filter.max.is_some() {
            let amount = rows.headline(row).unsigned_abs();
            if filter.min.is_some_and(|min| amount < min.unsigned_abs())
                || filter.max.is_some_and(|max| amount > max.unsigned_abs())
            {
                return false;
            }
        }
        true
    }

    /// Calls `visit` with every matching row, in the filter's order.
    pub(crate) fn each_match(&self, filter: &Filter, mut visit: impl FnMut(usize)) {
        let range = filter.lo..filter.hi;
        match filter.order {
            Order::Asc => range.filter(|&row| self.matches(filter, row)).for_each(&mut visit),
            Order::Desc => range.rev().filter(|&row| self.matches(filter, row)).for_each(&mut visit),
        }
    }

    /// The page of matching records plus the count and exact sums of the whole match.
    pub fn query(&self, query: &Query, locale: Locale) -> Result<QueryResult, Message> {
        let filter = self.compile(query)?;
        let offset = query.offset.unwrap_or(0) as usize;
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize;
        let mut total = 0usize;
        let mut page = Vec::with_capacity(limit.min(256));
        let mut sums = FenSums::default();
        self.each_match(&filter, |row| {
            if total >= offset && total - offset < limit {
                page.push(row);
            }
            total += 1;
            sums.add(self, row);
        });
        let unmasked = query.unmasked.unwrap_or(false);
        let items = page.into_iter().map(|row| self.item(row, locale, unmasked)).collect::<Result<Vec<_>, _>>()?;
        Ok(QueryResult { total: u32::try_from(total).unwrap_or(u32::MAX), items, sums: sums.to_sums()? })
    }

    /// The display name of a person: masked unless asked otherwise.
    pub(crate) fn person_name(&self, person: u32, unmasked: bool) -> Option<String> {
        let person = self.people.get(person as usize)?;
        Some(if unmasked { person.name.clone() } else { mask_name(&person.name) })
    }

    /// The relation's name: 本人 for the holder, the GB/T 4761 name (or the bare code while
    /// the relation table does not know it) for members, none for strangers.
    pub(crate) fn relation_name(&self, person: u32, locale: Locale) -> Option<String> {
        let person = self.people.get(person as usize)?;
        match person.role {
            Role::Holder => Some(Code::LedgerSelf.template(locale).to_string()),
            Role::Member => Some(
                crate::family::relations::name_of(&person.relation, locale)
                    .map_or_else(|| person.relation.clone(), str::to_string),
            ),
            Role::Stranger => None,
        }
    }

    fn item(&self, row: usize, locale: Locale, unmasked: bool) -> Result<LedgerItem, Message> {
        let rows = &self.rows;
        let kind = rows.kind.get(row).copied().unwrap_or(Kind::Credit);
        let person = rows.person.get(row).copied().unwrap_or(NONE);
        let person_ref = self.people.get(person as usize);
        let institution = rows.institution.get(row).and_then(|&id| self.institutions.get(id as usize));
        let med_code = rows.med_type.get(row).and_then(|&id| self.med_types.get(id as usize));
        let amount = Yuan::from_fen(rows.headline(row))?;
        let change = Yuan::from_fen(rows.account_change(row))?;
        let split = rows.split.get(row).copied().unwrap_or_default();
        let format = |y: Yuan| format_yuan(y, &FormatOptions::default());
        let detail = rows.kind_detail.get(row).copied().unwrap_or(0);
        let time = rows.secs.get(row).copied().map(seconds_to_text).unwrap_or_default();
        let quota_action = (kind == Kind::Quota).then(|| QuotaAction::from_stored(detail)).flatten();
        Ok(LedgerItem {
            index: rows.source.get(row).copied().unwrap_or(0),
            kind: kind.as_str(),
            type_name: kind.label(locale),
            time,
            amount,
            amount_text: format(amount),
            account_change: change,
            account_change_text: if change.is_negative() || change.is_zero() {
                format(change)
            } else {
                format!("+{}", format(change))
            },
            member_id: person_ref.map(|p| p.psn_no.clone()),
            member_name: self.person_name(person, unmasked),
            relation: person_ref.filter(|p| p.role == Role::Member).map(|p| p.relation.clone()),
            relation_name: self.relation_name(person, locale),
            role: person_ref.map(|p| p.role.as_str()),
            med_type: med_code.cloned(),
            med_type_group: med_code.map(|c| med_type_group(c)),
            med_type_name: med_code.map(|c| med_type_name(med_type_group(c), locale)),
            institution_code: institution.map(|i| i.code.clone()).filter(|c| !c.is_empty()),
            institution_name: institution.map(|i| i.name.clone()).filter(|n| !n.is_empty()),
            setl_id: matches!(kind, Kind::Settlement | Kind::Refund).then(|| self.setl_id(row).to_string()),
            split: matches!(kind, Kind::Settlement | Kind::Refund)
                .then(|| -> Result<SplitView, Message> {
                    Ok(SplitView {
                        medfee_sumamt: Yuan::from_fen(split.medfee_sumamt)?,
                        fund_pay_sumamt: Yuan::from_fen(split.fund_pay_sumamt)?,
                        acct_pay: Yuan::from_fen(split.acct_pay)?,
                        acct_mulaid_pay: Yuan::from_fen(split.acct_mulaid_pay)?,
                        psn_cash_pay: Yuan::from_fen(split.psn_cash_pay)?,
                    })
                })
                .transpose()?,
            period: (kind == Kind::Credit && detail != 0).then(|| format!("{:04}-{:02}", detail / 100, detail % 100)),
            year: (kind == Kind::Contribution && detail != 0).then_some(detail),
            quota_action: quota_action.map(QuotaAction::as_str),
            quota_action_name: quota_action.map(|a| a.label(locale)),
            quota_change: (kind == Kind::Quota).then(|| Yuan::from_fen(self.quota.delta(row))).transpose()?,
        })
    }
}

/// "yyyy-MM-dd HH:mm:ss" from China-local seconds.
pub(crate) fn seconds_to_text(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    match Date::from_days(days) {
        Some(date) => format!("{date} {:02}:{:02}:{:02}", rest / 3600, rest % 3600 / 60, rest % 60),
        None => String::new(),
    }
}

/// Running totals in fen (i128: no overflow however many rows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FenSums {
    pub credit: i128,
    pub transfer: i128,
    pub contribution: i128,
    pub medfee_sumamt: i128,
    pub fund_pay_sumamt: i128,
    pub acct_pay: i128,
    pub acct_mulaid_pay: i128,
    pub psn_cash_pay: i128,
    /// Net change of the 共济额度 kept for relatives (never part of the balance).
    pub quota: i128,
}

impl FenSums {
    pub fn add(&mut self, ledger: &Ledger, row: usize) {
        let rows = &ledger.rows;
        let amount = i128::from(rows.amount.get(row).copied().unwrap_or(0));
        match rows.kind.get(row) {
            Some(Kind::Credit) => self.credit += amount,
            Some(Kind::Transfer) => self.transfer += amount,
            Some(Kind::Contribution) => self.contribution += amount,
            Some(Kind::Quota) => self.quota += i128::from(ledger.quota.delta(row)),
            Some(Kind::Settlement | Kind::Refund) => {
                if let Some(split) = rows.split.get(row) {
                    self.medfee_sumamt += i128::from(split.medfee_sumamt);
                    self.fund_pay_sumamt += i128::from(split.fund_pay_sumamt);
                    self.acct_pay += i128::from(split.acct_pay);
                    self.acct_mulaid_pay += i128::from(split.acct_mulaid_pay);
                    self.psn_cash_pay += i128::from(split.psn_cash_pay);
                }
            }
            None => {}
        }
    }

    /// Debits of the holder's account: transfers + account payments + contributions.
    pub fn debits(&self) -> i128 {
        self.transfer + self.acct_pay + self.acct_mulaid_pay + self.contribution
    }

    pub fn to_sums(self) -> Result<Sums, Message> {
        Ok(Sums {
            credit: yuan(self.credit)?,
            transfer: yuan(self.transfer)?,
            acct_pay: yuan(self.acct_pay)?,
            acct_mulaid_pay: yuan(self.acct_mulaid_pay)?,
            psn_cash_pay: yuan(self.psn_cash_pay)?,
            medfee_sumamt: yuan(self.medfee_sumamt)?,
            fund_pay_sumamt: yuan(self.fund_pay_sumamt)?,
            contribution: yuan(self.contribution)?,
            quota: yuan(self.quota)?,
        })
    }
}

/// Exact totals over the whole match, as decimal strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Sums {
    pub credit: Yuan,
    pub transfer: Yuan,
    pub acct_pay: Yuan,
    pub acct_mulaid_pay: Yuan,
    pub psn_cash_pay: Yuan,
    pub medfee_sumamt: Yuan,
    pub fund_pay_sumamt: Yuan,
    pub contribution: Yuan,
    /// 共济额度 (2026): the net change of the amounts kept for relatives in another province —
    /// set and raised quotas add, lowered ones and releases (the part returned) subtract. Never
    /// part of the balance: only the relatives' spending from it is (in acctMulaidPay).
    pub quota: Yuan,
}

/// A settlement's or refund's amounts, decimal strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SplitView {
    pub medfee_sumamt: Yuan,
    pub fund_pay_sumamt: Yuan,
    pub acct_pay: Yuan,
    pub acct_mulaid_pay: Yuan,
    pub psn_cash_pay: Yuan,
}

/// One row of 交易明细, ready to show. Names are masked unless the query said `unmasked`;
/// the certificate number never leaves the core. `Debug` masks the name even then.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LedgerItem {
    /// Index in the input's `records` array.
    pub index: u32,
    /// The contract's type: "credit" | "transfer" | "settlement" | "refund" | "contribution" |
    /// "quota".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// 划入 / 划拨 / 就医结算 / 退费 / 代缴居民医保 / 共济额度.
    pub type_name: &'static str,
    /// "yyyy-MM-dd HH:mm:ss", China time, as sent.
    pub time: String,
    /// Headline amount: medfee_sumamt for settlements and refunds, else the record's amount.
    pub amount: Yuan,
    /// "¥1,234.50".
    pub amount_text: String,
    /// Signed change to the holder's account (credits +, payments and transfers −).
    pub account_change: Yuan,
    /// "+¥100.00" / "-¥35.20".
    pub account_change_text: String,
    /// psn_no of the person concerned (transfers: the recipient; credits: the holder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_name: Option<String>,
    /// GB/T 4761 code (members only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// 本人, the relation's name, or the code while the name is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_name: Option<String>,
    /// "holder" | "member" | "other".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// med_type as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub med_type: Option<String>,
    /// Its national group ("14" for "140104"), or "other".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub med_type_group: Option<&'static str>,
    /// 门诊慢特病 … or 其他.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub med_type_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setl_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<SplitView>,
    /// Credits: "yyyy-MM".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Contributions: the insurance year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// Quotas: "set" | "change" | "release" (`amount` is the quota after a set or change, the
    /// part returned by a release; `accountChange` is always 0.00).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_action: Option<&'static str>,
    /// 设置额度 / 调整额度 / 释放额度.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_action_name: Option<&'static str>,
    /// Quotas: the signed change of the amount kept for relatives ("+200.00" for 600 → 800).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_change: Option<Yuan>,
}

impl std::fmt::Debug for LedgerItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LedgerItem")
            .field("index", &self.index)
            .field("kind", &self.kind)
            .field("time", &self.time)
            .field("amount", &self.amount)
            .field("account_change", &self.account_change)
            .field("member_id", &self.member_id)
            .field("member_name", &self.member_name.as_deref().map(mask_name))
            .field("relation", &self.relation)
            .field("role", &self.role)
            .field("med_type", &self.med_type)
            .field("institution_code", &self.institution_code)
            .field("setl_id", &self.setl_id)
            .field("split", &self.split)
            .field("period", &self.period)
            .field("year", &self.year)
            .finish_non_exhaustive()
    }
}

/// `query`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct QueryResult {
    /// Matching records (the whole match, not the page).
    pub total: u32,
    pub items: Vec<LedgerItem>,
    pub sums: Sums,
}
