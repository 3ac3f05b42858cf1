//! Overlap resolution.
//!
//! The policy, applied within each layer (timexes, entity mentions, event
//! triggers, casualty figures) on its own:
//!
//! 1. A negative rule's match (`reject = true`) removes every candidate of
//!    its type that it overlaps.
//! 2. Among overlapping candidates the longest wins; equal lengths go to the
//!    higher priority, then to the earlier start, then to the rule loaded
//!    first. This is spaCy's "longest, then earliest" with a priority step.
//!
//! Between layers, a timex and an entity mention may not overlap: the longer
//! one stays, and a tie goes to the timex (`May` in "in May" is a month).

use crate::matcher::{Candidate, Origin};
use crate::rules::RuleKind;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Timex = 0,
    Entity = 1,
    Trigger = 2,
    Casualty = 3,
}

fn layer(kind: RuleKind) -> Layer {
    match kind {
        RuleKind::Timex(_) => Layer::Timex,
        RuleKind::Entity(_) => Layer::Entity,
        RuleKind::Trigger => Layer::Trigger,
        RuleKind::Casualty => Layer::Casualty,
    }
}

/// Spans of negative-rule matches (which may overlap one another), sorted
/// by start with the running maximum of their ends, for a logarithmic test.
#[derive(Default)]
struct RejectIndex {
    spans: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl RejectIndex {
    fn build(&mut self) {
        self.spans.sort_unstable();
        let mut running = 0;
        self.max_end = self
            .spans
            .iter()
            .map(|&(_, end)| {
                running = running.max(end);
                running
            })
            .collect();
    }

    fn overlaps(&self, c: &Candidate) -> bool {
        let before = self.spans.partition_point(|&(start, _)| start < c.end);
        before > 0 && self.max_end[before - 1] > c.start
    }
}

/// Removes the negative rules' matches and every candidate of its type that
/// one of them overlaps, keeping the order of the rest (candidates are
/// moved once, not split into two lists).
fn remove_rejected(candidates: &mut Vec<Candidate>) {
    if !candidates.iter().any(|c| c.reject) {
        return;
    }
    let mut by_kind: FxHashMap<RuleKind, RejectIndex> = FxHashMap::default();
    for r in candidates.iter().filter(|c| c.reject) {
        by_kind
            .entry(r.kind)
            .or_default()
            .spans
            .push((r.start, r.end));
    }
    for index in by_kind.values_mut() {
        index.build();
    }
    candidates
        .retain(|c| !c.reject && !by_kind.get(&c.kind).is_some_and(|index| index.overlaps(c)));
}

/// Where a candidate stands in the policy's order: layer, longest, highest
/// priority, earliest, rule loaded first; then its index.
type PolicyKey = (
    u8,
    std::cmp::Reverse<usize>,
    std::cmp::Reverse<i32>,
    usize,
    Origin,
    usize,
);

/// Resolves overlaps by the policy above; the result is sorted by start.
pub fn resolve(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut kept = candidates;
    remove_rejected(&mut kept);

    // The policy's order, on compact keys rather than on the candidates.
    let mut order: Vec<PolicyKey> = kept
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                layer(c.kind) as u8,
                std::cmp::Reverse(c.len()),
                std::cmp::Reverse(c.priority),
                c.start,
                c.origin,
                i,
            )
        })
        .collect();
    order.sort_unstable();
    // Per layer, accepted spans by start; they never overlap each other, so
    // only the last one starting before a candidate's end can clash with it.
    let mut taken: [BTreeMap<usize, usize>; 4] = Default::default();
    let mut won = vec![false; kept.len()];
    for &(layer_index, _, _, _, _, i) in &order {
        let c = &kept[i];
        let taken = &mut taken[usize::from(layer_index)];
        let clashes = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &end)| end > c.start);
        if !clashes {
            taken.insert(c.start, c.end);
            won[i] = true;
        }
    }

    // Each layer's winners do not overlap each other, so sorted by start
    // the one candidate that can overlap a span is found by binary search.
    let spans_of = |target: Layer| -> Vec<(usize, usize)> {
        taken[target as usize]
            .iter()
            .map(|(&s, &e)| (s, e))
            .collect()
    };
    let timexes = spans_of(Layer::Timex);
    let entities = spans_of(Layer::Entity);
    let mut out: Vec<Candidate> = kept
        .into_iter()
        .zip(won)
        .filter_map(|(c, won)| won.then_some(c))
        .filter(|c| match layer(c.kind) {
            Layer::Entity => overlapping(&timexes, c).is_none_or(|(s, e)| e - s < c.len()),
            Layer::Timex => overlapping(&entities, c).is_none_or(|(s, e)| e - s <= c.len()),
            _ => true,
        })
        .collect();
    // Sorted on keys, so that each candidate is moved once, not at every
    // step of the sort (the keys are distinct: winners of one layer do not
    // overlap).
    out.sort_by_cached_key(|c| (c.start, c.end, layer(c.kind) as u8));
    out
}

/// The longest span of sorted, non-overlapping `spans` that overlaps `c`.
fn overlapping(spans: &[(usize, usize)], c: &Candidate) -> Option<(usize, usize)> {
    let from = spans.partition_point(|&(_, end)| end <= c.start);
    spans[from..]
        .iter()
        .take_while(|&&(start, _)| start < c.end)
        .max_by_key(|&&(start, end)| end - start)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::Origin;
    use crate::rules::{EntityKind, TimexKind};

    fn candidate(
        start: usize,
        end: usize,
        kind: RuleKind,
        priority: i32,
        rule: usize,
    ) -> Candidate {
        Candidate {
            start,
            end,
            origin: Origin::Rule(rule),
            kind,
            priority,
            reject: false,
            canonical: None,
            value: None,
            modifier: None,
            number: None,
        }
    }

    const PLACE: RuleKind = RuleKind::Entity(EntityKind::Place);
    const PERSON: RuleKind = RuleKind::Entity(EntityKind::Person);
    const DATE: RuleKind = RuleKind::Timex(TimexKind::Date);

    #[test]
    fn longest_then_priority_then_earliest() {
        let out = resolve(vec![
            candidate(0, 8, PLACE, 0, 0),
            candidate(0, 13, PLACE, 0, 1),
            candidate(20, 25, PERSON, 0, 2),
            candidate(20, 25, PLACE, 5, 3),
            candidate(30, 34, PLACE, 0, 4),
            candidate(32, 36, PLACE, 0, 5),
        ]);
        let spans: Vec<(usize, usize, usize)> = out
            .iter()
            .map(|c| match c.origin {
                Origin::Rule(r) => (c.start, c.end, r),
                Origin::Gazetteer(g) => (c.start, c.end, g),
            })
            .collect();
        assert_eq!(spans, vec![(0, 13, 1), (20, 25, 3), (30, 34, 4)]);
    }

    #[test]
    fn timex_wins_ties_with_entities_and_layers_are_separate() {
        let out = resolve(vec![
            candidate(3, 6, PERSON, 9, 0),
            candidate(3, 6, DATE, 0, 1),
            candidate(3, 6, RuleKind::Trigger, 0, 2),
        ]);
        let kinds: Vec<RuleKind> = out.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![DATE, RuleKind::Trigger]);
    }

    #[test]
    fn negative_rules_remove_what_they_overlap() {
        let mut reject = candidate(0, 10, PLACE, 0, 0);
        reject.reject = true;
        let out = resolve(vec![
            reject,
            candidate(2, 5, PLACE, 0, 1),
            candidate(2, 5, PERSON, 0, 2),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, PERSON);
    }
}
