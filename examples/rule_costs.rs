//! Prints how long each rule's regex takes to scan a JSON Lines corpus on
//! its own, most expensive first, and how the one-pass matcher places each
//! rule (by first word, by first bytes, or scanned): where to look when
//! extraction is slow. A scanned rule costs a pass over the text; a rule
//! placed by first bytes is tried wherever its opening bytes occur.
//!
//! usage: cargo run --release --example rule_costs -- CORPUS.jsonl

use annalist::document::{read_jsonl, LoadOptions};
use annalist::matcher::Matcher;
use annalist::RuleSet;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: rule_costs CORPUS.jsonl");
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("corpus"));
    let options = LoadOptions::default();
    let texts: Vec<String> = read_jsonl(file, &path, &options)
        .filter_map(Result::ok)
        .map(|d| d.text)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = RuleSet::embedded().expect("rules");
    let placements = Matcher::new(&rules).expect("matcher").placements();
    let mut costs: Vec<(f64, String, usize, String)> = Vec::new();
    for (rule, placement) in rules.rules.iter().zip(&placements) {
        let started = Instant::now();
        let mut hits = 0;
        for text in &texts {
            hits += rule.regex().find_iter(text).count();
        }
        let placed = match placement {
            annalist::matcher::Placement::FirstWords(n) => format!("{n} first words"),
            annalist::matcher::Placement::FirstBytes => "first bytes".to_string(),
            annalist::matcher::Placement::Scanned => "SCANNED".to_string(),
        };
        costs.push((
            started.elapsed().as_secs_f64(),
            rule.id.clone(),
            hits,
            placed,
        ));
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = costs.iter().map(|c| c.0).sum();
    println!(
        "{} MB, {} rules, {:.3} s in all ({:.1} MB/s)",
        bytes / 1_000_000,
        costs.len(),
        total,
        bytes as f64 / total / 1e6
    );
    for (seconds, id, hits, placed) in costs.iter().take(25) {
        println!(
            "{seconds:8.3} s  {:6.1} MB/s  {hits:8} hits  {id}  ({placed})",
            bytes as f64 / seconds / 1e6
        );
    }
}
