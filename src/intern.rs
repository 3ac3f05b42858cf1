//! Strings numbered in order of first sight, each held once: a long
//! document repeats a few thousand names and words hundreds of thousands
//! of times.
//!
//! The strings lie one after another in one buffer and are found through a
//! table of their numbers, so that a new string costs no allocation of its
//! own (a document's interners hold dozens of strings, and an allocation
//! and its free cost more than the copy).

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Slots of an interner's table at its first: a document's interner holds
/// dozens of strings, and the table is kept at most half full.
const FIRST_SLOTS: usize = 64;

/// Numbers strings in order of first sight.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// The strings, one after another, by number.
    text: String,
    /// Where the strings start and end in `text`: string `n` is
    /// `text[bounds[n]..bounds[n + 1]]` (empty before the first string).
    bounds: Vec<u32>,
    /// Each string's hash, by number: a slot is compared by its hash
    /// before its text, and the table grows without hashing again.
    hashes: Vec<u64>,
    /// Open addressing with linear probing: in each slot, one more than
    /// the number of a string whose hash leads there, or 0 when free. Its
    /// length is a power of two, and at most half the slots are taken.
    slots: Vec<u32>,
}

impl Interner {
    /// The number of `text`, given it if new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if self.slots.is_empty() {
            self.slots = vec![0; FIRST_SLOTS];
            self.bounds.push(0);
        }
        let hash = FxBuildHasher.hash_one(text);
        let slot = match self.find(text, hash) {
            Ok(number) => return number,
            Err(free) => free,
        };
        let number = u32::try_from(self.len()).expect("fewer than 2^32 strings");
        self.text.push_str(text);
        self.bounds
            .push(u32::try_from(self.text.len()).expect("interned text under 4 GB"));
        self.hashes.push(hash);
        self.slots[slot] = number + 1;
        if 2 * self.len() > self.slots.len() {
            self.grow();
        }
        number
    }

    /// The number of `text` (whose hash is `hash`) if it is held, or else
    /// the free slot where it would go.
    fn find(&self, text: &str, hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = slot_of(hash, mask);
        loop {
            let Some(number) = self.slots[slot].checked_sub(1) else {
                return Err(slot);
            };
            if self.hashes[number as usize] == hash && self.get(number) == text {
                return Ok(number);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Doubles the table, placing each string by its hash again.
    fn grow(&mut self) {
        let mask = 2 * self.slots.len() - 1;
        let mut slots = vec![0; mask + 1];
        for (number, &hash) in (1..).zip(&self.hashes) {
            let mut slot = slot_of(hash, mask);
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = number;
        }
        self.slots = slots;
    }

    /// The string numbered `number`.
    ///
    /// # Panics
    /// If no string was given that number.
    #[inline]
    pub fn get(&self, number: u32) -> &str {
        let number = number as usize;
        &self.text[self.bounds[number] as usize..self.bounds[number + 1] as usize]
    }

    /// How many strings it holds.
    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// Whether it holds no string.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The first slot to try for a string hashed to `hash`, in a table of
/// `mask + 1` slots.
fn slot_of(hash: u64, mask: usize) -> usize {
    // Truncation keeps the low bits, which are all the mask keeps.
    hash as usize & mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn interners_cross_threads() {
        fn send_and_share<T: Send + Sync>() {}
        send_and_share::<Interner>();
        send_and_share::<crate::analysis::Analysis<'static>>();
    }

    #[test]
    fn numbers_follow_first_sight_and_repeat() {
        let mut words = Interner::default();
        assert_eq!(words.intern("attack"), 0);
        assert_eq!(words.intern("flood"), 1);
        assert_eq!(words.intern("attack"), 0);
        assert_eq!(words.intern(""), 2);
        assert_eq!(words.get(1), "flood");
        assert_eq!(words.get(2), "");
        assert_eq!(words.len(), 3);
    }

    proptest::proptest! {
        /// Numbers as a map from each string to its first sight gives
        /// them, through growth of the table (up to hundreds of strings).
        #[test]
        fn numbers_are_those_of_a_map(
            texts in proptest::collection::vec("[a-c]{0,3}|\\PC{0,4}", 0..400),
        ) {
            let mut interner = Interner::default();
            let mut map: HashMap<&str, u32> = HashMap::new();
            for text in &texts {
                let next = u32::try_from(map.len()).unwrap();
                let expected = *map.entry(text.as_str()).or_insert(next);
                proptest::prop_assert_eq!(interner.intern(text), expected);
            }
            proptest::prop_assert_eq!(interner.len(), map.len());
            for (text, &number) in &map {
                proptest::prop_assert_eq!(interner.get(number), *text);
            }
        }
    }
}
