//! Exports for the viewers users already have: TimelineJS3 and
//! vis-timeline. One item per timeline event, in timeline order.

use crate::schema::{Event, Timeline};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Entity id to canonical name.
pub fn entity_names(timeline: &Timeline) -> HashMap<&str, &str> {
    timeline
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect()
}

/// A one-line label for an event: trigger, entity names, casualty figure
/// (or the date's own text when it has none of these).
pub fn headline(event: &Event, names: &HashMap<&str, &str>) -> String {
    let entities: Vec<&str> = event
        .entities
        .iter()
        .map(|id| names.get(id.as_str()).copied().unwrap_or(id))
        .collect();
    let mut parts = Vec::new();
    if let Some(trigger) = &event.trigger {
        parts.push(trigger.clone());
    }
    if !entities.is_empty() {
        parts.push(entities.join(", "));
    }
    if let Some(killed) = event.killed {
        parts.push(format!("{killed} killed"));
    }
    if parts.is_empty() {
        event.timex.text.clone()
    } else {
        parts.join(" · ")
    }
}

/// A TimelineJS date object holding only the fields the precision has: a
/// year (or decade) gives a year, a month its month, anything finer (a day,
/// or a week, season or quarter drawn from first to last day) the day too.
fn timelinejs_date(date: &str, precision: &str) -> Value {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str| s.trim_start_matches('0').to_string();
    let mut object = Map::new();
    object.insert(
        "year".into(),
        json!(parts.first().copied().unwrap_or_default()),
    );
    let fields = match precision {
        "year" | "decade" | "century" => 0,
        "month" => 1,
        _ => 2,
    };
    for (index, name) in ["month", "day"].iter().enumerate().take(fields) {
        if let Some(part) = parts.get(index + 1) {
            object.insert((*name).into(), json!(number(part)));
        }
    }
    Value::Object(object)
}

/// TimelineJS3 JSON: `{"title", "events": [{start_date, end_date?, text, group, unique_id}]}`.
pub fn to_timelinejs(timeline: &Timeline) -> Value {
    let names = entity_names(timeline);
    let events: Vec<Value> = timeline
        .events
        .iter()
        .map(|event| {
            let precision = event.date.precision.as_str();
            let mut object = json!({
                "start_date": timelinejs_date(&event.date.start, precision),
                "text": {
                    "headline": headline(event, &names),
                    "text": event.sentence.text,
                },
                "group": event.doc,
                "unique_id": event.id,
            });
            if event.date.start != event.date.end && !matches!(precision, "year" | "month") {
                object["end_date"] = timelinejs_date(&event.date.end, precision);
            }
            object
        })
        .collect();
    json!({
        "title": {
            "text": {
                "headline": "annalist timeline",
                "text": format!("{} events, {}–{}", timeline.events.len(), timeline.window.from, timeline.window.to),
            }
        },
        "events": events,
    })
}

/// vis-timeline items: an array that `new vis.DataSet(items)` takes as is.
/// Ranges have an exclusive `end` (the day after the last day), as
/// vis-timeline draws them; a single day is a point.
pub fn to_vis(timeline: &Timeline) -> Value {
    let names = entity_names(timeline);
    let items: Vec<Value> = timeline
        .events
        .iter()
        .map(|event| {
            let mut item = json!({
                "id": event.id,
                "content": headline(event, &names),
                "start": event.date.start,
                "group": event.doc,
                "title": event.sentence.text,
                "type": "point",
            });
            if event.date.start != event.date.end {
                let end = chrono::NaiveDate::parse_from_str(&event.date.end, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.succ_opt())
                    .map(|d| d.format("%Y-%m-%d").to_string());
                if let Some(end) = end {
                    item["end"] = json!(end);
                    item["type"] = json!("range");
                }
            }
            item
        })
        .collect();
    Value::Array(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_only_their_precision() {
        assert_eq!(
            timelinejs_date("2016-01-01", "year"),
            json!({"year": "2016"})
        );
        assert_eq!(
            timelinejs_date("2016-07-01", "month"),
            json!({"year": "2016", "month": "7"})
        );
        assert_eq!(
            timelinejs_date("2017-03-19", "week"),
            json!({"year": "2017", "month": "3", "day": "19"})
        );
    }
}
