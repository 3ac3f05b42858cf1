//! Grouping mentions into entities within one document.
//!
//! Gazetteer mentions carry their canonical name, so `UK` and `Britain` meet
//! under `United Kingdom`. Person names found by context rules are their own
//! canonical form; a later bare surname (`Adnani`, with or without its
//! particle `al-`) joins the full name found earlier or later in the same
//! document, and every other whole-word occurrence of a known person's full
//! name, surname or (when only one person bears it) first name becomes a
//! mention too (rule [`COREFERENCE_RULE`]).

use crate::matcher::Lexicon;
use crate::rules::EntityKind;
use crate::text::{fold_char, is_word_char};
use std::collections::{BTreeMap, HashMap};

/// Rule id given to mentions found by repeating a person's name.
pub const COREFERENCE_RULE: &str = "person-coreference";

/// First words of names that do not name a person by themselves.
const NOT_A_NAME_ALONE: &[&str] = &[
    "Abu", "Umm", "Ibn", "Bin", "Sir", "Dame", "Saint", "San", "Van", "Von", "Del", "Mac",
];

/// A mention on its way into an entity (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionDraft<'r> {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Type.
    pub kind: EntityKind,
    /// Canonical name from a gazetteer, or the normalised text.
    pub canonical: String,
    /// Id of the producing rule.
    pub rule: &'r str,
}

/// An entity of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEntity<'r> {
    /// Type.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Mentions sorted by offset.
    pub mentions: Vec<MentionDraft<'r>>,
}

/// Normalises a name as found in text: folded dashes and apostrophes, single
/// spaces, no possessive `'s`.
pub fn normalise_name(text: &str) -> String {
    let folded: String = text.chars().map(fold_char).collect();
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .strip_suffix("'s")
        .or_else(|| joined.strip_suffix('\''))
        .unwrap_or(&joined)
        .to_string()
}

/// The surname of a person's name, with and without a particle such as
/// `al-`: "Abu Muhammad al-Adnani" gives ["al-Adnani", "Adnani"].
pub fn surnames(name: &str, particles: &[String]) -> Vec<String> {
    let tokens: Vec<&str> = name.split(' ').collect();
    if tokens.len() < 2 {
        return Vec::new();
    }
    let last = tokens[tokens.len() - 1];
    let mut out = vec![last.to_string()];
    for particle in particles {
        if let Some(bare) = last.strip_prefix(particle.as_str()) {
            if bare.chars().next().is_some_and(char::is_uppercase) && bare.chars().count() >= 3 {
                out.push(bare.to_string());
            }
        }
    }
    out.retain(|s| s.chars().count() >= 3);
    out
}

/// Groups mentions into entities and adds person coreference mentions.
/// `occupied` holds spans already taken (timexes, other mentions) that a
/// coreference mention may not overlap; `body_start` bounds the search.
pub fn group<'r>(
    mut mentions: Vec<MentionDraft<'r>>,
    text: &str,
    body_start: usize,
    occupied: &[(usize, usize)],
    particles: &[String],
) -> Vec<DocEntity<'r>> {
    mentions.sort_by_key(|m| (m.start, m.end));

    // Full person names, longest first, so that a surname joins the fullest.
    let mut people: Vec<String> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.canonical.contains(' '))
        .map(|m| m.canonical.clone())
        .collect();
    people.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    people.dedup();
    let mut surname_owner: HashMap<String, String> = HashMap::new();
    for name in &people {
        for surname in surnames(name, particles) {
            surname_owner.entry(surname).or_insert_with(|| name.clone());
        }
    }
    // A lone given name (or a family name written first, as in "Wang
    // Junxia") refers to the one person of the document who bears it.
    let mut first_tokens: HashMap<String, Vec<&String>> = HashMap::new();
    for name in &people {
        if let Some(first) = name.split(' ').next() {
            if first.chars().count() >= 3 && !NOT_A_NAME_ALONE.contains(&first) {
                first_tokens
                    .entry(first.to_string())
                    .or_default()
                    .push(name);
            }
        }
    }
    for (first, owners) in first_tokens {
        if let [owner] = owners.as_slice() {
            surname_owner
                .entry(first)
                .or_insert_with(|| (*owner).clone());
        }
    }
    for mention in &mut mentions {
        if mention.kind == EntityKind::Person {
            if let Some(owner) = surname_owner.get(&mention.canonical) {
                mention.canonical = owner.clone();
            }
        }
    }

    // Spans already taken, by start; they do not overlap one another.
    let mut taken: BTreeMap<usize, usize> = occupied.iter().copied().collect();
    taken.extend(mentions.iter().map(|m| (m.start, m.end)));
    let mut extra = Vec::new();
    let mut forms: Vec<(String, String)> = people.iter().map(|p| (p.clone(), p.clone())).collect();
    forms.extend(surname_owner.iter().map(|(s, p)| (s.clone(), p.clone())));
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    if !forms.is_empty() {
        let lexicon = Lexicon::new(forms.iter().map(|(form, _)| form.clone()).collect());
        let mut resume_at = body_start;
        for start in word_starts(text, body_start) {
            if start < resume_at {
                continue;
            }
            let Some((index, end)) = lexicon.longest_at(text, start) else {
                continue;
            };
            resume_at = end;
            let clashes = taken
                .range(..end)
                .next_back()
                .is_some_and(|(_, &e)| e > start);
            if clashes {
                continue;
            }
            taken.insert(start, end);
            extra.push(MentionDraft {
                start,
                end,
                kind: EntityKind::Person,
                canonical: forms[index].1.clone(),
                rule: COREFERENCE_RULE,
            });
        }
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.start, m.end));

    let mut order: Vec<(EntityKind, String)> = Vec::new();
    let mut by_key: HashMap<(EntityKind, String), Vec<MentionDraft<'r>>> = HashMap::new();
    for mention in mentions {
        let key = (mention.kind, mention.canonical.clone());
        if !by_key.contains_key(&key) {
            order.push(key.clone());
        }
        by_key.entry(key).or_default().push(mention);
    }
    order
        .into_iter()
        .map(|key| {
            let mentions = by_key.remove(&key).unwrap_or_default();
            DocEntity {
                kind: key.0,
                name: key.1,
                mentions,
            }
        })
        .collect()
}

/// Offsets in `text` from `from` on where a word starts: a word character
/// with no word character before it.
fn word_starts(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    let mut after_word = text[..from].chars().next_back().is_some_and(is_word_char);
    text[from..].char_indices().filter_map(move |(offset, c)| {
        let word = is_word_char(c);
        let opens = word && !after_word;
        after_word = word;
        opens.then_some(from + offset)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, start: usize, name: &str) -> MentionDraft<'static> {
        MentionDraft {
            start,
            end: start + name.len(),
            kind: EntityKind::Person,
            canonical: normalise_name(&text[start..start + name.len()]),
            rule: "test",
        }
    }

    #[test]
    fn surnames_join_the_full_name_and_repeat() {
        let text = "Mustafa al-Khatib, a 40-year-old, spoke. Khatib left. Later al-Khatib and Khatib’s aide.";
        let particles = vec!["al-".to_string()];
        let start = text.find("Mustafa").unwrap();
        let entities = group(
            vec![person(text, start, "Mustafa al-Khatib")],
            text,
            0,
            &[],
            &particles,
        );
        assert_eq!(entities.len(), 1);
        let texts: Vec<&str> = entities[0]
            .mentions
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(
            texts,
            vec!["Mustafa al-Khatib", "Khatib", "al-Khatib", "Khatib"]
        );
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise_name("Adnani’s"), "Adnani");
        assert_eq!(normalise_name("al–Qaida"), "al-Qaida");
        assert_eq!(normalise_name("Lee \n Rigby"), "Lee Rigby");
    }

    #[test]
    fn occupied_spans_block_coreference() {
        let text = "Jane Austen wrote. Austen Road.";
        let entities = group(
            vec![person(text, 0, "Jane Austen")],
            text,
            0,
            &[(19, 30)],
            &[],
        );
        assert_eq!(entities[0].mentions.len(), 1);
    }
}
