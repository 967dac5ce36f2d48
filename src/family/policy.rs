//! Regional policies as data: which relations may be bound, which members, the limits, the
//! allowed uses, the monthly-credit figures and whether relatives insured in another province
//! may share (through the 医保钱包), per region and effective date; plus the 医保钱包 rules and
//! the use categories. The built-in set is `data/policies/builtin.json` and goes through the
//! very parser a shell uses to load an updated set, so both are checked the same way; a
//! malformed set is rejected whole with `POLICY_SET_INVALID`, whose `{detail}` (where and what)
//! comes from the catalog in the caller's script.
//!
//! One definition per field: each struct below *is* the JSON shape (serde derives the names
//! once, for reading the file and for handing the set to a shell). A value that cannot be read
//! (a date, an amount, a rate, a clock time) fails the parse with its line and column; what
//! needs the whole set (known relation groups and uses, dates in order, ambiguous entries) is
//! checked after the parse by `PolicySet::validate`, naming the entry's path in the file.
//!
//! A set is versioned: `version` is its issue date and that day's serial ("2026-12-01.1"),
//! `issued` repeats the date (and must agree), `sources` names where the rules come from.
//! Versions compare by date, then serial ([`SetVersion`]); a shell applies a downloaded set
//! only when it is newer than the one in use and never one older than the built-in set, so
//! a correction is always published as a new version, never by re-using an old number.
//!
//! Choosing the policy in force for a region (an insuplc_admdvs) and a date: among policies
//! whose `region` is a prefix of the admdvs and that are in force on the date
//! (`effective <= date`, and `date < until` when `until` is set), the longest region wins,
//! then the latest `effective`. A regional rule thus ends only through its own `until`; that is
//! how the built-in Gansu 2023 rule hands over to the national 2024 近亲属 rule (the exact day
//! Gansu widened is UNVERIFIED, so that date is data, not code).

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

/// A sharing relation ends by itself when either side's insurance ends or moves to another
/// 统筹地区 (国家医保局、财政部 2026-01-09 notice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutoEnd {
    /// How many leading digits of insuplc_admdvs name the 统筹地区: 4 is the city (地市级统筹,
    /// the usual level); a county that pools on its own would need 6.
    pub pool_digits: u8,
}

/// One regional policy version: the JSON entry and the validated value are this one struct.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub document: String,
    #[serde(with = "text::date")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub effective: Date,
    #[serde(default, with = "text::optional_date")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub until: Option<Date>,
    /// Leading digits of insuplc_admdvs this applies to: "" national, "62" Gansu, "6211" 定西.
    pub region: String,
    /// Sources, and what stays UNVERIFIED (for people reading the data; never shown as a rule).
    #[serde(default)]
    pub note: Option<String>,
    pub relation_groups: Vec<String>,
    #[serde(default)]
    pub review_groups: Vec<String>,
    #[serde(default)]
    pub extra_relations: Vec<String>,
    #[serde(default)]
    pub excluded_relations: Vec<String>,
    pub member_insutypes: Vec<String>,
    pub limits: Limits,
    pub pay_resident_contribution: bool,
    pub uses: Vec<String>,
    #[serde(with = "text::rate")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub on_duty_credit_rate: Decimal,
    #[serde(with = "text::optional_yuan")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub retiree_monthly_credit: Option<Yuan>,
    /// Relatives insured in another province may share too, through the holder's 医保钱包 and a
    /// 共济额度 (from the 2026 national notice); absent means no.
    #[serde(default)]
    pub cross_province: bool,
    /// When a relation ends by itself; absent means the policy says nothing about it.
    #[serde(default)]
    pub auto_end: Option<AutoEnd>,
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

    /// Everything a single entry can get wrong once it has been read.
    fn validate(&self, index: usize, categories: &[UseCategory]) -> Result<(), Message> {
        let at = |field: &str| format!("policies[{index}]{field}");
        if self.id.trim().is_empty() || self.title.trim().is_empty() || self.document.trim().is_empty() {
            return Err(detail_at(Code::PolicyDetailRequired, at("")));
        }
        if self.until.is_some_and(|u| u <= self.effective) {
            return Err(detail_at(Code::PolicyDetailUntilBefore, at(".until")));
        }
        if self.region.len() > 6 || !self.region.bytes().all(|b| b.is_ascii_digit()) {
            return Err(detail_at(Code::PolicyDetailRegion, at(".region")));
        }
        let known_groups = relations::groups();
        for (list, groups) in [("relationGroups", &self.relation_groups), ("reviewGroups", &self.review_groups)] {
            if let Some(i) = groups.iter().position(|g| !known_groups.contains(&g.as_str())) {
                return Err(detail_at(Code::PolicyDetailUnknownGroup, at(&format!(".{list}[{i}]"))));
            }
        }
        for (list, codes) in
            [("extraRelations", &self.extra_relations), ("excludedRelations", &self.excluded_relations)]
        {
            if let Some(i) = codes.iter().position(|code| relations::find(code).is_none_or(|r| r.code != code)) {
                return Err(detail_at(Code::PolicyDetailUnknownRelation, at(&format!(".{list}[{i}]"))));
            }
        }
        if self.member_insutypes.is_empty() {
            return Err(detail_at(Code::PolicyDetailEmpty, at(".memberInsutypes")));
        }
        if let Some(i) = self.member_insutypes.iter().position(|t| !is_digits(t, 3)) {
            let message = detail_at(Code::PolicyDetailDigits, at(&format!(".memberInsutypes[{i}]")));
            return Err(message.with("digits", "3"));
        }
        for (i, use_id) in self.uses.iter().enumerate() {
            match categories.iter().find(|c| &c.id == use_id) {
                None => return Err(detail_at(Code::PolicyDetailUnknownUse, at(&format!(".uses[{i}]")))),
                Some(c) if c.never => return Err(detail_at(Code::PolicyDetailNeverUse, at(&format!(".uses[{i}]")))),
                Some(_) => {}
            }
        }
        if self.on_duty_credit_rate <= Decimal::ZERO || self.on_duty_credit_rate >= Decimal::ONE {
            return Err(detail_at(Code::PolicyDetailRateRange, at(".onDutyCreditRate")));
        }
        if self.retiree_monthly_credit.is_some_and(Yuan::is_negative) {
            return Err(detail_at(Code::PolicyDetailNegative, at(".retireeMonthlyCredit")));
        }
        let limits = &self.limits;
        if [limits.members_per_holder, limits.holders_per_member, limits.unbind_cooldown_months].contains(&Some(0)) {
            return Err(detail_at(Code::PolicyDetailZeroLimit, at(".limits")));
        }
        if limits.unbind_cooldown_months.is_some_and(|m| i64::from(m) > i64::from(MAX_COOLDOWN_MONTHS)) {
            let message = detail_at(Code::PolicyDetailCooldown, at(".limits.unbindCooldownMonths"));
            return Err(message.with("max", MAX_COOLDOWN_MONTHS.to_string()));
        }
        if self.auto_end.is_some_and(|rule| !(2..=6).contains(&rule.pool_digits)) {
            return Err(detail_at(Code::PolicyDetailPoolDigits, at(".autoEnd.poolDigits")));
        }
        Ok(())
    }
}

/// The national 医保钱包 rules (cross-province transfers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WalletRules {
    pub document: String,
    #[serde(with = "text::yuan")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Yuan"))]
    pub max_per_transfer: Yuan,
    pub max_per_day: u32,
    /// Minutes after midnight, China time: "22:00" in the file, 1320 for a shell.
    #[serde(rename(serialize = "blockedFromMinute", deserialize = "blockedFrom"), with = "text::clock")]
    pub blocked_from_minute: u32,
    #[serde(rename(serialize = "blockedUntilMinute", deserialize = "blockedUntil"), with = "text::clock")]
    pub blocked_until_minute: u32,
}

/// A kind of spending the shared account might pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UseCategory {
    pub id: String,
    pub zh_hans: String,
    pub zh_hant: String,
    #[serde(default)]
    pub med_type_prefixes: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Never payable from the account, whatever a policy says (public health, fitness, wellness).
    #[serde(default)]
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

/// A policy set's version: its issue date and that day's serial, written "2026-12-01.1".
/// Ordered by date, then serial, so "newer" needs no further rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SetVersion {
    pub issued: Date,
    /// 1 to 999, written without leading zeros (one spelling per version).
    pub serial: u16,
}

impl SetVersion {
    pub fn parse(text: &str) -> Option<SetVersion> {
        let (date, serial) = text.split_once('.')?;
        let digits_ok = (1..=3).contains(&serial.len()) && serial.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok || serial.starts_with('0') {
            return None;
        }
        Some(SetVersion { issued: Date::parse(date).ok()?, serial: serial.parse().ok()? })
    }
}

impl std::fmt::Display for SetVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.issued, self.serial)
    }
}

/// A validated policy set: the file's top level (unknown keys are rejected, so a typo cannot
/// silently switch a rule off).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicySet {
    /// The file format; only 1 is understood.
    pub format: u32,
    /// Which set this is ("2026-12-01.1"): how a shell tells a newer set from an older one.
    #[serde(deserialize_with = "text::version::deserialize")]
    pub version: SetVersion,
    /// The day the set was issued; the version's date must be the same.
    #[serde(with = "text::date")]
    pub issued: Date,
    /// Where the rules come from (documents, offices), at least one; shown in 关于.
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub wallet: WalletRules,
    pub use_categories: Vec<UseCategory>,
    pub policies: Vec<Policy>,
    /// What a shell says beside the rules (the card rule, 亲情账户 and 家庭共济, 提取), each with
    /// its sources; absent in older sets.
    #[serde(default)]
    pub guidance: Vec<Guidance>,
}

/// Advice shown beside the rules: no rule the core applies, but data like one — worded once,
/// in both scripts, with where it comes from and, where no official text was found, what is
/// not yet checked (`unverified`), so that a shell never words it itself.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Guidance {
    pub id: String,
    pub title_zh_hans: String,
    pub title_zh_hant: String,
    pub text_zh_hans: String,
    pub text_zh_hant: String,
    pub sources: Vec<String>,
    /// What is not yet checked against an official source (a note for maintainers; the
    /// shells only say that the text is unverified).
    #[serde(default)]
    pub unverified: Option<String>,
}

/// One piece of guidance in the caller's script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GuidanceView {
    pub id: String,
    pub title: String,
    pub text: String,
    pub sources: Vec<String>,
    /// The text is not yet checked against an official source.
    pub unverified: bool,
}

impl Guidance {
    pub fn view(&self, locale: Locale) -> GuidanceView {
        let (title, text) = match locale {
            Locale::Hans => (&self.title_zh_hans, &self.text_zh_hans),
            Locale::Hant => (&self.title_zh_hant, &self.text_zh_hant),
        };
        GuidanceView {
            id: self.id.clone(),
            title: title.clone(),
            text: text.clone(),
            sources: self.sources.clone(),
            unverified: self.unverified.is_some(),
        }
    }
}

/// POLICY_SET_INVALID with its detail (a catalog message, so it shows in the caller's script).
fn invalid(detail: Message) -> Message {
    Message::new(Code::PolicySetInvalid).with_label("detail", detail)
}

/// A detail naming the entry at fault by its path in the file (`policies[2].until`).
fn detail_at(code: Code, at: String) -> Message {
    Message::new(code).with("at", at)
}

fn is_digits(text: &str, digits: usize) -> bool {
    text.len() == digits && text.bytes().all(|b| b.is_ascii_digit())
}

/// Where and what kind of JSON problem, from the catalog: never serde's wording, which is
/// English and quotes the offending key or value (no message contains the value it rejects).
fn json_problem(error: &serde_json::Error) -> Message {
    let code = text::tagged_detail(error).unwrap_or(match error.classify() {
        serde_json::error::Category::Syntax => Code::PolicyDetailNotJson,
        serde_json::error::Category::Eof => Code::PolicyDetailEndsEarly,
        serde_json::error::Category::Data | serde_json::error::Category::Io => Code::PolicyDetailShape,
    });
    Message::new(code).with("line", error.line().to_string()).with("column", error.column().to_string())
}

impl PolicySet {
    /// Parses and validates a policy set; any problem rejects the whole set.
    pub fn from_json(text: &str) -> Result<PolicySet, Message> {
        let set: PolicySet = serde_json::from_str(text).map_err(|e| invalid(json_problem(&e)))?;
        set.validate().map_err(invalid)?;
        Ok(set)
    }

    /// What needs more than one value: the format, positive wallet limits, unambiguous use
    /// categories, each policy against the categories, and no two policies that `policy_for`
    /// could only tell apart by their order in the file.
    fn validate(&self) -> Result<(), Message> {
        if self.format != 1 {
            return Err(Message::new(Code::PolicyDetailFormat));
        }
        if self.version.issued != self.issued {
            return Err(detail_at(Code::PolicyDetailVersionDate, "version".into()));
        }
        if self.sources.is_empty() {
            return Err(detail_at(Code::PolicyDetailEmpty, "sources".into()));
        }
        if let Some(i) = self.sources.iter().position(|source| source.trim().is_empty()) {
            return Err(detail_at(Code::PolicyDetailEmpty, format!("sources[{i}]")));
        }
        if self.wallet.max_per_transfer.is_negative() || self.wallet.max_per_transfer.is_zero() {
            return Err(detail_at(Code::PolicyDetailNotPositive, "wallet.maxPerTransfer".into()));
        }
        // No transfer a day is not a limit (like the binding limits, 0 is refused).
        if self.wallet.max_per_day == 0 {
            return Err(detail_at(Code::PolicyDetailNotPositive, "wallet.maxPerDay".into()));
        }
        self.validate_categories()?;
        self.validate_guidance()?;
        if self.policies.is_empty() {
            return Err(detail_at(Code::PolicyDetailEmpty, "policies".into()));
        }
        for (index, policy) in self.policies.iter().enumerate() {
            policy.validate(index, &self.use_categories)?;
            let before = self.policies.get(..index).unwrap_or_default();
            if before.iter().any(|p| p.id == policy.id) {
                return Err(detail_at(Code::PolicyDetailListedTwice, format!("policies[{index}].id")));
            }
            // `policy_for` breaks ties by region length then effective date; two policies
            // equal in both would be chosen by their order in the file.
            if before.iter().any(|p| p.region == policy.region && p.effective == policy.effective) {
                return Err(detail_at(Code::PolicyDetailSameRegionDate, format!("policies[{index}]")));
            }
        }
        Ok(())
    }

    /// Every piece of guidance: a unique id, both titles and texts, at least one source.
    fn validate_guidance(&self) -> Result<(), Message> {
        for (index, g) in self.guidance.iter().enumerate() {
            let at = format!("guidance[{index}]");
            let before = self.guidance.get(..index).unwrap_or_default();
            if g.id.trim().is_empty() {
                return Err(detail_at(Code::PolicyDetailEmpty, format!("{at}.id")));
            }
            if before.iter().any(|o| o.id == g.id) {
                return Err(detail_at(Code::PolicyDetailListedTwice, format!("{at}.id")));
            }
            let texts = [
                ("titleZhHans", &g.title_zh_hans),
                ("titleZhHant", &g.title_zh_hant),
                ("textZhHans", &g.text_zh_hans),
                ("textZhHant", &g.text_zh_hant),
            ];
            if let Some((name, _)) = texts.iter().find(|(_, text)| text.trim().is_empty()) {
                return Err(detail_at(Code::PolicyDetailEmpty, format!("{at}.{name}")));
            }
            if g.sources.is_empty() || g.sources.iter().any(|source| source.trim().is_empty()) {
                return Err(detail_at(Code::PolicyDetailEmpty, format!("{at}.sources")));
            }
        }
        Ok(())
    }

    fn validate_categories(&self) -> Result<(), Message> {
        for (index, c) in self.use_categories.iter().enumerate() {
            let at = format!("useCategories[{index}]");
            let before = self.use_categories.get(..index).unwrap_or_default();
            if c.id.is_empty() || c.id == "other" || before.iter().any(|o| o.id == c.id) {
                return Err(detail_at(Code::PolicyDetailCategoryId, format!("{at}.id")));
            }
            for prefix in &c.med_type_prefixes {
                // `classify` picks the longest matching prefix; a prefix in two categories
                // would be decided by their order in the file.
                if prefix.is_empty()
                    || !prefix.bytes().all(|b| b.is_ascii_digit())
                    || before.iter().any(|o| o.med_type_prefixes.contains(prefix))
                {
                    return Err(detail_at(Code::PolicyDetailPrefix, format!("{at}.medTypePrefixes")));
                }
            }
            // Likewise a use name (id or alias) must name one category only.
            let names_of = |o: &UseCategory| std::iter::once(o.id.clone()).chain(o.aliases.clone()).collect::<Vec<_>>();
            for name in std::iter::once(&c.id).chain(&c.aliases) {
                if before.iter().any(|o| names_of(o).contains(name)) {
                    return Err(detail_at(Code::PolicyDetailNameTwice, at.clone()));
                }
            }
        }
        Ok(())
    }

    /// The built-in set (national 2021, Gansu 2023, national 2024, national 2026). It is
    /// checked by the same parser as any set; `tests/family.rs` fails the build's test run if
    /// it does not pass, and a broken set is an error here, never an empty set that would
    /// quietly answer "no policy in force" to everyone.
    pub fn built_in() -> Result<&'static PolicySet, Message> {
        static BUILT_IN: OnceLock<Result<PolicySet, Message>> = OnceLock::new();
        BUILT_IN.get_or_init(|| PolicySet::from_json(BUILT_IN_JSON)).as_ref().map_err(Clone::clone)
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

/// The text forms of the typed fields: how each reads from the file and how it is handed to a
/// shell. A value that does not read fails serde with a tagged message; `tagged_detail` turns
/// the tag back into the catalog code, so the detail says what was wrong with line and column.
mod text {
    use serde::de::{self, Deserialize, Deserializer};
    use serde::Serializer;

    use super::{Date, Decimal, Yuan};
    use crate::messages::Code;

    const TAG: &str = "gongji-policy-detail:";

    fn fail<E: de::Error>(code: Code) -> E {
        E::custom(format_args!("{TAG}{}", code.as_str()))
    }

    /// The detail code a failed field left in a serde_json error, if it was one of ours.
    pub(super) fn tagged_detail(error: &serde_json::Error) -> Option<Code> {
        let shown = error.to_string();
        let code = shown.strip_prefix(TAG)?.split(' ').next()?;
        Code::parse(code).filter(|c| c.as_str().starts_with("POLICY_DETAIL_"))
    }

    fn read<'de, D: Deserializer<'de>, T>(
        d: D,
        code: Code,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).ok_or_else(|| fail(code))
    }

    pub mod date {
        use super::*;
        pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(date)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
            read(d, Code::PolicyDetailDate, |t| Date::parse(t).ok())
        }
    }

    pub mod optional_date {
        use super::*;
        pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => s.collect_str(date),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
            Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(date)| date))
        }
        struct Wrapped(Date);
        impl<'de> Deserialize<'de> for Wrapped {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::date::deserialize(d).map(Wrapped)
            }
        }
    }

    /// A fraction as decimal text ("0.02"), exact.
    pub mod rate {
        use super::*;
        pub fn serialize<S: Serializer>(rate: &Decimal, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(rate)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
            read(d, Code::PolicyDetailRate, |t| t.parse::<Decimal>().ok())
        }
    }

    /// An amount as plain decimal text, at most two decimals.
    pub mod yuan {
        use super::*;
        pub fn serialize<S: Serializer>(amount: &Yuan, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(amount)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Yuan, D::Error> {
            read(d, Code::PolicyDetailAmount, |t| Yuan::parse_plain(t).ok())
        }
    }

    pub mod optional_yuan {
        use super::*;
        pub fn serialize<S: Serializer>(amount: &Option<Yuan>, s: S) -> Result<S::Ok, S::Error> {
            match amount {
                Some(amount) => s.collect_str(amount),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Yuan>, D::Error> {
            Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(amount)| amount))
        }
        struct Wrapped(Yuan);
        impl<'de> Deserialize<'de> for Wrapped {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::yuan::deserialize(d).map(Wrapped)
            }
        }
    }

    /// "2026-12-01.1" in the file (read only: a shell asks `PolicySet::version`).
    pub mod version {
        use super::*;
        use crate::family::policy::SetVersion;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SetVersion, D::Error> {
            read(d, Code::PolicyDetailVersion, SetVersion::parse)
        }
    }

    /// "HH:MM" in the file, minutes after midnight for a shell.
    pub mod clock {
        use super::*;
        pub fn serialize<S: Serializer>(minutes: &u32, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_u32(*minutes)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
            read(d, Code::PolicyDetailClock, minutes_of)
        }
        fn minutes_of(text: &str) -> Option<u32> {
            let (h, m) = text.split_once(':')?;
            let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
            if !two_digits(h) || !two_digits(m) {
                return None;
            }
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 23 && m <= 59).then_some(h * 60 + m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn detail_of(err: &Message) -> Code {
        assert_eq!(err.code, Code::PolicySetInvalid);
        err.args
            .iter()
            .find_map(|(name, slot)| match slot {
                crate::messages::Slot::Catalog(part) if *name == "detail" => Some(part.code),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn built_in_parses() {
        let set = PolicySet::from_json(BUILT_IN_JSON).unwrap();
        assert_eq!(set.policies.len(), 4);
        assert_eq!(&set, PolicySet::built_in().unwrap());
        assert_eq!(set.wallet.max_per_transfer.to_string(), "2000.00");
        assert_eq!((set.wallet.blocked_from_minute, set.wallet.blocked_until_minute), (22 * 60, 6 * 60));
        let cross: Vec<&str> = set.policies.iter().filter(|p| p.cross_province).map(|p| p.id.as_str()).collect();
        assert_eq!(cross, ["CN-2026"]);
        assert_eq!(set.policy_by_id("CN-2026").unwrap().auto_end, Some(AutoEnd { pool_digits: 4 }));
    }

    #[test]
    fn versions_compare_by_date_then_serial() {
        let v = |text: &str| SetVersion::parse(text).unwrap();
        let set = PolicySet::built_in().unwrap();
        assert_eq!((set.version.to_string(), set.issued.to_string()), ("2026-12-04.1".into(), "2026-12-04".into()));
        assert!(!set.sources.is_empty());
        assert!(v("2026-12-01.2") > v("2026-12-01.1"));
        assert!(v("2026-12-01.10") > v("2026-12-01.9"));
        assert!(v("2026-12-02.1") > v("2026-12-01.999"));
        assert!(v("2025-12-31.5") < v("2026-01-01.1"));
        assert_eq!(v("2026-12-01.7").to_string(), "2026-12-01.7");
        for bad in [
            "",
            ".1",
            "2026-12-01",
            "2026-12-01.",
            "2026-12-01.0",
            "2026-12-01.01",
            "2026-12-01.1000",
            "2026-02-30.1",
            "2026-12-01.+1",
            "2026-12-01.1.2",
        ] {
            assert_eq!(SetVersion::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn policy_in_force_by_region_and_date() {
        let set = PolicySet::built_in().unwrap();
        let table = [
            ("620102", "2021-04-12", None),
            ("620102", "2021-04-13", Some("CN-2021")),
            ("620102", "2022-12-31", Some("CN-2021")),
            ("620102", "2023-01-01", Some("GS-2023")),
            // Nationally 近亲属 from 2024-08-01; Gansu keeps its 2023 rule until 2024-10-20.
            ("621102", "2024-08-01", Some("GS-2023")),
            ("621102", "2024-10-19", Some("GS-2023")),
            ("621102", "2024-10-20", Some("CN-2024")),
            ("110105", "2024-07-31", Some("CN-2021")),
            ("110105", "2024-08-01", Some("CN-2024")),
            ("110105", "2025-01-01", Some("CN-2024")),
            ("", "2025-01-01", Some("CN-2024")),
            ("", "2023-06-01", Some("CN-2021")),
            ("620102", "2026-01-08", Some("CN-2024")),
            ("620102", "2026-01-09", Some("CN-2026")),
            ("610113", "2026-12-02", Some("CN-2026")),
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
    fn malformed_sets_are_rejected_whole_with_a_catalog_detail() {
        use Code::*;
        let b = BUILT_IN_JSON;
        let cases: Vec<(String, Code)> = vec![
            (String::new(), PolicyDetailEndsEarly),
            ("{".into(), PolicyDetailEndsEarly),
            ("[]".into(), PolicyDetailShape),
            ("{\"format\": 1,}".into(), PolicyDetailNotJson),
            (b.replacen("\"format\": 1", "\"format\": 2", 1), PolicyDetailFormat),
            (b.replacen("\"effective\": \"2021-04-13\"", "\"effective\": \"2021-02-30\"", 1), PolicyDetailDate),
            (b.replacen("\"until\": \"2024-10-20\"", "\"until\": \"2022-01-01\"", 1), PolicyDetailUntilBefore),
            (b.replacen("\"until\": \"2024-10-20\"", "\"until\": \"20241020\"", 1), PolicyDetailDate),
            (b.replacen("\"region\": \"62\"", "\"region\": \"6x\"", 1), PolicyDetailRegion),
            (b.replacen("[\"near_kin\"]", "[\"near_kinn\"]", 1), PolicyDetailUnknownGroup),
            (b.replacen("\"maternity\"]", "\"maternity\", \"fitness\"]", 1), PolicyDetailNeverUse),
            (b.replacen("\"maternity\"]", "\"maternity\", \"massage\"]", 1), PolicyDetailUnknownUse),
            (b.replacen("\"membersPerHolder\": null", "\"membersPerHolders\": 7", 1), PolicyDetailShape),
            (b.replacen("\"membersPerHolder\": null", "\"membersPerHolder\": 0", 1), PolicyDetailZeroLimit),
            (b.replacen("\"membersPerHolder\": null", "\"membersPerHolder\": -1", 1), PolicyDetailShape),
            (b.replacen("\"2000.00\"", "\"2000.001\"", 1), PolicyDetailAmount),
            (b.replacen("\"2000.00\"", "\"0\"", 1), PolicyDetailNotPositive),
            (b.replacen("\"22:00\"", "\"24:00\"", 1), PolicyDetailClock),
            (b.replacen("\"0.02\"", "\"2\"", 1), PolicyDetailRateRange),
            (b.replacen("\"0.02\"", "\"2%\"", 1), PolicyDetailRate),
            (b.replacen("\"id\": \"GS-2023\"", "\"id\": \"CN-2021\"", 1), PolicyDetailListedTwice),
            (b.replacen("[\"310\", \"390\"]", "[]", 1), PolicyDetailEmpty),
            (b.replacen("[\"310\", \"390\"]", "[\"310\", \"39\"]", 1), PolicyDetailDigits),
            (b.replacen("\"retireeMonthlyCredit\": null", "\"retireeMonthlyCredit\": \"-5\"", 1), PolicyDetailNegative),
            (
                b.replacen(
                    "\"reviewGroups\": [\"review\"]",
                    "\"reviewGroups\": [\"review\"], \"extraRelations\": [\"98\"]",
                    1,
                ),
                PolicyDetailUnknownRelation,
            ),
            // Ambiguous sets: which entry applies would depend on the order in the file.
            // Two policies for the same region from the same day:
            (
                b.replacen("\"effective\": \"2024-08-01\"", "\"effective\": \"2021-04-13\"", 1),
                PolicyDetailSameRegionDate,
            ),
            // a med_type prefix claimed by two categories (14 is 门诊慢特病; 11 is 门诊):
            (
                b.replacen("\"medTypePrefixes\": [\"14\"]", "\"medTypePrefixes\": [\"14\", \"11\"]", 1),
                PolicyDetailPrefix,
            ),
            // a use name claimed by two categories (养生 is 养生保健's):
            (b.replacen("\"健身\",", "\"健身\", \"养生\",", 1), PolicyDetailNameTwice),
            // a use name that is another category's id:
            (b.replacen("\"健身\",", "\"健身\", \"outpatient\",", 1), PolicyDetailNameTwice),
            (b.replacen("\"id\": \"outpatient\"", "\"id\": \"other\"", 1), PolicyDetailCategoryId),
            // No transfer a day is not a limit (like the binding limits, 0 is refused):
            (b.replacen("\"maxPerDay\": 3", "\"maxPerDay\": 0", 1), PolicyDetailNotPositive),
            // The 2026 fields: a flag that is not a boolean, a pooling level that makes no sense.
            (b.replacen("\"crossProvince\": true", "\"crossProvince\": \"yes\"", 1), PolicyDetailShape),
            (b.replacen("\"poolDigits\": 4", "\"poolDigits\": 9", 1), PolicyDetailPoolDigits),
            (b.replacen("\"poolDigits\": 4", "\"poolDigit\": 4", 1), PolicyDetailShape),
            (b.replacen("\"id\": \"CN-2026\"", "\"id\": \" \"", 1), PolicyDetailRequired),
            // The version (#15): its spelling, its date against `issued`, the sources.
            (b.replacen("\"2026-12-04.1\"", "\"2026-12-04\"", 1), PolicyDetailVersion),
            (b.replacen("\"2026-12-04.1\"", "\"2026-12-04.01\"", 1), PolicyDetailVersion),
            (b.replacen("\"2026-12-04.1\"", "\"2026-12-04.0\"", 1), PolicyDetailVersion),
            (b.replacen("\"2026-12-04.1\"", "\"v2\"", 1), PolicyDetailVersion),
            (b.replacen("\"2026-12-04.1\"", "\"2026-12-05.1\"", 1), PolicyDetailVersionDate),
            (b.replacen("\"version\": \"2026-12-04.1\",", "", 1), PolicyDetailShape),
            (b.replacen("\"issued\": \"2026-12-04\"", "\"issued\": \"2026-12-32\"", 1), PolicyDetailDate),
            // Guidance (#14): each with an id of its own, both texts and a source; no unknown key.
            (b.replacen("\"id\": \"kinshipAccount\"", "\"id\": \"cardRule\"", 1), PolicyDetailListedTwice),
            (b.replacen("\"id\": \"kinshipAccount\"", "\"id\": \" \"", 1), PolicyDetailEmpty),
            (b.replacen("\"titleZhHant\": \"錢可以共濟，卡不能共用\"", "\"titleZhHant\": \"\"", 1), PolicyDetailEmpty),
            (
                b.replacen("\"sources\": [\"国家医保服务平台 APP（医保电子凭证 亲情账户）\"]", "\"sources\": []", 1),
                PolicyDetailEmpty,
            ),
            (b.replacen("\"id\": \"withdrawal\",", "\"id\": \"withdrawal\", \"link\": \"x\",", 1), PolicyDetailShape),
            (b.replacen("\"国办发〔2021〕14号\",", "\" \",", 1), PolicyDetailEmpty),
        ];
        for (index, (text, want)) in cases.iter().enumerate() {
            assert_ne!(text, BUILT_IN_JSON, "case {index} did not change the text");
            let err = PolicySet::from_json(text).unwrap_err();
            assert_eq!(detail_of(&err), *want, "case {index}");
        }
    }

    #[test]
    fn details_are_chinese_in_both_scripts_with_their_place() {
        let text = BUILT_IN_JSON.replacen("\"effective\": \"2021-04-13\"", "\"effective\": \"2021-02-30\"", 1);
        let err = PolicySet::from_json(&text).unwrap_err();
        let line = text.lines().position(|l| l.contains("2021-02-30")).unwrap() + 1;
        let hans = err.render(Locale::Hans);
        let hant = err.render(Locale::Hant);
        assert!(hans.starts_with("政策配置不正确（第") && hans.contains(&format!("第 {line} 行")), "{hans}");
        assert!(hans.contains("日期应为") && hant.contains("日期應為") && hant.contains("政策配置不正確"), "{hant}");
        let until =
            PolicySet::from_json(&BUILT_IN_JSON.replacen("\"until\": \"2024-10-20\"", "\"until\": \"2022-01-01\"", 1))
                .unwrap_err()
                .render(Locale::Hant);
        assert!(until.contains("policies[1].until：失效日期須晚於生效日期"), "{until}");
        // Nothing of serde's English is left: no "line", "column", "expected", "invalid".
        for case in ["", "{", "[1]", "{\"format\": 1, \"x\": 2}"] {
            let shown = PolicySet::from_json(case).unwrap_err().render(Locale::Hans);
            let english = ["line", "column", "expected", "invalid", "unknown", "EOF"];
            assert!(english.iter().all(|word| !shown.contains(word)) && !shown.contains('{'), "{shown}");
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
            BUILT_IN_JSON.replacen("\"effective\": \"2021-04-13\"", &format!("\"effective\": \"{MARK}\""), 1),
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
        let set = PolicySet::built_in().unwrap();
        let national_2021 = set.policy_by_id("CN-2021").unwrap();
        let national_2024 = set.policy_by_id("CN-2024").unwrap();
        let national_2026 = set.policy_by_id("CN-2026").unwrap();
        let verdict = |p: &Policy, code: &str| p.relation_verdict(relations::find(code).unwrap());
        assert_eq!(verdict(national_2021, "61"), RelationVerdict::NotAllowed);
        assert_eq!(verdict(national_2024, "61"), RelationVerdict::Allowed);
        assert_eq!(verdict(national_2024, "59"), RelationVerdict::NeedsReview);
        assert_eq!(verdict(national_2024, "55"), RelationVerdict::NotAllowed);
        assert_eq!(verdict(national_2024, "01"), RelationVerdict::SelfRelation);
        assert_eq!(verdict(national_2026, "71"), RelationVerdict::Allowed);
        assert_eq!(verdict(national_2026, "72"), RelationVerdict::NotAllowed);
    }

    #[test]
    fn the_set_a_shell_sees_keeps_its_shape() {
        let set = PolicySet::built_in().unwrap();
        let wallet = serde_json::to_value(&set.wallet).unwrap();
        assert_eq!(wallet["blockedFromMinute"], 1320);
        assert_eq!(wallet["maxPerTransfer"], "2000.00");
        let policy = serde_json::to_value(set.policy_by_id("GS-2023").unwrap()).unwrap();
        assert_eq!((policy["effective"].as_str(), policy["until"].as_str()), (Some("2023-01-01"), Some("2024-10-20")));
        assert_eq!(policy["onDutyCreditRate"], "0.02");
        assert_eq!(policy["crossProvince"], false);
        // What a shell shows is what it could load again.
        let again: Policy = serde_json::from_value(policy).unwrap();
        assert_eq!(&again, set.policy_by_id("GS-2023").unwrap());
    }
}
