//! Matching: every regex rule and gazetteer form in one pass over the text
//! (with dashes and apostrophes folded), producing candidates with their
//! provenance; overlaps are resolved later.

mod ascii;
mod inner;
mod lexicon;
pub mod starts;
mod words;

use crate::rules::template::{parse_number, Template};
use crate::rules::{EntityKind, Rule, RuleKind, RuleSet};
use crate::text::{
    ascii_word_end, fold_char, is_ascii_word, next_foldable, no_word_char_before, ASCII_WORD,
};
use lexicon::FormList;
pub use lexicon::Lexicon;
use regex_automata::dfa::onepass;
use regex_automata::nfa::thompson;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::start;
use regex_automata::{hybrid, Anchored, Input, MatchKind};
use regex_syntax::hir::{Hir, HirKind};
use rustc_hash::{FxHashMap, FxHashSet};
use starts::{first_words, is_plain_case, pair_key, Follow, FollowAfter, Starts, PAIRS};
use std::collections::hash_map::Entry;
use std::num::NonZeroU32;
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use words::WordTable;

/// Which rule or gazetteer produced a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Index into [`RuleSet::rules`].
    Rule(usize),
    /// Index into [`RuleSet::gazetteers`].
    Gazetteer(usize),
}

impl Origin {
    /// The id of the rule or gazetteer.
    pub fn id(self, rules: &RuleSet) -> &str {
        match self {
            Origin::Rule(i) => &rules.rules[i].id,
            Origin::Gazetteer(i) => &rules.gazetteers[i].id,
        }
    }
}

/// One possible extraction, in byte offsets of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Producer.
    pub origin: Origin,
    /// What was found.
    pub kind: RuleKind,
    /// Tie-breaker between equally long overlapping candidates.
    pub priority: i32,
    /// A negative rule's match: removes what it overlaps.
    pub reject: bool,
    /// Canonical name, for gazetteer hits: [`Matcher::canonical_name`]
    /// reads it. A number, not a shared string, so that a hit touches
    /// neither the string nor a reference count.
    pub canonical: Option<CanonicalName>,
    /// TIMEX3 value as the rule wrote it (possibly underspecified). The
    /// strings of a candidate are shared with the remembered reading that
    /// gave them, so that a match costs no allocation.
    pub value: Option<Arc<str>>,
    /// TIMEX3 mod.
    pub modifier: Option<Arc<str>>,
    /// Casualty figure.
    pub number: Option<u64>,
}

impl Candidate {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The canonical name of a gazetteer entry, as [`Matcher::canonical_name`]
/// reads it: where it is in the matcher's text of all canonical names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanonicalName {
    start: u32,
    /// Never zero, as canonical names are not empty: so a candidate's
    /// `Option<CanonicalName>` needs no room of its own.
    end: NonZeroU32,
}

/// What a surface form of the lexicon stands for (its kind is its
/// gazetteer's). Kept small: the lexicon lists it beside each form.
#[derive(Debug, Clone, Copy)]
struct Form {
    gazetteer: u32,
    canonical: CanonicalName,
}

// Bits of the dispatch table: what may open at a position.
/// A rule placed by its first bytes.
const MAY_OPEN_RULE: u8 = 1;
/// A rule placed by its first word, or a gazetteer form.
const MAY_OPEN_WORD: u8 = 2;
/// A rule placed by a caseless word ([`starts::Openings::caseless_words`]),
/// in any case: so that only words opening like one are looked up among
/// them.
const MAY_OPEN_CASELESS: u8 = 4;

/// Most memory a rule's lazy DFA may take per thread: generous, since a
/// cleared cache costs the states rebuilt (caches grow only as states are
/// made).
const RULE_CACHE_BYTES: usize = 4 << 20;
/// The same for the DFA of all placed rules.
const ANY_RULE_CACHE_BYTES: usize = 32 << 20;

/// The automata, shared by the matcher and the factory of its scratch space.
#[derive(Debug)]
struct Automata {
    /// Per rule (by index), its anchored leftmost-first DFA: where the
    /// rule's match from a position ends, as a scan would report it. `None`
    /// for the rules that are scanned.
    rules: Vec<Option<hybrid::dfa::DFA>>,
    /// Sets of rules tried at the same positions (those listed under one
    /// word, those opening with digits, those placed by first bytes).
    groups: Vec<RuleGroup>,
    /// One anchored DFA of every rule that is neither scanned nor searched
    /// from a literal ([`AnyRule`]); `None` when it cannot be built,
    /// leaving each rule to its own search.
    any: Option<AnyRule>,
    /// The same for the rules placed by their first bytes alone, narrowed
    /// to ASCII, for the positions where no other rule is placed (a
    /// capitalised word that opens no rule by its words, say); where it
    /// meets a byte beyond ASCII, `any` walks instead. There the DFA of
    /// every rule would also follow the rules listed under words on the
    /// way (a list of thousands of first names, letter by letter, for a
    /// word such as "Witnesses"): states that are many and rarely visited,
    /// where a third of the walks' reads that missed the caches were. The
    /// states of this one are few.
    first_bytes_only: Option<AnyRule>,
    /// The rules searched from literals inside their matches
    /// ([`inner`]), which are in no group and not in `any`.
    by_literal: Option<inner::ByLiteral>,
    /// Per rule, the engines that read its captures, anchored at a match.
    captures: Vec<CaptureEngines>,
    /// Per rule, the engines of its pattern narrowed to ASCII
    /// ([`ascii::ascii_only`]), which read the same captures in a match of
    /// ASCII bytes; `None` where the pattern is ASCII already. A class such
    /// as `\p{Lu}` takes hundreds of NFA states, and the engines' work grows
    /// with them. Made on a rule's first reading of ASCII text: the
    /// captures of most rules are never read.
    ascii_captures: Vec<OnceLock<Option<CaptureEngines>>>,
    /// Per rule, whether its captures must be read ([`needs_captures`]).
    needs_captures: Vec<bool>,
}

/// Rules tried at the same positions.
#[derive(Debug)]
struct RuleGroup {
    /// Rule indices, sorted.
    rules: Vec<usize>,
}

/// The anchored DFA of all placed rules (those that are not scanned),
/// reporting every rule with a match opening at a position and where each
/// match ends.
///
/// One search of it stands for the searches of every group tried at a
/// position: a rule can only match where it is placed (its first words and
/// first bytes are supersets of its openings), so the rules of the other
/// groups report nothing there, and most die at the first byte. At a
/// common word such as "the", one search rules out the dozens of rules
/// opening with it; where a word, a digit and a first byte all place rules,
/// one search serves the three groups; and the automaton is compiled once,
/// not once per group.
#[derive(Debug)]
struct AnyRule {
    dfa: hybrid::dfa::DFA,
    /// Pattern i of `dfa` is rule `rules[i]`.
    rules: Vec<usize>,
    /// The DFA is of the rules narrowed to ASCII ([`ascii::ascii_only`]):
    /// it decides walks over ASCII bytes only and gives up at any other.
    ascii_only: bool,
}

impl AnyRule {
    /// The DFA of the rules `placed` (indices into `set.rules`), if it can
    /// be built within the size limits.
    fn new(set: &RuleSet, placed: Vec<usize>) -> Option<AnyRule> {
        let hirs: Vec<&Hir> = placed.iter().map(|&i| &set.rules[i].hir).collect();
        Self::build(&hirs, placed, false)
    }

    /// The same for the rules narrowed to ASCII: cheaper to compile where
    /// the rules have Unicode classes, with fewer byte classes.
    fn ascii_only(set: &RuleSet, placed: Vec<usize>) -> Option<AnyRule> {
        let hirs: Vec<Hir> = placed
            .iter()
            .map(|&i| {
                let hir = &set.rules[i].hir;
                ascii::ascii_only(hir).unwrap_or_else(|| hir.clone())
            })
            .collect();
        Self::build(&hirs, placed, true)
    }

    fn build<H: std::borrow::Borrow<Hir>>(
        hirs: &[H],
        placed: Vec<usize>,
        ascii_only: bool,
    ) -> Option<AnyRule> {
        let nfa = thompson::Compiler::new()
            .configure(nfa_config())
            .build_many_from_hir(hirs)
            .ok()?;
        let dfa = hybrid::dfa::Builder::new()
            .configure(lazy_dfa(MatchKind::All, ANY_RULE_CACHE_BYTES))
            .build_from_nfa(nfa)
            .ok()?;
        Some(AnyRule {
            dfa,
            rules: placed,
            ascii_only,
        })
    }

    /// Notes in `openings` every rule with a match opening at `at` in
    /// `haystack`, with where it ends; `None` when the DFA cannot decide
    /// there (a byte it gives up on), so that another search must.
    ///
    /// This is the DFA's overlapping search, anchored, walked here state
    /// by state: a search at nearly every word does little else, and
    /// restarting the library's search after each match costs more than
    /// the walk.
    fn openings(
        &self,
        cache: &mut hybrid::dfa::Cache,
        haystack: &[u8],
        at: usize,
        openings: &mut Vec<Opening>,
    ) -> Option<()> {
        let dfa = &self.dfa;
        let start = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(at.checked_sub(1).map(|before| haystack[before]));
        let mut state = dfa.start_state(cache, &start).ok()?;
        for (end, &byte) in (at..).zip(&haystack[at..]) {
            if self.ascii_only && !byte.is_ascii() {
                return None;
            }
            state = dfa.next_state(cache, state, byte).ok()?;
            if state.is_tagged() {
                if state.is_match() {
                    // Matches show one byte late: these end before `byte`.
                    self.note_matches(cache, state, end, openings);
                } else if state.is_dead() {
                    return Some(());
                } else if state.is_quit() {
                    return None;
                }
            }
        }
        state = dfa.next_eoi_state(cache, state).ok()?;
        if state.is_match() {
            self.note_matches(cache, state, haystack.len(), openings);
        }
        Some(())
    }

    /// Notes the rules whose matches the match state `state` reports, all
    /// ending at `end`.
    fn note_matches(
        &self,
        cache: &hybrid::dfa::Cache,
        state: hybrid::LazyStateID,
        end: usize,
        openings: &mut Vec<Opening>,
    ) {
        for i in 0..self.dfa.match_len(cache, state) {
            let pattern = self.dfa.match_pattern(cache, state, i);
            Opening::note(openings, self.rules[pattern.as_usize()], end);
        }
    }
}

/// The openings at `at` that `any` finds, in `openings` (cleared first);
/// `None` when there is no such DFA or it cannot decide there.
fn openings_of(
    any: &Option<AnyRule>,
    cache: &mut Option<hybrid::dfa::Cache>,
    haystack: &[u8],
    at: usize,
    openings: &mut Vec<Opening>,
) -> Option<()> {
    let (Some(any), Some(cache)) = (any, cache) else {
        return None;
    };
    openings.clear();
    any.openings(cache, haystack, at, openings)
}

/// The rules listed under a first word: their group, and what may follow
/// the word in their matches (an index into the builder's [`FollowTable`]).
#[derive(Debug, Clone, Copy)]
struct Listed {
    group: usize,
    follow: u32,
}

/// The follows of first words ([`Follow`]), each once.
struct FollowTable {
    follows: Vec<Follow>,
    index_of: FxHashMap<Follow, u32>,
    /// (follow, follow) → their union: the words of a group mostly add the
    /// same follows to the same ones.
    unions: FxHashMap<(u32, u32), u32>,
}

impl Default for FollowTable {
    fn default() -> FollowTable {
        let mut table = FollowTable {
            follows: Vec::new(),
            index_of: FxHashMap::default(),
            unions: FxHashMap::default(),
        };
        table.id(Follow::ANY);
        table
    }
}

impl FollowTable {
    /// The index of [`Follow::ANY`].
    const ANY: u32 = 0;

    /// The index of `follow`, new or already known.
    fn id(&mut self, follow: Follow) -> u32 {
        let follows = &mut self.follows;
        *self.index_of.entry(follow).or_insert_with(|| {
            follows.push(follow);
            u32::try_from(follows.len() - 1).expect("fewer than 2^32 follows")
        })
    }

    /// The index of the union of the follows `a` and `b`.
    fn union(&mut self, a: u32, b: u32) -> u32 {
        if a == b {
            return a;
        }
        let key = (a.min(b), a.max(b));
        if let Some(&known) = self.unions.get(&key) {
            return known;
        }
        let mut both = self.follows[a as usize];
        both.add(&self.follows[b as usize]);
        let id = self.id(both);
        self.unions.insert(key, id);
        id
    }
}

/// The groups of rules, one for each distinct set, and the follows of the
/// words they are listed under.
#[derive(Default)]
struct GroupsBuilder {
    follows: FollowTable,
    index_of: FxHashMap<Vec<usize>, usize>,
    sets: Vec<Vec<usize>>,
    /// (group or `usize::MAX` for none, rule) → the group of that set with
    /// the rule added: the words of a rule mostly had the same rules
    /// listed under them before it (most none), so the sets are built
    /// once per pair, not once per word.
    with_rule: FxHashMap<(usize, usize), usize>,
}

impl GroupsBuilder {
    /// The group of `rules` (sorted), new or already known.
    fn group(&mut self, rules: Vec<usize>) -> usize {
        if let Some(&index) = self.index_of.get(&rules) {
            return index;
        }
        self.sets.push(rules.clone());
        self.index_of.insert(rules, self.sets.len() - 1);
        self.sets.len() - 1
    }

    /// The group of the rules of `group` (none if `None`) and `rule`, which
    /// comes after them.
    fn with_rule(&mut self, group: Option<usize>, rule: usize) -> usize {
        let key = (group.unwrap_or(usize::MAX), rule);
        if let Some(&known) = self.with_rule.get(&key) {
            return known;
        }
        let mut rules = group.map_or_else(Vec::new, |g| self.sets[g].clone());
        rules.push(rule);
        let index = self.group(rules);
        self.with_rule.insert(key, index);
        index
    }

    /// Lists rule `index` under `word` in `listed`, after the rules listed
    /// there so far, with the follow `follow` after the word in its
    /// matches, added to what may follow the word in theirs.
    fn list_under(
        &mut self,
        listed: &mut FxHashMap<Box<[u8]>, Listed>,
        word: Vec<u8>,
        index: usize,
        follow: u32,
    ) {
        match listed.entry(word.into()) {
            Entry::Occupied(mut known) => {
                let known = known.get_mut();
                known.group = self.with_rule(Some(known.group), index);
                known.follow = self.follows.union(known.follow, follow);
            }
            Entry::Vacant(unlisted) => {
                let group = self.with_rule(None, index);
                unlisted.insert(Listed { group, follow });
            }
        }
    }

    /// Adds to the group of each word of `word_rules` whose case is not
    /// plain the rules that `caseless_rules` lists under its lower case:
    /// the matcher looks a word up among the caseless words only when
    /// `word_rules` lists it under no rule. What may follow such a word in
    /// a caseless rule is not worked out, so anything may follow it.
    fn add_caseless_rules(
        &mut self,
        word_rules: &mut FxHashMap<Box<[u8]>, Listed>,
        caseless_rules: &FxHashMap<Box<[u8]>, Listed>,
    ) {
        for (word, listed) in word_rules.iter_mut() {
            if is_plain_case(word) {
                continue;
            }
            if let Some(caseless) = caseless_rules.get(&*word.to_ascii_lowercase()) {
                let mut rules = self.sets[listed.group].clone();
                rules.extend_from_slice(&self.sets[caseless.group]);
                rules.sort_unstable();
                rules.dedup();
                listed.group = self.group(rules);
                listed.follow = FollowTable::ANY;
            }
        }
    }

    /// The groups in `used` order, each once, and where each group of the
    /// builder went among them: the sets a rule's words passed through on
    /// the way to their last are left out.
    fn keep(self, used: impl Iterator<Item = usize>) -> (Vec<RuleGroup>, Vec<Option<usize>>) {
        let mut sets: Vec<Option<Vec<usize>>> = self.sets.into_iter().map(Some).collect();
        let mut kept = vec![None; sets.len()];
        let mut groups = Vec::new();
        for group in used {
            if let Some(rules) = sets[group].take() {
                kept[group] = Some(groups.len());
                groups.push(RuleGroup { rules });
            }
        }
        (groups, kept)
    }
}

/// What the captures of a rule's match give its candidate.
#[derive(Debug, Clone, Default)]
struct Reading {
    /// The span group's bounds, from the start of the match.
    span: Option<(usize, usize)>,
    value: Option<Arc<str>>,
    modifier: Option<Arc<str>>,
    number: Option<u64>,
}

/// Most readings remembered per thread; past it they are forgotten, all at
/// once (the common ones come back soon). Over a corpus the dates and
/// figures of news text repeat less often than a few thousand readings
/// apart, and a reading read again costs a capture search and a template.
/// 16,384 keeps most of what 65,536 saves over 4,096 (on 16 MB of news,
/// 65,536 saved 153 M instructions; 16,384 takes 22 M more than 65,536)
/// for a few megabytes a thread, not twelve more on text dense with
/// dates.
const READINGS_KEPT: usize = 1 << 14;

/// Per-thread search state.
#[derive(Debug)]
struct Scratch {
    /// Readings of matches by their key ([`Search::reading`]).
    readings: FxHashMap<Box<[u8]>, Option<Reading>>,
    /// The key being looked up, kept for its allocation.
    reading_key: Vec<u8>,
    /// The cache of [`Automata::any`].
    any: Option<hybrid::dfa::Cache>,
    /// The cache of [`Automata::first_bytes_only`].
    first_bytes_only: Option<hybrid::dfa::Cache>,
    /// The caches of [`Automata::by_literal`].
    by_literal: Vec<inner::ReverseCaches>,
    /// Where the matches of those rules may open, kept for its allocations.
    literal_openings: Vec<Option<Vec<usize>>>,
    rules: Vec<Option<hybrid::dfa::Cache>>,
    /// Made on a rule's first reading: a thread reads the captures of a
    /// few rules, and the caches of all of them would take megabytes.
    captures: Vec<Option<CaptureCaches>>,
    /// The same for [`Automata::ascii_captures`].
    ascii_captures: Vec<Option<CaptureCaches>>,
    /// Rules with a match opening at the current position.
    opening: Vec<Opening>,
    /// Per rule, the end of its last match: a rule's matches do not overlap
    /// one another, as in a scan.
    resume_at: Vec<usize>,
}

impl Scratch {
    fn new(automata: &Automata) -> Scratch {
        Scratch {
            readings: FxHashMap::default(),
            reading_key: Vec::new(),
            any: automata.any.as_ref().map(|any| any.dfa.create_cache()),
            first_bytes_only: automata
                .first_bytes_only
                .as_ref()
                .map(|any| any.dfa.create_cache()),
            by_literal: (automata.by_literal.as_ref())
                .map_or_else(Vec::new, inner::ByLiteral::caches),
            literal_openings: Vec::new(),
            rules: automata
                .rules
                .iter()
                .map(|dfa| dfa.as_ref().map(hybrid::dfa::DFA::create_cache))
                .collect(),
            captures: automata.captures.iter().map(|_| None).collect(),
            ascii_captures: automata.captures.iter().map(|_| None).collect(),
            opening: Vec::with_capacity(automata.rules.len()),
            resume_at: vec![0; automata.rules.len()],
        }
    }
}

/// A rule with a match opening at the current position, as the DFA of all
/// rules reports it.
#[derive(Debug, Clone, Copy)]
struct Opening {
    rule: usize,
    /// Where the match ends, when the DFA of all rules saw a single end for the
    /// rule: a leftmost-first match must then end there. `None` when it saw
    /// several, and only the rule's own DFA can tell which one a scan takes.
    end: Option<usize>,
}

impl Opening {
    /// Notes a match of `rule` ending at `end` among `openings`.
    fn note(openings: &mut Vec<Opening>, rule: usize, end: usize) {
        match openings.iter_mut().find(|o| o.rule == rule) {
            Some(known) => known.end = None,
            None => openings.push(Opening {
                rule,
                end: Some(end),
            }),
        }
    }
}

type ScratchFactory = Box<dyn Fn() -> Scratch + Send + Sync>;

/// The compiled matchers of a rule set.
///
/// One pass over the text looks each position up in a table of the first
/// two bytes that a rule or gazetteer form can open with ([`starts`]).
/// Where a word opens that some rule or form opens with, the word is looked
/// up once, in one table of words (`words`): it tells whether rules are
/// listed under it (or under words of digits), and the forms listed under
/// it are compared with the text, longest first ([`Lexicon`]). The bytes
/// after the word are checked against what may follow it in those rules'
/// matches ([`starts::Follow`], read off their syntax; the same for the
/// rules placed by their first bytes, after any word): most words that
/// open some rule ("in", "a", a capitalised word) are followed by what
/// opens none there ("in a way"). Where some rule is still placed (by its
/// first word, as a word of digits, or by its first bytes), one anchored
/// lazy DFA of all rules (`AnyRule`) says which match there and where; a
/// rule whose match can end in one place only ends there, and the rule's
/// own DFA says where the others end. (Where
/// only rules placed by their first bytes are, a smaller DFA of those
/// rules alone does the same.) Rules that open with a stretch of any words
/// before a literal (`inner`: `the (?:\w+ )?March of`, a run of
/// capitalised words before ", the") are left out of all this: walks from
/// their openings would go on through the text; they are searched from
/// their literals, whose occurrences are few. This finds what a scan of
/// each rule would find, at the cost of one pass.
/// Rules that could match the empty string at their start, so
/// that no position can be ruled out, are scanned on their own. What a
/// match's captures give is remembered by the match's text
/// (`Search::reading`).
#[derive(Clone)]
pub struct Matcher {
    inner: Arc<Inner>,
}

struct Inner {
    /// `[after_word * PAIRS + pair_key]` → `MAY_OPEN_*` bits.
    table: Box<DispatchTable>,
    automata: Arc<Automata>,
    /// Lower-case word → the group of rules opening with it in a case
    /// that is not plain ([`is_plain_case`]): the words of rules listed in
    /// any case ([`starts::Openings::caseless_words`]). Looked up only for a
    /// word not plain in case that `words` lists under no rule, as the
    /// words of `words` list these rules too where they open them.
    caseless_words: WordTable<u32>,
    /// First word → the group of rules opening with it (an ASCII word, as
    /// `(?-u:\b)` reads words), what may follow it in their matches, and
    /// the gazetteer forms opening with it (a word as [`Lexicon`] reads
    /// it): one lookup serves both where the two readings agree, as they
    /// do unless a letter beyond ASCII follows.
    words: WordTable<WordEntry>,
    /// What may follow a first word, by [`WordEntry::follow`]; the first
    /// is [`Follow::ANY`]. Few: most words of a group share one.
    follows: Box<[Follow]>,
    /// Per rule, how many first words it is listed under (words of digits
    /// counting as one).
    first_word_counts: Vec<usize>,
    /// The group of rules that may open with any word of digits.
    digit_rules: Option<usize>,
    /// The group of rules placed by their first bytes.
    first_byte_rules: Option<usize>,
    /// What may follow the ASCII word that a match of those rules opens
    /// with ([`starts::word_follow`]), for words opening with a digit and
    /// for the others: at a capitalised word that opens none, the walk is
    /// spared. (Those of the rules that are listed under first words can
    /// open with an ASCII word only where they are listed.)
    first_byte_follows: WordFollows,
    /// Nothing opens at an ASCII word byte right after another, so the
    /// pass over the text steps over the rest of a word at once.
    nothing_opens_inside_words: bool,
    scanned: Vec<usize>,
    lexicon: Lexicon<Form>,
    /// The canonical names of the gazetteer entries, one after another.
    canonical_names: String,
    scratch: Pool<Scratch, ScratchFactory>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("rule_groups", &self.inner.automata.groups.len())
            .field(
                "first_words",
                &self.inner.first_word_counts.iter().sum::<usize>(),
            )
            .field("scanned_rules", &self.inner.scanned)
            .field("forms", &self.inner.lexicon.form_count())
            .finish()
    }
}

fn lazy_dfa(kind: MatchKind, cache_bytes: usize) -> hybrid::dfa::Config {
    hybrid::dfa::Config::new()
        .match_kind(kind)
        .cache_capacity(cache_bytes)
        // Never give up on the lazy DFA: the alternative is a scan.
        .minimum_cache_clear_count(None)
}

/// The NFA of a DFA that only finds matches: without capture states, which
/// the DFA would pass through at every step of its construction.
fn nfa_config() -> thompson::Config {
    thompson::Config::new()
        .nfa_size_limit(Some(crate::rules::REGEX_SIZE_LIMIT))
        .which_captures(thompson::WhichCaptures::None)
}

/// `[after_word * PAIRS + pair_key]` → `MAY_OPEN_*` bits; fixed in size,
/// so that indexing it needs no bounds check.
type DispatchTable = [u8; 2 * PAIRS];

/// The dispatch table of the marks in `table`, with nothing opening at a
/// continuation byte of a UTF-8 character (a match opens with a whole
/// character), so that the pass over the text need not test for them.
fn dispatch_table(mut table: Vec<u8>) -> Box<DispatchTable> {
    for after_word in [0, PAIRS] {
        for byte in 0x80..0xC0 {
            let from = after_word + (byte << 8);
            table[from..from + 256].fill(0);
        }
    }
    table
        .into_boxed_slice()
        .try_into()
        .expect("the table has 2 * PAIRS entries")
}

/// Whether no mark of `table` is for an ASCII word byte after another.
fn nothing_opens_inside_words(table: &DispatchTable) -> bool {
    (0..=u8::MAX)
        .filter(|&byte| is_ascii_word(byte))
        .all(|byte| {
            let from = PAIRS + (usize::from(byte) << 8);
            table[from..from + 256].iter().all(|&bits| bits == 0)
        })
}

/// Marks [`MAY_OPEN_WORD`] and [`MAY_OPEN_CASELESS`] in `table` for the
/// first two bytes of `word` (in lower case) in each case.
fn mark_caseless_word_opening(table: &mut [u8], word: &[u8]) {
    let cases = |byte: u8| [byte, byte.to_ascii_uppercase()];
    match word {
        [] => {}
        [only] => {
            for first in cases(*only) {
                mark_word_opening(table, &[first], MAY_OPEN_WORD | MAY_OPEN_CASELESS);
            }
        }
        [first, second, ..] => {
            for first in cases(*first) {
                for second in cases(*second) {
                    mark_word_opening(table, &[first, second], MAY_OPEN_WORD | MAY_OPEN_CASELESS);
                }
            }
        }
    }
}

/// Sets `bit` in the after-a-non-word-byte half of `table` for the first
/// two bytes of `word`.
fn mark_word_opening(table: &mut [u8], word: &[u8], bit: u8) {
    match word {
        [] => {}
        [only] => {
            for second in 0..256 {
                table[usize::from(*only) << 8 | second] |= bit;
            }
        }
        _ => table[pair_key(word, 0)] |= bit,
    }
}

impl Matcher {
    /// Compiles the matchers; the rule set was validated when loaded, so
    /// this can fail only on resource limits.
    pub fn new(rules: &RuleSet) -> Result<Matcher, String> {
        let mut table = vec![0u8; 2 * PAIRS];
        let (lexicon, canonical_names) = build_gazetteer(rules, &mut table);

        let mut dfas = Vec::with_capacity(rules.rules.len());
        let mut captures = Vec::with_capacity(rules.rules.len());
        let mut needs = Vec::with_capacity(rules.rules.len());
        let mut builder = GroupsBuilder::default();
        let mut first_word_counts = vec![0; rules.rules.len()];
        // First word → the group of the rules listed under it so far.
        let mut word_rules: FxHashMap<Box<[u8]>, Listed> = FxHashMap::default();
        // The same for the words of rules listed in any case
        // ([`starts::Openings::caseless_words`]), by their lower case.
        let mut caseless_rules: FxHashMap<Box<[u8]>, Listed> = FxHashMap::default();
        let mut digit_rules = Vec::new();
        let mut first_byte_follows = WordFollows::default();
        let mut in_any_rule = Vec::new();
        let mut splits = Vec::new();
        let mut scanned = Vec::new();
        for (index, rule) in rules.rules.iter().enumerate() {
            let fail = |e: &dyn std::fmt::Display| format!("rule {}: {e}", rule.id);
            let hir = &rule.hir;
            needs.push(needs_captures(rule, hir));
            // The rule's one NFA serves its DFA and its capture engines.
            captures.push(CaptureEngines::new(&rule.nfa).map_err(|e| fail(&e))?);
            let dfa = hybrid::dfa::Builder::new()
                .configure(lazy_dfa(MatchKind::LeftmostFirst, RULE_CACHE_BYTES))
                .build_from_nfa(rule.nfa.clone())
                .ok();
            let openings = starts::opens_with_word_boundary(hir)
                .then(|| first_words(hir))
                .flatten();
            if dfa.is_none() {
                scanned.push(index);
            } else if let Some(split) = inner::split(hir) {
                splits.push((index, split));
            } else if let Some(openings) = openings {
                // Each word once: the rule counts once under each.
                first_word_counts[index] = openings.words.len()
                    + openings.caseless_words.len()
                    + usize::from(openings.digits);
                let follows: Vec<u32> = (openings.follows.into_iter())
                    .map(|follow| builder.follows.id(follow))
                    .collect();
                for (word, follow) in openings.words.into_iter().zip(openings.follow_of_words) {
                    mark_word_opening(&mut table, &word, MAY_OPEN_WORD);
                    builder.list_under(&mut word_rules, word, index, follows[follow as usize]);
                }
                for word in openings.caseless_words {
                    mark_caseless_word_opening(&mut table, &word);
                    builder.list_under(&mut caseless_rules, word, index, FollowTable::ANY);
                }
                if openings.digits {
                    for digit in b'0'..=b'9' {
                        mark_word_opening(&mut table, &[digit], MAY_OPEN_WORD);
                    }
                    digit_rules.push(index);
                }
                if !openings.other_bytes.is_empty() {
                    for &byte in &openings.other_bytes {
                        for second in 0..256 {
                            let key = usize::from(byte) << 8 | second;
                            table[key] |= MAY_OPEN_RULE;
                            table[PAIRS + key] |= MAY_OPEN_RULE;
                        }
                    }
                    in_any_rule.push(index);
                }
            } else if let Some(opening) = Starts::of(hir) {
                first_byte_follows.add(hir);
                for key in opening.keys() {
                    for after_word in [false, true] {
                        if opening.allows_after(key, after_word) {
                            table[usize::from(after_word) * PAIRS + key] |= MAY_OPEN_RULE;
                        }
                    }
                }
                in_any_rule.push(index);
            } else {
                scanned.push(index);
            }
            dfas.push(dfa.filter(|_| !scanned.contains(&index)));
        }
        builder.add_caseless_rules(&mut word_rules, &caseless_rules);
        let digit_rules = (!digit_rules.is_empty()).then(|| builder.group(digit_rules));
        let first_byte_rules = (!in_any_rule.is_empty()).then(|| builder.group(in_any_rule));
        let follows = std::mem::take(&mut builder.follows)
            .follows
            .into_boxed_slice();
        let used = (word_rules.values())
            .chain(caseless_rules.values())
            .map(|listed| listed.group)
            .chain(digit_rules)
            .chain(first_byte_rules);
        let (groups, kept) = builder.keep(used);
        let kept = |group: usize| kept[group].expect("a used group is kept");
        (word_rules.values_mut())
            .chain(caseless_rules.values_mut())
            .for_each(|listed| listed.group = kept(listed.group));
        let digit_rules = digit_rules.map(kept);
        let first_byte_rules = first_byte_rules.map(kept);
        let split_rules: Vec<usize> = splits.iter().map(|(index, _)| *index).collect();
        let by_literal = (!splits.is_empty())
            .then(|| inner::ByLiteral::new(splits))
            .flatten();
        if by_literal.is_none() {
            // Their automata could not be built: they are scanned.
            scanned.extend_from_slice(&split_rules);
            scanned.sort_unstable();
        }
        let placed = (0..dfas.len())
            .filter(|&i| dfas[i].is_some() && !split_rules.contains(&i))
            .collect();
        let first_bytes_only = first_byte_rules
            .and_then(|group| AnyRule::ascii_only(rules, groups[group].rules.clone()));
        let automata = Arc::new(Automata {
            any: AnyRule::new(rules, placed),
            first_bytes_only,
            by_literal,
            rules: dfas,
            groups,
            ascii_captures: captures.iter().map(|_| OnceLock::new()).collect(),
            captures,
            needs_captures: needs,
        });
        let table = dispatch_table(table);
        let factory_automata = Arc::clone(&automata);
        let factory: ScratchFactory = Box::new(move || Scratch::new(&factory_automata));
        Ok(Matcher {
            inner: Arc::new(Inner {
                nothing_opens_inside_words: nothing_opens_inside_words(&table),
                table,
                automata,
                words: word_table(&word_rules, &lexicon),
                follows,
                caseless_words: WordTable::new(
                    (caseless_rules.iter())
                        .map(|(word, listed)| (&**word, group_number(listed.group))),
                ),
                first_word_counts,
                digit_rules,
                first_byte_rules,
                first_byte_follows,
                scanned,
                lexicon,
                canonical_names,
                scratch: Pool::new(factory),
            }),
        })
    }

    /// The text of a gazetteer candidate's canonical name.
    pub fn canonical_name(&self, name: CanonicalName) -> &str {
        &self.inner.canonical_names[name.start as usize..name.end.get() as usize]
    }

    /// Every candidate in `text`, in no particular order.
    pub fn find(&self, text: &str, rules: &RuleSet) -> Vec<Candidate> {
        let inner = &*self.inner;
        let folded = Folded::new(text);
        let haystack = folded.text();
        let bytes = haystack.as_bytes();
        let mut out = Vec::new();
        let mut scratch: PoolGuard<'_, Scratch, ScratchFactory> = inner.scratch.get();
        let scratch = &mut *scratch;
        scratch.resume_at.iter_mut().for_each(|at| *at = 0);
        let mut search = Search {
            matcher: self,
            rules,
            haystack,
            folded: &folded,
            scratch,
            out: &mut out,
        };
        let mut forms_resume_at = 0;
        let mut after_word = false;
        let table = &*inner.table;
        // Read once: the field was read again at every word (through
        // `inner`, which the loop then kept on the stack).
        let skip_words = inner.nothing_opens_inside_words;
        let mut next = 0;
        while let Some(&byte) = bytes.get(next) {
            let at = next;
            let bits = table[usize::from(after_word) * PAIRS + pair_key(bytes, at)];
            after_word = ASCII_WORD[usize::from(byte)];
            // The end of the word opening here, when the pass steps over it.
            let word_end = (after_word && skip_words).then(|| ascii_word_end(bytes, at + 1));
            next = word_end.unwrap_or(at + 1);
            if bits == 0 {
                continue;
            }
            // The groups of rules placed here: by the word, as a word of
            // digits, by the first bytes.
            let mut placed = [None; 3];
            if bits & MAY_OPEN_WORD != 0 {
                let ascii_end = word_end.unwrap_or_else(|| ascii_word_end(bytes, at));
                let entry = inner.words.get_in(bytes, at..ascii_end).unwrap_or_default();
                placed[0] = match entry.rules() {
                    // Where what follows the word goes on no match of these
                    // rules, the walk is spared.
                    Some(group) => inner.follows[entry.follow as usize]
                        .allows(bytes, ascii_end)
                        .then_some(group),
                    None if bits & MAY_OPEN_CASELESS != 0 => {
                        inner.caseless_group(bytes, at..ascii_end)
                    }
                    None => None,
                };
                placed[1] = inner.digit_rules.filter(|_| byte.is_ascii_digit());
                if at >= forms_resume_at {
                    if let Some(end) = search.form_at(at, ascii_end, entry.forms) {
                        forms_resume_at = end;
                    }
                }
            }
            placed[2] = inner.first_byte_rules.filter(|_| {
                bits & MAY_OPEN_RULE != 0
                    && (!after_word || {
                        let ascii_end = word_end.unwrap_or_else(|| ascii_word_end(bytes, at));
                        inner.first_byte_follows.of(byte).allows(bytes, ascii_end)
                    })
            });
            if placed.iter().any(Option::is_some) {
                search.try_rules_at(at, placed);
            }
        }
        search.find_by_literal();
        for &index in &inner.scanned {
            search.scan(index);
        }
        out
    }
}

/// How the matcher places a rule's searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Tried only at the words its matches can open with (this many; words
    /// of digits count as one), and where its other openings occur.
    FirstWords(usize),
    /// Tried where its first two bytes can open a match, or (a rule that
    /// opens with a stretch of any words before a literal) where its
    /// matches may open before an occurrence of its literals.
    FirstBytes,
    /// Scanned on its own over the whole text: it can match the empty
    /// string at its start, so no position can be ruled out.
    Scanned,
}

impl Matcher {
    /// How each rule (by index) is searched: rules that are scanned cost a
    /// pass over the text each; give them a literal opening.
    pub fn placements(&self) -> Vec<Placement> {
        let inner = &*self.inner;
        let words = &inner.first_word_counts;
        (0..inner.automata.rules.len())
            .map(|index| {
                if inner.scanned.contains(&index) {
                    Placement::Scanned
                } else if words[index] > 0 {
                    Placement::FirstWords(words[index])
                } else {
                    Placement::FirstBytes
                }
            })
            .collect()
    }
}

/// The span of the group named `name` in `captures`, as
/// [`Captures::get_group_by_name`] gives it, found by comparing the names of
/// the match's few groups: cheaper than hashing the name, as that does.
fn group_by_name(captures: &Captures, name: &str) -> Option<regex_automata::Span> {
    let names = captures.group_info().pattern_names(captures.pattern()?);
    let index = names.into_iter().position(|group| group == Some(name))?;
    captures.get_group(index)
}

/// One search of one text.
struct Search<'a> {
    matcher: &'a Matcher,
    rules: &'a RuleSet,
    haystack: &'a str,
    folded: &'a Folded<'a>,
    scratch: &'a mut Scratch,
    out: &'a mut Vec<Candidate>,
}

impl Search<'_> {
    /// Tries the rules of the groups `placed` at `at`: those the DFA of all
    /// rules says match there.
    fn try_rules_at(&mut self, at: usize, placed: [Option<usize>; 3]) {
        let automata = &*self.matcher.inner.automata;
        let scratch = &mut *self.scratch;
        let haystack = self.haystack.as_bytes();
        let only_first_bytes = matches!(placed, [None, None, Some(_)]);
        let decided = (only_first_bytes
            && openings_of(
                &automata.first_bytes_only,
                &mut scratch.first_bytes_only,
                haystack,
                at,
                &mut scratch.opening,
            )
            .is_some())
            || openings_of(
                &automata.any,
                &mut scratch.any,
                haystack,
                at,
                &mut scratch.opening,
            )
            .is_some();
        if !decided {
            // Undecided: let every rule's own search decide.
            return self.try_each_rule(at, placed);
        }
        for i in 0..self.scratch.opening.len() {
            let Opening { rule, end } = self.scratch.opening[i];
            match end {
                Some(end) => self.add_match(rule, at, end),
                None => self.try_rule(rule, at),
            }
        }
    }

    /// Adds the matches of the rules searched from their literals
    /// ([`inner`]): each rule's own DFA is tried where its matches may
    /// open, in text order.
    fn find_by_literal(&mut self) {
        let automata = &*self.matcher.inner.automata;
        let Some(by_literal) = &automata.by_literal else {
            return;
        };
        let mut openings = std::mem::take(&mut self.scratch.literal_openings);
        let caches = &mut self.scratch.by_literal;
        by_literal.openings(caches, self.haystack.as_bytes(), &mut openings);
        for (&index, starts) in by_literal.rules.iter().zip(&openings) {
            match starts {
                Some(starts) => starts.iter().for_each(|&at| self.try_rule(index, at)),
                // The reverse DFA could not decide somewhere.
                None => self.scan(index),
            }
        }
        self.scratch.literal_openings = openings;
    }

    /// Adds every match of rule `index` in the text, scanned on its own.
    fn scan(&mut self, index: usize) {
        let rule = &self.rules.rules[index];
        for found in rule.regex().find_iter(self.haystack) {
            if !found.is_empty() {
                self.add(index, found.start(), found.end());
            }
        }
    }

    /// Tries each rule of the groups `placed` at `at` with its own DFA.
    fn try_each_rule(&mut self, at: usize, placed: [Option<usize>; 3]) {
        let automata = &*self.matcher.inner.automata;
        for group in placed.into_iter().flatten() {
            for &index in &automata.groups[group].rules {
                self.try_rule(index, at);
            }
        }
    }

    /// Adds rule `index`'s match opening at `at`, if it has one and its
    /// previous match ended by then.
    fn try_rule(&mut self, index: usize, at: usize) {
        if at < self.scratch.resume_at[index] {
            return;
        }
        let automata = &*self.matcher.inner.automata;
        let (Some(dfa), Some(cache)) = (&automata.rules[index], &mut self.scratch.rules[index])
        else {
            return;
        };
        let input = Input::new(self.haystack)
            .range(at..)
            .anchored(Anchored::Yes);
        let end = match dfa.try_search_fwd(cache, &input) {
            Ok(found) => found.map(|m| m.offset()),
            // The lazy DFA could not decide here (a Unicode word boundary
            // next to a non-ASCII byte): ask the PikeVM, which always can.
            Err(_) => {
                let engines = &automata.captures[index];
                let caches = self.scratch.captures[index].get_or_insert_with(|| engines.caches());
                engines
                    .pikevm
                    .search(&mut caches.pikevm, &input, &mut caches.captures);
                caches.captures.get_match().map(|m| m.end())
            }
        };
        if let Some(end) = end {
            self.add_match(index, at, end);
        }
    }

    /// Adds rule `index`'s match at `haystack[at..end]` unless it is empty
    /// or opens inside the rule's previous match.
    fn add_match(&mut self, index: usize, at: usize, end: usize) {
        if end > at && at >= self.scratch.resume_at[index] {
            self.scratch.resume_at[index] = end;
            self.add(index, at, end);
        }
    }

    /// Adds the candidate of rule `index` matching `haystack[start..end]`,
    /// with its captures read where the rule needs them.
    fn add(&mut self, index: usize, start: usize, end: usize) {
        let rules = self.rules;
        let rule = &rules.rules[index];
        let folded = self.folded;
        let mut candidate = Candidate {
            start: folded.original(start),
            end: folded.original(end),
            origin: Origin::Rule(index),
            kind: rule.kind,
            priority: rule.priority,
            reject: rule.reject,
            canonical: None,
            value: None,
            modifier: None,
            number: None,
        };
        if self.matcher.inner.automata.needs_captures[index] {
            let Some(reading) = self.reading(index, start, end) else {
                return;
            };
            if let Some((span_start, span_end)) = reading.span {
                candidate.start = folded.original(start + span_start);
                candidate.end = folded.original(start + span_end);
            }
            candidate.value = reading.value;
            candidate.modifier = reading.modifier;
            candidate.number = reading.number;
        }
        self.out.push(candidate);
    }

    /// What the captures of rule `index`'s match at `haystack[start..end]`
    /// give, remembered for the same match text: news text repeats its
    /// dates and figures, and reading captures and rendering templates
    /// costs more than finding the match.
    ///
    /// The reading depends only on the bytes of the match and on the
    /// characters right before and after it: the capture engine searches
    /// no further, and a look-around assertion reads no further than one
    /// character past its position. So those bytes (with the rule) are the
    /// key, and a remembered reading is the one a new search would give.
    fn reading(&mut self, index: usize, start: usize, end: usize) -> Option<Reading> {
        let haystack = self.haystack;
        let before = haystack[..start]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let after = haystack[end..].chars().next().map_or(0, char::len_utf8);
        let key = &mut self.scratch.reading_key;
        key.clear();
        key.extend_from_slice(&u32::try_from(index).unwrap_or(u32::MAX).to_le_bytes());
        // Both lengths, so that no two windows share a key.
        key.extend([before as u8, after as u8]);
        key.extend_from_slice(&haystack.as_bytes()[start - before..end + after]);
        if let Some(known) = self.scratch.readings.get(key.as_slice()) {
            return known.clone();
        }
        let reading = self.read_captures(index, start, end);
        let readings = &mut self.scratch.readings;
        if readings.len() >= READINGS_KEPT {
            readings.clear();
        }
        readings.insert(self.scratch.reading_key.as_slice().into(), reading.clone());
        reading
    }

    /// Reads the span, value, mod or figure of rule `index`'s match at
    /// `haystack[start..end]`; `None` when the rule cannot give them (a
    /// template's capture did not take part).
    fn read_captures(&mut self, index: usize, start: usize, end: usize) -> Option<Reading> {
        let rules = self.rules;
        let rule = &rules.rules[index];
        let haystack = self.haystack;
        let automata = &*self.matcher.inner.automata;
        let ascii = haystack.as_bytes()[start..end].is_ascii().then(|| {
            automata.ascii_captures[index].get_or_init(|| ascii_capture_engines(&rule.hir))
        });
        let (engines, caches) = match ascii {
            Some(Some(ascii)) => (ascii, &mut self.scratch.ascii_captures[index]),
            _ => (&automata.captures[index], &mut self.scratch.captures[index]),
        };
        let caches = caches.get_or_insert_with(|| engines.caches());
        // Anchored on the match: the engine reads the groups of this match
        // and nothing around it.
        let input = Input::new(haystack)
            .range(start..end)
            .anchored(Anchored::Yes);
        let captures = engines.search(caches, &input);
        if captures.get_match().map(|m| m.end()) != Some(end) {
            return None;
        }
        let group = |name: &str| group_by_name(captures, name).map(|s| &haystack[s]);
        let mut reading = Reading::default();
        if let Some(span_group) = rule.span_group {
            let span = captures.get_group(span_group).filter(|s| !s.is_empty())?;
            reading.span = Some((span.start - start, span.end - start));
        }
        match rule.kind {
            RuleKind::Timex(_) if !rule.reject => {
                let render = |template: &Option<Template>| {
                    template
                        .as_ref()
                        .and_then(|t| t.render_with(group, &rules.tables))
                };
                reading.value = Some(render(&rule.value)?.into());
                reading.modifier = render(&rule.modifier)
                    .filter(|m| !m.is_empty())
                    .map(Arc::from);
            }
            RuleKind::Casualty => {
                reading.number = Some(group("n").and_then(|n| parse_number(n, &rules.tables))?);
            }
            _ => {}
        }
        Some(reading)
    }

    /// Adds the longest gazetteer form opening a word at `at`; returns its
    /// end. The ASCII word there ends at `ascii_end`; `listed` are the forms
    /// opening with it.
    fn form_at(&mut self, at: usize, ascii_end: usize, listed: FormList) -> Option<usize> {
        let haystack = self.haystack;
        let next = haystack.as_bytes().get(ascii_end);
        // Most words passed here open no form: only their first two bytes
        // are those of a listed word.
        if listed.is_empty() && next.is_none_or(u8::is_ascii) {
            return None;
        }
        if !no_word_char_before(haystack, at) {
            return None;
        }
        let inner = &*self.matcher.inner;
        let lexicon = &inner.lexicon;
        let (first_end, listed) = match next {
            // A letter such as "é" continues the word as the lexicon reads
            // it: a different word, with forms of its own.
            Some(next) if !next.is_ascii() => {
                let end = crate::text::word_end(haystack, ascii_end);
                if end == ascii_end {
                    (end, listed)
                } else if lexicon.may_open_with(haystack.as_bytes()[at]) {
                    (
                        end,
                        lexicon.forms_opening_with(haystack.as_bytes(), at..end)?,
                    )
                } else {
                    return None;
                }
            }
            _ => (ascii_end, listed),
        };
        let (form, end) = lexicon.longest_in(listed, haystack, at, first_end)?;
        let gazetteer_index = form.gazetteer as usize;
        let gazetteer = &self.rules.gazetteers[gazetteer_index];
        self.out.push(Candidate {
            start: self.folded.original(at),
            end: self.folded.original(end),
            origin: Origin::Gazetteer(gazetteer_index),
            kind: RuleKind::Entity(gazetteer.kind),
            priority: gazetteer.priority,
            reject: false,
            canonical: Some(form.canonical),
            value: None,
            modifier: None,
            number: None,
        });
        Some(end)
    }
}

/// A rule group's index, as the word tables keep it.
fn group_number(group: usize) -> u32 {
    u32::try_from(group)
        .ok()
        .filter(|&number| number != WordEntry::NO_RULES)
        .expect("fewer than 2^32 - 1 rule groups")
}

impl Inner {
    /// The group of rules listed under the caseless word of `text[word]`,
    /// for a word whose case is not plain.
    fn caseless_group(&self, text: &[u8], word: Range<usize>) -> Option<usize> {
        if !words::may_mix_case(text, word.clone()) {
            return None;
        }
        let word = &text[word];
        if is_plain_case(word) {
            return None;
        }
        let mut lower = [0u8; 64];
        match lower.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word);
                lower.make_ascii_lowercase();
                self.caseless_words.get(lower)
            }
            None => self.caseless_words.get(&word.to_ascii_lowercase()),
        }
        .map(|group| group as usize)
    }
}

/// What may follow the ASCII word that a match of some rules opens with,
/// for words opening with a digit and for the others.
struct WordFollows {
    digits: FollowAfter,
    others: FollowAfter,
}

impl Default for WordFollows {
    fn default() -> WordFollows {
        WordFollows {
            digits: FollowAfter::none(),
            others: FollowAfter::none(),
        }
    }
}

impl WordFollows {
    /// Adds the follows of the rule of `hir`.
    fn add(&mut self, hir: &Hir) {
        self.digits
            .add(&starts::word_follow(hir, |byte| byte.is_ascii_digit()));
        self.others
            .add(&starts::word_follow(hir, |byte| !byte.is_ascii_digit()));
    }

    /// The follows of words opening with `byte`.
    #[inline]
    fn of(&self, byte: u8) -> &FollowAfter {
        if byte.is_ascii_digit() {
            &self.digits
        } else {
            &self.others
        }
    }
}

/// What opens with a word: a group of rules, gazetteer forms, or both.
/// Sixteen bytes, so that a slot of the word table takes half a cache line.
#[derive(Debug, Clone, Copy)]
struct WordEntry {
    /// The group of rules listed under the word; [`WordEntry::NO_RULES`]
    /// for none.
    rules: u32,
    /// What may follow the word in their matches: an index into
    /// [`Inner::follows`].
    follow: u32,
    /// The forms opening with it (an empty list when none do).
    forms: FormList,
}

impl WordEntry {
    /// No rule is listed under the word.
    const NO_RULES: u32 = u32::MAX;

    /// The group of rules listed under the word, if any.
    fn rules(self) -> Option<usize> {
        (self.rules != WordEntry::NO_RULES).then_some(self.rules as usize)
    }
}

impl Default for WordEntry {
    fn default() -> WordEntry {
        WordEntry {
            rules: WordEntry::NO_RULES,
            follow: 0,
            forms: FormList::default(),
        }
    }
}

/// The rule groups listed under each first word with what may follow it,
/// and the gazetteer forms, in one table.
fn word_table(
    word_rules: &FxHashMap<Box<[u8]>, Listed>,
    lexicon: &Lexicon<Form>,
) -> WordTable<WordEntry> {
    let mut entries: FxHashMap<&[u8], WordEntry> = FxHashMap::default();
    for (word, listed) in word_rules {
        let entry = entries.entry(word).or_default();
        entry.rules = group_number(listed.group);
        entry.follow = listed.follow;
    }
    for (word, forms) in lexicon.first_words() {
        entries.entry(word).or_default().forms = forms;
    }
    WordTable::new(entries)
}

/// The engines that read a rule's capture groups: the one-pass DFA for a
/// pattern that has one (most do: at each byte, at most one way on), else
/// the bounded backtracker where the match is short enough for it, else
/// the PikeVM.
#[derive(Debug)]
struct CaptureEngines {
    /// Built with the first caches ([`CaptureEngines::caches`]): the
    /// captures of many rules are never read, and this is the one engine
    /// whose construction is work (a DFA of the NFA).
    onepass: OnceLock<Option<onepass::DFA>>,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
}

/// Per-thread state of [`CaptureEngines`].
#[derive(Debug)]
struct CaptureCaches {
    onepass: Option<onepass::Cache>,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
    captures: Captures,
}

impl CaptureEngines {
    fn new(nfa: &thompson::NFA) -> Result<CaptureEngines, String> {
        Ok(CaptureEngines {
            onepass: OnceLock::new(),
            backtrack: BoundedBacktracker::builder()
                .build_from_nfa(nfa.clone())
                .map_err(|e| e.to_string())?,
            pikevm: PikeVM::builder()
                .build_from_nfa(nfa.clone())
                .map_err(|e| e.to_string())?,
        })
    }

    fn caches(&self) -> CaptureCaches {
        let onepass = self.onepass.get_or_init(|| {
            // A pattern that is not one-pass has no such DFA.
            let nfa = self.pikevm.get_nfa().clone();
            onepass::Builder::new().build_from_nfa(nfa).ok()
        });
        CaptureCaches {
            onepass: onepass.as_ref().map(onepass::DFA::create_cache),
            backtrack: self.backtrack.create_cache(),
            pikevm: self.pikevm.create_cache(),
            captures: self.pikevm.create_captures(),
        }
    }

    /// The groups of the match at `input` (anchored), in `caches.captures`.
    fn search<'c>(&self, caches: &'c mut CaptureCaches, input: &Input<'_>) -> &'c Captures {
        if let (Some(Some(dfa)), Some(cache)) = (self.onepass.get(), &mut caches.onepass) {
            if dfa.try_search(cache, input, &mut caches.captures).is_ok() {
                return &caches.captures;
            }
        }
        let fits = input.get_span().len() <= self.backtrack.max_haystack_len();
        let searched = fits
            && self
                .backtrack
                .try_search(&mut caches.backtrack, input, &mut caches.captures)
                .is_ok();
        if !searched {
            self.pikevm
                .search(&mut caches.pikevm, input, &mut caches.captures);
        }
        &caches.captures
    }
}

/// The capture engines of `hir` narrowed to ASCII, if that changes it
/// (and they can be built: if not, the engines of `hir` serve).
fn ascii_capture_engines(hir: &Hir) -> Option<CaptureEngines> {
    let narrowed = ascii::ascii_only(hir)?;
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(crate::rules::REGEX_SIZE_LIMIT)))
        .build_from_hir(&narrowed)
        .ok()?;
    CaptureEngines::new(&nfa).ok()
}

/// Whether the rule needs its captures read: for a span narrower than the
/// match, a value or mod template, or a casualty figure. (Reading them costs
/// more than finding the match.)
fn needs_captures(rule: &Rule, hir: &Hir) -> bool {
    let narrower_span = rule
        .span_group
        .is_some_and(|group| !spans_whole_match(hir, group));
    narrower_span
        || matches!(rule.kind, RuleKind::Casualty)
        || (matches!(rule.kind, RuleKind::Timex(_)) && !rule.reject)
}

/// Whether capture `group` is the whole match: the pattern is that group,
/// with at most zero-width assertions around it.
fn spans_whole_match(hir: &Hir, group: usize) -> bool {
    let is_group = |h: &Hir| matches!(h.kind(), HirKind::Capture(c) if c.index as usize == group);
    match hir.kind() {
        HirKind::Capture(_) => is_group(hir),
        HirKind::Concat(parts) => {
            let mut core = parts
                .iter()
                .filter(|part| !matches!(part.kind(), HirKind::Look(_)));
            let looks_only_around = parts
                .iter()
                .skip_while(|part| matches!(part.kind(), HirKind::Look(_)))
                .skip(1)
                .all(|part| matches!(part.kind(), HirKind::Look(_)));
            looks_only_around && core.next().is_some_and(is_group) && core.next().is_none()
        }
        _ => false,
    }
}

/// The gazetteer forms indexed by first word, each with what it stands for, and the
/// text of the canonical names its forms give; each form's opening is
/// marked in the dispatch `table`.
fn build_gazetteer(rules: &RuleSet, table: &mut [u8]) -> (Lexicon<Form>, String) {
    let mut canonical_names = String::new();
    let mut forms: Vec<(String, Form)> = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    // A form listed by several gazetteers belongs to the one with the
    // highest priority, then to the one loaded first.
    let mut order: Vec<usize> = (0..rules.gazetteers.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(rules.gazetteers[i].priority));
    for index in order {
        let gazetteer = &rules.gazetteers[index];
        for entry in &gazetteer.entries {
            let capitals = if gazetteer.kind == EntityKind::Place {
                upper_case_variants(entry)
            } else {
                Vec::new()
            };
            // One name for all the forms of the entry.
            let start = canonical_names.len();
            canonical_names.push_str(&entry.canonical);
            let canonical = CanonicalName {
                start: u32::try_from(start).expect("canonical names under 4 GB"),
                end: u32::try_from(canonical_names.len())
                    .ok()
                    .and_then(NonZeroU32::new)
                    .expect("canonical names under 4 GB and not empty"),
            };
            for surface in std::iter::once(&entry.canonical)
                .chain(&entry.aliases)
                .chain(&capitals)
            {
                let folded: String = surface.chars().map(fold_char).collect();
                if folded.is_empty() || !seen.insert(folded.clone()) {
                    continue;
                }
                let gazetteer = u32::try_from(index).expect("fewer than 2^32 gazetteers");
                forms.push((
                    folded,
                    Form {
                        gazetteer,
                        canonical,
                    },
                ));
            }
        }
    }
    for (form, _) in &forms {
        mark_word_opening(table, form.as_bytes(), MAY_OPEN_WORD);
    }
    (Lexicon::with_values(forms), canonical_names)
}

/// Place names as headlines and datelines print them (`NEW YORK`), for
/// forms long enough not to collide with acronyms.
fn upper_case_variants(entry: &crate::rules::GazetteerEntry) -> Vec<String> {
    std::iter::once(&entry.canonical)
        .chain(&entry.aliases)
        .filter(|form| form.chars().count() >= 4 && form.chars().any(char::is_lowercase))
        .map(|form| form.to_uppercase())
        .collect()
}

/// The text with [`fold_char`] applied, and a way back to original offsets.
struct Folded<'a> {
    original: &'a str,
    folded: Option<FoldedText>,
}

/// Folding shortens some characters (a three-byte dash becomes `-`); the
/// shifts are kept only where they change, so memory follows the number of
/// folded characters, not the length of the text.
struct FoldedText {
    text: String,
    /// (first folded offset after a shortened character, bytes the original
    /// is ahead from there on), in text order.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Folded<'a> {
        let Some(first) = next_foldable(text, 0) else {
            return Folded {
                original: text,
                folded: None,
            };
        };
        let mut folded = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut copied = 0;
        let mut next = Some(first);
        while let Some((offset, c)) = next {
            // What lies between foldable characters is copied as it is.
            folded.push_str(&text[copied..offset]);
            let f = fold_char(c);
            folded.push(f);
            if f.len_utf8() != c.len_utf8() {
                shifts.push((folded.len(), offset + c.len_utf8() - folded.len()));
            }
            copied = offset + c.len_utf8();
            next = next_foldable(text, copied);
        }
        folded.push_str(&text[copied..]);
        Folded {
            original: text,
            folded: Some(FoldedText {
                text: folded,
                shifts,
            }),
        }
    }

    fn text(&self) -> &str {
        match &self.folded {
            Some(folded) => &folded.text,
            None => self.original,
        }
    }

    /// The original offset of a folded offset on a character boundary.
    fn original(&self, offset: usize) -> usize {
        let Some(folded) = &self.folded else {
            return offset;
        };
        let after = folded.shifts.partition_point(|&(from, _)| from <= offset);
        match after.checked_sub(1) {
            Some(i) => offset + folded.shifts[i].1,
            None => offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn rules() -> RuleSet {
        RuleSet::load(&RuleSource::memory(&[
            (
                "places.toml",
                r#"
[[gazetteer]]
id = "test-places"
type = "place"
file = "gazetteers/p.txt"

[[gazetteer]]
id = "test-groups"
type = "group"
file = "gazetteers/g.txt"

[[rule]]
id = "test-year"
type = "DATE"
pattern = '\b(?P<y>\d{4})\b'
value = "{y}"
"#,
            ),
            (
                "gazetteers/p.txt",
                "New York\nNew York City\nYork\nUnited Kingdom | Britain\n",
            ),
            ("gazetteers/g.txt", "al-Qaida | al-Qaeda\n"),
        ]))
        .unwrap()
    }

    /// Readings are remembered by the match and the characters around it:
    /// the same bytes read otherwise where a word boundary differs (here a
    /// year inside a word has no value, so it is no timex).
    #[test]
    fn the_same_match_reads_by_its_surroundings() {
        let set = RuleSet::load(&RuleSource::memory(&[(
            "dates.toml",
            r#"
[[rule]]
id = "test-boundary"
type = "DATE"
pattern = '\b(?P<alone>2015)|(?P<inside>2015)'
value = "{alone}"
"#,
        )]))
        .unwrap();
        let matcher = Matcher::new(&set).unwrap();
        let text = "x2015 and 2015, x2015 and 2015.";
        let found: Vec<(usize, Option<String>)> = matcher
            .find(text, &set)
            .into_iter()
            .filter(|c| c.value.as_deref().is_some_and(|v| !v.is_empty()))
            .map(|c| (c.start, c.value.as_deref().map(str::to_string)))
            .collect();
        let alone: Vec<usize> = text.match_indices(" 2015").map(|(at, _)| at + 1).collect();
        let expected: Vec<(usize, Option<String>)> = alone
            .into_iter()
            .map(|at| (at, Some("2015".to_string())))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn longest_whole_word_hits_with_folding() {
        let set = rules();
        let matcher = Matcher::new(&set).unwrap();
        let text = "In New York City and Yorkshire, al–Qaida hit Britain’s 2015 talks.";
        let candidates = matcher.find(text, &set);
        let found: Vec<(&str, Option<&str>)> = candidates
            .iter()
            .map(|c| {
                (
                    &text[c.start..c.end],
                    c.canonical
                        .map(|name| matcher.canonical_name(name))
                        .or(c.value.as_deref()),
                )
            })
            .collect();
        assert!(
            found.contains(&("New York City", Some("New York City"))),
            "{found:?}"
        );
        assert!(found.contains(&("al–Qaida", Some("al-Qaida"))), "{found:?}");
        assert!(
            found.contains(&("Britain", Some("United Kingdom"))),
            "{found:?}"
        );
        assert!(found.contains(&("2015", Some("2015"))), "{found:?}");
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("York")),
            "{found:?}"
        );
    }

    /// Asserts that the one-pass matcher finds in each of `texts`, with the
    /// embedded rules, what scanning each rule on its own finds.
    fn assert_found_as_scanned(texts: &[&str]) {
        for text in texts {
            assert_eq!(
                found(text, embedded(), matcher()),
                scanned(text, embedded()),
                "{text}"
            );
        }
    }

    /// What scanning each rule on its own finds: the reference the one-pass
    /// matcher must agree with.
    fn scanned(text: &str, set: &RuleSet) -> Vec<(usize, usize, usize, Option<String>)> {
        let folded = Folded::new(text);
        let haystack = folded.text();
        let mut out = Vec::new();
        for (index, rule) in set.rules.iter().enumerate() {
            for captures in rule.regex().captures_iter(haystack) {
                let whole = captures.get(0).unwrap();
                if whole.is_empty() {
                    continue;
                }
                let span = match rule.span_group {
                    Some(group) => match captures.get(group).filter(|m| !m.is_empty()) {
                        Some(span) => span,
                        None => continue,
                    },
                    None => whole,
                };
                let value = match rule.kind {
                    RuleKind::Timex(_) if !rule.reject => {
                        match rule
                            .value
                            .as_ref()
                            .and_then(|t| t.render(&captures, &set.tables))
                        {
                            Some(value) => Some(value),
                            None => continue,
                        }
                    }
                    _ => None,
                };
                out.push((
                    folded.original(span.start()),
                    folded.original(span.end()),
                    index,
                    value,
                ));
            }
        }
        out.sort();
        out
    }

    fn found(
        text: &str,
        set: &RuleSet,
        matcher: &Matcher,
    ) -> Vec<(usize, usize, usize, Option<String>)> {
        let mut out: Vec<_> = matcher
            .find(text, set)
            .into_iter()
            .filter_map(|c| match c.origin {
                Origin::Rule(index) => Some((
                    c.start,
                    c.end,
                    index,
                    c.value.as_deref().map(str::to_string),
                )),
                Origin::Gazetteer(_) => None,
            })
            .collect();
        out.sort();
        out
    }

    const NEWS: &[&str] = &[
        "In July 2016",
        "last week",
        "on Wednesday",
        "in Nice",
        "Abu Muhammad al-Adnani",
        "Lee Rigby, a soldier,",
        "killed 52",
        "12 people died",
        "the 2005 bombings",
        "al–Qaida",
        "almost 33 months ago",
        "mid-2016",
        "9/11",
        "Britain’s",
        "on 14 July",
        "by 2011",
        "since 2014",
        "today",
        "Mr Smith said",
        "the third quarter",
        "10:30 p.m.",
        "é",
        "東京",
        "2017-03-22",
        "summer 2015",
        "the 1990s",
        "next Friday",
        "a year earlier",
        "May",
        "President Obama",
        "Khalid Masood, the 52-year-old",
        "Ministry of Defence",
        "\n\n",
        ". ",
        ", ",
        " – ",
        "three weeks later",
        "22/03/2017",
        "March 22, 2017",
        "$2015",
    ];

    use proptest::prelude::*;

    /// Texts of news phrases, odd words and odd characters.
    fn news_like() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(NEWS).prop_map(str::to_string),
                "[A-Za-z0-9 ,.]{0,10}",
                "\\PC{0,4}",
            ],
            0..30,
        )
        .prop_map(|parts| parts.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn one_pass_finds_what_scanning_each_rule_finds(text in news_like()) {
            let set = embedded();
            prop_assert_eq!(found(&text, set, matcher()), scanned(&text, set));
        }

        /// Where a rule matches opening with an ASCII word, what follows the
        /// word is among what may follow it, so the pass tries the rule's
        /// group there: the follows of the words it is listed under, or of
        /// any word for the rules placed by their first bytes.
        #[test]
        fn follows_let_every_match_through(text in news_like()) {
            let set = embedded();
            let inner = &matcher().inner;
            let groups = &inner.automata.groups;
            let in_group = |group: Option<usize>, index: usize| {
                group.is_some_and(|group| groups[group].rules.contains(&index))
            };
            let folded = Folded::new(&text);
            let bytes = folded.text().as_bytes();
            for (index, rule) in set.rules.iter().enumerate() {
                for found in rule.regex().find_iter(folded.text()) {
                    let at = found.start();
                    if found.is_empty() || !is_ascii_word(bytes[at]) {
                        continue;
                    }
                    let end = ascii_word_end(bytes, at);
                    let entry = inner.words.get_in(bytes, at..end).unwrap_or_default();
                    if in_group(entry.rules(), index) {
                        let follow = &inner.follows[entry.follow as usize];
                        prop_assert!(follow.allows(bytes, end), "{} at {at}", rule.id);
                    }
                    if in_group(inner.first_byte_rules, index) && inner.first_word_counts[index] == 0 {
                        let follow = inner.first_byte_follows.of(bytes[at]);
                        prop_assert!(follow.allows(bytes, end), "{} at {at}", rule.id);
                    }
                }
            }
        }
    }

    /// Most words that open some rule are turned away by what follows them.
    #[test]
    fn words_are_turned_away_by_what_follows_them() {
        let inner = &matcher().inner;
        let lets_through = |text: &str| {
            let bytes = text.as_bytes();
            let end = ascii_word_end(bytes, 0);
            let entry = inner.words.get_in(bytes, 0..end).unwrap();
            assert!(entry.rules().is_some(), "{text}");
            inner.follows[entry.follow as usize].allows(bytes, end)
        };
        for goes_on in ["in the past", "a year ago", "at least", "for years"] {
            assert!(lets_through(goes_on), "{goes_on}");
        }
        for stops in ["in a way", "a big one", "at home", "for them", "to be"] {
            assert!(!lets_through(stops), "{stops}");
        }
        // The rules placed by their first bytes, after any word.
        let after_any_word = |text: &str| {
            let bytes = text.as_bytes();
            let follows = inner.first_byte_follows.of(bytes[0]);
            follows.allows(bytes, ascii_word_end(bytes, 0))
        };
        assert!(after_any_word("flight 2015"));
        assert!(!after_any_word("Officials said"));
    }

    proptest! {
        #[test]
        fn groups_are_found_by_name_as_the_captures_find_them(
            text in "[ab1-]{0,8}",
            name in prop::sample::select(vec!["year", "month", "day", "n", "a_b"]),
        ) {
            let pikevm = PikeVM::new(
                r"(?P<year>\d+)?-?(?:(?P<month>a+)|(?P<day>b+))(?P<n>1)?(x)?",
            )
            .unwrap();
            let mut captures = pikevm.create_captures();
            pikevm.search(&mut pikevm.create_cache(), &Input::new(&text), &mut captures);
            prop_assert_eq!(
                group_by_name(&captures, name),
                captures.get_group_by_name(name)
            );
        }
    }

    /// The embedded rules, loaded once for the matcher's tests.
    pub(super) fn embedded() -> &'static RuleSet {
        static SET: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| RuleSet::embedded().unwrap())
    }

    fn matcher() -> &'static Matcher {
        static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
        MATCHER.get_or_init(|| Matcher::new(embedded()).unwrap())
    }

    /// The pass steps over words with the embedded rules (so that the
    /// property above tests that path), and not where a rule opens inside
    /// a word.
    #[test]
    fn words_are_stepped_over_unless_a_rule_opens_inside_one() {
        assert!(matcher().inner.nothing_opens_inside_words);
        let set = RuleSet::load(&RuleSource::memory(&[(
            "dates.toml",
            r#"
[[rule]]
id = "test-inside"
type = "DATE"
pattern = 'x(?P<y>2015)'
value = "{y}"
"#,
        )]))
        .unwrap();
        let matcher = Matcher::new(&set).unwrap();
        assert!(!matcher.inner.nothing_opens_inside_words);
        let found: Vec<usize> = matcher
            .find("ax2015 x2015", &set)
            .iter()
            .map(|c| c.start)
            .collect();
        assert_eq!(found, [1, 7]);
    }

    #[test]
    fn groups_grown_rule_by_rule_are_the_sets_and_only_the_used_ones_kept() {
        let mut builder = GroupsBuilder::default();
        let a = builder.with_rule(None, 1);
        let ab = builder.with_rule(Some(a), 4);
        assert_eq!(builder.with_rule(None, 1), a);
        assert_eq!(builder.with_rule(Some(a), 4), ab);
        assert_eq!(builder.group(vec![1, 4]), ab);
        let b = builder.group(vec![4]);
        let (groups, kept) = builder.keep([ab, b, ab].into_iter());
        let rules: Vec<&[usize]> = groups.iter().map(|g| g.rules.as_slice()).collect();
        assert_eq!(rules, [&[1, 4][..], &[4]]);
        assert_eq!(kept[ab], Some(0));
        assert_eq!(kept[b], Some(1));
        assert_eq!(kept[a], None, "passed through, not used");
    }

    /// Where only rules placed by their first bytes are, their own DFA
    /// walks (so that the property above tests it), and where it meets a
    /// byte beyond ASCII the DFA of every rule decides instead.
    #[test]
    fn positions_of_first_byte_rules_alone_find_what_scanning_finds() {
        assert!(matcher().inner.automata.first_bytes_only.is_some());
        assert_found_as_scanned(&[
            "Khalid Masood, the 52-year-old, and Zoë Ball, a singer, met Józef Pérez-Ortiz, 41",
            "a Tbilisi-based group and a Zürich-based bank; Ólafur Arnalds, a composer,",
            "The Ministry of Defence and the Élysée Palace Party said",
        ]);
    }

    #[test]
    fn words_of_any_case_open_caseless_rules_as_scanning_finds() {
        assert!(matcher().inner.caseless_words.get(b"seventeen").is_some());
        // Found only by way of the caseless words.
        // (A capital opening the word would have the rules placed by first
        // bytes try every rule there.)
        let odd = found("sEvEnTeEn days", embedded(), matcher());
        assert!(odd.iter().any(|&(start, ..)| start == 0), "{odd:?}");
        assert_found_as_scanned(&[
            "sEvEnTeEn days aGo, aPpRoXiMaTeLy three WeEkS later",
            "some seventeen days ago, and SEVENTEEN Days AGO the ExPlOsIoNs",
            "McDonald and iPhone and DeSantis said THE attacks were nEaRlY over eXpLoSiOnS",
        ]);
    }

    /// The rules that open with a stretch of any words are searched from
    /// their literals, walked back with the DFA narrowed to ASCII and, past
    /// a byte beyond ASCII, with the other.
    #[test]
    fn rules_searched_from_their_literals_find_what_scanning_finds() {
        let by_literal = matcher().inner.automata.by_literal.as_ref().unwrap();
        let searched: Vec<&str> = (by_literal.rules.iter())
            .map(|&index| embedded().rules[index].id.as_str())
            .collect();
        for id in [
            "date-march-not-a-month",
            "set-rate",
            "person-apposition-age",
        ] {
            assert!(searched.contains(&id), "{id}: {searched:?}");
        }
        assert_found_as_scanned(&[
            "protesters at the annual March for Life, and the March of the Mothers",
            "at the Zürich March for Peace and the élan March against war; The March on",
            "Zoë Ball, a singer, met Ólafur Arnalds, the composer, and Józef Pérez, 41",
            "Khalid Masood, the 52-year-old, and Lee Rigby, aged 25, a soldier",
            "a Tbilisi-based group and a Zürich-based bank, the Labour Party and Ēriks Front",
            "It will save $500 million a year and 24 hours a day, 2 séances per week",
            ", the , a the March of",
        ]);
    }

    #[test]
    fn one_pass_finds_what_scanning_finds_on_the_seed() {
        assert_found_as_scanned(&[include_str!("../../seeds/000_f933abeb605ec4df.txt")]);
    }
}
