//! Property tests: whatever the text, offsets slice it, events are sorted
//! and inside the window, ranges run forwards, a document's part is in
//! merged form and its JSON line is its JSON, and the timeline does not
//! depend on document order.

use annalist::document::{document_from_text, LoadOptions};
use annalist::harness::check_timeline;
use annalist::timeline;
use annalist::{Extractor, RuleSet};
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(RuleSet::embedded().unwrap()).unwrap())
}

/// News-like fragments, so that generated text is dense in things to find.
const FRAGMENTS: &[&str] = &[
    "In July 2016",
    "last week",
    "Wednesday’s attack",
    "in Nice",
    "Abu Muhammad al-Adnani",
    "Lee Rigby, a soldier,",
    "killed 52",
    "12 died",
    "the 2005 bombings",
    "al–Qaida",
    "Isis",
    "almost 33 months ago",
    "mid-2016",
    "9/11",
    "Britain’s",
    "the UK",
    "on 14 July",
    "by 2011",
    "since 2014",
    "today",
    "over a decade",
    "Mr Smith said",
    "the third quarter",
    "10:30 p.m.",
    "ثم قال",
    "東京",
    "😀",
    "\n\n",
    ". ",
    ", ",
    " – ",
    "“",
    "”",
    "\r\n",
    "\u{a0}",
    "é",
    "2017-03-22",
    "summer 2015",
    "the 1990s",
    "next Friday",
    "a year earlier",
    "Houses of Parliament",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            "[A-Za-z ]{0,12}",
            "\\PC{0,6}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.join(" "))
}

fn options() -> LoadOptions {
    LoadOptions {
        published: chrono::NaiveDate::from_ymd_opt(2017, 3, 24)
            .and_then(|d| d.and_hms_opt(18, 19, 0)),
        ..LoadOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn output_honours_the_contract(text in text_strategy()) {
        if let Ok(doc) = document_from_text("p".into(), "p".into(), text, &options()) {
            let timeline = extractor().extract(&doc);
            check_timeline(&timeline, &doc.text, extractor().window());
        }
    }

    #[test]
    fn a_part_is_already_merged_and_its_json_line_is_its_json(text in text_strategy()) {
        if let Ok(doc) = document_from_text("p".into(), "p".into(), text, &options()) {
            let part = extractor().extract(&doc);
            let window = extractor().window();
            prop_assert_eq!(&timeline::merge([part.clone()], window), &part);
            let mut line = Vec::new();
            extractor().extract_json_line(&doc, &mut line);
            let mut expected = serde_json::to_vec(&part).unwrap();
            expected.push(b'\n');
            prop_assert_eq!(String::from_utf8(line).unwrap(), String::from_utf8(expected).unwrap());
        }
    }

    #[test]
    fn document_order_does_not_matter(texts in prop::collection::vec(text_strategy(), 1..5)) {
        let parts: Vec<_> = texts
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| document_from_text(format!("d{i}"), "p".into(), t, &options()).ok())
            .map(|doc| extractor().extract(&doc))
            .collect();
        let window = extractor().window();
        let forward = timeline::merge(parts.clone(), window);
        let backward = timeline::merge(parts.into_iter().rev(), window);
        prop_assert_eq!(forward, backward);
    }
}
