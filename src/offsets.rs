//! Byte offsets to Unicode code-point offsets and back.
//!
//! The pipeline works in byte offsets (what `str` slicing takes); the output
//! speaks code points (what Python, spaCy and brat count). The map stores
//! only the positions of multi-byte characters, so ASCII text costs nothing.

/// Converts offsets within one text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Every multi-byte character: (byte offset, code-point offset, length
    /// in bytes), in text order.
    wide: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    /// Builds the map in one pass over `text`.
    pub fn new(text: &str) -> OffsetMap {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            for (chars, (byte, c)) in text.char_indices().enumerate() {
                if c.len_utf8() > 1 {
                    wide.push((byte, chars, c.len_utf8()));
                }
            }
        }
        OffsetMap { wide }
    }

    /// The code-point offset of byte offset `byte` (a char boundary).
    pub fn to_char(&self, byte: usize) -> usize {
        let before = self.wide.partition_point(|&(b, _, _)| b < byte);
        match before.checked_sub(1).map(|i| self.wide[i]) {
            None => byte,
            Some((b, c, len)) => c + 1 + (byte - (b + len)),
        }
    }

    /// The byte offset of code-point offset `char_offset`.
    pub fn to_byte(&self, char_offset: usize) -> usize {
        let before = self.wide.partition_point(|&(_, c, _)| c < char_offset);
        match before.checked_sub(1).map(|i| self.wide[i]) {
            None => char_offset,
            Some((b, c, len)) => b + len + (char_offset - c - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mixed_text() {
        let text = "a–b’c😀d";
        let map = OffsetMap::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(map.to_char(byte), chars);
            assert_eq!(map.to_byte(chars), byte);
        }
        assert_eq!(map.to_char(text.len()), text.chars().count());
        assert_eq!(map.to_byte(text.chars().count()), text.len());
    }

    proptest! {
        #[test]
        fn agrees_with_counting(text in "\\PC{0,60}") {
            let map = OffsetMap::new(&text);
            let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            boundaries.push(text.len());
            for (chars, byte) in boundaries.into_iter().enumerate() {
                prop_assert_eq!(map.to_char(byte), text[..byte].chars().count());
                prop_assert_eq!(map.to_byte(chars), byte);
            }
        }
    }
}
