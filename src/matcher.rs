//! Matching: every gazetteer in one Aho-Corasick pass and each regex rule
//! in one pass of its own (the regex engine's literal prefilters skip text
//! a rule cannot match), over the text with dashes and apostrophes folded. Produces candidates with provenance; overlaps are resolved later.

use crate::rules::template::parse_number;
use crate::rules::{EntityKind, RuleKind, RuleSet};
use crate::text::{fold_char, is_whole_word, needs_folding};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Which rule or gazetteer produced a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Index into [`RuleSet::rules`].
    Rule(usize),
    /// Index into [`RuleSet::gazetteers`].
    Gazetteer(usize),
}

impl Origin {
    /// The id of the rule or gazetteer.
    pub fn id(self, rules: &RuleSet) -> &str {
        match self {
            Origin::Rule(i) => &rules.rules[i].id,
            Origin::Gazetteer(i) => &rules.gazetteers[i].id,
        }
    }
}

/// One possible extraction, in byte offsets of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Producer.
    pub origin: Origin,
    /// What was found.
    pub kind: RuleKind,
    /// Tie-breaker between equally long overlapping candidates.
    pub priority: i32,
    /// A negative rule's match: removes what it overlaps.
    pub reject: bool,
    /// Canonical name, for gazetteer hits.
    pub canonical: Option<String>,
    /// TIMEX3 value as the rule wrote it (possibly underspecified).
    pub value: Option<String>,
    /// TIMEX3 mod.
    pub modifier: Option<String>,
    /// Casualty figure.
    pub number: Option<u64>,
}

impl Candidate {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A surface form in the combined gazetteer automaton.
#[derive(Debug, Clone)]
struct Form {
    gazetteer: usize,
    kind: EntityKind,
    canonical: String,
}

/// The compiled matchers of a rule set.
#[derive(Debug, Clone)]
pub struct Matcher {
    gazetteer: Option<AhoCorasick>,
    forms: Vec<Form>,
}

impl Matcher {
    /// Compiles the matchers; the rule set was validated when loaded, so
    /// this can fail only on resource limits.
    pub fn new(rules: &RuleSet) -> Result<Matcher, String> {
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        // A form listed by several gazetteers belongs to the one with the
        // highest priority, then to the one loaded first.
        let mut order: Vec<usize> = (0..rules.gazetteers.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(rules.gazetteers[i].priority));
        for index in order {
            let gazetteer = &rules.gazetteers[index];
            for entry in &gazetteer.entries {
                let capitals = if gazetteer.kind == EntityKind::Place {
                    upper_case_variants(entry)
                } else {
                    Vec::new()
                };
                for surface in std::iter::once(&entry.canonical)
                    .chain(&entry.aliases)
                    .chain(&capitals)
                {
                    let folded: String = surface.chars().map(fold_char).collect();
                    if seen.insert(folded.clone(), ()).is_some() {
                        continue;
                    }
                    patterns.push(folded);
                    forms.push(Form {
                        gazetteer: index,
                        kind: gazetteer.kind,
                        canonical: entry.canonical.clone(),
                    });
                }
            }
        }
        let gazetteer = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| format!("gazetteer automaton: {e}"))?,
            )
        };
        Ok(Matcher { gazetteer, forms })
    }

    /// Every candidate in `text`, in no particular order.
    pub fn find(&self, text: &str, rules: &RuleSet) -> Vec<Candidate> {
        let folded = Folded::new(text);
        let haystack = folded.text();
        let mut out = Vec::new();
        if let Some(automaton) = &self.gazetteer {
            for hit in automaton.find_iter(haystack) {
                if !is_whole_word(haystack, hit.start(), hit.end()) {
                    continue;
                }
                let form = &self.forms[hit.pattern().as_usize()];
                let gazetteer = &rules.gazetteers[form.gazetteer];
                out.push(Candidate {
                    start: folded.original(hit.start()),
                    end: folded.original(hit.end()),
                    origin: Origin::Gazetteer(form.gazetteer),
                    kind: RuleKind::Entity(form.kind),
                    priority: gazetteer.priority,
                    reject: false,
                    canonical: Some(form.canonical.clone()),
                    value: None,
                    modifier: None,
                    number: None,
                });
            }
        }
        for (index, rule) in rules.rules.iter().enumerate() {
            // Finding spans first and reading captures only where a rule
            // matched is several times faster than capturing everywhere.
            for found in rule.regex.find_iter(haystack) {
                // Captures are read on the match plus a few bytes before it
                // (for look-behind such as \b): on a long document the search
                // then costs the match, not the text around it.
                let mut lo = found.start().saturating_sub(8);
                while !haystack.is_char_boundary(lo) {
                    lo -= 1;
                }
                let Some(captures) = rule
                    .regex
                    .captures_at(&haystack[lo..found.end()], found.start() - lo)
                else {
                    continue;
                };
                let Some(span) = rule
                    .span_group
                    .map_or_else(|| captures.get(0), |g| captures.get(g))
                else {
                    continue;
                };
                if span.is_empty() {
                    continue;
                }
                let mut candidate = Candidate {
                    start: folded.original(lo + span.start()),
                    end: folded.original(lo + span.end()),
                    origin: Origin::Rule(index),
                    kind: rule.kind,
                    priority: rule.priority,
                    reject: rule.reject,
                    canonical: None,
                    value: None,
                    modifier: None,
                    number: None,
                };
                match rule.kind {
                    RuleKind::Timex(_) if !rule.reject => {
                        let Some(value) = rule
                            .value
                            .as_ref()
                            .and_then(|t| t.render(&captures, &rules.tables))
                        else {
                            continue;
                        };
                        candidate.value = Some(value);
                        candidate.modifier = rule
                            .modifier
                            .as_ref()
                            .and_then(|t| t.render(&captures, &rules.tables))
                            .filter(|m| !m.is_empty());
                    }
                    RuleKind::Casualty => {
                        let Some(n) = captures
                            .name("n")
                            .and_then(|m| parse_number(m.as_str(), &rules.tables))
                        else {
                            continue;
                        };
                        candidate.number = Some(n);
                    }
                    _ => {}
                }
                out.push(candidate);
            }
        }
        out
    }
}

/// Place names as headlines and datelines print them (`NEW YORK`), for
/// forms long enough not to collide with acronyms.
fn upper_case_variants(entry: &crate::rules::GazetteerEntry) -> Vec<String> {
    std::iter::once(&entry.canonical)
        .chain(&entry.aliases)
        .filter(|form| form.chars().count() >= 4 && form.chars().any(char::is_lowercase))
        .map(|form| form.to_uppercase())
        .collect()
}

/// The text with [`fold_char`] applied, and a way back to original offsets.
struct Folded<'a> {
    original: &'a str,
    folded: Option<(String, Vec<usize>)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Folded<'a> {
        if !needs_folding(text) {
            return Folded {
                original: text,
                folded: None,
            };
        }
        let mut folded = String::with_capacity(text.len());
        // to_original[i] is the original offset of folded byte i.
        let mut to_original = Vec::with_capacity(text.len() + 1);
        for (offset, c) in text.char_indices() {
            let f = fold_char(c);
            for _ in 0..f.len_utf8() {
                to_original.push(offset);
            }
            folded.push(f);
        }
        to_original.push(text.len());
        Folded {
            original: text,
            folded: Some((folded, to_original)),
        }
    }

    fn text(&self) -> &str {
        match &self.folded {
            Some((text, _)) => text,
            None => self.original,
        }
    }

    fn original(&self, offset: usize) -> usize {
        match &self.folded {
            Some((_, map)) => map[offset],
            None => offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules() -> RuleSet {
        RuleSet::load(&RuleSource::memory(&[
            (
                "places.toml",
                r#"
[[gazetteer]]
id = "test-places"
type = "place"
file = "gazetteers/p.txt"

[[gazetteer]]
id = "test-groups"
type = "group"
file = "gazetteers/g.txt"

[[rule]]
id = "test-year"
type = "DATE"
pattern = '\b(?P<y>\d{4})\b'
value = "{y}"
"#,
            ),
            (
                "gazetteers/p.txt",
                "New York\nNew York City\nYork\nUnited Kingdom | Britain\n",
            ),
            ("gazetteers/g.txt", "al-Qaida | al-Qaeda\n"),
        ]))
        .unwrap()
    }

    #[test]
    fn longest_whole_word_hits_with_folding() {
        let set = rules();
        let matcher = Matcher::new(&set).unwrap();
        let text = "In New York City and Yorkshire, al–Qaida hit Britain’s 2015 talks.";
        let candidates = matcher.find(text, &set);
        let found: Vec<(&str, Option<&str>)> = candidates
            .iter()
            .map(|c| {
                (
                    &text[c.start..c.end],
                    c.canonical.as_deref().or(c.value.as_deref()),
                )
            })
            .collect();
        assert!(
            found.contains(&("New York City", Some("New York City"))),
            "{found:?}"
        );
        assert!(found.contains(&("al–Qaida", Some("al-Qaida"))), "{found:?}");
        assert!(
            found.contains(&("Britain", Some("United Kingdom"))),
            "{found:?}"
        );
        assert!(found.contains(&("2015", Some("2015"))), "{found:?}");
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("York")),
            "{found:?}"
        );
    }
}
