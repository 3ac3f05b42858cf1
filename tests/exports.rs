//! The TimelineJS3 and vis-timeline exports of the seed: required fields,
//! valid dates, one item per event.

use chrono::NaiveDate;
use std::path::Path;
use std::process::Command;

fn extract(format: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["extract", "seeds", "--format", format])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn timelinejs_export_has_the_format_shape() {
    let timeline = extract("json");
    let export = extract("timelinejs");
    let events = export["events"].as_array().unwrap();
    assert_eq!(events.len(), timeline["events"].as_array().unwrap().len());
    for event in events {
        for key in ["start_date", "end_date"] {
            let Some(date) = event.get(key) else {
                assert_eq!(key, "end_date", "start_date is required");
                continue;
            };
            let year: i32 = date["year"].as_str().unwrap().parse().unwrap();
            let month: u32 = date
                .get("month")
                .map_or(1, |m| m.as_str().unwrap().parse().unwrap());
            let day: u32 = date
                .get("day")
                .map_or(1, |d| d.as_str().unwrap().parse().unwrap());
            assert!(
                NaiveDate::from_ymd_opt(year, month, day).is_some(),
                "{date}"
            );
            assert!(date.get("day").is_none() || date.get("month").is_some());
        }
        assert!(!event["text"]["headline"].as_str().unwrap().is_empty());
        assert!(!event["text"]["text"].as_str().unwrap().is_empty());
        assert!(event["group"].is_string() && event["unique_id"].is_string());
    }
}

#[test]
fn vis_export_has_the_format_shape() {
    let timeline = extract("json");
    let items = extract("vis");
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), timeline["events"].as_array().unwrap().len());
    let mut ids = std::collections::HashSet::new();
    for item in items {
        assert!(
            ids.insert(item["id"].as_str().unwrap().to_string()),
            "ids are unique"
        );
        assert!(!item["content"].as_str().unwrap().is_empty());
        let start = NaiveDate::parse_from_str(item["start"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        match item["type"].as_str().unwrap() {
            "range" => {
                let end =
                    NaiveDate::parse_from_str(item["end"].as_str().unwrap(), "%Y-%m-%d").unwrap();
                assert!(end > start);
            }
            "point" => assert!(item.get("end").is_none()),
            other => panic!("type {other}"),
        }
    }
}
