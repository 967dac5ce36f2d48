//! The binding lifecycle as an explicit state machine, written once as data (`TRANSITIONS`):
//! 待确认 (invited) → 审核中 (reviewing) → 正常 (active) | 已驳回 (rejected);
//! 正常 → 已解绑 (unbound), respecting the policy's unbind cool-down when it has one; or
//! 正常 → 已解绑 by itself (`end`) when either side's insurance ends or moves to another
//! 统筹地区 (decided by `quota::relation_end`; no cool-down applies, nobody chose it).
//! Every other (state, event) pair is refused with `BIND_TRANSITION_INVALID`.
//!
//! The same table answers "what may happen next?": `binding_states()` lists, for each state,
//! the events the table allows from it and who performs each, so the shells draw their buttons
//! (an unbind button only where `unbind` is listed) and the provincial stand-in refuses what
//! the core refuses — one rule in one place. A new transition (say, a relation that ends by
//! itself when insurance ends) is one more row, with its actor and guard.

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

/// Who performs an event: what a shell needs to offer only the user's own actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum BindingActor {
    /// The account holder (共济人), in the shell.
    Holder,
    /// The relative (被共济人), in the shell or by face recognition.
    Relative,
    /// The 医保经办机构.
    Office,
    /// Nobody chooses it: it follows from the insurance records (the relation's automatic end).
    Automatic,
}

/// One state: its id (crosses the boundary), 简体 and 繁體 labels (for display), and whether a
/// binding in it occupies the pair (and counts toward limits).
struct StateRow {
    state: BindingState,
    id: &'static str,
    hans: &'static str,
    hant: &'static str,
    counts_as_bound: bool,
}

const STATES: [StateRow; 5] = [
    StateRow {
        state: BindingState::Invited, id: "invited", hans: "待确认", hant: "待確認", counts_as_bound: true
    },
    StateRow {
        state: BindingState::Reviewing, id: "reviewing", hans: "审核中", hant: "審核中", counts_as_bound: true
    },
    StateRow { state: BindingState::Active, id: "active", hans: "正常", hant: "正常", counts_as_bound: true },
    StateRow {
        state: BindingState::Rejected, id: "rejected", hans: "已驳回", hant: "已駁回", counts_as_bound: false
    },
    StateRow {
        state: BindingState::Unbound, id: "unbound", hans: "已解绑", hant: "已解綁", counts_as_bound: false
    },
];

/// One event: its id and who performs it.
struct EventRow {
    event: BindingEvent,
    id: &'static str,
    by: BindingActor,
}

const EVENTS: [EventRow; 5] = [
    EventRow { event: BindingEvent::Confirm, id: "confirm", by: BindingActor::Relative },
    EventRow { event: BindingEvent::Approve, id: "approve", by: BindingActor::Office },
    EventRow { event: BindingEvent::Reject, id: "reject", by: BindingActor::Office },
    EventRow { event: BindingEvent::Unbind, id: "unbind", by: BindingActor::Holder },
    EventRow { event: BindingEvent::End, id: "end", by: BindingActor::Automatic },
];

/// What a transition needs besides the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Guard {
    /// Nothing: the event alone decides.
    None,
    /// The policy's unbind cool-down, from the binding day (`Cooldown`).
    UnbindCooldown,
}

/// One allowed transition.
struct Transition {
    from: BindingState,
    event: BindingEvent,
    to: BindingState,
    guard: Guard,
}

/// The lifecycle: every allowed (state, event) pair, the state it leads to and its guard.
/// Nothing else is allowed.
const TRANSITIONS: [Transition; 5] = [
    Transition {
        from: BindingState::Invited,
        event: BindingEvent::Confirm,
        to: BindingState::Reviewing,
        guard: Guard::None,
    },
    Transition {
        from: BindingState::Reviewing,
        event: BindingEvent::Approve,
        to: BindingState::Active,
        guard: Guard::None,
    },
    Transition {
        from: BindingState::Reviewing,
        event: BindingEvent::Reject,
        to: BindingState::Rejected,
        guard: Guard::None,
    },
    Transition {
        from: BindingState::Active,
        event: BindingEvent::Unbind,
        to: BindingState::Unbound,
        guard: Guard::UnbindCooldown,
    },
    // No cool-down: nobody chose the end (quota::relation_end decides it).
    Transition { from: BindingState::Active, event: BindingEvent::End, to: BindingState::Unbound, guard: Guard::None },
];

fn transition_of(state: BindingState, event: BindingEvent) -> Option<&'static Transition> {
    TRANSITIONS.iter().find(|t| t.from == state && t.event == event)
}

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
        STATES.iter().find(|row| row.id == text || row.hans == text || row.hant == text).map(|row| row.state)
    }

    fn row(self) -> Option<&'static StateRow> {
        STATES.iter().find(|row| row.state == self)
    }

    pub fn id(self) -> &'static str {
        self.row().map_or("", |row| row.id)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self.row(), locale) {
            (Some(row), Locale::Hans) => row.hans,
            (Some(row), Locale::Hant) => row.hant,
            (None, _) => "",
        }
    }

    /// Whether a binding in this state occupies the pair (and counts toward limits).
    pub fn counts_as_bound(self) -> bool {
        self.row().is_some_and(|row| row.counts_as_bound)
    }

    /// The events the lifecycle allows from this state, in `BindingEvent::ALL` order.
    pub fn allowed_events(self) -> Vec<BindingEvent> {
        BindingEvent::ALL.into_iter().filter(|&event| transition_of(self, event).is_some()).collect()
    }
}

impl BindingEvent {
    pub const ALL: [BindingEvent; 5] =
        [BindingEvent::Confirm, BindingEvent::Approve, BindingEvent::Reject, BindingEvent::Unbind, BindingEvent::End];

    pub fn parse(text: &str) -> Option<BindingEvent> {
        EVENTS.iter().find(|row| row.id == text.trim()).map(|row| row.event)
    }

    fn row(self) -> Option<&'static EventRow> {
        EVENTS.iter().find(|row| row.event == self)
    }

    pub fn id(self) -> &'static str {
        self.row().map_or("", |row| row.id)
    }

    /// Who performs this event.
    pub fn by(self) -> BindingActor {
        self.row().map_or(BindingActor::Office, |row| row.by)
    }
}

/// An event allowed from a state, as shells list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AllowedEvent {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BindingEventId"))]
    pub event: &'static str,
    /// Who performs it: a shell offers the holder's own events as buttons.
    pub by: BindingActor,
}

/// A state as shells list it: id, label in the locale, and the events allowed from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BindingStateInfo {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BindingStateId"))]
    pub state: String,
    pub label: String,
    /// From the lifecycle table; empty for a final state (rejected, unbound).
    pub events: Vec<AllowedEvent>,
}

/// Every state in lifecycle order.
pub fn binding_states(locale: Locale) -> Vec<BindingStateInfo> {
    BindingState::ALL
        .iter()
        .map(|s| BindingStateInfo {
            state: s.id().to_string(),
            label: s.label(locale).to_string(),
            events: s.allowed_events().into_iter().map(|e| AllowedEvent { event: e.id(), by: e.by() }).collect(),
        })
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

/// The pure transition function: the table's row for (state, event), its guard checked.
pub fn next_state(state: BindingState, event: BindingEvent, cooldown: Cooldown<'_>) -> Result<BindingState, Message> {
    let Some(transition) = transition_of(state, event) else {
        return Err(Message::new(Code::BindTransitionInvalid));
    };
    match transition.guard {
        Guard::None => Ok(transition.to),
        Guard::UnbindCooldown => {
            let Some(months) = cooldown.months else { return Ok(transition.to) };
            let (Some(bound_at), Some(date)) = (cooldown.bound_at, cooldown.date) else {
                return Err(Message::new(Code::BindUnbindDatesNeeded));
            };
            // Beyond MAX_COOLDOWN_MONTHS the month arithmetic could overflow: no earliest
            // date, so the unbind is refused (the policy parser rejects such a cool-down).
            let earliest =
                i32::try_from(months).ok().filter(|&m| m <= MAX_COOLDOWN_MONTHS).and_then(|m| bound_at.add_months(m));
            match earliest {
                Some(earliest) if date >= earliest => Ok(transition.to),
                _ => Err(Message::new(Code::BindUnbindCooldown)
                    .with("document", cooldown.document)
                    .with("months", months.to_string())
                    .with("until", earliest.map(|d| d.to_string()).unwrap_or_default())),
            }
        }
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

/// `FAMILY_FIELD_INVALID` naming the option by its label.
fn invalid(label: Code) -> Message {
    Message::new(Code::FamilyFieldInvalid).with_label("field", label)
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
        (Err(()), _) => return refuse(invalid(Code::FamilyLabelDate), None),
        (_, Err(())) => return refuse(invalid(Code::FamilyLabelBoundAt), None),
    };
    let policy = match request.options.policy_id.get() {
        Some(id) => match set.policy_by_id(id) {
            Some(policy) => Some(policy),
            None => return refuse(invalid(Code::FamilyLabelPolicyId), None),
        },
        None => date.and_then(|d| set.policy_for(request.options.region.get().unwrap_or(""), d)),
    };
    // Without a date the policy (and its cool-down) is unknown: refuse to guess when any
    // policy of the set has a cool-down.
    let any_cooldown = set.policies.iter().any(|p| p.limits.unbind_cooldown_months.is_some());
    let guarded = transition_of(state, event).is_some_and(|t| t.guard == Guard::UnbindCooldown);
    if guarded && policy.is_none() && any_cooldown {
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

    /// What `binding_states` lists is exactly what `next_state` allows, pair by pair.
    #[test]
    fn listed_events_are_the_allowed_transitions() {
        let listed = binding_states(Locale::Hans);
        assert_eq!(listed.len(), BindingState::ALL.len());
        let mut allowed_pairs = 0;
        for (state, info) in BindingState::ALL.into_iter().zip(&listed) {
            assert_eq!(info.state, state.id());
            for event in BindingEvent::ALL {
                let offered = info.events.iter().any(|e| e.event == event.id());
                let allowed = next_state(state, event, Cooldown::default()).is_ok();
                assert_eq!(offered, allowed, "{state:?} {event:?}");
                allowed_pairs += usize::from(allowed);
            }
        }
        assert_eq!(allowed_pairs, TRANSITIONS.len());
        // The one rule the shells and the stand-in endpoint follow: only an active binding
        // can be unbound, by the holder.
        let unbind_from: Vec<&str> = listed
            .iter()
            .filter(|s| s.events.iter().any(|e| e.event == "unbind" && e.by == BindingActor::Holder))
            .map(|s| s.state.as_str())
            .collect();
        assert_eq!(unbind_from, ["active"]);
        let finals: Vec<&str> = listed.iter().filter(|s| s.events.is_empty()).map(|s| s.state.as_str()).collect();
        assert_eq!(finals, ["rejected", "unbound"]);
    }

    #[test]
    fn the_table_is_consistent() {
        for t in &TRANSITIONS {
            assert!(STATES.iter().any(|row| row.state == t.from) && STATES.iter().any(|row| row.state == t.to));
            assert!(EVENTS.iter().any(|row| row.event == t.event));
            let twins = TRANSITIONS.iter().filter(|u| u.from == t.from && u.event == t.event).count();
            assert_eq!(twins, 1, "{:?} {:?} listed twice", t.from, t.event);
        }
        // A state that holds no binding has no way out; a state that holds one is left only
        // by events of the table.
        for row in &STATES {
            let leaves = TRANSITIONS.iter().any(|t| t.from == row.state);
            assert_eq!(leaves, row.counts_as_bound, "{}", row.id);
        }
    }
}
