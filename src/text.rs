//! Display-safe text: the one function that takes bidi controls, zero-width and other
//! invisible format characters (Unicode Cf), and C0/C1 controls out of text the core shows.
//!
//! Why: a provincial record or a shell argument may carry U+202E (RIGHT-TO-LEFT OVERRIDE) and
//! its kin, which reverse what follows on screen and in a spreadsheet — "医院\u{202E}药大" shows
//! as another name — or zero-width characters that make two different strings look the same.
//! Such characters never belong in a name, an institution or a code.
//!
//! Where it applies: where text enters the core. The ledger cleans every stored string once,
//! at load (`ledger::parse`), so every output built from the store — query items, by-member
//! totals, anomalies, the CSV — is clean without each output remembering to clean it; the
//! identity checks clean what users type before they check it (a character nobody can see
//! cannot be corrected either); masking cleans what it is given, because the family rules
//! mask names straight from their arguments.
//!
//! The characters and what becomes of them are data (`data/text/unsafe_characters.tsv`, with
//! its Unicode source): word separators (tab, line and paragraph breaks) become a space,
//! everything else listed is removed.

use std::borrow::Cow;
use std::sync::OnceLock;

const TABLE_TEXT: &str = include_str!("../data/text/unsafe_characters.tsv");

/// What happens to a listed character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Replaced by one space: it separated words.
    Space,
    /// Dropped: it is invisible.
    Remove,
}

#[derive(Clone, Copy, Debug)]
struct Range {
    first: u32,
    last: u32,
    action: Action,
}

fn table() -> &'static [Range] {
    static TABLE: OnceLock<Vec<Range>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut ranges: Vec<Range> = TABLE_TEXT
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let first = u32::from_str_radix(cells.next()?, 16).ok()?;
                let last = u32::from_str_radix(cells.next()?, 16).ok()?;
                let action = match cells.next()? {
                    "space" => Action::Space,
                    "remove" => Action::Remove,
                    _ => return None,
                };
                Some(Range { first, last, action })
            })
            .collect();
        crate::order::sort_by_key(&mut ranges, |range| u64::from(range.first));
        ranges
    })
}

/// What becomes of `c` in display text: `None` when it stays.
pub fn action_for(c: char) -> Option<Action> {
    let code = u32::from(c);
    let table = table();
    let at = table.partition_point(|range| range.last < code);
    table.get(at).filter(|range| range.first <= code).map(|range| range.action)
}

/// A quick look at the bytes: `false` only when no character of `text` can be listed. ASCII
/// other than controls is safe, and so is every character whose UTF-8 lead byte is E3–EE
/// (U+3000–U+EFFF: CJK punctuation, kana, every common Han character, Hangul, private use),
/// which the table test below proves holds none of the listed characters. Only the rest —
/// Latin-1, Arabic, U+2000–U+2FFF, U+F000–U+FFFF and the supplementary planes — is looked up.
fn may_hold_unsafe(text: &str) -> bool {
    // Eight bytes at a time while they are printable ASCII (ids, codes and amounts, most of a
    // history's text); the first word that is not goes byte by byte from there.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut words = bytes.chunks_exact(8);
    let mut checked = 0;
    for word in words.by_ref() {
        let w = <[u8; 8]>::try_from(word).map_or(HIGH, u64::from_le_bytes);
        // Any byte ≥ 0x80, any byte < 0x20 ("has less than"), any byte 0x7F ("has zero" of
        // w ^ 0x7F…): the bit tricks flag a word that has one, never miss one.
        let delete = w ^ (0x7F * ONES);
        let flagged =
            (w & HIGH) | (w.wrapping_sub(0x20 * ONES) & !w & HIGH) | (delete.wrapping_sub(ONES) & !delete & HIGH);
        if flagged != 0 {
            break;
        }
        checked += 8;
    }
    bytes
        .get(checked..)
        .unwrap_or_default()
        .iter()
        .any(|&b| b < 0x20 || b == 0x7F || (b >= 0xC0 && !(0xE3..=0xEE).contains(&b)))
}

/// `text` with every listed character removed or turned into a space; borrowed when nothing
/// changes (almost always), so cleaning costs one scan of the bytes.
pub fn display_safe(text: &str) -> Cow<'_, str> {
    if !may_hold_unsafe(text) {
        return Cow::Borrowed(text);
    }
    let Some(first) = text.char_indices().find(|&(_, c)| action_for(c).is_some()).map(|(at, _)| at) else {
        return Cow::Borrowed(text);
    };
    let (clean, rest) = text.split_at(first);
    let mut out = String::with_capacity(text.len());
    out.push_str(clean);
    for c in rest.chars() {
        match action_for(c) {
            None => out.push(c),
            Some(Action::Space) => out.push(' '),
            Some(Action::Remove) => {}
        }
    }
    Cow::Owned(out)
}

/// The same for text the caller owns or borrows as a `Cow` (the ledger's strings, borrowed
/// from the JSON text): kept as it is when already clean.
pub fn display_safe_cow(text: Cow<'_, str>) -> Cow<'_, str> {
    let cleaned = match display_safe(&text) {
        Cow::Borrowed(_) => None,
        Cow::Owned(cleaned) => Some(cleaned),
    };
    match cleaned {
        None => text,
        Some(cleaned) => Cow::Owned(cleaned),
    }
}

/// Whether `text` is already display-safe (for tests and assertions).
pub fn is_display_safe(text: &str) -> bool {
    text.chars().all(|c| action_for(c).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_whole_and_sorted() {
        let table = table();
        // 6 control lines + 21 Cf ranges (Unicode 17.0) + U+2028..2029.
        assert_eq!(table.len(), TABLE_TEXT.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count());
        assert!(table.len() >= 28, "{}", table.len());
        assert!(table.windows(2).all(|pair| matches!(pair, [a, b] if a.last < b.first)), "ranges overlap");
    }

    #[test]
    fn the_fast_path_skips_nothing_listed() {
        // may_hold_unsafe trusts lead bytes E3–EE: no listed character may lie in U+3000–U+EFFF.
        assert!(table().iter().all(|range| range.last < 0x3000 || range.first > 0xEFFF));
        for range in table() {
            for code in [range.first, range.last] {
                if let Some(c) = char::from_u32(code) {
                    assert!(may_hold_unsafe(&format!("王{c}五")), "U+{code:04X}");
                }
            }
        }
    }

    #[test]
    fn the_word_check_flags_every_unsafe_byte_in_every_position() {
        for position in 0..17 {
            for byte in (0u8..0x20).chain([0x7F]) {
                let mut text = vec![b'a'; 17];
                if let Some(slot) = text.get_mut(position) {
                    *slot = byte;
                }
                let text = String::from_utf8(text).unwrap();
                assert!(may_hold_unsafe(&text), "{byte:#x} at {position}");
            }
            let mut text = "a".repeat(17);
            text.insert(position, '\u{202E}');
            assert!(may_hold_unsafe(&text), "U+202E at {position}");
        }
        for clean in ["", "H62110200001", "62110219800101000000000001", "S-2024-000123 ~!", "定西市人民医院"] {
            assert!(!may_hold_unsafe(clean), "{clean}");
        }
    }

    #[test]
    fn unsafe_characters_table() {
        let table: &[(&str, &str)] = &[
            ("定西市人民医院", "定西市人民医院"),
            ("H62110200001", "H62110200001"),
            ("John Smith", "John Smith"),
            ("Café 𠀀𪚥", "Café 𠀀𪚥"),
            // Bidi embeddings, overrides, isolates and marks.
            ("药店\u{202E}大药房", "药店大药房"),
            ("\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}x", "x"),
            ("\u{2066}\u{2067}\u{2068}\u{2069}x", "x"),
            ("a\u{200E}b\u{200F}c\u{061C}d", "abcd"),
            // Zero-width and other invisible format characters.
            ("张\u{200B}三", "张三"),
            ("张\u{200C}\u{200D}三", "张三"),
            ("\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}x", "x"),
            ("\u{FEFF}李四", "李四"),
            ("soft\u{00AD}hyphen", "softhyphen"),
            ("tag\u{E0041}\u{E007F}", "tag"),
            // Controls: separators become a space, the rest go.
            ("定西市\n人民医院", "定西市 人民医院"),
            ("a\tb\rc\u{0085}d\u{2028}e\u{2029}f", "a b c d e f"),
            ("\0=1+2", "=1+2"),
            ("a\u{1B}[31mb\u{7F}\u{9B}", "a[31mb"),
            ("", ""),
        ];
        for &(input, want) in table {
            assert_eq!(display_safe(input), want, "{input:?}");
            assert!(is_display_safe(&display_safe(input)), "{input:?}");
        }
        assert!(matches!(display_safe("定西市人民医院"), Cow::Borrowed(_)));
        assert!(matches!(display_safe("Ünïcödé ok"), Cow::Borrowed(_)));
    }
}
