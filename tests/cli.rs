//! The command line as users drive it: exit codes, messages naming the
//! culprit, atomic output, JSON Lines, merge.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn annalist(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn annalist_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const GOOD: &str = "2016-05-02\n\nFloods hit Dhaka in March 2015, killing 30 people, and the Red Crescent Society said on Friday that aid had reached Sylhet.\n";

#[test]
fn bad_documents_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a_good.txt"), GOOD).unwrap();
    std::fs::write(
        input.join("b_latin1.txt"),
        b"2016-05-02\n\nCaf\xe9 bombing\n",
    )
    .unwrap();
    std::fs::write(input.join("c_empty.txt"), b"").unwrap();
    std::fs::write(input.join("d_binary.txt"), b"abc\0def").unwrap();
    let out = annalist(&["extract", "in", "--out", "out"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("b_latin1.txt") && err.contains("byte"),
        "{err}"
    );
    assert!(err.contains("c_empty.txt"), "{err}");
    assert!(err.contains("d_binary.txt"), "{err}");
    let timeline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/timeline.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(timeline["documents"].as_array().unwrap().len(), 1);
    assert_eq!(timeline["events"][0]["date"]["value"], "2015-03");
    assert_eq!(timeline["events"][0]["killed"], 30);
}

#[test]
fn broken_rules_name_file_and_rule_and_keep_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("mine.toml"),
        "[[rule]]\nid = \"my-date\"\ntype = \"DATE\"\npattern = \"(\"\nvalue = \"2017\"\n",
    )
    .unwrap();
    let check = annalist(&["rules", "check", "--rules", "rules"], dir.path());
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(2), "{err}");
    assert!(
        err.contains("mine.toml:2: rule 'my-date': invalid regex"),
        "{err}"
    );

    std::fs::write(dir.path().join("doc.txt"), GOOD).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/timeline.json"), "previous").unwrap();
    let run = annalist(
        &["extract", "doc.txt", "--rules", "rules", "--out", "out"],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/timeline.json")).unwrap(),
        "previous"
    );
}

#[test]
fn the_embedded_rules_check_clean() {
    let out = annalist(&["rules", "check"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(text.contains("0 example failures"), "{text}");
}

#[test]
fn json_lines_stream_and_merge_equals_one_run() {
    let docs = [
        ("a", "Talks opened in Geneva on 3 May 2011."),
        ("b", "Fighting in Aleppo began in July 2012, the UN said."),
        ("c", "Riots shook London in August 2011."),
    ];
    let jsonl: String = docs
        .iter()
        .map(|(id, text)| {
            format!(
                "{}\n",
                serde_json::json!({"id": id, "text": text, "published": "2013-01-01"})
            )
        })
        .collect();
    let streamed = annalist_stdin(&["extract", "-", "--format", "jsonl"], &jsonl);
    assert!(streamed.status.success(), "{}", stderr(&streamed));
    let lines: Vec<&str> = std::str::from_utf8(&streamed.stdout)
        .unwrap()
        .lines()
        .collect();
    assert_eq!(lines.len(), 3);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("part1.jsonl"),
        format!("{}\n{}\n", lines[2], lines[0]),
    )
    .unwrap();
    std::fs::write(dir.path().join("part2.jsonl"), format!("{}\n", lines[1])).unwrap();
    let merged = annalist(
        &[
            "merge",
            "part1.jsonl",
            "part2.jsonl",
            "--out",
            "merged.json",
        ],
        dir.path(),
    );
    assert!(merged.status.success(), "{}", stderr(&merged));

    let whole = annalist_stdin(&["extract", "-"], &jsonl);
    let read = |bytes: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        v.as_object_mut().unwrap().remove("generator");
        v
    };
    let merged_json = read(&std::fs::read(dir.path().join("merged.json")).unwrap());
    assert_eq!(merged_json, read(&whole.stdout));
    assert_eq!(merged_json["events"].as_array().unwrap().len(), 3);
}

#[test]
fn bad_json_lines_name_their_line() {
    let input = "{\"id\":\"a\",\"text\":\"In 2010 it rained.\"}\nnot json\n{\"id\":\"c\",\"text\":\"In 2012 it snowed.\"}\n";
    let out = annalist_stdin(&["extract", "-"], input);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(":2") || err.contains("line 2"), "{err}");
    let timeline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(timeline["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn window_flags_cut_the_timeline() {
    let out = annalist_stdin(
        &["extract", "-", "--from", "2012", "--to", "2012"],
        "{\"id\":\"a\",\"text\":\"The war began in 2011. Talks failed in 2012. A truce came in 2013.\"}\n",
    );
    let timeline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let values: Vec<&str> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, vec!["2012"]);
    assert_eq!(timeline["timexes"].as_array().unwrap().len(), 3);
}

#[test]
fn missing_inputs_and_bad_flags_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = annalist(&["extract", "nope.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.txt"));
    let out = annalist(
        &["extract", "x", "--from", "2017", "--to", "2005"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let out = annalist(&["extract", "x", "--published", "yesterday"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_interrupted_run_leaves_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for i in 0..3000 {
        std::fs::write(input.join(format!("d{i:04}.txt")), GOOD.repeat(20)).unwrap();
    }
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/timeline.json"), "previous").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "out", "--threads", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    for signal in ["-INT", "-TERM"] {
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
    }
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run should have been interrupted");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/timeline.json")).unwrap(),
        "previous"
    );
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let texts = [
        "Floods hit Dhaka in June 2010, killing 30 people.",
        "Talks in Geneva collapsed in March 2012, the UN said.",
        "Riots shook London in August 2011. Mr Cameron spoke on Tuesday.",
        "In 2014 Isis seized Mosul, almost 33 months ago.",
    ];
    for i in 0..300 {
        std::fs::write(
            input.join(format!("d{i:03}.txt")),
            format!("2016-05-0{}\n\n{}\n", 1 + i % 9, texts[i % 4]),
        )
        .unwrap();
    }
    let one = annalist(&["extract", "in", "--threads", "1"], dir.path());
    let two = annalist(&["extract", "in", "--threads", "2"], dir.path());
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn a_paused_stream_gets_what_it_sent_without_waiting_for_more() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["extract", "-", "--format", "jsonl", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let line = serde_json::json!({"id": "a", "published": "2015-05-04", "text": GOOD});
    writeln!(stdin, "{line}").unwrap();
    stdin.flush().unwrap();
    // Its result must come while standard input stays open, as a crawler's
    // stream stays open between articles.
    let stdout = child.stdout.take().unwrap();
    let (sent, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut first = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
        sent.send(first).unwrap();
    });
    let first = received.recv_timeout(std::time::Duration::from_secs(60));
    drop(stdin);
    child.wait().unwrap();
    let first = first.expect("the document's result came only when the input ended");
    assert!(first.contains("\"id\":\"a\""), "{first}");
}
