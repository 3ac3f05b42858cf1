//! Throughput of each pipeline stage and of the whole extraction, on the
//! seed article repeated to 1 MB. `cargo bench`; throughput in bytes/s.

use annalist::document::Document;
use annalist::entities::{group, MentionDraft};
use annalist::events::{Anchor, EventBuilder, Item, Placed};
use annalist::intern::Interner;
use annalist::matcher::Matcher;
use annalist::normalise::{resolve, Context, Tense};
use annalist::rules::RuleKind;
use annalist::{overlap, Extractor, RuleSet};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn corpus() -> Document {
    let seed = include_str!("../seeds/000_f933abeb605ec4df.txt");
    let body = seed.split_once("\n\n").map_or(seed, |(_, b)| b);
    let mut text = String::from("2017-03-24 18:19:00\n\n");
    while text.len() < 1_000_000 {
        text.push_str(body);
        text.push_str("\n\n");
    }
    Document {
        id: "bench".into(),
        source: "bench".into(),
        body_start: 21,
        published: chrono::NaiveDate::from_ymd_opt(2017, 3, 24)
            .and_then(|d| d.and_hms_opt(18, 19, 0)),
        text,
    }
}

fn stages(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    let extractor = Extractor::new(rules.clone()).unwrap();
    let matcher = Matcher::new(&rules).unwrap();
    let doc = corpus();
    let bytes = doc.text.len() as u64;

    let mut group_ = c.benchmark_group("stages");
    group_.sample_size(10);
    group_.throughput(Throughput::Bytes(bytes));
    group_.bench_function("matching", |b| {
        b.iter(|| black_box(matcher.find(&doc.text, &rules)))
    });
    let candidates = matcher.find(&doc.text, &rules);
    group_.bench_function("overlaps", |b| {
        b.iter(|| black_box(overlap::resolve(candidates.clone())))
    });
    let accepted = overlap::resolve(candidates.clone());
    let context = Context {
        dct: chrono::NaiveDate::from_ymd_opt(2017, 3, 24),
        tense: Tense::Past,
        last_date: None,
        recent_year: None,
        quarter: None,
    };
    let values: Vec<String> = accepted
        .iter()
        .filter_map(|c| c.value.as_deref().map(str::to_string))
        .collect();
    group_.bench_function("date normalisation", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| resolve(v, &context).len())
                .sum::<usize>()
        })
    });
    let mut names = Interner::default();
    let drafts: Vec<MentionDraft<&str>> = accepted
        .iter()
        .filter_map(|c| match c.kind {
            RuleKind::Entity(kind) => Some(MentionDraft {
                start: c.start as u32,
                end: c.end as u32,
                kind,
                name: names.intern(match c.canonical {
                    Some(name) => matcher.canonical_name(name),
                    None => &doc.text[c.start..c.end],
                }),
                rule: "r",
            }),
            _ => None,
        })
        .collect();
    let particles = vec!["al-".to_string()];
    group_.bench_function("entity grouping", |b| {
        b.iter(|| {
            black_box(group(
                drafts.clone(),
                "coreference",
                &names,
                &doc.text,
                0,
                &[],
                &particles,
            ))
        })
    });
    let anchors = vec![
        Anchor {
            start: 10,
            end: 14,
            bounding: false,
        },
        Anchor {
            start: 60,
            end: 64,
            bounding: false,
        },
    ];
    let items: Vec<Placed<Item>> = (0..20)
        .map(|i| Placed {
            start: i * 7,
            end: i * 7 + 3,
            item: Item::Entity(i),
        })
        .collect();
    let sentence = &doc.text[21..221];
    let mut builder = EventBuilder::default();
    group_.bench_function("event building (one sentence)", |b| {
        b.iter(|| {
            black_box(
                builder
                    .build(sentence, (0, sentence.len()), &anchors, &items)
                    .len(),
            )
        })
    });
    let timeline = extractor.extract(&doc);
    group_.bench_function("JSON writing", |b| {
        b.iter(|| black_box(serde_json::to_vec(&timeline).unwrap().len()))
    });
    group_.bench_function("whole extraction", |b| {
        b.iter(|| black_box(extractor.extract(&doc)))
    });
    group_.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
