//! JS boundary for `crate::money`: converts values and maps errors only.
//!
//! Amounts cross as decimal strings. A JS number (or anything not a string) where an amount
//! belongs is misuse — `12.3` may already have lost a cent before it got here — so it throws
//! `BOUNDARY_BAD_ARGUMENT` naming the argument. A string that is not an amount throws the
//! MONEY_ code that says why (`MONEY_INVALID`, `MONEY_TOO_MANY_DECIMALS`, `MONEY_OVERFLOW`,
//! and for `parseYuan` every code of `money::parse_yuan`); `checkYuan` returns the same
//! outcome as data, for forms that validate as the user types.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::interop::{bad_argument, required_text};
use super::readers;
use super::{locale, throw, to_js};
use crate::messages::{Code, Locale, Message};
use crate::money::{self, Yuan};

/// An exact amount in the plain machine form ("-1234.5", at most two decimals).
fn exact_arg(value: &JsValue, name: &'static str) -> Result<Yuan, JsValue> {
    Yuan::parse_plain(&required_text(value, name)?).map_err(|problem| throw(&problem))
}

/// An amount in the plain machine form with any number of decimals, rounded to the fen.
fn rounded_arg(value: &JsValue, name: &'static str) -> Result<Yuan, JsValue> {
    money::parse_rounded(&required_text(value, name)?).map_err(|problem| throw(&problem))
}

/// What separates the amounts of a batch on their way across: a character no amount has.
const BATCH_SEPARATOR: char = '\n';

/// A JS array of strings, read in one crossing: each element's type is checked in place
/// (a number is misuse), then the array is joined in JS and copied once, instead of copying
/// each string separately — the per-element copy costs more than the work on it.
fn batch_arg(value: &JsValue, name: &'static str) -> Result<(String, usize), JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(bad_argument(name));
    }
    let array: &js_sys::Array = value.unchecked_ref();
    let length = array.length();
    if (0..length).any(|index| !array.get(index).is_string()) {
        return Err(bad_argument(name));
    }
    let joined = String::from(array.join(&BATCH_SEPARATOR.to_string()));
    Ok((joined, length as usize))
}

/// Applies `each` to every amount of a batch; an element holding the separator would split
/// into more pieces than the array has, so the count check rejects it.
fn map_batch(value: &JsValue, name: &'static str, each: impl Fn(Yuan, &mut String)) -> Result<js_sys::Array, JsValue> {
    let (joined, length) = batch_arg(value, name)?;
    if length == 0 {
        return Ok(js_sys::Array::new());
    }
    let mut out = String::with_capacity(joined.len() * 2);
    let mut count = 0usize;
    for (index, text) in joined.split(BATCH_SEPARATOR).enumerate() {
        if index > 0 {
            out.push(BATCH_SEPARATOR);
        }
        each(money::parse_rounded(text).map_err(|problem| throw(&problem))?, &mut out);
        count += 1;
    }
    if count != length {
        return Err(throw(&Message::new(Code::MoneyInvalid)));
    }
    Ok(js_sys::JsString::from(out).split(&BATCH_SEPARATOR.to_string()))
}

/// Reads an amount a person typed ("¥1,234.5", "１２３．４５", "12元") and returns the
/// canonical string ("1234.50"); throws a GongjiError with the MONEY_ code of the problem.
#[wasm_bindgen(js_name = parseYuan)]
pub fn parse_yuan(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseYuanOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let options = readers::parse_options(options, "options")?;
    money::parse_yuan(&required_text(&text, "text")?, &options)
        .map(|yuan| yuan.to_string())
        .map_err(|problem| throw(&problem))
}

/// `parseYuan` without throwing for what the user typed: `{valid, value?, code?, message?}`.
#[wasm_bindgen(js_name = checkYuan, unchecked_return_type = "YuanCheck")]
pub fn check_yuan(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseYuanOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = readers::parse_options(options, "options")?;
    to_js(&money::check_yuan(&required_text(&text, "text")?, &options, locale()))
}

/// Rounds a plain amount with any number of decimals to the fen, half away from zero:
/// "1234.565" → "1234.57".
#[wasm_bindgen(js_name = roundYuan)]
pub fn round_yuan(#[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue) -> Result<String, JsValue> {
    Ok(rounded_arg(&amount, "amount")?.to_string())
}

/// "¥1,234.57" for "1234.565" (rounded half away from zero), "-¥12.30", "¥****" masked.
#[wasm_bindgen(js_name = formatYuan)]
pub fn format_yuan(
    #[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FormatYuanOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let options = readers::format_options(options, "options")?;
    Ok(money::format_yuan(rounded_arg(&amount, "amount")?, &options))
}

/// `formatYuan` over an array in one call (a statement, a ledger page).
#[wasm_bindgen(js_name = formatYuanMany, unchecked_return_type = "string[]")]
pub fn format_yuan_many(
    #[wasm_bindgen(unchecked_param_type = "string[]")] amounts: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FormatYuanOptions")] options: Option<JsValue>,
) -> Result<js_sys::Array, JsValue> {
    let options = readers::format_options(options, "options")?;
    map_batch(&amounts, "amounts", |yuan, out| money::format::write_yuan(yuan, &options, out))
}

/// 人民币大写: "壹仟零肆元零伍分", "壹佰元整"; the amount is rounded to the fen first.
/// Under `setLocale('zh-Hant')` in Traditional characters (貳, 參, 陸, 萬, 億, 負, 幣).
#[wasm_bindgen(js_name = toChineseUppercase)]
pub fn to_chinese_uppercase(
    #[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChineseUppercaseOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let options = readers::uppercase_options(options, "options")?;
    Ok(money::script::in_script(money::to_chinese_uppercase(rounded_arg(&amount, "amount")?, &options), locale()))
}

/// `toChineseUppercase` over an array in one call.
#[wasm_bindgen(js_name = toChineseUppercaseMany, unchecked_return_type = "string[]")]
pub fn to_chinese_uppercase_many(
    #[wasm_bindgen(unchecked_param_type = "string[]")] amounts: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChineseUppercaseOptions")] options: Option<JsValue>,
) -> Result<js_sys::Array, JsValue> {
    let options = readers::uppercase_options(options, "options")?;
    let locale = locale();
    map_batch(&amounts, "amounts", |yuan, out| match locale {
        Locale::Hans => money::uppercase::write_chinese_uppercase(yuan, &options, out),
        Locale::Hant => out.push_str(&money::script::in_script(money::to_chinese_uppercase(yuan, &options), locale)),
    })
}

/// The amount as said aloud: "一千二百三十四元五角六分", "两千元"; rounded to the fen first.
/// Under `setLocale('zh-Hant')` in Traditional characters (兩千元).
#[wasm_bindgen(js_name = toSpokenChinese)]
pub fn to_spoken_chinese(#[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue) -> Result<String, JsValue> {
    Ok(money::script::in_script(money::to_spoken_chinese(rounded_arg(&amount, "amount")?), locale()))
}

/// `toSpokenChinese` over an array in one call (a page of amounts, each with its spoken
/// form for screen readers, costs one crossing instead of one per amount).
#[wasm_bindgen(js_name = toSpokenChineseMany, unchecked_return_type = "string[]")]
pub fn to_spoken_chinese_many(
    #[wasm_bindgen(unchecked_param_type = "string[]")] amounts: JsValue,
) -> Result<js_sys::Array, JsValue> {
    let locale = locale();
    map_batch(&amounts, "amounts", |yuan, out| {
        out.push_str(&money::script::in_script(money::to_spoken_chinese(yuan), locale));
    })
}

/// a + b, exactly; `MONEY_OVERFLOW` beyond ±99,999,999,999,999.99.
#[wasm_bindgen(js_name = addYuan)]
pub fn add_yuan(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> Result<String, JsValue> {
    let sum = exact_arg(&a, "a")?.checked_add(exact_arg(&b, "b")?).map_err(|problem| throw(&problem))?;
    Ok(sum.to_string())
}

/// a − b, exactly; `MONEY_OVERFLOW` beyond the range.
#[wasm_bindgen(js_name = subtractYuan)]
pub fn subtract_yuan(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> Result<String, JsValue> {
    let difference = exact_arg(&a, "a")?.checked_sub(exact_arg(&b, "b")?).map_err(|problem| throw(&problem))?;
    Ok(difference.to_string())
}

/// -1, 0 or 1 as a is below, equal to or above b (a comparator for `Array.prototype.sort`).
#[wasm_bindgen(js_name = compareYuan, unchecked_return_type = "-1 | 0 | 1")]
pub fn compare_yuan(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> Result<i32, JsValue> {
    Ok(exact_arg(&a, "a")?.compare(exact_arg(&b, "b")?) as i32)
}

/// −a ("0.00" stays "0.00").
#[wasm_bindgen(js_name = negateYuan)]
pub fn negate_yuan(#[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue) -> Result<String, JsValue> {
    Ok(exact_arg(&amount, "amount")?.negated().to_string())
}

/// |a|.
#[wasm_bindgen(js_name = absYuan)]
pub fn abs_yuan(#[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue) -> Result<String, JsValue> {
    Ok(exact_arg(&amount, "amount")?.abs().to_string())
}

/// The exact sum of an array of amounts ("0.00" for none); `MONEY_OVERFLOW` if any partial
/// sum leaves the range.
#[wasm_bindgen(js_name = sumYuan)]
pub fn sum_yuan(#[wasm_bindgen(unchecked_param_type = "string[]")] amounts: JsValue) -> Result<String, JsValue> {
    let (joined, length) = batch_arg(&amounts, "amounts")?;
    if length == 0 {
        return Ok(Yuan::ZERO.to_string());
    }
    let pieces: Vec<&str> = joined.split(BATCH_SEPARATOR).collect();
    if pieces.len() != length {
        return Err(throw(&Message::new(Code::MoneyInvalid)));
    }
    let amounts = pieces.into_iter().map(Yuan::parse_plain);
    Ok(amounts.collect::<Result<Vec<Yuan>, _>>().and_then(Yuan::sum).map_err(|problem| throw(&problem))?.to_string())
}
