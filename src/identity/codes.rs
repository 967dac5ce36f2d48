//! Short codes typed or received in the flows: SMS codes, designated institution codes
//! (定点医药机构编码), admdvs (医保区划) codes and psn_no (人员编号).

use crate::identity::{fold_code_text, regions, MAX_INPUT_BYTES};
use crate::messages::{Code, Message};

/// Folds and trims; `None` if the input is too long to be any of these codes.
fn folded(text: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
