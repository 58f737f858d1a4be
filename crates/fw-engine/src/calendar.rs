//! Where shifts and days begin, in the centre's own time zone.

use chrono::{Datelike, Duration, NaiveTime, TimeZone};
use chrono_tz::Tz;
use fw_domain::{MINUTE_MS, Timestamp};

use crate::window::Window;

/// Why a calendar cannot be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("unknown time zone {0:?} (use an IANA name such as Asia/Shanghai)")]
    UnknownTimeZone(String),
    #[error("a shift start must be a time of day given as HH:MM, got {0:?}")]
    BadShiftStart(String),
    #[error(
        "a shift must start on a quarter hour (:00, :15, :30 or :45), the interval workforce plans use, got {0:?}"
    )]
    ShiftStartOffQuarter(String),
    #[error("at least one shift start is needed")]
    NoShifts,
}

/// The centre's time zone and the local times at which shifts start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftCalendar {
    tz: Tz,
    /// Minutes after local midnight, sorted, unique.
    shift_starts: Vec<u32>,
}

impl ShiftCalendar {
    /// A calendar from an IANA zone name and shift starts such as `["06:00", "14:00", "22:00"]`.
    pub fn new(time_zone: &str, shift_starts: &[&str]) -> Result<ShiftCalendar, CalendarError> {
        let tz: Tz = time_zone
            .parse()
            .map_err(|_| CalendarError::UnknownTimeZone(time_zone.to_owned()))?;
        let mut minutes = shift_starts
            .iter()
            .map(|text| {
                NaiveTime::parse_from_str(text, "%H:%M")
                    .map(|t| t.signed_duration_since(NaiveTime::MIN).num_minutes() as u32)
                    .map_err(|_| CalendarError::BadShiftStart((*text).to_owned()))
                    .and_then(|minute| {
                        // History older than an hour is kept by the quarter hour.
                        if minute % 15 == 0 {
                            Ok(minute)
                        } else {
                            Err(CalendarError::ShiftStartOffQuarter((*text).to_owned()))
                        }
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if minutes.is_empty() {
            return Err(CalendarError::NoShifts);
        }
        minutes.sort_unstable();
        minutes.dedup();
        Ok(ShiftCalendar {
            tz,
            shift_starts: minutes,
        })
    }

    /// The reference customers' calendar: Asia/Shanghai, shifts at 06:00, 14:00 and 22:00.
    pub fn china_three_shifts() -> ShiftCalendar {
        ShiftCalendar {
            tz: chrono_tz::Asia::Shanghai,
            shift_starts: vec![6 * 60, 14 * 60, 22 * 60],
        }
    }

    pub fn time_zone(&self) -> &str {
        self.tz.name()
    }

    /// The zone itself, for clocks shown to people (checked when the calendar was made).
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The shift starts as `HH:MM`, earliest first.
    pub fn shift_starts(&self) -> Vec<String> {
        self.shift_starts
            .iter()
            .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
            .collect()
    }

    /// The first minute a window covers at `now` (always a minute boundary, never after `now`).
    pub fn window_start(&self, window: Window, now: Timestamp) -> Timestamp {
        match window.rolling_minutes() {
            Some(minutes) => now.floor_minute().plus_ms(-(minutes - 1) * MINUTE_MS),
            None if window == Window::Day => self.local_boundary(now, &[0]),
            None => self.local_boundary(now, &self.shift_starts),
        }
    }

    /// The latest instant at or before `now` whose local time of day is one of `starts`.
    fn local_boundary(&self, now: Timestamp, starts: &[u32]) -> Timestamp {
        let Some(utc) = chrono::DateTime::from_timestamp_millis(now.0) else {
            return now.floor_minute();
        };
        let local_date = utc.with_timezone(&self.tz).date_naive();
        // Today's starts from the latest back, then yesterday's: the first not after `now` wins.
        for days_back in 0..=2 {
            let date = local_date - Duration::days(days_back);
            for &start in starts.iter().rev() {
                let naive = date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(start));
                // In a DST gap the start does not exist locally; the earliest valid instant after it is used.
                let candidate = self.tz.from_local_datetime(&naive).earliest().or_else(|| {
                    self.tz
                        .from_local_datetime(&(naive + Duration::hours(1)))
                        .earliest()
                });
                if let Some(candidate) = candidate {
                    let millis = candidate.timestamp_millis();
                    if millis <= now.0 {
                        return Timestamp(millis).floor_minute();
                    }
                }
            }
            debug_assert!(date.year() > 0);
        }
        now.floor_minute()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> Timestamp {
        Timestamp(
            chrono_tz::Asia::Shanghai
                .with_ymd_and_hms(y, m, d, hh, mm, 0)
                .unwrap()
                .timestamp_millis(),
        )
    }

    #[test]
    fn shift_starts_read_back_sorted_as_written() {
        let calendar = ShiftCalendar::new("Europe/Berlin", &["22:00", "07:30"]).unwrap();
        assert_eq!(calendar.shift_starts(), ["07:30", "22:00"]);
        assert_eq!(calendar.time_zone(), "Europe/Berlin");
    }

    #[test]
    fn night_shift_keeps_its_start_across_midnight() {
        let calendar = ShiftCalendar::china_three_shifts();
        let after_midnight = shanghai(2026, 11, 22, 1, 30);
        assert_eq!(
            calendar.window_start(Window::Shift, after_midnight),
            shanghai(2026, 11, 21, 22, 0)
        );
        assert_eq!(
            calendar.window_start(Window::Day, after_midnight),
            shanghai(2026, 11, 22, 0, 0)
        );
    }

    #[test]
    fn day_shift_starts_at_six_and_rolling_windows_are_minute_aligned() {
        let calendar = ShiftCalendar::china_three_shifts();
        let morning = shanghai(2026, 11, 22, 9, 17).plus_ms(12_345);
        assert_eq!(
            calendar.window_start(Window::Shift, morning),
            shanghai(2026, 11, 22, 6, 0)
        );
        assert_eq!(
            calendar.window_start(Window::Rolling15, morning),
            shanghai(2026, 11, 22, 9, 3)
        );
    }

    #[test]
    fn dst_zone_boundaries_are_found() {
        let calendar = ShiftCalendar::new("Europe/London", &["00:30", "08:00"]).unwrap();
        // 2026-03-29 01:00 UTC the clocks go forward; 08:00 BST is 07:00 UTC.
        let utc = chrono::Utc
            .with_ymd_and_hms(2026, 3, 29, 9, 0, 0)
            .unwrap()
            .timestamp_millis();
        let start = calendar.window_start(Window::Shift, Timestamp(utc));
        assert_eq!(
            start.0,
            chrono::Utc
                .with_ymd_and_hms(2026, 3, 29, 7, 0, 0)
                .unwrap()
                .timestamp_millis()
        );
    }

    #[test]
    fn bad_configuration_is_reported() {
        assert_eq!(
            ShiftCalendar::new("Mars/Olympus", &["06:00"]).unwrap_err(),
            CalendarError::UnknownTimeZone("Mars/Olympus".into())
        );
        assert_eq!(
            ShiftCalendar::new("UTC", &["25:00"]).unwrap_err(),
            CalendarError::BadShiftStart("25:00".into())
        );
        assert_eq!(
            ShiftCalendar::new("UTC", &["06:00", "07:10"]).unwrap_err(),
            CalendarError::ShiftStartOffQuarter("07:10".into())
        );
        assert!(ShiftCalendar::new("UTC", &["06:15", "14:30", "22:45"]).is_ok());
        assert_eq!(
            ShiftCalendar::new("UTC", &[]).unwrap_err(),
            CalendarError::NoShifts
        );
    }
}
