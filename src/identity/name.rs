//! Personal names as written on ID documents: Han characters (including rare ones outside the
//! BMP, e.g. 𠀀 U+20000, 𪚥 U+2A6A5), minority names joined by the middle dot ·, and Latin
//! letters with spaces, hyphens and apostrophes for foreigners. No digits, no markup, no
//! mixing of Han and Latin.
//!
//! Limits (characters, counting the dot): a Han name has 2–30 (minority names such as
//! 阿卜杜热西提·艾合买提 run past the 15 an ID card prints on one line, and the provincial
//! system keeps the full name); a Latin name has 2–60, as on a permanent residence card's
//! machine-readable line and a passport's name fields.

use std::fmt;

use crate::identity::{mask, MAX_INPUT_BYTES};
use crate::messages::{Code, Message};

pub const HAN_MIN_CHARS: usize = 2;
pub const HAN_MAX_CHARS: usize = 30;
pub const LATIN_MIN_CHARS: usize = 2;
pub const LATIN_MAX_CHARS: usize = 60;

/// The one middle dot names are normalised to (U+00B7, as GB 18030 and the ID card use).
pub const MIDDLE_DOT: char = '·';

/// Characters people type for the middle dot: katakana middle dot ・, bullet •, hyphenation
/// point ‧, half-width katakana ･, middle dot ·, dot operator ⋅, bullet operator ∙, black
/// circle ●, Greek ano teleia ·, word separator middle dot ⸱.
const DOT_FORMS: [char; 10] = [
    '\u{30FB}', '\u{2022}', '\u{2027}', '\u{FF65}', '\u{00B7}', '\u{22C5}', '\u{2219}', '\u{25CF}', '\u{0387}',
    '\u{2E31}',
];

/// CJK ideograph blocks (Unicode 15.1): URO, Ext A–I, compatibility ideographs, and 〇.
const HAN_RANGES: [(u32, u32); 12] = [
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0x2CEB0, 0x2EBEF),
    (0x2EBF0, 0x2EE5F),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x323AF),
];

/// Whether `c` is one of the characters read as the middle dot (· itself included).
pub(crate) fn is_dot_form(c: char) -> bool {
    DOT_FORMS.contains(&c)
}

pub fn is_han(c: char) -> bool {
    let u = u32::from(c);
    HAN_RANGES.iter().any(|&(low, high)| (low..=high).contains(&u))
}

/// Latin letters: ASCII and the accented letters of Latin-1 and Latin Extended-A/B.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
}

/// Joiners inside a Latin name: O'Brien, Jean-Luc.
fn is_latin_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}')
}

/// A checked, normalised name. `Debug`/`Display` show only the masked form.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    /// Invisible characters (`text::display_safe`: a zero-width space or a bidi mark pasted
    /// along with the name) are dropped first: nobody can see them to correct them, and they
    /// must never reach a screen.
    pub fn parse(text: &str) -> Result<PersonName, Message> {
        let cleaned = crate::text::display_safe(text);
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Err(Message::new(Code::NameEmpty));
        }
        if trimmed.len() > MAX_INPUT_BYTES {
            // Too long to read in full; a Han character near the start says which limit to state.
            let max = if trimmed.chars().take(16).any(is_han) { HAN_MAX_CHARS } else { LATIN_MAX_CHARS };
            return Err(Message::new(Code::NameTooLong).with("max", max.to_string()));
        }
        // Fold dots and full-width Latin letters, collapse runs of whitespace to one space.
        let mut chars: Vec<char> = Vec::new();
        for c in trimmed.chars() {
            let c = match u32::from(c) {
                _ if DOT_FORMS.contains(&c) => MIDDLE_DOT,
                full @ (0xFF21..=0xFF3A | 0xFF41..=0xFF5A) => char::from_u32(full - 0xFEE0).unwrap_or(c),
                _ if c.is_whitespace() => ' ',
                _ => c,
            };
            if !(c == ' ' && chars.last() == Some(&' ')) {
                chars.push(c);
            }
        }
        if !chars.iter().all(|&c| is_han(c) || is_latin_letter(c) || is_latin_joiner(c) || c == ' ' || c == MIDDLE_DOT)
        {
            return Err(Message::new(Code::NameCharacters));
        }
        let has_han = chars.iter().any(|&c| is_han(c));
        let has_latin = chars.iter().any(|&c| is_latin_letter(c));
        if has_han && has_latin {
            return Err(Message::new(Code::NameMixedScript));
        }
        if has_han {
            // Spaces are not part of a Han name (nor around its dots); joiners never are.
            chars.retain(|&c| c != ' ');
            if chars.iter().any(|&c| is_latin_joiner(c)) {
                return Err(Message::new(Code::NameCharacters));
            }
        } else {
            // Spaces around a dot in a Latin name go; the dot still needs letters either side.
            let mut tidy: Vec<char> = Vec::with_capacity(chars.len());
            for (i, &c) in chars.iter().enumerate() {
                let next = chars.get(i + 1).copied();
                if c == ' ' && (tidy.last() == Some(&MIDDLE_DOT) || next == Some(MIDDLE_DOT)) {
                    continue;
                }
                tidy.push(c);
            }
            chars = tidy;
        }
        let separator = |c: char| c == MIDDLE_DOT || c == ' ' || is_latin_joiner(c);
        let misplaced = chars.first().is_some_and(|&c| separator(c))
            || chars.last().is_some_and(|&c| separator(c))
            || chars.windows(2).any(|pair| matches!(pair, [a, b] if separator(*a) && separator(*b)));
        if misplaced {
            return Err(Message::new(Code::NameDotPlacement));
        }
        let (min, max) = if has_han { (HAN_MIN_CHARS, HAN_MAX_CHARS) } else { (LATIN_MIN_CHARS, LATIN_MAX_CHARS) };
        if chars.len() < min {
            return Err(Message::new(Code::NameTooShort).with("min", min.to_string()));
        }
        if chars.len() > max {
            return Err(Message::new(Code::NameTooLong).with("max", max.to_string()));
        }
        Ok(PersonName(chars.into_iter().collect()))
    }

    /// The normalised name. Personal data: mask before showing on shared screens or logging.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({})", mask::mask_name(&self.0))
    }
}

/// The masked name (`mask::mask_name`, the one masking of names).
impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask::mask_name(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rules() {
        let cases: &[(&str, Result<&str, Code>)] = &[
            ("张三", Ok("张三")),
            (" 欧阳娜娜 ", Ok("欧阳娜娜")),
            ("𠀀𪚥", Ok("𠀀𪚥")),
            ("王𪚥", Ok("王𪚥")),
            ("阿卜杜热西提・艾合买提", Ok("阿卜杜热西提·艾合买提")),
            ("买买提•艾力", Ok("买买提·艾力")),
            ("买买提‧艾力", Ok("买买提·艾力")),
            ("买买提･艾力", Ok("买买提·艾力")),
            ("买买提⋅艾力", Ok("买买提·艾力")),
            ("买买提∙艾力", Ok("买买提·艾力")),
            ("买买提●艾力", Ok("买买提·艾力")),
            ("买买提 · 艾力", Ok("买买提·艾力")),
            ("张 三", Ok("张三")),
            ("John  Smith", Ok("John Smith")),
            ("Seán O'Brien", Ok("Seán O'Brien")),
            ("Jean-Luc Picard", Ok("Jean-Luc Picard")),
            ("ＪＯＨＮ", Ok("JOHN")),
            ("", Err(Code::NameEmpty)),
            ("  ", Err(Code::NameEmpty)),
            ("张3", Err(Code::NameCharacters)),
            ("<b>张三</b>", Err(Code::NameCharacters)),
            ("张三😀", Err(Code::NameCharacters)),
            ("张三John", Err(Code::NameMixedScript)),
            ("·买买提", Err(Code::NameDotPlacement)),
            ("买买提·", Err(Code::NameDotPlacement)),
            ("买买提··艾力", Err(Code::NameDotPlacement)),
            ("John--Smith", Err(Code::NameDotPlacement)),
            ("张", Err(Code::NameTooShort)),
            ("J", Err(Code::NameTooShort)),
        ];
        for &(input, expected) in cases {
            let got = PersonName::parse(input).map(|n| n.as_str().to_string()).map_err(|m| m.code);
            assert_eq!(got, expected.map(str::to_string), "{input:?}");
        }
        let too_long_han = "张".repeat(HAN_MAX_CHARS + 1);
        assert_eq!(PersonName::parse(&too_long_han).unwrap_err().code, Code::NameTooLong);
        assert!(PersonName::parse(&"张".repeat(HAN_MAX_CHARS)).is_ok());
        let too_long_latin = "a".repeat(LATIN_MAX_CHARS + 1);
        assert_eq!(PersonName::parse(&too_long_latin).unwrap_err().code, Code::NameTooLong);
        // Past the byte cap the message still states the limit of the name's own script.
        for (text, max) in [("张".repeat(200), HAN_MAX_CHARS), ("a".repeat(600), LATIN_MAX_CHARS)] {
            let problem = PersonName::parse(&text).unwrap_err();
            assert_eq!(problem.code, Code::NameTooLong);
            assert_eq!(problem.render(crate::messages::Locale::Hans), format!("姓名最多{max}个字符。"));
        }
    }

    #[test]
    fn name_is_masked_in_debug_and_display() {
        let name = PersonName::parse("张小三").unwrap();
        assert_eq!(name.to_string(), "张*三");
        assert!(!format!("{name:?}").contains("张小三"));
    }
}
