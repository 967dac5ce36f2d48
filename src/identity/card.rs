//! The 社会保障卡 card number (卡号) the provincial portal's second login asks for, beside the
//! ID number and an image code (whose answer is checked in `codes`). Its shapes are data (data/cards/card_numbers.tsv, UNVERIFIED:
//! no published rule was found), read once; the endpoint decides whether a number belongs to
//! the holder — the core only says whether it can be a card number at all, and where to look.

use std::sync::OnceLock;

use crate::identity::codes::folded;
use crate::messages::{Code, Message};

const CARD_NUMBERS: &str = include_str!("../../data/cards/card_numbers.tsv");

/// The shapes of the data file: `A` an upper-case letter, `9` a digit, anything else itself.
fn shapes() -> &'static [&'static str] {
    static SHAPES: OnceLock<Vec<&'static str>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        CARD_NUMBERS
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split('\t').next())
            .map(str::trim)
            .filter(|shape| !shape.is_empty())
            .collect()
    })
}

fn fits(number: &str, shape: &str) -> bool {
    number.len() == shape.len()
        && number.bytes().zip(shape.bytes()).all(|(c, s)| match s {
            b'A' => c.is_ascii_uppercase(),
            b'9' => c.is_ascii_digit(),
            other => c == other,
        })
}

/// A card number as typed (spaces, full-width forms and lower case allowed) → its normal form.
pub fn check_card_number(text: &str) -> Result<String, Message> {
    if text.trim().is_empty() {
        return Err(Message::new(Code::CardNumberEmpty));
    }
    let number = folded(text).ok_or(Message::new(Code::CardNumberInvalid))?.to_ascii_uppercase();
    if shapes().iter().any(|shape| fits(&number, shape)) {
        Ok(number)
    } else {
        Err(Message::new(Code::CardNumberInvalid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_by_the_shapes_of_the_data() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("A62110201", Ok("A62110201")),
            ("a6211 0201", Ok("A62110201")),
            ("Ａ６２１１０２０１", Ok("A62110201")),
            ("621102019", Ok("621102019")),
            ("", Err(Code::CardNumberEmpty)),
            ("   ", Err(Code::CardNumberEmpty)),
            ("A6211020", Err(Code::CardNumberInvalid)),
            ("AB6211020", Err(Code::CardNumberInvalid)),
            ("621102198605200671", Err(Code::CardNumberInvalid)),
            ("A6211020１x", Err(Code::CardNumberInvalid)),
        ];
        for (text, want) in table {
            let got = check_card_number(text).map_err(|m| m.code);
            assert_eq!(got, want.map(str::to_string), "{text:?}");
        }
        assert_eq!(shapes().len(), 2, "the data file's shapes");
    }

    #[test]
    fn captcha_answers_are_digits() {
        use crate::identity::codes::check_captcha_answer;
        assert_eq!(check_captcha_answer(" ７３５２ ").unwrap(), "7352");
        assert_eq!(check_captcha_answer("9").unwrap(), "9");
        assert_eq!(check_captcha_answer("").unwrap_err().code, Code::CaptchaEmpty);
        assert_eq!(check_captcha_answer("九").unwrap_err().code, Code::CaptchaInvalid);
        assert_eq!(check_captcha_answer("1234567").unwrap_err().code, Code::CaptchaInvalid);
    }
}
