//! May the shared account pay for this? Given a med_type (a whole code of the national shape —
//! 2 digits, or a 4–6 digit provincial sub-code like 140104 that falls under 14 — classified by
//! the longest listed prefix; unknown codes and digits of any other shape, such as a phone
//! number, are 其他) or a named use (居民医保缴费,
//! 商业健康保险, 长期护理保险 …), answer under the policy in force. Public health, fitness and
//! wellness are never payable, whatever the data says (the parser refuses to list them).

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::input::Field;
use crate::family::policy::{Policy, PolicyRef, PolicySet, UseCategory};
use crate::identity::codes::is_med_type_code;
use crate::messages::{Code, Locale, Message, Notice};

/// The id of the catch-all category.
pub const OTHER: &str = "other";
const RESIDENT_CONTRIBUTION: &str = "residentContribution";

#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct UseRequest {
    /// A med_type code ("11", "140104") or a use name / id ("居民医保缴费", "longTermCare").
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    #[serde(rename = "use")]
    pub use_: Field,
    /// "yyyy-MM-dd"
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub date: Field,
    /// The holder's insuplc_admdvs (national when absent).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub region: Field,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct UseDecision {
    pub allowed: bool,
    /// The category id ("outpatient", "other", …) and its name.
    pub category: String,
    pub category_name: String,
    pub reason: Option<Notice>,
    pub policy: Option<PolicyRef>,
}

/// The category of a med_type code (longest matching prefix) or a use name. Digits that are
/// no med_type code (`identity::codes::is_med_type_code`) belong to no category.
pub fn classify<'a>(set: &'a PolicySet, text: &str) -> Option<&'a UseCategory> {
    let text = text.trim();
    if text.bytes().all(|b| b.is_ascii_digit()) {
        if !is_med_type_code(text) {
            return None;
        }
        return set
            .use_categories
            .iter()
            .flat_map(|c| c.med_type_prefixes.iter().map(move |p| (p, c)))
            .filter(|(prefix, _)| text.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, c)| c);
    }
    set.use_categories.iter().find(|c| c.id == text || c.aliases.iter().any(|a| a == text))
}

pub fn check_use(request: &UseRequest, set: &PolicySet, locale: Locale) -> UseDecision {
    let other_name = match locale {
        Locale::Hans => "其他",
        Locale::Hant => "其他",
    };
    let decide =
        |allowed: bool, category: Option<&UseCategory>, reason: Option<Message>, policy: Option<&Policy>| UseDecision {
            allowed,
            category: category.map_or(OTHER, |c| c.id.as_str()).to_string(),
            category_name: category.map_or(other_name, |c| c.name(locale)).to_string(),
            reason: reason.map(|m| Notice::from_message(&m, locale)),
            policy: policy.map(Policy::reference),
        };
    let Some(text) = request.use_.get() else {
        return decide(false, None, Some(Message::new(Code::UseInputInvalid)), None);
    };
    let category = classify(set, text);
    if let Some(c) = category.filter(|c| c.never) {
        return decide(false, Some(c), Some(Message::new(Code::UseNever).with("use", c.name(locale))), None);
    }
    let date = match request.date.get().map(Date::parse) {
        Some(Ok(date)) => date,
        Some(Err(_)) => {
            let reason = Message::new(Code::FamilyFieldInvalid).with_label("field", Code::FamilyLabelDate);
            return decide(false, category, Some(reason), None);
        }
        None => {
            let reason = Message::new(Code::FamilyFieldMissing).with_label("field", Code::FamilyLabelDate);
            return decide(false, category, Some(reason), None);
        }
    };
    let Some(policy) = set.policy_for(request.region.get().unwrap_or(""), date) else {
        return decide(false, category, Some(Message::new(Code::PolicyNoneInForce)), None);
    };
    let Some(c) = category else {
        return decide(false, None, Some(Message::new(Code::UseOther)), Some(policy));
    };
    let allowed =
        if c.id == RESIDENT_CONTRIBUTION { policy.pay_resident_contribution } else { policy.uses.contains(&c.id) };
    let reason = (!allowed)
        .then(|| Message::new(Code::UseNotInPolicy).with("document", &policy.document).with("use", c.name(locale)));
    decide(allowed, Some(c), reason, Some(policy))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(use_: serde_json::Value) -> UseDecision {
        let request: UseRequest =
            serde_json::from_value(serde_json::json!({"use": use_, "date": "2025-06-01", "region": "620102"})).unwrap();
        check_use(&request, PolicySet::built_in().unwrap(), Locale::Hans)
    }

    /// Issue 11: only whole med_type codes classify. Digits of any other shape (a phone, an ID
    /// number, a 3-digit or 7-digit code) are 其他 with USE_OTHER, never 门诊 by their first digits.
    #[test]
    fn only_whole_med_type_codes_classify() {
        use serde_json::json;
        // (use, category, allowed)
        let table = [
            (json!("11"), "outpatient", true),
            (json!(13), "outpatient", true),
            (json!("1301"), "outpatient", true),
            (json!("140104"), "chronicOutpatient", true),
            (json!("13800138000"), "other", false),
            (json!(13800138000u64), "other", false),
            (json!("110105194912310021"), "other", false),
            (json!("1"), "other", false),
            (json!("130"), "other", false),
            (json!("1401041"), "other", false),
            (json!("99"), "other", false),
            (json!("9901"), "other", false),
        ];
        for (use_, category, allowed) in table {
            let d = decide(use_.clone());
            assert_eq!((d.category.as_str(), d.allowed), (category, allowed), "{use_}");
            if category == "other" {
                assert_eq!(d.reason.map(|r| r.code).as_deref(), Some("USE_OTHER"), "{use_}");
                assert_eq!(d.category_name, "其他");
            }
        }
    }

    #[test]
    fn a_missing_date_is_named_in_chinese() {
        let request: UseRequest = serde_json::from_value(serde_json::json!({"use": "11"})).unwrap();
        let d = check_use(&request, PolicySet::built_in().unwrap(), Locale::Hant);
        let reason = d.reason.unwrap();
        assert_eq!(reason.code, "FAMILY_FIELD_MISSING");
        assert!(reason.message.contains("日期") && !reason.message.contains("date"), "{}", reason.message);
    }
}
