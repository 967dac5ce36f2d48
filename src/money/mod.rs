//! Exact yuan amounts (this file), reading them (`parse`), showing them (`format`), 人民币大写
//! (`uppercase`) and the spoken form (`spoken`).
//!
//! `Yuan` is a rust_decimal value with at most two decimals (fen) and an
//! absolute value below 10^14 — the national platform's numeric(16,2) — so every amount the
//! provincial system can send fits, and sums that leave that range are an error, never a
//! wrong number. Amounts cross the JS boundary only as decimal strings.
//!
//! Rounding, where it happens, is half away from zero (四舍五入), never rust_decimal's
//! default banker's rounding.

pub mod format;
mod numerals;
pub mod parse;
pub mod script;
pub mod spoken;
pub mod uppercase;

pub use format::{format_yuan, FormatOptions, FormatYuanOptions};
pub use parse::{check_yuan, parse_rounded, parse_yuan, ParseYuanOptions, YuanCheck};
pub use spoken::to_spoken_chinese;
pub use uppercase::{to_chinese_uppercase, ChineseUppercaseOptions};

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::messages::{Code, Message};

/// 四舍五入: how every yuan amount is rounded to fen.
pub const YUAN_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// An exact amount of yuan, to the fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Yuan(Decimal);

/// The largest amount: 99,999,999,999,999.99 (numeric(16,2)).
const MAX_FEN: i64 = 9_999_999_999_999_999;

fn overflow() -> Message {
    Message::new(Code::MoneyOverflow)
}

impl Yuan {
    pub const ZERO: Yuan = Yuan(Decimal::ZERO);

    pub fn max() -> Yuan {
        Yuan(Decimal::new(MAX_FEN, 2))
    }

    /// Wraps an exact decimal: more than two non-zero decimals is `MONEY_TOO_MANY_DECIMALS`,
    /// out of range is `MONEY_OVERFLOW`.
    pub fn from_decimal_exact(value: Decimal) -> Result<Yuan, Message> {
        let normalized = value.normalize();
        if normalized.scale() > 2 {
            return Err(Message::new(Code::MoneyTooManyDecimals));
        }
        Yuan::checked(normalized)
    }

    /// Rounds any decimal to fen, half away from zero (四舍五入).
    pub fn from_decimal_rounded(value: Decimal) -> Result<Yuan, Message> {
        Yuan::checked(value.round_dp_with_strategy(2, YUAN_ROUNDING))
    }

    fn checked(value: Decimal) -> Result<Yuan, Message> {
        if value.abs() > Decimal::new(MAX_FEN, 2) {
            return Err(overflow());
        }
        let mut value = value;
        value.rescale(2);
        Ok(Yuan(value))
    }

    pub fn from_fen(fen: i64) -> Result<Yuan, Message> {
        if fen.unsigned_abs() > MAX_FEN.unsigned_abs() {
            return Err(overflow());
        }
        Ok(Yuan(Decimal::new(fen, 2)))
    }

    /// The amount in fen; exact because the value has two decimals and fits in i64.
    pub fn to_fen(self) -> i64 {
        // The mantissa of a scale-2 decimal below 10^16 always fits in i64.
        i64::try_from(self.0.mantissa()).unwrap_or(if self.0.is_sign_negative() { i64::MIN } else { i64::MAX })
    }

    /// The strict machine form the provincial system sends and the boundary accepts:
    /// optional '-', ASCII digits, optionally '.' and one or two digits. Friendlier user
    /// input (¥, full-width digits, separators) goes through `parse_yuan` instead.
    pub fn parse_plain(text: &str) -> Result<Yuan, Message> {
        let bytes = text.as_bytes();
        let unsigned = bytes.strip_prefix(b"-").unwrap_or(bytes);
        let (int_part, frac_part) = match unsigned.iter().position(|&b| b == b'.') {
            Some(dot) => (unsigned.get(..dot).unwrap_or_default(), unsigned.get(dot + 1..)),
            None => (unsigned, None),
        };
        let all_digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
        if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
            return Err(Message::new(Code::MoneyInvalid));
        }
        if frac_part.is_some_and(|f| f.len() > 2) {
            return Err(Message::new(Code::MoneyTooManyDecimals));
        }
        if int_part.len() > 14 && int_part.iter().skip_while(|&&b| b == b'0').count() > 14 {
            return Err(overflow());
        }
        // Validated: at most 14 significant integer digits and 2 decimals, so the fen fit in
        // i64; read them directly rather than through rust_decimal's general parser.
        let fen = int_part
            .iter()
            .chain(frac_part.unwrap_or_default().iter().chain(std::iter::repeat(&b'0')).take(2))
            .fold(0i64, |acc, &b| acc.saturating_mul(10).saturating_add(i64::from(b - b'0')));
        let negative = bytes.first() == Some(&b'-');
        Yuan::from_fen(if negative { -fen } else { fen })
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn abs(self) -> Yuan {
        Yuan(self.0.abs())
    }

    pub fn checked_add(self, other: Yuan) -> Result<Yuan, Message> {
        self.0.checked_add(other.0).ok_or_else(overflow).and_then(Yuan::checked)
    }

    pub fn checked_sub(self, other: Yuan) -> Result<Yuan, Message> {
        self.0.checked_sub(other.0).ok_or_else(overflow).and_then(Yuan::checked)
    }

    /// Negation never leaves the symmetric range, so it cannot fail.
    pub fn negated(self) -> Yuan {
        Yuan(-self.0)
    }

    pub fn min(self, other: Yuan) -> Yuan {
        if self <= other {
            self
        } else {
            other
        }
    }

    pub fn max_of(self, other: Yuan) -> Yuan {
        if self >= other {
            self
        } else {
            other
        }
    }

    pub fn compare(self, other: Yuan) -> Ordering {
        self.cmp(&other)
    }

    /// Exact sum of many amounts; overflow anywhere is an error.
    /// Added in integer fen: the same exact result as `checked_add` step by step (each
    /// partial sum must stay in range), without rust_decimal's general addition per term.
    pub fn sum<I: IntoIterator<Item = Yuan>>(amounts: I) -> Result<Yuan, Message> {
        let fen = amounts.into_iter().try_fold(0i64, |acc, amount| {
            acc.checked_add(amount.to_fen())
                .filter(|total| total.unsigned_abs() <= MAX_FEN.unsigned_abs())
                .ok_or_else(overflow)
        })?;
        Yuan::from_fen(fen)
    }
}

impl fmt::Display for Yuan {
    /// The canonical machine form: "-1234.50", always two decimals, no grouping.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = self.0;
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        value.rescale(2);
        write!(f, "{value}")
    }
}

impl serde::Serialize for Yuan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Yuan {
    /// Reads the plain machine form from a string ("1234.5"); a JSON number is refused,
    /// because it would arrive here as a float that may already have lost a fen.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Yuan, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Yuan::parse_plain(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_uses_strings_only() {
        let yuan: Yuan = serde_json::from_str(r#""-12.5""#).unwrap();
        assert_eq!(serde_json::to_string(&yuan).unwrap(), r#""-12.50""#);
        assert!(serde_json::from_str::<Yuan>("12.5").is_err());
        assert!(serde_json::from_str::<Yuan>(r#""1.234""#).is_err());
    }

    #[test]
    fn plain_parse_table() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("0", Ok("0.00")),
            ("-0", Ok("0.00")),
            ("1234.5", Ok("1234.50")),
            ("-12.30", Ok("-12.30")),
            ("99999999999999.99", Ok("99999999999999.99")),
            ("100000000000000", Err(Code::MoneyOverflow)),
            ("0000000000000000001.00", Ok("1.00")),
            ("1.234", Err(Code::MoneyTooManyDecimals)),
            ("1.", Err(Code::MoneyInvalid)),
            (".5", Err(Code::MoneyInvalid)),
            ("1e3", Err(Code::MoneyInvalid)),
            ("+1", Err(Code::MoneyInvalid)),
            ("--1", Err(Code::MoneyInvalid)),
            ("", Err(Code::MoneyInvalid)),
            ("1 000", Err(Code::MoneyInvalid)),
        ];
        for (text, want) in table {
            let got = Yuan::parse_plain(text).map(|y| y.to_string()).map_err(|e| e.code);
            assert_eq!(got, want.map(str::to_string), "{text:?}");
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let table = [
            ("1234.565", "1234.57"),
            ("-1234.565", "-1234.57"),
            ("0.125", "0.13"),
            ("0.124", "0.12"),
            ("-0.005", "-0.01"),
        ];
        for (input, want) in table {
            let value: Decimal = input.parse().unwrap();
            assert_eq!(Yuan::from_decimal_rounded(value).unwrap().to_string(), want, "{input}");
        }
    }

    #[test]
    fn overflow_is_an_error() {
        let max = Yuan::max();
        assert_eq!(max.checked_add(Yuan::from_fen(1).unwrap()).unwrap_err().code, Code::MoneyOverflow);
        assert_eq!(max.negated().checked_sub(Yuan::from_fen(1).unwrap()).unwrap_err().code, Code::MoneyOverflow);
        assert_eq!(Yuan::from_fen(i64::MIN).unwrap_err().code, Code::MoneyOverflow);
        assert_eq!(max.to_fen(), MAX_FEN);
    }
}
