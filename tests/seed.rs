//! The seed article against its hand-made gold annotation: the floors of the
//! pipeline issue, and the committed output kept current.

use annalist::document::{load_file, LoadOptions};
use annalist::eval::seed_gold::{score_seed, SeedGold};
use annalist::schema::Timeline;
use annalist::timeline;
use annalist::{Extractor, RuleSet};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed_timeline() -> Timeline {
    let extractor = Extractor::new(RuleSet::embedded().unwrap()).unwrap();
    let doc = load_file(
        &root().join("seeds/000_f933abeb605ec4df.txt"),
        &LoadOptions::default(),
    )
    .unwrap();
    timeline::merge([extractor.extract(&doc)], extractor.window())
}

#[test]
fn seed_meets_the_gold_floors() {
    let gold: SeedGold = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/seed.gold.json")).unwrap(),
    )
    .unwrap();
    let report = score_seed(&gold, &seed_timeline());
    println!("{report}");
    assert!(
        report.entity_f1 >= 0.95,
        "entity F1 {:.3}",
        report.entity_f1
    );
    assert!(
        report.alias_accuracy >= 0.90,
        "alias {:.3}",
        report.alias_accuracy
    );
    assert!(
        report.timex_relaxed_f1 >= 0.95,
        "timex relaxed F1 {:.3}",
        report.timex_relaxed_f1
    );
    assert!(
        report.value_accuracy >= 0.95,
        "value accuracy {:.3}",
        report.value_accuracy
    );
    assert_eq!(report.rows_found, report.rows_total, "timeline rows");
    assert_eq!(report.rows_total, 13);
    assert!(report.ordered, "events out of order");
    assert!(
        report.outside_window.is_empty(),
        "{:?}",
        report.outside_window
    );
    assert_eq!(report.casualties_found, 4, "casualty figures");
}

#[test]
fn committed_output_is_what_extract_writes() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(root())
        .args(["extract", "seeds", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let read = |p: &Path| -> serde_json::Value {
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("generator");
        v
    };
    let fresh = read(&dir.path().join("timeline.json"));
    let committed = read(&root().join("output/timeline.json"));
    assert!(
        fresh == committed,
        "output/timeline.json is stale: run `cargo run --release -- extract seeds --out output`"
    );
}
