#![no_main]
//! Fuzz target: see annalist::harness::merge.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    annalist::harness::merge(data);
});
