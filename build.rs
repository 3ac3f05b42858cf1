//! Rebuilds the crate when a rule file changes: the default rules are
//! embedded with `include_dir!`, which cargo does not track by itself.
fn main() {
    println!("cargo:rerun-if-changed=rules");
}
