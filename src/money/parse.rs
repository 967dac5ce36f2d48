//! Reading amounts: what people type into a form (`parse_yuan`: ¥/￥, 元, full-width digits,
//! thousands separators, surrounding spaces) and the plain machine form with any number of
//! decimals, rounded to the fen (`parse_rounded`, for display of computed amounts).
//!
//! Every rejection has its own code, so a form can say exactly what is wrong; no message
//! ever repeats the text it rejects.

use rust_decimal::Decimal;

use super::Yuan;
use crate::messages::{Code, Locale, Message};

/// What `parse_yuan` accepts besides the defaults. `{}` in JS: non-negative amounts only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct ParseYuanOptions {
    /// Accept a leading minus sign (refunds, corrections). Off by default: users type
    /// transfer amounts and limits, which are never negative.
    pub allow_negative: bool,
}

/// The outcome of checking what a person typed, for a form that validates as they type:
/// `{valid: true, value: "1234.50"}` or `{valid: false, code, message}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct YuanCheck {
    pub valid: bool,
    /// The canonical amount ("1234.50"), when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub value: Option<String>,
    /// The stable MONEY_ code, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub code: Option<String>,
    /// The catalog text for `code` in the requested locale, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub message: Option<String>,
}

/// `parse_yuan` as data rather than an error.
pub fn check_yuan(text: &str, options: &ParseYuanOptions, locale: Locale) -> YuanCheck {
    match parse_yuan(text, options) {
        Ok(yuan) => YuanCheck { valid: true, value: Some(yuan.to_string()), code: None, message: None },
        Err(problem) => YuanCheck {
            valid: false,
            value: None,
            code: Some(problem.code.as_str().to_string()),
            message: Some(problem.render(locale)),
        },
    }
}

/// The largest integer part has 14 significant digits (numeric(16,2)).
const MAX_INTEGER_DIGITS: usize = 14;

fn sign_of(c: char) -> Option<bool> {
    match c {
        '-' | '－' | '−' => Some(true),
        '+' | '＋' => Some(false),
        _ => None,
    }
}

fn is_symbol(c: char) -> bool {
    matches!(c, '¥' | '￥')
}

/// ASCII and full-width digits.
fn digit_of(c: char) -> Option<u64> {
    let ascii = match c {
        '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0)?,
        _ => c,
    };
    ascii.to_digit(10).map(u64::from)
}

/// What one pass over the number itself (after the prefix, before 元) found.
#[derive(Default)]
struct Scan {
    /// The integer part without leading zeros, as long as it fits (`significant` ≤ 15).
    integer: u64,
    significant: usize,
    integer_digits: usize,
    /// The first two decimals, and how many there were in all.
    fraction: u64,
    fraction_digits: usize,
    points: usize,
    signs: usize,
    exponent: bool,
    other: bool,
    misplaced_separator: bool,
    seen_separator: bool,
    /// Digits since the last separator (integer part only).
    group: usize,
}

impl Scan {
    fn of(body: &str) -> Scan {
        let mut scan = Scan::default();
        for c in body.chars() {
            if let Some(d) = digit_of(c) {
                scan.digit(d);
            } else if matches!(c, ',' | '，') {
                scan.separator();
            } else if matches!(c, '.' | '．') {
                scan.points += 1;
                // "1,2.5" and "1,.5": the group before the point must be whole.
                if scan.points == 1 && scan.seen_separator && scan.group != 3 {
                    scan.misplaced_separator = true;
                }
            } else if sign_of(c).is_some() {
                scan.signs += 1;
            } else if matches!(c, 'e' | 'E' | 'ｅ' | 'Ｅ') {
                scan.exponent = true;
            } else {
                scan.other = true;
            }
        }
        if scan.points == 0 && scan.seen_separator && scan.group != 3 {
            scan.misplaced_separator = true;
        }
        scan
    }

    fn digit(&mut self, d: u64) {
        if self.points > 0 {
            self.fraction_digits += 1;
            if self.fraction_digits <= 2 {
                self.fraction = self.fraction * 10 + d;
            }
            return;
        }
        self.integer_digits += 1;
        self.group += 1;
        if self.seen_separator && self.group > 3 {
            self.misplaced_separator = true;
        }
        if self.significant > 0 || d != 0 {
            self.significant += 1;
            if self.significant <= MAX_INTEGER_DIGITS + 1 {
                self.integer = self.integer * 10 + d;
            }
        }
    }

    fn separator(&mut self) {
        let first_group_ok = !self.seen_separator && (1..=3).contains(&self.group);
        let later_group_ok = self.seen_separator && self.group == 3;
        if self.points > 0 || !(first_group_ok || later_group_ok) {
            self.misplaced_separator = true;
        }
        self.seen_separator = true;
        self.group = 0;
    }

    fn digits(&self) -> usize {
        self.integer_digits + self.fraction_digits
    }
}

/// Reads an amount a person typed. Accepts "1234.5", "１２３４．５", "¥1,234.50", "￥１，２３４",
/// "1234元", " 12 " (any Unicode spaces around, full-width included), ".5" and "5." as people
/// type them; a sign only at the front (before or after ¥), and a minus only with
/// `allow_negative`. Returns the exact amount; the first problem found is the error, checked
/// in this order: empty, NaN/Infinity, exponent, other character, several signs, misplaced
/// sign, several points, misplaced separator, no digits, too many decimals, overflow,
/// negative not allowed.
pub fn parse_yuan(text: &str, options: &ParseYuanOptions) -> Result<Yuan, Message> {
    let trimmed = text.trim();
    let without_unit = trimmed.strip_suffix('元').unwrap_or(trimmed).trim_end();
    // The prefix: signs, at most one currency symbol, spaces, in any order ("-¥12", "¥ -12").
    let mut negative = false;
    let mut prefix_signs = 0usize;
    let mut symbols = 0usize;
    let mut body = without_unit;
    for (index, c) in without_unit.char_indices() {
        if let Some(minus) = sign_of(c) {
            prefix_signs += 1;
            negative = minus;
        } else if is_symbol(c) {
            symbols += 1;
        } else if !c.is_whitespace() {
            body = without_unit.get(index..).unwrap_or_default();
            break;
        }
        body = without_unit.get(index + c.len_utf8()..).unwrap_or_default();
    }
    if body.is_empty() {
        return Err(Message::new(Code::MoneyEmpty));
    }
    if ["nan", "infinity", "inf"].iter().any(|word| body.eq_ignore_ascii_case(word)) || body == "∞" {
        return Err(Message::new(Code::MoneyNotANumber));
    }
    let scan = Scan::of(body);
    let code = if scan.exponent && !scan.other && scan.digits() > 0 {
        Some(Code::MoneyExponent)
    } else if scan.other || scan.exponent || symbols > 1 {
        Some(Code::MoneyInvalidCharacter)
    } else if prefix_signs + scan.signs > 1 {
        Some(Code::MoneySeveralSigns)
    } else if scan.signs > 0 {
        Some(Code::MoneyMisplacedSign)
    } else if scan.points > 1 {
        Some(Code::MoneySeveralPoints)
    } else if scan.misplaced_separator {
        Some(Code::MoneyMisplacedSeparator)
    } else if scan.digits() == 0 {
        Some(Code::MoneyInvalid)
    } else if scan.fraction_digits > 2 {
        Some(Code::MoneyTooManyDecimals)
    } else if scan.significant > MAX_INTEGER_DIGITS {
        Some(Code::MoneyOverflow)
    } else {
        None
    };
    if let Some(code) = code {
        return Err(Message::new(code));
    }
    let fraction = if scan.fraction_digits == 1 { scan.fraction * 10 } else { scan.fraction };
    let magnitude = scan.integer.checked_mul(100).and_then(|fen| fen.checked_add(fraction));
    let fen = magnitude.and_then(|m| i64::try_from(m).ok()).ok_or_else(|| Message::new(Code::MoneyOverflow))?;
    let yuan = Yuan::from_fen(if negative { -fen } else { fen })?;
    if yuan.is_negative() && !options.allow_negative {
        return Err(Message::new(Code::MoneyNegativeNotAllowed));
    }
    Ok(yuan)
}

/// Reads the plain machine form with any number of decimals ("1234.565", "-0.005", "12")
/// and rounds it to the fen, half away from zero (四舍五入): what display functions accept,
/// because amounts computed elsewhere (rates, shares) may carry more decimals. Errors:
/// `MONEY_INVALID` for anything but `-?digits(.digits)?`, `MONEY_OVERFLOW` beyond the range.
pub fn parse_rounded(text: &str) -> Result<Yuan, Message> {
    let invalid = || Message::new(Code::MoneyInvalid);
    let bytes = text.as_bytes();
    let (negative, unsigned) = match bytes.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let (integer, fraction) = match unsigned.iter().position(|&b| b == b'.') {
        Some(dot) => (unsigned.get(..dot).unwrap_or_default(), Some(unsigned.get(dot + 1..).unwrap_or_default())),
        None => (unsigned, None),
    };
    let all_digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    if !all_digits(integer) || fraction.is_some_and(|f| !all_digits(f)) {
        return Err(invalid());
    }
    let significant = integer.iter().skip_while(|&&b| b == b'0');
    if significant.clone().count() > MAX_INTEGER_DIGITS {
        return Err(Message::new(Code::MoneyOverflow));
    }
    let fraction = fraction.unwrap_or_default();
    // The amount in units of 10^-places yuan, decimals beyond `places` dropped.
    let number = |places: usize| {
        let padded = fraction.iter().chain(std::iter::repeat(&b'0')).take(places);
        let value = significant.clone().chain(padded).fold(0i64, |acc, &b| acc * 10 + i64::from(b - b'0'));
        if negative {
            -value
        } else {
            value
        }
    };
    if fraction.len() <= 2 {
        // Already to the fen: nothing to round (the common case, kept off rust_decimal).
        return Yuan::from_fen(number(2));
    }
    // Half away from zero to two decimals depends only on the third decimal (≥ 5 rounds
    // away), so the value truncated to three decimals rounds exactly as the full one does;
    // this keeps a 1 MB string of decimals from ever reaching rust_decimal's 28 digits.
    Yuan::from_decimal_rounded(Decimal::new(number(3), 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, allow_negative: bool) -> Result<String, Code> {
        parse_yuan(text, &ParseYuanOptions { allow_negative }).map(|y| y.to_string()).map_err(|e| e.code)
    }

    #[test]
    fn accepted_forms() {
        let table = [
            ("1234.5", "1234.50"),
            ("１２３．４５", "123.45"),
            ("¥1,234.50", "1234.50"),
            ("￥１，２３４", "1234.00"),
            ("1234元", "1234.00"),
            ("¥ 1,234,567.89 元", "1234567.89"),
            ("\u{3000}12\u{3000}", "12.00"),
            (" \t12.3\n", "12.30"),
            (".5", "0.50"),
            ("5.", "5.00"),
            ("007", "7.00"),
            ("+12", "12.00"),
            ("0", "0.00"),
            ("-0", "0.00"),
            ("99,999,999,999,999.99", "99999999999999.99"),
            ("00000000000000099999999999999.99", "99999999999999.99"),
            ("1,234，567", "1234567.00"),
        ];
        for (text, want) in table {
            assert_eq!(parse(text, false), Ok(want.to_string()), "{text:?}");
        }
    }

    #[test]
    fn negatives_only_when_allowed() {
        let table = [
            ("-12.30", "-12.30"),
            ("-¥12.30", "-12.30"),
            ("¥-12.30", "-12.30"),
            ("－１２", "-12.00"),
            ("−5元", "-5.00"),
        ];
        for (text, want) in table {
            assert_eq!(parse(text, true), Ok(want.to_string()), "{text:?}");
            assert_eq!(parse(text, false), Err(Code::MoneyNegativeNotAllowed), "{text:?}");
        }
    }

    #[test]
    fn each_rejection_has_its_code() {
        let table = [
            ("", Code::MoneyEmpty),
            (" \u{3000} ", Code::MoneyEmpty),
            ("¥", Code::MoneyEmpty),
            ("元", Code::MoneyEmpty),
            ("-", Code::MoneyEmpty),
            ("1.234", Code::MoneyTooManyDecimals),
            ("1.230", Code::MoneyTooManyDecimals),
            ("1e3", Code::MoneyExponent),
            ("1.5E-2", Code::MoneyExponent),
            ("NaN", Code::MoneyNotANumber),
            ("-Infinity", Code::MoneyNotANumber),
            ("∞", Code::MoneyNotANumber),
            ("--1", Code::MoneySeveralSigns),
            ("+-1", Code::MoneySeveralSigns),
            ("-1-", Code::MoneySeveralSigns),
            ("1-", Code::MoneyMisplacedSign),
            ("1.2.3", Code::MoneySeveralPoints),
            ("1..2", Code::MoneySeveralPoints),
            ("1,23", Code::MoneyMisplacedSeparator),
            ("1234,567", Code::MoneyMisplacedSeparator),
            (",123", Code::MoneyMisplacedSeparator),
            ("1,,234", Code::MoneyMisplacedSeparator),
            ("1,234,", Code::MoneyMisplacedSeparator),
            ("1,2.5", Code::MoneyMisplacedSeparator),
            ("1.2,5", Code::MoneyMisplacedSeparator),
            (".", Code::MoneyInvalid),
            ("3²", Code::MoneyInvalidCharacter),
            ("ⅷ", Code::MoneyInvalidCharacter),
            ("€", Code::MoneyInvalidCharacter),
            ("12€", Code::MoneyInvalidCharacter),
            ("\u{FFFD}", Code::MoneyInvalidCharacter),
            ("1 2", Code::MoneyInvalidCharacter),
            ("¥¥1", Code::MoneyInvalidCharacter),
            ("hello", Code::MoneyInvalidCharacter),
            ("12元5角", Code::MoneyInvalidCharacter),
            ("100000000000000", Code::MoneyOverflow),
            ("999,999,999,999,999", Code::MoneyOverflow),
        ];
        for (text, want) in table {
            assert_eq!(parse(text, true), Err(want), "{text:?}");
        }
    }

    #[test]
    fn check_is_data() {
        let ok = check_yuan("¥1,234.5", &ParseYuanOptions::default(), Locale::Hans);
        assert_eq!((ok.valid, ok.value.as_deref(), ok.code), (true, Some("1234.50"), None));
        let bad = check_yuan("1.234", &ParseYuanOptions::default(), Locale::Hant);
        assert!(!bad.valid);
        assert_eq!(bad.code.as_deref(), Some("MONEY_TOO_MANY_DECIMALS"));
        assert_eq!(bad.message.as_deref(), Some(Code::MoneyTooManyDecimals.template(Locale::Hant)));
    }

    #[test]
    fn huge_inputs_end_in_a_code() {
        let digits = "9".repeat(1 << 20);
        assert_eq!(parse(&digits, false), Err(Code::MoneyOverflow));
        let decimals = format!("1.{}", "0".repeat(1 << 20));
        assert_eq!(parse(&decimals, false), Err(Code::MoneyTooManyDecimals));
        assert_eq!(parse_rounded(&decimals).map(|y| y.to_string()), Ok("1.00".to_string()));
        let junk = "ⅷ".repeat(1 << 18);
        assert_eq!(parse(&junk, false), Err(Code::MoneyInvalidCharacter));
    }

    #[test]
    fn rounded_plain_form() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("1234.565", Ok("1234.57")),
            ("-1234.565", Ok("-1234.57")),
            ("1234.5649999", Ok("1234.56")),
            ("0.005", Ok("0.01")),
            ("-0.004", Ok("0.00")),
            ("12", Ok("12.00")),
            ("99999999999999.994", Ok("99999999999999.99")),
            ("99999999999999.995", Err(Code::MoneyOverflow)),
            ("100000000000000", Err(Code::MoneyOverflow)),
            ("", Err(Code::MoneyInvalid)),
            ("1.", Err(Code::MoneyInvalid)),
            ("¥1", Err(Code::MoneyInvalid)),
            ("1e3", Err(Code::MoneyInvalid)),
        ];
        for (text, want) in table {
            let got = parse_rounded(text).map(|y| y.to_string()).map_err(|e| e.code);
            assert_eq!(got, want.map(str::to_string), "{text:?}");
        }
    }
}
