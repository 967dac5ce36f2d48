//! GB/T 4761-2008 family relation codes.

use crate::messages::Locale;

/// The Chinese name of a relation code ("10" → 配偶), if the code is known.
pub fn name_of(code: &str, locale: Locale) -> Option<&'static str> {
    let _ = (code, locale);
    None
}
