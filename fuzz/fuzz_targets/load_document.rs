#![no_main]
//! Fuzz target: see annalist::harness::load_document.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    annalist::harness::load_document(data);
});
