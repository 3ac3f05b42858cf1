//! One document's extraction in the output's shape, borrowing the
//! document's text and the rule ids instead of copying them.
//!
//! An [`Analysis`] is already in the canonical order [`timeline::merge`]
//! gives a single document's part (entities by id, mentions and timexes by
//! offset, aliases sorted, events in the window and in timeline order), so
//! it serialises straight to the partial `timeline.json` of that document
//! (the JSON Lines stream writes it without building the owned
//! [`Timeline`]) or converts into that [`Timeline`] for merging.
//!
//! [`timeline::merge`]: crate::timeline::merge

use crate::schema::{
    DayRange, DocumentInfo, Entity, Event, EventDate, Generator, Mention, Source, Span, Timeline,
    Timex, SCHEMA_VERSION,
};
use crate::timeline::YearWindow;
use chrono::{Datelike, NaiveDate};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::sync::Arc;

/// A document's entities, timexes and events, ready to write.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The document's line in `documents`.
    pub document: DocumentInfo,
    /// The window the events were kept in.
    pub window: YearWindow,
    /// Entities sorted by id.
    pub entities: Vec<EntityView<'a>>,
    /// Timexes sorted by offset.
    pub timexes: Vec<TimexView<'a>>,
    /// Events in the window, in timeline order.
    pub events: Vec<EventView<'a>>,
}

/// An entity of the document.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView<'a> {
    /// `type/slug`.
    pub id: Arc<str>,
    /// `person`, `group` or `place`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Canonical name.
    pub name: String,
    /// The other surface forms of its mentions, sorted.
    pub aliases: Vec<&'a str>,
    /// Mentions by offset.
    pub mentions: Vec<MentionView<'a>>,
}

/// A mention, in code-point offsets.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The text.
    pub text: &'a str,
    /// Producing rule or gazetteer.
    pub rule: &'a str,
    /// Sentence index.
    pub sentence: usize,
}

/// A timex, in code-point offsets.
#[derive(Debug, Clone, Serialize)]
pub struct TimexView<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The text.
    pub text: &'a str,
    /// Producing rule.
    pub rule: &'a str,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// First and last day (dates and times).
    pub range: Option<DayRangeView>,
    /// Signal word before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal: Option<String>,
    /// Sentence index.
    pub sentence: usize,
}

/// First and last day of a timex.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DayRangeView {
    /// First day.
    pub start: Day,
    /// Last day.
    pub end: Day,
}

/// An event: a dated clause.
#[derive(Debug, Clone, Serialize)]
pub struct EventView<'a> {
    /// `doc#offset` of its timex.
    pub id: String,
    /// Document id.
    pub doc: &'a str,
    /// Its date.
    pub date: EventDateView,
    /// Its timex.
    pub timex: SpanView<'a>,
    /// Its sentence.
    pub sentence: SpanView<'a>,
    /// Entity ids in order of mention.
    pub entities: Vec<Arc<str>>,
    /// What happened.
    pub trigger: Option<String>,
    /// Casualty figure.
    pub killed: Option<u64>,
    /// Where it was read.
    pub sources: [SourceView<'a>; 1],
}

/// An event's date.
#[derive(Debug, Clone, Serialize)]
pub struct EventDateView {
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// First day.
    pub start: Day,
    /// Last day.
    pub end: Day,
    /// Granularity.
    pub precision: &'static str,
}

/// A span of text, in code points.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SpanView<'a> {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The text.
    pub text: &'a str,
}

/// Where an event was read.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SourceView<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Sentence start.
    pub start: usize,
    /// Sentence end.
    pub end: usize,
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

impl Serialize for Analysis<'_> {
    /// The same JSON as the [`Timeline`] of [`Analysis::into_timeline`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Timeline", 7)?;
        out.serialize_field("schema_version", SCHEMA_VERSION)?;
        out.serialize_field("generator", &Generator::default())?;
        out.serialize_field("window", &self.window.to_schema())?;
        out.serialize_field("documents", std::slice::from_ref(&self.document))?;
        out.serialize_field("entities", &self.entities)?;
        out.serialize_field("timexes", &self.timexes)?;
        out.serialize_field("events", &self.events)?;
        out.end()
    }
}

impl Analysis<'_> {
    /// The owned partial timeline of the document.
    pub fn into_timeline(self) -> Timeline {
        Timeline {
            schema_version: SCHEMA_VERSION.to_string(),
            generator: Generator::default(),
            window: self.window.to_schema(),
            documents: vec![self.document],
            entities: self.entities.into_iter().map(Entity::from).collect(),
            timexes: self.timexes.into_iter().map(Timex::from).collect(),
            events: self.events.into_iter().map(Event::from).collect(),
        }
    }
}

impl From<EntityView<'_>> for Entity {
    fn from(view: EntityView<'_>) -> Entity {
        Entity {
            id: view.id.to_string(),
            kind: view.kind.to_string(),
            name: view.name,
            aliases: view.aliases.into_iter().map(str::to_string).collect(),
            mentions: view
                .mentions
                .into_iter()
                .map(|m| Mention {
                    doc: m.doc.to_string(),
                    start: m.start,
                    end: m.end,
                    text: m.text.to_string(),
                    rule: m.rule.to_string(),
                    sentence: m.sentence,
                })
                .collect(),
        }
    }
}

impl From<TimexView<'_>> for Timex {
    fn from(view: TimexView<'_>) -> Timex {
        Timex {
            doc: view.doc.to_string(),
            start: view.start,
            end: view.end,
            text: view.text.to_string(),
            rule: view.rule.to_string(),
            kind: view.kind.to_string(),
            value: view.value,
            modifier: view.modifier,
            range: view.range.map(|r| DayRange {
                start: r.start.as_str().to_string(),
                end: r.end.as_str().to_string(),
            }),
            signal: view.signal,
            sentence: view.sentence,
        }
    }
}

impl From<EventView<'_>> for Event {
    fn from(view: EventView<'_>) -> Event {
        let span = |s: SpanView<'_>| Span {
            start: s.start,
            end: s.end,
            text: s.text.to_string(),
        };
        Event {
            id: view.id,
            doc: view.doc.to_string(),
            date: EventDate {
                value: view.date.value,
                modifier: view.date.modifier,
                start: view.date.start.as_str().to_string(),
                end: view.date.end.as_str().to_string(),
                precision: view.date.precision.to_string(),
            },
            timex: span(view.timex),
            sentence: span(view.sentence),
            entities: view.entities.iter().map(|e| e.to_string()).collect(),
            trigger: view.trigger,
            killed: view.killed,
            sources: view
                .sources
                .iter()
                .map(|s| Source {
                    doc: s.doc.to_string(),
                    start: s.start,
                    end: s.end,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn days_read_as_chrono_writes_them(days in -1_000_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let day = Day::new(date);
            prop_assert_eq!(day.as_str(), date.format("%Y-%m-%d").to_string());
        }
    }
}
