//! Ten thousand documents, one in twenty broken in its own way: every good
//! document gives the same result as when read alone, and every bad one is
//! reported by name while the rest is written.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const PLACES: &[&str] = &[
    "Nairobi", "Lima", "Oslo", "Kabul", "Manila", "Berlin", "Aleppo", "Lagos",
];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

fn good_text(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    let month = MONTHS[i % MONTHS.len()];
    let year = 2005 + i % 13;
    let body = match i % 5 {
        0 => format!(
            "Floods hit {place} in {month} {year}, killing {} people.",
            i % 90 + 2
        ),
        1 => format!("Talks in {place} collapsed last week, officials said on Monday."),
        // Valid but awkward input: a byte-order mark and Windows line ends.
        2 => format!(
            "\u{feff}Police in {place} arrested {} men in {year}.\r\nThe court sat today.\r\n",
            i % 7 + 1
        ),
        // Mixed scripts and right-to-left text around the facts.
        3 => format!("قال المتحدث ‏In {month} {year} the army entered {place}. 東京 😀"),
        _ => format!("{place} held elections in {year}. Turnout was low."),
    };
    if i.is_multiple_of(2) {
        format!("2017-03-24\n\n{body}\n")
    } else {
        body
    }
}

/// The kind of damage done to every twentieth document.
fn broken_bytes(i: usize) -> (Vec<u8>, &'static str) {
    match (i / 20) % 5 {
        0 => (b"2017-03-24\n\nCaf\xe9 attack\n".to_vec(), "not UTF-8"),
        1 => (Vec::new(), "empty"),
        2 => (vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 0], "binary"),
        3 => (b"2017-03-24\n\n   \n".to_vec(), "header without body"),
        _ => (b"2017-03-24\n\nNUL\0inside".to_vec(), "NUL bytes"),
    }
}

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn load(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What a document contributed: its timexes, events and mentions.
fn contribution(timeline: &serde_json::Value, doc: &str) -> serde_json::Value {
    let of_doc = |list: &serde_json::Value| -> Vec<serde_json::Value> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|x| x["doc"] == doc)
            .cloned()
            .collect()
    };
    let mentions: Vec<serde_json::Value> = timeline["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m["doc"] == doc)
                .map(move |m| serde_json::json!({"entity": e["id"], "mention": m}))
        })
        .collect();
    serde_json::json!({
        "timexes": of_doc(&timeline["timexes"]),
        "events": of_doc(&timeline["events"]),
        "mentions": mentions,
        "document": of_doc(&timeline["documents"]),
    })
}

#[test]
fn ten_thousand_documents_with_broken_ones() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let mut bad = BTreeSet::new();
    for i in 0..10_000 {
        let name = format!("doc{i:05}.txt");
        if i % 20 == 19 {
            let (bytes, _) = broken_bytes(i);
            std::fs::write(corpus.join(&name), bytes).unwrap();
            bad.insert(name);
        } else {
            std::fs::write(corpus.join(&name), good_text(i)).unwrap();
        }
    }
    // One oversize single-line document, refused by the size limit.
    std::fs::write(corpus.join("huge.txt"), "x".repeat(10 << 20)).unwrap();
    bad.insert("huge.txt".to_string());

    let out = run(
        &[
            "extract",
            "corpus",
            "--out",
            "out",
            "--max-bytes",
            "8000000",
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let reported: BTreeSet<String> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("annalist: skipped: "))
        .filter_map(|line| line.split(':').next())
        .filter_map(|path| Path::new(path).file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    assert_eq!(reported, bad, "every bad document reported, no good one");

    let whole = load(&dir.path().join("out/timeline.json"));
    assert_eq!(whole["documents"].as_array().unwrap().len(), 10_000 - 500);
    for i in (0..10_000).step_by(397).filter(|i| i % 20 != 19) {
        let name = format!("doc{i:05}.txt");
        let single = dir.path().join(format!("single{i}"));
        let alone = run(
            &[
                "extract",
                &format!("corpus/{name}"),
                "--out",
                single.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(
            alone.status.success(),
            "{}",
            String::from_utf8_lossy(&alone.stderr)
        );
        let doc = format!("doc{i:05}");
        assert_eq!(
            contribution(&whole, &doc),
            contribution(&load(&single.join("timeline.json")), &doc),
            "{name} differs from its run alone"
        );
    }
}
