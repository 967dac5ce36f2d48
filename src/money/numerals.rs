//! Reading a whole number in Chinese, shared by 人民币大写 (`uppercase`) and the spoken form
//! (`spoken`): digits in groups of four (个, 万, 亿, 万亿) and the 零 rule of the school
//! textbooks, which the PBOC bill rules allow and nzh follows:
//! - a run of zeros between two non-zero digits is read as one 零 (1004 → 一千零四,
//!   100010001 → 一亿零一万零一), also across a whole zero group (100001000 → 一亿零一千,
//!   and likewise 8000065000000 → 八万亿零六千五百万, where nzh drops this 零);
//! - zeros at the end of a group are not read (107000 → 十万七千, 1680 → 一千六百八十).

/// The words one style uses.
pub(super) struct Numerals {
    /// 零 … 九 (or 零 … 玖).
    pub digits: [&'static str; 10],
    /// The units inside a group: "", 十, 百, 千 (or "", 拾, 佰, 仟).
    pub places: [&'static str; 4],
    /// Speech drops the 一 of a leading 十 (十二, not 一十二) and says 两 for a leading 2
    /// before 百, 千, 万, 亿; bills write every digit (壹拾贰).
    pub spoken: bool,
}

/// The unit after each four-digit group, lowest first: 个, 万, 亿, 万亿 (whose 亿 is written
/// with the 亿 group, or alone when that group is empty).
const GROUP_UNITS: [&str; 4] = ["", "万", "亿", "万"];
/// 16 places hold every amount (< 10^14 yuan) with room to spare.
const PLACES: usize = 16;

/// Appends `n` (> 0, < 10^16) in words; nothing for 0, which each caller words itself.
pub(super) fn write_integer(n: u64, numerals: &Numerals, out: &mut String) {
    // The digits, lowest first, taken once: the loop below only reads them.
    let mut digits = [0u8; PLACES];
    let mut rest = n;
    for slot in digits.iter_mut() {
        *slot = (rest % 10) as u8;
        rest /= 10;
    }
    let empty_group: [bool; 4] = std::array::from_fn(|group| {
        digits.get(group * 4..group * 4 + 4).is_none_or(|four| four.iter().all(|&d| d == 0))
    });
    let mut written = false;
    let mut pending_zero = false;
    for (position, &digit) in digits.iter().enumerate().rev() {
        let (group, place) = (position / 4, position % 4);
        let unit = GROUP_UNITS.get(group).copied().unwrap_or_default();
        if empty_group.get(group).copied().unwrap_or(true) {
            if place == 0 {
                pending_zero |= written;
                // 万亿 is "万" then "亿": the 亿 stands even when the 亿 group is empty (一万亿).
                if group == 2 && written {
                    out.push('亿');
                }
            }
            continue;
        }
        if digit == 0 {
            pending_zero |= written;
        } else {
            if pending_zero {
                out.push_str(numerals.digits.first().copied().unwrap_or_default());
                pending_zero = false;
            }
            let leading = !written;
            if numerals.spoken && leading && digit == 2 && place != 1 {
                out.push('两');
            } else if !(numerals.spoken && leading && digit == 1 && place == 1) {
                out.push_str(numerals.digits.get(usize::from(digit)).copied().unwrap_or_default());
            }
            out.push_str(numerals.places.get(place).copied().unwrap_or_default());
            written = true;
        }
        if place == 0 {
            // Trailing zeros of a group are not read.
            pending_zero = false;
            out.push_str(unit);
        }
    }
}
