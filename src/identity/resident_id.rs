//! Resident ID numbers (GB 11643-1999 and the legacy GB 11643-1989).

use crate::date::Date;

/// The birth date written in an 18-character number (characters 7–14), if it is a real date.
/// Used by the family rules to compare ages; it does not validate the number.
pub fn birth_date_of(certno: &str) -> Option<Date> {
    Date::parse_compact(certno.trim().get(6..14)?)
}
