//! Date normalisation: underspecified values from the rules resolved against
//! the publication time (DCT), the sentence's tense and the last date
//! mentioned, in the manner of HeidelTime's second pass.
//!
//! Rules may write these underspecified forms as their value:
//!
//! | form | meaning | example, DCT 2017-03-24 |
//! |---|---|---|
//! | `REF-unit`, `REF-unit-N`, `REF-unit+N` | the DCT moved by N units | `REF-week-1` → `2017-W11` |
//! | `LAST-unit±N` | the last date mentioned (else the DCT) moved | `LAST-day+1` |
//! | `WEEKDAY-N` | ISO weekday N (1 = Monday) nearest the DCT, by tense | `WEEKDAY-3` → `2017-03-22` |
//! | `MONTH-MM` | month without a year | `MONTH-07` → `2016-07` |
//! | `MONTHDAY-MM-DD` | day of a month without a year | `MONTHDAY-07-14` |
//! | `REF-year±N/XX` | a part of a relative year | `REF-year-1/SU` → `2016-SU` |
//! | `QUARTER-N` | quarter without a year | `QUARTER-3` → `2016-Q3` |
//! | `LASTSEASON-XX` | the latest such season over by the DCT | `LASTSEASON-SU` → `2016-SU` |
//! | `SEASON-XX` | season without a year (`SP`, `SU`, `FA`, `WI`) | `SEASON-SU` |
//!
//! Units are `day`, `week`, `month`, `quarter`, `year`, `decade`, `century`.
//! Anything else is taken as a finished TIMEX3 value. What cannot be
//! resolved (no DCT) becomes a value with `X` placeholders, never a guess.

use crate::calendar::{self, range_of, shift, DateRange, Unit};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Tense of the sentence around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past or present perfect: "was", "had", "said".
    Past,
    /// Future: "will", "next", "plans to".
    Future,
    /// No cue either way.
    Unknown,
}

/// What a value is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Publication date.
    pub dct: Option<NaiveDate>,
    /// Tense of the sentence.
    pub tense: Tense,
    /// The last date mentioned before, with day, month or year precision.
    pub last_date: Option<NaiveDate>,
    /// A year written out in a recent sentence (for months named alone).
    pub recent_year: Option<i32>,
    /// First day of a quarter named in this or the previous sentence: in
    /// company news "a year earlier" then means that quarter a year before.
    pub quarter: Option<NaiveDate>,
}

/// Whether a rule's value needs resolution.
pub fn is_underspecified(value: &str) -> bool {
    [
        "REF-",
        "LAST-",
        "WEEKDAY-",
        "MONTH-",
        "MONTHDAY-",
        "SEASON-",
    ]
    .iter()
    .any(|prefix| value.starts_with(prefix))
}

/// Resolves an underspecified value; finished values pass through. A
/// suffix after `@` is appended to the resolved value as written
/// (`WEEKDAY-3@TNI` → `2017-03-22TNI`).
pub fn resolve(value: &str, context: &Context) -> String {
    if let Some((base, suffix)) = value.split_once('@') {
        return format!("{}{suffix}", resolve(base, context));
    }
    if let (Some(quarter), Some(years)) = (context.quarter, year_offset(value)) {
        if let Some(moved) = shift(quarter, Unit::Year, years) {
            return calendar::format_at(moved, Unit::Quarter);
        }
    }
    if let Some(rest) = value.strip_prefix("REF-") {
        return relative(rest, context.dct);
    }
    if let Some(rest) = value.strip_prefix("LAST-") {
        return relative(rest, context.last_date.or(context.dct));
    }
    if let Some(day) = value.strip_prefix("WEEKDAY-") {
        return weekday(day, context);
    }
    if let Some(rest) = value.strip_prefix("MONTHDAY-") {
        let Some((month, day)) = rest.split_once('-') else {
            return value.to_string();
        };
        return match year_for_month(
            month.parse().unwrap_or(0),
            day.parse().unwrap_or(1),
            context,
        ) {
            Some(year)
                if NaiveDate::from_ymd_opt(
                    year,
                    month.parse().unwrap_or(0),
                    day.parse().unwrap_or(0),
                )
                .is_some() =>
            {
                format!("{year:04}-{month}-{day}")
            }
            _ => format!("XXXX-{month}-{day}"),
        };
    }
    if let Some(month) = value.strip_prefix("MONTH-") {
        let number: u32 = month.parse().unwrap_or(0);
        return match year_for_month(number, 1, context) {
            Some(year) => format!("{year:04}-{month}"),
            None => format!("XXXX-{month}"),
        };
    }
    if let Some(quarter) = value.strip_prefix("QUARTER-") {
        let first_month = match quarter {
            "1" => 1,
            "2" => 4,
            "3" => 7,
            "4" => 10,
            _ => return format!("XXXX-Q{quarter}"),
        };
        return match year_for_period(first_month, 1, 3, context) {
            Some(year) => format!("{year:04}-Q{quarter}"),
            None => format!("XXXX-Q{quarter}"),
        };
    }
    if let Some(season) = value.strip_prefix("LASTSEASON-") {
        let Some(dct) = context.dct else {
            return format!("XXXX-{season}");
        };
        return (dct.year() - 2..=dct.year())
            .rev()
            .map(|year| format!("{year:04}-{season}"))
            .find(|v| range_of(v).is_some_and(|r| r.end < dct))
            .unwrap_or_else(|| format!("XXXX-{season}"));
    }
    if let Some(season) = value.strip_prefix("SEASON-") {
        let first_month = match season {
            "SP" => 3,
            "SU" => 6,
            "FA" => 9,
            _ => 12,
        };
        return match year_for_period(first_month, 1, 3, context) {
            Some(year) => format!("{year:04}-{season}"),
            None => format!("XXXX-{season}"),
        };
    }
    value.to_string()
}

/// The N of `REF-year±N` or `LAST-year±N` (N not 0).
fn year_offset(value: &str) -> Option<i64> {
    let spec = value
        .strip_prefix("REF-")
        .or_else(|| value.strip_prefix("LAST-"))?;
    let amount: i64 = spec.strip_prefix("year")?.parse().ok()?;
    (amount != 0).then_some(amount)
}

/// `unit`, `unit-N` or `unit+N` against `anchor`, optionally followed by
/// `/PART` naming a part of the result (`REF-year-1/SU`: last summer).
fn relative(spec: &str, anchor: Option<NaiveDate>) -> String {
    if let Some((base, part)) = spec.split_once('/') {
        return format!("{}-{part}", relative(base, anchor));
    }
    let (unit_name, amount) = match spec.find(['+', '-']) {
        Some(at) => (&spec[..at], spec[at..].parse::<i64>().ok()),
        None => (spec, Some(0)),
    };
    let Some(unit) = Unit::parse(unit_name) else {
        return format!("XXXX ({spec})");
    };
    match (anchor, amount) {
        (Some(date), Some(amount)) => match shift(date, unit, amount) {
            Some(moved) => calendar::format_at(moved, unit),
            None => placeholder(unit),
        },
        _ => placeholder(unit),
    }
}

fn placeholder(unit: Unit) -> String {
    match unit {
        Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
    .to_string()
}

fn weekday(number: &str, context: &Context) -> String {
    let Some(target) = number
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=7).contains(n))
        .and_then(|n| Weekday::try_from(n - 1).ok())
    else {
        return "XXXX-XX-XX".to_string();
    };
    let Some(dct) = context.dct else {
        return "XXXX-XX-XX".to_string();
    };
    let ahead = (i64::from(target.num_days_from_monday())
        - i64::from(dct.weekday().num_days_from_monday()))
    .rem_euclid(7);
    let date = match context.tense {
        // "will meet on Friday", said on a Friday, means next week's.
        Tense::Future => dct + Duration::days(if ahead == 0 { 7 } else { ahead }),
        // News reports what happened: the most recent such day, the day of
        // publication included (wire copy names its own day).
        Tense::Past | Tense::Unknown => dct - Duration::days((7 - ahead) % 7),
    };
    date.format("%Y-%m-%d").to_string()
}

/// The year of a month (and day) named without one: a year written in a
/// recent sentence if there is one, else the DCT's year moved by tense so
/// that the past is not pushed into the future nor the future into the past.
fn year_for_month(month: u32, day: u32, context: &Context) -> Option<i32> {
    year_for_period(month, day, 1, context)
}

/// As [`year_for_month`] for a period of `months` months starting on
/// `month`/`day` (a quarter, a season): a period still running at the DCT
/// is neither past nor future.
fn year_for_period(month: u32, day: u32, months: u32, context: &Context) -> Option<i32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(year) = context.recent_year {
        return Some(year);
    }
    let dct = context.dct?;
    let start = |year: i32| NaiveDate::from_ymd_opt(year, month, day.clamp(1, 28));
    let end = |year: i32| {
        let last_month = month + months - 1;
        let (y, m) = (
            year + ((last_month - 1) / 12) as i32,
            (last_month - 1) % 12 + 1,
        );
        if months == 1 && day > 1 {
            start(year)
        } else {
            crate::calendar::last_day_of_month(y, m)
        }
    };
    let this_year = dct.year();
    Some(match context.tense {
        Tense::Future if end(this_year)? < dct => this_year + 1,
        Tense::Future => this_year,
        Tense::Past if start(this_year)? > dct => this_year - 1,
        Tense::Past => this_year,
        // No tense cue: the occurrence nearest the DCT.
        Tense::Unknown => (this_year - 1..=this_year + 1)
            .min_by_key(|&year| match (start(year), end(year)) {
                (Some(s), Some(e)) if s <= dct && dct <= e => 0,
                (Some(s), Some(e)) => (s - dct).num_days().abs().min((e - dct).num_days().abs()),
                _ => i64::MAX,
            })
            .unwrap_or(this_year),
    })
}

/// The range a resolved value covers, if it has one.
pub fn range(value: &str) -> Option<DateRange> {
    range_of(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(tense: Tense) -> Context {
        Context {
            dct: NaiveDate::from_ymd_opt(2017, 3, 24),
            tense,
            last_date: NaiveDate::from_ymd_opt(2016, 7, 14),
            recent_year: None,
            quarter: None,
        }
    }

    #[test]
    fn relative_to_the_publication_date() {
        let c = context(Tense::Unknown);
        for (value, want) in [
            ("REF-day", "2017-03-24"),
            ("REF-day-1", "2017-03-23"),
            ("REF-week-1", "2017-W11"),
            ("REF-week", "2017-W12"),
            ("REF-month-33", "2014-06"),
            ("REF-year+1", "2018"),
            ("REF-quarter-1", "2016-Q4"),
            ("REF-decade", "201"),
            ("LAST-day+1", "2016-07-15"),
            ("REF-year-1/SU", "2016-SU"),
            ("LASTSEASON-SU", "2016-SU"),
            ("LASTSEASON-WI", "2016-WI"),
            ("REF-day-1@TNI", "2017-03-23TNI"),
            ("2005", "2005"),
        ] {
            assert_eq!(resolve(value, &c), want, "{value}");
        }
    }

    #[test]
    fn a_year_earlier_than_a_quarter_is_a_quarter() {
        let mut c = context(Tense::Past);
        c.quarter = NaiveDate::from_ymd_opt(2016, 7, 1);
        assert_eq!(resolve("LAST-year-1", &c), "2015-Q3");
        assert_eq!(resolve("REF-year-1", &c), "2015-Q3");
        assert_eq!(resolve("REF-year", &c), "2017");
    }

    #[test]
    fn weekdays_follow_tense() {
        assert_eq!(resolve("WEEKDAY-3", &context(Tense::Past)), "2017-03-22");
        assert_eq!(resolve("WEEKDAY-5", &context(Tense::Past)), "2017-03-24");
        assert_eq!(resolve("WEEKDAY-3", &context(Tense::Future)), "2017-03-29");
        assert_eq!(resolve("WEEKDAY-5", &context(Tense::Future)), "2017-03-31");
    }

    #[test]
    fn months_without_a_year() {
        assert_eq!(resolve("MONTH-07", &context(Tense::Past)), "2016-07");
        assert_eq!(resolve("MONTH-02", &context(Tense::Past)), "2017-02");
        assert_eq!(resolve("MONTH-07", &context(Tense::Future)), "2017-07");
        assert_eq!(resolve("MONTH-02", &context(Tense::Future)), "2018-02");
        let mut recent = context(Tense::Future);
        recent.recent_year = Some(2014);
        assert_eq!(resolve("MONTH-12", &recent), "2014-12");
        assert_eq!(
            resolve("MONTHDAY-07-14", &context(Tense::Past)),
            "2016-07-14"
        );
        assert_eq!(resolve("SEASON-SU", &context(Tense::Past)), "2016-SU");
        assert_eq!(resolve("MONTH-05", &context(Tense::Unknown)), "2017-05");
        assert_eq!(resolve("MONTH-12", &context(Tense::Unknown)), "2016-12");
        assert_eq!(resolve("QUARTER-3", &context(Tense::Past)), "2016-Q3");
        assert_eq!(resolve("QUARTER-1", &context(Tense::Past)), "2017-Q1");
        assert_eq!(resolve("QUARTER-1", &context(Tense::Future)), "2017-Q1");
        assert_eq!(resolve("QUARTER-4", &context(Tense::Future)), "2017-Q4");
    }

    #[test]
    fn nothing_is_invented_without_a_dct() {
        let c = Context {
            dct: None,
            tense: Tense::Past,
            last_date: None,
            recent_year: None,
            quarter: None,
        };
        assert_eq!(resolve("REF-week-1", &c), "XXXX-WXX");
        assert_eq!(resolve("WEEKDAY-3", &c), "XXXX-XX-XX");
        assert_eq!(resolve("MONTH-07", &c), "XXXX-07");
    }
}
