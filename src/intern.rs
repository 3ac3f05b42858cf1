//! Strings numbered in order of first sight, each held once: a long
//! document repeats a few thousand names and words hundreds of thousands
//! of times.

use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Strings an interner makes room for at its first.
const FIRST_ROOM: usize = 32;

/// Numbers strings in order of first sight.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// The strings by number; the map shares them, so that a new string
    /// costs one allocation, not two (an `Arc`, so that what holds an
    /// interner can still cross threads).
    strings: Vec<Arc<str>>,
    numbers: FxHashMap<Arc<str>, u32>,
}

impl Interner {
    /// The number of `text`, given it if new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if let Some(&number) = self.numbers.get(text) {
            return number;
        }
        let number = u32::try_from(self.strings.len()).expect("fewer than 2^32 strings");
        if self.strings.is_empty() {
            // A document's interner holds dozens of strings: room for them
            // at once, rather than growing (and rehashing) five times.
            self.strings.reserve(FIRST_ROOM);
            self.numbers.reserve(FIRST_ROOM);
        }
        let shared: Arc<str> = Arc::from(text);
        self.numbers.insert(Arc::clone(&shared), number);
        self.strings.push(shared);
        number
    }

    /// The string numbered `number`.
    ///
    /// # Panics
    /// If no string was given that number.
    pub fn get(&self, number: u32) -> &str {
        &self.strings[number as usize]
    }

    /// The string numbered `number`, shared: a copy of it costs no
    /// allocation.
    ///
    /// # Panics
    /// If no string was given that number.
    pub fn shared(&self, number: u32) -> &Arc<str> {
        &self.strings[number as usize]
    }

    /// The strings, by number.
    pub fn into_strings(self) -> Vec<Box<str>> {
        self.strings.iter().map(|s| Box::from(&**s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(words.get(1), "flood");
        assert_eq!(&**words.shared(0), "attack");
        assert_eq!(words.into_strings(), vec!["attack".into(), "flood".into()]);
    }
}
