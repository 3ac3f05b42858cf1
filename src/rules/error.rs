//! Errors in rule sets: each names the file, the rule and what is wrong.

use std::fmt;

/// Something wrong in a rule set, found while loading or checking it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Rule file (relative to the rules directory) at fault.
    pub file: String,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// Id of the rule, gazetteer or macro at fault, when known.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl RuleError {
    /// An error in `file`, not tied to one rule.
    pub fn in_file(file: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            file: file.to_string(),
            line: None,
            rule: None,
            message: message.into(),
        }
    }

    /// An error in rule `rule` of `file`.
    pub fn in_rule(file: &str, rule: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            file: file.to_string(),
            line: None,
            rule: Some(rule.to_string()),
            message: message.into(),
        }
    }

    /// The same error, pointing at `line`.
    pub fn at_line(mut self, line: usize) -> RuleError {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, ": rule '{rule}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RuleError {}

/// Every error found in a rule set (loading goes on past the first one so
/// that `annalist rules check` can list them all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}
