//! GB/T 2260 address codes with their years of validity, including abolished codes: the
//! table is generated at build time from `data/regions/loc.dat` (python-stdnum, itself from
//! the Wikipedia lists; see `data/regions/README.md`) by `codegen/regions.rs`.

include!(concat!(env!("OUT_DIR"), "/regions.rs"));

/// One period in which a code was in use under one name (years inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: u16,
    pub to: u16,
    pub name: &'static str,
}

/// Whether the years `a_from..=a_to` and `from..=to` share one.
fn years_overlap(a_from: u16, a_to: u16, from: u16, to: u16) -> bool {
    a_from <= to && from <= a_to
}

impl Period {
    fn overlaps(self, from: u16, to: u16) -> bool {
        years_overlap(self.from, self.to, from, to)
    }
}

/// The province, prefecture and county names of a code, as they were in a window of years.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RegionName {
    pub province: String,
    /// The prefecture (地级) name; absent for the province's own code, and for the
    /// placeholders 市辖区/县 under the municipalities.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub city: Option<String>,
    /// The county (县级) name; absent for province and prefecture codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub county: Option<String>,
}

impl RegionName {
    /// "甘肃省兰州市城关区".
    pub fn full(&self) -> String {
        let parts = [&self.city, &self.county].into_iter().flatten();
        let mut text = String::with_capacity(self.province.len() + parts.map(String::len).sum::<usize>());
        text.push_str(&self.province);
        for part in [&self.city, &self.county].into_iter().flatten() {
            text.push_str(part);
        }
        text
    }
}

/// A period as the table keeps it: its name is an index into the name pool, looked up only
/// when a name is asked for.
#[derive(Clone, Copy)]
struct Span {
    from: u16,
    to: u16,
    name: u16,
}

/// The decoded table: codes ascending, code `i`'s periods at
/// `periods[period_start[i]..period_start[i + 1]]`.
struct Table {
    codes: Vec<u32>,
    period_start: Vec<u32>,
    periods: Vec<Span>,
}

/// Decodes the generated arrays (see `codegen/regions.rs`) — about 7,000 codes, once per wasm
/// instance. The names stay in the pool: finding them took ~1.4 ms of the 1.7 ms decode in
/// Node and ~2 ms without a JIT (issue #13, the cold start), and an ID check needs none.
fn decode() -> Table {
    let mut codes = Vec::with_capacity(PERIOD_COUNT.len());
    let (mut code, mut shift, mut delta) = (0u32, 0u32, 0u32);
    for &byte in CODE_DELTAS.iter() {
        delta |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            code += delta;
            codes.push(code);
            (shift, delta) = (0, 0);
        } else {
            shift += 7;
        }
    }
    let year =
        |stored: u8, open: u16, sentinel: u8| if stored == sentinel { open } else { YEAR_BASE + u16::from(stored) };
    // Reference 0 is the next name of the pool not used yet; k is pool name k - 1.
    let mut next_name = 0u16;
    let periods: Vec<Span> = PERIOD_FROM
        .iter()
        .zip(PERIOD_TO.iter())
        .zip(PERIOD_NAME.iter())
        .map(|((&from, &to), &reference)| {
            let name = if reference == 0 {
                next_name = next_name.wrapping_add(1);
                next_name.wrapping_sub(1)
            } else {
                reference - 1
            };
            Span { from: year(from, 0, 0), to: year(to, 9999, u8::MAX), name }
        })
        .collect();
    let mut period_start = Vec::with_capacity(codes.len() + 1);
    let mut total = 0u32;
    period_start.push(total);
    for &count in PERIOD_COUNT.iter() {
        total += u32::from(count);
        period_start.push(total);
    }
    Table { codes, period_start, periods }
}

fn table() -> &'static Table {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(decode)
}

/// Where each pool name starts in NAMES, and where the last ends: the lengths added up, the
/// first time a name is asked for.
fn name_starts() -> &'static [u32] {
    static STARTS: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        let mut starts = Vec::with_capacity(NAME_LENGTHS.len() + 1);
        let mut at = 0u32;
        starts.push(at);
        for &length in NAME_LENGTHS.iter() {
            at += u32::from(length);
            starts.push(at);
        }
        starts
    })
}

/// Pool name `index` ("" for an index the pool does not have).
fn pool_name(index: u16) -> &'static str {
    let starts = name_starts();
    let i = usize::from(index);
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&start), Some(&end)) => NAMES.get(start as usize..end as usize).unwrap_or_default(),
        _ => "",
    }
}

/// Number of codes in the table (0 in a build generated with `GONGJI_REGIONS_EMPTY=1`).
pub fn table_len() -> usize {
    table().codes.len()
}

/// A code's periods as the table keeps them, oldest first; empty when the code is unknown.
fn spans(code: u32) -> &'static [Span] {
    let table = table();
    table
        .codes
        .binary_search(&code)
        .ok()
        .and_then(|i| Some(*table.period_start.get(i)? as usize..*table.period_start.get(i + 1)? as usize))
        .and_then(|range| table.periods.get(range))
        .unwrap_or_default()
}

/// Every period of a code, oldest first; empty when the code is unknown.
pub fn periods(code: u32) -> impl Iterator<Item = Period> {
    spans(code).iter().map(|span| Period { from: span.from, to: span.to, name: pool_name(span.name) })
}

pub fn is_known(code: u32) -> bool {
    table().codes.binary_search(&code).is_ok()
}

/// Whether the code was in use at some time in `from..=to` (years).
pub fn in_use_between(code: u32, from: u16, to: u16) -> bool {
    spans(code).iter().any(|span| years_overlap(span.from, span.to, from, to))
}

/// The name a code had in the window: the latest period overlapping it, else the latest.
fn name_in(code: u32, from: u16, to: u16) -> Option<&'static str> {
    let (mut overlapping, mut latest) = (None, None);
    for period in periods(code) {
        if period.overlaps(from, to) {
            overlapping = Some(period.name);
        }
        latest = Some(period.name);
    }
    overlapping.or(latest)
}

/// The names of a known code, as in use between the years `from` and `to`.
pub fn region_name(code: u32, from: u16, to: u16) -> Option<RegionName> {
    if !is_known(code) {
        return None;
    }
    let province_code = code / 10_000 * 10_000;
    let city_code = code / 100 * 100;
    let province = name_in(province_code, from, to)?.to_string();
    // Under the municipalities the prefecture level is a placeholder (市辖区, 县): not a name.
    let city = (city_code != province_code)
        .then(|| name_in(city_code, from, to))
        .flatten()
        .filter(|name| !matches!(*name, "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划"))
        .map(str::to_string);
    let county = (code != city_code).then(|| name_in(code, from, to)).flatten().map(str::to_string);
    Some(RegionName { province, city, county })
}

/// All codes in use in a given year: what the property tests draw from.
pub fn codes_in_use(year: u16) -> impl Iterator<Item = u32> {
    table().codes.iter().copied().filter(move |&code| in_use_between(code, year, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_consistent() {
        let table = table();
        assert!(table.codes.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(table.period_start.len(), table.codes.len() + 1);
        assert_eq!(table.period_start.last().map(|&n| n as usize), Some(table.periods.len()));
        assert!(table.codes.len() > 6000, "table looks truncated: {}", table.codes.len());
        // Every name in the pool was used, each once: references and pool agree.
        let mut used: Vec<u16> = table.periods.iter().map(|p| p.name).collect();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used.len(), NAME_LENGTHS.len());
        assert_eq!(name_starts().last().map(|&end| end as usize), Some(NAMES.len()), "the lengths add up to the pool");
        let mut names: Vec<&str> = used.iter().map(|&i| pool_name(i)).collect();
        assert!(names.iter().all(|name| !name.is_empty()), "every name is whole UTF-8 at its place");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAME_LENGTHS.len(), "distinct names");
        assert!(table.periods.iter().all(|p| p.from <= p.to));
    }

    #[test]
    fn periods_and_names() {
        // (code, from, to, in use, full name)
        let cases: &[(u32, u16, u16, bool, &str)] = &[
            (110105, 1949, 2026, true, "北京市朝阳区"),
            (110103, 1950, 2026, true, "北京市崇文区"),
            (110103, 2011, 2026, false, "北京市崇文区"),
            (110118, 1949, 2014, false, "北京市密云区"),
            (620102, 1990, 2026, true, "甘肃省兰州市城关区"),
            (620502, 1990, 1995, true, "甘肃省天水市秦城区"),
            (620502, 2010, 2026, true, "甘肃省天水市秦州区"),
            (620100, 1980, 2026, true, "甘肃省兰州市"),
            (620000, 1980, 2026, true, "甘肃省"),
        ];
        for &(code, from, to, in_use, full) in cases {
            assert_eq!(in_use_between(code, from, to), in_use, "{code} {from}-{to}");
            assert_eq!(region_name(code, from, to).map(|n| n.full()).as_deref(), Some(full), "{code}");
        }
        assert_eq!(region_name(999999, 1900, 2026), None);
    }
}
