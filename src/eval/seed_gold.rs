//! The shared seed gold format, scored exactly as `tests/score_seed.py`
//! (the reviewers' script) scores a timeline.

use super::Prf;
use crate::schema::Timeline;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// A gold annotation of one document.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedGold {
    /// Document id.
    pub doc: String,
    /// Code-point offset of the body; predictions before it are ignored.
    #[serde(default)]
    pub body_start: usize,
    /// Gold entities with their mentions.
    pub entities: Vec<GoldEntity>,
    /// Spans that may be tagged with one of the listed types, or not at all.
    #[serde(default)]
    pub optional_mentions: Vec<OptionalMention>,
    /// Gold timexes.
    pub timexes: Vec<GoldTimex>,
    /// The year window.
    pub window: GoldWindow,
    /// Rows the timeline must have.
    pub timeline: Vec<GoldRow>,
    /// Casualty figures the events must carry.
    #[serde(default)]
    pub casualties: Vec<GoldCasualty>,
}

/// A gold entity.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// `person`, `group` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Mentions.
    pub mentions: Vec<GoldSpan>,
}

/// A span of text.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// Text.
    #[serde(default)]
    pub text: String,
}

/// A span that is neither required nor wrong.
#[derive(Debug, Clone, Deserialize)]
pub struct OptionalMention {
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Types that are acceptable.
    pub types: Vec<String>,
}

/// A gold timex.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTimex {
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Text.
    pub text: String,
    /// Acceptable values.
    pub values: Vec<String>,
    /// Optional timexes may be found or not.
    #[serde(default)]
    pub optional: bool,
}

/// The year window.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldWindow {
    /// First year.
    pub from: String,
    /// Last year.
    pub to: String,
}

/// A timeline row: an event with this value carrying these names.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRow {
    /// Date value.
    pub value: String,
    /// Names of entities the event must carry.
    pub must: Vec<String>,
}

/// A casualty figure on the event of a date.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldCasualty {
    /// Date value.
    pub value: String,
    /// Figure.
    pub killed: u64,
}

/// Every figure of a seed score.
#[derive(Debug, Clone, Serialize)]
pub struct SeedReport {
    /// Entity mentions, strict span and type.
    pub entities: Prf,
    /// Per entity type.
    pub entities_by_type: BTreeMap<String, Prf>,
    /// Entity mention F1.
    pub entity_f1: f64,
    /// Gold mentions missed (`type:name@start`).
    pub missed_mentions: Vec<String>,
    /// Share of gold entities whose found mentions fall in one predicted
    /// entity of their own.
    pub alias_accuracy: f64,
    /// Gold entities gathered correctly.
    pub aliases_ok: usize,
    /// Gold entities.
    pub aliases_total: usize,
    /// Timex strict F1 (exact span).
    pub timex_strict_f1: f64,
    /// Timex relaxed counts (overlap).
    pub timex_relaxed: Prf,
    /// Timex relaxed F1.
    pub timex_relaxed_f1: f64,
    /// Share of relaxed matches with a right value.
    pub value_accuracy: f64,
    /// Gold timexes missed.
    pub missed_timexes: Vec<String>,
    /// Values that are wrong.
    pub wrong_values: Vec<String>,
    /// Predicted timexes that overlap no gold one.
    pub spurious_timexes: Vec<String>,
    /// Timeline rows found.
    pub rows_found: usize,
    /// Timeline rows in the gold.
    pub rows_total: usize,
    /// Rows missed.
    pub missed_rows: Vec<String>,
    /// Whether events are sorted by range start.
    pub ordered: bool,
    /// Values of events outside the window.
    pub outside_window: Vec<String>,
    /// Casualty figures found on their events.
    pub casualties_found: usize,
    /// Casualty figures in the gold.
    pub casualties_total: usize,
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Scores a timeline against the gold of one document.
pub fn score_seed(gold: &SeedGold, pred: &Timeline) -> SeedReport {
    const TYPES: [&str; 3] = ["person", "group", "place"];
    let mut gold_mentions: HashMap<(usize, usize), (&str, &str)> = HashMap::new();
    for e in &gold.entities {
        for m in &e.mentions {
            gold_mentions.insert((m.start, m.end), (e.kind.as_str(), e.name.as_str()));
        }
    }
    let optional: HashMap<(usize, usize), &Vec<String>> = gold
        .optional_mentions
        .iter()
        .map(|o| ((o.start, o.end), &o.types))
        .collect();
    let mut pred_mentions: HashMap<(usize, usize), (&str, &str)> = HashMap::new();
    for e in &pred.entities {
        if !TYPES.contains(&e.kind.as_str()) {
            continue;
        }
        for m in &e.mentions {
            if m.doc != gold.doc || m.start < gold.body_start {
                continue;
            }
            pred_mentions.insert((m.start, m.end), (e.kind.as_str(), e.id.as_str()));
        }
    }
    let mut entities = Prf::default();
    let mut by_type: BTreeMap<String, Prf> = TYPES
        .iter()
        .map(|t| (t.to_string(), Prf::default()))
        .collect();
    for (span, (kind, _)) in &pred_mentions {
        if gold_mentions.get(span).is_some_and(|g| g.0 == *kind) {
            entities.tp += 1;
            if let Some(p) = by_type.get_mut(*kind) {
                p.tp += 1;
            }
        } else if optional
            .get(span)
            .is_some_and(|types| types.iter().any(|t| t == kind))
        {
        } else {
            entities.fp += 1;
            if let Some(p) = by_type.get_mut(*kind) {
                p.fp += 1;
            }
        }
    }
    let mut missed_mentions = Vec::new();
    for (span, (kind, name)) in &gold_mentions {
        if pred_mentions.get(span).is_none_or(|p| p.0 != *kind) {
            entities.fn_ += 1;
            if let Some(p) = by_type.get_mut(*kind) {
                p.fn_ += 1;
            }
            missed_mentions.push(format!("{kind}:{name}@{}", span.0));
        }
    }
    missed_mentions.sort();

    let ids_of = |e: &GoldEntity| -> HashSet<&str> {
        e.mentions
            .iter()
            .filter_map(|m| pred_mentions.get(&(m.start, m.end)).map(|p| p.1))
            .collect()
    };
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for e in &gold.entities {
        let ids = ids_of(e);
        if ids.len() == 1 {
            *owners
                .entry(ids.into_iter().next().unwrap_or_default())
                .or_default() += 1;
        }
    }
    let aliases_ok = gold
        .entities
        .iter()
        .filter(|e| {
            let ids = ids_of(e);
            ids.len() == 1 && owners.get(ids.iter().next().unwrap_or(&"")) == Some(&1)
        })
        .count();

    let required: Vec<&GoldTimex> = gold.timexes.iter().filter(|t| !t.optional).collect();
    let predicted: Vec<_> = pred
        .timexes
        .iter()
        .filter(|t| t.doc == gold.doc && t.start >= gold.body_start)
        .collect();
    let strict_tp = required
        .iter()
        .filter(|g| {
            predicted
                .iter()
                .any(|p| p.start == g.start && p.end == g.end)
        })
        .count();
    let mut relaxed_tp = 0;
    let mut values_ok = 0;
    let mut wrong_values = Vec::new();
    let mut missed_timexes = Vec::new();
    for g in &required {
        let matches: Vec<_> = predicted
            .iter()
            .filter(|p| overlap((p.start, p.end), (g.start, g.end)))
            .collect();
        if matches.is_empty() {
            missed_timexes.push(g.text.clone());
            continue;
        }
        relaxed_tp += 1;
        if matches.iter().any(|p| g.values.contains(&p.value)) {
            values_ok += 1;
        } else {
            let got: Vec<&str> = matches.iter().map(|p| p.value.as_str()).collect();
            wrong_values.push(format!("{}={got:?} want {}", g.text, g.values[0]));
        }
    }
    let spurious_timexes: Vec<String> = predicted
        .iter()
        .filter(|p| {
            !gold
                .timexes
                .iter()
                .any(|g| overlap((p.start, p.end), (g.start, g.end)))
        })
        .map(|p| p.text.clone())
        .collect();
    let strict = Prf::new(
        strict_tp,
        predicted.len() - strict_tp,
        required.len() - strict_tp,
    );
    let relaxed = Prf::new(
        relaxed_tp,
        spurious_timexes.len(),
        required.len() - relaxed_tp,
    );
    let value_accuracy = if relaxed_tp == 0 {
        0.0
    } else {
        values_ok as f64 / relaxed_tp as f64
    };

    let mut names: HashMap<&str, HashSet<&str>> = HashMap::new();
    for e in &pred.entities {
        let set = names.entry(e.id.as_str()).or_default();
        set.insert(e.name.as_str());
        set.extend(e.aliases.iter().map(String::as_str));
        set.extend(e.mentions.iter().map(|m| m.text.as_str()));
    }
    let carries = |event: &crate::schema::Event, word: &str| {
        event
            .entities
            .iter()
            .any(|id| names.get(id.as_str()).is_some_and(|n| n.contains(word)))
    };
    let mut rows_found = 0;
    let mut missed_rows = Vec::new();
    for row in &gold.timeline {
        if pred
            .events
            .iter()
            .any(|e| e.date.value == row.value && row.must.iter().all(|w| carries(e, w)))
        {
            rows_found += 1;
        } else {
            missed_rows.push(format!("{}:{}", row.value, row.must.join("+")));
        }
    }
    let ordered = pred
        .events
        .windows(2)
        .all(|w| w[0].date.start <= w[1].date.start);
    let outside_window: Vec<String> = pred
        .events
        .iter()
        .filter(|e| {
            e.date.end.get(..4).unwrap_or("9999") < gold.window.from.as_str()
                || e.date.start.get(..4).unwrap_or("0000") > gold.window.to.as_str()
        })
        .map(|e| e.date.value.clone())
        .collect();
    let casualties_found = gold
        .casualties
        .iter()
        .filter(|c| {
            pred.events
                .iter()
                .any(|e| e.date.value == c.value && e.killed == Some(c.killed))
        })
        .count();

    SeedReport {
        entity_f1: entities.f1(),
        entities,
        entities_by_type: by_type,
        missed_mentions,
        alias_accuracy: aliases_ok as f64 / gold.entities.len().max(1) as f64,
        aliases_ok,
        aliases_total: gold.entities.len(),
        timex_strict_f1: strict.f1(),
        timex_relaxed_f1: relaxed.f1(),
        timex_relaxed: relaxed,
        value_accuracy,
        missed_timexes,
        wrong_values,
        spurious_timexes,
        rows_found,
        rows_total: gold.timeline.len(),
        missed_rows,
        ordered,
        outside_window,
        casualties_found,
        casualties_total: gold.casualties.len(),
    }
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "entities  strict {}", self.entities)?;
        for (kind, prf) in &self.entities_by_type {
            writeln!(f, "  {kind:7} {prf}")?;
        }
        writeln!(f, "  missed: {}", self.missed_mentions.join(", "))?;
        writeln!(
            f,
            "aliases   {}/{} gold entities gathered into one entity of their own",
            self.aliases_ok, self.aliases_total
        )?;
        writeln!(
            f,
            "timexes   strict F1 {:.3}  relaxed {}  value acc {:.3}",
            self.timex_strict_f1, self.timex_relaxed, self.value_accuracy
        )?;
        writeln!(
            f,
            "  missed: {:?}  wrong values: {:?}  spurious: {:?}",
            self.missed_timexes, self.wrong_values, self.spurious_timexes
        )?;
        writeln!(
            f,
            "timeline  rows {}/{}  ordered {}  outside window {:?}  casualties {}/{}",
            self.rows_found,
            self.rows_total,
            self.ordered,
            self.outside_window,
            self.casualties_found,
            self.casualties_total
        )?;
        writeln!(f, "  missed rows: {:?}", self.missed_rows)?;
        write!(
            f,
            "entity F1 {:.3} · alias {:.2} · timex relaxed F1 {:.3} · value acc {:.3} · timeline {}/{} · casualties {}/{}",
            self.entity_f1,
            self.alias_accuracy,
            self.timex_relaxed_f1,
            self.value_accuracy,
            self.rows_found,
            self.rows_total,
            self.casualties_found,
            self.casualties_total
        )
    }
}
