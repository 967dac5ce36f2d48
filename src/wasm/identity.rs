//! JS boundary for `crate::identity`: converts values and maps errors only.
//!
//! Text arguments are taken as `JsValue` so that `undefined`/`null` read as empty (a form
//! field never filled) and bad text of any kind — lone surrogates arrive as U+FFFD — is
//! reported as data; only a non-text argument (a number, an object) is misuse and throws.

use wasm_bindgen::prelude::*;

use crate::date::Date;
use crate::identity::card::check_card_number;
use crate::identity::codes::{
    check_admdvs, check_captcha_answer, check_institution_code, check_psn_no, check_sms_code,
};
use crate::identity::forms::{validate_form as check_form, FormKind};
use crate::identity::name::PersonName;
use crate::identity::phone::Phone;
use crate::identity::resident_id::{self, ResidentIdReport};
use crate::identity::{mask, CheckReport};
use crate::messages::{Code, Message};
use crate::wasm::interop::{bad_argument, text_or_empty};
use crate::wasm::readers;
use crate::wasm::{locale, throw, to_js};

const MS_PER_DAY: f64 = 86_400_000.0;
const CHINA_OFFSET_MS: f64 = 8.0 * 3_600_000.0;

/// Today in China (UTC+8, no daylight saving), whatever the device's zone.
fn today_in_china() -> Result<Date, JsValue> {
    let days = ((js_sys::Date::now() + CHINA_OFFSET_MS) / MS_PER_DAY).floor();
    // Finite and within ±1e15 for any clock a device can have: the cast cannot saturate.
    #[allow(clippy::cast_possible_truncation)]
    let days = days as i64;
    Date::from_days(days).ok_or_else(|| throw(&Message::new(Code::BoundaryInternal)))
}

/// `asOf` as "YYYY-MM-DD", or today in China when absent. An optional parameter (`asOf?:
/// string` in TypeScript), so shells may leave it out rather than pass `undefined`.
fn as_of_or_today(as_of: Option<JsValue>) -> Result<Date, JsValue> {
    let Some(as_of) = as_of.filter(|value| !value.is_undefined() && !value.is_null()) else {
        return today_in_china();
    };
    let text = as_of.as_string().ok_or_else(|| bad_argument("asOf"))?;
    Date::parse(&text).map_err(|message| throw(&message))
}

/// Checks a resident ID number (or 港澳台居住证 / foreigner permanent residence ID number) as
/// of `asOf` ("YYYY-MM-DD", default today in China). Never throws on bad text.
#[wasm_bindgen(js_name = validateResidentId, unchecked_return_type = "ResidentIdReport")]
pub fn validate_resident_id(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string")] as_of: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let as_of = as_of_or_today(as_of)?;
    to_js(&resident_id::validate(&text_or_empty(&text, "text")?, as_of, locale()))
}

/// `validateResidentId` over an array, in one boundary crossing each way.
#[wasm_bindgen(js_name = validateResidentIds, unchecked_return_type = "ResidentIdReport[]")]
pub fn validate_resident_ids(
    #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string")] as_of: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let as_of = as_of_or_today(as_of)?;
    let texts = readers::texts(&texts, "texts")?;
    let locale = locale();
    let reports: Vec<ResidentIdReport> =
        texts.iter().map(|text| resident_id::validate(text.as_deref().unwrap_or_default(), as_of, locale)).collect();
    to_js(&reports)
}

/// Only the validity of each number of an array, as 1 (valid) or 0: the cheapest batch for
/// screening many numbers (e.g. an import), with no objects built per number.
#[wasm_bindgen(js_name = residentIdValidity)]
pub fn resident_id_validity(
    #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string")] as_of: Option<JsValue>,
) -> Result<Vec<u8>, JsValue> {
    let as_of = as_of_or_today(as_of)?;
    let texts = readers::texts(&texts, "texts")?;
    Ok(texts
        .iter()
        .map(|text| u8::from(resident_id::ResidentId::parse(text.as_deref().unwrap_or_default(), as_of).is_ok()))
        .collect())
}

/// A mainland mobile number: `normalized` is the 11 digits.
#[wasm_bindgen(js_name = validatePhone, unchecked_return_type = "CheckReport")]
pub fn validate_phone(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let result = Phone::parse(&text_or_empty(&text, "text")?).map(|phone| phone.digits().to_string());
    to_js(&CheckReport::of(result, locale()))
}

/// An SMS verification code (6 digits).
#[wasm_bindgen(js_name = validateSmsCode, unchecked_return_type = "CheckReport")]
pub fn validate_sms_code(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&CheckReport::of(check_sms_code(&text_or_empty(&text, "text")?), locale()))
}

/// A 社保卡 card number (shapes in data/cards/card_numbers.tsv, UNVERIFIED): `normalized` has
/// spaces dropped, full-width forms read as ASCII and letters upper-cased.
#[wasm_bindgen(js_name = validateCardNumber, unchecked_return_type = "CheckReport")]
pub fn validate_card_number(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&CheckReport::of(check_card_number(&text_or_empty(&text, "text")?), locale()))
}

/// The answer to an image code or its text alternative: 1 to 6 digits, `normalized` with
/// full-width digits read as ASCII. Whether it is right is the endpoint's to say.
#[wasm_bindgen(js_name = validateCaptchaAnswer, unchecked_return_type = "CheckReport")]
pub fn validate_captcha_answer(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&CheckReport::of(check_captcha_answer(&text_or_empty(&text, "text")?), locale()))
}

/// A personal name: `normalized` has the middle dot unified to · and spaces collapsed.
#[wasm_bindgen(js_name = validateName, unchecked_return_type = "CheckReport")]
pub fn validate_name(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let result = PersonName::parse(&text_or_empty(&text, "text")?).map(|name| name.as_str().to_string());
    to_js(&CheckReport::of(result, locale()))
}

/// A designated institution code (H/P + 11 digits).
#[wasm_bindgen(js_name = validateInstitutionCode, unchecked_return_type = "CheckReport")]
pub fn validate_institution_code(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&CheckReport::of(check_institution_code(&text_or_empty(&text, "text")?), locale()))
}

/// A 6-digit admdvs code (GB/T 2260, or a pool pseudo-code ending in 99 / 9900).
#[wasm_bindgen(js_name = validateAdmdvs, unchecked_return_type = "CheckReport")]
pub fn validate_admdvs(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&CheckReport::of(check_admdvs(&text_or_empty(&text, "text")?), locale()))
}

/// A psn_no (1–30 digits).
#[wasm_bindgen(js_name = validatePsnNo, unchecked_return_type = "CheckReport")]
pub fn validate_psn_no(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&CheckReport::of(check_psn_no(&text_or_empty(&text, "text")?), locale()))
}

/// Checks the "login" {certno, phone, smsCode}, "cardLogin" {certno, cardNo, captcha} or
/// "bind" {name, certno, relation, phone} form. An unknown kind throws FORM_UNKNOWN_KIND; bad
/// values come back as `errors`.
#[wasm_bindgen(js_name = validateForm, unchecked_return_type = "FormReport")]
pub fn validate_form(
    #[wasm_bindgen(unchecked_param_type = "\"login\" | \"cardLogin\" | \"bind\"")] kind: &str,
    #[wasm_bindgen(unchecked_param_type = "FormValues")] values: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string")] as_of: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let kind = FormKind::parse(kind).map_err(|message| throw(&message))?;
    let values = readers::form_values(&values, "values", kind)?;
    let as_of = as_of_or_today(as_of)?;
    to_js(&check_form(kind, &values, as_of, locale()))
}

/// 1101**********002X: never the birth date.
#[wasm_bindgen(js_name = maskResidentId)]
pub fn mask_resident_id(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<String, JsValue> {
    Ok(mask::mask_resident_id(&text_or_empty(&text, "text")?))
}

/// 138****1234.
#[wasm_bindgen(js_name = maskPhone)]
pub fn mask_phone(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<String, JsValue> {
    Ok(mask::mask_phone(&text_or_empty(&text, "text")?))
}

/// 张*三, 王*, 欧**娜, 买**·*力, J*** S****.
#[wasm_bindgen(js_name = maskName)]
pub fn mask_name(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] text: JsValue,
) -> Result<String, JsValue> {
    Ok(mask::mask_name(&text_or_empty(&text, "text")?))
}

/// The medical-insurance hotline for a holder's insurance region (insuplc_admdvs), with its
/// area code where the data has one (data/ledger/hotlines.tsv); the national 12393 otherwise.
/// Here rather than with the family exports: the login page's errors name it, so the start
/// module has it.
#[wasm_bindgen(js_name = hotlineFor)]
pub fn hotline_for_js(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] region: JsValue,
) -> Result<String, JsValue> {
    Ok(crate::ledger::reference::hotline_for(text_or_empty(&region, "region")?.trim()).to_string())
}
