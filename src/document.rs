//! Loading documents: files, directories and JSON Lines, with the
//! publication-time header, and errors that say which file and where.

use crate::text::{chunk_holds, CHUNK};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::BufRead;
use std::ops::Range;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// One article, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// File stem, or the `id` of a JSON Lines record.
    pub id: String,
    /// The path as given, or `-:LINE` for standard input.
    pub source: String,
    /// The whole text, header line included: offsets count from its start.
    pub text: String,
    /// Publication time (DCT), from the header or `--published`.
    pub published: Option<NaiveDateTime>,
    /// Byte offset where the body starts (0 without a header).
    pub body_start: usize,
}

/// Largest document the pipeline takes: its records keep 32-bit offsets.
pub const MAX_DOCUMENT_BYTES: u64 = u32::MAX as u64;

/// `offset` (or a count of things in a document) as the 32 bits that
/// records keep: documents are at most [`MAX_DOCUMENT_BYTES`].
pub(crate) fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).expect("documents are at most 4 GiB")
}

/// How to read documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Largest document accepted, in bytes.
    pub max_bytes: u64,
    /// Publication time that overrides or supplies the header's.
    pub published: Option<NaiveDateTime>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: 64 << 20,
            published: None,
        }
    }
}

/// Why a document could not be read. Each names its source.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{source_name}: {error}")]
    Io {
        /// Path.
        source_name: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{source_name}: not UTF-8: invalid byte at byte offset {offset} (line {line})")]
    NotUtf8 {
        /// Path.
        source_name: String,
        /// Offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// No text to read.
    #[error("{source_name}: empty document{detail}")]
    Empty {
        /// Path.
        source_name: String,
        /// What was there instead, if anything.
        detail: &'static str,
    },
    /// NUL bytes: a binary file, not text.
    #[error("{source_name}: binary data (NUL byte at byte offset {offset})")]
    Binary {
        /// Path.
        source_name: String,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Over the size limit.
    #[error("{source_name}: {bytes} bytes is over the limit of {limit} bytes (--max-bytes)")]
    TooLarge {
        /// Path.
        source_name: String,
        /// Size.
        bytes: u64,
        /// Limit.
        limit: u64,
    },
    /// The header looks like a date but is not one.
    #[error("{source_name}:1: header {header:?} is not a valid date")]
    BadHeader {
        /// Path.
        source_name: String,
        /// The header line.
        header: String,
    },
    /// A JSON Lines record is malformed.
    #[error("{source_name}:{line}: {message}")]
    JsonLine {
        /// `-` or the path.
        source_name: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A path given on the command line does not exist.
    #[error("{0}: no such file or directory")]
    Missing(String),
    /// Extraction failed on this document (a bug in annalist: please
    /// report it with the document).
    #[error("{source_name}: internal error while extracting; the document was skipped (please report it)")]
    Internal {
        /// Path, or `-:line`.
        source_name: String,
    },
}

/// A unit of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A text file.
    File(PathBuf),
    /// JSON Lines on standard input.
    Stdin,
}

/// Parses a publication time: `YYYY-MM-DD`, optionally followed by ` ` or
/// `T` and `HH:MM` or `HH:MM:SS` (fractional seconds and `Z` ignored).
pub fn parse_published(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim().trim_end_matches('Z');
    let (date, time) = match text.find([' ', 'T']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    if date.len() != 10 || date.as_bytes()[4] != b'-' || date.as_bytes()[7] != b'-' {
        return Err(format!("{text:?} is not YYYY-MM-DD[ HH:MM[:SS]]"));
    }
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| format!("{date:?} is not a calendar date"))?;
    let time = match time {
        None => chrono::NaiveTime::MIN,
        Some(t) => {
            let t = t.split('.').next().unwrap_or(t);
            chrono::NaiveTime::parse_from_str(t, "%H:%M:%S")
                .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H:%M"))
                .map_err(|_| format!("{t:?} is not HH:MM[:SS]"))?
        }
    };
    Ok(day.and_time(time))
}

/// Whether a line has the shape of a header (a date first), valid or not.
fn looks_like_header(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || matches!(b[10], b' ' | b'T' | b'\t'))
        && line[10..].trim().len() <= 20
}

/// Builds a document from text, reading the header if there is one.
pub fn document_from_text(
    id: String,
    source: String,
    text: String,
    options: &LoadOptions,
) -> Result<Document, LoadError> {
    if text.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            source_name: source,
            bytes: text.len() as u64,
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(LoadError::Binary {
            source_name: source,
            offset,
        });
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[bom..].find('\n').map_or(text.len(), |i| bom + i);
    let first_line = text[bom..first_end].trim_end_matches('\r');
    let (mut published, mut body_start) = (None, 0);
    if looks_like_header(first_line) {
        published = Some(
            parse_published(first_line).map_err(|_| LoadError::BadHeader {
                source_name: source.clone(),
                header: first_line.to_string(),
            })?,
        );
        body_start = (first_end + 1).min(text.len());
        // Skip the blank line(s) that separate header and body.
        while body_start < text.len() {
            let rest = &text[body_start..];
            let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            if rest[..line_end].trim().is_empty() && line_end < rest.len() {
                body_start += line_end;
            } else {
                break;
            }
        }
    }
    if text[body_start..].trim().is_empty() {
        return Err(LoadError::Empty {
            source_name: source,
            detail: if text.is_empty() {
                ""
            } else if published.is_some() {
                " (a header but no body)"
            } else {
                " (only white space)"
            },
        });
    }
    Ok(Document {
        id,
        source,
        text,
        published: options.published.or(published),
        body_start,
    })
}

/// Reads one text file.
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<Document, LoadError> {
    let source_name = path.display().to_string();
    let io = |error| LoadError::Io {
        source_name: source_name.clone(),
        error,
    };
    // One open for the size and the bytes (not a look-up of the path for
    // each), the text read into room of its size.
    let mut file = std::fs::File::open(path).map_err(io)?;
    let bytes = file.metadata().map_err(io)?.len();
    if bytes > options.max_bytes {
        return Err(LoadError::TooLarge {
            source_name,
            bytes,
            limit: options.max_bytes,
        });
    }
    let mut raw = Vec::with_capacity(usize::try_from(bytes).unwrap_or(0));
    // Through `take`, so that the size is not asked for again.
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, u64::MAX), &mut raw)
        .map_err(io)?;
    let text = String::from_utf8(raw).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        LoadError::NotUtf8 {
            source_name: source_name.clone(),
            offset,
            line,
        }
    })?;
    let id = path
        .file_stem()
        .map_or_else(|| source_name.clone(), |s| s.to_string_lossy().into_owned());
    document_from_text(id, source_name, text, options)
}

/// Expands command-line paths: a directory gives its `*.txt` files sorted
/// by name, `-` is standard input.
pub fn expand_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|error| LoadError::Io {
                source_name: path.display().to_string(),
                error,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else if path.exists() {
            out.push(Input::File(path.clone()));
        } else {
            return Err(LoadError::Missing(path.display().to_string()));
        }
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRecord<'a> {
    id: serde_json::Value,
    /// Decoded by [`decode_json_string_in_place`], not by serde.
    #[serde(borrow)]
    text: &'a serde_json::value::RawValue,
    published: Option<String>,
}

/// The text of the JSON string at `span` of `bytes` (quotes included,
/// already checked to be well-formed JSON), decoded where it lies: moved
/// to the front of `bytes`, which then hold it alone. An escape is never
/// shorter than the character it stands for, so what is written never
/// overtakes what is still to be read, and a long document is held once
/// rather than as its line and its text side by side (for a 50 MB
/// document, 50 MB less at the peak of its parse).
fn decode_json_string_in_place(mut bytes: Vec<u8>, span: Range<usize>) -> Result<String, String> {
    let raw = &bytes[span.clone()];
    if raw.len() < 2 || raw.first() != Some(&b'"') || raw.last() != Some(&b'"') {
        return Err("\"text\" must be a string".to_string());
    }
    let (mut read, end) = (span.start + 1, span.end - 1);
    let mut written = 0;
    while let Some(at) = memchr::memchr(b'\\', &bytes[read..end]) {
        bytes.copy_within(read..read + at, written);
        written += at;
        let escape = &bytes[read + at + 1..end];
        let (decoded, used) = match escape.first() {
            Some(b'"') => ('"', 1),
            Some(b'\\') => ('\\', 1),
            Some(b'/') => ('/', 1),
            Some(b'b') => ('\u{8}', 1),
            Some(b'f') => ('\u{c}', 1),
            Some(b'n') => ('\n', 1),
            Some(b'r') => ('\r', 1),
            Some(b't') => ('\t', 1),
            Some(b'u') => decode_unicode_escape(&escape[1..])?,
            _ => return Err("bad escape in \"text\"".to_string()),
        };
        let mut utf8 = [0; 4];
        let utf8 = decoded.encode_utf8(&mut utf8).as_bytes();
        bytes[written..written + utf8.len()].copy_from_slice(utf8);
        written += utf8.len();
        read += at + 1 + used;
    }
    bytes.copy_within(read..end, written);
    written += end - read;
    bytes.truncate(written);
    bytes.shrink_to_fit();
    // Stretches of UTF-8 text cut at ASCII backslashes, and characters
    // encoded as UTF-8: never an error, but one is reported, not panicked on.
    String::from_utf8(bytes).map_err(|_| "\"text\" decodes to invalid UTF-8".to_string())
}

/// The character of a `\uXXXX` escape (`after_u` starts at its digits),
/// joined with the low surrogate that must follow a high one, and how many
/// bytes after the backslash it took.
fn decode_unicode_escape(after_u: &[u8]) -> Result<(char, usize), String> {
    let bad = |what: &str| format!("{what} in \"text\"");
    let hex = |digits: Option<&[u8]>| -> Option<u32> {
        let digits = std::str::from_utf8(digits?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    let unit = hex(after_u.get(..4)).ok_or_else(|| bad("bad \\u escape"))?;
    match unit {
        0xD800..=0xDBFF => {
            let low = match after_u.get(4..6) {
                Some(b"\\u") => hex(after_u.get(6..10)),
                _ => None,
            };
            match low {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    let c = char::from_u32(code).ok_or_else(|| bad("bad surrogate pair"))?;
                    Ok((c, 11))
                }
                _ => Err(bad("lone leading surrogate")),
            }
        }
        0xDC00..=0xDFFF => Err(bad("lone trailing surrogate")),
        _ => Ok((
            char::from_u32(unit).ok_or_else(|| bad("bad \\u escape"))?,
            5,
        )),
    }
}

/// A record's fields as [`JsonRecord`] has them, its text as the span of
/// its JSON string (quotes included) in the line.
#[derive(Debug, PartialEq)]
struct RecordFields {
    id: serde_json::Value,
    text: Range<usize>,
    published: Option<String>,
}

/// The fields of a record `line` read without serde, when the line has the
/// usual shape: each of `id`, `text` and `published` at most once, in any
/// order, their names and the `id` and `published` strings without
/// escapes, the id a string or digits; and `None` for anything else, which
/// serde then reads (and reports, when it is wrong). Serde looks at the
/// text, most of the line, a byte at a time, as does its check that the
/// text's escapes are well-formed; here the text's end is found 32 bytes a
/// step. What this gives for a line is what serde gives.
fn plain_record_fields(line: &str) -> Option<RecordFields> {
    let bytes = line.as_bytes();
    let mut at = json_space_end(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let (mut id, mut text, mut published) = (None, None, None);
    loop {
        at = json_space_end(bytes, at + 1);
        let key = plain_json_string(line, &mut at)?;
        at = json_space_end(bytes, at);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = json_space_end(bytes, at + 1);
        let fresh = match key {
            "id" => id
                .replace(match bytes.get(at)? {
                    b'"' => {
                        serde_json::Value::String(plain_json_string(line, &mut at)?.to_string())
                    }
                    _ => serde_json::Value::Number(json_digits(bytes, &mut at)?.into()),
                })
                .is_none(),
            "text" => {
                let start = at;
                at = json_string_end(bytes, at)?;
                text.replace(start..at).is_none()
            }
            "published" => {
                let value = if bytes[at..].starts_with(b"null") {
                    at += 4;
                    None
                } else {
                    Some(plain_json_string(line, &mut at)?.to_string())
                };
                published.replace(value).is_none()
            }
            _ => false,
        };
        // A field named twice or not at all in a record is serde's to report.
        if !fresh {
            return None;
        }
        at = json_space_end(bytes, at);
        match bytes.get(at)? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    if json_space_end(bytes, at + 1) != bytes.len() {
        return None;
    }
    Some(RecordFields {
        id: id?,
        text: text?,
        published: published.flatten(),
    })
}

/// A record's fields as serde reads them: every line that
/// [`plain_record_fields`] does not read, and its reference in tests.
fn record_fields_by_serde(line: &str) -> Result<RecordFields, serde_json::Error> {
    let record: JsonRecord<'_> = serde_json::from_str(line)?;
    let raw = record.text.get();
    let start = raw.as_ptr() as usize - line.as_ptr() as usize;
    Ok(RecordFields {
        id: record.id,
        text: start..start + raw.len(),
        published: record.published,
    })
}

/// The offset of the first byte from `at` on that is not JSON white space.
fn json_space_end(bytes: &[u8], at: usize) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(rest.len())
}

/// The contents of the JSON string at `at` of `line`, if it holds no
/// escape; `at` is moved past it.
fn plain_json_string<'l>(line: &'l str, at: &mut usize) -> Option<&'l str> {
    let bytes = line.as_bytes();
    if bytes.get(*at) != Some(&b'"') {
        return None;
    }
    let start = *at + 1;
    // Names, ids and times are short: a byte at a time.
    let end = start
        + bytes[start..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    if bytes[end] != b'"' {
        return None;
    }
    *at = end + 1;
    // Both ends are quotes, so on character boundaries.
    Some(&line[start..end])
}

/// The offset just past the JSON string at `at`, if it is one that serde
/// reads: no control character in it, and each escape one of JSON's
/// (serde reads a `\\u` escape's four digits here, not what they stand
/// for: lone surrogates are the decoder's to report).
fn json_string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let contents = at + 1;
    let mut at = contents;
    // A document's text holds a quote or a line break every hundred bytes
    // or so: they are found with a vector search for the two bytes that
    // stop a string's run, and control characters, which only a bad line
    // holds, are looked for once, in all of it.
    loop {
        at += memchr::memchr2(b'"', b'\\', &bytes[at..])?;
        if bytes[at] == b'"' {
            break;
        }
        at += match bytes.get(at + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
            b'u' if bytes.get(at + 2..at + 6)?.iter().all(u8::is_ascii_hexdigit) => 6,
            _ => return None,
        }
    }
    (!holds_control(&bytes[contents..at])).then_some(at + 1)
}

/// Whether `bytes` hold a control character (below U+0020), a
/// [`CHUNK`] at a time.
fn holds_control(bytes: &[u8]) -> bool {
    let is_control = |byte: u8| byte < 0x20;
    let mut chunks = bytes.chunks_exact(CHUNK);
    let in_chunks = (chunks.by_ref())
        .any(|chunk| chunk_holds(chunk.try_into().expect("a whole chunk"), is_control));
    in_chunks || chunks.remainder().iter().copied().any(is_control)
}

/// The number at `at`, if it is digits that serde reads as a `u64` (no
/// sign, fraction, exponent or leading zero); `at` is moved past it.
fn json_digits(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let rest = &bytes[*at..];
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    let next = rest.get(len).copied().unwrap_or(b' ');
    if len == 0 || (len > 1 && rest[0] == b'0') || matches!(next, b'.' | b'e' | b'E') {
        return None;
    }
    let number = std::str::from_utf8(&rest[..len]).ok()?.parse().ok()?;
    *at += len;
    Some(number)
}

/// One raw line of a JSON Lines stream, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLine {
    /// Line number.
    pub number: usize,
    /// The line's bytes, newline included.
    pub bytes: Vec<u8>,
}

/// Reads the raw lines of a JSON Lines stream, each at most `limit` bytes
/// (a longer one is an error for that line, and is skipped without being
/// held in memory).
pub fn read_json_lines<'a, R: BufRead + 'a>(
    reader: R,
    source: &'a str,
    limit: u64,
) -> impl Iterator<Item = Result<JsonLine, LoadError>> + 'a {
    let mut reader = reader;
    let mut number = 0usize;
    std::iter::from_fn(move || {
        number += 1;
        let mut line = Vec::new();
        // Reads at most limit + 1 bytes so an endless line cannot exhaust memory.
        let read = read_line(&mut reader, limit.saturating_add(1), &mut line);
        let fail = |message: String| LoadError::JsonLine {
            source_name: source.to_string(),
            line: number,
            message,
        };
        match read {
            Ok(0) => return None,
            Err(e) => return Some(Err(fail(e.to_string()))),
            Ok(_) => {}
        }
        if line.len() as u64 > limit {
            // Drain the rest of the oversized line before going on.
            let mut sink = Vec::new();
            while !line.ends_with(b"\n") {
                sink.clear();
                match read_line(&mut reader, 1 << 20, &mut sink) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => line = sink.clone(),
                }
            }
            return Some(Err(fail(format!(
                "line is over the limit of {limit} bytes"
            ))));
        }
        // A long line's buffer grew by doubling: up to half of it is slack.
        line.shrink_to_fit();
        Some(Ok(JsonLine {
            number,
            bytes: line,
        }))
    })
}

/// Appends to `line` the bytes of `reader` up to and including the next
/// newline, or up to `most` bytes, or to the end, whichever comes first;
/// how many. As `reader.take(most).read_until(b'\n', line)` does, but
/// finding the newline with `memchr`'s vector search rather than the
/// standard library's eight bytes a step: every byte of the input goes
/// through it.
fn read_line(reader: &mut impl BufRead, most: u64, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut read = 0usize;
    while (read as u64) < most {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let left = usize::try_from(most - read as u64).unwrap_or(usize::MAX);
        let available = &available[..available.len().min(left)];
        let (used, ended) = match memchr::memchr(b'\n', available) {
            Some(newline) => (newline + 1, true),
            None => (available.len(), available.is_empty()),
        };
        line.extend_from_slice(&available[..used]);
        reader.consume(used);
        read += used;
        if ended {
            break;
        }
    }
    Ok(read)
}

/// Parses one JSON Lines record (`{"id","text","published"?}`) into a
/// document, whose text takes over the line's bytes; `None` for a blank
/// line.
pub fn parse_json_line(
    line: JsonLine,
    source: &str,
    options: &LoadOptions,
) -> Option<Result<Document, LoadError>> {
    let JsonLine { number, bytes } = line;
    let fail = |message: String| LoadError::JsonLine {
        source_name: source.to_string(),
        line: number,
        message,
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Some(Err(fail("line is not UTF-8".to_string())));
    };
    if text.trim().is_empty() {
        return None;
    }
    let RecordFields {
        id,
        text: span,
        published,
    } = match plain_record_fields(text) {
        Some(fields) => fields,
        None => match record_fields_by_serde(text) {
            Ok(fields) => fields,
            Err(e) => return Some(Err(fail(format!("bad JSON: {e}")))),
        },
    };
    let body = match decode_json_string_in_place(bytes, span) {
        Ok(body) => body,
        Err(e) => return Some(Err(fail(format!("bad JSON: {e}")))),
    };
    let id = match id {
        serde_json::Value::String(s) if !s.is_empty() => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            return Some(Err(fail(
                "\"id\" must be a non-empty string or a number".to_string(),
            )))
        }
    };
    let mut doc_options = options.clone();
    if options.published.is_none() {
        if let Some(p) = &published {
            match parse_published(p) {
                Ok(t) => doc_options.published = Some(t),
                Err(e) => return Some(Err(fail(format!("\"published\": {e}")))),
            }
        }
    }
    let source_name = format!("{source}:{number}");
    Some(
        document_from_text(id, source_name, body, &doc_options).map(|mut d| {
            // A JSON record's own "published" wins over a header-shaped first line.
            if let (None, Some(_)) = (options.published, &published) {
                d.published = doc_options.published;
            }
            d
        }),
    )
}

/// Reads JSON Lines (`{"id","text","published"?}` a line) as a stream; a
/// bad line is an error for that line only.
pub fn read_jsonl<'a, R: BufRead + 'a>(
    reader: R,
    source: &'a str,
    options: &'a LoadOptions,
) -> impl Iterator<Item = Result<Document, LoadError>> + 'a {
    read_json_lines(reader, source, options.max_bytes).filter_map(move |line| match line {
        Ok(line) => parse_json_line(line, source, options),
        Err(error) => Some(Err(error)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `raw` decoded as it lies in a line, after a record's opening.
    fn decode_json_string(raw: &str) -> Result<String, String> {
        let line = format!("{{\"id\": 1, \"text\": {raw}}}");
        let start = line.len() - raw.len() - 1;
        decode_json_string_in_place(line.into_bytes(), start..start + raw.len())
    }

    proptest! {
        #[test]
        fn json_strings_decode_as_serde_decodes_them(text in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let written = serde_json::to_string(&text).unwrap();
            prop_assert_eq!(decode_json_string(&written), Ok(text.clone()));
            // The same text with every character escaped.
            let escaped: String = text
                .encode_utf16()
                .map(|unit| format!("\\u{unit:04x}"))
                .collect();
            prop_assert_eq!(decode_json_string(&format!("\"{escaped}\"")), Ok(text));
        }
    }

    proptest! {
        #[test]
        fn control_characters_are_found_anywhere(
            bytes in proptest::collection::vec(prop_oneof![20 => 0x20u8.., 1 => ..0x20u8], 0..200)
        ) {
            prop_assert_eq!(holds_control(&bytes), bytes.iter().any(|&b| b < 0x20));
        }

        /// Lines read through a small buffer (so that they span refills)
        /// are those `read_until` reads, limit and all.
        #[test]
        fn lines_are_read_as_read_until_reads_them(
            input in proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b'a'), any::<u8>()], 0..200),
            capacity in 1usize..20,
            most in 1u64..40,
        ) {
            let mut ours = std::io::BufReader::with_capacity(capacity, input.as_slice());
            let mut theirs = input.as_slice();
            loop {
                let (mut our_line, mut their_line) = (Vec::new(), Vec::new());
                let read = read_line(&mut ours, most, &mut our_line).unwrap();
                let expected = std::io::Read::take(&mut theirs, most)
                    .read_until(b'\n', &mut their_line)
                    .unwrap();
                prop_assert_eq!(read, expected);
                prop_assert_eq!(&our_line, &their_line);
                if read == 0 {
                    break;
                }
            }
        }
    }

    /// JSON strings, with and without escapes, well-formed or not.
    fn json_string() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "\"[a-z0-9 ]{0,10}\"",
            3 => "\"([a-z é]{0,30}|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4}|\\\\uD83D\\\\uDE00|\\\\uDC00){0,6}\"",
            1 => "\"([a-z0-9 é\"\n\t\x01/]|\\\\[xa\"]|\\\\u[0-9a-fA-FgG]{0,4}[g\"]){0,6}\"",
        ]
    }

    /// JSON values of all sorts, most of them strings and numbers that an
    /// id, a text or a publication time may or may not be.
    fn json_value() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => json_string(),
            3 => "-?(0|[1-9][0-9]{0,21}|0[0-9]{1,3})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?",
            2 => Just("null".to_string()),
            1 => Just("nullx".to_string()),
            1 => Just("true".to_string()),
            1 => Just("[1]".to_string()),
            1 => Just("{}".to_string()),
        ]
    }

    proptest! {
        // About one record in ten is read by the fast reader.
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Where the fast reader reads a record, serde reads the same
        /// fields (records of every shape: fields in any order, missing,
        /// twice or unknown, values of any sort, odd spacing).
        #[test]
        fn plain_records_are_read_as_serde_reads_them(
            mut fields in (
                json_value(),
                prop_oneof![4 => json_string(), 1 => json_value()],
                prop_oneof![
                    2 => Just(None),
                    2 => Just(Some("null".to_string())),
                    4 => json_string().prop_map(Some),
                    1 => json_value().prop_map(Some),
                ],
                prop_oneof![
                    6 => Just(None),
                    1 => (prop_oneof![Just("id"), Just("text"), Just("other"), Just("\\u0069d")], json_value()).prop_map(Some),
                ],
                proptest::bool::weighted(0.1),
            ).prop_map(|(id, text, published, extra, drop_id)| {
                let mut fields = vec![("text", text)];
                if !drop_id {
                    fields.push(("id", id));
                }
                fields.extend(published.map(|p| ("published", p)));
                fields.extend(extra);
                fields
            }).prop_shuffle(),
            spaces in proptest::collection::vec(prop_oneof![40 => "[ \t\r\n]{0,2}", 1 => Just("x".to_string())], 12),
            separator in prop_oneof![20 => Just(","), 1 => Just(";"), 1 => Just(",,")],
        ) {
            fields.truncate(4);
            let space = |k: usize| spaces[k % spaces.len()].as_str();
            let members: Vec<String> = fields
                .iter()
                .enumerate()
                .map(|(k, (key, value))| format!("{}\"{key}\"{}:{}{value}{}", space(k), space(k + 1), space(k + 2), space(k + 3)))
                .collect();
            let line = format!("{}{{{}}}{}\n", space(10), members.join(separator), space(11));
            let ours = plain_record_fields(&line);
            if ours.is_some() {
                prop_assert_eq!(&ours, &record_fields_by_serde(&line).ok(), "{}", line);
            }
        }

        #[test]
        fn usual_records_are_read_without_serde(
            id in prop_oneof![
                "[a-z0-9]{1,10}".prop_map(|id| format!("\"{id}\"")),
                any::<u64>().prop_map(|n| n.to_string()),
            ],
            text in "\\PC{0,80}",
            published in prop_oneof![Just(None), Just(Some("2001-02-03".to_string()))],
        ) {
            let published = match published {
                Some(p) => format!(",\"published\":\"{p}\""),
                None => ",\"published\":null".to_string(),
            };
            let line = format!("{{\"id\":{id}{published},\"text\":{}}}\n", serde_json::to_string(&text).unwrap());
            let ours = plain_record_fields(&line);
            prop_assert!(ours.is_some(), "{}", line);
            prop_assert_eq!(ours, record_fields_by_serde(&line).ok());
        }
    }

    #[test]
    fn json_string_escapes() {
        let decode = |raw: &str| decode_json_string(raw);
        assert_eq!(
            decode(r#""a\"b\\c\/d\n\t\r\b\f""#).unwrap(),
            "a\"b\\c/d\n\t\r\u{8}\u{c}"
        );
        assert_eq!(decode(r#""caf\u00e9 \uD83D\uDE00""#).unwrap(), "café 😀");
        assert!(decode(r#""\ud800 alone""#)
            .unwrap_err()
            .contains("lone leading surrogate"));
        assert!(decode(r#""\udc00""#)
            .unwrap_err()
            .contains("lone trailing surrogate"));
        assert!(decode("12").unwrap_err().contains("must be a string"));
    }

    #[test]
    fn json_lines_with_a_text_that_is_not_a_string_are_reported() {
        let line = JsonLine {
            number: 3,
            bytes: br#"{"id": "a", "text": 12}"#.to_vec(),
        };
        let error = parse_json_line(line, "in.jsonl", &LoadOptions::default())
            .unwrap()
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("in.jsonl") && error.contains('3') && error.contains("text"),
            "{error}"
        );
    }

    fn doc(text: &str) -> Result<Document, LoadError> {
        document_from_text(
            "t".into(),
            "t.txt".into(),
            text.into(),
            &LoadOptions::default(),
        )
    }

    #[test]
    fn headers() {
        let d = doc("2017-03-24 18:19:00\n\nBody.").unwrap();
        assert_eq!(d.published.unwrap().to_string(), "2017-03-24 18:19:00");
        assert_eq!(&d.text[d.body_start..], "Body.");
        let d = doc("2017-03-24\r\n\r\nBody.").unwrap();
        assert_eq!(&d.text[d.body_start..], "Body.");
        let d = doc("\u{feff}2017-03-24\nBody.").unwrap();
        assert_eq!(&d.text[d.body_start..], "Body.");
        let d = doc("No header here.\n\nBody.").unwrap();
        assert_eq!((d.published, d.body_start), (None, 0));
        assert!(matches!(
            doc("2017-02-30\n\nBody."),
            Err(LoadError::BadHeader { .. })
        ));
    }

    #[test]
    fn empty_and_binary() {
        assert!(matches!(doc(""), Err(LoadError::Empty { .. })));
        assert!(matches!(
            doc("2017-03-24\n\n  \n"),
            Err(LoadError::Empty { .. })
        ));
        assert!(matches!(
            doc("ab\0c"),
            Err(LoadError::Binary { offset: 2, .. })
        ));
    }

    #[test]
    fn published_formats() {
        for ok in [
            "2017-03-24",
            "2017-03-24 18:19",
            "2017-03-24T18:19:00Z",
            "2017-03-24 18:19:00.5",
        ] {
            assert!(parse_published(ok).is_ok(), "{ok}");
        }
        for bad in ["yesterday", "2017-3-24", "2017-02-30", "2017-03-24 25:00"] {
            assert!(parse_published(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_lines_report_their_line() {
        let input = "{\"id\":\"a\",\"text\":\"One.\"}\n\nnot json\n{\"id\":7,\"text\":\"Two.\",\"published\":\"2001-01-01\"}\n";
        let options = LoadOptions::default();
        let results: Vec<_> = read_jsonl(input.as_bytes(), "-", &options).collect();
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok());
        let err = results[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("-:3:"), "{err}");
        let two = results[2].as_ref().unwrap();
        assert_eq!(two.id, "7");
        assert_eq!(two.published.unwrap().date().to_string(), "2001-01-01");
    }

    #[test]
    fn oversized_json_lines_are_refused_and_skipped() {
        let input = format!(
            "{{\"id\":\"a\",\"text\":\"{}\"}}\n{{\"id\":\"b\",\"text\":\"ok\"}}\n",
            "x".repeat(500)
        );
        let options = LoadOptions {
            max_bytes: 100,
            published: None,
        };
        let results: Vec<_> = read_jsonl(input.as_bytes(), "-", &options).collect();
        assert_eq!(results.len(), 2, "{results:?}");
        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("over the limit"));
        assert_eq!(results[1].as_ref().unwrap().id, "b");
    }
}
