//! Where a pattern's matches can begin, read off its syntax tree.
//!
//! The matcher runs a rule only where one of its matches could start: at
//! positions whose first two bytes are a possible opening of the pattern
//! and, when the pattern opens with `\b` before a word character, only at
//! word starts ([`Starts`]); or, when every match opens with a whole word
//! from a finite list, only at those words ([`first_words`]). Both are
//! supersets of the truth, so an anchored search at every such position
//! finds exactly what a full scan finds.

use crate::text::is_ascii_word;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Most words a rule may be listed under, and most steps spent finding
/// them: past either, the rule is placed by its first bytes instead.
const FIRST_WORDS_LIMIT: usize = 100_000;
const FIRST_WORDS_STEPS: usize = 1_000_000;
/// Longest first word listed: past it, the opening is taken as open-ended
/// (as with `[0-9]+`).
const FIRST_WORD_LEN: usize = 40;
/// Deepest the walk goes (a repetition that can match empty would go on).
const FIRST_WORDS_DEPTH: usize = 400;

/// Classes this small are read as alternatives, one word each.
const SMALL_CLASS: usize = 16;

/// Most letters of a first word that may be of either case (as in
/// `(?i:seventeen)`) for the word to be listed in every case: past it,
/// only the lower case, capitalised and upper case spellings are listed,
/// and the word also goes to [`Openings::caseless_words`]. (A word of nine
/// such letters has 512 spellings, almost none of them ever written.)
const CASE_LETTERS_LISTED: u32 = 2;

/// Where the matches of a pattern open, word by word: see [`first_words`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Openings {
    /// Whole first words (as [`crate::text::ascii_word_end`] reads them), each once, in
    /// no particular order: the matcher only looks them up, and sorting the
    /// case variants of a `(?i)` opening costs more at startup than the
    /// walk that finds them.
    pub words: Vec<Vec<u8>>,
    /// What may follow each word of `words` (the one at the same index) in
    /// a match opening with it: an index into `follows`.
    pub follow_of_words: Vec<u32>,
    /// The follows of the words ([`Follow`]), most shared by many words.
    pub follows: Vec<Follow>,
    /// Words with more than two letters of either case (`CASE_LETTERS_LISTED`),
    /// in ASCII lower case, each once: a match may also open with any word
    /// whose ASCII lower case is one of these. The spellings of such a
    /// word whose case [`is_plain_case`] are in `words`, so only a word of
    /// another case need be looked up here.
    pub caseless_words: Vec<Vec<u8>>,
    /// Matches may also open with any word whose first byte is a digit.
    pub digits: bool,
    /// Matches may also open with a byte that starts no ASCII word (`$`, a
    /// quote, a letter beyond ASCII): these bytes.
    pub other_bytes: Vec<u8>,
}

/// Where every match of `hir` opens: a whole word from a finite list
/// (each followed in the pattern by a non-word byte or a word boundary, so
/// that a match can only open where the whole word at that position is one
/// of them), a word of digits, or a byte that starts no ASCII word; `None`
/// when some opening is none of these (a capitalised word, say).
pub fn first_words(hir: &Hir) -> Option<Openings> {
    let mut walk = WordWalk {
        words: rustc_hash::FxHashMap::default(),
        follows: Vec::new(),
        follow_ids: rustc_hash::FxHashMap::default(),
        follow_key: Vec::new(),
        last_follow: (Vec::new(), 0),
        classes: ClassSummaries::default(),
        caseless_words: rustc_hash::FxHashSet::default(),
        either_case: 0,
        digits: false,
        other_bytes: [false; 256],
        steps: 0,
        depth: 0,
    };
    if !walk.walk(&Rest::Then(Item::Node(hir), &Rest::Done), &mut Vec::new()) {
        return None;
    }
    let (words, follow_of_words) = walk.words.into_iter().unzip();
    Some(Openings {
        words,
        follow_of_words,
        follows: walk.follows,
        caseless_words: walk.caseless_words.into_iter().collect(),
        digits: walk.digits,
        other_bytes: (0..=255u8)
            .filter(|&b| walk.other_bytes[usize::from(b)])
            .collect(),
    })
}

/// What is left to read: a node of the pattern, the rest of a sequence,
/// or the rest of a repetition (so that the walk never copies the
/// pattern).
#[derive(Clone, Copy)]
enum Item<'h> {
    Node(&'h Hir),
    Sequence(&'h [Hir]),
    Repeat {
        sub: &'h Hir,
        min: u32,
        max: Option<u32>,
    },
}

/// The items left to read, first to last: a list on the stack of the walk,
/// each step linking what it adds in front of what it was given.
#[derive(Clone, Copy)]
enum Rest<'h, 'r> {
    Done,
    Then(Item<'h>, &'r Rest<'h, 'r>),
}

/// Walks `sub{min,max}` then `rest` through `walk`: `rest` alone where no
/// occurrence is left, one occurrence before the rest of the repetition
/// where one is needed, and both ways where one may follow; true when
/// every way walked is.
fn walk_repeat<'h>(
    sub: &'h Hir,
    min: u32,
    max: Option<u32>,
    rest: &Rest<'h, '_>,
    mut walk: impl FnMut(&Rest<'h, '_>) -> bool,
) -> bool {
    if max == Some(0) {
        return walk(rest);
    }
    let remaining = Item::Repeat {
        sub,
        min: min.saturating_sub(1),
        max: max.map(|m| m - 1),
    };
    let after = Rest::Then(remaining, rest);
    let once = Rest::Then(Item::Node(sub), &after);
    if min > 0 {
        return walk(&once);
    }
    walk(rest) && walk(&once)
}

/// A walk through a pattern's openings, gathering first words.
struct WordWalk {
    /// Each word with what may follow it (over every way to reach it), an
    /// index into `follows`.
    words: rustc_hash::FxHashMap<Vec<u8>, u32>,
    follows: Vec<Follow>,
    /// What may follow a word closed with the pattern's rest in the state
    /// that [`follow_key`] encodes as the key: the words of a long list
    /// (of first names, say) all close on the same rest, whose follow is
    /// worked out once.
    follow_ids: rustc_hash::FxHashMap<Vec<u64>, u32>,
    /// The key being looked up, kept for its allocation.
    follow_key: Vec<u64>,
    /// The key looked up last, and its follow.
    last_follow: (Vec<u64>, u32),
    classes: ClassSummaries,
    caseless_words: rustc_hash::FxHashSet<Vec<u8>>,
    /// Bit `i` is set when byte `i` of the word read so far is a letter of
    /// either case (read in lower case), so that the walk takes one path
    /// for both cases of it, not two.
    either_case: u64,
    digits: bool,
    other_bytes: [bool; 256],
    steps: usize,
    depth: usize,
}

impl WordWalk {
    /// Walks the sequence `rest` with `word` read so far; false when some
    /// opening has no closed first word (or the limits are reached).
    /// `word` is left as it was found: one buffer serves the whole walk.
    fn walk(&mut self, rest: &Rest<'_, '_>, word: &mut Vec<u8>) -> bool {
        self.steps += 1;
        if self.steps > FIRST_WORDS_STEPS
            || self.depth > FIRST_WORDS_DEPTH
            || self.words.len() > FIRST_WORDS_LIMIT
            || word.len() > FIRST_WORD_LEN
        {
            return false;
        }
        self.depth += 1;
        let closed = self.step(rest, word);
        self.depth -= 1;
        closed
    }

    /// One step of [`WordWalk::walk`].
    fn step(&mut self, rest: &Rest<'_, '_>, word: &mut Vec<u8>) -> bool {
        let &Rest::Then(first, rest) = rest else {
            // The match may end here, inside its first word.
            return false;
        };
        let node = match first {
            Item::Node(node) => node,
            // The parts of a sequence are read within the step of its
            // first part, as if listed one by one.
            Item::Sequence([]) => return self.step(rest, word),
            Item::Sequence([part, parts @ ..]) => {
                let after = Rest::Then(Item::Sequence(parts), rest);
                return self.step(&Rest::Then(Item::Node(part), &after), word);
            }
            Item::Repeat { sub, min, max } => return self.repeat(sub, min, max, rest, word),
        };
        match node.kind() {
            HirKind::Empty => self.walk(rest, word),
            HirKind::Look(Look::WordAscii | Look::WordStartAscii | Look::WordEndAscii) => {
                if word.is_empty() {
                    self.walk(rest, word)
                } else {
                    // A boundary right after a word byte closes the word.
                    let follow = self.follow(&[], rest);
                    self.close_word(word, follow);
                    true
                }
            }
            HirKind::Look(_) => self.walk(rest, word),
            HirKind::Literal(literal) => self.bytes(&literal.0, rest, word),
            HirKind::Class(class) if word.is_empty() && class_is_digits(class) => {
                // Any word of digits: the rest need not be read.
                self.digits = true;
                true
            }
            HirKind::Class(class) if word.is_empty() && class_has_no_ascii_word(class) => {
                let mut first = [false; 256];
                first_bytes(node, &mut first);
                for (byte, on) in first.iter().enumerate() {
                    self.other_bytes[byte] |= *on;
                }
                true
            }
            HirKind::Class(class) if word.len() < 64 && ascii_case_pair(class).is_some() => {
                let lower = ascii_case_pair(class).expect("tested in the guard");
                // The members beyond ASCII (the long s of (?i)s) each on
                // their own path.
                self.either_case_letter(lower, rest, word)
                    && all_members(class, |bytes| {
                        bytes.is_ascii() || self.bytes(bytes, rest, word)
                    })
                    .expect("a class of a case pair is small")
            }
            HirKind::Class(class) => {
                match all_members(class, |bytes| self.bytes(bytes, rest, word)) {
                    Some(closed) => closed,
                    // A wide class of non-word characters still closes a word.
                    None if !word.is_empty() && class_has_no_ascii_word(class) => {
                        let follow = self.follow(&[], &Rest::Then(Item::Node(node), rest));
                        self.close_word(word, follow);
                        true
                    }
                    None => false,
                }
            }
            HirKind::Capture(capture) => {
                self.walk(&Rest::Then(Item::Node(&capture.sub), rest), word)
            }
            HirKind::Concat(parts) => self.walk(&Rest::Then(Item::Sequence(parts), rest), word),
            HirKind::Alternation(branches) => branches
                .iter()
                .all(|branch| self.walk(&Rest::Then(Item::Node(branch), rest), word)),
            HirKind::Repetition(repetition) => {
                self.repeat(&repetition.sub, repetition.min, repetition.max, rest, word)
            }
        }
    }

    /// What may follow a word closed before `pending` (bytes of a literal)
    /// and `rest`, worked out once for each such state of the walk.
    fn follow(&mut self, pending: &[u8], rest: &Rest<'_, '_>) -> u32 {
        follow_key(pending, rest, &mut self.follow_key);
        // The words of a list close one after another on the same state.
        if self.follow_key == self.last_follow.0 {
            return self.last_follow.1;
        }
        let id = match self.follow_ids.get(self.follow_key.as_slice()) {
            Some(&known) => known,
            None => {
                let follow = Follow::of(pending, rest, None, &mut self.classes);
                let id = self.follow_id(follow);
                self.follow_ids.insert(self.follow_key.clone(), id);
                id
            }
        };
        std::mem::swap(&mut self.follow_key, &mut self.last_follow.0);
        self.last_follow.1 = id;
        id
    }

    /// The index of `follow` in `follows`, which it is added to.
    fn follow_id(&mut self, follow: Follow) -> u32 {
        self.follows.push(follow);
        u32::try_from(self.follows.len() - 1).expect("fewer than 2^32 follows")
    }

    /// Lists `word`, closed here with `follow` after it, in each of its
    /// spellings (its letters of either case are in lower case), or in its
    /// plain ones and as a caseless word. The walk reaches most words by
    /// many paths, so it is copied only the first time.
    fn close_word(&mut self, word: &[u8], follow: u32) {
        let either_case = self.either_case;
        let mut spelling = word.to_vec();
        if either_case.count_ones() > CASE_LETTERS_LISTED {
            // Looked up by the text's word in lower case, fixed capitals
            // and all.
            let lower = word.to_ascii_lowercase();
            if !self.caseless_words.contains(&lower) {
                self.caseless_words.insert(lower);
            }
            for capitals in [0, either_case & 1, either_case] {
                self.list_spelled(word, capitals, &mut spelling, follow);
            }
            return;
        }
        // Each subset of the letters of either case, in capitals.
        let mut capitals = 0u64;
        loop {
            self.list_spelled(word, capitals, &mut spelling, follow);
            // The next subset of `either_case`, or done after the last.
            capitals = capitals.wrapping_sub(either_case) & either_case;
            if capitals == 0 {
                break;
            }
        }
    }

    /// Lists `word` with its letters at the bits of `capitals` in
    /// capitals, spelled out in `spelling` (as long as `word`), with
    /// `follow` after it.
    fn list_spelled(&mut self, word: &[u8], capitals: u64, spelling: &mut [u8], follow: u32) {
        for (at, (letter, &byte)) in spelling.iter_mut().zip(word).enumerate() {
            *letter = if has_bit(capitals, at) {
                byte.to_ascii_uppercase()
            } else {
                byte
            };
        }
        self.list(spelling, follow);
    }

    /// Adds `word` to the listed words, with the follow `follow` after it.
    fn list(&mut self, word: &[u8], follow: u32) {
        match self.words.get(word) {
            None => {
                self.words.insert(word.to_vec(), follow);
            }
            Some(&known) if known != follow => {
                // Reached again, on another way on.
                let mut both = self.follows[known as usize];
                both.add(&self.follows[follow as usize]);
                if both != self.follows[known as usize] {
                    let id = self.follow_id(both);
                    self.words.insert(word.to_vec(), id);
                }
            }
            Some(_) => {}
        }
    }

    /// Reads a letter that may be of either case, `lower` in lower case,
    /// onto `word`, then walks `rest`; `word` is left as it was found.
    fn either_case_letter(&mut self, lower: u8, rest: &Rest<'_, '_>, word: &mut Vec<u8>) -> bool {
        let bit = 1 << word.len();
        word.push(lower);
        self.either_case |= bit;
        let closed = self.walk(rest, word);
        self.either_case &= !bit;
        word.pop();
        closed
    }

    /// Walks `sub{min,max}` then `rest`.
    fn repeat(
        &mut self,
        sub: &Hir,
        min: u32,
        max: Option<u32>,
        rest: &Rest<'_, '_>,
        word: &mut Vec<u8>,
    ) -> bool {
        walk_repeat(sub, min, max, rest, |rest| self.walk(rest, word))
    }

    /// Reads `bytes` onto `word`, then walks `rest`; `word` is left as it
    /// was found.
    fn bytes(&mut self, bytes: &[u8], rest: &Rest<'_, '_>, word: &mut Vec<u8>) -> bool {
        let length = word.len();
        let closed = self.bytes_onto(bytes, rest, word);
        word.truncate(length);
        closed
    }

    /// [`WordWalk::bytes`], leaving what it read on `word`.
    fn bytes_onto(&mut self, bytes: &[u8], rest: &Rest<'_, '_>, word: &mut Vec<u8>) -> bool {
        for (at, &byte) in bytes.iter().enumerate() {
            if is_ascii_word(byte) {
                word.push(byte);
            } else if word.is_empty() {
                // The match opens with a byte that starts no ASCII word.
                self.other_bytes[usize::from(byte)] = true;
                return true;
            } else {
                let follow = self.follow(&bytes[at..], rest);
                self.close_word(word, follow);
                return true;
            }
        }
        self.walk(rest, word)
    }
}

/// The state of a [`WordWalk`] where a word closes (the bytes `pending`
/// of a literal, then `rest`) as a key: the pending bytes and the items
/// left, each by the address of its part of the pattern, which is the
/// same for the whole walk.
fn follow_key(pending: &[u8], rest: &Rest<'_, '_>, key: &mut Vec<u64>) {
    let address = |hir: &Hir| std::ptr::from_ref(hir) as usize as u64;
    key.clear();
    key.push(pending.len() as u64);
    key.extend(pending.iter().map(|&byte| u64::from(byte)));
    let mut rest = rest;
    while let &Rest::Then(item, next) = rest {
        match item {
            Item::Node(node) => key.extend([0, address(node)]),
            Item::Sequence(parts) => {
                key.extend([1, parts.as_ptr() as usize as u64, parts.len() as u64]);
            }
            Item::Repeat { sub, min, max } => key.extend([
                2,
                address(sub),
                u64::from(min),
                max.map_or(u64::MAX, u64::from),
            ]),
        }
        rest = next;
    }
}

/// How many bytes after a first word [`Follow`] tells apart.
pub const FOLLOW_BYTES: usize = 3;

/// Most steps spent working out one [`Follow`]; past it, anything may
/// follow.
const FOLLOW_STEPS: usize = 20_000;

/// What may come right after a first word in a match opening with it: per
/// byte after the word (up to [`FOLLOW_BYTES`]), the set of bytes that may
/// be there. A superset of the truth: the sets of the bytes are taken each
/// on its own, look-around assertions are passed over, bytes beyond ASCII
/// are told apart only from ASCII, and past a character beyond ASCII (or
/// where the match may end) any byte may come.
///
/// Most words of the text that open some rule (`in`, `to`, `a`) open
/// none there ("in a way"): this turns most such positions away before the
/// DFA of all rules walks from them. Sixty-four bytes, on a cache line of
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(64))]
pub struct Follow {
    /// Bit `b` of `ascii[i]`: the ASCII byte `b` may be the byte `i` after
    /// the word.
    ascii: [u128; FOLLOW_BYTES],
    /// Bit `i`: a byte beyond ASCII may be the byte `i` after the word.
    beyond_ascii: u8,
}

impl Follow {
    /// Any bytes may follow.
    pub const ANY: Follow = Follow {
        ascii: [u128::MAX; FOLLOW_BYTES],
        beyond_ascii: (1 << FOLLOW_BYTES) - 1,
    };

    /// No byte may follow (no match goes on).
    pub const NONE: Follow = Follow {
        ascii: [0; FOLLOW_BYTES],
        beyond_ascii: 0,
    };

    /// Whether the bytes of `text` from `at` may follow; true where the
    /// text ends before [`FOLLOW_BYTES`] of them.
    #[inline]
    pub fn allows(&self, text: &[u8], at: usize) -> bool {
        let Some(after) = text
            .get(at..)
            .and_then(|rest| rest.first_chunk::<FOLLOW_BYTES>())
        else {
            return true;
        };
        (0..FOLLOW_BYTES).all(|i| self.has(i, after[i]))
    }

    /// Whether `byte` may be the byte `at` after the word.
    #[inline]
    fn has(&self, at: usize, byte: u8) -> bool {
        if byte.is_ascii() {
            self.ascii[at] >> byte & 1 != 0
        } else {
            self.beyond_ascii >> at & 1 != 0
        }
    }

    /// Adds what `other` lets follow.
    pub fn add(&mut self, other: &Follow) {
        for (set, more) in self.ascii.iter_mut().zip(other.ascii) {
            *set |= more;
        }
        self.beyond_ascii |= other.beyond_ascii;
    }

    /// Lets `byte` be the byte `at` after the word.
    fn allow(&mut self, at: usize, byte: u8) {
        if byte.is_ascii() {
            self.ascii[at] |= 1 << byte;
        } else {
            self.beyond_ascii |= 1 << at;
        }
    }

    /// Lets the bytes of the set `bytes` (bit `b` of word `b / 64` for
    /// byte `b`) be the byte `at` after the word.
    fn allow_set(&mut self, at: usize, bytes: [u64; 4]) {
        self.ascii[at] |= u128::from(bytes[0]) | u128::from(bytes[1]) << 64;
        if bytes[2] | bytes[3] != 0 {
            self.beyond_ascii |= 1 << at;
        }
    }

    /// Lets any byte be the byte `from` after the word, and every later one.
    fn allow_any_from(&mut self, from: usize) {
        for at in from..FOLLOW_BYTES {
            self.ascii[at] = u128::MAX;
            self.beyond_ascii |= 1 << at;
        }
    }

    /// What may follow a word closed before the bytes `pending` of a
    /// literal and then `rest`; only what follows the byte `first` right
    /// after the word, if given.
    fn of(
        pending: &[u8],
        rest: &Rest<'_, '_>,
        first: Option<u8>,
        classes: &mut ClassSummaries,
    ) -> Follow {
        let mut walk = FollowWalk {
            follow: Follow::NONE,
            first,
            classes,
            steps: 0,
            depth: 0,
        };
        if walk.bytes(0, pending, rest) {
            walk.follow
        } else {
            Follow::ANY
        }
    }
}

/// What [`FollowWalk`] reads of a class: the first bytes of its members,
/// and their lengths in bytes (bit `n` for a member of `n` bytes).
#[derive(Clone, Copy)]
struct ClassSummary {
    first_bytes: [u64; 4],
    lengths: u8,
}

/// The summaries of the classes of a pattern, by the class's address: a
/// class such as `\p{Ll}` has hundreds of ranges, and the walks meet it
/// many times.
#[derive(Default)]
struct ClassSummaries(rustc_hash::FxHashMap<usize, ClassSummary>);

impl ClassSummaries {
    fn of(&mut self, class: &Class) -> ClassSummary {
        let address = std::ptr::from_ref(class) as usize;
        *self.0.entry(address).or_insert_with(|| {
            let mut summary = ClassSummary {
                first_bytes: [0; 4],
                lengths: 0,
            };
            let mut add =
                |byte: u8| summary.first_bytes[usize::from(byte >> 6)] |= 1 << (byte & 63);
            match class {
                Class::Bytes(class) => {
                    for range in class.ranges() {
                        (range.start()..=range.end()).for_each(&mut add);
                    }
                    summary.lengths = 1 << 1;
                }
                Class::Unicode(class) => {
                    let mut buffer = [0u8; 4];
                    for range in class.ranges() {
                        // UTF-8 keeps code-point order: the lead bytes of a
                        // range lie between those of its ends.
                        let low = range.start().encode_utf8(&mut buffer).as_bytes()[0];
                        let high = range.end().encode_utf8(&mut buffer).as_bytes()[0];
                        (low..=high).for_each(&mut add);
                        for length in range.start().len_utf8()..=range.end().len_utf8() {
                            summary.lengths |= 1 << length;
                        }
                    }
                }
            }
            summary
        })
    }
}

/// [`Follow`]s told apart by the byte right after the word, which the
/// follows of a rule's first word mix (as after "Leeds" in `{CAPNAME}
/// (?:United|City)|{CAPNAME}-based`, where `-` is followed by `b` only).
#[derive(Debug, Clone)]
pub struct FollowAfter {
    /// By that byte: what may follow where it is that byte.
    rows: Box<[Follow]>,
}

impl FollowAfter {
    /// Nothing may follow.
    pub fn none() -> FollowAfter {
        FollowAfter {
            rows: vec![Follow::NONE; 256].into_boxed_slice(),
        }
    }

    /// Whether the bytes of `text` from `at` may follow (as
    /// [`Follow::allows`] tells it).
    #[inline]
    pub fn allows(&self, text: &[u8], at: usize) -> bool {
        match text.get(at) {
            Some(&byte) => self.rows[usize::from(byte)].allows(text, at),
            None => true,
        }
    }

    /// Adds what `other` lets follow.
    pub fn add(&mut self, other: &FollowAfter) {
        for (row, more) in self.rows.iter_mut().zip(other.rows.iter()) {
            row.add(more);
        }
    }

    /// Adds what may follow a word closed before the bytes `pending` of a
    /// literal and then `rest`. Only the rows of bytes that end an ASCII
    /// word are read, so only those are worked out.
    fn add_closed(&mut self, pending: &[u8], rest: &Rest<'_, '_>, classes: &mut ClassSummaries) {
        let all = Follow::of(pending, rest, None, classes);
        for first in (0..=u8::MAX).filter(|&byte| !is_ascii_word(byte) && all.has(0, byte)) {
            let row = Follow::of(pending, rest, Some(first), classes);
            self.rows[usize::from(first)].add(&row);
        }
    }
}

/// What may follow the ASCII word that a match of `hir` opens with,
/// whatever the word, for words whose first byte `opens` (a digit, say):
/// nothing where no match opens with such a word, and anything where some
/// match may end inside it (or the walk takes too long).
///
/// For the rules placed by their first bytes, which open with any
/// capitalised word (`\p{Lu}\p{Ll}+ Party`): most capitalised words of a
/// text open none of them, and this tells so from the bytes after the word.
pub fn word_follow(hir: &Hir, opens: fn(u8) -> bool) -> FollowAfter {
    let mut walk = AnyWordWalk {
        follow: FollowAfter::none(),
        opens,
        seen: rustc_hash::FxHashSet::default(),
        key: Vec::new(),
        classes: ClassSummaries::default(),
        steps: 0,
        depth: 0,
    };
    if walk.walk(false, &Rest::Then(Item::Node(hir), &Rest::Done)) {
        walk.follow
    } else {
        FollowAfter {
            rows: vec![Follow::ANY; 256].into_boxed_slice(),
        }
    }
}

/// A walk through the openings of a pattern that reads its first word as
/// any ASCII word, gathering what may follow it where it closes.
struct AnyWordWalk {
    follow: FollowAfter,
    /// Which first bytes of the word are walked.
    opens: fn(u8) -> bool,
    /// The states in the word walked so far, as [`follow_key`] gives them:
    /// a repetition of word bytes comes back to the same state.
    seen: rustc_hash::FxHashSet<Vec<u64>>,
    key: Vec<u64>,
    classes: ClassSummaries,
    steps: usize,
    depth: usize,
}

impl AnyWordWalk {
    /// Walks `rest`, inside the first word (`in_word`) or before it; false
    /// when some match may end inside the word or the steps run out.
    fn walk(&mut self, in_word: bool, rest: &Rest<'_, '_>) -> bool {
        self.steps += 1;
        if self.steps > FOLLOW_STEPS || self.depth > FIRST_WORDS_DEPTH {
            return false;
        }
        if in_word {
            follow_key(&[], rest, &mut self.key);
            if !self.seen.insert(self.key.clone()) {
                return true;
            }
        }
        self.depth += 1;
        let walked = self.step(in_word, rest);
        self.depth -= 1;
        walked
    }

    /// One step of [`AnyWordWalk::walk`].
    fn step(&mut self, in_word: bool, rest: &Rest<'_, '_>) -> bool {
        let &Rest::Then(first, rest) = rest else {
            // The match may end here: inside or right after its first
            // word, before anything that follows.
            return false;
        };
        let node = match first {
            Item::Node(node) => node,
            Item::Sequence([]) => return self.walk(in_word, rest),
            Item::Sequence([part, parts @ ..]) => {
                let after = Rest::Then(Item::Sequence(parts), rest);
                return self.walk(in_word, &Rest::Then(Item::Node(part), &after));
            }
            Item::Repeat { sub, min, max } => return self.repeat(in_word, sub, min, max, rest),
        };
        match node.kind() {
            HirKind::Empty | HirKind::Look(_) => self.walk(in_word, rest),
            HirKind::Literal(literal) => {
                let bytes = &literal.0;
                if !in_word && !bytes.first().is_some_and(|&byte| (self.opens)(byte)) {
                    // No word opens here (or not one walked).
                    return true;
                }
                match bytes.iter().position(|&byte| !is_ascii_word(byte)) {
                    Some(end) if end > 0 || in_word => {
                        let classes = &mut self.classes;
                        self.follow.add_closed(&bytes[end..], rest, classes);
                        true
                    }
                    Some(_) => true,
                    None => self.walk(true, rest),
                }
            }
            HirKind::Class(class) => {
                let (word_bytes, other) =
                    class_word_members(class, |byte| in_word || (self.opens)(byte));
                if other && in_word {
                    // The word may end here, before a character of the
                    // class that is none of its bytes.
                    let after = Rest::Then(Item::Node(node), rest);
                    self.follow.add_closed(&[], &after, &mut self.classes);
                }
                !word_bytes || self.walk(true, rest)
            }
            HirKind::Capture(capture) => {
                self.walk(in_word, &Rest::Then(Item::Node(&capture.sub), rest))
            }
            HirKind::Concat(parts) => self.walk(in_word, &Rest::Then(Item::Sequence(parts), rest)),
            HirKind::Alternation(branches) => branches
                .iter()
                .all(|branch| self.walk(in_word, &Rest::Then(Item::Node(branch), rest))),
            HirKind::Repetition(repetition) => self.repeat(
                in_word,
                &repetition.sub,
                repetition.min,
                repetition.max,
                rest,
            ),
        }
    }

    /// Walks `sub{min,max}` then `rest`.
    fn repeat(
        &mut self,
        in_word: bool,
        sub: &Hir,
        min: u32,
        max: Option<u32>,
        rest: &Rest<'_, '_>,
    ) -> bool {
        walk_repeat(sub, min, max, rest, |rest| self.walk(in_word, rest))
    }
}

/// Whether `class` holds ASCII word bytes of which `walked` holds, and
/// whether it holds anything but ASCII word bytes.
fn class_word_members(class: &Class, walked: impl Fn(u8) -> bool) -> (bool, bool) {
    let mut word = false;
    let mut other = false;
    let mut mark = |low: u32, high: u32| {
        for member in low..=high.min(0x7F) {
            if is_ascii_word(member as u8) {
                word |= walked(member as u8);
            } else {
                other = true;
            }
        }
        other |= high > 0x7F;
    };
    match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .for_each(|r| mark(u32::from(r.start()), u32::from(r.end()))),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .for_each(|r| mark(u32::from(r.start()), u32::from(r.end()))),
    }
    (word, other)
}

/// A walk through what a pattern reads after a first word, gathering
/// [`Follow`]'s bytes.
struct FollowWalk<'c> {
    follow: Follow,
    /// Only the ways on through this byte right after the word, if given.
    first: Option<u8>,
    classes: &'c mut ClassSummaries,
    steps: usize,
    depth: usize,
}

impl FollowWalk<'_> {
    /// Walks `rest` from the byte `at` after the word; false when the
    /// steps run out (or the walk goes too deep, as it does round a
    /// repetition that can match empty).
    fn walk(&mut self, at: usize, rest: &Rest<'_, '_>) -> bool {
        if at == FOLLOW_BYTES {
            return true;
        }
        self.steps += 1;
        if self.steps > FOLLOW_STEPS || self.depth > FIRST_WORDS_DEPTH {
            return false;
        }
        self.depth += 1;
        let walked = self.step(at, rest);
        self.depth -= 1;
        walked
    }

    /// One step of [`FollowWalk::walk`].
    fn step(&mut self, at: usize, rest: &Rest<'_, '_>) -> bool {
        let &Rest::Then(first, rest) = rest else {
            // The match may end here, before any byte that comes next.
            self.follow.allow_any_from(at);
            return true;
        };
        let node = match first {
            Item::Node(node) => node,
            Item::Sequence([]) => return self.walk(at, rest),
            Item::Sequence([part, parts @ ..]) => {
                let after = Rest::Then(Item::Sequence(parts), rest);
                return self.walk(at, &Rest::Then(Item::Node(part), &after));
            }
            Item::Repeat { sub, min, max } => return self.repeat(at, sub, min, max, rest),
        };
        match node.kind() {
            HirKind::Empty | HirKind::Look(_) => self.walk(at, rest),
            HirKind::Literal(literal) => self.bytes(at, &literal.0, rest),
            HirKind::Class(class) => self.class(at, class, rest),
            HirKind::Capture(capture) => self.walk(at, &Rest::Then(Item::Node(&capture.sub), rest)),
            HirKind::Concat(parts) => self.walk(at, &Rest::Then(Item::Sequence(parts), rest)),
            HirKind::Alternation(branches) => branches
                .iter()
                .all(|branch| self.walk(at, &Rest::Then(Item::Node(branch), rest))),
            HirKind::Repetition(repetition) => {
                self.repeat(at, &repetition.sub, repetition.min, repetition.max, rest)
            }
        }
    }

    /// Reads `bytes` from the byte `at` after the word, then walks `rest`.
    fn bytes(&mut self, at: usize, bytes: &[u8], rest: &Rest<'_, '_>) -> bool {
        let mut at = at;
        for &byte in bytes {
            if at == FOLLOW_BYTES {
                return true;
            }
            if at == 0 && self.first.is_some_and(|first| first != byte) {
                return true;
            }
            self.follow.allow(at, byte);
            at += 1;
        }
        self.walk(at, rest)
    }

    /// Reads a character of `class` from the byte `at` after the word, then
    /// walks `rest`. A character beyond ASCII is taken as its lead byte and
    /// any continuation bytes after it, as many as its length needs.
    fn class(&mut self, at: usize, class: &Class, rest: &Rest<'_, '_>) -> bool {
        let summary = self.classes.of(class);
        let mut lengths = summary.lengths;
        match self.first.filter(|_| at == 0) {
            Some(first) => {
                let in_class = summary.first_bytes[usize::from(first >> 6)] >> (first & 63) & 1;
                if in_class == 0 {
                    return true;
                }
                self.follow.allow(0, first);
                if first.is_ascii() {
                    lengths = 1 << 1;
                } else {
                    lengths &= !(1 << 1);
                }
            }
            None => {
                self.follow.allow_set(at, summary.first_bytes);
            }
        }
        let longest = 7 - lengths.leading_zeros() as usize;
        for after in (at + 1..at + longest).take_while(|&after| after < FOLLOW_BYTES) {
            // The continuation bytes of the longer members.
            self.follow.allow(after, 0x80);
        }
        (1..=4)
            .filter(|length| lengths & 1 << length != 0)
            .all(|length| self.walk((at + length).min(FOLLOW_BYTES), rest))
    }

    /// Walks `sub{min,max}` then `rest`, from the byte `at` after the word.
    fn repeat(
        &mut self,
        at: usize,
        sub: &Hir,
        min: u32,
        max: Option<u32>,
        rest: &Rest<'_, '_>,
    ) -> bool {
        walk_repeat(sub, min, max, rest, |rest| self.walk(at, rest))
    }
}

/// Whether `f` holds for the UTF-8 encoding of each character (or byte)
/// of a small class, in order and stopping at the first that fails;
/// `None` for a larger class. (The walk meets a class once per way to
/// reach it, so nothing is allocated here.)
fn all_members(class: &Class, mut f: impl FnMut(&[u8]) -> bool) -> Option<bool> {
    match class {
        Class::Unicode(class) => {
            let count: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count as usize > SMALL_CLASS {
                return None;
            }
            let mut utf8 = [0; 4];
            Some(
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .all(|c| f(c.encode_utf8(&mut utf8).as_bytes())),
            )
        }
        Class::Bytes(class) => {
            let count: usize = class
                .ranges()
                .iter()
                .map(|r| usize::from(r.end() - r.start()) + 1)
                .sum();
            if count > SMALL_CLASS {
                return None;
            }
            Some(
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .all(|b| f(&[b])),
            )
        }
    }
}

/// The lower case of the ASCII letter whose two cases are the only ASCII
/// members of `class`, as case folding makes them (`[Ss]`, or `[Ssſ]` with
/// the long s); `None` for any other class.
fn ascii_case_pair(class: &Class) -> Option<u8> {
    let mut ascii = [false; 128];
    let mut count = 0;
    let mut mark = |low: u32, high: u32| {
        for member in low..=high.min(127) {
            ascii[member as usize] = true;
            count += 1;
            if count > 2 {
                return false;
            }
        }
        true
    };
    let fits = match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .all(|r| mark(u32::from(r.start()), u32::from(r.end()))),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .all(|r| mark(u32::from(r.start()), u32::from(r.end()))),
    };
    let lower = (b'a'..=b'z').find(|&l| ascii[usize::from(l)])?;
    (fits && count == 2 && ascii[usize::from(lower.to_ascii_uppercase())]).then_some(lower)
}

/// Whether bit `at` of `bits` is set (none past the 64th).
fn has_bit(bits: u64, at: usize) -> bool {
    at < 64 && bits >> at & 1 != 0
}

/// Whether the case of `word` is one that [`Openings::words`] lists for
/// a caseless word: no capital after the first byte, or no lower-case
/// letter at all.
pub fn is_plain_case(word: &[u8]) -> bool {
    let capital_after_first = word.iter().skip(1).any(u8::is_ascii_uppercase);
    !capital_after_first || !word.iter().any(u8::is_ascii_lowercase)
}

/// Whether `class` holds ASCII digits and nothing else.
fn class_is_digits(class: &Class) -> bool {
    match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .all(|r| r.start().is_ascii_digit() && r.end().is_ascii_digit()),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .all(|r| r.start().is_ascii_digit() && r.end().is_ascii_digit()),
    }
}

/// Whether no ASCII word byte is in `class`.
fn class_has_no_ascii_word(class: &Class) -> bool {
    match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end().min('\u{7f}')).all(|c| !is_ascii_word(c as u8))),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end().min(0x7f)).all(|b| !is_ascii_word(b))),
    }
}

/// Number of distinct two-byte keys.
pub const PAIRS: usize = 1 << 16;

/// The two-byte key of position `at`: its byte and the next (0 at the end).
pub fn pair_key(haystack: &[u8], at: usize) -> usize {
    let next = haystack.get(at + 1).copied().unwrap_or(0);
    usize::from(haystack[at]) << 8 | usize::from(next)
}

/// Where a pattern's matches can open.
#[derive(Debug, Clone)]
pub struct Starts {
    /// Bit `key` is set when a match can open with the two bytes of
    /// [`pair_key`] `key` after a byte that is no ASCII word character (or
    /// at the start of the text).
    after_non_word: Vec<u64>,
    /// The same after an ASCII word character.
    after_word: Vec<u64>,
    /// The pattern opens with an ASCII word boundary on every path.
    pub word_boundary: bool,
}

/// Whether bit `key` of `bits` is set.
fn has(bits: &[u64], key: usize) -> bool {
    bits[key / 64] & (1 << (key % 64)) != 0
}

/// The branches of a pattern that is an alternation (through its groups),
/// each read on its own: one branch's `\b` then says nothing of another's.
fn branches(hir: &Hir) -> Vec<&Hir> {
    match hir.kind() {
        HirKind::Capture(capture) => branches(&capture.sub),
        HirKind::Alternation(alternatives) => alternatives.iter().flat_map(branches).collect(),
        _ => vec![hir],
    }
}

impl Starts {
    /// The openings of `hir`; `None` when it can match the empty string
    /// without reading a byte, so that no position can be ruled out.
    ///
    /// The openings of an alternation are those of its branches, each with
    /// its own word boundary: in `[$£]\d+|\b\d{4}\b` a digit opens a
    /// match only where a word starts, not inside a number.
    pub fn of(hir: &Hir) -> Option<Starts> {
        let mut starts = Starts {
            after_non_word: vec![0u64; PAIRS / 64],
            after_word: vec![0u64; PAIRS / 64],
            word_boundary: true,
        };
        for branch in branches(hir) {
            let (pairs, word_boundary) = Starts::pairs_of(branch)?;
            starts.word_boundary &= word_boundary;
            for (word, &bits) in pairs.iter().enumerate() {
                for bit in (0..64).filter(|bit| bits & (1 << bit) != 0) {
                    let key = word * 64 + bit;
                    // `\b` holds where the word-ness of the two sides differs.
                    let opens_word = is_ascii_word((key >> 8) as u8);
                    if !word_boundary || !opens_word {
                        starts.after_word[word] |= 1 << bit;
                    }
                    if !word_boundary || opens_word {
                        starts.after_non_word[word] |= 1 << bit;
                    }
                }
            }
        }
        Some(starts)
    }

    /// The pairs a match of `hir` can open with, as a bit set, and whether
    /// it opens with a word boundary.
    fn pairs_of(hir: &Hir) -> Option<(Vec<u64>, bool)> {
        let mut pairs = vec![0u64; PAIRS / 64];
        let set = |pairs: &mut Vec<u64>, key: usize| pairs[key / 64] |= 1 << (key % 64);
        let mut extractor = Extractor::new();
        extractor
            .kind(ExtractKind::Prefix)
            .limit_class(64)
            .limit_literal_len(2)
            .limit_total(4096);
        let literals = extractor.extract(hir);
        match literals.literals() {
            Some(literals) if literals.iter().all(|l| !l.as_bytes().is_empty()) => {
                for literal in literals {
                    match *literal.as_bytes() {
                        [first, second, ..] => {
                            set(&mut pairs, usize::from(first) << 8 | usize::from(second))
                        }
                        [first] => {
                            for second in 0..256 {
                                set(&mut pairs, usize::from(first) << 8 | second);
                            }
                        }
                        [] => unreachable!("empty literals were excluded"),
                    }
                }
            }
            _ => {
                let mut first = [false; 256];
                if first_bytes(hir, &mut first) {
                    return None;
                }
                for (byte, _) in first.iter().enumerate().filter(|(_, on)| **on) {
                    for second in 0..256 {
                        set(&mut pairs, byte << 8 | second);
                    }
                }
            }
        }
        Some((pairs, opens_with_word_boundary(hir)))
    }

    /// The keys a match can open with, as [`Starts::allows`] reads them.
    pub fn keys(&self) -> impl Iterator<Item = usize> + '_ {
        (0..PAIRS).filter(|&key| self.allows(key))
    }

    /// Whether a match can open with the two bytes of `key`.
    pub fn allows(&self, key: usize) -> bool {
        has(&self.after_non_word, key) || has(&self.after_word, key)
    }

    /// Whether a match can open at a position with `key` whose previous
    /// byte is (`after_word`) or is not an ASCII word character.
    pub fn allows_after(&self, key: usize, after_word: bool) -> bool {
        if after_word {
            has(&self.after_word, key)
        } else {
            has(&self.after_non_word, key)
        }
    }
}

/// Adds the bytes a match of `hir` can open with to `set`; returns whether
/// `hir` can match without consuming a byte.
fn first_bytes(hir: &Hir, set: &mut [bool; 256]) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => {
            set[usize::from(literal.0[0])] = true;
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                for byte in range.start()..=range.end() {
                    set[usize::from(byte)] = true;
                }
            }
            false
        }
        HirKind::Class(Class::Unicode(class)) => {
            // UTF-8 keeps code-point order, so the lead bytes of a range lie
            // between those of its ends.
            for range in class.ranges() {
                let mut buffer = [0u8; 4];
                let low = range.start().encode_utf8(&mut buffer).as_bytes()[0];
                let high = range.end().encode_utf8(&mut buffer).as_bytes()[0];
                for byte in low..=high {
                    set[usize::from(byte)] = true;
                }
            }
            false
        }
        HirKind::Repetition(repetition) => first_bytes(&repetition.sub, set) || repetition.min == 0,
        HirKind::Capture(capture) => first_bytes(&capture.sub, set),
        HirKind::Concat(parts) => parts.iter().all(|part| first_bytes(part, set)),
        HirKind::Alternation(branches) => {
            // Every branch adds its bytes, so no short-circuit here.
            let mut nullable = false;
            for branch in branches {
                nullable |= first_bytes(branch, set);
            }
            nullable
        }
    }
}

/// Whether every match of `hir` starts at an ASCII word boundary.
pub fn opens_with_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(Look::WordAscii | Look::WordStartAscii) => true,
        HirKind::Capture(capture) => opens_with_word_boundary(&capture.sub),
        HirKind::Concat(parts) => opens_with_word_boundary(&parts[0]),
        HirKind::Alternation(branches) => branches.iter().all(opens_with_word_boundary),
        HirKind::Repetition(repetition) => {
            repetition.min > 0 && opens_with_word_boundary(&repetition.sub)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(pattern: &str) -> Option<Starts> {
        Starts::of(&regex_syntax::parse(pattern).unwrap())
    }

    fn key(two: &[u8]) -> usize {
        usize::from(two[0]) << 8 | usize::from(two[1])
    }

    #[test]
    fn literal_openings_give_their_first_two_bytes() {
        let s = starts(r"(?-u:\b)(?:January|June|[Ll]ast) \d").unwrap();
        assert!(s.word_boundary);
        for two in [b"Ja", b"Ju", b"La", b"la"] {
            assert!(s.allows(key(two)), "{:?}", std::str::from_utf8(two));
        }
        assert!(!s.allows(key(b"Ma")));
        assert!(!s.allows_after(key(b"Ja"), true));
        assert!(s.allows_after(key(b"Ja"), false));
    }

    #[test]
    fn classes_too_wide_for_literals_give_first_bytes() {
        let s = starts(r"\p{Lu}\p{Ll}+ Party").unwrap();
        assert!(!s.word_boundary);
        assert!(s.allows(key(b"Ab")));
        assert!(s.allows(key("Ér".as_bytes())));
        assert!(!s.allows(key(b"ab")));
    }

    #[test]
    fn each_branch_keeps_its_own_word_boundary() {
        let s = starts(r"[$#]\d+|(?-u:\b)[0-9]{4}(?-u:\b)|(?-u:\b)(?:room|flight) [0-9]").unwrap();
        assert!(!s.word_boundary);
        assert!(s.allows_after(key(b"$1"), true));
        assert!(s.allows_after(key(b"$1"), false));
        assert!(s.allows_after(key(b"20"), false));
        assert!(!s.allows_after(key(b"20"), true), "inside a number");
        assert!(s.allows_after(key(b"ro"), false));
        assert!(!s.allows_after(key(b"ro"), true), "inside a word");
    }

    #[test]
    fn optional_openings_add_what_follows() {
        let s = starts(r"(?:at least )?\d+ died").unwrap();
        assert!(s.allows(key(b"at")));
        assert!(s.allows(key(b"12")));
        assert!(!s.allows(key(b"di")));
    }

    fn words(pattern: &str) -> Option<Vec<Vec<u8>>> {
        openings(pattern)
            .filter(|o| !o.digits && o.other_bytes.is_empty())
            .map(|o| o.words)
    }

    /// The openings of `pattern`, with its words sorted for comparison.
    fn openings(pattern: &str) -> Option<Openings> {
        let mut openings = first_words(&regex_syntax::parse(pattern).unwrap())?;
        openings.words.sort_unstable();
        openings.caseless_words.sort_unstable();
        Some(openings)
    }

    #[test]
    fn whole_first_words_are_listed() {
        let listed = |words: &[&str]| -> Option<Vec<Vec<u8>>> {
            Some(words.iter().map(|w| w.as_bytes().to_vec()).collect())
        };
        assert_eq!(
            words(r"(?-u:\b)(?:[Ll]ast|next) (?:week|month)"),
            listed(&["Last", "last", "next"])
        );
        assert_eq!(
            words(r"(?-u:\b)(?:attacks?|raid)(?-u:\b)"),
            listed(&["attack", "attacks", "raid"])
        );
        assert_eq!(words(r"(?:Jan\.?|June) [0-9]"), listed(&["Jan", "June"]));
        // ASCII words, as (?-u:\b) reads them: "Z" ends before "ü".
        assert_eq!(words(r"(?:Zürich|Bern) "), listed(&["Bern", "Z"]));
    }

    #[test]
    fn digit_words_and_other_openings() {
        let o = openings(r"(?-u:\b)(?:about )?(?:[0-9]+|two) days").unwrap();
        assert_eq!(o.words, vec![b"about".to_vec(), b"two".to_vec()]);
        assert!(o.digits);
        let o = openings(r"(?:[$£]|US\$) ?[0-9]").unwrap();
        assert_eq!(o.words, vec![b"US".to_vec()]);
        assert_eq!(o.other_bytes, vec![b'$', 0xC2]);
        // Case folding brings in the long s (ſ): an opening beyond ASCII.
        let o = openings(r"(?i)(?-u:\b)second(?-u:\b)").unwrap();
        assert!(o.other_bytes.contains(&0xC5), "{o:?}");
        assert_eq!(o.caseless_words, vec![b"second".to_vec()]);
    }

    #[test]
    fn words_of_many_letters_of_either_case_are_caseless() {
        let o = openings(r"(?-u:\b)(?i:ago|an)(?-u:\b)|(?-u:\b)[Tt]he [0-9]").unwrap();
        let listed = |words: &[&str]| -> Vec<Vec<u8>> {
            words.iter().map(|w| w.as_bytes().to_vec()).collect()
        };
        // Two letters of either case: every spelling.
        assert_eq!(
            o.words,
            listed(&["AGO", "AN", "Ago", "An", "The", "aN", "ago", "an", "the"])
        );
        // Three or more: the plain spellings, and the word as caseless.
        assert_eq!(o.caseless_words, listed(&["ago"]));
        // A letter of fixed case stays so in every spelling.
        let o = openings(r"(?-u:\b)X(?i:yzw)(?-u:\b)").unwrap();
        assert_eq!(o.words, listed(&["XYZW", "Xyzw"]));
        assert_eq!(o.caseless_words, listed(&["xyzw"]));
    }

    #[test]
    fn plain_cases() {
        for plain in ["ago", "Ago", "AGO", "A", "", "1st", "NATO", "X_1"] {
            assert!(is_plain_case(plain.as_bytes()), "{plain}");
        }
        for mixed in ["aGo", "McDonald", "iPhone", "agO"] {
            assert!(!is_plain_case(mixed.as_bytes()), "{mixed}");
        }
    }

    #[test]
    fn open_ended_first_words_are_not_listed() {
        // "attack" could be the start of "attacker".
        assert_eq!(words(r"(?:attack|raid)"), None);
        assert_eq!(words(r"\p{Lu}[0-9]+ died"), None);
        assert_eq!(words(r"\p{Lu}\p{Ll}+ Party"), None);
    }

    #[test]
    fn repetitions_that_match_empty_end_the_walk() {
        assert_eq!(words(r"(?:a?)*x"), None);
        assert_eq!(words(r"(?:a?){1,}b "), None);
    }

    /// What may follow `word` in the matches of `pattern`.
    fn follow_of(pattern: &str, word: &str) -> Follow {
        let openings = first_words(&regex_syntax::parse(pattern).unwrap()).unwrap();
        let at = (openings.words.iter())
            .position(|listed| listed == word.as_bytes())
            .unwrap();
        openings.follows[openings.follow_of_words[at] as usize]
    }

    /// Whether `follow` lets through what comes after the first word of
    /// `text`.
    fn lets_through(follow: &Follow, text: &str) -> bool {
        let bytes = text.as_bytes();
        follow.allows(bytes, crate::text::ascii_word_end(bytes, 0))
    }

    #[test]
    fn what_may_follow_a_first_word_is_read_off_the_pattern() {
        let pattern = r"(?-u:\b)(?:in|at) (?:the )?(?:early|late) [0-9]|(?-u:\b)in 20[0-9]{2}";
        let follow = follow_of(pattern, "in");
        for goes_on in [
            "in the past",
            "in early May",
            "in late",
            "in 2015",
            "in",
            "in ",
        ] {
            assert!(lets_through(&follow, goes_on), "{goes_on}");
        }
        for stops in ["in a way", "in Paris", "in-depth", "in 19", "in tea"] {
            assert!(!lets_through(&follow, stops), "{stops}");
        }
        assert!(!lets_through(&follow_of(pattern, "at"), "at 20"));
    }

    #[test]
    fn what_follows_a_match_that_may_end_is_anything() {
        assert_eq!(
            follow_of(r"(?-u:\b)(?:today|now)(?-u:\b)", "now"),
            Follow::ANY
        );
        // A class beyond ASCII: its character's continuation bytes, then on.
        let follow = follow_of(r"(?-u:\b)in (?:é|e)t", "in");
        assert!(lets_through(&follow, "in ét"));
        assert!(lets_through(&follow, "in et"));
        assert!(!lets_through(&follow, "in at"));
        // A repetition that can match empty ends the walk.
        let follow = follow_of(r"(?-u:\b)in (?:a?)* x", "in");
        assert!(lets_through(&follow, "in x"));
    }

    #[test]
    fn what_may_follow_any_first_word_is_told_apart_by_the_byte_after_it() {
        let hir = regex_syntax::parse(r"\p{Lu}\p{Ll}+(?: (?:Party|Front)|-based)").unwrap();
        let letters = word_follow(&hir, |byte| !byte.is_ascii_digit());
        let lets_through = |text: &str| {
            let bytes = text.as_bytes();
            letters.allows(bytes, crate::text::ascii_word_end(bytes, 0))
        };
        for goes_on in ["Labour Party", "Leeds-based", "Zoë Front", "Labour"] {
            assert!(lets_through(goes_on), "{goes_on}");
        }
        // After "-" only "b": the bytes after a space are not mixed in.
        for stops in ["Officials said", "Leeds-Party", "Labour, Party"] {
            assert!(!lets_through(stops), "{stops}");
        }
        let digits = word_follow(&hir, |byte| byte.is_ascii_digit());
        assert!(!digits.allows(b"1 Party", 1), "no match opens with a digit");
        // A match that may end inside its first word: anything follows.
        let open = regex_syntax::parse(r"\p{Lu}\p{Ll}+").unwrap();
        assert!(word_follow(&open, |_| true).allows(b"Officials said", 9));
    }

    #[test]
    fn patterns_that_match_empty_cannot_be_placed() {
        assert!(starts(r"(?:foo)?").is_none());
        assert!(starts(r"\b").is_none());
    }
}
