//! Grouping mentions into entities within one document.
//!
//! Gazetteer mentions carry their canonical name, so `UK` and `Britain` meet
//! under `United Kingdom`. Person names found by context rules are their own
//! canonical form; a later bare surname (`Adnani`, with or without its
//! particle `al-`) joins the full name found earlier or later in the same
//! document, and every other whole-word occurrence of a known person's full
//! name, surname or (when only one person bears it) first name becomes a
//! mention too (rule [`COREFERENCE_RULE`]).

use crate::document::offset32;
use crate::intern::Interner;
use crate::rules::EntityKind;
use crate::text::{
    chunk_holds, fold_char, form_end_at, no_word_char_before, word_char_at, word_end, CHUNK,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Rule id given to mentions found by repeating a person's name.
pub const COREFERENCE_RULE: &str = "person-coreference";

/// First words of names that do not name a person by themselves.
const NOT_A_NAME_ALONE: &[&str] = &[
    "Abu", "Umm", "Ibn", "Bin", "Sir", "Dame", "Saint", "San", "Van", "Von", "Del", "Mac",
];

/// A mention on its way into an entity (byte offsets, 32-bit as a long
/// document holds hundreds of thousands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionDraft<R> {
    /// Start byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
    /// Type.
    pub kind: EntityKind,
    /// Canonical name (from a gazetteer, or the normalised text): its
    /// number among the document's names.
    pub name: u32,
    /// The producing rule, as the caller names it (its id, or a number).
    pub rule: R,
}

/// An entity of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEntity<R> {
    /// Type.
    pub kind: EntityKind,
    /// Canonical name: its number among the document's names (those
    /// [`group`] was given).
    pub name: u32,
    /// Mentions sorted by offset.
    pub mentions: Vec<EntityMention<R>>,
}

/// A mention of a [`DocEntity`] (byte offsets, 32-bit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention<R> {
    /// Start byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
    /// The producing rule, as in its [`MentionDraft`].
    pub rule: R,
}

/// A document's entities with their mentions in one list, entity after
/// entity, as [`group_in_one_list`] gives them: one list rather than one
/// per entity, which cost an allocation and its free for each of a
/// document's entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped<R> {
    /// The entities, in order of first mention.
    pub entities: Vec<GroupedEntity>,
    /// The mentions, entity after entity, each entity's sorted by offset.
    pub mentions: Vec<EntityMention<R>>,
}

/// An entity of [`Grouped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupedEntity {
    /// Type.
    pub kind: EntityKind,
    /// Canonical name, as in [`DocEntity::name`].
    pub name: u32,
    /// Its stretch of [`Grouped::mentions`]: the index of its first mention
    /// and the index past its last.
    pub mentions: (u32, u32),
}

impl<R: Copy> Grouped<R> {
    /// The mentions of `entity`, one of [`Grouped::entities`].
    pub fn mentions_of(&self, entity: &GroupedEntity) -> &[EntityMention<R>] {
        &self.mentions[entity.mentions.0 as usize..entity.mentions.1 as usize]
    }

    /// The entities, each with a list of its mentions of its own.
    pub fn into_entities(self) -> Vec<DocEntity<R>> {
        self.entities
            .iter()
            .map(|entity| DocEntity {
                kind: entity.kind,
                name: entity.name,
                mentions: self.mentions_of(entity).to_vec(),
            })
            .collect()
    }
}

/// Normalises a name as found in text: folded dashes and apostrophes, single
/// spaces, no possessive `'s`. Most names are already so, and are given
/// back as they are.
pub fn normalise_name(text: &str) -> Cow<'_, str> {
    let plain = text.is_ascii()
        && !text.chars().any(|c| c.is_whitespace() && c != ' ')
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with([' ', '\''])
        && !text.ends_with("'s");
    if plain {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalise_name_fully(text))
    }
}

/// [`normalise_name`] of any text.
fn normalise_name_fully(text: &str) -> String {
    let folded: String = text.chars().map(fold_char).collect();
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .strip_suffix("'s")
        .or_else(|| joined.strip_suffix('\''))
        .unwrap_or(&joined)
        .to_string()
}

/// The surname of a person's name, with and without a particle such as
/// `al-`: "Abu Muhammad al-Adnani" gives "al-Adnani" and "Adnani" (parts
/// of the name, not copies).
pub fn surnames<'a>(name: &'a str, particles: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
    let last = name.rsplit_once(' ').map(|(_, last)| last);
    let bare = last.into_iter().flat_map(move |last| {
        particles
            .iter()
            .filter_map(move |particle| last.strip_prefix(particle.as_str()))
            .filter(|bare| bare.chars().next().is_some_and(char::is_uppercase))
    });
    last.into_iter()
        .chain(bare)
        .filter(|surname| surname.chars().count() >= 3)
}

/// Groups mentions into entities and adds person coreference mentions,
/// which get the rule `coreference` (the caller's name for
/// [`COREFERENCE_RULE`]). `names` holds the mentions' canonical names
/// (each mention's `name` is one of its numbers; coreference may add
/// none). The mentions do not overlap one another, nor do the spans in
/// `occupied`, sorted by offset: spans already taken (timexes) that a
/// coreference mention may not overlap either. `body_start` bounds the
/// search.
pub fn group<R: Copy>(
    mut mentions: Vec<MentionDraft<R>>,
    coreference: R,
    names: &Interner,
    text: &str,
    body_start: usize,
    occupied: &[(u32, u32)],
    particles: &[String],
) -> Vec<DocEntity<R>> {
    group_in_one_list(
        &mut mentions,
        coreference,
        names,
        text,
        body_start,
        occupied,
        particles,
    )
    .into_entities()
}

/// What [`group`] finds, with the mentions of all entities in one list.
/// `mentions` is left empty, its room kept for the next document's.
pub fn group_in_one_list<R: Copy>(
    mentions: &mut Vec<MentionDraft<R>>,
    coreference: R,
    names: &Interner,
    text: &str,
    body_start: usize,
    occupied: &[(u32, u32)],
    particles: &[String],
) -> Grouped<R> {
    mentions.sort_by_key(|m| (m.start, m.end));

    // Full person names, longest first, so that a surname joins the fullest.
    let mut people: Vec<u32> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && names.get(m.name).contains(' '))
        .map(|m| m.name)
        .collect();
    people.sort_unstable();
    people.dedup();
    people.sort_by(|&a, &b| {
        let (a, b) = (names.get(a), names.get(b));
        b.len().cmp(&a.len()).then(a.cmp(b))
    });
    let mut surname_owner: FxHashMap<&str, u32> = FxHashMap::default();
    for &person in &people {
        for surname in surnames(names.get(person), particles) {
            surname_owner.entry(surname).or_insert(person);
        }
    }
    // A lone given name (or a family name written first, as in "Wang
    // Junxia") refers to the one person of the document who bears it:
    // each first token's bearer, none once a second bears it.
    let mut first_tokens: FxHashMap<&str, Option<u32>> = FxHashMap::default();
    for &person in &people {
        if let Some(first) = names.get(person).split(' ').next() {
            if first.chars().count() >= 3 && !NOT_A_NAME_ALONE.contains(&first) {
                first_tokens
                    .entry(first)
                    .and_modify(|owner| *owner = None)
                    .or_insert(Some(person));
            }
        }
    }
    for (first, owner) in first_tokens {
        if let Some(owner) = owner {
            surname_owner.entry(first).or_insert(owner);
        }
    }
    // Each name's owner is looked up once, not at each of its mentions.
    let mut owner_of: Vec<Option<Option<u32>>> = vec![None; names.len()];
    for mention in mentions.iter_mut() {
        if mention.kind == EntityKind::Person {
            let owner = *owner_of[mention.name as usize]
                .get_or_insert_with(|| surname_owner.get(names.get(mention.name)).copied());
            if let Some(owner) = owner {
                mention.name = owner;
            }
        }
    }
    drop(owner_of);

    // Spans already taken: timexes and mentions, each by start. None
    // overlaps another, so a span clashes with the taken ones just when it
    // clashes with the last timex or the last mention starting before it
    // ends. The mentions added below need not join them: each starts
    // after the last one ends, where the scan has moved on.
    let (mut timexes_before, mut mentions_before) =
        (SpansBefore::default(), SpansBefore::default());
    let mut extra = Vec::new();
    let mut forms: Vec<(&str, u32)> = people.iter().map(|&p| (names.get(p), p)).collect();
    forms.extend(surname_owner.iter().map(|(&s, &p)| (s, p)));
    forms.sort_by(|a, b| {
        b.0.len()
            .cmp(&a.0.len())
            .then(a.0.cmp(b.0))
            .then_with(|| names.get(a.1).cmp(names.get(b.1)))
    });
    if !forms.is_empty() {
        let opening = opening_bytes(forms.iter().map(|(form, _)| *form));
        let by_first_word = FormsByFirstWord::new(&forms);
        let mut resume_at = body_start;
        for start in word_starts_opening(text, body_start, &opening) {
            if start < resume_at {
                continue;
            }
            let Some((index, end)) = by_first_word.first_at(text, start) else {
                continue;
            };
            resume_at = end;
            let (start, end) = (offset32(start), offset32(end));
            let clashes = timexes_before.last_ends_after(occupied, |&span| span, start, end)
                || mentions_before.last_ends_after(mentions, |m| (m.start, m.end), start, end);
            if clashes {
                continue;
            }
            extra.push(MentionDraft {
                start,
                end,
                kind: EntityKind::Person,
                name: forms[index].1,
                rule: coreference,
            });
        }
    }
    mentions.reserve_exact(extra.len());
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.start, m.end));
    by_entity(mentions, names.len())
}

/// Where spans sorted by start stand against spans asked about in turn,
/// each after the last: how many start before the end of the last asked
/// about, counted on from one question to the next rather than searched
/// for (a long document's binary searches miss the cache at every step).
#[derive(Debug, Default)]
struct SpansBefore {
    count: usize,
}

impl SpansBefore {
    /// Whether the last of `spans` (sorted by start, their `(start, end)`
    /// given by `span`) starting before `end` ends after `start`: whether
    /// it overlaps `[start, end)`, when no two of `spans` overlap. `end`
    /// is at or after the one asked about before.
    fn last_ends_after<T>(
        &mut self,
        spans: &[T],
        span: impl Fn(&T) -> (u32, u32),
        start: u32,
        end: u32,
    ) -> bool {
        while spans.get(self.count).is_some_and(|s| span(s).0 < end) {
            self.count += 1;
        }
        self.count
            .checked_sub(1)
            .is_some_and(|last| span(&spans[last]).1 > start)
    }
}

/// Mentions (sorted by offset) gathered by type and canonical name (a
/// number below `names`), the entities in order of first mention. Each
/// entity's mentions are counted before they are placed, each entity's
/// stretch after the last one's, so that a long document's mentions are
/// held twice at most.
fn by_entity<R: Copy>(mentions: &mut Vec<MentionDraft<R>>, names: usize) -> Grouped<R> {
    // Each entity's count of mentions, in the end of its stretch for now.
    // A name is mostly of one type: room for about as many entities as
    // names, at once.
    let mut entities: Vec<GroupedEntity> = Vec::with_capacity(names.min(mentions.len()));
    let mut entity_of: Vec<u32> = Vec::with_capacity(mentions.len());
    // Each (name, type)'s entity: names are numbered from 0 on, so a table
    // by name and type finds it without hashing (a document has as many
    // names as entities, give or take).
    let mut index = vec![NO_ENTITY; names * KINDS];
    for mention in mentions.iter() {
        let slot = mention.name as usize * KINDS + mention.kind as usize;
        if index[slot] == NO_ENTITY {
            index[slot] = offset32(entities.len());
            entities.push(GroupedEntity {
                kind: mention.kind,
                name: mention.name,
                mentions: (0, 0),
            });
        }
        let at = index[slot];
        entities[at as usize].mentions.1 += 1;
        entity_of.push(at);
    }
    drop(index);
    // The stretches, one after another; each one's end then moves on as
    // its mentions are placed, up to where the next one starts.
    let mut next = 0;
    for entity in &mut entities {
        let count = entity.mentions.1;
        entity.mentions = (next, next);
        next += count;
    }
    let Some(first) = mentions.first() else {
        mentions.clear();
        return Grouped {
            entities,
            mentions: Vec::new(),
        };
    };
    let unplaced = EntityMention {
        start: 0,
        end: 0,
        rule: first.rule,
    };
    let mut placed = vec![unplaced; mentions.len()];
    for (mention, at) in mentions.drain(..).zip(entity_of) {
        let end = &mut entities[at as usize].mentions.1;
        placed[*end as usize] = EntityMention {
            start: mention.start,
            end: mention.end,
            rule: mention.rule,
        };
        *end += 1;
    }
    Grouped {
        entities,
        mentions: placed,
    }
}

/// How many entity types there are ([`EntityKind`] as a number is below).
const KINDS: usize = EntityKind::Place as usize + 1;

/// No entity yet, in [`by_entity`]'s table.
const NO_ENTITY: u32 = u32::MAX;

/// The forms coreference looks for (full names, and the surnames and
/// first names that stand for them) by first word.
///
/// A document has a few dozen such forms: a small map built per document
/// costs far less than a gazetteer [`crate::matcher::Lexicon`] with its
/// packed word table, and finds the same forms.
struct FormsByFirstWord<'f> {
    forms: &'f [(&'f str, u32)],
    /// First word → index of the first form opening with it.
    heads: FxHashMap<&'f str, u32>,
    /// Each form's next one with the same first word, in the order of
    /// `forms` (longest first), or [`FormsByFirstWord::NONE`]: lists
    /// threaded through one vector, not a vector per word.
    next: Vec<u32>,
    /// The first two bytes of the first words (see [`BytePairs`]): most
    /// word starts that share a form's first byte ("The" and "Tariq") are
    /// turned away before their word is looked up.
    pairs: BytePairs,
}

/// A set of byte pairs, each kept as the low six bits of both bytes (the
/// letters of either case apart): 4,096 bits on the stack. Pairs that agree
/// in those bits look alike, so a pair it holds may not have been inserted,
/// but one inserted is always held.
struct BytePairs([u64; 64]);

impl BytePairs {
    fn new() -> BytePairs {
        BytePairs([0; 64])
    }

    /// The bit of the pair `(first, second)`.
    fn bit(first: u8, second: u8) -> usize {
        usize::from(first & 0x3F) << 6 | usize::from(second & 0x3F)
    }

    fn insert(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether the pair opening `bytes` (the second byte 0 past the end)
    /// may have been admitted.
    fn may_open(&self, bytes: &[u8]) -> bool {
        let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
        let bit = Self::bit(byte(0), byte(1));
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Admits `word` (a word of two bytes or more, or of one followed by
    /// any byte).
    fn admit(&mut self, word: &[u8]) {
        match *word {
            [first, second, ..] => self.insert(Self::bit(first, second)),
            [first] => (0..=0x3F).for_each(|second| self.insert(Self::bit(first, second))),
            [] => {}
        }
    }
}

impl<'f> FormsByFirstWord<'f> {
    /// The end of a list.
    const NONE: u32 = u32::MAX;

    /// Indexes `forms` (form, owner), sorted longest first.
    fn new(forms: &'f [(&'f str, u32)]) -> FormsByFirstWord<'f> {
        debug_assert!(forms.windows(2).all(|w| w[0].0.len() >= w[1].0.len()));
        let mut heads: FxHashMap<&str, u32> = FxHashMap::default();
        heads.reserve(forms.len());
        let mut next = vec![Self::NONE; forms.len()];
        let mut pairs = BytePairs::new();
        // Last to first, so that each list runs in the order of `forms`.
        for (index, (form, _)) in forms.iter().enumerate().rev() {
            let first = &form[..word_end(form, 0)];
            // No word starts with an empty word: such a form is never found.
            if !first.is_empty() {
                pairs.admit(first.as_bytes());
                let index = offset32(index);
                if let Some(following) = heads.insert(first, index) {
                    next[index as usize] = following;
                }
            }
        }
        FormsByFirstWord {
            forms,
            heads,
            next,
            pairs,
        }
    }

    /// The longest form at the word start `at` of `text` that ends a word
    /// there: `(index in forms, end)`.
    fn first_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        // A word the text shares with a form opens with the form's pair.
        if !self.pairs.may_open(&text.as_bytes()[at..]) {
            return None;
        }
        let first_end = word_end(text, at);
        let mut index = *self.heads.get(&text[at..first_end])?;
        let first_len = first_end - at;
        while index != Self::NONE {
            let form = self.forms[index as usize].0.as_bytes();
            if let Some(end) = form_end_at(text, at, first_len, form) {
                return Some((index as usize, end));
            }
            index = self.next[index as usize];
        }
        None
    }
}

/// Which bytes open some of `forms`.
fn opening_bytes<'f>(forms: impl Iterator<Item = &'f str>) -> [bool; 256] {
    let mut opening = [false; 256];
    for form in forms {
        if let Some(&byte) = form.as_bytes().first() {
            opening[usize::from(byte)] = true;
        }
    }
    opening
}

/// Offsets in `text` from `from` on where a word starts (a word character
/// with no word character before it) with a byte `opening` marks.
///
/// Only those can open a form, and they are few: testing each byte against
/// the table and decoding characters only there is much cheaper than
/// decoding every character of the document. `opening` marks first bytes of
/// strings, never UTF-8 continuation bytes, so each offset it passes is a
/// character boundary.
///
/// When the opening bytes are ASCII (capitals, mostly), a chunk of bytes
/// at a time is passed over while none lies between the least and the
/// greatest of them ([`ByteRange`], [`first_wanted`]).
fn word_starts_opening<'t>(
    text: &'t str,
    from: usize,
    opening: &'t [bool; 256],
) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    let range = ByteRange::spanning(opening);
    let mut at = from;
    std::iter::from_fn(move || loop {
        let here = match &range {
            Some(range) => first_wanted(bytes, at, |b| range.holds(b))?,
            None => at,
        };
        let byte = *bytes.get(here)?;
        at = here + 1;
        if opening[usize::from(byte)] && starts_word(text, here) {
            return Some(here);
        }
    })
}

/// An inclusive range of ASCII bytes.
#[derive(Debug, Clone, Copy)]
struct ByteRange {
    least: u8,
    greatest: u8,
}

impl ByteRange {
    /// The range from the least to the greatest byte `marked`, if they are
    /// all ASCII (and some are).
    fn spanning(marked: &[bool; 256]) -> Option<ByteRange> {
        let least = marked.iter().position(|&m| m)?;
        let greatest = marked.iter().rposition(|&m| m)?;
        let range = ByteRange {
            least: u8::try_from(least).ok()?,
            greatest: u8::try_from(greatest).ok()?,
        };
        (greatest < 0x80).then_some(range)
    }

    /// Whether `byte` lies in the range: one comparison, as bytes below
    /// the least wrap round to above the greatest (and no branch, so that
    /// a chunk's bytes are tested at once).
    fn holds(&self, byte: u8) -> bool {
        byte.wrapping_sub(self.least) <= self.greatest - self.least
    }
}

// Skipping over text a chunk at a time: most of a document holds no
// capital opening a known name. [`skip_chunks_without`] tests [`CHUNK`]
// bytes per step with a test that has no branch per byte, which the
// compiler turns into vector compares (SSE2 on any x86-64): several times
// fewer instructions per byte than testing eight bytes packed in a `u64`.

/// The first offset from `at` on that does not start [`CHUNK`] bytes of
/// `bytes` none of which is `wanted`: the offset of the first chunk that
/// may hold a wanted byte, or of the tail shorter than a chunk. Every
/// byte skipped is unwanted; the caller looks at the rest one by one.
///
/// `wanted` should be a branch-free test (comparisons joined with `|` or
/// `&`, not `||` or `&&`), so that it is computed for all the bytes of a
/// chunk at once.
#[inline(always)]
fn skip_chunks_without(bytes: &[u8], mut at: usize, wanted: impl Fn(u8) -> bool) -> usize {
    while let Some(chunk) = bytes.get(at..at.saturating_add(CHUNK)) {
        let chunk: &[u8; CHUNK] = chunk.try_into().expect("a whole chunk");
        if chunk_holds(chunk, &wanted) {
            break;
        }
        at += CHUNK;
    }
    at
}

/// The offset of the first byte of `bytes` from `at` on that is `wanted`.
#[inline(always)]
fn first_wanted(bytes: &[u8], at: usize, wanted: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let at = skip_chunks_without(bytes, at, wanted);
    let offset = bytes.get(at..)?.iter().position(|&b| wanted(b))?;
    Some(at + offset)
}

/// Whether a word starts at `at` (a character boundary): a word character
/// with no word character before it.
fn starts_word(text: &str, at: usize) -> bool {
    word_char_at(text, at) && no_word_char_before(text, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_word_char;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn skipped_bytes_are_unwanted_and_the_first_wanted_is_found(
            bytes in prop::collection::vec(prop_oneof![Just(b'a'), Just(b'.'), any::<u8>()], 0..200),
            from in 0usize..210,
            wanted_byte in any::<u8>(),
        ) {
            let wanted = |b: u8| (b == wanted_byte) | (b == b'.');
            let skipped = skip_chunks_without(&bytes, from, wanted);
            let simple = bytes.iter().enumerate().skip(from).find(|&(_, &b)| wanted(b)).map(|(at, _)| at);
            prop_assert!(skipped >= from);
            prop_assert!(simple.is_none_or(|first| skipped <= first));
            // It stops at a chunk holding a wanted byte, or at the tail.
            prop_assert!(skipped + CHUNK > bytes.len() || simple.is_some_and(|first| first < skipped + CHUNK));
            prop_assert_eq!(first_wanted(&bytes, from, wanted), simple);
        }
    }

    proptest! {
        #[test]
        fn names_given_back_as_they_are_need_no_normalising(
            parts in prop::collection::vec(
                prop_oneof![
                    "[A-Z][a-z]{0,3}".boxed(),
                    prop::sample::select(vec![" ", "  ", "\t", "\n", "\u{b}", "\u{a0}", "'", "'s", "’", "–", "-"])
                        .prop_map(str::to_string)
                        .boxed(),
                ],
                0..6,
            )
        ) {
            let name = parts.concat();
            prop_assert_eq!(normalise_name(&name).into_owned(), normalise_name_fully(&name));
        }
    }

    /// Every word start from `from` on, each character decoded: what
    /// [`word_starts_opening`] gives, before its byte filter.
    fn word_starts(text: &str, from: usize) -> Vec<usize> {
        let mut after_word = text[..from].chars().next_back().is_some_and(is_word_char);
        text[from..]
            .char_indices()
            .filter_map(|(offset, c)| {
                let word = is_word_char(c);
                let opens = word && !after_word;
                after_word = word;
                opens.then_some(from + offset)
            })
            .collect()
    }

    proptest! {
        #[test]
        fn spans_before_find_the_clashes_a_search_finds(
            gaps in prop::collection::vec((0u32..6, 1u32..6), 0..20),
            asked in prop::collection::vec((0u32..8, 1u32..6), 0..20),
        ) {
            // Spans that do not overlap, by start; spans asked about in turn.
            let mut at = 0;
            let spans: Vec<(u32, u32)> = gaps
                .iter()
                .map(|&(gap, len)| {
                    at += gap;
                    at += len;
                    (at - len, at)
                })
                .collect();
            let mut before = SpansBefore::default();
            let mut at = 0;
            for (gap, len) in asked {
                let (start, end) = (at + gap, at + gap + len);
                at = end;
                let last = spans.partition_point(|&(s, _)| s < end).checked_sub(1);
                let searched = last.is_some_and(|last| spans[last].1 > start);
                prop_assert_eq!(before.last_ends_after(&spans, |&s| s, start, end), searched);
            }
        }

        #[test]
        fn byte_ranges_hold_what_lies_between_their_ends(
            ends in (0u8..0x80, 0u8..0x80),
            byte in any::<u8>(),
        ) {
            let (least, greatest) = (ends.0.min(ends.1), ends.0.max(ends.1));
            let range = ByteRange { least, greatest };
            for byte in [byte, least, greatest] {
                prop_assert_eq!(range.holds(byte), (least..=greatest).contains(&byte));
            }
        }

        #[test]
        fn long_texts_give_the_word_starts_with_an_opening_byte(
            words in prop::collection::vec("([a-zA-Z_0-9 .'-]|\u{e9}|\u{c9}l|\u{4e1c}|\u{a0}){0,30}", 0..12),
            forms in prop::collection::vec("(\u{c9}|\u{4e1c}|'|[a-zA-Z0-9_])[a-z]{0,3}", 0..4),
            from_fraction in 0.0f64..1.0,
        ) {
            let text = words.join(" ");
            let mut from = (text.len() as f64 * from_fraction) as usize;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let opening = opening_bytes(forms.iter().map(String::as_str));
            let fast: Vec<usize> = word_starts_opening(&text, from, &opening).collect();
            let bytes = text.as_bytes();
            let simple: Vec<usize> = (from..bytes.len())
                .filter(|&at| opening[usize::from(bytes[at])] && starts_word(&text, at))
                .collect();
            prop_assert_eq!(fast, simple);
        }

        #[test]
        fn word_starts_opening_are_the_word_starts_with_an_opening_byte(
            text in "([a-zA-Z_0-9 .'-]|\u{e9}|\u{c9}l|\u{4e1c}|\u{a0}|\u{2019}){0,24}",
            forms in prop::collection::vec("(\u{c9}|\u{4e1c}|'|[a-zA-Z0-9_])[a-z]{0,3}", 0..4),
            from_fraction in 0.0f64..1.0,
        ) {
            let mut from = (text.len() as f64 * from_fraction) as usize;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let opening = opening_bytes(forms.iter().map(String::as_str));
            let fast: Vec<usize> = word_starts_opening(&text, from, &opening).collect();
            let simple: Vec<usize> = word_starts(&text, from)
                .into_iter()
                .filter(|&at| opening[usize::from(text.as_bytes()[at])])
                .collect();
            prop_assert_eq!(fast, simple);
        }
    }

    proptest! {
        #[test]
        fn forms_by_first_word_find_what_a_lexicon_finds(
            filler in "([a-zA-Z' .-]|\u{e9}|\u{4e1c}|\u{a0}){0,20}",
            forms in prop::collection::vec("([A-Za-z]|\u{e9}|'|\u{4e1c}){1,3}( ?[a-z\u{e9}.'-]{0,3}){0,2}", 0..8),
            order in prop::collection::vec(0usize..16, 0..12),
        ) {
            // The forms themselves, whole and cut short, among other text.
            let mut text = filler.clone();
            for &at in &order {
                if let Some(form) = forms.get(at % forms.len().max(1)) {
                    let cut = if at >= 8 { form.len() / 2 } else { form.len() };
                    let cut = (0..=cut).rev().find(|&c| form.is_char_boundary(c)).unwrap_or(0);
                    text.push_str(&form[..cut]);
                    text.push_str(if at % 3 == 0 { " " } else { &filler });
                }
            }
            let mut forms: Vec<(&str, u32)> =
                forms.iter().enumerate().map(|(i, f)| (f.as_str(), offset32(i))).collect();
            forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
            let lexicon =
                crate::matcher::Lexicon::new(forms.iter().map(|(f, _)| f.to_string()).collect());
            let by_first_word = FormsByFirstWord::new(&forms);
            for at in word_starts(&text, 0) {
                prop_assert_eq!(by_first_word.first_at(&text, at), lexicon.longest_at(&text, at));
            }
        }
    }

    proptest! {
        /// The mentions placed entity after entity in one list are those
        /// pushed onto a list per entity, entity by entity in order of
        /// first mention.
        #[test]
        fn one_list_holds_what_lists_per_entity_hold(
            drawn in prop::collection::vec((0u32..6, 0usize..3, 1u32..4), 0..40),
        ) {
            const KIND: [EntityKind; 3] = [EntityKind::Person, EntityKind::Group, EntityKind::Place];
            let mut at = 0;
            let mentions: Vec<MentionDraft<u32>> = drawn
                .iter()
                .enumerate()
                .map(|(rule, &(name, kind, len))| {
                    at += len + 1;
                    MentionDraft { start: at - len, end: at, kind: KIND[kind], name, rule: offset32(rule) }
                })
                .collect();
            let mut simple: Vec<DocEntity<u32>> = Vec::new();
            for m in &mentions {
                let mention = EntityMention { start: m.start, end: m.end, rule: m.rule };
                match simple.iter_mut().find(|e| e.kind == m.kind && e.name == m.name) {
                    Some(entity) => entity.mentions.push(mention),
                    None => simple.push(DocEntity { kind: m.kind, name: m.name, mentions: vec![mention] }),
                }
            }
            let grouped = by_entity(&mut mentions.clone(), 6);
            let mut next = 0;
            for entity in &grouped.entities {
                prop_assert_eq!(entity.mentions.0, next);
                next = entity.mentions.1;
            }
            prop_assert_eq!(next as usize, grouped.mentions.len());
            prop_assert_eq!(grouped.into_entities(), simple);
        }
    }

    fn person(
        names: &mut Interner,
        text: &str,
        start: usize,
        name: &str,
    ) -> MentionDraft<&'static str> {
        MentionDraft {
            start: offset32(start),
            end: offset32(start + name.len()),
            kind: EntityKind::Person,
            name: names.intern(&normalise_name(&text[start..start + name.len()])),
            rule: "test",
        }
    }

    #[test]
    fn surnames_join_the_full_name_and_repeat() {
        let text = "Mustafa al-Khatib, a 40-year-old, spoke. Khatib left. Later al-Khatib and Khatib’s aide.";
        let particles = vec!["al-".to_string()];
        let start = text.find("Mustafa").unwrap();
        let mut names = Interner::default();
        let mention = person(&mut names, text, start, "Mustafa al-Khatib");
        let entities = group(
            vec![mention],
            COREFERENCE_RULE,
            &names,
            text,
            0,
            &[],
            &particles,
        );
        assert_eq!(entities.len(), 1);
        let rules: Vec<&str> = entities[0].mentions.iter().map(|m| m.rule).collect();
        assert_eq!(
            rules,
            vec!["test", COREFERENCE_RULE, COREFERENCE_RULE, COREFERENCE_RULE]
        );
        let texts: Vec<&str> = entities[0]
            .mentions
            .iter()
            .map(|m| &text[m.start as usize..m.end as usize])
            .collect();
        assert_eq!(
            texts,
            vec!["Mustafa al-Khatib", "Khatib", "al-Khatib", "Khatib"]
        );
    }

    proptest! {
        #[test]
        fn byte_pairs_hold_every_word_admitted(
            words in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..4), 1..6),
            after in any::<u8>(),
        ) {
            let mut pairs = BytePairs::new();
            for word in &words {
                pairs.admit(word);
            }
            for word in &words {
                let mut followed = word.clone();
                followed.push(after);
                prop_assert!(pairs.may_open(&followed));
            }
        }
    }

    #[test]
    fn surnames_with_and_without_their_particle() {
        let particles = vec!["al-".to_string(), "bin ".to_string()];
        let found: Vec<&str> = surnames("Abu Muhammad al-Adnani", &particles).collect();
        assert_eq!(found, vec!["al-Adnani", "Adnani"]);
        assert_eq!(surnames("Adnani", &particles).count(), 0);
        assert_eq!(surnames("Li Na", &particles).count(), 0);
        let found: Vec<&str> = surnames("Omar al-Bo", &particles).collect();
        assert_eq!(found, vec!["al-Bo"]);
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise_name("Adnani’s"), "Adnani");
        assert_eq!(normalise_name("al–Qaida"), "al-Qaida");
        assert_eq!(normalise_name("Lee \n Rigby"), "Lee Rigby");
        assert_eq!(normalise_name("Ana Ruiz's"), "Ana Ruiz");
        assert_eq!(normalise_name(" Ana  Ruiz "), "Ana Ruiz");
        assert_eq!(normalise_name("O'Neil'"), "O'Neil");
        assert!(matches!(
            normalise_name("Ana Ruiz"),
            Cow::Borrowed("Ana Ruiz")
        ));
    }

    #[test]
    fn occupied_spans_block_coreference() {
        let text = "Jane Austen wrote. Austen Road.";
        let mut names = Interner::default();
        let mention = person(&mut names, text, 0, "Jane Austen");
        let entities = group(
            vec![mention],
            COREFERENCE_RULE,
            &names,
            text,
            0,
            &[(19, 30)],
            &[],
        );
        assert_eq!(entities[0].mentions.len(), 1);
    }
}
