//! Patterns narrowed to ASCII text, for the engines that read the captures
//! of matches made of ASCII bytes.
//!
//! A Unicode class such as `\p{Lu}` or `\w` compiles to a UTF-8 automaton
//! of hundreds of NFA states (a name rule has thousands), and the work of
//! the backtracker and the PikeVM grows with the states of the NFA: the
//! backtracker clears a bit per state and byte at each search. News text is
//! nearly all ASCII, and on ASCII text a pattern narrowed by [`ascii_only`]
//! reads the same captures with a fraction of the states.

use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// The byte that stands for every byte beyond ASCII in a narrowed pattern.
const BEYOND_ASCII: u8 = 0x80;

/// `hir` with every byte beyond ASCII, in literals and classes, replaced by
/// one byte beyond ASCII; `None` when that changes nothing.
///
/// The narrowed pattern has the shape of `hir` (the same groups, the same
/// alternatives in the same order, the same repetitions, the same
/// assertions), and its literals and classes match the same ASCII bytes.
/// So over a haystack whose searched bytes are all ASCII, its paths are
/// those of `hir`, in the same order of preference: an engine finds the
/// same match with the same captures. (Assertions look at the bytes around
/// the search as they are, in both.)
pub fn ascii_only(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(literal) => (!literal.0.is_ascii()).then(|| {
            Hir::literal(
                literal
                    .0
                    .iter()
                    .map(|&byte| if byte.is_ascii() { byte } else { BEYOND_ASCII })
                    .collect::<Vec<u8>>(),
            )
        }),
        HirKind::Class(class) => ascii_class(class).map(|class| Hir::class(Class::Bytes(class))),
        HirKind::Repetition(repetition) => ascii_only(&repetition.sub).map(|sub| {
            Hir::repetition(Repetition {
                sub: Box::new(sub),
                ..repetition.clone()
            })
        }),
        HirKind::Capture(capture) => ascii_only(&capture.sub).map(|sub| {
            Hir::capture(Capture {
                sub: Box::new(sub),
                ..capture.clone()
            })
        }),
        HirKind::Concat(parts) => ascii_parts(parts).map(Hir::concat),
        HirKind::Alternation(parts) => ascii_parts(parts).map(Hir::alternation),
    }
}

/// `parts` narrowed, if that changes any of them.
fn ascii_parts(parts: &[Hir]) -> Option<Vec<Hir>> {
    let narrowed: Vec<Option<Hir>> = parts.iter().map(ascii_only).collect();
    if narrowed.iter().all(Option::is_none) {
        return None;
    }
    Some(
        narrowed
            .into_iter()
            .zip(parts)
            .map(|(narrowed, part)| narrowed.unwrap_or_else(|| part.clone()))
            .collect(),
    )
}

/// The ASCII members of `class`, and [`BEYOND_ASCII`] if it has others
/// (so that a class of letters beyond ASCII only does not become empty,
/// which would change how the pattern simplifies); `None` if it has none.
fn ascii_class(class: &Class) -> Option<ClassBytes> {
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(class) => class
            .iter()
            .map(|range| (u32::from(range.start()), u32::from(range.end())))
            .collect(),
        Class::Bytes(class) => class
            .iter()
            .map(|range| (u32::from(range.start()), u32::from(range.end())))
            .collect(),
    };
    let beyond = u32::from(BEYOND_ASCII);
    if ranges.iter().all(|&(_, end)| end < beyond) {
        return None;
    }
    let mut narrowed: Vec<ClassBytesRange> = ranges
        .iter()
        .filter(|&&(start, _)| start < beyond)
        .map(|&(start, end)| ClassBytesRange::new(ascii(start), ascii(end.min(beyond - 1))))
        .collect();
    narrowed.push(ClassBytesRange::new(BEYOND_ASCII, BEYOND_ASCII));
    Some(ClassBytes::new(narrowed))
}

/// A value below 128 as a byte.
fn ascii(value: u32) -> u8 {
    u8::try_from(value).expect("an ASCII value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::tests::embedded;
    use proptest::prelude::*;
    use regex_automata::nfa::thompson::pikevm::PikeVM;
    use regex_automata::nfa::thompson::NFA;
    use regex_automata::{Anchored, Input};

    /// The spans of every group of the match of `hir` anchored at each
    /// position of `text`.
    fn captures_at_each_position(hir: &Hir, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        let nfa = NFA::compiler().build_from_hir(hir).unwrap();
        let vm = PikeVM::new_from_nfa(nfa).unwrap();
        let mut cache = vm.create_cache();
        let mut captures = vm.create_captures();
        (0..=text.len())
            .map(|at| {
                let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                vm.search(&mut cache, &input, &mut captures);
                (0..captures.group_len())
                    .map(|group| captures.get_group(group).map(|s| (s.start, s.end)))
                    .collect()
            })
            .collect()
    }

    fn same_captures(pattern: &str, text: &str) -> bool {
        let hir = regex_syntax::parse(pattern).unwrap();
        let narrowed = ascii_only(&hir).expect("a pattern beyond ASCII");
        captures_at_each_position(&hir, text) == captures_at_each_position(&narrowed, text)
    }

    #[test]
    fn ascii_text_reads_the_same_captures() {
        let cases = [
            (
                r"(?P<a>\p{Lu}\p{Ll}+) (?:de )?(?P<b>\p{Lu}\p{Ll}+)",
                "Jean de Gaulle said",
            ),
            (r"(?:(?P<w>[\w-]+) ){0,4}soldier", "a young tall soldier"),
            (r"(?P<x>caf[eé]|na[iï]ve)|(?P<y>cafe)", "cafe naive"),
            (r"(?P<x>café)|(?P<y>caf)", "cafe"),
            (r"(?P<x>[^a-z]+)(?P<y>.)", "AB-c"),
            (r"(?i)(?P<k>kelvin|straße|s+)", "KELVIN STRASSE ss"),
            (r"(?P<e>[é])?x", "x"),
        ];
        for (pattern, text) in cases {
            assert!(same_captures(pattern, text), "{pattern} on {text}");
        }
    }

    #[test]
    fn unicode_classes_lose_their_states() {
        let hir = regex_syntax::parse(r"\p{Lu}\p{Ll}+").unwrap();
        let states = |hir: &Hir| NFA::compiler().build_from_hir(hir).unwrap().states().len();
        assert!(states(&ascii_only(&hir).unwrap()) * 10 < states(&hir));
        assert_eq!(
            ascii_only(&regex_syntax::parse(r"(?-u:\b)[a-z]+ (?P<y>[0-9]{4})").unwrap()),
            None
        );
    }

    const WORDS: &[&str] = &[
        "Khalid Masood, the 52-year-old",
        "Lee Rigby, a soldier,",
        "President Obama",
        "killed 52",
        "almost 33 months ago",
        "on 14 July 2016",
        "March 22, 2017",
        "de",
        "al-Adnani",
        "O'Neil-Smith",
        "twenty-one",
        "Ministry of Defence",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        /// Every embedded rule reads the same captures on ASCII text.
        #[test]
        fn embedded_rules_read_the_same_captures_on_ascii_text(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(WORDS).prop_map(str::to_string),
                    "[A-Za-z0-9 ,.'-]{0,8}",
                ],
                0..8,
            )
        ) {
            let text = parts.join(" ");
            for rule in &embedded().rules {
                let Some(narrowed) = ascii_only(&rule.hir) else { continue };
                prop_assert_eq!(
                    captures_at_each_position(&rule.hir, &text),
                    captures_at_each_position(&narrowed, &text),
                    "rule {}", rule.id
                );
            }
        }
    }
}
