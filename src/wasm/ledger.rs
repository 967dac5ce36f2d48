//! JS boundary for `crate::ledger`: converts values and maps errors only.
//!
//! `Ledger` is built once from the JSON text (`Ledger.fromJson(text)`) and kept in wasm
//! memory; every query returns only what the screen needs (a page, sums, summaries).

use wasm_bindgen::prelude::*;

use super::interop::{bad_argument, optional_object};
use super::{locale, throw, to_js};
use crate::ledger::{self, FreshnessOptions, IssuedAt, Query};

/// The account history (交易明细), loaded once and queried as often as needed.
#[wasm_bindgen]
pub struct Ledger {
    core: ledger::Ledger,
}

/// UTF-16 units copied per crossing.
const CHUNK_UNITS: u32 = 1 << 16;

/// Copies a JS string into wasm memory as UTF-8, a slice at a time. Passing a `&str`
/// directly makes the glue reserve 3 bytes per UTF-16 unit for the whole text before
/// shrinking (90 MB of linear memory, which never shrinks, for a 30 MB history); by slices
/// the peak is the text itself plus one slice.
fn utf8_in_chunks(text: &js_sys::JsString) -> String {
    let units = text.length();
    let mut out = String::with_capacity(units as usize);
    let mut start = 0;
    while start < units {
        let mut end = start.saturating_add(CHUNK_UNITS).min(units);
        // Never cut a surrogate pair in two: end before a high surrogate.
        let last = text.char_code_at(end - 1);
        if end < units && (0xD800 as f64..0xDC00 as f64).contains(&last) {
            end -= 1;
        }
        let piece = String::from(text.slice(start, end));
        if out.capacity() - out.len() < piece.len() {
            // Grow by the ratio of bytes to units seen so far, not by doubling.
            let remaining = u64::from(units - start);
            let ratio_num = (out.len() + piece.len()) as u64;
            let ratio_den = u64::from(end.max(1));
            let estimate = remaining.saturating_mul(ratio_num) / ratio_den.max(1) + 1024;
            out.reserve_exact(usize::try_from(estimate).unwrap_or(piece.len()).max(piece.len()));
        }
        out.push_str(&piece);
        start = end;
    }
    out
}

/// "Now" as freshness and the statement take it: China-time text, or a JS timestamp.
fn issued_at<'a>(text: &'a Option<String>, value: &JsValue) -> Result<IssuedAt<'a>, JsValue> {
    match (text, value.as_f64()) {
        (Some(text), _) => Ok(IssuedAt::ChinaText(text)),
        (None, Some(ms)) => Ok(IssuedAt::EpochMs(ms)),
        (None, None) => Err(bad_argument("now")),
    }
}

fn query_arg(value: Option<JsValue>) -> Result<Query, JsValue> {
    optional_object(value, "query")
}

#[wasm_bindgen]
impl Ledger {
    /// Parses the history's JSON text. Throws `LEDGER_NOT_JSON`, `LEDGER_BAD_SHAPE` or
    /// `LEDGER_BAD_ACCOUNT` (`BOUNDARY_BAD_ARGUMENT` when given no string); malformed
    /// records do not throw (see `rejected()`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &js_sys::JsString) -> Result<Ledger, JsValue> {
        // The declared type is not checked by the glue: a response already parsed into an
        // object, null or an array would otherwise fail inside the slicing as a bare TypeError.
        if !text.is_string() {
            return Err(bad_argument("history"));
        }
        let text = utf8_in_chunks(text);
        ledger::Ledger::from_json(&text).map(|core| Ledger { core }).map_err(|message| throw(&message))
    }

    /// The same ledger as `fromJson`, from the columns www/shared/ledger-columns.js packs
    /// after the host's `JSON.parse` (the texts' UTF-8 bytes and where each ends, and the
    /// layout words): on an engine without a JIT the host's parser is far faster than parsing
    /// in wasm. Shells call it through that packer, never directly; columns out of layout
    /// throw `BOUNDARY_BAD_ARGUMENT`.
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(
        bytes: &js_sys::Uint8Array,
        ends: &js_sys::Uint32Array,
        words: &js_sys::Uint32Array,
        fens: &js_sys::Float64Array,
    ) -> Result<Ledger, JsValue> {
        if !bytes.is_instance_of::<js_sys::Uint8Array>()
            || !ends.is_instance_of::<js_sys::Uint32Array>()
            || !words.is_instance_of::<js_sys::Uint32Array>()
            || !fens.is_instance_of::<js_sys::Float64Array>()
        {
            return Err(bad_argument("history"));
        }
        let (bytes, ends, words, fens) = (bytes.to_vec(), ends.to_vec(), words.to_vec(), fens.to_vec());
        ledger::Ledger::from_columns(&bytes, &ends, &words, &fens)
            .map(|core| Ledger { core })
            .map_err(|message| throw(&message))
    }

    /// The contract keys in the order the columns number them, joined by commas.
    #[wasm_bindgen(js_name = columnFields)]
    pub fn column_fields() -> String {
        ledger::columns::field_keys()
    }

    /// Records loaded (rejected records and duplicate settlements not included).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.core.len()).unwrap_or(u32::MAX)
    }

    /// Records and members set aside: `{section, index, code, message, field?}`.
    #[wasm_bindgen(unchecked_return_type = "RejectionView[]")]
    pub fn rejected(&self) -> Result<JsValue, JsValue> {
        let views: Vec<_> = self.core.rejected().iter().map(|r| r.view(locale())).collect();
        to_js(&views)
    }

    /// The page of matching records, their count and exact sums over the whole match.
    #[wasm_bindgen(unchecked_return_type = "QueryResult")]
    pub fn query(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Query")] query: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = query_arg(query)?;
        self.core.query(&query, locale()).map_err(|m| throw(&m)).and_then(|r| to_js(&r))
    }

    /// Per month of the match, oldest first.
    #[wasm_bindgen(unchecked_return_type = "MonthSummary[]")]
    pub fn monthly(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Query")] query: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = query_arg(query)?;
        self.core.monthly(&query).map_err(|m| throw(&m)).and_then(|r| to_js(&r))
    }

    /// Per person of the match.
    #[wasm_bindgen(js_name = byMember, unchecked_return_type = "MemberTotals[]")]
    pub fn by_member(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Query")] query: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let query = query_arg(query)?;
        self.core.by_member(&query, locale()).map_err(|m| throw(&m)).and_then(|r| to_js(&r))
    }

    /// Balance check, anomalies and the hotline.
    #[wasm_bindgen(unchecked_return_type = "Reconciliation")]
    pub fn reconcile(&self) -> Result<JsValue, JsValue> {
        self.core.reconcile(locale()).map_err(|m| throw(&m)).and_then(|r| to_js(&r))
    }

    /// How fresh the snapshot is at `now`: China time "yyyy-MM-dd HH:mm:ss", or a JS
    /// timestamp (`Date.now()`, ms since the epoch) whatever the device's zone.
    #[wasm_bindgen(unchecked_return_type = "Freshness")]
    pub fn freshness(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FreshnessOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options: FreshnessOptions = optional_object(options, "options")?;
        let text = now.as_string();
        let result = match issued_at(&text, &now)? {
            IssuedAt::ChinaText(text) => self.core.freshness(text, &options, locale()),
            IssuedAt::EpochMs(ms) => self.core.freshness_at_epoch_ms(ms, &options, locale()),
        };
        result.map_err(|m| throw(&m)).and_then(|r| to_js(&r))
    }

    /// The counter's statement (对账单) for the query's period (only `from` and `to` are read):
    /// opening balance, credits, debits by kind, closing balance, issued at `now` — China time
    /// "yyyy-MM-dd HH:mm:ss" or a JS timestamp. Throws `LEDGER_PERIOD_REVERSED`,
    /// `LEDGER_BAD_QUERY`, `TIME_INVALID`.
    #[wasm_bindgen(unchecked_return_type = "Statement")]
    pub fn statement(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Query | undefined")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let query = query_arg(Some(query))?;
        let text = now.as_string();
        let now = issued_at(&text, &now)?;
        self.core.statement(&query, now, locale()).map_err(|m| throw(&m)).and_then(|r| to_js(&r))
    }

    /// The statement as a file (对账单): its head — holder (masked), period, issue time, the
    /// balances and totals with 大写 — then the rows of the query's whole match, as `toCsv`.
    #[wasm_bindgen(js_name = statementCsv)]
    pub fn statement_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Query | undefined")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
    ) -> Result<String, JsValue> {
        let query = query_arg(Some(query))?;
        let text = now.as_string();
        let now = issued_at(&text, &now)?;
        self.core.statement_csv(&query, now, locale()).map_err(|m| throw(&m))
    }

    /// The statement (UTF-8 with BOM, Chinese headers) of the query's whole match.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Query")] query: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let query = query_arg(query)?;
        self.core.to_csv(&query, locale()).map_err(|m| throw(&m))
    }
}

/// Bytes of wasm linear memory in use (it only grows): for the benchmarks and the shells'
/// diagnostics page, since the Node glue does not expose the memory object.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    // Pages of 64 KiB; f64 because no u64 crosses the boundary.
    core::arch::wasm32::memory_size(0) as f64 * 65_536.0
}
