//! Ordering, windowing and merging timelines.
//!
//! Every document yields a partial [`Timeline`]; [`merge`] combines any
//! number of them. The merge is associative and does not depend on the order
//! of its inputs (entities unite by id, everything is sorted by a total
//! order), so a second machine's partial output merges the same way as a
//! thread's: `merge([merge([a, b]), c]) == merge([a, merge([c, b])])`.

use crate::calendar::Day;
use crate::schema::{Event, Generator, Timeline, Window, SCHEMA_VERSION};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The inclusive window of years events must overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearWindow {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

impl YearWindow {
    /// Whether an event's range overlaps the window.
    pub fn contains(&self, event: &Event) -> bool {
        self.contains_days(&event.date.start, &event.date.end)
    }

    /// Whether the days `start` to `end` (`YYYY-MM-DD`) overlap the window.
    pub fn contains_days(&self, start: &str, end: &str) -> bool {
        let year = |date: &str| date.get(..4).and_then(|y| y.parse::<i32>().ok());
        match (year(start), year(end)) {
            (Some(start), Some(end)) => start <= self.to && end >= self.from,
            _ => false,
        }
    }

    /// Whether the days `start` to `end` overlap the window: what
    /// [`YearWindow::contains_days`] answers for them as the output writes
    /// them, without writing them (but for years beyond four digits,
    /// whose text it reads as it does).
    pub fn contains_dates(&self, start: NaiveDate, end: NaiveDate) -> bool {
        let year = |date: NaiveDate| {
            if (0..=9999).contains(&date.year()) {
                Some(date.year())
            } else {
                Day::new(date)
                    .as_str()
                    .get(..4)
                    .and_then(|y| y.parse::<i32>().ok())
            }
        };
        match (year(start), year(end)) {
            (Some(start), Some(end)) => start <= self.to && end >= self.from,
            _ => false,
        }
    }

    /// The window as written in the output.
    pub fn to_schema(self) -> Window {
        Window {
            from: format!("{:04}", self.from),
            to: format!("{:04}", self.to),
        }
    }
}

/// An empty timeline for `window`.
pub fn empty(window: YearWindow) -> Timeline {
    Timeline {
        schema_version: SCHEMA_VERSION.to_string(),
        generator: Generator::default(),
        window: window.to_schema(),
        documents: Vec::new(),
        entities: Vec::new(),
        timexes: Vec::new(),
        events: Vec::new(),
    }
}

/// The timeline order: range start, range end, document, offset.
pub fn event_order(a: &Event, b: &Event) -> std::cmp::Ordering {
    (&a.date.start, &a.date.end, &a.doc, a.timex.start, &a.id).cmp(&(
        &b.date.start,
        &b.date.end,
        &b.doc,
        b.timex.start,
        &b.id,
    ))
}

/// Merges partial timelines into one, keeping the events inside `window`.
/// A document id seen twice keeps one copy of everything it contributed.
pub fn merge(parts: impl IntoIterator<Item = Timeline>, window: YearWindow) -> Timeline {
    let mut out = empty(window);
    let mut documents = BTreeMap::new();
    let mut entities: BTreeMap<String, crate::schema::Entity> = BTreeMap::new();
    for part in parts {
        for document in part.documents {
            documents.entry(document.id.clone()).or_insert(document);
        }
        for entity in part.entities {
            match entities.get_mut(&entity.id) {
                None => {
                    entities.insert(entity.id.clone(), entity);
                }
                Some(existing) => {
                    // The longest name wins (ties: the smaller string), so
                    // the choice does not depend on merge order.
                    if (entity.name.len(), std::cmp::Reverse(&entity.name))
                        > (existing.name.len(), std::cmp::Reverse(&existing.name))
                    {
                        existing.name = entity.name;
                    }
                    existing.aliases.extend(entity.aliases);
                    existing.mentions.extend(entity.mentions);
                }
            }
        }
        out.timexes.extend(part.timexes);
        out.events.extend(part.events);
    }
    out.documents = documents.into_values().collect();
    out.entities = entities
        .into_values()
        .map(|mut entity| {
            entity
                .mentions
                .sort_by(|a, b| (&a.doc, a.start, a.end).cmp(&(&b.doc, b.start, b.end)));
            entity
                .mentions
                .dedup_by(|a, b| (&a.doc, a.start, a.end) == (&b.doc, b.start, b.end));
            let name = entity.name.clone();
            entity
                .aliases
                .extend(entity.mentions.iter().map(|m| m.text.clone()));
            entity.aliases.retain(|a| a != &name);
            entity.aliases.sort();
            entity.aliases.dedup();
            entity
        })
        .collect();
    out.timexes
        .sort_by(|a, b| (&a.doc, a.start, a.end).cmp(&(&b.doc, b.start, b.end)));
    out.timexes
        .dedup_by(|a, b| (&a.doc, a.start, a.end) == (&b.doc, b.start, b.end));
    out.events.retain(|e| window.contains(e));
    out.events.sort_by(event_order);
    out.events.dedup_by(|a, b| a.id == b.id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{EventDate, Span};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn dates_are_in_the_window_their_text_is_in(
            days in (-1_000_000i32..4_000_000, -1_000_000i32..4_000_000),
            from in -20i32..12_000,
            span in 0i32..3_000,
        ) {
            let date = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).unwrap();
            let (start, end) = (date(days.0.min(days.1)), date(days.0.max(days.1)));
            let window = YearWindow { from, to: from + span };
            let text = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
            prop_assert_eq!(
                window.contains_dates(start, end),
                window.contains_days(&text(start), &text(end))
            );
        }
    }

    fn event(doc: &str, start: &str, end: &str, offset: usize) -> Event {
        Event {
            id: format!("{doc}#{offset}"),
            doc: doc.to_string(),
            date: EventDate {
                value: start[..4].to_string(),
                modifier: None,
                start: start.to_string(),
                end: end.to_string(),
                precision: "year".to_string(),
            },
            timex: Span {
                start: offset,
                end: offset + 4,
                text: String::new(),
            },
            sentence: Span {
                start: 0,
                end: 10,
                text: String::new(),
            },
            entities: Vec::new(),
            trigger: None,
            killed: None,
            sources: Vec::new(),
        }
    }

    fn part(events: Vec<Event>) -> Timeline {
        let mut t = empty(YearWindow {
            from: 2005,
            to: 2017,
        });
        t.events = events;
        t
    }

    #[test]
    fn window_keeps_overlapping_ranges_only() {
        let merged = merge(
            [part(vec![
                event("a", "2001-09-11", "2001-09-11", 1),
                event("a", "2000-01-01", "2009-12-31", 2),
                event("a", "2018-01-01", "2018-12-31", 3),
                event("a", "2017-12-31", "2017-12-31", 4),
            ])],
            YearWindow {
                from: 2005,
                to: 2017,
            },
        );
        let ids: Vec<&str> = merged.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["a#2", "a#4"]);
    }

    #[test]
    fn merge_is_order_independent() {
        let w = YearWindow {
            from: 2005,
            to: 2017,
        };
        let a = part(vec![event("a", "2010-01-01", "2010-12-31", 5)]);
        let b = part(vec![event("b", "2010-01-01", "2010-01-31", 1)]);
        let c = part(vec![event("c", "2006-01-01", "2006-12-31", 9)]);
        let left = merge([merge([a.clone(), b.clone()], w), c.clone()], w);
        let right = merge([c, merge([b, a], w)], w);
        assert_eq!(left, right);
        let starts: Vec<&str> = left.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(starts, vec!["c#9", "b#1", "a#5"]);
    }
}
