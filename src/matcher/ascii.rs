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
/// one byte beyond ASCII.
///
/// The narrowed pattern has the shape of `hir` (the same groups, the same
/// alternatives in the same order, the same repetitions, the same
/// assertions), and its literals and classes match the same ASCII bytes.
/// So over a haystack whose searched bytes are all ASCII, its paths are
/// those of `hir`, in the same order of preference: an engine finds the
/// same match with the same captures. (Assertions look at the bytes around
/// the search as they are, in both.)
pub fn ascii_only(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(literal) => Hir::literal(
            literal
                .0
                .iter()
                .map(|&byte| if byte.is_ascii() { byte } else { BEYOND_ASCII })
                .collect::<Vec<u8>>(),
        ),
        HirKind::Class(class) => Hir::class(Class::Bytes(ascii_class(class))),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(ascii_only(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(ascii_only(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(ascii_only).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(ascii_only).collect()),
    }
}

/// The ASCII members of `class`, and [`BEYOND_ASCII`] if it has others
/// (so that a class of letters beyond ASCII only does not become empty,
/// which would change how the pattern simplifies).
fn ascii_class(class: &Class) -> ClassBytes {
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
    let mut narrowed: Vec<ClassBytesRange> = ranges
        .iter()
        .filter(|&&(start, _)| start < beyond)
        .map(|&(start, end)| ClassBytesRange::new(ascii(start), ascii(end.min(beyond - 1))))
        .collect();
    if ranges.iter().any(|&(_, end)| end >= beyond) {
        narrowed.push(ClassBytesRange::new(BEYOND_ASCII, BEYOND_ASCII));
    }
    ClassBytes::new(narrowed)
}

/// A value below 128 as a byte.
fn ascii(value: u32) -> u8 {
    u8::try_from(value).expect("an ASCII value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
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
        captures_at_each_position(&hir, text) == captures_at_each_position(&ascii_only(&hir), text)
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
        assert!(states(&ascii_only(&hir)) * 10 < states(&hir));
    }

    fn embedded() -> &'static RuleSet {
        static SET: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| RuleSet::embedded().unwrap())
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
                prop_assert_eq!(
                    captures_at_each_position(&rule.hir, &text),
                    captures_at_each_position(&ascii_only(&rule.hir), &text),
                    "rule {}", rule.id
                );
            }
        }
    }
}
