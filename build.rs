//! Compiles the default rules into the binary: lists every `.toml` file under `rules/` (sorted)
//! into `$OUT_DIR/default_rules.rs` as `(relative path, include_str!(...))` pairs.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    walk(&rules, &mut files);
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let mut out =
        fs::File::create(out_dir.join("default_rules.rs")).expect("create default_rules.rs");
    writeln!(
        out,
        "/// The default rule files: (path relative to `rules/`, contents)."
    )
    .ok();
    writeln!(out, "pub const DEFAULT_RULES: &[(&str, &str)] = &[").ok();
    for f in &files {
        let rel = f
            .strip_prefix(&rules)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .ok();
    }
    writeln!(out, "];").ok();
}
