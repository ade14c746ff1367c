//! Compiles the default rules into the binary: lists every `.toml` file under `rules/` (sorted)
//! into `$OUT_DIR/default_rules.rs` as `(relative path, include_str!(...))` pairs.
//!
//! Also fingerprints the source code (`CROSSCHECK_SOURCE_HASH`, FNV-1a over the paths and
//! bytes of every file under `src/`): the claims cache keys on it, so a build whose extraction
//! changed never reads claims an older build wrote.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    walk_ending(dir, "toml", out);
}

fn walk_ending(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk_ending(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// FNV-1a, 64 bits, over the relative path and the bytes of each file.
fn source_hash(root: &Path, files: &[PathBuf]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for f in files {
        eat(f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .as_bytes());
        eat(&[0]);
        eat(&fs::read(f).unwrap_or_default());
        eat(&[0]);
    }
    h
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    println!("cargo:rerun-if-changed=src");
    let mut sources = Vec::new();
    walk_ending(&root.join("src"), "rs", &mut sources);
    sources.sort();
    println!(
        "cargo:rustc-env=CROSSCHECK_SOURCE_HASH={:016x}",
        source_hash(&root, &sources)
    );
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
