//! Timex resolution in document order: each date candidate's value is
//! resolved against the publication time, the sentence's tense, the last
//! date mentioned and the year or quarter named nearby.

use crate::matcher::{Candidate, Origin};
use crate::normalise::{self, Context, Tense};
use crate::pipeline::{previous_word, sentence_index};
use crate::rules::{RuleKind, Settings, TimexKind};
use crate::sentence::Sentence;
use chrono::NaiveDate;

/// A timex after resolution, in byte offsets.
#[derive(Debug, Clone)]
pub struct ResolvedTimex {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The rule that found it.
    pub origin: Origin,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexKind,
    /// The resolved TIMEX3 value.
    pub value: String,
    /// The TIMEX3 mod.
    pub modifier: Option<String>,
    /// First and last day, for values that name days.
    pub range: Option<crate::calendar::DateRange>,
    /// The signal word before it (`since`, `until`, …).
    pub signal: Option<String>,
    /// Index of its sentence.
    pub sentence: usize,
}

/// Resolves the accepted candidates of one document, in offset order.
pub fn resolve(
    settings: &Settings,
    text: &str,
    sentences: &[Sentence],
    accepted: &[Candidate],
    dct: Option<NaiveDate>,
) -> Vec<ResolvedTimex> {
    let mut out: Vec<ResolvedTimex> = Vec::new();
    let mut last_date: Option<NaiveDate> = None;
    // (sentence index, year) of the last year written out in full.
    let mut written_year: Option<(usize, i32)> = None;
    // (sentence index, first day) of the last quarter named.
    let mut last_quarter: Option<(usize, NaiveDate)> = None;
    let mut tense_of: Option<(usize, Tense)> = None;
    for c in accepted {
        let RuleKind::Timex(kind) = c.kind else {
            continue;
        };
        let Some(raw) = &c.value else { continue };
        let sentence = sentence_index(sentences, c.start);
        // A sentence's tense is looked up once however many dates it holds.
        let tense = if let Some((_, tense)) = tense_of.filter(|(at, _)| *at == sentence) {
            tense
        } else {
            let sentence_text = sentences
                .get(sentence)
                .map_or("", |s| &text[s.start..s.end]);
            let tense = sentence_tense(settings, sentence_text);
            tense_of = Some((sentence, tense));
            tense
        };
        let recent_year = written_year
            .filter(|(at, _)| sentence.saturating_sub(*at) <= settings.anchor_sentences)
            .map(|(_, year)| year);
        let context = Context {
            dct,
            tense,
            last_date,
            recent_year,
            quarter: last_quarter
                .filter(|(at, _)| sentence.saturating_sub(*at) <= 1)
                .map(|(_, day)| day),
        };
        let underspecified = normalise::is_underspecified(raw);
        let value = normalise::resolve(raw, &context);
        let range = match kind {
            TimexKind::Date | TimexKind::Time => normalise::range(&value),
            _ => None,
        };
        if let Some(r) = range {
            if r.precision <= crate::calendar::Precision::Year {
                last_date = Some(r.start);
            }
            if r.precision == crate::calendar::Precision::Quarter {
                last_quarter = Some((sentence, r.start));
            }
            if !underspecified && r.precision <= crate::calendar::Precision::Year {
                written_year = Some((sentence, chrono::Datelike::year(&r.start)));
            }
        }
        let signal = previous_word(text, c.start)
            .map(str::to_lowercase)
            .filter(|w| settings.signals.contains(w));
        out.push(ResolvedTimex {
            start: c.start,
            end: c.end,
            origin: c.origin,
            kind,
            value,
            modifier: c.modifier.clone(),
            range,
            signal,
            sentence,
        });
    }
    out
}

/// The tense cues of a sentence: a future cue wins over a past one.
fn sentence_tense(settings: &Settings, sentence: &str) -> Tense {
    let cued = |cue: &Option<regex::Regex>| cue.as_ref().is_some_and(|r| r.is_match(sentence));
    if cued(&settings.future_tense) {
        Tense::Future
    } else if cued(&settings.past_tense) {
        Tense::Past
    } else {
        Tense::Unknown
    }
}
