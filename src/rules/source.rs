//! Where rule files come from: the set embedded at build time, a directory,
//! or (for tests) memory.

use super::{RuleError, RULE_FILE_LIMIT};
use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// A rule set's files.
#[derive(Debug, Clone)]
pub enum RuleSource {
    /// The `rules/` directory embedded in the binary.
    Embedded,
    /// A directory on disk.
    Directory(PathBuf),
    /// Files held in memory: (relative path, contents).
    Memory(Vec<(String, String)>),
}

impl RuleSource {
    /// The embedded default rules.
    pub fn embedded() -> RuleSource {
        RuleSource::Embedded
    }

    /// Rules in `dir`.
    pub fn directory(dir: &Path) -> RuleSource {
        RuleSource::Directory(dir.to_path_buf())
    }

    /// Rules held in memory.
    pub fn memory(files: &[(&str, &str)]) -> RuleSource {
        RuleSource::Memory(
            files
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// Human-readable origin.
    pub fn describe(&self) -> String {
        match self {
            RuleSource::Embedded => "embedded rules".to_string(),
            RuleSource::Directory(dir) => dir.display().to_string(),
            RuleSource::Memory(_) => "in-memory rules".to_string(),
        }
    }

    /// The `*.toml` files at the top of the set, sorted by name.
    pub fn toml_files(&self) -> Result<Vec<(String, String)>, RuleError> {
        let mut names: Vec<String> = match self {
            RuleSource::Embedded => EMBEDDED
                .files()
                .map(|f| f.path().to_string_lossy().into_owned())
                .collect(),
            RuleSource::Directory(dir) => std::fs::read_dir(dir)
                .map_err(|e| RuleError::in_file(&dir.display().to_string(), e.to_string()))?
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
            RuleSource::Memory(files) => files
                .iter()
                .map(|(p, _)| p.clone())
                .filter(|p| !p.contains('/'))
                .collect(),
        };
        names.retain(|n| n.ends_with(".toml"));
        names.sort();
        names
            .into_iter()
            .map(|n| self.read(&n).map(|text| (n, text)))
            .collect()
    }

    /// Reads a file of the set by its relative path.
    pub fn read(&self, path: &str) -> Result<String, RuleError> {
        if path.split(['/', '\\']).any(|part| part == "..") || Path::new(path).is_absolute() {
            return Err(RuleError::in_file(
                path,
                "rule files may only name files inside the rules directory",
            ));
        }
        let bytes: Vec<u8> = match self {
            RuleSource::Embedded => EMBEDDED
                .get_file(path)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| RuleError::in_file(path, "no such file in the embedded rules"))?,
            RuleSource::Directory(dir) => {
                let full = dir.join(path);
                let size = std::fs::metadata(&full)
                    .map_err(|e| RuleError::in_file(&full.display().to_string(), e.to_string()))?
                    .len();
                if size > RULE_FILE_LIMIT as u64 {
                    return Err(RuleError::in_file(
                        &full.display().to_string(),
                        format!("file is {size} bytes; the limit is {RULE_FILE_LIMIT}"),
                    ));
                }
                std::fs::read(&full)
                    .map_err(|e| RuleError::in_file(&full.display().to_string(), e.to_string()))?
            }
            RuleSource::Memory(files) => files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, t)| t.clone().into_bytes())
                .ok_or_else(|| RuleError::in_file(path, "no such file"))?,
        };
        String::from_utf8(bytes).map_err(|e| {
            RuleError::in_file(
                path,
                format!(
                    "not UTF-8 (first bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
    }
}
