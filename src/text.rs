//! Small text helpers shared by the stages: word edges, folding, and
//! byte tests a chunk at a time.

/// Folds the typographic variants news text uses for dashes and apostrophes
/// to their ASCII forms, so that `al–Qaida` and `Britain’s` match rules and
/// gazetteers written with `-` and `'`.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
        other => other,
    }
}

/// Whether the text has a character [`fold_char`] would change.
pub fn needs_folding(text: &str) -> bool {
    next_foldable(text, 0).is_some()
}

/// The first bytes of the UTF-8 encodings of the characters [`fold_char`]
/// changes (U+00A0, U+02BC, U+20xx and U+22xx): finding one of these bytes
/// is cheaper than decoding every character.
const FOLDABLE_LEADS: [u8; 3] = [0xC2, 0xCA, 0xE2];

/// The first character at or after byte `from` (a character boundary) that
/// [`fold_char`] changes, with its offset. Its lead bytes are found by
/// `memchr3`: news text is long runs of ASCII, which folds to itself.
pub fn next_foldable(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let [first, second, third] = FOLDABLE_LEADS;
    let mut at = from;
    loop {
        let offset = at + memchr::memchr3(first, second, third, &bytes[at..])?;
        // Lead bytes always open a character.
        let c = text[offset..].chars().next()?;
        if fold_char(c) != c {
            return Some((offset, c));
        }
        at = offset + c.len_utf8();
    }
}

/// The end of the run of word characters of `text` starting at `at`.
pub fn word_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        end = ascii_word_end(bytes, end);
        match bytes.get(end) {
            Some(byte) if !byte.is_ascii() => match text[end..].chars().next() {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    end
}

/// The end of the run of ASCII word bytes (what `(?-u:\b)` sees as a word)
/// starting at `at`.
///
/// A loop of one index: the matcher's pass steps over every word of the
/// text with this, and a search by iterator (`position`) keeps two
/// counters a byte.
#[inline]
pub fn ascii_word_end(bytes: &[u8], at: usize) -> usize {
    debug_assert!(at <= bytes.len());
    let mut end = at;
    while end < bytes.len() && ASCII_WORD[usize::from(bytes[end])] {
        end += 1;
    }
    end
}

/// [`is_ascii_word`] of each byte (no byte beyond ASCII is one): one load
/// instead of three comparisons, for the passes over the text.
pub const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_ascii_word(byte as u8);
        byte += 1;
    }
    table
};

/// Where `form` ends if it stands at `at` in `text` as whole words, given
/// that its first word is the text's word there, `first_len` bytes long:
/// a form of one word is that word, which ends there; a longer one must
/// match what follows and end a word itself.
// Always: called for each form compared at a word, and left a call of its
// own when the pass over the text grows.
#[inline(always)]
pub fn form_end_at(text: &str, at: usize, first_len: usize, form: &[u8]) -> Option<usize> {
    let end = at + form.len();
    let fits = form.len() == first_len
        || (text.as_bytes()[at..]
            .get(first_len..form.len())
            .is_some_and(|after| same_after_first_word(after, &form[first_len..]))
            && !text[end..].starts_with(is_word_char));
    fits.then_some(end)
}

/// Whether the text after a form's first word, `text`, is the rest of the
/// form, `form` (as long). Most forms of a list differ from the text in
/// the first letter of their second word: comparing it first passes them
/// over without a call to compare the whole.
fn same_after_first_word(text: &[u8], form: &[u8]) -> bool {
    text.get(1) == form.get(1) && text == form
}

/// Whether `c` continues a word (so a match next to it is not a whole word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `byte` is an ASCII word character, as `(?-u:\b)` sees it and as
/// [`is_word_char`] reads the ASCII characters.
pub const fn is_ascii_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Whether a word character opens at `at` (a character boundary). Most
/// bytes are ASCII, whose word characters need no decoding.
pub fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => is_ascii_word(byte),
        _ => text[at..].chars().next().is_some_and(is_word_char),
    }
}

/// Whether no word character comes right before `at` (a character
/// boundary), so that a word can open there.
pub fn no_word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => true,
        Some(&byte) if byte.is_ascii() => !is_ascii_word(byte),
        // A letter such as "é" before the position.
        Some(_) => !text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether `text[start..end]` is a whole word: no word character touches it
/// on either side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// `text` lower-cased into `out` (cleared first): what
/// [`str::to_lowercase`] gives, without a new string for each word. ASCII
/// is lowered in place; other text goes through `to_lowercase`, whose
/// rules (a final sigma) depend on the word around each letter.
pub fn lowercase_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// Lower-case ASCII slug of a name for entity ids: `Abu Muhammad al-Adnani`
/// becomes `abu-muhammad-al-adnani`; letters outside ASCII are kept.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_slug(name, &mut out);
    out
}

/// Appends the [`slug`] of `name` to `out`. ASCII letters and digits,
/// most of a name, skip the Unicode tables.
pub fn push_slug(name: &str, out: &mut String) {
    let floor = out.len();
    for c in name.chars() {
        let c = fold_char(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if out.len() > floor && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > floor && out.ends_with('-') {
        out.pop();
    }
}

/// How many bytes [`chunk_holds`] tests at once: two 16-byte vectors.
pub const CHUNK: usize = 32;

/// Whether some byte of `chunk` passes `test`. Each byte's test goes into
/// a list of flags, then an OR over them, which compiles to a few vector
/// compares: `any` stops at the first byte that passes, and so tests them
/// one at a time, and a fold of the tests themselves compiles to a longer
/// sequence.
#[inline(always)]
pub fn chunk_holds(chunk: &[u8; CHUNK], test: impl Fn(u8) -> bool) -> bool {
    let mut flags = [0u8; CHUNK];
    for (flag, &byte) in flags.iter_mut().zip(chunk) {
        *flag = u8::from(test(byte));
    }
    flags.iter().fold(0, |seen, &flag| seen | flag) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ends_stop_at_punctuation() {
        assert_eq!(word_end("Zürich»", 0), "Zürich".len());
        assert_eq!(word_end("al-Qaida", 0), 2);
        assert_eq!(word_end(" x", 0), 0);
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_end_where_the_first_other_byte_is(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"azAZ09_ @[`{/:-\x7f\x80\xc3\xff\x00".to_vec()),
                    proptest::num::u8::ANY,
                ],
                0..40,
            ),
            at in 0usize..40,
        ) {
            let at = at.min(bytes.len());
            let by_search = bytes[at..]
                .iter()
                .position(|&b| !is_ascii_word(b))
                .map_or(bytes.len(), |length| at + length);
            proptest::prop_assert_eq!(ascii_word_end(&bytes, at), by_search);
        }

        #[test]
        fn word_ends_are_found_as_reading_characters_finds_them(
            text in "([a-zA-Z0-9_ .,'-]|\u{e9}|\u{df}|\u{2019}|\u{6771}|\u{1f600}){0,12}",
            at in 0usize..40,
        ) {
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let by_chars = text[at..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(offset, _)| at + offset);
            proptest::prop_assert_eq!(word_end(&text, at), by_chars);
        }

        #[test]
        fn lowercase_into_is_to_lowercase(text in "(\\PC|[A-Za-z ]{1,6}|ΟΔΟΣ|İ){0,8}") {
            let mut out = String::from("left over");
            lowercase_into(&text, &mut out);
            proptest::prop_assert_eq!(out, text.to_lowercase());
        }
    }

    /// [`slug`] with the Unicode tables for every character.
    fn slug_of_every_character(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars() {
            let c = fold_char(c);
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn slugs_skipping_the_tables_for_ascii_are_the_same(
            prefix in "[a-z/]{0,3}",
            name in "(\\PC|[A-Za-z0-9 .'-]{1,6}|İ|Σ|–){0,8}",
        ) {
            let mut out = prefix.clone();
            push_slug(&name, &mut out);
            proptest::prop_assert_eq!(out, prefix + &slug_of_every_character(&name));
        }
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Abu Muhammad al-Adnani"), "abu-muhammad-al-adnani");
        assert_eq!(slug("al–Qaida"), "al-qaida");
        assert_eq!(slug("São Paulo"), "são-paulo");
        assert_eq!(slug("U.S."), "u-s");
    }

    #[test]
    fn every_foldable_character_opens_with_a_foldable_lead() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if fold_char(c) != c {
                let mut buffer = [0u8; 4];
                let lead = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(FOLDABLE_LEADS.contains(&lead), "{c:?}");
            }
        }
    }

    #[test]
    fn foldable_characters_are_found_past_ascii_and_other_letters() {
        let text = "São Paulo — a long stretch of plain ASCII text, then al–Qaida’s";
        let dash = text.find('—').unwrap();
        assert_eq!(next_foldable(text, 0), Some((dash, '—')));
        let en = text.find('–').unwrap();
        assert_eq!(next_foldable(text, dash + 3), Some((en, '–')));
        let quote = text.find('’').unwrap();
        assert_eq!(next_foldable(text, en + 3), Some((quote, '’')));
        assert_eq!(next_foldable(text, quote + 3), None);
        assert!(!needs_folding("Zürich and São Paulo, 東京"));
        assert!(needs_folding("x\u{a0}y"));
    }

    /// The first foldable character, decoding every character.
    fn next_foldable_of_every_character(text: &str, from: usize) -> Option<(usize, char)> {
        text[from..]
            .char_indices()
            .find(|&(_, c)| fold_char(c) != c)
            .map(|(offset, c)| (from + offset, c))
    }

    proptest::proptest! {
        #[test]
        fn foldable_characters_are_found_as_by_decoding_every_character(
            text in "(\\PC|[A-Za-z ]{1,40}|–|’|\u{a0}|\u{2022}|â|ʻ){0,12}",
        ) {
            let mut from = 0;
            loop {
                let found = next_foldable(&text, from);
                proptest::prop_assert_eq!(found, next_foldable_of_every_character(&text, from));
                let Some((offset, c)) = found else { break };
                from = offset + c.len_utf8();
            }
        }
    }

    #[test]
    fn whole_words() {
        let text = "Nicest Nice, nice";
        assert!(!is_whole_word(text, 0, 4));
        assert!(is_whole_word(text, 7, 11));
    }
}
