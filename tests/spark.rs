//! The Spark example gives the same timeline as one machine. Skipped, saying
//! so, when pyspark (and Java) are not installed.

use std::path::Path;
use std::process::Command;

#[test]
fn spark_output_equals_a_single_machine_run() {
    let has_pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success());
    let has_java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(has_pyspark && has_java) {
        println!("skipped: pyspark or java is not installed (pip install pyspark)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let texts = [
        "Floods hit Dhaka in June 2010, killing 30 people.",
        "Talks in Geneva collapsed in March 2012, the UN said.",
        "Riots shook London in August 2011.",
        "In 2014 Isis seized Mosul.",
        "Berlin was attacked in December 2016, where 12 died.",
    ];
    let lines: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{}\n",
                serde_json::json!({"id": format!("d{i}"), "text": t, "published": "2017-01-01"})
            )
        })
        .collect();
    std::fs::write(&corpus, &lines).unwrap();
    let annalist = env!("CARGO_BIN_EXE_annalist");
    let out = dir.path().join("spark");
    let status = Command::new("python3")
        .arg(root.join("examples/spark/annalist_spark.py"))
        .arg(&corpus)
        .arg(&out)
        .args(["--annalist", annalist, "--partitions", "3"])
        .status()
        .unwrap();
    assert!(status.success());
    let mut child = Command::new(annalist)
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), lines.as_bytes()).unwrap();
    let single = child.wait_with_output().unwrap().stdout;
    // `source` names the input line within each process's own stdin, so
    // it differs between a split run and a single one; all else must not.
    let read = |bytes: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        v.as_object_mut().unwrap().remove("generator");
        for doc in v["documents"].as_array_mut().unwrap() {
            doc.as_object_mut().unwrap().remove("source");
        }
        v
    };
    let spark = read(&std::fs::read(out.join("timeline.json")).unwrap());
    assert_eq!(spark, read(&single));
    assert_eq!(spark["documents"].as_array().unwrap().len(), 5);
}
