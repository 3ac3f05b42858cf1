//! A table from words to small values, for the lookups the matcher makes at
//! nearly every word of the text.
//!
//! Tens of thousands of first words (names from `{LIST:...}`, gazetteer
//! forms) do not fit in the closest caches, so a lookup costs what it
//! touches. A general hash map of boxed byte strings touches its control
//! bytes, its bucket and the key's own allocation, and compares the key
//! with `memcmp`; here a word of up to [`INLINE_BYTES`] bytes is packed
//! into one integer stored in the slot beside its value, so that a lookup
//! reads one slot (rarely its neighbours) and compares integers. Longer
//! words, which are rare, go to an ordinary map. Most words of a text are
//! in no table, and the slots of rare words are not cached: a bit set a
//! few times smaller than the slots, which stays in cache, turns most of
//! them away before their slot is read.

use rustc_hash::FxHashMap;
use std::ops::Range;

/// Longest word stored in a slot.
const INLINE_BYTES: usize = 16;

/// Size of the filter: with the table at most half full, an absent word
/// passes it about one time in nine.
const FILTER_BITS_PER_SLOT: usize = 4;

/// A word packed into an integer: its bytes, zero padded. Words hold no
/// zero byte, so the padding tells where a word ends and two words of up
/// to [`INLINE_BYTES`] bytes never share a key; 0 is no word (the empty
/// word is kept apart).
type Packed = u128;

/// Words (non-empty, without a zero byte) mapped to values.
#[derive(Debug, Clone)]
pub struct WordTable<V> {
    /// Open addressing with linear probing; a power of two long, at most
    /// half full, so that a search for an absent word ends soon.
    slots: Box<[Slot<V>]>,
    /// Bit `h` is set when some packed word has filter hash `h`
    /// ([`FILTER_BITS_PER_SLOT`] bits a slot).
    filter: Box<[u64]>,
    /// How far a hash is shifted right to give its slot: the slots are
    /// `2^(64 - slot_shift)`, and the shift is kept rather than found from
    /// the length at every lookup.
    slot_shift: u32,
    /// The same for its bit of the filter.
    filter_shift: u32,
    /// The value of the empty word.
    empty: Option<V>,
    /// Words too long to pack.
    long: FxHashMap<Box<[u8]>, V>,
}

#[derive(Debug, Clone, Copy)]
struct Slot<V> {
    key: Packed,
    value: V,
}

impl<V: Copy + Default> WordTable<V> {
    /// The table of `entries`; a word listed twice keeps its last value.
    pub fn new<'w>(entries: impl IntoIterator<Item = (&'w [u8], V)>) -> WordTable<V> {
        let mut packed = Vec::new();
        let mut empty = None;
        let mut long = FxHashMap::default();
        for (word, value) in entries {
            debug_assert!(!word.contains(&0), "words hold no zero byte");
            match pack_in(word, 0..word.len()) {
                _ if word.is_empty() => empty = Some(value),
                Some(key) => packed.push((key, value)),
                None => {
                    long.insert(word.into(), value);
                }
            }
        }
        let capacity = (2 * packed.len()).next_power_of_two().max(16);
        let filter_bits = capacity * FILTER_BITS_PER_SLOT;
        let mut table = WordTable {
            slot_shift: 64 - capacity.trailing_zeros(),
            filter_shift: 64 - filter_bits.trailing_zeros(),
            filter: vec![0; filter_bits / 64].into_boxed_slice(),
            slots: vec![
                Slot {
                    key: 0,
                    value: V::default()
                };
                capacity
            ]
            .into_boxed_slice(),
            empty,
            long,
        };
        for (key, value) in packed {
            let hash = hash(key);
            let at = table.position(key, hash);
            table.slots[at] = Slot { key, value };
            let bit = table.filter_bit(hash);
            table.filter[bit / 64] |= 1 << (bit % 64);
        }
        table
    }

    /// The value of `word`.
    pub fn get(&self, word: &[u8]) -> Option<V> {
        self.get_in(word, 0..word.len())
    }

    /// The value of the word `text[range]`. (The text around the word lets
    /// a short word be packed with one load.)
    #[inline]
    pub fn get_in(&self, text: &[u8], range: Range<usize>) -> Option<V> {
        if range.is_empty() {
            return self.empty;
        }
        match pack_in(text, range.clone()) {
            Some(key) => {
                let hash = hash(key);
                let bit = self.filter_bit(hash);
                if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
                    return None;
                }
                let slot = &self.slots[self.position(key, hash)];
                (slot.key == key).then_some(slot.value)
            }
            None => self.long.get(&text[range]).copied(),
        }
    }

    /// The bit of the filter for a word of hash `hash`: the top bits of the
    /// hash, as many as the filter needs.
    #[inline]
    fn filter_bit(&self, hash: u64) -> usize {
        (hash >> self.filter_shift) as usize
    }

    /// The slot holding `key` (of hash `hash`), or the empty slot where it
    /// would go.
    #[inline]
    fn position(&self, key: Packed, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = (hash >> self.slot_shift) as usize;
        loop {
            let slot = self.slots[at].key;
            if slot == key || slot == 0 {
                return at;
            }
            at = (at + 1) & mask;
        }
    }
}

/// Whether the ASCII word `text[range]` (of ASCII word bytes only) may
/// hold both a lower-case letter and a capital after its first byte: never
/// false where it does, and true for few words that do not (words with
/// `_`, words too long to pack). Tested on the packed word, as a pass over
/// its bytes costs more at every word looked up.
#[inline]
pub fn may_mix_case(text: &[u8], range: Range<usize>) -> bool {
    // Of the ASCII word bytes, letters have bit 0x40 (as has `_`); lower
    // case ones bit 0x20 too.
    const LETTER: Packed = Packed::from_le_bytes([0x40; INLINE_BYTES]);
    let Some(key) = pack_in(text, range) else {
        return true;
    };
    let letters = key & LETTER;
    let lower = letters & (key << 1);
    let capitals_after_first = letters & !(key << 1) & !0xFF;
    lower != 0 && capitals_after_first != 0
}

/// By length, the mask of a packed word's bytes: a load, where a shift of
/// a 128-bit integer by a variable amount takes a dozen instructions.
const WORD_MASKS: [Packed; INLINE_BYTES + 1] = {
    let mut masks = [0; INLINE_BYTES + 1];
    let mut len = 1;
    while len <= INLINE_BYTES {
        masks[len] = Packed::MAX >> (8 * (INLINE_BYTES - len));
        len += 1;
    }
    masks
};

/// The word `text[range]` as a [`Packed`] key, if it is short enough.
#[inline]
fn pack_in(text: &[u8], range: Range<usize>) -> Option<Packed> {
    let len = range.len();
    if len > INLINE_BYTES {
        return None;
    }
    // One load of the sixteen bytes from the word's start, where the text
    // has them, with the bytes past the word masked off.
    if let Some(&bytes) = text
        .get(range.start..)
        .and_then(|rest| rest.first_chunk::<INLINE_BYTES>())
    {
        return Some(Packed::from_le_bytes(bytes) & WORD_MASKS[len]);
    }
    let mut bytes = [0u8; INLINE_BYTES];
    bytes[..len].copy_from_slice(&text[range]);
    Some(Packed::from_le_bytes(bytes))
}

/// Mixes every byte of the word into the top bits of the result, which
/// choose its slot and its bit of the filter.
#[inline]
fn hash(key: Packed) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let low = key as u64;
    let high = (key >> 64) as u64;
    (low.wrapping_mul(K) ^ high).wrapping_mul(K)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_that_mix_case_are_never_missed(word in "[A-Za-z0-9_]{0,20}") {
            let bytes = word.as_bytes();
            let capital_after_first = bytes.iter().skip(1).any(u8::is_ascii_uppercase);
            let mixed = capital_after_first && bytes.iter().any(u8::is_ascii_lowercase);
            proptest::prop_assert!(!mixed || may_mix_case(bytes, 0..bytes.len()));
            // Only `_` or length makes it wrong the other way.
            if bytes.len() <= INLINE_BYTES && !bytes.contains(&b'_') {
                proptest::prop_assert_eq!(mixed, may_mix_case(bytes, 0..bytes.len()));
            }
        }
    }

    #[test]
    fn words_short_long_and_empty_are_found() {
        let long = "Internationalisation-of-things";
        let words: Vec<&[u8]> = vec![
            b"the",
            b"The",
            b"thee",
            b"",
            long.as_bytes(),
            "São".as_bytes(),
            b"0123456789abcdef",
        ];
        let table = WordTable::new(words.iter().enumerate().map(|(i, w)| (*w, i as u32)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(
                table.get(w),
                Some(i as u32),
                "{:?}",
                String::from_utf8_lossy(w)
            );
        }
        for absent in [&b"th"[..], b"them", b"0123456789abcdef0", b"Sao", b"x"] {
            assert_eq!(table.get(absent), None);
        }
    }

    #[test]
    fn words_inside_a_text_are_read_up_to_their_end() {
        let table = WordTable::new([(&b"the"[..], 1u32), (b"cat", 2), (b"concatenations", 3)]);
        let text = b"the cat sat on concatenations";
        assert_eq!(table.get_in(text, 0..3), Some(1));
        assert_eq!(table.get_in(text, 4..7), Some(2));
        assert_eq!(table.get_in(text, 4..6), None);
        assert_eq!(table.get_in(text, 8..11), None);
        // Near the end the text has fewer than sixteen bytes left.
        assert_eq!(table.get_in(text, 15..29), Some(3));
        assert_eq!(table.get_in(text, 18..21), Some(2));
    }

    #[test]
    fn many_words_all_found() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        let table = WordTable::new(words.iter().map(|w| w.as_bytes()).zip(0u32..));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w.as_bytes()), Some(i as u32));
        }
        assert_eq!(table.get(b"w20000"), None);
        assert_eq!(WordTable::<u32>::new([]).get(b"a"), None);
    }
}
