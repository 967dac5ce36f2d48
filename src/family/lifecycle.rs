//! The binding lifecycle as an explicit state machine:
//! 待确认 (invited) → 审核中 (reviewing) → 正常 (active) | 已驳回 (rejected);
//! 正常 → 已解绑 (unbound), respecting the policy's unbind cool-down when it has one; or
//! 正常 → 已解绑 by itself (`end`) when either side's insurance ends or moves to another
//! 统筹地区 (decided by `quota::relation_end`; no cool-down applies, nobody chose it).
//! Every other (state, event) pair is refused with `BIND_TRANSITION_INVALID`.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::family::input::{Field, FieldProblem};
use crate::family::policy::{Policy, PolicyRef, PolicySet};
use crate::messages::{Code, Locale, Message, Notice};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BindingState {
    /// 待确认: the holder invited the relative, who has not yet confirmed (face check).
    Invited,
    /// 审核中
    Reviewing,
    /// 正常
    Active,
    /// 已驳回
    Rejected,
    /// 已解绑
    Unbound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BindingEvent {
    /// The relative confirmed (and passed face recognition when 16 or over).
    Confirm,
    /// The 经办机构 accepted the binding.
    Approve,
    /// The 经办机构 refused it.
    Reject,
    /// The holder ends the binding.
    Unbind,
    /// The relation ends by itself: either side's insurance ended or moved to another 统筹地区.
    End,
}

/// (id, 简体 label, 繁體 label): the ids cross the boundary, the labels are for display.
const STATES: [(BindingState, &str, &str, &str); 5] = [
    (BindingState::Invited, "invited", "待确认", "待確認"),
    (BindingState::Reviewing, "reviewing", "审核中", "審核中"),
    (BindingState::Active, "active", "正常", "正常"),
    (BindingState::Rejected, "rejected", "已驳回", "已駁回"),
    (BindingState::Unbound, "unbound", "已解绑", "已解綁"),
];

const EVENTS: [(BindingEvent, &str); 5] = [
    (BindingEvent::Confirm, "confirm"),
    (BindingEvent::Approve, "approve"),
    (BindingEvent::Reject, "reject"),
    (BindingEvent::Unbind, "unbind"),
    (BindingEvent::End, "end"),
];

impl BindingState {
    pub const ALL: [BindingState; 5] = [
        BindingState::Invited,
        BindingState::Reviewing,
        BindingState::Active,
        BindingState::Rejected,
        BindingState::Unbound,
    ];

    /// Reads an id ("active") or a label (正常 / 正常, either script).
    pub fn parse(text: &str) -> Option<BindingState> {
        let text = text.trim();
        STATES.iter().find(|(_, id, hans, hant)| *id == text || *hans == text || *hant == text).map(|row| row.0)
    }

    fn row(self) -> (&'static str, &'static str, &'static str) {
        STATES.iter().find(|row| row.0 == self).map_or(("", "", ""), |row| (row.1, row.2, row.3))
    }

    pub fn id(self) -> &'static str {
        self.row().0
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Hans => self.row().1,
            Locale::Hant => self.row().2,
        }
    }

    /// Whether a binding in this state occupies the pair (and counts toward limits).
    pub fn counts_as_bound(self) -> bool {
        matches!(self, BindingState::Invited | BindingState::Reviewing | BindingState::Active)
    }
}

impl BindingEvent {
    pub const ALL: [BindingEvent; 5] =
        [BindingEvent::Confirm, BindingEvent::Approve, BindingEvent::Reject, BindingEvent::Unbind, BindingEvent::End];

    pub fn parse(text: &str) -> Option<BindingEvent> {
        EVENTS.iter().find(|(_, id)| *id == text.trim()).map(|row| row.0)
    }

    pub fn id(self) -> &'static str {
        EVENTS.iter().find(|row| row.0 == self).map_or("", |row| row.1)
    }
}

/// A state as shells list it: id and label in the locale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BindingStateInfo {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BindingStateId"))]
    pub state: String,
    pub label: String,
}

/// Every state in lifecycle order.
pub fn binding_states(locale: Locale) -> Vec<BindingStateInfo> {
    BindingState::ALL
        .iter()
        .map(|s| BindingStateInfo { state: s.id().to_string(), label: s.label(locale).to_string() })
        .collect()
}

/// The longest unbind cool-down understood (100 years); policy sets with more are malformed.
pub const MAX_COOLDOWN_MONTHS: i32 = 1200;

/// The unbind cool-down as it applies to one binding.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cooldown<'a> {
    pub months: Option<u32>,
    pub document: &'a str,
    pub bound_at: Option<Date>,
    pub date: Option<Date>,
}

/// The pure transition function.
pub fn next_state(state: BindingState, event: BindingEvent, cooldown: Cooldown<'_>) -> Result<BindingState, Message> {
    use BindingEvent as E;
    use BindingState as S;
    match (state, event) {
        (S::Invited, E::Confirm) => Ok(S::Reviewing),
        (S::Reviewing, E::Approve) => Ok(S::Active),
        (S::Reviewing, E::Reject) => Ok(S::Rejected),
        (S::Active, E::End) => Ok(S::Unbound),
        (S::Active, E::Unbind) => {
            let Some(months) = cooldown.months else { return Ok(S::Unbound) };
            let (Some(bound_at), Some(date)) = (cooldown.bound_at, cooldown.date) else {
                return Err(Message::new(Code::BindUnbindDatesNeeded));
            };
            // Beyond MAX_COOLDOWN_MONTHS the month arithmetic could overflow: no earliest
            // date, so the unbind is refused (the policy parser rejects such a cool-down).
            let earliest =
                i32::try_from(months).ok().filter(|&m| m <= MAX_COOLDOWN_MONTHS).and_then(|m| bound_at.add_months(m));
            match earliest {
                Some(earliest) if date >= earliest => Ok(S::Unbound),
                _ => Err(Message::new(Code::BindUnbindCooldown)
                    .with("document", cooldown.document)
                    .with("months", months.to_string())
                    .with("until", earliest.map(|d| d.to_string()).unwrap_or_default())),
            }
        }
        _ => Err(Message::new(Code::BindTransitionInvalid)),
    }
}

/// What a shell sends: the current state, the event, and for unbinding the dates and region.
#[derive(Clone, Debug, Default)]
pub struct TransitionRequest {
    pub state: Field,
    pub event: Field,
    pub options: TransitionOptions,
}

/// The dates and region an unbind needs to check a cool-down.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct TransitionOptions {
    /// "yyyy-MM-dd": the day of the event; chooses the policy and checks the cool-down.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub date: Field,
    /// "yyyy-MM-dd": when the binding became active.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub bound_at: Field,
    /// The holder's insuplc_admdvs (chooses the regional policy; national when absent).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub region: Field,
    /// A policy id from an earlier decision (`decision.policy.id`): applies that policy
    /// instead of choosing by region and date.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub policy_id: Field,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct BindingTransition {
    pub allowed: bool,
    /// The new state when allowed, else the unchanged one ("" when the state was unreadable).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BindingStateId | \"\""))]
    pub state: String,
    pub label: String,
    pub reason: Option<Notice>,
    pub policy: Option<PolicyRef>,
}

fn optional_date(field: &Field) -> Result<Option<Date>, ()> {
    match field.required() {
        Err(FieldProblem::Missing) => Ok(None),
        Err(FieldProblem::Invalid) => Err(()),
        Ok(text) => Date::parse(text).map(Some).map_err(|_| ()),
    }
}

/// The boundary-facing transition: reads the request, finds the policy, applies `next_state`.
pub fn next_binding_state(request: &TransitionRequest, set: &PolicySet, locale: Locale) -> BindingTransition {
    let state = request.state.get().and_then(BindingState::parse);
    let refuse = |message: Message, policy: Option<&Policy>| BindingTransition {
        allowed: false,
        state: state.map_or("", BindingState::id).to_string(),
        label: state.map_or("", |s| s.label(locale)).to_string(),
        reason: Some(Notice::from_message(&message, locale)),
        policy: policy.map(Policy::reference),
    };
    let Some(state) = state else { return refuse(Message::new(Code::BindStateUnknown), None) };
    let Some(event) = request.event.get().and_then(BindingEvent::parse) else {
        return refuse(Message::new(Code::BindEventUnknown), None);
    };
    let (date, bound_at) = match (optional_date(&request.options.date), optional_date(&request.options.bound_at)) {
        (Ok(date), Ok(bound_at)) => (date, bound_at),
        (Err(()), _) => return refuse(Message::new(Code::FamilyFieldInvalid).with("field", "date"), None),
        (_, Err(())) => return refuse(Message::new(Code::FamilyFieldInvalid).with("field", "boundAt"), None),
    };
    let policy = match request.options.policy_id.get() {
        Some(id) => match set.policy_by_id(id) {
            Some(policy) => Some(policy),
            None => return refuse(Message::new(Code::FamilyFieldInvalid).with("field", "policyId"), None),
        },
        None => date.and_then(|d| set.policy_for(request.options.region.get().unwrap_or(""), d)),
    };
    // Without a date the policy (and its cool-down) is unknown: refuse to guess when any
    // policy of the set has a cool-down.
    let any_cooldown = set.policies.iter().any(|p| p.limits.unbind_cooldown_months.is_some());
    if event == BindingEvent::Unbind && state == BindingState::Active && policy.is_none() && any_cooldown {
        return refuse(Message::new(Code::BindUnbindDatesNeeded), None);
    }
    let cooldown = Cooldown {
        months: policy.and_then(|p| p.limits.unbind_cooldown_months),
        document: policy.map_or("", |p| p.document.as_str()),
        bound_at,
        date,
    };
    match next_state(state, event, cooldown) {
        Ok(next) => BindingTransition {
            allowed: true,
            state: next.id().to_string(),
            label: next.label(locale).to_string(),
            reason: None,
            policy: policy.map(Policy::reference),
        },
        Err(message) => refuse(message, policy),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_labels_round_trip() {
        for state in BindingState::ALL {
            assert_eq!(BindingState::parse(state.id()), Some(state));
            assert_eq!(BindingState::parse(state.label(Locale::Hans)), Some(state));
            assert_eq!(BindingState::parse(state.label(Locale::Hant)), Some(state));
        }
        for event in BindingEvent::ALL {
            assert_eq!(BindingEvent::parse(event.id()), Some(event));
        }
        assert_eq!(BindingState::parse("bound"), None);
    }
}
