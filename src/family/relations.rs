//! GB/T 4761-2008 family relation codes, their names and the groups the policies use
//! (近亲属, the 2021 set, in-laws, codes needing review). The table is
//! `data/relations/gbt4761.tsv` (source named there), parsed once at first use.

use std::sync::OnceLock;

use serde::Serialize;

use crate::messages::Locale;

const TABLE_TEXT: &str = include_str!("../../data/relations/gbt4761.tsv");

/// One relation code, read as "the member is the holder's …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub code: &'static str,
    hans: &'static str,
    hant: &'static str,
    groups: &'static str,
    /// The member's generation relative to the holder (+1 parent, -1 child), when meaningful.
    pub generation: Option<i8>,
}

impl Relation {
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Hans => self.hans,
            Locale::Hant => self.hant,
        }
    }

    pub fn groups(&self) -> impl Iterator<Item = &'static str> {
        self.groups.split(',').map(str::trim).filter(|g| !g.is_empty())
    }

    pub fn in_group(&self, group: &str) -> bool {
        self.groups().any(|g| g == group)
    }
}

/// A relation as shells list it in a picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RelationInfo {
    pub code: String,
    pub name: String,
    pub groups: Vec<String>,
}

impl Relation {
    pub fn info(&self, locale: Locale) -> RelationInfo {
        RelationInfo {
            code: self.code.to_string(),
            name: self.name(locale).to_string(),
            groups: self.groups().map(str::to_string).collect(),
        }
    }
}

/// Parses the TSV; any malformed line is an error naming the line (checked by a test, so the
/// shipped table always parses).
fn parse(text: &'static str) -> Result<Vec<Relation>, String> {
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [code, hans, hant, groups, generation] = fields.as_slice() else {
            return Err(format!("line {}: want 5 tab-separated fields", number + 1));
        };
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("line {}: code must be two digits", number + 1));
        }
        let generation = match generation.trim() {
            "" => None,
            g => Some(g.parse::<i8>().map_err(|_| format!("line {}: bad generation", number + 1))?),
        };
        rows.push(Relation { code, hans, hant, groups, generation });
    }
    Ok(rows)
}

/// Every relation in code order.
pub fn all() -> &'static [Relation] {
    static TABLE: OnceLock<Vec<Relation>> = OnceLock::new();
    // The table is compiled in and a unit test proves it parses; an empty table is the
    // no-panic fallback (every code would then be reported as unknown).
    TABLE.get_or_init(|| parse(TABLE_TEXT).unwrap_or_default())
}

/// Every group name the table uses.
pub fn groups() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = all().iter().flat_map(Relation::groups).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Normalises a code as shells send it: trimmed, and "1" (a JSON number) read as "01".
fn normalise(code: &str) -> Option<String> {
    let code = code.trim();
    if code.is_empty() || code.len() > 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{code:0>2}"))
}

/// The relation with this code, if the code is known.
pub fn find(code: &str) -> Option<&'static Relation> {
    let code = normalise(code)?;
    all().iter().find(|r| r.code == code)
}

/// The Chinese name of a relation code ("10" → 配偶), if the code is known.
pub fn name_of(code: &str, locale: Locale) -> Option<&'static str> {
    find(code).map(|r| r.name(locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_with_unique_codes() {
        let rows = parse(TABLE_TEXT).unwrap();
        assert!(rows.len() > 80);
        // Strictly increasing: sorted and unique (dedup alone missed a repeat further down).
        let codes: Vec<_> = rows.iter().map(|r| r.code).collect();
        assert!(codes.windows(2).all(|pair| pair.first() < pair.get(1)), "codes sorted and unique");
        assert!(rows.iter().all(|r| r.groups().count() > 0));
    }

    #[test]
    fn names_and_groups() {
        let table = [
            ("10", "配偶", "配偶", true, true),
            ("52", "母亲", "母親", true, true),
            ("61", "祖父", "祖父", true, false),
            ("77", "妹妹", "妹妹", true, false),
            ("28", "女婿", "女婿", false, false),
            ("55", "岳父", "岳父", false, false),
            ("91", "堂兄弟、堂姐妹", "堂兄弟、堂姐妹", false, false),
        ];
        for (code, hans, hant, near, in2021) in table {
            let r = find(code).unwrap();
            assert_eq!(r.name(Locale::Hans), hans);
            assert_eq!(r.name(Locale::Hant), hant);
            assert_eq!(r.in_group("near_kin"), near, "{code}");
            assert_eq!(r.in_group("set2021"), in2021, "{code}");
        }
        assert_eq!(name_of("1", Locale::Hans), Some("本人"));
        for junk in ["", "98", "100", "a1", "１０", "-1"] {
            assert_eq!(name_of(junk, Locale::Hans), None, "{junk}");
        }
    }

    #[test]
    fn the_2021_set_matches_the_sources() {
        // 10–12, 20–27, 29–37, 39, 50–52, 57–58 (docs/sources.md, "Relation codes").
        let mut want: Vec<u8> = Vec::new();
        for range in [10..=12, 20..=27, 29..=37, 39..=39, 50..=52, 57..=58] {
            want.extend(range);
        }
        let got: Vec<u8> = all().iter().filter(|r| r.in_group("set2021")).map(|r| r.code.parse().unwrap()).collect();
        assert_eq!(got, want);
        let review: Vec<&str> = all().iter().filter(|r| r.in_group("review")).map(|r| r.code).collect();
        assert_eq!(review, ["49", "59", "69", "79"]);
        let review: Vec<&str> = all().iter().filter(|r| r.in_group("review_set2021")).map(|r| r.code).collect();
        assert_eq!(review, ["59"]);
    }
}
