//! 人民币大写: the amount in Chinese capitals as written on bills and settlement vouchers,
//! following the PBOC 《正确填写票据和结算凭证的基本规定》:
//! - 整 after 元 when there are no 角 or 分 (壹佰元整); after 角 only by option; never after 分;
//! - a zero inside the number is written 零, a run of zeros as one 零 (壹仟零肆元), also
//!   across 万/亿 (壹亿零壹万零壹元);
//! - when 角 is 0 and 分 is not, 零 follows 元 (叁佰贰拾伍元零肆分);
//! - where the rules allow either (元 digit 0 before a non-zero 角, 万 digit 0 before a
//!   non-zero 千), no 零 is written — 壹仟陆佰捌拾元叁角贰分, 壹拾万柒仟元 — as nzh does;
//! - 壹拾 is always written in full (壹拾万, never 拾万), so nothing can be added in front.
//!
//! An amount below one yuan has no 元 (伍角, 伍分); zero is 零元整; negatives start with 负
//! (after the optional 人民币: 人民币负壹佰元整). Characters are the PBOC's simplified ones,
//! whatever the message locale, because they are what mainland bills carry.

use super::numerals::{write_integer, Numerals};
use super::Yuan;

const CAPITALS: Numerals = Numerals {
    digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
    places: ["", "拾", "佰", "仟"],
    spoken: false,
};

/// Variants allowed by the rules. In JS every field is optional and defaults to false.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct ChineseUppercaseOptions {
    /// Start with "人民币" (人民币壹佰元整).
    pub prefix: bool,
    /// Write 整 after 角 when there is no 分 (壹元伍角整); the rules make it optional.
    pub zheng_after_jiao: bool,
}

fn digit(d: u64) -> &'static str {
    CAPITALS.digits.get(d as usize).copied().unwrap_or_default()
}

/// The amount in Chinese capitals.
pub fn to_chinese_uppercase(amount: Yuan, options: &ChineseUppercaseOptions) -> String {
    let mut out = String::with_capacity(96);
    write_chinese_uppercase(amount, options, &mut out);
    out
}

/// `to_chinese_uppercase` into an existing buffer (the batch functions reuse one).
pub fn write_chinese_uppercase(amount: Yuan, options: &ChineseUppercaseOptions, out: &mut String) {
    if options.prefix {
        out.push_str("人民币");
    }
    let fen = amount.to_fen();
    if fen < 0 {
        out.push('负');
    }
    let magnitude = fen.unsigned_abs();
    let (yuan, jiao, fen) = (magnitude / 100, magnitude / 10 % 10, magnitude % 10);
    if magnitude == 0 {
        out.push_str("零元整");
        return;
    }
    if yuan > 0 {
        write_integer(yuan, &CAPITALS, out);
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) => out.push('整'),
        (0, f) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push_str(digit(f));
            out.push('分');
        }
        (j, f) => {
            out.push_str(digit(j));
            out.push('角');
            if f > 0 {
                out.push_str(digit(f));
                out.push('分');
            } else if options.zheng_after_jiao {
                out.push('整');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capitals(fen: i64) -> String {
        to_chinese_uppercase(Yuan::from_fen(fen).unwrap(), &ChineseUppercaseOptions::default())
    }

    #[test]
    fn pboc_examples_and_boundaries() {
        let table = [
            (123_456, "壹仟贰佰叁拾肆元伍角陆分"),
            (10_000, "壹佰元整"),
            (100_405, "壹仟零肆元零伍分"),
            (0, "零元整"),
            // The rule text's own examples.
            (140_950, "壹仟肆佰零玖元伍角"),
            (600_714, "陆仟零柒元壹角肆分"),
            (168_032, "壹仟陆佰捌拾元叁角贰分"),
            (10_700_053, "壹拾万柒仟元伍角叁分"),
            (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
            (32_504, "叁佰贰拾伍元零肆分"),
            // Zeros inside, 万/亿 boundaries.
            (10_000_010, "壹拾万元壹角"),
            (1_000_000_000, "壹仟万元整"),
            (10_001_000_101, "壹亿零壹万零壹元零壹分"),
            (10_000_100_000, "壹亿零壹仟元整"),
            (10_000_000_000, "壹亿元整"),
            (100_700_000, "壹佰万柒仟元整"),
            (100_070_000, "壹佰万零柒佰元整"),
            (1_000, "壹拾元整"),
            (1_100, "壹拾壹元整"),
            (50, "伍角"),
            (5, "伍分"),
            (55, "伍角伍分"),
            (105, "壹元零伍分"),
            (999_999_900, "玖佰玖拾玖万玖仟玖佰玖拾玖元整"),
            (1_000_000, "壹万元整"),
            (100_000_000_000_000, "壹万亿元整"),
            (100_000_000_000_100, "壹万亿零壹元整"),
            (101_000_000_000_000, "壹万零壹佰亿元整"),
            (100_010_000_000_000, "壹万零壹亿元整"),
            (9_999_999_999_999_999, "玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
            (800_006_500_700_547, "捌万亿零陆仟伍佰万柒仟零伍元肆角柒分"),
            (-10_000, "负壹佰元整"),
            (-5, "负伍分"),
        ];
        for (fen, want) in table {
            assert_eq!(capitals(fen), want, "{fen} fen");
        }
    }

    #[test]
    fn options() {
        let with = |fen, prefix, zheng_after_jiao| {
            to_chinese_uppercase(Yuan::from_fen(fen).unwrap(), &ChineseUppercaseOptions { prefix, zheng_after_jiao })
        };
        assert_eq!(with(150, false, true), "壹元伍角整");
        assert_eq!(with(155, false, true), "壹元伍角伍分");
        assert_eq!(with(100, false, true), "壹元整");
        assert_eq!(with(-10_000, true, false), "人民币负壹佰元整");
        assert_eq!(with(0, true, false), "人民币零元整");
    }
}
