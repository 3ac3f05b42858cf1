//! The per-document pipeline: sentences, matching, overlaps, dates,
//! entities and events, written as a partial [`Timeline`].

use crate::analysis::{
    Analysis, EntityRecord, EventRecord, MaybeNumber, MentionPlace, Numbered, HAND_ON_BYTES,
};
use crate::calendar::Day;
use crate::document::{offset32, Document};
use crate::entities::{self, Grouped, MentionDraft};
use crate::events::{Anchor, EventBuilder, Item, Placed};
use crate::intern::Interner;
use crate::matcher::{Candidate, Matcher, Origin};
use crate::offsets::OffsetMap;
use crate::overlap::{self, OverlapSpace};
use crate::rules::{RuleKind, RuleSet, TimexKind};
use crate::schema::{DocumentInfo, Timeline};
use crate::sentence::{Sentence, SentenceCursor, SentenceSplitter};
use crate::text::{is_word_char, lowercase_into, push_slug};
use crate::timeline::YearWindow;
use crate::timexes::{self, ResolvedTimex, Timexes};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A rule set compiled and ready to read documents; shared by all threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    rules: RuleSet,
    matcher: Matcher,
    splitter: SentenceSplitter,
    window: YearWindow,
    times: Arc<StageTimes>,
}

/// The pipeline's stages, in order, as [`Extractor::stage_times`] names them.
pub const STAGES: [&str; 6] = [
    "sentences",
    "matching",
    "dates",
    "entities",
    "events",
    "output",
];

/// Time spent in each stage, summed over documents and threads.
#[derive(Debug, Default)]
struct StageTimes {
    nanos: [AtomicU64; 6],
}

impl StageTimes {
    fn add(&self, stage: usize, since: Instant) -> Instant {
        let now = Instant::now();
        let spent = u64::try_from((now - since).as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage].fetch_add(spent, Ordering::Relaxed);
        now
    }
}

impl Extractor {
    /// Compiles `rules`; the window comes from the rule set's settings.
    pub fn new(rules: RuleSet) -> Result<Extractor, String> {
        let matcher = Matcher::new(&rules)?;
        let splitter = SentenceSplitter::new(rules.settings.abbreviations.iter().cloned());
        let window = YearWindow {
            from: rules.settings.window_from,
            to: rules.settings.window_to,
        };
        Ok(Extractor {
            rules,
            matcher,
            splitter,
            window,
            times: Arc::default(),
        })
    }

    /// Time spent so far in each stage ([`STAGES`]), over all documents
    /// and threads.
    pub fn stage_times(&self) -> Vec<(&'static str, Duration)> {
        STAGES
            .iter()
            .zip(&self.times.nanos)
            .map(|(name, nanos)| (*name, Duration::from_nanos(nanos.load(Ordering::Relaxed))))
            .collect()
    }

    /// The same extractor with another window (`--from`, `--to`).
    pub fn with_window(mut self, window: YearWindow) -> Extractor {
        self.window = window;
        self
    }

    /// The window events are kept in.
    pub fn window(&self) -> YearWindow {
        self.window
    }

    /// The rule set.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Reads one document into a partial timeline.
    pub fn extract(&self, doc: &Document) -> Timeline {
        let analysis = self.analyse(doc);
        let clock = Instant::now();
        let timeline = analysis.into_timeline();
        self.times.add(5, clock);
        timeline
    }

    /// Reads one document and appends its partial timeline to `out` as one
    /// line of JSON (newline included): the same JSON as
    /// [`Extractor::extract`]'s, written without building it. Returns the
    /// document's line in `documents`.
    pub fn extract_json_line(&self, doc: &Document, out: &mut Vec<u8>) -> DocumentInfo {
        let analysis = self.analyse(doc);
        let clock = Instant::now();
        // The whole line stays in `out`: nothing to hand on.
        analysis
            .write_json(out, |_| Ok(()))
            .expect("JSON of plain data into memory never fails");
        out.push(b'\n');
        let (document, timexes, numbered) = analysis.into_reusable_parts();
        take_back(timexes, numbered);
        self.times.add(5, clock);
        document
    }

    /// Writes `analysis` to `out` as one line of JSON (what
    /// [`Extractor::extract_json_line`] appends), a buffer's worth at a
    /// time.
    pub fn write_json_line(
        &self,
        analysis: &Analysis<'_>,
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        let clock = Instant::now();
        let mut buffer = Vec::with_capacity(2 * HAND_ON_BYTES);
        analysis.write_json(&mut buffer, |buffer| {
            out.write_all(buffer)?;
            buffer.clear();
            Ok(())
        })?;
        buffer.push(b'\n');
        out.write_all(&buffer)?;
        self.times.add(5, clock);
        Ok(())
    }

    /// Reads one document into its entities, timexes and events, borrowing
    /// the document and the rule ids: what [`Extractor::extract`] returns,
    /// before any copy.
    ///
    /// A long document is matched a segment at a time (see
    /// [`Extractor::accepted_candidates`]) and each segment's candidates go
    /// straight into timexes, mention drafts and event items, so that what
    /// is held grows with what was found, in its compact form.
    pub fn analyse<'a>(&'a self, doc: &'a Document) -> Analysis<'a> {
        let clock = Instant::now();
        // Taken for the document (a nested call would get a fresh one) and
        // given back at its end.
        let mut space = WORK_SPACE.take();
        let WorkSpace {
            sentences,
            timex_space,
            rule_numbers,
            drafts,
            lowered,
            items,
            occupied,
            offset_keys,
            by_offset,
            events: event_space,
            overlaps,
            names: spent_names,
            words: spent_words,
            event_entities,
        } = &mut space;
        let text = doc.text.as_str();
        let body_start = doc.body_start.min(text.len());
        self.splitter.split_into(text, body_start, sentences);
        if room_of(sentences) > KEPT_BYTES {
            // A long document's sentences are held through all its stages.
            sentences.shrink_to_fit();
        }
        let sentences = &sentences[..];
        let offsets = OffsetMap::new(text);
        let mut clock = self.times.add(0, clock);

        let dct = doc.published.map(|p| p.date());
        let mut resolver = timexes::Resolver::with_space(
            &self.rules.settings,
            text,
            sentences,
            dct,
            std::mem::take(timex_space),
        );
        // Documents name about as many rules as one another: room for as
        // many as the last one named, rather than growing a copy at a time.
        let rules_named = rule_numbers.len();
        rule_numbers.clear();
        let mut rules = RuleNumbers {
            ids: Vec::with_capacity(rules_named),
            numbers: std::mem::take(rule_numbers),
        };
        drafts.clear();
        // Emptied when the last document was written.
        let mut names = std::mem::take(spent_names);
        let mut words = std::mem::take(spent_words);
        // Triggers and figures, by offset; mentions join them per sentence.
        items.clear();
        // The figures of the items, by number.
        let mut figures: Vec<u64> = Vec::new();
        for segment in segments(text, body_start) {
            let accepted = self.accepted_in(text, segment, overlaps);
            clock = self.times.add(1, clock);
            // Room for this segment's timexes, mentions and items at once,
            // rather than growing a copy at a time.
            let (mut timexes, mut mentions, mut others) = (0, 0, 0);
            for c in &accepted {
                match c.kind {
                    RuleKind::Entity(_) => mentions += 1,
                    RuleKind::Trigger | RuleKind::Casualty => others += 1,
                    RuleKind::Timex(_) => timexes += 1,
                }
            }
            resolver.reserve(timexes);
            for candidate in &accepted {
                resolver.push(candidate);
            }
            clock = self.times.add(2, clock);
            drafts.reserve(mentions);
            items.reserve(others);
            for c in accepted {
                let (start, end) = (c.start, c.end);
                let item = match c.kind {
                    RuleKind::Entity(kind) => {
                        let name = match c.canonical {
                            Some(canonical) => names.intern(self.matcher.canonical_name(canonical)),
                            None => names.intern(&entities::normalise_name(&text[start..end])),
                        };
                        drafts.push(MentionDraft {
                            start: offset32(start),
                            end: offset32(end),
                            kind,
                            name,
                            rule: rules.number(c.origin.id(&self.rules)),
                        });
                        continue;
                    }
                    RuleKind::Trigger => {
                        lowercase_into(&text[start..end], lowered);
                        Item::Trigger(words.intern(lowered))
                    }
                    RuleKind::Casualty => {
                        figures.push(c.number.unwrap_or_default());
                        Item::Killed(offset32(figures.len() - 1))
                    }
                    _ => continue,
                };
                items.push(Placed {
                    start: offset32(start),
                    end: offset32(end),
                    item,
                });
            }
            clock = self.times.add(3, clock);
        }
        let (timexes, resolver_space) = resolver.finish_with_space();
        *timex_space = resolver_space;
        let clock = self.times.add(2, clock);

        occupied.clear();
        occupied.extend(timexes.list.iter().map(|t| (t.start, t.end)));
        occupied.sort_unstable();
        let grouped = entities::group_in_one_list(
            drafts,
            rules.number(entities::COREFERENCE_RULE),
            &names,
            text,
            body_start,
            occupied,
            &self.rules.settings.name_particles,
        );
        // A long document's lists are not held through the stages after.
        keep_within(drafts, KEPT_BYTES);
        keep_within(occupied, KEPT_BYTES);
        let (entities_out, mut places) = entity_records(text, &mut names, grouped);
        let clock = self.times.add(3, clock);

        *rule_numbers = rules.numbers;
        let mut numbered = Numbered {
            rules: rules.ids,
            names,
            figures,
            entities: std::mem::take(event_entities),
            ..Numbered::default()
        };
        mentions_by_offset(&places, offset_keys, by_offset);
        let events_out = self.events(
            (text, &offsets, sentences),
            &timexes,
            items,
            (&places, by_offset),
            &mut numbered,
            event_space,
        );
        numbered.words = words;
        keep_within(items, KEPT_BYTES);
        let form_of = |entity: u32, (start, end): (u32, u32)| {
            let entity = &entities_out[entity as usize];
            let text = &text[start as usize..end as usize];
            mention_form(entity, numbered.names.get(entity.name), text)
        };
        mention_places(&mut places, by_offset, &offsets, sentences, form_of);
        space.keep_within(KEPT_BYTES);
        WORK_SPACE.set(space);
        let clock = self.times.add(4, clock);

        let document = DocumentInfo {
            id: doc.id.clone(),
            source: doc.source.clone(),
            published: doc.published.map(published_text),
            chars: offsets.to_char(text.len()),
            bytes: text.len(),
            sha256: hex(&Sha256::digest(text.as_bytes())),
        };
        self.times.add(5, clock);
        Analysis::new(
            document,
            self.window,
            (entities_out, places),
            (doc.id.as_str(), text, offsets),
            &self.rules,
            timexes,
            (events_out, numbered),
        )
    }

    /// The events of a document in the window, sentence by sentence: each
    /// sentence's dated timexes anchor its clauses, which carry the items
    /// (triggers and figures sorted by offset, and entity mentions, as
    /// [`entity_records`] leaves them, with their order by offset) that lie
    /// wholly inside the sentence. Their entities go to `numbered`, which
    /// already holds the figures the items number.
    fn events(
        &self,
        (text, offsets, sentences): (&str, &OffsetMap<'_>, &[Sentence]),
        document_timexes: &Timexes,
        others: &[Placed<Item>],
        (places, mentions): (&[MentionPlace], &[u32]),
        numbered: &mut Numbered<'_>,
        space: &mut EventSpace,
    ) -> Vec<EventRecord> {
        let timexes = &document_timexes.list;
        // A clause has one anchor, so there are at most as many events as
        // dated timexes: room for them all at once, rather than the up to
        // twice as much that growing by doubling leaves at the peak.
        let dated = timexes.iter().filter(|t| is_dated(t)).count();
        let mut events = Vec::with_capacity(dated);
        // Space reused from one sentence to the next.
        let EventSpace {
            inside,
            dated,
            anchors,
            builder,
        } = space;
        // Sentences and timexes come in text order: each is counted on from
        // the last of its kind.
        let (mut sentence_offsets, mut timex_offsets) = (offsets.cursor(), offsets.cursor());
        // The items of the sentences not yet reached.
        let (mut others_left, mut mentions_left) = (others, mentions);
        // Timexes are in offset order, so their sentences are too.
        let mut next = 0;
        while next < timexes.len() {
            let sentence_number = timexes[next].sentence;
            let index = sentence_number as usize;
            // A sentence holds few timexes: counted one by one, not sought
            // through all that follow.
            let run = timexes[next..]
                .iter()
                .take_while(|t| t.sentence == sentence_number)
                .count();
            let first = next;
            next += run;
            let Some(sentence) = sentences.get(index) else {
                continue;
            };
            dated.clear();
            dated.extend((first..next).filter(|&i| is_dated(&timexes[i])));
            if dated.is_empty() {
                continue;
            }
            anchors.clear();
            anchors.extend(dated.iter().map(|&i| Anchor {
                start: timexes[i].start as usize,
                end: timexes[i].end as usize,
                bounding: timexes[i].signal.is_some_and(|s| {
                    let signal = document_timexes.text(s);
                    self.rules.settings.bounding_signals.contains(signal)
                }),
            }));
            // An item belongs to the sentence its start falls in, and counts
            // only if it ends there too. Only a coreference mention can start
            // where a trigger or figure does (accepted candidates do not
            // overlap); it comes second.
            let next_start = sentences.get(index + 1).map_or(usize::MAX, |s| s.start());
            let starts = sentence.start()..next_start;
            let others = take_starting_in(&mut others_left, |p| p.start as usize, &starts);
            let mentions = take_starting_in(
                &mut mentions_left,
                |&m| places[m as usize].start as usize,
                &starts,
            );
            inside.clear();
            let mut others = others.iter().cloned().peekable();
            let mut mentions = mentions
                .iter()
                .map(|&m| {
                    let m = &places[m as usize];
                    Placed {
                        start: m.start,
                        end: m.end,
                        item: Item::Entity(m.form),
                    }
                })
                .peekable();
            loop {
                let next = match (others.peek(), mentions.peek()) {
                    (Some(o), Some(m)) if o.start <= m.start => others.next(),
                    (_, Some(_)) => mentions.next(),
                    (Some(_), None) => others.next(),
                    (None, None) => break,
                };
                inside.extend(next.filter(|p| (p.end as usize) <= sentence.end()));
            }
            let sentence_chars =
                span32(sentence_offsets.span_to_chars(sentence.start(), sentence.end()));
            for draft in builder.build(text, (sentence.start(), sentence.end()), anchors, inside) {
                let timex = dated[draft.anchor];
                let Some(range) = timexes[timex].range else {
                    continue;
                };
                if !self.window.contains_dates(range.start, range.end) {
                    continue;
                }
                let first = offset32(numbered.entities.len());
                numbered.entities.extend_from_slice(&draft.entities);
                let timex_chars = timex_offsets
                    .span_to_chars(timexes[timex].start as usize, timexes[timex].end as usize);
                events.push(EventRecord {
                    timex: offset32(timex),
                    sentence: (offset32(sentence.start()), offset32(sentence.end())),
                    sentence_chars,
                    timex_chars: span32(timex_chars),
                    entities: (first, offset32(numbered.entities.len())),
                    trigger: MaybeNumber::new(draft.trigger),
                    killed: MaybeNumber::new(draft.killed),
                });
            }
        }
        events.shrink_to_fit();
        events
    }

    /// The candidates of a document's body that survive the ambiguity
    /// check and overlap resolution, sorted by offset (byte offsets).
    ///
    /// A match never crosses a blank line: paragraphs are matched in
    /// segments of at least [`SEGMENT_BYTES`], so that a long document's
    /// candidates are held a segment at a time.
    pub fn accepted_candidates(&self, doc: &Document) -> Vec<Candidate> {
        let text = doc.text.as_str();
        let body_start = doc.body_start.min(text.len());
        let mut overlaps = OverlapSpace::default();
        segments(text, body_start)
            .flat_map(|segment| self.accepted_in(text, segment, &mut overlaps))
            .collect()
    }

    /// The accepted candidates of the segment `[start, end)` of `text`;
    /// overlaps are resolved in `overlaps`.
    fn accepted_in(
        &self,
        text: &str,
        (start, end): (usize, usize),
        overlaps: &mut OverlapSpace,
    ) -> Vec<Candidate> {
        let mut candidates = self.matcher.find(&text[start..end], &self.rules);
        for c in &mut candidates {
            c.start += start;
            c.end += start;
        }
        candidates.retain(|c| self.accept_ambiguous(text, c));
        overlap::resolve_in(candidates, overlaps)
    }

    /// A gazetteer form that is also a common word (`Nice`, `Reading`,
    /// `Labour`) needs context: a place needs a cue word before it (`in
    /// Nice`); a group or person name counts inside a sentence, where its
    /// capital is telling, but not as a sentence's first word.
    fn accept_ambiguous(&self, text: &str, candidate: &Candidate) -> bool {
        if !matches!(candidate.origin, Origin::Gazetteer(_)) {
            return true;
        }
        let surface = &text[candidate.start..candidate.end];
        if !self.rules.settings.ambiguous.contains(surface) {
            return true;
        }
        let cued = previous_word(text, candidate.start)
            .is_some_and(|w| self.rules.settings.place_cues.contains(&w.to_lowercase()));
        match candidate.kind {
            RuleKind::Entity(crate::rules::EntityKind::Place) => cued,
            _ => cued || !opens_sentence(text, candidate.start),
        }
    }
}

/// The document's entities as they are written: by id (entities whose
/// names share an id unite, the longest name naming them, as a merge
/// does), mentions by offset, aliases the other surface forms. The ids
/// join the names in `names`.
///
/// Their mentions come in one list, entity after entity, each still in
/// bytes with its entity's number for a form, as [`mention_places`] takes
/// them.
fn entity_records<'a>(
    text: &'a str,
    names: &mut Interner,
    grouped: Grouped<u32>,
) -> (Vec<EntityRecord<'a>>, Vec<MentionPlace>) {
    let Grouped { entities, mentions } = grouped;
    // Each id is written here, then interned: room for most at once.
    let mut id = String::with_capacity(64);
    // Entities whose names share an id unite into the first of them, the
    // others joining in their order: what a stable sort by id and a pass
    // over each run would do, without moving the records while sorting.
    // Each united record names its first and last member among
    // `entities`; each member names the next (`next_member`).
    let mut united: Vec<(EntityRecord<'a>, u32, u32)> = Vec::with_capacity(entities.len());
    let mut next_member = vec![NO_MEMBER; entities.len()];
    // Where each id's entity is in `united`, by the id's number: each
    // entity adds one string at most.
    let mut places: Vec<usize> = Vec::with_capacity(names.len() + entities.len());
    for (member, entity) in entities.iter().enumerate() {
        let member = offset32(member);
        let kind = entity.kind.as_str();
        id.clear();
        id.push_str(kind);
        id.push('/');
        push_slug(names.get(entity.name), &mut id);
        let number = names.intern(&id);
        let slot = number as usize;
        if places.len() <= slot {
            places.resize(slot + 1, usize::MAX);
        }
        if places[slot] == usize::MAX {
            places[slot] = united.len();
            let record = EntityRecord {
                id: number,
                kind,
                name: entity.name,
                aliases: Vec::new(),
                mentions: (0, 0),
            };
            united.push((record, member, member));
            continue;
        }
        let (first, _, last) = &mut united[places[slot]];
        let (name, first_name) = (names.get(entity.name), names.get(first.name));
        if (name.len(), std::cmp::Reverse(name)) > (first_name.len(), std::cmp::Reverse(first_name))
        {
            first.name = entity.name;
        }
        next_member[*last as usize] = member;
        *last = member;
    }
    let names = &*names;
    // The ids are now distinct: any sort gives the one order. Most pairs
    // differ in their first bytes, compared as one number.
    united.sort_by_cached_key(|(e, _, _)| {
        let id = names.get(e.id);
        (sorting_prefix(id), id)
    });
    let mut places = Vec::with_capacity(mentions.len());
    let records = united
        .into_iter()
        .enumerate()
        .map(|(number, (mut entity, first_member, _))| {
            let first = places.len();
            let form = offset32(number);
            let mut member = first_member;
            while member != NO_MEMBER {
                let (start, end) = entities[member as usize].mentions;
                places.extend(mentions[start as usize..end as usize].iter().map(|m| {
                    MentionPlace {
                        start: m.start,
                        end: m.end,
                        sentence: 0,
                        form,
                        rule: m.rule,
                    }
                }));
                member = next_member[member as usize];
            }
            // Only united entities' mentions are out of order.
            let stretch = &mut places[first..];
            if !stretch.is_sorted_by_key(|m| (m.start, m.end)) {
                stretch.sort_by_key(|m| (m.start, m.end));
            }
            let kept = dedup_spans(stretch);
            places.truncate(first + kept);
            let stretch = &places[first..];
            let mut aliases: Vec<&str> = stretch
                .iter()
                .map(|m| &text[m.start as usize..m.end as usize])
                .filter(|t| *t != names.get(entity.name))
                .collect();
            aliases.sort_unstable();
            aliases.dedup();
            entity.aliases = aliases;
            entity.mentions = (offset32(first), offset32(places.len()));
            entity
        })
        .collect();
    (records, places)
}

/// No further member, in [`entity_records`]'s lists of united entities.
const NO_MEMBER: u32 = u32::MAX;

/// Moves to the front of `places` (sorted by span) the first of each run
/// of places with the same span, keeping their order, as
/// `Vec::dedup_by_key` does; returns how many there are.
fn dedup_spans(places: &mut [MentionPlace]) -> usize {
    let mut kept = 0;
    for at in 0..places.len() {
        let span = (places[at].start, places[at].end);
        if kept == 0 || (places[kept - 1].start, places[kept - 1].end) != span {
            places[kept] = places[at];
            kept += 1;
        }
    }
    kept
}

/// The first 16 bytes of `text` (zeros past its end) as a number that
/// orders as they do: where two texts' numbers differ, the texts differ
/// in the same order.
fn sorting_prefix(text: &str) -> u128 {
    let mut prefix = [0u8; 16];
    let bytes = &text.as_bytes()[..text.len().min(16)];
    prefix[..bytes.len()].copy_from_slice(bytes);
    u128::from_be_bytes(prefix)
}

/// Whether `timex` can anchor an event: a date or time that names days.
fn is_dated(timex: &ResolvedTimex) -> bool {
    matches!(timex.kind, TimexKind::Date | TimexKind::Time) && timex.range.is_some()
}

/// The numbers of `places` (as [`entity_records`] gives them, in bytes)
/// in order of offset, into `by_offset`. Each mention's start and number
/// are sorted as one number, in a list of their own (`keys`), rather than
/// the numbers by looking each start up, all over the places. Both lists
/// are cleared first.
fn mentions_by_offset(places: &[MentionPlace], keys: &mut Vec<u64>, by_offset: &mut Vec<u32>) {
    keys.clear();
    keys.extend(
        places
            .iter()
            .enumerate()
            .map(|(number, m)| u64::from(m.start) << 32 | number as u64),
    );
    // Mentions do not overlap one another: no two start together.
    keys.sort_unstable();
    // The low half is the number (`places` has fewer than 2^32 items).
    by_offset.clear();
    by_offset.extend(keys.iter().map(|&key| key as u32));
    // A long document's keys are not held through the stages after.
    keep_within(keys, KEPT_BYTES);
}

/// Turns `places` from what [`entity_records`] gives (byte offsets, the
/// entity's number for a form) into what is written: one pass in text
/// order (`by_offset`, see [`mentions_by_offset`]) over the text's offsets
/// and its sentences, where looking each mention up as it is written,
/// entity by entity, would jump about them. `form_of` gives a mention's
/// form from its entity's number and its span in bytes. Each place is
/// rewritten where it lies, as a long document holds hundreds of thousands.
fn mention_places(
    places: &mut [MentionPlace],
    by_offset: &[u32],
    offsets: &OffsetMap<'_>,
    sentences: &[Sentence],
    form_of: impl Fn(u32, (u32, u32)) -> u32,
) {
    let mut offsets = offsets.cursor();
    let mut sentence_cursor = SentenceCursor::default();
    for &number in by_offset {
        let place = &mut places[number as usize];
        let sentence = sentence_cursor.last_starting_by(sentences, place.start as usize);
        let bytes = (place.start, place.end);
        let (start, end) = span32(offsets.span_to_chars(bytes.0 as usize, bytes.1 as usize));
        *place = MentionPlace {
            start,
            end,
            sentence: offset32(sentence),
            form: form_of(place.form, bytes),
            rule: place.rule,
        };
    }
}

/// Which of its entity's forms a mention's text is (see
/// [`MentionPlace::form`]): each is its entity's name or one of its
/// aliases, which are the other texts of its mentions.
fn mention_form(entity: &EntityRecord<'_>, name: &str, text: &str) -> u32 {
    if text == name {
        return 0;
    }
    let alias = entity
        .aliases
        .binary_search(&text)
        .expect("a mention's text other than its entity's name is an alias");
    offset32(alias + 1)
}

/// A span of code points in 32 bits, as a document's offsets are.
fn span32((start, end): (usize, usize)) -> (u32, u32) {
    (offset32(start), offset32(end))
}

/// The stretch of `left` (sorted by `start`) that starts within `starts`,
/// taken off its front with the items before it: asked for stretches in
/// text order, as sentences come, it passes over each item once, in
/// order, rather than searching all of them for every sentence.
fn take_starting_in<'i, T>(
    left: &mut &'i [T],
    start: impl Fn(&T) -> usize,
    starts: &std::ops::Range<usize>,
) -> &'i [T] {
    let before = left
        .iter()
        .take_while(|item| start(item) < starts.start)
        .count();
    let rest = &left[before..];
    let within = rest
        .iter()
        .take_while(|item| start(item) < starts.end)
        .count();
    let (taken, after) = rest.split_at(within);
    *left = after;
    taken
}

/// Rule ids numbered in order of first sight; the ids are the rule set's
/// own strings, compared by address.
#[derive(Debug, Default)]
struct RuleNumbers<'a> {
    ids: Vec<&'a str>,
    numbers: FxHashMap<*const u8, u32>,
}

impl<'a> RuleNumbers<'a> {
    fn number(&mut self, id: &'a str) -> u32 {
        let next = u32::try_from(self.ids.len()).expect("fewer than 2^32 rules");
        *self.numbers.entry(id.as_ptr()).or_insert_with(|| {
            self.ids.push(id);
            next
        })
    }
}

/// Most bytes of room a list of the [`WorkSpace`] keeps from one
/// document to the next: a long document's lists are dropped after it, so
/// that what each thread keeps stays small.
const KEPT_BYTES: usize = 256 << 10;

/// The bytes of room of `list`.
fn room_of<T>(list: &Vec<T>) -> usize {
    list.capacity().saturating_mul(std::mem::size_of::<T>())
}

/// Replaces `list` with an empty one if its room exceeds `bytes`.
pub(crate) fn keep_within<T>(list: &mut Vec<T>, bytes: usize) {
    if room_of(list) > bytes {
        *list = Vec::new();
    }
}

/// Gives the thread's [`WorkSpace`] a written document's timexes and
/// numbered strings, emptied, whose room the next document's fill.
fn take_back(timexes: Timexes, numbered: Numbered<'_>) {
    let mut space = WORK_SPACE.take();
    space.timex_space.take_back(timexes, KEPT_BYTES);
    let Numbered {
        mut names,
        mut words,
        mut entities,
        ..
    } = numbered;
    names.clear_within(KEPT_BYTES);
    words.clear_within(KEPT_BYTES);
    entities.clear();
    keep_within(&mut entities, KEPT_BYTES);
    (space.names, space.words, space.event_entities) = (names, words, entities);
    WORK_SPACE.set(space);
}

thread_local! {
    /// Each thread's [`WorkSpace`], between its documents.
    static WORK_SPACE: std::cell::Cell<WorkSpace> = std::cell::Cell::new(WorkSpace::default());
}

/// The lists [`Extractor::analyse`] works in and drops by its end (what it
/// returns is new), kept from one document to the next on a thread: fresh
/// lists for each document cost an allocation, its growth and its free
/// each, and fresh memory to touch.
#[derive(Debug, Default)]
struct WorkSpace {
    sentences: Vec<Sentence>,
    timex_space: timexes::TimexSpace,
    /// Rule numbers by id ([`RuleNumbers::numbers`]).
    rule_numbers: FxHashMap<*const u8, u32>,
    drafts: Vec<MentionDraft<u32>>,
    /// A trigger word, lower-cased.
    lowered: String,
    items: Vec<Placed<Item>>,
    /// The spans of the timexes, by offset.
    occupied: Vec<(u32, u32)>,
    /// What [`mentions_by_offset`] sorts.
    offset_keys: Vec<u64>,
    by_offset: Vec<u32>,
    events: EventSpace,
    /// Where overlaps are resolved, segment by segment.
    overlaps: OverlapSpace,
    /// The interners of the last document written, emptied
    /// ([`Numbered::names`], [`Numbered::words`]).
    names: Interner,
    words: Interner,
    /// The last written document's [`Numbered::entities`], emptied.
    event_entities: Vec<u32>,
}

impl WorkSpace {
    /// Drops the lists that have grown past `bytes`.
    fn keep_within(&mut self, bytes: usize) {
        keep_within(&mut self.sentences, bytes);
        self.timex_space.keep_within(bytes);
        if self.rule_numbers.capacity() > bytes / 16 {
            self.rule_numbers = FxHashMap::default();
        }
        keep_within(&mut self.drafts, bytes);
        if self.lowered.capacity() > bytes {
            self.lowered = String::new();
        }
        keep_within(&mut self.items, bytes);
        keep_within(&mut self.occupied, bytes);
        keep_within(&mut self.offset_keys, bytes);
        keep_within(&mut self.by_offset, bytes);
        self.events.keep_within(bytes);
        self.overlaps.keep_within(bytes);
    }
}

/// The lists [`Extractor::events`] works in, sentence after sentence.
#[derive(Debug, Default)]
struct EventSpace {
    /// The items of the sentence.
    inside: Vec<Placed<Item>>,
    /// The dated timexes of the sentence.
    dated: Vec<usize>,
    anchors: Vec<Anchor>,
    builder: EventBuilder,
}

impl EventSpace {
    /// Drops the lists that have grown past `bytes`.
    fn keep_within(&mut self, bytes: usize) {
        keep_within(&mut self.inside, bytes);
        keep_within(&mut self.dated, bytes);
        keep_within(&mut self.anchors, bytes);
        self.builder.keep_within(bytes);
    }
}

/// Least length of the stretches of paragraphs matched at once.
pub const SEGMENT_BYTES: usize = 64 << 10;

/// `text[from..]` cut into stretches of whole paragraphs, each at least
/// [`SEGMENT_BYTES`] long but the last, ending before a blank line.
fn segments(text: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = Some(from);
    std::iter::from_fn(move || {
        let at = start?;
        if text.len() - at > SEGMENT_BYTES {
            let mut from = at + SEGMENT_BYTES;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            if let Some(gap) = text[from..].find("\n\n") {
                let end = from + gap;
                start = Some(end + 2);
                return Some((at, end));
            }
        }
        start = None;
        Some((at, text.len()))
    })
}

/// The word right before `offset`, skipping white space.
pub(crate) fn previous_word(text: &str, offset: usize) -> Option<&str> {
    let before = text[..offset].trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    (!word.is_empty()).then_some(word)
}

/// Whether `offset` is the first word of a sentence: only white space,
/// opening quotes or brackets stand between it and a sentence end.
fn opens_sentence(text: &str, offset: usize) -> bool {
    let before =
        text[..offset].trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n'])
}

/// `time` as chrono's `%Y-%m-%dT%H:%M:%S` writes it: written by hand
/// for four-digit years (a format string is parsed each time it is used),
/// by chrono otherwise and for leap seconds.
fn published_text(time: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    let day = Day::new(time.date());
    if day.as_bytes().len() != 10 || time.nanosecond() >= 1_000_000_000 {
        return time.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let mut out = String::with_capacity(19);
    out.push_str(day.as_str());
    for (mark, value) in [
        ('T', time.hour()),
        (':', time.minute()),
        (':', time.second()),
    ] {
        out.push(mark);
        out.push(char::from(b'0' + (value / 10) as u8));
        out.push(char::from(b'0' + (value % 10) as u8));
    }
    out
}

/// `bytes` in lower-case hex, two digits a byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xF)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_end_at_blank_lines_and_cover_the_text() {
        let paragraph = "word ".repeat(SEGMENT_BYTES / 10);
        let text = format!("{paragraph}\n\n{paragraph}\n\n{paragraph}\n\nend");
        let cut: Vec<(usize, usize)> = segments(&text, 0).collect();
        assert_eq!(cut.first().map(|s| s.0), Some(0));
        assert_eq!(cut.last().map(|s| s.1), Some(text.len()));
        for pair in cut.windows(2) {
            assert_eq!(&text[pair[0].1..pair[1].0], "\n\n");
            assert!(pair[0].1 - pair[0].0 >= SEGMENT_BYTES);
        }
        assert_eq!(segments("short", 2).collect::<Vec<_>>(), vec![(2, 5)]);
        let wide = format!("{}\n\nx", "é".repeat(SEGMENT_BYTES));
        assert_eq!(segments(&wide, 0).count(), 2);
    }

    /// A document whose id and text need escaping everywhere, long enough
    /// for [`Extractor::write_json_line`] to hand its buffer on.
    fn hostile_document() -> Document {
        let paragraph = "On 3 May 2015 \"Islamic State\" fighters attacked Mosul\\Raqqa, \
                         killing 12 people.\t\u{1}Police in Paris said on Monday \
                         that Abu Bakr al-Baghdadi’s aide was seen in Zürich.\r\n\n";
        let text = paragraph.repeat(HAND_ON_BYTES / paragraph.len() * 3);
        let options = crate::document::LoadOptions {
            published: chrono::NaiveDate::from_ymd_opt(2015, 5, 4)
                .and_then(|d| d.and_hms_opt(9, 0, 0)),
            ..Default::default()
        };
        crate::document::document_from_text("id \"1\"\\\u{7}#".into(), "-".into(), text, &options)
            .expect("a small document loads")
    }

    #[test]
    fn json_lines_written_by_hand_are_serde_json_lines() {
        let extractor = Extractor::new(RuleSet::embedded().expect("embedded rules load"))
            .expect("embedded rules compile");
        let doc = hostile_document();
        let analysis = extractor.analyse(&doc);
        assert!(!analysis.entities.is_empty());
        assert!(analysis.timexes().any(|t| t.signal.is_some()));
        assert!(analysis
            .events()
            .any(|e| e.killed.is_some() && e.trigger.is_some()));
        let mut expected = serde_json::to_vec(&analysis).expect("JSON into memory");
        expected.push(b'\n');
        assert!(expected.len() > 2 * HAND_ON_BYTES);
        let mut streamed = Vec::new();
        extractor
            .write_json_line(&analysis, &mut streamed)
            .expect("writing into memory");
        assert!(
            streamed == expected,
            "the streamed line differs from serde_json's"
        );
        let mut line = Vec::new();
        extractor.extract_json_line(&doc, &mut line);
        assert!(line == expected, "the line differs from serde_json's");
    }

    /// Documents read one after another, each in the lists the ones
    /// before left, are read as each one is in a thread of its own, in
    /// fresh lists.
    #[test]
    fn documents_read_in_kept_lists_are_read_as_in_fresh_ones() {
        let extractor = Extractor::new(RuleSet::embedded().expect("embedded rules load"))
            .expect("embedded rules compile");
        let options = crate::document::LoadOptions::default();
        let load = |id: &str, text: String| {
            crate::document::document_from_text(id.into(), "-".into(), text, &options)
                .expect("a document loads")
        };
        let texts = [
            "On Friday, Abu Bakr al-Baghdadi was seen in Mosul. Baghdadi left on \
             Monday, police said, and 3 people were killed in Paris on 4 May 2015."
                .to_string(),
            "Nothing happened.".to_string(),
            hostile_document().text,
            "Talks will resume next week in Geneva, officials said on Tuesday.".to_string(),
        ];
        let documents: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| load(&i.to_string(), text.clone()))
            .collect();
        let line = |doc: &Document| {
            let mut line = Vec::new();
            extractor.extract_json_line(doc, &mut line);
            line
        };
        let fresh: Vec<Vec<u8>> = documents
            .iter()
            .map(|doc| std::thread::scope(|scope| scope.spawn(|| line(doc)).join().unwrap()))
            .collect();
        for order in [[0, 1, 2, 3], [2, 0, 3, 1], [3, 2, 1, 0]] {
            std::thread::scope(|scope| {
                scope.spawn(|| {
                    for &i in &order {
                        assert!(line(&documents[i]) == fresh[i], "document {i} in {order:?}");
                    }
                });
            });
        }
    }

    proptest::proptest! {
        /// One pass in text order places each mention as converting its
        /// offsets and searching all sentences for it does.
        #[test]
        fn mention_places_are_those_found_one_by_one(
            words in proptest::collection::vec("[a-z]{1,6}|é{1,3}|😀|[.] ", 1..200),
            cuts in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0, 0u32..5), 0..40),
            sentence_cuts in proptest::collection::vec(0.0f64..1.0, 0..30),
        ) {
            let text = words.concat();
            let boundary = |fraction: f64| {
                let mut at = (text.len() as f64 * fraction) as usize;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                at
            };
            let mut starts: Vec<usize> = sentence_cuts.iter().map(|&f| boundary(f)).collect();
            starts.sort_unstable();
            starts.dedup();
            let sentences: Vec<Sentence> = starts
                .iter()
                .enumerate()
                .map(|(i, &start)| Sentence::new(start, starts.get(i + 1).map_or(text.len(), |&s| s), 0))
                .collect();
            // Mentions entity after entity, each entity's in offset
            // order, as entity_records gives them; each one's rule is its
            // number, its form made of its entity and its bytes.
            let mut mentions: Vec<(u32, u32, u32)> = cuts
                .iter()
                .map(|&(a, b, entity)| {
                    (offset32(boundary(a.min(b))), offset32(boundary(a.max(b))), entity)
                })
                .collect();
            mentions.sort_by_key(|&(start, _, entity)| (entity, start));
            let form_of = |entity: u32, (start, end): (u32, u32)| entity + 5 * (start + 2000 * end);
            let mut places: Vec<MentionPlace> = mentions
                .iter()
                .enumerate()
                .map(|(rule, &(start, end, entity))| MentionPlace {
                    start,
                    end,
                    sentence: 0,
                    form: entity,
                    rule: offset32(rule),
                })
                .collect();
            let mut by_offset = Vec::new();
            mentions_by_offset(&places, &mut Vec::new(), &mut by_offset);
            let mut numbers = by_offset.clone();
            numbers.sort_unstable();
            proptest::prop_assert!(numbers.iter().copied().eq(0..offset32(places.len())));
            proptest::prop_assert!(by_offset
                .windows(2)
                .all(|w| places[w[0] as usize].start <= places[w[1] as usize].start));
            let offsets = OffsetMap::new(&text);
            mention_places(&mut places, &by_offset, &offsets, &sentences, form_of);
            for (rule, (&(start, end, entity), place)) in mentions.iter().zip(&places).enumerate() {
                let chars = (offsets.to_char(start as usize), offsets.to_char(end as usize));
                let sentence = crate::sentence::last_starting_by(&sentences, start as usize);
                proptest::prop_assert_eq!(
                    *place,
                    MentionPlace {
                        start: offset32(chars.0),
                        end: offset32(chars.1),
                        sentence: offset32(sentence),
                        form: form_of(entity, (start, end)),
                        rule: offset32(rule),
                    }
                );
            }
        }
    }

    proptest::proptest! {
        /// Texts whose prefixes differ are ordered by them.
        #[test]
        fn sorting_prefixes_order_as_their_texts(a in "\\PC{0,20}|[ab\u{0}]{0,18}", b in "\\PC{0,20}|[ab\u{0}]{0,18}") {
            let (pa, pb) = (sorting_prefix(&a), sorting_prefix(&b));
            if pa != pb {
                proptest::prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
            }
            proptest::prop_assert_eq!((pa, a.as_str()).cmp(&(pb, b.as_str())), a.cmp(&b));
        }
    }

    proptest::proptest! {
        /// Stretches taken in text order are those a search of all items
        /// finds.
        #[test]
        fn stretches_taken_in_order_are_those_sought(
            mut starts in proptest::collection::vec(0usize..500, 0..60),
            mut bounds in proptest::collection::vec(0usize..520, 1..20),
        ) {
            starts.sort_unstable();
            bounds.sort_unstable();
            let mut left = starts.as_slice();
            for pair in bounds.windows(2) {
                let within = pair[0]..pair[1];
                let from = starts.partition_point(|&s| s < within.start);
                let to = starts.partition_point(|&s| s < within.end);
                proptest::prop_assert_eq!(take_starting_in(&mut left, |&s| s, &within), &starts[from..to]);
            }
        }
    }

    proptest::proptest! {
        /// Places are kept as `Vec::dedup_by_key` on their spans keeps them.
        #[test]
        fn dedup_spans_keeps_what_dedup_by_key_keeps(
            spans in proptest::collection::vec((0u32..4, 0u32..3), 0..30),
        ) {
            let mut places: Vec<MentionPlace> = spans
                .iter()
                .enumerate()
                .map(|(rule, &(start, len))| MentionPlace {
                    start,
                    end: start + len,
                    sentence: 0,
                    form: 0,
                    rule: offset32(rule),
                })
                .collect();
            places.sort_by_key(|m| (m.start, m.end));
            let mut expected = places.clone();
            expected.dedup_by_key(|m| (m.start, m.end));
            let kept = dedup_spans(&mut places);
            proptest::prop_assert_eq!(&places[..kept], &expected[..]);
        }
    }

    #[test]
    fn entities_sharing_an_id_unite_their_mentions_in_order() {
        use crate::entities::{EntityMention, GroupedEntity};
        use crate::rules::EntityKind;
        let text = "Al Qaida struck. al-Qaida said. Al Qaida again.";
        let mut names = Interner::default();
        let (first, second) = (names.intern("Al Qaida"), names.intern("al-Qaida"));
        let mention = |start: usize, len: usize, rule: u32| EntityMention {
            start: offset32(start),
            end: offset32(start + len),
            rule,
        };
        let grouped = Grouped {
            entities: vec![
                GroupedEntity {
                    kind: EntityKind::Group,
                    name: first,
                    mentions: (0, 2),
                },
                GroupedEntity {
                    kind: EntityKind::Group,
                    name: second,
                    mentions: (2, 3),
                },
            ],
            mentions: vec![mention(0, 8, 0), mention(32, 8, 1), mention(17, 8, 2)],
        };
        let (records, places) = entity_records(text, &mut names, grouped);
        assert_eq!(records.len(), 1);
        assert_eq!(names.get(records[0].id), "group/al-qaida");
        assert_eq!(records[0].name, first);
        assert_eq!(records[0].aliases, vec!["al-Qaida"]);
        assert_eq!(records[0].mentions, (0, 3));
        let spans: Vec<(u32, u32, u32)> =
            places.iter().map(|p| (p.start, p.rule, p.form)).collect();
        assert_eq!(spans, vec![(0, 0, 0), (17, 2, 0), (32, 1, 0)]);
    }

    #[test]
    fn mention_forms_are_the_name_or_an_alias() {
        let entity = EntityRecord {
            id: 0,
            kind: "place",
            name: 0,
            aliases: vec!["Britain", "UK"],
            mentions: (0, 0),
        };
        let form = |text| mention_form(&entity, "United Kingdom", text);
        assert_eq!(
            [form("United Kingdom"), form("Britain"), form("UK")],
            [0, 1, 2]
        );
    }

    proptest::proptest! {
        /// Publication times are written as chrono's format writes them.
        #[test]
        fn published_times_are_written_as_chrono_writes_them(
            year in proptest::prop_oneof![-20i32..20, 1900i32..2100, 9990i32..10010],
            day in 0u32..366,
            second in 0u32..86_400,
            leap in proptest::bool::weighted(0.1),
        ) {
            use chrono::{Duration, NaiveDate, NaiveTime};
            let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1)
                .and_then(|d| d.checked_add_signed(Duration::days(i64::from(day))))
            else {
                return Ok(());
            };
            // A leap second is the 59th's second half.
            let (second, nanos) = if leap { (second / 60 * 60 + 59, 1_500_000_000) } else { (second, 0) };
            let Some(time) = NaiveTime::from_num_seconds_from_midnight_opt(second, nanos) else {
                return Ok(());
            };
            let time = date.and_time(time);
            proptest::prop_assert_eq!(
                published_text(time),
                time.format("%Y-%m-%dT%H:%M:%S").to_string()
            );
        }
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        let bytes: Vec<u8> = (0..=255).collect();
        let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), expected);
    }

    #[test]
    fn previous_words() {
        assert_eq!(previous_word("attack in  Nice", 11), Some("in"));
        assert_eq!(previous_word("Nice", 0), None);
        assert_eq!(previous_word("(since 2014", 7), Some("since"));
    }

    #[test]
    fn sentence_openers() {
        let text = "Labour won. “Labour lost,” he said of Labour.";
        assert!(opens_sentence(text, 0));
        assert!(opens_sentence(text, text.find("Labour lost").unwrap()));
        assert!(!opens_sentence(text, text.rfind("Labour").unwrap()));
    }
}
