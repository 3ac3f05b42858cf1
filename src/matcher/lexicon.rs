//! Gazetteer lookup by first word, as spaCy's phrase matcher does by token:
//! at a word start the word is hashed once, and only the forms that open
//! with that word are compared with the text, longest first.
//!
//! An automaton of tens of thousands of names walks a large, cold state
//! table byte by byte; a hash of the word costs one probe of a table that
//! stays in cache.

use super::words::WordTable;
use crate::text::{form_end_at, word_end};
use std::ops::Range;

/// Gazetteer forms indexed by their first word, each with a value of type
/// `T` (what the form stands for; by default its index).
#[derive(Debug)]
pub struct Lexicon<T = usize> {
    /// The forms, as matched (folded), one after another in the order of
    /// `listed`: the forms compared at a word lie together, not each in an
    /// allocation of its own that a comparison must first find.
    text: String,
    /// The forms, those opening with the same word together, longest
    /// first.
    listed: Vec<ListedForm<T>>,
    /// First word → where its forms are in `listed`.
    by_first_word: WordTable<FormList>,
    /// Whether some form opens with this byte: most words are passed over
    /// without looking them up.
    first_bytes: Vec<bool>,
}

/// A form of the lexicon: where it is in [`Lexicon::text`], and its value,
/// kept here rather than in a table of its own: the entry of the form found
/// has just been read, while a table by form would be read at a line the
/// lookup has not touched (a cache miss for most hits).
#[derive(Debug, Clone, Copy)]
struct ListedForm<T> {
    start: u32,
    end: u32,
    /// The form's byte two after its first word (the first letter of its
    /// second word, after a space), where most forms of a list differ:
    /// compared here, the form's text (a line of its own) is read only for
    /// the forms that agree there.
    probe: Option<u8>,
    value: T,
}

impl<T> ListedForm<T> {
    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The forms opening with one word: a stretch of [`Lexicon::listed`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormList {
    start: u32,
    end: u32,
}

impl FormList {
    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether no form is listed.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl Lexicon {
    /// Indexes `forms` (folded surface strings; the value of a form is its
    /// position here).
    pub fn new(forms: Vec<String>) -> Lexicon {
        Lexicon::with_values(forms.into_iter().enumerate().map(|(i, f)| (f, i)).collect())
    }
}

impl<T: Copy> Lexicon<T> {
    /// Indexes `forms`: folded surface strings, each with its value.
    pub fn with_values(forms: Vec<(String, T)>) -> Lexicon<T> {
        let (forms, values): (Vec<String>, Vec<T>) = forms.into_iter().unzip();
        let count = u32::try_from(forms.len()).expect("fewer than 2^32 gazetteer forms");
        let first_words: Vec<&[u8]> = forms.iter().map(|form| first_word(form)).collect();
        let mut listed: Vec<u32> = (0..count).collect();
        // Grouped by first word, longest first; the sort is stable, so equal
        // lengths keep the order of the forms.
        listed.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (first_words[a].cmp(first_words[b])).then(forms[b].len().cmp(&forms[a].len()))
        });
        let mut lists = Vec::new();
        let mut start = 0;
        for (at, &index) in listed.iter().enumerate() {
            let word = first_words[index as usize];
            let next = listed.get(at + 1).map(|&i| first_words[i as usize]);
            if next != Some(word) {
                let end = at as u32 + 1;
                lists.push((word, FormList { start, end }));
                start = end;
            }
        }
        let by_first_word = WordTable::new(lists);
        let mut first_bytes = vec![false; 256];
        for form in &forms {
            if let Some(&byte) = form.as_bytes().first() {
                first_bytes[usize::from(byte)] = true;
            }
        }
        let mut text = String::new();
        let listed = listed
            .into_iter()
            .map(|index| {
                let index = index as usize;
                let start = text.len();
                let form = &forms[index];
                text.push_str(form);
                let offset = |at: usize| u32::try_from(at).expect("gazetteer forms under 4 GB");
                ListedForm {
                    start: offset(start),
                    end: offset(text.len()),
                    probe: form.as_bytes().get(first_words[index].len() + 1).copied(),
                    value: values[index],
                }
            })
            .collect();
        Lexicon {
            text,
            listed,
            by_first_word,
            first_bytes,
        }
    }

    /// The longest form at `text[at..]` that ends a word: `(value, end)`.
    /// `at` must be a character boundary.
    pub fn longest_at(&self, text: &str, at: usize) -> Option<(T, usize)> {
        let &byte = text.as_bytes().get(at)?;
        if !self.first_bytes[usize::from(byte)] {
            return None;
        }
        let first_end = word_end(text, at);
        let list = self.forms_opening_with(text.as_bytes(), at..first_end)?;
        self.longest_in(list, text, at, first_end)
    }

    /// How many forms are listed.
    pub(super) fn form_count(&self) -> usize {
        self.listed.len()
    }

    /// Whether some form opens with `byte`.
    pub(super) fn may_open_with(&self, byte: u8) -> bool {
        self.first_bytes[usize::from(byte)]
    }

    /// The forms whose first word is `text[word]`.
    pub(super) fn forms_opening_with(&self, text: &[u8], word: Range<usize>) -> Option<FormList> {
        self.by_first_word.get_in(text, word)
    }

    /// Each first word with its forms.
    pub(super) fn first_words(&self) -> impl Iterator<Item = (&[u8], FormList)> + '_ {
        let mut start = 0;
        std::iter::from_fn(move || {
            let &first = self.listed.get(start)?;
            let word = first_word(&self.text[first.range()]);
            let list = self.by_first_word.get(word)?;
            start = list.end as usize;
            Some((word, list))
        })
    }

    /// The longest form of `list` at `text[at..]` that ends a word, where
    /// the first word of the text, `text[at..first_end]`, is the first word
    /// of the forms of `list`: `(value, end)`.
    pub(super) fn longest_in(
        &self,
        list: FormList,
        text: &str,
        at: usize,
        first_end: usize,
    ) -> Option<(T, usize)> {
        let first_len = first_end - at;
        let probe = text.as_bytes().get(first_end + 1).copied();
        self.listed[list.range()].iter().find_map(|&form| {
            if form.probe.is_some_and(|byte| Some(byte) != probe) {
                return None;
            }
            let bytes = &self.text.as_bytes()[form.range()];
            form_end_at(text, at, first_len, bytes).map(|end| (form.value, end))
        })
    }
}

/// The first word of a form (empty when it opens with no word character).
fn first_word(form: &str) -> &[u8] {
    &form.as_bytes()[..word_end(form, 0)]
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
    fn forms_told_apart_by_their_second_word() {
        let l = Lexicon::new(
            ["New York", "New Delhi", "New Yo", "New Y", "New.", "New"]
                .map(String::from)
                .to_vec(),
        );
        assert_eq!(l.longest_at("New Delhi.", 0), Some((1, 9)));
        assert_eq!(l.longest_at("New Yo", 0), Some((2, 6)));
        assert_eq!(l.longest_at("New Y", 0), Some((3, 5)));
        assert_eq!(l.longest_at("New. York", 0), Some((4, 4)));
        // The text ends before a second word could open.
        assert_eq!(l.longest_at("New ", 0), Some((5, 3)));
        assert_eq!(l.longest_at("New Yorkers", 0), Some((5, 3)));
    }
}
