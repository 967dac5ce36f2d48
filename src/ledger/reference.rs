//! Reference tables the ledger shows or decides by: 医疗类别 (med_type) names and the
//! hotline per insurance region. Both are data files in `data/ledger/` with their source
//! named; they are parsed once here, never typed as match arms.

use std::sync::OnceLock;

use crate::identity::codes::is_med_type_code;
use crate::messages::Locale;

const MED_TYPES: &str = include_str!("../../data/ledger/med_types.tsv");
const HOTLINES: &str = include_str!("../../data/ledger/hotlines.tsv");

/// The group key of every med_type code the table does not know.
pub const OTHER_MED_TYPE: &str = "other";

struct MedTypeRow {
    code: &'static str,
    hans: &'static str,
    hant: &'static str,
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()).map(|line| line.split('\t').collect())
}

fn med_types() -> &'static [MedTypeRow] {
    static TABLE: OnceLock<Vec<MedTypeRow>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(MED_TYPES)
            .filter_map(|cells| match cells.as_slice() {
                [code, hans, hant, ..] => Some(MedTypeRow { code, hans, hant }),
                _ => None,
            })
            .collect()
    })
}

/// The national group a med_type code belongs to: the code itself when listed, the first two
/// digits of a provincial 4–6 digit sub-code when those are listed, otherwise "other".
pub fn med_type_group(code: &str) -> &'static str {
    let table = med_types();
    if let Some(row) = table.iter().find(|row| row.code == code) {
        return row.code;
    }
    let is_sub_code = code.len() > 2 && is_med_type_code(code);
    if is_sub_code {
        if let Some(row) = code.get(..2).and_then(|prefix| table.iter().find(|row| row.code == prefix)) {
            return row.code;
        }
    }
    OTHER_MED_TYPE
}

/// The name of a med_type group ("14" → 门诊慢特病, "other" → 其他).
pub fn med_type_name(group: &str, locale: Locale) -> &'static str {
    let table = med_types();
    let row =
        table.iter().find(|row| row.code == group).or_else(|| table.iter().find(|row| row.code == OTHER_MED_TYPE));
    match (row, locale) {
        (Some(row), Locale::Hans) => row.hans,
        (Some(row), Locale::Hant) => row.hant,
        (None, _) => "",
    }
}

/// The hotline for an insurance region code (insuplc_admdvs): the longest matching prefix.
pub fn hotline_for(admdvs: &str) -> &'static str {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        data_lines(HOTLINES)
            .filter_map(|cells| match cells.as_slice() {
                [prefix, number, ..] => Some((prefix.trim(), number.trim())),
                _ => None,
            })
            .collect()
    });
    table
        .iter()
        .filter(|(prefix, _)| admdvs.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map_or("12393", |(_, number)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn med_type_groups() {
        let table = [
            ("11", "11"),
            ("14", "14"),
            ("140104", "14"),
            ("140201", "14"),
            ("1402", "14"),
            ("41", "41"),
            ("99", "other"),
            ("9901", "other"),
            ("1", "other"),
            ("1401041", "other"),
            ("14ab", "other"),
            ("", "other"),
        ];
        for (code, want) in table {
            assert_eq!(med_type_group(code), want, "{code}");
        }
        assert_eq!(med_type_name("14", Locale::Hans), "门诊慢特病");
        assert_eq!(med_type_name("other", Locale::Hans), "其他");
        assert_eq!(med_type_name("16", Locale::Hant), "中醫特色門診");
    }

    #[test]
    fn hotlines_by_region() {
        let table = [
            ("621102", "0932-12393"),
            ("621100", "0932-12393"),
            ("622401", "0932-12393"),
            ("620102", "0931-12393"),
            ("622901", "0930-12393"),
            ("623001", "0941-12393"),
            ("610113", "12393"),
            ("", "12393"),
        ];
        for (admdvs, want) in table {
            assert_eq!(hotline_for(admdvs), want, "{admdvs}");
        }
    }
}
