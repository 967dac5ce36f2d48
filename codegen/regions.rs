//! Generates the GB/T 2260 address-code table from `data/regions/loc.dat` (python-stdnum's
//! `stdnum/cn/loc.dat`, see `data/regions/README.md`) into flat sorted arrays: a code list
//! for binary search, each code's periods of validity, and one deduplicated name pool.
//! Flat integer arrays and one string keep the wasm data section small (no per-entry
//! pointers or relocations) and compress well.
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

    let mut names: Vec<String> = Vec::new();
    let mut name_index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (mut codes, mut starts, mut froms, mut tos, mut name_ids) =
        (Vec::new(), vec![0usize], Vec::new(), Vec::new(), Vec::new());
    for (code, periods) in &entries {
        codes.push(*code);
        for period in periods {
            let id = *name_index.entry(period.name.clone()).or_insert_with(|| {
                names.push(period.name.clone());
                names.len() - 1
            });
            froms.push(period.from);
            tos.push(period.to);
            name_ids.push(id);
        }
        starts.push(froms.len());
    }
    let mut pool = String::new();
    let mut name_starts = vec![0usize];
    for name in &names {
        pool.push_str(name);
        name_starts.push(pool.len());
    }
    if froms.len() > usize::from(u16::MAX) || names.len() > usize::from(u16::MAX) {
        return Err("region table outgrew u16 indices".to_string());
    }

    let list = |values: &mut dyn Iterator<Item = String>| values.collect::<Vec<_>>().join(",");
    let mut out = String::new();
    out.push_str("// Generated by codegen/regions.rs from data/regions/loc.dat. Do not edit.\n");
    let _ = writeln!(
        out,
        "/// Every known 6-digit address code, ascending.\npub(crate) static CODES: [u32; {}] = [{}];",
        codes.len(),
        list(&mut codes.iter().map(u32::to_string))
    );
    let _ = writeln!(out, "/// Code `i` has periods `PERIOD_START[i]..PERIOD_START[i + 1]`.\npub(crate) static PERIOD_START: [u16; {}] = [{}];", starts.len(), list(&mut starts.iter().map(usize::to_string)));
    let _ = writeln!(out, "/// First year of each period (inclusive; 0 = since before the table).\npub(crate) static PERIOD_FROM: [u16; {}] = [{}];", froms.len(), list(&mut froms.iter().map(u16::to_string)));
    let _ = writeln!(out, "/// Last year of each period (inclusive; 9999 = still in use).\npub(crate) static PERIOD_TO: [u16; {}] = [{}];", tos.len(), list(&mut tos.iter().map(u16::to_string)));
    let _ = writeln!(
        out,
        "/// Index into the name pool of each period's name.\npub(crate) static PERIOD_NAME: [u16; {}] = [{}];",
        name_ids.len(),
        list(&mut name_ids.iter().map(usize::to_string))
    );
    let _ = writeln!(
        out,
        "/// Name `j` is `NAMES[NAME_START[j]..NAME_START[j + 1]]`.\npub(crate) static NAME_START: [u32; {}] = [{}];",
        name_starts.len(),
        list(&mut name_starts.iter().map(usize::to_string))
    );
    let _ = writeln!(out, "/// Every distinct name, concatenated.\npub(crate) static NAMES: &str = {pool:?};");
    std::fs::write(out_dir.join("regions.rs"), out).map_err(|e| format!("regions.rs: {e}"))
}
