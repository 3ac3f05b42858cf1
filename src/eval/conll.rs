//! CoNLL-2003 gold (one token a line, IOB tags) and exact-span entity
//! scores: PER, ORG and LOC against person, group and place; MISC is left
//! out of the gold, so a prediction on it counts as a false positive.

use super::metrics::commonest;
use super::Prf;
use crate::Extractor;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// One rebuilt document: tokens joined by spaces, sentences by newlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllDoc {
    /// `NAME-N`, counted from 1.
    pub id: String,
    /// The text.
    pub text: String,
    /// The dateline's date, when the document has one.
    pub published: Option<NaiveDate>,
    /// Gold entities (code-point offsets into `text`).
    pub spans: Vec<GoldSpan>,
}

/// A gold entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSpan {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Text.
    pub text: String,
    /// `person`, `group` or `place`.
    pub kind: &'static str,
}

struct Token {
    text: String,
    tag: String,
}

fn kind_of(label: &str) -> Option<&'static str> {
    match label {
        "PER" => Some("person"),
        "ORG" => Some("group"),
        "LOC" => Some("place"),
        _ => None,
    }
}

/// A dateline: a short sentence ending in a YYYY-MM-DD date.
fn dateline(sentence: &[Token]) -> Option<NaiveDate> {
    if sentence.len() > 6 {
        return None;
    }
    NaiveDate::parse_from_str(&sentence.last()?.text, "%Y-%m-%d").ok()
}

/// Parses a CoNLL file in either layout (`token POS chunk NER`, or
/// `token NER 0`); the error names the line.
pub fn parse_conll(name: &str, text: &str) -> Result<Vec<ConllDoc>, String> {
    // Documents as lists of sentences.
    let mut docs: Vec<Vec<Vec<Token>>> = vec![Vec::new()];
    let mut sentence: Vec<Token> = Vec::new();
    let mut marked = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if let (false, Some(doc)) = (sentence.is_empty(), docs.last_mut()) {
                doc.push(std::mem::take(&mut sentence));
            }
            marked = true;
            docs.push(Vec::new());
            continue;
        }
        if line.is_empty() {
            if !sentence.is_empty() {
                if let Some(doc) = docs.last_mut() {
                    doc.push(std::mem::take(&mut sentence));
                }
            }
            continue;
        }
        let columns: Vec<&str> = line.split_whitespace().collect();
        let tag = match columns.len() {
            4 => columns[3],
            3 if columns[2] == "0" => columns[1],
            2 => columns[1],
            _ => {
                return Err(format!(
                    "{name}:{}: expected 2 to 4 columns, found {line:?}",
                    index + 1
                ))
            }
        };
        if tag != "O" && !(tag.starts_with("B-") || tag.starts_with("I-")) {
            return Err(format!("{name}:{}: bad tag {tag:?}", index + 1));
        }
        sentence.push(Token {
            text: columns[0].to_string(),
            tag: tag.to_string(),
        });
    }
    if !sentence.is_empty() {
        if let Some(doc) = docs.last_mut() {
            doc.push(sentence);
        }
    }
    docs.retain(|d| !d.is_empty());
    if !marked {
        // No markers: a document starts at each headline, the sentence
        // before a dateline.
        let sentences: Vec<Vec<Token>> = docs.into_iter().flatten().collect();
        let starts: Vec<usize> = (1..sentences.len())
            .filter(|&i| dateline(&sentences[i]).is_some())
            .map(|i| i - 1)
            .collect();
        let mut grouped: Vec<Vec<Vec<Token>>> = Vec::new();
        for (index, sentence) in sentences.into_iter().enumerate() {
            if grouped.is_empty() || starts.binary_search(&index).is_ok() {
                grouped.push(Vec::new());
            }
            if let Some(doc) = grouped.last_mut() {
                doc.push(sentence);
            }
        }
        docs = grouped;
    }
    Ok(docs
        .into_iter()
        .enumerate()
        .map(|(index, sentences)| build(format!("{name}-{}", index + 1), &sentences))
        .collect())
}

fn build(id: String, sentences: &[Vec<Token>]) -> ConllDoc {
    let mut text = String::new();
    let mut chars = 0;
    let mut spans = Vec::new();
    let mut published = None;
    for (s, sentence) in sentences.iter().enumerate() {
        if s > 0 {
            text.push('\n');
            chars += 1;
        }
        if published.is_none() {
            published = dateline(sentence);
        }
        // (kind, start, byte start) of the entity being read.
        let mut open: Option<(&'static str, usize, usize)> = None;
        let mut previous = "O".to_string();
        for (t, token) in sentence.iter().enumerate() {
            if t > 0 {
                text.push(' ');
                chars += 1;
            }
            let label = token.tag.get(2..).unwrap_or("");
            let begins = token.tag.starts_with("B-")
                || (token.tag.starts_with("I-") && previous.get(2..) != Some(label))
                || (token.tag.starts_with("I-") && previous == "O");
            if token.tag == "O" || begins {
                if let Some((kind, start, byte)) = open.take() {
                    spans.push(GoldSpan {
                        start,
                        end: chars - usize::from(t > 0),
                        text: text[byte..text.len() - usize::from(t > 0)].to_string(),
                        kind,
                    });
                }
            }
            if begins {
                if let Some(kind) = kind_of(label) {
                    open = Some((kind, chars, text.len()));
                }
            }
            text.push_str(&token.text);
            chars += token.text.chars().count();
            previous = token.tag.clone();
        }
        if let Some((kind, start, byte)) = open.take() {
            spans.push(GoldSpan {
                start,
                end: chars,
                text: text[byte..].to_string(),
                kind,
            });
        }
    }
    ConllDoc {
        id,
        text,
        published,
        spans,
    }
}

/// Exact-span entity scores.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    /// Micro-averaged over the three types.
    pub overall: Prf,
    /// Per type.
    pub by_type: BTreeMap<String, Prf>,
    /// Gold entities missed, commonest first (`type text`).
    pub misses: Vec<(String, usize)>,
    /// False positives, commonest first (`type text`).
    pub false_positives: Vec<(String, usize)>,
}

/// Runs `extractor` on each document and scores the entity mentions.
pub fn evaluate(extractor: &Extractor, docs: &[ConllDoc]) -> EntityReport {
    let predictions: Vec<Vec<(usize, usize, String, String)>> = docs
        .par_iter()
        .map(|doc| {
            super::extract_text(extractor, &doc.id, &doc.text, doc.published)
                .entities
                .iter()
                .flat_map(|e| {
                    e.mentions
                        .iter()
                        .map(|m| (m.start, m.end, e.kind.clone(), m.text.clone()))
                })
                .collect()
        })
        .collect();
    let mut overall = Prf::default();
    let mut by_type: BTreeMap<String, Prf> = ["person", "group", "place"]
        .iter()
        .map(|k| (k.to_string(), Prf::default()))
        .collect();
    let mut misses: HashMap<String, usize> = HashMap::new();
    let mut false_positives: HashMap<String, usize> = HashMap::new();
    for (doc, predicted) in docs.iter().zip(&predictions) {
        let gold: HashMap<(usize, usize), &GoldSpan> =
            doc.spans.iter().map(|g| ((g.start, g.end), g)).collect();
        let mut found: HashMap<(usize, usize), &str> = HashMap::new();
        for (start, end, kind, text) in predicted {
            found.insert((*start, *end), kind.as_str());
            let entry = by_type.entry(kind.clone()).or_default();
            if gold.get(&(*start, *end)).is_some_and(|g| g.kind == kind) {
                overall.tp += 1;
                entry.tp += 1;
            } else {
                overall.fp += 1;
                entry.fp += 1;
                *false_positives.entry(format!("{kind} {text}")).or_default() += 1;
            }
        }
        for g in &doc.spans {
            if found.get(&(g.start, g.end)) != Some(&g.kind) {
                overall.fn_ += 1;
                by_type.entry(g.kind.to_string()).or_default().fn_ += 1;
                *misses.entry(format!("{} {}", g.kind, g.text)).or_default() += 1;
            }
        }
    }
    EntityReport {
        overall,
        by_type,
        misses: commonest(misses),
        false_positives: commonest(false_positives),
    }
}

impl fmt::Display for EntityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let top =
            |f: &mut fmt::Formatter<'_>, title: &str, list: &[(String, usize)]| -> fmt::Result {
                writeln!(f, "{title}:")?;
                for (text, n) in list.iter().take(30) {
                    writeln!(f, "  {n:4}  {text}")?;
                }
                Ok(())
            };
        top(f, "commonest misses", &self.misses)?;
        top(f, "commonest false positives", &self.false_positives)?;
        for (kind, prf) in &self.by_type {
            writeln!(f, "{kind:8} {prf}")?;
        }
        write!(f, "OVERALL  {}", self.overall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IOB1: &str = "-DOCSTART- -X- O O\n\nTalks NNS I-NP O\nin IN I-PP O\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\nwith IN I-PP O\nAnn NNP I-NP I-PER\nLee NNP I-NP I-PER\nBob NNP I-NP B-PER\nKay NNP I-NP I-PER\n. . O O\n";
    const IOB2_NO_MARKERS: &str = "Floods B-MISC 0\nhit O 0\n\nDHAKA B-LOC 0\n1996-08-22 O 0\n\nThe O 0\nUN B-ORG 0\nsaid O 0\n\nRiots O 0\n\nLIMA B-LOC 0\n1996-08-23 O 0\n\nPeru B-LOC 0\nvoted O 0\n";

    #[test]
    fn iob1_entities_and_offsets() {
        let docs = parse_conll("t", IOB1).unwrap();
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        let texts: Vec<(&str, &str)> = doc
            .spans
            .iter()
            .map(|s| (s.text.as_str(), s.kind))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("New York", "place"),
                ("Ann Lee", "person"),
                ("Bob Kay", "person")
            ]
        );
        for s in &doc.spans {
            let slice: String = doc
                .text
                .chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect();
            assert_eq!(slice, s.text);
        }
    }

    #[test]
    fn headlines_start_documents_without_markers() {
        let docs = parse_conll("t", IOB2_NO_MARKERS).unwrap();
        assert_eq!(docs.len(), 2);
        assert!(docs[0].text.starts_with("Floods hit\nDHAKA 1996-08-22"));
        assert_eq!(docs[0].published, NaiveDate::from_ymd_opt(1996, 8, 22));
        assert!(docs[1].text.starts_with("Riots\nLIMA"));
        assert_eq!(docs[1].spans.len(), 2);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let err = parse_conll("t", "Talks O 0\nbad line with too many columns here\n").unwrap_err();
        assert!(err.starts_with("t:2:"), "{err}");
    }
}
