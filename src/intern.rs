//! Strings numbered in order of first sight, each held once: a long
//! document repeats a few thousand names and words hundreds of thousands
//! of times.
//!
//! The strings lie one after another in one buffer and are found through a
//! table of their places in it, so that a new string costs no allocation of its
//! own (a document's interners hold dozens of strings, and an allocation
//! and its free cost more than the copy).

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Strings an interner makes room for at its first: a document's interner
/// holds dozens, and growing its parts from nothing a string at a
/// time cost a fifth of its work.
const FIRST_STRINGS: usize = 64;

/// Bytes of text an interner makes room for at its first: names and
/// words run to a dozen bytes or so.
const FIRST_TEXT_BYTES: usize = 16 * FIRST_STRINGS;

/// Numbers strings in order of first sight.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// The strings, one after another, by number.
    text: String,
    /// Where the strings start and end in `text`: string `n` is
    /// `text[bounds[n]..bounds[n + 1]]` (empty before the first string).
    bounds: Vec<u32>,
    /// The strings, by hash.
    slots: HashTable<Slot>,
}

/// A string in the table: what looking it up needs, in one place. A long
/// document's interner outgrows the cache, and a lookup that went on from
/// the table to the string's hash and bounds, each in a vector of its own,
/// missed the cache at each.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The low half of its hash, compared before its text.
    hash: u32,
    /// Its number.
    number: u32,
    /// Where it starts in the text.
    start: u32,
    /// Where it ends in the text.
    end: u32,
}

impl Interner {
    /// The number of `text`, given it if new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if self.bounds.is_empty() {
            self.text.reserve(FIRST_TEXT_BYTES);
            self.bounds.reserve(FIRST_STRINGS + 1);
            self.bounds.push(0);
            self.slots.reserve(FIRST_STRINGS, |_| 0);
        }
        let hash = FxBuildHasher.hash_one(text);
        let Interner {
            text: held,
            bounds,
            slots,
        } = self;
        let same = |slot: &Slot| {
            slot.hash == hash as u32
                && held.get(slot.start as usize..slot.end as usize) == Some(text)
        };
        if let Some(slot) = slots.find(hash, same) {
            return slot.number;
        }
        let number = u32::try_from(bounds.len() - 1).expect("fewer than 2^32 strings");
        let start = bounds[bounds.len() - 1];
        held.push_str(text);
        let end = u32::try_from(held.len()).expect("interned text under 4 GB");
        bounds.push(end);
        let slot = Slot {
            hash: hash as u32,
            number,
            start,
            end,
        };
        // Growing the table hashes the strings again: they are short, and
        // the table grows a few times, while every lookup reads the slots.
        slots.insert_unique(hash, slot, |slot| {
            FxBuildHasher.hash_one(&held[slot.start as usize..slot.end as usize])
        });
        number
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

    /// Empties it for the next document's strings, keeping its room
    /// unless that exceeds `bytes` (a long document's), when it is let go:
    /// a fresh interner's first string costs three allocations.
    pub fn clear_within(&mut self, bytes: usize) {
        let room = self.text.capacity()
            + self.bounds.capacity() * std::mem::size_of::<u32>()
            + self.slots.capacity() * std::mem::size_of::<Slot>();
        if room > bytes {
            *self = Interner::default();
        } else {
            self.text.clear();
            self.bounds.clear();
            self.slots.clear();
        }
    }
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

        /// An interner emptied (its room kept or not) numbers strings as
        /// a fresh one does.
        #[test]
        fn cleared_numbers_as_fresh(
            before in proptest::collection::vec("[a-c]{0,3}|\\PC{0,4}", 0..200),
            after in proptest::collection::vec("[a-c]{0,3}|\\PC{0,4}", 0..200),
            bytes in proptest::sample::select(vec![0usize, 1 << 10, usize::MAX]),
        ) {
            let mut reused = Interner::default();
            for text in &before {
                reused.intern(text);
            }
            reused.clear_within(bytes);
            proptest::prop_assert!(reused.is_empty());
            let mut fresh = Interner::default();
            for text in &after {
                proptest::prop_assert_eq!(reused.intern(text), fresh.intern(text));
            }
            for number in 0..fresh.len() {
                let number = u32::try_from(number).unwrap();
                proptest::prop_assert_eq!(reused.get(number), fresh.get(number));
            }
        }
    }
}
