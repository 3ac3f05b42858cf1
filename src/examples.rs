//! Running the examples that rule files carry, as Duckling runs its corpus:
//! every positive example must be read as documented (span, value, entity,
//! figure), and no negative example may yield anything of the rule's type.
//! `cargo test` and `annalist rules check` both run them.

use crate::document::Document;
use crate::rules::{Example, Negative, RuleKind};
use crate::schema::Timeline;
use crate::Extractor;
use std::fmt;

/// An example the rule set does not read as documented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Rule file.
    pub file: String,
    /// Rule or gazetteer id.
    pub rule: String,
    /// The example text.
    pub text: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: rule '{}': example {:?}: {}",
            self.file, self.rule, self.text, self.message
        )
    }
}

/// What one piece of text yields, in code points.
struct Found {
    /// (start, end, text, value, mod) of timexes with their type.
    timexes: Vec<(usize, usize, String, String, Option<String>)>,
    /// (start, end, entity type, entity name).
    mentions: Vec<(usize, usize, String, String)>,
    /// (start, end, kind, figure) of triggers and casualty figures.
    others: Vec<(usize, usize, RuleKind, Option<u64>)>,
}

/// Runs every example of every rule and gazetteer; returns the failures.
pub fn check(extractor: &Extractor) -> Vec<ExampleFailure> {
    let rules = extractor.rules();
    let mut failures = Vec::new();
    let owners = rules
        .rules
        .iter()
        .map(|r| {
            (
                r.file.as_str(),
                r.id.as_str(),
                r.kind,
                &r.examples,
                &r.negatives,
            )
        })
        .chain(rules.gazetteers.iter().map(|g| {
            (
                g.file.as_str(),
                g.id.as_str(),
                RuleKind::Entity(g.kind),
                &g.examples,
                &g.negatives,
            )
        }));
    for (file, id, kind, examples, negatives) in owners {
        let fail = |text: &str, message: String| ExampleFailure {
            file: file.to_string(),
            rule: id.to_string(),
            text: text.to_string(),
            message,
        };
        for example in examples {
            let found = match read(extractor, &example.text, example.published.as_deref()) {
                Ok(found) => found,
                Err(message) => {
                    failures.push(fail(&example.text, message));
                    continue;
                }
            };
            if let Err(message) = check_example(example, kind, &found) {
                failures.push(fail(&example.text, message));
            }
        }
        for negative in negatives {
            let (text, span) = match negative {
                Negative::Text(text) => (text.as_str(), None),
                Negative::Span { text, span } => (text.as_str(), Some(span.as_str())),
            };
            let found = match read(extractor, text, None) {
                Ok(found) => found,
                Err(message) => {
                    failures.push(fail(text, message));
                    continue;
                }
            };
            let window = match span {
                Some(span) => match char_span(text, span) {
                    Some(w) => w,
                    None => {
                        failures.push(fail(text, format!("span {span:?} is not in the text")));
                        continue;
                    }
                },
                None => (0, usize::MAX),
            };
            let hits = items_of_kind(&found, kind, window);
            if !hits.is_empty() {
                failures.push(fail(
                    text,
                    format!("must find nothing of its type, found {hits:?}"),
                ));
            }
        }
    }
    failures
}

fn read(extractor: &Extractor, text: &str, published: Option<&str>) -> Result<Found, String> {
    let published = published.unwrap_or(&extractor.rules().settings.examples_published);
    // Built directly: an example such as "2017-03-22" is text, not a header.
    let doc = Document {
        id: "example".to_string(),
        source: "example".to_string(),
        text: text.to_string(),
        published: Some(
            crate::document::parse_published(published).map_err(|e| format!("published: {e}"))?,
        ),
        body_start: 0,
    };
    let mut timeline: Timeline = extractor.extract(&doc);
    let others = extractor
        .accepted_candidates(&doc)
        .into_iter()
        .filter(|c| matches!(c.kind, RuleKind::Trigger | RuleKind::Casualty))
        .map(|c| {
            (
                text[..c.start].chars().count(),
                text[..c.end].chars().count(),
                c.kind,
                c.number,
            )
        })
        .collect();
    Ok(Found {
        timexes: timeline
            .timexes
            .drain(..)
            .map(|t| (t.start, t.end, t.kind, t.value, t.modifier))
            .collect(),
        mentions: timeline
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(|m| (m.start, m.end, e.kind.clone(), e.name.clone()))
            })
            .collect(),
        others,
    })
}

/// Code-point span of the first occurrence of `needle` in `text`.
fn char_span(text: &str, needle: &str) -> Option<(usize, usize)> {
    let byte = text.find(needle)?;
    let start = text[..byte].chars().count();
    Some((start, start + needle.chars().count()))
}

fn items_of_kind(found: &Found, kind: RuleKind, (from, to): (usize, usize)) -> Vec<String> {
    let inside = |s: usize, e: usize| s < to && from < e;
    match kind {
        RuleKind::Timex(t) => found
            .timexes
            .iter()
            .filter(|x| x.2 == t.as_str() && inside(x.0, x.1))
            .map(|x| format!("{} {}..{}={}", x.2, x.0, x.1, x.3))
            .collect(),
        RuleKind::Entity(e) => found
            .mentions
            .iter()
            .filter(|m| m.2 == e.as_str() && inside(m.0, m.1))
            .map(|m| format!("{} {}..{} {}", m.2, m.0, m.1, m.3))
            .collect(),
        other => found
            .others
            .iter()
            .filter(|o| o.2 == other && inside(o.0, o.1))
            .map(|o| format!("{:?} {}..{}", o.2, o.0, o.1))
            .collect(),
    }
}

fn check_example(example: &Example, kind: RuleKind, found: &Found) -> Result<(), String> {
    let span_text = example.span.as_deref().unwrap_or(&example.text);
    let (start, end) = char_span(&example.text, span_text)
        .ok_or_else(|| format!("span {span_text:?} is not in the text"))?;
    match kind {
        RuleKind::Timex(t) => {
            let Some(hit) = found.timexes.iter().find(|x| (x.0, x.1) == (start, end)) else {
                return Err(format!(
                    "no timex on {span_text:?}; found {:?}",
                    found.timexes
                ));
            };
            if hit.2 != t.as_str() && example.value.is_some() {
                return Err(format!("type {} where {} was expected", hit.2, t.as_str()));
            }
            if let Some(value) = &example.value {
                if &hit.3 != value {
                    return Err(format!("value {} where {value} was expected", hit.3));
                }
            }
            if example.modifier.is_some() && hit.4 != example.modifier {
                return Err(format!(
                    "mod {:?} where {:?} was expected",
                    hit.4, example.modifier
                ));
            }
        }
        RuleKind::Entity(e) => {
            let Some(hit) = found
                .mentions
                .iter()
                .find(|m| (m.0, m.1) == (start, end) && m.2 == e.as_str())
            else {
                return Err(format!(
                    "no {e} mention on {span_text:?}; found {:?}",
                    found.mentions
                ));
            };
            if let Some(entity) = &example.entity {
                if &hit.3 != entity {
                    return Err(format!("entity {:?} where {entity:?} was expected", hit.3));
                }
            }
        }
        other => {
            let Some(hit) = found
                .others
                .iter()
                .find(|o| (o.0, o.1) == (start, end) && o.2 == other)
            else {
                return Err(format!(
                    "nothing on {span_text:?}; found {:?}",
                    found.others
                ));
            };
            if example.killed.is_some() && hit.3 != example.killed {
                return Err(format!(
                    "figure {:?} where {:?} was expected",
                    hit.3, example.killed
                ));
            }
        }
    }
    Ok(())
}
