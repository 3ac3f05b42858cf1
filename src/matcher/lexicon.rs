//! Gazetteer lookup by first word, as spaCy's phrase matcher does by token:
//! at a word start the word is hashed once, and only the forms that open
//! with that word are compared with the text, longest first.
//!
//! An automaton of tens of thousands of names walks a large, cold state
//! table byte by byte; a hash of the word costs one probe of a table that
//! stays in cache.

use crate::text::is_word_char;
use rustc_hash::FxHashMap;

/// Gazetteer forms indexed by their first word.
#[derive(Debug)]
pub struct Lexicon {
    /// The forms, as matched (folded).
    forms: Vec<Box<str>>,
    /// First word → indices of the forms opening with it, longest first.
    by_first_word: FxHashMap<Box<[u8]>, Vec<u32>>,
    /// Whether some form opens with this byte: most words are passed over
    /// without hashing them.
    first_bytes: Vec<bool>,
}

impl Lexicon {
    /// Indexes `forms` (folded surface strings; the index of a form is its
    /// position here).
    pub fn new(forms: Vec<String>) -> Lexicon {
        let mut by_first_word: FxHashMap<Box<[u8]>, Vec<u32>> = FxHashMap::default();
        for (index, form) in forms.iter().enumerate() {
            let first = &form.as_bytes()[..word_end(form, 0)];
            let index = u32::try_from(index).expect("fewer than 2^32 gazetteer forms");
            by_first_word.entry(first.into()).or_default().push(index);
        }
        let mut first_bytes = vec![false; 256];
        for form in &forms {
            if let Some(&byte) = form.as_bytes().first() {
                first_bytes[usize::from(byte)] = true;
            }
        }
        let forms: Vec<Box<str>> = forms.into_iter().map(String::into_boxed_str).collect();
        for indices in by_first_word.values_mut() {
            indices.sort_by_key(|&i| std::cmp::Reverse(forms[i as usize].len()));
        }
        Lexicon {
            forms,
            by_first_word,
            first_bytes,
        }
    }

    /// The longest form at `text[at..]` that ends a word: `(index, end)`.
    /// `at` must be a character boundary.
    pub fn longest_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let &byte = text.as_bytes().get(at)?;
        if !self.first_bytes[usize::from(byte)] {
            return None;
        }
        let first = &text.as_bytes()[at..word_end(text, at)];
        let candidates = self.by_first_word.get(first)?;
        let rest = &text[at..];
        candidates.iter().find_map(|&index| {
            let form = &self.forms[index as usize];
            let end = at + form.len();
            (rest.starts_with(&**form) && !text[end..].starts_with(is_word_char))
                .then_some((index as usize, end))
        })
    }
}

/// The end of the run of word characters starting at `at`.
pub fn word_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        let byte = bytes[end];
        if byte.is_ascii() {
            if !(byte.is_ascii_alphanumeric() || byte == b'_') {
                break;
            }
            end += 1;
        } else {
            match text[end..].chars().next() {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new(
            [
                "New York",
                "New York City",
                "York",
                "São Paulo",
                "'Ndrangheta",
                "U.S.",
            ]
            .map(String::from)
            .to_vec(),
        )
    }

    #[test]
    fn longest_whole_word_form_wins() {
        let l = lexicon();
        let text = "to New York City and New Yorkers";
        assert_eq!(l.longest_at(text, 3), Some((1, 16)));
        // "New York" inside "New Yorkers" is no whole word.
        assert_eq!(l.longest_at(text, 21), None);
    }

    #[test]
    fn words_with_letters_beyond_ascii_and_punctuation() {
        let l = lexicon();
        let text = "São Paulo, the U.S. and 'Ndrangheta»";
        assert_eq!(l.longest_at(text, 0), Some((3, "São Paulo".len())));
        let us = text.find("U.S.").unwrap();
        assert_eq!(l.longest_at(text, us), Some((5, us + 4)));
        let nd = text.find('\'').unwrap();
        assert_eq!(l.longest_at(text, nd), Some((4, nd + "'Ndrangheta".len())));
    }

    #[test]
    fn word_ends_stop_at_punctuation() {
        assert_eq!(word_end("Zürich»", 0), "Zürich".len());
        assert_eq!(word_end("al-Qaida", 0), 2);
        assert_eq!(word_end(" x", 0), 0);
    }
}
