//! Short codes typed or received in the flows: SMS codes, image-code answers, designated
//! institution codes
//! (定点医药机构编码), admdvs (医保区划) codes, psn_no (人员编号), and the shapes of the national
//! platform's med_type (医疗类别) and psn_type (人员类别) codes.
//!
//! A code matches only as a whole code of its shape: "13800138000" is no med_type (it merely
//! starts with 13, 急诊), and an ID number in psn_type is no 人员类别 (it merely starts with 11).

use crate::identity::{fold_code_text, regions, MAX_INPUT_BYTES};
use crate::messages::{Code, Message};

/// Folds and trims; `None` if the input is too long to be any of these codes (nor a 社保卡
/// card number, `card`).
pub(crate) fn folded(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (trimmed.len() <= MAX_INPUT_BYTES).then(|| fold_code_text(trimmed))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// An SMS verification code: exactly 6 digits. Returns the normalised digits.
pub fn check_sms_code(text: &str) -> Result<String, Message> {
    if text.trim().is_empty() {
        return Err(Message::new(Code::SmsCodeEmpty));
    }
    let code = folded(text).ok_or(Message::new(Code::SmsCodeInvalid))?;
    if code.len() == 6 && all_digits(&code) {
        Ok(code)
    } else {
        Err(Message::new(Code::SmsCodeInvalid))
    }
}

/// The answer to an image code or to its text alternative (a sum in words): 1 to 6 digits,
/// as typed (full-width digits and spaces allowed). Whether it is right is the endpoint's.
pub fn check_captcha_answer(text: &str) -> Result<String, Message> {
    if text.trim().is_empty() {
        return Err(Message::new(Code::CaptchaEmpty));
    }
    let answer = folded(text).ok_or(Message::new(Code::CaptchaInvalid))?;
    if answer.len() <= 6 && all_digits(&answer) {
        Ok(answer)
    } else {
        Err(Message::new(Code::CaptchaInvalid))
    }
}

/// A designated institution code: `H` (hospital) or `P` (pharmacy), a 6-digit region, 5
/// digits — 12 characters, e.g. H62010200001. Lowercase h/p is accepted and upper-cased.
/// The region part is checked for shape only: institutions sit in pool regions too.
pub fn check_institution_code(text: &str) -> Result<String, Message> {
    let code = folded(text).ok_or(Message::new(Code::InstitutionCodeInvalid))?.to_ascii_uppercase();
    let shape_ok = code.len() == 12
        && matches!(code.as_bytes().first(), Some(b'H' | b'P'))
        && code.get(1..).is_some_and(all_digits);
    if shape_ok {
        Ok(code)
    } else {
        Err(Message::new(Code::InstitutionCodeInvalid))
    }
}

/// A 6-digit admdvs code: a known GB/T 2260 code, or a pool pseudo-code under a known
/// province: ending in 99 (a prefecture's own pool, e.g. 620199) or in 9900 (the
/// province-level pool, 省本级, e.g. 629900).
pub fn check_admdvs(text: &str) -> Result<String, Message> {
    let code = folded(text).ok_or(Message::new(Code::AdmdvsInvalid))?;
    if code.len() != 6 || !all_digits(&code) {
        return Err(Message::new(Code::AdmdvsInvalid));
    }
    let value: u32 = code.parse().map_err(|_| Message::new(Code::AdmdvsInvalid))?;
    let province_known = regions::is_known(value / 10_000 * 10_000);
    if regions::is_known(value) || ((value % 100 == 99 || value % 10_000 == 9900) && province_known) {
        Ok(code)
    } else {
        Err(Message::new(Code::AdmdvsUnknown))
    }
}

/// Longest psn_no the national platform allows.
pub const PSN_NO_MAX_LEN: usize = 30;

/// A psn_no: 1 to 30 digits (seen as 26 digits starting with the region code).
pub fn check_psn_no(text: &str) -> Result<String, Message> {
    let code = folded(text).ok_or(Message::new(Code::PsnNoInvalid))?;
    if code.len() <= PSN_NO_MAX_LEN && all_digits(&code) {
        Ok(code)
    } else {
        Err(Message::new(Code::PsnNoInvalid))
    }
}

/// A med_type code as the national platform writes it: 2 digits (a national code, e.g. 14),
/// or 4–6 digits (a provincial sub-code such as 140104, classified by its first two). Whether
/// the code is known is for the table that classifies it (ledger::reference, the policy set's
/// use categories); anything of another shape is no med_type at all.
pub fn is_med_type_code(text: &str) -> bool {
    (text.len() == 2 || (4..=6).contains(&text.len())) && all_digits(text)
}

/// The kind of person a psn_type (人员类别) code says, by its first two digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PsnKind {
    /// 11xx 在职 (1101 职工在职, 1102 公务员在职, 1103 灵活就业在职).
    OnDuty,
    /// 12xx 退休.
    Retired,
    /// 13xx 离休.
    Lixiu,
    /// 14xx 未成年居民.
    MinorResident,
    /// 15xx 成年居民.
    AdultResident,
    /// 16xx 老年居民.
    ElderlyResident,
}

/// A psn_type: exactly 4 digits from 1100 to 1699 (the national platform's 人员类别), else
/// `None` — never read from the first digits of longer text.
pub fn psn_kind(text: &str) -> Option<PsnKind> {
    let text = text.trim();
    if text.len() != 4 || !all_digits(text) {
        return None;
    }
    match text.get(..2)? {
        "11" => Some(PsnKind::OnDuty),
        "12" => Some(PsnKind::Retired),
        "13" => Some(PsnKind::Lixiu),
        "14" => Some(PsnKind::MinorResident),
        "15" => Some(PsnKind::AdultResident),
        "16" => Some(PsnKind::ElderlyResident),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn med_type_shapes() {
        let table = [
            ("11", true),
            ("14", true),
            ("1401", true),
            ("14010", true),
            ("140104", true),
            ("99", true),
            ("1", false),
            ("140", false),
            ("1401041", false),
            ("13800138000", false),
            ("620102198001011239", false),
            ("14a1", false),
            ("１４", false),
            ("", false),
        ];
        for (text, want) in table {
            assert_eq!(is_med_type_code(text), want, "{text:?}");
        }
    }

    #[test]
    fn psn_kinds() {
        use PsnKind::*;
        let table = [
            ("1101", Some(OnDuty)),
            ("1103", Some(OnDuty)),
            (" 1201 ", Some(Retired)),
            ("1301", Some(Lixiu)),
            ("1401", Some(MinorResident)),
            ("1501", Some(AdultResident)),
            ("1601", Some(ElderlyResident)),
            ("1001", None),
            ("1701", None),
            ("11", None),
            ("110", None),
            ("11011", None),
            ("110105194912310021", None),
            ("620102198001011239", None),
            ("11x1", None),
            ("", None),
        ];
        for (text, want) in table {
            assert_eq!(psn_kind(text), want, "{text:?}");
        }
    }

    #[test]
    fn sms_codes() {
        for (input, ok) in [
            ("123456", true),
            (" １２３４５６ ", true),
            ("12345", false),
            ("1234567", false),
            ("12a456", false),
            ("", false),
        ] {
            assert_eq!(check_sms_code(input).is_ok(), ok, "{input:?}");
        }
        assert_eq!(check_sms_code("").unwrap_err().code, Code::SmsCodeEmpty);
    }

    #[test]
    fn institution_codes() {
        for (input, ok) in [
            ("H62010200001", true),
            ("p45010301036", true),
            ("H4601050000", false),
            ("X62010200001", false),
            ("H6201020000A", false),
            ("62010200001H", false),
            ("", false),
        ] {
            assert_eq!(check_institution_code(input).is_ok(), ok, "{input:?}");
        }
    }

    #[test]
    fn admdvs_codes() {
        let cases: &[(&str, Result<(), Code>)] = &[
            ("620102", Ok(())),
            ("620000", Ok(())),
            ("629900", Ok(())),
            ("620199", Ok(())),
            ("990099", Err(Code::AdmdvsUnknown)),
            ("620198", Err(Code::AdmdvsUnknown)),
            ("62010", Err(Code::AdmdvsInvalid)),
            ("62O102", Err(Code::AdmdvsInvalid)),
        ];
        for &(input, expected) in cases {
            assert_eq!(check_admdvs(input).map(|_| ()).map_err(|m| m.code), expected, "{input:?}");
        }
    }

    #[test]
    fn psn_numbers() {
        let long = "1".repeat(31);
        for (input, ok) in
            [("62000012345678901234567890", true), ("1", true), (long.as_str(), false), ("6200a", false), ("", false)]
        {
            assert_eq!(check_psn_no(input).is_ok(), ok, "{input:?}");
        }
    }
}
