//! One document's extraction in the output's shape, borrowing the
//! document's text and the rule ids instead of copying them.
//!
//! An [`Analysis`] is already in the canonical order [`timeline::merge`]
//! gives a single document's part (entities by id, mentions and timexes by
//! offset, aliases sorted, events in the window and in timeline order), so
//! it serialises straight to the partial `timeline.json` of that document
//! (the JSON Lines stream writes it without building the owned
//! [`Timeline`], by hand: [`Analysis::write_json`] writes the bytes of its
//! [`Serialize`], faster) or converts into that [`Timeline`] for merging. Timexes and
//! events are kept compact and their views made as they are written, so
//! that a long document holds what it found, not its output.
//!
//! [`timeline::merge`]: crate::timeline::merge

pub use crate::calendar::Day;
use crate::intern::Interner;
use crate::json;
use crate::offsets::OffsetMap;
use crate::rules::{RuleSet, TimexKind};
use crate::schema::{
    DayRange, DocumentInfo, Entity, Event, EventDate, Generator, Mention, Source, Span, Timeline,
    Timex, SCHEMA_VERSION,
};
use crate::timeline::YearWindow;
use crate::timexes::Timexes;
use chrono::{Datelike, NaiveDate};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A document's entities, timexes and events, ready to write.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The document's line in `documents`.
    pub document: DocumentInfo,
    /// The window the events were kept in.
    pub window: YearWindow,
    /// Entities sorted by id.
    pub entities: Vec<EntityRecord<'a>>,
    /// Every mention, entity after entity, as [`Analysis::entities`] gives
    /// them: each entity's [`EntityRecord::mentions`] is a stretch of it.
    mention_places: Vec<MentionPlace>,
    doc_id: &'a str,
    text: &'a str,
    offsets: OffsetMap<'a>,
    rules: &'a RuleSet,
    /// Sorted by offset, not overlapping.
    timexes: Timexes,
    /// In the window, in timeline order.
    events: Vec<EventRecord>,
    /// What mentions and events refer to by number.
    numbered: Numbered<'a>,
}

/// What records refer to by number: the entities' ids and names, the
/// mentions' rule ids, the events' entities (indices into the entities,
/// each event's a stretch of the list), their trigger words and their
/// casualty figures.
#[derive(Debug, Clone, Default)]
pub struct Numbered<'a> {
    /// Each event's entities, one stretch after another.
    pub entities: Vec<u32>,
    /// Entity ids (`type/slug`) and names, by number.
    pub names: Interner,
    /// Trigger words by number.
    pub words: Interner,
    /// Rule ids of the mentions, by number.
    pub rules: Vec<&'a str>,
    /// The document's casualty figures, by number (an event refers to
    /// its own, if any).
    pub figures: Vec<u64>,
}

/// An event as kept until it is written: 32-bit offsets and numbers, as a
/// long document holds hundreds of thousands.
#[derive(Debug, Clone)]
pub struct EventRecord {
    /// Index of its timex in the document's timexes.
    pub timex: u32,
    /// Its sentence, in bytes.
    pub sentence: (u32, u32),
    /// Its sentence, in code points: converted where events are made, in
    /// text order, not as they are written, in timeline order.
    pub sentence_chars: (u32, u32),
    /// Its timex, in code points.
    pub timex_chars: (u32, u32),
    /// Its stretch of [`Numbered::entities`]: entities in order of mention.
    pub entities: (u32, u32),
    /// What happened: a number in [`Numbered::words`].
    pub trigger: MaybeNumber,
    /// Casualty figure: a number in [`Numbered::figures`] (most events
    /// have none, and a figure takes 64 bits).
    pub killed: MaybeNumber,
}

/// A number that may be missing, in 32 bits where an `Option<u32>` takes
/// 64: a long document holds hundreds of thousands of events, each with
/// two. `u32::MAX` stands for none; no list a document's records number
/// (of at most [`MAX_DOCUMENT_BYTES`] bytes, each item at least one) is
/// that long.
///
/// [`MAX_DOCUMENT_BYTES`]: crate::document::MAX_DOCUMENT_BYTES
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaybeNumber(u32);

impl MaybeNumber {
    /// `number`, if any.
    pub fn new(number: Option<u32>) -> MaybeNumber {
        match number {
            Some(number) => {
                assert_ne!(
                    number,
                    u32::MAX,
                    "a document numbers fewer than 2^32 - 1 items"
                );
                MaybeNumber(number)
            }
            None => MaybeNumber(u32::MAX),
        }
    }

    /// The number, if any.
    pub fn get(self) -> Option<u32> {
        (self.0 != u32::MAX).then_some(self.0)
    }
}

/// A mention as it is written: its code points and its sentence's index,
/// found for all mentions at once, in text order, rather than entity by
/// entity as they are written. Its entity holds it in a stretch of one list
/// of all mentions, so that a long document (hundreds of thousands of
/// mentions) holds each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionPlace {
    /// Start (code points).
    pub start: u32,
    /// End (code points, exclusive).
    pub end: u32,
    /// Index of the last sentence starting at or before the mention, else 0.
    pub sentence: u32,
    /// Its text as its entity's: 0 for the entity's name, `k + 1` for its
    /// alias `k`. Written from there, the text is read where the entity's
    /// other mentions' is, not from all over a long document.
    pub form: u32,
    /// The producing rule: a number in [`Numbered::rules`].
    pub rule: u32,
}

impl<'a> Analysis<'a> {
    /// An analysis of the document `doc_id` with text `text`. `timexes`
    /// must be sorted by offset and not overlap; `events` refer to them by
    /// index and are put in timeline order here. `mention_places` hold the
    /// entities' mentions, entity after entity, each entity's
    /// [`EntityRecord::mentions`] the next stretch of them.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        document: DocumentInfo,
        window: YearWindow,
        (entities, mention_places): (Vec<EntityRecord<'a>>, Vec<MentionPlace>),
        (doc_id, text, offsets): (&'a str, &'a str, OffsetMap<'a>),
        rules: &'a RuleSet,
        timexes: Timexes,
        (mut events, numbered): (Vec<EventRecord>, Numbered<'a>),
    ) -> Analysis<'a> {
        debug_assert!(timexes.list.windows(2).all(|w| w[0].end <= w[1].start));
        // Each entity's stretch of mentions follows the last one's.
        let stretch_starts = std::iter::once(0).chain(entities.iter().map(|e| e.mentions.1));
        debug_assert!(stretch_starts
            .zip(&entities)
            .all(|(start, e)| e.mentions.0 == start && e.mentions.0 <= e.mentions.1));
        debug_assert_eq!(
            entities.last().map_or(0, |e| e.mentions.1 as usize),
            mention_places.len()
        );
        // The timeline order (timeline::event_order) within one document:
        // the id is the document and the timex offset, so it adds nothing.
        // As the days are written: chrono's text of a year beyond 9999 or
        // before 0 does not sort as the date does. Days of four-digit years
        // do, and are compared as dates, not written first.
        // Ties go by timex, in text order, as events come: each has a timex
        // of its own, so the keys differ and an unstable sort, which needs
        // no room (a stable one takes half the events' size again), gives
        // the order a stable one would.
        let range = |e: &EventRecord| {
            let timex = &timexes.list[e.timex as usize];
            (timex.range.map(|r| (r.start, r.end)), timex.start, e.timex)
        };
        let four_digits = |date: NaiveDate| (0..=9999).contains(&date.year());
        let dates_sort_as_written = events.iter().all(|e| {
            range(e)
                .0
                .is_none_or(|(start, end)| four_digits(start) && four_digits(end))
        });
        debug_assert!(events.windows(2).all(|w| w[0].timex < w[1].timex));
        if dates_sort_as_written {
            events.sort_unstable_by_key(range);
        } else {
            events.sort_by_cached_key(|e| {
                let (days, start, timex) = range(e);
                (days.map(|(s, e)| (Day::new(s), Day::new(e))), start, timex)
            });
        }
        Analysis {
            document,
            window,
            entities,
            mention_places,
            doc_id,
            text,
            offsets,
            rules,
            timexes,
            events,
            numbered,
        }
    }

    /// The entities, by id.
    pub fn entities(&self) -> impl Iterator<Item = EntityView<'_, 'a>> + '_ {
        self.entities.iter().map(move |entity| {
            let (first, last) = entity.mentions;
            EntityView {
                analysis: self,
                entity,
                places: &self.mention_places[first as usize..last as usize],
            }
        })
    }

    /// The timexes, by offset.
    pub fn timexes(&self) -> impl Iterator<Item = TimexView<'_>> + '_ {
        let strings = &self.timexes;
        // Timexes are in text order: each is counted on from the last.
        let mut offsets = self.offsets.cursor();
        self.timexes.list.iter().map(move |t| {
            let (start, end) = offsets.span_to_chars(t.start as usize, t.end as usize);
            TimexView {
                doc: self.doc_id,
                start,
                end,
                text: &self.text[t.start as usize..t.end as usize],
                rule: &self.rules.rules[t.rule as usize].id,
                kind: t.kind.as_str(),
                value: strings.text(t.value),
                modifier: t.modifier.map(|m| strings.text(m)),
                range: t
                    .range
                    .filter(|_| matches!(t.kind, TimexKind::Date | TimexKind::Time))
                    .map(|r| DayRangeView {
                        start: Day::new(r.start),
                        end: Day::new(r.end),
                    }),
                signal: t.signal.map(|s| strings.text(s)),
                sentence: t.sentence as usize,
            }
        })
    }

    /// The events in the window, in timeline order.
    pub fn events(&self) -> impl Iterator<Item = EventView<'_>> + '_ {
        let span = |(start, end): (u32, u32), (first, last): (u32, u32)| SpanView {
            start: first as usize,
            end: last as usize,
            text: &self.text[start as usize..end as usize],
        };
        self.events.iter().map(move |e| {
            let timex = &self.timexes.list[e.timex as usize];
            let days = timex
                .range
                .map(|r| (Day::new(r.start), Day::new(r.end)))
                .expect("events are made for timexes with a range");
            let sentence = span(e.sentence, e.sentence_chars);
            let timex_span = span((timex.start, timex.end), e.timex_chars);
            EventView {
                id: EventId {
                    doc: self.doc_id,
                    offset: timex_span.start,
                },
                doc: self.doc_id,
                date: EventDateView {
                    value: self.timexes.text(timex.value),
                    modifier: timex.modifier.map(|m| self.timexes.text(m)),
                    start: days.0,
                    end: days.1,
                    precision: timex.range.map_or("day", |r| r.precision.as_str()),
                },
                timex: timex_span,
                sentence,
                entities: EntityIds {
                    entities: &self.entities,
                    names: &self.numbered.names,
                    numbers: &self.numbered.entities[e.entities.0 as usize..e.entities.1 as usize],
                },
                trigger: e.trigger.get().map(|w| self.numbered.words.get(w)),
                killed: e.killed.get().map(|f| self.numbered.figures[f as usize]),
                sources: [SourceView {
                    doc: self.doc_id,
                    start: sentence.start,
                    end: sentence.end,
                }],
            }
        })
    }
}

/// An entity of the document, as kept until it is written.
#[derive(Debug, Clone)]
pub struct EntityRecord<'a> {
    /// `type/slug`: a number in [`Numbered::names`].
    pub id: u32,
    /// `person`, `group` or `place`.
    pub kind: &'static str,
    /// Canonical name: a number in [`Numbered::names`].
    pub name: u32,
    /// The other surface forms of its mentions, sorted.
    pub aliases: Vec<&'a str>,
    /// Its mentions, by offset: their stretch of the analysis' list of
    /// all mentions (see [`MentionPlace`]).
    pub mentions: (u32, u32),
}

/// An entity in the output's shape, its mentions made as they are written.
#[derive(Debug, Clone, Copy)]
pub struct EntityView<'s, 'a> {
    analysis: &'s Analysis<'a>,
    entity: &'s EntityRecord<'a>,
    /// Its mentions' places, in their order.
    places: &'s [MentionPlace],
}

impl<'s, 'a> EntityView<'s, 'a> {
    /// The entity as kept.
    pub fn record(&self) -> &'s EntityRecord<'a> {
        self.entity
    }

    /// Its id, `type/slug`.
    pub fn id(&self) -> &'s str {
        self.analysis.numbered.names.get(self.entity.id)
    }

    /// Its canonical name.
    pub fn name(&self) -> &'s str {
        self.analysis.numbered.names.get(self.entity.name)
    }

    /// Its mentions, by offset.
    pub fn mentions(&self) -> impl Iterator<Item = MentionView<'s>> + 's {
        let (analysis, entity) = (self.analysis, self.entity);
        let name = self.name();
        self.places.iter().map(move |place| MentionView {
            doc: analysis.doc_id,
            start: place.start as usize,
            end: place.end as usize,
            text: match place.form {
                0 => name,
                alias => entity.aliases[alias as usize - 1],
            },
            rule: analysis.numbered.rules[place.rule as usize],
            sentence: place.sentence as usize,
        })
    }
}

impl Serialize for EntityView<'_, '_> {
    /// The fields of [`Entity`], in its order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Entity", 5)?;
        out.serialize_field("id", self.id())?;
        out.serialize_field("type", self.entity.kind)?;
        out.serialize_field("name", self.name())?;
        out.serialize_field("aliases", &self.entity.aliases)?;
        out.serialize_field("mentions", &Written(|| self.mentions()))?;
        out.end()
    }
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
#[derive(Debug, Clone, Copy, Serialize)]
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
    pub value: &'a str,
    /// TIMEX3 mod.
    #[serde(rename = "mod")]
    pub modifier: Option<&'a str>,
    /// First and last day (dates and times).
    pub range: Option<DayRangeView>,
    /// Signal word before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal: Option<&'a str>,
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
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EventView<'a> {
    /// `doc#offset` of its timex.
    pub id: EventId<'a>,
    /// Document id.
    pub doc: &'a str,
    /// Its date.
    pub date: EventDateView<'a>,
    /// Its timex.
    pub timex: SpanView<'a>,
    /// Its sentence.
    pub sentence: SpanView<'a>,
    /// Entity ids in order of mention.
    pub entities: EntityIds<'a>,
    /// What happened.
    pub trigger: Option<&'a str>,
    /// Casualty figure.
    pub killed: Option<u64>,
    /// Where it was read.
    pub sources: [SourceView<'a>; 1],
}

/// An event's entity ids, looked up by number as they are written.
#[derive(Debug, Clone, Copy)]
pub struct EntityIds<'a> {
    entities: &'a [EntityRecord<'a>],
    names: &'a Interner,
    numbers: &'a [u32],
}

impl<'a> EntityIds<'a> {
    /// The ids, in order of mention.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let (entities, names) = (self.entities, self.names);
        self.numbers
            .iter()
            .map(move |&n| names.get(entities[n as usize].id))
    }
}

impl Serialize for EntityIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// An event id, `doc#offset`, written without being built.
#[derive(Debug, Clone, Copy)]
pub struct EventId<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Code-point offset of the event's timex.
    pub offset: usize,
}

impl std::fmt::Display for EventId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.doc, self.offset)
    }
}

impl Serialize for EventId<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An event's date.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EventDateView<'a> {
    /// TIMEX3 value.
    pub value: &'a str,
    /// TIMEX3 mod.
    #[serde(rename = "mod")]
    pub modifier: Option<&'a str>,
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

impl Serialize for Analysis<'_> {
    /// The same JSON as the [`Timeline`] of [`Analysis::into_timeline`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Timeline", 7)?;
        out.serialize_field("schema_version", SCHEMA_VERSION)?;
        out.serialize_field("generator", &Generator::default())?;
        out.serialize_field("window", &self.window.to_schema())?;
        out.serialize_field("documents", std::slice::from_ref(&self.document))?;
        out.serialize_field("entities", &Written(|| self.entities()))?;
        out.serialize_field("timexes", &Written(|| self.timexes()))?;
        out.serialize_field("events", &Written(|| self.events()))?;
        out.end()
    }
}

/// A sequence written from an iterator made when it is written.
struct Written<F>(F);

impl<F, I> Serialize for Written<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Bytes [`Analysis::write_json`] gathers before it hands them on.
pub const HAND_ON_BYTES: usize = 64 << 10;

impl Analysis<'_> {
    /// Writes the analysis to `out` as the JSON of its [`Serialize`], byte
    /// for byte, but written by hand with [`json`]: this is most of the
    /// output stage, which writes several times the text's size.
    ///
    /// Between records, whenever `out` holds [`HAND_ON_BYTES`] or more,
    /// `hand_on` gets it: a caller writing to a stream drains it there, so
    /// that a long document is not held as a whole line; one building the
    /// line in memory leaves it as it is.
    // Inlined into its callers (in `pipeline`) whatever the partitioning
    // into codegen units: a change elsewhere in the crate once left it out
    // of line, with the views' closures it calls, for 6 M instructions
    // more per 4 MB.
    #[inline]
    pub fn write_json(
        &self,
        out: &mut Vec<u8>,
        mut hand_on: impl FnMut(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut hand_on = |out: &mut Vec<u8>| {
            if out.len() >= HAND_ON_BYTES {
                hand_on(out)
            } else {
                Ok(())
            }
        };
        out.extend_from_slice(b"{\"schema_version\":");
        json::write_str(out, SCHEMA_VERSION);
        out.extend_from_slice(b",\"generator\":");
        write_generator(out);
        out.extend_from_slice(b",\"window\":");
        write_window(out, self.window);
        out.extend_from_slice(b",\"documents\":[");
        serde_json::to_writer(&mut *out, &self.document)?;
        // Every mention, timex and event names the document.
        // Room for the id as it is written: most ids need no escape.
        let mut doc_field = Vec::with_capacity(DOC_KEY.len() + json::room_for_str(self.doc_id));
        doc_field.extend_from_slice(DOC_KEY);
        json::write_str(&mut doc_field, self.doc_id);
        out.extend_from_slice(b"],\"entities\":[");
        for (number, entity) in self.entities().enumerate() {
            if number > 0 {
                out.push(b',');
            }
            write_entity_head(out, &entity);
            for (number, mention) in entity.mentions().enumerate() {
                if number > 0 {
                    out.push(b',');
                }
                write_mention(out, &doc_field, &mention);
                hand_on(out)?;
            }
            out.extend_from_slice(b"]}");
        }
        out.extend_from_slice(b"],\"timexes\":[");
        for (number, timex) in self.timexes().enumerate() {
            if number > 0 {
                out.push(b',');
            }
            write_timex(out, &doc_field, &timex);
            hand_on(out)?;
        }
        out.extend_from_slice(b"],\"events\":[");
        for (number, event) in self.events().enumerate() {
            if number > 0 {
                out.push(b',');
            }
            write_event(out, &doc_field, &event);
            hand_on(out)?;
        }
        out.extend_from_slice(b"]}");
        Ok(())
    }
}

/// An entity's fields up to its mentions' opening bracket.
fn write_entity_head(out: &mut Vec<u8>, entity: &EntityView<'_, '_>) {
    out.extend_from_slice(b"{\"id\":");
    json::write_plain_str(out, entity.id());
    out.extend_from_slice(b",\"type\":");
    json::write_plain_str(out, entity.entity.kind);
    out.extend_from_slice(b",\"name\":");
    json::write_str(out, entity.name());
    out.extend_from_slice(b",\"aliases\":[");
    for (number, alias) in entity.entity.aliases.iter().enumerate() {
        if number > 0 {
            out.push(b',');
        }
        json::write_str(out, alias);
    }
    out.extend_from_slice(b"],\"mentions\":[");
}

/// How the `"doc":...` pair that records share starts.
const DOC_KEY: &[u8] = b"\"doc\":";

/// [`Generator::default`] as serde_json writes it, without building its
/// two strings for every document.
fn write_generator(out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"name\":");
    json::write_str(out, env!("CARGO_PKG_NAME"));
    out.extend_from_slice(b",\"version\":");
    json::write_str(out, env!("CARGO_PKG_VERSION"));
    out.push(b'}');
}

/// `window.to_schema()` as serde_json writes it, without its two strings:
/// a year written as a number of four digits or more needs no escape.
fn write_window(out: &mut Vec<u8>, window: YearWindow) {
    use std::io::Write;
    write!(
        out,
        "{{\"from\":\"{:04}\",\"to\":\"{:04}\"}}",
        window.from, window.to
    )
    .expect("writing into memory never fails");
}

/// A [`MentionView`]; `doc_field` is its `"doc":...` pair, written.
fn write_mention(out: &mut Vec<u8>, doc_field: &[u8], mention: &MentionView<'_>) {
    out.push(b'{');
    out.extend_from_slice(doc_field);
    write_offsets(out, mention.start, mention.end);
    out.extend_from_slice(b",\"text\":");
    json::write_str(out, mention.text);
    out.extend_from_slice(b",\"rule\":");
    json::write_str(out, mention.rule);
    out.extend_from_slice(b",\"sentence\":");
    json::write_usize(out, mention.sentence);
    out.push(b'}');
}

/// A [`TimexView`]; `doc_field` is its `"doc":...` pair, written.
fn write_timex(out: &mut Vec<u8>, doc_field: &[u8], timex: &TimexView<'_>) {
    out.push(b'{');
    out.extend_from_slice(doc_field);
    write_offsets(out, timex.start, timex.end);
    out.extend_from_slice(b",\"text\":");
    json::write_str(out, timex.text);
    out.extend_from_slice(b",\"rule\":");
    json::write_str(out, timex.rule);
    out.extend_from_slice(b",\"type\":");
    json::write_plain_str(out, timex.kind);
    out.extend_from_slice(b",\"value\":");
    json::write_str(out, timex.value);
    out.extend_from_slice(b",\"mod\":");
    write_optional_str(out, timex.modifier);
    out.extend_from_slice(b",\"range\":");
    match &timex.range {
        Some(range) => {
            out.extend_from_slice(b"{\"start\":");
            write_day(out, &range.start);
            out.extend_from_slice(b",\"end\":");
            write_day(out, &range.end);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    if let Some(signal) = timex.signal {
        out.extend_from_slice(b",\"signal\":");
        json::write_str(out, signal);
    }
    out.extend_from_slice(b",\"sentence\":");
    json::write_usize(out, timex.sentence);
    out.push(b'}');
}

/// An [`EventView`]; `doc_field` is its `"doc":...` pair, written.
fn write_event(out: &mut Vec<u8>, doc_field: &[u8], event: &EventView<'_>) {
    // The id as serde_json writes a `collect_str`: the text, escaped. Its
    // document's id is escaped in `doc_field` already: the opening quote
    // and the id are copied from there, rather than escaped again.
    debug_assert_eq!(event.id.doc, event.doc);
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(&doc_field[DOC_KEY.len()..doc_field.len() - 1]);
    out.push(b'#');
    json::write_usize(out, event.id.offset);
    out.extend_from_slice(b"\",");
    out.extend_from_slice(doc_field);
    let date = &event.date;
    out.extend_from_slice(b",\"date\":{\"value\":");
    json::write_str(out, date.value);
    out.extend_from_slice(b",\"mod\":");
    write_optional_str(out, date.modifier);
    out.extend_from_slice(b",\"start\":");
    write_day(out, &date.start);
    out.extend_from_slice(b",\"end\":");
    write_day(out, &date.end);
    out.extend_from_slice(b",\"precision\":");
    json::write_plain_str(out, date.precision);
    out.extend_from_slice(b"},\"timex\":");
    write_span(out, &event.timex);
    out.extend_from_slice(b",\"sentence\":");
    write_span(out, &event.sentence);
    out.extend_from_slice(b",\"entities\":[");
    for (number, id) in event.entities.iter().enumerate() {
        if number > 0 {
            out.push(b',');
        }
        json::write_plain_str(out, id);
    }
    out.extend_from_slice(b"],\"trigger\":");
    write_optional_str(out, event.trigger);
    out.extend_from_slice(b",\"killed\":");
    match event.killed {
        Some(killed) => json::write_u64(out, killed),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"sources\":[");
    for (number, source) in event.sources.iter().enumerate() {
        if number > 0 {
            out.push(b',');
        }
        out.push(b'{');
        out.extend_from_slice(doc_field);
        write_offsets(out, source.start, source.end);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// A [`SpanView`].
fn write_span(out: &mut Vec<u8>, span: &SpanView<'_>) {
    out.extend_from_slice(b"{\"start\":");
    json::write_usize(out, span.start);
    out.extend_from_slice(b",\"end\":");
    json::write_usize(out, span.end);
    out.extend_from_slice(b",\"text\":");
    json::write_str(out, span.text);
    out.push(b'}');
}

/// `,"start":start,"end":end`.
fn write_offsets(out: &mut Vec<u8>, start: usize, end: usize) {
    out.extend_from_slice(b",\"start\":");
    json::write_usize(out, start);
    out.extend_from_slice(b",\"end\":");
    json::write_usize(out, end);
}

/// A [`Day`] as a JSON string: its digits and dashes need no escaping
/// (nor a check that they are UTF-8).
fn write_day(out: &mut Vec<u8>, day: &Day) {
    json::write_plain_bytes(out, day.as_bytes());
}

/// A string, or `null`.
fn write_optional_str(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => json::write_str(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

impl<'a> Analysis<'a> {
    /// Its document's line, and the timexes and numbered strings whose
    /// room the next document's analysis can reuse once this one is
    /// written.
    pub(crate) fn into_reusable_parts(self) -> (DocumentInfo, Timexes, Numbered<'a>) {
        (self.document, self.timexes, self.numbered)
    }
}

impl Analysis<'_> {
    /// The owned partial timeline of the document.
    pub fn into_timeline(self) -> Timeline {
        let timexes = self.timexes().map(Timex::from).collect();
        let events = self.events().map(Event::from).collect();
        let entities = self.entities().map(Entity::from).collect();
        Timeline {
            schema_version: SCHEMA_VERSION.to_string(),
            generator: Generator::default(),
            window: self.window.to_schema(),
            documents: vec![self.document],
            entities,
            timexes,
            events,
        }
    }
}

impl From<EntityView<'_, '_>> for Entity {
    fn from(view: EntityView<'_, '_>) -> Entity {
        let entity = view.record();
        Entity {
            id: view.id().to_string(),
            kind: entity.kind.to_string(),
            name: view.name().to_string(),
            aliases: entity.aliases.iter().map(|a| a.to_string()).collect(),
            mentions: view
                .mentions()
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
            value: view.value.to_string(),
            modifier: view.modifier.map(str::to_string),
            range: view.range.map(|r| DayRange {
                start: r.start.as_str().to_string(),
                end: r.end.as_str().to_string(),
            }),
            signal: view.signal.map(str::to_string),
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
            id: view.id.to_string(),
            doc: view.doc.to_string(),
            date: EventDate {
                value: view.date.value.to_string(),
                modifier: view.date.modifier.map(str::to_string),
                start: view.date.start.as_str().to_string(),
                end: view.date.end.as_str().to_string(),
                precision: view.date.precision.to_string(),
            },
            timex: span(view.timex),
            sentence: span(view.sentence),
            entities: view.entities.iter().map(str::to_string).collect(),
            trigger: view.trigger.map(str::to_string),
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
    use chrono::NaiveDate;
    use proptest::prelude::*;

    #[test]
    fn generator_is_written_as_serde_writes_it() {
        let mut out = Vec::new();
        write_generator(&mut out);
        assert_eq!(out, serde_json::to_vec(&Generator::default()).unwrap());
    }

    proptest! {
        /// Any window, negative years and all, is written as serde
        /// writes its schema.
        #[test]
        fn window_is_written_as_serde_writes_it(from in any::<i32>(), to in any::<i32>()) {
            let window = YearWindow { from, to };
            let mut out = Vec::new();
            write_window(&mut out, window);
            prop_assert_eq!(out, serde_json::to_vec(&window.to_schema()).unwrap());
        }
    }

    #[test]
    fn maybe_numbers_give_back_what_they_hold_in_32_bits() {
        for number in [None, Some(0), Some(1), Some(u32::MAX - 1)] {
            assert_eq!(MaybeNumber::new(number).get(), number);
        }
        assert_eq!(std::mem::size_of::<MaybeNumber>(), 4);
    }

    proptest! {
        #[test]
        fn days_read_as_chrono_writes_them(days in -1_000_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let day = Day::new(date);
            prop_assert_eq!(day.as_str(), date.format("%Y-%m-%d").to_string());
            let mut written = Vec::new();
            write_day(&mut written, &day);
            prop_assert_eq!(written, serde_json::to_vec(&day).unwrap());
        }

        /// Days of four-digit years sort as written as they do as dates,
        /// so events dated in them are sorted by their dates.
        #[test]
        fn four_digit_days_sort_as_their_dates(a in -366i32..3_652_059, b in -366i32..3_652_059) {
            let (a, b) = (
                NaiveDate::from_num_days_from_ce_opt(a + 1).unwrap(),
                NaiveDate::from_num_days_from_ce_opt(b + 1).unwrap(),
            );
            prop_assert_eq!(Day::new(a).cmp(&Day::new(b)), a.cmp(&b));
        }
    }
}
