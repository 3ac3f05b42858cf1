//! Calendar arithmetic over TIMEX3 values.
//!
//! A TIMEX3 DATE value names a stretch of days at some precision: `2017` a
//! year, `2017-W11` an ISO week, `201` a decade. This module turns values into
//! inclusive day ranges and moves dates by calendar units, so that every value
//! the rules can produce has a well-formed range.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Serialize, Serializer};

/// How fine a date value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A single day (or a time within it).
    Day,
    /// An ISO week, or a weekend.
    Week,
    /// A calendar month.
    Month,
    /// A meteorological season of the northern hemisphere.
    Season,
    /// A quarter of the year.
    Quarter,
    /// A half of the year.
    Half,
    /// A calendar year.
    Year,
    /// A decade (`201` = 2010–2019).
    Decade,
    /// A century (`19` = 1900–1999).
    Century,
}

impl Precision {
    /// Lower-case name used in the output (`day`, `week`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// Calendar unit for moving a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// One day.
    Day,
    /// Seven days.
    Week,
    /// One calendar month.
    Month,
    /// Three calendar months.
    Quarter,
    /// Six calendar months.
    Half,
    /// One calendar year.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}

impl Unit {
    /// Parses a unit name as written in underspecified values (`day`, `week`, …).
    pub fn parse(name: &str) -> Option<Unit> {
        Some(match name {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "half" => Unit::Half,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            _ => return None,
        })
    }
}

/// An inclusive range of days with the precision of the value it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Precision of the value.
    pub precision: Precision,
}

/// The range of days a TIMEX3 DATE or TIME value covers, or `None` for values
/// without one (durations, `PRESENT_REF`, values with `X` placeholders).
pub fn range_of(value: &str) -> Option<DateRange> {
    let date_part = split_once_at(value, b'T').map_or(value, |(date, _time)| date);
    // Values of more than three parts name no range: at most three are
    // kept, on the stack.
    let mut kept = [""; 3];
    let mut count = 0;
    let mut rest = Some(date_part);
    while let Some(text) = rest {
        let (part, after) = split_once_at(text, b'-').map_or((text, None), |(p, a)| (p, Some(a)));
        *kept.get_mut(count)? = part;
        count += 1;
        rest = after;
    }
    let parts = &kept[..count];
    let year_text = parts.first()?;
    if !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first: i32 = year_text.parse().ok()?;
    match (year_text.len(), parts.len()) {
        (2, 1) => span(
            ymd(first * 100, 1, 1)?,
            ymd(first * 100 + 99, 12, 31)?,
            Precision::Century,
        ),
        (3, 1) => span(
            ymd(first * 10, 1, 1)?,
            ymd(first * 10 + 9, 12, 31)?,
            Precision::Decade,
        ),
        (4, 1) => span(ymd(first, 1, 1)?, ymd(first, 12, 31)?, Precision::Year),
        (4, 2) => year_part_range(first, parts[1]),
        (4, 3) if parts[1].starts_with('W') && parts[2] == "WE" => {
            let week = iso_week_range(first, parts[1])?;
            span(week.start + Duration::days(5), week.end, Precision::Week)
        }
        (4, 3) => {
            let month: u32 = parse_digits(parts[1], 2)?;
            let day: u32 = parse_digits(parts[2], 2)?;
            let date = ymd(first, month, day)?;
            span(date, date, Precision::Day)
        }
        _ => None,
    }
}

/// `text` split around the first `byte`, an ASCII byte (which in UTF-8
/// stands only for itself): what `str::split_once` gives for its character,
/// found by a plain look at the bytes, which in a value of a dozen bytes
/// costs less than the character searcher's set-up.
pub(crate) fn split_once_at(text: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let at = text.bytes().position(|b| b == byte)?;
    Some((&text[..at], &text[at + 1..]))
}

fn year_part_range(year: i32, part: &str) -> Option<DateRange> {
    match part {
        "SP" => span(ymd(year, 3, 1)?, ymd(year, 5, 31)?, Precision::Season),
        "SU" => span(ymd(year, 6, 1)?, ymd(year, 8, 31)?, Precision::Season),
        "FA" => span(ymd(year, 9, 1)?, ymd(year, 11, 30)?, Precision::Season),
        "WI" => span(
            ymd(year, 12, 1)?,
            last_day_of_month(year + 1, 2)?,
            Precision::Season,
        ),
        "H1" => span(ymd(year, 1, 1)?, ymd(year, 6, 30)?, Precision::Half),
        "H2" => span(ymd(year, 7, 1)?, ymd(year, 12, 31)?, Precision::Half),
        "Q1" | "Q2" | "Q3" | "Q4" => {
            let quarter = u32::from(part.as_bytes()[1] - b'0');
            let first_month = (quarter - 1) * 3 + 1;
            span(
                ymd(year, first_month, 1)?,
                last_day_of_month(year, first_month + 2)?,
                Precision::Quarter,
            )
        }
        week if week.starts_with('W') => iso_week_range(year, week),
        month => {
            let month: u32 = parse_digits(month, 2)?;
            span(
                ymd(year, month, 1)?,
                last_day_of_month(year, month)?,
                Precision::Month,
            )
        }
    }
}

fn iso_week_range(year: i32, week: &str) -> Option<DateRange> {
    let number: u32 = parse_digits(week.strip_prefix('W')?, 2)?;
    let monday = NaiveDate::from_isoywd_opt(year, number, Weekday::Mon)?;
    span(monday, monday + Duration::days(6), Precision::Week)
}

fn parse_digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    if text.len() == len && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn span(start: NaiveDate, end: NaiveDate, precision: Precision) -> Option<DateRange> {
    (start <= end).then_some(DateRange {
        start,
        end,
        precision,
    })
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The date of a named day that moves from year to year, by its name in
/// `HOLIDAY-name` values: `easter` (Western, Gregorian computus) and the
/// days counted from it (`good-friday`, `easter-monday`, `ash-wednesday`,
/// `ascension`, `pentecost`), and the United States' days set by weekday
/// (`thanksgiving`, `memorial-day`, `labor-day`, `election-day`,
/// `mlk-day`, `presidents-day`, `columbus-day`, `mothers-day`,
/// `fathers-day`).
pub fn holiday(name: &str, year: i32) -> Option<NaiveDate> {
    let easter_offset = |days: i64| easter(year).map(|e| e + Duration::days(days));
    match name {
        "easter" => easter(year),
        "good-friday" => easter_offset(-2),
        "easter-monday" => easter_offset(1),
        "ash-wednesday" => easter_offset(-46),
        "ascension" => easter_offset(39),
        "pentecost" => easter_offset(49),
        "thanksgiving" => nth_weekday(year, 11, Weekday::Thu, 4),
        "memorial-day" => last_weekday(year, 5, Weekday::Mon),
        "labor-day" => nth_weekday(year, 9, Weekday::Mon, 1),
        // The Tuesday after the first Monday of November.
        "election-day" => nth_weekday(year, 11, Weekday::Mon, 1).map(|d| d + Duration::days(1)),
        "mlk-day" => nth_weekday(year, 1, Weekday::Mon, 3),
        "presidents-day" => nth_weekday(year, 2, Weekday::Mon, 3),
        "columbus-day" => nth_weekday(year, 10, Weekday::Mon, 2),
        "mothers-day" => nth_weekday(year, 5, Weekday::Sun, 2),
        "fathers-day" => nth_weekday(year, 6, Weekday::Sun, 3),
        _ => None,
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The `n`th (1-based) `weekday` of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The last `weekday` of a month.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let last = last_day_of_month(year, month)?;
    let back = (i64::from(last.weekday().num_days_from_monday())
        - i64::from(weekday.num_days_from_monday()))
    .rem_euclid(7);
    Some(last - Duration::days(back))
}

/// The last day of a month.
pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    ymd(next_year, next_month, 1)?.pred_opt()
}

/// Moves `date` by `amount` units; months and years clamp the day to the
/// target month's length (31 March minus one month is 28/29 February).
pub fn shift(date: NaiveDate, unit: Unit, amount: i64) -> Option<NaiveDate> {
    let months = |n: i64| -> Option<NaiveDate> {
        let total = i64::from(date.year()) * 12 + i64::from(date.month0()) + n;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
        let last = last_day_of_month(year, month)?;
        ymd(year, month, date.day().min(last.day()))
    };
    match unit {
        Unit::Day => date.checked_add_signed(Duration::try_days(amount)?),
        Unit::Week => date.checked_add_signed(Duration::try_weeks(amount)?),
        Unit::Month => months(amount),
        Unit::Quarter => months(amount.checked_mul(3)?),
        Unit::Half => months(amount.checked_mul(6)?),
        Unit::Year => months(amount.checked_mul(12)?),
        Unit::Decade => months(amount.checked_mul(120)?),
        Unit::Century => months(amount.checked_mul(1200)?),
    }
}

/// The value of a period of `unit` whose place in time is unknown
/// (`XXXX-WXX` for a week).
pub fn placeholder(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Half => "XXXX-HX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

/// Writes `date` as a TIMEX3 value at the precision of `unit`: a day
/// `2017-03-24`, an ISO week `2017-W12`, a month `2017-03`, a quarter
/// `2017-Q1`, a half `2017-H1`, a year `2017`, a decade `201`, a century `20`
/// (a placeholder for years outside 0–9999).
pub fn format_at(date: NaiveDate, unit: Unit) -> String {
    // TIMEX3 values have four-digit years; outside them nothing is named.
    if !(0..=9999).contains(&date.year()) {
        return placeholder(unit).to_string();
    }
    match unit {
        Unit::Day => Day::new(date).as_str().to_string(),
        Unit::Week => {
            let week = date.iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
        Unit::Month => format!("{:04}-{:02}", date.year(), date.month()),
        Unit::Quarter => format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1),
        Unit::Half => format!("{:04}-H{}", date.year(), date.month0() / 6 + 1),
        Unit::Year => format!("{:04}", date.year()),
        Unit::Decade => format!("{:03}", date.year().div_euclid(10)),
        Unit::Century => format!("{:02}", date.year().div_euclid(100)),
    }
}

/// A day as `YYYY-MM-DD` (chrono's `%Y-%m-%d`), kept on the stack: the
/// output writes hundreds of thousands of them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    bytes: [u8; 16],
    len: u8,
}

impl Day {
    /// `date` as chrono's `%Y-%m-%d` writes it.
    pub fn new(date: NaiveDate) -> Day {
        let mut bytes = [0u8; 16];
        let year = date.year();
        let len = if (0..=9999).contains(&year) {
            let digits = |n: u32, out: &mut [u8]| {
                let mut n = n;
                for slot in out.iter_mut().rev() {
                    *slot = b'0' + (n % 10) as u8;
                    n /= 10;
                }
            };
            digits(year.unsigned_abs(), &mut bytes[0..4]);
            bytes[4] = b'-';
            digits(date.month(), &mut bytes[5..7]);
            bytes[7] = b'-';
            digits(date.day(), &mut bytes[8..10]);
            10
        } else {
            // Signed or five-digit years, as chrono writes them.
            let text = date.format("%Y-%m-%d").to_string();
            let len = text.len().min(bytes.len());
            bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
            len
        };
        Day {
            bytes,
            len: len as u8,
        }
    }

    /// The text, as bytes (ASCII).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Debug for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn range(value: &str) -> (String, String, &'static str) {
        let r = range_of(value).unwrap_or_else(|| panic!("no range for {value}"));
        (r.start.to_string(), r.end.to_string(), r.precision.as_str())
    }

    #[test]
    fn ranges_of_every_value_shape() {
        let cases = [
            ("2017", "2017-01-01", "2017-12-31", "year"),
            ("2016-02", "2016-02-01", "2016-02-29", "month"),
            ("2017-03-22", "2017-03-22", "2017-03-22", "day"),
            ("2017-03-22T14:30", "2017-03-22", "2017-03-22", "day"),
            ("2017-W11", "2017-03-13", "2017-03-19", "week"),
            ("2017-W11-WE", "2017-03-18", "2017-03-19", "week"),
            ("2015-SU", "2015-06-01", "2015-08-31", "season"),
            ("2015-WI", "2015-12-01", "2016-02-29", "season"),
            ("2016-Q3", "2016-07-01", "2016-09-30", "quarter"),
            ("2016-H2", "2016-07-01", "2016-12-31", "half"),
            ("199", "1990-01-01", "1999-12-31", "decade"),
            ("19", "1900-01-01", "1999-12-31", "century"),
        ];
        for (value, start, end, precision) in cases {
            assert_eq!(
                range(value),
                (start.to_string(), end.to_string(), precision),
                "{value}"
            );
        }
    }

    #[test]
    fn values_without_a_range() {
        for value in [
            "P1DE",
            "PRESENT_REF",
            "XXXX-07",
            "2017-13",
            "2017-02-30",
            "2017-W54",
            "",
            "20a7",
        ] {
            assert!(range_of(value).is_none(), "{value}");
        }
    }

    #[test]
    fn shifting_clamps_month_ends() {
        assert_eq!(
            shift(d("2017-03-31"), Unit::Month, -1),
            Some(d("2017-02-28"))
        );
        assert_eq!(
            shift(d("2017-03-24"), Unit::Month, -33),
            Some(d("2014-06-24"))
        );
        assert_eq!(shift(d("2016-02-29"), Unit::Year, 1), Some(d("2017-02-28")));
        assert_eq!(
            shift(d("2017-03-24"), Unit::Week, -1),
            Some(d("2017-03-17"))
        );
    }

    #[test]
    fn moving_holidays() {
        for (name, year, want) in [
            ("easter", 2017, "2017-04-16"),
            ("easter", 2000, "2000-04-23"),
            ("easter", 1990, "1990-04-15"),
            ("good-friday", 2017, "2017-04-14"),
            ("thanksgiving", 1999, "1999-11-25"),
            ("memorial-day", 2017, "2017-05-29"),
            ("labor-day", 2017, "2017-09-04"),
            ("election-day", 1998, "1998-11-03"),
            ("election-day", 2016, "2016-11-08"),
            ("mothers-day", 2017, "2017-05-14"),
        ] {
            assert_eq!(holiday(name, year), Some(d(want)), "{name} {year}");
        }
        assert_eq!(holiday("nonsense", 2017), None);
    }

    #[test]
    fn formatting_uses_iso_week_years() {
        assert_eq!(format_at(d("2017-03-17"), Unit::Week), "2017-W11");
        assert_eq!(format_at(d("2016-01-01"), Unit::Week), "2015-W53");
        assert_eq!(format_at(d("2017-03-24"), Unit::Quarter), "2017-Q1");
        assert_eq!(format_at(d("2017-03-24"), Unit::Decade), "201");
    }

    proptest! {
        #[test]
        fn splitting_at_a_byte_is_splitting_at_its_character(
            text in "([-T@/]|[0-9A-Z]{1,3}|é|東){0,8}",
            byte in prop::sample::select(vec![b'-', b'T', b'@']),
        ) {
            prop_assert_eq!(split_once_at(&text, byte), text.split_once(char::from(byte)));
        }

        #[test]
        fn formatted_values_contain_their_date(days in 0i64..60_000, unit_index in 0usize..8) {
            let units = [Unit::Day, Unit::Week, Unit::Month, Unit::Quarter, Unit::Half, Unit::Year, Unit::Decade, Unit::Century];
            let date = d("1900-01-01") + Duration::days(days);
            let value = format_at(date, units[unit_index]);
            let range = range_of(&value).expect("formatted value has a range");
            prop_assert!(range.start <= date && date <= range.end, "{} {:?}", value, range);
        }

        #[test]
        fn values_of_more_than_three_parts_have_no_range(value in "[0-9]{4}(-[0-9]{2}){3,5}") {
            prop_assert_eq!(range_of(&value), None);
        }

        #[test]
        fn any_text_gives_a_well_formed_range_or_none(value in "[0-9WQHSUPFAIE-]{0,12}") {
            if let Some(range) = range_of(&value) {
                prop_assert!(range.start <= range.end);
            }
        }

        #[test]
        fn easter_falls_on_a_sunday_in_spring(year in 1583i32..4000) {
            let easter = easter(year).expect("every Gregorian year has an Easter");
            prop_assert_eq!(easter.weekday(), Weekday::Sun);
            prop_assert!(easter >= ymd(year, 3, 22).unwrap() && easter <= ymd(year, 4, 25).unwrap());
        }

        #[test]
        fn shifting_there_and_back_stays_within_a_few_days(days in 0i64..40_000, amount in -500i64..500) {
            let date = d("1950-01-01") + Duration::days(days);
            let there = shift(date, Unit::Month, amount).unwrap();
            let back = shift(there, Unit::Month, -amount).unwrap();
            prop_assert!((date - back).num_days().abs() <= 3);
        }
    }
}
