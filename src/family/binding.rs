//! Binding eligibility: may this holder bind this member under this relation, on this date,
//! given the bindings that exist — and if not, every reason why, each with a code; plus
//! warnings where the ID numbers contradict the relation, whether the member must pass
//! face recognition (16 and over), and the channel sharing would take: a binding within the
//! province, or the holder's 医保钱包 with a 共济额度 for a relative insured in another province
//! (allowed from the 2026 national notice; before it, `BIND_OTHER_PROVINCE` points there).
//!
//! Persons arrive as the provincial endpoint returns them (national field names). Missing or
//! wrongly typed fields become `FAMILY_FIELD_MISSING` / `FAMILY_FIELD_INVALID` reasons naming
//! the field by its Chinese label, never a panic and never a thrown error, so a shell always
//! gets the full list. What an ID number says (same person, birth date, sex) is read by
//! `identity::resident_id`, the one place those rules live.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::input::{Field, FieldProblem, Listed};
use crate::family::lifecycle::BindingState;
use crate::family::policy::{Policy, PolicyRef, PolicySet, RelationVerdict};
use crate::family::relations;
use crate::identity::resident_id::{birth_date_of, comparable, sex_of, Sex};
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

struct Collector {
    reasons: Vec<Message>,
    warnings: Vec<Message>,
}

/// `FAMILY_FIELD_MISSING` naming the field by its label.
fn missing(label: Code) -> Message {
    Message::new(Code::FamilyFieldMissing).with_label("field", label)
}

/// `FAMILY_FIELD_INVALID` naming the field by its label.
fn invalid(label: Code) -> Message {
    Message::new(Code::FamilyFieldInvalid).with_label("field", label)
}

impl Collector {
    fn field<'a>(&mut self, field: &'a Field, label: Code) -> Option<&'a str> {
        match field.required() {
            Ok(text) => Some(text),
            Err(FieldProblem::Missing) => {
                self.reasons.push(missing(label));
                None
            }
            Err(FieldProblem::Invalid) => {
                self.reasons.push(invalid(label));
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
        c.reasons.push(missing(Code::FamilyLabelHolder));
    }
    if request.member.is_none() {
        c.reasons.push(missing(Code::FamilyLabelMember));
    }

    let date = match request.date.required() {
        Ok(text) => match Date::parse(text) {
            Ok(date) => Some(date),
            Err(_) => {
                c.reasons.push(invalid(Code::FamilyLabelDate));
                None
            }
        },
        Err(_) => {
            c.field(&request.date, Code::FamilyLabelDate);
            None
        }
    };

    // The holder's own insured region decides which regional policy applies.
    let holder_admdvs = if request.holder.is_some() {
        c.field(&holder.insuplc_admdvs, Code::FamilyLabelHolderInsuplcAdmdvs)
    } else {
        None
    };
    let holder_province = holder_admdvs.and_then(province);
    if holder_admdvs.is_some() && holder_province.is_none() {
        c.reasons.push(invalid(Code::FamilyLabelHolderInsuplcAdmdvs));
    }
    let policy: Option<&Policy> = date.and_then(|d| set.policy_for(holder_admdvs.unwrap_or(""), d));
    if date.is_some() && policy.is_none() {
        c.reasons.push(Message::new(Code::PolicyNoneInForce));
    }

    let holder_certno =
        if request.holder.is_some() { c.field(&holder.certno, Code::FamilyLabelHolderCertno) } else { None };
    if request.holder.is_some() {
        if let Some(insutype) = c.field(&holder.insutype, Code::FamilyLabelHolderInsutype) {
            if insutype != EMPLOYEE_INSUTYPE {
                c.reasons.push(Message::new(Code::BindHolderNotEmployee));
            }
        }
        if let Some(status) = c.field(&holder.psn_insu_stas, Code::FamilyLabelHolderPsnInsuStas) {
            if status != NORMAL_STATUS {
                c.reasons.push(Message::new(Code::BindHolderStatus));
            }
        }
    }

    let mut channel = Channel::Province;
    let member_certno =
        if request.member.is_some() { c.field(&member.certno, Code::FamilyLabelMemberCertno) } else { None };
    if request.member.is_some() {
        if let Some(insutype) = c.field(&member.insutype, Code::FamilyLabelMemberInsutype) {
            if policy.is_some_and(|p| !p.member_insutypes.iter().any(|t| t == insutype)) {
                c.reasons.push(Message::new(Code::BindMemberNotInsured));
            }
        }
        if let Some(status) = c.field(&member.psn_insu_stas, Code::FamilyLabelMemberPsnInsuStas) {
            if status != NORMAL_STATUS {
                c.reasons.push(Message::new(Code::BindMemberStatus));
            }
        }
        if let Some(admdvs) = c.field(&member.insuplc_admdvs, Code::FamilyLabelMemberInsuplcAdmdvs) {
            match province(admdvs) {
                None => c.reasons.push(invalid(Code::FamilyLabelMemberInsuplcAdmdvs)),
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
        (Some(h), Some(m)) => comparable(h) == comparable(m),
        _ => false,
    };
    if same_person {
        c.reasons.push(Message::new(Code::BindSamePerson));
    }

    let relation = match c.field(&request.relation, Code::FamilyLabelRelation) {
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
            check_existing(&mut c, &request.bindings, &comparable(h), &comparable(m), policy);
        }
    } else if matches!(request.bindings, Listed::Invalid) {
        c.reasons.push(invalid(Code::FamilyLabelBindings));
    }

    let holder_says = IdSays::of(holder_certno);
    let member_says = IdSays::of(member_certno);
    if let Some(relation) = relation {
        contradiction_warnings(&mut c, relation, (holder_says, member_says), date, locale);
    }

    let member_age = match (member_says.birth, date) {
        (Some(birth), Some(on)) => birth.age_on(on),
        _ => None,
    };
    if member_certno.is_some() && member_says.birth.is_none() {
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
            c.reasons.push(invalid(Code::FamilyLabelBindings));
            return;
        }
    };
    let mut counting: Vec<(String, String)> = Vec::new();
    let mut bad = false;
    let mut unknown_state = false;
    for binding in items {
        // A state label this build does not know (a new provincial state) is not a reason
        // to refuse: it counts as bound, so the limits err on the safe side, and a warning
        // says so. A state that is no label at all (a number, an object) is unreadable.
        let counts = match binding.state.required() {
            Err(FieldProblem::Missing) => Some(BindingState::Active.counts_as_bound()),
            Err(FieldProblem::Invalid) => None,
            Ok(text) => Some(BindingState::parse(text).map_or_else(
                || {
                    unknown_state = true;
                    true
                },
                BindingState::counts_as_bound,
            )),
        };
        match (binding.holder_certno.get(), binding.member_certno.get(), counts) {
            (Some(h), Some(m), Some(counts)) => {
                if counts {
                    counting.push((comparable(h), comparable(m)));
                }
            }
            _ => bad = true,
        }
    }
    if unknown_state {
        c.warnings.push(Message::new(Code::BindWarnStateUnknown));
    }
    if bad {
        // A limit computed from a partly unreadable list could wrongly say "eligible".
        c.reasons.push(invalid(Code::FamilyLabelBindings));
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

/// What an ID number says about its holder, read by identity's rules (no validation).
#[derive(Clone, Copy, Default)]
struct IdSays {
    birth: Option<Date>,
    sex: Option<Sex>,
}

impl IdSays {
    fn of(certno: Option<&str>) -> IdSays {
        certno.map_or_else(IdSays::default, |certno| IdSays { birth: birth_date_of(certno), sex: sex_of(certno) })
    }
}

/// Warnings where the birth dates and sexes in the ID numbers contradict the relation.
fn contradiction_warnings(
    c: &mut Collector,
    relation: &relations::Relation,
    (holder, member): (IdSays, IdSays),
    date: Option<Date>,
    locale: Locale,
) {
    let name = relation.name(locale);
    if let (Some(h), Some(m), Some(generation)) = (holder.birth, member.birth, relation.generation) {
        if generation > 0 && m >= h {
            c.warnings.push(Message::new(Code::BindWarnElderYounger).with("relation", name));
        } else if generation < 0 && m <= h {
            c.warnings.push(Message::new(Code::BindWarnYoungerOlder).with("relation", name));
        }
    }
    if relation.in_group("spouse") {
        let underage = |person: IdSays| -> bool {
            let (Some(birth), Some(sex), Some(on)) = (person.birth, person.sex, date) else { return false };
            let legal = match sex {
                Sex::Male => MARRIAGE_AGE_MEN,
                Sex::Female => MARRIAGE_AGE_WOMEN,
            };
            birth.age_on(on).is_some_and(|age| age < legal)
        };
        if underage(holder) || underage(member) {
            c.warnings.push(Message::new(Code::BindWarnSpouseUnderage));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HOLDER: &str = "620102198001011239";
    const WIFE: &str = "620102198203031228";

    fn decide(bindings: serde_json::Value, member_certno: &str) -> BindingDecision {
        let person = |certno: &str, insutype: &str| {
            json!({"certno": certno, "psn_name": "张三", "insutype": insutype, "psn_type": "1101",
                   "psn_insu_stas": "1", "insuplc_admdvs": "620102"})
        };
        let request: BindingRequest = serde_json::from_value(json!({
            "holder": person(HOLDER, "310"), "member": person(member_certno, "390"),
            "relation": "10", "date": "2025-01-01", "bindings": bindings,
        }))
        .unwrap();
        check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hans)
    }

    fn codes(notices: &[Notice]) -> Vec<&str> {
        notices.iter().map(|n| n.code.as_str()).collect()
    }

    /// Identity's rules decide who is the same person: its folding (full width, inner spaces,
    /// invisible characters, x → X) and the 15 → 18 upgrade, on both sides of every comparison.
    #[test]
    fn the_same_person_by_identity_rules() {
        let table: &[(&str, &str, &[&str])] = &[
            (HOLDER, HOLDER, &["BIND_SAME_PERSON"]),
            (HOLDER, "６２０１０２１９８００１０１１２３９", &["BIND_SAME_PERSON"]),
            (HOLDER, "620102\u{200B}198001011239", &["BIND_SAME_PERSON"]),
            // A legacy number and its 18-character upgrade are one person.
            ("110105194912310011", "110105491231001", &["BIND_SAME_PERSON"]),
        ];
        for &(bound_holder, member, want) in table {
            let bindings = json!([]);
            let d = if bound_holder == HOLDER {
                decide(bindings, member)
            } else {
                let person = |certno: &str, insutype: &str| json!({"certno": certno, "insutype": insutype, "psn_insu_stas": "1", "insuplc_admdvs": "110105"});
                let request: BindingRequest = serde_json::from_value(json!({
                    "holder": person(bound_holder, "310"), "member": person(member, "390"),
                    "relation": "10", "date": "2025-01-01",
                }))
                .unwrap();
                check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hans)
            };
            assert!(codes(&d.reasons).iter().any(|c| want.contains(c)), "{member}: {:?}", codes(&d.reasons));
        }
        // An existing binding written in another form of the same numbers is the same pair.
        let d = decide(
            json!([{"holderCertno": "６２０１０２１９８００１０１１２３９", "memberCertno": format!(" {WIFE} ")}]),
            WIFE,
        );
        assert_eq!(codes(&d.reasons), ["BIND_ALREADY_BOUND"]);
    }

    /// Issue 11: an unknown state label is a notice, not a refusal; a state that is no label
    /// (a boolean, an object) is still unreadable.
    #[test]
    fn unknown_binding_states_count_as_bound_with_a_warning() {
        let other = "620102197001011111";
        // (bindings, reasons, warnings)
        let table: Vec<(serde_json::Value, &[&str], &[&str])> = vec![
            (
                json!([{"holderCertno": other, "memberCertno": "620102197501012222", "state": "suspended"}]),
                &[],
                &["BIND_WARN_STATE_UNKNOWN"],
            ),
            (
                json!([{"holderCertno": HOLDER, "memberCertno": WIFE, "state": "暂停"}]),
                &["BIND_ALREADY_BOUND"],
                &["BIND_WARN_STATE_UNKNOWN"],
            ),
            (json!([{"holderCertno": HOLDER, "memberCertno": WIFE, "state": "unbound"}]), &[], &[]),
            (json!([{"holderCertno": HOLDER, "memberCertno": WIFE, "state": true}]), &["FAMILY_FIELD_INVALID"], &[]),
        ];
        for (bindings, reasons, warnings) in table {
            let d = decide(bindings.clone(), WIFE);
            assert_eq!(codes(&d.reasons), reasons, "{bindings}");
            assert_eq!(codes(&d.warnings), warnings, "{bindings}");
        }
    }

    /// Issue 16: a reason names the field by its Chinese label, in either script.
    #[test]
    fn reasons_name_fields_in_chinese() {
        let request: BindingRequest = serde_json::from_value(json!({
            "holder": {"certno": [1], "insutype": {"a": 1}, "insuplc_admdvs": "x"},
            "member": {}, "relation": true, "date": "2025-13-01", "bindings": "no",
        }))
        .unwrap();
        for locale in [Locale::Hans, Locale::Hant] {
            let d = check_binding(&request, PolicySet::built_in().unwrap(), locale);
            assert!(d.reasons.len() >= 8, "{:?}", codes(&d.reasons));
            for reason in &d.reasons {
                assert!(!reason.message.chars().any(|c| c.is_ascii_alphabetic() || c == '_'), "{}", reason.message);
            }
        }
        let d = check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hans);
        let texts: Vec<&str> = d.reasons.iter().map(|r| r.message.as_str()).collect();
        for label in ["共济人的证件号码", "共济人的险种", "共济人的参保地", "被共济人的证件号码", "亲属关系", "日期"]
        {
            assert!(texts.iter().any(|t| t.contains(label)), "{label}: {texts:?}");
        }
    }
}
