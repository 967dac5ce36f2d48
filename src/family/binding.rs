//! Binding eligibility: may this holder bind this member under this relation, on this date,
//! given the bindings that exist — and if not, every reason why, each with a code; plus
//! warnings where the ID numbers contradict the relation, whether the member must pass
//! face recognition (16 and over), and the channel sharing would take: a binding within the
//! province, or the holder's 医保钱包 with a 共济额度 for a relative insured in another province
//! (allowed from the 2026 national notice; before it, `BIND_OTHER_PROVINCE` points there).
//!
//! Persons arrive as the provincial endpoint returns them (national field names). Missing or
//! wrongly typed fields become `FAMILY_FIELD_MISSING` / `FAMILY_FIELD_INVALID` reasons naming
//! the field, never a panic and never a thrown error, so a shell always gets the full list.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::input::{Field, FieldProblem, Listed};
use crate::family::lifecycle::BindingState;
use crate::family::policy::{Policy, PolicyRef, PolicySet, RelationVerdict};
use crate::family::relations;
use crate::identity::resident_id::birth_date_of;
use crate::messages::{Code, Locale, Message, Notice};

/// A person as the provincial 1101 response describes them (baseinfo merged with the
/// insuinfo entry in question). Other fields are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default)]
pub struct InsuredPerson {
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub certno: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub psn_name: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub insutype: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub psn_type: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub psn_insu_stas: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub insuplc_admdvs: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub balc: Field,
}

/// A binding that already exists (or is being processed), by the two ID numbers.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct ExistingBinding {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub holder_certno: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub member_certno: Field,
    /// A `BindingState` id; absent means "active". Rejected and unbound ones do not count.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "BindingStateId"))]
    pub state: Field,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default)]
pub struct BindingRequest {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "InsuredPerson"))]
    pub holder: Option<InsuredPerson>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "InsuredPerson"))]
    pub member: Option<InsuredPerson>,
    /// GB/T 4761 code: "the member is the holder's …".
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub relation: Field,
    /// "yyyy-MM-dd": the day the binding would be made.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub date: Field,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ExistingBinding[]"))]
    pub bindings: Listed<ExistingBinding>,
}

/// How sharing with this relative would happen, so a shell can send the user the right way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    /// 家庭共济 binding: both insured in the same province (any city).
    Province,
    /// Cross-province: the holder's 医保钱包, with a 共济额度 set for the relative.
    Wallet,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct BindingDecision {
    pub eligible: bool,
    pub reasons: Vec<Notice>,
    pub warnings: Vec<Notice>,
    /// The policy applied; `null` only when none is in force (a reason says so).
    pub policy: Option<PolicyRef>,
    pub needs_face_check: bool,
    /// "wallet" when the relative is insured in another province (whether or not the policy
    /// in force allows it yet), else "province" — also when a region could not be read.
    pub channel: Channel,
}

/// Face recognition is required from this age on (山丹县, 舟曲县 pages).
const FACE_CHECK_AGE: u16 = 16;
/// Civil Code art. 1047: men 22, women 20.
const MARRIAGE_AGE_MEN: u16 = 22;
const MARRIAGE_AGE_WOMEN: u16 = 20;
const EMPLOYEE_INSUTYPE: &str = "310";
const NORMAL_STATUS: &str = "1";
/// The relation group (data/relations/gbt4761.tsv) of the 养/继 codes 27, 37, 57, 58.
const STEP_OR_ADOPTIVE: &str = "step_or_adoptive";

/// The ID number as compared for "same person": trimmed, x → X.
pub fn normalised_certno(certno: &str) -> String {
    certno.trim().to_ascii_uppercase()
}

/// Sex from the 17th character of an 18-character number: odd male, even female.
fn is_male(certno: &str) -> Option<bool> {
    let certno = certno.trim();
    if certno.len() != 18 {
        return None;
    }
    let digit = certno.as_bytes().get(16).filter(|b| b.is_ascii_digit())?;
    Some((digit - b'0') % 2 == 1)
}

struct Collector {
    reasons: Vec<Message>,
    warnings: Vec<Message>,
}

impl Collector {
    fn field<'a>(&mut self, field: &'a Field, name: &'static str) -> Option<&'a str> {
        match field.required() {
            Ok(text) => Some(text),
            Err(FieldProblem::Missing) => {
                self.reasons.push(Message::new(Code::FamilyFieldMissing).with("field", name));
                None
            }
            Err(FieldProblem::Invalid) => {
                self.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", name));
                None
            }
        }
    }
}

/// The province (first two digits) of an admdvs, if it starts with two digits.
fn province(admdvs: &str) -> Option<&str> {
    admdvs.get(..2).filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks one binding request against the policy in force for the holder's region and the date.
pub fn check_binding(request: &BindingRequest, set: &PolicySet, locale: Locale) -> BindingDecision {
    let mut c = Collector { reasons: Vec::new(), warnings: Vec::new() };
    let empty = InsuredPerson::default();
    let holder = request.holder.as_ref().unwrap_or(&empty);
    let member = request.member.as_ref().unwrap_or(&empty);
    if request.holder.is_none() {
        c.reasons.push(Message::new(Code::FamilyFieldMissing).with("field", "holder"));
    }
    if request.member.is_none() {
        c.reasons.push(Message::new(Code::FamilyFieldMissing).with("field", "member"));
    }

    let date = match request.date.required() {
        Ok(text) => match Date::parse(text) {
            Ok(date) => Some(date),
            Err(_) => {
                c.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", "date"));
                None
            }
        },
        Err(_) => {
            c.field(&request.date, "date");
            None
        }
    };

    // The holder's own insured region decides which regional policy applies.
    let holder_admdvs =
        if request.holder.is_some() { c.field(&holder.insuplc_admdvs, "holder.insuplc_admdvs") } else { None };
    let holder_province = holder_admdvs.and_then(province);
    if holder_admdvs.is_some() && holder_province.is_none() {
        c.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", "holder.insuplc_admdvs"));
    }
    let policy: Option<&Policy> = date.and_then(|d| set.policy_for(holder_admdvs.unwrap_or(""), d));
    if date.is_some() && policy.is_none() {
        c.reasons.push(Message::new(Code::PolicyNoneInForce));
    }

    let holder_certno = if request.holder.is_some() { c.field(&holder.certno, "holder.certno") } else { None };
    if request.holder.is_some() {
        if let Some(insutype) = c.field(&holder.insutype, "holder.insutype") {
            if insutype != EMPLOYEE_INSUTYPE {
                c.reasons.push(Message::new(Code::BindHolderNotEmployee));
            }
        }
        if let Some(status) = c.field(&holder.psn_insu_stas, "holder.psn_insu_stas") {
            if status != NORMAL_STATUS {
                c.reasons.push(Message::new(Code::BindHolderStatus));
            }
        }
    }

    let mut channel = Channel::Province;
    let member_certno = if request.member.is_some() { c.field(&member.certno, "member.certno") } else { None };
    if request.member.is_some() {
        if let Some(insutype) = c.field(&member.insutype, "member.insutype") {
            if policy.is_some_and(|p| !p.member_insutypes.iter().any(|t| t == insutype)) {
                c.reasons.push(Message::new(Code::BindMemberNotInsured));
            }
        }
        if let Some(status) = c.field(&member.psn_insu_stas, "member.psn_insu_stas") {
            if status != NORMAL_STATUS {
                c.reasons.push(Message::new(Code::BindMemberStatus));
            }
        }
        if let Some(admdvs) = c.field(&member.insuplc_admdvs, "member.insuplc_admdvs") {
            match province(admdvs) {
                None => c.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", "member.insuplc_admdvs")),
                Some(p) if holder_province.is_some_and(|h| h != p) => {
                    channel = Channel::Wallet;
                    // Before the policy allows it, cross-province sharing is not a binding:
                    // the reason points to the 医保钱包 (transfers).
                    if !policy.is_some_and(|p| p.cross_province) {
                        c.reasons.push(Message::new(Code::BindOtherProvince));
                    }
                }
                Some(_) => {}
            }
        }
    }

    let same_person = match (holder_certno, member_certno) {
        (Some(h), Some(m)) => normalised_certno(h) == normalised_certno(m),
        _ => false,
    };
    if same_person {
        c.reasons.push(Message::new(Code::BindSamePerson));
    }

    let relation = match c.field(&request.relation, "relation") {
        None => None,
        Some(code) => {
            let found = relations::find(code);
            if found.is_none() {
                c.reasons.push(Message::new(Code::BindRelationUnknown));
            }
            found
        }
    };
    if let (Some(relation), Some(policy)) = (relation, policy) {
        let name = relation.name(locale);
        match policy.relation_verdict(relation) {
            // 养/继 codes: allowed, but a step-relation counts only with an upbringing
            // relation (民法典 art. 1072), which the code cannot tell: say so.
            RelationVerdict::Allowed if relation.in_group(STEP_OR_ADOPTIVE) => {
                c.warnings.push(Message::new(Code::BindWarnStepUpbringing).with("relation", name));
            }
            RelationVerdict::Allowed => {}
            RelationVerdict::SelfRelation => c.reasons.push(Message::new(Code::BindRelationSelf)),
            RelationVerdict::NeedsReview => {
                c.reasons.push(Message::new(Code::BindRelationNeedsReview).with("relation", name));
            }
            RelationVerdict::NotAllowed => c.reasons.push(
                Message::new(Code::BindRelationNotAllowed).with("relation", name).with("document", &policy.document),
            ),
        }
    }

    if let (Some(h), Some(m), Some(policy)) = (holder_certno, member_certno, policy) {
        if !same_person {
            check_existing(&mut c, &request.bindings, &normalised_certno(h), &normalised_certno(m), policy);
        }
    } else if matches!(request.bindings, Listed::Invalid) {
        c.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", "bindings"));
    }

    let holder_birth = holder_certno.and_then(birth_date_of);
    let member_birth = member_certno.and_then(birth_date_of);
    if let Some(relation) = relation {
        let people = ((holder_certno, holder_birth), (member_certno, member_birth));
        contradiction_warnings(&mut c, relation, people, date, locale);
    }

    let member_age = match (member_birth, date) {
        (Some(birth), Some(on)) => birth.age_on(on),
        _ => None,
    };
    if member_certno.is_some() && member_birth.is_none() {
        c.warnings.push(Message::new(Code::BindWarnBirthUnknown));
    }
    // When the age cannot be read, assume the check is needed: asking for it is harmless,
    // skipping it makes the binding fail at the last step.
    let needs_face_check = member_age.is_none_or(|age| age >= FACE_CHECK_AGE);

    BindingDecision {
        eligible: c.reasons.is_empty(),
        reasons: c.reasons.iter().map(|m| Notice::from_message(m, locale)).collect(),
        warnings: c.warnings.iter().map(|m| Notice::from_message(m, locale)).collect(),
        policy: policy.map(Policy::reference),
        needs_face_check,
        channel,
    }
}

/// Already bound, limits and mutual binding, given the bindings that still count.
fn check_existing(c: &mut Collector, bindings: &Listed<ExistingBinding>, holder: &str, member: &str, policy: &Policy) {
    let items: &[ExistingBinding] = match bindings {
        Listed::Missing => &[],
        Listed::Items(items) => items,
        Listed::Invalid => {
            c.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", "bindings"));
            return;
        }
    };
    let mut counting: Vec<(String, String)> = Vec::new();
    let mut bad = false;
    for binding in items {
        let state = match binding.state.required() {
            Err(FieldProblem::Missing) => Some(BindingState::Active),
            Err(FieldProblem::Invalid) => None,
            Ok(text) => BindingState::parse(text),
        };
        match (binding.holder_certno.get(), binding.member_certno.get(), state) {
            (Some(h), Some(m), Some(state)) => {
                if state.counts_as_bound() {
                    counting.push((normalised_certno(h), normalised_certno(m)));
                }
            }
            _ => bad = true,
        }
    }
    if bad {
        // A limit computed from a partly unreadable list could wrongly say "eligible".
        c.reasons.push(Message::new(Code::FamilyFieldInvalid).with("field", "bindings"));
    }
    if counting.iter().any(|(h, m)| h == holder && m == member) {
        c.reasons.push(Message::new(Code::BindAlreadyBound));
        return;
    }
    let limits = &policy.limits;
    if let Some(max) = limits.members_per_holder {
        if counting.iter().filter(|(h, _)| h == holder).count() >= max as usize {
            c.reasons.push(Message::new(Code::BindMembersPerHolder).with("max", max.to_string()));
        }
    }
    if let Some(max) = limits.holders_per_member {
        if counting.iter().filter(|(_, m)| m == member).count() >= max as usize {
            c.reasons.push(Message::new(Code::BindHoldersPerMember).with("max", max.to_string()));
        }
    }
    if limits.no_mutual_binding && counting.iter().any(|(h, m)| h == member && m == holder) {
        c.reasons.push(Message::new(Code::BindMutual));
    }
}

/// An ID number and the birth date read from it.
type Person<'a> = (Option<&'a str>, Option<Date>);

/// Warnings where the birth dates in the ID numbers contradict the relation.
fn contradiction_warnings(
    c: &mut Collector,
    relation: &relations::Relation,
    people: (Person<'_>, Person<'_>),
    date: Option<Date>,
    locale: Locale,
) {
    let ((holder_certno, holder_birth), (member_certno, member_birth)) = people;
    let name = relation.name(locale);
    if let (Some(h), Some(m), Some(generation)) = (holder_birth, member_birth, relation.generation) {
        if generation > 0 && m >= h {
            c.warnings.push(Message::new(Code::BindWarnElderYounger).with("relation", name));
        } else if generation < 0 && m <= h {
            c.warnings.push(Message::new(Code::BindWarnYoungerOlder).with("relation", name));
        }
    }
    if relation.in_group("spouse") {
        let underage = |certno: Option<&str>, birth: Option<Date>| -> bool {
            let (Some(certno), Some(birth), Some(on)) = (certno, birth, date) else { return false };
            let Some(male) = is_male(certno) else { return false };
            let legal = if male { MARRIAGE_AGE_MEN } else { MARRIAGE_AGE_WOMEN };
            birth.age_on(on).is_some_and(|age| age < legal)
        };
        if underage(holder_certno, holder_birth) || underage(member_certno, member_birth) {
            c.warnings.push(Message::new(Code::BindWarnSpouseUnderage));
        }
    }
}
