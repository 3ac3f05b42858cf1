//! Small text helpers shared by the matchers.

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
    !text.is_ascii() && text.chars().any(|c| fold_char(c) != c)
}

/// Whether `c` continues a word (so a match next to it is not a whole word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` is a whole word: no word character touches it
/// on either side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Lower-case ASCII slug of a name for entity ids: `Abu Muhammad al-Adnani`
/// becomes `abu-muhammad-al-adnani`; letters outside ASCII are kept.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Abu Muhammad al-Adnani"), "abu-muhammad-al-adnani");
        assert_eq!(slug("al–Qaida"), "al-qaida");
        assert_eq!(slug("São Paulo"), "são-paulo");
        assert_eq!(slug("U.S."), "u-s");
    }

    #[test]
    fn whole_words() {
        let text = "Nicest Nice, nice";
        assert!(!is_whole_word(text, 0, 4));
        assert!(is_whole_word(text, 7, 11));
    }
}
