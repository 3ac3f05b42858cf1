//! Events: each dated clause of a sentence becomes one timeline row.
//!
//! A sentence's anchors are its DATE and TIME expressions that have a range.
//! With one anchor, the event takes the whole sentence. With several, the
//! sentence is cut into clauses at punctuation and conjunctions; an item
//! (entity mention, trigger word, casualty figure) goes to the anchors of its
//! own clause, else to the nearest anchor clause before it, else after it. An
//! anchor after a bounding signal (`since 2014`, `until last week`) dates no
//! event when the sentence has another anchor: it bounds the time of the
//! event rather than giving it.

/// Something in a sentence that an event may carry. Entities and trigger
/// words are numbered by the caller (one number per entity id, one per
/// word), so that a long document's items stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An entity mention: the entity's number.
    Entity(u32),
    /// A trigger word: the word's number.
    Trigger(u32),
    /// A casualty figure.
    Killed(u64),
}

/// An item at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<T> {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The thing placed.
    pub item: T,
}

/// A dated clause: which anchor it belongs to and what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    /// Index of the anchor among the sentence's timexes as given.
    pub anchor: usize,
    /// Entity numbers in order of first mention, without repeats.
    pub entities: Vec<u32>,
    /// The number of the trigger word nearest the anchor.
    pub trigger: Option<u32>,
    /// The first casualty figure of the clause.
    pub killed: Option<u64>,
}

/// Anchor of an event, as the builder sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Whether a bounding signal (`since`, `until`) stands before it.
    pub bounding: bool,
}

/// Builds the events of one sentence `[start, end)` of `text`.
pub fn build_sentence(
    text: &str,
    sentence: (usize, usize),
    anchors: &[Anchor],
    items: &[Placed<Item>],
) -> Vec<EventDraft> {
    match only_active(anchors) {
        Some(anchor) => vec![whole_sentence(anchors, anchor, items)],
        None => by_clause(text, sentence, anchors, items),
    }
}

/// The one anchor that dates an event, when only one does (as in most
/// sentences): the one not bounding, or a lone bounding one.
fn only_active(anchors: &[Anchor]) -> Option<usize> {
    let mut unbounded = (0..anchors.len()).filter(|&a| !anchors[a].bounding);
    match (unbounded.next(), unbounded.next()) {
        (Some(only), None) => Some(only),
        (None, None) if anchors.len() == 1 => Some(0),
        _ => None,
    }
}

/// The event of a sentence with one active anchor: the sentence is one
/// clause, and all its items are the event's (what [`by_clause`] gives
/// then, without cutting the sentence into clauses).
fn whole_sentence(anchors: &[Anchor], anchor: usize, items: &[Placed<Item>]) -> EventDraft {
    let mut draft = EventDraft {
        anchor,
        entities: Vec::new(),
        trigger: None,
        killed: None,
    };
    let mut trigger_distance = usize::MAX;
    for placed in items {
        match placed.item {
            Item::Entity(entity) => {
                if !draft.entities.contains(&entity) {
                    draft.entities.push(entity);
                }
            }
            Item::Trigger(word) => {
                let distance = placed.start.abs_diff(anchors[anchor].start);
                if distance < trigger_distance {
                    trigger_distance = distance;
                    draft.trigger = Some(word);
                }
            }
            Item::Killed(n) => {
                draft.killed.get_or_insert(n);
            }
        }
    }
    draft
}

/// The events of a sentence, clause by clause.
fn by_clause(
    text: &str,
    sentence: (usize, usize),
    anchors: &[Anchor],
    items: &[Placed<Item>],
) -> Vec<EventDraft> {
    let mut active: Vec<usize> = (0..anchors.len()).collect();
    if active.iter().any(|&a| !anchors[a].bounding) {
        active.retain(|&a| !anchors[a].bounding);
    }
    if active.is_empty() {
        return Vec::new();
    }
    let boundaries = if active.len() > 1 {
        clause_boundaries(text, sentence)
    } else {
        Vec::new()
    };
    let clause_of = |offset: usize| boundaries.partition_point(|&b| b <= offset);
    let anchor_clauses: Vec<usize> = active
        .iter()
        .map(|&a| clause_of(anchors[a].start))
        .collect();

    let mut drafts: Vec<EventDraft> = active
        .iter()
        .map(|&anchor| EventDraft {
            anchor,
            entities: Vec::new(),
            trigger: None,
            killed: None,
        })
        .collect();
    let mut trigger_distance = vec![usize::MAX; drafts.len()];
    for placed in items {
        // The item's own clause if an anchor stands there, else the nearest
        // anchor clause before it, else the first after it.
        let clause = clause_of(placed.start);
        let owning_clause = if anchor_clauses.contains(&clause) {
            clause
        } else if let Some(&before) = anchor_clauses.iter().filter(|&&c| c < clause).max() {
            before
        } else {
            anchor_clauses.iter().min().copied().unwrap_or(0)
        };
        for (owner, draft) in drafts.iter_mut().enumerate() {
            if anchor_clauses[owner] != owning_clause {
                continue;
            }
            match placed.item {
                Item::Entity(entity) => {
                    if !draft.entities.contains(&entity) {
                        draft.entities.push(entity);
                    }
                }
                Item::Trigger(word) => {
                    let anchor = &anchors[draft.anchor];
                    let distance = placed.start.abs_diff(anchor.start);
                    if distance < trigger_distance[owner] {
                        trigger_distance[owner] = distance;
                        draft.trigger = Some(word);
                    }
                }
                Item::Killed(n) => {
                    draft.killed.get_or_insert(n);
                }
            }
        }
    }
    drafts
}

/// Byte offsets where a new clause starts: after , ; : ( ) and dashes, and
/// before `and`, `but`, `while`, `where`, `whereas`.
fn clause_boundaries(text: &str, (start, end): (usize, usize)) -> Vec<usize> {
    let sentence = &text[start..end];
    let mut out = Vec::new();
    for (offset, c) in sentence.char_indices() {
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—') {
            out.push(start + offset + c.len_utf8());
        }
        if c == ' ' {
            let rest = &sentence[offset + 1..];
            for word in ["and ", "but ", "while ", "where ", "whereas "] {
                if rest.starts_with(word) {
                    out.push(start + offset + 1);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A sentence with one active anchor is built whole as clause by
        /// clause.
        #[test]
        fn one_active_anchor_takes_the_whole_sentence_as_clauses_give_it(
            words in prop::collection::vec(
                prop::sample::select(vec!["Ana", "and", "in", "2009", ",", ";", "(", "but", "killed", "–"]),
                1..30,
            ),
            anchors in prop::collection::vec((0usize..30, any::<bool>()), 1..4),
            items in prop::collection::vec((0usize..30, 0u32..3, 0u8..3), 0..12),
        ) {
            let text = words.join(" ");
            // Word starts, so that anchors and items sit on words.
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices(' ').map(|(i, _)| i + 1))
                .collect();
            let at = |n: usize| starts[n % starts.len()];
            let anchors: Vec<Anchor> = anchors
                .iter()
                .map(|&(n, bounding)| Anchor { start: at(n), end: at(n) + 1, bounding })
                .collect();
            let mut items: Vec<Placed<Item>> = items
                .iter()
                .map(|&(n, number, kind)| Placed {
                    start: at(n),
                    end: at(n) + 1,
                    item: match kind {
                        0 => Item::Entity(number),
                        1 => Item::Trigger(number),
                        _ => Item::Killed(u64::from(number)),
                    },
                })
                .collect();
            items.sort_by_key(|p| p.start);
            if let Some(anchor) = only_active(&anchors) {
                prop_assert_eq!(
                    vec![whole_sentence(&anchors, anchor, &items)],
                    by_clause(&text, (0, text.len()), &anchors, &items)
                );
            }
        }
    }

    fn place(text: &str, needle: &str, item: Item) -> Placed<Item> {
        let start = text.find(needle).unwrap();
        Placed {
            start,
            end: start + needle.len(),
            item,
        }
    }

    fn anchor(text: &str, needle: &str, bounding: bool) -> Anchor {
        let start = text.find(needle).unwrap();
        Anchor {
            start,
            end: start + needle.len(),
            bounding,
        }
    }

    #[test]
    fn two_dates_split_their_clauses() {
        let text = "Floods hit Dhaka in June, killing 30 people, and in Chittagong in August, where 7 died.";
        let anchors = [anchor(text, "June", false), anchor(text, "August", false)];
        let (dhaka, chittagong, floods) = (0, 1, 0);
        let items = [
            place(text, "Floods", Item::Trigger(floods)),
            place(text, "Dhaka", Item::Entity(dhaka)),
            place(text, "killing 30", Item::Killed(30)),
            place(text, "Chittagong", Item::Entity(chittagong)),
            place(text, "7 died", Item::Killed(7)),
        ];
        let events = build_sentence(text, (0, text.len()), &anchors, &items);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].entities, vec![dhaka]);
        assert_eq!(events[0].killed, Some(30));
        assert_eq!(events[0].trigger, Some(floods));
        assert_eq!(events[1].entities, vec![chittagong]);
        assert_eq!(events[1].killed, Some(7));
    }

    #[test]
    fn a_bounding_date_gives_way_to_the_event_date() {
        let text = "Until last month the only victim, in 2009, was Ana Ruiz.";
        let anchors = [
            anchor(text, "last month", true),
            anchor(text, "2009", false),
        ];
        let items = [place(text, "Ana Ruiz", Item::Entity(4))];
        let events = build_sentence(text, (0, text.len()), &anchors, &items);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].anchor, 1);
        assert_eq!(events[0].entities, vec![4]);
    }

    #[test]
    fn a_lone_bounding_date_still_dates_its_sentence() {
        let text = "Since 2010 Oslo has grown.";
        let anchors = [anchor(text, "2010", true)];
        let items = [
            place(text, "Oslo", Item::Entity(2)),
            place(text, "grown", Item::Entity(2)),
        ];
        let events = build_sentence(text, (0, text.len()), &anchors, &items);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].entities, vec![2], "one entity, once");
    }
}
