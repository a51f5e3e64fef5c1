//! Calendar dates, as written in front matter (`updated = 2026-11-20`).

use std::fmt;

/// A calendar day with no time or time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, such as 2026.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// A date, when the day exists in that month and year.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days_in_month = days_in_month(year, month)?;
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        Date::new(
            number(0..4)?,
            u8::try_from(number(5..7)?).ok()?,
            u8::try_from(number(8..10)?).ok()?,
        )
    }

    /// Seconds from 1970-01-01 to the start of this day (UTC).
    pub fn unix_seconds(&self) -> i64 {
        days_from_civil(self.year as i64, self.month as i64, self.day as i64) * 86_400
    }

    /// The date as RFC 3339 midnight UTC, as Atom feeds want it.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }

    /// Writes the date with a pattern such as `{month} {day}, {year}`, using the
    /// given month names (January first).
    pub fn format(&self, pattern: &str, month_names: &[String]) -> String {
        let month = month_names
            .get(usize::from(self.month) - 1)
            .cloned()
            .unwrap_or_else(|| format!("{:02}", self.month));
        pattern
            .replace("{year}", &self.year.to_string())
            .replace("{month}", &month)
            .replace("{day}", &self.day.to_string())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How many days `month` (1 to 12) of `year` has, or `None` for a month that does
/// not exist.
pub fn days_in_month(year: u16, month: u8) -> Option<u8> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2026-11-20"), Date::new(2026, 11, 20));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("2026-1-01"), None);
        assert_eq!(Date::parse("20261120"), None);
        assert_eq!(Date::parse("2026-+1-01"), None);
    }

    #[test]
    fn unix_seconds_match_known_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().unix_seconds(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().unix_seconds(), 951_868_800);
        assert_eq!(
            Date::new(2026, 11, 20).unwrap().unix_seconds(),
            1_795_132_800
        );
    }

    #[test]
    fn formats_with_month_names() {
        let months: Vec<String> = ["January", "February", "March", "April", "May", "June"]
            .iter()
            .chain(&[
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ])
            .map(|m| m.to_string())
            .collect();
        let d = Date::new(2026, 11, 2).unwrap();
        assert_eq!(
            d.format("{month} {day}, {year}", &months),
            "November 2, 2026"
        );
        assert_eq!(d.rfc3339(), "2026-11-02T00:00:00Z");
    }
}
