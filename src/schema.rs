//! The output contract: `timeline.json`, schema version "1" (see DESIGN.md).
//!
//! These types are what downstream tools read. Field names are part of the
//! contract: add fields, never rename them without a new [`SCHEMA_VERSION`].
//! All offsets are Unicode code points into the whole document text, end
//! exclusive.

use serde::{Deserialize, Serialize};

/// Version of the output schema written in every timeline.
pub const SCHEMA_VERSION: &str = "1";

/// A whole timeline: documents, entities, timexes and ordered events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Which program wrote this file.
    pub generator: Generator,
    /// The inclusive year window that `events` was cut to.
    pub window: Window,
    /// Every document that contributed, sorted by id.
    pub documents: Vec<DocumentInfo>,
    /// Every entity found, sorted by id.
    pub entities: Vec<Entity>,
    /// Every temporal expression found, inside the window or not.
    pub timexes: Vec<Timex>,
    /// The timeline: events whose date overlaps the window, in order.
    pub events: Vec<Event>,
}

/// Name and version of the writing program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    /// Program name, `annalist`.
    pub name: String,
    /// Crate version.
    pub version: String,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Inclusive window of years, as strings (`"2005"`, `"2017"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// First year kept.
    pub from: String,
    /// Last year kept.
    pub to: String,
}

/// One input document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Document id: the file stem, or the `id` of a JSON Lines record.
    pub id: String,
    /// Where it was read from: a path, or `-` for standard input.
    pub source: String,
    /// Publication time (DCT), ISO 8601, when known.
    pub published: Option<String>,
    /// Length of the text in code points.
    pub chars: usize,
    /// Length of the text in UTF-8 bytes.
    #[serde(default)]
    pub bytes: usize,
    /// SHA-256 of the UTF-8 text, lower-case hex.
    pub sha256: String,
}

/// A person, group or place with every mention that refers to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: `type/slug-of-canonical-name`.
    pub id: String,
    /// `person`, `group` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Other surface forms seen, sorted, without the canonical name.
    pub aliases: Vec<String>,
    /// Every mention, in document then offset order.
    pub mentions: Vec<Mention>,
}

/// One occurrence of an entity in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Document id.
    pub doc: String,
    /// Start offset (code points).
    pub start: usize,
    /// End offset (code points, exclusive).
    pub end: usize,
    /// The text between `start` and `end`.
    pub text: String,
    /// Id of the rule (or gazetteer) that produced the mention.
    pub rule: String,
    /// Index of the sentence, counted from 0 in the document.
    pub sentence: usize,
}

/// A normalised temporal expression (TIMEX3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Document id.
    pub doc: String,
    /// Start offset (code points).
    pub start: usize,
    /// End offset (code points, exclusive).
    pub end: usize,
    /// The text between `start` and `end`.
    pub text: String,
    /// Id of the rule that produced it.
    pub rule: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value (`2017-W11`, `P1DE`, `PRESENT_REF`, …).
    pub value: String,
    /// TIMEX3 mod (`MID`, `APPROX`, `MORE_THAN`, …), if any.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// First and last day covered, for DATE and TIME values that have one.
    pub range: Option<DayRange>,
    /// The signal word before the expression (`since`, `until`, `by`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<String>,
    /// Index of the sentence holding the expression.
    #[serde(default)]
    pub sentence: usize,
}

/// Inclusive range of days, ISO dates (`2017-03-13`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DayRange {
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
}

/// One dated happening: a row of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: `doc#start` of its timex.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// When it happened.
    pub date: EventDate,
    /// The expression that dates it.
    pub timex: Span,
    /// The sentence it comes from.
    pub sentence: Span,
    /// Entity ids of the clause, in order of first mention.
    pub entities: Vec<String>,
    /// Trigger word found by an event rule, if any.
    pub trigger: Option<String>,
    /// Casualty figure given by the text, if any.
    pub killed: Option<u64>,
    /// Every place in the input this event was drawn from.
    pub sources: Vec<Source>,
}

/// The date of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// First day covered.
    pub start: String,
    /// Last day covered.
    pub end: String,
    /// `day`, `week`, `month`, `season`, `quarter`, `year` or `decade`.
    pub precision: String,
}

/// A span of text with its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Start offset (code points).
    pub start: usize,
    /// End offset (code points, exclusive).
    pub end: usize,
    /// The text between `start` and `end`.
    pub text: String,
}

/// Where an event was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Document id.
    pub doc: String,
    /// Start offset of the sentence (code points).
    pub start: usize,
    /// End offset of the sentence (code points, exclusive).
    pub end: usize,
}
