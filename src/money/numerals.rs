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

const GROUP_UNITS: [&str; 4] = ["万", "亿", "万", ""];
const GROUP_SIZE: u64 = 10_000;

/// The four-digit groups of `n` (< 10^16), highest first: 万亿, 亿, 万, 个.
fn groups(n: u64) -> [u64; 4] {
    [
        n / GROUP_SIZE.pow(3) % GROUP_SIZE,
        n / GROUP_SIZE.pow(2) % GROUP_SIZE,
        n / GROUP_SIZE % GROUP_SIZE,
        n % GROUP_SIZE,
    ]
}

/// Appends `n` (> 0, < 10^16) in words; nothing for 0, which each caller words itself.
pub(super) fn write_integer(n: u64, numerals: &Numerals, out: &mut String) {
    let groups = groups(n);
    let mut written = false;
    let mut pending_zero = false;
    for (index, (&group, unit)) in groups.iter().zip(GROUP_UNITS).enumerate() {
        if group == 0 {
            pending_zero |= written;
            // 万亿 is "万" then "亿": the 亿 stands even when the 亿 group is empty (一万亿).
            if index == 1 && written {
                out.push('亿');
            }
            continue;
        }
        for place in (0..4).rev() {
            let digit = group / 10u64.pow(place) % 10;
            if digit == 0 {
                pending_zero |= written;
                continue;
            }
            if pending_zero {
                out.push_str(numerals.digits.first().copied().unwrap_or_default());
                pending_zero = false;
            }
            let leading = !written;
            if numerals.spoken && leading && digit == 2 && place != 1 {
                out.push('两');
            } else if !(numerals.spoken && leading && digit == 1 && place == 1) {
                out.push_str(numerals.digits.get(digit as usize).copied().unwrap_or_default());
            }
            out.push_str(numerals.places.get(place as usize).copied().unwrap_or_default());
            written = true;
        }
        // Trailing zeros of a group are not read.
        pending_zero = false;
        out.push_str(unit);
    }
}
