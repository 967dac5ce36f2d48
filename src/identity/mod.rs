//! What users type to identify themselves and their relatives: resident ID numbers, phones,
//! SMS codes, 社保卡 card numbers and image-code answers, names, institution and region codes, the two forms every shell shows, and the
//! masking that keeps personal data off shared screens and out of logs.

pub mod card;
pub mod codes;
pub mod forms;
pub mod mask;
pub mod name;
pub mod phone;
pub mod regions;
pub mod resident_id;

/// Longest input (bytes, after trimming) any identity check reads before calling it too
/// long: every value here is under 100 characters, so a 1 MB paste is rejected without
/// being copied or scanned.
pub(crate) const MAX_INPUT_BYTES: usize = 512;

/// Trims, folds full-width forms (Ｕ+FF01–FF5E, e.g. "１２３Ｘ") to ASCII and drops
/// whitespace inside, including the ideographic space, and the invisible characters
/// `text::display_safe` removes (a zero-width space or a bidi mark copied along with a number
/// from a chat or a web page): what Chinese IMEs and copy-paste produce for numbers and codes.
/// A character nobody can see is one nobody can correct, so it never fails a check.
pub(crate) fn fold_code_text(text: &str) -> String {
    // What is typed is nearly always printable ASCII, which nothing below changes: one copy,
    // with no per-character table lookups (each costs ~40 wasm instructions, which run
    // interpreted on an iPhone; issue #13).
    if text.bytes().all(|b| b.is_ascii_graphic()) {
        return text.to_string();
    }
    let mut folded = String::with_capacity(text.len());
    folded.extend(text.chars().filter(|&c| !c.is_whitespace() && crate::text::action_for(c).is_none()).map(|c| {
        match u32::from(c) {
            full @ 0xFF01..=0xFF5E => char::from_u32(full - 0xFEE0).unwrap_or(c),
            _ => c,
        }
    }));
    folded
}

/// The outcome of a single-field check, as data: `valid`, and either the normalised value
/// or the failure's code and text.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CheckReport {
    pub valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub message: Option<String>,
    /// The value as it should be stored or sent: digits only for phones and codes, dots
    /// unified and spaces collapsed for names.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub normalized: Option<String>,
}

// Personal data: the normalised value (a phone, a name, a psn_no) is never printed.
impl std::fmt::Debug for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckReport")
            .field("valid", &self.valid)
            .field("code", &self.code)
            .field("normalized", &self.normalized.as_ref().map(|_| "<hidden>"))
            .finish_non_exhaustive()
    }
}

impl CheckReport {
    pub fn of(result: Result<String, crate::messages::Message>, locale: crate::messages::Locale) -> CheckReport {
        match result {
            Ok(normalized) => CheckReport { valid: true, normalized: Some(normalized), ..CheckReport::default() },
            Err(message) => CheckReport {
                valid: false,
                code: Some(message.code.as_str().to_string()),
                message: Some(message.render(locale)),
                normalized: None,
            },
        }
    }
}
