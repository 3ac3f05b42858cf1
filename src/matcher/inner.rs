//! Rules found from a literal inside their matches, not by the one pass.
//!
//! Some rules open with a stretch of unbounded length before a literal
//! that every match holds: `\b[Tt]he (?:\w+ )?March (?:of|for)\b` reads any
//! word after "the" before "March", and `{CAPNAME}(?: {CAPNAME}){1,3}, (?:a|
//! the) …` any capitalised words before ", the". In the DFA of all rules,
//! every walk from such a rule's openings (every "the", every capitalised
//! word) goes on through that stretch, and nearly all find nothing: these
//! rules carried about half the steps of all walks. The literals are rare
//! in text, so such a rule is searched from them instead: the occurrences
//! of the literals are found in one pass of an Aho-Corasick automaton, a
//! reverse DFA of the stretch walks back from each to the positions where
//! a match may open, and the rule's own DFA says whether one does there,
//! as it does at any position the pass tries. Every match opens at one of
//! those positions, so this finds what a scan of the rule finds.

use aho_corasick::{AhoCorasick, Input};
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::{hybrid, Anchored, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Shortest literal a rule is searched from: shorter ones are too common.
const SHORTEST_LITERAL: usize = 3;
/// Most literals a rule is searched from.
const MOST_LITERALS: usize = 256;

/// A rule's pattern split where it is searched from: the stretch before
/// the literals, and the literals one of which opens the rest of every
/// match.
#[derive(Debug)]
pub(super) struct Split {
    /// The parts of the pattern before the literals, in one pattern.
    pub stretch: Hir,
    /// The literals (some only prefixes of what the rest matches).
    pub literals: Vec<Vec<u8>>,
}

/// Where `hir` is searched from, if it opens with a stretch that may read
/// words without end ([`reads_any_words`]: walks from its openings go on
/// through the text) before a part whose matches all open with one of a
/// few literals of at least [`SHORTEST_LITERAL`] bytes. The split is at the
/// first part where both hold.
pub(super) fn split(hir: &Hir) -> Option<Split> {
    let mut parts = Vec::new();
    flatten(hir, &mut parts);
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    for at in 1..parts.len() {
        if !parts[..at].iter().any(|part| reads_any_words(part)) {
            continue;
        }
        let rest = Hir::concat(parts[at..].iter().map(|&part| part.clone()).collect());
        let literals = extractor.extract(&rest);
        let Some(literals) = literals.literals() else {
            continue;
        };
        let usable = !literals.is_empty()
            && literals.len() <= MOST_LITERALS
            && (literals.iter()).all(|literal| literal.as_bytes().len() >= SHORTEST_LITERAL);
        if usable {
            return Some(Split {
                stretch: Hir::concat(parts[..at].iter().map(|&part| part.clone()).collect()),
                literals: literals.iter().map(|l| l.as_bytes().to_vec()).collect(),
            });
        }
    }
    None
}

/// Whether `hir` repeats without bound something that may read any ASCII
/// letter (`\w+`, `[\p{Ll}'-]*`): a number (`\d+`) ends at the first
/// letter, but such a stretch goes on through words.
fn reads_any_words(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(repetition) if repetition.max.is_none() => {
            any_letter(&repetition.sub) || reads_any_words(&repetition.sub)
        }
        HirKind::Repetition(repetition) => reads_any_words(&repetition.sub),
        HirKind::Capture(capture) => reads_any_words(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(reads_any_words),
        _ => false,
    }
}

/// Whether `hir` holds a class of every ASCII lower-case letter.
fn any_letter(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => (b'a'..=b'z').all(|letter| {
            (class.ranges().iter())
                .any(|r| r.start() <= char::from(letter) && char::from(letter) <= r.end())
        }),
        HirKind::Class(Class::Bytes(class)) => (b'a'..=b'z').all(|letter| {
            (class.ranges().iter()).any(|r| r.start() <= letter && letter <= r.end())
        }),
        HirKind::Repetition(repetition) => any_letter(&repetition.sub),
        HirKind::Capture(capture) => any_letter(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(any_letter),
        _ => false,
    }
}

/// The parts of `hir` read one after another, through its groups (the
/// DFAs that find matches have no captures).
fn flatten<'h>(hir: &'h Hir, parts: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Capture(capture) => flatten(&capture.sub, parts),
        HirKind::Concat(concat) => concat.iter().for_each(|part| flatten(part, parts)),
        _ => parts.push(hir),
    }
}

/// The rules searched from their literals.
#[derive(Debug)]
pub(super) struct ByLiteral {
    /// Rule indices, by slot.
    pub rules: Vec<usize>,
    /// Per slot, the anchored reverse DFAs of the rule's stretch, reporting
    /// every position where the stretch may open.
    reverse: Vec<Reverse>,
    /// Every literal of every rule, each once. Searched for the leftmost
    /// occurrence from each position on, which its prefilter finds fast; an
    /// overlapping search, which would also give the literals opening at
    /// the same position, walks its automaton over every byte.
    literals: AhoCorasick,
    /// By first byte: each literal with the slot of a rule it is one of,
    /// so that at an occurrence every rule with a literal opening there is
    /// found (", a " and ", an " both open ", an ").
    by_first_byte: Vec<Vec<(Box<[u8]>, usize)>>,
}

impl ByLiteral {
    /// The searches of `splits`: (rule index, its split); `None` when an
    /// automaton cannot be built (the rules then stay in the pass).
    pub fn new(splits: Vec<(usize, Split)>) -> Option<ByLiteral> {
        let mut rules = Vec::new();
        let mut reverse = Vec::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut by_first_byte = vec![Vec::new(); 256];
        for (slot, (rule, split)) in splits.into_iter().enumerate() {
            let ascii = super::ascii::ascii_only(&split.stretch)
                .and_then(|narrowed| reverse_dfa(&narrowed));
            rules.push(rule);
            reverse.push(Reverse {
                ascii,
                full: reverse_dfa(&split.stretch)?,
            });
            for literal in split.literals {
                by_first_byte[usize::from(literal[0])].push((literal.clone().into(), slot));
                literals.push(literal);
            }
        }
        literals.sort_unstable();
        literals.dedup();
        Some(ByLiteral {
            rules,
            reverse,
            literals: AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&literals)
                .ok()?,
            by_first_byte,
        })
    }

    /// Per-thread caches of the reverse DFAs.
    pub fn caches(&self) -> Vec<ReverseCaches> {
        (self.reverse.iter())
            .map(|reverse| ReverseCaches {
                ascii: reverse.ascii.as_ref().map(hybrid::dfa::DFA::create_cache),
                full: reverse.full.create_cache(),
            })
            .collect()
    }

    /// Per slot, where in `haystack` a match of the rule may open, in
    /// `openings` (cleared first): sorted, each once. `None` for a slot
    /// whose reverse DFA could not decide somewhere (a byte it gives up
    /// on), so that the rule must be scanned.
    pub fn openings(
        &self,
        caches: &mut [ReverseCaches],
        haystack: &[u8],
        openings: &mut Vec<Option<Vec<usize>>>,
    ) {
        openings.clear();
        openings.resize(self.rules.len(), Some(Vec::new()));
        // Per slot, the last occurrence walked back from.
        let mut walked = vec![usize::MAX; self.rules.len()];
        // Every position where a literal opens: after an occurrence, the
        // search goes on from the next byte, not past its end.
        let mut from = 0;
        while let Some(occurrence) =
            (self.literals).find(Input::new(haystack).span(from..haystack.len()))
        {
            let end = occurrence.start();
            from = end + 1;
            let rest = &haystack[end..];
            for (literal, slot) in &self.by_first_byte[usize::from(rest[0])] {
                // A rule with several literals opening here is walked once.
                if walked[*slot] == end || !rest.starts_with(literal) {
                    continue;
                }
                walked[*slot] = end;
                let Some(starts) = &mut openings[*slot] else {
                    continue;
                };
                if walk_back(
                    &self.reverse[*slot],
                    &mut caches[*slot],
                    haystack,
                    end,
                    starts,
                ) != Walked::Decided
                {
                    openings[*slot] = None;
                }
            }
        }
        for starts in openings.iter_mut().flatten() {
            starts.sort_unstable();
            starts.dedup();
        }
    }
}

/// Adds to `starts` every position from which the stretch of `reverse`
/// matches up to `end`: walked back with the DFA narrowed to ASCII, and
/// again with the other if that meets a byte beyond ASCII.
fn walk_back(
    reverse: &Reverse,
    caches: &mut ReverseCaches,
    haystack: &[u8],
    end: usize,
    starts: &mut Vec<usize>,
) -> Walked {
    let known = starts.len();
    if let Some((ascii, cache)) = reverse.ascii.as_ref().zip(caches.ascii.as_mut()) {
        match stretch_openings(ascii, cache, haystack, end, true, starts) {
            Walked::Beyond => starts.truncate(known),
            walked => return walked,
        }
    }
    stretch_openings(
        &reverse.full,
        &mut caches.full,
        haystack,
        end,
        false,
        starts,
    )
}

/// The reverse DFAs of a stretch.
#[derive(Debug)]
struct Reverse {
    /// Of the stretch narrowed to ASCII ([`super::ascii::ascii_only`]),
    /// where that changes it: its classes of letters beyond ASCII make the
    /// states of the other costly to build (each a set of thousands of NFA
    /// states), and news text is nearly all ASCII. It decides walks over
    /// ASCII bytes only.
    ascii: Option<hybrid::dfa::DFA>,
    full: hybrid::dfa::DFA,
}

/// The caches of a [`Reverse`].
#[derive(Debug)]
pub(super) struct ReverseCaches {
    ascii: Option<hybrid::dfa::Cache>,
    full: hybrid::dfa::Cache,
}

/// The anchored reverse DFA of `hir` reporting every match, if it can be
/// built.
fn reverse_dfa(hir: &Hir) -> Option<hybrid::dfa::DFA> {
    let nfa = thompson::Compiler::new()
        .configure(super::nfa_config().reverse(true))
        .build_from_hir(hir)
        .ok()?;
    hybrid::dfa::Builder::new()
        .configure(super::lazy_dfa(MatchKind::All, super::RULE_CACHE_BYTES))
        .build_from_nfa(nfa)
        .ok()
}

/// How a walk back through a stretch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walked {
    Decided,
    /// At a byte beyond ASCII, for a DFA narrowed to ASCII.
    Beyond,
    /// The DFA could not decide.
    Undecided,
}

/// Adds to `starts` every position from which the stretch of `reverse`
/// matches up to `end`, walking back from there; a DFA narrowed to ASCII
/// (`ascii_only`) stops at the first byte beyond ASCII.
fn stretch_openings(
    reverse: &hybrid::dfa::DFA,
    cache: &mut hybrid::dfa::Cache,
    haystack: &[u8],
    end: usize,
    ascii_only: bool,
    starts: &mut Vec<usize>,
) -> Walked {
    // Walking back, the byte "before" the search is the one at its end.
    let config = start::Config::new()
        .anchored(Anchored::Yes)
        .look_behind(haystack.get(end).copied());
    let Ok(mut state) = reverse.start_state(cache, &config) else {
        return Walked::Undecided;
    };
    for at in (0..end).rev() {
        let byte = haystack[at];
        if ascii_only && !byte.is_ascii() {
            return Walked::Beyond;
        }
        let Ok(next) = reverse.next_state(cache, state, byte) else {
            return Walked::Undecided;
        };
        state = next;
        if state.is_tagged() {
            if state.is_match() {
                // Matches show one byte late: this one opens after `at`.
                starts.push(at + 1);
            } else if state.is_dead() {
                return Walked::Decided;
            } else if state.is_quit() {
                return Walked::Undecided;
            }
        }
    }
    match reverse.next_eoi_state(cache, state) {
        Ok(state) => {
            if state.is_match() {
                starts.push(0);
            }
            Walked::Decided
        }
        Err(_) => Walked::Undecided,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_of(pattern: &str) -> Option<Split> {
        split(&regex_syntax::parse(pattern).unwrap())
    }

    #[test]
    fn rules_that_open_with_an_unbounded_stretch_are_split_before_their_literals() {
        let march = split_of(r"(?-u:\b)[Tt]he (?:\w+ )?March (?:of|for)(?-u:\b)").unwrap();
        let mut literals = march.literals.clone();
        literals.sort();
        assert_eq!(literals, [b"March for".to_vec(), b"March of".to_vec()]);
        // A bounded opening is walked cheaply: not split; nor a number.
        assert!(split_of(r"\b[Tt]he (?:end|start) of (?:May|June)\b").is_none());
        assert!(split_of(r"\b[0-9]+ days ago\b").is_none());
        // Nor where what follows the stretch opens with no literal.
        assert!(split_of(r"\b[A-Z][a-z]+ \w+\b").is_none());
        // Nor where the literals are too short to be rare.
        assert!(split_of(r"\b[A-Z][a-z]+, \w+").is_none());
    }

    #[test]
    fn the_stretch_walked_back_gives_every_opening() {
        let split = split_of(r"(?-u:\b)[Tt]he (?:\w+ )?March (?:of|for)(?-u:\b)").unwrap();
        let by = ByLiteral::new(vec![(7, split)]).unwrap();
        let mut caches = by.caches();
        let text = "At the March of the Mothers, and the annual March for Life; they March of";
        let mut openings = Vec::new();
        by.openings(&mut caches, text.as_bytes(), &mut openings);
        let expected: Vec<usize> = ["the March of", "the annual March"]
            .iter()
            .map(|found| text.find(found).unwrap())
            .collect();
        assert_eq!(openings, [Some(expected)]);
    }
}
