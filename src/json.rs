//! JSON strings and numbers written byte for byte as serde_json writes
//! them, but faster: the output repeats every mention's and event's text,
//! so most of what is written is string contents, and serde_json looks at
//! those one byte at a time.
//!
//! [`write_str`] tests a long text 32 bytes at once (its tail as its last
//! 32 bytes) for a byte that needs escaping (a control character, `"` or `\`) and copies
//! each run of bytes that need none in one go; escapes are serde_json's
//! (`\n`, `\"`, `\u001f`, ...). Most strings are short (names, rule ids,
//! values): those of up to 32 bytes are tested in a few words read
//! at both ends and copied with fixed-size moves, not through a loop and a
//! call to `memcpy`. Numbers are written by `itoa`, as serde_json writes
//! them.

use crate::text::{chunk_holds, CHUNK};

/// `text` as a JSON string, quotes included, as serde_json writes it.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if bytes.len() <= SHORT && !short_needs_escape(bytes) {
        push_quoted_short(out, bytes);
        return;
    }
    out.reserve(text.len() + 2);
    out.push(b'"');
    write_str_contents(out, text);
    out.push(b'"');
}

/// The room [`write_str`] takes at once for `text` when it needs no
/// escape: a short text's path makes room for 32 bytes at once.
pub fn room_for_str(text: &str) -> usize {
    text.len().max(SHORT) + 2
}

/// Strings of up to this many bytes are written by [`push_quoted_short`].
const SHORT: usize = 32;

/// Whether some byte of `bytes` (at most [`SHORT`]) needs escaping: tested
/// in words read from both ends, which overlap where the text is not a
/// whole number of words long, so that every byte is in one.
fn short_needs_escape(bytes: &[u8]) -> bool {
    let len = bytes.len();
    debug_assert!(len <= SHORT);
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + WORD].try_into().expect("a word"));
    let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"));
    match len {
        17.. => {
            may_need_escape(word(0))
                | may_need_escape(word(8))
                | may_need_escape(word(len - 16))
                | may_need_escape(word(len - 8))
        }
        8.. => may_need_escape(word(0)) | may_need_escape(word(len - 8)),
        4.. => may_need_escape(u64::from(half(0)) | u64::from(half(len - 4)) << 32),
        _ => bytes.iter().any(|&byte| needs_escape(byte)),
    }
}

/// `"bytes"` appended to `out` (`bytes` at most [`SHORT`]): see
/// [`copy_short`].
fn push_quoted_short(out: &mut Vec<u8>, bytes: &[u8]) {
    let len = bytes.len();
    let start = out.len();
    out.extend_from_slice(&[0; SHORT + 2]);
    let room = &mut out[start..];
    room[0] = b'"';
    copy_short(&mut room[1..=len], bytes);
    room[len + 1] = b'"';
    out.truncate(start + len + 2);
}

/// Copies `bytes` (at most [`SHORT`]) into `to`, of the same length, by
/// two moves of a fixed size, from both ends (overlapping in the middle):
/// for a few bytes, a call to `memcpy` costs more than the bytes. The
/// callers make room for a whole [`SHORT`] first, in one step.
fn copy_short(to: &mut [u8], bytes: &[u8]) {
    let len = bytes.len();
    assert!(len <= SHORT && to.len() == len);
    match len {
        16.. => {
            to[..16].copy_from_slice(&bytes[..16]);
            to[len - 16..].copy_from_slice(&bytes[len - 16..]);
        }
        8.. => {
            to[..8].copy_from_slice(&bytes[..8]);
            to[len - 8..].copy_from_slice(&bytes[len - 8..]);
        }
        4.. => {
            to[..4].copy_from_slice(&bytes[..4]);
            to[len - 4..].copy_from_slice(&bytes[len - 4..]);
        }
        1.. => {
            to[0] = bytes[0];
            to[len / 2] = bytes[len / 2];
            to[len - 1] = bytes[len - 1];
        }
        0 => {}
    }
}

/// `text`, which holds nothing JSON escapes (an entity id, which is a
/// slug; a type or precision name of the schema's), as a JSON string:
/// copied without a look at its bytes. Debug builds check it.
pub fn write_plain_str(out: &mut Vec<u8>, text: &str) {
    write_plain_bytes(out, text.as_bytes());
}

/// [`write_plain_str`] of text held as bytes (UTF-8 that needs no check,
/// such as a day's digits).
pub fn write_plain_bytes(out: &mut Vec<u8>, text: &[u8]) {
    debug_assert!(
        std::str::from_utf8(text).is_ok() && !text.iter().copied().any(needs_escape),
        "{text:?} is not plain text"
    );
    if text.len() <= SHORT {
        push_quoted_short(out, text);
        return;
    }
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text);
    out.push(b'"');
}

/// `text` escaped as inside a JSON string, without the quotes.
pub fn write_str_contents(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut at = 0;
    // Long texts (an event's sentence, some 500 bytes) a chunk at a time,
    // with a test the compiler turns into vector compares; short texts
    // (names, rule ids) eight bytes at a time.
    while let Some(chunk) = bytes.get(at..at + CHUNK) {
        let chunk: &[u8; CHUNK] = chunk.try_into().expect("a whole chunk");
        if holds_escape(chunk) {
            write_escapes_in(out, bytes, at..at + CHUNK, &mut run_start);
        }
        at += CHUNK;
    }
    if at > 0 && at < bytes.len() {
        // The tail of a long text: in the last whole chunk (whose first
        // bytes were tested already, and found plain or escaped).
        let last = &bytes[bytes.len() - CHUNK..];
        if holds_escape(last.try_into().expect("a whole chunk")) {
            write_escapes_in(out, bytes, at..bytes.len(), &mut run_start);
        }
        at = bytes.len();
    }
    while at < bytes.len() {
        let word_end = (at + WORD).min(bytes.len());
        if may_need_escape(word_at(bytes, at)) {
            write_escapes_in(out, bytes, at..word_end, &mut run_start);
        }
        at = word_end;
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// Writes the bytes of `bytes` from `run_start` up to each byte of `range`
/// that needs escaping, and its escape, leaving `run_start` after the last.
fn write_escapes_in(
    out: &mut Vec<u8>,
    bytes: &[u8],
    range: std::ops::Range<usize>,
    run_start: &mut usize,
) {
    for at in range {
        let byte = bytes[at];
        if needs_escape(byte) {
            out.extend_from_slice(&bytes[*run_start..at]);
            write_escape(out, byte);
            *run_start = at + 1;
        }
    }
}

/// The eight bytes of `bytes` from `at`, as a word; where fewer are left,
/// a word that holds what is left and needs escaping just when it does:
/// the last eight bytes (some tested already, and found plain), or what is
/// left padded with spaces in a text shorter than a word. So the tail of
/// a text is tested at once too, not a byte at a time.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let word = match bytes.get(at..at + WORD) {
        Some(word) => word,
        None if bytes.len() >= WORD => &bytes[bytes.len() - WORD..],
        None => {
            let mut padded = [b' '; WORD];
            padded[..bytes.len() - at].copy_from_slice(&bytes[at..]);
            return u64::from_le_bytes(padded);
        }
    };
    u64::from_le_bytes(word.try_into().expect("eight bytes"))
}

/// Bytes tested at once.
const WORD: usize = 8;

/// 0x01 in every byte of a word.
const ONES: u64 = u64::from_le_bytes([1; WORD]);

/// 0x80 in every byte of a word.
const HIGHS: u64 = u64::from_le_bytes([0x80; WORD]);

/// Whether some byte of `word` may need escaping; never false when one
/// does. (The tests below are exact for "some byte"; which byte is left to
/// [`needs_escape`].)
fn may_need_escape(word: u64) -> bool {
    let below = |n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let equal = |b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    (below(0x20) | equal(b'"') | equal(b'\\')) != 0
}

/// Whether serde_json escapes `byte` inside a string.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether some byte of `chunk` needs escaping.
#[inline(always)]
fn holds_escape(chunk: &[u8; CHUNK]) -> bool {
    // `|`, not `||`: no branch per byte.
    chunk_holds(chunk, |byte| {
        (byte < 0x20) | (byte == b'"') | (byte == b'\\')
    })
}

/// The escape of `byte` (one [`needs_escape`] accepts), as serde_json
/// writes it.
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX_DIGITS[usize::from(byte >> 4)],
                HEX_DIGITS[usize::from(byte & 0xF)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// `n` in decimal, as serde_json writes an unsigned integer (with the
/// same `itoa` crate).
pub fn write_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `n` in decimal (see [`write_u64`]).
pub fn write_usize(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    proptest! {
        #[test]
        fn strings_are_written_as_serde_json_writes_them(text in any::<String>()) {
            prop_assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
        }

        /// A text needing no escape is written in the room `room_for_str`
        /// gives, with no allocation of its own.
        #[test]
        fn plain_strings_fit_their_room(text in "[a-zA-Z0-9 ./:_-]{0,80}") {
            let mut out = Vec::with_capacity(room_for_str(&text));
            let room = out.capacity();
            write_str(&mut out, &text);
            prop_assert_eq!(out.capacity(), room);
        }

        #[test]
        fn escapes_anywhere_in_a_word_are_found(
            text in "([\\x00-\\x1f\"\\\\\\x7f]|[a-z ]{1,9}|é|東|\u{2028}|\u{1F600}){0,40}"
        ) {
            prop_assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
        }

        /// Entity ids are written as plain strings: a slug never needs
        /// escaping.
        #[test]
        fn slugs_need_no_escaping(name in any::<String>()) {
            let mut id = String::from("person/");
            crate::text::push_slug(&name, &mut id);
            let mut plain = Vec::new();
            write_plain_str(&mut plain, &id);
            prop_assert_eq!(String::from_utf8(plain).unwrap(), written(&id));
        }

        #[test]
        fn numbers_are_written_as_serde_json_writes_them(n in any::<u64>()) {
            let mut out = Vec::new();
            write_u64(&mut out, n);
            prop_assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }

    /// Short texts of every length and texts of one to three chunks and a
    /// tail, with an escape at each place: in the words read from both
    /// ends of a short text, in a chunk, in the tail, in the part of the
    /// last chunk that overlaps the one before.
    #[test]
    fn escapes_are_found_at_every_place_of_a_text() {
        for len in (1..=SHORT + 1).chain([63, 64, 65, 70, 96, 100]) {
            for at in 0..len {
                for escaped in ["\"", "\\", "\n", "\u{1}", "\u{1f}"] {
                    // Plain ASCII, and after a character of two bytes.
                    for before in ["", "é"] {
                        let mut text = before.to_string() + &"b".repeat(len);
                        text.replace_range(before.len() + at..before.len() + at + 1, escaped);
                        assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
                    }
                }
            }
        }
    }

    #[test]
    fn short_texts_of_every_length_are_copied_whole() {
        for len in 0..=SHORT {
            let text: String = ('a'..='z').chain('0'..='9').take(len).collect();
            assert_eq!(written(&text), format!("\"{text}\""));
            let mut plain = b"x".to_vec();
            write_plain_str(&mut plain, &text);
            assert_eq!(plain, format!("x\"{text}\"").into_bytes());
        }
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for byte in 0u8..0x80 {
            let text = format!("ab{}cdefghij", char::from(byte));
            assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
        }
        assert_eq!(written(""), "\"\"");
        for n in (0u64..1100).chain([9_999, 10_000, 99_999, 100_000, u64::MAX]) {
            let mut out = Vec::new();
            write_u64(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }
}
