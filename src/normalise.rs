//! Date normalisation: underspecified values from the rules resolved against
//! the publication time (DCT), the tense around the expression and the last
//! date mentioned, in the manner of HeidelTime's second pass.
//!
//! Rules may write these underspecified forms as their value:
//!
//! | form | meaning | example, DCT Friday 2017-03-24 |
//! |---|---|---|
//! | `REF-unit`, `REF-unit-N`, `REF-unit+N` | the DCT moved by N units | `REF-week-1` → `2017-W11` |
//! | `LAST-unit±N` | the last date mentioned nearby (else the DCT) moved | `LAST-day+1` |
//! | `SAME-in-1988` | the quarter under discussion in that year, else the year (`/Q`: always a quarter) | `SAME-in-1988` → `1988` |
//! | `SAME-year-1` | the period under discussion a year before: the quarter named nearby, else the DCT (`/LAST`: else the last date written nearby; `/Q`: always a quarter) | `SAME-year-1` → `2016` |
//! | `WEEKDAY-N` | ISO weekday N (1 = Monday) nearest the DCT, by tense | `WEEKDAY-3` → `2017-03-22` |
//! | `MONTH-MM` | month without a year, by tense | `MONTH-07` → `2016-07` |
//! | `MONTHDAY-MM-DD` | day of a month without a year, by tense | `MONTHDAY-07-14` |
//! | `QUARTER-N` | quarter without a year, by tense | `QUARTER-3` → `2016-Q3` |
//! | `HALF-N` | half of a year without a year, by tense | `HALF-2` → `2016-H2` |
//! | `SEASON-XX` | season without a year (`SP`, `SU`, `FA`, `WI`), by tense | `SEASON-SU` |
//! | `WEEKEND` | the weekend nearest the DCT, by tense | `WEEKEND` → `2017-W11-WE` |
//! | `HOLIDAY-name` | a named day whose date moves (see [`calendar::holiday`]), by tense | `HOLIDAY-easter` → `2017-04-16` |
//! | `REF-year±N/XX` | a part of a relative year (season, half, quarter) | `REF-year-1/SU` → `2016-SU` |
//! | `REF-unit±N/START`, `…/END` | the first or last day of it | `REF-month/START` |
//!
//! Any form prefixed with `LAST:` is resolved with the last date mentioned
//! in place of the DCT (`LAST:WEEKDAY-5<`: the previous Friday).
//!
//! The forms resolved by tense take a direction suffix that overrides the
//! tense: `<` the latest occurrence wholly before the DCT's own (`last
//! Friday`: `WEEKDAY-5<`; `last July`: `MONTH-07<`), `>` the first wholly
//! after it (`next Friday`), `=` the one in the DCT's year (`this July`).
//!
//! A suffix after `@` is appended to the resolved value as written
//! (`WEEKDAY-3@TNI` → `2017-03-22TNI`). Units are `day`, `week`, `month`,
//! `quarter`, `half`, `year`, `decade`, `century`. Anything else is taken as
//! a finished TIMEX3 value. What cannot be resolved (no DCT) becomes a value
//! with `X` placeholders, never a guess.

use crate::calendar::{self, range_of, shift, split_once_at, DateRange, Day, Unit};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::borrow::Cow;

/// Tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past or present perfect: "was", "had", "said".
    Past,
    /// Future: "will", "next", "plans to".
    Future,
    /// Set by a signal word before the expression: a deadline or a due
    /// date ("by year-end", "payable Dec. 1") lies ahead of the DCT,
    /// however near the last occurrence is.
    Ahead,
    /// Set by a signal word: a starting point ("since March") lies behind.
    Behind,
    /// No cue either way.
    Unknown,
}

/// What a value is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Publication date.
    pub dct: Option<NaiveDate>,
    /// Tense around the expression.
    pub tense: Tense,
    /// The last date mentioned nearby, with day, month or year precision.
    pub last_date: Option<NaiveDate>,
    /// A year written out nearby (for months named alone).
    pub recent_year: Option<i32>,
    /// First day of the quarter under discussion (the last one named, unless
    /// a year or a stretch of months came after it): in company news "a
    /// year earlier" then means that quarter a year before.
    pub quarter: Option<NaiveDate>,
}

/// A date in a past sentence may still lie a little ahead of the DCT (a
/// deadline, a payment date) and one in a future sentence a little behind
/// it (results for the quarter just ended): only an occurrence further
/// than this from the DCT on the wrong side is moved by tense.
const TENSE_MARGIN_DAYS: i64 = 60;

/// The same for a tense set by a signal word ("by", "since"), which is
/// surer: only a slip of a few days (a story rerun a day late) is allowed.
const SIGNAL_MARGIN_DAYS: i64 = 14;

/// Prefixes of the underspecified forms.
const UNDERSPECIFIED: &[&str] = &[
    "REF-",
    "LAST-",
    "SAME-",
    "WEEKDAY-",
    "MONTH-",
    "MONTHDAY-",
    "QUARTER-",
    "HALF-",
    "SEASON-",
    "WEEKEND",
    "HOLIDAY-",
    "LAST:",
];

/// Whether a rule's value needs resolution.
pub fn is_underspecified(value: &str) -> bool {
    UNDERSPECIFIED
        .iter()
        .any(|prefix| value.starts_with(prefix))
}

/// Prefixes of the forms resolved by tense (with no direction suffix).
const BY_TENSE: &[&str] = &[
    "WEEKDAY-",
    "MONTHDAY-",
    "MONTH-",
    "QUARTER-",
    "HALF-",
    "SEASON-",
    "HOLIDAY-",
    "WEEKEND",
];

/// Whether [`resolve`] may read the context's tense for `value`: only a
/// form resolved by tense with no direction suffix does. Finding the tense
/// means searching the sentence for cues, which most timexes (years, full
/// dates, `yesterday`) can do without.
pub fn reads_tense(value: &str) -> bool {
    // As `resolve` takes it apart: the suffix after `@`, then `LAST:`.
    let mut base = split_once_at(value, b'@').map_or(value, |(base, _)| base);
    while let Some(rest) = base.strip_prefix("LAST:") {
        base = rest;
    }
    BY_TENSE.iter().any(|prefix| base.starts_with(prefix))
        && direction(base).1 == Direction::ByTense
}

/// Which occurrence of a recurring period (a weekday, a month) is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Decided by tense and nearness to the DCT.
    ByTense,
    /// The latest occurrence wholly before the DCT's own (`last`).
    Before,
    /// The first occurrence wholly after the DCT's own (`next`).
    After,
    /// The one in the DCT's own year or week (`this`).
    Same,
}

/// Splits a trailing direction suffix off a value.
fn direction(spec: &str) -> (&str, Direction) {
    match spec.as_bytes().last() {
        Some(b'<') => (&spec[..spec.len() - 1], Direction::Before),
        Some(b'>') => (&spec[..spec.len() - 1], Direction::After),
        Some(b'=') => (&spec[..spec.len() - 1], Direction::Same),
        _ => (spec, Direction::ByTense),
    }
}

/// Resolves an underspecified value; finished values pass through,
/// borrowed.
pub fn resolve<'v>(value: &'v str, context: &Context) -> Cow<'v, str> {
    if let Some((base, suffix)) = split_once_at(value, b'@') {
        return format!("{}{suffix}", resolve(base, context)).into();
    }
    if let Some(rest) = value.strip_prefix("LAST:") {
        // Any form, resolved with the last date mentioned in place of the
        // DCT: "the previous Friday" is `LAST:WEEKDAY-5<`.
        let anchored = Context {
            dct: context.last_date.or(context.dct),
            ..*context
        };
        return resolve(rest, &anchored);
    }
    if let Some(rest) = value.strip_prefix("REF-") {
        return relative(rest, context.dct).into();
    }
    if let Some(rest) = value.strip_prefix("LAST-") {
        return relative(rest, context.last_date.or(context.dct)).into();
    }
    if let Some(rest) = value.strip_prefix("SAME-") {
        return same_period(rest, context).into();
    }
    if let Some(rest) = value.strip_prefix("WEEKDAY-") {
        let (day, which) = direction(rest);
        return weekday(day, which, context).into();
    }
    if let Some(rest) = value.strip_prefix("MONTHDAY-") {
        let (spec, which) = direction(rest);
        return month_day(spec, which, context).into();
    }
    if let Some(rest) = value.strip_prefix("MONTH-") {
        let (month, which) = direction(rest);
        let number: u32 = month.parse().unwrap_or(0);
        return match year_for_period(number, 1, 1, which, context) {
            Some(year) => format!("{year:04}-{month}"),
            None => format!("XXXX-{month}"),
        }
        .into();
    }
    if let Some(rest) = value.strip_prefix("QUARTER-") {
        let (quarter, which) = direction(rest);
        let first_month = match quarter {
            "1" => 1,
            "2" => 4,
            "3" => 7,
            "4" => 10,
            _ => return format!("XXXX-Q{quarter}").into(),
        };
        return match year_for_period(first_month, 1, 3, which, context) {
            Some(year) => format!("{year:04}-Q{quarter}"),
            None => format!("XXXX-Q{quarter}"),
        }
        .into();
    }
    if let Some(rest) = value.strip_prefix("HALF-") {
        let (half, which) = direction(rest);
        let first_month = match half {
            "1" => 1,
            "2" => 7,
            _ => return format!("XXXX-H{half}").into(),
        };
        return match year_for_period(first_month, 1, 6, which, context) {
            Some(year) => format!("{year:04}-H{half}"),
            None => format!("XXXX-H{half}"),
        }
        .into();
    }
    if let Some(rest) = value.strip_prefix("SEASON-") {
        let (season, which) = direction(rest);
        let first_month = match season {
            "SP" => 3,
            "SU" => 6,
            "FA" => 9,
            "WI" => 12,
            _ => return format!("XXXX-{season}").into(),
        };
        // Winter 2016 starts in December 2016: the DCT's year may hold the
        // end of the previous one.
        return match year_for_period(first_month, 1, 3, which, context) {
            Some(year) => format!("{year:04}-{season}"),
            None => format!("XXXX-{season}"),
        }
        .into();
    }
    if let Some(rest) = value.strip_prefix("HOLIDAY-") {
        return holiday(rest, context).into();
    }
    if let Some(rest) = value.strip_prefix("WEEKEND") {
        let (_, which) = direction(rest);
        return weekend(which, context).into();
    }
    // Most values are finished: they are lent back, not copied.
    Cow::Borrowed(value)
}

/// `SAME-year-1`: a comparison with the period under discussion a year
/// before ("a year ago", "year-earlier results"). A quarter named nearby
/// sets the period; else the DCT, moved at year precision. With `/LAST`
/// ("a year earlier") the last date mentioned nearby comes before the DCT;
/// with `/Q` ("the year-ago quarter") the result is a quarter even without
/// one named nearby: the last quarter over by the DCT is then the one under
/// discussion.
fn same_period(spec: &str, context: &Context) -> String {
    let (spec, flag) = match spec.split_once('/') {
        Some((base, flag)) => (base, flag),
        None => (spec, ""),
    };
    let quarterly = flag == "Q";
    if let Some(year) = spec.strip_prefix("in-") {
        // The quarter under discussion in a year written out: "the 1988
        // period" after third-quarter figures is 1988's third quarter.
        let Ok(year) = year.parse::<i32>() else {
            return format!("XXXX ({spec})");
        };
        let quarter = context.quarter.or_else(|| {
            context
                .dct
                .and_then(|dct| shift(dct, Unit::Quarter, -1))
                .filter(|_| quarterly)
        });
        return match quarter {
            Some(q) => format!("{year:04}-Q{}", q.month0() / 3 + 1),
            None => format!("{year:04}"),
        };
    }
    let amount: i64 = spec
        .strip_prefix("year")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let last_reported = || {
        context
            .dct
            .and_then(|dct| shift(dct, Unit::Quarter, -1))
            .filter(|_| quarterly)
    };
    match context
        .quarter
        .or_else(last_reported)
        .and_then(|quarter| shift(quarter, Unit::Year, amount))
    {
        Some(moved) => calendar::format_at(moved, Unit::Quarter),
        None if quarterly => calendar::placeholder(Unit::Quarter).to_string(),
        None if flag == "LAST" => relative(spec, context.last_date.or(context.dct)),
        None => relative(spec, context.dct),
    }
}

/// `unit`, `unit-N` or `unit+N` against `anchor`, optionally followed by
/// `/PART` naming a part of the result (`REF-year-1/SU`: last summer) or
/// `/START`, `/END` for its first or last day.
fn relative(spec: &str, anchor: Option<NaiveDate>) -> String {
    if let Some((base, part)) = spec.split_once('/') {
        let resolved = relative(base, anchor);
        return match part {
            "START" | "END" => match range_of(&resolved) {
                Some(r) if part == "START" => Day::new(r.start).as_str().to_string(),
                Some(r) => Day::new(r.end).as_str().to_string(),
                None => resolved,
            },
            _ => format!("{resolved}-{part}"),
        };
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
            None => calendar::placeholder(unit).to_string(),
        },
        _ => calendar::placeholder(unit).to_string(),
    }
}

fn weekday(number: &str, which: Direction, context: &Context) -> String {
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
    let after = dct + Duration::days(if ahead == 0 { 7 } else { ahead });
    let before = dct - Duration::days(if ahead == 0 { 7 } else { 7 - ahead });
    let date = match (which, context.tense) {
        (Direction::After, _) | (Direction::ByTense, Tense::Future | Tense::Ahead) => after,
        (Direction::Before, _) => before,
        // "this Friday": the one in the DCT's ISO week.
        (Direction::Same, _) => {
            dct + Duration::days(
                i64::from(target.num_days_from_monday())
                    - i64::from(dct.weekday().num_days_from_monday()),
            )
        }
        // News reports what happened: the most recent such day, the day of
        // publication included (wire copy names its own day).
        (Direction::ByTense, _) => dct - Duration::days((7 - ahead) % 7),
    };
    Day::new(date).as_str().to_string()
}

/// `MM-DD` with an optional direction, resolved to a day.
fn month_day(spec: &str, which: Direction, context: &Context) -> String {
    let Some((month, day)) = spec.split_once('-') else {
        return format!("XXXX-{spec}");
    };
    let (Ok(month_number), Ok(day_number)) = (month.parse::<u32>(), day.parse::<u32>()) else {
        return format!("XXXX-{spec}");
    };
    match year_for_period(month_number, day_number, 0, which, context) {
        Some(year) if NaiveDate::from_ymd_opt(year, month_number, day_number).is_some() => {
            format!("{year:04}-{month}-{day}")
        }
        _ => format!("XXXX-{month}-{day}"),
    }
}

/// The weekend (Saturday and Sunday of an ISO week) meant by "the weekend":
/// in a past or untensed clause the latest one begun by the DCT, in a
/// future one the first not yet over.
fn weekend(which: Direction, context: &Context) -> String {
    let Some(dct) = context.dct else {
        return "XXXX-WXX-WE".to_string();
    };
    let saturday_ahead = (5 - i64::from(dct.weekday().num_days_from_monday())).rem_euclid(7);
    let saturday = match (which, context.tense) {
        (Direction::After, _) | (Direction::ByTense, Tense::Future | Tense::Ahead) => {
            if dct.weekday() == Weekday::Sun {
                dct + Duration::days(6)
            } else {
                dct + Duration::days(saturday_ahead)
            }
        }
        (Direction::Same, _) => dct + Duration::days(saturday_ahead),
        _ => dct - Duration::days((7 - saturday_ahead) % 7),
    };
    format!("{}-WE", calendar::format_at(saturday, Unit::Week))
}

/// The year of a period of `months` months starting on `month`/`day` named
/// without a year (a month, a quarter, a season; `months` 0 for a single
/// day): see [`year_of_occurrence`].
fn year_for_period(
    month: u32,
    day: u32,
    months: u32,
    which: Direction,
    context: &Context,
) -> Option<i32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let period = period_of(month, day, months);
    // The DCT's own occurrence of the unit, which "last" and "next" skip:
    // its month for months and days, the DCT itself for longer periods.
    let own = |dct: NaiveDate| {
        if months <= 1 {
            let first = NaiveDate::from_ymd_opt(dct.year(), dct.month(), 1)?;
            Some((first, calendar::last_day_of_month(dct.year(), dct.month())?))
        } else {
            Some((dct, dct))
        }
    };
    year_of_occurrence(period, own, which, context)
}

/// The first and last day, in a given year, of the period of `months`
/// months starting on `month`/`day` (`months` 0 for a single day, which
/// exists in some years only: 29 February).
fn period_of(month: u32, day: u32, months: u32) -> impl Fn(i32) -> Option<(NaiveDate, NaiveDate)> {
    move |year: i32| {
        if months == 0 {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some((date, date));
        }
        let start = NaiveDate::from_ymd_opt(year, month, day.clamp(1, 28))?;
        let last_month = month + months - 1;
        let end = calendar::last_day_of_month(
            year + ((last_month - 1) / 12) as i32,
            (last_month - 1) % 12 + 1,
        )?;
        Some((start, end))
    }
}

/// The year of a named day whose date moves from year to year (Easter,
/// Thanksgiving), resolved as a day of a month named without a year.
fn holiday(spec: &str, context: &Context) -> String {
    let (name, which) = direction(spec);
    let period = |year: i32| calendar::holiday(name, year).map(|day| (day, day));
    let own = |dct: NaiveDate| {
        let first = NaiveDate::from_ymd_opt(dct.year(), dct.month(), 1)?;
        Some((first, calendar::last_day_of_month(dct.year(), dct.month())?))
    };
    match year_of_occurrence(period, own, which, context)
        .and_then(|year| calendar::holiday(name, year))
    {
        Some(day) => Day::new(day).as_str().to_string(),
        None => "XXXX-XX-XX".to_string(),
    }
}

/// Which year's occurrence of a recurring period is meant: a year written
/// nearby wins; else the occurrence nearest the DCT, moved by tense when it
/// lies well on the wrong side of the DCT ([`TENSE_MARGIN_DAYS`]), or the
/// one a direction names (`own` gives the DCT's own occurrence of the unit,
/// which "last" and "next" skip).
fn year_of_occurrence(
    period: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
    own: impl Fn(NaiveDate) -> Option<(NaiveDate, NaiveDate)>,
    which: Direction,
    context: &Context,
) -> Option<i32> {
    if let (Some(year), Direction::ByTense) = (context.recent_year, which) {
        return Some(year);
    }
    let dct = context.dct?;
    let start = |year: i32| period(year).map(|(s, _)| s);
    let end = |year: i32| period(year).map(|(_, e)| e);
    let this_year = dct.year();
    let years = this_year - YEARS_AROUND..=this_year + YEARS_AROUND;
    match which {
        Direction::Same => return Some(this_year),
        Direction::Before => {
            let (own_start, _) = own(dct)?;
            return years
                .rev()
                .find(|&year| end(year).is_some_and(|e| e < own_start));
        }
        Direction::After => {
            let (_, own_end) = own(dct)?;
            return years
                .into_iter()
                .find(|&year| start(year).is_some_and(|s| s > own_end));
        }
        Direction::ByTense => {}
    }
    let nearest = nearest_year(&period, dct);
    let margin = Duration::days(TENSE_MARGIN_DAYS);
    let signal_margin = Duration::days(SIGNAL_MARGIN_DAYS);
    Some(match context.tense {
        Tense::Behind if start(nearest)? > dct + signal_margin => years
            .clone()
            .rev()
            .find(|&year| start(year).is_some_and(|s| s <= dct))
            .unwrap_or(nearest),
        Tense::Ahead if end(nearest)? < dct - signal_margin => years
            .clone()
            .find(|&year| end(year).is_some_and(|e| e >= dct))
            .unwrap_or(nearest),
        Tense::Past if start(nearest)? > dct + margin => years
            .rev()
            .find(|&year| start(year).is_some_and(|s| s <= dct))
            .unwrap_or(nearest),
        Tense::Future if end(nearest)? < dct - margin => years
            .into_iter()
            .find(|&year| end(year).is_some_and(|e| e >= dct))
            .unwrap_or(nearest),
        _ => nearest,
    })
}

/// Years around the DCT's among which the occurrence nearest it is sought:
/// wide enough to reach the next or last 29 February.
const YEARS_AROUND: i32 = 4;

/// The year whose occurrence of `period` lies nearest `dct` (the earliest
/// of the nearest), among [`YEARS_AROUND`] years either side of the DCT's.
///
/// Each period starts in the year it is taken in and ends within the year
/// after (a day, a month, a quarter, a season, a holiday), and its start
/// and end grow with the year; so a year two or more from the DCT's lies
/// further from the DCT than the year between, and when the period occurs
/// in the DCT's year and the years either side, only those three need
/// measuring (a 29 February or a holiday missing in some year measures
/// them all).
fn nearest_year(period: &impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>, dct: NaiveDate) -> i32 {
    let this_year = dct.year();
    let around = [this_year - 1, this_year, this_year + 1];
    let periods = around.map(period);
    if periods.iter().all(Option::is_some) {
        return around
            .into_iter()
            .zip(periods)
            .min_by_key(|&(_, p)| days_from(p, dct))
            .map_or(this_year, |(year, _)| year);
    }
    nearest_year_of_all(period, dct)
}

/// [`nearest_year`], measuring every year.
fn nearest_year_of_all(
    period: &impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
    dct: NaiveDate,
) -> i32 {
    let this_year = dct.year();
    (this_year - YEARS_AROUND..=this_year + YEARS_AROUND)
        .min_by_key(|&year| days_from(period(year), dct))
        .unwrap_or(this_year)
}

/// Days between `dct` and a period (0 if it holds the DCT, the most if
/// there is no period).
fn days_from(period: Option<(NaiveDate, NaiveDate)>, dct: NaiveDate) -> i64 {
    match period {
        Some((s, e)) if s <= dct && dct <= e => 0,
        Some((s, e)) => (s - dct).num_days().abs().min((e - dct).num_days().abs()),
        None => i64::MAX,
    }
}

/// The range a resolved value covers, if it has one.
pub fn range(value: &str) -> Option<DateRange> {
    range_of(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
            ("REF-half-1", "2016-H2"),
            ("REF-decade", "201"),
            ("LAST-day+1", "2016-07-15"),
            ("REF-year-1/SU", "2016-SU"),
            ("REF-month/START", "2017-03-01"),
            ("REF-month/END", "2017-03-31"),
            ("SEASON-SU<", "2016-SU"),
            ("SEASON-WI<", "2016-WI"),
            ("REF-day-1@TNI", "2017-03-23TNI"),
            ("2005", "2005"),
        ] {
            assert_eq!(resolve(value, &c), want, "{value}");
        }
    }

    #[test]
    fn forms_by_tense_read_it_unless_directed() {
        for value in [
            "WEEKDAY-3",
            "LAST:WEEKDAY-5@TNI",
            "MONTH-07",
            "WEEKEND",
            "HOLIDAY-easter",
        ] {
            assert!(reads_tense(value), "{value}");
        }
        for value in [
            "WEEKDAY-3<",
            "MONTH-07=",
            "REF-day-1",
            "LAST-day+1",
            "SAME-year-1",
            "2005",
        ] {
            assert!(!reads_tense(value), "{value}");
        }
    }

    #[test]
    fn a_year_earlier_than_a_quarter_is_a_quarter() {
        let mut c = context(Tense::Past);
        c.quarter = NaiveDate::from_ymd_opt(2016, 7, 1);
        assert_eq!(resolve("SAME-year-1", &c), "2015-Q3");
        assert_eq!(resolve("REF-year-1", &c), "2016");
        assert_eq!(resolve("SAME-year-1/Q", &c), "2015-Q3");
        c.quarter = None;
        assert_eq!(resolve("SAME-year-1/Q", &c), "2015-Q4");
        assert_eq!(resolve("SAME-year-1/LAST", &c), "2015");
        assert_eq!(resolve("SAME-year-1", &c), "2016");
        c.last_date = None;
        assert_eq!(resolve("SAME-year-1", &c), "2016");
    }

    #[test]
    fn weekdays_follow_tense_and_direction() {
        let past = context(Tense::Past);
        let future = context(Tense::Future);
        assert_eq!(resolve("WEEKDAY-3", &past), "2017-03-22");
        assert_eq!(resolve("WEEKDAY-5", &past), "2017-03-24");
        assert_eq!(resolve("WEEKDAY-3", &future), "2017-03-29");
        assert_eq!(resolve("WEEKDAY-5", &future), "2017-03-31");
        // "last Friday" on a Friday is a week back; "next Monday" is ahead
        // whatever the tense; "this Monday" is in the DCT's week.
        assert_eq!(resolve("WEEKDAY-5<", &future), "2017-03-17");
        assert_eq!(resolve("WEEKDAY-4<", &future), "2017-03-23");
        assert_eq!(resolve("WEEKDAY-1>", &past), "2017-03-27");
        assert_eq!(resolve("WEEKDAY-1=", &past), "2017-03-20");
    }

    #[test]
    fn forms_anchored_on_the_last_date() {
        // The last date is Thursday 2016-07-14.
        let c = context(Tense::Past);
        assert_eq!(resolve("LAST:WEEKDAY-5<", &c), "2016-07-08");
        assert_eq!(resolve("LAST:WEEKDAY-1>", &c), "2016-07-18");
        let mut none = c;
        none.last_date = None;
        assert_eq!(resolve("LAST:WEEKDAY-5<", &none), "2017-03-17");
    }

    #[test]
    fn weekends() {
        assert_eq!(resolve("WEEKEND", &context(Tense::Past)), "2017-W11-WE");
        assert_eq!(resolve("WEEKEND", &context(Tense::Future)), "2017-W12-WE");
        let mut sunday = context(Tense::Past);
        sunday.dct = NaiveDate::from_ymd_opt(2017, 3, 26);
        assert_eq!(resolve("WEEKEND", &sunday), "2017-W12-WE");
        sunday.tense = Tense::Future;
        assert_eq!(resolve("WEEKEND", &sunday), "2017-W13-WE");
    }

    #[test]
    fn months_without_a_year() {
        let past = context(Tense::Past);
        let future = context(Tense::Future);
        let unknown = context(Tense::Unknown);
        assert_eq!(resolve("MONTH-07", &past), "2016-07");
        assert_eq!(resolve("MONTH-02", &past), "2017-02");
        // A little ahead in a past sentence stays ahead (a deadline).
        assert_eq!(resolve("MONTH-04", &past), "2017-04");
        assert_eq!(resolve("MONTH-07", &future), "2017-07");
        assert_eq!(resolve("MONTH-02", &future), "2017-02");
        assert_eq!(resolve("MONTH-12", &future), "2017-12");
        assert_eq!(resolve("QUARTER-4", &future), "2017-Q4");
        assert_eq!(resolve("MONTH-05", &unknown), "2017-05");
        assert_eq!(resolve("MONTH-12", &unknown), "2016-12");
        assert_eq!(resolve("MONTH-03<", &unknown), "2016-03");
        assert_eq!(resolve("MONTH-02<", &future), "2017-02");
        assert_eq!(resolve("MONTH-03>", &past), "2018-03");
        assert_eq!(resolve("MONTH-09=", &past), "2017-09");
        let mut recent = context(Tense::Future);
        recent.recent_year = Some(2014);
        assert_eq!(resolve("MONTH-12", &recent), "2014-12");
        assert_eq!(resolve("MONTHDAY-07-14", &past), "2016-07-14");
        assert_eq!(resolve("MONTHDAY-04-02", &past), "2017-04-02");
        // Results for the quarter just ended are announced in the future.
        let mut november = context(Tense::Future);
        november.dct = NaiveDate::from_ymd_opt(2017, 11, 2);
        assert_eq!(resolve("QUARTER-3", &november), "2017-Q3");
        assert_eq!(resolve("MONTHDAY-02-30", &past), "XXXX-02-30");
        assert_eq!(resolve("MONTHDAY-02-29", &past), "2016-02-29");
        assert_eq!(resolve("SEASON-SU", &past), "2016-SU");
        assert_eq!(resolve("QUARTER-3", &past), "2016-Q3");
        assert_eq!(resolve("QUARTER-1", &past), "2017-Q1");
        assert_eq!(resolve("QUARTER-1", &future), "2017-Q1");
        assert_eq!(resolve("QUARTER-4", &past), "2016-Q4");
        assert_eq!(resolve("HALF-2", &past), "2016-H2");
        assert_eq!(resolve("HALF-2", &future), "2017-H2");
    }

    #[test]
    fn holidays_by_tense() {
        assert_eq!(
            resolve("HOLIDAY-thanksgiving", &context(Tense::Past)),
            "2016-11-24"
        );
        assert_eq!(
            resolve("HOLIDAY-easter", &context(Tense::Future)),
            "2017-04-16"
        );
        assert_eq!(
            resolve("HOLIDAY-easter<", &context(Tense::Future)),
            "2016-03-27"
        );
        assert_eq!(
            resolve("HOLIDAY-nonsense", &context(Tense::Past)),
            "XXXX-XX-XX"
        );
    }

    #[test]
    fn periods_in_a_written_year() {
        let mut c = context(Tense::Past);
        assert_eq!(resolve("SAME-in-1988", &c), "1988");
        assert_eq!(resolve("SAME-in-1988/Q", &c), "1988-Q4");
        c.quarter = NaiveDate::from_ymd_opt(2016, 7, 1);
        assert_eq!(resolve("SAME-in-1988", &c), "1988-Q3");
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
        assert_eq!(resolve("WEEKEND", &c), "XXXX-WXX-WE");
        assert_eq!(resolve("SAME-year-1", &c), "XXXX");
    }

    /// Every underspecified form the rule files can write, with its
    /// parameters drawn at random.
    fn any_form() -> impl Strategy<Value = String> {
        let unit = prop::sample::select(vec![
            "day", "week", "month", "quarter", "half", "year", "decade", "century",
        ]);
        let direction = prop::sample::select(vec!["", "<", ">", "="]);
        let holiday = prop::sample::select(vec![
            "easter",
            "good-friday",
            "thanksgiving",
            "memorial-day",
            "labor-day",
            "election-day",
            "mothers-day",
        ]);
        // Offsets as news writes them: up to forty units, five centuries.
        let offset = |u: &str, n: i64| {
            if u == "century" || u == "decade" {
                n / 8
            } else {
                n
            }
        };
        prop_oneof![
            (unit.clone(), -40i64..40).prop_map(move |(u, n)| format!("REF-{u}{:+}", offset(u, n))),
            (unit.clone(), -40i64..40)
                .prop_map(move |(u, n)| format!("LAST-{u}{:+}", offset(u, n))),
            (
                1u32..=12,
                prop::sample::select(vec!["SU", "Q3", "H1", "WI"])
            )
                .prop_map(|(_, part)| format!("REF-year-1/{part}")),
            prop::sample::select(vec!["/START", "/END"]).prop_map(|p| format!("REF-month{p}")),
            (1u8..=7, direction.clone()).prop_map(|(d, w)| format!("WEEKDAY-{d}{w}")),
            (1u8..=7, direction.clone()).prop_map(|(d, w)| format!("LAST:WEEKDAY-{d}{w}")),
            (1u32..=12, direction.clone()).prop_map(|(m, w)| format!("MONTH-{m:02}{w}")),
            (1u32..=12, 1u32..=31, direction.clone())
                .prop_map(|(m, d, w)| format!("MONTHDAY-{m:02}-{d:02}{w}")),
            (1u8..=4, direction.clone()).prop_map(|(q, w)| format!("QUARTER-{q}{w}")),
            (1u8..=2, direction.clone()).prop_map(|(h, w)| format!("HALF-{h}{w}")),
            (
                prop::sample::select(vec!["SP", "SU", "FA", "WI"]),
                direction.clone()
            )
                .prop_map(|(s, w)| format!("SEASON-{s}{w}")),
            (holiday, direction.clone()).prop_map(|(h, w)| format!("HOLIDAY-{h}{w}")),
            direction.prop_map(|w| format!("WEEKEND{w}")),
            prop::sample::select(vec![
                "SAME-year-1",
                "SAME-year-1/Q",
                "SAME-year-1/LAST",
                "SAME-in-1988",
                "SAME-in-1988/Q"
            ])
            .prop_map(str::to_string),
        ]
    }

    fn any_context() -> impl Strategy<Value = Context> {
        (
            0i64..60_000,
            prop::sample::select(vec![
                Tense::Past,
                Tense::Future,
                Tense::Unknown,
                Tense::Ahead,
                Tense::Behind,
            ]),
            prop::option::of(0i64..60_000),
            prop::option::of(0i64..60_000),
        )
            .prop_map(|(dct, tense, last, quarter)| {
                // Dates from 1950 to about 2114: the years news is about.
                let day = |n: i64| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Duration::days(n);
                Context {
                    dct: Some(day(dct)),
                    tense,
                    last_date: last.map(day),
                    recent_year: None,
                    quarter: quarter.map(|q| {
                        let d = day(q);
                        NaiveDate::from_ymd_opt(d.year(), d.month0() / 3 * 3 + 1, 1).unwrap()
                    }),
                }
            })
    }

    proptest! {
        /// With a DCT every form resolves to a value naming a well-formed
        /// range of days, the same one however often it is resolved (only
        /// a day that no year has, such as 30 February, or this year's 29
        /// February in a common year, stays `XXXX`).
        #[test]
        fn every_form_resolves_to_a_range(form in any_form(), context in any_context()) {
            let value = resolve(&form, &context);
            prop_assert_eq!(&value, &resolve(&form, &context), "{} is not deterministic", form);
            prop_assert!(!is_underspecified(&value), "{} left {} unresolved", form, value);
            // "This year's" 29 February does not exist in three years of four.
            let year_of_the_day = if form.ends_with('=') {
                context.dct.unwrap().year()
            } else {
                2000
            };
            let impossible_day = form.starts_with("MONTHDAY-")
                && value.starts_with("XXXX")
                && NaiveDate::from_ymd_opt(year_of_the_day, form[9..11].parse().unwrap(), form[12..14].parse().unwrap()).is_none();
            if !impossible_day {
                let range = range(&value);
                prop_assert!(range.is_some(), "{} gave {} without a range", form, value);
                let range = range.unwrap();
                prop_assert!(range.start <= range.end);
            }
        }

        /// A value that [`reads_tense`] passes over resolves the same in
        /// every tense; one it takes is a form resolved by tense.
        #[test]
        fn values_not_reading_the_tense_resolve_alike_in_every_tense(
            form in any_form(),
            wrapped in prop::sample::select(vec!["{}", "LAST:{}", "{}@TNI", "LAST:{}@T10:00", "LAST:LAST:{}"]),
            context in any_context(),
            recent_year in prop::option::of(1990i32..2030),
        ) {
            let form = wrapped.replace("{}", &form);
            let context = Context { recent_year, ..context };
            let resolved_in = |tense: Tense| resolve(&form, &Context { tense, ..context });
            let tenses = [Tense::Past, Tense::Future, Tense::Ahead, Tense::Behind, Tense::Unknown];
            if !reads_tense(&form) {
                for tense in tenses {
                    prop_assert_eq!(resolved_in(tense), resolved_in(Tense::Unknown), "{}", form);
                }
            }
        }

        /// Measuring the three years around the DCT's finds the year
        /// measuring them all finds, for periods of every length, days
        /// that exist in some years only, and holidays.
        #[test]
        fn the_nearest_year_is_among_the_three_around(
            month in 1u32..=12,
            day in 1u32..=31,
            months in prop::sample::select(vec![0u32, 1, 3, 6, 12]),
            holiday in prop::sample::select(vec!["easter", "ash-wednesday", "thanksgiving", "mlk-day", "none"]),
            context in any_context(),
        ) {
            let dct = context.dct.unwrap();
            let period = period_of(month, day, months);
            prop_assert_eq!(nearest_year(&period, dct), nearest_year_of_all(&period, dct));
            let moving = |year: i32| calendar::holiday(holiday, year).map(|d| (d, d));
            prop_assert_eq!(nearest_year(&moving, dct), nearest_year_of_all(&moving, dct));
        }

        /// Directions keep their promise: "last" lies before the DCT,
        /// "next" after it.
        #[test]
        fn directions_hold(day in 1u8..=7, month in 1u32..=12, context in any_context()) {
            let dct = context.dct.unwrap();
            for (form, before) in [
                (format!("WEEKDAY-{day}<"), true),
                (format!("WEEKDAY-{day}>"), false),
                (format!("MONTH-{month:02}<"), true),
                (format!("MONTH-{month:02}>"), false),
            ] {
                let r = range(&resolve(&form, &context)).unwrap();
                if before {
                    prop_assert!(r.end < dct, "{} gave {:?}", form, r);
                } else {
                    prop_assert!(r.start > dct, "{} gave {:?}", form, r);
                }
            }
        }
    }
}
