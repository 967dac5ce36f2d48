//! Display forms of an amount for every screen: "¥1,234.57", "-¥12.30", "1,234.57元",
//! masked "¥****".

use super::Yuan;

/// How to show an amount. The default is "¥1,234.57".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// Prefix "¥".
    pub symbol: bool,
    /// Suffix "元" (normally with `symbol: false`).
    pub unit: bool,
    /// Thousands separators.
    pub grouping: bool,
    /// Hide the value ("¥****"), for balances on a shared screen.
    pub masked: bool,
}

impl Default for FormatOptions {
    fn default() -> FormatOptions {
        FormatOptions { symbol: true, unit: false, grouping: true, masked: false }
    }
}

/// Formats an exact amount (already to the fen) for display.
pub fn format_yuan(amount: Yuan, options: &FormatOptions) -> String {
    let symbol = if options.symbol { "¥" } else { "" };
    let unit = if options.unit { "元" } else { "" };
    if options.masked {
        return format!("{symbol}****{unit}");
    }
    let canonical = amount.abs().to_string();
    let (int_part, frac_part) = canonical.split_once('.').unwrap_or((canonical.as_str(), "00"));
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if options.grouping && i > 0 && (int_part.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount.is_negative() { "-" } else { "" };
    format!("{sign}{symbol}{grouped}.{frac_part}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_form() {
        let table = [(1_234_567, "¥12,345.67"), (-1230, "-¥12.30"), (0, "¥0.00"), (99_999, "¥999.99")];
        for (fen, want) in table {
            assert_eq!(format_yuan(Yuan::from_fen(fen).unwrap(), &FormatOptions::default()), want);
        }
    }
}
