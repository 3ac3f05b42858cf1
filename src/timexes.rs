//! Timex resolution in document order: each date candidate's value is
//! resolved against the publication time, the sentence's tense, the last
//! date mentioned and the year or quarter named nearby.

use crate::document::offset32;
use crate::intern::Interner;
use crate::matcher::{Candidate, Origin};
use crate::normalise::{self, Context, Tense};
use crate::pipeline::{keep_within, previous_word};
use crate::rules::{RuleKind, Settings, TimexKind};
use crate::sentence::{Sentence, SentenceCursor};
use crate::text::lowercase_into;
use chrono::NaiveDate;

/// A timex after resolution, in byte offsets (32-bit, as a long document
/// holds hundreds of thousands). Its strings are numbers in the
/// [`Timexes::strings`] of its document.
#[derive(Debug, Clone)]
pub struct ResolvedTimex {
    /// Start byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
    /// The rule that found it: its index in [`RuleSet::rules`] (gazetteers
    /// list only entities, so a timex always comes from a rule).
    ///
    /// [`RuleSet::rules`]: crate::rules::RuleSet::rules
    pub rule: u32,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexKind,
    /// The resolved TIMEX3 value.
    pub value: u32,
    /// The TIMEX3 mod.
    pub modifier: Option<u32>,
    /// First and last day, for values that name days.
    pub range: Option<crate::calendar::DateRange>,
    /// The signal word before it (`since`, `until`, …).
    pub signal: Option<u32>,
    /// Index of its sentence.
    pub sentence: u32,
}

/// A document's timexes, by offset, and the strings they refer to.
#[derive(Debug, Clone, Default)]
pub struct Timexes {
    /// The timexes, sorted by offset, not overlapping.
    pub list: Vec<ResolvedTimex>,
    /// Their values, mods and signals.
    pub strings: Interner,
}

impl Timexes {
    /// The string numbered `number` (a value, mod or signal).
    pub fn text(&self, number: u32) -> &str {
        self.strings.get(number)
    }
}

/// Resolves a document's candidates as they are found, in offset order, so
/// that a long document's candidates need not be held all at once.
#[derive(Debug)]
pub struct Resolver<'d> {
    settings: &'d Settings,
    text: &'d str,
    sentences: &'d [Sentence],
    dct: Option<NaiveDate>,
    out: Timexes,
    /// (sentence index, first day, written out in full) of the last date
    /// mentioned with day, month or year precision.
    last_date: Option<(usize, NaiveDate, bool)>,
    /// (sentence index, year) of the last year written out in full.
    written_year: Option<(usize, i32)>,
    /// First day of the quarter under discussion: the last one named, until
    /// a year or a stretch of months or years takes its place.
    last_quarter: Option<NaiveDate>,
    /// The sentence of the last timex, whence the next one's is counted.
    sentence_cursor: SentenceCursor,
    /// The sentence whose tense cues `space` holds, if any.
    cues_of: Option<usize>,
    /// Lists kept from one timex, sentence or document to the next.
    space: TimexSpace,
}

/// The lists a [`Resolver`] works in, kept from one document to the next
/// ([`Resolver::with_space`]) so that each sentence's tense cues and each
/// timex's word before need no allocation of their own.
#[derive(Debug, Default)]
pub struct TimexSpace {
    /// Tense cues of the sentence last looked at.
    cues: Vec<TenseCue>,
    /// What is no tense cue in that sentence ([`tense_cues`]).
    neutral: Vec<(usize, usize)>,
    /// Clock times read on the DCT, to be moved to a day their sentence names.
    clock_times: Vec<usize>,
    /// The word before the timex being resolved, lower-cased.
    lowered: String,
    /// A written document's timexes, emptied, for the next document's
    /// ([`TimexSpace::take_back`]).
    spent: Timexes,
}

impl TimexSpace {
    /// Drops the lists that have grown past `bytes` (a long document's),
    /// so that what is kept stays small.
    pub fn keep_within(&mut self, bytes: usize) {
        keep_within(&mut self.cues, bytes);
        keep_within(&mut self.neutral, bytes);
        keep_within(&mut self.clock_times, bytes);
        if self.lowered.capacity() > bytes {
            self.lowered = String::new();
        }
    }

    /// Takes back a document's timexes once they are written, so that the
    /// next document's fill their list and interner rather than new ones
    /// (emptied; let go if their room exceeds `bytes`).
    pub fn take_back(&mut self, mut timexes: Timexes, bytes: usize) {
        timexes.list.clear();
        keep_within(&mut timexes.list, bytes);
        timexes.strings.clear_within(bytes);
        self.spent = timexes;
    }
}

/// Most timexes' worth of room left unused in a document's list: a short
/// document's is kept as it is, its room going to the next one.
const SLACK_KEPT: usize = 1 << 10;

impl<'d> Resolver<'d> {
    /// A resolver for the document `text`, split into `sentences`, published
    /// on `dct`.
    pub fn new(
        settings: &'d Settings,
        text: &'d str,
        sentences: &'d [Sentence],
        dct: Option<NaiveDate>,
    ) -> Resolver<'d> {
        Resolver::with_space(settings, text, sentences, dct, TimexSpace::default())
    }

    /// [`Resolver::new`], working in `space` (what
    /// [`Resolver::finish_with_space`] gave back for the last document).
    pub fn with_space(
        settings: &'d Settings,
        text: &'d str,
        sentences: &'d [Sentence],
        dct: Option<NaiveDate>,
        mut space: TimexSpace,
    ) -> Resolver<'d> {
        space.clock_times.clear();
        Resolver {
            settings,
            text,
            sentences,
            dct,
            out: std::mem::take(&mut space.spent),
            last_date: None,
            written_year: None,
            last_quarter: None,
            sentence_cursor: SentenceCursor::default(),
            cues_of: None,
            space,
        }
    }

    /// Makes room for `more` timexes, as many as the candidates about to be
    /// pushed may give, rather than growing the list a copy at a time.
    pub fn reserve(&mut self, more: usize) {
        self.out.list.reserve(more);
    }

    /// Resolves the next accepted candidate (one after every candidate
    /// pushed before); candidates that are not timexes are passed over.
    pub fn push(&mut self, c: &Candidate) {
        let (settings, text, sentences, dct) = (self.settings, self.text, self.sentences, self.dct);
        let (RuleKind::Timex(kind), Origin::Rule(rule)) = (c.kind, c.origin) else {
            return;
        };
        let Some(raw) = &c.value else { return };
        let sentence = self.sentence_cursor.last_starting_by(sentences, c.start);
        let sentence_text = sentences
            .get(sentence)
            .map_or("", |s| &text[s.start()..s.end()]);
        let sentence_start = sentences.get(sentence).map_or(0, |s| s.start());
        let TimexSpace {
            cues,
            neutral,
            clock_times,
            lowered,
            spent: _,
        } = &mut self.space;
        let before = previous_word(text, c.start).map(|word| {
            lowercase_into(word, lowered);
            lowered.as_str()
        });
        // Within a week the verbs are the better guide ("had until
        // Thursday"); months and days a season away follow the signal.
        let signalled = if raw.starts_with("WEEKDAY") {
            None
        } else {
            before
        };
        // The sentence is searched for cues only when the value needs them.
        let tense = match signalled {
            _ if !normalise::reads_tense(raw) => Tense::Unknown,
            Some(w) if settings.future_signals.contains(w) => Tense::Ahead,
            Some(w) if settings.past_signals.contains(w) => Tense::Behind,
            _ => {
                if self.cues_of != Some(sentence) {
                    tense_cues(settings, sentence_text, cues, neutral);
                    self.cues_of = Some(sentence);
                }
                nearest_tense(
                    cues,
                    c.start.saturating_sub(sentence_start),
                    c.end.saturating_sub(sentence_start),
                )
            }
        };
        let recent_year = self
            .written_year
            .filter(|(at, _)| {
                settings
                    .anchor_sentences
                    .is_some_and(|n| sentence.saturating_sub(*at) <= n)
            })
            .map(|(_, year)| year);
        // A comparison with the period under discussion ("a year earlier")
        // is anchored only by a date written out in this or the previous
        let comparison = raw.starts_with("SAME-");
        let comparison_to_last = comparison && raw.ends_with("/LAST");
        let context = Context {
            dct,
            tense,
            last_date: self
                .last_date
                .filter(|(at, _, written)| {
                    !comparison || (comparison_to_last && *written && sentence - at <= 1)
                })
                .map(|(_, day, _)| day),
            recent_year,
            quarter: self.last_quarter,
        };
        let underspecified = normalise::is_underspecified(raw);
        let value = normalise::resolve(raw, &context);
        let range = match kind {
            TimexKind::Date | TimexKind::Time => normalise::range(&value),
            _ => None,
        };
        if let Some(r) = range.filter(|_| !comparison) {
            if r.precision <= crate::calendar::Precision::Year {
                self.last_date = Some((sentence, r.start, !underspecified));
            }
            // Only a quarter already over is one whose results a later "a
            // year earlier" can compare: forecasts do not change the subject.
            // The latest of them: an earlier quarter named in passing ("after
            // a flat second quarter") does not change the subject either.
            if r.precision == crate::calendar::Precision::Quarter {
                if dct.is_none_or(|d| r.end < d) && self.last_quarter.is_none_or(|q| q <= r.start) {
                    self.last_quarter = Some(r.start);
                }
            } else if r.precision == crate::calendar::Precision::Year {
                self.last_quarter = None;
            }
            if !underspecified && r.precision <= crate::calendar::Precision::Year {
                self.written_year = Some((sentence, chrono::Datelike::year(&r.start)));
            }
        }
        // A stretch of months or years ("the first nine months") is now the
        // period under discussion, not the last quarter named.
        if kind == TimexKind::Duration
            && !comparison
            && value.starts_with('P')
            && !value.starts_with("PX")
            && (value.ends_with('M') || value.ends_with('Y'))
            && !value.starts_with("PT")
        {
            self.last_quarter = None;
        }
        let strings = &mut self.out.strings;
        let signal = before
            .filter(|&w| settings.signals.contains(w))
            .map(|w| strings.intern(w));
        if raw.starts_with(CLOCK_ON_DCT) {
            clock_times.push(self.out.list.len());
        }
        let resolved = ResolvedTimex {
            start: offset32(c.start),
            end: offset32(c.end),
            rule: u32::try_from(rule).expect("fewer than 2^32 rules"),
            kind,
            value: strings.intern(&value),
            modifier: c.modifier.as_deref().map(|m| strings.intern(m)),
            range,
            signal,
            sentence: offset32(sentence),
        };
        self.out.list.push(resolved);
    }

    /// The document's timexes, by offset.
    pub fn finish(self) -> Timexes {
        self.finish_with_space().0
    }

    /// The document's timexes, by offset, and the space the resolver
    /// worked in, for the next document's.
    pub fn finish_with_space(mut self) -> (Timexes, TimexSpace) {
        for &index in &self.space.clock_times {
            move_to_the_day_named(&mut self.out, index);
        }
        // A long document's list is held through the stages after, without
        // the slack of its growth.
        if self.out.list.capacity() - self.out.list.len() > SLACK_KEPT {
            self.out.list.shrink_to_fit();
        }
        (self.out, self.space)
    }
}

/// How a rule writes a clock time with no day of its own ("at 10:35
/// a.m."): on the publication day, unless its sentence names the day.
const CLOCK_ON_DCT: &str = "REF-day@T";

/// A clock time without a day takes the day its sentence names ("at 10:35
/// a.m. (0735 GMT) Friday"), the nearest one if there are several.
fn move_to_the_day_named(document: &mut Timexes, index: usize) {
    let timexes = &document.list;
    let clock = &timexes[index];
    let Some((_, time)) = document.text(clock.value).split_once('T') else {
        return;
    };
    if !time.starts_with(|c: char| c.is_ascii_digit()) {
        return;
    }
    // Timexes are in offset order, so their sentences are too.
    let first = timexes.partition_point(|t| t.sentence < clock.sentence);
    let last = timexes.partition_point(|t| t.sentence <= clock.sentence);
    let day = timexes[first..last]
        .iter()
        .enumerate()
        .filter(|(at, t)| {
            first + *at != index
                && matches!(t.kind, TimexKind::Date | TimexKind::Time)
                && t.range
                    .is_some_and(|r| r.precision == crate::calendar::Precision::Day)
        })
        .min_by_key(|(_, t)| t.start.abs_diff(clock.start))
        .and_then(|(_, t)| t.range);
    if let Some(day) = day {
        let value = format!("{}T{time}", day.start.format("%Y-%m-%d"));
        let range = normalise::range(&value);
        let value = document.strings.intern(&value);
        let clock = &mut document.list[index];
        clock.range = range;
        clock.value = value;
    }
}

/// A word or phrase that marks the tense of the clause it stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TenseCue {
    start: usize,
    end: usize,
    tense: Tense,
}

/// The tense cues of a sentence in order: future cues (`will`, `plans
/// to`), then past cues (`said`, any verb in -ed) where no future cue
/// stands, minus what `tense_neutral` covers (a participle after `be`:
/// "will be held"; adjectives such as "Atlanta-based").
///
/// They go to `cues`, cleared first; `neutral` is room for what
/// `tense_neutral` covers.
fn tense_cues(
    settings: &Settings,
    sentence: &str,
    cues: &mut Vec<TenseCue>,
    neutral: &mut Vec<(usize, usize)>,
) {
    cues.clear();
    neutral.clear();
    if let Some(pattern) = &settings.tense_neutral {
        pattern.for_each_match(sentence, |start, end| neutral.push((start, end)));
    }
    fn overlaps(mut spans: impl Iterator<Item = (usize, usize)>, start: usize, end: usize) -> bool {
        spans.any(|(s, e)| s < end && start < e)
    }
    for (pattern, tense) in [
        (&settings.future_tense, Tense::Future),
        (&settings.past_tense, Tense::Past),
    ] {
        let Some(pattern) = pattern else { continue };
        pattern.for_each_match(sentence, |start, end| {
            if overlaps(neutral.iter().copied(), start, end)
                || overlaps(cues.iter().map(|c| (c.start, c.end)), start, end)
            {
                return;
            }
            cues.push(TenseCue { start, end, tense });
        });
    }
    cues.sort_by_key(|c| c.start);
}

/// The tense of an expression at `start..end` of its sentence: that of
/// the nearest cue before it, else of the nearest after it, else unknown
/// (as HeidelTime reads the tense of the verb closest before a timex).
/// Cues inside the expression ("last" in "last week") do not count.
fn nearest_tense(cues: &[TenseCue], start: usize, end: usize) -> Tense {
    cues.iter()
        .rev()
        .find(|c| c.end <= start)
        .or_else(|| cues.iter().find(|c| c.start >= end))
        .map_or(Tense::Unknown, |c| c.tense)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn tense_of(sentence: &str, timex: &str) -> Tense {
        let rules = RuleSet::embedded().unwrap();
        let (mut cues, mut neutral) = (Vec::new(), Vec::new());
        tense_cues(&rules.settings, sentence, &mut cues, &mut neutral);
        let start = sentence.find(timex).unwrap();
        nearest_tense(&cues, start, start + timex.len())
    }

    #[test]
    fn the_nearest_cue_before_decides() {
        assert_eq!(
            tense_of("Officials said Monday they will meet on Friday.", "Monday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("Officials said Monday they will meet on Friday.", "Friday"),
            Tense::Future
        );
        // Nothing before it: the nearest cue after.
        assert_eq!(
            tense_of("On Friday the ministers will meet.", "Friday"),
            Tense::Future
        );
        assert_eq!(tense_of("Talks on Friday.", "Friday"), Tense::Unknown);
    }

    #[test]
    fn participles_after_be_and_compound_adjectives_are_no_cues() {
        assert_eq!(
            tense_of("The dividend will be paid Dec. 14.", "Dec. 14"),
            Tense::Future
        );
        assert_eq!(
            tense_of("The Atlanta-based firm meets Friday.", "Friday"),
            Tense::Unknown
        );
        // A future cue wins where both match: "scheduled" ends in -ed.
        assert_eq!(
            tense_of("The vote is scheduled for March.", "March"),
            Tense::Future
        );
        assert_eq!(
            tense_of("The thrift announced the plan Aug. 21.", "Aug. 21"),
            Tense::Past
        );
    }

    #[test]
    fn cues_inside_the_expression_do_not_count() {
        assert_eq!(
            tense_of("Sales rose last week and will rise next week.", "next week"),
            Tense::Future
        );
    }
}
