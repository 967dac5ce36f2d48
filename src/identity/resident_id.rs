//! Resident ID numbers (GB 11643-1999 and the legacy GB 11643-1989), the 港澳台居民居住证
//! that share their layout, and the foreigner permanent residence IDs (2023: 18 characters
//! starting with 9; 2017: 3 letters + 12 digits).
//!
//! Checks run in a fixed order, each failure with its own code: length → characters →
//! check character (ISO 7064 MOD 11-2) → birth date → address code.

use std::fmt;

use crate::date::Date;
use crate::identity::regions::{self, RegionName};
use crate::identity::{fold_code_text, mask, MAX_INPUT_BYTES};
use crate::messages::{Code, Locale, Message};

/// The earliest birth date accepted.
const EARLIEST_BIRTH_YEAR: u16 = 1900;

/// ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) and the check character for each remainder.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// What kind of document the number belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum IdKind {
    /// 居民身份证, 18 characters.
    Resident,
    /// A legacy 15-digit 居民身份证 (GB 11643-1989), upgraded to 18 characters.
    Resident15,
    /// 港澳台居民居住证 (address code 810000, 820000 or 830000).
    HkMacaoTaiwan,
    /// 外国人永久居留身份证 issued from 2023-12: 18 characters starting with 9.
    ForeignPermanent,
    /// 外国人永久居留身份证, 2017 version: 3 letters (nationality) + 12 digits.
    ForeignPermanent2017,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Sex {
    Male,
    Female,
}

/// A checked ID number. `Debug` and `Display` show only the masked form.
#[derive(Clone, PartialEq, Eq)]
pub struct ResidentId {
    normalized: String,
    kind: IdKind,
    birth_date: Date,
    sex: Option<Sex>,
    region_code: u32,
    /// The code that names the region (Taiwan permits: 710000) and the years the names are
    /// taken from (birth to as-of); names are looked up only when asked for.
    named_by: u32,
    name_years: (u16, u16),
}

/// The MOD 11-2 check character of the first 17 digits (ASCII), or `None` if they are not
/// 17 ASCII digits.
pub fn check_character(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&byte, &weight) in first17.iter().zip(WEIGHTS.iter()) {
        if !byte.is_ascii_digit() {
            return None;
        }
        sum += u32::from(byte - b'0') * weight;
    }
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Upgrades a legacy 15-digit number to 18 characters: "19" before the year, check character
/// after. `None` if the text is not 15 ASCII digits. Does not validate anything else.
pub fn upgrade_15_to_18(number15: &str) -> Option<String> {
    let bytes = number15.as_bytes();
    if bytes.len() != 15 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut first17 = Vec::with_capacity(18);
    first17.extend_from_slice(bytes.get(..6)?);
    first17.extend_from_slice(b"19");
    first17.extend_from_slice(bytes.get(6..)?);
    let check = check_character(&first17)?;
    first17.push(check);
    String::from_utf8(first17).ok()
}

/// The layout of an ID number once folded (see `comparable`), decided by its characters
/// alone — what the readers below need without a full check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// 17 digits and a digit or X: resident, 港澳台 permit, foreigner 2023.
    Eighteen,
    /// 15 digits: a legacy resident number (GB 11643-1989).
    Legacy15,
    /// 3 letters and 12 digits: foreigner 2017.
    Foreign2017,
    Other,
}

fn layout(folded: &str) -> Layout {
    let bytes = folded.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    match bytes.len() {
        18 if digits(0..17) && matches!(bytes.get(17), Some(b'0'..=b'9' | b'X')) => Layout::Eighteen,
        15 if digits(0..15) => Layout::Legacy15,
        15 if bytes.get(..3).is_some_and(|head| head.iter().all(u8::is_ascii_uppercase)) && digits(3..15) => {
            Layout::Foreign2017
        }
        _ => Layout::Other,
    }
}

/// An ID number in the one form two numbers are compared in ("is this the same person?"):
/// trimmed, full-width folded, inner spaces and invisible characters dropped, x → X, and a
/// legacy 15-digit number upgraded to its 18 characters. It does not validate the number:
/// a number that fails the checks still compares equal to itself.
pub fn comparable(certno: &str) -> String {
    let mut folded = fold_code_text(certno.trim());
    folded.make_ascii_uppercase();
    match layout(&folded) {
        Layout::Legacy15 => upgrade_15_to_18(&folded).unwrap_or(folded),
        _ => folded,
    }
}

/// The birth date written in an 18-character number (characters 7–14), or in a 15-digit one
/// (19YYMMDD), if it is a real date. Used by the family rules to compare ages; it does not
/// validate the number.
pub fn birth_date_of(certno: &str) -> Option<Date> {
    let text = comparable(certno);
    match layout(&text) {
        Layout::Eighteen | Layout::Legacy15 => Date::parse_compact(text.get(6..14)?),
        Layout::Foreign2017 | Layout::Other => None,
    }
}

/// The sex the order code says (odd male, even female): the 17th character of an
/// 18-character number, the 15th of a legacy one. `None` for the 2017 foreigner ID, whose
/// layout does not say, and for text of no ID layout. It does not validate the number.
pub fn sex_of(certno: &str) -> Option<Sex> {
    let text = comparable(certno);
    match layout(&text) {
        // `comparable` upgrades a legacy number, so both layouts hold the order code at 17.
        Layout::Eighteen | Layout::Legacy15 => text.as_bytes().get(16).map(|&d| sex_of_order_digit(d)),
        Layout::Foreign2017 | Layout::Other => None,
    }
}

/// Odd order code male, even female (GB 11643).
fn sex_of_order_digit(digit: u8) -> Sex {
    if digit.wrapping_sub(b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    }
}

fn digits_value(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Checks the birth date in order: a real date, not before 1900, not after `as_of`.
fn check_birth(compact: &[u8], as_of: Date) -> Result<Date, Message> {
    let text = std::str::from_utf8(compact).map_err(|_| Message::new(Code::IdBirthDateInvalid))?;
    let date = Date::parse_compact(text).ok_or(Message::new(Code::IdBirthDateInvalid))?;
    if date.year() < EARLIEST_BIRTH_YEAR {
        return Err(Message::new(Code::IdBirthDateTooEarly));
    }
    if date > as_of {
        return Err(Message::new(Code::IdBirthDateFuture));
    }
    Ok(date)
}

/// A mainland address code: known, and in use at some time between birth and `as_of`.
fn check_address(code: u32, birth: Date, as_of: Date) -> Result<(), Message> {
    if !regions::is_known(code) {
        return Err(Message::new(Code::IdRegionUnknown));
    }
    if !regions::in_use_between(code, birth.year(), as_of.year()) {
        return Err(Message::new(Code::IdRegionNotInUse));
    }
    Ok(())
}

/// Address codes of the 港澳台居民居住证, and the table code that names each region (Taiwan
/// is 71 in GB/T 2260 but 83 on the permits).
const HK_MACAO_TAIWAN: [(u32, u32); 3] = [(810000, 810000), (820000, 820000), (830000, 710000)];

impl ResidentId {
    /// Normalises (trim, full-width → ASCII, inner spaces dropped, x → X) and checks `text`
    /// as of the date `as_of` (today, in China).
    pub fn parse(text: &str, as_of: Date) -> Result<ResidentId, Message> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(Message::new(Code::IdEmpty));
        }
        if trimmed.len() > MAX_INPUT_BYTES {
            return Err(Message::new(Code::IdLength));
        }
        let mut folded = fold_code_text(trimmed);
        folded.make_ascii_uppercase();
        match folded.chars().count() {
            18 => ResidentId::parse18(folded, as_of),
            15 => ResidentId::parse15(folded, as_of),
            _ => Err(Message::new(Code::IdLength)),
        }
    }

    fn parse18(normalized: String, as_of: Date) -> Result<ResidentId, Message> {
        let bytes = normalized.as_bytes();
        let (first17, last) = match (bytes.get(..17), bytes.get(17)) {
            (Some(first17), Some(&last)) if bytes.len() == 18 => (first17, last),
            _ => return Err(Message::new(Code::IdCharacters)),
        };
        if !first17.iter().all(u8::is_ascii_digit) || !(last.is_ascii_digit() || last == b'X') {
            return Err(Message::new(Code::IdCharacters));
        }
        if check_character(first17) != Some(last) {
            return Err(Message::new(Code::IdCheckDigit));
        }
        let birth_date = check_birth(bytes.get(6..14).unwrap_or_default(), as_of)?;
        let sex = bytes.get(16).map(|&d| sex_of_order_digit(d));
        let address = digits_value(bytes.get(..6).unwrap_or_default()).unwrap_or(0);
        let (kind, region_code, named_by) = if bytes.first() == Some(&b'9') {
            // Foreigner 2023: characters 2–3 are the issuing province, 4–6 the nationality.
            let province = address / 1_000 % 100 * 10_000;
            check_address(province, birth_date, as_of)?;
            (IdKind::ForeignPermanent, province, province)
        } else if let Some(&(_, named_by)) = HK_MACAO_TAIWAN.iter().find(|(code, _)| *code == address) {
            // The permits date from 2018 and are issued to people of any age: no window.
            (IdKind::HkMacaoTaiwan, address, named_by)
        } else {
            check_address(address, birth_date, as_of)?;
            (IdKind::Resident, address, address)
        };
        let name_years = (birth_date.year(), as_of.year());
        Ok(ResidentId { normalized, kind, birth_date, sex, region_code, named_by, name_years })
    }

    fn parse15(folded: String, as_of: Date) -> Result<ResidentId, Message> {
        let bytes = folded.as_bytes();
        let letters = bytes.get(..3).is_some_and(|head| head.iter().all(u8::is_ascii_uppercase));
        let digits_from = if letters { 3 } else { 0 };
        if bytes.len() != 15 || !bytes.get(digits_from..).unwrap_or_default().iter().all(u8::is_ascii_digit) {
            return Err(Message::new(Code::IdCharacters));
        }
        if letters {
            return ResidentId::parse_foreign_2017(folded, as_of);
        }
        // Legacy 1989 numbers have no check character: the birth date comes next.
        let mut compact = b"19".to_vec();
        compact.extend_from_slice(bytes.get(6..12).unwrap_or_default());
        let birth_date = check_birth(&compact, as_of)?;
        let address = digits_value(bytes.get(..6).unwrap_or_default()).unwrap_or(0);
        check_address(address, birth_date, as_of)?;
        let normalized = upgrade_15_to_18(&folded).ok_or(Message::new(Code::IdCharacters))?;
        let name_years = (birth_date.year(), as_of.year());
        let sex = bytes.get(14).map(|&d| sex_of_order_digit(d));
        Ok(ResidentId {
            normalized,
            kind: IdKind::Resident15,
            birth_date,
            sex,
            region_code: address,
            named_by: address,
            name_years,
        })
    }

    /// 2017 foreigner permanent residence ID: nationality (3 letters), issuing province
    /// (2 digits), birth date YYMMDD, then 4 digits. Its last digit's algorithm is not
    /// published, so it is not verified; the century of YYMMDD is the later one that is not
    /// after `as_of`.
    fn parse_foreign_2017(normalized: String, as_of: Date) -> Result<ResidentId, Message> {
        let bytes = normalized.as_bytes();
        let yymmdd = bytes.get(5..11).unwrap_or_default();
        let in_2000s = [b"20".as_slice(), yymmdd].concat();
        let birth_date = match check_birth(&in_2000s, as_of) {
            Ok(date) => date,
            Err(message) if message.code == Code::IdBirthDateFuture => {
                check_birth(&[b"19".as_slice(), yymmdd].concat(), as_of)?
            }
            Err(message) => return Err(message),
        };
        let province = digits_value(bytes.get(3..5).unwrap_or_default()).unwrap_or(0) * 10_000;
        check_address(province, birth_date, as_of)?;
        let name_years = (birth_date.year(), as_of.year());
        Ok(ResidentId {
            normalized,
            kind: IdKind::ForeignPermanent2017,
            birth_date,
            sex: None,
            region_code: province,
            named_by: province,
            name_years,
        })
    }

    /// The number as checked: 18 characters (a 15-digit number comes back upgraded), or the
    /// 15 characters of a 2017 foreigner ID. Personal data: mask it before showing or logging.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }
    pub fn kind(&self) -> IdKind {
        self.kind
    }
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }
    /// `None` only for the 2017 foreigner ID, whose layout does not say.
    pub fn sex(&self) -> Option<Sex> {
        self.sex
    }
    /// The 6-digit address code (for foreigner IDs, the issuing province's code).
    pub fn region_code(&self) -> u32 {
        self.region_code
    }
    /// Province, prefecture and county names as they were between birth and the as-of year.
    pub fn region_name(&self) -> Option<RegionName> {
        regions::region_name(self.named_by, self.name_years.0, self.name_years.1)
    }
    pub fn age_on(&self, on: Date) -> Option<u16> {
        self.birth_date.age_on(on)
    }
}

impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let masked = mask::mask_resident_id(&self.normalized);
        f.debug_struct("ResidentId").field("masked", &masked).field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// The masked number (`mask::mask_resident_id`, the one masking of ID numbers).
impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask::mask_resident_id(&self.normalized))
    }
}

/// What `validateResidentId` returns: data, never an exception.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResidentIdReport {
    pub valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub normalized: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub kind: Option<IdKind>,
    /// "YYYY-MM-DD".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sex: Option<Sex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub age: Option<u16>,
    /// The 6-digit address code, as a string ("620102").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub region_code: Option<String>,
    /// Province, prefecture and county joined: "甘肃省兰州市城关区".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub region_name: Option<String>,
    /// The same names, one per level.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub region: Option<RegionName>,
}

// Personal data: `Debug` shows the number masked and leaves out the birth date, sex and age.
impl fmt::Debug for ResidentIdReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResidentIdReport")
            .field("valid", &self.valid)
            .field("code", &self.code)
            .field("masked", &self.normalized.as_deref().map(mask::mask_resident_id))
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl ResidentIdReport {
    pub fn of(result: Result<ResidentId, Message>, as_of: Date, locale: Locale) -> ResidentIdReport {
        match result {
            Ok(id) => {
                let region = id.region_name();
                ResidentIdReport {
                    valid: true,
                    kind: Some(id.kind),
                    birth_date: Some(id.birth_date.to_string()),
                    sex: id.sex,
                    age: id.age_on(as_of),
                    region_code: std::str::from_utf8(&crate::date::fixed_digits::<6>(id.region_code))
                        .ok()
                        .map(str::to_string),
                    region_name: region.as_ref().map(RegionName::full),
                    region,
                    // Moved, not copied: the number is not needed after this.
                    normalized: Some(id.normalized),
                    ..ResidentIdReport::default()
                }
            }
            Err(message) => ResidentIdReport {
                valid: false,
                code: Some(message.code.as_str().to_string()),
                message: Some(message.render(locale)),
                ..ResidentIdReport::default()
            },
        }
    }
}

/// Checks `text` as of `as_of` and reports the outcome as data.
pub fn validate(text: &str, as_of: Date, locale: Locale) -> ResidentIdReport {
    ResidentIdReport::of(ResidentId::parse(text, as_of), as_of, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn check_character_of_known_numbers() {
        for (number, check) in [("11010519491231002", b'X'), ("44052418800101001", b'4')] {
            assert_eq!(check_character(number.as_bytes()), Some(check), "{number}");
        }
    }

    #[test]
    fn each_rule_reports_its_own_code() {
        let as_of = day("2026-11-23");
        // (input, expected code or None for valid)
        let cases: &[(&str, Option<Code>)] = &[
            ("11010519491231002X", None),
            (" 11010519491231002x ", None),
            ("１１０１０５１９４９１２３１００２ｘ", None),
            ("110105 19491231 002X", None),
            ("", Some(Code::IdEmpty)),
            ("   ", Some(Code::IdEmpty)),
            ("11010519491231002", Some(Code::IdLength)),
            ("11010519491231002XX", Some(Code::IdLength)),
            ("1101051949123100XX", Some(Code::IdCharacters)),
            ("X10105194912310021", Some(Code::IdCharacters)),
            ("110105194912310021", Some(Code::IdCheckDigit)),
            // 1949-02-30: check character recomputed so only the date is wrong.
            ("110105194902300020", Some(Code::IdBirthDateInvalid)),
            ("110105189912310023", Some(Code::IdBirthDateTooEarly)),
            ("110105202712310022", Some(Code::IdBirthDateFuture)),
            ("999999194912310025", Some(Code::IdRegionUnknown)),
            // 110103 崇文区 was abolished in 2010: someone born in 2015 cannot hold it.
            ("110103201501010014", Some(Code::IdRegionNotInUse)),
            ("110103194912310019", None),
        ];
        for &(input, expected) in cases {
            let result = ResidentId::parse(input, as_of);
            let got = result.as_ref().err().map(|m| m.code);
            assert_eq!(got, expected, "case {input:?}");
        }
    }

    /// The address code must have been in use at some time from the birth year to the as-of
    /// year: abolished codes stay valid for people born before, new codes for people born
    /// before they existed; a code not yet created by the as-of date is not.
    #[test]
    fn region_window_runs_from_birth_to_as_of() {
        let cases: &[(&str, &str, Option<Code>, Option<&str>)] = &[
            // 622421 定西县 (定西地区), until 2003: born 1990 yes, born 2005 no.
            ("622421199001010019", "2026-11-23", None, Some("甘肃省定西地区定西县")),
            ("622421200501010010", "2026-11-23", Some(Code::IdRegionNotInUse), None),
            // 110118 密云区 from 2015: born 1960, valid today, not as of 2010.
            ("110118196001010019", "2026-11-23", None, Some("北京市密云区")),
            ("110118196001010019", "2010-01-01", Some(Code::IdRegionNotInUse), None),
        ];
        for &(input, as_of, code, region) in cases {
            let result = ResidentId::parse(input, day(as_of));
            assert_eq!(result.as_ref().err().map(|m| m.code), code, "{input} as of {as_of}");
            let name = result.ok().and_then(|id| id.region_name()).map(|r| r.full());
            assert_eq!(name.as_deref(), region, "{input} as of {as_of}");
        }
    }

    #[test]
    fn valid_number_reports_its_parts() {
        let id = ResidentId::parse("11010519491231002x", day("2026-11-23")).unwrap();
        assert_eq!(id.normalized(), "11010519491231002X");
        assert_eq!(id.kind(), IdKind::Resident);
        assert_eq!(id.birth_date(), day("1949-12-31"));
        assert_eq!(id.sex(), Some(Sex::Female));
        assert_eq!(id.region_code(), 110105);
        assert_eq!(id.region_name().map(|r| r.full()).as_deref(), Some("北京市朝阳区"));
        assert_eq!(id.age_on(day("2026-11-23")), Some(76));
        for shown in [format!("{id}"), format!("{id:?}")] {
            assert!(!shown.contains("11010519491231002X") && !shown.contains("19491231"), "{shown}");
        }
    }

    #[test]
    fn birth_date_of_keeps_working() {
        assert_eq!(birth_date_of("11010519491231002X"), Some(day("1949-12-31")));
        assert_eq!(birth_date_of("110105491231002"), Some(day("1949-12-31")));
        assert_eq!(birth_date_of("short"), None);
    }

    /// The readers the family rules use (same person, birth date, sex) agree with `parse` on
    /// every number it accepts, and read the same forms it folds.
    #[test]
    fn unchecked_readers_table() {
        // (input, comparable form, birth date, sex)
        let table: &[(&str, &str, Option<&str>, Option<Sex>)] = &[
            ("11010519491231002X", "11010519491231002X", Some("1949-12-31"), Some(Sex::Female)),
            (" 11010519491231002x ", "11010519491231002X", Some("1949-12-31"), Some(Sex::Female)),
            ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", Some("1949-12-31"), Some(Sex::Female)),
            ("1101\u{200B}0519491231002X\u{202C}", "11010519491231002X", Some("1949-12-31"), Some(Sex::Female)),
            // Legacy 15 digits: the same person as its 18-character upgrade; order 001 is male.
            ("110105491231001", "110105194912310011", Some("1949-12-31"), Some(Sex::Male)),
            ("620102198001011239", "620102198001011239", Some("1980-01-01"), Some(Sex::Male)),
            // The 2017 foreigner ID: no sex, and its date is YYMMDD at another place.
            ("USA620801123456", "USA620801123456", None, None),
            // Not an ID layout: compared as folded text, nothing read from it.
            ("6201021980", "6201021980", None, None),
            ("62010219800101123", "62010219800101123", None, None),
            ("62010219800101123A", "62010219800101123A", None, None),
            ("", "", None, None),
        ];
        for &(input, want, birth, sex) in table {
            assert_eq!(comparable(input), want, "{input:?}");
            assert_eq!(birth_date_of(input).map(|d| d.to_string()).as_deref(), birth, "{input:?}");
            assert_eq!(sex_of(input), sex, "{input:?}");
            if let Ok(id) = ResidentId::parse(input, day("2026-12-02")) {
                assert_eq!(id.normalized(), want, "{input:?}");
                assert_eq!(id.sex(), sex, "{input:?}");
                // The 2017 foreigner ID's YYMMDD needs the as-of date for its century: the
                // unchecked reader leaves it unread rather than guess.
                if id.kind() != IdKind::ForeignPermanent2017 {
                    assert_eq!(Some(id.birth_date()), birth_date_of(input), "{input:?}");
                }
            }
        }
    }
}
