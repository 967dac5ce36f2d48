//! The 共济额度 (quota) of cross-province sharing, as the 2026 national notice describes it
//! (国家医保局、财政部《关于做好职工基本医疗保险个人账户跨省共济工作的通知》): the holder sets a
//! quota for a relative insured in another province; the quota is virtual — no money moves, the
//! balance (`balc`) still holds it — but within it the holder can no longer spend that money
//! himself; the relative's costs are paid from it (`payment::preview_payment`); when the relation
//! ends, the unused part returns to the holder.
//!
//! This module owns:
//! - `check_quota`: may this quota be set or changed, given the balance and the other quotas
//!   (coded reasons; the largest quota possible);
//! - `quota_summary`: each quota's unused part and what the holder can still use himself
//!   (balance − Σ unused quotas, never negative);
//! - `release_quota`: what returns when the holder releases a quota;
//! - `relation_end`: whether a relation ends by itself (either side's insurance ended or moved
//!   to another 统筹地区), the lifecycle event to apply (`end`) and the quota that returns.
//!
//! Amounts are summed in integer fen (i128), so every answer is exact to the fen. Inputs arrive
//! as the endpoint sends them (`Field`: strings or numbers); a missing or malformed value is a
//! coded reason naming it, never a panic.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::binding::InsuredPerson;
use crate::family::input::{Field, FieldProblem, Listed};
use crate::family::lifecycle::BindingEvent;
use crate::family::policy::{Policy, PolicyRef, PolicySet};
use crate::messages::{Code, Locale, Message, Notice};
use crate::money::Yuan;

/// One quota the holder has set, as the endpoint lists it.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default)]
pub struct QuotaEntry {
    /// The relative the quota is for (人员编号).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub psn_no: Field,
    /// The quota set (decimal string, or a number as the endpoint sends it).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub amount: Field,
    /// What the relative has spent from it so far (absent: nothing).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub used: Field,
}

/// A new or changed quota, with what it is checked against.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct QuotaRequest {
    /// The holder's account balance (balc).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub balance: Field,
    /// Every quota set now, the one being changed included.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "QuotaEntry[]"))]
    pub quotas: Listed<QuotaEntry>,
    /// The relative whose quota is set or changed (psn_no).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub psn_no: Field,
    /// The quota wanted (decimal string).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub amount: Field,
    /// "yyyy-MM-dd": chooses the policy.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub date: Field,
    /// The holder's insuplc_admdvs (national when absent).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub region: Field,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct QuotaDecision {
    pub allowed: bool,
    pub reasons: Vec<Notice>,
    /// The largest quota this relative may have now: what they used plus what the holder can
    /// still spare. `null` when the inputs could not be read.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub max_amount: Option<Yuan>,
    /// What the holder can use himself now, and after the change (`null` when refused).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub available_before: Option<Yuan>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub available_after: Option<Yuan>,
    pub policy: Option<PolicyRef>,
}

/// The balance and the quotas, for the holder's overview (首页) or a release.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct QuotaSummaryRequest {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub balance: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "QuotaEntry[]"))]
    pub quotas: Listed<QuotaEntry>,
    /// For a release: the relative whose quota is released.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub psn_no: Field,
}

/// One quota as read: set, used, unused.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct QuotaView {
    pub psn_no: String,
    pub amount: Yuan,
    pub used: Yuan,
    pub unused: Yuan,
}

impl std::fmt::Debug for QuotaView {
    /// Never prints the psn_no: it identifies a person, like an ID number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuotaView")
            .field("psn_no", &"..")
            .field("amount", &self.amount)
            .field("used", &self.used)
            .field("unused", &self.unused)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct QuotaSummary {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub balance: Option<Yuan>,
    pub quotas: Vec<QuotaView>,
    /// Σ unused quotas: money the holder keeps for his relatives.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub unused_total: Option<Yuan>,
    /// What the holder can still use himself: balance − Σ unused, never negative. `null` when
    /// the balance or any quota could not be read (a guess could let him overspend).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub available: Option<Yuan>,
    /// Inputs that could not be read, and QUOTA_OVER_BALANCE when the quotas exceed the balance.
    pub problems: Vec<Notice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct QuotaRelease {
    pub released: bool,
    /// The unused part, which returns to what the holder can use himself.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub returned: Option<Yuan>,
    /// What the holder can use himself after the release.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan | null"))]
    pub available_after: Option<Yuan>,
    pub reasons: Vec<Notice>,
}

/// Does an existing relation end by itself?
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct RelationEndRequest {
    /// The holder as the endpoint describes him now (insutype, psn_insu_stas, insuplc_admdvs).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "InsuredPerson"))]
    pub holder: Option<InsuredPerson>,
    /// The relative now.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "InsuredPerson"))]
    pub member: Option<InsuredPerson>,
    /// Each side's insuplc_admdvs when the relation was set up.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub holder_region_at_start: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub member_region_at_start: Field,
    /// "yyyy-MM-dd": the day asked about; chooses the policy (by the holder's region at start).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub date: Field,
    /// The relation's quota, when it has one (its unused part returns).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "QuotaEntry"))]
    pub quota: Option<QuotaEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct RelationEnd {
    pub ends: bool,
    /// The lifecycle event to apply (`nextBindingState(state, "end")`) when it ends.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BindingEventId | null"))]
    pub event: Option<String>,
    /// Why it ends (BIND_END_*), one per side and cause.
    pub reasons: Vec<Notice>,
    /// Inputs that could not be read (then `ends` is false: nothing is ended on a guess).
    pub problems: Vec<Notice>,
    /// The quota's unused part, which returns to the holder (0.00 when none or not ended).
    pub quota_returned: Yuan,
    pub policy: Option<PolicyRef>,
}

const EMPLOYEE_INSUTYPE: &str = "310";
/// psn_insu_stas 0 未参保 and 4 终止参保 end insurance; 2 暂停参保 (paused) may resume, so it
/// does not end a relation by itself.
const ENDED_STATUSES: [&str; 2] = ["0", "4"];

fn field_problem(problem: FieldProblem, label: impl Into<Message>) -> Message {
    let code = match problem {
        FieldProblem::Missing => Code::FamilyFieldMissing,
        FieldProblem::Invalid => Code::FamilyFieldInvalid,
    };
    Message::new(code).with_label("field", label)
}

/// The label of the `index`-th entry's field ("第 2 项共济额度的金额").
fn nth(label: Code, index: usize) -> Message {
    Message::new(label).with("n", (index + 1).to_string())
}

/// An amount in fen: `Ok(None)` when absent, `Err` when unreadable or negative.
fn fen_of(field: &Field) -> Result<Option<i128>, FieldProblem> {
    match field.required() {
        Err(FieldProblem::Missing) => Ok(None),
        Err(FieldProblem::Invalid) => Err(FieldProblem::Invalid),
        Ok(text) => match Yuan::parse_plain(text) {
            Ok(amount) if !amount.is_negative() => Ok(Some(i128::from(amount.to_fen()))),
            _ => Err(FieldProblem::Invalid),
        },
    }
}

fn required_fen(field: &Field, label: impl Into<Message>, problems: &mut Vec<Message>) -> Option<i128> {
    match fen_of(field) {
        Ok(Some(fen)) => Some(fen),
        Ok(None) => {
            problems.push(field_problem(FieldProblem::Missing, label));
            None
        }
        Err(problem) => {
            problems.push(field_problem(problem, label));
            None
        }
    }
}

/// Fen back to yuan; every value here is a sum of numeric(16,2) amounts, so it fits unless the
/// inputs were absurd, and then the answer is "unknown" rather than a wrong number.
fn yuan(fen: i128) -> Option<Yuan> {
    i64::try_from(fen).ok().and_then(|fen| Yuan::from_fen(fen).ok())
}

/// One quota as read, in fen.
struct Entry {
    psn_no: String,
    amount: i128,
    used: i128,
}

impl Entry {
    fn unused(&self) -> i128 {
        self.amount - self.used
    }

    fn view(&self) -> Option<QuotaView> {
        Some(QuotaView {
            psn_no: self.psn_no.clone(),
            amount: yuan(self.amount)?,
            used: yuan(self.used)?,
            unused: yuan(self.unused())?,
        })
    }
}

/// Reads the quota list; `None` (with problems naming each bad entry) when any is unusable,
/// because a total over a partly read list could let the holder overspend.
fn read_entries(list: &Listed<QuotaEntry>, problems: &mut Vec<Message>) -> Option<Vec<Entry>> {
    let items: &[QuotaEntry] = match list {
        Listed::Missing => &[],
        Listed::Items(items) => items,
        Listed::Invalid => {
            problems.push(field_problem(FieldProblem::Invalid, Code::FamilyLabelQuotas));
            return None;
        }
    };
    let before = problems.len();
    let mut entries: Vec<Entry> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let psn_no = match item.psn_no.required() {
            Ok(psn_no) => Some(psn_no.to_string()),
            Err(problem) => {
                problems.push(field_problem(problem, nth(Code::FamilyLabelQuotaPsnNo, index)));
                None
            }
        };
        let amount = required_fen(&item.amount, nth(Code::FamilyLabelQuotaAmount, index), problems);
        let used = match fen_of(&item.used) {
            Ok(used) => Some(used.unwrap_or(0)),
            Err(problem) => {
                problems.push(field_problem(problem, nth(Code::FamilyLabelQuotaUsed, index)));
                None
            }
        };
        let (Some(psn_no), Some(amount), Some(used)) = (psn_no, amount, used) else { continue };
        if used > amount {
            problems.push(field_problem(FieldProblem::Invalid, nth(Code::FamilyLabelQuotaUsed, index)));
        } else if entries.iter().any(|e| e.psn_no == psn_no) {
            // One quota per relative: two entries would make "unused" ambiguous.
            problems.push(field_problem(FieldProblem::Invalid, nth(Code::FamilyLabelQuotaPsnNo, index)));
        } else {
            entries.push(Entry { psn_no, amount, used });
        }
    }
    (problems.len() == before).then_some(entries)
}

fn notices(messages: &[Message], locale: Locale) -> Vec<Notice> {
    messages.iter().map(|m| Notice::from_message(m, locale)).collect()
}

/// The policy in force for a date field and a region, or the reason why there is none.
fn policy_on<'a>(set: &'a PolicySet, date: &Field, region: &str) -> Result<&'a Policy, Message> {
    let date = match date.required() {
        Err(problem) => return Err(field_problem(problem, Code::FamilyLabelDate)),
        Ok(text) => Date::parse(text).map_err(|_| field_problem(FieldProblem::Invalid, Code::FamilyLabelDate))?,
    };
    set.policy_for(region, date).ok_or_else(|| Message::new(Code::PolicyNoneInForce))
}

/// May the holder set (or change) this relative's quota to `amount`?
///
/// The new quota's unused part must fit in what the holder can spare once the other quotas'
/// unused parts are kept aside; it may not fall below what the relative already used.
pub fn check_quota(request: &QuotaRequest, set: &PolicySet, locale: Locale) -> QuotaDecision {
    let mut reasons: Vec<Message> = Vec::new();
    let policy = match policy_on(set, &request.date, request.region.get().unwrap_or("")) {
        Ok(policy) => Some(policy),
        Err(reason) => {
            reasons.push(reason);
            None
        }
    };
    if let Some(policy) = policy.filter(|p| !p.cross_province) {
        reasons.push(Message::new(Code::QuotaNotInPolicy).with("document", &policy.document));
    }
    let balance = required_fen(&request.balance, Code::FamilyLabelBalance, &mut reasons);
    let entries = read_entries(&request.quotas, &mut reasons);
    let member = match request.psn_no.required() {
        Ok(member) => Some(member),
        Err(problem) => {
            reasons.push(field_problem(problem, Code::FamilyLabelQuotaMember));
            None
        }
    };
    let amount = match fen_of(&request.amount) {
        Ok(Some(fen)) if fen > 0 => Some(fen),
        Ok(Some(_)) => {
            reasons.push(Message::new(Code::QuotaAmountNotPositive));
            None
        }
        // A negative amount reads as unusable, but it is a "not positive" to the user.
        Err(FieldProblem::Invalid) if request.amount.get().is_some_and(|t| t.starts_with('-')) => {
            reasons.push(Message::new(Code::QuotaAmountNotPositive));
            None
        }
        Ok(None) | Err(_) => {
            reasons.push(Message::new(Code::QuotaAmountInvalid));
            None
        }
    };

    let (mut max_amount, mut available_before, mut available_after) = (None, None, None);
    if let (Some(balance), Some(entries), Some(member)) = (balance, entries, member) {
        let used = entries.iter().find(|e| e.psn_no == member).map_or(0, |e| e.used);
        let others: i128 = entries.iter().filter(|e| e.psn_no != member).map(Entry::unused).sum();
        let all: i128 = entries.iter().map(Entry::unused).sum();
        if all > balance {
            reasons.push(Message::new(Code::QuotaOverBalance));
        }
        available_before = yuan((balance - all).max(0));
        let spare = (balance - others).max(0);
        let max = used + spare;
        max_amount = yuan(max);
        if let Some(amount) = amount {
            if amount < used {
                reasons
                    .push(Message::new(Code::QuotaBelowUsed).with("used", yuan(used).unwrap_or_default().to_string()));
            } else if amount > max {
                reasons.push(
                    Message::new(Code::QuotaOverAvailable).with("max", max_amount.unwrap_or_default().to_string()),
                );
            } else if reasons.is_empty() {
                available_after = yuan(balance - others - (amount - used));
            }
        }
    }
    QuotaDecision {
        allowed: reasons.is_empty(),
        reasons: notices(&reasons, locale),
        max_amount,
        available_before,
        available_after,
        policy: policy.map(Policy::reference),
    }
}

/// Each quota's unused part and what the holder can still use himself.
pub fn quota_summary(request: &QuotaSummaryRequest, locale: Locale) -> QuotaSummary {
    let mut problems: Vec<Message> = Vec::new();
    let balance = required_fen(&request.balance, Code::FamilyLabelBalance, &mut problems);
    let entries = read_entries(&request.quotas, &mut problems);
    let unused_total: Option<i128> = entries.as_ref().map(|e| e.iter().map(Entry::unused).sum());
    let available = match (balance, unused_total) {
        (Some(balance), Some(unused)) => {
            if unused > balance {
                problems.push(Message::new(Code::QuotaOverBalance));
            }
            yuan((balance - unused).max(0))
        }
        _ => None,
    };
    QuotaSummary {
        balance: balance.and_then(yuan),
        quotas: entries.iter().flatten().filter_map(Entry::view).collect(),
        unused_total: unused_total.and_then(yuan),
        available,
        problems: notices(&problems, locale),
    }
}

/// Releasing a relative's quota: its unused part returns to what the holder can use himself.
/// (What the relative already spent stays spent; the balance does not change.)
pub fn release_quota(request: &QuotaSummaryRequest, locale: Locale) -> QuotaRelease {
    let mut reasons: Vec<Message> = Vec::new();
    let balance = required_fen(&request.balance, Code::FamilyLabelBalance, &mut reasons);
    let entries = read_entries(&request.quotas, &mut reasons);
    let member = match request.psn_no.required() {
        Ok(member) => Some(member),
        Err(problem) => {
            reasons.push(field_problem(problem, Code::FamilyLabelQuotaMember));
            None
        }
    };
    let (mut returned, mut available_after) = (None, None);
    if let (Some(entries), Some(member)) = (&entries, member) {
        match entries.iter().find(|e| e.psn_no == member) {
            None => reasons.push(Message::new(Code::QuotaNotFound)),
            Some(entry) => {
                returned = yuan(entry.unused());
                let others: i128 = entries.iter().filter(|e| e.psn_no != member).map(Entry::unused).sum();
                available_after = balance.and_then(|b| yuan((b - others).max(0)));
            }
        }
    }
    QuotaRelease {
        released: reasons.is_empty(),
        returned: returned.filter(|_| reasons.is_empty()),
        available_after: available_after.filter(|_| reasons.is_empty()),
        reasons: notices(&reasons, locale),
    }
}

/// One side of a relation, read for `relation_end`.
struct Side<'a> {
    insutype: &'a str,
    status: &'a str,
    region_now: &'a str,
    region_at_start: &'a str,
}

/// The catalog labels of one side's fields, for the messages that name them.
struct SideLabels {
    whole: Code,
    insutype: Code,
    status: Code,
    region_now: Code,
    region_at_start: Code,
}

const HOLDER_LABELS: SideLabels = SideLabels {
    whole: Code::FamilyLabelHolder,
    insutype: Code::FamilyLabelHolderInsutype,
    status: Code::FamilyLabelHolderPsnInsuStas,
    region_now: Code::FamilyLabelHolderInsuplcAdmdvs,
    region_at_start: Code::FamilyLabelHolderRegionAtStart,
};

const MEMBER_LABELS: SideLabels = SideLabels {
    whole: Code::FamilyLabelMember,
    insutype: Code::FamilyLabelMemberInsutype,
    status: Code::FamilyLabelMemberPsnInsuStas,
    region_now: Code::FamilyLabelMemberInsuplcAdmdvs,
    region_at_start: Code::FamilyLabelMemberRegionAtStart,
};

fn read_side<'a>(
    person: Option<&'a InsuredPerson>,
    at_start: &'a Field,
    labels: &SideLabels,
    problems: &mut Vec<Message>,
) -> Option<Side<'a>> {
    let Some(person) = person else {
        problems.push(field_problem(FieldProblem::Missing, labels.whole));
        return None;
    };
    let mut read = |field: &'a Field, label: Code| match field.required() {
        Ok(text) => Some(text),
        Err(problem) => {
            problems.push(field_problem(problem, label));
            None
        }
    };
    let insutype = read(&person.insutype, labels.insutype);
    let status = read(&person.psn_insu_stas, labels.status);
    let region_now = read(&person.insuplc_admdvs, labels.region_now);
    let region_at_start = read(at_start, labels.region_at_start);
    Some(Side { insutype: insutype?, status: status?, region_now: region_now?, region_at_start: region_at_start? })
}

/// The 统筹地区 of an insuplc_admdvs: its first `digits` digits, when it has them.
fn pool(admdvs: &str, digits: u8) -> Option<&str> {
    admdvs.get(..usize::from(digits)).filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Does the relation end by itself on this date? Under a policy with `autoEnd` (the 2026
/// notice): when either side's insurance has ended (psn_insu_stas 0 or 4; for the holder also
/// leaving 职工医保, which holds the account; for the relative leaving the insurances the policy
/// covers) or moved to another 统筹地区. Earlier policies say nothing of it: it never ends by
/// itself there (the earlier answers stay).
pub fn relation_end(request: &RelationEndRequest, set: &PolicySet, locale: Locale) -> RelationEnd {
    let mut problems: Vec<Message> = Vec::new();
    let mut reasons: Vec<Message> = Vec::new();
    let holder = read_side(request.holder.as_ref(), &request.holder_region_at_start, &HOLDER_LABELS, &mut problems);
    let member = read_side(request.member.as_ref(), &request.member_region_at_start, &MEMBER_LABELS, &mut problems);
    let region = request.holder_region_at_start.get().unwrap_or("");
    let policy = match policy_on(set, &request.date, region) {
        Ok(policy) => Some(policy),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let quota = request.quota.as_ref().map(|q| {
        let amount = required_fen(&q.amount, Code::FamilyLabelTheQuotaAmount, &mut problems);
        let used = match fen_of(&q.used) {
            Ok(used) => Some(used.unwrap_or(0)),
            Err(problem) => {
                problems.push(field_problem(problem, Code::FamilyLabelTheQuotaUsed));
                None
            }
        };
        match (amount, used) {
            (Some(amount), Some(used)) if used <= amount => Some(amount - used),
            (Some(_), Some(_)) => {
                problems.push(field_problem(FieldProblem::Invalid, Code::FamilyLabelTheQuotaUsed));
                None
            }
            _ => None,
        }
    });
    if let (Some(holder), Some(member), Some(rule)) = (&holder, &member, policy.and_then(|p| p.auto_end)) {
        let member_insutypes = policy.map_or(&[][..], |p| p.member_insutypes.as_slice());
        if ENDED_STATUSES.contains(&holder.status) || holder.insutype != EMPLOYEE_INSUTYPE {
            reasons.push(Message::new(Code::BindEndHolderInsuranceEnded));
        }
        if ENDED_STATUSES.contains(&member.status) || !member_insutypes.iter().any(|t| t == member.insutype) {
            reasons.push(Message::new(Code::BindEndMemberInsuranceEnded));
        }
        for (side, code, label) in [
            (holder, Code::BindEndHolderMoved, Code::FamilyLabelHolderInsuplcAdmdvs),
            (member, Code::BindEndMemberMoved, Code::FamilyLabelMemberInsuplcAdmdvs),
        ] {
            match (pool(side.region_now, rule.pool_digits), pool(side.region_at_start, rule.pool_digits)) {
                (Some(now), Some(start)) if now != start => reasons.push(Message::new(code)),
                (Some(_), Some(_)) => {}
                _ => problems.push(field_problem(FieldProblem::Invalid, label)),
            }
        }
    }
    let ends = problems.is_empty() && !reasons.is_empty();
    let returned = if ends { quota.flatten().and_then(yuan).unwrap_or_default() } else { Yuan::ZERO };
    RelationEnd {
        ends,
        event: ends.then(|| BindingEvent::End.id().to_string()),
        reasons: if problems.is_empty() { notices(&reasons, locale) } else { Vec::new() },
        problems: notices(&problems, locale),
        quota_returned: returned,
        policy: policy.map(Policy::reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_by_leading_digits() {
        assert_eq!(pool("620102", 4), Some("6201"));
        assert_eq!(pool("629900", 4), Some("6299"));
        assert_eq!(pool("62", 4), None);
        assert_eq!(pool("62x102", 4), None);
    }

    #[test]
    fn a_quota_view_never_prints_the_psn_no() {
        let entry = Entry { psn_no: "61011300000000000000000095".into(), amount: 100, used: 40 };
        let shown = format!("{:?}", entry.view().unwrap());
        assert!(!shown.contains("6101130000") && shown.contains("0.60"), "{shown}");
    }
}
