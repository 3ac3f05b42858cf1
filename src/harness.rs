//! Entry points for fuzzing: each takes arbitrary bytes, runs one part of
//! annalist on them and panics only when an invariant breaks. The cargo-fuzz
//! targets in `fuzz/` call them, and `tests/fuzz_corpus.rs` replays the
//! saved corpus through them on every `cargo test`.

use crate::document::{document_from_text, read_jsonl, LoadOptions};
use crate::rules::{RuleSet, RuleSource};
use crate::schema::Timeline;
use crate::timeline::{self, YearWindow};
use crate::Extractor;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::new(RuleSet::embedded().expect("embedded rules load"))
            .expect("embedded rules compile")
    })
}

/// Document loading: any bytes as a file and as JSON Lines.
pub fn load_document(bytes: &[u8]) {
    let options = LoadOptions {
        max_bytes: 1 << 20,
        published: None,
    };
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Ok(doc) =
            document_from_text("fuzz".into(), "fuzz".into(), text.to_string(), &options)
        {
            assert!(doc.body_start <= doc.text.len());
            assert!(doc.text.is_char_boundary(doc.body_start));
        }
    }
    for doc in read_jsonl(bytes, "-", &options).flatten() {
        assert!(doc.text.is_char_boundary(doc.body_start));
    }
}

/// Rule loading: any text as a rule file (and as the gazetteer it names).
pub fn load_rules(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let source = RuleSource::memory(&[("fuzz.toml", text), ("gazetteers/g.txt", text)]);
    if let Err(errors) = RuleSet::load(&source) {
        assert!(!errors.0.is_empty());
        for error in &errors.0 {
            assert!(!error.to_string().is_empty());
        }
    }
}

/// Extraction: any UTF-8 text as a document body, checked against the
/// output contract.
pub fn extract(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let options = LoadOptions {
        published: chrono::NaiveDate::from_ymd_opt(2017, 3, 24)
            .and_then(|d| d.and_hms_opt(12, 0, 0)),
        ..LoadOptions::default()
    };
    let Ok(doc) = document_from_text("fuzz".into(), "fuzz".into(), text.to_string(), &options)
    else {
        return;
    };
    let timeline = extractor().extract(&doc);
    check_timeline(&timeline, &doc.text, extractor().window());
}

/// Merging: any JSON as partial timelines, merged both ways round.
pub fn merge(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let parts: Vec<Timeline> = text
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let window = YearWindow {
        from: 2005,
        to: 2017,
    };
    let forward = timeline::merge(parts.clone(), window);
    let backward = timeline::merge(parts.into_iter().rev(), window);
    assert_eq!(forward, backward, "merge depends on input order");
    let again = timeline::merge([forward.clone()], window);
    assert_eq!(forward, again, "merge is not idempotent");
}

/// The output invariants: offsets slice the text at character boundaries
/// and give each item's text; events are sorted and inside the window;
/// ranges run forwards.
pub fn check_timeline(timeline: &Timeline, text: &str, window: YearWindow) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "span {start}..{end} outside the text"
        );
        chars[start..end].iter().collect()
    };
    for entity in &timeline.entities {
        for m in &entity.mentions {
            assert_eq!(slice(m.start, m.end), m.text, "mention offsets");
        }
    }
    for t in &timeline.timexes {
        assert_eq!(slice(t.start, t.end), t.text, "timex offsets");
        if let Some(range) = &t.range {
            assert!(range.start <= range.end, "range of {}", t.value);
        }
    }
    for pair in timeline.events.windows(2) {
        assert!(
            timeline::event_order(&pair[0], &pair[1]) != std::cmp::Ordering::Greater,
            "events out of order"
        );
    }
    for event in &timeline.events {
        assert!(
            window.contains(event),
            "event {} outside the window",
            event.date.value
        );
        assert!(event.date.start <= event.date.end);
        assert_eq!(slice(event.timex.start, event.timex.end), event.timex.text);
        assert_eq!(
            slice(event.sentence.start, event.sentence.end),
            event.sentence.text
        );
    }
}
