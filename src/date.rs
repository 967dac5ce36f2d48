//! Civil dates and China-local date-times as the provincial system writes them
//! ("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", no zone).
//!
//! Hand-written rather than chrono/time: the core only needs validity, ordering, day
//! arithmetic and ages on the proleptic Gregorian calendar, never a time zone — the times
//! are China local time and stay so whatever the device's zone — and this is ~150 lines
//! against tens of KB of wasm.

use std::fmt;

use crate::messages::{Code, Message};

/// A real calendar date, years 1..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `value` as exactly `N` decimal digits, zero-padded (callers pass values that fit). Dates,
/// times and region codes are written with this rather than core::fmt's width and padding
/// machinery, which costs hundreds of wasm instructions a field, run interpreted on an
/// iPhone (issue #13).
pub(crate) fn fixed_digits<const N: usize>(mut value: u32) -> [u8; N] {
    let mut out = [b'0'; N];
    for slot in out.iter_mut().rev() {
        // A remainder below 10: the cast keeps it.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (value % 10) as u8;
        *slot = b'0' + digit;
        value /= 10;
    }
    out
}

/// ASCII bytes as text (what `fixed_digits` and the separators make is always ASCII).
fn ascii_text(bytes: &[u8]) -> Result<&str, fmt::Error> {
    std::str::from_utf8(bytes).map_err(|_| fmt::Error)
}

/// Reads exactly `n` ASCII digits starting at `at`.
fn digits(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = bytes.get(at..at + n)?;
    slice.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// "yyyy-MM-dd" exactly.
    pub fn parse(text: &str) -> Result<Date, Message> {
        let b = text.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err(Message::new(Code::DateInvalid));
        }
        Date::from_digits(b, 0, 5, 8).ok_or(Message::new(Code::DateInvalid))
    }

    /// "yyyyMMdd" exactly, as inside a resident ID number.
    pub fn parse_compact(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 8 {
            return None;
        }
        Date::from_digits(b, 0, 4, 6)
    }

    fn from_digits(b: &[u8], y: usize, m: usize, d: usize) -> Option<Date> {
        let year = u16::try_from(digits(b, y, 4)?).ok()?;
        let month = u8::try_from(digits(b, m, 2)?).ok()?;
        let day = u8::try_from(digits(b, d, 2)?).ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of `to_days`; `None` outside years 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(days)?)
    }

    /// The same day `months` later, clamped to the month's end (2024-01-31 + 1 → 2024-02-29).
    pub fn add_months(self, months: i32) -> Option<Date> {
        let total = i32::from(self.year) * 12 + i32::from(self.month) - 1 + months;
        let year = u16::try_from(total.div_euclid(12)).ok()?;
        let month = u8::try_from(total.rem_euclid(12) + 1).ok()?;
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    /// Whole years of age on `on` (a birthday on 02-29 counts from 03-01 in common years).
    pub fn age_on(self, on: Date) -> Option<u16> {
        if on < self {
            return None;
        }
        let had_birthday = (on.month, on.day) >= (self.month, self.day);
        Some(on.year - self.year - u16::from(!had_birthday))
    }
}

impl Date {
    /// "yyyy-MM-dd" as bytes (years are 1..=9999, so always four digits).
    fn ascii(self) -> [u8; 10] {
        let [y0, y1, y2, y3] = fixed_digits::<4>(u32::from(self.year));
        let [m0, m1] = fixed_digits::<2>(u32::from(self.month));
        let [d0, d1] = fixed_digits::<2>(u32::from(self.day));
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(ascii_text(&self.ascii())?)
    }
}

/// A China-local date and time, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
}

impl DateTime {
    pub fn new(date: Date, hour: u8, minute: u8, second: u8) -> Option<DateTime> {
        (hour < 24 && minute < 60 && second < 60).then_some(DateTime { date, hour, minute, second })
    }

    /// "yyyy-MM-dd HH:mm:ss" exactly (a 'T' in place of the space is accepted too).
    pub fn parse(text: &str) -> Result<DateTime, Message> {
        let b = text.as_bytes();
        let shape = b.len() == 19
            && matches!(b.get(10), Some(b' ' | b'T'))
            && b.get(13) == Some(&b':')
            && b.get(16) == Some(&b':');
        let invalid = || Message::new(Code::TimeInvalid);
        if !shape {
            return Err(invalid());
        }
        let date = text.get(..10).ok_or_else(invalid).and_then(|d| Date::parse(d).map_err(|_| invalid()))?;
        let part = |at| digits(b, at, 2).and_then(|v| u8::try_from(v).ok());
        match (part(11), part(14), part(17)) {
            (Some(h), Some(m), Some(s)) => DateTime::new(date, h, m, s).ok_or_else(invalid),
            _ => Err(invalid()),
        }
    }

    pub fn date(self) -> Date {
        self.date
    }
    pub fn hour(self) -> u8 {
        self.hour
    }
    pub fn minute(self) -> u8 {
        self.minute
    }
    pub fn second(self) -> u8 {
        self.second
    }

    /// Seconds since 1970-01-01 00:00:00 of the same (China-local) clock.
    pub fn to_seconds(self) -> i64 {
        self.date.to_days() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [y0, y1, y2, y3, s0, m0, m1, s1, d0, d1] = self.date.ascii();
        let [h0, h1] = fixed_digits::<2>(u32::from(self.hour));
        let [i0, i1] = fixed_digits::<2>(u32::from(self.minute));
        let [c0, c1] = fixed_digits::<2>(u32::from(self.second));
        f.pad(ascii_text(&[y0, y1, y2, y3, s0, m0, m1, s1, d0, d1, b' ', h0, h1, b':', i0, i1, b':', c0, c1])?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        let table = [
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("1900-02-29", false),
            ("2000-02-29", true),
            ("2024-04-31", false),
            ("2024-13-01", false),
            ("2024-00-10", false),
            ("2024-1-01", false),
            ("２０２４-01-01", false),
            ("", false),
        ];
        for (text, ok) in table {
            assert_eq!(Date::parse(text).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn days_round_trip() {
        let start = Date::new(1890, 1, 1).unwrap().to_days();
        for days in start..start + 60_000 {
            let date = Date::from_days(days).unwrap();
            assert_eq!(date.to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
    }

    #[test]
    fn ages() {
        let birth = Date::new(2008, 2, 29).unwrap();
        assert_eq!(birth.age_on(Date::new(2024, 2, 28).unwrap()), Some(15));
        assert_eq!(birth.age_on(Date::new(2024, 2, 29).unwrap()), Some(16));
        assert_eq!(birth.age_on(Date::new(2025, 2, 28).unwrap()), Some(16));
        assert_eq!(birth.age_on(Date::new(2007, 1, 1).unwrap()), None);
    }

    #[test]
    fn date_times() {
        assert_eq!(DateTime::parse("2024-03-01 21:59:59").unwrap().to_string(), "2024-03-01 21:59:59");
        for bad in
            ["2024-03-01 24:00:00", "2024-03-01 12:60:00", "2024-02-30 10:00:00", "2024-03-01", "2024-03-01 1:00:00"]
        {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn months_clamp() {
        let d = Date::new(2024, 1, 31).unwrap();
        assert_eq!(d.add_months(1).unwrap().to_string(), "2024-02-29");
        assert_eq!(d.add_months(-2).unwrap().to_string(), "2023-11-30");
    }
}
