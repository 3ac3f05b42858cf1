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
use crate::pipeline::keep_within;
use crate::rules::RuleKind;
use rustc_hash::FxHashMap;

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
#[derive(Debug, Default)]
struct RejectIndex {
    spans: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl RejectIndex {
    fn build(&mut self) {
        self.spans.sort_unstable();
        let mut running = 0;
        self.max_end.clear();
        self.max_end.extend(self.spans.iter().map(|&(_, end)| {
            running = running.max(end);
            running
        }));
    }

    fn overlaps(&self, c: &Candidate) -> bool {
        let before = self.spans.partition_point(|&(start, _)| start < c.end);
        before > 0 && self.max_end[before - 1] > c.start
    }
}

/// Removes the negative rules' matches and every candidate of its type that
/// one of them overlaps, keeping the order of the rest (candidates are
/// moved once, not split into two lists). `by_kind` is space: its
/// indexes are emptied first.
fn remove_rejected(
    candidates: &mut Vec<Candidate>,
    by_kind: &mut FxHashMap<RuleKind, RejectIndex>,
) {
    if !candidates.iter().any(|c| c.reject) {
        return;
    }
    for index in by_kind.values_mut() {
        // An empty index overlaps nothing.
        index.spans.clear();
    }
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

/// Where a candidate stands in the policy's order within its layer:
/// longest, highest priority, earliest, rule loaded first; then its index.
type PolicyKey = (
    std::cmp::Reverse<usize>,
    std::cmp::Reverse<i32>,
    usize,
    Origin,
    usize,
);

/// Resolves overlaps by the policy above; the result is sorted by start.
///
/// Whether a candidate wins depends only on the candidates it overlaps,
/// directly or through others: those of a cluster of overlapping spans.
/// Most candidates overlap nothing and win without a look at the policy;
/// only clusters are put in the policy's order.
pub fn resolve(candidates: Vec<Candidate>) -> Vec<Candidate> {
    resolve_in(candidates, &mut OverlapSpace::default())
}

/// The lists [`resolve_in`] works in, kept from one call to the next (a
/// document's segments, a thread's documents): fresh lists for each call
/// cost a dozen allocations, their growth and their frees.
#[derive(Debug, Default)]
pub struct OverlapSpace {
    /// Whether each candidate won in its layer.
    won: Vec<bool>,
    /// Per layer, `(start, index)` of its candidates.
    layers: [Vec<(usize, usize)>; 4],
    /// Per layer, the winners' spans by start.
    winners: [Vec<(usize, usize)>; 4],
    clusters: Clusters,
    /// Negative rules' spans by type.
    rejects: FxHashMap<RuleKind, RejectIndex>,
}

impl OverlapSpace {
    /// Drops the lists whose room exceeds `bytes`, so that a long
    /// document's lists are not kept after it.
    pub fn keep_within(&mut self, bytes: usize) {
        keep_within(&mut self.won, bytes);
        for list in self.layers.iter_mut().chain(&mut self.winners) {
            keep_within(list, bytes);
        }
        keep_within(&mut self.clusters.order, bytes);
        keep_within(&mut self.clusters.taken, bytes);
        for index in self.rejects.values_mut() {
            keep_within(&mut index.spans, bytes);
            keep_within(&mut index.max_end, bytes);
        }
    }
}

/// [`resolve`], working in `space`; the result is `candidates`' own list.
pub fn resolve_in(candidates: Vec<Candidate>, space: &mut OverlapSpace) -> Vec<Candidate> {
    let OverlapSpace {
        won,
        layers,
        winners,
        clusters,
        rejects,
    } = space;
    let mut kept = candidates;
    remove_rejected(&mut kept, rejects);

    won.clear();
    won.resize(kept.len(), false);
    // Per layer, (start, index) of its candidates, gathered in one pass.
    let mut counts = [0; 4];
    for c in &kept {
        counts[layer(c.kind) as usize] += 1;
    }
    for (by_start, count) in layers.iter_mut().zip(counts) {
        by_start.clear();
        by_start.reserve(count);
    }
    for (i, c) in kept.iter().enumerate() {
        layers[layer(c.kind) as usize].push((c.start, i));
    }
    for (winners, by_start) in winners.iter_mut().zip(layers.iter_mut()) {
        // By start, then index: the matcher gives candidates nearly in this
        // order, which the sort takes as runs.
        by_start.sort();
        for cluster in overlapping_runs(&kept, by_start) {
            clusters.resolve(&kept, cluster, won);
        }
        winners.clear();
        winners.extend(
            by_start
                .iter()
                .filter(|&&(_, i)| won[i])
                .map(|&(start, i)| (start, kept[i].end)),
        );
    }

    let [timexes, entities, _, _] = &*winners;
    // The losers leave the list in place, the others keeping their order.
    let mut index = 0;
    kept.retain(|c| {
        let won = won[index];
        index += 1;
        won && match layer(c.kind) {
            Layer::Entity => overlapping(timexes, c).is_none_or(|(s, e)| e - s < c.len()),
            Layer::Timex => overlapping(entities, c).is_none_or(|(s, e)| e - s <= c.len()),
            _ => true,
        }
    });
    let mut out = kept;
    // Sorted on keys, so that each candidate is moved once, not at every
    // step of the sort (the keys are distinct: winners of one layer do not
    // overlap); often they are in order already.
    let key = |c: &Candidate| (c.start, c.end, layer(c.kind) as u8);
    if !out.is_sorted_by_key(key) {
        out.sort_by_cached_key(key);
    }
    out
}

/// The clusters of `by_start` (`(start, index)` into `kept`, sorted): runs
/// in which each candidate opens before the end of one before it.
fn overlapping_runs<'a>(
    kept: &'a [Candidate],
    by_start: &'a [(usize, usize)],
) -> impl Iterator<Item = &'a [(usize, usize)]> + 'a {
    let mut rest = by_start;
    std::iter::from_fn(move || {
        let (&(_, first), _) = rest.split_first()?;
        let mut end = kept[first].end;
        let length = 1 + rest[1..]
            .iter()
            .take_while(|&&(start, i)| {
                let inside = start < end;
                end = end.max(kept[i].end);
                inside
            })
            .count();
        let (run, after) = rest.split_at(length);
        rest = after;
        Some(run)
    })
}

/// Space reused from one cluster to the next.
#[derive(Debug, Default)]
struct Clusters {
    order: Vec<PolicyKey>,
    /// Accepted spans of the cluster by start; they never overlap each
    /// other, so only the last one starting before a candidate's end can
    /// clash with it.
    taken: Vec<(usize, usize)>,
}

impl Clusters {
    /// Marks in `won` the winners of the cluster `members` (by start:
    /// `(start, index)` into `kept`), taking them in the policy's order.
    fn resolve(&mut self, kept: &[Candidate], members: &[(usize, usize)], won: &mut [bool]) {
        if let [(_, only)] = members {
            won[*only] = true;
            return;
        }
        self.order.clear();
        self.order.extend(members.iter().map(|&(_, i)| {
            let c = &kept[i];
            (
                std::cmp::Reverse(c.len()),
                std::cmp::Reverse(c.priority),
                c.start,
                c.origin,
                i,
            )
        }));
        self.order.sort_unstable();
        self.taken.clear();
        for &(_, _, _, _, i) in &self.order {
            let c = &kept[i];
            if overlapping(&self.taken, c).is_none() {
                let at = self.taken.partition_point(|&(start, _)| start <= c.start);
                self.taken.insert(at, (c.start, c.end));
                won[i] = true;
            }
        }
    }
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

    /// The policy applied as it reads: all candidates of a layer in the
    /// policy's order, each kept unless it overlaps one kept before.
    fn resolve_simply(candidates: Vec<Candidate>) -> Vec<Candidate> {
        let mut kept = candidates;
        remove_rejected(&mut kept, &mut FxHashMap::default());
        let mut order: Vec<usize> = (0..kept.len()).collect();
        order.sort_by_key(|&i| {
            let c = &kept[i];
            (
                layer(c.kind) as u8,
                std::cmp::Reverse(c.len()),
                std::cmp::Reverse(c.priority),
                c.start,
                c.origin,
                i,
            )
        });
        let mut won: Vec<usize> = Vec::new();
        for i in order {
            let c = &kept[i];
            let clashes = won.iter().any(|&w| {
                let o = &kept[w];
                layer(o.kind) == layer(c.kind) && o.start < c.end && c.start < o.end
            });
            if !clashes {
                won.push(i);
            }
        }
        let spans = |target: Layer| -> Vec<(usize, usize)> {
            let mut spans: Vec<(usize, usize)> = won
                .iter()
                .map(|&w| &kept[w])
                .filter(|c| layer(c.kind) == target)
                .map(|c| (c.start, c.end))
                .collect();
            spans.sort();
            spans
        };
        let (timexes, entities) = (spans(Layer::Timex), spans(Layer::Entity));
        let mut out: Vec<Candidate> = won
            .iter()
            .map(|&w| kept[w].clone())
            .filter(|c| match layer(c.kind) {
                Layer::Entity => overlapping(&timexes, c).is_none_or(|(s, e)| e - s < c.len()),
                Layer::Timex => overlapping(&entities, c).is_none_or(|(s, e)| e - s <= c.len()),
                _ => true,
            })
            .collect();
        out.sort_by_key(|c| (c.start, c.end, layer(c.kind) as u8));
        out
    }

    use proptest::prelude::*;

    fn arbitrary_candidate() -> impl Strategy<Value = Candidate> {
        let kinds = prop::sample::select(vec![PLACE, PERSON, DATE, RuleKind::Trigger]);
        (
            0usize..60,
            1usize..12,
            kinds,
            -2i32..3,
            0usize..6,
            prop::bool::weighted(0.05),
        )
            .prop_map(|(start, len, kind, priority, rule, reject)| {
                let mut c = candidate(start, start + len, kind, priority, rule);
                c.reject = reject;
                c
            })
    }

    proptest! {
        /// Resolving cluster by cluster gives what the policy gives.
        #[test]
        fn clusters_resolve_as_the_policy_reads(
            candidates in prop::collection::vec(arbitrary_candidate(), 0..40)
        ) {
            prop_assert_eq!(resolve(candidates.clone()), resolve_simply(candidates));
        }

        /// One space reused from list to list, kept within a few bytes at
        /// times, gives what fresh lists give.
        #[test]
        fn reused_space_resolves_as_the_policy_reads(
            lists in prop::collection::vec(prop::collection::vec(arbitrary_candidate(), 0..40), 1..6),
            kept_bytes in prop::sample::select(vec![0usize, 64, usize::MAX]),
        ) {
            let mut space = OverlapSpace::default();
            for candidates in lists {
                prop_assert_eq!(
                    resolve_in(candidates.clone(), &mut space),
                    resolve_simply(candidates)
                );
                space.keep_within(kept_bytes);
            }
        }
    }
}
