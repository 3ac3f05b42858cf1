//! Every example and negative example in the default rule files, read by
//! the whole pipeline (Duckling's corpus tests).

use annalist::{examples, Extractor, RuleSet};

#[test]
fn every_rule_example_reads_as_documented() {
    let extractor = Extractor::new(RuleSet::embedded().expect("embedded rules load")).unwrap();
    let rules = extractor.rules();
    let count: usize = rules
        .rules
        .iter()
        .map(|r| r.examples.len() + r.negatives.len())
        .chain(
            rules
                .gazetteers
                .iter()
                .map(|g| g.examples.len() + g.negatives.len()),
        )
        .sum();
    let failures = examples::check(&extractor);
    println!("{count} examples, {} failures", failures.len());
    for failure in &failures {
        println!("  {failure}");
    }
    assert!(count >= 80, "only {count} examples");
    assert!(
        failures.is_empty(),
        "{} example failures (listed above)",
        failures.len()
    );
}

#[test]
fn every_timex_and_entity_rule_has_an_example() {
    let rules = RuleSet::embedded().unwrap();
    let bare: Vec<&str> = rules
        .rules
        .iter()
        .filter(|r| r.examples.is_empty() && r.negatives.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(bare.is_empty(), "rules without examples: {bare:?}");
}
