//! The `annalist` command line. Exit codes: 0 all went well; 1 some
//! documents were reported and skipped, the rest was written; 2 nothing
//! could run (bad arguments, bad rules, unreadable output directory).

use annalist::document::{self, Document, Input, LoadOptions};
use annalist::output::{to_json_pretty, write_atomic, write_atomic_with};
use annalist::run::Feed;
use annalist::schema::Timeline;
use annalist::timeline::{self, YearWindow};
use annalist::{Extractor, RuleSet};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::cell::RefCell;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "annalist",
    version,
    about = "News articles in, an auditable timeline out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities, dates and events and write the timeline.
    Extract(ExtractArgs),
    /// Write a self-contained HTML page to audit every extraction.
    Audit {
        #[command(flatten)]
        input: InputArgs,
        /// Directory for audit.html and timeline.json.
        #[arg(long)]
        out: PathBuf,
    },
    /// Score output against gold annotation.
    Eval(EvalArgs),
    /// Rule-set commands.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Merge partial outputs (timeline.json files or JSON Lines parts).
    Merge {
        /// Partial outputs.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// The merged timeline.json.
        #[arg(long)]
        out: PathBuf,
        /// First year of the window (default: the parts' window).
        #[arg(long)]
        from: Option<i32>,
        /// Last year of the window (default: the parts' window).
        #[arg(long)]
        to: Option<i32>,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rule set and list every error with file and rule id.
    Check {
        /// Rule directory (default: the embedded rules).
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

#[derive(clap::Args, Clone)]
struct InputArgs {
    /// Files, directories (their *.txt) or `-` for JSON Lines on stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Rule directory (default: the embedded rules).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// First year of the timeline window.
    #[arg(long)]
    from: Option<i32>,
    /// Last year of the timeline window.
    #[arg(long)]
    to: Option<i32>,
    /// Publication time for documents (overrides their header).
    #[arg(long)]
    published: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Largest document read, in bytes (at most 4 GiB).
    #[arg(long, default_value_t = 64 << 20)]
    max_bytes: u64,
}

#[derive(clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Directory for timeline.json (default: write to stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Print documents, bytes, time and throughput to stderr.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One timeline.json.
    Json,
    /// One partial timeline per document, a line each, streamed to stdout.
    Jsonl,
    /// TimelineJS3 JSON (timelinejs.json with --out).
    Timelinejs,
    /// vis-timeline items (vis.json with --out).
    Vis,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold file in the shared seed format.
    #[arg(long)]
    gold: Option<PathBuf>,
    /// The timeline.json to score against --gold.
    pred: Option<PathBuf>,
    /// Directory of TimeML (.tml) gold: extract each document with its DCT
    /// and report TempEval-3 timex figures.
    #[arg(long, conflicts_with = "gold")]
    timeml: Option<PathBuf>,
    /// CoNLL-2003 file: extract each document and report exact-span
    /// entity scores (PER/ORG/LOC against person/group/place).
    #[arg(long, conflicts_with_all = ["gold", "timeml"])]
    conll: Option<PathBuf>,
    /// Rule directory for --timeml and --conll (default: the embedded rules).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Audit { input, out } => audit(input, out),
        Command::Eval(args) => eval(args),
        Command::Rules {
            command: RulesCommand::Check { rules },
        } => rules_check(rules.as_deref()),
        Command::Merge {
            parts,
            out,
            from,
            to,
        } => merge(&parts, &out, from, to),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("annalist: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn load_rules(dir: Option<&Path>) -> Result<RuleSet> {
    let rules = match dir {
        Some(dir) => RuleSet::from_dir(dir),
        None => RuleSet::embedded(),
    };
    rules.map_err(|errors| anyhow::anyhow!("invalid rules:\n{errors}"))
}

fn extractor(input: &InputArgs) -> Result<Extractor> {
    let rules = load_rules(input.rules.as_deref())?;
    let mut window = YearWindow {
        from: rules.settings.window_from,
        to: rules.settings.window_to,
    };
    if let Some(from) = input.from {
        window.from = from;
    }
    if let Some(to) = input.to {
        window.to = to;
    }
    if window.from > window.to {
        bail!("--from {} is after --to {}", window.from, window.to);
    }
    let extractor = Extractor::new(rules).map_err(|e| anyhow::anyhow!(e))?;
    Ok(extractor.with_window(window))
}

fn load_options(input: &InputArgs) -> Result<LoadOptions> {
    let published = match &input.published {
        Some(text) => Some(
            document::parse_published(text)
                .map_err(|e| anyhow::anyhow!("--published {text:?}: {e}"))?,
        ),
        None => None,
    };
    if input.max_bytes > document::MAX_DOCUMENT_BYTES {
        bail!(
            "--max-bytes {}: documents are at most {} bytes",
            input.max_bytes,
            document::MAX_DOCUMENT_BYTES
        );
    }
    Ok(LoadOptions {
        max_bytes: input.max_bytes,
        published,
    })
}

/// How many worker threads to run: `--threads`, else one a core.
fn worker_threads(input: &InputArgs) -> Result<usize> {
    match input.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
    }
}

/// Bytes of documents read ahead of the output: enough to keep every
/// worker busy while a long document holds up the output. The results that
/// wait behind it (about four times their input as JSON) wait in memory up
/// to [`annalist::run::WAITING_IN_MEMORY`], then in a temporary file.
const IN_FLIGHT_BYTES: usize = 16 << 20;

/// Parts merged at once when building one timeline.
const MERGE_EVERY: usize = 256;

/// Bytes of standard input read at once: the batches handed to the
/// workers are at most this much when the input keeps up.
const STDIN_BUFFER: usize = 256 << 10;

/// Buffered input that calls `dry` before each read that has to go to the
/// source (and so may wait for it).
struct HandOnWhenDry<R, F> {
    input: std::io::BufReader<R>,
    dry: F,
}

impl<R: std::io::Read, F: FnMut()> std::io::Read for HandOnWhenDry<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.input.buffer().is_empty() {
            (self.dry)();
        }
        self.input.read(buf)
    }
}

impl<R: std::io::Read, F: FnMut()> BufRead for HandOnWhenDry<R, F> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.input.buffer().is_empty() {
            (self.dry)();
        }
        self.input.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.input.consume(amount);
    }
}

/// A unit of work for a worker thread: reading (or parsing) the document
/// is done in parallel too, not only extracting it.
enum Work {
    File(PathBuf),
    Line(document::JsonLine),
    Failed(document::LoadError),
}

/// What a worker hands back for one document.
struct Done {
    /// The document's line in `documents`.
    info: annalist::schema::DocumentInfo,
    /// Its partial timeline, unless it went straight to the JSON Lines output.
    part: Option<Timeline>,
    document: Option<Document>,
}

/// Documents at least this large are written to the JSON Lines output by
/// their worker when their turn comes, rather than held as one line.
const STREAMED_DOCUMENT_BYTES: usize = 1 << 20;

/// The JSON Lines output, shared by the workers, in input order.
type JsonLinesOut = annalist::run::OrderedWriter<std::io::BufWriter<std::io::Stdout>>;

/// Streams every document of the inputs through `extractor` on worker
/// threads, calling `sink` in input order with each document's result.
/// With `json_lines`, each document's partial timeline goes there as one
/// line instead. Returns how many documents were reported bad.
fn run_documents(
    input: &InputArgs,
    extractor: &Extractor,
    keep_text: bool,
    json_lines: Option<&JsonLinesOut>,
    mut sink: impl FnMut(Done) -> Result<()>,
) -> Result<usize> {
    let options = load_options(input)?;
    let threads = worker_threads(input)?;
    let inputs = document::expand_inputs(&input.paths).map_err(|e| anyhow::anyhow!("{e}"))?;
    let progress = progress_bar(&inputs);
    let mut failures = 0;
    let produce = |feed: &mut Feed<'_, Work>| {
        for item in inputs {
            match item {
                Input::File(path) => {
                    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
                    if !feed.push(Work::File(path), bytes) {
                        return;
                    }
                }
                Input::Stdin => {
                    // A stream that pauses (a crawler's, say) must not hold
                    // what it sent in an unfinished batch: whenever the
                    // buffer runs dry, what was read goes to the workers.
                    let feed = RefCell::new(&mut *feed);
                    let stdin = HandOnWhenDry {
                        input: std::io::BufReader::with_capacity(STDIN_BUFFER, std::io::stdin()),
                        dry: || {
                            feed.borrow_mut().hand_on();
                        },
                    };
                    for line in document::read_json_lines(stdin, "-", options.max_bytes) {
                        let (work, bytes) = match line {
                            Ok(line) => {
                                let bytes = line.bytes.len();
                                (Work::Line(line), bytes)
                            }
                            Err(error) => (Work::Failed(error), 0),
                        };
                        if !feed.borrow_mut().push(work, bytes) {
                            return;
                        }
                    }
                }
            }
        }
    };
    let process = |seq: u64, work: Work| -> Result<Option<Result<Done, document::LoadError>>> {
        // What names the document if it trips a bug: a line is named by
        // its number, its name written only then, not for every document.
        let (path, line_number) = match &work {
            Work::File(path) => (Some(path.clone()), None),
            Work::Line(line) => (None, Some(line.number)),
            Work::Failed(_) => (None, None),
        };
        // A document that trips a bug is reported and skipped; the others go on.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            process_document(work, seq, extractor, &options, keep_text, json_lines)
        }));
        match outcome {
            Ok(result) => result,
            Err(_) => {
                if let Some(out) = json_lines {
                    out.deliver(seq, Vec::new())?;
                }
                let source_name = match (path, line_number) {
                    (Some(path), _) => path.display().to_string(),
                    (None, Some(number)) => format!("-:{number}"),
                    (None, None) => String::new(),
                };
                Ok(Some(Err(document::LoadError::Internal { source_name })))
            }
        }
    };
    annalist::run::ordered(threads, IN_FLIGHT_BYTES, produce, process, |result| {
        let Some(result) = result? else {
            return Ok(());
        };
        progress.inc(1);
        match result {
            Ok(done) => sink(done),
            Err(error) => {
                failures += 1;
                eprintln!("annalist: skipped: {error}");
                Ok(())
            }
        }
    })?;
    progress.finish_and_clear();
    Ok(failures)
}

/// Reads and extracts one document (item `seq` of the input); with
/// `json_lines`, writes its line there in turn (an empty turn when it
/// yields none).
fn process_document(
    work: Work,
    seq: u64,
    extractor: &Extractor,
    options: &LoadOptions,
    keep_text: bool,
    json_lines: Option<&JsonLinesOut>,
) -> Result<Option<Result<Done, document::LoadError>>> {
    let loaded = match work {
        Work::File(path) => Some(document::load_file(&path, options)),
        Work::Line(line) => document::parse_json_line(line, "-", options),
        Work::Failed(error) => Some(Err(error)),
    };
    let doc = match loaded {
        Some(Ok(doc)) => doc,
        // A blank line or a bad document: its turn in the output is empty.
        unread => {
            if let Some(out) = json_lines {
                out.deliver(seq, Vec::new())?;
            }
            return Ok(match unread {
                Some(Err(error)) => Some(Err(error)),
                _ => None,
            });
        }
    };
    let (info, part) = match json_lines {
        Some(out) if doc.text.len() >= STREAMED_DOCUMENT_BYTES => {
            let analysis = extractor.analyse(&doc);
            out.write_in_turn(seq, |w| extractor.write_json_line(&analysis, w))?;
            (analysis.document, None)
        }
        Some(out) => {
            let mut line = out.take_buffer();
            let info = extractor.extract_json_line(&doc, &mut line);
            out.deliver(seq, line)?;
            (info, None)
        }
        None => {
            let part = extractor.extract(&doc);
            (part.documents[0].clone(), Some(part))
        }
    };
    Ok(Some(Ok(Done {
        info,
        part,
        document: keep_text.then_some(doc),
    })))
}

/// A progress bar on stderr for long runs, hidden unless stderr is a terminal.
fn progress_bar(inputs: &[Input]) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let files = inputs
        .iter()
        .filter(|i| matches!(i, Input::File(_)))
        .count() as u64;
    let bar = if inputs.contains(&Input::Stdin) {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::new(files)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {pos}/{len} documents [{elapsed_precise}] {per_sec}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Peak resident memory of this process (Linux: VmHWM), for `--stats`.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    // The kernel counts in KiB; the figure is given in MB, as throughput is.
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kib * 1024.0 / 1e6))
}

fn exit_for(failures: usize, documents: usize) -> ExitCode {
    if failures > 0 {
        eprintln!("annalist: {failures} document(s) skipped, {documents} processed");
        ExitCode::from(if documents == 0 { 2 } else { 1 })
    } else {
        ExitCode::SUCCESS
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let extractor = extractor(&args.input)?;
    let window = extractor.window();
    let mut parts: Vec<Timeline> = Vec::new();
    let mut documents = 0usize;
    let mut chars = 0usize;
    let mut bytes = 0usize;
    let json_lines = (args.format == Format::Jsonl)
        .then(|| annalist::run::OrderedWriter::new(std::io::BufWriter::new(std::io::stdout())));
    let failures = run_documents(
        &args.input,
        &extractor,
        false,
        json_lines.as_ref(),
        |done| {
            documents += 1;
            chars += done.info.chars;
            bytes += done.info.bytes;
            if let Some(part) = done.part {
                parts.push(part);
                // Merging as we go keeps memory to one timeline, not one per document.
                if parts.len() >= MERGE_EVERY {
                    let merged = timeline::merge(std::mem::take(&mut parts), window);
                    parts.push(merged);
                }
            }
            Ok(())
        },
    )?;
    if let Some(out) = json_lines {
        out.into_inner()?.flush()?;
    }
    let stdout = std::io::stdout();
    let mut stdout = std::io::BufWriter::new(stdout.lock());
    if args.format != Format::Jsonl {
        let merged = timeline::merge(parts, window);
        let (bytes, name) = match args.format {
            Format::Timelinejs => (
                to_json_pretty(&annalist::export::to_timelinejs(&merged))?,
                "timelinejs.json",
            ),
            Format::Vis => (
                to_json_pretty(&annalist::export::to_vis(&merged))?,
                "vis.json",
            ),
            _ => (to_json_pretty(&merged)?, "timeline.json"),
        };
        match &args.out {
            Some(dir) => {
                let path = dir.join(name);
                write_atomic(&path, &bytes)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            None => stdout.write_all(&bytes)?,
        }
        stdout.flush()?;
    }
    if args.stats {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "annalist: {documents} documents, {bytes} bytes ({chars} chars) in {seconds:.3} s: {:.2} MB/s on {} thread(s); peak memory {}",
            bytes as f64 / seconds / 1e6,
            worker_threads(&args.input)?,
            peak_memory().unwrap_or_else(|| "unknown".into())
        );
        let stages = extractor.stage_times();
        let busy: f64 = stages
            .iter()
            .map(|(_, d)| d.as_secs_f64())
            .sum::<f64>()
            .max(1e-9);
        for (stage, spent) in stages {
            eprintln!(
                "  {stage:10} {:8.3} s  {:5.1}%",
                spent.as_secs_f64(),
                100.0 * spent.as_secs_f64() / busy
            );
        }
    }
    // The process ends right after this: freeing the extractor's automata,
    // tables and gazetteers one allocation at a time (some 30 M
    // instructions, on one thread) would only return memory to a process
    // about to exit. Only the CLI skips the drop; the library drops as usual.
    std::mem::forget(extractor);
    Ok(exit_for(failures, documents))
}

fn audit(input: InputArgs, out: PathBuf) -> Result<ExitCode> {
    let extractor = extractor(&input)?;
    let window = extractor.window();
    let mut parts = Vec::new();
    let mut texts = Vec::new();
    let failures = run_documents(&input, &extractor, true, None, |done| {
        if let Some(doc) = done.document {
            texts.push((doc.id, doc.text));
        }
        if let Some(part) = done.part {
            parts.push(part);
        }
        Ok(())
    })?;
    let documents = parts.len();
    let merged = timeline::merge(parts, window);
    texts.sort();
    let html = annalist::audit::render_audit(&merged, &texts);
    write_atomic(&out.join("audit.html"), html.as_bytes())
        .with_context(|| format!("writing {}", out.join("audit.html").display()))?;
    write_atomic(&out.join("timeline.json"), &to_json_pretty(&merged)?)?;
    Ok(exit_for(failures, documents))
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    if let Some(dir) = &args.timeml {
        let docs = annalist::eval::timeml::read_timeml_dir(dir).map_err(|e| anyhow::anyhow!(e))?;
        let extractor =
            Extractor::new(load_rules(args.rules.as_deref())?).map_err(|e| anyhow::anyhow!(e))?;
        let report = annalist::eval::timeml::evaluate(&extractor, &docs);
        if args.json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            print!("{report}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &args.conll {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .file_stem()
            .map_or_else(|| "conll".into(), |s| s.to_string_lossy().into_owned());
        let docs =
            annalist::eval::conll::parse_conll(&name, &text).map_err(|e| anyhow::anyhow!(e))?;
        let extractor =
            Extractor::new(load_rules(args.rules.as_deref())?).map_err(|e| anyhow::anyhow!(e))?;
        let report = annalist::eval::conll::evaluate(&extractor, &docs);
        if args.json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            println!("{} documents", docs.len());
            println!("{report}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(gold), Some(pred)) = (&args.gold, &args.pred) else {
        bail!("eval needs --gold GOLD.json PRED.json, --timeml DIR or --conll FILE");
    };
    let gold_text =
        std::fs::read_to_string(gold).with_context(|| format!("reading {}", gold.display()))?;
    let gold: annalist::eval::seed_gold::SeedGold =
        serde_json::from_str(&gold_text).with_context(|| format!("parsing {}", gold.display()))?;
    let pred_text =
        std::fs::read_to_string(pred).with_context(|| format!("reading {}", pred.display()))?;
    let pred: Timeline =
        serde_json::from_str(&pred_text).with_context(|| format!("parsing {}", pred.display()))?;
    let report = annalist::eval::seed_gold::score_seed(&gold, &pred);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

fn rules_check(dir: Option<&Path>) -> Result<ExitCode> {
    let rules = match dir {
        Some(dir) => RuleSet::from_dir(dir),
        None => RuleSet::embedded(),
    };
    match rules {
        Ok(set) => {
            let extractor = Extractor::new(set).map_err(|e| anyhow::anyhow!(e))?;
            let failures = annalist::examples::check(&extractor);
            let set = extractor.rules();
            for failure in &failures {
                eprintln!("{failure}");
            }
            println!(
                "{}: {} rules, {} gazetteers ({} entries), {} example failures",
                set.origin,
                set.rules.len(),
                set.gazetteers.len(),
                set.gazetteers
                    .iter()
                    .map(|g| g.entries.len())
                    .sum::<usize>(),
                failures.len()
            );
            Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("{error}");
            }
            eprintln!("annalist: {} error(s) in the rules", errors.0.len());
            Ok(ExitCode::from(2))
        }
    }
}

fn read_parts(path: &Path) -> Result<Vec<Timeline>> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut reader = std::io::BufReader::new(file);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut reader, &mut rest)?;
    // A whole timeline.json starts with a lone "{"; JSON Lines start with an object on one line.
    if first.trim() == "{" {
        let whole = first + &rest;
        let timeline = serde_json::from_str(&whole)
            .with_context(|| format!("{}: not a timeline.json", path.display()))?;
        return Ok(vec![timeline]);
    }
    let mut parts = Vec::new();
    for (index, line) in std::iter::once(first.as_str())
        .chain(rest.lines())
        .enumerate()
    {
        if line.trim().is_empty() {
            continue;
        }
        parts.push(
            serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a timeline object", path.display(), index + 1)
            })?,
        );
    }
    Ok(parts)
}

fn merge(paths: &[PathBuf], out: &Path, from: Option<i32>, to: Option<i32>) -> Result<ExitCode> {
    let mut parts = Vec::new();
    for path in paths {
        parts.extend(read_parts(path)?);
    }
    let year = |text: &str| text.parse::<i32>().ok();
    let first_window = parts.first().map(|p| p.window.clone());
    let window = YearWindow {
        from: from
            .or_else(|| first_window.as_ref().and_then(|w| year(&w.from)))
            .unwrap_or(i32::MIN),
        to: to
            .or_else(|| first_window.as_ref().and_then(|w| year(&w.to)))
            .unwrap_or(i32::MAX),
    };
    let merged = timeline::merge(parts, window);
    write_atomic_with(out, |w| {
        serde_json::to_writer_pretty(&mut *w, &merged)?;
        w.write_all(b"\n")
    })
    .with_context(|| format!("writing {}", out.display()))?;
    Ok(ExitCode::SUCCESS)
}
