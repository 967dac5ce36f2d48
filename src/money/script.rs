//! The Chinese amount forms in the user's script. 人民币大写 and the spoken form are written
//! in Simplified characters; under Traditional Chinese (zh-Hant) the few numeral characters
//! whose Traditional form differs are swapped, so a 繁體 print view reads 貳仟參佰萬 and a
//! screen reader gets 兩千元 — the digits 壹…玖, 拾佰仟, 零, 元角分 and 整 are the same in both.

use crate::messages::Locale;

/// Simplified → Traditional for every character `uppercase` and `spoken` can write
/// (the characters of 《通用规范汉字表》 with a distinct 繁體 form among them).
const TRADITIONAL: [(char, char); 8] =
    [('贰', '貳'), ('叁', '參'), ('陆', '陸'), ('万', '萬'), ('亿', '億'), ('负', '負'), ('两', '兩'), ('币', '幣')];

/// `text` (an uppercase or spoken amount) in the script of `locale`.
pub fn in_script(text: String, locale: Locale) -> String {
    match locale {
        Locale::Hans => text,
        Locale::Hant => text
            .chars()
            .map(|c| {
                TRADITIONAL.iter().find(|(simplified, _)| *simplified == c).map_or(c, |&(_, traditional)| traditional)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{to_chinese_uppercase, to_spoken_chinese, ChineseUppercaseOptions, Yuan};

    #[test]
    fn traditional_forms() {
        let amount = Yuan::parse_plain("-236002000.20").unwrap();
        let options = ChineseUppercaseOptions { prefix: true, ..ChineseUppercaseOptions::default() };
        let table = [
            (
                to_chinese_uppercase(amount, &options),
                "人民幣負貳億參仟陸佰萬貳仟元貳角",
                "人民币负贰亿叁仟陆佰万贰仟元贰角",
            ),
            (to_spoken_chinese(amount), "負兩億三千六百萬二千元兩角", "负两亿三千六百万二千元两角"),
        ];
        for (text, hant, hans) in table {
            assert_eq!(text, hans);
            assert_eq!(in_script(text.clone(), Locale::Hant), hant);
            assert_eq!(in_script(text, Locale::Hans), hans);
        }
    }
}
