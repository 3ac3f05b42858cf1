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
//! words, which are rare, go to an ordinary map.

use rustc_hash::FxHashMap;

/// Longest word stored in a slot.
const INLINE_BYTES: usize = 16;

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
            match pack(word) {
                _ if word.is_empty() => empty = Some(value),
                Some(key) => packed.push((key, value)),
                None => {
                    long.insert(word.into(), value);
                }
            }
        }
        let capacity = (2 * packed.len()).next_power_of_two().max(16);
        let mut table = WordTable {
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
            let at = table.position(key);
            table.slots[at] = Slot { key, value };
        }
        table
    }

    /// The value of `word`.
    #[inline]
    pub fn get(&self, word: &[u8]) -> Option<V> {
        if word.is_empty() {
            return self.empty;
        }
        match pack(word) {
            Some(key) => {
                let slot = &self.slots[self.position(key)];
                (slot.key == key).then_some(slot.value)
            }
            None => self.long.get(word).copied(),
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline]
    fn position(&self, key: Packed) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = hash(key) & mask;
        loop {
            let slot = self.slots[at].key;
            if slot == key || slot == 0 {
                return at;
            }
            at = (at + 1) & mask;
        }
    }
}

/// `word` as a [`Packed`] key, if it is short enough.
#[inline]
fn pack(word: &[u8]) -> Option<Packed> {
    if word.len() > INLINE_BYTES {
        return None;
    }
    let mut bytes = [0u8; INLINE_BYTES];
    bytes[..word.len()].copy_from_slice(word);
    Some(Packed::from_le_bytes(bytes))
}

/// Spreads a key over the slots: the multiplications mix every byte of the
/// word into the high bits, which are taken.
#[inline]
fn hash(key: Packed) -> usize {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let low = key as u64;
    let high = (key >> 64) as u64;
    let mixed = (low.wrapping_mul(K) ^ high).wrapping_mul(K);
    // Rotated so that the taken low bits come from the well-mixed top.
    mixed.rotate_left(26) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

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
