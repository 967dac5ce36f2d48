//! Regional policies as data: which relations may be bound, which members, the limits, the
//! allowed uses and the monthly-credit figures, per region and effective date; plus the
//! 医保钱包 rules and the use categories. The built-in set is `data/policies/builtin.json`
//! and goes through the very parser a shell uses to load an updated set, so both are checked
//! the same way; a malformed set is rejected whole with `POLICY_SET_INVALID`.
//!
//! Choosing the policy in force for a region (an insuplc_admdvs) and a date: among policies
//! whose `region` is a prefix of the admdvs and that are in force on the date
//! (`effective <= date`, and `date < until` when `until` is set), the longest region wins,
//! then the latest `effective`. A regional rule thus ends only through its own `until`; that is
//! how the built-in Gansu 2023 rule hands over to the national 2024 近亲属 rule (the Gansu
//! widening date is UNVERIFIED, so that date is data, not code).

use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::lifecycle::MAX_COOLDOWN_MONTHS;
use crate::family::relations::{self, Relation};
use crate::messages::{Code, Locale, Message};
use crate::money::Yuan;

const BUILT_IN_JSON: &str = include_str!("../../data/policies/builtin.json");

/// What every decision names: which rule, from which document and date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PolicyRef {
    pub id: String,
    pub title: String,
    pub document: String,
    /// "yyyy-MM-dd".
    pub effective: String,
}

/// Limits that some regions set; `None` (or false) means no limit is applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Limits {
    pub members_per_holder: Option<u32>,
    pub holders_per_member: Option<u32>,
    pub unbind_cooldown_months: Option<u32>,
    #[serde(default)]
    pub no_mutual_binding: bool,
}

/// One regional policy version.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub document: String,
    #[serde(serialize_with = "date_text")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub effective: Date,
    #[serde(serialize_with = "optional_date_text")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub until: Option<Date>,
    /// Leading digits of insuplc_admdvs this applies to: "" national, "62" Gansu, "6211" 定西.
    pub region: String,
    pub relation_groups: Vec<String>,
    pub review_groups: Vec<String>,
    pub extra_relations: Vec<String>,
    pub excluded_relations: Vec<String>,
    pub member_insutypes: Vec<String>,
    pub limits: Limits,
    pub pay_resident_contribution: bool,
    pub uses: Vec<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub on_duty_credit_rate: Decimal,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub retiree_monthly_credit: Option<Yuan>,
}

fn date_text<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

fn optional_date_text<S: serde::Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

/// How a relation fares under a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationVerdict {
    Allowed,
    NeedsReview,
    NotAllowed,
    SelfRelation,
}

impl Policy {
    pub fn reference(&self) -> PolicyRef {
        PolicyRef {
            id: self.id.clone(),
            title: self.title.clone(),
            document: self.document.clone(),
            effective: self.effective.to_string(),
        }
    }

    pub fn in_force(&self, admdvs: &str, date: Date) -> bool {
        admdvs.starts_with(&self.region) && self.effective <= date && self.until.is_none_or(|until| date < until)
    }

    pub fn relation_verdict(&self, relation: &Relation) -> RelationVerdict {
        let listed = |list: &[String]| list.iter().any(|code| code == relation.code);
        let in_any = |groups: &[String]| groups.iter().any(|g| relation.in_group(g));
        if relation.in_group("self") {
            RelationVerdict::SelfRelation
        } else if listed(&self.excluded_relations) {
            RelationVerdict::NotAllowed
        } else if listed(&self.extra_relations) || in_any(&self.relation_groups) {
            RelationVerdict::Allowed
        } else if in_any(&self.review_groups) {
            RelationVerdict::NeedsReview
        } else {
            RelationVerdict::NotAllowed
        }
    }
}

/// The national 医保钱包 rules (cross-province transfers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WalletRules {
    pub document: String,
    pub max_per_transfer: Yuan,
    pub max_per_day: u32,
    /// Minutes after midnight, China time.
    pub blocked_from_minute: u32,
    pub blocked_until_minute: u32,
}

/// A kind of spending the shared account might pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UseCategory {
    pub id: String,
    pub zh_hans: String,
    pub zh_hant: String,
    pub med_type_prefixes: Vec<String>,
    pub aliases: Vec<String>,
    /// Never payable from the account, whatever a policy says (public health, fitness, wellness).
    pub never: bool,
}

impl UseCategory {
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::Hans => &self.zh_hans,
            Locale::Hant => &self.zh_hant,
        }
    }
}

/// A validated policy set.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicySet {
    pub wallet: WalletRules,
    pub use_categories: Vec<UseCategory>,
    pub policies: Vec<Policy>,
}

// --- the JSON shape (camelCase, unknown fields rejected so a typo cannot silently switch a rule off)

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawSet {
    format: u32,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    wallet: RawWallet,
    use_categories: Vec<RawCategory>,
    policies: Vec<RawPolicy>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawWallet {
    document: String,
    max_per_transfer: String,
    max_per_day: u32,
    blocked_from: String,
    blocked_until: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawCategory {
    id: String,
    zh_hans: String,
    zh_hant: String,
    #[serde(default)]
    med_type_prefixes: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    never: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawPolicy {
    id: String,
    title: String,
    document: String,
    effective: String,
    #[serde(default)]
    until: Option<String>,
    region: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    relation_groups: Vec<String>,
    #[serde(default)]
    review_groups: Vec<String>,
    #[serde(default)]
    extra_relations: Vec<String>,
    #[serde(default)]
    excluded_relations: Vec<String>,
    member_insutypes: Vec<String>,
    limits: Limits,
    pay_resident_contribution: bool,
    uses: Vec<String>,
    on_duty_credit_rate: String,
    retiree_monthly_credit: Option<String>,
}

fn invalid(detail: impl Into<String>) -> Message {
    Message::new(Code::PolicySetInvalid).with("detail", detail)
}

/// Where and what kind of JSON problem, without serde's wording, which quotes the offending
/// value or key (no message contains the value it rejects).
fn json_problem(error: &serde_json::Error) -> String {
    let kind = match error.classify() {
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Eof => "the text ends early",
        serde_json::error::Category::Data => "an unknown field, a missing field or a value of the wrong type",
        serde_json::error::Category::Io => "unreadable",
    };
    format!("line {}, column {}: {kind}", error.line(), error.column())
}

fn parse_hh_mm(text: &str, at: &str) -> Result<u32, Message> {
    let bad = || invalid(format!("{at}: want HH:MM"));
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let all_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(h) || !all_digits(m) {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn check_code(code: &str, digits: usize, at: &str) -> Result<(), Message> {
    if code.len() == digits && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(invalid(format!("{at}: want {digits} digits")))
    }
}

impl PolicySet {
    /// Parses and validates a policy set; any problem rejects the whole set.
    pub fn from_json(text: &str) -> Result<PolicySet, Message> {
        let raw: RawSet = serde_json::from_str(text).map_err(|e| invalid(json_problem(&e)))?;
        if raw.format != 1 {
            return Err(invalid("format: only format 1 is understood"));
        }
        let wallet = PolicySet::wallet_from(raw.wallet)?;
        let use_categories = PolicySet::categories_from(raw.use_categories)?;
        let mut policies = Vec::with_capacity(raw.policies.len());
        for (index, policy) in raw.policies.into_iter().enumerate() {
            let checked = PolicySet::policy_from(policy, index, &use_categories)?;
            if policies.iter().any(|p: &Policy| p.id == checked.id) {
                return Err(invalid(format!("policies[{index}].id: listed twice")));
            }
            // `policy_for` breaks ties by region length then effective date; two policies
            // equal in both would be chosen by their order in the file.
            if policies.iter().any(|p: &Policy| p.region == checked.region && p.effective == checked.effective) {
                return Err(invalid(format!(
                    "policies[{index}]: another policy has the same region and effective date"
                )));
            }
            policies.push(checked);
        }
        if policies.is_empty() {
            return Err(invalid("policies: empty"));
        }
        Ok(PolicySet { wallet, use_categories, policies })
    }

    fn wallet_from(raw: RawWallet) -> Result<WalletRules, Message> {
        let max = Yuan::parse_plain(&raw.max_per_transfer).map_err(|_| invalid("wallet.maxPerTransfer"))?;
        if max.is_negative() || max.is_zero() {
            return Err(invalid("wallet.maxPerTransfer: must be positive"));
        }
        if raw.max_per_day == 0 {
            return Err(invalid("wallet.maxPerDay: must be positive"));
        }
        Ok(WalletRules {
            document: raw.document,
            max_per_transfer: max,
            max_per_day: raw.max_per_day,
            blocked_from_minute: parse_hh_mm(&raw.blocked_from, "wallet.blockedFrom")?,
            blocked_until_minute: parse_hh_mm(&raw.blocked_until, "wallet.blockedUntil")?,
        })
    }

    fn categories_from(raw: Vec<RawCategory>) -> Result<Vec<UseCategory>, Message> {
        let mut out: Vec<UseCategory> = Vec::with_capacity(raw.len());
        for (index, c) in raw.into_iter().enumerate() {
            let at = format!("useCategories[{index}]");
            if c.id.is_empty() || c.id == "other" || out.iter().any(|o| o.id == c.id) {
                return Err(invalid(format!("{at}.id: empty, reserved or listed twice")));
            }
            for prefix in &c.med_type_prefixes {
                if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(format!("{at}.medTypePrefixes: want digits")));
                }
                // `classify` picks the longest matching prefix; a prefix in two categories
                // would be decided by their order in the file.
                if out.iter().any(|o| o.med_type_prefixes.contains(prefix)) {
                    return Err(invalid(format!("{at}.medTypePrefixes: a prefix of another category")));
                }
            }
            // Likewise a use name (id or alias) must name one category only.
            let names_of = |o: &UseCategory| std::iter::once(o.id.clone()).chain(o.aliases.clone()).collect::<Vec<_>>();
            for name in std::iter::once(&c.id).chain(&c.aliases) {
                if out.iter().any(|o| names_of(o).contains(name)) {
                    return Err(invalid(format!("{at}: a name of another category")));
                }
            }
            out.push(UseCategory {
                id: c.id,
                zh_hans: c.zh_hans,
                zh_hant: c.zh_hant,
                med_type_prefixes: c.med_type_prefixes,
                aliases: c.aliases,
                never: c.never,
            });
        }
        Ok(out)
    }

    fn policy_from(raw: RawPolicy, index: usize, categories: &[UseCategory]) -> Result<Policy, Message> {
        let at = format!("policies[{index}]");
        if raw.id.trim().is_empty() || raw.title.trim().is_empty() || raw.document.trim().is_empty() {
            return Err(invalid(format!("{at}: id, title and document are required")));
        }
        let effective = Date::parse(&raw.effective).map_err(|_| invalid(format!("{at}.effective")))?;
        let until = match raw.until.as_deref() {
            None => None,
            Some(text) => Some(Date::parse(text).map_err(|_| invalid(format!("{at}.until")))?),
        };
        if until.is_some_and(|u| u <= effective) {
            return Err(invalid(format!("{at}.until: must be after effective")));
        }
        if raw.region.len() > 6 || !raw.region.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(format!("{at}.region: want up to 6 digits")));
        }
        let known_groups = relations::groups();
        for (list, groups) in [("relationGroups", &raw.relation_groups), ("reviewGroups", &raw.review_groups)] {
            if let Some(i) = groups.iter().position(|g| !known_groups.contains(&g.as_str())) {
                return Err(invalid(format!("{at}.{list}[{i}]: unknown relation group")));
            }
        }
        for (list, codes) in [("extraRelations", &raw.extra_relations), ("excludedRelations", &raw.excluded_relations)]
        {
            if let Some(i) = codes.iter().position(|code| relations::find(code).is_none_or(|r| r.code != code)) {
                return Err(invalid(format!("{at}.{list}[{i}]: unknown relation code")));
            }
        }
        if raw.member_insutypes.is_empty() {
            return Err(invalid(format!("{at}.memberInsutypes: empty")));
        }
        for insutype in &raw.member_insutypes {
            check_code(insutype, 3, &format!("{at}.memberInsutypes"))?;
        }
        for (i, use_id) in raw.uses.iter().enumerate() {
            match categories.iter().find(|c| &c.id == use_id) {
                None => return Err(invalid(format!("{at}.uses[{i}]: unknown use"))),
                Some(c) if c.never => return Err(invalid(format!("{at}.uses[{i}]: never allowed"))),
                Some(_) => {}
            }
        }
        let rate: Decimal = raw.on_duty_credit_rate.parse().map_err(|_| invalid(format!("{at}.onDutyCreditRate")))?;
        if rate <= Decimal::ZERO || rate >= Decimal::ONE {
            return Err(invalid(format!("{at}.onDutyCreditRate: want a fraction between 0 and 1")));
        }
        let retiree_monthly_credit = match raw.retiree_monthly_credit.as_deref() {
            None => None,
            Some(text) => {
                let amount = Yuan::parse_plain(text).map_err(|_| invalid(format!("{at}.retireeMonthlyCredit")))?;
                if amount.is_negative() {
                    return Err(invalid(format!("{at}.retireeMonthlyCredit: negative")));
                }
                Some(amount)
            }
        };
        for limit in [raw.limits.members_per_holder, raw.limits.holders_per_member, raw.limits.unbind_cooldown_months] {
            if limit == Some(0) {
                return Err(invalid(format!("{at}.limits: 0 is not a limit; use null for none")));
            }
        }
        if raw.limits.unbind_cooldown_months.is_some_and(|m| i64::from(m) > i64::from(MAX_COOLDOWN_MONTHS)) {
            return Err(invalid(format!("{at}.limits.unbindCooldownMonths: at most {MAX_COOLDOWN_MONTHS}")));
        }
        Ok(Policy {
            id: raw.id,
            title: raw.title,
            document: raw.document,
            effective,
            until,
            region: raw.region,
            relation_groups: raw.relation_groups,
            review_groups: raw.review_groups,
            extra_relations: raw.extra_relations,
            excluded_relations: raw.excluded_relations,
            member_insutypes: raw.member_insutypes,
            limits: raw.limits,
            pay_resident_contribution: raw.pay_resident_contribution,
            uses: raw.uses,
            on_duty_credit_rate: rate,
            retiree_monthly_credit,
        })
    }

    /// The built-in set (national 2021, Gansu 2023, national 2024).
    pub fn built_in() -> &'static PolicySet {
        static BUILT_IN: OnceLock<PolicySet> = OnceLock::new();
        BUILT_IN.get_or_init(|| {
            // A unit test proves the shipped JSON parses; the fallback only avoids a panic.
            PolicySet::from_json(BUILT_IN_JSON).unwrap_or_else(|_| PolicySet {
                wallet: WalletRules {
                    document: String::new(),
                    max_per_transfer: Yuan::ZERO,
                    max_per_day: 0,
                    blocked_from_minute: 0,
                    blocked_until_minute: 0,
                },
                use_categories: Vec::new(),
                policies: Vec::new(),
            })
        })
    }

    /// The built-in JSON text, for shells that want to show or diff it.
    pub fn built_in_json() -> &'static str {
        BUILT_IN_JSON
    }

    /// The policy in force for an insured region (insuplc_admdvs, or "" for national) on a date.
    pub fn policy_for(&self, admdvs: &str, date: Date) -> Option<&Policy> {
        let admdvs = admdvs.trim();
        self.policies
            .iter()
            .filter(|p| p.in_force(admdvs, date))
            .max_by(|a, b| (a.region.len(), a.effective).cmp(&(b.region.len(), b.effective)))
    }

    pub fn policy_by_id(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn built_in_parses() {
        let set = PolicySet::from_json(BUILT_IN_JSON).unwrap();
        assert_eq!(set.policies.len(), 3);
        assert_eq!(&set, PolicySet::built_in());
        assert_eq!(set.wallet.max_per_transfer.to_string(), "2000.00");
        assert_eq!((set.wallet.blocked_from_minute, set.wallet.blocked_until_minute), (22 * 60, 6 * 60));
    }

    #[test]
    fn policy_in_force_by_region_and_date() {
        let set = PolicySet::built_in();
        let table = [
            ("620102", "2021-04-12", None),
            ("620102", "2021-04-13", Some("CN-2021")),
            ("620102", "2022-12-31", Some("CN-2021")),
            ("620102", "2023-01-01", Some("GS-2023")),
            ("621102", "2024-11-26", Some("GS-2023")),
            ("621102", "2024-11-27", Some("CN-2024")),
            ("110105", "2023-06-01", Some("CN-2021")),
            ("110105", "2025-01-01", Some("CN-2024")),
            ("", "2025-01-01", Some("CN-2024")),
            ("", "2023-06-01", Some("CN-2021")),
        ];
        for (admdvs, on, want) in table {
            let got = set.policy_for(admdvs, date(on)).map(|p| p.id.as_str());
            assert_eq!(got, want, "{admdvs} {on}");
        }
    }

    #[test]
    fn a_city_override_wins_over_its_province() {
        let mut value: serde_json::Value = serde_json::from_str(BUILT_IN_JSON).unwrap();
        let mut city = value["policies"][1].clone();
        city["id"] = "DX-2023".into();
        city["region"] = "6211".into();
        city["effective"] = "2023-06-01".into();
        city["extraRelations"] = serde_json::json!(["55", "56"]);
        value["policies"].as_array_mut().unwrap().push(city);
        let set = PolicySet::from_json(&value.to_string()).unwrap();
        assert_eq!(set.policy_for("621102", date("2023-07-01")).unwrap().id, "DX-2023");
        assert_eq!(set.policy_for("620102", date("2023-07-01")).unwrap().id, "GS-2023");
        assert_eq!(set.policy_for("621102", date("2023-05-31")).unwrap().id, "GS-2023");
        assert_eq!(set.policy_for("621102", date("2024-12-01")).unwrap().id, "CN-2024");
    }

    #[test]
    fn malformed_sets_are_rejected_whole() {
        let cases: Vec<String> = vec![
            String::new(),
            "{".into(),
            "[]".into(),
            BUILT_IN_JSON.replacen("\"format\": 1", "\"format\": 2", 1),
            BUILT_IN_JSON.replacen("\"effective\": \"2021-04-13\"", "\"effective\": \"2021-02-30\"", 1),
            BUILT_IN_JSON.replacen("\"until\": \"2024-11-27\"", "\"until\": \"2022-01-01\"", 1),
            BUILT_IN_JSON.replacen("\"region\": \"62\"", "\"region\": \"6x\"", 1),
            BUILT_IN_JSON.replacen("[\"near_kin\"]", "[\"near_kinn\"]", 1),
            BUILT_IN_JSON.replacen("\"maternity\"]", "\"maternity\", \"fitness\"]", 1),
            BUILT_IN_JSON.replacen("\"maternity\"]", "\"maternity\", \"massage\"]", 1),
            BUILT_IN_JSON.replacen("\"membersPerHolder\": null", "\"membersPerHolders\": 7", 1),
            BUILT_IN_JSON.replacen("\"membersPerHolder\": null", "\"membersPerHolder\": 0", 1),
            BUILT_IN_JSON.replacen("\"membersPerHolder\": null", "\"membersPerHolder\": -1", 1),
            BUILT_IN_JSON.replacen("\"2000.00\"", "\"2000.001\"", 1),
            BUILT_IN_JSON.replacen("\"22:00\"", "\"24:00\"", 1),
            BUILT_IN_JSON.replacen("\"0.02\"", "\"2\"", 1),
            BUILT_IN_JSON.replacen("\"id\": \"GS-2023\"", "\"id\": \"CN-2021\"", 1),
            BUILT_IN_JSON.replacen("[\"310\", \"390\"]", "[]", 1),
            BUILT_IN_JSON.replacen("\"retireeMonthlyCredit\": null", "\"retireeMonthlyCredit\": \"-5\"", 1),
            // Ambiguous sets: which entry applies would depend on the order in the file.
            // Two policies for the same region from the same day:
            BUILT_IN_JSON.replacen("\"effective\": \"2024-11-27\"", "\"effective\": \"2021-04-13\"", 1),
            // a med_type prefix claimed by two categories (14 is 门诊慢特病; 11 is 门诊):
            BUILT_IN_JSON.replacen("\"medTypePrefixes\": [\"14\"]", "\"medTypePrefixes\": [\"14\", \"11\"]", 1),
            // a use name claimed by two categories (养生 is 养生保健's):
            BUILT_IN_JSON.replacen("\"健身\",", "\"健身\", \"养生\",", 1),
            // a use name that is another category's id:
            BUILT_IN_JSON.replacen("\"健身\",", "\"健身\", \"outpatient\",", 1),
            // No transfer a day is not a limit (like the binding limits, 0 is refused):
            BUILT_IN_JSON.replacen("\"maxPerDay\": 3", "\"maxPerDay\": 0", 1),
        ];
        for (index, text) in cases.iter().enumerate() {
            assert_ne!(text, BUILT_IN_JSON, "case {index} did not change the text");
            let err = PolicySet::from_json(text).unwrap_err();
            assert_eq!(err.code, Code::PolicySetInvalid, "case {index}");
        }
    }

    #[test]
    fn a_rejection_never_echoes_a_value_from_the_text() {
        // ARCHITECTURE.md: no message ever contains the value it rejects (a shell could pass
        // the wrong file, holding ID numbers, to fromJson).
        const MARK: &str = "620102198001011234";
        let cases = [
            BUILT_IN_JSON.replacen("\"maxPerDay\": 3", &format!("\"maxPerDay\": \"{MARK}\""), 1),
            BUILT_IN_JSON.replacen("\"note\":", &format!("\"{MARK}\": 1, \"note\":"), 1),
            BUILT_IN_JSON.replacen("[\"near_kin\"]", &format!("[\"{MARK}\"]"), 1),
            BUILT_IN_JSON.replacen("[\"near_kin\"],", &format!("[\"near_kin\"], \"extraRelations\": [\"{MARK}\"],"), 1),
            BUILT_IN_JSON.replacen("\"maternity\"]", &format!("\"maternity\", \"{MARK}\"]"), 1),
            BUILT_IN_JSON.replacen("\"maternity\"]", "\"maternity\", \"wellness\"]", 1),
            format!("{{\"format\": 1, \"wallet\": \"{MARK}\"}}"),
        ];
        for (index, text) in cases.iter().enumerate() {
            assert_ne!(text, BUILT_IN_JSON, "case {index} did not change the text");
            let err = PolicySet::from_json(text).unwrap_err();
            assert_eq!(err.code, Code::PolicySetInvalid, "case {index}");
            for locale in [Locale::Hans, Locale::Hant] {
                let shown = err.render(locale);
                assert!(!shown.contains(MARK) && !shown.contains("wellness"), "case {index}: {shown}");
            }
        }
    }

    #[test]
    fn relation_verdicts() {
        let set = PolicySet::built_in();
        let national_2021 = set.policy_by_id("CN-2021").unwrap();
        let national_2024 = set.policy_by_id("CN-2024").unwrap();
        let verdict = |p: &Policy, code: &str| p.relation_verdict(relations::find(code).unwrap());
        assert_eq!(verdict(national_2021, "61"), RelationVerdict::NotAllowed);
        assert_eq!(verdict(national_2024, "61"), RelationVerdict::Allowed);
        assert_eq!(verdict(national_2024, "59"), RelationVerdict::NeedsReview);
        assert_eq!(verdict(national_2024, "55"), RelationVerdict::NotAllowed);
        assert_eq!(verdict(national_2024, "01"), RelationVerdict::SelfRelation);
    }
}
