#![no_main]
//! Fuzz target: see annalist::harness::extract.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    annalist::harness::extract(data);
});
