//! Property and junk tests for `gongji::identity` (native only: proptest).
#![cfg(not(target_arch = "wasm32"))]
// Helpers outside #[test] functions unwrap too: they build known-good inputs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use gongji::date::Date;
use gongji::identity::codes::{check_admdvs, check_institution_code, check_psn_no, check_sms_code};
use gongji::identity::mask::{mask_name, mask_phone, mask_resident_id};
use gongji::identity::name::PersonName;
use gongji::identity::phone::Phone;
use gongji::identity::regions;
use gongji::identity::resident_id::{check_character, upgrade_15_to_18, IdKind, ResidentId};
use gongji::{Code, Locale};
use proptest::prelude::*;

fn as_of() -> Date {
    Date::parse("2026-11-23").unwrap()
}

/// Builds a valid 18-character number from its parts.
fn number(region: u32, birth: Date, order: u16) -> String {
    let first17 = format!("{region:06}{:04}{:02}{:02}{order:03}", birth.year(), birth.month(), birth.day());
    let check = check_character(first17.as_bytes()).unwrap();
    format!("{first17}{}", check as char)
}

/// A random birth date from 1900-01-01 to `as_of`, a region code in use in that year (drawn
/// from the table), and an order number.
fn valid_parts() -> impl Strategy<Value = (u32, Date, u16)> {
    let first = Date::parse("1900-01-01").unwrap().to_days();
    let last = as_of().to_days();
    (first..=last, any::<prop::sample::Index>(), 0u16..1000).prop_filter_map(
        "no code in use that year",
        |(days, pick, order)| {
            let birth = Date::from_days(days)?;
            // Foreigner (9…) and 港澳台 (81/82/83) codes take other paths; draw mainland codes.
            let codes: Vec<u32> =
                regions::codes_in_use(birth.year()).filter(|c| (110000..710000).contains(c)).collect();
            if codes.is_empty() {
                return None;
            }
            Some((*pick.get(&codes), birth, order))
        },
    )
}

const ID_CHARS: &[u8] = b"0123456789X";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_numbers_validate((region, birth, order) in valid_parts()) {
        let text = number(region, birth, order);
        let id = ResidentId::parse(&text, as_of()).unwrap();
        prop_assert_eq!(id.normalized(), text.as_str());
        prop_assert_eq!(id.birth_date(), birth);
        prop_assert_eq!(id.region_code(), region);
        prop_assert!(id.region_name().is_some());
    }

    /// MOD 11-2 catches every single substitution among the 18 characters: the number with
    /// one character replaced is never valid (the check rule itself rejects it).
    #[test]
    fn single_substitutions_are_caught((region, birth, order) in valid_parts(), at in 0usize..18, with in 0usize..11) {
        let text = number(region, birth, order);
        let mut bytes = text.clone().into_bytes();
        let replacement = ID_CHARS[with];
        prop_assume!(bytes[at] != replacement);
        bytes[at] = replacement;
        let changed = String::from_utf8(bytes).unwrap();
        let result = ResidentId::parse(&changed, as_of());
        prop_assert!(result.is_err(), "substitution at {} accepted", at);
        // An X in the first 17 is a character error; any other substitution is caught by
        // the check character, before the date and region rules run.
        let expected = if at < 17 && replacement == b'X' { Code::IdCharacters } else { Code::IdCheckDigit };
        prop_assert_eq!(result.unwrap_err().code, expected);
    }

    /// …and every transposition of two neighbouring different characters.
    #[test]
    fn adjacent_transpositions_are_caught((region, birth, order) in valid_parts(), at in 0usize..17) {
        let text = number(region, birth, order);
        let mut bytes = text.into_bytes();
        prop_assume!(bytes[at] != bytes[at + 1]);
        bytes.swap(at, at + 1);
        let swapped = String::from_utf8(bytes).unwrap();
        let result = ResidentId::parse(&swapped, as_of());
        prop_assert!(result.is_err());
        let code = result.unwrap_err().code;
        prop_assert!(code == Code::IdCheckDigit || code == Code::IdCharacters, "{:?}", code);
    }

    /// The mask never shows the birth date (nor the whole number).
    #[test]
    fn mask_hides_the_birth_date((region, birth, order) in valid_parts()) {
        let text = number(region, birth, order);
        let masked = mask_resident_id(&text);
        let date = &text[6..14];
        prop_assert!(!masked.contains(date));
        // No character of positions 7–14 survives: they are all stars.
        prop_assert!(masked[6..14].bytes().all(|b| b == b'*'), "{}", masked);
        prop_assert!(masked.len() == 18);
        let legacy = format!("{}{}", &text[..6], &text[8..17]);
        let masked15 = mask_resident_id(&legacy);
        prop_assert!(masked15[6..12].bytes().all(|b| b == b'*'), "{}", masked15);
        let id = ResidentId::parse(&text, as_of()).unwrap();
        let shown = format!("{id:?}{id}");
        prop_assert!(!shown.contains(date));
    }

    /// A legacy number (born 1900–1999) upgrades to the 18-character number with "19" and a
    /// check character, and both forms give the same person.
    #[test]
    fn legacy_numbers_upgrade((region, birth, order) in valid_parts()) {
        prop_assume!(birth.year() <= 1999);
        let full = number(region, birth, order);
        let legacy = format!("{}{}", &full[..6], &full[8..17]);
        let upgraded = upgrade_15_to_18(&legacy);
        prop_assert_eq!(upgraded.as_deref(), Some(full.as_str()));
        let id = ResidentId::parse(&legacy, as_of()).unwrap();
        prop_assert_eq!(id.kind(), IdKind::Resident15);
        prop_assert_eq!(id.normalized(), full.as_str());
        prop_assert_eq!(id.birth_date(), birth);
    }

    /// Arbitrary text never panics, in any checker or mask.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = ResidentId::parse(&text, as_of());
        let _ = Phone::parse(&text);
        let _ = PersonName::parse(&text);
        let _ = (check_sms_code(&text), check_admdvs(&text), check_institution_code(&text), check_psn_no(&text));
        let _ = (mask_resident_id(&text), mask_phone(&text), mask_name(&text));
    }
}

#[test]
fn junk_is_invalid_and_never_panics() {
    let megabyte = "1".repeat(1 << 20);
    let megabyte_x = "张".repeat(1 << 18);
    let junk: &[&str] = &[
        "",
        " ",
        "\t\n\u{3000}",
        "3²",
        "ⅷ",
        "⑱",
        "€",
        "\u{FFFD}",
        "\u{FFFD}\u{FFFD}",
        &megabyte,
        &megabyte_x,
        "😀😀😀",
    ];
    for text in junk {
        assert!(ResidentId::parse(text, as_of()).is_err());
        assert!(Phone::parse(text).is_err());
        assert!(PersonName::parse(text).is_err());
        assert!(check_sms_code(text).is_err());
        assert!(check_admdvs(text).is_err());
        assert!(check_institution_code(text).is_err());
        assert!(check_psn_no(text).is_err());
        for masked in [mask_resident_id(text), mask_phone(text), mask_name(text)] {
            assert!(masked.len() <= 256, "mask of junk is {} bytes", masked.len());
        }
    }
    // 18 junk characters that are digits elsewhere in Unicode are character errors.
    for text in ["3²3²3²3²3²3²3²3²3²", "⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱⑱", "ⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷ"]
    {
        assert_eq!(ResidentId::parse(text, as_of()).unwrap_err().code, Code::IdCharacters, "{text}");
    }
}

#[test]
fn special_documents_are_recognised() {
    let first17 = |s: &str| format!("{s}{}", check_character(s.as_bytes()).unwrap() as char);
    // (number, kind, region name)
    let cases = [
        (first17("81000019800101001"), IdKind::HkMacaoTaiwan, "香港特别行政区"),
        (first17("82000019800101002"), IdKind::HkMacaoTaiwan, "澳门特别行政区"),
        (first17("83000019800101003"), IdKind::HkMacaoTaiwan, "台湾省"),
        (first17("96215619800101001"), IdKind::ForeignPermanent, "甘肃省"),
        ("USA620801011234".to_string(), IdKind::ForeignPermanent2017, "甘肃省"),
        ("usa６２０８０１０１１２３４".to_string(), IdKind::ForeignPermanent2017, "甘肃省"),
    ];
    for (text, kind, region) in &cases {
        let id = ResidentId::parse(text, as_of()).unwrap_or_else(|m| panic!("{text}: {m}"));
        assert_eq!(id.kind(), *kind, "{text}");
        assert_eq!(id.region_name().map(|r| r.full()).as_deref(), Some(*region), "{text}");
    }
    // 2017 form: YYMMDD 080101 read as 2008-01-01; 300101 (2030, future) as 1930.
    let id = ResidentId::parse("USA620801011234", as_of()).unwrap();
    assert_eq!(id.birth_date().to_string(), "2008-01-01");
    let id = ResidentId::parse("USA623001011234", as_of()).unwrap();
    assert_eq!(id.birth_date().to_string(), "1930-01-01");
    // Unknown issuing province for a foreigner ID.
    assert_eq!(ResidentId::parse("USA990801011234", as_of()).unwrap_err().code, Code::IdRegionUnknown);
    assert_eq!(ResidentId::parse("US1620801011234", as_of()).unwrap_err().code, Code::IdCharacters);
}

#[test]
fn report_is_data_in_both_scripts_without_the_value() {
    use gongji::identity::resident_id::validate;
    for text in ["110105194912310021", "110105202712310022", "999999194912310025", "1101"] {
        for locale in [Locale::Hans, Locale::Hant] {
            let report = validate(text, as_of(), locale);
            assert!(!report.valid);
            let message = report.message.unwrap();
            assert!(!message.contains(text) && !message.contains("1949"), "{message}");
        }
    }
    let hant = validate("110105194912310021", as_of(), Locale::Hant).message.unwrap();
    assert!(hant.contains("號碼"), "{hant}");
    let ok = validate("11010519491231002X", as_of(), Locale::Hans);
    assert_eq!((ok.valid, ok.age, ok.region_code.as_deref()), (true, Some(76), Some("110105")));
}

/// The reports carry the normalised value for the shell, but logging one with `{:?}` must
/// not print the number, its birth date, a phone or a name.
#[test]
fn reports_never_print_personal_data_in_debug() {
    use gongji::identity::resident_id::validate;
    use gongji::identity::CheckReport;
    let report = validate("11010519491231002X", as_of(), Locale::Hans);
    assert!(report.valid);
    let shown = format!("{report:?}");
    for secret in ["11010519491231002X", "19491231", "1949-12-31"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let phone = CheckReport::of(Phone::parse("13812341234").map(|p| p.digits().to_string()), Locale::Hans);
    let name = CheckReport::of(PersonName::parse("张小三").map(|n| n.as_str().to_string()), Locale::Hans);
    for (report, secret) in [(phone, "13812341234"), (name, "张小三")] {
        assert!(report.valid);
        let shown = format!("{report:?}");
        assert!(!shown.contains(secret), "{shown}");
    }
}

/// Issue 11: what users paste often carries invisible characters (a zero-width space from a
/// chat, a bidi mark from a web page). Nobody can see them to correct them, so the checks
/// drop them, and what the reports hand back to be shown is display-safe.
#[test]
fn invisible_characters_are_dropped_and_never_handed_back() {
    use gongji::identity::resident_id::validate;
    use gongji::identity::CheckReport;
    use gongji::text::is_display_safe;
    let nasty = ["\u{200B}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{200F}", "\u{061C}", "\u{2060}", "\u{00AD}"];
    for mark in nasty {
        let id = format!("{mark}1101051949{mark}1231002X{mark}");
        let report = validate(&id, as_of(), Locale::Hans);
        assert!(report.valid, "{mark:?}: {:?}", report.code);
        assert_eq!(report.normalized.as_deref(), Some("11010519491231002X"));
        let phone = CheckReport::of(
            Phone::parse(&format!("138{mark}1234{mark}1234")).map(|p| p.digits().to_string()),
            Locale::Hans,
        );
        assert_eq!(phone.normalized.as_deref(), Some("13812341234"), "{mark:?}");
        let name = CheckReport::of(
            PersonName::parse(&format!("张{mark}小三{mark}")).map(|n| n.as_str().to_string()),
            Locale::Hans,
        );
        assert_eq!(name.normalized.as_deref(), Some("张小三"), "{mark:?}");
        assert_eq!(check_sms_code(&format!("123{mark}456")).as_deref(), Ok("123456"), "{mark:?}");
        assert_eq!(check_institution_code(&format!("H6201{mark}0200001")).as_deref(), Ok("H62010200001"));
        for masked in [
            mask_resident_id(&id),
            mask_phone(&format!("{mark}13812341234")),
            mask_name(&format!("{mark}张小三{mark}")),
        ] {
            assert!(is_display_safe(&masked), "{mark:?}: {masked:?}");
        }
    }
    // A name that is nothing but invisible characters is empty.
    assert_eq!(PersonName::parse("\u{200B}\u{202E}").unwrap_err().code, Code::NameEmpty);
    // Every region name a report can carry is display-safe (it comes from the GB/T 2260 table).
    let report = validate("62242119900101001\u{2066}9", as_of(), Locale::Hant);
    assert!(report.valid);
    assert!(is_display_safe(report.region_name.as_deref().unwrap()));
}
