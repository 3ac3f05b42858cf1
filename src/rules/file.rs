//! The TOML shape of a rule file, before validation.

use super::{
    EntityKind, Gazetteer, GazetteerEntry, RuleError, RuleSource, Settings, GAZETTEER_ENTRY_LIMIT,
};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleFile {
    #[serde(default)]
    pub macros: BTreeMap<String, String>,
    #[serde(default)]
    pub tables: BTreeMap<String, BTreeMap<String, String>>,
    pub settings: Option<RawSettings>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RawRule>,
    #[serde(default, rename = "gazetteer")]
    pub gazetteers: Vec<RawGazetteer>,
}

impl RuleFile {
    pub fn parse(file: &str, text: &str) -> Result<RuleFile, RuleError> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().to_string();
            let error = RuleError::in_file(file, message);
            match line {
                Some(line) => error.at_line(line),
                None => error,
            }
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub pattern: String,
    pub value: Option<String>,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub span: Option<String>,
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub reject: bool,
    #[serde(default)]
    pub case_insensitive: bool,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub negatives: Vec<Negative>,
    /// Free-text explanation; kept for readers of the file.
    #[serde(default)]
    #[allow(dead_code)]
    pub comment: Option<String>,
}

/// A text a rule documents, with what the rule set must find in it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The text to read.
    pub text: String,
    /// The exact span expected; the whole text when absent.
    pub span: Option<String>,
    /// The TIMEX3 value expected (timex rules).
    pub value: Option<String>,
    /// The TIMEX3 mod expected (timex rules).
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// The canonical entity name expected (entity rules).
    pub entity: Option<String>,
    /// The casualty figure expected (casualty rules).
    pub killed: Option<u64>,
    /// Publication time to read against, instead of the set's default.
    pub published: Option<String>,
}

/// A text in which nothing of the rule's type may be found, or only not the
/// given span.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Negative {
    /// Nothing of the rule's type anywhere in the text.
    Text(String),
    /// Nothing of the rule's type on `span` inside `text`.
    Span {
        /// The text to read.
        text: String,
        /// The span that must not be found.
        span: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGazetteer {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub file: String,
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub negatives: Vec<Negative>,
    /// Free-text explanation; kept for readers of the file.
    #[serde(default)]
    #[allow(dead_code)]
    pub comment: Option<String>,
}

impl RawGazetteer {
    pub fn load(&self, file: &str, source: &RuleSource) -> Result<Gazetteer, Vec<RuleError>> {
        let fail = |m: String| vec![RuleError::in_rule(file, &self.id, m)];
        let kind = match self.kind.as_str() {
            "person" => EntityKind::Person,
            "group" => EntityKind::Group,
            "place" => EntityKind::Place,
            other => {
                return Err(fail(format!(
                    "unknown gazetteer type '{other}' (expected person, group or place)"
                )))
            }
        };
        let text = source.read(&self.file).map_err(|e| vec![e])?;
        let (entries, errors) = parse_gazetteer(&self.file, &text);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Gazetteer {
            id: self.id.clone(),
            file: file.to_string(),
            kind,
            entries,
            priority: self.priority,
            examples: self.examples.clone(),
            negatives: self.negatives.clone(),
        })
    }
}

/// Parses a gazetteer: `canonical | alias | alias` a line, `#` comments.
pub(super) fn parse_gazetteer(file: &str, text: &str) -> (Vec<GazetteerEntry>, Vec<RuleError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut forms = line.split('|').map(str::trim);
        let canonical = forms.next().unwrap_or_default();
        let aliases: Vec<String> = forms
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        if canonical.is_empty() {
            errors.push(
                RuleError::in_file(file, "entry has an empty canonical name").at_line(index + 1),
            );
            continue;
        }
        if let Some(long) = std::iter::once(canonical)
            .chain(aliases.iter().map(String::as_str))
            .find(|f| f.len() > GAZETTEER_ENTRY_LIMIT)
        {
            errors.push(
                RuleError::in_file(
                    file,
                    format!(
                        "entry '{}…' is longer than {GAZETTEER_ENTRY_LIMIT} bytes",
                        long.chars().take(30).collect::<String>()
                    ),
                )
                .at_line(index + 1),
            );
            continue;
        }
        entries.push(GazetteerEntry {
            canonical: canonical.to_string(),
            aliases,
        });
    }
    (entries, errors)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSettings {
    pub window_from: Option<i32>,
    pub window_to: Option<i32>,
    pub examples_published: Option<String>,
    pub place_cues: Option<Vec<String>>,
    /// Gazetteer-format file listing ambiguous surface forms.
    pub ambiguous_file: Option<String>,
    pub name_particles: Option<Vec<String>>,
    pub future_tense: Option<String>,
    pub past_tense: Option<String>,
    pub tense_neutral: Option<String>,
    pub future_signals: Option<Vec<String>>,
    pub past_signals: Option<Vec<String>>,
    pub signals: Option<Vec<String>>,
    pub bounding_signals: Option<Vec<String>>,
    pub anchor_sentences: Option<usize>,
    pub abbreviations_file: Option<String>,
}

impl RawSettings {
    pub fn apply(
        &self,
        file: &str,
        source: &RuleSource,
        settings: &mut Settings,
    ) -> Result<(), RuleError> {
        let fail = |m: String| RuleError::in_rule(file, "settings", m);
        if let Some(from) = self.window_from {
            settings.window_from = from;
        }
        if let Some(to) = self.window_to {
            settings.window_to = to;
        }
        if settings.window_from > settings.window_to {
            return Err(fail(format!(
                "window_from {} is after window_to {}",
                settings.window_from, settings.window_to
            )));
        }
        if let Some(p) = &self.examples_published {
            settings.examples_published = p.clone();
        }
        if let Some(cues) = &self.place_cues {
            settings.place_cues = cues.iter().map(|c| c.to_lowercase()).collect();
        }
        if let Some(path) = &self.ambiguous_file {
            let text = source.read(path)?;
            let (entries, mut errors) = parse_gazetteer(path, &text);
            if !errors.is_empty() {
                return Err(errors.remove(0));
            }
            settings.ambiguous = entries
                .into_iter()
                .flat_map(|e| std::iter::once(e.canonical).chain(e.aliases))
                .collect();
        }
        if let Some(particles) = &self.name_particles {
            settings.name_particles = particles.clone();
        }
        // ASCII word boundaries and digits, as in rules: a Unicode `\b`
        // sends every sentence with an accented letter to a slow engine.
        let compile = |what: &str, pattern: &str| {
            super::SentencePattern::new(&super::ascii_classes(pattern))
                .map_err(|e| fail(format!("{what}: invalid regex: {e}")))
        };
        if let Some(p) = &self.future_tense {
            settings.future_tense = Some(compile("future_tense", p)?);
        }
        if let Some(p) = &self.past_tense {
            settings.past_tense = Some(compile("past_tense", p)?);
        }
        if let Some(p) = &self.tense_neutral {
            settings.tense_neutral = Some(compile("tense_neutral", p)?);
        }
        if let Some(words) = &self.future_signals {
            settings.future_signals = words.iter().map(|w| w.to_lowercase()).collect();
        }
        if let Some(words) = &self.past_signals {
            settings.past_signals = words.iter().map(|w| w.to_lowercase()).collect();
        }
        if let Some(s) = &self.signals {
            settings.signals = s.iter().map(|w| w.to_lowercase()).collect();
        }
        if let Some(s) = &self.bounding_signals {
            settings.bounding_signals = s.iter().map(|w| w.to_lowercase()).collect();
        }
        if let Some(n) = self.anchor_sentences {
            settings.anchor_sentences = Some(n);
        }
        if let Some(path) = &self.abbreviations_file {
            let text = source.read(path)?;
            settings.abbreviations = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_lines() {
        let (entries, errors) = parse_gazetteer(
            "g.txt",
            "# comment\nUnited Kingdom | UK | Britain\n\n | x\nLondon\n",
        );
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].aliases, vec!["UK", "Britain"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(4));
    }
}
