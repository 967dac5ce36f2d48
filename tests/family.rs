//! Decision tables for the family rules: binding eligibility over relation codes × policy
//! versions × insured status, the binding lifecycle over every (state, event) pair, payment
//! splits, 医保钱包 rules, allowed uses and the monthly credit — each row asserting the exact
//! codes. Expectations are written from docs/sources.md, not derived from the data files.

// Helpers beside the tests may unwrap too; decision tables are wide tuples on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::type_complexity)]

use gongji::date::Date;
use gongji::family::lifecycle::{next_state, Cooldown};
use gongji::family::{
    check_binding, check_quota, check_use, check_wallet_transfer, estimate_monthly_credit, next_binding_state,
    preview_payment, quota_summary, relation_end, release_quota, BindingDecision, BindingEvent, BindingRequest,
    BindingState, Channel, CreditRequest, Field, PaymentRequest, PolicySet, QuotaRequest, QuotaSummaryRequest,
    RelationEndRequest, TransitionOptions, TransitionRequest, UseRequest, WalletTransferRequest,
};
use gongji::{Code, Locale};
use serde_json::{json, Value};

// Birth dates sit in characters 7–14; the 17th is odd for men, even for women.
const HOLDER: &str = "620102198001011234"; // man, 1980-01-01
const WIFE: &str = "620102198203052345"; // woman, 1982-03-05
const FATHER: &str = "620102195505051213"; // man, 1955
const SON_MINOR: &str = "620102201101011216"; // boy, 2011-01-01
const DAUGHTER_ADULT: &str = "62010220000101122x"; // woman, 2000-01-01 (lowercase x on purpose)

fn person(certno: &str, insutype: &str, stas: &str, admdvs: &str) -> Value {
    json!({"certno": certno, "psn_name": "张三", "insutype": insutype, "psn_type": "1101",
           "psn_insu_stas": stas, "insuplc_admdvs": admdvs, "balc": "100.00"})
}

fn decide_with(set: &PolicySet, request: Value) -> (bool, Vec<String>, Vec<String>, Option<String>, bool) {
    let request: BindingRequest = serde_json::from_value(request).unwrap();
    let d = check_binding(&request, set, Locale::Hans);
    let codes = |list: &[gongji::Notice]| list.iter().map(|n| n.code.clone()).collect::<Vec<_>>();
    (d.eligible, codes(&d.reasons), codes(&d.warnings), d.policy.map(|p| p.id), d.needs_face_check)
}

fn decide(request: Value) -> (bool, Vec<String>, Vec<String>, Option<String>, bool) {
    decide_with(PolicySet::built_in().unwrap(), request)
}

fn decision(request: Value) -> BindingDecision {
    let request: BindingRequest = serde_json::from_value(request).unwrap();
    check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hans)
}

fn codes(list: &[Code]) -> Vec<String> {
    list.iter().map(|c| c.as_str().to_string()).collect()
}

fn expand(ranges: &[(u8, u8)]) -> Vec<u8> {
    ranges.iter().flat_map(|&(a, b)| a..=b).collect()
}

#[test]
fn every_relation_code_under_every_policy_version_and_place() {
    // docs/sources.md: the 2021 set; 近亲属 (民法典 art. 1045); review codes; 本人/户主; the
    // 2026 notice: 近亲属 anywhere in China, cross-province through the 医保钱包 (channel
    // "wallet"); before it a relative in another province is BIND_OTHER_PROVINCE, still
    // pointed to the wallet. In-laws and other relatives stay refused everywhere.
    let set_2021 = expand(&[(10, 12), (20, 27), (29, 37), (39, 39), (50, 52), (57, 58)]);
    let near_kin = expand(&[(10, 12), (20, 27), (29, 37), (39, 39), (40, 44), (50, 52), (57, 58), (60, 64)])
        .into_iter()
        .chain([70, 71, 73, 75, 77])
        .collect::<Vec<_>>();
    let review_near_kin = [49u8, 59, 69, 79];
    let review_2021 = [59u8];
    let own = [1u8, 2, 3];
    // Not in GB/T 4761-2008: 98 保姆 was deleted by the 2008 revision (its foreword).
    let unknown: Vec<u8> = expand(&[(0, 0), (4, 9), (13, 19), (98, 98)]);
    // (holder's admdvs, date, policy expected, the allowed set, the codes needing review,
    //  whether another province may share)
    type Version<'a> = (&'a str, &'a str, &'a str, &'a [u8], &'a [u8], bool);
    let versions: [Version; 8] = [
        ("620102", "2022-06-01", "CN-2021", &set_2021, &review_2021, false),
        ("620102", "2023-01-01", "GS-2023", &set_2021, &review_2021, false),
        ("620102", "2024-10-19", "GS-2023", &set_2021, &review_2021, false),
        ("620102", "2024-10-20", "CN-2024", &near_kin, &review_near_kin, false),
        ("620102", "2025-06-01", "CN-2024", &near_kin, &review_near_kin, false),
        ("620102", "2026-01-08", "CN-2024", &near_kin, &review_near_kin, false),
        ("620102", "2026-01-09", "CN-2026", &near_kin, &review_near_kin, true),
        ("620102", "2026-12-02", "CN-2026", &near_kin, &review_near_kin, true),
    ];
    // (the relative's insured region, another province?)
    let places = [("620103", false), ("621102", false), ("610113", true)];
    let mut rows = 0;
    for (admdvs, date, policy, allowed, review, cross) in versions {
        for (place, other_province) in places {
            for code in 0u8..=99 {
                let relation = format!("{code:02}");
                let mut want: Vec<Code> = Vec::new();
                if other_province && !cross {
                    want.push(Code::BindOtherProvince);
                }
                if unknown.contains(&code) {
                    want.push(Code::BindRelationUnknown);
                } else if own.contains(&code) {
                    want.push(Code::BindRelationSelf);
                } else if allowed.contains(&code) {
                } else if review.contains(&code) {
                    want.push(Code::BindRelationNeedsReview);
                } else {
                    want.push(Code::BindRelationNotAllowed);
                }
                let d = decision(json!({
                    "holder": person(HOLDER, "310", "1", admdvs),
                    "member": person(FATHER, "390", "1", place),
                    "relation": relation, "date": date,
                }));
                let got_policy = d.policy.as_ref().map(|p| p.id.as_str());
                assert_eq!(got_policy, Some(policy), "{relation} {date}");
                let reasons: Vec<String> = d.reasons.iter().map(|n| n.code.clone()).collect();
                assert_eq!(reasons, codes(&want), "relation {relation} under {policy} ({date}) in {place}");
                assert_eq!(d.eligible, want.is_empty(), "relation {relation} under {policy} in {place}");
                let channel = if other_province { Channel::Wallet } else { Channel::Province };
                assert_eq!(d.channel, channel, "relation {relation} under {policy} in {place}");
                rows += 1;
            }
        }
    }
    assert_eq!(rows, 8 * 3 * 100);
}

#[test]
fn a_national_holder_follows_the_national_dates() {
    // 国办发〔2024〕38号 was made public on 2024-08-01: from then, outside Gansu, a sibling.
    for (date, policy, eligible) in
        [("2024-07-31", "CN-2021", false), ("2024-08-01", "CN-2024", true), ("2026-01-09", "CN-2026", true)]
    {
        let d = decision(json!({
            "holder": person(HOLDER, "310", "1", "110105"), "member": person(FATHER, "390", "1", "110108"),
            "relation": "71", "date": date,
        }));
        assert_eq!((d.policy.map(|p| p.id), d.eligible), (Some(policy.to_string()), eligible), "{date}");
    }
}

#[test]
fn insured_status_combinations() {
    use Code::*;
    // (holder insutype, holder stas, member insutype, member stas, member admdvs, want)
    let table: &[(&str, &str, &str, &str, &str, &[Code])] = &[
        ("310", "1", "310", "1", "620102", &[]),
        ("310", "1", "390", "1", "621102", &[]),
        ("310", "1", "390", "1", "629900", &[]),
        ("390", "1", "390", "1", "620102", &[BindHolderNotEmployee]),
        ("320", "1", "390", "1", "620102", &[BindHolderNotEmployee]),
        ("310", "2", "390", "1", "620102", &[BindHolderStatus]),
        ("310", "4", "390", "1", "620102", &[BindHolderStatus]),
        ("310", "0", "390", "1", "620102", &[BindHolderStatus]),
        ("310", "1", "390", "2", "620102", &[BindMemberStatus]),
        ("310", "1", "390", "4", "620102", &[BindMemberStatus]),
        ("310", "1", "391", "1", "620102", &[BindMemberNotInsured]),
        ("310", "1", "410", "1", "620102", &[BindMemberNotInsured]),
        ("310", "1", "510", "0", "620102", &[BindMemberNotInsured, BindMemberStatus]),
        ("310", "1", "390", "1", "110105", &[BindOtherProvince]),
        ("310", "1", "310", "1", "440300", &[BindOtherProvince]),
        (
            "390",
            "4",
            "391",
            "2",
            "110105",
            &[BindHolderNotEmployee, BindHolderStatus, BindMemberNotInsured, BindMemberStatus, BindOtherProvince],
        ),
    ];
    for date in ["2022-06-01", "2023-06-01", "2025-06-01"] {
        for (h_type, h_stas, m_type, m_stas, m_admdvs, want) in table {
            let (eligible, reasons, ..) = decide(json!({
                "holder": person(HOLDER, h_type, h_stas, "620102"),
                "member": person(WIFE, m_type, m_stas, m_admdvs),
                "relation": "10", "date": date,
            }));
            assert_eq!(reasons, codes(want), "{h_type}/{h_stas} {m_type}/{m_stas} {m_admdvs} {date}");
            assert_eq!(eligible, want.is_empty());
        }
    }
}

#[test]
fn same_person_after_trim_and_uppercase() {
    let (eligible, reasons, ..) = decide(json!({
        "holder": person(" 62010220000101122X", "310", "1", "620102"),
        "member": person(DAUGHTER_ADULT, "310", "1", "620102"),
        "relation": "30", "date": "2025-01-01",
    }));
    assert!(!eligible);
    assert!(reasons.contains(&"BIND_SAME_PERSON".to_string()), "{reasons:?}");
}

fn limited_set(limits: Value) -> PolicySet {
    let mut value: Value = serde_json::from_str(PolicySet::built_in_json()).unwrap();
    for policy in value["policies"].as_array_mut().unwrap() {
        policy["limits"] = limits.clone();
    }
    PolicySet::from_json(&value.to_string()).unwrap()
}

#[test]
fn existing_bindings_and_limits() {
    use Code::*;
    let set = limited_set(
        json!({"membersPerHolder": 2, "holdersPerMember": 1, "unbindCooldownMonths": 3, "noMutualBinding": true}),
    );
    let b = |h: &str, m: &str, state: Option<&str>| match state {
        Some(s) => json!({"holderCertno": h, "memberCertno": m, "state": s}),
        None => json!({"holderCertno": h, "memberCertno": m}),
    };
    let other = "620102197001011111";
    let other2 = "620102197501012222";
    let table: Vec<(Value, &[Code])> = vec![
        (json!([]), &[]),
        (json!([b(HOLDER, WIFE, None)]), &[BindAlreadyBound]),
        (json!([b(&HOLDER.to_lowercase(), &format!(" {WIFE} "), Some("reviewing"))]), &[BindAlreadyBound]),
        (json!([b(HOLDER, WIFE, Some("invited"))]), &[BindAlreadyBound]),
        (json!([b(HOLDER, WIFE, Some("rejected"))]), &[]),
        (json!([b(HOLDER, WIFE, Some("unbound"))]), &[]),
        (json!([b(HOLDER, FATHER, None)]), &[]),
        (json!([b(HOLDER, FATHER, None), b(HOLDER, SON_MINOR, None)]), &[BindMembersPerHolder]),
        (json!([b(HOLDER, FATHER, None), b(HOLDER, SON_MINOR, Some("unbound"))]), &[]),
        (json!([b(other, WIFE, None)]), &[BindHoldersPerMember]),
        (json!([b(WIFE, HOLDER, None)]), &[BindMutual]),
        (
            json!([b(other, WIFE, None), b(HOLDER, FATHER, None), b(HOLDER, other2, None)]),
            &[BindMembersPerHolder, BindHoldersPerMember],
        ),
        // A state label this build does not know counts as bound (issue 11: a notice, not a
        // refusal — the decision carries BIND_WARN_STATE_UNKNOWN), so this pair is taken.
        (json!([b(HOLDER, WIFE, Some("married"))]), &[BindAlreadyBound]),
        (json!([{"holderCertno": HOLDER}]), &[FamilyFieldInvalid]),
        (json!("not a list"), &[FamilyFieldInvalid]),
    ];
    for (bindings, want) in table {
        let (eligible, reasons, ..) = decide_with(
            &set,
            json!({
                "holder": person(HOLDER, "310", "1", "620102"),
                "member": person(WIFE, "390", "1", "620102"),
                "relation": "10", "date": "2025-01-01", "bindings": bindings.clone(),
            }),
        );
        assert_eq!(reasons, codes(want), "{bindings}");
        assert_eq!(eligible, want.is_empty());
    }
    // The built-in set has every limit off (UNVERIFIED for Gansu): many bindings are fine.
    let many: Vec<Value> = (0..9).map(|i| b(HOLDER, &format!("62010219900101{i:03}1"), None)).collect();
    let (eligible, reasons, ..) = decide(json!({
        "holder": person(HOLDER, "310", "1", "620102"), "member": person(WIFE, "390", "1", "620102"),
        "relation": "10", "date": "2025-01-01", "bindings": many,
    }));
    assert!(eligible, "{reasons:?}");
}

#[test]
fn warnings_where_id_numbers_contradict_the_relation() {
    use Code::*;
    // (holder, member, relation, date, warnings)
    let table: &[(&str, &str, &str, &str, &[Code])] = &[
        (HOLDER, FATHER, "51", "2025-01-01", &[]),
        (HOLDER, SON_MINOR, "51", "2025-01-01", &[BindWarnElderYounger]),
        (HOLDER, SON_MINOR, "20", "2025-01-01", &[]),
        (HOLDER, FATHER, "20", "2025-01-01", &[BindWarnYoungerOlder]),
        (HOLDER, FATHER, "61", "2025-01-01", &[]),
        (HOLDER, SON_MINOR, "61", "2025-01-01", &[BindWarnElderYounger]),
        (HOLDER, HOLDER_TWIN, "50", "2025-01-01", &[BindWarnElderYounger]),
        (HOLDER, FATHER, "71", "2025-01-01", &[]),
        (HOLDER, WIFE, "10", "2025-01-01", &[]),
        // A 19-year-old wife (legal age for women: 20).
        (HOLDER, "620102200506011228", "12", "2025-01-01", &[BindWarnSpouseUnderage]),
        // A 21-year-old husband of a woman holder (legal age for men: 22).
        (WIFE, "620102200306011213", "11", "2025-01-01", &[BindWarnSpouseUnderage]),
        (WIFE, "620102200306011213", "11", "2025-06-01", &[]),
        // Unreadable birth date: warn and ask for the face check.
        (HOLDER, "6201021980", "10", "2025-01-01", &[BindWarnBirthUnknown]),
    ];
    for (holder, member, relation, date, want) in table {
        let (_, _, warnings, ..) = decide(json!({
            "holder": person(holder, "310", "1", "620102"), "member": person(member, "390", "1", "620102"),
            "relation": relation, "date": date,
        }));
        assert_eq!(warnings, codes(want), "{relation} {date}");
    }
}
const HOLDER_TWIN: &str = "620102198001011256";

#[test]
fn face_check_from_sixteen() {
    // (member, date, needs face check)
    let table = [
        (SON_MINOR, "2025-01-01", false),
        (SON_MINOR, "2026-12-31", false),
        (SON_MINOR, "2027-01-01", true),
        (DAUGHTER_ADULT, "2025-01-01", true),
        ("6201021980", "2025-01-01", true),
    ];
    for (member, date, want) in table {
        let (.., face) = decide(json!({
            "holder": person(HOLDER, "310", "1", "620102"), "member": person(member, "390", "1", "620102"),
            "relation": "20", "date": date,
        }));
        assert_eq!(face, want, "{date}");
    }
}

#[test]
fn junk_input_gives_coded_reasons() {
    use Code::*;
    let table: Vec<(Value, Vec<Code>)> = vec![
        (json!({}), vec![FamilyFieldMissing, FamilyFieldMissing, FamilyFieldMissing, FamilyFieldMissing]),
        (json!({"holder": {}, "member": {}, "relation": "10", "date": "2025-01-01"}), vec![FamilyFieldMissing; 8]),
        (
            json!({"holder": person(HOLDER, "310", "1", "620102"), "member": person(WIFE, "390", "1", "620102"), "relation": 10, "date": "2025-13-01"}),
            vec![FamilyFieldInvalid],
        ),
        (
            json!({"holder": person(HOLDER, "310", "1", "620102"), "member": person(WIFE, "390", "1", "620102"), "relation": true, "date": "2025-01-01"}),
            vec![FamilyFieldInvalid],
        ),
        (
            json!({"holder": {"certno": HOLDER, "insutype": 310, "psn_insu_stas": 1, "insuplc_admdvs": 620102},
                   "member": {"certno": WIFE, "insutype": 390, "psn_insu_stas": 1, "insuplc_admdvs": 620102},
                   "relation": 10, "date": "2025-01-01"}),
            vec![],
        ),
        (
            json!({"holder": {"certno": [1], "insutype": {"a": 1}, "psn_insu_stas": null, "insuplc_admdvs": "x"},
                   "member": person(WIFE, "390", "1", "620102"), "relation": "10", "date": "2025-01-01"}),
            vec![FamilyFieldInvalid, FamilyFieldInvalid, FamilyFieldInvalid, FamilyFieldMissing],
        ),
        (
            json!({"holder": person(HOLDER, "310", "1", "620102"), "member": person(WIFE, "390", "1", "620102"), "relation": "10", "date": "2020-01-01"}),
            vec![PolicyNoneInForce],
        ),
    ];
    for (input, want) in table {
        let (eligible, reasons, ..) = decide(input.clone());
        assert_eq!(reasons, codes(&want), "{input}");
        assert_eq!(eligible, want.is_empty());
    }
    // A wrongly shaped argument (not an object) is refused by deserialisation, not a panic.
    assert!(serde_json::from_value::<BindingRequest>(json!("holder")).is_err());
}

#[test]
fn reasons_render_in_both_scripts_with_slots_filled() {
    let request: BindingRequest = serde_json::from_value(json!({
        "holder": person(HOLDER, "310", "1", "620102"), "member": person(WIFE, "390", "1", "620102"),
        "relation": "55", "date": "2023-06-01",
    }))
    .unwrap();
    let hans = check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hans);
    let hant = check_binding(&request, PolicySet::built_in().unwrap(), Locale::Hant);
    assert_eq!(hans.reasons[0].code, "BIND_RELATION_NOT_ALLOWED");
    assert!(
        hans.reasons[0].message.contains("岳父") && hans.reasons[0].message.contains("甘肃省"),
        "{}",
        hans.reasons[0].message
    );
    assert!(hant.reasons[0].message.contains("親屬"), "{}", hant.reasons[0].message);
    assert!(!hans.reasons[0].message.contains('{'));
    let policy = hans.policy.unwrap();
    assert_eq!((policy.id.as_str(), policy.effective.as_str()), ("GS-2023", "2023-01-01"));
    // Personal data never appears in any message.
    for notice in hans.reasons.iter().chain(&hans.warnings) {
        assert!(!notice.message.contains(HOLDER) && !notice.message.contains("张三"));
    }
}

#[test]
fn every_family_code_has_both_scripts() {
    let prefixes = ["BIND_", "POLICY_", "WALLET_", "PAY_", "USE_", "CREDIT_", "FAMILY_"];
    let family: Vec<&Code> = Code::ALL.iter().filter(|c| prefixes.iter().any(|p| c.as_str().starts_with(p))).collect();
    assert!(family.len() > 40);
    for code in family {
        let (hans, hant) = (code.template(Locale::Hans), code.template(Locale::Hant));
        assert!(!hans.is_empty() && !hant.is_empty(), "{code}");
        // The slot names, not just their number: a renamed slot would show as "{max}" on screen.
        let slots = |t: &str| {
            let mut names: Vec<String> =
                t.split('{').skip(1).map(|rest| rest.split('}').next().unwrap_or("").to_string()).collect();
            names.sort();
            names
        };
        assert_eq!(slots(hans), slots(hant), "{code}: slots differ between scripts");
    }
}

// --- lifecycle -------------------------------------------------------------------------

#[test]
fn every_state_event_pair() {
    use BindingEvent as E;
    use BindingState as S;
    let allowed = [
        (S::Invited, E::Confirm, S::Reviewing),
        (S::Reviewing, E::Approve, S::Active),
        (S::Reviewing, E::Reject, S::Rejected),
        (S::Active, E::Unbind, S::Unbound),
        (S::Active, E::End, S::Unbound),
    ];
    let mut pairs = 0;
    for state in S::ALL {
        for event in E::ALL {
            let want = allowed.iter().find(|(s, e, _)| *s == state && *e == event).map(|row| row.2);
            let got = next_state(state, event, Cooldown::default());
            match want {
                Some(next) => assert_eq!(got, Ok(next), "{state:?} {event:?}"),
                None => assert_eq!(got.unwrap_err().code, Code::BindTransitionInvalid, "{state:?} {event:?}"),
            }
            pairs += 1;
        }
    }
    assert_eq!(pairs, 25);
}

#[test]
fn unbind_cool_down_when_the_policy_has_one() {
    let set = limited_set(json!({"membersPerHolder": null, "holdersPerMember": null, "unbindCooldownMonths": 3}));
    let go = |set: &PolicySet, state: &str, event: &str, date: Option<&str>, bound_at: Option<&str>| {
        let request = TransitionRequest {
            state: Field::from(state),
            event: Field::from(event),
            options: TransitionOptions {
                date: date.map_or(Field::Missing, Field::from),
                bound_at: bound_at.map_or(Field::Missing, Field::from),
                region: Field::from("620102"),
                policy_id: Field::Missing,
            },
        };
        let t = next_binding_state(&request, set, Locale::Hans);
        (t.allowed, t.state, t.reason.map(|r| r.code))
    };
    let table = [
        ("active", "unbind", Some("2025-04-01"), Some("2025-01-01"), true, "unbound", None),
        ("active", "unbind", Some("2025-03-31"), Some("2025-01-01"), false, "active", Some("BIND_UNBIND_COOLDOWN")),
        ("active", "unbind", Some("2025-05-31"), Some("2025-02-28"), true, "unbound", None),
        ("active", "unbind", None, Some("2025-01-01"), false, "active", Some("BIND_UNBIND_DATES_NEEDED")),
        ("active", "unbind", Some("2025-04-01"), None, false, "active", Some("BIND_UNBIND_DATES_NEEDED")),
        ("active", "unbind", Some("2025-04-31"), Some("2025-01-01"), false, "active", Some("FAMILY_FIELD_INVALID")),
        ("正常", "unbind", Some("2025-04-01"), Some("2025-01-01"), true, "unbound", None),
        ("active", "approve", Some("2025-04-01"), None, false, "active", Some("BIND_TRANSITION_INVALID")),
        ("bound", "unbind", None, None, false, "", Some("BIND_STATE_UNKNOWN")),
        ("active", "delete", None, None, false, "active", Some("BIND_EVENT_UNKNOWN")),
    ];
    for (state, event, date, bound_at, allowed, next, reason) in table {
        let got = go(&set, state, event, date, bound_at);
        assert_eq!(
            got,
            (allowed, next.to_string(), reason.map(str::to_string)),
            "{state} {event} {date:?} {bound_at:?}"
        );
    }
    // The built-in set has no cool-down: unbinding the next day is fine.
    assert!(go(PolicySet::built_in().unwrap(), "active", "unbind", Some("2025-01-02"), Some("2025-01-01")).0);
    assert!(go(PolicySet::built_in().unwrap(), "active", "unbind", None, None).0);
    let message = next_binding_state(
        &TransitionRequest {
            state: Field::from("active"),
            event: Field::from("unbind"),
            options: TransitionOptions {
                date: "2025-02-01".into(),
                bound_at: "2025-01-31".into(),
                region: "62".into(),
                policy_id: Field::Missing,
            },
        },
        &set,
        Locale::Hans,
    );
    let text = message.reason.unwrap().message;
    assert!(text.contains("2025-04-30") && text.contains('3'), "{text}");

    // A policy named by id (from an earlier decision) is applied as is; an unknown id is refused.
    let by_id = |id: &str, date: &str| {
        let request = TransitionRequest {
            state: "active".into(),
            event: "unbind".into(),
            options: TransitionOptions {
                date: date.into(),
                bound_at: "2025-01-01".into(),
                policy_id: id.into(),
                ..Default::default()
            },
        };
        let t = next_binding_state(&request, &set, Locale::Hans);
        (t.allowed, t.reason.map(|r| r.code), t.policy.map(|p| p.id))
    };
    assert_eq!(by_id("CN-2021", "2025-02-01"), (false, Some("BIND_UNBIND_COOLDOWN".into()), Some("CN-2021".into())));
    assert_eq!(by_id("CN-2021", "2025-04-01"), (true, None, Some("CN-2021".into())));
    assert_eq!(by_id("XX", "2025-04-01"), (false, Some("FAMILY_FIELD_INVALID".into()), None));
}

// --- payment split ---------------------------------------------------------------------

#[test]
fn payment_split_table() {
    // (selfPay, ownBalance, holder balances, own, shared draws, cash)
    let table: &[(&str, Option<&str>, &[&str], &str, &[&str], &str)] = &[
        ("100.00", Some("150.00"), &["500"], "100.00", &["0.00"], "0.00"),
        ("100.00", Some("30.50"), &["500"], "30.50", &["69.50"], "0.00"),
        ("100.00", Some("30.50"), &["20", "40.25"], "30.50", &["20.00", "40.25"], "9.25"),
        ("100.00", None, &["60", "60"], "0.00", &["60.00", "40.00"], "0.00"),
        ("100.00", Some("0"), &[], "0.00", &[], "100.00"),
        ("0", Some("10"), &["10"], "0.00", &["0.00"], "0.00"),
        ("0.01", Some("0.00"), &["0.00", "0.01"], "0.00", &["0.00", "0.01"], "0.00"),
        ("99999999999999.99", Some("99999999999999.99"), &["1"], "99999999999999.99", &["0.00"], "0.00"),
    ];
    for (self_pay, own, holders, want_own, want_shared, want_cash) in table {
        let request: PaymentRequest = serde_json::from_value(json!({
            "selfPay": self_pay, "ownBalance": own,
            "holders": holders.iter().enumerate().map(|(i, b)| json!({"psn_no": format!("6201{i}"), "psn_name": "王小明", "balc": b})).collect::<Vec<_>>(),
        }))
        .unwrap();
        let split = preview_payment(&request).unwrap();
        assert_eq!(split.own_account.to_string(), *want_own, "{self_pay}");
        let shared: Vec<String> = split.shared.iter().map(|d| d.pay.to_string()).collect();
        assert_eq!(shared, *want_shared, "{self_pay}");
        assert_eq!(split.cash.to_string(), *want_cash, "{self_pay}");
        assert!(split.shared.iter().all(|d| d.psn_name == "王*明"));
    }
}

#[test]
fn payment_junk_is_a_coded_error() {
    let table: &[(Value, Code)] = &[
        (json!({}), Code::PayAmountInvalid),
        (json!({"selfPay": "1,000"}), Code::PayAmountInvalid),
        (json!({"selfPay": "-1"}), Code::PayAmountNegative),
        (json!({"selfPay": true}), Code::PayAmountInvalid),
        (json!({"selfPay": 0.30000000000000004}), Code::PayAmountInvalid),
        (json!({"selfPay": "10", "ownBalance": "-5"}), Code::PayAmountNegative),
        (json!({"selfPay": "10", "holders": [{"psn_no": "1"}]}), Code::PayAmountInvalid),
        (json!({"selfPay": "10", "holders": [{"balc": "abc"}]}), Code::PayAmountInvalid),
    ];
    for (input, want) in table {
        let request: PaymentRequest = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(preview_payment(&request).unwrap_err().code, *want, "{input}");
    }
    // Numbers as the endpoint sends them are read exactly.
    let request: PaymentRequest =
        serde_json::from_value(json!({"selfPay": 1234.56, "ownBalance": 0.1, "holders": [{"balc": 2000}]})).unwrap();
    let split = preview_payment(&request).unwrap();
    assert_eq!((split.own_account.to_string(), split.shared[0].pay.to_string()), ("0.10".into(), "1234.46".into()));
}

// --- wallet ----------------------------------------------------------------------------

#[test]
fn wallet_rule_table() {
    use Code::*;
    // (amount, at, transfersToday, pending, reasons)
    let table: Vec<(Value, Value, Value, Value, &[Code])> = vec![
        (json!("2000.00"), json!("2025-01-01 21:59:59"), json!(2), json!(false), &[]),
        (json!("2000.01"), json!("2025-01-01 12:00:00"), json!(0), json!(false), &[WalletOverMax]),
        (json!("1"), json!("2025-01-01 22:00:00"), json!(0), json!(false), &[WalletNight]),
        (json!("1"), json!("2025-01-01 05:59:59"), json!(0), json!(false), &[WalletNight]),
        (json!("1"), json!("2025-01-01 06:00:00"), json!(0), json!(false), &[]),
        (json!("1"), json!("2025-01-01 00:00:00"), json!(0), json!(false), &[WalletNight]),
        (json!("1"), json!("2025-01-01 12:00:00"), json!(3), json!(false), &[WalletDailyLimit]),
        (json!("1"), json!("2025-01-01 12:00:00"), json!(null), json!(null), &[]),
        (json!("1"), json!("2025-01-01 12:00:00"), json!(0), json!(true), &[WalletPending]),
        (json!("0"), json!("2025-01-01 12:00:00"), json!(0), json!(false), &[WalletAmountNotPositive]),
        (json!("-5"), json!("2025-01-01 12:00:00"), json!(0), json!(false), &[WalletAmountNotPositive]),
        (
            json!("abc"),
            json!("2025-01-01"),
            json!(-1),
            json!(false),
            &[WalletAmountInvalid, WalletCountInvalid, WalletTimeInvalid],
        ),
        (
            json!(null),
            json!(null),
            json!(1.5),
            json!(false),
            &[WalletAmountInvalid, WalletCountInvalid, WalletTimeInvalid],
        ),
        (
            json!(5000),
            json!("2025-01-01 23:30:00"),
            json!(3),
            json!(true),
            &[WalletOverMax, WalletDailyLimit, WalletNight, WalletPending],
        ),
    ];
    for (amount, at, count, pending, want) in table {
        let request: WalletTransferRequest = serde_json::from_value(json!({
            "amount": amount, "at": at, "transfersToday": count, "pending": pending,
        }))
        .unwrap();
        let decision = check_wallet_transfer(&request, PolicySet::built_in().unwrap(), Locale::Hans);
        let got: Vec<String> = decision.reasons.iter().map(|n| n.code.clone()).collect();
        assert_eq!(got, codes(want), "{amount} {at} {count} {pending}");
        assert_eq!(decision.allowed, want.is_empty());
    }
}

// --- uses ------------------------------------------------------------------------------

#[test]
fn allowed_uses_table() {
    // (use, date, region, allowed, category, reason)
    let table = [
        ("11", "2025-01-01", "620102", true, "outpatient", None),
        ("140104", "2025-01-01", "620102", true, "chronicOutpatient", None),
        ("140201", "2022-01-01", "", true, "chronicOutpatient", None),
        ("21", "2025-01-01", "620102", true, "inpatient", None),
        ("41", "2025-01-01", "620102", true, "pharmacy", None),
        ("52", "2025-01-01", "620102", true, "maternity", None),
        ("99", "2025-01-01", "620102", false, "other", Some("USE_OTHER")),
        // 81 意外伤害门诊 (the national list's code; 19 is the UNVERIFIED older one) is 门诊.
        ("81", "2025-01-01", "620102", true, "outpatient", None),
        ("19", "2025-01-01", "620102", true, "outpatient", None),
        // 日间手术, 体检: no policy says, so the account's use stays "ask the office".
        ("28", "2025-01-01", "620102", false, "other", Some("USE_OTHER")),
        ("9107", "2025-01-01", "620102", false, "other", Some("USE_OTHER")),
        // From the 2026 notice the shared account may pay a relative's 长期护理保险 contribution.
        ("长期护理保险", "2026-01-09", "620102", true, "longTermCare", None),
        ("長期護理保險", "2026-01-08", "620102", false, "longTermCare", Some("USE_NOT_IN_POLICY")),
        ("居民医保缴费", "2026-06-01", "610113", true, "residentContribution", None),
        ("9901", "2025-01-01", "620102", false, "other", Some("USE_OTHER")),
        ("居民医保缴费", "2025-01-01", "620102", true, "residentContribution", None),
        ("residentContribution", "2023-06-01", "620102", false, "residentContribution", Some("USE_NOT_IN_POLICY")),
        ("居民醫保繳費", "2022-06-01", "110105", false, "residentContribution", Some("USE_NOT_IN_POLICY")),
        ("商业健康保险", "2025-01-01", "620102", false, "commercialHealthInsurance", Some("USE_NOT_IN_POLICY")),
        ("长期护理保险", "2025-01-01", "620102", false, "longTermCare", Some("USE_NOT_IN_POLICY")),
        ("公共卫生", "2025-01-01", "620102", false, "publicHealth", Some("USE_NEVER")),
        ("健身", "2025-01-01", "620102", false, "fitness", Some("USE_NEVER")),
        ("养生保健", "1999-01-01", "620102", false, "wellness", Some("USE_NEVER")),
        ("足疗", "2025-01-01", "620102", false, "other", Some("USE_OTHER")),
        ("", "2025-01-01", "620102", false, "other", Some("USE_INPUT_INVALID")),
        ("11", "2020-01-01", "620102", false, "outpatient", Some("POLICY_NONE_IN_FORCE")),
        ("11", "", "620102", false, "outpatient", Some("FAMILY_FIELD_MISSING")),
    ];
    for (use_, date, region, allowed, category, reason) in table {
        let request: UseRequest = serde_json::from_value(json!({"use": use_, "date": date, "region": region})).unwrap();
        let d = check_use(&request, PolicySet::built_in().unwrap(), Locale::Hans);
        assert_eq!(
            (d.allowed, d.category.as_str(), d.reason.map(|r| r.code)),
            (allowed, category, reason.map(str::to_string)),
            "{use_} {date}"
        );
    }
}

// --- monthly credit --------------------------------------------------------------------

#[test]
fn monthly_credit_table() {
    let with_retiree = {
        let mut value: Value = serde_json::from_str(PolicySet::built_in_json()).unwrap();
        value["policies"][2]["retireeMonthlyCredit"] = json!("123.45");
        PolicySet::from_json(&value.to_string()).unwrap()
    };
    // (set, psn_type, base, date, status, amount, basis)
    let built_in = PolicySet::built_in().unwrap();
    let table: Vec<(&PolicySet, Value, Value, &str, &str, Option<&str>, &str)> = vec![
        (built_in, json!("1101"), json!("5000"), "2025-01-01", "estimated", Some("100.00"), "CREDIT_ON_DUTY"),
        (built_in, json!(1103), json!("4321.25"), "2025-01-01", "estimated", Some("86.43"), "CREDIT_ON_DUTY"),
        (built_in, json!("1102"), json!("4321.75"), "2025-01-01", "estimated", Some("86.44"), "CREDIT_ON_DUTY"),
        (built_in, json!("1101"), json!("0.25"), "2025-01-01", "estimated", Some("0.01"), "CREDIT_ON_DUTY"),
        (built_in, json!("1101"), json!(null), "2025-01-01", "unknown", None, "CREDIT_BASE_MISSING"),
        (built_in, json!("1101"), json!("-1"), "2025-01-01", "unknown", None, "CREDIT_BASE_INVALID"),
        (built_in, json!("1101"), json!({"x": 1}), "2025-01-01", "unknown", None, "CREDIT_BASE_INVALID"),
        (built_in, json!("1201"), json!(null), "2025-01-01", "unknown", None, "CREDIT_RETIREE_UNKNOWN"),
        (&with_retiree, json!("1201"), json!(null), "2025-01-01", "estimated", Some("123.45"), "CREDIT_RETIREE_FIXED"),
        (&with_retiree, json!("1202"), json!(null), "2023-06-01", "unknown", None, "CREDIT_RETIREE_UNKNOWN"),
        (built_in, json!("1301"), json!(null), "2025-01-01", "unknown", None, "CREDIT_UNKNOWN_TYPE"),
        (built_in, json!("1501"), json!(null), "2025-01-01", "noAccount", None, "CREDIT_NO_ACCOUNT"),
        (built_in, json!(null), json!(null), "2025-01-01", "unknown", None, "CREDIT_UNKNOWN_TYPE"),
        (built_in, json!("1101"), json!("5000"), "2020-01-01", "unknown", None, "POLICY_NONE_IN_FORCE"),
        (built_in, json!("1101"), json!("5000"), "", "unknown", None, "FAMILY_FIELD_MISSING"),
    ];
    for (set, psn_type, base, date, status, amount, basis) in table {
        let request: CreditRequest = serde_json::from_value(json!({
            "psnType": psn_type, "contributionBase": base, "date": date, "region": "620102",
        }))
        .unwrap();
        let e = estimate_monthly_credit(&request, set, Locale::Hans);
        let got_status = serde_json::to_value(e.status).unwrap();
        assert_eq!(got_status, json!(status), "{psn_type} {base}");
        assert_eq!(e.amount.map(|a| a.to_string()).as_deref(), amount, "{psn_type} {base}");
        assert_eq!(e.basis.code, basis, "{psn_type} {base}");
        assert_eq!(e.see_account_history, status == "unknown");
    }
}

#[test]
fn built_in_dates_are_real() {
    for policy in &PolicySet::built_in().unwrap().policies {
        assert!(policy.effective >= Date::new(2021, 1, 1).unwrap());
    }
}

#[test]
fn step_and_adoptive_codes_warn_that_a_step_relation_needs_upbringing() {
    // docs/sources.md: adoptive relations count; step-relations only with an upbringing
    // relation (民法典 art. 1072). Codes 27/37/57/58 cover both, so the binding stays eligible
    // (承诺制) but the holder is told the condition. Plain children and parents get no such note.
    for (admdvs, date) in [("110105", "2022-06-01"), ("620102", "2023-06-01"), ("621102", "2025-06-01")] {
        for (relation, member, warned) in [
            ("27", SON_MINOR, true),
            ("37", DAUGHTER_ADULT, true),
            ("57", FATHER, true),
            ("58", FATHER, true),
            ("20", SON_MINOR, false),
            ("30", DAUGHTER_ADULT, false),
            ("51", FATHER, false),
            ("52", FATHER, false),
        ] {
            let (eligible, reasons, warnings, ..) = decide(json!({
                "holder": person(HOLDER, "310", "1", admdvs), "member": person(member, "390", "1", admdvs),
                "relation": relation, "date": date,
            }));
            assert!(eligible, "{relation} {date}: {reasons:?}");
            let want: Vec<String> = if warned { codes(&[Code::BindWarnStepUpbringing]) } else { vec![] };
            assert_eq!(warnings, want, "{relation} {date}");
        }
    }
    // Where the relation is not allowed anyway, the reason says so and no note is added.
    let mut value: Value = serde_json::from_str(PolicySet::built_in_json()).unwrap();
    value["policies"][2]["excludedRelations"] = json!(["57"]);
    let set = PolicySet::from_json(&value.to_string()).unwrap();
    let (eligible, reasons, warnings, ..) = decide_with(
        &set,
        json!({"holder": person(HOLDER, "310", "1", "620102"), "member": person(FATHER, "390", "1", "620102"),
               "relation": "57", "date": "2025-06-01"}),
    );
    assert!(!eligible);
    assert_eq!(reasons, codes(&[Code::BindRelationNotAllowed]));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn an_absurd_cool_down_is_refused_not_a_panic() {
    // u32 months reach Date::add_months as i32; from about 2^31 months the month arithmetic
    // overflowed (a panic in debug builds, a wrapped date in release).
    let bound_at = Date::parse("2025-01-01").ok();
    for months in [u32::MAX, i32::MAX as u32, 2_147_459_000, 1201] {
        let cooldown = Cooldown { months: Some(months), document: "x", bound_at, date: Date::parse("2025-06-01").ok() };
        let got = next_state(BindingState::Active, BindingEvent::Unbind, cooldown);
        assert_eq!(got.unwrap_err().code, Code::BindUnbindCooldown, "{months}");
    }
    // A policy set with such a cool-down is malformed and rejected whole.
    for months in [json!(4_294_967_295u64), json!(1201)] {
        let mut value: Value = serde_json::from_str(PolicySet::built_in_json()).unwrap();
        value["policies"][0]["limits"]["unbindCooldownMonths"] = months.clone();
        let err = PolicySet::from_json(&value.to_string()).unwrap_err();
        assert_eq!(err.code, Code::PolicySetInvalid, "{months}");
    }
    // 100 years is still a (strange but readable) cool-down.
    let mut value: Value = serde_json::from_str(PolicySet::built_in_json()).unwrap();
    value["policies"][0]["limits"]["unbindCooldownMonths"] = json!(1200);
    assert!(PolicySet::from_json(&value.to_string()).is_ok());
}

#[test]
fn a_payment_split_never_prints_personal_data_in_debug() {
    // psn_no (人员编号) identifies a person like an ID number; names are masked on output
    // but the Debug form must not carry either in clear.
    let psn_no = "62010000000000000000000123";
    let request: PaymentRequest = serde_json::from_value(json!({
        "selfPay": "10", "holders": [{"psn_no": psn_no, "psn_name": "张三丰", "balc": "20"}],
    }))
    .unwrap();
    let split = preview_payment(&request).unwrap();
    assert_eq!(split.shared[0].psn_no, psn_no, "the shell still gets the number to match its list");
    for text in [format!("{split:?}"), format!("{:?}", split.shared[0]), format!("{request:?}")] {
        assert!(!text.contains(psn_no) && !text.contains("张三丰"), "{text}");
    }
}

#[test]
fn the_built_in_policy_set_is_valid() {
    // Loud on purpose: a broken data/policies/builtin.json fails `make test` here (and every
    // call reports POLICY_SET_INVALID), instead of answering "no policy in force" to everyone.
    let set = PolicySet::built_in().unwrap_or_else(|e| panic!("{}", e.render(Locale::Hans)));
    let ids: Vec<&str> = set.policies.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["CN-2021", "GS-2023", "CN-2024", "CN-2026"]);
    let dated: Vec<(String, Option<String>)> =
        set.policies.iter().map(|p| (p.effective.to_string(), p.until.map(|u| u.to_string()))).collect();
    assert_eq!(
        dated,
        [
            ("2021-04-13".to_string(), None),
            ("2023-01-01".to_string(), Some("2024-10-20".to_string())),
            ("2024-08-01".to_string(), None),
            ("2026-01-09".to_string(), None),
        ]
    );
    // Every entry names its sources (and what stays UNVERIFIED) in its note.
    assert!(set.policies.iter().all(|p| p.note.as_ref().is_some_and(|n| n.len() > 40)));
}

#[test]
fn cross_province_relatives_from_2026_by_insured_status() {
    use Code::*;
    // A brother insured in 西安 (610113): the usual member checks still apply on the wallet path.
    // (member insutype, member stas, want)
    let table: &[(&str, &str, &[Code])] = &[
        ("310", "1", &[]),
        ("390", "1", &[]),
        ("390", "2", &[BindMemberStatus]),
        ("390", "4", &[BindMemberStatus]),
        ("391", "1", &[BindMemberNotInsured]),
        ("410", "1", &[BindMemberNotInsured]),
    ];
    for (m_type, m_stas, want) in table {
        for (date, extra) in [("2026-01-09", None), ("2025-12-31", Some(BindOtherProvince))] {
            let mut want: Vec<Code> = want.to_vec();
            if let Some(code) = extra {
                want.push(code);
                want.sort_by_key(|c| {
                    [BindMemberNotInsured, BindMemberStatus, BindOtherProvince].iter().position(|x| x == c)
                });
            }
            let d = decision(json!({
                "holder": person(HOLDER, "310", "1", "620102"), "member": person(FATHER, m_type, m_stas, "610113"),
                "relation": "71", "date": date,
            }));
            let got: Vec<String> = d.reasons.iter().map(|n| n.code.clone()).collect();
            assert_eq!(got, codes(&want), "{m_type}/{m_stas} {date}");
            assert_eq!((d.eligible, d.channel), (want.is_empty(), Channel::Wallet), "{m_type}/{m_stas} {date}");
        }
    }
    // A region that cannot be read gives no channel guess: "province", with the field reason.
    let d = decision(json!({
        "holder": person(HOLDER, "310", "1", "620102"), "member": person(FATHER, "390", "1", "xx"),
        "relation": "71", "date": "2026-06-01",
    }));
    assert_eq!(d.channel, Channel::Province);
    assert_eq!(d.reasons.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["FAMILY_FIELD_INVALID"]);
    // Every decision names its rule: id, title, document and date.
    let policy = decision(json!({
        "holder": person(HOLDER, "310", "1", "620102"), "member": person(FATHER, "390", "1", "610113"),
        "relation": "71", "date": "2026-06-01",
    }))
    .policy
    .unwrap();
    assert_eq!(
        (policy.id.as_str(), policy.document.as_str(), policy.effective.as_str()),
        ("CN-2026", "《关于做好职工基本医疗保险个人账户跨省共济工作的通知》", "2026-01-09")
    );
    assert!(policy.title.starts_with("国家医保局 财政部"), "{}", policy.title);
}

// --- 共济额度 (quota) --------------------------------------------------------------------

const BROTHER: &str = "61011300000000000000000095";
const OTHER: &str = "61011300000000000000000102";
const NEW: &str = "44030000000000000000000007";

fn quotas() -> Value {
    json!([
        {"psn_no": BROTHER, "amount": "300.00", "used": "120.50"},
        {"psn_no": OTHER, "amount": 200, "used": null},
    ])
}

#[test]
fn quota_check_table() {
    use Code::*;
    // balance 1000.00; unused: brother 179.50, other 200.00 → the holder keeps 620.50 himself.
    // (balance, quotas, psnNo, amount, date, reasons, maxAmount, availableBefore, availableAfter)
    let q = quotas();
    let table: Vec<(Value, Value, &str, Value, &str, Vec<Code>, Option<&str>, Option<&str>, Option<&str>)> = vec![
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("620.50"),
            "2026-06-01",
            vec![],
            Some("620.50"),
            Some("620.50"),
            Some("0.00"),
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("620.51"),
            "2026-06-01",
            vec![QuotaOverAvailable],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("0.01"),
            "2026-06-01",
            vec![],
            Some("620.50"),
            Some("620.50"),
            Some("620.49"),
        ),
        // Changing the brother's quota: he used 120.50, the other's 200.00 stays aside.
        (
            json!("1000.00"),
            q.clone(),
            BROTHER,
            json!("800"),
            "2026-06-01",
            vec![],
            Some("920.50"),
            Some("620.50"),
            Some("120.50"),
        ),
        (
            json!("1000.00"),
            q.clone(),
            BROTHER,
            json!("920.50"),
            "2026-06-01",
            vec![],
            Some("920.50"),
            Some("620.50"),
            Some("0.00"),
        ),
        (
            json!("1000.00"),
            q.clone(),
            BROTHER,
            json!("920.51"),
            "2026-06-01",
            vec![QuotaOverAvailable],
            Some("920.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            BROTHER,
            json!("120.50"),
            "2026-06-01",
            vec![],
            Some("920.50"),
            Some("620.50"),
            Some("800.00"),
        ),
        (
            json!("1000.00"),
            q.clone(),
            BROTHER,
            json!("120.49"),
            "2026-06-01",
            vec![QuotaBelowUsed],
            Some("920.50"),
            Some("620.50"),
            None,
        ),
        (
            json!(1000),
            q.clone(),
            OTHER,
            json!(50.25),
            "2026-06-01",
            vec![],
            Some("820.50"),
            Some("620.50"),
            Some("770.25"),
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("0"),
            "2026-06-01",
            vec![QuotaAmountNotPositive],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("-5"),
            "2026-06-01",
            vec![QuotaAmountNotPositive],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("1.234"),
            "2026-06-01",
            vec![QuotaAmountInvalid],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!(null),
            "2026-06-01",
            vec![QuotaAmountInvalid],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        // No quota before the 2026 notice (the wallet only transfers), none before any policy.
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("10"),
            "2026-01-08",
            vec![QuotaNotInPolicy],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("10"),
            "2020-01-01",
            vec![PolicyNoneInForce],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        (
            json!("1000.00"),
            q.clone(),
            NEW,
            json!("10"),
            "2026-02-30",
            vec![FamilyFieldInvalid],
            Some("620.50"),
            Some("620.50"),
            None,
        ),
        // Unreadable inputs: no numbers at all rather than numbers from half a list.
        (json!(null), q.clone(), NEW, json!("10"), "2026-06-01", vec![FamilyFieldMissing], None, None, None),
        (json!("-1"), q.clone(), NEW, json!("10"), "2026-06-01", vec![FamilyFieldInvalid], None, None, None),
        (
            json!("1000"),
            json!([{"psn_no": BROTHER, "amount": "10", "used": "11"}]),
            NEW,
            json!("10"),
            "2026-06-01",
            vec![FamilyFieldInvalid],
            None,
            None,
            None,
        ),
        (
            json!("1000"),
            json!([{"psn_no": BROTHER, "amount": "10"}, {"psn_no": BROTHER, "amount": "5"}]),
            NEW,
            json!("10"),
            "2026-06-01",
            vec![FamilyFieldInvalid],
            None,
            None,
            None,
        ),
        (json!("1000"), json!("many"), NEW, json!("10"), "2026-06-01", vec![FamilyFieldInvalid], None, None, None),
        (json!("1000"), q.clone(), "", json!("10"), "2026-06-01", vec![FamilyFieldMissing], None, None, None),
        // The quotas already exceed the balance (data to check with the office): refused.
        (
            json!("100.00"),
            json!([{"psn_no": OTHER, "amount": "200"}]),
            NEW,
            json!("10"),
            "2026-06-01",
            vec![QuotaOverBalance, QuotaOverAvailable],
            Some("0.00"),
            Some("0.00"),
            None,
        ),
        // No quotas yet: the whole balance can be set aside, to the fen.
        (json!("0.01"), json!([]), NEW, json!("0.01"), "2026-06-01", vec![], Some("0.01"), Some("0.01"), Some("0.00")),
    ];
    for (i, (balance, quotas, psn_no, amount, date, want, max, before, after)) in table.into_iter().enumerate() {
        let request: QuotaRequest = serde_json::from_value(json!({
            "balance": balance, "quotas": quotas, "psnNo": psn_no, "amount": amount, "date": date, "region": "620102",
        }))
        .unwrap();
        let d = check_quota(&request, PolicySet::built_in().unwrap(), Locale::Hans);
        let got: Vec<String> = d.reasons.iter().map(|n| n.code.clone()).collect();
        assert_eq!(got, codes(&want), "row {i}");
        assert_eq!(d.allowed, want.is_empty(), "row {i}");
        let text = |y: Option<gongji::Yuan>| y.map(|y| y.to_string());
        assert_eq!(
            (text(d.max_amount), text(d.available_before), text(d.available_after)),
            (max.map(str::to_string), before.map(str::to_string), after.map(str::to_string)),
            "row {i}"
        );
        let policy = d.policy.map(|p| p.id);
        let want_policy = match date {
            "2026-06-01" => Some("CN-2026"),
            "2026-01-08" => Some("CN-2024"),
            _ => None,
        };
        assert_eq!(policy.as_deref(), want_policy, "row {i}");
    }
}

#[test]
fn quota_reasons_say_the_numbers_in_both_scripts_and_no_personal_data() {
    let request: QuotaRequest = serde_json::from_value(json!({
        "balance": "1000.00", "quotas": quotas(), "psnNo": BROTHER, "amount": "2000", "date": "2026-06-01",
    }))
    .unwrap();
    for (locale, word) in [(Locale::Hans, "余额"), (Locale::Hant, "餘額")] {
        let d = check_quota(&request, PolicySet::built_in().unwrap(), locale);
        let message = &d.reasons[0].message;
        assert!(message.contains("920.50") && message.contains(word), "{message}");
        assert!(!message.contains(BROTHER), "{message}");
    }
    let before = check_quota(
        &serde_json::from_value(json!({"balance": "1", "psnNo": NEW, "amount": "1", "date": "2025-06-01"})).unwrap(),
        PolicySet::built_in().unwrap(),
        Locale::Hans,
    );
    assert!(before.reasons[0].message.contains("国办发〔2024〕38号"), "{}", before.reasons[0].message);
}

#[test]
fn quota_summary_table() {
    // (balance, quotas, unused total, available, problems)
    let table: Vec<(Value, Value, Option<&str>, Option<&str>, &[&str])> = vec![
        (json!("1000.00"), quotas(), Some("379.50"), Some("620.50"), &[]),
        (json!("379.50"), quotas(), Some("379.50"), Some("0.00"), &[]),
        (json!("379.49"), quotas(), Some("379.50"), Some("0.00"), &["QUOTA_OVER_BALANCE"]),
        (json!("1000.00"), json!([]), Some("0.00"), Some("1000.00"), &[]),
        (json!("1000.00"), json!(null), Some("0.00"), Some("1000.00"), &[]),
        (json!("1000.00"), json!([{"psn_no": BROTHER, "amount": "x"}]), None, None, &["FAMILY_FIELD_INVALID"]),
        (json!("1000.00"), json!([{"amount": "1"}]), None, None, &["FAMILY_FIELD_MISSING"]),
        (json!(null), quotas(), Some("379.50"), None, &["FAMILY_FIELD_MISSING"]),
    ];
    for (i, (balance, list, unused, available, problems)) in table.into_iter().enumerate() {
        let request: QuotaSummaryRequest = serde_json::from_value(json!({"balance": balance, "quotas": list})).unwrap();
        let s = quota_summary(&request, Locale::Hans);
        let text = |y: Option<gongji::Yuan>| y.map(|y| y.to_string());
        assert_eq!(
            (text(s.unused_total), text(s.available)),
            (unused.map(str::to_string), available.map(str::to_string)),
            "row {i}"
        );
        assert_eq!(s.problems.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), problems, "row {i}");
    }
    let s = quota_summary(
        &serde_json::from_value(json!({"balance": "1000.00", "quotas": quotas()})).unwrap(),
        Locale::Hans,
    );
    let views: Vec<(String, String, String, String)> = s
        .quotas
        .iter()
        .map(|q| (q.psn_no.clone(), q.amount.to_string(), q.used.to_string(), q.unused.to_string()))
        .collect();
    assert_eq!(
        views,
        [
            (BROTHER.to_string(), "300.00".to_string(), "120.50".to_string(), "179.50".to_string()),
            (OTHER.to_string(), "200.00".to_string(), "0.00".to_string(), "200.00".to_string()),
        ]
    );
}

#[test]
fn releasing_a_quota_returns_its_unused_part() {
    // (psnNo, released, returned, available after, reasons)
    let table: &[(&str, bool, Option<&str>, Option<&str>, &[&str])] = &[
        (BROTHER, true, Some("179.50"), Some("800.00"), &[]),
        (OTHER, true, Some("200.00"), Some("820.50"), &[]),
        (NEW, false, None, None, &["QUOTA_NOT_FOUND"]),
        ("", false, None, None, &["FAMILY_FIELD_MISSING"]),
    ];
    for (psn_no, released, returned, after, reasons) in table {
        let request: QuotaSummaryRequest =
            serde_json::from_value(json!({"balance": "1000.00", "quotas": quotas(), "psnNo": psn_no})).unwrap();
        let r = release_quota(&request, Locale::Hans);
        let text = |y: Option<gongji::Yuan>| y.map(|y| y.to_string());
        assert_eq!(
            (r.released, text(r.returned), text(r.available_after)),
            (*released, returned.map(str::to_string), after.map(str::to_string)),
            "{psn_no}"
        );
        assert_eq!(r.reasons.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), *reasons);
    }
}

#[test]
fn a_relation_ends_by_itself_when_insurance_ends_or_moves() {
    use Code::*;
    let holder = |insutype: &str, stas: &str, admdvs: &str| person(HOLDER, insutype, stas, admdvs);
    let member = |insutype: &str, stas: &str, admdvs: &str| person(FATHER, insutype, stas, admdvs);
    // (holder now, member now, date, reasons) — the relation was set up with the holder in
    // 兰州 (620102) and the brother in 西安 (610113), quota 300.00 of which 120.50 used.
    let table: Vec<(Value, Value, &str, Vec<Code>)> = vec![
        (holder("310", "1", "620102"), member("310", "1", "610113"), "2026-06-01", vec![]),
        // Same 统筹地区 (西安 6101): a district code changing is no move.
        (holder("310", "1", "620103"), member("310", "1", "610112"), "2026-06-01", vec![]),
        (holder("310", "1", "620102"), member("310", "1", "610402"), "2026-06-01", vec![BindEndMemberMoved]),
        (holder("310", "1", "621102"), member("310", "1", "610113"), "2026-06-01", vec![BindEndHolderMoved]),
        (holder("310", "1", "620102"), member("390", "4", "610113"), "2026-06-01", vec![BindEndMemberInsuranceEnded]),
        (holder("310", "1", "620102"), member("390", "0", "610113"), "2026-06-01", vec![BindEndMemberInsuranceEnded]),
        // Paused (暂停参保) is not ended.
        (holder("310", "1", "620102"), member("390", "2", "610113"), "2026-06-01", vec![]),
        (holder("310", "2", "620102"), member("390", "1", "610113"), "2026-06-01", vec![]),
        (holder("310", "4", "620102"), member("390", "1", "610113"), "2026-06-01", vec![BindEndHolderInsuranceEnded]),
        // The holder left 职工医保 (no account any more); the relative left basic insurance.
        (holder("390", "1", "620102"), member("390", "1", "610113"), "2026-06-01", vec![BindEndHolderInsuranceEnded]),
        (holder("310", "1", "620102"), member("410", "1", "610113"), "2026-06-01", vec![BindEndMemberInsuranceEnded]),
        (
            holder("310", "4", "440300"),
            member("390", "4", "110105"),
            "2026-06-01",
            vec![BindEndHolderInsuranceEnded, BindEndMemberInsuranceEnded, BindEndHolderMoved, BindEndMemberMoved],
        ),
        // Before the 2026 notice the policies say nothing of it: the earlier answers stay.
        (holder("310", "1", "620102"), member("310", "1", "610402"), "2026-01-08", vec![]),
        (holder("310", "4", "620102"), member("390", "4", "610113"), "2025-06-01", vec![]),
    ];
    for (i, (holder_now, member_now, date, want)) in table.into_iter().enumerate() {
        let request: RelationEndRequest = serde_json::from_value(json!({
            "holder": holder_now, "member": member_now, "holderRegionAtStart": "620102",
            "memberRegionAtStart": "610113", "date": date, "quota": {"psn_no": BROTHER, "amount": "300.00", "used": "120.50"},
        }))
        .unwrap();
        let e = relation_end(&request, PolicySet::built_in().unwrap(), Locale::Hans);
        assert_eq!(e.reasons.iter().map(|n| n.code.clone()).collect::<Vec<_>>(), codes(&want), "row {i}");
        assert!(e.problems.is_empty(), "row {i}: {:?}", e.problems);
        let ends = !want.is_empty();
        assert_eq!(e.ends, ends, "row {i}");
        assert_eq!(e.quota_returned.to_string(), if ends { "179.50" } else { "0.00" }, "row {i}");
        assert_eq!(e.event.as_deref(), ends.then_some("end"), "row {i}");
        let policy = if date >= "2026-01-09" { "CN-2026" } else { "CN-2024" };
        assert_eq!(e.policy.map(|p| p.id).as_deref(), Some(policy), "row {i}");
        if ends {
            // The event the answer names is one the lifecycle accepts: 正常 → 已解绑.
            let t = next_binding_state(
                &TransitionRequest {
                    state: "active".into(),
                    event: e.event.as_deref().unwrap().into(),
                    options: TransitionOptions::default(),
                },
                PolicySet::built_in().unwrap(),
                Locale::Hans,
            );
            assert_eq!((t.allowed, t.state.as_str()), (true, "unbound"), "row {i}");
        }
    }
}

#[test]
fn a_relation_end_never_guesses() {
    // Unreadable inputs are problems; nothing is ended and nothing returned on a guess.
    // (request, problems)
    let base = json!({
        "holder": person(HOLDER, "310", "1", "620102"), "member": person(FATHER, "390", "4", "610113"),
        "holderRegionAtStart": "620102", "memberRegionAtStart": "610113", "date": "2026-06-01",
    });
    let with = |key: &str, value: Value| {
        let mut v = base.clone();
        v[key] = value;
        v
    };
    let table: Vec<(Value, Vec<&str>)> = vec![
        (with("memberRegionAtStart", json!(null)), vec!["FAMILY_FIELD_MISSING"]),
        (with("member", json!(null)), vec!["FAMILY_FIELD_MISSING"]),
        (with("date", json!("2026-13-01")), vec!["FAMILY_FIELD_INVALID"]),
        (with("memberRegionAtStart", json!("61")), vec!["FAMILY_FIELD_INVALID"]),
        (with("quota", json!({"amount": "10", "used": "20"})), vec!["FAMILY_FIELD_INVALID"]),
        (with("quota", json!({"amount": "abc"})), vec!["FAMILY_FIELD_INVALID"]),
    ];
    for (i, (input, problems)) in table.into_iter().enumerate() {
        let request: RelationEndRequest = serde_json::from_value(input).unwrap();
        let e = relation_end(&request, PolicySet::built_in().unwrap(), Locale::Hant);
        assert_eq!(e.problems.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), problems, "row {i}");
        assert!(!e.ends && e.reasons.is_empty() && e.event.is_none() && e.quota_returned.is_zero(), "row {i}");
    }
    // Without a quota the relation still ends; nothing returns.
    let e = relation_end(&serde_json::from_value(base).unwrap(), PolicySet::built_in().unwrap(), Locale::Hans);
    assert!(e.ends && e.quota_returned.is_zero());
    assert!(e.reasons[0].message.contains("自动解除"), "{}", e.reasons[0].message);
}

#[test]
fn payment_previews_with_quotas() {
    // (selfPay, ownBalance, ownReserved, holders (balc, quota, reserved), own, draws, cash,
    //  channels, quota after)
    type Holder<'a> = (&'a str, Option<&'a str>, Option<&'a str>);
    let table: Vec<(
        &str,
        Option<&str>,
        Option<&str>,
        Vec<Holder>,
        &str,
        Vec<&str>,
        &str,
        Vec<&str>,
        Vec<Option<&str>>,
    )> = vec![
        // The brother in 西安: own account first, then his quota with 张伟, then cash.
        (
            "500.00",
            Some("100.00"),
            None,
            vec![("2000.00", Some("300.00"), None)],
            "100.00",
            vec!["300.00"],
            "100.00",
            vec!["wallet"],
            vec![Some("0.00")],
        ),
        (
            "500.00",
            Some("100.00"),
            None,
            vec![("2000.00", Some("1000.00"), None)],
            "100.00",
            vec!["400.00"],
            "0.00",
            vec!["wallet"],
            vec![Some("600.00")],
        ),
        // A quota larger than what the holder has left: the balance is the limit.
        (
            "500.00",
            None,
            None,
            vec![("250.25", Some("1000.00"), None)],
            "0.00",
            vec!["250.25"],
            "249.75",
            vec!["wallet"],
            vec![Some("749.75")],
        ),
        // A son bound in the province: the quotas kept for others are not his to spend.
        (
            "500.00",
            None,
            None,
            vec![("600.00", None, Some("300.00"))],
            "0.00",
            vec!["300.00"],
            "200.00",
            vec!["province"],
            vec![None],
        ),
        (
            "500.00",
            None,
            None,
            vec![("200.00", None, Some("300.00"))],
            "0.00",
            vec!["0.00"],
            "500.00",
            vec!["province"],
            vec![None],
        ),
        // The holder paying for himself: his own account leaves his relatives' quotas aside.
        ("500.00", Some("600.00"), Some("300.00"), vec![], "300.00", vec![], "200.00", vec![], vec![]),
        ("0.01", Some("0.01"), Some("0.01"), vec![], "0.00", vec![], "0.01", vec![], vec![]),
        // A wallet holder and a province holder, in binding order.
        (
            "500.00",
            None,
            None,
            vec![("1000.00", Some("120.50"), Some("200.00")), ("90.00", None, None)],
            "0.00",
            vec!["120.50", "90.00"],
            "289.50",
            vec!["wallet", "province"],
            vec![Some("0.00"), None],
        ),
    ];
    for (i, (self_pay, own, own_reserved, holders, want_own, want_draws, want_cash, channels, quota_after)) in
        table.into_iter().enumerate()
    {
        let request: PaymentRequest = serde_json::from_value(json!({
            "selfPay": self_pay, "ownBalance": own, "ownReserved": own_reserved,
            "holders": holders.iter().map(|(balc, quota, reserved)| json!({"psn_no": "1", "psn_name": "张伟", "balc": balc, "quota": quota, "reserved": reserved})).collect::<Vec<_>>(),
        }))
        .unwrap();
        let split = preview_payment(&request).unwrap();
        assert_eq!(split.own_account.to_string(), want_own, "row {i}");
        assert_eq!(split.shared.iter().map(|d| d.pay.to_string()).collect::<Vec<_>>(), want_draws, "row {i}");
        assert_eq!(split.cash.to_string(), want_cash, "row {i}");
        let got_channels: Vec<String> = split
            .shared
            .iter()
            .map(|d| serde_json::to_value(d.channel).unwrap().as_str().unwrap().to_string())
            .collect();
        assert_eq!(got_channels, channels, "row {i}");
        let got_after: Vec<Option<String>> =
            split.shared.iter().map(|d| d.quota_after.map(|q| q.to_string())).collect();
        assert_eq!(got_after, quota_after.iter().map(|q| q.map(str::to_string)).collect::<Vec<_>>(), "row {i}");
    }
    // A quota that cannot be read is a coded error naming it, like any amount.
    for (quota, code) in [
        (json!("abc"), Code::PayAmountInvalid),
        (json!("-1"), Code::PayAmountNegative),
        (json!(true), Code::PayAmountInvalid),
    ] {
        let request: PaymentRequest =
            serde_json::from_value(json!({"selfPay": "10", "holders": [{"balc": "10", "quota": quota}]})).unwrap();
        let err = preview_payment(&request).unwrap_err();
        assert_eq!(err.code, code);
        assert!(err.render(Locale::Hans).contains("第 1 位共济人为您设置的共济额度"), "{}", err.render(Locale::Hans));
    }
}

#[test]
fn med_type_names_checked_against_the_national_list() {
    use gongji::ledger::reference::{med_type_group, med_type_name};
    // (code, group, 简体, 繁體): data/ledger/med_types.tsv names its sources.
    let table = [
        ("27", "27", "自主就医", "自主就醫"),
        ("28", "28", "日间手术", "日間手術"),
        ("29", "29", "起付线治疗", "起付線治療"),
        ("61", "61", "照护保险", "照護保險"),
        ("81", "81", "意外伤害门诊", "意外傷害門診"),
        ("9107", "9107", "体检", "體檢"),
        ("19", "19", "意外伤害门诊", "意外傷害門診"),
        ("2801", "28", "日间手术", "日間手術"),
        ("91", "other", "其他", "其他"),
        ("9108", "other", "其他", "其他"),
        ("62", "other", "其他", "其他"),
    ];
    for (code, group, hans, hant) in table {
        assert_eq!(med_type_group(code), group, "{code}");
        assert_eq!((med_type_name(group, Locale::Hans), med_type_name(group, Locale::Hant)), (hans, hant), "{code}");
    }
}
