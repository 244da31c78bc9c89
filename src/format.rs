//! How values read in German: dates `TT.MM.JJJJ`, money `9.800.000 €`, local times.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};

/// `980_000_000` cents → `9.800.000 €`; cents are shown only when there are any.
pub fn euro(cents: i64) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let euros = group_thousands(cents / 100);
    let rest = cents % 100;
    let sign = if negative { "-" } else { "" };
    if rest == 0 {
        format!("{sign}{euros} €")
    } else {
        format!("{sign}{euros},{rest:02} €")
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

/// The calendar day of a moment in German time: documents state dates as Saxony reads them,
/// whatever the time zone of the machine that renders them (just after midnight in Dresden it
/// is still the day before in UTC).
pub fn german_day<Tz: TimeZone>(t: &DateTime<Tz>) -> NaiveDate {
    t.with_timezone(&chrono_tz::Europe::Berlin).date_naive()
}

/// A stored timestamp (RFC 3339) as its German calendar day, `TT.MM.JJJJ`; empty if unreadable.
pub fn day_of(stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|t| date(german_day(&t)))
        .unwrap_or_default()
}

/// A stored UTC timestamp in the reader's local time, `TT.MM.JJJJ HH:MM`.
pub fn timestamp(utc: &str) -> String {
    match DateTime::parse_from_rfc3339(utc) {
        Ok(t) => t
            .with_timezone(&Utc)
            .with_timezone(&Local)
            .format("%d.%m.%Y %H:%M")
            .to_string(),
        Err(_) => utc.to_string(),
    }
}

/// German number with decimal comma: 1358 → "1.358", 12.5 → "12,5" (the typesetting
/// crate's rule, so that print and every other output write figures alike).
pub use crate::pdf::number;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_dates_read_german() {
        assert_eq!(euro(980_000_000), "9.800.000 €");
        assert_eq!(euro(5_000_050), "50.000,50 €");
        assert_eq!(euro(0), "0 €");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2018, 4, 24).unwrap()),
            "24.04.2018"
        );
        assert_eq!(number(1358.0), "1.358");
        assert_eq!(number(12.5), "12,5");
    }
}
