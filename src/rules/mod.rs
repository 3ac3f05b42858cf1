//! Rule sets: the TOML rule files, macros, normalisation tables and
//! gazetteers that drive extraction.
//!
//! A rule set is a directory. Every `*.toml` file in it may hold:
//!
//! * `[macros]` — named regex fragments, used in patterns as `{NAME}`;
//!   `{LIST:name}` expands to the entries of `gazetteers/name.txt`;
//! * `[tables.NAME]` — normalisation tables (`july = "07"`);
//! * `[settings]` — the window, cue words and the like (see [`Settings`]);
//! * `[[rule]]` — one extraction pattern with an id and a type;
//! * `[[gazetteer]]` — a plain-text list of names of one type.
//!
//! The default set is embedded in the binary; `--rules DIR` loads another.

mod error;
mod file;
mod lists;
mod macros;
mod source;
pub mod template;

pub use error::{RuleError, RuleErrors};
pub use file::{Example, Negative};
pub use source::RuleSource;
pub use template::{Tables, Template};

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// Largest compiled size of one rule's regex; a pattern past it is refused
/// with an error naming the rule instead of exhausting memory.
pub const REGEX_SIZE_LIMIT: usize = 64 << 20;
/// Largest rule file or gazetteer read.
pub const RULE_FILE_LIMIT: usize = 32 << 20;
/// Longest gazetteer entry, in bytes.
pub const GAZETTEER_ENTRY_LIMIT: usize = 200;

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// A temporal expression of a TIMEX3 type.
    Timex(TimexKind),
    /// A mention of a person, group or place.
    Entity(EntityKind),
    /// A word that names what happened (attack, killed, …).
    Trigger,
    /// A casualty figure; the rule's `n` capture holds the number.
    Casualty,
}

impl RuleKind {
    fn parse(text: &str) -> Option<RuleKind> {
        Some(match text {
            "DATE" => RuleKind::Timex(TimexKind::Date),
            "TIME" => RuleKind::Timex(TimexKind::Time),
            "DURATION" => RuleKind::Timex(TimexKind::Duration),
            "SET" => RuleKind::Timex(TimexKind::Set),
            "person" => RuleKind::Entity(EntityKind::Person),
            "group" => RuleKind::Entity(EntityKind::Group),
            "place" => RuleKind::Entity(EntityKind::Place),
            "trigger" => RuleKind::Trigger,
            "casualty" => RuleKind::Casualty,
            _ => return None,
        })
    }
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexKind {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
}

impl TimexKind {
    /// The TIMEX3 type name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// Entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, armed group, party, agency.
    Group,
    /// A country, region, city or landmark.
    Place,
}

impl EntityKind {
    /// The type name used in output and entity ids.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Group => "group",
            EntityKind::Place => "place",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One regex rule, compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id across the rule set.
    pub id: String,
    /// File it was read from.
    pub file: String,
    /// What it finds.
    pub kind: RuleKind,
    /// The pattern after macro expansion, as compiled: ASCII `\b` and `\d`,
    /// and `(?i)` first for a case-insensitive rule.
    pub pattern: String,
    /// The pattern's syntax tree.
    pub hir: regex_syntax::hir::Hir,
    /// The pattern compiled, checked against [`REGEX_SIZE_LIMIT`].
    pub nfa: regex_automata::nfa::thompson::NFA,
    regex: OnceLock<Regex>,
    /// Index of the capture that delimits the span (`span`, or `name` for
    /// entity rules); the whole match when absent.
    pub span_group: Option<usize>,
    /// Wins ties between overlapping candidates of equal length.
    pub priority: i32,
    /// A negative rule: its matches remove overlapping candidates of its type.
    pub reject: bool,
    /// TIMEX3 value template (timex rules).
    pub value: Option<Template>,
    /// TIMEX3 mod template (timex rules).
    pub modifier: Option<Template>,
    /// Texts the rule set must read as documented.
    pub examples: Vec<Example>,
    /// Texts in which the rule set must find nothing of this rule's type.
    pub negatives: Vec<Negative>,
}

impl Rule {
    /// The pattern as a `regex` crate [`Regex`], built on first use (the
    /// matcher does not need it).
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            RegexBuilder::new(&self.pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .expect("a pattern that compiled to an NFA within the limit compiles")
        })
    }
}

/// A list of names of one entity type.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Unique id.
    pub id: String,
    /// File declaring it.
    pub file: String,
    /// Type of every entry.
    pub kind: EntityKind,
    /// Entries in file order.
    pub entries: Vec<GazetteerEntry>,
    /// Wins ties against regex rules of equal length.
    pub priority: i32,
    /// Examples, as for rules.
    pub examples: Vec<Example>,
    /// Negative examples, as for rules.
    pub negatives: Vec<Negative>,
}

/// One line of a gazetteer: `canonical | alias | alias`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Canonical name; also a surface form.
    pub canonical: String,
    /// Other surface forms.
    pub aliases: Vec<String>,
}

/// A pattern searched for in whole sentences (the tense cues), with a twin
/// for sentences of ASCII text.
///
/// News text is nearly all ASCII. On ASCII text the twin, the same pattern
/// with Unicode off (`(?-u)`: ASCII classes and case folding), finds the
/// same matches: a class's ASCII members are the same either way, and a
/// case-insensitive ASCII letter's only other ASCII spelling is its other
/// case in both. But its automaton has a few dozen byte classes where the
/// Unicode pattern's has hundreds, so each of its states is far cheaper
/// to build.
#[derive(Debug, Clone)]
pub struct SentencePattern {
    regex: Regex,
    /// `None` where Unicode cannot be turned off (`\p{…}`).
    ascii: Option<regex::bytes::Regex>,
}

impl SentencePattern {
    /// Compiles `pattern` and its ASCII twin.
    pub fn new(pattern: &str) -> Result<SentencePattern, regex::Error> {
        let regex = Regex::new(pattern)?;
        let ascii = regex::bytes::Regex::new(&format!("(?-u){pattern}")).ok();
        Ok(SentencePattern { regex, ascii })
    }

    /// The pattern, as compiled for any text.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// The spans of the successive matches in `text`, as
    /// [`Regex::find_iter`] gives them, to `each`.
    pub fn for_each_match(&self, text: &str, mut each: impl FnMut(usize, usize)) {
        match &self.ascii {
            Some(ascii) if text.is_ascii() => {
                for m in ascii.find_iter(text.as_bytes()) {
                    each(m.start(), m.end());
                }
            }
            _ => {
                for m in self.regex.find_iter(text) {
                    each(m.start(), m.end());
                }
            }
        }
    }
}

/// Settings of a rule set (from `[settings]`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// First year of the timeline window.
    pub window_from: i32,
    /// Last year of the timeline window.
    pub window_to: i32,
    /// Publication time the examples are read against (Duckling's fixed
    /// reference time).
    pub examples_published: String,
    /// Words before a name that mark it as a place (`in`, `near`).
    pub place_cues: FxHashSet<String>,
    /// Surface forms that are also common words: accepted from a gazetteer
    /// only after a cue word, never at the start of a sentence alone.
    pub ambiguous: FxHashSet<String>,
    /// Particles that open a surname (`al-`, `bin`, `van`).
    pub name_particles: Vec<String>,
    /// Sentence cues of future tense.
    pub future_tense: Option<SentencePattern>,
    /// Sentence cues of past tense.
    pub past_tense: Option<SentencePattern>,
    /// What looks like a tense cue but is not one ("will be held": the
    /// participle after `be`; "Atlanta-based").
    pub tense_neutral: Option<SentencePattern>,
    /// Words right before a timex that set its tense whatever the verbs
    /// say: a deadline is ahead ("payable Dec. 1", "until Friday")…
    pub future_signals: FxHashSet<String>,
    /// …a starting point behind ("since March").
    pub past_signals: FxHashSet<String>,
    /// Signal words kept on a timex when they stand right before it.
    pub signals: FxHashSet<String>,
    /// Signals that bound a range (`since`, `until`): a timex after one does
    /// not date an event when its sentence has another date.
    pub bounding_signals: FxHashSet<String>,
    /// How many sentences back an explicit year still anchors a month or
    /// day named without one (`None`: never; the DCT and tense decide).
    pub anchor_sentences: Option<usize>,
    /// Abbreviations that do not end a sentence.
    pub abbreviations: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_from: 2005,
            window_to: 2017,
            examples_published: "2013-02-12T04:30:00".to_string(),
            place_cues: FxHashSet::default(),
            ambiguous: FxHashSet::default(),
            name_particles: Vec::new(),
            future_tense: None,
            past_tense: None,
            tense_neutral: None,
            future_signals: FxHashSet::default(),
            past_signals: FxHashSet::default(),
            signals: FxHashSet::default(),
            bounding_signals: FxHashSet::default(),
            anchor_sentences: None,
            abbreviations: Vec::new(),
        }
    }
}

/// A loaded, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Regex rules in load order (files sorted by name, rules in file order).
    pub rules: Vec<Rule>,
    /// Gazetteers in load order.
    pub gazetteers: Vec<Gazetteer>,
    /// Normalisation tables.
    pub tables: Tables,
    /// Settings.
    pub settings: Settings,
    /// Where the set was loaded from (`embedded` or a directory).
    pub origin: String,
}

impl RuleSet {
    /// The rule set embedded in the binary at build time.
    pub fn embedded() -> Result<RuleSet, RuleErrors> {
        RuleSet::load(&RuleSource::embedded())
    }

    /// Loads a rule set directory.
    pub fn from_dir(dir: &std::path::Path) -> Result<RuleSet, RuleErrors> {
        RuleSet::load(&RuleSource::directory(dir))
    }

    /// Loads and validates every file of `source`, collecting all errors.
    pub fn load(source: &RuleSource) -> Result<RuleSet, RuleErrors> {
        let mut errors = Vec::new();
        let files = match source.toml_files() {
            Ok(files) => files,
            Err(e) => return Err(RuleErrors(vec![e])),
        };
        if files.is_empty() {
            return Err(RuleErrors(vec![RuleError::in_file(
                &source.describe(),
                "no *.toml rule files found",
            )]));
        }
        let mut parsed = Vec::new();
        for (name, text) in &files {
            match file::RuleFile::parse(name, text) {
                Ok(f) => parsed.push((name.clone(), f)),
                Err(e) => errors.push(e),
            }
        }

        let mut tables = Tables::default();
        let mut raw_macros: Vec<(String, String, String)> = Vec::new();
        let mut settings = Settings::default();
        for (name, f) in &parsed {
            for (macro_name, pattern) in &f.macros {
                raw_macros.push((name.clone(), macro_name.clone(), pattern.clone()));
            }
            for (table, entries) in &f.tables {
                let target = tables.entry(table.clone()).or_default();
                for (key, value) in entries {
                    target.insert(template::table_key(key), value.clone());
                }
            }
            if let Some(s) = &f.settings {
                if let Err(e) = s.apply(name, source, &mut settings) {
                    errors.push(e);
                }
            }
        }
        let macro_table = match macros::MacroTable::new(raw_macros) {
            Ok(m) => m,
            Err(mut e) => {
                errors.append(&mut e);
                macros::MacroTable::default()
            }
        };

        let mut ids: HashMap<String, String> = HashMap::new();
        let mut claim_id = |file: &str, id: &str, errors: &mut Vec<RuleError>| -> bool {
            if id.trim().is_empty() {
                errors.push(RuleError::in_file(
                    file,
                    "a rule or gazetteer has an empty id",
                ));
                return false;
            }
            if let Some(first) = ids.get(id) {
                errors.push(RuleError::in_rule(
                    file,
                    id,
                    format!("duplicate id (first defined in {first})"),
                ));
                return false;
            }
            ids.insert(id.to_string(), file.to_string());
            true
        };

        let mut rules = Vec::new();
        let mut gazetteers = Vec::new();
        for (name, f) in &parsed {
            for raw in &f.gazetteers {
                if !claim_id(name, &raw.id, &mut errors) {
                    continue;
                }
                match raw.load(name, source) {
                    Ok(g) => gazetteers.push(g),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            for raw in &f.rules {
                if !claim_id(name, &raw.id, &mut errors) {
                    continue;
                }
                match compile_rule(name, raw, &macro_table, source, &tables) {
                    Ok(rule) => rules.push(rule),
                    Err(e) => errors.push(e),
                }
            }
        }
        for error in &mut errors {
            if let (Some(rule), None) = (&error.rule, error.line) {
                let last = error.message.starts_with("duplicate id");
                error.line = line_of_rule(&files, &error.file, rule, last);
            }
        }
        if errors.is_empty() {
            Ok(RuleSet {
                rules,
                gazetteers,
                tables,
                settings,
                origin: source.describe(),
            })
        } else {
            Err(RuleErrors(errors))
        }
    }
}

/// Rewrites `\b` as `(?-u:\b)` and `\d` as `[0-9]`, leaving escaped
/// backslashes alone.
pub(crate) fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some('d') => out.push_str("[0-9]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The line of `id = "rule"` in `file` (the last such line if `last`), so
/// that errors point at the rule.
fn line_of_rule(files: &[(String, String)], file: &str, rule: &str, last: bool) -> Option<usize> {
    let (_, text) = files.iter().find(|(name, _)| name == file)?;
    let quoted = format!("\"{rule}\"");
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim().starts_with("id") && line.contains(&quoted))
        .map(|(index, _)| index + 1);
    if last {
        lines.last()
    } else {
        lines.next()
    }
}

fn compile_rule(
    file: &str,
    raw: &file::RawRule,
    macros: &macros::MacroTable,
    source: &RuleSource,
    tables: &Tables,
) -> Result<Rule, RuleError> {
    let fail = |message: String| RuleError::in_rule(file, &raw.id, message);
    let kind = RuleKind::parse(&raw.kind).ok_or_else(|| {
        fail(format!(
            "unknown type '{}' (expected DATE, TIME, DURATION, SET, person, group, place, trigger or casualty)",
            raw.kind
        ))
    })?;
    let expansion = macros
        .expand_with_lists(&raw.pattern, source)
        .map_err(&fail)?;
    // Word boundaries are ASCII: Unicode \b makes the lazy DFA give up on
    // the first non-ASCII byte and fall back to a far slower engine, and
    // name and date patterns only need ASCII letters and digits at their
    // edges (a letter such as "é" next to a match still counts as a word
    // character for the gazetteers, which check boundaries themselves).
    // Digits are ASCII too: what a rule reads as a number must parse as one,
    // and a small class lets the matcher tell where a match can begin.
    let mut pattern = ascii_classes(&expansion.text);
    if raw.case_insensitive {
        pattern.insert_str(0, "(?i)");
    }
    // Parsing and compiling the NFA checks the pattern and its size; the
    // matcher builds its engines from that NFA, and the regex crate's
    // `Regex` is only built if asked for ([`Rule::regex`]).
    // (A case-insensitive rule reads its lists' names with `(?i)`: those
    // are parsed in full.)
    let with_lists = (!raw.case_insensitive)
        .then(|| lists::parse(&expansion))
        .flatten();
    let hir = match with_lists {
        Some(hir) => hir,
        None => regex_syntax::Parser::new()
            .parse(&pattern)
            .map_err(|e| fail(format!("invalid regex: {e}")))?,
    };
    let nfa = regex_automata::nfa::thompson::Compiler::new()
        .configure(
            regex_automata::nfa::thompson::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)),
        )
        .build_from_hir(&hir)
        .map_err(|e| fail(format!("invalid regex: {e}")))?;
    let capture_names: Vec<Option<&str>> = nfa
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .collect();
    let group_names: Vec<&str> = capture_names.iter().flatten().copied().collect();
    let span_name = raw.span.clone().or_else(|| {
        ["span", "name"]
            .into_iter()
            .find(|n| group_names.contains(n))
            .map(str::to_string)
    });
    let span_group = match &span_name {
        None => None,
        Some(name) => Some(
            capture_names
                .iter()
                .position(|n| *n == Some(name.as_str()))
                .ok_or_else(|| fail(format!("span capture '{name}' is not in the pattern")))?,
        ),
    };
    let parse_template =
        |text: &Option<String>, what: &str| -> Result<Option<Template>, RuleError> {
            let Some(text) = text else { return Ok(None) };
            let template = Template::parse(text).map_err(|e| fail(format!("{what}: {e}")))?;
            for capture in template.captures() {
                if !group_names.contains(&capture) {
                    return Err(fail(format!(
                        "{what} uses capture '{capture}', which the pattern does not define"
                    )));
                }
            }
            for function in template.functions() {
                if !template::BUILTINS.contains(&function) && !tables.contains_key(function) {
                    return Err(fail(format!(
                        "{what} calls unknown normalisation function or table '{function}'"
                    )));
                }
            }
            Ok(Some(template))
        };
    let value = parse_template(&raw.value, "value")?;
    let modifier = parse_template(&raw.modifier, "mod")?;
    match kind {
        RuleKind::Timex(_) if value.is_none() && !raw.reject => {
            return Err(fail("a timex rule needs a value template".to_string()))
        }
        RuleKind::Casualty if !group_names.contains(&"n") => {
            return Err(fail(
                "a casualty rule needs a capture named 'n'".to_string(),
            ))
        }
        _ => {}
    }
    Ok(Rule {
        id: raw.id.clone(),
        file: file.to_string(),
        kind,
        pattern,
        hir,
        nfa,
        regex: OnceLock::new(),
        span_group,
        priority: raw.priority,
        reject: raw.reject,
        value,
        modifier,
        examples: raw.examples.clone(),
        negatives: raw.negatives.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<RuleSet, RuleErrors> {
        RuleSet::load(&RuleSource::memory(files))
    }

    #[test]
    fn the_embedded_rule_set_loads() {
        let set = RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(set.rules.len() > 10);
        assert!(!set.gazetteers.is_empty());
    }

    #[test]
    fn errors_name_file_rule_and_fault() {
        let err = load(&[(
            "dates.toml",
            r#"
[[rule]]
id = "bad-regex"
type = "DATE"
pattern = "(unclosed"
value = "2017"

[[rule]]
id = "bad-macro"
type = "DATE"
pattern = "{NOPE}"
value = "2017"

[[rule]]
id = "bad-function"
type = "DATE"
pattern = "(?P<y>\\d{4})"
value = "{y|nosuch}"

[[rule]]
id = "bad-function"
type = "DATE"
pattern = "x"
value = "2017"
"#,
        )])
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("dates.toml:3: rule 'bad-regex': invalid regex"),
            "{err}"
        );
        assert!(
            err.contains("rule 'bad-macro': unknown macro 'NOPE'"),
            "{err}"
        );
        assert!(
            err.contains("unknown normalisation function or table 'nosuch'"),
            "{err}"
        );
        assert!(
            err.contains("dates.toml:21: rule 'bad-function': duplicate id"),
            "{err}"
        );
    }

    #[test]
    fn limits_are_errors_not_exhaustion() {
        let long = format!("{}\n", "x".repeat(GAZETTEER_ENTRY_LIMIT + 1));
        let err = load(&[
            (
                "big.toml",
                "[[rule]]\nid = \"huge\"\ntype = \"DATE\"\npattern = '(?:\\w{1000}){1000}'\nvalue = \"2017\"\n\n[[gazetteer]]\nid = \"g\"\ntype = \"place\"\nfile = \"gazetteers/long.txt\"\n",
            ),
            ("gazetteers/long.txt", long.as_str()),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("big.toml:2: rule 'huge': invalid regex"),
            "{err}"
        );
        assert!(err.contains("gazetteers/long.txt:1: entry"), "{err}");
    }

    #[test]
    fn word_boundaries_and_digits_become_ascii() {
        assert_eq!(ascii_classes(r"\bx\\b\d"), r"(?-u:\b)x\\b[0-9]");
        assert_eq!(ascii_classes(r"[\d,]"), r"[[0-9],]");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let err = load(&[("x.toml", "[[rule]]\nid = \"a\"\ntype = \n")])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:3"), "{err}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = load(&[(
            "x.toml",
            "[[rule]]\nid = \"a\"\ntype = \"place\"\npatern = \"x\"\n",
        )])
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown field `patern`"), "{err}");
    }

    fn spans(pattern: &SentencePattern, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        pattern.for_each_match(text, |start, end| found.push((start, end)));
        found
    }

    fn unicode_spans(pattern: &SentencePattern, text: &str) -> Vec<(usize, usize)> {
        let regex = pattern.regex();
        regex
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    fn shipped_tense_patterns() -> &'static [SentencePattern] {
        static PATTERNS: OnceLock<Vec<SentencePattern>> = OnceLock::new();
        PATTERNS.get_or_init(|| {
            let set = RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"));
            let settings = set.settings;
            [
                settings.future_tense,
                settings.past_tense,
                settings.tense_neutral,
            ]
            .into_iter()
            .map(|p| p.expect("the shipped settings have every tense pattern"))
            .collect()
        })
    }

    #[test]
    fn a_sentence_pattern_finds_the_same_in_ascii_and_unicode_text() {
        let pattern = SentencePattern::new(r"(?i)\bwill\s+\w+").unwrap();
        assert!(pattern.ascii.is_some());
        let ascii = "They WILL meet, and we will see.";
        assert_eq!(spans(&pattern, ascii), vec![(5, 14), (23, 31)]);
        // Not ASCII: the Unicode pattern reads it, so `\w` takes "é" in.
        let accented = "Ils will étudier.";
        assert_eq!(spans(&pattern, accented), vec![(4, 17)]);
        assert_eq!(spans(&pattern, accented), unicode_spans(&pattern, accented));
        // KELVIN SIGN folds to k only with Unicode on.
        let kelvin = SentencePattern::new(r"(?i)kept").unwrap();
        assert_eq!(spans(&kelvin, "\u{212A}ept it"), vec![(0, 6)]);
        assert_eq!(spans(&kelvin, "KEPT it"), vec![(0, 4)]);
    }

    #[test]
    fn a_sentence_pattern_without_an_ascii_twin_still_matches() {
        let pattern = SentencePattern::new(r"\p{Greek}+|said").unwrap();
        assert_eq!(spans(&pattern, "he said"), vec![(3, 7)]);
        assert_eq!(spans(&pattern, "αβγ said"), vec![(0, 6), (7, 11)]);
    }

    use proptest::prelude::Strategy;

    proptest::proptest! {
        #[test]
        fn the_shipped_tense_cues_match_alike_with_unicode_off_on_ascii_text(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "will", "WILL", "is", "be", "been", "held", "said", "going", "to",
                        "plans", "planned", "due", "on", "expected", "had", "has", "was",
                        "would", "won't", "Atlanta-based", "set", "next", "last", "ago",
                    ])
                    .prop_map(str::to_string),
                    "[ -~]{0,6}",
                ],
                0..14,
            ),
            separators in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", ", ", "-", "\n", "'", ". "]),
                14,
            ),
        ) {
            let text: String = words
                .iter()
                .zip(&separators)
                .flat_map(|(w, s)| [w.as_str(), *s])
                .collect();
            for pattern in shipped_tense_patterns() {
                proptest::prop_assert!(pattern.ascii.is_some());
                proptest::prop_assert_eq!(spans(pattern, &text), unicode_spans(pattern, &text));
            }
        }
    }
}
