//! List macros put into a pattern's syntax tree as literals.
//!
//! A `{LIST:name}` macro expands to an alternation of thousands of escaped
//! names; parsing that as regex syntax, only to find literals again, took
//! a fifth of startup. Where the names would be read with the default
//! flags (case-sensitive, Unicode, no `x`), the pattern is parsed with a
//! placeholder for each list ([`Expansion::skeleton`]), and the tree that
//! parsing the full text gives is rebuilt around the lists' alternations,
//! built with the same constructors the parser uses.

use super::macros::{Expansion, LIST_PLACEHOLDER};
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

/// The only flag group that other parts of a pattern may hold: the ASCII
/// word boundary of [`super::ascii_classes`], closed at once.
const ASCII_BOUNDARY: &[u8] = br"(?-u:\b)";

/// The syntax tree of `expansion`'s text as compiled, after
/// [`super::ascii_classes`] (which leaves the placeholders alone), for a
/// case-sensitive rule; `None` when the pattern has no list, or when the
/// tree cannot be sure to be that of the full text, which is then parsed
/// instead (as are patterns with errors, so that the message is the
/// parser's).
pub(super) fn parse(expansion: &Expansion) -> Option<Hir> {
    if expansion.lists.is_empty() {
        return None;
    }
    let skeleton = super::ascii_classes(&expansion.skeleton);
    if !placeholders_read_as_literals(skeleton.as_bytes(), expansion.lists.len()) {
        return None;
    }
    let parsed = regex_syntax::Parser::new().parse(&skeleton).ok()?;
    let mut lists = expansion.lists.iter().map(|forms| alternation(forms));
    let mut placeholders = 0;
    let hir = substitute(parsed, &mut lists, &mut placeholders);
    // Every placeholder became its list: none was lost to a rewrite, and
    // the pattern had no other.
    (placeholders == expansion.lists.len()).then_some(hir)
}

/// The alternation of `forms`, as the parser builds `(?:a|b|…)` of
/// escaped literals.
fn alternation(forms: &[String]) -> Hir {
    Hir::alternation(
        forms
            .iter()
            .map(|form| Hir::literal(form.as_bytes()))
            .collect(),
    )
}

/// Whether `skeleton` holds `count` placeholders, each where the parser
/// reads a group and with the default flags: no flag group other than the
/// placeholders and [`ASCII_BOUNDARY`] (a `(?i)` or `(?x)` would change how
/// a list's names read), escapes stepped over.
fn placeholders_read_as_literals(skeleton: &[u8], count: usize) -> bool {
    let placeholder = LIST_PLACEHOLDER.as_bytes();
    let mut found = 0;
    let mut at = 0;
    while at < skeleton.len() {
        let rest = &skeleton[at..];
        if rest.starts_with(placeholder) {
            found += 1;
            at += placeholder.len();
        } else if rest.starts_with(ASCII_BOUNDARY) {
            at += ASCII_BOUNDARY.len();
        } else if rest.starts_with(b"\\") {
            at += 2;
        } else if rest.starts_with(b"(?") {
            let plain_group = [&b"(?:"[..], b"(?P<", b"(?<"]
                .iter()
                .any(|opening| rest.starts_with(opening));
            if !plain_group {
                return false;
            }
            at += 2;
        } else {
            at += 1;
        }
    }
    found == count
}

/// `hir` with each placeholder replaced by the next of `lists` (counted
/// in `placeholders`), the nodes above rebuilt with the parser's
/// constructors, which merge literals and flatten alternations as they
/// would have with the list in place. (Their rewrites keep what a tree
/// matches, and the placeholder takes part in none of them, so the tree
/// matches what the full pattern does whatever its shape.)
fn substitute(hir: Hir, lists: &mut impl Iterator<Item = Hir>, placeholders: &mut usize) -> Hir {
    if !has_placeholder(&hir) {
        return hir;
    }
    if is_placeholder(&hir) {
        *placeholders += 1;
        return lists.next().unwrap_or_else(Hir::fail);
    }
    let mut rebuild = |sub: Hir| substitute(sub, lists, placeholders);
    match hir.into_kind() {
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(rebuild(*capture.sub)),
            ..capture
        }),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(rebuild(*repetition.sub)),
            ..repetition
        }),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(rebuild).collect()),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.into_iter().map(rebuild).collect())
        }
        kind @ (HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_)) => {
            unreachable!("{kind:?} holds no placeholder")
        }
    }
}

/// Whether `hir` is the tree of [`LIST_PLACEHOLDER`].
fn is_placeholder(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(repetition) => {
            repetition.min == 2
                && repetition.max == Some(2)
                && repetition.greedy
                && matches!(repetition.sub.kind(), HirKind::Literal(literal) if *literal.0 == *"\u{10FFFF}".as_bytes())
        }
        _ => false,
    }
}

/// Whether a placeholder is in `hir`.
fn has_placeholder(hir: &Hir) -> bool {
    is_placeholder(hir)
        || match hir.kind() {
            HirKind::Capture(capture) => has_placeholder(&capture.sub),
            HirKind::Repetition(repetition) => has_placeholder(&repetition.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_placeholder),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
        }
}

#[cfg(test)]
mod tests {
    use crate::rules::{RuleSet, RuleSource};

    /// Every rule's tree is the one parsing its full pattern gives.
    fn assert_trees_as_parsed(set: &RuleSet) {
        for rule in &set.rules {
            let parsed = regex_syntax::Parser::new().parse(&rule.pattern).unwrap();
            assert_eq!(rule.hir, parsed, "rule {}", rule.id);
        }
    }

    #[test]
    fn embedded_rules_have_the_trees_of_their_patterns() {
        assert_trees_as_parsed(&RuleSet::embedded().unwrap_or_else(|e| panic!("{e}")));
    }

    #[test]
    fn lists_anywhere_give_the_trees_of_their_patterns() {
        let patterns = [
            // Names sharing a prefix, after a literal: the prefix merges.
            r"Mr {LIST:shared}",
            r"\b(?P<name>{LIST:names}(?: [A-Z][a-z]+){1,3})\b",
            r"(?:{LIST:names}|{LIST:shared}|Zed)\b",
            r"(?:{LIST:one}|x)y",
            r"a{LIST:one}b",
            r"(?:{LIST:letters})+",
            r"{LIST:names}{0}",
            r"(?i:{LIST:names}) {LIST:shared}",
            r"(?i){LIST:names}",
            r"(?x){LIST:names}",
            r"\({LIST:names}",
            r"\\{LIST:names}",
            r"[(]{LIST:names}",
            r"(?-u:\B){LIST:names}",
            r"(?:\x{10FFFF}{2}){LIST:names}",
            r"(?:{LIST:names}|\x{10FFFF}{2})",
            r"(?-u:{LIST:names})",
            r"(?P<n>{LIST:names})\d",
        ];
        let mut files = vec![
            (
                "gazetteers/names.txt",
                "Abu\nAbu Bakr\nLee | Li\nZoë\nO'Neil\na.b\n",
            ),
            ("gazetteers/shared.txt", "Abe\nAbi\nAbel\n"),
            ("gazetteers/one.txt", "Only\n"),
            ("gazetteers/letters.txt", "a\nb\nc\n"),
        ];
        let rules: String = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| format!("[[rule]]\nid = \"r{i}\"\ntype = \"place\"\npattern = '{p}'\n\n"))
            .collect();
        files.push(("lists.toml", &rules));
        let set = RuleSet::load(&RuleSource::memory(&files)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(set.rules.len(), patterns.len());
        assert_trees_as_parsed(&set);
    }

    #[test]
    fn lists_are_put_in_only_where_read_with_default_flags() {
        let table = crate::rules::macros::MacroTable::default();
        let source = RuleSource::memory(&[("gazetteers/names.txt", "Abu\nLee\n")]);
        let tree = |pattern: &str| {
            let expansion = table.expand_with_lists(pattern, &source).unwrap();
            super::parse(&expansion)
        };
        assert!(tree(r"\b(?P<name>{LIST:names}) [A-Z]").is_some());
        assert!(tree(r"{LIST:names} \d+\b").is_some());
        assert!(tree(r"[A-Z]+").is_none(), "no list");
        assert!(tree(r"(?i:x){LIST:names}").is_none());
        assert!(tree(r"(?x){LIST:names}").is_none());
        assert!(tree(r"(?:\x{10FFFF}{2}){LIST:names}").is_none());
        assert!(tree(r"(?:{LIST:names}){0}").is_none());
        assert!(tree(r"\\{LIST:names}").is_some());
    }
}
