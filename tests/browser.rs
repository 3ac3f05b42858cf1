//! The audit page of the seed in a real browser (headless Chromium): every
//! mention and timex highlighted exactly once, one timeline mark per event,
//! and no network request. Skipped, saying so, where Chromium is absent;
//! `.ci/run` installs it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Every `name="value"` attribute of every `<tag ...>` opening tag.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<BTreeMap<&'a str, &'a str>> {
    let open = format!("<{tag} ");
    html.match_indices(&open)
        .map(|(at, _)| {
            let end = html[at..].find('>').map_or(html.len(), |e| at + e);
            let mut attributes = BTreeMap::new();
            let mut rest = &html[at + open.len()..end];
            while let Some(eq) = rest.find("=\"") {
                let name = rest[..eq].trim();
                let value_end = rest[eq + 2..].find('"').map_or(rest.len(), |v| eq + 2 + v);
                attributes.insert(name, &rest[eq + 2..value_end]);
                rest = &rest[(value_end + 1).min(rest.len())..];
            }
            attributes
        })
        .collect()
}

#[test]
fn audit_page_in_chromium() {
    let Some(browser) = chromium() else {
        println!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(root)
        .args(["audit", "seeds", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let page = dir.path().join("audit.html");
    let netlog = dir.path().join("net.json");
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dom = String::from_utf8(output.stdout).unwrap();

    let timeline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("timeline.json")).unwrap())
            .unwrap();
    let mut expected: Vec<(String, String, u64, u64)> = Vec::new();
    for entity in timeline["entities"].as_array().unwrap() {
        for m in entity["mentions"].as_array().unwrap() {
            expected.push((
                "mention".into(),
                m["doc"].as_str().unwrap().into(),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
            ));
        }
    }
    for t in timeline["timexes"].as_array().unwrap() {
        expected.push((
            "timex".into(),
            t["doc"].as_str().unwrap().into(),
            t["start"].as_u64().unwrap(),
            t["end"].as_u64().unwrap(),
        ));
    }
    let mut highlighted: Vec<(String, String, u64, u64)> = tags(&dom, "mark")
        .into_iter()
        .filter(|a| a.contains_key("data-kind"))
        .map(|a| {
            (
                a["data-kind"].to_string(),
                a["data-doc"].to_string(),
                a["data-start"].parse().unwrap(),
                a["data-end"].parse().unwrap(),
            )
        })
        .collect();
    expected.sort();
    highlighted.sort();
    println!(
        "{} highlights for {} mentions and timexes",
        highlighted.len(),
        expected.len()
    );
    assert_eq!(
        highlighted, expected,
        "each mention and timex highlighted exactly once"
    );

    let marks = tags(&dom, "a")
        .into_iter()
        .filter(|a| a.get("class") == Some(&"mark"))
        .count();
    let events = timeline["events"].as_array().unwrap().len();
    println!("{marks} timeline marks for {events} events");
    assert_eq!(marks, events);
    assert!(events > 0);

    // The page's own requests carry its origin as initiator; Chromium's
    // background requests (updates, time, sign-in) carry "not an origin".
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&netlog).unwrap()).unwrap();
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .unwrap();
    let requests: Vec<String> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str())
        .filter(|url| !url.starts_with("file:") && !url.starts_with("data:"))
        .map(str::to_string)
        .collect();
    assert!(
        requests.is_empty(),
        "the page made network requests: {requests:?}"
    );
    assert!(dom.contains("Content-Security-Policy") && dom.contains("default-src 'none'"));
}
