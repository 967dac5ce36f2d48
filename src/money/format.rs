//! Display forms of an amount for every screen: "¥1,234.57", "-¥12.30", "1,234.57元",
//! masked "¥****".

use super::Yuan;

/// The name other domains use (`money::format::FormatOptions`); TS sees `FormatYuanOptions`.
pub type FormatOptions = FormatYuanOptions;

/// How to show an amount. The default is "¥1,234.57"; in JS every field is optional.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase")]
pub struct FormatYuanOptions {
    /// Prefix "¥" (default true).
    pub symbol: bool,
    /// Suffix "元" (default false; normally with `symbol: false`).
    pub unit: bool,
    /// Thousands separators (default true).
    pub grouping: bool,
    /// Hide the value, sign included ("¥****"), for balances on a shared screen.
    pub masked: bool,
}

impl Default for FormatYuanOptions {
    fn default() -> FormatYuanOptions {
        FormatYuanOptions { symbol: true, unit: false, grouping: true, masked: false }
    }
}

/// Formats an exact amount (already to the fen) for display: sign first ("-¥12.30"),
/// always two decimals, groups of three.
pub fn format_yuan(amount: Yuan, options: &FormatOptions) -> String {
    let mut out = String::with_capacity(32);
    write_yuan(amount, options, &mut out);
    out
}

/// `format_yuan` into an existing buffer (the batch functions reuse one).
pub fn write_yuan(amount: Yuan, options: &FormatOptions, out: &mut String) {
    if options.masked {
        if options.symbol {
            out.push('¥');
        }
        out.push_str("****");
        if options.unit {
            out.push('元');
        }
        return;
    }
    let fen = amount.to_fen();
    if fen < 0 {
        out.push('-');
    }
    if options.symbol {
        out.push('¥');
    }
    let magnitude = fen.unsigned_abs();
    let integer = magnitude / 100;
    // Digits straight into `out`, highest first, without an intermediate string: this runs
    // once per row of every statement.
    let count = integer.checked_ilog10().unwrap_or(0) + 1;
    for power in (0..count).rev() {
        out.push(char::from(b'0' + (integer / 10u64.pow(power) % 10) as u8));
        if options.grouping && power > 0 && power.is_multiple_of(3) {
            out.push(',');
        }
    }
    let cents = magnitude % 100;
    out.push('.');
    out.push(char::from(b'0' + (cents / 10) as u8));
    out.push(char::from(b'0' + (cents % 10) as u8));
    if options.unit {
        out.push('元');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_form() {
        let table = [
            (1_234_567, "¥12,345.67"),
            (-1230, "-¥12.30"),
            (0, "¥0.00"),
            (5, "¥0.05"),
            (-5, "-¥0.05"),
            (99_999, "¥999.99"),
            (100_000, "¥1,000.00"),
            (9_999_999_999_999_999, "¥99,999,999,999,999.99"),
            (-9_999_999_999_999_999, "-¥99,999,999,999,999.99"),
        ];
        for (fen, want) in table {
            assert_eq!(format_yuan(Yuan::from_fen(fen).unwrap(), &FormatOptions::default()), want);
        }
    }

    #[test]
    fn options() {
        let amount = Yuan::from_fen(-123_456_789).unwrap();
        let table = [
            (FormatOptions { symbol: false, ..FormatOptions::default() }, "-1,234,567.89"),
            (FormatOptions { symbol: false, unit: true, ..FormatOptions::default() }, "-1,234,567.89元"),
            (FormatOptions { grouping: false, ..FormatOptions::default() }, "-¥1234567.89"),
            (FormatOptions { masked: true, ..FormatOptions::default() }, "¥****"),
            (FormatOptions { masked: true, symbol: false, unit: true, grouping: true }, "****元"),
        ];
        for (options, want) in table {
            assert_eq!(format_yuan(amount, &options), want, "{options:?}");
        }
    }
}
