//! Mainland mobile numbers: 11 digits starting 1[3-9]. "+86"/"0086", spaces and dashes
//! (ASCII, full-width and typographic) are stripped first.

use std::fmt;

use crate::identity::{fold_code_text, mask, MAX_INPUT_BYTES};
use crate::messages::{Code, Message};

/// A checked mobile number (11 ASCII digits). `Debug`/`Display` show only `138****1234`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

/// Dashes people type between digit groups: ASCII, full-width (folded to ASCII first),
/// hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

impl Phone {
    pub fn parse(text: &str) -> Result<Phone, Message> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(Message::new(Code::PhoneEmpty));
        }
        if trimmed.len() > MAX_INPUT_BYTES {
            return Err(Message::new(Code::PhoneLength));
        }
        let mut folded = fold_code_text(trimmed);
        folded.retain(|c| !is_dash(c));
        let national = folded.strip_prefix("+86").or_else(|| folded.strip_prefix("0086")).unwrap_or(&folded);
        if national.is_empty() {
            return Err(Message::new(Code::PhoneEmpty));
        }
        if !national.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Message::new(Code::PhoneCharacters));
        }
        if national.len() != 11 {
            return Err(Message::new(Code::PhoneLength));
        }
        match national.as_bytes() {
            [b'1', b'3'..=b'9', ..] => Ok(Phone(national.to_string())),
            _ => Err(Message::new(Code::PhonePrefix)),
        }
    }

    /// The 11 digits. Personal data: mask before showing or logging.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", mask::mask_phone(&self.0))
    }
}

/// The masked number (`mask::mask_phone`, the one masking of phones).
impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask::mask_phone(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_rules() {
        let cases: &[(&str, Result<&str, Code>)] = &[
            ("13812341234", Ok("13812341234")),
            ("+86 138-1234-1234", Ok("13812341234")),
            ("0086 138 1234 1234", Ok("13812341234")),
            ("＋８６ １３８１２３４１２３４", Ok("13812341234")),
            ("138—1234—1234", Ok("13812341234")),
            ("19912345678", Ok("19912345678")),
            ("", Err(Code::PhoneEmpty)),
            ("+86", Err(Code::PhoneEmpty)),
            ("138123412a4", Err(Code::PhoneCharacters)),
            ("(010)12345678", Err(Code::PhoneCharacters)),
            ("1381234123", Err(Code::PhoneLength)),
            ("8613812341234", Err(Code::PhoneLength)),
            ("12812341234", Err(Code::PhonePrefix)),
            ("23812341234", Err(Code::PhonePrefix)),
        ];
        for &(input, expected) in cases {
            let got = Phone::parse(input).map(|p| p.digits().to_string()).map_err(|m| m.code);
            assert_eq!(got, expected.map(str::to_string), "{input:?}");
        }
    }

    #[test]
    fn phone_is_masked_in_debug_and_display() {
        let phone = Phone::parse("13812341234").unwrap();
        assert_eq!(phone.to_string(), "138****1234");
        assert!(!format!("{phone:?}").contains("13812341234"));
    }
}
