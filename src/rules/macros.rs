//! Named regex fragments (`{MONTH}`) and list macros (`{LIST:first_names}`).

use super::{file::parse_gazetteer, RuleError, RuleSource};
use std::collections::HashMap;

/// Macros of a rule set, gathered from every file's `[macros]` table.
#[derive(Debug, Default)]
pub(super) struct MacroTable {
    macros: HashMap<String, String>,
}

fn is_macro_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

impl MacroTable {
    /// Builds the table from (file, name, pattern) triples.
    pub fn new(raw: Vec<(String, String, String)>) -> Result<MacroTable, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut macros = HashMap::new();
        let mut origin: HashMap<String, String> = HashMap::new();
        for (file, name, pattern) in raw {
            if !is_macro_name(&name) {
                errors.push(RuleError::in_rule(
                    &file,
                    &name,
                    "macro names are upper case letters, digits and _",
                ));
            } else if let Some(first) = origin.get(&name) {
                errors.push(RuleError::in_rule(
                    &file,
                    &name,
                    format!("macro defined twice (first in {first})"),
                ));
            } else {
                origin.insert(name.clone(), file);
                macros.insert(name, pattern);
            }
        }
        if errors.is_empty() {
            Ok(MacroTable { macros })
        } else {
            Err(errors)
        }
    }

    /// Expands every `{NAME}` and `{LIST:name}` in `pattern`, recursively.
    /// Regex repetitions such as `{1,3}` are left alone.
    #[cfg(test)]
    pub fn expand(&self, pattern: &str, source: &RuleSource) -> Result<String, String> {
        self.expand_with_lists(pattern, source)
            .map(|expansion| expansion.text)
    }

    /// [`MacroTable::expand`], also giving what the list macros read.
    pub fn expand_with_lists(
        &self,
        pattern: &str,
        source: &RuleSource,
    ) -> Result<Expansion, String> {
        let mut expansion = Expansion::default();
        self.expand_into(pattern, source, 0, &mut expansion)?;
        Ok(expansion)
    }

    fn expand_into(
        &self,
        pattern: &str,
        source: &RuleSource,
        depth: usize,
        out: &mut Expansion,
    ) -> Result<(), String> {
        if depth > 16 {
            return Err("macros nest more than 16 deep (a macro refers to itself?)".to_string());
        }
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return Ok(());
            };
            let name = &after[..close];
            if let Some(list) = name.strip_prefix("LIST:") {
                out.push_list(list_forms(list, source)?);
            } else if is_macro_name(name) {
                let body = self
                    .macros
                    .get(name)
                    .ok_or_else(|| format!("unknown macro '{name}'"))?;
                out.push_str("(?:");
                self.expand_into(body, source, depth + 1, out)?;
                out.push_str(")");
            } else {
                out.push_str("{");
                out.push_str(name);
                out.push_str("}");
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(())
    }
}

/// What stands for a list macro in [`Expansion::skeleton`]: a node that no
/// constructor of the syntax tree merges with its neighbours (not a
/// literal, class or concatenation) nor reads as empty (not an assertion,
/// whose repetitions are cut to one), and that no rule has a use for.
pub(super) const LIST_PLACEHOLDER: &str = r"(?:\x{10FFFF}{2})";

/// A pattern with its macros expanded.
#[derive(Debug, Default)]
pub(super) struct Expansion {
    /// The pattern in full, each list macro as an alternation of its
    /// escaped forms.
    pub text: String,
    /// The same with [`LIST_PLACEHOLDER`] for each list macro: parsing a
    /// list of thousands of names as regex syntax, only to find literals,
    /// took a fifth of startup, so they can be put in the syntax tree
    /// directly ([`super::lists::parse`]).
    pub skeleton: String,
    /// The forms of each list macro, in the order of the pattern, as the
    /// alternation lists them.
    pub lists: Vec<Vec<String>>,
}

impl Expansion {
    fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
        self.skeleton.push_str(text);
    }

    fn push_list(&mut self, forms: Vec<String>) {
        self.text.push_str("(?:");
        for (i, form) in forms.iter().enumerate() {
            if i > 0 {
                self.text.push('|');
            }
            self.text.push_str(&regex::escape(form));
        }
        self.text.push(')');
        self.skeleton.push_str(LIST_PLACEHOLDER);
        self.lists.push(forms);
    }
}

/// The forms of `gazetteers/NAME.txt`, longest first (then in byte order),
/// each once: an alternation of them tries the longest name first.
fn list_forms(name: &str, source: &RuleSource) -> Result<Vec<String>, String> {
    let path = format!("gazetteers/{name}.txt");
    let text = source
        .read(&path)
        .map_err(|e| format!("{{LIST:{name}}}: {}", e.message))?;
    let (entries, errors) = parse_gazetteer(&path, &text);
    if let Some(e) = errors.first() {
        return Err(format!("{{LIST:{name}}}: {e}"));
    }
    let mut forms: Vec<String> = entries
        .into_iter()
        .flat_map(|e| std::iter::once(e.canonical).chain(e.aliases))
        .collect();
    if forms.is_empty() {
        return Err(format!("{{LIST:{name}}}: {path} has no entries"));
    }
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    Ok(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> MacroTable {
        MacroTable::new(
            pairs
                .iter()
                .map(|(n, p)| ("m.toml".to_string(), n.to_string(), p.to_string()))
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn expands_nested_macros_and_keeps_repetitions() {
        let t = table(&[
            ("DAY", r"\d{1,2}"),
            ("DATE", "{DAY} {MONTH}"),
            ("MONTH", "May|June"),
        ]);
        let source = RuleSource::memory(&[]);
        assert_eq!(
            t.expand("{DATE}{2}", &source).unwrap(),
            r"(?:(?:\d{1,2}) (?:May|June)){2}"
        );
    }

    #[test]
    fn unknown_and_recursive_macros_are_errors() {
        let t = table(&[("LOOP", "{LOOP}")]);
        let source = RuleSource::memory(&[]);
        assert!(t
            .expand("{NOPE}", &source)
            .unwrap_err()
            .contains("unknown macro 'NOPE'"));
        assert!(t.expand("{LOOP}", &source).unwrap_err().contains("16 deep"));
    }

    #[test]
    fn list_macros_read_gazetteers() {
        let t = table(&[]);
        let source = RuleSource::memory(&[("gazetteers/names.txt", "Abu\nAbu Bakr\nLee\n")]);
        assert_eq!(
            t.expand("{LIST:names}", &source).unwrap(),
            "(?:Abu Bakr|Abu|Lee)"
        );
        assert!(t.expand("{LIST:missing}", &source).is_err());
    }
}
