//! Build-time generation of reference data into compact Rust tables.
//!
//! Reference data lives in `data/` as text files with their sources named; nothing in it is
//! typed by hand into match arms. Each generator is a module under `codegen/`.

#[path = "codegen/messages.rs"]
mod messages;
#[path = "codegen/regions.rs"]
mod regions;

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(problem) = messages::generate(std::path::Path::new("data/messages"), &out_dir) {
        eprintln!("message catalog: {problem}");
        std::process::exit(1);
    }
    if let Err(problem) = regions::generate(std::path::Path::new("data/regions/loc.dat"), &out_dir) {
        eprintln!("region table: {problem}");
        std::process::exit(1);
    }
}
