//! Value templates: how a date rule turns its captures into a TIMEX3 value.
//!
//! A template is literal text with `{capture}` or `{capture|function}` holes,
//! as HeidelTime's NORM_VALUE does with `group(n)` and normalisation tables:
//! `REF-month-{n|number}`, `{year}-{month|month}-{day|pad2}`. A function is
//! either a normalisation table (looked up by the lower-cased capture) or one
//! of the built-ins in [`BUILTINS`]. A capture marked optional,
//! `{which?|which_offset}`, writes nothing when it took no part in the match.

use rustc_hash::FxHashMap;

/// Functions every template may use, besides the normalisation tables.
pub const BUILTINS: &[&str] = &[
    "number",
    "pad2",
    "decade",
    "century",
    "year",
    "spoken_year",
    "clock",
    "lower",
];

/// Normalisation tables: table name to (lower-case key to value). Looked up
/// for every capture a rule's value reads through a table, by short keys:
/// a fast hasher.
pub type Tables = FxHashMap<String, FxHashMap<String, String>>;

/// A parsed value template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Hole {
        capture: String,
        function: Option<String>,
        optional: bool,
    },
}

impl Template {
    /// Parses a template; the error says what is malformed.
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("unclosed '{{' in template '{text}'"))?;
            let inner = &rest[open + 1..open + close];
            let (capture, function) = match inner.split_once('|') {
                Some((c, f)) => (c.trim(), Some(f.trim().to_string())),
                None => (inner.trim(), None),
            };
            let (capture, optional) = match capture.strip_suffix('?') {
                Some(name) => (name, true),
                None => (capture, false),
            };
            if capture.is_empty() || !capture.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(format!("bad capture name '{inner}' in template '{text}'"));
            }
            parts.push(Part::Hole {
                capture: capture.to_string(),
                function,
                optional,
            });
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("stray '}}' in template '{text}'"));
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// Names of the captures the template reads.
    pub fn captures(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Hole { capture, .. } => Some(capture.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Names of the functions the template calls.
    pub fn functions(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Hole {
                function: Some(f), ..
            } => Some(f.as_str()),
            _ => None,
        })
    }

    /// Fills the holes from `captures`; `None` when a capture did not take
    /// part in the match or a function has no value for it.
    pub fn render(&self, captures: &regex::Captures<'_>, tables: &Tables) -> Option<String> {
        self.render_with(|name| captures.name(name).map(|m| m.as_str()), tables)
    }

    /// Fills the holes with the text `capture` gives for each capture name.
    pub fn render_with<'h>(
        &self,
        capture: impl Fn(&str) -> Option<&'h str>,
        tables: &Tables,
    ) -> Option<String> {
        // Room for the usual value ("2024-01-05", "XXXX-WXX-6") and the
        // table keys written into it on the way: one allocation.
        let mut out = String::with_capacity(32);
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Hole {
                    capture: name,
                    function,
                    optional,
                } => {
                    let Some(text) = capture(name) else {
                        if *optional {
                            continue;
                        }
                        return None;
                    };
                    match function {
                        None => out.push_str(text),
                        Some(f) => apply_to(f, text, tables, &mut out)?,
                    }
                }
            }
        }
        Some(out)
    }
}

/// Lower-cases, folds dashes and apostrophes, and collapses white space, so
/// that table keys match however the text was typed.
pub fn table_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    push_table_key(text, &mut key);
    key
}

/// Appends [`table_key`]`(text)` to `out`.
fn push_table_key(text: &str, out: &mut String) {
    if text.is_ascii() {
        push_ascii_table_key(text.as_bytes(), out);
    } else {
        push_table_key_of_chars(text, out);
    }
}

/// [`push_table_key`] of any text, a character at a time.
fn push_table_key_of_chars(text: &str, out: &mut String) {
    let key_start = out.len();
    let mut space = false;
    for c in text.chars() {
        let c = crate::text::fold_char(c);
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && out.len() > key_start {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
}

/// [`push_table_key`] of ASCII text (which folds to itself), a byte at a
/// time: most captures read through tables are short ASCII words.
fn push_ascii_table_key(text: &[u8], out: &mut String) {
    let key_start = out.len();
    let mut space = false;
    for &byte in text {
        // The ASCII characters `char::is_whitespace` takes.
        if matches!(byte, b'\t'..=b'\r' | b' ') {
            space = true;
            continue;
        }
        if space && out.len() > key_start {
            out.push(' ');
        }
        space = false;
        out.push(char::from(byte.to_ascii_lowercase()));
    }
}

/// Applies a template function to captured text.
pub fn apply(function: &str, text: &str, tables: &Tables) -> Option<String> {
    let mut out = String::new();
    apply_to(function, text, tables, &mut out)?;
    Some(out)
}

/// [`apply`], appending the result to `out` (which holds part of the result
/// when it fails): the functions most rules call write their text straight
/// into the value being rendered, without a string of their own.
fn apply_to(function: &str, text: &str, tables: &Tables, out: &mut String) -> Option<()> {
    match function {
        "number" => out.push_str(itoa::Buffer::new().format(parse_number(text, tables)?)),
        "pad2" => {
            let n: u32 = parse_number(text, tables)?.try_into().ok()?;
            if n < 10 {
                out.push('0');
            }
            out.push_str(itoa::Buffer::new().format(n));
        }
        builtin if BUILTINS.contains(&builtin) => {
            out.push_str(&apply_builtin(builtin, text, tables)?)
        }
        table => {
            // The key is written where the value goes, to be looked up
            // without a string of its own, and then replaced by the value.
            let key_start = out.len();
            push_table_key(text, out);
            let value = tables.get(table)?.get(&out[key_start..]);
            out.truncate(key_start);
            out.push_str(value?);
        }
    }
    Some(())
}

/// The built-in functions that [`apply_to`] does not write in place.
fn apply_builtin(function: &str, text: &str, tables: &Tables) -> Option<String> {
    match function {
        "year" => {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            match digits.len() {
                4 => Some(digits),
                // A two-digit year ('96) is read in the window a news archive
                // spans: 00–29 as 20xx, the rest as 19xx.
                2 => {
                    let n: u32 = digits.parse().ok()?;
                    Some(format!("{}{digits}", if n < 30 { "20" } else { "19" }))
                }
                _ => None,
            }
        }
        // "1990s" -> "199": the decade value is the year without its last digit.
        "decade" => {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            match digits.len() {
                4 => Some(digits[..3].to_string()),
                2 => Some(format!("19{}", &digits[..1])),
                _ => None,
            }
        }
        "century" => {
            let n = parse_number(text, tables)?;
            (1..=99).contains(&n).then(|| format!("{:02}", n - 1))
        }
        "spoken_year" => spoken_year(text, tables).map(|y| format!("{y:04}")),
        "clock" => clock(text),
        "lower" => Some(table_key(text)),
        _ => None,
    }
}

/// Reads a time of day as the 24-hour `HH:MM` of a TIMEX3 value:
/// "10:35 p.m." (22:35), "9 a.m." (09:00), "12 a.m." (00:00), "noon"
/// (12:00), "midnight" (24:00, the end of the day it is named with), "four
/// in the morning" (04:00), "9 o'clock in the evening" (21:00).
pub fn clock(text: &str) -> Option<String> {
    let key = table_key(text);
    match key.as_str() {
        "noon" | "midday" => return Some("12:00".to_string()),
        "midnight" => return Some("24:00".to_string()),
        _ => {}
    }
    if let Some((hour, part)) = key.split_once(" in the ") {
        const WORDS: [&str; 12] = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve",
        ];
        let hour = hour
            .trim_end_matches(" o'clock")
            .trim_end_matches(" oclock");
        let hour: u32 = match WORDS.iter().position(|w| *w == hour) {
            Some(i) => u32::try_from(i).ok()? + 1,
            None => hour.parse().ok()?,
        };
        if !(1..=12).contains(&hour) {
            return None;
        }
        let afternoon = match part {
            "morning" => false,
            "afternoon" | "evening" => true,
            // "Two in the night" is after midnight, "ten at night" before.
            "night" => hour >= 6 && hour != 12,
            _ => return None,
        };
        let hour = if afternoon { hour % 12 + 12 } else { hour % 12 };
        return Some(format!("{hour:02}:00"));
    }
    let digits_end = key
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(key.len());
    let (number, rest) = key.split_at(digits_end);
    let number = number.trim_end_matches('.');
    let (hour, minute) = match number.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (number.parse::<u32>().ok()?, 0),
    };
    let meridiem: String = rest.chars().filter(char::is_ascii_alphabetic).collect();
    let hour = match meridiem.as_str() {
        "am" if (1..=12).contains(&hour) => hour % 12,
        "pm" if (1..=12).contains(&hour) => hour % 12 + 12,
        "" if hour <= 24 => hour,
        _ => return None,
    };
    (minute < 60).then(|| format!("{hour:02}:{minute:02}"))
}

/// Reads a year said in words, as broadcast transcripts write it:
/// "nineteen ninety-six" (1996), "nineteen eighty" (1980), "two thousand"
/// (2000), "two thousand and one" (2001). Number words come from the
/// `number` table.
pub fn spoken_year(text: &str, tables: &Tables) -> Option<u64> {
    let words = tables.get("number")?;
    let key = table_key(text).replace('-', " ");
    let tokens: Vec<&str> = key.split(' ').filter(|t| *t != "and").collect();
    let value = |token: &str| -> Option<u64> { words.get(token)?.parse().ok() };
    // The rest after the century or the thousands: "ninety six", "one".
    let below_hundred = |rest: &[&str]| -> Option<u64> {
        match rest {
            [] => Some(0),
            [one] => value(one).filter(|n| *n < 100),
            [tens, units] => {
                let (tens, units) = (value(tens)?, value(units)?);
                (tens % 10 == 0 && (20..100).contains(&tens) && units < 10).then_some(tens + units)
            }
            _ => None,
        }
    };
    match tokens.as_slice() {
        ["two", "thousand", rest @ ..] => Some(2000 + below_hundred(rest)?),
        [century, "hundred"] => Some(value(century).filter(|c| (10..=20).contains(c))? * 100),
        [century, rest @ ..] if !rest.is_empty() => {
            let century = value(century).filter(|c| (10..=20).contains(c))?;
            let rest = below_hundred(rest).filter(|n| *n >= 10)?;
            Some(century * 100 + rest)
        }
        _ => None,
    }
}

/// Reads digits (`33`, `1,200`) or a number written in words through the
/// `number` table (`four`, `a dozen`, `twenty-two`).
pub fn parse_number(text: &str, tables: &Tables) -> Option<u64> {
    let bare = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| text.strip_suffix(suffix))
        .filter(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(text);
    if let Some(digits) = digits_value(bare) {
        return digits;
    }
    let words = tables.get("number")?;
    let key = table_key(text);
    if let Some(value) = words.get(&key) {
        return value.parse().ok();
    }
    // Compound tens: "twenty-two", "thirty five".
    let (tens, units) = key.split_once(['-', ' '])?;
    let tens: u64 = words.get(tens)?.parse().ok()?;
    let units: u64 = words.get(units)?.parse().ok()?;
    (tens.is_multiple_of(10) && tens >= 20 && units < 10).then_some(tens + units)
}

/// The number `text` writes in ASCII digits, thousands commas allowed
/// anywhere (`None` inside when it overflows); `None` when `text` is not
/// digits and commas with at least one digit.
fn digits_value(text: &str) -> Option<Option<u64>> {
    let mut value = Some(0u64);
    let mut any_digit = false;
    for byte in text.bytes() {
        match byte {
            b',' => {}
            b'0'..=b'9' => {
                any_digit = true;
                value = value
                    .and_then(|v| v.checked_mul(10))
                    .and_then(|v| v.checked_add(u64::from(byte - b'0')));
            }
            _ => return None,
        }
    }
    any_digit.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    proptest::proptest! {
        #[test]
        fn ascii_table_keys_are_made_as_keys_of_any_text_are(
            head in "[ -~]{0,3}",
            text in "[ -~\t\n\u{b}\u{c}\r\u{1c}-\u{1f}]{0,12}",
        ) {
            let (mut ascii, mut any) = (head.clone(), head);
            push_ascii_table_key(text.as_bytes(), &mut ascii);
            push_table_key_of_chars(&text, &mut any);
            proptest::prop_assert_eq!(ascii, any);
        }

        #[test]
        fn digits_read_as_the_string_of_digits_parses(
            text in "[0-9,]{0,25}|[0-9a-z,]{0,6}|\\PC{0,6}"
        ) {
            let digits: String = text.chars().filter(|c| *c != ',').collect();
            let by_string = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<u64>().ok());
            proptest::prop_assert_eq!(digits_value(&text), by_string);
        }

        #[test]
        fn numbers_in_place_read_as_formatted(
            text in "[0-9,]{0,22}|[0-9]{1,3}(st|nd|rd|th)|four|twenty-two|a dozen|x"
        ) {
            let t = tables();
            let number = parse_number(&text, &t);
            proptest::prop_assert_eq!(apply("number", &text, &t), number.map(|n| n.to_string()));
            let pad2 = number
                .and_then(|n| u32::try_from(n).ok())
                .map(|n| format!("{n:02}"));
            proptest::prop_assert_eq!(apply("pad2", &text, &t), pad2);
        }
    }

    fn tables() -> Tables {
        let mut number = FxHashMap::default();
        for (word, value) in [
            ("four", "4"),
            ("twenty", "20"),
            ("two", "2"),
            ("a dozen", "12"),
        ] {
            number.insert(word.to_string(), value.to_string());
        }
        let mut month = FxHashMap::default();
        month.insert("july".to_string(), "07".to_string());
        Tables::from_iter([("number".to_string(), number), ("month".to_string(), month)])
    }

    #[test]
    fn renders_captures_through_functions() {
        let template = Template::parse("{year}-{month|month}-{day|pad2}").unwrap();
        let re = Regex::new(r"(?P<month>\w+) (?P<day>\d+), (?P<year>\d{4})").unwrap();
        let caps = re.captures("July 4, 2016").unwrap();
        assert_eq!(
            template.render(&caps, &tables()).as_deref(),
            Some("2016-07-04")
        );
    }

    #[test]
    fn optional_captures_write_nothing_when_absent() {
        let template = Template::parse("MONTH-{month|month}{which?}").unwrap();
        assert_eq!(template.captures().collect::<Vec<_>>(), ["month", "which"]);
        let re = Regex::new(r"(?P<which>last )?(?P<month>\w+)").unwrap();
        let caps = re.captures("July").unwrap();
        assert_eq!(
            template.render(&caps, &tables()).as_deref(),
            Some("MONTH-07")
        );
        let required = Template::parse("{which}").unwrap();
        assert_eq!(required.render(&caps, &tables()), None);
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let t = tables();
        assert_eq!(parse_number("33", &t), Some(33));
        assert_eq!(parse_number("4th", &t), Some(4));
        assert_eq!(parse_number("21st", &t), Some(21));
        assert_eq!(parse_number("1,200", &t), Some(1200));
        assert_eq!(parse_number("Four", &t), Some(4));
        assert_eq!(parse_number("twenty-two", &t), Some(22));
        assert_eq!(parse_number("a  dozen", &t), Some(12));
        assert_eq!(parse_number("several", &t), None);
    }

    #[test]
    fn malformed_templates_are_refused() {
        assert!(Template::parse("{year").is_err());
        assert!(Template::parse("year}").is_err());
        assert!(Template::parse("{}").is_err());
        assert!(Template::parse("REF-day").is_ok());
    }

    #[test]
    fn clock_times() {
        for (text, want) in [
            ("10:35 p.m.", Some("22:35")),
            ("9 a.m.", Some("09:00")),
            ("9 A.M", Some("09:00")),
            ("12 a.m.", Some("00:00")),
            ("12:15 p.m.", Some("12:15")),
            ("11.30pm", Some("23:30")),
            ("noon", Some("12:00")),
            ("Midnight", Some("24:00")),
            ("4 in the morning", Some("04:00")),
            ("nine o'clock in the evening", Some("21:00")),
            ("ten in the night", Some("22:00")),
            ("13 p.m.", None),
            ("9:75 a.m.", None),
        ] {
            assert_eq!(clock(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn years_in_words() {
        let mut t = tables();
        let number = t.get_mut("number").unwrap();
        for (word, value) in [
            ("nineteen", "19"),
            ("ninety", "90"),
            ("six", "6"),
            ("eighty", "80"),
            ("thousand", "1000"),
            ("one", "1"),
            ("ten", "10"),
        ] {
            number.insert(word.to_string(), value.to_string());
        }
        assert_eq!(spoken_year("nineteen ninety-six", &t), Some(1996));
        assert_eq!(spoken_year("Nineteen eighty", &t), Some(1980));
        assert_eq!(spoken_year("two thousand", &t), Some(2000));
        assert_eq!(spoken_year("two thousand and one", &t), Some(2001));
        assert_eq!(spoken_year("twenty ten", &t), Some(2010));
        assert_eq!(spoken_year("nineteen six", &t), None);
        assert_eq!(spoken_year("four ninety", &t), None);
    }

    #[test]
    fn decades_and_two_digit_years() {
        let t = tables();
        assert_eq!(apply("decade", "1990s", &t).as_deref(), Some("199"));
        assert_eq!(apply("year", "'96", &t).as_deref(), Some("1996"));
        assert_eq!(apply("year", "’05", &t).as_deref(), Some("2005"));
    }
}
