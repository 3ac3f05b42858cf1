//! Byte offsets to Unicode code-point offsets and back.
//!
//! The pipeline works in byte offsets (what `str` slicing takes); the output
//! speaks code points (what Python, spaCy and brat count). The map keeps the
//! count of code points before every block of [`BLOCK_BYTES`] bytes and
//! counts the rest of a block when asked, so that it stays a small fixed
//! share of the text (3%) whatever the script: Chinese or Russian text is
//! almost all multi-byte characters. ASCII text costs nothing.

/// Bytes between two stored counts.
pub const BLOCK_BYTES: usize = 256;

/// Converts offsets within one text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap<'t> {
    text: &'t [u8],
    /// Code points before each block's first byte, one more entry than
    /// there are whole blocks; empty when the text is ASCII.
    chars_before_block: Vec<usize>,
}

impl<'t> OffsetMap<'t> {
    /// Builds the map in one pass over `text`.
    pub fn new(text: &'t str) -> OffsetMap<'t> {
        let bytes = text.as_bytes();
        let mut chars_before_block = Vec::new();
        if !text.is_ascii() {
            chars_before_block.reserve(bytes.len() / BLOCK_BYTES + 1);
            let mut chars = 0;
            chars_before_block.push(0);
            for block in bytes.chunks(BLOCK_BYTES) {
                chars += char_starts(block);
                chars_before_block.push(chars);
            }
        }
        OffsetMap {
            text: bytes,
            chars_before_block,
        }
    }

    /// The code-point offset of byte offset `byte` (a char boundary):
    /// counted on from the stored count before it or back from the one
    /// after it, whichever is nearer.
    pub fn to_char(&self, byte: usize) -> usize {
        if self.chars_before_block.is_empty() {
            return byte;
        }
        let byte = byte.min(self.text.len());
        let block = byte / BLOCK_BYTES;
        let block_start = block * BLOCK_BYTES;
        let next_start = (block_start + BLOCK_BYTES).min(self.text.len());
        match self.chars_before_block.get(block + 1) {
            Some(&chars_before_next) if next_start - byte < byte - block_start => {
                chars_before_next - char_starts(&self.text[byte..next_start])
            }
            _ => self.chars_before_block[block] + char_starts(&self.text[block_start..byte]),
        }
    }

    /// How many bytes [`OffsetMap::to_char`] counts for `byte`.
    fn counted_for(&self, byte: usize) -> usize {
        let within = byte % BLOCK_BYTES;
        within.min(BLOCK_BYTES - within)
    }

    /// A converter for offsets asked about mostly in ascending order.
    pub fn cursor(&self) -> OffsetCursor<'_, 't> {
        OffsetCursor {
            map: self,
            byte: 0,
            chars: 0,
        }
    }

    /// The byte offset of code-point offset `char_offset` (the text's
    /// length past its end).
    pub fn to_byte(&self, char_offset: usize) -> usize {
        if self.chars_before_block.is_empty() {
            return char_offset.min(self.text.len());
        }
        let block = self
            .chars_before_block
            .partition_point(|&chars| chars <= char_offset)
            .saturating_sub(1);
        let mut chars = self.chars_before_block[block];
        let mut at = block * BLOCK_BYTES;
        while at < self.text.len() {
            if opens_char(self.text[at]) {
                if chars == char_offset {
                    return at;
                }
                chars += 1;
            }
            at += 1;
        }
        self.text.len()
    }
}

/// Converts offsets as [`OffsetMap::to_char`] does, counting on from the
/// last offset it converted when the next lies after it and nearer than
/// a stored count: offsets taken in text order cost the bytes between
/// them, read once and in order, rather than up to half a block each from
/// wherever the block is.
#[derive(Debug, Clone)]
pub struct OffsetCursor<'m, 't> {
    map: &'m OffsetMap<'t>,
    /// The last offset converted (a char boundary) and its code points.
    byte: usize,
    chars: usize,
}

impl OffsetCursor<'_, '_> {
    /// The code-point offset of byte offset `byte` (a char boundary):
    /// [`OffsetMap::to_char`]`(byte)`.
    pub fn to_char(&mut self, byte: usize) -> usize {
        let map = self.map;
        if map.chars_before_block.is_empty() {
            return byte;
        }
        let byte = byte.min(map.text.len());
        self.chars = match byte.checked_sub(self.byte) {
            Some(ahead) if ahead <= map.counted_for(byte) => {
                self.chars + char_starts(&map.text[self.byte..byte])
            }
            _ => map.to_char(byte),
        };
        self.byte = byte;
        self.chars
    }

    /// The code-point offsets of the span `start..end` (char boundaries).
    pub fn span_to_chars(&mut self, start: usize, end: usize) -> (usize, usize) {
        (self.to_char(start), self.to_char(end))
    }
}

/// Whether `byte` starts a UTF-8 character (is not a continuation byte).
fn opens_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// How many characters start in `bytes`: its length less its UTF-8
/// continuation bytes (`10xxxxxx`), counted eight bytes at a time, as
/// [`OffsetMap::to_char`] counts up to a block's worth per offset written.
fn char_starts(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // Words summed per lane before the lanes are added up: each lane then
    // holds at most 31 and their sum at most 248, below a byte's limit.
    const WORDS_PER_SUM: usize = 31;
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    loop {
        let mut lanes = 0u64;
        let mut summed = 0;
        for word in words.by_ref().take(WORDS_PER_SUM) {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            // Bit 7 set and bit 6 clear (bit 6 shifted into bit 7's place).
            lanes += ((word & !(word << 1)) & HIGHS) >> 7;
            summed += 1;
        }
        continuations += (lanes.wrapping_mul(ONES) >> 56) as usize;
        if summed < WORDS_PER_SUM {
            break;
        }
    }
    let tail = words.remainder();
    continuations += match bytes.len().checked_sub(8) {
        // The last eight bytes, shifted down to the tail's: one word, not a
        // loop over up to seven bytes.
        Some(last) if !tail.is_empty() => {
            let word = u64::from_le_bytes(bytes[last..].try_into().expect("eight bytes"));
            let word = word >> (8 * (8 - tail.len()));
            (word & !(word << 1) & HIGHS).count_ones() as usize
        }
        _ => tail.iter().filter(|&&b| !opens_char(b)).count(),
    };
    bytes.len() - continuations
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
        // Long runs of continuation bytes fill every lane of the count.
        for (text, chars) in [("é".repeat(5_000), 5_000), ("😀".repeat(999), 999)] {
            assert_eq!(char_starts(text.as_bytes()), chars);
        }
    }

    proptest! {
        #[test]
        fn char_starts_counts_the_characters(text in "(\\PC|[a-z]{0,40}|😀){0,400}", from in 0usize..8) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = bytes[from..].iter().filter(|&&b| opens_char(b)).count();
            prop_assert_eq!(char_starts(&bytes[from..]), expected);
        }

        #[test]
        fn cursors_convert_as_the_map_does(
            text in "(\\PC|[a-z]{0,40}|é{0,90}){0,60}",
            fractions in prop::collection::vec(0.0f64..1.0, 1..40),
            sorted in any::<bool>(),
        ) {
            let map = OffsetMap::new(&text);
            let mut offsets: Vec<usize> = fractions
                .iter()
                .map(|&fraction| {
                    let mut at = (text.len() as f64 * fraction) as usize;
                    while !text.is_char_boundary(at) {
                        at += 1;
                    }
                    at
                })
                .collect();
            if sorted {
                offsets.sort_unstable();
            }
            let mut cursor = map.cursor();
            for at in offsets {
                prop_assert_eq!(cursor.to_char(at), map.to_char(at));
            }
        }

        #[test]
        fn agrees_with_counting(text in "(\\PC|[a-z]{0,40}){0,120}") {
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
