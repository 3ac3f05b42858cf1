//! The per-document pipeline: sentences, matching, overlaps, dates,
//! entities and events, written as a partial [`Timeline`].

use crate::document::Document;
use crate::entities::{self, MentionDraft};
use crate::events::{self, Anchor, Item, Placed};
use crate::matcher::{Candidate, Matcher, Origin};
use crate::offsets::OffsetMap;
use crate::overlap;
use crate::rules::{RuleKind, RuleSet, TimexKind};
use crate::schema::{
    DayRange, DocumentInfo, Entity, Event, EventDate, Mention, Source, Span, Timeline, Timex,
};
use crate::sentence::{Sentence, SentenceSplitter};
use crate::text::{is_word_char, slug};
use crate::timeline::{self, YearWindow};
use crate::timexes;
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
        let clock = Instant::now();
        let text = doc.text.as_str();
        let body_start = doc.body_start.min(text.len());
        let sentences = self.splitter.split(text, body_start);
        let offsets = OffsetMap::new(text);
        let clock = self.times.add(0, clock);
        let accepted = self.accepted_candidates(doc);
        let clock = self.times.add(1, clock);

        let sentence_of = |offset: usize| sentence_index(&sentences, offset);
        let dct = doc.published.map(|p| p.date());
        let timexes = timexes::resolve(&self.rules.settings, text, &sentences, &accepted, dct);
        let clock = self.times.add(2, clock);

        let mut occupied: Vec<(usize, usize)> = timexes.iter().map(|t| (t.start, t.end)).collect();
        occupied.sort_unstable();
        let drafts: Vec<MentionDraft> = accepted
            .iter()
            .filter_map(|c| match c.kind {
                RuleKind::Entity(kind) => Some(MentionDraft {
                    start: c.start,
                    end: c.end,
                    kind,
                    canonical: c
                        .canonical
                        .clone()
                        .unwrap_or_else(|| entities::normalise_name(&text[c.start..c.end])),
                    rule: c.origin.id(&self.rules).to_string(),
                }),
                _ => None,
            })
            .collect();
        let doc_entities = entities::group(
            drafts,
            text,
            body_start,
            &occupied,
            &self.rules.settings.name_particles,
        );
        let clock = self.times.add(3, clock);

        let span = |start: usize, end: usize| Span {
            start: offsets.to_char(start),
            end: offsets.to_char(end),
            text: text[start..end].to_string(),
        };

        let mut items: Vec<Placed<Item>> = Vec::new();
        let mut entities_out = Vec::new();
        for entity in &doc_entities {
            let id = format!("{}/{}", entity.kind.as_str(), slug(&entity.name));
            for m in &entity.mentions {
                items.push(Placed {
                    start: m.start,
                    end: m.end,
                    item: Item::Entity(id.clone()),
                });
            }
            entities_out.push(Entity {
                id,
                kind: entity.kind.as_str().to_string(),
                name: entity.name.clone(),
                aliases: Vec::new(),
                mentions: entity
                    .mentions
                    .iter()
                    .map(|m| Mention {
                        doc: doc.id.clone(),
                        start: offsets.to_char(m.start),
                        end: offsets.to_char(m.end),
                        text: text[m.start..m.end].to_string(),
                        rule: m.rule.clone(),
                        sentence: sentence_of(m.start),
                    })
                    .collect(),
            });
        }
        for c in &accepted {
            match c.kind {
                RuleKind::Trigger => items.push(Placed {
                    start: c.start,
                    end: c.end,
                    item: Item::Trigger(text[c.start..c.end].to_lowercase()),
                }),
                RuleKind::Casualty => items.push(Placed {
                    start: c.start,
                    end: c.end,
                    item: Item::Killed(c.number.unwrap_or_default()),
                }),
                _ => {}
            }
        }
        items.sort_by_key(|p| p.start);

        // Timexes and items bucketed by sentence in one pass each, so that
        // building events stays linear in the document.
        let mut dated_by_sentence: Vec<Vec<&timexes::ResolvedTimex>> =
            vec![Vec::new(); sentences.len()];
        for t in &timexes {
            if matches!(t.kind, TimexKind::Date | TimexKind::Time) && t.range.is_some() {
                if let Some(bucket) = dated_by_sentence.get_mut(t.sentence) {
                    bucket.push(t);
                }
            }
        }
        let mut items_by_sentence: Vec<Vec<Placed<Item>>> = vec![Vec::new(); sentences.len()];
        for item in items {
            let index = sentence_of(item.start);
            if sentences
                .get(index)
                .is_some_and(|s| item.start >= s.start && item.end <= s.end)
            {
                items_by_sentence[index].push(item);
            }
        }
        let mut events_out = Vec::new();
        for (index, sentence) in sentences.iter().enumerate() {
            let dated = &dated_by_sentence[index];
            if dated.is_empty() {
                continue;
            }
            let anchors: Vec<Anchor> = dated
                .iter()
                .map(|t| Anchor {
                    start: t.start,
                    end: t.end,
                    bounding: t
                        .signal
                        .as_ref()
                        .is_some_and(|s| self.rules.settings.bounding_signals.contains(s)),
                })
                .collect();
            let sentence_items = &items_by_sentence[index];
            for draft in events::build_sentence(
                text,
                (sentence.start, sentence.end),
                &anchors,
                sentence_items,
            ) {
                let timex = dated[draft.anchor];
                let Some(range) = timex.range else { continue };
                let sentence_span = span(sentence.start, sentence.end);
                let timex_span = span(timex.start, timex.end);
                events_out.push(Event {
                    id: format!("{}#{}", doc.id, timex_span.start),
                    doc: doc.id.clone(),
                    date: EventDate {
                        value: timex.value.clone(),
                        modifier: timex.modifier.clone(),
                        start: range.start.format("%Y-%m-%d").to_string(),
                        end: range.end.format("%Y-%m-%d").to_string(),
                        precision: range.precision.as_str().to_string(),
                    },
                    sources: vec![Source {
                        doc: doc.id.clone(),
                        start: sentence_span.start,
                        end: sentence_span.end,
                    }],
                    timex: timex_span,
                    sentence: sentence_span,
                    entities: draft.entities,
                    trigger: draft.trigger,
                    killed: draft.killed,
                });
            }
        }

        let clock = self.times.add(4, clock);
        let timexes_out = timexes
            .iter()
            .map(|t| Timex {
                doc: doc.id.clone(),
                start: offsets.to_char(t.start),
                end: offsets.to_char(t.end),
                text: text[t.start..t.end].to_string(),
                rule: t.origin.id(&self.rules).to_string(),
                kind: t.kind.as_str().to_string(),
                value: t.value.clone(),
                modifier: t.modifier.clone(),
                range: t
                    .range
                    .filter(|_| matches!(t.kind, TimexKind::Date | TimexKind::Time))
                    .map(|r| DayRange {
                        start: r.start.format("%Y-%m-%d").to_string(),
                        end: r.end.format("%Y-%m-%d").to_string(),
                    }),
                signal: t.signal.clone(),
                sentence: t.sentence,
            })
            .collect();

        let info = DocumentInfo {
            id: doc.id.clone(),
            source: doc.source.clone(),
            published: doc
                .published
                .map(|p| p.format("%Y-%m-%dT%H:%M:%S").to_string()),
            chars: offsets.to_char(text.len()),
            bytes: text.len(),
            sha256: hex(&Sha256::digest(text.as_bytes())),
        };
        let mut part = timeline::empty(self.window);
        part.documents.push(info);
        part.entities = entities_out;
        part.timexes = timexes_out;
        part.events = events_out;
        let part = timeline::merge([part], self.window);
        self.times.add(5, clock);
        part
    }

    /// The candidates of a document's body that survive the ambiguity
    /// check and overlap resolution, sorted by offset (byte offsets).
    pub fn accepted_candidates(&self, doc: &Document) -> Vec<Candidate> {
        let text = doc.text.as_str();
        let body_start = doc.body_start.min(text.len());
        let mut candidates = self.matcher.find(&text[body_start..], &self.rules);
        for c in &mut candidates {
            c.start += body_start;
            c.end += body_start;
        }
        candidates.retain(|c| self.accept_ambiguous(text, c));
        overlap::resolve(candidates)
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

/// Index of the sentence holding `offset` (the last one starting at or
/// before it).
pub(crate) fn sentence_index(sentences: &[Sentence], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= offset)
        .saturating_sub(1)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
