//! The amount as it is said aloud, for screen readers and the elderly mode:
//! "一千二百三十四元五角六分", "两千元", "十二万元", "一元零六分".
//!
//! Choices, following everyday Mandarin (《现代汉语词典》 on 两/二):
//! - 十 opens a number without 一 (十元, 十二万), but 一十 inside one (一百一十, 一万零一十);
//! - a 2 that opens the amount before 百, 千, 万 or 亿 is 两 (两百元, 两千元, 两万, 两亿,
//!   两千万); elsewhere in a number it is 二 (十二, 二十, 一千二百, 一万二千);
//! - a count of exactly 2 before the measure words 元, 角, 分 is 两 (两元, 三元两角, 五角两分),
//!   except right after 零, where speech keeps 二 (一元零二分);
//! - zeros follow the same reading rule as the capitals (一千零四元, 十万七千元); 零 after 元
//!   when 角 is 0 and 分 is not (一元零六分);
//! - no 整 (speech does not say it); zero is 零元; negatives start with 负.

use super::numerals::{write_integer, Numerals};
use super::Yuan;

const SPOKEN: Numerals = Numerals {
    digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    places: ["", "十", "百", "千"],
    spoken: true,
};

/// A count before a measure word: 两 for 2, else the digit.
fn count(d: u64) -> &'static str {
    if d == 2 {
        "两"
    } else {
        SPOKEN.digits.get(d as usize).copied().unwrap_or_default()
    }
}

/// The amount in spoken Chinese.
pub fn to_spoken_chinese(amount: Yuan) -> String {
    let mut out = String::with_capacity(64);
    let fen = amount.to_fen();
    if fen < 0 {
        out.push('负');
    }
    let magnitude = fen.unsigned_abs();
    let (yuan, jiao, fen) = (magnitude / 100, magnitude / 10 % 10, magnitude % 10);
    if magnitude == 0 {
        out.push_str("零元");
        return out;
    }
    if yuan > 0 {
        // write_integer already says 两 for a lone leading 2.
        write_integer(yuan, &SPOKEN, &mut out);
        out.push('元');
    }
    if jiao > 0 {
        out.push_str(count(jiao));
        out.push('角');
    }
    if fen > 0 {
        if jiao == 0 && yuan > 0 {
            out.push('零');
            out.push_str(SPOKEN.digits.get(fen as usize).copied().unwrap_or_default());
        } else {
            out.push_str(count(fen));
        }
        out.push('分');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spoken_table() {
        let table = [
            (123_456, "一千二百三十四元五角六分"),
            (200_000, "两千元"),
            (2_000_000, "两万元"),
            (20_000, "两百元"),
            (200, "两元"),
            (1_200, "十二元"),
            (2_000, "二十元"),
            (2_200, "二十二元"),
            (120_000, "一千二百元"),
            (1_200_000, "一万二千元"),
            (2_200_000, "两万二千元"),
            (2_200_000_000, "两千二百万元"),
            (20_000_000_000, "两亿元"),
            (1_000, "十元"),
            (1_100, "十一元"),
            (11_000, "一百一十元"),
            (1_001_000, "一万零一十元"),
            (1_200_000_000, "一千二百万元"),
            (100_400, "一千零四元"),
            (10_700_000, "十万七千元"),
            (10_070_000, "十万零七百元"),
            (10_000_100_000, "一亿零一千元"),
            (106, "一元零六分"),
            (102, "一元零二分"),
            (320, "三元两角"),
            (52, "五角两分"),
            (20, "两角"),
            (2, "两分"),
            (6, "六分"),
            (0, "零元"),
            (-100_000, "负一千元"),
            (9_999_999_999_999_999, "九十九万九千九百九十九亿九千九百九十九万九千九百九十九元九角九分"),
            (100_000_000_000_000, "一万亿元"),
        ];
        for (fen, want) in table {
            assert_eq!(to_spoken_chinese(Yuan::from_fen(fen).unwrap()), want, "{fen} fen");
        }
    }
}
