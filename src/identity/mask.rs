//! Masking of personal data for shared screens and logs.
//!
//! - ID numbers keep at most the first 4 and last 4 characters, never a character of the
//!   birth date: 1101**********002X (18), 1101********002 (legacy 15: its last 3),
//!   ABC********1234 (2017 foreigner: letters and the 4 digits after the date). Text of
//!   any other shape keeps only its first character.
//! - Phones: 138****1234. Anything that is not a valid mobile number becomes stars only.
//! - Names: 王* (two characters, or one), 张*三, 欧**娜 (first and last kept, one star per
//!   hidden character); minority names keep their dots (买**·*力); Latin names keep each
//!   word's initial (J*** S****).
//!
//! Input longer than any real value (see `MAX_INPUT_BYTES`) becomes "***". What is masked is
//! display text: bidi and invisible characters are taken out first (`text::display_safe`), so
//! a kept first or last character can never be one of them.
//!
//! These are the only masking functions of the crate: every type that shows a masked form
//! (`ResidentId`, `Phone`, `PersonName`), the ledger and the family rules call them.

use crate::identity::name::{is_dot_form, is_han, MIDDLE_DOT};
use crate::identity::phone::Phone;
use crate::identity::{fold_code_text, MAX_INPUT_BYTES};
use crate::text::display_safe;

const TOO_LONG: &str = "***";

fn stars(n: usize) -> String {
    "*".repeat(n)
}

/// The characters of `text`, in one allocation (an ID number or a phone is masked by
/// position, and most of them are ASCII).
fn chars_of(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    chars
}

/// Keeps the first `head` and last `tail` characters, stars in between, in one allocation.
fn keep_ends(chars: &[char], head: usize, tail: usize) -> String {
    let n = chars.len();
    let mut out = String::with_capacity(n * 4);
    out.extend(chars.iter().take(head));
    out.extend(std::iter::repeat_n('*', n.saturating_sub(head + tail)));
    out.extend(chars.iter().skip(n.saturating_sub(tail).max(head)));
    out
}

/// Masks an ID number (any of the shapes `resident_id` reads), never showing its birth date.
pub fn mask_resident_id(certno: &str) -> String {
    let cleaned = display_safe(certno);
    let trimmed = cleaned.trim();
    if trimmed.len() > MAX_INPUT_BYTES {
        return TOO_LONG.to_string();
    }
    let mut folded = fold_code_text(trimmed);
    folded.make_ascii_uppercase();
    let chars = chars_of(&folded);
    let digits = |from: usize| chars.iter().skip(from).all(char::is_ascii_digit);
    let letters3 = chars.len() == 15 && chars.iter().take(3).all(char::is_ascii_uppercase) && digits(3);
    match chars.len() {
        18 => keep_ends(&chars, 4, 4),
        15 if letters3 => keep_ends(&chars, 3, 4),
        15 if digits(0) => keep_ends(&chars, 4, 3),
        0 => String::new(),
        _ => keep_ends(&chars, 1, 0),
    }
}

/// 138****1234 for a valid mobile number (after stripping +86, spaces, dashes).
pub fn mask_phone(phone: &str) -> String {
    let phone = display_safe(phone);
    if phone.trim().len() > MAX_INPUT_BYTES {
        return TOO_LONG.to_string();
    }
    match Phone::parse(&phone) {
        Ok(valid) => keep_ends(&chars_of(valid.digits()), 3, 4),
        Err(_) => stars(phone.trim().chars().count()),
    }
}

/// 张*三, 王*: see the module header for minority and foreign names.
pub fn mask_name(name: &str) -> String {
    let cleaned = display_safe(name);
    let trimmed = cleaned.trim();
    if trimmed.len() > MAX_INPUT_BYTES {
        return TOO_LONG.to_string();
    }
    let chars: Vec<char> = trimmed.chars().collect();
    if chars.iter().any(char::is_ascii_alphabetic) && !chars.iter().any(|&c| is_han(c)) {
        // Latin: each word's initial, the rest starred.
        return trimmed
            .split(' ')
            .filter(|word| !word.is_empty())
            .map(|word| keep_ends(&chars_of(word), 1, 0))
            .collect::<Vec<_>>()
            .join(" ");
    }
    // The same dot forms the name rules fold to ·, so a dot is never starred nor counted.
    let is_dot = is_dot_form;
    let letters: Vec<usize> = chars.iter().enumerate().filter(|(_, &c)| !is_dot(c)).map(|(i, _)| i).collect();
    let (first, last) = match letters.as_slice() {
        [] => return String::new(),
        [only] => return format!("{}*", chars.get(*only).copied().unwrap_or('*')),
        [first, _] => (*first, usize::MAX),
        [first, .., last] => (*first, *last),
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if is_dot(c) {
                MIDDLE_DOT
            } else if i == first || i == last {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        let ids = [
            ("11010519491231002X", "1101**********002X"),
            ("11010519491231002x", "1101**********002X"),
            ("110105491231002", "1101********002"),
            ("USA620801123456", "USA********3456"),
            ("1101051949", "1*********"),
            ("\u{202E}11010519491231002X", "1101**********002X"),
            ("\u{200B}1101", "1***"),
            ("", ""),
        ];
        for (input, masked) in ids {
            assert_eq!(mask_resident_id(input), masked, "{input}");
        }
        for (input, masked) in [
            ("13812341234", "138****1234"),
            ("+86 138-1234-1234", "138****1234"),
            ("12345", "*****"),
            ("\u{202D}13812341234\u{202C}", "138****1234"),
        ] {
            assert_eq!(mask_phone(input), masked, "{input}");
        }
        let names = [
            ("张三", "张*"),
            ("王", "王*"),
            ("张小三", "张*三"),
            ("欧阳娜娜", "欧**娜"),
            ("买买提·艾力", "买**·*力"),
            ("买买提・艾力", "买**·*力"),
            ("John Smith", "J*** S****"),
            ("𠀀𪚥𠀀", "𠀀*𠀀"),
            ("", ""),
            // Every dot form the name rules accept is kept as the dot, never starred.
            ("买买提\u{0387}艾力", "买**·*力"),
            ("买买提\u{2E31}艾力", "买**·*力"),
            // Bidi and invisible characters never survive as a kept character.
            ("张三\u{202E}", "张*"),
            ("\u{202E}张小三", "张*三"),
            ("张\u{200B}小\u{2066}三\u{2069}", "张*三"),
        ];
        for (input, masked) in names {
            assert_eq!(mask_name(input), masked, "{input}");
        }
    }
}
