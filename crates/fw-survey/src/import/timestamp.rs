//! Timestamps as exports write them, to ms since the epoch (UTC).
//!
//! Accepted: RFC 3339 with an offset ("2024-03-01T09:30:00+08:00", "…Z"); a local time
//! "YYYY-MM-DD HH:MM[:SS[.fff]]" or "YYYY/MM/DD HH:MM[:SS[.fff]]" (a `T` also separates;
//! month, day and hour may have one digit, as Chinese-locale spreadsheets write them) in the
//! mapping's UTC offset; and an epoch number (integer or decimal), in milliseconds when its
//! magnitude is at least [`EPOCH_MS_FROM`], else in seconds.

use chrono::DateTime;

/// Epoch integers this large or larger are milliseconds: as seconds they would be after the
/// year 5000, as milliseconds they are after March 1973.
pub(crate) const EPOCH_MS_FROM: i64 = 100_000_000_000;

const MS_PER_MINUTE: i64 = 60_000;
const MS_PER_DAY: i64 = 86_400_000;

/// The instant written, or `None` when it is none of the accepted forms.
pub(crate) fn parse_timestamp(text: &str, utc_offset_minutes: i32) -> Option<i64> {
    let text = text.trim();
    if let Some(epoch) = parse_epoch(text) {
        return Some(epoch);
    }
    if let Some(local_ms) = parse_local(text.as_bytes()) {
        return Some(local_ms - i64::from(utc_offset_minutes) * MS_PER_MINUTE);
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|instant| instant.timestamp_millis())
}

fn parse_epoch(text: &str) -> Option<i64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, Some(fraction)),
        Some(_) => return None,
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        return None;
    }
    if fraction.is_none() {
        let value: i64 = text.parse().ok()?;
        return if value.unsigned_abs() >= EPOCH_MS_FROM.unsigned_abs() {
            Some(value)
        } else {
            value.checked_mul(1_000)
        };
    }
    // Fractional epochs (some APIs send seconds as a float): to the nearest millisecond.
    let value: f64 = text.parse().ok()?;
    let ms = if value.abs() >= EPOCH_MS_FROM as f64 {
        value
    } else {
        value * 1_000.0
    }
    .round();
    (ms.abs() < 9.0e18).then_some(ms as i64)
}

/// A cursor over the ASCII of a local timestamp.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// Between `min` and `max` digits, as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.at;
        let mut value = 0u32;
        while self.at < self.bytes.len() && self.at - start < max {
            let byte = self.bytes[self.at];
            if !byte.is_ascii_digit() {
                break;
            }
            value = value * 10 + u32::from(byte - b'0');
            self.at += 1;
        }
        (self.at - start >= min).then_some(value)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// "YYYY-MM-DD HH:MM[:SS[.fff]]" or with slashes, as ms since the epoch of that wall time
/// read as UTC (the caller applies the offset).
fn parse_local(bytes: &[u8]) -> Option<i64> {
    let mut cursor = Cursor { bytes, at: 0 };
    let year = cursor.digits(4, 4)?;
    let separator = cursor.peek().filter(|b| matches!(b, b'-' | b'/'))?;
    cursor.at += 1;
    let month = cursor.digits(1, 2)?;
    if !cursor.eat(separator) {
        return None;
    }
    let day = cursor.digits(1, 2)?;
    if !cursor.eat(b'T') {
        if !cursor.eat(b' ') {
            return None;
        }
        while cursor.eat(b' ') {}
    }
    let hour = cursor.digits(1, 2)?;
    if !cursor.eat(b':') {
        return None;
    }
    let minute = cursor.digits(2, 2)?;
    let second = if cursor.eat(b':') {
        cursor.digits(2, 2)?
    } else {
        0
    };
    let mut millis = 0;
    if cursor.eat(b'.') {
        let start = cursor.at;
        let fraction = cursor.digits(1, 9)?;
        let places = cursor.at - start;
        // Keep milliseconds; finer digits are dropped, not rounded.
        millis = match places {
            1 => fraction * 100,
            2 => fraction * 10,
            3 => fraction,
            more => fraction / 10u32.pow(more as u32 - 3),
        };
    }
    if !cursor.done()
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = i64::from(hour * 3_600 + minute * 60 + second);
    Some(days * MS_PER_DAY + seconds * 1_000 + i64::from(millis))
}

const fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHINA: i32 = 480;
    /// 2024-03-01T01:30:00Z.
    const INSTANT: i64 = 1_709_256_600_000;

    #[test]
    fn local_layouts_are_read_in_the_mappings_offset() {
        for text in [
            "2024-03-01 09:30",
            "2024-03-01 09:30:00",
            "2024/03/01 09:30:00",
            "2024/3/1 9:30",
            "2024-03-01T09:30:00",
            "2024-03-01 09:30:00.000",
            " 2024-03-01  09:30 ",
        ] {
            assert_eq!(parse_timestamp(text, CHINA), Some(INSTANT), "{text}");
        }
        assert_eq!(
            parse_timestamp("2024-03-01 01:30:00.25", 0),
            Some(INSTANT + 250)
        );
    }

    #[test]
    fn rfc3339_carries_its_own_offset() {
        for text in [
            "2024-03-01T09:30:00+08:00",
            "2024-03-01T01:30:00Z",
            "2024-03-01T01:30:00.000Z",
            "2024-02-29T20:30:00-05:00",
        ] {
            assert_eq!(parse_timestamp(text, 0), Some(INSTANT), "{text}");
        }
    }

    #[test]
    fn epoch_integers_are_seconds_or_milliseconds_by_magnitude() {
        assert_eq!(parse_timestamp("1709256600", CHINA), Some(INSTANT));
        assert_eq!(parse_timestamp("1709256600000", CHINA), Some(INSTANT));
        assert_eq!(parse_timestamp("0", CHINA), Some(0));
        assert_eq!(parse_timestamp("-86400", CHINA), Some(-MS_PER_DAY));
        assert_eq!(parse_timestamp("1709256600.25", CHINA), Some(INSTANT + 250));
        assert_eq!(parse_timestamp("1709256600000.0", CHINA), Some(INSTANT));
    }

    #[test]
    fn impossible_and_unknown_forms_are_refused() {
        for text in [
            "",
            "yesterday",
            "2024-02-30 10:00",
            "2023-02-29 10:00",
            "2024-13-01 10:00",
            "2024-03-01 24:00",
            "2024-03-01 10:60",
            "2024-03-01",
            "2024-03/01 10:00",
            "01/03/2024 10:00",
            "2024-03-01 10:00 extra",
            "1.7e9",
            "1709256600.",
            ".5",
            "12.3.4",
        ] {
            assert_eq!(parse_timestamp(text, CHINA), None, "{text}");
        }
        assert!(parse_timestamp("2024-02-29 10:00", CHINA).is_some());
    }

    #[test]
    fn civil_days_agree_with_chrono() {
        for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (1969, 12, 31), (2100, 3, 1)] {
            let expected = chrono::NaiveDate::from_ymd_opt(year, month, day)
                .expect("valid date")
                .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch"))
                .num_days();
            assert_eq!(days_from_civil(i64::from(year), month, day), expected);
        }
    }
}
