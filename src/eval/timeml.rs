//! TimeML gold (TimeBank, AQUAINT, TempEval-3) and the TempEval-3 Task A
//! measures: strict and relaxed span F1, type and value accuracy, value F1.

use super::metrics::{commonest, ratio};
use super::Prf;
use crate::schema::Timex;
use crate::Extractor;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One TimeML document: its text (tags stripped), DCT and gold timexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// File stem.
    pub id: String,
    /// Content of `<TEXT>`, tags removed, entities decoded.
    pub text: String,
    /// Document creation time.
    pub dct: NaiveDate,
    /// Gold TIMEX3 annotations of the text.
    pub timexes: Vec<GoldTimex>,
}

/// A gold TIMEX3 (code-point offsets into [`TimemlDoc::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Text.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    /// Value.
    pub value: String,
    /// Mod, if any.
    pub modifier: Option<String>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(decode(&tag[start..end]))
}

fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses a TimeML document; the error says what is missing.
pub fn parse_timeml(id: &str, xml: &str) -> Result<TimemlDoc, String> {
    let dct_block = xml
        .split_once("<DCT>")
        .and_then(|(_, rest)| rest.split_once("</DCT>"))
        .map(|(block, _)| block)
        .ok_or("no <DCT> element")?;
    let dct_value = attribute(dct_block, "value").ok_or("<DCT> has no TIMEX3 value")?;
    let dct = NaiveDate::parse_from_str(dct_value.get(..10).unwrap_or(&dct_value), "%Y-%m-%d")
        .map_err(|_| format!("DCT value {dct_value:?} is not a date"))?;
    let body = xml
        .split_once("<TEXT>")
        .and_then(|(_, rest)| rest.split_once("</TEXT>"))
        .map(|(body, _)| body)
        .ok_or("no <TEXT> element")?;

    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    let mut open: Option<(usize, usize, String, String, Option<String>)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let (plain, after) = match rest.find('<') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        let decoded = decode(plain);
        chars += decoded.chars().count();
        text.push_str(&decoded);
        if after.is_empty() {
            break;
        }
        let close = after.find('>').ok_or("unclosed tag in <TEXT>")?;
        let tag = &after[..=close];
        if tag.starts_with("<TIMEX3") {
            open = Some((
                chars,
                text.len(),
                attribute(tag, "type").unwrap_or_default(),
                attribute(tag, "value").unwrap_or_default(),
                attribute(tag, "mod"),
            ));
        } else if tag.starts_with("</TIMEX3") {
            let (start, byte_start, kind, value, modifier) =
                open.take().ok_or("</TIMEX3> without <TIMEX3>")?;
            timexes.push(GoldTimex {
                start,
                end: chars,
                text: text[byte_start..].to_string(),
                kind,
                value,
                modifier,
            });
        }
        rest = &after[close + 1..];
    }
    Ok(TimemlDoc {
        id: id.to_string(),
        text,
        dct,
        timexes,
    })
}

/// Reads every `*.tml` under `dir` (recursively), sorted by path.
pub fn read_timeml_dir(dir: &Path) -> Result<Vec<TimemlDoc>, String> {
    let mut paths = Vec::new();
    collect(dir, &mut paths).map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no .tml files", dir.display()));
    }
    paths
        .iter()
        .map(|path| {
            let xml =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let id = path.file_stem().map_or_else(String::new, |s| {
                s.to_string_lossy().trim_end_matches(".tml").to_string()
            });
            parse_timeml(&id, &xml).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// TempEval-3 Task A figures for one document or a whole set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TimexScore {
    /// Exact-span counts.
    pub strict: Prf,
    /// Overlap counts (one-to-one).
    pub relaxed: Prf,
    /// Relaxed matches with the right type.
    pub type_ok: usize,
    /// Relaxed matches with the right value.
    pub value_ok: usize,
}

impl TimexScore {
    /// Right types among relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_ok, self.relaxed.tp)
    }

    /// Right values among relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.relaxed.tp)
    }

    /// Relaxed F1 × value accuracy.
    pub fn value_f1(&self) -> f64 {
        self.relaxed.f1() * self.value_accuracy()
    }

    fn add(&mut self, other: &TimexScore) {
        self.strict.add(other.strict);
        self.relaxed.add(other.relaxed);
        self.type_ok += other.type_ok;
        self.value_ok += other.value_ok;
    }
}

/// The whole evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct TimexReport {
    /// All documents together.
    pub overall: TimexScore,
    /// Per document id.
    pub documents: BTreeMap<String, TimexScore>,
    /// Gold expressions nothing overlapped, commonest first: (text, count).
    pub misses: Vec<(String, usize)>,
    /// Predictions that overlap no gold expression: (text, count).
    pub spurious: Vec<(String, usize)>,
    /// `text: got X want Y`, commonest first.
    pub wrong_values: Vec<(String, usize)>,
    /// `gold text ≠ predicted text` for relaxed matches whose spans differ.
    pub span_mismatches: Vec<(String, usize)>,
    /// Every miss, spurious prediction, wrong value, type or span, one by
    /// one with its document, rule and context (in `--json` output).
    pub errors: Vec<TimexError>,
}

/// One disagreement with the gold, for reading errors one by one.
#[derive(Debug, Clone, Serialize)]
pub struct TimexError {
    /// Document id.
    pub doc: String,
    /// `miss`, `spurious`, `value`, `type` or `span` (a relaxed match may
    /// be wrong in several ways; it is listed once, by the first of value,
    /// type, span that differs).
    pub kind: &'static str,
    /// Gold text, type, value and mod (not for spurious predictions).
    pub gold: Option<[String; 4]>,
    /// Predicted text, type, value, mod and rule (not for misses).
    pub predicted: Option<[String; 5]>,
    /// The text around the expression (up to 80 characters each side).
    pub context: String,
}

fn gold_fields(g: &GoldTimex) -> [String; 4] {
    [
        g.text.clone(),
        g.kind.clone(),
        g.value.clone(),
        g.modifier.clone().unwrap_or_default(),
    ]
}

fn predicted_fields(p: &Timex) -> [String; 5] {
    [
        p.text.clone(),
        p.kind.clone(),
        p.value.clone(),
        p.modifier.clone().unwrap_or_default(),
        p.rule.clone(),
    ]
}

/// The characters of `text` around code points `start..end`, on one line.
fn context_of(text: &[char], start: usize, end: usize) -> String {
    let from = start.saturating_sub(80);
    let to = (end + 80).min(text.len());
    let piece = |a: usize, b: usize| -> String {
        text[a.min(b)..b]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    format!(
        "{}[{}]{}",
        piece(from, start.min(to)),
        piece(start.min(to), end.min(to)),
        piece(end.min(to), to)
    )
}

/// Scores one document's predictions; fills the diagnostic tallies.
fn score_document(
    doc: &TimemlDoc,
    gold: &[GoldTimex],
    pred: &[Timex],
    tallies: &mut Tallies,
) -> TimexScore {
    let chars: Vec<char> = doc.text.chars().collect();
    let Tallies {
        misses,
        spurious,
        wrong,
        spans,
        errors,
    } = tallies;
    let mut error = |kind: &'static str, g: Option<&GoldTimex>, p: Option<&Timex>| {
        let (start, end) = match (g, p) {
            (Some(g), Some(p)) => (g.start.min(p.start), g.end.max(p.end)),
            (Some(g), None) => (g.start, g.end),
            (None, Some(p)) => (p.start, p.end),
            (None, None) => (0, 0),
        };
        errors.push(TimexError {
            doc: doc.id.clone(),
            kind,
            gold: g.map(gold_fields),
            predicted: p.map(predicted_fields),
            context: context_of(&chars, start, end),
        });
    };
    let mut score = TimexScore::default();
    let strict_tp = gold
        .iter()
        .filter(|g| pred.iter().any(|p| p.start == g.start && p.end == g.end))
        .count();
    score.strict = Prf::new(strict_tp, pred.len() - strict_tp, gold.len() - strict_tp);
    // Greedy one-to-one matching by largest overlap.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let overlap = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            if overlap > 0 {
                pairs.push((overlap, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    for (_, gi, pi) in pairs {
        if gold_used[gi] || pred_used[pi] {
            continue;
        }
        gold_used[gi] = true;
        pred_used[pi] = true;
        score.relaxed.tp += 1;
        let (g, p) = (&gold[gi], &pred[pi]);
        if g.value != p.value {
            error("value", Some(g), Some(p));
        } else if g.kind != p.kind {
            error("type", Some(g), Some(p));
        } else if (g.start, g.end) != (p.start, p.end) {
            error("span", Some(g), Some(p));
        }
        if (g.start, g.end) != (p.start, p.end) {
            *spans.entry(format!("{} ≠ {}", g.text, p.text)).or_default() += 1;
        }
        if g.kind == p.kind {
            score.type_ok += 1;
        }
        if g.value == p.value {
            score.value_ok += 1;
        } else {
            *wrong
                .entry(format!("{}: got {} want {}", g.text, p.value, g.value))
                .or_default() += 1;
        }
    }
    for (g, used) in gold.iter().zip(&gold_used) {
        if !used {
            score.relaxed.fn_ += 1;
            error("miss", Some(g), None);
            *misses.entry(g.text.to_lowercase()).or_default() += 1;
        }
    }
    for (p, used) in pred.iter().zip(&pred_used) {
        if !used {
            score.relaxed.fp += 1;
            error("spurious", None, Some(p));
            *spurious.entry(p.text.to_lowercase()).or_default() += 1;
        }
    }
    score
}

/// Diagnostic counts gathered while scoring.
#[derive(Debug, Default)]
struct Tallies {
    misses: BTreeMap<String, usize>,
    spurious: BTreeMap<String, usize>,
    wrong: BTreeMap<String, usize>,
    spans: BTreeMap<String, usize>,
    errors: Vec<TimexError>,
}

/// Runs `extractor` on every document with its DCT and scores the timexes.
pub fn evaluate(extractor: &Extractor, docs: &[TimemlDoc]) -> TimexReport {
    let predictions: Vec<Vec<Timex>> = docs
        .par_iter()
        .map(|doc| super::extract_text(extractor, &doc.id, &doc.text, Some(doc.dct)).timexes)
        .collect();
    let mut tallies = Tallies::default();
    let mut overall = TimexScore::default();
    let mut documents = BTreeMap::new();
    for (doc, pred) in docs.iter().zip(&predictions) {
        let score = score_document(doc, &doc.timexes, pred, &mut tallies);
        overall.add(&score);
        documents.insert(doc.id.clone(), score);
    }
    TimexReport {
        overall,
        documents,
        misses: commonest(tallies.misses),
        spurious: commonest(tallies.spurious),
        wrong_values: commonest(tallies.wrong),
        span_mismatches: commonest(tallies.spans),
        errors: tallies.errors,
    }
}

fn line(f: &mut fmt::Formatter<'_>, name: &str, s: &TimexScore) -> fmt::Result {
    writeln!(
        f,
        "{name:28} strict P {:.3} R {:.3} F1 {:.3} | relaxed P {:.3} R {:.3} F1 {:.3} | type {:.3} value {:.3} value F1 {:.3}",
        s.strict.precision(),
        s.strict.recall(),
        s.strict.f1(),
        s.relaxed.precision(),
        s.relaxed.recall(),
        s.relaxed.f1(),
        s.type_accuracy(),
        s.value_accuracy(),
        s.value_f1()
    )
}

impl fmt::Display for TimexReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (id, score) in &self.documents {
            line(f, id, score)?;
        }
        let top =
            |f: &mut fmt::Formatter<'_>, title: &str, list: &[(String, usize)]| -> fmt::Result {
                writeln!(f, "{title}:")?;
                for (text, n) in list.iter().take(40) {
                    writeln!(f, "  {n:4}  {text}")?;
                }
                Ok(())
            };
        top(f, "commonest misses", &self.misses)?;
        top(f, "commonest spurious", &self.spurious)?;
        top(f, "commonest wrong values", &self.wrong_values)?;
        top(
            f,
            "commonest span mismatches (gold ≠ predicted)",
            &self.span_mismatches,
        )?;
        writeln!(
            f,
            "{} documents, {} gold timexes",
            self.documents.len(),
            self.overall.relaxed.tp + self.overall.relaxed.fn_
        )?;
        line(f, "OVERALL", &self.overall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-12" functionInDocument="CREATION_TIME">19980212</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-11">yesterday</TIMEX3> that profits rose <SIGNAL sid="s1">for</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years</TIMEX3>.
</TEXT></TimeML>"#;

    #[test]
    fn parses_text_dct_and_offsets() {
        let doc = parse_timeml("X1", SAMPLE).unwrap();
        assert_eq!(doc.dct.to_string(), "1998-02-12");
        assert!(doc.text.starts_with("\nAT&T said yesterday"));
        for t in &doc.timexes {
            let slice: String = doc
                .text
                .chars()
                .skip(t.start)
                .take(t.end - t.start)
                .collect();
            assert_eq!(slice, t.text);
        }
        assert_eq!(doc.timexes[1].modifier.as_deref(), Some("MORE_THAN"));
    }

    #[test]
    fn relaxed_matching_is_one_to_one() {
        let doc = parse_timeml("X1", SAMPLE).unwrap();
        let timex = |start: usize, end: usize, value: &str| Timex {
            doc: "X1".into(),
            start,
            end,
            text: doc.text.chars().skip(start).take(end - start).collect(),
            rule: "r".into(),
            kind: "DATE".into(),
            value: value.into(),
            modifier: None,
            range: None,
            signal: None,
            sentence: 0,
        };
        let g = &doc.timexes;
        let pred = vec![
            timex(g[0].start, g[0].end, "1998-02-11"),
            timex(g[1].start + 10, g[1].end, "P3Y"),
            timex(g[1].start, g[1].start + 4, "P1Y"),
        ];
        let score = score_document(&doc, g, &pred, &mut Tallies::default());
        assert_eq!(score.strict, Prf::new(1, 2, 1));
        assert_eq!(score.relaxed, Prf::new(2, 1, 0));
        assert_eq!(score.value_ok, 2);
        assert_eq!(score.type_ok, 1);
    }
}
