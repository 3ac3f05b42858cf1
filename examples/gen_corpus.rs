//! Writes a benchmark corpus of news-like documents: varied lengths,
//! publication headers, entities and dates drawn from the embedded
//! gazetteers and sentence templates, plus pathological documents (one 50 MB
//! document, one long line with no sentence end, many tiny documents).
//!
//! usage: cargo run --release --example gen_corpus -- --mb N --out DIR [--jsonl] [--seed S] [--no-pathological] [--dense]
//!
//! Density follows real news by default: one sentence in four is a dated
//! event sentence with several names and dates, the rest is quotes and
//! background with a name now and then. That gives about 4–5 timexes and
//! 9–12 entity mentions a kilobyte, as in the seed article (4.0 and 9.4)
//! and TimeBank (3.4 timexes a kilobyte); CoNLL-2003's Reuters copy, full of
//! sports results, has 18 mentions a kilobyte. `--dense` writes event
//! sentences only (about 17 timexes and 20 mentions a kilobyte): a stress
//! test whose output JSON is some 13 times the size of its input.
//!
//! With `--jsonl` the corpus is DIR/corpus.jsonl (one `{"id","text","published"}`
//! a line), else one DIR/NNNNNNN.txt file a document.

use annalist::RuleSet;
use std::io::Write;

/// A small deterministic generator (xorshift), so corpora are reproducible
/// without another dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TEMPLATES: &[&str] = &[
    "{PERSON}, the {AGE}-year-old {ROLE}, was arrested in {CITY} on {WEEKDAY}, police said.",
    "In {MONTH} {YEAR}, {GROUP} claimed an attack in {CITY} that killed {N} people.",
    "{COUNTRY} has not seen such violence since the {YEAR} bombings in {CITY}, which killed {N}.",
    "Officials in {COUNTRY} said {GROUP} had been weakened by {YEAR}, and {PERSON} agreed last week.",
    "The {ROLE} {PERSON} told reporters in {CITY} that talks would resume next month.",
    "Almost {N} months ago, {GROUP} seized parts of {COUNTRY}; by mid-{YEAR} it had lost them again.",
    "Markets in {CITY} fell on {WEEKDAY} after {GROUP} said third-quarter profit dropped.",
    "{PERSON} visited {CITY} and {CITY2} between {MONTH} {DAY} and {MONTH2} {DAY}, {YEAR}.",
    "Since {YEAR}, around {N} people from {COUNTRY} have travelled to {COUNTRY2}, authorities say today.",
    "Floods hit {CITY} in {MONTH}, killing {N} people, and in {CITY2} in {MONTH2}, where {N2} died.",
    "The report, published on {DAY} {MONTH} {YEAR}, covers more than a decade of attacks.",
    "Weather was calm and the markets were quiet for most of the week.",
];
/// Quotes and background: the sentences between the dated ones.
const FILLERS: &[&str] = &[
    "\"We will not be intimidated,\" {PERSON} said in a statement.",
    "The ministry did not respond to a request for comment.",
    "Residents described hearing several loud explosions before the power went out.",
    "Analysts say the group has struggled to hold territory as its finances have dried up.",
    "{GROUP} has denied any involvement and called for an independent inquiry.",
    "Security was tightened around government buildings and the main railway station.",
    "Witnesses said the streets were quickly cordoned off by armed police.",
    "The agreement still needs the approval of parliament, where the coalition holds a narrow majority.",
    "Aid agencies warned that food and medicine were running low in the besieged districts.",
    "Shares of the company rose almost 4 percent in early trading.",
    "{PERSON} said the investigation was at an early stage and urged people not to speculate.",
    "Many of the victims were young people who had gathered to watch the concert.",
    "Talks between the two sides broke down over the question of prisoner releases.",
    "The government has promised to rebuild the damaged homes and schools.",
    "Officials in {COUNTRY} declined to say how many suspects were still at large.",
];
/// Share of event sentences (out of 100) in the default mix.
const EVENT_SENTENCES_PERCENT: usize = 25;

const ROLES: &[&str] = &[
    "soldier",
    "spokesman",
    "minister",
    "commander",
    "teacher",
    "analyst",
    "lawyer",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Lexicon {
    people: Vec<String>,
    groups: Vec<String>,
    cities: Vec<String>,
    countries: Vec<String>,
}

fn lexicon() -> Lexicon {
    let rules = RuleSet::embedded().expect("embedded rules");
    let names = |id: &str| -> Vec<String> {
        rules
            .gazetteers
            .iter()
            .filter(|g| g.id == id)
            .flat_map(|g| g.entries.iter().map(|e| e.canonical.clone()))
            .collect()
    };
    let firsts: Vec<String> = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/gazetteers/first_names.txt"
    ))
    .unwrap_or_default()
    .lines()
    .filter(|l| !l.starts_with('#'))
    .map(str::to_string)
    .collect();
    let mut rng = Rng(7);
    let surnames = [
        "Okafor", "Rigby", "Masood", "Nowak", "Haddad", "Silva", "Tanaka", "Petrov", "Mensah",
    ];
    let people = (0..500)
        .map(|_| format!("{} {}", rng.pick(&firsts), rng.pick(&surnames)))
        .collect();
    Lexicon {
        people,
        groups: names("group-organisations"),
        cities: names("place-cities"),
        countries: names("place-countries"),
    }
}

fn sentence(rng: &mut Rng, lex: &Lexicon, dense: bool) -> String {
    let templates = if dense || rng.below(100) < EVENT_SENTENCES_PERCENT {
        TEMPLATES
    } else {
        FILLERS
    };
    let mut text = rng.pick(templates).to_string();
    let year = (2000 + rng.below(18)).to_string();
    let fills: [(&str, String); 15] = [
        ("{PERSON}", rng.pick(&lex.people).clone()),
        ("{GROUP}", rng.pick(&lex.groups).clone()),
        ("{CITY2}", rng.pick(&lex.cities).clone()),
        ("{CITY}", rng.pick(&lex.cities).clone()),
        ("{COUNTRY2}", rng.pick(&lex.countries).clone()),
        ("{COUNTRY}", rng.pick(&lex.countries).clone()),
        ("{ROLE}", rng.pick(ROLES).to_string()),
        ("{WEEKDAY}", rng.pick(WEEKDAYS).to_string()),
        ("{MONTH2}", rng.pick(MONTHS).to_string()),
        ("{MONTH}", rng.pick(MONTHS).to_string()),
        ("{YEAR}", year),
        ("{DAY}", (1 + rng.below(28)).to_string()),
        ("{AGE}", (18 + rng.below(60)).to_string()),
        ("{N2}", (2 + rng.below(40)).to_string()),
        ("{N}", (2 + rng.below(300)).to_string()),
    ];
    for (slot, value) in &fills {
        text = text.replace(slot, value);
    }
    text
}

fn document(rng: &mut Rng, lex: &Lexicon, target_bytes: usize, dense: bool) -> String {
    let mut text = format!(
        "20{:02}-{:02}-{:02} {:02}:{:02}:00\n\n",
        5 + rng.below(13),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60)
    );
    while text.len() < target_bytes {
        let paragraph: Vec<String> = (0..1 + rng.below(4))
            .map(|_| sentence(rng, lex, dense))
            .collect();
        text.push_str(&paragraph.join(" "));
        text.push_str("\n\n");
    }
    text
}

struct Sink {
    jsonl: Option<std::io::BufWriter<std::fs::File>>,
    dir: std::path::PathBuf,
    count: usize,
    bytes: usize,
}

impl Sink {
    fn write(&mut self, text: &str) {
        let id = format!("{:07}", self.count);
        match &mut self.jsonl {
            Some(out) => {
                let (published, body) = match text.split_once("\n\n") {
                    Some((header, body)) if header.len() == 19 => (Some(header), body),
                    _ => (None, text),
                };
                let record = serde_json::json!({"id": id, "text": body, "published": published});
                serde_json::to_writer(&mut *out, &record).expect("write");
                out.write_all(b"\n").expect("write");
            }
            None => std::fs::write(self.dir.join(format!("{id}.txt")), text).expect("write"),
        }
        self.count += 1;
        self.bytes += text.len();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let megabytes: usize = value("--mb").and_then(|v| v.parse().ok()).unwrap_or(100);
    let out = std::path::PathBuf::from(value("--out").map_or("corpus", String::as_str));
    let seed: u64 = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(42);
    let pathological = !args.iter().any(|a| a == "--no-pathological");
    let dense = args.iter().any(|a| a == "--dense");
    std::fs::create_dir_all(&out).expect("output directory");
    let jsonl = args.iter().any(|a| a == "--jsonl").then(|| {
        std::io::BufWriter::new(
            std::fs::File::create(out.join("corpus.jsonl")).expect("corpus.jsonl"),
        )
    });
    let lex = lexicon();
    let mut rng = Rng(seed.max(1));
    let mut sink = Sink {
        jsonl,
        dir: out.clone(),
        count: 0,
        bytes: 0,
    };
    let target = megabytes * 1_000_000;
    if pathological {
        sink.write(&document(
            &mut rng,
            &lex,
            (50_000_000).min(target / 4),
            dense,
        ));
        let mut line = String::from("2016-01-01\n\n");
        while line.len() < 1_000_000 {
            line.push_str(&sentence(&mut rng, &lex, dense).replace('.', ";"));
            line.push(' ');
        }
        sink.write(&line);
        for _ in 0..1000 {
            sink.write(&format!("2016-02-02\n\n{}", rng.pick(&lex.cities)));
        }
    }
    while sink.bytes < target {
        // Lengths of news copy: mostly 1–8 kB, some long reads.
        let size = if rng.below(10) == 0 {
            20_000 + rng.below(40_000)
        } else {
            800 + rng.below(7_000)
        };
        let text = document(&mut rng, &lex, size, dense);
        sink.write(&text);
    }
    if let Some(mut out) = sink.jsonl.take() {
        out.flush().expect("flush");
    }
    eprintln!(
        "{} documents, {} bytes in {}",
        sink.count,
        sink.bytes,
        out.display()
    );
}
