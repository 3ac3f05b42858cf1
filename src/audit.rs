//! The audit page: one self-contained HTML file (inline CSS and script, a
//! Content-Security-Policy that forbids every fetch) showing each document
//! with its mentions and timexes highlighted, the entity and timex tables,
//! and the timeline drawn as an SVG axis across the window.

use crate::schema::Timeline;
use std::fmt::Write;

const STYLE: &str = include_str!("audit/audit.css");
const SCRIPT: &str = include_str!("audit/audit.js");

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A highlight to place in a document's text (code-point offsets).
struct Highlight {
    start: usize,
    end: usize,
    /// `mention` or `timex`.
    kind: &'static str,
    /// CSS class and badge letter: person P, group G, place L, date D.
    class: &'static str,
    letter: char,
    attributes: String,
}

fn letter_and_class(kind: &str) -> (char, &'static str) {
    match kind {
        "person" => ('P', "person"),
        "group" => ('G', "group"),
        "place" => ('L', "place"),
        _ => ('D', "timex"),
    }
}

/// Renders the audit page for `timeline`; `texts` holds (document id, whole
/// text) for the documents whose text should be shown.
pub fn render_audit(timeline: &Timeline, texts: &[(String, String)]) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>annalist audit</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let mention_count: usize = timeline.entities.iter().map(|e| e.mentions.len()).sum();
    let _ = writeln!(
        html,
        "<header><h1>annalist audit</h1><p class=\"summary\">{} documents · {} entities ({} mentions) · {} timexes · {} events in {}–{}</p>\
         <p class=\"legend\"><span class=\"m person\" data-letter=\"P\">person</span> <span class=\"m group\" data-letter=\"G\">group</span> \
         <span class=\"m place\" data-letter=\"L\">place</span> <span class=\"m timex\" data-letter=\"D\">date / time</span></p></header>",
        timeline.documents.len(),
        timeline.entities.len(),
        mention_count,
        timeline.timexes.len(),
        timeline.events.len(),
        escape(&timeline.window.from),
        escape(&timeline.window.to),
    );
    html.push_str("<main>\n<section id=\"timeline\"><h2>Timeline</h2>\n");
    html.push_str(&render_axis(timeline));
    html.push_str("</section>\n");
    html.push_str(&render_entities(timeline));
    html.push_str(&render_timexes(timeline));
    html.push_str("<section id=\"documents\"><h2>Documents</h2>\n");
    for (id, text) in texts {
        html.push_str(&render_document(timeline, id, text));
    }
    html.push_str("</section>\n</main>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n");
    let _ = write!(html, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    html
}

fn sentence_anchor(doc: &str, start: usize) -> String {
    format!("s-{}-{start}", crate::text::slug(doc))
}

/// Days since 0001-01-01 of an ISO date, for placing marks.
fn day_number(date: &str) -> Option<i64> {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| i64::from(chrono::Datelike::num_days_from_ce(&d)))
}

fn render_axis(timeline: &Timeline) -> String {
    let names = crate::export::entity_names(timeline);
    let from: i32 = timeline.window.from.parse().unwrap_or(2000);
    let to: i32 = timeline.window.to.parse().unwrap_or(from).max(from);
    let start = day_number(&format!("{from:04}-01-01")).unwrap_or(0);
    let end = day_number(&format!("{to:04}-12-31")).unwrap_or(start + 365);
    let (width, left, right) = (1100.0_f64, 40.0_f64, 20.0_f64);
    let scale = |day: i64| {
        left + (day.clamp(start, end) - start) as f64 / (end - start).max(1) as f64
            * (width - left - right)
    };
    // Lanes: each event takes the first lane whose last label ends before it.
    let lane_height = 26.0;
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut marks = String::new();
    for event in &timeline.events {
        let (Some(s), Some(e)) = (day_number(&event.date.start), day_number(&event.date.end))
        else {
            continue;
        };
        let (x1, x2) = (scale(s), scale(e));
        let label = crate::export::headline(event, &names);
        let label_width = 6.5 * label.chars().count().min(60) as f64 + 14.0;
        // Near the right edge the label goes to the left of the mark.
        let label_left = x2 + label_width > width;
        let (from_x, to_x) = if label_left {
            (x1 - label_width, x2)
        } else {
            (x1, x2 + label_width)
        };
        let lane = lane_ends
            .iter()
            .position(|&end| end < from_x)
            .unwrap_or(lane_ends.len());
        if lane == lane_ends.len() {
            lane_ends.push(0.0);
        }
        lane_ends[lane] = to_x;
        let y = 40.0 + lane as f64 * lane_height;
        let shape = if s == e {
            format!("<circle cx=\"{x1:.1}\" cy=\"{y:.1}\" r=\"5\"/>")
        } else {
            format!(
                "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"3\"/>",
                y - 4.0,
                (x2 - x1).max(3.0)
            )
        };
        let _ = writeln!(
            marks,
            "<a class=\"mark\" href=\"#{anchor}\" data-event=\"{id}\" data-value=\"{value}\" tabindex=\"0\">\
             <title>{value}: {sentence}</title>{shape}<text x=\"{tx:.1}\" y=\"{ty:.1}\"{end}>{label}</text></a>",
            anchor = escape(&sentence_anchor(&event.doc, event.sentence.start)),
            id = escape(&event.id),
            value = escape(&event.date.value),
            sentence = escape(&event.sentence.text),
            tx = if label_left { x1 - 8.0 } else { x2 + 8.0 },
            end = if label_left { " text-anchor=\"end\"" } else { "" },
            ty = y + 4.0,
            label = escape(&label.chars().take(60).collect::<String>()),
        );
    }
    let height = 60.0 + lane_ends.len().max(1) as f64 * lane_height;
    let mut axis = String::new();
    let step = ((to - from) / 12 + 1).max(1);
    for year in (from..=to).step_by(step as usize) {
        let x = scale(day_number(&format!("{year:04}-01-01")).unwrap_or(start));
        let _ = writeln!(
            axis,
            "<line class=\"tick\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"16\" y2=\"{:.1}\"/><text class=\"year\" x=\"{x:.1}\" y=\"12\">{year}</text>",
            height - 4.0
        );
    }
    format!(
        "<svg id=\"axis\" viewBox=\"0 0 {width} {height:.0}\" role=\"img\" aria-label=\"Timeline of {} events from {from} to {to}\">\n{axis}{marks}</svg>\n",
        timeline.events.len()
    )
}

fn render_entities(timeline: &Timeline) -> String {
    let mut html = String::from(
        "<section id=\"entities\"><h2>Entities</h2>\n<label>Type <select id=\"entity-filter\">\
         <option value=\"\">all</option><option>person</option><option>group</option><option>place</option></select></label>\n\
         <table class=\"sortable\" id=\"entity-table\"><thead><tr><th>Name</th><th>Type</th><th>Aliases</th>\
         <th data-numeric>Mentions</th><th>Rules</th><th>Documents</th></tr></thead><tbody>\n",
    );
    for entity in &timeline.entities {
        let mut rules: Vec<&str> = entity.mentions.iter().map(|m| m.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        let mut docs: Vec<&str> = entity.mentions.iter().map(|m| m.doc.as_str()).collect();
        docs.sort_unstable();
        docs.dedup();
        let _ = writeln!(
            html,
            "<tr data-type=\"{kind}\" id=\"e-{slug}\"><td>{name}</td><td>{kind}</td><td>{aliases}</td><td>{count}</td><td>{rules}</td><td>{docs}</td></tr>",
            kind = escape(&entity.kind),
            slug = escape(&crate::text::slug(&entity.id)),
            name = escape(&entity.name),
            aliases = escape(&entity.aliases.join(", ")),
            count = entity.mentions.len(),
            rules = escape(&rules.join(", ")),
            docs = escape(&docs.join(", ")),
        );
    }
    html.push_str("</tbody></table></section>\n");
    html
}

fn render_timexes(timeline: &Timeline) -> String {
    let mut html = String::from(
        "<section id=\"timexes\"><h2>Temporal expressions</h2>\n<table class=\"sortable\"><thead><tr><th>Text</th><th>Type</th>\
         <th>Value</th><th>Mod</th><th>Range</th><th>Signal</th><th>Rule</th><th>Document</th><th data-numeric>Offset</th></tr></thead><tbody>\n",
    );
    for t in &timeline.timexes {
        let range = t
            .range
            .as_ref()
            .map_or(String::new(), |r| format!("{} … {}", r.start, r.end));
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&t.text),
            escape(&t.kind),
            escape(&t.value),
            escape(t.modifier.as_deref().unwrap_or("")),
            escape(&range),
            escape(t.signal.as_deref().unwrap_or("")),
            escape(&t.rule),
            escape(&t.doc),
            t.start
        );
    }
    html.push_str("</tbody></table></section>\n");
    html
}

fn render_document(timeline: &Timeline, doc: &str, text: &str) -> String {
    let mut highlights: Vec<Highlight> = Vec::new();
    for entity in &timeline.entities {
        let (letter, class) = letter_and_class(&entity.kind);
        for m in entity.mentions.iter().filter(|m| m.doc == doc) {
            highlights.push(Highlight {
                start: m.start,
                end: m.end,
                kind: "mention",
                class,
                letter,
                attributes: format!(
                    "data-rule=\"{}\" data-entity=\"{}\" data-name=\"{}\"",
                    escape(&m.rule),
                    escape(&entity.id),
                    escape(&entity.name)
                ),
            });
        }
    }
    for t in timeline.timexes.iter().filter(|t| t.doc == doc) {
        let range = t
            .range
            .as_ref()
            .map_or(String::new(), |r| format!("{} … {}", r.start, r.end));
        highlights.push(Highlight {
            start: t.start,
            end: t.end,
            kind: "timex",
            class: "timex",
            letter: 'D',
            attributes: format!(
                "data-rule=\"{}\" data-value=\"{}\" data-type=\"{}\" data-mod=\"{}\" data-range=\"{}\"",
                escape(&t.rule),
                escape(&t.value),
                escape(&t.kind),
                escape(t.modifier.as_deref().unwrap_or("")),
                escape(&range)
            ),
        });
    }
    // Outer spans first, so nested ones open inside them.
    highlights.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let anchors: std::collections::BTreeSet<usize> = timeline
        .events
        .iter()
        .filter(|e| e.doc == doc)
        .map(|e| e.sentence.start)
        .collect();

    let chars: Vec<char> = text.chars().collect();
    let mut html = format!(
        "<article class=\"doc\" id=\"d-{}\"><h3>{}</h3><div class=\"text\">",
        escape(&crate::text::slug(doc)),
        escape(doc)
    );
    // Ends of the currently open highlights (innermost last).
    let mut open: Vec<usize> = Vec::new();
    let mut next = highlights.iter().peekable();
    let mut position = 0;
    while position <= chars.len() {
        while open.last().is_some_and(|&end| end <= position) {
            open.pop();
            html.push_str("</mark>");
        }
        if anchors.contains(&position) {
            let _ = write!(
                html,
                "<span class=\"anchor\" id=\"{}\"></span>",
                escape(&sentence_anchor(doc, position))
            );
        }
        while next.peek().is_some_and(|h| h.start <= position) {
            let Some(h) = next.next() else { break };
            // A highlight that crosses an open one is cut at its end: every
            // mention still has exactly one element.
            let end = open
                .last()
                .map_or(h.end, |&outer| h.end.min(outer))
                .min(chars.len());
            if h.start == position && end > position {
                let _ = write!(
                    html,
                    "<mark class=\"m {class}\" data-kind=\"{kind}\" data-doc=\"{doc}\" data-start=\"{start}\" data-end=\"{end_attr}\" data-letter=\"{letter}\" tabindex=\"0\" {attributes}>",
                    class = h.class,
                    kind = h.kind,
                    doc = escape(doc),
                    start = h.start,
                    end_attr = h.end,
                    letter = h.letter,
                    attributes = h.attributes
                );
                open.push(end);
            }
        }
        if position == chars.len() {
            break;
        }
        match chars[position] {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            c => html.push(c),
        }
        position += 1;
    }
    for _ in open {
        html.push_str("</mark>");
    }
    html.push_str("</div></article>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Entity, Mention, Timex};
    use crate::timeline::{empty, YearWindow};

    fn sample() -> (Timeline, Vec<(String, String)>) {
        let text = "<script>alert(1)</script> Riots hit Nice & Lyon in July 2016.".to_string();
        let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        let mut t = empty(YearWindow {
            from: 2005,
            to: 2017,
        });
        t.entities.push(Entity {
            id: "place/nice".into(),
            kind: "place".into(),
            name: "Nice".into(),
            aliases: vec![],
            mentions: vec![Mention {
                doc: "d".into(),
                start: at("Nice"),
                end: at("Nice") + 4,
                text: "Nice".into(),
                rule: "place-cities".into(),
                sentence: 0,
            }],
        });
        t.timexes.push(Timex {
            doc: "d".into(),
            start: at("July"),
            end: at("July") + 9,
            text: "July 2016".into(),
            rule: "date-month-year".into(),
            kind: "DATE".into(),
            value: "2016-07".into(),
            modifier: None,
            range: None,
            signal: None,
            sentence: 0,
        });
        (t, vec![("d".to_string(), text)])
    }

    #[test]
    fn text_is_escaped_and_every_span_is_one_element() {
        let (timeline, texts) = sample();
        let html = render_audit(&timeline, &texts);
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("</mark> &amp; Lyon"));
        assert_eq!(html.matches("data-kind=\"mention\"").count(), 1);
        assert_eq!(html.matches("data-kind=\"timex\"").count(), 1);
        assert!(html.contains("Content-Security-Policy"));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }

    #[test]
    fn crossing_spans_are_cut_not_duplicated() {
        let (mut timeline, texts) = sample();
        // A timex that starts inside the mention and runs past it.
        let nice = timeline.entities[0].mentions[0].start;
        timeline.timexes[0].start = nice + 2;
        let html = render_audit(&timeline, &texts);
        assert_eq!(html.matches("<mark").count(), 2);
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
    }
}
