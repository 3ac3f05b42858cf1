//! Sentence splitting for news text, in one linear pass.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets)
//! followed by white space and a capital, digit or opening quote — unless the
//! word before the full stop is a known abbreviation (`Mr.`, `U.S.`) or an
//! initial (`John F. Kennedy`). A blank line ends a paragraph, and a line
//! with no final punctuation (a headline, a dateline, "Advertisement") is a
//! sentence of its own.

use crate::document::offset32;
use rustc_hash::FxHashSet;

/// A sentence: byte offsets into the whole text, trailing space excluded.
/// 32-bit, as a long document has hundreds of thousands of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    start: u32,
    end: u32,
    paragraph: u32,
}

impl Sentence {
    /// A sentence of the bytes `[start, end)` in paragraph `paragraph`
    /// (documents are at most
    /// [`MAX_DOCUMENT_BYTES`](crate::document::MAX_DOCUMENT_BYTES)).
    pub fn new(start: usize, end: usize, paragraph: usize) -> Sentence {
        Sentence {
            start: offset32(start),
            end: offset32(end),
            paragraph: offset32(paragraph),
        }
    }

    /// Start byte.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// End byte (exclusive).
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Paragraph index, from 0.
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }
}

/// Splits text into sentences.
#[derive(Debug, Clone, Default)]
pub struct SentenceSplitter {
    /// Lower-cased, as bytes: the words asked about are lowered into a
    /// buffer on the stack, which needs no check that it is UTF-8 then.
    abbreviations: FxHashSet<Box<[u8]>>,
    /// Bytes in the longest abbreviation.
    longest: usize,
    /// The first byte and length of each abbreviation, so that most words
    /// asked about ("said.", "points.") are ruled out without hashing them.
    shapes: Shapes,
}

/// A filter of the (first byte, length) pairs of a set of lower-cased
/// words: per first byte (its low five bits, which tell the ASCII letters
/// apart), a bit for each length (the last bit standing for all lengths
/// from 63 on). A word whose pair is not in it is not in the set.
#[derive(Debug, Clone, Copy, Default)]
struct Shapes([u64; 32]);

impl Shapes {
    fn of<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> Shapes {
        let mut shapes = Shapes::default();
        for word in words {
            shapes.0[Shapes::slot(word)] |= Shapes::bit(word.len());
        }
        shapes
    }

    /// Whether `word` may be one of the words, case aside (ASCII case: the
    /// first byte is lowered).
    fn may_hold(&self, word: &[u8]) -> bool {
        self.0[Shapes::slot(word)] & Shapes::bit(word.len()) != 0
    }

    fn slot(word: &[u8]) -> usize {
        usize::from(
            word.first()
                .map_or(0, |first| first.to_ascii_lowercase() & 31),
        )
    }

    fn bit(len: usize) -> u64 {
        1 << len.min(63)
    }
}

/// Longest sentence kept whole, in bytes. Text with no sentence ends (a
/// scraped table, a run-on line) is cut at clause punctuation or spaces so
/// that per-sentence work and the sentence text copied into each event stay
/// bounded.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«'];

impl SentenceSplitter {
    /// A splitter that does not break after these abbreviations (each with
    /// its final full stop, as `Mr.`; matched case-insensitively).
    pub fn new(abbreviations: impl IntoIterator<Item = String>) -> SentenceSplitter {
        let abbreviations: FxHashSet<Box<[u8]>> = abbreviations
            .into_iter()
            .map(|a| a.to_lowercase().into_bytes().into_boxed_slice())
            .collect();
        let longest = abbreviations.iter().map(|a| a.len()).max().unwrap_or(0);
        let shapes = Shapes::of(abbreviations.iter().map(|a| &a[..]));
        SentenceSplitter {
            abbreviations,
            longest,
            shapes,
        }
    }

    /// The sentences of `text` from `body_start` on.
    pub fn split(&self, text: &str, body_start: usize) -> Vec<Sentence> {
        let mut out = Vec::new();
        self.split_into(text, body_start, &mut out);
        out
    }

    /// [`SentenceSplitter::split`] into `out`, cleared first: a list kept
    /// from one document to the next needs no allocation for the next.
    pub fn split_into(&self, text: &str, body_start: usize, out: &mut Vec<Sentence>) {
        let bytes = text.as_bytes();
        out.clear();
        let mut paragraph = 0;
        let mut start: Option<usize> = None;
        let mut blank_run = false;
        let push = |out: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
            let trimmed = text[s..e].trim_end();
            if !trimmed.trim_start().is_empty() {
                out.push(Sentence::new(s, s + trimmed.len(), paragraph));
            }
        };
        let mut at = body_start;
        while at < text.len() {
            if start.is_some() && !blank_run {
                // Inside a sentence only a line end or a terminator can
                // change anything: skip to the next one.
                match first_run_end(&bytes[at..]) {
                    Some(offset) => at += offset,
                    None => break,
                }
            }
            let c = text[at..].chars().next().expect("a character boundary");
            let next = at + c.len_utf8();
            if c == '\n' {
                let next_blank = line_is_blank(&text[at + 1..]);
                if let Some(s) = start {
                    let line_text = text[s..at].trim_end();
                    let bare = line_text.trim_end_matches(CLOSERS);
                    // A headline is short and has no commas; a longer or
                    // comma-broken line without a stop is a wrapped sentence.
                    let unterminated = !bare.ends_with(['.', '!', '?', ':', ',', ';', '-', '–'])
                        && !bare.contains(',')
                        && bare.split_whitespace().count() <= 15;
                    let terminated = bare.ends_with(['!', '?'])
                        || (bare.ends_with('.')
                            && !self.is_abbreviation(text, s, s + bare.len() - 1));
                    let next_starts_upper =
                        text[at + 1..].trim_start().chars().next().is_some_and(|n| {
                            n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n)
                        });
                    if next_blank || (next_starts_upper && (unterminated || terminated)) {
                        push(out, s, at, paragraph);
                        start = None;
                    }
                }
                if next_blank && !blank_run && !out.is_empty() {
                    blank_run = true;
                    paragraph += 1;
                }
                at = next;
                continue;
            }
            if c.is_whitespace() {
                at = next;
                continue;
            }
            blank_run = false;
            if start.is_none() {
                start = Some(at);
            }
            at = next;
            if matches!(c, '.' | '!' | '?') {
                // Take the whole run of terminators and closers.
                let run = text[at..]
                    .find(|n: char| !(matches!(n, '.' | '!' | '?') || CLOSERS.contains(&n)))
                    .unwrap_or(text.len() - at);
                let terminator = next - c.len_utf8();
                let end = at + run;
                at = end;
                let after = &text[end..];
                let Some(next) = after
                    .trim_start_matches([' ', '\t', '\u{a0}'])
                    .chars()
                    .next()
                else {
                    continue;
                };
                if !after.starts_with(char::is_whitespace) || next == '\n' || next == '\r' {
                    // A line end is handled by the newline branch.
                    continue;
                }
                let begins_sentence =
                    next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next);
                if begins_sentence
                    && !(c == '.'
                        && self.is_abbreviation(text, start.unwrap_or(terminator), terminator))
                {
                    push(out, start.unwrap_or(terminator), end, paragraph);
                    start = None;
                }
            }
        }
        if let Some(s) = start {
            push(out, s, text.len(), paragraph);
        }
        if out.iter().any(|s| s.end() - s.start() > MAX_SENTENCE_BYTES) {
            let whole = std::mem::take(out);
            out.extend(whole.into_iter().flat_map(|s| cut_long(text, s)));
        }
    }

    /// Whether the word ending with the full stop at `dot` is an
    /// abbreviation or an initial.
    fn is_abbreviation(&self, text: &str, floor: usize, dot: usize) -> bool {
        let word = &text[word_start(text, floor, dot)..dot + 1];
        let letters = word.trim_end_matches('.');
        let mut chars = letters.chars();
        if let (Some(only), None) = (chars.next(), chars.next()) {
            if only.is_uppercase() {
                return true;
            }
        }
        self.is_listed(word)
    }

    /// Whether `word` is one of the abbreviations, case aside. Most words
    /// asked about are short and ASCII: those are lowered on the stack.
    fn is_listed(&self, word: &str) -> bool {
        const SHORT: usize = 32;
        // Lower-casing changes no ASCII word's length: one longer than
        // every abbreviation, or of no abbreviation's first letter and
        // length, is none.
        let ascii = word.is_ascii();
        if ascii && (word.len() > self.longest || !self.shapes.may_hold(word.as_bytes())) {
            return false;
        }
        if ascii && word.len() <= SHORT {
            let mut buffer = [0u8; SHORT];
            let lower = &mut buffer[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return self.abbreviations.contains(&*lower);
        }
        self.abbreviations.contains(word.to_lowercase().as_bytes())
    }
}

/// Where the word ending at `dot` starts: after the last white space or
/// opening quote or bracket in `text[floor..dot]`, else at `floor`. Read
/// back a byte at a time over ASCII, decoding only other characters.
fn word_start(text: &str, floor: usize, dot: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = dot;
    while at > floor {
        let byte = bytes[at - 1];
        if byte.is_ascii() {
            if breaks_words_ascii(byte) {
                return at;
            }
            at -= 1;
            continue;
        }
        let c = text[floor..at]
            .chars()
            .next_back()
            .expect("a character before");
        if c.is_whitespace() || OPENERS.contains(&c) {
            return at;
        }
        at -= c.len_utf8();
    }
    floor
}

/// Whether the ASCII `byte` is white space or an opening quote or
/// bracket: `char::is_whitespace` or [`OPENERS`], in one test.
fn breaks_words_ascii(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | b'"' | b'\'' | b'(' | b'[')
}

/// Whether the line `rest` opens (up to its first `\n`) is blank: white
/// space only. Looks no further than the first other character, where
/// cutting the line off first would read a whole paragraph.
fn line_is_blank(rest: &str) -> bool {
    rest.chars()
        .find(|&c| c == '\n' || !c.is_whitespace())
        .is_none_or(|c| c == '\n')
}

/// The offset of the first byte of `bytes` that [`ends_a_run`], skipping
/// eight bytes at a time while none of them does.
fn first_run_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // Nonzero exactly when some byte of `word` is `byte`.
    let holds = |word: u64, byte: u8| {
        let equal_is_zero = word ^ (ONES * u64::from(byte));
        equal_is_zero.wrapping_sub(ONES) & !equal_is_zero & HIGHS
    };
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if holds(word, b'\n') | holds(word, b'.') | holds(word, b'!') | holds(word, b'?') != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| ends_a_run(b))
        .map(|offset| at + offset)
}

/// Whether `byte` is a line end or a sentence terminator: within a
/// sentence, the only characters [`SentenceSplitter::split`] acts on. All
/// are ASCII, so a byte search finds them.
fn ends_a_run(byte: u8) -> bool {
    matches!(byte, b'\n' | b'.' | b'!' | b'?')
}

/// Cuts a sentence longer than [`MAX_SENTENCE_BYTES`] into pieces at the
/// last `;`, `,` or space before the limit (or anywhere, as a last resort).
fn cut_long(text: &str, sentence: Sentence) -> Vec<Sentence> {
    let mut pieces = Vec::new();
    let mut start = sentence.start();
    while sentence.end() - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let cut = [";", ",", " "]
            .iter()
            .find_map(|mark| {
                window
                    .rfind(mark)
                    .filter(|&at| at > 0)
                    .map(|at| start + at + mark.len())
            })
            .unwrap_or(limit);
        let trimmed = text[start..cut].trim_end();
        if !trimmed.is_empty() {
            pieces.push(Sentence::new(
                start,
                start + trimmed.len(),
                sentence.paragraph(),
            ));
        }
        start = cut + (text[cut..].len() - text[cut..].trim_start().len());
    }
    if start < sentence.end() {
        pieces.push(Sentence::new(start, sentence.end(), sentence.paragraph()));
    }
    pieces
}

/// Index of the last of `sentences` starting at or before `offset`, else 0.
pub fn last_starting_by(sentences: &[Sentence], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.start() <= offset)
        .saturating_sub(1)
}

/// [`last_starting_by`] for offsets asked about in increasing order: each
/// answer is counted on from the last one, past the sentences in between,
/// rather than searched for among all of a long document's sentences
/// (whose binary search misses the cache at every step).
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceCursor {
    at: usize,
}

impl SentenceCursor {
    /// Index of the last of `sentences` starting at or before `offset`,
    /// else 0; `offset` is at or after the one asked about before.
    pub fn last_starting_by(&mut self, sentences: &[Sentence], offset: usize) -> usize {
        debug_assert!(self.at == 0 || sentences[self.at].start() <= offset);
        while sentences
            .get(self.at + 1)
            .is_some_and(|next| next.start() <= offset)
        {
            self.at += 1;
        }
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_cursor_finds_what_a_search_finds(
            lengths in prop::collection::vec(1usize..20, 0..30),
            mut offsets in prop::collection::vec(0usize..400, 0..30),
        ) {
            let mut start = 3;
            let sentences: Vec<Sentence> = lengths
                .iter()
                .map(|&len| {
                    let sentence = Sentence::new(start, start + len, 0);
                    start += len + 1;
                    sentence
                })
                .collect();
            offsets.sort_unstable();
            let mut cursor = SentenceCursor::default();
            for offset in offsets {
                prop_assert_eq!(
                    cursor.last_starting_by(&sentences, offset),
                    last_starting_by(&sentences, offset)
                );
            }
        }
    }

    /// [`SentenceSplitter::split`] as it was before it skipped to line ends
    /// and terminators: every character decoded and looked at.
    fn split_char_by_char(
        splitter: &SentenceSplitter,
        text: &str,
        body_start: usize,
    ) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut paragraph = 0;
        let mut start: Option<usize> = None;
        let mut blank_run = false;
        let mut chars = text[body_start..].char_indices().peekable();
        let push = |out: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
            let trimmed = text[s..e].trim_end();
            if !trimmed.trim_start().is_empty() {
                out.push(Sentence::new(s, s + trimmed.len(), paragraph));
            }
        };
        while let Some((relative, c)) = chars.next() {
            let at = body_start + relative;
            if c == '\n' {
                if let Some(s) = start {
                    let line_text = text[s..at].trim_end();
                    let next_blank = text[at + 1..]
                        .split('\n')
                        .next()
                        .is_some_and(|l| l.trim().is_empty());
                    let bare = line_text.trim_end_matches(CLOSERS);
                    // A headline is short and has no commas; a longer or
                    // comma-broken line without a stop is a wrapped sentence.
                    let unterminated = !bare.ends_with(['.', '!', '?', ':', ',', ';', '-', '–'])
                        && !bare.contains(',')
                        && bare.split_whitespace().count() <= 15;
                    let terminated = bare.ends_with(['!', '?'])
                        || (bare.ends_with('.')
                            && !splitter.is_abbreviation(text, s, s + bare.len() - 1));
                    let next_starts_upper =
                        text[at + 1..].trim_start().chars().next().is_some_and(|n| {
                            n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n)
                        });
                    if next_blank || (next_starts_upper && (unterminated || terminated)) {
                        push(&mut out, s, at, paragraph);
                        start = None;
                    }
                }
                let line_is_blank = text[at + 1..]
                    .split('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty());
                if line_is_blank && !blank_run && !out.is_empty() {
                    blank_run = true;
                    paragraph += 1;
                }
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            blank_run = false;
            if start.is_none() {
                start = Some(at);
            }
            if matches!(c, '.' | '!' | '?') {
                // Take the whole run of terminators and closers.
                let mut end = at + c.len_utf8();
                while let Some(&(r, n)) = chars.peek() {
                    if matches!(n, '.' | '!' | '?') || CLOSERS.contains(&n) {
                        end = body_start + r + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let after = &text[end..];
                let Some(next) = after
                    .trim_start_matches([' ', '\t', '\u{a0}'])
                    .chars()
                    .next()
                else {
                    continue;
                };
                if !after.starts_with(char::is_whitespace) || next == '\n' || next == '\r' {
                    // A line end is handled by the newline branch.
                    continue;
                }
                let begins_sentence =
                    next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next);
                if begins_sentence
                    && !(c == '.' && splitter.is_abbreviation(text, start.unwrap_or(at), at))
                {
                    push(&mut out, start.unwrap_or(at), end, paragraph);
                    start = None;
                }
            }
        }
        if let Some(s) = start {
            push(&mut out, s, text.len(), paragraph);
        }
        if out.iter().any(|s| s.end() - s.start() > MAX_SENTENCE_BYTES) {
            out = out.into_iter().flat_map(|s| cut_long(text, s)).collect();
        }
        out
    }

    #[test]
    fn ascii_word_breaks_are_white_space_and_openers() {
        for byte in 0..=0x7Fu8 {
            let c = char::from(byte);
            assert_eq!(
                breaks_words_ascii(byte),
                c.is_whitespace() || OPENERS.contains(&c),
                "{byte:#x}"
            );
        }
    }

    proptest! {
        #[test]
        fn listed_words_are_those_of_the_set_case_aside(
            listed in prop::collection::vec("([a-zA-Z0-9.]|\u{e9}|\u{c9}){0,6}", 0..8),
            word in "([a-zA-Z0-9.]|\u{e9}|\u{c9}){0,6}",
            pick in any::<prop::sample::Index>(),
        ) {
            let splitter = SentenceSplitter::new(listed.clone());
            let lowered: Vec<String> = listed.iter().map(|w| w.to_lowercase()).collect();
            // Half the time a listed word in other case, which must be found.
            let word = match listed.get(pick.index(listed.len().max(1))) {
                Some(chosen) if pick.index(2) == 0 => chosen.to_uppercase(),
                _ => word,
            };
            prop_assert_eq!(
                splitter.is_listed(&word),
                lowered.contains(&word.to_lowercase())
            );
        }

        #[test]
        fn word_starts_are_found_as_searching_back_for_a_break_finds_them(
            text in "([a-z.( \t\u{b}\u{1c}\\[\\]\u{a0}\u{2028}\"'“«]|\u{e9}|\u{6771}){0,16}",
            ends in (0.0f64..1.0, 0.0f64..1.0),
        ) {
            let boundary = |fraction: f64| {
                let mut at = (text.len() as f64 * fraction) as usize;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                at
            };
            let (floor, dot) = (boundary(ends.0.min(ends.1)), boundary(ends.0.max(ends.1)));
            let simple = text[floor..dot]
                .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
                .map_or(floor, |i| {
                    floor + i + text[floor + i..].chars().next().map_or(1, char::len_utf8)
                });
            prop_assert_eq!(word_start(&text, floor, dot), simple);
        }

        #[test]
        fn blank_lines_are_found_without_cutting_the_line_off(
            rest in "([a-z \t\r\n\u{a0}\u{2028}\u{3000}.]|\u{e9}){0,12}",
        ) {
            let simple = rest.split('\n').next().is_some_and(|l| l.trim().is_empty());
            prop_assert_eq!(line_is_blank(&rest), simple);
        }

        #[test]
        fn run_ends_are_found_past_whole_words(
            text in "([a-z \u{e9}\u{2019}]{0,20}[.!?\n]?){0,6}",
        ) {
            let bytes = text.as_bytes();
            prop_assert_eq!(first_run_end(bytes), bytes.iter().position(|&b| ends_a_run(b)));
        }

        #[test]
        fn skipping_to_terminators_splits_as_reading_every_character(
            parts in prop::collection::vec(
                prop_oneof![
                    "[A-Za-z0-9 ]{1,8}".boxed(),
                    prop::sample::select(vec![
                        ".", "!", "?", "...", "\n", "\n\n", "\r\n", " ", "\t", "\u{a0}",
                        ",", ";", "\"", "'", "”", "“", "(", ")", "»", "Mr.", "U.S.", "J.",
                        "é", "É", "東", "ثم", "😀", "\u{2028}",
                    ])
                    .prop_map(str::to_string)
                    .boxed(),
                ],
                0..40,
            ),
            body_fraction in 0.0f64..0.5,
        ) {
            let text = parts.concat();
            let mut body_start = (text.len() as f64 * body_fraction) as usize;
            while !text.is_char_boundary(body_start) {
                body_start += 1;
            }
            let splitter = SentenceSplitter::new(["Mr.", "U.S.", "Gen."].map(String::from));
            prop_assert_eq!(
                splitter.split(&text, body_start),
                split_char_by_char(&splitter, &text, body_start)
            );
        }
    }

    fn split(text: &str) -> Vec<&str> {
        let splitter = SentenceSplitter::new(["Mr.", "U.S.", "Gen.", "Jan."].map(String::from));
        splitter
            .split(text, 0)
            .iter()
            .map(|s| &text[s.start()..s.end()])
            .collect()
    }

    #[test]
    fn ordinary_sentences_and_questions() {
        assert_eq!(
            split("Why? As ever there are reasons. France was close! “Go,” he said."),
            vec![
                "Why?",
                "As ever there are reasons.",
                "France was close!",
                "“Go,” he said."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_decimals() {
        assert_eq!(
            split("Mr. Smith met Gen. Lee in the U.S. on Jan. 3. John F. Kennedy rose 3.5 points. Done."),
            vec!["Mr. Smith met Gen. Lee in the U.S. on Jan. 3.", "John F. Kennedy rose 3.5 points.", "Done."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("He said: “We will win.” Then he left."),
            vec!["He said: “We will win.”", "Then he left."]
        );
    }

    #[test]
    fn headlines_paragraphs_and_crlf() {
        let text = "Floods hit Dhaka\nThousands fled on Monday.\r\n\r\nAdvertisement\n\nRescue went on. It rained.";
        let splitter = SentenceSplitter::default();
        let sentences = splitter.split(text, 0);
        let texts: Vec<&str> = sentences
            .iter()
            .map(|s| &text[s.start()..s.end()])
            .collect();
        assert_eq!(
            texts,
            vec![
                "Floods hit Dhaka",
                "Thousands fled on Monday.",
                "Advertisement",
                "Rescue went on.",
                "It rained."
            ]
        );
        let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph()).collect();
        assert_eq!(paragraphs, vec![0, 0, 1, 2, 2]);
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        assert_eq!(
            split("The talks, held in\nGeneva, ended.\nThey resume today."),
            vec!["The talks, held in\nGeneva, ended.", "They resume today."]
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        let splitter = SentenceSplitter::default();
        for text in [
            "",
            ".",
            "?!",
            "\r",
            "a.\u{0}B",
            "ثم. قال",
            "😀. 😀",
            "x. ",
            ". . .",
            "\n\n\n.",
        ] {
            for s in splitter.split(text, 0) {
                assert!(s.start() < s.end() && s.end() <= text.len());
            }
        }
        let long = "word ".repeat(200_000);
        let pieces = splitter.split(&long, 0);
        assert!(pieces
            .iter()
            .all(|s| s.end() - s.start() <= MAX_SENTENCE_BYTES && s.start() < s.end()));
        assert_eq!(pieces.first().map(|s| s.start), Some(0));
        assert_eq!(pieces.last().map(|s| s.end()), Some(long.trim_end().len()));
    }
}
