//! Exact-span entity scores: floors on a small CoNLL fixture of sentences
//! written for this project, and on CoNLL-2003 valid.txt when the shared
//! data is next to the repository.

use annalist::eval::conll::{evaluate, parse_conll};
use annalist::{Extractor, RuleSet};
use std::path::Path;

fn extractor() -> Extractor {
    Extractor::new(RuleSet::embedded().unwrap()).unwrap()
}

#[test]
fn fixture_floors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conll/own_sentences.txt");
    let docs = parse_conll("own", &std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(docs.len(), 2);
    let report = evaluate(&extractor(), &docs);
    println!("{report}");
    assert_eq!(
        report.overall.tp + report.overall.fn_,
        17,
        "gold entities in the fixture"
    );
    assert!(report.overall.f1() >= 0.90, "F1 {:.3}", report.overall.f1());
    assert!(
        report.overall.precision() >= 0.95,
        "P {:.3}",
        report.overall.precision()
    );
}

#[test]
fn development_set_floors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/valid.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is not here", path.display());
        return;
    };
    let docs = parse_conll("valid", &text).unwrap();
    let report = evaluate(&extractor(), &docs);
    println!("CoNLL-2003 valid: {}", report.overall);
    for (kind, prf) in &report.by_type {
        println!("  {kind:8} {prf}");
    }
    assert_eq!(docs.len(), 216);
    assert!(report.overall.f1() >= 0.80, "F1 {:.3}", report.overall.f1());
    assert!(
        report.overall.precision() >= 0.85,
        "P {:.3}",
        report.overall.precision()
    );
}
