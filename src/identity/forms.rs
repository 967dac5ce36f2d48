//! The forms the shells show: login (ID number, phone, SMS code), the portal's second login
//! (ID number, 社保卡 card number, image code) and binding a relative (name, ID number,
//! relation, phone). Each field is checked by its own rule; the outcome is
//! data: every failing field with its code and text, in form order.

use crate::date::Date;
use crate::identity::card::check_card_number;
use crate::identity::codes::{check_captcha_answer, check_sms_code};
use crate::identity::name::PersonName;
use crate::identity::phone::Phone;
use crate::identity::resident_id::ResidentId;
use crate::messages::{Code, Locale, Message};

/// Which form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Login,
    /// 身份证号 + 社保卡号 + 图形验证码 (the provincial portal's second login).
    CardLogin,
    Bind,
}

impl FormKind {
    pub fn parse(kind: &str) -> Result<FormKind, Message> {
        match kind.trim() {
            "login" => Ok(FormKind::Login),
            "cardLogin" => Ok(FormKind::CardLogin),
            "bind" => Ok(FormKind::Bind),
            _ => Err(Message::new(Code::FormUnknownKind)),
        }
    }
}

/// What the shell collected; a missing field is reported as empty by its own rule.
#[derive(Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FormValues {
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub certno: Option<String>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sms_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// A GB/T 4761 family relation code ("10" 配偶 …); only its shape is checked here.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub relation: Option<String>,
    /// The 社保卡 card number (cardLogin).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub card_no: Option<String>,
    /// The answer to the image code or its text alternative (cardLogin).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub captcha: Option<String>,
}

// Personal data: never print the values.
impl std::fmt::Debug for FormValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormValues { .. }")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FieldError {
    /// The field's name as in `FormValues` ("certno", "phone", "smsCode", "name", "relation",
    /// "cardNo", "captcha").
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FormReport {
    pub ok: bool,
    pub errors: Vec<FieldError>,
}

/// A relation code's shape: exactly two ASCII digits. What the code means belongs to
/// `family::relations`.
fn check_relation_shape(text: &str) -> Result<(), Message> {
    let relation = text.trim();
    if relation.is_empty() {
        return Err(Message::new(Code::FormFieldRequired));
    }
    if relation.len() == 2 && relation.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Message::new(Code::FormRelationInvalid))
    }
}

pub fn validate_form(kind: FormKind, values: &FormValues, as_of: Date, locale: Locale) -> FormReport {
    // Borrowed: each check reads its text, none keeps it.
    fn text(value: &Option<String>) -> &str {
        value.as_deref().unwrap_or_default()
    }
    let mut checks: Vec<(&str, Result<(), Message>)> = Vec::with_capacity(4);
    if kind == FormKind::Bind {
        checks.push(("name", PersonName::parse(text(&values.name)).map(|_| ())));
    }
    checks.push(("certno", ResidentId::parse(text(&values.certno), as_of).map(|_| ())));
    if kind == FormKind::Bind {
        checks.push(("relation", check_relation_shape(text(&values.relation))));
    }
    if kind == FormKind::CardLogin {
        checks.push(("cardNo", check_card_number(text(&values.card_no)).map(|_| ())));
        checks.push(("captcha", check_captcha_answer(text(&values.captcha)).map(|_| ())));
    } else {
        checks.push(("phone", Phone::parse(text(&values.phone)).map(|_| ())));
    }
    if kind == FormKind::Login {
        checks.push(("smsCode", check_sms_code(text(&values.sms_code)).map(|_| ())));
    }
    let errors: Vec<FieldError> = checks
        .into_iter()
        .filter_map(|(field, result)| {
            result.err().map(|message| FieldError {
                field: field.to_string(),
                code: message.code.as_str().to_string(),
                message: message.render(locale),
            })
        })
        .collect();
    FormReport { ok: errors.is_empty(), errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(certno: &str, phone: &str, sms: &str, name: &str, relation: &str) -> FormValues {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        FormValues {
            certno: some(certno),
            phone: some(phone),
            sms_code: some(sms),
            name: some(name),
            relation: some(relation),
            ..FormValues::default()
        }
    }

    fn card(certno: &str, card_no: &str, captcha: &str) -> FormValues {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        FormValues { certno: some(certno), card_no: some(card_no), captcha: some(captcha), ..FormValues::default() }
    }

    /// A form, its values, and the (field, code) pairs expected to fail.
    type Case = (FormKind, FormValues, &'static [(&'static str, Code)]);

    #[test]
    fn forms_report_each_failing_field() {
        let as_of = Date::parse("2026-11-23").unwrap();
        let cases: &[Case] = &[
            (FormKind::Login, values("11010519491231002X", "13812341234", "123456", "", ""), &[]),
            (
                FormKind::Login,
                values("", "", "", "", ""),
                &[("certno", Code::IdEmpty), ("phone", Code::PhoneEmpty), ("smsCode", Code::SmsCodeEmpty)],
            ),
            (
                FormKind::Login,
                values("110105194912310021", "13812341234", "12345", "", ""),
                &[("certno", Code::IdCheckDigit), ("smsCode", Code::SmsCodeInvalid)],
            ),
            (FormKind::Bind, values("11010519491231002X", "13812341234", "", "张三", "10"), &[]),
            (
                FormKind::Bind,
                values("11010519491231002X", "12812341234", "", "张3", "1"),
                &[
                    ("name", Code::NameCharacters),
                    ("relation", Code::FormRelationInvalid),
                    ("phone", Code::PhonePrefix),
                ],
            ),
            (
                FormKind::Bind,
                values("11010519491231002X", "13812341234", "", "张三", ""),
                &[("relation", Code::FormFieldRequired)],
            ),
            // The portal's second login: no phone asked, the card number and the code checked.
            (FormKind::CardLogin, card("11010519491231002X", "a1234 5678", "７３５２"), &[]),
            (
                FormKind::CardLogin,
                card("", "", ""),
                &[("certno", Code::IdEmpty), ("cardNo", Code::CardNumberEmpty), ("captcha", Code::CaptchaEmpty)],
            ),
            (
                FormKind::CardLogin,
                card("11010519491231002X", "11010519491231002X", "七"),
                &[("cardNo", Code::CardNumberInvalid), ("captcha", Code::CaptchaInvalid)],
            ),
        ];
        for (kind, form, expected) in cases {
            let report = validate_form(*kind, form, as_of, Locale::Hans);
            let got: Vec<(&str, &str)> = report.errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
            let want: Vec<(&str, &str)> = expected.iter().map(|(f, c)| (*f, c.as_str())).collect();
            assert_eq!(got, want, "{kind:?}");
            assert_eq!(report.ok, expected.is_empty());
        }
        assert_eq!(FormKind::parse("signup").unwrap_err().code, Code::FormUnknownKind);
    }
}
