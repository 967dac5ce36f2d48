//! Generates the GB/T 2260 address-code table from `data/regions/loc.dat` (python-stdnum's
//! `stdnum/cn/loc.dat`, see `data/regions/README.md`) into byte arrays shaped for brotli:
//! sorted codes as deltas, one period count per code, years as one byte, name references
//! that are mostly 0, and one deduplicated name pool. `src/identity/regions.rs` decodes them
//! once, on first use, into a searchable table. Byte arrays and one string keep the wasm data
//! section small (no per-entry pointers or relocations); see README.md for the measured cost.
//!
//! loc.dat format: a line `NN province="…"` opens a province; indented lines `RRCC county="…"`
//! complete the 6-digit code `NNRRCC` (`RR00` is a prefecture, `0000` the province itself).
//! A name is a comma-separated list of periods, each optionally prefixed by `[from-to]`,
//! `[-to]` or `[from-]` (inclusive years); a bare name has always been valid.
//!
//! Setting `GONGJI_REGIONS_EMPTY=1` generates an empty table: only used to measure what the
//! table costs in the wasm (see README.md, "Region table size").

use std::fmt::Write as _;
use std::path::Path;

/// Year bounds for an open end: `[-2010]` starts at `OPEN_FROM`, `[1986-]` ends at `OPEN_TO`.
const OPEN_FROM: u16 = 0;
const OPEN_TO: u16 = 9999;
/// Years are stored as one byte, `year - YEAR_BASE` (the table's years run 1980–2025).
const YEAR_BASE: u16 = 1900;

struct Period {
    from: u16,
    to: u16,
    name: String,
}

fn parse_periods(text: &str, at: &str) -> Result<Vec<Period>, String> {
    let mut periods = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let (from, to, name) = if let Some(rest) = part.strip_prefix('[') {
            let (years, name) = rest.split_once(']').ok_or_else(|| format!("{at}: unclosed ["))?;
            let (from, to) = years.split_once('-').ok_or_else(|| format!("{at}: want [from-to]"))?;
            let year = |text: &str, open: u16| -> Result<u16, String> {
                if text.is_empty() {
                    Ok(open)
                } else {
                    text.parse::<u16>().map_err(|_| format!("{at}: bad year {text}"))
                }
            };
            (year(from, OPEN_FROM)?, year(to, OPEN_TO)?, name)
        } else {
            (OPEN_FROM, OPEN_TO, part)
        };
        if name.is_empty() {
            return Err(format!("{at}: empty name"));
        }
        // Upstream has [1983-1982] on 14 lines (codes replaced around the 1983 reform): read
        // them as the years they span, so numbers issued then are not rejected.
        let (from, to) = (from.min(to), from.max(to));
        periods.push(Period { from, to, name: name.to_string() });
    }
    Ok(periods)
}

fn quoted_value(line: &str, at: &str) -> Result<String, String> {
    let (_, value) = line.split_once('=').ok_or_else(|| format!("{at}: want key=\"value\""))?;
    let value = value.trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| format!("{at}: value not quoted"))
}

pub fn generate(file: &Path, out_dir: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", file.display());
    println!("cargo:rerun-if-env-changed=GONGJI_REGIONS_EMPTY");
    let empty = std::env::var_os("GONGJI_REGIONS_EMPTY").is_some_and(|v| v == "1");
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;

    // code → periods; a province line is kept only when no `0000` line gives it with years.
    let mut entries: std::collections::BTreeMap<u32, Vec<Period>> = std::collections::BTreeMap::new();
    let mut province_lines: Vec<(u32, Vec<Period>)> = Vec::new();
    let mut province: Option<u32> = None;
    for (number, line) in text.lines().enumerate() {
        let at = format!("{}:{}", file.display(), number + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let indented = line.starts_with(' ');
        let key = line.split_whitespace().next().unwrap_or_default();
        if !key.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{at}: code is not digits"));
        }
        let value: u32 = key.parse().map_err(|_| format!("{at}: bad code"))?;
        let periods = parse_periods(&quoted_value(line, &at)?, &at)?;
        if indented {
            let prefix = province.ok_or_else(|| format!("{at}: county before any province"))?;
            if key.len() != 4 {
                return Err(format!("{at}: want a 4-digit county code"));
            }
            if entries.insert(prefix * 10_000 + value, periods).is_some() {
                return Err(format!("{at}: code listed twice"));
            }
        } else {
            if key.len() != 2 {
                return Err(format!("{at}: want a 2-digit province code"));
            }
            province = Some(value);
            province_lines.push((value * 10_000, periods));
        }
    }
    for (code, periods) in province_lines {
        entries.entry(code).or_insert(periods);
    }
    if empty {
        entries.clear();
    }

    // Names: each distinct name once, in order of first use, so a period's name reference is
    // 0 ("the next new name") except for names used again (市辖区, 县, …): mostly zeros.
    let mut names: Vec<&str> = Vec::new();
    let mut name_index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let (mut code_deltas, mut counts, mut froms, mut tos, mut name_refs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut previous = 0u32;
    for (code, periods) in &entries {
        // Sorted codes as LEB128 deltas: 1 byte within a prefecture, 2–3 between provinces.
        let mut delta = code - previous;
        previous = *code;
        loop {
            let low = (delta & 0x7f) as u8;
            delta >>= 7;
            code_deltas.push(if delta == 0 { low } else { low | 0x80 });
            if delta == 0 {
                break;
            }
        }
        counts.push(u8::try_from(periods.len()).map_err(|_| format!("{code}: too many periods"))?);
        for period in periods {
            let year = |y: u16, open: u16, sentinel: u8| -> Result<u8, String> {
                if y == open {
                    return Ok(sentinel);
                }
                u8::try_from(y.wrapping_sub(YEAR_BASE))
                    .ok()
                    .filter(|&v| v != 0 && v != u8::MAX)
                    .ok_or_else(|| format!("{code}: year {y} outside {YEAR_BASE}+1..{YEAR_BASE}+254"))
            };
            froms.push(year(period.from, OPEN_FROM, 0)?);
            tos.push(year(period.to, OPEN_TO, u8::MAX)?);
            let reference = match name_index.get(period.name.as_str()) {
                Some(&index) => u16::try_from(index + 1).map_err(|_| "too many names".to_string())?,
                None => {
                    if period.name.is_empty() || period.name.len() > usize::from(u8::MAX) {
                        return Err(format!("{code}: a name of {} bytes (1 to 255 fit)", period.name.len()));
                    }
                    name_index.insert(period.name.as_str(), names.len());
                    names.push(period.name.as_str());
                    0
                }
            };
            name_refs.push(reference);
        }
    }
    // The pool without separators, and each name's length: the reader then finds a name by
    // adding lengths (one step a name) instead of scanning the pool's bytes for separators
    // (one step a byte), which was most of the table's decode without a JIT.
    let pool = names.concat();
    let lengths: Vec<u8> = names.iter().map(|name| u8::try_from(name.len()).unwrap_or(u8::MAX)).collect();

    let list = |values: &mut dyn Iterator<Item = String>| values.collect::<Vec<_>>().join(",");
    let mut out = String::new();
    out.push_str("// Generated by codegen/regions.rs from data/regions/loc.dat. Do not edit.\n");
    let _ = writeln!(out, "/// Sorted codes as LEB128 deltas from the previous code (the first from 0).\npub(crate) static CODE_DELTAS: [u8; {}] = [{}];", code_deltas.len(), list(&mut code_deltas.iter().map(u8::to_string)));
    let _ = writeln!(
        out,
        "/// How many periods each code has.\npub(crate) static PERIOD_COUNT: [u8; {}] = [{}];",
        counts.len(),
        list(&mut counts.iter().map(u8::to_string))
    );
    let _ = writeln!(out, "/// First year of each period minus YEAR_BASE; 0 = since before the table.\npub(crate) static PERIOD_FROM: [u8; {}] = [{}];", froms.len(), list(&mut froms.iter().map(u8::to_string)));
    let _ = writeln!(out, "/// Last year of each period minus YEAR_BASE; 255 = still in use.\npub(crate) static PERIOD_TO: [u8; {}] = [{}];", tos.len(), list(&mut tos.iter().map(u8::to_string)));
    let _ = writeln!(out, "/// Each period's name: 0 = the next name of the pool not used yet, k = pool name k - 1.\npub(crate) static PERIOD_NAME: [u16; {}] = [{}];", name_refs.len(), list(&mut name_refs.iter().map(u16::to_string)));
    let _ = writeln!(out, "/// Every distinct name in order of first use, one after another (lengths in NAME_LENGTHS).\npub(crate) static NAMES: &str = {pool:?};");
    let _ = writeln!(
        out,
        "/// The length in bytes of each name of NAMES, in order.\npub(crate) static NAME_LENGTHS: [u8; {}] = [{}];",
        lengths.len(),
        list(&mut lengths.iter().map(u8::to_string))
    );
    let _ = writeln!(out, "pub(crate) const YEAR_BASE: u16 = {YEAR_BASE};");
    std::fs::write(out_dir.join("regions.rs"), out).map_err(|e| format!("regions.rs: {e}"))
}
