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

/// Something in a sentence that an event may carry. Entities, trigger
/// words and casualty figures are numbered by the caller (one number per
/// entity id, one per word, one per figure), so that a long document's
/// items stay small: 8 bytes, 16 once placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An entity mention: the entity's number.
    Entity(u32),
    /// A trigger word: the word's number.
    Trigger(u32),
    /// A casualty figure: the figure's number.
    Killed(u32),
}

/// An item at a byte offset (32-bit, as documents are at most
/// [`MAX_DOCUMENT_BYTES`](crate::document::MAX_DOCUMENT_BYTES)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<T> {
    /// Start byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
    /// The thing placed.
    pub item: T,
}

/// A dated clause: which anchor it belongs to and what it carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventDraft {
    /// Index of the anchor among the sentence's timexes as given.
    pub anchor: usize,
    /// Entity numbers in order of first mention, without repeats.
    pub entities: Vec<u32>,
    /// The number of the trigger word nearest the anchor.
    pub trigger: Option<u32>,
    /// The number of the first casualty figure of the clause.
    pub killed: Option<u32>,
}

impl EventDraft {
    /// Takes in `placed`, an item of the draft's clause: a new entity, a
    /// trigger nearer the anchor (which starts at `anchor_start`) than
    /// `trigger_distance`, the distance of the trigger kept so far, or a
    /// first casualty figure.
    fn take(&mut self, placed: &Placed<Item>, anchor_start: usize, trigger_distance: &mut usize) {
        match placed.item {
            Item::Entity(entity) => {
                if !self.entities.contains(&entity) {
                    self.entities.push(entity);
                }
            }
            Item::Trigger(word) => {
                let distance = (placed.start as usize).abs_diff(anchor_start);
                if distance < *trigger_distance {
                    *trigger_distance = distance;
                    self.trigger = Some(word);
                }
            }
            Item::Killed(n) => {
                self.killed.get_or_insert(n);
            }
        }
    }
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

/// Builds the events of sentences, one sentence after another, in space
/// kept from one to the next: a document has thousands of dated sentences,
/// and fresh lists for each sentence's drafts, their entities and its
/// clauses cost more than building them.
#[derive(Debug, Default)]
pub struct EventBuilder {
    /// The drafts of the last sentence built, then those kept for their
    /// space (their entity lists), cleared when next used.
    drafts: Vec<EventDraft>,
    /// How many of `drafts` the last sentence built.
    built: usize,
    active: Vec<usize>,
    boundaries: Vec<usize>,
    anchor_clauses: Vec<usize>,
    trigger_distance: Vec<usize>,
}

impl EventBuilder {
    /// Drops its space if some of it has grown past `bytes` (a long
    /// sentence's), so that what is kept from one document to the next
    /// stays small.
    pub fn keep_within(&mut self, bytes: usize) {
        let room = |capacity: usize, size: usize| capacity.saturating_mul(size);
        let usize_lists = [
            &self.active,
            &self.boundaries,
            &self.anchor_clauses,
            &self.trigger_distance,
        ];
        let largest = usize_lists
            .iter()
            .map(|list| room(list.capacity(), std::mem::size_of::<usize>()))
            .chain(self.drafts.iter().map(|d| room(d.entities.capacity(), 4)))
            .chain([room(
                self.drafts.capacity(),
                std::mem::size_of::<EventDraft>(),
            )])
            .max()
            .unwrap_or(0);
        if largest > bytes {
            *self = EventBuilder::default();
        }
    }

    /// The events of one sentence `[start, end)` of `text`.
    pub fn build(
        &mut self,
        text: &str,
        sentence: (usize, usize),
        anchors: &[Anchor],
        items: &[Placed<Item>],
    ) -> &[EventDraft] {
        match only_active(anchors) {
            Some(anchor) => self.whole_sentence(anchors, anchor, items),
            None => self.by_clause(text, sentence, anchors, items),
        }
        &self.drafts[..self.built]
    }

    /// The event of a sentence with one active anchor: the sentence is one
    /// clause, and all its items are the event's (what
    /// [`EventBuilder::by_clause`] gives then, without cutting the
    /// sentence into clauses).
    fn whole_sentence(&mut self, anchors: &[Anchor], anchor: usize, items: &[Placed<Item>]) {
        self.built = start_drafts(&mut self.drafts, std::iter::once(anchor));
        let draft = &mut self.drafts[0];
        let mut trigger_distance = usize::MAX;
        for placed in items {
            draft.take(placed, anchors[anchor].start, &mut trigger_distance);
        }
    }

    /// The events of a sentence, clause by clause.
    fn by_clause(
        &mut self,
        text: &str,
        sentence: (usize, usize),
        anchors: &[Anchor],
        items: &[Placed<Item>],
    ) {
        let EventBuilder {
            drafts,
            built,
            active,
            boundaries,
            anchor_clauses,
            trigger_distance,
        } = self;
        active.clear();
        active.extend(0..anchors.len());
        if active.iter().any(|&a| !anchors[a].bounding) {
            active.retain(|&a| !anchors[a].bounding);
        }
        boundaries.clear();
        if active.len() > 1 {
            clause_boundaries(text, sentence, boundaries);
        }
        let clause_of = |offset: usize| boundaries.partition_point(|&b| b <= offset);
        anchor_clauses.clear();
        anchor_clauses.extend(active.iter().map(|&a| clause_of(anchors[a].start)));
        *built = start_drafts(drafts, active.iter().copied());
        let drafts = &mut drafts[..*built];
        trigger_distance.clear();
        trigger_distance.resize(drafts.len(), usize::MAX);
        for placed in items {
            // The item's own clause if an anchor stands there, else the nearest
            // anchor clause before it, else the first after it.
            let clause = clause_of(placed.start as usize);
            let owning_clause = if anchor_clauses.contains(&clause) {
                clause
            } else if let Some(&before) = anchor_clauses.iter().filter(|&&c| c < clause).max() {
                before
            } else {
                anchor_clauses.iter().min().copied().unwrap_or(0)
            };
            for (owner, draft) in drafts.iter_mut().enumerate() {
                if anchor_clauses[owner] == owning_clause {
                    let anchor_start = anchors[draft.anchor].start;
                    draft.take(placed, anchor_start, &mut trigger_distance[owner]);
                }
            }
        }
    }
}

/// Starts a draft in `drafts` for each of `anchors` (indices), in the
/// space of those before; returns how many.
fn start_drafts(
    drafts: &mut Vec<EventDraft>,
    anchors: impl ExactSizeIterator<Item = usize>,
) -> usize {
    let count = anchors.len();
    if drafts.len() < count {
        drafts.resize_with(count, EventDraft::default);
    }
    for (draft, anchor) in drafts.iter_mut().zip(anchors) {
        draft.anchor = anchor;
        draft.entities.clear();
        draft.trigger = None;
        draft.killed = None;
    }
    count
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

/// Byte offsets where a new clause starts: after , ; : ( ) and dashes, and
/// before `and`, `but`, `while`, `where`, `whereas`.
/// They go to `out`.
///
/// Read a byte at a time, not a character: every mark and word is ASCII
/// but the dashes, whose lead byte [`CLAUSE_BYTES`] marks, and in UTF-8 an
/// ASCII byte is always a character of its own.
fn clause_boundaries(text: &str, (start, end): (usize, usize), out: &mut Vec<usize>) {
    let sentence = &text.as_bytes()[start..end];
    for (offset, &byte) in sentence.iter().enumerate() {
        if !CLAUSE_BYTES[usize::from(byte)] {
            continue;
        }
        match byte {
            b',' | b';' | b':' | b'(' | b')' => out.push(start + offset + 1),
            b' ' => {
                let rest = &sentence[offset + 1..];
                // Most words after a space open with none of the words'
                // letters.
                if matches!(rest.first(), Some(b'a' | b'b' | b'w'))
                    && CLAUSE_WORDS.iter().any(|word| rest.starts_with(word))
                {
                    out.push(start + offset + 1);
                }
            }
            _ => {
                // The lead byte of a dash: `–` is E2 80 93, `—` E2 80 94.
                if let [0x80, 0x93 | 0x94, ..] = sentence[offset + 1..] {
                    out.push(start + offset + 3);
                }
            }
        }
    }
}

/// The words before which a clause starts, each with the space after it.
const CLAUSE_WORDS: [&[u8]; 5] = [b"and ", b"but ", b"while ", b"where ", b"whereas "];

/// The bytes [`clause_boundaries`] looks at: the ASCII marks, the space,
/// and the lead byte of the dashes.
const CLAUSE_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let marks = b",;:() \xE2";
    let mut at = 0;
    while at < marks.len() {
        table[marks[at] as usize] = true;
        at += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::offset32;
    use proptest::prelude::*;

    /// Anchors and items (sorted) on the words of `text`, from the drawn
    /// word numbers: `(word, bounding)` anchors and `(word, number, kind)`
    /// items, kind 0 an entity, 1 a trigger, else a casualty figure.
    fn on_words(
        text: &str,
        anchors: &[(usize, bool)],
        items: &[(usize, u32, u8)],
    ) -> (Vec<Anchor>, Vec<Placed<Item>>) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices(' ').map(|(i, _)| i + 1))
            .collect();
        let at = |n: usize| starts[n % starts.len()];
        let anchors = anchors
            .iter()
            .map(|&(n, bounding)| Anchor {
                start: at(n),
                end: at(n) + 1,
                bounding,
            })
            .collect();
        let mut items: Vec<Placed<Item>> = items
            .iter()
            .map(|&(n, number, kind)| Placed {
                start: offset32(at(n)),
                end: offset32(at(n) + 1),
                item: match kind {
                    0 => Item::Entity(number),
                    1 => Item::Trigger(number),
                    _ => Item::Killed(number),
                },
            })
            .collect();
        items.sort_by_key(|p| p.start);
        (anchors, items)
    }

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
            let (anchors, items) = on_words(&text, &anchors, &items);
            if let Some(anchor) = only_active(&anchors) {
                let mut whole = EventBuilder::default();
                whole.whole_sentence(&anchors, anchor, &items);
                let mut clauses = EventBuilder::default();
                clauses.by_clause(&text, (0, text.len()), &anchors, &items);
                prop_assert_eq!(
                    &whole.drafts[..whole.built],
                    &clauses.drafts[..clauses.built]
                );
            }
        }

        /// A builder gives each sentence what a fresh one gives it, whatever
        /// it built before.
        #[test]
        fn builders_reused_build_as_fresh_ones(
            sentences in prop::collection::vec(
                (
                    prop::collection::vec((0usize..12, any::<bool>()), 1..4),
                    prop::collection::vec((0usize..12, 0u32..4, 0u8..3), 0..10),
                ),
                1..6,
            ),
        ) {
            let text = "Ana and Ben , in 2009 ; but Oslo ( killed – 3 died";
            let mut reused = EventBuilder::default();
            for (anchors, items) in sentences {
                let (anchors, items) = on_words(text, &anchors, &items);
                let sentence = (0, text.len());
                let fresh = EventBuilder::default().build(text, sentence, &anchors, &items).to_vec();
                prop_assert_eq!(reused.build(text, sentence, &anchors, &items), fresh.as_slice());
            }
        }
    }

    /// [`clause_boundaries`] as it read the sentence a character at a time.
    fn clause_boundaries_by_chars(text: &str, (start, end): (usize, usize)) -> Vec<usize> {
        let mut out = Vec::new();
        let sentence = &text[start..end];
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

    proptest! {
        #[test]
        fn clause_boundaries_read_by_bytes_are_those_read_by_characters(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![
                        " and ", " but ", " while ", " where ", " whereas ", " a", " band ",
                        ",", ";", ":", "(", ")", "–", "—", "‒", "€", "é", " ", "and ", "whereas",
                    ])
                    .prop_map(str::to_string),
                    "[a-z ]{0,6}",
                ],
                0..16,
            ),
            cut in (0.0f64..1.0, 0.0f64..1.0),
        ) {
            let text = parts.concat();
            let boundary = |fraction: f64| {
                let mut at = (text.len() as f64 * fraction) as usize;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                at
            };
            let (start, end) = (boundary(cut.0.min(cut.1)), boundary(cut.0.max(cut.1)));
            let mut out = Vec::new();
            clause_boundaries(&text, (start, end), &mut out);
            prop_assert_eq!(out, clause_boundaries_by_chars(&text, (start, end)));
        }
    }

    fn place(text: &str, needle: &str, item: Item) -> Placed<Item> {
        let start = text.find(needle).unwrap();
        Placed {
            start: offset32(start),
            end: offset32(start + needle.len()),
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
        let (thirty, seven) = (0, 1);
        let items = [
            place(text, "Floods", Item::Trigger(floods)),
            place(text, "Dhaka", Item::Entity(dhaka)),
            place(text, "killing 30", Item::Killed(thirty)),
            place(text, "Chittagong", Item::Entity(chittagong)),
            place(text, "7 died", Item::Killed(seven)),
        ];
        let mut builder = EventBuilder::default();
        let events = builder.build(text, (0, text.len()), &anchors, &items);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].entities, vec![dhaka]);
        assert_eq!(events[0].killed, Some(thirty));
        assert_eq!(events[0].trigger, Some(floods));
        assert_eq!(events[1].entities, vec![chittagong]);
        assert_eq!(events[1].killed, Some(seven));
    }

    #[test]
    fn a_bounding_date_gives_way_to_the_event_date() {
        let text = "Until last month the only victim, in 2009, was Ana Ruiz.";
        let anchors = [
            anchor(text, "last month", true),
            anchor(text, "2009", false),
        ];
        let items = [place(text, "Ana Ruiz", Item::Entity(4))];
        let mut builder = EventBuilder::default();
        let events = builder.build(text, (0, text.len()), &anchors, &items);
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
        let mut builder = EventBuilder::default();
        let events = builder.build(text, (0, text.len()), &anchors, &items);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].entities, vec![2], "one entity, once");
    }
}
