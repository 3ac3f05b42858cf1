//! Replays every saved fuzzing input (fuzz/corpus/<target>/*) through the
//! same harness the cargo-fuzz targets use, so a crash once found stays
//! fixed.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        // A running fuzzer may replace files under us; a vanished one is skipped.
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        run(&bytes);
        count += 1;
    }
    count
}

#[test]
fn saved_fuzz_inputs_still_pass() {
    let counts = [
        (
            "load_document",
            replay("load_document", annalist::harness::load_document),
        ),
        (
            "load_rules",
            replay("load_rules", annalist::harness::load_rules),
        ),
        ("extract", replay("extract", annalist::harness::extract)),
        ("merge", replay("merge", annalist::harness::merge)),
    ];
    for (target, n) in counts {
        println!("{target}: {n} inputs replayed");
        assert!(n > 0, "no corpus for {target}");
    }
}
